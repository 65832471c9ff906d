"""A batch row holds a summary's whole provenance, as Summary.to_dict does: a compressed
sentence's edits (without them its text could not be rebuilt from start:end), the
faithfulness guard's verdict, evidence and unsupported facts, and the summary's coverage
and faithfulness reports. The shards kept text, offsets, score, truncated and sources
alone."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from helpers import write_jsonl

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.output import schema
from summarizer.faithfulness.checker import Evidence, Item
from summarizer.summarizers import get_summarizer, make_budget
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence
from summarizer.summarizers.compress import Edit, apply_edits

TEXT = ("However, the senator said on Tuesday that the bill (about $5 million) would pass, "
        "officials said. The vote was delayed again on Monday night.")


def test_a_compressed_sentence_keeps_its_edits(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", [{"id": "r", "documents": [TEXT]}])
    summarize_dataset(data, tmp_path / "out", "lead", words=20, compress=True, progress=False)
    (row,) = read_output(tmp_path / "out")
    expected = get_summarizer("lead", compress=True).summarize(
        _cluster(TEXT), make_budget(words=20))
    assert any(s.edits for s in expected.sentences)
    assert [s["edits"] for s in row["sentences"]] == [
        [asdict(e) for e in s.edits] for s in expected.sentences]
    for s in row["sentences"]:  # the text, rebuilt from the source and the edits
        edits = [Edit(**e) for e in s["edits"]]
        assert apply_edits(TEXT, s["start"], s["end"], edits) == s["text"]
    assert row["coverage"] is None and expected.coverage is None and row["faithfulness"] is None


def _cluster(text):
    from summarizer.documents import Cluster, Document

    return Cluster([Document(text, id="d0")], id="r")


class Guarded(Summarizer):
    """As the abstractive guard leaves a summary: a verdict, evidence and unsupported
    facts on each sentence, and the summary's faithfulness report."""

    name = "test-guarded"

    def summarize(self, cluster, budget):
        evidence = Evidence("d0", 1, 108, 150, 0.4, 0.4, None, "The vote was delayed again.")
        item = Item("number", "$9 million", 10, 20, False, 0.0)
        return Summary(
            [SummarySentence("The vote was delayed.", sources=[("d0", 1)], score=0.4,
                             supported=True, evidence=[asdict(evidence)]),
             SummarySentence("It cost $9 million.", sources=[("d0", 0)], score=0.1,
                             supported=False, unsupported=[asdict(item)])],
            self.name, budget, settings=self.settings(),
            faithfulness={"guard": "flag", "unsupported_sentences": 1})

    def settings(self):
        return {"method": self.name}


def test_the_guards_verdict_evidence_and_report_are_kept(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", [{"id": "r", "documents": [TEXT]}])
    summarize_dataset(data, tmp_path / "out", Guarded(), words=20, progress=False)
    (row,) = read_output(tmp_path / "out")
    expected = Guarded().summarize(None, make_budget(words=20))
    assert [s["supported"] for s in row["sentences"]] == [True, False]
    assert [s["evidence"] for s in row["sentences"]] == [s.evidence for s in expected.sentences]
    assert [s["unsupported"] for s in row["sentences"]] == [
        s.unsupported for s in expected.sentences]
    assert json.loads(row["faithfulness"]) == expected.faithfulness
    assert row["coverage"] is None


def test_the_nested_columns_name_every_field_of_what_they_hold():
    # a field added to Evidence, Item or Edit and not to the shards is caught here
    sentence = schema().field("sentences").type.value_type
    for name, kind in (("edits", Edit), ("evidence", Evidence), ("unsupported", Item)):
        struct = sentence.field(name).type.value_type
        assert [struct.field(k).name for k in range(struct.num_fields)] == [
            f.name for f in fields(kind)]
