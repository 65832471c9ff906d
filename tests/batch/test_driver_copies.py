"""The Ray engine's driver keeps no copy of the packs it hands to Ray Data: it held a whole
segment's items and their pickles at once (2,048 packs: 2.3-2.5 GB of news clusters). Each
pack's items are let go of once pickled, the pickles once Ray Data holds them, and a pack
given up comes back from its actor. Without Ray: a stand-in for Ray Data runs the actor
(engine._PackWorker) in this process, its object store a list of the rows."""

from __future__ import annotations

import pickle
import weakref
from types import SimpleNamespace

import pytest

# its stand-in raises Ray's own exception types: without the ray extra, skipped (the
# module's import broke the collection of the whole suite)
pytest.importorskip("ray", reason="needs the ray extra (pip install -e '.[ray]')")
import ray.exceptions  # noqa: E402

from summarizer.batch import engine  # noqa: E402


class _Item:
    def __init__(self, n: int):
        self.n = n


class _Task:
    def setup(self):
        pass

    def __call__(self, item):
        return item.n * 10

    def lost(self, item, reason):
        return ("lost", item.n, reason.startswith("its Ray worker died"))


POISON = 3  # the item whose worker "dies" at every try: its packs are given up


class _Dataset:
    def __init__(self, rows, store):
        self.rows, self.worker = rows, None
        store.append(rows)  # what Ray's object store holds for the job

    def map_batches(self, fn, fn_constructor_args, **kwargs):
        task, _, _, environment = fn_constructor_args  # no tries counter: no Ray asked
        self.worker = fn(task, environment=environment)
        return self

    def iterator(self):
        return SimpleNamespace(iter_rows=self._answers)

    def _answers(self):
        for row in self.rows:
            if POISON in [item.n for item in pickle.loads(row["pack"])]:
                yield {"results": pickle.dumps(engine.GaveUp(row["pack"]))}
                continue
            out = self.worker({"index": [row["index"]], "pack": [row["pack"]]})
            yield {"results": out["results"][0]}


def _fake_ray(store, seen):
    def from_items(rows, override_num_blocks):
        assert override_num_blocks == len(rows)
        seen.append(sum(ref() is not None for ref in refs))  # items alive as Ray gets them
        return _Dataset(list(rows), store)

    def no_actor(name):
        raise ValueError(name)

    refs: list[weakref.ref] = []
    context = SimpleNamespace(enable_progress_bars=True)  # Ray Data's, one per process
    fake = SimpleNamespace(
        is_initialized=lambda: True, cluster_resources=lambda: {"CPU": 2},
        cloudpickle=pickle, exceptions=ray.exceptions, kill=None, get_actor=no_actor,
        data=SimpleNamespace(DataContext=SimpleNamespace(get_current=lambda: context),
                             from_items=from_items, ActorPoolStrategy=lambda **k: None))
    return fake, refs


def test_the_driver_lets_go_of_each_pack_once_ray_data_holds_it(monkeypatch):
    monkeypatch.setattr(engine, "limit_threads", lambda n: None)  # not this process's
    monkeypatch.setenv("SUMMARIZER_PROGRESS", "1")  # the stand-in's worker sets it to 0
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    store: list = []
    seen: list[int] = []
    fake, refs = _fake_ray(store, seen)
    monkeypatch.setattr(engine, "require_ray", lambda: fake)

    def items():
        for n in range(7):
            item = _Item(n)
            refs.append(weakref.ref(item))
            yield item

    packs = engine.pack_items(items(), lambda item: 1, 2, 100)
    results = []
    for got in engine.run_ray(_Task(), packs, num_workers=2):
        # the items were pickled and let go of before Ray Data got any (held twice before)
        assert [ref() for ref in refs] == [None] * 7
        results += got
    assert seen[0] == 0
    # the same results: the packs given up (the one holding item 3) came back from their
    # actor and ran item by item, the poison one lost
    assert sorted(results, key=str) == sorted(
        [0, 10, 20, 40, 50, 60, ("lost", 3, True)], key=str)
    assert len(store) == 2  # the segment, then the given-up pack's items alone
