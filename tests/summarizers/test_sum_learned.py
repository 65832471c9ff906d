"""Supervised concept weights (issue 12, ``concept_weighting="learned"``): the features by
hand, the coefficients file's checks, the option's settings, and that off it changes
nothing."""

from __future__ import annotations

import hashlib
import json
import math

import numpy as np
import pytest
from helpers import error_line, run_cli, traced_memory
from sum_helpers import make_cluster

import summarizer.summarizers.coverage as coverage
from summarizer.errors import InputError, OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.learned_weights import (
    FEATURES,
    FORMAT,
    PACKAGED,
    concept_features,
    load_model,
)

# two documents of 6 tokens, 2 sentences each; ("a", "b") at offsets 0 and 4 of the first
# (sentences 0 and 1) and 2 of the second (its sentence 1); ("b", "c") at offset 1 of the
# first; ("x", "a") at offset 3 of the first (its sentence 1)
TOKENS = [["a", "b", "c"], ["x", "a", "b"], ["q", "r"], ["a", "b", "zz", "y"]]
DOCS = [0, 0, 1, 1]
NAMES = [("a", "b"), ("b", "c"), ("x", "a")]
PWDF = np.array([1.5, 1.0, 0.5])


def column(x: np.ndarray, name: str) -> list[float]:
    return x[:, FEATURES.index(name)].tolist()


def test_features_by_hand():
    x = concept_features(NAMES, PWDF, TOKENS, DOCS, frozenset({"c"}))
    assert x.shape == (3, len(FEATURES))
    assert column(x, "log_df") == pytest.approx([math.log(3), math.log(2), math.log(2)])
    assert column(x, "df_share") == pytest.approx([1.0, 0.5, 0.5])
    assert column(x, "log_tf") == pytest.approx([math.log(4), math.log(2), math.log(2)])
    assert column(x, "log_sentence_df") == pytest.approx([math.log(4), math.log(2),
                                                          math.log(2)])
    assert column(x, "log_pwdf") == pytest.approx(np.log1p(PWDF).tolist())
    assert column(x, "log_first_rank") == pytest.approx([0.0, 0.0, math.log(2)])
    assert column(x, "first_position") == pytest.approx([0.0, 1 / 6, 3 / 6])
    assert column(x, "function_word") == [0.0, 1.0, 0.0]
    assert column(x, "log_chars") == pytest.approx([math.log(2)] * 3)


def test_one_document_counts_sentences_and_stems_alike():
    # one document: the units are its two sentences; ("a", "b") repeats within the second
    one = concept_features([("a", "b")], np.ones(1), [["a", "b"], ["a", "b", "a", "b"]],
                           [0, 0], frozenset())
    assert column(one, "df_share") == [1.0] and column(one, "log_df") == pytest.approx([math.log(3)])
    assert column(one, "log_tf") == pytest.approx([math.log(4)])
    assert column(one, "log_sentence_df") == pytest.approx([math.log(3)])
    # prefix stemming: the stopword is stemmed as the tokens are
    got = concept_features([("ab", "th")], np.ones(1), [["abcd", "thex"], ["q", "abxx", "thez"]],
                           [0, 1], frozenset({"thex"}), stem_prefix=2)
    assert column(got, "function_word") == [1.0]
    assert column(got, "first_position") == [0.0] and column(got, "log_df") == pytest.approx([math.log(3)])


def model_file(tmp_path, **changes) -> str:
    data = {"format": FORMAT, "version": 1, "features": ["df_share"], "link": "identity",
            "mean": [0.0], "scale": [1.0], "coef": [0.0], "intercept": 0.0, **changes}
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_packaged_model_loads_and_predicts_probabilities():
    m = load_model()
    assert m.source == "packaged" and m.link == "logistic"
    assert m.sha256 == hashlib.sha256(PACKAGED.read_bytes()).hexdigest()
    trained = json.loads(PACKAGED.read_text("utf-8"))["trained"]
    assert trained["script"] == "eval/tac2011_cv_learned.py" and "sha256" in trained["data"]
    p = m.predict(concept_features(NAMES, PWDF, TOKENS, DOCS, frozenset({"c"})))
    assert p.shape == (3,) and ((p > 0) & (p < 1)).all()


def test_predictions_by_hand(tmp_path):
    x = concept_features(NAMES, PWDF, TOKENS, DOCS, frozenset({"c"}))
    lin = load_model(model_file(tmp_path, coef=[2.0], mean=[0.5], scale=[0.25],
                                intercept=-1.0))
    # -1 + 2 * (share - .5) / .25: 3 for share 1, -1 floored at 0 for share .5
    assert lin.predict(x).tolist() == pytest.approx([3.0, 0.0, 0.0])
    logit = load_model(model_file(tmp_path, link="logistic", features=["function_word"],
                                  coef=[1.0]))
    assert logit.predict(x).tolist() == pytest.approx([0.5, 1 / (1 + math.exp(-1)), 0.5])


@pytest.mark.parametrize("changes", [
    {"format": "other"}, {"version": 2}, {"features": ["language"]}, {"features": []},
    {"link": "probit"}, {"coef": [1.0, 2.0]}, {"scale": [0.0]}, {"mean": ["x"]},
    {"intercept": None}, {"coef": [float("nan")]},
])
def test_bad_files_are_typed_errors(tmp_path, changes):
    with pytest.raises(InputError, match="model.json"):
        load_model(model_file(tmp_path, **changes))


def test_unreadable_or_not_json_is_a_typed_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_model(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_bytes(b"\xff{")
    with pytest.raises(InputError, match="not a JSON"):
        load_model(tmp_path / "bad.json")
    with pytest.raises(InputError):  # at construction, not at the first summary
        get_summarizer("coverage", concept_weighting="learned",
                       concept_model=str(tmp_path / "missing.json"))


def test_a_model_over_the_bound_is_refused_without_reading_it_whole(tmp_path):
    # the bound was checked beside textio.read_bytes, on the data it returned: a gzip
    # file's was decompressed whole first (up to 512 MiB) before being found too big
    import gzip

    from summarizer.summarizers.learned_weights import MAX_MODEL_BYTES

    bomb = tmp_path / "model.json.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        fh.write(b" " * (32 << 20) + b"{}")
    plain = tmp_path / "model.json"
    plain.write_bytes(b" " * (MAX_MODEL_BYTES + 3) + b"{}")
    with traced_memory() as mem:
        with pytest.raises(InputError, match="model.json.gz: decompressed, it is over 1 MiB"):
            load_model(bomb)
    assert mem.peak < 4 << 20
    with pytest.raises(InputError, match="model.json: is 1,048,581 bytes; files over 1 MiB"):
        load_model(plain)


def test_settings_record_the_model_and_bad_combinations_are_refused(tmp_path):
    s = get_summarizer("coverage", concept_weighting="learned").settings()
    assert s["concept_weighting"] == "learned" and s["concept_model"] == "packaged"
    assert s["concept_model_sha256"] == hashlib.sha256(PACKAGED.read_bytes()).hexdigest()
    assert "lsa_rank" not in s
    path = model_file(tmp_path)
    own = get_summarizer("coverage", concept_weighting="learned-df",
                         concept_model=path).settings()
    assert own["concept_model"] == path
    assert own["concept_model_sha256"] == hashlib.sha256(open(path, "rb").read()).hexdigest()
    again = get_summarizer("coverage", concept_weighting=own["concept_weighting"],
                           concept_model=own["concept_model"]).settings()
    assert again == own
    with pytest.raises(OptionError, match="concept_model"):
        get_summarizer("coverage", concept_model=path)
    with pytest.raises(OptionError, match="word_position"):
        get_summarizer("coverage", concept_weighting="learned", word_position="first")
    with pytest.raises(OptionError, match="lsa_rank"):
        get_summarizer("coverage", concept_weighting="learned", lsa_rank=3)


def test_the_learned_weights_reach_the_objective(tmp_path):
    """A model that weighs every concept 0 is concept_weight 0; one that weighs every
    concept 1, times the default's weight, is the default."""
    cluster, budget = make_cluster(), Budget(words=60)
    lead_only = {"semantic_weight": 0.0, "diversity_weight": 0.0}  # concepts and lead
    zero = get_summarizer("coverage", concept_weighting="learned", **lead_only,
                          concept_model=model_file(tmp_path)).summarize(cluster, budget)
    none = get_summarizer("coverage", concept_weight=0.0, **lead_only).summarize(cluster,
                                                                                 budget)
    default = get_summarizer("coverage", **lead_only).summarize(cluster, budget)
    assert [s.text for s in zero.sentences] == [s.text for s in none.sentences]
    assert zero.text != default.text  # the concepts matter on this cluster
    one = get_summarizer("coverage", concept_weighting="learned-df", **lead_only,
                         concept_model=model_file(tmp_path, intercept=1.0))
    assert one.summarize(cluster, budget).text == default.text


def test_off_is_the_default_and_calls_nothing(monkeypatch):
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    monkeypatch.setattr(coverage, "concept_features",
                        lambda *a, **k: pytest.fail("learned features used while off"))
    monkeypatch.setattr(coverage, "load_model",
                        lambda *a, **k: pytest.fail("a model read while off"))
    off = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    assert off.sentences == before.sentences
    assert "concept_model" not in off.settings and off.settings == before.settings


def test_a_bad_model_file_is_one_line_from_the_cli(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Heavy rain flooded the valley on Monday. Officials said two people "
                    "were missing.", encoding="utf-8")
    bad = model_file(tmp_path, link="probit")
    code, _, err = run_cli(["summarize", str(text), "--option", "concept_weighting=learned",
                            "--option", f"concept_model={bad}"])
    assert code == 2 and err.count("\n") == 1 and "'link' must be one of" in error_line(err)
