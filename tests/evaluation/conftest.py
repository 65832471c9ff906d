"""Fixtures for the evaluation tests: tiny summarisers, a synthetic JSONL data set."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE_DUC = HERE.parent / "fixtures" / "duc"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import tiny_systems  # noqa: E402

WORDS = ("council flood river bridge minister vote budget harbor school fund water storm "
         "police report rescue village election doctor market price energy road train "
         "court judge union strike farmer crop fire forest").split()


@pytest.fixture
def tiny(monkeypatch):
    """Register the tiny summarisers under test-only names."""
    from summarizer import summarizers

    monkeypatch.setitem(summarizers.METHODS, "test-roundrobin", "tiny_systems:RoundRobin")
    monkeypatch.setitem(summarizers.METHODS, "test-empty", "tiny_systems:Empty")
    monkeypatch.setitem(summarizers.METHODS, "test-some-empty", "tiny_systems:SomeEmpty")
    monkeypatch.setattr(tiny_systems, "INTERRUPT_AT", None)
    monkeypatch.setattr(tiny_systems, "REFUSE_AT", None)
    tiny_systems.CALLS.clear()
    return tiny_systems


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(6, 12))
    return " ".join(words).capitalize() + "."


def make_jsonl(path: Path, n: int = 8, seed: int = 0, fields=("docs", "gold", "key")) -> Path:
    """``n`` synthetic clusters; references reuse some document sentences."""
    rng = random.Random(seed)
    text_f, sum_f, id_f = fields
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            docs = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(3)]
            pool = [s + "." for d in docs for s in d.split(". ") if s]
            refs = [" ".join(rng.sample(pool, 3)) + " " + _sentence(rng) for _ in range(2)]
            fh.write(json.dumps({id_f: f"c{i:02d}", text_f: docs, sum_f: refs}) + "\n")
    return path


@pytest.fixture
def jsonl_data(tmp_path) -> Path:
    return make_jsonl(tmp_path / "data.jsonl")


@pytest.fixture
def duc_fixture() -> Path:
    return FIXTURE_DUC
