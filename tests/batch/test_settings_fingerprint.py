"""A batch job's settings fingerprint is that of the settings it resumes with: an option
given as None (``min_words=None``, the default) gave another fingerprint than one left out,
though the summaries are the same and the job resumed with either (settings_diff reads a
key holding None as one absent), so rows of one job carried two fingerprints."""

from __future__ import annotations

import json

from batch_helpers import make_records
from helpers import write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.job import settings_fingerprint
from summarizer.evaluation.store import compared_settings, settings_diff


def _run(inp, out, **kw):
    return summarize_dataset(inp, out, "lead", words=30, progress=False, rows_per_shard=3,
                             **kw)


def test_min_words_none_and_left_out_give_one_fingerprint(tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", make_records(6))
    omitted = _run(data, tmp_path / "omitted")
    given_none = _run(data, tmp_path / "none", min_words=None)
    assert omitted.settings_fingerprint == given_none.settings_fingerprint
    assert read_output(tmp_path / "omitted")[0]["summary"] == read_output(
        tmp_path / "none")[0]["summary"]
    # and a value that means something else still gives another one
    assert _run(data, tmp_path / "five", min_words=5).settings_fingerprint != \
        omitted.settings_fingerprint


def test_a_none_that_means_something_else_keeps_its_own_fingerprint(tmp_path):
    # max_sentences=None is no bound (its default is 2,000): the summariser's settings say
    # so, and they are fingerprinted too
    data = write_jsonl(tmp_path / "data.jsonl", make_records(3))
    runs = [summarize_dataset(data, tmp_path / name, "mmr", words=30, progress=False,
                              representation="tfidf", **options)
            for name, options in (("default", {}), ("unbounded", {"max_sentences": None}))]
    assert runs[0].settings_fingerprint != runs[1].settings_fingerprint


def test_a_job_resumed_with_the_option_given_as_none_keeps_one_fingerprint(tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", make_records(6))
    out = tmp_path / "out"
    first = _run(data, out)
    shards = sorted(out.glob("part-*.parquet"))
    assert len(shards) == 2
    shards[-1].unlink()  # its rows are summarised again by the resumed job
    again = _run(data, out, min_words=None)
    assert again.done == 3
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert again.settings_fingerprint == first.settings_fingerprint == \
        manifest["settings_fingerprint"]
    assert {r["settings_fingerprint"] for r in read_output(out)} == {
        manifest["settings_fingerprint"]}


_LEAVES = st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3),  # (1 == True)
                    st.lists(st.one_of(st.none(), st.integers(0, 2)), max_size=2))
_TREES = st.recursive(_LEAVES, lambda inner: st.dictionaries(
    st.sampled_from("abcd"), inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcd"), _TREES, max_size=4),
       st.dictionaries(st.sampled_from("abcd"), _TREES, max_size=4))
def test_settings_a_job_resumes_with_give_its_fingerprint(old, new):
    """One fingerprint exactly where settings_diff sees no difference (the rule a job
    resumes by)."""
    same = not settings_diff(old, new)
    assert same == (compared_settings(old) == compared_settings(new))
    if same:
        assert settings_fingerprint(old) == settings_fingerprint(new)
    else:
        assert settings_fingerprint(old) != settings_fingerprint(new)
