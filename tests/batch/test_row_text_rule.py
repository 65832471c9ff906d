"""Whether a text holds text before cleaning is one rule (records.holds_text) for a row's
text field (batch: a string, or a list of texts and document objects) and a document
object's (records.has_text: a string, or a list of paragraphs). Batch had a twin of its
own (source._some_text) that read a wrong type inside a document object (``{"text": 5}``)
or a list in the list as no text: rows all of that kind were "no text in field
'documents' in any of its rows", where a wrong type at the row's level (``documents: 5``)
was each row's own failure naming the type."""

from __future__ import annotations

import json

import pytest
from helpers import error_line, run_cli, write_jsonl

from summarizer.documents.records import has_text, holds_text

TEXT = "The storm hit the coast on Monday. Roads were closed."

# a row's text field's value, and whether it holds text before cleaning
ROW_VALUES = [
    (None, False), ("", False), (" \n", False), (TEXT, True), ([], False), (["", " "], False),
    (["", TEXT], True), ([None, ""], False),
    # a list of document objects: each one's text field, a string or a list of paragraphs
    ([{"text": ""}, {"text": None}, {}], False), ([{"text": ""}, {"text": TEXT}], True),
    ([{"text": ["", " "]}], False), ([{"text": ["", TEXT]}], True),
    ([{"article": TEXT}], True), ([{"article": " "}], False),  # the usual names, chosen
    (["", {"text": TEXT}], True),
    # another type: no lack of text, but the reader's refusal of its type
    (5, True), ({"text": ""}, True), ([5], True), ([[""]], True), ([{"text": 5}], True),
    ([{"text": {"a": ""}}], True), ([{"text": ["", 5]}], True),
]


@pytest.mark.parametrize("value, text", ROW_VALUES)
def test_one_rule_for_a_row_and_its_document_objects(value, text):
    assert holds_text(value) is text
    # a document object holding the value as its text: has_text's answer is the rule's,
    # the same as for a row listing that object (paragraphs, not objects, in its list)
    document = {"id": "d", "text": value}
    assert has_text(document, None) is holds_text(value, documents=False)
    assert holds_text([document]) is has_text(document, None)
    if not isinstance(value, list) or not any(isinstance(v, dict) for v in value):
        assert has_text(document, None) is text


@pytest.mark.parametrize("documents", [[{"text": 5}], [{"text": {"a": ""}}], [[""]]])
def test_a_wrong_type_in_a_rows_list_is_each_rows_failure_not_no_text(tmp_path, documents):
    rows = [{"id": f"r{k}", "documents": documents} for k in range(2)]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                            "lead", "--no-progress"], lines=None)
    assert "no text in field" not in err  # (was: exit 2, no text in any of its 2 rows)
    assert code == 1, err
    failed = [json.loads(line) for line in
              (tmp_path / "out" / "failed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [f["id"] for f in failed] == ["r0", "r1"]
    assert all("documents[0]" in f["error"] and " not " in f["error"] for f in failed)


@pytest.mark.parametrize("documents, summarised", [
    ([{"text": ["", " "]}, {"text": ""}], False),  # paragraphs, all blank: no text anywhere
    ([{"text": [" ", TEXT]}], True),
])
def test_document_objects_of_paragraphs_are_read_by_the_rule(tmp_path, documents, summarised):
    rows = [{"id": f"r{k}", "documents": documents} for k in range(2)]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                            "lead", "--words", "20", "--no-progress"], lines=None)
    if summarised:
        assert code == 0, err
    else:
        assert code == 2 and error_line(err).endswith(
            "no text in field 'documents' in any of its 2 rows; name the field that holds "
            "it with text_field (--text-field)"), err
        assert not (tmp_path / "out").exists()
