"""Session 38's leftovers of the bad-input hunt: ``rouge -`` (the summary on standard input),
document objects in a saved Hugging Face data set, ``evaluate`` given its data set as its
summaries, and a summary that is one of its references. Each test here fails without its fix
(but those marked as guards)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputError

REPO = Path(__file__).resolve().parents[2]
_SUMMARY = "The council met and voted to build a new bridge.\nWork starts in May.\n"
_REFERENCE = "The council voted to build a bridge.\nBuilding starts in May.\n"


def _cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None
         ) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1",
               "HF_DATASETS_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          input=stdin, env=environ, timeout=120, cwd=cwd)


def _err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


@pytest.fixture
def ref(tmp_path: Path) -> Path:
    path = tmp_path / "ref.txt"
    path.write_text(_REFERENCE, encoding="utf-8")
    return path


# 1. `rouge - REF`: the summary read from standard input, as a file's

def _scores(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, _err(proc)
    return json.loads(proc.stdout)["aggregate"]


@pytest.mark.parametrize("data", [
    _SUMMARY.encode(),
    b"\xef\xbb\xbf" + _SUMMARY.encode(),  # a BOM: kept, as a file's is
    "Rada se sešla a odhlasovala stavbu mostu.\n".encode("cp1250"),  # legacy: detected
])
def test_rouge_reads_the_summary_from_standard_input_as_from_a_file(tmp_path, ref, data):
    system = tmp_path / "sys.txt"
    system.write_bytes(data)
    from_file = _cli("rouge", str(system), str(ref), "--format", "json")
    piped = _cli("rouge", "-", str(ref), "--format", "json", stdin=data)
    assert _scores(piped) == _scores(from_file)


def test_rouge_reads_summaries_a_line_from_standard_input_with_lines(tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_text("the cat sat on the mat\na dog ran in the park\n")
    proc = _cli("rouge", "-", str(refs), "--lines", "--format", "json", "--per-summary",
                stdin=b"the cat sat\na dog ran\n")
    assert proc.returncode == 0, _err(proc)
    assert [s["id"] for s in json.loads(proc.stdout)["per_summary"]] == ["1", "2"]


@pytest.mark.parametrize("data, args", [
    (bytes(range(256)) * 8, ()),  # binary
    (b"\x00\x01\x02\x03ELF\x7f" * 200, ()),
    ("Zpráva o mostě.\n".encode("cp1250"), ("--encoding", "utf-8")),  # undecodable as named
])
def test_bad_standard_input_is_refused_as_the_same_file_is(tmp_path, ref, data, args):
    system = tmp_path / "sys.txt"
    system.write_bytes(data)
    from_file = _cli("rouge", str(system), str(ref), *args)
    piped = _cli("rouge", "-", str(ref), *args, stdin=data)
    assert from_file.returncode == piped.returncode == 2
    assert _err(piped).strip() == _err(from_file).strip().replace(str(system), "<stdin>")
    assert len(_err(piped).strip().splitlines()) == 1 and "Traceback" not in _err(piped)


def test_empty_standard_input_is_an_empty_summary_as_an_empty_file_is(tmp_path, ref):
    system = tmp_path / "sys.txt"
    system.write_bytes(b"")
    from_file = _cli("rouge", str(system), str(ref), "--format", "json")
    piped = _cli("rouge", "-", str(ref), "--format", "json", stdin=b"")
    assert _scores(piped) == _scores(from_file)
    assert "note: 1 empty system summary, scored 0: <stdin>" in _err(piped)


@pytest.mark.parametrize("args", [
    ("-", "-"),  # the reference too
    ("-", "{ref}", "-"),  # twice
    ("{ref}", "-"),  # a reference alone
    ("-", "{ref}", "--compare", "-"),
    ("{ref}", "{ref2}", "--compare", "-"),
])
def test_standard_input_other_than_as_system_is_refused(tmp_path, ref, args):
    ref2 = tmp_path / "ref2.txt"
    ref2.write_text(_REFERENCE)
    proc = _cli("rouge", *[a.format(ref=ref, ref2=ref2) for a in args],
                stdin=_SUMMARY.encode())
    assert proc.returncode == 2, _err(proc)
    assert "standard input can be only SYSTEM" in _err(proc)
    assert len(_err(proc).strip().splitlines()) == 1


def test_standard_input_with_a_folder_of_references_is_refused(tmp_path):
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "d1.txt").write_text(_REFERENCE)
    proc = _cli("rouge", "-", str(refs), stdin=_SUMMARY.encode())
    assert proc.returncode == 2, _err(proc)
    assert "<stdin> is no file" in _err(proc) and "give reference files" in _err(proc)


def test_closed_standard_input_is_an_error_not_an_internal_one(ref, monkeypatch):
    # `summarizer rouge - REF <&-`: sys.stdin is None
    monkeypatch.setattr(sys, "stdin", None)
    code, out, err = run_cli(["rouge", "-", str(ref)])
    assert code == 2 and out == ""
    assert error_line(err) == ("summarizer: error: standard input (-) is closed; give the "
                               "summary on it, or a file")


def test_a_file_named_dash_is_still_read_as_dot_slash_dash(tmp_path, ref):
    # a guard: only '-' itself is standard input
    (tmp_path / "-").write_text(_SUMMARY)
    proc = _cli("rouge", "./-", str(ref), "--format", "json", cwd=tmp_path, stdin=b"")
    assert _scores(proc)["ROUGE-1"]["recall"]["mean"] > 0


# 3. `evaluate d.jsonl --summaries d.jsonl`: the references scored against themselves

def _dataset(tmp_path: Path) -> Path:
    data = tmp_path / "d.jsonl"
    rows = [{"id": f"c{i}", "documents": [_SUMMARY.replace("May", f"month {i}"), _REFERENCE],
             "summary": _REFERENCE} for i in range(3)]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return data


@pytest.mark.parametrize("given", ["--summaries={data}", "--summaries={link}",
                                   "--method=precomputed:{dot}"])
@pytest.mark.parametrize("spec", ["{data}", "hf:{data}"])
def test_the_data_set_given_as_its_own_summaries_is_refused(tmp_path, given, spec,
                                                            monkeypatch):
    data = _dataset(tmp_path)
    (tmp_path / "link.jsonl").symlink_to(data)
    monkeypatch.chdir(tmp_path)
    names = {"data": str(data), "link": "link.jsonl", "dot": "./d.jsonl"}
    code, out, err = run_cli(["evaluate", spec.format(**names), given.format(**names),
                              "--out", str(tmp_path / "run"), "--no-progress"])
    assert code == 2 and out == ""
    assert "are the data set" in error_line(err) and "scored against themselves" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "run").exists()


def test_the_library_refuses_the_data_set_as_its_own_summaries(tmp_path):
    from summarizer.errors import InputError
    from summarizer.evaluation import evaluate

    data = _dataset(tmp_path)
    with pytest.raises(InputError, match="are the data set .* itself"):
        evaluate(str(data), f"precomputed:{data}", out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()


def test_summaries_of_their_own_file_beside_the_data_set_are_scored(tmp_path):
    # a guard: another file of the same lines is a system's (a copy scores 1.0, as asked)
    data = _dataset(tmp_path)
    copy = tmp_path / "preds.jsonl"
    copy.write_bytes(data.read_bytes())
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(copy),
                            "--out", str(tmp_path / "run"), "--no-progress"])
    assert code == 0, err


# 2. a saved data set whose documents are objects ({"text", "date"}), as JSONL takes them

_OBJECT_ROWS = [
    {"id": "c1", "summary": "The council voted to build a bridge.",
     "documents": [{"text": "The council met on Monday. It voted to build a new bridge.",
                    "date": "2020-01-02"},
                   {"text": "A new bridge will be built, the council said. Work starts soon.",
                    "date": "2020-01-01"}]},
    {"id": "c2", "summary": "Prices rose in March.",
     "documents": [{"text": "Prices rose again in March, the office said.", "date": "2021-04-01"},
                   {"text": "Food and fuel cost more than a year before.", "date": "2021-03-30"}]},
]


def _saved_and_jsonl(tmp_path: Path, rows: list[dict]) -> tuple[str, str]:
    import datasets

    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "saved"))
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return str(tmp_path / "saved"), str(jsonl)


def _read(cluster) -> tuple:
    return (cluster.id, cluster.references, cluster.language,
            [(d.id, d.text, d.date, d.language) for d in cluster.documents])


@pytest.mark.parametrize("date_field", [None, "date"])
def test_a_saved_data_set_of_document_objects_reads_as_its_jsonl(tmp_path, date_field):
    from summarizer.evaluation import DatasetOptions
    from summarizer.evaluation.datasets import load_dataset

    saved, jsonl = _saved_and_jsonl(tmp_path, _OBJECT_ROWS)
    opts = DatasetOptions(summary_field="summary", date_field=date_field)
    from_hf = load_dataset(f"hf:{saved}", opts).clusters
    from_jsonl = load_dataset(jsonl, opts).clusters
    assert [_read(c) for c in from_hf] == [_read(c) for c in from_jsonl]
    assert [d.date for d in from_hf[0].documents] == ["2020-01-02", "2020-01-01"]


def test_evaluate_scores_a_saved_data_set_of_document_objects_as_its_jsonl(tmp_path):
    saved, jsonl = _saved_and_jsonl(tmp_path, _OBJECT_ROWS)
    results = []
    for spec, out in ((f"hf:{saved}", "hf"), (jsonl, "jsonl")):
        code, _, err = run_cli(["evaluate", spec, "--method", "lead", "--words", "12",
                                "--summary-field", "summary", "--out", str(tmp_path / out),
                                "--no-progress"])
        assert code == 0, err
        lines = (tmp_path / out / "results.jsonl").read_text().splitlines()
        results.append([(r["id"], r["summary"], r["scores"]) for r in map(json.loads, lines)])
    assert results[0] == results[1]
    # the documents' dates order them: the earlier one's lead comes first
    assert results[0][0][1].startswith("A new bridge will be built")


@pytest.mark.parametrize("item, message", [
    ({"title": "No text here"}, r"documents\[1\]: no text field \(document, text, article\)"),
    ({"text": "Dated wrong.", "date": "yesterday-ish"}, r"documents\[1\]"),
])
def test_a_bad_document_object_of_a_saved_data_set_is_named_as_in_jsonl(tmp_path, item,
                                                                        message):
    from summarizer.documents import from_hf_dataset

    row = {"id": "c1", "summary": "S.", "documents": [{"text": "Fine text here."}, item]}
    with pytest.raises(InputError, match=rf"^row 0 \(id 'c1'\): {message}"):
        from_hf_dataset([row], text_field="documents", summary_field="summary")


def test_a_number_among_document_objects_is_named(tmp_path):
    from summarizer.documents import from_hf_dataset

    row = {"id": "c1", "documents": [{"text": "Fine text here."}, 3]}
    with pytest.raises(InputError, match=r"documents\[1\] is a number, not a string or an object"):
        from_hf_dataset([row], text_field="documents")


def test_a_null_date_of_a_document_object_is_undated_in_both(tmp_path):
    # a saved struct holds every object's fields: one without a date holds it null, which
    # JSONL reads as undated too (records.check_row_id: a named date's null is no error)
    rows = [dict(_OBJECT_ROWS[0], documents=[{"text": "The council met on Monday.",
                                              "date": "2020-01-01"},
                                             {"text": "Work starts soon, it said.",
                                              "date": None}])]
    saved, jsonl = _saved_and_jsonl(tmp_path, rows)
    from summarizer.evaluation import DatasetOptions
    from summarizer.evaluation.datasets import load_dataset

    opts = DatasetOptions(summary_field="summary", date_field="date")
    from_hf, from_jsonl = (load_dataset(spec, opts).clusters for spec in (f"hf:{saved}", jsonl))
    assert [_read(c) for c in from_hf] == [_read(c) for c in from_jsonl]
    assert [d.date for d in from_hf[0].documents] == ["2020-01-01", None]


# 4. a summary that is one of its cluster's references: scored as given, and said

@pytest.mark.parametrize("options, summary, references, found", [
    ({}, "THE council voted, on day 0, to build a bridge!",
     ["A bridge will be built.", "The council voted on day 0 to build a bridge."], 1),
    ({}, "Bridge a will be built.", ["A bridge will be built."], None),  # another order
    ({}, "A bridge will be built soon.", ["A bridge will be built."], None),
    ({}, "", ["A bridge will be built."], None),  # no token: empty, its own note
    ({"stem": True}, "Bridges are built.", ["Bridge is built.", "bridge are builds"], 1),
    ({"length_words": 3}, "A bridge will fall.", ["A bridge will be built."], 0),
    ({"mode": "rouge-score"}, "A bridge, will be built", ["a BRIDGE will be built."], 0),
    ({"mode": "rouge-score", "metrics": ["rougeLsum"]}, "A bridge.\nIt is built.",
     ["Other words.", "A bridge it is built"], 1),
    ({"tokenizer": "unicode"}, "Most přes řeku.", ["most přes řeku", "Most přes řeky."], 0),
])
def test_a_summary_that_is_a_reference_is_found_as_rouge_counts_tokens(options, summary,
                                                                       references, found):
    from summarizer.metrics import RougeScorer

    scorer = RougeScorer(**options)
    scores, equal = scorer.score_matched(summary, references)
    assert equal == found
    assert scores == RougeScorer(**options).score(summary, references)


@pytest.mark.parametrize("options", [{}, {"options": "-n 2 -2 4 -u -m -s"},
                                     {"mode": "rouge-score"}])
def test_a_summary_is_read_and_tokenised_once_for_its_scores_and_its_match(options,
                                                                          monkeypatch):
    from summarizer.metrics import RougeScorer
    from summarizer.metrics.rouge155.score import Rouge155

    calls: list[str] = []

    def counting(cls):
        real = cls._prepare

        def counted(self, *args, **kwargs):
            calls.append(f"{cls.__name__}._prepare")
            return real(self, *args, **kwargs)

        monkeypatch.setattr(cls, "_prepare", counted)

    counting(RougeScorer)
    counting(Rouge155)
    scorer = RougeScorer(**options)
    refs = [["Other words here."], ["The council voted.", "A bridge will be built."]]
    assert scorer.score_matched(["The council voted.", "A bridge will be built."], refs)[1] == 1
    # each reference once for the core (and then from its cache), the summary once
    core = 0 if options.get("mode") == "rouge-score" else 3
    assert calls == ["RougeScorer._prepare"] + ["Rouge155._prepare"] * core


def _equal_run(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    rows = [{"id": f"c{i}", "documents": [f"The council met on day {i}. It voted to build a "
                                          "new bridge over the river.",
                                          "Work on the bridge starts in May, the council said."],
             "references": [f"The council voted on day {i} to build a bridge.",
                            "A bridge will be built."]} for i in range(4)]
    preds = [{"id": "c0", "summary": "THE council voted, on day 0, to build a bridge!"},
             {"id": "c1", "summary": "A bridge will be built."},
             {"id": "c2", "summary": "The council met."},
             {"id": "c3", "summary": "Bridge a will be built."}]
    data, summaries = tmp_path / "d.jsonl", tmp_path / "preds.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    summaries.write_text("".join(json.dumps(r) + "\n" for r in preds))
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(summaries), "--out",
                            str(out), "--no-progress", *extra])
    return code, err, out


@pytest.mark.parametrize("extra", [(), ("--mode", "rouge-score")])
def test_evaluate_names_the_clusters_whose_summary_is_a_reference(tmp_path, extra):
    code, err, out = _equal_run(tmp_path, *extra)
    assert code == 0, err
    warning = [ln for ln in err.splitlines() if "same text as one of their cluster's" in ln]
    assert len(warning) == 1 and warning[0].startswith("summarizer: warning: 2 of 4 summaries")
    assert warning[0].endswith("'c0', 'c1'")
    report = json.loads((out / "report.json").read_text())
    assert report["summaries_equal_to_reference"] == ["c0", "c1"]
    assert "Note: 2 of 4 summaries are the same text" in (out / "report.md").read_text()
    results = {r["id"]: r for r in map(json.loads, (out / "results.jsonl").read_text()
                                       .splitlines())}
    assert {k: r.get("equals_reference") for k, r in results.items()} == {
        "c0": 0, "c1": 1, "c2": None, "c3": None}
    # scored as before: against both references (c1's summary is the second)
    from summarizer.metrics import RougeScorer, RougeSettings

    scorer = RougeScorer(RougeSettings.from_dict(report["rouge"]["options"]))
    scores = scorer.score(["A bridge will be built."], [
        ["The council voted on day 1 to build a bridge."], ["A bridge will be built."]])
    assert results["c1"]["scores"] == {m: {"r": s.recall, "p": s.precision, "f": s.fmeasure}
                                       for m, s in scores.items()}


def test_a_report_read_back_keeps_the_clusters_and_a_report_without_them_has_none(tmp_path):
    from summarizer.evaluation.report import RunReport, report_markdown

    code, err, out = _equal_run(tmp_path)
    assert code == 0, err
    data = json.loads((out / "report.json").read_text())
    report = RunReport.from_dict(data, "report.json")
    assert report.summaries_equal_to_reference == ["c0", "c1"]
    assert "same text as one of their" in report_markdown(report)
    del data["summaries_equal_to_reference"]  # a report written before
    older = RunReport.from_dict(data, "report.json")
    assert older.summaries_equal_to_reference == []
    assert "same text as one of their" not in report_markdown(older)
    assert "summaries_equal_to_reference" not in older.to_dict()


def test_a_resumed_run_keeps_the_clusters_whose_summary_is_a_reference(tmp_path):
    code, err, out = _equal_run(tmp_path)
    assert code == 0, err
    lines = (out / "results.jsonl").read_text().splitlines()
    (out / "results.jsonl").write_text(lines[0] + "\n" + lines[2] + "\n")  # c1 and c3 to do
    (out / "report.json").unlink()
    (out / "report.md").unlink()
    code, err, out = _equal_run(tmp_path)
    assert code == 0, err
    assert json.loads((out / "report.json").read_text())["summaries_equal_to_reference"] == [
        "c0", "c1"]
