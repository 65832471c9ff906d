"""The supervised DPP quality (issue 12, ``dpp``'s ``quality="learned"``): the likelihood's
gradient and Hessian against finite differences and a determinant-sum brute force, the fit
raising the training likelihood, the packaged model loading and applying, bad model files
refused with typed errors."""

from __future__ import annotations

import hashlib
import itertools
import json

import numpy as np
import pytest
from helpers import error_line, run_cli
from sum_helpers import make_cluster

from summarizer.errors import InputError, OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.dpp import concept_scores
from summarizer.summarizers.dpp_learned import (
    FEATURES,
    FORMAT,
    MAX_LOG_QUALITY,
    PACKAGED,
    QualityModel,
    example,
    fit,
    load_model,
    log_likelihood,
    objective,
    reach,
    sentence_features,
    similarity,
)


def random_example(seed: int, n: int = 7, d: int = 3, dim: int = 5):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    f = np.column_stack([np.ones(n), rng.uniform(0, 1, size=(n, d - 1))])
    return example(f, similarity(v), [[0, 2], [1, 2, 4]]), rng


@pytest.mark.parametrize("seed", range(4))
def test_the_likelihood_is_the_normalised_determinant_and_its_derivatives_are_right(seed):
    ex, rng = random_example(seed)
    theta = rng.normal(size=3)
    value, grad, hess = log_likelihood(theta, ex, hessian=True)
    # brute force: P(Y) = det L_Y / sum over all subsets of det L_A (= det(L + I))
    q = np.exp(ex.features @ theta / 2)
    kernel = q[:, None] * ex.similarity * q[None, :]
    n = len(q)
    total = 1.0 + sum(np.linalg.det(kernel[np.ix_(a, a)]) for k in range(1, n + 1)
                      for a in itertools.combinations(range(n), k))
    log_s = sum(np.linalg.slogdet(ex.similarity[np.ix_(y, y)])[1] for y in ([0, 2], [1, 2, 4]))
    want = sum(np.log(np.linalg.det(kernel[np.ix_(y, y)]) / total)
               for y in ([0, 2], [1, 2, 4]))
    assert value + log_s == pytest.approx(want, rel=1e-9, abs=1e-9)
    eps = 1e-6
    for j in range(3):
        step = np.eye(3)[j] * eps
        up, g_up, _ = log_likelihood(theta + step, ex)
        down, g_down, _ = log_likelihood(theta - step, ex)
        assert grad[j] == pytest.approx((up - down) / (2 * eps), rel=1e-5, abs=1e-6)
        assert hess is not None
        assert hess[:, j] == pytest.approx((g_up - g_down) / (2 * eps), rel=1e-5, abs=1e-6)


def test_the_fit_raises_the_training_likelihood_to_its_maximum():
    data = [random_example(s)[0] for s in range(5)]
    penalised = np.array([0.0, 1.0, 1.0])
    theta, steps = fit(data, 0.1, penalised)
    assert steps >= 1
    start, _, _ = objective(np.zeros(3), data, 0.1, penalised)
    got, grad, _ = objective(theta, data, 0.1, penalised)
    assert got > start + 1e-3
    assert np.abs(grad).max() < 1e-5  # a stationary point of a concave objective: its top
    rng = np.random.default_rng(9)
    for _ in range(20):
        assert objective(theta + rng.normal(scale=0.3, size=3), data, 0.1, penalised)[0] < got
    # a stronger penalty pulls the penalised coefficients towards 0
    strong, _ = fit(data, 100.0, penalised)
    assert np.abs(strong[1:]).sum() < np.abs(theta[1:]).sum()


def test_features_by_hand():
    cluster = make_cluster()
    pool = prepare(cluster)
    vectors = pool.vectors("tfidf", None)
    concepts = concept_scores(pool)
    f = sentence_features(pool, vectors, concepts)
    assert f.shape == (len(pool), len(FEATURES))
    col = {name: f[:, k] for k, name in enumerate(FEATURES)}
    docs = [s.doc_index for s in pool.sentences]
    for i, d in enumerate(docs):
        rank = docs[:i].count(d)
        size = docs.count(d)
        assert col["first"][i] == (rank == 0)
        assert col["lead"][i] == pytest.approx(1 / (1 + rank))
        assert col["position"][i] == pytest.approx(rank / max(size - 1, 1))
        assert col["log_words"][i] == pytest.approx(np.log(len(pool.tokens[i])))
    assert (col["constant"] == 1).all()
    assert col["concepts"].max() == pytest.approx(1.0)
    assert col["concepts"] == pytest.approx(concepts / concepts.max())
    central = vectors @ vectors.mean(axis=0)
    assert col["centrality"] == pytest.approx(central / central.max(), rel=1e-5)


def model_file(tmp_path, **changes) -> str:
    data = {"format": FORMAT, "version": 1, "features": ["constant", "first"],
            "theta": [0.0, 0.0], **changes}
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_packaged_model_loads_and_applies():
    m = load_model()
    assert m.source == "packaged" and m.features == FEATURES
    recorded = json.loads(PACKAGED.read_text(encoding="utf-8"))
    assert recorded["trained"]["script"] == "eval/tac2011_cv_dpp_learned.py"
    assert "70 clusters" in recorded["trained"]["data"]
    cluster, budget = make_cluster(), Budget(words=60)
    summ = get_summarizer("dpp", quality="learned")
    s = summ.summarize(cluster, budget)
    assert s.sentences and s.settings["quality"] == "learned"
    assert s.settings["quality_model"] == "packaged"
    assert s.settings["quality_model_sha256"] == hashlib.sha256(PACKAGED.read_bytes()).hexdigest()
    # the recorded log det is the model's log q^2 of the sentences taken plus log det S_Y
    pool = prepare(cluster)
    vectors = pool.vectors("tfidf", None)
    z = sentence_features(pool, vectors, concept_scores(pool)) @ m.theta
    texts = list(pool.texts)
    taken = [texts.index(x.text) for x in s.sentences]
    sim = similarity(vectors)
    want = z[taken].sum() + np.linalg.slogdet(sim[np.ix_(taken, taken)])[1]
    assert s.settings["log_det"] == pytest.approx(want, rel=1e-4, abs=1e-4)


def test_the_model_reaches_the_choice(tmp_path):
    """A model that rewards a document's first candidate takes first candidates (their
    reported score is their log q^2, 20) before any other; one that penalises them (-20)
    takes none while others fit."""
    cluster, budget = make_cluster(), Budget(words=40)
    first = get_summarizer("dpp", quality="learned",
                           quality_model=model_file(tmp_path, theta=[0.0, 20.0]))
    got = [x.score for x in first.summarize(cluster, budget).sentences]
    assert got.count(20.0) >= 2 and set(got) <= {0.0, 20.0}
    later = get_summarizer("dpp", quality="learned",
                           quality_model=model_file(tmp_path, theta=[0.0, -20.0]))
    other = [x.score for x in later.summarize(cluster, budget).sentences]
    assert other and set(other) == {0.0}


@pytest.mark.parametrize("changes", [
    {"format": "summarizer-concept-model"}, {"version": 2}, {"features": ["language"]},
    {"features": []}, {"features": ["first", "first"], "theta": [0.0, 0.0]},
    {"theta": [1.0]}, {"theta": ["x", 1.0]}, {"theta": [float("nan"), 0.0]},
    {"theta": [True, 0.0]},
])
def test_bad_files_are_typed_errors(tmp_path, changes):
    with pytest.raises(InputError, match="model.json"):
        load_model(model_file(tmp_path, **changes))


def test_unreadable_not_json_and_overflowing_models_are_typed_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read the DPP quality model"):
        load_model(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_bytes(b"\xff{")
    with pytest.raises(InputError, match="not a JSON DPP quality model"):
        load_model(tmp_path / "bad.json")
    with pytest.raises(InputError):  # at construction, not at the first summary
        get_summarizer("dpp", quality="learned", quality_model=str(tmp_path / "missing.json"))
    with pytest.raises(OptionError, match="quality_model is for quality 'learned'"):
        get_summarizer("dpp", quality_model=model_file(tmp_path))
    with pytest.raises(OptionError, match="quality_model is empty"):
        get_summarizer("dpp", quality="learned", quality_model=" ")
    with pytest.raises(InputError, match="reaches inf"):  # at construction too
        get_summarizer("dpp", quality="learned",
                       quality_model=model_file(tmp_path, theta=[1e308, 1e308]))
    # a model built in code is not parsed: the summary still refuses its overflow
    huge = get_summarizer("dpp", quality="learned")
    assert huge.quality_model is not None
    huge.quality_model = QualityModel(FEATURES, np.full(len(FEATURES), 1e300), "", "fit")
    with pytest.raises(InputError, match="fit: the DPP quality model's qualities overflow"):
        huge.summarize(make_cluster(), Budget(words=40))


@pytest.mark.parametrize(("features", "theta", "top"), [
    (["constant"], [1e300], "1e\\+300"), (["first"], [-1e300], "1e\\+300"),
    (["constant", "first"], [1e308, 1e308], "inf"),  # a sum of thetas past float64
    (["constant"], [700.5], "700.5"), (["constant"], [-701.0], "701"),
    (["first", "lead", "concepts"], [300.0, 300.0, 300.0], "900"),
    (["log_words"], [17.0], "742.4"),  # a sentence's words can pass e^17
])
def test_a_model_whose_quality_could_overflow_is_refused_at_load(tmp_path, features, theta, top):
    path = model_file(tmp_path, features=features, theta=theta)
    with pytest.raises(InputError, match=f"model.json: .* reaches {top} .* at most 700"):
        load_model(path)


@pytest.mark.parametrize(("features", "theta"), [
    (["constant"], [700.0]), (["constant"], [-700.0]),
    (["first", "lead"], [350.0, 350.0]),
    (["constant", "first", "lead"], [-400.0, 350.0, 350.0]),  # -400 to 300
    (["log_words"], [16.0]), (["constant", "log_words"], [-300.0, 22.0]),
])
def test_a_model_within_the_bound_loads(tmp_path, features, theta):
    assert load_model(model_file(tmp_path, features=features, theta=theta)).features == tuple(
        features)


def test_the_packaged_thetas_are_well_within_the_bound():
    m = load_model()
    assert reach(m.features, m.theta) < 0.05 * MAX_LOG_QUALITY


def test_a_bad_model_file_is_one_line_from_the_cli(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Heavy rain flooded the valley on Monday. Officials said two people "
                    "were missing.", encoding="utf-8")
    bad = model_file(tmp_path, theta=[1.0])
    code, _, err = run_cli(["summarize", str(text), "--method", "dpp", "--option",
                            "quality=learned", "--option", f"quality_model={bad}"])
    assert code == 2 and err.count("\n") == 1 and "'theta' must be a list" in error_line(err)
    huge = model_file(tmp_path, theta=[0.0, 1e300])
    code, out, err = run_cli(["summarize", str(text), "--method", "dpp", "--option",
                              "quality=learned", "--option", f"quality_model={huge}"])
    assert code == 2 and not out and err.count("\n") == 1
    assert "reaches 1e+300" in error_line(err)
