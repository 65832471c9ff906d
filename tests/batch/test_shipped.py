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


def _ray_started(monkeypatch) -> list:
    """ray.init made a spy: the calls it gets (a job that would start Ray here fails at once,
    as none is meant to)."""
    import ray

    calls: list = []

    def init(*args, **kwargs):
        calls.append((args, kwargs))
        raise AssertionError("Ray started")

    monkeypatch.setattr(ray, "init", init)
    return calls


def _files(folder) -> list:
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir())


def test_batch_on_ray_of_a_finished_folder_ends_as_the_local_engine_without_sending(
        tmp_path, monkeypatch):
    # Every cluster of the input in its folder: batch --engine ray has nothing to send. It
    # refused the summariser that cannot be pickled before the input was read, as if it had
    # work; now it ends as the local engine does (the report's counts and failures, the
    # folder's files) and starts no Ray, whatever the summariser. A folder with clusters
    # left is refused once the input is read up to them (not past the first batch), the
    # folder as it was; a new one before the input is read (none here: no such file).
    import json

    import pyarrow.parquet as pq
    from batch_helpers import make_records
    from helpers import run_cli, write_jsonl

    from summarizer import summarizers
    from summarizer.batch import summarize_dataset
    from summarizer.batch.source import Source

    monkeypatch.setitem(summarizers.METHODS, "test-holdslock", "batch_helpers:HoldsLock")
    data = write_jsonl(tmp_path / "in.jsonl", make_records(12, seed=3), raw_lines=["{broken"])
    out = tmp_path / "out"

    def run(method="test-holdslock", folder=out, **kw):
        return summarize_dataset(data, folder, method, words=40, progress=False,
                                 rows_per_shard=3, batch_size=2, **kw)

    assert run().done == 12
    finished = run()  # the local engine on the finished folder: what Ray's run must give
    assert (finished.done, finished.skipped, finished.failed_count) == (0, 12, 1)
    local = json.loads((out / "report.json").read_text())
    kept = _files(out)
    started = _ray_started(monkeypatch)
    again = run(engine="ray")
    assert (again.done, again.skipped, again.failed_count, again.complete) == (0, 12, 1, True)
    report = json.loads((out / "report.json").read_text())
    timing = ("seconds", "clusters_per_second")
    assert {k: v for k, v in report.items() if k not in timing} == {
        **{k: v for k, v in local.items() if k not in timing}, "engine": "ray", "workers": 2}
    assert [(n, b) for n, b in _files(out) if n != "report.json"] == [
        (n, b) for n, b in kept if n != "report.json"]  # manifest, shards, failed.jsonl
    code, said, _ = run_cli(["batch", str(data), "--out", str(out), "--method",
                             "test-holdslock", "--words", "40", "--no-progress", "--engine",
                             "ray"])
    assert code == 1 and said.startswith("13 rows: 0 summarised, 12 already done, 1 failed")
    assert run("lead", tmp_path / "lead").done == 12  # one that can be sent: no Ray either
    assert run("lead", tmp_path / "lead", engine="ray").skipped == 12
    assert started == []

    # clusters left (a shard gone): refused with the input read up to them, as it was
    gone = next(s for s in out.glob("part-*.parquet")
                if pq.read_table(s, columns=["id"]).column("id").to_pylist()[0] == "c003")
    gone.unlink()
    kept = _files(out)
    read = []
    rows = Source.rows

    def counted(self):
        for row in rows(self):
            read.append(row.position)
            yield row

    monkeypatch.setattr(Source, "rows", counted)
    code, _, err = run_cli(["batch", str(data), "--out", str(out), "--method", "test-holdslock",
                            "--words", "40", "--no-progress", "--engine", "ray",
                            "--batch-size", "2"])
    assert code == 2 and err.startswith("summarizer: error: the summariser HoldsLock cannot be "
                                        "sent to the Ray workers")
    assert _files(out) == kept and started == []
    # read up to the first batch of clusters left (c003, c004; c005 ends it), no further
    assert read[1:] == list(range(6))  # (row 0 read first to check the fields)
    resumed = run()  # the local engine resumes it
    assert (resumed.done, resumed.skipped) == (3, 9)
    with pytest.raises(UnpicklableError, match="the summariser HoldsLock cannot be sent"):
        summarize_dataset(tmp_path / "no-such.jsonl", tmp_path / "new", "test-holdslock",
                          words=40, progress=False, engine="ray")
    assert not (tmp_path / "new").exists() and started == []


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError])
def test_a_ray_job_stopped_in_its_read_before_ray_ends_as_the_local_engine_s(
        tmp_path, monkeypatch, stop):
    # On Ray the input is read up to the first batch of clusters left before Ray starts
    # (9b6a4de); a Ctrl-C (or an error) in that read left the last run's report.json in
    # place, which said that run's counts ("complete": true) of a job now stopped part-way.
    # Now it ends as the local engine's job does: the report and failures of the rows
    # reached, the shards as they were, and no Ray started.
    import json
    import shutil

    import pyarrow.parquet as pq
    from batch_helpers import make_records

    from summarizer.batch import summarize_dataset
    from summarizer.batch.source import Source

    lines = [json.dumps(r) for r in make_records(12, seed=3)]
    lines.insert(2, "{broken")  # a row refused as it is read, before the stop
    data = tmp_path / "in.jsonl"
    data.write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    def run(folder, **kw):
        return summarize_dataset(data, folder, "lead", words=40, progress=False,
                                 rows_per_shard=3, batch_size=2, **kw)

    done = tmp_path / "done"
    assert run(done).complete
    last = next(s for s in done.glob("part-*.parquet")
                if "c009" in pq.read_table(s, columns=["id"]).column("id").to_pylist())
    last.unlink()  # clusters left at the end: the read up to them skips the others
    before = json.loads((done / "report.json").read_text(encoding="utf-8"))
    assert (before["complete"], before["done"]) == (True, 12)
    local, ray = tmp_path / "local", tmp_path / "ray"
    shutil.copytree(done, local)
    shutil.copytree(done, ray)
    rows = Source.rows

    def stopped_at_6(self):
        for row in rows(self):
            if row.position == 6:
                raise stop("stopped while the input was read")
            yield row

    monkeypatch.setattr(Source, "rows", stopped_at_6)
    with pytest.raises(stop):
        run(local)
    started = _ray_started(monkeypatch)
    with pytest.raises(stop):
        run(ray, engine="ray")
    assert started == []
    report = json.loads((ray / "report.json").read_text(encoding="utf-8"))
    assert (report["complete"], report["rows"], report["skipped"], report["done"],
            report["failed"]) == (False, 6, 5, 0, 1)
    timing = {"seconds", "clusters_per_second"}
    expected = json.loads((local / "report.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in report.items() if k not in timing | {"out"}} == {
        **{k: v for k, v in expected.items() if k not in timing | {"out"}},
        "engine": "ray", "workers": 2}
    assert [(n, b) for n, b in _files(ray) if n != "report.json"] == [
        (n, b) for n, b in _files(local) if n != "report.json"]  # failed.jsonl, shards
