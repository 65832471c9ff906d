"""``max_input_tokens``: a user bound on the tokens of each model input (chunk, prompt and
special tokens), below the model's own limit; recorded, refused when too small."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from abstractive_helpers import FAST
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Budget
from summarizer.documents.model import Cluster, Document
from summarizer.errors import BudgetError, OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.abstractive import AbstractiveSummarizer
from summarizer.summarizers.abstractive.generation import Generator
from summarizer.summarizers.abstractive.strategies import LEAST_MAX_INPUT_TOKENS

REPO = Path(__file__).resolve().parents[2]
SEED = "seeds/panama_migration_meeting.txt"


def cluster_of(seed_text: str) -> Cluster:
    return Cluster([Document(seed_text, id="d0"), Document(seed_text, id="d1")], id="c")


def summarise_watching_inputs(monkeypatch, model: Path, cluster: Cluster, **options):
    """The summary and the length of every model input encoded for it."""
    lengths: list[int] = []
    encode = Generator._encode

    def watched(self, texts, words, max_new_tokens):
        ids = encode(self, texts, words, max_new_tokens)
        lengths.extend(len(x) for x in ids)
        return ids

    monkeypatch.setattr(Generator, "_encode", watched)
    s = AbstractiveSummarizer(model=str(model), max_new_tokens=8, guard="off", **FAST, **options)
    return s.summarize(cluster, Budget(words=10)), lengths


@pytest.mark.parametrize("key", ["bart", "llama"])
@pytest.mark.parametrize("strategy", ["map-reduce", "direct", "extract-then-abstract"])
def test_every_model_input_is_within_the_bound(tiny_models, seed_text, monkeypatch, key,
                                               strategy):
    # without the option a long-context model took chunks of its whole context: one call
    # as large as the model allows, whatever the machine
    bound = {"bart": 96, "llama": 160}[key]  # the chat prompt takes 85 of the tiny Llama's
    out, lengths = summarise_watching_inputs(monkeypatch, tiny_models[key], cluster_of(seed_text),
                                             strategy=strategy, max_input_tokens=bound)
    assert lengths and max(lengths) <= bound
    assert out.coverage["generation"]["guard_truncated"] == 0  # packed to fit, not cut
    assert out.settings["max_input_tokens"] == bound == out.settings["input_limit"]
    assert out.coverage["chunk_limit_tokens"] < bound
    assert out.settings["input_limit_by"] == "max_input_tokens"
    # a sentence left out for want of room is said to be left out by the bound, not the model,
    # with the room for text it left ("the input limit max_input_tokens leaves of 75 tokens")
    reasons = {d["reason"] for d in out.coverage["dropped"]} - {"not selected by 'coverage'"}
    assert reasons == ({f"beyond the {out.coverage['chunk_limit_tokens']} tokens of text "
                        f"max_input_tokens={bound} leaves once the prompt is in (direct)"}
                       if strategy == "direct" else set())


@pytest.mark.parametrize("key", ["bart", "llama"])
def test_a_sentence_left_out_by_the_model_limit_says_what_limit(tiny_models, seed_text,
                                                                monkeypatch, key):
    # a causal model's context holds its output too: the reason says so, where it said "the
    # model input limit of 290 tokens", a room the reader could not trace to 384 positions
    out, _ = summarise_watching_inputs(monkeypatch, tiny_models[key], cluster_of(seed_text),
                                       strategy="direct")
    limit = {"bart": "256 tokens", "llama": "384 tokens, less the summary's 8"}[key]
    assert {d["reason"] for d in out.coverage["dropped"]} == {
        f"beyond the {out.coverage['chunk_limit_tokens']} tokens of text the model's input "
        f"limit ({limit}) leaves once the prompt is in (direct)"}


def test_a_causal_bound_counts_the_input_the_model_limit_the_output_too(tiny_models,
                                                                       seed_text, monkeypatch):
    # the tiny Llama has 384 positions; 8 new tokens leave 376 for the input, so a bound of
    # 380 is under the model's limit for no input: the model rules, output counted; a bound
    # of 200 rules and counts the input only (a call holds up to 200 + 8)
    for bound, limit, by in ((380, 376, "model"), (200, 200, "max_input_tokens")):
        out, lengths = summarise_watching_inputs(monkeypatch, tiny_models["llama"],
                                                 cluster_of(seed_text), max_input_tokens=bound)
        monkeypatch.undo()
        assert (out.settings["input_limit"], out.settings["input_limit_by"]) == (limit, by)
        assert max(lengths) <= limit and out.settings["max_new_tokens"] == 8


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(bound=st.integers(min_value=LEAST_MAX_INPUT_TOKENS, max_value=400))
def test_map_reduce_chunks_never_exceed_any_bound(tiny_models, seed_text, monkeypatch, bound):
    # the tiny BART's own limit is 256: bounds above it take the model's limit
    out, lengths = summarise_watching_inputs(monkeypatch, tiny_models["bart"],
                                             cluster_of(seed_text), max_input_tokens=bound)
    monkeypatch.undo()
    assert max(lengths) <= min(bound, 256)
    assert out.settings["input_limit"] == min(bound, 256)
    assert out.coverage["generation"]["guard_truncated"] == 0
    assert out.coverage["chunks"] >= 2  # the cluster is longer than any bound here
    assert out.coverage["round_details"][-1]["final"] and out.text.strip()


def test_a_bound_above_the_model_limit_takes_the_model_limit_and_records_both(
        tiny_models, seed_text, monkeypatch):
    # 10**18 must allocate nothing: the model's limit rules, and the summary is the one
    # the model's limit gives
    cluster = cluster_of(seed_text)
    plain, plain_lengths = summarise_watching_inputs(monkeypatch, tiny_models["bart"], cluster)
    monkeypatch.undo()
    huge, huge_lengths = summarise_watching_inputs(monkeypatch, tiny_models["bart"], cluster,
                                                   max_input_tokens=10**18)
    assert huge.text == plain.text and huge_lengths == plain_lengths
    assert huge.coverage["chunk_limit_tokens"] == plain.coverage["chunk_limit_tokens"]
    assert (huge.settings["max_input_tokens"], huge.settings["input_limit"],
            huge.settings["input_limit_by"]) == (10**18, 256, "model")
    assert "max_input_tokens" not in plain.settings and "input_limit" not in plain.settings


@pytest.mark.parametrize("value", [0, -1, LEAST_MAX_INPUT_TOKENS - 1, "abc", 100.5, True])
def test_bad_values_are_refused_before_loading(value):
    with pytest.raises(OptionError, match="max_input_tokens"):
        AbstractiveSummarizer(model="no/such-model", max_input_tokens=value)
    with pytest.raises(OptionError, match="max_input_tokens"):
        get_summarizer("abstractive", model="no/such-model", max_input_tokens=value)


def test_a_bound_the_prompt_leaves_no_room_in_is_refused(tiny_models, seed_text):
    # the chat model's prompt and template take most of a small bound: the least that
    # leaves a sentence's room is named, and taken
    prompt = "Summarise the following news articles in about {words} words, plainly: {text}"
    s = AbstractiveSummarizer(model=str(tiny_models["llama"]), max_input_tokens=64,
                              prompt=prompt + " Keep every name and number. " * 3,
                              max_new_tokens=8, guard="off", **FAST)
    with pytest.raises(OptionError, match=r"max_input_tokens 64 leaves .* give at least (\d+)"
                       ) as info:
        s.summarize(cluster_of(seed_text), Budget(words=10))
    least = int(str(info.value).rsplit(" ", 1)[1])
    s = AbstractiveSummarizer(model=str(tiny_models["llama"]), max_input_tokens=least,
                              prompt=prompt + " Keep every name and number. " * 3,
                              max_new_tokens=8, guard="off", **FAST)
    assert s.summarize(cluster_of(seed_text), Budget(words=10)).settings["input_limit"] == least


def test_a_small_bound_under_a_smaller_model_limit_blames_the_model(tiny_models, seed_text,
                                                                   monkeypatch):
    # the model's limit (90 here) is below the bound (100), so it rules: raising the bound,
    # as an OptionError about it would ask, changes nothing; the summary's length does
    monkeypatch.setattr(Generator, "_model_cap", lambda self, new_tokens: 90)
    s = AbstractiveSummarizer(model=str(tiny_models["llama"]), max_input_tokens=100,
                              max_new_tokens=8, guard="off", **FAST)
    with pytest.raises(BudgetError, match="ask for a shorter summary"):
        s.summarize(cluster_of(seed_text), Budget(words=10))


def test_cli_refuses_a_bad_value_in_one_line(tiny_models, monkeypatch):
    from helpers import run_cli

    monkeypatch.chdir(REPO)
    for value in ("10", "abc"):
        code, _, err = run_cli(["summarize", SEED, "--method", "abstractive", "--model",
                                str(tiny_models["bart"]), "--option", f"max_input_tokens={value}"])
        assert code == 2 and "max_input_tokens" in err


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_runs_with_another_bound_are_refused_on_resume(tiny_models, tmp_path, seed_text,
                                                       command):
    from summarizer.batch import summarize_dataset
    from summarizer.errors import RunMismatchError
    from summarizer.evaluation import evaluate

    first = seed_text.split("\n")[0]
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [first]}) + "\n")
    clusters = [Cluster([Document(first, id="d")], id="a", references=[first])]
    options = dict(model=str(tiny_models["bart"]), max_new_tokens=8, guard="off", **FAST)

    def run(folder: str, **more) -> None:
        if command == "batch":
            summarize_dataset(data, tmp_path / folder, "abstractive", words=10, progress=False,
                              **options, **more)
        else:
            evaluate(clusters, "abstractive", out=tmp_path / folder, words=10, progress=False,
                     **options, **more)

    # in the settings a run resumes with, when set; absent when not, so older runs resume
    assert AbstractiveSummarizer(**options, max_input_tokens=128).settings()[
        "max_input_tokens"] == 128
    assert "max_input_tokens" not in AbstractiveSummarizer(**options).settings()
    run("bounded", max_input_tokens=128)
    run("bounded", max_input_tokens=128)  # the same bound resumes
    for other in ({"max_input_tokens": 96}, {}):
        with pytest.raises(RunMismatchError):
            run("bounded", **other)
    run("plain")
    with pytest.raises(RunMismatchError):
        run("plain", max_input_tokens=10**18)  # the model's limit in effect, but not as asked
