"""What the default path's cold start leaves out, and the helpers that let it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from summarizer.summarizers.coverage import median

REPO = Path(__file__).resolve().parents[2]


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 60), elements=st.floats(-1e6, 1e6, allow_nan=False)))
def test_median_is_numpys_to_the_bit(values):
    assert median(values) == np.median(values)


def test_median_of_nothing_is_nan_like_numpys():
    assert np.isnan(median(np.array([])))


def test_default_summarize_imports_only_what_it_uses(tmp_path):
    """numpy.random (9 ms), numpy.ma (8 ms, np.median's), tokenizers (5 ms; the seed's
    characters are all in the word-piece cache's table) and torch stay out of a plain
    ``summarizer summarize`` once the caches exist; the summary needs none of them."""
    probe = ("import sys\nfrom summarizer.cli import main\nrc = main(sys.argv[1:])\n"
             "print('MODULES', ' '.join(sorted(m for m in ('numpy.random', 'numpy.ma', 'torch', "
             "'transformers', 'onnxruntime', 'tokenizers') if m in sys.modules)), "
             "file=sys.stderr)\nsys.exit(rc)\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for _ in range(2):  # the first run may build the caches (static table, word pieces)
        proc = subprocess.run([sys.executable, "-c", probe, "summarize", str(REPO / "seeds")],
                              capture_output=True, text=True, env=env, cwd=tmp_path,
                              timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip()
    loaded = [line for line in proc.stderr.splitlines() if line.startswith("MODULES")]
    assert loaded == ["MODULES "], loaded
