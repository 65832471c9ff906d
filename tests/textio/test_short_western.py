"""Short Western European text in cp1252 without a language (summarizer.textio.detect): a
word or two gives the detector nothing to go by (every page reads "caf\\xe9" with no
mess), and its first reading was UTF-16 ("捡曩"), cp775 ("cafķ"), cp1006 (Urdu letters
in Latin words) or EBCDIC ("ZÈZ"). cp1252, the most common legacy page, is read where
its letters are one language's, unless a named or guessed language's letters say
otherwise (session 37)."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from summarizer.languages import LANGUAGES
from summarizer.textio import decode_bytes
from summarizer.textio.detect import _short_reading


def _writes(word: str, page: str) -> bool:
    try:
        word.encode(page)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("text", ["café", "Café crème", "naïve", "été", "München",
                                  "Straße", "Ñoño", "façade", "Le café est bon."])
def test_a_word_or_two_of_western_text_reads_as_cp1252(text):
    d = decode_bytes(text.encode("cp1252"))
    assert (d.text, d.encoding) == (text, "cp1252")


# Czech in cp1250 whose cp1252 reading no one language writes (á with ø, ì or ù): not
# taken for cp1252 ("přispěvatelé" is "pøispìvatelé" there), and read as before
@pytest.mark.parametrize("text", ["přispěvatelé čekali", "daňová přiznání",
                                  "milionů dolarů, oznámil"])
def test_czech_whose_cp1252_reading_is_no_language_is_not_cp1252(text):
    data = text.encode("cp1250")
    assert _short_reading(data) == (text, "cp1250")  # its page's reading (session 38)
    assert decode_bytes(data) == (text, "cp1250")


def test_a_named_language_s_pages_come_first():
    data = "době".encode("cp1250")  # cp1252's "dobì" could be Italian ("lunedì")
    assert _short_reading(data) == ("dobì", "cp1252")
    assert decode_bytes(data) == ("dobì", "cp1252")  # (a word says no more)
    assert decode_bytes(data, language="czech") == ("době", "cp1250")


@pytest.mark.parametrize("data", [
    "Правительство объявило о новых мерах.".encode("cp1251"),  # all letters accented
    "Да".encode("cp1251"),  # "Äà": no one language's
    "Ναι".encode("cp1253"),  # "Íáé": no ASCII letter beside them
])
def test_text_that_is_no_western_text_in_cp1252_is_not_taken(data):
    assert _short_reading(data) is None


def test_a_symbol_stuck_to_letters_is_no_cp1252_reading():
    # "og³osi³" is no cp1252 text; its cp1250 reading is Polish "ogłosił" (session 38)
    assert _short_reading("og³osi³".encode("cp1252")) == ("ogłosił", "cp1250")


WESTERN = ("café crème naïve été München Straße façade señor über Köln Ærø garçon déjà "
           "città perché Málaga São Zürich").split()
PLAIN = "the council met on Monday and approved a plan for new roads in town".split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PLAIN), max_size=6), st.sampled_from(WESTERN),
       st.lists(st.sampled_from(PLAIN), max_size=6))
def test_short_text_with_one_western_word_round_trips_as_cp1252(before, word, after):
    text = " ".join([*before, word, *after])
    data = text.encode("cp1252")
    try:  # a few letters can make valid UTF-8 ("Ã©" is é's UTF-8): step 4 reads it so
        assume(data.decode("utf-8") == text)
    except UnicodeDecodeError:
        pass
    assert decode_bytes(data) == (text, "cp1252")


# Eight words or more whose only listed function words are ASCII ("a" is Czech's "and", on
# no Western list) were guessed Czech and read in its pages (cp1250: "Săo", "seńor", "naďve"),
# about 1 in 200 of the property's draws; ASCII words read alike in every Latin page, so such
# a guess no longer outranks the cp1252 reading in one language's letters
@pytest.mark.parametrize("text", [
    "new São a plan plan roads town town", "Monday Monday a on a señor for a",
    "approved roads a déjà new new a the", "a in roads a plan naïve roads town",
    "new approved plan roads met Ærø a a plan new new",
])
def test_english_guessed_czech_by_ascii_words_alone_reads_as_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


# ... while Czech whose guess rests on the same ASCII words reads in its pages as before
@pytest.mark.parametrize("text", ["čtvrtek a v pátek se o tom na radnici jednalo do večera",
                                  "Vláda a parlament se na tom dohodli v pondělí o rozpočtu"])
@pytest.mark.parametrize("page", ["cp1250", "iso8859-2"])
def test_czech_guessed_by_ascii_words_alone_still_reads_in_its_page(text, page):
    assert decode_bytes(text.encode(page)).text == text


# Central European text whose cp1252 reading has one language's letters, but where none
# writes them (session 38): Italian writes its accents only on a word's last letter
# ("città", "così"), French "à" and "ù" too ("déjà", "où"), and no listed language writes a
# grave-accented vowel before a vowel, where Czech "č" (cp1252's "è") mostly stands. These
# were read as cp1252 ("Dìti", "pokraèoval") since session 37; the page whose reading is
# one language's is read instead.
@pytest.mark.parametrize("text", ["Děti", "pravděpodobnost", "obětem tsunami.", "Průzkum agentury",
                                  "pokračoval Ammon.", "Američané peníze", "Sněmovně reprezentantů",
                                  "riječima ministra", "minimalna plača", "Hasiči", "peňazí"])
@pytest.mark.parametrize("page", ["cp1250", "iso8859-2"])
def test_central_european_text_no_western_language_writes_so_reads_in_its_page(text, page):
    data = text.encode(page)
    assert decode_bytes(data).text == text
    assert _short_reading(data) == (text, "cp1250")  # the same bytes in both pages


# the placement rules take no Western word: accents at a word's end, grave vowels before
# consonants
@pytest.mark.parametrize("text", ["città", "più", "perché così", "può", "Où", "déjà vu",
                                  "très", "problème", "À Paris", "lunedì", "època", "història"])
def test_western_words_whose_accents_stand_where_their_language_writes_them_stay_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


# Central European text whose cp1252 reading is no one language's ("vìtšina") was left to
# the detector, which reads a word or two as anything ("v鮅隘na"): the page whose reading is
# one language's, with at least as many plain letters, is read (session 38)
@pytest.mark.parametrize("text", ["většina", "zhoršit", "očekává, že"])
def test_central_european_text_whose_cp1252_reading_is_no_language_s_reads_in_its_page(text):
    assert decode_bytes(text.encode("cp1250")).text == text


# Central European text whose cp1252 reading (or other Central European page's) also has one
# language's letters where it writes them, but whose own reading holds a function word with
# a letter beyond ASCII, its language's own (session 39): Czech "při" was Danish-like "pøi",
# Romanian "că" Portuguese-like "cã", Croatian "će" Danish-like "æe", and ISO-8859-2's "že"
# cp1250's Slovak-lettered "ľe"
@pytest.mark.parametrize(("text", "page"), [
    ("při", "cp1250"), ("při", "iso8859-2"), ("că majorarea", "cp1250"), ("să fie", "cp1250"),
    ("će biti", "cp1250"), ("že o", "iso8859-2"), ("když, že", "iso8859-2"),
    ("sílu, že", "iso8859-2"), ("još", "iso8859-2"), ("što", "iso8859-2"),
])
def test_a_reading_with_its_language_s_own_function_word_is_read(text, page):
    data = text.encode(page)
    assert _short_reading(data)[0] == text
    assert decode_bytes(data).text == text


# ASCII function words are no language's own: French "crème a" is cp1250's "crčme a", and
# "a" is on Czech's list, but the cp1252 reading stays
@pytest.mark.parametrize("text", ["crème a", "problème de a", "È così", "på", "på to", "très à"])
def test_an_ascii_function_word_does_not_overrule_cp1252(text):
    assert _short_reading(text.encode("cp1252")) == (text, "cp1252")


# Short Central European words hold up to two accented letters a plain one ("tří", "září"
# has three): they were left to the detector, which read them as anything ("t齶")
@pytest.mark.parametrize("text", ["tří", "Úterý, 20. září", "tří lidé"])
@pytest.mark.parametrize("page", ["cp1250", "iso8859-2"])
def test_short_central_european_words_with_more_accents_than_plain_letters(text, page):
    assert decode_bytes(text.encode(page)).text == text


# Any run of a Latin-script language's function words with a letter beyond ASCII, in any of
# its pages that _short_reading weighs, is read as written, or left to the detector (None):
# never as another language's letters
_OWN_WORDS = [(lang.name, page, word) for lang in LANGUAGES.values()
              if lang.script == "latin" and lang.legacy
              and set(lang.legacy) <= {"cp1252", "cp1250", "iso8859-2"}
              for page in lang.legacy for word in sorted(lang.function_words)
              if not word.isascii() and _writes(word, page)]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_OWN_WORDS).flatmap(
    lambda first: st.tuples(st.just(first[1]), st.lists(st.sampled_from(
        [w for lang, page, w in _OWN_WORDS if (lang, page) == first[:2]]), min_size=1,
        max_size=3))))
@example(("cp1250", ["ő", "ő"]))  # one-letter words each counted a letter: cp1252's "õ õ"
def test_a_language_s_own_function_words_read_as_written(drawn):
    page, words = drawn
    text = " ".join(words)
    data = text.encode(page)
    try:
        assume(data.decode("utf-8") != text)  # valid UTF-8 is read so before detection
    except UnicodeDecodeError:
        pass
    assert _short_reading(data) in (None, (text, page), (text, "cp1252"), (text, "cp1250"))


# Short cp1252 text whose only characters beyond ASCII are symbols or punctuation, too short
# for guess_language: no page's reading had one language's letters, so the detector's pick
# stood (cp932 "ｱ", "｣120", "ｫ radins ｻ"; UTF-16 CJK), or ISO-8859-2 read a quotation's
# guillemets as letters ("ŤNonť"). A mark alone, or opening a quotation or sentence before
# a word that closes later, is read as cp1252 unless another page's reading holds a
# function word of a language that writes its letters.
@pytest.mark.parametrize("text", [
    "± vote the police",
    "roads market price vote » company",
    "Prices rose to £120",
    "Il a dit «Non»",
    "« radins »",
    "¡Hola, amigos!",
])
def test_short_text_whose_only_non_ascii_characters_are_symbols_reads_as_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


# ... while Central European words whose letters cp1252 reads as such marks keep their page:
# a mark touching a word with no partner is no quotation (Polish "żona" is cp1252's "¿ona",
# Slovak "mať" ISO-8859-2's "ma»"), nor is one inside a word ("poniewa¿")
@pytest.mark.parametrize("text", ["żona", "żeby", "życie", "już", "ponieważ", "mať", "dosť",
                                  "ťava", "Podľa"])
@pytest.mark.parametrize("page", ["cp1250", "iso8859-2"])
def test_central_european_letters_cp1252_reads_as_marks_keep_their_page(text, page):
    try:
        data = text.encode(page)
    except UnicodeEncodeError:
        pytest.skip(f"{page} cannot write {text!r}")
    assert decode_bytes(data).text == text


# ... and so do Polish questions whose only letter beyond ASCII is a word's first "ż": cp1252
# reads it "¿" before a lower-case letter with a "?" later, as a Spanish question would
# stand, but one of those opens a sentence (a capital after it) or follows a clause mark
# ("Pero, ¿vienes?"); since a7aff94 "Czy żona wie?" read "Czy ¿ona wie?"
@pytest.mark.parametrize("text", ["Czy żona wie?", "Czy życie ma sens?", "Kto żyje?",
                                  "żona wie?"])
@pytest.mark.parametrize("page", ["cp1250", "iso8859-2"])
def test_polish_questions_with_a_word_opening_in_z_dot_keep_their_page(text, page):
    assert decode_bytes(text.encode(page)).text == text


def test_spanish_question_after_a_clause_mark_reads_as_cp1252():
    text = "Pero, ¿vienes?"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


# Hungarian "ő" ("he", "she") is a word of one letter beyond ASCII: since 407b5ce's
# _lone_letter its Central European reading was no fit, and cp1252's Portuguese-lettered
# "õ" was taken ("Ő már elment." read "Õ már elment.")
@pytest.mark.parametrize("text", ["ő és a felesége", "Ő már elment.", "mert ő nem tudja",
                                  "de ő mondta"])
@pytest.mark.parametrize("page", ["cp1250", "iso8859-2"])
def test_hungarian_one_letter_word_keeps_its_page(text, page):
    assert decode_bytes(text.encode(page)).text == text
