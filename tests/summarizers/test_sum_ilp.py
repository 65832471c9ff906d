"""The exact concept-coverage ILP: optimal on small cases, within budget, honest fallback."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import make_cluster

from summarizer.errors import InputError, OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.ilp import coverage_value, greedy_coverage, solve_coverage


def brute_force(items, weights, costs, limit, bonus):
    best = 0.0
    for r in range(len(items) + 1):
        for sub in itertools.combinations(range(len(items)), r):
            if sum(costs[j] for j in sub) <= limit:
                best = max(best, coverage_value(sub, items, weights) + sum(bonus[j] for j in sub))
    return best


@st.composite
def instances(draw):
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 8))
    items = [np.array(sorted(draw(st.sets(st.integers(0, m - 1), max_size=4))), dtype=int)
             for _ in range(n)]
    weights = np.array(draw(st.lists(st.integers(1, 9), min_size=m, max_size=m)), dtype=float)
    costs = np.array(draw(st.lists(st.integers(1, 12), min_size=n, max_size=n)), dtype=float)
    bonus = np.array(draw(st.lists(st.sampled_from([0.0, 0.0, 0.5, 1.5]), min_size=n,
                                   max_size=n)))
    limit = float(draw(st.integers(0, 30)))
    return items, weights, costs, limit, bonus


@settings(max_examples=60, deadline=None)
@given(instances())
def test_ilp_is_optimal_and_within_budget(inst):
    items, weights, costs, limit, bonus = inst
    sol = solve_coverage(items, weights, costs, limit, time_limit=10, bonus=bonus)
    assert sol.solver == "ilp (HiGHS, optimal)"
    assert costs[sol.chosen].sum() <= limit
    assert sol.value == pytest.approx(brute_force(items, weights, costs, limit, bonus))
    # the greedy solution is feasible and never better than the optimum
    g = greedy_coverage(items, weights, costs, limit, bonus)
    assert costs[g].sum() <= limit
    assert coverage_value(g, items, weights) + bonus[g].sum() <= sol.value + 1e-9


def brute_force_two(items, weights, costs, limit, chars, char_limit):
    best = 0.0
    for r in range(len(items) + 1):
        for sub in itertools.combinations(range(len(items)), r):
            if sum(costs[j] for j in sub) <= limit and sum(chars[j] for j in sub) <= char_limit:
                best = max(best, coverage_value(sub, items, weights))
    return best


@settings(max_examples=40, deadline=None)
@given(instances(), st.data())
def test_ilp_is_optimal_under_a_second_bound_and_greedy_keeps_it(inst, data):
    # the character bound is a second row of the program, not a trim after it
    items, weights, costs, limit, _ = inst
    n = len(items)
    chars = np.array(data.draw(st.lists(st.integers(0, 20), min_size=n, max_size=n)), dtype=float)
    char_limit = float(data.draw(st.integers(0, 40)))
    sol = solve_coverage(items, weights, costs, limit, time_limit=10, chars=chars,
                         char_limit=char_limit)
    assert sol.solver == "ilp (HiGHS, optimal)"
    assert costs[sol.chosen].sum() <= limit and chars[sol.chosen].sum() <= char_limit
    assert sol.value == pytest.approx(brute_force_two(items, weights, costs, limit, chars,
                                                      char_limit))
    g = greedy_coverage(items, weights, costs, limit, chars=chars, char_limit=char_limit)
    assert costs[g].sum() <= limit and chars[g].sum() <= char_limit


def test_a_solve_under_both_bounds_beats_trimming_the_one_bound_optimum():
    # sentences=3 takes all three; at most 150 characters: trimming to the best-scored
    # keeps item 0 alone (7), the pair {1, 2} holds more (10)
    items = [np.arange(0, 7), np.arange(7, 12), np.arange(12, 17)]
    weights, costs = np.ones(17), np.ones(3)
    chars = np.array([135.0, 46.0, 48.0])
    assert solve_coverage(items, weights, costs, 3).chosen == [0, 1, 2]
    sol = solve_coverage(items, weights, costs, 3, chars=chars, char_limit=150)
    assert sol.chosen == [1, 2] and sol.value == 10.0
    # the greedy ratio weighs the binding share: item 0 (2.7 of the 3 sentences' share of
    # 150 characters) ranks below the other two (5 a sentence), so not it alone (7)
    assert greedy_coverage(items, weights, costs, 3, chars=chars, char_limit=150) == [1, 2]
    # and the same under a words budget: 10 words each, 150 characters
    assert greedy_coverage(items, weights, costs * 10, 30, chars=chars, char_limit=150) == [1, 2]


@settings(max_examples=60, deadline=None)
@given(instances(), st.data())
def test_greedy_ranks_as_before_where_the_second_bound_cannot_bind(inst, data):
    # the items together within char_limit: the one-unit ratio, and so the same choice
    items, weights, costs, limit, bonus = inst
    n = len(items)
    chars = np.array(data.draw(st.lists(st.integers(0, 20), min_size=n, max_size=n)), dtype=float)
    char_limit = float(chars.sum() + data.draw(st.integers(0, 5)))
    assert (greedy_coverage(items, weights, costs, limit, bonus, chars, char_limit)
            == greedy_coverage(items, weights, costs, limit, bonus))


def test_ilp_beats_greedy_where_greedy_is_myopic():
    # item 0 has the best ratio but blocks the pair {1, 2} that covers more
    items = [np.array([0, 1]), np.array([0, 2]), np.array([1, 3])]
    weights = np.array([5.0, 5.0, 4.0, 4.0])
    costs = np.array([2.0, 3.0, 3.0])
    sol = solve_coverage(items, weights, costs, limit=6)
    assert sorted(sol.chosen) == [1, 2] and sol.value == 18.0
    assert coverage_value(greedy_coverage(items, weights, costs, 6), items, weights) < 18.0


def test_fallback_to_greedy_is_reported(monkeypatch):
    import scipy.optimize

    class Stopped:
        status, x, message = 1, None, "Time limit reached"

    monkeypatch.setattr(scipy.optimize, "milp", lambda *a, **k: Stopped())
    items = [np.array([0]), np.array([1])]
    sol = solve_coverage(items, np.array([1.0, 2.0]), np.array([1.0, 1.0]), 1, time_limit=0.01)
    assert sol.solver == ("greedy (ILP stopped: time limit, a wall clock: another load may "
                          "choose otherwise)")
    assert sol.chosen == [1]


@pytest.mark.parametrize("budget", [Budget(words=40), Budget(words=33, truncate=True),
                                    Budget(bytes=200), Budget(sentences=2)])
def test_summarizer_respects_budget_and_reports_solver(budget):
    s = get_summarizer("ilp", min_df=2).summarize(make_cluster(), budget)
    assert budget.fits([x.text for x in s.sentences])
    assert s.settings["solver"] == "ilp (HiGHS, optimal)"
    assert s.settings["ilp_candidates"] >= 1 and s.sentences
    if budget.truncate:
        assert budget.size([x.text for x in s.sentences]) == budget.limit
    for x in s.sentences:  # provenance: the text is the source span
        doc = next(d for d in make_cluster().documents if d.id == x.doc_id)
        assert doc.text[x.start:x.end] == x.text


def test_greedy_solver_on_request_and_bad_options():
    s = get_summarizer("ilp", min_df=2, solver="greedy").summarize(make_cluster(), Budget(words=40))
    assert s.settings["solver"] == "greedy (requested)"
    with pytest.raises(InputError):
        get_summarizer("ilp", solver="cplex")
    with pytest.raises(InputError):
        get_summarizer("ilp", stem_prefix=0)


def test_problem_size_is_capped():
    s = get_summarizer("ilp", min_df=2, max_candidates=3, max_concepts=4).summarize(
        make_cluster(), Budget(words=60))
    assert s.settings["ilp_candidates"] <= 3 and s.settings["ilp_concepts"] <= 4
    assert s.settings["solver"] == "ilp (HiGHS, optimal)" and s.sentences


def brute_force_apart(items, weights, costs, limit, bonus, exclude):
    best = 0.0
    for r in range(len(items) + 1):
        for sub in itertools.combinations(range(len(items)), r):
            if sum(costs[j] for j in sub) <= limit and not any(
                    a in sub and b in sub for a, b in exclude):
                best = max(best, coverage_value(sub, items, weights) + sum(bonus[j] for j in sub))
    return best


@settings(max_examples=60, deadline=None)
@given(instances(), st.data())
def test_ilp_is_optimal_with_pairs_kept_apart_and_greedy_keeps_them_apart(inst, data):
    # the near-duplicate rule as rows s_a + s_b <= 1: the optimum over the subsets that
    # hold no excluded pair, as brute force finds it
    items, weights, costs, limit, bonus = inst
    pairs = list(itertools.combinations(range(len(items)), 2))
    exclude = data.draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    sol = solve_coverage(items, weights, costs, limit, time_limit=10, bonus=bonus,
                         exclude=exclude)
    assert sol.solver == "ilp (HiGHS, optimal)"
    assert costs[sol.chosen].sum() <= limit
    assert not any(a in sol.chosen and b in sol.chosen for a, b in exclude)
    assert sol.value == pytest.approx(brute_force_apart(items, weights, costs, limit, bonus,
                                                        exclude))
    g = greedy_coverage(items, weights, costs, limit, bonus, exclude=exclude)
    assert costs[g].sum() <= limit
    assert not any(a in g and b in g for a, b in exclude)


def test_pairs_kept_apart_change_the_optimum():
    # items 0 and 1 together cover the most; kept apart, the best is 0 with 2
    items = [np.array([0, 1]), np.array([2, 3]), np.array([4])]
    weights = np.array([3.0, 3.0, 3.0, 3.0, 1.0])
    costs = np.ones(3)
    assert sorted(solve_coverage(items, weights, costs, 2).chosen) == [0, 1]
    sol = solve_coverage(items, weights, costs, 2, exclude=[(0, 1)])
    assert sorted(sol.chosen) == [0, 2] and sol.value == 7.0
    assert greedy_coverage(items, weights, costs, 2) == [0, 1]
    assert greedy_coverage(items, weights, costs, 2, exclude=[(0, 1)]) == [0, 2]


def test_fallback_keeps_pairs_apart_and_is_reported(monkeypatch):
    import scipy.optimize

    class Stopped:
        status, x, message = 1, None, "Time limit reached"

    monkeypatch.setattr(scipy.optimize, "milp", lambda *a, **k: Stopped())
    items = [np.array([0]), np.array([1]), np.array([2])]
    weights, costs = np.array([1.0, 3.0, 2.0]), np.ones(3)
    sol = solve_coverage(items, weights, costs, 2, time_limit=0.01, exclude=[(1, 2)])
    assert sol.solver == ("greedy (ILP stopped: time limit, a wall clock: another load may "
                          "choose otherwise)")
    assert sorted(sol.chosen) == [0, 1]


GOVERNOR = "The regional governor declared"  # in documents a and b, cosine 0.84 apart


@pytest.mark.parametrize("solver", ["ilp", "greedy"])
def test_summarizer_keeps_near_duplicates_apart(solver):
    # each governor sentence adds a concept of its own, so with the rule off (a threshold
    # above 1) both are taken; dup_lexical, recorded in the settings, keeps one of them
    budget = Budget(words=120)
    off = get_summarizer("ilp", min_df=2, representation="tfidf", solver=solver,
                         dup_lexical=1.1).summarize(make_cluster(), budget)
    assert sum(x.text.startswith(GOVERNOR) for x in off.sentences) == 2
    s = get_summarizer("ilp", min_df=2, representation="tfidf",
                       solver=solver).summarize(make_cluster(), budget)
    assert sum(x.text.startswith(GOVERNOR) for x in s.sentences) == 1
    assert s.settings["near_duplicate_lexical"] == 0.5
    assert s.settings["ilp_near_duplicate_pairs"] >= 1
    assert off.settings["ilp_near_duplicate_pairs"] == 0
    assert s.settings["solver"] == ("ilp (HiGHS, optimal)" if solver == "ilp"
                                    else "greedy (requested)")


def todd(n):
    """Todd's knapsack, hard for branch and bound: item j costs and weighs
    2^(k+n+1) + 2^(k+j) + 1 (k = floor(log2 n)), the limit half their sum; at n=14 HiGHS
    explores hundreds of nodes, not one as on TAC 2011's programs."""
    k = int(np.floor(np.log2(n)))
    a = np.array([2.0 ** (k + n + 1) + 2.0 ** (k + j) + 1 for j in range(1, n + 1)])
    return [np.array([j]) for j in range(n)], a.copy(), a, float(np.floor(a.sum() / 2))


def test_a_node_limit_that_binds_gives_the_same_result_whatever_the_clock():
    # the node limit counts work, not seconds: stopped by it, the solver's record and the
    # choice are the same under any time limit, run after run; the wall clock was the
    # only limit before, and a summary could change with the machine's load
    items, weights, costs, limit = todd(14)
    runs = {(sol.solver, tuple(sol.chosen), sol.value)
            for t in (1000.0, 30.0, 1000.0, 60.0)
            for sol in [solve_coverage(items, weights, costs, limit, time_limit=t,
                                       node_limit=5)]}
    assert len(runs) == 1, runs
    (solver, chosen, value), = runs
    assert solver in ("ilp (HiGHS, best found before node limit)",
                      "greedy (ILP stopped: node limit)")
    assert costs[list(chosen)].sum() <= limit
    best = solve_coverage(items, weights, costs, limit, time_limit=1000.0, node_limit=10**5)
    assert best.solver == "ilp (HiGHS, optimal)" and best.value >= value


def test_the_summarizer_gives_the_solver_both_limits(monkeypatch):
    import scipy.optimize

    from summarizer.summarizers.ilp import NODE_LIMIT, TIME_LIMIT

    seen = []
    real = scipy.optimize.milp

    def spy(*a, **k):
        seen.append(dict(k["options"]))
        return real(*a, **k)

    monkeypatch.setattr(scipy.optimize, "milp", spy)
    s = get_summarizer("ilp", min_df=2).summarize(make_cluster(), Budget(words=40))
    assert seen[-1]["node_limit"] == NODE_LIMIT and seen[-1]["time_limit"] == TIME_LIMIT
    assert s.settings["node_limit"] == NODE_LIMIT and s.settings["time_limit"] == TIME_LIMIT
    get_summarizer("ilp", min_df=2, node_limit=7).summarize(make_cluster(), Budget(words=40))
    assert seen[-1]["node_limit"] == 7


@pytest.mark.parametrize("value", [0, -1, 10**8])
def test_a_node_limit_out_of_range_is_refused(value):
    with pytest.raises(OptionError, match="node_limit must be a whole number from 1 to "
                                          "10,000,000"):
        get_summarizer("ilp", node_limit=value)


@pytest.mark.parametrize("value", [1.5, True, "many"])
def test_a_node_limit_not_a_whole_number_is_refused(value):
    with pytest.raises(OptionError, match="node_limit"):
        get_summarizer("ilp", node_limit=value)


def test_a_node_limit_with_the_greedy_solver_is_refused():
    with pytest.raises(OptionError, match="node_limit=50 bounds the ILP solver"):
        get_summarizer("ilp", solver="greedy", node_limit=50)
    get_summarizer("ilp", node_limit=50)


def test_max_candidates_is_bounded_in_the_library_and_the_cli():
    # every pair of candidates is asked about the near-duplicate rule and each such pair
    # is a row of the program: 10**6 candidates of a long text held memory without bound
    from helpers import error_line, run_cli

    from summarizer.summarizers.ilp import MAX_CANDIDATES

    with pytest.raises(OptionError, match="give max_candidates at most 1,000"):
        get_summarizer("ilp", max_candidates=10**6)
    get_summarizer("ilp", max_candidates=MAX_CANDIDATES)  # the bound itself is taken
    code, out, err = run_cli(["summarize", "seeds/", "--method", "ilp", "--option",
                              "max_candidates=1000000"])
    assert code == 2 and out == "", err
    line = error_line(err)
    assert "max_candidates=1,000,000" in line and "at most 1,000" in line
    assert "Traceback" not in err


@pytest.mark.parametrize("solver", ["ilp", "greedy"])
def test_the_settings_have_the_same_keys_whether_or_not_a_concept_recurs(solver):
    # the lead fallback (no concept recurs) left out ilp_near_duplicate_pairs: a report's
    # or a table's column of it was there for some clusters only
    from summarizer.documents import Cluster, Document

    apart = Cluster(id="apart", documents=[
        Document(id="a", text="Heavy rain flooded the northern valley on Monday morning. "
                              "Rescue teams searched the farms near the river bank."),
        Document(id="b", text="Shares of the carmaker climbed sharply after strong quarterly "
                              "results. Investors welcomed its new electric model.")])
    system = get_summarizer("ilp", solver=solver)
    lead = system.summarize(apart, Budget(words=30))
    usual = system.summarize(make_cluster(), Budget(words=30))
    assert lead.settings["solver"] == "lead (no concept recurs)"
    assert usual.settings["solver"] != lead.settings["solver"] and usual.sentences
    assert set(lead.settings) == set(usual.settings)
    assert lead.settings["ilp_near_duplicate_pairs"] == 0
