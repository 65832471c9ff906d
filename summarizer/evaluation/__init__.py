"""Evaluation harness: run a summariser over a data set, score it, compare runs.

    from summarizer.evaluation import evaluate
    run = evaluate("path/to/tac2011_multiling", "coverage", out="runs/coverage")
    print(run.report.scores["ROUGE-2"].recall.mean)

See :func:`evaluate`, :func:`compare_runs` and :func:`load_dataset`.
"""

from summarizer.evaluation.compare import compare_runs, write_comparison
from summarizer.evaluation.datasets import Dataset, DatasetOptions, load_dataset
from summarizer.evaluation.report import RunReport, load_report
from summarizer.evaluation.run import RunResult, evaluate
from summarizer.evaluation.settings import default_budget, default_rouge

__all__ = [
    "Dataset",
    "DatasetOptions",
    "RunReport",
    "RunResult",
    "compare_runs",
    "default_budget",
    "default_rouge",
    "evaluate",
    "load_dataset",
    "load_report",
    "write_comparison",
]
