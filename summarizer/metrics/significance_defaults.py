"""The paired significance tests' defaults, shared by the library and the CLI, in a module
that imports nothing: the CLI's parsers show them in ``--help`` without loading numpy
(which :mod:`~summarizer.metrics.significance` needs)."""

# Where none is given: compare, rouge --compare, compare_runs and the functions of
# summarizer.metrics.significance.
SIGNIFICANCE_SEED = 12345
RESAMPLES = 1000  # paired bootstrap resamples
TRIALS = 10000  # approximate randomisation trials
