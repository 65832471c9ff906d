"""A model that cannot be loaded is said at once: no torch or transformers imported first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBE = ("import sys\nfrom summarizer.cli import main\nrc = main(sys.argv[1:])\n"
         "print('MODULES', sorted(m for m in ('torch', 'transformers') if m in sys.modules), "
         "file=sys.stderr)\nsys.exit(rc)\n")


@pytest.mark.parametrize("model, message", [
    ("/nonexistent/summariser-model", "is not a model folder or .gguf file"),
    ("./no-such-model-here", "is not a model folder or .gguf file"),
    ("nobody/no-such-model", "not in the local Hugging Face cache and offline mode is on"),
])
def test_a_model_that_cannot_load_fails_before_torch_is_imported(model, message, tmp_path):
    # Importing torch and transformers took 3-12 s on the shared box before the one-line
    # error for a mistyped path or a hub id missing offline, which need neither
    env = dict(os.environ, PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1",
               HF_HOME=str(tmp_path / "hf"))  # an empty cache
    proc = subprocess.run([sys.executable, "-c", PROBE, "summarize", str(REPO / "seeds"),
                           "--method", "abstractive", "--model", model],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert message in lines[0] and "Traceback" not in proc.stderr
    assert lines[-1] == "MODULES []", lines
