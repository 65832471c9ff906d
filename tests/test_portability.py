"""What other platforms and Python versions need of the source and the scripts."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _sources() -> list[Path]:
    return sorted(p for folder in ("summarizer", "examples", "eval", "tests", "scripts")
                  for p in (ROOT / folder).rglob("*.py"))


def test_every_docstring_is_valid_utf8():
    # Python 3.13's compiler encodes docstrings strictly: a docstring written with
    # "\ud83d\ude00" (not raw) made `import summarizer.cli` a UnicodeEncodeError there
    bad = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                          | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=False)
                try:
                    (doc or "").encode("utf-8")
                except UnicodeEncodeError:
                    bad.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 1)}")
    assert not bad


def test_an_example_prints_under_an_ascii_locale(tmp_path):
    # the examples printed with Python's strict ASCII stdout there: a UnicodeEncodeError
    # traceback after the work, where the CLI's stdout is made to print any summary
    script = tmp_path / "s.py"
    script.write_text("from summarizer.cli import script_parser\n"
                      "script_parser(__doc__).parse_args()\nprint('Genève 国')\n",
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG")}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120,
                          env=dict(env, LC_ALL="C", PYTHONUTF8="0"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").strip() == "Genève 国"


@pytest.mark.parametrize("path", [p for p in _sources() if "/examples/" in p.as_posix()],
                         ids=lambda p: p.name)
def test_every_example_sets_up_its_stdout_as_the_cli_does(path):
    assert "script_parser(" in path.read_text(encoding="utf-8")
