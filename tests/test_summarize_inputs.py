"""summarizer.summarize(x): paths are loaded, non-text input is an InputError."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarizer
from summarizer.errors import BudgetError, InputError, UnknownLanguageError
from summarizer.languages import count_chars, count_words, word_ends
from summarizer.summarizers.budget import Budget

REPO = Path(__file__).resolve().parents[1]
TEXT = ("The council approved the new budget on Monday. Schools will get more money. "
        "Roads will be repaired next year, the mayor said.")


def test_a_string_naming_a_folder_or_file_is_loaded(tmp_path, monkeypatch):
    by_path = summarizer.summarize(str(REPO / "seeds"), "lead", words=40)
    by_pathlib = summarizer.summarize(REPO / "seeds", "lead", words=40)
    assert by_path.text == by_pathlib.text
    assert "seeds" not in by_path.text  # the folder's text, not the path's
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text("The mayor said roads will be repaired. It will cost a lot.")
    monkeypatch.chdir(tmp_path)
    assert summarizer.summarize("a.txt", "lead", words=8).text == "The council approved the new budget on Monday."
    both = summarizer.summarize(["a.txt", "b.txt"], "lead", sentences=10)
    assert {s.doc_id for s in both.sentences} == {"a.txt", "b.txt"}
    with pytest.raises(InputError, match="names a file or folder but the others are texts"):
        summarizer.summarize([TEXT, "a.txt"])
    with pytest.raises(InputError, match="no such file"):
        summarizer.summarize(tmp_path / "missing.txt")


def test_a_mistyped_path_is_an_error_not_its_own_summary(tmp_path, monkeypatch):
    # "seeds/misisng.txt" named nothing, so it was summarised as a text: the summary was the
    # path itself, and no error said the file was not found
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT)
    for bad, where in [("seeds/missing.txt", ""), ("articles/", ""), ("notes.JSONL", ""),
                       ("page.xhtml", ""), ("notes.ndjson", ""),  # as the loaders read them
                       (["a.txt", "b.txt"], "item 1: "), ([TEXT, "b.txt"], "item 1: ")]:
        name = bad if isinstance(bad, str) else bad[1]
        with pytest.raises(InputError, match=f"^{where}{name}: no such file or folder"):
            summarizer.summarize(bad, "lead", words=20)
    # short texts that are no file name are still texts
    assert summarizer.summarize("Floods hit the north/east.", "lead", words=20).text
    assert summarizer.summarize([TEXT, "N/A. Rain and/or snow fell."], "lead", words=20).text


def test_every_suffix_a_file_is_read_by_names_a_path():
    # the loader's list of file endings was written out again, and lacked ".xhtml" (read
    # as HTML): "page.xhtml", missing, was summarised as a text of one word
    from summarizer.documents.loaders import _FILE_SUFFIXES
    from summarizer.textio import HTML_SUFFIXES, JSONL_SUFFIXES

    assert set(HTML_SUFFIXES + JSONL_SUFFIXES) <= set(_FILE_SUFFIXES)


@pytest.mark.parametrize("bad", [b"bytes text. More.", bytearray(b"x"), {"text": TEXT}, None, 5,
                                 3.5, True, object(), [TEXT, 5], [TEXT, None], [b"x"], []])
def test_non_text_input_is_an_input_error(bad):
    with pytest.raises(InputError):
        summarizer.summarize(bad)


def test_unknown_language_is_an_error():
    with pytest.raises(UnknownLanguageError, match="did you mean 'english'"):
        summarizer.summarize(TEXT, language="englsh")
    assert summarizer.summarize(TEXT, "lead", language="en", words=10).text


def test_word_unit_counts_spaceless_characters():
    assert count_words("The council met on Monday.") == 5
    assert count_words("Grüße  aus\tKöln – 2024") == 5  # exactly len(split()) without CJK
    assert count_words("東京都は月曜日") == 7
    assert count_words("国家 统计局 said") == 6
    assert count_words("กรุงเทพ") == 6  # a vowel mark joins its consonant
    text = "東京都 is big"
    assert [text[:e] for e in word_ends(text)] == ["東", "東京", "東京都", "東京都 is", text]
    assert count_chars("東京 都 a b") == 5


def test_chars_budget():
    b = Budget(chars=5, truncate=True)
    assert b.unit == "chars" and b.limit == 5 and b.describe() == "chars=5,truncate"
    assert b.size(["東京都は", "月曜日"]) == 7 and not b.fits(["東京都は", "月曜日"])
    assert b.cut("月曜日に発表", ["東京都"]) == "月曜"
    assert Budget(words=3, truncate=True).cut("国家统计局周一", []) == "国家统"
    with pytest.raises(BudgetError, match="exactly one of words, chars, bytes or sentences"):
        Budget(words=3, chars=3)
    with pytest.raises(BudgetError, match="absurdly large"):
        Budget(chars=10**9)


ZH = ("国家统计局周一公布的数据显示，今年第三季度经济增长放缓。专家认为，出口下降是主要原因。"
      "政府表示将推出新的刺激措施，以支持中小企业。多家银行已经下调了贷款利率。"
      "分析人士预计，第四季度的增长可能会有所回升。但是房地产市场仍然面临很大压力。")


@pytest.mark.parametrize("method", ["lead", "textrank", "coverage"])
def test_words_budget_on_chinese_does_not_return_the_whole_input(method):
    s = summarizer.summarize(ZH, method, words=60)
    assert 0 < len("".join(s.text.split())) <= 60 < len(ZH)
    s = summarizer.summarize(ZH, method, chars=45, truncate=True)
    assert len("".join(s.text.split())) == 45


TH = ("กรุงเทพมหานครประกาศมาตรการใหม่ในวันจันทร์ เพื่อแก้ปัญหาการจราจรติดขัดในเมือง "
      "ผู้ว่าราชการกล่าวว่าจะเพิ่มรถโดยสารประจำทาง นักวิชาการเห็นว่ามาตรการนี้ยังไม่เพียงพอ")


def test_thai_is_split_at_spaces_and_budgeted_in_characters():
    from summarizer.sentences import split_spans

    assert len(split_spans(TH, "thai")) == 4
    s = summarizer.summarize(TH, "lead", chars=80)
    assert s.sentences and len("".join(s.text.split())) <= 80 < len("".join(TH.split()))
    assert summarizer.summarize(TH, "lead", words=50).text  # not empty, not everything


@pytest.mark.parametrize("keyword", [{"main_content": "no"}, {"main_content": None},
                                     {"truncate": "no"}, {"truncate": 1}])
def test_a_flag_that_is_not_a_bool_is_an_error(keyword):
    """main_content="no" kept the article only and truncate="no" cut the last sentence,
    silently (a truthy string), as rouge(stem="no") once stemmed."""
    with pytest.raises(InputError, match=f"{next(iter(keyword))}' must be bool"):
        summarizer.summarize(["The river rose. Families left."], "lead", **keyword)


def test_language_keyword_wins_over_a_documents_and_a_clusters_own() -> None:
    # A Document alone is English unless told otherwise: language= must not be dropped for it
    import summarizer
    from summarizer.documents import to_cluster
    from summarizer.documents.model import Cluster, Document

    text = ("Le ministre a annoncé lundi une réforme. Les syndicats ont protesté mardi. "
            "Le gouvernement a répondu mercredi.")
    doc = Document(text=text, id="d")
    for data in (doc, Cluster(documents=[Document(text=text, id="d")]), [doc, "Une autre phrase ici."]):
        cluster = to_cluster(data, language="fr")
        assert cluster.language == "french"
        assert {d.language for d in cluster.documents} == {"french"}
    assert doc.language is None  # the caller's objects are not changed: it names none
    summary = summarizer.summarize(doc, "lead", words=20, language="fr")
    assert summary.settings["language"] == "french"
    assert to_cluster(doc).language == "english"  # without the keyword, the object's own
