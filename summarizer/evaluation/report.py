"""Run reports: ``report.json`` for tools and ``report.md`` for people.

Scores are computed here from all per-cluster results in data set order,
never accumulated during the run, so they do not depend on interruptions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.evaluation.datasets import Dataset
from summarizer.evaluation.scoring import score_corpus
from summarizer.evaluation.store import write_json_atomic
from summarizer.metrics import RougeSettings

NON_LATIN = {"arabic", "greek", "hebrew", "hindi", "russian", "chinese", "japanese", "korean",
             "persian", "urdu", "thai", "bengali", "tamil"}


def throughput(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Clusters/s and input tokens/s over summarising time; peak memory over the run."""
    seconds = sum(r["seconds"] for r in results)
    tokens = sum(r["input_tokens"] for r in results)
    gpu = [r["gpu_peak_mb"] for r in results if r.get("gpu_peak_mb") is not None]
    return {
        "clusters": len(results),
        "summarize_seconds": round(seconds, 4),
        "clusters_per_second": round(len(results) / seconds, 3) if seconds else None,
        "input_tokens": tokens,
        "input_tokens_per_second": round(tokens / seconds, 1) if seconds else None,
        "peak_rss_mb": max((r["peak_rss_mb"] for r in results), default=None),
        "gpu_peak_mb": max(gpu) if gpu else None,
        "mean_summary_words": round(sum(r["summary_words"] for r in results) / len(results), 1)
        if results else None,
    }


def build_report(
    settings: dict[str, Any],
    info: dict[str, Any],
    data: Dataset,
    results: list[dict[str, Any]],
    rouge: RougeSettings,
) -> dict[str, Any]:
    """Score all results together and gather everything a reader needs."""
    systems = [r["summary_sentences"] for r in results]
    references = [c.references for c in data.clusters]
    ids = [r["id"] for r in results]
    scores = score_corpus(systems, references, ids, rouge)
    return {
        "system": settings["method"],
        "options": settings["options"],
        "budget": settings["budget"],
        "dataset": {**settings["dataset"], "source": info.get("dataset_source")},
        "rouge": {"options": settings["rouge"], "signature": scores.signature,
                  "confidence": rouge.confidence, "resamples": rouge.resamples,
                  "headline": scores.headline},
        "seed": settings["seed"],
        "package_version": settings["package_version"],
        "code_fingerprint": settings.get("code_fingerprint"),
        "scores": scores.aggregate,
        "throughput": throughput(results),
        "per_cluster": [
            {"id": r["id"], "scores": s} for r, s in zip(results, scores.per_summary, strict=True)
        ],
    }


def _fmt(cell: dict[str, float]) -> str:
    return f"{cell['mean']:.5f} [{cell['low']:.5f}, {cell['high']:.5f}]"


def report_markdown(report: dict[str, Any]) -> str:
    """The Markdown form of a report."""
    ds, b, tp = report["dataset"], report["budget"], report["throughput"]
    conf = f"{report['rouge']['confidence']:g}"
    lines = [
        f"# Evaluation: {report['system']} on {ds['name']}",
        "",
        "| setting | value |",
        "|---|---|",
        f"| system | `{report['system']}` |",
        f"| options | `{json.dumps(report['options'], sort_keys=True)}` |",
        f"| budget | {b['limit']} {b['unit']}{' (truncate)' if b['truncate'] else ''} |",
        f"| data set | {ds['kind']} `{ds.get('source')}` ({ds['clusters']} of "
        f"{ds['total_clusters']} clusters, fingerprint `{ds['fingerprint']}`) |",
        f"| language | {ds['options'].get('language')} |",
        f"| subset | limit={ds['options'].get('limit')}, seed={ds['options'].get('seed')} |",
        f"| seed | {report['seed']} |",
        f"| package | summarizer {report['package_version']} (code fingerprint "
        f"`{report.get('code_fingerprint')}`) |",
        "",
        f"## ROUGE: mean over clusters [{conf}% bootstrap interval, "
        f"{report['rouge']['resamples']} resamples]",
        "",
        "| metric | recall | precision | F |",
        "|---|---|---|---|",
    ]
    for m, row in report["scores"].items():
        lines.append(f"| {m} | {_fmt(row['r'])} | {_fmt(row['p'])} | {_fmt(row['f'])} |")
    if report["rouge"].get("headline") == "average":
        lines += [
            "",
            "ROUGE-1.5.5.pl prints `Average_R/P/F`, the mean of the bootstrap resamples "
            "(it differs from the plain mean in the 4th-5th decimal):",
            "",
            "| metric | Average_R | Average_P | Average_F |",
            "|---|---|---|---|",
        ]
        for m, row in report["scores"].items():
            lines.append(f"| {m} | {row['r']['average']:.5f} | {row['p']['average']:.5f} | "
                         f"{row['f']['average']:.5f} |")
    language = str(ds["options"].get("language") or "").lower()
    opts = report["rouge"]["options"]
    if (language in NON_LATIN and opts.get("mode") == "rouge155"
            and opts.get("tokenizer", "default") == "default"):
        lines += [
            "",
            f"Note: ROUGE-1.5.5's own tokeniser keeps only ASCII letters and digits, so {language} "
            "words are mostly not compared (the official TAC 2011 scores were computed so); "
            "`--tokenizer unicode` scores the words themselves.",
        ]
    lines += [
        "",
        "ROUGE signature:",
        "",
        f"    {report['rouge']['signature']}",
        "",
        "## Throughput",
        "",
        f"- clusters: {tp['clusters']}, summarising time {tp['summarize_seconds']:.2f} s "
        "(scoring excluded; model loading counts in the first cluster of each session)",
        f"- {tp['clusters_per_second']} clusters/s, {tp['input_tokens_per_second']} input tokens/s",
        f"- peak memory (RSS): {tp['peak_rss_mb']} MB"
        + (f"; GPU peak {tp['gpu_peak_mb']:.0f} MB" if tp.get("gpu_peak_mb") else ""),
        f"- mean summary length: {tp['mean_summary_words']} words",
        "",
    ]
    return "\n".join(lines)


def write_report(folder: Path, report: dict[str, Any]) -> None:
    """Write ``report.json`` and ``report.md`` into a run folder."""
    write_json_atomic(folder / "report.json", report)
    (folder / "report.md").write_text(report_markdown(report), encoding="utf-8")


def load_report(folder: str | Path) -> dict[str, Any]:
    """The report of a finished run folder."""
    from summarizer.errors import InputError

    path = Path(folder) / "report.json"
    if not path.exists():
        raise InputError(
            f"{folder}: no report.json (not a run folder, or the run has not finished; "
            "re-run its evaluate command to finish it)"
        )
    return json.loads(path.read_text(encoding="utf-8"))
