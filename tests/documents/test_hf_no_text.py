"""A data set none of whose rows has text is one typed error (records.no_text), said alike
by from_hf_dataset (load_hf_dataset), evaluate (hf: and JSONL, loaded or streamed) and
batch; it returned [] (from_hf_dataset), said "no clusters found" (evaluate) or failed
every row, exit 1, an output folder made (batch)."""

from __future__ import annotations

import json

import datasets
import pytest
from helpers import error_line, run_cli, write_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.documents import from_hf_dataset, load_hf_dataset
from summarizer.documents.records import NoTextError
from summarizer.errors import InputError, OptionError
from summarizer.evaluation import DatasetOptions, load_dataset
from summarizer.evaluation.stream import open_dataset

TEXT = "The storm hit the coast on Monday. Roads were closed."
HINT = "; name the field that holds it with text_field (--text-field)"
ABSENT = object()  # a row without the field

# what a row without text holds in its text field (ABSENT: it has no such field)
NO_TEXT = st.sampled_from([ABSENT, None, "", " ", "\n\t ", [], [""], ["  ", "\n"]])


def _row(k: int, value: object) -> dict:
    row: dict = {"id": f"r{k}", "summary": "A storm."}
    if value is not ABSENT:
        row["text"] = value
    return row


@settings(max_examples=60, deadline=None)
@given(values=st.lists(NO_TEXT, min_size=1, max_size=6), at=st.integers(0, 6),
       take=st.booleans())
def test_rows_none_of_which_has_text_are_one_error_and_one_with_text_is_read(values, at, take):
    rows = [_row(k, v) for k, v in enumerate(values)]
    some = any(v is not ABSENT for v in values)
    with pytest.raises(NoTextError) as err:
        from_hf_dataset([dict(r) for r in rows], name="news", take=take)
    if some:  # the field found (or no row names another): no text in it
        assert str(err.value) == (f"news: no text in field 'text' in any of its "
                                  f"{len(rows)} row{'s' * (len(rows) > 1)}{HINT}")
    else:  # no row has any of the usual fields: 357f758's wording
        assert str(err.value) == (
            f"news: no documents field in any of its {len(rows)} row{'s' * (len(rows) > 1)} "
            "(tried documents, document, text, article); name it with text_field (--text-field)")
    assert isinstance(err.value, InputError)
    # one row with text, anywhere: read, the others counted as before
    rows.insert(min(at, len(rows)), _row(99, TEXT))
    [cluster] = from_hf_dataset(rows, take=take)
    assert cluster.id == "r99" and cluster.meta["skipped_rows"] == len(values)


def test_a_saved_data_set_and_a_file_name_themselves():
    ds = datasets.Dataset.from_list([{"id": "a", "text": ""}, {"id": "b", "text": " "}])
    with pytest.raises(NoTextError, match=r"^data set: no text in field 'text' in any of "
                                          r"its 2 rows;"):
        from_hf_dataset(ds)
    with pytest.raises(NoTextError, match=r"^data set: no documents field \(tried"):
        from_hf_dataset(datasets.Dataset.from_list([{"id": "a", "body": TEXT}]))


def test_load_hf_dataset_names_its_file(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "article": "  "}])
    with pytest.raises(NoTextError, match=rf"^{path}: no text in field 'article' in any of "
                                          r"its 1 row;"):
        load_hf_dataset(path)
    with pytest.raises(NoTextError, match=rf"^{path}: no text in field 'article'"):
        load_hf_dataset(path, limit=5)  # every row read: none had text


def test_no_rows_or_a_limit_of_zero_is_no_clusters_not_an_error():
    # a data set of no rows has no row without text (the caller's own rule: evaluate says
    # "no clusters found", a local file "holds no rows"); limit=0 asks for none: no row is
    # read (a bad row after it is not met), as islice(rows, 0) reads none
    assert from_hf_dataset([]) == []
    assert from_hf_dataset(datasets.Dataset.from_list([{"text": "x"}]).select([])) == []

    def rows():
        yield {"id": "a", "text": ""}
        raise AssertionError("a row was read")

    assert from_hf_dataset(rows(), limit=0, text_field="text") == []
    with pytest.raises(OptionError, match="limit must be 0 or more, got -1"):
        from_hf_dataset([{"text": TEXT}], limit=-1)  # was [] unsaid


def test_rows_that_cleaning_emptied_are_not_this_error():
    # the text was there: cleaning's policy (meta["skipped"], evaluate's
    # --allow-skipped-documents, batch's failed row) says those, not "no text"
    # (with none left: their own NoTextLeftError, tests/documents/test_hf_no_text_left.py;
    # it returned [], the list of emptied documents lost with the clusters)
    from summarizer.documents.records import NoTextLeftError

    credits = "(Reporting by John Smith; Editing by Ann Lee)"
    with pytest.raises(NoTextLeftError, match="left after cleaning") as err:
        from_hf_dataset([{"id": "a", "text": credits}, {"id": "b", "text": ""}])
    assert HINT not in str(err.value)


@pytest.mark.parametrize("spec", ["jsonl", "hf"])
@pytest.mark.parametrize("opener", [load_dataset, open_dataset])
def test_evaluate_loaded_or_streamed_says_it_alike(tmp_path, spec, opener):
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "", "summary": "A storm."},
                                              {"id": "b", "summary": "A storm."},
                                              {"id": "c", "text": None, "summary": "A."}])
    name = str(path) if spec == "jsonl" else f"hf:{path}"
    want = f"{name}: no text in field 'text' in any of its 3 rows{HINT}"
    for options in (DatasetOptions(), DatasetOptions(allow_skipped_documents=True, limit=1)):
        with pytest.raises(NoTextError) as err:
            opener(name, options)
        assert str(err.value) == want  # was "no clusters found"


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(NO_TEXT.filter(lambda v: v is not ABSENT), min_size=1, max_size=4))
def test_batch_refuses_before_its_output_folder_as_evaluate_does(tmp_path_factory, values):
    tmp = tmp_path_factory.mktemp("b")
    rows = [_row(k, v) for k, v in enumerate(values)]
    inp = write_jsonl(tmp / "in.jsonl", [], raw_lines=["{not json",
                                                       *map(json.dumps, rows)])
    code, out, err = run_cli(["batch", str(inp), "--out", str(tmp / "out"), "--method",
                              "lead", "--no-progress"])
    assert (code, out) == (2, "")  # was exit 1: every row failed, a folder made
    assert error_line(err) == (f"summarizer: error: {inp}: no text in field 'text' in any of "
                               f"its {len(rows)} row{'s' * (len(rows) > 1)}{HINT}")
    assert not (tmp / "out").exists()
    readable = write_jsonl(tmp / "rows.jsonl", rows)  # (evaluate refuses a bad line first)
    # (a JSONL file whose first line holds a list is read by load_jsonl: its own rule)
    texts = not isinstance(values[0], list)
    for spec in [str(readable)] * texts + [f"hf:{readable}"]:
        code, _, err = run_cli(["evaluate", spec, "--out", str(tmp / "ev"), "--no-progress"])
        assert (code, error_line(err)) == (2, f"summarizer: error: {spec}: no text in field "
                                              f"'text' in any of its {len(rows)} row"
                                              f"{'s' * (len(rows) > 1)}{HINT}")


def test_batch_reads_on_to_a_row_with_text(tmp_path):
    # only some rows without text: each a failed row, as before (the rows are read until one
    # has text; where the first has, no other is read up front)
    from summarizer.batch import summarize_dataset

    rows = [_row(0, ""), _row(1, None), _row(2, TEXT)]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    report = summarize_dataset(inp, tmp_path / "out", method="lead", words=20, progress=False)
    assert (report.done, report.failed_count) == (1, 2)
    assert [f["error"] for f in report.failed] == ["field 'text' has no text",
                                                   "field 'text' is null"]
