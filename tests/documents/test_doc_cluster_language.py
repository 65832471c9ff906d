"""A Document that names no language is read in its cluster's: ``Cluster([Document(t)],
language="cs")`` split its text as English while its words were read as Czech, and
disagreed with ``Cluster.from_texts([t], language="cs")``. One that names its own keeps
it; one used alone is English."""

from __future__ import annotations

import threading

import pytest

from summarizer import summarize
from summarizer.documents import Cluster, Document, to_cluster
from summarizer.documents.model import document_language, documents_language
from summarizer.errors import InputError
from summarizer.evaluation.datasets import Fingerprint
from summarizer.sentences import split_cluster, split_document

# "např." (for example) ends no sentence in Czech; the English splitter ends one there
CZECH = "Přijel např. Novák z Brna. Trvalo to dlouho. Konec jednání byl klidný."
AS_CZECH = ["Přijel např. Novák z Brna.", "Trvalo to dlouho.", "Konec jednání byl klidný."]


def _texts(cluster: Cluster) -> list[list[str]]:
    by_doc: list[list[str]] = [[] for _ in cluster.documents]
    for s in split_cluster(cluster):
        by_doc[s.doc_index].append(s.text)
    return by_doc


def test_the_text_splits_otherwise_in_english_and_czech():
    """The premise: were both splitters to agree here, the tests below would show nothing."""
    english = [s.text for s in split_document(Document(CZECH, language="english"))]
    assert english != AS_CZECH and "Přijel např." in english
    assert [s.text for s in split_document(Document(CZECH, language="cs"))] == AS_CZECH


@pytest.mark.parametrize("language", ["cs", "czech"])
def test_a_document_naming_no_language_is_split_in_its_clusters(language):
    cluster = Cluster([Document(CZECH)], language=language)
    assert _texts(cluster) == [AS_CZECH]
    assert _texts(Cluster.from_texts([CZECH], language=language)) == [AS_CZECH]
    assert document_language(cluster.documents[0], cluster.language) == language


def test_both_ways_of_making_a_cluster_give_the_same_summary():
    made = summarize(Cluster([Document(CZECH, id="doc0")], language="cs"), sentences=2)
    texts = summarize(Cluster.from_texts([CZECH], language="cs"), sentences=2)
    assert made.to_dict()["sentences"] == texts.to_dict()["sentences"]
    assert made.sentences and all(s.text in AS_CZECH for s in made.sentences)
    assert made.settings["language"] == texts.settings["language"]


def test_a_document_naming_its_own_language_keeps_it_in_any_cluster():
    own, inherits = Document(CZECH, id="en", language="english"), Document(CZECH, id="cs")
    cluster = Cluster([own, inherits], language="cs")
    split = _texts(cluster)
    assert split[1] == AS_CZECH and split[0] != AS_CZECH and "Přijel např." in split[0]
    assert [document_language(d, cluster.language) for d in cluster.documents] == [
        "english", "cs"]
    assert documents_language(cluster.documents, cluster.language) is None  # mixed


def test_a_document_alone_or_in_a_cluster_given_no_language_is_english():
    doc = Document(CZECH)
    assert doc.language is None and document_language(doc) == "english"
    assert [s.text for s in split_document(doc)] != AS_CZECH
    assert to_cluster(doc).language == "english"
    assert summarize(doc, sentences=1).settings["language"] == "english"
    plain = Cluster([Document(CZECH)])
    assert plain.language == "english" and _texts(plain)[0] != AS_CZECH
    # a cluster given no language: its documents' one language, a document naming none
    # counting as English (as before: Cluster's rule, so it is read in the one this gives)
    mixed = Cluster([Document(CZECH, language="czech"), Document(CZECH)])
    assert mixed.language == "english"
    assert _texts(mixed) == [AS_CZECH, _texts(plain)[0]]
    assert Cluster([Document(CZECH, language="czech")] * 2).language == "czech"


def test_the_callers_document_is_neither_changed_nor_copied():
    """A document is read in the cluster it is in: the same object in a Czech cluster and
    an English one is split in each one's language, and a meta that cannot be copied is no
    error (a cluster copied only documents it renames)."""
    doc = Document(CZECH, id="a", meta={"lock": threading.Lock()})
    czech, english = Cluster([doc], language="cs"), Cluster([doc], language="english")
    assert czech.documents[0] is doc and english.documents[0] is doc
    assert doc.language is None
    assert _texts(czech) == [AS_CZECH] and _texts(english) != [AS_CZECH]
    # to_cluster's language= still wins over both, in a copy
    assert _texts(to_cluster(Cluster([doc], language="english"), language="cs")) == [AS_CZECH]


def test_a_language_that_is_no_string_is_a_typed_error():
    with pytest.raises(InputError, match="Document language must be a string or None, not int"):
        Document(CZECH, language=5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="Cluster language must be a string .* not int"):
        Cluster([Document(CZECH)], language=5)  # type: ignore[arg-type]


def test_the_fingerprint_of_a_cluster_is_that_of_its_documents_read_in_it():
    """A document naming no language in a cluster read as Czech is hashed as one naming
    Czech is (it is read so); one naming none in an English cluster as one naming English
    (as before: Document's default was "english")."""
    for language in ("czech", "english"):
        named = Cluster([Document(CZECH, id="a", language=language)], id="c",
                        language=language)
        inherits = Cluster([Document(CZECH, id="a")], id="c", language=language)
        for reading in (None, "english", "czech"):
            assert Fingerprint.of([inherits], reading) == Fingerprint.of([named], reading)
