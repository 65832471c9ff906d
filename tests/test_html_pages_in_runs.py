"""HTML pages in the rows of `batch` and `evaluate`: the article's text by default, every block
with ``main_content=False`` / ``--no-main-content`` (as `summarize`), recorded in the settings
only when off, so that folders made with the default still resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from summarizer.batch import read_output, summarize_dataset
from summarizer.cli import main
from summarizer.documents import make_document
from summarizer.errors import OptionError, RunMismatchError
from summarizer.evaluation import DatasetOptions, evaluate, load_dataset
from summarizer.evaluation.datasets import check_options

COMMENT = "Reader comment: my cousin lives there and says the whole street lost power."
# the keys the settings held before main_content was an option: a default run records the same
FIELDS_KEYS = {"text_field", "id_field", "separator", "preset", "language", "clean"}
DATASET_KEYS = {"language", "references", "reference_size", "text_field", "summary_field",
                "id_field", "separator", "split", "preset", "limit", "seed"}


def _page(i: int) -> str:
    return (f"<!DOCTYPE html><html><head><title>Storm {i}</title></head><body>"
            f"<article><h1>Storm {i} hits the coast</h1>"
            f"<p>A storm hit the northern coast on Sunday, cutting power to {1000 + i} homes, "
            "officials said.</p><p>Rescue teams reached the fishing villages by Monday morning "
            "after the roads were cleared.</p><p>The regional government said repairs to the "
            "harbour would take several weeks.</p></article>"
            f'<div class="comments"><h3>Comments</h3><p>{COMMENT}</p></div></body></html>')


def _jsonl(path: Path, layout: str, n: int = 3) -> Path:
    """``n`` clusters of pages: a list of two pages (``documents``) or one page (``text``)."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            docs = [_page(i), _page(i + 50)] if layout == "documents" else _page(i)
            fh.write(json.dumps({"id": f"c{i}", layout: docs,
                                 "references": [f"A storm cut power to {1000 + i} homes."]})
                     + "\n")
    return path


def _words(rec: dict, main_content: bool) -> int:
    pages = rec["documents"] if "documents" in rec else [rec["text"]]
    return sum(len(make_document(p, main_content=main_content).text.split()) for p in pages)


def _check_rows(records: list[dict], rows: list[dict], main_content: bool) -> None:
    """Each output row summarises its record's pages as read with ``main_content``."""
    for rec, row in zip(records, rows, strict=True):
        assert (COMMENT in row["summary"]) is not main_content and "<" not in row["summary"]
        assert row["input_tokens"] == _words(rec, main_content)


def _results(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "results.jsonl").read_text().splitlines()]


def test_the_page_has_a_block_outside_its_article():
    # what the tests below rely on
    assert COMMENT not in make_document(_page(0)).text
    assert COMMENT in make_document(_page(0), main_content=False).text


def _batch(data: Path, out: Path, main_content: bool) -> tuple[list[dict], dict]:
    report = summarize_dataset(data, out, "lead", words=200, main_content=main_content,
                               progress=False)
    assert report.done == 3 and not report.failed_count
    return read_output(out), json.loads((out / "manifest.json").read_text())["settings"]["fields"]


def _evaluate(data: Path, out: Path, main_content: bool) -> tuple[list[dict], dict]:
    result = evaluate(data, "lead", out=out, words=200, main_content=main_content,
                      progress=False)
    assert result.computed == 3
    settings = json.loads((out / "run.json").read_text())["settings"]
    return _results(out), settings["dataset"]["options"]


@pytest.mark.parametrize("layout", ["documents", "text"])
@pytest.mark.parametrize("run", [_batch, _evaluate], ids=["batch", "evaluate"])
def test_runs_read_the_article_unless_told_otherwise(tmp_path, layout, run):
    data = _jsonl(tmp_path / "pages.jsonl", layout)
    records = [json.loads(line) for line in data.read_text().splitlines()]
    for main_content in (True, False):
        rows, recorded = run(data, tmp_path / f"out-{main_content}", main_content)
        _check_rows(records, rows, main_content)
        assert recorded.get("main_content", True) is main_content


@pytest.mark.parametrize("main_content", [True, False])
def test_a_data_set_loaded_whole_reads_its_pages_alike(tmp_path, main_content):
    # evaluate loads a file that cannot be streamed (not UTF-8) whole
    whole = load_dataset(_jsonl(tmp_path / "pages.jsonl", "documents"),
                         main_content=main_content)
    assert all((COMMENT in d.text) is not main_content
               for c in whole.clusters for d in c.documents)


def test_a_saved_hugging_face_data_set_reads_its_pages_alike(tmp_path):
    datasets = pytest.importorskip("datasets")
    rows = [json.loads(line) for line in
            _jsonl(tmp_path / "pages.jsonl", "text").read_text().splitlines()]
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "saved"))
    spec = f"hf:{tmp_path / 'saved'}"
    for main_content in (True, False):
        evaluate(spec, "lead", out=tmp_path / f"e-{main_content}", words=200,
                 main_content=main_content, progress=False)
        summarize_dataset(spec, tmp_path / f"b-{main_content}", "lead", words=200,
                          main_content=main_content, progress=False)
        summaries = ([r["summary"] for r in _results(tmp_path / f"e-{main_content}")]
                     + [r["summary"] for r in read_output(tmp_path / f"b-{main_content}")])
        assert len(summaries) == 6
        assert all((COMMENT in s) is not main_content for s in summaries)


def test_the_cli_flag_reaches_batch_and_evaluate(tmp_path):
    data = _jsonl(tmp_path / "pages.jsonl", "documents", n=2)
    for flag in ([], ["--no-main-content"]):
        tag = "flag" if flag else "default"
        for command in ("batch", "evaluate"):  # into b-TAG, e-TAG
            out = tmp_path / f"{command[0]}-{tag}"
            code, _, err = run_cli([command, str(data), "--out", str(out), "--method", "lead",
                                    "--words", "200", "--no-progress", *flag])
            assert code == 0, err
        summaries = ([r["summary"] for r in read_output(tmp_path / f"b-{tag}")]
                     + [r["summary"] for r in _results(tmp_path / f"e-{tag}")])
        assert len(summaries) == 4
        assert all((COMMENT in s) is bool(flag) for s in summaries)


def test_a_default_batch_folder_resumes_and_the_flag_is_other_settings(tmp_path):
    data = _jsonl(tmp_path / "pages.jsonl", "text")
    out = tmp_path / "out"
    first = summarize_dataset(data, out, "lead", words=50, progress=False)
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["settings"]["fields"]) == FIELDS_KEYS  # as before the option existed
    again = summarize_dataset(data, out, "lead", words=50, progress=False)
    assert (again.done, again.skipped) == (0, 3)
    assert again.settings_fingerprint == first.settings_fingerprint
    with pytest.raises(RunMismatchError, match="main_content"):
        summarize_dataset(data, out, "lead", words=50, main_content=False, progress=False)
    assert len(read_output(out)) == 3


def test_a_default_run_folder_resumes_and_the_flag_is_other_settings(tmp_path):
    data = _jsonl(tmp_path / "pages.jsonl", "documents")
    out = tmp_path / "run"
    evaluate(data, "lead", out=out, words=50, progress=False)
    settings = json.loads((out / "run.json").read_text())["settings"]
    assert set(settings["dataset"]["options"]) == DATASET_KEYS  # as before the option existed
    again = evaluate(data, "lead", out=out, words=50, progress=False)
    assert (again.resumed, again.computed) == (3, 0)
    for options in ({"main_content": False},
                    {"dataset_options": DatasetOptions(main_content=False)}):
        with pytest.raises(RunMismatchError, match="main_content"):
            evaluate(data, "lead", out=out, words=50, progress=False, **options)
    assert len(_results(out)) == 3


def test_the_option_is_refused_where_it_cannot_apply(tmp_path):
    for kind in ("tac2011", "duc"):  # plain text and SGML, never pages
        with pytest.raises(OptionError, match="--no-main-content"):
            check_options(kind, DatasetOptions(main_content=False))
        check_options(kind, DatasetOptions())
    # clusters already made cannot be read again
    data = _jsonl(tmp_path / "pages.jsonl", "text")
    clusters = load_dataset(data).clusters
    # the keyword and the option's home, DatasetOptions, alike (the option was ignored)
    for given in ({"main_content": False},
                  {"dataset_options": DatasetOptions(main_content=False)}):
        for made in (clusters, load_dataset(data)):
            with pytest.raises(OptionError, match="already made"):
                evaluate(made, "lead", out=tmp_path / "r", progress=False, **given)
            assert not (tmp_path / "r").exists()
    # a data set opened so is read as asked
    opened = load_dataset(data, DatasetOptions(main_content=False))
    for i, given in enumerate(({"main_content": False},
                               {"dataset_options": DatasetOptions(main_content=False)})):
        run = evaluate(opened, "lead", out=tmp_path / f"o{i}", words=200, progress=False,
                       **given)
        assert all(COMMENT in r["summary"] for r in _results(run.out))


@pytest.mark.parametrize("command", ["summarize", "batch", "evaluate"])
def test_the_flag_is_in_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "--no-main-content" in capsys.readouterr().out
