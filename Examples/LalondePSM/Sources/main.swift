// `lalonde-psm`: propensity-score matching on the Lalonde/NSW job-training data.
print("lalonde-psm: under construction")
