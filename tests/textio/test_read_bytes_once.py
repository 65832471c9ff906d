"""read_bytes holds a plain file's data once: open_input peeks at its head (is it
compressed?), and read() then joined that buffered head to the rest, a copy of the whole
file at the peak (a file under the 512 MiB bound took up to 1 GiB to read)."""

from __future__ import annotations

import types

import pytest
from helpers import traced_memory

from summarizer.errors import InputError
from summarizer.textio import read


def test_a_file_is_held_once_as_it_is_read(tmp_path):
    path = tmp_path / "news.txt"
    data = b"The council met on Monday and voted to build a new bridge.\n" * 70_000  # 4.2 MB
    path.write_bytes(data)
    assert read.read_bytes(path) == data
    with traced_memory() as mem:
        got = read.read_bytes(path)
    assert got == data
    assert mem.peak < 1.2 * len(data), mem.peak / len(data)  # it was 2.0x


def test_a_file_that_grows_as_it_is_read_is_read_to_its_end_within_its_bound(tmp_path,
                                                                             monkeypatch):
    path = tmp_path / "news.txt"
    path.write_bytes(b"0123456789" * 10)
    fstat = read.os.fstat
    monkeypatch.setattr(read.os, "fstat",  # the size taken before the file grew to 100
                        lambda fd: types.SimpleNamespace(st_size=min(fstat(fd).st_size, 30)))
    assert read.read_bytes(path) == b"0123456789" * 10
    assert read.read_bytes(path, limit=100) == b"0123456789" * 10
    monkeypatch.setattr(read, "_read_bounded",  # the rest past the bound
                        lambda fh, name, bound: (_ for _ in ()).throw(read.over_bound(name, bound)))
    with pytest.raises(InputError, match=r"news\.txt: is over 100 bytes; files over 100 bytes"):
        read.read_bytes(path, limit=100)
