"""ROUGE reports: per-summary scores, aggregates with intervals, signature."""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from functools import cached_property
from typing import Any

import numpy as np

from summarizer.errors import (
    InputError,
    OptionError,
    RougeOptionError,
    describe,
    json_shown,
    shown,
    value_repr,
)
from summarizer.metrics.aggregate import AggregateScore
from summarizer.metrics.measures import MEASURES, measure_index, rpf, scores_to_dict
from summarizer.metrics.rouge155.score import Score
from summarizer.metrics.settings import RougeSettings


def check_system_id(system_id: object) -> str:
    """A system id for the Perl's text: one printable word (scripts split its lines on
    spaces; a line break would start a line of its own)."""
    if not isinstance(system_id, str) or len(system_id.split()) != 1 \
            or not system_id.isprintable():
        raise OptionError(f"the system id must be one word (no spaces or line breaks), as "
                         f"ROUGE-1.5.5's peer ids are, not {value_repr(system_id)}")
    return system_id


@dataclass(eq=False)  # the generated == compared the score arrays: "truth value ... ambiguous"
class RougeReport:
    """Per-summary scores, their aggregate and the settings behind them.

    ``scores`` has shape (summaries, metrics, 3) for recall, precision and
    F-measure. ``aggregate[metric].recall.average`` is the value ROUGE-1.5.5
    prints as ``Average_R``; ``.mean`` the plain mean; ``.low``/``.high`` the
    bootstrap interval. ``eval_order`` is the summary order of the ROUGE-1.5.5
    config the bootstrap follows (None: input order).
    """

    settings: RougeSettings
    ids: list[str]
    scores: np.ndarray
    aggregate: dict[str, AggregateScore]
    eval_order: list[str] | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RougeReport):
            return NotImplemented
        return ((self.settings, self.ids, self.aggregate, self.eval_order)
                == (other.settings, other.ids, other.aggregate, other.eval_order)
                and np.array_equal(self.scores, other.scores, equal_nan=True))

    @property
    def metrics(self) -> tuple[str, ...]:
        return self.settings.metrics

    @property
    def signature(self) -> str:
        """The settings' signature; a given eval order adds ``order:<hash>``."""
        sig = self.settings.signature
        if self.eval_order is not None:
            import hashlib

            digest = hashlib.sha1("\n".join(self.eval_order).encode("utf-8")).hexdigest()[:8]
            sig = sig.replace("|tok:", f"|order:{digest}|tok:")
        return sig

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
        # a name it lacks is a bad value of an argument, as metrics="R9x" is (errors.py's rule)
        if metric not in self.metrics:
            raise RougeOptionError(f"no metric {value_repr(metric)} in this report "
                                   f"({', '.join(self.metrics)})")
        return self.scores[:, self.metrics.index(metric), measure_index(measure)]

    def to_dict(self, per_summary: bool = True) -> dict[str, Any]:
        """Signature, settings, aggregates and (``per_summary``) each summary's scores, as
        plain JSON values: ``rouge --format json``; :meth:`from_dict` reads it back."""
        out: dict[str, Any] = {
            "signature": self.signature,
            "mode": self.settings.mode,
            "settings": self.settings.to_dict(),
            "summaries": len(self),
            "headline": self.headline,
            "eval_order": self.eval_order,
            "aggregate": {m: a.to_dict() for m, a in self.aggregate.items()},
        }
        if per_summary:
            out["per_summary"] = [
                {"id": i, "scores": scores_to_dict(row, MEASURES)}
                for i, row in zip(self.ids, self.per_summary, strict=True)
            ]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RougeReport:
        """The report :meth:`to_dict` (or ``rouge --format json``) wrote, with its per-summary
        scores: its ``to_dict()`` is the one read."""
        from summarizer.metrics.aggregate import Interval

        if not isinstance(data, dict):
            raise InputError(f"not a ROUGE report's to_dict(): {type(data).__name__}")
        if "per_summary" not in data:
            raise InputError("a report needs its per-summary scores: write it with "
                             "to_dict(per_summary=True)")
        try:
            settings = RougeSettings.from_dict(data["settings"])
            rows = data["per_summary"]
            if not isinstance(rows, list):  # {} was read as no summary
                raise InputError(f"not a ROUGE report's to_dict(): per_summary {value_repr(rows)}")
            values = [[[row["scores"][m][k] for k in MEASURES] for m in settings.metrics]
                      for row in rows]
            cells = data["aggregate"]
            if not isinstance(cells, dict) or set(cells) != set(settings.metrics):
                # a metric left out failed in format_perl; [] in .items()
                raise InputError("not a ROUGE report's to_dict(): aggregate "
                                 f"{value_repr(cells)[:80]} is not one cell per metric of "
                                 "its settings")
            aggregate = {m: AggregateScore(*(Interval(**a[k]) for k in MEASURES))
                         for m, a in cells.items()}
            means = [v for a in aggregate.values() for i in rpf(a) for v in astuple(i)]  # and ends
            # NumPy read null as NaN and "0.5" as 0.5, and a recall of 7 was taken; an
            # eval_order of false failed in to_dict ("can only join an iterable"); an
            # aggregate of "0.5" or None failed in the tables, NaN went out as JSON's NaN
            odd = [v for v in [*(v for row in values for cell in row for v in cell), *means]
                   if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1]
            order = data.get("eval_order")
            if odd or not (order is None or isinstance(order, list)
                           and all(isinstance(i, str) for i in order)):
                raise InputError("not a ROUGE report's to_dict(): "
                                 + ("a score of "
                                    f"{value_repr(odd[0])}" if odd else f"eval_order {value_repr(order)}"))
            scores = np.array(values, dtype=np.float64).reshape(len(rows), len(settings.metrics), 3)
            return cls(settings, [row["id"] for row in rows], scores, aggregate, order)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # not to_dict's
            raise InputError(f"not a ROUGE report's to_dict(): {describe(exc)}") from None

    def to_json(self, per_summary: bool = True, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept as they are, terminal
        controls in summary ids escaped: :func:`~summarizer.errors.json_shown`)."""
        return json_shown(self.to_dict(per_summary), indent=indent)

    def format_table(self, per_summary: bool = False) -> str:
        """A plain-text table: each metric's R/P/F with its confidence interval."""
        from summarizer.metrics.settings import format_weight

        s = self.settings
        what = "ROUGE-1.5.5 Average (mean of resamples)" if self.headline == "average" else "mean"
        lines = [
            f"{len(self)} summaries, {s.mode} mode; {what} with "
            f"{format_weight(s.confidence)}% bootstrap interval ({s.resamples} resamples)",
        ]
        width = max([len(m) for m in self.metrics] + [6])
        head = f"{'metric':<{width}}  " + "  ".join(f"{h:<25}" for h in ("recall", "precision", "F"))
        lines += [head.rstrip(), "-" * len(head.rstrip())]
        for m, a in self.aggregate.items():
            cells = []
            for part in rpf(a):
                v = getattr(part, self.headline)
                cells.append(f"{v:.5f} ({part.low:.5f}-{part.high:.5f})")
            lines.append(f"{m:<{width}}  " + "  ".join(f"{c:<25}" for c in cells).rstrip())
        if per_summary:
            lines.append("")
            # a file name's line break (or tab) split or shifted its rows: written escaped,
            # as shown() writes the controls, and the column fitted to what is written
            labels = [re.sub(r"[\t\n\ud800-\udfff]", lambda c: ascii(c.group())[1:-1], shown(i))
                      for i in self.ids]
            idw = max([len(i) for i in labels] + [2])
            for i, row in zip(labels, self.per_summary, strict=True):
                for m, sc in row.items():
                    r, p, f = rpf(sc)
                    lines.append(f"{i:<{idw}}  {m:<{width}}  R:{r:.5f} P:{p:.5f} F:{f:.5f}")
        lines.append(f"signature: {self.signature}")
        return "\n".join(lines)

    def format_perl(self, system_id: str = "X", per_summary: bool = False,
                    weight: float | None = None, confidence: float | None = None) -> str:
        """The text ROUGE-1.5.5.pl prints (``-a``, with ``-d``: per-summary lines).

        Drop-in for scripts that parse the Perl's output (pyrouge, rouge-metric).
        Eval ids are 1..N in input order, or the positions in ``eval_order``. ``weight``
        and ``confidence``: the ``-w`` and ``-c`` given on a command line, printed as the
        Perl prints them, as typed (:class:`~summarizer.metrics.settings.TypedNumber`).
        """
        from summarizer.metrics.settings import format_weight, perl_spelling

        check_system_id(system_id)
        conf = perl_spelling(self.settings.confidence if confidence is None else confidence)
        w_name = f"ROUGE-W-{format_weight(self.settings.w_weight)}"
        typed_w = None if weight is None else f"ROUGE-W-{perl_spelling(weight)}"
        rank = {label: k + 1 for k, label in enumerate(self.eval_order or self.ids)}
        order = sorted(range(len(self.ids)), key=lambda i: rank[self.ids[i]])
        lines = []
        for j, m in enumerate(self.metrics):
            a = self.aggregate[m]
            if typed_w and m == w_name:
                m = typed_w
            lines.append("---------------------------------------------")
            for key, part in zip("RPF", rpf(a), strict=True):
                lines.append(
                    f"{system_id} {m} Average_{key}: {part.average:7.5f} "
                    f"({conf}%-conf.int. {part.low:7.5f} - {part.high:7.5f})"
                )
            if per_summary:
                lines.append(".............................................")
                for i in order:
                    r, p, f = self.scores[i, j]
                    lines.append(
                        f"{system_id} {m} Eval {rank[self.ids[i]]}.{system_id} R:{r:7.5f} P:{p:7.5f} F:{f:7.5f}"
                    )
        return "\n".join(lines)
