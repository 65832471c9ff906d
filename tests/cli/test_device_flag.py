"""`--device` on every command that runs a summariser: one definition, one meaning."""

from __future__ import annotations

import argparse
import json

import pytest
from helpers import run_cli, write_jsonl

from summarizer.cli import build_parser
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence


class FirstSentences(Summarizer):
    """Each document's first sentence; takes a ``device`` as the abstractive method does."""

    name = "test-device"

    def __init__(self, device: str = "auto"):
        self.device = device

    def summarize(self, cluster, budget):
        chosen = [SummarySentence(d.text.split(". ")[0] + ".", d.id, 0)
                  for d in cluster.documents]
        return Summary(chosen, self.name, budget, settings=self.settings())

    def settings(self):
        return {"device": self.device}


@pytest.fixture
def device_method(monkeypatch):
    from summarizer import summarizers

    monkeypatch.setitem(summarizers.METHODS, "test-device", f"{__name__}:FirstSentences")


@pytest.fixture
def data(tmp_path):
    rows = [{"id": f"c{i}", "documents": [f"River {i} rose on Sunday. Families left.",
                                          f"Soldiers helped town {i}. Roads closed."],
             "summary": f"River {i} flooded and families left."} for i in range(2)]
    return write_jsonl(tmp_path / "data.jsonl", rows)


def _device_flags() -> dict[str, tuple]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {command: (a.metavar, a.help, a.type, a.choices, a.default)
            for command, parser in sub.choices.items()
            for a in parser._actions if "--device" in a.option_strings}


def test_summarize_batch_and_evaluate_take_the_same_device_flag():
    # evaluate had --model and --strategy but no --device
    flags = _device_flags()
    assert set(flags) == {"summarize", "batch", "evaluate"}
    assert len(set(flags.values())) == 1, flags


def test_evaluate_records_device_as_option_device_does(device_method, data, tmp_path):
    settings = []
    for i, flag in enumerate((["--device", "cpu"], ["--option", "device=cpu"])):
        out = tmp_path / f"run{i}"
        code, _, err = run_cli(["evaluate", str(data), "--method", "test-device", "--words",
                                "20", "--out", str(out), "--no-progress", *flag])
        assert code == 0, err
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        settings.append({k: report[k] for k in ("system", "options", "system_settings")})
    assert settings[0] == settings[1]
    assert settings[0]["options"] == {"device": "cpu"} == settings[0]["system_settings"]


@pytest.mark.parametrize("command", ["summarize", "batch", "evaluate"])
@pytest.mark.parametrize("flags, message", [
    (["--method", "test-device", "--device", "cpu", "--option", "device=cuda"],
     "option 'device' is given twice"),
    (["--method", "lead", "--device", "cpu"], "method 'lead' does not take --device"),
])
def test_a_device_given_twice_or_to_a_method_without_one_is_one_error(
        command, flags, message, device_method, data, tmp_path):
    where = {"summarize": [], "batch": ["--out", str(tmp_path / "out")],
             "evaluate": ["--out", str(tmp_path / "out")]}[command]
    code, _, err = run_cli([command, str(data), *where, *flags])
    assert code == 2 and err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "out").exists()  # refused before any work
