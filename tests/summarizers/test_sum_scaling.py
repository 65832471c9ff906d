"""Bounded paths on long input give the dense paths' answers where no cap is hit."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sum_helpers import make_cluster

from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import centroid_scores, prepare, prune_pool
from summarizer.summarizers.features import cosine_matrix, tfidf_matrix
from summarizer.summarizers.redundancy import Redundancy
from summarizer.summarizers.textrank import TextRankSummarizer, overlap_similarity

WORDS = ("river flood rain governor army rescue school market bank storm bridge vote court "
         "minister police hospital farmer crop price fuel train port").split()


def synthetic_cluster(docs: int, sentences: int = 8, seed: int = 0) -> Cluster:
    """Distinct sentences from a small vocabulary, so concepts recur across documents."""
    rng = np.random.default_rng(seed)
    out = []
    for d in range(docs):
        body = []
        for _ in range(sentences):
            words = rng.choice(WORDS, size=int(rng.integers(7, 14)))
            body.append("The " + " ".join(words) + f" report {int(rng.integers(10**6))}.")
        out.append(Document(text=" ".join(body), id=f"d{d}", date=f"2024-01-{d % 28 + 1:02d}"))
    return Cluster(documents=out, id="synthetic")


@pytest.mark.parametrize("cluster", [make_cluster(), synthetic_cluster(6)])
def test_coverage_pruning_changes_nothing_below_the_cap(cluster):
    budget = Budget(words=60)
    dense = get_summarizer("coverage", representation="tfidf", max_candidates=None)
    capped = get_summarizer("coverage", representation="tfidf", max_candidates=10_000)
    a, b = dense.summarize(cluster, budget), capped.summarize(cluster, budget)
    assert a.text == b.text
    assert b.settings["candidates_scored"] == b.settings["candidates_total"]


def test_coverage_cap_is_applied_and_recorded():
    cluster = synthetic_cluster(12)
    summary = get_summarizer("coverage", representation="tfidf", max_candidates=7).summarize(
        cluster, Budget(words=80))
    total = len(prepare(cluster))
    assert summary.settings["candidates_scored"] == 7 < total == summary.settings["candidates_total"]
    assert summary.settings["max_candidates"] == 7
    assert 0 < len(summary.sentences) <= 7
    assert len(summary.text.split()) <= 80
    with pytest.raises(InputError):
        get_summarizer("coverage", max_candidates=0)


def test_tfidf_rows_give_the_same_cosines_as_the_full_matrix():
    pool = prepare(synthetic_cluster(5))
    rows = [0, 3, 4, 9, 17, 20]
    full = cosine_matrix(tfidf_matrix(pool.tokens, pool.stopwords))
    part = cosine_matrix(tfidf_matrix(pool.tokens, pool.stopwords, rows))
    assert part.shape == (len(rows), len(rows))
    assert np.allclose(part, full[np.ix_(rows, rows)], atol=1e-6)


def test_redundancy_on_rows_matches_redundancy_on_all():
    pool = prepare(make_cluster())
    vectors = tfidf_matrix(pool.tokens, pool.stopwords)
    rows = [1, 2, 5, 7]
    whole = Redundancy(pool, 0.5, 0.3, vectors)
    part = Redundancy(pool, 0.5, 0.3, vectors[rows], rows)
    for i, j in itertools.permutations(rows, 2):
        assert whole.duplicate(i, [j]) == part.duplicate(i, [j])


def test_pool_pruning_keeps_centroid_nearest_in_order_and_says_so():
    pool = prepare(synthetic_cluster(10))
    small = prune_pool(pool, 12)
    assert len(small) == 12 and prune_pool(pool, len(pool)) is pool
    scores = centroid_scores(pool)
    kept = [pool.sentences.index(s) for s in small.sentences]
    assert kept == sorted(kept)
    assert scores[kept].min() >= np.sort(scores)[-12] - 1e-12
    assert "pool_pruned" in small.notes
    # the sparse centroid agrees with the dense TF-IDF computation
    vec = tfidf_matrix(pool.tokens, pool.stopwords)
    centre = vec.sum(axis=0)
    assert np.allclose(scores, vec @ centre / np.linalg.norm(centre), atol=1e-5)


@pytest.mark.parametrize("method", ["lexrank", "textrank", "centroid", "mmr", "submodular",
                                    "occams", "dpp"])
def test_pairwise_methods_are_bounded_and_record_it(method):
    cluster = synthetic_cluster(10)
    summary = get_summarizer(method, representation="tfidf", max_sentences=15).summarize(
        cluster, Budget(words=50))
    assert summary.settings["max_sentences"] == 15
    assert summary.settings["pool_pruned"].startswith(f"{len(prepare(cluster))} -> 15")
    unbounded = get_summarizer(method, representation="tfidf", max_sentences=None)
    assert "pool_pruned" not in unbounded.summarize(make_cluster(), Budget(words=50)).settings


@pytest.mark.parametrize("method", ["coverage", "lead"])
def test_max_sentences_is_refused_where_no_pool_is_pruned(method):
    """Only the methods that compare sentences pairwise prune their pool to max_sentences
    (README, "Summarisers"); coverage (bounded by max_candidates) and lead took
    max_sentences=5, ignored it, and named it among their options. An option a method does
    not take is an OptionError (README, "Command line")."""
    from summarizer.errors import OptionError
    from summarizer.summarizers import accepted_options

    with pytest.raises(OptionError, match="has no option 'max_sentences'") as info:
        get_summarizer(method, max_sentences=5)
    assert "max_sentences" not in str(info.value).split("its options:")[1]
    assert "max_sentences" not in accepted_options(method)
    assert "max_sentences" in accepted_options("lexrank")


@pytest.mark.parametrize(("method", "option"), [
    ("lexrank", "max_sentences"), ("mmr", "max_sentences"), ("ilp", "max_sentences"),
    ("submodular", "max_sentences"), ("coverage", "max_candidates")])
def test_lifting_a_cap_cannot_make_pairwise_work_unbounded(method, option, monkeypatch):
    """None or 10**12 lifted the cap that keeps similarity matrices small: lexrank on a 5 MB
    text ran out of memory. Above MAX_PAIRWISE sentences (here lowered to 40) it is a typed
    error before any matrix is built; below it the cap is lifted as asked."""
    from summarizer.errors import OptionError
    from summarizer.summarizers import candidates

    monkeypatch.setattr(candidates, "MAX_PAIRWISE", 40)
    cluster = synthetic_cluster(8)  # 64 sentences
    for value in (10**12, None):
        with pytest.raises(OptionError, match=f"{option}={value} leaves .* give {option} at most 40"):
            get_summarizer(method, representation="tfidf", **{option: value}).summarize(
                cluster, Budget(words=50))
    summary = get_summarizer(method, representation="tfidf", **{option: 10**12}).summarize(
        synthetic_cluster(4), Budget(words=50))  # 32 sentences
    assert summary.text


def test_textrank_matrix_product_equals_pairwise_definition():
    pool = prepare(synthetic_cluster(3))
    words = [set(t) - pool.stopwords for t in pool.tokens]
    lengths = [len(t) for t in pool.tokens]
    n = len(pool)
    want = np.zeros((n, n))
    for i, j in itertools.combinations(range(n), 2):
        want[i, j] = want[j, i] = overlap_similarity(words[i], words[j], lengths[i], lengths[j])
    from summarizer.summarizers.graph import pagerank

    got = TextRankSummarizer().scores(pool, "tfidf")
    assert np.allclose(got, pagerank(want, 0.85), atol=1e-9)


def test_progress_bars_only_for_large_stages(monkeypatch, capsys):
    from summarizer import progress

    monkeypatch.setattr(progress, "watched", lambda: True)  # stderr a terminal
    small = list(range(10))
    assert progress.stage(small, "x") is small  # no bar, tqdm not involved
    bar = progress.stage(range(10), "x", min_items=1)
    from tqdm import tqdm

    assert list(bar) == list(range(10)) and isinstance(bar, tqdm)  # (progress_bar's, auto)
    monkeypatch.setenv("SUMMARIZER_PROGRESS", "0")
    items = range(10)
    assert progress.stage(items, "x", min_items=1) is items
    spans = [(0, 0, 5), (0, 6, 10)]
    assert list(progress.chunks_of(10, iter(spans), "x", min_chars=1)) == spans


def test_lead_newest_reads_each_documents_order_a_bounded_number_of_times():
    """mode="newest" looked up the newest document's order again for every sentence:
    quadratic (16,000 sentences took 7 s, a 50 MB text hours). Counted, not timed: the
    chronology is read a few times per sentence, however many there are."""
    pool = prepare(synthetic_cluster(10, sentences=20))

    class Counted(list):
        reads = 0

        def __getitem__(self, i):
            Counted.reads += 1
            return super().__getitem__(i)

    pool.doc_order = Counted(pool.doc_order)
    scores = get_summarizer("lead", mode="newest").scores(pool, "tfidf")
    n = len(pool.sentences)
    assert n >= 150 and Counted.reads <= 4 * n
    newest = max(range(10), key=lambda d: pool.doc_order[d])
    assert {pool.sentences[i].doc_index for i in np.flatnonzero(scores > -1e9)} == {newest}
