"""Static token vectors distilled from all-MiniLM-L6-v2: sentence vectors without a transformer.

Every word piece of MiniLM's vocabulary gets one vector, made once from the model itself
(the model2vec recipe of Tulkens & van Dongen, 2024, without any training corpus):

1. each token ``t`` goes through MiniLM as the text ``[CLS] t [SEP]`` and its
   output is mean-pooled, as a sentence would be;
2. the table is centred and its top principal directions are removed ("all-but-the-top",
   Mu & Viswanath 2018): they are shared by every token and would make every pair of
   sentences look alike;
3. each token is weighted ``a / (a + p)``, with ``p`` a Zipf estimate of its frequency
   from its rank in the vocabulary (BERT's word pieces are stored roughly by
   frequency), so function words count for almost nothing (Arora et al. 2017);
   the ids before the first word piece (padding, [UNK], single characters) count
   for nothing.

A sentence vector is the sum of its tokens' rows, L2-normalised: a lookup and an add,
hundreds of times faster than running MiniLM. The recipe's free choices (pooling, 8
directions, ``a = 1e-6``) were picked for how well the vectors reproduce MiniLM's
own sentence similarities (eval/static_encoder.py), not for any ROUGE score.

The table (30,522 x 384, float16, 23 MB) is built at first use from the packaged
model (about 20 s on two cores, with a progress bar) and kept in
``~/.cache/summarizer/encoders`` (``SUMMARIZER_CACHE`` moves it); later processes
map the file, so loading costs milliseconds. Beside it, the word-piece vocabulary and a
table of how MiniLM's tokenizer cleans common characters (summarizers/wordpiece.py) give
the tokenizer's ids without its 15 ms of loading, and for most text without importing
``tokenizers`` at all.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.atomic import write_atomic
from summarizer.errors import warn
from summarizer.folders import build_lock, remove_temporaries
from summarizer.progress import stage
from summarizer.runtime import cache_root
from summarizer.slices import bounded_slices
from summarizer.summarizers import wordpiece

STATIC_ENCODER = "all-MiniLM-L6-v2-static"
# Everything that changes the table's numbers; part of the cache file's name.
RECIPE: dict[str, Any] = {
    "version": 2,
    "token_text": "[CLS] t [SEP], mean of the 3 outputs",
    "removed_directions": 8,
    "sif_a": 1e-6,
}
_FIRST_WORD = 1996  # BERT uncased: ids below are [PAD], [unusedN], single characters
_MAX_TOKENS = 512  # per sentence: bounds the work on a pathological "sentence"
_DIM = 384  # all-MiniLM-L6-v2's hidden size: the width of its table
_CHARS = 1 << 20  # text characters encoded at a time: a transcript's sentences are long
_ROWS = 8192  # table rows summed at a time (12 MB of float32), whole sentences each


def finish_table(raw: np.ndarray, first_word: int = _FIRST_WORD,
                 directions: int = RECIPE["removed_directions"],
                 a: float = RECIPE["sif_a"]) -> np.ndarray:
    """Steps 2 and 3 on raw pooled token outputs (one row per vocabulary id)."""
    if len(raw) <= first_word:
        raise ValueError(f"a vocabulary of {len(raw)} ids has no word rows after id {first_word}")
    table = raw.astype(np.float64)
    words = table[first_word:]
    table -= words.mean(0)
    if directions:
        _, _, vt = np.linalg.svd(table[first_word:], full_matrices=False)
        top = vt[:directions]
        table -= (table @ top.T) @ top
    rank = np.maximum(np.arange(len(table)) - first_word + 1, 1).astype(np.float64)
    p = 1.0 / rank
    p /= p.sum()
    weights = a / (a + p)
    # Padding, [UNK], [unusedN] and single characters say nothing about meaning; with any
    # weight at all, a sentence made only of them would normalise to the same vector as
    # every other such sentence (two emoji lines would look like duplicates).
    weights[:first_word] = 0.0
    return (table * weights[:, None]).astype(np.float16)


def distil_raw(pool_ids: Callable[[np.ndarray, np.ndarray], np.ndarray], vocab_size: int,
               cls_id: int, sep_id: int, batch_size: int = 1024) -> np.ndarray:
    """Step 1: the mean-pooled output of ``[CLS] t [SEP]`` for every id ``t``."""
    out: np.ndarray | None = None
    for start in stage(range(0, vocab_size, batch_size), "distilling static vectors",
                       unit="batch", min_items=2):
        ids = np.arange(start, min(vocab_size, start + batch_size), dtype=np.int64)
        rows = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
        pooled = pool_ids(rows, np.ones_like(rows))
        if out is None:
            out = np.zeros((vocab_size, pooled.shape[1]), dtype=np.float32)
        out[ids] = pooled
    assert out is not None
    return out


def table_path(source: str) -> Path:
    """The cache file for the table distilled from ``source`` (the teacher's model file):
    named by its size and a hash of its first and last MiB. By the size alone, an update of
    the same size (new weights, the same shapes) reused the old table, in silence; the
    whole file's hash would cost every process's start 0.1 s."""
    tag = f"v{RECIPE['version']}-d{RECIPE['removed_directions']}-a{RECIPE['sif_a']:g}"
    return cache_root() / "encoders" / f"minilm-l6-v2-static-{tag}-{_sampled_key(source)}.npy"


def _sampled_key(source: str) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=6)
    with open(source, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        digest.update(fh.read(1 << 20))
        if size > 2 << 20:
            fh.seek(size - (1 << 20))
        digest.update(fh.read(1 << 20))
    return f"{size}-{digest.hexdigest()}"


def _load(path: Path, shape: tuple[int, int] | None = None) -> np.ndarray | None:
    try:  # a cache folder that cannot be looked in (a name too long, no x): built, as
        if not path.is_file():  # unwritten, with a warning; an OSError lost the summary
            return None
        table = np.load(path, mmap_mode="r", allow_pickle=False)
    except (ValueError, OSError):
        return None  # a damaged cache file: build it again
    # a readable array of another shape or type (a table of fewer rows: an IndexError,
    # exit 70; of other widths or numbers: other summaries, in silence) is as damaged
    if shape is None or (table.shape == shape and table.dtype == np.float16):
        return table
    return None


def load_or_build(source: str, build: Callable[[], np.ndarray],
                  shape: tuple[int, int] | None = None) -> np.ndarray:
    """The table for ``source``: mapped from the cache, or built and saved atomically. A
    cached file that is no ``.npy``, or (``shape`` given) not a float16 table of that
    shape, is built again."""
    path = table_path(source)
    table = _load(path, shape)
    if table is not None:
        return table
    with build_lock(path) as held:
        table = _load(path, shape)  # built by another process while this one waited
        if table is not None:
            return table
        if held:  # no one else builds: a killed build's temporary files (23 MB each) go
            remove_temporaries(path.parent, (path.name, path.with_suffix(".json").name))
        table = build()
        buf = io.BytesIO()
        np.save(buf, table, allow_pickle=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, buf.getvalue())
            write_atomic(path.with_suffix(".json"),
                         json.dumps({"source": source, **RECIPE}, indent=1))
        except OSError as exc:  # a read-only home: the same vectors, built again next process
            warn(f"cannot keep the static vectors in {path.parent} "
                 f"({exc.strerror or exc}); set SUMMARIZER_CACHE to a writable folder "
                 "to skip the rebuild next time")
    return table


class StaticEncoder:
    """Sentence vectors as normalised sums of static MiniLM token vectors.

    Same interface as the MiniLM engines in :mod:`summarizer.summarizers.embed`
    (``encode``, ``clear_cache``, ``name``, ``device``, ``dim``); use
    :func:`summarizer.summarizers.embed.get_encoder` to share one per process.
    """

    def __init__(self, tokenizer_file: str, source: str,
                 teacher: Callable[[], Any]) -> None:
        self.name = STATIC_ENCODER
        self.device = "cpu"
        self.location = source
        # MiniLM's word pieces from a cached vocabulary (summarizers/wordpiece.py): the
        # ids of tokenizers' Tokenizer, without its 15 ms of loading
        self.tokenizer = wordpiece.load(tokenizer_file, _MAX_TOKENS)

        self._teacher = teacher
        self.table = load_or_build(source, lambda: finish_table(self.raw_table()),
                                   (self.tokenizer.get_vocab_size(), _DIM))
        self.dim = int(self.table.shape[1])

    def raw_table(self) -> np.ndarray:
        """Step 1 run again on the teacher model (for building, or studying the recipe)."""
        cls_id, sep_id = (self.tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]"))
        assert cls_id is not None and sep_id is not None  # the packaged MiniLM vocabulary's
        return distil_raw(self._teacher().pool_ids, self.tokenizer.get_vocab_size(), cls_id, sep_id)

    # a sentence's vector is a sum of table rows: the same whatever else is encoded
    batch_independent = True

    def encode(self, texts: Sequence[str], memo: dict[str, np.ndarray] | None = None
               ) -> np.ndarray:
        """An (n, dim) float32 array of unit vectors (zeros for a text with no tokens).
        ``memo`` is not used: nothing is remembered (the MiniLM engines' interface).
        The texts are read in order, a bounded piece at a time (4,096 texts, or
        :data:`_CHARS` characters), so that a lazy sequence (``Pool.texts``) never has
        them all made at once."""
        if not isinstance(texts, Sequence):
            texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        piece: list[str] = []
        start = chars = 0
        for k, text in enumerate(texts, 1):
            piece.append(text)
            chars += len(text)
            if len(piece) == 4096 or chars >= _CHARS:
                out[start:k] = self._encode(piece)
                piece, start, chars = [], k, 0
        if piece:
            out[start:] = self._encode(piece)
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(texts)
        # the table rows of whole sentences, _ROWS tokens at a time: all 4,096 sentences'
        # rows at once were 120,000 x 384 floats (200 MB at the peak) on news text
        for start, stop in bounded_slices([len(e) for e in encoded], _ROWS):
            out[start:stop] = self._sums(encoded[start:stop])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    def _sums(self, encoded: list[list[int]]) -> np.ndarray:
        """The sum of each sentence's table rows (zeros for one without tokens)."""
        out = np.zeros((len(encoded), self.dim), dtype=np.float32)
        lengths = np.array([len(e) for e in encoded])
        ids = np.fromiter((i for e in encoded for i in e), dtype=np.int64,
                          count=int(lengths.sum()))
        if len(ids):
            rows = np.asarray(self.table[ids], dtype=np.float32)
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            has = lengths > 0
            out[has] = np.add.reduceat(rows, starts[has], axis=0)
        return out

    def clear_cache(self) -> None:
        """Nothing is remembered between calls (the interface of the MiniLM engines)."""
