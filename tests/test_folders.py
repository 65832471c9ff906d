"""summarizer.folders: output folders' locks, on this system's locks and on Windows' (msvcrt),
simulated here: the Windows branch could not otherwise run on the machines that test."""

from __future__ import annotations

import errno
import os
import socket
import sys
import types

import pytest

from summarizer.errors import RunBusyError
from summarizer.folders import _holder, holding_lock


def _file(fd: int) -> tuple[int, int]:
    st = os.fstat(fd)
    return st.st_dev, st.st_ino


@pytest.fixture
def windows_locks(monkeypatch):
    """A Python without fcntl whose msvcrt locks as Windows does: a byte range locked through
    one descriptor cannot be locked (LK_NBLCK: OSError) nor read through another; the lock
    ends when its descriptor closes; an open file cannot be removed."""
    held: dict[tuple[int, int], int] = {}  # file -> the descriptor that locked it

    def locking(fd: int, mode: int, nbytes: int) -> None:
        assert (mode, nbytes) == (msvcrt.LK_NBLCK, 1)
        if held.setdefault(_file(fd), fd) != fd:
            raise PermissionError(errno.EACCES, "Permission denied")

    msvcrt = types.SimpleNamespace(LK_NBLCK=2, locking=locking)
    real_read, real_close, real_unlink = os.read, os.close, os.unlink

    def read(fd: int, n: int) -> bytes:
        if held.get(_file(fd), fd) != fd:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_read(fd, n)

    def close(fd: int) -> None:
        for key in [k for k, v in held.items() if v == fd]:
            del held[key]
        real_close(fd)

    def unlink(path, *a, **k) -> None:
        try:
            st = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            st = None
        if st is not None and (st.st_dev, st.st_ino) in held:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_unlink(path, *a, **k)

    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(os, "read", read)
    monkeypatch.setattr(os, "close", close)
    monkeypatch.setattr(os, "unlink", unlink)
    return held


def test_the_windows_lock_refuses_a_second_writer_and_is_taken_in_turn(windows_locks,
                                                                       tmp_path):
    lock = tmp_path / "run.lock"
    with holding_lock(lock, "evaluate"):
        assert windows_locks  # taken through msvcrt, not fcntl
        assert lock.read_text().split()[0] == str(os.getpid())
        with pytest.raises(RunBusyError) as busy:
            with holding_lock(lock, "evaluate"):
                pass
        # the holder's locked byte cannot be read: no pid, rather than a wrong one
        assert "in use by another evaluate (pid unknown)" in str(busy.value)
    assert not windows_locks  # released with its descriptor
    assert lock.exists()  # open when its holder tried to remove it: the next one reuses it
    with holding_lock(lock, "batch job"):
        assert lock.read_text().split()[0] == str(os.getpid())  # the new holder's pid
        with pytest.raises(RunBusyError, match="in use by another batch job"):
            with holding_lock(lock, "batch job"):
                pass



def test_a_run_and_a_batch_job_name_their_setting_differences_alike():
    # one public home for both (batch/output.py imported store's private _diff and
    # copied its formatting)
    from summarizer.evaluation.store import settings_diff, shown_diffs

    old = {"budget": {"limit": 40, "unit": "words"}, "a": 1, "b": 2, "c": 3, "d": 4}
    new = {"budget": {"limit": 41, "unit": "words"}, "a": 0, "b": 0, "c": 0, "d": 0}
    diffs = settings_diff(old, new)
    assert diffs[:2] == ["a: 1 -> 0", "b: 2 -> 0"] and "budget.limit: 40 -> 41" in diffs
    assert shown_diffs(diffs).endswith("; ... (5 in all)")
    assert shown_diffs(diffs[:1]) == "a: 1 -> 0"


@pytest.mark.parametrize("text", [
    "9" * 5000,  # int() refuses over 4,300 digits: a ValueError was the message
    f"{'9' * 5000} otherhost", "\u00b2\u00b3 otherhost",  # digits to isdigit, not to int()
    "\u0661\u0662 otherhost", "0 otherhost", "-5 otherhost", "+5 otherhost",
    f"{2**32} otherhost", "1e3 otherhost", "", "   \n", "\ufffd\ufffd otherhost",
])
def test_a_lock_file_that_names_no_plausible_pid_is_an_unknown_holder(text):
    assert _holder(text) == "pid unknown"


@pytest.mark.parametrize(("text", "shown"), [
    ("4242 otherhost\n", "process 4242 on otherhost"),
    (f"{2**32 - 1} otherhost", f"process {2**32 - 1} on otherhost"),
])
def test_a_plausible_pid_of_another_host_is_named(text, shown):
    assert _holder(text) == shown


# a pid past this host's pid_t (os.kill's OverflowError) names no process of it: it was
# named ("process 4294967295"), as if alive
@pytest.mark.skipif(os.name != "posix", reason="os.kill(pid, 0) asks only on POSIX")
@pytest.mark.parametrize("pid", [2**31, 2**32 - 1])
def test_a_pid_this_host_cannot_have_is_an_unknown_holder(pid):
    assert _holder(f"{pid} {socket.gethostname()}") == "pid unknown"


@pytest.mark.parametrize("text", ["\u00b2\u00b3 otherhost\n", "9" * 199])
def test_a_busy_lock_whose_file_names_no_pid_is_refused_with_pid_unknown(tmp_path, text):
    lock = tmp_path / "run.lock"
    with holding_lock(lock, "evaluate"):
        lock.write_text(text, encoding="utf-8")  # another process's or a user's text
        with pytest.raises(RunBusyError) as busy:
            with holding_lock(lock, "evaluate"):
                pass
    assert "in use by another evaluate (pid unknown)" in str(busy.value)


def test_a_failed_build_removes_its_lock_file_and_a_waiter_locks_the_new_one(tmp_path):
    # a refused input (a .gguf file that is none) left its empty lock file in the cache; it
    # is removed while held, so a process that waited on it must not build under the
    # removed file's lock while a newcomer takes the new file's
    import fcntl
    import threading
    import time

    from summarizer.folders import build_lock

    entry, lock = tmp_path / "entry", tmp_path / "entry.lock"
    seen: list[tuple[bool, bool]] = []

    def waiter() -> None:
        with build_lock(entry) as held:
            with open(lock, "a+b") as newcomer:  # another process, arriving now
                try:
                    fcntl.flock(newcomer, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    locked_out = False
                except BlockingIOError:
                    locked_out = True
            seen.append((held, locked_out))

    with pytest.raises(ValueError, match="refused"), build_lock(entry) as held:
        assert held and lock.exists()
        other = threading.Thread(target=waiter)
        other.start()
        time.sleep(0.3)  # the waiter blocks on the lock file
        raise ValueError("refused")
    other.join(10)
    assert seen == [(True, True)]
    assert lock.exists()  # the waiter's build succeeded: its lock file stays, as before
    with pytest.raises(ValueError), build_lock(entry):
        raise ValueError("refused again")
    assert list(tmp_path.iterdir()) == []


def test_a_build_lock_never_follows_a_link_nor_locks_a_fifo(tmp_path):
    # in a cache others can write, a link in the lock's place made a file where it pointed
    from summarizer.folders import build_lock

    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    cache.mkdir()
    elsewhere.mkdir()
    (cache / "entry.lock").symlink_to(elsewhere / "planted")
    with build_lock(cache / "entry") as held:
        assert held is False  # built unlocked, as where nothing can be locked
    assert list(elsewhere.iterdir()) == []
    os.mkfifo(cache / "other.lock")
    with build_lock(cache / "other") as held:
        assert held is False


def test_a_users_file_named_like_the_lock_is_refused_not_taken(tmp_path):
    # the folder's one file, the user's notes in run.lock, was cut, overwritten and removed
    from summarizer.errors import InputError

    lock = tmp_path / "run.lock"
    lock.write_text("my precious notes\n")
    with pytest.raises(InputError, match="no lock file of this package"):
        with holding_lock(lock, "run"):
            pass
    assert lock.read_text() == "my precious notes\n"
    lock.write_text("12345 otherhost\n")  # a killed run's: taken, and removed after
    with holding_lock(lock, "run"):
        assert lock.read_text().split()[0] == str(os.getpid())
    assert not lock.exists()


def test_a_file_rewritten_keeps_its_mode(tmp_path):
    # a report.json the user made private was world-readable after the next run
    from summarizer.atomic import write_atomic

    path = tmp_path / "report.json"
    path.write_text("{}")
    path.chmod(0o600)
    write_atomic(path, b"{\"a\": 1}\n")
    assert path.read_text() == "{\"a\": 1}\n" and path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("refused", ["evaluate", "batch"])
def test_a_command_refused_under_its_lock_leaves_the_others_files(tmp_path, monkeypatch,
                                                                   refused):
    # evaluate and batch hold different locks: one that found the folder empty, then took its
    # lock after the other began there, removed the other's half-written report (named as
    # its own would be) and only then was refused; the running job failed at its rename
    from contextlib import contextmanager

    from summarizer.batch import output
    from summarizer.errors import OutputExistsError
    from summarizer.evaluation import store

    module = store if refused == "evaluate" else output
    others = ({"manifest.json": "{}", ".lock": ""} if refused == "evaluate"
              else {"run.json": "{}", "run.lock": "", "results.jsonl": ""})
    half_written = tmp_path / ".report.json.summarizer-4242-abcdefgh.tmp"
    taking = module.holding_lock

    @contextmanager
    def other_began_meanwhile(path, what):
        for name, text in others.items():
            (tmp_path / name).write_text(text)
        half_written.write_text("{")
        with taking(path, what):
            yield

    monkeypatch.setattr(module, "holding_lock", other_began_meanwhile)
    folder = store.RunStore(tmp_path) if refused == "evaluate" else output.OutputFolder(tmp_path)
    with pytest.raises(OutputExistsError), folder.locked():
        pass
    assert half_written.read_text() == "{"
