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
