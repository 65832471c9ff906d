"""Background word frequencies (issue 12): IDF, stopwords and topic signature terms from a
background list, and the coverage option that uses them, "idf-stopwords" by default. A small
hand-made background stands in for wordfreq except in the tests marked as needing it."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import make_cluster

import summarizer.summarizers.background as background
import summarizer.summarizers.coverage as coverage
from summarizer.errors import InputError, OptionError, ResourceError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.background import (
    Background,
    binomial_llr,
    concept_factors,
    concept_stopwords,
)
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare


@pytest.fixture(autouse=True)
def _toy_needs_no_wordfreq(monkeypatch, request):
    # the toy background stands in for wordfreq: building the summariser must not need it
    if "wordfreq" not in request.node.name:
        monkeypatch.setattr(coverage, "require_wordfreq", lambda: None)


FREQS = {"the": 0.05, "of": 0.03, "a": 0.02, "river": 1e-4, "said": 1e-3, "governor": 1e-5}
TOY = Background("en", FREQS, 1e-6)


def test_idf_is_one_for_unknown_words_and_small_for_common_ones():
    assert TOY.idf("flooded") == 1.0  # not in the list: as rare as its rarest word
    assert TOY.idf("governor") == pytest.approx(math.log(1e-5) / math.log(1e-6))
    assert TOY.idf("the") == pytest.approx(math.log(0.05) / math.log(1e-6))
    assert TOY.idf("the") < TOY.idf("said") < TOY.idf("river") < TOY.idf("governor") < 1


def test_stopwords_are_the_most_frequent_words_of_the_list():
    assert TOY.stopwords(2) == {"the", "of"}
    assert TOY.stopwords(3) == {"the", "of", "a"}
    assert len(TOY.stopwords()) == len(FREQS)  # fewer words than the rank: all of them


def test_concept_stopwords_are_the_lists_else_the_clusters_own():
    # one rule for coverage, dpp's concepts and the eval scripts (no list: the pool's own)
    own = frozenset({"floods", "the"})
    assert concept_stopwords(TOY, own) == TOY.stopwords()
    assert concept_stopwords(None, own) is own


def test_binomial_llr():
    assert binomial_llr(10, 1000, 0.01) == pytest.approx(0.0, abs=1e-12)
    k, n, p = 5, 100, 0.01
    q = k / n
    by_hand = 2 * (k * math.log(q / p) + (n - k) * math.log((1 - q) / (1 - p)))
    assert binomial_llr(k, n, p) == pytest.approx(by_hand)
    assert binomial_llr(n, n, p) == pytest.approx(2 * n * math.log(1 / p))


def test_signature_terms_are_words_far_above_their_background_rate():
    counts = {"the": 500, "of": 300, "said": 10, "governor": 6, "flooded": 1, "river": 1}
    counts["a"] = 10_000 - sum(counts.values())  # 10,000 words in all
    sig = TOY.signature_terms(counts)
    # the, of and said occur at their background rates; governor 6 times in 10,000 words
    # against 1e-5; a word seen once is not improbable enough, even one the list lacks
    assert "governor" in sig and not {"the", "of", "said", "flooded", "river"} & sig
    assert binomial_llr(1, 10_000, 1e-6) < background.SIGNATURE_LLR < binomial_llr(
        2, 10_000, 1e-6)


def test_concept_factors():
    names = [("the", "governor"), ("river", "governor"), ("of", "the")]
    idf = concept_factors(names, TOY, "idf")
    assert idf == pytest.approx([(TOY.idf(a) + TOY.idf(b)) / 2 for a, b in names])
    assert np.array_equal(concept_factors(names, TOY, "stopwords"), np.ones(3))
    tokens = [["the"] * 500, ["of"] * 300, ["governor"] * 6, ["river"], ["a"] * 9193]
    sig = concept_factors(names, TOY, "signature", tokens)
    assert sig.tolist() == [2.0, 2.0, 1.0]  # governor is a signature term, river is not
    with pytest.raises(ValueError):
        concept_factors(names, TOY, "tf")


def test_the_default_records_its_background_and_bad_options_are_refused():
    s = get_summarizer("coverage").settings()
    assert s["background"] == "idf-stopwords"
    # the lists and the version that made them: another wordfreq, other summaries
    assert re.fullmatch(r"wordfreq \d+\.\d+\S* small lists", s["background_source"])
    assert get_summarizer("coverage", background="idf").settings()["background"] == "idf"
    off = get_summarizer("coverage", background=None).settings()
    assert not {k for k in off if k.startswith("background")}  # as the default was before
    with pytest.raises((InputError, OptionError)):
        get_summarizer("coverage", background="wordfreq-idf")
    with pytest.raises(OptionError, match="background=None"):
        get_summarizer("coverage", background="stopwords", stem_prefix=5)
    with pytest.raises(OptionError, match="stem_prefix needs background=None"):
        get_summarizer("coverage", stem_prefix=5)  # the default's background too
    assert get_summarizer("coverage", background=None, stem_prefix=5).stem_prefix == 5


@pytest.fixture
def stops(monkeypatch) -> list[frozenset[str]]:
    """The stopwords coverage's concepts are extracted with, one entry per summary."""
    seen: list[frozenset[str]] = []
    real = coverage.extract_concepts

    def spy(tokens, docs, stopwords, *args, **kwargs):
        seen.append(stopwords)
        return real(tokens, docs, stopwords, *args, **kwargs)

    monkeypatch.setattr(coverage, "extract_concepts", spy)
    return seen


@pytest.mark.parametrize("use", ["idf", "stopwords", "idf-stopwords", "signature"])
def test_coverage_uses_the_background_of_the_clusters_language(use, monkeypatch, stops):
    asked = []
    monkeypatch.setattr(coverage, "background_for", lambda lang: asked.append(lang) or TOY)
    summary = get_summarizer("coverage", background=use).summarize(make_cluster(),
                                                                   Budget(words=60))
    assert asked == ["english"] and summary.settings["background_list"] == "en"
    assert summary.settings["background"] == use
    assert (stops == [TOY.stopwords()]) == use.endswith("stopwords")


def test_background_weights_change_what_is_chosen(monkeypatch):
    """The factors reach the objective: all the worth on one word's concepts picks a
    sentence that holds it."""
    only_concepts = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0}
    cluster = make_cluster()
    first = get_summarizer("coverage", **only_concepts).summarize(cluster, Budget(sentences=1))
    assert "blankets" not in first.text
    # every word common but the relief agencies': their concepts alone keep weight
    class Common(Background):
        def idf(self, word: str) -> float:
            return 1.0 if word in {"agencies", "appealed"} else 0.0

    monkeypatch.setattr(coverage, "background_for", lambda lang: Common("en", {}, 0.5))
    two = make_cluster()
    two.documents[0].text += " Relief agencies appealed for help again on Tuesday."
    out = get_summarizer("coverage", background="idf", **only_concepts).summarize(
        two, Budget(sentences=1))
    assert "agencies appealed" in out.text


def test_a_language_without_a_list_gets_no_background(monkeypatch):
    monkeypatch.setattr(coverage, "background_for", lambda lang: None)
    cluster = make_cluster()
    plain = get_summarizer("coverage", background=None).summarize(cluster, Budget(words=60))
    got = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    assert got.text == plain.text and got.settings["background_list"] == "none for english"
    assert got.settings["background"] == "idf-stopwords"  # asked for, and said it was not found


def test_background_none_reads_no_list(monkeypatch, stops):
    """None is the earlier default: the pool's own stopwords, no background asked for."""
    monkeypatch.setattr(coverage, "background_for", lambda lang: pytest.fail("asked"))
    summary = get_summarizer("coverage", background=None).summarize(make_cluster(),
                                                                    Budget(words=60))
    assert stops == [prepare(make_cluster()).stopwords]
    assert not {k for k in summary.settings if k.startswith("background")}


def test_wordfreq_a_language_without_a_list_is_recorded():
    pytest.importorskip("wordfreq")
    cluster = make_cluster()
    cluster.language = "estonian"  # the package knows it; wordfreq has no list for it
    assert background.background_for("estonian") is None
    got = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    plain = get_summarizer("coverage", background=None).summarize(cluster, Budget(words=60))
    assert got.settings["background_list"] == "none for estonian"
    assert got.text == plain.text and got.sentences == plain.sentences


def test_without_wordfreq_the_option_says_how_to_install_it(monkeypatch):
    background.load_background.cache_clear()
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # import fails
    try:
        with pytest.raises(ResourceError, match="pip install"):
            background.load_background("en")
    finally:
        background.load_background.cache_clear()


def test_wordfreq_backgrounds_of_the_tac_languages():
    pytest.importorskip("wordfreq")
    for lang, word in [("arabic", "في"), ("czech", "a"), ("english", "the"), ("french", "de"),
                       ("greek", "και"), ("hebrew", "של"), ("hindi", "के")]:
        bg = background.background_for(lang)
        assert bg is not None and word in bg.stopwords(), lang
        assert bg.idf(word) < 0.35 and bg.idf("zzqxv") == 1.0
    # numbers: wordfreq's digit shapes ("2005" as "0000"), not the floor
    assert background.background_for("english").frequency("2005") > 1e-6
    assert background.background_for("not a language") is None
    # a language's list under another of its codes: Norwegian's is wordfreq's "nb"
    assert background.background_for("norwegian").code == "nb"


def test_without_wordfreq_the_summariser_is_refused_when_built(monkeypatch):
    # a broken install: at once, not at the first summary (after an evaluate run's folder
    # and settings exist), and never silently summarised without the background
    monkeypatch.setitem(sys.modules, "wordfreq", None)
    monkeypatch.setattr(coverage, "background_for", lambda lang: pytest.fail("summarised"))
    for options in ({}, {"background": "idf"}):
        with pytest.raises(ResourceError, match="pip install 'wordfreq.*background=None"):
            get_summarizer("coverage", **options)
    get_summarizer("coverage", background=None)  # without a background nothing is needed


def test_an_unknown_language_has_no_background_and_other_faults_are_not_hidden(monkeypatch):
    assert background.background_for("klingon") is None

    def broken(code):
        raise RuntimeError("disk error")

    monkeypatch.setattr(background, "load_background", broken)
    with pytest.raises(RuntimeError, match="disk error"):
        background.background_for("english")


@pytest.mark.slow
def test_wordfreq_the_default_and_none_differ_on_a_tac_cluster(tac_dir):
    from summarizer.documents import load_tac2011

    cluster = load_tac2011(tac_dir, "english")[0]
    budget = Budget(words=100)
    default = get_summarizer("coverage").summarize(cluster, budget)
    off = get_summarizer("coverage", background=None).summarize(cluster, budget)
    assert default.settings["background_list"] == "en"
    assert [(s.doc_id, s.sentence_index) for s in default.sentences] != [
        (s.doc_id, s.sentence_index) for s in off.sentences]
    assert not {k for k in off.settings if k.startswith("background")}


# -- wordfreq's lists read without importing wordfreq (cold start, issue 13) -------------
def _wordfreq_small_codes() -> list[str]:
    wordfreq = pytest.importorskip("wordfreq")
    return sorted(wordfreq.available_languages(background.WORDLIST))


def test_wordfreq_files_are_the_languages_wordfreq_lists():
    wordfreq = pytest.importorskip("wordfreq")
    for name in (background.WORDLIST, "large"):
        assert {c: str(p) for c, p in background.wordlist_files(name).items()} == (
            wordfreq.available_languages(name))


TAC_CODES = ["ar", "cs", "el", "en", "fr", "he", "hi"]


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_wordfreq_reader_gives_wordfreqs_own_frequency_dict(data):
    """The reader against wordfreq's get_frequency_dict, the TAC languages' lists and any
    other: same words, same frequencies to the bit, same order. A wordfreq whose format
    or rule changes fails here, not quietly in the summaries."""
    wordfreq = pytest.importorskip("wordfreq")
    code = data.draw(st.sampled_from(TAC_CODES) | st.sampled_from(_wordfreq_small_codes()))
    buckets = background.frequencies(background.read_wordlist(
        background.wordlist_files()[code]))
    ours = background.frequency_dict(buckets)
    theirs = wordfreq.get_frequency_dict(code, background.WORDLIST)
    assert list(ours.items()) == list(theirs.items())
    loaded = background.load_background(code)
    assert loaded.freqs == theirs and loaded.floor == min(theirs.values())
    # the top words read off the file's buckets, or off a dict alone, are the whole list's
    # ranking
    rank = data.draw(st.sampled_from([background.STOPWORD_RANK, 1, 7]) | st.integers(1, 3000))
    assert loaded.stopwords(rank) == ranked(theirs, rank)
    assert Background(code, theirs, loaded.floor).stopwords(rank) == ranked(theirs, rank)


def ranked(freqs: dict[str, float], rank: int) -> frozenset[str]:
    """The ``rank`` most frequent words by sorting the whole dict (ties by spelling)."""
    return frozenset(sorted(freqs, key=lambda w: (-freqs[w], w))[:rank])


def test_stopwords_from_buckets_count_a_repeated_word_at_its_last_frequency():
    buckets = [(0.1, ["of", "the"]), (0.05, ["a", "zebra"]), (0.01, ["and", "the"])]
    freqs = background.frequency_dict(buckets)  # "the" keeps 0.01, as wordfreq's dict does
    assert freqs == {"of": 0.1, "the": 0.01, "a": 0.05, "zebra": 0.05, "and": 0.01}
    fast = Background("xx", freqs, 0.01, buckets)
    for rank in range(1, 7):
        assert fast.stopwords(rank) == ranked(freqs, rank), rank
        assert Background("xx", freqs, 0.01).stopwords(rank) == ranked(freqs, rank), rank
    assert fast.stopwords(2) == {"of", "a"} and fast.stopwords(4) == {"of", "a", "zebra", "and"}


def test_wordfreq_reader_refuses_another_format(tmp_path):
    msgpack = pytest.importorskip("msgpack")
    import gzip

    for header in ({"format": "cB", "version": 2}, {"format": "zipf", "version": 1}, "cB"):
        path = tmp_path / "small_xx.msgpack.gz"
        path.write_bytes(gzip.compress(msgpack.packb([header, [], ["the"]])))
        with pytest.raises(ResourceError, match="cBpack version 1"):
            background.read_wordlist(path)


def test_wordfreq_version_is_importlib_metadatas():
    import importlib.metadata

    assert background.wordfreq_version() == importlib.metadata.version("wordfreq")
    assert background.source() == (
        f"wordfreq {importlib.metadata.version('wordfreq')} {background.WORDLIST} lists")


def test_wordfreq_the_default_on_one_article_imports_neither_wordfreq_nor_metadata():
    """The seed, as `summarizer summarize seeds/` runs it, in a fresh interpreter: the
    English list read straight from wordfreq's file, and no digit-bearing concept word
    that needs wordfreq's own rules; nor importlib.metadata (10 ms: it imports email)."""
    pytest.importorskip("wordfreq")
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    code = ("import json, sys\n"
            "from summarizer.cli import main\n"
            f"rc = main(['summarize', {str(seeds)!r}, '--format', 'json'])\n"
            "print('MODULES', json.dumps(sorted(m for m in ('wordfreq', 'langcodes', "
            "'importlib.metadata') if m in sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(seeds.parent)), check=True).stdout
    summary, modules = out.split("MODULES")
    settings_ = json.loads(summary)["settings"]
    assert settings_["background_list"] == "en" and settings_["background"] == "idf-stopwords"
    assert re.fullmatch(r"wordfreq \d+\.\d+\S* small lists", settings_["background_source"])
    assert json.loads(modules) == []


def test_wordfreq_digit_words_still_use_wordfreqs_rules():
    wordfreq = pytest.importorskip("wordfreq")
    bg = background.load_background("en")
    assert "2005" not in bg.freqs
    assert bg.frequency("2005") == wordfreq.word_frequency("2005", "en", background.WORDLIST)
