"""summarize() on a folder says each file it leaves out, at the caller's line, as
`summarizer summarize` does: they were left out unsaid (the cluster that lists them is
never the caller's)."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import summarizer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_a_folders_skipped_files_are_warned_of_at_the_callers_line(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = summarizer.summarize(str(folder), words=40)
    said = [str(w.message) for w in caught]
    assert any(m.startswith("skipped ") and "empty.txt: is empty" in m for m in said), said
    assert any(m.startswith("skipped ") and "b.txt" in m for m in said), said
    assert {Path(w.filename).name for w in caught if "skipped" in str(w.message)} == {
        Path(__file__).name}
    assert summary.text


def test_nothing_is_said_where_nothing_is_skipped(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summarizer.summarize(str(SEEDS), words=40)
    assert not [w for w in caught if "skipped" in str(w.message)]


def test_a_cluster_given_is_not_warned_of_its_data_sets_skipped_documents(tmp_path):
    # a data set's clusters share one list of its skipped documents: summarize(cluster)
    # warned of another cluster's
    from summarizer.evaluation import DatasetOptions, load_dataset

    text = "The storm closed roads in the north. Schools stayed shut on Monday."
    rows = [{"id": "a", "text": text, "summary": "Roads closed."},
            {"id": "b", "text": "\u00ad\u200b", "summary": "Nothing."},
            {"id": "c", "text": text.replace("storm", "flood"), "summary": "Flood."}]
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = load_dataset(str(path), DatasetOptions(allow_skipped_documents=True))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summarizer.summarize(data.clusters[0], words=20)
    assert not [w for w in caught if "skipped" in str(w.message)]
