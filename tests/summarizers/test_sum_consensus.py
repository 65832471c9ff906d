"""``consensus`` of ``coverage`` (issue 12; off by default): select with the settings and
with each tuned weight scaled down and up, keep the selection the others agree with most.
The members, the agreement by hand, the choice on a real cluster, errors, the default."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sum_helpers import make_cluster

from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.consensus import SCALED, agreement, central, grams, members


def test_members_scale_one_weight_at_a_time():
    own = {"lead_weight": 1.0, "semantic_weight": 1.0, "diversity_weight": 16.0,
           "position_decay": 1.0, "length_power": 0.5, "alpha": 0.3}
    got = members(own, 2.0)
    assert got[0] == ("own", {})
    assert len(got) == 1 + 2 * len(SCALED)
    assert ("diversity_weight/2", {"diversity_weight": 8.0}) in got
    assert ("alpha*2", {"alpha": 0.6}) in got
    assert all(len(moved) == 1 for _, moved in got[1:])
    # a weight of 0 has no neighbours; alpha stops at 1, and a move that stays put is none
    few = members({**own, "lead_weight": 0.0, "alpha": 0.8}, 2.0)
    labels = [label for label, _ in few]
    assert not any(label.startswith("lead_weight") for label in labels)
    assert ("alpha*2", {"alpha": 1.0}) in few and "alpha/2" in labels
    assert "alpha*2" not in [label for label, _ in members({**own, "alpha": 1.0}, 2.0)]


def test_agreement_by_hand():
    a = grams([["a", "b", "c"], ["d", "e"]], "bigrams")
    assert a == Counter({("a", "b"): 1, ("b", "c"): 1, ("d", "e"): 1})  # not across sentences
    b = grams([["a", "b", "x"]], "bigrams")
    assert agreement(a, b) == pytest.approx(2 * 1 / (3 + 2))
    w = grams([["a", "a", "b"]], "words")
    assert agreement(w, grams([["a", "c"]], "words")) == pytest.approx(2 * 1 / (3 + 2))
    assert agreement(Counter(), Counter()) == 0.0


def test_central_picks_the_selection_the_others_agree_with():
    x, y, z = (Counter({("a", "b"): 1}), Counter({("c", "d"): 1}),
               Counter({("a", "b"): 1, ("c", "d"): 1}))
    assert central([x, y, z]) == 2  # z shares with both
    assert central([x, y]) == 0  # a tie goes to the first: the own settings
    assert central([y, x, x]) == 1


@given(st.lists(st.lists(st.sampled_from("abcd"), max_size=6), min_size=1, max_size=6))
def test_central_is_an_argmax(selections):
    sels = [grams([s], "words") for s in selections]
    k = central(sels)

    def score(i):
        return sum(agreement(sels[i], b) for j, b in enumerate(sels) if j != i)

    assert all(score(k) >= score(i) - 1e-9 for i in range(len(sels)))
    assert all(score(k) > score(i) + 1e-12 for i in range(k))  # earlier ones lose strictly


@pytest.mark.parametrize(("words", "factor"), [(60, 2.0), (100, 4.0)])
def test_the_kept_selection_is_a_members_own(words, factor):
    # the summary is exactly what the kept member's settings give alone; at 100 words and
    # factor 4 the cluster's kept member is a neighbour (position_decay / 4), not the own
    cluster = make_cluster()
    budget = Budget(words=words)
    got = get_summarizer("coverage", consensus=factor).summarize(cluster, budget)
    assert got.settings["consensus_members"] == 1 + 2 * len(SCALED)
    assert got.settings["consensus"] == factor and got.settings["consensus_overlap"] == "bigrams"
    own = {k: v for k, v in get_summarizer("coverage").settings().items() if k in SCALED}
    moved = dict(members(own, factor))[got.settings["consensus_chosen"]]
    assert (moved != {}) == (words == 100)
    alone = get_summarizer("coverage", **moved).summarize(cluster, budget)
    assert [s.text for s in got.sentences] == [s.text for s in alone.sentences]


def test_off_is_the_default():
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", consensus=None).summarize(cluster, Budget(words=60))
    assert off.text == before.text
    assert "consensus" not in off.settings and "consensus_chosen" not in off.settings


@pytest.mark.parametrize("value", [1, 1.0, 0.5, 11, -2, "2", True])
def test_bad_factors_are_refused(value):
    with pytest.raises(OptionError, match="consensus"):
        get_summarizer("coverage", consensus=value)


def test_overlap_needs_consensus_and_a_known_unit():
    with pytest.raises(OptionError, match="consensus_overlap is for consensus"):
        get_summarizer("coverage", consensus_overlap="words")
    with pytest.raises(OptionError, match="consensus_overlap"):
        get_summarizer("coverage", consensus=2.0, consensus_overlap="trigrams")
