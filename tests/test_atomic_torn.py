"""summarizer.atomic.cut_torn_line: what a killed append left, cut off in place."""

from __future__ import annotations

import os

import pytest

from summarizer.atomic import cut_torn_line


@pytest.mark.parametrize(("data", "kept"), [
    (b'{"a": 1}\n{"b"', b'{"a": 1}\n'),
    (b'{"a": 1}\n', b'{"a": 1}\n'),
    (b'{"b"', b""),
    (b"", b""),
    (b"x\n" + b"y" * 200_000, b"x\n"),  # the last newline more than a block back
])
def test_the_end_past_the_last_newline_goes(tmp_path, data, kept):
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    cut_torn_line(path)
    assert path.read_bytes() == kept


def test_a_link_and_a_shared_file_are_left_as_they_are(tmp_path):
    users = tmp_path / "users.txt"
    users.write_bytes(b"mine\nno end")
    link = tmp_path / "f.jsonl"
    link.symlink_to(users)
    cut_torn_line(link)
    assert users.read_bytes() == b"mine\nno end"
    link.unlink()
    os.link(users, link)  # a snapshot's hard link (cp -al) keeps its own data
    cut_torn_line(link)
    assert link.read_bytes() == b"mine\n" and users.read_bytes() == b"mine\nno end"


def test_a_file_of_whole_lines_is_not_copied_out_of_its_snapshot(tmp_path):
    # nothing to cut: the hard link a snapshot shares stays shared (it was copied first)
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    os.link(path, tmp_path / "snapshot.jsonl")
    cut_torn_line(path)
    assert path.stat().st_nlink == 2 and path.read_bytes() == b'{"a": 1}\n'
