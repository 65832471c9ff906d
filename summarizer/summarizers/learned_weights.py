"""Supervised concept weights for the coverage summariser (option
``concept_weighting="learned"`` or ``"learned-df"``; off by default).

The default worth of a concept (a word bigram, :mod:`summarizer.summarizers.concepts`)
is its position-weighted document frequency. Supervised bigram weighting (Li, Qian & Liu
2013; Hong & Nenkova 2014, RegSum) instead learns, from clusters with reference summaries,
how likely a bigram of the input is to appear in a reference given a few of its
statistics. Here the statistics are language-blind (:data:`FEATURES`, computed by
:func:`concept_features` from the tokens the concepts are made of), and the model is a
plain linear or logistic one whose coefficients are read from a JSON file
(:func:`load_model`): the library only applies them, with numpy. The file shipped with the
package was fitted on the 70 TAC 2011 MultiLing clusters of all 7 languages by
``eval/tac2011_cv_learned.py``, which records its seed and the data's fingerprint in it.

``"learned"`` weighs a concept by the model's prediction (a probability for a logistic
model; a linear one's prediction floored at 0, as a coverage weight cannot be negative);
``"learned-df"`` by that prediction times the default's weight.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from summarizer.errors import InputError
from summarizer.summarizers.concepts import document_words, stemmed_stopwords
from summarizer.summarizers.model_file import MAX_MODEL_BYTES as MAX_MODEL_BYTES
from summarizer.summarizers.model_file import model_json, numbers, read_model

# The statistics a model can use, one column each (see concept_features).
FEATURES = ("log_df", "df_share", "log_tf", "log_sentence_df", "log_pwdf", "log_first_rank",
            "first_position", "function_word", "log_chars")
LINKS = ("logistic", "identity")
FORMAT = "summarizer-concept-model"
PACKAGED = Path(__file__).resolve().parent / "data" / "learned_concepts.json"


def concept_features(
    names: Sequence[tuple[str, ...]],
    pwdf: np.ndarray,
    tokens: Sequence[Sequence[str]],
    doc_indices: Sequence[int],
    stopwords: frozenset[str],
    stem_prefix: int | None = None,
) -> np.ndarray:
    """A concepts x :data:`FEATURES` matrix for the concepts ``names`` (the stemmed
    bigrams that :func:`~summarizer.summarizers.concepts.extract_concepts` kept, with its
    weights ``pwdf``) of the sentences ``tokens`` in document order. Units are documents,
    or the sentences of a one-document input, as for the concepts' own frequency.

    Columns: ``log(1 + df)`` and ``df / units`` (units holding the concept), ``log(1 +
    tf)`` (every occurrence), ``log(1 + sentences holding it)``, ``log(1 + pwdf)``,
    ``log(1 + r)`` with r the lowest rank, in its document, of a sentence holding it, the
    lowest relative word position of an occurrence in its document (offset of its first
    word among the document's tokens, divided by their number: in [0, 1)), 1 if either
    word is a function word (``stopwords``, stemmed alike) else 0, and ``log`` of the two
    words' characters."""
    ids = {c: k for k, c in enumerate(names)}
    n = len(names)
    df, tf, sdf = np.zeros(n), np.zeros(n), np.zeros(n)
    rank, position = np.full(n, np.inf), np.full(n, np.inf)
    multi = len(set(doc_indices)) >= 2
    units = 0
    for words in document_words(tokens, doc_indices, stem_prefix):
        length = max(1, sum(len(w) for w in words))
        offset = 0
        seen: set[int] = set()
        units += 1 if multi else len(words)
        for r, sentence in enumerate(words):
            if not multi:
                seen = set()  # one document: each sentence is a unit
            here: set[int] = set()
            for j in range(len(sentence) - 1):
                c = ids.get((sentence[j], sentence[j + 1]))
                if c is None:
                    continue
                tf[c] += 1
                here.add(c)
                if c not in seen:
                    seen.add(c)
                    df[c] += 1
                rank[c] = min(rank[c], r)
                position[c] = min(position[c], (offset + j) / length)
            for c in here:
                sdf[c] += 1
            offset += len(sentence)
    stops = stemmed_stopwords(stopwords, stem_prefix)
    function = np.array([float(a in stops or b in stops) for a, b in names])
    chars = np.array([len(a) + len(b) for a, b in names], dtype=float)
    # a concept is always found (it came from these tokens): inf would mean a caller's mismatch
    rank[np.isinf(rank)], position[np.isinf(position)] = 0.0, 0.0
    return np.column_stack([np.log1p(df), df / max(units, 1), np.log1p(tf), np.log1p(sdf),
                            np.log1p(np.asarray(pwdf, dtype=float)), np.log1p(rank), position,
                            function, np.log(np.maximum(chars, 1.0))]).reshape(n, len(FEATURES))


@dataclass(frozen=True)
class ConceptModel:
    """A fitted linear (``link="identity"``) or logistic model over some of
    :data:`FEATURES`: ``prediction = link(intercept + sum coef * (x - mean) / scale)``."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    link: str
    sha256: str  # of the file's bytes: the model's identity in a summary's settings
    source: str  # "packaged", or the path it was read from

    def predict(self, features: np.ndarray) -> np.ndarray:
        """The model's concept weights from a :func:`concept_features` matrix."""
        cols = [FEATURES.index(f) for f in self.features]
        with np.errstate(all="ignore"):  # finite numbers can still overflow: checked below
            z = self.intercept + ((features[:, cols] - self.mean) / self.scale) @ self.coef
            weights = 1.0 / (1.0 + np.exp(-z)) if self.link == "logistic" else np.maximum(z, 0.0)
        if not np.isfinite(weights).all():  # NaN weights made a summary of no meaning
            raise InputError(f"{self.source}: the concept model's weights overflow (not finite "
                             "numbers): its coefficients are out of any fitted range")
        return weights


def parse_model(raw: bytes, where: str) -> ConceptModel:
    """A :class:`ConceptModel` from a coefficients file's bytes; an
    :class:`~summarizer.errors.InputError` naming ``where`` if they are not one."""
    data = model_json(raw, where, FORMAT, "coefficients file", "concept model", FEATURES)
    features = data["features"]
    if data.get("link") not in LINKS:
        raise InputError(f"{where}: 'link' must be one of {', '.join(LINKS)}")
    mean, scale, coef = (numbers(data, k, len(features), where)
                         for k in ("mean", "scale", "coef"))
    if (scale <= 0).any():
        raise InputError(f"{where}: every 'scale' must be > 0")
    intercept = numbers({"intercept": [data.get("intercept")]}, "intercept", 1, where)[0]
    return ConceptModel(tuple(features), mean, scale, coef, float(intercept), data["link"],
                        hashlib.sha256(raw).hexdigest(), where)


def load_model(path: str | Path | None = None) -> ConceptModel:
    """The coefficients file at ``path``, or the packaged one (None). A file that cannot
    be read (missing, a folder, a pipe or device, which read whole would hang or fill the
    memory) or is over :data:`MAX_MODEL_BYTES` is an :class:`InputError`."""
    raw, where = read_model(path, PACKAGED, "concept_model", "coefficients file",
                            "concept model")
    return parse_model(raw, where)
