"""Fixtures for the batch tests: synthetic news-like clusters, one Ray instance per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from batch_helpers import make_records  # noqa: E402
from helpers import write_jsonl  # noqa: E402


@pytest.fixture
def clusters_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "clusters.jsonl", make_records(10))


@pytest.fixture(scope="session")
def ray_local():
    """One local Ray instance (2 CPUs) for every Ray test of the session (~9 s to start)."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    pytest.importorskip("ray.data")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2)
    yield ray
    if started:
        ray.shutdown()


def pytest_configure(config):
    config.addinivalue_line("markers", "ray: starts Ray in local mode (slow; needs the ray extra)")
