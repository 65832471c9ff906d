"""Word forms merged by the language's Snowball stemmer for the coverage concepts (issue 12,
``word_forms="snowball"``, the optional extra ``stem``): the merges, a language without a
stemmer, the settings, and the error without the package."""

from __future__ import annotations

import sys
from importlib.metadata import version

import pytest
from helpers import error_line, run_cli
from sum_helpers import make_cluster

from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError, ResourceError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.background import background_for
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.concepts import extract_concepts
from summarizer.summarizers.snowball import snowball_language, stemmer
from summarizer.summarizers.word_forms import stemmed_forms

NONE: frozenset[str] = frozenset()


def first4(words):  # a stand-in stemmer: the package is not needed to test the grouping
    return [w[:4] for w in words]


def test_words_with_one_stem_merge_into_the_most_frequent():
    tokens = [["states", "state", "voted"], ["state", "votes", "2010", "20100"]]
    assert stemmed_forms(tokens, NONE, first4) == {"states": "state", "votes": "voted"}


def test_stopwords_and_numbers_are_never_merged():
    tokens = [["states", "state", "statement", "state"], ["2010", "20100"]]
    # "state" would stand for the group; as a stopword it stays out of it
    assert stemmed_forms(tokens, frozenset({"state"}), first4) == {"states": "statement"}


@pytest.fixture
def snowball():
    pytest.importorskip("snowballstemmer", reason="the stem extra (snowballstemmer) is absent")


@pytest.mark.parametrize("language, words, merged", [
    ("english", ["deaths", "death", "death", "reported", "reports"],
     {"deaths": "death", "reports": "reported"}),  # a tie of one each: code-point order
    ("czech", ["vláda", "vlády", "vláda"], {"vlády": "vláda"}),
    ("french", ["inondations", "inondation", "inondation"], {"inondations": "inondation"}),
])
def test_the_languages_stemmer_merges_a_known_pair(snowball, language, words, merged):
    assert stemmed_forms([words], NONE, stemmer(snowball_language(language))) == merged


def test_snowball_has_no_hebrew_stemmer(snowball):
    assert snowball_language("he") is None and snowball_language("nonsense") is None
    assert snowball_language("el") == "greek" and snowball_language("hi") == "hindi"


def test_the_concepts_meet_across_stemmed_forms(snowball):
    tokens = [["storms", "flooded", "villages"], ["storm", "flooded", "village"]]
    forms = stemmed_forms(tokens, NONE, stemmer("english"))
    assert extract_concepts(tokens, [0, 1], NONE).names == []
    assert extract_concepts(tokens, [0, 1], NONE, forms=forms).names == [
        ("flooded", "village"), ("storm", "flooded")]


def test_the_option_is_recorded(snowball):
    cluster = make_cluster()
    got = get_summarizer("coverage", word_forms="snowball").summarize(cluster, Budget(words=60))
    assert got.settings["word_forms"] == "snowball"
    assert got.settings["word_forms_source"].startswith(
        f"snowballstemmer {version('snowballstemmer')}")
    assert got.settings["word_forms_stemmer"] == "english"
    pool = prepare(cluster)
    forms = stemmed_forms(pool.tokens, background_for("english").stopwords(), stemmer("english"))
    assert got.settings["word_forms_merged"] == len(forms) > 0
    assert "word_forms_share" not in got.settings  # not used by the stemmer


HEBREW = [
    "הממשלה החליטה היום על תקציב חדש לבתי הספר בעיר. השר אמר כי התקציב יגדל בשנה הבאה.",
    "התקציב החדש לבתי הספר אושר בממשלה. ההורים בעיר בירכו על ההחלטה של הממשלה.",
    "בעיר נפתחו היום שלושה בתי ספר חדשים. הממשלה החליטה על תקציב חדש לבתי הספר.",
]


def test_a_language_without_a_stemmer_is_summarised_as_without_the_option(snowball):
    cluster = Cluster(documents=[Document(text=t, id=str(k)) for k, t in enumerate(HEBREW)],
                      id="he", language="hebrew")
    budget = Budget(words=30)
    plain = get_summarizer("coverage").summarize(cluster, budget)
    got = get_summarizer("coverage", word_forms="snowball").summarize(cluster, budget)
    assert got.settings["word_forms_stemmer"] == "none for hebrew"
    assert got.settings["word_forms_merged"] == 0
    assert got.text == plain.text and got.text


def test_without_the_package_a_typed_error_gives_the_pip_command(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "snowballstemmer", None)  # import fails as if absent
    with pytest.raises(ResourceError, match=r"pip install 'snowballstemmer"):
        get_summarizer("coverage", word_forms="snowball")
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the barrier.", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(article), "--words", "20", "--option",
                            "word_forms=snowball"])
    assert code != 0 and "pip install" in error_line(err)


def test_word_forms_share_is_refused_with_the_stemmer():
    with pytest.raises(OptionError, match="with snowball it would not be used"):
        get_summarizer("coverage", word_forms="snowball", word_forms_share=0.02)


CZECH = [
    "Vláda schválila nový rozpočet pro školy ve městě. Ministr řekl, že rozpočet vlády "
    "poroste i v příštím roce.",
    "Nový rozpočet pro školy schválila vláda v pondělí. Rodiče ve městě rozhodnutí vlády "
    "přivítali.",
    "Ve městě se otevřely tři nové školy. Vláda rozhodla o novém rozpočtu pro školy.",
]


@pytest.fixture
def without_czech(snowball, monkeypatch):
    """The backend as an older PyStemmer is (its list lacks Czech): ``languages`` reads
    the list once, so its cache is emptied before and after."""
    import snowballstemmer

    from summarizer.summarizers import snowball as module

    listed = snowballstemmer.algorithms()
    monkeypatch.setattr(snowballstemmer, "algorithms",
                        lambda: [a for a in listed if a != "czech"])
    module.languages.cache_clear()
    yield
    module.languages.cache_clear()


def czech_summaries(**options):
    cluster = Cluster(documents=[Document(text=t, id=str(k)) for k, t in enumerate(CZECH)],
                      id="cs", language="czech")
    return get_summarizer("coverage", **options).summarize(cluster, Budget(words=25))


def test_czech_is_stemmed_where_the_backend_lists_it(snowball):
    got = czech_summaries(word_forms="snowball")
    assert got.settings["word_forms_stemmer"] == "czech"
    assert got.settings["word_forms_merged"] > 0  # "vláda" and "vlády": what the case below loses


def test_a_backend_without_czech_summarises_czech_as_without_the_option(without_czech):
    assert snowball_language("czech") is None and snowball_language("english") == "english"
    got = czech_summaries(word_forms="snowball")
    assert got.settings["word_forms_stemmer"] == "none for czech"
    assert got.settings["word_forms_merged"] == 0
    assert got.settings["word_forms_source"].startswith("snowballstemmer")
    plain = czech_summaries()
    assert got.text == plain.text and got.text
    assert [s.text for s in got.sentences] == [s.text for s in plain.sentences]
