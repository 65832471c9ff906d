"""`summarizer rouge -b` on a file of a legacy encoding cuts where ROUGE-1.5.5.pl cuts: the
Perl counts the file's bytes ("é" one byte in Latin-1), where the decoded text's UTF-8 view
counted two. The figures are ROUGE-1.5.5.pl's on the same files; the Perl itself is compared
on random pairs in tests/metrics/test_rouge155_perl.py."""

from __future__ import annotations

import pytest
from helpers import run_cli

LINE = "caf\xe9 caf\xe9 caf\xe9 na\xefve police killed the gunman today\n"


@pytest.mark.parametrize("limit, perl", [("30", "R:0.20000 P:0.14286 F:0.16667"),
                                         ("28", "R:0.20000 P:0.16667 F:0.18182")])
@pytest.mark.parametrize("encoding", [None, "latin-1"])
def test_a_byte_limit_on_a_latin1_file(tmp_path, monkeypatch, limit, perl, encoding):
    system, ref = tmp_path / "lat.txt", tmp_path / "ref.txt"
    system.write_bytes(LINE.encode("latin-1"))
    ref.write_text("police killed the gunman today in the cafe\n")
    argv = ["rouge", str(system), str(ref), "-n", "1", "-x", "-b", limit, "-d",
            "--format", "perl", *(["--encoding", encoding] if encoding else [])]
    code, out, _ = run_cli(argv)
    assert code == 0
    assert f"X ROUGE-1 Eval 1.X {perl}" in out.splitlines()
