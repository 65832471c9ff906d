"""OCCAMS-style (latent-semantic) concept weights: the weighting on matrices whose SVD is
known, its bounds and determinism, and the coverage option that uses it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sum_helpers import make_cluster

import summarizer.summarizers.concepts as concepts
import summarizer.summarizers.coverage as coverage
from summarizer.errors import InputError, OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.concepts import (
    GRAM_SIDE,
    MAX_LSA_RANK,
    concept_matrix,
    extract_concepts,
    lsa_weights,
)

# concepts x sentences [[1, 0], [1, 1], [0, 1]]: A^T A = [[2, 1], [1, 2]], eigenvalues 3
# and 1 with eigenvectors (1, 1)/sqrt2 and (1, -1)/sqrt2; U_1 S_1 = A v_1 =
# (1, 2, 1)/sqrt2, and with both triplets U S = A V, whose rows have A's row norms.
TINY = [np.array([0, 1]), np.array([1, 2])]
S2 = math.sqrt(2)


def random_sentences(n_sentences: int, n_concepts: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [np.sort(rng.choice(n_concepts, size=int(rng.integers(1, 12)), replace=False))
            for _ in range(n_sentences)]


def dense_weights(per: list[np.ndarray], n_concepts: int, k: int) -> np.ndarray:
    a = concept_matrix(per, n_concepts, range(len(per))).toarray()
    u, s, _ = np.linalg.svd(a, full_matrices=False)
    return np.sqrt(((u[:, :k] * s[:k]) ** 2).sum(axis=1))


def test_lsa_weights_of_a_matrix_solved_by_hand():
    assert np.allclose(lsa_weights(TINY, 3, [0, 1], 1), [1 / S2, S2, 1 / S2])
    assert np.allclose(lsa_weights(TINY, 3, [0, 1], 2), [1, S2, 1])
    # sigma^2 = 3 and 1 of 4: half the mass needs one triplet, 80% both
    assert np.allclose(lsa_weights(TINY, 3, [0, 1], 0.5), [1 / S2, S2, 1 / S2])
    assert np.allclose(lsa_weights(TINY, 3, [0, 1], 0.8), [1, S2, 1])
    # asked for more triplets than the matrix has: all of them
    assert np.allclose(lsa_weights(TINY, 3, [0, 1], 7), [1, S2, 1])


def test_lsa_weights_only_from_the_rows_given_and_in_any_order():
    per = [*TINY, np.array([3, 4])]
    got = lsa_weights(per, 6, [1, 0], 1)  # sentence 2 is not a row: concepts 3, 4 weigh 0
    assert np.allclose(got, [1 / S2, S2, 1 / S2, 0, 0, 0])
    assert np.array_equal(lsa_weights(per, 6, [], 3), np.zeros(6))


def test_tfidf_entries_are_smoothed_inverse_sentence_frequencies():
    a = concept_matrix(TINY, 3, [0, 1], "tfidf").toarray()
    rare = math.log(3 / 2) + 1  # concepts 0 and 2 are in 1 of 2 sentences, concept 1 in both
    assert np.allclose(a, [[rare, 0], [1, 1], [0, rare]])
    with pytest.raises(ValueError):
        concept_matrix(TINY, 3, [0, 1], "counts")


@pytest.mark.parametrize("n_sentences", [40, 200])  # fewer sentences or fewer concepts
@pytest.mark.parametrize("gram_side", [GRAM_SIDE, 30])  # the Gram path and the ARPACK path
def test_lsa_weights_match_a_dense_svd_and_repeat_bit_for_bit(n_sentences, gram_side,
                                                             monkeypatch):
    monkeypatch.setattr(concepts, "GRAM_SIDE", gram_side)
    per = random_sentences(n_sentences, 150, seed=1)
    for k in (1, 5, 20):
        got = lsa_weights(per, 150, range(n_sentences), k)
        assert np.allclose(got, dense_weights(per, 150, k), atol=1e-10)
        assert np.array_equal(got, lsa_weights(per, 150, range(n_sentences), k))


@pytest.mark.parametrize("gram_side", [GRAM_SIDE, 30])
def test_lsa_rank_is_bounded_whatever_is_asked(gram_side, monkeypatch):
    monkeypatch.setattr(concepts, "GRAM_SIDE", gram_side)
    per = random_sentences(200, 300, seed=2)
    most = lsa_weights(per, 300, range(200), MAX_LSA_RANK)
    assert np.array_equal(lsa_weights(per, 300, range(200), 10**12), most)
    assert np.array_equal(lsa_weights(per, 300, range(200), 0.999999), most)
    assert not np.allclose(most, dense_weights(per, 300, 200))  # the cap did bite
    for bad in (0, -1, 0.0, 1.0, 1.5):
        with pytest.raises(ValueError):
            lsa_weights(per, 300, range(200), bad)


def test_coverage_lsa_runs_on_the_candidates_with_k_from_the_budget(monkeypatch):
    calls = []
    real = coverage.lsa_weights

    def spy(per, n, rows, rank, entries):
        calls.append((list(rows), rank, entries))
        return real(per, n, rows, rank, entries)

    monkeypatch.setattr(coverage, "lsa_weights", spy)
    cluster = make_cluster()
    summ = get_summarizer("coverage", concept_weighting="lsa-df", lsa_entries="tfidf",
                          max_candidates=5)
    summary = summ.summarize(cluster, Budget(words=60))
    (rows, rank, entries), = calls
    assert len(rows) == 5 == summary.settings["candidates_scored"]  # the SVD's bound
    assert entries == "tfidf" and isinstance(rank, int) and 1 <= rank <= 5
    assert summary.settings["concept_weighting"] == "lsa-df"
    assert summary.settings["lsa_rank"] == "budget"
    assert summary.settings["lsa_entries"] == "tfidf"
    again = get_summarizer("coverage", concept_weighting="lsa-df", lsa_entries="tfidf",
                           max_candidates=5).summarize(cluster, Budget(words=60))
    assert again.text == summary.text


def test_coverage_lsa_weights_change_what_is_chosen(monkeypatch):
    """The weights reach the objective: all the worth on one concept picks a sentence
    that holds it, where the document frequencies picked another."""
    cluster = make_cluster()
    # background=None: the concepts below are rebuilt with the pool's own stopwords
    only_concepts = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0,
                     "background": None}
    first = get_summarizer("coverage", **only_concepts).summarize(cluster, Budget(sentences=1))
    pool = prepare(cluster)
    con = extract_concepts(pool.tokens, [s.doc_index for s in pool.sentences], pool.stopwords)
    texts = [s.text for s in pool.sentences]
    chosen = set(con.per_sentence[texts.index(first.text)].tolist())
    target = next(c for ids in con.per_sentence for c in ids.tolist() if c not in chosen)
    holders = {texts[i] for i, ids in enumerate(con.per_sentence) if target in ids}
    monkeypatch.setattr(coverage, "lsa_weights",
                        lambda per, n, rows, rank, entries: (np.arange(n) == target) * 1.0)
    out = get_summarizer("coverage", concept_weighting="lsa", **only_concepts).summarize(
        cluster, Budget(sentences=1))
    assert out.text in holders and out.text != first.text


def test_default_records_no_lsa_settings_and_bad_options_are_refused():
    assert "concept_weighting" not in get_summarizer("coverage").settings()
    s = get_summarizer("coverage", concept_weighting="lsa", lsa_rank=0.5).settings()
    assert (s["concept_weighting"], s["lsa_rank"], s["lsa_entries"]) == ("lsa", 0.5, "binary")
    for bad in ({"concept_weighting": "svd"}, {"lsa_entries": "counts"}, {"lsa_rank": 0},
                {"lsa_rank": 1.0}, {"lsa_rank": "half"}, {"lsa_rank": -0.5}):
        with pytest.raises((InputError, OptionError)):
            get_summarizer("coverage", **{"concept_weighting": "lsa", **bad})


@pytest.mark.parametrize("rank", [np.int64(3), np.float64(0.5)])
def test_numpy_numbers_are_taken_for_lsa_rank_as_for_every_option(rank):
    # the type check took them (values.fits) and the range check then refused them
    # ("lsa_rank must be 'budget', an int >= 1 ... got 3")
    import json

    s = get_summarizer("coverage", concept_weighting="lsa", lsa_rank=rank).settings()
    assert type(s["lsa_rank"]) is type(rank.item()) and s["lsa_rank"] == rank
    json.dumps(s)  # recorded as a plain number


@pytest.mark.parametrize("given", [{"lsa_rank": 0.5}, {"lsa_entries": "tfidf"}])
def test_lsa_options_without_lsa_weighting_are_refused(given):
    # taken, never used: the df weighting has no SVD (encoder= on a TF-IDF method likewise)
    with pytest.raises(OptionError, match="are for concept_weighting 'lsa' or 'lsa-df'"):
        get_summarizer("coverage", **given)


# Two copies of TINY on their own concepts: sigma^2 = 3, 3, 1, 1, each value twice, so
# any rotation of a pair's singular vectors is as good an SVD as another.
TWIN = [*TINY, np.array([3, 4]), np.array([4, 5])]


def rotate_ties(real):
    """np.linalg.eigh, with each pair of tied eigenvectors turned by 0.6 rad: another basis
    of the same eigenspaces, as another LAPACK build may return."""
    def eigh(x):
        eig, vec = real(x)
        vec = vec.copy()
        for i in range(len(eig) - 1):
            if abs(eig[i] - eig[i + 1]) < 1e-9 * abs(eig).max():
                c, s = math.cos(0.6), math.sin(0.6)
                vec[:, [i, i + 1]] = vec[:, [i, i + 1]] @ np.array([[c, -s], [s, c]])
        return eig, vec
    return eigh


def test_lsa_weights_at_a_tie_are_the_same_in_any_basis_of_it(monkeypatch):
    a = concept_matrix(TWIN, 6, range(4)).toarray()
    one = [np.abs(a @ eigh(a.T @ a)[1][:, -1]) for eigh in (np.linalg.eigh,
                                                           rotate_ties(np.linalg.eigh))]
    assert not np.allclose(*one)  # one vector of the pair alone depends on the basis
    ks = (1, 2, 3, 0.3)
    asked = [lsa_weights(TWIN, 6, range(4), k) for k in ks]
    with monkeypatch.context() as m:
        m.setattr(np.linalg, "eigh", rotate_ties(np.linalg.eigh))
        turned = [lsa_weights(TWIN, 6, range(4), k) for k in ks]
    for k, got, want in zip(ks, turned, asked, strict=True):
        assert np.allclose(got, want, atol=1e-12), k
    # k=1 and a share of 30% stop inside the top pair: the pair is taken whole
    assert np.allclose(asked[0], [1 / S2, S2, 1 / S2] * 2)
    assert np.array_equal(asked[0], asked[1]) and np.array_equal(asked[0], asked[3])
    assert np.allclose(asked[2], [1, S2, 1] * 2)  # and all four, k=3 inside the low pair


def test_arpack_follows_a_tie_past_the_triplets_it_asked_for(monkeypatch):
    monkeypatch.setattr(concepts, "GRAM_SIDE", 30)
    block = random_sentences(20, 50, seed=3)
    per = [ids + 50 * copy for copy in range(3) for ids in block]  # every sigma 3 times
    for k in (1, 2, 4):
        # the tie's 3 vectors are any basis of it; together they are one
        want = dense_weights(per, 150, 3 * -(-k // 3))
        assert np.allclose(lsa_weights(per, 150, range(60), k), want, atol=1e-9)


def test_arpack_leaves_out_a_tie_longer_than_it_may_follow(monkeypatch):
    monkeypatch.setattr(concepts, "GRAM_SIDE", 30)
    # 5 sentences of concepts 0-9 (sigma^2 = 50), then 40 of 2 concepts each (sigma^2 = 2)
    per = [np.arange(10)] * 5 + [np.array([10 + 2 * i, 11 + 2 * i]) for i in range(40)]
    everything = np.array([math.sqrt(5)] * 10 + [1.0] * 80)  # A's row norms
    top = np.array([math.sqrt(5)] * 10 + [0.0] * 80)
    assert np.allclose(lsa_weights(per, 90, range(45), 2), everything)
    monkeypatch.setattr(concepts, "TIE_MOST", 8)
    assert np.allclose(lsa_weights(per, 90, range(45), 2), top)
    assert np.allclose(lsa_weights(per, 90, range(45), 1), top)
