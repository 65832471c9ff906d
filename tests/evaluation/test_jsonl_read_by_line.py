"""evaluate's ``--summaries``/``precomputed:`` JSONL file and a JSONL data set loaded whole
(load_dataset: the library's, and evaluate's fallback where a file cannot be streamed) are
read a line at a time (textio.open_jsonl): memory holds the results and one record, not
the file's bytes, text, lines and records too. They were read whole (read_jsonl)."""

from __future__ import annotations

import gzip
import json
import warnings

import pytest
from helpers import traced_memory

from summarizer.errors import InputError
from summarizer.evaluation.datasets import DatasetOptions, load_dataset
from summarizer.evaluation.systems import PrecomputedSummarizer
from summarizer.textio import read

SENTENCE = "The council met on Monday and voted to build a bridge over the river. "


def _write(path, records, encoding="utf-8", newline="\n"):
    text = newline.join(json.dumps(r, ensure_ascii=False) for r in records) + newline
    path.write_text(text, encoding=encoding, newline="")
    return path


def _load(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_dataset(path, DatasetOptions(**options))


def _clusters(data):
    return [(c.id, [d.text for d in c.documents], c.references) for c in data.clusters]


def test_a_summaries_file_is_held_as_its_summaries(tmp_path):
    path = _write(tmp_path / "preds.jsonl",
                  [{"id": f"c{i}", "summary": SENTENCE * 20} for i in range(1500)])
    PrecomputedSummarizer(path)  # warm
    with traced_memory() as mem:
        system = PrecomputedSummarizer(path)
    size = path.stat().st_size  # ~2.1 MB
    assert len(system.records) == 1500
    # 1.2x the file; read whole (its bytes, text, lines and records at once): 3.3x
    assert mem.peak < 1.6 * size, mem.peak / size


@pytest.mark.parametrize("layout", ["documents", "text"])
def test_a_data_set_loaded_whole_is_held_as_its_clusters(tmp_path, layout):
    if layout == "documents":
        records = [{"id": f"c{i}", "documents": [SENTENCE * 50] * 2, "references": ["R r."]}
                   for i in range(300)]
        options = {}
    else:
        records = [{"id": f"c{i}", "document": SENTENCE * 100, "summary": "R r."}
                   for i in range(300)]
        options = {"text_field": "document"}
    path = _write(tmp_path / "data.jsonl", records)
    _load(path, **options)  # warm
    with traced_memory() as mem:
        data = _load(path, **options)
    size = path.stat().st_size  # ~2.1 MB
    assert data.size == 300
    # 1.2-1.3x the file; read whole: 3.1x
    assert mem.peak < 1.6 * size, mem.peak / size


def test_normal_files_give_what_a_file_read_whole_gives(tmp_path):
    # a UTF-16 file is still read whole (the decoding policy needs all of its bytes): the
    # same lines in UTF-8 (a byte-order mark, CRLF, a blank line, U+2028 in a value) and
    # gzip-compressed UTF-8, read a line at a time, give the same
    preds = [{"id": "a", "summary": "One.\nTwo\u2028still two."},
             {"id": 7, "prediction": ["Three.", " ", "Four."]},
             {"id": "c", "summary": ""}]
    data = [{"id": "a", "documents": ["Some text here.", {"text": "More text."}],
             "references": ["A reference."]},
            {"id": "b", "documents": ["Other\u2028text."], "references": "R two."}]
    whole_p = PrecomputedSummarizer(_write(tmp_path / "p16.jsonl", preds, "utf-16")).records
    whole_d = _clusters(_load(_write(tmp_path / "d16.jsonl", data, "utf-16")))
    for name, enc in (("p8.jsonl", "utf-8-sig"), ("p8.jsonl.gz", "utf-8")):
        path = _write(tmp_path / name, preds, enc, "\r\n")
        if name.endswith(".gz"):
            path.write_bytes(gzip.compress(path.read_bytes()))
        assert PrecomputedSummarizer(path).records == whole_p
        assert whole_p == {"a": ["One.", "Two\u2028still two."], "7": ["Three.", "Four."],
                           "c": []}
    assert _clusters(_load(_write(tmp_path / "d8.jsonl", data, "utf-8-sig", "\n\n"))) == whole_d


def test_a_bad_line_is_named_and_said_before_an_earlier_record_s_missing_field(tmp_path):
    path = tmp_path / "preds.jsonl"
    lines = [json.dumps({"id": "a", "summary": "S."}), json.dumps({"summary": "no id"}),
             json.dumps({"id": "c", "summary": "S."}), "{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # as when the file was read whole: every line is JSON before a record is used
    with pytest.raises(InputError, match=rf"^{path}:4: not valid JSON"):
        PrecomputedSummarizer(path)
    path.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{path}:2: needs an 'id' and one of summary"):
        PrecomputedSummarizer(path)


@pytest.mark.parametrize("gz", [False, True])
def test_a_summaries_file_over_the_bound_is_refused_before_a_line_is_read(
    tmp_path, monkeypatch, gz
):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 4096)
    text = "{not json\n" + "".join(
        json.dumps({"id": f"c{i}", "summary": SENTENCE}) + "\n" for i in range(100))
    path = tmp_path / ("preds.jsonl.gz" if gz else "preds.jsonl")
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    with pytest.raises(InputError) as err:
        PrecomputedSummarizer(path)
    said = "decompressed, it is over 4 KiB" if gz else "files over 4 KiB are refused"
    # the bound's error, not line 1's (never parsed), nor a MemoryError
    assert str(err.value).startswith(f"{path}: ") and said in str(err.value), err.value


def _counting(monkeypatch):
    """The lines json parses, counted (textio.jsonl.parse_jsonl_line, the one parser)."""
    from summarizer.textio import jsonl

    seen: list[str] = []
    parse = jsonl.parse_jsonl_line

    def counted(line, where):
        seen.append(where)
        return parse(line, where)

    monkeypatch.setattr(jsonl, "parse_jsonl_line", counted)
    return seen


@pytest.mark.parametrize("kind", ["summaries", "documents", "text"])
def test_each_line_is_parsed_once(tmp_path, monkeypatch, kind):
    # the bad-line-first order costs no second parse: a whole pass first took +60% of the
    # read of a 50 MB summaries file (eval/results/bench_jsonl_parse_once.md)
    if kind == "summaries":
        records = [{"id": f"c{i}", "summary": SENTENCE} for i in range(5)]
    elif kind == "documents":
        records = [{"id": f"c{i}", "documents": [SENTENCE], "references": ["R r."]}
                   for i in range(5)]
    else:
        records = [{"id": f"c{i}", "text": SENTENCE, "summary": "R r."} for i in range(5)]
    path = _write(tmp_path / "f.jsonl", records)
    seen = _counting(monkeypatch)
    if kind == "summaries":
        assert PrecomputedSummarizer(path).records["c4"] == [SENTENCE.strip()]
        lines = [f"{path}:{i}" for i in range(1, 6)]
    else:
        assert _load(path).size == 5
        lines = [f"{path}:1"] + [f"{path}:{i}" for i in range(1, 6)]  # line 1: the layout's
    assert seen == lines


@pytest.mark.parametrize("kind", ["summaries", "documents", "text", "no text field"])
def test_a_bad_line_further_down_is_said_before_a_record_s_error(tmp_path, kind):
    good = {"summaries": {"id": "a", "summary": "S."},
            "documents": {"id": "a", "documents": ["Some text."], "references": ["R."]},
            "text": {"id": "a", "text": "Some text.", "summary": "R."},
            "no text field": {"body": "x", "summary": "y"}}[kind]
    bad = {"summaries": {"summary": "no id"},
           "documents": {"id": "b", "documents": 5, "references": ["R."]},
           "text": {"id": "b", "text": 5, "summary": "R."},
           "no text field": {"body": "x", "summary": "y"}}[kind]
    lines = [json.dumps(good), json.dumps(bad), json.dumps(good), "", "[1, 2]",
             "{not json"]
    path = tmp_path / "f.jsonl"

    def error(n):
        path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
        with pytest.raises(InputError) as err:
            PrecomputedSummarizer(path) if kind == "summaries" else _load(path)
        return str(err.value)

    assert error(6).startswith(f"{path}:5: a JSON array, not an object")
    assert error(5).startswith(f"{path}:5: a JSON array, not an object")
    record = error(3)  # no bad line: the record's own error, as before
    assert record.startswith(f"{path}:2" if kind != "no text field" else f"{path}"), record
    assert "not valid JSON" not in record and "not an object" not in record, record
