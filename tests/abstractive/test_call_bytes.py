"""The key/value cache bytes a token position holds, estimated from the model's config: a
position of a 7B model holds 23x SmolLM2's."""

from __future__ import annotations

import pytest

from summarizer.summarizers.abstractive import load_model
from summarizer.summarizers.abstractive.loading import kv_bytes_per_position


def test_bytes_per_position_is_the_configs_arithmetic():
    from transformers import (
        BartConfig,
        GPT2Config,
        LlamaConfig,
        PretrainedConfig,
        Qwen2Config,
        T5Config,
    )

    # SmolLM2-135M: 30 layers, 3 key/value heads of 64 (grouped-query attention)
    smol = LlamaConfig(num_hidden_layers=30, hidden_size=576, num_attention_heads=9,
                       num_key_value_heads=3, head_dim=64)
    assert kv_bytes_per_position(smol, "float32") == 2 * 30 * 3 * 64 * 4
    assert kv_bytes_per_position(smol, "bfloat16") == 2 * 30 * 3 * 64 * 2
    assert kv_bytes_per_position(smol, "int8-dynamic") == 2 * 30 * 3 * 64 * 4  # float32 caches
    qwen = Qwen2Config(num_hidden_layers=4, hidden_size=64, num_attention_heads=8,
                       num_key_value_heads=2)  # no head_dim: the hidden size over the heads
    assert kv_bytes_per_position(qwen, "float32") == 2 * 4 * 2 * 8 * 4
    gpt2 = GPT2Config(n_layer=3, n_embd=48, n_head=4)
    assert kv_bytes_per_position(gpt2, "float16") == 2 * 3 * 48 * 2
    # encoder-decoder: the decoder's layers (not the encoder's), its heads x head width for
    # self- and cross-attention, and the encoder output (d_model) per beam
    bart = BartConfig(d_model=32, encoder_layers=1, decoder_layers=3, encoder_attention_heads=2,
                      decoder_attention_heads=4)
    assert kv_bytes_per_position(bart, "float32") == (2 * 3 * 32 + 32) * 4
    t5 = T5Config(d_model=32, d_kv=16, num_heads=6, num_layers=1, num_decoder_layers=3)
    assert kv_bytes_per_position(t5, "float32") == (2 * 3 * 6 * 16 + 32) * 4
    # a config that says nothing (or nonsense) is counted as a large model, never refused
    llama2_7b = 2 * 32 * 4096 * 4
    assert kv_bytes_per_position(PretrainedConfig(), "float32") == llama2_7b
    odd = PretrainedConfig(num_hidden_layers="many", hidden_size=None, num_attention_heads=True)
    assert kv_bytes_per_position(odd, "float32") == llama2_7b


def _cache_bytes(cache) -> int:
    parts = [cache.self_attention_cache, cache.cross_attention_cache] if hasattr(
        cache, "cross_attention_cache") else [cache]
    return sum(layer.keys.nbytes + layer.values.nbytes for part in parts for layer in part.layers)


@pytest.mark.parametrize("key", ["llama", "bart", "t5"])
def test_the_estimate_is_what_the_models_cache_holds(tiny_models, key):
    # the arithmetic checked against the cache a forward pass of the tiny models fills
    import torch

    lm = load_model(str(tiny_models[key]), "cpu", "auto")
    ids = torch.tensor([list(range(5, 5 + 20))] * 3)  # 3 sequences of 20 tokens
    config = lm.model.config
    with torch.inference_mode():
        if config.is_encoder_decoder:
            decoder = torch.tensor([[config.decoder_start_token_id] * 4] * 3)
            cache = lm.model(input_ids=ids, decoder_input_ids=decoder, use_cache=True
                             ).past_key_values
            # the cross-attention's 20 positions and the self-attention's 4; the estimate
            # also counts the encoder output (d_model a position)
            encoder_output = config.d_model * 4
            assert _cache_bytes(cache) == 3 * (20 + 4) * (lm.position_bytes - encoder_output)
        else:
            cache = lm.model(input_ids=ids, use_cache=True).past_key_values
            assert _cache_bytes(cache) == 3 * 20 * lm.position_bytes
