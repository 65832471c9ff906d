"""One generate call is bounded in bytes estimated from the model's config, not only in
token positions: a position of a 7B model holds 23x SmolLM2's key/value cache; and the
estimate counts what generate's tensors hold, the forward pass over the inputs too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from abstractive_helpers import TEXTS

from summarizer.summarizers.abstractive import GenerationSettings, Generator, load_model
from summarizer.summarizers.abstractive.loading import (
    kv_bytes_per_position,
    prompt_pass_bytes,
    relative_bias_bytes,
)

EVAL = Path(__file__).resolve().parents[2] / "eval"


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


def test_prompt_pass_bytes_are_the_configs_arithmetic():
    from transformers import BartConfig, GPT2Config, LlamaConfig, T5Config

    # SmolLM2-135M with SDPA: 5 x hidden and 3 x intermediate a position; a pair of
    # positions the padding mask, a bool and its float copy
    smol = LlamaConfig(num_hidden_layers=30, hidden_size=576, num_attention_heads=9,
                       num_key_value_heads=3, head_dim=64, intermediate_size=1536)
    smol._attn_implementation = "sdpa"
    assert prompt_pass_bytes(smol, "float32") == ((5 * 576 + 3 * 1536) * 4, 1 + 4)
    assert prompt_pass_bytes(smol, "bfloat16") == ((5 * 576 + 3 * 1536) * 2, 1 + 2)
    # nothing padded (one input, inputs of one length): SDPA is given no mask
    assert prompt_pass_bytes(smol, "float32", padded=False) == ((5 * 576 + 3 * 1536) * 4, 0)
    # eager attention makes its scores per head: two float tensors of them a pair; and its
    # mask whatever the padding
    smol._attn_implementation = "eager"
    assert prompt_pass_bytes(smol, "float32")[1] == 1 + 4 + 2 * 9 * 4
    assert prompt_pass_bytes(smol, "float32", padded=False)[1] == 1 + 4 + 2 * 9 * 4
    # T5's relative position bias is per head whatever the attention; an encoder-decoder's
    # encoder's feed-forward (BART's encoder_ffn_dim, not its decoder's; T5's d_ff)
    t5 = T5Config(d_model=32, d_kv=16, d_ff=64, num_heads=6, num_layers=1)
    t5._attn_implementation = "sdpa"
    assert prompt_pass_bytes(t5, "float32") == ((5 * 32 + 3 * 64) * 4, 1 + 4 + 2 * 6 * 4)
    assert prompt_pass_bytes(t5, "float32", padded=False)[1] == 2 * 6 * 4
    # and its buckets once a call, in int64 over the square: no other model's
    assert relative_bias_bytes(t5) == 7 * 8
    assert relative_bias_bytes(smol) == 0
    bart = BartConfig(d_model=32, encoder_ffn_dim=64, decoder_ffn_dim=128,
                      encoder_attention_heads=2)
    bart._attn_implementation = "sdpa"
    assert prompt_pass_bytes(bart, "float32") == ((5 * 32 + 3 * 64) * 4, 1 + 4)
    assert relative_bias_bytes(bart) == 0
    # no intermediate size given (GPT-2's n_inner None): 4 x hidden
    gpt2 = GPT2Config(n_layer=3, n_embd=48, n_head=4)
    gpt2._attn_implementation = "sdpa"
    assert prompt_pass_bytes(gpt2, "float32") == ((5 * 48 + 3 * 4 * 48) * 4, 1 + 4)


def test_the_live_peak_sees_a_tensor_made_and_freed_inside_the_call(monkeypatch):
    # the profiler's memory events, read from its public trace, are counted: a 4 MB tensor
    # made and freed inside the call is its peak (a trace read wrong would give 0, and every
    # bound below would hold)
    import torch

    monkeypatch.syspath_prepend(str(EVAL))
    from bench_abstractive import live_peak

    peak = live_peak(lambda: torch.ones(1000, 1000).sum())
    assert 4_000_000 <= peak < 4_100_000


@pytest.mark.parametrize(("key", "beams", "widths", "sampled"), [
    ("llama", 3, [120, 60], False), ("llama", 1, [200, 90, 40], False),
    ("bart", 3, [150, 70], False), ("t5", 3, [150, 70], False),
    # one input: nothing is padded, and no padding mask is counted
    ("llama", 2, [300], False), ("bart", 3, [200], False), ("t5", 3, [110], False),
    # sampling: top_p's sort and the draws' copies of the scores (a short input's many
    # beams of an encoder-decoder: 1.15x the tensors counted without them)
    ("bart", 16, [12], True), ("t5", 16, [12], True), ("bart", 1, [12] * 8, True),
    ("llama", 1, [40] * 8, True), ("llama", 1, [60, 30, 12], True),
    ("llama", 4, [60], True)])  # beam sampling runs one input a call
def test_the_estimate_covers_the_live_tensors_of_a_call(tiny_models, monkeypatch, key, beams,
                                                          widths, sampled):
    # the peak of torch's live allocations in one generate call (its batch padded where its
    # inputs differ) is within the tensors call_bytes counts (its estimate over RESIDENT):
    # the prompt's forward pass over every beam held more than the cache and scores alone
    # (the estimate before counted only those)
    from summarizer.summarizers.abstractive import generation

    monkeypatch.syspath_prepend(str(EVAL))
    from bench_abstractive import live_peak

    lm = load_model(str(tiny_models[key]), "cpu", "float32")
    sampling = {"do_sample": True, "top_p": 0.9, "temperature": 0.7} if sampled else {}
    gen = Generator(lm, GenerationSettings(num_beams=beams, no_repeat_ngram_size=0,
                                           batch_size=len(widths), **sampling))
    words = (" ".join(TEXTS) + " ") * 20
    ids = lm.tokenizer(words, add_special_tokens=False)["input_ids"]
    texts = [lm.tokenizer.decode(ids[:w]) for w in widths]
    gen.generate([t[:30] for t in texts], 2, 2)  # warm-up
    out: list = []
    peak = live_peak(lambda: out.extend(gen.generate(texts, 6, 6)))
    assert gen.stats.batch_sizes[-1] == len(widths)
    lengths = [g.input_tokens for g in out]
    assert (min(lengths) < max(lengths)) == (len(set(widths)) > 1)  # padded as meant
    padded = min(lengths) < max(lengths)
    assert peak <= gen.call_bytes(len(widths), max(lengths), 6, padded=padded) / generation.RESIDENT


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


def _seven_b(lm):
    """``lm`` with a Llama-2-7B-sized model (32 layers of 4,096, no grouped-query attention)
    on the meta device: its config is real, its weights take no memory."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(num_hidden_layers=32, hidden_size=4096, num_attention_heads=32,
                         num_key_value_heads=32, intermediate_size=11008, vocab_size=32000,
                         max_position_embeddings=lm.max_positions)
    with torch.device("meta"):
        model = LlamaForCausalLM(config)
    model.generation_config = lm.model.generation_config
    return dataclasses.replace(lm, model=model)


def test_a_large_models_beams_are_refused_in_bytes_where_positions_fit(tiny_models, seed_text,
                                                                        monkeypatch):
    # 64 beams of an input of the tiny model's 384 positions hold 24,576 token positions,
    # within MOST_CALL_TOKENS (131,072), and were generated whatever the model: a 7B model
    # holds 1 MiB a position (float32), 24 GiB for that call. Refused now, before
    # generating, with the most beams that fit the byte bound.
    from summarizer.errors import OptionError
    from summarizer.summarizers.abstractive import generation
    from summarizer.textio.read import amount

    lm = _seven_b(load_model(str(tiny_models["llama"]), "cpu", "float32"))
    assert lm.position_bytes == 2 * 32 * 4096 * 4
    gen = Generator(lm, GenerationSettings(num_beams=64))
    monkeypatch.setattr(Generator, "_run", lambda *a, **k: pytest.fail("generated"))
    longest = gen.input_cap(6)  # the seed article is cut to it (a guard cut, counted)
    assert 64 * (longest + 6) <= generation.MOST_CALL_TOKENS
    # a beam's cache, its prompt pass (a causal LM's prompt is run on every beam) and
    # scores, counted RESIDENT times
    position, pair = lm.prompt_bytes(padded=False)  # one input's beams: nothing padded
    per_beam = generation.RESIDENT * ((longest + 6) * lm.position_bytes
                                      + 32000 * 4 * generation.LOGIT_COPIES
                                      + longest * (position + longest * pair))
    most = generation.MOST_CALL_BYTES // per_beam
    assert 1 < most < 64
    with pytest.raises(OptionError) as refused:
        gen.generate([seed_text], max_new_tokens=6)
    message = str(refused.value)
    assert "num_beams (--option num_beams=N) 64 " in message
    assert f"give num_beams {most} or fewer" in message
    assert f"{amount(generation.MOST_CALL_BYTES)})" in message
    assert f"{amount(64 * per_beam)} of cache" in message
    assert f"(this model's {amount(lm.position_bytes)} of cache a position)" in message
    # as many beams as fit are not refused (generation begins: the patched _run)
    with pytest.raises(pytest.fail.Exception, match="generated"):
        Generator(lm, GenerationSettings(num_beams=most)).generate([seed_text], 6)


def test_batches_shrink_to_the_byte_bound_with_the_same_text(tiny_models, monkeypatch):
    # batches (given or automatic) are made no bigger than MOST_CALL_BYTES estimated bytes,
    # here lowered to two of these inputs' beams, and give what one input at a time gives
    from summarizer.summarizers.abstractive import generation

    lm = load_model(str(tiny_models["bart"]), "cpu", "auto")
    settings = {"num_beams": 3, "no_repeat_ngram_size": 0}
    single = Generator(lm, GenerationSettings(**settings, batch_size=1))
    expected = [g.text for g in single.generate(TEXTS, max_new_tokens=6)]
    longest = max(g.input_tokens for g in single.generate(TEXTS, max_new_tokens=6))
    bound = single.call_bytes(2, longest, 6)
    assert 5 * 3 * (longest + 6) < generation.MOST_CALL_TOKENS  # positions allow one batch
    monkeypatch.setattr(generation, "MOST_CALL_BYTES", bound)
    for batch_size in (5, None):  # given, and automatic
        gen = Generator(lm, GenerationSettings(**settings, batch_size=batch_size))
        assert [g.text for g in gen.generate(TEXTS, max_new_tokens=6)] == expected
        assert gen.stats.batch_sizes[0] == 2 and sum(gen.stats.batch_sizes) == len(TEXTS)
    # one beam is never refused: the model's context bounds its call
    monkeypatch.setattr(generation, "MOST_CALL_BYTES", 1)
    greedy = Generator(lm, GenerationSettings(num_beams=1, no_repeat_ngram_size=0))
    assert len(greedy.generate(TEXTS, max_new_tokens=4)) == len(TEXTS)
    assert greedy.stats.batch_sizes == [1] * len(TEXTS)


def test_inputs_of_one_length_are_batched_without_a_padding_mask(tiny_models, monkeypatch):
    # SDPA is given no mask where nothing is padded, so none is counted: inputs of one length
    # fit a bound their padded estimate would not; inputs of different lengths are split
    # under it, and every batch gives what one input at a time gives
    from summarizer.summarizers.abstractive import generation

    lm = load_model(str(tiny_models["llama"]), "cpu", "float32")
    assert lm.model.config._attn_implementation == "sdpa"
    settings = {"num_beams": 1, "batch_size": 4}
    single = Generator(lm, GenerationSettings(num_beams=1, batch_size=1))
    same = [TEXTS[0]] * 4
    differ = [TEXTS[0][:len(TEXTS[0]) * k // 4] for k in (4, 3, 2, 1)]
    expected = [g.text for g in single.generate(same + differ, max_new_tokens=4)]
    width = single.generate(same[:1], max_new_tokens=4)[0].input_tokens
    unpadded = single.call_bytes(4, width, 4, padded=False)
    assert unpadded < single.call_bytes(4, width, 4)  # the mask: 4 x width^2 x (1 + 4) bytes
    monkeypatch.setattr(generation, "MOST_CALL_BYTES", unpadded)
    gen = Generator(lm, GenerationSettings(**settings))
    assert [g.text for g in gen.generate(same, max_new_tokens=4)] == expected[:4]
    assert gen.stats.batch_sizes == [4]
    assert [g.text for g in gen.generate(differ, max_new_tokens=4)] == expected[4:]
    assert len(gen.stats.batch_sizes[1:]) > 1
