"""Per-summary ROUGE-1.5.5 scores: one peer summary against its references.

What ROUGE-1.5.5 computes for one peer and M references (``computeNGramScore``,
``computeLCSScore``, ``computeWLCSScore``, ``computeSkipBigramScore``):

* ``-f A`` pools over references: hits, reference counts and peer counts are
  summed over the M references, R = sum(hit)/sum(model count),
  P = sum(hit)/(M x peer count). ROUGE-1.5.5 does *no* jackknifing (it was
  removed in v1.4, see its RELEASE-NOTE); leave-one-out averaging of
  references is up to the caller.
* ``-f B`` keeps the reference with the best recall; ties keep the first one.
  For ROUGE-N/S the recall compared is the 5-decimal string the Perl prints.
* R and P are rounded to 5 decimals (``sprintf "%7.5f"``) and F is computed
  from the *rounded* R and P: F = P R / ((1 - alpha) P + alpha R), rounded
  again. ``Score`` holds these rounded numbers, i.e. exactly the numbers the
  Perl prints per evaluation with ``-d`` and averages over for ``-a``.
* ROUGE-L: union LCS per reference sentence over all peer sentences, clipped by
  unigram counts; P's denominator is the peer's unigram count.
* ROUGE-W: as ROUGE-L with runs of k consecutive matches weighted k^w; the
  counts are weighted as in the Perl (the reference's count is
  (sum over sentences of len^w)^w, the peer's is (peer unigram count)^w), and
  R, P are mapped back with x^(1/w).

The raw pooled counts (the Perl's ``-t 1/2`` numbers) are available as
``Counts`` from :meth:`Rouge155.score_with_counts`, for corpus-level
(token-averaged) aggregation.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from summarizer.errors import InputError

from . import resources
from .lcs import ModelLayout, union_lcs_hits, wlcs_marks
from .lru import LockedLRU
from .ngrams import SkipGrams, clipped_hits, ngram_counts, skip_bigram_counts, skip_hits
from .options import Rouge155Options
from .stem import Rouge155Stemmer
from .tokenize import (
    Units,
    as_lines,
    iter_lines,
    make_token_filter,
    tokenized,
    truncate_joined,
    truncate_units,
)

Text = str | Sequence[str]


@dataclass(frozen=True)
class Score:
    """Recall, precision and F-measure of one metric for one summary.

    The one score type of ``summarizer.metrics``: in ``rouge155`` mode the
    numbers are rounded as ROUGE-1.5.5 prints them per summary (5 decimals)."""

    recall: float
    precision: float
    fmeasure: float


@dataclass(frozen=True)
class Counts:
    """Pooled counts behind one score: ROUGE-1.5.5's model, peer and hit totals.

    For ROUGE-W they are the Perl's weighted totals (floats).
    """

    model: float
    peer: float
    hit: float


def _round5(x: float) -> float:
    return float(f"{x:7.5f}")


def _fmeasure(r: float, p: float, alpha: float) -> float:
    denom = (1 - alpha) * p + alpha * r
    return _round5((p * r) / denom) if denom > 0 else 0.0


def _rebuilt(cls: type[Rouge155], options: Rouge155Options, stopwords: frozenset[str] | None,
             exceptions: dict[str, str] | None) -> Rouge155:
    """A :class:`Rouge155` from its settings and data (:meth:`Rouge155.__reduce__`)."""
    scorer = cls.__new__(cls)
    scorer._setup(options, stopwords, exceptions)
    return scorer


class _Prepared:
    """A text tokenised once for every metric the options ask for."""

    __slots__ = ("tokens", "units", "grams", "skip", "masks", "words", "long")

    def __init__(self, tokens, units, grams, skip, masks, words, long=False):
        self.tokens: list[str] = tokens
        self.units: Units | None = units
        self.grams: dict[int, Counter] = grams  # orders 1 to Rouge155._KEPT_N
        self.skip: SkipGrams | None = skip
        self.masks: ModelLayout | None = masks  # references only, for ROUGE-L
        # a peer longer than its references: the words its grams are counted in
        self.words: set[str] | None = words
        # a long reference: tokens and units only, counted against each summary (_in_words)
        self.long: bool = long


def _grams(text: _Prepared, n: int) -> Counter:
    """The n-gram counts of a prepared text: kept ones, else counted now (not kept)."""
    kept = text.grams.get(n)
    return kept if kept is not None else ngram_counts(text.tokens, n, text.words)


class Rouge155:
    """Pure-Python ROUGE-1.5.5 (per-summary scores with the Perl's exact numbers).

    >>> r = Rouge155(Rouge155Options(max_n=2))
    >>> r.score(["Police killed the gunman."], [["The gunman killed the policeman."]])["ROUGE-1"]
    Score(recall=0.6, precision=0.75, fmeasure=0.66667)
    """

    _REF_CACHE = 256  # prepared references kept (systems usually share references)
    # and at most this many bytes of them: 256 references of 10,000 words held 1.2 GB, of
    # 100,000 words 17 GB (ROUGE of summaries against their source documents, long reports)
    _REF_CACHE_BYTES = 256 * 2**20
    # A prepared reference's bytes per token besides its ROUGE-L masks and skip-bigram
    # arrays and its strings, counted apart (its token list, n-gram counts, units), for
    # the cache's bound only (a reference over it is not kept, never refused). Held after
    # _prepare less those (tracemalloc, 250 to 250,000 tokens, at c36518f): 70-390 on TAC
    # 2011 English text; where every gram is distinct, up to 400 at -n 4 -x and at
    # -n 2 -2 4 -u, 660 at -n 4 -2 4 -u -m (the stemmer's cache and ROUGE-L's token
    # positions with it). 1,024 stays above the worst of these, so the cache keeps its bound.
    _BYTES_PER_TOKEN = 1024
    # n-gram tables kept with a prepared text up to this order (ROUGE-1.5.5's usual -n 1-4:
    # a reference shared by many systems is counted once); higher orders are counted while
    # scored and let go. All 100 tables of -n 100 held 500 MB for two 5,000-word texts.
    _KEPT_N = 4
    # A reference of more tokens is counted in each summary's words, for that pair only
    # (:meth:`_in_words`): a pass over its tokens a pair, where a short one's tables are
    # counted once and shared (TAC 2011 references have 250 words).
    _LONG_TOKENS = 1 << 16
    _LONG_BYTES_PER_TOKEN = 16  # a long one's: its token list and units' bounds, at most

    def __init__(self, options: Rouge155Options | None = None):
        opts = options or Rouge155Options()
        stopwords = exceptions = None
        if opts.remove_stopwords:
            stopwords = resources.load_stopwords(resources.find_stopwords_file(opts.data_dir))
        if opts.stem:
            exceptions = resources.load_exceptions(
                resources.find_exceptions_source(opts.data_dir))
        self._setup(opts, stopwords, exceptions)

    def _setup(self, opts: Rouge155Options, stopwords: frozenset[str] | None,
               exceptions: dict[str, str] | None) -> None:
        self.options = opts
        # a copy carries this data: a worker on another machine needs no data files
        self._data = (stopwords, exceptions)
        stemmer = None if exceptions is None else Rouge155Stemmer(exceptions)
        self._tokens = make_token_filter(stopwords, stemmer)
        self._lw = opts.length_words or 0
        self._lb = opts.length_bytes or 0
        self._need_units = opts.rouge_l or opts.rouge_w
        self._names = opts.metric_names()
        self._w = opts.w_weight
        self._wpow: list[float] = [0.0]
        # One scorer may serve several threads (score_pair's cached scorers, a server);
        # a copy (multiprocessing workers, deepcopy) starts with an empty cache.
        self._ref_cache = LockedLRU(self._REF_CACHE, self._REF_CACHE_BYTES)

    def __reduce__(self) -> tuple:
        """A copy (pickle for ``multiprocessing`` or Ray, deepcopy) is built again from the
        options and the -s/-m data this one read: its token filter is a closure, called
        bare in the hot loop, and its caches start empty."""
        return _rebuilt, (type(self), self.options, *self._data)

    # ---------------------------------------------------------------- public
    @property
    def metric_names(self) -> list[str]:
        """Keys of the dicts this scorer returns, in ROUGE-1.5.5's order."""
        return list(self._names)

    def score(self, summary: Text, references: Sequence[Text]) -> dict[str, Score]:
        """Scores of one peer summary against its references.

        A ``str`` is one sentence (unit); a list of ``str`` is one sentence per
        item (ROUGE's SPL/SEE input). Keys are the names ROUGE-1.5.5 prints.
        """
        return {k: s for k, (s, _) in self._evaluate(*self._prepare_pair(summary, references))
                .items()}

    def score_with_counts(
        self, summary: Text, references: Sequence[Text]
    ) -> dict[str, tuple[Score, Counts]]:
        """Like :meth:`score`, with the pooled counts behind each score."""
        return self._evaluate(*self._prepare_pair(summary, references))

    def score_with_tokens(
        self, summary: Text, references: Sequence[Text]
    ) -> tuple[dict[str, Score], list[str], list[list[str]]]:
        """Like :meth:`score`, with the tokens the scores counted (after -l/-b, stemming
        and stop words): the summary's and each reference's, from the one preparation."""
        peer, refs = self._prepare_pair(summary, references)
        scores = {k: s for k, (s, _) in self._evaluate(peer, refs).items()}
        return scores, peer.tokens, [r.tokens for r in refs]

    def score_many(
        self, pairs: Iterable[tuple[Text, Sequence[Text]]]
    ) -> Iterator[dict[str, Score]]:
        """Scores for a stream of ``(summary, references)`` pairs, lazily."""
        for summary, references in pairs:
            yield self.score(summary, references)

    # -------------------------------------------------------------- internals
    def _weights(self, k: int) -> list[float]:
        """A table of i ** w for i = 0..k at least.

        Grown into a new list, never in place: a thread appending beside another could
        store one power at the wrong index; each caller keeps the table it got.
        """
        pw = self._wpow
        if len(pw) <= k:
            w = self._w
            pw = pw + [i ** w for i in range(len(pw), max(k + 1, 2 * len(pw)))]
            self._wpow = pw
        return pw

    def _prepare(self, text: Text, is_peer: bool,
                 refs: Sequence[_Prepared] | None = None) -> _Prepared:
        """``text`` tokenised, counted and laid out for the metrics. A peer longer than its
        references (``refs``) together keeps n-gram and skip-bigram counts of their words
        only, the only ones they can share: a summary of 50 MB against a 250-word
        reference held tables of all its grams. Shorter ones are counted whole: the pass
        that leaves words out cost 5% of the time of a TAC summary's scores. A reference
        of over ``_LONG_TOKENS`` tokens is counted later, in each summary's words
        (:meth:`_in_words`)."""
        # One str object for each distinct token: the regex's own, one a token, took 50-60
        # bytes each (a 20 MB summary's 3.3 million tokens, 190 MB).
        distinct: dict[str, str] = {}
        one = distinct.setdefault
        # The lines are made one at a time, tokenised and let go (a list of them held a copy
        # of the text beside its tokens), unless -b cuts the ROUGE-L units apart.
        own_units = bool(self._need_units and self._lb and not self._lw)
        lines = (as_lines if own_units else iter_lines)(text, self._lw, self._lb)
        tokens, bounds = tokenized(truncate_joined(lines, self._lw, self._lb), self._tokens, one)
        units = None
        if self._need_units:
            # spans of the token list, not a list a unit beside it (each token held twice)
            if own_units:
                units = Units(*tokenized(truncate_units(lines, 0, self._lb), self._tokens, one))
            else:
                units = Units(tokens, bounds)
        del distinct, one, lines
        if not is_peer and len(tokens) > self._LONG_TOKENS:
            return _Prepared(tokens, units, {}, None, None, None, long=True)
        words = None
        if refs is not None and len(tokens) > sum(len(r.tokens) for r in refs):
            words = set().union(*(r.grams.get(1, r.tokens) for r in refs))
        return self._counted(tokens, units, words, layout=not is_peer)

    def _counted(self, tokens: list[str], units: Units | None,
                 words: set[str] | None, layout: bool) -> _Prepared:
        """A text's n-gram and skip-bigram counts and, with ``layout``, its ROUGE-L layout,
        of the grams made of ``words`` only where given (every total is the whole text's)."""
        opts = self.options
        masks = ModelLayout(units, words) if layout and units is not None and opts.rouge_l else None
        grams = {n: ngram_counts(tokens, n, words)
                 for n in range(1, min(opts.max_n, self._KEPT_N) + 1)}
        if self._need_units and 1 not in grams:
            grams[1] = ngram_counts(tokens, 1, words)
        skip = None
        if opts.skip_distance is not None:
            skip = skip_bigram_counts(tokens, opts.skip_distance, opts.skip_unigrams, words,
                                      "of the summary" if layout else "of its references")
        return _Prepared(tokens, units, grams, skip, masks, words)

    def _in_words(self, ref: _Prepared, peer: _Prepared) -> _Prepared:
        """A long reference (``ref.long``) counted in the words of ``peer``, the only grams
        they can share, for this pair only: its tables of every gram, built before the
        summary was known, took 1 GB for a 50 MB reference (its skip-bigram codes 500 MB,
        its ROUGE-L token positions 300 MB). Totals are from its token count, so every
        score is the whole reference's."""
        words = set(peer.tokens)
        if peer.units is not None and peer.units.tokens is not peer.tokens:
            # -b cuts ROUGE-L's units apart from the tokens (readText_LCS): theirs may differ
            words.update(peer.units.tokens)
        return self._counted(ref.tokens, ref.units, words, layout=True)

    def _prepare_reference(self, text: Text) -> _Prepared:
        key: str | tuple[str, ...]
        if isinstance(text, str):
            key = text
        else:
            if not isinstance(text, Sequence) or not all(isinstance(x, str) for x in text):
                raise InputError("a reference must be a str or a list of str (one sentence each)")
            key = ("\x00list",) + tuple(text)
        hit = self._ref_cache.get(key)
        if hit is not None:
            return hit
        prepared = self._prepare(text, is_peer=False)  # unlocked: threads may build one twice
        # and its strings, the distinct tokens' and the text's (the key, held with it): a
        # token of 2,000 characters held 2,370 bytes; the text of a long reference as much
        distinct = prepared.grams.get(1) or set(prepared.tokens)
        per_token = self._LONG_BYTES_PER_TOKEN if prepared.long else self._BYTES_PER_TOKEN
        size = per_token * len(prepared.tokens) + sum(map(sys.getsizeof, distinct))
        size += sum(map(sys.getsizeof, key)) if isinstance(key, tuple) else sys.getsizeof(key)
        if prepared.masks is not None:
            size += prepared.masks.nbytes
        if prepared.skip is not None:  # n^2/2 pairs without a distance limit
            size += prepared.skip.nbytes
        self._ref_cache.put(key, prepared, size)
        return prepared

    def _prepare_pair(self, summary: Text, references: Sequence[Text]
                      ) -> tuple[_Prepared, list[_Prepared]]:
        if isinstance(references, str) or not isinstance(references, Sequence):
            raise InputError("references must be a list of reference summaries (str or list of str)")
        if len(references) == 0:
            raise InputError("no reference summary given: ROUGE needs at least one")
        refs = [self._prepare_reference(r) for r in references]
        peer = self._prepare(summary, is_peer=True, refs=refs)
        return peer, [self._in_words(r, peer) if r.long else r for r in refs]

    def _evaluate(self, peer: _Prepared, refs: list[_Prepared]) -> dict[str, tuple[Score, Counts]]:
        opts = self.options
        best = opts.scoring == "B"
        alpha = opts.alpha
        out: dict[str, tuple[Score, Counts]] = {}

        # per_ref: (hit, model_count, peer_count, score_for_B) for each reference
        def pooled(per_ref: list[tuple[float, float, float, float]]) -> tuple[float, float, float]:
            if best:
                chosen: tuple[float, float, float] = (0, 0, 0)
                best_score = -1.0
                for hit, mc, pc, sc in per_ref:
                    if sc > best_score:
                        best_score = sc
                        chosen = (hit, mc, pc)
                return chosen
            th: float = 0
            tm: float = 0
            tp: float = 0
            for hit, mc, pc, _ in per_ref:
                th += hit
                tm += mc
                tp += pc
            return th, tm, tp

        def finish(name, hit, mc, pc, inverse=None):
            r = hit / mc if mc != 0 else 0.0
            p = hit / pc if pc != 0 else 0.0
            if inverse is not None:
                r = r ** inverse if mc != 0 else 0.0
                p = p ** inverse if pc != 0 else 0.0
            r5, p5 = _round5(r), _round5(p)
            out[name] = (Score(r5, p5, _fmeasure(r5, p5, alpha)), Counts(mc, pc, hit))

        def gram_stats(model: Counter, peer_grams: Counter, model_count: int):
            hit = clipped_hits(model, peer_grams)
            sc = _round5(hit / model_count) if (best and model_count) else 0.0
            return hit, model_count, sc

        shared = [True] * len(refs)  # whether the peer and reference k share an (n-1)-gram
        for n in range(1, opts.max_n + 1):
            pg = None
            pc = max(len(peer.tokens) - n + 1, 0)
            per_ref: list[tuple[float, float, float, float]] = []
            for k, ref in enumerate(refs):
                mc = max(len(ref.tokens) - n + 1, 0)
                if shared[k]:
                    if pg is None:
                        pg = _grams(peer, n)
                    hit, mc, sc = gram_stats(_grams(ref, n), pg, mc)
                    shared[k] = hit > 0
                else:  # every shared n-gram starts with a shared (n-1)-gram
                    hit, sc = 0, 0.0
                per_ref.append((hit, mc, pc, sc))
            finish(f"ROUGE-{n}", *pooled(per_ref))

        if opts.rouge_l:
            pc = len(peer.tokens)
            lcs = [self._lcs_one(ref, peer) for ref in refs]
            per_ref = [(h, b, pc, (h / b if b else 0.0)) for h, b in lcs]
            finish("ROUGE-L", *pooled(per_ref))

        if opts.rouge_w:
            w = self._w
            inv = 1 / w
            pcw = len(peer.tokens) ** w
            per_ref = []
            for ref in refs:
                hit, base = self._wlcs_one(ref, peer)
                # The Perl divides by zero (and dies) for a reference without tokens.
                sc = (hit / base) ** inv if base else 0.0
                per_ref.append((hit, base ** w, pcw, sc))
            finish(opts.w_name, *pooled(per_ref), inverse=inv)

        if opts.skip_distance is not None:
            peer_skip = peer.skip
            assert peer_skip is not None  # _prepare counts them whenever skip_distance is set
            pc = peer_skip.total
            per_ref = []
            for ref in refs:
                assert ref.skip is not None
                mc = ref.skip.total
                hit = skip_hits(ref.skip, peer_skip)
                sc = _round5(hit / mc) if (best and mc) else 0.0
                per_ref.append((hit, mc, pc, sc))
            finish(opts.s_name, *pooled(per_ref))
        return out

    def _lcs_one(self, ref: _Prepared, peer: _Prepared) -> tuple[int, int]:
        """(hit, base) of ROUGE-1.5.5's ``lcs`` for one reference."""
        layout = ref.masks
        # _prepare builds both whenever ROUGE-L is asked for (the layout for references only)
        assert layout is not None and peer.units is not None
        hit = union_lcs_hits(layout, peer.units, dict(ref.grams[1]), dict(peer.grams[1]))
        return hit, sum(layout.lengths)

    def _wlcs_one(self, ref: _Prepared, peer: _Prepared) -> tuple[float, float]:
        """(weighted hit, weighted base) of ROUGE-1.5.5's ``wlcs`` for one reference."""
        mcount = dict(ref.grams[1])
        pcount = dict(peer.grams[1])
        assert ref.units is not None and peer.units is not None  # built for ROUGE-W
        # lists of the units, read once each here, where the peer's are read for each unit
        ref_units, peer_units = list(ref.units), list(peer.units)
        hit = 0.0
        base = 0.0
        longest = max([len(u) for u in ref_units] + [len(u) for u in peer_units] + [1])
        weights = self._weights(longest + 1)
        for mu in ref_units:
            m = len(mu)
            base += weights[m]
            if not m:
                continue
            marks = [False] * m
            shared = set(mu)
            for pu in peer_units:
                # Without a common token nothing is marked; marks only accumulate.
                if pu and not shared.isdisjoint(pu):
                    wlcs_marks(mu, pu, marks, weights)
                    if all(marks):
                        break
            run = 0
            for j in range(m):
                if marks[j]:
                    tok = mu[j]
                    if mcount.get(tok, 0) > 0 and pcount.get(tok, 0) > 0:
                        run += 1
                        if (j + 1 < m and not marks[j + 1]) or j + 1 == m:
                            hit += weights[run]
                            run = 0
                        mcount[tok] -= 1
                        pcount[tok] -= 1
        return hit, base
