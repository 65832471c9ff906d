"""A batch job's settings fingerprint is that of the settings it resumes with: an option
given as None (``min_words=None``, the default) gave another fingerprint than one left out,
though the summaries are the same and the job resumed with either (settings_diff reads a
key holding None as one absent), so rows of one job carried two fingerprints."""

from __future__ import annotations

import json

import pytest
from batch_helpers import make_records
from helpers import write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.job import settings_fingerprint
from summarizer.evaluation.store import compared_settings, settings_diff
from summarizer.values import setting_text


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


_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3),  # 1 == True == 1.0
                    st.sampled_from([0.0, 1.0, -1.0, 0.5]), st.text(max_size=3),
                    st.lists(st.one_of(st.none(), st.booleans(), st.integers(0, 2),
                                       st.sampled_from([0.0, 1.0])), max_size=2))
_TREES = st.recursive(_LEAVES, lambda inner: st.dictionaries(
    st.sampled_from("abcd"), inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcd"), _TREES, max_size=4),
       st.dictionaries(st.sampled_from("abcd"), _TREES, max_size=4))
def test_settings_a_job_resumes_with_give_its_fingerprint(old, new):
    """One fingerprint exactly where settings_diff sees no difference (the rule a job
    resumes by)."""
    same = not settings_diff(old, new)
    # as their JSON: Python's == finds True, 1 and 1.0 one value, the fingerprint three
    assert same == (setting_text(compared_settings(old)) == setting_text(compared_settings(new)))
    if same:
        assert settings_fingerprint(old) == settings_fingerprint(new)
    else:
        assert settings_fingerprint(old) != settings_fingerprint(new)


# An option given as its method's default (coverage's order="readable", mmr's lam=0.7)
# counted as another setting than one left out: another fingerprint, and a job begun with
# it was refused when resumed without it (and the other way round), evaluate's run too.

def _default_options() -> list[tuple[str, str, object]]:
    from summarizer.summarizers import METHODS, default_options

    return [(m, k, v) for m in METHODS for k, v in sorted(default_options(m).items())
            if v is not None]


@pytest.mark.parametrize("method, key, value", _default_options())
def test_each_option_given_as_its_declared_default_is_the_one_left_out(method, key, value):
    """The value declared for an option is the one the summariser takes without it (its
    settings are the same: coverage set order="readable" in its body, under a declared
    "coherent"), and the settings compare and fingerprint as if it were left out."""
    from summarizer.summarizers import get_summarizer

    assert get_summarizer(method, **{key: value}).settings() == get_summarizer(method).settings()
    given, left_out = (_job_settings(method, {key: value}), _job_settings(method, {}))
    assert compared_settings(given) == compared_settings(left_out)
    assert not settings_diff(given, left_out)
    assert settings_fingerprint(given) == settings_fingerprint(left_out)


def _job_settings(method: str, options: dict) -> dict:
    from summarizer.summarizers import get_summarizer

    return {"method": method, "options": options,
            "system_settings": json.loads(json.dumps(
                get_summarizer(method, **options).settings(), default=str)),
            "seed": 1, "code_fingerprint": "0123456789abcdef"}


def test_the_fingerprint_of_a_job_without_options_or_defaults_is_as_it_was():
    # the values main gave before options at their defaults were read as left out: a job
    # of no options (or none at its defaults) keeps its fingerprint
    settings = {"method": "coverage", "options": {}, "system_settings": {
        "order": "readable", "min_words": 5, "max_rank": None},
        "budget": {"words": 30, "truncate": False}, "fields": {"text_field": None, "clean": True},
        "seed": 1, "package_version": "0.1.0", "code_fingerprint": "0123456789abcdef"}
    assert settings_fingerprint(settings) == "658016c88d4208db"
    assert settings_fingerprint({**settings, "options": {"order": "coherent"}}) == \
        "08879172e3722135"
    # (order="readable", coverage's own, gave f106f06a3d808cd5)
    assert settings_fingerprint({**settings, "options": {"order": "readable"}}) == \
        "658016c88d4208db"


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_a_job_given_its_defaults_resumes_without_them_and_back(tmp_path, command):
    from helpers import run_cli

    data = write_jsonl(tmp_path / "data.jsonl", make_records(4))
    out = tmp_path / "out"
    base = [command, str(data), "--out", str(out), "--method", "mmr", "--words", "30",
            "--no-progress"]
    defaults = ["--option", "lam=0.7", "--option", "max_sentences=2000"]
    code, _, err = run_cli(base + defaults, lines=None)
    assert code == 0, err
    for extra in ([], defaults[:2], defaults):  # each resumes: nothing is left to do
        code, _, err = run_cli(base + extra, lines=None)
        assert code == 0 and "other settings" not in err and "different settings" not in err, err
    if command == "batch":
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["settings"]["options"] == {"lam": 0.7, "max_sentences": 2000}  # as given
        left_out = summarize_dataset(data, tmp_path / "plain", "mmr", words=30, progress=False)
        assert manifest["settings_fingerprint"] == left_out.settings_fingerprint
        assert {r["settings_fingerprint"] for r in read_output(out)} == {
            left_out.settings_fingerprint}
    # another value is another job, as before
    code, _, err = run_cli(base + ["--option", "lam=0.5"], lines=None)
    assert code != 0 and ("other settings" in err or "different settings" in err), err


# An option given as an int where the method declares a float (coverage's
# concept_weight=1, its default 1.0) counted as another setting than one left out, and 2
# as another than 2.0: another fingerprint (settings_diff, by Python's ==, saw none), and a
# job begun with it was refused when resumed without it. A float option's int is now that
# float; a bool stays apart from a number (it fits no number option, nor 1 a bool option).

def _float_defaults() -> list[tuple[str, str, float]]:
    from summarizer.summarizers import METHODS, default_options

    return [(m, k, v) for m in METHODS for k, v in sorted(default_options(m).items())
            if type(v) is float and v.is_integer()]


@pytest.mark.parametrize("method, key, value", _float_defaults())
def test_a_float_option_given_as_an_equal_int_is_that_float(method, key, value):
    from summarizer.summarizers import get_summarizer

    as_int = int(value)
    assert get_summarizer(method, **{key: as_int}).settings() == get_summarizer(method).settings()
    given, left_out = _job_settings(method, {key: as_int}), _job_settings(method, {})
    assert not settings_diff(given, left_out)
    assert settings_fingerprint(given) == settings_fingerprint(left_out)


def test_a_float_option_s_int_and_float_are_one_setting_and_bools_are_not_numbers():
    from summarizer.errors import OptionError
    from summarizer.summarizers import check_options, get_summarizer

    two, two_f = _job_settings("coverage", {"concept_weight": 2}), _job_settings(
        "coverage", {"concept_weight": 2.0})
    assert two["system_settings"]["concept_weight"] == 2.0
    assert not settings_diff(two, two_f)
    assert settings_fingerprint(two) == settings_fingerprint(two_f)
    assert settings_diff(two, _job_settings("coverage", {})) == [
        "options.concept_weight: 2.0 -> None", "system_settings.concept_weight: 2.0 -> 1.0"]
    # an int option's count and a float's share stay apart (lsa_rank: 1 topic, not 1.0)
    assert _job_settings("occams", {"lsa_rank": 2})["system_settings"]["lsa_rank"] == 2
    # bools: refused for a number, a number refused for a bool (abstractive's do_sample)
    for method, key, value in (("coverage", "concept_weight", True), ("mmr", "lam", False),
                               ("abstractive", "do_sample", 1)):
        with pytest.raises(OptionError):
            check_options(method, {key: value})
    with pytest.raises(OptionError):  # (its own check, at the summariser's making)
        get_summarizer("lead", compress=1)
    # settings that hold True where others hold 1 (none of the package's options) are two
    # settings, as fingerprinted: settings_diff said they were one
    one, true = {"method": "lead", "x": 1}, {"method": "lead", "x": True}
    assert settings_diff(one, true) == ["x: 1 -> True"]
    assert settings_fingerprint(one) != settings_fingerprint(true)


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_a_job_given_a_float_option_as_an_int_resumes_with_the_float_and_without(tmp_path,
                                                                                 command):
    from helpers import run_cli

    data = write_jsonl(tmp_path / "data.jsonl", make_records(3))
    base = [command, str(data), "--method", "centroid", "--words", "30", "--no-progress"]
    for name, first, again in (("default", "position_weight=0", [None, "position_weight=0.0"]),
                               ("other", "position_weight=1", ["position_weight=1.0"])):
        out = ["--out", str(tmp_path / name)]
        code, _, err = run_cli(base + out + ["--option", first], lines=None)
        assert code == 0, err
        for option in again:  # each resumes: nothing is left to do
            extra = [] if option is None else ["--option", option]
            code, _, err = run_cli(base + out + extra, lines=None)
            assert code == 0 and "other settings" not in err and "different settings" not in err, (
                option, err)
    if command == "batch":
        left_out = summarize_dataset(data, tmp_path / "plain", "centroid", words=30,
                                     progress=False)
        assert {r["settings_fingerprint"] for r in read_output(tmp_path / "default")} == {
            left_out.settings_fingerprint}


def test_a_job_resumed_after_an_upgrade_of_a_package_is_refused_saying_so(tmp_path,
                                                                         monkeypatch):
    from summarizer.batch import environment
    from summarizer.errors import RunMismatchError

    data = write_jsonl(tmp_path / "data.jsonl", make_records(4))
    _run(data, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["settings"]["environment"] == environment.recorded_environment()
    facts = environment.recorded_environment()
    monkeypatch.setattr(environment, "recorded_environment",
                        lambda: {**facts, "transformers": "99.0"})
    with pytest.raises(RunMismatchError, match=r"other installed packages \(upgraded or "
                                               r"edited since: transformers: "):
        _run(data, tmp_path / "out")
