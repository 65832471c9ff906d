"""``compare``: every pair of runs is checked, the tests do not depend on the order the runs are
given in, float noise is a tie, one folder given twice keeps two names, and the library's
``compare_reports`` reads metrics in any order (each was a bug found by an audit)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import OptionError, RunMismatchError
from summarizer.evaluation.compare import compare_runs
from summarizer.metrics import compare_reports, make_settings, paired_test, score_corpus

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"


def _write(folder: Path, report: dict) -> Path:
    folder.mkdir(parents=True)
    (folder / "report.json").write_text(json.dumps(report))
    return folder


def _report(name: str = "f") -> dict:
    return json.loads((FIXTURE / name / "report.json").read_text())


def test_two_whole_runs_of_other_contents_are_refused_whatever_comes_first(tmp_path):
    # a first run of a --limit subset was the only one the others were checked against
    subset = _report()
    subset["system"] = "test-a"
    subset["per_cluster"] = subset["per_cluster"][:20]
    subset["dataset"].update(clusters=20, fingerprint="a" * 16)
    subset["dataset"]["options"]["limit"] = 20
    a = _write(tmp_path / "a", subset)
    b, c = (_write(tmp_path / n, {**_report(), "system": f"test-{n}",
                                  "dataset": {**_report()["dataset"], "fingerprint": fp * 16}})
            for n, fp in (("b", "1"), ("c", "2")))
    for order in ([a, b, c], [b, c, a], [a, c, b]):
        with pytest.raises(RunMismatchError, match="different contents"):
            compare_runs(order, trials=100, resamples=100)


def test_the_tests_do_not_depend_on_the_order_the_runs_are_given_in(tmp_path):
    g = _report("g")
    g["per_cluster"] = g["per_cluster"][::-1]  # the same scores, listed the other way round
    rev = _write(tmp_path / "g", g)
    one = compare_runs([FIXTURE / "f", rev], metrics=["ROUGE-2"], trials=300, resamples=300)
    two = compare_runs([rev, FIXTURE / "f"], metrics=["ROUGE-2"], trials=300, resamples=300)
    (p,), (q,) = one.pairs, two.pairs
    assert p.test.difference == pytest.approx(-q.test.difference, abs=1e-15)
    assert (p.test.ci_low, p.test.ci_high) == pytest.approx((-q.test.ci_high, -q.test.ci_low),
                                                           abs=1e-12)
    assert (p.test.p_bootstrap, p.test.p_randomization) == (q.test.p_bootstrap,
                                                            q.test.p_randomization)


def test_float_noise_is_a_tie_for_the_tests_too():
    # 0.3 against 0.1 + 0.2 on 40 inputs: W/L/T 0/0/40, yet p (bootstrap) .002
    a, b = [0.3] * 40, [0.1 + 0.2] * 40
    result = paired_test(a, b, trials=100, resamples=100)
    assert result.difference == 0.0 and (result.ci_low, result.ci_high) == (0.0, 0.0)
    assert result.p_bootstrap == 1.0 and result.p_randomization == 1.0
    real = paired_test(a, [0.3 + 1e-6] * 40, trials=100, resamples=100)
    assert real.p_bootstrap < 0.05  # a difference above the noise still counts


def test_one_folder_given_twice_keeps_two_systems(tmp_path):
    with pytest.warns(UserWarning, match="compared with itself"):
        cmp = compare_runs([FIXTURE / "f", FIXTURE / "f"], trials=100, resamples=100)
    names = [s.name for s in cmp.systems]
    assert len(set(names)) == 2
    assert all(set(by) == set(names) for by in cmp.per_cluster.values())


def test_compare_reports_reads_metrics_in_any_order():
    refs = [["the cat sat on the mat today"], ["a dog ran in the park at noon"],
            ["birds sing in the early morning"]] * 3
    ids = [f"s{i}" for i in range(9)]
    first = ["the cat sat on a mat", "a dog ran far", "birds sing loudly"] * 3
    second = ["the cat sat", "the dog ran in the park", "birds in the morning"] * 3
    a = score_corpus(zip(first, refs, strict=True), ids=ids,
                     settings=make_settings(metrics=["ROUGE-1", "ROUGE-2"]))
    b = score_corpus(zip(second, refs, strict=True), ids=ids,
                     settings=make_settings(metrics=["ROUGE-2", "ROUGE-1"]))
    results = compare_reports(a, b, trials=100, resamples=100)
    assert {r.metric for r in results} == {"ROUGE-1", "ROUGE-2"}
    other = score_corpus(zip(["x"] * 9, refs, strict=True), ids=ids,
                         settings=make_settings(metrics=["ROUGE-1", "ROUGE-2"], stem=True))
    with pytest.raises(Exception, match="different settings"):
        compare_reports(a, other, trials=100, resamples=100)


@pytest.mark.parametrize("confidence", ["95", None, True, [95]])
def test_a_confidence_that_is_no_number_is_an_option_error(confidence):
    with pytest.raises(OptionError, match="confidence is a percentage"):
        paired_test([0.1, 0.2], [0.2, 0.3], confidence=confidence)
