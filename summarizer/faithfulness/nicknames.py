"""Short forms of given names ("Bill" for "William", "Tony" for "Anthony"), by language.

:func:`names.person_supported` reads a short form as its long form only where the sources
write that long form before the same surname: "Bill Clinton" is backed by "William
Clinton", not by "William Hague" nor by a "William" of no surname.
"""

from __future__ import annotations

from functools import cache

# English: each long form with the short forms news commonly writes for it, from general
# knowledge of English usage (public figures known by one: Bill Clinton, Tony Blair, Ted
# Kennedy, Dick Cheney, Jimmy Carter, Bob Dole, Newt Gingrich), not taken from a list.
# Kept to well-known pairs: a short form that stands for several long forms ("Ted" for
# Edward or Theodore) is listed under each, and any of them backs it.
_ENGLISH = {
    "william": "bill billy will willie", "robert": "bob bobby rob robbie",
    "richard": "dick rick rich", "james": "jim jimmy jamie", "john": "jack johnny",
    "jonathan": "jon", "michael": "mike mick", "thomas": "tom tommy", "anthony": "tony",
    "joseph": "joe joey", "david": "dave", "daniel": "dan danny", "stephen": "steve",
    "steven": "steve", "christopher": "chris", "nicholas": "nick", "edward": "ed eddie ted",
    "theodore": "ted teddy", "benjamin": "ben", "samuel": "sam", "alexander": "alex",
    "andrew": "andy", "patrick": "pat", "matthew": "matt", "timothy": "tim",
    "lawrence": "larry", "laurence": "larry", "henry": "harry hank", "charles": "charlie chuck",
    "frederick": "fred", "gregory": "greg", "jeffrey": "jeff", "geoffrey": "geoff jeff",
    "kenneth": "ken", "donald": "don", "ronald": "ron ronnie", "gerald": "jerry",
    "eugene": "gene", "philip": "phil", "douglas": "doug", "peter": "pete", "newton": "newt",
    "abraham": "abe", "elizabeth": "liz beth betty", "katherine": "kate kathy",
    "catherine": "kate cathy", "margaret": "maggie peggy", "susan": "sue",
    "jennifer": "jenny", "patricia": "pat", "deborah": "debbie", "victoria": "vicky",
}
_SHORT_FORMS = {"english": _ENGLISH}


@cache
def _long_forms(language: str) -> dict[str, frozenset[str]]:
    """Each short form of ``language`` -> the long forms it stands for."""
    out: dict[str, set[str]] = {}
    for long, shorts in _SHORT_FORMS.get(language, {}).items():
        for short in shorts.split():
            out.setdefault(short, set()).add(long)
    return {short: frozenset(longs) for short, longs in out.items()}


def long_forms(word: str, language: str) -> frozenset[str]:
    """The given names ``word`` (normalised: lower case, no accents) is a short form of
    in ``language`` (a canonical name); empty where it is none, or the language has no
    table."""
    return _long_forms(language).get(word, frozenset())
