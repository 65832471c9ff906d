"""A name the user gave (an output folder, a system's folder, an argument) printed by a
command: on one line, its terminal codes shown escaped, a long one shortened by
errors.value_repr's rule. Each printed it as it was: a folder named with a line break
took two lines, one holding ESC ] ... BEL set the terminal's title."""

from __future__ import annotations

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
    assert wrote == [f"wrote {one_line(str(cmp / 'comparison.json'))}, "
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
