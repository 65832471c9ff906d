"""Resumable evaluation runs: summarise every cluster, score, report.

Each cluster's result is appended to ``OUT/results.jsonl`` as soon as it is
done; re-running the same call skips the clusters already there. The final
scores are computed from all per-cluster results at the end, in data set
order, so a resumed run reports exactly what an uninterrupted one would.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.documents.model import Cluster
from summarizer.errors import InputError, RunMismatchError, SummarizerError
from summarizer.evaluation.datasets import (
    Dataset,
    DatasetOptions,
    dataset_from_clusters,
    load_dataset,
)
from summarizer.evaluation.scoring import make_rouge, score_one, settings_dict
from summarizer.evaluation.store import RunStore
from summarizer.evaluation.systems import PRECOMPUTED, build_system, system_label
from summarizer.metrics import RougeSettings
from summarizer.runtime import DEFAULT_SEED, set_seed
from summarizer.summarizers.budget import Budget, make_budget

# Budgets that match each data set's official task when the user gives none.
DEFAULT_WORDS = {"tac2011": 250, "duc": 100}


@dataclass
class RunResult:
    """What :func:`evaluate` returns: the folder and the final report."""

    out: Path
    report: dict[str, Any]
    resumed: int  # clusters found already done when the run started
    computed: int  # clusters summarised by this call


def default_rouge(kind: str, budget: Budget, mode: str = "rouge155", **changes: Any) -> RougeSettings:
    """ROUGE options a data set is conventionally scored with.

    TAC 2011 MultiLing: the official options (no stemming, no truncation:
    ``-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0``). DUC: stemming
    (``-m``) and truncation to the task's length (``-l``/``-b``), as in the
    DUC 2003/2004 evaluations. Other data: stemming, no truncation. The
    bootstrap uses ROUGE-1.5.5's own draws (seed 0). ``changes`` override any
    of these (keywords of :func:`summarizer.metrics.make_settings`).
    """
    options: dict[str, Any] = {"stem": kind != "tac2011", "confidence": 95, "resamples": 1000}
    if kind == "duc":
        options["length_words"] = budget.limit if budget.unit == "words" else None
        options["length_bytes"] = budget.limit if budget.unit == "bytes" else None
    options.update(changes)
    return make_rouge(mode, **options)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _gpu_peak_mb() -> float | None:
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_available() or not torch.cuda.is_initialized():
        return None
    return torch.cuda.max_memory_allocated() / 2**20


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "run"


def default_out(dataset: Dataset, method: str, budget: Budget) -> Path:
    """``runs/<data set>-<method>-<budget>``: the same command finds the same folder."""
    return Path("runs") / _slug(f"{dataset.name}-{system_label(method)}-{budget.unit}{budget.limit}"
                                f"{'t' if budget.truncate else ''}")


def _normalise_method(method: str) -> str:
    if method.startswith(PRECOMPUTED):
        path = method[len(PRECOMPUTED):]
        if not path:
            raise InputError("precomputed: needs a folder or glob, e.g. precomputed:peers/*.T.7")
        return PRECOMPUTED + os.path.abspath(path)
    return method


def fresh_state(seed: int) -> None:
    """Put the process in the same state before every cluster, so a cluster's
    summary never depends on which clusters ran before it (resumed == fresh).

    Seeds everything, and empties the sentence encoder's memo of texts seen
    earlier: a memoised sentence leaves its cluster's batches, and batch
    composition changes vectors in the last bits (about 1e-7), enough to flip
    a near-tie.
    """
    set_seed(seed)
    embed = sys.modules.get("summarizer.summarizers.embed")
    cached = getattr(embed, "_cached", None)
    if cached is None or not cached.cache_info().currsize:
        return  # no encoder loaded in this process
    try:
        embed.get_encoder().clear_cache()
    except SummarizerError:  # the default encoder is not installed: nothing to clear
        pass


def code_fingerprint() -> str:
    """A hash of this package's Python source: a run is never resumed with other code.

    The version number alone misses edits to an installed-from-source copy,
    and a summariser whose code changed gives other summaries.
    """
    import hashlib

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x01")
    return h.hexdigest()[:16]


def _input_tokens(cluster: Cluster) -> int:
    return sum(len(d.text.split()) for d in cluster.documents)


def cluster_result(
    index: int, cluster: Cluster, summary: Any, seconds: float, rouge: RougeSettings
) -> dict[str, Any]:
    """The line written to ``results.jsonl`` for one finished cluster."""
    sentences = [s.text for s in summary.sentences]
    return {
        "index": index,
        "id": cluster.id,
        "summary": summary.text,
        "summary_sentences": sentences,
        "summary_words": len(summary.text.split()),
        "provenance": [
            {k: v for k, v in vars(s).items() if k != "text"} for s in summary.sentences
        ],
        "coverage": summary.coverage,
        "summary_settings": summary.settings,
        "seconds": seconds,
        "input_tokens": _input_tokens(cluster),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "gpu_peak_mb": _gpu_peak_mb(),
        "scores": score_one(sentences, cluster.references, rouge),
    }


def evaluate(
    dataset: str | Path | Dataset | list[Cluster],
    method: str = "coverage",
    *,
    out: str | Path | None = None,
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    rouge: RougeSettings | None = None,
    rouge_mode: str = "rouge155",
    dataset_options: DatasetOptions | None = None,
    seed: int = DEFAULT_SEED,
    progress: bool = True,
    **options: Any,
) -> RunResult:
    """Run ``method`` over a data set, write per-cluster results and the report.

    ``dataset`` is a spec (see :mod:`summarizer.evaluation.datasets`), a loaded
    :class:`Dataset` or a list of clusters with references. ``options`` go to
    the summariser (``model=``, ``strategy=``, ...). ``rouge`` overrides the
    data set's conventional ROUGE options (:func:`default_rouge`). Re-running
    with the same arguments resumes; different settings in ``out`` raise
    :class:`~summarizer.errors.RunMismatchError`.
    """
    from summarizer import __version__
    from summarizer.evaluation.report import build_report, write_report

    if isinstance(dataset, Dataset):
        data = dataset
    elif isinstance(dataset, list):
        data = dataset_from_clusters(dataset)
    else:
        data = load_dataset(dataset, dataset_options)
    if words is None and bytes is None and sentences is None:
        words = DEFAULT_WORDS.get(data.kind, 100)
    budget = make_budget(words=words, bytes=bytes, sentences=sentences, truncate=truncate)
    rouge = rouge or default_rouge(data.kind, budget, rouge_mode)
    method = _normalise_method(method)
    system = build_system(method, options)  # fails fast on an unknown method
    check = getattr(system, "check", None)
    if check is not None:  # e.g. precomputed summaries: every cluster has its file
        check(data.clusters)

    settings = {
        "method": method,
        "options": {k: options[k] for k in sorted(options)},
        "system_settings": system.settings(),
        "budget": budget.to_dict(),
        "dataset": {k: v for k, v in data.describe().items() if k != "source"},
        "rouge": settings_dict(rouge),
        "rouge_signature": rouge.signature,
        "seed": seed,
        "package_version": __version__,
        "code_fingerprint": code_fingerprint(),
    }
    info = {
        "dataset_source": data.source,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cluster_ids": [c.id for c in data.clusters],
    }
    store = RunStore(out if out is not None else default_out(data, method, budget))
    store.open(settings, info)

    done = {r["id"]: r for r in store.read_results()}
    wanted = {c.id for c in data.clusters}
    stray = sorted(set(done) - wanted)
    if stray:
        raise RunMismatchError(
            f"{store.results_file} has results for clusters not in this data set "
            f"(e.g. {stray[0]}); refusing to mix runs"
        )
    pending = [(i, c) for i, c in enumerate(data.clusters) if c.id not in done]
    resumed = len(data.clusters) - len(pending)

    computed = 0
    if pending:
        from tqdm.auto import tqdm

        bar = tqdm(
            total=len(data.clusters), initial=resumed, unit="cluster", disable=not progress,
            desc=f"{system_label(method)} on {data.name}", dynamic_ncols=True,
        )
        try:
            for index, cluster in pending:
                fresh_state(seed)
                start = time.perf_counter()
                summary = system.summarize(cluster, budget)
                seconds = time.perf_counter() - start
                result = cluster_result(index, cluster, summary, seconds, rouge)
                store.append(result)
                done[cluster.id] = result
                computed += 1
                bar.update(1)
        except KeyboardInterrupt:
            bar.close()
            saved = len(store.read_results(repair=False))  # the file, not memory: exact
            print(
                f"interrupted: {saved} of {len(data.clusters)} clusters saved in "
                f"{store.folder}; run the same command again to resume",
                file=sys.stderr,
            )
            raise
        finally:
            bar.close()

    ordered = [done[c.id] for c in data.clusters]
    report = build_report(settings, info, data, ordered, rouge)
    write_report(store.folder, report)
    return RunResult(out=store.folder, report=report, resumed=resumed, computed=computed)
