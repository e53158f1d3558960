"""Writes the Stata (.dta) fixtures of StataReader and their expected values.

Run from the repository root:  python3 Tests/Fixtures/generate_stata.py
Needs pandas and pyreadstat (pip install pandas pyreadstat); written with pandas 3.1.1 and
pyreadstat 1.3.8.

Writes Tests/Fixtures/data/stata/*.dta (generated with pandas `to_stata` and pyreadstat
`write_dta`, and two missing-code files whose cells are set byte by byte after pandas wrote
them), reads every .dta file of that folder (the generated ones and the real Stata-written
copies listed in its README) with pyreadstat, and writes what pyreadstat reads to
Tests/Fixtures/expected/stata_files.json: per file the format, byte order and row count, and per
variable the storage type, display format, labels, the column kind CausalKit gives it, its
levels, every value (text for categorical columns, numbers otherwise, null when missing) and
its missing-value counts by Stata missing code.

Conventions that the expected values encode (and StataReader documents): numeric variables
with value labels are categorical; their levels are every labelled value and every unlabelled
value present, ordered by numeric value, unlabelled values written as their number, equal texts
merged; strings are categorical with levels sorted, "" missing.

    python3 Tests/Fixtures/generate_stata.py --benchmark /tmp/bench.dta
writes a 1,000,000-row file of 6 double columns instead and times pyreadstat.read_dta on it.
"""

import json
import math
import os
import struct
import sys
import time
import warnings

import numpy as np
import pandas as pd
import pyreadstat

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "data", "stata")
EXPECTED = os.path.join(ROOT, "expected", "stata_files.json")
warnings.simplefilter("ignore")  # pandas warns about string widths and value-label names

LONG_TEXT = "".join(chr(0x41 + i % 26) for i in range(3000))


def mixed_frame(utf8):
    """Every storage type, missing values, a value-labelled categorical and a strL column."""
    city = ["Zürich", "", "Genève", "Köln", "Zürich", "Øslo", "", "Århus", "Genève", "Köln"]
    if utf8:
        city[5] = "東京"
        city[7] = "São Paulo 🚇"
    return pd.DataFrame({
        "id": pd.Series(range(1, 11), dtype="int8"),
        "year": pd.Series([2001, 2002, 2003, -32767, 32740, 2001, 2002, 2003, 2004, 2005], dtype="int16"),
        "count": pd.array([7, None, -2147483647, 2147483620, 5, 6, None, 8, 9, 10], dtype="Int32"),
        "small": pd.array([1, -127, 100, None, 0, 3, 4, 5, 6, 7], dtype="Int8"),
        "ratio": pd.Series([0.1, np.nan, 2.5, -1e30, 1.7e38, 3.0, 0.0, -0.5, 7.25, np.nan], dtype="float32"),
        "income": [1234.5, np.nan, 1e300, -8.9e307, 0.1, 2.0 / 3.0, -0.0, 55.0, np.nan, 3.141592653589793],
        "city": city,
        "grade": pd.Categorical(["low", "high", "mid", "low", None, "mid", "high", "low", "mid", "low"],
                                categories=["low", "mid", "high"]),
        "note": ["short", LONG_TEXT, "", "short", "x" * 2100, "short", "", LONG_TEXT, "y", "short"],
    })


def write_pandas_files():
    names = []
    for version, order, suffix in [(117, "little", ""), (117, "big", "_msf"), (118, "little", ""),
                                   (118, "big", "_msf"), (119, "little", ""), (119, "big", "_msf")]:
        name = f"pandas_{version}{suffix}.dta"
        frame = mixed_frame(utf8=version >= 118)
        frame.to_stata(os.path.join(DATA, name), version=version, byteorder=order, write_index=False,
                       convert_strl=["note"], data_label=f"pandas format {version}",
                       variable_labels={"income": "Yearly income", "city": "City of residence"})
        names.append(name)
    return names


def write_pyreadstat_files():
    """Value labels (with an unlabelled value, a duplicate text, a label for an absent value,
    labels on a double variable) and user missing values .a-.z."""
    frame = pd.DataFrame({
        "edu": [1.0, 2.0, 3.0, 7.0, np.nan, 2.0, 1.0, 3.0],
        "answer": pd.Series([1, 2, "a", 3, np.nan, "z", 2, "m"], dtype=object),
        "score": pd.Series([10.5, "b", 3.0, np.nan, 2.0, "c", 2.5, 4.0], dtype=object),
        "region": [4.0, 1.0, 2.0, 3.0, 4.0, 1.0, 2.5, np.nan],
        "name": ["x", "", "ü", "long" * 10, "a", "b", "x", "ü"],
        "essay": [LONG_TEXT, "b", LONG_TEXT, "", "c", LONG_TEXT, "b", ""],
    })
    labels = {
        "edu": {1: "primary", 2: "secondary", 3: "tertiary", 9: "unknown"},
        "answer": {1: "yes", 2: "no", 3: "maybe"},
        "region": {1: "north", 2: "south", 3: "north", 4: "east"},
    }
    names = []
    for version in (13, 14, 15):
        name = "pyreadstat_%d.dta" % {13: 117, 14: 118, 15: 119}[version]
        pyreadstat.write_dta(frame, os.path.join(DATA, name), version=version, file_label="pyreadstat labels",
                             column_labels={"edu": "Education", "answer": "Survey answer"},
                             variable_value_labels=labels,
                             missing_user_values={"answer": ["a", "m", "z"], "score": ["b", "c"]})
        names.append(name)
    return names


def write_missing_code_files():
    """byte, int, long, float and double columns whose cells are set to Stata's missing codes
    (., .a, .m, .z), to NaN, and to each type's extreme valid values, byte by byte."""
    rows = 8
    frame = pd.DataFrame({
        "b": pd.Series([1] * rows, dtype="int8"), "i": pd.Series([1] * rows, dtype="int16"),
        "l": pd.Series([1] * rows, dtype="int32"), "f": pd.Series([1.0] * rows, dtype="float32"),
        "d": pd.Series([1.0] * rows, dtype="float64"),
    })
    # (format, system missing, step) per column; codes: 0 = ".", 1..26 = ".a".. ".z"
    kinds = [("b", 101, 1), ("h", 32741, 1), ("i", 2147483621, 1), ("I", 0x7F000000, 0x800),
             ("Q", 0x7FE0000000000000, 0x10000000000)]
    extremes = {"b": (-127, 100), "h": (-32767, 32740), "i": (-2147483647, 2147483620),
                "I": (0xFEFFFFFF, 0x7EFFFFFF), "Q": (0xFFDFFFFFFFFFFFFF, 0x7FDFFFFFFFFFFFFF)}
    nan = {"I": 0x7FC00000, "Q": 0x7FF8000000000000}
    names = []
    for order, suffix in (("little", ""), ("big", "_msf")):
        name = f"missing_codes_118{suffix}.dta"
        path = os.path.join(DATA, name)
        frame.to_stata(path, version=118, byteorder=order, write_index=False)
        data = bytearray(open(path, "rb").read())
        start = data.index(b"<data>") + len(b"<data>")
        endian = "<" if order == "little" else ">"
        widths = [1, 2, 4, 4, 8]
        for j, (fmt, base, step) in enumerate(kinds):
            offset = sum(widths[:j])
            low, high = extremes[fmt]
            cells = [None, base, base + step, base + 13 * step, base + 26 * step, low, high,
                     nan.get(fmt, base + 2 * step)]
            for r, value in enumerate(cells):
                if value is None:
                    continue
                packed = struct.pack(endian + fmt, value)
                at = start + r * sum(widths) + offset
                data[at:at + len(packed)] = packed
        open(path, "wb").write(bytes(data))
        names.append(name)
    return names


def write_tool_files():
    """sim_fe.csv and wage_panel.csv as .dta, for the command-line and documentation tests."""
    sim = pd.read_csv(os.path.join(ROOT, "data", "sim_fe.csv"))
    sim.to_stata(os.path.join(DATA, "sim_fe.dta"), version=118, write_index=False)
    wage = pd.read_csv(os.path.join(ROOT, "data", "wage_panel.csv"))
    wage.to_stata(os.path.join(DATA, "wage_panel.dta"), version=118, write_index=False)
    return ["sim_fe.dta", "wage_panel.dta"]


STORAGE = {"int8": "byte", "int16": "int", "int32": "long", "float": "float", "double": "double"}


def number_text(value):
    """A number as CausalKit writes an unlabelled value: integers without a decimal point."""
    if value == round(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def finite(value):
    """A float for JSON: infinities (not missing values in Stata's sense when negative) as text."""
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def header_facts(path):
    head = open(path, "rb").read(80)
    release = int(head[head.index(b"<release>") + 9:][:3])
    order = head[head.index(b"<byteorder>") + 11:][:3].decode()
    return release, order


def expected_case(name):
    path = os.path.join(DATA, name)
    plain, meta = pyreadstat.read_dta(path, disable_datetime_conversion=True)
    user, _ = pyreadstat.read_dta(path, user_missing=True, disable_datetime_conversion=True)
    release, order = header_facts(path)
    variables = []
    for column in meta.column_names:
        rtype = meta.readstat_variable_types[column]
        if rtype == "string":
            # pyreadstat reports a str# variable's width plus one (room for a terminator), and 0
            # for strL.
            width = meta.variable_storage_width[column]
            storage = f"str{width - 1}" if width > 0 else "strL"
        else:
            storage = STORAGE[rtype]
        label_name = meta.variable_to_label.get(column)
        table = meta.value_labels.get(label_name) if label_name else None
        values = list(plain[column])
        letters = {}
        for raw in user[column]:
            if isinstance(raw, str) and rtype != "string":
                letters[raw] = letters.get(raw, 0) + 1
        entry = {"name": column, "storage_type": storage, "format": meta.original_variable_types[column],
                 "variable_label": meta.column_names_to_labels.get(column) or "",
                 "value_label_name": label_name}
        if rtype == "string":
            texts = [v if v != "" else None for v in values]
            entry["kind"] = "categorical"
            entry["levels"] = sorted({t for t in texts if t is not None})
            entry["values"] = texts
            system = sum(1 for t in texts if t is None)
        else:
            numbers = [None if (v is None or (isinstance(v, float) and math.isnan(v))) else v for v in values]
            system = sum(1 for v in numbers if v is None) - sum(letters.values())
            if table is not None:
                keys = {float(k) for k in table if isinstance(k, (int, float)) and not math.isnan(k)}
                present = {float(v) for v in numbers if v is not None}
                levels = []
                text_of = {}
                for value in sorted(keys | present):
                    text = table[value] if value in table else number_text(value)
                    text_of[value] = text
                    if text not in levels:
                        levels.append(text)
                entry["kind"] = "categorical"
                entry["levels"] = levels
                entry["values"] = [None if v is None else text_of[float(v)] for v in numbers]
            else:
                entry["kind"] = "int" if storage in ("byte", "int", "long") else "double"
                entry["values"] = [None if v is None else (int(v) if entry["kind"] == "int" else finite(float(v)))
                                   for v in numbers]
        entry["missing"] = {"system": system, "extended": letters}
        variables.append(entry)
    return {"file": name, "release": release, "byte_order": order, "rows": int(meta.number_rows or 0),
            "label": meta.file_label or "", "variables": variables}


def benchmark(path):
    rng = np.random.default_rng(20240701)
    n = 1_000_000
    frame = pd.DataFrame({f"x{k}": rng.normal(size=n) for k in range(6)})
    frame.to_stata(path, version=118, write_index=False)
    start = time.perf_counter()
    table, _ = pyreadstat.read_dta(path)
    elapsed = time.perf_counter() - start
    print(f"pyreadstat {pyreadstat.__version__}: read {len(table):,} rows x {table.shape[1]} columns "
          f"({os.path.getsize(path):,} bytes) in {elapsed:.3f} s")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--benchmark":
        benchmark(sys.argv[2])
        return
    os.makedirs(DATA, exist_ok=True)
    write_pandas_files()
    write_pyreadstat_files()
    write_missing_code_files()
    tool_files = write_tool_files()
    # sim_fe.dta and wage_panel.dta are compared with their CSV originals instead.
    files = sorted(f for f in os.listdir(DATA) if f.endswith(".dta") and f not in tool_files)
    cases = [expected_case(name) for name in files]
    document = {
        "generator": "Tests/Fixtures/generate_stata.py",
        "reference": f"pyreadstat {pyreadstat.__version__} (pandas {pd.__version__} wrote the generated files)",
        "cases": cases,
    }
    with open(EXPECTED, "w") as out:
        json.dump(document, out, ensure_ascii=False, indent=1, allow_nan=False)
        out.write("\n")
    print(f"wrote {len(cases)} cases to {EXPECTED}")


if __name__ == "__main__":
    main()
