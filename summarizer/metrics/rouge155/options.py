"""The exact core's options: the internal view of ``RougeSettings`` that the core computes with.

Build them with ``summarizer.metrics.make_settings(...).rouge155_options()`` (the one
parser of ROUGE-1.5.5 flags is there), or directly by field."""

from __future__ import annotations

from dataclasses import dataclass, fields

from summarizer.errors import RougeOptionError, value_repr

# Bounds on numbers that work and memory grow with (refused up front, far above any real use).
MAX_N = 100  # -n: one metric and one n-gram table per order
# -w: ROUGE-1.5.5 raises the weighted length of every reference to the weight again,
# (sum of len^W)^W, which leaves the floats at W above about 6 for the longest input a
# file may hold (1e8 tokens); below 1 the weighted scores exceed 1 (2.0 recall at 0.5).
W_WEIGHT_RANGE = (1.0, 5.0)
# -2: the skip-bigrams a text holds at once. Scoring a text of distinct words against
# another as long peaked at about 75 bytes a pair of one text (both texts' codes, their sort
# and counts: eval/results/bench_rouge_skip_memory.md; text with recurring words, about 10),
# so 2**26 is about 4.7 GB; 2**28, the bound before, let through about 19 GB where it said 4. With no distance limit
# (-2 -1) a text of n tokens has n(n-1)/2 pairs, 2**26 at about 11,600 tokens, where
# summaries have hundreds; a 50 MB text piped in would want petabytes.
MAX_SKIP_PAIRS = 2**26
PEAK_BYTES_PER_SKIP_PAIR = 75
MAX_RESAMPLES = 1_000_000  # -r: the bootstrap holds resamples x metrics x 3 floats (about 0.2 GB at this bound, 4 s for 10 summaries)


def w_weight_error(weight: float) -> str:
    low, high = W_WEIGHT_RANGE
    return (f"the ROUGE-W weight (-w) must be from {low:g} to {high:g} (ROUGE-1.5.5 suggests "
            f"1.2; below 1 the scores exceed 1, above {high:g} they overflow), not "
            f"{value_repr(weight)}")


def perl_number(x: float) -> str:
    """A number as Perl prints it (``%.15g``), e.g. 1.2 -> '1.2', 2.0 -> '2'."""
    return f"{x:.15g}"


@dataclass(frozen=True)
class Rouge155Options:
    """Settings of one ROUGE-1.5.5 computation; field comments give the Perl flag."""

    max_n: int = 2  # -n  (0: no ROUGE-N)
    rouge_l: bool = True  # ROUGE-L unless -x
    rouge_w: bool = False  # -w WEIGHT
    w_weight: float = 1.2  # the WEIGHT of -w
    skip_distance: int | None = None  # -2 N (ROUGE-S; N < 0: no distance limit)
    skip_unigrams: bool = False  # -u (ROUGE-SU)
    stem: bool = False  # -m
    remove_stopwords: bool = False  # -s
    length_words: int | None = None  # -l
    length_bytes: int | None = None  # -b
    scoring: str = "A"  # -f A|B
    alpha: float = 0.5  # -p
    data_dir: str | None = None  # ROUGE-1.5.5 data folder (-e); see resources.py

    def __post_init__(self) -> None:
        if not isinstance(self.max_n, int) or self.max_n < 0:
            raise RougeOptionError("max_n (-n) must be a non-negative integer, got "
                                   f"{value_repr(self.max_n)}")
        if self.max_n > MAX_N:
            raise RougeOptionError(f"max_n (-n) {self.max_n} is absurdly large (at most {MAX_N})")
        if self.scoring not in ("A", "B"):
            raise RougeOptionError("scoring (-f) must be 'A' or 'B', got "
                                   f"{value_repr(self.scoring)}")
        if not 0.0 <= self.alpha <= 1.0:
            raise RougeOptionError("alpha (-p) must be between 0 and 1, got "
                                   f"{value_repr(self.alpha)}")
        if self.rouge_w and not W_WEIGHT_RANGE[0] <= self.w_weight <= W_WEIGHT_RANGE[1]:
            raise RougeOptionError(w_weight_error(self.w_weight))
        if self.length_words is not None and self.length_bytes is not None:
            raise RougeOptionError("give a length limit in words (-l) or in bytes (-b), not both")
        for name in ("length_words", "length_bytes"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise RougeOptionError(f"{name} must be a non-negative integer, got "
                                       f"{value_repr(value)}")
        if self.skip_unigrams and self.skip_distance is None:
            raise RougeOptionError("-u (ROUGE-SU) needs a skip distance (-2 N)")

    # ------------------------------------------------------------------ names
    def metric_names(self) -> list[str]:
        """The metric names ROUGE-1.5.5 prints for these options, in its order."""
        names = [f"ROUGE-{n}" for n in range(1, self.max_n + 1)]
        if self.rouge_l:
            names.append("ROUGE-L")
        if self.rouge_w:
            names.append(self.w_name)
        if self.skip_distance is not None:
            names.append(self.s_name)
        return names

    @property
    def w_name(self) -> str:
        return f"ROUGE-W-{perl_number(self.w_weight)}"

    @property
    def s_name(self) -> str:
        kind = "SU" if self.skip_unigrams else "S"
        dist = "*" if self.skip_distance is not None and self.skip_distance < 0 else self.skip_distance
        return f"ROUGE-{kind}{dist}"

    def replace(self, **changes) -> Rouge155Options:
        """A copy with some fields changed."""
        kw = {f.name: getattr(self, f.name) for f in fields(self)}
        kw.update(changes)
        return type(self)(**kw)
