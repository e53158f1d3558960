"""First-stage covariates of the two-stage DiD fixtures (TwoStageDiD's `covariates:`).

Each case names its covariates by the formula text the Swift tests pass to
`Covariates(formula:)`; COLUMNS maps that text to the dense columns the formula expands to, in
CausalKit's model-frame order and names, computed here directly from the data:

    x1t                          x1 * (year - 2000)       (the derived column of
                                 generate_pyfixest_did.py's Sun-Abraham case; the Swift tests
                                 add it to the table)
    I(x2 * (year - 2000))        x2 * (year - 2000)
    x1                           x1 (constant within units: absorbed by the unit effects)
    i(year, x2)                  x2 * 1{year == t}, one column per year (no reference); the
                                 last is x2 minus the others, a unit-constant combination,
                                 so it is collinear given the unit effects

`dropped()` decides, in formula order and with CausalKit's rule (tolerance 1e-10, relative),
which columns the first stage cannot use on the untreated rows: absorbed (no variation left
once the unit and period effects are out) or collinear (a combination of earlier kept columns
given the effects). The dense estimators of the generators do not need it (their pseudo-inverses
give the same estimates with every column); it is recorded so that the tests check the report.

Imported by generate_did2s_exact.py and generate_bjs_imputation.py; not meant to be run on its
own.
"""
import numpy as np


def _terms(df):
    year = df.year.values.astype(float)
    x1 = df.x1.values.astype(float)
    x2 = df.x2.values.astype(float)
    years = sorted(df.year.unique())
    return {
        "x1t": [("x1t", x1 * (year - 2000))],
        "I(x2 * (year - 2000))": [("I(x2*(year-2000))", x2 * (year - 2000))],
        "x1": [("x1", x1)],
        "i(year, x2)": [(f"year::{t}:x2", x2 * (year == t)) for t in years],
    }


def columns(formula, df):
    """The (name, values) design columns of a covariate formula `a + b + ...` over df's rows."""
    terms = _terms(df)
    out = []
    for term in formula.split(" + "):
        out += terms[term.strip()]
    return out


def _residual(x, basis, w):
    """x minus its weighted least-squares fit on the basis columns (pseudo-inverse)."""
    sw = np.sqrt(w)
    coef = np.linalg.lstsq(basis * sw[:, None], x * sw, rcond=None)[0]
    return x - basis @ coef


def dropped(cols, dummies0, w0):
    """The columns (name, reason) the first stage drops, in formula order.

    cols: (name, values on the untreated rows); dummies0: the unit and period dummies on those
    rows; w0: their weights.
    """
    out = []
    kept = []
    for name, x in cols:
        centred = np.sum(w0 * (x - np.sum(w0 * x) / np.sum(w0)) ** 2)
        within = _residual(x, dummies0, w0)
        total = np.sum(w0 * within ** 2)
        if centred == 0 or total <= 1e-10 * centred:
            out.append({"name": name, "reason": "absorbed_by_fixed_effects"})
            continue
        if kept:
            rest = _residual(within, np.column_stack(kept), w0)
            if np.sum(w0 * rest ** 2) <= 1e-10 * total:
                out.append({"name": name, "reason": "collinear"})
                continue
        kept.append(within)
    return out
