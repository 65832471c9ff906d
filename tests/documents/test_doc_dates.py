"""A Document's date: one sortable form, whoever makes the Document (dates.normalize_date)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

import summarizer
from summarizer.documents import Cluster, Document
from summarizer.errors import InputError

OCTOBER = "The October report says the river rose again overnight near the old bridge."
SEPTEMBER = "The September report says the river first rose after a week of heavy rain."


def test_documents_made_in_code_are_put_in_date_order_by_their_dates():
    # "2004-9-1" kept as given sorted after "2004-10-01": the September article was the newest
    cluster = Cluster([Document(OCTOBER, id="oct", date="2004-10-01"),
                       Document(SEPTEMBER, id="sep", date="2004-9-1")])
    newest = summarizer.summarize(cluster, "lead", mode="newest", sentences=1)
    assert [s.doc_id for s in newest.sentences] == ["oct"]
    in_order = summarizer.summarize(cluster, "lead", sentences=2)
    assert [s.doc_id for s in in_order.sentences] == ["sep", "oct"]


@pytest.mark.parametrize(("given", "kept"), [
    ("2004-9-1", "2004-09-01"), (" September 1, 2004 ", "2004-09-01"), ("20040901", "2004-09-01"),
    ("Sept 2004", "2004-09"), ("2004-09", "2004-09"), ("2004", "2004"),
    ("2004-10-01T09:30:00+02:00", "2004-10-01T07:30:00"), ("", None), ("  ", None)])
def test_a_documents_date_is_read_into_one_form_and_that_form_is_kept(given, kept):
    doc = Document("Some text.", date=given)
    assert doc.date == kept
    assert Document("Some text.", date=doc.date).date == kept  # read again: the same


def test_a_date_set_after_the_document_is_made_is_read_by_the_same_rule():
    # doc.date = "2004-9-1" skipped the rule (it ran in __post_init__ only) and sorted after
    # "2004-10-01": the September article was the newest
    oct_doc, sep_doc = Document(OCTOBER, id="oct"), Document(SEPTEMBER, id="sep")
    oct_doc.date, sep_doc.date = "2004-10-01", "2004-9-1"
    assert (oct_doc.date, sep_doc.date) == ("2004-10-01", "2004-09-01")
    newest = summarizer.summarize(Cluster([oct_doc, sep_doc]), "lead", mode="newest",
                                  sentences=1)
    assert [s.doc_id for s in newest.sentences] == ["oct"]
    sep_doc.date = "  "
    assert sep_doc.date is None
    with pytest.raises(InputError, match=r"Document sep date is 'last Tuesday', not a date"):
        sep_doc.date = "last Tuesday"
    with pytest.raises(InputError, match="Document date must be a string, a datetime.date "
                                         "or None, not int"):
        sep_doc.date = 20040901  # type: ignore[assignment]
    assert sep_doc.date is None  # a refused value is not kept
    # made with several bad values, the Document names the first it checks, as before
    with pytest.raises(InputError, match="Document text must be a string, not bytes"):
        Document(b"Some text.", date="last Tuesday")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="Document title must be a string or None, not int"):
        Document("Some text.", title=5, date="last Tuesday")  # type: ignore[arg-type]


def test_a_document_date_that_is_no_date_is_refused_naming_it():
    with pytest.raises(InputError, match=r"Document d1 date is 'last Tuesday', not a date"):
        Document("Some text.", id="d1", date="last Tuesday")


@pytest.mark.parametrize("given", ["1/9/2004", "01/09/2004", "9-1-2004", "01.09/2004"])
def test_an_all_numeric_date_that_reads_both_ways_is_refused_not_guessed(tmp_path, given):
    # read day first, the US 1/9/2004 (January 9) became 2004-09-01 without a word
    with pytest.raises(InputError, match=rf"Document d date is {re.escape(repr(given))}: day "
                                         r"\d+ of month \d+, or month \d+ day \d+\? Give it as "
                                         "YYYY-MM-DD"):
        Document("Some text.", id="d", date=given)
    from summarizer.documents import load_jsonl

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "Some text.", "date": given}) + "\n")
    with pytest.raises(InputError, match=rf"c.jsonl:1: Document d date is "
                                         rf"{re.escape(repr(given))}: day"):
        load_jsonl(path)


@pytest.mark.parametrize(("given", "kept"), [
    ("13/9/2004", "2004-09-13"), ("9/13/2004", "2004-09-13"), ("5/5/2004", "2004-05-05"),
    ("29/2/2004", "2004-02-29")])
def test_an_all_numeric_date_that_reads_one_way_only_is_read_that_way(given, kept):
    assert Document("Some text.", date=given).date == kept


@pytest.mark.parametrize(("given", "kept"), [
    ("01.09.2004", "2004-09-01"), ("1.9.2004", "2004-09-01"), (" 12.01.2005 ", "2005-01-12"),
    ("31.12.2004", "2004-12-31"), ("29.02.2004", "2004-02-29"), ("2004.09.01", "2004-09-01")])
def test_a_dotted_numeric_date_is_read_day_first(tmp_path, given, kept):
    # dots are the day-first convention (German, Czech, Russian): 01.09.2004 was refused
    # as ambiguous like 01/09/2004
    assert Document("Some text.", date=given).date == kept
    from summarizer.documents import load_jsonl

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "Some text.", "date": given}) + "\n")
    assert [d.date for d in load_jsonl(path)[0].documents] == [kept]


@pytest.mark.parametrize("given", ["09.13.2004", "31.04.2004", "29.02.2005"])
def test_a_dotted_date_the_calendar_lacks_day_first_is_refused_not_read_month_first(given):
    with pytest.raises(InputError, match=rf"Document d date is {re.escape(repr(given))}, not a "
                                         r"date \(with dots, day first: DD\.MM\.YYYY"):
        Document("Some text.", id="d", date=given)


@pytest.mark.parametrize("given", ["31/4/2004", "29/2/2005", "13/13/2004"])
def test_an_all_numeric_date_the_calendar_lacks_is_refused(given):
    with pytest.raises(InputError, match="not a date"):
        Document("Some text.", date=given)


@pytest.mark.parametrize(("given", "real"), [
    ("2004-02-31", "2004-02-29"), ("2004/4/31", "2004/4/30"), ("2005-02-29", "2005-02-28"),
    ("February 31, 2004", "February 29, 2004"), ("31. dubna 2004", "30. dubna 2004")])
def test_a_day_the_calendar_lacks_is_no_date_in_any_form(given, real):
    # parse_date checked day <= 31 only: 2004-02-31 was a Document's date, 31/2/2004 refused
    from summarizer.documents.dates import parse_date

    assert parse_date(given) is None
    with pytest.raises(InputError, match="not a date"):
        Document("Some text.", date=given)
    assert parse_date(real) == Document("Some text.", date=real).date is not None


def test_a_date_line_the_calendar_lacks_gives_an_article_no_date():
    from summarizer.documents.make import make_document

    doc = make_document("2005/02/30 Les dons pour le tsunami\n\nLes dons faits en janvier "
                        "pour les victimes du tsunami seront déductibles des impôts.",
                        language="french")
    assert (doc.date, doc.title) == (None, "Les dons pour le tsunami")


def test_a_date_line_in_an_article_is_still_read_day_first():
    # the TAC MultiLing files (French M0000: "08/01/2005 Les dons ...") date their
    # articles day first: the rule for article text, which cannot be refused
    from summarizer.documents.make import make_document

    doc = make_document("08/01/2005 Les dons pour le tsunami\n\nLes dons faits en janvier "
                        "pour les victimes du tsunami seront déductibles des impôts.",
                        language="french")
    assert (doc.date, doc.title) == ("2005-01-08", "Les dons pour le tsunami")


def test_a_duc_docno_whose_digits_are_no_day_gives_no_date():
    # the date read from a DOCNO is a guess from an id: "1998-13-40" stopped the file's
    # loading once the Document refused it
    from summarizer.documents.duc import parse_sgml

    sgml = "".join(f"<DOC><DOCNO>{n}</DOCNO><TEXT>A report on the floods.</TEXT></DOC>"
                   for n in ("APW19981340.0001", "APW19981020.0002", "LA133189-0003",
                             "LA103189-0004"))
    assert [d.date for d in parse_sgml(sgml)] == [None, "1998-10-20", None, "1989-10-31"]


class _Date310:
    """datetime as Python 3.10 reads ISO text (the package supports 3.10): fromisoformat
    takes YYYY-MM-DD only, and a time without a final Z, never the basic 20040901."""

    import datetime as _dt

    class date(_dt.date):
        @classmethod
        def fromisoformat(cls, text: str):  # type: ignore[override]
            if not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
                raise ValueError(f"Invalid isoformat string: {text!r}")
            return super().fromisoformat(text)

    class datetime(_dt.datetime):
        @classmethod
        def fromisoformat(cls, text: str):  # type: ignore[override]
            if not re.fullmatch(r"\d{4}-\d\d-\d\d(.\d\d(:\d\d(:\d\d(\.\d{3}(\d{3})?)?)?)?"
                                r"([+-]\d\d:\d\d(:\d\d(\.\d{6})?)?)?)?", text, re.S):
                raise ValueError(f"Invalid isoformat string: {text!r}")
            return super().fromisoformat(text)

    timezone = _dt.timezone
    timedelta = _dt.timedelta


@pytest.mark.parametrize("python", ["this one", "3.10"])
@pytest.mark.parametrize(("given", "kept"), [
    ("20040901", "2004-09-01"), ("2004-09-01T10:00:00Z", "2004-09-01T10:00:00"),
    ("2004-09-01T12:30:00+02:00", "2004-09-01T10:30:00"), ("2004-09-01 10:00", "2004-09-01T10:00:00"),
    # 3.11's fromisoformat reads these and 3.10's did not: read here by one grammar
    ("2004-09-01T12:30:00+0200", "2004-09-01T10:30:00"), ("2004-09-01T12:30+02", "2004-09-01T10:30:00"),
    ("2004-09-01T10:00:00.5", "2004-09-01T10:00:00"),
])
def test_the_iso_forms_a_date_may_take_are_read_alike_on_every_supported_python(
        monkeypatch, python, given, kept):
    from summarizer.documents import dates

    if python == "3.10":
        monkeypatch.setattr(dates, "dt", _Date310)
    assert dates.normalize_date(given) == kept
    with pytest.raises(InputError, match="20040931"):
        dates.normalize_date("20040931")  # basic form, a day the calendar lacks


@pytest.mark.parametrize(("given", "kept"), [
    ("1850-01-01", "1850-01-01"), ("1850-01", "1850-01"), ("1850", "1850"),
    ("2150-03", "2150-03"), ("0001", "0001"), ("٢٠٠٤", "2004"), ("٢٠٠٤-09", "2004-09")])
def test_a_year_month_or_year_alone_takes_any_year_a_full_date_takes(given, kept):
    # 1850-01-01 was a date and 1850-01 or 1850 were not (YYYY-MM and a year alone were
    # 1900-2099 only); a year in other digits was kept as given, sorting apart
    assert Document("Some text.", date=given).date == kept


@pytest.mark.parametrize("given", ["0000", "0000-05", "1850-13", "12345"])
def test_a_year_month_or_year_no_full_date_could_have_is_refused(given):
    with pytest.raises(InputError, match="not a date"):
        Document("Some text.", date=given)


def test_an_article_date_line_keeps_its_years():
    # the date-line reader stays 1900-2099: "May 1850 ..." in an article is text
    from summarizer.documents.dates import match_date_prefix, parse_date

    assert parse_date("May 1850") is None and parse_date("May 1950") == "1950-05"
    assert match_date_prefix("Saturday, January 8, 1850") is None


def test_every_month_name_the_faithfulness_checks_read_is_a_date_line_month():
    # two tables (the date lines' and the faithfulness checks') had drifted apart: the
    # checks read "lednu", "setiembre" and Greek's accusative, dates did not
    from summarizer.documents.dates import month_number
    from summarizer.faithfulness.dates import OTHER_MONTHS

    assert {name: month_number(name) for name in OTHER_MONTHS} == OTHER_MONTHS


@pytest.mark.parametrize(("given", "kept"), [
    ("1 de setiembre de 2004", "2004-09-01"), ("τον Σεπτέμβριο 2004", "2004-09"),
    ("v lednu 2005", "2005-01"), ("1. Jänner 2005", "2005-01-01")])
def test_a_documents_date_takes_the_month_names_of_every_language(given, kept):
    assert Document("Some text.", date=given).date == kept


_PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


@pytest.mark.parametrize(("given", "kept"), [
    (dt.date(2004, 9, 1), "2004-09-01"),
    (dt.datetime(2004, 9, 1, 10, 30), "2004-09-01T10:30:00"),
    (dt.datetime(2004, 9, 1, 12, 30, tzinfo=_PLUS_TWO), "2004-09-01T10:30:00")])
def test_a_date_object_is_a_documents_date_in_its_iso_form(given, kept):
    # refused ("must be a string or None, not date"): a date made in code, a record's
    # date from a Parquet list of documents
    from summarizer.documents.records import JSONL_DEFAULTS, cluster_from_record

    assert Document("Some text.", date=given).date == kept
    record = {"documents": [{"text": "Some text.", "date": given}]}
    cluster = cluster_from_record(record, JSONL_DEFAULTS, None, True, 1, "in", [])
    assert cluster.documents[0].date == kept


@pytest.mark.parametrize(("given", "kept"), [
    ("September 1, 1850", "1850-09-01"), ("1 May 0850", "0850-05-01"), ("Sept 2150", "2150-09"),
    ("1850/09/01", "1850-09-01"), ("1. září 1850", "1850-09-01")])
def test_a_documents_date_with_a_month_name_takes_any_year_a_numeric_one_takes(given, kept):
    # "September 1, 1850" was "not a date" (the year was the reason, unsaid) where
    # "1850-09-01" was one: a month name took 1900-2099, as an article's date line does
    assert Document("Some text.", date=given).date == kept


@pytest.mark.parametrize("value", [
    "32 March 2024", "March 0, 2024", "March/April 2024", "2024 2025 March", "March 2024 2025",
    "5 March 2024 April",
    # read by Python 3.11's fromisoformat, not 3.10's: now by neither
    "20240305T100000", "2024-W10", "2024-W10-2", "2024-065",
    "2024-03-05T10:00:00\x00", "2024-03-05\x00", "2024-03-05T24:00:00", "2024-03-05T10:00+24:00",
])
def test_an_impossible_ambiguous_or_version_bound_date_is_refused(value):
    # a day out of range, or a range of months or years, was read as its first month
    with pytest.raises(InputError):
        Document("x", date=value)


@pytest.mark.parametrize(("value", "date"), [
    ("10 يوليو/تموز 2007", "2007-07-10"),  # one month in two names: Arabic's way
    ("5 de marzo de 2024", "2024-03-05"),
    ("March 5, 2024 10:30", "2024-03-05"),
    # the same on every supported Python (3.10's fromisoformat read none of the first three)
    ("2024-03-05T10:00:00-0500", "2024-03-05T15:00:00"),
    ("2024-03-05T10:00:00+05", "2024-03-05T05:00:00"),
    ("2024-03-05T10:00:00.123456789+05:30", "2024-03-05T04:30:00"),
    ("2024-03-05 10:00", "2024-03-05T10:00:00"),
    ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00"),
])
def test_dates_read_the_same_on_every_python(value, date):
    assert Document("x", date=value).date == date


def test_a_year_in_the_first_sentence_is_not_the_date_lines():
    # "Jan 12 (Reuters) - In 2023": the sentence's year became the article's date, and
    # "In 2023" was cut out of its text as part of the date line
    from summarizer.documents.make import make_document

    doc = make_document("Jan 12 (Reuters) - In 2023 Tesla delivered 1.8 million cars. "
                        "Analysts were surprised.", language="en")
    assert doc.date is None and doc.meta["dateline"] == "Jan 12 (Reuters)"
    assert doc.text.startswith("In 2023 Tesla delivered")
    assert make_document("PARIS, March 5, 2024 (Reuters) - In 2004 France cut taxes. It "
                         "worked.", language="en").text.startswith("In 2004 France")


def test_a_headline_that_ends_in_a_date_above_the_date_line_is_the_title(tmp_path):
    from summarizer.documents import load_folder

    (tmp_path / "a.txt").write_text("Tsunami of December 2004\nWednesday, January 5, 2005\n\n"
                                    "The death toll rose again on Wednesday, officials said.\n")
    (tmp_path / "b.txt").write_text("Aid ships reach Aceh\nTuesday, January 4, 2005\n\n"
                                    "The first aid ships reached Aceh on Tuesday, officials said.\n")
    docs = load_folder(tmp_path).documents
    assert [(d.date, d.title) for d in docs] == [
        ("2005-01-05", "Tsunami of December 2004"), ("2005-01-04", "Aid ships reach Aceh")]
    summary = summarizer.summarize(load_folder(tmp_path), words=100)
    assert summary.sentences[0].text.startswith("The first aid ships")  # time order
