"""``tfidf_chars`` of ``coverage`` (issue 12; off by default): the lexical TF-IDF vectors
made from the words' character n-grams. The grams by hand, inflected forms meeting, the
option reaching the selection outside English only, its errors, and the default as it was."""

from __future__ import annotations

import numpy as np
import pytest
from sum_helpers import make_cluster

from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.features import CharGrams, cosine_matrix, tfidf_matrix


def test_grams_by_hand():
    grams = CharGrams([["the", "dog", "barks"], ["a", "ox"]], frozenset({"the", "a"}), 4)
    assert len(grams) == 2
    assert grams[0] == ["<dog", "dog>", "<bar", "bark", "arks", "rks>"]
    assert grams[1] == ["<ox>"]  # a padded word of n characters or fewer is one gram
    assert CharGrams([["ox"]], frozenset(), 3)[0] == ["<ox", "ox>"]


def test_inflected_forms_meet_in_grams_not_in_words():
    tokens = [["zemětřesení", "zasáhlo", "asii"], ["po", "zemětřesením", "v", "asii"],
              ["volby", "v", "praze"]]
    stop = frozenset({"po", "v"})
    words = cosine_matrix(tfidf_matrix(tokens, stop))
    grams = cosine_matrix(tfidf_matrix(CharGrams(tokens, stop, 4), frozenset()))
    assert grams[0, 1] > words[0, 1] + 0.2  # "asii" alone in words; the forms too in grams
    assert grams[0, 2] == pytest.approx(0.0) and words[0, 2] == pytest.approx(0.0)


def _czech() -> Cluster:
    docs = [Document(id=f"d{k}", text=text) for k, text in enumerate([
        "Zemětřesení zasáhlo pobřeží Asie v neděli ráno. Vlna zničila mnoho vesnic na jihu. "
        "Vláda vyhlásila stav nouze pro celou oblast.",
        "Po zemětřesení v Asii pomáhají záchranáři v mnoha vesnicích. Vládní úředníci "
        "vyhlásili stav nouze. Školy zůstanou zavřené do pátku.",
        "Zemětřesením zničené vesnice čekají na pomoc. Záchranáři hledají přeživší v "
        "troskách domů. Počasí se má příští týden zlepšit."])]
    return Cluster(documents=docs, id="cz", language="czech")


def test_tfidf_chars_reaches_the_selection_outside_english_only(monkeypatch):
    from summarizer.summarizers.candidates import Pool

    kinds: list[str] = []
    real = Pool.vectors

    def spy(self, kind, *args, **kwargs):
        kinds.append(kind)
        return real(self, kind, *args, **kwargs)

    monkeypatch.setattr(Pool, "vectors", spy)
    get_summarizer("coverage", tfidf_chars=3).summarize(_czech(), Budget(words=40))
    assert kinds and set(kinds) == {"tfidf-chars3"}  # the semantic term and the parts
    kinds.clear()
    get_summarizer("coverage").summarize(_czech(), Budget(words=40))
    assert kinds and set(kinds) == {"tfidf"}
    monkeypatch.undo()

    plain = get_summarizer("coverage", semantic_weight=4.0)
    chars = get_summarizer("coverage", semantic_weight=4.0, tfidf_chars=3)
    cz = _czech()
    pool_plain = plain.summarize(cz, Budget(words=40))
    pool_chars = chars.summarize(cz, Budget(words=40))
    assert pool_chars.settings["tfidf_chars"] == 3 and "tfidf_chars" not in pool_plain.settings
    assert pool_chars.settings["representation_used"] == "tfidf"
    # the vectors themselves differ: the selection's similarity is the grams' one
    from summarizer.summarizers.candidates import CHARS, prepare

    pool = prepare(cz)
    a, b = pool.similarity("tfidf"), pool.similarity(f"{CHARS}3")
    assert a.shape == b.shape and not np.allclose(a, b)
    # English uses the sentence encoder: the option changes nothing there
    en = make_cluster()
    assert (get_summarizer("coverage", tfidf_chars=4).summarize(en, Budget(words=60)).text
            == get_summarizer("coverage").summarize(en, Budget(words=60)).text)


def test_off_is_the_default():
    cz = _czech()
    before = get_summarizer("coverage").summarize(cz, Budget(words=40))
    off = get_summarizer("coverage", tfidf_chars=None).summarize(cz, Budget(words=40))
    assert off.text == before.text and "tfidf_chars" not in off.settings


@pytest.mark.parametrize("value", [0, 1, 9, 4.0, "4", True, -3])
def test_bad_values_are_refused(value):
    with pytest.raises(OptionError, match="tfidf_chars"):
        get_summarizer("coverage", tfidf_chars=value)
