"""batch: an OSError is a row's failure while rows around it succeed, but the same one at
SAME_ERROR_ROWS rows in a row (a file read for every row gone) stops the job with it, the
rows done kept and the job resumable (the local engine here; test_batch_ray.py: Ray),
whether the warm-up cluster meets it or not; one of a file the rows name themselves (their
own attachment), or of a file each of its own, never does."""

from __future__ import annotations

import json

import pytest
from batch_helpers import (
    ReadsEachRow,
    ReadsLanguageFile,
    ReadsNamedFile,
    WritesEachRow,
    make_records,
)
from helpers import error_line, run_cli, write_jsonl

from summarizer.batch import job, read_output, summarize_dataset


def _stopped(rows: int, last: str, saved: int, out) -> str:
    return (f"No such file or directory (at {rows} rows in a row, the last id {last!r}, none "
            f"summarised between: not the rows' fault; {saved} clusters saved in {out}; run "
            "the same command again to resume once it is fixed)")


def test_the_same_os_error_at_every_row_stops_the_job_and_it_resumes(tmp_path, monkeypatch):
    # A word list read for every row, removed once 6 rows were done: each row after was a
    # failed row, the job reading the whole input to fail it ("14 failed", exit 1)
    monkeypatch.setattr(job, "SAME_ERROR_ROWS", 4)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(20, seed=1))
    needed, out = tmp_path / "words.json", tmp_path / "o"

    def run():
        return summarize_dataset(inp, out, ReadsEachRow(str(needed), after="c005"),
                                 words=40, progress=False)

    with pytest.raises(FileNotFoundError) as caught:
        run()
    assert caught.value.filename == str(needed)
    assert caught.value.strerror == _stopped(4, "c009", 6, out)
    report = json.loads((out / "report.json").read_text())
    assert (report["done"], report["failed"], report["complete"]) == (6, 4, False)
    assert [json.loads(x)["id"] for x in (out / "failed.jsonl").read_text().splitlines()] == [
        "c006", "c007", "c008", "c009"]
    needed.write_text("{}", encoding="utf-8")
    resumed = run()
    assert (resumed.done, resumed.skipped, resumed.failed_count, resumed.complete) == (
        14, 6, 0, True)
    assert len(read_output(out)) == 20


def test_the_command_says_it_in_one_line_with_exit_1(tmp_path, monkeypatch):
    from summarizer import summarizers

    monkeypatch.setattr(job, "SAME_ERROR_ROWS", 3)
    monkeypatch.setitem(summarizers.METHODS, "test-reads-each-row", "batch_helpers:ReadsEachRow")
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(8, seed=1))
    needed, out = tmp_path / "words.json", tmp_path / "o"
    code, _, err = run_cli(["batch", str(inp), "--out", str(out), "--method",
                            "test-reads-each-row", "--option", f"needed={needed}", "--words", "40",
                            "--no-progress"])
    assert code == 1
    assert error_line(err) == f"summarizer: error: {needed}: {_stopped(3, 'c002', 0, out)}"


@pytest.mark.parametrize("every", [2, 3])
def test_an_os_error_with_rows_done_between_is_each_rows_failure(tmp_path, monkeypatch, every):
    # the same missing file, but rows summarised between its failures: the job goes on
    monkeypatch.setattr(job, "SAME_ERROR_ROWS", 2)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(12, seed=1))
    report = summarize_dataset(inp, tmp_path / "o", ReadsEachRow(str(tmp_path / "gone"),
                                                                 every=every),
                               words=40, progress=False)
    failing = 12 // every
    assert (report.done, report.failed_count, report.complete) == (12 - failing, failing, True)
    assert all("FileNotFoundError" in f["error"] for f in report.failed)



def _named(records, first: int, path) -> list[dict]:
    """``records`` whose rows from ``first`` on name the file ``path`` (their first
    document's title), each in its own words."""
    out = []
    for i, record in enumerate(records):
        if i >= first:
            docs = [{"text": d} for d in record["documents"]]
            docs[0]["title"] = str(path)
            record = {**record, "documents": docs}
        out.append(record)
    return out


def test_rows_that_need_one_missing_file_of_their_own_do_not_stop_the_job(tmp_path):
    # 25 rows in a row that name one missing file (their attachment): each a failed row,
    # as it would be among rows that are summarised, and the rows after them summarised.
    # They stopped the job at the 20th ("at 20 rows in a row ... not the rows' fault"),
    # and a rerun stopped there again. The warm-up cluster, asked once, does not need it
    assert job.SAME_ERROR_ROWS < 25
    missing, log = tmp_path / "attachment.json", tmp_path / "log"
    records = _named(make_records(34, seed=1), 5, missing)
    for record in records[30:]:  # the rows after them name none
        record["documents"] = [d["text"] if isinstance(d, dict) else d
                               for d in record["documents"]]
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    report = summarize_dataset(inp, tmp_path / "o", ReadsNamedFile(str(log)), words=40,
                               progress=False)
    assert (report.done, report.failed_count, report.complete) == (9, 25, True)
    assert {f["id"] for f in report.failed} == {f"c{i:03d}" for i in range(5, 30)}
    assert all("FileNotFoundError" in f["error"] for f in report.failed)
    # the set-up's warm-up alone: no more summaries of it to tell whose the error is (one
    # per error, seconds each with an abstractive model)
    assert log.read_text().split().count("warmup") == 1


@pytest.mark.parametrize("named", ["a file each", "a name in a folder"])
def test_rows_that_each_name_a_missing_file_do_not_stop_the_job(tmp_path, named):
    # 25 rows in a row that each name a missing file of their own (the same error but
    # another file each: not the same error), or name one by its name in the folder the
    # summariser reads it from (the error names its whole path): the rows' own failures
    log, base = tmp_path / "log", tmp_path / "attachments"
    records = make_records(30, seed=1)
    for i, record in enumerate(records[5:], 5):
        docs = [{"text": d} for d in record["documents"]]
        docs[0]["title"] = (str(base / f"a{i}.json") if named == "a file each"
                            else "attachment.json")
        record["documents"] = docs
    inp = write_jsonl(tmp_path / "in.jsonl", records)
    summariser = ReadsNamedFile(str(log), base=str(base) if named != "a file each" else "")
    report = summarize_dataset(inp, tmp_path / "o", summariser, words=40, progress=False)
    assert (report.done, report.failed_count, report.complete) == (5, 25, True)


def test_rows_that_need_a_file_the_warm_up_does_not_stop_the_job(tmp_path):
    # a component that the rows after c004 alone load (one for long clusters): the warm-up
    # never reads it, so the job went on failing every row left (25 of 30)
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(30, seed=1))
    gone = tmp_path / "gone"
    with pytest.raises(FileNotFoundError) as caught:
        summarize_dataset(inp, tmp_path / "o", ReadsEachRow(str(gone), after="c004"),
                          words=40, progress=False)
    rows = job.SAME_ERROR_ROWS
    assert caught.value.filename == str(gone)
    assert caught.value.strerror == _stopped(rows, f"c{rows + 4:03d}", 5, tmp_path / "o")


def test_a_czech_job_whose_czech_word_list_is_gone_stops(tmp_path):
    # the warm-up is English, whose list is there: a Czech-only job failed every row of
    # its input, to the end, each for the same missing file
    lists, out = tmp_path / "lists", tmp_path / "o"
    lists.mkdir()
    (lists / "english.json").write_text("{}", encoding="utf-8")
    records = [{**r, "language": "cs"} for r in make_records(30, seed=1)]
    inp = write_jsonl(tmp_path / "in.jsonl", records)

    def run():
        return summarize_dataset(inp, out, ReadsLanguageFile(str(lists)), words=40,
                                 progress=False)

    rows = job.SAME_ERROR_ROWS
    with pytest.raises(FileNotFoundError) as caught:
        run()
    assert caught.value.filename == str(lists / "czech.json")
    assert caught.value.strerror == _stopped(rows, f"c{rows - 1:03d}", 0, out)
    report = json.loads((out / "report.json").read_text())
    assert (report["done"], report["failed"], report["complete"]) == (0, rows, False)
    (lists / "czech.json").write_text("{}", encoding="utf-8")
    resumed = run()
    assert (resumed.done, resumed.failed_count, resumed.complete) == (30, 0, True)


@pytest.mark.parametrize("filename, named", [
    ("/data/attachments/a.json", True),  # the row's string holds the path
    (b"/data/attachments/a.json", True),  # a bytes path
    ("/base/attachments/a.json", True),  # the row's relative name, in a folder
    ("/lists/czech.json", False),  # no row's string: the summariser's own file
    ("/lists/cs", False),  # a language code is no name of a file
    (3, False),  # a file descriptor names nothing
    (None, False),
])
def test_which_files_a_row_names(filename, named):
    from summarizer.documents.model import Cluster, Document

    cluster = Cluster([Document("Rada schválila rozpočet.", title="attachments/a.json",
                                meta={"path": "/data/attachments/a.json"})],
                      id="c1", language="cs")
    error = FileNotFoundError(2, "No such file or directory", filename)
    assert job.names_file(cluster, error) is named


@pytest.mark.parametrize("error, reason", [("full", "No space left on device"),
                                           ("unwritable", "Permission denied")])
def test_a_full_disk_or_an_unwritable_file_of_every_row_still_stops_the_job(
        tmp_path, error, reason):
    # a file the summariser writes for every row, the warm-up's too: no row's own
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(30, seed=1))
    log, out = tmp_path / "log", tmp_path / "o"

    def run():
        return summarize_dataset(inp, out, WritesEachRow(str(log), "c003", error), words=40,
                                 progress=False)

    rows = job.SAME_ERROR_ROWS
    with pytest.raises(OSError) as caught:
        run()
    assert caught.value.strerror == (
        f"{reason} (at {rows} rows in a row, the last id 'c{rows + 2:03d}', none summarised "
        f"between: not the rows' fault; 3 clusters saved in {out}; run the same command "
        "again to resume once it is fixed)")
    assert caught.value.filename == (str(log) if error == "unwritable" else None)
    (tmp_path / "log.full").unlink()
    resumed = run()
    assert (resumed.done, resumed.skipped, resumed.complete) == (27, 3, True)


def test_other_files_and_rows_done_do_not_add_up():
    # consecutive OSErrors of different files are not one cause
    same = job.SameOSError(2)
    for i in range(4):
        error = FileNotFoundError(2, "No such file or directory", f"/lists/{i}.txt")
        same.add({"failed": {"id": f"c{i}"}, "os_error": error})
        assert not same.stopping
    same.add({"failed": {"id": "c4"}, "os_error": error})
    assert same.stopping and same.count == 2
    same.add({"row": {}})
    assert not same.stopping


def test_the_readme_gives_the_bound_the_code_has():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"at {job.SAME_ERROR_ROWS} rows in a row, none" in " ".join(readme.split())
