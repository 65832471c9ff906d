"""The eval/ scripts given data they cannot use: one ``script: error:`` line and a non-zero
exit, never a traceback (the second adversarial audit)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"
# every script that reads TAC 2011 from --data and has no fallback without it
TAC_SCRIPTS = ["abstractive_modes", "abstractive_packing", "bench_chunk_tokens", "bench_eval_scale",
               "bench_memory", "bench_memory_jsonl", "map_reduce_bookkeeping", "memory_stages",
               "cleaning_ablation",
               "faithfulness_antonyms", "faithfulness_negation", "faithfulness_tac", "reproducibility", "rouge_long", "scaling", "static_encoder", "tac2011_cv",
               "tac2011_cv_background", "tac2011_cv_central", "tac2011_cv_lsa", "tac2011_cv_morph", "tac2011_cv_stem", "tac2011_cv_units",
               "tac2011_cv_wordpos", "tac2011_cv_minwords", "tac2011_cv_redundancy", "tac2011_cv_parts",
               "tac2011_cv_singledf", "tac2011_cv_scale", "tac2011_cv_lead", "tac2011_cv_submodular",
               "tac2011_cv_occams", "tac2011_cv_dpp", "tac2011_cv_dpp_learned", "bench_dpp_greedy",
               "bench_ilp_pairs",
               "tac2011_cv_signal", "tac2011_cv_window", "tac2011_cv_title", "tac2011_cv_chars",
               "tac2011_cv_consensus",
               "tac2011_dangling", "tac2011_methods", "tac2011_oracle", "diversity_threads",
               "bench_many_calls", "bench_cluster_bytes", "bench_rouge_long_reference", "bench_sentence_ends", "short_windows"]
# the flags a script needs besides --data and --out before it reads the data
REQUIRED_ARGS = {"short_windows": ["--baseline", str(EVAL.parent)]}


def run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EVAL / f"{script}.py"), *args],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.mark.parametrize("script", TAC_SCRIPTS)
@pytest.mark.parametrize("data", ["missing", "not_tac"])
def test_data_that_is_not_tac_is_one_line(script: str, data: str, tmp_path: Path) -> None:
    (tmp_path / "not_tac").mkdir()  # a folder, but no SourceTexts/ inside
    out = run(script, *REQUIRED_ARGS.get(script, []), "--data", str(tmp_path / data),
              "--out", str(tmp_path / "out.md"), cwd=tmp_path)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(tmp_path / data) in lines[0], out.stderr
    assert not (tmp_path / "out.md").exists()


def test_package_errors_are_one_line(tmp_path: Path) -> None:
    """A typed error from the package (here an unknown language) is the CLI's one line."""
    (tmp_path / "SourceTexts").mkdir()
    out = run("tac2011_methods", "--data", str(tmp_path), "--language", "klingon",
              cwd=tmp_path)
    assert out.returncode == 2, out.stderr[-2000:]
    assert out.stderr.startswith("tac2011_methods.py: error: unknown language 'klingon'")
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("script", "args", "message"), [
    ("scaling", ["--sizes", "1000000000000"], "--sizes must each be 1..100,000 articles"),
    ("scaling", ["--mb", "1e12"], "--mb 0..512"),
    ("scaling", ["--sizes", "ten"], "--sizes must be whole numbers"),
    ("bench_memory", ["--sizes", "1e12"], "--sizes must be numbers of MB above 0 and at most 512"),
    ("bench_memory", ["--repeats", "1000000"], "--repeats must be 1..20"),
    ("bench_memory", ["--methods", "lead,nope"], "unknown method 'nope'"),
    ("bench_memory_jsonl", ["--mb", "1e12"], "--mb must be above 0 and at most 512"),
    ("bench_memory_jsonl", ["--commands", "evaluate,nope"], "unknown command 'nope'"),
    ("bench_memory_summaries", ["--sizes", "1e12"], "--sizes must be above 0 and at most 400"),
    ("bench_memory_summaries", ["--baseline", str(EVAL)], "not a checkout of this package"),
    ("same_summaries", ["--baseline", str(EVAL.parent), "--mb", "1e12"],
     "--mb must be above 0 and at most 100"),
    ("same_summaries", ["--baseline", str(EVAL)], "not a checkout of this package"),
    ("faithfulness_tac", ["--clusters", "-1"], "--clusters must be 2 or more"),
    ("faithfulness_tac", ["--clusters", "1"], "--clusters must be 2 or more"),  # IndexError
    ("bench_eval_scale", ["--steps", "compare", "--replicate", "100000"],
     "--replicate must be 1..50"),
    ("bench_eval_scale", ["--replicate", "10"], "--replicate goes with --steps compare alone"),
    ("bench_gzip_input", ["--clusters", "10000000"], "--clusters must be 1..100,000"),
    ("bench_gzip_input", ["--readers", "check,nope"], "--readers: unknown nope"),
    ("bench_rouge_peek", ["--pairs", "0"], "--pairs must be 1..100,000"),
    ("bench_memory_decode", ["--mb", "1e12"], "--mb must be over 0 and at most 400"),
    ("bench_memory_decode", ["--baseline", str(EVAL)], "not a checkout of this package"),
    ("perf_check", ["--baseline", str(EVAL.parent), "--mb", "1e12"], "--mb must be 0..512"),
    ("perf_check", ["--baseline", str(EVAL.parent), "--clusters", "0"], "--clusters 1..200,000"),
    ("perf_check", ["--baseline", str(EVAL)], "not a checkout of this package"),
    ("perf_check", ["--baseline", str(EVAL.parent), "--data", "no_such_folder"],
     "TAC 2011 data not found at no_such_folder"),
    ("bench_once", ["--baseline", str(EVAL.parent), "--clusters", "10000000"],
     "--clusters 1..100,000"),
    ("bench_once", ["--baseline", str(EVAL)], "not a checkout of this package"),
    ("bench_once", ["--baseline", str(EVAL.parent), "--cases", "rouge,nope"], "unknown case(s) nope"),
    ("bench_linear_inputs", ["--scale", "1e9"], "--scale must be above 0 and at most 20"),
    ("bench_jsonl_keys", ["--mb", "1e12"], "--mb must be above 0 and at most 400"),
    ("bench_jsonl_keys", ["--repeats", "0"], "--repeats must be 1..20"),
    ("bench_linear_inputs", ["--repeats", "0"], "--repeats must be 1..20"),
    ("bench_detect", ["--baseline", str(EVAL.parent), "--runs", "0"], "--runs must be 1..20"),
    ("bench_detect", ["--baseline", str(EVAL)], "not a checkout of this package"),
    ("faithfulness_antonyms", ["--wordnet", "no_such_folder"],
     "--wordnet no_such_folder: not WordNet's data files"),
    ("diversity_threads", ["--runs", "0"], "--runs must be 1..20, got 0"),
    ("bench_many_calls", ["--calls", "0"], "--calls must be 1..1,000,000, got 0"),
    # these three had a lower bound only: 10^12 ran on (still running after 12 s)
    ("diversity_threads", ["--runs", "1000000000000"], "--runs must be 1..20"),
    ("bench_many_calls", ["--every", "1000000000000"], "--every must be 1..1,000,000"),
    ("bench_background", ["--repeats", "1000000000000"], "--repeats must be 1..50"),
    ("bench_background", ["--passes", "0"], "--passes must be 1..20, got 0"),
    ("bench_many_calls", ["--modes", "plain,nope"], "--modes takes plain, names"),
    ("same_summaries", ["--baseline", str(EVAL.parent), "--methods", "lead,nope"],
     "--methods: no rows for nope"),
    # bench_common.bound_counts: 0 repeats took the median of nothing (a raw
    # StatisticsError: speed, rouge_long, bench_call_bytes, bench_chunk_tokens,
    # map_reduce_bookkeeping) or wrote an empty table, exit 0 (bench_sentence_ends --runs 0);
    # --mb 1e12 built its input until memory ran out (a raw MemoryError, or minutes)
    ("bench_sentence_ends", ["--runs", "0"], "--runs must be 1..20, got 0"),
    ("bench_sentence_ends", ["--mb", "1e12"], "--mb must be above 0 and at most 50, got 1e+12"),
    ("bench_sentence_ends", ["--mb", "nan"], "--mb must be above 0 and at most 50, got nan"),
    ("map_reduce_bookkeeping", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("map_reduce_bookkeeping", ["--mb", "1e12"], "--mb must be above 0 and at most 100"),
    ("memory_stages", ["--mb", "1e12"], "--mb must be above 0 and at most 512"),
    ("memory_stages", ["--mb", "-1"], "--mb must be above 0 and at most 512"),
    # memory_stages --words 0: every child failed (their tracebacks), an empty table, exit 0
    ("memory_stages", ["--words", "0"], "--words must be 1..100,000, got 0"),
    ("speed", ["--repeats", "0"], "--repeats must be 1..50, got 0"),
    ("speed", ["--passes", "-2"], "--passes must be 1..20, got -2"),
    ("static_encoder", ["--passes", "0"], "--passes must be 1..20, got 0"),
    ("throughput", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("bench_call_bytes", ["--runs", "0"], "--runs must be 1..20, got 0"),
    ("rouge_long", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("bench_chunk_tokens", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("bench_chunk_tokens", ["--mb", "1e12"], "--mb must be above 0 and at most 100"),
    ("bench_chunk_tokens", ["--threads", "0"], "--threads must be 1..256, got 0"),  # torch's raw error
    ("throughput", ["--encoder-sentences", "0"], "--encoder-sentences must be 1..100,000"),
    ("bench_rouge", ["--pairs", "0"], "--pairs must be 1..100,000, got 0"),
    ("bench_rouge", ["--stream", "-3"], "--stream must be 1..100,000, got -3"),
    ("rouge155_exactness", ["--pairs", "100000000000"], "--pairs must be 0..100,000"),
    # bench_common.checkout: speed --baseline MISSING (or a file) was a raw FileNotFoundError
    # (NotADirectoryError) in the cold-start runs, bench_sentence_ends' a raw one in its
    # first run; rouge_long timed the tree's own package as the baseline, exit 0
    ("speed", ["--baseline", "no_such_checkout"],
     "--baseline no_such_checkout: not a checkout of this package"),
    ("speed", ["--baseline", str(EVAL / "speed.py")], "not a checkout of this package"),
    ("rouge_long", ["--job", "S*", "--baseline", "no_such_checkout"],
     "not a checkout of this package (no summarizer/__init__.py)"),
    ("bench_sentence_ends", ["--baseline", str(EVAL)], "not a checkout of this package"),
    # --timeout 1e12 was a raw OverflowError at the first run (subprocess's wait), --timeout
    # 0 and --words 0 ran every run into a failure and reported it, exit 0; scaling
    # --repeats 0 a raw StatisticsError after the runs
    ("scaling", ["--timeout", "1e12"], "--timeout must be above 0 and at most 86400"),
    ("scaling", ["--timeout", "0"], "--timeout must be above 0 and at most 86400, got 0"),
    ("scaling", ["--words", "0"], "--words must be 1..100,000, got 0"),
    ("scaling", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("bench_memory", ["--timeout", "1e12"], "--timeout must be above 0 and at most 86400"),
    ("bench_memory", ["--words", "0"], "--words must be 1..100,000, got 0"),
    ("bench_memory_jsonl", ["--timeout", "1e12"], "--timeout must be above 0 and at most 86400"),
    ("bench_memory_jsonl", ["--words", "0"], "--words must be 1..100,000, got 0"),
    ("rouge_long", ["--timeout", "0"], "--timeout must be above 0 and at most 86400, got 0"),
    # bench_batch: --repeats 0 and --clusters 0 were a raw StatisticsError; --workers 0,
    # --batch-tokens 0 (the library's default taken, the report saying 0) and --sentences -5
    # ran and reported them, exit 0
    ("bench_batch", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("bench_batch", ["--clusters", "0"], "--clusters must be 1..100,000, got 0"),
    ("bench_batch", ["--clusters", "1000000000000"], "--clusters must be 1..100,000"),
    ("bench_batch", ["--workers", "0"], "--workers must be 1..256, got 0"),
    ("bench_batch", ["--docs", "0"], "--docs must be 1..10, got 0"),
    ("bench_batch", ["--sentences", "-5"], "--sentences must be 0..10,000, got -5"),
    ("bench_batch", ["--words", "0"], "--words must be 1..100,000, got 0"),
    ("bench_batch", ["--batch-tokens", "0"], "--batch-tokens must be 1..1,000,000, got 0"),
    ("bench_batch", ["--max-load", "nan"], "--max-load must be above 0 and at most 1000"),
    ("bench_batch", ["--max-wait", "1e12"], "--max-wait must be above 0 and at most 86400"),
    # bench_batch_timeline: --workers 0 and --sentences -5 ran to a report, exit 0; --docs,
    # --words, --batch-tokens 0 failed the job after the input was built; --repeats 0 and
    # --clusters 0 were exit 1 without a usage line; --clusters 10^11 built input until stopped
    ("bench_batch_timeline", ["--workers", "0"], "--workers must be 1..256, got 0"),
    ("bench_batch_timeline", ["--sentences", "-5"], "--sentences must be 0..10,000, got -5"),
    ("bench_batch_timeline", ["--docs", "0"], "--docs must be 1..10, got 0"),
    ("bench_batch_timeline", ["--words", "0"], "--words must be 1..100,000, got 0"),
    ("bench_batch_timeline", ["--batch-tokens", "0"], "--batch-tokens must be 1..1,000,000"),
    ("bench_batch_timeline", ["--repeats", "0"], "--repeats must be 1..20, got 0"),
    ("bench_batch_timeline", ["--clusters", "0"], "--clusters must each be 1..100,000, got 0"),
    ("bench_batch_timeline", ["--clusters", "1000,100000000000"],
     "--clusters must each be 1..100,000, got 1000,100000000000"),
    ("bench_batch_timeline", ["--clusters", "ten"], "--clusters takes numbers, comma-separated"),
])
def test_absurd_sizes_are_usage_errors(script: str, args: list, message: str,
                                       tmp_path: Path) -> None:
    # scaling --sizes 10**12 ran out of memory building its input; faithfulness_tac
    # --clusters -1 silently used all clusters but the last
    out = run(script, *args, cwd=tmp_path)
    assert out.returncode == 2 and message in out.stderr, out.stderr[-2000:]
    assert "Traceback" not in out.stderr


def test_same_summaries_reads_back_the_before_digests_of_its_report(tmp_path: Path) -> None:
    # --baseline-report: a rerun against a baseline that has not moved takes its digests
    # from the earlier report instead of hashing it again
    script = _eval_script("same_summaries")
    configs = script.CONFIGS
    before = [f"{k:016x}" for k in range(len(configs))]
    after = [f"{k + 1:016x}" for k in range(len(configs))]
    report = tmp_path / "r.md"
    report.write_text("Prose above the table.\n\n" + "\n".join(
        script.report_lines("/tmp/b", 5_012_345, configs, before, after)) + "\n")
    baseline, mb, known = script.report_digests(report)
    assert (baseline, mb) == ("/tmp/b", "5.0")
    assert [known[(m, json.dumps(o))] for m, o in configs] == before
    assert len(known) == len(configs) == len({(m, json.dumps(o)) for m, o in configs})


@pytest.mark.parametrize(("report", "message"), [
    (None, "cannot be read (FileNotFoundError)"),
    ("| lead | {} | 0000000000000000 | 0000000000000000 | same |\n",
     "holds no title line of this script's report"),
    ("# Same summaries as /tmp/b (TAC 2011 4 English + 4 French clusters, one 5.0 MB text; "
     "4 budgets)\n\n| lead | {} | 0000000000000000 | 0000000000000000 | same |\n",
     'has no row for lead {"mode": "newest"}; lead {"compress": true}'),
])
def test_same_summaries_baseline_report_it_cannot_use_is_a_usage_error(
        report: str | None, message: str, tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    if report is not None:
        path.write_text(report)
    out = run("same_summaries", "--baseline-report", str(path), "--methods", "lead",
              cwd=tmp_path)
    assert out.returncode == 2 and message in out.stderr, out.stderr[-2000:]
    assert "Traceback" not in out.stderr


def test_same_summaries_baseline_report_of_another_text_size_is_a_usage_error(
        tac_dir: Path, tmp_path: Path) -> None:
    # digests of a 5 MB text are no baseline for a run on a 0.1 MB one
    script = _eval_script("same_summaries")
    rows = [c for c in script.CONFIGS if c[0] == "lead"]
    report = tmp_path / "r.md"
    report.write_text("\n".join(script.report_lines("/tmp/b", 5_000_000, rows,
                                                     ["0" * 16] * 3, ["0" * 16] * 3)))
    out = run("same_summaries", "--baseline-report", str(report), "--methods", "lead",
              "--mb", "0.1", "--data", str(tac_dir), cwd=tmp_path)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "hashed a 5.0 MB text, this run one of 0.1 MB (--mb)" in out.stderr
    assert "Traceback" not in out.stderr


def test_tac2011_cv_caches_write_through_unique_temporary_names(tmp_path: Path) -> None:
    # both caches wrote through one fixed name (summaries.tmp, vectors-x.tmp.npz): two runs
    # saving at once wrote into the same file, and a file of that name was taken and moved
    import numpy as np

    script = _cv_script()
    planted = {tmp_path / "summaries.tmp": b"mine", tmp_path / "vectors-x.tmp.npz": b"mine too"}
    for path, data in planted.items():
        path.write_bytes(data)
    cache = script.DiskCache(tmp_path / "summaries.json")
    cache.put("k", "v")
    cache.save()
    script.VectorCache(tmp_path).save("x", {"a": np.ones(3, dtype=np.float32)})
    assert script.DiskCache(tmp_path / "summaries.json").get("k") == "v"
    assert set(script.VectorCache(tmp_path).load("x")) == {"a"}
    assert {p: p.read_bytes() for p in planted} == planted
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["summaries.json", "summaries.json.lock", "vectors-x.npz", "vectors-x.npz.lock",
         "summaries.tmp", "vectors-x.tmp.npz"])


def _eval_script(name: str):
    """eval/NAME.py as a module (eval/ on the path while it runs: the family scripts import
    tac2011_cv and its helpers)."""
    import importlib.util

    sys.path.insert(0, str(EVAL))
    try:
        spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
    finally:
        sys.path.remove(str(EVAL))
    return script


def _cv_script():
    """eval/tac2011_cv.py as a module."""
    return _eval_script("tac2011_cv")


def test_tac2011_cv_summary_caches_of_overlapping_runs_keep_both(tmp_path: Path) -> None:
    # save wrote back what the cache had read when its run started and what it added: of
    # two runs sharing the cache, the one saving last dropped the other's new summaries
    script = _cv_script()
    path = tmp_path / "summaries.json"
    old = script.DiskCache(path)
    old.put("old", 0)
    old.save()
    first, second = script.DiskCache(path), script.DiskCache(path)
    first.put("a", 1)
    second.put("b", 2)
    first.save()
    second.save()
    assert script.DiskCache(path).data == {"old": 0, "a": 1, "b": 2}
    assert second.get("a") == 1  # what it saved with is now what it holds
    first.put("c", 3)
    first.save()  # its "a" again, "b" kept
    assert script.DiskCache(path).data == {"old": 0, "a": 1, "b": 2, "c": 3}


def test_tac2011_cv_vector_caches_of_overlapping_runs_keep_both(tmp_path: Path) -> None:
    # save wrote the run's whole memory of an encoder's vectors over the file: of two runs
    # that had read it, the one saving last dropped the vectors the other had added
    import numpy as np

    script = _cv_script()
    vec = {t: np.full(3, i, dtype=np.float32) for i, t in enumerate(("old", "a", "b"))}
    script.VectorCache(tmp_path).save("e5", {"old": vec["old"]})
    first, second = script.VectorCache(tmp_path), script.VectorCache(tmp_path)
    memos = [first.load("e5"), second.load("e5")]  # each run's encoder memory, warmed
    memos[0]["a"], memos[1]["b"] = vec["a"], vec["b"]
    first.save("e5", memos[0])
    second.save("e5", memos[1])
    saved = script.VectorCache(tmp_path).load("e5")
    assert sorted(saved) == ["a", "b", "old"]
    assert all(np.array_equal(saved[t], vec[t]) for t in vec)
    assert (tmp_path / "vectors-e5.npz.lock").exists()  # DiskCache's lock, beside its file


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files read from /proc")
def test_tac2011_cv_vector_cache_load_closes_its_file(tmp_path: Path) -> None:
    # load left np.load's file to the garbage collector: a file without its vectors kept it
    # open for as long as the KeyError's traceback lived
    import os

    import numpy as np

    def open_here() -> list[str]:
        fds = Path("/proc/self/fd")
        return [t for t in (os.readlink(fds / fd) for fd in os.listdir(fds) if
                            (fds / fd).is_symlink()) if t.startswith(str(tmp_path))]

    script = _cv_script()
    np.savez(tmp_path / "vectors-e5.npz", texts=np.array(["a"]))  # no "vectors"
    with pytest.raises(KeyError) as caught:  # kept: its traceback holds load's frame
        script.VectorCache(tmp_path).load("e5")
    assert "vectors" in str(caught.value)
    assert open_here() == []


def test_tac2011_cv_summary_cache_saves_under_the_lock(tmp_path: Path) -> None:
    # a save that read the file while another was between its read and its rename lost
    # that one's entries: it waits for the lock beside the file
    import fcntl
    import threading

    script = _cv_script()
    path = tmp_path / "summaries.json"
    cache = script.DiskCache(path)
    cache.put("a", 1)
    with open(tmp_path / "summaries.json.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        saving = threading.Thread(target=cache.save)
        saving.start()
        saving.join(0.5)
        assert saving.is_alive() and not path.exists()
        path.write_text('{"b": 2}', "utf-8")  # another run's save, done while it waits
        fcntl.flock(held, fcntl.LOCK_UN)
    saving.join(10)
    assert not saving.is_alive()
    assert script.DiskCache(path).data == {"a": 1, "b": 2}


def _tac2011_cv(tmp_path: Path):
    """The CV script as a module, with a harness over two tiny English clusters."""
    from summarizer.documents.model import Cluster, Document

    script = _cv_script()
    h = script.Harness(tmp_path, [], tmp_path / "cache")  # no language: nothing read
    text = ("The river rose overnight in the valley. Rescue teams moved families to the school. "
            "The mayor said the water would fall by Friday.")
    h.clusters = [Cluster([Document(text, id=f"d{k}")], id=f"M00{k}", language="english",
                          references=["The river rose and families were moved."])
                  for k in range(2)]
    h.lang = [c.language for c in h.clusters]
    return script, h


@pytest.mark.parametrize("script", ["tac2011_cv", "tac2011_cv_lsa", "tac2011_cv_learned"])
@pytest.mark.parametrize("cache", ["afile", "afile/cache"])
def test_tac2011_cv_cache_that_is_no_folder_is_one_line_before_the_work(
        script: str, cache: str, tmp_path: Path) -> None:
    # --cache FILE (or a folder under a file) ran the grid and then stopped at the first
    # save with a raw FileExistsError (NotADirectoryError) traceback, minutes in
    (tmp_path / "afile").write_text("mine\n")
    (tmp_path / "tac" / "SourceTexts").mkdir(parents=True)  # no articles: the data not read yet
    out = run(script, "--data", str(tmp_path / "tac"), "--cache", str(tmp_path / cache),
              cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-2000:]
    why = "a file is there" if cache == "afile" else "Not a directory"
    assert out.stderr == (f"{script}.py: error: --cache {tmp_path / cache}: not a folder the "
                          f"caches can be kept in ({why})\n")
    assert (tmp_path / "afile").read_text() == "mine\n"


@pytest.mark.parametrize("content", [b"", b"\x80\x81 not text", b"[1, 2]"])
def test_tac2011_cv_cache_file_that_is_no_cache_is_one_line(content: bytes, tmp_path: Path) -> None:
    # an empty, binary or other summaries.json (a save cut short before write_atomic, a
    # file of the user's) was a raw JSONDecodeError or UnicodeDecodeError traceback, and a
    # vectors file that is no .npz a raw EOFError or ValueError one
    from summarizer.errors import InputError

    script = _cv_script()
    (tmp_path / "summaries.json").write_bytes(content)
    with pytest.raises(InputError, match=r"summaries\.json: not a cache file of these scripts "
                       r"\(.+\); remove it or give another --cache$"):
        script.DiskCache(tmp_path / "summaries.json")
    (tmp_path / "vectors-e5.npz").write_bytes(content)
    with pytest.raises(InputError, match=r"vectors-e5\.npz: not a cache file of these scripts"):
        script.VectorCache(tmp_path).load("e5")
    (tmp_path / "tac" / "SourceTexts").mkdir(parents=True)
    out = run("tac2011_cv", "--data", str(tmp_path / "tac"), "--cache", str(tmp_path),
              cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stderr.startswith(f"tac2011_cv.py: error: {tmp_path / 'summaries.json'}: not a "
                                 "cache file") and len(out.stderr.splitlines()) == 1
    assert (tmp_path / "summaries.json").read_bytes() == content


def test_tac2011_cv_fingerprint_is_read_once_per_run(tmp_path: Path, monkeypatch) -> None:
    # run_config hashed the package again for every configuration: a rebase during a run
    # changed the cache keys partway, and the run mixed two versions of the code
    script, h = _tac2011_cv(tmp_path)
    before = script.code_fingerprint("lead")
    monkeypatch.setattr(script, "code_fingerprint", lambda method=None: "moved")
    monkeypatch.setattr(script, "code_fingerprints", lambda: {None: "moved", "lead": "moved"},
                        raising=False)
    h.run_config("lead", "lead", {})
    keys = list(h.summaries.data)
    assert len(keys) == 4 and all(k.startswith(f"{before}|") for k in keys), keys


def test_tac2011_cv_report_marks_held_out_rows(tmp_path: Path, monkeypatch) -> None:
    # the learned-* rows, each cluster summarised by its own fold's model, were called in-sample
    script, h = _tac2011_cv(tmp_path)
    monkeypatch.setitem(script.CONFIGS, "learned-x", ("coverage", {"concept_weighting": "x"}))
    scores = {"default": h.run_config("default", "lead", {})}
    scores["learned-x"] = h.run_config("learned-x", "lead", {})
    official = {p: h.run_official(p) for p in script.PARTICIPANTS + ("ID9", "ID10")}
    text = script.report(h, scores, official, 1, 0.0, held_out=("learned-x",))
    rows = [ln for ln in text.splitlines() if ln.startswith("| `")]
    assert [r.split(" (")[0] for r in rows] == ["| `default`", "| `learned-x` *held out*"]
    assert "Rows marked *held out* (`learned-x`) are not in-sample" in text
    assert "*held out*" not in script.report(h, scores, official, 1, 0.0)


def test_tac2011_cv_grid_holds_the_earlier_default_and_no_copy_of_the_current(
        tmp_path: Path) -> None:
    # CONFIGS apply on top of the library default: when it became background="idf-stopwords"
    # (004d5c7) no row was left with the earlier default (background None); the
    # coverage-bg-idf-stop row became a copy of "default", kept on purpose and the only one
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    script, _ = _tac2011_cv(tmp_path)
    settings = {n: get_summarizer(m, **o).settings() for n, (m, o) in script.CONFIGS.items()}
    current = get_summarizer(DEFAULT_METHOD).settings()
    earlier = get_summarizer(DEFAULT_METHOD, background=None).settings()
    assert earlier != current
    assert [n for n, s in settings.items() if s == current] == ["default", "coverage-bg-idf-stop"]
    assert [n for n, s in settings.items() if s == earlier] == ["coverage-bg-none"]


def test_tac2011_cv_singledf_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the four registered rows, each a valid setting of its own, and the concepts' table
    from summarizer.summarizers import get_summarizer

    grid = _eval_script("tac2011_cv_singledf")
    assert grid.GRID == ("default", "coverage-mindf1", "coverage-mindf1-single0.5",
                         "coverage-mindf1-single0.25", "coverage-mindf1-single0.1")
    settings = [get_summarizer(m, **o).settings() for m, o in grid.SINGLEDF_CONFIGS.values()]
    assert all(s["min_df"] == 1 for s in settings)
    assert [s.get("single_df_weight") for s in settings] == [None, 0.5, 0.25, 0.1]
    _, h = _tac2011_cv(tmp_path)
    table = grid.concept_facts(h).splitlines()
    assert table[-1].startswith("| english | ") and len(table) == 5


def test_tac2011_cv_scale_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the six registered rows, each moving one option off the default, and the ranks' table
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_scale")
    assert grid.GRID == ("default", "coverage-concept0.5", "coverage-concept2",
                         "coverage-concept4", "coverage-maxrank5", "coverage-maxrank10",
                         "coverage-maxrank20")
    default = get_summarizer(DEFAULT_METHOD).settings()
    for m, o in grid.SCALE_CONFIGS.values():
        moved = {k: v for k, v in get_summarizer(m, **o).settings().items() if default[k] != v}
        assert moved == o
    _, h = _tac2011_cv(tmp_path)
    table = grid.rank_facts(h).splitlines()
    assert table[-1].startswith("| english | ") and len(table) == 7
    # each tiny cluster: one document of three sentences, all under every bar
    assert table[-1].split(" | ")[1:5] == ["3 (3)", "1.00", "1.00", "1.00"]


def test_tac2011_cv_lead_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the three registered rows, each moving only its options off the default, and the
    # first sentences' table
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_lead")
    assert grid.GRID == ("default", "coverage-leaddecay0.5", "coverage-leaddecay0.25",
                         "coverage-lead0.5-decay0.5")
    default = get_summarizer(DEFAULT_METHOD).settings()
    for m, o in grid.LEAD_CONFIGS.values():
        got = get_summarizer(m, **o).settings()
        assert {k: v for k, v in got.items() if default.get(k) != v} == o
    _, h = _tac2011_cv(tmp_path)
    table = grid.lead_facts(h).splitlines()
    assert table[-1].startswith("| english | ") and len(table) == 5
    # one document of three sentences per cluster: its first opens the 250-word summary
    shares = [float(x) for x in table[-1].strip(" |").split(" | ")[1:]]
    assert len(shares) == 4 and all(0 < x < 1 for x in shares)


def test_tac2011_cv_signal_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the five registered rows, each moving only its options off the default (the documents
    # in place of the k-means parts also turns that reward off), and the two facts' tables
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_signal")
    assert grid.GRID == ("default", "coverage-docdiv4", "coverage-docdiv16",
                         "coverage-docparts", "coverage-entity2", "coverage-entity4")
    default = get_summarizer(DEFAULT_METHOD).settings()
    for name, (m, o) in grid.SIGNAL_CONFIGS.items():
        got = get_summarizer(m, **o).settings()
        moved = {k: v for k, v in got.items() if default.get(k) != v}
        off = {"diversity_weight": 0.0} if name == "coverage-docparts" else {}
        assert moved == {k: v for k, v in o.items() if k not in off}
        assert all(k not in got for k in off)  # the k-means reward off: not recorded
    _, h = _tac2011_cv(tmp_path)
    lines = grid.signal_facts(h).splitlines()
    # each tiny cluster is one document: every summary draws on it alone
    assert lines[4] == "| english | " + " | ".join(["1.0"] * 6) + " |"
    # "Friday" is capitalised inside its sentence: "by friday" holds a name-like word, in
    # the candidates and the default's summary (all three sentences), not the reference
    cand, refs, summary = (float(x) for x in lines[-1].strip(" |").split(" | ")[1:])
    assert lines[-1].startswith("| english | ") and cand == summary > 0 and refs == 0


def test_tac2011_cv_window_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the three registered rows, each moving only content_window off the default, and the
    # facts' two tables on a cluster of two documents worked out by hand
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_window")
    assert grid.GRID == ("default", "coverage-window1", "coverage-window2", "coverage-window3")
    default = get_summarizer(DEFAULT_METHOD).settings()
    for k, (m, o) in enumerate(grid.WINDOW_CONFIGS.values(), start=1):
        got = get_summarizer(m, **o).settings()
        assert {n: v for n, v in got.items() if default.get(n) != v} == o == {
            "content_window": k}
    _, h = _tac2011_cv(tmp_path)
    docs = [Document("The minister for foreign affairs met the press on Monday.", id="a"),
            Document("The minister and foreign envoys met the press.", id="b")]
    h.clusters = [Cluster(docs, id="M000", language="english",
                          references=["The foreign minister met the press."])]
    lines = grid.window_facts(h).splitlines()
    # adjacent words: (the, minister), (met, the), (the, press) recur; content pairs, one
    # apart: (minister, foreign), (met, press); two: and (foreign, met); three: and
    # (minister, met), (foreign, press)
    assert lines[4] == "| english | 3 | 2 | 3 | 5 |"
    # the reference's 5, 3, 5 and 6 pairs: 2, 1, 2 and 4 of them are concepts
    assert lines[-1] == "| english | 0.400 | 0.333 | 0.400 | 0.667 |"


def test_tac2011_cv_title_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the four registered rows, each moving only title_weight off the default, and the
    # facts' table on a cluster of two documents worked out by hand
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_title")
    assert grid.GRID == ("default", "coverage-title0.5", "coverage-title1", "coverage-title2",
                         "coverage-title4")
    default = get_summarizer(DEFAULT_METHOD).settings()
    for w, (m, o) in zip((0.5, 1.0, 2.0, 4.0), grid.TITLE_CONFIGS.values(), strict=True):
        got = get_summarizer(m, **o).settings()
        assert {n: v for n, v in got.items() if default.get(n) != v} == o == {
            "title_weight": w}
    _, h = _tac2011_cv(tmp_path)
    docs = [Document("Rescue teams moved families. The river rose overnight.", id="a",
                     title="River rose in the valley"),
            Document("The river rose again. Rescue teams waited.", id="b")]
    h.clusters = [Cluster(docs, id="M000", language="english",
                          references=["The river rose and rescue teams moved families."])]
    lines = grid.title_facts(h).splitlines()
    # the bodies' bigrams: in the title and one body none ("in the valley" is in no body);
    # in the title and both, "river rose" (the reference: once); in no title and one body,
    # 7, read across sentence ends ("families the", "again rescue"; "teams moved", "moved
    # families" in the reference once each); in no title and both, "rescue teams", "the
    # river" (once each)
    assert lines[-1] == "| english | 0: 0.000 | 1: 1.000 | 7: 0.286 | 2: 1.000 |"


def test_tac2011_cv_chars_grid_is_the_registered_one() -> None:
    # the three registered rows, each moving only tfidf_chars off the default
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_chars")
    assert grid.GRID == ("default", "coverage-chars3", "coverage-chars4", "coverage-chars5")
    default = get_summarizer(DEFAULT_METHOD).settings()
    for n, (m, o) in zip((3, 4, 5), grid.CHARS_CONFIGS.values(), strict=True):
        got = get_summarizer(m, **o).settings()
        assert {k: v for k, v in got.items() if default.get(k) != v} == o == {"tfidf_chars": n}


def test_tac2011_cv_consensus_grid_is_the_registered_one() -> None:
    # the three registered rows, each moving only consensus (and its overlap) off the default
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    grid = _eval_script("tac2011_cv_consensus")
    assert grid.GRID == ("default", "coverage-consensus2", "coverage-consensus2-words",
                         "coverage-consensus1.5")
    default = get_summarizer(DEFAULT_METHOD).settings()
    want = [(2.0, "bigrams"), (2.0, "words"), (1.5, "bigrams")]
    for (factor, overlap), (m, o) in zip(want, grid.CONSENSUS_CONFIGS.values(), strict=True):
        got = get_summarizer(m, **o).settings()
        assert {k: v for k, v in got.items() if default.get(k) != v} == {
            "consensus": factor, "consensus_overlap": overlap}


def test_tac2011_cv_submodular_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the four registered rows of method submodular (the paper's settings and three
    # neighbours in a and lambda), and the paper setting's table
    from summarizer.summarizers import get_summarizer

    grid = _eval_script("tac2011_cv_submodular")
    assert grid.GRID == ("default", "submodular-paper", "submodular-a10", "submodular-lam3",
                         "submodular-lam12")
    got = [get_summarizer(m, **o).settings() for m, o in grid.SUBMODULAR_CONFIGS.values()]
    assert [(s["a"], s["lambda"], s["r"], s["diversity_clusters"]) for s in got] == [
        (5.0, 6.0, 0.3, 0.2), (10.0, 6.0, 0.3, 0.2), (5.0, 3.0, 0.3, 0.2), (5.0, 12.0, 0.3, 0.2)]
    _, h = _tac2011_cv(tmp_path)
    table = grid.submodular_facts(h).splitlines()
    assert table[-1] == "| english | 3 | 1 | 0 of 4 |" and len(table) == 5


def test_tac2011_cv_occams_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the four registered rows of method occams (the paper's settings and three neighbours:
    # the first singular triplet only, content words, bigrams of two documents or more), and
    # the paper setting's table
    from summarizer.summarizers import get_summarizer

    grid = _eval_script("tac2011_cv_occams")
    assert grid.GRID == ("default", "occams-paper", "occams-rank1", "occams-unigrams",
                         "occams-mindf2")
    got = [get_summarizer(m, **o).settings() for m, o in grid.OCCAMS_CONFIGS.values()]
    assert [(s.get("concept_units", "bigrams"), s["min_df"], s["lsa_rank"], s["lsa_entries"])
            for s in got] == [("bigrams", 1, "budget", "binary"), ("bigrams", 1, 1, "binary"),
                              ("unigrams", 1, "budget", "binary"),
                              ("bigrams", 2, "budget", "binary")]
    _, h = _tac2011_cv(tmp_path)
    table = grid.occams_facts(h).splitlines()
    # one document of three sentences, no bigram in two of them: no term, the lead sentences
    assert table[-1] == "| english | 0 | 0.0 | 0 of 4 | 0 / 0 | 4 |" and len(table) == 5


def test_tac2011_cv_dpp_grid_is_the_registered_one(tmp_path: Path) -> None:
    # the six registered rows of method dpp (the method's defaults as the paper's row, and
    # one-step neighbours in theta, r and the quality), and the paper setting's table
    from summarizer.summarizers import get_summarizer

    grid = _eval_script("tac2011_cv_dpp")
    assert grid.GRID == ("default", "dpp-paper", "dpp-theta05", "dpp-theta2", "dpp-r05",
                         "dpp-concepts", "dpp-centrality")
    got = [get_summarizer(m, **o).settings() for m, o in grid.DPP_CONFIGS.values()]
    assert [(s["quality"], s["theta"], s["r"], s["representation"]) for s in got] == [
        ("concepts-lead", 1.0, 0.0, "tfidf"), ("concepts-lead", 0.5, 0.0, "tfidf"),
        ("concepts-lead", 2.0, 0.0, "tfidf"), ("concepts-lead", 1.0, 0.5, "tfidf"),
        ("concepts", 1.0, 0.0, "tfidf"), ("centrality", 1.0, 0.0, "tfidf")]
    _, h = _tac2011_cv(tmp_path)
    table = grid.dpp_facts(h).splitlines()
    # one document of three sentences, 26 words: all three taken at both budgets, one of
    # them the document's first, none in the span of the others
    assert table[-1] == "| english | 3 | 3.0 | 0.33 | 0.0 |" and len(table) == 5


def test_tac2011_cv_background_grid_holds_the_default_it_was_registered_against(
        monkeypatch) -> None:
    # the grid was registered against background=None, then the default of its "default"
    # row; since 004d5c7 that row is background="idf-stopwords", a copy of another row
    import importlib

    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer

    monkeypatch.syspath_prepend(str(EVAL))
    grid = importlib.import_module("tac2011_cv_background")
    cv = importlib.import_module("tac2011_cv")
    settings = [get_summarizer(*cv.CONFIGS[n][:1], **cv.CONFIGS[n][1]).settings()
                for n in grid.GRID]
    assert get_summarizer(DEFAULT_METHOD, background=None).settings() in settings


def test_tac2011_oracle_greedy_picks_what_matches_the_references(monkeypatch) -> None:
    import importlib

    from summarizer.summarizers.budget import Budget

    monkeypatch.syspath_prepend(str(EVAL))
    oracle = importlib.import_module("tac2011_oracle")
    texts = ["The weather was mild in the north on Monday.",  # shares no reference bigram
             "Rebels seized the airport late on Sunday night and closed every road north.",
             "Rebels seized the airport.",
             "The talks in Geneva ended without any agreement on the border."]
    refs = ["Rebels seized the airport and closed every road north.",
            "The talks in Geneva ended without agreement."]
    # room for all: the long sentence holds more reference bigrams than the short one,
    # which then adds nothing; the sentence that matches nothing is never taken
    assert oracle.greedy_oracle(texts, refs, Budget(words=30)) == [1, 3]
    # 12 words: the long one (13) does not fit whole; Geneva's (11 words, 5 hits) beats the
    # short one (3 hits), which then no longer fits beside it; 4 words: the short one alone
    assert oracle.greedy_oracle(texts, refs, Budget(words=12)) == [3]
    assert oracle.greedy_oracle(texts, refs, Budget(words=4)) == [2]
    assert oracle.greedy_oracle(texts[:1], refs, Budget(words=30)) == []
    # ID10's extracts glue sentences without a space
    assert oracle.id10_sentences('A ran.Bo sat. "Cy left", he said.Done') == [
        "A ran.", "Bo sat.", '"Cy left", he said.', "Done"]
    # how much of ID10's text our sentences hold, spaces ignored, and the rest
    from summarizer.sentences import Sentence

    ours = [Sentence(t, "d", 0, k, 0, len(t)) for k, t in enumerate(["Ab cd.", "Mn op qr st ."])]
    held, rest = oracle.held_share("Ab cd .Ef gh ij kl.  Mn op qr st.", ours)
    assert held == pytest.approx(14 / 23) and rest == ["Ef gh ij kl."]


def test_tac2011_cv_report_gives_the_rules_joint_criterion_unrounded(tmp_path: Path) -> None:
    # the decision rule compares the joint CV held out with the default's joint criterion,
    # which the report left to be summed by hand from figures rounded to 4 decimals
    script, h = _tac2011_cv(tmp_path)
    scores = {"default": h.run_config("default", "lead", {})}
    official = {p: h.run_official(p) for p in script.PARTICIPANTS + ("ID9", "ID10")}
    text = script.report(h, scores, official, 1, 0.0)
    sc = scores["default"]
    want = sc["250"][1].mean() + sc["100"][0].mean() + sc["100"][1].mean()
    assert 0 < want < 3
    assert (f"default in-sample {want:.4f}, joint CV held out {want:.4f}." in text)
    assert f"| {want:.4f} | 2 / 2 |" in text  # the configuration's row


def test_tac2011_cv_paired_table_holds_each_configuration_and_the_joint_cv() -> None:
    # the main grid's paired test came from a one-off script, the centrality grid's from a
    # table of its own: one table now, from the grid's scores, that both scripts print
    import numpy as np

    from summarizer.metrics.significance import paired_test

    script = _cv_script()
    flat = np.full(4, 0.1)
    default = {"250": (flat, flat), "100": (flat, flat)}
    better = np.array([0.3, 0.3, 0.05, 0.1])  # R2 at 250: 2 clusters won, 1 lost, 1 tied
    scores = {"default": default, "x": {"250": (flat, better), "100": (flat, flat)}}
    text = script.paired_table(scores, resamples=2000, trials=2000)
    rows = [ln for ln in text.splitlines() if ln.startswith("| `") or ln.startswith("| joint")]
    assert [r.split(" |")[0] for r in rows] == ["| `x`", "| joint CV, held out"]
    t = paired_test(flat + flat + flat, flat + flat + better, resamples=2000, trials=2000)
    # every fold's CV picks x (it wins on the other three clusters): both rows are x's
    want = (f" {t.difference:+.4f} | {t.ci_low:+.4f} .. {t.ci_high:+.4f} "
            f"| {t.p_bootstrap:.3f} / {t.p_randomization:.3f} | 2 / 1 / 1 |")
    assert abs(t.difference - 0.0875) < 1e-12
    assert [r.split(" |", 1)[1] for r in rows] == [want] * 2
    assert "(joint criterion, 4 clusters)" in text
    assert (f"2000 resamples; p: the `{t.p_bootstrap_method}` method) and approximate "
            "randomisation (2000 trials)") in text
    # 4 clusters, 3 of them differing: too few for a test at .05, said under the table
    assert text.endswith(f"\n\nWarning: paired tests: {t.warning}.")
    assert t.warning.startswith("only 3 of 4 inputs differ")


def test_bench_linear_inputs_prints_a_ratio_per_size(tmp_path: Path) -> None:
    # the benchmark that replaced the timed unit tests of once-quadratic paths: seven tables
    # (three languages' long lines, periods glued to words, German initials, a long source,
    # numbers by dates)
    out = run("bench_linear_inputs", "--scale", "0.01", "--repeats", "1", "--out",
              str(tmp_path / "out.md"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [ln for ln in (tmp_path / "out.md").read_text().splitlines()
            if ln.startswith(("| 1x", "| 2x", "| 4x"))]
    assert len(rows) == 7 * 3 and all(r.endswith("x** |") for r in rows)
    assert sum("**1.00x**" in r for r in rows) == 7


def test_bench_eval_scale_compare_of_one_size_says_no_slope_not_zero_division() -> None:
    # --steps compare with one size and no --replicate divided by zero (the two largest
    # sizes were the same size) after every timed run, losing the table
    script = _eval_script("bench_eval_scale")
    med = {("default tests", 2000, "after"): (1.0, 1.0, 100.0)}
    lines = script.rss_per_cluster(med, ["default tests"], ["after"], [2000])
    assert lines[-1].startswith("Peak RSS per added cluster: not measured (one size, 2,000")
    med[("default tests", 20000, "after")] = (9.0, 9.0, 118.0)
    lines = script.rss_per_cluster(med, ["default tests"], ["after"], [2000, 20000])
    assert lines[-1] == "- default tests, after: 1.02 KB a cluster (1.07 GB)"


def test_bench_eval_scale_growth_is_of_cpu_seconds_as_its_text_says() -> None:
    # the growth column divided wall seconds while the text under it quoted CPU seconds:
    # at load 4 the wall grew 14.7x where the CPU grew 9.2x
    script = _eval_script("bench_eval_scale")
    by_n = {2000: (4.0, 2.0, 100.0), 20000: (58.8, 18.4, 118.0)}  # wall 14.7x, CPU 9.2x
    row = script.size_row("evaluate", 20000, by_n, 2000)
    assert "| 9.2x for 10x clusters |" in row and "14.7x" not in row


def test_out_keeps_a_file_the_scripts_did_not_write(tmp_path: Path, monkeypatch, capsys) -> None:
    # --out FILE overwrote whatever was there; a report of these scripts (its last line
    # bench_common.WRITTEN_BY) is replaced, as a rerun to eval/results/ does, anything
    # else is kept: one line, exit 2, the report printed
    sys.path.insert(0, str(EVAL))
    import bench_common

    monkeypatch.setattr(sys, "argv", ["bench_x.py"])
    out = tmp_path / "out.md"
    bench_common.emit_report("| a | 1 |", out)
    bench_common.emit_report("| a | 2 |", out)  # its own report: replaced
    assert out.read_text().startswith("| a | 2 |\n") and bench_common.WRITTEN_BY in out.read_text()
    mine = tmp_path / "notes.md"
    mine.write_text("my notes\n")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        bench_common.emit_report("| a | 3 |", mine)
    assert exc.value.code == 2 and mine.read_text() == "my notes\n"
    printed = capsys.readouterr()
    assert "| a | 3 |" in printed.out
    assert printed.err.startswith(f"bench_x.py: error: {mine} exists and was not written")
    assert len(printed.err.strip().splitlines()) == 1


def test_out_a_failed_write_leaves_the_earlier_report_whole(tmp_path: Path, monkeypatch) -> None:
    # emit_report opened --out with "w" and wrote into it: a write stopped part-way (here a
    # text that cannot be encoded, as an interrupt or a full disk would) left the earlier
    # report cut to nothing; it is now written aside and renamed over it
    sys.path.insert(0, str(EVAL))
    import bench_common

    monkeypatch.setattr(sys, "argv", ["bench_x.py"])
    monkeypatch.setattr(bench_common, "print", lambda *a, **k: None, raising=False)
    out = tmp_path / "out.md"
    bench_common.emit_report("| a | 1 |", out)
    earlier = out.read_bytes()
    with pytest.raises(UnicodeEncodeError):
        bench_common.emit_report("| a | 2 |\n" * 1000 + "\ud800", out)
    assert out.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_out_that_cannot_be_written_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    # --out under a file, or a write the disk refused, was a raw FileExistsError or OSError
    # traceback after the work (the report printed above it, exit 1 with Python's trace)
    sys.path.insert(0, str(EVAL))
    import bench_common

    import summarizer.atomic

    monkeypatch.setattr(sys, "argv", ["bench_x.py"])
    (tmp_path / "afile").write_text("mine\n")
    for out, says in ((tmp_path / "afile" / "out.md", f"({tmp_path / 'afile'}: not a folder)"),
                      (tmp_path / "afile" / "sub" / "out.md", "Not a directory")):
        with pytest.raises(SystemExit) as exc:
            bench_common.emit_report("| a | 1 |", out)
        printed = capsys.readouterr()
        assert exc.value.code == 1 and "| a | 1 |" in printed.out
        assert printed.err.startswith(f"bench_x.py: error: --out {out}: cannot write the report")
        assert says in printed.err and printed.err.rstrip().endswith("it is printed above")
        assert len(printed.err.strip().splitlines()) == 1
    assert (tmp_path / "afile").read_text() == "mine\n"

    def full(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(summarizer.atomic, "write_atomic", full)
    with pytest.raises(SystemExit) as exc:
        bench_common.emit_report("| a | 1 |", tmp_path / "out.md")
    err = capsys.readouterr().err
    assert exc.value.code == 1 and err == (f"bench_x.py: error: --out {tmp_path / 'out.md'}: "
                                           "cannot write the report (No space left on device); "
                                           "it is printed above\n")


@pytest.mark.parametrize("lock", ["folder", "missing/lock"])
def test_a_lock_file_that_cannot_be_opened_is_one_line(lock: str, tmp_path: Path) -> None:
    # --lock FOLDER (or a path in a folder not there) was a raw IsADirectoryError
    # (FileNotFoundError) traceback once the timing began
    (tmp_path / "folder").mkdir()
    out = run("bench_jsonl_keys", "--mb", "0.01", "--repeats", "1", "--lock",
              str(tmp_path / lock), "--out", str(tmp_path / "out.md"), cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-2000:]
    reason = "Is a directory" if lock == "folder" else "No such file or directory"
    assert out.stderr == (f"bench_jsonl_keys.py: error: cannot open the lock file "
                          f"{tmp_path / lock} ({reason})\n")
    assert not (tmp_path / "out.md").exists()


def test_a_reports_command_line_quotes_what_the_shell_needs(monkeypatch) -> None:
    # the reports' headers joined argv with spaces: bench_memory_jsonl's
    # `--separator " "` read back as `--separator  ` (two spaces), not a command to rerun
    import shlex

    sys.path.insert(0, str(EVAL))
    import bench_common

    line = bench_common.command_line("bench_memory_jsonl.py", ["--separator", " ", "--words", "100"])
    assert shlex.split(line) == ["python", "eval/bench_memory_jsonl.py", "--separator", " ",
                                 "--words", "100"]
    monkeypatch.setattr(sys, "argv", ["bench_x.py", "--out", "a b.md"])
    assert shlex.split(bench_common.command_line("bench_x.py", None))[-1] == "a b.md"
    assert bench_common.command_line("bench_x.py", []) == "python eval/bench_x.py"


def test_no_eval_script_writes_its_command_by_joining_argv() -> None:
    import re

    # one home for the header's command: bench_common.command_line
    for script in sorted(EVAL.glob("*.py")):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"' '\.join\(argv (or|if) ", text), script.name


def test_every_eval_script_writes_its_report_through_emit_report():
    # bench_once wrote --out itself (write_text), over whatever was there, after
    # emit_report learnt to keep a file these scripts did not write
    import re

    for script in sorted(EVAL.glob("*.py")):
        if script.name == "bench_common.py":
            continue
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"\bout\.write_text\(|open\(args\.out\b", text), script.name


def test_faithfulness_verdicts_keep_a_file_the_script_did_not_write(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    # --verdicts FILE was opened with "w" over whatever was there; a verdicts file of an
    # earlier run (its first line a verdict) is replaced, anything else is kept with one
    # line and exit 2, checked before the run's minutes as well as at the write
    script = _eval_script("faithfulness_tac")
    monkeypatch.setattr(sys, "argv", ["faithfulness_tac.py"])
    mine = tmp_path / "v.jsonl"
    mine.write_text('{"id": 1, "note": "mine"}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        script.write_verdicts(str(mine), [], [], [], {})
    assert exc.value.code == 2 and mine.read_text(encoding="utf-8") == '{"id": 1, "note": "mine"}\n'
    err = capsys.readouterr().err
    assert err.startswith(f"faithfulness_tac.py: error: {mine} exists and was not written")
    assert "--verdicts" in err and len(err.strip().splitlines()) == 1
    missing, out = str(tmp_path / "missing"), str(tmp_path / "f.md")
    with pytest.raises(SystemExit) as exc:  # up front: no data is read, the folder is missing
        script.main(["--data", missing, "--out", out, "--verdicts", str(mine)])
    assert exc.value.code == 2 and "--verdicts" in capsys.readouterr().err
    assert not (tmp_path / "f.md").exists()
    earlier = tmp_path / "earlier.jsonl"
    verdict = {"cluster": "M000", "sentence": "s", "flagged": False, "unsupported": [], "names": []}
    earlier.write_text(json.dumps(verdict) + "\n", encoding="utf-8")
    script.write_verdicts(str(earlier), [], [], [], {})  # an earlier run's: replaced
    assert earlier.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(("name", "shipped"), [
    ("tac2011_cv_learned", "learned_concepts.json"), ("tac2011_cv_dpp_learned", "dpp_quality.json")])
def test_write_model_keeps_a_file_the_script_did_not_write(
    name: str, shipped: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    # --write-model FILE fitted for minutes and then wrote over whatever was there (a typo'd
    # path, a notes file); a model file of the script (its "trained" names it, as the
    # packaged one's does) may be replaced, anything else is kept: one line, exit 2, before
    # the data is read
    import importlib

    monkeypatch.syspath_prepend(str(EVAL))  # imported by name: their dataclasses need it
    script = importlib.import_module(name)
    monkeypatch.setattr(sys, "argv", [f"{name}.py"])

    class WorkBegan(Exception):
        pass

    def harness(*args, **kwargs):
        raise WorkBegan

    monkeypatch.setattr(script.cv, "Harness", harness)
    mine = tmp_path / "notes.json"
    mine.write_text('{"mine": true}\n', encoding="utf-8")
    tac = tmp_path / "tac"
    (tac / "SourceTexts").mkdir(parents=True)
    for target in (mine, tmp_path):  # a file of the user's; a folder
        with pytest.raises(SystemExit) as exc:
            script.main(["--data", str(tac), "--write-model", str(target)])
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith(f"{name}.py: error: {target} exists and was not written")
        assert "--write-model" in err and len(err.strip().splitlines()) == 1
    assert mine.read_text(encoding="utf-8") == '{"mine": true}\n'
    packaged = EVAL.parent / "summarizer" / "summarizers" / "data" / shipped
    ours = tmp_path / shipped
    ours.write_bytes(packaged.read_bytes())
    for target in (ours, tmp_path / "new.json"):  # its own model file, or nothing there
        with pytest.raises(WorkBegan):
            script.main(["--data", str(tac), "--write-model", str(target)])


def test_bench_rouge_skip_memory_measures_both_shapes(tmp_path: Path) -> None:
    # the bound's bytes a pair come from this script: distinct words hold more a pair than
    # text whose words recur, and both are measured and written
    out = tmp_path / "skip.md"
    done = run("bench_rouge_skip_memory", "--tokens", "1500", "--repeats", "1", "--out",
               str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [line.split("|") for line in out.read_text().splitlines()
            if line.startswith(("| distinct", "| news"))]
    per_pair = {r[1].strip(): float(r[5]) for r in rows}
    assert set(per_pair) == {"distinct", "news"}
    assert per_pair["distinct"] > per_pair["news"] > 0


def test_no_script_writes_a_results_file_unless_asked():
    # six scripts wrote their table into eval/results/ by default, replacing the figures
    # the README quotes (faithfulness_tac --language french turned the English table into
    # a 2-cluster French one) without a word; --out is the one way to write a table
    import ast

    writing = []
    for script in sorted(EVAL.glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument"
                    and node.args and getattr(node.args[0], "value", None) == "--out"):
                default = next((k.value for k in node.keywords if k.arg == "default"), None)
                if not (default is None or isinstance(default, ast.Constant)
                        and default.value is None):
                    writing.append(script.name)
    assert writing == []


def test_every_script_finds_the_shared_data_where_the_variable_says():
    # 24 scripts looked only beside the clone (3 at /work/shared/data): from another clone
    # speed.py left its TAC table out and bench_gzip_input measured the seed article alone
    import os

    placed = [s.name for s in sorted(EVAL.glob("*.py")) if s.name != "bench_common.py"
              and ('"shared" / "data"' in (text := s.read_text(encoding="utf-8"))
                   or "/work/shared" in text)]
    assert placed == []
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); import bench_common; "
             "print(bench_common.SHARED_DATA)")
    run = subprocess.run([sys.executable, "-c", probe, str(EVAL)], capture_output=True, text=True,
                         env=dict(os.environ, SUMMARIZER_SHARED_DATA="/elsewhere/data"), timeout=60)
    assert run.stdout.strip() == "/elsewhere/data", run.stderr
