"""Month names of French, German, Spanish, Czech and Greek are read as dates."""

from __future__ import annotations

import unicodedata

import pytest

from summarizer.faithfulness import FaithfulnessChecker
from summarizer.faithfulness.dates import date_supports, find_dates
from summarizer.faithfulness.numbers import find_numbers


def readings(text: str) -> list[tuple[str, int | None, int, int | None]]:
    return [(d.text, d.year, d.month, d.day) for d in find_dates(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Le 7 juillet 2005, des bombes", [("7 juillet 2005", 2005, 7, 7)]),
    ("le 1er août", [("1er août", None, 8, 1)]),
    ("le 24 septembre 2011", [("24 septembre 2011", 2011, 9, 24)]),
    ("le 24 Sept. 2011", [("24 Sept. 2011", 2011, 9, 24)]),
    ("en mars 2003", [("mars 2003", 2003, 3, None)]),
    ("am 7. Juli 2005 in London", [("7. Juli 2005", 2005, 7, 7)]),
    ("im März 2005", [("März 2005", 2005, 3, None)]),
    ("el 7 de julio de 2005 hubo", [("7 de julio de 2005", 2005, 7, 7)]),
    ("en mayo de 2008", [("mayo de 2008", 2008, 5, None)]),
    ("dne 7. července 2005 v Londýně", [("7. července 2005", 2005, 7, 7)]),
    ("7.července", [("7.července", None, 7, 7)]),
    ("v červenci 2005", [("červenci 2005", 2005, 7, None)]),
    ("v lednu 2006", [("lednu 2006", 2006, 1, None)]),
    ("od 1. května 2004", [("1. května 2004", 2004, 5, 1)]),
    ("června 2004", [("června 2004", 2004, 6, None)]),
    ("7 Ιουλίου 2005", [("7 Ιουλίου 2005", 2005, 7, 7)]),
    ("7 ιουλιου 2005", [("7 ιουλιου 2005", 2005, 7, 7)]),
    ("τον Ιανουάριο 2006", [("Ιανουάριο 2006", 2006, 1, None)]),
    ("3 Μαΐου 2005", [("3 Μαΐου 2005", 2005, 5, 3)]),
    ("3 Μαιου 2005", [("3 Μαιου 2005", 2005, 5, 3)]),
    # Greek writes the year in the genitive (of 2005) and an ordinal day ("the 14th")
    ("Τον Μάιο του 2007 κρίθηκαν", [("Μάιο του 2007", 2007, 5, None)]),
    ("της 14ης Ιουλίου", [("14ης Ιουλίου", None, 7, 14)]),
])
def test_a_date_in_another_language_is_read(text, expected):
    assert readings(text) == expected


def test_a_day_range_gives_each_day():
    assert [(d.month, d.day) for d in find_dates("du 7-8 juillet")] == [(7, 7), (7, 8)]
    assert [(d.year, d.day) for d in find_dates("7. a 8. července 2005")] == [(2005, 7), (2005, 8)]


@pytest.mark.parametrize("text", [
    "la planète mars est rouge", "le mai", "Julio Iglesias chante",
    "slunce září", "květ", "un květ rouge", "en mayo", "30 février 2005",
    "12 marsupiaux", "7juillet",
])
def test_a_month_word_alone_or_no_real_day_is_no_date(text):
    # bare, the names are words or names too (the planet, "it shines", a given name)
    assert readings(text) == []


@pytest.mark.parametrize(("text", "month"), [
    ("en juin", 6), ("jusqu'à novembre des répliques", 11), ("v červenci", 7),
    ("v říjnu a listopadu", 10), ("τον Ιούνιο", 6), ("im Juli", 7), ("en agosto", 8)])
def test_a_month_name_that_is_no_other_word_is_read_bare(text, month):
    # read only beside a day or a year before: a month the sources do not state
    # ("En décembre, les survivants ...") went unchecked, as English's bare "June" is not
    assert [(d.year, d.month, d.day) for d in find_dates(text)][:1] == [(None, month, None)]


def test_the_date_is_no_longer_two_plain_numbers():
    text = "Le 7 juillet 2005, 52 personnes sont mortes."
    spans = [(d.start, d.end) for d in find_dates(text)]
    assert [n.value for n in find_numbers(text, spans)] == [52.0]


def test_english_dates_read_as_before():
    assert readings("On July 7, 2005 and 7 August 2005") == [
        ("July 7, 2005", 2005, 7, 7), ("7 August 2005", 2005, 8, 7)]


def test_a_day_in_one_language_backs_the_same_day_in_another():
    # a date is a calendar day whatever language names its month
    (fr,), (en,), (cs,) = find_dates("7 juillet 2005"), find_dates("July 7"), find_dates(
        "8. července")
    assert date_supports(fr, en) and date_supports(en, fr)
    assert not date_supports(fr, cs)


def lexical():
    return FaithfulnessChecker(embeddings=False, min_item_support=0.0, check_names=False)


@pytest.mark.parametrize(("language", "source", "right", "wrong", "wrong_date"), [
    ("french", "Les bombes ont explosé à Londres le 7 juillet 2005.",
     "Les bombes ont explosé à Londres le 7 juillet.", "Les bombes ont explosé à Londres le 8 juillet.",
     "8 juillet"),
    ("czech", "Bomby vybuchly v Londýně 7. července 2005.",
     "Bomby vybuchly v Londýně 7. července.", "Bomby vybuchly v Londýně 8. července.",
     "8. července"),
    ("german", "Die Bomben explodierten am 7. Juli 2005 in London.",
     "Die Bomben explodierten am 7. Juli in London.", "Die Bomben explodierten am 8. Juli in London.",
     "8. Juli"),
    ("spanish", "Las bombas estallaron en Londres el 7 de julio de 2005.",
     "Las bombas estallaron en Londres el 7 de julio.", "Las bombas estallaron en Londres el 8 de julio.",
     "8 de julio"),
    ("greek", "Οι βόμβες εξερράγησαν στο Λονδίνο στις 7 Ιουλίου 2005.",
     "Οι βόμβες εξερράγησαν στο Λονδίνο στις 7 Ιουλίου.", "Οι βόμβες εξερράγησαν στο Λονδίνο στις 8 Ιουλίου.",
     "8 Ιουλίου"),
])
def test_a_date_the_sources_state_otherwise_is_flagged(language, source, right, wrong, wrong_date):
    ok, bad = lexical().check([right, wrong], [source], language=language).sentences
    assert [(i.kind, i.supported) for i in ok.items] == [("date", True)]
    assert [(i.kind, i.text) for i in bad.unsupported] == [("date", wrong_date)]


def test_decomposed_accents_read_alike():
    text = "dne 7. července 2005, 7 Ιουλίου 2005, 1er août"
    nfd = unicodedata.normalize("NFD", text)
    assert [(d.year, d.month, d.day) for d in find_dates(nfd)] == \
        [(d.year, d.month, d.day) for d in find_dates(text)] == [(2005, 7, 7), (2005, 7, 7), (None, 8, 1)]


@pytest.mark.parametrize(("language", "source", "output"), [
    ("greek", "Οι ναύτες αφέθηκαν ελεύθεροι στις 5 Απριλίου 2007.",
     "Οι ναύτες αφέθηκαν ελεύθεροι στις 5 Απριλίου."),
    ("greek", "Τον Μάιο του 2007 κρίθηκαν ένοχοι πέντε ύποπτοι.",
     "Τον Μάιο του 2007 κρίθηκαν ένοχοι πέντε ύποπτοι."),
    ("german", "Die Bomben explodierten am 7. Juli 2005 in London.",
     "Die Bomben explodierten am 7. Juli in London."),
])
def test_a_month_in_a_date_is_no_name(language, source, output):
    # a capitalised month of a date it reads was also a name, checked twice and
    # flagged as a name where the sources write the month in another case
    checker = FaithfulnessChecker(embeddings=False, min_item_support=0.0)
    (s,) = checker.check([output], [source], language=language).sentences
    (date,) = [i for i in s.items if i.kind == "date"]
    assert date.supported
    assert not [i.text for i in s.items if i.kind == "name" and i.start < date.end
                and date.start < i.end]


@pytest.mark.parametrize(("text", "expected"), [
    ("Τέλος, τον Νοέμβρη 4 μετασεισμοί", [("Νοέμβρη", None, 11, None)]),
    ("στις 26 Δεκέμβρη 2004", [("26 Δεκέμβρη 2004", 2004, 12, 26)]),
    ("τον Ιούλη του 2005", [("Ιούλη του 2005", 2005, 7, None)]),
    ("ο Φλεβάρης ήταν κρύος", [("Φλεβάρης", None, 2, None)]),
    ("από τις 3 Οκτωβρη", [("3 Οκτωβρη", None, 10, 3)]),
])
def test_greek_everyday_month_names_are_dates(text, expected):
    # TAC Greek model summary M005.B: "τον Νοέμβρη" (in November) was no date, and its
    # capitalised month a name that no source backs
    assert readings(text) == expected


def test_an_everyday_greek_month_is_backed_by_the_formal_one():
    checker = FaithfulnessChecker(embeddings=False, min_item_support=0.0)
    source = "Στις 26 Νοεμβρίου 2010 σημειώθηκαν τέσσερις μετασεισμοί στη Χιλή."
    (s,) = checker.check(["Στις 26 Νοέμβρη 2010 σημειώθηκαν μετασεισμοί στη Χιλή."],
                         [source], language="greek").sentences
    assert [(i.kind, i.supported) for i in s.items if i.kind in ("date", "name")
            and "Νοέμβρη" in i.text] == [("date", True)]


@pytest.mark.parametrize(("text", "name"), [
    ("Spisovatelka Juli Zeh přijela do Prahy.", "Juli Zeh"),  # German month, Czech text
    ("Die Schriftstellerin Juli Zeh las in Prag.", "Juli Zeh"),
    ("La chanteuse Avril Lavigne est arrivée.", "Avril Lavigne"),
    ("La periodista Abril Ruiz habló.", "Abril Ruiz"),
    ("Ο Αύγουστος Κωνσταντίνου μίλησε.", "Αύγουστος Κωνσταντίνου"),
])
def test_a_month_of_another_language_before_a_surname_is_a_given_name(text, name):
    # "Juli Zeh" was the date "Juli" (July) and the name "Zeh": only English months were
    # read as given names
    from summarizer.faithfulness.names import find_names

    assert readings(text) == []
    assert any(name in n.text for n in find_names(text))


@pytest.mark.parametrize(("text", "month"), [
    ("Im Juli Wahlen in Berlin.", 7), ("Seit Juli Gespräche mit Paris.", 7),
    ("Ende Juli Merkel reiste ab.", 7), ("από τον Ιούλιο Ρώσοι στρατιώτες", 7),
    ("Μέχρι τον Αύγουστο Ρώσοι στρατιώτες", 8), ("Juli war heiß.", 7),
])
def test_a_month_after_a_time_word_or_before_no_name_stays_a_date(text, month):
    # German capitalises every noun: a capitalised word after a month makes it no given
    # name where a word before it makes it a time
    assert [d.month for d in find_dates(text)] == [month]
