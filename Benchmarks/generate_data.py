#!/usr/bin/env python3
"""Generates the benchmark workloads as raw little-endian binary columns.

Every column is written to ``<out>/<workload>/<column>.<f64|i32>`` (float64 or int32, no header),
with a ``meta.json`` describing the columns, the formula and the variance. CausalKit's harness
and pyfixest_bench.py both read these files, so the two tools see byte-identical data.

The generators are seeded (numpy PCG64) and deterministic: the same seed gives the same bytes.
Fixed-effect codes are written compact (0..L-1, every level used), in random order.

Workloads: w1, w2, w3 (fixed effects), m1, m2, m3 (propensity-score matching, 20k / 200k / 1M units),
l1 (logit, 1M rows, 10 covariates), b1 (wild cluster bootstrap, 100k rows, 50 schools x 10 years),
b2 (pairs cluster bootstrap, 100k rows, 200 clusters), md1, md2 (mediation, 10k / 100k units: binary
treatment, one continuous mediator, continuous and 0/1 outcomes, 5 covariates), cs1, cs2 (staggered
adoption, balanced panels of 100k / 1M units x 10 years, 5 cohorts and never treated, 3 covariates),
cs3 (staggered adoption, repeated cross-sections: 10M student rows, 3,000 schools, 8 years), cs0 (a
2,000-unit version of cs1 for smoke tests).

Usage: python3 generate_data.py [--out .data] [--only w1,w2,w3,m1,m2,m3,l1,b1,b2,md1,md2] [--force]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np


def compact(codes: np.ndarray) -> tuple[np.ndarray, int]:
    """Renumbers codes to 0..L-1 (in order of first value), dropping unused levels."""
    uniq, inv = np.unique(codes, return_inverse=True)
    return inv.astype("<i4"), int(uniq.size)


def w1(rng: np.random.Generator) -> dict:
    """N = 1e6; three random fixed effects with 100,000, 1,000 and 4 levels."""
    n = 1_000_000
    levels = (100_000, 1_000, 4)
    fe = [rng.integers(0, L, size=n, dtype=np.int64) for L in levels]
    eff = [rng.standard_normal(L) for L in levels]
    # Regressors correlated with every fixed effect (so that demeaning matters).
    x1 = 0.5 * eff[0][fe[0]] + 0.3 * eff[1][fe[1]] + 0.2 * eff[2][fe[2]] + rng.standard_normal(n)
    x2 = -0.4 * eff[0][fe[0]] + 0.6 * eff[1][fe[1]] + 0.5 * rng.standard_normal(n) + 0.3 * x1
    y = 1.0 * x1 - 0.5 * x2 + eff[0][fe[0]] + eff[1][fe[1]] + eff[2][fe[2]] + rng.standard_normal(n)
    cols = {"y": y, "x1": x1, "x2": x2}
    for name, codes in zip(("fe1", "fe2", "fe3"), fe):
        cols[name] = compact(codes)[0]
    return {
        "columns": cols,
        "formula": "y ~ x1 + x2 | fe1 + fe2 + fe3",
        "vcov": {"cluster": "fe2"},
        "description": "N=1e6; fe1 100,000 levels, fe2 1,000, fe3 4 (uniform random assignment); "
        "x1, x2 correlated with the fixed effects; clustered by fe2",
    }


def w2(rng: np.random.Generator) -> dict:
    """N = 1e7; two random fixed effects with 1,000,000 and 10,000 levels; iid variance."""
    n = 10_000_000
    levels = (1_000_000, 10_000)
    fe = [rng.integers(0, L, size=n, dtype=np.int64) for L in levels]
    eff = [rng.standard_normal(L) for L in levels]
    x1 = 0.5 * eff[0][fe[0]] + 0.5 * eff[1][fe[1]] + rng.standard_normal(n)
    x2 = 0.3 * eff[0][fe[0]] - 0.4 * eff[1][fe[1]] + rng.standard_normal(n)
    y = 1.0 * x1 - 0.5 * x2 + eff[0][fe[0]] + eff[1][fe[1]] + rng.standard_normal(n)
    cols = {"y": y, "x1": x1, "x2": x2}
    for name, codes in zip(("fe1", "fe2"), fe):
        cols[name] = compact(codes)[0]
    return {
        "columns": cols,
        "formula": "y ~ x1 + x2 | fe1 + fe2",
        "vcov": "iid",
        "description": "N=1e7; fe1 1,000,000 levels, fe2 10,000 (uniform random); iid",
    }


def w3(rng: np.random.Generator) -> dict:
    """The 'difficult' worker-firm design (after fixest's published benchmark).

    N = 1e6 observations, W = N/20 workers, F = N/160 firms, 10 years. Each observation draws
    a worker uniformly; the worker's firm is drawn uniformly from a window of 21 consecutive
    firms starting at max(0, w // 8 - 10) (so firm ~ w * F / W, moving only among nearby
    firms), capped at F - 1; the year is uniform. The firm-worker graph is a long chain of
    overlapping windows: connected, but with a tiny spectral gap, which makes alternating
    projections converge very slowly.
    """
    n = 1_000_000
    n_workers = n // 20
    n_firms = n // 160
    n_years = 10
    worker = rng.integers(0, n_workers, size=n, dtype=np.int64)
    firm = np.minimum(rng.integers(0, 21, size=n) + np.maximum(0, worker // 8 - 10), n_firms - 1)
    year = rng.integers(0, n_years, size=n, dtype=np.int64)
    x1 = 5 * np.cos(worker) + 5 * np.sin(firm) + 5 * np.sin(year) + rng.uniform(size=n)
    y = 3 * x1 + np.cos(worker) + np.cos(firm) ** 2 + np.sin(year) + rng.standard_normal(n)
    cols = {"y": y, "x1": x1}
    for name, codes in zip(("worker", "firm", "year"), (worker, firm, year)):
        cols[name] = compact(codes)[0]
    return {
        "columns": cols,
        "formula": "y ~ x1 | worker + firm + year",
        "vcov": "iid",
        "description": "N=1e6; 50,000 workers, 6,250 firms, 10 years; each worker's firms drawn "
        "from a window of 21 consecutive firms around w*F/W (fixest's 'difficult' design)",
    }


def _logit_newton(y: np.ndarray, X: np.ndarray, tol: float = 1e-14, max_iter: int = 50) -> np.ndarray:
    """Maximum-likelihood logit coefficients by Newton's method (numpy only), run to convergence."""
    beta = np.zeros(X.shape[1])
    for _ in range(max_iter):
        eta = X @ beta
        p = 1.0 / (1.0 + np.exp(-eta))
        w = p * (1.0 - p)
        step = np.linalg.solve((X * w[:, None]).T @ X, X.T @ (y - p))
        beta += step
        if np.max(np.abs(step)) < tol * (1.0 + np.max(np.abs(beta))):
            break
    return beta


def _matching(n: int):
    def gen(rng: np.random.Generator) -> dict:
        """N units, 10% treated, 5 covariates (3 continuous, 2 binary); treatment by a logit.

        x1 ~ N(0, 1); x2 = 0.5 x1 + N(0, 1); x3 ~ Gamma(2, 1) (skewed, positive);
        x4 ~ Bernoulli(0.4); x5 ~ Bernoulli(0.5 + 0.2 tanh(x1)). The treatment is
        Bernoulli(expit(a + 0.8 x1 − 0.5 x2 + 0.4 x3 + 0.7 x4 − 0.6 x5)), with the intercept a set
        (by bisection on this sample) so that the mean probability is 0.10. The outcome
        y = 1 + 2 treat + x1 + 0.5 x2 + 0.3 x3 + x4 + N(0, 1) is written for completeness.
        Also written: ps, the logit propensity score fitted to (treat, x1..x5) by Newton's method
        to convergence, the shared input of the matcher-only measurements.
        """
        x1 = rng.standard_normal(n)
        x2 = 0.5 * x1 + rng.standard_normal(n)
        x3 = rng.gamma(2.0, 1.0, size=n)
        x4 = (rng.uniform(size=n) < 0.4).astype(np.float64)
        x5 = (rng.uniform(size=n) < 0.5 + 0.2 * np.tanh(x1)).astype(np.float64)
        lin = 0.8 * x1 - 0.5 * x2 + 0.4 * x3 + 0.7 * x4 - 0.6 * x5
        lo, hi = -20.0, 20.0
        for _ in range(200):
            a = 0.5 * (lo + hi)
            if np.mean(1.0 / (1.0 + np.exp(-(a + lin)))) > 0.10:
                hi = a
            else:
                lo = a
        p = 1.0 / (1.0 + np.exp(-(a + lin)))
        treat = (rng.uniform(size=n) < p).astype(np.float64)
        y = 1.0 + 2.0 * treat + x1 + 0.5 * x2 + 0.3 * x3 + x4 + rng.standard_normal(n)
        X = np.column_stack([np.ones(n), x1, x2, x3, x4, x5])
        beta = _logit_newton(treat, X)
        ps = 1.0 / (1.0 + np.exp(-(X @ beta)))
        return {
            "columns": {"treat": treat, "x1": x1, "x2": x2, "x3": x3, "x4": x4, "x5": x5, "y": y, "ps": ps},
            "formula": "treat ~ x1 + x2 + x3 + x4 + x5",
            "vcov": "iid",
            "kind": "matching",
            "description": f"N={n:,}; treat ~ logit(x1..x5), {treat.mean():.4f} treated; x1, x2, x3 continuous, "
            "x4, x5 binary; ps = fitted logit propensity score (numpy Newton)",
        }

    return gen


def l1(rng: np.random.Generator) -> dict:
    """N = 1e6, 10 covariates, y ~ Bernoulli(expit(x'b)).

    x1..x6 ~ N(0, 1) with x_j += 0.3 x_(j−1) (correlated), x7 ~ U(0, 1), x8 ~ Exp(1),
    x9 ~ Bernoulli(0.3), x10 ~ Bernoulli(0.6); b = (−0.5 intercept, 0.5, −0.3, 0.2, 0.1, −0.4,
    0.25, 1.0, −0.5, 0.6, −0.3).
    """
    n = 1_000_000
    cols = {}
    prev = np.zeros(n)
    for j in range(1, 7):
        prev = rng.standard_normal(n) + 0.3 * prev
        cols[f"x{j}"] = prev
    cols["x7"] = rng.uniform(size=n)
    cols["x8"] = rng.exponential(1.0, size=n)
    cols["x9"] = (rng.uniform(size=n) < 0.3).astype(np.float64)
    cols["x10"] = (rng.uniform(size=n) < 0.6).astype(np.float64)
    b = np.array([-0.5, 0.5, -0.3, 0.2, 0.1, -0.4, 0.25, 1.0, -0.5, 0.6, -0.3])
    X = np.column_stack([np.ones(n)] + [cols[f"x{j}"] for j in range(1, 11)])
    y = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-(X @ b)))).astype(np.float64)
    return {
        "columns": {"y": y, **cols},
        "formula": "y ~ " + " + ".join(f"x{j}" for j in range(1, 11)),
        "vcov": "iid",
        "kind": "logit",
        "description": f"N=1e6; logit with 10 covariates (6 correlated normal, uniform, exponential, 2 binary); "
        f"{y.mean():.4f} ones",
    }


def b1(rng: np.random.Generator) -> dict:
    """Wild cluster bootstrap workload: N = 100,000 pupils, 50 schools, 10 years.

    school and year uniform; a random half of the schools treated from year 5 on
    (treat_post = treated school and year >= 5); x = school component + N(0, 1);
    y = 0.05 treat_post + 0.5 x + school effect + 0.1 year + school-year shock (sd 0.2) + N(0, 1).
    """
    n, n_schools, n_years = 100_000, 50, 10
    school = rng.integers(0, n_schools, size=n, dtype=np.int64)
    year = rng.integers(0, n_years, size=n, dtype=np.int64)
    treated = np.zeros(n_schools, dtype=bool)
    treated[rng.permutation(n_schools)[: n_schools // 2]] = True
    treat_post = (treated[school] & (year >= n_years // 2)).astype(np.float64)
    x = rng.standard_normal(n_schools)[school] + rng.standard_normal(n)
    shock = 0.2 * rng.standard_normal((n_schools, n_years))
    y = (0.05 * treat_post + 0.5 * x + rng.standard_normal(n_schools)[school] + 0.1 * year
         + shock[school, year] + rng.standard_normal(n))
    return {
        "columns": {"y": y, "treat_post": treat_post, "x": x, "school": compact(school)[0], "year": compact(year)[0]},
        "formula": "y ~ treat_post + x | school + year",
        "vcov": {"cluster": "school"},
        "kind": "bootstrap",
        "description": "N=100,000; 50 schools x 10 years (uniform); 25 schools treated from year 5; "
        "school-year shocks sd 0.2; true effect 0.05; clustered by school",
    }


def b2(rng: np.random.Generator) -> dict:
    """Pairs cluster bootstrap workload: N = 100,000 rows in 200 clusters (uniform), y ~ x1 + x2.

    x1 = cluster component + N(0, 1); x2 = 0.5 x1 + N(0, 1);
    y = 1 + 0.5 x1 - 0.3 x2 + cluster effect + (1 + 0.5 |x1|) N(0, 1).
    """
    n, n_clusters = 100_000, 200
    g = rng.integers(0, n_clusters, size=n, dtype=np.int64)
    x1 = rng.standard_normal(n_clusters)[g] + rng.standard_normal(n)
    x2 = 0.5 * x1 + rng.standard_normal(n)
    y = 1 + 0.5 * x1 - 0.3 * x2 + rng.standard_normal(n_clusters)[g] + (1 + 0.5 * np.abs(x1)) * rng.standard_normal(n)
    return {
        "columns": {"y": y, "x1": x1, "x2": x2, "g": compact(g)[0]},
        "formula": "y ~ x1 + x2",
        "vcov": {"cluster": "g"},
        "kind": "bootstrap",
        "description": "N=100,000; 200 clusters (uniform); x1 with a cluster component, x2 = 0.5 x1 + noise; "
        "cluster effects and heteroskedastic noise",
    }


def _mediation(n: int):
    def gen(rng: np.random.Generator) -> dict:
        """N units; binary treatment, one continuous mediator, continuous outcome, 5 covariates.

        x1, x2, x3 ~ N(0, 1) with x2 += 0.3 x1; x4 ~ U(0, 1); x5 ~ Bernoulli(0.4). The treatment
        is Bernoulli(expit(0.3 x1 − 0.2 x2 + 0.3 x5)) (confounded by the covariates);
        m = 0.5 + 0.8 treat + 0.3 x1 − 0.2 x2 + 0.1 x3 + 0.2 x4 − 0.1 x5 + N(0, 1);
        y = 1 + 0.5 m + 0.4 treat + 0.2 x1 + 0.3 x2 − 0.2 x3 + 0.1 x4 + 0.1 x5 + N(0, 1), so the
        true ACME is 0.8 × 0.5 = 0.4 and the true ADE 0.4. Also written: ybin, a 0/1 outcome
        Bernoulli(expit(−0.5 + 0.5 m + 0.4 treat + 0.2 x1 + 0.3 x2 − 0.2 x3)) for the logit-outcome run.
        """
        x1 = rng.standard_normal(n)
        x2 = 0.3 * x1 + rng.standard_normal(n)
        x3 = rng.standard_normal(n)
        x4 = rng.uniform(size=n)
        x5 = (rng.uniform(size=n) < 0.4).astype(np.float64)
        treat = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-(0.3 * x1 - 0.2 * x2 + 0.3 * x5)))).astype(np.float64)
        m = 0.5 + 0.8 * treat + 0.3 * x1 - 0.2 * x2 + 0.1 * x3 + 0.2 * x4 - 0.1 * x5 + rng.standard_normal(n)
        y = 1.0 + 0.5 * m + 0.4 * treat + 0.2 * x1 + 0.3 * x2 - 0.2 * x3 + 0.1 * x4 + 0.1 * x5 + rng.standard_normal(n)
        eta = -0.5 + 0.5 * m + 0.4 * treat + 0.2 * x1 + 0.3 * x2 - 0.2 * x3
        ybin = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-eta))).astype(np.float64)
        covariates = "x1 + x2 + x3 + x4 + x5"
        return {
            "columns": {"treat": treat, "m": m, "y": y, "ybin": ybin, "x1": x1, "x2": x2, "x3": x3, "x4": x4, "x5": x5},
            "formula": f"y ~ m + treat + {covariates}",
            "mediator_formula": f"m ~ treat + {covariates}",
            "vcov": "iid",
            "kind": "mediation",
            "description": f"N={n:,}; binary treatment ({treat.mean():.4f} treated, confounded by x1, x2, x5), "
            "continuous mediator m and outcome y, 5 covariates (3 normal, uniform, binary); true ACME 0.4, ADE 0.4; "
            f"ybin = 0/1 outcome ({ybin.mean():.4f} ones) for the logit-outcome run",
        }

    return gen


COHORT_EFFECTS = (0.5, 0.6, 0.7, 0.8, 0.9)


def _staggered_effect(cohort: np.ndarray, year: np.ndarray, cohorts: tuple) -> np.ndarray:
    """ATT of a row: δ_g (1 + 0.25 e) at exposure e = year − g ≥ 0, zero before treatment and for
    the never treated (cohort 0); δ_g = 0.5, 0.6, ... for the cohorts in order."""
    delta = np.zeros(cohort.shape)
    for g, d in zip(cohorts, COHORT_EFFECTS):
        delta[cohort == g] = d
    exposure = year - cohort
    return np.where((cohort > 0) & (exposure >= 0), delta * (1.0 + 0.25 * exposure), 0.0)


def _assign_cohorts(rng: np.random.Generator, x1, x2, x3, cohorts: tuple) -> np.ndarray:
    """A cohort per entity by a multinomial logit on the covariates (Gumbel-max): never treated
    (utility 0) about 30%, the five cohorts about 14% each, more likely treated with high x1, x3."""
    utilities = [np.zeros(x1.size)]
    for _ in cohorts:
        utilities.append(-0.75 + 0.4 * x1 - 0.2 * x2 + 0.4 * x3)
    u = np.column_stack(utilities) + rng.gumbel(size=(x1.size, len(cohorts) + 1))
    choice = np.argmax(u, axis=1)
    return np.array((0,) + tuple(cohorts))[choice]


def _staggered_panel(units: int):
    def gen(rng: np.random.Generator) -> dict:
        """Balanced panel, `units` units x 10 years (1..10), rows ordered by unit then year.

        Time-invariant covariates x1, x2 ~ N(0, 1), x3 ~ Bernoulli(0.5); cohorts 4..8 (first
        treated year) or 0 (never treated) by a multinomial logit on the covariates. Outcome
        y_it = α_i + 0.1 t + t (0.05 x1 − 0.05 x2 + 0.1 x3) + ATT(g, t) + N(0, 1) with
        α_i = 0.5 x1 + N(0, 1), ATT(g, t) = δ_g (1 + 0.25 (t − g)) after treatment, δ_g = 0.5..0.9:
        parallel trends hold given the covariates, not without them.
        """
        periods = 10
        cohorts = (4, 5, 6, 7, 8)
        x1 = rng.standard_normal(units)
        x2 = rng.standard_normal(units)
        x3 = (rng.uniform(size=units) < 0.5).astype(np.float64)
        cohort = _assign_cohorts(rng, x1, x2, x3, cohorts)
        alpha = 0.5 * x1 + rng.standard_normal(units)
        n = units * periods
        unit = np.repeat(np.arange(units, dtype=np.int64), periods)
        year = np.tile(np.arange(1, periods + 1, dtype=np.int64), units)
        g = cohort[unit]
        trend = 0.05 * x1 - 0.05 * x2 + 0.1 * x3
        y = alpha[unit] + 0.1 * year + year * trend[unit] + _staggered_effect(g, year, cohorts) + rng.standard_normal(n)
        shares = ", ".join(f"{c}: {np.mean(cohort == c):.3f}" for c in (0,) + cohorts)
        return {
            "columns": {"y": y, "x1": x1[unit], "x2": x2[unit], "x3": x3[unit], "year": year.astype("<i4"),
                        "id": unit.astype("<i4"), "first_treat": g.astype("<i4")},
            "formula": "y ~ x1 + x2 + x3",
            "vcov": "iid",
            "kind": "staggered-panel",
            "description": f"balanced panel, {units:,} units x {periods} years; cohorts 4..8 and never treated "
            f"(shares {shares}); ATT(g,t) = delta_g (1 + 0.25 (t - g)), delta_g = 0.5..0.9; 3 time-invariant "
            "covariates that drive cohort membership and the trends",
        }

    return gen


def _staggered_cross_sections(rows: int, schools: int, years: int):
    def gen(rng: np.random.Generator) -> dict:
        """Repeated cross-sections: `rows` students, each in one school and one year (uniform),
        `schools` schools, years 1..`years`; treatment by school (cohorts 3..7 or never treated, by
        a multinomial logit on the school's mean of x1), inference clustered by school.

        Student covariates x1 = school mean + N(0, 1), x2 ~ N(0, 1), x3 ~ Bernoulli(0.5);
        y = school effect + 0.1 t + t (0.05 x1 − 0.05 x2 + 0.1 x3) + ATT(g, t) + N(0, 1), with
        ATT as in the panel workloads.
        """
        cohorts = (3, 4, 5, 6, 7)
        school_x = rng.standard_normal(schools)
        cohort = _assign_cohorts(rng, school_x, np.zeros(schools), np.full(schools, 0.5), cohorts)
        school_effect = 0.5 * school_x + rng.standard_normal(schools)
        school = rng.integers(0, schools, size=rows)
        year = rng.integers(1, years + 1, size=rows)
        x1 = school_x[school] + rng.standard_normal(rows)
        x2 = rng.standard_normal(rows)
        x3 = (rng.uniform(size=rows) < 0.5).astype(np.float64)
        g = cohort[school]
        y = (school_effect[school] + 0.1 * year + year * (0.05 * x1 - 0.05 * x2 + 0.1 * x3)
             + _staggered_effect(g, year, cohorts) + rng.standard_normal(rows))
        shares = ", ".join(f"{c}: {np.mean(cohort == c):.3f}" for c in (0,) + cohorts)
        return {
            "columns": {"y": y, "x1": x1, "x2": x2, "x3": x3, "year": year.astype("<i4"),
                        "school": school.astype("<i4"), "first_treat": g.astype("<i4")},
            "formula": "y ~ x1 + x2 + x3",
            "vcov": {"cluster": "school"},
            "kind": "staggered-cross-sections",
            "description": f"repeated cross-sections, {rows:,} student rows, {schools:,} schools (uniform), years 1..{years} "
            f"(uniform); treatment by school, cohorts 3..7 and never treated (school shares {shares}); "
            "ATT(g,t) = delta_g (1 + 0.25 (t - g)); clustered by school",
        }

    return gen


GENERATORS = {
    "w1": (w1, 20260101),
    "w2": (w2, 20260102),
    "w3": (w3, 20260103),
    "m1": (_matching(20_000), 20260201),
    "m2": (_matching(200_000), 20260202),
    "m3": (_matching(1_000_000), 20260203),
    "l1": (l1, 20260301),
    "b1": (b1, 20260401),
    "b2": (b2, 20260402),
    "md1": (_mediation(10_000), 20260401),
    "md2": (_mediation(100_000), 20260402),
    "cs1": (_staggered_panel(100_000), 20261201),
    "cs2": (_staggered_panel(1_000_000), 20261202),
    "cs3": (_staggered_cross_sections(10_000_000, 3_000, 8), 20261203),
    "cs0": (_staggered_panel(2_000), 20261200),
}


def write(out: str, name: str, spec: dict, seed: int) -> None:
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    meta_cols = []
    digest = hashlib.sha256()
    n = None
    for col, values in spec["columns"].items():
        if values.dtype.kind == "f":
            arr, ext, kind = np.ascontiguousarray(values, dtype="<f8"), "f64", "float64"
        else:
            arr, ext, kind = np.ascontiguousarray(values, dtype="<i4"), "i32", "int32"
        n = arr.size if n is None else n
        assert arr.size == n
        path = os.path.join(folder, f"{col}.{ext}")
        arr.tofile(path)
        digest.update(arr.tobytes())
        entry = {"name": col, "type": kind, "file": f"{col}.{ext}"}
        if kind == "int32":
            entry["levels"] = int(arr.max()) + 1
        meta_cols.append(entry)
    meta = {
        "workload": name,
        "rows": n,
        "seed": seed,
        "formula": spec["formula"],
        "vcov": spec["vcov"],
        "description": spec["description"],
        "kind": spec.get("kind", "fixed-effects"),
        **({"mediator_formula": spec["mediator_formula"]} if "mediator_formula" in spec else {}),
        "columns": meta_cols,
        "sha256": digest.hexdigest(),
    }
    # meta.json last: its presence marks a complete workload.
    with open(os.path.join(folder, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".data"))
    p.add_argument("--only", default="w1,w2,w3,m1,m2,m3,l1,b1,b2,md1,md2")
    p.add_argument("--force", action="store_true", help="regenerate even if meta.json exists")
    args = p.parse_args()
    for name in args.only.split(","):
        gen, seed = GENERATORS[name]
        if not args.force and os.path.exists(os.path.join(args.out, name, "meta.json")):
            print(f"{name}: present, skipped", file=sys.stderr)
            continue
        t = time.perf_counter()
        spec = gen(np.random.default_rng(seed))
        write(args.out, name, spec, seed)
        print(f"{name}: generated in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
