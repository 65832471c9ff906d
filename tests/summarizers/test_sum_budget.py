"""Budgets: the hard cap over many budgets, exact truncation, DUC/TAC settings."""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import ALL_METHODS

from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget


def _budgets(seed: int, n: int) -> list[Budget]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        unit = rng.choice(["words", "bytes", "sentences"])
        if unit == "words":
            out.append(Budget(words=rng.randint(1, 300), truncate=rng.random() < 0.5))
        elif unit == "bytes":
            out.append(Budget(bytes=rng.randint(1, 2000), truncate=rng.random() < 0.5))
        else:
            out.append(Budget(sentences=rng.randint(1, 20)))
    return out


@pytest.mark.parametrize("method", ALL_METHODS)
def test_hard_cap_never_exceeded(method, seed_cluster, flood):
    summ = get_summarizer(method)
    for i, budget in enumerate(_budgets(7 + len(method), 25)):
        for cluster in (seed_cluster, flood):
            summary = summ.summarize(cluster, budget)
            texts = [s.text for s in summary.sentences]
            assert budget.size(texts) <= budget.limit, (budget, i)
            assert budget.size([summary.text]) <= budget.limit or budget.unit == "sentences"


@pytest.mark.parametrize("method", ["lead", "coverage", "mmr"])
def test_truncation_fills_words_exactly(method, seed_cluster):
    for words in (1, 7, 33, 100, 250):
        summary = get_summarizer(method).summarize(seed_cluster, Budget(words=words, truncate=True))
        assert len(summary.text.split()) == words
        cut = [s for s in summary.sentences if s.truncated]
        assert len(cut) <= 1 and (not cut or cut[0] is summary.sentences[-1])
        doc = seed_cluster.documents[0].text
        for s in summary.sentences:
            assert doc[s.start:s.end] == s.text


@pytest.mark.parametrize("nbytes", [1, 50, 200, 665, 1500])
def test_truncation_fills_bytes(nbytes, seed_cluster):
    summary = get_summarizer("coverage").summarize(seed_cluster, Budget(bytes=nbytes, truncate=True))
    size = len(summary.text.encode("utf-8"))
    # exact up to a multi-byte character or a space dropped at the cut
    assert nbytes - 4 <= size <= nbytes


def test_without_truncation_only_whole_sentences(seed_cluster):
    summary = get_summarizer("coverage").summarize(seed_cluster, Budget(words=100))
    assert not any(s.truncated for s in summary.sentences)
    doc = seed_cluster.documents[0].text
    for s in summary.sentences:
        assert doc[s.start:s.end] == s.text and s.text.rstrip()[-1] in ".!?”\"'"


def test_duc_and_tac_budgets_are_expressible(flood):
    for budget in (Budget(words=100), Budget(bytes=665, truncate=True), Budget(words=250)):
        assert budget.size([get_summarizer("coverage").summarize(flood, budget).text]) <= budget.limit


def test_budget_cut_is_an_exact_prefix():
    budget = Budget(words=5, truncate=True)
    text = "One  two\nthree four five six seven."
    assert budget.cut(text, []) == "One  two\nthree four five"
    assert budget.cut(text, ["a b c d e"]) == ""
    assert Budget(bytes=9, truncate=True).cut("déjà vu again", []) == "déjà vu"
    assert Budget(bytes=8, truncate=True).cut("déjà vu again", []) == "déjà v"
    assert Budget(bytes=5, truncate=True).cut("déjà vu again", []) == "déj"  # no half "à"
    assert Budget(bytes=8, truncate=True).cut("déjà vu again", ["x"]) == "déjà"


def test_budget_smaller_than_every_sentence_is_explained() -> None:
    import summarizer

    text = "This is a rather long sentence that will not fit the tiny budget at all."
    empty = summarizer.summarize(text, "lead", words=5)
    assert empty.text == "" and "no whole sentence fits" in empty.settings["note"]
    cut = summarizer.summarize(text, "lead", words=5, truncate=True)
    assert cut.text == "This is a rather long" and "note" not in cut.settings


def test_filler_rule_skips_without_truncation_and_cuts_with_it():
    from summarizer.summarizers.budget import fill_budget

    cands = list(enumerate(["a b c", "d e f g h", "i j", "k l m n"]))
    skip = fill_budget(cands, Budget(words=6))
    assert skip.taken == [0, 2] and skip.cut is None  # 1 does not fit: skipped, 2 still fits
    cut = fill_budget(cands, Budget(words=6, truncate=True))
    assert cut.taken == [0] and cut.cut == 1 and cut.sentences == ["a b c", "d e f"]
    assert cut.done
    running = fill_budget(cands, Budget(words=6), running_text=True)
    assert running.taken == [0] and running.cut is None and running.done
    full = fill_budget(cands, Budget(words=3, truncate=True))
    assert full.taken == [0] and full.cut is None and full.done  # full: nothing offered after
    sents = fill_budget(cands, Budget(sentences=2))
    assert sents.taken == [0, 1] and sents.done


def test_filler_makes_no_empty_cut():
    from summarizer.summarizers.budget import Filler

    filler = Filler(Budget(bytes=6, truncate=True))
    assert filler.offer("x", "abcde")
    assert not filler.offer("y", "fghij")  # only the joining space is left
    assert filler.done and filler.cut is None and filler.sentences == ["abcde"]


@pytest.mark.parametrize("method", ALL_METHODS)
def test_every_method_cuts_at_most_once_and_last(method, seed_cluster, flood):
    for cluster in (seed_cluster, flood):
        for budget in (Budget(words=37, truncate=True), Budget(bytes=301, truncate=True)):
            summary = get_summarizer(method).summarize(cluster, budget)
            flags = [s.truncated for s in summary.sentences]
            assert sum(flags) <= 1 and (not any(flags) or flags[-1])


# Pieces whose code points a reader sees as one character: NFD accents, Indic
# conjuncts and vowel signs, Thai tone marks and SARA AM, emoji ZWJ sequences,
# flags, Hangul jamo.
_CLUSTERS = ["e\u0301", "भा", "क्ष", "त्रि", "ที่", "กำ", "ສຳ", "👩\u200d👩\u200d👧", "🇯🇵",
             "👍🏽", "\u1100\u1161", "が", "中", "a", "z", " ", "Ω", "ب", "\u200c"]


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.sampled_from(_CLUSTERS), min_size=1, max_size=30),
       unit=st.sampled_from(["chars", "bytes", "words"]), limit=st.integers(1, 60))
def test_cut_never_splits_a_grapheme(pieces, unit, limit):
    # Cuts counted code points or bytes: 1 char of "भारत" gave "भ" without
    # its vowel sign, "cafe\u0301" lost its accent, a family emoji became "👩\u200d".
    text = "".join(pieces).strip()
    if not text:
        return
    budget = Budget(**{unit: limit}, truncate=True)
    part = budget.cut(text, [])
    assert text.startswith(part)
    assert part == "" or budget.fits([part])
    ends = {0, len(text)} | {m.end() for m in regex.finditer(r"\X", text)}
    assert len(part) in ends, (text, part)


_PIECES = st.lists(st.sampled_from(["a", "bc", " ", "中", "é", "👍🏽", "  d"]), max_size=6).map("".join)


@settings(max_examples=120, deadline=None)
@given(texts=st.lists(_PIECES, max_size=10), unit=st.sampled_from(["words", "chars", "bytes",
                                                                     "sentences"]),
       limit=st.integers(1, 30), truncate=st.booleans(), running=st.booleans())
def test_a_filler_takes_what_the_size_of_all_its_texts_allows(texts, unit, limit, truncate,
                                                                running):
    """The filler keeps the size of what it took as it goes (each text counted once, not
    all of them again at every offer): the same choices as measuring the whole summary."""
    from summarizer.summarizers.budget import fill_budget

    budget = Budget(**{unit: limit}, truncate=truncate and unit != "sentences")
    got = fill_budget(enumerate(texts), budget, running_text=running)
    taken: list[str] = []
    keys: list[int] = []
    for key, text in enumerate(texts):  # the rule as Budget.fits states it
        if budget.fits(taken + [text]):
            taken.append(text)
            keys.append(key)
            if budget.size(taken) >= budget.limit:
                break
        elif budget.truncate or running or unit == "sentences":
            break
    assert got.taken == keys and got.texts == taken
    assert got.used == budget.size(taken)


def test_a_filler_counts_each_offered_text_once(monkeypatch):
    # a coverage summary offers ~100 sentences a cluster; each offer counted the words of
    # every sentence taken before it again
    from summarizer.summarizers import budget as budget_module
    from summarizer.summarizers.budget import fill_budget

    counted: list[str] = []
    count = budget_module.count_words
    monkeypatch.setattr(budget_module, "count_words", lambda t: counted.append(t) or count(t))
    texts = [f"Sentence {i} has five words." for i in range(20)]
    filled = fill_budget(enumerate(texts), Budget(words=60))
    assert filled.taken == list(range(12)) and counted == texts[:12]  # then it is full


def test_passes_over_counts_only_the_text_offered(monkeypatch):
    # fill() asks it of every ranked sentence (300,000 on a long text); it counted the words
    # of every sentence taken before each one again
    from summarizer.summarizers import budget as budget_module
    from summarizer.summarizers.budget import Filler

    counted: list[str] = []
    count = budget_module.count_words
    monkeypatch.setattr(budget_module, "count_words", lambda t: counted.append(t) or count(t))
    filler = Filler(Budget(words=6))
    texts = ["one two three", "four five", "six seven eight", "nine"]
    for key, text in enumerate(texts):
        if not filler.passes_over(text):
            filler.offer(key, text)
    assert filler.taken == [0, 1, 3]
    assert counted == sorted(counted, key=texts.index)  # never an earlier text again


# Seventh audit: provenance in any script. Offsets into the document stay exact and fall
# on grapheme-cluster boundaries with combining marks, ZWJ emoji sequences, flags,
# skin tones, characters outside the BMP, right-to-left marks and scripts without spaces.
_PIECES = ["The council met on Monday.", "国家统计局周一公布了数据。", "首相は「確認中だ」と述べた。",
           "กรมอุตุนิยมวิทยาประกาศเตือนภัย", "ชาวบ้านกว่า ๓,๐๐๐ ครัวเรือน", "قال الوزير إن الحكومة ستستقيل.",
           "\u200fשלום עולם.\u200f", "मौसम विभाग ने कहा।", "Cafe\u0301 re\u0301sume\u0301 opened.",
           "👨\u200d👩\u200d👧\u200d👦", "👍🏽", "🇺🇸🇨🇳", "🏳️\u200d🌈", "𠀀𠀁𠀂", "𝕏 posted.", "기상청은 월요일 밝혔다.",
           "«Это революция», — заявил он.", " ", "\n", "\n\n", "。", "a\u0308\u0301"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join),
                min_size=1, max_size=3),
       st.sampled_from(["words", "chars", "bytes"]), st.integers(1, 60),
       st.sampled_from(["english", "chinese", "thai", "arabic", "hebrew", "japanese"]),
       st.sampled_from(["coverage", "lead"]))
def test_provenance_is_exact_in_every_script(texts, unit, limit, language, method):
    from summarizer.documents.model import Cluster, Document
    from summarizer.errors import InputError

    docs = [Document(text=t, id=f"d{i}", language=language) for i, t in enumerate(texts)]
    try:
        summary = get_summarizer(method).summarize(
            Cluster(documents=docs, language=language), Budget(**{unit: limit}, truncate=True))
    except InputError:  # emoji and marks only: no sentence to summarise
        return
    grapheme = regex.compile(r"\X")
    for s in summary.sentences:
        source = docs[int(s.doc_id[1:])].text
        assert source[s.start:s.end] == s.text
        bounds = {m.start() for m in grapheme.finditer(source)} | {len(source)}
        assert s.start in bounds and s.end in bounds


@pytest.mark.parametrize("text, language, punctuated", [
    ("Հանրապետության կառավարությունը հաստատեց նոր բյուջեն երկար քննարկումից հետո։", "hy", True),
    ("የከተማው ምክር ቤት አዲሱን በጀት ከረጅም ክርክር በኋላ አጸደቀ።", "am", True),
    ("the council met on monday and approved the new budget after a long debate", "en", False),
])
def test_the_empty_summary_note_knows_each_languages_sentence_marks(text, language, punctuated):
    # The note read sentence punctuation from a list of its own, without the Armenian
    # and Ethiopic full stops that end these sentences, and said they had none; it reads
    # the splitter's (sentence_ends.ends_sentence).
    import summarizer

    note = summarizer.summarize(text, "lead", words=2, language=language).settings["note"]
    assert ("it has no sentence punctuation" in note) is not punctuated


def test_no_summary_holds_more_characters_than_the_largest_chars_budget(monkeypatch):
    # a run of letters without a space is one "word": under words=50 a 52 MB one became
    # the whole summary; whatever the unit, a summary holds at most MAX_CHARS characters
    from summarizer.summarizers import budget as budget_module
    from summarizer.summarizers.budget import Filler, fill_budget, holds_chars

    monkeypatch.setattr(budget_module, "MAX_CHARS", 100)
    run, short = "x" * 150, "a b c"
    words = fill_budget(enumerate([run, short]), Budget(words=50))
    assert words.taken == [1] and words.sentences == [short]  # skipped, as one too long is
    cut = fill_budget(enumerate([run, short]), Budget(words=50, truncate=True))
    assert cut.taken == [1] and cut.cut is None  # a words cut stays whole: passed over
    sents = fill_budget(enumerate([short, run, short]), Budget(sentences=5))
    assert sents.taken == [0, 2] and not sents.done  # not full: passed over too
    assert Filler(Budget(sentences=5)).passes_over(run)
    assert not Filler(Budget(sentences=5)).passes_over(short)
    # the bound is on the whole summary, in characters other than whitespace
    filler = Filler(Budget(words=50))
    assert filler.offer(0, "y" * 60) and not filler.offer(1, "z" * 41)
    assert filler.offer(2, "z " * 40) and filler.chars == 100
    assert filler.passes_over("w")  # it is full in characters, not in words
    assert not holds_chars(60, "z" * 41) and holds_chars(60, "z " * 40)
    assert not holds_chars(0, " ".join(["y" * 60, "z" * 41]))  # several: joined by a space


def test_a_text_of_one_enormous_word_gives_pieces_within_the_bound(tmp_path):
    # a run of 1.1 million letters was one sentence over the 1,000,000-character bound and
    # gave an empty summary (exit 3); the splitter now cuts it into pieces of at most 1,000
    from helpers import run_cli

    import summarizer
    from summarizer.summarizers.budget import MAX_CHARS

    text = " ".join(f"{chr(97 + i % 26) * 7}{i}" * 100 for i in range(1500))  # 1.2 M, no end
    for budget in (dict(words=50), dict(sentences=2000), dict(bytes=300, truncate=True)):
        got = summarizer.summarize(text, "lead", **budget)
        assert got.text and len(got.text.replace(" ", "")) <= MAX_CHARS, budget
        assert max(len(s.text) for s in got.sentences) <= 1000
    # beside sentences of usual length, every method summarises it (ilp too, whose
    # solver adds up words alone), with truncation too
    mixed = f"The mayor opened the bridge on Sunday. {'q' * 1_100_000}. Crowds cheered as cars crossed."
    for method in [*ALL_METHODS, "ilp"]:
        for truncate in (False, True):
            got = summarizer.summarize(mixed, method, words=50, truncate=truncate)
            assert got.text and len(got.text.replace(" ", "")) <= MAX_CHARS, (method, truncate)
    (tmp_path / "run.txt").write_text("q" * 1_100_000, encoding="utf-8")
    code, out, err = run_cli(["summarize", str(tmp_path / "run.txt"), "--words", "50"],
                             lines=None)
    assert code == 0 and 0 < len(out.strip()) <= 1000 * 50 + 50, err


def test_ilp_keeps_a_summary_of_several_long_sentences_to_the_bound(monkeypatch):
    # ilp's solver adds up the budget's unit alone: three sentences each under MAX_CHARS
    # were all chosen under sentences=3, over it together; the lowest-scored are left out
    import summarizer
    from summarizer.documents import Cluster, Document
    from summarizer.languages import count_chars
    from summarizer.summarizers import budget as budget_module

    monkeypatch.setattr(budget_module, "MAX_CHARS", 150)
    text = ("The council approved the new city budget for schools and roads on Monday. "
            "The mayor said the city budget for schools would grow again next year. "
            "Roads and schools take most of the new city budget, the council said. ")
    cluster = Cluster(documents=[Document(text=text, id=f"d{i}") for i in range(3)], id="c")
    got = summarizer.summarize(cluster, "ilp", sentences=3)
    assert 1 <= len(got.sentences) < 3 and count_chars(got.text) <= 150


def test_ilp_chooses_the_best_summary_within_the_character_bound(monkeypatch):
    # the bound is a row of ilp's program: trimming its sentences=3 choice (all three)
    # to the best-scored one kept the long sentence alone (7 concepts) where the two
    # short ones hold 10 within it
    import summarizer
    from summarizer.documents import Cluster, Document
    from summarizer.languages import count_chars
    from summarizer.summarizers import budget as budget_module

    monkeypatch.setattr(budget_module, "MAX_CHARS", 150)
    long = ("{} parliamentarians decentralisation incomprehensible misunderstanding "
            "responsibilities characterisation photosynthesised thermodynamicist.")
    farm = "{} farmers harvested golden wheat beside rivers."
    health = "{} doctors vaccinated young children every winter."
    days = ("Monday", "Tuesday", "Friday")  # three documents: every bigram is a concept
    cluster = Cluster(documents=[Document(text=" ".join(t.format(d) for t in (long, farm, health)),
                                          id=d) for d in days], id="c")
    got = summarizer.summarize(cluster, "ilp", sentences=3, lead_weight=0, position_decay=0)
    assert got.settings["solver"] == "ilp (HiGHS, optimal)"
    assert sorted(s.text.split()[1] for s in got.sentences) == ["doctors", "farmers"]
    assert count_chars(got.text) <= 150


def test_filler_counts_a_taken_sentences_characters_once(monkeypatch):
    # the bound's check counted a sentence past the quick length test, and taking it
    # counted it again; one count serves both
    from summarizer.summarizers import budget as budget_module
    from summarizer.summarizers.budget import Filler

    monkeypatch.setattr(budget_module, "MAX_CHARS", 100)
    counted: list[str] = []
    count = budget_module.count_chars
    monkeypatch.setattr(budget_module, "count_chars", lambda t: counted.append(t) or count(t))
    filler = Filler(Budget(words=100))
    assert filler.offer(0, "y " * 45)  # 90 long: within the bound before any count
    assert filler.offer(1, "z " * 40)  # 45 + 80 long: counted to be known to hold
    assert not filler.offer(2, "w" * 56)  # 45 + 40 + 56: over, passed over
    assert counted == ["y " * 45, "z " * 40, "w" * 56] and filler.chars == 85
