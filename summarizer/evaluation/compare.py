"""Compare finished runs: side by side on the clusters they share.

Runs are compared only on the same data set and with the same ROUGE
signature (numbers from other settings are not comparable). Clusters that
not every run has are dropped, and the comparison says which. For every
pair of systems: paired significance tests (from
:mod:`summarizer.metrics.significance`) and per-cluster win/loss/tie counts.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, cast

import numpy as np

from summarizer.atomic import write_atomic, write_json_atomic
from summarizer.errors import (
    InputError,
    OptionError,
    RunMismatchError,
    SummarizerError,
    json_shown,
    shortened,
    value_repr,
    warn,
)
from summarizer.evaluation.datasets import DatasetOptions
from summarizer.evaluation.records import PerCluster
from summarizer.evaluation.report import (
    REPORT_FILE,
    DatasetInfo,
    RunReport,
    load_report,
    md_text,
)
from summarizer.evaluation.systems import system_label
from summarizer.folders import (
    holding_lock,
    output_folder,
    refuse_foreign,
    refuse_unwritable,
    remove_temporaries,
)
from summarizer.metrics import PairedResult, paired_test
from summarizer.metrics.aggregate import Interval, sequential_sum
from summarizer.metrics.measures import KEYS, MEASURES, measure_index
from summarizer.metrics.significance import (
    P_BOOTSTRAP_METHOD,
    RESAMPLES,
    SIGNIFICANCE_SEED,
    TIE,
    TRIALS,
    check_test_settings,
    scoring_parts,
    small_sample_summary,
    warn_small_samples,
)
from summarizer.textio import json_of_utf8, refuse_non_utf8_name, refuse_non_utf8_record
from summarizer.values import listed, listed_paths

COMPARISON_FILES = ("comparison.json", "comparison.md", "comparison.png")
COMPARISON_LOCK = "comparison.lock"  # held while a comparison is written (one at a time)


def _name(report: RunReport, folder: Path) -> str:
    label = system_label(report.system)
    if report.options:
        label += " " + ",".join(f"{k}={v}" for k, v in sorted(report.options.items()))
    return label if label else folder.name


def _check_comparable(reports: list[RunReport], folders: list[Path]) -> None:
    """Every pair of runs, not each against the first alone: a first run of a --limit
    subset left two whole runs of other contents unchecked, and they were compared."""
    for i, j in itertools.combinations(range(len(reports)), 2):
        _check_pair(reports[i], reports[j], folders[i], folders[j])
    for rep, folder in zip(reports[1:], folders[1:], strict=True):
        if rep.budget != reports[0].budget:  # allowed (length studies), never silently
            warn(f"{shortened(str(folders[0]))} and {shortened(str(folder))} were "
                 f"made with different budgets ({_budget(reports[0].budget)} vs "
                 f"{_budget(rep.budget)}): longer summaries score higher recall")


def _check_pair(first: RunReport, rep: RunReport, first_folder: Path, folder: Path) -> None:
    pair = f"{shortened(str(first_folder))} and {shortened(str(folder))}"  # paths of any length
    if scoring_parts(rep.rouge.signature) != scoring_parts(first.rouge.signature):
        raise RunMismatchError(
            f"{pair} were scored with different ROUGE settings "
            f"({first.rouge.signature} vs {rep.rouge.signature}); "
            "re-run one with the other's options"
        )
    a, b = first.dataset, rep.dataset
    for key in ("kind", "name"):
        if getattr(a, key) != getattr(b, key):
            raise RunMismatchError(
                f"{pair} are on different data sets "
                f"({value_repr(getattr(a, key))} vs {value_repr(getattr(b, key))})"
            )
    if a.language != b.language:
        raise RunMismatchError(f"{pair} are in different languages")
    # Two runs of the same draw (the whole data set, or one --limit/--seed read alike)
    # must have seen the same clusters: the same name can hold other texts or references
    # (another file of that name, an edited copy). Other subsets differ by design and
    # are compared on their common ids, so they must at least be read alike: another
    # --summary-field or --id-field gave a cluster of the same id other references.
    whole = a.clusters == a.total_clusters and b.clusters == b.total_clusters
    same_draw = whole or (a.total_clusters == b.total_clusters and all(
        _options(a)[k] == _options(b)[k] for k in _DRAW))
    hashed = same_draw and a.fingerprint and b.fingerprint
    if hashed and a.fingerprint != b.fingerprint:
        # runs of two versions of the package: one may read or hash the data otherwise
        # (an upgrade changed the fingerprint's recipe while the texts stayed the same)
        code = ("; the runs were made by different code of the summarizer package, which "
                "may read or fingerprint the data otherwise: re-run the older one"
                if first.code_fingerprint != rep.code_fingerprint else "")
        raise RunMismatchError(
            f"{pair} are on different contents of data set "
            f"{value_repr(a.name)} "
            f"(fingerprints {a.fingerprint} vs {b.fingerprint}): texts or references differ"
            + code
        )
    # equal fingerprints: the same clusters, however the options spelt them
    read_a, read_b = _read_as(a), _read_as(b)
    if not hashed and read_a != read_b:
        key = next(k for k in sorted(read_a.keys() | read_b.keys())
                   if read_a.get(k) != read_b.get(k))
        raise RunMismatchError(
            f"{pair} read data set {value_repr(a.name)} with different options ({key} "
            f"{value_repr(read_a.get(key))} vs {value_repr(read_b.get(key))}): a cluster "
            "of the same id may hold other texts or references; re-run one with the "
            "other's data set options"
        )


# the data set options that choose a subset (--limit/--seed draw from the clusters kept)
_DRAW = ("limit", "seed", "allow_skipped_documents")


def _options(ds: DatasetInfo) -> dict[str, Any]:
    """A run's data set options, with those its report omits at their defaults."""
    return {**asdict(DatasetOptions()), **ds.options}


def _read_as(ds: DatasetInfo) -> dict[str, Any]:
    """The data set options that say how its clusters were read: not the draw, nor the
    references folder's path (a copy elsewhere holds the same), nor the language (compared
    on its own)."""
    return {k: v for k, v in _options(ds).items() if k not in ("language", "references", *_DRAW)}


def _budget(b: dict[str, Any]) -> str:
    return f"{b['limit']} {b['unit']}{' truncated' if b.get('truncate') else ''}"


@dataclass
class SystemScores:
    """One compared run: its mean over the common clusters and its own aggregate."""

    name: str
    run: str
    clusters: int  # clusters in the run (the comparison uses the common ones)
    mean: dict[str, float]  # metric -> mean over the common clusters
    run_scores: dict[str, Interval]  # metric -> the run's own mean and bootstrap interval
    budget: dict[str, Any]  # the run's: unit, limit, truncate


@dataclass
class PairScores:
    """System B against system A on one metric."""

    a: str
    b: str
    metric: str
    measure: str
    b_wins: int
    b_losses: int
    ties: int
    test: PairedResult


@dataclass(eq=False)  # the generated == compared per_cluster's arrays: a ValueError
class Comparison:
    """What :func:`compare_runs` returns; ``comparison.json`` is :meth:`to_dict`."""

    systems: list[SystemScores]
    measure: str  # r, p or f
    metrics: list[str]
    clusters: list[str]  # the common clusters, in the first run's order
    dropped: dict[str, list[str]]  # system -> clusters only it has
    dataset: DatasetInfo
    rouge_signature: str
    pairs: list[PairScores]
    per_cluster: dict[str, dict[str, np.ndarray]]  # metric -> system -> values on `clusters`
    significance_seed: int
    resamples: int
    trials: int
    # how p_bootstrap was made; comparison.json files without it hold sacreBLEU's centred p
    p_bootstrap_method: str = P_BOOTSTRAP_METHOD

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def to_dict(self) -> dict[str, Any]:
        return {
            "systems": [{**vars(s), "run_scores": {m: i.to_dict() for m, i in s.run_scores.items()}}
                        for s in self.systems],
            "measure": self.measure,
            "metrics": self.metrics,
            "clusters": self.clusters,
            "dropped": self.dropped,
            "dataset": self.dataset.to_dict(),
            "rouge_signature": self.rouge_signature,
            "pairs": [{**vars(p), "test": p.test.to_dict()} for p in self.pairs],
            "per_cluster": {m: {name: np.asarray(v, dtype=np.float64).tolist()
                                for name, v in by.items()}
                            for m, by in self.per_cluster.items()},
            "tests": {"significance_seed": self.significance_seed, "resamples": self.resamples,
                      "trials": self.trials, "p_bootstrap_method": self.p_bootstrap_method},
        }


def _names(reports: list[RunReport], paths: list[Path]) -> list[str]:
    systems = [_name(r, p) for r, p in zip(reports, paths, strict=True)]
    names = systems
    # Same system twice (e.g. two budgets): the folder names keep them apart, or where
    # those are alike too (runs/x/out, runs/y/out) the paths as given.
    for where in (lambda p: p.name, str):
        if len(set(names)) == len(names):
            break
        names = [f"{n} ({where(p)})" for n, p in zip(systems, paths, strict=True)]
    if len(set(names)) < len(names):  # one folder given twice: told apart by position
        names = [f"{n} #{k}" for k, n in enumerate(names, 1)]
    return names


def warn_repeated(paths: list[Path], what: str = "run folder") -> None:
    """Comparing a run folder (``rouge --compare``: a system) with itself is allowed (every
    difference 0, p = 1: a check of the tests), never silent: it is most often a slip of
    the command line."""
    first: dict[tuple[int, int], Path] = {}
    for path in paths:
        st = path.stat()
        same = first.setdefault((st.st_dev, st.st_ino), path)
        if same is not path:
            warn(f"{shortened(str(same))} and {shortened(str(path))} are the same "
                 f"{what}: it is compared with itself")


def _pair(a_name: str, b_name: str, metric: str, measure: str, a: np.ndarray, b: np.ndarray,
          **tests: Any) -> PairScores:
    test = paired_test(a, b, metric=metric, measure=MEASURES[measure_index(measure)], **tests)
    wins = int(np.count_nonzero(b - a > TIE))
    losses = int(np.count_nonzero(a - b > TIE))
    return PairScores(a_name, b_name, metric, measure, wins, losses, len(a) - wins - losses, test)


class _Aligned:
    """One run's per-cluster scores looked up by cluster id: the report's array, read in
    place, a column at a time; no object per cluster."""

    def __init__(self, per: PerCluster):
        self.per = per  # load_report's, checked
        self.ids = per.ids
        # id -> row (a report.json listing an id twice is refused as it is read)
        self.row = {cid: k for k, cid in enumerate(self.ids)}

    def rows(self, ids: list[str]) -> np.ndarray:
        return np.fromiter((self.row[cid] for cid in ids), dtype=np.intp, count=len(ids))

    def column(self, metric: str, measure: str, rows: np.ndarray) -> np.ndarray:
        """``metric``'s ``measure`` (r, p or f) on ``rows``; KeyError(metric) if absent."""
        return self.per.array([metric], rows)[:, 0, measure_index(measure)].copy()


def _report_name(metric: str, rouge: dict[str, Any]) -> str:
    """``metric`` as the runs' reports name it: ``R2`` and ``rouge-2`` are ``ROUGE-2``, as
    ``rouge --metrics`` and ``evaluate --metrics`` read them (compare took ``ROUGE-2``
    alone). A name no metric spells is returned as given, for the caller's refusal."""
    from summarizer.metrics.settings import canonical_metric

    try:
        return canonical_metric(metric, str(rouge.get("mode", "rouge155")),
                                float(rouge.get("w_weight", 1.2)))
    except (SummarizerError, TypeError, ValueError):
        return metric


def compare_runs(
    folders: list[str | Path],
    *,
    measure: str | None = None,
    metrics: list[str] | None = None,
    significance_seed: int = SIGNIFICANCE_SEED,
    resamples: int = RESAMPLES,
    trials: int = TRIALS,
) -> Comparison:
    """Compare two or more finished run folders.

    ``measure`` is ``r``, ``p`` or ``f`` (default: recall for TAC/DUC, which
    score fixed-length summaries by recall, F otherwise). Too few clusters that differ
    for the paired tests are one warning, and each test's ``warning``.
    """
    paths = [Path(f) for f in listed_paths(folders, "folders", InputError)]
    if len(paths) < 2:
        raise InputError("compare needs at least two run folders")
    resamples, trials, significance_seed = check_test_settings(resamples, trials, significance_seed)
    reports = [load_report(p, faithfulness_clusters=False) for p in paths]
    warn_repeated(paths)
    _check_comparable(reports, paths)
    if measure is None:
        measure = "r" if reports[0].dataset.kind in ("tac2011", "duc") else "f"
    if not isinstance(measure, str) or measure not in KEYS:  # (an array: "truth value ...")
        raise OptionError(f"measure must be r, p or f, not {value_repr(measure)}")
    names = _names(reports, paths)
    field = MEASURES[measure_index(measure)]

    # load_report gives a PerCluster (RunReport's field is typed as the lists made in Python)
    runs = [_Aligned(cast(PerCluster, r.per_cluster)) for r in reports]
    # in the ids' order, not the first run's: the seeded resamples fell on other clusters
    # with the runs given the other way round, and a verdict at .05 could flip
    common = sorted(cid for cid in runs[0].ids if all(cid in run.row for run in runs))
    shared = set(common)
    dropped = {names[i]: sorted(extra)
               for i, run in enumerate(runs) if (extra := set(run.row) - shared)}
    if not common:
        raise InputError("the runs share no cluster; nothing to compare")
    available = [m for m in reports[0].scores if all(m in r.scores for r in reports)]
    metrics = listed(metrics, "metrics") or available
    bad = next((m for m in metrics if not isinstance(m, str)), None)
    if bad is not None:  # a list among them: dict.fromkeys's "unhashable type: 'list'"
        raise OptionError(f"metrics are names such as 'ROUGE-2', not {type(bad).__name__} "
                          f"{value_repr(bad)}")
    # R2 twice, or R2 and ROUGE-2: once
    metrics = list(dict.fromkeys(_report_name(m, reports[0].rouge.options) for m in metrics))
    unknown = [m for m in metrics if m not in available]
    if unknown:
        raise InputError(f"no metric {value_repr(unknown[0])} in these runs "
                         f"({', '.join(available)})")

    rows = [run.rows(common) for run in runs]
    try:
        values = {m: [run.column(m, measure, r) for run, r in zip(runs, rows, strict=True)]
                  for m in metrics}
    except KeyError as exc:
        raise InputError(f"a report lacks per-cluster scores of {value_repr(exc.args[0])}; "
                         "re-run its evaluate command") from None
    for i, report in enumerate(reports):
        _check_range(report, paths[i], names[i], measure, common,
                     {m: values[m][i] for m in metrics})
    systems = [
        SystemScores(
            name=names[i], run=str(paths[i]), clusters=len(runs[i].row),
            # Python's sum, value by value, as the means were always taken (numpy's
            # pairwise sum can differ in the last bit, and comparison.json would change)
            mean={m: sequential_sum(values[m][i].tolist()) / len(common) for m in metrics},
            run_scores={m: getattr(reports[i].scores[m], field) for m in metrics},
            budget=reports[i].budget,
        )
        for i in range(len(reports))
    ]
    pairs = [
        _pair(names[i], names[j], m, measure, values[m][i], values[m][j],
              significance_seed=significance_seed, resamples=resamples, trials=trials)
        for i, j in itertools.combinations(range(len(reports)), 2) for m in metrics
    ]
    # one line, however many pairs, naming the systems
    warn_small_samples([p.test for p in pairs], what=shortened(" vs ".join(names)))
    return Comparison(
        systems=systems, measure=measure, metrics=list(metrics), clusters=common,
        dropped=dropped, dataset=reports[0].dataset, rouge_signature=reports[0].rouge.signature,
        pairs=pairs,
        per_cluster={m: {names[i]: values[m][i] for i in range(len(reports))} for m in metrics},
        significance_seed=significance_seed, resamples=resamples, trials=trials,
    )


def _check_range(report: RunReport, folder: Path, name: str, measure: str, common: list[str],
                 per_cluster: dict[str, np.ndarray]) -> None:
    """Refuse what compare reads of a run (its means of ``measure`` and its ``per_cluster``
    scores on the ``common`` clusters, by metric) where no ROUGE score can be: outside
    [0, 1], NaN or infinite. A damaged or hand-edited report.json, else compared as if
    it were scores."""
    where = f"{shortened(str(folder / REPORT_FILE))} (system {name})"
    damaged = "; the file is damaged: re-run its evaluate command"
    field = MEASURES[measure_index(measure)]
    for m, scores in per_cluster.items():
        cell = getattr(report.scores[m], field)
        for part in (f.name for f in fields(cell)):  # mean, low, high, average
            value = getattr(cell, part)
            if not 0.0 <= value <= 1.0:
                raise InputError(f"{where}: scores.{m}.{measure}.{part} is {value_repr(value)}, "
                                 f"not a ROUGE score (0 to 1){damaged}")
        bad = np.flatnonzero(~((scores >= 0.0) & (scores <= 1.0)))
        if bad.size:
            raise InputError(f"{where}: per_cluster {value_repr(common[bad[0]])} "
                             f"scores.{m}.{measure} is "
                             f"{value_repr(float(scores[bad[0]]))}, not a ROUGE score (0 to 1){damaged}")


_MEASURE = {"r": "recall", "p": "precision", "f": "F"}


def comparison_markdown(cmp: Comparison) -> str:
    """The Markdown form of a comparison."""
    m_name = _MEASURE[cmp.measure]
    n = len(cmp.clusters)
    lines = [
        f"# Comparison on {md_text(cmp.dataset.name)} ({n} common clusters, ROUGE {m_name})",
        "",
        f"ROUGE signature: `{cmp.rouge_signature}`",
        "",
    ]
    if len({_budget(s.budget) for s in cmp.systems}) > 1:  # as warned on stderr
        lines += ["Warning: the systems were made with different budgets ("
                  + ", ".join(f"`{md_text(s.name)}` {_budget(s.budget)}" for s in cmp.systems)
                  + "): longer summaries score higher recall.", ""]
    if cmp.dropped:
        for name, ids in cmp.dropped.items():
            shown = ", ".join(map(md_text, ids[:8])) + (" ..." if len(ids) > 8 else "")
            where = "only in" if len(cmp.systems) == 2 else "not in every run, among those of"
            lines.append(f"- dropped {len(ids)} cluster(s) {where} `{md_text(name)}`: {shown}")
        lines.append("")
    lines += [
        "Mean " + m_name + " over the common clusters (in brackets: the run's own mean "
        "and bootstrap interval, over all its clusters):",
        "",
        "| system | " + " | ".join(cmp.metrics) + " |",
        "|---|" + "---|" * len(cmp.metrics),
    ]
    for s in cmp.systems:
        cells = []
        for m in cmp.metrics:
            own = s.run_scores[m]
            cells.append(f"{s.mean[m]:.5f} ({own.mean:.5f} [{own.low:.5f}, {own.high:.5f}])")
        lines.append(f"| {md_text(s.name)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Paired tests, B against A, per cluster (two-sided p; paired bootstrap with "
        f"{cmp.resamples} resamples, its p the {cmp.p_bootstrap_method} interval inverted: "
        f"below .05 exactly when the 95% interval excludes 0; approximate randomisation with "
        f"{cmp.trials} trials, seed {cmp.significance_seed}). W/L/T: clusters where B scores "
        "higher / lower / the same.",
        "",
        "| A | B | metric | A mean | B mean | B - A | 95% interval | p (bootstrap) | p (AR) | W/L/T |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in cmp.pairs:
        r = p.test
        lines.append(
            f"| {md_text(p.a)} | {md_text(p.b)} | {p.metric} | {r.mean_a:.5f} | {r.mean_b:.5f} | "
            f"{r.difference:+.5f} | [{r.ci_low:+.5f}, {r.ci_high:+.5f}] | "
            f"{r.p_bootstrap:.4f} | {r.p_randomization:.4f} | "
            f"{p.b_wins}/{p.b_losses}/{p.ties} |"
        )
    small = small_sample_summary([p.test for p in cmp.pairs])
    if small is not None:  # as on stderr; each test's own is in comparison.json
        lines += ["", f"Warning: {small}."]
    lines.append("")
    return "\n".join(lines)


def check_out(out: str | Path) -> Path:
    """Refuse an output folder unless it is new, empty, or holds only an earlier comparison
    (its files are replaced) and what a killed one left; the user's files are never
    overwritten."""
    folder = output_folder(out, "compare")  # a name the system refuses: said, exit 2
    previous = folder / COMPARISON_FILES[0]
    ours = COMPARISON_FILES if _is_comparison(previous) else ()
    refuse_foreign(folder, (*ours, COMPARISON_LOCK), "an earlier comparison",
                   COMPARISON_FILES)
    refuse_unwritable(folder, COMPARISON_FILES[0])
    return folder


def _is_comparison(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = json_of_utf8(path.read_bytes())
    except (ValueError, RecursionError):  # json's digit limit is a ValueError too
        return False
    return isinstance(data, dict) and {"systems", "pairs", "rouge_signature"} <= set(data)


def write_comparison(cmp: Comparison, out: str | Path, plot: bool = True) -> list[Path]:
    """Write ``comparison.md``, ``comparison.json`` and (with ``plot``) ``comparison.png``
    into ``out``: a new folder, an empty one, or one holding only an earlier comparison."""
    # comparison.json records the run folders (named first: a system's name holds its
    # folder's) and what their reports hold; refused before any folder is made
    for system in cmp.systems:
        refuse_non_utf8_name(system.run, "compare")
    refuse_non_utf8_record(cmp.to_dict(), "compare")
    folder = check_out(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "comparison.json", folder / "comparison.md"]
    # One writer at a time, and never a mix of two comparisons (two commands given the same
    # --out wrote comparison.json of one and comparison.md of the other; one stopped
    # between its writes left the new .json beside the last comparison's .md): the earlier
    # .md and .png go before the new .json is written, so what the folder holds beside a
    # .json is always of that .json's comparison.
    with holding_lock(folder / COMPARISON_LOCK, "compare"):
        check_out(out)  # as it is now that no one else writes
        remove_temporaries(folder, COMPARISON_FILES)  # what a killed comparison left
        for old in COMPARISON_FILES[1:]:
            if (folder / old).is_symlink() or (folder / old).is_file():  # a link: itself
                (folder / old).unlink()
        write_json_atomic(written[0], cmp.to_dict())
        write_atomic(written[1], comparison_markdown(cmp))
        if plot:
            from summarizer.evaluation.plot import plot_comparison

            written.append(plot_comparison(cmp, folder / "comparison.png"))
    return written


def dumps(cmp: Comparison) -> str:
    return json_shown(cmp.to_dict(), indent=2)
