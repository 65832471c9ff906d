"""Resumable evaluation runs: summarise every cluster, score, report.

Each cluster's result, with its ROUGE scores, is appended to ``OUT/results.jsonl`` as soon as
it is done; re-running the same call skips the clusters already there. The report aggregates
the stored per-cluster scores at the end, in data set order, so a resumed run reports exactly
what an uninterrupted one would, and no summary is scored twice.

The steps, for anyone driving a run another way (e.g. on a cluster of machines):
:func:`plan_run` (load the data, resolve every setting, build the summariser, fail fast),
:func:`pending` (open the folder and find the work left), :func:`compute_cluster` (one
cluster's result; depends on nothing but its arguments) and :func:`finish` (report).
"""

from __future__ import annotations

import os
import platform
import re
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from summarizer.batch.environment import recorded_environment
from summarizer.documents.model import Cluster
from summarizer.errors import (
    InputError,
    OptionError,
    RunMismatchError,
    SummarizerError,
    one_line,
    os_error_saying,
    shortened,
    stopped,
    to_stderr,
    value_repr,
    warn,
    with_message,
)
from summarizer.evaluation.datasets import (
    ClusterChecks,
    Dataset,
    DatasetOptions,
    checked,
    dataset_from_clusters,
    with_options,
)
from summarizer.evaluation.records import (
    ClusterResult,
    ResultFigures,
    ResultTable,
    figures_column,
)
from summarizer.evaluation.report import (
    RunReport,
    build_report,
    equal_to_reference_note,
    write_report,
)
from summarizer.evaluation.settings import RunInfo, RunSettings, default_budget, default_rouge
from summarizer.evaluation.store import RunStore
from summarizer.evaluation.stream import Builder, StreamedDataset, Unbuilt, open_dataset
from summarizer.evaluation.systems import (
    PRECOMPUTED,
    PrecomputedSummarizer,
    build_system,
    check_system,
    refuse_data_set_as_summaries,
    system_label,
)
from summarizer.folders import saying_saved
from summarizer.languages import count_words
from summarizer.metrics import RougeScorer, RougeSettings
from summarizer.metrics.io import spl_lines
from summarizer.runtime import (
    DEFAULT_SEED,
    WORK_BLAS_THREADS,
    blas_threads,
    gpu_peak_mb,
    kept_generators,
    set_seed,
)
from summarizer.summarizers import method_or_default, plain_options, with_run_seed
from summarizer.summarizers.base import Summarizer, Summary
from summarizer.summarizers.budget import Budget
from summarizer.textio import InputStamp, expand_home, refuse_non_utf8_name, refuse_non_utf8_record
from summarizer.values import check_named, check_seed
from summarizer.version import code_fingerprint  # noqa: F401  (its home; re-exported)


@dataclass
class RunResult:
    """What :func:`evaluate` returns: the folder and the final report."""

    out: Path
    report: RunReport
    resumed: int  # clusters found already done when the run started
    computed: int  # clusters summarised by this call


@dataclass
class RunPlan:
    """A run with every setting resolved, before any work: what :func:`plan_run` returns."""

    data: Dataset
    system: Summarizer
    budget: Budget
    rouge: RougeSettings
    seed: int
    settings: RunSettings
    info: RunInfo
    store: RunStore
    # the files a run reads again after their fingerprint (a streamed JSONL data set, a
    # folder of precomputed summaries): checked before the report is written
    inputs: InputStamp = field(default_factory=InputStamp)

    @property
    def label(self) -> str:
        return f"{system_label(self.settings.method)} on {self.data.name}"


def _peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (0.0 where the platform keeps none)."""
    try:
        import resource  # POSIX only: at the module's top, evaluate failed to import on Windows
    except ImportError:
        return _windows_peak_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _windows_peak_mb() -> float:
    """The peak working set (Windows' name for resident memory), from psapi's
    GetProcessMemoryInfo; 0.0 where there is no such call (no Windows)."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0.0
    from ctypes import wintypes

    class Counters(ctypes.Structure):  # PROCESS_MEMORY_COUNTERS
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
            (name, ctypes.c_size_t) for name in (
                "PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage", "QuotaNonPagedPoolUsage",
                "PagefileUsage", "PeakPagefileUsage")]

    counters = Counters()
    counters.cb = ctypes.sizeof(counters)
    process = windll.kernel32.GetCurrentProcess()
    if not windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
        return 0.0
    return counters.PeakWorkingSetSize / (1024 * 1024)


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
        # '--summaries=~/preds' and 'precomputed:~/preds' reach here unexpanded by any shell
        return PRECOMPUTED + os.path.abspath(expand_home(path))
    return method


def fresh_state(seed: int) -> None:
    """Put the process in the same state before every cluster, so a cluster's
    summary never depends on which clusters ran before it (resumed == fresh).

    Seeds everything, and empties the sentence encoders' memos of texts seen
    earlier (see :func:`summarizer.summarizers.embed.clear_memos`).
    """
    set_seed(seed)
    if "summarizer.summarizers.embed" in sys.modules:  # else no encoder exists to clear
        from summarizer.summarizers.embed import clear_memos

        clear_memos()


def _input_tokens(cluster: Cluster) -> int:
    """Words of the input, in the unit of summary lengths and budgets (a Chinese,
    Japanese or Thai character is one; whitespace split gave a cluster of 300
    Chinese characters 9 'tokens', and throughput figures to match)."""
    return sum(count_words(d.text) for d in cluster.documents)


def _reference_lines(reference: str) -> list[str]:
    """A reference as ROUGE-1.5.5 reads an SPL file (:func:`spl_lines`): nothing stripped,
    since a line's leading space is a word to its ``-l`` and its spaces bytes to ``-b``
    (stripped, TAC's M007.C scored R1 .40728 at 100 words, not the Perl's .40864)."""
    return spl_lines(reference) or [""]


def cluster_result(
    index: int, cluster: Cluster, summary: Summary, seconds: float, scorer: RougeScorer
) -> ClusterResult:
    """One finished cluster, scored: the line written to ``results.jsonl``.

    The summary goes to ROUGE one sentence per line (ROUGE's SPL input), a reference as its
    lines, as the Perl reads them (the lines matter to ROUGE-L's summary-level LCS, a line's
    leading spaces to ``-l`` and ``-b``). ``gpu_peak_mb`` is
    the process's peak on the GPU the summary's settings name (``device``, as the summariser
    resolved it; else the current GPU): :func:`~summarizer.runtime.gpu_peak_mb`.
    """
    sentences = [s.text for s in summary.sentences]
    refs = [_reference_lines(r) for r in cluster.references]
    scores, equal = scorer.score_matched(sentences, refs, where=f"cluster {value_repr(cluster.id)}")
    return ClusterResult(
        index=index,
        id=cluster.id,
        summary=summary.text,
        summary_sentences=sentences,
        summary_words=count_words(summary.text),
        # asdict, not vars: a compressed sentence's edits are dataclasses too
        provenance=[{k: v for k, v in asdict(s).items() if k != "text"} for s in summary.sentences],
        coverage=summary.coverage,
        summary_settings=summary.settings,
        seconds=seconds,
        input_tokens=_input_tokens(cluster),
        peak_rss_mb=round(_peak_rss_mb(), 1),
        # the GPU the summary's model ran on (its settings' device, as the summariser
        # resolved it), not the current one
        gpu_peak_mb=gpu_peak_mb(summary.settings.get("device")),
        scores=scores,
        # scored as given (ROUGE-1.5.5's way), never silently: the report names it
        equals_reference=equal,
    )


def compute_cluster(
    system: Summarizer, index: int, cluster: Cluster, budget: Budget, scorer: RougeScorer,
    seed: int,
) -> ClusterResult:
    """Summarise and score one cluster from a fresh state (so resumed == uninterrupted)."""
    fresh_state(seed)
    start = time.perf_counter()
    summary = system.summarize(cluster, budget)
    seconds = time.perf_counter() - start
    return cluster_result(index, cluster, summary, seconds, scorer)


def _load(dataset: str | Path | Dataset | list[Cluster], options: DatasetOptions | None,
          progress: bool = False) -> Dataset:
    """A spec is opened to be read in passes where it can be (a JSONL file: see
    :mod:`summarizer.evaluation.stream`); clusters given in Python are already held, and
    take ``limit``/``seed`` as a spec does; the other options read a spec, and are refused
    for clusters already made (:func:`~summarizer.evaluation.datasets.with_options`). A
    :class:`Dataset` built by hand is checked as a spec's clusters are
    (:func:`~summarizer.evaluation.datasets.checked`)."""
    if isinstance(dataset, Dataset):  # one built by hand is checked as a loaded one was
        return checked(with_options(dataset, options), dataset)
    if isinstance(dataset, list | tuple) and not isinstance(dataset, str):
        return dataset_from_clusters(list(dataset), options=options)
    return open_dataset(dataset, options, progress)


def _warn_of_dropped_script(data: Dataset, rouge: RougeSettings) -> None:
    """Say once when the references are in a script the scorer's tokens leave out
    (:func:`~summarizer.metrics.settings.dropped_script`), of the clusters the data set's
    checks sampled (no cluster is read again), else of the first ones read now."""
    from summarizer.metrics.settings import dropped_script

    references: Iterable[str] | None = data.references_sample
    if references is None:  # a selection made after its checks
        references = (" ".join(c.references) for _, c in data.iter_clusters())
    script = dropped_script(rouge, references, sample=ClusterChecks.LANGUAGE_SAMPLE)
    if script:
        warn(script)


def plan_run(
    dataset: str | Path | Dataset | list[Cluster],
    method: str | None = None,
    *,
    out: str | Path | None = None,
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    chars: int | None = None,
    rouge: RougeSettings | None = None,
    rouge_mode: str | None = None,
    dataset_options: DatasetOptions | None = None,
    seed: int = DEFAULT_SEED,
    progress: bool = False,
    **options: Any,
) -> RunPlan:
    """Load the data and resolve every setting of a run; raise before any file is written."""
    from summarizer import __version__

    method = method_or_default(method)  # as summarize() and get_summarizer read None
    seed = check_seed(seed)  # NumPy's int64 as int: the settings are JSON
    if dataset_options is not None:
        check_seed(dataset_options.seed, "the data set's seed")
    default_budget("", words, bytes, sentences, truncate, chars=chars)  # before the data is read
    method = _normalise_method(method)
    check_system(method, options, truncate)  # so are the method and options, as the CLI does
    options = plain_options(options, method)  # a Path option as its str: the settings are JSON
    options = with_run_seed(method, options, seed)  # the run's seed seeds a sampling method
    # "" ran the default mode, where rouge(mode="") and --mode "" are refused
    check_named({"rouge_mode": rouge_mode}, flags={"rouge_mode": "--mode"})
    if rouge is not None and rouge_mode is not None and rouge_mode != rouge.mode:
        # the settings given whole decide: the mode named beside them was not used
        raise OptionError(f"rouge_mode={value_repr(rouge_mode)} and rouge= (mode "
                          f"{value_repr(rouge.mode)}) "
                          "disagree; rouge_mode picks the mode of the data set's default "
                          "settings, which rouge= replaces: give the mode once")
    # a given folder is checked before the data set's pass (6 minutes for 1,000,000
    # clusters at 2,800 a second), as any other option; the default one is named by it
    store = None if out is None else check_run_folder(out)
    inputs = InputStamp()
    spec = dataset.source if isinstance(dataset, Dataset) else dataset
    if isinstance(spec, str | Path) and os.path.isfile(spec):
        inputs.add(spec)  # before the pass that fingerprints it
    data = _load(dataset, dataset_options, progress)
    if not isinstance(data, StreamedDataset):  # held whole since: a later change mixes nothing
        inputs = InputStamp()
    budget = default_budget(data.kind, words, bytes, sentences, truncate, chars=chars)
    rouge = rouge or default_rouge(data.kind, budget, rouge_mode or "rouge155")
    _warn_of_dropped_script(data, rouge)
    system = build_system(method, options)
    if isinstance(system, PrecomputedSummarizer):  # each file read again for its cluster
        inputs.add_all(system.files)  # before settings() hashes them
    check = getattr(system, "check", None)
    if check is not None:  # e.g. precomputed summaries: every cluster has its file
        check((c for _, c in data.iter_clusters()), left_out=max(0, data.total - data.size))
    check_model = getattr(system, "check_model", None)
    if callable(check_model):  # a missing model fails now; a hub model's config is fetched
        check_model()  # before its settings, so model_files is its revision from the start
    settings = RunSettings(
        method=method,
        options=dict(options),
        system_settings=system.settings(),
        budget=budget,
        dataset={k: v for k, v in data.describe().items() if k != "source"},
        rouge=rouge,
        seed=seed,
        package_version=__version__,
        code_fingerprint=code_fingerprint(),
        environment=recorded_environment(),
    )
    info = RunInfo(
        dataset_source=data.source,
        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        python=platform.python_version(),
        platform=platform.platform(),
        cluster_ids=data.ids,
        dataset_languages=data.languages(),
    )
    if store is None:
        store = check_run_folder(default_out(data, method, budget))
    return RunPlan(data, system, budget, rouge, seed, settings, info, store, inputs)


def check_run_folder(out: str | Path) -> RunStore:
    """The run folder ``out``, refused where it cannot be one (not a folder, other files
    in it) before the folder is touched at all; a run's settings are checked on opening."""
    store = RunStore(out)
    if store.read_run() is None:
        store.refuse_foreign()
    return store


class Pending:
    """The (index, cluster) pairs of a run still to do, in data set order: counted at once,
    read from the data set only as they are iterated (a batch at a time, not all at once)."""

    def __init__(self, data: Dataset, done: Iterable[str]):
        self.data = data
        # A run's table is its own set of ids (a copy would cost 50 bytes a cluster); the
        # results added while iterating are of clusters already read, so skip nothing more.
        self.skip = done if isinstance(done, ResultTable) else set(done)
        self.count = data.size - len(self.skip)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple[int, Cluster]]:
        return self.data.iter_clusters(self.skip)

    def unbuilt(self) -> tuple[Iterator[tuple[int, Unbuilt]], Builder] | None:
        """The clusters to do as read, not built, and what builds them (a Ray run's driver
        sends them so: :mod:`summarizer.batch.evaluate`); None for a data set held built."""
        if not isinstance(self.data, StreamedDataset):
            return None
        return ((u.index, u) for u in self.data.iter_unbuilt(self.skip)), self.data.builder()


def pending(plan: RunPlan) -> tuple[ResultTable, Pending]:
    """Open the run folder (call holding ``plan.store.locked()``): the results already there
    (their scores and figures, by cluster id, held column-wise; the texts stay on disk) and
    the clusters still to do, in data set order."""
    store = plan.store
    store.open(plan.settings.to_dict(), plan.info.to_dict())
    done = ResultTable(plan.data.ids)
    for result in store.iter_results(repair=True, metrics=plan.settings.rouge.metrics):
        done.add(result)
    known = set(plan.data.ids)
    stray = sorted(i for i in done if i not in known)
    if stray:
        raise RunMismatchError(
            f"{store.results_file} has results for clusters not in this data set "
            f"(e.g. {stray[0]}); refusing to mix runs"
        )
    return done, Pending(plan.data, done)


def run_local(
    plan: RunPlan, todo: Pending | list[tuple[int, Cluster]],
    done: ResultTable | dict[str, ResultFigures], progress: bool = True,
) -> int:
    """Compute ``todo`` in this process, appending each result as it completes."""
    if not todo:
        return 0
    scorer = RougeScorer(plan.rouge)
    computed = 0
    with clusters_bar(plan, len(todo), progress, one_line(plan.label)) as bar, \
            blas_threads(WORK_BLAS_THREADS):
        for index, cluster in todo:
            try:
                result = compute_cluster(plan.system, index, cluster, plan.budget, scorer,
                                         plan.seed)
            except (OptionError, OSError) as exc:
                raise refused(plan, cluster.id, exc) from exc
            plan.store.append(result)
            done[cluster.id] = result.figures()
            computed += 1
            bar.update(1)
    return computed


@contextmanager
def clusters_bar(plan: RunPlan, left: int, progress: bool, desc: str) -> Iterator[Any]:
    """The progress bar of a run's clusters, the ``left`` to compute and those done before
    (either engine's). An interrupt closes it before :func:`say_interrupted` says what is
    saved, so that the bar does not draw over that line."""
    from summarizer.progress import progress_bar

    total = plan.data.size
    bar = progress_bar(asked=progress, total=total, initial=total - left, unit="cluster",
                       desc=desc, dynamic_ncols=True)
    try:
        yield bar
    except KeyboardInterrupt as exc:
        bar.close()
        say_interrupted(plan, exc)
        raise
    finally:
        bar.close()


def _saved(plan: RunPlan) -> str:
    """How many clusters a stopped run has saved, and where; the count read from the file,
    not memory: exact."""
    return (f"{plan.store.count_results()} of {plan.data.size} clusters saved in "
            f"{shortened(str(plan.store.folder))}")


def saved_note(plan: RunPlan) -> str:
    """What a run that stopped has saved and how to resume it."""
    return f"{_saved(plan)}; run the same command again to resume"


def kept_note(plan: RunPlan) -> str:
    """What a run stopped by a setting one cluster cannot take has saved: the same command
    would stop there again, and other settings are another run."""
    return (f"{_saved(plan)} for these settings; other settings need another output folder "
            "(out=, --out)")


def refused(plan: RunPlan, cluster_id: str, exc: Exception) -> Exception:
    """The error that stops a run at the cluster ``cluster_id`` (either engine's), raised
    once the clusters finished before it are saved. An :class:`OptionError`, a setting
    this cluster cannot take though the ones before could (num_beams over the call bound
    on a longer input), is the same type, naming the cluster and what is kept (the same
    command would refuse again there: :func:`kept_note`). An OSError (a file the summariser
    or scorer reads gone or unreadable, a full disk) is the same error, its reason naming
    the cluster (a full disk's also what is saved: :func:`~summarizer.folders.saying_saved`);
    another error is as it was."""
    if isinstance(exc, OptionError):
        return with_message(exc, f"cluster {value_repr(cluster_id)}: {exc}; {kept_note(plan)}")
    if isinstance(exc, OSError):
        return os_error_saying(exc, f" (at cluster {value_repr(cluster_id)})")
    return exc


def say_interrupted(plan: RunPlan, exc: BaseException) -> None:
    """Tell the user of an interrupted run (either engine) what is saved and how to resume,
    in one line."""
    to_stderr("summarizer: " + one_line(f"{stopped(exc)}: {saved_note(plan)}"))


def finish(plan: RunPlan, done: ResultTable | dict[str, ResultFigures],
           faithfulness: bool = False, progress: bool = False) -> RunReport:
    """Build and write the report from every cluster's stored result (with
    ``faithfulness``, each stored summary is also checked against its cluster: the clusters
    read in data set order, each with its result read back from ``results.jsonl``). An
    input file that changed during the run (:attr:`RunPlan.inputs`) is an
    :class:`~summarizer.errors.InputChangedError` before the report is written: the results
    stay, and the run is not complete."""
    ordered = (done.select(plan.data.ids) if isinstance(done, ResultTable)
               else [done[i] for i in plan.data.ids])
    empty = [k for k, r in enumerate(figures_column(ordered, "empty")) if r]
    if empty and not plan.settings.method.startswith(PRECOMPUTED):  # those warn when read
        first = ordered[empty[0]]
        note = first.note
        warn(f"{len(empty)} of {len(ordered)} summaries are empty, scored 0 (e.g. "
             f"{value_repr(first.id)}{': ' + note if note else ''})")
    equal = [k for k, r in enumerate(figures_column(ordered, "equals_reference"))
             if r is not None]
    if equal:  # the report says it too (RunReport.summaries_equal_to_reference)
        warn(equal_to_reference_note([ordered[k].id for k in equal], len(ordered)))
    try:  # a Ctrl-C while the report is made says what is saved and how to finish, as
        # during the clusters: the results are all in results.jsonl, faithfulness' checks
        # made in its CHECKS_FILE, and the two report files are written both or neither
        report = build_report(plan.settings, plan.info, ordered)
        if faithfulness:
            from summarizer.evaluation.faithfulness import CHECKS_FILE, faithfulness_report

            report.faithfulness = faithfulness_report(
                (c for _, c in plan.data.iter_clusters()), plan.store.stored_results(),
                progress=progress, checks=plan.store.folder / CHECKS_FILE, total=plan.data.size)
        plan.inputs.check(plan.store.folder)  # results from old and new content: no report
        write_report(plan.store.folder, report)
    except KeyboardInterrupt as exc:
        say_interrupted(plan, exc)
        raise
    return report


# Keywords of summarize() and summarize_dataset() that evaluate() does without, and why:
# given to it, each was "method 'lead' has no option 'clean'", as if the method lacked it.
_NOT_EVALUATES = {
    "clean": ("clean (--no-clean)", "summarize() and summarize_dataset()",
              "which reads a data set's documents cleaned: for documents as they are, give "
              "it the clusters of a loader called with clean=False "
              "(summarizer.documents.load_jsonl(path, clean=False), ...)"),
    **{key: (label, "summarize_dataset()", "which saves each cluster's result as it comes and "
             "sizes its own Ray packs")
       for key, label in (("batch_size", "batch_size (--batch-size)"),
                          ("batch_tokens", "batch_tokens (--batch-tokens)"),
                          ("rows_per_shard", "rows_per_shard"))},
}


def _refuse_misplaced(method: Any, options: dict[str, Any]) -> None:
    """A data set or ROUGE option given to evaluate() as a keyword, as the command line's
    --limit or --stem is given: it was "method 'lead' has no option 'limit'", the summariser's
    options listed and not where it goes; so is a keyword of summarize() or
    summarize_dataset() that evaluate() has no use for (:data:`_NOT_EVALUATES`). A method's
    own option of the name (coverage's ``alpha``) stays the method's."""
    from summarizer.errors import option_label
    from summarizer.summarizers import accepted_options

    if not options or not isinstance(method, str):
        return
    try:
        accepted = set() if method.startswith(PRECOMPUTED) else accepted_options(method)
    except (SummarizerError, ImportError):  # an unknown method: refused as before
        return
    if accepted is None:  # a method taking any keyword
        return
    homes = {f.name: ("data set", f"dataset_options=DatasetOptions({f.name}=...)")
             for f in fields(DatasetOptions)}
    homes.update({f.name: ("ROUGE", f"rouge=make_settings({f.name}=...)")
                  for f in fields(RougeSettings)})
    homes["mode"] = ("ROUGE", "rouge_mode=...")
    for key in options:
        if key not in accepted and key in _NOT_EVALUATES:
            label, owners, why = _NOT_EVALUATES[key]
            raise OptionError(f"{label} is a keyword of {owners}, not of evaluate(), {why}")
        if key not in accepted and key in homes:
            kind, where = homes[key]
            raise OptionError(f"{option_label(key)} is a {kind} option, not a keyword of "
                              f"evaluate(): give {where}")


def _with_language(options: DatasetOptions | None, language: str) -> DatasetOptions:
    """``options`` reading in ``language``: the keyword is the data set's language, as
    ``DatasetOptions(language=...)`` is, and the two naming different languages are
    refused (the keyword silently won). Options left at the default language take it."""
    from summarizer.languages import normalize_language

    wanted = normalize_language(language)
    default = DatasetOptions().language
    if options is not None and options.language not in (wanted, default):
        raise OptionError(f"language={value_repr(language)} and dataset_options' language "
                          f"{value_repr(options.language)} differ: give the language once")
    return replace(options or DatasetOptions(), language=wanted)


@kept_generators()  # every cluster reseeds them: the caller's state comes back
def evaluate(
    dataset: str | Path | Dataset | list[Cluster],
    method: str | None = None,
    *,
    out: str | Path | None = None,
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    chars: int | None = None,
    rouge: RougeSettings | None = None,
    rouge_mode: str | None = None,
    dataset_options: DatasetOptions | None = None,
    main_content: bool = True,
    language: str | None = None,
    seed: int = DEFAULT_SEED,
    progress: bool = True,
    engine: str = "local",
    num_workers: int | None = None,
    address: str | None = None,
    gpus_per_worker: float | None = None,
    faithfulness: bool = False,
    **options: Any,
) -> RunResult:
    """Run ``method`` (None: the default, ``summarizers.DEFAULT_METHOD``) over a data set,
    write per-cluster results and the report.

    ``dataset`` is a spec (see :mod:`summarizer.evaluation.datasets`), a loaded
    :class:`Dataset` or a list of clusters with references (of ``dataset_options``, these
    take ``limit`` and ``seed``, and refuse the others unless opened with them:
    :func:`~summarizer.evaluation.datasets.with_options`). ``options`` go to
    the summariser (``model=``, ``strategy=``, ...). A document that is an HTML page gives
    its article's text (``DatasetOptions(main_content=False)``: every block of it, as
    ``summarize --no-main-content``; the keyword ``main_content=False`` says the same, as
    in ``summarize()`` and ``summarize_dataset()``; ``language="de"`` is
    ``DatasetOptions(language="de")`` likewise, and both naming different languages is an
    :class:`~summarizer.errors.OptionError`). ``rouge`` overrides the
    data set's conventional ROUGE options (:func:`default_rouge`). Re-running
    with the same arguments resumes; different settings in ``out`` raise
    :class:`~summarizer.errors.RunMismatchError`, a folder holding other files
    :class:`~summarizer.errors.OutputExistsError`, and a folder another process
    is writing to :class:`~summarizer.errors.RunBusyError`. ``engine="ray"``
    computes the clusters on a Ray Data actor pool of ``num_workers`` (default 2;
    see :mod:`summarizer.batch.evaluate`), with the same results; ``address`` and
    ``gpus_per_worker`` are as for :func:`summarizer.batch.summarize_dataset`.
    ``faithfulness=True`` adds the support rate and unsupported-number rate of
    the summaries (:mod:`summarizer.evaluation.faithfulness`) to the report.
    """
    from summarizer.batch.engine import engine_workers
    from summarizer.values import check_values

    # None is the default method, as in summarize(); it was refused as "unknown method None"
    method = method_or_default(method)
    # faithfulness="no" ran the check (an encoder loaded), truncate="no" cut: truthy strings
    check_values(dict(truncate=truncate, main_content=main_content, progress=progress,
                      faithfulness=faithfulness, rouge_mode=rouge_mode),
                 dict(truncate=bool, main_content=bool, progress=bool, faithfulness=bool,
                      rouge_mode=str | None))
    # objects of the wrong kind failed deep inside ('float' object has no attribute 'mode')
    if not isinstance(method, str):  # as summarize() and summarize_dataset() say it
        from summarizer.summarizers import check_method

        check_method(method)
    for name, value, kind in (("rouge", rouge, RougeSettings),
                              ("dataset_options", dataset_options, DatasetOptions)):
        if value is not None and not isinstance(value, kind):
            raise OptionError(f"{name} must be a {kind.__name__} or None, not {value_repr(value)}")
    spec = dataset.source if isinstance(dataset, Dataset) else dataset
    if isinstance(spec, str | Path):  # a data set read from a file
        refuse_non_utf8_name(spec, "evaluate")  # before its pass, as the CLI's argument
        refuse_data_set_as_summaries(method, str(spec))
    _refuse_misplaced(method, options)
    workers = engine_workers(engine, num_workers, address, gpus_per_worker)
    if not main_content:  # a data set reading option: its home is DatasetOptions
        dataset_options = replace(dataset_options or DatasetOptions(), main_content=False)
    # as summarize(language=) names it (it went to the summariser); "" or 0 is refused there
    if language is not None:
        dataset_options = _with_language(dataset_options, language)
    plan = plan_run(dataset, method, out=out, words=words, bytes=bytes, sentences=sentences,
                    chars=chars,
                    truncate=truncate, rouge=rouge, rouge_mode=rouge_mode,
                    dataset_options=dataset_options, seed=seed,
                    progress=progress, **options)
    if engine == "ray" and not plan.store.run_file.exists():  # a new run: one that cannot
        from summarizer.batch.engine import refuse_unpicklable  # be sent to the workers is

        refuse_unpicklable(plan.system)  # said before its folder is made
    # what run.json records (the data set's path, a references or summaries folder, the
    # cluster ids), before locking makes the folder: writing it failed after, raw
    refuse_non_utf8_record([plan.settings.to_dict(), plan.info.to_dict()], "evaluate")
    with plan.store.locked(), saying_saved(lambda: saved_note(plan)):
        done, todo = pending(plan)
        resumed = len(done)
        if engine == "ray":
            from summarizer.batch.engine import refuse_unpicklable
            from summarizer.batch.evaluate import run_on_ray

            if todo:  # a finished run only rebuilds its report: nothing is sent
                refuse_unpicklable(plan.system)  # (a resumed run's folder left as it was)

            computed = run_on_ray(plan, todo, done, progress, workers, address,
                                  gpus_per_worker)
        else:
            computed = run_local(plan, todo, done, progress)
        report = finish(plan, done, faithfulness, progress)
    return RunResult(out=plan.store.folder, report=report, resumed=resumed, computed=computed)
