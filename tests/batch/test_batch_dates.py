"""batch's date_field (--date-field): the documents' dates, which order them, as the JSONL
and Hugging Face readers' option of the same name reads them."""

from __future__ import annotations

import json

import pytest
from helpers import error_line, run_cli, write_jsonl

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.source import Fields, Row, to_cluster
from summarizer.errors import OptionError, RunMismatchError

OCTOBER = "The October report says the river rose again overnight near the old bridge."
SEPTEMBER = "The September report says the river first rose after a week of heavy rain."


def _run(inp, out, **kw):
    return summarize_dataset(inp, out, "lead", sentences=1, progress=False, **kw)


def test_a_rows_date_field_dates_the_documents_of_its_one_text():
    # from_hf_dataset was called without date_field: the row's date was dropped
    rec = {"id": "r", "text": f"{OCTOBER} ||||| {SEPTEMBER}", "published": "1.9.2004 "}
    row = Row(0, "in.jsonl:1", "r", rec)
    dated = to_cluster(row, Fields(separator="|||||", date_field="published"))
    assert [d.date for d in dated.documents] == ["2004-09-01", "2004-09-01"]
    assert {d.date for d in to_cluster(row, Fields(separator="|||||")).documents} == {None}


def test_each_documents_date_field_puts_a_list_of_documents_in_date_order(tmp_path):
    docs = [{"text": OCTOBER, "published": "2004-10-01"}, {"text": SEPTEMBER,
                                                           "published": "2004-9-1"}]
    inp = write_jsonl(tmp_path / "in.jsonl", [{"id": "r", "documents": docs}])
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "dated"), "--method",
                            "lead", "--sentences", "1", "--date-field", "published",
                            "--no-progress"])
    assert code == 0, err
    assert read_output(tmp_path / "dated")[0]["summary"] == SEPTEMBER  # the earlier first
    _run(inp, tmp_path / "undated")  # not named: each document's "date", none here
    assert read_output(tmp_path / "undated")[0]["summary"] == OCTOBER  # the order given
    manifest = json.loads((tmp_path / "dated" / "manifest.json").read_text())
    assert manifest["settings"]["fields"]["date_field"] == "published"


@pytest.mark.parametrize(("record", "wanted"), [
    ({"id": "r", "text": OCTOBER, "date": "2004-10-01"},
     r"in.jsonl:1 \(the first row\): no field 'published' \(date_field \(--date-field\)\); "
     "fields: id, text, date$"),
    ({"id": "r", "documents": [{"text": OCTOBER, "date": "2004-10-01"}]},
     r"in.jsonl:1 \(the first row\) documents\[0\]: no field 'published' \(date_field"),
    ({"id": "r", "documents": [OCTOBER]},
     r"in.jsonl:1 \(the first row\): no field 'published' \(date_field \(--date-field\)\); "
     "fields: id, documents$"),
])
def test_a_date_field_the_first_row_lacks_stops_the_job_before_any_row(tmp_path, record,
                                                                        wanted):
    # every document went undated without a word
    inp = write_jsonl(tmp_path / "in.jsonl", [record])
    with pytest.raises(OptionError, match=wanted):
        _run(inp, tmp_path / "out", date_field="published")
    assert not (tmp_path / "out").exists()
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--date-field",
                            "published", "--no-progress"])
    assert code == 2 and "no field 'published'" in error_line(err)


def test_a_job_from_before_date_field_resumes_and_a_named_one_is_another_job(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": OCTOBER,
                                               "date": "2004-10-01"} for i in range(3)])
    _run(inp, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    # not named, it is not recorded: a manifest written before the option reads the same
    assert "date_field" not in manifest["settings"]["fields"]
    again = _run(inp, tmp_path / "out")
    assert (again.done, again.skipped) == (0, 3)
    with pytest.raises(RunMismatchError, match=r"fields.date_field: None -> 'date'"):
        _run(inp, tmp_path / "out", date_field="date")


def test_a_bad_date_of_a_rows_one_text_is_a_failed_row_named_once(tmp_path):
    # where=row.where made the reader's message open with the row's place, which the
    # failure names already: "in.jsonl:1 ... failed: in.jsonl:1: Document doc0 date ..."
    inp = write_jsonl(tmp_path / "in.jsonl", [{"id": "r", "text": OCTOBER, "d": "1/9/2004"},
                                              {"id": "s", "documents": [
                                                  {"text": SEPTEMBER, "d": "1/9/2004"}]}])
    report = _run(inp, tmp_path / "out", date_field="d")
    assert [f["where"].rsplit("/", 1)[-1] for f in report.failed] == ["in.jsonl:1",
                                                                      "in.jsonl:2"]
    for failure in report.failed:
        assert failure["error"].startswith(("Document doc0 date", "documents[0]: Document"))
        assert failure["where"] not in failure["error"]


def test_a_parquet_date_column_of_a_list_of_documents_dates_them(tmp_path):
    # a timestamp of a Parquet row's documents came as a datetime: the row failed ("must be
    # a string or an integer"), as a timestamp of a row's one text did not
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = [{"text": OCTOBER, "published": dt.datetime(2004, 10, 1, 9, 0)},
            {"text": SEPTEMBER, "published": dt.datetime(2004, 9, 1, 9, 0)}]
    pq.write_table(pa.Table.from_pylist([{"id": "r", "documents": docs}]),
                   tmp_path / "in.parquet")
    report = _run(tmp_path / "in.parquet", tmp_path / "out", date_field="published")
    assert not report.failed
    assert read_output(tmp_path / "out")[0]["summary"] == SEPTEMBER  # the earlier first


def test_a_later_row_without_the_named_date_field_is_a_failed_row_and_the_job_goes_on(
        tmp_path):
    # the first row alone was checked: a later one's documents went undated, unsaid
    dated = {"text": SEPTEMBER, "published": "2004-9-1"}
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", **dated}, {"id": "b", "text": OCTOBER},
        {"id": "c", "documents": [dated, {"text": OCTOBER}]},
        {"id": "d", "documents": [OCTOBER]}, {"id": "e", "documents": [dated]}])
    report = _run(inp, tmp_path / "out", date_field="published")
    assert [(f["id"], f["position"]) for f in report.failed] == [("b", 1), ("c", 2), ("d", 3)]
    errors = [f["error"] for f in report.failed]
    assert errors[0].startswith("no field 'published' (date_field (--date-field)); fields: ")
    assert errors[1].startswith("documents[1]: no field 'published' (date_field")
    assert errors[2] == "no field 'published' (date_field (--date-field)); fields: id, documents"
    assert [r["id"] for r in read_output(tmp_path / "out")] == ["a", "e"]
    assert not _run(inp, tmp_path / "undated").failed  # not named: none is asked for


def test_a_list_of_plain_texts_has_its_dates_in_the_rows_date_field(tmp_path):
    # as a Hugging Face row's list of texts has: one date for them all, or one each; a
    # list of plain texts was refused ("holds plain texts, without fields")
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "each", "documents": [OCTOBER, SEPTEMBER], "published": ["2004-10-01", "2004-9-1"]},
        {"id": "one", "documents": [OCTOBER, SEPTEMBER], "published": "2004-9-1"},
        {"id": "short", "documents": [OCTOBER, SEPTEMBER], "published": ["2004-9-1"]},
        {"id": "mixed", "documents": [{"text": OCTOBER, "published": "2004-9-1"}, SEPTEMBER]}])
    report = _run(inp, tmp_path / "out", date_field="published")
    assert [r["summary"] for r in read_output(tmp_path / "out")] == [SEPTEMBER, OCTOBER]
    assert [(f["id"], f["error"]) for f in report.failed] == [
        ("short", "field 'published' holds 1 date, but 'documents' holds a list of 2 texts"),
        ("mixed", "documents[1] is a plain text among document objects, without the field "
                  "'published' that date_field (--date-field) names")]
