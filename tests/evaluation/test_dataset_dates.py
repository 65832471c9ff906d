"""evaluate's date_field (--date-field): the documents' dates, read as batch reads them, the
same whether the data set is loaded whole or streamed."""

from __future__ import annotations

import json
import warnings

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputError, OptionError
from summarizer.evaluation import DatasetOptions, load_dataset
from summarizer.evaluation.stream import open_dataset

TEXT = "The storm hit the harbor town. Boats sank in the night."


def _both(spec, **options):
    """The clusters of ``spec`` loaded whole and streamed (they must agree)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opts = DatasetOptions(**options)
        whole, streamed = load_dataset(spec, opts), open_dataset(spec, opts)
        clusters = whole.clusters
        assert [vars(c) for c in streamed.clusters] == [vars(c) for c in clusters]
    return [[d.date for d in c.documents] for c in clusters]


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_lines_date_field_dates_the_documents_of_its_one_text(tmp_path):
    # the date of a line with one text was never read: no option named it
    path = _write(tmp_path / "d.jsonl", [
        {"id": f"c{i}", "article": f"{TEXT} ||| {TEXT}", "summary": "Boats sank.",
         "published": f"{i + 1}.9.2004"} for i in range(3)])
    assert _both(path, separator="|||", date_field="published") == [
        [f"2004-09-0{i + 1}"] * 2 for i in range(3)]
    assert _both(path, separator="|||") == [[None, None]] * 3


def test_each_documents_date_field_is_read_from_a_list_of_documents(tmp_path):
    docs = [{"text": TEXT, "published": "2004-10-01", "date": "2001-01-01"},
            {"text": TEXT, "published": "2004-9-1"}]
    path = _write(tmp_path / "d.jsonl", [{"id": "c", "documents": docs, "references": ["R."]}])
    assert _both(path, date_field="published") == [["2004-10-01", "2004-09-01"]]
    assert _both(path) == [["2001-01-01", None]]  # not named: each document's "date"


def test_a_hf_rows_date_column_is_read(tmp_path):
    import datasets

    rows = [{"id": f"h{i}", "document": f"{TEXT} ||||| {TEXT}", "summary": "Boats sank.",
             "day": f"2004-9-{i + 1}"} for i in range(3)]
    datasets.Dataset.from_list(rows).to_parquet(str(tmp_path / "d.parquet"))
    spec = f"hf:{tmp_path / 'd.parquet'}"
    assert _both(spec, separator="|||||", date_field="day") == [
        [f"2004-09-0{i + 1}"] * 2 for i in range(3)]
    with pytest.raises(OptionError, match=r"no field 'published' \(date_field \(--date-field\)\)"):
        load_dataset(spec, separator="|||||", date_field="published")


@pytest.mark.parametrize("load", [load_dataset, open_dataset])
def test_a_date_field_the_first_line_lacks_is_an_option_error(tmp_path, load):
    path = _write(tmp_path / "d.jsonl", [{"id": "c", "article": TEXT, "summary": "S."}])
    with pytest.raises(OptionError, match=r"d.jsonl: no field 'published' \(date_field "
                                          r"\(--date-field\)\); fields: id, article, summary"):
        load(path, DatasetOptions(date_field="published"))


def test_the_option_is_refused_where_dates_come_from_the_files(tac_dir):
    with pytest.raises(OptionError, match=r"date_field \(--date-field\) is for a JSONL file or "
                                          "a Hugging Face data set"):
        load_dataset(tac_dir, date_field="date")


def test_the_flag_a_line_lacks_is_a_one_line_error(tmp_path):
    path = _write(tmp_path / "d.jsonl", [{"id": "c", "article": TEXT, "summary": "S."}])
    code, _, err = run_cli(["evaluate", str(path), "--method", "lead", "--date-field",
                            "published", "--out", str(tmp_path / "run"), "--no-progress"])
    assert code == 2 and "no field 'published'" in error_line(err)


def test_a_run_from_before_date_field_records_the_same_options():
    # not named, it is not recorded: a run folder made before the option resumes
    assert "date_field" not in DatasetOptions().to_dict()
    assert DatasetOptions(date_field="day").to_dict()["date_field"] == "day"


@pytest.mark.parametrize("load", [load_dataset, open_dataset])
@pytest.mark.parametrize(("second", "wanted"), [
    ({"id": "c1", "article": TEXT, "summary": "S."},
     r"d.jsonl:2 \(id 'c1'\): no field 'published' \(date_field \(--date-field\)\); "
     "fields: id, article, summary"),
    ({"id": "c1", "documents": [{"text": TEXT, "published": "2004-9-1"}, {"text": TEXT}],
      "summary": "S."},
     r"d.jsonl:2 \(id 'c1'\): documents\[1\]: no field 'published' \(date_field"),
    ({"id": "c1", "documents": [TEXT], "summary": "S."},
     r"d.jsonl:2 \(id 'c1'\): no field 'published' \(date_field \(--date-field\)\); "
     "fields: id, documents, summary"),
])
def test_a_later_line_without_the_named_date_field_is_refused_naming_it(tmp_path, load,
                                                                         second, wanted):
    # the first line alone was checked: a later one's documents went undated, unsaid
    first = {**second, "id": "c0", "published": "2004-9-1"}
    if "documents" in second and not isinstance(second["documents"][0], str):
        first["documents"] = [{"text": TEXT, "published": "2004-9-1"}]
    path = _write(tmp_path / "d.jsonl", [first, second])
    with pytest.raises(InputError, match=wanted):
        load(path, DatasetOptions(date_field="published"))
    assert load(path, DatasetOptions()).size == 2  # not named: each "date", where there is one


def test_a_list_of_plain_texts_has_its_dates_in_the_lines_date_field(tmp_path):
    # as an hf: row's list of texts has them; a JSONL line's list was refused ("plain texts")
    path = _write(tmp_path / "d.jsonl", [
        {"id": "c", "documents": [TEXT, TEXT], "references": ["R."],
         "published": ["2004-10-01", "2004-9-1"]},
        {"id": "d", "documents": [TEXT], "references": ["R."], "published": "2004-9-2"}])
    assert _both(path, date_field="published") == [["2004-10-01", "2004-09-01"], ["2004-09-02"]]
    assert _both(path) == [[None, None], [None]]  # not named: a plain text has no date
