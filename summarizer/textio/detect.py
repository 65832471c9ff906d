"""Legacy encodings guessed by ``charset-normalizer`` (step 7 of the decoding policy in
:mod:`summarizer.textio.decode`), narrowed to a language's code pages when one is known.

Two code pages often read the same bytes as text the detector scores alike: Czech
ISO-8859-2 read as cp1250 turns Š into ©, š into ą and ž into ľ, as "plausible" to it as
the true letters; and on short text its mess ratio even prefers "wie¶" to Polish "wieś".
So readings are ranked by their misfits (:func:`misfits`): non-ASCII letters the
language does not write, where it is named or guessed and
:class:`summarizer.languages.Language` lists its ``letters``; and, in any case, C1 controls
and symbols (©, ®, ±, ¶ ...) stuck to letters. Without a language, a cp1252 reading in
one language's letters comes first (:func:`_short_reading`): a word or two tells the detector
nothing.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from summarizer.languages import Language


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name


class _Reading(NamedTuple):
    text: str
    encoding: str  # Python's codec name
    mess: float  # charset-normalizer's mess ratio ("chaos"): 0 reads like text


# charset-normalizer's limit: a reading messier than this is not text.
_MESS_LIMIT = 0.2
# Without a language's letters to judge by, readings within this much of the least messy
# are a near tie, settled by misfits. The ratio is coarse: of random Polish sentences of
# 12-40 words in ISO-8859-2, the true reading scored up to 0.11 worse than its cp1250
# misreading (± and ¶ in words), charset-normalizer 3.5.
_NEAR_TIE = 0.15


# Misfits are counted in the first this many characters of a reading: plenty to tell
# pages apart, and a 256 KB detection sample's readings cost 4 times less (30 ms each).
_MISFIT_SAMPLE = 1 << 16


@lru_cache(maxsize=1)
def _patterns() -> tuple[Any, Any]:
    import regex  # compiled on first use, as the languages module does

    # Not written in words: a C1 control anywhere; a non-ASCII symbol, superscript or
    # fraction (and ¶ and §, which Unicode files as punctuation) touching a letter ("±d",
    # "wie¶", "og³osi³"), but ©, ® and ™ only before one ("©éf"; "Ford®" is a brand) and
    # never the degree sign ("25 °C"); other non-ASCII punctuation between two letters
    # ("a»b"), but Catalan's middle dot ("col·lecció").
    symbol = r"[[\p{S}\p{No}¶§]--[\x00-\x7f©®™°]]"
    # A non-ASCII capital right after a non-ASCII small letter: KOI8-R read as cp1251 swaps
    # every letter's case ("уХД" for "Суд"), which real words never do ("iPhone" is ASCII).
    odd = regex.compile(rf"(?V1)(?=[^\x00-\x7f])"  # ASCII skipped at once: 3 times faster
                        rf"(?:[\x80-\x9f]|{symbol}(?=\p{{L}})|(?<=\p{{L}}){symbol}"
                        r"|[©®™](?=\p{L})|(?<=\p{L})[\p{P}--[\x00-\x7f¶§·]](?=\p{L})"
                        r"|(?<=[\p{Ll}--[\x00-\x7f]])[\p{Lu}--[\x00-\x7f]])")
    return odd, regex.compile(r"[^\x00-\x7f]")


def misfits(text: str, letters: frozenset[str] | None) -> tuple[int, int]:
    """How badly ``text`` reads as a language whose non-ASCII letters are ``letters``
    (None: not known), to rank readings of the same bytes: (characters that say the code
    page is wrong, minus the language's letters). The first counts C1 controls, symbols
    stuck to letters and non-ASCII letters not in ``letters``; the second settles what
    the first ties ("ťumen" over "»umen")."""
    odd, non_ascii = _patterns()
    text = text[:_MISFIT_SAMPLE]
    wrong = len(odd.findall(text))
    native = 0
    if letters is not None:
        for ch, n in Counter(non_ascii.findall(text)).items():
            if ch in letters:
                native += n
            elif ch.isalpha():
                wrong += n
    return wrong, -native


def _fittest(readings: list[_Reading], letters: frozenset[str] | None) -> _Reading | None:
    """The reading with the fewest misfits, then the least messy, then the first of
    ``readings`` (a language's most common page, or the detector's order); None when none
    is text.

    Where the language's ``letters`` are known they judge every reading below the mess
    limit, and one whose every non-ASCII letter is the language's and that has nothing
    odd is text however messy (the mess ratio of a few words is noise: "Že." scores
    0.33). Otherwise only readings within :data:`_NEAR_TIE` of the least messy compete.
    """
    least = min((r.mess for r in readings if r.mess < _MESS_LIMIT), default=_MESS_LIMIT)
    ranked = []
    for i, r in enumerate(readings):
        score = misfits(r.text, letters)
        if letters is None:
            fits = r.mess < _MESS_LIMIT and r.mess <= least + _NEAR_TIE
        else:
            fits = r.mess < _MESS_LIMIT or (score[0] == 0 and score[1] < 0)
        if fits:
            ranked.append((score, r.mess, i, r))
    return min(ranked)[-1] if ranked else None


_ASCII_LETTER = re.compile("[A-Za-z]")


def _one_language(text: str, spare: int = 2, per_plain: int = 1
                  ) -> tuple[bool | None, list[Language]]:
    """Whether ``text`` reads as a language whose letters the table lists, and the languages
    that write all its non-ASCII letters. True where every non-ASCII letter is one
    language's (``letters``: "café", "Straße") and stands where it writes it, no more of
    them than ASCII letters (but "été"), and nothing odd (:func:`misfits`); False where its
    letters are one language's but none writes them there (Czech "Děti" in cp1250 is
    cp1252's "Dìti", ``ì`` inside an Italian word); None otherwise (no such letter, too
    many, an odd one, or no one language's)."""
    from summarizer.languages import LANGUAGES

    sample = text[:_MISFIT_SAMPLE]
    around = list(_beyond_ascii(text))
    accented = [(ch, before, after) for ch, before, after, _, _ in around if ch.isalpha()]
    found = {ch.lower() for ch, _, _ in accented}
    if not found or misfits(sample, None)[0] or any(_stray_mark(*at) for at in around):
        return None, []
    writers = [lang for lang in LANGUAGES.values() if lang.letters and found <= set(lang.letters)]
    # a one-letter word (Hungarian "ő") is a word, not a letter beside the plain ones
    letters = sum(not _one_letter_word(*around) for around in accented)
    # counted last: a long text's odd character or foreign letter rules it out sooner
    if not writers or letters > max(per_plain * len(_ASCII_LETTER.findall(sample)), spare):
        return None, []
    lowered = sample.lower()
    placed = [lang for lang in writers if not _misplaced(lowered, lang)]
    return (not _GRAVE_BEFORE_VOWEL.search(lowered) and bool(placed)), placed


def _support(text: str, writers: list[Language]) -> int:
    """How many of ``text``'s words with a letter beyond ASCII one of ``writers`` lists as
    its function words (the most of any): what a reading's words say for the languages its
    letters are. Czech "při" and "že", Romanian "în" and "că", Danish "på" are their
    language's own; ASCII ones are not ("a" is on Czech's list, and French "crème a" is
    cp1250's "crčme a"), and the lists hold only a language's commonest words."""
    from summarizer.languages import plain_words

    words = Counter(w for w in plain_words(text[:_MISFIT_SAMPLE]) if not w.isascii())
    return max((sum(words[w] for w in words.keys() & lang.function_words)
                for lang in writers), default=0)


# A grave-accented vowel is followed by a consonant or ends its word in every language
# whose letters the table lists (French "très", "où"; Catalan "època"; Italian "più"); Czech
# "č" is cp1252's "è" and mostly stands before a vowel ("pokračoval": "pokraèoval").
_GRAVE_BEFORE_VOWEL = re.compile(r"[àèìòù][aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüý]")


def _misplaced(lowered: str, lang: Language) -> bool:
    """Whether ``lowered`` writes one of ``lang``'s letters where ``lang`` writes none:
    one of its ``final_letters`` before a letter (Czech "děti" is cp1252's "dìti", no
    Italian word), one of its ``inner_letters`` first in a word or after a vowel (Slovak
    "ešte" in ISO-8859-2 is cp1250's "eąte", no Polish word), one of its
    ``closing_letters`` before a consonant but "s" (Romanian "bătrâni" in cp1250 is
    cp1252's "bãtrâni", no Portuguese word), one of its ``onset_letters`` before no vowel
    (Polish "dzień" is cp1252's "dzieñ", no Spanish word), one of its
    ``after_consonant_letters`` after a vowel (Croatian "plaća" is cp1252's "plaæa", no
    Danish word) and one of its ``soft_letters`` before "e" or "i" (ISO-8859-2's Czech
    "zboží" is cp1250's "zboľí", no Slovak word)."""
    final, inner, closing = lang.final_letters, lang.inner_letters, lang.closing_letters
    onset, led, soft = lang.onset_letters, lang.after_consonant_letters, lang.soft_letters
    if not (final or inner or closing or onset or led or soft):
        return False
    for i, ch in enumerate(lowered):
        after = lowered[i + 1:i + 2]
        before = lowered[i - 1] if i else ""
        if ch in final and after.isalpha():
            return True
        if ch in inner and (not before.isalpha() or before in _OPEN_VOWELS):
            return True
        if ch in closing and after.isalpha() and after not in _AFTER_CLOSING:
            return True
        if ch in onset and after not in _VOWELS:
            return True
        if ch in led and before in _VOWELS:
            return True
        if ch in soft and after in _FRONT_VOWELS:
            return True
    return False


# Vowels an ``inner_letters`` letter does not follow: Polish "ą ę" follow a consonant, or
# "i" and "j" that soften it ("ziemią", "się", "mają").
_OPEN_VOWELS = frozenset("aeouyóąę")
# What a ``closing_letters`` letter stands before, where not at a word's end: Portuguese
# "mãe", "mão", "cãibra", "irmãs", "lições".
_AFTER_CLOSING = frozenset("aeious")
# The lower-case vowels of the Latin-script languages whose letters the table lists: what an
# ``onset_letters`` letter stands before and an ``after_consonant_letters`` one does not
# follow
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœăąęěőůű")
# What a ``soft_letters`` letter never stands before: Slovak writes "de", "ti", "nie", "le"
# where "ďe", "ťi", "ňie", "ľe" are said, Czech "dě", "ti", "ně"
_FRONT_VOWELS = frozenset("eéěií")


def _lone_letter(text: str) -> bool:
    """Whether a letter beyond ASCII in ``text`` stands where no language of
    :data:`_CENTRAL_PAGES` writes one: touching no letter, and no initial (followed by a
    dot) nor one of their one-letter words (:func:`_one_letter_words`: Hungarian "ő"; the
    others' are ASCII: Czech "k", "v", Polish "w", "z"); straight after a digit; upper-case
    straight after a lower-case letter, or lower-case straight before an upper-case one
    (cp1252's "10µm", "Microsoft®" and "¿Vienes" are ISO-8859-2's "10ľm", "MicrosoftŽ"
    and "żVienes")."""
    for ch, before, after, _, _ in _beyond_ascii(text):
        if not ch.isalpha():
            continue
        if before.isdigit() or (ch.isupper() and before.islower()) or \
                (ch.islower() and after.isupper()) or \
                not (before.isalpha() or after.isalpha() or after == "."
                     or _one_letter_word(ch, before, after)):
            return True
    return False


def _one_letter_word(ch: str, before: str, after: str) -> bool:
    """Whether letter ``ch``, between ``before`` and ``after``, is a word of its own that
    :func:`_one_letter_words` lists (Hungarian "ő")."""
    return ch.lower() in _one_letter_words() and not (before.isalpha() or after.isalpha())


@lru_cache(maxsize=1)
def _one_letter_words() -> frozenset[str]:
    """The function words of one letter beyond ASCII of the languages written in
    :data:`_CENTRAL_PAGES` (Hungarian "ő", "he" or "she")."""
    from summarizer.languages import LANGUAGES

    return frozenset(w for lang in LANGUAGES.values() if set(lang.legacy) & set(_CENTRAL_PAGES)
                     for w in lang.function_words if len(w) == 1 and not w.isascii())


def _beyond_ascii(text: str) -> Iterator[tuple[str, str, str, str, int]]:
    """Each character beyond ASCII of ``text``'s sample with the characters straight before
    and after it ("" at an end), the sample and the character's place in it: the
    neighbourhood :func:`_lone_letter` and :func:`_symbols_only` judge a character by."""
    sample = text[:_MISFIT_SAMPLE]
    for m in _patterns()[1].finditer(sample):
        i = m.start()
        yield m.group(), sample[i - 1:i] if i else "", sample[i + 1:i + 2], sample, i


# Where the cp1252 reading's letters are one language's but misplaced, these pages' readings
# are tried, in this order: Central European text is the one that reads so (Czech "ě" is
# cp1252's "ì", "č" its "è", "ů" its "ù"). ISO-8859-16 comes last: it writes Romanian's
# comma-below "ș ț" with the bytes of cp1250's cedilla "ş ţ", and nothing tells those apart,
# so it is read only where cp1250's reading is no fit (its quotes "„ ”" are cp1250's "Ą µ")
# or its words say more; else cp1250, the commoner page, is read, and named.
_CENTRAL_PAGES = ("cp1250", "iso8859-2", "iso8859-16")


# A mark that opens a sentence or quotation before a word, with the mark that closes it later
# (Spanish "¡Hola!", "¿Vienes?", French "«Non»", German "»Nein«"), and the reverse.
_OPENS = {"¡": "!", "¿": "?", "«": "»", "»": "«"}
_CLOSES = {"«": "»", "»": "«"}
# Spanish opens a question or exclamation before a capital ("¿Vienes?") or, inside a
# sentence, after a clause mark ("Pero, ¿vienes?"); Polish "ż" starts lower-case words
# anywhere, and is cp1252's "¿" ("Czy żona wie?" reads "Czy ¿ona wie?").
_SENTENCE_OPENERS = frozenset("¡¿")
_CLAUSE_MARKS = frozenset(",;:(\"“—–")


def _opens_clause(sample: str, i: int) -> bool:
    """Whether ``sample[i]`` follows a clause mark, blanks between aside."""
    j = i - 1
    while j >= 0 and sample[j].isspace():
        j -= 1
    return j >= 0 and sample[j] in _CLAUSE_MARKS


def _stray_mark(ch: str, before: str, after: str, sample: str, i: int) -> bool:
    """Whether the mark ``ch``, between ``before`` and ``after`` at ``sample[i]``, stands
    where no Western text writes it, so that it is more likely another page's letter:
    ``¡`` or ``¿`` after a letter, or before a lower-case one after no clause mark (Polish
    "kradzież", "żywności" are cp1252's "kradzie¿", "¿ywnoœci"); a guillemet after a letter
    closing no quotation opened earlier, or before one opening none closed later (Slovak
    "mať" in ISO-8859-2 is cp1250's and cp1252's "ma»", "Ťažko" their "«ažko")."""
    if ch in _SENTENCE_OPENERS:
        return before.isalpha() or (after.islower() and not _opens_clause(sample, i))
    if ch in _CLOSES:
        return ((before.isalpha() and _CLOSES[ch] not in sample[:i])
                or (after.isalpha() and _OPENS[ch] not in sample[i + 1:]))
    return False


def _symbols_only(data: bytes) -> str | None:
    """``data``'s cp1252 reading where its characters beyond ASCII are all symbols or
    punctuation standing where such marks stand: touching no letter (:func:`misfits`), or
    opening a quotation or sentence before a word that closes later ("¡Hola!", "«Non»"),
    or closing one opened earlier; else None. Such text is what most Western files hold
    ("£120", "± 2"). Unanswered, the mark is more likely another page's letter: Polish
    "żona" is cp1252's "¿ona", Slovak "mať" ISO-8859-2's "ma»"; so is "¡" or "¿" before a
    lower-case letter but after no clause mark ("Czy ¿ona wie?")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if misfits(text, None)[0]:
        return None
    for ch, before, after, sample, i in _beyond_ascii(text):
        if ch.isalpha():
            return None
        if before.isalpha() and (after.isalpha() or ch not in _CLOSES
                                 or _CLOSES[ch] not in sample[:i]):
            return None
        if after.isalpha() and (before.isalpha() or ch not in _OPENS
                                or _OPENS[ch] not in sample[i + 1:]):
            return None
        if _stray_mark(ch, before, after, sample, i):
            return None
    return text


def _short_reading(data: bytes) -> tuple[str, str] | None:
    """(text, page) of ``data`` where a Latin page reads it as one language
    (:func:`_one_language`), else None: its cp1252 reading ("café", "Straße"), else one of
    :data:`_CENTRAL_PAGES` whose reading is one language's (Czech "Děti", not "Dìti"), the
    first unless another's words are more of its languages' function words
    (:func:`_support`), which also overrules a cp1252 reading (Czech "při" over Danish-like
    "pøi", Romanian "că" over Portuguese-like "cã"). Where cp1252 reads only symbols and
    punctuation beyond ASCII, standing as such (:func:`_symbols_only`: "£120", "«Non»"),
    its reading stands unless another's words give that support.

    cp1252 (Latin-1's superset) is the most common legacy page, and a word or two holds
    too little for the detector: every page reads "caf\\xe9" with the same (no) mess, and
    its first was UTF-16 ("捡曩"), cp775 ("cafķ") or EBCDIC. Czech's "Vláda řekla" in
    cp1250 reads "Vláda øekla" in cp1252, no one language's letters."""
    found: list[tuple[str, str, list[Language]]] = []
    for page in ("cp1252", *_CENTRAL_PAGES):
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        fits, writers = (_one_language(text) if page == "cp1252"
                         else _one_language(text, spare=0, per_plain=2))
        if fits and page != "cp1252" and _lone_letter(text):
            continue  # cp1252's "£5" is their "Ł5", its "« Vous" ISO-8859-2's "Ť Vous"
        if fits:
            found.append((text, page, writers))
    plain = _symbols_only(data)
    if plain is not None and not any(_support(text, writers) for text, _, writers in found):
        return plain, "cp1252"  # "£5", "¡Hola!", "«Non»": Central letters no word supports
    if len(found) < 2:
        return found[0][:2] if found else None
    # a later page only for more evidence: cp1252 is the most common page
    best = max(range(len(found)), key=lambda i: (_support(found[i][0], found[i][2]), -i))
    return found[best][:2]


# Bytes that every Windows page (cp1250-cp1258) reads as the same punctuation or symbol
# and the ISO pages as a C1 control (never text), or as the no-break space and the degree
# sign: € … † ‡ ‰ ‘ ’ “ ” • – — ™, U+00A0, °. (Not « » © ®: ISO-8859-2's Ť ť Š Ž.) Text of
# ASCII and these alone is a Windows file whatever its language; the detector, given a
# few words of it, read "didn’t" as cp852's "didnĺt", "25°C" as Big5, "“Quoted”" as cp1125.
_WINDOWS_PUNCTUATION = frozenset(b"\x80\x85\x86\x87\x89\x91\x92\x93\x94\x95\x96\x97"
                                 b"\x99\xa0\xb0")


def _windows_punctuation(data: bytes, language: str | None) -> tuple[str, str] | None:
    """(text, page) where every byte of ``data`` beyond ASCII is one of
    :data:`_WINDOWS_PUNCTUATION`: its reading in the language's first Windows page (cp1252
    without one), which every Windows page shares; else None."""
    from summarizer.languages import legacy_encodings

    beyond = {b for b in data if b >= 0x80}
    if not beyond or not beyond <= _WINDOWS_PUNCTUATION:
        return None
    pages = [p for p in (legacy_encodings(language) if language else ())
             if _codec_name(p).startswith("cp125")]
    page = _codec_name(pages[0]) if pages else "cp1252"
    return data.decode(page), page


def _detect(data: bytes, language: str | None) -> tuple[str, str] | None:
    """(text, encoding) chosen by charset-normalizer, or None when nothing fits.

    Without a language hint, the language of the detected text is guessed and its code
    pages are read instead when one gives readable text: short Czech text in cp1250
    otherwise comes out as cp1258 mojibake. The named, else the guessed, language's
    letters rank the readings (:func:`_fittest`). A Latin-script guess of a language not
    written in cp1252 that holds none of its function words beyond ASCII
    (:func:`_support`) leaves the text to :func:`_short_reading` first, as no guess does:
    English "new São a plan" was Czech by its "a" alone, and read as cp1250's "Săo". A
    guess of a cp1252 language (English, French, Spanish ...) keeps its page: English
    "500 m³" was Polish-lettered "500 mł" there, French "«Maintenant" ISO-8859-2's
    "ŤMaintenant".
    """
    typographic = _windows_punctuation(data, language)
    if typographic is not None:
        return typographic
    from charset_normalizer import from_bytes  # only non-UTF-8 data pays for the import

    from summarizer.languages import alphabet, get_language, guess_language, legacy_encodings

    def on_pages(pages: tuple[str, ...], known: list[Any]) -> list[_Reading]:
        # Each page read alone, however messy: given several, charset-normalizer drops
        # one "too similar" to a page it rejected (Polish ISO-8859-2 once cp1250 failed).
        found = []
        for page in pages:
            codec = _codec_name(page)
            match = next((m for m in known
                          if codec in map(_codec_name, m.could_be_from_charset)), None)
            if match is None:
                match = from_bytes(data, cp_isolation=[page], threshold=1.0).best()
            if match is not None:
                found.append(_Reading(str(match), codec, match.chaos))
        return found

    letters = alphabet(language)
    hinted = legacy_encodings(language) if language else ()
    best = _fittest(on_pages(hinted, []), letters) if hinted else None
    if best is None:
        known = list(from_bytes(data))
        if not known:
            return None
        first = str(known[0])  # maybe mojibake
        guessed = guess_language(first, default="", letters=False)
        letters = letters if language else alphabet(guessed)
        # a guess resting on ASCII function words alone (English "a" is Czech's "and")
        # says nothing of the page: those words read alike in every Latin page (a guess
        # of a cp1252 language keeps cp1252, the page _short_reading reads first)
        if not language and (not guessed or get_language(guessed).script != "latin"
                             or ("cp1252" not in legacy_encodings(guessed)
                                 and not _support(first, [get_language(guessed)]))):
            short = _short_reading(data)
            if short is not None:
                return short
        best = (_fittest(on_pages(legacy_encodings(guessed), known), letters)
                or _fittest([_Reading(str(m), _codec_name(m.encoding), m.chaos) for m in known],
                            letters))
        if best is None:
            return None
    text, enc, _ = best
    # Western single-byte pages often decode a text identically; then name the
    # page most files are really written in rather than the detector's pick.
    if enc in ("cp1250", "iso8859-1", "iso8859-15", "cp1254", "cp1257", "cp1258") and not hinted:
        try:
            if data.decode("cp1252") == text:
                enc = "cp1252"
        except UnicodeDecodeError:
            pass
    return text, enc


# Legacy encodings are detected on a sample this large (cut at a line break,
# which no multi-byte legacy encoding uses inside a character), then the whole
# file is decoded with the chosen codec: a 20 MB file costs what 256 KB does.
_DETECT_SAMPLE = 256 * 1024


def head_sample(data: bytes) -> bytes | None:
    """The first ``_DETECT_SAMPLE`` bytes of large data, cut at a line break; None for data
    small enough to look at whole."""
    if len(data) <= 2 * _DETECT_SAMPLE:
        return None
    cut = data.rfind(b"\n", 0, _DETECT_SAMPLE)
    return data[: cut + 1] if cut > 0 else data[:_DETECT_SAMPLE]


def detect_large(data: bytes, language: str | None,
                 decode: Callable[[str], str] | None = None) -> tuple[str, str] | None:
    """(text, encoding) of ``data`` as :func:`_detect` finds it, large data's from a sample
    of its head, then all of it decoded by ``decode(encoding)`` (``data.decode`` if None:
    the caller's may refuse it first)."""
    sample = head_sample(data)
    if sample is None:
        return _detect(data, language)
    found = _detect(sample, language)
    if found is not None:
        try:
            return (data.decode(found[1]) if decode is None else decode(found[1])), found[1]
        except UnicodeDecodeError:
            pass  # the rest of the file disagrees with the sample: look at all of it
    return _detect(data, language)

