"""A checkpoint whose generation config asks for several sequences an input."""

from __future__ import annotations

import pytest
from test_damaged_values import damaged

from summarizer import summarize

TEXT = ("The council met on Monday. It voted to build a new bridge over the river. "
        "Work on the bridge starts next year, the mayor said. ") * 3


@pytest.mark.parametrize("options", [{}, {"num_beams": 1}, {"num_beams": 2},
                                     {"do_sample": True}, {"do_sample": True, "num_beams": 2}])
def test_a_checkpoints_num_return_sequences_gives_one_summary_an_input(tiny_models, tmp_path,
                                                                       options):
    # generation_config.json with num_beams 4 and num_return_sequences 2 (a paraphraser's
    # way): generate returned 2 rows an input, so zip() in the summariser was a raw
    # ValueError ("argument 2 is longer"), and with num_beams=1 transformers' own refusal
    # of greedy search with 2 sequences
    beams = damaged(tiny_models["bart"], tmp_path / "beams", "generation_config.json",
                    "num_beams", 4)
    two = damaged(beams, tmp_path / "two", "generation_config.json", "num_return_sequences", 2)
    got = summarize(TEXT, method="abstractive", words=20, model=str(two), **options)
    alone = summarize(TEXT, method="abstractive", words=20, model=str(beams), **options)
    assert got.text == alone.text and got.text.strip()


@pytest.mark.parametrize("options", [{}, {"num_beams": 1}, {"do_sample": True}])
def test_a_checkpoint_of_one_beam_and_two_sequences_loads(tiny_models, tmp_path, options):
    # num_beams 1 beside num_return_sequences 2 in generation_config.json: transformers
    # refused the folder at load ("greedy methods ... do not support num_return_sequences"),
    # a ModelNotFoundError, though every generate call passes 1. The load now reads it as 1,
    # and the summary's settings say what the file said
    from summarizer.summarizers import get_summarizer

    one = damaged(tiny_models["bart"], tmp_path / "one", "generation_config.json",
                  "num_beams", 1)
    two = damaged(one, tmp_path / "two", "generation_config.json", "num_return_sequences", 2)
    get_summarizer("abstractive", model=str(two), **options).check_model()
    got = summarize(TEXT, method="abstractive", words=20, model=str(two), **options)
    alone = summarize(TEXT, method="abstractive", words=20, model=str(one), **options)
    assert got.text == alone.text and got.text.strip()
    assert got.settings["generation_config_replaced"] == {"num_return_sequences": 2}
    assert "generation_config_replaced" not in alone.settings


def test_a_hub_model_s_generation_config_is_fetched_with_its_config(tiny_models, tmp_path,
                                                                   monkeypatch):
    # a hub id's generation_config.json not cached yet was fetched with the weights, after
    # generation_overrides had read the cache: num_beams 1 beside num_return_sequences 2 was
    # transformers' refusal once the weights were fetched, and check_model (evaluate, batch)
    # decided nothing of it. The file (small) is now fetched once config.json is read, before
    # any weights. Here the hub is a function that copies the file into a cache that holds
    # the rest of the model
    import shutil

    import huggingface_hub
    from huggingface_hub import constants

    from summarizer.summarizers import get_summarizer
    from summarizer.summarizers.abstractive import loading

    one = damaged(tiny_models["bart"], tmp_path / "one", "generation_config.json",
                  "num_beams", 1)
    two = damaged(one, tmp_path / "two", "generation_config.json", "num_return_sequences", 2)
    revision = "0" * 40
    repo = tmp_path / "hub" / "models--org--tiny-bart"
    snapshot = repo / "snapshots" / revision
    shutil.copytree(two, snapshot, ignore=shutil.ignore_patterns("generation_config.json"))
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    fetched = []

    def hub(repo_id: str, filename: str, **_: object) -> str:
        fetched.append((repo_id, filename))
        return shutil.copy(two / filename, snapshot / filename)

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", hub)
    monkeypatch.setattr(loading, "download_blocked", lambda: None)
    assert loading.decoding_config("org/tiny-bart") is None  # not known: not cached
    # the check before any work reads it (decoding_config: what its refusals read)
    get_summarizer("abstractive", model="org/tiny-bart").check_model()
    assert fetched == [("org/tiny-bart", "generation_config.json")]
    read = loading.decoding_config("org/tiny-bart")
    assert read is not None and read[0].suppress_tokens  # the file's
    got = summarize(TEXT, method="abstractive", words=20, model="org/tiny-bart")
    assert fetched == [("org/tiny-bart", "generation_config.json")]  # cached: once
    assert got.settings["generation_config_replaced"] == {"num_return_sequences": 2}
    assert got.text == summarize(TEXT, method="abstractive", words=20, model=str(one)).text
