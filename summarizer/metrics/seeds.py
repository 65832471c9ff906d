"""Seeds shared by the library and the CLI, in a module that imports nothing: the CLI's
parsers show them as defaults in ``--help`` without loading numpy (which
:mod:`~summarizer.metrics.significance` needs)."""

# The paired significance tests' seed where none is given (compare, rouge --compare,
# compare_runs and the functions of summarizer.metrics.significance).
SIGNIFICANCE_SEED = 12345
