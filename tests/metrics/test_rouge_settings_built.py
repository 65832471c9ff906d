"""RougeSettings built directly (or changed with dataclasses.replace) reads its metrics as
make_settings reads them: a tuple of the mode's names, each once, and a ROUGE-W name that
names another weight than w_weight refused. Its metrics were taken as given: a ROUGE-W
score computed with weight 1.5 was named ROUGE-W-1.2, a list made the frozen settings
unhashable, "R2" failed at scoring time, and a string was read letter by letter."""

from __future__ import annotations

import dataclasses

import pytest

from summarizer.errors import RougeOptionError
from summarizer.metrics import RougeScorer, RougeSettings, make_settings

SYSTEM, REFS = "The cat sat on the mat.", ["The cat sat."]


def test_a_rouge_w_name_that_disagrees_with_the_weight_is_refused():
    made = make_settings(metrics="R1,RW")
    with pytest.raises(RougeOptionError, match="disagree"):
        dataclasses.replace(made, w_weight=1.5)
    with pytest.raises(RougeOptionError, match="disagree"):
        RougeSettings(metrics=("ROUGE-W-1.5",))
    # the weight named with its own metric is one setting, and scores as make_settings'
    direct = RougeSettings(metrics=("ROUGE-W-1.5",), w_weight=1.5)
    assert direct == make_settings(metrics="ROUGE-W-1.5")
    assert RougeScorer(direct).score(SYSTEM, REFS) == RougeScorer(
        make_settings(metrics="ROUGE-W-1.5")).score(SYSTEM, REFS)


@pytest.mark.parametrize("metrics", [["ROUGE-1", "ROUGE-2"], ("R1", "R2"), "R1,R2",
                                     ("ROUGE-1", "ROUGE-2", "ROUGE-1")])
def test_metrics_given_any_way_are_the_mode_names_once(metrics):
    built = RougeSettings(metrics=metrics)
    assert built.metrics == ("ROUGE-1", "ROUGE-2")
    assert built == make_settings(metrics="ROUGE-1,ROUGE-2")
    assert hash(built) == hash(make_settings(metrics="ROUGE-1,ROUGE-2"))
    assert set(RougeScorer(built).score(SYSTEM, REFS)) == {"ROUGE-1", "ROUGE-2"}
    assert RougeSettings.from_dict(built.to_dict()) == built


def test_the_default_metrics_are_the_modes():
    assert RougeSettings(mode="rouge-score").metrics == make_settings("rouge-score").metrics


@pytest.mark.parametrize("metrics", [(), "", (1,), None])
def test_no_metric_or_a_name_that_is_no_string_is_refused(metrics):
    with pytest.raises(RougeOptionError):
        RougeSettings(metrics=metrics)


def test_a_metric_the_mode_lacks_is_said_so_before_its_weight():
    with pytest.raises(RougeOptionError, match="rouge-score mode has no metric 'ROUGE-W-1.5'"):
        RougeSettings(mode="rouge-score", metrics=("ROUGE-W-1.5",))
