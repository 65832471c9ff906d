"""ROUGE-1.5.5 options as a dataclass, parsed from and written back to its flags."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, fields

from summarizer.errors import InputError

# Flags that only steer the Perl's reporting/averaging (-a -c -r -t -d -e) or
# verbosity; they take no part in per-summary scores and are skipped here.
_IGNORED_WITH_VALUE = {"-c", "-r", "-t", "-e"}
_IGNORED_BARE = {"-a", "-d", "-v", "-h", "-H"}
_UNSUPPORTED = {
    "-3": "Basic Element scoring (-3) is not supported",
    "-U": "-U (ROUGE-S and ROUGE-SU together) is not supported; run -u and no -u separately",
    "-M": "-M (stem models only) is not supported",
}


# Bounds on numbers that work and memory grow with (refused up front, far above any real use).
MAX_N = 100  # -n: one metric and one n-gram table per order
MAX_RESAMPLES = 1_000_000  # -r: the bootstrap holds resamples x metrics x 3 floats (~100 MB here)


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
            raise InputError(f"max_n (-n) must be a non-negative integer, got {self.max_n!r}")
        if self.max_n > MAX_N:
            raise InputError(f"max_n (-n) {self.max_n} is absurdly large (at most {MAX_N})")
        if self.scoring not in ("A", "B"):
            raise InputError(f"scoring (-f) must be 'A' or 'B', got {self.scoring!r}")
        if not 0.0 <= self.alpha <= 1.0:
            raise InputError(f"alpha (-p) must be between 0 and 1, got {self.alpha!r}")
        if self.rouge_w and not self.w_weight > 0:
            raise InputError(f"ROUGE-W weight (-w) must be greater than 0, got {self.w_weight!r}")
        if self.length_words is not None and self.length_bytes is not None:
            raise InputError("give a length limit in words (-l) or in bytes (-b), not both")
        for name in ("length_words", "length_bytes"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise InputError(f"{name} must be a non-negative integer, got {value!r}")
        if self.skip_unigrams and self.skip_distance is None:
            raise InputError("-u (ROUGE-SU) needs a skip distance (-2 N)")

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

    # ------------------------------------------------------------------ flags
    @classmethod
    def from_args(cls, argv: str | list[str], **overrides) -> Rouge155Options:
        """Parse ROUGE-1.5.5 flags such as ``"-n 2 -x -2 4 -u -m -l 100 -f A -p 0.5"``.

        Without ``-n`` ROUGE-1.5.5 computes no ROUGE-N, and so does this.
        ``-a -c -r -t -d -e`` (with their values) are accepted and ignored, as
        they concern reporting, not per-summary scores (``-e DIR`` sets
        ``data_dir`` unless one is given in ``overrides``). A trailing config
        file name or system ID is an error.
        """
        args = shlex.split(argv) if isinstance(argv, str) else list(argv)
        kw: dict = {"max_n": 0}
        i = 0

        def value(flag: str) -> str:
            nonlocal i
            if i + 1 >= len(args):
                raise InputError(f"ROUGE-1.5.5 option {flag} needs a value")
            i += 1
            return args[i]

        def number(flag: str, text: str, kind=int):
            try:
                return kind(text)
            except ValueError:
                raise InputError(f"ROUGE-1.5.5 option {flag} needs a number, got {text!r}") from None

        while i < len(args):
            a = args[i]
            if a == "-n":
                kw["max_n"] = number(a, value(a))
            elif a == "-x":
                kw["rouge_l"] = False
            elif a == "-w":
                kw["rouge_w"] = True
                kw["w_weight"] = number(a, value(a), float)
            elif a == "-2":
                kw["skip_distance"] = number(a, value(a))
            elif a == "-u":
                kw["skip_unigrams"] = True
            elif a == "-m":
                kw["stem"] = True
            elif a == "-s":
                kw["remove_stopwords"] = True
            elif a == "-l":
                kw["length_words"] = number(a, value(a))
            elif a == "-b":
                kw["length_bytes"] = number(a, value(a))
            elif a == "-f":
                kw["scoring"] = value(a)
            elif a == "-p":
                kw["alpha"] = number(a, value(a), float)
            elif a == "-e":
                kw["data_dir"] = value(a)
            elif a in _IGNORED_WITH_VALUE:
                value(a)
            elif a in _IGNORED_BARE:
                pass
            elif a == "-z":
                value(a)
            elif a in _UNSUPPORTED:
                raise InputError(_UNSUPPORTED[a])
            else:
                raise InputError(f"unknown or unsupported ROUGE-1.5.5 option {a!r}")
            i += 1
        # The Perl treats 0 as "no limit".
        if kw.get("length_words") == 0:
            kw["length_words"] = None
        if kw.get("length_bytes") == 0:
            kw["length_bytes"] = None
        kw.update(overrides)
        return cls(**kw)

    def to_flags(self) -> str:
        """The equivalent ROUGE-1.5.5 command-line flags (per-summary part)."""
        out: list[str] = []
        if self.max_n:
            out += ["-n", str(self.max_n)]
        if not self.rouge_l:
            out.append("-x")
        if self.rouge_w:
            out += ["-w", perl_number(self.w_weight)]
        if self.skip_distance is not None:
            out += ["-2", str(self.skip_distance)]
            if self.skip_unigrams:
                out.append("-u")
        if self.stem:
            out.append("-m")
        if self.remove_stopwords:
            out.append("-s")
        if self.length_words:
            out += ["-l", str(self.length_words)]
        if self.length_bytes:
            out += ["-b", str(self.length_bytes)]
        out += ["-f", self.scoring, "-p", perl_number(self.alpha)]
        return " ".join(out)

    def replace(self, **changes) -> Rouge155Options:
        """A copy with some fields changed."""
        kw = {f.name: getattr(self, f.name) for f in fields(self)}
        kw.update(changes)
        return type(self)(**kw)
