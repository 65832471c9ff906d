"""Memory of map-reduce's bookkeeping per input sentence (a model that costs nothing).

A word-level tokenizer and a stand-in generator (each output the first words of its input),
so that what tracemalloc sees is the strategy's own objects: on a 50 MB input (336,000
sentences) every byte a sentence is a third of a MB.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from helpers import traced_memory

from summarizer.sentences.split import Sentence
from summarizer.summarizers.abstractive.generation import Generated
from summarizer.summarizers.abstractive.strategies import (
    Accounting,
    Run,
    StrategyOptions,
    map_reduce,
)

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi".split()


@pytest.fixture(scope="module")
def word_tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {"[UNK]": 0, ".": 1, **{w: i + 2 for i, w in enumerate(WORDS)}}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]")


class FirstWords:
    """What map_reduce asks of a Generator; a "summary" is its input's first 20 words."""

    def __init__(self, tokenizer) -> None:
        self.loaded = SimpleNamespace(tokenizer=tokenizer, name="first-words",
                                      family=SimpleNamespace(doc_separator=" "))

    def input_limit(self, max_new_tokens: int, words: int = 100) -> int:
        return 200

    def generate(self, texts, max_new_tokens, min_new_tokens, words, label=None):
        return [Generated(" ".join(t.split()[:20]), 0, 20, False) for t in texts]


def sentences(n: int) -> list[Sentence]:
    """``n`` sentences of 10 tokens, 100 to a document."""
    out = []
    for i in range(n):
        text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(9)) + "."
        out.append(Sentence(text, f"d{i // 100}", i // 100, i % 100, 0, len(text)))
    return out


@pytest.mark.parametrize("overlap", [0, 1])
def test_map_reduce_bookkeeping_per_sentence(word_tokenizer, overlap):
    """What a chunk stands for is its own list of keys, and a later round's chunk the lists of
    its partial summaries, not a set made each round (52 bytes a sentence at the first round,
    37 more while the next made its unions): 335-347 bytes a sentence before, 296 now.
    The same sources either way: the sentences whose text reached the final call."""
    def run(n: int):
        sents = sentences(n)
        return Run(generator=FirstWords(word_tokenizer), cluster=None,  # type: ignore[arg-type]
                   sentences=sents, counts=[10] * n, words=50, final_new_tokens=40,
                   min_new_tokens=None, options=StrategyOptions(overlap=overlap))

    small_run, large_run = run(5000), run(25000)  # made before tracing: the caller's
    with traced_memory() as small:
        map_reduce(small_run)
    with traced_memory() as large:
        out = map_reduce(large_run)
    assert out.coverage["rounds"] > 2 and out.coverage["seen_sentences"] == 25000
    assert len(out.sources) == 25000  # no partial summary was empty or left out
    grown = (large.peak - small.peak) / 20000
    assert grown < 315, grown


def test_coverage_report_makes_no_copy_of_every_sentence():
    """The report reads the sentences once: a list of every key and a dict of every count
    were 110 bytes a sentence above what the report holds."""
    n = 20000
    sents = sentences(n)
    acct = Accounting(sents, [10] * n)
    acct.seen.update((s.doc_id, s.index) for s in sents[:-10])
    acct.partly.add(("d0", 0))
    acct.dropped.update({(s.doc_id, s.index): "over the limit" for s in sents[-10:]})
    with traced_memory() as mem:
        report = acct.report()
    assert report["seen_sentences"] == n - 10 and report["seen_tokens"] == (n - 11) * 10
    assert [d["tokens"] for d in report["dropped"]] == [10] * 10
    assert report["dropped"][0] == {"doc_id": "d199", "index": 90, "tokens": 10,
                                    "reason": "over the limit"}
    assert report["seen"]["d0"] == list(range(100))
    assert mem.peak / n < 40, mem.peak / n
