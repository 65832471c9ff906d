"""Plain helpers for tests in any folder (fixtures live in conftest.py): :func:`run_cli`, the
way a test runs the command line in its own process, :func:`error_line`,
:func:`write_jsonl`, the test data sets' writer, :func:`filled`, generated flag values,
:func:`traced_memory`, what a block of code allocates, :func:`non_utf8_path`, a name
that is not UTF-8, :func:`fake_gpu_memory`, CUDA GPUs
that hold given memory, and :func:`lock_held_elsewhere`, an output folder's lock held by
another process.

Importable as ``from helpers import ...`` from every test file: tests/ has no __init__.py, so
pytest puts the folder of tests/conftest.py on sys.path, as it does for tests/readme_blocks.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
# The data for tests: ../shared/data beside the project, or where SUMMARIZER_SHARED_DATA says
# (every test reads it from here: three read ../shared alone, skipping or failing beside it)
SHARED_DATA = Path(os.environ.get("SUMMARIZER_SHARED_DATA", REPO.parent / "shared" / "data"))


class _Stream(io.TextIOWrapper):
    """What a command writes, kept. UTF-8 and strict, as a terminal's stream is (and pytest's
    capsys): text it cannot encode fails the command here as it would there."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="", write_through=True)

    def getvalue(self) -> str:
        assert isinstance(self.buffer, io.BytesIO)
        return self.buffer.getvalue().decode("utf-8")


def run_cli(argv: Sequence[str], *, lines: int | None = 1) -> tuple[int, str, str]:
    """``summarizer ARGV`` in this process: its exit code, stdout and stderr, this command's
    alone (what ran before is not mixed in, as it is in capsys).

    Checked for every command: an argparse exit is its usage error (2), returned as the exit
    code; a bug is never hidden behind exit 70 ("internal error"): SUMMARIZER_DEBUG is set, so
    the exception escapes into the test with its traceback; stderr holds no traceback and at
    most ``lines`` lines (None: any number, for commands that warn or report on lines of
    their own).
    """
    from summarizer.cli import main

    out, err = _Stream(), _Stream()
    with (mock.patch.dict(os.environ, {"SUMMARIZER_DEBUG": "1"}),
          contextlib.redirect_stdout(out), contextlib.redirect_stderr(err)):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            assert exc.code == 2, (argv, exc.code)  # --help is tests/cli/test_help.py's
            code = 2
    said = err.getvalue()
    assert code != 70 and "Traceback" not in said and "internal error" not in said, (argv, said)
    if lines is not None:
        assert len(said.strip().splitlines()) <= lines, (argv, said)
    return code, out.getvalue(), said


def error_line(err: str) -> str:
    """The one line of ``err``, a ``summarizer: error:`` line (the CLI's rule for bad input)."""
    shown = [line for line in err.splitlines() if line.strip()]
    assert len(shown) == 1 and shown[0].startswith("summarizer: error: "), err
    return shown[0]


def non_utf8_path(folder: Path, name: bytes) -> Path:
    """``folder``/``name``, a name of bytes that are not UTF-8 (a Latin-1 name, as a zip from
    another system leaves it: os.fsdecode's lone surrogates), the test skipped where the file
    system refuses such names (it is made and removed to learn that)."""
    import pytest

    path = folder / os.fsdecode(name)
    try:
        path.touch()
        path.unlink()
    except (OSError, UnicodeError):  # a file system that holds UTF-8 names only
        pytest.skip("this file system refuses names that are not UTF-8")
    return path


def write_jsonl(path: Path, rows: Iterable[object], *, raw_lines: Iterable[str] = ()) -> Path:
    """``rows`` written to ``path`` as JSON Lines, one JSON value a line (UTF-8), then
    ``raw_lines`` as they are (a broken line, say); ``path``."""
    lines = [*(json.dumps(row) for row in rows), *raw_lines]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def filled(flags: Iterable[Sequence[str]], values: Iterable[str]) -> list[str]:
    """The words of ``flags`` with each flag's ``N`` replaced by its value: the i-th flag
    takes the i-th value, which a flag without ``N`` leaves unused."""
    return [part.replace("N", value)
            for flag, value in zip(flags, values, strict=False) for part in flag]


@dataclass
class Traced:
    """Bytes of Python allocations (objects and numpy buffers) counted from a block's start."""

    peak: int = 0  # the most the block had allocated at any moment
    held: int = 0  # what it left allocated at its end


@contextlib.contextmanager
def traced_memory() -> Iterator[Traced]:
    """``with traced_memory() as mem:`` traces the block's allocations (tracemalloc); after
    it, ``mem.peak`` and ``mem.held`` are set. What was allocated before the block is not
    counted, so warm imports and caches up first. Not nested: tracemalloc is one tracer."""
    assert not tracemalloc.is_tracing(), "traced_memory does not nest"
    mem = Traced()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        yield mem
        now, top = tracemalloc.get_traced_memory()
        mem.peak, mem.held = top - start, now - start
    finally:
        tracemalloc.stop()


def rouge_command_peak(folder: Path, peer: str, ref: str) -> int:
    """The traced peak of ``summarizer rouge PEER REF -r 10`` with ``peer`` and ``ref``
    written to files in ``folder`` as given, run once before untraced (imports, caches)."""
    (folder / "peer.txt").write_text(peer, encoding="utf-8")
    (folder / "ref.txt").write_text(ref, encoding="utf-8")
    args = ["rouge", str(folder / "peer.txt"), str(folder / "ref.txt"), "-r", "10"]
    assert run_cli(args)[0] == 0  # imports and caches first
    with traced_memory() as mem:
        code, out, _ = run_cli(args)
    assert code == 0 and "ROUGE-SU4" in out
    return mem.peak


def fake_gpu_memory(monkeypatch, peaks: Sequence[int], allocated: Sequence[int] = ()) -> None:
    """torch.cuda as on a machine with one GPU per ``peaks`` (cuda:0 the current one) whose
    peak and allocated bytes (``allocated``, else 0) are given: torch's memory calls answer
    for the GPU they are told (None: the current one), as torch's do."""
    import torch

    def index(device: object = None) -> int:
        if isinstance(device, int):
            return device
        return 0 if device is None else (torch.device(device).index or 0)  # type: ignore[arg-type]

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_initialized", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: len(peaks))
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "synchronize", lambda device=None: None)
    monkeypatch.setattr(torch.cuda, "reset_peak_memory_stats", lambda device=None: None)
    monkeypatch.setattr(torch.cuda, "max_memory_allocated", lambda device=None: peaks[index(device)])
    monkeypatch.setattr(torch.cuda, "memory_allocated",
                        lambda device=None: allocated[index(device)] if allocated else 0)


def lock_held_elsewhere(lock: Path, what: str) -> subprocess.Popen:
    """A child process holding the output folder lock ``lock`` (``holding_lock``, as the
    command ``what`` takes it) until it is killed; returned once the lock is held."""
    script = ("import sys, time\nfrom pathlib import Path\n"
              "from summarizer.folders import holding_lock\n"
              f"with holding_lock(Path({str(lock)!r}), {what!r}):\n"
              "    print('held', flush=True)\n    time.sleep(600)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    if child.stdout.readline() != "held\n":  # it failed: not left behind
        child.kill()
        child.wait()
        raise AssertionError(f"the lock holder ended with {child.returncode}")
    return child
