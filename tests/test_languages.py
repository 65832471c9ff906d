"""The one language table: names, codes, strict validation, guessing."""

from __future__ import annotations

import pytest
from helpers import traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError, UnknownLanguageError
from summarizer.languages import (
    LANGUAGES,
    PUNKT_LANGUAGES,
    get_language,
    guess_language,
    has_punkt,
    is_spaceless,
    join_text,
    legacy_encodings,
    normalize_language,
)


def test_names_and_codes():
    assert normalize_language("en") == "english"
    assert normalize_language("EN-us") == "english"
    assert normalize_language("English") == "english"
    assert normalize_language(" eng ") == "english"
    assert normalize_language("cs") == "czech"
    assert normalize_language("el") == "greek"
    assert normalize_language("fr_CA") == "french"
    assert normalize_language("ar") == "arabic"
    assert normalize_language("iw") == "hebrew"
    assert normalize_language("hi") == "hindi"
    assert normalize_language("zh-Hans") == "chinese"
    assert normalize_language(None) == "english"
    assert has_punkt("de") and has_punkt("greek") and not has_punkt("arabic")
    assert is_spaceless("ja") and is_spaceless("thai") and not is_spaceless("korean")
    assert legacy_encodings("ru") == ("cp1251", "koi8_r")
    assert legacy_encodings("klingon") == ()


@pytest.mark.parametrize("typo, hint", [("englsh", "english"), ("Frnch", "french"),
                                        ("klingon", None), ("e", None), ("xx-YY", None)])
def test_unknown_language_is_an_error_listing_the_choices(typo, hint):
    with pytest.raises(UnknownLanguageError) as err:
        normalize_language(typo)
    message = str(err.value)
    assert f"unknown language {typo!r}" in message
    assert (f"(did you mean {hint!r}?); known languages" in message) == (hint is not None)
    assert hint is not None or f"unknown language {typo!r}; known languages" in message
    assert all(name in message for name in LANGUAGES)
    assert isinstance(err.value, InputError)


def test_non_string_language_is_an_error():
    with pytest.raises(UnknownLanguageError, match="not int 5"):
        normalize_language(5)  # type: ignore[arg-type]


def test_one_table_every_code_is_unique_and_every_view_derives_from_it():
    codes = [c for lang in LANGUAGES.values() for c in lang.codes]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(LANGUAGES)
    assert PUNKT_LANGUAGES == {n for n, lang in LANGUAGES.items() if lang.punkt}
    for name in LANGUAGES:
        assert get_language(name).name == name


def test_guess_by_script_and_function_words():
    assert guess_language("Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα.") == "greek"
    assert guess_language("国家统计局周一公布的数据显示经济增长放缓。") == "chinese"
    assert guess_language("東京都は月曜日、新しい防災計画を発表した。") == "japanese"
    assert guess_language("กรุงเทพมหานครประกาศมาตรการใหม่ในวันจันทร์") == "thai"
    assert guess_language("Too short.") == "english"


def test_no_import_cycle_between_documents_and_sentences():
    import subprocess
    import sys

    # documents must import without sentences; languages and textio with neither.
    code = ("import sys, summarizer.documents.loaders, summarizer.documents.tac, "
            "summarizer.documents.duc, summarizer.documents.hf, summarizer.documents.make, "
            "summarizer.documents.records, summarizer.textio; "
            "assert 'summarizer.sentences' not in sys.modules, 'documents imports sentences'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bottom_modules_import_nothing_above_them():
    import ast
    from pathlib import Path

    import summarizer

    root = Path(summarizer.__file__).parent
    # values.py (type checks of what was given) stands on errors.py alone, beside textio
    textio = {"summarizer.errors", "summarizer.languages", "summarizer.textio", "summarizer.values"}
    allowed = {path.relative_to(root).as_posix(): textio
               for path in (root / "textio").glob("*.py")}
    allowed["languages.py"] = {"summarizer.errors"}
    allowed["values.py"] = {"summarizer.errors"}
    assert len(allowed) > 5, allowed  # the textio package's modules were found
    for name, ok in allowed.items():
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        found = {"summarizer.textio" if m.startswith("summarizer.textio.") else m for m in found}
        assert {m for m in found if m.startswith("summarizer")} <= ok, (name, found)
    for path in (root / "documents").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not any(m.startswith(("summarizer.sentences", "summarizer.summarizers",
                                     "summarizer.metrics", "summarizer.evaluation")) for m in mods), (path.name, mods)


@pytest.mark.parametrize("text, language", [
    ("دولت ایران می‌گوید که برنامه هسته‌ای این کشور صلح‌آمیز است.", "persian"),
    ("حکومت نے کہا ہے کہ نئی پالیسی اگلے ماہ سے نافذ ہو گی۔", "urdu"),
    ("قال الرئيس إن الحكومة ستستقيل في الأسبوع المقبل بعد الأزمة.", "arabic"),
    ("Уряд України заявив, що нова програма допоможе фермерам і їхнім родинам.", "ukrainian"),
    ("Влада Србије је објавила да ће нови закон ступити на снагу.", "serbian"),
    ("Правительство России заявило, что новая программа поможет фермерам.", "russian"),
])
def test_languages_sharing_a_script_are_told_apart_by_their_letters(text, language):
    # Persian and Urdu were guessed as Arabic, Ukrainian and Serbian as Russian.
    assert guess_language(text) == language


@given(st.lists(st.sampled_from(["東京で地震があった。", "首相は「確認中だ」と述べた。", "经济增长放缓。",
                                 "The talks ended.", "Ο σεισμός χτύπησε.", "भारत जीता।"]),
                min_size=1, max_size=6))
def test_sentences_join_with_a_space_except_where_chinese_or_japanese_meet(sentences):
    # Summaries joined every sentence with a space: "あった。 首相は", a space no
    # Chinese or Japanese text has between sentences.
    text = join_text(sentences)
    assert text.replace(" ", "") == "".join(sentences).replace(" ", "")
    for a, b in zip(sentences, sentences[1:], strict=False):
        cjk = "\u3000" <= a[-1] <= "\u9fff" or "\u3000" <= b[0] <= "\u9fff"
        assert (a + b in text) if cjk else (a + " " + b in text)


def test_a_japanese_summary_has_no_space_between_sentences():
    from summarizer import get_summarizer
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.budget import Budget

    doc = "東京で大きな地震があった。首相は被害の状況を確認していると述べた。鉄道は一時運転を見合わせた。"
    cluster = Cluster(documents=[Document(text=doc, id="d", language="japanese")],
                      language="japanese")
    summary = get_summarizer("lead").summarize(cluster, Budget(sentences=3))
    assert summary.text == doc


def test_guessing_looks_each_distinct_word_up_once_per_language(monkeypatch):
    # the words of a text were looked up in every language's function words one by one,
    # 16 walks of up to 1,000 words for each document of a batch (about 5% of its time);
    # a word that repeats is now looked up once. Same guesses.
    from dataclasses import replace

    from summarizer import languages

    looked_up = [0]

    class Counting(frozenset):
        def __contains__(self, word: object) -> bool:
            looked_up[0] += 1
            return frozenset.__contains__(self, word)

    text = ("The minister said on Monday that the river had risen by two metres, and that "
            "the town of Kemer was safe. ") * 40
    expected = guess_language(text)
    table = tuple(replace(lang, function_words=Counting(lang.function_words))
                  for lang in languages._TABLE)
    monkeypatch.setattr(languages, "_TABLE", table)
    assert guess_language(text) == expected == "english"
    distinct = len({w.strip(",.").lower() for w in text.split()})
    assert looked_up[0] <= distinct * sum(1 for lang in table if lang.function_words)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("the a of and le la de el los und der die il di que et "
                                "a o e na de za je to x y".split()), max_size=40))
def test_guesses_are_the_counts_of_function_words(words):
    from summarizer.languages import _TABLE, DEFAULT_LANGUAGE

    text = " ".join(words)
    scores = sorted(((sum(w in lang.function_words for w in words), lang.name)
                     for lang in _TABLE if lang.function_words), reverse=True)
    (best, name), (second, _) = scores[0], scores[1]
    want = (name if len(words) >= 8 and best >= 0.08 * len(words) and best >= 1.3 * second
            else DEFAULT_LANGUAGE)
    assert guess_language(text) == want


@pytest.mark.parametrize("text, language", [
    # kanji and kana about even, two Latin letters: neither script alone was half the letters
    ("政府は新しい対策を発表した。JR東日本は運転を見合わせている。", "japanese"),
    ("コンピューターのソフトウェアをアップデートした。", "japanese"),  # katakana with ー
    ("Tại Hà Nội, nhiều tuyến phố bị ngập sâu sau mưa lớn kéo dài. Khoảng 1,2 triệu hộ gia "
     "đình bị mất điện. Các trường học ở Hà Nội cho học sinh nghỉ học vào thứ Hai.", "vietnamese"),
    ("İzmir'de etkili olan sağanak yağış nedeniyle birçok ev ve iş yerini su bastı. İtfaiye "
     "ekipleri 150 ihbara müdahale etti. Valilik, okulların çarşamba günü tatil edildiğini "
     "duyurdu.", "turkish"),
    ("Երևանում երկուշաբթի օրը տեղի ունեցավ կառավարության նիստ։", "armenian"),
    ("የኢትዮጵያ ብሔራዊ ሜትሮሎጂ ኢንስቲትዩት ከባድ ዝናብ እንደሚጠበቅ አስታወቀ።", "amharic"),
    ("თბილისში ორშაბათს მთავრობის სხდომა გაიმართა.", "georgian"),
    ("မိုးသည်းထန်စွာရွာသည်။", "burmese"),
    ("ភ្លៀងធ្លាក់ខ្លាំង។", "khmer"),
    ("ຝົນຕົກໜັກໃນແຂວງ", "lao"),
    # a Latin word in a script written without spaces is one unit, as count_words counts
    # it: 13 Han characters against 33 Latin letters of product names was English
    ("苹果周二发布iPhone 15 Pro和iPhone 15 Pro Max。三星随后发布Galaxy S24 Ultra。", "chinese"),
    ("東京でiPhoneの新モデルが発表された。", "japanese"),
])
def test_scripts_and_languages_outside_tac_are_guessed(text, language):
    # All of these were guessed English (and split by English Punkt).
    assert guess_language(text) == language


def test_latin_text_with_a_vietnamese_name_is_not_vietnamese():
    assert guess_language("Hà Nội is the capital of Vietnam, and the city council said on "
                          "Monday that new measures will be taken soon.") == "english"
    assert guess_language("Ankara is the capital of Türkiye and Ağrı is a province in the "
                          "east of the country, officials said on Monday.") == "english"
    assert guess_language("Ministr zahraničí řekl, že vláda bude jednat o nových opatřeních "
                          "příští týden v Praze.") != "vietnamese"


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u3000", "\u2028", "\x85",
                                   "\x1c", "\u1680"])
def test_words_are_parted_by_ascii_whitespace_alone_as_rouge_l_parts_them(space):
    # ROUGE-1.5.5's -l splits on Perl's \s over bytes: "10<no-break space>000" is one word
    from summarizer.languages import count_words, word_ends
    from summarizer.metrics.rouge155.tokenize import perl_fields, to_bytes_view

    text = f"The mayor said 10{space}000 came,\tpolice  said{space}less. "
    assert count_words(text) == len(list(perl_fields(to_bytes_view(text.strip())))) == 7
    assert text[:word_ends(text)[3]] == f"The mayor said 10{space}000"
    # in a script without spaces each character is still a word, whatever space parts them
    assert count_words(f"中文{space}中文 abc") == 5 == len(word_ends(f"中文{space}中文 abc"))


# words, ASCII and other spaces, spaceless scripts, control characters
_PIECES = ["a", "bc", " ", "  ", "\n", "\t", "\r", "\u00a0", "\u3000", "\x1c", "中", "タ", "ก",
           "é", "\x00"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join), st.integers(1, 9))
def test_words_counted_a_block_at_a_time_are_the_whole_texts_count(text, block):
    # the blocks cut only after ASCII whitespace, so a count summed over them is the
    # whole text's whatever the script, the spaces or where a block would end
    from summarizer.languages import _count_words, whitespace_tokens, word_blocks

    pieces = list(word_blocks(text, block))
    assert "".join(pieces) == text
    assert sum(_count_words(p) for p in pieces) == _count_words(text)
    assert sum(len(p.split()) for p in pieces) == len(text.split())
    assert whitespace_tokens(text) == len(text.split())


def test_counting_the_words_of_a_long_text_holds_no_list_of_them():
    # evaluate and batch count a cluster's input words: len(text.split()) of a 50 MB
    # document held its 8 million words at once (~500 MB, twice the rest of the run)
    from summarizer.languages import count_words, whitespace_tokens

    text = "ab cd. " * 300_000  # 2.1 MB, 600,000 words: a list of them is ~40 MB
    with traced_memory() as mem:
        counts = count_words(text), whitespace_tokens(text)
    assert counts == (600_000, 600_000)
    assert mem.peak < 4_000_000, mem.peak


def test_a_han_name_in_english_text_leaves_it_english():
    text = "The Chinese leader 习近平 met Joe Biden in San Francisco on Wednesday to discuss trade."
    assert guess_language(text) == "english"


def test_a_spaceless_scripts_mark_on_another_letter_stays_on_it():
    # a Thai tone mark after a Latin letter was a word of its own, and a words budget cut
    # "Wi" from its mark; a run of other characters is one word, a grapheme at a time
    from summarizer.documents.model import Cluster, Document
    from summarizer.languages import count_words, word_ends
    from summarizer.summarizers import Budget, get_summarizer

    text = "Fans cheered Wi\u0e48fi loudly."
    assert count_words(text) == 4 == len(word_ends(text))
    summary = get_summarizer("lead").summarize(Cluster([Document(text, id="d")]),
                                               Budget(words=3, truncate=True))
    assert summary.text == "Fans cheered Wi\u0e48fi"


def test_a_no_break_space_parts_no_word_beside_a_spaceless_character_either():
    # it parted "abc\u00a0def" once a CJK character was in its token: sentences joined with
    # no space where CJK meets then held more words than each alone, past a words budget
    from summarizer.documents.model import Cluster, Document
    from summarizer.languages import count_words, word_ends
    from summarizer.summarizers import Budget, get_summarizer

    assert count_words("中abc\u00a0def") == 2 == count_words("中 abc\u00a0def")
    assert word_ends("中abc\u00a0def") == [1, 8]
    text = "café\u00a0café\u00a0https://example.com/path. （新华社）. café."
    for words in range(1, 6):
        summary = get_summarizer("lead").summarize(Cluster([Document(text, id="d")]),
                                                   Budget(words=words, truncate=True))
        assert count_words(summary.text) <= words


_JOINED = ["a", "bc", " ", "\u00a0", "\u3000", "中", "タ", "ก", "\u0e48", "é", "。", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_JOINED), min_size=1, max_size=12).map("".join),
                min_size=1, max_size=4))
def test_sentences_joined_never_hold_more_words_than_each_alone(sentences):
    from summarizer.languages import count_words, join_text

    sentences = [s.strip(" ") for s in sentences if s.strip()]
    assert count_words(join_text(sentences)) <= sum(count_words(s) for s in sentences)


def test_a_long_run_beside_a_spaceless_character_is_counted_in_bounded_memory():
    # one match of the whole run kept regex's state for each character: 108 MB for a
    # million characters, and a 5 MB run (a data URI after a Chinese word) ran out of memory
    from summarizer.languages import count_words, word_ends

    text = "数据" + "x" * 1_000_000 + "\u00a0y中"
    with traced_memory() as mem:
        counted, ends = count_words(text), word_ends(text)
    assert counted == 4 and ends == [1, 2, len(text) - 1, len(text)]
    assert mem.peak < 20_000_000, mem.peak


_MIXED = ["a", "bc", "\u00a0", "\u3000", "\u2009", "中", "タ", "ก", "\u0e48", "é", "e\u0301",
          "。", "1", "\x1c", "\U0001f600", "\u200d"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MIXED), max_size=40).map("".join))
def test_a_run_read_in_chunks_is_the_words_of_one_read_whole(text):
    # runs beside spaceless characters are matched in chunks of graphemes and joined: any
    # chunk size gives the words one match of the whole run gives
    from summarizer import languages

    whole = (languages.word_ends(text), languages.count_words(text))
    saved = languages._RUN_CHUNK
    try:
        for chunk in (1, 2, 3):
            languages._RUN_CHUNK = chunk
            languages._patterns.cache_clear()
            assert (languages.word_ends(text), languages.count_words(text)) == whole
    finally:
        languages._RUN_CHUNK = saved
        languages._patterns.cache_clear()
