"""Provenance as a reader checks it against what they gave (README, "Library"): a summary
sentence's offsets index its document's text as read, which is the string or the decoded
file itself with clean=False (--no-clean), and the cleaned Document.text of
to_cluster()/load_cluster() otherwise. Awkward text throughout: CR and CRLF line ends, a
byte-order mark, decomposed accents, invisible and right-to-left marks, emoji sequences,
legacy encodings. (test_provenance_properties.py checks hand-made Clusters, which no
cleaning touches.)"""

from __future__ import annotations

import json

import pytest
from fuzz_text import PIECES, QUICK, data_error
from helpers import run_cli
from hypothesis import given
from hypothesis import strategies as st

import summarizer
from summarizer.documents import load_cluster, to_cluster
from summarizer.errors import SummarizerError
from summarizer.summarizers.compress import apply_edits

AWKWARD = ["\ufeff", "\r", "\r\n", "\r\n\r\n", "\u200e", "\u200f", "\u00ad", "\u200b",
           "Zoe\u0308 met cre\u0300me.", "WASHINGTON (AP) -- ", "By John Smith\n",
           "\U0001f9d1\U0001f3fd\u200d\U0001f4bb", "\U0001d518", "Copyright 2024 Reuters.\n"]
texts = st.lists(st.lists(st.sampled_from(PIECES + AWKWARD), min_size=1, max_size=16).map(" ".join),
                 min_size=1, max_size=3)


def _checked(summary: summarizer.Summary, docs: dict[str, str]) -> None:
    for s in summary.sentences:
        assert apply_edits(docs[s.doc_id], s.start, s.end, s.edits) == s.text, s


@QUICK
@given(texts=texts, clean=st.booleans(), compress=st.booleans(),
       method=st.sampled_from(["lead", "coverage", "lexrank"]))
def test_offsets_of_strings_given_to_summarize(texts, clean, compress, method):
    try:
        summary = summarizer.summarize(texts, method, words=40, clean=clean, compress=compress)
    except SummarizerError as exc:
        data_error(exc)
        return
    _checked(summary, {d.id: d.text for d in to_cluster(texts, clean=clean).documents})
    if not clean:  # the strings as given
        _checked(summary, {f"doc{i}": t for i, t in enumerate(texts)})


BODY = ("WASHINGTON (AP) -- The caf\u00e9 council met on Monday to vote on the plan.\r\n"
        "It approved the new budget for the city after a long na\u00efve debate.\r\n\r\n"
        "Prices rose 5% in May across the r\u00e9gion, officials said.\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
@pytest.mark.parametrize("ends", ["\r\n", "\r", "\n"])
@pytest.mark.parametrize("clean", [True, False])
def test_offsets_of_a_file_in_any_encoding(tmp_path, encoding, ends, clean):
    """--no-clean: into the file's text as its reported encoding decodes it (a byte-order
    mark is no character of it, its line ends as written); else into load_cluster's."""
    path = tmp_path / "article.txt"
    path.write_bytes(BODY.replace("\r\n", ends).encode(encoding))
    code, out, _ = run_cli(["summarize", str(path), "--format", "json", "--words", "60",
                            "--method", "lead", *([] if clean else ["--no-clean"])],
                           lines=None)
    assert code == 0
    record = json.loads(out)
    sentences = summarizer.Summary.from_dict(record)
    assert len(sentences.sentences) == 3
    if clean:
        docs = {d.id: d.text for d in load_cluster(path).documents}
    else:
        used = record["input"]["files"][0]["encoding"]
        docs = {"article.txt": path.read_bytes().decode(used)}
        assert not docs["article.txt"].startswith("\ufeff")
    _checked(sentences, docs)
