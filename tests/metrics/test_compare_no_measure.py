"""compare_reports given no measure (measures=[] or ()) returned no test at all, and None
(the default elsewhere) none either, unsaid; now [] is an OptionError and None the
default measure, fmeasure."""

from __future__ import annotations

import warnings

import pytest

from summarizer.errors import OptionError
from summarizer.metrics import compare_reports, rouge

SYSTEMS_A = ["the flood drove families out", "rain fell on the town", "soldiers came"]
SYSTEMS_B = ["families left the town", "rain fell all night", "the soldiers helped"]
REFS = ["a flood drove families from their homes", "rain fell on the town all night",
        "soldiers helped the families"]


@pytest.mark.parametrize("measures", [[], ()])
def test_no_measure_is_an_option_error(measures):
    a, b = rouge(SYSTEMS_A, REFS, metrics="R1"), rouge(SYSTEMS_B, REFS, metrics="R1")
    with pytest.raises(OptionError, match=r"^measures names no measure \(\[\]\); give some of "
                                          r"recall, precision, fmeasure, or leave it out"):
        compare_reports(a, b, measures=measures)


def test_none_is_the_default_measure():
    a, b = rouge(SYSTEMS_A, REFS, metrics="R1"), rouge(SYSTEMS_B, REFS, metrics="R1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 3 inputs: fewer than a test at 0.05 needs
        given = compare_reports(a, b, measures=None, resamples=50, trials=50)
        default = compare_reports(a, b, resamples=50, trials=50)
    assert [(r.metric, r.measure) for r in given] == [("ROUGE-1", "fmeasure")]
    assert given == default
