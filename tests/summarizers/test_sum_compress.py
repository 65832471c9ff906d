"""Rule-based compression: the right spans go, every cut is recorded, offsets stay exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.compress import (
    RULES,
    Edit,
    apply_edits,
    compress_text,
    parse_rules,
    source_position,
)


@pytest.mark.parametrize("text, expected, rules", [
    ("WASHINGTON (AP) -- The Senate passed the bill on Tuesday by 60 votes to 40, officials said.",
     "The Senate passed the bill on Tuesday by 60 votes to 40.", ["dateline", "attribution"]),
    ("PARIS, Jan. 5 (Reuters) - French police (about 200 officers) raided the firm's offices.",
     "French police raided the firm's offices.", ["dateline", "parenthetical"]),
    ("But the army said it would pull its troops back from the border.",
     "The army said it would pull its troops back from the border.", ["connective", "capitalise"]),
    ("The talks collapsed when the rebels refused to disarm, according to the state news agency.",
     "The talks collapsed when the rebels refused to disarm.", ["attribution"]),
    ("BEIJING -- But the army said it would pull its troops back.",  # two cuts at the start
     "The army said it would pull its troops back.", ["dateline", "connective", "capitalise"]),
    ("ΑΘΗΝΑ - Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.",
     "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.", ["dateline"]),
])
def test_rules_cut_what_they_should(text, expected, rules):
    new, edits = compress_text(text, offset=7)
    assert new == expected
    assert [e.rule for e in edits] == rules
    assert apply_edits("x" * 7 + text, 7, 7 + len(text), edits) == new


@pytest.mark.parametrize("text", [
    "He said the plan would work.",  # the attribution is the sentence
    "The U.S. - led coalition said it would stay.",  # not a dateline
    "Αθήνα - Η κυβέρνηση ανακοίνωσε νέα μέτρα.",  # a capitalised word is no dateline
    "(AP) Officials met.",  # too short to cut anything
    "وقالت الحكومة - في بيان - إنها ستواصل المفاوضات مع الأطراف.",  # uncased script: no dateline
])
def test_rules_leave_these_alone(text):
    assert compress_text(text) == (text, [])


_PIECES = st.sampled_from([
    "the", "army", "said", "WASHINGTON", "(AP)", "--", "_", ",", "officials", "But", "However,",
    "(about 5 million)", "according", "to", "police", ".", "told", "reporters", "Jan.", "5", "Ω",
    "ΑΘΗΝΑ", "-", "(", ")", "in", "a", "\u00e9t\u00e9",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=25), st.integers(0, 50),
       st.lists(st.sampled_from(RULES), min_size=1, unique=True))
def test_edits_reproduce_the_text_exactly(pieces, offset, rules):
    text = " ".join(pieces)
    source = "#" * offset + text + " tail"
    new, edits = compress_text(text, offset, rules)
    assert apply_edits(source, offset, offset + len(text), edits) == new
    cuts = [e for e in edits if e.rule != "capitalise"]
    assert all(e.rule in rules for e in cuts)
    if cuts:
        assert len(new.split()) >= 4 and len(new) < len(text)
    else:
        assert new == text and not edits
    for a, b in zip(edits, edits[1:], strict=False):  # sorted, never overlapping
        assert a.end <= b.start
    for k in range(len(new) + 1):  # every prefix maps back to a source position
        p = source_position(offset, edits, k)
        assert offset <= p <= offset + len(text)
        assert apply_edits(source, offset, p, [e for e in edits if e.end <= p]).startswith(
            new[:k][: max(0, k - 1)])


def test_summary_records_cuts_with_exact_offsets():
    a = ("WASHINGTON (AP) -- Heavy rain flooded the river valley on Monday, officials said. "
         "More than 4,000 people (most of them farmers) were evacuated by nightfall. "
         "But the governor declared a state of emergency in three districts.")
    b = ("WASHINGTON (AP) -- Heavy rain flooded the river valley on Monday. "
         "The governor declared a state of emergency in three districts on Monday. "
         "More than 4,000 people were evacuated by nightfall, the police said.")
    cluster = Cluster(documents=[Document(text=a, id="a"), Document(text=b, id="b")], id="c")
    docs = {d.id: d.text for d in cluster.documents}
    for budget in (Budget(words=40), Budget(words=23, truncate=True)):
        for method in ("ilp", "lead"):
            s = get_summarizer(method, compress=True).summarize(cluster, budget)
            assert budget.fits([x.text for x in s.sentences])
            assert s.settings["compress"] == list(RULES)
            assert s.settings["cuts"] == sum(
                1 for x in s.sentences for e in x.edits if e.rule != "capitalise")
            assert s.settings["cuts"] >= 1
            for x in s.sentences:
                assert apply_edits(docs[x.doc_id], x.start, x.end, x.edits) == x.text
            assert "WASHINGTON" not in s.text


@pytest.mark.parametrize("truncate", [False, True])
@pytest.mark.parametrize("method", ["lead", "ilp"])
def test_a_cut_at_the_end_of_a_sentence_is_listed(method, truncate):
    # A line without a final mark ends in an aside: its cut was left out of the edits
    # and the span shortened to the kept text, so the source sentence read as given whole
    a = "The council approved the new budget for the city on Monday (about $5 million)"
    text = a + "\n\nPrices rose in May across the whole region of the country."
    cluster = Cluster([Document(text, id="a")], id="c")
    s = get_summarizer(method, compress=True).summarize(cluster, Budget(words=40,
                                                                          truncate=truncate))
    first = s.sentences[0]
    assert first.text == "The council approved the new budget for the city on Monday"
    assert (first.start, first.end) == (0, len(a))
    assert [(e.start, e.end, e.rule) for e in first.edits] == [(58, len(a), "parenthetical")]
    assert apply_edits(text, first.start, first.end, first.edits) == first.text
    assert s.settings["cuts"] == 1


def test_compress_option_is_validated():
    assert parse_rules(False) == () and parse_rules(True) == RULES
    assert parse_rules("parenthetical,dateline") == ("dateline", "parenthetical")
    with pytest.raises(InputError):
        parse_rules("datelines")
    with pytest.raises(InputError):
        get_summarizer("coverage", compress=["nope"])
    with pytest.raises(ValueError):
        apply_edits("abcdef", 0, 6, [Edit(1, 3, "", "x"), Edit(2, 4, "", "x")])


def test_english_rules_leave_other_languages_alone():
    # German "So viele Menschen ..." became "Viele Menschen ...", "Also sagte der
    # Minister ..." (so the minister said) "Sagte der Minister ...": the English
    # connectives "So" and "Also" were cut from German sentences.
    a = ("BERLIN (dpa) - So viele Menschen waren noch nie in Berlin auf der Straße. "
         "Also sagte der Minister, dass die Regierung neue Steuern einführen werde.")
    b = ("So viele Menschen waren noch nie in Berlin auf der Straße, sagte die Polizei. "
         "Also sagte der Minister, dass die Regierung die Steuern erhöhen werde.")
    cluster = Cluster(documents=[Document(text=a, id="a", language="german"),
                                 Document(text=b, id="b", language="german")])
    s = get_summarizer("lead", compress=True).summarize(cluster, Budget(words=60))
    rules = {e.rule for x in s.sentences for e in x.edits}
    assert rules == {"dateline"}  # the dateline goes, in any cased script
    assert s.text.startswith("So viele Menschen") and "Also sagte der Minister" in s.text


def _cuts_recounting(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cuts compress_text made before it kept a floor on the words left: each candidate
    span taken, in order, where it overlaps no cut taken and the kept text, recounted
    whole, still has the minimum of words (4)."""
    cuts: list[tuple[int, int]] = []
    for a, b in spans:
        if b <= a or any(not (b <= x or a >= y) for x, y in cuts):
            continue
        kept, pos = [], 0
        for x, y in sorted([*cuts, (a, b)]):
            kept.append(text[pos:x])
            pos = y
        kept.append(text[pos:])
        if len("".join(kept).split()) >= 4:
            cuts.append((a, b))
    return sorted(cuts)


_piece = st.sampled_from(["word", "w", "(aside)", " (an aside of words)", "(x)", "  ", " ",
                          "said.", ",", "(", ")", "(a (b) c)", "x(y)", "\n", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_piece, max_size=40))
def test_parenthetical_cuts_are_those_a_whole_recount_takes(pieces):
    # the floor on the words left (kept so that a line of thousands of asides is not
    # recounted whole at each) takes exactly the cuts a recount at each cut takes
    from summarizer.summarizers.compress import parenthetical_spans

    text = "".join(pieces)
    spans = list(parenthetical_spans(text))
    _, edits = compress_text(text, rules=["parenthetical"])
    assert [(e.start, e.end) for e in edits] == _cuts_recounting(text, spans)


@pytest.mark.parametrize("text, expected", [
    # a thousands comma is no attribution: "10,000 reported cases" became "10."
    ("The outbreak, which began in March, has now grown to 10,000 reported cases.", None),
    # the tail's subject must be its own: ", said." after an apposition cut the verb
    ("The minister, who was re-elected in 2005, said.", None),
    ("A Chilean student who was in Pichilemu at the time, told Wikinews in an interview.",
     None),
    # the speaker of a quotation is one clause, whatever commas it holds
    ('"The quake was huge," Thorne Lay, professor of earth sciences at the University of '
     'California, Santa Cruz said.', None),
    # a closing ' is no word of the tail: the quotation was left open
    ("'We will win the war this year,' he said.", None),
    ("The fire spread quickly through the old town, officials said.",
     "The fire spread quickly through the old town."),
    # a tail that denies, withholds or disputes the claim is the sentence's sense: cut, it
    # turned "..., Trump falsely said." into the claim itself
    ("The president will attend the summit in Geneva next week, the White House has not said.",
     None),
    ("The election was stolen, Trump falsely said on Monday.", None),
    ("The election was stolen, Trump said falsely.", None),
    ("Whether the plant will close, the company would not say.", None),
    ("The plant will close in June, the company didn't say.", None),
    ("The death toll has reached 40, police never said.", None),
    ("The plant will close in June, a spokesman declined to say.", None),
    ("The plant will close in June, neither side has said.", None),
    ("The recession is over, few economists say.", None),
    ("The recession is over, engineers no longer say.", None),
    ("The rebels had seized the port, state media wrongly reported.", None),
    ("The rebels had seized the port, nobody said.", None),
    ("The election was stolen, Trump said without evidence.", None),
    ("The plant will close in June, the company has yet to say.", None),
    ("The election was stolen, he baselessly said.", None),
    ("The recession is over, it is too early to say.", None),
    ("The recession is over, it is impossible to say.", None),
    ("The plant will close in June, the company didn\u02bct say.", None),
    ("The fire spread quickly through the old town, the White House has said.",
     "The fire spread quickly through the old town."),
    # a connective that opens a phrase stays ("So far" became "Far")
    ("So far, the plan has worked well for the town.", None),
    ("Thus far the team has won every game this season.", None),
    ("Instead of a tax cut, the government raised spending on roads.", None),
    ("In addition to the 5 victims, 3 people were hurt in the blast.", None),
    ("However much they tried, the talks failed again on Monday.", None),
    ("However, the army said it would not leave the city.",
     "The army said it would not leave the city."),
    ("Meanwhile the rebels took the airport and the main road north.",
     "The rebels took the airport and the main road north."),
    # an aside's comma goes with it (",." and ",," were left)
    ("The quake struck at 10:49 local time, (02:49 UTC on Thursday).",
     "The quake struck at 10:49 local time."),
    ("The suspect, (a local teacher), was arrested on Monday evening.",
     "The suspect was arrested on Monday evening."),
    # a bracketed area code is part of its number
    ("Call the hotline on (020) 7946 0000 for more news today.", None),
    # the first letter after an opening bracket is capitalised, not left lower case
    ("Indeed (as expected) the vote passed by a wide margin on Monday.",
     "(As expected) the vote passed by a wide margin on Monday."),
])
def test_cuts_that_would_change_or_break_the_sentence_are_not_made(text, expected):
    new, edits = compress_text(text)
    assert new == (text if expected is None else expected)
    assert apply_edits(text, 0, len(text), edits) == new


def test_a_capital_of_two_letters_is_not_made_so_a_cut_cannot_split_it():
    # "ß".upper() is "SS": a 1-character budget kept half of the edit, and the edits no
    # longer rebuilt the text
    from summarizer import summarize

    text = "And ßig things happened in the town today."
    new, edits = compress_text(text)
    assert new == "ßig things happened in the town today."
    assert [e.rule for e in edits] == ["connective"]
    for chars in (1, 2, 3, 10):
        summary = summarize([text], "lead", chars=chars, truncate=True, compress=True,
                            language="english")
        for s in summary.sentences:
            assert apply_edits(text, s.start, s.end, s.edits) == s.text


def test_a_truncated_text_that_ends_where_a_cut_starts_ends_there_in_the_source():
    # the position right at a cut is before it: the end of a cut-off compressed sentence
    # took the deleted span in, one comparison off (found by mutating compress.py)
    from summarizer.summarizers.compress import Edit, source_position

    edits = [Edit(10, 20, "", "parenthetical")]
    assert source_position(0, edits, 10) == 10
    assert source_position(0, edits, 11) == 21
