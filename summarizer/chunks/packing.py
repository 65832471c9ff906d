"""Token-aware chunking: pack whole sentences into chunks that fit a model.

Sentences are counted with the model's own tokenizer (in batch calls of at most
:data:`COUNT_CHARS` characters), then packed greedily in order. A sentence is only ever
cut when it alone is longer than the limit; it is then split on token boundaries and
the split is reported. Every chunk records which sentences it holds, so a
caller can account for every input sentence. :func:`pack_sentences` lists the chunks;
:class:`ChunkStream` makes the same ones as they are read, holding one window of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from summarizer.errors import InputError, OptionError, value_repr
from summarizer.slices import bounded_slices
from summarizer.values import check_values, integer


class SentenceLike(Protocol):
    """What the packer reads from a sentence (``summarizer.sentences.Sentence`` fits)."""

    # read-only, so that frozen dataclasses fit
    @property
    def text(self) -> str: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def index(self) -> int: ...


SentenceKey = tuple[str, int]
T = TypeVar("T")
# Characters of text tokenised per call when counting (about 64k tokens: some 10 MB of
# encodings at a time, whatever the input's length; one longer text is a call of its own).
COUNT_CHARS = 1 << 18


@dataclass
class Chunk:
    """A piece of input that fits the model, with the sentences it holds."""

    text: str
    sentences: list[SentenceKey]
    n_tokens: int
    doc_ids: list[str]
    overlap: int = 0  # leading sentences repeated from the previous chunk
    piece: tuple[int, int] | None = None  # (i, n) when this is piece i of an over-long sentence
    parts: list[str] = field(default_factory=list)  # text of each sentence, aligned with sentences


@dataclass
class SplitSentence:
    """An over-long sentence that had to be cut into ``pieces`` chunks."""

    doc_id: str
    index: int
    n_tokens: int
    pieces: int


@dataclass
class Chunking:
    """The result of packing: chunks, the limit used and any forced splits."""

    chunks: list[Chunk]
    limit: int
    splits: list[SplitSentence] = field(default_factory=list)
    sentence_tokens: dict[SentenceKey, int] = field(default_factory=dict)

    @property
    def total_tokens(self) -> int:
        """Tokens of the input sentences (each counted once)."""
        return sum(self.sentence_tokens.values())


def as_plain_text(tokenizer: Any) -> Callable[[str], str]:
    """A function giving a text (an input sentence, a partial summary) as text to the
    model: a special token's string in it ("</s>", "<|im_end|>") is given a space after
    its first character. A tokenizer reads such a string as the token itself, so a
    document could end the input mid-text, or close the user's turn of a chat template and
    open the assistant's. Applied before the texts are counted and packed, so that the
    counts are of what the model is given; the separators packing puts between documents
    (PRIMERA's ``<doc-sep>``) come after it and stay tokens. A text without such a string
    is returned as it is (the same object); one so changed holds none."""
    markers = _markers(tokenizer)
    if markers is None:
        return _same

    def plain(text: str) -> str:
        return markers.sub(_broken, text) if markers.search(text) else text

    return plain


def _same(text: str) -> str:
    return text


def _broken(found: re.Match[str]) -> str:
    return found[0][0] + " " + found[0][1:]


def _markers(tokenizer: Any) -> re.Pattern[str] | None:
    specials = set(getattr(tokenizer, "all_special_tokens", None) or ())
    added = getattr(tokenizer, "added_tokens_decoder", None) or {}
    specials.update(str(t) for t in added.values() if getattr(t, "special", False))
    return _marker_pattern(tuple(sorted(t for t in specials if len(t) > 1)))


@lru_cache(maxsize=32)
def _marker_pattern(specials: tuple[str, ...]) -> re.Pattern[str] | None:
    if not specials:
        return None
    return re.compile("|".join(map(re.escape, sorted(specials, key=len, reverse=True))))


def token_counts(tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """Token count of each text without special tokens, in batch calls of at most
    :data:`COUNT_CHARS` characters (or one text).

    ``verbose=False`` keeps transformers from warning that a sequence is
    longer than the model maximum: counting long texts is the point here.
    """
    out: list[int] = []
    # A slice at a time: one call on every sentence of a 10 MB cluster held all their
    # encodings (ids, offsets, masks) at once, +568 MB; slices are cut by characters, not
    # texts, since a chunk's text is a few hundred sentences' (2,048 chunks held +80 MB).
    for start, stop in bounded_slices([len(t) for t in texts], COUNT_CHARS):
        enc = tokenizer(list(texts[start:stop]), add_special_tokens=False, verbose=False)
        out.extend(len(ids) for ids in enc["input_ids"])
    return out


def sentence_token_counts(tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """Token counts of sentences as they appear inside a chunk: after a space.

    Byte-level BPE tokenises "They" and " They" differently; inside a chunk
    every sentence but the first follows a space, so that form is counted
    (for SentencePiece and WordPiece the space changes nothing).
    """
    return token_counts(tokenizer, [" " + t.strip() for t in texts])


def split_on_tokens(tokenizer: Any, text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` tokens at token boundaries.

    With offsets, the pieces are consecutive slices of ``text``: a character that several
    tokens share (a byte-level BPE's Chinese character or emoji) goes whole to the piece of
    its first token, never to two pieces. A character of more than ``limit`` tokens makes
    a piece of its own, over the limit (:func:`_verify` refuses it)."""
    try:
        enc = tokenizer(text, add_special_tokens=False, verbose=False, return_offsets_mapping=True)
    except (NotImplementedError, ValueError):  # pure-Python tokenizers have no offsets
        enc = tokenizer(text, add_special_tokens=False, verbose=False)
    ids, offsets = enc["input_ids"], enc.get("offset_mapping")
    if not offsets:  # slow tokenizers have no offsets: decode each token slice instead
        decoded = (tokenizer.decode(ids[i : i + limit], skip_special_tokens=True)
                   for i in range(0, len(ids), limit))
        return [p.strip() for p in decoded if p.strip()]
    cuts = [0]
    while cuts[-1] < len(ids):
        first, stop = cuts[-1], min(cuts[-1] + limit, len(ids))
        # back off while the cut would split a character between two pieces
        while stop < len(ids) and stop > first and offsets[stop][0] < offsets[stop - 1][1]:
            stop -= 1
        if stop == first:  # one character over the limit: it alone
            stop += 1
            while stop < len(ids) and offsets[stop][0] < offsets[stop - 1][1]:
                stop += 1
        cuts.append(stop)
    starts = [offsets[c][0] for c in cuts[:-1]] + [len(text)]
    starts[0] = 0
    pieces = [text[a:b].strip() for a, b in zip(starts, starts[1:], strict=False)]
    return [p for p in pieces if p]


def pack_sentences(
    sentences: Sequence[SentenceLike],
    tokenizer: Any,
    limit: int,
    *,
    overlap: int = 0,
    cross_documents: bool = False,
    doc_separator: str = " ",
    counts: Sequence[int] | None = None,
    keep_whole: bool = True,
) -> Chunking:
    """Pack ``sentences`` (in order) into chunks of at most ``limit`` tokens.

    ``overlap`` repeats the last sentences of a chunk at the start of the
    next one (within a document). With ``cross_documents`` a chunk holds as
    many documents as fit, joined by ``doc_separator``: the fewest chunks
    (model calls) that hold the sentences in order, and among those a packing
    that keeps each document that fits one chunk whole, when there is one;
    otherwise each chunk belongs to one document. ``keep_whole=False`` packs greedily
    (each chunk as full as it goes): for a single call, where only the first chunk is
    used and a document kept whole would leave it (with the room it had) for the second.
    ``counts`` may pass precomputed token counts of the sentences. :class:`ChunkStream`
    makes the same chunks one at a time.
    """
    counts = _checked(sentences, tokenizer, limit, overlap, cross_documents, doc_separator,
                      counts)
    pack = _Packing(sentences, tokenizer, limit, overlap, cross_documents, doc_separator, counts)
    result = Chunking(chunks=[], limit=limit)
    result.sentence_tokens = {(s.doc_id, s.index): c for s, c in zip(sentences, counts, strict=True)}
    # one packing's chunks held at a time (a long input's chunks are a copy of its text)
    _, result.chunks = pack.choose(list, result.splits, hold_greedy=False,
                                   keep_whole=keep_whole)
    return result


class ChunkStream:
    """The chunks :func:`pack_sentences` makes, made again each time they are iterated,
    so that only one is held at a time (with the few being measured): a map-reduce
    round over a long input held all its chunks at once, a copy of the whole text (twice:
    each chunk's text and its sentences' parts).

    Made once here, to learn each chunk's size (:attr:`sizes`; ``len()`` is their number)
    and the sentences it had to cut (:attr:`splits`); the texts are let go as they come.
    Iterating costs a packing and a tokenisation of the chunks' texts each time.
    """

    def __init__(self, sentences: Sequence[SentenceLike], tokenizer: Any, limit: int, *,
                 overlap: int = 0, cross_documents: bool = False, doc_separator: str = " ",
                 counts: Sequence[int] | None = None) -> None:
        counts = _checked(sentences, tokenizer, limit, overlap, cross_documents, doc_separator,
                          counts)
        self.limit = limit
        self._pack = _Packing(sentences, tokenizer, limit, overlap, cross_documents,
                              doc_separator, counts)
        self.splits: list[SplitSentence] = []
        self._keep_whole, self.sizes = self._pack.choose(_sizes, self.splits, hold_greedy=True)

    def __len__(self) -> int:
        return len(self.sizes)

    def __iter__(self) -> Iterator[Chunk]:
        return self._pack.chunks(self._keep_whole, [])


def _sizes(chunks: Iterator[Chunk]) -> list[int]:
    return [c.n_tokens for c in chunks]


def _checked(sentences: Sequence[SentenceLike], tokenizer: Any, limit: int, overlap: int,
             cross_documents: bool, doc_separator: str,
             counts: Sequence[int] | None) -> Sequence[int]:
    """The token count of each sentence (``counts`` where given), the arguments of
    :func:`pack_sentences` and :class:`ChunkStream` checked first: strings for sentences, a
    tokenizer that cannot be called, a limit of 1.5 or '5', an overlap of -1 (read as no
    overlap) or counts for other sentences failed deep inside with a raw TypeError,
    AttributeError or zip's ValueError, or were taken."""
    if isinstance(sentences, str | bytes) or not isinstance(sentences, Sequence):
        raise InputError(f"sentences must be a list of sentences (split_cluster's), not "
                         f"{type(sentences).__name__}")
    bad = next((i for i, s in enumerate(sentences)
                if not isinstance(getattr(s, "text", None), str)), None)
    if bad is not None:
        raise InputError(f"sentences[{bad}] is a {type(sentences[bad]).__name__}, not a "
                         "sentence with a text, a doc_id and an index (split_cluster's)")
    for name, value, least, unit in (("limit", limit, 1, "positive"),
                                     ("overlap", overlap, 0, "0 or more")):
        number = integer(value)
        if number is None or number < least:
            raise OptionError(f"chunk {name} must be {unit}, a whole number of "
                              f"{'tokens' if name == 'limit' else 'sentences'}; got "
                              f"{value_repr(value)}")
    check_values(dict(cross_documents=cross_documents, doc_separator=doc_separator),
                 {"cross_documents": bool, "doc_separator": str}, "chunking: ")
    if not callable(tokenizer):
        raise OptionError(f"tokenizer must be a tokenizer (called on texts, as transformers' "
                          f"are), not {type(tokenizer).__name__}")
    if counts is None:
        return sentence_token_counts(tokenizer, [s.text for s in sentences])
    if isinstance(counts, str | bytes) or not isinstance(counts, Sequence) \
            or len(counts) != len(sentences):
        size = len(counts) if isinstance(counts, Sequence) else type(counts).__name__
        raise InputError(f"counts must give one token count for each of the "
                         f"{len(sentences):,} sentences, not {size}")
    wrong = next((i for i, c in enumerate(counts) if integer(c) is None or c < 0), None)
    if wrong is not None:
        raise InputError(f"counts[{wrong}] is {value_repr(counts[wrong])}, not a token count "
                         "(an integer, 0 or more)")
    return counts


@dataclass
class _Packing:
    """One input's packing: its chunks, made in order and measured a window at a time."""

    sentences: Sequence[SentenceLike]
    tokenizer: Any
    limit: int
    overlap: int
    cross_documents: bool
    doc_separator: str
    counts: Sequence[int]

    def choose(self, made: Callable[[Iterator[Chunk]], list[T]], splits: list[SplitSentence],
               *, hold_greedy: bool, keep_whole: bool = True) -> tuple[bool, list[T]]:
        """Which packing: the fewest chunks (each is a model call); with ``cross_documents``,
        among packings with as few, the one that keeps every document that fits a chunk in
        one piece. Returns whether documents are kept whole and ``made`` of the chosen
        chunks; ``splits`` gets its cut sentences. ``hold_greedy``: keep ``made`` of the
        greedy packing while the other is made (cheap for sizes); otherwise it is counted,
        then made again only where keeping documents whole costs calls. ``keep_whole=False``:
        the greedy packing alone."""
        greedy_splits: list[SplitSentence] = []
        greedy: list[T] | None = None
        whole_wanted = self.cross_documents and keep_whole
        if hold_greedy or not whole_wanted:
            greedy = made(self.chunks(False, greedy_splits))
            fewest = len(greedy)
        else:
            fewest = sum(1 for _ in self.chunks(False, []))
        if whole_wanted:
            whole_splits: list[SplitSentence] = []
            whole = made(self.chunks(True, whole_splits))
            if len(whole) <= fewest:
                splits.extend(whole_splits)
                return True, whole
            del whole
        if greedy is None:
            greedy = made(self.chunks(False, greedy_splits))
        splits.extend(greedy_splits)
        return False, greedy

    def chunks(self, keep_whole: bool, splits: list[SplitSentence]) -> Iterator[Chunk]:
        """The chunks, each measured as joined text (:func:`_verify`) with the others of
        a window of :data:`COUNT_CHARS` characters; ``splits`` gets the sentences cut:
        those over the limit as packed, then those cut when measured (their order when
        the whole packing was measured at the end)."""
        measured: list[SplitSentence] = []
        window: list[Chunk] = []
        chars = 0
        for chunk in self._packed(keep_whole, splits):
            window.append(chunk)
            chars += len(chunk.text)
            if chars >= COUNT_CHARS:
                yield from _verify(window, self.tokenizer, self.limit, self.doc_separator,
                                   measured)
                window, chars = [], 0
        yield from _verify(window, self.tokenizer, self.limit, self.doc_separator, measured)
        splits.extend(measured)

    def _run_tokens(self, i: int) -> int:
        """Tokens of the run of sentences of one document from ``i``, counted only until
        they pass the limit (a document's run of a 50 MB text is all of it)."""
        sentences, counts = self.sentences, self.counts
        doc, total = sentences[i].doc_id, 0
        while i < len(sentences) and sentences[i].doc_id == doc and total <= self.limit:
            total += counts[i]
            i += 1
        return total

    def _packed(self, keep_whole: bool, splits: list[SplitSentence]) -> Iterator[Chunk]:
        sentences, tokenizer, limit = self.sentences, self.tokenizer, self.limit
        overlap, cross_documents, doc_separator = self.overlap, self.cross_documents, self.doc_separator
        sep = doc_separator.strip()
        sep_cost = token_counts(tokenizer, [sep])[0] if sep else 0
        current: list[tuple[SentenceLike, int]] = []
        carried = 0  # how many sentences at the front of `current` are overlap

        def cost(items: list[tuple[SentenceLike, int]], extra: int = 0, doc: str | None = None) -> int:
            docs = {s.doc_id for s, _ in items} | ({doc} if doc is not None else set())
            return sum(c for _, c in items) + extra + sep_cost * max(len(docs) - 1, 0)

        def flush() -> Chunk | None:
            """The chunk of `current` (none if it holds only repeated sentences: they add
            nothing); `current` keeps its overlap tail."""
            nonlocal current, carried
            chunk = _make_chunk(current, carried, doc_separator) if len(current) > carried else None
            tail = current[max(len(current) - overlap, 0) :] if overlap else []
            current, carried = list(tail), len(tail)
            return chunk

        for i, (sent, n) in enumerate(zip(sentences, self.counts, strict=True)):
            # `current`, when not empty, ends with the sentence before this one
            new_doc = bool(current) and current[-1][0].doc_id != sent.doc_id
            if new_doc and not cross_documents:
                if (chunk := flush()) is not None:
                    yield chunk
                current, carried = [], 0  # overlap never crosses a document
            elif keep_whole and new_doc:
                # A document that fits a chunk of its own is never split between
                # two chunks: it goes whole into this one, or whole into the next.
                run = self._run_tokens(i)
                if run <= limit and cost(current, run, sent.doc_id) > limit:
                    if (chunk := flush()) is not None:
                        yield chunk
                    current, carried = [], 0
            if n > limit:
                if (chunk := flush()) is not None:
                    yield chunk
                current, carried = [], 0
                pieces = split_on_tokens(tokenizer, sent.text, limit)
                splits.append(SplitSentence(sent.doc_id, sent.index, n, len(pieces)))
                for k, piece in enumerate(pieces):
                    yield Chunk(piece, [(sent.doc_id, sent.index)], 0, [sent.doc_id],
                                piece=(k, len(pieces)), parts=[piece])
                continue
            candidate = current + [(sent, n)]
            if cost(candidate) > limit:
                if (chunk := flush()) is not None:
                    yield chunk
                # drop repeated sentences from the front until the new one fits
                while current and cost(current + [(sent, n)]) > limit:
                    current.pop(0)
                    carried -= 1
                candidate = current + [(sent, n)]
            current = candidate
        if len(current) > carried:
            yield _make_chunk(current, carried, doc_separator)


def _join(keys: Sequence[SentenceKey], parts: Sequence[str], doc_separator: str) -> str:
    out = ""
    for i, (key, part) in enumerate(zip(keys, parts, strict=True)):
        if i:
            out += doc_separator if keys[i - 1][0] != key[0] else " "
        out += part.strip()
    return out


def _make_chunk(items: list[tuple[SentenceLike, int]], carried: int, sep: str) -> Chunk:
    keys = [(s.doc_id, s.index) for s, _ in items]
    parts = [s.text for s, _ in items]
    return Chunk(
        _join(keys, parts, sep),
        keys,
        sum(c for _, c in items),
        list(dict.fromkeys(k[0] for k in keys)),
        overlap=carried,
        parts=parts,
    )


def _verify(window: list[Chunk], tokenizer: Any, limit: int, doc_separator: str,
            splits: list[SplitSentence]) -> list[Chunk]:
    """Measure every chunk as joined text and fix the rare one over the limit.

    Sentence counts are added up, but tokenising the joined text can differ
    by a token or two at the joins (BPE merges across spaces, separators); a
    chunk that ends up over the limit loses its last sentence to a new chunk,
    and both are measured again. Each chunk is fixed on its own, so a window of
    chunks gives what the whole packing would.
    """
    queue = list(window)
    sizes = token_counts(tokenizer, [c.text for c in queue])
    fixed: list[Chunk] = []
    while queue:
        chunk, size = queue.pop(0), sizes.pop(0)
        chunk.n_tokens = size
        if size <= limit:
            fixed.append(chunk)
            continue
        if len(chunk.sentences) < 2:
            # one sentence or piece measured over the limit: cut it a little harder
            cut = split_on_tokens(tokenizer, chunk.text, max(limit - 2, 1))
            if cut == [chunk.text.strip()]:  # no cut makes it smaller: one character
                raise OptionError(
                    f"chunk limit {limit} is below the tokens of one character of the text "
                    f"({size} tokens in {value_repr(chunk.text[:20])}); give a larger limit")
            halves = [
                Chunk(t, list(chunk.sentences), 0, list(chunk.doc_ids),
                      piece=chunk.piece or (0, 1), parts=[t])
                for t in cut
            ]
            if chunk.piece is None:
                key = chunk.sentences[0]
                splits.append(SplitSentence(key[0], key[1], size, len(halves)))
        else:
            # move the last sentence to a chunk of its own; re-measure both
            last = len(chunk.sentences) - 1
            halves = []
            for keys, parts, lap in (
                (chunk.sentences[:last], chunk.parts[:last], min(chunk.overlap, last)),
                (chunk.sentences[last:], chunk.parts[last:], 0),
            ):
                halves.append(Chunk(_join(keys, parts, doc_separator), keys, 0,
                                    list(dict.fromkeys(k[0] for k in keys)), overlap=lap,
                                    parts=parts))
        queue[:0] = halves
        sizes[:0] = token_counts(tokenizer, [h.text for h in halves])
    return fixed
