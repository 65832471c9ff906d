"""The value of a model's JSON files that has the wrong type, named for a damaged folder.

transformers raises TypeError (AttributeError, IndexError) as readily for a value of the
wrong type in a model's files (``"d_model": null``, a special token that is a number) as for
a bug of its own. :func:`summarizer.runtime.model_loading_errors` asks :func:`wrong_value`
which it was: where a value can be named, "cannot load model" names it; where none can, the
error says it may be a bug (and ``SUMMARIZER_DEBUG`` lets it through as it is), so a bug is
not passed off as a damaged folder. Read only after such an error, so a model whose files hold an
unusual value that transformers accepts is never refused for it; generation_config.json
alone, whose token ids transformers first uses in ``generate``, is read at every load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Ids of tokens, each null or: one id, one or a list of them (Llama 3's eos_token_id), a list.
_TOKEN_IDS = {**dict.fromkeys(("pad_token_id", "bos_token_id", "decoder_start_token_id",
                               "forced_bos_token_id", "sep_token_id", "unk_token_id"), (int,)),
              **dict.fromkeys(("eos_token_id", "forced_eos_token_id"), (int, list)),
              **dict.fromkeys(("suppress_tokens", "begin_suppress_tokens"), (list,))}
# tokenizer_config.json and special_tokens_map.json: a token is its text, its AddedToken
# object ({"content": ...}) or null.
_SPECIAL_TOKENS = {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token",
                   "mask_token"}
# generation_config.json: every default is null, so the kinds are written here.
_GENERATION = {**dict.fromkeys(("max_length", "max_new_tokens", "min_length", "min_new_tokens",
                                "num_beams", "top_k", "no_repeat_ngram_size",
                                "num_return_sequences"), 0),
               **dict.fromkeys(("temperature", "top_p", "length_penalty",
                                "repetition_penalty"), 0.0),
               "do_sample": False}


# special_tokens_map.json: older tokenizers' special tokens, read as tokenizer_config.json's
FILES = ("config.json", "tokenizer_config.json", "special_tokens_map.json",
         "generation_config.json")
_TOKENIZER_FILES = ("tokenizer_config.json", "special_tokens_map.json")


def wrong_value(location: str, files: tuple[str, ...] = FILES) -> str | None:
    """``config.json: 'd_model' is null, not an integer``: the first value of the wrong type
    in the ``files`` of ``location`` (a folder, or a hub id read from the local cache); None
    when none is found."""
    for fname in files:
        data = _read(location, fname)
        if fname == "config.json":
            defaults = _config_defaults(data.get("model_type"))
            kind_of: Any = defaults.get
        else:
            kind_of = _tokenizer_kind if fname in _TOKENIZER_FILES else _GENERATION.get
        for key, value in data.items():
            if value is None and fname == "generation_config.json":
                continue  # null is "not set", every field's default there: no wrong value
            expected = _mismatch(key, value, kind_of(key))
            if expected:
                return f"{fname}: {key!r} is {json.dumps(value)[:40]}, not {expected}"
    return None


def _read(location: str, fname: str) -> dict[str, Any]:
    path: Path | None = Path(location) / fname
    if not (path and path.is_file()):
        path = _cached(location, fname)
    try:
        data = json.loads(path.read_bytes()) if path else None
    except (OSError, ValueError, RecursionError):  # said by the loader's own error
        return {}
    return data if isinstance(data, dict) else {}


def _cached(repo: str, fname: str) -> Path | None:
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(repo, fname)
    except Exception:  # noqa: BLE001 - not a hub id: nothing cached under it
        return None
    return Path(found) if isinstance(found, str) else None


def _config_defaults(model_type: Any) -> dict[str, Any]:
    """The values of a fresh config of ``model_type``: what kind each key should hold."""
    defaults: dict[str, Any] = {"model_type": "", "dtype": "", "torch_dtype": ""}
    if isinstance(model_type, str):
        try:
            from transformers import AutoConfig

            defaults = {**AutoConfig.for_model(model_type).to_dict(), **defaults}
        except Exception:  # noqa: BLE001 - an unknown type: the loader said so already
            pass
    return defaults


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
        return None if all(_is_int(i) for i in ints) else "an integer"
    if value is None:  # the other kinds are often written as null
        return None
    if isinstance(default, float):
        return None if _is_number(value) else "a number"
    for kind, name in ((str, "a string"), (list, "a list"), (dict, "an object")):
        if isinstance(default, kind) and not isinstance(value, kind):
            return name
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_dtype(value: Any) -> bool:
    import torch

    return value == "auto" or (isinstance(value, str)
                               and isinstance(getattr(torch, value, None), torch.dtype))
