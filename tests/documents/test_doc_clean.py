"""News cleaning: Unicode, layout, title/date header and boilerplate, never real content."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from summarizer.documents.clean import (
    clean_text,
    is_boilerplate,
    looks_wrapped,
    normalize_unicode,
)
from summarizer.documents.dates import match_date_prefix, parse_date
from summarizer.languages import count_words, join_text

BOILERPLATE = [
    "jha/ga",
    "PL/jv",
    "rmr/mmm/hh",
    "(Reporting by John Smith; Editing by Jane Doe)",
    "(Additional reporting by Ana Lopez in Madrid)",
    "Reporting by John Smith; Editing by Jane Doe",
    "Copyright 2005 The Associated Press. All rights reserved.",
    "© 2021 Reuters",
    "(c) Prensa Latina",
    "All rights reserved.",
    "AP",
    "(Reuters)",
    "Xinhua",
    "-- 30 --",
    "-30-",
    "ENDS",
    "(END)",
    "https://www.example.com/news/2005/01/08/story.html",
    "www.example.org",
    "newsdesk@example.com",
    "Image: Francis Tyers.",
    "Foto: Francis Tyers.",
    "(STORY CAN END HERE. OPTIONAL 2ND TAKE FOLLOWS.)",  # New York Times copy (DUC news)
    "(END OPTIONAL TRIM)",
    "(OPTIONAL TRIM FOLLOWS)",
    # Wire copy in DUC/TDT/AQUAINT news: bylines, credits, notes to editors, art, stamps
    "By JOHN DOE",
    "By JOHN Q. DOE JR. and JANE McROE",
    "By JOHN DOE Associated Press Writer",
    "By JOHN DOE = AP Business Writer =",
    "Associated Press Writer",
    "By JANE ROE c.1998 N.Y. Times News Service",
    "c.1998 N.Y. Times News Service",
    "By Jane Roe, Times Staff Writer",
    "By THE ASSOCIATED PRESS",
    "By The Associated Press",
    "Special to The Washington Post",
    "Eds: Updates with company statement; adds byline.",
    "(MORE)",
    "PHOTO",
    "(MAP)",
    "PHOTOS; GRAPHIC",
    "NYT-10-03-98 1747EDT",
    "AP-NY-10-05-98 1234EDT",
    "LA-TIMES-10-04-98 1502 EDT",
]

REAL_SENTENCES = [
    "AP reported that the talks had failed.",
    "Copyright law was changed in 2005 to protect authors.",
    "Reporting by phone was banned during the trial, the judge said.",
    "He said all rights reserved for the press would be respected by the new government.",
    "The end of the war came in 1945.",
    "He was 30 years old.",
    "Visit www.example.com for more details.",
    "Image quality improved markedly after the upgrade.",
    "Photo: the president arrives at the summit in a motorcade of black cars and armoured vans.",
    "Xinhua said the death toll had risen to 30.",
    "Ends and means were debated at length.",
    "It was a yes/no question.",
    "(The talks, in Geneva, ended without a deal.)",
    "(NATO, the EU)",
    "(UN)",
    "By Tuesday, the writer had left.",
    "By the time the Times staff writer arrived, the talks had ended.",
    "By 1998 the yard employed 4,000 people.",
    "She became an Associated Press Writer in 1990.",
    "More than 300 people were hurt.",
    "PHOTO ID cards were issued to all voters.",
    "Map: the route of the march runs along the river to the old town square and back.",
    "The stamp read 10-03-98, the day the strike began.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", REAL_SENTENCES)
def test_real_sentences_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("heading", ["By THE NUMBERS", "By ALL ACCOUNTS", "By A LANDSLIDE"])
def test_a_heading_opening_with_by_is_no_byline(heading):
    # a byline names people ("By JOHN DOE"); a heading in capitals after "By" was dropped
    # as one, where it is a heading, kept out of the text as headings are
    assert not is_boilerplate(heading)
    c = clean_text(f"{heading}\n\nThe yard employs 4,000 people and builds six ships a year.",
                   header=False)
    assert c.headings == [heading] and c.removed == []


def test_real_sentences_survive_cleaning():
    text = "\n\n".join(REAL_SENTENCES + BOILERPLATE)
    cleaned = clean_text(text, header=False)
    for sentence in REAL_SENTENCES:
        assert sentence in cleaned.text
    assert len(cleaned.removed) == len(BOILERPLATE)


def test_seed_signoff_dropped_and_every_sentence_kept(seed_text):
    cleaned = clean_text(seed_text)
    assert cleaned.removed == ["jha/ga"]
    assert "jha/ga" not in cleaned.text
    lines = [ln.strip() for ln in seed_text.splitlines() if ln.strip()][:-1]
    assert len(lines) == 19
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 19
    for line, para in zip(lines, paragraphs, strict=True):
        assert para == line.replace("in that order. .", "in that order.")
    # The seed opens with a full sentence, not a headline.
    assert cleaned.title is None and cleaned.date is None


def test_unicode_normalisation():
    raw = "Cafe\u0301\u00a0de\u200b Paris\r\nsecond\u2028line \ufb01sh ``quoted''\x07"
    out = normalize_unicode(raw)
    assert out == 'Café\u00a0de Paris\nsecond\nline fish "quoted"'
    # Arabic presentation forms fold to ordinary letters; ZWNJ (Persian/Hindi) is kept.
    assert normalize_unicode("\ufefb") == "\u0644\u0627"
    assert "\u200c" in normalize_unicode("می\u200cخواهم")


def test_whitespace_and_empty_paragraphs():
    cleaned = clean_text("  First   paragraph here.  \n\n\n \t \n\nSecond\tone.\n\n---\n\n")
    assert cleaned.text == "First paragraph here.\n\nSecond one."


def test_hard_wrapped_paragraphs_are_unwrapped():
    wrapped = (
        "The government announced on Tuesday that it would raise\n"
        "taxes on fuel by ten percent, a move that critics said would\n"
        "hurt the poorest households the most.\n"
        "\n"
        "Opposition leaders called the plan a disgrace and promised\n"
        "to fight it in parliament.\n"
    )
    assert looks_wrapped(wrapped.split("\n\n")[0].splitlines())
    cleaned = clean_text(wrapped, header=False)
    paras = cleaned.text.split("\n\n")
    assert len(paras) == 2
    assert paras[0].startswith("The government") and "raise taxes" in paras[0]


def test_one_paragraph_per_line_and_bullets_stay_separate():
    text = (
        "The storm hit the coast on Monday and left thousands without power across the region.\n"
        "Officials said repairs would take at least a week in the worst affected towns.\n"
        "* Schools are closed.\n"
        "* Roads are flooded.\n"
    )
    paras = clean_text(text, header=False).text.split("\n\n")
    assert paras == [
        "The storm hit the coast on Monday and left thousands without power across the region.",
        "Officials said repairs would take at least a week in the worst affected towns.",
        "Schools are closed.",
        "Roads are flooded.",
    ]


def test_title_and_date_become_metadata():
    text = ("Flood waters recede in the north\n\nMonday, March 7, 2005\n\n"
            "The flood waters began to recede on Monday. Residents returned home.\n")
    c = clean_text(text)
    assert c.title == "Flood waters recede in the north"
    assert c.date == "2005-03-07"
    assert c.text == "The flood waters began to recede on Monday. Residents returned home."


def test_tac_style_first_line_and_glued_date():
    text = ("2005/01/08 Aid donations deductible\n\nSaturday, January 8, 2005\n\nU.S. citizens "
            "may write off donations.\n")
    c = clean_text(text)
    assert (c.title, c.date) == ("Aid donations deductible", "2005-01-08")
    assert c.text == "U.S. citizens may write off donations."
    glued = ("Romanians raise money\n\nCountries affected by the tsunami\n\n"
             "Tuesday, January 18, 2005Through a telethon, Romanians raised money.\n")
    c = clean_text(glued)
    assert c.title == "Romanians raise money"
    assert c.header == ["Countries affected by the tsunami"]
    assert c.date == "2005-01-18"
    assert c.text == "Through a telethon, Romanians raised money."


def test_agency_dateline_is_metadata_only_when_certain():
    c = clean_text("LONDON (Reuters) - Shares rose on Monday after the announcement.")
    assert c.dateline == "LONDON (Reuters)"
    assert c.text == "Shares rose on Monday after the announcement."
    c = clean_text("WASHINGTON \u2014 The Senate passed the bill late on Friday night.")
    assert c.dateline == "WASHINGTON" and c.text.startswith("The Senate")
    c = clean_text("NATO - the alliance of 30 countries - met on Friday in Brussels.")
    assert c.dateline is None and c.text.startswith("NATO - the alliance")


def test_the_wire_underscore_dash_ends_a_dateline():
    # AP and New York Times plain-text copy (DUC and TDT news) writes the dash as "_":
    # the dateline stayed in the first sentence, two words of a 100-word summary
    c = clean_text("WASHINGTON (AP) _ The Senate voted 52-48 on Tuesday to pass the bill.")
    assert (c.dateline, c.text) == ("WASHINGTON (AP)", "The Senate voted 52-48 on Tuesday to "
                                    "pass the bill.")
    c = clean_text("SEOUL, South Korea _ North Korea fired a missile on Monday.")
    assert (c.dateline, c.text) == ("SEOUL, South Korea", "North Korea fired a missile on Monday.")
    c = clean_text("(AP) _ The vote came late on Friday.")
    assert (c.dateline, c.text) == ("(AP)", "The vote came late on Friday.")
    c = clean_text("Oil prices fell _ the third fall in a week _ on Monday.")
    assert c.dateline is None and c.text.startswith("Oil prices fell _ the third")


def test_a_mixed_case_city_is_a_dateline_with_an_agency_after_it():
    # Xinhua's English copy (DUC/TAC news) writes its city in mixed case
    c = clean_text("Kestrelton, October 4 (Xinhua) -- Striking workers held a rally on Sunday.")
    assert (c.dateline, c.text) == ("Kestrelton, October 4 (Xinhua)",
                                    "Striking workers held a rally on Sunday.")
    c = clean_text("United Nations (AP) _ The council met on Monday.")
    assert (c.dateline, c.text) == ("United Nations (AP)", "The council met on Monday.")
    for text in ("Smith, the leader (Labour) - said no to the plan.",
                 "Smith (AP) said so - and left.", "Paris, he said: the plan is dead."):
        c = clean_text(text)
        assert c.dateline is None and c.text == text


def test_wire_byline_lines_leave_the_dateline_first():
    # a byline over the dateline kept it in the first sentence (the dateline is only
    # looked for in the first paragraph); now both go
    c = clean_text("By JOHN DOE\n\nAssociated Press Writer\n\nKESTRELTON, Norland (AP) _ "
                   "Workers walked off the job on Saturday.\n\nThe union said so.\n\n(MORE)")
    assert c.dateline == "KESTRELTON, Norland (AP)"
    assert c.text == "Workers walked off the job on Saturday.\n\nThe union said so."
    assert c.removed == ["By JOHN DOE", "Associated Press Writer", "(MORE)"]


def test_multilingual_dates():
    assert parse_date("Saturday, January 8, 2005") == "2005-01-08"
    assert parse_date("Sobota, 8. ledna 2005") == "2005-01-08"
    assert parse_date("Samedi 1er janvier 2005") == "2005-01-01"
    assert parse_date("Σάββατο, 8 Ιανουαρίου 2005") == "2005-01-08"
    assert parse_date("السبت 8 يناير 2005") == "2005-01-08"
    assert parse_date("الخميس 27 كانون الأول 2005") == "2005-12-27"
    assert parse_date("שבת, 8 בינואר, 2005") == "2005-01-08"
    assert parse_date("शुक्रवार,मार्च २३,२००७") == "2007-03-23"
    assert parse_date("2005/01/08") == "2005-01-08"
    # Sentences that mention dates are not date lines.
    assert match_date_prefix("In 2005 the government fell.") is None
    assert match_date_prefix("May 2005 was the wettest month on record.") is None
    assert match_date_prefix("On 5 May 2005 the vote took place.") is None
    assert match_date_prefix("Countries affected by the 2004 Indian Ocean tsunami") is None
    m = match_date_prefix("Saturday, March 26, 2005 Up to four times as many women died.")
    assert m is not None and m.iso == "2005-03-26"
    assert m.rest == "Up to four times as many women died."


def test_section_headings_move_to_metadata():
    text = ("Funds have doubled in the past 24 hours to nearly 2 billion dollars.\n"
            "Japan tops the U.S.\n\n"
            "Japan announced a half-billion dollar donation on Saturday.\n\n"
            "Local death tolls\n\n"
            "Officials in Sri Lanka counted 28,500 dead.\n\n"
            "No injuries were reported.\n\n"
            "Closing words")
    c = clean_text(text, header=False)
    assert c.headings == ["Japan tops the U.S.", "Local death tolls"]
    assert c.text.split("\n\n") == [
        "Funds have doubled in the past 24 hours to nearly 2 billion dollars.",
        "Japan announced a half-billion dollar donation on Saturday.",
        "Officials in Sri Lanka counted 28,500 dead.",
        "No injuries were reported.",
        "Closing words",  # the last paragraph heads nothing
    ]
    assert clean_text(text, header=False, headings=False).headings == []


def test_cnn_dailymail_prefixes():
    c = clean_text("(CNN) -- Rescuers found the missing hikers on Sunday.", )
    assert (c.dateline, c.text) == ("(CNN)", "Rescuers found the missing hikers on Sunday.")
    dm = ("By . Daily Mail Reporter . PUBLISHED: . 12:01 EST, 3 May 2013 . | . UPDATED: . "
          "14:20 EST, 3 May 2013 . A man was rescued from the river on Friday.")
    assert clean_text(dm).text == "A man was rescued from the river on Friday."
    assert clean_text("By . Jane Doe . A man was rescued on Friday.").text == \
        "A man was rescued on Friday."
    # Ordinary sentences that start with "By" or a parenthesis stay as they are.
    for text in ("By the end of the week the river had fallen.",
                 "(Updated) The river fell by a metre overnight."):
        assert clean_text(text).text == text


def test_wrapped_first_paragraph_has_no_title():
    text = ("The government announced on Tuesday that it would raise\n"
            "taxes on fuel by ten percent, a move that critics said would\n"
            "hurt the poorest households the most.\n")
    c = clean_text(text)
    assert c.title is None
    assert c.text.startswith("The government announced on Tuesday that it would raise taxes")


def test_c1_controls_are_cp1252_punctuation():
    # TAC 2011 Greek: cp1252 punctuation read as Latin-1. Dropping it glued
    # words ("γιαυτόν") and NEL broke a sentence into two paragraphs.
    raw = ("Είπε ότι «ήταν μια μεγάλη επιτυχία\x85 [15 δισεκατομμυρία]».\n"
           "Η πηγή γι\x92αυτόν τον \x93ισχυρισμό\x94 \x96 άγνωστη.")
    out = normalize_unicode(raw)
    assert out == ("Είπε ότι «ήταν μια μεγάλη επιτυχία… [15 δισεκατομμυρία]».\n"
                   "Η πηγή γι’αυτόν τον “ισχυρισμό” – άγνωστη.")
    assert len(clean_text(raw, header=False).text.split("\n\n")) == 2
    # Text whose only line breaks are NEL keeps them as line breaks.
    assert normalize_unicode("first line\x85second line") == "first line\nsecond line"


_THAI = st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E2E), min_size=3, max_size=8)
_HAN = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=3, max_size=8)


@settings(max_examples=60, deadline=None)
@given(paragraphs=st.lists(st.one_of(
    st.lists(_THAI, min_size=2, max_size=5).map(" ".join),  # Thai: spaces, no final mark
    st.lists(_HAN, min_size=2, max_size=4).map("".join)),  # Chinese without a final mark
    min_size=2, max_size=5))
def test_spaceless_paragraphs_are_not_taken_for_headings(paragraphs):
    # A paragraph of a script without spaces has one or two "words" by
    # str.split(), so any one without a final mark was moved out as a heading.
    paragraphs = [p for p in paragraphs if count_words(p) > 10]
    cleaned = clean_text("\n\n".join(paragraphs), header=False)
    assert cleaned.text.split("\n\n") == paragraphs if paragraphs else cleaned.text == ""
    assert cleaned.headings == []


def test_japanese_paragraph_ending_in_a_quote_is_kept():
    text = ("東京で大きな地震があった。\n\n気象庁によると「今後一週間は同程度の地震に注意が必要だ」\n\n"
            "専門家は警戒を呼びかけている。")
    assert clean_text(text, header=False).text == text
    # Short ones are still headings.
    assert clean_text("地方の被害\n\n" + text, header=False).headings == ["地方の被害"]


def test_cjk_punctuation_is_kept_and_full_width_alphanumerics_fold():
    # Full-width ASCII was folded whole: "，" became "," and Chinese summaries
    # read "宣布,新的" (a half-width comma in running Chinese text).
    zh = "北京市政府周一宣布，新的工程（第二期）将开工！市长说：是吗？是的；很好。"
    assert normalize_unicode(zh) == zh
    assert normalize_unicode("ＧＤＰ增长２．５％") == "GDP增长2.5%"
    # A short paragraph ending with full-width "！" is a sentence, not a heading.
    text = "大雨！\n\n" + zh
    assert clean_text(text, header=False).text == text


_ZH_SENTENCE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                       min_size=8, max_size=30).map(lambda s: s + "。")


@settings(max_examples=60, deadline=None)
@given(sentences=st.lists(_ZH_SENTENCE, min_size=3, max_size=8), width=st.integers(12, 40))
def test_hard_wrapped_chinese_is_unwrapped_without_spaces(sentences, width):
    # Unwrapping joined the lines with a space, inside words: "这是一 个".
    text = "".join(sentences)
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    assume(looks_wrapped(lines) and all(len(line) > 1 for line in lines))  # (a lone "。" is dropped)
    assert clean_text("\n".join(lines), header=False).text == text


def test_wrapped_latin_and_mixed_lines_keep_their_space():
    assert join_text(["the talks in", "Beijing ended"]) == "the talks in Beijing ended"
    assert join_text(["会谈在北京", "结束, then", "they left"]) == "会谈在北京结束, then they left"


def test_tex_quotes_are_folded_by_one_function_for_cleaning_and_duc():
    # clean and the DUC reader each wrote the fold; DUC also reads a lone backquote
    from summarizer.documents.duc import normalize_quotes
    from summarizer.documents.quotes import fold_tex_quotes

    text = "``Yes,'' he said, `maybe'."
    assert normalize_unicode(text) == fold_tex_quotes(text) == "\"Yes,\" he said, `maybe'."
    assert normalize_quotes(text) == fold_tex_quotes(text, single=True) == \
        "\"Yes,\" he said, 'maybe'."


# A hard-wrapped block whose lines end in abbreviations the sentence goes on across
WRAPPED_AT_ABBREVIATIONS = (
    "The strike entered its second week on Monday, said the Sen.\n"
    "Ana Reyes, who met both sides and will meet them on Jan.\n"
    "15 at the yard. Workers read a letter from the owner.\n"
    "They said the talks would go on.")


def test_a_wrapped_line_ending_in_an_abbreviation_ends_mid_sentence():
    # looks_wrapped counted a line ending in "Sen." or "Jan." as ending a sentence (any
    # final period did), where the splitter reads "Sen. Ana Reyes" as one: the block read
    # as a paragraph a line, and "Ana Reyes, who met ... on Jan." was a sentence of its own
    from summarizer.documents.make import make_document
    from summarizer.sentences.split import split_spans

    text = WRAPPED_AT_ABBREVIATIONS
    assert [text[s:e].replace("\n", " ") for s, e in split_spans(text, "english")] == [
        "The strike entered its second week on Monday, said the Sen. Ana Reyes, who met both "
        "sides and will meet them on Jan. 15 at the yard.",
        "Workers read a letter from the owner.", "They said the talks would go on."]
    assert make_document(text, language="en").text == " ".join(text.split("\n"))
    # without a language, the marks alone: a line a paragraph, as before
    assert not looks_wrapped(text.split("\n"))


@pytest.mark.parametrize("paragraph", ["He fell ill.", "The yard went to Acme Inc.",
                                       "They met in Sacramento, Calif."])
def test_a_short_sentence_ending_in_an_abbreviation_is_no_heading(paragraph):
    # A heading does not end as a sentence does; the splitter's abbreviations (Punkt's
    # "ill", "inc", "calif") are no test of that: a paragraph's last period ends its
    # sentence whatever the word. Only a headline's dotted acronym ("Japan tops the U.S.")
    text = f"{paragraph}\n\nThe yard employs 4,000 people and builds six ships a year."
    assert clean_text(text, header=False, language="en").headings == []


@pytest.mark.parametrize("text, dateline", [
    ("WASHINGTON/NEW YORK (Reuters) - The Senate voted on Monday to extend the program.",
     "WASHINGTON/NEW YORK (Reuters)"),
    ("KYIV, Ukraine, March 5 (Reuters) - The Senate voted on Monday to extend the program.",
     "KYIV, Ukraine, March 5 (Reuters)"),
    ("PARIS, March 5, 2024 (AFP) - The Senate voted on Monday to extend the program.",
     "PARIS, March 5, 2024 (AFP)"),
    ("PARIS, 5 mars 2024 (AFP) - Le Sénat a voté lundi la prolongation du programme.",
     "PARIS, 5 mars 2024 (AFP)"),
    ("Madrid, 5 mar (EFE).- El Senado votó el lunes la prórroga del programa.",
     "Madrid, 5 mar (EFE)"),
    ("Berlin/Brüssel (dpa) - Der Senat stimmte am Montag für die Verlängerung.",
     "Berlin/Brüssel (dpa)"),
    ("ÜRÜMQI, China (AP) — The Senate voted on Monday to extend the program.",
     "ÜRÜMQI, China (AP)"),
    ("Senate extends program\n\nBy Jane Doe, Associated Press\n\nWASHINGTON (AP) — The Senate "
     "voted on Monday to extend the program.\n\nThe vote was 60 to 40.", "WASHINGTON (AP)"),
])
def test_wire_datelines_of_more_forms_become_metadata(text, dateline):
    # each was left at the start of the article's first sentence
    from summarizer.documents import make_document

    doc = make_document(text, language="english")
    assert doc.meta.get("dateline") == dateline
    assert doc.text.startswith(("The Senate", "Le Sénat", "El Senado", "Der Senat"))


@pytest.mark.parametrize("notice", [
    "© 2024 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission.",
    "Copyright 2024 Thomson Reuters. Click for Restrictions: all Reuters content is protected "
    "by copyright and may not be reproduced or redistributed without the prior written consent "
    "of Reuters, including by caching, framing or similar means.",
])
def test_full_wire_copyright_notices_are_boilerplate(notice):
    from summarizer.documents import make_document

    doc = make_document(f"The Senate voted on Monday to extend the program.\n\n{notice}",
                        language="english")
    assert doc.text == "The Senate voted on Monday to extend the program."


@pytest.mark.parametrize("line", [
    "Click here to subscribe to our newsletter.", "Follow us on Twitter @news", "Like this:",
    "Associated Press writers Jane Doe and John Roe contributed to this report.",
    "burs-ach/js", "dpa-AFX/mis", "Reporting By Jane Doe; Editing By John Roe",
    "Compiled by Jane Doe; Editing by John Roe", "(Reporte de Juan Pérez; Editado por Ana Gómez)",
    "(Bericht von Hans Meier, redigiert von Anna Schmidt)", "Tous droits réservés.",
    "Alle Rechte vorbehalten.",
])
def test_more_wire_and_page_furniture_is_boilerplate(line):
    # each stayed in the text (as its last paragraph) or among the headings
    from summarizer.documents import make_document

    body = ("The Senate voted on Monday to extend the program by two years.\n\n"
            "The vote was 60 to 40 after a long debate.")
    doc = make_document(f"{body}\n\n{line}", language="english")
    assert doc.text == body and line not in doc.meta.get("headings", [])


@pytest.mark.parametrize("line", ["The plan and/or its budget was approved.",
                                  "Click-through rates rose 5% in May, the firm said."])
def test_sentences_like_furniture_stay(line):
    from summarizer.documents import make_document

    doc = make_document(f"The Senate voted on Monday.\n\n{line}\n\nThe vote was close.",
                        language="english")
    assert line in doc.text
