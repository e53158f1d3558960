#!/usr/bin/env python3
"""Reference behaviour of R and statsmodels on extreme and degenerate regression inputs.

What this script produces
-------------------------
Running it rewrites, relative to this file's folder (``Tests/Fixtures``):

* ``data/extremes.csv``        40 simulated observations: a continuous outcome ``y``, two
  regressors ``x1``, ``x2``, a 0/1 outcome ``d``, a fixed-effect column ``firm`` (8 levels)
  and a cluster column ``g`` (10 levels); values rounded to 6 decimals.
* ``expected/extremes.json``   for every case in ``CASES``: what R (``lm``/``glm`` with the
  ``sandwich`` package, via ``generate_extremes.R``) and statsmodels (``OLS``/``Logit``) return:
  coefficients, standard errors, t (z) statistics, p-values, R², the F statistic, and every
  warning or error message, with non-finite numbers written as the strings "NaN", "Inf",
  "-Inf".

Each case applies one transformation to the base data before fitting.  The transformations
are plain IEEE double operations (a product with a constant, one value replaced, a column
set to a constant or to an exact linear function of the others), so R, Python and the Swift
tests (``Tests/FixedEffectsTests/ExtremeInputTests.swift``) all fit the very same numbers:

* ``scale:COL:C``        column COL multiplied by C;
* ``set:COL:ROW:V``      value of COL in row ROW (0-based) replaced by V;
* ``const:COL:V``        every value of COL set to V;
* ``perfect``            y replaced by 1 + 2 x1 - x2 (an exact linear fit);
* ``none``               the base data.

The table "Extreme and degenerate inputs" in
``Documentation/CausalKit.docc/FixedEffectsEstimation.md`` summarises these results beside
CausalKit's.

Package versions used for the committed files
---------------------------------------------
Python 3.11, numpy 2.4, pandas 3.1, statsmodels 0.15.0; R 4.2.2 with sandwich 3.0-2 (Debian's
r-cran-sandwich).  The exact versions of the last run are in the "generator" field of the JSON.

How to run
----------
From the repository root (Rscript must be on the PATH)::

    python3 Tests/Fixtures/generate_extremes.py
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "extremes.csv")
OUT = os.path.join(HERE, "expected", "extremes.json")

# name, model (ols | logit), formula, transformation, variance types
CASES = [
    ("base", "ols", "y ~ x1 + x2", "none", ["iid", "hc1", "hc2", "hc3"]),
    ("regressorScaledBy1e100", "ols", "y ~ x1 + x2", "scale:x2:1e100", ["iid", "hc1"]),
    ("regressorScaledBy1e160", "ols", "y ~ x1 + x2", "scale:x2:1e160", ["iid", "hc1"]),
    ("regressorScaledBy1e-170", "ols", "y ~ x1 + x2", "scale:x2:1e-170", ["iid", "hc1"]),
    ("logitBase", "logit", "d ~ x1 + x2", "none", ["iid"]),
    ("logitRegressorScaledBy1e160", "logit", "d ~ x1 + x2", "scale:x2:1e160", ["iid"]),
    ("logitRegressorScaledBy1e-170", "logit", "d ~ x1 + x2", "scale:x2:1e-170", ["iid"]),
    ("leverageX1Is1e4", "ols", "y ~ x1 + x2", "set:x1:0:1e4", ["hc1", "hc2", "hc3"]),
    ("leverageX1Is1e6", "ols", "y ~ x1 + x2", "set:x1:0:1e6", ["hc1", "hc2", "hc3"]),
    ("leverageX1Is1e9", "ols", "y ~ x1 + x2", "set:x1:0:1e9", ["hc1", "hc2", "hc3"]),
    ("leverageX1Is1e10", "ols", "y ~ x1 + x2", "set:x1:0:1e10", ["hc1", "hc2", "hc3"]),
    ("leverageX1Is1e12", "ols", "y ~ x1 + x2", "set:x1:0:1e12", ["hc1", "hc2", "hc3"]),
    ("constantOutcome", "ols", "y ~ x1 + x2", "const:y:3", ["iid", "hc1"]),
    ("perfectFit", "ols", "y ~ x1 + x2", "perfect", ["iid", "hc1"]),
    ("outcomeOnItself", "ols", "y ~ y", "none", ["iid"]),
    ("outcomeScaledBy1e-300", "ols", "y ~ x1 + x2", "scale:y:1e-300", ["iid", "hc1"]),
    ("outcomeScaledBy1e200", "ols", "y ~ x1 + x2", "scale:y:1e200", ["iid", "hc1"]),
    ("outcomeAllMinusMaxDouble", "ols", "y ~ x1 + x2", "const:y:-1.797e308", ["iid", "hc1"]),
    ("logitConstantOutcome", "logit", "d ~ x1 + x2", "const:d:1", ["iid"]),
    ("logitOutcomeOnItself", "logit", "d ~ d", "none", ["iid"]),
    ("logitOutcomeScaledBy1e-300", "logit", "d ~ x1 + x2", "scale:d:1e-300", ["iid"]),
]


def make_data() -> pd.DataFrame:
    rng = np.random.default_rng(20240601)
    n = 40
    x1 = rng.normal(size=n).round(6)
    x2 = rng.normal(size=n).round(6)
    firm = np.repeat(np.arange(8), 5)
    g = np.tile(np.arange(10), 4)
    y = (1 + 0.5 * x1 - 0.3 * x2 + rng.normal(size=n)).round(6)
    p = 1 / (1 + np.exp(-(0.3 + 0.8 * x1 - 0.5 * x2)))
    d = (rng.uniform(size=n) < p).astype(int)
    return pd.DataFrame(dict(y=y, x1=x1, x2=x2, d=d, firm=firm, g=g))


def transform(base: pd.DataFrame, spec: str) -> pd.DataFrame:
    d = base.copy()
    d["y"] = d["y"].astype(float)
    d["d"] = d["d"].astype(float)
    parts = spec.split(":")
    if parts[0] == "scale":
        d[parts[1]] = d[parts[1]] * float(parts[2])
    elif parts[0] == "set":
        d.loc[int(parts[2]), parts[1]] = float(parts[3])
    elif parts[0] == "const":
        d[parts[1]] = float(parts[2])
    elif parts[0] == "perfect":
        d["y"] = 1 + 2 * d["x1"] - d["x2"]
    elif parts[0] != "none":
        raise ValueError(spec)
    return d


def num(x) -> object:
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    return x


def statsmodels_case(base: pd.DataFrame, model: str, formula: str, spec: str, types: list[str]) -> dict:
    d = transform(base, spec)
    out: dict = {"variances": {}}
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            if model == "ols":
                fit = smf.ols(formula, d).fit()
            else:
                fit = smf.logit(formula, d).fit(disp=0, maxiter=100)
            out["terms"] = list(fit.params.index)
            out["coef"] = [num(v) for v in fit.params]
            if model == "ols":
                out["r2"] = num(fit.rsquared)
                out["f"] = num(fit.fvalue)
            for t in types:
                r = fit if t == "iid" else fit.get_robustcov_results(t.upper())
                out["variances"][t] = {
                    "se": [num(v) for v in np.asarray(r.bse)],
                    "t": [num(v) for v in np.asarray(r.tvalues)],
                    "p": [num(v) for v in np.asarray(r.pvalues)],
                }
            if model == "ols" and any(t in ("hc2", "hc3") for t in types):
                out["max_leverage"] = num(fit.get_influence().hat_matrix_diag.max())
        except Exception as e:  # recorded, not raised: the error is the reference behaviour
            out["error"] = f"{type(e).__name__}: {e}"
        out["warnings"] = sorted({str(w.message).splitlines()[0] for w in seen})
    return out


def r_results(cases_path: str, out_path: str) -> dict:
    proc = subprocess.run(
        ["Rscript", os.path.join(HERE, "generate_extremes.R"), cases_path, DATA, out_path],
        capture_output=True, text=True, check=True)
    version = proc.stdout.strip()
    results: dict = {}
    with open(out_path) as f:
        for line in f:
            case, key, value = line.rstrip("\n").split("\t")
            entry = results.setdefault(case, {"variances": {}, "warnings": []})
            if key == "warning":
                entry["warnings"].append(value)
            elif key in ("error", "summary_warning"):
                entry.setdefault(key + "s", []).append(value)
            elif key == "term":
                entry.setdefault("terms", []).append(value)
            elif "." in key:
                vtype, what = key.split(".")
                entry["variances"].setdefault(vtype, {}).setdefault(what, []).append(parse_r(value))
            else:
                entry.setdefault(key, []).append(parse_r(value))
    for entry in results.values():
        entry["warnings"] = sorted(set(entry["warnings"]))
        for key in ("r2", "f", "max_leverage"):
            if key in entry:
                entry[key] = entry[key][0]
    return {"results": results, "version": version}


def parse_r(text: str) -> object:
    if text in ("NaN", "NA"):
        return "NaN"
    if text == "Inf":
        return "Inf"
    if text == "-Inf":
        return "-Inf"
    return float(text)


def main() -> None:
    base = make_data()
    base.to_csv(DATA, index=False)
    base = pd.read_csv(DATA)
    with tempfile.TemporaryDirectory() as tmp:
        cases_path = os.path.join(tmp, "cases.tsv")
        with open(cases_path, "w") as f:
            f.write("name\tmodel\tformula\ttransform\tvcov\n")
            for name, model, formula, spec, types in CASES:
                f.write(f"{name}\t{model}\t{formula}\t{spec}\t{'+'.join(types)}\n")
        r = r_results(cases_path, os.path.join(tmp, "r.tsv"))
    cases = []
    for name, model, formula, spec, types in CASES:
        cases.append({
            "name": name, "model": model, "formula": formula, "transform": spec, "vcov": types,
            "r": r["results"].get(name, {}),
            "statsmodels": statsmodels_case(base, model, formula, spec, types),
        })
    doc = {
        "generator": {
            "script": "Tests/Fixtures/generate_extremes.py (+ generate_extremes.R)",
            "python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__, "r": r["version"],
        },
        "data": "data/extremes.csv",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
