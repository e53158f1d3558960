#!/usr/bin/env python3
"""Reference fixtures for CausalKit's Mediation module (statsmodels' ``Mediation``).

What this script produces
-------------------------
Relative to this file's folder (``Tests/Fixtures``):

* ``data/framing.csv``           the columns ``treat, emo, cong_mesg, age, educ, gender, income``
  of the framing experiment (Brader, Valentino and Suhay 2008) as shipped with statsmodels
  (``statsmodels/stats/tests/results/framing.csv``, 265 rows, no missing values), unchanged.
* ``expected/mediation.json``    for each case in ``CASES``: the mediator and outcome models'
  coefficients and iid standard errors (statsmodels ``OLS`` / ``GLM``), the product of
  coefficients, and statsmodels' ``Mediation(...).fit(method="parametric")`` summary with
  ``N_REP`` simulations, plus the standard deviation of each simulated quantity (so tests can
  size Monte Carlo tolerances).

The mediator model is ``emo ~ treat + age + educ + gender + income`` (linear, as in
statsmodels' own tests), the outcome model ``cong_mesg ~ emo + treat + age + educ + gender +
income``: linear (a linear probability model), logit and probit (the probit is the
specification of statsmodels' ``test_framing_example_formula``).

statsmodels conventions (checked when this script was written):
* the estimate is the mean of the simulated effects, the median for proportions mediated;
* the interval is ``np.percentile`` (linear interpolation) at alpha/2 and 1 - alpha/2;
* the p-value is ``2 * min(#>0, #<0) / n_rep``;
* the total effect of a draw is the mean of ``ACME(0) + ADE(1)`` and ``ACME(1) + ADE(0)``;
* the potential mediators ``M(0)`` and ``M(1)`` are drawn independently (R's ``mediation``
  and CausalKit share one error draw between them, or integrate it out exactly for a linear
  outcome), so statsmodels' simulated distribution is wider by that noise.

Run from the repository root::

    python3 Tests/Fixtures/generate_mediation.py
"""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.mediation import Mediation

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(os.path.dirname(statsmodels.__file__), "stats", "tests", "results", "framing.csv")
COLUMNS = ["treat", "emo", "cong_mesg", "age", "educ", "gender", "income"]
COVARIATES = "age + educ + gender + income"
MEDIATOR = "emo ~ treat + " + COVARIATES
OUTCOME = "cong_mesg ~ emo + treat + " + COVARIATES
N_REP = 1000  # statsmodels needs about 0.1 s per simulation here
SEED = 20240620

CASES = [
    ("linear_linear", "linear"),
    ("linear_logit", "logit"),
    ("linear_probit", "probit"),
]


def coefficients(result, names):
    return {n: float(result.params[n]) for n in names}, {n: float(result.bse[n]) for n in names}


def main() -> None:
    data = pd.read_csv(SOURCE)[COLUMNS]
    data.to_csv(os.path.join(HERE, "data", "framing.csv"), index=False)
    data = pd.read_csv(os.path.join(HERE, "data", "framing.csv"))
    cases = []
    for name, family in CASES:
        mediator_model = sm.OLS.from_formula(MEDIATOR, data)
        if family == "linear":
            outcome_model = sm.OLS.from_formula(OUTCOME, data)
        else:
            link = sm.families.links.Logit() if family == "logit" else sm.families.links.Probit()
            outcome_model = sm.GLM.from_formula(OUTCOME, data, family=sm.families.Binomial(link=link))
        med_fit = mediator_model.fit()
        out_fit = outcome_model.fit(atol=1e-12) if family != "linear" else outcome_model.fit()
        a, a_se = coefficients(med_fit, ["treat"])
        b, b_se = coefficients(out_fit, ["emo", "treat"])
        med = Mediation(outcome_model, mediator_model, "treat", "emo",
                        outcome_fit_kwargs={"atol": 1e-12} if family != "linear" else None)
        rslt = med.fit(method="parametric", n_rep=N_REP, rng=np.random.default_rng(SEED))
        table = rslt.summary()
        sims = [rslt.ACME_ctrl, rslt.ACME_tx, rslt.ADE_ctrl, rslt.ADE_tx, rslt.total_effect,
                rslt.prop_med_ctrl, rslt.prop_med_tx, rslt.ACME_avg, rslt.ADE_avg, rslt.prop_med_avg]
        rows = []
        for (term, row), vec in zip(table.iterrows(), sims):
            rows.append({
                "term": term,
                "estimate": float(row["Estimate"]),
                "lower": float(row["Lower CI bound"]),
                "upper": float(row["Upper CI bound"]),
                "p_value": float(row["P-value"]),
                "sd": float(np.std(vec, ddof=1)),
            })
        cases.append({
            "name": name,
            "outcome_family": family,
            "nobs": int(med_fit.nobs),
            "mediator_coefficients": a, "mediator_std_errors": a_se,
            "outcome_coefficients": b, "outcome_std_errors": b_se,
            "mediator_sigma": float(np.sqrt(med_fit.scale)),
            "product": a["treat"] * b["emo"],
            "n_rep": N_REP,
            "summary": rows,
        })
        print(name)
        print(table)
    out = {
        "generator": "Tests/Fixtures/generate_mediation.py",
        "statsmodels": statsmodels.__version__,
        "numpy": np.__version__,
        "seed": SEED,
        "cases": cases,
    }
    with open(os.path.join(HERE, "expected", "mediation.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
