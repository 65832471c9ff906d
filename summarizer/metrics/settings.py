"""ROUGE settings: one validated object behind every score, and its flags.

:func:`make_settings` builds :class:`RougeSettings` from keywords or from
ROUGE-1.5.5 command-line options (:func:`parse_flags`); the settings know
their signature.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from summarizer.errors import InputError, RougeOptionError, UnknownMethodError
from summarizer.metrics.rouge155.options import MAX_N, MAX_RESAMPLES, Rouge155Options
from summarizer.metrics.rouge_score_mode import BACKENDS, DEFAULT_BACKEND, backend_version
from summarizer.metrics.signature import make_signature

MODES = ("rouge155", "rouge-score")
TOKENIZERS = ("default", "unicode")
DEFAULT_METRICS = {
    "rouge155": ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"),
    "rouge-score": ("rouge1", "rouge2", "rougeL", "rougeLsum"),
}


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

    Understood: ``-n N -x -2 D -u -w W -m -s -l N -b N -f A|B -p ALPHA
    -c C -r R -e DIR``; ``-a -d -t 0 -v`` are accepted and change nothing
    (every report has system averages and per-summary scores). The options
    that change per-summary scores are parsed by the core's
    :meth:`Rouge155Options.from_args`; the bootstrap's (``-c -r -t``) here.
    """
    args = shlex.split(flags) if isinstance(flags, str) else list(flags)
    out: dict[str, Any] = {}
    scoring_args: list[str] = []
    it = iter(args)

    def value(flag: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise RougeOptionError(f"ROUGE option {flag} needs a value") from None

    try:
        for a in it:
            if a == "-c":
                out["confidence"] = float(value(a))
            elif a == "-r":
                out["resamples"] = int(value(a))
            elif a == "-t":
                if value(a) != "0":
                    raise RougeOptionError("only -t 0 (per-summary averaging) is supported")
            elif a in ("-z", "-h", "-H"):  # input format and help are not scoring options
                raise RougeOptionError(f"unknown or unsupported ROUGE option {a!r}")
            else:
                scoring_args.append(a)
    except ValueError as exc:
        if isinstance(exc, RougeOptionError):
            raise
        raise RougeOptionError(f"bad value in ROUGE options {flags!r}: {exc}") from None
    if "-u" in scoring_args and "-2" not in scoring_args:
        # As in ROUGE-1.5.5, -u means nothing without -2; the core's options
        # object refuses the pair, so leave it out here.
        scoring_args = [a for a in scoring_args if a != "-u"]
    try:
        core = Rouge155Options.from_args(scoring_args)
    except InputError as exc:
        raise RougeOptionError(str(exc)) from None
    out.update(stem=core.stem, stopwords=core.remove_stopwords)
    for key in ("length_words", "length_bytes", "data_dir"):
        if getattr(core, key) is not None:
            out[key] = getattr(core, key)
    if "-f" in scoring_args:
        out["scoring"] = core.scoring
    if "-p" in scoring_args:
        out["alpha"] = core.alpha
    metrics = [f"ROUGE-{n}" for n in range(1, core.max_n + 1)]
    if core.rouge_l:
        metrics.append("ROUGE-L")
    if core.rouge_w:
        out["w_weight"] = core.w_weight
        metrics.append("ROUGE-W")
    if core.skip_distance is not None:
        metrics.append(core.s_name)
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
    if s.resamples > MAX_RESAMPLES:
        raise RougeOptionError(
            f"resamples {s.resamples} is absurdly large (at most {MAX_RESAMPLES:,}; memory "
            "grows with it; ROUGE-1.5.5 uses 1000)"
        )
    if s.max_n > MAX_N:
        raise RougeOptionError(f"ROUGE-{s.max_n} is absurdly large (n at most {MAX_N})")
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


def replace_settings(settings: RougeSettings, **changes: Any) -> RougeSettings:
    """A copy of ``settings`` with some fields changed, validated again."""
    s = replace(settings, **changes)
    _validate(s)
    return s
