#!/usr/bin/env python3
"""Generate Tests/Fixtures/expected/distributions.json for CausalCoreTests.

Deterministic (no randomness, fixed grids). Reference values come from mpmath at 50 significant
digits (each cross-checked at 160 digits: the script aborts if the two disagree beyond 1e-20
relative), not from scipy, because scipy's t tails are only good to ~1e-13 for huge degrees of
freedom. scipy is used only for starting points of quantile refinement and is compared for
information (printed, not stored).

Quantile references are the exact quantile of the double-precision probability: Newton's method
on the mpmath CDF from scipy's ppf/isf, at 100 digits.

The "random" section comes from random_reference.py beside this file: an independent Python
implementation of SplitMix64, xoshiro256** and CausalKit's derivation/mapping rules, with the
first outputs for known seeds (and a check of the jump polynomial against matrix powers).

Run:  python3 Tests/Fixtures/generate_distributions.py
"""
import json
import math
import os
import sys

import mpmath as mm
from mpmath import mp, mpf
from scipy import stats

from random_reference import random_section

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "expected", "distributions.json")
PREC, CHECK_PREC = 100, 160


def fl(v):
    """mpmath value -> nearest double (0 below the double range)."""
    return float(v)


# ---------------------------------------------------------------- reference functions (mpmath)
def norm_cdf(x, mu, sd):
    return mm.ncdf((mpf(x) - mu) / sd)


def norm_sf(x, mu, sd):
    return mm.ncdf(-(mpf(x) - mu) / sd)


def norm_pdf(x, mu, sd):
    z = (mpf(x) - mu) / sd
    return mm.exp(-z * z / 2) / (sd * mm.sqrt(2 * mm.pi))


def t_tail(t, nu):
    """P(T > |t|)."""
    t, nu = mpf(t), mpf(nu)
    y = t * t / (nu + t * t)
    if t * t <= 100 and y < mpf(1) / 2:
        # Near t = 0 (x = 1 - y close to 1) mpmath's series for I_x(nu/2, 1/2) converges too slowly;
        # the central probability I_y(1/2, nu/2) converges fast and the tail is >= 1e-23 here, so
        # the subtraction costs < 25 of the working digits.
        return (1 - mm.betainc(mpf(1) / 2, nu / 2, 0, y, regularized=True)) / 2
    a, b, x = nu / 2, mpf(1) / 2, nu / (nu + t * t)
    if a * mm.log(x) + b * mm.log(y) - mm.log(a * mm.beta(a, b)) < -2000:
        return mpf(0)  # far below the double range (and mpmath's series would not converge)
    return mm.betainc(a, b, 0, x, regularized=True) / 2


def t_cdf(t, nu):
    tail = t_tail(t, nu)
    return tail if t < 0 else 1 - tail


def t_sf(t, nu):
    tail = t_tail(t, nu)
    return 1 - tail if t < 0 else tail


def t_pdf(t, nu):
    t, nu = mpf(t), mpf(nu)
    return (1 + t * t / nu) ** (-(nu + 1) / 2) / (mm.sqrt(nu) * mm.beta(nu / 2, mpf(1) / 2))


def chi2_tails(x, k):
    """(P, Q) with the smaller one computed directly (mpmath's series for the larger one can
    fail to converge when a = k/2 is huge)."""
    a, z = mpf(k) / 2, mpf(x) / 2
    if z < a:
        lower = mm.gammainc(a, 0, z, regularized=True)
        return lower, 1 - lower
    upper = mm.gammainc(a, z, mm.inf, regularized=True)
    return 1 - upper, upper


def chi2_cdf(x, k):
    return chi2_tails(x, k)[0]


def chi2_sf(x, k):
    return chi2_tails(x, k)[1]


def chi2_pdf(x, k):
    a, x = mpf(k) / 2, mpf(x)
    return mm.exp((a - 1) * mm.log(x) - x / 2 - a * mm.log(2) - mm.loggamma(a))


def f_parts(x, d1, d2):
    x, d1, d2 = mpf(x), mpf(d1), mpf(d2)
    return d1 * x / (d1 * x + d2), d2 / (d1 * x + d2), d1 / 2, d2 / 2


def beta_lower(a, b, x, y):
    """I_x(a, b), or 0 when it is astronomically below the double range (mpmath's series would
    not converge there for large shapes)."""
    if a * mm.log(x) + b * mm.log(y) - mm.log(a * mm.beta(a, b)) < -2000:
        return mpf(0)
    return mm.betainc(a, b, 0, x, regularized=True)


def f_tails(x, d1, d2):
    """(cdf, sf): the tail on the far side of the mean a/(a+b) is computed directly, the other as
    its complement (so a tiny tail is never formed as 1 - (almost 1))."""
    u, v, a, b = f_parts(x, d1, d2)
    if u <= a / (a + b):
        lower = beta_lower(a, b, u, v)
        return lower, 1 - lower
    upper = beta_lower(b, a, v, u)
    return 1 - upper, upper


def f_cdf(x, d1, d2):
    return f_tails(x, d1, d2)[0]


def f_sf(x, d1, d2):
    return f_tails(x, d1, d2)[1]


def f_pdf(x, d1, d2):
    u, v, a, b = f_parts(x, d1, d2)
    return mm.exp(a * mm.log(u) + b * mm.log(v) - mm.log(mm.beta(a, b))) / mpf(x)


def checked(fn, *args):
    """Evaluate at PREC digits and verify against CHECK_PREC digits."""
    with mm.workdps(CHECK_PREC):
        hi = fn(*args)
    with mm.workdps(PREC):
        lo = fn(*args)
    if hi != 0 and abs((lo - hi) / hi) > mpf(10) ** -20:
        sys.exit(f"reference unstable: {fn.__name__}{args}: {lo} vs {hi}")
    return lo


def refine_positive(tail, pdf, target, x0, increasing):
    """Root x > 0 of tail(x) = target by Newton's method in log x (mpmath), from a scipy start.

    `tail` is the lower tail (increasing) or the upper tail (decreasing) in x.
    """
    x = mpf(x0) if (x0 > 0 and math.isfinite(x0)) else mpf(1)
    target = mpf(target)
    for _ in range(400):
        value = tail(x)
        elasticity = x * pdf(x) / value * (1 if increasing else -1)
        step = -(mm.log(value) - mm.log(target)) / elasticity
        step = max(min(step, 50), -50)
        x_new = x * mm.exp(step)
        if abs(x_new - x) <= x * mpf(10) ** -40:
            return x_new
        x = x_new
    sys.exit(f"quantile refinement did not converge at target {target}")


def smaller_tail(p, upper):
    """(target, target_is_upper_tail) with target = min(p, 1 - p) formed exactly in mpmath.

    p is a lower-tail probability (upper=False) or an upper-tail one (upper=True). 1 - p is only
    formed when p > 1/2, where it is exact, so targets like 1e-300 keep their value.
    """
    p = mpf(p)
    if p <= mpf(1) / 2:
        return p, upper
    return 1 - p, not upper


def symmetric_quantile(upper_tail, pdf, p, upper, start):
    """Quantile of a distribution symmetric about 0, from its upper tail on x > 0."""
    if p == 0.5:
        return mpf(0)
    target, is_upper = smaller_tail(p, upper)
    root = refine_positive(upper_tail, pdf, target, abs(start), False)
    return root if is_upper else -root


def positive_quantile(cdf, sf, pdf, p, upper, start):
    """Quantile of a distribution on (0, inf): inverts the smaller tail exactly.

    Returns +inf when scipy's start is not finite (the quantile is beyond the double range,
    e.g. F(1, 1) at q = 1e-300 is ~4e599); `add` then drops the case.
    """
    if not math.isfinite(start):
        return mpf("inf")
    target, is_upper = smaller_tail(p, upper)
    return refine_positive(sf if is_upper else cdf, pdf, target, start, not is_upper)


# ---------------------------------------------------------------- grids
P_LOWER = [1e-300, 1e-100, 1e-20, 1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.6, 0.975, 0.999999, 1 - 1e-12]
Q_UPPER = [1e-300, 1e-100, 1e-20, 1e-12, 1e-6, 0.05, 0.3, 0.7]


def add(cases, dist, params, fn, x, value):
    if fn.endswith("uantile") and not (1e-300 <= abs(value) <= 1e300 or value == 0):
        return  # the quantile itself is outside the double range
    if not fn.endswith("uantile") and abs(value) < 1e-300:
        return  # below the accuracy target's range (p-values down to 1e-300; no subnormals)
    cases.append({"distribution": dist, "parameters": params, "function": fn, "x": x, "expected": fl(value)})


def normal_cases(cases):
    for mu, sd in [(0.0, 1.0), (2.0, 3.0)]:
        params = {"mean": mu, "standardDeviation": sd}
        for z in [-38.0, -37.5, -30.0, -20.0, -10.0, -5.0, -3.0, -1.96, -1.0, -0.5, 0.0, 0.3, 1.0, 2.0,
                  5.0, 8.0, 20.0, 37.0]:
            x = mu + sd * z
            for fn, f in [("cdf", norm_cdf), ("survival", norm_sf), ("density", norm_pdf)]:
                add(cases, "normal", params, fn, x, checked(f, x, mpf(mu), mpf(sd)))
        std_sf = lambda z: mm.ncdf(-z)
        std_pdf = lambda z: mm.npdf(z)
        for p in P_LOWER:
            z = symmetric_quantile(std_sf, std_pdf, p, False, stats.norm.ppf(p))
            add(cases, "normal", params, "quantile", p, mu + sd * z)
        for q in Q_UPPER:
            z = symmetric_quantile(std_sf, std_pdf, q, True, stats.norm.isf(q))
            add(cases, "normal", params, "upperQuantile", q, mu + sd * z)


T_DF = [1.0, 2.5, 3.0, 10.0, 30.0, 100.0, 1999.0, 2001.0, 1e4, 1e7, 1e12]


def t_cases(cases):
    for nu in T_DF:
        params = {"degreesOfFreedom": nu}
        xs = [0.0, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 10.0, 37.0, 1e3, 1e10, 1e100]
        for x in xs + [-v for v in xs if v != 0]:
            for fn, f in [("cdf", t_cdf), ("survival", t_sf), ("density", t_pdf)]:
                value = checked(f, x, nu)
                add(cases, "studentT", params, fn, x, value)
        sf, pdf = (lambda x: t_sf(x, nu)), (lambda x: t_pdf(x, nu))
        for p in P_LOWER:
            add(cases, "studentT", params, "quantile", p, symmetric_quantile(sf, pdf, p, False, stats.t.ppf(p, nu)))
        for q in Q_UPPER:
            add(cases, "studentT", params, "upperQuantile", q, symmetric_quantile(sf, pdf, q, True, stats.t.isf(q, nu)))


CHI2_DF = [0.5, 1.0, 2.0, 3.0, 7.5, 10.0, 30.0, 100.0, 1e4, 1e6]


def chi2_cases(cases):
    for k in CHI2_DF:
        params = {"degreesOfFreedom": k}
        cdf, sf, pdf = (lambda x: chi2_cdf(x, k)), (lambda x: chi2_sf(x, k)), (lambda x: chi2_pdf(x, k))
        xs = sorted({1e-10, 1e-3, 1.0, 10.0, 100.0, 1000.0} | {k * r for r in [0.01, 0.1, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 5.0]})
        for x in xs:
            for fn, f in [("cdf", chi2_cdf), ("survival", chi2_sf), ("density", chi2_pdf)]:
                value = checked(f, x, k)
                if value == 0 or abs(value) < 1e-300:
                    continue
                add(cases, "chiSquared", params, fn, x, value)
        for p in P_LOWER:
            if k >= 1e4 and p < 1e-100:
                continue  # quantile far below double range of the density's support scale: skipped
            root = positive_quantile(cdf, sf, pdf, p, False, stats.chi2.ppf(p, k))
            add(cases, "chiSquared", params, "quantile", p, root)
        for q in Q_UPPER:
            root = positive_quantile(cdf, sf, pdf, q, True, stats.chi2.isf(q, k))
            add(cases, "chiSquared", params, "upperQuantile", q, root)


F_DF = [(1.0, 1.0), (2.0, 5.0), (3.0, 30.0), (5.0, 100.0), (2.5, 7.5), (10.0, 1e4), (100.0, 100.0), (1000.0, 1000.0), (300.0, 3000.0), (1.0, 2e4), (2e4, 0.8)]


def f_cases(cases):
    for d1, d2 in F_DF:
        params = {"numeratorDegreesOfFreedom": d1, "denominatorDegreesOfFreedom": d2}
        cdf, sf, pdf = (lambda x: f_cdf(x, d1, d2)), (lambda x: f_sf(x, d1, d2)), (lambda x: f_pdf(x, d1, d2))
        for x in [1e-6, 0.01, 0.1, 0.5, 0.9, 1.0, 1.1, 2.0, 3.0, 10.0, 100.0, 1e4, 1e10]:
            for fn, f in [("cdf", f_cdf), ("survival", f_sf), ("density", f_pdf)]:
                value = checked(f, x, d1, d2)
                if value == 0 or abs(value) < 1e-300:
                    continue
                add(cases, "f", params, fn, x, value)
        for p in P_LOWER:
            if max(d1, d2) >= 1e4 and p < 1e-20:
                continue
            root = positive_quantile(cdf, sf, pdf, p, False, stats.f.ppf(p, d1, d2))
            add(cases, "f", params, "quantile", p, root)
        for q in Q_UPPER:
            if max(d1, d2) >= 1e4 and q < 1e-20:
                continue
            root = positive_quantile(cdf, sf, pdf, q, True, stats.f.isf(q, d1, d2))
            add(cases, "f", params, "upperQuantile", q, root)


def main():
    mp.dps = PREC
    cases = []
    normal_cases(cases)
    t_cases(cases)
    chi2_cases(cases)
    f_cases(cases)
    doc = {
        "generator": "Tests/Fixtures/generate_distributions.py",
        "reference": f"mpmath {mm.__version__} at {PREC} digits (checked at {CHECK_PREC})",
        "cases": cases,
        "random": random_section(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    compare_scipy(cases)
    print(f"wrote {len(cases)} cases to {OUT}")


def compare_scipy(cases):
    """Informational: scipy's worst relative error against the references, per distribution."""
    fns = {
        "normal": lambda f, p, x: getattr(stats.norm, f)(x, p["mean"], p["standardDeviation"]),
        "studentT": lambda f, p, x: getattr(stats.t, f)(x, p["degreesOfFreedom"]),
        "chiSquared": lambda f, p, x: getattr(stats.chi2, f)(x, p["degreesOfFreedom"]),
        "f": lambda f, p, x: getattr(stats.f, f)(x, p["numeratorDegreesOfFreedom"], p["denominatorDegreesOfFreedom"]),
    }
    names = {"cdf": "cdf", "survival": "sf", "density": "pdf", "quantile": "ppf", "upperQuantile": "isf"}
    worst = {}
    for c in cases:
        got = float(fns[c["distribution"]](names[c["function"]], c["parameters"], c["x"]))
        e = c["expected"]
        err = abs(got - e) / abs(e) if e != 0 else abs(got)
        if err > worst.get(c["distribution"], (0, None))[0]:
            worst[c["distribution"]] = (err, c)
    for d, (err, c) in worst.items():
        print(f"scipy max rel err {d}: {err:.2e} at {c['function']} {c['parameters']} x={c['x']}")


if __name__ == "__main__":
    main()
