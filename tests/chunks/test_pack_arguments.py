"""pack_sentences and ChunkStream refuse bad arguments in one typed line before any work:
strings for sentences, a tokenizer that cannot be called, a limit of 1.5, '5' or NaN, an
overlap of -1 (taken as none), a separator that is no string, and counts for other
sentences failed deep inside with a raw TypeError, AttributeError or zip's ValueError, or
were taken."""

from __future__ import annotations

import pytest

from summarizer.chunks import ChunkStream, pack_sentences
from summarizer.documents import Cluster, Document
from summarizer.errors import InputError, OptionError
from summarizer.sentences import split_cluster


class Words:
    """A tokenizer of words: transformers' call shape, one token a word."""

    def __call__(self, texts, add_special_tokens=False, verbose=False, **_):
        if isinstance(texts, str):
            return {"input_ids": texts.split()}
        return {"input_ids": [t.split() for t in texts]}

    def decode(self, ids, skip_special_tokens=True):
        return " ".join(ids)


SENTENCES = split_cluster(Cluster([
    Document("The river burst its banks on Sunday. Families left their homes.", id="a"),
    Document("Soldiers helped them. Rain fell all night.", id="b")]))


@pytest.mark.parametrize("kind", [pack_sentences, ChunkStream], ids=["pack", "stream"])
@pytest.mark.parametrize("arguments, error, said", [
    (dict(limit=1.5), OptionError, "chunk limit must be positive, a whole number of tokens; "
                                   "got 1.5"),
    (dict(limit="5"), OptionError, "chunk limit must be positive, a whole number of tokens; "
                                   "got '5'"),
    (dict(limit=float("nan")), OptionError, "chunk limit must be positive"),
    (dict(limit=True), OptionError, "chunk limit must be positive"),
    (dict(overlap=-1), OptionError, "chunk overlap must be 0 or more, a whole number of "
                                    "sentences; got -1"),
    (dict(overlap=0.5), OptionError, "chunk overlap must be 0 or more"),
    (dict(tokenizer=None), OptionError, "tokenizer must be a tokenizer (called on texts, as "
                                        "transformers' are), not NoneType"),
    (dict(doc_separator=5), OptionError, "chunking: 'doc_separator' must be str, not 5"),
    (dict(cross_documents="no"), OptionError, "chunking: 'cross_documents' must be bool"),
    (dict(sentences=None), InputError, "sentences must be a list of sentences "
                                       "(split_cluster's), not NoneType"),
    (dict(sentences="The river rose."), InputError, "sentences must be a list of sentences"),
    (dict(sentences=["The river rose."]), InputError, "sentences[0] is a str, not a sentence "
                                                     "with a text"),
    (dict(counts=[3]), InputError, "counts must give one token count for each of the 4 "
                                   "sentences, not 1"),
    (dict(counts=[8, -1, 3, 4]), InputError, "counts[1] is -1, not a token count"),
    (dict(counts=[8, 5, float("nan"), 4]), InputError, "counts[2] is nan, not a token count"),
])
def test_a_bad_argument_is_one_typed_line(kind, arguments, error, said):
    given = dict(sentences=SENTENCES, tokenizer=Words(), limit=10) | arguments
    with pytest.raises(error) as caught:
        kind(given.pop("sentences"), given.pop("tokenizer"), given.pop("limit"), **given)
    assert str(caught.value).startswith(said), str(caught.value)


def test_good_arguments_pack_as_before():
    got = pack_sentences(SENTENCES, Words(), 11, overlap=1)  # 7 + 4 words: one chunk
    assert [c.sentences for c in got.chunks] == [[("a", 0), ("a", 1)], [("b", 0), ("b", 1)]]
    got = pack_sentences(SENTENCES, Words(), 10, overlap=1)  # no room to repeat a0
    assert [c.sentences for c in got.chunks] == [[("a", 0)], [("a", 1)], [("b", 0), ("b", 1)]]
    counted = pack_sentences(SENTENCES, Words(), 10, counts=[7, 4, 3, 4])
    assert [c.sentences for c in counted.chunks] == [[("a", 0)], [("a", 1)],
                                                     [("b", 0), ("b", 1)]]
    assert len(ChunkStream(SENTENCES, Words(), 10**30)) == 2  # one a document
    assert pack_sentences([], Words(), 10).chunks == []
