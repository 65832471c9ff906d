"""summarizer.metrics.measures: the one R, P, F order and the one Score -> numbers/object
conversion. Every report format that writes a score goes through it, so these pin what they
write: the numbers in R, P, F order whatever the score type, and the keys of each format."""

from __future__ import annotations

import json
import random

import pytest

from summarizer.metrics import Score, rouge
from summarizer.metrics.aggregate import AggregateScore, Interval
from summarizer.metrics.measures import (
    KEYS,
    MEASURES,
    measure_index,
    rpf,
    rpf_dict,
    scores_to_dict,
)


def test_rpf_reads_by_name_whatever_the_tuple_order():
    scoring = pytest.importorskip("rouge_score.scoring")
    theirs = scoring.Score(precision=0.1, recall=0.2, fmeasure=0.3)  # a tuple of P, R, F
    assert tuple(theirs) == (0.1, 0.2, 0.3)
    assert rpf(theirs) == (0.2, 0.1, 0.3)
    assert rpf(Score(0.2, 0.1, 0.3)) == (0.2, 0.1, 0.3)
    intervals = [Interval(k, k - 0.1, k + 0.1, k) for k in (0.5, 0.25, 0.125)]
    assert rpf(AggregateScore(*intervals)) == tuple(intervals)


def test_keys_and_indexes():
    assert [measure_index(k) for k in KEYS] == [measure_index(m) for m in MEASURES] == [0, 1, 2]
    with pytest.raises(ValueError):
        measure_index("F")
    assert list(rpf_dict([1, 2, 3])) == ["r", "p", "f"]
    with pytest.raises(ValueError):
        rpf_dict([1, 2])


def test_score_objects_of_each_format():
    """The objects results.jsonl/report.json (r, p, f) and rouge --format json (the field
    names, as ``vars(score)`` wrote them) hold, keys in that order."""
    s = Score(0.5, 0.25, 0.125)
    assert json.dumps(scores_to_dict({"ROUGE-1": s})) == \
        '{"ROUGE-1": {"r": 0.5, "p": 0.25, "f": 0.125}}'
    assert json.dumps(scores_to_dict({"ROUGE-1": s}, MEASURES)) == \
        json.dumps({"ROUGE-1": vars(s)})
    agg = AggregateScore(*(Interval(k, k, k, k) for k in (0.5, 0.25, 0.125)))
    assert list(agg.to_dict()) == list(MEASURES) and list(agg.to_dict(KEYS)) == list(KEYS)
    assert agg.to_dict(KEYS)["p"] == Interval(0.25, 0.25, 0.25, 0.25).to_dict()


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
def test_a_rouge_report_writes_each_score_as_its_fields(mode):
    """rouge --format json and the per-summary table: each summary's numbers in R, P, F
    order under the field names, as the Score holds them."""
    rng = random.Random(5)
    words = "a b c d e f g h i j".split()
    pairs = [(" ".join(rng.choices(words, k=9)), " ".join(rng.choices(words, k=8)))
             for _ in range(4)]
    report = rouge([p for p, _ in pairs], [r for _, r in pairs], mode=mode, resamples=20)
    data = report.to_dict()
    for item, row in zip(data["per_summary"], report.per_summary, strict=True):
        assert item["scores"] == {m: vars(s) for m, s in row.items()}
        assert all(list(cell) == list(MEASURES) for cell in item["scores"].values())
    table = report.format_table(per_summary=True).splitlines()
    for i, row in zip(report.ids, report.per_summary, strict=True):
        for m, s in row.items():
            assert any(line.split() == [i, m, f"R:{s.recall:.5f}", f"P:{s.precision:.5f}",
                                        f"F:{s.fmeasure:.5f}"] for line in table)
    perl = report.format_perl("X").splitlines()
    for m, a in report.aggregate.items():
        for key, part in (("R", a.recall), ("P", a.precision), ("F", a.fmeasure)):
            assert any(line.startswith(f"X {m} Average_{key}: {part.average:7.5f} ")
                       for line in perl)
