"""What the CLI's help and version paths import: no numpy, no scorers, no metadata."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# numpy (40-90 ms cold) came in through summarizer.metrics' package __init__, which the
# rouge and evaluate parsers import for their options; importlib.metadata (and email, 10 ms)
# through the rouge-score backend's version lookup. Neither is needed to print help, nor
# the Punkt models' data (punkt, 25 ms: sentence_ends.splitter_abbreviations reads it late).
HEAVY = ("numpy", "importlib.metadata", "email", "torch", "transformers", "datasets",
         "scipy", "pyarrow", "nltk", "punkt", "summarizer.metrics.api",
         "summarizer.metrics.aggregate")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["rouge", "--help"],
                                  ["evaluate", "--help"], ["summarize", "--help"],
                                  ["batch", "--help"], ["compare", "--help"]])
def test_help_and_version_import_nothing_heavy(argv):
    probe = ("import sys\nfrom summarizer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             f"print('MODULES', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=120)
    assert proc.stdout.strip(), proc.stderr[-2000:]
    assert proc.stderr.strip().splitlines()[-1] == "MODULES []", proc.stderr[-2000:]


def test_the_metrics_package_still_gives_every_name():
    import summarizer.metrics as metrics

    for name in metrics.__all__:
        assert getattr(metrics, name) is not None
    from summarizer.metrics import RougeSettings, rouge  # noqa: F401


def test_the_significance_defaults_have_one_home(monkeypatch):
    # compare's parser wrote 12345, 1000 and 10000 itself (importing significance's would
    # load numpy at start-up): a default changed in summarizer.metrics.significance_defaults
    # was the library's, not the CLI's
    from summarizer.cli import build_parser
    from summarizer.metrics import significance, significance_defaults

    for name in ("SIGNIFICANCE_SEED", "RESAMPLES", "TRIALS"):
        assert getattr(significance, name, None) is getattr(significance_defaults, name)
        monkeypatch.setattr(significance_defaults, name, 777)
    args = build_parser("compare").parse_args(["compare", "run-a", "run-b"])
    assert (args.significance_seed, args.resamples, args.trials) == (777, 777, 777)
    for name, count in (("compare", 3), ("rouge", 1)):
        parser = build_parser(name)
        sub = next(a for a in parser._actions if a.dest == "command").choices[name]
        assert " ".join(sub.format_help().split()).count("(default 777)") == count
