"""An OSError's one line names its path, or both paths of a rename, before the reason."""

from __future__ import annotations

import errno
import os

from helpers import error_line, run_cli, write_jsonl

import summarizer.cli.rouge as rouge_cli


def _raising(monkeypatch, exc: OSError) -> None:
    def run(args):
        raise exc

    monkeypatch.setattr(rouge_cli, "run", run)


def test_a_rename_refused_names_both_paths_before_the_reason(monkeypatch):
    # the second path came last, in brackets: 'a: Permission denied (b)'
    _raising(monkeypatch, OSError(errno.EACCES, os.strerror(errno.EACCES), "a.tmp", None, "b"))
    code, _, err = run_cli(["rouge", "x", "y"])
    assert code == 1 and error_line(err) == "summarizer: error: a.tmp -> b: Permission denied"
    _raising(monkeypatch, OSError(errno.EACCES, os.strerror(errno.EACCES), "a"))
    assert error_line(run_cli(["rouge", "x", "y"])[2]) == "summarizer: error: a: Permission denied"


def test_a_full_disk_as_a_shard_is_renamed_reads_as_one_sentence(tmp_path, monkeypatch):
    """batch's note on a full disk ends its line: the rename's second path came after it,
    '... run the same command again to resume (OUT/part-....parquet)', as if the note's."""
    from summarizer.batch import output

    written = output.write_atomic

    def full(path, data):
        if not path.name.startswith("part-"):
            return written(path, data)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path) + ".tmp", None,
                      str(path))

    monkeypatch.setattr(output, "write_atomic", full)
    rows = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "c0", "documents": ["The river rose in the night. The town was flooded."]}])
    out = tmp_path / "out"
    code, _, err = run_cli(["batch", str(rows), "--out", str(out), "--method", "lead",
                            "--no-progress"])
    line = error_line(err)
    assert code == 1 and line.startswith(f"summarizer: error: {out / 'part-'}")
    tmp, _, rest = line.removeprefix("summarizer: error: ").partition(" -> ")
    assert tmp.endswith(".parquet.tmp") and rest.startswith(f"{tmp.removesuffix('.tmp')}: ")
    assert rest.endswith(": No space left on device; 0 clusters saved in "
                         f"{out}; run the same command again to resume")


def test_standard_input_opened_for_writing_is_named(tmp_path):
    # "summarizer: error: [Errno 9] Bad file descriptor" named nothing (0>file: standard
    # input open, but write-only)
    import subprocess
    import sys

    (tmp_path / "ref.txt").write_text("The toll rose.\n", encoding="utf-8")
    for args in (["summarize", "-"], ["rouge", "-", str(tmp_path / "ref.txt")]):
        with open(tmp_path / "w", "w") as stdin:
            done = subprocess.run([sys.executable, "-m", "summarizer", *args], stdin=stdin,
                                  capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done
        assert done.stderr == "summarizer: error: <stdin>: Bad file descriptor\n", done.stderr
