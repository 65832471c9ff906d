"""A report rebuilt on resume, from what an earlier run stored, says what an
uninterrupted run says: the same figures and the settings that produced them."""

from __future__ import annotations

import json

from summarizer.evaluation import DatasetOptions, evaluate
from summarizer.evaluation.report import load_report
from summarizer.faithfulness import FaithfulnessChecker
from summarizer.summarizers.embed import contextual_encoder_name, describe_encoder

DOCS = [
    "Storms cut power to 48,000 homes in the north on Monday. Crews worked through the night.",
    "The utility expects repairs to take 5 days. Schools stayed closed.",
]
SUMMARY = "Storms cut power to 91,000 homes. Repairs will take 12 days."


def _data(tmp_path):
    data = tmp_path / "data.jsonl"
    data.write_text(
        json.dumps({"id": "c0", "documents": DOCS, "references": [DOCS[0]]}) + "\n",
        encoding="utf-8",
    )
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"id": "c0", "summary": SUMMARY}) + "\n", encoding="utf-8")
    return data, f"precomputed:{preds}"


def test_a_report_of_stored_checks_names_the_encoder_that_made_them(tmp_path):
    # The checker's settings named the encoder it had loaded, else the summarisers'
    # default (the static vectors). A rerun whose checks were all stored (a run stopped
    # as its report was written, or resumed to finish it) loaded none, and its report
    # said the checks were made with the static vectors where MiniLM made them, unlike
    # the uninterrupted run's; the key the stored checks are found by named them too.
    data, method = _data(tmp_path)
    run = dict(dataset_options=DatasetOptions(), progress=False, faithfulness=True)
    first = evaluate(data, method, out=tmp_path / "run", **run)
    again = evaluate(data, method, out=tmp_path / "run", **run)  # every check stored
    used = describe_encoder(contextual_encoder_name())
    assert first.report.faithfulness["settings"]["encoder"] == used
    assert again.report.faithfulness == first.report.faithfulness
    assert load_report(tmp_path / "run").faithfulness["settings"]["encoder"] == used


def test_a_checkers_settings_do_not_change_as_its_encoder_loads():
    checker = FaithfulnessChecker()
    before = checker.settings()
    checker.encoder()
    assert checker.settings() == before
    assert FaithfulnessChecker(embeddings=False).settings()["encoder"] is None
