"""Large data that is not UTF-8 past its first block is found so a block at a time
(textio.decode._check_utf8) before it is decoded by another policy: a decode of all of it
that failed near the end held, as it failed, a buffer of a character a byte (4 bytes a
character once one is past U+FFFF), more than the data's own reading then took."""

from __future__ import annotations

import random

import pytest
from helpers import traced_memory

from summarizer.textio import decode, decode_bytes

LINE = b"The council voted on Tuesday to build a new bridge over the river, officials said.\n"


def test_data_that_fails_late_holds_no_decode_of_all_of_it():
    # an emoji in the first line, one Latin-1 byte in the last: valid UTF-8 until then
    data = "\U0001F600 A first line.\n".encode() + LINE * 50_000 + "caf\u00e9.\n".encode("latin-1")
    decode_bytes(b"warm \xe9 up " * 100)  # the detector's imports and tables, untraced
    with traced_memory() as mem:
        found = decode_bytes(data, "late.txt")
    assert found.encoding == "cp1252" and found.text.endswith("caf\u00e9.\n")
    # the failed decode held 4 bytes a byte of data (5x with its first buffer); the text
    # read as cp1252 beside its detection takes 3.2x
    assert mem.peak < 4 * len(data), mem.peak / len(data)


@pytest.mark.parametrize("seed", range(5))
def test_the_first_bad_byte_is_where_a_decode_whole_finds_it(monkeypatch, seed):
    # blocks of 7 bytes: characters and bad bytes cut by every edge
    monkeypatch.setattr(decode, "_CHECK_BLOCK", 7)
    rng = random.Random(seed)
    for _ in range(500):
        data = bytearray("".join(rng.choice("a\u00e9\u20ac\U0001F600")
                                 for _ in range(rng.randint(2, 30))).encode())
        for _ in range(rng.randint(0, 2)):
            data[rng.randrange(len(data))] = rng.choice([0xFF, 0x80, 0xE2, 0xC3, 0xF0])
        if rng.random() < 0.3:
            del data[-1]  # a character cut at the end
        data = bytes(data)
        try:
            data.decode("utf-8")
            whole = None
        except UnicodeDecodeError as exc:
            whole = (exc.start, exc.end, exc.reason)
        try:
            decode._check_utf8(data)
            blocks = None
        except UnicodeDecodeError as exc:
            blocks = (exc.start, exc.end, exc.reason)
        assert blocks == whole, data
