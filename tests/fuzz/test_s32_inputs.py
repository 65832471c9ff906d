"""Session 32's bad-input hunt: what the commands landed this session, and the five
subcommands' flags, paths and files, did with input no test had given them. Each fix has a
test here that fails without it."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli


def _rouge_files(tmp_path):
    for folder, text in (("sys", "The storm hit the coast."), ("refs", "The storm hit.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d1.txt").write_text(text + "\n", encoding="utf-8")
    return str(tmp_path / "sys"), str(tmp_path / "refs")


@pytest.mark.parametrize(("encoding", "said"), [
    ("base64", "'base64' is not a text encoding"),  # bytes to bytes: an internal error (70)
    ("rot13", "'rot13' is not a text encoding"),
    ("zlib", "'zlib' is not a text encoding"),
    ("punycode", "d1.txt: cannot be decoded as punycode"),  # UnicodeError: exit 1, no type
    ("undefined", "d1.txt: cannot be decoded as undefined"),
])
def test_rouge_encoding_that_is_no_text_encoding(tmp_path, encoding, said):
    system, refs = _rouge_files(tmp_path)
    code, out, err = run_cli(["rouge", system, refs, "--encoding", encoding])
    assert code == 2 and out == ""
    assert said in error_line(err)
