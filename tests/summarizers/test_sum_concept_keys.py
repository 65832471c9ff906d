"""extract_concepts counts bigrams as numbers, a block of sentences at a time: the same
concepts, the same weights to the last bit and the same ids per sentence as one running sum
per bigram over the sentences in order, whatever the blocks' size (a document or a
sentence's bigrams cut by a block's end)."""

from __future__ import annotations

import numpy as np
import pytest

import summarizer.summarizers.concepts as concepts
from summarizer.summarizers.candidates import TokenTable

WORDS = ["the", "of", "a", "storm", "city", "mayor", "said", "rain", "river", "bridge",
         "closed", "flood", "water", "police", "road", "north", "Storm", "école", "x1"]
STOP = frozenset({"the", "of", "a", "said"})


def _sentences(n: int, seed: int) -> tuple[list[list[str]], list[int]]:
    rng = np.random.default_rng(seed)
    tokens = [[str(w) for w in rng.choice(WORDS, size=int(rng.integers(0, 9)))]
              for _ in range(n)]
    docs = sorted(int(d) for d in rng.integers(0, 4, size=n))  # runs of 4 documents
    return tokens, docs


def _by_definition(tokens, docs, min_df, decay, units, doc_weights):
    """The weights as the sentence-by-sentence loop sums them: per unit (document, or
    sentence of one document), what its first sentence holding a concept adds."""
    grams = concepts.concept_grams(STOP, None, units=units)
    multi = len(set(docs)) > 1
    need = min(min_df, len(set(docs))) if multi else 2
    found: dict = {}
    first = 0
    for k, t in enumerate(tokens):
        if k and docs[k] != docs[k - 1]:
            first = k
        unit = docs[k] if multi else k
        scale = doc_weights[docs[k]] if doc_weights else 1.0
        for g in grams(t):
            units_of, weight = found.get(g, (set(), 0.0))
            if unit not in units_of:
                units_of.add(unit)
                weight += scale * (1.0 + k - first) ** -decay
            found[g] = (units_of, weight)
    names = sorted(g for g, (u, _) in found.items() if len(u) >= need)
    ids = {g: i for i, g in enumerate(names)}
    per = [sorted({ids[g] for g in grams(t) if g in ids}) for t in tokens]
    return names, [found[g][1] for g in names], per


@pytest.mark.parametrize("block", [1, 5, 40, 1 << 17])
@pytest.mark.parametrize("min_df,decay,units,weighted,one_doc", [
    (2, 1.0, "bigrams", False, False), (1, 0.5, "both", True, False),
    (3, 2.0, "unigrams", False, False), (2, 1.0, "bigrams", False, True)])
def test_concepts_are_those_of_the_running_sums_whatever_the_blocks(
        monkeypatch, block, min_df, decay, units, weighted, one_doc):
    tokens, docs = _sentences(300, seed=block + min_df)
    if one_doc:
        docs = [0] * len(docs)
    doc_weights = {d: 0.3 + 0.17 * d for d in set(docs)} if weighted else None
    monkeypatch.setattr(concepts, "_BLOCK_TOKENS", block)
    want = _by_definition(tokens, docs, min_df, decay, units, doc_weights)
    for given in (tokens, TokenTable(tokens)):  # lists, and a long input's word numbers
        con = concepts.extract_concepts(given, docs, STOP, min_df, decay, doc_weights=doc_weights,
                                        concept_units=units)
        assert con.names == want[0]
        assert con.weights.tolist() == want[1]  # bit for bit: the same additions in order
        assert [r.tolist() for r in con.per_sentence] == want[2]
    assert len(want[0]) > 10
