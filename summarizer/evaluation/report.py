"""Run reports: ``report.json`` for tools and ``report.md`` for people.

The scores are aggregated here from the per-cluster scores stored in ``results.jsonl``, in
data set order (each summary is scored once, when it is made), so a report does not depend
on interruptions. :class:`RunReport` is the typed form; ``report.json`` is its
:meth:`~RunReport.to_dict`, and :func:`load_report` reads one back, checked, value by value
(:mod:`~summarizer.evaluation.jsonstream`): memory holds the per-cluster arrays, not the file.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from summarizer.atomic import json_content, write_together
from summarizer.errors import InputError, one_line, shortened, value_repr
from summarizer.evaluation.jsonstream import JSONStreamError, read_object
from summarizer.evaluation.records import (
    ClusterScores,
    PerCluster,
    ResultFigures,
    ResultRows,
    figures_column,
    finite_number,
    need,
    scores_from_dict,
)
from summarizer.evaluation.settings import RunInfo, RunSettings
from summarizer.languages import LANGUAGES
from summarizer.metrics import report_from_scores
from summarizer.metrics.aggregate import AggregateScore, Interval, sequential_sum
from summarizer.metrics.measures import KEYS, rpf
from summarizer.textio import input_exists, json_problem, refuse_irregular
from summarizer.values import check_values, finite, type_hints

_INTERVAL = tuple(f.name for f in fields(Interval))  # mean, low, high, average: as stored

REPORT_FILE = "report.json"


@dataclass
class Throughput:
    """Clusters/s and input tokens/s over summarising time; peak memory over the run."""

    clusters: int
    summarize_seconds: float
    clusters_per_second: float | None
    input_tokens: int
    input_tokens_per_second: float | None
    peak_rss_mb: float | None
    gpu_peak_mb: float | None
    mean_summary_words: float | None
    # clusters by the device and dtype that summarised them ("cpu float32": 40), where the
    # method records them: a run resumed on another machine may hold two
    ran_on: dict[str, int] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> Throughput:
        """A stored throughput, each figure a finite number (or missing: reports written
        before it was recorded), ``ran_on`` counts by name; else a one-line InputError. NaN
        and infinity are a damaged report, as in the scores (:func:`finite_number`): no run
        writes them (a rate over 0 s is stored as missing: :meth:`of`), and report.md would
        print "nan clusters/s" as a figure."""
        for k, value in data.items():
            if k not in cls.__dataclass_fields__ or value is None:
                continue
            if k == "ran_on":
                ok = isinstance(value, dict) and all(
                    isinstance(n, int) and not isinstance(n, bool) for n in value.values())
            else:  # finite_number's test, without its error (this one names the field)
                ok = isinstance(value, int | float) and finite(value)
            if not ok:
                raise InputError(f"{where}: field {k!r} has the wrong value "
                                 f"({value_repr(value)})")
        figures: dict[str, Any] = {k: data.get(k) for k in cls.__dataclass_fields__}
        return cls(**figures)

    @classmethod
    def of(cls, results: Sequence[ResultFigures]) -> Throughput:
        seconds = sequential_sum(figures_column(results, "seconds"))  # the same on every Python
        tokens = sum(figures_column(results, "input_tokens"))
        gpu = [g for g in figures_column(results, "gpu_peak_mb") if g is not None]
        return cls(
            clusters=len(results),
            summarize_seconds=round(seconds, 4),
            clusters_per_second=round(len(results) / seconds, 3) if seconds else None,
            input_tokens=tokens,
            input_tokens_per_second=round(tokens / seconds, 1) if seconds else None,
            peak_rss_mb=max(figures_column(results, "peak_rss_mb"), default=None),
            gpu_peak_mb=max(gpu) if gpu else None,
            mean_summary_words=round(sum(figures_column(results, "summary_words")) / len(results), 1)
            if results else None,
            ran_on=dict(Counter(r for r in figures_column(results, "ran_on") if r)) or None,
        )

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class ReportRouge:
    """How a run was scored."""

    options: dict[str, Any]  # the stored ROUGE settings (run.json's "rouge")
    signature: str
    confidence: float
    resamples: int
    headline: str  # which aggregate ROUGE-1.5.5 prints: "average" or "mean"

    @property
    def mode(self) -> str:
        return str(self.options.get("mode", "rouge155"))

    @property
    def tokenizer(self) -> str:
        return str(self.options.get("tokenizer", "default"))


@dataclass
class DatasetInfo:
    """The data set a run covered."""

    name: str
    kind: str
    options: dict[str, Any]
    clusters: int
    total_clusters: int
    fingerprint: str
    source: str | None = None
    # documents cleaning left without text, left out (--allow-skipped-documents): cluster,
    # document and reason each; absent from the report where there were none
    skipped_documents: list[dict[str, Any]] = field(default_factory=list)
    # the languages the clusters were read in: the one named, else each record's own where
    # it names one (a JSONL line's "language"); None in a report made before they were kept
    languages: list[str] | None = None

    @property
    def language(self) -> str | None:
        """The language the run was given (options), else English: the records' may differ
        (:attr:`languages`)."""
        return self.options.get("language")

    @property
    def read_in(self) -> list[str]:
        """The languages the clusters were read in (:attr:`language` where not known)."""
        return self.languages or [str(self.language or "")]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "options": self.options,
                "clusters": self.clusters, "total_clusters": self.total_clusters,
                "fingerprint": self.fingerprint, "source": self.source,
                **({"skipped_documents": self.skipped_documents}
                   if self.skipped_documents else {}),
                **({"languages": self.languages} if self.languages is not None else {})}


class _MadeAsEncoded(list):
    """A list to json's indented (pure-Python) encoder whose items are made one at a time
    as it encodes them (``iter``), so writing a report holds one cluster's dict, not all
    of them. Only for :func:`~summarizer.atomic.write_json_atomic` (indented): the one-shot
    C encoder would see an empty list."""

    def __init__(self, size: int, items: Callable[[], Iterator[Any]]):
        super().__init__()
        self._size, self._items = size, items

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        return self._items()


@dataclass
class RunReport:
    """Everything a reader needs about a finished run."""

    system: str
    options: dict[str, Any]
    budget: dict[str, Any]
    dataset: DatasetInfo
    rouge: ReportRouge
    seed: int
    package_version: str
    code_fingerprint: str | None
    scores: dict[str, AggregateScore]
    throughput: Throughput
    per_cluster: Sequence[ClusterScores] = field(default_factory=PerCluster)
    faithfulness: dict[str, Any] | None = None  # evaluate --faithfulness
    # what the options resolved to (the summariser's settings(): the encoder that
    # ``encoder=None`` chose on this installation ...); {} in reports written before
    system_settings: dict[str, Any] = field(default_factory=dict)
    # the clusters whose summary is one of their references, as ROUGE counts tokens (scored
    # against a set that holds it: higher than any other system could get); [] in older ones
    summaries_equal_to_reference: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self._as_dict(lazy=False)

    def _as_dict(self, lazy: bool) -> dict[str, Any]:
        """``lazy``: the per-cluster list made as it is written (see :class:`_MadeAsEncoded`)."""
        per = self.per_cluster
        if not isinstance(per, PerCluster):  # a list made in Python
            per = PerCluster.of(per)
        # one made in Python may list a cluster twice: load_report refuses such a file
        refuse_repeated_ids(per.ids, "RunReport")
        clusters = _MadeAsEncoded(len(per), per.dicts) if lazy else list(per.dicts())
        return {
            **({"faithfulness": self.faithfulness} if self.faithfulness is not None else {}),
            "system": self.system,
            "options": self.options,
            "system_settings": self.system_settings,
            "budget": self.budget,
            "dataset": self.dataset.to_dict(),
            "rouge": dict(vars(self.rouge)),
            "seed": self.seed,
            "package_version": self.package_version,
            "code_fingerprint": self.code_fingerprint,
            "scores": {m: a.to_dict(KEYS) for m, a in self.scores.items()},
            "throughput": self.throughput.to_dict(),
            "per_cluster": clusters,
            **({"summaries_equal_to_reference": self.summaries_equal_to_reference}
               if self.summaries_equal_to_reference else {}),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> RunReport:
        """A report read back; anything missing or mistyped is a one-line InputError."""
        if not isinstance(data, dict):
            raise InputError(f"{where}: not a report of summarizer evaluate (not a JSON object)")
        try:
            ds = need(data, "dataset", dict, where)
            rouge = need(data, "rouge", dict, where)
            scores = {}
            for m, cell in need(data, "scores", dict, where).items():
                if not isinstance(cell, dict):
                    raise InputError(f"{where}: scores of {value_repr(m)} are not an object")
                parts = []
                name = shortened(str(m))  # a key of the file: any length
                for k in KEYS:
                    c = need(cell, k, dict, f"{where} scores.{name}")
                    if set(_INTERVAL) - set(c):
                        raise InputError(f"{where}: scores.{name}.{k} needs mean, low, high "
                                         "and average numbers")
                    # as strict as per_cluster's scores: float() took "0.5", "nan", "inf"
                    parts.append(Interval(*(finite_number(c[x], f"{where} scores.{name}.{k}.{x}")
                                            for x in _INTERVAL)))
                scores[str(m)] = AggregateScore(*parts)
            rows = data.get("per_cluster")  # read by load_report, or a list given here
            if not isinstance(rows, _ClusterRows):
                rows = _ClusterRows.of(need(data, "per_cluster", list, where), where)
            per_cluster = rows.result()
            tp = need(data, "throughput", dict, where)
            budget = need(data, "budget", dict, where)  # its fields are read as they are
            for key, kind in (("unit", str), ("limit", int), ("truncate", bool)):
                need(budget, key, kind, where + " budget")
            return cls(
                system=need(data, "system", str, where),
                options=need(data, "options", dict, where),
                budget=budget,
                dataset=DatasetInfo(
                    name=need(ds, "name", str, where + " dataset"),
                    kind=need(ds, "kind", str, where + " dataset"),
                    options=need(ds, "options", dict, where + " dataset"),
                    clusters=need(ds, "clusters", int, where + " dataset"),
                    total_clusters=need(ds, "total_clusters", int, where + " dataset"),
                    fingerprint=need(ds, "fingerprint", str, where + " dataset"),
                    source=ds.get("source"),
                    skipped_documents=list(ds.get("skipped_documents") or []),
                    languages=_languages(ds.get("languages"), where + " dataset"),
                ),
                rouge=ReportRouge(
                    options=need(rouge, "options", dict, where + " rouge"),
                    signature=need(rouge, "signature", str, where + " rouge"),
                    confidence=finite_number(need(rouge, "confidence", (int, float),
                                                  where + " rouge"), where + " rouge.confidence"),
                    resamples=need(rouge, "resamples", int, where + " rouge"),
                    headline=str(rouge.get("headline", "average")),
                ),
                seed=need(data, "seed", int, where),
                package_version=str(data.get("package_version", "")),
                code_fingerprint=data.get("code_fingerprint"),
                scores=scores,
                throughput=Throughput.from_dict(tp, where + " throughput"),
                per_cluster=per_cluster,
                faithfulness=data.get("faithfulness") if isinstance(data.get("faithfulness"),
                                                                    dict) else None,
                system_settings=settings if isinstance(settings := data.get("system_settings"),
                                                       dict) else {},
                summaries_equal_to_reference=[str(i) for i in equal] if isinstance(
                    equal := data.get("summaries_equal_to_reference"), list) else [],
            )
        except InputError as exc:
            raise InputError(f"not a complete report of summarizer evaluate: {exc}") from None


class _ClusterRows:
    """``per_cluster`` of a report.json read one cluster at a time (a sink of
    :func:`~summarizer.evaluation.jsonstream.read_object`, or fed a list), checked, into a
    :class:`PerCluster`: the ids and an array of 8-byte numbers, not the clusters' dicts.
    The first bad cluster is kept as the error :meth:`result` raises, so that a report's
    other faults are told in the order :meth:`RunReport.from_dict` checks them."""

    def __init__(self, where: str):
        self.where = where
        self.table = PerCluster()
        self.error: InputError | None = None
        self.n = 0

    @classmethod
    def of(cls, items: list[Any], where: str) -> _ClusterRows:
        rows = cls(where)
        for item in items:
            rows.add(item)
        return rows

    def add(self, c: Any) -> None:
        n, self.n = self.n, self.n + 1
        if self.error is not None:
            return
        at = f"{self.where} per_cluster[{n}]"
        try:
            if not isinstance(c, dict):
                raise InputError(f"{at}: not an object")
            self.table.add(need(c, "id", str, at), scores_from_dict(c.get("scores"), at))
        except InputError as exc:
            self.error = exc

    def result(self) -> PerCluster:
        """The clusters read; the first bad cluster's InputError, or one for an id listed
        twice (a hand-edited or damaged report: its means counted the cluster twice, and
        compare took one of the two rows)."""
        if self.error is not None:
            raise self.error
        refuse_repeated_ids(self.table.ids, self.where)
        return self.table


def refuse_repeated_ids(ids: list[str], where: str) -> None:
    """An InputError for the first cluster id of ``ids`` (a report's ``per_cluster``) that an
    earlier cluster has: such a report counts the cluster twice in its means, and compare
    would pair one of its rows."""
    # sorted references: 8 bytes an id for the check (a set was 50-60)
    if any(a == b for a, b in itertools.pairwise(sorted(ids))):
        first: dict[str, int] = {}
        for n, cid in enumerate(ids):
            if cid in first:
                raise InputError(f"{where} per_cluster[{n}]: id {value_repr(cid)} is also "
                                 f"per_cluster[{first[cid]}]'s; each cluster is listed once")
            first[cid] = n


def build_report(
    settings: RunSettings, info: RunInfo, results: Sequence[ResultFigures]
) -> RunReport:
    """Aggregate the stored per-cluster scores (data set order) into the run's report
    (``results``: figures, or a :class:`ResultRows` of a run's table)."""
    rouge = settings.rouge
    if isinstance(results, ResultRows):
        rows, ids = results.scores(rouge.metrics), results.ids
    else:
        table = PerCluster.of(results)
        rows, ids = table.array(rouge.metrics), table.ids
    corpus = report_from_scores(rows, rouge, ids=ids)
    s = settings.to_dict()
    ds = settings.dataset
    return RunReport(
        system=settings.method,
        options=s["options"],
        budget=s["budget"],
        dataset=DatasetInfo(
            name=ds["name"], kind=ds["kind"], options=ds["options"], clusters=ds["clusters"],
            total_clusters=ds["total_clusters"], fingerprint=ds["fingerprint"],
            source=info.dataset_source, skipped_documents=ds.get("skipped_documents", []),
            languages=info.dataset_languages or None,
        ),
        rouge=ReportRouge(options=s["rouge"], signature=corpus.signature,
                          confidence=rouge.confidence, resamples=rouge.resamples,
                          headline=corpus.headline),
        seed=settings.seed,
        package_version=settings.package_version,
        code_fingerprint=settings.code_fingerprint,
        scores=dict(corpus.aggregate),
        throughput=Throughput.of(results),
        per_cluster=PerCluster(ids, corpus.scores, rouge.metrics),
        system_settings=s["system_settings"],
        summaries_equal_to_reference=[
            i for i, r in zip(ids, figures_column(results, "equals_reference"), strict=True)
            if r is not None],
    )


def equal_to_reference_note(ids: Sequence[str], total: int) -> str:
    """The report's (and the run's warning) line on the clusters ``ids`` whose summary is
    one of their references: scored as given, against a set that holds it."""
    shown = ", ".join(value_repr(i) for i in ids[:5]) + (" ..." if len(ids) > 5 else "")
    return (f"{len(ids)} of {total} summaries are the same text as one of their cluster's "
            f"references (as ROUGE counts tokens), each scored against a reference set that "
            f"holds it, which lifts the scores: {shown}")


def md_text(value: object) -> str:
    """``value`` for one Markdown line or table cell: a line break becomes a space and ``|`` is
    escaped (a data set named ``a|b`` or with a newline split the report's table or title),
    and control characters are escaped (:func:`one_line`: a data set's or a skipped
    document's name sent a terminal escape out raw, on stdout too)."""
    return one_line(str(value)).replace("|", "\\|")


def _fmt(cell: Interval) -> str:
    return f"{cell.mean:.5f} [{cell.low:.5f}, {cell.high:.5f}]"


def _left_out(count: int) -> str:
    """The report's line on the documents ``--allow-skipped-documents`` left out: a run
    whose clusters lost none says so, not "0 ... listed below" over no list."""
    if not count:
        return "none (--allow-skipped-documents)"
    return f"{count} unusable (--allow-skipped-documents; listed below, each with why)"


# The data set options that choose what is read from it (the split, its fields): the
# Markdown named none, so a run of the test split and one of validation read alike
_READING = ("split", "preset", "text_field", "summary_field", "id_field", "separator",
            "date_field")


def _language_row(ds: DatasetInfo) -> str:
    """The language row of report.md: the one the run was given, or the records' own where
    they named others (a JSONL file of Arabic lines was reported as English)."""
    if ds.languages is None or ds.languages == [ds.language]:  # an older report: not kept
        return str(ds.language)
    return f"{', '.join(ds.read_in)} (as the records name it; else {ds.language})"


def _languages(value: Any, where: str) -> list[str] | None:
    """A report's ``dataset.languages``, checked as the field's type says."""
    check_values({"languages": value}, type_hints(DatasetInfo), f"{where}: ", InputError)
    return value


def _read_as(options: dict[str, Any]) -> str:
    return ", ".join(f"{k}={options[k]!r}" for k in _READING if options.get(k) is not None)


def report_markdown(report: RunReport) -> str:
    """The Markdown form of a report."""
    ds, b, tp = report.dataset, report.budget, report.throughput
    conf = f"{report.rouge.confidence:g}"
    read_as = _read_as(ds.options)
    lines = [
        f"# Evaluation: {md_text(report.system)} on {md_text(ds.name)}",
        "",
        "| setting | value |",
        "|---|---|",
        f"| system | `{md_text(report.system)}` |",
        f"| options | `{md_text(json.dumps(report.options, sort_keys=True))}` |",
        *([f"| system settings | `{md_text(json.dumps(report.system_settings, sort_keys=True))}` |"]
          if report.system_settings else []),
        f"| budget | {b['limit']} {b['unit']}{' (truncate)' if b['truncate'] else ''} |",
        f"| data set | {md_text(ds.kind)} `{md_text(ds.source)}` ({ds.clusters} of "
        f"{ds.total_clusters} clusters, fingerprint `{ds.fingerprint}`) |",
        f"| language | {md_text(_language_row(ds))} |",
        *([f"| read as | {md_text(read_as)} |"] if read_as else []),
        f"| subset | limit={ds.options.get('limit')}, seed={ds.options.get('seed')} |",
        *([f"| documents left out | {_left_out(len(ds.skipped_documents))} |"]
          if ds.options.get("allow_skipped_documents") else []),
        f"| seed | {report.seed} |",
        f"| package | summarizer {report.package_version} (code fingerprint "
        f"`{report.code_fingerprint}`) |",
        "",
        f"## ROUGE: mean over clusters [{conf}% bootstrap interval, "
        f"{report.rouge.resamples} resamples]",
        "",
        "| metric | recall | precision | F |",
        "|---|---|---|---|",
    ]
    for m, a in report.scores.items():
        lines.append(f"| {m} | " + " | ".join(map(_fmt, rpf(a))) + " |")
    if report.rouge.headline == "average":
        lines += [
            "",
            "ROUGE-1.5.5.pl prints `Average_R/P/F`, the mean of the bootstrap resamples "
            "(it differs from the plain mean in the 4th-5th decimal):",
            "",
            "| metric | Average_R | Average_P | Average_F |",
            "|---|---|---|---|",
        ]
        for m, a in report.scores.items():
            lines.append(f"| {m} | " + " | ".join(f"{i.average:.5f}" for i in rpf(a)) + " |")
    unread = [name for name in ds.read_in
              if name.lower() in LANGUAGES and LANGUAGES[name.lower()].script != "latin"]
    language = ", ".join(unread)
    # rouge-score's own tokeniser drops non-ASCII letters too: Hebrew scored 0 without a word.
    if unread and report.rouge.tokenizer == "default":
        own = "ROUGE-1.5.5's" if report.rouge.mode == "rouge155" else "rouge-score's"
        lines += [
            "",
            f"Note: {own} own tokeniser keeps only ASCII letters and digits, so {language} "
            "words are mostly not compared (the official TAC 2011 scores were computed so); "
            "`--tokenizer unicode` scores the words themselves.",
        ]
    if report.summaries_equal_to_reference:
        lines += ["", "Note: " + md_text(equal_to_reference_note(
            report.summaries_equal_to_reference, ds.clusters))]
    if ds.skipped_documents:
        lines += ["", "## Documents left out (unusable: the reason says why)", "",
                  "| cluster | document | reason |", "|---|---|---|"]
        lines += ["| " + " | ".join(md_text(d.get(k)) for k in ("cluster", "document", "reason"))
                  + " |"
                  for d in ds.skipped_documents]
    if report.faithfulness is not None:
        from summarizer.evaluation.faithfulness import faithfulness_markdown

        lines += ["", *faithfulness_markdown(report.faithfulness)]
    lines += [
        "",
        "ROUGE signature:",
        "",
        f"    {report.rouge.signature}",
        "",
        "## Throughput",
        "",
        f"- clusters: {tp.clusters}, summarising time {tp.summarize_seconds:.2f} s "
        "(scoring excluded; model loading counts in the first cluster of each session)",
        f"- {tp.clusters_per_second} clusters/s, {tp.input_tokens_per_second} input tokens/s",
        f"- peak memory (RSS): {tp.peak_rss_mb} MB"
        + (f"; GPU peak {tp.gpu_peak_mb:.0f} MB" if tp.gpu_peak_mb else ""),
        f"- mean summary length: {tp.mean_summary_words} words",
        *_ran_on_lines(tp.ran_on),
        "",
    ]
    return "\n".join(lines)


def _ran_on_lines(ran_on: dict[str, int] | None) -> list[str]:
    if not ran_on:
        return []
    line = "- ran on: " + ", ".join(f"{k} ({n} clusters)" for k, n in sorted(ran_on.items()))
    if len(ran_on) > 1:  # device=auto resolved otherwise on the machine that resumed the run
        line += (" - mixed: the run was resumed where the device or dtype resolved otherwise; "
                 "give device and dtype by name to hold one")
    return [line]


def write_report(folder: Path, report: RunReport) -> None:
    """Write ``report.json`` and ``report.md`` into a run folder, both or neither
    (:func:`~summarizer.atomic.write_together`): a Ctrl-C or SIGTERM between them left a new
    report.json beside a missing or older report.md, and so did a full disk."""
    markdown = report_markdown(report)  # before either file: a Ctrl-C here replaces none
    write_together([(folder / REPORT_FILE, json_content(report._as_dict(lazy=True))),
                    (folder / "report.md", markdown)])


class _Skipped:
    """A sink that keeps nothing (the items are checked as JSON only)."""

    def add(self, item: Any) -> None:
        pass


def load_report(folder: str | Path, faithfulness_clusters: bool = True) -> RunReport:
    """The report of a finished run folder, checked field by field. Without
    ``faithfulness_clusters``, the faithfulness figures (``evaluate --faithfulness``) come
    without their per-cluster list, which is read through and not kept (what ``compare``
    reads: memory then holds only the per-cluster scores' arrays)."""
    if not isinstance(folder, str | os.PathLike):  # None, bytes: Path's TypeError
        raise InputError(f"load_report takes a run folder's path, not {type(folder).__name__}")
    path = Path(folder) / REPORT_FILE
    if not input_exists(path):
        raise InputError(
            f"{shortened(str(folder))}: no report.json (not a run folder, or the run has not finished; "
            "re-run its evaluate command to finish it)"
        )
    refuse_irregular(path)  # a FIFO's read waited for a writer
    where = shortened(str(path))  # a folder of any length
    try:
        # value by value: the per-cluster scores go straight into their arrays, so memory
        # holds those and a block of text, not the parsed JSON of every cluster
        with open(path, "rb") as fh:
            data = read_object(fh, {"per_cluster": lambda: _ClusterRows(where),
                                    **({} if faithfulness_clusters else
                                       {"faithfulness": {"per_cluster": _Skipped}})})
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text (not a report of summarizer evaluate)") from None
    except JSONStreamError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}); the file "
                         "is truncated or damaged: re-run its evaluate command") from None
    except RecursionError as exc:
        raise InputError(f"{where}: not valid JSON ({json_problem(exc)})") from None
    faithfulness = data.get("faithfulness") if isinstance(data, dict) else None
    if isinstance(faithfulness, dict) and isinstance(faithfulness.get("per_cluster"), _Skipped):
        del faithfulness["per_cluster"]
    return RunReport.from_dict(data, where)
