"""`summarizer summarize --method abstractive --model PATH --strategy S`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import error_line, run_cli

REPO = Path(__file__).resolve().parents[2]
SEED = "seeds/panama_migration_meeting.txt"


@pytest.mark.slow
def test_cli_takes_model_strategy_and_device(tiny_models, monkeypatch):
    monkeypatch.chdir(REPO)
    code, stdout, err = run_cli(["summarize", SEED, "--method", "abstractive", "--model",
                                 str(tiny_models["bart"]), "--strategy", "direct", "--device",
                                 "cpu", "--words", "20", "--format", "json"],
                                lines=None)  # the model's notes, a line each
    assert code == 0, err
    out = json.loads(stdout)
    assert out["method"] == "abstractive"
    assert out["settings"]["strategy"] == "direct"
    assert out["settings"]["model_source"] == str(tiny_models["bart"])
    assert out["settings"]["device"] == "cpu"
    assert out["coverage"]["truncated"] and out["coverage"]["dropped_sentences"] > 0
    assert len(out["text"].split()) <= 20


def test_cli_errors_are_one_line(tiny_models, monkeypatch):
    monkeypatch.chdir(REPO)
    code, _, err = run_cli(["summarize", SEED, "--method", "abstractive", "--model",
                            str(tiny_models["t5"]), "--strategy", "summarise-harder"])
    assert code == 2 and "unknown strategy 'summarise-harder'" in error_line(err)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code, _, err = run_cli(["summarize", SEED, "--method", "abstractive", "--model",
                            "nobody/missing-model"])
    assert code == 2 and "offline" in error_line(err)


def test_what_the_model_did_not_see_or_keep_is_said_on_stderr(tiny_models, monkeypatch,
                                                                 tmp_path):
    # The text output gave no sign that the model saw a part of the input only (direct),
    # that map-reduce stopped at its round limit and fed the final call a part of the
    # partial summaries, or that the output was cut or fell back to a fragment: all of it
    # was in --format json alone
    monkeypatch.chdir(REPO)
    fast = ["--option", "num_beams=1", "--option", "no_repeat_ngram_size=0"]
    direct = ["summarize", SEED, "--method", "abstractive", "--model", str(tiny_models["bart"]),
              "--strategy", "direct", "--words", "3", *fast]
    code, out, err = run_cli(direct + ["--format", "json"], lines=None)  # a note a line
    assert code == 0, err
    cov = json.loads(out)["coverage"]
    assert cov["truncated"]
    code, _, err = run_cli(direct, lines=None)  # a note a line
    assert code == 0, err
    assert f"saw {cov['seen_sentences']} of {cov['input_sentences']} input sentences" in err
    assert cov["output"]["notes"] and all(n in err for n in cov["output"]["notes"])

    text = (REPO / SEED).read_text(encoding="utf-8")
    paras = [p for p in text.split("\n") if p.strip()]
    for i in range(3):  # three articles, so that the partial summaries need two calls
        (tmp_path / f"a{i}.txt").write_text("\n\n".join(paras[i:] + paras[:i]), encoding="utf-8")
    rounds = ["summarize", str(tmp_path), "--method", "abstractive", "--model",
              str(tiny_models["t5"]), "--strategy", "map-reduce", "--words", "30",
              "--option", "max_rounds=1", *fast]
    code, out, err = run_cli(rounds + ["--format", "json"], lines=None)
    assert code == 0, err
    notes = json.loads(out)["coverage"]["notes"]
    assert any("still needed" in n for n in notes)
    code, _, err = run_cli(rounds, lines=None)  # a note a line
    assert code == 0, err
    assert all(f"note: {n}" in err for n in notes)


def test_a_later_longer_cluster_over_the_beams_bound_keeps_what_is_done(tiny_models, seed_text,
                                                                        tmp_path, monkeypatch):
    # num_beams is checked before a cluster's generation (1c2734a), so in batch and evaluate
    # a later, longer cluster can still be refused after earlier ones are done. batch: that
    # row fails (failed.jsonl), the others are summarised. evaluate: the run stops with its
    # results kept, in one line that names the cluster, the flag and what is saved (it said
    # the refusal alone: nothing of the clusters saved, and the same command refuses again).
    from helpers import write_jsonl

    from summarizer.batch import read_output
    from summarizer.summarizers.abstractive import generation

    words = seed_text.split()
    short, long = " ".join(words[:60]), " ".join(words[:700])
    rows = [{"id": "a", "documents": [short], "references": ["Ministers met in Panama."]},
            {"id": "b", "documents": [long, long], "references": ["Ministers met in Panama."]},
            {"id": "c", "documents": [short], "references": ["Ministers met in Panama."]}]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    # 2 beams of a short cluster's inputs (up to 140 tokens, 60 new) fit; the long one's
    # (up to the model's 256) do not
    monkeypatch.setattr(generation, "MOST_CALL_TOKENS", 500)
    flags = ["--method", "abstractive", "--model", str(tiny_models["bart"]), "--device", "cpu",
             "--option", "num_beams=2", "--option", "no_repeat_ngram_size=0", "--words", "20",
             "--no-progress"]
    code, out, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "b"), *flags])
    assert code == 1 and "2 summarised, 1 failed" in out
    assert "row 1 (id 'b'" in err and "--option num_beams=N" in err
    assert [r["id"] for r in read_output(tmp_path / "b")] == ["a", "c"]
    failed = [json.loads(line) for line in (tmp_path / "b" / "failed.jsonl").open()]
    assert [f["id"] for f in failed] == ["b"] and "num_beams" in failed[0]["error"]

    run = tmp_path / "e"
    code, out, err = run_cli(["evaluate", str(inp), "--out", str(run), *flags])
    line = error_line(err)
    assert code == 2 and out == "" and "cluster 'b'" in line and "--option num_beams=N" in line
    assert "1 of 3 clusters saved in" in line and "another output folder" in line
    saved = [json.loads(r)["id"] for r in (run / "results.jsonl").open()]
    assert saved == ["a"]
    # the same command again: what is saved stays, and it says so again
    code, _, err = run_cli(["evaluate", str(inp), "--out", str(run), *flags])
    assert code == 2 and "1 of 3 clusters saved in" in error_line(err)
    assert [json.loads(r)["id"] for r in (run / "results.jsonl").open()] == ["a"]
