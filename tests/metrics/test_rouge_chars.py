"""ROUGE truncation in the package's length units: characters, and words of spaceless scripts."""

from __future__ import annotations

import pytest
from helpers import run_cli

from summarizer.errors import RougeOptionError
from summarizer.metrics import make_settings, rouge
from summarizer.metrics.api import truncate

ZH_SYS = "国家统计局周一公布数据。\n经济增长放缓，出口下降。"
ZH_REF = "国家统计局周一公布的数据显示经济增长放缓。"


def test_truncate_counts_each_spaceless_character_as_a_word():
    assert truncate("国家统计局周一公布。\n数据显示。", 3, None) == ["国家统"]
    assert truncate("国家统计局周一公布。\n数据显示。", 12, None) == ["国家统计局周一公布。", "数据"]
    # Text without such characters is cut exactly as before (whitespace tokens).
    assert truncate("The  council met.\nIt approved  the budget.", 5, None) == [
        "The  council met.", "It approved"]


def test_truncate_to_characters():
    assert truncate("国家 统计局\n周一公布", None, None, 4) == ["国家 统计"]
    assert truncate("The council met.\nIt approved.", None, None, 18) == [
        "The council met.", "It ap"]  # 14 + 4 characters


def test_rouge_with_a_character_limit_scores_the_cut_text():
    cut = rouge([ZH_SYS], [[ZH_REF]], tokenizer="unicode", length_chars=8)
    manual = rouge(["国家统计局周一公"], [["国家统计局周一公"]], tokenizer="unicode")
    assert cut.scores.tolist() == manual.scores.tolist()
    assert "|chars:8|" in cut.signature


def test_character_limit_is_recorded_only_when_set():
    plain = make_settings()
    assert "chars" not in plain.signature and "length_chars" not in plain.to_dict()
    assert make_settings(length_chars=10).to_dict()["length_chars"] == 10
    with pytest.raises(RougeOptionError, match="give one length limit"):
        make_settings(length_words=10, length_chars=10)
    message = r"length_chars \(--length-chars\) must be a positive number"
    with pytest.raises(RougeOptionError, match=message):
        make_settings(length_chars=-1)


def test_cli_length_chars(tmp_path):
    (tmp_path / "sys.txt").write_text(ZH_SYS, encoding="gb18030")
    (tmp_path / "ref.txt").write_text(ZH_REF, encoding="utf-8")
    code, out, err = run_cli(["rouge", str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt"),
                              "--tokenizer", "unicode", "--length-chars", "8"])
    assert code == 0, err
    assert "ROUGE-1    1.00000" in out and "chars:8" in out
