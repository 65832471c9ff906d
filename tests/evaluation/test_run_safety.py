"""Run and comparison folders: nothing of the user's overwritten, nothing written through a
planted link, one writer at a time, damaged files refused in one line with nothing lost."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from helpers import error_line, lock_held_elsewhere, run_cli

from summarizer.errors import InputError, OutputExistsError, RunBusyError
from summarizer.evaluation import DatasetOptions, compare_runs, evaluate
from summarizer.evaluation.store import RunStore

HERE = Path(__file__).resolve().parent
JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")
FIELDS = ["--text-field", "docs", "--summary-field", "gold", "--id-field", "key"]


def _run(data, out, **kw):
    return evaluate(data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                    progress=False, **kw)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# ------------------------------------------------------------ the user's files
@pytest.mark.parametrize("names", [["report.md", "report.json"], ["notes.txt"], ["results.jsonl"]])
def test_evaluate_refuses_a_folder_of_other_files(tiny, jsonl_data, tmp_path, names):
    out = tmp_path / "mine"
    out.mkdir()
    for n in names:
        (out / n).write_text(f"the user's own {n}\n")
    before = _snapshot(out)
    with pytest.raises((OutputExistsError, Exception)) as exc:
        _run(jsonl_data, out)
    assert "not a run" in str(exc.value) or "refusing to mix" in str(exc.value)
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--out", str(out), "--no-progress"])
    assert code != 0 and str(out) in error_line(err)
    assert _snapshot(out) == before and tiny.CALLS == []


def test_evaluate_uses_an_empty_or_new_folder(tiny, jsonl_data, tmp_path):
    (tmp_path / "empty").mkdir()
    assert _run(jsonl_data, tmp_path / "empty").computed == 8
    assert _run(jsonl_data, tmp_path / "new" / "deeper").computed == 8


def test_a_folder_holding_only_file_manager_files_is_empty(tiny, jsonl_data, tmp_path):
    # A folder made in Finder holds a .DS_Store, and one looked at in Finder gains one: it
    # was "already holds files that are not a run (.DS_Store)" for evaluate and batch, and a
    # comparison could not be redone where the user had looked at the last one.
    from summarizer.batch import read_output, summarize_dataset

    def finder(folder: Path) -> Path:
        folder.mkdir()
        (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
        (folder / "Thumbs.db").write_bytes(b"\xd0\xcf")
        return folder

    assert _run(jsonl_data, finder(tmp_path / "run")).computed == 8
    a = _run(jsonl_data, tmp_path / "a").out
    b = _run(jsonl_data, tmp_path / "b", per_doc=1).out
    args = ["compare", str(a), str(b), "--trials", "200", "--resamples", "200", "--no-plot"]
    code, _, err = run_cli([*args, "--out", str(finder(tmp_path / "cmp"))])
    assert code == 0, err
    code, _, err = run_cli([*args, "--out", str(tmp_path / "cmp")])
    assert code == 0, err  # and redone there
    batch_out = finder(tmp_path / "batch")
    assert summarize_dataset(jsonl_data, batch_out, "lead", words=20, progress=False,
                             text_field="docs", id_field="key").done == 8
    assert (batch_out / ".DS_Store").read_bytes() == b"\x00\x00\x00\x01Bud1"  # untouched
    assert len(read_output(batch_out)) == 8


def test_the_temporary_files_of_a_starting_or_killed_run_are_not_the_users(
        tiny, jsonl_data, tmp_path):
    # A second evaluate meeting the first one writing its run.json was told the folder
    # "already holds files that are not a run (.run.json.summarizer-4242-hzm777kj.tmp)", and a run killed
    # in that instant left a folder refused for ever; batch the same with its manifest.
    from summarizer.batch import summarize_dataset

    run, batch_out = tmp_path / "run", tmp_path / "batch"
    run.mkdir()
    (run / ".run.json.summarizer-4242-hzm777kj.tmp").write_text('{"settings": {')
    (run / ".report.md.summarizer-4242-x1.tmp").write_text("")
    assert _run(jsonl_data, run).computed == 8
    batch_out.mkdir()
    (batch_out / ".manifest.json.summarizer-4242-a8b9.tmp").write_text("{")
    (batch_out / ".part-20261129-230049-9bfc8fdf.parquet.summarizer-4242-q2.tmp").write_bytes(b"PAR1")
    assert summarize_dataset(jsonl_data, batch_out, "lead", words=20, progress=False,
                             text_field="docs", id_field="key").done == 8
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / ".notes.tmp").write_text("the user's")  # not one of ours: refused
    with pytest.raises(OutputExistsError, match=r"\.notes\.tmp"):
        _run(jsonl_data, tmp_path / "user")


def test_a_users_files_named_like_temporaries_are_kept(tiny, jsonl_data, tmp_path):
    # Locking a folder removed every ".{name}.*.tmp" of the files a command writes: a
    # user's ".report.md.x.tmp" beside a run was deleted on resume. Only names with the
    # package's mark (atomic.temporary_target) are a killed writer's.
    from summarizer.atomic import AtomicLines, temporary_target
    from summarizer.batch import summarize_dataset

    run, batch_out = tmp_path / "run", tmp_path / "batch"
    _run(jsonl_data, run)
    kw = dict(words=20, progress=False, text_field="docs", id_field="key")
    summarize_dataset(jsonl_data, batch_out, "lead", **kw)
    lookalikes = {run: [".report.md.x.tmp", ".results.jsonl.old.tmp", ".run.json.summarizer.tmp",
                        ".report.json.summarizer-12-.tmp"],
                  batch_out: [".failed.jsonl.bak.tmp", ".part-notes.tmp"]}
    for folder, names in lookalikes.items():
        for name in names:
            (folder / name).write_text("the user's")
    assert _run(jsonl_data, run).computed == 0
    assert summarize_dataset(jsonl_data, batch_out, "lead", **kw).skipped == 8
    for folder, names in lookalikes.items():
        assert all((folder / n).read_text() == "the user's" for n in names)
    # nor do they make a new folder look like one of ours: it is refused, named
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / ".report.md.x.tmp").write_text("the user's")
    with pytest.raises(OutputExistsError, match=r"\.report\.md\.x\.tmp"):
        _run(jsonl_data, fresh)
    # what the package's own writer leaves is recognised as such
    left = AtomicLines(tmp_path / "failed.jsonl")  # as if killed before close
    assert temporary_target(Path(left.tmp).name) == "failed.jsonl"
    left.close()


def test_a_killed_comparisons_temporary_files_do_not_refuse_its_folder(tiny, jsonl_data,
                                                                      tmp_path):
    # A compare killed while writing its first comparison.json left a temporary file in a
    # new folder, which every later compare there refused as the user's.
    from summarizer.evaluation.compare import write_comparison

    a = _run(jsonl_data, tmp_path / "a").out
    b = _run(jsonl_data, tmp_path / "b", per_doc=1).out
    out = tmp_path / "cmp"
    out.mkdir()
    killed = out / ".comparison.json.summarizer-4242-k1ll3d.tmp"
    killed.write_text('{"systems": ')
    write_comparison(compare_runs([a, b], trials=100, resamples=100), out, plot=False)
    assert sorted(p.name for p in out.iterdir()) == ["comparison.json", "comparison.md"]


def test_evaluate_refuses_a_file_as_out(tiny, jsonl_data, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    with pytest.raises(OutputExistsError, match="not a folder"):
        _run(jsonl_data, target)
    assert target.read_text() == "keep me"


def test_compare_out_refuses_other_files_but_replaces_its_own(tiny, jsonl_data, tmp_path):
    a = _run(jsonl_data, tmp_path / "a").out
    b = _run(jsonl_data, tmp_path / "b", per_doc=1).out
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "comparison.md").write_text("my notes")
    args = ["compare", str(a), str(b), "--trials", "200", "--resamples", "200", "--no-plot"]
    code, _, err = run_cli([*args, "--out", str(mine)])
    assert code != 0 and "not an earlier comparison" in error_line(err)
    assert (mine / "comparison.md").read_text() == "my notes"
    fresh = tmp_path / "cmp"
    code, _, err = run_cli([*args, "--out", str(fresh)])
    assert code == 0, err
    code, _, err = run_cli([*args, "--out", str(fresh)])
    assert code == 0, err  # rerun: its own files are replaced
    (fresh / "notes.txt").write_text("added by the user")
    code, _, err = run_cli([*args, "--out", str(fresh)])
    assert code != 0 and "notes.txt" in error_line(err)
    # a comparison.json json cannot read for its limits (4,300 digits): a ValueError, exit 70
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "comparison.json").write_text('{"systems": 1' + "0" * 4300 + "}")
    code, _, err = run_cli([*args, "--out", str(odd)])
    assert code != 0 and "not an earlier comparison" in error_line(err)


def test_a_comparison_folder_never_holds_two_comparisons(tiny, jsonl_data, tmp_path,
                                                         monkeypatch):
    # Two compares given one --out wrote the .json of one and the .md of the other, and one
    # stopped between its writes left its .json beside the last comparison's .md.
    from summarizer.evaluation import compare as compare_module
    from summarizer.evaluation.compare import COMPARISON_LOCK, write_comparison
    from summarizer.folders import holding_lock

    a = _run(jsonl_data, tmp_path / "a").out
    b = _run(jsonl_data, tmp_path / "b", per_doc=1).out
    c = _run(jsonl_data, tmp_path / "c", per_doc=2).out
    out = tmp_path / "cmp"
    first = compare_runs([a, b], trials=100, resamples=100)
    second = compare_runs([a, c], trials=100, resamples=100)
    write_comparison(first, out, plot=False)
    with holding_lock(out / COMPARISON_LOCK, "compare"):
        with pytest.raises(RunBusyError, match="in use by another compare"):
            write_comparison(second, out, plot=False)
    assert json.loads((out / "comparison.json").read_text()) == first.to_dict()

    def stopped(path, data):  # the command stopped before its .md was written
        raise KeyboardInterrupt

    monkeypatch.setattr(compare_module, "write_atomic", stopped)
    with pytest.raises(KeyboardInterrupt):
        write_comparison(second, out, plot=False)
    assert json.loads((out / "comparison.json").read_text()) == second.to_dict()
    assert not (out / "comparison.md").exists()  # not the first comparison's .md
    monkeypatch.undo()
    write_comparison(second, out, plot=False)  # the folder is still a comparison's
    assert (out / "comparison.md").read_text() == compare_module.comparison_markdown(second)


# ------------------------------------------------------------------ symlinks
def test_planted_links_never_write_outside_the_folder(tiny, jsonl_data, tmp_path):
    out = tmp_path / "run"
    _run(jsonl_data, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for name in ("report.json", "report.md", "run.json.tmp", "report.json.tmp"):
        path = out / name
        if path.exists():
            path.unlink()
        path.symlink_to(victim)
    run = _run(jsonl_data, out)
    assert run.computed == 0
    assert victim.read_text() == "precious"
    assert not (out / "report.json").is_symlink() and json.loads((out / "report.json").read_text())


def test_a_linked_results_file_is_refused(tiny, jsonl_data, tmp_path):
    out = tmp_path / "run"
    _run(jsonl_data, out)
    elsewhere = tmp_path / "elsewhere.jsonl"
    os.replace(out / "results.jsonl", elsewhere)
    (out / "results.jsonl").symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    with pytest.raises(InputError, match="not a regular file"):
        _run(jsonl_data, out)
    assert elsewhere.read_bytes() == before


def test_no_temporary_files_left(tiny, jsonl_data, tmp_path):
    out = tmp_path / "run"
    _run(jsonl_data, out)
    # those a run killed while writing its report left go with the next run
    (out / ".report.json.summarizer-4242-k1ll3d.tmp").write_text('{"settings": ')
    (out / ".report.md.summarizer-4242-k1ll3d.tmp").write_text("# Eval")
    # and those of results.jsonl's own copy (a hard-linked snapshot's), killed mid-copy
    (out / ".results.jsonl.summarizer-4242-k1ll3d.tmp").write_text('{"id": ')
    (out / ".faithfulness.jsonl.summarizer-4242-k1ll3d.tmp").write_text('{"id": ')
    _run(jsonl_data, out)
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md", "results.jsonl",
                                                     "run.json"]


# ------------------------------------------------------------------ one writer
def test_second_writer_is_refused(tiny, jsonl_data, tmp_path):
    out = tmp_path / "run"
    store = RunStore(out)
    with store.locked():
        with pytest.raises(RunBusyError, match=f"in use by another evaluate .process {os.getpid()}"):
            _run(jsonl_data, out)
    assert not (out / "run.lock").exists()
    assert _run(jsonl_data, out).computed == 8  # released: the next run goes ahead


def test_stale_lock_of_a_dead_process_is_taken_over(tiny, jsonl_data, tmp_path):
    import socket

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "run"
    out.mkdir()
    (out / "run.lock").write_text(f"{dead.pid} {socket.gethostname()}\n")
    assert _run(jsonl_data, out).computed == 8
    assert not (out / "run.lock").exists()


def test_a_lock_is_the_systems_not_its_pid(tiny, jsonl_data, tmp_path):
    # run.lock naming a pid that is alive again (a restarted container's evaluate, often
    # the same small pid as the killed one; here this very process) refused the folder
    # for ever; and one naming a dead pid was taken over while its file was held, which
    # let two processes that broke the same stale lock at once both write results.jsonl.
    import socket

    out = tmp_path / "run"
    out.mkdir()
    (out / "run.lock").write_text(f"{os.getpid()} {socket.gethostname()}\n")
    assert _run(jsonl_data, out).computed == 8
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    store = RunStore(tmp_path / "other")
    with store.locked():
        (store.lock_file).write_text(f"{dead.pid} {socket.gethostname()}\n")  # as if stale
        with pytest.raises(RunBusyError, match="in use by another evaluate"):
            _run(jsonl_data, store.folder)
    assert not store.lock_file.exists()


def test_a_killed_writer_leaves_no_lock(tiny, jsonl_data, tmp_path):
    # The lock is the system's: a run killed with kill -9 holds it no longer, and no
    # one has to break it (its run.lock file, left behind, names a dead pid).
    out = tmp_path / "run"
    out.mkdir()
    holder = lock_held_elsewhere(out / "run.lock", "evaluate")
    try:
        with pytest.raises(RunBusyError, match=f"in use by another evaluate .process {holder.pid}"):
            _run(jsonl_data, out)
        assert not (out / "run.json").exists()  # refused before anything was written
    finally:
        holder.kill()
        holder.wait()
    assert (out / "run.lock").exists()
    assert _run(jsonl_data, out).computed == 8


def test_a_run_of_other_settings_is_refused_while_one_writes(tiny, jsonl_data, tmp_path):
    # Refused as busy, before its settings are compared: no run of other settings mixes
    # into a folder another run is writing, and nothing there changes.
    out = tmp_path / "run"
    _run(jsonl_data, out)
    before = _snapshot(out)
    with RunStore(out).locked():
        with pytest.raises(RunBusyError, match="in use by another evaluate"):
            _run(jsonl_data, out, seed=7)
        code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                                *FIELDS, "--words", "30", "--out", str(out), "--no-progress"])
        assert code != 0 and "in use by another evaluate" in error_line(err)
    assert _snapshot(out) == before


def _lock_error(jsonl_data, tmp_path) -> str:
    """The one line of an evaluate into ``tmp_path/run`` that fails with exit status 1."""
    status, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                              *FIELDS, "--out", str(tmp_path / "run"), "--no-progress"])
    assert status == 1
    return error_line(err)


@pytest.mark.parametrize("module, name, error", [
    (os, "write", "ENOSPC"),  # a full disk: "[Errno 28] No space left on device" alone
    ("fcntl", "flock", "ENOLCK"),  # a file system without file locks
])
def test_the_lock_files_errors_name_it(tiny, jsonl_data, tmp_path, monkeypatch,
                                       module, name, error):
    import errno
    import importlib

    code = getattr(errno, error)

    def failing(*args):
        raise OSError(code, os.strerror(code))

    target = importlib.import_module(module) if isinstance(module, str) else module
    monkeypatch.setattr(target, name, failing)
    assert _lock_error(jsonl_data, tmp_path).endswith(f"run/run.lock: {os.strerror(code)}")


def test_without_file_locks_the_lock_file_is_named(tiny, jsonl_data, tmp_path, monkeypatch):
    # a Python with neither fcntl nor msvcrt (WASI): "internal error (ModuleNotFoundError)"
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    assert _lock_error(jsonl_data, tmp_path).endswith(f"run/run.lock: {os.strerror(errno.ENOLCK)}")


def test_a_folder_not_ours_to_write_is_named_so(tiny, jsonl_data, tmp_path, monkeypatch):
    # it said "run/run.lock: No such file or directory" (the read-only retry's error)
    opened = os.open

    def read_only_folder(path, flags, *mode):
        if str(path).endswith("run.lock") and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, flags, *mode)

    monkeypatch.setattr(os, "open", read_only_folder)
    assert _lock_error(jsonl_data, tmp_path).endswith("run/run.lock: Permission denied")


def test_a_folder_in_the_place_of_a_report_is_named(tiny, jsonl_data, tmp_path):
    # it said "run/.report.json.4o1zdyq6.tmp: Is a directory (run/report.json)"
    out = tmp_path / "run"
    _run(jsonl_data, out)
    (out / "report.json").unlink()
    (out / "report.json").mkdir()
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
    assert code == 1
    assert error_line(err) == f"summarizer: error: {out / 'report.json'}: Is a directory"
    assert not list(out.glob(".*.tmp"))


def test_a_lock_file_left_by_another_user_is_taken(tiny, jsonl_data, tmp_path, monkeypatch):
    # Made 0o644, a lock file another user's killed run left in a shared (group) folder
    # could not be opened for writing: "run.lock: Permission denied", the folder unusable.
    out = tmp_path / "run"
    out.mkdir()
    lock = out / "run.lock"
    lock.write_text("4242 elsewhere\n")
    opened = os.open

    def as_another_user(path, flags, *mode):
        if str(path) == str(lock) and flags & os.O_RDWR:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, flags, *mode)

    monkeypatch.setattr(os, "open", as_another_user)
    assert _run(jsonl_data, out).computed == 8
    monkeypatch.undo()
    umask = os.umask(0)
    os.umask(umask)
    store = RunStore(tmp_path / "shared")
    with store.locked():
        assert store.lock_file.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_busy_folder_never_names_a_dead_process(tiny, jsonl_data, tmp_path, monkeypatch):
    # A run that could open another user's stale run.lock only to read it holds the lock
    # without writing its pid: a second run was told the folder was "in use by another
    # evaluate (process N)", N the pid of the killed run that left the file.
    import socket

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "run"
    out.mkdir()
    lock = out / "run.lock"
    lock.write_text(f"{dead.pid} {socket.gethostname()}\n")
    opened = os.open
    another_user = [True]  # the first holder's opens only

    def as_another_user(path, flags, *mode):
        if another_user and str(path) == str(lock) and flags & os.O_RDWR:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, flags, *mode)

    monkeypatch.setattr(os, "open", as_another_user)
    with RunStore(out).locked():
        another_user.clear()
        assert lock.read_text().split()[0] == str(dead.pid)  # it could not write its own
        with pytest.raises(RunBusyError) as busy:
            _run(jsonl_data, out)
    assert f"process {dead.pid}" not in str(busy.value)
    assert "in use by another evaluate (pid unknown)" in str(busy.value)


def test_a_lock_is_never_taken_through_a_symlink(tiny, jsonl_data, tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    target = tmp_path / "users_file"
    target.write_text("precious\n")
    (out / "run.lock").symlink_to(target)
    with pytest.raises(InputError, match="run.lock: is a symbolic link, not a regular file"):
        _run(jsonl_data, out)
    assert target.read_text() == "precious\n"


@pytest.mark.slow
@pytest.mark.parametrize("words", ["40", "30"], ids=["same-settings", "other-settings"])
def test_two_processes_on_one_folder(jsonl_data, tmp_path, words):
    """A second `summarizer evaluate` while the first runs, of the same settings or others:
    refused in one line; the first finishes with each cluster once, its settings kept."""
    out = tmp_path / "run"
    args = ["evaluate", str(jsonl_data), "--method", "test-roundrobin", *FIELDS, "--words", "40",
            "--out", str(out), "--no-progress"]
    from tiny_systems import start_cli

    proc = start_cli(args, sleep="1.0")  # 8 s in all: the second command meets it running
    results = out / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (results.exists() and results.read_text()):
        time.sleep(0.05)
    from summarizer import summarizers

    summarizers.METHODS["test-roundrobin"] = "tiny_systems:RoundRobin"
    try:
        code, _, err = run_cli([*args[:-4], words, *args[-3:]])
        assert code != 0 and f"in use by another evaluate (process {proc.pid})" in error_line(err)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        ids = [json.loads(x)["id"] for x in results.read_text().splitlines()]
        assert ids == [f"c{i:02d}" for i in range(8)]
        report = json.loads((out / "report.json").read_text())
        assert [c["id"] for c in report["per_cluster"]] == ids
        assert json.loads((out / "run.json").read_text())["settings"]["budget"]["limit"] == 40
    finally:
        summarizers.METHODS.pop("test-roundrobin")
        if proc.poll() is None:
            proc.kill()


# ------------------------------------------------------------- damaged folders
def _damage_line(out: Path, n: int, text: str) -> bytes:
    lines = (out / "results.jsonl").read_text().splitlines()
    lines[n] = text
    (out / "results.jsonl").write_text("\n".join(lines) + "\n")
    return (out / "results.jsonl").read_bytes()


def _good_line(out: Path, n: int) -> dict:
    return json.loads((out / "results.jsonl").read_text().splitlines()[n])


@pytest.mark.parametrize(
    "bad, message",
    [
        (lambda good: "5", "not a JSON object"),
        (lambda good: '["a", "b"]', "not a JSON object"),
        (lambda good: json.dumps({k: v for k, v in good.items() if k != "id"}), "no 'id' field"),
        (lambda good: json.dumps({"id": good["id"]}), "no 'summary_sentences' field"),
        (lambda good: json.dumps({**good, "scores": {}}), "no scores"),
        (lambda good: json.dumps({**good, "scores": {"ROUGE-1": {"r": "x", "p": 1, "f": 1}}}),
         "expected a number"),
        (lambda good: json.dumps({**good, "id": 7}), "wrong type"),
        (lambda good: "{" * 100000, "corrupt"),
        # past json's 4,300 digits: a ValueError that is no JSONDecodeError (exit 70)
        (lambda good: json.dumps(good)[:-1] + ', "x": 1' + "0" * 4300 + "}", "corrupt"),
        # a metric of the run missing: was a KeyError, "internal error", exit 70
        (lambda good: json.dumps({**good, "scores": {"ROUGE-1": good["scores"]["ROUGE-1"]}}),
         "no ROUGE-2 scores"),
    ],
    ids=["number", "list", "no-id", "id-only", "no-scores", "bad-score", "id-type", "deep",
         "huge-number", "metric-missing"],
)
def test_damaged_results_line_is_one_line_error_and_nothing_lost(tiny, jsonl_data, tmp_path,
                                                                 bad, message):
    out = tmp_path / "run"
    _run(jsonl_data, out)
    (out / "report.json").unlink()
    damaged = _damage_line(out, 2, bad(_good_line(out, 2)))
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
    assert code != 0
    line = error_line(err)
    assert "line 3" in line and message in line
    assert (out / "results.jsonl").read_bytes() == damaged  # every good line kept
    assert not (out / "run.lock").exists()


def test_a_results_line_changed_after_it_was_written_is_refused(tiny, jsonl_data, tmp_path):
    # A figure edited by hand went into the report as it was; so did a line pasted from a
    # run of other settings. Each line carries a seal of itself and the run's settings.
    out, other = tmp_path / "run", tmp_path / "other"
    _run(jsonl_data, out)
    _run(jsonl_data, other, per_doc=2)
    (out / "report.json").unlink()
    good = (out / "results.jsonl").read_text().splitlines()
    record = json.loads(good[2])
    recall = record["scores"]["ROUGE-2"]["r"]
    forged = good[2].replace(f'"r": {recall}', f'"r": {recall + 0.1}', 1)
    assert forged != good[2]
    pasted = (other / "results.jsonl").read_text().splitlines()[2]
    unsealed = json.dumps({k: v for k, v in json.loads(forged).items() if k != "seal"},
                          ensure_ascii=False)
    for bad in (forged, pasted, unsealed):
        damaged = _damage_line(out, 2, bad)
        code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                                *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
        assert code == 2 and "line 3 was changed after it was written" in error_line(err)
        assert (out / "results.jsonl").read_bytes() == damaged  # nothing rewritten
    _damage_line(out, 2, good[2])
    assert _run(jsonl_data, out).resumed == 8


def test_a_data_set_line_broken_later_names_line_and_id_and_keeps_the_run(
        tiny, jsonl_data, tmp_path):
    # Refusing the data set is right for scoring (a cluster left out changes every mean),
    # but the message named the line alone, and the run done before must stay whole.
    out = tmp_path / "run"
    _run(jsonl_data, out)
    before = _snapshot(out)
    lines = jsonl_data.read_text().splitlines()
    record = json.loads(lines[4])
    lines[4] = json.dumps({**record, "docs": 5})
    jsonl_data.write_text("\n".join(lines) + "\n")
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
    assert code == 2
    assert f"data.jsonl:5 (id {record['key']!r}): field 'docs'" in error_line(err)
    assert _snapshot(out) == before


def test_a_snapshot_sharing_the_results_file_is_never_changed(tiny, jsonl_data, tmp_path):
    # A copy of the runs folder made with hard links (cp -al, rsync --link-dest, a backup
    # tool) shares results.jsonl's data: resuming appended to the snapshot too, and cut its
    # torn last line; faithfulness.jsonl the same.
    out = tmp_path / "run"
    _run(jsonl_data, out, faithfulness=True)
    lines = (out / "results.jsonl").read_bytes().splitlines(keepends=True)
    (out / "results.jsonl").write_bytes(b"".join(lines[:5]) + lines[5][:40])  # killed
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    for name in ("results.jsonl", "faithfulness.jsonl"):
        os.link(out / name, snapshot / name)
    (out / "faithfulness.jsonl").unlink()
    os.link(snapshot / "faithfulness.jsonl", out / "faithfulness.jsonl")
    with open(out / "faithfulness.jsonl", "a") as fh:
        fh.write('{"id": "c07", "summ')  # a torn check too: the next one is appended
    kept = {name: (snapshot / name).read_bytes() for name in ("results.jsonl",
                                                              "faithfulness.jsonl")}
    run = _run(jsonl_data, out, faithfulness=True)
    assert (run.resumed, run.computed) == (5, 3)
    assert {name: (snapshot / name).read_bytes() for name in kept} == kept
    assert len((out / "results.jsonl").read_text().splitlines()) == 8


def test_a_results_file_given_its_own_copy_keeps_its_mode(tmp_path):
    # the copy was made 0o666 less the umask: a results.jsonl the user made private
    # (chmod 600) became readable by all when a snapshot shared it
    from summarizer.atomic import append_line

    results = tmp_path / "results.jsonl"
    results.write_text('{"id": "c1"}\n', encoding="utf-8")
    results.chmod(0o600)
    os.link(results, tmp_path / "snapshot.jsonl")
    append_line(results, '{"id": "c2"}')
    assert results.stat().st_nlink == 1 and results.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "snapshot.jsonl").read_text(encoding="utf-8") == '{"id": "c1"}\n'


def test_duplicate_cluster_is_refused(tiny, jsonl_data, tmp_path):
    out = tmp_path / "run"
    _run(jsonl_data, out)
    first = (out / "results.jsonl").read_text().splitlines()[0]
    with open(out / "results.jsonl", "a") as fh:
        fh.write(first + "\n")
    with pytest.raises(InputError, match="line 9 repeats cluster 'c00' .first on line 1"):
        _run(jsonl_data, out)


@pytest.mark.parametrize("text", ["{not json", "[]", "{}", '{"settings": 5}', "\udcff"])
def test_damaged_run_json_is_one_line_error(tiny, jsonl_data, tmp_path, text):
    out = tmp_path / "run"
    _run(jsonl_data, out)
    (out / "run.json").write_bytes(text.encode("utf-8", "surrogateescape"))
    before = _snapshot(out)
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
    assert code != 0 and "run.json" in error_line(err)
    assert _snapshot(out) == before


# ------------------------------------------------------------- damaged reports
@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "[1, 2, 3]",
        lambda text: json.dumps({"scores": {}}),
        lambda text: json.dumps({**json.loads(text), "per_cluster": [{"id": "c00"}]}),
        lambda text: json.dumps({**json.loads(text), "scores": {"ROUGE-1": {"r": {"mean": 1}}}}),
        lambda text: "\xff\xfe",
    ],
    ids=["truncated", "list", "foreign", "no-cluster-scores", "bad-cell", "binary"],
)
def test_compare_on_damaged_report_is_one_line_error(tiny, jsonl_data, tmp_path, damage):
    a = _run(jsonl_data, tmp_path / "a").out
    b = _run(jsonl_data, tmp_path / "b", per_doc=1).out
    text = (b / "report.json").read_text()
    (b / "report.json").write_bytes(damage(text).encode("latin-1", "replace"))
    code, _, err = run_cli(["compare", str(a), str(b), "--out", str(tmp_path / "cmp"), "--no-plot"])
    assert code != 0 and "report.json" in error_line(err)
    assert not (tmp_path / "cmp").exists()


# ----------------------------------------------------------- absurd settings
@pytest.mark.parametrize(
    "argv, message",
    [
        (["--resamples", "100000000"], "absurdly large"),
        (["-n", "1000000000"], "out of range"),
        # one wording for the seed's range, however far out (2**70 said "must be int
        # (64-bit)", from the data set options' type check, and 2**40 the range)
        (["--seed", str(2**70)], "seed must be an integer from 0 to 4294967295"),
        (["--seed", str(2**40)], "seed must be an integer from 0 to 4294967295"),
        (["--seed", "-1"], "seed must be an integer"),
        (["--bootstrap-seed", "-1"], "bootstrap_seed (--bootstrap-seed) must be an integer"),
    ],
)
def test_absurd_evaluate_settings_refused_before_work(tiny, jsonl_data, tmp_path, argv,
                                                      message):
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--out", str(out), "--no-progress", *argv])
    assert code != 0 and message in error_line(err)
    assert not out.exists() and tiny.CALLS == []


@pytest.mark.parametrize("argv", [["--resamples", "100000000"], ["--trials", "10000000000"],
                                  ["--significance-seed", "-5"], ["--resamples", "0"]])
def test_absurd_compare_settings_refused(tiny, jsonl_data, tmp_path, argv):
    a = _run(jsonl_data, tmp_path / "a").out
    b = _run(jsonl_data, tmp_path / "b", per_doc=1).out
    code, _, err = run_cli(["compare", str(a), str(b), "--out", str(tmp_path / "c"), "--no-plot",
                            *argv])
    assert code != 0 and error_line(err)
    assert not (tmp_path / "c").exists()
    with pytest.raises(InputError):
        compare_runs([a, b], resamples=10**9)


# ------------------------------------------------- damaged folders, generated
@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """A finished run folder and its data (made once), for the property below."""
    from summarizer import summarizers

    root = tmp_path_factory.mktemp("damage")
    data = HERE.parent / "fixtures" / "run_v1" / "data.jsonl"  # 5 clusters, c00..c04
    summarizers.METHODS["test-roundrobin"] = "tiny_systems:RoundRobin"
    try:
        _run(data, root / "run")
    finally:
        summarizers.METHODS.pop("test-roundrobin")
    return data, root / "run"


def _damage_strategy():
    from hypothesis import strategies as st

    junk = st.one_of(st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ")),
                     st.text(max_size=100).map(lambda t: t.replace("\n", " ").encode()),
                     st.sampled_from([b"{}", b"[]", b"null", b'{"id": "c00"}', b"5"]))
    return st.tuples(st.integers(0, 4), junk, st.booleans(), st.integers(0, 10**6))


def test_generated_damage_never_loses_a_good_line(finished_run):
    """Any one line replaced by junk, or the file cut anywhere: evaluate either completes or
    stops with a typed error; lines before the damage are never lost, and the file changes
    only by dropping a torn last line and appending redone clusters."""
    from hypothesis import HealthCheck, given, settings

    from summarizer import summarizers
    from summarizer.errors import SummarizerError

    data, run_dir = finished_run

    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(_damage_strategy())
    def check(damage):
        line_no, junk, cut, offset = damage
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "run"
            shutil.copytree(run_dir, out)
            (out / "report.json").unlink()
            lines = (out / "results.jsonl").read_bytes().split(b"\n")[:-1]
            if cut:
                raw = b"\n".join(lines) + b"\n"
                damaged = raw[: offset % (len(raw) + 1)]
                kept = raw[: damaged.rfind(b"\n") + 1] if b"\n" in damaged else b""
            else:
                lines[line_no] = junk
                damaged = b"\n".join(lines) + b"\n"
                kept = b"".join(ln + b"\n" for ln in lines[:line_no])
            (out / "results.jsonl").write_bytes(damaged)
            try:
                _run(data, out)
            except SummarizerError:
                assert (out / "results.jsonl").read_bytes() == damaged  # nothing rewritten
            else:
                after = (out / "results.jsonl").read_bytes()
                assert after.startswith(kept)
                ids = [json.loads(x)["id"] for x in after.splitlines() if x.strip()]
                assert sorted(ids) == [f"c{i:02d}" for i in range(5)]  # each cluster once
            assert not (out / "run.lock").exists()

    summarizers.METHODS["test-roundrobin"] = "tiny_systems:RoundRobin"
    try:
        check()
    finally:
        summarizers.METHODS.pop("test-roundrobin")


@pytest.mark.parametrize("fail_at", [1, 4])  # run.json; a results.jsonl line
def test_a_full_disk_names_the_file_it_could_not_write(tiny, jsonl_data, tmp_path,
                                                       monkeypatch, fail_at):
    """A full disk said "error: [Errno 28] No space left on device", not which file."""
    import errno
    import os

    calls = []
    real = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) >= fail_at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
    line = error_line(err)
    assert code == 1 and f"{out}{os.sep}" in line and "No space left on device" in line, line


def test_results_are_fsynced_once_a_second_and_when_the_run_ends(tiny, jsonl_data, tmp_path,
                                                                 monkeypatch):
    """An fsync per results line took 8 of 20 s of an evaluate of lead; a killed process
    loses no line without it (each is in the kernel), so lines are synced at most once a
    second, and all of them when the run ends."""
    import os

    from summarizer import atomic

    # a second would be timing: a run slower than that (a loaded machine) syncs again
    monkeypatch.setattr(atomic, "SYNC_EVERY", 3600.0)
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(
        f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd), real(fd))[1])
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            *FIELDS, "--words", "40", "--out", str(out), "--no-progress"])
    assert code == 0, err
    results = str(out / "results.jsonl")
    lines = (out / "results.jsonl").read_text(encoding="utf-8").count("\n")
    assert lines >= 3
    if os.path.exists("/proc/self/fd"):
        # the first line (nothing synced before it) and the run's end: not one per line
        assert synced.count(results) == 2, synced
    assert results not in atomic._last_sync  # the end's sync forgot the file's time


def test_the_sync_times_kept_stay_bounded(tmp_path, monkeypatch):
    from summarizer import atomic

    monkeypatch.setattr(atomic, "SYNC_EVERY", 0.0)  # every time kept is already moot
    for i in range(200):
        atomic.append_line(tmp_path / f"{i}.jsonl", "{}")
    assert len(atomic._last_sync) <= 64
