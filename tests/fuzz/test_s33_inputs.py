"""Session 33's bad-input hunt: the five subcommands and the library given odd
encodings, special files, extreme numbers and Unicode edge cases. Each fix has a test
here that fails without it."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from helpers import error_line, run_cli, write_jsonl

import summarizer
from summarizer.errors import InputError, OutputExistsError, UnknownMethodError

_PIPES = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


@pytest.mark.parametrize("method", ["", 0, False])
def test_summarize_with_a_method_that_is_no_name_is_refused_not_the_default(method):
    # get_summarizer("") and --method '' refuse it; summarize() ran the default instead
    with pytest.raises(UnknownMethodError, match="unknown method"):
        summarizer.summarize(_STORY, method, words=20)


@pytest.fixture
def no_way_in(monkeypatch):
    """Folders marked here list their names but cannot be entered (mode 0o600, r without
    x): stat of anything inside is EACCES, as a user other than root meets it (the tests
    may run as root, whom chmod does not stop)."""
    locked: list[Path] = []
    real_stat = Path.stat

    def stat(self, *, follow_symlinks=True):
        if any(self.parent == folder for folder in locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", stat)
    return locked.append


def test_a_folder_that_cannot_be_entered_is_skipped_in_a_folder(tmp_path, no_way_in):
    # is_symlink's lstat raised PermissionError out of the walk: the whole command failed
    # ("error: top/locked/b.txt: Permission denied", exit 1) where a bad file is skipped
    (tmp_path / "top" / "locked").mkdir(parents=True)
    (tmp_path / "top" / "a.txt").write_text(_STORY, encoding="utf-8")
    (tmp_path / "top" / "locked" / "b.txt").write_text(_STORY, encoding="utf-8")
    no_way_in(tmp_path / "top" / "locked")
    code, out, err = run_cli(["summarize", str(tmp_path / "top"), "--words", "20"], lines=None)
    assert code == 0 and "storm" in out
    assert "skipped" in err and "b.txt: cannot be read (Permission denied)" in err


def test_a_folder_that_cannot_be_entered_is_named_not_a_file_looked_for(tmp_path, no_way_in):
    # the saved-data-set probe's is_file raised: 'locked/dataset_info.json: Permission
    # denied', a file the user never named, exit 1
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(_STORY, encoding="utf-8")
    no_way_in(tmp_path / "locked")
    code, out, err = run_cli(["summarize", str(tmp_path / "locked")], lines=None)
    assert code == 2 and out == ""
    assert "dataset_info" not in err
    assert "a.txt: cannot be read (Permission denied)" in error_line(err)


def test_evaluate_of_a_folder_that_cannot_be_entered_names_it(tmp_path, no_way_in):
    # the TAC layout probe's is_dir raised: 'locked/SourceTexts: Permission denied', exit 1
    (tmp_path / "locked").mkdir()
    no_way_in(tmp_path / "locked")
    code, out, err = run_cli(["evaluate", str(tmp_path / "locked"), "--method", "lead",
                              "--out", str(tmp_path / "run"), "--no-progress"])
    assert code == 2 and out == ""
    assert error_line(err).endswith("locked: cannot be read (Permission denied)")
    assert "SourceTexts" not in err and not (tmp_path / "run").exists()


@_PIPES
def test_a_pipe_among_the_wordnet_exception_lists_is_refused_not_waited_on(tmp_path):
    # open() of a FIFO named verb.exc waited for a writer: rouge -m --data-dir DIR hung
    (tmp_path / "data").mkdir()
    fifo = tmp_path / "data" / "verb.exc"
    os.mkfifo(fifo)
    (tmp_path / "sys.txt").write_text("The storm hit the coast.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("The storms hit.\n", encoding="utf-8")
    writer = threading.Thread(target=lambda: fifo.write_text("hit hit\n"), daemon=True)
    writer.start()  # unblocks a reader of the pipe, so the test fails rather than hangs
    try:
        code, out, err = run_cli(["rouge", str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt"),
                                  "-m", "--data-dir", str(tmp_path / "data")])
    finally:  # a reader of our own lets a writer still waiting go
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        writer.join(5)
        os.close(reader)
    assert code == 2 and out == ""
    assert error_line(err).endswith("verb.exc: is a named pipe (FIFO), not a regular file; a "
                                    "WordNet exception list was expected")


def _clusters(tmp_path: Path) -> str:
    rows = [{"id": f"c{i}", "documents": [_STORY], "summary": "The storm hit the coast."}
            for i in range(2)]
    return str(write_jsonl(tmp_path / "clusters.jsonl", rows))


@_PIPES
@pytest.mark.parametrize(("command", "planted"), [
    (["evaluate", "{data}", "--method", "lead", "--out", "{run}"], "run.json"),
    (["evaluate", "{data}", "--method", "lead", "--out", "{run}"], "results.jsonl"),
    (["evaluate", "{data}", "--method", "lead", "--out", "{run}", "--faithfulness"],
     "faithfulness.jsonl"),
    (["batch", "{data}", "--method", "lead", "--out", "{run}"], "manifest.json"),
])
def test_a_pipe_in_the_place_of_a_run_file_is_refused_not_waited_on(tmp_path, command, planted):
    # run.json and manifest.json were read, results.jsonl synced and faithfulness.jsonl
    # appended to through open(), which waits on a FIFO for its other end: the command hung
    import subprocess
    import sys

    argv = [w.format(data=_clusters(tmp_path), run=tmp_path / "run") for w in command]
    code, _, _ = run_cli([*argv, "--no-progress"], lines=None)  # a finished run to resume
    assert code == 0
    (tmp_path / "run" / planted).unlink(missing_ok=True)
    os.mkfifo(tmp_path / "run" / planted)
    done = subprocess.run([sys.executable, "-m", "summarizer", *argv, "--no-progress"],
                          capture_output=True, text=True, timeout=30, check=False,
                          env={**os.environ, "SUMMARIZER_DEBUG": ""})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    said = error_line(done.stderr)
    assert f"{planted}: is a named pipe (FIFO), not a regular file; " in said  # one wording


@pytest.mark.parametrize(("name", "data", "said"), [
    ("ragged.csv", 'id,document,summary\na,"The storm hit.",x\nb,"It rained.",y,extra\n',
     "cannot be read as a csv data set (ParserError"),
    ("cut.json", '{"id": "a", "document": ', "cannot be read as a json data set"),
], ids=["csv", "json"])
def test_a_local_data_file_the_parser_refuses_is_one_line(tmp_path, name, data, said):
    # datasets logged its own "Failed to read file '...' with error <class ...>" (and a
    # blank line) on stderr before the command's error: three lines for one error
    import subprocess
    import sys

    (tmp_path / name).write_text(data, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "summarizer", "batch", f"hf:{tmp_path / name}",
                           "--out", str(tmp_path / "out"), "--no-progress"],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "SUMMARIZER_DEBUG": ""})
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and said in done.stderr


@pytest.mark.parametrize("mark", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"])
def test_a_duc_reference_sentence_holding_a_unicode_line_mark_stays_one_sentence(tmp_path, mark):
    # str.splitlines() ended a line at form feeds, U+0085, U+2028 ...: one model sentence
    # became two, and ROUGE-L (a union LCS per reference sentence) left ROUGE-1.5.5's,
    # which ends a line at \n alone
    from summarizer.documents.duc import read_reference

    ref = tmp_path / "D30001.M.100.T.A"
    ref.write_text(f"The storm hit{mark} the coast on Monday.\nPower was cut.\n", encoding="utf-8")
    assert read_reference(ref).split("\n") == ["The storm hit the coast on Monday.",
                                               "Power was cut."]


@pytest.mark.parametrize(("name", "said"), [
    ("enc\ud800", "it holds half a UTF-16 surrogate pair"),  # a JSON escape: no file name
    ("enc\x00", "it holds a NUL character"),
])
def test_a_path_no_file_system_takes_says_why(name, said):
    # half a surrogate pair (os.stat's UnicodeEncodeError, a ValueError), as
    # --option 'encoder="\ud800"' gives it, was said to be 'a NUL character'
    from summarizer.textio import input_exists

    with pytest.raises(InputError, match=f"not a usable path \\({said}") as caught:
        input_exists(name)
    assert ("NUL" in str(caught.value)) == ("NUL" in said)


def test_an_output_folder_no_file_system_takes_says_why(tmp_path):
    from summarizer.folders import output_folder

    with pytest.raises(OutputExistsError, match="half a UTF-16 surrogate pair") as caught:
        output_folder(tmp_path / "run\ud800", "evaluate")
    assert "NUL" not in str(caught.value)


@_PIPES
@pytest.mark.parametrize(("command", "lock", "kind"), [
    (["evaluate", "{data}", "--method", "lead", "--out", "{run}"], "run.lock", "fifo"),
    (["evaluate", "{data}", "--method", "lead", "--out", "{run}"], "run.lock", "folder"),
    (["batch", "{data}", "--method", "lead", "--out", "{run}"], ".lock", "fifo"),
])
def test_a_lock_name_that_is_no_regular_file_is_refused_and_left(tmp_path, command, lock, kind):
    # a FIFO there was opened, truncated ('Invalid argument', exit 1) and then removed on
    # the way out; a folder there was 'Is a directory', exit 1
    argv = [w.format(data=_clusters(tmp_path), run=tmp_path / "run") for w in command]
    (tmp_path / "run").mkdir()
    planted = tmp_path / "run" / lock
    os.mkfifo(planted) if kind == "fifo" else planted.mkdir()
    code, out, err = run_cli([*argv, "--no-progress"])
    assert code == 2 and out == ""
    what = "a named pipe (FIFO)" if kind == "fifo" else "a folder"
    assert error_line(err).endswith(f"{lock}: is {what}, not a regular file; refusing to use "
                                    "this folder")
    assert planted.is_fifo() if kind == "fifo" else planted.is_dir()


@_PIPES
@pytest.mark.parametrize("planted", ["test/state.json", "test/data-00000-of-00001.arrow"])
def test_a_pipe_in_a_saved_data_set_is_refused_not_waited_on(tmp_path, planted):
    # state.json was read and the arrow file opened (in a thread of arrow's) through open(),
    # which waits on a FIFO for a writer: batch hf:FOLDER hung, past SIGTERM too
    import subprocess
    import sys

    datasets = pytest.importorskip("datasets")
    rows = [{"id": "a", "document": _STORY, "summary": "The storm hit the coast."}]
    folder = tmp_path / "news"
    datasets.DatasetDict({"test": datasets.Dataset.from_list(rows)}).save_to_disk(str(folder))
    (folder / planted).unlink()
    os.mkfifo(folder / planted)
    done = subprocess.run([sys.executable, "-m", "summarizer", "batch", f"hf:{folder}",
                           "--out", str(tmp_path / "out"), "--method", "lead", "--no-progress"],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "SUMMARIZER_DEBUG": ""})
    assert done.returncode == 2
    assert error_line(done.stderr).endswith(f"{planted}: is a named pipe (FIFO), not a "
                                            "regular file")
