"""Session 37's second bad-input hunt: '~user' paths naming no user, and an unusable cache
folder. Each test here fails without its fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer

REPO = Path(__file__).resolve().parents[2]
_NO_USER = "~no-such-user-s37b"


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1",
               "HF_DATASETS_OFFLINE": "1", **env}
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, env=environ, timeout=60)


# '~user' of no user: Path.expanduser's RuntimeError was "internal error", exit 70

def test_expand_home_leaves_a_user_that_does_not_exist_as_written():
    from summarizer.textio import expand_home

    assert expand_home(f"{_NO_USER}/data") == Path(f"{_NO_USER}/data")
    assert expand_home("~/data") == Path.home() / "data"


@pytest.mark.parametrize("args", [
    ("evaluate", f"hf:{_NO_USER}/data", "--method", "lead"),
    ("summarize", "{doc}", "--method", "abstractive", "--model", f"{_NO_USER}/model"),
    ("summarize", "{doc}", "--option", f'encoder="{_NO_USER}/encoder"'),
])
def test_a_path_of_a_user_that_does_not_exist_is_named_not_an_internal_error(tmp_path, args):
    doc = tmp_path / "doc.txt"
    doc.write_text("The council met on Monday. It voted to build a new bridge.\n")
    out = ["--out", str(tmp_path / "run")] if args[0] == "evaluate" else []
    proc = _cli(*[a.format(doc=doc) for a in args], *out)
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr
    assert f"{_NO_USER}/" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_a_summarizer_cache_of_a_user_that_does_not_exist_is_an_option_error(monkeypatch):
    from summarizer.errors import OptionError
    from summarizer.runtime import cache_root

    monkeypatch.setenv("SUMMARIZER_CACHE", f"{_NO_USER}/cache")
    with pytest.raises(OptionError, match=r"^SUMMARIZER_CACHE='~no-such-user-s37b/cache': "
                                          r"'~no-such-user-s37b' names no user's home folder"):
        cache_root()
    # no folder named '~no-such-user-s37b' made under the working folder either
    assert not Path(_NO_USER).exists()


def test_no_home_folder_at_all_is_an_option_error(monkeypatch):
    from summarizer.errors import OptionError
    from summarizer.runtime import cache_root

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("SUMMARIZER_CACHE", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    with pytest.raises(OptionError, match="set SUMMARIZER_CACHE to a folder's path"):
        cache_root()


# a cache folder that cannot be looked in: its static vectors built, kept nowhere

def test_static_vectors_under_a_cache_name_too_long_are_built_with_a_warning(tmp_path,
                                                                            monkeypatch):
    # Path.is_file() raised the stat's ENAMETOOLONG: the 20 s build was lost and the command
    # stopped (exit 1) where the word-piece file beside it, and an unwritable cache, warn
    import numpy as np

    from summarizer.summarizers.static_encoder import load_or_build

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / ("c" * 300)))
    source = tmp_path / "model.safetensors"
    source.write_bytes(b"model")
    right = np.arange(12, dtype=np.float16).reshape(4, 3)
    with pytest.warns(UserWarning, match="cannot keep the static vectors in"):
        table = load_or_build(str(source), lambda: right, (4, 3))
    assert np.array_equal(table, right)


# ROUGE metric names: digits past int()'s 4,300, leading zeros, digits of other scripts

_BIG = "9" * 5000


@pytest.mark.parametrize(("name", "what"), [
    (f"ROUGE-{_BIG}", r"its n \(at most 100\) has 5,000 digits$"),
    (f"rouge{_BIG}", r"its n \(at most 100\) has 5,000 digits$"),
    (f"ROUGE-S{_BIG}", "its skip distance has 5,000 digits; ROUGE-S[*] takes any distance"),
    (f"ROUGE-SU{_BIG}", "its skip distance has 5,000 digits; ROUGE-SU[*] takes any"),
    ("ROUGE-S" + "9" * 19, "its skip distance has 19 digits"),
])
def test_a_metric_number_past_18_digits_is_refused_not_an_internal_error(name, what):
    # int() of over 4,300 digits raised a bare ValueError: "internal error", exit 70
    from summarizer.errors import RougeOptionError
    from summarizer.metrics.settings import make_settings

    with pytest.raises(RougeOptionError, match=f"is absurdly large: {what}"):
        make_settings(metrics=[name])


def test_a_metric_number_past_18_digits_is_one_line_from_the_cli(tmp_path):
    (tmp_path / "sys.txt").write_text("The cat sat on the mat.\n")
    (tmp_path / "ref.txt").write_text("A cat sat on a mat.\n")
    proc = _cli("rouge", str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt"),
                "--metrics", f"ROUGE-S{_BIG}")
    assert proc.returncode == 2 and "internal error" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_skip_distance_with_leading_zeros_is_that_distance():
    # ROUGE-S04 scored everything, then "the ROUGE-1.5.5 core gave no ROUGE-S04"
    from summarizer.metrics.settings import make_settings

    assert make_settings(metrics=["ROUGE-S04"]).metrics == ("ROUGE-S4",)
    assert make_settings(metrics=["rouge-su0004"]).metrics == ("ROUGE-SU4",)
    assert make_settings(metrics=["ROUGE-S00"]).metrics == ("ROUGE-S0",)
    assert make_settings(metrics=["ROUGE-S" + "0" * 5000 + "4"]).metrics == ("ROUGE-S4",)


def test_a_skip_distance_in_digits_of_another_script_is_no_metric():
    # '١' (Arabic-Indic one) matched \d and int() read it as 1: the core gave ROUGE-S1 and
    # the command failed after scoring everything ("gave no ROUGE-S١")
    from summarizer.errors import RougeOptionError
    from summarizer.metrics.settings import make_settings

    with pytest.raises(RougeOptionError, match="rouge155 mode has no metric 'ROUGE-S١'"):
        make_settings(metrics=["ROUGE-S١"])


# a Ray address whose IPv6 host has no closing bracket

@pytest.mark.parametrize("address", ["[::1", "http://[::1", "ray://[::1:10001"])
def test_a_ray_address_of_an_unclosed_ipv6_host_is_an_engine_error(address):
    # urlsplit's "Invalid IPv6 URL" came before the check's try: internal error, exit 70
    from summarizer.batch.engine import EngineError, check_address

    with pytest.raises(EngineError, match="is not host:port"):
        check_address(address, timeout=1)


def test_ray_address_of_an_unclosed_ipv6_host_is_one_line_from_evaluate(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text('{"id": "c1", "documents": ["The council met on Monday. It voted to '
                    'build a bridge."], "summary": "The council voted."}\n')
    proc = _cli("evaluate", str(data), "--method", "lead", "--out", str(tmp_path / "run"),
                "--engine", "ray", "--no-progress", RAY_ADDRESS="[::1")
    assert proc.returncode == 2 and "internal error" not in proc.stderr, proc.stderr
    assert "RAY_ADDRESS" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "run").exists()


# evaluate --budget of a number past int()'s 4,300 digits

@pytest.mark.parametrize("budget", [_BIG, f"{_BIG}w", f"-{_BIG}", f"words={_BIG}",
                                    "9" * 19 + "b"])
def test_an_evaluate_budget_of_over_18_digits_is_a_budget_error(budget):
    # int() of 5,000 digits raised a bare ValueError: "internal error", exit 70
    from summarizer.cli.evaluate import _budget_spec
    from summarizer.errors import BudgetError

    with pytest.raises(BudgetError, match=r"budget .* is absurd \(a number of [0-9,]+ digits\)"):
        _budget_spec(budget)
    assert _budget_spec("0" * 30 + "250w") == {"words": 250}


def test_an_evaluate_budget_of_5000_digits_is_one_line_before_any_work(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text('{"id": "c1", "documents": ["The council met on Monday."], '
                    '"summary": "The council met."}\n')
    proc = _cli("evaluate", str(data), "--method", "lead", "--budget", f"{_BIG}w",
                "--out", str(tmp_path / "run"), "--no-progress")
    assert proc.returncode == 2 and "internal error" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not (tmp_path / "run").exists()


# load_pairs (the library's `summarizer rouge` reader) of what is no path

@pytest.mark.parametrize(("system", "references", "message"), [
    (None, "ref.txt", "system must be a path"),
    (5, "ref.txt", "system must be a path"),
    (["sys.txt"], "ref.txt", "system must be a path"),
    ("sys.txt", 5, "references must be a list, not int"),
    ("sys.txt", [None], r"references\[0\] must be a path, not NoneType"),
    ("sys.txt", [b"ref.txt"], r"references\[0\] must be a path, not bytes"),
    ("sys.txt", {"ref.txt"}, "references must be a list, not set"),
])
def test_load_pairs_of_what_is_no_path_is_an_input_error(tmp_path, monkeypatch, system,
                                                         references, message):
    # os.fspath's "TypeError: expected str, bytes or os.PathLike object, not NoneType", or
    # "'int' object is not iterable"
    from summarizer.errors import InputError
    from summarizer.metrics import load_pairs

    monkeypatch.chdir(tmp_path)
    Path("sys.txt").write_text("The cat sat on the mat.\n")
    Path("ref.txt").write_text("A cat sat on a mat.\n")
    with pytest.raises(InputError, match=message):
        load_pairs(system, references)
    assert len(load_pairs(Path("sys.txt"), ("ref.txt",))) == 1  # paths in any list are read


# RougeScorer given what is no RougeSettings, or settings and options together

@pytest.mark.parametrize("settings", ["rouge-score", 5, {"mode": "rouge-score"}, ["-n", "2"]])
def test_rouge_scorer_of_what_is_no_settings_is_a_rouge_option_error(settings):
    # RougeScorer("rouge-score") (the mode as the first argument): "AttributeError: 'str'
    # object has no attribute 'mode'"
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import RougeScorer

    with pytest.raises(RougeOptionError, match=r"^settings must be RougeSettings \(make_setti"):
        RougeScorer(settings)


def test_rouge_scorer_of_settings_and_options_refuses_both():
    # the options beside settings were dropped in silence (score_corpus refused them)
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import RougeScorer, make_settings

    with pytest.raises(RougeOptionError, match=r"give settings or options, not both \(got "
                                               r"\['stem'\]\)"):
        RougeScorer(make_settings(), stem=True)
    assert RougeScorer(make_settings(stem=True)).settings.stem


# paired tests and compare_reports of what is no scores, no report, one measure alone

@pytest.mark.parametrize("scores", ["x", "", {0.5, 0.7}, b"x", [[0.5], [0.5, 0.7]]])
def test_paired_test_of_what_is_no_list_of_numbers_is_an_input_error(scores):
    # NumPy's "could not convert string to float: 'x'" (ValueError) or TypeError
    from summarizer.errors import InputError
    from summarizer.metrics import paired_test

    with pytest.raises(InputError, match="paired tests take two lists of numbers"):
        paired_test(scores, [0.5, 0.7])
    with pytest.raises(InputError, match="paired tests take two lists of numbers"):
        paired_test([0.5, 0.7], scores)


def _two_reports():
    from summarizer.metrics import score_corpus

    a = score_corpus([("the cat sat", ["a cat sat"]), ("dog ran", ["the dog ran"])],
                     resamples=10)
    b = score_corpus([("a cat sat", ["a cat sat"]), ("dog ran", ["the dog ran"])],
                     resamples=10)
    return a, b


@pytest.mark.parametrize("which", ["a", "b"])
@pytest.mark.parametrize("other", ["runs/report.json", None, {"scores": {}}])
def test_compare_reports_of_what_is_no_report_is_an_input_error(which, other):
    # "AttributeError: 'str' object has no attribute 'signature'"
    from summarizer.errors import InputError
    from summarizer.metrics import compare_reports

    a, b = _two_reports()
    args = (other, b) if which == "a" else (a, other)
    with pytest.raises(InputError, match=f"takes two RougeReports .*, and {which} is "):
        compare_reports(*args)


def test_compare_reports_of_one_measure_alone_compares_it():
    # measures="recall" was its letters: "unknown measure 'r'"
    from summarizer.metrics import compare_reports

    a, b = _two_reports()
    with pytest.warns(UserWarning, match="paired tests: only 1 of 2 inputs differs"):
        results = compare_reports(a, b, measures="recall", resamples=100, trials=100)
    assert {r.measure for r in results} == {"recall"} and len(results) == 4


# compare_runs' measure and metrics, load_report's folder, of other types

@pytest.fixture()
def two_runs(tmp_path):
    from summarizer.evaluation import evaluate

    data = tmp_path / "d.jsonl"
    import json

    story = ("The council met on Monday. It voted to build a new bridge over the river. "
             "The mayor said the cost was high.")
    data.write_text("".join(json.dumps({"id": f"c{k}", "documents": [story], "summary":
                                        "The council voted to build a bridge."}) + "\n"
                            for k in range(3)))
    for method in ("lead", "centroid"):
        evaluate(str(data), method, out=tmp_path / method, progress=False)
    return [tmp_path / "lead", tmp_path / "centroid"]


@pytest.mark.parametrize(("keywords", "message"), [
    ({"metrics": [["ROUGE-2"]]}, r"metrics are names such as 'ROUGE-2', not list \['ROUGE-2'\]"),
    ({"metrics": ["ROUGE-2", 2]}, "metrics are names such as 'ROUGE-2', not int 2"),
    ({"measure": ["r"]}, r"measure must be r, p or f, not \['r'\]"),
])
def test_compare_runs_of_metrics_or_a_measure_of_another_type_is_an_option_error(
        two_runs, keywords, message):
    # [["ROUGE-2"]]: "TypeError: unhashable type: 'list'"; a NumPy array as the measure:
    # "ValueError: The truth value of an array ... is ambiguous"
    from summarizer.errors import OptionError
    from summarizer.evaluation import compare_runs

    with pytest.raises(OptionError, match=message):
        compare_runs(two_runs, **keywords)


def test_compare_runs_of_an_array_as_the_measure_is_an_option_error(two_runs):
    import numpy as np

    from summarizer.errors import OptionError
    from summarizer.evaluation import compare_runs

    with pytest.raises(OptionError, match="measure must be r, p or f"):
        compare_runs(two_runs, measure=np.array(["r", "f"]))


@pytest.mark.parametrize("folder", [None, b"run", 5])
def test_load_report_of_what_is_no_path_is_an_input_error(folder):
    # "TypeError: expected str, bytes or os.PathLike object, not NoneType"
    from summarizer.errors import InputError
    from summarizer.evaluation import load_report

    with pytest.raises(InputError, match="load_report takes a run folder's path, not "):
        load_report(folder)


# a NumPy array as the language

@pytest.mark.parametrize("language", [[1, 2], ["en"]])
def test_an_array_as_the_language_is_an_unknown_language_error(tmp_path, language):
    # summarize(..., language=np.array(["en"])) and load_dataset's: NumPy's "The truth value
    # of an array with more than one element is ambiguous" (a ValueError)
    import numpy as np

    from summarizer.errors import UnknownLanguageError
    from summarizer.evaluation import load_dataset

    array = np.array(language)
    with pytest.raises(UnknownLanguageError, match=r"language \(--language\) must be a name "
                                                   "or code .* not ndarray"):
        summarizer.summarize(["The council met on Monday. It voted to build a bridge."],
                             language=array)
    data = tmp_path / "d.jsonl"
    data.write_text('{"id": "c1", "documents": ["The council met."], "summary": "It met."}\n')
    with pytest.raises(UnknownLanguageError, match="not ndarray"):
        load_dataset(str(data), language=array)
    from summarizer.errors import OptionError

    with pytest.raises(OptionError, match="is empty"):  # as --language "" (tests/test_empty_language.py)
        summarizer.summarize(["The council met on Monday. It voted to build a bridge."],
                             language="", words=5)


# a reference folder per summary that holds a folder

@pytest.mark.parametrize("only", [False, True])
def test_a_folder_inside_a_summarys_reference_folder_is_refused_not_left_unread(tmp_path,
                                                                                only):
    # refs/d2/deep/b.txt was never read: d2 scored against fewer references in silence
    # (or, with no file beside it, "expected ... a folder d2/" of a folder that is there)
    from summarizer.errors import InputError
    from summarizer.metrics import load_pairs

    (tmp_path / "sys").mkdir()
    for k in (1, 2):
        (tmp_path / "sys" / f"d{k}.txt").write_text(f"the cat {k} sat on the mat\n")
        (tmp_path / "refs" / f"d{k}").mkdir(parents=True)
        (tmp_path / "refs" / f"d{k}" / "a.txt").write_text(f"a cat {k} sat on a mat\n")
    (tmp_path / "refs" / "d1" / ".git").mkdir()  # hidden: passed over, as hidden files are
    assert [len(p.references) for p in load_pairs(tmp_path / "sys", tmp_path / "refs")] == [1, 1]
    deep = tmp_path / "refs" / "d2" / "deep"
    deep.mkdir()
    (deep / "b.txt").write_text("the cat sat\n")
    if only:
        (tmp_path / "refs" / "d2" / "a.txt").unlink()
    with pytest.raises(InputError, match=r"refs/d2/deep: a folder in the reference folder of "
                                         r"summary d2.txt, whose files would not be read"):
        load_pairs(tmp_path / "sys", tmp_path / "refs")


# one reference file given twice

@pytest.mark.parametrize("second", ["ref.txt", "./ref.txt", "link.txt"])
@pytest.mark.parametrize("lines", [False, True])
def test_a_reference_given_twice_is_refused_not_counted_twice(tmp_path, monkeypatch, second,
                                                              lines):
    # `rouge sys.txt ref.txt ./ref.txt` scored with the reference twice: other numbers
    # (its counts pooled twice), in silence
    from summarizer.errors import InputError
    from summarizer.metrics import load_pairs

    monkeypatch.chdir(tmp_path)
    Path("sys.txt").write_text("The cat sat on the mat.\n")
    Path("ref.txt").write_text("A cat sat on a mat.\n")
    Path("other.txt").write_text("The cat was on the mat.\n")
    Path("link.txt").symlink_to("ref.txt")
    also = " [(]also as link.txt[)]" if second == "link.txt" else ""
    with pytest.raises(InputError, match=f"^reference ref.txt is given twice{also}: it would "
                                         "count twice in every score"):
        load_pairs("sys.txt", ["ref.txt", "other.txt", second], lines=lines)
    assert len(load_pairs("sys.txt", ["ref.txt", "other.txt"], lines=lines)[0].references) == 2
