"""Memory on long input: what the extractive path holds grows with the kept sentences only,
never with copies or memos made for every sentence (eval/bench_memory.py measures it)."""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np
import pytest
from helpers import traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents.model import Cluster, Document
from summarizer.languages import unicode_tokens
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.assemble import fill
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import centroid_scores, prepare
from summarizer.summarizers.redundancy import MEMO_ENTRIES, Redundancy

WORDS = ("river flood rain governor army rescue school market bank storm bridge vote court "
         "minister police hospital farmer crop price fuel train port").split()


def long_text(sentences: int, seed: int = 0) -> str:
    """One document of distinct sentences of 12-25 words."""
    rng = np.random.default_rng(seed)
    return " ".join("The " + " ".join(rng.choice(WORDS, size=int(rng.integers(12, 25))))
                    + f" report {k}." for k in range(sentences))


def reference_centroid_scores(pool) -> np.ndarray:
    """The definition, keeping every bag and vector (what centroid_scores did)."""
    import math
    from collections import Counter

    n = len(pool)
    bags = [Counter(t for t in toks if t not in pool.stopwords) for toks in pool.tokens]
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {w: math.log((1.0 + n) / (1.0 + c)) + 1.0 for w, c in df.items()}
    vecs, centre = [], Counter()
    for bag in bags:
        vec = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {w: v / norm for w, v in vec.items()}
        centre.update(vec)
        vecs.append(vec)
    cnorm = math.sqrt(sum(v * v for v in centre.values())) or 1.0
    return np.array([sum(v * centre[w] for w, v in vec.items()) / cnorm for vec in vecs])


def test_centroid_scores_keep_no_bag_per_sentence():
    """The pool pruning of lexrank/textrank/centroid/mmr kept a Counter and a dict for each
    of a long text's sentences (300 MB of a 50 MB text); the scores are the same to the bit."""
    pool = prepare(Cluster([Document(long_text(6000))]))
    with traced_memory() as mem:
        scores = centroid_scores(pool)
    assert np.array_equal(scores, reference_centroid_scores(pool))
    # the bags of all of them: about 2 KB a sentence (Python 3.10's objects are larger:
    # 172 bytes a sentence there, 134 on 3.11 and 3.13, measured by an audit)
    per = 150 if sys.version_info >= (3, 11) else 200
    assert mem.peak < per * len(pool), mem.peak


def test_fill_asks_no_duplicate_test_of_what_does_not_fit(monkeypatch):
    """lead on one long text: once the summary was nearly full, every later sentence was
    compared with the chosen ones (and its counts remembered) before being found too long."""
    pool = prepare(Cluster([Document(long_text(3000))]))
    asked = []
    redundancy = Redundancy(pool)
    real = redundancy.duplicate
    monkeypatch.setattr(redundancy, "duplicate", lambda i, chosen: asked.append(i) or real(i, chosen))
    budget = Budget(words=30)  # one sentence fits, then nothing of 12+ words fits beside it
    chosen, cut = fill(range(len(pool)), pool, budget, redundancy)
    assert chosen == [0] and cut is None
    assert len(asked) <= 2, len(asked)
    # with truncation the first that does not fit is cut: it is still tested first
    asked.clear()
    chosen, cut = fill(range(len(pool)), pool, Budget(words=30, truncate=True), redundancy)
    assert chosen == [0] and cut == 1 and asked == [0, 1]


def test_redundancy_memos_are_bounded():
    pool = prepare(Cluster([Document(long_text(MEMO_ENTRIES + 500))]))
    redundancy = Redundancy(pool)
    for i in range(1, len(pool)):
        redundancy.duplicate(i, [0])
    assert len(redundancy._content) <= MEMO_ENTRIES
    assert len(redundancy._pairs) <= MEMO_ENTRIES
    # forgetting changes no answer
    fresh = Redundancy(pool)
    assert [redundancy.lexical_similarity(i, 0) for i in range(0, 50)] == \
        [fresh.lexical_similarity(i, 0) for i in range(0, 50)]


def test_prepare_holds_little_beyond_the_pool(monkeypatch):
    """prepare kept a list of every sentence's spans, a sort key for each and a set of their
    joined tokens beside the pool: its peak was about 1.5x what it returns."""
    import summarizer.summarizers.candidates as candidates

    monkeypatch.setattr(candidates, "TABLE_FROM", 1000)  # as on long input
    cluster = Cluster([Document(long_text(8000))])
    prepare(cluster)  # the splitter's model and the progress bar load once
    with traced_memory() as mem:
        pool = prepare(cluster)
    assert len(pool) == 8000
    # the pool itself: sentences that slice their document's text and token lists as word
    # numbers (750 bytes a sentence with text copies and lists), and beyond it the
    # repeats' hash array and its sort and the word -> number map (a distinct word in
    # each sentence here), not a dict of every hash (160 bytes a sentence with the map)
    assert mem.held / len(pool) < 420, mem.held / len(pool)
    assert (mem.peak - mem.held) / len(pool) < 140, (mem.peak - mem.held) / len(pool)


def test_pool_texts_are_read_from_the_sentences_not_copied():
    """Pool.texts was a list of every sentence's text, made again at each use: putting a
    summary in readable order held the input's sentences once more (twice, in _readable)."""
    from summarizer.summarizers.assemble import order_sentences

    pool = prepare(Cluster([Document(long_text(4000))]))
    with traced_memory() as mem:
        texts = pool.texts
    assert mem.peak < 1000 and mem.held < 1000, (mem.peak, mem.held)
    assert len(texts) == len(pool)
    assert list(texts) == [s.text for s in pool.sentences]
    assert texts[-1] == pool.sentences[-1].text and texts[1:3] == list(texts)[1:3]
    chosen = [5, 1, 9]
    order_sentences(pool, chosen, None, "readable")  # its module and patterns load once
    with traced_memory() as mem:
        order = order_sentences(pool, chosen, None, "readable")
    assert sorted(order) == sorted(chosen)
    # the documents' index of each sentence (8 bytes a sentence), no text of each
    assert mem.peak / len(pool) < 20, mem.peak / len(pool)


def test_pool_vectors_make_the_texts_a_bounded_piece_at_a_time(monkeypatch):
    """Pool.vectors made a list of every text it encodes (the static encoder then read them a
    piece at a time): the 500 candidates of a 48 MB transcript, few sentences and long, were
    45 MB of copies at coverage's peak. Now no more than the encoder's piece is made."""
    from summarizer.sentences import split
    from summarizer.summarizers import static_encoder

    # the table rows gathered at a time, the same vectors whatever their number: few, so
    # that the texts held show
    monkeypatch.setattr(static_encoder, "_ROWS", 512)
    # sentences of 8,000 words left whole (the splitter cuts them into pieces of 50 words
    # now): the encoder's pieces are what is measured
    monkeypatch.setattr(split, "LONG_SENTENCE_WORDS", 10**9)
    words = [" ".join(np.random.default_rng(k).choice(WORDS, size=8000)) for k in range(160)]
    pool = prepare(Cluster([Document("\n\n".join(f"The {w} end" for w in words))]))
    chars = sum(len(t) for t in pool.texts)
    assert len(pool) == 160 and chars > 8_000_000
    pool.vectors("embedding")  # the encoder loads once
    pool._cache.clear()
    with traced_memory() as mem:
        vectors = pool.vectors("embedding")
    assert vectors.shape == (160, 384)
    assert mem.peak < chars / 2, (mem.peak, chars)


def test_coverage_selection_holds_arrays_not_objects_per_sentence(monkeypatch):
    """Beyond its concepts, coverage's selection held a list of the allowed sentences and one
    of their ranks (an int object each) and built its singleton gains from a list of numpy
    scalars: 269 bytes a sentence at its peak; arrays hold 197."""
    import summarizer.summarizers.coverage as coverage

    pool = prepare(Cluster([Document(long_text(20000))]))
    method = get_summarizer("coverage", representation="tfidf")
    held = []

    def extract(*args, **kwargs):  # what the concepts hold is theirs: measured from here
        out = real(*args, **kwargs)
        held.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.reset_peak()
        return out

    real = coverage.extract_concepts
    monkeypatch.setattr(coverage, "extract_concepts", extract)
    budget = Budget(words=100)
    first = method.select(pool, "tfidf", budget)  # what loads once loads here
    held.clear()
    with traced_memory() as mem:
        again = method.select(pool, "tfidf", budget)
    assert again[:2] == first[:2] and np.array_equal(again[2], first[2])
    assert (mem.peak - held[0]) / len(pool) < 235, (mem.peak - held[0]) / len(pool)


@pytest.mark.parametrize("table_from", [0, 10**9])
def test_prepare_drops_exact_repeats_when_hashes_clash(monkeypatch, table_from):
    """Repeats are found by hash, and texts compared when hashes meet: distinct sentences
    whose hashes clash are all kept, the repeats of either still dropped (token lists in
    a table or not)."""
    import summarizer.summarizers.candidates as candidates

    monkeypatch.setattr(candidates, "TABLE_FROM", table_from)
    text = ("The river flood closed the bridge on Monday. The army rescue team reached the "
            "school at night. The river flood closed the bridge on Monday. The market price "
            "of fuel rose by half this week. The army rescue team reached the school at night.")
    expected = [s.text for s in prepare(Cluster([Document(text)])).sentences]
    monkeypatch.setattr(candidates, "hash", lambda _: 7, raising=False)
    pool = prepare(Cluster([Document(text)]))
    assert [s.text for s in pool.sentences] == expected
    assert len(expected) == 3
    assert list(pool.tokens) == [unicode_tokens(s.text) for s in pool.sentences]


def test_prepare_keeps_chronological_order_without_sorting():
    docs = [Document("Late news came in from the port today. It was busy there all day.",
                     id="b", date="2024-02-01"),
            Document("Early news came in from the river today. It was calm there all day.",
                     id="a", date="2024-01-01")]
    pool = prepare(Cluster(docs))
    assert [(s.doc_id, s.index) for s in pool.sentences] == [("a", 0), ("a", 1), ("b", 0),
                                                              ("b", 1)]


def reference_fill(ranked, pool, budget, redundancy):
    """fill as it was: the near-duplicate test first, then the budget."""
    from summarizer.summarizers.budget import Filler

    filler = Filler(budget)
    for i in ranked:
        if i in filler.taken or redundancy.duplicate(i, filler.taken):
            continue
        filler.offer(i, pool.sentences[i].text)
        if filler.done:
            break
    return filler.taken, filler.cut


@pytest.mark.parametrize("budget", [Budget(words=45), Budget(words=45, truncate=True),
                                    Budget(bytes=300, truncate=True), Budget(sentences=3),
                                    Budget(chars=200)])
def test_fill_chooses_what_it_chose(budget):
    """Passing over what does not fit first changes memory only, never the choice."""
    rng = np.random.default_rng(1)
    pool = prepare(Cluster([Document(long_text(400, seed=3))]))
    for _ in range(5):
        ranked = rng.permutation(len(pool)).tolist()
        assert fill(ranked, pool, budget, Redundancy(pool, lexical=0.3)) == \
            reference_fill(ranked, pool, budget, Redundancy(pool, lexical=0.3))


@pytest.mark.parametrize("method", ["lead", "centroid", "lexrank"])
def test_long_text_summaries_fit(method):
    cluster = Cluster([Document(long_text(2500))])
    summary = get_summarizer(method).summarize(cluster, Budget(words=60))
    assert 0 < len(summary.text.split()) <= 60


def vocabulary_text(sentences: int, words: int = 4000, seed: int = 0) -> str:
    """Sentences over a large vocabulary (as news has), each word a few times in all."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{k}x" for k in range(words)]
    return " ".join("The " + " ".join(rng.choice(vocab, size=int(rng.integers(10, 20))))
                    + f" report {k}." for k in range(sentences))


def test_pagerank_holds_one_matrix():
    """pagerank held its copy, w / sums and the np.where of them: three n x n float64 arrays
    (2.4 GB at 10,000 sentences); now its copy only, or none when it may overwrite."""
    from summarizer.summarizers.graph import pagerank

    rng = np.random.default_rng(0)
    n = 800
    w = rng.random((n, n)) * (rng.random((n, n)) < 0.1)
    w[5] = 0.0  # a row without edges jumps uniformly
    expected = pagerank(w.copy())
    size = n * n * 8
    with traced_memory() as mem:
        scores = pagerank(w.astype(np.float32))
    assert np.array_equal(scores, pagerank(w.astype(np.float32).astype(float)))
    assert mem.peak < 1.3 * size + n * n * 4, mem.peak
    mine = w.copy()
    with traced_memory() as mem:
        scores = pagerank(mine, overwrite=True)
    assert np.array_equal(scores, expected)
    assert mem.peak < 0.2 * size, mem.peak


def reference_textrank_weights(pool) -> np.ndarray:
    """TextRank's edge weights from the pairwise definition (overlap_similarity)."""
    from summarizer.summarizers.textrank import overlap_similarity

    words = [set(t) - pool.stopwords for t in pool.tokens]
    n = len(pool)
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                w[i, j] = overlap_similarity(words[i], words[j], len(pool.tokens[i]),
                                             len(pool.tokens[j]))
    return w


def test_textrank_incidence_is_sparse(monkeypatch):
    """TextRank's sentence x shared-word incidence was dense (2 GB at 10,000 sentences);
    the overlaps are whole numbers, so the sparse product gives the same graph to the bit."""
    import summarizer.summarizers.textrank as textrank
    from summarizer.summarizers.graph import pagerank
    from summarizer.summarizers.textrank import TextRankSummarizer

    pool = prepare(Cluster([Document(vocabulary_text(300))]))
    graphs = []
    monkeypatch.setattr(textrank, "pagerank",
                        lambda w, d, overwrite=False: graphs.append(w.copy()) or pagerank(w, d))
    TextRankSummarizer().scores(pool, "tfidf")  # small: dense, scipy not imported
    monkeypatch.setattr(textrank, "_DENSE_CELLS", 0)
    TextRankSummarizer().scores(pool, "tfidf")  # sparse
    assert np.array_equal(graphs[0], graphs[1])
    assert np.allclose(graphs[0], reference_textrank_weights(pool), rtol=0, atol=1e-12)
    monkeypatch.undo()
    big = prepare(Cluster([Document(vocabulary_text(1500))]))
    with traced_memory() as mem:
        TextRankSummarizer().scores(big, "tfidf")
    n = len(big)
    # the dense one: 1500 x 4000 floats more
    assert mem.peak < 2.5 * n * n * 8, (mem.peak, n * n * 8)


def test_concepts_cost_little_per_bigram_and_per_sentence():
    """The default's concepts kept three dicts keyed by (word, word) tuples over every
    bigram of a long text, and an array per sentence: 150 MB and 85 MB on 50 MB of news;
    then the ids as 8-byte integers. Same concepts, weights and ids per sentence."""
    from summarizer.summarizers.concepts import concept_grams, extract_concepts

    pool = prepare(Cluster([Document(vocabulary_text(6000, words=3000)),
                            Document(vocabulary_text(6000, words=3000, seed=1))]))
    docs = [s.doc_index for s in pool.sentences]
    grams = concept_grams(pool.stopwords, None)
    distinct = len(set().union(*(grams(t) for t in pool.tokens)))
    with traced_memory() as mem:
        con = extract_concepts(pool.tokens, docs, pool.stopwords)
    assert mem.peak < 150 * distinct, mem.peak / distinct  # the tuple-keyed dicts: 174 here
    assert mem.held < 60 * len(pool) + 100 * len(con.names), (mem.held, len(pool), len(con.names))
    ids = {c: k for k, c in enumerate(con.names)}
    for k in range(0, len(pool), 97):
        assert list(con.per_sentence[k]) == sorted({ids[c] for c in grams(pool.tokens[k])
                                                    if c in ids})
    assert len(con.per_sentence) == len(pool)
    # 4 bytes an id (8 held 46 MB of a 50 MB text's sentences through coverage's selection)
    flat = con.per_sentence.flat
    assert con.per_sentence[-1].dtype == np.int32 and flat.nbytes == 4 * len(flat)


@pytest.mark.parametrize("documents", [1, 2])
def test_concepts_keep_no_row_for_bigrams_seen_once(documents):
    """A row (121 bytes) for every distinct bigram of a long text, most of them seen once,
    a list of units and of ranks, and the ids copied into a second array: 180 MB on top
    of coverage's peak on 50 MB of news. Bigrams whose hash bucket holds fewer than
    min_df sentences get no row now."""
    from summarizer.summarizers.concepts import concept_grams, extract_concepts

    pool = prepare(Cluster([Document(vocabulary_text(12_000 // documents, words=3000, seed=k))
                            for k in range(documents)]))
    docs = [s.doc_index for s in pool.sentences]
    grams = concept_grams(pool.stopwords, None)
    distinct = len(set().union(*(grams(t) for t in pool.tokens)))
    with traced_memory() as mem:
        con = extract_concepts(pool.tokens, docs, pool.stopwords)
    assert mem.peak < 75 * distinct, mem.peak / distinct  # before: 121 (two documents), 180 (one)
    assert len(con.names) > 1000


@pytest.mark.parametrize("buckets", [1, 4, 64])
@pytest.mark.parametrize("min_df,stem_prefix,documents", [(2, None, 3), (3, 4, 3), (1, None, 3),
                                                          (2, None, 1)])
def test_concepts_are_the_same_whatever_the_buckets_hold(monkeypatch, buckets, min_df,
                                                         stem_prefix, documents):
    """The bucket filter only leaves out bigrams that cannot be concepts: with every
    bigram in one bucket (no filter), or in a few crowded ones, the concepts, weights and
    ids per sentence are those of the sized filter, and of counting every bigram."""
    import summarizer.summarizers.concepts as concepts

    pool = prepare(Cluster([Document(vocabulary_text(400, words=300, seed=k))
                            for k in range(documents)]))
    docs = [s.doc_index for s in pool.sentences]

    def run():
        con = concepts.extract_concepts(pool.tokens, docs, pool.stopwords, min_df, 1.0,
                                        stem_prefix)
        return con.names, con.weights.tolist(), [list(r) for r in con.per_sentence], con.min_df

    sized = run()
    monkeypatch.setattr(concepts, "_MIN_BUCKETS", buckets)
    monkeypatch.setattr(concepts, "_MAX_BUCKETS", buckets)
    assert run() == sized
    # by definition: a bigram of >= min_df units (sentences, for one document)
    grams = concepts.concept_grams(pool.stopwords, stem_prefix)
    units: dict = {}
    for k, t in enumerate(pool.tokens):
        for g in grams(t):
            units.setdefault(g, set()).add(docs[k] if documents > 1 else k)
    need = min(min_df, documents) if documents > 1 else 2
    assert sized[0] == sorted(g for g, u in units.items() if len(u) >= need)
    assert len(sized[0]) > 50


def test_compressed_sentences_share_their_token_strings(monkeypatch):
    """compress=True tokenised every compressed sentence again into fresh strings: on a 50 MB
    text lead took 600 MB against 524 without compression. The same tokens, shared."""
    import summarizer.summarizers.candidates as candidates
    from summarizer.summarizers.compress import compress_pool

    monkeypatch.setattr(candidates, "TABLE_FROM", 1000)  # as on long input
    rng = np.random.default_rng(2)
    text = " ".join("The " + " ".join(rng.choice(WORDS, size=int(rng.integers(12, 20))))
                    + f" report {k}, officials said." for k in range(3000))
    pool = prepare(Cluster([Document(text)]))
    small = compress_pool(pool)
    assert len(small._cache["edits"]) == len(pool) == 3000  # every one compressed
    assert list(small.tokens) == [unicode_tokens(s.text) for s in small.sentences]
    strings = {id(w) for t in small.tokens for w in t}
    assert len(strings) <= len(WORDS) + 3000 + 10  # one string per distinct word


def test_tfidf_matrix_holds_one_matrix():
    """Its rows were normalised into a second matrix after squaring the whole first one
    for the norms (2 copies at once; 2,000 sentences x 20,000 words is 160 MB each)."""
    from summarizer.summarizers.features import tfidf_matrix

    rng = np.random.default_rng(1)
    vocab = [f"w{i}" for i in range(6000)]
    tokens = [list(rng.choice(vocab, size=20)) for _ in range(800)]
    with traced_memory() as mem:
        mat = tfidf_matrix(tokens)
    assert mat.shape == (800, len({t for toks in tokens for t in toks}))
    assert mem.peak < 1.6 * mat.nbytes, mem.peak / mat.nbytes  # was 2.07, now 1.37 (the bags)


def test_cosine_matrix_holds_one_matrix():
    from summarizer.summarizers.features import cosine_matrix

    vecs = np.random.default_rng(2).standard_normal((1500, 16)).astype(np.float32)
    with traced_memory() as mem:
        sim = cosine_matrix(vecs)
    assert sim.min() == 0.0 and sim.max() <= 1.0
    assert mem.peak < 1.2 * sim.nbytes, mem.peak / sim.nbytes  # was 2: the clipped copy


@pytest.mark.parametrize("rows", [1, 255, 256, 257, 700])
def test_rows_normalised_by_blocks_are_the_whole_matrixs_to_the_bit(rows):
    """Norms taken a block of rows at a time and quotients written in place: the same
    float32 numbers as the whole matrix's norms and quotients (summaries depend on them)."""
    from summarizer.summarizers.features import normalize_rows

    rng = np.random.default_rng(rows)
    mat = (rng.random((rows, 3000)) * (rng.random((rows, 3000)) < 0.02)
           * rng.integers(1, 9, (rows, 3000))).astype(np.float32)
    mat[0] = 0.0  # a sentence of stopwords only stays zero
    whole = mat / np.maximum(np.linalg.norm(mat, axis=1, keepdims=True), 1e-12)
    assert np.array_equal(normalize_rows(mat), whole)
    assert np.array_equal(normalize_rows(mat.copy(), in_place=True), whole)


def test_token_table_gives_the_lists_at_4_bytes_a_token(monkeypatch):
    """The pool's token lists of a long text (91 MB for a 50 MB text's sentences, 270 bytes
    each) are word numbers in one array, each list made again when asked."""
    import summarizer.summarizers.candidates as candidates
    from summarizer.summarizers.candidates import TokenTable

    pool = prepare(Cluster([Document(long_text(6000))]))
    assert isinstance(pool.tokens, list)  # a news cluster's size keeps lists
    monkeypatch.setattr(candidates, "TABLE_FROM", 6000)
    listed, pool = pool, prepare(Cluster([Document(long_text(6000))]))
    lists = [unicode_tokens(s.text) for s in pool.sentences]
    assert isinstance(pool.tokens, TokenTable) and listed.tokens == lists
    assert listed.sentences == pool.sentences and listed.stopwords == pool.stopwords
    assert list(pool.tokens) == lists == [pool.tokens[i] for i in range(len(lists))]
    assert pool.tokens[-1] == lists[-1] and pool.tokens[np.int64(3)] == lists[3]
    assert pool.tokens[2:9:3] == lists[2:9:3]
    with pytest.raises(IndexError):
        pool.tokens[len(lists)]
    assert len({id(w) for t in pool.tokens for w in t}) == len(pool.tokens.words)
    n_tokens = sum(map(len, lists))

    def table_of(lists):
        table = TokenTable(lists)
        table.seal()
        return table

    with traced_memory() as mem:
        table = table_of(lists)
    assert list(table) == lists
    assert mem.held < 5 * n_tokens + 20 * len(lists), (mem.held, n_tokens)  # as lists: 3.8 MB here


def test_few_long_sentences_keep_their_tokens_as_word_numbers(monkeypatch):
    """Text without sentence punctuation (a transcript) splits into few, long sentences:
    their token lists, a str object per word (47 MiB for 5 MB, 9 times the text), become a
    TokenTable once they hold TOKENS_FROM tokens, with the same tokens and summaries."""
    import summarizer.summarizers.candidates as candidates
    from summarizer.sentences import split
    from summarizer.summarizers.candidates import TokenTable

    # long sentences left whole, as the splitter left them before it cut them into pieces
    # of 50 words: a few of them are what fills the token lists
    monkeypatch.setattr(split, "LONG_SENTENCE_WORDS", 10**9)
    cluster = Cluster([Document(long_text(600).replace(".", "") + ".\n\n"
                                + long_text(200, seed=1))])
    monkeypatch.setattr(candidates, "TOKENS_FROM", 10**9)
    listed = prepare(cluster)
    got = {m: get_summarizer(m).summarize(cluster, Budget(words=100)).to_dict()
           for m in ("lead", "coverage", "lexrank")}
    monkeypatch.setattr(candidates, "TOKENS_FROM", 2000)
    pool = prepare(cluster)
    assert isinstance(listed.tokens, list) and isinstance(pool.tokens, TokenTable)
    assert len(pool.tokens) < 250 and max(map(len, listed.tokens)) > 10_000  # long ones
    assert list(pool.tokens) == listed.tokens == [unicode_tokens(s.text)
                                                  for s in pool.sentences]
    assert pool.sentences == listed.sentences and pool.stopwords == listed.stopwords
    for method, before in got.items():
        after = get_summarizer(method).summarize(cluster, Budget(words=100)).to_dict()
        for d in (before, after):
            d["settings"].pop("solver_seconds", None)
        assert after == before, method


@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "dd", "e"]), max_size=6),
                max_size=12), st.integers(0, 30))
@settings(max_examples=200, deadline=None)
def test_token_lists_turned_to_a_table_on_the_way_stay_the_same(lists, bound):
    import summarizer.summarizers.candidates as candidates

    old, candidates.TOKENS_FROM = candidates.TOKENS_FROM, bound
    try:
        tokens: list = []
        held = 0
        for toks in lists:
            tokens, held = candidates._kept(tokens, list(toks), held)
    finally:
        candidates.TOKENS_FROM = old
    assert list(tokens) == lists and len(tokens) == len(lists)
    # a table from the list that brings the count to the bound on
    assert isinstance(tokens, candidates.TokenTable) == (bool(lists)
                                                         and sum(map(len, lists)) >= bound)


def test_token_table_drops_and_adds_lists():
    from summarizer.summarizers.candidates import TokenTable

    lists = [["a", "b"], [], ["c"], ["a", "d", "e"], ["b"]]
    table = TokenTable(lists)
    table.seal()
    table.drop({1, 3})
    table.append(["f", "a"])
    assert list(table) == [["a", "b"], ["c"], ["b"], ["f", "a"]]
    assert table.words == ["a", "b", "c", "d", "e", "f"]
    table.drop({0, 1, 2, 3})
    assert list(table) == [] and len(table) == 0


@pytest.mark.slow
def test_a_token_list_edited_in_place_is_a_type_error(tmp_path):
    # table[i] is a new list at every call: an edit in place was silently lost. The lists
    # are typed read-only (Sequence[str]), so mypy, which the suite runs over the package,
    # refuses such an edit, for a TokenTable and for a pool's tokens alike (no runtime cost)
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    import subprocess
    import sys
    from pathlib import Path

    from test_api import MYPY_CONFIG

    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    (tmp_path / "edit.py").write_text(
        "from summarizer.summarizers.candidates import Pool, TokenTable\n\n\n"
        "def edit(table: TokenTable, pool: Pool) -> None:\n"
        "    table[0].append('x')\n"
        "    pool.tokens[0][0] = 'y'\n"
        "    for tokens in table:\n"
        "        tokens.clear()\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(tmp_path / "mypy.ini"),
                           "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "edit.py")],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.count("error:") == 3, done.stdout
    assert '"Sequence[str]" has no attribute "append"' in done.stdout, done.stdout


def reference_lead_scores(pool, mode: str) -> np.ndarray:
    """lead's scores as they were made: a list of every rank and of every score."""
    seen: dict[int, int] = {}
    ranks = []
    for s in pool.sentences:
        ranks.append(seen.get(s.doc_index, 0))
        seen[s.doc_index] = ranks[-1] + 1
    n_docs = max(pool.doc_order) + 1
    if mode == "newest":
        top = max(pool.doc_order[s.doc_index] for s in pool.sentences)
        newest = max(s.doc_index for s in pool.sentences if pool.doc_order[s.doc_index] == top)
        return np.array([(-r if s.doc_index == newest else -1e9)
                         for s, r in zip(pool.sentences, ranks, strict=True)], dtype=float)
    return np.array([-(r * n_docs + pool.doc_order[s.doc_index])
                     for s, r in zip(pool.sentences, ranks, strict=True)], dtype=float)


def dated_cluster(per_doc: int, dates=("2024-03-01", "2024-01-01", "2024-02-01")) -> Cluster:
    """Documents out of date order, so that chronology and input order differ."""
    return Cluster([Document(long_text(per_doc, seed=k), id=f"d{k}", date=date)
                    for k, date in enumerate(dates)])


@pytest.mark.parametrize("mode", ["round_robin", "newest"])
def test_lead_selection_holds_arrays_not_objects_per_sentence(mode):
    """lead held a list of every sentence's rank in its document and one of every score
    (an int or float object each; 88 bytes a sentence at the selection's peak in
    round_robin, 67 in newest): arrays hold 49, and the scores are the same."""
    pool = prepare(dated_cluster(4000))
    method = get_summarizer("lead", mode=mode)
    budget = Budget(words=100)
    first = method.select(pool, "tfidf", budget)  # what loads once loads here
    with traced_memory() as mem:
        again = method.select(pool, "tfidf", budget)
    assert mem.peak / len(pool) < 60, mem.peak / len(pool)
    assert np.array_equal(again[2], reference_lead_scores(pool, mode))
    assert again[:2] == first[:2] and all(type(i) is int for i in again[0])


def test_extractive_ranking_holds_no_sort_key_per_sentence(monkeypatch):
    """The score methods' selection sorted with a key tuple per sentence (180 bytes a
    sentence at its peak, scores given): np.lexsort holds 33, in the same order."""
    pool = prepare(dated_cluster(4000))
    method = get_summarizer("centroid", representation="tfidf")
    scores = np.random.default_rng(0).integers(0, 5, len(pool)).astype(float)  # many ties
    monkeypatch.setattr(method, "scores", lambda pool, kind: scores)
    budget = Budget(words=100)
    first = method.select(pool, "tfidf", budget)
    with traced_memory() as mem:
        again = method.select(pool, "tfidf", budget)
    assert again[:2] == first[:2] and all(type(i) is int for i in again[0])
    assert mem.peak / len(pool) < 60, mem.peak / len(pool)


def test_rank_by_score_is_the_sort_on_score_then_coherent_order():
    """Ties (and -0.0 against 0.0) go by chronology, then position, then pool order."""
    pool = prepare(dated_cluster(300))
    rng = np.random.default_rng(1)
    for scores in (rng.integers(-2, 3, len(pool)).astype(float) * 0.0,  # all tied, signed zeros
                   rng.integers(-2, 3, len(pool)).astype(float),
                   rng.random(len(pool))):
        expected = sorted(range(len(pool)), key=lambda i: (-scores[i], pool.coherent_key(i)))
        assert pool.rank_by_score(scores).tolist() == expected


def test_doc_ranks_are_the_chronological_rank_of_each_sentences_document():
    """One home for a sentence's chronological rank (lead's scores and rank_by_score)."""
    pool = prepare(dated_cluster(50))
    expected = [pool.doc_order[s.doc_index] for s in pool.sentences]
    assert pool.doc_ranks().tolist() == expected
    assert pool.doc_ranks(pool.doc_indices()).tolist() == expected
    assert sorted(set(expected)) == [0, 1, 2] and expected != sorted(expected, reverse=True)


def test_ilp_candidates_are_the_sort_on_density_then_position():
    """ilp sorted its candidates with a key tuple per sentence, (-score / cost, j); one
    stable argsort gives the same order, ties (and signed zeros) included."""
    from summarizer.summarizers.ilp import densest

    rng = np.random.default_rng(2)
    n = 500
    for scores in (rng.integers(-2, 3, n).astype(float) * 0.0,  # all tied, signed zeros
                   rng.integers(0, 4, n).astype(float),  # many ties
                   rng.random(n)):
        costs = rng.integers(1, 4, n).astype(float)
        eligible = rng.random(n) < 0.7
        for cap in (0, 7, 100, n):
            fits = [j for j in range(n) if eligible[j]]
            fits.sort(key=lambda j: (-scores[j] / costs[j], j))
            assert densest(scores, costs, eligible, cap) == sorted(fits[:cap])


@pytest.mark.parametrize("threshold", [None, 0.1])
def test_lexrank_keeps_no_similarity_matrix(threshold):
    """lexrank's similarity matrix stayed in the pool's cache until its summary was made,
    read by nobody (with the pool's TF-IDF vectors, the 36 MB lexrank held beyond lead at
    50 MB): it is now lexrank's own, the transition matrix; the scores are the same."""
    from summarizer.summarizers.features import cosine_matrix
    from summarizer.summarizers.graph import pagerank

    pool = prepare(dated_cluster(200))
    method = get_summarizer("lexrank", threshold=threshold)
    kind = pool.representation(method.representation)
    pool.vectors(kind, method.encoder)  # what loads once loads here
    with traced_memory() as mem:
        scores = method.scores(pool, kind)
    assert not [key for key in pool._cache if key.startswith("sim:")]
    n = len(pool)
    assert mem.held < 2 * n * 8, mem.held  # the scores and a little: no n x n matrix (4 n^2 bytes)
    sim = cosine_matrix(pool.vectors(kind, method.encoder))
    expected = pagerank(np.where(sim < threshold, 0.0, sim) if threshold is not None else sim,
                        method.damping)
    assert np.array_equal(scores, expected)


def test_a_similarity_not_kept_is_the_callers_own():
    pool = prepare(dated_cluster(30))
    kept = pool.similarity("tfidf")
    own = pool.similarity("tfidf", keep=False)
    assert np.array_equal(own, kept) and own is not kept
    own[:] = 0.0  # a caller may write over its own
    assert pool.similarity("tfidf") is kept and kept.any()


def test_mmr_keeps_no_similarity_matrix():
    """mmr's similarity matrix stayed in the pool's cache after its selection, as lexrank's
    did, read by nobody: it is now mmr's own; the selection is the same."""
    pool = prepare(dated_cluster(200))
    method = get_summarizer("mmr")
    kind = pool.representation(method.representation)
    pool.vectors(kind, method.encoder)  # what loads once loads here
    budget = Budget(words=120)
    with traced_memory() as mem:
        chosen, cut, scores = method.select(pool, kind, budget)
    assert not [key for key in pool._cache if key.startswith("sim:")]
    n = len(pool)
    # a quarter of the n x n float32 matrix (4 n^2 bytes): what else the run's first
    # selection loads (27 KB in a full tests/summarizers run) stays far below it
    assert mem.held < n * n, mem.held
    kept = prepare(dated_cluster(200))
    kept.similarity(kind, method.encoder)  # in the cache: what mmr read before
    assert method.select(kept, kind, budget)[:2] == (chosen, cut) and chosen


def test_lexrank_lets_its_vectors_go_before_pagerank():
    """LexRank's TF-IDF vectors are read only to make its similarity matrix: kept in the
    pool's cache they were held through PageRank (its float32 matrix and float64 copy), the
    peak of a long input's lexrank summary (347 MB at 50 MB of news; the vectors of 2,000
    sentences 30 MB). mmr, which reads the vectors itself, still finds them cached."""
    from summarizer.summarizers.lexrank import LexRankSummarizer

    rng = np.random.default_rng(3)
    vocab = [f"word{k}" for k in range(2000)]
    text = " ".join("The " + " ".join(rng.choice(vocab, size=12)) + f" report {k}."
                    for k in range(1000))
    pool = prepare(Cluster(documents=[Document(text=text, id="d")], language="english"))
    vectors = pool.vectors("tfidf").nbytes
    scores = LexRankSummarizer().scores(pool, "tfidf")  # with the vectors cached
    pool._cache.clear()
    with traced_memory() as mem:
        again = LexRankSummarizer().scores(pool, "tfidf")
    assert np.array_equal(scores, again)
    n = len(pool)
    held_before = vectors + n * n * (4 + 8)  # vectors, float32 matrix, float64 copy
    assert vectors > n * n * 4  # the vectors outweigh the float32 matrix here
    assert mem.peak < 0.85 * held_before, (mem.peak / held_before, mem.peak, held_before)
    assert not [k for k in pool._cache if k.startswith("vec:")]
    pool.vectors("tfidf")
    pool.similarity("tfidf", keep=False)  # mmr's order: vectors first, then its matrix
    assert [k for k in pool._cache if k.startswith("vec:")]


def test_vectors_of_two_row_sets_are_never_one_cache_entry():
    """The cache keyed row sets by hash(tuple(rows)); hash(-1) == hash(-2) in CPython, so
    the rows [-2] got the vectors cached for [-1]."""
    pool = prepare(Cluster([Document("The council met on Monday. The mayor spoke at length. "
                                     "Rain fell over the city all week.")]))
    last = pool.vectors("tfidf", rows=[-1])
    before_last = pool.vectors("tfidf", rows=[-2])
    assert np.array_equal(last, pool.vectors("tfidf", rows=[len(pool) - 1]))
    assert np.array_equal(before_last, pool.vectors("tfidf", rows=[len(pool) - 2]))
    assert not np.array_equal(last, before_last)


def test_prepare_of_one_word_documents_holds_no_object_a_document_for_their_order():
    """A text split at every space (batch --separator " ") gives one-word documents, none
    summary material: prepare made every sentence's token list at once to find those with
    a token, a (date, index) pair for each document, and kept its chronological rank as an
    int object (812,000 documents of a 5 MB text: 90 MB of lists, 60 of pairs, 23 held)."""
    words = [f"{WORDS[k % len(WORDS)]}{k}" for k in range(30_000)]
    cluster = Cluster([Document(w, id=f"d{k}") for k, w in enumerate(words)])
    prepare(Cluster([Document(w, id=w) for w in words[:200]]))  # the splitter loads once
    with traced_memory() as mem:
        pool = prepare(cluster)
    assert len(pool) == len(words) and list(pool.doc_order) == list(range(len(words)))
    assert [list(t) for t in pool.tokens[:3]] == [unicode_tokens(w) for w in words[:3]]
    # the pool: a sentence (96 bytes), its document's index (32), its word (a new one each
    # here, in the token table) and list slots
    assert mem.held / len(pool) < 258, mem.held / len(pool)  # 243; with the ranks, 274
    assert mem.peak / len(pool) < 380, mem.peak / len(pool)  # 319; with the lists, 447


@pytest.mark.parametrize("dates", [["2024-03-01", "2024-01-01", "2024-02-01", "2024-01-01"],
                                   ["2024-03-01", None, "2024-02-01", "2024-01-01"]])
def test_the_chronological_ranks_are_by_date_then_input_order_or_input_order(dates):
    docs = [Document(f"Report {k} came in from the port today. It was busy there all day.",
                     id=f"d{k}", date=date) for k, date in enumerate(dates)]
    order = prepare(Cluster(docs)).doc_order
    assert list(order) == ([3, 0, 2, 1] if all(dates) else [0, 1, 2, 3])


@pytest.mark.parametrize("method, copies", [("coverage", 600), ("lexrank", 2010), ("ilp", 200)])
def test_copies_updated_in_one_number_do_not_crowd_the_capped_pool(method, copies):
    # the caps (coverage's 500 candidates, the pairwise methods' 2,000 sentences, ilp's 150)
    # filled with variants of one sentence, of which the near-duplicate rule lets one in:
    # the summary was that sentence alone, 14 of 100 words
    from summarizer import summarize

    article = ("Rescue teams reached the flooded villages in the north of the province on "
               "Monday morning. The regional governor said that {n} people had been moved to "
               "emergency shelters overnight. Engineers warned that the old river dam could "
               "fail if the heavy rain continued into the week. Aid agencies appealed for "
               "clean water, blankets and medicine for the displaced families. The national "
               "weather service expects the storms to ease by Thursday afternoon.")
    summary = summarize([article.format(n=1000 + i) for i in range(copies)], method, words=100)
    assert len(summary.sentences) >= 4 and len(summary.text.split()) >= 60
