"""Exact budgeted concept coverage: the integer linear program of Gillick & Favre (2009).

Choose sentences s_j (binary) and concepts c_i (binary) to maximise
``sum_i w_i c_i`` subject to ``sum_j cost_j s_j <= L``, ``s_j <= c_i`` for
every concept i of sentence j and ``c_i <= sum_{j containing i} s_j``: a
concept counts once however many chosen sentences hold it, so redundancy is
paid for by the objective itself. Whatever the budget's unit, the chosen also
hold at most ``MAX_CHARS`` characters (:mod:`~summarizer.summarizers.budget`): a
second row ``sum_j chars_j s_j <= MAX_CHARS``, in the program only where the
candidates together are over it, so the choice is the best under both. Two candidates
the shared near-duplicate rule (``dup_lexical``/``dup_semantic``,
:class:`~summarizer.summarizers.redundancy.Redundancy`) would refuse together get a row
``s_a + s_b <= 1``: a concept counted once does not stop two sentences reporting the same
fact in different words, each adding a bigram. Solved by HiGHS through
:func:`scipy.optimize.milp` under a limit on branch-and-bound nodes (``node_limit``:
the same work on any machine under any load, so the same summary) and a wall-clock
``time_limit`` as a safety net only; if the solver stops without a proven optimum, the
better of its best solution and the greedy one is kept, and ``Summary.settings["solver"]``
says which ran and which limit stopped it (a time limit's stop is said to depend on the
machine's load).

The problem is kept small whatever the input: only the ``max_candidates`` (at most
:data:`MAX_CANDIDATES`) sentences with the most concept weight per word are candidates
(so at most ``max_candidates * (max_candidates - 1) / 2`` pairs are asked about), and
only the ``max_concepts`` heaviest concepts enter the program.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from summarizer.documents.model import Cluster
from summarizer.errors import OptionError, value_repr
from summarizer.languages import count_chars, unicode_tokens
from summarizer.summarizers import budget as budgets  # MAX_CHARS looked up when used
from summarizer.summarizers.assemble import fill
from summarizer.summarizers.base import Summary
from summarizer.summarizers.budget import Budget, holds_chars
from summarizer.summarizers.candidates import Pool, first_distinct
from summarizer.summarizers.concepts import (
    UNIT_NAMES,
    check_concept_units,
    concept_grams,
    extract_concepts,
    sentence_ranks,
    units_settings,
)
from summarizer.summarizers.extractive import ExtractiveSummarizer, check_weights

# Seconds the solver may take for one summary, at most; and by default. A safety net: a
# wall clock that binds makes the summary depend on the machine's load (5 s, the default
# before, is under 3x the slowest TAC 2011 solve, 1.8 s at load 1.2 on this 2-core box).
MAX_TIME_LIMIT = 3600
TIME_LIMIT = 60.0
# Branch-and-bound nodes HiGHS may explore for one summary, by default and at most: the
# limit meant to bind, as it counts work, not seconds (TAC 2011's 140 programs take at
# most 21 nodes). HiGHS holds the count in a 32-bit integer.
NODE_LIMIT = 1000
MAX_NODE_LIMIT = 10_000_000
# Candidates at most: every pair of them is asked about the near-duplicate rule, and each
# such pair is a row of the program (at most 499,500 at this bound); 10**6 candidates of
# a long text would ask 5 * 10**11 questions and hold each pair found as a row.
MAX_CANDIDATES = 1000


def densest(scores: np.ndarray, costs: np.ndarray, eligible: np.ndarray, cap: int,
            tokens: Sequence[Sequence[str]] | None = None) -> list[int]:
    """The ``cap`` eligible sentences with the most score per unit of cost, in pool order;
    a tie goes to the earlier sentence; with ``tokens``, one of sentences alike but for
    their numbers (:func:`~summarizer.summarizers.candidates.first_distinct`). One stable
    argsort: a sort on a key tuple per sentence held a tuple and two numpy scalars for each
    of a long text's sentences."""
    rows = np.flatnonzero(eligible)
    density = -scores[rows] / costs[rows]
    ranked = rows[np.argsort(density, kind="stable")]
    if tokens is not None and len(ranked) > cap:
        return first_distinct(ranked.tolist(), tokens, cap)
    return sorted(ranked[:cap].tolist())


def budget_costs(budget: Budget, texts: Sequence[str]) -> tuple[np.ndarray, int]:
    """Each sentence's size in the budget's unit (at least 1; 1 for a sentences budget) and
    the limit their sum keeps within: bytes count the space that joins two sentences, so
    each sentence costs one more and the limit is one more (``k`` sentences, ``k - 1``
    spaces). The knapsack row of the ILP, and occams' costs."""
    costs = np.array([max(budget.size([t]), 1) for t in texts], dtype=float)
    if budget.unit == "sentences":
        costs[:] = 1.0
    elif budget.unit == "bytes":
        costs += 1.0  # the joining space
    return costs, budget.limit + (1 if budget.unit == "bytes" else 0)


@dataclass
class Solution:
    """Chosen items, their objective value, and which solver produced them."""

    chosen: list[int]
    value: float
    solver: str
    seconds: float


def coverage_value(chosen: Sequence[int], item_concepts: Sequence[np.ndarray], weights: np.ndarray) -> float:
    ids = {int(c) for j in chosen for c in item_concepts[j]}
    return float(weights[list(ids)].sum()) if ids else 0.0


def greedy_coverage(
    item_concepts: Sequence[np.ndarray],
    weights: np.ndarray,
    costs: np.ndarray,
    limit: float,
    bonus: np.ndarray | None = None,
    chars: np.ndarray | None = None,
    char_limit: float = np.inf,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Cost-scaled greedy for budgeted coverage, compared with the best single
    item (Khuller et al. 1999), which keeps a constant-factor guarantee.
    With ``chars``, the items' sizes in a second unit, the chosen also keep within
    ``char_limit`` of it. Where that bound can bind (the items together are over it),
    an item's size in the ratio is the larger of its two shares of their bounds, in the
    budget's unit: ranked by the first unit alone, three 1-sentence items of 135, 46 and
    48 characters under ``sentences=3`` and 150 characters gave the first alone (7 of
    coverage), not the other two (10). Elsewhere the size is ``costs``, as it was.
    An item paired in ``exclude`` with a chosen one is not taken (the near-duplicate rule,
    as the other methods apply it)."""
    n = len(item_concepts)
    bonus = np.zeros(n) if bonus is None else bonus
    chars = np.zeros(n) if chars is None else chars
    sizes = costs
    if chars.sum() > char_limit > 0:  # the test solve_coverage makes for its second row
        sizes = np.maximum(costs, chars * (limit / char_limit))
    partners: dict[int, set[int]] = {}
    for a, b in exclude:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    covered = np.zeros(len(weights), dtype=bool)
    chosen: list[int] = []
    used = used_chars = 0.0
    left = set(range(n))
    while left:
        best, best_ratio = -1, 0.0
        for j in left:
            if used + costs[j] > limit or used_chars + chars[j] > char_limit:
                continue
            ids = item_concepts[j]
            g = weights[ids[~covered[ids]]].sum() + bonus[j]
            ratio = g / max(sizes[j], 1e-9)
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best < 0:
            break
        chosen.append(best)
        used += costs[best]
        used_chars += chars[best]
        covered[item_concepts[best]] = True
        left.discard(best)
        left -= partners.get(best, set())
    singles = [j for j in range(n) if costs[j] <= limit and chars[j] <= char_limit]
    if singles:
        value = coverage_value(chosen, item_concepts, weights) + bonus[chosen].sum()
        top = max(singles, key=lambda j: weights[item_concepts[j]].sum() + bonus[j])
        if weights[item_concepts[top]].sum() + bonus[top] > value:
            return [top]
    return chosen


def solve_coverage(
    item_concepts: Sequence[np.ndarray],
    weights: np.ndarray,
    costs: np.ndarray,
    limit: float,
    time_limit: float | None = 10.0,
    bonus: np.ndarray | None = None,
    chars: np.ndarray | None = None,
    char_limit: float = np.inf,
    exclude: Sequence[tuple[int, int]] = (),
    node_limit: int | None = None,
) -> Solution:
    """Maximise covered concept weight (plus a per-item ``bonus``) within ``limit``,
    and within ``char_limit`` of ``chars`` (the items' sizes in a second unit) where given.

    Exact with HiGHS when it proves optimality within ``node_limit`` branch-and-bound
    nodes and ``time_limit`` seconds; otherwise the better of the solver's incumbent and
    the greedy solution, and ``solver`` names the limit that stopped it.
    The second bound is a second knapsack row only where all the items together are
    over it: elsewhere it cannot bind, and the program is the one-row one. Each pair
    ``(a, b)`` in ``exclude`` is a row ``s_a + s_b <= 1``: at most one of the two is chosen.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    t0 = time.perf_counter()
    n, m = len(item_concepts), len(weights)
    bonus = np.zeros(n) if bonus is None else np.asarray(bonus, dtype=float)
    if n == 0:
        return Solution([], 0.0, "empty", 0.0)
    rows, cols, vals = [], [], []
    second = chars is not None and float(np.sum(chars)) > char_limit
    r = 2 if second else 1  # row 0: the budget; row 1: the second bound, where it can bind
    for j, ids in enumerate(item_concepts):  # s_j - c_i <= 0
        for i in ids:
            rows += [r, r]
            cols += [j, n + int(i)]
            vals += [1.0, -1.0]
            r += 1
    holders: list[list[int]] = [[] for _ in range(m)]
    for j, ids in enumerate(item_concepts):
        for i in ids:
            holders[int(i)].append(j)
    for i, hs in enumerate(holders):  # c_i - sum_j s_j <= 0
        rows.append(r)
        cols.append(n + i)
        vals.append(1.0)
        for j in hs:
            rows.append(r)
            cols.append(j)
            vals.append(-1.0)
        r += 1
    for a, b in exclude:  # s_a + s_b <= 1
        rows += [r, r]
        cols += [int(a), int(b)]
        vals += [1.0, 1.0]
        r += 1
    rows += [0] * n
    cols += list(range(n))
    vals += [float(c) for c in costs]
    upper = np.zeros(r)
    upper[r - len(exclude):] = 1.0
    upper[0] = limit
    if second:
        assert chars is not None
        rows += [1] * n
        cols += list(range(n))
        vals += [float(c) for c in chars]
        upper[1] = char_limit
    a = coo_matrix((vals, (rows, cols)), shape=(r, n + m)).tocsr()
    objective = -np.concatenate([bonus, weights])
    options: dict[str, Any] = {"disp": False}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    if node_limit is not None:
        options["node_limit"] = int(node_limit)
    res = milp(objective, constraints=LinearConstraint(a, -np.inf, upper),
               integrality=np.ones(n + m), bounds=Bounds(0, 1), options=options)

    def value(ch: list[int]) -> float:
        return coverage_value(ch, item_concepts, weights) + float(bonus[ch].sum())

    exact = [j for j in range(n) if res.x is not None and res.x[j] > 0.5] if res.x is not None else None
    if res.status == 0 and exact is not None:
        return Solution(exact, value(exact), "ilp (HiGHS, optimal)", time.perf_counter() - t0)
    greedy = greedy_coverage(item_concepts, weights, costs, limit, bonus, chars, char_limit,
                             exclude)
    why = stop_reason(res.status, str(res.message))
    if exact is not None and value(exact) > value(greedy):
        return Solution(exact, value(exact), f"ilp (HiGHS, best found before {why})",
                        time.perf_counter() - t0)
    return Solution(greedy, value(greedy), f"greedy (ILP stopped: {why})", time.perf_counter() - t0)


def stop_reason(status: int, message: str) -> str:
    """Why HiGHS stopped short of a proven optimum, in the words ``solver`` records.
    scipy has no status of its own for the node limit: HiGHS's "Solution limit reached"
    (its model status 16, scipy's status 4) is what ``mip_max_nodes`` ends with."""
    if status == 1 and message.startswith("Time limit"):
        return "time limit, a wall clock: another load may choose otherwise"
    if "Solution limit reached" in message:
        return "node limit"
    return f"status {status}: {message}"


def solver_record(solver: str, seconds: float, candidates: int, concepts: int, pairs: int,
                  min_df: int) -> dict[str, Any]:
    """What a summary's settings record of its program: the same keys for every cluster
    (the lead fallback's too), so that reports and tables of them have one column each."""
    return {"solver": solver, "solver_seconds": round(seconds, 4),
            "ilp_candidates": candidates, "ilp_concepts": int(concepts),
            "ilp_near_duplicate_pairs": pairs, "ilp_min_df_used": min_df}


class ConceptILPSummarizer(ExtractiveSummarizer):
    """Exact concept coverage within the budget (see module docstring).

    Options: ``min_df`` (documents a bigram must occur in to be a concept),
    ``position_decay`` (position weighting of concepts; 0 = document
    frequency), ``stem_prefix`` (truncate words to this many characters
    before forming concepts; None = whole words), ``lead_weight`` (a bonus
    ``lead_weight * mean concept weight / (1 + rank)`` for each chosen
    sentence), ``node_limit`` (branch-and-bound nodes for the solver, the limit that binds
    first), ``time_limit`` (seconds for the solver, a safety net), ``max_candidates``
    (at most :data:`MAX_CANDIDATES`), ``max_concepts`` (the size caps), ``solver``
    (``ilp`` or ``greedy``),
    ``concept_units`` and ``unigram_weight`` (bigram concepts, the default, content words,
    or both; as for ``coverage``, :mod:`summarizer.summarizers.concepts`).
    Plus the shared options of :class:`ExtractiveSummarizer`.
    """

    name = "ilp"

    def __init__(
        self,
        min_df: int = 3,
        position_decay: float = 1.0,
        stem_prefix: int | None = None,
        lead_weight: float = 1.0,
        time_limit: float = TIME_LIMIT,
        node_limit: int = NODE_LIMIT,
        max_candidates: int = 150,
        max_concepts: int = 2000,
        solver: str = "ilp",
        concept_units: Literal["bigrams", "unigrams", "both"] = "bigrams",
        unigram_weight: float = 1.0,
        **options: Any,
    ) -> None:
        super().__init__(**options)
        if min_df < 2 or position_decay < 0:  # a concept recurs: 1 was read as 2, unsaid
            raise OptionError("min_df must be >= 2 (a concept is a bigram of at least 2 "
                              "documents) and position_decay >= 0")
        check_weights(lead_weight=lead_weight)
        if stem_prefix is not None and stem_prefix < 1:
            raise OptionError(f"stem_prefix must be >= 1 or None, got {stem_prefix}")
        if time_limit <= 0 or max_candidates < 1 or max_concepts < 1:
            raise OptionError("time_limit, max_candidates and max_concepts must be positive")
        if time_limit > MAX_TIME_LIMIT:  # 1e308 let HiGHS search a large program for ever
            raise OptionError(f"time_limit {time_limit:g} is absurdly large (at most "
                             f"{MAX_TIME_LIMIT:,} seconds for one summary)")
        if solver not in ("ilp", "greedy"):
            raise OptionError(f"unknown solver {value_repr(solver)}; use 'ilp' or 'greedy'")
        if max_candidates > MAX_CANDIDATES:  # each pair of candidates is asked about
            raise OptionError(f"max_candidates={max_candidates:,} would ask about "
                              f"{max_candidates * (max_candidates - 1) // 2:,} pairs of "
                              f"sentences, each a row of the program; give max_candidates "
                              f"at most {MAX_CANDIDATES:,}")
        if not 1 <= node_limit <= MAX_NODE_LIMIT:  # its type is checked by get_summarizer
            raise OptionError(f"node_limit must be a whole number from 1 to "
                              f"{MAX_NODE_LIMIT:,}, got {value_repr(node_limit)}")
        for name, value, default in (("time_limit", time_limit, TIME_LIMIT),
                                     ("node_limit", node_limit, NODE_LIMIT)):
            if solver == "greedy" and value != default:  # as coverage's diversity_clusters
                raise OptionError(f"{name}={value_repr(value)} bounds the ILP solver: with "
                                  f"solver 'greedy' it would not be used (leave {name} out, "
                                  "or use solver 'ilp')")
        check_concept_units(concept_units, unigram_weight)
        self.min_df = min_df
        self.position_decay = position_decay
        self.stem_prefix = stem_prefix
        self.lead_weight = lead_weight
        self.time_limit = time_limit
        self.node_limit = int(node_limit)
        self.max_candidates = max_candidates
        self.max_concepts = max_concepts
        self.solver = solver
        self.concept_units = concept_units
        self.unigram_weight = unigram_weight
        self._state = threading.local()  # what the last call in this thread ran

    def __getstate__(self) -> dict[str, Any]:
        # the per-thread record of the last call is no option: a copy (pickled for a Ray
        # actor or a process pool) starts without one, as a new summariser does
        state = dict(self.__dict__)
        del state["_state"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._state = threading.local()

    def method_settings(self) -> dict[str, Any]:
        return {
            "objective": f"concept {UNIT_NAMES[self.concept_units]} coverage, exact ILP "
                         "(Gillick & Favre 2009)",
            "min_df": self.min_df,
            "position_decay": self.position_decay,
            "stem_prefix": self.stem_prefix,
            "lead_weight": self.lead_weight,
            "time_limit": self.time_limit,
            "node_limit": self.node_limit,
            "max_candidates": self.max_candidates,
            "max_concepts": self.max_concepts,
            "solver_requested": self.solver,
            **units_settings(self.concept_units, self.unigram_weight),
        }

    def select(self, pool: Pool, kind: str, budget: Budget) -> tuple[list[int], int | None, np.ndarray]:
        docs = [s.doc_index for s in pool.sentences]
        # min_df >= 2, checked when made (extract_concepts caps it at the number of documents)
        con = extract_concepts(pool.tokens, docs, pool.stopwords, self.min_df,
                               self.position_decay, self.stem_prefix,
                               concept_units=self.concept_units,
                               unigram_weight=self.unigram_weight)
        weights = con.weights
        # keep the heaviest concepts only
        if len(weights) > self.max_concepts:
            keep = np.argsort(-weights, kind="stable")[: self.max_concepts]
            remap = -np.ones(len(weights), dtype=int)
            remap[keep] = np.arange(len(keep))
            per: Sequence[np.ndarray] = [remap[ids][remap[ids] >= 0] for ids in con.per_sentence]
            weights = weights[keep]
        else:
            per = con.per_sentence
        ranks = np.array(sentence_ranks(docs), dtype=float)
        if not len(weights):
            # nothing recurs: the lead sentences, as a news reader would, filled by the
            # one rule (occams' fallback): the program, all bonus, took a sentence and its
            # repeats (short ones, below min_words, are not dropped as exact repeats)
            lead = 1.0 / (1.0 + ranks)
            chosen, cut = fill(map(int, pool.rank_by_score(lead)), pool, budget,
                               self.redundancy(pool, kind))
            self._state.last = solver_record("lead (no concept recurs)", 0.0, 0, 0, 0,
                                             con.min_df)
            return chosen, cut, lead
        costs, limit = budget_costs(budget, pool.texts)
        bonus = self.lead_weight * float(weights.mean()) / (1.0 + ranks)
        scores = np.array([weights[ids].sum() for ids in per]) + bonus
        # candidates: the most concept weight per unit of length
        has_concepts = np.fromiter((len(ids) > 0 for ids in per), dtype=bool, count=len(per))
        # a sentence over MAX_CHARS characters is in no summary, and the chosen together
        # keep within it too: a second bound of the program, whatever the budget's unit
        # (three sentences of 500,000 characters are 3 of ``sentences=3``)
        held = np.fromiter((holds_chars(0, s.text) for s in pool.sentences), dtype=bool,
                           count=len(pool))
        cand = densest(scores, costs, (costs <= limit) & held & (has_concepts | (bonus > 0)),
                       self.max_candidates, pool.tokens)
        chars = np.array([count_chars(pool.sentences[j].text) for j in cand], dtype=float)
        most = float(budgets.MAX_CHARS)
        redundancy = self.redundancy(pool, kind)
        # pairs the near-duplicate rule refuses together: at most one of each is chosen
        exclude = redundancy.refused_pairs(cand)
        t0 = time.perf_counter()
        if self.solver == "greedy" or not cand:
            chosen_c = greedy_coverage([per[j] for j in cand], weights, costs[cand], limit,
                                       bonus[cand], chars, most, exclude)
            sol = Solution(chosen_c, 0.0, "greedy (requested)" if cand else "empty",
                           time.perf_counter() - t0)
        else:
            sol = solve_coverage([per[j] for j in cand], weights, costs[cand], limit,
                                 self.time_limit, bonus[cand], chars, most, exclude,
                                 self.node_limit)
        chosen = [cand[k] for k in sol.chosen]
        self._state.last = solver_record(sol.solver, sol.seconds, len(cand), len(weights),
                                         len(exclude), con.min_df)
        cut = None
        if budget.truncate:
            ids = {name: k for k, name in enumerate(con.names)}
            if len(con.weights) > self.max_concepts:
                ids = {name: int(remap[k]) for name, k in ids.items() if remap[k] >= 0}
            cut = self._best_cut(pool, per, weights, ids, chosen, budget, redundancy)
            if cut is None and not chosen:
                # no sentence fits whole and no prefix adds a concept (one long sentence
                # whose words do not recur): cut the best-scored one, the lead sentence
                # when nothing recurs, as every other method does, not an empty summary
                cut = next((j for j in np.argsort(-scores, kind="stable").tolist()
                            if holds_chars(0, budget.cut(pool.sentences[j].text, []))
                            and budget.cut(pool.sentences[j].text, [])), None)
        return chosen, cut, scores

    def _best_cut(self, pool: Pool, per: Sequence[np.ndarray], weights: np.ndarray,
                  ids: dict[tuple[str, ...], int], chosen: list[int], budget: Budget,
                  redundancy: Any) -> int | None:
        """The sentence whose cut prefix (the part that fits) adds the most
        uncovered concept weight, and is no near-duplicate of a chosen one."""
        texts = [pool.sentences[j].text for j in chosen]
        if budget.size(texts) >= budget.limit:
            return None
        used = count_chars(" ".join(texts))  # MAX_CHARS: what each prefix may add to
        covered = np.zeros(len(weights), dtype=bool)
        for j in chosen:
            covered[per[j]] = True
        grams = concept_grams(pool.stopwords, self.stem_prefix, units=self.concept_units)
        best, best_gain = None, 0.0
        for j in range(len(pool)):
            if j in chosen or not len(per[j]) or not weights[per[j][~covered[per[j]]]].sum():
                continue
            prefix = budget.cut(pool.sentences[j].text, texts)
            if not prefix or not holds_chars(used, prefix):
                continue
            got = {ids[g] for g in grams(unicode_tokens(prefix)) if g in ids}
            gain = sum(weights[i] for i in got if not covered[i])
            if gain > best_gain and not redundancy.duplicate(j, chosen):
                best, best_gain = j, gain
        return best

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        # reset: a cluster with no candidate never reaches select(), and kept the last one's
        self._state.last = solver_record("none (no candidate sentence)", 0.0, 0, 0, 0,
                                         self.min_df)
        summary = super().summarize(cluster, budget)
        summary.settings.update(self._state.last)
        return summary
