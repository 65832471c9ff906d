"""The one table of words whose period ends no sentence: titles and abbreviations.

Every splitter reads it. The rule-based splitter (:mod:`summarizer.sentences.rules`)
keeps a sentence going after any word of :func:`abbreviations`: its language's
entry, else the Latin set. A Punkt model gets its language's own entry, if any,
added to the abbreviations it learnt (:mod:`summarizer.sentences.punkt_models`):
the TAC languages have one ("le Sgt. Santos" is one French sentence); the other
Punkt languages none yet, as no news of theirs was read with the set. For the languages in
:data:`REJOIN_AFTER` a split the model still makes after one of them is undone
(:mod:`summarizer.sentences.split`). The faithfulness checks keep the Latin titles
out of the names they precede (:mod:`summarizer.faithfulness.names`).

Words are case-folded and written without their final period ("e.g" for "e.g.").
"""

from __future__ import annotations

# Latin-script titles and abbreviations: news in every language writes them ("Dr. Ahmed").
LATIN = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "gen", "col", "lt", "sgt", "capt",
                   "gov", "sen", "rep", "jr", "sr", "vs", "e.g", "i.e", "inc", "ltd", "co",
                   "corp",
                   # US ranks and places that translated news keeps ("Pvt. Ivan L. Frederick",
                   # "Sgts. Cardona and Smith", "Ft. Bragg")
                   "pvt", "pfc", "cpl", "sgts", "ft"})

ABBREVIATIONS: dict[str, frozenset[str]] = {
    # ranks and addresses that English news writes before names and that neither
    # NLTK's English model nor its list of prefixes has ("Army Spc. Charles Graner",
    # "Atty. Gen. ...")
    "english": LATIN | {"spc", "ssg", "sfc", "atty", "det", "supt", "pres", "govt", "dept",
                        "univ", "assn", "mt", "ave", "blvd", "rd"},
    # Hindi writes its own titles and abbreviations (and "डॉ0" for "डॉ.")
    "hindi": LATIN | {"डॉ", "डा", "प्रो", "सं", "पृ", "मि", "श्री", "श्रीमती", "कु", "स्व", "ई",
                      "ई.पू", "डॉ0"},
    # Thành phố (city: "TP. HCM"), doctors and professors ("PGS. TS. Lan", "BS. Minh")
    "vietnamese": LATIN | {"tp", "ts", "ths", "pgs", "gs", "bs", "ks", "tt"},
    # Punkt languages of TAC 2011 whose models lack most of the set ("le Sgt. | Santos"),
    # less the everyday words that end sentences: Czech "sen" (dream) and "co" (what),
    # French "col" (mountain pass, collar)
    "czech": LATIN - {"sen", "co"},
    "french": LATIN - {"col"},
    "greek": LATIN,
    # titles only: the Latin set's "sen" is the Turkish "you", which ends sentences
    "turkish": frozenset({"dr", "prof", "doç", "av", "yrd", "sn", "op", "uzm", "müh"}),
}

# Punkt languages whose model splits after a title when a word it often saw open a
# sentence follows ("Prof. Dr. | Yılmaz", "Av. | Mehmet"): the split is undone.
REJOIN_AFTER = frozenset({"turkish"})


def abbreviations(language: str) -> frozenset[str]:
    """The words of ``language`` (a canonical name) whose period ends no sentence:
    its entry of :data:`ABBREVIATIONS`, else the Latin set."""
    return ABBREVIATIONS.get(language, LATIN)
