"""evaluate with a character budget on Chinese clusters (a JSONL in GB18030)."""

from __future__ import annotations

import json

from helpers import error_line, run_cli

ZH = ["国家统计局周一公布的数据显示，今年第三季度经济增长放缓。专家认为，出口下降是主要原因。",
      "政府表示将推出新的刺激措施，以支持中小企业。多家银行已经下调了贷款利率。"]


def test_evaluate_chars_budget_and_unicode_rouge(tmp_path):
    data = tmp_path / "zh.jsonl"
    rows = [{"id": f"c{i}", "documents": ZH, "references": ["经济增长放缓，出口下降。"]}
            for i in range(2)]
    data.write_bytes("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("gb18030"))
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(data), "--method", "lead", "--chars", "30",
                            "--language", "zh", "--tokenizer", "unicode", "--length-chars", "30",
                            "--out", str(out), "--no-progress"])
    assert code == 0, err
    results = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    for r in results:
        text = r["summary"] if isinstance(r["summary"], str) else " ".join(r["summary"])
        assert 0 < len("".join(text.split())) <= 30
    settings = json.loads((out / "run.json").read_text())["settings"]
    assert settings["budget"]["unit"] == "chars"
    assert settings["rouge"]["length_chars"] == 30


def test_evaluate_language_typo_fails_first(tmp_path):
    code, _, err = run_cli(["evaluate", str(tmp_path / "missing.jsonl"), "--language", "englsh"])
    assert code != 0 and "unknown language 'englsh'" in error_line(err)


def test_non_latin_scores_of_the_default_tokeniser_come_with_a_note(tmp_path):
    # rouge-score mode drops non-ASCII letters as ROUGE-1.5.5 does: Hebrew scored 0
    # and, unlike rouge155 mode, the report said nothing about why.
    he = ["הממשלה הודיעה היום על תוכנית חדשה לחקלאים. ראש הממשלה אמר שהתוכנית תעזור להם.",
          "התוכנית תיכנס לתוקף בחודש הבא. החקלאים בירכו על ההחלטה של הממשלה."]
    data = tmp_path / "he.jsonl"
    data.write_text(json.dumps({"id": "c", "documents": he, "references": [he[1]]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    for mode, own in (("rouge155", "ROUGE-1.5.5's"), ("rouge-score", "rouge-score's")):
        out = tmp_path / mode
        code, _, err = run_cli(["evaluate", str(data), "--language", "he", "--mode", mode,
                                "--out", str(out), "--no-progress", "--resamples", "10"])
        assert code == 0, err
        report = (out / "report.md").read_text(encoding="utf-8")
        assert f"Note: {own} own tokeniser keeps only ASCII letters" in report
        assert "--tokenizer unicode" in report
