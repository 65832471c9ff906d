"""A Document's or Cluster's language is checked when the object is made: one the language
table does not know (``Document(text, language="xx")``, a typo) was kept and refused only
where the text was first split or its words read. Known ones are kept as given ("cs" stays
"cs": data sets' fingerprints hash it so), and copies, pickles and records made from stored
data keep working."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import Cluster, Document
from summarizer.documents.records import load_jsonl
from summarizer.errors import InputError, UnknownLanguageError
from summarizer.languages import LANGUAGES, normalize_language
from summarizer.sentences import split_cluster, split_document

TEXT = "The council approved the budget. The mayor said so on Monday."
CODES = sorted({code for lang in LANGUAGES.values() for code in lang.codes} | set(LANGUAGES))


def _known(name: str) -> bool:
    try:
        normalize_language(name)
    except UnknownLanguageError:
        return False
    return True


@pytest.mark.parametrize("name", ["xx", "klingon", "englsh", "e n", "zz-ZZ"])
def test_an_unknown_language_is_refused_when_the_document_is_made(name):
    with pytest.raises(UnknownLanguageError, match=r"^Document d1: unknown language "):
        Document(TEXT, id="d1", language=name)
    with pytest.raises(UnknownLanguageError, match=r"^Document: unknown language "):
        Document(TEXT, language=name)


def test_an_unknown_language_is_refused_when_the_cluster_is_made():
    with pytest.raises(UnknownLanguageError,
                       match=r"^Cluster c1: unknown language 'englsh' \(did you mean 'english'"):
        Cluster([Document(TEXT)], id="c1", language="englsh")
    with pytest.raises(UnknownLanguageError, match=r"^Cluster: unknown language 'xx'"):
        Cluster.from_texts([TEXT], language="xx")


def test_a_copy_given_an_unknown_language_is_refused_too():
    doc = Document(TEXT, id="d1", language="cs")
    with pytest.raises(UnknownLanguageError):
        replace(doc, language="xx")
    cluster = Cluster([doc], id="c1")
    with pytest.raises(UnknownLanguageError):
        replace(cluster, language="xx")


@pytest.mark.parametrize("name", ["cs", "CS", "czech", "Czech", "cs-CZ", "cs_CZ", "ces"])
def test_a_known_language_is_kept_as_given_and_read(name):
    doc = Document(TEXT, id="d1", language=name)
    assert doc.language == name  # not rewritten: fingerprints hash it as given
    assert [s.text for s in split_document(doc)]
    cluster = Cluster([Document(TEXT)], language=name)
    assert cluster.language == name and list(split_cluster(cluster))


def test_copies_and_pickles_of_documents_and_clusters_keep_working():
    doc = Document(TEXT, id="d1", language="en-US", meta={"k": [1]})
    cluster = Cluster([doc, Document(TEXT)], id="c1", language="cs")
    for made in (copy.copy(doc), copy.deepcopy(doc), pickle.loads(pickle.dumps(doc)),
                 replace(doc, id="d2")):
        assert made.language == "en-US" and made.text == TEXT
    for made_c in (copy.deepcopy(cluster), pickle.loads(pickle.dumps(cluster)),
                   replace(cluster, id="c2")):
        assert made_c.language == "cs"
        assert [d.language for d in made_c.documents] == ["en-US", None]


def test_records_read_back_from_json_keep_their_languages(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c1", "language": "cs", "documents": [
        {"text": TEXT, "id": "a", "language": "en-US"}, {"text": TEXT, "id": "b"}]}) + "\n",
        encoding="utf-8")
    [cluster] = load_jsonl(path, clean=False)
    assert [d.language for d in cluster.documents] == ["english", "czech"]  # make_document's
    assert cluster.language == "czech"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "c1", "language": "xx", "documents": [TEXT]}) + "\n",
                   encoding="utf-8")
    with pytest.raises(UnknownLanguageError, match="unknown language 'xx'"):
        load_jsonl(bad, clean=False)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.sampled_from(CODES), st.text(max_size=8),
                 st.sampled_from(CODES).map(lambda c: c.upper() + "-XY")))
def test_a_document_is_made_exactly_when_its_language_is_known(name):
    """Made: the language reads (no error later, where its text is split); refused: an
    UnknownLanguageError when made, or "" an InputError."""
    if name == "":
        with pytest.raises(InputError, match="language is empty"):
            Document(TEXT, language=name)
        return
    if not _known(name):
        with pytest.raises(UnknownLanguageError):
            Document(TEXT, language=name)
        with pytest.raises(UnknownLanguageError):
            Cluster([Document(TEXT)], language=name)
        return
    doc = Document(TEXT, language=name)
    assert doc.language == name
    assert normalize_language(doc.language) in LANGUAGES
    assert Cluster([doc]).language == name
