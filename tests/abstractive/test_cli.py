"""`summarizer summarize --method abstractive --model PATH --strategy S`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED = "seeds/panama_migration_meeting.txt"


@pytest.mark.slow
def test_cli_takes_model_strategy_and_device(tiny_models, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code = main(["summarize", SEED, "--method", "abstractive", "--model", str(tiny_models["bart"]),
                 "--strategy", "direct", "--device", "cpu", "--words", "20", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["method"] == "abstractive"
    assert out["settings"]["strategy"] == "direct"
    assert out["settings"]["model_source"] == str(tiny_models["bart"])
    assert out["settings"]["device"] == "cpu"
    assert out["coverage"]["truncated"] and out["coverage"]["dropped_sentences"] > 0
    assert len(out["text"].split()) <= 20


def test_cli_errors_are_one_line(tiny_models, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code = main(["summarize", SEED, "--method", "abstractive", "--model", str(tiny_models["t5"]),
                 "--strategy", "summarise-harder"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and "unknown strategy 'summarise-harder'" in err
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code = main(["summarize", SEED, "--method", "abstractive", "--model", "nobody/missing-model"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and "offline" in err
