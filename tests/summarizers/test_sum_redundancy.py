"""Near-duplicate sentences from different articles never both appear."""

from __future__ import annotations

import numpy as np
import pytest
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
