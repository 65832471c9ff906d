"""Abbreviations the splitter cut sentences at: one before a number ("ranked No. | 1",
"approx. | 500", "ca. | 5 Prozent", "art. | 5", French "l'art. | 49.3"), a company's suffix
after an acronym ("I.B.M. | Corp."), two-part abbreviations ("z. | B.", "EE. | UU.") and a
numbered list's mark ("1. | Raise taxes."). A summary kept "Roger Federer was ranked No."
and dropped "500 million euros."."""

from __future__ import annotations

import pytest

from summarizer.sentences import split_spans


def _split(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b in split_spans(text, language)]


@pytest.mark.parametrize(("language", "sentences"), [
    ("english", ["Roger Federer was ranked No. 1 in the world for 237 weeks.",
                 "German exports rose by approx. 500 million euros.",
                 "See Fig. 3 for details.", "It shows art. 5 of the law."]),
    ("english", ["He worked at I.B.M. Corp. for years.", "A.T.&T. Inc. said so."]),
    ("german", ["Die Firma erzielte z. B. einen Gewinn von 3,5 Mio. Euro.",
                "Der Umsatz stieg um ca. 5 Prozent.", "Sie wohnt in der Hauptstr. 5 in Berlin."]),
    ("spanish", ["El Gobierno de EE. UU. anunció sanciones.",
                 "Véase el art. 5 en la pág. 12 del informe."]),
    ("french", ["Selon l'art. 49.3 de la Constitution, le no. 10 est fixé.", "Il part."]),
    ("czech", ["Podle čl. 5 ústavy rozhoduje soud.", "Vláda to odmítla."]),
])
def test_kept_whole(language, sentences):
    assert _split(" ".join(sentences), language) == sentences


def test_a_numbered_lists_items_keep_their_marks():
    text = "1. Raise taxes.\n\n2. Cut spending.\n\n(3) Sell the bonds."
    assert _split(text, "english") == ["1. Raise taxes.", "2. Cut spending.",
                                       "(3) Sell the bonds."]


@pytest.mark.parametrize("text", [
    "The minister spoke. 2008 was a hard year for the party.",  # no abbreviation before it
    "The team was ranked No. 1. The coach left.",  # the number's own period ends it
    "Shops closed at 5 p.m. on Sunday. 300 people marched.",  # p.m. is no number's
])
def test_other_periods_still_end_sentences(text):
    assert len(_split(text, "english")) == 2
