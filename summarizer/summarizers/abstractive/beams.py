"""Beam search for encoder-decoder models without redundant cross-attention work.

In beam search every beam of an input attends to the same encoder output,
yet ``generate`` (a) projects that output to cross-attention keys and values
once per beam, and (b) reorders those keys and values along the beams at
every decoding step (``EncoderDecoderCache.reorder_cache``), copying the
whole cross-attention cache (for a bart-large-sized model, 8 inputs of 700
tokens and 4 beams: 2.2 GB per step). Both are no-ops in value: a beam only
ever takes over another beam *of the same input*, whose cross-attention
rows are identical. So here:

* :class:`SharedCrossCache` reorders the self-attention cache only;
* :func:`beam_kwargs` runs the encoder once, projects keys and values once
  per input (not per beam) and hands ``generate`` the filled cache, for the
  BART family whose attention reads a filled cross-attention cache as is.

The generated tokens are those of plain ``generate`` (tests and
``eval/bench_abstractive.py`` compare them token for token).
"""

from __future__ import annotations

from typing import Any

# Model types whose decoder layers hold ``encoder_attn`` with k_proj/v_proj and
# reuse a cross-attention cache marked ``is_updated`` (BartAttention and copies).
PREFILL_TYPES = frozenset({"bart", "mbart", "pegasus", "marian", "blenderbot",
                           "blenderbot-small", "plbart"})


def _cache_classes() -> tuple[Any, Any, str] | None:
    try:
        from transformers import DynamicCache, EncoderDecoderCache
    except ImportError:  # pragma: no cover - transformers too old for Cache objects
        return None
    try:
        from transformers.generation.utils import ALL_CACHE_NAMES

        name = "cache" if "cache" in ALL_CACHE_NAMES else "past_key_values"
    except ImportError:  # pragma: no cover - transformers 4.x
        name = "past_key_values"
    return DynamicCache, EncoderDecoderCache, name


def _shared_cross_cache_class(base: Any) -> Any:
    class SharedCrossCache(base):
        """An encoder-decoder cache whose cross-attention part is never reordered."""

        def reorder_cache(self, beam_idx: Any) -> None:
            self.self_attention_cache.reorder_cache(beam_idx)

    return SharedCrossCache


def _dynamic(cls: Any, config: Any) -> Any:
    try:
        return cls(config=config)
    except TypeError:  # pragma: no cover - older DynamicCache takes no config
        return cls()


def _self_and_cross(model: Any, dynamic: Any) -> tuple[Any, Any]:
    """An encoder-decoder's self- and cross-attention caches, sized by its decoder view
    where that holds the decoder's layers; else growing a layer at a time (no config)."""
    if _sized_short(model.config):
        return dynamic(), dynamic()
    view = model.config.get_text_config(decoder=True)
    return _dynamic(dynamic, view), _dynamic(dynamic, view)


def _sized_short(config: Any) -> bool:
    """Whether transformers sizes ``config``'s decoder cache below its decoder's layers: a
    T5's decoder view counts num_layers (the encoder's), so one of more num_decoder_layers
    failed in ``generate`` with a raw IndexError (exit 70)."""
    from summarizer.summarizers.abstractive.loading import decoder_layer_count

    if not getattr(config, "is_encoder_decoder", False):
        return False
    view = config.get_text_config(decoder=True)
    sized, layers = getattr(view, "num_hidden_layers", None), decoder_layer_count(config)
    return isinstance(sized, int) and layers is not None and sized < layers


def decoder_cache(model: Any) -> dict[str, Any]:
    """A ``generate`` argument where the cache transformers would make is too small for the
    model's decoder (:func:`_sized_short`): one sized by the decoder; else none."""
    classes = _cache_classes()
    if classes is None or not _sized_short(model.config):
        return {}
    dynamic, encdec, name = classes
    return {name: encdec(*_self_and_cross(model, dynamic))}


def beam_kwargs(model: Any, inputs: dict[str, Any], num_beams: int) -> dict[str, Any]:
    """Extra ``generate`` arguments for beam search on an encoder-decoder model.

    Empty when there is nothing to save (one beam, a decoder-only model, a
    transformers without cache objects).
    """
    classes = _cache_classes()
    if num_beams < 2 or not getattr(model.config, "is_encoder_decoder", False) or classes is None:
        return {}
    supports = getattr(model, "_supports_default_dynamic_cache", None)
    if supports is None or not supports():
        return {}  # a model with its own cache handling (or an older transformers)
    dynamic, encdec, name = classes
    cache = _shared_cross_cache_class(encdec)(*_self_and_cross(model, dynamic))
    out: dict[str, Any] = {name: cache}
    layers = _decoder_layers(model)
    if model.config.model_type not in PREFILL_TYPES or layers is None or set(inputs) - {
            "input_ids", "attention_mask"}:
        return out
    from transformers.modeling_outputs import BaseModelOutput

    encoder = model.get_encoder()
    hidden = encoder(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"],
                     return_dict=True).last_hidden_state
    batch, length, _ = hidden.shape
    for i, layer in enumerate(layers):
        attn = layer.encoder_attn
        shape = (batch, length, -1, attn.head_dim)
        keys = attn.k_proj(hidden).view(shape).transpose(1, 2)
        values = attn.v_proj(hidden).view(shape).transpose(1, 2)
        cache.cross_attention_cache.update(keys.repeat_interleave(num_beams, dim=0),
                                           values.repeat_interleave(num_beams, dim=0), i)
        cache.is_updated[i] = True
    out["encoder_outputs"] = BaseModelOutput(last_hidden_state=hidden)
    return out


def _decoder_layers(model: Any) -> Any:
    decoder = model.get_decoder() if hasattr(model, "get_decoder") else None
    layers = getattr(decoder, "layers", None)
    if not layers or not all(hasattr(getattr(layer, "encoder_attn", None), "k_proj")
                             and hasattr(layer.encoder_attn, "head_dim") for layer in layers):
        return None
    return layers
