"""Rows read as written, as an audit found them misread: a data set's summary column under
its usual names was never read by load_hf_dataset/from_hf_dataset (evaluate read it); a CSV
file's ids were re-typed by pandas ("007" -> 7; one blank id made the column floats, and
every id was refused); load_jsonl returned two clusters of one id."""

from __future__ import annotations

import json

import pytest

from summarizer.documents import load_jsonl
from summarizer.documents.hf import from_hf_dataset, load_hf_dataset
from summarizer.errors import InputError

TEXT = "The river burst its banks on Sunday, flooding homes in the town of Kestrel."


@pytest.mark.parametrize("column", ["summary", "highlights", "references"])
def test_the_usual_summary_column_is_read(tmp_path, column):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TEXT, column: "River floods Kestrel."}) + "\n")
    assert [c.references for c in load_hf_dataset(str(path))] == [["River floods Kestrel."]]
    rows = [{"text": TEXT, column: "River floods Kestrel."}]
    assert [c.references for c in from_hf_dataset(rows)] == [["River floods Kestrel."]]
    assert [c.references for c in from_hf_dataset(rows, references=False)] == [[]]


def test_a_text_field_named_summary_is_not_its_own_reference():
    rows = [{"summary": TEXT}]
    assert [c.references for c in from_hf_dataset(rows, text_field="summary")] == [[]]


def test_csv_ids_are_read_as_written(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(f'id,text\n007,"{TEXT}"\n0042,"The town flooded on Monday."\n')
    assert [c.id for c in load_hf_dataset(str(path))] == ["007", "0042"]
    blank = tmp_path / "f.csv"
    blank.write_text(f'id,text\n10,"{TEXT}"\n,"The town flooded on Monday."\n30,"Schools closed."\n')
    assert [c.id for c in load_hf_dataset(str(blank))] == ["10", "1", "30"]  # its place


def test_two_clusters_of_one_id_are_refused(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "a", "documents": [TEXT]}) + "\n"
                    + json.dumps({"id": "a", "documents": ["The town flooded."]}) + "\n")
    with pytest.raises(InputError, match="dup.jsonl:2: cluster id 'a' is already the id of the "
                                         "cluster at line 1"):
        load_jsonl(path)
    placed = tmp_path / "placed.jsonl"
    placed.write_text(json.dumps({"documents": [TEXT]}) + "\n"
                      + json.dumps({"id": "line1", "documents": ["The town flooded."]}) + "\n")
    with pytest.raises(InputError, match="cluster id 'line1' is already"):
        load_jsonl(placed)
