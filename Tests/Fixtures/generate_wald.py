"""Reference values for FixedEffectsFit.waldTest (Tests/FixedEffectsTests/WaldTestTests.swift).

pyfixest 0.60 `Feols.wald_test(R)` on the Vella-Verbeek wage panel (data/wage_panel.csv): the
joint test that the selected coefficients are zero. For a subset of coefficients pyfixest
reports the Wald statistic W = b' V^-1 b with its chi-square(q) p-value (it switches from F to
chi2 when R is not the identity); the F form of fixest's `wald()`, F = W / q against F(q, df2),
takes df2 = the fit's t degrees of freedom (pyfixest's `_df_t`: N - k - non-redundant fixed-effect
parameters for iid/hetero variance; min(G) - 1 when clustered) and scipy's F survival function.
pyfixest's `wald_test` itself counts every fixed-effect level, redundant ones included, so its
own df2 (recorded as `pyfixest_wald_df2`) is one smaller here, with two fixed-effect dimensions.

Run: python3 Tests/Fixtures/generate_wald.py   (numpy, pandas, pyfixest 0.60.0)
"""
import json
import os

import numpy as np
import pandas as pd
import pyfixest as pf
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    ("iid_two_terms", "lwage ~ exper + expersq + union + married | nr + year", "iid", ["union", "married"]),
    ("hetero_one_term", "lwage ~ exper + expersq + union + married | nr + year", "hetero", ["union"]),
    ("cluster_three_terms", "lwage ~ expersq + union + married + hours | nr + year", {"CRV1": "nr"},
     ["union", "married", "hours"]),
]


def main():
    data = pd.read_csv(os.path.join(HERE, "data", "wage_panel.csv"))
    cases = []
    for name, formula, vcov, terms in CASES:
        fit = pf.feols(formula, data=data, vcov=vcov)
        names = list(fit._coefnames)
        R = np.zeros((len(terms), len(names)))
        for i, t in enumerate(terms):
            R[i, names.index(t)] = 1.0
        res = fit.wald_test(R=R, distribution="chi2")
        w = float(res["statistic"])
        q = int(fit._dfn)
        df2 = int(fit._dfd) if fit._is_clustered else int(fit._df_t)
        cases.append({"name": name, "formula": formula,
                      "vcov": vcov if isinstance(vcov, str) else "cluster:nr", "terms": terms,
                      "wald": w, "chi2_p_value": float(res["pvalue"]),
                      "f": w / q, "f_p_value": float(stats.f.sf(w / q, q, df2)), "df1": q, "df2": df2,
                      "pyfixest_wald_df2": int(fit._dfd)})
    out = {"generator": "Tests/Fixtures/generate_wald.py", "pyfixest": pf.__version__, "cases": cases}
    with open(os.path.join(HERE, "expected", "wald.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
