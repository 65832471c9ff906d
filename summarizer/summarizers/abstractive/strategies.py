"""How a cluster longer than the model's input becomes one model input.

* ``map-reduce``: summarise every chunk, then the joined partial summaries,
  round after round until they fit one call. Each round shrinks the text
  (a chunk is only summarised when its summary is capped at half its
  length; shorter chunks pass through), rounds are bounded, and the last
  call produces the final summary.
* ``extract-then-abstract``: the extractive selector picks salient,
  non-redundant sentences up to the model's input limit; one call.
* ``direct``: the leading sentences that fit; the rest is reported dropped.

Each strategy returns the final generated text and a coverage report in
which every input sentence is either seen by the model or dropped with a
reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from summarizer.chunks import (
    Chunk,
    ChunkStream,
    as_plain_text,
    pack_sentences,
    sentence_token_counts,
)
from summarizer.documents.model import Cluster
from summarizer.errors import BudgetError, OptionError, UnknownMethodError, value_repr
from summarizer.languages import count_words
from summarizer.sentences.split import Sentence
from summarizer.summarizers import DEFAULT_METHOD
from summarizer.summarizers.abstractive.generation import JOIN_MARGIN, Generated, Generator
from summarizer.summarizers.budget import MAX_WORDS, Budget

# A model call needs at least this many source tokens to be worth making.
MIN_INPUT_TOKENS = 16
# The least max_input_tokens taken before the model is loaded: fewer cannot hold a chat
# template and a sentence (the prompt's real size is checked once the tokenizer is loaded).
LEAST_MAX_INPUT_TOKENS = 64
# Chunks of a map round given to one generate call (memory and progress; batches are
# formed inside a call, so this only has to be larger than a batch).
MAP_GROUP = 256


@dataclass(frozen=True)
class StrategyOptions:
    """How the strategies turn a long cluster into model inputs (the user's options)."""

    overlap: int = 0  # sentences repeated between consecutive chunks
    cross_documents: bool = True  # may a chunk hold several documents (fewer model calls)
    max_rounds: int = 8  # map-reduce rounds at most
    extractor: str = DEFAULT_METHOD  # the extractive method of extract-then-abstract
    # tokens of one model input (chunk + prompt and special tokens) at most; None: the
    # model's limit. Above the model's limit the model's limit rules (recorded). The input
    # only, for a causal LM too (whose call then holds up to this plus the summary's new
    # tokens): see Generator.input_cap.
    max_input_tokens: int | None = None


@dataclass(kw_only=True)
class Run:
    """Everything a strategy needs for one cluster."""

    generator: Generator
    cluster: Cluster
    sentences: list[Sentence]
    counts: list[int]  # token count of each sentence, aligned with ``sentences``
    words: int  # target summary length in words
    final_new_tokens: int
    min_new_tokens: int | None
    options: StrategyOptions = field(default_factory=StrategyOptions)

    @property
    def tokenizer(self) -> Any:
        return self.generator.loaded.tokenizer

    @property
    def separator(self) -> str:
        return self.generator.loaded.family.doc_separator

    def input_limit(self) -> int:
        gen, bound = self.generator, self.options.max_input_tokens
        # the bound is blamed only where it rules: under a lower model limit, raising it
        # would change nothing (the model's own limit is said below)
        if (bound is not None and gen.bound_rules(self.final_new_tokens)
                and bound - gen.overhead(self.words) - JOIN_MARGIN < MIN_INPUT_TOKENS):
            least = gen.overhead(self.words) + JOIN_MARGIN + MIN_INPUT_TOKENS
            raise OptionError(
                f"max_input_tokens {bound} leaves less than {MIN_INPUT_TOKENS} tokens of text "
                f"once {gen.loaded.name}'s prompt and special tokens "
                f"({gen.overhead(self.words)}) are in; give at least {least}")
        limit = gen.input_limit(self.final_new_tokens, self.words)
        if limit < MIN_INPUT_TOKENS:
            raise BudgetError(
                f"a summary of about {self.words} words needs {self.final_new_tokens} new tokens, "
                f"which leaves {self.generator.loaded.name} only {max(limit, 0)} tokens of input; "
                "ask for a shorter summary"
            )
        return limit

    def longest_input(self) -> int:
        """The most tokens (prompt and specials in) any model input of this summary can
        hold, whatever the strategy and round: the input cap of the final call's new
        tokens (chunks are packed to it, and a map round's partial summaries are capped
        lower), or less where the whole cluster's text is shorter (every input is a part of
        it, or partial summaries shorter than the chunks they stand for), counting a token
        for each sentence's join and the separator between documents."""
        gen, sep = self.generator, self.separator.strip()
        sep_tokens = len(self.tokenizer(sep, add_special_tokens=False)["input_ids"]) if sep else 0
        docs = len({s.doc_id for s in self.sentences})
        text = sum(self.counts) + len(self.sentences) + docs * sep_tokens
        return min(gen.input_cap(self.final_new_tokens),
                   gen.overhead(self.words) + JOIN_MARGIN + text)

    def check_calls(self) -> None:
        """Refuse, before any generation, a num_beams that the longest input this summary
        can give would take over the bound of one generate call
        (Generator.check_call_size): a map-reduce's reduce round, longer than every chunk
        of the first, was refused once the first round's work was done."""
        self.generator.check_call_size(self.longest_input(), self.final_new_tokens, up_to=True)

    def room(self, limit: int) -> str:
        """The room for text, :meth:`input_limit`'s ``limit``, and what sets it, for the
        reasons a sentence was dropped: "the 75 tokens of text max_input_tokens=160 leaves
        once the prompt is in"."""
        gen = self.generator
        if gen.bound_rules(self.final_new_tokens):
            by = f"max_input_tokens={gen.max_input_tokens}"
        else:
            output = (f", less the summary's {self.final_new_tokens}"
                      if gen.loaded.family.causal else "")
            by = f"the model's input limit ({gen.loaded.max_positions} tokens{output})"
        return f"the {limit} tokens of text {by} leaves once the prompt is in"


@dataclass
class Accounting:
    """Which input sentences the model saw, and which were dropped and why."""

    sentences: list[Sentence]
    counts: list[int]
    seen: set[tuple[str, int]] = field(default_factory=set)
    dropped: dict[tuple[str, int], str] = field(default_factory=dict)
    partly: set[tuple[str, int]] = field(default_factory=set)

    def report(self) -> dict[str, Any]:
        # One pass over the sentences: a list of every key and a dict of every count, made
        # for the report at the end of a summary, were 109 bytes a sentence more.
        missing: list[tuple[str, int]] = []
        seen_by_doc: dict[str, list[int]] = {}
        seen_sentences = seen_tokens = 0
        dropped_tokens: dict[tuple[str, int], int] = {}
        for s, n in zip(self.sentences, self.counts, strict=True):
            k = (s.doc_id, s.index)
            if k in self.seen:
                seen_by_doc.setdefault(k[0], []).append(k[1])
                seen_sentences += 1
                seen_tokens += 0 if k in self.partly else n
            elif k not in self.dropped:
                missing.append(k)
            if k in self.dropped:
                dropped_tokens[k] = n
        if missing:  # a bug, never the user's fault: fail loudly rather than under-report
            raise AssertionError(f"coverage lost track of sentences {missing[:5]}")
        return {
            "input_sentences": len(self.sentences),
            "input_tokens": sum(self.counts),
            "seen_sentences": seen_sentences,
            "seen_tokens": seen_tokens,
            "dropped_sentences": len(self.dropped),
            "seen": seen_by_doc,
            "partly_seen": [{"doc_id": d, "index": i} for d, i in sorted(self.partly)],
            "dropped": [
                {"doc_id": d, "index": i, "tokens": dropped_tokens[(d, i)], "reason": r}
                for (d, i), r in self.dropped.items()
            ],
        }


@dataclass
class Outcome:
    """What a strategy hands back to the summariser."""

    text: str
    coverage: dict[str, Any]
    sources: list[tuple[str, int]] = field(default_factory=list)
    final: Generated | None = None


def _split_report(chunking: Any) -> list[dict[str, Any]]:
    return [
        {"doc_id": s.doc_id, "index": s.index, "tokens": s.n_tokens, "pieces": s.pieces}
        for s in chunking.splits
    ]


@dataclass
class _Unit:
    """A partial summary treated as a sentence when packing the next round."""

    text: str
    doc_id: str
    index: int


# The input sentences a chunk or partial summary stands for, in input order (a sentence
# repeated by overlap may come twice): a list, the chunk's own for the first round. Sets
# of them, each round, held a long input's sentences again (52 bytes a sentence at the
# first round, 37 more as the next one made its unions).
Origins = list[tuple[str, int]]


def map_reduce(run: Run) -> Outcome:
    """Summarise chunks, then their joined summaries, until one call suffices.

    A round's chunks are a :class:`ChunkStream`, made as they go to the model, a group
    of :data:`MAP_GROUP` calls' worth at a time: a round over a 50 MB input held all
    its chunks (its text twice) at once."""
    gen, tok = run.generator, run.tokenizer
    limit = run.input_limit()
    acct = Accounting(run.sentences, run.counts)
    first = ChunkStream(run.sentences, tok, limit, overlap=run.options.overlap,
                        cross_documents=run.options.cross_documents,
                        doc_separator=run.separator, counts=run.counts)

    chunks, empty = first, False
    # the input sentences a chunk of the current round stands for
    origin: Callable[[Chunk], Origins] = _own_sentences
    # A partial summary is capped at a quarter of the input limit, so any
    # chunk over half the limit at least halves; shorter chunks pass through.
    partial_new = max(1, min(run.final_new_tokens, limit // 4))
    rounds: list[dict[str, Any]] = []
    notes: list[str] = []
    dropped_partials = 0
    for r in range(1, run.options.max_rounds + 1):
        if len(chunks) == 1:
            break
        total = sum(chunks.sizes)
        todo = sum(1 for n in chunks.sizes if n > 2 * partial_new)
        before = len(chunks)
        # seen: what went into a call (a chunk passed through is seen only where its text
        # goes into a later one)
        units, unit_origins = _map_round(run, chunks, origin, partial_new, f"round {r}", todo,
                                         acct.seen.update)
        unit_counts = sentence_token_counts(tok, [u.text for u in units])
        rounds.append({"round": r, "chunks": len(chunks), "summarised": todo,
                       "passed_through": len(chunks) - todo, "input_tokens": total,
                       "output_tokens": sum(unit_counts), "max_new_tokens": partial_new})
        if not units:
            notes.append(f"every partial summary of round {r} was empty")
            empty = True
            break
        # Later rounds join summaries across documents: they are summaries of the whole.
        chunks = ChunkStream(units, tok, limit, cross_documents=True,
                             doc_separator=run.separator, counts=unit_counts)
        origin = _standing_for(unit_origins)
        if sum(unit_counts) >= total and len(chunks) >= before and len(chunks) > 1:
            # Cannot happen with sane models (outputs are capped at half their input);
            # decoded text that re-tokenises longer could cause it. A round of chunks all
            # passed through (many short documents, cross_documents=False) shrinks no
            # text but packs them into fewer calls: it was stopped here, and all but the
            # first of them left out
            notes.append(f"round {r} did not shrink the text; stopped reducing")
            break
    if not empty and len(chunks) > 1:  # bounded rounds: what does not fit is reported
        notes.append(f"after {len(rounds)} rounds the partial summaries still needed "
                     f"{len(chunks)} model calls; only the first {chunks.sizes[0]} tokens "
                     "of them went into the final call")
        dropped_partials = len(chunks) - 1
    last = None if empty else next(iter(chunks))
    final_origins = set(origin(last)) if last else set()
    acct.seen.update(final_origins)
    for s in run.sentences:  # passed through, then left out at the round limit
        key = (s.doc_id, s.index)
        if key not in acct.seen:
            acct.dropped[key] = (f"passed through unsummarised, then left out of the final "
                                 f"call: after {len(rounds)} rounds the text still needed "
                                 f"{len(chunks)} calls")
    final = gen.generate([last.text], run.final_new_tokens, run.min_new_tokens,
                         run.words)[0] if last else None
    rounds.append({"round": len(rounds) + 1, "chunks": 1 if last else 0, "summarised": 1 if last else 0,
                   "input_tokens": last.n_tokens if last else 0,
                   "max_new_tokens": run.final_new_tokens, "final": True})
    coverage = {
        "chunks": len(first),
        "rounds": len(rounds),
        "round_details": rounds,
        "chunk_limit_tokens": limit,
        "split_sentences": _split_report(first),
        "dropped_partial_chunks": dropped_partials,
        "notes": notes,
        **acct.report(),
    }
    # The summary comes from the sentences whose text, or partial summaries of it, went
    # into the final call: every sentence seen, less those of partial summaries left out
    # at the round limit.
    sources = [(s.doc_id, s.index) for s in run.sentences if (s.doc_id, s.index) in final_origins]
    return Outcome(final.text if final else "", coverage, sources=sources, final=final)


def _own_sentences(chunk: Chunk) -> Origins:
    return chunk.sentences


def _standing_for(unit_origins: dict[int, Origins]) -> Callable[[Chunk], Origins]:
    """The input sentences a chunk of partial summaries stands for: theirs."""
    return lambda c: [key for _, n in c.sentences for key in unit_origins[n]]


def _map_round(run: Run, chunks: Iterable[Chunk], origin: Callable[[Chunk], Origins],
               partial_new: int, label: str, todo: int,
               saw: Callable[[Origins], object]) -> tuple[list[_Unit], dict[int, Origins]]:
    """One map round: each chunk over twice ``partial_new`` tokens summarised, the others
    passed through; the partial summaries (in chunk order, empty ones left out) and what
    each stands for; ``saw`` is told the input sentences of each chunk summarised.
    MAP_GROUP chunks to summarise a generate call: a call's inputs are
    tokenised together (all of a round's at once held their encodings together, +568 MB
    per 10 MB of text as token_counts measured), and each call's bar says where the round
    is; a chunk is held only until its group's call."""
    units: list[_Unit] = []
    origins: dict[int, Origins] = {}
    # a partial summary is read again by the model: marker strings in it as text too
    plain = as_plain_text(run.generator.loaded.tokenizer)
    # the chunks since the last call: (number, its text if passed through, doc label, origin)
    pending: list[tuple[int, str | None, str, Origins]] = []
    group: list[str] = []
    done = 0

    def call() -> None:
        nonlocal done
        outs = iter(run.generator.generate(
            group, partial_new, None, run.words,
            label=f"{label}: chunks {done + 1}-{done + len(group)} of {todo}") if group else [])
        for n, text, doc, sources in pending:
            text = plain(next(outs).text) if text is None else text
            if text.strip():
                units.append(_Unit(text, doc, n))
                origins[n] = sources
        done += len(group)
        pending.clear()
        group.clear()

    for n, c in enumerate(chunks):
        summarise = c.n_tokens > 2 * partial_new
        doc = c.doc_ids[0] if len(c.doc_ids) == 1 else "+".join(c.doc_ids)
        sources = origin(c)
        pending.append((n, None if summarise else c.text, doc, sources))
        if summarise:
            saw(sources)
            group.append(c.text)
            if len(group) == MAP_GROUP:
                call()
    call()
    return units, origins


def _single_call(run: Run, chosen: list[Sentence], acct: Accounting, reason: str,
                 limit: int) -> tuple[Chunk | None, Any]:
    """Pack ``chosen`` (in document order) into one input; the overflow is dropped."""
    index = {(s.doc_id, s.index): c for s, c in zip(run.sentences, run.counts, strict=True)}
    # greedy: only the first chunk is used, and a document kept whole left it for the
    # second, with the room it had (9 of 25 sentences seen where 14 fit)
    chunking = pack_sentences(chosen, run.tokenizer, limit, cross_documents=True,
                              doc_separator=run.separator, keep_whole=False,
                              counts=[index[(s.doc_id, s.index)] for s in chosen])
    first = chunking.chunks[0] if chunking.chunks else None
    kept = set(first.sentences) if first else set()
    acct.seen.update(kept)
    if first is not None and first.piece is not None:
        acct.partly.update(kept)
    for s in chosen:
        key = (s.doc_id, s.index)
        if key not in kept:
            acct.dropped[key] = reason
    return first, chunking


def direct(run: Run) -> Outcome:
    """One call on the leading sentences that fit; the rest is dropped, reported."""
    limit = run.input_limit()
    acct = Accounting(run.sentences, run.counts)
    reason = f"beyond {run.room(limit)} (direct)"
    # Only the leading sentences that may fit are packed, and one more (the packer measures
    # the joins): all of a 50 MB input's chunks were made to use the first.
    end, total = 0, 0
    while end < len(run.sentences) and total <= limit:
        total += run.counts[end]
        end += 1
    first, chunking = _single_call(run, run.sentences[:end], acct, reason, limit)
    for s in run.sentences[end:]:  # after the packed ones' overflow: the report in order
        acct.dropped[(s.doc_id, s.index)] = reason
    assert first is not None  # a chunk for any sentence; summarize refuses a cluster without one
    final = run.generator.generate([first.text], run.final_new_tokens, run.min_new_tokens,
                                   run.words)[0]
    coverage = {"chunks": 1, "rounds": 1, "chunk_limit_tokens": limit,
                "truncated": bool(acct.dropped or acct.partly),
                "split_sentences": _split_report(chunking), **acct.report()}
    return Outcome(final.text, coverage, sources=list(first.sentences), final=final)


def extract_then_abstract(run: Run) -> Outcome:
    """Select salient sentences with the extractive summariser, then generate once."""
    from summarizer.summarizers import get_summarizer

    limit = run.input_limit()
    acct = Accounting(run.sentences, run.counts)
    # words as the extractor's budget counts them: a Chinese character is one (by split(),
    # a whole sentence was one word, the budget came out a few characters long, and the
    # extractor selected no sentence of a Chinese cluster)
    total_words = sum(count_words(s.text) for s in run.sentences)
    tpw = sum(run.counts) / max(total_words, 1)
    words = max(1, min(int(limit / max(tpw, 1e-6)), MAX_WORDS))
    try:
        extractor = get_summarizer(run.options.extractor)
    except ImportError as exc:
        raise UnknownMethodError(
            "extract-then-abstract needs the extractive summariser "
            f"{value_repr(run.options.extractor)}, "
            f"which cannot be imported ({exc})"
        ) from exc
    picked = extractor.summarize(run.cluster, Budget(words=words))
    by_key = {(s.doc_id, s.index): s for s in run.sentences}
    order = [(p.doc_id, p.sentence_index) for p in picked.sentences
             if not p.truncated and p.doc_id is not None and p.sentence_index is not None
             and (p.doc_id, p.sentence_index) in by_key]
    # Greedily keep the extractor's picks (in its order) while they fit, then
    # give the model them in document order, as in PRIMERA's input.
    budget, chosen_keys = limit, []
    counts = {(s.doc_id, s.index): c for s, c in zip(run.sentences, run.counts, strict=True)}
    for key in order:
        if counts[key] <= budget:
            chosen_keys.append(key)
            budget -= counts[key]
    position = {k: i for i, k in enumerate(by_key)}
    chosen = [by_key[k] for k in sorted(set(chosen_keys), key=position.__getitem__)]
    over = f"over {run.room(limit)}"
    kept, picked_keys = set(chosen_keys), set(order)  # sets: a long input has 20k sentences
    for s in run.sentences:
        key = (s.doc_id, s.index)
        if key not in kept:
            acct.dropped[key] = (f"selected by {run.options.extractor!r} but {over}"
                                 if key in picked_keys
                                 else f"not selected by {run.options.extractor!r}")
    first, chunking = (_single_call(run, chosen, acct, over, limit)
                       if chosen else (None, None))
    if first is None:
        raise BudgetError(f"the extractive summariser {value_repr(run.options.extractor)} "
                          "selected no sentence")
    final = run.generator.generate([first.text], run.final_new_tokens, run.min_new_tokens,
                                   run.words)[0]
    coverage = {"chunks": 1, "rounds": 1, "chunk_limit_tokens": limit,
                "extractor": run.options.extractor, "extractor_words": words,
                "split_sentences": _split_report(chunking), **acct.report()}
    return Outcome(final.text, coverage, sources=list(first.sentences), final=final)


STRATEGIES: dict[str, Callable[[Run], Outcome]] = {
    "map-reduce": map_reduce,
    "extract-then-abstract": extract_then_abstract,
    "direct": direct,
}
