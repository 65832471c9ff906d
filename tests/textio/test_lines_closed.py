"""A file read line by line is closed as soon as its reader is let go, without waiting for
the garbage collector: the reader held a generator of its own method, which held it."""

from __future__ import annotations

import gc
import os

import pytest
from helpers import write_jsonl

from summarizer.textio.lines import utf8_lines

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc")


def _open(path) -> bool:
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            names.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the listing's own descriptor, gone
            pass
    return str(path) in names


@pytest.fixture()
def no_collector():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_reader_let_go_mid_file_closes_it(tmp_path, no_collector):
    path = tmp_path / "lines.txt"
    path.write_text("one\ntwo\nthree\n", encoding="utf-8")
    lines = utf8_lines(path)
    assert next(lines) == (1, "one") and _open(path)
    del lines
    assert not _open(path)


def test_a_batch_job_leaves_its_input_closed(tmp_path, no_collector):
    from summarizer.batch import summarize_dataset

    data = write_jsonl(tmp_path / "in.jsonl", [
        {"id": f"c{k}", "documents": ["The council met on Monday. It approved the budget."]}
        for k in range(3)])
    summarize_dataset(data, tmp_path / "out", "lead", words=10, progress=False)
    assert not _open(data)


def test_a_jsonl_reader_stopped_early_and_let_go_closes_its_file(tmp_path, no_collector):
    from summarizer.textio import open_jsonl

    path = write_jsonl(tmp_path / "rows.jsonl", [{"id": k} for k in range(5)])
    reader = open_jsonl(path)
    rows = iter(reader)
    assert next(rows) == (1, {"id": 0}) and reader.encoding == "utf-8" and _open(path)
    del rows, reader
    assert not _open(path)
