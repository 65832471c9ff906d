"""The batch job on the local engine: output rows, resume, refusals, bad rows, inputs."""

from __future__ import annotations

import errno
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_helpers import Logged, make_records
from helpers import error_line, run_cli, write_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.engine import TAIL_SHARE, pack_items, run_local, split_tail
from summarizer.batch.output import schema
from summarizer.batch.source import Fields, Row, to_cluster
from summarizer.documents import Cluster, Document
from summarizer.errors import (
    InputError,
    OptionError,
    OutputExistsError,
    RunBusyError,
    RunMismatchError,
)
from summarizer.summarizers import get_summarizer, make_budget
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence


def _run(inp, out, **kw):
    kw.setdefault("method", "lead")
    kw.setdefault("words", 40)
    return summarize_dataset(inp, out, progress=False, **kw)


def test_one_row_per_cluster_with_provenance(clusters_jsonl, tmp_path):
    report = _run(clusters_jsonl, tmp_path / "out", batch_size=3)
    rows = read_output(tmp_path / "out")
    assert report.done == 10 and report.rows == 10 and not report.failed
    assert [r["id"] for r in rows] == [f"c{i:03d}" for i in range(10)]
    assert [r["position"] for r in rows] == list(range(10))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert {r["settings_fingerprint"] for r in rows} == {manifest["settings_fingerprint"]}
    assert manifest["input"]["fingerprint"] and manifest["settings"]["budget"]["limit"] == 40
    for shard in (tmp_path / "out").glob("part-*.parquet"):
        assert pq.read_schema(shard).equals(schema())
    # Each row is exactly what the summariser gives for that cluster alone.
    records = [json.loads(line) for line in clusters_jsonl.read_text().splitlines()]
    lead, budget = get_summarizer("lead"), make_budget(words=40)
    for rec, row in zip(records, rows, strict=True):
        cluster = to_cluster(Row(row["position"], "", rec["id"], rec), Fields())
        summary = lead.summarize(cluster, budget)
        assert row["summary"] == summary.text
        assert [(s["doc_id"], s["sentence_index"], s["start"], s["end"]) for s in row["sentences"]] \
            == [(s.doc_id, s.sentence_index, s.start, s.end) for s in summary.sentences]
        doc = {d.id: d.text for d in cluster.documents}
        for s in row["sentences"]:  # provenance points at the sentence in its document
            assert doc[s["doc_id"]][s["start"]:s["end"]] == s["text"]
        assert row["summary_words"] <= 40 and row["seconds"] >= 0


def test_interrupted_job_resumes_to_the_same_output(clusters_jsonl, tmp_path):
    log = str(tmp_path / "log")
    with pytest.raises(KeyboardInterrupt):
        _run(clusters_jsonl, tmp_path / "out", method=Logged(log, stop_on="c007"),
             batch_size=2, rows_per_shard=2)
    saved = {r["id"] for r in read_output(tmp_path / "out")}
    assert saved == {f"c{i:03d}" for i in range(7)}  # every finished cluster is kept
    assert not list((tmp_path / "out").glob(".*.tmp"))
    report = _run(clusters_jsonl, tmp_path / "out", method=Logged(log), batch_size=2)
    assert report.skipped == 7 and report.done == 3
    resumed = read_output(tmp_path / "out")
    assert [r["id"] for r in resumed] == [f"c{i:03d}" for i in range(10)]  # no duplicates
    fresh = _run(clusters_jsonl, tmp_path / "fresh", method=Logged(log), batch_size=5)
    assert fresh.done == 10
    assert [r["summary"] for r in resumed] == [r["summary"] for r in read_output(tmp_path / "fresh")]
    again = _run(clusters_jsonl, tmp_path / "out", method=Logged(log))
    assert (again.done, again.skipped) == (0, 10)


def test_ctrl_c_inside_a_batch_keeps_its_finished_clusters(clusters_jsonl, tmp_path, capsys):
    # At the default batch size (64 clusters) all 10 clusters are one batch: the local
    # engine computed it whole before handing anything over, so Ctrl-C at the 8th cluster
    # lost the 7 already summarised (hours with an abstractive model on a CPU), and the
    # progress bar stood at 0 all the while.
    log = str(tmp_path / "log")
    with pytest.raises(KeyboardInterrupt):
        summarize_dataset(clusters_jsonl, tmp_path / "out", Logged(log, stop_on="c007"),
                          words=40, progress=True)
    assert [r["id"] for r in read_output(tmp_path / "out")] == [f"c{i:03d}" for i in range(7)]
    assert json.loads((tmp_path / "out" / "report.json").read_text())["done"] == 7
    assert "7/10" in capsys.readouterr().err.replace(" ", "")  # the bar counted them


def test_a_shard_linked_twice_in_the_input_folder_is_read_once(tmp_path):
    # latest.jsonl -> the day's shard: its rows were read twice, every one a "duplicate id"
    # failure (exit 1, and again at every rerun, which retries failures)
    shards = tmp_path / "in"
    shards.mkdir()
    write_jsonl(shards / "day1.jsonl", make_records(3))
    (shards / "a_latest.jsonl").symlink_to("day1.jsonl")  # sorts first: the file is kept
    with pytest.warns(UserWarning, match=r"skipped \S*a_latest\.jsonl: the same file as "
                                         r"\S*day1\.jsonl, already read"):
        report = _run(shards, tmp_path / "out")
    assert (report.rows, report.done, report.failed_count) == (3, 3, 0)


def test_other_settings_or_input_or_foreign_folder_refused(clusters_jsonl, tmp_path):
    _run(clusters_jsonl, tmp_path / "out")
    with pytest.raises(RunMismatchError, match="budget.limit: 40 -> 41"):
        _run(clusters_jsonl, tmp_path / "out", words=41)
    with pytest.raises(RunMismatchError, match="method"):
        _run(clusters_jsonl, tmp_path / "out", method="centroid")
    other = write_jsonl(tmp_path / "other.jsonl", make_records(10, seed=1))
    with pytest.raises(RunMismatchError, match="other input"):
        _run(other, tmp_path / "out")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(OutputExistsError, match="notes.txt"):
        _run(clusters_jsonl, mine)
    assert (mine / "notes.txt").read_text() == "keep me" and len(list(mine.iterdir())) <= 2


def test_malformed_rows_reported_and_job_goes_on(tmp_path):
    records = make_records(4)
    bad = [
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": "empty", "documents": []}),
        json.dumps({"id": "number", "documents": 7}),
        json.dumps({"id": "c001", "documents": ["A duplicate id. It is refused here."]}),
        json.dumps({"id": "notext", "title": "no text field"}),
        json.dumps({"id": "null", "documents": None}),  # was "no text field (documents)"
    ]
    inp = write_jsonl(tmp_path / "in.jsonl", records, raw_lines=bad)
    code, out, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                              "lead", "--no-progress"], lines=None)  # a line a failed row
    assert code == 1
    assert "4 summarised" in out and "7 failed" in out
    assert "row 4 (" in err and "in.jsonl:5" in err and "not valid JSON" in err
    assert "row 6 (id 'empty'" in err and "row 8 (id 'c001'" in err
    assert "duplicate id (first at position 1)" in err
    assert "row 10 (id 'null'" in err and "field 'documents' is null" in err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert (report["done"], report["failed"], report["rows"]) == (4, 7, 11)
    assert [f["position"] for f in report["failures"]] == [4, 5, 6, 7, 8, 9, 10]
    failed = [json.loads(x) for x in (tmp_path / "out" / "failed.jsonl").read_text().splitlines()]
    # in input order, as stderr and the report: rows refused as read (4, 5, 8) came first
    assert [f["position"] for f in failed] == [4, 5, 6, 7, 8, 9, 10]
    assert len(read_output(tmp_path / "out")) == 4


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_failed_jsonl_follows_input_order_however_rows_fail(tmp_path, batch_size):
    # a row refused as it is read (not JSON, a duplicate id) was written as soon as read,
    # ahead of an earlier row that failed when summarised (no text): row 3 before row 2
    good = make_records(4)
    lines = [json.dumps(good[0]), json.dumps({"id": "x", "title": "no text"}), "{not json",
             json.dumps(good[1]), *["[1]"] * 30, json.dumps({"id": "c000", "documents": ["Dup."]}),
             json.dumps({"id": "y", "documents": 7}), json.dumps(good[2]), "{again"]
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    report = _run(inp, tmp_path / "out", batch_size=batch_size)
    failed = [json.loads(x)["position"]
              for x in (tmp_path / "out" / "failed.jsonl").read_text().splitlines()]
    expected = [i for i, line in enumerate(lines) if line not in map(json.dumps, good)]
    assert failed == expected == [f["position"] for f in report.failed]
    assert report.failed_count == len(expected) and report.done == 3


CREDITS = "(Reporting by John Smith; Editing by Jane Doe)\njha/ga"  # cleaning leaves nothing


def test_documents_cleaning_emptied_are_reported_per_row(tmp_path):
    # they were dropped silently: the row was summarised from the others, and nothing said so
    records = make_records(3)
    records[1]["documents"].insert(1, CREDITS)
    # one text split by --separator (the first row: the option is checked on it)
    records[0] = {"id": "text", "text": f"{records[0]['documents'][0]} ||||| {CREDITS}"}
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                            "lead", "--separator", "|||||", "--no-progress"], lines=2)
    assert code == 0, err  # summarised from the documents left, as summarize does
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert (report["done"], report["failed"], report["emptied_rows"]) == (3, 0, 2)
    reason = "no text left after removing its title and boilerplate"
    assert [(e["id"], e["position"], e["where"]) for e in report["emptied"]] == [
        ("text", 0, f"{inp}:1"), ("c001", 1, f"{inp}:2")]
    assert [[(d["document"], d["reason"]) for d in e["documents"]]
            for e in report["emptied"]] == [[("doc1", reason)], [("doc1", reason)]]
    assert [e["documents"][0]["path"] for e in report["emptied"]] == [
        f"{inp}:1 (id 'text') text[1]", f"{inp}:2 (id 'c001') documents[1]"]  # alike
    assert f"row 1 (id 'c001', {inp}:2): left out document(s) without text" in err
    assert "doc1 (no text left" in err


@pytest.mark.parametrize("options,wanted", [
    (dict(text_field="body"), r"in.jsonl:2 \(the first row\): no field 'body' \(text_field "
                              r"\(--text-field\)\); fields: id, documents, refs$"),
    (dict(id_field="key"), r"no field 'key' \(id_field \(--id-field\)\).* its place in the"),
    (dict(separator="|||||"), r"row\): separator \(--separator\) splits a field holding one"),
    (dict(preset="xsum"), r"no field 'document' \(the text field of preset \(--preset\) 'xsum'"),
])
def test_a_field_option_the_rows_lack_stops_the_job_before_any_row(options, wanted, tmp_path):
    # each row failed alike ("no text field (body)"), or an id typo silently took positions,
    # or the separator was not used: now one OptionError, before the output folder exists
    records = [{"id": r["id"], "documents": r["documents"], "refs": []} for r in make_records(3)]
    inp = write_jsonl(tmp_path / "in.jsonl", [],
                      raw_lines=["{not json", *map(json.dumps, records)])
    with pytest.raises(OptionError, match=wanted):  # the first row that can be read says
        _run(inp, tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()


def test_an_input_none_of_whose_rows_has_a_text_field_is_refused_before_any_row(tmp_path):
    # JSONL rows with no "documents"/"text" field, no --text-field: each row failed alike
    # ("no text field (documents, document, text, article)", exit 1, an output folder made),
    # where evaluate refuses such a file up front. Now the same line as evaluate's, exit 2
    records = [{"id": r["id"], "body": r["documents"]} for r in make_records(3)]
    inp = write_jsonl(tmp_path / "in.jsonl", [], raw_lines=["{not json", *map(json.dumps, records)])
    code, out, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                              "lead", "--no-progress"])
    assert code == 2 and out == ""
    assert error_line(err) == (
        f"summarizer: error: {inp}: no documents field in any of its 3 rows (tried documents, "
        "document, text, article); name it with text_field (--text-field)")
    assert not (tmp_path / "out").exists()
    with_refs = write_jsonl(tmp_path / "refs.jsonl", [{**r, "summary": "A reference."}
                                                       for r in records])
    code, _, err = run_cli(["evaluate", str(with_refs), "--out", str(tmp_path / "ev"),
                            "--no-progress"])
    assert code == 2 and error_line(err) == (  # evaluate's, from its first line
        f"summarizer: error: {with_refs}: no documents field (tried documents, document, "
        "text, article); name it with text_field (--text-field)")


def test_rows_without_a_text_field_before_one_with_it_are_failed_rows(tmp_path):
    # only some rows lack it (the first two here): each is a failed row, by id and position
    records = make_records(3)
    lacking = [{"id": "x", "body": ["No text field. It fails."]}, {"id": "y", "title": "None."}]
    inp = write_jsonl(tmp_path / "in.jsonl", [*lacking, *records])
    report = _run(inp, tmp_path / "out")
    assert (report.done, report.failed_count, report.complete) == (3, 2, True)
    assert [(f["id"], f["position"]) for f in report.failed] == [("x", 0), ("y", 1)]
    assert all(f["error"].startswith("no text field") for f in report.failed)


def test_a_named_field_a_later_row_lacks_fails_that_row_alone(tmp_path):
    records = [{"id": r["id"], "body": r["documents"]} for r in make_records(3)]
    lacking = {"id": "x", "documents": ["A row without its body field. It is counted."]}
    inp = write_jsonl(tmp_path / "in.jsonl", [*records, lacking])
    code, out, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                              "lead", "--text-field", "body", "--id-field", "id", "--no-progress"])
    assert code == 1 and "3 summarised" in out and "1 failed" in out
    assert "row 3 (id 'x'" in err and "no text field (body)" in err


def test_a_later_row_without_the_named_id_field_is_a_failed_row_and_the_job_goes_on(
        tmp_path):
    # it took its position for an id, unsaid (a later date field's lack is a failed row)
    r = make_records(4)
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"key": "a", "documents": r[0]["documents"]}, {"text": r[1]["documents"][0]},
        {"documents": r[2]["documents"]}, {"key": "d", "text": r[3]["documents"][0]}])
    report = _run(inp, tmp_path / "out", id_field="key")
    assert [(f["id"], f["position"], f["where"]) for f in report.failed] == [
        (None, 1, f"{inp}:2"), (None, 2, f"{inp}:3")]
    assert [f["error"] for f in report.failed] == [
        "no field 'key' (id_field (--id-field)); fields: text",
        "no field 'key' (id_field (--id-field)); fields: documents"]
    assert [row["id"] for row in read_output(tmp_path / "out")] == ["a", "d"]
    # not named: each row's "id", else its position, as before
    assert [row["id"] for row in read_output(_run(inp, tmp_path / "plain").out)] == [
        "0", "1", "2", "3"]


@pytest.mark.parametrize("blank,said", [(None, "null"), ("", "blank"), ("  ", "blank")])
def test_a_null_or_blank_named_id_is_a_failed_row_as_a_missing_one(tmp_path, blank, said):
    # present but null or blank, it took the row's position for an id, unsaid
    r = make_records(3)
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"key": "a", "documents": r[0]["documents"]}, {"key": blank, "text": r[1]["documents"][0]},
        {"key": "c", "documents": r[2]["documents"]}])
    report = _run(inp, tmp_path / "out", id_field="key")
    assert [(f["id"], f["position"], f["where"], f["error"]) for f in report.failed] == [
        (None, 1, f"{inp}:2", f"field 'key' (id_field (--id-field)) is {said}, not an id")]
    assert [row["id"] for row in read_output(tmp_path / "out")] == ["a", "c"]
    # the first row's alike: the option names a field the rows have
    inp = write_jsonl(tmp_path / "first.jsonl", [{"key": blank, "text": r[0]["documents"][0]},
                                                 {"key": "b", "text": r[1]["documents"][0]}])
    report = _run(inp, tmp_path / "first", id_field="key")
    assert [(f["id"], f["position"]) for f in report.failed] == [(None, 0)]
    assert [row["id"] for row in read_output(tmp_path / "first")] == ["b"]


@pytest.mark.parametrize("bad", [{}, {"key": None}, {"key": ""}])
def test_a_row_failed_for_its_named_id_reserves_no_id(tmp_path, bad):
    # reported under its position "1", it was counted as holding id "1": the later row
    # whose id that is was refused as a duplicate, and on a resume it was skipped as done.
    # It holds no id: reported by position, its id None (it was "1", the id of the row
    # at position 2 too)
    r = make_records(3)
    rows = [{"key": "a", "documents": r[0]["documents"]}, {**bad, "documents": r[1]["documents"]},
            {"key": "1", "documents": r[2]["documents"]}]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    report = _run(inp, tmp_path / "out", id_field="key")
    assert [(f["id"], f["position"]) for f in report.failed] == [(None, 1)]
    assert "id_field (--id-field)" in report.failed[0]["error"]
    assert [(row["id"], row["position"]) for row in read_output(tmp_path / "out")] == [
        ("a", 0), ("1", 2)]
    # resumed, with "1" done: the row without its id fails again, not skipped as done
    resumed = _run(inp, tmp_path / "out", id_field="key")
    assert resumed.skipped == 2 and [(f["id"], f["position"]) for f in resumed.failed] == [
        (None, 1)]


def test_an_id_a_row_takes_from_its_position_is_no_other_rows_id(tmp_path):
    # a row without an id takes its position ("0"); a row that declares that id was refused
    # as a plain "duplicate id", and a row without an id whose position an earlier row
    # declared was reported under that id ("3"), beside the row that holds it: the rule
    # is evaluate's (RowIds), the later of the two fails, saying why, on a resume too
    r = make_records(4)
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"documents": r[0]["documents"]}, {"id": "0", "documents": r[1]["documents"]},
        {"id": "3", "documents": r[2]["documents"]}, {"documents": r[3]["documents"]}])
    expected = [
        ("0", 1, f"{inp}:2", "id '0' is already the id of the row at position 0, which has "
                             "none and took its place's"),
        (None, 3, f"{inp}:4", "no id, and the one its place gives it, '3', is the id of the "
                              "row at position 2")]
    report = _run(inp, tmp_path / "out")
    assert [(f["id"], f["position"], f["where"], f["error"]) for f in report.failed] == expected
    assert [(row["id"], row["position"]) for row in read_output(tmp_path / "out")] == [
        ("0", 0), ("3", 2)]
    resumed = _run(inp, tmp_path / "out")
    assert (resumed.done, resumed.skipped) == (0, 2)
    assert [(f["id"], f["position"], f["where"], f["error"]) for f in resumed.failed] == expected
    assert [(row["id"], row["position"]) for row in read_output(tmp_path / "out")] == [
        ("0", 0), ("3", 2)]
    # two rows declaring one id are the duplicate they were
    dup = write_jsonl(tmp_path / "dup.jsonl", [{"id": "a", "documents": r[0]["documents"]},
                                               {"id": "a", "documents": r[1]["documents"]}])
    assert [(f["id"], f["error"]) for f in _run(dup, tmp_path / "dup").failed] == [
        ("a", "duplicate id (first at position 0)")]


@pytest.mark.parametrize("hf", [False, True])
def test_an_id_a_row_takes_from_its_position_is_no_id_a_presets_field_declares(tmp_path, hf):
    # the preset's id field ("id", xsum's) is read by the rule of the default's (RowIds)
    docs = [r["documents"][0] for r in make_records(3)]
    inp = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "1", "document": docs[0], "summary": "s"}, {"id": None, "document": docs[1],
                                                           "summary": "s"},
        {"id": "c2", "document": docs[2], "summary": "s"}])
    report = _run(f"hf:{inp}" if hf else inp, tmp_path / "out", preset="xsum")
    assert [(f["id"], f["position"], f["error"]) for f in report.failed] == [
        (None, 1, "no id, and the one its place gives it, '1', is the id of the row at "
                  "position 0")]
    assert [row["id"] for row in read_output(tmp_path / "out")] == ["1", "c2"]


def test_parquet_shards_and_jsonl_give_the_same_summaries(tmp_path):
    records = make_records(9)
    write_jsonl(tmp_path / "one.jsonl", records)
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "a.jsonl", records[:4])
    pq.write_table(pa.Table.from_pylist(records[4:]), shards / "b.parquet")
    (shards / "_SUCCESS").write_text("")
    _run(tmp_path / "one.jsonl", tmp_path / "o1")
    _run(shards, tmp_path / "o2")
    a, b = read_output(tmp_path / "o1"), read_output(tmp_path / "o2")
    assert [(r["id"], r["position"], r["summary"]) for r in a] == \
        [(r["id"], r["position"], r["summary"]) for r in b]
    # A damaged shard among many is reported; the other shards are summarised.
    (shards / "c.parquet").write_bytes(b"PAR1 not really parquet")
    report = _run(shards, tmp_path / "o3")
    assert report.done == 9 and len(report.failed) == 1
    assert report.failed[0]["where"].endswith("c.parquet")
    assert "unreadable shard" in report.failed[0]["error"]
    with pytest.raises(InputError, match="Parquet"):  # the only input file: an error
        _run(shards / "c.parquet", tmp_path / "o4")
    (tmp_path / "bin.jsonl").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.jsonl").write_text("\n\n")
    for bad, why in (("bin.jsonl", "binary"), ("empty.jsonl", "empty")):
        with pytest.raises(InputError, match=why):
            _run(tmp_path / bad, tmp_path / "o5")
    assert not (tmp_path / "o4").exists() and not (tmp_path / "o5").exists()


def test_hugging_face_data_set_with_one_text_field(tmp_path):
    import datasets  # a core dependency
    records = make_records(3)
    rows = [{"document": " ||||| ".join(r["documents"]), "summary": "x", "key": r["id"]}
            for r in records]
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "ds"))
    with pytest.raises(InputError, match=f"give hf:{tmp_path / 'ds'}"):
        _run(tmp_path / "ds", tmp_path / "out")
    report = _run(f"hf:{tmp_path / 'ds'}", tmp_path / "out", separator="|||||", id_field="key")
    out = read_output(tmp_path / "out")
    assert report.done == 3 and [r["id"] for r in out] == ["c000", "c001", "c002"]
    direct = read_output(_run(write_jsonl(tmp_path / "x.jsonl", records), tmp_path / "o2").out)
    assert [r["summary"] for r in out] == [r["summary"] for r in direct]


def test_bad_arguments_are_one_line_errors(clusters_jsonl, tmp_path, monkeypatch):
    cases = [
        (["--batch-size", "0"], "must be positive"),
        # a batch is held whole: 10**18 made the whole input one batch (memory, no progress)
        (["--batch-size", str(10**18)], "(--batch-size) 1000000000000000000 is absurdly large"),
        (["--batch-tokens", str(10**12)], "(--batch-tokens) 1000000000000 is absurdly large"),
        (["--method", "nosuch"], "unknown method 'nosuch'"),
        (["--words", "0"], "words budget must be positive"),
        (["--language", "klingon"], "klingon"),
        (["--method", "abstractive", "--model", "/no/such/model"], "not a model folder"),
    ]
    for extra, message in cases:
        code, _, err = run_cli(["batch", str(clusters_jsonl), "--out", str(tmp_path / "o"),
                                *extra])
        assert code == 2 and message in error_line(err), extra
    code, _, err = run_cli(["batch", str(tmp_path / "missing.jsonl"), "--out",
                            str(tmp_path / "o")])
    assert code == 2 and "no such file" in error_line(err)
    (tmp_path / "x.txt").write_text("hello")
    code, _, err = run_cli(["batch", str(tmp_path / "x.txt"), "--out", str(tmp_path / "o")])
    assert code == 2 and "must be .jsonl or .parquet" in error_line(err)
    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    code, _, err = run_cli(["batch", str(clusters_jsonl), "--out", str(tmp_path / "o"),
                            "--engine", "ray"])
    assert code == 2 and err.count("\n") == 1
    assert "pip install 'ray[data]>=2.50,<3'" in error_line(err)


def test_summariser_options_are_checked_once_by_the_command(clusters_jsonl, tmp_path,
                                                          monkeypatch):
    """The command checks --option and the flags once (summarizer_options) before the job,
    which checks them again as any library call: the command's second check is gone. A bad
    one is still a one-line error before the input is read."""
    import summarizer.batch
    from summarizer import summarizers

    checked: list[str] = []
    at_job: list[int] = []
    check, job = summarizers.check_options, summarizer.batch.summarize_dataset
    monkeypatch.setattr(summarizers, "check_options",
                        lambda name, options: checked.append(name) or check(name, options))
    monkeypatch.setattr(summarizer.batch, "summarize_dataset",
                        lambda *a, **kw: at_job.append(len(checked)) or job(*a, **kw))
    argv = ["batch", str(clusters_jsonl), "--out", str(tmp_path / "o"), "--method", "mmr",
            "--words", "20", "--no-progress"]
    code, _, err = run_cli([*argv, "--option", "lam=0.5"])
    assert code == 0, err
    assert at_job == [1] and set(checked) == {"mmr"}
    argv[1] = str(tmp_path / "missing.jsonl")
    code, _, err = run_cli([*argv, "--option", "lamb=0.5"])
    assert code == 2 and err.count("\n") == 1
    assert "'lamb'" in error_line(err) and "missing" not in err


def test_a_second_job_on_the_same_folder_is_refused(clusters_jsonl, tmp_path):
    from summarizer.batch.output import OutputFolder

    with OutputFolder(tmp_path / "out").locked():
        with pytest.raises(RunBusyError, match="in use by another batch job .process"):
            _run(clusters_jsonl, tmp_path / "out")


def _disk_full_from(monkeypatch, full_from: int):
    """A shard after every pack, and the disk full from the ``full_from``-th shard on (the
    shards before it written); gives the real writer back, to make room again."""
    from summarizer.batch import job, output

    monkeypatch.setattr(job, "FLUSH_SECONDS", -1)
    written, shards = output.write_atomic, []

    def full_from_a_shard_on(path, data):
        if path.name.startswith("part-"):
            shards.append(path)
            if len(shards) >= full_from:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return written(path, data)

    monkeypatch.setattr(output, "write_atomic", full_from_a_shard_on)
    return written


@pytest.mark.parametrize("full_from", [1, 3])
def test_a_full_disk_mid_job_says_what_is_saved_and_how_to_resume(clusters_jsonl, tmp_path,
                                                                   monkeypatch, full_from):
    """OSError ENOSPC writing a shard: batch's one line was the error alone, where Ctrl-C
    says the finished clusters are saved and that the same command resumes, and evaluate
    on a full disk says how many. Now batch says how many, read from the shards (none where
    the first shard failed); a rerun with room resumes."""
    from summarizer.batch import output

    written = _disk_full_from(monkeypatch, full_from)
    out = tmp_path / "out"
    argv = ["batch", str(clusters_jsonl), "--out", str(out), "--method", "lead", "--words",
            "40", "--batch-size", "3", "--no-progress"]
    code, printed, err = run_cli(argv)
    saved = len(read_output(out))
    assert (code, printed) == (1, "") and (saved == 0) == (full_from == 1)
    clusters = "1 cluster" if saved == 1 else f"{saved} clusters"
    assert error_line(err).startswith(f"summarizer: error: {out / 'part-'}")
    assert error_line(err).endswith(f".parquet: No space left on device; {clusters} saved in "
                                    f"{out}; run the same command again to resume")
    # the shard that failed was written again, and failed, at the end: the report and the
    # failures were then lost too, a temporary file left; they are small and still fit
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["done"], report["complete"]) == (saved, False)
    assert not list(out.glob(".*.tmp"))
    monkeypatch.setattr(output, "write_atomic", written)
    code, printed, err = run_cli(argv)
    assert code == 0, err
    assert f"10 rows: {10 - saved} summarised, {saved} already done" in printed if saved else \
        "10 rows: 10 summarised," in printed
    assert [r["id"] for r in read_output(out)] == [f"c{i:03d}" for i in range(10)]


@pytest.mark.parametrize("full_from", [1, 3])
def test_a_full_disk_counts_empty_and_emptied_rows_only_in_written_shards(tmp_path, monkeypatch,
                                                                          full_from):
    """The rows of a shard whose write failed are not in the output: report.json's done left
    them out (88520c0), but its empty and emptied_rows (and the emptied list) still counted
    them, so a report said more empty summaries than it had rows done."""
    records = make_records(10)
    for record in records:  # every row emptied of a document, and summarised into ""
        record["documents"].insert(1, CREDITS)
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    _disk_full_from(monkeypatch, full_from)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space left"):
        _run(inp, out, words=1, batch_size=3)
    saved = read_output(out)
    assert (len(saved) == 0) == (full_from == 1) and all(r["summary"] == "" for r in saved)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["done"] == report["empty"] == report["emptied_rows"] == len(saved)
    assert [e["position"] for e in report["emptied"]] == [r["position"] for r in saved]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # shared, loaded CI box
@given(st.lists(st.integers(0, 50), max_size=40), st.integers(1, 6), st.integers(1, 80))
def test_packs_keep_order_and_respect_both_limits(sizes, max_items, max_tokens):
    packs = list(pack_items(list(enumerate(sizes)), lambda x: x[1], max_items, max_tokens))
    assert [x for p in packs for x in p] == list(enumerate(sizes))
    for p in packs:
        assert 1 <= len(p) <= max_items
        assert len(p) == 1 or sum(x[1] for x in p) <= max_tokens
    with pytest.raises(OptionError):
        list(pack_items([1], len, 0, 5))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 20), max_size=30), st.integers(1, 8))
def test_split_tail_only_splits_and_ends_with_small_packs(lengths, workers):
    items = iter(range(10**6))
    packs = [[next(items) for _ in range(n)] for n in lengths]
    out = split_tail(packs, workers)
    assert [x for p in out for x in p] == [x for p in packs for x in p]  # same order
    whole = {x: i for i, p in enumerate(packs) for x in p}
    left = sum(lengths)
    for p in out:  # a piece of one pack (its limits hold), at most its share of what is left
        assert p and len({whole[x] for x in p}) == 1
        assert len(p) <= max(1, -(-left // (TAIL_SHARE * workers)))
        left -= len(p)
    assert not out or len(out[-1]) == 1  # the last pack is one cluster


def test_cli_batch_sizes_default_to_the_library_defaults():
    import argparse
    import inspect

    from summarizer.cli.batch import add_parser

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["batch", "in.jsonl", "--out", "o"])
    library = inspect.signature(summarize_dataset).parameters
    assert args.batch_size == library["batch_size"].default == 64
    assert args.batch_tokens == library["batch_tokens"].default


def test_split_tail_keeps_packs_whole_while_much_is_left():
    packs = [list(range(i * 16, i * 16 + 16)) for i in range(13)]  # 200 big clusters, 13 packs
    out = split_tail(packs, 2)
    assert out[:10] == packs[:10] and [len(p) for p in out[-4:]] == [1, 1, 1, 1]
    assert len(out) < 2 * len(packs)


def test_evaluate_engine_ray_without_ray_is_a_one_line_error(tmp_path, monkeypatch):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    monkeypatch.setitem(sys.modules, "ray", None)
    code, _, err = run_cli(["evaluate", str(inp), "--engine", "ray", "--out",
                            str(tmp_path / "o"), "--no-progress"])
    assert code == 2 and err.count("\n") == 1
    assert "pip install 'ray[data]>=2.50,<3'" in error_line(err)
    assert not (tmp_path / "o").exists()  # refused before any work


def test_abstractive_actors_ask_for_a_gpu_only_when_the_cluster_has_one(monkeypatch):
    from summarizer.batch import engine, job

    class FakeRay:
        def __init__(self, gpus):
            self.gpus = gpus

        def cluster_resources(self):
            return {"CPU": 16.0, **({"GPU": self.gpus} if self.gpus else {})}

    asked = []
    monkeypatch.setattr(engine, "init_ray",
                        lambda n, address=None: asked.append(address) or FakeRay(4.0))
    assert job.default_gpus("abstractive", "ray://head:10001") == 1
    assert asked == ["ray://head:10001"]  # the cluster the job runs on, not a local one
    assert job.default_gpus("coverage") == 0  # extractive methods never hold a GPU
    monkeypatch.setattr(engine, "init_ray", lambda n, address=None: FakeRay(0))
    assert job.default_gpus("abstractive") == 0


def test_limit_threads_sizes_pools_already_loaded_and_to_come(tmp_path):
    """What a Ray actor does before its set-up, here in a fresh process: numpy's OpenBLAS
    is already loaded with a thread per core, the variables cover what loads later."""
    import subprocess

    code = (
        "import json, os, numpy\n"
        "from threadpoolctl import threadpool_info\n"
        "from summarizer.batch.engine import THREAD_VARS, limit_threads\n"
        "before = [i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']\n"
        "limit_threads(1)\n"
        "after = [i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']\n"
        "print(json.dumps({'before': before, 'after': after,\n"
        "                  'env': {k: os.environ.get(k) for k in THREAD_VARS}}))\n")
    from summarizer.batch.engine import THREAD_VARS

    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARS}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    got = json.loads(out.stdout)
    assert got["after"] and set(got["after"]) == {1}
    if (os.cpu_count() or 1) > 1:
        assert max(got["before"]) > 1  # the limit changed something
    assert set(got["env"].values()) == {"1"}


def test_local_engine_holds_blas_to_one_thread_while_an_item_runs():
    """The one-process engine: BLAS at one thread inside set-up and every item, the
    process's own setting between items (the caller's code, which gets each result as it
    is done) and after."""
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    class Probe:
        def setup(self):
            self.at_setup = blas()

        def __call__(self, item):
            return blas()

    probe = Probe()
    with threadpool_limits(limits=2, user_api="blas"):
        before = blas()
        if not before or max(before) < 2:
            pytest.skip("this numpy's BLAS cannot run 2 threads here")
        between = []
        got = []
        for out in run_local(probe, [[1, 2], [3]]):
            got += out
            between.append(blas())
        after = blas()
    assert set(probe.at_setup) == {1} and len(got) == 3 and all(set(g) == {1} for g in got)
    assert between == [before, before, before] and after == before


def test_init_ray_keeps_rays_connection_defaults(monkeypatch):
    """No resources are passed, so that Ray can join the instance `ray start` left on this
    machine (it refuses num_cpus there) as well as start a local one; an address given
    goes to Ray as it is; more actors than a local instance's CPUs are refused."""
    from summarizer.batch import engine

    class FakeRay:
        def __init__(self):
            self.calls = []

        def is_initialized(self):
            return bool(self.calls)

        def init(self, **kwargs):
            self.calls.append(kwargs)

        def cluster_resources(self):
            return {"CPU": 2.0}

    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    fake = FakeRay()
    monkeypatch.setattr(engine, "require_ray", lambda: fake)
    assert engine.init_ray(2) is fake and fake.calls == [{"address": None}]
    engine.init_ray(2)  # already connected: no second init
    assert len(fake.calls) == 1
    with pytest.raises(OptionError, match="more than the 2 CPUs"):
        engine.init_ray(3)
    joined = FakeRay()
    monkeypatch.setattr(engine, "require_ray", lambda: joined)
    engine.init_ray(8, "auto")  # a cluster may have more CPUs to come: not refused
    assert joined.calls == [{"address": "auto"}]


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("model, message", [
    ("nobody/missing-model", "'nobody/missing-model' is not in the local Hugging Face cache"),
    ("LOCAL", "holds no weights"),  # a folder with config.json only: every actor failed too
])
def test_ray_engine_checks_the_generation_model_before_ray_starts(command, model, message,
                                                                   tmp_path, monkeypatch):
    # a hub id missing from the cache offline failed in every actor's constructor: Ray's
    # tracebacks on stderr (about 300 lines) and a folder left behind
    from summarizer.batch import engine

    def no_ray(*args, **kwargs):
        raise AssertionError("Ray started before the model was checked")

    monkeypatch.setattr(engine, "init_ray", no_ray)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    if model == "LOCAL":
        model = str(tmp_path / "model")
        os.mkdir(model)
        with open(os.path.join(model, "config.json"), "w") as fh:
            json.dump({"model_type": "t5", "d_model": 8}, fh)
    extra = ["--no-progress"] if command == "evaluate" else []
    code, _, err = run_cli([command, str(inp), "--out", str(tmp_path / "o"), "--engine", "ray",
                            "--method", "abstractive", "--model", model, *extra])
    assert code == 2 and err.count("\n") == 1, err
    assert message in error_line(err)
    if command == "batch":
        assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("extra, message", [
    (["--gpus-per-worker", "1"], "gpus_per_worker (--gpus-per-worker) is for engine='ray'"),
    (["--address", "head:6379"], "address (--address) is for engine='ray'"),
    (["--num-workers", "3"], "num_workers (--num-workers) is for engine='ray'"),
    (["--engine", "ray", "--num-workers", "0"], "num_workers (--num-workers) must be 1..10,000, got 0"),
    # refused before Ray starts (a named cluster is not checked against its CPUs)
    (["--engine", "ray", "--address", "auto", "--num-workers", str(10**18)],
     "num_workers (--num-workers) must be 1..10,000"),
    (["--engine", "ray", "--gpus-per-worker", "-1"], "0 or more, got -1.0"),
    (["--engine", "ray", "--gpus-per-worker", "nan"], "0 or more, got nan"),
    (["--seed", "-1"], "seed must be an integer from 0"),
    (["--seed", str(2**32)], "seed must be an integer from 0"),
])
def test_ray_only_and_out_of_range_engine_options_are_one_line_errors(command, extra, message,
                                                                       tmp_path):
    # --gpus-per-worker -1 / nan were internal errors (Ray's ValueError); --address and
    # --gpus-per-worker were ignored by the local engine; --seed -1 was taken. batch and
    # evaluate share the engine options and their checks (evaluate refused --num-workers 1
    # on the local engine, which batch took, and had no --address / --gpus-per-worker).
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    code, _, err = run_cli([command, str(inp), "--out", str(tmp_path / "o"), "--no-progress",
                            *extra])
    assert code == 2 and err.count("\n") == 1 and message in error_line(err)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("address", ["garbage", "AUTO", "head:", ":6379"])
@pytest.mark.parametrize("given", ["option", "RAY_ADDRESS"])
def test_a_ray_address_of_no_form_ray_reads_is_refused_before_the_folder(
        command, address, given, tmp_path, monkeypatch):
    # --address garbage (or RAY_ADDRESS=garbage) passed the check, which looked only at
    # host:port forms: Ray refused it ("Invalid address format", at once: no cluster is
    # started) after the output folder was made with its manifest and report
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    extra = ["--address", address] if given == "option" else []
    if given == "RAY_ADDRESS":
        monkeypatch.setenv("RAY_ADDRESS", address)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    out = tmp_path / "o"
    code, _, err = run_cli([command, str(inp), "--out", str(out), "--no-progress",
                            "--engine", "ray", "--words", "20", *extra])
    assert code == 2 and err.count("\n") == 1, err
    assert (f"Ray address {address!r} is not host:port (a port of 0-65535), "
            "ray://host:port, auto or local; fix address (--address) or RAY_ADDRESS"
            in error_line(err)), err
    assert not out.exists()
    out.mkdir()  # a folder the user had is left as it was
    (out / "mine.txt").write_text("kept")
    code, _, err = run_cli([command, str(inp), "--out", str(out), "--no-progress",
                            "--engine", "ray", "--words", "20", *extra])
    assert code == 2 and sorted(p.name for p in out.iterdir()) == ["mine.txt"], err


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("value, bar", [("0", False), ("off", False), ("1", True)])
def test_summarizer_progress_0_hides_the_command_s_own_bar(command, value, bar, tmp_path,
                                                           monkeypatch):
    # SUMMARIZER_PROGRESS=0 hid the stages' bars but not evaluate's and batch's own (the
    # clusters'), which only --no-progress hid; now it means what --no-progress means
    monkeypatch.setenv("SUMMARIZER_PROGRESS", value)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(3))
    code, _, err = run_cli([command, str(inp), "--out", str(tmp_path / "o"), "--method",
                            "lead", "--words", "20"], lines=None)
    assert code == 0, err
    assert ("cluster/s]" in err) is bar, err  # tqdm's rate: the clusters' bar


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_one_worker_on_the_local_engine_is_this_process(command, tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    code, _, err = run_cli([command, str(inp), "--out", str(tmp_path / "o"), "--no-progress",
                            "--engine", "local", "--num-workers", "1", "--words", "20"])
    assert code == 0, err


def test_evaluate_on_ray_asks_the_joined_cluster_for_gpus(monkeypatch, tmp_path):
    # run_on_ray asked a local instance (no address) whether abstractive actors get a
    # GPU, even when the job ran on the cluster named by --address; --gpus-per-worker
    # decides when given
    from summarizer.batch import engine, job
    from summarizer.batch import evaluate as ray_evaluate

    asked, used = [], []
    monkeypatch.setattr(job, "default_gpus", lambda method, address=None: asked.append(address) or 1)
    monkeypatch.setattr(ray_evaluate, "run_ray", lambda task, packs, **kw: used.append(kw) or (r for r in ()))

    class Plan:
        class settings:
            method = "abstractive"
        system = object()
        budget = rouge = seed = None
        label = "x"
        data = type("D", (), {"size": 1})()

    todo = [(0, Cluster([Document("The council met on Monday.")]))]
    ray_evaluate.run_on_ray(Plan, todo, {}, False, 2, "ray://head:10001")
    ray_evaluate.run_on_ray(Plan, todo, {}, False, 2, "auto", 0.5)
    assert asked == ["ray://head:10001"]
    assert [u["num_gpus"] for u in used] == [1, 0.5]
    assert [u["address"] for u in used] == ["ray://head:10001", "auto"]
    assert engine.engine_workers("ray", None) == 2 and engine.engine_workers("local") == 1


def test_more_gpus_than_the_local_instance_has_is_refused_not_waited_for(monkeypatch):
    # Ray waits for ever for resources it does not have (--gpus-per-worker 1e9 hung)
    from summarizer.batch import engine

    class NoGpuRay:
        def is_initialized(self):
            return True

        def cluster_resources(self):
            return {"CPU": 2.0}

    monkeypatch.setattr(engine, "require_ray", lambda: NoGpuRay())
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    with pytest.raises(OptionError, match="2 workers x 1 GPUs is more than the 0 GPUs"):
        list(engine.run_ray(None, [[1]], num_workers=2, num_gpus=1))


def test_evaluate_num_workers_is_for_the_ray_engine(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    code, _, err = run_cli(["evaluate", str(inp), "--num-workers", "3", "--out",
                            str(tmp_path / "o"), "--no-progress"])
    assert code == 2 and "num_workers (--num-workers) is for engine='ray'" in error_line(err)
    assert not (tmp_path / "o").exists()


def test_parquet_ids_must_be_strings_or_integers_as_in_jsonl(tmp_path):
    # a bytes or float id column gave ids "b'a'" and "1.5" (NaN ids all "nan"), where a
    # JSONL row with such an id fails
    text = "The council approved the budget on Monday. Spending rises by four percent."
    pq.write_table(pa.table({"id": pa.array([b"a", b"b"], pa.binary()), "text": [text, text]}),
                   tmp_path / "bytes.parquet")
    pq.write_table(pa.table({"id": [1.5, float("nan"), None], "text": [text] * 3}),
                   tmp_path / "floats.parquet")
    pq.write_table(pa.table({"id": ["x", "7"], "text": [text] * 2}), tmp_path / "ok.parquet")
    report = _run(tmp_path / "bytes.parquet", tmp_path / "o1")
    assert report.done == 0 and all("not a bytes" in f["error"] for f in report.failed)
    report = _run(tmp_path / "floats.parquet", tmp_path / "o2")
    assert [f["position"] for f in report.failed] == [0, 1] and report.done == 1
    assert "must be a string or an integer, not a number (1.5)" in report.failed[0]["error"]
    assert [r["id"] for r in read_output(tmp_path / "o2")] == ["2"]  # no id: its position
    assert [r["id"] for r in read_output(_run(tmp_path / "ok.parquet", tmp_path / "o3").out)] \
        == ["x", "7"]


def test_empty_summaries_are_kept_but_reported(clusters_jsonl, tmp_path):
    # a budget no sentence fits: every row was "summarised" into "" without a word
    code, _, err = run_cli(["batch", str(clusters_jsonl), "--out", str(tmp_path / "o"),
                            "--words", "1", "--method", "lead", "--no-progress"])
    rows = read_output(tmp_path / "o")
    assert code == 0 and rows and all(r["summary"] == "" for r in rows)
    assert f"warning: {len(rows)} of the {len(rows)} summaries made are empty" in err, err
    assert "no whole sentence fits the budget (words=1" in err
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["empty"] == len(rows)


class _Invisible(Summarizer):
    """A "summary" of a zero-width space and a byte-order mark: no word, scored 0."""

    name = "test-invisible"

    def summarize(self, cluster, budget):
        return Summary([SummarySentence("\u200b \ufeff", cluster.documents[0].id, 0)],
                       self.name, budget)


def test_a_summary_of_invisible_characters_is_reported_empty_as_evaluate_scores_it(
        clusters_jsonl, tmp_path):
    # batch counted only "" as empty, where evaluate (records.is_blank) scores such a
    # summary as the empty one
    report = _run(clusters_jsonl, tmp_path / "o", method=_Invisible())
    rows = read_output(tmp_path / "o")
    assert rows and all(r["summary"] == "\u200b \ufeff" for r in rows)
    assert report.done == report.empty == len(rows)


def test_read_output_refuses_what_is_not_a_batch_output(clusters_jsonl, tmp_path):
    # a misspelt folder read as [] (no rows), a damaged shard or an unknown column raised
    # pyarrow's own errors
    with pytest.raises(InputError, match="not a batch output folder"):
        read_output(tmp_path / "missing")
    (tmp_path / "dir" / "manifest.json").mkdir(parents=True)  # named as what it is
    with pytest.raises(InputError, match="manifest.json: is a folder, not a regular file; "
                                         "not a batch output folder$"):
        read_output(tmp_path / "dir")
    _run(clusters_jsonl, tmp_path / "o")
    with pytest.raises(OptionError, match="no column 'nosuch'"):
        read_output(tmp_path / "o", columns=["id", "nosuch"])
    assert read_output(tmp_path / "o", columns=["id"])
    shard = next((tmp_path / "o").glob("part-*.parquet"))
    shard.write_bytes(shard.read_bytes()[:100])
    with pytest.raises(InputError, match="unreadable shard"):
        read_output(tmp_path / "o")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
@pytest.mark.parametrize("kind", ["a named pipe (FIFO)", "a folder"])
def test_a_shard_that_is_no_regular_file_is_refused_not_skipped(clusters_jsonl, tmp_path, kind):
    """A part-*.parquet that is a FIFO or a folder was skipped: read_output gave the rows
    of the other shards as if they were all, and a rerun summarised its rows again."""
    _run(clusters_jsonl, tmp_path / "o")
    odd = tmp_path / "o" / "part-20261201-000000-0000abcd.parquet"
    if "FIFO" in kind:
        os.mkfifo(odd)
    else:
        odd.mkdir()
    said = f"{odd}: is {kind}, not a regular file; the output folder was damaged or edited"
    with pytest.raises(InputError) as refused:
        read_output(tmp_path / "o")
    assert str(refused.value) == said
    with pytest.raises(InputError) as refused:
        _run(clusters_jsonl, tmp_path / "o")
    assert str(refused.value) == said


def test_failures_are_streamed_to_disk_and_only_the_first_are_kept(tmp_path, monkeypatch):
    # every failure was held in memory until the job ended (a 50 MB file of bad rows: a
    # million dicts); now failed.jsonl is written as they come and the report keeps the
    # first KEPT_FAILURES by position
    from summarizer.batch import output

    monkeypatch.setattr(output, "KEPT_FAILURES", 3)
    bad = [json.dumps({"id": f"e{i}", "documents": []}) if i % 2 else "{broken"
           for i in range(20)]
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2), raw_lines=bad)
    (tmp_path / "out").mkdir()
    report = _run(inp, tmp_path / "out", method="lead")
    assert report.done == 2 and report.failed_count == 20
    assert [f["position"] for f in report.failed] == [2, 3, 4]
    lines = (tmp_path / "out" / "failed.jsonl").read_text().splitlines()
    assert sorted(json.loads(x)["position"] for x in lines) == list(range(2, 22))
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["failed"] == 20 and len(saved["failures"]) == 3
    # a killed run's temporary file is cleared by the next run, which writes a new list
    stale = tmp_path / "out" / ".failed.jsonl.summarizer-4242-x1y2.tmp"
    stale.write_text("half a line")
    shard = tmp_path / "out" / ".part-20261129-230049-9bfc8fdf.parquet.summarizer-4242-q2.tmp"  # a shard too
    shard.write_bytes(b"PAR1" * 1000)
    again = _run(inp, tmp_path / "out", method="lead")
    assert (again.skipped, again.failed_count) == (2, 20) and not stale.exists()
    assert not shard.exists()
    assert len((tmp_path / "out" / "failed.jsonl").read_text().splitlines()) == 20


def test_an_interrupted_job_keeps_the_failures_found(tmp_path):
    records = make_records(3)
    inp = write_jsonl(tmp_path / "in.jsonl", records, raw_lines=["{broken"])
    stop = Logged(str(tmp_path / "log"), stop_on="c002")
    with pytest.raises(KeyboardInterrupt):
        summarize_dataset(inp, tmp_path / "out", stop, words=30, progress=False, batch_size=1)
    failed = (tmp_path / "out" / "failed.jsonl").read_text().splitlines()
    assert [json.loads(x)["position"] for x in failed] == [3]
    assert not list((tmp_path / "out").glob(".failed.jsonl.*"))


def test_a_character_budget_from_the_cli_as_summarize_takes_it(tmp_path):
    # batch had --words, --bytes and --sentences but not --chars, the natural unit
    # for Chinese, Japanese and Thai that summarize and evaluate take
    from summarizer.languages import count_chars

    text = ("北京时间昨日，一场强烈地震袭击了该国西部山区。地震造成至少三十人死亡，数百人受伤。"
            "救援人员正在废墟中搜寻幸存者。政府已派出军队协助救灾。")
    inp = write_jsonl(tmp_path / "zh.jsonl", [{"id": f"z{k}", "documents": [text, text[k:]]}
                                             for k in range(3)])
    code, _, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                            "lead", "--language", "zh", "--chars", "30", "--no-progress"])
    assert code == 0, err
    rows = read_output(tmp_path / "out")
    assert len(rows) == 3 and all(0 < count_chars(r["summary"]) <= 30 for r in rows)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["settings"]["budget"]["unit"] == "chars"
    assert manifest["settings"]["budget"]["limit"] == 30


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])  # read a line at a time; whole
def test_a_line_separator_inside_a_jsonl_string_is_no_row_break(tmp_path, encoding):
    """JSON Lines written with ensure_ascii=False keep U+2028, U+2029 and U+0085 of web
    text as they are, inside strings: each line is one row (str.splitlines() made three
    rows of it, all "not valid JSON", and counted rows that are not there)."""
    records = make_records(3)
    records[1]["documents"][0] = records[1]["documents"][0].replace(". ", ".\u2028", 1)
    records[2]["documents"][0] += "\u0085 \u2029"
    inp = tmp_path / "in.jsonl"
    inp.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
                    .encode(encoding))
    report = _run(inp, tmp_path / "out")
    assert (report.rows, report.done, report.failed_count) == (3, 3, 0)
    assert [r["id"] for r in read_output(tmp_path / "out")] == ["c000", "c001", "c002"]


def test_blank_lines_before_the_first_row_are_not_an_empty_file(tmp_path):
    """More than 8 KB of blank lines before the rows: batch said "is empty" (it looked at
    the first 8 KB only), where summarize, evaluate and the rows' reader skip blank lines."""
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n" * 9000 + "".join(json.dumps(r) + "\n" for r in make_records(2)))
    assert (_run(inp, tmp_path / "out").done, len(read_output(tmp_path / "out"))) == (2, 2)
    inp.write_text(" \n\t\r\n" * 5000)
    with pytest.raises(InputError, match="is empty"):
        _run(inp, tmp_path / "out2")
    assert not (tmp_path / "out2").exists()


@pytest.mark.parametrize("text", ["[" * 20000 + "]" * 20000, '{"format": 1' + "0" * 4300 + "}"])
def test_a_manifest_json_cannot_read_is_refused_in_one_line(clusters_jsonl, tmp_path, text):
    """json's own limits (nesting, 4,300 digits) raised RecursionError/ValueError from a
    damaged manifest.json: "internal error", exit 70."""
    _run(clusters_jsonl, tmp_path / "o")
    (tmp_path / "o" / "manifest.json").write_text(text)
    with pytest.raises(RunMismatchError, match="not a summarizer batch manifest"):
        _run(clusters_jsonl, tmp_path / "o")


@pytest.mark.parametrize("keyword", [{"batch_size": "8"}, {"batch_tokens": 1.5},
                                     {"main_content": "no"}, {"clean": "false"},
                                     {"text_field": 3}])
def test_summarize_dataset_arguments_of_the_wrong_type_are_option_errors(tmp_path, keyword):
    """batch_size="8" was a TypeError from the pack limits; clean="false" and
    main_content="no" were silently true."""
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    with pytest.raises(OptionError, match=f"{next(iter(keyword))}' must be"):
        _run(inp, tmp_path / "out", **keyword)
    assert not (tmp_path / "out").exists()


def test_a_shard_linked_from_outside_the_folder_is_reported_not_dropped_silently(tmp_path):
    """A folder of links to shards kept on another disk: each link leading out of the folder
    is not followed (as summarize does), but batch dropped them without a word ("2 rows: 2
    summarised", exit 0) and, with links alone, said the folder "holds no .jsonl files"."""
    shards, elsewhere = tmp_path / "shards", tmp_path / "elsewhere"
    shards.mkdir()
    elsewhere.mkdir()
    write_jsonl(shards / "a.jsonl", make_records(2))
    write_jsonl(elsewhere / "b.jsonl", make_records(3, seed=1))
    (shards / "b.jsonl").symlink_to(elsewhere / "b.jsonl")
    with pytest.warns(UserWarning, match=r"b\.jsonl: symbolic link to .*outside the folder"):
        report = _run(shards, tmp_path / "out")
    assert report.rows == 2
    only = tmp_path / "only"
    only.mkdir()
    (only / "b.jsonl").symlink_to(elsewhere / "b.jsonl")
    with pytest.raises(InputError, match="outside the folder"):
        _run(only, tmp_path / "out2")


def test_split_on_a_file_is_refused_not_ignored(clusters_jsonl, tmp_path):
    # 'batch data.jsonl --split train' summarised the whole file as if no split were given;
    # evaluate refuses it
    with pytest.raises(OptionError, match=r"split \(--split\) is for a Hugging Face"):
        _run(clusters_jsonl, tmp_path / "out", split="train")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("compressed", [False, True])
def test_a_line_over_the_bound_is_a_failed_row_and_the_job_goes_on(tmp_path, monkeypatch,
                                                                    compressed):
    # a line over 512 MiB stopped the whole job ("lines over 512 MiB are refused"), the rows
    # after it never read; the bound is lowered here so that the line is small
    import gzip

    from summarizer import textio

    records = make_records(4)
    long = dict(records[1], id="long", pad="x" * 5000)
    inp = write_jsonl(tmp_path / "in.jsonl", [records[0], long, *records[2:]])
    if compressed:
        inp = tmp_path / "in.jsonl.gz"
        inp.write_bytes(gzip.compress((tmp_path / "in.jsonl").read_bytes()))
    monkeypatch.setattr(textio.read, "MAX_FILE_BYTES", 4096)
    report = _run(inp, tmp_path / "out")
    assert (report.done, report.failed_count) == (3, 1)
    failure = report.failed[0]
    assert failure["position"] == 1 and failure["where"].endswith(":2")
    assert "is over" in failure["error"] and "are refused" in failure["error"]
    from summarizer.batch import read_output

    assert [r["position"] for r in read_output(tmp_path / "out")] == [0, 2, 3]


def test_an_interrupt_just_after_a_shard_is_written_writes_its_rows_once(tmp_path,
                                                                          monkeypatch):
    # Ctrl-C or SIGTERM landing after a shard's rename but before the job knew it was
    # written: the finishing write wrote the same rows again, each twice in read_output
    from summarizer.batch import output, read_output

    inp = write_jsonl(tmp_path / "in.jsonl", make_records(5))
    written = output.write_atomic
    shards: list[str] = []

    def then_interrupted(path, data):
        done = written(path, data)
        if path.name.startswith("part-"):
            shards.append(path.name)
            if len(shards) == 1:  # the first shard: renamed into place, then the interrupt
                raise KeyboardInterrupt
        return done

    monkeypatch.setattr(output, "write_atomic", then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        _run(inp, tmp_path / "out", rows_per_shard=2)
    ids = [r["id"] for r in read_output(tmp_path / "out")]
    assert ids == sorted(set(ids)) and len(ids) >= 2


_ALONE: dict[str, tuple] = {}  # each record's summary made alone, by a fresh summariser


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(6)), cuts=st.lists(st.integers(1, 5), max_size=2),
       batch_size=st.integers(1, 6))
def test_a_rows_summary_is_its_own_whatever_the_order_shards_and_batches(
        tmp_path_factory, order, cuts, batch_size):
    records = make_records(6, seed=5)
    if not _ALONE:
        for rec in records:
            s = get_summarizer("coverage").summarize(
                Cluster([Document(t) for t in rec["documents"]], id=rec["id"]),
                make_budget(words=45))
            _ALONE[rec["id"]] = (s.text, [(x.doc_id, x.sentence_index) for x in s.sentences])
    folder = tmp_path_factory.mktemp("shards")
    shuffled = [records[k] for k in order]
    bounds = [0, *sorted(set(cuts)), 6]  # the rows cut into 1 to 3 shards, read sorted
    for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        write_jsonl(folder / f"part-{k}.jsonl", shuffled[a:b])
    out = tmp_path_factory.mktemp("out")
    _run(folder, out, method="coverage", words=45, batch_size=batch_size)
    got = {r["id"]: (r["summary"], [(s["doc_id"], s["sentence_index"]) for s in r["sentences"]])
           for r in read_output(out)}
    assert got == _ALONE


def test_a_rows_word_counts_are_evaluates_a_chinese_character_one_word(tmp_path):
    # summary_words and input_tokens split on whitespace: a Chinese summary of a 30-word
    # budget counted 1 word, its input a handful of 'tokens' (evaluate counts them as
    # budgets do since 63b94ca)
    from summarizer.languages import count_words

    docs = ["今天上午北京下了大雨。许多航班因此取消。机场里滞留了很多旅客。",
            "大雨导致北京多条道路积水。交通部门提醒市民注意安全。"]
    source = tmp_path / "zh.jsonl"
    source.write_text(json.dumps({"id": "z", "documents": docs}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    _run(source, tmp_path / "out", words=30, language="chinese")
    row, = read_output(tmp_path / "out")
    assert row["summary_words"] == count_words(row["summary"]) > 10
    assert row["input_tokens"] == sum(count_words(d) for d in docs) > 40


def test_a_row_lets_go_of_its_record_once_its_cluster_is_made(tmp_path):
    # the raw text of a row's document (50 MB for a 50 MB document) was held, by the row
    # and the readers' frames, beside its cleaned text while the cluster was summarised
    from helpers import traced_memory

    from summarizer.batch.job import SummariseTask
    from summarizer.batch.source import Source
    from summarizer.summarizers.budget import Budget

    sentence = "The council approved the new budget for the city schools on Monday. "
    path = write_jsonl(tmp_path / "one.jsonl", [{"id": "a", "text": sentence * 15_000},
                                                {"id": "b", "text": sentence}])
    fields = Fields()
    task = SummariseTask("lead", {}, Budget(words=20), fields, 0, "fingerprint")
    task.setup()
    rows = Source(path, fields).rows()
    with traced_memory() as mem:
        row = next(rows)
        got = task(row)
    assert got["row"]["id"] == "a" and got["row"]["summary"].startswith("The council")
    assert row.record is None and row.id == "a"
    assert mem.held < 1_300_000, mem.held  # 0.7 MB; with the 1 MB record held, 1.75
    assert [r.id for r in rows] == ["b"]


def _disk_full_as_failed_jsonl_is_renamed(monkeypatch):
    """os.replace refusing failed.jsonl's rename into place for want of room (both paths);
    gives the real os.replace back, to make room again."""
    from summarizer import atomic

    replace = os.replace

    def full_as_failed_jsonl_is_renamed(src, dst, *args, **kwargs):
        if os.path.basename(dst) == "failed.jsonl":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), src, None, dst)
        return replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", full_as_failed_jsonl_is_renamed)
    return replace


def test_a_full_disk_as_a_file_is_renamed_into_place_names_the_file(clusters_jsonl, tmp_path,
                                                                    monkeypatch):
    """failed.jsonl is written to a temporary file and renamed into place, which a full disk
    can refuse (a new directory entry): the error then has both paths, but saying_saved
    rebuilt it with the first (filename2 dropped), so the line named only a temporary file.
    It is renamed as every file written whole is (atomic._replace): named by the file, the
    temporary one removed (it was left, its name first in the error)."""
    _disk_full_as_failed_jsonl_is_renamed(monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(OSError) as caught:
        _run(clusters_jsonl, out)
    assert caught.value.errno == errno.ENOSPC and "run the same command again" in str(caught.value)
    assert str(caught.value.filename) == str(out / "failed.jsonl")
    assert not list(out.glob(".*.tmp"))
    code, _, err = run_cli(["batch", str(clusters_jsonl), "--out", str(tmp_path / "o2"),
                            "--method", "lead", "--no-progress"])
    assert code == 1
    assert error_line(err).startswith(f"summarizer: error: {tmp_path / 'o2' / 'failed.jsonl'}: "
                                      "No space left on device; 10 clusters saved in ")


def test_a_full_disk_as_failed_jsonl_is_written_still_writes_the_report(clusters_jsonl, tmp_path,
                                                                         monkeypatch):
    """failed.jsonl is put in place as the job ends, just before report.json: its error on
    a full disk skipped the report (88520c0 kept it for a shard's). Now the report is
    written where it still fits, then the error is raised, saying how to resume."""
    replace = _disk_full_as_failed_jsonl_is_renamed(monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space left") as caught:
        _run(clusters_jsonl, out, batch_size=3)
    assert "10 clusters saved in" in str(caught.value)
    assert "run the same command again to resume" in str(caught.value)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # every row is in a shard, but failed.jsonl is not there: a rerun is asked for
    assert (report["done"], report["complete"]) == (10, False)
    assert not (out / "failed.jsonl").exists()
    monkeypatch.setattr(os, "replace", replace)
    again = _run(clusters_jsonl, out, batch_size=3)
    assert (again.done, again.skipped, again.complete) == (0, 10, True)
    assert (out / "failed.jsonl").exists()


def _disk_full_as_failed_jsonl_is_written(monkeypatch, full_from: int):
    """The disk full from failed.jsonl's ``full_from``-th line on (each line reaching the
    disk as written), and then at its flush; shards and the report still fit."""
    from summarizer import atomic

    made = atomic.AtomicLines.__init__

    class Full:
        def __init__(self, fh):
            self._fh, self._lines, self.full = fh, 0, False

        def write(self, text):
            self._lines += 1
            if self._lines >= full_from:
                self.full = True
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self._fh.write(text)

        def flush(self):
            if self.full:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self._fh.flush()

        def __getattr__(self, name):
            return getattr(self._fh, name)

    def init(self, path):
        made(self, path)
        if self.path.name == "failed.jsonl":
            self._fh = Full(self._fh)

    monkeypatch.setattr(atomic.AtomicLines, "__init__", init)


@pytest.mark.parametrize("full_from", [1, 4])
def test_a_full_disk_as_a_failure_is_written_counts_every_failure(tmp_path, monkeypatch,
                                                                   full_from):
    """failed.jsonl is written line by line as failures come (FailureLog.add in _collect),
    not only put in place at close: a full disk there raised out of the loop with the
    failure uncounted, and close then wrote again into the full file, the held failures
    uncounted too (report.json said fewer failures than the rows up to the last one done),
    and its temporary file was left. As at close now: every failure found is
    counted in report.json, the error names failed.jsonl and says what is saved, the
    finished shards are kept, no partial failed.jsonl is put in place, and a rerun with
    room resumes."""
    from summarizer.batch import job

    monkeypatch.setattr(job, "FLUSH_SECONDS", -1)  # a shard after every pack
    good = make_records(8)
    lines, bad = [], []
    for i, record in enumerate(good):  # a failure summarised, then one refused as read
        lines += [json.dumps(record), json.dumps({"id": f"e{i}", "title": "no text"}), "{broken"]
        bad += [3 * i + 1, 3 * i + 2]
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    _disk_full_as_failed_jsonl_is_written(monkeypatch, full_from)
    out = tmp_path / "out"
    with pytest.raises(OSError) as caught:
        _run(inp, out, batch_size=2)
    assert caught.value.errno == errno.ENOSPC
    assert str(caught.value.filename) == str(out / "failed.jsonl")
    saved = read_output(out)
    assert saved and f"{len(saved)} cluster" in str(caught.value)
    assert "run the same command again to resume" in str(caught.value)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    last = max(r["position"] for r in saved)
    assert (report["done"], report["complete"]) == (len(saved), False)
    counted = [f["position"] for f in report["failures"]]
    # the failure whose line met the full disk, those before it and before the last row done
    assert report["failed"] == len(counted) == len(set(counted)) and set(counted) <= set(bad)
    assert set(bad[:full_from]) | {p for p in bad if p < last} <= set(counted)
    assert not (out / "failed.jsonl").exists() and not list(out.glob(".*.tmp"))
    monkeypatch.undo()
    again = _run(inp, out, batch_size=2)
    assert (again.done + again.skipped, again.failed_count, again.complete) == (8, 16, True)
    assert len((out / "failed.jsonl").read_text().splitlines()) == 16


def test_a_full_temporary_folder_as_read_ahead_failures_wait_stops_saying_which(
        tmp_path, monkeypatch):
    """The failures of rows refused as read wait in a temporary file (ReadAhead) for their
    place in failed.jsonl. That folder full (the 3rd line written in part, then no room)
    was a bare "[Errno 28] No space left on device" (no folder named: TMPDIR may be
    anywhere). Now the error names the temporary folder and says what is saved; the
    finished shards are kept, failed.jsonl holds every failure found, the one that met the
    full folder too, in input order, report.json counts them (complete false), and a rerun
    with room resumes."""
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # as TMPDIR names it
    made = tempfile.TemporaryFile

    class NearlyFull:
        def __init__(self, fh):
            self._fh, self._writes = fh, 0

        def write(self, data):
            self._writes += 1
            if self._writes == 3:  # part of the line fits
                return self._fh.write(bytes(data)[:7])
            if self._writes > 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self._fh.write(data)

        def __getattr__(self, name):
            return getattr(self._fh, name)

    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: NearlyFull(made(*a, **k)))
    lines, bad, refused_as_read = [], [], []
    for i, record in enumerate(make_records(8)):  # a failure summarised, one refused as read
        lines += [json.dumps(record), json.dumps({"id": f"e{i}", "title": "no text"}), "{broken"]
        bad += [3 * i + 1, 3 * i + 2]
        refused_as_read.append(3 * i + 2)
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(OSError) as caught:
        _run(inp, out, batch_size=2)
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(temporary)
    saved = read_output(out)
    assert "(the temporary folder" in str(caught.value) and "TMPDIR" in str(caught.value)
    assert f"{len(saved)} cluster" in str(caught.value)
    assert "run the same command again to resume" in str(caught.value)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["done"], report["complete"]) == (len(saved), False)
    failed = [json.loads(x)["position"] for x in (out / "failed.jsonl").read_text().splitlines()]
    # the three refused as read (the third's line met the full folder), each in its place
    assert failed == sorted(failed) and set(failed) <= set(bad)
    assert refused_as_read[:3] == [p for p in failed if p in refused_as_read]
    assert report["failed"] == len(failed) and [f["position"] for f in report["failures"]] == failed
    assert {p for p in bad if p < max(r["position"] for r in saved)} <= set(failed)
    assert not list(out.glob(".*.tmp"))
    monkeypatch.undo()
    again = _run(inp, out, batch_size=2)
    assert (again.done + again.skipped, again.failed_count, again.complete) == (8, 16, True)


@pytest.mark.parametrize("error, said", [(OSError("disk quota exceeded"), "disk quota exceeded"),
                                         (OSError(), "OSError")], ids=["text", "bare"])
def test_an_os_error_without_a_reason_as_read_ahead_failures_wait_names_the_folder(
        tmp_path, monkeypatch, error, said):
    """An OSError with no reason (no strerror: a file system's own text, or none) writing
    the temporary file that holds the failures of rows refused as read was raised as it
    came: "summarizer: error: disk quota exceeded", or "... error: OSError", naming nothing.
    Now its one line names the temporary folder and what it held, as one with a reason
    does; the failure it could not hold still reaches failed.jsonl, the rows before it
    their shard."""
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # as TMPDIR names it

    class Refusing:
        def __init__(self, *args, **kwargs):
            pass

        def seek(self, offset):
            pass

        def write(self, data):
            raise error

        def close(self):
            pass

    monkeypatch.setattr(tempfile, "TemporaryFile", Refusing)
    records = make_records(4)
    lines = [json.dumps(r) for r in records[:2]] + ["{broken"] + [json.dumps(r) for r in records[2:]]
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(["batch", str(inp), "--out", str(out), "--method", "lead", "--words",
                            "40", "--no-progress", "--batch-size", "1"])
    assert code == 1
    assert error_line(err) == (f"summarizer: error: {said} (the temporary folder {temporary}, "
                               "holding the failures of rows refused as read; TMPDIR names "
                               "another)")
    failed = [json.loads(x) for x in (out / "failed.jsonl").read_text().splitlines()]
    assert [f["position"] for f in failed] == [2]
    assert [r["id"] for r in read_output(out)] == ["c000"]  # c001 waited in its batch
    monkeypatch.undo()
    again = _run(inp, out, batch_size=1)
    assert (again.done + again.skipped, again.failed_count, again.complete) == (4, 1, True)


def _no_ray_here(monkeypatch, tmp_path):
    """This machine as one on which no Ray cluster runs, whatever runs here: Ray's temporary
    folder an empty one (no cluster that 'ray start' left) and no Ray process found."""
    pytest.importorskip("ray.data")
    from ray._private import services

    def none_found():
        return frozenset()

    none_found.cache_clear = lambda: None  # ray.init clears Ray's cache of it
    monkeypatch.setattr(services, "find_gcs_addresses", none_found)
    monkeypatch.setenv("RAY_TMPDIR", str(tmp_path / "raytmp"))
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    return tmp_path / "raytmp" / "ray" / "ray_current_cluster"


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("given", ["option", "RAY_ADDRESS"])
def test_address_auto_with_no_ray_cluster_is_refused_before_the_folder(
        command, given, tmp_path, monkeypatch):
    # --address auto (or RAY_ADDRESS=auto) where no Ray cluster runs: Ray's own refusal
    # ("Could not find any running Ray instance") came once the output folder was made with
    # its manifest, report and failed.jsonl; now Ray's rule is read before, starting no Ray
    import ray

    _no_ray_here(monkeypatch, tmp_path)
    monkeypatch.setattr(ray, "init", lambda *a, **k: pytest.fail("Ray started"))
    extra = ["--address", "auto"] if given == "option" else []
    if given == "RAY_ADDRESS":
        monkeypatch.setenv("RAY_ADDRESS", "auto")
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    out = tmp_path / "o"
    code, _, err = run_cli([command, str(inp), "--out", str(out), "--no-progress",
                            "--engine", "ray", "--words", "20", *extra])
    assert code == 2 and err.count("\n") == 1, err
    assert error_line(err) == (
        "summarizer: error: no Ray cluster runs on this machine for address 'auto': none that "
        f"'ray start' left ({tmp_path / 'raytmp' / 'ray' / 'ray_current_cluster'}) and no Ray "
        "process here; start one (ray start --head) or give its address with address "
        "(--address) or RAY_ADDRESS"), err
    assert not out.exists()


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("found", ["left by ray start", "RAY_ADDRESS"])
def test_the_cluster_auto_finds_is_checked_as_a_named_one(command, found, tmp_path,
                                                           monkeypatch):
    # the address 'auto' finds (the file 'ray start' left, of a cluster gone since; or
    # RAY_ADDRESS, which ray.init reads over --address auto) was not checked: ray.init
    # retried it for minutes once the folder was made
    import socket

    import ray

    left = _no_ray_here(monkeypatch, tmp_path)
    monkeypatch.setattr(ray, "init", lambda *a, **k: pytest.fail("Ray started"))
    with socket.socket() as closed:  # a port nothing listens on once closed
        closed.bind(("127.0.0.1", 0))
        gone = f"127.0.0.1:{closed.getsockname()[1]}"
    if found == "RAY_ADDRESS":
        monkeypatch.setenv("RAY_ADDRESS", gone)
    else:
        left.parent.mkdir(parents=True)
        left.write_text(gone)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    out = tmp_path / "o"
    code, _, err = run_cli([command, str(inp), "--out", str(out), "--no-progress",
                            "--engine", "ray", "--words", "20", "--address", "auto"])
    assert code == 2 and err.count("\n") == 1, err
    assert f"no Ray cluster answers at '{gone}'" in error_line(err), err
    assert ("the cluster Ray finds for 'auto'" in err) is (found != "RAY_ADDRESS"), err
    assert not out.exists()


def test_a_cluster_auto_finds_that_answers_is_left_to_ray(tmp_path, monkeypatch):
    import socket

    from summarizer.batch import engine

    left = _no_ray_here(monkeypatch, tmp_path)
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        left.parent.mkdir(parents=True)
        left.write_text(f"127.0.0.1:{listening.getsockname()[1]}")
        assert engine.auto_cluster() == f"127.0.0.1:{listening.getsockname()[1]}"
        engine.check_address("auto")  # not refused: Ray joins it
    left.unlink()
    with pytest.raises(engine.EngineError, match="no Ray cluster runs on this machine"):
        engine.check_address("auto")
    engine.check_address("local")  # Ray's to start
    engine.check_address(None)


# A host:port that accepts a connection but is no Ray cluster (the dashboard's 8265, an
# HTTP server, something that hangs up at once) passed the address check: Ray retried it
# for minutes once the output folder was made. Ray's GCS and client server speak gRPC,
# whose HTTP/2 preface the check now says (nothing more), before the folder.

class _Server:
    """A server on 127.0.0.1 that answers each connection as ``reply`` says: bytes to
    send once the client has spoken, None to close at once, ... to say nothing."""

    def __init__(self, reply):
        import socket
        import threading

        self.reply, self.sock = reply, socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.heard: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # closed
                return
            with conn:
                if self.reply is None:
                    continue
                conn.settimeout(2)
                try:
                    self.heard.append(conn.recv(100))
                    if self.reply is not ...:
                        conn.sendall(self.reply)
                    else:
                        conn.recv(100)  # until the client goes
                except OSError:
                    pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sock.close()


_HTTP1 = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
_SETTINGS = bytes([0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100])  # a server's first frame


@pytest.mark.parametrize("command", ["batch", "evaluate"])
@pytest.mark.parametrize("reply", ["http/1", "hang-up"])
def test_an_address_that_answers_but_not_as_ray_is_refused_before_the_folder(
        command, reply, tmp_path, monkeypatch):
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    monkeypatch.setattr(ray, "init", lambda *a, **k: pytest.fail("Ray started"))
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    monkeypatch.delenv("RAY_USE_TLS", raising=False)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    out = tmp_path / "o"
    with _Server(_HTTP1 if reply == "http/1" else None) as server:
        code, _, err = run_cli([command, str(inp), "--out", str(out), "--no-progress",
                                "--engine", "ray", "--words", "20", "--address",
                                server.address])
    assert code == 2 and err.count("\n") == 1, err
    port = server.address.split(":")[1]
    assert error_line(err) == (
        f"summarizer: error: '{server.address}' is not a Ray cluster's address: 127.0.0.1 "
        f"port {port} answers, but not in gRPC as Ray's does (Ray's own port is 6379 unless "
        "set, ray:// its client's 10001; 8265 is the dashboard's, for ray job submit): fix "
        "address (--address) or RAY_ADDRESS"), err
    assert not out.exists()


def test_an_address_that_speaks_http2_or_says_nothing_is_left_to_ray(monkeypatch):
    from summarizer.batch import engine
    from summarizer.runtime import http2_answer

    monkeypatch.delenv("RAY_USE_TLS", raising=False)
    with _Server(_SETTINGS) as grpc_like:
        host, port = grpc_like.address.split(":")
        assert http2_answer(host, int(port)) == "http2"
        engine.check_address(grpc_like.address)
        engine.check_address(f"ray://{grpc_like.address}")
    assert grpc_like.heard[0].startswith(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")  # all it was told
    with _Server(...) as silent:  # cannot tell in the wait: Ray's to try
        host, port = silent.address.split(":")
        assert http2_answer(host, int(port), wait=0.2) == "silent"
    with _Server(_HTTP1) as http1:
        host, port = http1.address.split(":")
        assert http2_answer(host, int(port)) == "other"
        with pytest.raises(engine.EngineError, match="is not a Ray cluster's address"):
            engine.check_address(f"ray://{http1.address}")
        # under Ray's TLS its first words are TLS's: the connection alone is checked
        monkeypatch.setenv("RAY_USE_TLS", "1")
        engine.check_address(http1.address)


@pytest.mark.parametrize("change", ["no such function", "another signature"])
def test_a_ray_without_its_private_rule_for_auto_leaves_auto_to_ray(change, tmp_path,
                                                                     monkeypatch):
    # Ray's rule for 'auto' is private (no public function finds a cluster without joining
    # it): a Ray that moved or changed it leaves auto to ray.init, no AttributeError
    from ray._private import services

    from summarizer.batch import engine

    _no_ray_here(monkeypatch, tmp_path)
    if change == "no such function":
        monkeypatch.delattr(services, "get_ray_address_from_environment")
    else:
        monkeypatch.setattr(services, "get_ray_address_from_environment", lambda addr: addr)
    assert engine.auto_cluster() is None
    engine.check_address("auto")


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_the_report_s_seconds_are_the_job_s_wall_time_on_either_engine(engine, tmp_path,
                                                                        monkeypatch):
    # report.json's seconds counted from where the results were collected: the local
    # engine's read of the input was in them, Ray's read up to the first pack (before Ray
    # starts) was not, nor on either the input's fingerprint pass. Both now count from the
    # job's start: a clock of the job's own that moves only as the input is read (10 s a
    # fingerprint pass, 100 s a row) tells; all it moved in the call is in the seconds.
    import types

    from summarizer.batch import engine as engines
    from summarizer.batch import job
    from summarizer.batch.source import Source

    clock = [1000.0]
    monkeypatch.setattr(job, "time", types.SimpleNamespace(
        perf_counter=lambda: clock[0], strftime=job.time.strftime, gmtime=job.time.gmtime))
    describe, rows = Source.describe, Source.rows

    def described(self):
        clock[0] += 10
        return describe(self)

    def read(self):
        for row in rows(self):
            clock[0] += 100
            yield row

    monkeypatch.setattr(Source, "describe", described)
    monkeypatch.setattr(Source, "rows", read)
    if engine == "ray":  # the packs run here: no Ray is started, the clock is the job's
        pytest.importorskip("ray.data")
        monkeypatch.setattr(job, "run_ray", lambda task, packs, **kw: engines.run_local(
            task, packs))
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(3))
    report = summarize_dataset(inp, tmp_path / "out", "lead", words=30, progress=False,
                               engine=engine, batch_size=1)
    moved = clock[0] - 1000
    assert report.done == 3 and moved >= 310 and report.seconds == moved
    written = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert (written["seconds"], written["clusters_per_second"]) == (moved, round(3 / moved, 3))


@pytest.mark.parametrize("empty", [b"", b"\n  \n", "gz"])
def test_an_empty_shard_of_a_folder_holds_no_rows(tmp_path, empty):
    # a job writing one file per partition leaves empty ones: each was a failed row
    # ("unreadable shard: is empty") on every run, so the job never ended cleanly, and it
    # took a position, moving every later row's
    import gzip

    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "part-0.jsonl", make_records(2))
    if empty == "gz":
        (shards / "part-1.jsonl.gz").write_bytes(gzip.compress(b""))
    else:
        (shards / "part-1.jsonl").write_bytes(empty)
    write_jsonl(shards / "part-2.jsonl", [dict(r, id="x0") for r in make_records(1, seed=3)])
    report = _run(shards, tmp_path / "out")
    assert (report.rows, report.done, report.failed_count) == (3, 3, 0)
    assert [r["position"] for r in read_output(tmp_path / "out")] == [0, 1, 2]
    alone = tmp_path / "alone"  # a folder of empty shards alone holds no rows (an error
    alone.mkdir()               # to the CLI, as an empty Parquet shard's folder)
    (alone / "part-0.jsonl").write_bytes(b"")
    code, _, err = run_cli(["batch", str(alone), "--out", str(tmp_path / "out2"),
                            "--method", "lead", "--no-progress"])
    assert code == 2 and err.endswith("holds no rows; nothing was summarised\n"), err


def test_an_id_field_of_another_kind_still_has_the_other_fields_checked(tmp_path):
    # --id-field naming the documents (or a float field) failed every row's id, so the
    # check of the other field options saw no readable row and made none: 50 failed rows
    # and an output folder, where evaluate refuses the options in one line
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(3))
    with pytest.raises(OptionError, match="name one field, 'documents'"):
        _run(inp, tmp_path / "out", id_field="documents", text_field="documents")
    scored = write_jsonl(tmp_path / "scored.jsonl",
                         [dict(r, score=0.5) for r in make_records(3)])
    with pytest.raises(OptionError, match="no field 'nope'"):
        _run(scored, tmp_path / "out", id_field="score", text_field="nope")
    assert not (tmp_path / "out").exists()


def test_json_and_csv_files_of_a_folder_are_named_as_skipped(tmp_path):
    # JSON Lines named .json (Spark's, datasets' to_json) were left out without a word
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "p0.jsonl", make_records(2))
    write_jsonl(shards / "p1.json", [dict(r, id=f"x{i}") for i, r in enumerate(make_records(2))])
    (shards / "_SUCCESS.json").write_text("")  # a job's marker: no data
    with pytest.warns(UserWarning, match=r"skipped .*p1\.json: not a \.jsonl or \.parquet") as got:
        report = _run(shards, tmp_path / "out")
    assert report.rows == 2
    assert not [w for w in got if "_SUCCESS" in str(w.message)]


@pytest.mark.parametrize("name", ["p1.jsonl.zst", "p1.parquet.gz", "p1.arrow", "p1.ndjson.lz4"])
def test_a_folders_shards_packed_as_batch_does_not_read_are_named_as_skipped(tmp_path, name):
    # a .jsonl.zst shard was left out without a word: 3 of 5 rows gone, the job ended 0
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "p0.jsonl", make_records(2))
    (shards / name).write_bytes(b"\x28\xb5\x2f\xfd data")
    with pytest.warns(UserWarning, match=rf"skipped .*{name.replace('.', '[.]')}: not a "):
        report = _run(shards, tmp_path / "out")
    assert report.rows == 2


def test_rows_of_several_text_fields_read_alike_from_jsonl_and_parquet(tmp_path):
    # Parquet holds every column in every row, null where the JSONL row had no such key: a
    # row of "text" beside rows of "documents" failed there ("field 'documents' is null")
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": "a", "documents": ["The storm hit the coast on Monday. Power was cut."]},
            {"id": "b", "text": "The river rose by three metres. Two villages were evacuated."}]
    jsonl = write_jsonl(tmp_path / "mixed.jsonl", rows)
    parquet = tmp_path / "mixed.parquet"
    schema = pa.schema([("id", pa.string()), ("documents", pa.list_(pa.string())),
                        ("text", pa.string())])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), parquet)
    by_jsonl = _run(jsonl, tmp_path / "out_jsonl")
    by_parquet = _run(parquet, tmp_path / "out_parquet")
    assert (by_jsonl.rows, by_jsonl.failed) == (by_parquet.rows, by_parquet.failed) == (2, [])
    summaries = [{r["id"]: r["summary"] for r in read_output(out)}
                 for out in (tmp_path / "out_jsonl", tmp_path / "out_parquet")]
    assert summaries[0] == summaries[1]


def test_a_data_sets_sequence_of_document_objects_is_read(tmp_path):
    # datasets gives Sequence({"text": ..., "title": ...}) as a dict of lists: every row
    # failed ("must be text or a list of documents, not dict")
    from summarizer.batch.source import Fields, Row, to_cluster

    docs = [{"text": "The storm hit the coast on Monday.", "title": "Storm"},
            {"text": "The river rose by three metres overnight.", "title": "Flood"}]
    columns = {"text": [d["text"] for d in docs], "title": [d["title"] for d in docs]}
    as_list = to_cluster(Row(0, "r", "a", {"id": "a", "documents": docs}), Fields())
    as_columns = to_cluster(Row(0, "r", "a", {"id": "a", "documents": columns}), Fields())
    assert ([(d.text, d.title) for d in as_columns.documents]
            == [(d.text, d.title) for d in as_list.documents])
