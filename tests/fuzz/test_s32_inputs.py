"""Session 32's bad-input hunt: what the commands landed this session, and the five
subcommands' flags, paths and files, did with input no test had given them. Each fix has a
test here that fails without it."""

from __future__ import annotations

import re

import pytest
from helpers import error_line, run_cli, write_jsonl

from summarizer.errors import InputError, OutputExistsError
from summarizer.evaluation.compare import check_out


def _rouge_files(tmp_path):
    for folder, text in (("sys", "The storm hit the coast."), ("refs", "The storm hit.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d1.txt").write_text(text + "\n", encoding="utf-8")
    return str(tmp_path / "sys"), str(tmp_path / "refs")


@pytest.mark.parametrize(("encoding", "said"), [
    ("base64", "'base64' is not a text encoding"),  # bytes to bytes: an internal error (70)
    ("rot13", "'rot13' is not a text encoding"),
    ("zlib", "'zlib' is not a text encoding"),
    ("punycode", "d1.txt: cannot be decoded as punycode"),  # UnicodeError: exit 1, no type
    ("undefined", "d1.txt: cannot be decoded as undefined"),
])
def test_rouge_encoding_that_is_no_text_encoding(tmp_path, encoding, said):
    system, refs = _rouge_files(tmp_path)
    code, out, err = run_cli(["rouge", system, refs, "--encoding", encoding])
    assert code == 2 and out == ""
    assert said in error_line(err)


_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


def _clusters(tmp_path):
    return str(write_jsonl(tmp_path / "data.jsonl", [
        {"id": f"c{k}", "documents": [_STORY], "summary": "The storm hit the coast."}
        for k in range(2)]))


@pytest.mark.parametrize("command", ["evaluate", "batch"])
@pytest.mark.parametrize("under", ["file", "link", "dangling"])
def test_an_output_folder_under_a_file_is_refused_naming_it(tmp_path, command, under):
    # --out notes.txt/run: 'Not a directory' (exit 1, errno's words); under a dangling
    # link: 'File exists'; compare found it only once its tests had run
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    if under == "file":
        blocker = tmp_path / "notes.txt"
    else:
        blocker.symlink_to("notes.txt" if under == "link" else "nowhere")
    out = blocker / "run" / "one"
    code, _, err = run_cli([command, _clusters(tmp_path), "--method", "lead", "--no-progress",
                            "--out", str(out)])
    assert code == 2
    assert f"{blocker} is not a folder, so {out} cannot be made" in error_line(err)
    with pytest.raises(OutputExistsError, match="is not a folder"):
        check_out(out)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(("value", "hint"), [
    ("0.95", "; for 95% write 95"), ("1", "; for 100% write 100"),
    ("0.01", ""), ("0.005", ""), ("1e-320", ""),  # 'for 1% write 1': 1 is refused too
])
def test_a_fraction_for_confidence_is_hinted_only_where_the_hint_is_taken(tmp_path, value, hint):
    system, refs = _rouge_files(tmp_path)
    code, _, err = run_cli(["rouge", system, refs, "-c", value])
    line = error_line(err)
    assert code == 2 and "confidence (--confidence) is a percentage in (1, 100]" in line
    assert line.endswith(f"not {float(value):g}{hint}")
    if hint:  # the value it names is taken
        percent = hint.rsplit(" ", 1)[1]
        assert run_cli(["rouge", system, refs, "-c", percent], lines=None)[0] == 0


def _hand_built(**changes):
    from summarizer import Cluster, Document
    from summarizer.evaluation import DatasetOptions
    from summarizer.evaluation.datasets import Dataset

    made = {"name": "hand", "kind": "custom", "source": "made in Python",
            "clusters": [Cluster([Document(_STORY)], id=f"c{k}", references=["The storm hit."])
                         for k in range(2)],
            "options": DatasetOptions(), **changes}
    return lambda: Dataset(**made)


@pytest.mark.parametrize(("changes", "said"), [
    # a name or kind of another type: a run whose report.json compare and resume refused
    ({"name": None}, "Dataset name must be a string, not NoneType"),
    ({"name": 5}, "Dataset name must be a string, not int"),
    ({"kind": None}, "Dataset kind must be a string, not NoneType"),
    ({"options": None}, "Dataset options must be a DatasetOptions"),  # AttributeError
    ({"clusters": iter([])}, "Dataset clusters must be a list of Cluster, not list_iterator"),
])
def test_a_hand_built_data_set_of_wrong_fields_is_refused(changes, said):
    with pytest.raises(InputError, match=re.escape(said)):
        _hand_built(**changes)()


@pytest.mark.parametrize("item", [None, _STORY, {"id": "c9"}])
def test_a_hand_built_data_set_holding_no_cluster_is_refused_by_position(tmp_path, item):
    from summarizer.evaluation import evaluate

    data = _hand_built()()
    data.clusters.append(item)  # an AttributeError on its .id before
    with pytest.raises(InputError, match=f"the cluster at position 2 is a {type(item).__name__}, "
                                         "not a Cluster"):
        evaluate(data, method="lead", out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()


def test_a_hand_built_data_set_runs_and_its_run_compares(tmp_path):
    from summarizer.evaluation import evaluate

    evaluate(_hand_built()(), method="lead", out=tmp_path / "run", progress=False)
    code, _, err = run_cli(["compare", str(tmp_path / "run"), str(tmp_path / "run"),
                            "--no-plot", "--out", str(tmp_path / "cmp")], lines=None)
    assert code == 0 and "compared with itself" in err


def test_rouge_compare_in_perl_format_is_refused_before_any_scoring(tmp_path, monkeypatch):
    # --format perl printed ROUGE-1.5.5's text of SYSTEM alone: the tests ran (and warned)
    # and were never shown
    system, refs = _rouge_files(tmp_path)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "d1.txt").write_text("Rivers rose.\n", encoding="utf-8")
    import summarizer.metrics.api as api

    monkeypatch.setattr(api, "score_corpus", lambda *a, **k: pytest.fail("scored"))
    code, out, err = run_cli(["rouge", system, refs, "--compare", str(tmp_path / "other"),
                              "--format", "perl"])
    assert code == 2 and out == ""
    assert "use --format table or json" in error_line(err)
    monkeypatch.undo()
    for fmt, said in (("table", "B = "), ("json", '"comparison"')):
        code, out, _ = run_cli(["rouge", system, refs, "--compare", str(tmp_path / "other"),
                                "--format", fmt], lines=None)
        assert code == 0 and said in out


@pytest.mark.parametrize("command", [["summarize", "{story}", "--method", "lead"],
                                     ["evaluate", "{data}", "--method", "lead", "--no-progress",
                                      "--out", "{run}"]])
def test_a_closed_standard_output_fails_the_command_after_its_files(tmp_path, command):
    # `summarizer summarize a.txt >&-`: sys.stdout is None, print() wrote nothing, exit 0
    import os
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text(_STORY + "\n", encoding="utf-8")
    argv = [w.format(story=story, data=_clusters(tmp_path), run=tmp_path / "run") for w in command]
    done = subprocess.run([sys.executable, "-m", "summarizer", *argv],
                          stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1),
                          env={**os.environ, "SUMMARIZER_DEBUG": ""}, check=False)
    assert done.returncode == 1
    assert error_line(done.stderr) == "summarizer: error: standard output: Bad file descriptor"
    if command[0] == "evaluate":  # its results are written before it prints
        assert (tmp_path / "run" / "report.json").is_file()


def test_a_closed_standard_input_is_said_to_be_closed(monkeypatch):
    # `summarizer summarize - <&-`: sys.stdin is None, an AttributeError (exit 70)
    import sys

    monkeypatch.setattr(sys, "stdin", None)
    code, out, err = run_cli(["summarize", "-", "--method", "lead"])
    assert code == 2 and out == ""
    assert error_line(err) == ("summarizer: error: standard input (-) is closed; give the text "
                               "on it, or a file")


@pytest.mark.parametrize("command", ["summarize", "evaluate", "batch"])
def test_a_model_name_longer_than_a_file_name_is_named(tmp_path, command):
    # --model with 300 letters (a pasted line, say): errno's 'File name too long' (exit 1)
    story = tmp_path / "story.txt"
    story.write_text(_STORY + "\n", encoding="utf-8")
    where = ([str(story)] if command == "summarize"
             else [_clusters(tmp_path), "--out", str(tmp_path / "run"), "--no-progress"])
    code, _, err = run_cli([command, *where, "--method", "abstractive", "--model", "x" * 300])
    assert code == 2 and "cannot be read (File name too long)" in error_line(err)
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("command", ["evaluate", "batch"])
@pytest.mark.parametrize("fields", [["--text-field", "id"], ["--text-field", "id", "--id-field",
                                                             "id"]])
def test_the_id_field_named_as_the_text_field_is_refused(tmp_path, command, fields):
    # each cluster's documents were its id, 'c0': summarised and scored, exit 0
    code, _, err = run_cli([command, _clusters(tmp_path), "--method", "lead", "--no-progress",
                            "--out", str(tmp_path / "run"), *fields])
    assert code == 2
    assert error_line(err) == ("summarizer: error: id_field (--id-field) and text_field "
                               "(--text-field) name one field, 'id': the documents must be "
                               "another field")
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("fields", [["--summary-field", "id"],
                                    ["--summary-field", "id", "--id-field", "id"]])
def test_the_id_field_named_as_the_reference_field_is_refused(tmp_path, fields):
    # every reference was its cluster's id, 'c0': every score 0 under exit 0
    code, _, err = run_cli(["evaluate", _clusters(tmp_path), "--method", "lead", "--no-progress",
                            "--out", str(tmp_path / "run"), *fields])
    assert code == 2
    assert error_line(err) == ("summarizer: error: summary_field (--summary-field) and id_field "
                               "(--id-field) name one field, 'id': the references must be "
                               "another field")
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("given", [["--summaries", "{long}"], ["--summaries", "{long}.jsonl"],
                                   ["--method", "precomputed:{long}"]])
def test_a_summaries_path_longer_than_a_file_name_is_named(tmp_path, given):
    # errno's '...: File name too long', exit 1, where README's Errors promise an InputError
    long = str(tmp_path / ("s" * 300))
    code, _, err = run_cli(["evaluate", _clusters(tmp_path), "--no-progress",
                            "--out", str(tmp_path / "run"), *(g.format(long=long) for g in given)])
    assert code == 2 and "cannot be read (File name too long)" in error_line(err)
    assert not (tmp_path / "run").exists()


def _two_runs(tmp_path):
    data = _clusters(tmp_path)
    runs = []
    for name, summary in (("a", "The storm hit the coast."), ("b", "Schools were closed.")):
        given = write_jsonl(tmp_path / f"{name}.jsonl",
                            [{"id": f"c{k}", "summary": summary} for k in range(2)])
        runs.append(str(tmp_path / f"run_{name}"))
        code, _, _ = run_cli(["evaluate", data, "--summaries", str(given), "--no-progress",
                              "--out", runs[-1]], lines=None)
        assert code == 0
    return runs


def test_compare_of_a_metric_named_twice_compares_it_once(tmp_path):
    # --metric ROUGE-2 --metric ROUGE-2: two like columns, two like tests (rouge reads
    # --metrics R2,R2 as one)
    import json

    code, _, _ = run_cli(["compare", *_two_runs(tmp_path), "--metric", "ROUGE-2", "--metric",
                          "ROUGE-2", "--no-plot", "--out", str(tmp_path / "cmp")], lines=None)
    assert code == 0
    made = json.loads((tmp_path / "cmp" / "comparison.json").read_text(encoding="utf-8"))
    assert made["metrics"] == ["ROUGE-2"] and len(made["pairs"]) == 1


_RTF = r"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} \f0\fs24 " + _STORY + r"\par }"


def test_an_rtf_document_is_refused_not_summarised_with_its_control_words(tmp_path):
    # TextEdit's default: the summary began '{\rtf1\ansi\deff0 ...', exit 0
    (tmp_path / "story.rtf").write_text(_RTF + "\n", encoding="utf-8")
    code, out, err = run_cli(["summarize", str(tmp_path / "story.rtf"), "--method", "lead"])
    assert code == 2 and out == ""
    assert "story.rtf: an RTF document, not plain text" in error_line(err)
    (tmp_path / "story.txt").write_text(_STORY + "\n", encoding="utf-8")  # in a folder: skipped
    code, out, err = run_cli(["summarize", str(tmp_path), "--method", "lead"])
    assert code == 0 and out.startswith("The storm hit the coast") and "rtf" not in out
    assert "skipped" in err and "story.rtf: an RTF document" in err


@pytest.mark.parametrize(("encoder", "said"), [
    (" ", "no sentence encoder named (got ' ')"),  # was 'hf download  '
    ("{file}", "sentence encoder path '{file}' is not a model folder"),  # 'hf download /...'
    ("./no-such-folder", "sentence encoder path './no-such-folder' is not a model folder"),
    ("e" * 300, "cannot be read (File name too long)"),  # errno's line, exit 1
])
def test_an_encoder_name_that_is_no_model_is_named_as_such(tmp_path, monkeypatch, encoder, said):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    story = tmp_path / "story.txt"
    story.write_text(_STORY + "\n", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(story), "--option",
                            f"encoder={encoder.format(file=story)}"])
    assert code == 2 and said.format(file=story) in error_line(err)


def test_a_rouge_data_dir_longer_than_a_file_name_is_named(tmp_path):
    # -m --data-dir with 300 letters: errno's '.../wordnet-2.0-exceptions.tsv: File name too
    # long', exit 1
    system, refs = _rouge_files(tmp_path)
    code, _, err = run_cli(["rouge", system, refs, "-m", "--data-dir", str(tmp_path / ("d" * 300))])
    assert code == 2 and "cannot be read (File name too long)" in error_line(err)


@pytest.mark.parametrize(("name", "said"), [("gone.jsonl", "no file"), ("gone.jsonl.gz", "no file"),
                                            ("gone", "no folder")])
def test_missing_summaries_are_named_a_file_or_a_folder_as_given(tmp_path, name, said):
    code, _, err = run_cli(["evaluate", _clusters(tmp_path), "--no-progress", "--out",
                            str(tmp_path / "run"), "--summaries", str(tmp_path / name)])
    assert code == 2
    assert error_line(err).endswith(f"precomputed summaries: {said} {tmp_path / name}")
