"""Values of a model's generation config whose cost or arithmetic in ``generate`` grows with
the run are refused before generation, in one line: an exponential_decay_length_penalty
that overflows for the run's new tokens (OverflowError, or inf scores sampling refuses:
exit 70), a no_repeat_ngram_size whose n-gram tables would pass a fixed bound of memory."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer import summarize
from summarizer.errors import OptionError

TEXT = ("The council met on Monday. It voted to build a new bridge over the river. "
        "Work on the bridge starts next year, the mayor said. ") * 3


def shipping(model: Path, folder: Path, **values: object) -> Path:
    """A copy of ``model`` whose generation_config.json also says ``values``."""
    shutil.copytree(model, folder)
    path = folder / "generation_config.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **values}))
    return folder


# (model, the penalty, options): each was a raw OverflowError or RuntimeError in generate
OVERFLOWING = [
    ("llama", [0, 10], {"num_beams": 1}),  # an int: torch's int64 scalar
    ("bart", [0, 1e300], {"num_beams": 2}),  # a float: float64
    ("llama", [0, 1e300], {"num_beams": 2, "do_sample": True}),  # float32 inf, sampled
]


@pytest.mark.parametrize("key, penalty, options", OVERFLOWING)
def test_a_decay_penalty_that_overflows_for_the_new_tokens_is_refused(tiny_models, tmp_path,
                                                                      key, penalty, options):
    model = shipping(tiny_models[key], tmp_path / "model",
                     exponential_decay_length_penalty=penalty)
    said = re.escape(f"exponential_decay_length_penalty {json.dumps(penalty)}")
    with pytest.raises(OptionError, match=f"sets {said}: .* overflows in generate"):
        summarize(TEXT, method="abstractive", words=20, model=str(model), device="cpu",
                  no_repeat_ngram_size=0, max_new_tokens=40, **options)


def test_a_decay_penalty_is_taken_up_to_the_new_tokens_it_fits(tiny_models, tmp_path):
    # 10 ** 18 fits int64, 10 ** 19 does not: 19 new tokens reach 18 past a start of 0
    model = str(shipping(tiny_models["bart"], tmp_path / "model",
                         exponential_decay_length_penalty=[0, 10]))
    options = {"method": "abstractive", "model": model, "device": "cpu", "num_beams": 1,
               "no_repeat_ngram_size": 0, "words": 20}
    with pytest.raises(OptionError, match="give max_new_tokens 19 or fewer"):
        summarize(TEXT, max_new_tokens=20, **options)
    assert summarize(TEXT, max_new_tokens=19, **options).settings[
        "exponential_decay_length_penalty"] == [0, 10]


def test_a_decay_penalty_that_overflows_is_one_line_before_any_work(tiny_models, tmp_path):
    model = str(shipping(tiny_models["bart"], tmp_path / "model",
                         exponential_decay_length_penalty=[5, 1e10]))
    source = tmp_path / "in.txt"
    source.write_text(TEXT)
    for options in (["--option", "max_new_tokens=60"], ["--words", "60"]):  # given, or budget's
        code, out, err = run_cli(["summarize", str(source), "--method", "abstractive",
                                  "--model", model, *options])
        assert code == 2 and out == ""
        assert "exponential_decay_length_penalty [5, 10000000000.0]" in error_line(err)


def long_context(model: Path, folder: Path, positions: int) -> Path:
    """A copy of the tiny Llama (rotary positions: no table to grow) of ``positions``."""
    shutil.copytree(model, folder)
    for fname, key in (("config.json", "max_position_embeddings"),
                       ("tokenizer_config.json", "model_max_length")):
        data = json.loads((folder / fname).read_text())
        data[key] = positions
        (folder / fname).write_text(json.dumps(data))
    return folder


def test_an_ngram_size_whose_tables_pass_the_bound_is_refused_before_generation(
        tiny_models, tmp_path, monkeypatch):
    # n of 4,096 over a 32k context: 2 GB of n-gram tables at every step (n x the context)
    from summarizer.summarizers.abstractive.generation import Generator

    def generated(*args, **kwargs):
        raise AssertionError("generated")  # before: 2 GB a step, for minutes

    monkeypatch.setattr(Generator, "_run", generated)
    model = str(long_context(tiny_models["llama"], tmp_path / "model", 32_768))
    source = tmp_path / "in.txt"
    source.write_text(TEXT * 400)  # more than the context
    code, out, err = run_cli(["summarize", str(source), "--method", "abstractive", "--model",
                              model, "--option", "no_repeat_ngram_size=4096", "--words", "20"])
    line = error_line(err)
    assert code == 2 and out == ""
    assert re.search(r"no_repeat_ngram_size 4096 \(--option no_repeat_ngram_size=N\) with a "
                     r"model input of up to 32,\d+ tokens, \d+ new tokens and 1 beam\(s\) "
                     r"would hold an estimated [\d,]+ bytes of n-gram tables .*over the bound "
                     r"of one call \(1 GiB\): give no_repeat_ngram_size \d+ or less", line), line
    fits = int(re.search(r"give no_repeat_ngram_size (\d+)", line).group(1))
    with pytest.raises(AssertionError, match="generated"):  # taken: generation starts
        summarize(TEXT * 400, method="abstractive", words=20, model=model,
                  no_repeat_ngram_size=fits)


def test_ngram_tables_bound_the_batches(tiny_models, monkeypatch):
    from summarizer.summarizers.abstractive import (
        GenerationSettings,
        Generator,
        generation,
        load_model,
    )

    gen = Generator(load_model(str(tiny_models["bart"]), "cpu", "auto"),
                    GenerationSettings(num_beams=2, no_repeat_ngram_size=3))
    order, lengths = list(range(40)), [100] * 40
    assert gen._batches(order, lengths, 50) == [order]
    most = 10 * gen.ngram_bytes(1, 100, 50)  # what 10 inputs' beams hold
    monkeypatch.setattr(generation, "MOST_NGRAM_BYTES", most)
    assert gen._batches(order, lengths, 50) == [order[i:i + 10] for i in range(0, 40, 10)]


def test_a_models_ngram_size_is_said_to_be_the_models(tiny_models, tmp_path, monkeypatch):
    from summarizer.summarizers.abstractive.generation import Generator

    monkeypatch.setattr(Generator, "_run", lambda *a, **k: pytest.fail("generated"))
    model = shipping(long_context(tiny_models["llama"], tmp_path / "long", 32_768),
                     tmp_path / "model", no_repeat_ngram_size=4096)
    with pytest.raises(OptionError, match=r"no_repeat_ngram_size 4096 \(this model's "
                                          r"generation config's; another: --option"):
        summarize(TEXT * 400, method="abstractive", words=20, model=str(model))


@pytest.mark.parametrize("key", ["bart", "llama"])
def test_a_checkpoint_max_length_beside_the_budget_is_no_warning_and_no_change(
        tiny_models, tmp_path, capfd, caplog, key):
    # some generation_config.json files say max_length 1e6; every call gives max_new_tokens,
    # and transformers warned "Both max_new_tokens and max_length" at each call
    options = {"method": "abstractive", "device": "cpu", "num_beams": 1, "words": 20,
               "no_repeat_ngram_size": 0, "max_new_tokens": 30}
    plain = summarize(TEXT, model=str(tiny_models[key]), **options)
    capfd.readouterr()
    model = shipping(tiny_models[key], tmp_path / "model", max_length=1_000_000)
    long = summarize(TEXT, model=str(model), **options)
    assert "max_length" not in capfd.readouterr().err + caplog.text
    assert long.text == plain.text
