"""Article text cleaning took for something else: an opening quoted sentence taken for the
title, "NASA — the U.S. space agency — said" losing "NASA" as a dateline, a list's "(c)"
item removed as a copyright notice, a news sentence with the word "copyright" dropped from
an HTML page; and a folder's order that changed with its names' Unicode form."""

from __future__ import annotations

import unicodedata

import pytest

from summarizer.documents import clean_text, load_cluster, load_folder

BODY = ("The river burst its banks on Sunday and hundreds of families were forced to leave "
        "their homes in the valley, officials said on Monday.")


@pytest.mark.parametrize("quote", ['"{}"', "\u201c{}\u201d", "'{}'", "\u00ab{}\u00bb"])
def test_an_opening_quoted_sentence_is_text_not_a_title(quote):
    said = quote.format("We have lost everything we had, and nobody has come to help us.")
    got = clean_text(f"{said}\n\n{BODY}\n\n{BODY}")
    assert got.title is None and got.text.startswith(said)


def test_a_quoted_headline_without_a_full_stop_is_still_a_title():
    got = clean_text(f'Minister: "We will rebuild"\n\n{BODY}\n\n{BODY}')
    assert got.title == 'Minister: "We will rebuild"'


@pytest.mark.parametrize("dash", ["\u2014", "--"])
def test_an_acronym_before_an_aside_is_no_dateline(dash):
    text = f"NASA {dash} the U.S. space agency {dash} said on Tuesday it had sent images."
    got = clean_text(f"{text}\n\n{BODY}")
    assert got.dateline is None and got.text.startswith("NASA")
    wire = clean_text(f"WASHINGTON {dash} The Senate voted on Tuesday.\n\n{BODY}")
    assert wire.dateline == "WASHINGTON" and wire.text.startswith("The Senate")


def test_a_lists_third_item_is_no_copyright_notice():
    item = "(c) the ministry may also revoke permits issued after the flood."
    got = clean_text(f"{BODY}\n\nUnder the law, the minister may:\n(a) suspend the licence;\n"
                     f"(b) fine the company;\n{item}\n\n{BODY}")
    assert item not in got.removed and item in got.text
    for notice in ("(c) 2019 Reuters", "(C) Copyright The Daily News", "© The Daily News"):
        assert notice in clean_text(f"{BODY}\n\n{notice}").removed


def test_a_news_sentence_on_copyright_stays_on_an_html_page(tmp_path):
    sentence = "The band sued the label for copyright infringement last year."
    page = tmp_path / "p.html"
    page.write_text(f"<html lang='en'><body><article><h1>Band sues</h1><p>{BODY}</p>"
                    f"<p>{sentence}</p><p>{BODY}</p><p>Copyright 2024 The Daily News</p>"
                    "</article></body></html>", encoding="utf-8")
    text = load_cluster([str(page)]).documents[0].text
    assert sentence in text and "Copyright 2024" not in text


def test_a_folder_has_one_order_whatever_its_names_unicode_form(tmp_path):
    orders = []
    for form in ("NFC", "NFD"):
        folder = tmp_path / form
        folder.mkdir()
        for name in ("école.txt", "f.txt"):
            (folder / unicodedata.normalize(form, name)).write_text(BODY, encoding="utf-8")
        orders.append([unicodedata.normalize("NFC", d.id) for d in load_folder(folder).documents])
    assert orders[0] == orders[1] == ["f.txt", "école.txt"]  # by code point, as NFC has it
