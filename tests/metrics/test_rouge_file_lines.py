"""`summarizer rouge` reads a long system summary file a line at a time as it scores it
(metrics.io.SummaryFileLines): the file's bytes, its text and the list of its lines were
held (the peak while it was read, the lines while it was scored); the lines and the scores
are those of the file read whole."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random

import pytest
from helpers import rouge_command_peak, run_cli

from summarizer.errors import InputError
from summarizer.metrics import io
from summarizer.metrics.io import (
    SummaryFileLines,
    load_pairs,
    read_summary,
    spl_lines,
    summary_lines,
)

WORDS = ("council river bridge voted town day met build over the a to of and in on for "
         "said year people price rose fell market news report").split()


def _whole(path, encoding=None):
    return spl_lines(read_summary(path, encoding))


@pytest.mark.parametrize("data", [
    b"One line.\nTwo line.\n",
    b"No final newline.\nlast",
    b"\xef\xbb\xbfA byte-order mark.\nkept, as ROUGE-1.5.5 keeps it\n",
    b"CRLF ends.\r\nA lone \r inside.\r\n\r\n\n  \nblank lines\n",
    "U+2028 \u2028 and U+0085 \u0085 and caf\u00e9 \u20ac are no line ends.\n".encode(),
    b"\n",
    b"\n\n\n",
    b"<b>not SEE</b>\n <a name=\"1\">[1]</a> <a href=\"#1\" id=1>not at the start</a>\n",
])
@pytest.mark.parametrize("compressed", [None, "gzip", "bzip2"])
def test_a_file_read_a_line_at_a_time_gives_the_lines_read_whole(tmp_path, monkeypatch, data,
                                                                    compressed):
    monkeypatch.setattr(io, "STREAM_BYTES", 0)
    path = tmp_path / "peer.txt"
    path.write_bytes({None: bytes, "gzip": gzip.compress, "bzip2": bz2.compress}[compressed](data))
    lines = summary_lines(path)
    assert isinstance(lines, SummaryFileLines)
    assert list(lines) == list(lines) == _whole(path)  # read again: the same


def test_files_it_cannot_read_so_are_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "STREAM_BYTES", 0)
    see = tmp_path / "see.html"  # ROUGE-1.5.5's SEE format: its sentences, not its lines
    see.write_text('<html>\n<a name="1">[1]</a> <a href="#1" id=1>First sentence.</a>\n'
                   '<a name="2">[2]</a> <a href="#2" id=2>Second one.</a>\n</html>\n')
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\u00e9 cr\u00e8me.\nD\u00e9j\u00e0 vu.\n".encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("Line one.\nLine two.\n", encoding="utf-16")
    for path in (see, latin1, utf16):
        got = summary_lines(path)
        assert isinstance(got, list) and got == _whole(path)
    assert summary_lines(see) == ["First sentence.", "Second one."]
    named = tmp_path / "named.txt"  # an encoding given decodes as given: read whole
    named.write_text("Caf\u00e9.\n", encoding="utf-8")
    assert summary_lines(named, "latin-1") == _whole(named, "latin-1") == ["Caf\u00c3\u00a9."]
    monkeypatch.setattr(io, "STREAM_BYTES", 1 << 20)  # a short file: read whole, once
    assert isinstance(summary_lines(named), list)


def test_a_file_changed_since_it_was_checked_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "STREAM_BYTES", 0)
    path = tmp_path / "peer.txt"
    path.write_text("Plain text.\nMore.\n", encoding="utf-8")
    lines = summary_lines(path)
    path.write_bytes("D\u00e9j\u00e0 vu.\n".encode("latin-1"))
    with pytest.raises(InputError, match="changed while"):
        list(lines)


def test_load_pairs_gives_lists_unless_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "STREAM_BYTES", 0)
    (tmp_path / "peer.txt").write_text("A b c.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("A b.\n", encoding="utf-8")
    args = (tmp_path / "peer.txt", [tmp_path / "ref.txt"])
    assert load_pairs(*args)[0].system == ["A b c."]  # the library's: a list, as before
    assert isinstance(load_pairs(*args, stream_long=True)[0].system, SummaryFileLines)


@pytest.mark.parametrize("options", [
    [],
    ["-n", "4", "-2", "4", "-u", "-m"],
    ["-l", "100"],
    ["-b", "665", "-m"],
    ["--tokenizer", "unicode"],
    ["--mode", "rouge-score"],
])
def test_the_rouge_command_scores_as_with_the_file_read_whole(tac_dir, monkeypatch, options):
    # TAC 2011 English submissions (a folder: each summary a file) and one file, every
    # summary read a line at a time against every one read whole
    system = tac_dir / "correctedSubmissions" / "ID2" / "English"
    refs = tac_dir / "Model Summaries" / "English"
    runs, read = [], []
    iterate = SummaryFileLines.__iter__
    monkeypatch.setattr(SummaryFileLines, "__iter__",
                        lambda self: (read.append(self.path), iterate(self))[1])
    for stream_bytes in (1 << 40, 0):
        monkeypatch.setattr(io, "STREAM_BYTES", stream_bytes)
        assert not read  # the first runs read every file whole
        for args in ([str(system), str(refs)],
                     [str(system / "M000"), str(refs / "M000.A.250"), str(refs / "M000.B.250")]):
            code, out, err = run_cli(["rouge", *args, "--format", "json", *options])
            assert code == 0, err
            runs.append(json.loads(out))
    assert runs[:2] == runs[2:]
    assert runs[0] != runs[1]  # two inputs, two results
    assert system / "M000" in read and len(set(read)) == 10  # the folder's ten, the file


def test_the_rouge_command_holds_one_line_of_a_long_summary_file(tmp_path):
    # a 3.6 MB summary of 200-character lines against 4 words: the file's bytes, text and
    # lines were held (read whole, then its lines while it was scored): 4.55x its size at
    # the peak; read a line at a time as it is scored, 3.19x (its tokens and the scorer's
    # tables remain)
    rng = random.Random(3)
    peer = "".join(" ".join(rng.choice(WORDS) for _ in range(36)) + ".\n"
                   for _ in range(20_000))
    peak = rouge_command_peak(tmp_path, peer, " ".join(WORDS[:4]) + ".\n")
    assert peak < 3.9 * len(peer), peak / len(peer)


def _counting_decompressed(monkeypatch) -> list[int]:
    """The bytes each decompressed reading of a file gives (one entry per opening)."""
    from summarizer.textio import compressed

    given: list[int] = []
    init, read, readline = (compressed.Decompressed.__init__, compressed.Decompressed.read,
                            compressed.Decompressed.readline)

    def counted(method):
        def call(self, *args):
            data = method(self, *args)
            given[self._counted] += len(data)
            return data
        return call

    def opened(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._counted = len(given)
        given.append(0)

    monkeypatch.setattr(compressed.Decompressed, "__init__", opened)
    monkeypatch.setattr(compressed.Decompressed, "read", counted(read))
    monkeypatch.setattr(compressed.Decompressed, "readline", counted(readline))
    return given


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress],
                         ids=["gzip", "bzip2", "xz"])
def test_a_long_compressed_summary_is_decompressed_once_before_it_is_scored(
        tmp_path, monkeypatch, compress):
    # the checks before a long compressed file is read a line at a time (plain UTF-8, the
    # bound, no SEE line) took a pass over its data each, then one pass to score it: its
    # data was decompressed three times; now the checks share one pass
    monkeypatch.setattr(io, "STREAM_BYTES", 1000)
    rng = random.Random(5)
    data = "".join(" ".join(rng.choice(WORDS) for _ in range(30)) + ".\n"
                   for _ in range(2000)).encode()
    path = tmp_path / "peer.txt.z"
    path.write_bytes(compress(data))
    given = _counting_decompressed(monkeypatch)
    lines = summary_lines(path)
    assert isinstance(lines, SummaryFileLines)
    assert sum(given) == len(data)  # the checks: one pass
    assert list(lines) == _whole(path)
    assert sum(given[:2]) == 2 * len(data)  # then the lines, once each time they are read


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress],
                         ids=["gzip", "bzip2", "xz"])
def test_a_small_compressed_file_of_long_data_is_read_a_line_at_a_time(
        tmp_path, monkeypatch, compress):
    # the size on disk said whether to read a file a line at a time: a compressed file
    # under STREAM_BYTES on disk was read whole however much data it held
    monkeypatch.setattr(io, "STREAM_BYTES", 50_000)
    data = b"The council voted to build a new bridge over the river.\n" * 4000  # 224 KB
    path = tmp_path / "peer.txt.z"
    path.write_bytes(compress(data))
    assert path.stat().st_size < 50_000
    lines = summary_lines(path)
    assert isinstance(lines, SummaryFileLines)
    assert list(lines) == _whole(path)
    path.write_bytes(compress(data[:40_000]))  # its data under the bound: read whole
    assert summary_lines(path) == _whole(path)


@pytest.mark.parametrize("at", [0, 1, 2, 3, 4, (1 << 18) - 3, (1 << 18) - 2, (1 << 18) - 1,
                                1 << 18, (1 << 18) + 1, 2 << 18])
def test_a_see_line_anywhere_is_found_in_the_one_pass(tmp_path, monkeypatch, at):
    # the SEE check is made on the blocks of the plain UTF-8 pass (256 KiB): a line
    # opening '<a ' across two blocks is found as in the file read line by line
    monkeypatch.setattr(io, "STREAM_BYTES", 0)
    see = b'<a name="1">[1]</a> <a href="#1" id=1>A sentence.</a>\n'
    filler = b"x" * 70 + b"\n"
    head = (filler * (at // len(filler) + 1))[:at]
    head = head[:-1] + b"\n" if head else head  # the SEE line starts a line at byte `at`
    path = tmp_path / "peer.txt"
    path.write_bytes(head + see + filler * 8000)
    assert summary_lines(path) == _whole(path) == ["A sentence."]
    path.write_bytes(head + b" " + see + filler * 8000)  # not at a line's start: lines
    got = summary_lines(path)
    assert isinstance(got, SummaryFileLines) and list(got) == _whole(path)


def _rouge_reads(monkeypatch) -> list:
    """The paths each reading of a SummaryFileLines' lines is of, in order."""
    read: list = []
    iterate = SummaryFileLines.__iter__
    monkeypatch.setattr(SummaryFileLines, "__iter__",
                        lambda self: (read.append(self.path), iterate(self))[1])
    return read


@pytest.mark.parametrize("compress", [None, gzip.compress, bz2.compress],
                         ids=["plain", "gzip", "bzip2"])
def test_the_rouge_command_reads_a_long_summary_file_once_after_its_check(
        tmp_path, monkeypatch, compress):
    # the empty-summary check read the file's lines (a third opening, after the check's
    # pass and before the scorer's: up to its first line that is not blank, all of a
    # blank file); the check's pass says it now
    monkeypatch.setattr(io, "STREAM_BYTES", 1000)
    data = b"The council voted to build a new bridge over the river.\n" * 100
    path = tmp_path / "peer.txt"
    path.write_bytes(compress(data) if compress else data)
    (tmp_path / "ref.txt").write_text("The council voted.\n", encoding="utf-8")
    read = _rouge_reads(monkeypatch)
    given = _counting_decompressed(monkeypatch)
    code, out, err = run_cli(["rouge", str(path), str(tmp_path / "ref.txt"), "--format", "json"])
    assert code == 0 and not err, err
    assert read == [path]  # the scorer's
    assert json.loads(out)["aggregate"]["ROUGE-1"]["recall"]["mean"] == 1.0
    if compress:
        assert given == [len(data), len(data)]  # the check's pass, the scorer's


@pytest.mark.parametrize("data", [
    b"\n" * 3000,
    b" \t\r\n" * 1000,
    "\u200b\u00a0\n".encode() * 1000,  # a zero-width space, a no-break space: blank
    b"\xef\xbb\xbf" + b"\n" * 3000,  # a byte-order mark alone
    # across the pass's 256 KiB blocks: a zero-width space's bytes split by the edge
    b" " * ((1 << 18) - 1) + "\u200b".encode() + b"\n" * 10,
])
def test_a_long_blank_summary_file_is_noted_empty_from_the_check(tmp_path, monkeypatch, data):
    monkeypatch.setattr(io, "STREAM_BYTES", 1000)
    path = tmp_path / "peer.txt"
    path.write_bytes(data)
    (tmp_path / "ref.txt").write_text("The council voted.\n", encoding="utf-8")
    lines = summary_lines(path)
    assert isinstance(lines, SummaryFileLines)
    assert io.blank_summary(lines) and io.blank_summary(_whole(path))
    code, out, err = run_cli(["rouge", str(path), str(tmp_path / "ref.txt"), "--format", "json"])
    assert code == 0, err
    assert f"summarizer: note: 1 empty system summary, scored 0: {path}" in err, err
    assert json.loads(out)["aggregate"]["ROUGE-1"]["recall"]["mean"] == 0.0


@pytest.mark.parametrize("data", [
    b" " * (1 << 18) + b"word\n",  # blank for the pass's first block
    b"\n" * 5000 + "\u00e9\n".encode(),
    b"\xef\xbb\xbf" + b"\n" * 3000 + b"x",
    b" " * ((1 << 18) - 1) + "\u00e9".encode() + b"\n" * 10,  # split by the block's edge
])
def test_a_long_summary_file_with_a_character_is_not_blank(tmp_path, monkeypatch, data):
    monkeypatch.setattr(io, "STREAM_BYTES", 1000)
    path = tmp_path / "peer.txt"
    path.write_bytes(data)
    lines = summary_lines(path)
    assert isinstance(lines, SummaryFileLines)
    assert not io.blank_summary(lines) and not io.blank_summary(_whole(path))


def test_a_see_sentence_without_its_closing_tag_keeps_its_newline(tmp_path):
    # ROUGE-1.5.5's SEE reader does not chomp: a sentence that runs to its line's end
    # keeps the newline, one byte to -b. Without it the cut fell a byte later and kept
    # the token "d" (R1 P .80000 where the Perl gives .88889)
    system = tmp_path / "sys.html"
    system.write_text('<a name="1">[1]</a> <a href="#1" id=1>The cat sat on the mat.</a>\n'
                      '<a name="2">[2]</a> <a href="#2" id=2>It was happy\n'
                      '<a size="10" name="3">[3]</a> <a href="#3" id=3>Dogs bark loudly</a>\n')
    reference = tmp_path / "ref.html"
    reference.write_text('<a name="1">[1]</a> <a href="#1" id=1>the cat was happy and sat '
                         'on the mat</a>\n')
    assert summary_lines(system) == ["The cat sat on the mat.", "It was happy ",
                                     "Dogs bark loudly"]
    code, out, err = run_cli(["rouge", str(system), str(reference), "-n", "2", "-b", "36",
                              "--format", "json"])
    assert code == 0, err
    r1 = json.loads(out)["aggregate"]["ROUGE-1"]
    # ROUGE-1.5.5.pl -a -n 2 -b 36 -z SEE on the same files
    assert (r1["precision"]["mean"], r1["fmeasure"]["mean"]) == (0.88889, 0.88889)
