"""A sampled text depends on its own input and seed, not on the batch it is drawn in.

torch.multinomial drew every row of a batch from one generator, so a row's draws
depended on the rows before it: the same input sampled alone, or in a batch of 4, gave
other texts, and a change of batch_size, engine or workers changed a sampled summary with
the same recorded seed. Each row now draws from its own generator, seeded by the seed and
the row's input (generation.row_seed).
"""

from __future__ import annotations

import pytest
from abstractive_helpers import TEXTS

from summarizer.summarizers.abstractive import GenerationSettings, Generator, load_model

OTHERS = ["Migrants crossed the Darien Gap in record numbers this year.",
          "Officials from twenty countries met for two days."]


def _sampled(lm, texts: list[str], seed: int = 7, **settings) -> list[str]:
    gen = Generator(lm, GenerationSettings(do_sample=True, seed=seed, no_repeat_ngram_size=0,
                                           **{"num_beams": 1, **settings}))
    return [g.text for g in gen.generate(texts, max_new_tokens=10)]


@pytest.mark.parametrize("key", ["bart", "t5", "llama"])
def test_a_sampled_text_is_the_same_in_any_batch(tiny_models, key):
    lm = load_model(str(tiny_models[key]), "cpu", "auto")
    alone = [_sampled(lm, [t])[0] for t in TEXTS]
    assert _sampled(lm, TEXTS) == alone  # one batch of all
    assert _sampled(lm, TEXTS, batch_size=2) == alone
    assert _sampled(lm, TEXTS[::-1], batch_size=3) == alone[::-1]
    for i, text in enumerate(TEXTS):  # beside other inputs, before and after them
        assert _sampled(lm, [*OTHERS, text])[-1] == alone[i]
        assert _sampled(lm, [text, *OTHERS])[0] == alone[i]
    # still sampling: another seed gives other texts, and one seed differs from greedy search
    assert _sampled(lm, TEXTS, seed=8) != alone
    greedy = Generator(lm, GenerationSettings(num_beams=1, no_repeat_ngram_size=0))
    assert [g.text for g in greedy.generate(TEXTS, max_new_tokens=10)] != alone


@pytest.mark.parametrize("key", ["bart", "llama"])
def test_beam_sampling_is_the_same_in_any_batch(tiny_models, key):
    # generate samples the beams of a batch's inputs together, from torch's global
    # generator: each input now runs alone, seeded by its own row seed
    lm = load_model(str(tiny_models[key]), "cpu", "auto")
    alone = [_sampled(lm, [t], num_beams=3)[0] for t in TEXTS]
    gen = Generator(lm, GenerationSettings(do_sample=True, seed=7, num_beams=3,
                                           no_repeat_ngram_size=0, batch_size=4))
    assert [g.text for g in gen.generate(TEXTS, max_new_tokens=10)] == alone
    assert gen.stats.batch_sizes == [1] * len(TEXTS)
    assert _sampled(lm, [*OTHERS, TEXTS[0]], num_beams=3)[-1] == alone[0]
    assert _sampled(lm, TEXTS, seed=8, num_beams=3) != alone


def test_top_k_is_applied_and_recorded(tiny_models):
    # transformers' top_k 50 applied to every sampled call, neither an option nor recorded
    lm = load_model(str(tiny_models["llama"]), "cpu", "auto")
    greedy = Generator(lm, GenerationSettings(num_beams=1, no_repeat_ngram_size=0))
    expected = [g.text for g in greedy.generate(TEXTS, max_new_tokens=10)]
    assert _sampled(lm, TEXTS, seed=3, top_k=1) == expected  # the top token alone is left
    assert _sampled(lm, TEXTS, top_k=0) != _sampled(lm, TEXTS)  # 50 of 600 tokens, or all
    used = Generator(lm, GenerationSettings(do_sample=True)).settings
    assert (used.temperature, used.top_k, used.top_p) == (1.0, 50, 1.0)
    assert used.to_dict()["top_k"] == 50
    assert "top_k" not in greedy.settings.to_dict()  # a greedy run's settings as before


def test_sampling_values_come_from_the_options_then_the_checkpoint():
    from transformers import GenerationConfig

    shipped = GenerationConfig(temperature=0.6, top_k=20, top_p=0.9)
    got = GenerationSettings(do_sample=True).resolved(shipped, causal=True)
    assert (got.temperature, got.top_k, got.top_p) == (0.6, 20, 0.9)
    got = GenerationSettings(do_sample=True, top_k=5, temperature=2).resolved(shipped, True)
    assert (got.temperature, got.top_k, got.top_p) == (2.0, 5, 0.9)
    got = GenerationSettings().resolved(shipped, causal=True)  # nothing samples
    assert (got.temperature, got.top_k, got.top_p) == (None, None, None)


@pytest.mark.parametrize("shipped, refused", [
    ({"min_p": 0.1}, "sets min_p 0.1, a sampling warper this package does not apply"),
    ({"typical_p": 0.9}, "sets typical_p 0.9"),
    ({"top_k": -3}, "generation config, top_k must be a whole number"),
    ({"temperature": 0.0}, "generation config, temperature must be from 0.0001 to 10000"),
])
def test_a_checkpoints_sampling_values_not_applied_or_wrong_are_refused(shipped, refused):
    from types import SimpleNamespace

    from summarizer.errors import OptionError

    config = SimpleNamespace(**shipped)
    with pytest.raises(OptionError, match=refused):
        GenerationSettings(do_sample=True).resolved(config, causal=True)
    GenerationSettings().resolved(config, causal=True)  # greedy search reads none of them


@pytest.mark.parametrize("top_k", [-1, 1.5, True, "x"])
def test_a_bad_top_k_is_an_option_error(top_k):
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match="top_k'? must be"):
        get_summarizer("abstractive", do_sample=True, top_k=top_k)


def test_top_k_without_sampling_is_refused_on_one_line(monkeypatch):
    from pathlib import Path

    from helpers import error_line, run_cli

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    seed = "seeds/panama_migration_meeting.txt"
    code, _, err = run_cli(["summarize", seed, "--method", "abstractive", "--option",
                            "top_k=5"])
    assert code == 2 and "top_k shape sampling, which is off" in error_line(err)
    code, _, err = run_cli(["summarize", seed, "--method", "abstractive", "--option",
                            "top_k=-5", "--option", "do_sample=true"])
    assert code == 2 and "top_k must be a whole number of tokens" in error_line(err)


def test_a_sampled_summary_records_its_sampling_values(tiny_models, seed_text):
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.abstractive import AbstractiveSummarizer
    from summarizer.summarizers.budget import Budget

    cluster = Cluster(documents=[Document(text=seed_text.split("\n")[0], id="d")], id="c")
    summarizer = AbstractiveSummarizer(model=str(tiny_models["llama"]), device="cpu",
                                       do_sample=True, top_p=0.9, strategy="direct")
    settings = summarizer.summarize(cluster, Budget(words=10)).settings
    assert (settings["temperature"], settings["top_k"], settings["top_p"]) == (1.0, 50, 0.9)
    assert summarizer.settings()["top_k"] is None  # the options: the model's, else 50
