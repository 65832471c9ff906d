"""The value of a model's JSON files that has the wrong type, named for a damaged folder.

transformers raises TypeError (AttributeError, IndexError; Python's own ValueError or
KeyError, torch's RuntimeError) as readily for a value of the wrong type in a model's files
(``"d_model": null``, a special token that is a number, a size of -1) as for a bug of its
own. :func:`summarizer.runtime.model_loading_errors` asks :func:`wrong_value`
which it was: where a value can be named, "cannot load model" names it; where none can, the
error says it may be a bug (and ``SUMMARIZER_DEBUG`` lets it through as it is), so a bug is
not passed off as a damaged folder. Read only after such an error, so a model whose files hold an
unusual value that transformers accepts is never refused for it; generation_config.json
alone, whose values transformers first uses in ``generate``, is read at every load.

The kinds are transformers' own where it has them: a fresh config of the model's type (its
``to_dict`` and attributes), the defaults generate gives an unset setting; written here
only for what those leave null (token ids, special tokens, a few generate settings). Token
id lists that generate indexes the vocabulary with (``bad_words_ids``, ``suppress_tokens``,
``begin_suppress_tokens``) must be ids under config.json's ``vocab_size``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.errors import shortened

# Ids of tokens, each null or: one id, one or a list of them (Llama 3's eos_token_id), a list.
_TOKEN_IDS = {**dict.fromkeys(("pad_token_id", "bos_token_id", "decoder_start_token_id",
                               "forced_bos_token_id", "sep_token_id", "unk_token_id"), (int,)),
              **dict.fromkeys(("eos_token_id", "forced_eos_token_id"), (int, list))}
# tokenizer_config.json and special_tokens_map.json: a token is its text, its AddedToken
# object ({"content": ...}) or null.
_SPECIAL_TOKENS = {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token",
                   "mask_token"}
# generation_config.json: a fresh GenerationConfig holds null for every field, so the kinds
# are transformers' defaults for generate (_generation_kinds), and these for the fields it
# leaves null there.
_GENERATION = {**dict.fromkeys(("max_length", "max_new_tokens", "min_length", "min_new_tokens",
                                "num_beams", "top_k", "no_repeat_ngram_size",
                                "encoder_no_repeat_ngram_size", "num_return_sequences",
                                "max_cache_len"), 0),
               **dict.fromkeys(("temperature", "top_p", "typical_p", "min_p", "top_h",
                                "length_penalty", "repetition_penalty", "max_time",
                                "guidance_scale"), 0.0),
               **dict.fromkeys(("do_sample", "use_cache", "output_attentions",
                                "output_hidden_states", "output_scores", "output_logits",
                                "return_dict_in_generate", "remove_invalid_values",
                                "renormalize_logits"), False)}
# Lists of token ids generate indexes the vocabulary with (bad_words_ids: a list of them).
_ID_LISTS = ("bad_words_ids", "suppress_tokens", "begin_suppress_tokens")
# length_penalty is an exponent of the output length: 256 ** 1e308 overflowed in generate
MOST_LENGTH_PENALTY = 10.0
# encoder_no_repeat_ngram_size n: transformers slices the input n times at the first step,
# n x its length (10**9 took every byte of the machine)
MOST_NGRAM_SIZE = 64
# generation_config.json's numbers of their kind that generate takes only in a range:
# num_beams 0 was a ZeroDivisionError, a penalty of 0 transformers' ValueError (exit 70)
_RANGES = {
    "num_beams": (lambda v: v >= 1, "a count of 1 or more"),
    "repetition_penalty": (lambda v: v > 0, "a number above 0"),
    "encoder_repetition_penalty": (lambda v: v > 0, "a number above 0"),
    "length_penalty": (lambda v: abs(v) <= MOST_LENGTH_PENALTY,
                       f"a number from -{MOST_LENGTH_PENALTY:g} to {MOST_LENGTH_PENALTY:g}"),
    "encoder_no_repeat_ngram_size": (lambda v: 0 <= v <= MOST_NGRAM_SIZE,
                                     f"an n-gram size from 0 to {MOST_NGRAM_SIZE}"),
}


# special_tokens_map.json: older tokenizers' special tokens, read as tokenizer_config.json's
FILES = ("config.json", "tokenizer_config.json", "special_tokens_map.json",
         "generation_config.json", "tokenizer.json")
# tokenizer.json (the tokenizers library's): what transformers and the library read first.
_TOKENIZER_JSON: dict[str, Any] = {"added_tokens": [], "model": {}}
_TOKENIZER_FILES = ("tokenizer_config.json", "special_tokens_map.json")


def wrong_value(location: str, files: tuple[str, ...] = FILES) -> str | None:
    """``config.json: 'd_model' is null, not an integer``: the first value of the wrong type
    in the ``files`` of ``location`` (a folder, or a hub id read from the local cache); None
    when none is found."""
    for fname in files:
        data = _read(location, fname)
        if fname == "config.json":
            empty = empty_architecture(data)  # 0 heads: transformers' ZeroDivisionError
            if empty:
                return empty
            kind_of: Any = _config_kinds(data.get("model_type"))
        elif fname == "tokenizer.json":
            kind_of = _TOKENIZER_JSON.get
            missing = [key for key in _TOKENIZER_JSON if data and key not in data]
            if missing:
                return f"{fname}: no {missing[0]!r}"
        else:
            kind_of = _tokenizer_kind if fname in _TOKENIZER_FILES else _generation_kinds().get
        for key, value in data.items():
            if value is None and fname == "generation_config.json":
                continue  # null is "not set", every field's default there: no wrong value
            if key in _ID_LISTS:
                expected = _id_list_mismatch(key, value, _vocab_size(location))
            else:
                expected = _mismatch(key, value, kind_of(key))
            if not expected and fname == "generation_config.json" and key in _RANGES:
                in_range, what = _RANGES[key]
                expected = None if not _is_number(value) or in_range(value) else what
            if expected:
                return f"{fname}: {key!r} is {shortened(json.dumps(value))}, not {expected}"
    return None


# The counts a model's architecture is built of (config.json's keys in transformers'
# families: layers, attention heads, widths, the vocabulary), which transformers takes
# below 1: "num_hidden_layers": -1 or 0 built a model of no layers, loaded, and generated
# noise; a width of 0 ran on zero-sized weights. Each must be 1 or more where it is a number.
ARCHITECTURE = frozenset({
    "num_hidden_layers", "num_layers", "num_decoder_layers", "encoder_layers",
    "decoder_layers", "n_layer", "n_layers",
    "num_attention_heads", "num_heads", "n_head", "n_heads", "encoder_attention_heads",
    "decoder_attention_heads", "num_key_value_heads",
    "hidden_size", "d_model", "n_embd", "intermediate_size", "d_ff", "d_kv",
    "encoder_ffn_dim", "decoder_ffn_dim", "vocab_size",
})  # not head_dim: 0 is a family's "from hidden_size" (glm5_next, of 820 fresh configs)


def empty_architecture(config: dict[str, Any], where: str = "") -> str | None:
    """``config.json: 'num_hidden_layers' is -1, not a count of 1 or more``: the first count
    of :data:`ARCHITECTURE` below 1 in ``config`` (a config's ``to_dict``, its sub-configs
    too: ``text_config``), read at every load; None when each is 1 or more (or not a
    number: :func:`wrong_value` names those once they fail)."""
    for key, value in config.items():
        if key in ARCHITECTURE and _is_int(value) and value < 1:
            return f"config.json: {where + key!r} is {value}, not a count of 1 or more"
        if isinstance(value, dict) and "model_type" in value:  # a sub-model's config
            found = empty_architecture(value, f"{where}{key}.")
            if found:
                return found
    return None


def unreadable(location: str) -> str | None:
    """``tokenizer.json: not valid JSON (Expecting value, line 820 column 8)``: the first of
    the model's JSON files that is no JSON, which the loader's error does not name; None when
    each reads."""
    from summarizer.textio import json_problem

    for fname in (*FILES, "vocab.json"):
        path = _path(location, fname)
        try:
            if path:
                json.loads(path.read_bytes())
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            where = (f", line {exc.lineno} column {exc.colno}"
                     if isinstance(exc, json.JSONDecodeError) else "")
            return f"{fname}: not valid JSON ({json_problem(exc)}{where})"
        except OSError:
            continue
    return None


def _path(location: str, fname: str) -> Path | None:
    path = Path(location) / fname
    return path if path.is_file() else _cached(location, fname)


def file_values(location: str, fname: str) -> dict[str, Any]:
    """The object the model's JSON file ``fname`` holds (a folder's, or a hub id's in the
    local cache); {} where there is none, or no object."""
    return _read(location, fname)


def _read(location: str, fname: str) -> dict[str, Any]:
    path = _path(location, fname)
    try:
        data = json.loads(path.read_bytes()) if path else None
    except (OSError, ValueError, RecursionError):  # said by the loader's own error
        return {}
    return data if isinstance(data, dict) else {}


def _cached(repo: str, fname: str) -> Path | None:
    from summarizer.runtime import hub_cached  # here: runtime imports numpy

    found = hub_cached(repo, fname)  # not a hub id: nothing cached under it
    return Path(found) if isinstance(found, str) else None


def _config_kinds(model_type: Any) -> Any:
    """What kind each key of a config of ``model_type`` should hold: the value a fresh config
    has for it (in ``to_dict``, or as an attribute: ``num_labels``)."""
    defaults: dict[str, Any] = {"model_type": "", "dtype": "", "torch_dtype": ""}
    fresh = None
    if isinstance(model_type, str):
        try:
            from transformers import AutoConfig

            fresh = AutoConfig.for_model(model_type)
            defaults = {**fresh.to_dict(), **defaults}
        except Exception:  # noqa: BLE001 - an unknown type: the loader said so already
            pass

    def kind_of(key: str) -> Any:
        if key in defaults or fresh is None or key.startswith("_"):
            return defaults.get(key)
        try:
            return getattr(fresh, key, None)
        except Exception:  # noqa: BLE001 - a property that needs more than a fresh config
            return None

    return kind_of


def _generation_kinds() -> dict[str, Any]:
    """generation_config.json's kinds: the defaults transformers gives generate where a field
    is unset (its own typed table, private: the written ones where a version lacks it)."""
    try:
        from transformers import GenerationConfig

        defaults = GenerationConfig._get_default_generation_params()
    except Exception:  # noqa: BLE001 - another version: the written kinds serve
        defaults = {}
    return {**_GENERATION, **{k: v for k, v in defaults.items() if v is not None}}


def _vocab_size(location: str) -> int | None:
    size: Any = _read(location, "config.json").get("vocab_size")
    return size if _is_int(size) and size > 0 else None


def _id_list_mismatch(key: str, value: Any, vocab: int | None) -> str | None:
    """What ``value`` of ``key`` in :data:`_ID_LISTS` should have been: a list of ids within
    the vocabulary (``bad_words_ids``: a non-empty list of such lists), which generate
    indexes the vocabulary with: "abc" was taken at load and failed in generate."""
    nested = key == "bad_words_ids"
    lists = value if nested else [value]
    fits = isinstance(value, list) and (bool(value) or not nested) and all(
        isinstance(ids, list) and all(_is_int(i) and i >= 0 and (vocab is None or i < vocab)
                                      for i in ids) for ids in lists)
    if value is None or fits:
        return None
    what = "a non-empty list of lists of token ids" if nested else "a list of token ids"
    return what + (f" under config.json's vocab_size ({vocab})" if vocab else "")


def _tokenizer_kind(key: str) -> Any:
    if key in _SPECIAL_TOKENS:
        return _SPECIAL_TOKENS
    return {"model_max_length": 0.0, "tokenizer_class": "",
            "additional_special_tokens": [], "added_tokens_decoder": {},
            "model_input_names": []}.get(key)


def _mismatch(key: str, value: Any, default: Any) -> str | None:
    """What ``value`` should have been, where it is not of the kind of ``default``."""
    if key in _TOKEN_IDS:
        ids = value if isinstance(value, list) else [value]
        fits = isinstance(value, _TOKEN_IDS[key]) and all(_is_int(i) for i in ids)
        return None if value is None or fits else (
            "a token id" if _TOKEN_IDS[key] == (int,) else "a list of token ids" if
            _TOKEN_IDS[key] == (list,) else "a token id or a list of them")
    if key == "extra_special_tokens":  # a list of tokens, or an object of named ones
        return None if value is None or isinstance(value, list | dict) else (
            "a list or an object of tokens")
    if key in _SHAPES and value is not None:
        return None if _SHAPES[key][0](value) else _SHAPES[key][1]
    if key == "id2label" and isinstance(value, dict):  # its keys are read as int(key)
        return None if all(k.lstrip("-").isdigit() for k in value) else (
            "an object keyed by class numbers")
    if key == "added_tokens_decoder" and isinstance(value, dict):  # id -> AddedToken object
        return None if all(isinstance(v, dict) for v in value.values()) else (
            "an object of AddedToken objects")
    if default is _SPECIAL_TOKENS:
        return None if value is None or isinstance(value, str) or (
            isinstance(value, dict) and isinstance(value.get("content"), str)) else "a token"
    if key in ("dtype", "torch_dtype"):
        return None if value is None or _is_dtype(value) else "a torch dtype"
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if _is_int(default):  # attention_window: one width or one per layer
        ints = value if isinstance(value, list) and value else [value]
        if not all(_is_int(i) for i in ints):
            return "an integer"
        # a size (hidden_size, intermediate_size): never negative where a fresh config's is
        # positive (token ids, which may be -1, are read above or end in _id)
        size = default > 0 and not key.endswith(("_id", "_index"))  # mask_token_id: -1
        return "a size of 0 or more" if size and any(i < 0 for i in ints) else None
    if value is None:  # the other kinds are often written as null
        return None
    if isinstance(default, float):
        return None if _is_number(value) else "a number"
    for kind, name in ((str, "a string"), (list, "a list"), (dict, "an object")):
        if isinstance(default, kind) and not isinstance(value, kind):
            return name
    return None


# generate's settings whose kind no default shows: (test, what it should have been).
_SHAPES = {
    "early_stopping": (lambda v: isinstance(v, bool) or v == "never", 'true, false or "never"'),
    "exponential_decay_length_penalty": (
        lambda v: isinstance(v, list) and len(v) == 2 and _is_int(v[0]) and _is_number(v[1]),
        "a pair [start index, decay factor]"),
    "sequence_bias": (lambda v: isinstance(v, list | dict), "a list or an object"),
    "stop_strings": (lambda v: isinstance(v, str) or (
        isinstance(v, list) and all(isinstance(x, str) for x in v)), "a string or a list of them"),
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_dtype(value: Any) -> bool:
    import torch

    return value == "auto" or (isinstance(value, str)
                               and isinstance(getattr(torch, value, None), torch.dtype))
