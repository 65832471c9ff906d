"""Session 41's bad-input hunt: memory that grew with the input without a bound. Each test
here fails without its fix."""

from __future__ import annotations

import gzip

import pytest
from helpers import run_cli

import summarizer
import summarizer.documents
from summarizer.errors import InputError
from summarizer.textio import read

# One cluster made of a folder or of many files was held whole however large it was
# (summarize(['/']) read every file under 512 MiB); its inputs together now keep the bound
# of one input (a file's, a JSONL line's, a Parquet row's). The bound is made small here.
BOUND = 4096


def _article(i: int, size: int = 1500) -> str:
    sentence = f"The council of town {i} met on Monday and voted to build a bridge. "
    return (sentence * (size // len(sentence) + 1))[:size].rsplit(". ", 1)[0] + ".\n"


@pytest.fixture
def small_bound(monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", BOUND)


def _folder(tmp_path, files: int):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(files):
        (folder / f"a{i}.txt").write_text(_article(i), encoding="utf-8")
    return folder


def test_a_folder_over_the_bound_together_is_refused_at_the_file_that_passes_it(
        tmp_path, small_bound):
    folder = _folder(tmp_path, 3)  # 3 x ~1,450 bytes: each within, together over 4 KiB
    with pytest.raises(InputError) as err:
        summarizer.summarize([str(folder)], "lead", words=20)
    msg = str(err.value)
    assert msg.startswith(f"{folder / 'a2.txt'}: with it, the documents of one cluster come "
                          "to 4,482 bytes of text, over 4 KiB;"), msg
    assert "summarizer batch" in msg and "MAX_FILE_BYTES" in msg


def test_a_folder_within_the_bound_together_is_summarised(tmp_path, small_bound):
    summary = summarizer.summarize([str(_folder(tmp_path, 2))], "lead", words=20)
    assert summary.text


def test_files_named_one_by_one_count_together(tmp_path, small_bound):
    folder = _folder(tmp_path, 3)
    files = [str(p) for p in sorted(folder.iterdir())]
    summarizer.summarize(files[:2], "lead", words=20)
    with pytest.raises(InputError, match="the documents of one cluster come to"):
        summarizer.summarize(files, "lead", words=20)
    with pytest.raises(InputError, match="the documents of one cluster come to"):
        summarizer.summarize([files[0], str(folder / "..")], "lead", words=20)


def test_a_compressed_file_counts_its_text_not_its_size_on_disk(tmp_path, small_bound):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt.gz").write_bytes(gzip.compress(_article(1, 3000).encode()))
    assert (folder / "a.txt.gz").stat().st_size < 500
    (folder / "b.txt").write_text(_article(2), encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.txt: with it, the documents of one cluster"):
        summarizer.summarize([str(folder)], "lead", words=20)


def test_a_file_skipped_in_the_folder_counts_nothing(tmp_path, small_bound):
    folder = _folder(tmp_path, 2)
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 6)  # 1,536 bytes, binary: skipped
    cluster = summarizer.documents.load_cluster([str(folder)])
    assert [d.meta["path"].rsplit("/", 1)[1] for d in cluster.documents] == ["a0.txt", "a1.txt"]
    assert [s["path"] for s in cluster.meta["skipped"]] == [str(folder / "blob.bin")]


def test_the_cli_refuses_a_folder_over_the_bound_in_one_line(tmp_path, small_bound):
    folder = _folder(tmp_path, 3)
    code, out, err = run_cli(["summarize", str(folder), "--method", "lead", "--words", "20"])
    assert code == 2 and out == ""
    assert err.startswith(f"summarizer: error: {folder / 'a2.txt'}: with it, the documents "
                          "of one cluster come to")
