"""Stopping a command part-way (SIGTERM from ``kill``, ``timeout`` or a scheduler; Ctrl-C)
keeps what it finished, says so on one line, and exits with the signal's status."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# The CLI in a child process whose lead summariser signals the process itself on its
# STOP_AT-th call (the warm-up call of batch counts), so the signal lands mid-job, always
# at the same cluster.
_DRIVER = textwrap.dedent("""
    import os, signal, sys
    # Ctrl-C raises KeyboardInterrupt, as in a terminal, even where the test runner was
    # started with SIGINT ignored (a background job of a script), which children inherit
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # and a closed terminal's SIGHUP its default action, as in a terminal, where it was
    # started under nohup (ignored)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    from summarizer.cli import main
    from summarizer.summarizers.lead import LeadSummarizer

    calls = 0
    original = LeadSummarizer.summarize

    def summarize(self, cluster, budget):
        global calls
        calls += 1
        if calls == int(os.environ["STOP_AT"]):
            os.kill(os.getpid(), getattr(signal, os.environ["STOP_WITH"]))
        return original(self, cluster, budget)

    LeadSummarizer.summarize = summarize
    sys.exit(main(sys.argv[1:]))
""")


def _clusters(path: Path, seed_text: str, n: int = 12) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"c{i:02d}", "documents": [seed_text[i * 40:]],
                                 "references": ["Ministers met on migration."]}) + "\n")
    return path


def _run(args: list[str], stop_at: int, signal_name: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(REPO), "STOP_AT": str(stop_at), "STOP_WITH": signal_name,
           "SUMMARIZER_PROGRESS": "0", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", _DRIVER, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def _run_logged(args: list[str], stop_at: int, signal_name: str, cwd: Path) -> tuple[int, str]:
    """As :func:`_run`, progress on and stderr a file (a log; a refresh at every cluster):
    the exit status and the log."""
    env = {"PYTHONPATH": str(REPO), "STOP_AT": str(stop_at), "STOP_WITH": signal_name,
           "PATH": "/usr/bin:/bin", "TQDM_MININTERVAL": "0"}
    with (cwd / "log").open("w", encoding="utf-8") as log:
        run = subprocess.run([sys.executable, "-c", _DRIVER, *args], cwd=cwd, env=env,
                             stdout=subprocess.PIPE, stderr=log, text=True, timeout=300)
    return run.returncode, (cwd / "log").read_text(encoding="utf-8")


# SIGHUP: the terminal or SSH session closed. Its default action ended a batch at once,
# losing the shard it was filling (up to 1,000 clusters or 60 s of work), as kill -9 does.
@pytest.mark.parametrize("signal_name,status",
                         [("SIGTERM", 143), ("SIGINT", 130), ("SIGHUP", 129)])
def test_batch_stopped_mid_job_keeps_the_finished_rows(tmp_path: Path, seed_text: str,
                                                       signal_name: str, status: int) -> None:
    data = _clusters(tmp_path / "data.jsonl", seed_text)
    out = tmp_path / "out"
    args = ["batch", str(data), "--out", str(out), "--method", "lead", "--no-progress"]
    stopped = _run(args, stop_at=6, signal_name=signal_name, cwd=tmp_path)  # 4 rows done
    assert stopped.returncode == status, stopped.stderr
    word = "interrupted" if signal_name == "SIGINT" else f"terminated ({signal_name})"
    assert stopped.stderr.strip().splitlines() == [  # one line, saying how it was stopped
        f"summarizer: {word}; finished clusters are saved in {out}; run the same command "
        "again to resume"]
    from summarizer.batch import read_output

    assert [r["id"] for r in read_output(out)] == ["c00", "c01", "c02", "c03"]
    assert not list(out.glob(".*.tmp"))  # failed.jsonl moved into place, not left half-made
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["done"] == 4 and report["complete"] is False  # not read as a whole job
    resumed = _run(args, stop_at=0, signal_name=signal_name, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "8 summarised, 4 already done" in resumed.stdout
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["complete"] is True


@pytest.mark.parametrize("signal_name,status", [("SIGTERM", 143), ("SIGINT", 130)])
def test_evaluate_stopped_mid_run_keeps_results_and_releases_the_folder(
        tmp_path: Path, seed_text: str, signal_name: str, status: int) -> None:
    data = _clusters(tmp_path / "data.jsonl", seed_text)
    out = tmp_path / "run"
    args = ["evaluate", str(data), "--method", "lead", "--out", str(out), "--no-progress"]
    stopped = _run(args, stop_at=4, signal_name=signal_name, cwd=tmp_path)
    assert stopped.returncode == status, stopped.stderr
    word = "interrupted" if signal_name == "SIGINT" else f"terminated ({signal_name})"
    assert stopped.stderr.strip().splitlines() == [
        f"summarizer: {word}: 3 of 12 clusters saved in {out}; run the same "
        "command again to resume"]
    assert not (out / "run.lock").exists()
    resumed = _run(args, stop_at=0, signal_name=signal_name, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed 3 finished clusters" in resumed.stdout


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_a_stop_with_the_runs_bar_in_a_log_is_its_line_then_ours(tmp_path: Path,
                                                                 seed_text: str,
                                                                 command: str) -> None:
    # the bar asked for (no --no-progress), stderr a file: its lines, whole, end with the
    # count reached, and the stop's one line follows on a line of its own
    data = _clusters(tmp_path / "data.jsonl", seed_text)
    out = tmp_path / "out"
    args = [command, str(data), "--method", "lead", "--out", str(out)]
    code, err = _run_logged(args, stop_at=6, signal_name="SIGINT", cwd=tmp_path)
    assert code == 130 and "\r" not in err and "Traceback" not in err, err
    *bar, ours = err.splitlines()
    assert bar and all(line.startswith(("lead on data:", "batch:", "checking the data set:"))
                       for line in bar), err
    assert ours.startswith("summarizer: interrupted") and "run the same command again" in ours


def test_summarize_interrupted_mid_work_is_one_line(tmp_path: Path) -> None:
    seed = str(REPO / "seeds" / "panama_migration_meeting.txt")
    stopped = _run(["summarize", seed, "--method", "lead"], stop_at=1, signal_name="SIGINT",
                   cwd=tmp_path)
    assert (stopped.returncode, stopped.stderr, stopped.stdout) == (
        130, "summarizer: interrupted\n", "")


# The rouge command in a child whose scoring signals the process at its STOP_AT-th summary
_ROUGE_DRIVER = textwrap.dedent("""
    import os, signal, sys
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    from summarizer import progress
    from summarizer.cli import main

    made = progress.progress_bar

    def progress_bar(items=None, **options):
        def stopping():
            for n, item in enumerate(items, 1):
                if n == int(os.environ["STOP_AT"]):
                    os.kill(os.getpid(), signal.SIGINT)
                yield item
        return made(stopping(), **options)

    progress.progress_bar = progress_bar
    sys.exit(main(sys.argv[1:]))
""")


def test_rouge_interrupted_mid_scoring_is_one_line(tmp_path: Path, seed_text: str) -> None:
    lines = [line for line in seed_text.splitlines() if line.strip()]
    for folder in ("sys", "refs"):
        (tmp_path / folder).mkdir()
        for i in range(20):
            shift = 1 if folder == "refs" else 0
            (tmp_path / folder / f"s{i:02d}.txt").write_text(
                "\n".join(lines[(i + shift) % len(lines):][:3]) + "\n", encoding="utf-8")
    env = {"PYTHONPATH": str(REPO), "STOP_AT": "5", "PATH": "/usr/bin:/bin"}
    run = {"env": env, "cwd": tmp_path, "capture_output": True, "text": True, "timeout": 120}
    stopped = subprocess.run([sys.executable, "-c", _ROUGE_DRIVER, "rouge", "sys", "refs"],
                             **run)
    assert (stopped.returncode, stopped.stderr, stopped.stdout) == (
        130, "summarizer: interrupted\n", "")
    whole = subprocess.run([sys.executable, "-c", _ROUGE_DRIVER, "rouge", "sys", "refs"],
                           **{**run, "env": {**env, "STOP_AT": "0"}})
    assert whole.returncode == 0 and "ROUGE-1" in whole.stdout, whole.stderr


def test_a_sighup_as_finished_work_is_saved_waits_for_the_save() -> None:
    # As a SIGTERM: held while the block saves, then raised, naming the signal
    import os
    import signal

    from summarizer.atomic import uninterrupted
    from summarizer.errors import Terminated, raise_terminated, stopped

    kept = signal.signal(signal.SIGHUP, raise_terminated)
    saved = []
    try:
        with pytest.raises(Terminated) as caught:
            with uninterrupted():
                os.kill(os.getpid(), signal.SIGHUP)
                saved.append(True)
        assert saved == [True] and caught.value.signum == signal.SIGHUP
        assert stopped(caught.value) == "terminated (SIGHUP)"
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL  # a second one ends it
    finally:
        signal.signal(signal.SIGHUP, kept)


def test_batch_stopped_before_any_shard_does_not_say_rows_are_saved(
        tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stop in the job's first moments said "finished clusters are saved in OUT", where
    # nothing was saved and OUT was perhaps never made
    from helpers import run_cli

    import summarizer.batch

    def stopped_at_once(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(summarizer.batch, "summarize_dataset", stopped_at_once)
    data = _clusters(tmp_path / "data.jsonl", seed_text)
    out = tmp_path / "out"
    code, _, err = run_cli(["batch", str(data), "--out", str(out), "--method", "lead"])
    assert code == 130 and not out.exists()
    assert err.strip() == ("summarizer: interrupted before any cluster was saved; run the "
                           "same command again to start")


# The driver of a Ray job signals itself once its first shard is written (a shard a pack:
# FLUSH_SECONDS 0), while the actors hold later batches in flight.
_RAY_DRIVER = textwrap.dedent("""
    import os, signal, sys
    # as in _DRIVER: a terminal's Ctrl-C and SIGHUP, whatever the runner was started under
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    from summarizer.batch import job, output
    from summarizer.cli import main

    job.FLUSH_SECONDS = 0.0
    write = output.OutputFolder.write_shard

    def write_shard(self, rows, path=None):
        done = write(self, rows, path)
        if os.environ.get("STOP_WITH"):
            os.kill(os.getpid(), getattr(signal, os.environ.pop("STOP_WITH")))
        return done

    output.OutputFolder.write_shard = write_shard
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.slow
@pytest.mark.ray
@pytest.mark.parametrize("signal_name,status",
                         [("SIGTERM", 143), ("SIGINT", 130), ("SIGHUP", 129)])
def test_a_ray_batch_stopped_mid_job_resumes_to_the_local_output(
        tmp_path: Path, seed_text: str, signal_name: str, status: int) -> None:
    # The one process's signal handling was tested; on Ray the driver holds the actor pool,
    # Ray's own handlers and batches in flight when the signal comes
    pytest.importorskip("ray.data", reason="the ray extra is not installed")
    from summarizer.batch import read_output

    data = _clusters(tmp_path / "data.jsonl", seed_text, n=24)
    env = {"PYTHONPATH": str(REPO), "SUMMARIZER_PROGRESS": "0", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path), "STOP_WITH": signal_name}
    common = ["batch", str(data), "--method", "lead", "--no-progress"]
    args = [*common, "--out", str(tmp_path / "ray"), "--engine", "ray", "--num-workers", "2",
            "--batch-size", "2"]

    def run(stop: bool) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", _RAY_DRIVER, *args], cwd=tmp_path,
                              env=env if stop else {**env, "STOP_WITH": ""},
                              capture_output=True, text=True, timeout=300)

    stopped = run(stop=True)
    assert stopped.returncode == status, stopped.stderr
    word = "interrupted" if signal_name == "SIGINT" else f"terminated ({signal_name})"
    ours = [line for line in stopped.stderr.splitlines() if line.startswith("summarizer:")]
    assert ours == [  # one line among Ray's own log lines (they may come after it)
        f"summarizer: {word}; finished clusters are saved in {tmp_path / 'ray'}; "
        "run the same command again to resume"], stopped.stderr
    assert "Traceback" not in stopped.stderr
    saved = [r["id"] for r in read_output(tmp_path / "ray")]
    assert 2 <= len(saved) < 24 and len(set(saved)) == len(saved)
    resumed = run(stop=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{24 - len(saved)} summarised, {len(saved)} already done" in resumed.stdout
    local = _run([*common, "--out", str(tmp_path / "local")], stop_at=0, signal_name="SIGTERM",
                 cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    rows = {r["id"]: r["summary"] for r in read_output(tmp_path / "ray")}
    assert len(rows) == 24  # each cluster once
    assert rows == {r["id"]: r["summary"] for r in read_output(tmp_path / "local")}


# The CLI run in a child to its end, then SIGTERM as the interpreter exits: the command's
# handlers are given back by then, so the signal's default action ends the process.
_AFTER_MAIN = textwrap.dedent("""
    import os, signal, sys, time
    from summarizer.cli import main

    code = main(sys.argv[1:])
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    sys.exit(code)
""")


def test_a_sigterm_after_the_command_loses_nothing_it_printed(tmp_path: Path) -> None:
    # stdout to a file or pipe is block-buffered (no PYTHONUNBUFFERED in a user's shell):
    # the summary printed stayed in the buffer until the interpreter's exit, where a
    # SIGTERM, its default action restored, ended the process and the summary with it
    seed = str(REPO / "seeds" / "panama_migration_meeting.txt")
    args = ["summarize", seed, "--words", "40"]
    env = {"PYTHONPATH": str(REPO), "SUMMARIZER_PROGRESS": "0", "PATH": "/usr/bin:/bin"}
    run = {"env": env, "cwd": tmp_path, "capture_output": True, "text": True, "timeout": 120}
    whole = subprocess.run([sys.executable, "-m", "summarizer", *args], **run)
    assert whole.returncode == 0 and whole.stdout.strip(), whole.stderr
    done = subprocess.run([sys.executable, "-c", _AFTER_MAIN, *args], **run)
    assert done.returncode == -15  # the default action: killed, silently, as before
    assert done.stdout == whole.stdout and done.stderr == ""


# The CLI with a signal sent while it builds its parser (the subcommand's module imported
# and registered), before any work: start-up, where the user's Ctrl-C often lands.
_AT_START = textwrap.dedent("""
    import os, signal, sys
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    import summarizer.cli.summarize as command
    from summarizer.cli import main

    register = command.add_parser

    def add_parser(sub):
        os.kill(os.getpid(), getattr(signal, os.environ["STOP_WITH"]))
        return register(sub)

    command.add_parser = add_parser
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.parametrize("signal_name,status,word",
                         [("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated (SIGTERM)")])
def test_a_signal_during_start_up_is_one_line(tmp_path: Path, signal_name: str, status: int,
                                              word: str) -> None:
    # build_parser ran before the command's handlers: a Ctrl-C there printed Python's
    # KeyboardInterrupt traceback, and a SIGTERM ended the process without a word
    seed = str(REPO / "seeds" / "panama_migration_meeting.txt")
    env = {"PYTHONPATH": str(REPO), "SUMMARIZER_PROGRESS": "0", "PATH": "/usr/bin:/bin",
           "STOP_WITH": signal_name}
    run = subprocess.run([sys.executable, "-c", _AT_START, "summarize", seed], env=env,
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stderr, run.stdout) == (status, f"summarizer: {word}\n", "")


@pytest.mark.parametrize(("command", "kind", "first", "last"), [
    ("batch", "jsonl", "4/12", "12/12"), ("batch", "parquet", "4/12", "12/12"),
    ("evaluate", "jsonl", "3/12", "12/12")])
def test_a_resumed_runs_bar_counts_on_from_the_rows_done(tmp_path: Path, seed_text: str,
                                                        command: str, kind: str, first: str,
                                                        last: str) -> None:
    # batch's bar, resumed, counted from 0 (and without a total even where the input's rows
    # are known: a data set's, Parquet's): it counts on from the rows done, of them all
    data = _clusters(tmp_path / "data.jsonl", seed_text)
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
        data.unlink()
        data = tmp_path / "data.parquet"
        pq.write_table(pa.Table.from_pylist(rows), data)
    out = tmp_path / "out"
    args = [command, str(data), "--method", "lead", "--out", str(out)]
    stopped = _run([*args, "--no-progress"], stop_at=6 if command == "batch" else 4,
                   signal_name="SIGTERM", cwd=tmp_path)
    assert stopped.returncode == 143, stopped.stderr
    code, err = _run_logged(args, stop_at=0, signal_name="SIGTERM", cwd=tmp_path)
    assert code == 0, err
    bar = [line for line in err.splitlines() if line.startswith(("batch:", "lead on data:"))]
    assert first in bar[0] and last in bar[-1], err


def test_batchs_bar_counts_the_rows_refused_as_read(tmp_path: Path, seed_text: str) -> None:
    # rows refused as they were read (a line that is no JSON, an id given twice) went to
    # failed.jsonl without a step of the bar, which ended short of its total ("10/12")
    data = _clusters(tmp_path / "data.jsonl", seed_text, n=10)
    with data.open("a", encoding="utf-8") as fh:
        fh.write("not json\n\n")
        fh.write(json.dumps({"id": "c03", "documents": [seed_text]}) + "\n")
    args = ["batch", str(data), "--method", "lead", "--out", str(tmp_path / "out")]
    code, err = _run_logged(args, stop_at=0, signal_name="SIGTERM", cwd=tmp_path)
    assert code == 1, err  # rows failed: exit 1, the rest summarised
    bar = [line for line in err.splitlines() if line.startswith("batch:")]
    assert "0/12" in bar[0] and "12/12" in bar[-1], err


def test_the_xml_parser_is_imported_before_the_handlers_are_set() -> None:
    # NLTK's Punkt imports ElementTree, which catches any exception raised while its C
    # module imports pyexpat as an ImportError: a SIGTERM landing there was swallowed
    # (0.2 s into a run), the default action restored, and the next one killed the
    # process with nothing saved. Imported first, nothing of it is left to land in.
    probe = textwrap.dedent("""
        import signal, sys
        from summarizer.cli import _sigterm_as_interrupt
        print('pyexpat' in sys.modules)
        with _sigterm_as_interrupt():
            print('pyexpat' in sys.modules, signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)
    """)
    run = subprocess.run([sys.executable, "-c", probe], env={"PYTHONPATH": str(REPO)},
                         capture_output=True, text=True, timeout=120)
    assert run.stdout.split() == ["False", "True", "False"], run.stderr[-2000:]
