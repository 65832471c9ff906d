"""Method ``submodular``, Lin & Bilmes (2011): the objective and the modified greedy against
a plain reimplementation, the best-singleton check, budgets, provenance, determinism, small
inputs, options and settings."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from sum_helpers import ANY_BUDGET, check_provenance, make_cluster, spy_kmeans_seeds

from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.coverage import diversity_parts


def naive_modified_greedy(cluster: Cluster, words: int, a: float = 5.0, lam: float = 6.0,
                          r: float = 0.3, fraction: float = 0.2) -> set[tuple[str, int]]:
    """The paper's algorithm written out plainly: F(S) recomputed from scratch for every
    set tried, every gain recomputed at every step, no near-duplicate rule."""
    pool = prepare(cluster)
    n = len(pool)
    w = pool.similarity("tfidf")
    part, reward = diversity_parts(pool.vectors("tfidf"), w, fraction)
    alpha = a / n
    cost = [len(s.text.split()) for s in pool.sentences]

    def f(items: list[int]) -> float:
        cover = sum(min(sum(w[i, j] for j in items), alpha * sum(w[i, j] for j in range(n)))
                    for i in range(n))
        parts: dict[int, float] = {}
        for j in items:
            parts[int(part[j])] = parts.get(int(part[j]), 0.0) + reward[j]
        return cover + lam * sum(math.sqrt(v) for v in parts.values())

    def greedy(start: list[int]) -> list[int]:
        chosen, left = list(start), [j for j in range(n) if j not in start]
        while left:
            base = f(chosen)
            k = max(left, key=lambda j: ((f(chosen + [j]) - base) / cost[j] ** r, -j))
            if sum(cost[j] for j in chosen) + cost[k] <= words:
                chosen.append(k)
            left.remove(k)
        return chosen

    chosen = greedy([])
    fits = [j for j in range(n) if cost[j] <= words]
    best = max(fits, key=lambda j: (f([j]), -j))
    if f([best]) > f(chosen):
        chosen = greedy([best])
    return {(pool.sentences[j].doc_id, pool.sentences[j].index) for j in chosen}


def picked(summary) -> set[tuple[str, int]]:
    return {(s.doc_id, s.sentence_index) for s in summary.sentences}


@pytest.mark.parametrize("words", [25, 40, 60, 120])
@pytest.mark.parametrize("options", [{}, {"lam": 0.0}, {"a": 1.0, "r": 1.0},
                                     {"diversity_clusters": 0.5, "lam": 20.0}])
def test_the_same_choice_as_the_paper_written_out(words, options, seed_cluster):
    mine = {"a": "a", "lam": "lam", "r": "r", "diversity_clusters": "fraction"}
    for cluster in (make_cluster(), seed_cluster):
        summary = get_summarizer("submodular", dup_lexical=2.0, **options).summarize(
            cluster, Budget(words=words))
        want = naive_modified_greedy(cluster, words, **{mine[k]: v for k, v in options.items()})
        assert picked(summary) == want and want


def _long_against_short() -> Cluster:
    # one 30-word sentence that shares its words with ten longer ones (41 words, over any
    # budget here), and six 5-word sentences with words of their own
    vocab = [f"{c}{d}orb" for c in "bcdfghjklm" for d in "aeiou"][:30]
    long = " ".join(vocab).capitalize() + "."
    echoes = [" ".join(vocab[:k] + vocab[k + 1:] + [f"x{k}yq", "qwuv", "plim", "zarb",
                                                       "tosk", "vrel", "nupo", "gafe",
                                                       "ibro", "ulmo", "kest", "wapi"])
              .capitalize() + "." for k in range(10)]
    shorts = [" ".join(f"{c}{k}{t}" for t in ("ab", "ec", "id", "of", "ug")).capitalize() + "."
              for k, c in zip(range(6), "pqrstv", strict=True)]
    docs = [Document(text=long + " " + " ".join(shorts), id="main"),
            Document(text=" ".join(echoes), id="echoes")]
    return Cluster(documents=docs, id="singleton")


def test_the_best_single_sentence_wins_when_the_greedy_does_worse():
    # r=10 makes the greedy take the six short sentences (each worth little); the long one
    # alone covers the ten echoes and scores more, so the result starts from it
    cluster = _long_against_short()
    budget = Budget(words=30)
    summary = get_summarizer("submodular", r=10.0, lam=0.0, a=1e6).summarize(cluster, budget)
    assert summary.settings["best_singleton"] is True
    assert [s.sentence_index for s in summary.sentences] == [0]
    assert summary.sentences[0].doc_id == "main"
    assert picked(summary) == naive_modified_greedy(cluster, 30, a=1e6, lam=0.0, r=10.0)
    # the greedy alone: the short ones (r=0 prefers the long one from the start)
    plain = get_summarizer("submodular", r=0.0, lam=0.0, a=1e6).summarize(cluster, budget)
    assert plain.settings["best_singleton"] is False and picked(plain) == picked(summary)


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(budget=ANY_BUDGET)
def test_any_budget_is_kept_with_exact_offsets_and_the_same_summary_twice(budget, seed_cluster):
    for cluster in (make_cluster(), seed_cluster):
        summary = get_summarizer("submodular").summarize(cluster, budget)
        assert budget.fits([s.text for s in summary.sentences])
        assert sum(s.truncated for s in summary.sentences) <= 1
        assert all(not s.truncated for s in summary.sentences[:-1])  # a cut goes last
        check_provenance(summary, cluster)
        again = get_summarizer("submodular").summarize(cluster, budget)
        assert again.to_dict() == summary.to_dict()


def test_no_candidate_and_one_sentence():
    # summarize() under the default min_words always has a candidate (prepare keeps every
    # sentence when none is suitable); select() on an empty pool chooses nothing
    pool = prepare(Cluster.from_texts(["Fire out."]), min_words=1)  # no note of its own
    empty = dataclasses.replace(pool, sentences=[], tokens=[])
    assert get_summarizer("submodular").select(empty, "tfidf", Budget(words=10))[:2] == ([], None)
    assert empty.notes == {"alpha": None, "diversity_parts": 0, "best_singleton": False}
    short = get_summarizer("submodular").summarize(Cluster.from_texts(["Fire out."]),
                                                   Budget(words=10))
    assert [s.text for s in short.sentences] == ["Fire out."]
    # only function words: a zero TF-IDF vector, no similarity to anything
    void = get_summarizer("submodular").summarize(
        Cluster.from_texts(["It was what it was.", "It is what it is."]), Budget(words=5))
    assert len(void.sentences) == 1
    text = "The council approved the new budget for the city on Tuesday evening."
    one = Cluster.from_texts([text])
    got = get_summarizer("submodular").summarize(one, Budget(words=20))
    assert [s.text for s in got.sentences] == [text]
    assert got.settings["alpha"] == 5.0 and got.settings["diversity_parts"] == 1
    cut = get_summarizer("submodular").summarize(one, Budget(words=4, truncate=True))
    assert [s.text for s in cut.sentences] == ["The council approved the"]
    assert cut.sentences[0].truncated
    none = get_summarizer("submodular").summarize(one, Budget(words=4))
    assert none.sentences == [] and "no whole sentence fits" in none.settings["note"]


def test_settings_record_the_paper_s_parameters_and_alpha(flood):
    summary = get_summarizer("submodular").summarize(flood, Budget(words=60))
    got = summary.settings
    assert (got["a"], got["lambda"], got["r"], got["diversity_clusters"]) == (5.0, 6.0, 0.3, 0.2)
    assert got["kmeans_seed"] == 0 and got["representation_used"] == "tfidf"
    assert got["alpha"] == pytest.approx(5.0 / got["candidates"])
    assert 1 <= got["diversity_parts"] <= round(0.2 * got["candidates"])
    assert all(s.score is not None and s.score > 0 for s in summary.sentences)


def test_the_recorded_kmeans_seed_is_the_one_the_partition_used(flood, monkeypatch):
    """The seed had two homes, ``seed=0`` inline in coverage.diversity_parts and a copy in
    submodular (recorded with each summary): one could change without the other, and the
    record would no longer make the partition again. Now both read coverage.KMEANS_SEED."""
    from summarizer.summarizers.coverage import KMEANS_SEED

    used = spy_kmeans_seeds(monkeypatch)
    summary = get_summarizer("submodular").summarize(flood, Budget(words=60))
    assert used == [KMEANS_SEED] == [summary.settings["kmeans_seed"]]


def test_scores_are_each_sentence_s_value_alone(flood):
    # F({j}) = sum_i min(w_ij, alpha C_i(V)) + lambda sqrt(r_j), by hand
    pool = prepare(flood)
    w = pool.similarity("tfidf")
    _, reward = diversity_parts(pool.vectors("tfidf"), w, 0.2)
    caps = 5.0 / len(pool) * w.sum(axis=1)
    want = np.minimum(w, caps[:, None]).sum(axis=0) + 6.0 * np.sqrt(reward)
    _, _, scores = get_summarizer("submodular").select(pool, "tfidf", Budget(words=60))
    assert scores == pytest.approx(want)


@pytest.mark.parametrize("options", [{"a": 0}, {"a": -1.0}, {"lam": -1.0}, {"lam": 1e9},
                                     {"r": -0.1}, {"r": 11.0}, {"diversity_clusters": 0.0},
                                     {"diversity_clusters": 1.5}, {"a": float("nan")}])
def test_bad_options_are_option_errors(options):
    with pytest.raises(OptionError):
        get_summarizer("submodular", **options)


@pytest.mark.parametrize("a", [0, -1, 2e6, 1e18])
def test_an_a_out_of_range_is_refused_naming_the_range(a):
    # 2e6 was refused as "a must be above 0"
    with pytest.raises(OptionError, match=r"above 0 and at most 1e\+06"):
        get_summarizer("submodular", a=a)
