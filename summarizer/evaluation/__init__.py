"""Evaluation harness: run a summariser over a data set, score it, compare runs.

    from summarizer.evaluation import evaluate
    run = evaluate("path/to/tac2011_multiling", "coverage", out="runs/coverage")
    print(run.report.scores["ROUGE-2"].recall.mean)

See :func:`evaluate`, :func:`compare_runs`, :func:`load_dataset` (a data set's clusters,
held) and :func:`open_dataset` (the same, read in passes where the format allows: what
``evaluate`` does with a spec).
"""

from summarizer.evaluation.compare import compare_runs, write_comparison
from summarizer.evaluation.datasets import Dataset, DatasetOptions, load_dataset
from summarizer.evaluation.report import RunReport, load_report
from summarizer.evaluation.run import RunResult, evaluate
from summarizer.evaluation.settings import default_budget, default_rouge
from summarizer.evaluation.stream import StreamedDataset, open_dataset

__all__ = [
    "Dataset",
    "DatasetOptions",
    "RunReport",
    "RunResult",
    "StreamedDataset",
    "compare_runs",
    "default_budget",
    "default_rouge",
    "evaluate",
    "load_dataset",
    "load_report",
    "open_dataset",
    "write_comparison",
]
