"""A reference with no word in it (empty, whitespace, punctuation only) given to the library:
``score_pair(summary, [""])`` scored 0 in silence, and ``rouge()``, ``score_corpus`` and
``RougeScorer`` alike, where the ``rouge`` command refuses such a file and ``evaluate`` such a
row (tests/metrics/test_rouge_api.py's test_empty_references_score_zero held the 0). One rule now (:func:`summarizer.metrics.io.wordless`), one message
(:func:`~summarizer.metrics.io.wordless_reference`), naming the pair and which reference."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from helpers import error_line, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.metrics import RougeScorer, make_settings, rouge, score_corpus, score_pair
from summarizer.metrics.io import wordless

SUMMARY = "police killed the gunman"
EMPTY = r"the reference summary is empty; scores against it would all be 0"


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
@pytest.mark.parametrize("refs, where, what", [
    ([""], "pair, reference 1 of 1", "empty"),
    (["  \n\t "], "pair, reference 1 of 1", "empty"),
    ("", "pair, its reference", "empty"),
    (["police shot the gunman", "\u200b\n"], "pair, reference 2 of 2", "empty"),
    ([["", " "]], "pair, reference 1 of 1", "empty"),
    ([[]], "pair, reference 1 of 1", "empty"),
    (["", "x y"], "pair, reference 1 of 2", "empty"),
    (["!!! ..."], "pair, reference 1 of 1", "only punctuation or symbols, not a word"),
])
def test_score_pair_refuses_a_reference_with_no_word_naming_it(mode, refs, where, what):
    with pytest.raises(InputError, match=re.escape(f"{where}: the reference summary is {what}; "
                                                   "scores against it would all be 0")):
        score_pair(SUMMARY, refs, mode=mode)


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
def test_every_entry_point_refuses_it_naming_the_pair(mode):
    good, bad = ["police shot the gunman"], ["police shot the gunman", " "]
    at = re.escape("pair 2, reference 2 of 2: ") + EMPTY
    with pytest.raises(InputError, match=at):
        rouge([SUMMARY, SUMMARY], [good, bad], mode=mode)
    with pytest.raises(InputError, match=at):
        score_corpus([(SUMMARY, good), (SUMMARY, bad)], mode=mode)
    scorer = RougeScorer(make_settings(mode))
    with pytest.raises(InputError, match=at):
        list(scorer.score_many([(SUMMARY, good), (SUMMARY, bad)]))
    with pytest.raises(InputError, match=r"cluster 'c1', reference 2 of 2: " + EMPTY):
        scorer.score_matched(SUMMARY.split(), bad, where="cluster 'c1'")
    with pytest.raises(InputError, match=r"pair, reference 2 of 2: " + EMPTY):
        scorer.score(SUMMARY, bad)


def test_the_rouge_command_still_refuses_it_on_one_line(tmp_path):
    (tmp_path / "sys.txt").write_text(SUMMARY + "\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text(" \n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt")])
    assert code == 2 and out == ""
    assert error_line(err) == (f"summarizer: error: {tmp_path / 'ref.txt'}: {EMPTY} "
                               "(remove it, or give the right one)")


_PIECES = st.lists(st.sampled_from(["", " ", "\n", "\t", "\u00a0", "\u200b", "\ufeff", "!", "...",
                                    "\u2014", "\u201c", "a", "Gunman", "7", "\u5317", "é"]),
                   max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=_PIECES, mode=st.sampled_from(["rouge155", "rouge-score"]),
       as_lines=st.booleans())
def test_the_library_refuses_exactly_what_the_command_refuses(pieces, mode, as_lines):
    """The library's reference is refused exactly where the rouge command's file of the same
    text is (``read_reference``: :func:`wordless`), and scored otherwise."""
    text = "".join(pieces)
    ref = text.split("\n") if as_lines else text
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sys.txt").write_text(SUMMARY + "\n", encoding="utf-8")
        (Path(tmp) / "ref.txt").write_text(text, encoding="utf-8")
        code, out, err = run_cli(["rouge", str(Path(tmp) / "sys.txt"), str(Path(tmp) / "ref.txt"),
                                  "--mode", mode])
    if wordless(text):
        assert code == 2 and out == "" and "the reference summary is" in err, err
        with pytest.raises(InputError, match=r"^pair, reference 1 of 1: the reference summary "
                           r"is (empty|only punctuation or symbols, not a word); "):
            score_pair(SUMMARY, [ref], mode=mode)
    else:
        assert code == 0, err
        scores = score_pair(SUMMARY, [ref], mode=mode)
        assert all(0.0 <= v <= 1.0 for s in scores.values()
                   for v in (s.recall, s.precision, s.fmeasure))
