"""Text strategies shared by the fuzz tests (the scripts and code points users' news holds).
Their CLI runner is tests/helpers.py's :func:`run_cli`, every test's.

A module of its own (not conftest.py), as tests/summarizers/sum_helpers.py is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from summarizer.errors import InputError, OptionError

# Modest and reproducible: the same examples every run, a few seconds a test. A campaign
# draws new ones: HYPOTHESIS_PROFILE=explore FUZZ_EXAMPLES=2000 (under flock /tmp/cpu.lock).
EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "explore"
QUICK = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None,
                 derandomize=not EXPLORE,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces chosen for what breaks offsets and counts: combining marks, right-to-left
# scripts, CJK without spaces, emoji with zero-width joiners and skin tones, CRLF,
# control characters (no NUL), non-breaking and ideographic spaces.
PIECES = [
    "The council met on Monday.", "It approved the budget!", "Prices rose 5% in May?",
    "Dr. Smith said so.", "e\u0301te\u0301 a\u0300 Paris.", "Zoë ate crème brûlée.",
    "أعلنت الحكومة خطة جديدة.", "הממשלה הודיעה היום.", "東京都は月曜日、計画を発表した。",
    "国家统计局周一公布数据。", "서울시는 발표했다.", "Правительство объявило меры.",
    "ภาษาไทย ง่าย", "नई दिल्ली में बैठक हुई।", "👩\u200d👩\u200d👧 family",
    "👍🏽 ok.", "🇫🇷 flag.", "a\u200bb\u200dc", "\r\n", "\n\n", "\t", "\u00a0", "\u3000",
    "\x0b", "\x1f", "\x7f", "\u2028", "…", "«Мы готовы!» — сказал он.", "U.S.A. won.",
    "250,000", "“Quote.”", "-", ".", " ", "WASHINGTON (AP) -- ", ", officials said.",
    "However, ", "(about $5 million)", "PARIS, Jan. 5 (Reuters) - ",
]

# Any Unicode text but NUL and lone surrogates (Document refuses those with a typed error).
free_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=120)
news_text = st.lists(st.sampled_from(PIECES) | free_text, min_size=1, max_size=14).map(
    lambda parts: " ".join(parts))


def json_values(nan: bool = False, leaves: int = 8) -> st.SearchStrategy:
    """Any JSON value: scalars (huge integers, NaN when ``nan``: json.dumps writes it), lists
    and objects, nested."""
    return st.recursive(
        st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=nan)
        | st.text(max_size=12),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                      max_size=3),
        max_leaves=leaves)


def replaced(record: object, path: tuple, new: object) -> object:
    """A copy of the JSON ``record`` with the value at ``path`` (keys and indices, outermost
    first; () is the record itself) replaced by ``new``."""
    if not path:
        return new
    copy = json.loads(json.dumps(record))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


def summarize_argv(folder: Path, text: str, *options: str, words: int = 10) -> list[str]:
    """``summarizer summarize`` of ``text`` (written to FOLDER/article.txt) in ``words`` words,
    with ``--option`` each of ``options``."""
    article = folder / "article.txt"
    article.write_text(text, encoding="utf-8")
    argv = ["summarize", str(article), "--words", str(words)]
    for option in options:
        argv += ["--option", option]
    return argv


def data_error(exc: BaseException) -> str:
    """``exc``'s type name, for ``event``, once it is the error summarizer.errors' rule gives
    for data that cannot be used: an InputError, and not an OptionError (a kind of
    InputError), where every option the test passes is valid. A SummarizerError of another
    kind (a BudgetError, an UnknownMethodError) is the wrong answer, and fails the test."""
    assert isinstance(exc, InputError) and not isinstance(exc, OptionError), repr(exc)
    return type(exc).__name__


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """split.py's contract for ``split_spans(text)``: the spans are in order, do not overlap,
    lie inside the text, carry no surrounding whitespace and hold a letter or digit; and
    every letter and digit of the text is inside one of them."""
    covered = bytearray(len(text))
    last_end = 0
    for s, e in spans:
        assert last_end <= s < e <= len(text), (spans, text)
        piece = text[s:e]
        assert piece == piece.strip() and any(ch.isalnum() for ch in piece), piece
        covered[s:e] = b"\x01" * (e - s)
        last_end = e
    lost = [ch for i, ch in enumerate(text) if ch.isalnum() and not covered[i]]
    assert not lost, (lost, spans, text)
