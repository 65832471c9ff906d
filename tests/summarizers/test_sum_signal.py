"""Two content signals of ``coverage`` (issue 12; both off by default): ``document_diversity``,
a square-root diversity reward with the source documents as its parts, and ``entity_weight``,
a heavier weight for concepts holding a name- or number-like word. The words by hand, each
option reaching the selection and the settings, their errors, and that the default is left
as it was."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sum_helpers import make_cluster

from summarizer.cli import main
from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.coverage import PartReward
from summarizer.summarizers.entities import entity_words

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")
STOP = frozenset({"the", "in", "on", "and", "a", "was"})


def test_name_and_number_words_by_hand():
    texts = ["Prague hosted the summit on Monday.",
             "Leaders met in Prague in 2011 and the summit ended.",
             "Leaders said the Summit was long; the summit said no.",
             "The 3rd vote came in March."]
    # prague, monday, march: capitalised inside sentences; 2011, 3rd: digits; "summit" is
    # capitalised in one of three inside occurrences; "leaders" and "the" only open
    # sentences (and "the" is a function word)
    assert entity_words(texts, STOP) == {"prague", "monday", "2011", "3rd", "march"}
    assert entity_words(["The In was on."], STOP) == set()


def test_a_caseless_script_gives_its_digits_only():
    # Hebrew has no upper case: only the word with a digit (folded as the concepts read it)
    assert entity_words(["ראש הממשלה נפגש עם השר בשנת 2011 בירושלים"], frozenset()) == {"2011"}
    assert entity_words(["Χθες ο υπουργός συναντήθηκε με τον Παπαδόπουλο"], frozenset()) == {
        "παπαδόπουλο"}  # Greek has case: the name inside the sentence, folded


def test_part_reward_by_hand():
    r = PartReward(np.array([0, 0, 1]), np.array([0.25, 0.75, 1.0]))
    assert r.total == pytest.approx(2.0)  # sqrt(1) + sqrt(1)
    assert r.step(0) == pytest.approx(0.5)
    r.take(0)
    assert r.step(1) == pytest.approx(1.0 - 0.5)  # the same part: sqrt(1) - sqrt(.25)
    assert r.step(2) == pytest.approx(1.0)  # a part not yet used pays in full


@pytest.mark.parametrize("options", [{"document_diversity": None}, {"entity_weight": None}])
def test_off_is_the_default_and_leaves_its_settings(options):
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", **options).summarize(cluster, Budget(words=60))
    assert off.sentences == before.sentences and off.text == before.text
    assert off.settings == before.settings
    assert not {"document_diversity", "entity_weight", "entity_words"} & set(off.settings)


def _one_short_document() -> Cluster:
    # document "short" has three 5-word sentences, "long" three of 14 or 15 words
    short = "Rain fell over the town. Shops stayed closed all day. Buses ran late this morning."
    long = ("The regional council met on Monday in the old town hall to discuss roads. "
            "Heavy storms crossed the northern coast over the weekend and closed two ports. "
            "A new hospital wing opened in the capital on Friday after three years.")
    return Cluster(documents=[Document(text=short, id="short"), Document(text=long, id="long")],
                   id="weather")


def test_document_diversity_reaches_the_selection():
    # a flat lead prior alone weighs every sentence alike, so the shortest win: all three
    # of one document. The documents' reward pays less for a second sentence of a document
    # already used, so the summary takes one from the other document.
    only_lead = {"concept_weight": 0.0, "semantic_weight": 0.0, "diversity_weight": 0.0,
                 "lead_decay": 0.0, "order": "salience", "min_words": 3}
    cluster, budget = _one_short_document(), Budget(words=21)
    plain = get_summarizer("coverage", **only_lead).summarize(cluster, budget)
    spread = get_summarizer("coverage", document_diversity=16.0, **only_lead).summarize(
        cluster, budget)
    assert [s.doc_id for s in plain.sentences] == ["short"] * 3
    assert sorted({s.doc_id for s in spread.sentences}) == ["long", "short"]
    assert spread.settings["document_diversity"] == 16.0
    assert "document_diversity" not in plain.settings


def _names_against_common_words() -> Cluster:
    # "water supply" is in all three documents' second sentences; "Jan Novak", a name
    # (capitalised inside sentences), in two of them: by document frequency the water
    # sentence is worth more, with the name's concepts weighed four times, Novak's
    docs = []
    for k, town in enumerate(["Brno", "Olomouc", "Ostrava"]):
        novak = (f"Later the mayor said that Jan Novak resigned from the {['board', 'bank'][k]}."
                 if k < 2 else "Later the mayor spoke briefly about other plans.")
        docs.append(Document(text=f"Reporters gathered early in {town} today. {novak} "
                                  f"Engineers said the water supply failed in district {k}.",
                             id=f"d{k}"))
    return Cluster(documents=docs, id="towns")


def test_entity_weight_reaches_the_selection():
    only_concepts = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0,
                     "position_decay": 0.0, "background": None, "order": "salience",
                     "min_words": 3}
    cluster, budget = _names_against_common_words(), Budget(sentences=1)
    plain = get_summarizer("coverage", **only_concepts).summarize(cluster, budget)
    named = get_summarizer("coverage", entity_weight=4.0, **only_concepts).summarize(
        cluster, budget)
    assert "water supply" in plain.text and "Novak" not in plain.text
    assert "Novak" in named.text
    assert named.settings["entity_weight"] == 4.0 and "entity_weight" not in plain.settings
    # jan, novak and the district numbers are the cluster's name- and number-like words;
    # the concepts holding them: "jan novak", "that jan", "novak resigned"
    assert named.settings["entity_concepts"] == 3


@pytest.mark.parametrize("options, message", [
    ({"document_diversity": 0.0}, "document_diversity must be a number > 0"),
    ({"document_diversity": -1.0}, "document_diversity must be a number > 0"),
    ({"document_diversity": float("inf")}, "document_diversity"),
    ({"document_diversity": 1e7}, "document_diversity must be a number > 0 and at most 1e"),
    ({"document_diversity": float("nan")}, "document_diversity"),
    ({"document_diversity": "4"}, "document_diversity"),
    ({"entity_weight": 0.0}, "entity_weight must be a number > 0"),
    ({"entity_weight": -2.0}, "entity_weight must be a number > 0"),
    ({"entity_weight": float("nan")}, "entity_weight"),
    ({"entity_weight": "2"}, "entity_weight"),
    ({"entity_weight": 2.0, "concept_weighting": "lsa"}, "needs concept_weighting 'df'"),
    ({"entity_weight": 2.0, "word_forms": "suffix"}, "no word_forms"),
    ({"entity_weight": 2.0, "stem_prefix": 5, "background": None}, "no stem_prefix"),
])
def test_bad_values_are_refused(options, message):
    with pytest.raises(OptionError, match=message):
        get_summarizer("coverage", **options)


@pytest.mark.parametrize("option", ["document_diversity=-1", "entity_weight=0"])
def test_cli_bad_value_is_one_line(capsys, option):
    code = main(["summarize", SEEDS, "--option", option])
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code != 0 and out == "" and len(lines) == 1 and option.split("=")[0] in lines[0]
