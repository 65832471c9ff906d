"""Fitting generated text to the budget: whole, complete sentences only."""

from __future__ import annotations

import pytest

from summarizer.summarizers.abstractive.output import fit, is_complete, target_words
from summarizer.summarizers.budget import Budget

TEXT = ("Leaders met in Panama on Tuesday. They agreed to fight trafficking networks. "
        "A further meeting is planned for May. The talks ended without")


def test_incomplete_last_sentence_is_dropped():
    out = fit(TEXT, Budget(words=100))
    assert out.sentences == ["Leaders met in Panama on Tuesday.",
                             "They agreed to fight trafficking networks.",
                             "A further meeting is planned for May."]
    assert out.dropped_incomplete == 1 and not out.truncated_last
    assert all(is_complete(s) for s in out.sentences)


def test_word_budget_is_a_hard_cap_on_whole_sentences():
    out = fit(TEXT, Budget(words=12))
    assert out.sentences == ["Leaders met in Panama on Tuesday.",
                             "They agreed to fight trafficking networks."]
    assert sum(len(s.split()) for s in out.sentences) <= 12
    assert out.dropped_over_budget == 1


def test_bytes_and_sentences_budgets():
    assert len(" ".join(fit(TEXT, Budget(bytes=40)).sentences).encode()) <= 40
    assert len(fit(TEXT, Budget(sentences=1)).sentences) == 1
    assert target_words(Budget(sentences=2)) == 50


def test_truncate_fills_the_budget_and_flags_the_cut():
    out = fit(TEXT, Budget(words=9, truncate=True))
    assert sum(len(s.split()) for s in out.sentences) == 9
    assert out.truncated_last


def test_no_complete_sentence_fits_is_reported():
    out = fit("An extremely long opening sentence that goes on and on without end.", Budget(words=4))
    assert out.sentences == ["An extremely long opening"] and out.truncated_last
    assert "no complete sentence" in out.notes[0]
    assert fit("", Budget(words=4)).sentences == []


@pytest.mark.parametrize("language, text", [
    ("hindi", "भारत की राजधानी दिल्ली है। सरकार ने नई नीति की घोषणा की। किसानों ने स्वागत किया।"),
    ("chinese", "东京发生地震。首相表示正在确认情况。铁路暂停运行。"),
    ("japanese", "東京で地震があった。首相は「確認中だ」と述べた。鉄道は止まった。"),
    ("arabic", "هل انتهت الأزمة؟ قال الوزير إن المحادثات ستستمر. الجميع ينتظر."),
    ("greek", "Τι θα γίνει τώρα; Ο υπουργός μίλησε στη Βουλή. Όλοι περιμένουν."),
])
def test_sentences_ending_in_their_own_script_marks_are_complete(language, text):
    # Only ".!?…" ended a sentence: every Hindi "।" or Chinese "。" sentence was
    # taken for one cut by the token cap, dropped, and the summary fell back to
    # its first sentence "although it lacks final punctuation".
    out = fit(text, Budget(words=200), language)
    assert len(out.sentences) == 3 and out.dropped_incomplete == 0 and not out.notes
    cut = fit(text[:-1] + " और", Budget(words=200), language)  # the last one unfinished
    assert cut.dropped_incomplete == 1 and len(cut.sentences) == 2


def test_a_character_budget_asks_chinese_for_as_many_words():
    # 100 characters of Chinese are 100 words in the package's unit; read as 6
    # bytes a word they were 16, and generation stopped far short of the budget.
    assert target_words(Budget(chars=100), "chinese") == 100
    assert target_words(Budget(bytes=300), "japanese") == 100
    assert target_words(Budget(chars=120), "english") == 20  # as before
    assert target_words(Budget(words=50), "thai") == 50


def test_text_without_a_sentence_the_splitter_finds_is_still_counted_and_given():
    # a random-weight model's "````...": no span, but text; it is given with the note (as
    # before the guard's accounting change, which had made it "the model generated no text")
    out = fit("`" * 40, Budget(words=30))
    assert out.sentences == ["`" * 40] and out.generated_sentences == 1
    assert "lacks final punctuation" in out.notes[0] and out.why_empty() is None


@pytest.mark.parametrize(("text", "budget", "counts"), [
    # a fragment given cut: kept, not also counted incomplete
    ("The talks in Panama ended without an agreement and the delegates said", Budget(words=5),
     (1, 1, 0, 0)),
    # two fragments given joined: both kept
    ("The talks in Panama ended without\n- the delegates met in", Budget(words=40),
     (2, 2, 0, 0)),
    # a complete sentence over the budget given cut: kept, not also over the budget
    ("The talks in Panama ended on Monday without any agreement at all.", Budget(words=5),
     (1, 1, 0, 0)),
    # a complete sentence kept, a longer one over the budget
    ("The talks ended. The delegates met in Panama on Monday to talk.", Budget(words=3),
     (2, 1, 0, 1)),
])
def test_every_generated_sentence_is_counted_once(text, budget, counts):
    # the fallback counted its sentence as kept and as dropped (generated 1, kept 1,
    # incomplete 1)
    report = fit(text, budget).report()
    got = (report["generated_sentences"], report["kept_sentences"],
           report["dropped_incomplete"], report["dropped_over_budget"])
    assert got == counts
    assert sum(got[1:]) + report["dropped_unsupported"] == got[0]
