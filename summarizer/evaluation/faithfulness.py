"""Faithfulness of a run's summaries: the hook that adds it to ``summarizer evaluate``.

Every stored summary (generated here or precomputed elsewhere) is checked
against its cluster with :class:`summarizer.faithfulness.FaithfulnessChecker`:
sentence support rate and unsupported-number rate per cluster, their means
over clusters, and the pooled counts. It reads only the stored summary
sentences, so a finished run can be re-reported with it, and the numbers
do not depend on which system wrote the summaries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sized
from pathlib import Path
from typing import Any

from summarizer.documents.model import Cluster
from summarizer.errors import InputError, value_repr
from summarizer.evaluation.records import ClusterResult
from summarizer.metrics.aggregate import sequential_sum

# In a run folder: each cluster's check, appended as it is done, so that Ctrl-C loses at
# most the cluster in flight and a rerun checks only the rest (or nothing).
CHECKS_FILE = "faithfulness.jsonl"
CHECKS_KEY = b"faithfulness"  # the seal's key: a check depends on its line alone


def faithfulness_report(clusters: Iterable[Cluster],
                        results: Mapping[str, ClusterResult] | Iterable[ClusterResult],
                        checker: Any = None, progress: bool = False,
                        checks: Path | None = None, total: int | None = None) -> dict[str, Any]:
    """Check each cluster's stored summary against its cluster (matched by id); the report
    lists them in the order of ``clusters``, which are read once, one at a time (they may
    be streamed from the data set: ``total`` is their number for the progress bar).
    ``results`` is a mapping from id (e.g. :meth:`RunStore.stored_results`, which reads
    each from ``results.jsonl`` when asked, so that neither side need fit in memory), or
    results in any order (held by id).

    ``checks``: a file of the checks already done (:data:`CHECKS_FILE` in the run folder):
    a cluster whose summary and checker settings are those of a line there is not checked
    again, and each new check is appended to it as soon as it is done."""
    from summarizer.atomic import append_line, cut_torn_line
    from summarizer.evaluation.store import sealed
    from summarizer.faithfulness import FaithfulnessChecker
    from summarizer.progress import progress_bar
    from summarizer.sentences.split import split_spans

    checker = checker or FaithfulnessChecker()
    settings = _digest(checker.settings())
    done = _read_checks(checks, settings) if checks is not None else {}
    if checks is not None:  # the last line a kill cut short goes (its check is made again)
        cut_torn_line(checks)
    by_id = results if isinstance(results, Mapping) else {r.id: r for r in results}
    if total is None and isinstance(clusters, Sized):
        total = len(clusters)
    per_cluster: list[dict[str, Any]] = []
    missing: list[str] = []
    for cluster in progress_bar(clusters, asked=progress, total=total, unit="cluster",
                                desc="faithfulness", leave=False):
        result = by_id.get(cluster.id)
        if result is None:
            missing.append(cluster.id)
            continue
        summary = _digest(result.summary_sentences)
        rates = done.get((result.id, summary))
        if rates is None:
            language = cluster.language or "english"
            # stored lines (one per line of a precomputed file) may hold several sentences
            sentences = [line[a:b] for line in result.summary_sentences
                         for a, b in split_spans(line, language) if line[a:b].strip()]
            rates = {"id": result.id, **checker.check(sentences, cluster, language).rates()}
            if checks is not None:
                append_line(checks, sealed({"id": result.id, "summary": summary,
                                            "checker": settings, "rates": rates}, CHECKS_KEY))
        per_cluster.append(rates)
    if missing:
        raise InputError(f"no stored summary for cluster {value_repr(missing[0])} "
                         f"({len(missing)} in all); re-run evaluate to finish the run")

    def mean(key: str) -> float | None:
        values = [c[key] for c in per_cluster if c[key] is not None]
        return round(sequential_sum(values) / len(values), 4) if values else None

    sentences = sum(c["sentences"] for c in per_cluster)
    numbers = sum(c["numbers"] for c in per_cluster)
    unsupported_numbers = sum(round(c["unsupported_number_rate"] * c["numbers"])
                              for c in per_cluster if c["numbers"])
    return {
        "support_rate": mean("support_rate"),
        "unsupported_number_rate": mean("unsupported_number_rate"),
        "unsupported_date_rate": mean("unsupported_date_rate"),
        "unsupported_name_rate": mean("unsupported_name_rate"),
        "sentences": sentences,
        "unsupported_sentences": sum(c["unsupported_sentences"] for c in per_cluster),
        "numbers": numbers,
        "unsupported_numbers": unsupported_numbers,
        "settings": checker.settings(),
        "per_cluster": per_cluster,
    }


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str,
                                     ensure_ascii=False).encode()).hexdigest()[:16]


def _read_checks(path: Path, settings: str) -> dict[tuple[str, str], dict[str, Any]]:
    """(cluster id, summary digest) -> rates, of the checks in ``path`` made with these
    checker settings. A line that cannot be read (the torn last line a kill leaves) is a
    check not done: it is made again, never trusted; so is a line changed after it was
    written (its seal, as results.jsonl's: a rate edited by hand went into the report)."""
    from summarizer.evaluation.store import seal_holds

    if path.is_symlink() or not path.is_file():
        return {}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    with open(path, "rb") as fh:
        lines = fh.read().splitlines()
    for raw in lines:
        try:
            rec = json.loads(raw)
        except (ValueError, RecursionError):  # also not UTF-8, json's limits
            continue
        if (isinstance(rec, dict) and seal_holds(raw, rec, CHECKS_KEY)
                and rec.get("checker") == settings
                and isinstance(rec.get("rates"), dict) and isinstance(rec.get("id"), str)
                and isinstance(rec.get("summary"), str)):
            found[(rec["id"], rec["summary"])] = rec["rates"]
    return found


def faithfulness_markdown(f: dict[str, Any]) -> list[str]:
    """The report.md section."""
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{100 * x:.1f}%"

    s = f["settings"]
    return [
        "## Faithfulness (summary checked against its cluster)",
        "",
        "| measure | mean over clusters | pooled |",
        "|---|---|---|",
        f"| sentence support rate | {pct(f['support_rate'])} | "
        f"{f['sentences'] - f['unsupported_sentences']} of {f['sentences']} sentences |",
        f"| unsupported-number rate | {pct(f['unsupported_number_rate'])} | "
        f"{f['unsupported_numbers']} of {f['numbers']} numbers |",
        f"| unsupported-date rate | {pct(f['unsupported_date_rate'])} | |",
        f"| unsupported-name rate | {pct(f['unsupported_name_rate'])} | |",
        "",
        f"Checker: evidence = lexical{' + embedding (' + str(s.get('encoder')) + ')' if s.get('embeddings') else ''} "
        f"support, min_support {s.get('min_support')}; numbers, dates and names normalised "
        "(summarizer.faithfulness).",
        "",
    ]
