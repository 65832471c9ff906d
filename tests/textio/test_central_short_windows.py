"""Short Polish, Slovak and Romanian text in its legacy pages, read without a language
(summarizer.textio.detect; eval/short_windows.py measures windows of
tests/fixtures/legacy_windows): marks that Western text never writes where they stand are
another page's letters (session 48)."""

from __future__ import annotations

import pytest

from summarizer.textio import decode_bytes


@pytest.mark.parametrize("text, page", [
    # Polish "ż" is cp1252's "¿", which Spanish writes only to open, never after a letter
    ("kradzież obrazów", "cp1250"),
    ("o kradzież obrazów", "iso8859-2"),
    # nor before a lower-case letter but after a clause mark (and then closed by "?")
    ("żywności", "cp1250"),
    # Slovak "ť" in ISO-8859-2 is cp1250's and cp1252's "»", closing no quotation
    ("päť", "iso8859-2"),
    ("udržať", "iso8859-2"),
    ("dosť peňazí", "iso8859-2"),
    ("musí schváliť", "iso8859-2"),
])
def test_a_mark_where_western_text_writes_none_is_another_page_s_letter(text, page):
    assert decode_bytes(text.encode(page)).text == text


@pytest.mark.parametrize("text", ["«Non» café", "»Nein« Straße", "Pero, ¿vienes mañana?",
                                  "¿Vienes mañana?", "¡Olé!", "l'été «très» chaud"])
def test_marks_standing_as_western_text_writes_them_stay_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("text", ["ešte", "špecialistov.", "Košicami", "vyšetrenie",
                                  "poškodila", "u špecialistov."])
def test_slovak_s_in_iso8859_2_is_not_polish_a_where_polish_writes_none(text):
    # ISO-8859-2's "š" is cp1250's "ą", which Polish writes after a consonant, "i" or "j"
    # only, never first in a word: "eąte", "ąpecialistov" are no Polish words
    assert decode_bytes(text.encode("iso8859-2")).text == text


@pytest.mark.parametrize("text, page", [("się", "cp1250"), ("mają", "iso8859-2"),
                                        ("ziemią", "cp1250"), ("będą", "cp1250")])
def test_polish_nasal_vowels_where_polish_writes_them_still_read(text, page):
    assert decode_bytes(text.encode(page)).text == text


@pytest.mark.parametrize("text", ["bătrâni", "săptămână.", "cădea", "Popescu-Tăriceanu",
                                  "din străinătate."])
def test_romanian_a_breve_is_not_portuguese_a_tilde_before_a_consonant(text):
    # cp1250's "ă" is cp1252's "ã", which Portuguese writes at a word's end or before a
    # vowel or "s" only ("mãe", "irmãs"): "bãtrâni" is no Portuguese word
    assert decode_bytes(text.encode("cp1250")).text == text


@pytest.mark.parametrize("text", ["mãe", "irmãs", "lições", "São Paulo", "não", "cãibra",
                                  "Grã-Bretanha", "as mães"])
def test_portuguese_nasal_vowels_stay_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("text", ["pretože", "môže", "pretože ceny", "z krádeže",
                                  "železničných", "zboží", "brže."])
def test_iso8859_2_z_caron_is_not_slovak_l_caron_before_e_or_i(text):
    # ISO-8859-2's "ž" is cp1250's "ľ", which Slovak never writes before "e" or "i" (the
    # softness of "ď ť ň ľ" goes unmarked there: "deti", "nie", "lietať"): "pretoľe",
    # "zboľí" are no Slovak words, and the reading with "ž" is Czech's, Slovak's ...
    assert decode_bytes(text.encode("iso8859-2")) == (text, "iso8859-2")


@pytest.mark.parametrize("text, page", [("podľa", "cp1250"), ("veľmi", "cp1250"),
                                        ("ľudia", "cp1250"), ("kráľ", "cp1250"),
                                        ("Ľubica", "cp1250"), ("veľmi", "iso8859-2"),
                                        ("ňou", "cp1250")])
def test_slovak_soft_consonants_where_slovak_writes_them_still_read(text, page):
    assert decode_bytes(text.encode(page)).text == text


@pytest.mark.parametrize("text, page", [
    # Polish "ń" is cp1252's "ñ", which Spanish writes only before a vowel ("año")
    ("mieszkańców,", "cp1250"), ("mieszkańców,", "iso8859-2"), ("dzień", "cp1250"),
    ("koń", "iso8859-2"),
    # Polish and Croatian "ć" is cp1252's "æ", and cp1250's Polish "ś" its "œ", which Danish,
    # Norwegian and French never write after a vowel ("være", "æble", "cœur", "œuvre")
    ("pojawić", "cp1250"), ("pojawić", "iso8859-2"), ("plaća", "cp1250"),
    ("povećati", "iso8859-2"), ("noći", "iso8859-2"), ("wzrośnie", "cp1250"),
    ("trudności", "cp1250"), ("najczęściej", "cp1250"), ("w miejscowościach", "cp1250"),
])
def test_central_letters_cp1252_reads_as_western_ones_where_none_writes_them(text, page):
    assert decode_bytes(text.encode(page)).text == text


@pytest.mark.parametrize("text", ["año", "España", "la mañana", "ESPAÑA", "Peña", "være",
                                  "æble", "træ", "knæ", "Ærø", "cœur", "œuvre", "sœur",
                                  "manœuvre", "vœux", "œil"])
def test_western_n_tilde_ae_and_oe_where_their_languages_write_them_stay_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("text", ["Ministrul a spus: „Vom crește prețurile”.",
                                  "„Vom crește prețurile”, a spus ministrul."])
def test_romanian_iso8859_16_with_its_own_quotes_reads_as_such(text):
    # ISO-8859-16's "„ ”" are cp1250's "Ą µ": no cp1250 reading, and ISO-8859-16 is tried
    # after the other Central pages (read before as ISO-8859-13's "creŗte prežurileµ" or
    # ISO-8859-10's "ĨVom crešte")
    assert decode_bytes(text.encode("iso8859-16")) == (text, "iso8859-16")


@pytest.mark.parametrize("text", ["și", "Guvernul a anunțat că prețurile vor crește."])
def test_romanian_comma_below_without_other_signs_reads_as_cp1250_s_cedilla(text):
    # ISO-8859-16's "ș ț" are the bytes of cp1250's "ş ţ": nothing tells the two apart, so
    # the commoner page is read, and named (a document's meta["encoding"])
    cedilla = text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))
    assert decode_bytes(text.encode("iso8859-16")) == (cedilla, "cp1250")
