"""What ends a sentence and what does not: the marks that end one in each language, and
the one table of words whose period ends none, titles and abbreviations.

The sentence splitters read them (:mod:`summarizer.sentences`), and so do the loaders
that tell a wrapped line from a paragraph's last (:mod:`summarizer.documents.duc`),
which import nothing of the splitters: hence this module, below both.

Every splitter reads the table. The rule-based splitter (:mod:`summarizer.sentences.rules`)
keeps a sentence going after any word of :func:`abbreviations`: its language's
entry, else the Latin set. A Punkt model gets its language's entry added to the
abbreviations it learnt (:mod:`summarizer.sentences.punkt_models`): every Punkt language
has one, the Latin set less the words that are everyday words of the language and end
sentences there (Czech "co", what; Swedish "sen", late), plus titles of its own that its
model lacks (Spanish "Sra.", Dutch "Mevr.", Czech "Mgr."): without it "le Sgt. | Santos",
"la Sra. | García" were two sentences. After one of the :func:`titles` no sentence
starts, whatever the model knows of the next word. The faithfulness checks keep the Latin titles
out of the names they precede (:mod:`summarizer.faithfulness.names`).

Whoever asks whether a splitter would end a sentence at a period asks
:func:`splitter_abbreviations` (the table, with the Punkt model's where the language has
one), through :func:`ends_in_abbreviation` or :func:`abbreviation_period`: the rule-based
splitter, and the DUC loader at a wrapped line's end and the faithfulness checks' full
stops first. That set only says the period may be an abbreviation's: the English model
learnt everyday words too ("ill", "ok", "wed", "ore", "wash"), and Punkt reads the next
word before it decides. Where that word is known, they then ask the splitter
(:func:`ends_sentence_at`): "Calif. | Kestrel County" goes on,
"fell ill. | The doctors" and "Calif. | The fire" end a sentence.

Words are case-folded and written without their final period ("e.g" for "e.g.").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from summarizer.languages import LANGUAGES, PUNKT_LANGUAGES, normalize_language

# Latin-script titles and abbreviations: news in every language writes them ("Dr. Ahmed").
LATIN = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "gen", "col", "lt", "sgt", "capt",
                   "gov", "sen", "rep", "jr", "sr", "vs", "e.g", "i.e", "inc", "ltd", "co",
                   "corp",
                   # US ranks and places that translated news keeps ("Pvt. Ivan L. Frederick",
                   # "Sgts. Cardona and Smith", "Ft. Bragg")
                   "pvt", "pfc", "cpl", "sgts", "ft"})

# The names of the Latin letters as Arabic, Hebrew and Hindi news writes initials and
# acronyms with them, less the names that are everyday words ending sentences there
# (Arabic بي "with me"; Hebrew בי "in me", די "enough", אם "mother"; Hindi आई "came",
# पी "drank", सी "like", जी, the honorific)
_LETTER_NAMES: dict[str, frozenset[str]] = {
    "arabic": frozenset({"سي", "دي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "إل", "إم", "كيو",
                         "آر", "إس", "تي", "يو", "دبليو", "إكس", "واي", "زد"}),
    "hebrew": frozenset({"איי", "סי", "אף", "ג'י", "אייץ'", "ג'יי", "קיי", "אמ", "אן", "או",
                         "פי", "קיו", "אר", "אס", "טי", "יו", "וי", "דאבליו", "אקס", "וואי",
                         "זי", "זד"}),
    "hindi": frozenset({"बी", "डी", "एफ", "एफ़", "एच", "जे", "के", "एल", "एल्", "एम", "एम्",
                        "एन", "क्यू", "आर", "एस", "टी", "यू", "वी", "डब्ल्यू", "डबल्यू", "डबल्यु",
                        "एक्स", "वाई", "जेड", "ज़ेड"}),
}

# Titles and ranks of the Latin set as Arabic and Hebrew news translated from English
# writes them, keeping the English period: "الرقيب. سانتوس" (Sgt. Santos), "الجيش العريف.
# تشارلز" (Army Cpl. Charles), "אמר למר. אחמדינג'אד" (said to Mr. Ahmadinejad). Not the
# ranks that are everyday nouns ending sentences there (الجندي, the soldier; סמל, symbol).
# Arabic also writes "Ft." so: "في فورت. براج" (at Ft. Bragg; فورت, Fort, only stands
# before a place's name).
# They keep their period also behind a one-letter conjunction or preposition (the
# proclitics below: "والرقيب.", and Sgt.; "למר.", to Mr.), which the script writes joined.
_TRANSLATED_TITLES: dict[str, frozenset[str]] = {
    "arabic": frozenset({"السيد", "السيدة", "الدكتور", "الرقيب", "العريف", "الجنرال", "العقيد",
                         "الملازم", "النقيب", "السيناتور", "فورت"}),
    "hebrew": frozenset({"מר", "פרופ"}),
}
# and, so, with, to (Arabic); and, to, in (Hebrew: not ש "that", ה "the", מ "from", which
# make verbs and nouns of a title: שמר "guarded", המר "the bitter")
_PROCLITICS = {"arabic": "وفبل", "hebrew": "ולב"}

ABBREVIATIONS: dict[str, frozenset[str]] = {
    # ranks and addresses that English news writes before names and that neither
    # NLTK's English model nor its list of prefixes has ("Army Spc. Charles Graner",
    # "Atty. Gen. ..."), and the months as AP style shortens them before a day ("Jan.
    # 15"; the model has them, the rule-based reading of a DUC line's end did not)
    "english": LATIN | {"spc", "ssg", "sfc", "atty", "det", "supt", "pres", "govt", "dept",
                        "univ", "assn", "mt", "ave", "blvd", "rd",
                        "jan", "feb", "aug", "sept", "oct", "nov", "dec"},
    # Hindi writes its own titles and abbreviations (and "डॉ0" for "डॉ."), "कि. मी." for
    # km (कि, "that", ends no sentence), and Latin initials by their names ("एल्विन के.
    # हेलरस्टीन", Alvin K. Hellerstein)
    "hindi": LATIN | {"डॉ", "डा", "प्रो", "सं", "पृ", "मि", "श्री", "श्रीमती", "कु", "स्व", "ई",
                      "ई.पू", "डॉ0", "कि"} | _LETTER_NAMES["hindi"],
    # Latin initials and acronyms by their letters' names ("جورج دبليو. بوش", George W.
    # Bush; "טיסה איי. אף 447", flight A.F. 447)
    "arabic": LATIN | _LETTER_NAMES["arabic"] | _TRANSLATED_TITLES["arabic"],
    "hebrew": LATIN | _LETTER_NAMES["hebrew"] | _TRANSLATED_TITLES["hebrew"],
    # Thành phố (city: "TP. HCM"), doctors and professors ("PGS. TS. Lan", "BS. Minh")
    "vietnamese": LATIN | {"tp", "ts", "ths", "pgs", "gs", "bs", "ks", "tt"},
    # Punkt languages: the Latin set less the everyday words that end sentences there
    # (pronouns, "what", "late", "gene", "cabbage", "rope" ...), plus the titles of their
    # own that their models lack ("la Sra. | García", "dhr. | Jansen", "Mgr. | Novák")
    "czech": LATIN - {"sen", "co"} | {"mgr", "bc", "rndr", "paeddr", "mvdr", "pharmdr",
                                      "thdr"},
    "danish": LATIN - {"sen", "gen"},
    "dutch": LATIN - {"gen"} | {"mevr", "dhr"},
    "estonian": LATIN | {"hr"},
    "finnish": LATIN - {"sen"} | {"dos"},
    "french": LATIN - {"col"},
    "german": LATIN | {"hr", "hrn"},
    # Greek also writes the times "π.μ." and "μ.μ." undotted inside ("1:00 μμ. PDT"),
    # which its model lacks
    "greek": LATIN | {"δρ", "καθ", "πμ", "μμ"},
    "italian": LATIN | {"dott", "avv", "arch"},
    # Indonesian titles and address words ("Ir. H. Joko Widodo", "Jl. Sudirman", "Kab. Bogor")
    "indonesian": LATIN | {"ir", "h", "hj", "drs", "dra", "jl", "jln", "kab", "kec", "kel",
                           "prov", "pol", "rp", "bpk", "sdr", "no"},
    "malayalam": LATIN | {"ഡോ", "പ്രൊഫ"},
    "norwegian": LATIN - {"sen", "gen"},
    "polish": LATIN - {"sen", "co"} | {"im"},  # "stadion im. Józefa": named after
    "portuguese": LATIN | {"dra", "srta", "profa", "eng"},
    # Russian's model is a list of 1,989 words, common ones among them ("год", "суд", "мир"),
    # without the orthographic evidence that lets Punkt end a sentence after one: its
    # multi-letter words are not read (splitter_abbreviations), these are
    "russian": LATIN | {"г", "гг", "ул", "им", "проф", "акад", "доц", "ген", "св", "ст",
                        "обл", "пос", "дер", "г-н", "г-жа", "тов", "д", "кв", "пр", "просп",
                        "пл", "пер", "т", "с", "рис", "табл", "стр", "см", "тыс", "млн",
                        "млрд", "трлн", "руб", "коп", "долл", "др", "зам", "нач", "ред", "р-н",
                        "т.е", "т.д", "т.п", "т.н", "т.к", "н.э", "и.о"},
    "slovene": LATIN - {"sen", "gen"},
    "spanish": LATIN - {"col", "gen"} | {"dra", "sra", "srta", "profa", "lic", "gral"},
    "swedish": LATIN - {"sen", "gen", "rep", "st"} | {"doc", "kl"},  # "kl. 14": o'clock
    # titles only: the Latin set's "sen" is the Turkish "you", which ends sentences
    "turkish": frozenset({"dr", "prof", "doç", "av", "yrd", "sn", "op", "uzm", "müh"}),
}

# Titles and the other words of the table that only stand before what they qualify: a
# Punkt model splits after one when the next word is one it saw open sentences ("Er traf
# Dr. | Klein", "le Dr. | Le Pen", "prof. | De Vries", "Ing. | Jan Novák", "Prof. Dr. |
# Yılmaz", "mezi tzv. | Skupinou 77"), and nothing after one is a new sentence. Not the
# English "Dr." (Drive: "on Mulholland Dr. The house ..."), nor "Sr."/"Jr." (after a name)
# or "Sen." where it is "senior" (German)
_LATIN_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "lt", "sgt", "sgts", "capt", "gov",
                           "pvt", "pfc", "cpl"})
_OWN_TITLES: dict[str, frozenset[str]] = {
    "czech": frozenset({"ing", "mgr", "bc", "judr", "mudr", "phdr", "rndr", "paeddr", "mvdr",
                        "pharmdr", "thdr", "doc", "tzv"}),
    "dutch": frozenset({"dhr", "mevr", "drs", "ir", "ing"}),
    "english": frozenset({"sen", "gen", "col", "spc", "ssg", "sfc", "atty", "det", "supt"}),
    "estonian": frozenset({"hr"}),
    "finnish": frozenset({"dos"}),
    "german": frozenset({"hr", "hrn"}),
    "greek": frozenset({"δρ", "καθ"}),
    "indonesian": frozenset({"ir", "h", "hj", "drs", "dra", "jl", "jln", "kab", "kec", "kel",
                             "prov", "bpk", "sdr"}),
    "italian": frozenset({"dott", "avv", "arch", "sig", "ing", "sen", "gen"}),
    "malayalam": frozenset({"ഡോ", "പ്രൊഫ", "അഡ്വ"}),
    "polish": frozenset({"inż", "ks", "hab", "doc", "gen", "im"}),
    "portuguese": frozenset({"sr", "sra", "dra", "srta", "profa", "eng"}),
    "slovene": frozenset({"mag"}),
    "spanish": frozenset({"sr", "sra", "dra", "srta", "profa", "lic", "gral"}),
    "swedish": frozenset({"doc"}),
    "turkish": ABBREVIATIONS["turkish"],  # titles only
}


def abbreviations(language: str) -> frozenset[str]:
    """The words of ``language`` (a name or code, read as the splitter reads it: "en",
    "English") whose period ends no sentence: its entry of :data:`ABBREVIATIONS`, else
    the Latin set."""
    return ABBREVIATIONS.get(normalize_language(language), LATIN)


@cache
def splitter_abbreviations(language: str) -> frozenset[str]:
    """The words of ``language`` (a name or code, as the splitter reads it: "en", "eng",
    "English") whose period its sentence splitter may take for an abbreviation's:
    :func:`abbreviations`, and where the language has a Punkt model, the abbreviations the
    model learnt (English "Calif.", "Maj.", but also everyday words: "ill", "ok", "wed",
    "ore", "wash"), with English's always-non-breaking prefixes of the `punkt` package
    ("e.g.", "Gov."). Punkt reads the next word before it decides ("ill. The doctors" ends
    a sentence): where that word is known, ask the splitter
    (:func:`ends_sentence_at`). Read at the first call:
    importing this module (and ``summarizer``) loads no model."""
    canonical = normalize_language(language)  # the splitter's resolver
    if canonical != language:
        return splitter_abbreviations(canonical)
    table = abbreviations(language)
    if language not in PUNKT_LANGUAGES:
        return table
    from punkt import data

    module = data.load_module(language)
    learnt = {str(a) for a in module.ABBREV_TYPES}
    if len(module.ORTHO_CONTEXT) < 100:
        # a model without orthographic evidence (Russian's) never ends a sentence after a
        # word it lists: only its initials and dotted chains are read ("т.е", "а.б")
        learnt = {a for a in learnt if len(a) == 1 or "." in a}
    if language == "english":
        # the trained English model never saw "e.g.", "i.e.", "vs." or "Gov."
        from punkt import nonbreaking_prefixes

        always, _numeric_only = nonbreaking_prefixes("english")
        learnt |= {str(a) for a in always}
    return table | learnt


def is_translated_title(word: str, language: str) -> bool:
    """Whether ``word`` (case-folded, without its period) is a translated title of
    ``language`` (a name or code) with a proclitic joined before it ("والرقيب", "למר")."""
    language = normalize_language(language)
    titles_there = _TRANSLATED_TITLES.get(language)
    return titles_there is not None and len(word) > 1 \
        and word[0] in _PROCLITICS[language] and word[1:] in titles_there


def titles(language: str) -> frozenset[str]:
    """The words of :func:`abbreviations` of ``language`` (a name or code) after which no
    sentence starts."""
    language = normalize_language(language)
    shared = _LATIN_TITLES - {"dr"} if language == "english" else _LATIN_TITLES
    return (shared & abbreviations(language)) | _OWN_TITLES.get(language, frozenset())


# ------------------------------------------------------------------ sentence ends
_ALWAYS = ("!?\u061f\u06d4\u0964\u0965\u2026\u3002\uff01\uff1f\u203c\u2047\u2048\u2049"
           "\uff0e\uff61\u0589\u1362\u1367\u104b\u17d4\u17d5")
CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}\u300d\u300f\u3011\uff09"


# Rule-split languages that quote „so“ (or ‚so‘): their “ and ‘ close a quote. Elsewhere
# they open one (or, as Hindi's ‘‘ in TAC 2011, stand on both sides), and are no closer.
_LOW_HIGH_QUOTES = frozenset({"bulgarian", "croatian", "georgian", "hungarian", "romanian",
                              "serbian", "slovak", "ukrainian"})


def closers(language: str) -> str:
    """The marks that may close a sentence after its end mark in ``language`` (a name or
    code): :data:`CLOSERS`, and “ ‘ where the language quotes „so“."""
    extra = "\u201c\u2018" if normalize_language(language) in _LOW_HIGH_QUOTES else ""
    return CLOSERS + extra


def end_marks(language: str) -> str:
    """The marks that end a sentence of ``language`` (a name or code: "hi" and "hindi"
    end one at "|" alike)."""
    return _ALWAYS + "." + LANGUAGES[normalize_language(language)].end_marks


def ends_sentence(text: str, language: str) -> bool:
    """Whether ``text`` ends with a sentence-final mark of ``language`` (a name or code),
    maybe followed by closing quotes or brackets ("。」", "।", "?\"")."""
    text = text.rstrip().rstrip(CLOSERS)
    return bool(text) and text[-1] in end_marks(language)


def is_initial(text: str, dot: int) -> bool:
    """True when the period at ``dot`` follows a one-letter word ("U.S.", "J.")."""
    if dot == 0 or not text[dot - 1].isalpha():
        return False
    before = text[dot - 2] if dot >= 2 else " "
    # Letters, combining marks (Indic vowel signs) and digits make a longer word.
    return unicodedata.category(before)[0] not in "LMN"


# The most characters read back from a period for the word it ends: longer than any
# abbreviation (chain). A run of text without spaces ("کتابها." 5,700 times) was read back
# to its start at every period: 40 KB took 36 s, quadratic.
MAX_WORD_BEFORE = 64


def _raw_word_before(text: str, dot: int) -> str:
    start, stop = dot, max(0, dot - MAX_WORD_BEFORE)
    while start > stop and not text[start - 1].isspace():
        start -= 1
    return text[start:dot].lstrip("(\"'«“")


def _word_before(text: str, dot: int) -> str:
    return _raw_word_before(text, dot).casefold()


# the period and the Devanagari abbreviation sign ("यू॰एन॰एफ॰सी.सी.": UNFCCC)
_PIECES = re.compile("[.\u0970]")
_LEADING_DIGITS = re.compile(r"^\d+")


def _units(piece: str) -> int:
    """The characters of ``piece`` as a reader counts letters: a combining mark (an Indic
    vowel sign) adds none, nor does a consonant joined by a virama ("डबल्यु": ड ब ल्यु)."""
    count, prev = 0, ""
    for ch in piece:
        if unicodedata.category(ch)[0] != "M" and not (prev and unicodedata.combining(prev) == 9):
            count += 1
        prev = ch
    return count


def is_abbreviation_chain(text: str, dot: int) -> bool:
    """True for the last period of "एच.एम.एस.", "(איי.או." or "U.S.": short dotted pieces,
    the last with a letter: after a number ("בעוצמה 7.5.", "איי.330.", the A330) the period
    ends a sentence as after any word."""
    # "ה-בי.בי.סי": a prefix joined by a hyphen is not part of the chain.
    pieces = _PIECES.split(_raw_word_before(text, dot).rsplit("-", 1)[-1])
    return len(pieces) >= 2 and all(0 < _units(p) <= 3 for p in pieces) \
        and any(ch.isalpha() for ch in pieces[-1])


def _is_abbreviation(text: str, dot: int, language: str) -> bool:
    """Whether the word before the period at ``dot`` is one of ``language``'s
    :func:`splitter_abbreviations`, also when a number is glued before it ("१२००कि.", 1200 km) or it ends
    a dotted acronym whose first piece carries a prefix ("לאיי.אף.", to the A.F.), or is a
    translated title behind a proclitic ("والرقيب.", "למר.")."""
    word, table = _word_before(text, dot), splitter_abbreviations(language)
    return word in table or _LEADING_DIGITS.sub("", word) in table \
        or _PIECES.split(word)[-1] in table or is_translated_title(word, language)


def abbreviation_period(text: str, dot: int, language: str) -> bool:
    """Whether the period at ``dot`` is an abbreviation's: after an initial, in a dotted
    chain, or after a word of ``language``'s :func:`splitter_abbreviations`."""
    return is_initial(text, dot) or is_abbreviation_chain(text, dot) \
        or _is_abbreviation(text, dot, language)


def ends_in_abbreviation(text: str, language: str) -> bool:
    """Whether the period ``text`` ends with is an abbreviation's, which ends no sentence
    inside a paragraph (:func:`~summarizer.sentences.rules.rule_spans`): after an initial
    ("George W."), in a dotted chain ("U.S.") or after a word of ``language``'s
    :func:`splitter_abbreviations` ("Sen.", "Jan.", "Calif.")."""
    text = text.rstrip()
    return text.endswith(".") and abbreviation_period(text, len(text) - 1, language)


# The words either side of a period that the splitters read to decide it (Punkt: the word
# after, and the one after that for an acronym; the merges above: the two before, the
# quote after), and a bound on the characters that many words may take. Words after are
# counted past the period's own (its closing quote), and only words with a letter or
# digit count: the splitter merges a piece without one into the sentence before it
# ("over." -- ( He left"): a window that ended on such words read no sentence opening.
_WORDS_AROUND = 3
_CHARS_AROUND = 160


def _word_edge(text: str, pos: int, words: int, step: int) -> int:
    """The position ``words`` whitespace-separated words with a letter or digit from
    ``pos`` (``step`` -1: back, 1: on), no further than :data:`_CHARS_AROUND` characters,
    nor past the text."""
    limit = max(0, pos - _CHARS_AROUND) if step < 0 else min(len(text), pos + _CHARS_AROUND)
    i, counted = pos, 0
    while counted < words and i != limit:
        while i != limit and text[i if step > 0 else i - 1].isspace():
            i += step
        j = i
        while i != limit and not text[i if step > 0 else i - 1].isspace():
            i += step
        counted += any(ch.isalnum() for ch in text[min(i, j):max(i, j)])
    return i


def ends_sentence_at(text: str, dot: int, language: str) -> bool:
    """Whether the sentence splitter of ``language`` (a name or code) ends a sentence at
    the period at ``dot`` of ``text``, as it reads the words around it.

    The one answer where the words after the period are known (a wrapped line's next
    line, :mod:`summarizer.documents.duc`; the word after, :mod:`summarizer.faithfulness`).
    :func:`splitter_abbreviations` says only that a word may be
    an abbreviation: the English Punkt model learnt "Calif." but also everyday words
    ("ill", "ok", "wed", "ore"), and Punkt reads the next word before it decides ("fell
    ill. The doctors" ends a sentence, as does "Calif. The fire"; "Calif. Kestrel
    County" does not). Only the words around the period are split, a few either side:
    the answer is the split of the whole paragraph's (tests/sentences/
    test_sentence_ends_window.py).

    Each block of ``text`` between blank lines must be one paragraph as the splitter cuts
    them (a sentence of its split is): a lone line break is a hard-wrapped paragraph's,
    read as a space. The splitter reads
    a raw text's lone line break as a paragraph's end or a space by the lines of its
    whole block between blank lines (:func:`~summarizer.sentences.split.paragraph_spans`),
    which a few words cannot tell: "the war.\njha/ga" ends a sentence in a block of
    unwrapped lines, none in a wrapped one. Callers pass a line of text (the loaders
    join a wrapped line and the next with a space), a sentence or a title
    (:mod:`summarizer.faithfulness`); cut a raw text into paragraphs first.
    """
    limit = min(len(text), dot + 1 + _CHARS_AROUND)
    tail = dot + 1  # the end of the period's word, past any quote or bracket it has
    while tail < limit and not text[tail].isspace():
        tail += 1
    nxt = tail  # the next word's start
    while nxt < min(len(text), tail + _CHARS_AROUND) and text[nxt].isspace():
        nxt += 1
    start = _word_edge(text, dot, _WORDS_AROUND + 1, -1)
    end = _word_edge(text, tail, _WORDS_AROUND, 1)
    # the splitter sits above this module and the loaders that read it (it reads
    # documents.clean), and loads its models: imported when first asked
    from summarizer.sentences.split import block_sentence_spans

    # a sentence opens after the period, and at the next word at the latest; the window's
    # few lines are not judged wrapped or not afresh (split_spans would), but read as the
    # part of a paragraph they are
    return any(dot < start + s <= nxt
               for s, _e in block_sentence_spans(text[start:end], language)[1:])


def reads_on(before: str, after: str, language: str) -> bool:
    """Whether the sentence splitter for ``language`` reads ``after`` on from ``before``, a
    text that ends in a period, the two joined by a space (a wrapped line and the next):
    no sentence ends at the period (:func:`ends_sentence_at`)."""
    before = before.rstrip()
    return not ends_sentence_at(f"{before} {after.lstrip()}", len(before) - 1, language)
