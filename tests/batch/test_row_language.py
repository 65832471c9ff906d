"""A row of one text reads its "language" field in batch and evaluate as summarize reads a
JSONL record's (records.language_of): one file, the same summaries in all three."""

from __future__ import annotations

import json
import warnings

import pytest
from helpers import write_jsonl

import summarizer
from summarizer.batch import read_output, summarize_dataset
from summarizer.errors import InputError
from summarizer.languages import guess_language

# Czech news text: the first is guessed Czech; the second, headlines of names, is guessed
# English (too few Czech function words), so only its field says what it is
CZECH = ("Povodně uzavřely v pondělí silnice na severu země. Školy zůstaly zavřené a "
         "elektřina byla přerušena v mnoha obcích. Hasiči pomáhali lidem opustit domovy. "
         "Vláda slíbila obcím na severu rychlou pomoc. Voda začala klesat až ve středu.")
HEADLINES = ("Ústavní soud zrušil předčasné volby. Premiér Fischer: vláda vydrží do května. "
             "Paroubek: ČSSD podá stížnost. Klaus mlčí. Topolánek: ODS vyhraje.")
ROWS = [{"id": "c0", "language": "cs", "text": CZECH,
         "summary": "Povodně uzavřely silnice a školy na severu země."},
        {"id": "c1", "language": "cs", "text": HEADLINES,
         "summary": "Ústavní soud zrušil volby."}]
WORDS = 15


def _summarized(tmp_path) -> dict[str, tuple[str, str]]:
    """summarize's summary and language of each row, read alone from a file of its own (a
    file of loose documents is one cluster)."""
    out = {}
    for row in ROWS:
        made = summarizer.summarize(str(write_jsonl(tmp_path / f"{row['id']}.jsonl", [row])),
                                    words=WORDS)
        out[row["id"]] = (made.text, made.settings["language"])
    return out


def _batched(folder) -> dict[str, tuple[str, str]]:
    rows = read_output(folder)
    return {r["id"]: (r["summary"], json.loads(r["summary_settings"])["language"])
            for r in rows}


def test_a_text_rows_language_is_read_by_batch_and_evaluate_as_by_summarize(tmp_path):
    # batch read a one-text row in --language, else guessed (the headlines as English);
    # evaluate in --language, else English: the field was read for lists of documents only
    from summarizer.evaluation import evaluate, load_dataset

    data = write_jsonl(tmp_path / "rows.jsonl", ROWS)
    made = _summarized(tmp_path)
    assert {lang for _, lang in made.values()} == {"czech"}
    assert guess_language(HEADLINES) == "english"  # what batch read it as
    report = summarize_dataset(data, tmp_path / "batch", words=WORDS, progress=False)
    assert report.done == 2
    assert _batched(tmp_path / "batch") == made
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read as they are: nothing looks out of place
        evaluate(str(data), "coverage", out=tmp_path / "run", words=WORDS, progress=False)
    results = [json.loads(line)
               for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert {r["id"]: (r["summary"], r["summary_settings"]["language"]) for r in results} == made
    assert [c.language for c in load_dataset(str(data)).clusters] == ["czech", "czech"]
    # a language named is every row's, in both
    english = summarize_dataset(data, tmp_path / "en", words=WORDS, progress=False,
                                language="en")
    assert english.done == 2
    assert {lang for _, lang in _batched(tmp_path / "en").values()} == {"english"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the Czech text read as English
        named = load_dataset(str(data), language="en")
    assert [c.language for c in named.clusters] == ["english", "english"]


def test_a_run_of_text_rows_read_by_their_field_never_resumes_read_otherwise(tmp_path):
    from summarizer.errors import RunMismatchError
    from summarizer.evaluation import evaluate, load_dataset
    from summarizer.evaluation.datasets import Fingerprint

    data = write_jsonl(tmp_path / "rows.jsonl", ROWS)
    evaluate(str(data), "lead", out=tmp_path / "run", words=WORDS, progress=False)
    with pytest.raises(RunMismatchError, match="fingerprint"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Czech read as English
        evaluate(str(data), "lead", out=tmp_path / "run", words=WORDS, progress=False,
                 language="english")
    # rows without the field are read (and fingerprinted) as before: English, the
    # fingerprint of their texts alone, so earlier runs of them resume
    plain = write_jsonl(tmp_path / "plain.jsonl", [{k: v for k, v in row.items()
                                                    if k != "language"} for row in ROWS])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Czech read as English, as before
        loaded = load_dataset(str(plain))
    assert [c.language for c in loaded.clusters] == ["english", "english"]
    assert loaded.fingerprint() == Fingerprint.of(loaded.clusters)


def test_a_bad_language_in_a_text_row_is_a_failed_row_and_an_evaluate_error(tmp_path):
    from helpers import error_line, run_cli

    data = write_jsonl(tmp_path / "bad.jsonl", [ROWS[0], {**ROWS[1], "language": "klingon"}])
    report = summarize_dataset(data, tmp_path / "batch", "lead", words=WORDS, progress=False)
    assert report.done == 1 and [f["id"] for f in report.failed] == ["c1"]
    assert "unknown language 'klingon'" in report.failed[0]["error"]
    code, out, err = run_cli(["evaluate", str(data), "--out", str(tmp_path / "run"),
                              "--no-progress"])
    assert code == 2 and out == "" and "klingon" in error_line(err), err


def test_a_data_sets_language_column_is_read_by_evaluate_and_batch(tmp_path):
    datasets = pytest.importorskip("datasets")
    from summarizer.evaluation import evaluate, load_dataset

    made = _summarized(tmp_path)
    datasets.Dataset.from_list(ROWS).to_parquet(str(tmp_path / "rows.parquet"))
    spec = f"hf:{tmp_path / 'rows.parquet'}"
    assert [c.language for c in load_dataset(spec).clusters] == ["czech", "czech"]
    evaluate(spec, "coverage", out=tmp_path / "run", words=WORDS, progress=False)
    results = [json.loads(line)
               for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert {r["id"]: (r["summary"], r["summary_settings"]["language"]) for r in results} == made
    report = summarize_dataset(tmp_path / "rows.parquet", tmp_path / "batch", words=WORDS,
                               progress=False)
    assert report.done == 2
    assert _batched(tmp_path / "batch") == made


def _class_labelled(datasets, rows: list[dict], folder):
    """``rows`` saved as a data set whose "language" column is a ClassLabel (the class
    numbers stored, their names in the features), as Hugging Face data sets often are."""
    names = ["english", "czech"]
    features = datasets.Features({**{k: datasets.Value("string") for k in rows[0]},
                                  "language": datasets.ClassLabel(names=names)})
    labelled = [{**r, "language": names.index(r["language"]) if r["language"] in names
                 else r["language"]} for r in rows]
    datasets.Dataset.from_list(labelled, features=features).save_to_disk(str(folder))
    return f"hf:{folder}"


def test_a_class_label_language_column_is_read_by_its_names(tmp_path):
    # a ClassLabel column gives each row its class number: every row failed ("field
    # 'language' must be a string, not integer") unless --language was named
    datasets = pytest.importorskip("datasets")
    from summarizer.documents import load_hf_dataset
    from summarizer.evaluation import evaluate, load_dataset

    made = _summarized(tmp_path)
    rows = [{**r, "language": "czech"} for r in ROWS]
    spec = _class_labelled(datasets, rows, tmp_path / "labelled")
    assert datasets.load_from_disk(spec[3:])[0]["language"] == 1  # stored as its number
    assert [c.language for c in load_hf_dataset(spec[3:], language=None)] == ["czech", "czech"]
    loaded = load_dataset(spec)
    assert [c.language for c in loaded.clusters] == ["czech", "czech"]
    # the same data as a column of names: read alike, so fingerprinted alike
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "names"))
    assert loaded.fingerprint() == load_dataset(f"hf:{tmp_path / 'names'}").fingerprint()
    evaluate(spec, "coverage", out=tmp_path / "run", words=WORDS, progress=False)
    results = [json.loads(line)
               for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert {r["id"]: (r["summary"], r["summary_settings"]["language"]) for r in results} == made
    report = summarize_dataset(spec, tmp_path / "batch", words=WORDS, progress=False)
    assert report.done == 2 and not report.failed
    assert _batched(tmp_path / "batch") == made


def test_a_rows_class_of_no_label_is_no_language_and_other_numbers_still_fail(tmp_path):
    # -1, a ClassLabel's "no label", is a row without a language: read in the run's (evaluate:
    # English; batch: guessed); a number in a column that is no ClassLabel fails its row
    datasets = pytest.importorskip("datasets")
    from summarizer.documents import from_hf_dataset, load_hf_dataset

    english = {"id": "e0", "language": -1, "summary": "Roads closed.",
               "text": "The floods closed roads in the north on Monday. Schools stayed shut."}
    spec = _class_labelled(datasets, [english, {**ROWS[0], "language": "czech"}],
                           tmp_path / "labelled")
    assert [c.language for c in load_hf_dataset(spec[3:], language=None,
                                                fallback_language="german")] == \
        ["german", "czech"]
    report = summarize_dataset(spec, tmp_path / "batch", "lead", words=WORDS, progress=False)
    assert report.done == 2 and not report.failed
    class Rows(list):  # rows beside features that name fewer classes than a row's number
        features = {"language": datasets.ClassLabel(names=["english"])}

    with pytest.raises(InputError, match=r"^row 0 \(id 'c0'\): field 'language' holds class "
                                         "1, a number its ClassLabel has no name for$"):
        from_hf_dataset(Rows([{**ROWS[0], "language": 1}]), language=None)
    numbered = [{**r, "language": 1} for r in ROWS]
    datasets.Dataset.from_list(numbered).save_to_disk(str(tmp_path / "numbers"))
    with pytest.raises(InputError, match=r"^row 0 \(id 'c0'\): field 'language' must be a "
                                         r"string, not a number \(1\)$"):
        load_hf_dataset(str(tmp_path / "numbers"), language=None)
    report = summarize_dataset(f"hf:{tmp_path / 'numbers'}", tmp_path / "batch2", "lead",
                               words=WORDS, progress=False)
    assert report.done == 0 and len(report.failed) == 2
    assert "field 'language' must be a string, not a number (1)" in report.failed[0]["error"]


@pytest.mark.ray
@pytest.mark.slow
def test_ray_reads_a_text_rows_language_as_the_local_engine(ray_local, tmp_path):
    data = write_jsonl(tmp_path / "rows.jsonl", ROWS)
    made = _summarized(tmp_path)
    report = summarize_dataset(data, tmp_path / "ray", words=WORDS, progress=False,
                               engine="ray", num_workers=1)
    assert report.done == 2
    assert _batched(tmp_path / "ray") == made


def test_a_document_objects_own_language_wins_over_its_rows(tmp_path):
    # the row's field was passed down as if named, so an object's own was never read
    # where its row had one (load_jsonl's docstring: its own, else its record's)
    from summarizer.documents import load_jsonl
    from summarizer.evaluation import load_dataset

    english = "The floods closed roads in the north on Monday. Schools stayed shut."
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "c0", "language": "cs", "references": ["Povodně uzavřely silnice."],
         "documents": [{"text": CZECH}, {"text": english, "language": "en"}]}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # two languages, the cluster's its record's: nothing to say
        whole = load_dataset(str(data)).clusters[0]
    for cluster in (load_jsonl(data)[0], whole):
        assert [d.language for d in cluster.documents] == ["czech", "english"]
        assert cluster.language == "czech"
    named = load_jsonl(data, language="fr")[0]  # named: every document's
    assert [d.language for d in named.documents] == ["french", "french"]


def test_a_clusters_record_language_is_kept_where_a_document_names_another(tmp_path):
    # one document names English, the record Czech: summarize read the cluster in English
    # (the record's language was dropped as the file was gathered), batch in Czech
    docs = [{"text": CZECH, "language": "en"}, CZECH.replace("Povodně", "Záplavy"), HEADLINES]
    row = {"id": "mixed", "language": "cs", "documents": docs}
    path = write_jsonl(tmp_path / "mixed.jsonl", [row])
    made = summarizer.summarize(str(path), words=WORDS)
    cluster = summarizer.documents.load_cluster(str(path))
    summarize_dataset(str(path), tmp_path / "out", words=WORDS, progress=False)
    batched = _batched(tmp_path / "out")["mixed"]
    assert cluster.language == "czech"
    assert made.settings["language"] == batched[1] == "czech"
    assert made.text == batched[0]


def test_parts_of_other_languages_leave_the_cluster_to_its_documents(tmp_path):
    czech = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "language": "cs", "documents": [CZECH]}])
    english = tmp_path / "b.txt"
    english.write_text("Floods closed roads in the north on Monday. Schools stayed shut.",
                       encoding="utf-8")
    cluster = summarizer.documents.load_cluster([str(czech), str(english)])
    assert cluster.language == summarizer.Cluster(documents=cluster.documents).language
