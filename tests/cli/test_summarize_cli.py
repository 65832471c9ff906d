"""`summarizer summarize`: outputs, input reports and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.summarizers import accepted_options

REPO = Path(__file__).resolve().parents[2]
SEEDS = str(REPO / "seeds")


def test_text_output_respects_budget():
    code, out, err = run_cli(["summarize", SEEDS, "--method", "lead", "--words", "60"])
    assert code == 0 and err == ""
    assert 0 < len(out.split()) <= 60
    assert out.startswith("At the meeting")
    assert "jha/ga" not in out


def test_default_budget_is_100_words():
    code, out, _ = run_cli(["summarize", SEEDS, "--method", "lead"])
    assert code == 0 and 60 < len(out.split()) <= 100


def test_json_output_has_provenance_and_input_report():
    code, out, _ = run_cli(["summarize", SEEDS, "--method", "lead", "--sentences", "2",
                            "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "lead"
    assert data["budget"] == {"unit": "sentences", "limit": 2, "truncate": False}
    assert len(data["sentences"]) == 2
    first = data["sentences"][0]
    assert first["doc_id"] == "panama_migration_meeting.txt" and first["sentence_index"] == 0
    assert data["input"]["documents"] == 1
    assert data["input"]["files"][0]["encoding"] == "utf-8"
    assert data["input"]["skipped"] == []


def test_markdown_output_lists_sources():
    code, out, _ = run_cli(["summarize", SEEDS, "--method", "lead", "--words", "40",
                            "--format", "markdown"])
    assert code == 0
    assert out.startswith("## Summary")
    assert "[1]" in out and "## Sources" in out
    assert "1. " in out.split("## Sources")[1] and "panama_migration_meeting.txt" in out


def test_truncate_fills_bytes_budget_exactly():
    code, out, _ = run_cli(["summarize", SEEDS, "--method", "lead", "--bytes", "300",
                            "--truncate"])
    assert code == 0
    assert len(out.rstrip("\n").encode("utf-8")) <= 300
    assert len(out.rstrip("\n").encode("utf-8")) >= 290


def test_folder_with_bad_files_reports_them_and_summarises_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text(
        "The storm hit the coast on Monday and left thousands of homes without power. "
        "Officials said repairs would take at least a week in the worst affected towns.")
    (tmp_path / "old.txt").write_bytes(
        "Le caf\u00e9 du port a rouvert ses portes apr\u00e8s la temp\u00eate de lundi.".encode("cp1252"))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 30)
    (tmp_path / "empty.txt").write_text("   ")
    code, out, err = run_cli(["summarize", str(tmp_path), "--method", "lead", "--words", "30"],
                             lines=3)
    assert code == 0 and out.strip()
    assert f"note: {tmp_path / 'old.txt'} is not UTF-8; decoded as cp1252" in err
    assert f"warning: skipped {tmp_path / 'photo.jpg'}: looks like a binary file" in err
    assert f"warning: skipped {tmp_path / 'empty.txt'}: is empty" in err


def test_hidden_files_and_backups_in_a_folder_are_passed_over_unreported(tmp_path):
    # as the README's Inputs list says: neither summarised nor in the input report
    text = ("The storm hit the coast on Monday and left thousands of homes without power. "
            "Officials said repairs would take at least a week in the worst affected towns.")
    (tmp_path / "good.txt").write_text(text)
    (tmp_path / ".draft.txt").write_text("Hidden drafts are never read. " * 5)
    (tmp_path / "~lock.txt").write_text("Lock files are never read. " * 5)
    (tmp_path / "good.txt~").write_text("Editor backups are never read. " * 5)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("Hidden folders are never read. " * 5)
    code, out, err = run_cli(["summarize", str(tmp_path), "--method", "lead", "--words", "40",
                              "--format", "json"])
    assert code == 0 and err == ""
    report = json.loads(out)["input"]
    assert [f["doc_id"] for f in report["files"]] == ["good.txt"]
    assert report["skipped"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["MISSING_PATH"], "no such file or folder"),
        ([SEEDS, "--words", "0"], "words budget must be positive"),
        ([SEEDS, "--words", "-5"], "words budget must be positive"),
        ([SEEDS, "--bytes", "1000000000"], "absurdly large"),
        ([SEEDS, "--sentences", "3", "--truncate"], "truncation needs a words, chars or bytes budget"),
        ([SEEDS, "--method", "nonsense"], "unknown method 'nonsense'"),
        ([SEEDS, "--language", "englsh"], "unknown language 'englsh' (did you mean 'english'?)"),
        ([SEEDS, "--chars", "0"], "chars budget must be positive"),
        ([SEEDS, "--method", "lead", "--model", "x"], "does not take --model"),
        ([SEEDS, "--method", "coverage", "--strategy", "map-reduce", "--device", "cpu"],
         "does not take --strategy, --device"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, args, message):
    args = [str(tmp_path / a) if a == "MISSING_PATH" else a for a in args]
    code, out, err = run_cli(["summarize", *args])
    assert code != 0 and out == ""
    assert message in error_line(err)


def test_empty_and_binary_named_files_are_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    code, _, err = run_cli(["summarize", str(empty)])
    assert code != 0 and "empty.txt: is empty" in error_line(err)
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    code, _, err = run_cli(["summarize", str(binary)])
    assert code != 0 and "data.bin: looks like a binary file" in error_line(err)


def test_model_options_reach_only_methods_that_take_them():
    accepted = accepted_options("abstractive")
    assert accepted is None or {"model", "strategy", "device"} <= accepted
    assert "model" not in (accepted_options("lead") or {"model"})


def test_python_dash_m_entry_point(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", SEEDS, "--method", "lead",
         "--sentences", "1"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("At the meeting, they agreed")
    bad = subprocess.run([sys.executable, "-m", "summarizer", "summarize", SEEDS, "--words", "0"],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_standard_input(tmp_path):
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_bytes()
    out = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", "-", "--method", "lead",
         "--sentences", "1", "--format", "json"],
        input=text, capture_output=True, timeout=300, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["sentences"][0]["doc_id"] == "stdin"
    assert data["input"]["files"] == [{"path": "<stdin>", "encoding": "utf-8", "doc_id": "stdin"}]


def test_empty_summary_is_explained_on_stderr(tmp_path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("This is a rather long sentence that will not fit the tiny budget at all.\n")
    code, out, err = run_cli(["summarize", str(path), "--method", "lead", "--words", "5"])
    assert code == 3 and out == ""
    assert "the summary is empty: no whole sentence fits the budget (words=5; the shortest " \
        "sentence has 15 words); use truncation" in err
    assert "use truncation" in err


@pytest.mark.parametrize("args", [["--words", "1"], ["--words", "3", "--format", "json"]])
def test_empty_summary_exits_non_zero(tmp_path, args) -> None:
    path = tmp_path / "nopunct.txt"  # no sentence punctuation: one sentence of 18 words
    path.write_text("the council met on monday and approved the new budget for schools and roads "
                    "after a long debate")
    code, out, err = run_cli(["summarize", str(path), "--method", "lead", *args])
    assert code == 3
    assert "each document is one sentence: it has no sentence punctuation" in err
    if "json" in args:  # what was computed is still printed
        assert json.loads(out)["sentences"] == []
    # The whole text is still summarisable as one sentence.
    code, out, err = run_cli(["summarize", str(path), "--method", "lead", "--words", "18"])
    assert code == 0 and out.strip().startswith("the council met")


ZH = ("国家统计局周一公布的数据显示，今年第三季度经济增长放缓。专家认为，出口下降是主要原因。"
      "政府表示将推出新的刺激措施，以支持中小企业。多家银行已经下调了贷款利率。"
      "分析人士预计，第四季度的增长可能会有所回升。但是房地产市场仍然面临很大压力。")


@pytest.mark.parametrize("args, most", [(["--words", "40"], 40), (["--chars", "60"], 60),
                                        (["--chars", "45", "--truncate"], 45)])
def test_chinese_budgets_count_characters(tmp_path, args, most) -> None:
    path = tmp_path / "zh.txt"
    path.write_text(ZH, encoding="gb18030")
    code, out, err = run_cli(["summarize", str(path), "--method", "lead", *args])
    assert code == 0, err
    chars = len("".join(out.split()))
    assert 0 < chars <= most < len(ZH)
    if "--truncate" in args:
        assert chars == most
    assert "decoded as gb18030" in err


def test_option_key_value_reaches_the_summariser():
    code, out, _ = run_cli([
        "summarize", SEEDS, "--method", "mmr", "--option", "lam=0.4", "--option", "min-words=3",
        "--option", "representation=tfidf", "--format", "json"])
    assert code == 0
    settings = json.loads(out)["settings"]
    assert (settings["lambda"], settings["min_words"], settings["representation"]) == (0.4, 3, "tfidf")


def test_background_null_turns_the_default_background_off():
    code, out, _ = run_cli(["summarize", SEEDS, "--format", "json"])
    assert code == 0 and json.loads(out)["settings"]["background"] == "idf-stopwords"
    code, out, _ = run_cli(["summarize", SEEDS, "--option", "background=null", "--format",
                            "json"])
    assert code == 0 and "background" not in json.loads(out)["settings"]
    code, out, err = run_cli(["summarize", SEEDS, "--option", "background=none"])
    assert code != 0 and out == "" and "null" in error_line(err)  # JSON's none


@pytest.mark.parametrize("argv", [
    ["--method", "lead", "--option", "nosuch=1"],
    # checked before the model is looked up or loaded: the model name would fail too
    ["--method", "abstractive", "--model", "no/such-model", "--option", "beams=4"],
])
def test_unknown_option_is_one_line_naming_the_accepted_ones(argv):
    code, out, err = run_cli(["summarize", SEEDS, *argv])
    line = error_line(err)
    assert code != 0 and out == ""
    assert "has no option" in line and "its options:" in line
    method = argv[1]
    assert all(name in line for name in sorted(accepted_options(method))[:3])


def test_library_unknown_option_is_a_typed_error_before_any_work():
    import summarizer
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match="'nosuch'.*its options: .*min_words"):
        summarizer.summarize("One sentence here. Another one there.", "lead", nosuch=1)
    # OptionError, not ModelNotFoundError: checked before the model is looked up
    with pytest.raises(OptionError, match="'beams'.*num_beams"):
        get_summarizer("abstractive", model="no/such-model", beams=4)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_escapes_and_bidi_overrides_in_the_text_never_reach_the_terminal(fmt, tmp_path):
    # With --no-clean the summary went out as the file held it: an escape
    # sequence recoloured the terminal, an RLO reversed the rest of the line.
    f = tmp_path / "a.txt"
    f.write_text("The storm hit Dhaka on Monday.\x1b[31m Red text here. Many roads were flooded.\n"
                 "Officials said \u202e the rain would go on for days in the city.\n",
                 encoding="utf-8")
    code, out, _ = run_cli(["summarize", str(f), "--no-clean", "--words", "60", "--format",
                            fmt])
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    red = "\\x1b\\[31m" if fmt == "markdown" else "\\x1b[31m"  # Markdown escapes the "["
    assert f"{red} Red text" in out and "\\u202e the rain" in out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("unbuffered", [False, True])
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["rouge", "--help"]])
def test_help_and_version_to_a_full_disk_are_a_failure_not_exit_0(args, unbuffered):
    # their text was lost and the exit was 0: argparse drops an OSError as it writes them
    # (PYTHONUNBUFFERED), and what sat in stdout's buffer was silenced at the SystemExit
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "summarizer", *args], env=env,
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "summarizer: error: standard output: No space left on device"]
    shown = subprocess.run([sys.executable, "-m", "summarizer", *args], env=env,
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and shown.stdout.startswith(("usage:", "summarizer "))
    assert shown.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [
    ["summarize", "seeds/"],
    ["rouge", "seeds/panama_migration_meeting.txt", "pyproject.toml"],  # not itself: refused
])
def test_output_to_a_full_disk_names_standard_output(args):
    # "summarizer summarize seeds/ > file" on a full disk said "error: [Errno 28] No space
    # left on device" and nothing of where; and without PYTHONUNBUFFERED (which this test
    # inherited, where a user's shell has none) "Exception ignored ... OSError", exit 120:
    # the output stayed in the buffer until the interpreter's exit
    import os

    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "summarizer", *args]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            command, cwd=repo, env=env, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "summarizer: error: standard output: No space left on device"]


def test_the_machines_blas_threads_change_no_digit_of_the_output(tac_dir):
    # OpenBLAS sums in another order with 2 threads: sentence scores moved in the 9th
    # digit, so `summarize` on a multi-core machine disagreed with `batch` and `evaluate`
    # (which hold BLAS to one thread) and with a one-core machine
    import os

    files = sorted(str(p) for p in (tac_dir / "SourceTexts").glob("M000?.english"))
    outs = []
    for threads in ("1", "2"):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "PYTHONPATH": str(REPO)}
        outs.append(subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", *files, "--format", "json"],
            env=env, capture_output=True, text=True, check=True).stdout)
    assert json.loads(outs[0])["sentences"] == json.loads(outs[1])["sentences"]


def test_a_file_name_opening_with_a_space_is_named_as_given(tmp_path, monkeypatch):
    # the error line stripped its message, so ' a.txt' (missing) was named 'a.txt', a file
    # that exists beside it
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The council met on Monday. It approved the budget.\n")
    code, out, err = run_cli(["summarize", " a.txt"])
    assert (code, out) == (2, "") and err == "summarizer: error:  a.txt: no such file or folder\n"
