// `lalonde-psm`: propensity-score matching on the Lalonde/NSW job-training data, compared with
// the experimental benchmark (see LalondePSMCommand).
LalondePSMCommand.main()
