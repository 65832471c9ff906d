"""What the local Hugging Face cache says of a hub model's file is read in one place."""

from __future__ import annotations

import pytest
from abstractive_helpers import hub_cache_of

from summarizer.errors import ModelNotFoundError


@pytest.fixture
def hub(tiny_models, tmp_path, monkeypatch):
    """A cache holding org/has (generation_config.json cached), org/none (recorded absent),
    org/unknown (never fetched) and org/nothing (no config.json either)."""
    from huggingface_hub import constants

    cache = tmp_path / "hub"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    bart = tiny_models["bart"]
    hub_cache_of(bart, cache, "org/has")
    hub_cache_of(bart, cache, "org/none", known_absent=("generation_config.json",))
    hub_cache_of(bart, cache, "org/unknown", left_out=("generation_config.json",))
    hub_cache_of(bart, cache, "org/nothing", left_out=("*.json",))
    return cache


def test_the_caches_answers_are_told_apart_in_one_place(hub):
    # fetch_generation_config asked huggingface_hub's try_to_load_from_cache itself, beside
    # _known_absent (decoding_config's), which read the same answer its own way; and
    # _refuse_uncached_offline, model_files, model_values and the sentence encoder each
    # told its path, None and marker apart again. runtime.hub_cached is the one reading
    from summarizer.runtime import Uncached, hub_cached

    cached = hub_cached("org/has", "generation_config.json")
    assert isinstance(cached, str) and cached.endswith("generation_config.json")
    assert hub_cached("org/none", "generation_config.json") is Uncached.ABSENT
    assert hub_cached("org/unknown", "generation_config.json") is Uncached.UNKNOWN
    assert hub_cached("org/never-seen", "config.json") is Uncached.UNKNOWN
    assert hub_cached("not//a hub id", "config.json") is Uncached.NOT_HUB_ID


def test_each_reader_follows_the_answer_as_before(hub, monkeypatch):
    import huggingface_hub

    from summarizer.summarizers.abstractive import loading

    fetched = []
    monkeypatch.setattr(huggingface_hub, "hf_hub_download",
                        lambda repo, name, **_: fetched.append((repo, name)))
    monkeypatch.setattr(loading, "download_blocked", lambda: None)
    for repo in ("org/has", "org/none", "org/unknown", "not//a hub id"):
        loading.fetch_generation_config(repo, False)
    assert fetched == [("org/unknown", "generation_config.json")]  # only what is not known
    # decoding_config: the file read; known absent, config.json's; not known, not decided
    has = loading.decoding_config("org/has")
    assert has is not None and has[0].suppress_tokens  # the file's (abstractive_helpers.save)
    none = loading.decoding_config("org/none")
    assert none is not None and not none[0].suppress_tokens
    assert loading.decoding_config("org/unknown") is None
    assert loading.model_files("org/has") == f"revision {'0' * 40}"
    assert loading.model_files("org/nothing") is None
    assert loading.model_files("not//a hub id") is None
    # a hub id without its config.json here, which cannot be fetched: said before any load
    monkeypatch.setattr(loading, "download_blocked", lambda: "offline mode is on")
    loading._refuse_uncached_offline("org/has", False)
    loading._refuse_uncached_offline("not//a hub id", False)  # transformers' own error
    with pytest.raises(ModelNotFoundError, match="not in the local Hugging Face cache"):
        loading._refuse_uncached_offline("org/nothing", False)
