"""Token-aware chunking with a word-level tokenizer (one token per word), so
every count in these tests can be checked by hand."""

from __future__ import annotations

import pytest
from helpers import traced_memory

from summarizer.chunks import pack_sentences, split_on_tokens, token_counts
from summarizer.documents.model import Cluster
from summarizer.errors import OptionError
from summarizer.sentences.split import Sentence, split_cluster

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi".split()


@pytest.fixture(scope="module")
def word_tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[PAD]": 3, "<doc-sep>": 4, ".": 5}
    for w in WORDS:
        vocab[w] = len(vocab)
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()]
    )
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)]
    )
    return PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=16, unk_token="[UNK]",
                                   pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                                   additional_special_tokens=["<doc-sep>"])


def sent(doc: str, i: int, n_words: int) -> Sentence:
    """A sentence of ``n_words`` words plus a full stop: n_words + 1 tokens."""
    text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(n_words)) + "."
    return Sentence(text, doc, 0, i, 0, len(text))


def keys(chunks):
    return [k for c in chunks for k in c.sentences]


def test_counts_are_batched_and_silent_for_long_text(word_tokenizer, capfd):
    long = " ".join(WORDS * 10)  # 140 tokens, far over model_max_length=16
    assert token_counts(word_tokenizer, ["alpha beta.", long]) == [3, 140]
    assert "longer than the specified maximum" not in capfd.readouterr().err


def test_counts_tokenise_a_bounded_slice_at_a_time(word_tokenizer, monkeypatch):
    # one call on all sentences held every encoding at once: +568 MB for 10 MB of text
    # (about 2.8 GB for 50 MB); slices of 2,048 texts held 74 MB for sentences but +80 MB
    # for chunks of 250 tokens: they are cut by characters
    from summarizer.chunks import packing

    monkeypatch.setattr(packing, "COUNT_CHARS", 16)
    calls = []

    def counting(texts, **kw):
        calls.append(texts)
        return word_tokenizer(texts, **kw)

    texts = [" ".join(WORDS[:n]) for n in range(1, 11)]
    assert token_counts(counting, texts) == list(range(1, 11))
    assert [t for call in calls for t in call] == texts and len(calls) == 9
    assert all(sum(map(len, call)) <= 16 or len(call) == 1 for call in calls)


def test_whole_sentences_packed_in_order_within_limit(word_tokenizer):
    sents = [sent("a", i, n) for i, n in enumerate([3, 4, 2, 5, 1, 3, 6])]  # 4,5,3,6,2,4,7 tokens
    result = pack_sentences(sents, word_tokenizer, limit=10)
    assert keys(result.chunks) == [("a", i) for i in range(7)]  # each once, in order
    assert [len(c.sentences) for c in result.chunks] == [2, 2, 2, 1]  # 9, 9, 6, 7 tokens
    for c in result.chunks:
        assert c.n_tokens == len(word_tokenizer(c.text, add_special_tokens=False)["input_ids"])
        assert c.n_tokens <= 10
    assert not result.splits
    assert result.total_tokens == 31


def test_chunks_do_not_straddle_documents_unless_asked(word_tokenizer):
    sents = [sent("a", 0, 2), sent("a", 1, 2), sent("b", 0, 2), sent("b", 1, 2)]  # 3 tokens each
    apart = pack_sentences(sents, word_tokenizer, limit=50)
    assert [c.doc_ids for c in apart.chunks] == [["a"], ["b"]]
    joined = pack_sentences(sents, word_tokenizer, limit=50, cross_documents=True,
                            doc_separator=" <doc-sep> ")
    assert len(joined.chunks) == 1 and joined.chunks[0].doc_ids == ["a", "b"]
    assert joined.chunks[0].text.count("<doc-sep>") == 1
    assert joined.chunks[0].n_tokens == 13  # 4 sentences of 3 tokens + 1 separator
    # the separator's token counts against the limit
    tight = pack_sentences(sents, word_tokenizer, limit=12, cross_documents=True,
                           doc_separator=" <doc-sep> ")
    assert all(c.n_tokens <= 12 for c in tight.chunks) and len(tight.chunks) == 2


def test_overlap_repeats_sentences_within_a_document(word_tokenizer):
    sents = [sent("a", i, 2) for i in range(6)]  # 3 tokens each
    result = pack_sentences(sents, word_tokenizer, limit=9, overlap=1)
    chunks = result.chunks
    assert [c.sentences[0][1] for c in chunks[1:]] == [c.sentences[-1][1] for c in chunks[:-1]]
    assert all(c.overlap == 1 for c in chunks[1:]) and chunks[0].overlap == 0
    assert sorted(set(keys(chunks))) == [("a", i) for i in range(6)]
    other_doc = pack_sentences(sents[:3] + [sent("b", 0, 2)], word_tokenizer, limit=9, overlap=1)
    assert other_doc.chunks[-1].sentences == [("b", 0)]  # no overlap across documents


def test_overlong_sentence_is_split_on_token_boundaries_and_reported(word_tokenizer):
    sents = [sent("a", 0, 2), sent("a", 1, 25), sent("a", 2, 2)]  # 3, 26, 3 tokens
    result = pack_sentences(sents, word_tokenizer, limit=10)
    assert [(s.doc_id, s.index, s.n_tokens, s.pieces) for s in result.splits] == [("a", 1, 26, 3)]
    pieces = [c for c in result.chunks if c.piece is not None]
    assert [c.piece for c in pieces] == [(0, 3), (1, 3), (2, 3)]
    assert " ".join(c.text for c in pieces).replace(" .", ".") == sents[1].text
    assert all(c.n_tokens <= 10 for c in result.chunks)
    assert keys(result.chunks).count(("a", 1)) == 3  # every piece remembers its sentence
    assert split_on_tokens(word_tokenizer, "alpha beta gamma", 2) == ["alpha beta", "gamma"]


def test_real_sentences_with_a_bpe_tokenizer(seed_text):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.train_from_iterator([seed_text], trainers.BpeTrainer(
        vocab_size=400, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
    tok = PreTrainedTokenizerFast(tokenizer_object=raw)
    sentences = split_cluster(Cluster.from_texts([seed_text, seed_text]))
    result = pack_sentences(sentences, tok, limit=120)
    assert sorted(set(keys(result.chunks))) == sorted((s.doc_id, s.index) for s in sentences)
    measured = token_counts(tok, [c.text for c in result.chunks])
    assert max(measured) <= 120 and measured == [c.n_tokens for c in result.chunks]
    assert all(len(c.doc_ids) == 1 for c in result.chunks)


def test_bad_limit(word_tokenizer):
    with pytest.raises(ValueError):
        pack_sentences([sent("a", 0, 2)], word_tokenizer, limit=0)


def test_documents_are_packed_together_in_the_fewest_chunks(word_tokenizer):
    # a: 6 tokens, b: 9, c: 6 (3-token sentences); one separator token between documents
    sents = ([sent("a", i, 2) for i in range(2)] + [sent("b", i, 2) for i in range(3)]
             + [sent("c", i, 2) for i in range(2)])
    everything = pack_sentences(sents, word_tokenizer, limit=50, cross_documents=True,
                                doc_separator=" <doc-sep> ")
    assert len(everything.chunks) == 1  # fits one call: one call
    assert everything.chunks[0].doc_ids == ["a", "b", "c"]
    # limit 17: greedy 16 + 6 = 2 chunks; kept whole a+b (16) | c (6): also 2 -> whole
    whole = pack_sentences(sents, word_tokenizer, limit=17, cross_documents=True,
                           doc_separator=" <doc-sep> ")
    assert [c.doc_ids for c in whole.chunks] == [["a", "b"], ["c"]]
    # limit 14: whole documents would need 3 chunks (a | b | c), sentences can do
    # with 2 (a + 2/3 of b | rest of b + c): the fewer calls win, b is cut
    tight = pack_sentences(sents, word_tokenizer, limit=14, cross_documents=True,
                           doc_separator=" <doc-sep> ")
    assert len(tight.chunks) == 2 and all(c.n_tokens <= 14 for c in tight.chunks)
    assert keys(tight.chunks) == [(s.doc_id, s.index) for s in sents]
    # limit 12: a | b | c either way (3 chunks): whole documents kept
    assert [c.doc_ids for c in pack_sentences(
        sents, word_tokenizer, limit=12, cross_documents=True,
        doc_separator=" <doc-sep> ").chunks] == [["a"], ["b"], ["c"]]


@pytest.mark.parametrize("sizes, most", [([], 5), ([9], 5), ([1, 2, 3, 9, 1, 1, 5], 5),
                                         ([5, 5, 5], 5), ([0, 0, 7, 0], 3)])
def test_bounded_slices_cover_everything_in_order_within_the_bound(sizes, most):
    from summarizer.slices import bounded_slices

    slices = list(bounded_slices(sizes, most))
    assert [i for a, b in slices for i in range(a, b)] == list(range(len(sizes)))
    assert all(b > a and (sum(sizes[a:b]) <= most or b == a + 1) for a, b in slices)
    # greedy: the next item would not have fitted
    assert all(sum(sizes[a:b + 1]) > most for a, b in slices[:-1])


@pytest.mark.parametrize("limit", [17, 14])
def test_one_packing_is_held_at_a_time(word_tokenizer, monkeypatch, limit):
    # the greedy and the whole-document packings were both held while compared: two copies
    # of a long input's text as chunks
    import gc
    import weakref

    from summarizer.chunks import packing

    sents = ([sent("a", i, 2) for i in range(2)] + [sent("b", i, 2) for i in range(3)]
             + [sent("c", i, 2) for i in range(2)])
    made: list = []
    chunks = packing._Packing.chunks

    def holding(self, *args):
        gc.collect()
        assert all(ref() is None for ref in made), "an earlier packing is still held"
        for chunk in chunks(self, *args):
            made.append(weakref.ref(chunk))
            yield chunk

    monkeypatch.setattr(packing._Packing, "chunks", holding)
    expected = {17: [["a", "b"], ["c"]], 14: [["a", "b"], ["b", "c"]]}[limit]
    result = pack_sentences(sents, word_tokenizer, limit=limit, cross_documents=True,
                            doc_separator=" <doc-sep> ")
    assert [c.doc_ids for c in result.chunks] == expected


class Reads(list):
    """Sentences that remember the furthest one read."""

    furthest = -1

    def __getitem__(self, i):
        if isinstance(i, int):
            self.furthest = max(self.furthest, i)
        return super().__getitem__(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


@pytest.mark.parametrize("cross", [False, True])
def test_a_chunk_stream_reads_its_sentences_as_its_chunks_are_taken(word_tokenizer,
                                                                     monkeypatch, cross):
    # a map-reduce round packed all of its input before the first model call (the chunks
    # of a 50 MB input: its text twice); a stream's first chunk needs the first sentences
    from summarizer.chunks import ChunkStream, packing

    monkeypatch.setattr(packing, "COUNT_CHARS", 200)  # a window of a few chunks
    sents = Reads(sent(f"d{d}", i, 3 + (i + d) % 5) for d in range(20) for i in range(30))
    stream = ChunkStream(sents, word_tokenizer, 16, cross_documents=cross,
                         doc_separator=" <doc-sep> ")
    assert sents.furthest == len(sents) - 1  # measured once, to count and size them
    sents.furthest = -1
    chunks = iter(stream)
    first = next(chunks)
    assert first.sentences[0] == ("d0", 0) and sents.furthest < 60
    rest = list(chunks)
    assert sents.furthest == len(sents) - 1 and len(rest) + 1 == len(stream) > 100
    assert keys([first, *rest]) == keys(pack_sentences(
        list(sents), word_tokenizer, 16, cross_documents=cross,
        doc_separator=" <doc-sep> ").chunks)


def test_a_chunk_stream_holds_a_window_whatever_the_inputs_length(word_tokenizer, monkeypatch):
    import gc

    from summarizer.chunks import ChunkStream, packing

    monkeypatch.setattr(packing, "COUNT_CHARS", 2000)  # a window of some 30 chunks

    def peak_of_reading(n_docs: int) -> int:
        sents = [sent(f"d{d}", i, 2 + (i * 7 + d) % 9) for d in range(n_docs) for i in range(40)]
        stream = ChunkStream(sents, word_tokenizer, 16, cross_documents=True)
        gc.collect()
        with traced_memory() as mem:
            n = sum(len(c.text) for c in stream)
        assert n > 10 * n_docs
        return mem.peak

    small, large = peak_of_reading(25), peak_of_reading(200)
    # a list of the chunks grew with the input: 8x the sentences held 8x the chunks
    assert large < 1.5 * small, (small, large)


def test_an_overlap_longer_than_the_chunk_repeats_what_fits(word_tokenizer):
    # the tail was current[len - overlap:], a negative start once overlap > len: an overlap
    # of 4 after a 3-sentence chunk repeated 1 sentence where an overlap of 2 repeated 2
    sents = [sent("a", i, 1) for i in range(6)]  # 2 tokens each
    two = pack_sentences(sents, word_tokenizer, limit=7, overlap=2).chunks
    four = pack_sentences(sents, word_tokenizer, limit=7, overlap=4).chunks
    assert two[1].sentences[:2] == [("a", 1), ("a", 2)] and two[1].overlap == 2
    assert four[1].sentences == two[1].sentences and four[1].overlap == 2


@pytest.fixture(scope="module")
def english_bpe(seed_text):
    """A byte-level BPE trained on English: a Chinese character or an emoji is several
    tokens, each of whose offsets span the whole character."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.train_from_iterator([seed_text], trainers.BpeTrainer(
        vocab_size=400, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
    return PreTrainedTokenizerFast(tokenizer_object=raw)


@pytest.mark.parametrize("text, limit", [
    ("巴拿马政府官员星期三与哥伦比亚和美国的代表会面讨论移民问题" * 10, 64),
    ("日本語のテキストです😀😀😀 and some English text after it.", 5),
    ("Mixed 中文 text with émojis 😀 and accents: café, naïve.", 4),
])
def test_a_cut_never_splits_a_character_between_pieces(english_bpe, text, limit):
    pieces = split_on_tokens(english_bpe, text, limit)
    def bare(texts):
        return "".join("".join(t.split()) for t in texts)

    assert bare(pieces) == bare([text])  # nothing repeated, nothing lost
    assert all(n <= limit for n in token_counts(english_bpe, pieces))
    result = pack_sentences([Sentence(text, "a", 0, 0, 0, len(text))], english_bpe, limit)
    assert bare(c.text for c in result.chunks) == bare(pieces)
    assert [c.piece for c in result.chunks] == [(i, len(result.chunks))
                                               for i in range(len(result.chunks))]
    if len(result.chunks) > 1:
        assert result.splits[0].pieces == len(result.chunks)


def test_a_character_of_more_tokens_than_the_limit_is_refused(english_bpe):
    (one,) = token_counts(english_bpe, ["😀"])
    assert one > 2
    with pytest.raises(OptionError, match="below the tokens of one character"):
        pack_sentences([Sentence("Hi 😀 there.", "a", 0, 0, 0, 12)], english_bpe, 2)


# Edges of the packing rules, each a comparison one step off that no other test told apart
# (found by mutating packing.py): n + 1 tokens per sentence of n words, as above.
def _sents(spec: list[list[int]]) -> list[Sentence]:
    return [sent(f"d{d}", i, n) for d, ns in enumerate(spec) for i, n in enumerate(ns)]


def _shape(result) -> list[tuple]:
    return [(c.sentences, c.overlap, c.piece) for c in result.chunks]


def test_a_sentence_of_exactly_the_limit_is_not_split(word_tokenizer):
    result = pack_sentences(_sents([[3]]), word_tokenizer, 4)  # 4 tokens, limit 4
    assert result.splits == [] and _shape(result) == [([("d0", 0)], 0, None)]


def test_the_separator_between_two_documents_is_counted_once_per_join(word_tokenizer):
    result = pack_sentences(_sents([[6, 3], [4, 6, 3]]), word_tokenizer, 10, overlap=1,
                            cross_documents=True, doc_separator=" <doc-sep> ")
    assert _shape(result)[1] == ([("d0", 1), ("d1", 0)], 0, None)  # 4 + 1 + 5 = 10 tokens
    assert all(c.n_tokens <= 10 for c in result.chunks)


def test_overlap_that_fits_exactly_is_kept_and_a_document_one_sentence_over_is_cut(
        word_tokenizer):
    result = pack_sentences(_sents([[2, 3, 6, 1], [5, 3, 6, 5]]), word_tokenizer, 10,
                            overlap=2, cross_documents=True)
    assert _shape(result) == [
        ([("d0", 0), ("d0", 1)], 0, None), ([("d0", 2), ("d0", 3)], 0, None),
        ([("d0", 3), ("d1", 0)], 1, None), ([("d1", 0), ("d1", 1)], 1, None),
        ([("d1", 2)], 0, None), ([("d1", 3)], 0, None)]
