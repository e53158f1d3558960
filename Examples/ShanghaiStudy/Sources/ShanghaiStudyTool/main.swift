// `ssp-study`: reproduces the Shanghai Strong School Project study on synthetic data.
print("ssp-study: under construction")
