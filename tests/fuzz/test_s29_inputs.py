"""Bad input to this session's new paths (session 29), from the CLI and the library: each
is a typed error and, from the CLI, one line and exit 2, never a traceback (exit 70,
"internal error") or a hang.

Paths: a document's date (datetime objects, any four-digit year with a month name, ISO
times with an offset), the coverage default ``background="idf-stopwords"`` and its option
values, and the sentence-split rules added this session (dotted acronyms before a
capitalised word, dotted numbers, Arabic and Hebrew titles, glued periods).
"""

from __future__ import annotations

import datetime as dt

import pytest
from fuzz_text import QUICK, check_spans, news_text, summarize_argv
from helpers import run_cli, write_jsonl
from hypothesis import given
from hypothesis import strategies as st

from summarizer import Document, summarize
from summarizer.errors import InputError, OptionError
from summarizer.sentences.split import split_spans

NEWS = ("The council met on Monday to discuss the flood barrier. It approved the budget "
        "for the barrier after a long debate. Work starts in spring, officials said.")


# Dates: an ISO time whose offset moves it outside datetime's years in UTC
EDGE_TIMES = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"]


@pytest.mark.parametrize("value", EDGE_TIMES)
def test_time_outside_the_years_in_utc_is_an_input_error(value):
    with pytest.raises(InputError, match="outside years 1-9999"):
        Document(NEWS, date=value)
    as_datetime = dt.datetime.fromisoformat(value)  # the same, as a datetime object
    with pytest.raises(InputError, match="outside years 1-9999"):
        Document(NEWS, date=as_datetime)


@pytest.mark.parametrize("value", EDGE_TIMES)
def test_time_outside_the_years_from_the_cli(tmp_path, value):
    path = write_jsonl(tmp_path / "docs.jsonl", [{"text": NEWS, "date": value}])
    code, _, err = run_cli(["summarize", str(path), "--words", "10"])
    assert code == 2 and value in err


@QUICK
@given(when=st.datetimes(timezones=st.timezones()) | st.dates())
def test_any_date_or_datetime_is_a_date_or_an_input_error(when):
    try:
        date = Document(NEWS, date=when).date
    except InputError as exc:
        assert "outside years" in str(exc)
        return
    assert date is not None and date[:4].isdigit()


# Background: the option's values from the CLI and the library
@pytest.mark.parametrize("value", ["none", "None", "NULL", " nil"])
def test_background_spelt_none_says_null(tmp_path, value):
    code, _, err = run_cli(summarize_argv(tmp_path, NEWS, f"background={value}"))
    if value == "None":  # --option reads Python's None as JSON's null
        assert code == 0, err
    else:
        assert code == 2 and "background" in err and "for none: null" in err
    with pytest.raises(OptionError, match="None in Python"):
        summarize(NEWS, words=10, background=value)


@pytest.mark.parametrize("value", ["", "bogus", "IDF", "1", "[\"idf\"]", "{}", "true"])
def test_background_bad_values_from_the_cli(tmp_path, value):
    code, _, err = run_cli(summarize_argv(tmp_path, NEWS, f"background={value}"))
    assert code == 2 and "background" in err


@pytest.mark.parametrize("value", ["null", "idf", "stopwords", "idf-stopwords", "signature"])
def test_background_good_values_from_the_cli(tmp_path, value):
    code, out, _ = run_cli(summarize_argv(tmp_path, NEWS, f"background={value}"))
    assert code == 0 and out.split() and set(out.split()) <= set(NEWS.split())


@QUICK
@given(value=st.text(max_size=12) | st.integers() | st.none() | st.booleans())
def test_background_any_value_is_a_summary_or_an_option_error(value):
    try:
        text = summarize(NEWS, words=10, background=value).text
    except OptionError as exc:
        assert "background" in str(exc)
        assert value not in (None, "idf", "stopwords", "idf-stopwords", "signature")
        return
    assert text


# Sentence splitting: the pieces this session's rules read, in any order and language
RULE_PIECES = [
    "U.S.", "U.N.", "in the U.S. Climate change is here.", "Climate", "change", "5.5.",
    "5.9.", "איי.330.", "ג'.", "סמית", "למר.", "אחמדינג'אד", "שלב א'.", "אלה",
    "فورت.", "براج", "الجيش العريف.", "والرقيب.", "سانتوس", "राजान्यूज़.", "कौम", "एच.एम.एस.",
    "कॉम.", ".", "..", ". ", "\u05f3", "'", "\u200f", "\u0301", "A.", "ﬁ.", "İ.", "\n\n",
]
rule_text = st.lists(st.sampled_from(RULE_PIECES) | news_text, min_size=1, max_size=16).map(
    lambda parts: "".join(p if i % 3 else p + " " for i, p in enumerate(parts)))


@QUICK
@given(text=rule_text, language=st.sampled_from(["english", "arabic", "hebrew", "hindi",
                                                  "french", "czech", "greek"]))
def test_split_rules_keep_every_letter_once(text, language):
    spans = split_spans(text, language)
    check_spans(text, spans)
    kept = "".join(text[s:e] for s, e in spans)
    assert [ch for ch in kept if ch.isalnum()] == [ch for ch in text if ch.isalnum()]


# Background lists of languages whose wordfreq tokeniser is an optional module (MeCab for
# Japanese and Korean, jieba for Chinese): a word with a digit is looked up without it
CJK = {"japanese": "東京都はG20の計画を発表した。G20の予算は2005年に大きい。市民は歓迎した。",
       "chinese": "国家统计局周一公布G20数据。G20价格在2005年上涨。市民欢迎。",
       "korean": "서울시는 G20 계획을 발표했다. G20 예산은 2005년 크다. 시민들은 환영했다."}


@pytest.mark.parametrize("language", sorted(CJK))
@pytest.mark.parametrize("background", ["idf-stopwords", "idf", "signature"])
def test_words_with_digits_in_cjk_backgrounds(language, background):
    summary = summarize(CJK[language], words=10, language=language, background=background)
    assert summary.text and summary.to_dict()["settings"]["background"] == background


@pytest.mark.parametrize("language", sorted(CJK))
def test_cjk_numbers_keep_their_background_frequency(tmp_path, language):
    from summarizer.summarizers.background import background_for

    background = background_for(language)
    assert background is not None and background.idf("2005") < background.idf("g20") == 1.0
    article = tmp_path / "a.txt"
    article.write_text(CJK[language], encoding="utf-8")
    code, out, _ = run_cli(["summarize", str(article), "--language", language, "--words",
                            "10"])
    assert code == 0 and out.strip()


# The faithfulness check from the Python API: a text or texts, nothing else
@pytest.mark.parametrize(("output", "sources"), [
    (None, ["The council met."]), ("The council met.", None), (5, ["The council met."]),
    ("The council met.", [5]), (b"The council met.", ["The council met."]),
    ("The council met.", [b"The council met."]), ("The council met.", {"text": "x"})])
def test_faithfulness_check_of_no_text_is_an_input_error(output, sources):
    from summarizer.faithfulness import check

    with pytest.raises(InputError, match="must be a text or a list of texts"):
        check(output, sources, embeddings=False)


@pytest.mark.parametrize("language", ["hebrew", "arabic", "hindi"])
def test_rule_splitting_of_one_long_paragraph(language):
    """The rule splitter looked for the next word by copying the paragraph's rest at every
    period (quadratic: 800,000 characters on one line took 5 s). Here: one long line still
    splits at every period; eval/bench_linear_inputs.py shows the time growing linearly."""
    sentence = {"hebrew": "הממשלה הודיעה היום על תוכנית חדשה. ",
                "arabic": "قال الرئيس إن الحكومة ستعمل على الخطة. ",
                "hindi": "सरकार ने आज नई योजना की घोषणा की. "}[language]
    text = sentence * 1000
    spans = split_spans(text, language)
    assert len(spans) == text.count(". ") == 1000
    assert [text[s:e] for s, e in spans] == [sentence.strip()] * 1000


# The faithfulness check's context words: read from a window that grows, as from the
# whole rest of the text before
CONTEXT_PIECES = ["부산에서는", "주민들이", "6월 2일에", "有3人死亡", "as of", "since", "in",
                  "x" * 300, "é" * 200, "e\u0301", "U.S.", "5", "the", "said", " ", "\n"]
context_text = st.lists(st.sampled_from(CONTEXT_PIECES) | news_text, min_size=1,
                        max_size=30).map(" ".join)


@QUICK
@given(text=context_text, data=st.data())
def test_context_words_as_from_the_whole_text(text, data):
    from summarizer.faithfulness import checker
    from summarizer.languages import unicode_tokens

    at = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(at, len(text)))
    width = data.draw(st.integers(1, 6))
    before = [w for w in reversed(checker._words(text[:at])) if checker._context_word(w)]
    after = [w for w in checker._words(text[end:]) if checker._context_word(w)]
    stem = checker.stemmer("english")
    whole = {checker._norm_stem(w, stem)
             for w in checker._nearest(before, width) + checker._nearest(after, width)}
    assert checker.context_stems(text, at, end, width) == whole
    last_two = unicode_tokens(text[:at])[-2:]
    assert checker._near(text, at, -1, lambda w: len(w) >= 2,
                         tokens=unicode_tokens)[1::-1] == last_two


def test_faithfulness_check_of_a_long_unpunctuated_source():
    """Every number and date of a source sentence read the whole sentence's words for its
    context (quadratic: 90,000 characters without a period took 33-62 s). Here: the claim is
    still found in such a sentence; eval/bench_linear_inputs.py shows the time growing
    linearly."""
    from summarizer.faithfulness import check

    source = " ".join(f"the council spent {i} dollars on May {i % 28 + 1} 2004"
                      for i in range(200))
    assert check("The council spent 5 dollars.", [source], embeddings=False,
                 language="english").support_rate == 1.0
    assert check("The council spent 5000 dollars.", [source], embeddings=False,
                 language="english").support_rate == 0.0


def test_stem_prefix_with_the_background_default_says_the_flag(tmp_path):
    code, _, err = run_cli(summarize_argv(tmp_path, NEWS, "stem_prefix=3"))
    assert code == 2 and "--option background=null" in err
    code, out, _ = run_cli(summarize_argv(tmp_path, NEWS, "stem_prefix=3", "background=null"))
    assert code == 0 and out.strip()


spans_of = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(
    lambda p: (p[0], p[0] + p[1])), max_size=12)


@QUICK
@given(first=spans_of, later=spans_of, query=st.tuples(st.integers(0, 80), st.integers(0, 12)))
def test_skip_spans_overlap_as_any_of_them(first, later, query):
    from summarizer.faithfulness.numbers import Spans

    spans = Spans(first)
    spans.add(iter(later))
    start, end = query[0], query[0] + query[1]
    assert spans.overlaps(start, end) == any(a < end and start < b for a, b in first + later)


def test_finding_numbers_beside_many_dates():
    """Each number was tested against every date span of the text (quadratic: 736,000
    characters of dated figures took 22 s). Here: every figure is found and no part of a
    date; eval/bench_linear_inputs.py shows the time growing linearly."""
    from summarizer.faithfulness.dates import find_dates
    from summarizer.faithfulness.numbers import find_numbers

    text = " ".join(f"the council spent {i} dollars on May {i % 28 + 1} 2004"
                    for i in range(800))
    dates = [(d.start, d.end) for d in find_dates(text)]
    assert len(dates) == 800
    numbers = find_numbers(text, dates, spelled_ordinals=True)
    assert sorted(n.value for n in numbers) == list(range(800))
