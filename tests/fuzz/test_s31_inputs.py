"""Session 31's bad-input and real-size hunt: what real users feed the CLI and the library,
at real size. Each fix has a test here that fails without it."""

from __future__ import annotations

import re

import pytest
from fuzz_text import QUICK, news_text
from helpers import error_line, run_cli, traced_memory
from hypothesis import given
from hypothesis import strategies as st

from summarizer.documents.clean import normalize_line
from summarizer.errors import MissingReferenceError
from summarizer.metrics.io import load_pairs

# The spaces cleaning makes plain, as a run of them was matched before (one match per space)
_ANY_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
spaces = st.text(st.sampled_from(" \t\u00a0\u1680\u2002\u200a\u202f\u205f\u3000"), min_size=1,
                 max_size=4)


@QUICK
@given(st.lists(news_text | spaces, max_size=12))
def test_line_spaces_collapse_as_every_run_of_them(parts):
    line = "".join(parts)
    assert normalize_line(line) == normalize_line(_ANY_SPACES.sub(" ", line))
    assert not re.search(_ANY_SPACES.pattern.replace("]+", "]{2,}"), normalize_line(line))


def test_one_long_line_is_cleaned_in_bounded_memory():
    # A 50 MB one-line file peaked at 941 MB in cleaning (lead: 306 MB for the same text in
    # lines): a string per space matched. 2 MB of words now cost about one copy of the line.
    line = "The council met on Monday and approved the budget. " * 40_000
    with traced_memory() as mem:
        out = normalize_line(line)
    assert out == line.strip()
    assert mem.peak < 2 * len(line), f"{mem.peak / 1e6:.1f} MB for a {len(line) / 1e6:.1f} MB line"


def test_a_clean_line_is_folded_without_a_copy():
    # folding copied every text whole to drop invisible characters it did not hold: one more
    # copy of a one-line file beside it (single-line 50 MB peak 479 -> see the commit)
    from summarizer.documents.clean import normalized_lines

    line = "The council met on Monday and approved the budget. " * 40_000 + "It voted."
    with traced_memory() as mem:
        lines = normalized_lines(line)
    assert lines == [line]
    assert mem.peak < len(line) / 2, f"{mem.peak / 1e6:.1f} MB for a {len(line) / 1e6:.1f} MB line"


def test_summaries_and_references_of_the_same_file_names_pair(tmp_path):
    # sys/d1.txt with refs/d1.txt, the layout most tools write: "no reference for system
    # summary sys/d1.txt" before, as a reference named as its summary was taken for it
    for folder, texts in (("sys", ["The council met on Monday.", "Prices rose in May."]),
                          ("refs", ["The council met Monday and voted.", "Prices rose."])):
        (tmp_path / folder).mkdir()
        for k, text in enumerate(texts):
            (tmp_path / folder / f"d{k}.txt").write_text(text + "\n", encoding="utf-8")
    pairs = load_pairs(tmp_path / "sys", tmp_path / "refs")
    assert [(p.id, p.system, p.references) for p in pairs] == [
        ("d0", ["The council met on Monday."], [["The council met Monday and voted."]]),
        ("d1", ["Prices rose in May."], [["Prices rose."]])]
    code, out, err = run_cli(["rouge", str(tmp_path / "sys"), str(tmp_path / "refs"),
                              "--format", "json"])
    assert code == 0 and '"ROUGE-1"' in out, err
    # a summary is still never its own reference: the same folder given twice
    with pytest.raises(MissingReferenceError, match="no reference for system summary"):
        load_pairs(tmp_path / "sys", tmp_path / "sys")


@pytest.fixture(scope="module")
def saved_data_set(tmp_path_factory):
    datasets = pytest.importorskip("datasets")
    folder = tmp_path_factory.mktemp("hf") / "news"
    rows = [{"document": "The council met on Monday. It approved the budget.",
             "summary": "The council approved the budget.", "id": "a"}]
    datasets.DatasetDict({"train": datasets.Dataset.from_list(rows)}).save_to_disk(str(folder))
    return folder


@pytest.mark.parametrize("where", ["", "train", "train/state.json"])
def test_a_saved_data_set_given_to_summarize_names_hf(saved_data_set, where):
    # its files' own advice was `summarizer batch hf:news/dataset_dict.json`, which reads no rows
    folder = saved_data_set / where
    code, out, err = run_cli(["summarize", str(folder)])
    data_set = folder.parent if folder.is_file() else folder
    assert code == 2 and "saved Hugging Face data set" in err, err
    assert f"`summarizer batch hf:{data_set} --out DIR`" in err, err
    code, out, err = run_cli(["batch", f"hf:{data_set}", "--split", "train", "--out",
                              str(saved_data_set.parent / f"out{where.count('/')}{len(where)}"),
                              "--no-progress", "--method", "lead"], lines=None)
    assert code == 0, err  # the advice given works


def test_a_saved_data_set_inside_a_folder_of_articles_is_skipped_naming_it(saved_data_set,
                                                                            tmp_path):
    import shutil

    shutil.copytree(saved_data_set, tmp_path / "news")
    (tmp_path / "a.txt").write_text("The council met on Monday. It approved the budget.\n",
                                    encoding="utf-8")
    code, out, err = run_cli(["summarize", str(tmp_path), "--method", "lead"], lines=None)
    assert code == 0 and "council" in out
    skips = [line for line in err.splitlines() if "skipped" in line]
    assert skips and all("a file of a saved Hugging Face data set" in s for s in skips), err


def _stdin(monkeypatch, data: bytes) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


record = st.fixed_dictionaries({"text": news_text}, optional={"id": st.text(max_size=5)})


@QUICK
@given(rows=st.lists(record, min_size=1, max_size=3), pretty=st.booleans(),
       as_list=st.booleans())
def test_json_piped_or_saved_as_text_is_refused_not_summarised(tmp_path_factory, rows, pretty,
                                                              as_list):
    # `jq ... | summarizer summarize -` summarised the braces and keys: '{"text": "The ...'
    import json

    value = rows if as_list else rows[0]
    data = (json.dumps(value, indent=2 if pretty else None) if pretty or as_list
            else "\n".join(json.dumps(r) for r in rows)) + "\n"
    with pytest.MonkeyPatch.context() as patch:
        _stdin(patch, data.encode("utf-8"))
        code, out, err = run_cli(["summarize", "-"])
    assert code == 2 and err.startswith("summarizer: error: <stdin>: JSON data"), err
    saved = tmp_path_factory.mktemp("json") / "article.txt"
    saved.write_text(data, encoding="utf-8")
    code, out, err = run_cli(["summarize", str(saved)])
    assert code == 2 and "JSON data, not an article's text" in err, err


@pytest.mark.parametrize("text", ["[Reuters] LONDON - The council met on Monday. It voted.",
                                  "{Updated} The council met on Monday. It voted.",
                                  "[1] The council met on Monday. It voted."])
def test_an_article_opening_with_a_bracket_is_still_read(monkeypatch, text):
    _stdin(monkeypatch, text.encode("utf-8"))
    code, out, err = run_cli(["summarize", "-", "--method", "lead"])
    assert code == 0 and "council met on Monday" in out, err


def _latin1_named(folder, name: bytes, text: str):
    """A file whose name is Latin-1 bytes, as a zip from another system leaves it."""
    from helpers import non_utf8_path

    path = non_utf8_path(folder, name)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path):
    # --format json failed after the work: "'utf-8' codec can't encode character '\udce9'"
    import json

    _latin1_named(tmp_path, b"caf\xe9.txt", "The council met on Monday. It approved the budget.\n")
    for fmt in ("json", "markdown"):
        code, out, err = run_cli(["summarize", str(tmp_path), "--method", "lead", "--format",
                                  fmt])
        assert code == 0, err
    assert "caf\\udce9.txt" in out
    code, out, err = run_cli(["summarize", str(tmp_path), "--method", "lead", "--format", "json"])
    assert json.loads(out)["sentences"][0]["doc_id"] == "caf\udce9.txt"  # the name, back


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_evaluate_and_batch_refuse_a_name_that_is_not_utf8_before_any_work(tmp_path, command):
    # they failed on writing run.json or the manifest: "surrogates not allowed", exit 1
    data = _latin1_named(tmp_path, b"d\xe9s.jsonl", '{"id": "a", "documents": ["The council met '
                         'on Monday. It voted."], "summary": "The council met."}\n')
    out = tmp_path / "out"
    code, _, err = run_cli([command, str(data), "--out", str(out), "--method", "lead",
                            "--no-progress"])
    assert code == 2 and "d\\xe9s.jsonl' is not UTF-8 text" in err, err
    assert not out.exists()


def test_ctrl_c_in_the_faithfulness_checks_says_how_to_resume(tmp_path, monkeypatch):
    # Ctrl-C after the summaries, while they were checked, said "summarizer: interrupted"
    # alone, where one during the summaries says what is saved and to run it again
    from helpers import write_jsonl

    import summarizer.evaluation.faithfulness as faithfulness

    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": f"c{k}", "documents": ["The council met on Monday. It approved the budget."],
         "summary": "The council approved the budget."} for k in range(3)])
    argv = ["evaluate", str(data), "--method", "lead", "--out", str(tmp_path / "run"),
            "--faithfulness", "--no-progress"]

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(faithfulness, "faithfulness_report", stopped)
    code, _, err = run_cli(argv)
    assert code == 130 and "3 of 3 clusters saved" in err and "again to resume" in err, err
    saved = (tmp_path / "run" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(saved) == 3  # nothing computed is lost


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_hf_with_no_name_is_said_to_name_no_data_set(tmp_path, monkeypatch, command):
    # 'hf:' alone read the working folder ('.': "not a saved data set")
    monkeypatch.chdir(tmp_path)
    extra = ["--method", "lead"] if command == "evaluate" else []
    code, _, err = run_cli([command, "hf:", "--out", "out", *extra])
    assert code != 0 and "hf: names no data set" in error_line(err)
    assert not (tmp_path / "out").exists()
