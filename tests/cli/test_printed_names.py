"""A name the user gave (an output folder, a system's folder, an argument) printed by a
command: on one line, its terminal codes shown escaped, a long one shortened by
errors.value_repr's rule. Each printed it as it was: a folder named with a line break
took two lines, one holding ESC ] ... BEL set the terminal's title."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli, write_jsonl

from summarizer.errors import one_line, shortened

STORY = "The storm hit the coast on Monday. Thousands of homes lost power overnight."
ODD = ["a\nb", "a\x1b]0;pwned\x07b"]


def _data(tmp_path):
    return write_jsonl(tmp_path / "data.jsonl", [
        {"id": f"c{k}", "documents": [f"Story {k}. {STORY}"], "summary": "A storm cut power."}
        for k in range(2)])


def _clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text


@pytest.mark.parametrize("name", ODD)
def test_batch_names_its_output_folder_on_one_line(tmp_path, name):
    out = tmp_path / name
    code, stdout, err = run_cli(["batch", str(_data(tmp_path)), "--out", str(out),
                                 "--method", "lead", "--no-progress"])
    assert code == 0, err
    _clean(stdout)
    assert stdout.count("\n") == 1 and stdout.rstrip().endswith(f"-> {one_line(str(out))}/")


@pytest.mark.parametrize("name", ODD)
def test_evaluate_and_compare_name_their_folders_on_one_line(tmp_path, name):
    data = _data(tmp_path)
    runs = []
    for method in ("lead", "centroid"):
        out = tmp_path / f"{method}{name}"
        code, stdout, err = run_cli(["evaluate", str(data), "--method", method, "--out",
                                     str(out), "--no-progress"], lines=None)
        assert code == 0, err
        _clean(stdout)
        last = stdout.rstrip("\n").splitlines()[-1]
        assert last == f"results in {one_line(str(out))}/ (results.jsonl, report.md, report.json)"
        runs.append(str(out))
    cmp = tmp_path / f"cmp{name}"
    code, stdout, err = run_cli(["compare", *runs, "--out", str(cmp), "--no-plot"], lines=None)
    assert code == 0, err
    _clean(err)
    wrote = [line for line in err.splitlines() if "wrote" in line]
    assert wrote == [f"summarizer: wrote {one_line(str(cmp / 'comparison.json'))}, "
                     f"{one_line(str(cmp / 'comparison.md'))}"]


def test_a_long_output_folder_is_shortened_as_every_path_is(tmp_path):
    out = tmp_path / ("x" * 100) / ("y" * 100)
    code, stdout, err = run_cli(["batch", str(_data(tmp_path)), "--out", str(out),
                                 "--method", "lead", "--no-progress"])
    assert code == 0, err
    assert stdout.rstrip().endswith(f"-> {shortened(str(out))}/")
    assert f"({len(str(out)):,} characters)" in stdout and str(out) not in stdout


def test_an_interrupted_run_names_its_folder_on_one_line(tmp_path, monkeypatch):
    from summarizer.evaluation import run

    computed = run.compute_cluster

    def once(*args, **kwargs):  # the second cluster is interrupted
        if args[1] == 1:
            raise KeyboardInterrupt
        return computed(*args, **kwargs)

    monkeypatch.setattr(run, "compute_cluster", once)
    out = tmp_path / ODD[1]
    code, _, err = run_cli(["evaluate", str(_data(tmp_path)), "--method", "lead", "--out",
                            str(out), "--no-progress"])
    assert code == 130
    _clean(err)
    assert f"1 of 2 clusters saved in {one_line(str(out))}; run the same" in err


@pytest.mark.parametrize("name", ODD)
def test_rouge_compare_names_both_systems_on_one_line(tmp_path, name):
    systems = []
    for side, text in (("a", "The storm hit the coast."), ("b", "Power was lost.")):
        folder = tmp_path / f"{side}{name}"
        folder.mkdir()
        (folder / "d1.txt").write_text(text + "\n", encoding="utf-8")
        systems.append(folder)
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "d1.txt").write_text("The storm hit the coast on Monday.\n", encoding="utf-8")
    code, stdout, err = run_cli(["rouge", str(systems[0]), "--compare", str(systems[1]),
                                 str(refs)], lines=None)
    assert code == 0, err
    _clean(stdout)
    assert (f"B = {one_line(str(systems[1]))} against A = {one_line(str(systems[0]))}"
            in stdout)


def test_a_usage_error_shows_a_terminal_code_escaped():
    # argparse's own message ("unrecognized arguments: ...") joined line breaks only
    code, _, err = run_cli(["summarize", "x.txt", "--words", "5", "--\x1b]0;pwned\x07"])
    assert code == 2
    _clean(err)
    assert "\\x1b]0;pwned\\x07" in err


# What json.dumps(ensure_ascii=False) wrote raw: a C1 CSI (U+009B, ESC [ in one character),
# DEL, an RLO and a first-strong isolate. A file name holding them is a summary id or a path.
RAW = "\u009b\x7f\u202e\u2068"
NAME = "d\u009b31m\x7f\u202e\u20681"


def _raw_free(text: str) -> None:
    assert not any(c in text for c in RAW), ascii(text)


def test_json_shown_escapes_what_json_dumps_left_raw_and_parses_the_same():
    from summarizer.errors import json_shown

    data = {NAME: [NAME, "é\t\x1b", 1.5, None]}
    text = json_shown(data, indent=2)
    _raw_free(text)
    assert json.loads(text) == data and "\\u009b31m\\u007f\\u202e\\u2068" in text
    assert "é" in text  # UTF-8 text stays readable, as before


def test_summarize_json_escapes_a_file_names_terminal_codes(tmp_path):
    (tmp_path / f"{NAME}.txt").write_text(STORY + "\n", encoding="utf-8")
    code, stdout, err = run_cli(["summarize", str(tmp_path), "--method", "lead", "--words",
                                 "20", "--format", "json"], lines=None)
    assert code == 0, err
    _raw_free(stdout)
    assert json.loads(stdout)["sentences"][0]["doc_id"] == f"{NAME}.txt"


def test_rouge_json_escapes_a_summary_ids_terminal_codes(tmp_path):
    for folder, text in (("sys", "The storm hit the coast."), ("refs", STORY)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{NAME}.txt").write_text(text + "\n", encoding="utf-8")
    code, stdout, err = run_cli(["rouge", str(tmp_path / "sys"), str(tmp_path / "refs"),
                                 "--format", "json", "--per-summary"], lines=None)
    assert code == 0, err
    _raw_free(stdout)
    assert NAME in json.dumps(json.loads(stdout), ensure_ascii=False)


def test_compare_json_escapes_a_run_folders_terminal_codes(tmp_path):
    import shutil
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"
    runs = [shutil.copytree(fixture / side, tmp_path / f"{side}{NAME}") for side in "ab"]
    code, stdout, err = run_cli(["compare", *map(str, runs), "--out", str(tmp_path / "cmp"),
                                 "--no-plot", "--format", "json", "--resamples", "200",
                                 "--trials", "300"], lines=None)
    assert code == 0, err
    _raw_free(stdout)
    assert json.loads(stdout) == json.loads((tmp_path / "cmp" / "comparison.json").read_text(
        encoding="utf-8"))
    assert str(runs[0]) in json.dumps(json.loads(stdout), ensure_ascii=False)


def test_a_source_named_with_a_line_break_is_one_markdown_item(tmp_path):
    # the Sources list printed a file name's line break raw: "## Injected heading" became a
    # heading of the document
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a\n## Injected heading\nb.txt").write_text(
        "The minister met officials in Panama on Monday to discuss migration policy.\n",
        encoding="utf-8")
    code, out, err = run_cli(["summarize", str(docs), "--format", "markdown", "--words", "30"])
    assert code == 0, err
    assert "## Injected heading" not in out.splitlines()
    sources = out.split("## Sources", 1)[1].strip().splitlines()
    assert sources[0].startswith("1. ") and sources[0].endswith("a ## Injected heading b.txt")


@pytest.mark.parametrize("mark", ["\u200b", "\u200d", "\u200e", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_of_a_name_are_shown_in_messages(tmp_path, mark):
    # "no reference for system summary M000​" beside a file M000.A read as a wrong message
    escaped = ascii(mark)[1:-1]  # "\\u200b", or "\\xad" for the soft hyphen
    assert one_line(f"M000{mark}") == f"M000{escaped}"
    (tmp_path / "s").mkdir()
    (tmp_path / "r").mkdir()
    (tmp_path / "s" / f"M000{mark}").write_text("The toll rose.\n", encoding="utf-8")
    (tmp_path / "r" / "M000.A").write_text("The toll rose.\n", encoding="utf-8")
    code, _, err = run_cli(["rouge", str(tmp_path / "s"), str(tmp_path / "r")])
    assert code == 2 and f"M000{escaped}" in err and mark not in err, err


def test_one_line_joins_unicode_line_separators():
    assert one_line("a\u2028b\u2029c") == "a b c"
