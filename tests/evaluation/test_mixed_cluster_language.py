"""A cluster whose documents are read in several languages (each document object its own
"language"): the cluster's language, what the language warning says of it, and its
fingerprint. Each document is split into sentences in its own language; the cluster's
(its stop words, stems, ...) was English whatever its record named, and the warning said
the documents "are read as english"."""

from __future__ import annotations

import json
import warnings

import pytest
from helpers import write_jsonl

from summarizer.documents import Cluster, Document, load_jsonl
from summarizer.evaluation import load_dataset, open_dataset
from summarizer.evaluation.datasets import dataset_from_clusters

CZECH = ("Rada města se v pondělí sešla, aby projednala protipovodňovou hráz. Schválila "
         "rozpočet na hráz po dlouhé debatě. Práce začnou na jaře, řekli úředníci.")
FRENCH = ("Le conseil municipal s'est réuni lundi pour discuter de la digue. Il a approuvé "
          "le budget après un long débat. Les travaux commencent au printemps.")
# the fingerprint of _rows() (no record language) before the cluster's language followed
# its record: data read as before keeps it, so runs made of it resume
BEFORE = "325e30e6f69d105b"


def _rows(language: str | None = None) -> list[dict]:
    named = {"language": language} if language else {}
    return [{"id": f"c{i}", **named,
             "documents": [{"text": CZECH, "language": "cs"}, {"text": FRENCH, "language": "fr"}],
             "references": ["Rada schválila rozpočet."]} for i in range(3)]


@pytest.mark.parametrize("load", [load_dataset, open_dataset])
def test_a_mixed_clusters_language_is_its_records(tmp_path, load):
    data = write_jsonl(tmp_path / "named.jsonl", _rows("cs"))
    assert [c.language for c in load_jsonl(data)] == ["czech"] * 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read as their record and documents say: nothing to say
        ds = load(str(data))
    assert [c.language for c in ds.clusters] == ["czech"] * 3
    assert [[d.language for d in c.documents] for c in ds.clusters] == [["czech", "french"]] * 3
    # read otherwise than before (English): another fingerprint, so no earlier run resumes
    assert ds.fingerprint() != BEFORE
    # documents that agree keep theirs, whatever the record names (as before)
    agree = write_jsonl(tmp_path / "agree.jsonl", [{**r, "documents": r["documents"][1:]}
                                                   for r in _rows("cs")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [c.language for c in load(str(agree)).clusters] == ["french"] * 3


def test_a_mixed_clusters_long_id_is_shortened_in_the_warning():
    long_id = "m" * 5000  # an id from the data: written whole, a 5,000-character line
    mixed = Cluster([Document(CZECH, language="czech"), Document(FRENCH, language="french")],
                    id=long_id, references=["Rada schválila rozpočet."])
    with pytest.warns(UserWarning, match=r"\(5,000 characters\)\) are in several") as said:
        dataset_from_clusters([mixed])
    assert all(long_id not in str(w.message) for w in said)


def test_load_jsonls_mixed_cluster_without_a_record_language_is_read_in_its_fallback(tmp_path):
    # as its docstring says: the record's, else fallback_language, else English
    data = write_jsonl(tmp_path / "mixed.jsonl", _rows())
    assert [c.language for c in load_jsonl(data, fallback_language="german")] == ["german"] * 3
    assert [c.language for c in load_jsonl(data)] == ["english"] * 3
    named = write_jsonl(tmp_path / "named.jsonl", _rows("cs"))
    assert [c.language for c in load_jsonl(named, fallback_language="german")] == ["czech"] * 3


@pytest.mark.parametrize("load", [load_dataset, open_dataset])
def test_a_mixed_cluster_without_a_record_language_is_warned_of_truthfully(tmp_path, load):
    data = write_jsonl(tmp_path / "mixed.jsonl", _rows())
    with pytest.warns(UserWarning) as seen:
        ds = load(str(data))
    assert [c.language for c in ds.clusters] == ["english"] * 3  # the run's: none named
    said = [str(w.message) for w in seen if "language" in str(w.message)]
    # it said "the documents look like czech, but are read as english": the first document
    # is split in Czech, its own
    assert said == [
        f"{data}: the documents of 3 of the 3 clusters sampled (first: 'c0') are in several "
        "languages (czech, french), each split into sentences in its own, but each cluster's "
        "words (stop words, stems) are read as english, the language of none of them: its "
        "record's \"language\" where it names one, else English; give the record the one "
        "to read them in"], said
    assert ds.fingerprint() == BEFORE  # read as before


def test_a_mixed_cluster_given_in_python_is_warned_of_with_its_fix():
    mixed = Cluster([Document(CZECH, language="czech"), Document(FRENCH, language="french")],
                    id="m", references=["Rada schválila rozpočet."])
    assert mixed.language == "english"  # Cluster's rule: the documents' one language, else
    with pytest.warns(UserWarning, match=r"^clusters: the documents of 1 of the 1 clusters "
                      r"sampled \(first: 'm'\) are in several languages \(czech, french\).* "
                      r"read as english, the language of none of them: give it "
                      r"Cluster\(language=\.\.\.\)"):
        dataset_from_clusters([mixed])
    with warnings.catch_warnings():  # named: read as the caller asked
        warnings.simplefilter("error")
        dataset_from_clusters([Cluster(mixed.documents, id="m", references=mixed.references,
                                       language="czech")])


def test_batch_reads_a_mixed_clusters_language_from_its_record(tmp_path):
    from summarizer.batch import read_output, summarize_dataset

    data = write_jsonl(tmp_path / "named.jsonl", _rows("cs")[:1])
    report = summarize_dataset(data, tmp_path / "out", "lead", words=15, progress=False)
    assert report.done == 1
    [row] = read_output(tmp_path / "out")
    assert json.loads(row["summary_settings"])["language"] == "czech"
