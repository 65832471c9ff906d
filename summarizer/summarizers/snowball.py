"""The Snowball stemmers (``snowballstemmer``, BSD-3-Clause, the optional extra ``stem``) for
the coverage concepts' ``word_forms="snowball"`` (issue 12).

Snowball has an algorithm for 6 of the 7 TAC 2011 languages (Arabic, Czech, which 3.0's
list lacked, English, French, Greek and Hindi), none for Hebrew. The package is pure
Python, and runs PyStemmer's C build of the same algorithms instead when that is installed,
as the settings record. A stemmer object keeps state between words, so each call gets a new
one: one summariser shared by threads stems safely.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from summarizer.errors import ResourceError, UnknownLanguageError

INSTALL = ("pip install 'snowballstemmer>=3.1.1' (or from the source folder: "
           "pip install -e '.[stem]')")
# algorithms the package lists that are variants, not languages
_NOT_LANGUAGES = frozenset({"porter", "dutch_porter"})


def require_snowball() -> None:
    """Raises :class:`ResourceError` with the pip command when ``snowballstemmer`` is
    missing: when the summariser is built, not at its first summary."""
    try:
        import snowballstemmer  # noqa: F401
    except ImportError as exc:
        raise ResourceError(f"word_forms='snowball' needs the Snowball stemmers: {INSTALL}; "
                            "word_forms=None (the default) summarises without them") from exc


@lru_cache(maxsize=1)
def source() -> str:
    """The stemmers as a summary's settings record them: the package's version, and
    PyStemmer's when that runs the algorithms (another version can stem otherwise)."""
    from importlib.metadata import version

    import snowballstemmer

    out = f"snowballstemmer {version('snowballstemmer')}"
    if snowballstemmer.stemmer.__module__ != "snowballstemmer":  # PyStemmer's class
        out += f" (PyStemmer {version('PyStemmer')})"
    return out


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """The languages the installed package has a stemmer for, by the package's names
    (which are this package's canonical names)."""
    import snowballstemmer

    return frozenset(snowballstemmer.algorithms()) - _NOT_LANGUAGES


def snowball_language(language: str | None) -> str | None:
    """The canonical name of ``language`` (a name or a code) when Snowball has a stemmer
    for it; None when it has none, or the package does not know the language."""
    from summarizer.languages import get_language

    try:
        name = get_language(language).name
    except UnknownLanguageError:  # as a language without a stemmer
        return None
    return name if name in languages() else None


def stemmer(language: str) -> Callable[[Sequence[str]], list[str]]:
    """A new stemmer of ``language`` (a name :func:`snowball_language` returned): words in,
    their stems out, in order."""
    import snowballstemmer

    return snowballstemmer.stemmer(language).stemWords
