"""The summarisers' word tokens keep combining marks: Indic words stay whole."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from summarizer import languages
from summarizer.documents.model import Cluster, Document
from summarizer.faithfulness.checker import content_stems
from summarizer.languages import count_words, unicode_tokens
from summarizer.metrics.unicode_tokenize import UnicodeTokenizer
from summarizer.summarizers.candidates import prepare, unsuitable_sentence

# "The Prime Minister of India said that the government ..."
HINDI = "भारत के प्रधानमंत्री ने कहा कि सरकार"


def test_hindi_words_are_not_broken_at_vowel_signs():
    # A run of \w alone gave 'भ', 'रत', 'क', 'प', 'रध', ...: vowel signs and the
    # virama are combining marks, not letters.
    assert unicode_tokens(HINDI) == HINDI.split()


def test_the_summarisers_and_rouge_cut_words_alike():
    text = "Le président a dit: भारत के 東京タワー 2024 e\u0301te\u0301 ΤΗΣ Straße"
    tokens = [t for ts in prepare(Cluster(documents=[Document(text=text, id="d")])).tokens
              for t in ts]
    assert tokens == UnicodeTokenizer().tokenize(text)
    assert "été" in tokens and "τησ" in tokens  # composed, folded as ROUGE folds


# Words of Devanagari letters and marks (U+0900-U+097F), or Latin, joined by spaces.
_DEVANAGARI = st.characters(min_codepoint=0x0905, max_codepoint=0x094D,
                            categories=("Lo", "Mn", "Mc"))
_WORD = st.one_of(st.text(_DEVANAGARI, min_size=1, max_size=8).filter(lambda w: w[0].isalpha()),
                  st.text(st.characters(min_codepoint=0x61, max_codepoint=0x7A), min_size=1))


@given(st.lists(_WORD, min_size=1, max_size=12))
def test_a_word_of_letters_and_marks_is_one_token(words):
    # (composed as NFKC composes them: "ळ" + nukta is "ऴ")
    assert unicode_tokens(" ".join(words)) == [unicodedata.normalize("NFKC", w) for w in words]


def test_a_short_hindi_sentence_is_short():
    # Four words; counted as fragments they were nine, and the sentence passed as
    # long enough for a summary (5 words at least).
    four = "प्रधानमंत्री ने इस्तीफ़ा दिया।"
    assert unsuitable_sentence(four, unicode_tokens(four), min_words=5)
    five = "प्रधानमंत्री ने आज इस्तीफ़ा दिया।"
    assert not unsuitable_sentence(five, unicode_tokens(five), min_words=5)


def test_pool_tokens_of_a_hindi_cluster_are_its_words():
    docs = [Document(text=f"{HINDI} और यह बात सबने सुनी।", id=f"d{k}") for k in range(2)]
    pool = prepare(Cluster(documents=docs, id="hi", language="hindi"))
    assert pool.tokens[0] == f"{HINDI} और यह बात सबने सुनी".split()


def test_faithfulness_words_of_hindi_are_whole():
    assert content_stems(HINDI) == set(HINDI.split())


# Persian letters (U+0621-U+064A), with a joiner (ZWNJ/ZWJ) somewhere inside.
_PERSIAN = st.text(st.characters(min_codepoint=0x0628, max_codepoint=0x064A, categories=("Lo",)),
                   min_size=2, max_size=7)


@given(st.lists(st.tuples(_PERSIAN, st.integers(1, 6), st.sampled_from(["\u200c", "\u200d"])),
                min_size=1, max_size=8))
def test_a_joiner_inside_a_word_does_not_split_it(parts):
    # "می\u200cگوید" ("says") was two tokens, "می" and "گوید": the prefix می
    # became one of the commonest "words" of any Persian text.
    words = [w for w, _, _ in parts]
    joined = [w[:min(k, len(w) - 1)] + j + w[min(k, len(w) - 1):] for w, k, j in parts]
    assert unicode_tokens(" ".join(joined)) == words
    assert UnicodeTokenizer().tokenize(" ".join(joined)) == words


def test_joined_spellings_are_one_word():
    ref = "رئیس\u200cجمهور می\u200cگوید"  # "the president says", with ZWNJ
    hyp = "رئیسجمهور میگوید"  # the same, typed without
    assert unicode_tokens(ref) == unicode_tokens(hyp) == hyp.split()
    assert unicode_tokens("ශ්\u200dරී ලංකාව") == ["ශ්රී", "ලංකාව"]  # Sinhala "Sri"


# A Thai letter (U+0E01-U+0E2E) with up to two of its marks (not SARA AM, which
# NFKC decomposes into two characters).
_THAI_CLUSTER = st.tuples(
    st.characters(min_codepoint=0x0E01, max_codepoint=0x0E2E),
    st.text(st.sampled_from("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e48\u0e49\u0e4a\u0e4b"),
            max_size=2)).map("".join)


@given(st.lists(st.lists(_THAI_CLUSTER, min_size=1, max_size=10).map("".join),
                min_size=1, max_size=6))
def test_thai_tokens_are_its_words_as_budgets_count_them(clauses):
    # A run of Thai letters was one token: a whole clause, so summaries and
    # ROUGE compared clauses. Each letter with its marks is now a token, the
    # "word" that budgets count for scripts written without spaces.
    text = " ".join(clauses)
    tokens = unicode_tokens(text)
    assert len(tokens) == count_words(text)
    assert "".join(tokens) == unicodedata.normalize("NFKC", text).replace(" ", "")


def test_hebrew_acronyms_are_one_word():
    # ארה"ב (USA) was "ארה" and "ב", האו"ם (the UN) "האו" and "ם": TAC's Hebrew
    # writes 200 such words, each broken into a fragment and a single letter.
    text = 'נציג ארה"ב באו״ם אמר ע"י הדו"ח כי "השיחות" נכשלו'
    assert unicode_tokens(text) == ["נציג", "ארהב", "באום", "אמר", "עי", "הדוח", "כי",
                                    "השיחות", "נכשלו"]
    # the quote and the gershayim spell one word
    assert unicode_tokens('ארה"ב') == unicode_tokens("ארה״ב") == ["ארהב"]
    assert unicode_tokens("צ'ק") == unicode_tokens("צ׳ק") == ["צק"]  # geresh: "cheque"
    assert unicode_tokens("don't") == ["don", "t"]  # Latin apostrophes as before


@given(st.lists(st.tuples(_PERSIAN, st.integers(1, 6)), min_size=1, max_size=8))
def test_a_kashida_does_not_change_a_word(parts):
    # Arabic text justified with tatweel ("العـربـيـة") gave other tokens than the
    # same words without it ("العربية"): no match in ROUGE or in the features.
    words = [w for w, _ in parts]
    stretched = [w[:min(k, len(w) - 1)] + "\u0640" * k + w[min(k, len(w) - 1):] for w, k in parts]
    assert unicode_tokens(" ".join(stretched + ["\u0640\u0640\u0640"])) == words


def _by_the_full_pattern(text: str) -> list[str]:
    """Tokens by :func:`token_pattern` alone, with no shortcut for plain text."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = text.replace("i\u0307", "i")  # the one rule beside the pattern: "İ" is "i"
    tokens = languages.token_pattern().findall(text)
    return [t for t in (t.translate(languages._IN_WORD) for t in tokens) if t]


# Latin, Greek, Cyrillic, Arabic (with harakat and tatweel), Hebrew, Devanagari, Thai,
# CJK, marks, joiners, quotes, digits and punctuation, mixed in one text.
_MIXED = st.text(st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F),
    st.characters(min_codepoint=0x370, max_codepoint=0x6FF),
    st.characters(min_codepoint=0x900, max_codepoint=0x97F),
    st.characters(min_codepoint=0xE00, max_codepoint=0xE5B),
    st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40),
    st.sampled_from(list("\u200c\u200d\u0640\u05f3\u05f4'\" .,-")),
), max_size=40)


@given(_MIXED)
@example("İki İ")  # hypothesis found it: the reference lacked the dotted-I rule
def test_the_plain_text_shortcut_gives_the_full_patterns_tokens(text):
    # Text with no mark, joiner, tatweel, Hebrew, CJK or Thai-like letter skips the full
    # pattern (twice as fast); the tokens must be the same either way.
    assert unicode_tokens(text) == _by_the_full_pattern(text)
