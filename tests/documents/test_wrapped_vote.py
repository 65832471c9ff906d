"""documents.clean.looks_wrapped asks the sentence splitter at a line ending in an
abbreviation only while the answer can change its vote, and answers as asking at every
such line did."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import clean
from summarizer.documents.clean import looks_wrapped
from summarizer.sentence_ends import ends_in_abbreviation, reads_on


def asked_everywhere(lines: list[str], language: str | None) -> bool:
    """looks_wrapped as it was (a11ea5b): every line's end read first, the splitter asked at
    each one ending in an abbreviation, and the count of open ends compared (lists told
    by the rule of since, clean.reads_as_list)."""
    if len(lines) < 2 or clean.reads_as_list(lines):
        return False
    longest = max(len(line) for line in lines)
    if longest > 100:
        return False
    body = lines[:-1]
    near_width = sum(len(line) >= 0.6 * longest for line in body)
    open_ends = sum(
        not line.rstrip().endswith(clean._TERMINAL)
        or (language is not None and ends_in_abbreviation(line.rstrip(), language)
            and reads_on(line.rstrip(), nxt, language))
        for line, nxt in zip(body, lines[1:], strict=True))
    lower_next = sum(nxt[:1].islower() for nxt in lines[1:])
    if lower_next >= max(1, len(body) // 2):
        return True
    if len(lines) == 2:
        return False
    if any(clean._is_date_line(line) for line in lines[:3]):
        return False
    return near_width >= 0.75 * len(body) and open_ends >= 0.5 * len(body)


# the words a wrapped line of news ends in: open, a full stop, abbreviations the splitter
# reads on from or ends a sentence at, by the word after ("ill. The", "Calif. Kestrel")
_ENDS = ["the strike entered its second", "said the owner.", "met them on Jan.",
         "said the Sen.", "near Sacramento, Calif.", "he fell ill.", "went to Acme Inc.",
         "from the U.S.", "asked? ", "said George W.", "the yard", "It ended!", "in St."]
_STARTS = ["Ana Reyes said", "The doctors came", "15 at the yard", "Kestrel County fire",
           "workers read it", "Officials said", "\u201cWe are done,\u201d she said"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_STARTS), st.sampled_from(_ENDS)), min_size=2,
                max_size=12),
       st.sampled_from(["english", "en", "czech", "hindi", None]))
def test_a_block_reads_as_when_every_line_end_was_asked(pairs, language):
    lines = [f"{start} and then some more words {end}".strip() for start, end in pairs]
    assert looks_wrapped(lines, language) == asked_everywhere(lines, language)


def test_tac_paragraphs_wrapped_read_as_when_every_line_end_was_asked(tac_dir):
    from summarizer.documents.tac import load_tac2011

    blocks = [textwrap.wrap(p, width) for c in load_tac2011(tac_dir, "english", references=False)
              for d in c.documents for p in d.text.split("\n\n") for width in (40, 72)]
    blocks = [b for b in blocks if len(b) > 1]
    assert len(blocks) > 500
    assert [looks_wrapped(b, "english") for b in blocks] == [
        asked_everywhere(b, "english") for b in blocks]


@pytest.mark.parametrize("others, asked", [
    # most lines end open: the vote is won whatever the abbreviations' lines say
    ("the strike entered its", 0),
    # most lines end in a full stop: it is lost whatever they say
    ("said the owner.", 0),
])
def test_the_splitter_is_asked_only_where_its_answer_can_change_the_vote(monkeypatch, others,
                                                                         asked):
    # every such line was asked, 30% of the lines of wrapped text ending in "Sen.", "Jan."
    calls = []
    monkeypatch.setattr(clean, "reads_on", lambda *a: calls.append(a) or reads_on(*a))
    lines = [f"Ana Reyes said the talks and the {'meeting on Jan.' if i % 3 == 0 else others}"
             for i in range(30)]
    looks_wrapped(lines, "english")
    assert len(calls) == asked


def test_the_splitter_is_asked_where_its_answer_decides(monkeypatch):
    # a third of the lines open, a third closed, a third ending in "Jan." before "15": the
    # vote waits on the splitter, which reads them on
    calls = []
    monkeypatch.setattr(clean, "reads_on", lambda *a: calls.append(a) or reads_on(*a))
    ends = ["the talks went on and", "the talks ended there.", "they meet again on Jan."]
    lines = [f"{'15 at the yard, said' if i % 3 == 0 else 'Ana Reyes said'} {ends[i % 3]}"
             for i in range(30)]
    assert looks_wrapped(lines, "english")
    assert 0 < len(calls) <= 10


@pytest.mark.parametrize("width", [40, 72])
def test_one_line_opening_with_a_dash_leaves_a_wrapped_paragraph_whole(width):
    # the whole body became line fragments, most dropped as headings (76 of 842 kept)
    from summarizer.documents import make_document

    prose = ("U.S. citizens donating in 2005 to help tsunami victims may write off their "
             "donations on their 2004 tax returns, thanks to a bill quickly passed in the House "
             "and the Senate on a voice vote, and signed into law by the president. Without the "
             "new law, contributors would have waited until 2006 - and their 2005 tax returns - "
             "to be able to write off their charitable donations. The law is intended to "
             "promote donating towards the relief effort.")
    lines = textwrap.wrap(prose, width)
    dashed = next(i for i, line in enumerate(lines) if i and "- " in line)
    head, tail = lines[dashed].split("- ", 1)
    lines[dashed:dashed + 1] = [head.rstrip(), "- " + tail]
    doc = make_document("\n".join(lines), language="english")
    assert len(doc.text.replace("\n", " ")) >= 0.95 * len(prose)
    assert "contributors would have waited" in doc.text and not doc.meta.get("headings")


def test_a_list_is_still_no_wrapped_paragraph():
    lines = ["- the council met on Tuesday", "- the budget was passed",
             "- the mayor resigned on Friday", "- the vote was close"]
    assert not looks_wrapped(lines, "english")
