"""Scores computed one at a time aggregate to exactly what score_corpus reports."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.errors import InputError
from summarizer.metrics import make_settings, report_from_scores, score_corpus, score_pair

SYSTEMS = ["the cat sat on the mat", "a dog ran in the park today", "rain fell all day",
           "the council voted for the bridge"]
REFS = [["a cat sat on a mat"], ["the dog ran to the park"], ["it rained the whole day"],
        ["councillors approved the new bridge", "the bridge vote passed"]]


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
def test_same_report_as_score_corpus(mode):
    settings = make_settings(mode, resamples=200)
    ids = ["d4", "d1", "d3", "d2"]
    full = score_corpus(zip(SYSTEMS, REFS, strict=True), ids=ids, settings=settings)
    one_by_one = [score_pair(s, r, mode=mode) for s, r in zip(SYSTEMS, REFS, strict=True)]
    rows = np.array([[[x[m].recall, x[m].precision, x[m].fmeasure] for m in settings.metrics]
                     for x in one_by_one])
    again = report_from_scores(rows, settings, ids=ids)
    assert again.ids == full.ids and again.signature == full.signature
    np.testing.assert_array_equal(again.scores, full.scores)
    assert again.aggregate == full.aggregate


def test_shape_and_ids_checked():
    settings = make_settings()
    with pytest.raises(InputError, match="shape"):
        report_from_scores(np.zeros((2, 3, 3)), settings)
    with pytest.raises(InputError, match="unique"):
        report_from_scores(np.zeros((2, 4, 3)), settings, ids=["a", "a"])


@pytest.mark.parametrize(("bad", "said"), [
    (3.5, r"scores hold 1 value outside \[0, 1\], which no ROUGE score is: 3.5 at \[1, 2, 0\]"),
    (-0.25, r"1 value outside \[0, 1\], which no ROUGE score is: -0.25 at \[1, 2, 0\]"),
    (1.0000001, r"1.0000001 at \[1, 2, 0\]"),
])
def test_scores_outside_0_to_1_are_refused_naming_the_first(bad, said):
    # a report of a mean recall of 3.5 was made and printed; RougeReport.from_dict and
    # compare refuse such a score where they read one
    scores = np.full((3, 4, 3), 0.5)
    scores[1, 2, 0] = bad
    with pytest.raises(InputError, match=said):
        report_from_scores(scores, make_settings(resamples=10))
    scores[2, 0, 1] = 7.0
    with pytest.raises(InputError, match=r"^scores hold 2 values outside .* at \[1, 2, 0\]$"):
        report_from_scores(scores, make_settings(resamples=10))


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
def test_a_perfect_and_an_empty_summary_are_the_ends_of_the_range(mode):
    # the bounds themselves are scores: a summary equal to its reference, one of no word
    settings = make_settings(mode, resamples=10)
    rows = [score_pair(s, ["the cat sat on the mat"], mode=mode)
            for s in ("the cat sat on the mat", "")]
    scores = np.array([[[x[m].recall, x[m].precision, x[m].fmeasure] for m in settings.metrics]
                       for x in rows])
    assert scores.max() == 1.0 and scores.min() == 0.0
    report = report_from_scores(scores, settings)
    assert report.aggregate[settings.metrics[0]].recall.mean == pytest.approx(0.5)


def test_reports_compare_with_equals():
    # the generated == compared the score arrays: "truth value of an array ... ambiguous"
    import json
    import pickle

    from summarizer.metrics import RougeReport, rouge

    refs = [["The city council approved a new flood barrier."]]
    r = rouge(["The council approved the flood barrier."], refs, options="-n 2 -m")
    other = rouge(["The council approved the barrier."], refs, options="-n 2 -m")
    assert r == RougeReport.from_dict(json.loads(r.to_json())) == pickle.loads(pickle.dumps(r))
    assert r != other and r != "a report"


def test_eval_order_is_the_order_the_bootstrap_resamples_in():
    # the summaries are resampled in eval_order (ROUGE-1.5.5's), not in the order given:
    # only the published TAC figures told the two apart before
    from summarizer.metrics import make_settings

    settings = make_settings(mode="rouge155", metrics=["ROUGE-1"])
    scores = np.random.default_rng(0).random((6, len(settings.metrics), 3))
    labels = ["f", "e", "d", "c", "b", "a"]
    order = ["c", "a", "f", "b", "e", "d"]
    given = report_from_scores(scores, settings, ids=labels, eval_order=order)
    in_order = report_from_scores(scores[[labels.index(x) for x in order]], settings)
    assert given.aggregate == in_order.aggregate
    assert given.aggregate != report_from_scores(scores, settings).aggregate
