"""The lead prior's shape, coverage option ``lead_decay`` (issue 12; off by default): the
prior by hand, the option reaching the selection and the settings, its errors, and that the
default is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sum_helpers import make_cluster

from summarizer.cli import main
from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")


@pytest.mark.parametrize("decay", [None, 0.0, 0.5, 2.0])
def test_the_prior_by_hand(decay):
    pool = prepare(make_cluster())
    ranks = []
    seen: dict[int, int] = {}
    for s in pool.sentences:  # rank of each candidate in its document, counted here
        ranks.append(seen.get(s.doc_index, 0))
        seen[s.doc_index] = ranks[-1] + 1
    got = get_summarizer("coverage", lead_decay=decay).lead_prior(pool)
    d = 1.0 if decay is None else decay
    assert got.tolist() == pytest.approx([1.0 / (1 + r) ** d for r in ranks])
    assert max(ranks) >= 2  # the cluster has later sentences for the shape to reach


def test_off_is_the_default_and_leaves_its_settings():
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", lead_decay=None).summarize(cluster, Budget(words=60))
    assert off.sentences == before.sentences and off.text == before.text
    assert off.settings == before.settings and "lead_decay" not in off.settings


def _leads_long_later_short() -> Cluster:
    # each document opens with a long sentence (21-23 words); its third is short (4 words)
    opener = ["The regional council met on Monday morning in the old town hall to discuss the "
              "annual budget for roads, schools and the harbour.",
              "Heavy storms crossed the northern coast over the weekend, cutting power to "
              "thousands of homes and closing two ports for a day.",
              "A new hospital wing opened in the capital on Friday after three years of building "
              "work and a long dispute over its cost."]
    short = ["Rain fell all night.", "Shops stayed closed today.", "Buses ran late again."]
    docs = [Document(text=f"{opener[k]} Member {k} then spoke about the harbour plans and the "
                          f"new ferry timetable at length for the whole council. {short[k]}",
                     id=f"d{k}") for k in range(3)]
    return Cluster(documents=docs, id="council")


def test_the_option_reaches_the_selection():
    # the lead term alone: the default's prior takes the documents' first sentences; a flat
    # prior (lead_decay 0) weighs every sentence alike, so the shortest come first
    only_lead = {"concept_weight": 0.0, "semantic_weight": 0.0, "diversity_weight": 0.0,
                 "order": "salience", "min_words": 3}
    cluster = _leads_long_later_short()
    budget = Budget(words=25)
    default = get_summarizer("coverage", **only_lead).summarize(cluster, budget)
    flat = get_summarizer("coverage", lead_decay=0.0, **only_lead).summarize(cluster, budget)
    assert {s.sentence_index for s in default.sentences} == {0}
    assert flat.sentences and {s.sentence_index for s in flat.sentences} == {2}
    assert flat.settings["lead_decay"] == 0.0 and "lead_decay" not in default.settings


@pytest.mark.parametrize("options, message", [
    ({"lead_decay": -0.1}, r"lead_decay must be in \[0, 10\]"),
    ({"lead_decay": 11}, r"lead_decay must be in \[0, 10\]"),
    ({"lead_decay": float("nan")}, "lead_decay"),
    ({"lead_decay": "0.5"}, "lead_decay"),
    ({"lead_decay": 0.5, "lead_weight": 0.0}, "with lead_weight 0 it would not be used"),
])
def test_bad_values_are_refused(options, message):
    with pytest.raises(OptionError, match=message):
        get_summarizer("coverage", **options)


def test_cli_bad_value_is_one_line(capsys):
    code = main(["summarize", SEEDS, "--option", "lead_decay=-1"])
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code != 0 and out == "" and len(lines) == 1 and "lead_decay" in lines[0]
