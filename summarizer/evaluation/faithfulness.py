"""Faithfulness of a run's summaries: the hook that adds it to ``summarizer evaluate``.

Every stored summary (generated here or precomputed elsewhere) is checked
against its cluster with :class:`summarizer.faithfulness.FaithfulnessChecker`:
sentence support rate and unsupported-number rate per cluster, their means
over clusters, and the pooled counts. It reads only the stored summary
sentences, so a finished run can be re-reported with it, and the numbers
do not depend on which system wrote the summaries.
"""

from __future__ import annotations

from typing import Any

from summarizer.documents.model import Cluster
from summarizer.evaluation.records import ClusterResult


def faithfulness_report(clusters: list[Cluster], results: list[ClusterResult],
                        checker: Any = None, progress: bool = False) -> dict[str, Any]:
    """Check each cluster's stored summary against the cluster (same order)."""
    from tqdm.auto import tqdm

    from summarizer.faithfulness import FaithfulnessChecker
    from summarizer.sentences.split import split_spans

    checker = checker or FaithfulnessChecker()
    per_cluster = []
    for cluster, result in tqdm(list(zip(clusters, results, strict=True)), unit="cluster",
                                desc="faithfulness", disable=not progress, leave=False):
        language = cluster.language or "english"
        # stored lines (one per line of a precomputed file) may hold several sentences
        sentences = [line[a:b] for line in result.summary_sentences
                     for a, b in split_spans(line, language) if line[a:b].strip()]
        report = checker.check(sentences, cluster, language)
        per_cluster.append({"id": result.id, **report.rates()})

    def mean(key: str) -> float | None:
        values = [c[key] for c in per_cluster if c[key] is not None]
        return round(sum(values) / len(values), 4) if values else None

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
