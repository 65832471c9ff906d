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

import re
import sys
import threading

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


_sizeof = sys.getsizeof
_EMPTY = sys.getsizeof("")  # an ASCII str's sys.getsizeof is this and its length
_SLOT_BYTES = 48  # a dict entry and its share of the table (26-42 bytes, measured)


class Rouge155Stemmer:
    """``-m`` stemming: WordNet exception table first, then Porter; cached.

    Only tokens longer than three characters are stemmed (as in ROUGE-1.5.5's
    ``createNGram``/``tokenizeText_LCS``); shorter ones are returned as they are.
    The cache keeps the first tokens stemmed, up to ``MAX_CACHE`` of them and
    ``MAX_CACHE_BYTES`` (``cache_bytes``: each token's and stem's ``sys.getsizeof`` and
    its slot in the dict), so memory stays bounded whatever the tokens' length; a token
    over ``MAX_CACHED_TOKEN`` characters is stemmed each time it is met, never kept, so
    that pathological input (4,000-character tokens) cannot fill the bound in place of
    words. Look-ups read the dict unlocked (one ``dict.get``, the hot loop's); an insert
    holds a lock, so that threads sharing one scorer cannot take it past its bounds (each
    passed the size check before the others' inserts). A copy (pickle, deepcopy) starts
    empty, with its own lock.
    """

    MAX_CACHE = 500_000
    # 500,000 entries of TAC 2011 English tokens (4-20 characters) count ~65 MiB (136 bytes
    # each), under this: for words the count binds first; tokens near MAX_CACHED_TOKEN stop
    # here (up to ~260 bytes an entry)
    MAX_CACHE_BYTES = 96 * 1024 * 1024
    MAX_CACHED_TOKEN = 64  # characters; TAC 2011 English's longest token is 20

    def __init__(self, exceptions: dict[str, str]):
        self._exceptions = exceptions
        self.cache: dict[str, str] = {}  # token -> stem; read directly by hot loops
        self.cache_bytes = 0  # what the cache's entries hold (see the class's docstring)
        self._lock = threading.Lock()

    def __call__(self, token: str) -> str:
        out = self.cache.get(token)
        return self.compute(token) if out is None else out

    def compute(self, token: str) -> str:
        """Stem ``token`` and remember it (the cache is bounded)."""
        if len(token) <= 3:
            out = token
        else:
            exception = self._exceptions.get(token)
            out = porter_stem(token) if exception is None else exception
        cache = self.cache
        # full or too long: no lock taken at all
        if len(token) <= self.MAX_CACHED_TOKEN and len(cache) < self.MAX_CACHE:
            if token.isascii() and out.isascii():  # the tokeniser's (sys.getsizeof: 96 ns)
                size = _SLOT_BYTES + _EMPTY + len(token) + (0 if out is token else _EMPTY + len(out))
            else:
                size = _SLOT_BYTES + _sizeof(token) + (0 if out is token else _sizeof(out))
            with self._lock:
                held = self.cache_bytes + size
                if held <= self.MAX_CACHE_BYTES and len(cache) < self.MAX_CACHE and (
                        token not in cache):
                    cache[token] = out
                    self.cache_bytes = held
        return out

    def __getstate__(self) -> dict:
        return {"exceptions": self._exceptions}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["exceptions"])  # type: ignore[misc]
