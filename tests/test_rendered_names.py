"""Names from the input (a data set's file name, cluster ids, summary file names) in what
``evaluate``, ``compare`` and ``rouge`` print and write: a terminal escape went out raw
(report.md on stdout, the progress bar, compare's "dropped" line), and a line break split a
line or a table row."""

from __future__ import annotations

from helpers import run_cli, write_jsonl

from summarizer.evaluation.compare import compare_runs, comparison_markdown

TEXT = ("The minister met officials in Panama on Monday to discuss migration. "
        "Officials said the plan would take effect next year.")
ESC = "\x1b]0;title\x07"


def test_evaluate_and_compare_escape_names_from_the_input(tmp_path):
    rows = [{"id": i, "documents": [TEXT], "summary": "The minister met officials."}
            for i in ("a", f"b{ESC}", "c\n## heading")]
    data = write_jsonl(tmp_path / f"d{ESC}.jsonl", rows)
    code, out, err = run_cli(["evaluate", str(data), "--method", "lead", "--words", "20",
                              "--out", str(tmp_path / "all")], lines=None)
    assert code == 0, err
    report = (tmp_path / "all" / "report.md").read_text(encoding="utf-8")
    for text in (out, err, report):
        assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;title\\x07" in report
    code, _, err = run_cli(["evaluate", str(data), "--method", "lead", "--words", "20",
                            "--limit", "1", "--out", str(tmp_path / "one")], lines=None)
    assert code == 0, err
    cmp = compare_runs([tmp_path / "all", tmp_path / "one"], trials=50, resamples=50)
    text = comparison_markdown(cmp)
    dropped = [line for line in text.splitlines() if line.startswith("- dropped")]
    assert len(dropped) == 1 and "dropped 2" in dropped[0]
    assert "\x1b" not in text and not any(line.startswith("## heading")
                                           for line in text.splitlines())


def test_rouge_per_summary_rows_stay_one_line_each(tmp_path):
    (tmp_path / "sys").mkdir()
    (tmp_path / "ref").mkdir()
    for name in ("nl\nline", "plain"):
        (tmp_path / "sys" / name).write_text("The cat sat on the mat.\n", encoding="utf-8")
        (tmp_path / "ref" / f"{name}.A").write_text("A cat sat.\n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(tmp_path / "sys"), str(tmp_path / "ref"),
                              "--per-summary"], lines=None)
    assert code == 0, err
    rows = [line for line in out.splitlines() if "R:" in line]
    assert rows and all(line.startswith(("nl\\nline ", "plain ")) for line in rows)
    assert len({line.index("ROUGE") for line in rows}) == 1  # one column for the metrics
