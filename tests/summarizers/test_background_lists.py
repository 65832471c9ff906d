"""A background word list wordfreq ships that is missing or cannot be read is a ResourceError
naming its file: it was read as "no background" (missing: English summarised as Estonian is,
without one, its summaries changed unsaid) or raised a bare gzip or msgpack traceback."""

from __future__ import annotations

import gzip
import shutil

import msgpack
import pytest

import summarizer.summarizers.background as background
from summarizer.errors import ResourceError
from summarizer.summarizers.background import SHIPPED_LISTS, load_background, wordlist_files

pytest.importorskip("wordfreq")


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A wordfreq folder of its own (a copy of French's list alone), the lists read anew."""
    (tmp_path / "data").mkdir()
    shutil.copy(wordlist_files()["fr"], tmp_path / "data")
    monkeypatch.setattr(background, "_wordfreq_dir", lambda: tmp_path)
    load_background.cache_clear()
    yield tmp_path / "data"
    load_background.cache_clear()


def test_the_shipped_lists_are_the_installed_wordfreqs():
    # the table is wordfreq 3.1's: every list it names is installed (and no other)
    assert set(wordlist_files()) == SHIPPED_LISTS


def test_a_missing_list_of_a_language_wordfreq_ships_is_named(data):
    assert load_background("fr").code == "fr"
    with pytest.raises(ResourceError, match=rf"^{data / 'small_en.msgpack.gz'}: the wordfreq "
                                            r"word list of 'en' is missing; reinstall"):
        load_background("en")  # was None: English summarised without a background
    with pytest.raises(ResourceError, match="small_en.msgpack.gz"):
        background.background_for("english")
    assert load_background("et") is None  # wordfreq has none for Estonian: none, as before


@pytest.mark.parametrize("content, why", [
    (b"not gzip", "BadGzipFile"),
    (None, "EOFError"),  # cut short
    (b"", "ValueError"),
    (gzip.compress(b"\xc1"), "FormatError"),
    (gzip.compress(msgpack.packb([{"format": "cB", "version": 1}, ["le"]]) + b"\x00"),
     "ExtraData"),
    ("folder", "IsADirectoryError"),
], ids=["not-gzip", "cut-short", "empty-file", "not-msgpack", "extra-data", "a-folder"])
def test_a_list_that_cannot_be_read_is_named(data, content, why):
    path = data / "small_en.msgpack.gz"
    if content == "folder":
        path.mkdir()
    else:
        path.write_bytes(content if content is not None
                         else (data / "small_fr.msgpack.gz").read_bytes()[:3000])
    with pytest.raises(ResourceError, match=rf"^{path}: the wordfreq word list cannot be read "
                                            rf"\({why}\b.*; reinstall wordfreq"):
        load_background("en")


def test_a_list_without_words_is_named(data):
    path = data / "small_en.msgpack.gz"
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "cB", "version": 1}, [], []])))
    with pytest.raises(ResourceError, match=rf"^{path}: the wordfreq word list holds no words"):
        load_background("en")  # was None: no background


def test_the_cli_says_it_in_one_line(data, tmp_path):
    from helpers import error_line, run_cli

    text = tmp_path / "a.txt"
    text.write_text("The storm hit the coast on Monday. Roads were closed for a day. "
                    "The governor said help was coming.\n")
    code, out, err = run_cli(["summarize", str(text), "--method", "coverage", "--words", "20",
                              "--language", "english"])
    assert code != 0 and out == ""
    assert error_line(err).startswith(f"summarizer: error: {data / 'small_en.msgpack.gz'}: "
                                      "the wordfreq word list of 'en' is missing")
