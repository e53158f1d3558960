#!/usr/bin/env python3
"""Reference fixtures for CausalKit's Goodman-Bacon (2021) decomposition.

What this script produces
-------------------------
Running it rewrites, relative to this file's folder (``Tests/Fixtures``):

* ``data/castle.csv``       real data: 50 US states x 2000-2010, the castle-doctrine panel
  of Cheng and Hoekstra (2013, Journal of Human Resources 48(3)), as shipped (``castle.rda``)
  by the R package bacondecomp (github.com/evanjflack/bacondecomp, folder ``data``).  Kept
  columns: ``state``, ``sid``, ``year``, ``post`` (castle-doctrine law in effect, 0/1),
  ``l_homicide`` (log homicide rate).
* ``data/math_reform.csv``  real data: 26 states x 1975-1994 graduating classes, Goodman
  (2019, Journal of Labor Economics), as shipped (``math_reform.rda``) by bacondecomp.
  Columns ``state``, ``class``, ``reform_math`` (0/1), ``reformyr_math``, ``incearn_ln``.
* ``data/sim_bacon.csv``    simulated (seed 20260501): 90 units observed in the odd years
  2001-2017 (9 periods, time codes two apart), with always-treated units, never-treated
  units and three timing groups, effects growing with exposure and differing by group.
* ``data/sim_bacon_timing.csv`` simulated (seed 20260502): 60 units with text ids,
  periods 1-8, four timing groups and no never- or always-treated unit.
* ``expected/bacon.json``   per data set: every 2x2 comparison (treated timing group,
  control group, type, estimate, weight), the totals by type, and the two-way
  fixed-effects coefficient of ``y ~ D | unit + time`` with its standard error clustered by
  unit.

References and how they are combined
------------------------------------
* diff-diff 3.13.0 (``diff_diff.BaconDecomposition``, weights="exact") gives every
  comparison when no unit is always treated.  With always-treated units it folds them into
  the never-treated bucket (its ``treated_vs_never`` rows are then "treated vs never or
  always treated"); those merged rows are stored apart as ``merged_untreated`` and the
  comparisons between timing groups are taken from it.
* pybacondecomp 0.1.0 (``pybacondecomp.bacondecomp``, a port of Stata's ``bacondecomp``)
  gives the "Never vs timing" and "Always vs timing" rows apart, and its "Timing groups"
  rows (one per pair of timing groups: the earlier-vs-later and later-vs-earlier
  comparisons combined) are stored as ``stata_timing_pairs``.  Its ``ddetail`` mode drops
  the always-treated rows, so the default mode is used.
* The script checks that the two packages agree wherever they report the same quantity
  (relative difference below 1e-9) and that the weights sum to one and the weighted sum of
  the estimates equals pyfixest's coefficient (below 1e-10) before writing anything.
* pyfixest 0.60.0 gives the two-way fixed-effects coefficient and its CRV1 standard error
  clustered by unit (fixest's small-sample conventions).

Published values
----------------
For the castle data, bacondecomp's ``tests/testthat/test_summary.R`` states the totals Stata's
``bacondecomp`` prints (weight, average estimate, three decimals): Earlier vs Later Treated
0.060, -0.006; Later vs Earlier Treated 0.032, 0.070; Treated vs Untreated 0.908, 0.088.  For
the math-reform data, bacondecomp's README.md prints six comparisons and the totals.  The Swift
tests check these too; the script prints its totals to compare by eye.

Versions and how to run
-----------------------
Python 3.11.7, diff-diff 3.13.0, pybacondecomp 0.1.0, pyfixest 0.60.0, pyreadr 0.5.8,
numpy 2.4.6, pandas 3.1.1.  Install and run from the repository root::

    python3 -m venv /tmp/venv-bacon
    /tmp/venv-bacon/bin/pip install diff-diff==3.13.0 pybacondecomp==0.1.0 pyfixest==0.60.0 pyreadr==0.5.8
    git clone https://github.com/evanjflack/bacondecomp /tmp/bacondecomp   # castle.rda, math_reform.rda
    /tmp/venv-bacon/bin/python Tests/Fixtures/generate_bacon.py --rda-dir /tmp/bacondecomp/data

Simulations use ``numpy.random.default_rng`` with fixed seeds, and every reference is
computed on the data as read back from the CSV files.
"""

from __future__ import annotations

import os
import sys

# pyfixest and the decomposition packages iterate over Python sets in places, which changes the
# order of some floating-point operations (last-digit differences) from one interpreter start
# to the next.  Pin string hashing so that reruns reproduce the committed files bit for bit.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

import argparse
import json
import platform
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
EXPECTED = HERE / "expected" / "bacon.json"

DIFF_DIFF_TYPES = {
    "treated_vs_never": "treated_vs_never_treated",
    "earlier_vs_later": "earlier_vs_later_treated",
    "later_vs_earlier": "later_vs_earlier_treated",
}
STATA_TYPES = {"Never vs timing": "treated_vs_never_treated", "Always vs timing": "treated_vs_always_treated"}


def write_csv(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Writes a data file and returns it as read back (what the references and Swift see)."""
    path = DATA_DIR / name
    frame.to_csv(path, index=False, float_format="%.17g", lineterminator="\n")
    return pd.read_csv(path)


def real_data(rda_dir: Path) -> dict[str, pd.DataFrame]:
    """The castle and math-reform panels from bacondecomp's .rda files."""
    import pyreadr

    castle = pyreadr.read_r(str(rda_dir / "castle.rda"))["castle"]
    castle = castle[["state", "sid", "year", "post", "l_homicide"]].copy()
    castle["post"] = castle["post"].astype(int)
    math_reform = pyreadr.read_r(str(rda_dir / "math_reform.rda"))["math_reform"]
    math_reform = math_reform[["state", "class", "reform_math", "reformyr_math", "incearn_ln"]].copy()
    math_reform["state"] = math_reform["state"].astype(str)
    return {
        "castle.csv": write_csv(castle.sort_values(["state", "year"]), "castle.csv"),
        "math_reform.csv": write_csv(math_reform.sort_values(["state", "class"]), "math_reform.csv"),
    }


def simulated_panel(seed: int, units: int, periods: list[int], onsets: list[int | None], ids: str) -> pd.DataFrame:
    """A balanced staggered panel: onset index per unit drawn from `onsets` (None = never,
    0 = always), unit and period effects, and effects that differ by group and grow with
    exposure (so the forbidden comparisons are biased)."""
    rng = np.random.default_rng(seed)
    onset = rng.choice(len(onsets), size=units)
    unit_effect = rng.normal(0, 1, size=units)
    period_effect = rng.normal(0, 0.5, size=len(periods)).cumsum()
    rows = []
    for i in range(units):
        start = onsets[onset[i]]
        for t, period in enumerate(periods):
            d = int(start is not None and t >= start)
            exposure = t - start if d else 0
            effect = d * (1.0 + 0.4 * exposure + 0.3 * (start or 0))
            y = 2.0 + unit_effect[i] + period_effect[t] + effect + rng.normal(0, 1)
            unit = f"u{i + 1:03d}" if ids == "text" else i + 1
            rows.append((unit, period, d, y))
    return pd.DataFrame(rows, columns=["unit", "period", "treat", "y"])


def plain_names(frame: pd.DataFrame, y: str, d: str, unit: str, time: str) -> pd.DataFrame:
    """The four columns under the names y, d, unit, time, the unit ids as integer codes:
    pybacondecomp finds no comparison when the ids are text, and formulaic (pyfixest's
    formula parser) reads `class` as a keyword.  Neither renaming changes any number."""
    return pd.DataFrame({"y": frame[y], "d": frame[d], "unit": pd.factorize(frame[unit], sort=True)[0],
                         "time": frame[time]})


def twfe(frame: pd.DataFrame, y: str, d: str, unit: str, time: str) -> dict:
    import pyfixest as pf

    fit = pf.feols("y ~ d | unit + time", data=plain_names(frame, y, d, unit, time), vcov={"CRV1": "unit"})
    return {"estimate": float(fit.coef()["d"]), "std_error": float(fit.se()["d"])}


def diff_diff_rows(frame: pd.DataFrame, y: str, d: str, unit: str, time: str) -> list[dict]:
    from diff_diff import BaconDecomposition

    first = frame[frame[d] == 1].groupby(unit)[time].min()
    data = frame.assign(_first=frame[unit].map(first).fillna(0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the always-treated remapping notice
        result = BaconDecomposition(weights="exact").fit(data, outcome=y, unit=unit, time=time, first_treat="_first")
    rows = []
    for c in result.comparisons:
        rows.append({
            "treated": int(c.treated_group),
            "control": None if c.control_group == "never_treated" else int(c.control_group),
            "type": DIFF_DIFF_TYPES[c.comparison_type], "estimate": float(c.estimate), "weight": float(c.weight),
        })
    return rows


def stata_rows(frame: pd.DataFrame, y: str, d: str, unit: str, time: str) -> list[dict]:
    from pybacondecomp import bacondecomp

    coded = plain_names(frame, y, d, unit, time)
    result = bacondecomp(coded, "y", "d", "unit", "time", ddetail=False, verbose=False)
    rows = []
    for r in result.two_by_two.itertuples():
        control = None if r.control in ("Never", "Always") else int(r.control)
        kind = STATA_TYPES.get(r.type, "timing_pair")
        rows.append({"treated": int(r.treated), "control": control, "type": kind,
                     "estimate": float(r.estimate), "weight": float(r.weight)})
    return rows


def totals(rows: list[dict]) -> list[dict]:
    out = []
    for kind in ["treated_vs_never_treated", "earlier_vs_later_treated", "later_vs_earlier_treated",
                 "treated_vs_always_treated"]:
        chosen = [r for r in rows if r["type"] == kind]
        if chosen:
            weight = sum(r["weight"] for r in chosen)
            out.append({"type": kind, "weight": weight,
                        "estimate": sum(r["weight"] * r["estimate"] for r in chosen) / weight,
                        "count": len(chosen)})
    return out


def close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol * max(abs(b), 1e-12)


def build_case(name: str, file: str, frame: pd.DataFrame, y: str, d: str, unit: str, time: str) -> dict:
    periods = sorted(frame[time].unique())
    first = frame[frame[d] == 1].groupby(unit)[time].min()
    always = int((first == periods[0]).sum())
    never = int(frame[unit].nunique() - len(first))
    timing_groups = int(first[first > periods[0]].nunique())

    dd = diff_diff_rows(frame, y, d, unit, time)
    st = stata_rows(frame, y, d, unit, time)
    key = lambda r: (r["treated"], -1 if r["control"] is None else r["control"])
    if always == 0:
        comparisons = dd
        merged = None
        # Cross-check: pybacondecomp's never-treated rows equal diff-diff's.
        for s in (r for r in st if r["type"] == "treated_vs_never_treated"):
            match = [r for r in dd if r["type"] == s["type"] and r["treated"] == s["treated"]]
            assert len(match) == 1 and close(match[0]["estimate"], s["estimate"], 1e-9), (name, s)
            assert close(match[0]["weight"], s["weight"], 1e-9), (name, s)
    else:
        comparisons = [r for r in dd if r["type"] != "treated_vs_never_treated"]
        comparisons += [r for r in st if r["type"] in ("treated_vs_never_treated", "treated_vs_always_treated")]
        merged = totals([r for r in dd if r["type"] == "treated_vs_never_treated"])[0]
    comparisons.sort(key=key)

    # Cross-check: pybacondecomp's timing pairs are the weighted combination of the two
    # directed comparisons of diff-diff.
    pairs = []
    for s in (r for r in st if r["type"] == "timing_pair"):
        both = [r for r in dd if {r["treated"], r["control"]} == {s["treated"], s["control"]}]
        assert len(both) == 2, (name, s)
        weight = sum(r["weight"] for r in both)
        estimate = sum(r["weight"] * r["estimate"] for r in both) / weight
        assert close(weight, s["weight"], 1e-9) and close(estimate, s["estimate"], 1e-9), (name, s, weight, estimate)
        pairs.append({"earlier": min(s["treated"], s["control"]), "later": max(s["treated"], s["control"]),
                      "estimate": s["estimate"], "weight": s["weight"]})
    pairs.sort(key=lambda p: (p["earlier"], p["later"]))

    reference = twfe(frame, y, d, unit, time)
    weight_sum = sum(r["weight"] for r in comparisons)
    weighted = sum(r["weight"] * r["estimate"] for r in comparisons)
    assert abs(weight_sum - 1) < 1e-10, (name, weight_sum)
    assert close(weighted, reference["estimate"], 1e-10), (name, weighted, reference)

    case = {
        "name": name, "data": file, "outcome": y, "treatment": d, "unit": unit, "time": time,
        "observations": int(len(frame)), "units": int(frame[unit].nunique()), "periods": len(periods),
        "timing_groups": timing_groups, "never_treated_units": never, "always_treated_units": always,
        "twfe": reference, "comparisons": comparisons, "totals": totals(comparisons),
        "stata_timing_pairs": pairs,
    }
    if merged is not None:
        case["merged_untreated"] = merged
    return case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rda-dir", type=Path, required=True, help="bacondecomp's data/ folder")
    args = parser.parse_args()

    import diff_diff
    import pybacondecomp
    import pyfixest

    data = real_data(args.rda_dir)
    data["sim_bacon.csv"] = write_csv(
        simulated_panel(20260501, 90, list(range(2001, 2018, 2)), [None, 0, 3, 5, 6], ids="int"), "sim_bacon.csv")
    data["sim_bacon_timing.csv"] = write_csv(
        simulated_panel(20260502, 60, list(range(1, 9)), [2, 3, 5, 7], ids="text"), "sim_bacon_timing.csv")

    cases = [
        build_case("castle", "castle.csv", data["castle.csv"], "l_homicide", "post", "state", "year"),
        build_case("math_reform", "math_reform.csv", data["math_reform.csv"], "incearn_ln", "reform_math", "state",
                   "class"),
        build_case("sim_always_never", "sim_bacon.csv", data["sim_bacon.csv"], "y", "treat", "unit", "period"),
        build_case("sim_timing_only", "sim_bacon_timing.csv", data["sim_bacon_timing.csv"], "y", "treat", "unit",
                   "period"),
    ]
    for case in cases:
        print(case["name"], case["twfe"], [(t["type"], round(t["weight"], 5), round(t["estimate"], 5))
                                           for t in case["totals"]])
    out = {
        "generator": (f"Tests/Fixtures/generate_bacon.py: diff-diff {diff_diff.__version__}, "
                      f"pybacondecomp {getattr(pybacondecomp, '__version__', '0.1.0')}, pyfixest {pyfixest.__version__}, "
                      f"numpy {np.__version__}, pandas {pd.__version__}, Python {platform.python_version()}"),
        "cases": cases,
    }
    EXPECTED.write_text(json.dumps(out, indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
