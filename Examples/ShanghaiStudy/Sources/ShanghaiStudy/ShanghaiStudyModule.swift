// The Shanghai Strong School Project reproduction: synthetic data generator and pipeline.
