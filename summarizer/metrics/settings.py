"""ROUGE settings: the one public form of every ROUGE option, its flags and its signature.

:class:`RougeSettings` holds everything that changes ROUGE numbers. It is built
with :func:`make_settings` from keywords, from ROUGE-1.5.5 command-line flags
(``options="-n 2 -x -2 4 -u -m"``), or from parsed command-line arguments
(:func:`settings_changes`). The command-line options come from one argparse
group, :func:`add_rouge_arguments`, generated from the settings' fields; the
``rouge`` and ``evaluate`` commands both use it, and :func:`parse_flags` runs
the same group over a flag string, so there is one parser. Each option has
one spelling: the field name in the library, ``--field-name`` on the command
line (ROUGE-1.5.5's short flag as an alias) and the field name in reports.

The signature (:attr:`RougeSettings.signature`) records every field in one
line, the sacreBLEU habit::

    rouge155|metrics:R1,R2,RL,RSU4|n:2|L:yes|w:no|2:4|u:yes|m:no|s:no|l:none|b:none|f:A|p:0.5|c:95|r:1000|seed:0|tok:rouge155|v:0.1.0

with ``data:<8 hex digits>`` after ``s:`` where ``-m``/``-s`` read other data than
ROUGE-1.5.5's (:func:`~summarizer.metrics.rouge155.resources.data_fingerprint`).
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from summarizer.errors import (
    RougeOptionError,
    UnknownMethodError,
    did_you_mean,
    no_option,
    option_label,
    value_repr,
)
from summarizer.metrics.rouge155.options import (
    MAX_N,
    MAX_RESAMPLES,
    W_WEIGHT_RANGE,
    w_weight_error,
)
from summarizer.metrics.rouge_score_mode import BACKENDS, DEFAULT_BACKEND, backend_version
from summarizer.values import (
    GivenOnce,
    check_named,
    check_values,
    listed,
    path_text,
    plain_integers,
    type_hints,
)
from summarizer.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.metrics.rouge155.options import Rouge155Options

MODES = ("rouge155", "rouge-score")
TOKENIZERS = ("default", "unicode")
DEFAULT_METRICS = {
    "rouge155": ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"),
    "rouge-score": ("rouge1", "rouge2", "rougeL", "rougeLsum"),
}
# ROUGE-1.5.5 options this package does not reimplement: the clear refusal the README promises.
UNSUPPORTED = {
    "-3": "Basic Element scoring (-3) is not supported",
    "-U": "-U (ROUGE-S and ROUGE-SU together) is not supported; run with -u and without -u "
          "separately",
    "-M": "-M (stem models only) is not supported",
    "-z": "-z (input file formats) is not supported; give files or folders of summaries",
}
# Keys that earlier versions wrote in reports and run folders (read, never written).
LEGACY_KEYS = {"seed": "bootstrap_seed", "stopwords": "remove_stopwords"}


def format_weight(w: float) -> str:
    """A ROUGE-W weight or a confidence as this package's names and signatures write it."""
    return f"{w:.15g}"  # 1.2 -> "1.2", 2.0 -> "2"


class TypedNumber(float):
    """A number from the command line that remembers how it was typed: ROUGE-1.5.5.pl
    prints ``-w`` and ``-c`` as typed ("ROUGE-W-2.0", "95.0%-conf.int."), and ``--format
    perl`` must print what it prints. Any other use sees the float."""

    typed: str

    def __new__(cls, text: str) -> TypedNumber:
        number = super().__new__(cls, text)
        number.typed = text.strip()
        return number

    def __reduce__(self) -> tuple[type, tuple[float]]:  # copied or pickled: the float
        return float, (float(self),)


def perl_spelling(value: float) -> str:
    """``value`` as ROUGE-1.5.5.pl prints a ``-w`` or ``-c`` it was given: as typed where it
    was typed as digits with a point (:class:`TypedNumber`), else :func:`format_weight`."""
    typed = getattr(value, "typed", None)
    if typed is not None and re.fullmatch(r"\d+(?:\.\d*)?", typed):
        return typed
    return format_weight(value)


def canonical_metric(name: str, mode: str, w_weight: float) -> str:
    """Map user spellings (``rouge1``, ``R-1``, ``ROUGE-SU4``...) to the mode's names. A name
    the mode lacks is a bad value of the ``metrics`` option, so a :class:`RougeOptionError`
    like every other ROUGE option's (only the mode is an :class:`UnknownMethodError`)."""
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
        raise RougeOptionError(
            f"rouge-score mode has no metric {value_repr(name)}; valid: rouge1..rouge9, rougeL, "
            "rougeLsum"
        )
    if re.fullmatch(r"[1-9][0-9]*", low):
        return f"ROUGE-{low}"
    if low == "l":
        return "ROUGE-L"
    if low == "w" or low.startswith("w-"):
        return f"ROUGE-W-{format_weight(w_weight)}"
    m = re.fullmatch(r"(su|s)([0-9]+|\*)", low)  # ASCII digits: int() reads '١' as well
    if m:  # S04 is S4 (the core's name: 'gave no ROUGE-S04' once it had scored everything)
        dist = m.group(2) if m.group(2) == "*" else m.group(2).lstrip("0") or "0"
        return f"ROUGE-{m.group(1).upper()}{dist}"
    if low == "lsum":
        raise RougeOptionError(
            "rougeLsum is a rouge-score name; ROUGE-1.5.5's ROUGE-L is already the "
            "summary-level union LCS over sentences (give sentences one per line)"
        )
    raise RougeOptionError(
        f"rouge155 mode has no metric {value_repr(name)}; valid: ROUGE-N (N>=1), ROUGE-L, ROUGE-W, "
        "ROUGE-S<d>, ROUGE-SU<d> (d a skip distance or *)"
    )


def _named_w_weight(name: str) -> float | None:
    """The weight a metric name such as ``ROUGE-W-1.5`` gives (None for other names)."""
    low = re.sub(r"^(rouge-?|r-?)", "", name.strip().lower().replace("_", "-"))
    if not low.startswith("w-"):
        return None
    try:
        return float(low[2:])
    except ValueError:
        raise RougeOptionError(f"bad ROUGE-W metric {value_repr(name)}; use ROUGE-W or "
                               "ROUGE-W-<weight> such as ROUGE-W-1.2") from None


def _cli(help: str, perl: str | None = None, **argparse_kw: Any) -> dict[str, Any]:
    """Field metadata from which the command-line option is generated."""
    return {"help": help, "perl": perl, "argparse": argparse_kw}


@dataclass(frozen=True)
class RougeSettings:
    """Everything that changes ROUGE numbers. Build with :func:`make_settings`."""

    mode: str = field(default="rouge155", metadata=_cli(
        "rouge155: exact ROUGE-1.5.5; rouge-score: Google's rouge-score", choices=MODES))
    metrics: tuple[str, ...] = field(default=DEFAULT_METRICS["rouge155"], metadata=_cli(
        "comma-separated metric names (default: the mode's four), or the Perl flags "
        "-n/-x/-2/-u/-w", metavar="NAMES"))
    stem: bool = field(default=False, metadata=_cli(
        "Porter stemming (with ROUGE-1.5.5's WordNet exceptions)", "-m"))
    remove_stopwords: bool = field(default=False, metadata=_cli("remove SMART stopwords", "-s"))
    length_words: int | None = field(default=None, metadata=_cli(
        "keep only the first N words of summaries and references (0: no limit)", "-l",
        metavar="N"))
    length_bytes: int | None = field(default=None, metadata=_cli(
        "keep only the first N bytes of summaries and references (0: no limit)", "-b",
        metavar="N"))
    length_chars: int | None = field(default=None, metadata=_cli(
        "keep only the first N characters (whitespace not counted) of summaries and "
        "references: the budget unit for Chinese, Japanese, Thai (0: no limit)", metavar="N"))
    scoring: str = field(default="A", metadata=_cli(
        "A: average over the references, B: the best one", "-f", choices=["A", "B"]))
    alpha: float = field(default=0.5, metadata=_cli(
        "F-measure weight of recall (0.5: F1)", "-p", metavar="ALPHA"))
    w_weight: float = field(default=1.2, metadata=_cli(
        "ROUGE-W weight (-w W sets it and asks for ROUGE-W)", metavar="W"))
    tokenizer: str = field(default="default", metadata=_cli(
        "default: the mode's own (ROUGE-1.5.5 drops non-ASCII letters); unicode: scores any "
        "script", choices=TOKENIZERS))
    confidence: float = field(default=95.0, metadata=_cli(
        "bootstrap interval level in percent (95)", "-c", metavar="PERCENT"))
    resamples: int = field(default=1000, metadata=_cli(
        "bootstrap resamples (1000)", "-r", metavar="R"))
    bootstrap_seed: int = field(default=0, metadata=_cli(
        "seed of the bootstrap intervals (0, the default, draws exactly as ROUGE-1.5.5 does)",
        metavar="SEED"))
    backend: str = field(default=DEFAULT_BACKEND, metadata=_cli(
        f"rouge-score mode's implementation (default {DEFAULT_BACKEND})", choices=BACKENDS))
    data_dir: str | None = field(default=None, compare=False, metadata=_cli(
        "ROUGE-1.5.5 data folder, for stemming and stopwords (default: found automatically)",
        "-e", metavar="DIR"))

    def __post_init__(self) -> None:
        # built directly, as the public class may be, its values pass make_settings' checks:
        # RougeSettings(resamples=10**12) was a 7 TiB MemoryError in the bootstrap
        given = {f.name: getattr(self, f.name) for f in fields(self)
                 if f.name != "metrics" and getattr(self, f.name) is not None}
        check_values(given, type_hints(RougeSettings), "ROUGE option ", RougeOptionError)
        # the metrics too, as make_settings reads them: a list (unhashable, never equal to
        # make_settings' tuple), a spelling the core does not name ("R2": "gave no R2"),
        # a ROUGE-W name whose weight is not w_weight (scored with w_weight, named another)
        object.__setattr__(self, "metrics", _canonical_metrics(self.metrics, self.mode,
                                                               self.w_weight))
        _validate(self)

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

    def rouge155_options(self, truncate: bool = True) -> Rouge155Options:
        """The exact core's view of these settings (``truncate=False``: leave
        ``-l``/``-b`` to the caller, which cuts the text itself)."""
        from summarizer.metrics.rouge155.options import Rouge155Options

        return Rouge155Options(
            max_n=self.max_n,
            rouge_l=self.rouge_l,
            rouge_w=self.rouge_w,
            w_weight=self.w_weight,
            skip_distance=self.skip_distance,
            skip_unigrams=self.skip_unigrams,
            stem=self.stem,
            remove_stopwords=self.remove_stopwords,
            length_words=self.length_words if truncate else None,
            length_bytes=self.length_bytes if truncate else None,
            scoring=self.scoring,
            alpha=self.alpha,
            data_dir=self.data_dir,
        )

    @property
    def signature(self) -> str:
        """One line with every setting (see the module docstring)."""
        parts = [self.mode, "metrics:" + ",".join(short_metric(m) for m in self.metrics)]
        if self.mode == "rouge155":
            parts += [
                f"n:{self.max_n}",
                f"L:{_yn(self.rouge_l)}",
                f"w:{_num(self.w_weight) if self.rouge_w else 'no'}",
                f"2:{_num(self.skip_distance) if self.skip_distance is not None else 'no'}",
                f"u:{_yn(self.skip_unigrams)}",
            ]
        else:
            parts += [f"backend:{self.backend}-{self.backend_version}", "multi:max"]
        parts += [f"m:{_yn(self.stem)}", f"s:{_yn(self.remove_stopwords)}"]
        if self.mode == "rouge155":  # only where -m/-s read other lists than ROUGE-1.5.5's:
            from summarizer.metrics.rouge155.resources import data_fingerprint  # as before

            data = data_fingerprint(self.stem, self.remove_stopwords, self.data_dir)
            if data is not None:
                parts.append(f"data:{data}")
        parts += [f"l:{_num(self.length_words)}", f"b:{_num(self.length_bytes)}"]
        if self.length_chars is not None:  # only when set: earlier signatures stay the same
            parts.append(f"chars:{self.length_chars}")
        if self.mode == "rouge155":
            parts += [f"f:{self.scoring}", f"p:{_num(self.alpha)}"]
        # "seed" is the bootstrap seed, the only seed ROUGE has (kept so signatures stay comparable)
        parts += [f"c:{_num(self.confidence)}", f"r:{self.resamples}", f"seed:{self.bootstrap_seed}"]
        parts += [f"tok:{self.tokenizer_name}", f"v:{__version__}"]
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["metrics"] = list(self.metrics)
        if self.mode != "rouge-score":
            out.pop("backend")
        if self.length_chars is None:  # stored as before: earlier run folders still match
            out.pop("length_chars")
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RougeSettings:
        """Settings from :meth:`to_dict` output (earlier versions' key names are read too).
        The stored ``w_weight`` is read only with a ROUGE-W metric, and ``backend`` only
        in rouge-score mode, and ``data_dir`` only in rouge155 mode (:func:`make_settings`
        refuses them elsewhere; the weight is stored always, the others were by earlier
        versions)."""
        data = upgrade_dict(data)
        metrics = data.get("metrics")
        if isinstance(metrics, (list, tuple)) and not any(
                isinstance(m, str) and _named_w_weight(m) is not None for m in metrics):
            data.pop("w_weight", None)
        if data.get("mode", "rouge155") != "rouge-score":
            data.pop("backend", None)
        else:  # stored by earlier versions, which took it there
            data.pop("data_dir", None)
        return make_settings(**data)


def upgrade_dict(data: dict[str, Any]) -> dict[str, Any]:
    """Stored settings with earlier versions' key names replaced by today's."""
    return {LEGACY_KEYS.get(k, k): v for k, v in data.items()}


def _yn(flag: bool) -> str:
    return "yes" if flag else "no"


def _num(value: float | int | None) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def metric_list(names: str) -> list[str]:
    """``"R1,R2,RL"`` -> ``["R1", "R2", "RL"]``: one string of metrics reads as the CLI's
    ``--metrics`` does, in the library too."""
    return [m.strip() for m in names.split(",") if m.strip()]


def short_metric(name: str) -> str:
    """``ROUGE-SU4`` -> ``RSU4``, ``rougeLsum`` -> ``rLsum`` (compact names)."""
    if name.startswith("ROUGE-"):
        return "R" + name[len("ROUGE-"):]
    if name.startswith("rouge"):
        return "r" + name[len("rouge"):]
    return name


# --------------------------------------------------------------------------- flags
class _Refuse(argparse.Action):
    """An option ROUGE-1.5.5 has and this package does not: a clear, typed refusal."""

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        raise RougeOptionError(UNSUPPORTED[option_string])


def _skip_distance(value: str) -> int:
    """A skip distance: a number, or ``*`` / a negative number for any gap."""
    if value == "*":
        return -1
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a skip distance: {value_repr(value)}") from None


class _OnOff(argparse.BooleanOptionalAction):
    """``--stem``/``-m`` and ``--no-stem``: given both ways (``-m ... --no-stem``, a Perl
    command line with a flag of ours added) is refused where the last one counted, by the
    parser's rule for an option given twice (:class:`~summarizer.values.GivenOnce`)."""

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        if isinstance(parser, GivenOnce) and option_string is not None:
            parser.once(self, not option_string.startswith("--no-"), option_string)
        super().__call__(parser, namespace, values, option_string)


class _Averaging(argparse.Action):
    """``-t 0`` (per-summary averaging) is what this package does; ``-t 1|2`` are refused."""

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        if values != "0":
            raise RougeOptionError(
                f"-t {values} is not supported: only -t 0 (scores averaged per summary)"
            )
        setattr(namespace, self.dest, 0)


def add_rouge_arguments(parser: argparse.ArgumentParser, title: str = "ROUGE options") -> None:
    """Add the ROUGE options, generated from :class:`RougeSettings`' fields, to ``parser``.

    Every field is ``--field-name`` (booleans also ``--no-field-name``), with
    ROUGE-1.5.5's flag as an alias where it has one; ``-n -x -2 -u -w`` choose
    metrics as in ROUGE-1.5.5; ``-a -d -v`` and ``-t 0`` are accepted and change
    nothing; ``-3 -U -M -z`` and ``-t 1|2`` are refused with a clear message.
    Every default is None (not given), so :func:`settings_changes` returns only
    what was typed and data-set defaults can fill in the rest.
    """
    g = parser.add_argument_group(title)
    for f in fields(RougeSettings):
        meta = f.metadata
        names = [f"--{f.name.replace('_', '-')}"] + ([meta["perl"]] if meta["perl"] else [])
        kw: dict[str, Any] = {"dest": f"rouge_{f.name}", "default": None, "help": meta["help"]}
        kw.update(meta["argparse"])
        if f.type in ("bool", bool):
            kw["action"] = _OnOff
        elif f.name in ("length_words", "length_bytes", "length_chars", "resamples",
                        "bootstrap_seed"):
            kw["type"] = int
        elif f.name in ("w_weight", "confidence"):
            kw["type"] = TypedNumber
        elif f.name == "alpha":
            kw["type"] = float
        g.add_argument(*names, **kw)
    g.add_argument("-n", dest="rouge_perl_n", type=int, metavar="N", help="ROUGE-N for N = 1..N")
    g.add_argument("-x", dest="rouge_perl_x", action="store_true", default=None, help="no ROUGE-L")
    g.add_argument("-2", dest="rouge_perl_skip", type=_skip_distance, metavar="D",
                   help="ROUGE-S with skip distance D (* or -1: any)")
    g.add_argument("-u", dest="rouge_perl_u", action="store_true", default=None,
                   help="skip bigrams plus unigrams (ROUGE-SU; needs -2)")
    g.add_argument("-w", dest="rouge_perl_w", type=TypedNumber, metavar="W",
                   help="ROUGE-W with weight W")
    g.add_argument("-a", dest="rouge_perl_a", action="store_true", default=None,
                   help="accepted for compatibility (averages are always given)")
    g.add_argument("-d", dest="rouge_perl_d", action="store_true", default=None,
                   help="per-summary scores too")
    g.add_argument("-v", dest="rouge_perl_v", action="store_true", default=None,
                   help="accepted for compatibility")
    g.add_argument("-t", dest="rouge_perl_t", action=_Averaging, metavar="0",
                   help="0: scores averaged per summary (the only mode here)")
    for flag in ("-3", "-z"):
        g.add_argument(flag, action=_Refuse, nargs="?", help=argparse.SUPPRESS)
    for flag in ("-U", "-M"):
        g.add_argument(flag, action=_Refuse, nargs=0, help=argparse.SUPPRESS)
    # "-2" looks like a negative number, and argparse would then read every negative
    # number ("-2 -1", "--seed -1") as an option: values stay values.
    del parser._has_negative_number_optionals[:]


def settings_changes(args: argparse.Namespace, mode: str | None = None) -> dict[str, Any]:
    """:func:`make_settings` keywords for the ROUGE options given on the command line
    (``mode``: the ROUGE mode when ``--mode`` is not among them)."""
    ns = vars(args)
    out: dict[str, Any] = {}
    for f in fields(RougeSettings):
        value = ns.get(f"rouge_{f.name}")
        if value is not None:  # settings hold the number; the CLI reads how it was typed
            out[f.name] = float(value) if isinstance(value, TypedNumber) else value
    limits = ("length_words", "length_bytes", "length_chars")
    if any(k in out for k in limits):
        # one limit given replaces any default limit; ROUGE-1.5.5: 0 means no limit
        for k in limits:
            out[k] = out.get(k) or None
    if isinstance(out.get("metrics"), str):
        out["metrics"] = metric_list(out["metrics"])
    perl = {k: ns.get(f"rouge_perl_{k}") for k in ("n", "x", "skip", "u", "w")}
    if perl["w"] is not None:
        if "w_weight" in out and float(out["w_weight"]) != perl["w"]:
            raise RougeOptionError(f"-w {format_weight(perl['w'])} and --w-weight "
                                   f"{format_weight(out['w_weight'])} disagree; give the weight once")
        out["w_weight"] = float(perl["w"])
    if any(v is not None for v in perl.values()):
        if "metrics" in out:
            raise RougeOptionError("give --metrics or the flags -n/-x/-2/-u/-w, not both")
        out["metrics"] = _perl_metrics(perl, out.get("mode") or mode or "rouge155")
    return out


def _perl_metrics(perl: dict[str, Any], mode: str) -> list[str]:
    """Metric names for ROUGE-1.5.5's -n/-x/-2/-u/-w, as the Perl chooses them (no -n:
    no ROUGE-N), but for -u without -2: the Perl ignores it, and a run asked for ROUGE-SU
    got none without a word; here it is refused."""
    if mode == "rouge-score" and any(perl[k] is not None for k in ("skip", "u", "w")):
        raise RougeOptionError("rouge-score mode has no ROUGE-S/SU/W (-2, -u, -w)")
    if perl["u"] and perl["skip"] is None:
        raise RougeOptionError("-u adds unigrams to ROUGE-S, which needs -2 D, its skip "
                               "distance (-2 4 -u: ROUGE-SU4); ROUGE-1.5.5 ignores -u alone")
    n = perl["n"] or 0
    if not 0 <= n <= MAX_N:
        raise RougeOptionError(f"-n {n} is out of range (0 to {MAX_N})")
    names = [f"ROUGE-{k}" for k in range(1, n + 1)]
    if not perl["x"]:
        names.append("ROUGE-L")
    if perl["w"] is not None:
        names.append("ROUGE-W")
    if perl["skip"] is not None:
        dist = "*" if perl["skip"] < 0 else str(perl["skip"])
        names.append(f"ROUGE-{'SU' if perl['u'] else 'S'}{dist}")
    if mode == "rouge-score" and "ROUGE-L" in names:
        names.append("rougeLsum")
    if not names:
        raise RougeOptionError("these ROUGE options ask for no metric at all")
    return names


class _FlagParser(GivenOnce, argparse.ArgumentParser):
    def error(self, message: str):  # noqa: ANN201 - argparse would print and exit
        raise RougeOptionError(f"ROUGE options: {message}")


def parse_flags(flags: str | Sequence[str], mode: str | None = None) -> dict[str, Any]:
    """ROUGE-1.5.5 command-line flags (``"-n 2 -x -2 4 -u -m -c 95"``) as
    :func:`make_settings` keywords, read by the same option group as the CLI, by its rules: a
    flag given twice with two values (``-n 2 -n 3``, ``-l 10 --length-words 20``), or a
    switch given both ways (``-m --no-stem``), is a :class:`RougeOptionError` naming it
    (ROUGE-1.5.5's getopts, and argparse, kept the last in silence); the same value twice
    is taken."""
    args = shlex.split(flags) if isinstance(flags, str) else list(flags)
    parser = _FlagParser(prog="rouge", add_help=False)
    add_rouge_arguments(parser)
    ns, rest = parser.parse_known_args(args)
    if rest:
        raise RougeOptionError(f"unknown or unsupported ROUGE option {value_repr(rest[0])}")
    return settings_changes(ns, mode)


# --------------------------------------------------------------------------- building
def make_settings(
    mode: str | None = None,
    metrics: Sequence[str] | str | None = None,
    *,
    options: str | Sequence[str] | None = None,
    **keywords: Any,
) -> RougeSettings:
    """Validated :class:`RougeSettings`.

    ``keywords`` are the fields of :class:`RougeSettings`; ``options`` is a
    ROUGE-1.5.5 flag string (``"-n 2 -x -2 4 -u -m"``); keywords given
    explicitly (not None) override it. ``confidence`` is a percentage (95),
    as ROUGE-1.5.5's ``-c``. ``bootstrap_seed=0`` reproduces ROUGE-1.5.5's own
    bootstrap draws; another seed gives other, equally reproducible draws.
    """
    known = {f.name for f in fields(RougeSettings)}
    unknown = sorted(set(keywords) - known)
    if unknown:
        raise RougeOptionError(no_option("ROUGE", unknown, sorted(known)))
    if options is not None and not (isinstance(options, str) or (
            isinstance(options, (list, tuple)) and all(isinstance(o, str) for o in options))):
        raise RougeOptionError(f"options is a ROUGE-1.5.5 flag string such as '-n 2 -m', "
                               f"not {value_repr(options)}")
    if metrics is not None and not isinstance(metrics, str):
        # a set's order (the report's, its signature's) changed with each process's hashing
        metrics = listed(metrics, "metrics (names such as 'ROUGE-2')", RougeOptionError)
    if keywords.get("data_dir") is not None:
        keywords["data_dir"] = _data_dir(keywords["data_dir"])
    given = {k: v for k, v in keywords.items() if v is not None and k != "metrics"}
    check_values(given, type_hints(RougeSettings), "ROUGE option ", RougeOptionError)
    hint = mode or keywords.get("mode")
    base: dict[str, Any] = parse_flags(options, hint) if options is not None else {}
    base.update(plain_integers({k: v for k, v in keywords.items() if v is not None}))
    if mode is not None:
        base["mode"] = mode
    mode = base.setdefault("mode", "rouge155")
    if mode not in MODES:
        raise UnknownMethodError("unknown ROUGE mode "
                                 f"{value_repr(mode)}{did_you_mean(mode, MODES)}; "
                                 f"choose one of {', '.join(MODES)}")
    if metrics is not None:
        base["metrics"] = metric_list(metrics) if isinstance(metrics, str) else metrics
        if not base["metrics"]:  # [] or "," read as not given: the mode's four, unasked
            raise RougeOptionError(f"{option_label('metrics')} names no metric "
                                   f"({value_repr(metrics)}); give names such as 'ROUGE-2', "
                                   "or leave it out for the mode's default")
    names = base.get("metrics") or DEFAULT_METRICS[mode]
    named = {w for n in names if isinstance(n, str) and (w := _named_w_weight(n)) is not None}
    if len(named) > 1:
        raise RougeOptionError(f"ask for one ROUGE-W weight at a time, not {sorted(named)}")
    if named:  # "ROUGE-W-1.5" asks for weight 1.5 (it was computed with the default 1.2)
        weight = named.pop()
        if "w_weight" in base and float(base["w_weight"]) != weight:
            raise RougeOptionError(f"metric ROUGE-W-{format_weight(weight)} and ROUGE-W weight "
                                   f"{base['w_weight']} disagree; give the weight once")
        base["w_weight"] = weight
    base["metrics"] = names  # in the mode's spelling, each once, as it is made
    if "confidence" in base:
        base["confidence"] = float(base["confidence"])
    s = RougeSettings(**base)  # checked as it is made (__post_init__)
    if "w_weight" in base and not any(c.startswith("ROUGE-W-") for c in s.metrics):
        # it would change no number and no signature: a weight asked for and not used
        raise RougeOptionError(
            f"{option_label('w_weight')} is ROUGE-W's weight, and ROUGE-W is not among the "
            "metrics; ask for it (-w W, or ROUGE-W in metrics) or drop the weight")
    if "backend" in base and mode != "rouge-score":  # rouge155 mode would not read it
        raise RougeOptionError(f"{option_label('backend')} chooses rouge-score mode's "
                               f"implementation, and the mode is {mode}; give "
                               f"{option_label('mode')} rouge-score, or drop it")
    if base.get("data_dir") is not None and mode == "rouge-score":  # likewise
        raise RougeOptionError(f"{option_label('data_dir')} holds ROUGE-1.5.5's data files "
                               "(stemming exceptions, stopwords), which rouge-score mode never "
                               f"reads; give {option_label('mode')} rouge155, or drop it")
    return s


def _data_dir(value: object) -> str:
    """``data_dir`` as the settings hold it, a str: a pathlib.Path (any os.PathLike of text)
    was refused as "must be str or null, not PosixPath(...)", where every other path the
    package takes may be one."""
    named = path_text(value)
    if not isinstance(named, str):  # bytes (of a PathLike too), a number, a list
        raise RougeOptionError(f"{option_label('data_dir')} must be a folder's path (str or "
                               f"os.PathLike), not {type(value).__name__} {value_repr(value)}")
    # "" read the working folder's data files (Path("") is "."), where --data-dir "" is refused
    check_named({"data_dir": named}, RougeOptionError)
    return named


def _canonical_metrics(metrics: object, mode: str, w_weight: float) -> tuple[str, ...]:
    """``metrics`` as make_settings leaves them: a tuple of the mode's names, each once; a
    ROUGE-W name that names another weight than ``w_weight`` is refused."""
    if metrics is DEFAULT_METRICS["rouge155"] and mode in MODES:  # the field's default:
        metrics = DEFAULT_METRICS[mode]  # RougeSettings(mode="rouge-score") took rouge155's
    names = metric_list(metrics) if isinstance(metrics, str) else metrics
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable) or not (names := list(names)):
        raise RougeOptionError(f"{option_label('metrics')} names no metric "
                               f"({value_repr(metrics)}); give names such as 'ROUGE-2'")
    canon: list[str] = []
    for name in names:
        if not isinstance(name, str):
            raise RougeOptionError("metric names are strings such as 'ROUGE-2', not "
                                   f"{value_repr(name)}")
        c = canonical_metric(name, mode, w_weight) if mode in MODES else name  # the mode has it
        named = _named_w_weight(name)
        if named is not None and named != float(w_weight):
            raise RougeOptionError(f"metric {value_repr(name)} and ROUGE-W weight "
                                   f"{format_weight(w_weight)} disagree; give the weight once")
        if c not in canon:
            canon.append(c)
    return tuple(canon)


def _validate(s: RougeSettings) -> None:
    if s.backend not in BACKENDS:  # in either mode: a typo is named before rouge155 refuses it
        raise RougeOptionError("unknown backend "
                               f"{value_repr(s.backend)}{did_you_mean(s.backend, BACKENDS)}"
                               f"; choose one of {', '.join(BACKENDS)}")
    if s.tokenizer not in TOKENIZERS:
        raise RougeOptionError(f"unknown tokenizer {value_repr(s.tokenizer)}; use 'default' or "
                               "'unicode'")
    if s.scoring not in ("A", "B"):
        raise RougeOptionError(
            f"{option_label('scoring')} must be 'A' (average) or 'B' (best), not "
            f"{value_repr(s.scoring)}"
        )
    if not 0.0 <= s.alpha <= 1.0:
        raise RougeOptionError(f"{option_label('alpha')} must lie in [0, 1], not {s.alpha}")
    if not 1.0 < s.confidence <= 100.0:
        # a fraction for a percentage (0.95); not one whose percentage is refused too (0.01)
        percent = s.confidence * 100
        hint = f"; for {percent:g}% write {percent:g}" if 1 < percent <= 100 else ""
        raise RougeOptionError(
            f"{option_label('confidence')} is a percentage in (1, 100], not {s.confidence:g}{hint}"
        )
    if s.resamples < 1:
        raise RougeOptionError(f"{option_label('resamples')} must be at least 1, not {s.resamples}")
    if s.resamples > MAX_RESAMPLES:
        raise RougeOptionError(
            f"{option_label('resamples')} {s.resamples} is absurdly large (at most "
            f"{MAX_RESAMPLES:,}; memory grows with it; ROUGE-1.5.5 uses 1000)"
        )
    for m in s.metrics:  # int() of a number past 4,300 digits: a bare ValueError (exit 70)
        hit = re.fullmatch(r"ROUGE-(SU|S)?([0-9]+)", m)
        if hit and len(hit.group(2).lstrip("0")) > 18:
            what = ("its skip distance" if hit.group(1) else f"its n (at most {MAX_N})")
            any_gap = f"; ROUGE-{hit.group(1)}* takes any distance" if hit.group(1) else ""
            raise RougeOptionError(f"{value_repr(m)} is absurdly large: {what} has "
                                   f"{len(hit.group(2)):,} digits{any_gap}")
    if s.max_n > MAX_N:
        raise RougeOptionError(f"ROUGE-{s.max_n} is absurdly large (n at most {MAX_N})")
    if isinstance(s.bootstrap_seed, bool) or not isinstance(s.bootstrap_seed, int) or not (
        0 <= s.bootstrap_seed < 2**32
    ):
        raise RougeOptionError(
            f"{option_label('bootstrap_seed')} must be an integer in 0..2**32-1, not "
            f"{value_repr(s.bootstrap_seed)}"
        )
    for name in ("length_words", "length_bytes", "length_chars"):
        v = getattr(s, name)
        if v is not None and v <= 0:
            raise RougeOptionError(f"{option_label(name)} must be a positive number, not {v}")
    if sum(v is not None for v in (s.length_words, s.length_bytes, s.length_chars)) > 1:
        raise RougeOptionError("give one length limit: words (-l), bytes (-b) or chars, "
                               "not several")
    skips = [m for m in s.metrics if re.fullmatch(r"ROUGE-(SU|S)(\d+|\*)", m)]
    if len(skips) > 1:
        raise RougeOptionError(f"ask for one skip-bigram metric at a time, not {', '.join(skips)}")
    if s.rouge_w and not W_WEIGHT_RANGE[0] <= s.w_weight <= W_WEIGHT_RANGE[1]:
        raise RougeOptionError(w_weight_error(s.w_weight))
    if s.mode == "rouge-score":
        if s.remove_stopwords:
            raise RougeOptionError("rouge-score mode has no stopword removal (-s); use rouge155 mode")
        if s.scoring != "A" or s.alpha != 0.5:
            raise RougeOptionError(
                "rouge-score mode always takes the best reference by F1 with alpha 0.5; "
                "-f and -p are rouge155 options"
            )


def replace_settings(settings: RougeSettings, **changes: Any) -> RougeSettings:
    """A copy of ``settings`` with some fields changed, checked again as it is made."""
    return replace(settings, **changes)


def dropped_script(settings: RougeSettings, references: Iterable[str], sample: int = 20
                   ) -> str | None:
    """A warning when most of the first ``sample`` references are in a script that
    ROUGE-1.5.5's tokens leave out (they are runs of a-z and 0-9: Chinese or Greek references
    score 0.00000 whatever the summary, Arabic ones on their digits alone), else None; so do
    rouge-score's own tokens, in rouge-score mode. Not refused: it is what the official
    scorers give (TAC 2011's non-Latin languages)."""
    if settings.tokenizer == "unicode":
        return None
    scorer = "ROUGE-1.5.5" if settings.mode == "rouge155" else "rouge-score"
    from summarizer.languages import guess_script_language

    seen = dropped = 0
    found = ""
    for text in references:
        # Latin letters all outside a-z ("é à ü") are no token either: the references
        # scored 0 without a word said
        script = guess_script_language(text) or (
            "accented Latin" if not any(ch.isascii() and ch.isalnum() for ch in text) else None)
        seen += 1
        if script is not None:
            dropped += 1
            found = found or script
        if seen >= sample:
            break
    if not dropped or dropped * 2 <= seen:
        return None
    return (f"the references are in {found} script, of which {scorer} counts no letter (its "
            "tokens are runs of a-z and 0-9): scores are 0 or count digits alone; give "
            "--tokenizer unicode (tokenizer='unicode') to score the words")
