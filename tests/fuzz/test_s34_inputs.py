"""Session 34's bad-input hunt: damaged and odd files, extreme numbers, full disks,
interrupts and output folders given to the five subcommands and the library. Each fix has
a test here that fails without it."""

from __future__ import annotations

import json
import re

import pytest
from helpers import error_line, run_cli

import summarizer
from summarizer.errors import InputError, OptionError, SummarizerError

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


def _damaged_parquet(path, rows: int, good_rows: int):
    """A Parquet file of ``rows`` clusters in row groups of ``good_rows``, whose footer is
    sound (it opens) but whose last row group's page headers are garbage: a copy cut or
    overwritten in the middle, found only when those rows are read."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.Table.from_pylist([
        {"id": f"c{i}", "documents": [f"Story {i} begins here. The storm hit town {i}. "
                                      "Power was lost for days."]} for i in range(rows)])
    pq.write_table(table, path, row_group_size=good_rows, compression="none")
    last = pq.ParquetFile(path).metadata.row_group(rows // good_rows - (rows % good_rows == 0))
    data = bytearray(path.read_bytes())
    for c in range(last.num_columns):
        col = last.column(c)
        start = col.dictionary_page_offset or col.data_page_offset
        for i in range(start, start + 12):
            data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    pq.ParquetFile(path)  # the footer still reads
    return path


def test_a_parquet_file_damaged_inside_names_it_in_each_row_lost(tmp_path):
    # pyarrow's OSError escaped the rows: "error: Couldn't deserialize thrift ...", exit 1,
    # naming no file; then an InputError that lost the good row group's summaries too: now
    # the good rows are summarised and each row of the damaged group fails, naming the file
    bad = _damaged_parquet(tmp_path / "news.parquet", rows=20, good_rows=10)
    code, out, err = run_cli(["batch", str(bad), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 1 and "10 summarised" in out and "10 failed" in out
    failed = [json.loads(line) for line in
              (tmp_path / "job" / "failed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["position"], f["where"]) for f in failed] == \
        [(i, f"{bad}#{i}") for i in range(10, 20)]
    assert all(f["error"].startswith("damaged Parquet data") for f in failed)
    assert "Traceback" not in err


def test_a_damaged_parquet_shard_fails_its_lost_rows_and_the_others_are_kept(tmp_path):
    # one bad shard of a folder is reported like bad rows, as a damaged gzip shard is;
    # the Parquet one stopped the job (exit 1), the good shard's summaries written nowhere;
    # then the shard was one failed row, its good row group lost with it
    shards = tmp_path / "shards"
    shards.mkdir()
    _damaged_parquet(shards / "b.parquet", rows=20, good_rows=10)
    (shards / "a.jsonl").write_text("".join(
        json.dumps({"id": f"a{i}", "documents": [f"Story {i}. The storm hit the town."]}) + "\n"
        for i in range(3)), encoding="utf-8")
    code, out, err = run_cli(["batch", str(shards), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 1  # as for any failed row
    failed = [json.loads(line) for line in
              (tmp_path / "job" / "failed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["position"], f["where"]) for f in failed] == \
        [(3 + i, f"{shards / 'b.parquet'}#{i}") for i in range(10, 20)]
    assert "damaged Parquet data" in failed[0]["error"]
    pq = pytest.importorskip("pyarrow.parquet")
    done = [i for shard in sorted((tmp_path / "job").glob("part-*.parquet"))
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert sorted(done) == sorted(["a0", "a1", "a2", *(f"c{i}" for i in range(10))])


def test_a_second_ctrl_c_while_batch_saves_loses_no_finished_cluster(tmp_path, monkeypatch):
    # Ctrl-C pressed twice (an impatient user): the second came while the first one's
    # save wrote the finished clusters' shard, cut it short, and the job said "finished
    # clusters are saved" with none saved
    import os
    import signal

    from summarizer.batch import job, output
    from summarizer.batch.job import summarize_dataset

    data = tmp_path / "news.jsonl"
    data.write_text("".join(
        json.dumps({"id": f"c{i}", "documents": [f"Story {i} begins. The storm hit town {i}."]})
        + "\n" for i in range(12)), encoding="utf-8")
    summarised = job.SummariseTask.__call__
    calls = []

    def first_ctrl_c_at_the_sixth_row(self, row):
        calls.append(row.id)
        if len(calls) == 6:
            os.kill(os.getpid(), signal.SIGINT)
        return summarised(self, row)

    writes = output.OutputFolder.write_shard

    def second_ctrl_c_as_the_shard_is_written(self, rows, path=None):
        os.kill(os.getpid(), signal.SIGINT)
        return writes(self, rows, path)

    monkeypatch.setattr(job.SummariseTask, "__call__", first_ctrl_c_at_the_sixth_row)
    monkeypatch.setattr(output.OutputFolder, "write_shard", second_ctrl_c_as_the_shard_is_written)
    # as in a terminal: a run started in the background (nohup, cmd &) inherits SIGINT
    # ignored, and Python then leaves it so
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            summarize_dataset(data, tmp_path / "job", "lead", batch_size=1, progress=False)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # as it was
    finally:
        signal.signal(signal.SIGINT, previous)
    pq = pytest.importorskip("pyarrow.parquet")
    done = [i for shard in (tmp_path / "job").glob("part-*.parquet")
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert done and set(done) <= {f"c{i}" for i in range(6)}
    assert json.loads((tmp_path / "job" / "report.json").read_text())["done"] == len(done)


def test_parquet_text_that_is_not_utf8_fails_its_row_not_the_job(tmp_path):
    # a writer that stores bytes as a string column without checking them: pyarrow's
    # UnicodeDecodeError ended the job, "error: 'utf-8' codec can't decode byte 0xff in
    # position 4", exit 1, no file or row named, the good rows not summarised
    import array

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [b"The storm hit the coast. Power was lost for days.",
             b"Bad \xff\xfe bytes. The storm hit the coast. Power was lost for days.",
             b"Schools closed on Monday. The storm hit the region hard."]
    offsets = array.array("i", [0])
    for text in texts:
        offsets.append(offsets[-1] + len(text))
    column = pa.Array.from_buffers(pa.string(), len(texts), [
        None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(b"".join(texts))])
    data = tmp_path / "news.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": column}), data)
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 1 and "Traceback" not in err  # as for any failed row
    failed = [json.loads(line) for line in
              (tmp_path / "job" / "failed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["position"], f["where"]) for f in failed] == [(1, f"{data}#1")]
    assert "field 'text' holds bytes that are not UTF-8 text (b'\\xff' at byte 4)" \
        == failed[0]["error"]
    done = [i for shard in (tmp_path / "job").glob("part-*.parquet")
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert sorted(done) == ["a", "c"]


# An integer past float's range (10**400: JSON reads it whole, as an int) where a finite
# number is asked: math.isfinite raised OverflowError, "internal error", exit 70
_PAST_FLOAT = 10**400


@pytest.mark.parametrize(("method", "option"), [
    ("mmr", "lam"), ("coverage", "alpha"), ("lexrank", "damping"), ("ilp", "time_limit")])
def test_an_integer_past_floats_range_as_a_number_option_is_refused(method, option):
    code, out, err = run_cli(["summarize", "-", "--method", method,
                              "--option", f"{option}={_PAST_FLOAT}"])
    assert code == 2 and out == ""
    assert f"option {option!r} must be a finite number" in error_line(err)
    with pytest.raises(OptionError, match="must be a finite number"):
        summarizer.summarize(_STORY, method, **{option: _PAST_FLOAT})


def test_a_stored_score_past_floats_range_is_a_damaged_report(tmp_path):
    from summarizer.evaluation.records import finite_number

    with pytest.raises(InputError, match="expected a number"):
        finite_number(_PAST_FLOAT, "report.json per_cluster[0] ROUGE-1.r")


def test_a_concept_model_coefficient_past_floats_range_is_refused(tmp_path):
    from summarizer.summarizers.learned_weights import FORMAT, parse_model

    data = {"format": FORMAT, "version": 1, "features": ["df_share", "log_tf"],
            "link": "logistic", "mean": [0.0, 0.0], "scale": [1.0, 1.0],
            "coef": [1.0, _PAST_FLOAT], "intercept": 0.0}
    with pytest.raises(InputError, match="'coef' must be a list of 2 finite numbers"):
        parse_model(json.dumps(data).encode(), "model.json")


@pytest.mark.parametrize("number", ["9" * 400, "$" + "9" * 400 + " billion",
                                    "٩" * 400])
def test_a_number_past_floats_range_is_checked_not_an_internal_error(number):
    # a number of 309 digits or more (a serial number, a digit dump in scraped text) is
    # float's infinity: round(inf / step) raised OverflowError out of the faithfulness
    # check of a summary or of its sources (evaluate --faithfulness: exit 70)
    from summarizer.faithfulness.checker import FaithfulnessChecker

    checker = FaithfulnessChecker(embeddings=False)
    source = f"The company earned 5 million dollars. It filed code {number} on Monday."
    plain = "The company earned 5 million dollars."
    assert checker.check(plain, source).unsupported_number_rate == 0
    assert checker.check(f"It filed code {number} on Monday.", source).rates()["numbers"] == 1
    assert checker.check(f"It filed code {number} on Monday.", source).unsupported_number_rate == 0
    assert checker.check(f"It filed code {number} on Monday.", plain).unsupported_number_rate == 1


@pytest.mark.parametrize(("given", "read"), [
    ("Tue, 01 Dec 2026 01:00:00 +0100", "2026-12-01T00:00:00"),  # RSS pubDate, in UTC
    ("Wed, 02 Oct 2002 08:00:00 EST", "2002-10-02T13:00:00"),
    ("1 Dec 2026 01:00 GMT", "2026-12-01T01:00:00"),
])
def test_a_news_feeds_date_is_read(given, read):
    # an RSS item's pubDate (RFC 2822, as an e-mail's Date:) was "not a date": every row
    # of a JSONL made from a news feed was refused
    from summarizer.documents.model import Document

    assert Document(text=_STORY, date=given).date == read


@pytest.mark.parametrize("given", [
    "Tue, 31 Feb 2026 01:00:00 GMT",  # a day the calendar lacks
    "Tue, 1 Dec 26 01:00:00 GMT",  # a two-digit year: 1926 or 2026?
    "Mon, 1 Jan 0050 00:00:00 +0000",  # email.utils reads it as 2050
    "Tue, 1 Dec 2026 01:00:00 XYZ",  # a zone it does not know: taken for UTC
    "Tue, 1 Dec 2026 01:00:00 +9999",
])
def test_a_news_feeds_date_is_not_guessed(given):
    from summarizer.documents.model import Document

    with pytest.raises(InputError, match="not a date"):
        Document(text=_STORY, date=given)


@pytest.mark.parametrize("b_is_folder", [False, True])
def test_rouge_compare_of_single_summaries_says_why_no_test_is_made(tmp_path, b_is_folder):
    # `rouge a.txt ref.txt --compare b.txt`: each file is one summary, named by its file,
    # so the pairing failed as "the two reports do not score the same inputs (their
    # summary ids differ)", after scoring both, with no word of why
    (tmp_path / "a.txt").write_text("The storm hit the coast.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("A storm hit the coast on Monday.\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    if b_is_folder:
        other = tmp_path / "b"
        other.mkdir()
        (other / "ref.txt").write_text("Power was lost.\n", encoding="utf-8")
    else:
        other.write_text("Power was lost.\n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(tmp_path / "a.txt"), str(tmp_path / "ref.txt"),
                              "--compare", str(other)])
    assert code == 2 and out == ""
    assert "one summary" in error_line(err) and "--lines" in error_line(err)


def test_json_errors_read_whole_not_with_a_dangling_at(tmp_path):
    # json's own words end "Invalid control character at" and "Unterminated string starting
    # at" (it appends the place): the messages read "not valid JSON (Invalid control
    # character at)" and, in a report, "... at at line 3"
    from summarizer.textio import parse_jsonl_line

    with pytest.raises(InputError) as raised:
        parse_jsonl_line('{"id": "a\x00b"}', "news.jsonl:2")
    assert str(raised.value) == "news.jsonl:2: not valid JSON (Invalid control character)"
    with pytest.raises(InputError, match=r"\(Unterminated string\)$"):
        parse_jsonl_line('{"id": "a', "news.jsonl:2")
    run = tmp_path / "run"
    run.mkdir()
    (run / "report.json").write_text('{\n "system": "lead",\n "x": "a\tb"\n}\n', encoding="utf-8")
    code, out, err = run_cli(["compare", str(run), str(run), "--out", str(tmp_path / "c")])
    assert code == 2 and "(Invalid control character at line 3)" in error_line(err)


@pytest.mark.parametrize("item", ["news.jsonl", _STORY, None, "document"])
def test_library_evaluate_of_a_list_holding_no_cluster_names_it(tmp_path, item):
    # evaluate(["a.jsonl", "b.jsonl"]) (two data sets), a list of texts or a Document beside
    # the clusters: "AttributeError: 'str' object has no attribute 'id'"; a Dataset built
    # by hand was refused so already
    from summarizer.documents.model import Cluster, Document
    from summarizer.evaluation import evaluate

    cluster = Cluster.from_texts([_STORY, _STORY.upper()], id="c0")
    cluster.references = ["The storm hit."]
    given = Document(text=_STORY) if item == "document" else item
    with pytest.raises(InputError, match="the cluster at position 1 is a .*, not a Cluster"):
        evaluate([cluster, given], "lead", out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    from summarizer.documents.model import Cluster
    from summarizer.evaluation import evaluate

    root = tmp_path_factory.mktemp("runs")
    clusters = []
    for i in range(4):
        cluster = Cluster.from_texts([f"Story {i}. {_STORY}", _STORY.upper()], id=f"c{i}")
        cluster.references = ["The storm hit the coast. Schools were closed."]
        clusters.append(cluster)
    for method in ("lead", "centroid"):
        evaluate(clusters, method, out=root / method, progress=False)
    return root / "lead", root / "centroid"


def test_one_name_where_a_list_is_asked_is_a_list_of_it(two_runs, tmp_path):
    # a string is iterable: compare_runs(metrics="ROUGE-2") said "no metric 'R'",
    # compare_runs("runs") looked for the run folders 'r', 'u' ..., read_output(columns="id")
    # for the columns 'd' and 'i'
    from summarizer.batch.job import summarize_dataset
    from summarizer.batch.output import read_output
    from summarizer.evaluation.compare import compare_runs

    compared = compare_runs([str(p) for p in two_runs], metrics="ROUGE-2", trials=50,
                            resamples=50)
    assert compared.metrics == ["ROUGE-2"]
    with pytest.raises(InputError, match="needs at least two run folders"):
        compare_runs(str(two_runs[0]))
    with pytest.raises(InputError, match=r"folders\[1\] must be a path, not NoneType"):
        compare_runs([two_runs[0], None])
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [_STORY]}) + "\n", encoding="utf-8")
    summarize_dataset(data, tmp_path / "job", "lead", progress=False)
    assert read_output(tmp_path / "job", columns="id") == [{"id": "a"}]
    with pytest.raises(OptionError, match="columns must be a list, not int"):
        read_output(tmp_path / "job", columns=5)


@pytest.mark.parametrize("paths", [5, [_STORY[:10], None], [1.5]])
def test_load_cluster_of_what_is_no_path_is_an_input_error(paths):
    # load_cluster(5): "TypeError: 'int' object is not iterable"; [path, None]: os.fspath's
    from summarizer.documents.loaders import load_cluster

    with pytest.raises(InputError, match="must be a (list|path)"):
        load_cluster(paths)


@pytest.mark.parametrize("out", [None, b"run", 5])
@pytest.mark.parametrize("command", ["batch", "evaluate", "compare"])
def test_an_output_folder_that_is_no_path_is_an_option_error(two_runs, tmp_path, out, command):
    # summarize_dataset(out=None), evaluate(out=b"run"): "TypeError: expected str, bytes or
    # os.PathLike object" or "argument should be a str object or an os.PathLike object"
    from summarizer.batch.job import summarize_dataset
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.compare import write_comparison

    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [_STORY], "summary": "The storm."})
                    + "\n", encoding="utf-8")
    if command == "evaluate" and out is None:
        pytest.skip("out=None is evaluate's default folder")
    with pytest.raises(OptionError, match="out must be a folder's path, not"):
        if command == "batch":
            summarize_dataset(data, out, "lead", progress=False)
        elif command == "evaluate":
            evaluate(str(data), "lead", out=out, progress=False)
        else:
            from summarizer.evaluation.compare import compare_runs

            write_comparison(compare_runs(list(two_runs), trials=50, resamples=50), out)


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
@pytest.mark.parametrize(("pairs", "said"), [
    (None, "pairs must be a list of (summary, references) pairs, not NoneType"),
    (5, "pairs must be a list of (summary, references) pairs, not int"),
    (["The storm hit."], "pair 1: a str, not a (summary, references) pair"),
    ([("The storm hit.", ["A storm."]), ("a", ["b"], "c")], "pair 2: 3 items, not a"),
    ([("The storm hit.", ["A storm."]), None], "pair 2: a NoneType, not a"),
])
def test_score_corpus_of_what_is_no_list_of_pairs_names_it(mode, pairs, said):
    # score_corpus(None): "TypeError: 'NoneType' object is not iterable"; a pair of three:
    # "ValueError: too many values to unpack (expected 2)"
    from summarizer.metrics.api import score_corpus

    with pytest.raises(InputError, match=re.escape(said)):
        score_corpus(pairs, mode=mode)
    good = score_corpus([("The storm hit the coast.", ["A storm hit the coast."])], mode=mode)
    assert good.ids == ["1"]


@pytest.mark.parametrize(("tail", "said"), [
    (b"garbage", "bytes that are not gzip data follow its complete gzip data"),
    (b"\x1f", "bytes that are not gzip data follow its complete gzip data"),
])
def test_gzip_data_with_trailing_garbage_is_said_so_not_called_no_gzip(tmp_path, tail, said):
    # a complete gzip stream with bytes after it (gzip -d: "decompression OK, trailing
    # garbage ignored") was "damaged gzip data (Not a gzipped file (b'ga'))"
    import gzip

    news = tmp_path / "news.txt.gz"
    news.write_bytes(gzip.compress(_STORY.encode()) + tail)
    code, out, err = run_cli(["summarize", str(news)])
    assert code == 2 and out == ""
    assert said in error_line(err) and "Not a gzipped file" not in err
    damaged = gzip.compress(_STORY.encode())
    news.write_bytes(damaged[:-8] + b"\0\0\0\0" + damaged[-4:])  # its CRC: damage inside
    code, out, err = run_cli(["summarize", str(news)])
    assert code == 2 and "damaged gzip data (CRC check failed" in error_line(err)


def _with_bom(path):
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def test_the_projects_own_json_saved_with_a_bom_is_read_back(two_runs, tmp_path):
    # a UTF-8 byte-order mark (Notepad's save) made report.json "truncated or damaged" and
    # run.json "not valid JSON ... the run folder is damaged", blocking a resume of intact
    # results; manifest.json was "not a summarizer batch manifest", comparison.json not ours
    import shutil

    from summarizer.batch.job import summarize_dataset
    from summarizer.documents.model import Cluster
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.compare import compare_runs, write_comparison
    from summarizer.evaluation.report import load_report

    run = tmp_path / "lead"
    shutil.copytree(two_runs[0], run)
    before = load_report(run).to_dict()
    for name in ("report.json", "run.json", "results.jsonl"):
        _with_bom(run / name)
    assert load_report(run).to_dict() == before
    clusters = []
    for i in range(4):
        cluster = Cluster.from_texts([f"Story {i}. {_STORY}", _STORY.upper()], id=f"c{i}")
        cluster.references = ["The storm hit the coast. Schools were closed."]
        clusters.append(cluster)
    resumed = evaluate(clusters, "lead", out=run, progress=False)
    assert (resumed.resumed, resumed.computed) == (4, 0)  # the sealed results kept
    compared = compare_runs([run, two_runs[1]], trials=50, resamples=50)
    write_comparison(compared, tmp_path / "cmp", plot=False)
    _with_bom(tmp_path / "cmp" / "comparison.json")
    write_comparison(compared, tmp_path / "cmp", plot=False)  # over its earlier comparison
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [_STORY]}) + "\n", encoding="utf-8")
    summarize_dataset(data, tmp_path / "job", "lead", progress=False)
    _with_bom(tmp_path / "job" / "manifest.json")
    summarize_dataset(data, tmp_path / "job", "lead", progress=False)  # resumes the job


@pytest.mark.parametrize("kind", ["bzip2", "xz"])
def test_bzip2_and_xz_input_is_read_as_gzip_is(tmp_path, kind):
    # a .txt.bz2 or .jsonl.xz was "looks like a binary file, not text"; now decompressed
    # as it is read, stream after stream, with gzip's rules for trailing bytes
    import bz2
    import io
    import lzma

    from summarizer.errors import CompressedDataError
    from summarizer.textio import read_bytes, read_stream, utf8_lines

    compress = bz2.compress if kind == "bzip2" else lzma.compress
    plain = tmp_path / "news.txt"
    plain.write_text(_STORY, encoding="utf-8")
    packed = tmp_path / f"news.txt.{'bz2' if kind == 'bzip2' else 'xz'}"
    packed.write_bytes(compress(_STORY.encode()))
    assert run_cli(["summarize", str(packed)]) == run_cli(["summarize", str(plain)])
    assert read_stream(io.BytesIO(packed.read_bytes()), "<stdin>") == _STORY.encode()
    rows = "".join(json.dumps({"id": str(i), "document": f"Story {i}. {_STORY}"}) + "\n"
                   for i in range(3)).encode()
    shard = tmp_path / "rows.jsonl.xz"
    shard.write_bytes(compress(rows[:50]) + compress(rows[50:]) + b"\0" * 8)  # joined, padded
    assert read_bytes(shard) == rows
    assert len(list(utf8_lines(shard))) == 3
    packed.write_bytes(compress(_STORY.encode()) + b"garbage")
    code, out, err = run_cli(["summarize", str(packed)])
    assert code == 2 and out == ""
    assert f"bytes that are not {kind} data follow its complete {kind} data" in error_line(err)
    data = compress(_STORY.encode())
    packed.write_bytes(data[:len(data) // 2])
    with pytest.raises(CompressedDataError, match=f"the {kind} data is cut short"):
        read_bytes(packed)


@pytest.mark.parametrize(("head", "said"), [
    (b"PK\x03\x04", "is a zip archive, not text; unzip it"),
    (b"7z\xbc\xaf\x27\x1c", "is a 7-Zip archive, not text"),
    (b"\x28\xb5\x2f\xfd", "is zstd-compressed data, not text; decompress it (zstd -d)"),
])
def test_an_archive_is_named_not_called_binary(tmp_path, head, said):
    news = tmp_path / "news.zip"
    news.write_bytes(head + bytes(range(256)) * 4)
    code, out, err = run_cli(["summarize", str(news)])
    assert code == 2 and out == "" and said in error_line(err)
    shard = news.rename(tmp_path / "news.jsonl")  # named as batch takes it
    code, out, err = run_cli(["batch", str(shard), "--out", str(tmp_path / "job")])
    assert code == 2 and said in error_line(err)


_HUGE = 10**5000  # past Python's 4,300 digits for writing an int
_PAIRS = [("The storm hit.", ["A storm hit."])]


def score_corpus(*args, **kwargs):
    from summarizer.metrics.api import score_corpus

    return score_corpus(*args, **kwargs)


@pytest.mark.parametrize(("call", "said"), [
    (lambda s: s.summarize(_STORY, "lead", min_words=_HUGE), "not <an integer of 5,001 digits>"),
    (lambda s: s.summarize(_STORY, "textrank", max_sentences=[_HUGE]),
     "not <a list holding an integer of over 4,300 digits>"),
    (lambda s: s.summarize(_STORY, "lead", compress=_HUGE), "not <an integer of 5,001 digits>"),
    (lambda s: s.summarize(_STORY, "lead", words=_HUGE - 1),
     "words budget <an integer of 5,000 digits> is absurdly large"),
    (lambda s: s.summarize(_STORY, "lead", words=-_HUGE), "must be positive, got <a negative"),
    (lambda s: s.summarize(_STORY, "lead", language=_HUGE), "not int <an integer of 5,001"),
    (lambda s: score_corpus(_PAIRS, options=_HUGE), "such as '-n 2 -m', not <an integer"),
    (lambda s: score_corpus(_PAIRS, options={"n": _HUGE}), "not <a dict holding an integer"),
    (lambda s: score_corpus(_PAIRS, metrics=_HUGE), "must be a list, not int <an integer of 5,001"),
    # ids are read by values.listed (as metrics, columns, run folders): its type, then itself
    (lambda s: score_corpus(_PAIRS, ids=-_HUGE), "not int <a negative integer of 5,001 digits>"),
])
def test_a_huge_integer_is_named_by_its_digits_in_the_message(call, said):
    # the message naming a value past 4,300 digits raised Python's "Exceeds the limit (4300
    # digits) for integer string conversion" while it was being built: a ValueError, not
    # the typed error, and a 5,000-digit number is no message line anyway
    with pytest.raises(SummarizerError) as exc:
        call(summarizer)
    assert said in str(exc.value) and len(str(exc.value)) < 300


@pytest.mark.parametrize("setting", ["rouge", "dataset_options", "seed"])
def test_a_huge_integer_as_an_evaluate_setting_is_named_so(tmp_path, setting):
    from summarizer.evaluation import evaluate

    with pytest.raises(OptionError, match="<an integer of 5,001 digits>"):
        evaluate([], "lead", out=tmp_path / "run", progress=False, **{setting: _HUGE})


def test_terminal_colour_codes_are_cleaned_whole_not_left_as_brackets():
    # cleaning dropped ESC with the other controls and left "[31m" and "[0m" in the text
    # (and in its summary); "[31m" without an ESC is text, and stays
    from summarizer.documents.clean import normalize_unicode, normalized_lines

    coloured = ("\x1b[1;31mWarning:\x1b[0m The storm hit the coast on Monday.\n"
                "\x1b[32mThousands\x1b[0m lost power. See [31m here.\x1b[K")
    plain = ("Warning: The storm hit the coast on Monday.\n"
             "Thousands lost power. See [31m here.")
    assert normalize_unicode(coloured) == plain
    assert normalized_lines(coloured) == plain.split("\n")
    summary = summarizer.summarize(coloured.replace("\n", " ") + " " + _STORY, "lead", words=60)
    assert "Warning: The storm hit" in summary.text and "[0m" not in summary.text
    assert normalize_unicode("Call [1m now\x07.") == "Call [1m now."  # no ESC: only the BEL
