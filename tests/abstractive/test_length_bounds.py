"""Length limits a model folder cannot push past what memory allows, and a minimum output
length that is refused, not capped, when the model or the budget cannot give it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from abstractive_helpers import FAST

from summarizer import Budget
from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers.abstractive import AbstractiveSummarizer, load_model
from summarizer.summarizers.abstractive.families import family_for
from summarizer.summarizers.abstractive.loading import (
    POSITION_LIMIT_CAP,
    TOKENIZER_LIMIT_CAP,
    length_limits,
)


def edited(path: Path, **values: object) -> None:
    """Write ``values`` into the JSON object at ``path``."""
    data = json.loads(path.read_text())
    data.update(values)
    path.write_text(json.dumps(data))


def with_tokenizer_limit(model: Path, folder: Path, limit: int) -> Path:
    """A copy of ``model`` whose tokenizer_config.json says ``model_max_length: limit``."""
    shutil.copytree(model, folder)
    edited(folder / "tokenizer_config.json", model_max_length=limit)
    return folder


@pytest.mark.parametrize("limit", [999_999, TOKENIZER_LIMIT_CAP + 1])
def test_tokenizer_limit_without_a_position_table_is_capped(tiny_models, tmp_path, limit):
    # T5's config has no position table: its tokenizer's word was taken up to 999,999
    # tokens in one input (18.7 GB on an 8.5k-word file)
    lm = load_model(str(with_tokenizer_limit(tiny_models["t5"], tmp_path / "t5", limit)),
                    "cpu", "auto")
    assert lm.max_positions == TOKENIZER_LIMIT_CAP
    assert lm.settings()["max_positions_capped_from"] == limit


@pytest.mark.parametrize("key, limit, positions", [
    ("t5", TOKENIZER_LIMIT_CAP, TOKENIZER_LIMIT_CAP),  # up to the cap: taken as said
    ("t5", 128, 128),
    ("bart", 999_999, 256),  # the config's position table rules, as before
])
def test_tokenizer_limit_under_the_cap_or_with_a_position_table(tiny_models, tmp_path, key,
                                                                limit, positions):
    folder = with_tokenizer_limit(tiny_models[key], tmp_path / key, limit)
    lm = load_model(str(folder), "cpu", "auto")
    assert lm.max_positions == positions
    assert "max_positions_capped_from" not in lm.settings()


@pytest.mark.parametrize("positions, tokenizer, expected, capped_from", [
    (999_999, 999_999, POSITION_LIMIT_CAP, 999_999),  # a damaged or hand-made folder
    (10_485_760, None, POSITION_LIMIT_CAP, 10_485_760),  # past a million, no tokenizer limit
    (POSITION_LIMIT_CAP, 999_999, POSITION_LIMIT_CAP, None),  # a 128k model: taken as said
    (999_999, 2048, 2048, None),  # the tokenizer says less: it rules, no cap involved
])
def test_config_position_limit_is_capped(tiny_models, tmp_path, positions, tokenizer,
                                         expected, capped_from):
    # max_position_embeddings 999,999 in config.json was trusted: chunks of up to 999,999
    # tokens, and a long file went into the model as one input
    folder = with_tokenizer_limit(tiny_models["llama"], tmp_path / "llama",
                                  tokenizer or int(1e30))  # 1e30: transformers' "no limit"
    edited(folder / "config.json", max_position_embeddings=positions)
    lm = load_model(str(folder), "cpu", "auto")
    assert (lm.max_positions, lm.max_output_positions) == (expected, expected)
    assert lm.settings().get("max_positions_capped_from") == capped_from


def test_decoder_position_limit_is_capped_as_the_encoders_is():
    from transformers import BartConfig, LEDConfig

    class Tok:
        model_max_length = int(1e30)

    led = LEDConfig(max_encoder_position_embeddings=16_384, max_decoder_position_embeddings=999_999)
    assert length_limits(led, Tok(), family_for(led, "led")) == (16_384, POSITION_LIMIT_CAP)
    bart = BartConfig(max_position_embeddings=999_999)
    assert length_limits(bart, Tok(), family_for(bart, "bart")) == (POSITION_LIMIT_CAP,
                                                                     POSITION_LIMIT_CAP)


def test_capped_model_packs_long_input_into_chunks_and_says_so(tiny_models, tmp_path,
                                                               seed_text):
    folder = with_tokenizer_limit(tiny_models["t5"], tmp_path / "t5", 999_999)
    s = AbstractiveSummarizer(model=str(folder), max_new_tokens=8, guard="off", **FAST)
    lm = s.load()
    text = seed_text + "\n"
    while len(lm.tokenizer(text)["input_ids"]) < 2 * TOKENIZER_LIMIT_CAP:
        text += seed_text + "\n"
    cluster = Cluster([Document(text, id="d")], id="c")
    out = s.summarize(cluster, Budget(words=10))
    assert out.settings["max_positions_capped_from"] == 999_999
    assert out.settings["max_positions"] == TOKENIZER_LIMIT_CAP
    assert out.coverage["chunks"] >= 2


def test_min_new_tokens_above_max_new_tokens_fails_at_construction():
    with pytest.raises(OptionError, match="min_new_tokens 20 is more than max_new_tokens 10"):
        AbstractiveSummarizer(model="any", min_new_tokens=20, max_new_tokens=10)


@pytest.mark.parametrize("least, words, match", [
    (300, 10, "more than .*tiny-bart can generate \\(256 tokens at most\\)"),
    (100, 10, "more than the \\d+ new tokens the summary may have \\(budget words=10"),
])
def test_min_new_tokens_the_summary_cannot_have_is_refused(tiny_models, seed_text, least,
                                                           words, match):
    # generate() capped it at max_new_tokens without a word
    s = AbstractiveSummarizer(model=str(tiny_models["bart"]), min_new_tokens=least,
                              guard="off", **FAST)
    cluster = Cluster([Document(seed_text.split("\n")[0], id="d")], id="c")
    with pytest.raises(OptionError, match=match):
        s.summarize(cluster, Budget(words=words))


def test_min_new_tokens_within_the_summary_is_given(tiny_models, seed_text):
    s = AbstractiveSummarizer(model=str(tiny_models["bart"]), min_new_tokens=12,
                              max_new_tokens=12, guard="off", **FAST)
    cluster = Cluster([Document(seed_text.split("\n")[0], id="d")], id="c")
    assert s.summarize(cluster, Budget(words=30)).settings["min_new_tokens"] == 12
