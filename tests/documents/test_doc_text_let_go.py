"""A file's decoded text (and standard input's) is let go once its lines are made, before
its cleaned text is joined (documents.make.make_taken, clean.clean_taken): the loaders held
it through the join, a copy of the text beside the cleaned one, 4 bytes a character both
where one character is past U+FFFF (an emoji in the first line of English text)."""

from __future__ import annotations

import sys

from helpers import traced_memory

from summarizer.documents import load_cluster, load_file, make_document

LINE = "The council voted on Tuesday to build a new bridge over the river, officials said.\n"
TEXT = "\U0001F600 A first line.\n\n" + LINE * 25_000  # ~2.1 MB, 8.3 MB as a str


def test_a_files_text_is_not_held_through_its_cleaning(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode())
    load_file(path)  # warm
    with traced_memory() as mem:
        doc = load_file(path)
    size = path.stat().st_size
    # held, the text's 4 bytes a character beside the joined cleaned text's: 10.7x the
    # data; let go, 7.4x (the cleaned text, its lines, and the folding's pieces of 1 MiB)
    assert mem.peak < 9 * size, mem.peak / size
    assert doc.text == make_document(TEXT, id=doc.id, meta=dict(doc.meta)).text


def test_piped_text_is_not_held_through_its_cleaning(tmp_path, monkeypatch):
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode())

    class Stdin:
        buffer = path.open("rb")

    monkeypatch.setattr(sys, "stdin", Stdin())
    load_cluster(["-"])  # warm
    Stdin.buffer.close()
    Stdin.buffer = path.open("rb")
    with traced_memory() as mem:
        load_cluster(["-"])
    Stdin.buffer.close()
    # held: 12.1x; let go: as a file's
    assert mem.peak < 9 * path.stat().st_size, mem.peak / path.stat().st_size
