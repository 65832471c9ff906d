"""The ROUGE public API: settings, scorers and reports, in both modes.

``rouge155`` mode gives the numbers of the official ROUGE-1.5.5 (through the
pure-Python core in :mod:`summarizer.metrics.rouge155`); ``rouge-score`` mode
gives those of Google's ``rouge-score``. Both return the same report type,
with per-summary scores, means with ROUGE-1.5.5's bootstrap intervals, and a
signature recording every setting.
"""

from __future__ import annotations

import json
import re
import shlex
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any

import numpy as np

from summarizer.errors import InputError, RougeOptionError, UnknownMethodError
from summarizer.metrics.aggregate import AggregateScore, aggregate
from summarizer.metrics.rouge_score_mode import (
    BACKENDS,
    DEFAULT_BACKEND,
    RougeScoreScorer,
    backend_version,
)
from summarizer.metrics.signature import make_signature

MODES = ("rouge155", "rouge-score")
TOKENIZERS = ("default", "unicode")
DEFAULT_METRICS = {
    "rouge155": ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"),
    "rouge-score": ("rouge1", "rouge2", "rougeL", "rougeLsum"),
}

Text = str | Sequence[str]  # a text, or its sentences (one per line, SPL)


@dataclass(frozen=True)
class Score:
    """Recall, precision and F-measure of one metric for one summary."""

    recall: float
    precision: float
    fmeasure: float


# ---------------------------------------------------------------- settings


def _format_weight(w: float) -> str:
    return f"{w:.15g}"  # as Perl prints numbers (1.2 -> "1.2", 2.0 -> "2")


def _canonical_metric(name: str, mode: str, w_weight: float) -> str:
    """Map user spellings (``rouge1``, ``R-1``, ``ROUGE-SU4``...) to the mode's names."""
    key = name.strip()
    low = key.lower().replace("_", "-")
    low = re.sub(r"^(rouge-?|r-?)", "", low)
    if mode == "rouge-score":
        if re.fullmatch(r"[1-9]", low):
            return f"rouge{low}"
        if low == "l":
            return "rougeL"
        if low == "lsum":
            return "rougeLsum"
        raise UnknownMethodError(
            f"rouge-score mode has no metric {name!r}; valid: rouge1..rouge9, rougeL, rougeLsum"
        )
    if re.fullmatch(r"[1-9][0-9]*", low):
        return f"ROUGE-{low}"
    if low == "l":
        return "ROUGE-L"
    if low == "w" or low.startswith("w-"):
        return f"ROUGE-W-{_format_weight(w_weight)}"
    m = re.fullmatch(r"(su|s)(\d+|\*)", low)
    if m:
        return f"ROUGE-{m.group(1).upper()}{m.group(2)}"
    if low == "lsum":
        raise UnknownMethodError(
            "rougeLsum is a rouge-score name; ROUGE-1.5.5's ROUGE-L is already the "
            "summary-level union LCS over sentences (give sentences one per line)"
        )
    raise UnknownMethodError(
        f"rouge155 mode has no metric {name!r}; valid: ROUGE-N (N>=1), ROUGE-L, ROUGE-W, "
        "ROUGE-S<d>, ROUGE-SU<d> (d a skip distance or *)"
    )


@dataclass(frozen=True)
class RougeSettings:
    """Everything that changes ROUGE numbers. Build with :func:`make_settings`."""

    mode: str = "rouge155"
    metrics: tuple[str, ...] = DEFAULT_METRICS["rouge155"]
    stem: bool = False
    stopwords: bool = False
    length_words: int | None = None
    length_bytes: int | None = None
    scoring: str = "A"
    alpha: float = 0.5
    w_weight: float = 1.2
    tokenizer: str = "default"
    confidence: float = 95.0
    resamples: int = 1000
    seed: int = 0
    backend: str = DEFAULT_BACKEND
    data_dir: str | None = field(default=None, compare=False)

    # derived ROUGE-1.5.5 options
    @property
    def max_n(self) -> int:
        ns = [int(m[6:]) for m in self.metrics if re.fullmatch(r"ROUGE-\d+", m)]
        return max(ns, default=0)

    @property
    def rouge_l(self) -> bool:
        return "ROUGE-L" in self.metrics

    @property
    def rouge_w(self) -> bool:
        return any(m.startswith("ROUGE-W-") for m in self.metrics)

    def _skip(self) -> tuple[int | None, bool]:
        for m in self.metrics:
            hit = re.fullmatch(r"ROUGE-(SU|S)(\d+|\*)", m)
            if hit:
                dist = -1 if hit.group(2) == "*" else int(hit.group(2))
                return dist, hit.group(1) == "SU"
        return None, False

    @property
    def skip_distance(self) -> int | None:
        return self._skip()[0]

    @property
    def skip_unigrams(self) -> bool:
        return self._skip()[1]

    @property
    def tokenizer_name(self) -> str:
        return self.mode if self.tokenizer == "default" else self.tokenizer

    @property
    def backend_version(self) -> str:
        return backend_version(self.backend)

    @property
    def signature(self) -> str:
        return make_signature(self)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["metrics"] = list(self.metrics)
        if self.mode != "rouge-score":
            out.pop("backend")
        return out


def parse_flags(flags: str | Sequence[str]) -> dict[str, Any]:
    """Turn ROUGE-1.5.5 command-line options into :func:`make_settings` keywords.

    Understood: ``-n N -x -2 D -u -U -w W -m -s -l N -b N -f A|B -p ALPHA
    -c C -r R -e DIR``; ``-a -d -t 0 -v`` are accepted and change nothing
    (every report has system averages and per-summary scores).
    """
    args = shlex.split(flags) if isinstance(flags, str) else list(flags)
    out: dict[str, Any] = {"stem": False, "stopwords": False}
    max_n, rouge_l, w, skip, su = 0, True, None, None, False
    it = iter(args)

    def value(flag: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise RougeOptionError(f"ROUGE option {flag} needs a value") from None

    try:
        for a in it:
            if a == "-n":
                max_n = int(value(a))
            elif a == "-x":
                rouge_l = False
            elif a == "-2":
                skip = int(value(a))
            elif a == "-u":
                su = True
            elif a == "-U":
                raise RougeOptionError("-U (both ROUGE-S and ROUGE-SU) is not supported; run twice")
            elif a == "-w":
                w = float(value(a))
            elif a == "-m":
                out["stem"] = True
            elif a == "-s":
                out["stopwords"] = True
            elif a == "-l":
                out["length_words"] = int(value(a))
            elif a == "-b":
                out["length_bytes"] = int(value(a))
            elif a == "-f":
                out["scoring"] = value(a)
            elif a == "-p":
                out["alpha"] = float(value(a))
            elif a == "-c":
                out["confidence"] = float(value(a))
            elif a == "-r":
                out["resamples"] = int(value(a))
            elif a == "-e":
                out["data_dir"] = value(a)
            elif a == "-t":
                if value(a) != "0":
                    raise RougeOptionError("only -t 0 (per-summary averaging) is supported")
            elif a in ("-a", "-d", "-v"):
                pass
            else:
                raise RougeOptionError(f"unknown or unsupported ROUGE option {a!r}")
    except ValueError as exc:
        if isinstance(exc, RougeOptionError):
            raise
        raise RougeOptionError(f"bad value in ROUGE options {flags!r}: {exc}") from None
    metrics = [f"ROUGE-{n}" for n in range(1, max_n + 1)]
    if rouge_l:
        metrics.append("ROUGE-L")
    if w is not None:
        out["w_weight"] = w
        metrics.append("ROUGE-W")
    if skip is not None:
        dist = "*" if skip < 0 else str(skip)
        metrics.append(f"ROUGE-{'SU' if su else 'S'}{dist}")
    out["metrics"] = metrics
    return out


def make_settings(
    mode: str = "rouge155",
    metrics: Sequence[str] | str | None = None,
    *,
    options: str | Sequence[str] | None = None,
    stem: bool | None = None,
    stopwords: bool | None = None,
    length_words: int | None = None,
    length_bytes: int | None = None,
    scoring: str | None = None,
    alpha: float | None = None,
    w_weight: float | None = None,
    tokenizer: str = "default",
    confidence: float | None = None,
    resamples: int | None = None,
    seed: int | None = None,
    backend: str | None = None,
    data_dir: str | None = None,
) -> RougeSettings:
    """Validated :class:`RougeSettings`.

    ``options`` is a ROUGE-1.5.5 option string (``"-n 2 -x -2 4 -u -m"``);
    keyword arguments given explicitly override it. ``confidence`` is a level
    (0.95) or a percentage (95). ``seed=0`` reproduces ROUGE-1.5.5's own
    bootstrap draws; another seed gives other, equally reproducible draws.
    """
    if mode not in MODES:
        raise UnknownMethodError(f"unknown ROUGE mode {mode!r}; choose one of {', '.join(MODES)}")
    base: dict[str, Any] = parse_flags(options) if options is not None else {}
    given = {
        "stem": stem, "stopwords": stopwords, "length_words": length_words,
        "length_bytes": length_bytes, "scoring": scoring, "alpha": alpha, "w_weight": w_weight,
        "confidence": confidence, "resamples": resamples, "seed": seed, "backend": backend,
        "data_dir": data_dir,
    }
    base.update({k: v for k, v in given.items() if v is not None})
    if metrics is not None:
        base["metrics"] = [metrics] if isinstance(metrics, str) else list(metrics)
    w = float(base.get("w_weight", 1.2))
    names = base.get("metrics") or DEFAULT_METRICS[mode]
    canon: list[str] = []
    for name in names:
        c = _canonical_metric(name, mode, w)
        if c not in canon:
            canon.append(c)
    base["metrics"] = tuple(canon)
    conf = float(base.get("confidence", 95.0))
    if 0 < conf <= 1:
        conf = round(conf * 100, 10)
    base["confidence"] = conf
    s = RougeSettings(mode=mode, tokenizer=tokenizer, **base)
    _validate(s)
    return s


def _validate(s: RougeSettings) -> None:
    if s.tokenizer not in TOKENIZERS:
        raise RougeOptionError(f"unknown tokenizer {s.tokenizer!r}; use 'default' or 'unicode'")
    if s.scoring not in ("A", "B"):
        raise RougeOptionError(f"scoring must be 'A' (average) or 'B' (best), not {s.scoring!r}")
    if not 0.0 <= s.alpha <= 1.0:
        raise RougeOptionError(f"alpha must lie in [0, 1], not {s.alpha}")
    if not 0.0 < s.confidence <= 100.0:
        raise RougeOptionError(f"confidence must lie in (0, 100], not {s.confidence}")
    if s.resamples < 1:
        raise RougeOptionError(f"resamples must be at least 1, not {s.resamples}")
    if s.seed < 0:
        raise RougeOptionError(f"seed must be >= 0, not {s.seed}")
    for name in ("length_words", "length_bytes"):
        v = getattr(s, name)
        if v is not None and v <= 0:
            raise RougeOptionError(f"{name} must be a positive number, not {v}")
    if s.length_words is not None and s.length_bytes is not None:
        raise RougeOptionError("give a word limit (-l) or a byte limit (-b), not both")
    skips = [m for m in s.metrics if re.fullmatch(r"ROUGE-(SU|S)(\d+|\*)", m)]
    if len(skips) > 1:
        raise RougeOptionError(f"ask for one skip-bigram metric at a time, not {', '.join(skips)}")
    if s.w_weight <= 0 and s.rouge_w:
        raise RougeOptionError(f"the ROUGE-W weight must be > 0, not {s.w_weight}")
    if s.mode == "rouge-score":
        if s.stopwords:
            raise RougeOptionError("rouge-score mode has no stopword removal (-s); use rouge155 mode")
        if s.scoring != "A" or s.alpha != 0.5:
            raise RougeOptionError(
                "rouge-score mode always takes the best reference by F1 with alpha 0.5; "
                "-f and -p are rouge155 options"
            )
        if s.backend not in BACKENDS:
            raise RougeOptionError(f"unknown backend {s.backend!r}; choose one of {', '.join(BACKENDS)}")


# ---------------------------------------------------------------- scoring


def truncate(text: Text, words: int | None, nbytes: int | None) -> list[str]:
    """Cut a text to ``words`` words or ``nbytes`` UTF-8 bytes, by ROUGE-1.5.5's rule.

    As ``checkSummarySize`` in ROUGE-1.5.5.pl: lines (sentences) are kept
    whole while they fit; the first that does not is cut to the words or
    bytes left; nothing after it is kept. Byte counts ignore the line breaks.
    Used where the text does not go through the exact core (rouge-score mode,
    the unicode tokeniser); a character is never cut in half.
    """
    lines = text.split("\n") if isinstance(text, str) else list(text)
    kept: list[str] = []
    wsize = bsize = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        toks = line.split()
        size = len(line.encode("utf-8"))
        if words is not None and wsize + len(toks) > words:
            if words - wsize > 0:
                kept.append(" ".join(toks[: words - wsize]))
            break
        if nbytes is not None and bsize + size > nbytes:
            cut = line.encode("utf-8")[: nbytes - bsize].decode("utf-8", errors="ignore")
            if cut:
                kept.append(cut)
            break
        kept.append(line)
        wsize += len(toks)
        bsize += size
    return kept


def _references(refs: Any, where: str) -> list[Text]:
    if isinstance(refs, str):
        return [refs]
    if not isinstance(refs, Sequence) or isinstance(refs, bytes):
        raise InputError(f"{where}: references must be a string or a list of references")
    if len(refs) == 0:
        raise InputError(f"{where}: no reference summary")
    for r in refs:
        if not isinstance(r, str) and not (
            isinstance(r, Sequence) and all(isinstance(s, str) for s in r)
        ):
            raise InputError(f"{where}: a reference must be a string or a list of sentences")
    return list(refs)


def _summary(text: Any, where: str) -> Text:
    if isinstance(text, str):
        return text
    if isinstance(text, Sequence) and all(isinstance(s, str) for s in text):
        return list(text)
    raise InputError(f"{where}: a summary must be a string or a list of sentences")


class RougeScorer:
    """Scores summary/references pairs with fixed :class:`RougeSettings`."""

    def __init__(self, settings: RougeSettings | None = None, **options: Any) -> None:
        self.settings = settings if settings is not None else make_settings(**options)
        s = self.settings
        self._cut_here = s.mode == "rouge-score" or s.tokenizer == "unicode"
        if s.mode == "rouge-score":
            self._rs = RougeScoreScorer(s.metrics, s.stem, s.tokenizer, s.backend)
        else:
            self._core = self._make_core()

    def _make_core(self) -> Any:
        s = self.settings
        try:
            from summarizer.metrics.rouge155 import Rouge155, Rouge155Options
        except ImportError as exc:  # the exact core is a separate module
            raise UnknownMethodError(
                "rouge155 mode needs summarizer.metrics.rouge155, which is not available "
                f"({exc}); use mode='rouge-score'"
            ) from exc
        opts = Rouge155Options(
            max_n=s.max_n,
            rouge_l=s.rouge_l,
            rouge_w=s.rouge_w,
            w_weight=s.w_weight,
            skip_distance=s.skip_distance,
            skip_unigrams=s.skip_unigrams,
            stem=s.stem,
            remove_stopwords=s.stopwords,
            length_words=None if self._cut_here else s.length_words,
            length_bytes=None if self._cut_here else s.length_bytes,
            scoring=s.scoring,
            alpha=s.alpha,
            data_dir=s.data_dir,
        )
        return Rouge155(opts)

    def _prepare(self, summary: Any, references: Any, where: str) -> tuple[Text, list[Text]]:
        summ = _summary(summary, where)
        refs = _references(references, where)
        s = self.settings
        if self._cut_here and (s.length_words is not None or s.length_bytes is not None):
            summ = truncate(summ, s.length_words, s.length_bytes)
            refs = [truncate(r, s.length_words, s.length_bytes) for r in refs]
        if s.mode == "rouge155" and s.tokenizer == "unicode":
            from summarizer.metrics.unicode_tokenize import encode_for_rouge155

            summ, refs = encode_for_rouge155(summ, refs)
        return summ, refs

    def _pick(self, raw: dict[str, Any]) -> dict[str, Score]:
        out = {}
        for m in self.settings.metrics:
            v = raw.get(m)
            if v is None and m.startswith("ROUGE-W-"):  # tolerate the core's weight spelling
                v = next((raw[k] for k in raw if k.startswith("ROUGE-W-")), None)
            if v is None:
                raise RougeOptionError(f"the ROUGE-1.5.5 core gave no {m} (it gave {sorted(raw)})")
            out[m] = Score(float(v.recall), float(v.precision), float(v.fmeasure))
        return out

    def score(self, summary: Text, references: Text | Sequence[Text], where: str = "pair") -> dict[str, Score]:
        """Scores of one summary against its reference(s), per metric."""
        summ, refs = self._prepare(summary, references, where)
        if self.settings.mode == "rouge-score":
            return {m: Score(*v) for m, v in self._rs.score(summ, refs).items()}
        return self._pick(self._core.score(summ, refs))

    def score_many(
        self, pairs: Iterable[tuple[Text, Text | Sequence[Text]]]
    ) -> Iterator[dict[str, Score]]:
        """Score pairs lazily (constant memory for any number of pairs)."""
        if self.settings.mode == "rouge-score":
            for i, (summary, refs) in enumerate(pairs):
                yield self.score(summary, refs, where=f"pair {i + 1}")
            return
        prepared = (
            self._prepare(summary, refs, f"pair {i + 1}") for i, (summary, refs) in enumerate(pairs)
        )
        for raw in self._core.score_many(prepared):
            yield self._pick(raw)


# ---------------------------------------------------------------- reports


@dataclass
class RougeReport:
    """Per-summary scores, their aggregate and the settings behind them.

    ``scores`` has shape (summaries, metrics, 3) for recall, precision and
    F-measure. ``aggregate[metric].recall.average`` is the value ROUGE-1.5.5
    prints as ``Average_R``; ``.mean`` the plain mean; ``.low``/``.high`` the
    bootstrap interval.
    """

    settings: RougeSettings
    ids: list[str]
    scores: np.ndarray
    aggregate: dict[str, AggregateScore]

    @property
    def metrics(self) -> tuple[str, ...]:
        return self.settings.metrics

    @property
    def signature(self) -> str:
        return self.settings.signature

    @property
    def headline(self) -> str:
        """Which aggregate the table shows: ROUGE-1.5.5's ``average`` or the ``mean``."""
        return "average" if self.settings.mode == "rouge155" else "mean"

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def per_summary(self) -> list[dict[str, Score]]:
        """Per-summary scores as ``[{metric: Score}]`` in input order."""
        return [
            {m: Score(*map(float, row[j])) for j, m in enumerate(self.metrics)}
            for row in self.scores
        ]

    def column(self, metric: str, measure: str = "fmeasure") -> np.ndarray:
        """One metric's per-summary ``recall``, ``precision`` or ``fmeasure``."""
        if metric not in self.metrics:
            raise UnknownMethodError(f"no metric {metric!r} in this report ({', '.join(self.metrics)})")
        j = ("recall", "precision", "fmeasure").index(measure)
        return self.scores[:, self.metrics.index(metric), j]

    def to_dict(self, per_summary: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "signature": self.signature,
            "mode": self.settings.mode,
            "settings": self.settings.to_dict(),
            "summaries": len(self),
            "headline": self.headline,
            "aggregate": {m: a.to_dict() for m, a in self.aggregate.items()},
        }
        if per_summary:
            out["per_summary"] = [
                {"id": i, "scores": {m: vars(sc) for m, sc in row.items()}}
                for i, row in zip(self.ids, self.per_summary, strict=True)
            ]
        return out

    def to_json(self, per_summary: bool = True, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(per_summary), indent=indent, ensure_ascii=False)

    def format_table(self, per_summary: bool = False) -> str:
        """A plain-text table: each metric's R/P/F with its confidence interval."""
        s = self.settings
        what = "ROUGE-1.5.5 Average (mean of resamples)" if self.headline == "average" else "mean"
        lines = [
            f"{len(self)} summaries, {s.mode} mode; {what} with "
            f"{_format_weight(s.confidence)}% bootstrap interval ({s.resamples} resamples)",
        ]
        width = max([len(m) for m in self.metrics] + [6])
        head = f"{'metric':<{width}}  " + "  ".join(f"{h:<25}" for h in ("recall", "precision", "F"))
        lines += [head.rstrip(), "-" * len(head.rstrip())]
        for m, a in self.aggregate.items():
            cells = []
            for part in (a.recall, a.precision, a.fmeasure):
                v = getattr(part, self.headline)
                cells.append(f"{v:.5f} ({part.low:.5f}-{part.high:.5f})")
            lines.append(f"{m:<{width}}  " + "  ".join(f"{c:<25}" for c in cells).rstrip())
        if per_summary:
            lines.append("")
            idw = max([len(i) for i in self.ids] + [2])
            for i, row in zip(self.ids, self.per_summary, strict=True):
                for m, sc in row.items():
                    lines.append(
                        f"{i:<{idw}}  {m:<{width}}  R:{sc.recall:.5f} P:{sc.precision:.5f} F:{sc.fmeasure:.5f}"
                    )
        lines.append(f"signature: {self.signature}")
        return "\n".join(lines)


def score_pair(summary: Text, references: Text | Sequence[Text], **options: Any) -> dict[str, Score]:
    """Score one summary against one or more references (see :func:`rouge` for options)."""
    return RougeScorer(**options).score(summary, references)


def score_corpus(
    pairs: Iterable[tuple[Text, Text | Sequence[Text]]],
    *,
    ids: Sequence[str] | None = None,
    progress: bool = False,
    total: int | None = None,
    settings: RougeSettings | None = None,
    **options: Any,
) -> RougeReport:
    """Score a stream of ``(summary, references)`` pairs and aggregate them.

    Pairs are consumed one at a time and only the numbers are kept, so a
    generator of any length scores in bounded memory. ``ids`` name the
    summaries (default ``"1"``, ``"2"``, ... like ROUGE-1.5.5 config files);
    the bootstrap visits them in sorted id order, as ROUGE-1.5.5 does.
    """
    scorer = RougeScorer(settings) if settings is not None else RougeScorer(**options)
    s = scorer.settings
    values = array("d")
    count = 0
    stream: Iterable[dict[str, Score]] = scorer.score_many(pairs)
    if progress:
        from tqdm import tqdm

        stream = tqdm(stream, total=total, unit="summary", desc="ROUGE")
    for row in stream:
        for m in s.metrics:
            sc = row[m]
            values.extend((sc.recall, sc.precision, sc.fmeasure))
        count += 1
    if ids is None:
        id_list = [str(i + 1) for i in range(count)]
    else:
        id_list = [str(i) for i in ids]
        if len(id_list) != count:
            raise InputError(f"{len(id_list)} ids for {count} summaries")
        if len(set(id_list)) != count:
            raise InputError("summary ids must be unique")
    scores = np.frombuffer(values, dtype=np.float64).reshape(count, len(s.metrics), 3).copy()
    agg = aggregate(scores, s.metrics, id_list, s.resamples, s.confidence, s.seed)
    return RougeReport(s, id_list, scores, agg)


def rouge(
    systems: Sequence[Text],
    references: Sequence[Text | Sequence[Text]],
    mode: str = "rouge155",
    metrics: Sequence[str] | str | None = None,
    *,
    ids: Sequence[str] | None = None,
    progress: bool = False,
    **options: Any,
) -> RougeReport:
    """Score system summaries against references: the one entry point.

    ``systems[i]`` is a string or a list of sentences; ``references[i]`` is
    one reference (a string) or a list of references (each a string or a
    list of sentences). Options (keywords or a ROUGE-1.5.5 ``options``
    string): ``stem``, ``stopwords``, ``length_words``, ``length_bytes``,
    ``scoring`` ("A"/"B"), ``alpha``, ``w_weight``, ``tokenizer``
    ("default"/"unicode"), ``confidence``, ``resamples``, ``seed``,
    ``backend`` (rouge-score mode), ``data_dir`` (ROUGE-1.5.5 data files).

    >>> report = rouge(["the cat sat"], ["a cat sat down"], mode="rouge-score")  # doctest: +SKIP
    >>> print(report.format_table())                                          # doctest: +SKIP
    """
    if isinstance(systems, str) or isinstance(references, str):
        raise InputError("systems and references must be lists (one entry per summary)")
    if len(systems) != len(references):
        raise InputError(f"{len(systems)} system summaries but {len(references)} reference sets")
    return score_corpus(
        zip(systems, references, strict=True), ids=ids, progress=progress, total=len(systems),
        mode=mode, metrics=metrics, **options,
    )


def replace_settings(settings: RougeSettings, **changes: Any) -> RougeSettings:
    """A copy of ``settings`` with some fields changed, validated again."""
    s = replace(settings, **changes)
    _validate(s)
    return s
