"""SGML article files and date lines, as an audit found them misread: a sentence opening with
a date lost the date to the document's date; an SGML file with anything before its first
<DOC> (an XML declaration, a comment, AQUAINT-2's <DOCSTREAM>) was read as plain text, tags
and all; --no-clean was ignored for SGML; an article cleaning empties was kept as an empty
document (and scored by evaluate)."""

from __future__ import annotations

import pytest

from summarizer.documents import make_document
from summarizer.documents.duc import load_duc_documents
from summarizer.documents.loaders import load_cluster

ARTICLE = """<DOC>
<DOCNO> APW19981011.0248 </DOCNO>
<TEXT>
LONDON (AP) _ The river burst its banks on Sunday, flooding hundreds of homes in the town.
Rescue teams worked through the night to move residents to shelters.
(MORE)
</TEXT>
</DOC>
"""
EMPTY = """<DOC>
<DOCNO> APW19981011.0249 </DOCNO>
<TEXT>
(MORE)
</TEXT>
</DOC>
"""


@pytest.mark.parametrize("text", [
    "September 11, 2001 changed the way airports screen passengers across the whole world, "
    "experts said on Monday.",
    "3 May 2005 was the day the river burst its banks and flooded the old town centre.",
])
def test_a_sentence_opening_with_a_date_keeps_it(text):
    doc = make_document(text + "\n\nOfficials said more than 400 residents were moved to "
                        "shelters overnight, and the army was sent to help.")
    assert doc.text.startswith(text) and doc.date is None


def test_a_date_line_glued_to_the_first_sentence_is_still_the_date():
    doc = make_document("Tuesday, January 18, 2005Through a telethon the town raised money.\n\n"
                        "Officials said more than 400 residents were moved to shelters.")
    assert doc.text.startswith("Through a telethon") and doc.date == "2005-01-18"


@pytest.mark.parametrize("before, after", [
    ('<?xml version="1.0" encoding="utf-8"?>\n<DOCSTREAM>\n', "</DOCSTREAM>\n"),
    ("<!-- AQUAINT-2 sample\n  two lines -->\n", ""),
    ("<!DOCTYPE DOCSTREAM>\n<DOCSTREAM>\n", "</DOCSTREAM>\n"),
])
def test_an_sgml_file_with_a_prologue_is_read_as_its_articles(tmp_path, before, after):
    path = tmp_path / "aq.xml.txt"
    path.write_text(before + ARTICLE + after)
    (doc,) = load_cluster(str(path)).documents
    assert doc.id == "APW19981011.0248"
    assert doc.text.startswith("The river burst its banks") and "<" not in doc.text


def test_no_clean_keeps_an_sgml_articles_text(tmp_path):
    path = tmp_path / "a.sgml"
    path.write_text(ARTICLE)
    (cleaned,) = load_cluster(str(path)).documents
    (kept,) = load_cluster(str(path), clean=False).documents
    assert cleaned.text.startswith("The river burst")
    assert kept.text.startswith("LONDON (AP)") and "(MORE)" in kept.text


def test_an_sgml_article_cleaning_empties_is_skipped_and_named(tmp_path):
    path = tmp_path / "b.sgml"
    path.write_text(ARTICLE + EMPTY)
    cluster = load_cluster(str(path))
    assert [d.id for d in cluster.documents] == ["APW19981011.0248"]
    assert cluster.meta["skipped"] == [{"path": f"{path} APW19981011.0249",
                                        "reason": "no text left after removing its title and "
                                                  "boilerplate"}]
    only = tmp_path / "only.sgml"
    only.write_text(EMPTY)
    with pytest.raises(Exception, match="only.sgml: its SGML articles have no text left"):
        load_cluster(str(only))
    folder = tmp_path / "d30001t"
    folder.mkdir()
    (folder / "APW19981011").write_text(ARTICLE + EMPTY)
    skipped: list[dict] = []
    assert [d.id for d in load_duc_documents(folder, skipped=skipped)] == ["APW19981011.0248"]
    assert skipped == [{"path": str(folder / "APW19981011"), "document": "APW19981011.0249",
                        "reason": "no text left after removing its title and boilerplate"}]


@pytest.mark.parametrize("sentence", ["She died on March 3, 2005.", "Sie starb am 3. März 2005.",
                                      "The law was passed in May 2005!"])
def test_a_sentence_that_ends_at_a_year_is_no_date_line(sentence):
    # read as the date line, it took the document's date, and the lead above it became the
    # title: two real sentences gone
    from summarizer.documents import make_document

    lead = "The storm killed four people on the coast, officials said on Monday."
    doc = make_document(f"{lead}\n\n{sentence}\n\nThe coast guard searched for survivors.",
                        language="german" if "starb" in sentence else "english")
    assert doc.title is None and doc.date is None
    assert doc.text.startswith(lead) and sentence in doc.text


def test_a_date_line_with_a_full_stop_is_still_one():
    from summarizer.documents import make_document

    doc = make_document("Storm kills four\n\nTuesday, July 5, 2005.\n\nThe coast guard searched.",
                        language="english")
    assert (doc.title, doc.date, doc.text) == ("Storm kills four", "2005-07-05",
                                               "The coast guard searched.")
