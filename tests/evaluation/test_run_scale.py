"""An evaluation run at corpus size: reading back ``results.jsonl`` is linear in its lines, and
a run keeps its clusters' scores in memory, not their summaries (small synthetic data)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from helpers import traced_memory

from summarizer.errors import InputError
from summarizer.evaluation import DatasetOptions, evaluate
from summarizer.evaluation.store import RunStore

JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


def _run(data: Path, out: Path, **kw):
    return evaluate(data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
                    progress=False, **kw)


def _finishes(work, seconds: float) -> bool:
    """Whether ``work()`` returns within ``seconds`` (a guard against quadratic work, with a
    margin of 100x and more over the linear time; not a speed measurement)."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if errors:
        raise errors[0]
    return not thread.is_alive()


def test_reading_results_is_linear_in_its_lines(tmp_path):
    """Each line's number was counted from the start of the file (O(lines x bytes)): a resumed
    20,000-cluster run spent 100 s re-reading its results before any work, and as long again
    in the Ctrl-C handler. A million short lines must be read in well under a minute, and
    an error after them still names its line."""
    lines = 1_000_000
    store = RunStore(tmp_path)
    store.results_file.write_bytes(b"\n" * lines + b"{broken\n" + b"\n")
    assert _finishes(lambda: store.read_results(repair=False) == [], 60)  # damaged last line
    store.results_file.write_bytes(b"\n" * lines + b"{broken\n" + b"{}\n")

    def damaged_inside() -> None:
        with pytest.raises(InputError, match=f"line {lines + 1} is corrupt and not the last"):
            store.read_results(repair=False)

    assert _finishes(damaged_inside, 60), "reading results.jsonl is quadratic in its lines"


def test_resumed_run_holds_no_summary_texts(tiny, jsonl_data, tmp_path):
    """Resuming reads the stored results one line at a time and keeps their scores, not their
    texts: 8 stored summaries of 1 MB each (what 100,000 real summaries weigh) never sit in
    memory together, and the report is the one of the run that wrote them."""
    out = tmp_path / "run"
    first = _run(jsonl_data, out).report.to_dict()
    (out / "report.json").unlink()
    records = [json.loads(ln) for ln in (out / "results.jsonl").read_text().splitlines()]
    store = RunStore(out)
    with open(out / "results.jsonl", "w", encoding="utf-8") as fh:
        for record in records:  # the same scores; a long text beside them (sealed again)
            record.pop("seal")
            record["summary_sentences"] = [*record["summary_sentences"], "x" * 2**20]
            fh.write(store.encode(record) + "\n")
    with traced_memory() as mem:
        result = _run(jsonl_data, out)
    assert result.resumed == 8 and result.computed == 0 and tiny.CALLS == ["c00", "c01", "c02",
                                                                             "c03", "c04", "c05",
                                                                             "c06", "c07"]
    assert result.report.to_dict()["scores"] == first["scores"]
    assert mem.peak < 5 * 2**20, f"resuming held {mem.peak / 2**20:.1f} MB (8 MB of stored text)"


def test_count_results_counts_complete_lines(tmp_path):
    store = RunStore(tmp_path)
    assert store.count_results() == 0
    store.results_file.write_bytes(b'{"a": 1}\n\n{"b": 2}\n{"c": 3')  # torn last line
    assert store.count_results() == 2


def test_a_large_report_is_written_without_its_whole_text_in_memory(tmp_path):
    """report.json of 20,000 clusters is 9 MB of indented JSON; it was built as one string
    from millions of pieces (70 MB more at the end of a run). Same bytes, streamed."""
    from summarizer.atomic import write_json_atomic

    scores = {m: {k: 0.123456789 for k in "rpf"} for m in ("ROUGE-1", "ROUGE-2", "ROUGE-L")}
    data = {"system": "lead", "per_cluster": [{"id": f"c{i:06d}", "scores": scores}
                                              for i in range(4000)]}
    expected = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    with traced_memory() as mem:
        write_json_atomic(tmp_path / "report.json", data)
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == expected
    assert mem.peak < len(expected) / 4, f"{mem.peak} bytes held to write {len(expected)}"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_duplicate_ids_of_a_large_data_set_are_found_at_once(monkeypatch, tmp_path):
    """Each id was counted over the whole list (ids.count for every id): with one id twice
    among 100,000 clusters the error came after about two minutes."""
    from summarizer.documents.model import Cluster
    from summarizer.evaluation import datasets

    clusters = [Cluster([], id=f"c{i:06d}", references=["r"]) for i in range(100_000)]
    clusters.append(Cluster([], id="c000007", references=["r"]))
    monkeypatch.setattr(datasets, "_load_jsonl", lambda path, opts: clusters)
    (tmp_path / "corpus.jsonl").write_text("{}\n")  # read by the loader above, not this

    def load() -> None:
        with pytest.raises(InputError, match=r"cluster ids are not unique \(e\.g\. c000007\)"):
            datasets.load_dataset(tmp_path / "corpus.jsonl")

    assert _finishes(load, 30), "finding duplicate ids is quadratic in the clusters"


def _precomputed_work(monkeypatch, root: Path, n: int) -> int:
    """``Path.name`` reads made to find and read the summary files of n clusters."""
    import pathlib

    from summarizer.documents.model import Cluster
    from summarizer.evaluation.systems import PrecomputedSummarizer
    from summarizer.summarizers.budget import Budget

    root.mkdir()
    for i in range(n):
        (root / f"D{i:05d}.M.100.T.7").write_text(f"summary {i}\n")
    clusters = [Cluster([], id=f"d{i:05d}", references=["r"]) for i in range(n)]
    calls = [0]
    name = pathlib.PurePath.name

    def counted(self):
        calls[0] += 1
        return name.fget(self)

    with monkeypatch.context() as m:
        m.setattr(pathlib.PurePath, "name", property(counted))
        system = PrecomputedSummarizer(root)
        system.check(clusters)
        texts = [system.summarize(c, Budget(words=100)).text for c in clusters]
    assert texts == [f"summary {i}" for i in range(n)]
    return calls[0]


def test_precomputed_summaries_are_found_in_linear_work(tmp_path, monkeypatch):
    """evaluate --summaries DIR looked for each cluster's file by scanning every file in DIR,
    twice (the check before the run, then the run): 20,000 clusters took minutes."""
    small = _precomputed_work(monkeypatch, tmp_path / "small", 150)
    large = _precomputed_work(monkeypatch, tmp_path / "large", 300)
    assert large < 2.5 * small, f"{small} name reads for 150 clusters, {large} for 300"
