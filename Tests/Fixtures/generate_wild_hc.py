"""Reference values for the heteroskedastic wild bootstrap (Tests/BootstrapTests/WildBootstrapFixtureHCTests.swift).

Writes data/sim_wild_hc.csv and expected/wild_hc.json.

Design: N = 200 independent observations, y = 1 + 0.5 x + 0.25 treat + (0.5 + |x| + treat) e,
no fixed effects (WildboottestHC has none), model y ~ x + treat (intercept added), test
treat = 0 with the null imposed (WildboottestHC supports WR only), B = 9999 random draws with
Rademacher and standard normal weights (the two kinds WildboottestHC offers).

wildboottest (PyPI) WildboottestHC with bootstrap_type "11" uses the HC1 factor (N-1)/(N-k);
CausalKit uses fixest's N/(N-k). The factor cancels in the bootstrap p-value (it multiplies t
and every t* alike), so the p-values are comparable within Monte Carlo error, and the reported
statistics satisfy t_wildboottest = t_causalkit * sqrt(N/(N-1)). wildboottest's two-tailed
p-value counts |t*| > |t| strictly; with continuous data and random weights ties do not occur.

Run: python3 Tests/Fixtures/generate_wild_hc.py   (numpy, pandas, wildboottest 0.3.2)
"""
import json
import os
from importlib.metadata import version

import numpy as np
import pandas as pd
from wildboottest.wildboottest import WildboottestHC

HERE = os.path.dirname(os.path.abspath(__file__))


def simulate(seed, n):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    treat = (rng.uniform(size=n) < 0.4).astype(float)
    y = 1 + 0.5 * x + 0.25 * treat + (0.5 + np.abs(x) + treat) * rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "treat": treat})


def run(df, weights, pval_type, B, seed):
    X = np.column_stack([np.ones(len(df)), df["x"].values, df["treat"].values])
    R = np.array([0.0, 0.0, 1.0])
    wb = WildboottestHC(X=X, Y=df["y"].values, R=R, r=0.0, B=B, seed=seed)
    wb.get_adjustments(bootstrap_type="11")
    wb.get_uhat(impose_null=True)
    wb.get_tboot(weights_type=weights)
    wb.get_tstat()
    wb.get_pvalue(pval_type=pval_type)
    return float(np.asarray(wb.t_stat).ravel()[0]), float(wb.pvalue)


def main():
    path = os.path.join(HERE, "data", "sim_wild_hc.csv")
    simulate(20261123, 200).to_csv(path, index=False, float_format="%.17g")
    df = pd.read_csv(path)  # identical doubles for Swift and the reference
    cases = []
    for weights, name in [("rademacher", "rademacher"), ("norm", "normal")]:
        for pval_type, ours in [("two-tailed", "symmetric"), ("equal-tailed", "equalTailed")]:
            t, p = run(df, weights, pval_type, 9999, 42)
            cases.append({"name": f"treat_{name}_{ours}", "term": "treat", "weights": name,
                          "p_value_type": ours, "B": 9999, "t": t, "p": p})
    out = {"generator": "Tests/Fixtures/generate_wild_hc.py",
           "wildboottest": version("wildboottest"),
           "formula": "y ~ x + treat", "impose_null": True, "ssc": "(N-1)/(N-k)", "cases": cases}
    with open(os.path.join(HERE, "expected", "wild_hc.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
