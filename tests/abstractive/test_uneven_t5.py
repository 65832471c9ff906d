"""A T5 whose decoder has more layers than its encoder (num_decoder_layers != num_layers)."""

from __future__ import annotations

import shutil

import pytest
from abstractive_helpers import save

from summarizer.summarizers.abstractive import GenerationSettings, Generator, load_model

TEXTS = ["The council met on Monday to discuss the new budget for the city.",
         "Rescue teams reached the village after the flood."]


@pytest.fixture(scope="module")
def uneven_t5(tiny_models, tmp_path_factory):
    """The tiny T5 with 1 encoder layer and 3 decoder layers (random weights)."""
    import torch
    from transformers import AutoTokenizer, T5Config, T5ForConditionalGeneration

    path = tmp_path_factory.mktemp("uneven") / "tiny-t5-uneven"
    shutil.copytree(tiny_models["t5"], path)
    config = T5Config.from_pretrained(path)
    config.num_decoder_layers = 3
    torch.manual_seed(1)
    save(T5ForConditionalGeneration(config), AutoTokenizer.from_pretrained(path), path)
    return path


@pytest.mark.parametrize("beams", [1, 2])
@pytest.mark.parametrize("shared", [True, False])
def test_a_t5_with_more_decoder_layers_than_encoder_layers_generates(uneven_t5, beams, shared,
                                                                     monkeypatch):
    # transformers sizes the decoder's cache by the config's decoder view, which counts a
    # T5's num_layers (the encoder's): generate failed with a raw IndexError (exit 70).
    # Now given a cache of the decoder's layers: the tokens are those without a cache.
    lm = load_model(str(uneven_t5), "cpu", "auto")
    assert (lm.model.config.num_layers, lm.model.config.num_decoder_layers) == (1, 3)
    gen = Generator(lm, GenerationSettings(num_beams=beams, batch_size=2))
    gen.shared_cross_attention = shared
    got = [g.text for g in gen.generate(TEXTS, max_new_tokens=6)]
    assert all(got)
    generate = lm.model.generate

    def without_cache(**kwargs):
        for name in ("cache", "past_key_values", "encoder_outputs"):
            kwargs.pop(name, None)
        return generate(**{**kwargs, "use_cache": False})  # every call passes True

    monkeypatch.setattr(lm.model, "generate", without_cache)
    assert [g.text for g in gen.generate(TEXTS, max_new_tokens=6)] == got
