"""Stemming exactly as ROUGE-1.5.5 does it for ``-m``.

ROUGE-1.5.5 only stems tokens longer than three characters. Such a token is
first looked up in the WordNet-2.0 exception table (``were -> be``); if it is
not there it goes through the script's own Porter stemmer. That stemmer is the
classic Perl port of Porter (1980) with a change by Chin-Yew Lin (2004) in
step 4: ``-ment`` and ``-ent`` were taken out of the main suffix list and are
tried as separate tests after it, so one word can lose up to three suffixes
there (``agreement -> agreem``). This makes it differ from NLTK's and from
Google's rouge-score Porter stemmers.

The regular expressions below are transcribed from the Perl so that Python's
backtracking engine makes the same choices.
"""

from __future__ import annotations

import functools
import re

from summarizer.stem_cache import StemCache

_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = f"{_c}[^aeiouy]*"  # consonant sequence
_V = f"{_v}[aeiou]*"  # vowel sequence

_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # [C]VC... is m>0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # [C]VC[V] is m=1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # [C]VCVC... is m>1
_HAS_V = re.compile(f"^({_C})?{_v}")  # vowel in stem
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
    "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
    "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
    "logi": "log",
}
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}

_S1A_SSES_IES = re.compile(r"(ss|i)es$")
_S1A_S = re.compile(r"([^s])s$")
_S1B_EED = re.compile(r"eed$")
_S1B_ED_ING = re.compile(r"(ed|ing)$")
_S1B_ATBLIZ = re.compile(r"(at|bl|iz)$")
_S1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_S1C = re.compile(r"y$")
_S2 = re.compile(
    "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism"
    "|iveness|fulness|ousness|aliti|iviti|biliti|logi)$"
)
_S3 = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_S4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_S4_MENT = re.compile("ment$")
_S4_ENT = re.compile("ent$")
_S4_ION = re.compile("(s|t)(ion)$")
_S5_E = re.compile("e$")
_S5_LL = re.compile("ll$")


def porter_stem(w: str) -> str:
    """ROUGE-1.5.5's Porter stemmer (``sub stem`` in ROUGE-1.5.5.pl)."""
    if len(w) < 3:
        return w
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]  # so that the patterns never treat it as a vowel

    # Step 1a
    m = _S1A_SSES_IES.search(w)
    if m:
        w = w[: m.start()] + m.group(1)
    else:
        m = _S1A_S.search(w)
        if m:
            w = w[: m.start()] + m.group(1)
    # Step 1b
    m = _S1B_EED.search(w)
    if m:
        if _MGR0.search(w[: m.start()]):
            w = w[:-1]
    else:
        m = _S1B_ED_ING.search(w)
        if m:
            stem = w[: m.start()]
            if _HAS_V.search(stem):
                w = stem
                if _S1B_ATBLIZ.search(w):
                    w += "e"
                elif _S1B_DOUBLE.search(w):
                    w = w[:-1]
                elif _CVC.search(w):
                    w += "e"
    # Step 1c
    m = _S1C.search(w)
    if m:
        stem = w[: m.start()]
        if _HAS_V.search(stem):
            w = stem + "i"
    # Step 2
    m = _S2.search(w)
    if m:
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2[m.group(1)]
    # Step 3
    m = _S3.search(w)
    if m:
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3[m.group(1)]
    # Step 4 (with CYL's -ement change: three separate tests, as in the Perl)
    m = _S4.search(w)
    if m:
        stem = w[: m.start()]
        if _MGR1.search(stem):
            w = stem
    m = _S4_MENT.search(w)
    if m:
        stem = w[: m.start()]
        if _MGR1.search(stem):
            w = stem
    m = _S4_ENT.search(w)
    if m:
        stem = w[: m.start()]
        if _MGR1.search(stem):
            w = stem
    else:
        m = _S4_ION.search(w)
        if m:
            stem = w[: m.start()] + m.group(1)
            if _MGR1.search(stem):
                w = stem
    # Step 5
    m = _S5_E.search(w)
    if m:
        stem = w[: m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if _S5_LL.search(w) and _MGR1.search(w):
        w = w[:-1]

    if initial_y and w:
        w = w[0].lower() + w[1:]
    return w


def rouge155_stem(exceptions: dict[str, str], token: str) -> str:
    """``-m``'s stem of ``token``: tokens of up to three characters as they are, then the
    WordNet exception table, then Porter."""
    if len(token) <= 3:
        return token
    exception = exceptions.get(token)
    return porter_stem(token) if exception is None else exception


class Rouge155Stemmer(StemCache):
    """``-m`` stemming: WordNet exception table first, then Porter; cached.

    Only tokens longer than three characters are stemmed (as in ROUGE-1.5.5's
    ``createNGram``/``tokenizeText_LCS``); shorter ones are returned as they are.
    The cache is :class:`~summarizer.stem_cache.StemCache`'s, bounded in entries
    (``MAX_CACHE``) and bytes (``MAX_CACHE_BYTES``); a token over ``MAX_CACHED_TOKEN``
    characters is never kept. A copy (pickle, deepcopy) starts empty, with its own lock.
    """

    def __init__(self, exceptions: dict[str, str]):
        super().__init__(functools.partial(rouge155_stem, exceptions))
