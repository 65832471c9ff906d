"""device="auto" and dtype="auto": a run's settings hold what was asked, each summary and
the report what ran; a run resumed where "auto" resolves otherwise is accepted and says so."""

from __future__ import annotations

import json

import pytest

from summarizer.documents.model import Cluster, Document
from summarizer.errors import RunMismatchError
from summarizer.evaluation.run import evaluate
from summarizer.summarizers.abstractive import loading


@pytest.fixture
def fresh_models():
    loading.load_model.cache_clear()
    yield
    loading.load_model.cache_clear()  # no model of a patched dtype left for other tests


def test_a_run_resumed_where_auto_resolves_otherwise_is_accepted_and_reported(
        tiny_models, tmp_path, seed_text, monkeypatch, fresh_models):
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    clusters = [Cluster(documents=[Document(text=paragraphs[i], id="d")], id=f"c{i}",
                        references=[paragraphs[i].split(".")[0] + "."]) for i in range(2)]
    options = dict(model=str(tiny_models["bart"]), num_beams=1, no_repeat_ngram_size=0,
                   max_new_tokens=8, guard="off")  # device and dtype "auto"
    out = tmp_path / "run"
    first = evaluate(clusters, "abstractive", out=out, words=10, **options)
    system = json.loads((out / "run.json").read_text())["settings"]["system_settings"]
    # the resume fingerprint holds the request: the same on any machine
    assert (system["device"], system["dtype"]) == ("auto", "auto")
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    # each summary holds what ran, and the report counts it
    assert {(r["summary_settings"]["device"], r["summary_settings"]["dtype"])
            for r in rows} == {("cpu", "float32")}
    assert first.report.throughput.ran_on == {"cpu float32": 2}
    assert "- ran on: cpu float32 (2 clusters)" in (out / "report.md").read_text()
    # stopped after its first cluster, resumed on a machine where auto picks bfloat16
    lines = (out / "results.jsonl").read_text().splitlines(keepends=True)
    (out / "results.jsonl").write_text(lines[0])
    monkeypatch.setattr(loading, "pick_dtype", lambda dtype, device: "bfloat16")
    loading.load_model.cache_clear()
    resumed = evaluate(clusters, "abstractive", out=out, words=10, **options)
    assert (resumed.resumed, resumed.computed) == (1, 1)
    assert resumed.report.throughput.ran_on == {"cpu float32": 1, "cpu bfloat16": 1}
    md = (out / "report.md").read_text()
    assert "cpu bfloat16 (1 clusters), cpu float32 (1 clusters) - mixed" in md
    assert json.loads((out / "report.json").read_text())["throughput"]["ran_on"] == {
        "cpu float32": 1, "cpu bfloat16": 1}
    # a dtype asked for by name is part of the fingerprint: that run is refused
    with pytest.raises(RunMismatchError, match="dtype: 'auto' -> 'bfloat16'"):
        evaluate(clusters, "abstractive", out=out, words=10, dtype="bfloat16", **options)


def test_a_device_asked_for_by_name_is_checked_before_any_work(tiny_models, tmp_path):
    # a missing GPU was found at the first summary: after the run folder was made
    import torch

    from summarizer.errors import InputError, ResourceError

    clusters = [Cluster(documents=[Document(text="A flood came. It rained.", id="d")],
                        id="c", references=["A flood came."])]
    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is here")
    with pytest.raises(ResourceError, match="no CUDA GPU"):
        evaluate(clusters, "abstractive", out=tmp_path / "run", words=10,
                 model=str(tiny_models["bart"]), device="cuda")
    with pytest.raises(InputError, match="unknown dtype 'float13'"):
        evaluate(clusters, "abstractive", out=tmp_path / "run", words=10,
                 model=str(tiny_models["bart"]), device="cpu", dtype="float13")
    assert not (tmp_path / "run").exists()
