"""Every script in examples/ runs offline and prints what it promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def run_example(name: str, tmp_path: Path, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
             "TRANSFORMERS_OFFLINE": "1", **env},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr
    return out.stdout


@pytest.mark.slow
def test_summarize_seed_runs_every_extractive_method(tmp_path):
    out = run_example("summarize_seed.py", tmp_path)
    sections = re.findall(r"^== (\w+) \((\d+) words\)\n(.+)$", out, flags=re.M)
    methods = [m for m in summarizer.available_methods() if m != "abstractive"]
    assert [s[0] for s in sections] == methods
    for _method, words, text in sections:
        assert 0 < int(words) <= 60 and len(text.split()) == int(words)
        assert "jha/ga" not in text


@pytest.mark.slow
def test_summarize_folder(tmp_path):
    tac = REPO.parent / "shared" / "data" / "tac2011_multiling" / "SourceTexts"
    out = run_example("summarize_folder.py", tmp_path)
    if tac.is_dir():
        assert out.startswith("Read 10 articles from TAC 2011 MultiLing, English topic M000")
        assert "M0000.txt: 'Tsunami aid donations in 2005 deductible for 2004 in the U.S.'" in out
    summary = out.split("words):\n", 1)[1].strip()
    assert 20 < len(summary.split()) <= 100


@pytest.mark.slow
def test_summarize_folder_without_shared_data(tmp_path):
    out = run_example("summarize_folder.py", tmp_path,
                      SUMMARIZER_SHARED_DATA=str(tmp_path / "absent"))
    assert out.startswith("Read 3 articles from the seed article, in three parts")
    assert len(out.split("words):\n", 1)[1].split()) <= 100


def test_provenance(tmp_path):
    out = run_example("provenance.py", tmp_path)
    lines = re.findall(r"^\[(\d+)\] document '([^']+)', sentence (\d+), characters (\d+)-(\d+) "
                       r"\((matches|truncated from) the source\)$", out, flags=re.M)
    assert lines and all(doc == "panama_migration_meeting.txt" for _, doc, *_ in lines)
    assert all(kind == "matches" for *_, kind in lines)
    assert [int(n) for n, *_ in lines] == list(range(1, len(lines) + 1))


@pytest.mark.slow
def test_summarize_folder_with_unusable_shared_data(tmp_path):
    """Shared data whose articles are all unusable (binary, empty): one line, no traceback."""
    src = tmp_path / "shared" / "tac2011_multiling" / "SourceTexts"
    src.mkdir(parents=True)
    (src / "M0000.english").write_bytes(bytes(range(256)) * 20)
    (src / "M0001.english").write_bytes(b"")
    out = subprocess.run([sys.executable, str(EXAMPLES / "summarize_folder.py")],
                         capture_output=True, text=True, timeout=600, cwd=tmp_path,
                         env={**os.environ, "SUMMARIZER_SHARED_DATA": str(tmp_path / "shared")})
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stderr.startswith("summarize_folder.py: error: ")
    assert "no usable documents" in out.stderr and len(out.stderr.splitlines()) == 1
