"""Fixtures for the batch tests: synthetic news-like clusters, one Ray instance for the
Ray tests, shut down after the last of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from batch_helpers import make_records  # noqa: E402
from helpers import write_jsonl  # noqa: E402

# The last test of the run that uses ray_local, and whether Ray was started here (an
# instance someone else started is left to them).
_LAST_RAY_TEST: list[pytest.Item] = []
_STARTED: list[bool] = []


@pytest.fixture
def clusters_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "clusters.jsonl", make_records(10))


@pytest.hookimpl(trylast=True)  # the final order: after -k, -m and any reordering
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    users = [item for item in items if "ray_local" in getattr(item, "fixturenames", ())]
    _LAST_RAY_TEST[:] = users[-1:]


@pytest.fixture
def ray_local(request: pytest.FixtureRequest):
    """A local Ray instance (2 CPUs): started by the first Ray test (~9 s), kept for the
    next ones, shut down after the last one. It was kept for the whole session, its
    threads running beside the two thirds of the suite that come after tests/batch."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    pytest.importorskip("ray.data")
    if not ray.is_initialized():
        ray.init(num_cpus=2)
        _STARTED[:] = [True]
    yield ray
    if _STARTED and request.node in _LAST_RAY_TEST:
        ray.shutdown()
        _STARTED.clear()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _STARTED:  # the run stopped before its last Ray test (-x, Ctrl-C)
        import ray

        ray.shutdown()


def pytest_configure(config):
    config.addinivalue_line("markers", "ray: starts Ray in local mode (slow; needs the ray extra)")
