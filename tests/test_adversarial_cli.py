"""The adversarial audit of issue 8 as a table: every subcommand given what a newcomer or an
attacker would give it.

Each case runs ``summarizer ...`` in a sandbox holding the user's files (a finished run, a
folder of notes, a file a symlink points at, links out of the folder, a FIFO ...) and
asserts the contract of the CLI:

- no traceback, and never the catch-all ``internal error`` (exit 70) that stands for a bug;
- bad input: a non-zero exit and exactly one ``summarizer: error:`` line on stderr
  (argparse's usage errors too, exit 2, pointing at --help);
- nothing in the sandbox outside the case's own output folder created, changed or removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import _Stream, non_utf8_path, run_cli, write_jsonl

from summarizer.cli import main

SEED_TEXT = (Path(__file__).resolve().parents[1] / "seeds" / "panama_migration_meeting.txt")

ERROR, OK, EMPTY, USAGE = "error", "ok", "empty", "usage"


def _cluster(i: int, text: str) -> dict:
    return {"id": f"c{i}", "documents": [text, text[: len(text) // 2]],
            "references": ["They agreed to set up working groups with delegations."]}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's files, and one finished run (made once: cases copy this folder)."""
    root = tmp_path_factory.mktemp("adversarial") / "sb"
    root.mkdir()
    text = SEED_TEXT.read_text(encoding="utf-8")
    (root / "good.txt").write_text(text, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (root / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (root / "zh.txt").write_text("国家统计局周一公布了数据。专家认为出口下降。", encoding="utf-8")
    (root / "sys.txt").write_text("The cat sat on the mat.\n", encoding="utf-8")
    (root / "ref.txt").write_text("A cat was on the mat.\n", encoding="utf-8")
    (root / "punct.txt").write_text("!!! ... --\n", encoding="utf-8")
    (root / "userfile.txt").write_text("precious\n", encoding="utf-8")
    (root / "link_to_user").symlink_to("userfile.txt")
    (root / "userdir").mkdir()
    (root / "userdir" / "report.md").write_text("precious\n", encoding="utf-8")
    (root / "loop").mkdir()
    (root / "loop" / "a.txt").write_text(text, encoding="utf-8")
    (root / "loop" / "self").symlink_to("../loop")
    (root / "loop" / "out").symlink_to(root / "userdir")
    (root / "sysdir").mkdir()
    (root / "sysdir" / "c1.txt").write_text("The cat sat on the mat.\n", encoding="utf-8")
    (root / "refdir").mkdir()
    (root / "refdir" / "c1.A.txt").write_text("A cat was on the mat.\n", encoding="utf-8")
    (root / "emptyrefdir").mkdir()
    (root / "emptyrefdir" / "c1.A.txt").write_text("", encoding="utf-8")
    rows = [_cluster(i, text) for i in range(2)]
    write_jsonl(root / "ds.jsonl", rows)
    write_jsonl(root / "ok.jsonl", rows[:1])
    (root / "array.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    write_jsonl(root / "dup.jsonl", [rows[0]] * 2)
    write_jsonl(root / "baddoc.jsonl", [dict(rows[0], documents=[text, 5])])
    write_jsonl(root / "badlang.jsonl", [dict(rows[0], language=5)])
    # valid JSON, but half a surrogate pair: not text any UTF-8 writer accepts
    write_jsonl(root / "surrogate.jsonl", [dict(rows[0], documents=["A \ud800."])])
    write_jsonl(root / "noref.jsonl", [dict(r, references=[]) for r in rows])
    (root / "ds.csv").write_text("id,document,summary\nc1,The cat sat. It slept.,A cat.\n",
                                 encoding="utf-8")
    (root / "notarun").mkdir()
    (root / "notarun" / "report.json").write_text('{"a": 1}\n', encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code, _, err = run_cli(["evaluate", "ds.jsonl", "--method", "lead", "--out", "runs/ok",
                                "--resamples", "10"], lines=None)
        assert code == 0, err
    finally:
        os.chdir(cwd)
    run = root / "runs"
    shutil.copytree(run / "ok", run / "badline")
    with open(run / "badline" / "results.jsonl", "a", encoding="utf-8") as fh:
        fh.write("[1, 2]\n")
    shutil.copytree(run / "ok", run / "badrunjson")
    (run / "badrunjson" / "run.json").write_text("{broken", encoding="utf-8")
    shutil.copytree(run / "ok", run / "truncreport")
    report = (run / "truncreport" / "report.json").read_bytes()
    (run / "truncreport" / "report.json").write_bytes(report[:100])
    (run / "planted").mkdir()
    (run / "planted" / "run.json.tmp").symlink_to(root / "userfile.txt")
    return root


@pytest.fixture
def sandbox(base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "sb"
    shutil.copytree(base, root, symlinks=True)
    for link in ("loop/out",):  # re-point the absolute link into this copy
        (root / link).unlink()
        (root / link).symlink_to(root / "userdir")
    os.mkfifo(root / "fifo.txt")
    monkeypatch.chdir(root)
    return root


def snapshot(root: Path, skip: Path | None) -> dict[str, tuple]:
    """Every entry under ``root`` (links not followed) with its content, except ``skip``."""
    state: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            if skip is not None and (p == skip or skip in p.parents):
                continue
            rel = str(p.relative_to(root))
            if p.is_symlink():
                state[rel] = ("link", os.readlink(p))
            elif p.is_fifo():
                state[rel] = ("fifo",)
            elif p.is_dir():
                state[rel] = ("dir",)
            else:
                state[rel] = ("file", hashlib.sha256(p.read_bytes()).hexdigest(),
                              p.stat().st_mode)
    return state


# (id, argv, expected, output folder the case may write, text the error must contain)
CASES = [
    # --- summarize: files ------------------------------------------------------------
    ("sum-missing", "summarize missing.txt", ERROR, None, "no such file"),
    ("sum-empty", "summarize empty.txt", ERROR, None, "empty"),
    ("sum-blank", "summarize blank.txt", ERROR, None, ""),
    ("sum-binary", "summarize binary.bin", ERROR, None, "binary"),
    ("sum-fifo", "summarize fifo.txt", ERROR, None, "not a regular file"),
    ("sum-devnull", "summarize /dev/null", ERROR, None, "not a regular file"),
    ("sum-loop-folder", "summarize loop --method lead", OK, None, ""),
    ("sum-array-jsonl", "summarize array.jsonl", ERROR, None, "not an object"),
    ("sum-stdin-twice", "summarize - -", ERROR, None, "can be given once"),
    ("sum-two-clusters", "summarize dup.jsonl", ERROR, None, "2 clusters"),
    ("sum-bad-doc", "summarize baddoc.jsonl", ERROR, None, "documents[1]"),
    ("sum-bad-language-field", "summarize badlang.jsonl", ERROR, None, "language"),
    ("sum-lone-surrogate", "summarize surrogate.jsonl", ERROR, None, "surrogate.jsonl:1"),
    # --- summarize: budgets, options, names -----------------------------------------------
    ("sum-words-0", "summarize good.txt --words 0", ERROR, None, "positive"),
    ("sum-words-neg", "summarize good.txt --words -1", ERROR, None, "positive"),
    ("sum-words-huge", "summarize good.txt --words 1000000000000", ERROR, None, "absurd"),
    ("sum-words-nan", "summarize good.txt --words nan", USAGE, None, "invalid int"),
    ("sum-chars-0", "summarize good.txt --chars 0", ERROR, None, "positive"),
    ("sum-bytes-neg", "summarize good.txt --bytes -5", ERROR, None, "positive"),
    ("sum-sentences-huge", "summarize good.txt --sentences 99999999999999999999999", ERROR,
     None, "absurd"),
    ("sum-words-1", "summarize good.txt --words 1 --method lead", EMPTY, None, "empty"),
    ("sum-zh-words", "summarize zh.txt --words 5 --method lead", EMPTY, None, "empty"),
    ("sum-method", "summarize good.txt --method nosuch", ERROR, None, "unknown method"),
    ("sum-language", "summarize good.txt --language englsh", ERROR, None, "english"),
    ("sum-model-extractive", "summarize good.txt --model x/y", ERROR, None, "abstractive"),
    ("sum-option-unknown", "summarize good.txt --option foo=1", ERROR, None, "its options"),
    ("sum-option-type", "summarize good.txt --method mmr --option lam=abc", ERROR, None,
     "must be a finite number"),
    ("sum-option-nan", "summarize good.txt --method mmr --option lam=NaN", ERROR, None, "lam"),
    ("sum-option-bool", "summarize good.txt --option min_words=true", ERROR, None, "int"),
    ("sum-option-nokey", "summarize good.txt --option =1", ERROR, None, "KEY=VALUE"),
    # json.loads' own limits: a ValueError and a RecursionError, "internal error", exit 70
    ("sum-option-4301-digits", "summarize good.txt --method mmr --option lam=1" + "0" * 4300,
     ERROR, None, "lam"),
    ("sum-option-deep", "summarize good.txt --method mmr --option lam=" + "[" * 20000
     + "]" * 20000, ERROR, None, "lam"),
    ("batch-option-4301-digits", "batch ds.jsonl --out bout --method mmr --option lam=1"
     + "0" * 4300, ERROR, "bout", "lam"),
    ("sum-option-noeq", "summarize good.txt --option lam", ERROR, None, "KEY=VALUE"),
    # an empty value read as "not given": encoder= silently used the default encoder
    ("sum-option-empty", "summarize good.txt --option encoder=", ERROR, None, "empty value"),
    ("eval-option-empty", "evaluate ds.jsonl --method mmr --out runs/new --option "
     "representation=", ERROR, "runs/new", "empty value"),
    ("batch-option-empty", "batch ds.jsonl --out bout --option encoder=", ERROR, "bout",
     "empty value"),
    ("sum-option-abstractive-type", "summarize good.txt --method abstractive "
     "--option num_beams=many", ERROR, None, "num_beams"),
    ("sum-strategy", "summarize good.txt --method abstractive --strategy nosuch", ERROR, None,
     "strategy"),
    # --- rouge -------------------------------------------------------------------------
    ("rouge-missing", "rouge sys.txt missing.txt", ERROR, None, "no such file"),
    ("rouge-empty-ref", "rouge sys.txt empty.txt", ERROR, None, "reference summary is empty"),
    ("rouge-blank-ref", "rouge sys.txt blank.txt", ERROR, None, "reference summary is empty"),
    ("rouge-punct-ref", "rouge sys.txt punct.txt", ERROR, None, "only punctuation"),
    ("rouge-punct-ref-lines", "rouge sys.txt punct.txt --lines", ERROR, None,
     "punct.txt:1: the reference summary is only punctuation"),
    ("rouge-empty-ref-dir", "rouge sysdir emptyrefdir", ERROR, None, "empty"),
    ("rouge-empty-system", "rouge empty.txt ref.txt", OK, None, ""),
    ("rouge-binary", "rouge binary.bin ref.txt", ERROR, None, "binary"),
    ("rouge-fifo", "rouge fifo.txt ref.txt", ERROR, None, "not a regular file"),
    ("rouge-resamples-huge", "rouge sys.txt ref.txt -r 100000000", ERROR, None, "absurd"),
    ("rouge-resamples-neg", "rouge sys.txt ref.txt -r -1", ERROR, None, "at least 1"),
    ("rouge-n-huge", "rouge sys.txt ref.txt -n 100000", ERROR, None, "range"),
    ("rouge-confidence", "rouge sys.txt ref.txt -c 150", ERROR, None, "percentage"),
    ("rouge-alpha-nan", "rouge sys.txt ref.txt -p nan", ERROR, None, "alpha"),
    ("rouge-w-0", "rouge sys.txt ref.txt -w 0", ERROR, None, "ROUGE-W"),
    ("rouge-l-neg", "rouge sys.txt ref.txt -l -1", ERROR, None, "positive"),
    ("rouge-encoding", "rouge sys.txt ref.txt --encoding nosuch", ERROR, None, "encoding"),
    ("rouge-flag-3", "rouge sys.txt ref.txt -3", ERROR, None, "not supported"),
    ("rouge-flag-U", "rouge sys.txt ref.txt -U", ERROR, None, "not supported"),
    ("rouge-flag-t1", "rouge sys.txt ref.txt -t 1", ERROR, None, "not supported"),
    ("rouge-metric", "rouge sys.txt ref.txt --metrics ROUGE-1,XYZ", ERROR, None, "XYZ"),
    ("rouge-seed", "rouge sys.txt ref.txt --bootstrap-seed -1", ERROR, None, "seed"),
    ("rouge-data-dir", "rouge sys.txt ref.txt -e /nonexistent -m", ERROR, None, "not found"),
    ("rouge-compare-seed", "rouge sys.txt ref.txt --compare sys.txt --significance-seed -5",
     ERROR, None, "significance_seed"),
    ("rouge-eval-order", "rouge sys.txt ref.txt --eval-order nosuch", ERROR, None, "eval_order"),
    # --- evaluate ------------------------------------------------------------------------
    ("eval-missing", "evaluate missing.jsonl --method lead --out runs/new", ERROR, "runs/new",
     "not found"),
    ("eval-out-userdir", "evaluate ds.jsonl --method lead --out userdir", ERROR, None,
     "already holds"),
    ("eval-out-userfile", "evaluate ds.jsonl --method lead --out userfile.txt", ERROR, None,
     "not a folder"),
    ("eval-out-symlink", "evaluate ds.jsonl --method lead --out link_to_user", ERROR, None,
     "not a folder"),
    ("eval-out-input", "evaluate ds.jsonl --method lead --out ds.jsonl", ERROR, None,
     "not a folder"),
    ("eval-out-cwd", "evaluate ds.jsonl --method lead --out .", ERROR, None, "already holds"),
    ("eval-out-planted", "evaluate ds.jsonl --method lead --out runs/planted", ERROR, None,
     "already holds"),
    ("eval-resamples", "evaluate ds.jsonl --method lead --out runs/new -r 100000000", ERROR,
     "runs/new", "absurd"),
    ("eval-budget", "evaluate ds.jsonl --method lead --out runs/new --budget 10x", ERROR,
     "runs/new", "budget"),
    ("eval-limit", "evaluate ds.jsonl --method lead --out runs/new --limit 0", ERROR,
     "runs/new", "positive"),
    ("eval-seed", "evaluate ds.jsonl --method lead --out runs/new --seed -1", ERROR,
     "runs/new", "seed"),
    ("eval-language", "evaluate ds.jsonl --method lead --out runs/new --language klingon",
     ERROR, "runs/new", "unknown language"),
    ("eval-option-type", "evaluate ds.jsonl --method mmr --out runs/new --option lam=abc",
     ERROR, "runs/new", "must be a finite number"),
    ("eval-dup-ids", "evaluate dup.jsonl --method lead --out runs/new", ERROR, "runs/new",
     "not unique"),
    ("eval-no-refs", "evaluate noref.jsonl --method lead --out runs/new", ERROR, "runs/new",
     "reference"),
    ("eval-bad-doc", "evaluate baddoc.jsonl --method lead --out runs/new", ERROR, "runs/new",
     "documents[1]"),
    ("eval-other-settings", "evaluate ds.jsonl --method lead --out runs/ok --resamples 10 "
     "--words 50", ERROR, None, "different settings"),
    ("eval-resume-done", "evaluate ds.jsonl --method lead --out runs/ok --resamples 10", OK,
     "runs/ok", ""),
    ("eval-corrupt-line", "evaluate ds.jsonl --method lead --out runs/badline --resamples 10",
     ERROR, None, "line 3"),
    ("eval-corrupt-run-json", "evaluate ds.jsonl --method lead --out runs/badrunjson "
     "--resamples 10", ERROR, None, "run.json"),
    ("eval-summaries-missing", "evaluate ds.jsonl --summaries missingdir --out runs/new",
     ERROR, "runs/new", "missingdir"),
    ("eval-lone-surrogate", "evaluate surrogate.jsonl --method lead --out runs/new", ERROR,
     "runs/new", "surrogate pair"),
    # --- compare -------------------------------------------------------------------------
    ("cmp-one", "compare runs/ok --no-plot --out cmp", ERROR, "cmp", "two run folders"),
    ("cmp-foreign", "compare runs/ok notarun --no-plot --out cmp", ERROR, "cmp", "report"),
    ("cmp-truncated", "compare runs/ok runs/truncreport --no-plot --out cmp", ERROR, "cmp",
     "report.json"),
    ("cmp-missing", "compare runs/ok missingdir --no-plot --out cmp", ERROR, "cmp",
     "report.json"),
    ("cmp-out-userdir", "compare runs/ok runs/ok --no-plot --out userdir", ERROR, None,
     "already holds"),
    ("cmp-out-userfile", "compare runs/ok runs/ok --no-plot --out userfile.txt", ERROR, None,
     "not a folder"),
    ("cmp-out-run", "compare runs/ok runs/ok --no-plot --out runs/ok", ERROR, None,
     "already holds"),
    ("cmp-resamples", "compare runs/ok runs/ok --no-plot --out cmp --resamples 0", ERROR,
     "cmp", "resamples"),
    ("cmp-trials", "compare runs/ok runs/ok --no-plot --out cmp --trials 99999999999", ERROR,
     "cmp", "trials"),
    ("cmp-seed", "compare runs/ok runs/ok --no-plot --out cmp --significance-seed -3", ERROR,
     "cmp", "significance_seed"),
    ("cmp-metric", "compare runs/ok runs/ok --no-plot --out cmp --metric ROUGE-9", ERROR,
     "cmp", "ROUGE-9"),
    ("cmp-ok", "compare runs/ok runs/ok --no-plot --out cmp", OK, "cmp", ""),
    # --- batch -----------------------------------------------------------------------------
    ("batch-out-userdir", "batch ds.jsonl --out userdir", ERROR, None, "already holds"),
    ("batch-out-userfile", "batch ds.jsonl --out userfile.txt", ERROR, None, "not a folder"),
    ("batch-out-input", "batch ds.jsonl --out ds.jsonl", ERROR, None, "not a folder"),
    ("batch-out-run", "batch ds.jsonl --out runs/ok", ERROR, None, "already holds"),
    # a CSV file is read as hf:PATH (what the hub's offline error advises): say so
    ("batch-csv", "batch ds.csv --out bout", ERROR, "bout", "hf:ds.csv reads it"),
    ("eval-csv", "evaluate ds.csv --method lead --out runs/new", ERROR, "runs/new",
     "hf:ds.csv reads it"),
    # an OSError said "[Errno 20] Not a directory: 'userfile.txt/sub'", then errno's words
    # (exit 1); now the file in the way, before any work (compare ran its tests first)
    ("batch-out-under-file", "batch ds.jsonl --out userfile.txt/sub", ERROR, None,
     "error: userfile.txt is not a folder, so userfile.txt/sub cannot be made"),
    ("eval-out-under-file", "evaluate ds.jsonl --method lead --out userfile.txt/sub", ERROR,
     None, "error: userfile.txt is not a folder, so userfile.txt/sub cannot be made"),
    ("cmp-out-under-file", "compare runs/ok runs/ok --no-plot --out userfile.txt/sub", ERROR,
     None, "error: userfile.txt is not a folder, so userfile.txt/sub cannot be made"),
    ("batch-out-inside-input", "batch sysdir --out sysdir/out", ERROR, None, "inside the input"),
    ("batch-missing", "batch missing.jsonl --out bout", ERROR, "bout", "no such file"),
    ("batch-empty", "batch empty.txt --out bout", ERROR, "bout", ""),
    ("batch-batch-size", "batch ds.jsonl --out bout --batch-size 0", ERROR, "bout", "positive"),
    ("batch-workers", "batch ds.jsonl --out bout --num-workers 0", ERROR, "bout", "must be 1..10,000"),
    ("batch-option-type", "batch ds.jsonl --out bout --method mmr --option lam=abc", ERROR,
     "bout", "must be a finite number"),
    ("batch-language", "batch ds.jsonl --out bout --language xx", ERROR, "bout",
     "unknown language"),
    # --- the program --------------------------------------------------------------------
    ("prog-none", "", USAGE, None, "required"),
    ("prog-unknown", "nosuchcommand", USAGE, None, "invalid choice"),
    ("eval-budget-dash", "evaluate ds.jsonl --method lead --out runs/new --budget -5w", USAGE,
     None, "--budget"),
    ("sum-format", "summarize good.txt --format xml", USAGE, None, "invalid choice"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_adversarial_case(case, sandbox: Path) -> None:
    name, argv, expected, out, must_say = case
    skip = sandbox / out if out else None
    before = snapshot(sandbox, skip)
    rc, _, err = run_cli(argv.split(), lines=None)
    lines = [line for line in err.splitlines() if line.startswith("summarizer")]
    if expected == OK:
        assert rc == 0, err
    elif expected == EMPTY:
        assert rc == 3, err
    elif expected == USAGE:  # argparse's errors, on one line too
        assert rc == 2 and err.count("\n") == 1 and "--help" in err, err
    else:
        errors = [line for line in lines if line.startswith("summarizer: error:")]
        assert rc not in (0, 70) and len(errors) == 1, err
    if must_say:
        assert must_say.lower() in err.lower(), err
    assert snapshot(sandbox, skip) == before, f"{name} touched files outside its output"


@pytest.mark.parametrize("argv", ["batch fifo.jsonl --out bout --method lead",
                                  "evaluate fifo.jsonl --method lead --out bout"])
def test_a_fifo_given_as_the_input_file_is_refused_not_waited_on(tmp_path: Path, argv) -> None:
    """A named pipe named as the input: batch opened it to sniff its first bytes and waited
    for a writer for ever (Ctrl-C the only way out); evaluate called it "not a known data
    set layout (TAC 2011 ...; DUC ...)". In a subprocess: the old code hangs."""
    os.mkfifo(tmp_path / "fifo.jsonl")
    out = subprocess.run([sys.executable, "-m", "summarizer", *argv.split(), "--no-progress"],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert "fifo.jsonl: is a named pipe (FIFO), not a regular file" in out.stderr, out.stderr
    assert not (tmp_path / "bout").exists()


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_no_progress_hides_every_bar(tmp_path: Path, monkeypatch, command) -> None:
    """--no-progress hid the job's bar only: a large cluster still drew the summariser's own
    ("tokenizing: 59%|...") and a Parquet file read as hf:PATH the data set library's
    ("Generating train split: ..."), hundreds of lines in a log."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import summarizer.progress

    text = " ".join(f"Crews cleared road {i} on Monday." for i in range(6000))
    pq.write_table(pa.table({"id": ["big"], "document": [text],
                             "summary": ["Crews cleared the roads."]}), tmp_path / "d.parquet")
    argv = [command, f"hf:{tmp_path / 'd.parquet'}", "--split", "train", "--method", "lead",
            "--out", str(tmp_path / "out"), "--no-progress"]
    # A fresh process: the data set library's bar (and its warnings) as a user sees them.
    out = subprocess.run([sys.executable, "-m", "summarizer", *argv], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "%|" not in out.stderr and "Generating" not in out.stderr, out.stderr
    assert "warning" not in out.stderr, out.stderr  # not "Cannot enable progress bars"
    # In this process, with every stage's bar shown at once on a terminal: the summariser's.
    monkeypatch.setattr(summarizer.progress, "SHOW_AFTER_S", 0.0)
    monkeypatch.setattr(_Stream, "isatty", lambda self: True)
    monkeypatch.setenv("SUMMARIZER_PROGRESS", "1")  # put back after the test
    code, _, err = run_cli(argv[:-3] + ["--out", str(tmp_path / "out2"), "--no-progress"],
                           lines=None)
    assert code == 0 and "%|" not in err and "tokenizing" not in err, err
    _, _, err = run_cli(argv[:-3] + ["--out", str(tmp_path / "out3")], lines=None)
    assert "tokenizing" in err  # the bars are there without it


def test_internal_errors_are_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """A bug (an exception no check names) is one line and exit 70, not a traceback; with
    SUMMARIZER_DEBUG set the traceback is raised for the developer."""
    import summarizer.cli.rouge as rouge_cli

    def broken(args):
        raise ZeroDivisionError("boom\nsecond line")

    monkeypatch.setattr(rouge_cli, "run", broken)
    monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    assert main(["rouge", "a", "b"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "boom second line" in err
    monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["rouge", "a", "b"])


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """`summarizer ... | head`: stdout's reader closes early. That printed "summarizer: error:
    [Errno 32] Broken pipe" and exited 1, a failure where none happened (whenever the output
    outgrew the pipe's buffer); now it ends quietly, as a process killed by SIGPIPE (141)."""
    read, write = os.pipe()
    os.close(read)  # a reader already gone: the first write fails
    try:
        out = subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", str(SEED_TEXT), "--method",
             "lead", "--format", "json"],
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=300, cwd=tmp_path)
    finally:
        os.close(write)
    assert (out.returncode, out.stderr) == (141, "")


def test_a_summary_the_output_encoding_cannot_hold_is_still_printed(tmp_path, monkeypatch):
    """A Chinese summary printed to a file on Windows (stdout in cp1252 there until Python
    3.15) or with PYTHONIOENCODING=ascii: the work was done, then lost to "'charmap' codec
    can't encode ...", exit 1."""
    import io

    text = "国家统计局周一公布了数据。专家认为出口下降。"
    (tmp_path / "zh.txt").write_text(text, encoding="utf-8")
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    redirected = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")  # a file, not a console
    monkeypatch.setattr(sys, "stdout", redirected)
    assert main(["summarize", str(tmp_path / "zh.txt")]) == 0
    redirected.flush()
    assert redirected.buffer.getvalue().decode("utf-8").strip() == text
    chosen = subprocess.run(  # an encoding the user chose is kept; what it lacks is escaped
        [sys.executable, "-m", "summarizer", "summarize", str(tmp_path / "zh.txt")],
        capture_output=True, timeout=300, env=dict(os.environ, PYTHONIOENCODING="cp1252"))
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.decode("ascii").startswith("\\u56fd\\u5bb6")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_json_an_encoding_cannot_hold_is_still_json(tmp_path, encoding):
    # Python's backslashreplace wrote \U0001f600 and \xe9, neither a JSON escape: --format
    # json under PYTHONIOENCODING=ascii (or latin-1, a console's code page) was invalid
    text = ("The minister said the flood \U0001f600 damaged three hundred homes in the "
            "northern caf\u00e9 region on Monday, officials \u56fd said.")
    (tmp_path / "a.txt").write_text(text + " Rescue teams worked through the night.\n",
                                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(tmp_path / "a.txt"),
                          "--format", "json"], capture_output=True, timeout=300,
                         env=dict(os.environ, PYTHONIOENCODING=encoding))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.decode(encoding))["text"].startswith(text)


def test_written_files_have_the_users_permissions(sandbox: Path) -> None:
    """Reports are written through mkstemp, but with the mode ``open()`` gives (umask), not
    mkstemp's private 0o600."""
    mask = os.umask(0)
    os.umask(mask)
    for name in ("run.json", "report.json", "report.md"):
        assert (sandbox / "runs" / "ok" / name).stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02binary\xff" * 100])
def test_stdin_empty_or_binary(data: bytes, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "summarizer", "summarize", "-"], input=data,
                          capture_output=True, cwd=tmp_path, env=env, timeout=300)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("summarizer: error: <stdin>")


def test_endless_stdin_is_refused_not_read_into_memory(monkeypatch) -> None:
    # `yes | summarizer summarize -` read standard input whole: memory without bound
    import types

    from summarizer.textio import read

    class Endless:  # what a buffered pipe from `yes` gives: as many bytes as asked for
        def read(self, n: int = -1) -> bytes:
            assert n >= 0, "asked for everything"
            return (b"word " * (n // 5 + 1))[:n]

    monkeypatch.setattr(read, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=Endless()))
    code, _, err = run_cli(["summarize", "-"])
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith("summarizer: error: <stdin>: is over"), err


def test_bad_device_is_refused_before_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.errors import ResourceError
    from summarizer.runtime import pick_device

    with pytest.raises(ResourceError, match="unknown device"):
        pick_device("tpu")
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        with pytest.raises(ResourceError, match="no CUDA"):
            pick_device("cuda")
    assert pick_device("cpu") == "cpu"


BAD_OPTIONS = [
    ("mmr", {"lam": "abc"}), ("mmr", {"lam": float("nan")}), ("lexrank", {"damping": 5}),
    ("lexrank", {"damping": -1}), ("textrank", {"damping": float("inf")}),
    ("lexrank", {"threshold": float("nan")}), ("centroid", {"position_weight": float("inf")}),
    ("coverage", {"length_power": 1e308}), ("coverage", {"dup_semantic": -3}),
    # finite but overflowing the scores to inf (another summary, Infinity in the JSON)
    ("coverage", {"semantic_weight": 1e308}), ("coverage", {"concept_weight": 1e7}),
    ("coverage", {"diversity_weight": -1}), ("ilp", {"lead_weight": 1e300}),
    ("coverage", {"min_words": True}), ("coverage", {"max_candidates": 0}),
    ("ilp", {"time_limit": -1}), ("lead", {"mode": 5}), ("abstractive", {"num_beams": "x"}),
    # refused by transformers only inside generate(), after the model loaded: exit 70
    ("abstractive", {"temperature": 0, "do_sample": True}),
    ("abstractive", {"temperature": -1, "do_sample": True}),
    # float32 logits divided by it: inf or NaN probabilities, a RuntimeError in beam sampling
    ("abstractive", {"temperature": 1e39, "do_sample": True}),
    ("abstractive", {"temperature": 1e-40, "do_sample": True}),
    ("occams", {"lsa_rank": 10**20}), ("coverage", {"lsa_rank": 2**63}),
    ("centroid", {"position_weight": -1.0}), ("centroid", {"position_weight": 1e308}),
    ("abstractive", {"top_p": -1, "do_sample": True}), ("abstractive", {"top_p": 2}),
    ("abstractive", {"top_k": -1, "do_sample": True}),
    ("abstractive", {"min_new_tokens": -1}), ("abstractive", {"no_repeat_ngram_size": -1}),
    ("abstractive", {"seed": -1}), ("abstractive", {"seed": 2**32}),
    # the extractor of extract-then-abstract: 'abstractive' recursed into a 6,577-word
    # budget error, an unknown name failed only once a cluster was summarised
    ("abstractive", {"strategy": "extract-then-abstract", "extractor": "abstractive"}),
    ("abstractive", {"extractor": "nosuch"}),
]


@pytest.mark.parametrize(("method", "options"), BAD_OPTIONS, ids=lambda v: str(v))
def test_absurd_option_values_are_typed_errors(method, options) -> None:
    """Values a summariser cannot work with are refused when it is built, never turned into
    a summary from a diverging walk or overflowing scores."""
    from summarizer.errors import SummarizerError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(SummarizerError):
        get_summarizer(method, **options)


def test_deep_folder_is_walked_without_recursion(tmp_path: Path) -> None:
    """A folder nested deeper than Python's recursion limit is walked like any other."""
    from summarizer.textio import walk_files

    deep = tmp_path / "deep"
    deep.mkdir()
    here = deep
    for _ in range(sys.getrecursionlimit() + 100):
        here = here / "a"
        here.mkdir()
    (here / "x.txt").write_text("One sentence here.", encoding="utf-8")
    (here / "loop").symlink_to(deep)
    try:
        files, skipped = walk_files(deep)
        assert files == [here / "x.txt"]
        assert [s["path"] for s in skipped] == [str(here / "loop")]
    finally:  # removed bottom-up: shutil.rmtree recurses too (tmp_path clean-up would fail)
        (here / "x.txt").unlink()
        (here / "loop").unlink()
        while here != tmp_path:
            here.rmdir()
            here = here.parent


def test_control_characters_in_names_are_escaped(tmp_path, monkeypatch) -> None:
    """A file name holding a terminal escape or a line break is shown escaped, on one line."""
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "a\nb.txt").write_text(SEED_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "\x1b[31mred.txt").write_bytes(bytes(range(256)) * 4)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(["summarize", "odd", "--method", "lead", "--words", "40"],
                           lines=None)
    assert code == 0 and "\x1b" not in err and "\\x1b[31mred.txt" in err
    code, _, err = run_cli(["summarize", "odd/gone\nname.txt"])
    assert code == 2 and err.count("\n") == 1 and "gone name.txt" in err


BAD_ROUGE = [{"resamples": "10"}, {"resamples": 10.5}, {"stem": "no"}, {"alpha": "x"},
             {"length_words": float("nan")}, {"metrics": [5]}, {"confidence": float("inf")}]


@pytest.mark.parametrize("keywords", BAD_ROUGE, ids=lambda v: str(v))
def test_rouge_keywords_of_the_wrong_type_are_typed_errors(keywords) -> None:
    """``stem="no"`` must not turn stemming on by being truthy; a string count is no
    TypeError from deep inside."""
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import rouge

    with pytest.raises(RougeOptionError):
        rouge(["the cat sat"], ["a cat sat"], **keywords)


@pytest.mark.parametrize("data", [
    b"\xff\xfe\xfa\x00\x80abc\x00\x00",                       # a BOM, then NULs
    b"\xff\xfe" + bytes([0x01, 0x00, 0x02, 0x00, 0x03, 0xe0]) * 50,  # controls, private use
])
def test_binary_behind_a_byte_order_mark_is_refused(data: bytes) -> None:
    """Bytes that decode under a UTF-16 mark into control or unassigned characters are
    binary, not a document of mojibake."""
    from summarizer.errors import InputError
    from summarizer.textio import decode_bytes

    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "x.txt")
    text = "国家统计局周一公布了数据。Hello, world.\n" * 20
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le")).text == text


def test_unusable_model_folders_and_files_are_typed_errors(tmp_path: Path) -> None:
    """A folder whose config names an unknown architecture, a .gguf file that is not GGUF,
    an empty name: one ModelNotFoundError each, not transformers' ValueError."""
    pytest.importorskip("transformers")
    from summarizer.errors import ModelNotFoundError
    from summarizer.summarizers.abstractive.loading import load_model, resolve

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "nosuchtype"}', encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="cannot load model"):
        load_model(str(folder), device="cpu")
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"not gguf at all" * 10)
    with pytest.raises(ModelNotFoundError, match="GGUF"):
        resolve(str(fake))
    with pytest.raises(ModelNotFoundError, match="no model named"):
        resolve("  ")


def test_batch_of_an_empty_parquet_file_is_an_error(tmp_path, monkeypatch) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"documents": pa.array([], pa.list_(pa.string()))}),
                   tmp_path / "zero.parquet")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(["batch", "zero.parquet", "--out", "out", "--no-progress"])
    assert code == 2 and "holds no rows" in err


def test_jsonl_field_type_messages_name_integers(tmp_path) -> None:
    from summarizer.errors import InputError
    from summarizer.textio import field

    with pytest.raises(InputError, match=r"must be a string or an integer, not a number \(1.5\)"):
        field({"id": 1.5}, "id", (str, int), "x:1")


@pytest.mark.parametrize("build", [
    lambda: __import__("summarizer.documents", fromlist=["Document"]).Document(None),
    lambda: __import__("summarizer.documents", fromlist=["Document"]).Document(b"bytes"),
    lambda: __import__("summarizer.documents", fromlist=["Document"]).Document("t", date=5),
    lambda: __import__("summarizer.documents", fromlist=["Cluster"]).Cluster(["a text"]),
    lambda: __import__("summarizer.documents", fromlist=["Cluster"]).Cluster(None),
], ids=["doc-none", "doc-bytes", "doc-date-int", "cluster-of-str", "cluster-none"])
def test_data_model_refuses_what_is_not_text(build) -> None:
    """A Document of bytes or None would be summarised as its str(); refused when built."""
    from summarizer.errors import InputError

    with pytest.raises(InputError):
        build()


@pytest.mark.parametrize("text", ["The mayor spoke. A bad \udcff byte.", "Half a pair \ud800."])
def test_lone_surrogates_are_refused_when_a_document_is_built(text: str) -> None:
    """Text read with errors="surrogateescape" keeps undecodable bytes as lone surrogates:
    summarize() failed with a UnicodeEncodeError inside the sentence encoder."""
    import summarizer
    from summarizer.documents import Document
    from summarizer.errors import InputError

    with pytest.raises(InputError, match=r"text holds \\ud[8c]..? at character \d+"):
        Document(text, id="a")
    with pytest.raises(InputError, match="surrogateescape"):
        summarizer.summarize(["The mayor spoke on Monday about the flood barrier.", text],
                             words=20)
    assert Document("Caf\u00e9 \U0001f600 ok.").text  # real non-ASCII text is fine


def test_summarizer_summarize_checks_its_arguments() -> None:
    from summarizer.documents import Cluster, Document
    from summarizer.errors import InputError
    from summarizer.summarizers import Budget, get_summarizer

    lead = get_summarizer("lead")
    cluster = Cluster([Document("One sentence is here now. Another sentence is here too.")])
    for args in (("a string", Budget(words=10)), (cluster, 10), (cluster, None)):
        with pytest.raises(InputError, match="summarize\\(\\) takes"):
            lead.summarize(*args)


def test_thai_sentences_are_candidates_by_their_length_in_characters() -> None:
    """Thai feature tokens break at combining vowels, so counting them for ``min_words`` left
    only the longest sentence: a 25-character budget then had nothing that fits."""
    import summarizer

    text = ("ประเทศไทยมีประชากรมาก รัฐบาลประกาศนโยบายใหม่ "
            "นักเศรษฐศาสตร์คาดการณ์การเติบโต")
    summary = summarizer.summarize([text], "lead", chars=25, language="th")
    assert str(summary) == "ประเทศไทยมีประชากรมาก"


def test_a_warning_is_one_cli_line(monkeypatch):
    import warnings

    import summarizer.cli.summarize as summarize_cli

    def run(args):
        warnings.warn("cannot keep the static vectors in /x (Not a directory)", stacklevel=2)
        return 0

    monkeypatch.setattr(summarize_cli, "run", run)
    code, _, err = run_cli(["summarize", "seeds/"])
    assert code == 0
    assert err == "summarizer: warning: cannot keep the static vectors in /x (Not a directory)\n"


def _value_options() -> list[tuple[str, str]]:
    """(subcommand, option) for every option of every subcommand that takes a value."""
    import argparse

    from summarizer.cli import SUBCOMMANDS, build_parser

    found = []
    for command in SUBCOMMANDS:
        sub = next(a for a in build_parser(command)._actions
                   if isinstance(a, argparse._SubParsersAction)).choices[command]
        for action in sub._actions:
            if action.option_strings and action.nargs != 0:
                found.append((command, action.option_strings[-1]))
    return found


@pytest.mark.parametrize("command, option", _value_options())
def test_an_empty_option_value_is_refused_not_read_as_absent(command, option, tmp_path,
                                                             monkeypatch, capsys) -> None:
    # `--summaries "$DIR"` with DIR unset scored the default summariser instead of the
    # user's summaries (and --budget "" gave 100 words): an empty value is a usage error
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main([command, "x.jsonl", option, ""])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1, err
    assert option in err and "empty value" in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["summarize", ""], ["rouge", "", "ref.txt"],
                                  ["evaluate", ""], ["batch", "", "--out", "o"]])
def test_an_empty_path_is_a_usage_error(argv, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and "empty value" in err, err


@pytest.mark.parametrize("system_id", ["a b", "a\nb", "ID9\t"])
def test_perl_format_system_id_is_one_word(system_id, sandbox) -> None:
    # the Perl's lines are split on spaces by the scripts that read them: "a\nb" made a
    # line of its own; refused before any scoring
    code, out, err = run_cli(["rouge", "sys.txt", "ref.txt", "--format", "perl", "--system-id",
                              system_id])
    assert code == 2 and out == "" and err.count("\n") == 1 and "one word" in err, err


def test_json_under_an_ascii_locale_escapes_a_names_bytes(tmp_path):
    # LC_ALL=C: the file system's encoding is ASCII, so "café" is held as 'caf\udcc3\udca9';
    # stdout made UTF-8 with a strict handler failed the JSON after the work (exit 1, empty)
    folder = tmp_path / "in"
    folder.mkdir()
    name = non_utf8_path(folder, "café.txt".encode())
    name.write_text("Le président a visité Genève lundi. Il a rencontré les maires.\n",
                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG")}
    run = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(folder),
                          "--words", "15", "--format", "json"], capture_output=True,
                         timeout=300, env=dict(env, LC_ALL="C", PYTHONUTF8="0"))
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout.decode("utf-8"))
    assert "\\udcc3\\udca9" in run.stdout.decode("utf-8") and summary["text"].startswith("Le")


def test_a_ctrl_c_while_the_cli_imports_is_one_line(monkeypatch, capsys):
    # the console script and python -m import the CLI first: a Ctrl-C in that fraction of a
    # second was a KeyboardInterrupt traceback
    from summarizer.__main__ import run

    class Interrupting:
        def find_spec(self, name, path=None, target=None):
            if name == "summarizer.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "summarizer.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    assert run() == 130
    assert capsys.readouterr().err == "summarizer: interrupted\n"
