"""Near-duplicate sentences from different articles never both appear."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import ALL_METHODS

from summarizer.documents.model import Cluster, Document
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.redundancy import Redundancy

FACT = "The bridge over the Elbe collapsed on Sunday night after weeks of heavy rain, police said."
FACT2 = "Police said the bridge over the Elbe collapsed on Sunday night following weeks of heavy rain."


def wire_cluster() -> Cluster:
    """Four articles that all carry (nearly) the same key sentence."""
    fillers = [
        "Divers searched the river for survivors throughout Monday.",
        "The city council will meet on Tuesday to discuss repairs to the bridge.",
        "Traffic was diverted through the northern suburbs for the rest of the week.",
        "Engineers had warned about cracks in the bridge pillars last year.",
    ]
    texts = [
        f"{FACT} {fillers[0]} {fillers[1]}",
        f"{FACT2} {fillers[2]}",
        f"{FACT.replace('police said', 'according to police')} {fillers[3]}",
        f"{FACT} Residents described hearing a loud bang before the collapse.",
    ]
    return Cluster(documents=[Document(text=t, id=f"w{i}") for i, t in enumerate(texts)])


def bridge_sentences(summary) -> int:
    return sum("bridge over the Elbe collapsed" in s.text for s in summary.sentences)


@pytest.mark.parametrize("method", ALL_METHODS)
def test_near_duplicates_never_both_selected(method):
    cluster = wire_cluster()
    # a budget that could hold every sentence: only the rule keeps duplicates out
    summary = get_summarizer(method).summarize(cluster, Budget(words=400))
    assert bridge_sentences(summary) == 1
    assert len(summary.sentences) >= 4


def test_lexical_rule_flags_reworded_copy_but_not_related_sentence():
    pool = prepare(wire_cluster())
    red = Redundancy(pool, lexical=0.7, semantic=None)
    idx = {s.text: i for i, s in enumerate(pool.sentences)}
    fact2 = idx[FACT2]
    first = [i for i, s in enumerate(pool.sentences) if s.text == FACT][0]
    assert red.duplicate(fact2, [first])
    other = [i for i, s in enumerate(pool.sentences) if s.text.startswith("Engineers")][0]
    assert not red.duplicate(other, [first])


def test_semantic_rule_uses_embedding_threshold():
    pool = prepare(wire_cluster())
    emb = np.eye(len(pool), dtype=np.float32)
    emb[1] = emb[0]  # pretend sentence 1 means exactly what sentence 0 means
    red = Redundancy(pool, lexical=1.01, semantic=0.9, embeddings=emb)
    assert red.duplicate(1, [0]) and not red.duplicate(2, [0])


def test_lexical_similarity_is_the_cosine_of_content_word_counts():
    # cached counts and norms: the same number as the cosine written out, both orders
    import math
    from collections import Counter

    pool = prepare(wire_cluster())
    red = Redundancy(pool, semantic=None)
    for i in range(len(pool)):
        for j in range(len(pool)):
            a, b = (Counter([t for t in pool.tokens[k] if t not in pool.stopwords]
                            or pool.tokens[k]) for k in (i, j))
            dot = sum(v * b[w] for w, v in a.items())
            want = dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
            assert red.lexical_similarity(i, j) == red.lexical_similarity(j, i) == want
    assert red.lexical_similarity(0, 0) == 1.0


def pairwise(red: Redundancy, items: list[int]) -> list[tuple[int, int]]:
    """What ilp asked before refused_pairs: each pair, one by one."""
    return [(a, b) for a in range(len(items)) for b in range(a + 1, len(items))
            if red.duplicate(items[a], [items[b]])]


class _Pool:  # what the rule reads of a pool
    stopwords = frozenset({"the", "of"})

    def __init__(self, tokens: list[list[str]]) -> None:
        self.tokens = tokens


WORDS = st.sampled_from(["the", "of", "rain", "flood", "river", "police", "bridge", "said"])


@settings(max_examples=150, deadline=None)
@given(tokens=st.lists(st.lists(WORDS, max_size=6), min_size=0, max_size=12),
       lexical=st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0, 1.1]),
       semantic=st.sampled_from([None, 0.0, 0.5, 0.9]),
       dtype=st.sampled_from([np.float16, np.float32, np.float64]),
       seed=st.integers(0, 2**16), data=st.data())
def test_refused_pairs_are_the_pairwise_answer(tokens, lexical, semantic, dtype, seed, data):
    # refused_pairs sieves all the pairs at once and asks duplicate() about the near
    # ones: its answer must be the one-by-one loop's, in its order
    n = len(tokens)
    items = data.draw(st.permutations(range(n))) if n else []
    rng = np.random.default_rng(seed)
    emb = None
    if semantic is not None:
        emb = rng.normal(size=(n, 16))
        emb[: n // 2] = emb[0] + 0.1 * rng.normal(size=(n // 2, 16)) if n else emb[:0]
        emb = (emb / np.linalg.norm(emb, axis=1, keepdims=True)).astype(dtype)
    red = Redundancy(_Pool(tokens), lexical, semantic, emb)  # type: ignore[arg-type]
    assert red.refused_pairs(items) == pairwise(red, items)


def rounded_up_pair(dim: int = 384) -> np.ndarray:
    """Two float32 unit vectors whose float32 dot product (duplicate's) lies above their
    exact one: a sieve in float64 without slack sees that pair below the threshold."""
    rng = np.random.default_rng(3)
    for _ in range(1000):
        e = rng.normal(size=(2, dim)).astype(np.float32)
        e[1] = e[0] + 0.5 * e[1]
        e /= np.linalg.norm(e, axis=1, keepdims=True)
        if float(e[0] @ e[1]) > float(e[0].astype(float) @ e[1].astype(float)):
            return e
    raise AssertionError("no such pair in 1000 tries")


def test_a_pair_exactly_at_either_threshold_is_refused_as_duplicate_refuses_it():
    # identical sentences: dot / sqrt(na * nb) is 1.0, dot / (sqrt(na) * sqrt(nb)) can be
    # a bit less
    same = [["rain", "flood"], ["rain", "flood"], ["bridge", "said"]]
    red = Redundancy(_Pool(same), 1.0, None)  # type: ignore[arg-type]
    assert red.refused_pairs([0, 1, 2]) == pairwise(red, [0, 1, 2]) == [(0, 1)]
    # a float32 dot product rounded up onto the threshold
    tokens = [["rain", "flood", "river"], ["bridge", "said"], ["police", "said"]]
    emb = np.vstack([rounded_up_pair(), np.eye(384, dtype=np.float32)[:1]])
    semantic = float(emb[0] @ emb[1])  # as duplicate() computes it, float32
    red = Redundancy(_Pool(tokens), 1.1, semantic, emb)  # type: ignore[arg-type]
    assert red.refused_pairs([0, 1, 2]) == pairwise(red, [0, 1, 2]) == [(0, 1)]
    # through rows: the embeddings of a pruned pool, asked in another order
    part = Redundancy(_Pool(tokens), 1.1, semantic, emb[[1, 0]], rows=[1, 0])  # type: ignore[arg-type]
    assert part.refused_pairs([1, 0]) == pairwise(part, [1, 0]) == [(0, 1)]
