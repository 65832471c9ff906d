"""The reproducibility signature of a ROUGE report (the sacreBLEU habit).

One line records everything that changes the numbers, e.g.::

    rouge155|metrics:R1,R2,RL,RSU4|n:2|L:yes|w:no|2:4|u:yes|m:no|s:no|l:none|b:none|f:A|p:0.5|c:95|r:1000|seed:0|tok:rouge155|v:0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.metrics.settings import RougeSettings


def _yn(flag: bool) -> str:
    return "yes" if flag else "no"


def _num(value: float | int | None) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def short_metric(name: str) -> str:
    """``ROUGE-SU4`` -> ``RSU4``, ``rougeLsum`` -> ``rLsum`` (compact names)."""
    if name.startswith("ROUGE-"):
        return "R" + name[len("ROUGE-"):]
    if name.startswith("rouge"):
        return "r" + name[len("rouge"):]
    return name


def make_signature(s: RougeSettings) -> str:
    """The signature string of ``s`` (see the module docstring)."""
    from summarizer import __version__

    parts = [s.mode, "metrics:" + ",".join(short_metric(m) for m in s.metrics)]
    if s.mode == "rouge155":
        parts += [
            f"n:{s.max_n}",
            f"L:{_yn(s.rouge_l)}",
            f"w:{_num(s.w_weight) if s.rouge_w else 'no'}",
            f"2:{_num(s.skip_distance) if s.skip_distance is not None else 'no'}",
            f"u:{_yn(s.skip_unigrams)}",
        ]
    else:
        parts += [f"backend:{s.backend}-{s.backend_version}", "multi:max"]
    parts += [f"m:{_yn(s.stem)}", f"s:{_yn(s.stopwords)}"]
    parts += [f"l:{_num(s.length_words)}", f"b:{_num(s.length_bytes)}"]
    if s.mode == "rouge155":
        parts += [f"f:{s.scoring}", f"p:{_num(s.alpha)}"]
    parts += [f"c:{_num(s.confidence)}", f"r:{s.resamples}", f"seed:{s.seed}"]
    parts += [f"tok:{s.tokenizer_name}", f"v:{__version__}"]
    return "|".join(parts)
