"""Bad values of this session's new options and inputs, given from the CLI and the
library: each is a typed error and, from the CLI, one line and exit 2, never a traceback
(exit 70, "internal error"), a hang, or a summary made of NaN weights.

Options: coverage's ``word_forms`` / ``word_forms_share`` and ``concept_weighting``
``learned`` / ``learned-df`` with ``concept_model``.
"""

from __future__ import annotations

import json
import math
import os

import pytest
from fuzz_text import QUICK, summarize_argv
from helpers import run_cli, write_jsonl
from hypothesis import given
from hypothesis import strategies as st

from summarizer import summarize
from summarizer.errors import InputError, OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.learned_weights import FORMAT, MAX_MODEL_BYTES, load_model

NEWS = ("The council met on Monday to discuss the flood barrier. It approved the budget "
        "for the barrier after a long debate. Work starts in spring, officials said. The "
        "barrier will cost five million dollars. Residents welcomed the plan on Tuesday.")


def news_argv(tmp_path, *options: str) -> list[str]:
    """``summarizer summarize`` of NEWS in 20 words with ``--option`` each of ``options``."""
    return summarize_argv(tmp_path, NEWS, *options, words=20)


def model(tmp_path, name: str = "model.json", **changes) -> str:
    data = {"format": FORMAT, "version": 1, "features": ["df_share", "log_tf"],
            "link": "logistic", "mean": [0.0, 0.0], "scale": [1.0, 1.0], "coef": [1.0, 1.0],
            "intercept": 0.0, **changes}
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


# word_forms_share: in (0, 1), a finite number; only with word_forms
@pytest.mark.parametrize("value", ["0", "-1", "1", "1.5", "NaN", "Infinity", "-Infinity",
                                   "1e400", "abc", "true", "null", "[0.1]", "{}"])
def test_word_forms_share_out_of_range_or_not_a_number(tmp_path, value):
    code, _, err = run_cli(news_argv(tmp_path, "word_forms=suffix", f"word_forms_share={value}"))
    assert code == 2 and "word_forms_share" in err


@QUICK
@given(share=st.floats(allow_nan=True, allow_infinity=True) | st.integers(-2**70, 2**70))
def test_word_forms_share_any_number(share):
    if isinstance(share, float) and 0 < share < 1:
        assert summarize(NEWS, method="coverage", words=20, word_forms="affix",
                         word_forms_share=share).text
        return
    with pytest.raises(OptionError, match="word_forms_share"):
        get_summarizer("coverage", word_forms="suffix", word_forms_share=share)


@pytest.mark.parametrize("value", ["bogus", "1", "[\"suffix\"]", "SUFFIX", ""])
def test_word_forms_names_one_of_three(tmp_path, value):
    code, _, err = run_cli(news_argv(tmp_path, f"word_forms={value}"))
    assert code == 2 and ("word_forms" in err or "empty value" in err)


def test_word_forms_share_without_word_forms_is_refused(tmp_path):
    code, _, err = run_cli(news_argv(tmp_path, "word_forms_share=0.5"))
    assert code == 2 and "without word_forms" in err


# concept_model: a file that is not a coefficients file


def bad_model_files(tmp_path) -> dict[str, tuple[str, str]]:
    """name -> (path, what its error says)."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    digits = json.dumps({"format": FORMAT, "version": 1, "intercept": 0})
    (tmp_path / "digits.json").write_text(digits.replace("0}", "9" * 5000 + "}"))
    (tmp_path / "big.json").write_bytes(b" " * (MAX_MODEL_BYTES + 1) + b"{}")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    n = 2
    return {
        "missing": (str(tmp_path / "missing.json"), "no such file"),
        "folder": (str(tmp_path / "folder"), "folder"),
        "binary": (str(tmp_path / "junk.bin"), "not UTF-8"),
        "empty": (str(tmp_path / "empty.json"), "not a JSON coefficients file"),
        "nested too deep": (str(tmp_path / "deep.json"), "nested too deep"),
        "4300 digits": (str(tmp_path / "digits.json"), "digits"),
        "over the size bound": (str(tmp_path / "big.json"), "files over 1 MiB are refused"),
        "dangling link": (str(tmp_path / "dangling.json"), "no such file"),
        "a list": (model(tmp_path, "list.json", features=[["df_share"]], mean=[0.0],
                         scale=[1.0], coef=[1.0]), "'features'"),
        "a number as feature": (model(tmp_path, "num.json", features=[1, 2]), "'features'"),
        "NaN coef": (model(tmp_path, "nan.json", coef=[math.nan] * n), "'coef'"),
        "inf intercept": (model(tmp_path, "inf.json", intercept=math.inf), "'intercept'"),
        "a huge array": (model(tmp_path, "huge.json", coef=[0.1] * 100_000), "'coef'"),
        "strings": (model(tmp_path, "str.json", mean=["0", "0"]), "'mean'"),
        "zero scale": (model(tmp_path, "scale.json", scale=[0.0, 1.0]), "'scale'"),
        "wrong format": (model(tmp_path, "fmt.json", format="other"), "not a concept model"),
    }


def test_bad_concept_model_files_are_one_line_from_the_cli(tmp_path):
    for name, (path, says) in bad_model_files(tmp_path).items():
        for weighting in ("learned", "learned-df"):
            code, _, err = run_cli(news_argv(tmp_path, f"concept_weighting={weighting}",
                                             f"concept_model={path}"))
            assert code == 2 and says in err, (name, err)
            with pytest.raises(InputError, match=says):
                get_summarizer("coverage", concept_weighting=weighting, concept_model=path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_device_as_concept_model_is_refused_not_read(tmp_path):
    # read whole, a named pipe waited for a writer forever and /dev/zero filled the memory
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    for path in (pipe, "/dev/zero"):
        if os.path.exists(path):
            with pytest.raises(InputError, match="not a regular file"):
                load_model(path)


@pytest.mark.parametrize("blank", ["", " ", "\t"])
def test_an_empty_concept_model_name_is_an_option_error(blank):
    # Path("") is ".": the error said "cannot read the concept model: .: is a folder"
    with pytest.raises(OptionError, match="concept_model is empty"):
        get_summarizer("coverage", concept_weighting="learned", concept_model=blank)


def test_a_link_to_a_good_model_is_read(tmp_path):
    good = model(tmp_path)
    (tmp_path / "link.json").symlink_to(good)
    assert load_model(tmp_path / "link.json").coef.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("changes", [
    {"mean": [1e308, -1e308], "scale": [1e-300, 1e-300]},  # finite, yet -inf + inf
    {"link": "identity", "mean": [-1e308, -1e308], "coef": [10.0, 10.0]},  # inf weights
    {"mean": [1e308, 1e308], "scale": [1e-308, 1e-308], "coef": [0.0, 0.0]},  # inf * 0
])
def test_coefficients_that_overflow_are_an_error_not_nan_weights(tmp_path, changes):
    # each gave NaN or infinite concept weights, and a summary of no meaning with exit 0
    path = model(tmp_path, **changes)
    code, _, err = run_cli(news_argv(tmp_path, "concept_weighting=learned",
                                     f"concept_model={path}"))
    assert code == 2 and "overflow" in err
    with pytest.raises(InputError, match="overflow"):
        summarize(NEWS, method="coverage", words=20, concept_weighting="learned-df",
                  concept_model=path)


# dates: a JSONL record's, a Hugging Face row's (date_field), a Document's

ODD_DATES = {  # value -> what the one-line error says
    2004.5: "must be a string or an integer", True: "must be a string or an integer",
    "[\"2004-09-01\"]": "must be a string or an integer", "{}": "must be a string or an integer",
    -5: "not a date", 0: "not a date", 10**30: "not a date", "2004-09-01" + "x" * 100_000:
    "100,010 characters", "1" * 100_000: "100,000 characters", "2004\x00-09-01": "not a date",
    "10000-01-01": "not a date", "31/02/2004": "not a date", "2004-09-01T25:00:00Z": "not a date",
}


def test_odd_jsonl_dates_are_one_line_from_the_cli(tmp_path):
    for k, (value, says) in enumerate(ODD_DATES.items()):
        date = json.loads(value) if value in ('["2004-09-01"]', "{}") else value
        path = write_jsonl(tmp_path / f"d{k}.jsonl", [{"text": NEWS, "date": date}])
        code, _, err = run_cli(["summarize", str(path), "--words", "10", "--method", "lead"])
        assert code == 2 and err.count("\n") == 1 and len(err) < 400, err[:400]  # a long date is cut
        assert says in err and f"{path}:1" in err, err


@QUICK
@given(date=st.text(max_size=30) | st.text(st.sampled_from("0123456789-/.T: Z+"), max_size=30)
       | st.integers(1, 10**4).map(lambda n: "9" * n))
def test_a_documents_date_is_read_or_refused_by_name(date):
    from summarizer.documents.model import Document

    try:
        got = Document("Some text.", id="d", date=date).date
    except InputError as exc:
        assert "Document d date" in str(exc) and len(str(exc)) < 300
    else:
        assert got is None or got == Document("Some text.", date=got).date  # one form


def test_odd_hugging_face_dates_are_typed_errors_naming_the_row():
    import datetime as dt

    from summarizer.documents.hf import from_hf_dataset

    def dates(value, texts=NEWS):
        return [d.date for d in from_hf_dataset(
            [{"text": texts, "date": value}], text_field="text", date_field="date")[0].documents]

    assert dates(20040901) == dates(dt.date(2004, 9, 1)) == ["2004-09-01"]
    assert dates(None) == [None]
    assert dates(["2004-09-01", "2004-09-02"], [NEWS, NEWS]) == ["2004-09-01", "2004-09-02"]
    for value, says in [(2004.5, "string or an integer"), ({"y": 2004}, "string or an integer"),
                        (True, "string or an integer"), (b"2004", "string or an integer"),
                        (dt.time(10), "string or an integer"), (["2004-09-01"], "holds 1 date,"),
                        ("1" * 100_000, "100,000 characters"), ([[1]], "holds 1 date,")]:
        with pytest.raises(InputError, match=says) as caught:
            dates(value)
        assert str(caught.value).startswith("row 0") and len(str(caught.value)) < 300
    with pytest.raises(InputError, match=r"date\[1\]"):
        dates(["2004-09-01", 1.5], [NEWS, NEWS])
