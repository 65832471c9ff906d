"""Standard input (``summarizer summarize -``) read as one document lets go of its bytes once
they are decoded, as a file's are let go (read_text): they were held beside the text while
the documents were made, 300 MB more for 300 MB piped in."""

from __future__ import annotations

import sys

from helpers import traced_memory

from summarizer.documents import load_cluster
from summarizer.textio import read


def test_piped_text_is_held_as_a_file_s_is(tmp_path, monkeypatch):
    sentence = "The council met on Monday and voted to build a bridge over the river. "
    path = tmp_path / "article.txt"
    path.write_bytes((sentence * 30_000).encode())  # ~2.1 MB
    # the bound just above it: stdin was read with read(bound + 1), which tracemalloc counted
    monkeypatch.setattr(read, "MAX_FILE_BYTES", path.stat().st_size + 1000)

    class Stdin:
        buffer = path.open("rb")

    monkeypatch.setattr(sys, "stdin", Stdin())
    load_cluster(["-"])  # warm
    peaks = {}
    for name, given in (("file", path), ("stdin", "-")):
        Stdin.buffer.close()
        Stdin.buffer = path.open("rb")
        with traced_memory() as mem:
            load_cluster([given])
        peaks[name] = mem.peak
    Stdin.buffer.close()
    size = path.stat().st_size
    # both 2.0x the text; stdin held its bytes too: 3.0x
    assert peaks["stdin"] < peaks["file"] + 0.4 * size, (peaks, size)
