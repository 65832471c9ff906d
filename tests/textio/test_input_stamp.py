"""InputStamp tells a file rewritten in place to the same size: with its modification time
put back (os.utime), or within the file system's timestamp resolution (Linux stamps files
from a clock of a few milliseconds' steps), where size, times and inode are all as they
were; a large file is hashed in sampled blocks, at a bounded cost."""

from __future__ import annotations

import os

import pytest

from summarizer.textio import InputStamp
from summarizer.textio import stamp as stamp_module


def _rewrite(path, data):
    """Overwrite ``path`` in place (same inode) with ``data``, its times put back."""
    st = os.stat(path)
    with open(path, "r+b") as fh:
        fh.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.fixture
def coarse_clock(monkeypatch):
    """A file system whose timestamps did not move: every stat gives times 0."""
    real = os.stat

    def stat(path, *args, **kwargs):
        st = real(path, *args, **kwargs)
        fields = list(st)
        fields[7:10] = [0, 0, 0]  # atime, mtime, ctime (seconds)
        return os.stat_result(fields, {"st_atime_ns": 0, "st_mtime_ns": 0, "st_ctime_ns": 0})

    monkeypatch.setattr(stamp_module.os, "stat", stat)


def test_a_same_size_rewrite_with_its_time_put_back_shows(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"id": "a", "text": "old"}\n')
    stamp = InputStamp()
    stamp.add(f)
    assert stamp.changed() is None
    _rewrite(f, b'{"id": "a", "text": "new"}\n')
    assert stamp.changed() == str(f)


def test_a_rewrite_within_the_timestamp_resolution_shows(tmp_path, coarse_clock):
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"id": "a", "text": "old"}\n')
    stamp = InputStamp()
    stamp.add(f)
    assert stamp.changed() is None  # the same content, the same identity
    _rewrite(f, b'{"id": "a", "text": "new"}\n')
    assert stamp.changed() == str(f)


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_large_file_is_sampled_and_a_change_in_a_sample_shows(tmp_path, coarse_clock,
                                                                  monkeypatch, where):
    size = 64 * stamp_module.WHOLE_BYTES + 12345
    f = tmp_path / "big.parquet"
    with open(f, "wb") as fh:
        fh.truncate(size)  # sparse: no 64 MB written
    read: list[int] = []
    pread = os.pread

    def counted(fd, n, at):
        block = pread(fd, n, at)
        read.append(len(block))
        return block

    monkeypatch.setattr(stamp_module.os, "pread", counted)
    stamp = InputStamp()
    stamp.add(f)
    assert sum(read) == stamp_module.SAMPLES * stamp_module.SAMPLE_BYTES <= 2 << 20
    step = (size - stamp_module.SAMPLE_BYTES) / (stamp_module.SAMPLES - 1)
    at = {"first": 0, "middle": round(8 * step) + 7, "last": size - 1}[where]
    with open(f, "r+b") as fh:
        fh.seek(at)
        fh.write(b"\x01")
    assert stamp.changed() == str(f)


def test_an_unchanged_folder_and_a_fifo_stay_the_same(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.jsonl").write_text("{}\n")
    os.mkfifo(tmp_path / "d" / "pipe.jsonl")  # not read: a read would wait for a writer
    stamp = InputStamp()
    stamp.add(tmp_path / "d")
    assert stamp.changed() is None
    (tmp_path / "d" / "a.jsonl").unlink()
    assert stamp.changed() == str(tmp_path / "d" / "a.jsonl")
