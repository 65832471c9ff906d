"""Text in another encoding is held to the bound of one input (read.MAX_FILE_BYTES) in UTF-8,
as the bound counts text (read.utf8_size, loaders.ClusterText), and refused before it is
decoded whole: a Latin-1 file under the bound can be twice it in UTF-8, a UTF-16 file of
CJK text 1.5 times. It was decoded whole and its documents made before a cluster's count
refused it (summarize), or not refused at all (a summary read by `summarizer rouge`)."""

from __future__ import annotations

import re

import pytest
from helpers import run_cli, traced_memory

from summarizer import textio
from summarizer.documents import load_cluster
from summarizer.errors import InputError
from summarizer.metrics.io import read_summary
from summarizer.textio import read

BOUND = 16 << 20  # the files a little under it: what detection holds (a sample's) is small
FRENCH = "Déjà l'été: l'élève à côté écrit « café crème » près de la fenêtre. "
CJK = "市议会周一开会并投票决定在河上建一座新桥。"


def _files(tmp_path):
    latin1 = tmp_path / "latin1.txt"  # 16.0 MB on disk, about 19.6 MB in UTF-8
    latin1.write_bytes((FRENCH * (16_000_000 // len(FRENCH))).encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"  # 16.0 MB with its BOM, about 24 MB in UTF-8
    utf16.write_bytes((CJK * (8_000_000 // len(CJK))).encode("utf-16"))
    declared = tmp_path / "page.html"  # an encoding the page declares
    declared.write_bytes(b'<html><head><meta charset="windows-1252"></head><body><p>'
                         + (FRENCH * (16_000_000 // len(FRENCH))).encode("cp1252") + b"</p>")
    for path in (latin1, utf16, declared):
        assert path.stat().st_size < BOUND
    return latin1, utf16, declared


MESSAGE = r": read as [\w-]+, its text comes to over 16 MiB in UTF-8; inputs over 16 MiB of text"


def test_text_over_the_bound_in_utf8_is_refused_before_it_is_decoded_whole(tmp_path,
                                                                           monkeypatch):
    files = _files(tmp_path)
    for path in files:  # warm, under the real bound: imports, the detector's tables
        read_summary(path)
    monkeypatch.setattr(read, "MAX_FILE_BYTES", BOUND)
    for path in files:
        with traced_memory() as mem, pytest.raises(InputError) as err:
            load_cluster([path])
        # the data and a piece of its text: not its text (the data again, or twice it) and
        # the documents made of it beside the data
        assert mem.peak < 1.5 * path.stat().st_size, (path.name, mem.peak)
        assert str(err.value).startswith(f"{path}: read as "), str(err.value)
        assert re.search(MESSAGE, str(err.value)), str(err.value)
        with pytest.raises(InputError, match=MESSAGE):  # a summary's text too
            read_summary(path)
    with pytest.raises(InputError, match=MESSAGE):  # the encoding given: the same
        textio.read_text(files[0], encoding="latin-1")


def test_the_command_line_says_it_in_one_line(tmp_path, monkeypatch):
    latin1, utf16, _ = _files(tmp_path)
    ref = tmp_path / "ref.txt"
    ref.write_text("The council met.\n", encoding="utf-8")
    monkeypatch.setattr(read, "MAX_FILE_BYTES", BOUND)
    for argv in (["summarize", str(latin1)], ["summarize", str(utf16)],
                 ["rouge", str(latin1), str(ref)]):
        code, out, err = run_cli(argv)
        assert code == 2 and not out, (argv, err)
        assert f"{argv[1]}: read as " in err and "over 16 MiB in UTF-8" in err, err


def test_text_within_the_bound_in_utf8_is_read(tmp_path, monkeypatch):
    latin1, utf16, declared = _files(tmp_path)
    texts = [read_summary(path) for path in (latin1, utf16, declared)]
    monkeypatch.setattr(read, "MAX_FILE_BYTES", max(read.utf8_size(t) for t in texts))
    assert [read_summary(path) for path in (latin1, utf16, declared)] == texts
    assert texts[0].startswith("Déjà") and texts[1].startswith(CJK)


@pytest.mark.parametrize("how", ["plain", "gzip", "latin-1"])
def test_a_summary_on_standard_input_over_the_bound_is_one_line_naming_it(tmp_path,
                                                                         monkeypatch, how):
    # `summarizer rouge -` reads standard input whole (it cannot be read again, as a long
    # file is, a line at a time as it is scored): held to the bound as it is read (its
    # bytes, its decompressed data), and its text in UTF-8 before it is decoded
    import gzip
    import io
    import types

    ref = tmp_path / "ref.txt"
    ref.write_text("The council met.\n", encoding="utf-8")
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1 << 20)
    text = FRENCH * (1_000_000 // len(FRENCH))  # 1.0 MB, about 1.23 MB in UTF-8
    data = {"plain": (text * 2).encode("utf-8"), "gzip": gzip.compress((text * 2).encode()),
            "latin-1": text.encode("latin-1")}[how]
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
    code, out, err = run_cli(["rouge", "-", str(ref)])
    assert code == 2 and not out, err
    said = {"plain": "<stdin>: is over 1 MiB; inputs over 1 MiB are refused",
            "gzip": "<stdin>: decompressed, it is over 1 MiB; inputs over 1 MiB are refused",
            "latin-1": "<stdin>: read as cp1252, its text comes to over 1 MiB in UTF-8"}[how]
    assert err.startswith(f"summarizer: error: {said}"), err
