"""pack_sentences on generated sentences (any Unicode, any length), limits, overlaps and
cross-document packing, with a word-level tokenizer (a word or a punctuation mark is a
token, anything unknown one [UNK]): every chunk within the limit as measured on its joined
text; every sentence in a chunk, in order (pieces of a cut one consecutive, overlaps
repeating only sentences just before); a cut only for a sentence longer than the limit."""

from __future__ import annotations

import pytest
from fuzz_text import QUICK, free_text
from hypothesis import given
from hypothesis import strategies as st

from summarizer.chunks import pack_sentences, token_counts
from summarizer.sentences.split import Sentence

WORDS = "the council met on monday it approved budget . , 東京 ภาษา".split()


@pytest.fixture(scope="module")
def tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = {t: i for i, t in enumerate(["[UNK]", "[CLS]", "[SEP]", "[PAD]", *WORDS])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(),
                                                 pre_tokenizers.Punctuation()])
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=32, unk_token="[UNK]",
                                   pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]")


texts = st.lists(st.sampled_from(WORDS) | free_text.filter(str.strip), min_size=1,
                 max_size=30).map(" ".join).filter(str.strip)
documents = st.lists(st.lists(texts, min_size=1, max_size=5), min_size=1, max_size=3)


@QUICK
@given(docs=documents, limit=st.integers(4, 40), overlap=st.integers(0, 2),
       cross=st.booleans())
def test_packing_keeps_every_sentence_within_the_limit(tokenizer, docs, limit, overlap, cross):
    sentences = [Sentence(t, f"d{d}", d, i, 0, len(t))
                 for d, doc in enumerate(docs) for i, t in enumerate(doc)]
    result = pack_sentences(sentences, tokenizer, limit, overlap=overlap, cross_documents=cross)
    sizes = token_counts(tokenizer, [c.text for c in result.chunks])
    assert all(n <= limit for n in sizes), (sizes, limit)
    seen = []
    for chunk in result.chunks:
        fresh = chunk.sentences[chunk.overlap:]
        if chunk.piece is not None and seen and seen[-1] == fresh[0] and chunk.piece[0] > 0:
            continue  # the next piece of a cut sentence
        seen += fresh
    assert seen == [(s.doc_id, s.index) for s in sentences]
    counts = dict(zip([(s.doc_id, s.index) for s in sentences],
                      token_counts(tokenizer, [s.text for s in sentences]), strict=True))
    for split in result.splits:
        assert counts[(split.doc_id, split.index)] > limit - 2, split


@QUICK
@given(docs=documents, limit=st.integers(4, 40), overlap=st.integers(0, 2),
       cross=st.booleans(), window=st.integers(1, 60))
def test_a_chunk_stream_is_the_packing_made_one_window_at_a_time(tokenizer, docs, limit,
                                                                   overlap, cross, window):
    # a map-reduce round held every chunk of its input at once: ChunkStream makes them as
    # they are read, measured a window of COUNT_CHARS characters at a time; measured all at
    # once (one window: as pack_sentences measured them before), the chunks are the same
    from summarizer.chunks import ChunkStream, packing

    sentences = [Sentence(t, f"d{d}", d, i, 0, len(t))
                 for d, doc in enumerate(docs) for i, t in enumerate(doc)]
    whole = packing.COUNT_CHARS
    try:
        packing.COUNT_CHARS = 1 << 30
        result = pack_sentences(sentences, tokenizer, limit, overlap=overlap,
                                cross_documents=cross)
        packing.COUNT_CHARS = window
        stream = ChunkStream(sentences, tokenizer, limit, overlap=overlap, cross_documents=cross)
        assert list(stream) == result.chunks and list(stream) == result.chunks  # again
    finally:
        packing.COUNT_CHARS = whole
    assert stream.splits == result.splits and len(stream) == len(result.chunks)
    assert stream.sizes == [c.n_tokens for c in result.chunks]
