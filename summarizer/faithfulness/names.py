"""Names in text: runs of capitalised words that are not sentence-initial common words.

A name in a generated sentence is supported when each of its words occurs
in the sources: as written, as an ordinary word ("President"), as a
variant, its stem with another ending (see :func:`variant`: "Chinese"/"China",
"Iranian"/"Iran", not "Laurel"/"Laurentino"), without an ending after
an apostrophe dropped: possessive 's, Turkish "Ankara'da"; accents folded), or
through a short alias table ("U.S." = "United States"; Czech "OSN", French "ONU",
Greek "ΟΗΕ" = the United Nations in those languages). A full name is backed only as
the sources pair its words: "Tom Smith" is no one where they write "Tom Jones" and
"Will Smith" (see :func:`person_supported`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from summarizer.errors import UnknownLanguageError
from summarizer.faithfulness.dates import MONTHS, WEEKDAYS, Date, find_dates, given_name
from summarizer.faithfulness.nicknames import long_forms
from summarizer.faithfulness.numbers import SCALES, WORD_NUMBERS, Spans
from summarizer.languages import get_language
from summarizer.sentence_ends import LATIN, ends_sentence_at, splitter_abbreviations, titles

# Capitalised word, with inner apostrophes, hyphens, dots (U.S.), and accented letters.
_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019.&-]*\w)?\.?", re.UNICODE)
_CONNECT = {"of", "de", "del", "la", "van", "von", "bin", "al", "der", "da", "du", "le"}
# Words that never open a name (at the start of a sentence, or of a run of
# capitalised words), besides any word the sources use in lower case and the common
# words of the language's Punkt model (common_opener). Not features.ENGLISH_STOPWORDS:
# some function words open names ("US", "Will", "May", "Said"), some other words do not
# ("police", "president", "dozens").
COMMON = set("""a an the this that these those it its he she they we i you his her their our
in on at by for from with after before as but and or if when while since during about over
under between among into through despite although though however meanwhile also yet so
there here what which who whom whose where why how all some many most several other such
no not one two three four five six seven eight nine ten last next first second new
according both each every few more officials police president prime minister
finally hence indeed until later along besides dozens moreover furthermore thus therefore
nevertheless today yesterday overall still instead earlier previously subsequently then once
again even only just now soon later afterwards eventually initially currently recently
following regarding concerning within without near nearly almost around across against
""".split())
# COMMON words that open a name inside a sentence before a capitalised word ("hit New
# Mexico", "in New Delhi"); at a sentence's start only where the sources write them so
# (``openers``), as "Will Smith"
_INNER_OPENERS = frozenset({"new"})
# A place name's abbreviated first word ("St. Louis", "Ft. Bragg", "Mt. Everest") and the
# words it stands for, either way: "Saint Louis" backs "St. Louis", as does "St. Louis" it
_PLACE_WORDS = {"st": ("saint", "street"), "ft": ("fort",), "mt": ("mount",)}
# Titles and ranks written before a person's name, which are no word of it (see
# :func:`find_names`): "Gen. Petraeus" is the name Petraeus, as "Mr. Petraeus" is, and
# "Maj. Gen. Miller" Miller. LATIN's titles, the ranks and offices English news abbreviates
# ("Maj.", "Adm.", "Brig.": Punkt's English model has them), and each language's own
# (sentence_ends.titles: Czech "Ing.", Spanish "Sra."). Not a place's "St.", "Ft.", "Mt."
TITLES = frozenset({"mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "msgr", "gov",
                    "sen", "rep", "pres", "atty", "det", "insp", "supt", "gen", "maj", "col",
                    "lt", "capt", "adm", "brig", "cmdr", "sgt", "sgts", "cpl", "pvt", "pfc",
                    "spc", "ssg", "sfc"})
# English titles and ranks written in full before a name ("General Petraeus", "Lieutenant
# Colonel Jordan", "Secretary of State Clinton"), each with the abbreviation that backs it
# ("Col. Jordan" backs "Colonel Jordan"). Unlike TITLES they stay words of the name that
# find_names reads, because they also open names of things ("General Motors", "Major
# League Baseball", "Chief Executive", "Prince Edward Island"): a title is no given name
# (person_supported), and a word there as in "General Motors" is checked as before.
FULL_TITLES: dict[str, tuple[str, ...]] = {
    "general": ("gen",), "colonel": ("col",), "major": ("maj",), "lieutenant": ("lt",),
    "captain": ("capt",), "sergeant": ("sgt",), "corporal": ("cpl",), "private": ("pvt",),
    "admiral": ("adm",), "commander": ("cmdr",), "brigadier": ("brig",),
    "specialist": ("spc",), "governor": ("gov",), "senator": ("sen",),
    "representative": ("rep",), "president": ("pres",), "professor": ("prof",),
    "doctor": ("dr",), "reverend": ("rev",), "detective": ("det",),
    "inspector": ("insp",), "superintendent": ("supt",), "honourable": ("hon",),
    "honorable": ("hon",), "attorney": ("atty",), "marshal": (), "minister": (),
    "secretary": (), "chancellor": (), "ambassador": (), "judge": (), "justice": (),
    "mayor": (), "congressman": (), "congresswoman": (), "chief": (), "sir": (),
    "lord": (), "lady": (), "dame": (), "king": (), "queen": (), "prince": (),
    "princess": (), "pope": (), "cardinal": (), "bishop": (), "archbishop": (),
    "father": (), "sister": (), "sheikh": (), "ayatollah": (), "imam": ()}


# LATIN's other words open no name either ("Inc.", "Jr.", "vs."), but are a name's inside
# one ("Apple Inc.", "George Bush Jr.")
COMMON |= LATIN - TITLES - _PLACE_WORDS.keys()
ALIASES = {
    "us": {"united", "states", "america", "american", "americans", "washington"},
    "usa": {"united", "states", "america"},
    "un": {"united", "nations"},
    "uk": {"united", "kingdom", "britain", "british"},
    "eu": {"european", "union"},
    "america": {"us", "united", "states", "american"},
    "american": {"us", "united", "states", "america"},
    "britain": {"uk", "british", "united", "kingdom"},
    "british": {"uk", "britain", "united", "kingdom"},
}
# Countries and their people whose names English's suffixes (see variant) do not relate:
# the country adds what no people's name adds (German-y, Serb-ia, Somali-a, Kurd-istan
# after a plural, Congo -> Congolese)
_DEMONYMS = {
    "greece": ("greek", "greeks"), "germany": ("german", "germans"),
    "serbia": ("serb", "serbs"), "croatia": ("croat", "croats"), "slovakia": ("slovak", "slovaks"),
    "slovenia": ("slovene", "slovenes"), "somalia": ("somali", "somalis"),
    "bosnia": ("bosniak", "bosniaks"), "kurdistan": ("kurd", "kurds", "kurdish"),
    "congo": ("congolese",), "panama": ("panamanian", "panamanians"),
    "honduras": ("honduran", "hondurans"), "argentina": ("argentine", "argentines"),
    "montenegro": ("montenegrin", "montenegrins"), "kosovo": ("kosovar", "kosovars"),
    "peru": ("peruvian", "peruvians"), "texas": ("texan", "texans"),
}
for _one, _others in (_DEMONYMS | _PLACE_WORDS).items():
    ALIASES[_one] = set(_others)
    for _other in _others:
        ALIASES.setdefault(_other, set()).add(_one)
# The same abbreviations in the other TAC languages written with capitals (Arabic, Hebrew
# and Hindi have no names by case): the words of the full name that name nothing else,
# in the cases the sources write them (normalised by norm_word, below)
_OTHER_ALIASES = {
    # Czech: Spojené státy (americké), Organizace spojených národů, Evropská unie
    "usa": "Spojené Spojených Spojeným Spojenými Amerika Ameriky Americe Ameriku Unis",
    "osn": "národů",
    "eu": "Evropská Evropské Evropskou Evropských",
    # French: États-Unis (above), Organisation des Nations unies, Union européenne
    "onu": "unies", "ue": "européenne",
    # Greek: Ηνωμένες Πολιτείες (Αμερικής), Ηνωμένα Έθνη, Ευρωπαϊκή Ένωση
    "ηπα": "Πολιτείες Πολιτειών Αμερική Αμερικής",
    "οηε": "Έθνη Εθνών",
    "εε": "Ευρωπαϊκή Ευρωπαϊκής",
}


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    words: tuple[str, ...]  # normalised words (see :func:`norm_word`)


# A lower-case ending after an apostrophe is written against a name, not part of it:
# English "Blair's", Turkish case endings ("Ankara'da", "İstanbul'daki", "Obama'nın").
# Not a capitalised part ("O'Brien", "d'Ivoire").
_SUFFIX = re.compile(r"['\u2019]([^\W\d_]+)$")


def norm_word(word: str) -> str:
    """Case-folded, accent-free, without dots (U.S. -> us) or a lower-case ending
    after an apostrophe (Blair's, Ankara'da -> blair, ankara)."""
    suffix = _SUFFIX.search(word)
    if suffix and suffix.group(1).islower():
        word = word[:suffix.start()]
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    return word.replace(".", "").casefold()


for _full, _short_forms in FULL_TITLES.items():  # "Col." backs "Colonel", not the reverse
    ALIASES.setdefault(_full, set()).update(_short_forms)
for _short, _words in _OTHER_ALIASES.items():
    ALIASES.setdefault(norm_word(_short), set()).update(norm_word(w) for w in _words.split())


def _period_word(word: str) -> str | None:
    """``word`` (a :data:`_WORD` match) without the period it ends with, where that period
    may be a full stop: none inside ("U.S."), not an initial's ("George W. Bush")."""
    bare = word[:-1]
    return bare if word.endswith(".") and "." not in bare and len(bare) > 1 else None


def _full_stop(word: str, language: str) -> bool:
    """Whether the period ``word`` (a :data:`_WORD` match) ends with is a full stop, not the
    word's: "Washington." but not "U.S." (dots inside), an initial ("George W. Bush") or
    an abbreviation of ``language`` ("Gen.", "Inc.": :func:`splitter_abbreviations`, as the
    sentence splitter reads them)."""
    bare = _period_word(word)
    return bare is not None and bare.casefold() not in splitter_abbreviations(language)


def _stop_after(text: str, word: re.Match[str], language: str) -> bool:
    """Whether a sentence ends with ``word`` of ``text``, a word following it: its period
    a full stop (:func:`_full_stop`), or an abbreviation's where the sentence splitter ends
    a sentence there before the next word (:func:`sentence_ends.ends_sentence_at`):
    English "ill." is one of the Punkt model's, yet "fell ill. Witnesses said" is two
    sentences, and "Witnesses" no name."""
    bare = _period_word(word.group())
    if bare is None:
        return False  # no period, an initial, dots inside: no full stop's
    return bare.casefold() not in splitter_abbreviations(language) \
        or ends_sentence_at(text, word.end() - 1, language)


def _glued_stop(text: str, at: int) -> bool:
    """Whether the dot at ``at``, inside a :data:`_WORD` match, is a full stop written
    without the space after it ("Paris.Les"): two lower-case letters before it, a
    capitalised word after it with no dot of its own but a last one. Not the dots of an
    abbreviation ("Ph.D.", "e.g.Smith"), an acronym ("U.S.Army") or an address
    ("www.Example.com")."""
    before = text[at - 2:at]
    if not (at >= 2 and before.isalpha() and before.islower()
            and text[at + 1:at + 2].isupper() and text[at + 2:at + 3].islower()):
        return False
    rest = _WORD.match(text, at + 1)
    return rest is not None and "." not in rest.group().rstrip(".")


def _tokens(text: str) -> list[re.Match[str]]:
    """The :data:`_WORD` matches of ``text``, split after a full stop written without a
    space (:func:`_glued_stop`): "Paris." and "Les", whose full stop ends a sentence."""
    out: list[re.Match[str]] = []
    for m in _WORD.finditer(text):
        start = m.start()
        at = text.find(".", start + 2, m.end() - 2)
        while at != -1:
            if _glued_stop(text, at):
                part = _WORD.match(text, start, at + 1)
                assert part is not None  # a letter opens it
                out.append(part)
                start = at + 1
            at = text.find(".", at + 1, m.end() - 2)
        last = m if start == m.start() else _WORD.match(text, start, m.end())
        assert last is not None
        out.append(last)
    return out


def name_words(text: str) -> list[str]:
    """The words of ``text`` as names' words are read and compared (:func:`_tokens`,
    :func:`norm_word`: "U.S." is "us", "3Com" gives "com", "Ph.D." "phd"): what the
    sources must hold for a name of the output to be theirs. Not a lower-case run glued
    to a digit before it ("2nd", "3pm", "12MP" is capitalised): "nd" or "pm" is no name
    and backed an invented "ND" or "PM"."""
    return [norm_word(m.group()) for m in _tokens(text)
            if not (m.start() and text[m.start() - 1].isdigit() and m.group()[0].islower())]


@cache
def _titles(language: str) -> frozenset[str]:
    """:data:`TITLES` and ``language``'s own (:func:`sentence_ends.titles`)."""
    try:
        return TITLES | titles(get_language(language).name)
    except UnknownLanguageError:
        return TITLES


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_number_word(n: str) -> bool:
    """A spelled-out number ("twenty-five", "hundred"): the number checker's item, not a name."""
    parts = re.findall(r"[^\W_]+", n)
    return bool(parts) and all(p in WORD_NUMBERS or p in SCALES for p in parts)


def _adverb(word: str, lower_vocabulary: set[str] | frozenset[str]) -> bool:
    """An English adverb in -ly whose adjective the sources use ("Separately" for
    "separate", "Reportedly", "Happily"); not a name in -ly ("Italy", "Emily")."""
    if not word.endswith("ly") or len(word) < 5:
        return False
    stem = word[:-2]
    return any(w in lower_vocabulary for w in (stem, stem + "e", stem[:-1] + "y", stem + "le"))


# NLTK Punkt's orthographic flags (nltk.tokenize.punkt._ORTHO_MID_UC, _ORTHO_LC): a word
# seen capitalised inside a sentence; seen in lower case, anywhere
ORTHO_MID_UC, ORTHO_LC = 1 << 2, (1 << 4) | (1 << 5) | (1 << 6)


@cache
def _orthography(language: str) -> Mapping[str, int]:
    """What ``language``'s Punkt model learnt of each word's case (none: no model)."""
    from summarizer.sentences.punkt_models import punkt_parameters

    try:
        return punkt_parameters(language).ortho_context
    except LookupError:
        return {}


# Elided articles that stand for _CONNECT's "de", "le" and "la": "Côte d'Ivoire" is one name
_CONNECTING_ELISIONS = frozenset({"d", "l"})


@cache
def _elision(language: str) -> re.Pattern[str] | None:
    """The elided articles and prepositions of ``language`` (:attr:`Language.elisions`)
    opening a word, with their apostrophe; None where it has none."""
    try:
        elisions = get_language(language).elisions
    except UnknownLanguageError:
        return None
    if not elisions:
        return None
    alternatives = "|".join(sorted(elisions, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})['\u2019](?=[^\W\d_])", re.IGNORECASE)


def _elided(word: str, language: str, initial: bool) -> str:
    """The elided article or preposition that ``word`` opens with in ``language``
    ("l'" of "l'ONU", "L'" of a sentence's "L'ONU"), or "". A capitalised one inside a
    sentence is part of a name (Italian "D'Alema"), as in English, which elides none
    ("O'Brien", "D'Angelo")."""
    pattern = _elision(language)
    found = pattern.match(word) if pattern else None
    if found is None or (not initial and not found.group().islower()):
        return ""
    return found.group()


def common_opener(word: str, language: str) -> bool:
    """Whether ``word`` opening a sentence is a common word by the orthographic evidence
    of ``language``'s Punkt model, as the sentence splitter reads a word after a period:
    seen in lower case and never capitalised inside a sentence (Czech "Ukázalo", Greek
    "Όμως"; not "Keňa", nor "Rok", which headlines capitalise). A word in capitals is
    an acronym ("US", "IT"), not that word."""
    word = word.rstrip(".")
    if _acronym(word):
        return False
    flags = _orthography(language).get(word.lower(), 0)
    return bool(flags & ORTHO_LC) and not flags & ORTHO_MID_UC


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


# wordfreq writes Greek's final sigma as a medial one ("όμωσ"); text and Punkt as "ς"
_FINAL_SIGMA = re.compile("\u03c3$")


# The names among the 100 most frequent words of wordfreq's lists (Background.stopwords)
# for the languages with case that have no Punkt model, read by hand: a country, its
# capital, in its cases. Their function words are that list, less these, whether or not
# the language table gives them a short list of their own for guess_language (Hungarian
# and Romanian since session 36). wordfreq's data is a
# snapshot that will not be updated (its SUNSET.md); tests check that each is still in
# its list.
WORDLIST_NAMES = {
    "bulgarian": frozenset({"българия", "софия"}), "hungarian": frozenset({"budapest"}),
    "indonesian": frozenset({"indonesia"}), "romanian": frozenset({"românia"}),
    "ukrainian": frozenset({"україни", "україні"}),
}


@cache
def function_words(language: str) -> frozenset[str]:
    """The lower-case words of ``language`` that open no name at a sentence's start: the
    function words :func:`languages.guess_language` reads (:attr:`Language.function_words`),
    and the background list's most frequent words (:meth:`Background.stopwords`, wordfreq)
    that the language's Punkt model saw in lower case. That list also holds names ("france",
    "românia", Vietnamese "nam"): Punkt's evidence keeps those out. A language without a
    model has its own short list alone (Vietnamese, whose wordfreq list holds "nam",
    "quốc", "trung" of its names; Croatian, which has no wordfreq list), or where it has
    none, or :data:`WORDLIST_NAMES` was read for the names in that list, the background
    list's words less those names (Romanian, Hungarian, Catalan ...)."""
    from summarizer.summarizers.background import background_for

    try:
        name = get_language(language).name
    except UnknownLanguageError:
        return frozenset()
    own = get_language(name).function_words
    orthography = _orthography(name)
    if not orthography and own and name not in WORDLIST_NAMES:
        return own
    background = background_for(name)
    frequent = {_FINAL_SIGMA.sub("\u03c2", w) for w in background.stopwords()
                } if background else set()
    if not orthography:
        return frozenset(frequent - WORDLIST_NAMES.get(name, frozenset()))
    return own | {w for w in frequent if orthography.get(w, 0) & ORTHO_LC}


def _function_word(word: str, language: str) -> bool:
    """Whether ``word`` is one of :func:`function_words` written as a sentence opens it:
    capitalised, not in capitals ("US" is a name, "Us" no)."""
    word = word.rstrip(".")
    return not _acronym(word) and word.lower() in function_words(language)


def find_names(text: str, lower_vocabulary: set[str] | frozenset[str] = frozenset(),
               language: str = "english", dates: Iterable[Date] | None = None,
               openers: Collection[str] = frozenset()) -> list[Name]:
    """Runs of capitalised words in ``text`` that read as names.

    A sentence-initial word starts a name only when it is not a common word,
    not used in lower case in ``lower_vocabulary`` (the sources' words written in lower
    case, normalised by :func:`norm_word` as names' words are: accents folded), no
    common word of ``language`` by its Punkt model (:func:`common_opener`) and none of
    its function words (:func:`function_words`: "Les", "Il", "Der", "Το", also where the
    model saw them capitalised mid-sentence, in titles such as "Der Spiegel").
    Month and weekday names are left to the date checker, but for a month that is a
    given name (:func:`dates.given_name`: "August Müller"), as is any word of a date
    it reads ("5 Απριλίου", "7. Juli 2005"), spelled-out numbers ("Twenty-five
    people ...") to the number checker. ``dates``: :func:`dates.find_dates` of ``text``,
    where the caller has them. In a language that elides (French, Italian, Catalan: see
    :attr:`Language.elisions`) a name begins after the elided article or preposition
    ("l'ONU", "d'Haïti", "qu'Obama", a sentence's "L'ONU"; "Côte d'Ivoire" is one name).
    A word opening a sentence that would open no name opens one before a capitalised
    word where the sources, or ``text`` itself, write it opening a name inside a sentence
    (``openers``, the sources' :func:`name_openers`): there it is a given name, or a
    name's article. "Will Smith left." and "Will Jones left." where they write "the actor
    Will Smith", "Le Monde a publié" where "selon Le Monde"; never "Will the court rule?".
    A title (:data:`TITLES`, with or without its period) opens no name, and inside one
    ends it where a capitalised word follows: "Maj. Gen. Miller" is "Miller", "Army Gen
    Petraeus" "Army" and "Petraeus"; not "Amartya Sen". A full stop written without a
    space after it ends a word ("Paris.Les": "Paris", then "Les" opening a sentence).
    ``text``: a sentence, a title or paragraphs between blank lines, not a raw text's lines:
    an abbreviation's period is read by the words around it
    (:func:`sentence_ends.ends_sentence_at`), a lone line break as a wrapped paragraph's.
    """
    words = _tokens(text)
    dated = Spans((d.start, d.end) for d in (find_dates(text) if dates is None else dates))
    out: list[Name] = []
    run: list[re.Match[str]] = []
    held: set[str] = set()  # openers left out before a capitalised word

    def flush() -> None:
        while run and norm_word(run[-1].group()) in _CONNECT:
            run.pop()
        if run:
            parts = [p for w in run for p in re.findall(r"[^\W_]+", norm_word(w.group()))
                     if p not in _CONNECT]
            start, end = run[0].start(), run[-1].end()
            if _full_stop(run[-1].group(), language):
                end -= 1
            out.append(Name(text[start:end], start, end, tuple(parts)))
        run.clear()

    for i, word in enumerate(words):
        gap = text[words[i - 1].end():word.start()] if i else text[:word.start()]
        # the word before took in its full stop ("Paris. Officials"): a sentence ends there
        stop = i > 0 and _stop_after(text, words[i - 1], language)
        initial = i == 0 or stop or bool(re.search(r"[.!?:;\"\u201c(]\s*$", gap)
                                         and not gap.strip() == "")
        elided = _elided(word.group(), language, initial)
        m = _WORD.match(text, word.start() + len(elided), word.end()) if elided else word
        assert m is not None  # a letter follows the apostrophe (see _elision)
        w = m.group()
        n = norm_word(w)
        if elided:  # the word after an article is no sentence's first word
            initial = False
            if elided[:-1].lower() not in _CONNECTING_ELISIONS:
                flush()  # "qu'Obama" continues no name
        if run and (stop or gap.strip() not in ("", "-")
                    or not (_is_capitalised(w) or n in _CONNECT)):
            flush()
        if not _is_capitalised(w):
            if run and n in _CONNECT:
                run.append(m)
            continue
        if ((n in MONTHS and not given_name(text, m.start(), m.end())
             and not _surname(bool(run), words[i - 1] if i else None, gap, language))
                or n in WEEKDAYS
                or _is_number_word(n) or (w.isupper() and len(w) == 1)
                or dated.overlaps(m.start(), m.start() + 1)):
            flush()
            continue
        pair = _pair(text, m, words[i + 1] if i + 1 < len(words) else None)
        if n in _titles(language) and (not run or pair):
            flush()  # "Army Gen. Petraeus": "Army", then "Petraeus"
            continue
        after = text[m.end():m.end() + 1]
        common = n in COMMON and not (n in _INNER_OPENERS and pair)
        if (initial or not run) and (common or (initial and (
                n in lower_vocabulary or after == "," or _adverb(n, lower_vocabulary)
                or n in _INNER_OPENERS or common_opener(w, language)
                or _function_word(w, language)))):
            if common or pair is None or n not in openers:
                if pair:
                    held.add(n)
                flush()
                continue
        run.append(m)
    flush()
    # the text's own names inside a sentence ("fans of Will Smith") open its sentences' too
    own = name_openers(out)
    if held & own - set(openers):
        return find_names(text, lower_vocabulary, language, dates, {*openers, *own})
    return out


def _surname(in_name: bool, before: re.Match[str] | None, gap: str, language: str) -> bool:
    """Whether a month name (no date's: :func:`find_dates` reads none there) is a surname:
    right after a name's word ("Theresa May") or a title ("Prime Minister May", "Mrs.
    May")."""
    if in_name:
        return True
    if before is None or gap.strip(". "):
        return False
    title = norm_word(before.group())
    return title in FULL_TITLES or title in _titles(language)


def _pair(text: str, word: re.Match[str], after: re.Match[str] | None) -> tuple[str, str] | None:
    """``word`` and the capitalised word after it, one space apart, normalised; None
    where no such word follows."""
    if (after is None or not text[word.end():after.start()].isspace()
            or not _is_capitalised(after.group())):
        return None
    return norm_word(word.group()), norm_word(after.group())


def name_openers(names: Iterable[Name]) -> frozenset[str]:
    """The first word of each name of two words or more, normalised (:func:`norm_word`,
    "of", "de" ... kept): "will" of "Will Smith", "le" of "Le Monde". A function word
    opens a name only inside a sentence, where nothing else opens it: these words are what
    :func:`find_names` reads a sentence's opener by."""
    return frozenset(norm_word(found[0]) for found in (_WORD.findall(n.text) for n in names)
                     if len(found) > 1)


def word_supported(word: str, source_words: set[str] | frozenset[str],
                   source_prefixes: dict[str, tuple[str, ...]],
                   language: str = "english",
                   lower: set[str] | frozenset[str] | None = None) -> bool:
    """Whether a name word occurs in the sources, or a close variant (in ``language``,
    see :func:`variant`) or alias does. ``lower``: the words the sources write in lower
    case; a source word outside it is a name there (None: none is known to be one)."""
    return _as_written(word, source_words) or bool(
        variants_of(word, source_prefixes, language, lower))


def _as_written(word: str, source_words: set[str] | frozenset[str]) -> bool:
    return word in source_words or any(a in source_words for a in ALIASES.get(word, ()))


def variants_of(word: str, source_prefixes: dict[str, tuple[str, ...]],
                language: str = "english",
                lower: set[str] | frozenset[str] | None = None) -> tuple[str, ...]:
    """The source words that are variants of ``word`` (see :func:`word_supported`)."""
    # the source words that share the longest stem (4-12 letters) with it
    for k in range(min(len(word), _LONGEST_STEM), _SHORTEST_STEM - 1, -1):
        found = source_prefixes.get(word[:k])
        if found is not None:
            return tuple(w for w in found
                         if variant(word, w, language, names=lower is not None and w not in lower))
    return ()


@dataclass(frozen=True)
class GivenNames:
    """The sources' given names (see :func:`given_names`)."""

    surnames: dict[str, frozenset[str]]  # a word -> the surnames written right after it
    only: frozenset[str]  # the words written nowhere else
    # a surname -> the words a name of the sources writes before it ("tom" of "Tom Jones";
    # "us", "president", "barack" of "US President Barack Obama")
    before: dict[str, frozenset[str]] = field(default_factory=dict)
    # the words written as a name of one word ("Smith" of "Mr. Smith", "China" of "China's
    # Xinhua", "Spaniard" of "the Spaniard")
    alone: frozenset[str] = frozenset()
    # two capitalised words written next to each other, a line break between them too
    # ("Mayor Tom\nSmith", which the sentence splitter parts): see :func:`adjacent_words`
    adjacent: frozenset[tuple[str, str]] = frozenset()


def name_supported(words: Sequence[str], source_words: set[str] | frozenset[str],
                   source_prefixes: dict[str, tuple[str, ...]], language: str = "english",
                   lower: set[str] | frozenset[str] | None = None,
                   given: GivenNames | None = None) -> bool:
    """Whether each word of a name is backed (:func:`word_supported`), where in English
    a given name is backed by no variant: "Julian Gillard" is not "Julia Gillard" (the
    sources write the variant before the same surname), nor "Julian" alone where the
    sources write "Julia" only before a surname (``given``). "Obama's", "Obamas",
    "Chinese Commission" or "Russian President" vary a surname or a place. Languages
    that inflect names inflect given names too, and not always their surname with them
    (Czech "Francouzskou Polynésii", "Francouzské Polynésii"): no such rule there."""
    given = given if given is not None and language == "english" else GivenNames({}, frozenset())
    for i, word in enumerate(words):
        if _as_written(word, source_words):
            continue
        found = variants_of(word, source_prefixes, language, lower)
        if not found:
            return False
        after = words[i + 1] if i + 1 < len(words) else ""
        if after and _as_written(after, source_words):
            if any(after in given.surnames.get(w, ()) for w in found):
                return False  # "Julian Gillard" where the sources write "Julia Gillard"
        elif len(words) == 1 and all(w in given.only for w in found):
            return False  # "Julian" alone
    return True


def _parts(name: Name) -> list[tuple[str, bool]]:
    """Each word of ``name`` (normalised, "of", "de" ... left out, a hyphenated word in its
    parts), and whether an ending after an apostrophe follows it ("China's")."""
    parts: list[tuple[str, bool]] = []
    for m in _WORD.finditer(name.text):
        ps = [p for p in re.findall(r"[^\W_]+", norm_word(m.group())) if p not in _CONNECT]
        suffix = _SUFFIX.search(m.group())
        ending = bool(suffix and suffix.group(1).islower())
        parts += [(p, ending and k == len(ps) - 1) for k, p in enumerate(ps)]
    return parts


# What follows a surname or a firm's name and is neither ("George Bush Jr.", "Apple Inc.")
_NAME_ENDINGS = frozenset({"jr", "sr", "ii", "iii", "iv", "inc", "ltd", "co", "corp", "plc",
                           "llc"})


def _segments(name: Name) -> list[list[str]]:
    """The words of ``name`` in the runs that a possessive ends, less the endings after a
    surname (:data:`_NAME_ENDINGS`): "Tony Blair's Labour Party" is "Tony Blair" and
    "Labour Party", "China's Xinhua" "China" and "Xinhua", "George Bush Jr." "George
    Bush"."""
    out: list[list[str]] = [[]]
    for word, possessive in _parts(name):
        out[-1].append(word)
        if possessive:
            out.append([])
    for segment in out:
        while len(segment) > 1 and segment[-1] in _NAME_ENDINGS:
            segment.pop()
    return [s for s in out if s]


def given_names(names: Iterable[Name], lower: set[str] | frozenset[str],
                texts: Iterable[str] = ()) -> GivenNames:
    """The words that ``names`` (the sources') write before a surname, a name word
    never written in lower case, with those surnames; and the ones written only there
    ("julia" where every "Julia" is "Julia Gillard"). Not a word with an ending after
    an apostrophe ("China's Xinhua"). And each surname with every word written before it
    in a name (:attr:`GivenNames.before`, see :func:`person_supported`), and the
    capitalised words ``texts`` (the sources' whole texts) write next to each other
    (:func:`adjacent_words`)."""
    surnames: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    alone: set[str] = set()
    other: set[str] = set()
    for name in names:
        parts = _parts(name)
        for (word, possessive), (after, _) in zip(parts, parts[1:] + [("", False)], strict=True):
            if after and after not in lower and not possessive:
                surnames.setdefault(word, set()).add(after)
            else:
                other.add(word)
        for segment in _segments(name):
            if len(segment) > 1 and segment[-1] not in lower:
                before.setdefault(segment[-1], set()).update(segment[:-1])
            elif len(segment) == 1:
                alone.add(segment[0])
    return GivenNames({w: frozenset(v) for w, v in surnames.items()},
                      frozenset(surnames.keys() - other),
                      {w: frozenset(v) for w, v in before.items()}, frozenset(alone),
                      adjacent_words(texts))


def adjacent_words(texts: Iterable[str]) -> frozenset[tuple[str, str]]:
    """Each two capitalised words that ``texts`` write with nothing but white space
    between them, normalised (:func:`norm_word`), the first with no period of its own
    ("Tom. Smith" ends a sentence, "Gen. Smith" is a title): "Tom\nSmith" too, which the
    sentence splitter parts into two sentences, so that no name of the sources pairs
    them."""
    out: set[tuple[str, str]] = set()
    for text in texts:
        words = _tokens(text)
        for word, after in zip(words, words[1:], strict=False):
            w, a = word.group(), after.group()
            if (_is_capitalised(w) and _is_capitalised(a) and not w.endswith(".")
                    and text[word.end():after.start()].isspace()):
                out.add((norm_word(w), norm_word(a)))
    return frozenset(out)


def person_supported(name: Name, given: GivenNames, source_prefixes: dict[str, tuple[str, ...]],
                     language: str = "english",
                     lower: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether the sources write the person ``name`` names: where they write its surname
    (its last word, or a form of it: Czech "Obamy" for "Obama") after other words of a
    name, the word before it in ``name`` is one of those ("Tom Smith" is no one where the
    sources write "Tom Jones" and "Will Smith", though each word is theirs); where they
    write the surname alone only ("Mr. Smith", "Smith said"), ``name`` gives it no given
    name of theirs ("Tom Smith" where they write "Tom Jones" and "Mr. Smith"), unless
    they write the two words next to each other elsewhere (:attr:`GivenNames.adjacent`:
    "Tom" ending a line, "Smith" opening the next). An initial ("J. Smith") is passed
    over; a title ("General Smith", :data:`TITLES`, :data:`FULL_TITLES`), a word the
    sources write in lower case ("President", "Will") and one they do not write as a
    given name (:func:`_given_name`: Czech "Švýcar Cancellara", "the Swiss Cancellara",
    where no name of theirs opens with "Švýcar") is no given name, and a surname written
    in lower case names no one here. A possessive ends a name ("China's Xinhua"). In
    English the given name is the sources' as written or a short form of it
    (:func:`nicknames.long_forms`: "Bill Clinton" where they write "William Clinton");
    languages that inflect names take any form of it (Czech "Baracka" for "Barack").
    ``source_prefixes``: :func:`prefixes` of the sources' words, where a word's forms are
    looked up."""
    titles = FULL_TITLES.keys() | _titles(language)
    for segment in _segments(name):
        surname = segment[-1]
        if len(segment) < 2 or surname in lower:
            continue
        known = _known(surname, given, source_prefixes, language)
        first = next((w for w in reversed(segment[:-1]) if len(w) > 1), None)
        if first is not None and (
                long_forms(first, language) & known
                or first in titles or first in lower
                or not _given_name(first, given, source_prefixes, language)):
            continue
        if not known:  # the surname alone: a given name written next to it, or none
            if first is not None and not any(
                    (first, f) in given.adjacent
                    for f in _forms(surname, source_prefixes, language)):
                return False
            continue
        if first is None:  # initials only: "J. Smith" is a John Smith of the sources
            if not all(any(w.startswith(i) for w in known) for i in segment[:-1]):
                return False
        elif not any(first == w or w in ALIASES.get(first, ())
                     or (language != "english" and variant(first, w, language)) for w in known):
            return False
    return True


def _known(surname: str, given: GivenNames, source_prefixes: dict[str, tuple[str, ...]],
           language: str) -> set[str]:
    """The words the sources write before ``surname`` or a form of it in a name."""
    return {w for f in _forms(surname, source_prefixes, language)
            for w in given.before.get(f, ())}


def short_forms(name: Name, given: GivenNames, source_prefixes: dict[str, tuple[str, ...]],
                language: str = "english") -> frozenset[str]:
    """The words of ``name`` that are short forms of a given name the sources write
    before the same surname (:func:`nicknames.long_forms`): "bill" of "Bill Clinton" where
    they write "William Clinton". Like an initial, :func:`person_supported` judges such a
    word, not the word-by-word check (the sources need not write "Bill" at all)."""
    out: set[str] = set()
    for segment in _segments(name):
        if len(segment) > 1:
            known = _known(segment[-1], given, source_prefixes, language)
            out.update(w for w in segment[:-1] if long_forms(w, language) & known)
    return frozenset(out)


def _forms(word: str, source_prefixes: dict[str, tuple[str, ...]], language: str) -> set[str]:
    """``word``, its aliases and the sources' variants of it (:func:`variants_of`)."""
    return {word, *ALIASES.get(word, ()), *variants_of(word, source_prefixes, language)}


def _given_name(word: str, given: GivenNames, source_prefixes: dict[str, tuple[str, ...]],
                language: str) -> bool:
    """Whether the sources write ``word`` as a given name: before another name word ("Tom"
    of "Tom Jones"; a form of one in languages that inflect names), and never as a name of
    its own or a form of one ("Spaniard" where they write "the Spaniard", "Chinese" where
    "China")."""
    forms = _forms(word, source_prefixes, language)
    opening = forms if language != "english" else {word}
    return any(f in given.surnames for f in opening) and not any(f in given.alone for f in forms)


def initials(name: Name) -> frozenset[str]:
    """The letters ``name`` writes as initials ("j" of "J. Smith"), normalised: which
    given name they stand for is :func:`person_supported`'s to judge, not a word to find
    in the sources."""
    return frozenset(norm_word(w) for w in _WORD.findall(name.text)
                     if len(w) == 2 and w[1] == "." and w[0].isupper())


# A variant keeps a stem of at least 4 letters. Derivation and inflection end a
# word with a vowel or an -s (China, Canada, Italy; Czech "Obamy", Greek "Αθήνας")
# and replace that letter with a short suffix (Chin-ese, Canad-ian, Ital-ian); the
# longest seen in the sources are four letters (-ians, Czech "Brit-anie").
_SHORTEST_STEM, _LONGEST_STEM, _LONGEST_SUFFIX = 4, 12, 4
_ENDINGS = frozenset("aeiouysаеиоуыэюяіαεηιουωσ")
# English does not inflect names: what it adds to one makes its people, their
# language or adjective, a plural, or a place (Israel-i, Brazil-ian, Chin-ese,
# Commission-er, Afghan-istan, Thai-land). "Martina" is not "Martin"-a, nor
# "Laurentino" "Lauren"-tino. Languages that inflect names add other endings
# (Czech "Obam-ovi", "Peking-ské"; Greek "Αθήνα-ς").
ENGLISH_SUFFIXES = frozenset("""s es i is n ns an ans ian ians ean eans ese ish ic er ers ite
ites istan stan land""".split())
# What English adds to a name to make a belief, its followers or its community
# (Hindu-ism, Marx-ist, Christian-ity, Naz-ism) it adds to common words too (tour-ists,
# real-ity): these relate two words only where the sources write theirs as a name.
NAME_SUFFIXES = frozenset("ism isms ist ists ity".split())


def variant(a: str, b: str, language: str = "english", names: bool = False) -> bool:
    """Whether two normalised words are forms of one name: the shorter is the longer's
    start ("Afghan" and "Afghanistan", "Israel" and "Israeli", "Brazil" and
    "Brazilian"), or both share a stem of 4 letters or more after which the shorter
    has one letter more, a vowel or an -s, and the longer a suffix of at most 4
    letters ("China" and "Chinese", "Canada" and "Canadian"). In English what the
    longer adds is one of :data:`ENGLISH_SUFFIXES`. Not "Laurel" and "Laurentino":
    the shorter's last letter is no ending, the longer's added part is no suffix.
    Irregular pairs ("Greece" and "Greek") are in :data:`ALIASES`. Either word of
    equal length may be the shorter ("Texas" and "Texan"). With ``names`` (both words
    are names: "Marxist" and "Marx", not "tourists" and "Tour") English's
    :data:`NAME_SUFFIXES` relate too, also replacing a final vowel ("Nazi", "Nazism")."""
    short, long = sorted((a, b), key=len)
    return _variant(short, long, language, names) or (
        len(a) == len(b) and _variant(long, short, language, names))


def _variant(short: str, long: str, language: str, names: bool = False) -> bool:
    stem = len(os.path.commonprefix([short, long]))
    if stem < _SHORTEST_STEM:
        return False
    if language == "english" and stem < len(long) and long[stem:] not in ENGLISH_SUFFIXES:
        return names and _name_suffixed(short, long, stem)
    return stem == len(short) or (len(short) == stem + 1 and short[-1] in _ENDINGS
                                  and len(long) - stem <= _LONGEST_SUFFIX)


def _name_suffixed(short: str, long: str, stem: int) -> bool:
    """Whether the longer adds one of :data:`NAME_SUFFIXES` to a stem (3 letters or
    more) that the shorter is, or ends with a vowel or -s (Nazi, Naz-ism; Buddha,
    Buddh-ist) or one of those suffixes (Buddh-ist, Buddh-ism)."""
    return any(long[k:] in NAME_SUFFIXES and (
        short[k:] in NAME_SUFFIXES or len(short) - k <= 1 and short[k:] in ("", *_ENDINGS))
        for k in range(3, stem + 1))


def prefixes(words: set[str] | frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Prefixes (4-12 letters) of source words -> the source words with it."""
    out: dict[str, list[str]] = {}
    for w in sorted(words):
        for k in range(_SHORTEST_STEM, min(len(w), _LONGEST_STEM) + 1):
            out.setdefault(w[:k], []).append(w)
    return {k: tuple(v) for k, v in out.items()}
