"""engine.shipped: what Ray would send to its workers, or an UnpicklableError naming the part
that cannot be pickled (Ray is imported, not started; test_batch_ray.py runs the jobs)."""

from __future__ import annotations

import threading

import pytest

from summarizer.errors import OptionError, UnpicklableError

pytest.importorskip("ray.cloudpickle", reason="the ray extra is not installed")


class _Store:
    def __init__(self, path: str) -> None:
        # held open for writing, as a user's log may be (cloudpickle reads one open for reading)
        self.fh = open(path, "a", encoding="utf-8")  # noqa: SIM115


class _Holder:
    def __init__(self, path: str) -> None:
        self.size = 3
        self.store = _Store(path)


class _Refuses:
    def __reduce__(self):
        raise RuntimeError("no copies of this one")


def test_the_part_that_cannot_be_pickled_is_named_however_deep(tmp_path):
    from summarizer.batch.engine import PICKLE_HINT, shipped

    holder = _Holder(str(tmp_path / "f"))
    with pytest.raises(UnpicklableError) as caught:
        shipped(holder, "the summariser _Holder")
    holder.store.fh.close()
    assert str(caught.value).startswith("the summariser _Holder cannot be sent to the Ray "
                                        "workers (engine='ray', --engine ray): its attribute "
                                        "'store.fh' cannot be pickled (Cannot pickle files "
                                        "that are not opened for reading: a)")
    assert str(caught.value).endswith(f"; {PICKLE_HINT}") and "\n" not in str(caught.value)
    assert isinstance(caught.value, OptionError)  # the caller's value: exit 2
    with pytest.raises(UnpicklableError, match=r": it cannot be pickled \(no copies of this one\)"):
        shipped(_Refuses(), "the summariser _Refuses")
    lock = threading.Lock()
    with pytest.raises(UnpicklableError, match=r": it cannot be pickled \(cannot pickle"):
        shipped(lock, "the lock")
    assert shipped({"a": 1}, "a dict")  # one that can be: its bytes


def test_evaluate_on_ray_of_a_finished_run_rebuilds_its_report_without_sending(tmp_path,
                                                                               monkeypatch):
    # every cluster done in the folder (here by the local engine): evaluate --engine ray has
    # nothing to send, and rebuilds the report; it refused the summariser that cannot be
    # pickled (UnpicklableError) as if it had work. Ray is not started: no cluster is left.
    # A run with clusters left, or a new one, is still refused, the folder as it was.
    from batch_helpers import make_records
    from helpers import write_jsonl

    from summarizer import summarizers
    from summarizer.evaluation import evaluate

    monkeypatch.setitem(summarizers.METHODS, "test-holdslock", "batch_helpers:HoldsLock")

    records = [{**r, "summary": r["references"][0]} for r in make_records(4, seed=3)]
    for r in records:
        del r["references"]
    data = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "run"
    first = evaluate(str(data), "test-holdslock", out=out, words=40, progress=False)
    again = evaluate(str(data), "test-holdslock", out=out, words=40, progress=False, engine="ray")
    assert (again.resumed, again.computed) == (4, 0)
    assert again.report.to_dict()["scores"] == first.report.to_dict()["scores"]
    lines = (out / "results.jsonl").read_text().splitlines()
    (out / "results.jsonl").write_text("".join(x + "\n" for x in lines[:2]))
    kept = sorted((p.name, p.read_bytes()) for p in out.iterdir() if p.name != "run.lock")
    with pytest.raises(UnpicklableError, match="the summariser HoldsLock cannot be sent"):
        evaluate(str(data), "test-holdslock", out=out, words=40, progress=False, engine="ray")
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir() if p.name != "run.lock") == kept
    with pytest.raises(UnpicklableError, match="the summariser HoldsLock cannot be sent"):
        evaluate(str(data), "test-holdslock", out=tmp_path / "new", words=40, progress=False,
                 engine="ray")
    assert not (tmp_path / "new").exists()
