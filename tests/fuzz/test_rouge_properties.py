"""Properties of ROUGE (rouge155 mode) on generated texts and generated ROUGE-1.5.5 flags.

- every score is in [0, 1];
- a summary scored against itself has recall == precision (but W, as in the Perl), 1 when it holds a content word;
- with one reference, ROUGE-N and skip-bigram recall of (peer, model) is the precision of
  (model, peer), and the F measure (at the default alpha) is the same both ways;
- the numbers equal the official ROUGE-1.5.5.pl's, on a batch of generated pairs per
  generated flag set (one Perl run an example; marked oracle and slow).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fuzz_text import QUICK
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.metrics.api import RougeScorer
from summarizer.metrics.io import wordless

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "metrics"))
import perl_oracle  # noqa: E402  (the oracle helper of tests/metrics)

# Words the Perl tokenises in different ways, plus any characters but NUL and line breaks
# (a line break is a sentence break in the SPL files both sides read).
odd = st.text(st.characters(blacklist_categories=("Cs",),
                            blacklist_characters="\x00\n\r\x85\u2028\u2029"),
              min_size=1, max_size=6)
words = st.sampled_from(perl_oracle._VOCAB[:-4]) | odd
sentence = st.lists(words, min_size=0, max_size=12).map(" ".join)
spl = st.lists(sentence, min_size=1, max_size=3)


def no_word(text: list[str]) -> bool:
    """Whether an SPL text has no word in any line: refused as a reference (io.wordless)."""
    return all(map(wordless, text))


@st.composite
def flag_sets(draw) -> str:
    """A ROUGE-1.5.5 command line's scoring flags, any valid combination."""
    flags = ["-n", str(draw(st.integers(1, 4)))]
    flags += draw(st.sampled_from([[], ["-x"]]))
    flags += draw(st.sampled_from([[], ["-2", "4", "-u"], ["-2", "-1"], ["-2", "0", "-u"],
                                   ["-2", "2"]]))
    flags += draw(st.sampled_from([[], ["-m"]])) + draw(st.sampled_from([[], ["-s"]]))
    flags += draw(st.sampled_from([[], ["-w", "1.2"]]))
    flags += draw(st.one_of(st.just([]), st.integers(1, 30).map(lambda n: ["-l", str(n)]),
                            st.integers(1, 150).map(lambda n: ["-b", str(n)])))
    flags += draw(st.sampled_from([[], ["-f", "B"], ["-p", "0.3"], ["-f", "A", "-p", "1"]]))
    return " ".join(flags)


@pytest.fixture(scope="module")
def scorer(rouge_data):
    """A scorer for flags, reading -m/-s data from ../shared/data (skips without it)."""
    return lambda flags: RougeScorer(options=flags, data_dir=str(rouge_data))


@QUICK
@given(summary=spl, references=st.lists(spl, min_size=1, max_size=3), flags=flag_sets())
def test_scores_are_fractions(scorer, summary, references, flags):
    if any(map(no_word, references)):  # every score 0 against it: refused, as the CLI does
        with pytest.raises(InputError, match="the reference summary is "):
            scorer(flags).score(summary, references)
        return
    for name, score in scorer(flags).score(summary, references).items():
        assert all(0.0 <= v <= 1.0 for v in (score.recall, score.precision, score.fmeasure)), (name, score)


@QUICK
@given(summary=spl, flags=flag_sets())
def test_a_summary_against_itself(scorer, summary, flags):
    summary = [*summary, "council"]  # a content word, not a stopword, under any -l/-b
    got = scorer(flags).score(summary, [summary])
    cut = "-l" in flags or "-b" in flags
    for name, score in got.items():
        if name.startswith("ROUGE-W") or (name == "ROUGE-L" and cut):
            continue  # as in the Perl: W weighs a sentence's run by its own length, and
            # under -l/-b L's sentence units are cut unlike its words (R 1/3, P 1/2)
        assert score.recall == score.precision, (name, score)
        if name == "ROUGE-1" and not cut:
            assert score.recall == score.fmeasure == 1.0, (name, score)


@QUICK
@given(peer=spl, model=spl, flags=flag_sets())
def test_swapping_peer_and_model_swaps_recall_and_precision(scorer, peer, model, flags):
    peer, model = (t if not no_word(t) else [*t, "council"] for t in (peer, model))
    ab, ba = scorer(flags).score(peer, [model]), scorer(flags).score(model, [peer])
    for name in ab:
        if name.startswith("ROUGE-S") or name[len("ROUGE-"):].isdigit():
            assert (ab[name].recall, ab[name].precision) == (ba[name].precision, ba[name].recall)
            if "-p" not in flags:  # F weighs R and P alike only at the default alpha
                assert ab[name].fmeasure == ba[name].fmeasure, (name, ab[name], ba[name])


@pytest.mark.oracle
@pytest.mark.slow
@settings(QUICK, max_examples=max(8, QUICK.max_examples // 5))  # one Perl run each
@given(pairs=st.lists(st.tuples(spl, st.lists(spl, min_size=1, max_size=3)),
                      min_size=1, max_size=10), flags=flag_sets())
def test_equals_the_perl(scorer, rouge_data, pairs, flags):
    reason = perl_oracle.unavailable_reason()
    if reason:
        pytest.skip(f"official ROUGE-1.5.5 not runnable here: {reason}")
    if "-w" in flags:  # the Perl divides by zero on a reference without a word for W:
        # each opens with one, a digit that is no stopword and survives -l 1 and -b 1
        pairs = [(s, [["2011 council", *r] for r in refs]) for s, refs in pairs]
    # a reference with no word is refused (ours) where the Perl scores 0: given one
    pairs = [(s, [r if not no_word(r) else ["council", *r] for r in refs]) for s, refs in pairs]
    perl = perl_oracle.run_perl(pairs, flags, data_dir=str(rouge_data))
    ours = scorer(flags)
    for (summary, refs), expected in zip(pairs, perl, strict=True):
        got = ours.score(summary, refs)
        assert set(got) == set(expected), (flags, sorted(got), sorted(expected))
        for name, rpf in expected.items():
            s = got[name]
            assert (f"{s.recall:7.5f}", f"{s.precision:7.5f}", f"{s.fmeasure:7.5f}") == rpf, (
                flags, summary, refs, name)


any_text = st.lists(words | st.sampled_from(["東京都は発表した。", "ภาษาไทย", "Ελλάδα", "نعم"]),
                    min_size=0, max_size=10).map(" ".join)


@QUICK
@given(summary=st.lists(any_text, min_size=1, max_size=3), flags=flag_sets(),
       options=st.sampled_from([{"tokenizer": "unicode"}, {"length_chars": 7},
                                {"tokenizer": "unicode", "length_chars": 12}]))
def test_unicode_tokens_and_character_limits(rouge_data, summary, flags, options):
    """The paths where this package cuts or tokenises before the exact core: a summary
    against itself still has R == P (N and S), every score a fraction."""
    from summarizer.metrics.settings import make_settings

    flags = re.sub(r"-w \S+|-[lb] \d+", "", flags)  # W is not symmetric; chars replace -l/-b
    settings = make_settings(options=flags, data_dir=str(rouge_data), **options)
    summary = summary if not no_word(summary) else [*summary, "council"]  # (as a reference)
    for name, score in RougeScorer(settings).score(summary, [summary]).items():
        assert all(0.0 <= v <= 1.0 for v in (score.recall, score.precision, score.fmeasure))
        if name.startswith("ROUGE-S") or name[len("ROUGE-"):].isdigit():
            assert score.recall == score.precision, (name, score, flags, options)
