"""One refusal of a path that is no regular file where one is read or written
(textio.refuse_irregular): every call site, given a FIFO, answers at once, with one line in
the one wording and the error type it raised before."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from summarizer.errors import InputError, ResourceError, RunMismatchError
from summarizer.textio import not_regular, path_kind, refuse_irregular, walk_files

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")

FIFO = "is a named pipe (FIFO), not a regular file"


@contextmanager
def answered_within(seconds: int) -> Iterator[None]:
    """Fail (not hang) when the body waits longer: opened, a FIFO waits for a writer, and
    the signal interrupts that wait."""
    def late(*_: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s (on the FIFO?)")

    before = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


# Each case: the call site, where its FIFO is planted (under a fresh folder), a call that
# reads or writes there, the error type the site raised before the one helper, and the
# message's tail after the one wording.
def _read_bytes(tmp: Path, planted: Path) -> None:
    from summarizer.textio import read_bytes

    read_bytes(planted)


def _run_json(tmp: Path, planted: Path) -> None:
    from summarizer.evaluation.store import RunStore

    RunStore(tmp / "run").read_run()


def _results_jsonl(tmp: Path, planted: Path) -> None:
    from summarizer.evaluation.store import RunStore

    RunStore(tmp / "run").read_results(repair=False)


def _lock_file(tmp: Path, planted: Path) -> None:
    from summarizer.folders import holding_lock

    with holding_lock(planted, "evaluate"):
        pass


def _appended(tmp: Path, planted: Path) -> None:
    from summarizer.atomic import append_line

    append_line(planted, "{}")


def _report(tmp: Path, planted: Path) -> None:
    from summarizer.evaluation.report import load_report

    load_report(planted.parent)


def _rouge_pairs(tmp: Path, planted: Path) -> None:
    from summarizer.metrics.io import load_pairs

    (tmp / "ref.txt").write_text("The storm hit.\n", encoding="utf-8")
    load_pairs(planted, tmp / "ref.txt")


def _wordnet(tmp: Path, planted: Path) -> None:
    from summarizer.metrics.rouge155.resources import load_exceptions

    (planted.parent / "adj.exc").write_text("better good\n", encoding="latin-1")
    load_exceptions(planted.parent)


def _data_set(tmp: Path, planted: Path) -> None:
    from summarizer.evaluation.datasets import detect_kind

    detect_kind(str(planted))


def _precomputed(tmp: Path, planted: Path) -> None:
    from summarizer.evaluation.systems import PrecomputedSummarizer

    PrecomputedSummarizer(planted)


def _saved_data_set(tmp: Path, planted: Path) -> None:
    from summarizer.documents.hf import _load_saved

    (planted.parent / "dataset_info.json").write_text("{}", encoding="utf-8")
    _load_saved(None, planted.parent, None)  # refused before datasets is needed


def _batch_input(tmp: Path, planted: Path) -> None:
    from summarizer.batch.source import Fields, Source

    Source(planted, Fields())


def _batch_output(tmp: Path, planted: Path) -> None:
    from summarizer.batch import read_output

    read_output(planted.parent)


def _batch_manifest(tmp: Path, planted: Path) -> None:
    from summarizer.batch.output import OutputFolder

    with OutputFolder(planted.parent).locked():  # a job's start reads the manifest
        pass


CASES: list[tuple[str, str, Callable[[Path, Path], None], type[Exception], str]] = [
    ("textio.read_bytes", "article.txt", _read_bytes, InputError, ""),
    ("store.read_run", "run/run.json", _run_json, InputError, "; refusing to use it"),
    ("store.iter_results", "run/results.jsonl", _results_jsonl, InputError,
     "; refusing to use it"),
    ("folders.holding_lock", "run/run.lock", _lock_file, InputError,
     "; refusing to use this folder"),
    ("atomic.append_line", "run/results.jsonl", _appended, InputError, "; refusing to use it"),
    ("report.load_report", "run/report.json", _report, InputError, ""),
    ("metrics.io.load_pairs", "sys.txt", _rouge_pairs, InputError,
     "; give a summary file or a folder of them"),
    ("rouge155.load_exceptions", "data/verb.exc", _wordnet, ResourceError,
     "; a WordNet exception list was expected"),
    ("datasets.detect_kind", "clusters.jsonl", _data_set, InputError,
     "; give a TAC 2011 or DUC folder, or a .jsonl file"),
    ("systems.PrecomputedSummarizer", "preds.jsonl", _precomputed, InputError,
     "; precomputed summaries are a folder, a glob or a .jsonl file"),
    ("hf._load_saved", "news/state.json", _saved_data_set, InputError, ""),
    ("batch.Source", "rows.jsonl", _batch_input, InputError,
     "; give a .jsonl or .parquet file, or a folder of them"),
    ("batch.read_output", "out/manifest.json", _batch_output, InputError,
     "; not a batch output folder"),
    ("batch.OutputFolder", "out/manifest.json", _batch_manifest, RunMismatchError,
     "; use another output folder (out=, --out)"),
]


@pytest.mark.parametrize(("site", "where", "call", "error", "then"), CASES,
                         ids=[c[0] for c in CASES])
def test_a_fifo_at_each_call_site_is_refused_at_once_in_one_line(
        tmp_path: Path, site: str, where: str, call: Callable[[Path, Path], None],
        error: type[Exception], then: str) -> None:
    planted = fifo(tmp_path / where)
    with answered_within(20), pytest.raises(error) as refused:
        call(tmp_path, planted)
    message = str(refused.value)
    assert "\n" not in message
    assert message == f"{planted}: {FIFO}{then}", site
    assert type(refused.value) is error  # the type each site raised before, not a subclass
    assert planted.is_fifo()  # left as it was


def test_each_kind_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder").mkdir()
    fifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock"))
    except OSError:  # a file system without sockets, or a path too long for one
        sock.close()
        sock = None
    kinds = {
        "file": "a regular file", "folder": "a folder", "pipe": "a named pipe (FIFO)",
        "link": "a regular file", "dangling": "a broken symbolic link", "nothing": "missing",
        **({"sock": "a socket"} if sock else {}),
    }
    try:
        assert {name: path_kind(tmp_path / name) for name in kinds} == kinds
    finally:
        if sock:
            sock.close()
    assert path_kind(tmp_path / "link", follow_symlinks=False) == "a symbolic link"
    if os.path.exists("/dev/null"):
        assert path_kind("/dev/null") == "a character device"
    refuse_irregular(tmp_path / "file")
    refuse_irregular(tmp_path / "nothing", missing_ok=True)
    with pytest.raises(InputError, match=r"link: is a symbolic link, not a regular file$"):
        refuse_irregular(tmp_path / "link", follow_symlinks=False)
    # a missing path in the loaders' words, not "is missing, not a regular file"
    with pytest.raises(InputError, match=r"nothing: no such file or folder$"):
        refuse_irregular(tmp_path / "nothing")
    with pytest.raises(InputError, match=r"nothing: no such file or folder; use x$"):
        refuse_irregular(tmp_path / "nothing", then="use x")
    with pytest.raises(ResourceError, match=r"folder: is a folder, not a regular file; use x$"):
        refuse_irregular(tmp_path / "folder", error=ResourceError, then="use x")
    with pytest.raises(InputError, match="not a usable path .*NUL"):
        refuse_irregular(str(tmp_path / "a\0b"))
    assert not_regular("p", "a socket") == "p: is a socket, not a regular file"


def test_a_walked_fifo_is_skipped_and_said_to_be_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The storm hit.")
    fifo(tmp_path / "b.txt")
    with answered_within(20):
        files, skipped = walk_files(tmp_path)
    assert files == [tmp_path / "a.txt"]
    assert skipped == [{"path": str(tmp_path / "b.txt"),
                        "reason": "a named pipe (FIFO), not a regular file"}]


def test_a_lock_through_a_link_is_refused_and_its_target_left(tmp_path: Path) -> None:
    from summarizer.folders import holding_lock

    target = tmp_path / "users_file"
    target.write_text("precious\n")
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "run.lock").symlink_to(target)
    with pytest.raises(InputError) as refused, holding_lock(tmp_path / "run" / "run.lock", "x"):
        pass
    assert str(refused.value).endswith("run.lock: is a symbolic link, not a regular file; "
                                       "refusing to use this folder")
    assert target.read_text() == "precious\n"


def test_an_append_through_a_link_is_refused_and_its_target_left(tmp_path: Path) -> None:
    # O_NOFOLLOW's ELOOP was a bare OSError ("Too many levels of symbolic links")
    from summarizer.atomic import append_line

    target = tmp_path / "users_file"
    target.write_text("precious\n")
    (tmp_path / "faithfulness.jsonl").symlink_to(target)
    with pytest.raises(InputError) as refused:
        append_line(tmp_path / "faithfulness.jsonl", "{}")
    assert str(refused.value) == (f"{tmp_path / 'faithfulness.jsonl'}: is a symbolic link, "
                                  "not a regular file; refusing to use it")
    assert target.read_text() == "precious\n"
