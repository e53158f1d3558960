"""Relative-magnitude sensitivity (HonestDiD's C-LF, Mbar in [0.5, 1, 2]) on an 8-coefficient event
study (4 pre-periods, 4 post-periods, reference -1): writes the input JSON for
`causalkit-bench honest --input FILE` and times moderndid on the same input.

moderndid's `honest_did` takes a did/aggte result object, so the timing calls the function it
runs for relative magnitudes on the extracted coefficients, `create_sensitivity_results_rm`
(method "C-LF", target e = 0), with the same number of grid points as the CausalKit run.

    /work/venv-attgt/bin/python Benchmarks/honest_did_bench.py --input /tmp/honest_input.json [--grid 1000] [--reps 3]

Versions used: moderndid 0.2.0, numpy 2.4.6, scipy 1.17.1.
"""
import argparse
import json
import time
import warnings

import numpy as np

EVENT_TIMES = [-5, -4, -3, -2, 0, 1, 2, 3]
BETAHAT = [0.01, -0.005, 0.008, 0.002, 0.05, 0.07, 0.09, 0.1]
MBAR = [0.5, 1.0, 2.0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--grid", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    k = len(BETAHAT)
    # AR(1) correlation 0.5 with standard errors 0.02.
    sigma = np.array([[0.0004 * 0.5 ** abs(i - j) for j in range(k)] for i in range(k)])
    with open(args.input, "w") as f:
        json.dump({"event_times": EVENT_TIMES, "betahat": BETAHAT, "sigma": sigma.tolist(), "mbar": MBAR}, f)
    warnings.filterwarnings("ignore")
    from moderndid.didhonest import create_sensitivity_results_rm
    beta = np.array(BETAHAT)
    l_vec = np.zeros(4)
    l_vec[0] = 1
    for rep in range(args.reps):
        start = time.perf_counter()
        res = create_sensitivity_results_rm(betahat=beta, sigma=sigma, num_pre_periods=4, num_post_periods=4,
                                            method="C-LF", m_bar_vec=MBAR, l_vec=l_vec, alpha=0.05,
                                            grid_points=args.grid).to_pandas()
        seconds = time.perf_counter() - start
        bounds = [[m, float(r["lb"]), float(r["ub"])] for m, (_, r) in zip(MBAR, res.iterrows())]
        print(json.dumps({"tool": "moderndid", "workload": "honest-rm", "grid_points": args.grid, "rep": rep,
                          "seconds": seconds, "bounds": bounds}), flush=True)


if __name__ == "__main__":
    main()
