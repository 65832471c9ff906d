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
from summarizer.summarizers.abstractive.loading import TOKENIZER_LIMIT_CAP


def with_tokenizer_limit(model: Path, folder: Path, limit: int) -> Path:
    """A copy of ``model`` whose tokenizer_config.json says ``model_max_length: limit``."""
    shutil.copytree(model, folder)
    path = folder / "tokenizer_config.json"
    config = json.loads(path.read_text())
    config["model_max_length"] = limit
    path.write_text(json.dumps(config))
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
