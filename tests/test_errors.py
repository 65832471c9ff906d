"""One error vocabulary (summarizer.errors' rule): a caller's bad option name or value is an
OptionError (a ValueError, and an InputError so that older ``except InputError`` still
catches it), with one wording for every unknown option."""

from __future__ import annotations

import re

import pytest

import summarizer
from summarizer.documents import load_cluster
from summarizer.errors import InputError, OptionError, RougeOptionError, no_option
from summarizer.evaluation.datasets import options_of
from summarizer.faithfulness import check
from summarizer.metrics.settings import make_settings
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.abstractive.options import AbstractiveOptions

WORDING = re.compile(r"^.+ has no option '\w+'( \(did you mean '\w+'\?\))?; its options: .+$")


def test_option_error_is_an_input_error_and_a_value_error():
    assert issubclass(OptionError, InputError) and issubclass(OptionError, ValueError)
    assert issubclass(RougeOptionError, OptionError)


def test_no_option_names_the_close_match():
    text = no_option("method 'mmr'", ["lamb"], ["lam", "order"])
    assert text == "method 'mmr' has no option 'lamb' (did you mean 'lam'?); its options: lam, order"


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "c1", "documents": ["One sentence here. Another one there."]}\n')
    return path


UNKNOWN = {
    "summariser": lambda p: get_summarizer("mmr", lamb=0.5),
    "abstractive": lambda p: AbstractiveOptions.from_keywords(strategyy="direct"),
    "data set": lambda p: options_of(None, {"text_feld": "x"}),
    "ROUGE": lambda p: make_settings(bootstrap_seeds=1),
    "faithfulness": lambda p: check("a", "a", embeddings=False, numbers_only=True),
    "JSONL (load_cluster)": lambda p: load_cluster(p, id_feld="x"),
}


@pytest.mark.parametrize("site", list(UNKNOWN))
def test_every_unknown_option_is_one_option_error_in_one_wording(site, jsonl):
    with pytest.raises(OptionError) as info:
        UNKNOWN[site](jsonl)
    assert WORDING.match(str(info.value)), str(info.value)


def test_summarize_unknown_option_is_worded_the_same():
    with pytest.raises(OptionError, match=r"^method 'lead' has no option 'moed' \(did you mean "
                                          r"'mode'\?\); its options: "):
        summarizer.summarize("One sentence. Two sentences.", method="lead", moed="newest")
