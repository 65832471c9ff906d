"""Hugging Face datasets: presets on locally built data sets, and the offline failure."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import datasets  # a core dependency: its absence is a failure, not a skip
import pytest

from summarizer.documents import from_hf_dataset, load_hf_dataset
from summarizer.documents.records import NoTextError
from summarizer.errors import DatasetNotFoundError, InputError, OptionError

A1 = "The storm hit the coast on Monday. Thousands lost power."
A2 = "Officials said repairs would take a week. Schools are closed."


def test_multi_news_preset():
    ds = datasets.Dataset.from_dict({
        "document": [f"{A1} |||||{A2}NEWLINE_CHARNEWLINE_CHARA second paragraph here.", ""],
        "summary": ["– A storm cut power to thousands.", "nothing"],
    })
    clusters = from_hf_dataset(ds, "multi_news")
    assert len(clusters) == 1  # the empty row is skipped and counted
    c = clusters[0]
    assert [d.text for d in c.documents] == [A1, A2 + "\n\nA second paragraph here."]
    assert c.references == ["A storm cut power to thousands."]
    assert c.meta["skipped_rows"] == 1


def test_multi_news_line_breaks_in_references_too():
    # the preset's written line breaks are undone in references as in articles, then the
    # summary's leading dash
    ds = datasets.Dataset.from_dict({"document": [A1], "summary": [
        "NEWLINE_CHAR– A storm cut power.NEWLINE_CHARSchools closed."]})
    [c] = from_hf_dataset(ds, "multi_news")
    assert c.references == ["A storm cut power.\nSchools closed."]


def test_cnn_dailymail_and_xsum_presets():
    cnn = datasets.Dataset.from_dict({"id": ["abc"], "article": [A1 + " " + A2],
                                      "highlights": ["Storm hits coast .\nPower lost ."]})
    [c] = from_hf_dataset(cnn, "cnn_dailymail")
    assert c.id == "abc" and len(c.documents) == 1
    assert c.references == ["Storm hits coast .\nPower lost ."]
    xsum = datasets.Dataset.from_dict({"id": ["1", "2"], "document": [A1, A2],
                                       "summary": ["A storm.", "Repairs."]})
    clusters = from_hf_dataset(xsum, "xsum", limit=1)
    assert [c.id for c in clusters] == ["1"] and clusters[0].references == ["A storm."]


@pytest.mark.parametrize(("preset", "text", "summary"), [("xsum", "document", "summary"),
                                                     ("cnn_dailymail", "article", "highlights")])
def test_a_presets_id_field_is_read_by_the_place_rule(preset, text, summary):
    # a preset's id field ("id") is not the user's: a row with it null or blank takes its
    # row's place, which may be another row's id, and says so (records.PLACE_ID), so that
    # evaluate and batch refuse the pair as they refuse one of --id-field's (records.RowIds)
    from summarizer.documents.records import PLACE_ID

    ds = datasets.Dataset.from_dict({"id": ["1", None, "  ", "c3"], text: [A1, A2, A1, A2],
                                     summary: ["A storm."] * 4})
    clusters = from_hf_dataset(ds, preset)
    assert [c.id for c in clusters] == ["1", "1", "2", "c3"]
    assert [bool(c.meta.get(PLACE_ID)) for c in clusters] == [False, True, True, False]


@pytest.mark.parametrize("preset", [None, "multi_news"])
def test_the_library_evaluate_and_batch_name_a_data_sets_clusters_alike(tmp_path, preset):
    # no id field named, and none in the preset: evaluate and batch read the "id" column,
    # but from_hf_dataset and load_hf_dataset numbered the rows, so one data set's clusters
    # had two names; a null id is its row's place in each (records.RowIds' rule)
    from summarizer.batch import read_output, summarize_dataset
    from summarizer.documents.records import PLACE_ID
    from summarizer.evaluation.datasets import DatasetOptions, load_dataset
    from summarizer.evaluation.stream import open_dataset

    ds = datasets.Dataset.from_dict({"id": ["a", None, "c"], "document": [A1, A2, A1 + " " + A2],
                                     "summary": ["A storm.", "Repairs.", "Both."]})
    ds.save_to_disk(str(tmp_path / "ds"))
    want = ["a", "1", "c"]
    clusters = from_hf_dataset(ds, preset)
    assert [c.id for c in clusters] == want
    assert [bool(c.meta.get(PLACE_ID)) for c in clusters] == [False, True, False]
    assert [c.id for c in load_hf_dataset(tmp_path / "ds", preset=preset)] == want
    spec = f"hf:{tmp_path / 'ds'}"
    for load in (load_dataset, open_dataset):  # evaluate, whole and streamed
        assert load(spec, DatasetOptions(preset=preset)).ids == want, load
    summarize_dataset(spec, tmp_path / "out", method="lead", words=20, preset=preset,
                      progress=False)
    assert [row["id"] for row in read_output(tmp_path / "out")] == want


def test_custom_fields_and_errors():
    ds = datasets.Dataset.from_dict({"body": [A1], "ref": ["A storm."]})
    [c] = from_hf_dataset(ds, text_field="body", summary_field="ref")
    assert c.documents[0].text == A1 and c.references == ["A storm."]
    with pytest.raises(InputError, match=r"^data set: no documents field \(tried documents, "
                       r"document, text, article\); name it with text_field"):
        from_hf_dataset(ds)  # no usual column: every row without text (records.no_field)
    with pytest.raises(InputError, match="unknown preset .gigaword."):
        from_hf_dataset(ds, "gigaword")


def test_load_from_local_paths(tmp_path):
    ds = datasets.DatasetDict({"test": datasets.Dataset.from_dict(
        {"document": [A1], "summary": ["A storm."]})})
    ds.save_to_disk(str(tmp_path / "saved"))
    [c] = load_hf_dataset(tmp_path / "saved", "test", "xsum")
    assert c.references == ["A storm."]
    with pytest.raises(InputError, match="no split 'train'"):
        load_hf_dataset(tmp_path / "saved", "train", "xsum")
    jl = tmp_path / "data.jsonl"
    jl.write_text(json.dumps({"article": A1, "highlights": "Storm."}) + "\n")
    [c] = load_hf_dataset(jl, preset="cnn_dailymail")
    assert c.documents[0].text == A1


def test_a_local_file_has_one_split_and_another_is_refused(tmp_path):
    """A file has no splits: every --split (test, validation ...) read it whole, as if the
    file were that split. Read whole it is datasets' 'train', which may be named."""
    from helpers import error_line, run_cli

    jl = tmp_path / "data.jsonl"
    jl.write_text("".join(json.dumps({"id": f"c{i}", "document": text, "summary": "Storm."})
                          + "\n" for i, text in enumerate((A1, A2))))
    assert [c.id for c in load_hf_dataset(jl)] == ["c0", "c1"]
    assert [c.id for c in load_hf_dataset(jl, "train")] == ["c0", "c1"]
    for split in ("test", "validation", "train[:1]"):
        with pytest.raises(OptionError, match=rf"data\.jsonl: a single file has no split "
                                              rf"'{re.escape(split)}': it is read whole"):
            load_hf_dataset(jl, split)
    for command in ("evaluate", "batch"):
        out = tmp_path / command
        argv = [command, f"hf:{jl}", "--method", "lead", "--out", str(out), "--no-progress"]
        code, _, err = run_cli(argv + ["--split", "test"])
        assert code == 2 and "a single file has no split 'test'" in error_line(err), err
        code, _, err = run_cli(argv, lines=None)  # no --split: the whole file, as before
        assert code == 0, err


def test_a_folder_of_one_saved_split_is_read_whole_and_another_split_refused(tmp_path):
    """A Dataset saved alone (not a DatasetDict) was read whole under any split; its own
    split is the one datasets loaded it as, or the name its DatasetDict saved it under."""
    row = {"id": "a", "document": A1, "summary": "A storm."}
    datasets.Dataset.from_list([row]).save_to_disk(str(tmp_path / "plain"))
    datasets.DatasetDict({"train": datasets.Dataset.from_list([row])}).save_to_disk(
        str(tmp_path / "dict"))
    jl = tmp_path / "d.jsonl"
    jl.write_text(json.dumps(row) + "\n")
    datasets.load_dataset("json", data_files={"validation": str(jl)},
                          split="validation").save_to_disk(str(tmp_path / "loaded"))
    for folder, own in (("plain", None), ("dict/train", "train"), ("loaded", "validation")):
        assert [c.id for c in load_hf_dataset(tmp_path / folder)] == ["a"]
        if own:
            assert [c.id for c in load_hf_dataset(tmp_path / folder, own)] == ["a"]
        for split in {"test", "train", "validation"} - {own}:
            with pytest.raises(OptionError, match=rf"a saved data set of one split has no "
                                                  rf"split '{split}': it is read whole"):
                load_hf_dataset(tmp_path / folder, split)


def test_a_split_saved_empty_is_named_not_blamed_on_the_hub(tmp_path):
    """datasets cannot load a split saved with no rows (IndexError): that was reported as
    "the hub is unreachable", and it also broke loading the folder's other splits."""
    features = datasets.Features({"document": datasets.Value("string"),
                                  "summary": datasets.Value("string")})
    datasets.DatasetDict({
        "train": datasets.Dataset.from_dict({"document": [A1], "summary": ["A storm."]},
                                            features=features),
        "test": datasets.Dataset.from_dict({"document": [], "summary": []}, features=features),
    }).save_to_disk(str(tmp_path / "saved"))
    [c] = load_hf_dataset(tmp_path / "saved", "train", "xsum")
    assert c.references == ["A storm."]
    with pytest.raises(InputError, match=r"saved[/\\]test: the data set has no rows"):
        load_hf_dataset(tmp_path / "saved", "test", "xsum")
    (tmp_path / "saved" / "train" / "state.json").write_text("{broken")
    with pytest.raises(InputError, match="state.json: not valid JSON .*; not a data set file"):
        load_hf_dataset(tmp_path / "saved", "train", "xsum")
    # JSON but no object: an AttributeError reported as "the hub is unreachable"
    (tmp_path / "saved" / "train" / "state.json").write_text("[]")
    with pytest.raises(InputError, match=r"state.json: an array, not the object of a data set"):
        load_hf_dataset(tmp_path / "saved", "train", "xsum")
    (tmp_path / "saved" / "dataset_dict.json").write_text('"train"')
    with pytest.raises(InputError, match=r"dataset_dict.json: a string, not the object"):
        load_hf_dataset(tmp_path / "saved", "train", "xsum")


@pytest.mark.parametrize("entries, said", [
    ([{}], r"_data_files\[0\] has no \"filename\""),
    ([{"filename": "data-00000-of-00001.arrow"}, {"filename": ""}],
     r"_data_files\[1\] has no \"filename\""),
    (["data-00000-of-00001.arrow"], r"_data_files\[0\] has no \"filename\""),
    ({"filename": "data-00000-of-00001.arrow"}, r"_data_files is an object, not a list"),
])
def test_a_state_json_data_file_without_a_name_is_said_as_such(tmp_path, entries, said):
    # {} was the folder joined with "": "FOLDER: is not a regular file", naming nothing wrong
    datasets.Dataset.from_dict({"document": [A1], "summary": ["A storm."]}).save_to_disk(
        str(tmp_path / "saved"))
    state_file = tmp_path / "saved" / "state.json"
    state = json.loads(state_file.read_text())
    assert [e["filename"] for e in state["_data_files"]] == ["data-00000-of-00001.arrow"]
    [c] = load_hf_dataset(tmp_path / "saved", preset="xsum")
    state_file.write_text(json.dumps({**state, "_data_files": entries}))
    with pytest.raises(InputError) as refused:
        load_hf_dataset(tmp_path / "saved", preset="xsum")
    assert re.search(rf"state\.json: {said}.*; not a data set file datasets wrote$",
                     str(refused.value)), refused.value
    assert "regular file" not in str(refused.value)


@pytest.mark.parametrize("name, data, message", [
    ("bad.parquet", b"not parquet at all", r"bad\.parquet: cannot be read as a parquet data set "
                                           r"\(ArrowInvalid: Parquet magic bytes"),
    ("bad.csv", b'a,b\n1,2\n"x\n', r"bad\.csv: cannot be read as a csv data set \(ParserError"),
])
def test_a_damaged_local_file_is_not_a_hub_error(tmp_path, name, data, message):
    # it was "cannot load data set ...: the Hugging Face hub is unreachable or the name is
    # wrong ... Download it once with network access, or give a local copy as hf:PATH"
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        load_hf_dataset(tmp_path / name)
    assert not isinstance(err.value, DatasetNotFoundError) and "hub" not in str(err.value)


def test_unreachable_hub_is_a_clear_typed_error(tmp_path):
    # datasets reads the offline switches at import: run in a fresh interpreter
    # with an empty cache, so nothing is found and nothing is downloaded.
    code = (
        "from summarizer.documents import load_hf_dataset\n"
        "from summarizer.errors import DatasetNotFoundError\n"
        "try:\n"
        "    load_hf_dataset('multi_news', 'test')\n"
        "except DatasetNotFoundError as exc:\n"
        "    print('TYPED', exc)\n"
    )
    env = dict(os.environ, HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1",
               HF_HOME=str(tmp_path / "hf"), HF_DATASETS_CACHE=str(tmp_path / "hf" / "ds"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("TYPED cannot load data set 'multi_news'")
    assert "offline mode is on" in out.stdout and "local copy as hf:PATH" in out.stdout
    assert issubclass(DatasetNotFoundError, InputError)


def test_unreachable_hub_fails_fast_from_the_cache(monkeypatch, tmp_path) -> None:
    import time

    import datasets
    from huggingface_hub import constants

    from summarizer import runtime
    from summarizer.documents import hf

    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: False)
    before = (datasets.config.HF_HUB_OFFLINE, constants.HF_HUB_OFFLINE)
    start = time.perf_counter()
    with pytest.raises(DatasetNotFoundError, match="not in the local cache"):
        hf.load_hf_dataset("no-such-org/no-such-dataset-xyz")
    assert time.perf_counter() - start < 15  # no HTTP retries
    assert (datasets.config.HF_HUB_OFFLINE, constants.HF_HUB_OFFLINE) == before


@pytest.mark.parametrize("rows, message", [
    ([{"text": 5}], "row 0: field 'text' must be a string or a list of strings, not a number"),
    ([{"text": "Fine."}, {"text": ["a", 3]}], r"row 1: text\[1\] is a number, not a string"),
    ([7], "row 0: a number, not a record"),
    ([{"text": "Good text here.", "summary": {"a": 1}}], "field 'summary' .* not an object"),
])
def test_rows_of_wrong_types_are_errors_by_position(rows, message):
    from summarizer.documents.hf import from_hf_dataset
    from summarizer.errors import InputError

    with pytest.raises(InputError, match=message):
        from_hf_dataset(rows, summary_field="summary")


def test_a_rows_cluster_language_is_the_rule_of_every_reader(tmp_path):
    # a row's cluster took its first document's language (Greek here) where the same
    # documents as a JSONL record's list, or a folder, give Cluster's rule (English: the
    # documents have no one language): the same data summarised as Greek or as English
    from summarizer.documents import load_jsonl

    greek = "Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα για την οικονομία της χώρας."
    english = "The government announced new measures for the economy on Monday."
    for texts, language in (([greek, english], "english"), ([greek, greek], "greek")):
        [row] = from_hf_dataset([{"text": texts}], language=None)
        path = tmp_path / "c.jsonl"
        path.write_text(json.dumps({"documents": texts}))
        [record] = load_jsonl(path)
        assert [d.language for d in row.documents] == [d.language for d in record.documents]
        assert row.language == record.language == language


def test_a_field_an_option_names_and_the_data_set_lacks_is_an_option_error():
    # an id_field typo gave every cluster its position as its id, silently, and a text_field
    # typo read as bad data; batch and JSONL data sets say both are the caller's options
    ds = datasets.Dataset.from_dict({"id": ["a"], "body": [A1], "ref": ["A storm."]})
    with pytest.raises(OptionError, match=r"no field 'key' \(id_field .*its place in the"):
        from_hf_dataset(ds, text_field="body", id_field="key")
    with pytest.raises(OptionError, match="no field 'bdy'"):
        from_hf_dataset(ds, text_field="bdy")
    with pytest.raises(OptionError, match="no field 'document'"):  # the preset's
        from_hf_dataset(ds, "xsum")
    with pytest.raises(NoTextError, match="no documents field") as err:  # none named: the data's
        from_hf_dataset(ds)
    assert not isinstance(err.value, OptionError)
    [c] = from_hf_dataset(ds, text_field="body", id_field="id")
    assert c.id == "a"


CREDITS = "(Reporting by John Smith; Editing by Jane Doe)\njha/ga"  # cleaning leaves nothing


def test_a_document_without_text_is_listed_as_a_jsonl_records_is(tmp_path):
    # a row's document that cleaning emptied (or a blank item of its list) was dropped
    # silently, where load_jsonl lists the same record's in meta["skipped"]
    from summarizer.documents import load_jsonl

    texts = [A1, CREDITS, "  ", A2]
    [row] = from_hf_dataset([{"id": "a", "text": texts}], id_field="id")
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "documents": texts}))
    [record] = load_jsonl(path)
    assert [d.text for d in row.documents] == [d.text for d in record.documents] == [A1, A2]
    assert [s["path"] for s in row.meta["skipped"]] == ["row 0 (id 'a') text[1]",
                                                         "row 0 (id 'a') text[2]"]
    assert [s["path"].split(" ", 1)[1] for s in record.meta["skipped"]] == [
        "(id 'a') documents[1]", "(id 'a') documents[2]"]
    reasons = ["no text left after removing its title and boilerplate", "empty"]
    assert [s["reason"] for s in row.meta["skipped"]] == reasons
    assert [s["reason"] for s in record.meta["skipped"]] == reasons
    # named by cluster and document, as evaluate and batch report them
    for c in (row, record):
        assert [(s["cluster"], s["document"]) for s in c.meta["skipped"]] == [
            ("a", "doc1"), ("a", "doc2")]


def test_blank_parts_between_separators_are_no_documents():
    # Multi-News rows end with a separator: the blank part after it is not a skipped document
    [c] = from_hf_dataset([{"document": f"{A1} ||||| {A2} |||||  ", "summary": "S."}],
                          "multi_news")
    assert len(c.documents) == 2 and c.meta["skipped"] == []
    [c] = from_hf_dataset([{"document": f"{A1} ||||| {CREDITS}", "summary": "S."}],
                          "multi_news")
    assert len(c.documents) == 1
    assert [s["path"] for s in c.meta["skipped"]] == ["row 0 document[1]"]


@pytest.mark.parametrize("summary, message", [
    (["Good.", 3], r"{where}: summary\[1\] is a number, not a string"),
    ({"a": 1}, r"{where}: field 'summary' must be a string or a list of strings, not an object"),
    (True, r"{where}: field 'summary' must be a string or a list of strings, not a boolean"),
])
def test_references_are_read_by_one_rule_for_rows_and_records(tmp_path, summary, message):
    from summarizer.documents import load_jsonl

    with pytest.raises(InputError, match=message.format(where=r"row 0 \(id 'a'\)")):
        from_hf_dataset([{"id": "a", "text": A1, "summary": summary}], summary_field="summary",
                        id_field="id")
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "documents": [A1], "summary": summary}))
    with pytest.raises(InputError, match=message.format(where=r"c.jsonl:1 \(id 'a'\)")):
        load_jsonl(path, references_field="summary")


def test_references_are_stripped_and_blank_ones_dropped_alike(tmp_path):
    # a JSONL record kept a reference's surrounding white space where a row stripped it
    from summarizer.documents import load_jsonl

    refs = ["  A storm cut power.\n", " \n", "Power lost."]
    [row] = from_hf_dataset([{"text": A1, "summary": refs}], summary_field="summary")
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"documents": [A1], "references": refs}))
    [record] = load_jsonl(path)
    assert row.references == record.references == ["A storm cut power.", "Power lost."]


def test_a_date_field_puts_a_rows_documents_in_date_order():
    # no date was read from a row: its documents kept input order, the October article
    # came first and the September one was taken as the newest
    import datetime as dt

    import summarizer

    oct_text = "The October report says the river rose again overnight near the old bridge."
    sep_text = "The September report says the river first rose after a week of heavy rain."
    ds = datasets.Dataset.from_dict({"docs": [[oct_text, sep_text]],
                                     "dates": [["2004-10-01", "2004-9-1"]]})
    [c] = from_hf_dataset(ds, text_field="docs", date_field="dates")
    assert [d.date for d in c.documents] == ["2004-10-01", "2004-09-01"]
    newest = summarizer.summarize(c, "lead", mode="newest", sentences=1)
    assert newest.sentences[0].text == oct_text
    [undated] = from_hf_dataset(ds, text_field="docs")  # not named: none is read
    assert [d.date for d in undated.documents] == [None, None]
    # one date for the row's documents; a date column in ISO form
    when = datasets.Dataset.from_dict({"text": [f"{A1} |||||{A2}"],
                                       "day": [dt.datetime(2004, 9, 1, 7, 30)]})
    [one] = from_hf_dataset(when, separator="|||||", date_field="day")
    assert [d.date for d in one.documents] == ["2004-09-01T07:30:00"] * 2


def test_a_date_field_that_does_not_fit_the_rows_is_refused():
    ds = datasets.Dataset.from_dict({"docs": [[A1, A2]], "dates": [["2004-09-01"]],
                                     "day": ["1/9/2004"]})
    with pytest.raises(OptionError, match=r"data set: no field 'when' \(date_field "
                                          r"\(--date-field\)\)"):
        from_hf_dataset(ds, text_field="docs", date_field="when")
    with pytest.raises(InputError, match=r"row 0: field 'dates' holds 1 date, but 'docs' "
                                         "holds a list of 2 texts"):
        from_hf_dataset(ds, text_field="docs", date_field="dates")
    # one of each is said in the singular ("holds 1 dates", "a list of 1 texts")
    with pytest.raises(InputError, match=r"row 0: field 'dates' holds 2 dates, but 'docs' "
                                         "holds a list of 1 text$"):
        from_hf_dataset([{"docs": [A1], "dates": ["2004-09-01", "2004-09-02"]}],
                        text_field="docs", date_field="dates")
    with pytest.raises(InputError, match=r"row 0: Document doc0 date is '1/9/2004': day 1 "
                                         "of month 9, or month 1 day 9"):
        from_hf_dataset(ds, text_field="docs", date_field="day")


def test_a_field_option_the_first_of_a_list_of_rows_lacks_is_an_option_error():
    # without column names every id and date was silently none; a data set's missing
    # column was refused: the first row's missing field is, in the same words
    rows = [{"id": "a", "body": A1, "day": "2004-09-01"}]
    with pytest.raises(OptionError, match=r"^row 0: no field 'key' \(id_field .*; fields: id, "
                                          r"body, day; without it .*its place in the"):
        from_hf_dataset(rows, text_field="body", id_field="key")
    with pytest.raises(OptionError, match=r"^data.jsonl:1: no field 'when' \(date_field"):
        from_hf_dataset(rows, text_field="body", date_field="when", where=lambda i: "data.jsonl:1")
    [c] = from_hf_dataset(rows, text_field="body", id_field="id", date_field="day")
    assert c.id == "a" and c.documents[0].date == "2004-09-01"
    # a caller that checked its first line itself: each row still needs the named id and
    # date (its own, as a JSONL record's documents'), unless the id field is its own choice
    with pytest.raises(InputError, match=r"^row 0: no field 'key' \(id_field .*; fields: id"):
        from_hf_dataset(rows, text_field="body", id_field="key", check_first=False)
    [c] = from_hf_dataset(rows, text_field="body", id_field="key", check_first=False,
                          require_id=False)
    assert c.id == "0"
    with pytest.raises(InputError, match=r"^row 0 \(id 'a'\): no field 'when' \(date_field"):
        from_hf_dataset(rows, text_field="body", id_field="id", date_field="when",
                        check_first=False)


def test_a_later_row_without_the_date_field_is_refused_naming_it():
    # the first row alone was checked: a later row's documents went undated, unsaid
    rows = [{"body": A1, "day": "2004-09-01"}, {"body": A1}]
    with pytest.raises(InputError, match=r"^row 1: no field 'day' \(date_field .*; fields: "
                                         "body$"):
        from_hf_dataset(rows, text_field="body", date_field="day")


def test_a_later_row_without_the_named_id_field_is_refused_naming_it():
    # the first row alone was checked: a later row silently took its place for an id
    rows = [{"key": "a", "body": A1}, {"body": A1}]
    with pytest.raises(InputError, match=r"^data.jsonl:2: no field 'key' \(id_field "
                                         r"\(--id-field\)\); fields: body$"):
        from_hf_dataset(rows, text_field="body", id_field="key",
                        where=lambda i: f"data.jsonl:{i + 1}")
    # not named, or the caller's own choice (evaluate's usual "id"): its place, as before
    assert [c.id for c in from_hf_dataset(rows, text_field="body")] == ["0", "1"]
    assert [c.id for c in from_hf_dataset(rows, text_field="body", id_field="key",
                                          require_id=False)] == ["a", "1"]


@pytest.mark.parametrize("blank,said", [(None, "null"), ("", "blank"), (" \t", "blank")])
def test_a_null_or_blank_named_id_is_refused_as_a_missing_one(blank, said):
    # present but null or blank, the named id field gave the row its place for an id
    rows = [{"key": "a", "body": A1}, {"key": blank, "body": A1}]
    with pytest.raises(InputError, match=rf"^data.jsonl:2: field 'key' \(id_field "
                                         rf"\(--id-field\)\) is {said}, not an id$"):
        from_hf_dataset(rows, text_field="body", id_field="key",
                        where=lambda i: f"data.jsonl:{i + 1}")
    # the caller's own choice of field (evaluate's usual "id"): read as before
    assert len(from_hf_dataset(rows, text_field="body", id_field="key", require_id=False)) == 2
    # a named date's null is an undated document still
    [c] = from_hf_dataset([{"key": "a", "body": A1, "day": None}], text_field="body",
                          id_field="key", date_field="day")
    assert c.id == "a" and c.documents[0].date is None


def test_the_reader_checks_a_list_of_rows_first_row_as_it_checks_columns():
    # from_hf_dataset checked a list's first row and row_reader the columns: one rule in
    # two places; the reader now checks both, a caller that checked its first line opting out
    from summarizer.documents.hf import row_reader

    rows = [{"id": "a", "body": A1}]
    with pytest.raises(OptionError, match=r"^row 0: no field 'key' \(id_field"):
        row_reader(rows, text_field="body", id_field="key")
    with pytest.raises(OptionError, match=r"^in.jsonl:1: no field 'day' \(date_field"):
        row_reader(rows, None, "in.jsonl:1", text_field="body", date_field="day")
    assert row_reader(rows, None, None, text_field="body", id_field="key").id_field == "key"


@pytest.mark.parametrize("blank", ["", " \t"])
def test_a_blank_default_id_is_no_id_the_row_stands_for_it(blank):
    # the id field not named ("id"): a blank id was kept as the cluster's id "", where batch
    # gives such a row its position; now no id, as null or absent
    # (require_id=False: "id" is the caller's default, as evaluate's for a data set's column)
    rows = [{"id": "a", "body": A1}, {"id": blank, "body": A1}, {"id": None, "body": A1}]
    assert [c.id for c in from_hf_dataset(rows, text_field="body", id_field="id",
                                          require_id=False)] == ["a", "1", "2"]


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_a_presets_id_field_named_as_the_text_field_is_refused(tmp_path, monkeypatch, command):
    # the check compared --text-field with `--id-field or "id"`: a preset whose rows are
    # named by another field summarised each cluster's id ('c0') as its documents
    from helpers import error_line, run_cli, write_jsonl

    from summarizer.documents.hf import PRESETS, HFPreset

    monkeypatch.setitem(PRESETS, "xsum", HFPreset("document", "summary", "doc_id"))
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"doc_id": f"c{k}", "document": f"{A1} {A2}", "summary": "A storm cut power."}
        for k in range(2)])
    code, _, err = run_cli([command, str(data), "--preset", "xsum", "--text-field", "doc_id",
                            "--method", "lead", "--no-progress", "--out", str(tmp_path / "run")])
    assert code == 2, err
    assert error_line(err).endswith("name one field, 'doc_id': the documents must be another "
                                    "field")
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("fields", [{"text_field": "id"},  # the rows' usual id field
                                    {"text_field": "body", "id_field": "body"},
                                    {"text_field": "doc_id", "preset": "xsum"}])
def test_the_library_refuses_the_id_field_as_the_text_field(monkeypatch, fields):
    # the CLI refused it (records.check_row_options); from_hf_dataset summarised each
    # cluster's id ('c0') as its only document
    from summarizer.documents.hf import PRESETS, HFPreset

    monkeypatch.setitem(PRESETS, "xsum", HFPreset("document", "summary", "doc_id"))
    rows = [{"id": "c0", "doc_id": "c0", "body": A1, "document": A1, "summary": A2}]
    columns = datasets.Dataset.from_list(rows)
    preset = fields.pop("preset", None)
    for data in (rows, columns):  # a list of dicts, a data set with columns
        with pytest.raises(OptionError, match="name one field, '(id|body|doc_id)': the "
                                               "documents must be another field"):
            from_hf_dataset(data, preset, **fields)
