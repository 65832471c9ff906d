"""RunStore.stored_results (what evaluate --faithfulness reads the summaries through): asked
in the file's order, each line of results.jsonl is parsed once (the offsets were found by
parsing every line first, then each line again when asked); asked in any order, again,
or for an id it lacks, the mapping is the one the checked file gives."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.evaluation import DatasetOptions, evaluate
from summarizer.evaluation import store as store_module
from summarizer.evaluation.store import RunStore

JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


@pytest.fixture
def run_store(tiny, jsonl_data, tmp_path) -> RunStore:
    out = tmp_path / "run"
    evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
             progress=False)
    store = RunStore(out)
    # lines out of data set order, a blank line and a torn last line (both skipped)
    lines = store.results_file.read_bytes().splitlines(keepends=True)
    random.Random(3).shuffle(lines)
    store.results_file.write_bytes(b"".join(lines[:3]) + b"\n" + b"".join(lines[3:])
                                   + lines[0][:40])
    return store


class CountingJson:
    def __init__(self):
        self.calls = 0

    def loads(self, raw):
        self.calls += 1
        return json.loads(raw)


def test_asked_in_the_file_s_order_each_line_is_parsed_once(run_store, monkeypatch):
    expected = list(run_store.iter_results())
    counting = CountingJson()
    monkeypatch.setattr(store_module, "json", counting)
    stored = run_store.stored_results()
    assert [stored[r.id] for r in expected] == expected
    assert counting.calls == len(expected) == 8


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(asks=st.lists(st.sampled_from([f"c{i:02d}" for i in range(8)] + ["c99", "c0"]),
                     max_size=25),
       whole=st.sampled_from(["never", "first", "last"]))
def test_any_order_of_asking_gives_the_checked_file_s_results(run_store, asks, whole):
    expected = {r.id: r for r in run_store.iter_results()}
    stored = run_store.stored_results()
    if whole == "first":
        assert sorted(stored) == sorted(expected) and len(stored) == len(expected)
    for cid in asks:
        assert stored.get(cid) == expected.get(cid)
        assert (cid in stored) == (cid in expected)
    if whole == "last":
        assert sorted(stored) == sorted(expected) and len(stored) == len(expected)
    with pytest.raises(KeyError):
        stored["c99"]


def test_no_results_file_is_an_empty_mapping(tmp_path):
    stored = RunStore(tmp_path / "none").stored_results()
    assert len(stored) == 0 and stored.get("c00") is None and list(stored) == []
