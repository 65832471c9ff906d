"""A run's seed (evaluate's and batch's --seed) is a sampling summariser's seed, as their help
says: it was recorded in the run and seeded nothing the model drew from. And a summariser
option that the command's own flag sets is refused on one line, where it was passed twice
to the library call (a TypeError, exit 70)."""

from __future__ import annotations

import json

import pytest
from abstractive_helpers import TEXTS
from helpers import error_line, run_cli, write_jsonl

import summarizer
from summarizer.batch import read_output, summarize_dataset
from summarizer.evaluation import evaluate
from summarizer.summarizers import with_run_seed

SAMPLING = dict(device="cpu", num_beams=1, no_repeat_ngram_size=0, max_new_tokens=12,
                do_sample=True, temperature=1.5)


def test_the_run_seed_goes_to_a_sampling_method_that_has_none():
    assert with_run_seed("abstractive", {"do_sample": True}, 99) == {"do_sample": True, "seed": 99}
    # its own seed, no sampling, the default seed, or a method without seeds: as given
    assert with_run_seed("abstractive", {"do_sample": True, "seed": 5}, 99)["seed"] == 5
    assert with_run_seed("abstractive", {}, 99) == {}
    assert with_run_seed("abstractive", {"do_sample": True}, 1234) == {"do_sample": True}
    assert with_run_seed("coverage", {}, 99) == {}


@pytest.fixture()
def rows(tmp_path):
    return write_jsonl(tmp_path / "rows.jsonl", [
        {"id": "a", "documents": TEXTS[:3], "summary": "The meeting was about migration."}])


def _sampled(model, seed: int) -> str:
    return summarizer.summarize(TEXTS[:3], "abstractive", model=str(model), words=30,
                                seed=seed, **SAMPLING).text


def test_batch_and_evaluate_sample_with_the_run_seed(tiny_models, rows, tmp_path):
    model = str(tiny_models["bart"])
    seeded, default = _sampled(model, 99), _sampled(model, 1234)
    assert seeded != default  # the seed changes what is drawn
    summarize_dataset(rows, tmp_path / "b", "abstractive", model=model, words=30, seed=99,
                      progress=False, **SAMPLING)
    row = read_output(tmp_path / "b")[0]
    assert row["summary"] == seeded
    assert json.loads(row["summary_settings"])["seed"] == 99
    evaluate(str(rows), "abstractive", out=tmp_path / "e", words=30, seed=99, progress=False,
             model=model, **SAMPLING)
    run = json.loads((tmp_path / "e" / "run.json").read_text(encoding="utf-8"))
    assert run["settings"]["system_settings"]["seed"] == 99
    done = (tmp_path / "e" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(done[0])["summary"] == seeded
    # the default seed: the summaries of before, and no seed added to the options
    summarize_dataset(rows, tmp_path / "d", "abstractive", model=model, words=30,
                      progress=False, **SAMPLING)
    assert read_output(tmp_path / "d")[0]["summary"] == default


@pytest.mark.parametrize("command, option, hint", [
    ("batch", "seed=5", "--seed"), ("batch", "progress=false", "--no-progress"),
    ("batch", "batch_size=2", "--batch-size"),
    ("evaluate", "seed=5", "--seed"), ("evaluate", "progress=false", "--no-progress"),
])
def test_an_option_a_flag_sets_is_refused_on_one_line(tiny_models, rows, tmp_path, command,
                                                      option, hint):
    code, _, err = run_cli([command, str(rows), "--out", str(tmp_path / "o"), "--method",
                            "abstractive", "--model", str(tiny_models["bart"]), "--option",
                            "do_sample=true", "--option", option, "--no-progress"])
    assert code == 2
    assert f"--option {option.split('=')[0]}" in error_line(err) and hint in err
    assert not (tmp_path / "o").exists()
