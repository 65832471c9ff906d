"""eval/bench_batch.py and bench_batch_timeline.py: input builder, one-process run, scaling
model, the timeline and the driver's cost per cluster (no Ray, no timing)."""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "eval" / "bench_batch.py"


def _module():
    spec = importlib.util.spec_from_file_location("bench_batch", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timeline():
    spec = importlib.util.spec_from_file_location(
        "bench_batch_timeline", SCRIPT.with_name("bench_batch_timeline.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_input_local_run_and_scaling_model(tmp_path):
    bench = _module()
    inp = tmp_path / "c.jsonl"
    shape = bench.build_input(inp, 4, docs=3, sentences=4, seed=1)
    rows = [json.loads(line) for line in inp.read_text().splitlines()]
    assert len(rows) == 4 == shape["clusters"] and all(len(r["documents"]) <= 3 for r in rows)
    assert shape["words_min"] <= shape["words_median"] <= shape["words_max"]
    whole = bench.build_input(tmp_path / "w.jsonl", 4, docs=3, sentences=0, seed=1)
    assert whole["sentences"] == "all sentences"
    assert whole["words_median"] > shape["words_median"]  # whole articles, not 4 sentences
    # --bytecode cached: the job imports a compiled copy of the package, as installed
    package = bench.package_root(tmp_path, "cached")
    assert any((package / "summarizer" / "batch" / "__pycache__").glob("engine.*.pyc"))
    args = argparse.Namespace(method="lead", words=30, workers=2, package=package)
    result = bench.run_engine("local", args, inp, tmp_path / "out")
    assert result["done"] == 4 and result["failed"] == 0 and result["peak_rss_mib"][0] > 50
    assert result["package"] == str(package)
    assert result["cpu_per_cluster"] > 0
    lines = bench.scaling_model(1.8, shape, per_day=1_000_000, node_cores=16, use=0.5)
    assert "500 core-hours" in "\n".join(lines)  # 1e6 x 1.8 s / 3600
    assert "| 24 h | 2.6 |" in lines  # 500 / (24 x 16 x 0.5)


def test_split_engine_runs_every_slice_in_its_own_process(tmp_path):
    # the machine's ceiling for --workers processes: each slice a one-process job
    bench = _module()
    inp = tmp_path / "c.jsonl"
    bench.build_input(inp, 5, docs=3, sentences=4, seed=2)
    # --bytecode none: the checkout's own sources
    args = argparse.Namespace(method="lead", words=30, workers=2,
                              package=bench.package_root(tmp_path, "none"))
    result = bench.run_engine("split", args, inp, tmp_path / "out")
    assert result["done"] == 5 and result["failed"] == 0
    assert result["package"] == str(bench.REPO)
    assert len(result["peak_rss_mib"]) == 2  # two summarising processes, the driver left out
    slices = [json.loads(line)["id"] for k in (0, 1)
              for line in (tmp_path / f"out-slice{k}.jsonl").read_text().splitlines()]
    assert slices == [json.loads(line)["id"] for line in inp.read_text().splitlines()]
    assert len([p for p in tmp_path.glob("out-out*") if p.is_dir()]) == 2


def test_cpu_is_counted_up_to_the_jobs_end_not_the_checks_after_it(tmp_path):
    # the child reads the shards back and asks an actor for its threads after its job:
    # about 1 CPU s of a Ray worker's imports, counted as the job's before
    import sys

    bench = _module()
    out = tmp_path / "out"
    child = (  # 0.3 CPU s in the job, then 1.5 CPU s after its end marker
        "import json, time\n"
        "def burn(s):\n"
        "    t = time.process_time()\n"
        "    while time.process_time() - t < s: pass\n"
        f"open({str(out)!r} + '.start', 'w').close(); burn(0.3)\n"
        f"open({str(out)!r} + '.end', 'w').close(); burn(1.5)\n"
        "print(json.dumps({'done': 1, 'wall': 0.3}))\n")
    result = bench._sample("local", [sys.executable, "-c", child], {}, out)
    assert 0.2 < result["cpu_per_cluster"] < 1.0  # the job's 0.3 s (sampled every 0.2 s)
    assert 0.2 < result["cpu_all_per_cluster"] < 1.0  # not 1.8


def test_lean_variant_turns_off_settings_that_ray_data_has():
    # a misspelt name would only add an attribute to the DataContext, silently
    data = pytest.importorskip("ray.data")
    bench = _module()
    ctx = data.DataContext.get_current()
    assert {"memory_usage_poll_interval_s", "issue_detectors_config"} <= {
        f.name for f in dataclasses.fields(ctx)}
    kept = ctx.memory_usage_poll_interval_s, list(ctx.issue_detectors_config.detectors)
    assert kept[0] is not None and kept[1]  # on by default: the variant changes something
    try:
        bench._lean_context()
        assert ctx.memory_usage_poll_interval_s is None
        assert ctx.issue_detectors_config.detectors == []
    finally:
        ctx.memory_usage_poll_interval_s, ctx.issue_detectors_config.detectors = kept


def test_timeline_names_the_drivers_and_workers_steps(tmp_path):
    # eval/bench_batch_timeline.py on the local engine (no Ray): the steps of one fresh job
    import subprocess
    import sys

    out = tmp_path / "timeline.md"
    done = subprocess.run([sys.executable, str(SCRIPT.with_name("bench_batch_timeline.py")),
                           "--engine", "local", "--clusters", "3", "--docs", "2",
                           "--sentences", "3", "--method", "lead", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    steps = [line.split(" | ")[2] for line in text.splitlines() if line.startswith("| ")
             and " | driver | " in line]
    assert steps[0] == "job start |" and steps[-1] == "job end |"
    assert "| worker 1 | 3 |" in text  # its three clusters, timed inside the worker


def test_timeline_gives_the_drivers_marginal_cpu_per_cluster(tmp_path):
    # two sizes, the do-nothing summariser: the driver's CPU by phase, per cluster, and
    # the marginal cost between the sizes (the same job, local engine, no Ray)
    import subprocess
    import sys

    out = tmp_path / "timeline.md"
    done = subprocess.run([sys.executable, str(SCRIPT.with_name("bench_batch_timeline.py")),
                           "--engine", "local", "--clusters", "4,2", "--docs", "2",
                           "--sentences", "3", "--method", "nothing", "--batch-tokens", "90",
                           "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    assert "Medians of 1 runs of 2 clusters, 1 runs of 4 clusters." in text
    assert "batches of at most 90 words" in text
    marginal = text.split("Marginal driver CPU per cluster, from 2 to 4 clusters")[1]
    assert "| the whole job |" in marginal.split("peak RSS")[0]
    assert "| worker 1 | 4 |" in text and "| worker 1 | 2 |" in text


def test_the_do_nothing_summariser_gives_a_summary_of_the_usual_shape():
    from summarizer.documents.model import Cluster
    from summarizer.summarizers.budget import make_budget

    bench = _timeline()
    text = "One two three. Four five six seven. Eight nine. Ten eleven twelve."
    summary = bench.Nothing(words=6).summarize(Cluster.from_texts([text, "Other."]),
                                                make_budget(words=6))
    assert [s.text for s in summary.sentences] == ["One two three.", "Four five six seven."]
    assert all(text[s.start:s.end] == s.text for s in summary.sentences)


def test_early_helpers_variant_asks_for_them_once_connected(monkeypatch):
    # ray-early-helpers: Ray Data's helper actors asked for right after the engine connects
    # to Ray, i.e. before the driver reads the input (run_ray reads packs after init_ray)
    from summarizer.batch import engine

    bench = _module()
    steps = []
    monkeypatch.setattr(engine, "init_ray", lambda *a, **k: steps.append(("connect", a)) or "ray")
    monkeypatch.setattr(bench, "start_data_helpers", lambda: steps.append("helpers"))
    bench.helpers_at_connect()
    assert engine.init_ray(2) == "ray"
    assert steps == [("connect", (2,)), "helpers"]


@pytest.mark.ray
@pytest.mark.slow
def test_early_helpers_variant_makes_ray_datas_named_helpers(ray_local):
    # the functions and names are Ray Data 2.60's: a renamed one fails here, not the bench
    bench = _module()
    bench.start_data_helpers()
    for _, _, name, namespace in bench.DATA_HELPERS:
        ray_local.get_actor(name, namespace=namespace)  # ValueError if none has this name


@pytest.mark.ray
@pytest.mark.slow
def test_core_variant_gives_the_local_summaries_without_ray_data(ray_local, tmp_path,
                                                                  monkeypatch):
    # ray-core: the engine's packs and actor class on Ray Core actors, a measure of what Ray
    # Data costs; its summaries must be the local engine's for its times to mean anything
    from summarizer.batch import job, read_output, summarize_dataset

    bench = _module()
    inp = tmp_path / "c.jsonl"
    bench.build_input(inp, 7, docs=3, sentences=4, seed=3)
    summarize_dataset(inp, tmp_path / "local", "lead", words=30, progress=False)
    monkeypatch.setattr(job, "run_ray", job.run_ray)  # put back after the test
    bench.core_engine()
    assert job.run_ray.__name__ == "run_core"
    report = summarize_dataset(inp, tmp_path / "core", "lead", words=30, engine="ray",
                               num_workers=2, batch_size=2, progress=False)
    assert report.done == 7 and not report.failed

    def summaries(folder):
        return {r["id"]: r["summary"] for r in read_output(folder, ["id", "summary"])}

    assert summaries(tmp_path / "core") == summaries(tmp_path / "local")
    assert len(summaries(tmp_path / "local")) == 7
