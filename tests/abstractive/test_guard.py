"""The faithfulness guard in the abstractive summariser: flag, drop, off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from summarizer.documents.model import Cluster
from summarizer.errors import UnknownMethodError
from summarizer.faithfulness import FaithfulnessChecker
from summarizer.summarizers.abstractive import AbstractiveSummarizer
from summarizer.summarizers.abstractive.guard import guarded_fit, to_sentence
from summarizer.summarizers.budget import Budget

REPO = Path(__file__).resolve().parents[2]
SOURCES = Cluster.from_texts([
    "Barack Obama met officials of the United States in Washington on September 24. "
    "The deal is worth 3,200,000,000 dollars.",
    "China sent 150,422 people to the border. The talks ended without an agreement.",
])
GENERATED = ("Smith said 3 trillion leis were paid. Obama's deal was worth $3.2 billion. "
             "China sent 150,422 people to the border. The talks ended")


def run(guard, words=40):
    return guarded_fit(GENERATED, SOURCES, Budget(words=words), guard,
                       FaithfulnessChecker(embeddings=False))


def test_flag_keeps_the_text_and_reports():
    fitted, checks, info = run("flag")
    assert fitted.sentences[0].startswith("Smith said")
    assert [c.supported for c in checks] == [False, True, True]
    assert {i.text for i in checks[0].unsupported} == {"Smith", "3 trillion"}
    assert info["unsupported_sentences"] == 1 and info["guard"] == "flag"


def test_drop_refills_the_budget_from_the_rest():
    fitted, checks, info = run("drop", words=16)
    # the unsupported first sentence is gone; the next sentences fill its room
    assert fitted.sentences == ["Obama's deal was worth $3.2 billion.",
                                "China sent 150,422 people to the border."]
    assert all(c.supported for c in checks)
    assert [d["text"] for d in info["dropped"]] == ["Smith said 3 trillion leis were paid."]
    assert any("dropped 1" in n for n in fitted.notes)


def test_off_checks_nothing():
    fitted, checks, info = run("off")
    assert info is None and checks == [None] * len(fitted.sentences)


def test_unknown_guard_is_a_typed_error():
    with pytest.raises(UnknownMethodError, match="unknown guard"):
        AbstractiveSummarizer(guard="maybe")


def test_summary_and_cli_carry_the_report(tiny_models, monkeypatch):
    s = AbstractiveSummarizer(model=str(tiny_models["bart"]), strategy="direct", device="cpu",
                              guard_embeddings=False)
    summary = s.summarize(SOURCES, Budget(words=20))
    assert summary.faithfulness["guard"] == "flag"
    assert summary.faithfulness["sentences"] == len(summary.sentences)
    for sent in summary.sentences:
        # evidence: the source sentences of some support (none, for the random model's
        # words that no source shares)
        assert sent.supported is not None
        assert all(e["doc_id"] in {"doc0", "doc1"} and e["score"] > 0 for e in sent.evidence)
        assert sent.supported is False or sent.evidence
    # as README says: generated text is in no document; its provenance is sources/evidence
    for sent in json.loads(json.dumps(summary.to_dict()))["sentences"]:
        assert [sent[k] for k in ("doc_id", "sentence_index", "start", "end")] == [None] * 4
        assert sent["sources"] == [list(s) for s in summary.sentences[0].sources] != []
    assert summary.to_dict()["faithfulness"]["settings"]["embeddings"] is False
    monkeypatch.chdir(REPO)
    code, stdout, err = run_cli(["summarize", "seeds/panama_migration_meeting.txt", "--method",
                                 "abstractive", "--model", str(tiny_models["bart"]), "--strategy",
                                 "direct", "--words", "20", "--format", "json", "--guard", "off"],
                                lines=None)  # the model's notes, a line each
    assert code == 0, err
    out = json.loads(stdout)
    assert "faithfulness" not in out and out["settings"]["guard"] == "off"


def test_cli_marks_unsupported_sentences(tiny_models, monkeypatch):
    # random weights write text no source supports: every kept sentence is marked
    monkeypatch.chdir(REPO)
    code, out, err = run_cli(["summarize", "seeds/panama_migration_meeting.txt", "--method",
                              "abstractive", "--model", str(tiny_models["llama"]), "--strategy",
                              "direct", "--words", "30"], lines=None)  # a note a line
    assert code == 0 and out.strip(), err
    assert "[unsupported:" in out or "[weakly supported]" in out
    assert "not supported by the sources" in err


def test_the_cli_note_counts_the_summarys_sentences(tiny_models, monkeypatch):
    # "1 of 1 generated sentence(s) not supported" where the model generated 3, all
    # unsupported, and the budget kept 1: the count is of the summary's sentences
    from summarizer.summarizers.abstractive.generation import Generator

    monkeypatch.chdir(REPO)
    monkeypatch.setattr(Generator, "_run", lambda self, batch, *a, **k: [
        ("Smith said 3 trillion leis were paid. The mayor of Kestrelton resigned. "
         "Jones sold 7 ships.", 20)] * len(batch))
    args = ["summarize", "seeds/panama_migration_meeting.txt", "--method", "abstractive",
            "--model", str(tiny_models["llama"]), "--strategy", "direct", "--words", "8"]
    code, stdout, err = run_cli(args + ["--format", "json"], lines=None)
    assert code == 0, err
    out = json.loads(stdout)
    assert out["coverage"]["output"]["generated_sentences"] == 3
    assert len(out["sentences"]) == out["faithfulness"]["sentences"] == 1
    note = next(line for line in err.splitlines() if "not supported by the sources" in line)
    assert note == ("summarizer: note: 1 of the summary's 1 sentence(s) not supported by the "
                    "sources (marked)")


def test_drop_records_every_sentence_it_does_not_keep():
    # A bullet line without final punctuation in the middle and a sentence cut by the
    # token cap at the end: flag keeps the first and reports the second as incomplete;
    # drop left both out of its candidates and so out of every record (the output
    # report said 2 sentences generated, none incomplete, for 5 generated).
    generated = ("Key points:\n- China sent 150,422 people to the border\n"
                 "Smith said 3 trillion leis were paid. The talks ended without an agreement. "
                 "Obama met officials in")
    flagged, _, _ = guarded_fit(generated, SOURCES, Budget(words=60), "flag",
                                FaithfulnessChecker(embeddings=False))
    fitted, checks, info = guarded_fit(generated, SOURCES, Budget(words=60), "drop",
                                       FaithfulnessChecker(embeddings=False))
    report = fitted.report()
    assert report["generated_sentences"] == flagged.generated_sentences == 5
    dropped = [d["text"] for d in info["dropped"]]
    assert "Smith said 3 trillion leis were paid." in dropped
    assert all(c.supported for c in checks)
    # each generated sentence is kept, or counted under exactly one reason
    assert (report["kept_sentences"] + report["dropped_incomplete"] + report["dropped_over_budget"]
            + report["dropped_unsupported"]) == 5
    assert report["dropped_unsupported"] == len(dropped)
    assert "- China sent 150,422 people to the border" in fitted.sentences + dropped
    assert report["dropped_incomplete"] >= 1  # "Obama met officials in"


def test_drop_never_gives_back_an_unchecked_fallback():
    # When no complete sentence is left, the fallback (the first sentence, noted) may only
    # come from sentences the guard kept: an unsupported fragment is not given, and it is
    # recorded as what it is, cut by the token cap
    fitted, checks, info = guarded_fit("Smith said 3 trillion leis were", SOURCES,
                                       Budget(words=40), "drop",
                                       FaithfulnessChecker(embeddings=False))
    assert fitted.sentences == [] and checks == []
    assert info["dropped"] == []
    assert fitted.report()["generated_sentences"] == fitted.report()["dropped_incomplete"] == 1
    # a supported fragment is given, noted, as under flag
    fitted, checks, _ = guarded_fit("China sent 150,422 people to the", SOURCES, Budget(words=40),
                                    "drop", FaithfulnessChecker(embeddings=False))
    assert fitted.sentences == ["China sent 150,422 people to the"] and checks[0].supported
    assert any("lacks final punctuation" in n for n in fitted.notes)


def test_drop_records_the_checks_of_the_fragments_it_refuses():
    # With no complete sentence written and the fragments unsupported, nothing is given and
    # the note says why; the fragments' checks were kept nowhere (only counts and the note)
    fitted, _, info = guarded_fit("Smith said 3 trillion leis were", SOURCES, Budget(words=40),
                                  "drop", FaithfulnessChecker(embeddings=False))
    assert any("fragments are not supported" in n for n in fitted.notes)
    [record] = info["dropped_fragments"]
    assert record["text"] == "Smith said 3 trillion leis were"
    assert {i["text"] for i in record["unsupported"]} >= {"Smith", "3 trillion"}
    assert isinstance(record["support"], float)
    # still counted incomplete, not unsupported: dropped lists the guard's drops only
    assert info["dropped"] == [] and fitted.report()["dropped_unsupported"] == 0
    # fragments given (supported), or complete sentences written: none refused
    for text in ("China sent 150,422 people to the",
                 "China sent 150,422 people to the border. Smith said 3 trillion leis were"):
        _, _, info = guarded_fit(text, SOURCES, Budget(words=40), "drop",
                                 FaithfulnessChecker(embeddings=False))
        assert info["dropped_fragments"] == []


def test_drop_counts_a_sentence_cut_by_the_token_cap_as_incomplete():
    # The trailing sentence cut off by the token cap was checked and, unsupported, counted
    # and listed as a sentence the guard dropped ("the guard dropped 1 unsupported generated
    # sentence(s)"), where flag, and drop for a supported one, count it incomplete: it is
    # never kept whatever its support
    generated = "China sent 150,422 people to the border. Smith said 3 trillion leis were"
    flagged, _, _ = guarded_fit(generated, SOURCES, Budget(words=40), "flag",
                                FaithfulnessChecker(embeddings=False))
    fitted, checks, info = guarded_fit(generated, SOURCES, Budget(words=40), "drop",
                                       FaithfulnessChecker(embeddings=False))
    assert fitted.sentences == flagged.sentences == ["China sent 150,422 people to the border."]
    assert all(c.supported for c in checks)
    report = fitted.report()
    assert report["dropped_incomplete"] == flagged.report()["dropped_incomplete"] == 1
    assert report["dropped_unsupported"] == 0 and info["dropped"] == []
    assert not any("guard dropped" in n for n in fitted.notes)


def test_drop_does_not_stand_a_fragment_in_for_what_it_dropped():
    # SmolLM2 on the seed: three complete sentences, all unsupported, and one cut by the
    # token cap; the fragment is not given as the summary in their place
    fitted, checks, info = guarded_fit("Smith said 3 trillion leis were paid. The talks ended "
                                       "without", SOURCES, Budget(words=40), "drop",
                                       FaithfulnessChecker(embeddings=False))
    assert fitted.sentences == [] and checks == []
    assert fitted.report()["dropped_incomplete"] == 1
    assert fitted.report()["dropped_unsupported"] == 1


def test_an_empty_summary_says_why(tiny_models, monkeypatch):
    # The CLI said "the summary is empty: no sentence was selected" when the guard had
    # dropped every generated sentence, or the model had written nothing
    from summarizer.summarizers.abstractive.generation import Generator

    monkeypatch.chdir(REPO)
    args = ["summarize", "seeds/panama_migration_meeting.txt", "--method", "abstractive",
            "--model", str(tiny_models["llama"]), "--strategy", "direct", "--words", "30",
            "--guard", "drop"]
    # the random model writes fragments only, cut by the token cap: incomplete, and not given
    # in place of a summary since the guard finds them unsupported
    code, _, err = run_cli(args, lines=None)  # a note a line
    assert code == 3 and "the summary is empty" in err and "incomplete" in err, err
    assert "its fragments are not supported by the sources" in err
    # complete sentences, none supported: the guard drops them all
    monkeypatch.setattr(Generator, "_run", lambda self, batch, *a, **k: [
        ("Smith said 3 trillion leis were paid. The mayor of Kestrelton resigned.", 12)] * len(batch))
    code, _, err = run_cli(args, lines=None)
    assert code == 3 and "the summary is empty" in err and "not supported by the sources" in err
    code, stdout, err = run_cli(args + ["--format", "json"], lines=None)
    assert code == 3, err
    out = json.loads(stdout)
    assert out["sentences"] == [] and "not supported" in out["settings"]["note"]
    assert out["coverage"]["output"]["dropped_unsupported"] == len(out["faithfulness"]["dropped"]) == 2


def test_an_empty_generation_says_so():
    from summarizer.summarizers.abstractive.output import fit

    assert fit("  \n ", Budget(words=20)).why_empty() == "the model generated no text"
    fitted, _, _ = run("drop", words=40)
    assert fitted.sentences and fitted.why_empty() is None
    dropped, _, _ = guarded_fit("Smith said 3 trillion leis were paid.", SOURCES, Budget(words=40),
                                "drop", FaithfulnessChecker(embeddings=False))
    assert dropped.why_empty() == ("none of the 1 generated sentence(s) was kept: 1 not supported "
                                   "by the sources (guard='drop')")


@pytest.mark.parametrize("guard", ["flag", "drop"])
def test_item_offsets_point_into_the_summary_sentence(guard):
    # The check reads NFC text; a model writing decomposed accents ("S\u030ckoda") got
    # items whose offsets pointed two characters off in the sentence the summary holds:
    # sentence.text[start:end] gave "d 250,0" for "250,000"
    import unicodedata

    sources = Cluster.from_texts(["\u0160koda sold 150,422 cars in Plze\u0148 in 2010."])
    generated = unicodedata.normalize("NFD", "\u0160koda and Plze\u0148 sold 250,000 cars. "
                                      "\u0160koda sold 150,422 cars in Plze\u0148 in 2010.")
    fitted, checks, _ = guarded_fit(generated, sources, Budget(words=40), guard,
                                    FaithfulnessChecker(embeddings=False))
    sentences = [to_sentence(t, c, []) for t, c in zip(fitted.sentences, checks, strict=True)]
    assert sentences and all(s.text == c.text for s, c in zip(sentences, checks, strict=True))
    for s, c in zip(sentences, checks, strict=True):
        for item in c.items:
            assert s.text[item.start:item.end] == item.text


@pytest.mark.parametrize("guard", ["flag", "drop"])
@pytest.mark.parametrize("mark", ["\u00ad", "\u200f", "\u2060", "\ufeff"])
def test_item_offsets_point_into_the_summary_sentence_beside_a_layout_mark(guard, mark):
    # the check reads text without the layout marks cleaning drops: a model's soft hyphen
    # or right-to-left mark put every later item one character off ("' 4,50'")
    sources = Cluster.from_texts(["Chancellor Angela Merkel met officials in Lyon on Monday.",
                                  "The talks in Lyon focused on jobs, officials said."])
    generated = f"Angela Mer{mark}kel met officials in Lyon on Monday with 4,500 soldiers."
    fitted, checks, _ = guarded_fit(generated, sources, Budget(words=40), guard,
                                    FaithfulnessChecker(embeddings=False))
    sentences = [to_sentence(t, c, []) for t, c in zip(fitted.sentences, checks, strict=True)]
    items = [(s, item) for s, c in zip(sentences, checks, strict=True) for item in c.items]
    assert guard == "drop" or any(item.text == "4,500" for _, item in items)
    for s, item in items:
        assert s.text[item.start:item.end] == item.text


@pytest.mark.parametrize("words", [16, 40, 3])
def test_drop_checks_each_sentence_once(monkeypatch, words):
    # drop checked every generated sentence, then the ones it kept again for its report;
    # only a sentence cut to the budget (3 words: the first, cut) is new text. Same report.
    checker = FaithfulnessChecker(embeddings=False)
    expected = run("drop", words)
    checked: list[str] = []
    check_one = checker._check_one
    monkeypatch.setattr(checker, "_check_one",
                        lambda text, *rest: checked.append(text) or check_one(text, *rest))
    got = guarded_fit(GENERATED, SOURCES, Budget(words=words), "drop", checker)
    assert got == expected
    kept = got[0].sentences
    generated = checked[:4]
    assert len(generated) == 4 and checked[4:] == [s for s in kept if s not in generated]
    assert (words == 3) == bool(checked[4:])
