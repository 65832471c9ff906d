"""Properties of sentence splitting (summarizer.sentences.split) on any Unicode text.

The contract split.py documents: spans are in order and do not overlap, lie inside the
text, carry no surrounding whitespace and hold a letter or digit; only pieces without
one are dropped, so every letter and digit of the text is inside some sentence; and a
Sentence is its document's text at [start:end], its paragraph never going back.
"""

from __future__ import annotations

import re

from fuzz_text import QUICK, check_spans, news_text
from hypothesis import example, given
from hypothesis import strategies as st

from summarizer.documents.model import Document
from summarizer.languages import LANGUAGES, PUNKT_LANGUAGES
from summarizer.sentences.split import split_document, split_spans

# every Punkt language and every rule-based one
languages = st.sampled_from(sorted(LANGUAGES))


@QUICK
@given(text=news_text, language=languages)
def test_spans_are_ordered_stripped_and_cover_every_letter(text, language):
    check_spans(text, split_spans(text, language))


@QUICK
@given(text=news_text, language=st.sampled_from(sorted(PUNKT_LANGUAGES) + ["arabic", "thai"]))
def test_document_sentences_keep_their_offsets(text, language):
    sentences = split_document(Document(text, id="d", language=language), 3)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert [(s.start, s.end) for s in sentences] == split_spans(text, language)
    for s in sentences:
        assert text[s.start:s.end] == s.text and s.doc_id == "d" and s.doc_index == 3
    assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)


@QUICK
@example(text="Storm damage in the north of the county\nafter the weekend\n\nThe river rose by "
              "two metres on\nMonday night and flooded the old town.\n", language="english")
# every break the test puts in place of LF is taken out first: one the text held already
# was mapped back to LF with the others ('0\x0ca' read as '0\na')
@given(text=news_text.map(lambda t: re.sub("[\r\x0b\x0c\x85\u2028\u2029]", "", t)),
       language=languages)
def test_crlf_line_breaks_split_as_lf_ones(text, language):
    """A file written on Windows has the sentences and paragraphs of the same file with LF
    line breaks: a CRLF blank line did not end a paragraph, so a heading of wrapped text ran
    into the sentence after it."""
    lf_sentences = split_document(Document(text, language=language))
    # and every other line break cleaning knows, in text not cleaned (a Document made
    # directly, clean=False): a lone CR or U+2028 ended no line, so a heading ran into the
    # sentence after it and every sentence was paragraph 0
    for end in ("\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"):
        other = split_document(Document(text.replace("\n", end), language=language))
        assert ([(s.text, s.paragraph) for s in lf_sentences]
                == [(s.text.replace(end, "\n"), s.paragraph) for s in other]), repr(end)


def test_nel_beside_other_line_breaks_is_no_line_break():
    # cleaning reads NEL beside LF or CR as cp1252's ellipsis (TAC's Greek files): the
    # splitter cut such a sentence in two, and moved every later paragraph by one
    text = "Title line\n\nIt was a great success\x85 [15 billion lei] were raised. Then it ended."
    assert [(s.text, s.paragraph) for s in split_document(Document(text))] == [
        ("Title line", 0), ("It was a great success\x85 [15 billion lei] were raised.", 1),
        ("Then it ended.", 1)]
