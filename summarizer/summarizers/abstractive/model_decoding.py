"""What a checkpoint's generation config decides in ``generate`` beside the options.

``generate`` reads every value a call does not pass from the model's generation config
(generation_config.json, else what transformers makes of config.json, which the summary's
settings then say: ``generation_config_from``, loading.generation_config_unread), and many change
greedy and beam search output. Each such value is handled one way, so that nothing a model
folder says changes a summary unrecorded:

* :data:`TOKEN_IDS`: the special tokens ``generate`` decodes with, recorded in the summary's
  settings wherever the model has them (:func:`token_ids`, through the same path): another
  end or decoder start token changes the text;
* :data:`RECORDED`: applied by ``generate`` as transformers applies it (its logits
  processors and stop strings) and recorded in the summary's settings where the checkpoint
  sets it (:func:`recorded`, through GenerationSettings.resolved and to_dict);
* :data:`REFUSED`: an :class:`OptionError` naming it (:func:`refuse_unrun`): another
  decoding than greedy, beam search or sampling, or an output that is no function of the
  input and the settings;
* :data:`PASSED`: given by every call in place of the checkpoint's (Generator._run): the
  output's form, and the cache (how keys and values are held, not what they are); with
  the options' num_beams, length_penalty, no_repeat_ngram_size, do_sample, max_new_tokens
  and min_new_tokens (unset where not given: lengths come from the budget, as min_length's
  do).

The sampling warpers (temperature, top_k, top_p, and those refused) are row_sampling's.
"""

from __future__ import annotations

from typing import Any

from summarizer.errors import OptionError, value_repr

# generate's values applied as the checkpoint gives them, each with the value that changes
# nothing (None: not set)
RECORDED: dict[str, Any] = {
    "repetition_penalty": 1.0, "encoder_repetition_penalty": 1.0,
    "encoder_no_repeat_ngram_size": 0, "bad_words_ids": None, "sequence_bias": None,
    "forced_bos_token_id": None, "forced_eos_token_id": None, "suppress_tokens": None,
    "begin_suppress_tokens": None, "exponential_decay_length_penalty": None,
    "remove_invalid_values": False, "renormalize_logits": False, "stop_strings": None,
}
# the special token ids generate decodes with: where a sequence ends (eos), what fills a
# finished one (pad: every call passes the tokenizer's), what a seq2seq decoder starts
# from (decoder_start, else bos). Recorded wherever set: nearly every model sets some
TOKEN_IDS = ("eos_token_id", "pad_token_id", "bos_token_id", "decoder_start_token_id")
# refused where set otherwise than the value that changes nothing: (that value, why)
_HUB_CODE = ("which transformers runs only as code from the hub, and this package runs no "
             "model's code")
_ASSISTED = "assisted decoding, which this package does not run"
REFUSED: dict[str, tuple[Any, str]] = {
    "num_beam_groups": (1, f"group beam search (diversity_penalty), {_HUB_CODE}"),
    "penalty_alpha": (0.0, f"contrastive search, {_HUB_CODE}"),
    "dola_layers": (None, f"DoLa decoding, {_HUB_CODE}"),
    "force_words_ids": (None, f"constrained beam search, {_HUB_CODE}"),
    "constraints": (None, f"constrained beam search, {_HUB_CODE}"),
    "guidance_scale": (1.0, "classifier-free guidance, a second pass over an unconditional "
                            "input this package does not give"),
    "watermarking_config": (None, "a watermark, which this package does not apply"),
    "max_time": (None, "a stop after so many seconds: the summary would depend on the "
                       "machine's speed"),
    "token_healing": (False, "token healing, which rewrites the end of the input"),
    "prompt_lookup_num_tokens": (None, _ASSISTED),
    "assistant_early_exit": (None, _ASSISTED),
    "use_mtp": (False, _ASSISTED),
}
# passed by every generate call whatever the checkpoint says: one output an input, as a
# tensor of tokens (return_dict_in_generate made it a dict: a raw KeyError), nothing kept
# beside it (each step's scores or attentions); low_memory: beam search's old sequential
# mode, which transformers now refuses (a raw ValueError). And the cache: how keys and
# values are held is this package's (the growing cache Generator.call_bytes sizes calls by;
# beam search's own, beams.beam_kwargs), where a checkpoint's was taken beside it: its
# cache_implementation "static" (or "offloaded", "quantized") beside a seq2seq model's beam
# search was a raw ValueError ("passing both cache_implementation and cache"), "offloaded"
# a raw AssertionError on a machine without CUDA, "quantized" one without optimum-quanto;
# use_cache false a raw IndexError (BART's beams) or other text (T5's beams). max_length:
# every call gives max_new_tokens, and a checkpoint's max_length beside it (1e6 in some
# generation_config.json files) was transformers' "Both ... set" warning at every call
PASSED: dict[str, Any] = {
    "max_length": None, "min_length": 0, "num_return_sequences": 1, "return_dict_in_generate": False,
    "output_scores": False, "output_logits": False, "output_attentions": False,
    "output_hidden_states": False, "low_memory": None,
    "use_cache": True, "cache_implementation": None, "cache_config": None,
    "max_cache_len": None,
}


def _set(value: Any, neutral: Any) -> bool:
    return value is not None and value != neutral


def recorded(model_config: Any) -> dict[str, Any]:
    """The :data:`RECORDED` values ``model_config`` (a GenerationConfig, or None) sets
    otherwise than the value that changes nothing: {} for most checkpoints, so that their
    settings are as before."""
    out = {}
    for name, neutral in RECORDED.items():
        value = getattr(model_config, name, None)
        if _set(value, neutral):
            out[name] = value
    return out


def token_ids(model_config: Any, pad_token_id: Any = None) -> dict[str, Any]:
    """The :data:`TOKEN_IDS` ``model_config`` (a GenerationConfig, or None) has, with
    ``pad_token_id`` (what every call passes: the tokenizer's) in place of its own where
    given; each absent where None."""
    given = {name: getattr(model_config, name, None) for name in TOKEN_IDS}
    if pad_token_id is not None:
        given["pad_token_id"] = pad_token_id
    return {name: value for name, value in given.items() if value is not None}


def refuse_unrun(model_config: Any) -> None:
    """An :class:`OptionError` for the first :data:`REFUSED` value ``model_config`` sets."""
    for name, (neutral, why) in REFUSED.items():
        value = getattr(model_config, name, None)
        if _set(value, neutral):
            raise OptionError(f"this model's generation config sets {name} {value_repr(value)}: {why}; "
                              f"remove {name} from a copy of the model folder's "
                              "generation_config.json, or use another model")


# generate adds |eos score| x (factor ** tokens past the start) to the end token's score, the
# power a Python number: an integer factor's must fit torch's int64 scalar ("int too big to
# convert"), a float's float64 (OverflowError), and past float32's largest the scores hold
# inf, which sampling refused ("probability tensor contains inf"): each was exit 70
_DECAY_MOST = {int: 2**63 - 1, float: 3.4028234663852886e38}


def refuse_decay_overflow(model_config: Any, max_new_tokens: int) -> None:
    """An :class:`OptionError` where ``model_config``'s ``exponential_decay_length_penalty``
    (start, factor) overflows in a generate call of ``max_new_tokens``: its factor raised to
    the most tokens generated past the start (``max_new_tokens - 1 - start``: the last
    step's scores) passes :data:`_DECAY_MOST`. Nothing is clamped: the value is the model's."""
    import math

    penalty = getattr(model_config, "exponential_decay_length_penalty", None)
    if not isinstance(penalty, list | tuple) or len(penalty) != 2:
        return  # unset (model_values refuses another shape at load)
    start, factor = penalty
    steps = max_new_tokens - 1 - start
    kind = int if isinstance(factor, int) else float
    if steps < 1 or (math.isfinite(factor) and abs(factor) <= 1):
        return
    most = math.log(_DECAY_MOST[kind])
    if math.isfinite(factor) and steps * math.log(abs(factor)) <= most:
        return
    fits = int(most / math.log(abs(factor))) + start + 1 if math.isfinite(factor) else 0
    fewer = (f"give max_new_tokens {fits} or fewer (--option max_new_tokens=N), or "
             if fits > 0 else "")
    raise OptionError(
        f"this model's generation config sets exponential_decay_length_penalty "
        f"{value_repr(list(penalty))}: its factor raised to the {steps:,} tokens past its start "
        f"that {max_new_tokens:,} new tokens reach overflows in generate (past "
        f"{_DECAY_MOST[kind]:.2g}); {fewer}remove it from a copy of the model folder's "
        "generation_config.json")
