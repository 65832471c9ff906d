"""The Unicode tokeniser: non-Latin scripts are scored, in both modes."""

from __future__ import annotations

import pytest

from summarizer.metrics import rouge, score_pair
from summarizer.metrics.unicode_tokenize import (
    UnicodeTokenizer,
    encode_for_rouge155,
    unicode_tokens,
)

HINDI = ("हिंद महासागर में 26 दिसंबर 2004 को सुनामी आई थी", "26 दिसंबर को हिंद महासागर में भूकंप आया")
ARABIC = ("ضرب زلزال قوي المحيط الهندي", "زلزال قوي في المحيط الهندي")
GREEK = ("Ο σεισμός χτύπησε τον Ινδικό Ωκεανό", "ΣΕΙΣΜΌΣ στον Ινδικό ωκεανό")
CHINESE = ("印度洋发生强烈地震", "强烈地震袭击印度洋")
# Thai: no spaces between words; a run of Thai letters was one token, so two
# sentences scored 0 unless identical.
THAI = ("แผ่นดินไหวรุนแรงในมหาสมุทรอินเดีย", "มหาสมุทรอินเดียเกิดแผ่นดินไหว")
CASES = {"hindi": HINDI, "arabic": ARABIC, "greek": GREEK, "chinese": CHINESE, "thai": THAI}


def test_tokens_keep_marks_fold_case_and_split_cjk():
    assert unicode_tokens("हिंद महासागर") == ["हिंद", "महासागर"]  # vowel signs stay inside words
    assert unicode_tokens("ΣΕΙΣΜΌΣ Straße ﬁne") == ["σεισμόσ", "strasse", "fine"]
    assert unicode_tokens("印度洋 abc_def 3.5") == ["印", "度", "洋", "abc", "def", "3", "5"]


def test_a_capital_dotted_i_folds_to_the_small_i():
    # full case folding makes "İ" an "i" with a combining dot: Turkish "İki" (two, opening a
    # sentence) and "İstanbul" matched no "iki", "istanbul" (nor "ISTANBUL")
    assert unicode_tokens("İki İSTANBUL İstanbul'da") == unicode_tokens("iki ISTANBUL istanbul'da")
    assert unicode_tokens("İki") == ["iki"]
    r1 = score_pair("İki kişi öldü", "iki kişi öldü", metrics=["ROUGE-1"], tokenizer="unicode")
    assert r1["ROUGE-1"].recall == 1.0


def test_stemming_applies_to_english_words_only():
    tok = UnicodeTokenizer(use_stemmer=True)
    assert tok.tokenize("Running cats हिंदी") == ["run", "cat", "हिंदी"]


def test_rouge155_encoding_keeps_ascii_words_and_equal_tokens_equal():
    summ, refs = encode_for_rouge155("हिंद cats 42 हिंद", ["42 हिंद dogs"])
    assert summ == "0 cats 1 0" and refs == ["1 0 dogs"]
    # a real number can never collide with an id
    summ, refs = encode_for_rouge155("0 1", ["हिंद 0"])
    assert summ.split()[0] == refs[0].split()[1] and summ.split()[0] != refs[0].split()[0]


@pytest.mark.parametrize("lang", sorted(CASES))
def test_rouge_score_mode_scores_non_latin_text(lang):
    pred, ref = CASES[lang]
    default = score_pair(pred, ref, mode="rouge-score", metrics=["rouge1"])["rouge1"]
    uni = score_pair(pred, ref, mode="rouge-score", metrics=["rouge1"], tokenizer="unicode")["rouge1"]
    assert uni.fmeasure > 0.3
    if lang != "hindi":  # the Hindi example has digits, which the default keeps
        assert default.fmeasure == 0.0


@pytest.mark.parametrize("lang", sorted(CASES))
def test_rouge155_mode_scores_non_latin_text(lang):
    pred, ref = CASES[lang]
    uni = score_pair(pred, ref, metrics=["ROUGE-1", "ROUGE-2"], tokenizer="unicode")
    assert uni["ROUGE-1"].fmeasure > 0.3
    # same tokens, same counts: ROUGE-1 agrees with rouge-score mode's unigram F
    rs = score_pair(pred, ref, mode="rouge-score", metrics=["rouge1"], tokenizer="unicode")["rouge1"]
    assert uni["ROUGE-1"].recall == pytest.approx(rs.recall, abs=5e-6)


def test_hindi_report_is_above_zero_and_signed_as_unicode():
    report = rouge([HINDI[0]], [HINDI[1]], mode="rouge-score", tokenizer="unicode", resamples=20)
    assert report.aggregate["rouge1"].fmeasure.mean > 0
    assert "tok:unicode" in report.signature


def test_unicode_truncation_counts_words_before_tokenising():
    """-l cuts summary and references (as ROUGE-1.5.5 does) before tokenising."""
    long_pred = "26 दिसंबर को " + " ".join(["सुनामी"] * 50)
    full = score_pair(long_pred, HINDI[1], metrics=["ROUGE-1"], tokenizer="unicode")
    cut = score_pair(long_pred, HINDI[1], metrics=["ROUGE-1"], tokenizer="unicode", length_words=3)
    assert full["ROUGE-1"].precision < 0.1
    assert cut["ROUGE-1"].precision == pytest.approx(1.0)
    assert cut["ROUGE-1"].recall == pytest.approx(1.0)


@pytest.mark.parametrize("mark", ["\u00ad", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a",
                                  "\u202c", "\u2066", "\u2069"])
def test_a_layout_mark_inside_a_word_is_no_token_break(mark):
    # cleaning drops these marks from the summaries, not from references: a soft hyphen in
    # "Bundes\u00adregierung" made two tokens of a reference's word
    plain = "Die Bundesregierung hat die Versicherung erhöht."
    marked = f"Die Bundes{mark}regierung hat die Ver{mark}sicherung erhöht."
    assert unicode_tokens(marked) == unicode_tokens(plain)
    scores = score_pair(plain, marked, metrics=["ROUGE-1", "ROUGE-2"], tokenizer="unicode")
    assert scores["ROUGE-1"].recall == scores["ROUGE-2"].recall == 1.0


def test_a_zero_width_space_still_parts_words():
    assert unicode_tokens("Straße\u200bcafé") == ["strasse", "café"]
