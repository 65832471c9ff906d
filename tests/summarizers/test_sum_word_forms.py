"""Word forms merged for the coverage concepts from the cluster's own vocabulary (issue 12,
option ``word_forms``): exact merges on small inputs, the ones that must not happen, the
hook in the concepts, and that off it changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import make_cluster

from summarizer.documents.model import Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.background import background_for
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.concepts import extract_concepts
from summarizer.summarizers.word_forms import (
    MIN_STEM,
    WORD_FORMS,
    content_words,
    word_forms,
)

NONE: frozenset[str] = frozenset()
# two Czech paradigms sharing the endings -a, -y, -ou (so all three are productive)
CZECH = [["vláda", "vlády", "vládou", "strana", "strany"], ["stranou", "vláda"]]


def test_endings_shared_by_two_stems_merge_their_words():
    assert word_forms(CZECH, NONE, "suffix") == {
        "vlády": "vláda", "vládou": "vláda", "strany": "strana", "stranou": "strana"}


def test_the_most_frequent_form_stands_for_its_words():
    tokens = [*CZECH, ["vládou"], ["vládou"]]
    assert word_forms(tokens, NONE, "suffix")["vláda"] == "vládou"


def test_endings_that_do_not_merge():
    tokens = [*CZECH,
              ["vládní"],          # an ending ("ní") no other stem takes: not productive
              ["most", "mosty"],   # a stem of 3 characters before "-y": too short
              ["2010", "2011"],    # numbers are never merged
              ["dům", "domy"]]     # different stems
    got = word_forms(tokens, NONE, "suffix")
    assert not {"vládní", "most", "mosty", "2010", "2011", "dům", "domy"} & (set(got)
                                                                        | set(got.values()))


def test_words_with_vowel_signs_merge_too():
    # Devanagari vowel signs are marks (str.isalpha is False): 0 Hindi words merged on TAC
    tokens = [["सरकार", "सरकारी", "सरकारों"], ["अधिकार", "अधिकारी", "अधिकारों"]]
    assert word_forms(tokens, NONE, "suffix") == {
        "सरकारी": "सरकार", "सरकारों": "सरकार", "अधिकारी": "अधिकार", "अधिकारों": "अधिकार"}


def test_stopwords_are_never_merged():
    tokens = [*CZECH, ["banka", "banky", "bankou"]]
    assert word_forms(tokens, frozenset({"vláda", "vlády"}), "suffix") == {
        "strany": "strana", "stranou": "strana", "banky": "banka", "bankou": "banka"}


def test_content_words_counts_what_the_merges_may_touch():
    # the vocabulary the eval scripts count (eval/tac2011_cv_stem.py) is this one filter:
    # stopwords and words with a digit out, words with vowel signs in
    tokens = [["vláda", "2010", "v2", "a", "vláda"], ["सरकारी", "a"]]
    assert content_words(tokens, frozenset({"a"})) == {"vláda": 2, "सरकारी": 1}


HEBREW = [["הממשלה", "ממשלה", "ממשלה", "הבית", "בית"], ["הכלב", "כלב", "והממשלה", "והבית"]]


def test_a_productive_prefix_comes_off_where_the_rest_is_a_word():
    assert word_forms(HEBREW, NONE, "prefix") == {
        "הממשלה": "ממשלה", "והממשלה": "ממשלה", "הבית": "בית", "והבית": "בית",
        "כלב": "הכלב"}  # a tie of one each: the first in code-point order stands


def test_prefixes_that_do_not_come_off():
    tokens = [*HEBREW,
              ["השלום"],            # "שלום" is not a word of the cluster
              ["estate", "state"],  # "e" is written onto one word only: not productive
              ["הים", "ים"]]        # what is left ("ים") is too short
    got = word_forms(tokens, NONE, "prefix")
    assert not {"השלום", "estate", "state", "הים", "ים"} & (set(got) | set(got.values()))


def test_affix_takes_prefixes_off_before_the_endings():
    tokens = [["הממשלה", "ממשלה", "הבית", "בית", "הכלב", "כלב"], *CZECH,
              ["הvláda", "הstrany"]]  # prefix, then ending
    got = word_forms(tokens, NONE, "affix")
    assert got["הvláda"] == got["vlády"] == "vláda" and got["הstrany"] == "strana"
    assert "הvláda" not in word_forms(tokens, NONE, "suffix")


def test_bad_arguments():
    with pytest.raises(ValueError):
        word_forms(CZECH, NONE, "stem")
    with pytest.raises(ValueError):
        word_forms(CZECH, NONE, "suffix", share=0.0)


def test_a_higher_share_asks_more_of_an_affix():
    # 6 content words (numbers are not): at 0.4 an ending needs 2.4 stems, and each has two
    assert word_forms(CZECH + [["a1", "b2"]], NONE, "suffix", share=0.4) == {}
    assert word_forms(CZECH, NONE, "suffix", share=0.3) == word_forms(CZECH, NONE, "suffix")


words = st.text(alphabet="abcdeéyu", min_size=1, max_size=9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, max_size=8), max_size=8), st.sampled_from(WORD_FORMS))
def test_maps_words_of_the_input_onto_standing_forms(tokens, use):
    stops = frozenset(t[0] for t in tokens[:1] if t)
    got = word_forms(tokens, stops, use)
    vocab = {w for t in tokens for w in t}
    assert set(got) <= vocab and set(got.values()) <= vocab
    assert not set(got) & set(got.values())  # a standing form stands for itself
    assert not (set(got) | set(got.values())) & stops
    if use == "suffix":  # an ending never touches the stem's first characters
        assert all(a[:MIN_STEM] == b[:MIN_STEM] for a, b in got.items())


def test_the_concepts_meet_across_forms():
    tokens = [["vláda", "schválila", "zákon"], ["vlády", "schválila", "zákon"]]
    plain = extract_concepts(tokens, [0, 1], NONE)
    merged = extract_concepts(tokens, [0, 1], NONE, forms={"vlády": "vláda"})
    assert plain.names == [("schválila", "zákon")]
    assert merged.names == [("schválila", "zákon"), ("vláda", "schválila")]
    assert list(merged.per_sentence[1]) == [0, 1] and merged.weights.tolist() == [2.0, 2.0]


def test_the_option_is_recorded_and_off_changes_nothing():
    cluster, budget = make_cluster(), Budget(words=60)
    plain = get_summarizer("coverage").summarize(cluster, budget)
    assert "word_forms" not in plain.settings and "word_forms_merged" not in plain.settings
    text = ("The states reported new votes on Monday. The state report counts the vote. "
            "Officials said the reports of the states were late.")
    cluster.documents.append(Document(text=text, id="d", date="2024-03-07"))
    on = get_summarizer("coverage", word_forms="affix").summarize(cluster, budget)
    assert on.settings["word_forms"] == "affix" and on.settings["word_forms_share"] == 0.01
    pool = prepare(cluster)
    stopwords = background_for(pool.language).stopwords()  # the default background's
    assert on.settings["word_forms_merged"] == len(word_forms(pool.tokens, stopwords,
                                                              "affix")) > 0


@pytest.mark.parametrize("options", [
    {"word_forms": "stem"}, {"word_forms": "suffix", "word_forms_share": 1.0},
    {"word_forms_share": 0.02}, {"word_forms": "affix", "stem_prefix": 5},
    {"word_forms": "affix", "word_position": "first"},
    {"word_forms": "affix", "concept_weighting": "learned"},
])
def test_bad_options(options):
    with pytest.raises(OptionError):
        get_summarizer("coverage", **options)
