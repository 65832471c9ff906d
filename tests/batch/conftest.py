"""Fixtures for the batch tests: synthetic news-like clusters, one Ray instance per session."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Leeds", "Gdansk", "Perth", "Tunis"]
EVENTS = ["flood", "strike", "election", "fire", "bridge collapse", "drought", "storm"]
VERBS = ["said", "reported", "confirmed", "warned", "announced", "added"]
WHO = ["officials", "the mayor", "police", "residents", "the minister", "rescue teams"]


def _sentence(rng: random.Random, place: str, event: str) -> str:
    n = rng.randint(2, 900)
    return rng.choice([
        f"The {event} in {place} affected {n} people, {rng.choice(WHO)} {rng.choice(VERBS)}.",
        f"{rng.choice(WHO).capitalize()} in {place} {rng.choice(VERBS)} that {n} homes were hit "
        f"by the {event} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}.",
        f"Aid for the {event} reached {place} after {n} hours, according to {rng.choice(WHO)}.",
        f"The {event} is the worst in {place} since {1900 + n % 120}, {rng.choice(WHO)} "
        f"{rng.choice(VERBS)}.",
    ])


def make_records(n: int, seed: int = 0, docs: tuple[int, int] = (2, 4)) -> list[dict]:
    """``n`` clusters of 2-4 short news articles about one event each, with two references."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, event = rng.choice(PLACES), rng.choice(EVENTS)
        articles = [" ".join(_sentence(rng, place, event) for _ in range(rng.randint(3, 7)))
                    for _ in range(rng.randint(*docs))]
        first = [a.split(". ")[0].rstrip(".") + "." for a in articles]
        out.append({"id": f"c{i:03d}", "documents": articles,
                    "references": [" ".join(first), _sentence(rng, place, event)]})
    return out


def write_jsonl(path: Path, records: list, extra_lines: list[str] = ()) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


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
