"""Evaluation on a JSONL data set read in passes (summarizer.evaluation.stream): the same
clusters, checks, errors, subset, fingerprint and report as the data set loaded whole, and
the clusters never all in memory."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from helpers import error_line, run_cli, traced_memory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.evaluation import DatasetOptions, evaluate, load_dataset
from summarizer.evaluation.stream import StreamedDataset, open_dataset


def documents_jsonl(path: Path, n: int = 30) -> Path:
    """Clusters as lists of documents (strings and objects with titles and dates), accented
    and non-Latin text, CRLF line ends and a blank line."""
    lines = []
    for i in range(n):
        docs = [f"Städte {i} haben {i * 3} Brücken gebaut. Der Rat stimmte am Montag zu. "
                f"Die Kosten lagen bei {i + 7} Millionen Euro.",
                {"text": f"Report {i}: the council met again. Its vote on item {i} passed "
                         "narrowly. Residents — «happy» — cheered.",
                 "title": f"Vote {i}", "date": f"2020-01-{i % 28 + 1:02d}"}]
        refs = [f"The council approved {i * 3} bridges.", f"Vote {i} passed.\nCosts rose."]
        lines.append(json.dumps({"id": f"k{i:03d}", "documents": docs, "references": refs},
                                ensure_ascii=i % 2 == 0))
        if i == 4:
            lines.append("   ")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def text_jsonl(path: Path, n: int = 30) -> Path:
    """Clusters as one text joined by a separator, ids from the line position."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ||| ".join(f"Item {i} part {j}: the storm hit the harbor town. Boats "
                                f"sank, {j + i} in all." for j in range(3))
            fh.write(json.dumps({"article": text, "summary": f"Storm {i} sank boats."}) + "\n")
    return path


# Fingerprints and subsets recorded by the code before the data set was streamed (commit
# 229b335, load_dataset): a run folder made then still resumes.
PINNED = [
    ("documents", {}, None, 1234, "f59c20154f0771d7", ["k000", "k001", "k002"]),
    ("documents", {}, 7, 1234, "3449a279a9e75d7a",
     ["k000", "k001", "k002", "k003", "k014", "k018", "k024"]),
    ("documents", {}, 7, 99, "5ac582bd486837e9",
     ["k005", "k006", "k007", "k012", "k019", "k024", "k029"]),
    ("documents", {}, 29, 5, "abebba587177bde1", ["k000", "k001", "k002", "k003", "k005"]),
    ("text", {"separator": "|||"}, None, 1234, "1373875f1d95ce65", ["0", "1", "2"]),
    ("text", {"separator": "|||"}, 7, 1234, "d8ef953d16607f11",
     ["0", "1", "2", "3", "14", "18", "24"]),
    ("text", {"separator": "|||"}, 7, 99, "c12ca66d3bb7fee5",
     ["5", "6", "7", "12", "19", "24", "29"]),
    ("text", {"separator": "|||"}, 29, 5, "a6c2739a62817e21", ["0", "1", "2", "3", "5"]),
]
MAKERS = {"documents": documents_jsonl, "text": text_jsonl}


def _open(path: Path, **options) -> StreamedDataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the German documents read as English
        data = open_dataset(path, DatasetOptions(**options))
    assert isinstance(data, StreamedDataset)
    return data


@pytest.mark.parametrize("layout,fields,limit,seed,fingerprint,first_ids", PINNED)
def test_fingerprint_and_subset_are_the_ones_recorded_before(tmp_path, layout, fields, limit,
                                                             seed, fingerprint, first_ids):
    path = MAKERS[layout](tmp_path / "data.jsonl")
    data = _open(path, limit=limit, seed=seed, **fields)
    assert data.fingerprint() == fingerprint
    assert data.ids[:len(first_ids)] == first_ids
    assert data.size == (limit or 30) and data.total == 30
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = load_dataset(path, DatasetOptions(limit=limit, seed=seed, **fields))
    assert data.describe() == whole.describe()
    assert [vars(c) for c in data.clusters] == [vars(c) for c in whole.clusters]


def test_a_subset_is_fingerprinted_in_the_checking_pass_and_resumes_with_its_limit(
        tmp_path, monkeypatch):
    """--limit's fingerprint is hashed as each line is checked (pass 1), after a count of
    the lines that parses none (pass 0): no cluster is built again to fingerprint it. It is
    the one recorded before (PINNED): the same --limit and --seed resume, others are
    refused."""
    from summarizer.evaluation import stream

    path = documents_jsonl(tmp_path / "data.jsonl")
    built: list[int] = []
    passes: list[int] = []
    build, lines = stream._JsonlClusters.build, stream._JsonlClusters.lines
    monkeypatch.setattr(stream._JsonlClusters, "build", lambda self, position, *rest: (
        built.append(position) or build(self, position, *rest)))
    monkeypatch.setattr(stream._JsonlClusters, "lines", lambda self: (
        passes.append(1) or lines(self)))
    data = _open(path, limit=7, seed=1234)
    assert sorted(built) == list(range(30)) and len(passes) == 2
    assert data.fingerprint() == "3449a279a9e75d7a"

    argv = ["evaluate", str(path), "--method", "lead", "--words", "20", "--limit", "7",
            "--seed", "1234", "--out", str(tmp_path / "run"), "--no-progress"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the German documents read as English
        code, _, err = run_cli(argv)
        assert code == 0, err
        run = json.loads((tmp_path / "run" / "run.json").read_text())
        assert run["settings"]["dataset"]["fingerprint"] == "3449a279a9e75d7a"
        code, out, err = run_cli(argv)
        assert code == 0 and "resumed 7 finished clusters" in out, err
        for flag, value in (("--limit", "8"), ("--seed", "99")):
            changed = [value if argv[i - 1] == flag else a for i, a in enumerate(argv)]
            code, _, err = run_cli(changed)
            assert code == 2 and "different settings" in error_line(err)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 40), limit=st.integers(1, 45), seed=st.integers(0, 2**31))
def test_subset_is_drawn_as_when_loaded_whole(tmp_path_factory, n, limit, seed):
    path = text_jsonl(tmp_path_factory.mktemp("d") / "data.jsonl", n)
    opts = DatasetOptions(limit=limit, seed=seed, separator="|||")
    streamed, whole = open_dataset(path, opts), load_dataset(path, opts)
    assert streamed.ids == whole.ids and streamed.fingerprint() == whole.fingerprint()


def _error(load, path: Path, **options) -> str:
    with pytest.raises(InputError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load(path, DatasetOptions(**options))
    return str(info.value)


def _line(**fields) -> str:
    return json.dumps({"id": "a", "documents": ["Some text here."], "references": ["R."],
                       **fields}, ensure_ascii=False)


BROKEN = {
    "repeated ids": [_line(), _line(id="b"), _line(), _line(id="b")],
    "no reference": [_line(), _line(id="b", references=[]), _line(id="c", references=[" "])],
    "bad line after a bad cluster": [_line(), _line(id="b", documents=5), "{not json"],
    "bad cluster": [_line(), _line(id="b", documents=[3])],
    "document cleaned away": [_line(), _line(id="b", documents=["ok text.", "   "])],
    "no text field": [json.dumps({"body": "x", "summary": "y"})],
    "blank": ["", "  ", ""],
    "a loose document (read whole)": [_line(), json.dumps({"text": "A loose document."})],
    "text row with a document cleaned away": [json.dumps({"text": "A text.", "summary": "s"}),
                                              json.dumps({"text": ["ok text.", " "],
                                                          "summary": "s"})],
    "text rows without text": [json.dumps({"text": "A text.", "summary": "s"}),
                               json.dumps({"text": "", "summary": "s"})],
}


@pytest.mark.parametrize("case", BROKEN)
def test_bad_data_sets_get_the_errors_of_the_whole_load(tmp_path, case):
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(BROKEN[case]) + "\n", encoding="utf-8")
    assert _error(open_dataset, path) == _error(load_dataset, path)


@pytest.mark.parametrize("content", [
    "\ufeff" + _line() + "\n",  # a UTF-8 byte-order mark: streamed
    _line() + "\n" + _line(id="b", documents=["Caf\u00e9 \u2028 au lait."]) + "\n",
])
def test_utf8_variants_stream_with_the_same_clusters(tmp_path, content):
    path = tmp_path / "data.jsonl"
    path.write_bytes(content.encode("utf-8"))
    whole = load_dataset(path)  # a U+2028 inside a string is no line break of JSONL
    data = _open(path)
    assert [vars(c) for c in data.clusters] == [vars(c) for c in whole.clusters]


@pytest.mark.parametrize("bom", [True, False])
def test_each_pass_opens_the_file_once(tmp_path, monkeypatch, bom):
    """A pass read the first bytes for a byte-order mark in an open of its own, then opened
    the file again for its lines: the lines' reader says whether it met one."""
    from summarizer import textio
    from summarizer.evaluation import stream

    path = documents_jsonl(tmp_path / "data.jsonl", 5)
    if bom:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    opened: list[Path] = []
    opening = textio.open_input
    counting = lambda p: opened.append(Path(p)) or opening(p)  # noqa: E731
    for module in (textio.read, textio.lines):  # the readers that open files
        monkeypatch.setattr(module, "open_input", counting)
    monkeypatch.setattr(stream, "open_input", counting, raising=False)  # it imported it
    data = _open(path)
    assert len(opened) == 1  # the checking pass
    clusters = data.clusters
    assert len(opened) == 2  # and the one that reads the clusters
    encoding = "utf-8-sig" if bom else "utf-8"
    assert {c.meta["inputs"][0]["encoding"] for c in clusters} == {encoding}
    with pytest.warns(UserWarning, match="look like german"):  # read as English, as _open's
        whole = load_dataset(path)
    assert [vars(c) for c in clusters] == [vars(c) for c in whole.clusters]


@pytest.mark.parametrize("name,data", [
    ("utf-16", ("\n".join([_line(), _line(id="b")]) + "\n").encode("utf-16")),
    ("cp1252", (_line(documents=["Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade."]) + "\n")
     .encode("cp1252")),
])
def test_files_that_cannot_stream_are_loaded_whole(tmp_path, name, data):
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    opened = open_dataset(path)
    assert not isinstance(opened, StreamedDataset)
    assert opened.describe() == load_dataset(path).describe()


def _report(out: Path) -> dict:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report.pop("throughput")  # times and memory: measured
    return report


def _results(out: Path) -> list[dict]:
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    for r in rows:
        for measured in ("seconds", "peak_rss_mb", "gpu_peak_mb", "seal"):  # seal: of them too
            r.pop(measured)
    return rows


@pytest.mark.parametrize("limit", [None, 11])
def test_streamed_run_reports_what_the_whole_data_set_run_reports(tiny, tmp_path, limit):
    """The same run from the spec (streamed) and from the data set loaded whole (today's
    path): report.json equal apart from times, the same results in the same order, the
    faithfulness of every summary too."""
    path = text_jsonl(tmp_path / "data.jsonl", 24)
    opts = DatasetOptions(limit=limit, seed=3, separator="|||")
    kw = dict(words=20, progress=False, faithfulness=True, rouge=None)
    streamed = evaluate(path, "test-roundrobin", out=tmp_path / "s", dataset_options=opts, **kw)
    whole = evaluate(load_dataset(path, opts), "test-roundrobin", out=tmp_path / "w", **kw)
    assert streamed.computed == whole.computed == (limit or 24)
    assert _report(tmp_path / "s") == _report(tmp_path / "w")
    assert _results(tmp_path / "s") == _results(tmp_path / "w")
    assert (json.loads((tmp_path / "s" / "run.json").read_text())["settings"]
            == json.loads((tmp_path / "w" / "run.json").read_text())["settings"])
    faith = _report(tmp_path / "s")["faithfulness"]
    assert len(faith["per_cluster"]) == (limit or 24) and faith["sentences"] > 0


def test_resumed_streamed_run_reads_only_the_clusters_left(tiny, tmp_path):
    path = text_jsonl(tmp_path / "data.jsonl", 12)
    opts = DatasetOptions(separator="|||")
    tiny.INTERRUPT_AT = "7"
    with pytest.raises(KeyboardInterrupt):
        evaluate(path, "test-roundrobin", out=tmp_path / "r", words=20, dataset_options=opts,
                 progress=False)
    tiny.INTERRUPT_AT = None
    tiny.CALLS.clear()
    resumed = evaluate(path, "test-roundrobin", out=tmp_path / "r", words=20,
                       dataset_options=opts, progress=False)
    assert resumed.resumed == 7 and tiny.CALLS == [str(i) for i in range(7, 12)]
    evaluate(path, "test-roundrobin", out=tmp_path / "f", words=20, dataset_options=opts,
                    progress=False)
    assert _report(tmp_path / "r") == _report(tmp_path / "f")


def test_a_file_changed_during_the_run_is_an_error(tiny, tmp_path):
    path = text_jsonl(tmp_path / "data.jsonl", 6)
    data = open_dataset(path, DatasetOptions(separator="|||"))
    path.write_text(path.read_text().replace('"summary"', '"id": "x", "summary"', 1))
    with pytest.raises(InputError, match="changed while it was read"):
        evaluate(data, "test-roundrobin", out=tmp_path / "r", words=20, progress=False)


def test_run_memory_does_not_grow_with_the_clusters_text(tiny, tmp_path):
    """200 clusters of 2.5 KB, then of 20 KB of text (3.5 MB more): the streamed run's peak
    memory grows by a small share of that (it holds a cluster at a time, and the first 20 for
    the language guess); the same data loaded whole grows by about the text it holds."""
    kw = dict(words=20, progress=False)

    def write(name: str, sentences: int) -> Path:
        path = tmp_path / name
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(200):
                doc = " ".join(f"Sentence {j} of cluster {i} says something new."
                               for j in range(sentences))
                fh.write(json.dumps({"id": f"c{i}", "documents": [doc], "references": ["R s."]})
                         + "\n")
        return path

    def peak(run) -> int:
        with traced_memory() as mem:
            run()
        return mem.peak

    short, long = write("short.jsonl", 50), write("long.jsonl", 400)
    evaluate(short, "test-roundrobin", out=tmp_path / "warm", **kw)  # imports, caches
    grown = long.stat().st_size - short.stat().st_size
    streamed = [peak(lambda p=p: evaluate(p, "test-roundrobin", out=tmp_path / f"s{p.stem}", **kw))
                for p in (short, long)]
    whole = [peak(lambda p=p: evaluate(load_dataset(p), "test-roundrobin",
                                       out=tmp_path / f"w{p.stem}", **kw)) for p in (short, long)]
    # the measure sees held clusters: loaded whole, their text (about the file's growth;
    # since 8a59846 read a line at a time, no copy of the file besides)
    assert whole[1] - whole[0] > grown / 2, (whole, grown)
    assert streamed[1] - streamed[0] < grown / 4, (streamed, grown)


def _hf_rows(n: int) -> list[dict]:
    return [{"id": f"h{i}", "document": f"Storm {i} hits the coast. ||||| {i} homes lose power.",
             "summary": f"A storm cut power to {i} homes."} for i in range(n)]


@pytest.mark.parametrize("layout", ["parquet", "saved"])
@pytest.mark.parametrize("limit", [None, 5])
def test_hf_data_sets_stream_with_the_clusters_of_the_whole_load(tmp_path, layout, limit):
    """hf:file.parquet and a saved data set (Arrow files read by ``datasets``): rows are read
    when wanted, with the clusters, subset and fingerprint of the data set loaded whole."""
    import datasets

    ds = datasets.Dataset.from_list(_hf_rows(12))
    if layout == "parquet":
        ds.to_parquet(str(tmp_path / "d.parquet"))
        spec = f"hf:{tmp_path / 'd.parquet'}"
    else:
        ds.save_to_disk(str(tmp_path / "saved"))
        spec = f"hf:{tmp_path / 'saved'}"
    opts = DatasetOptions(limit=limit, seed=9, separator="|||||")
    data, whole = open_dataset(spec, opts), load_dataset(spec, opts)
    assert isinstance(data, StreamedDataset) and data.size == (limit or 12)
    assert data.describe() == whole.describe()
    assert [vars(c) for c in data.clusters] == [vars(c) for c in whole.clusters]


def test_hf_rows_without_text_and_repeated_ids_are_the_errors_of_the_whole_load(tmp_path):
    import datasets

    for name, rows in (("empty", [*_hf_rows(2), {"id": "x", "document": " ", "summary": "s"}]),
                       ("repeated", [*_hf_rows(3), *_hf_rows(2)]),
                       ("cleaned away", [*_hf_rows(2), {"id": "x", "document": "Some text. "
                                         "||||| (Reporting by John Smith; Editing by Jane Doe)",
                                         "summary": "s"}])):
        datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / name))
        spec = f"hf:{tmp_path / name}"
        assert _error(open_dataset, spec, separator="|||||") == _error(
            load_dataset, spec, separator="|||||")


def test_hf_streamed_run_reports_what_the_whole_data_set_run_reports(tiny, tmp_path):
    import datasets

    datasets.Dataset.from_list(_hf_rows(10)).to_parquet(str(tmp_path / "d.parquet"))
    spec = f"hf:{tmp_path / 'd.parquet'}"
    opts = DatasetOptions(limit=7, seed=2, separator="|||||")
    kw = dict(words=20, progress=False, faithfulness=True)
    evaluate(spec, "test-roundrobin", out=tmp_path / "s", dataset_options=opts, **kw)
    evaluate(load_dataset(spec, opts), "test-roundrobin", out=tmp_path / "w", **kw)
    assert _report(tmp_path / "s") == _report(tmp_path / "w")
    assert _results(tmp_path / "s") == _results(tmp_path / "w")


def test_a_streamed_cluster_is_held_without_its_line_record_or_the_cluster_before(tmp_path):
    """While a cluster read from a JSONL line is summarised, the readers' frames held the
    line (as large as the document: +109 MB over `summarize` for a 50 MB line) and,
    until the next cluster was built, the cluster given before."""
    import weakref

    sentence = "The council approved the new budget for the city schools on Monday. "
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for name in ("a", "b"):
            fh.write(json.dumps({"id": name, "documents": [sentence * 15_000],
                                 "references": ["The council approved the budget."]}) + "\n")
    data = open_dataset(path)
    assert isinstance(data, StreamedDataset)
    clusters = data.iter_clusters()
    with traced_memory() as mem:
        index, cluster = next(clusters)
    assert index == 0 and cluster.id == "a" and len(cluster.documents[0].text) > 1_000_000
    assert mem.held < 1_500_000, mem.held  # 1.06 MB, the cluster; with the line held, 2.08
    gone = weakref.ref(cluster)
    del cluster
    assert gone() is None  # nothing in the generators keeps the cluster given
    assert [c.id for _, c in clusters] == ["b"]
