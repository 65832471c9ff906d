"""Shared fixtures. Data in ../shared/data is read in place, never copied."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from helpers import REPO, SHARED_DATA
from hypothesis import settings

# The property tests draw the same examples every run, wherever they run (the README's
# test command and CI alike), so a result does not depend on luck: CI=true was the only
# switch, and a CI that does not set it drew new examples each run (one found "İ" in a
# token test's reference). HYPOTHESIS_PROFILE=explore draws new ones, to look for bugs.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")


def _folder(path: Path, what: str) -> Path:
    """``path``, a folder; where it is absent the test skips, saying what is missing where."""
    if not path.is_dir():
        pytest.skip(f"{what} not found at {path}")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of ../shared/data; skips the test where it is absent."""
    return _folder(SHARED_DATA, "shared data (set SUMMARIZER_SHARED_DATA)")


@pytest.fixture(scope="session")
def tac_dir(shared_data: Path) -> Path:
    """The TAC 2011 MultiLing folder; skips where it is absent."""
    return _folder(shared_data / "tac2011_multiling", "TAC 2011 MultiLing data")


@pytest.fixture(scope="session")
def rouge_data(shared_data: Path) -> Path:
    """ROUGE-1.5.5's stemming and stopword data in ../shared/data; skips where absent."""
    return _folder(shared_data / "rouge155_resources", "ROUGE-1.5.5 resources")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")


@pytest.fixture
def switch_often():
    """Threads switched as often as CPython allows, so that races show within seconds."""
    import sys

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.fixture(autouse=True)
def _ray_log_streams() -> None:
    """Ray's log handler (``ray._private.log.PlainRayHandler``) keeps the stderr of the moment
    Ray set up its logging, though its docstring says it writes to stderr as it is at each
    line. A test that first imported Ray under ``capsys`` or ``run_cli`` left it bound to a
    stream closed since, and the next Ray job's log lines failed ("I/O operation on closed
    file"): Ray tests failed when run after such a test, and passed alone. Such handlers are
    pointed at this test's stderr. Nothing is done where Ray is not imported."""
    if "ray" not in sys.modules:
        return
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if not name.startswith("ray") or not isinstance(logger, logging.Logger):
            continue
        for handler in logger.handlers:
            stream = getattr(handler, "stream", None)
            if isinstance(handler, logging.StreamHandler) and getattr(stream, "closed", False):
                handler.stream = sys.stderr  # not setStream: it flushes the closed one
