"""Records read back: Summary.from_dict and RougeReport.from_dict given a real record with
one field (at any depth) replaced by any JSON value, or any JSON value at all.

Each gives the object back or an InputError (a damaged budget or ROUGE option too: the
record is data, not the caller's option); and what it gives back writes
the same record again (to_dict(from_dict(r)) == r), so that a damaged field is never
silently read as something else.
"""

from __future__ import annotations

import json

from fuzz_text import QUICK, data_error, json_values, replaced
from hypothesis import event, given
from hypothesis import strategies as st

from summarizer.documents.model import Cluster
from summarizer.errors import SummarizerError
from summarizer.metrics import rouge
from summarizer.metrics.report import RougeReport
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.base import Summary
from summarizer.summarizers.budget import Budget

ANY_JSON = json_values()

NEWS = ["WASHINGTON (AP) -- The council met on Monday. However, it approved the budget, "
        "officials said. Work starts in spring.", "The barrier will cost $5 million."]
SUMMARY = get_summarizer("lead", compress=True).summarize(
    Cluster.from_texts(NEWS), Budget(words=12, truncate=True)).to_dict()
REPORT = rouge(["The council approved the budget."], [["The council met and approved it."]],
               options="-n 2 -u -2 4", resamples=20).to_dict(per_summary=True)


def _paths(value, path=()):
    """Every (path, value) inside a JSON record, the record itself included."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def _check(cls, record, write, derived=()):
    try:
        obj = cls.from_dict(record)
    except SummarizerError as exc:  # a damaged record is data: InputError, whatever field
        event(data_error(exc))
        return
    event("read")
    str(obj)  # what a user does next works
    again = write(obj)
    for key in derived:  # written from the rest, never read (documented in from_dict)
        again.pop(key), record.pop(key, None)
    assert again == record


@QUICK
@given(data=st.data(), new=ANY_JSON)
def test_summary_record_with_a_field_replaced(data, new):
    path = data.draw(st.sampled_from(list(_paths(SUMMARY))))
    record = replaced(SUMMARY, path, new)
    _check(Summary, record, lambda s: json.loads(json.dumps(s.to_dict())), derived=["text"])


@QUICK
@given(data=st.data(), new=ANY_JSON)
def test_report_record_with_a_field_replaced(data, new):
    path = data.draw(st.sampled_from(list(_paths(REPORT))))
    record = replaced(REPORT, path, new)
    # a setting of null or [] is its default (make_settings' convention): not compared
    derived = ["signature", "mode", "summaries", "headline", *(["settings"] * (path[:1] == (
        "settings",)))]
    _check(RougeReport, record, lambda r: json.loads(json.dumps(r.to_dict(per_summary=True))),
           derived=derived)


def test_the_undamaged_records_read_back():
    """The properties above take a refusal as an answer: a from_dict that refused every
    record would pass them. The records they damage read back and write themselves again."""
    summary = Summary.from_dict(json.loads(json.dumps(SUMMARY)))
    assert json.loads(json.dumps(summary.to_dict())) == SUMMARY
    report = RougeReport.from_dict(json.loads(json.dumps(REPORT)))
    assert json.loads(json.dumps(report.to_dict(per_summary=True))) == REPORT
