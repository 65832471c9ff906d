"""rouge()'s and report_from_scores' ids (and eval_order) label the score rows: each was
written with str(), so None, 1.5 or a list labelled a row 'None', '1.5' or "['a']" (ids from
a column with gaps) and '' labelled it with nothing. Now each is a string or an integer (its
digits, as a cluster's id is read), else a one-line InputError naming its place."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.errors import InputError
from summarizer.metrics import make_settings, report_from_scores, rouge


@pytest.mark.parametrize("label, said", [
    (None, "ids[1] is NoneType None, not a summary id (a string or an integer)"),
    (1.5, "ids[1] is float 1.5, not a summary id (a string or an integer)"),
    (["b"], "ids[1] is list ['b'], not a summary id (a string or an integer)"),
    (True, "ids[1] is bool True, not a summary id (a string or an integer)"),
    ("", "ids[1] is empty; give each summary an id"),
])
def test_an_id_that_is_no_label_is_refused(label, said):
    with pytest.raises(InputError) as caught:
        rouge(["a b", "c d"], ["a b", "c d"], ids=["a", label])
    assert str(caught.value) == said
    settings = make_settings("rouge155", metrics=["ROUGE-1"])
    with pytest.raises(InputError) as caught:
        report_from_scores(np.zeros((2, 1, 3)), settings, ids=["a", label])
    assert str(caught.value) == said
    with pytest.raises(InputError, match=r"^eval_order\[1\] is"):
        rouge(["a b", "c d"], ["a b", "c d"], ids=["a", "b"], eval_order=["a", label])


def test_strings_and_integers_label_as_before():
    assert rouge(["a b", "c d"], ["a b", "c d"], ids=["x", np.int64(7)]).ids == ["x", "7"]
    assert rouge(["a b", "c d"], ["a b", "c d"], ids=[3, 4], eval_order=[4, 3]).ids == ["3", "4"]
