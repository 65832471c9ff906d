"""Options that an audit found accepted but not applied, or applied stale: ilp's solver record
of an earlier cluster, ilp's min_df=1 read as 2, a readable-order trade that brought in a
sentence max_rank forbids or a near-duplicate of the cut sentence, lead's near-duplicate rule
on embeddings, and the options 'multilingual' never reads."""

from __future__ import annotations

import pytest

from summarizer import get_summarizer, summarize
from summarizer.documents import to_cluster
from summarizer.errors import OptionError
from summarizer.summarizers.budget import Budget


def test_ilp_records_no_earlier_clusters_solver(seed_cluster):
    ilp = get_summarizer("ilp", min_words=8)
    assert ilp.summarize(seed_cluster, Budget(words=100)).settings["ilp_candidates"] > 0
    empty = ilp.summarize(to_cluster(["Short one. Tiny two."]), Budget(words=100))
    assert empty.settings["solver"] == "none (no candidate sentence)"
    assert empty.settings["ilp_candidates"] == 0
    fresh = get_summarizer("ilp", min_words=8).summarize(to_cluster(["Short one. Tiny two."]),
                                                          Budget(words=100))
    assert fresh.settings.keys() == empty.settings.keys()


def test_ilp_refuses_a_min_df_it_would_not_use():
    with pytest.raises(OptionError, match="min_df must be >= 2"):
        get_summarizer("ilp", min_df=1)


def test_a_readable_trade_keeps_to_max_rank():
    docs = ["But they said the river burst its banks on Sunday near Bath. The river burst its "
            "banks on Sunday near Bath, flooding streets. Rescue teams arrived in the morning.",
            "However, he warned the river burst its banks on Sunday near Bath. The river burst "
            "its banks on Sunday near Bath and homes flooded. Schools stayed closed."]
    s = get_summarizer("coverage", max_rank=1, semantic_weight=0,
                       diversity_weight=0).summarize(to_cluster(docs), Budget(words=15))
    assert s.sentences and all(x.sentence_index == 0 for x in s.sentences)


def test_a_readable_trade_brings_in_no_near_duplicate_of_the_cut_sentence():
    doc = ("But officials said the flood damaged many homes near the bridge over the river "
           "Severn. The new bridge over the river Severn collapsed after heavy rain fell "
           "overnight on Tuesday in the town. The bridge over the river Severn collapsed after "
           "heavy rain overnight on Tuesday. Local schools were closed for the rest of the week "
           "by the council.")
    s = summarize([doc], "dpp", words=18, truncate=True, order="readable")
    texts = [x.text for x in s.sentences]
    assert not ("The bridge over the river Severn collapsed after heavy rain overnight on "
                "Tuesday." in texts and any(t.startswith("The new bridge") for t in texts))


def test_lead_applies_the_semantic_rule_on_embeddings(seed_cluster):
    # lead compared TF-IDF vectors whatever the representation: dup_semantic was recorded,
    # and the same summary came out at any value
    texts = {get_summarizer("lead", representation="embedding", dup_semantic=d).summarize(
        seed_cluster, Budget(words=100)).text for d in (0.99, 0.2)}
    assert len(texts) == 2


@pytest.mark.parametrize("option", [{"dup_semantic": 0.01}, {"encoder": "all-MiniLM-L6-v2-int8"}])
def test_multilingual_refuses_options_it_never_reads(option):
    with pytest.raises(OptionError, match="'multilingual' always uses multilingual-e5-small"):
        get_summarizer("coverage", representation="multilingual", **option)


def test_auto_with_an_encoder_uses_it_in_every_language():
    text = ("Le conseil a voté lundi. Il construira un nouveau pont sur la rivière. Les travaux "
            "commencent l'an prochain, a dit le maire. Le pont coûtera cher.")
    s = summarize(text, "coverage", words=20, representation="auto",
                  encoder="all-MiniLM-L6-v2-int8", language="french")
    assert s.settings["representation_used"] == "embedding"
    assert s.settings["encoder"].startswith("all-MiniLM-L6-v2 int8")
