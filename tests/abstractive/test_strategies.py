"""Strategies end to end with tiny models, loaded by path like a user would."""

from __future__ import annotations

import pytest
from abstractive_helpers import FAST, shuffled_cluster

from summarizer import Budget, get_summarizer, summarize
from summarizer.errors import BudgetError, InputError, UnknownMethodError
from summarizer.sentences.split import split_cluster
from summarizer.summarizers.abstractive import AbstractiveSummarizer

WARNING = "longer than the specified maximum"


def all_keys(cluster):
    return {(s.doc_id, s.index) for s in split_cluster(cluster) if s.text.strip()}


def accounted(coverage) -> set:
    seen = {(d, i) for d, idx in coverage["seen"].items() for i in idx}
    dropped = {(d["doc_id"], d["index"]) for d in coverage["dropped"]}
    assert not seen & dropped
    assert coverage["seen_sentences"] == len(seen)
    assert coverage["dropped_sentences"] == len(dropped)
    return seen | dropped


def words(summary) -> int:
    return len(summary.text.split())


@pytest.mark.slow
@pytest.mark.parametrize("key", ["bart", "t5", "llama", "primera"])
def test_map_reduce_shrinks_every_round_and_accounts_for_everything(tiny_models, seed_text,
                                                                    key, capfd):
    cluster = shuffled_cluster(seed_text, 3)
    # greedy random causal weights repeat one (often blank) token: sample instead
    options = {**FAST, "do_sample": key == "llama"}
    s = AbstractiveSummarizer(model=str(tiny_models[key]), strategy="map-reduce", **options)
    out = s.summarize(cluster, Budget(words=40))
    cov = out.coverage
    assert accounted(cov) == all_keys(cluster) and cov["dropped_sentences"] == 0
    assert cov["input_tokens"] == cov["seen_tokens"] > cov["chunk_limit_tokens"]
    assert cov["rounds"] >= 2 and cov["chunks"] > 1
    for r in cov["round_details"][:-1]:  # every reduce round shrinks the text
        assert r["output_tokens"] < r["input_tokens"]
    assert cov["round_details"][-1]["final"]
    assert 0 < words(out) <= 40
    assert out.settings["strategy"] == "map-reduce" and out.settings["seed"] == 1234
    assert out.settings["model_source"] == str(tiny_models[key])
    assert cov["generation"]["new_tokens"] > 0 and cov["generation"]["sequences"] > 1
    assert cov["generation"]["guard_truncated"] == 0  # every input fit as packed
    assert WARNING not in capfd.readouterr().err


def test_direct_reports_its_truncation(tiny_models, seed_text, capfd):
    cluster = shuffled_cluster(seed_text, 2)
    out = summarize(cluster, "abstractive", words=30, model=str(tiny_models["bart"]),
                    strategy="direct", **FAST)
    cov = out.coverage
    assert cov["truncated"] and cov["rounds"] == 1 and cov["chunks"] == 1
    assert accounted(cov) == all_keys(cluster)
    assert cov["seen_tokens"] <= cov["chunk_limit_tokens"] < cov["input_tokens"]
    assert all("direct" in d["reason"] for d in cov["dropped"])
    first_doc = [k for k in sorted(all_keys(cluster)) if k[0] == "d0"][:2]
    assert set(first_doc) <= {tuple(src) for src in out.sentences[0].sources}
    assert words(out) <= 30
    assert WARNING not in capfd.readouterr().err  # the overflow was dropped, not fed in


def test_extract_then_abstract_with_an_extractive_selector(tiny_models, seed_text):
    cluster = shuffled_cluster(seed_text, 3)
    s = AbstractiveSummarizer(model=str(tiny_models["primera"]), strategy="extract-then-abstract",
                              extractor="lead", cross_documents=True, **FAST)
    out = s.summarize(cluster, Budget(words=30))
    cov = out.coverage
    assert accounted(cov) == all_keys(cluster)
    assert cov["extractor"] == "lead" and cov["rounds"] == 1
    assert 0 < cov["seen_tokens"] <= cov["chunk_limit_tokens"]
    assert any("not selected by 'lead'" in d["reason"] for d in cov["dropped"])
    # the model saw exactly the picks, in document order (as PRIMERA was trained)
    sources = [tuple(src) for src in out.sentences[0].sources]
    seen = [(d, i) for d, idx in cov["seen"].items() for i in idx]
    assert sources == sorted(seen, key=lambda k: (int(k[0][1:]), k[1]))
    assert ("d0", 0) in sources  # lead starts with the first sentence
    assert words(out) <= 30


def test_extract_then_abstract_uses_the_default_extractive_method(tiny_models, seed_text):
    from summarizer.summarizers import DEFAULT_METHOD

    cluster = shuffled_cluster(seed_text, 2)
    out = summarize(cluster, "abstractive", words=30, model=str(tiny_models["bart"]),
                    strategy="extract-then-abstract", **FAST)
    assert out.coverage["extractor"] == DEFAULT_METHOD
    assert accounted(out.coverage) == all_keys(cluster)


@pytest.mark.slow
def test_long_cluster_of_50k_tokens_through_map_reduce(tiny_models, seed_text, capfd):
    cluster = shuffled_cluster(seed_text, 34, seed=1)
    out = summarize(cluster, "abstractive", words=60, model=str(tiny_models["bart"]),
                    strategy="map-reduce", **FAST)
    cov = out.coverage
    assert cov["input_tokens"] >= 50_000
    assert accounted(cov) == all_keys(cluster) and cov["dropped_sentences"] == 0
    assert cov["chunks"] >= 50_000 // cov["chunk_limit_tokens"]
    assert 2 <= cov["rounds"] <= out.settings["max_rounds"] + 1
    assert 0 < words(out) <= 60
    assert cov["generation"]["guard_truncated"] == 0
    err = capfd.readouterr().err
    assert WARNING not in err and "IndexError" not in err


def test_sentence_longer_than_the_model_is_split_and_reported(tiny_models, seed_text):
    # 136 words: under the splitter's bar for over-long sentences (150), over the model's
    run_on = " and ".join(seed_text.replace(".", "").split("\n")[:3]) + "."
    cluster = shuffled_cluster(seed_text, 1)
    cluster.documents[0].text = run_on + "\n\n" + cluster.documents[0].text
    out = summarize(cluster, "abstractive", words=30, model=str(tiny_models["t5"]),
                    strategy="map-reduce", **FAST)
    split = out.coverage["split_sentences"]
    assert split and split[0]["doc_id"] == "d0" and split[0]["index"] == 0
    assert split[0]["pieces"] >= 2 and split[0]["tokens"] > out.coverage["chunk_limit_tokens"]
    assert accounted(out.coverage) == all_keys(cluster)


def test_registry_and_typed_errors(tiny_models, seed_text):
    path = str(tiny_models["bart"])
    s = get_summarizer("abstractive", model=path, strategy="direct", device="cpu")
    assert isinstance(s, AbstractiveSummarizer) and s.settings()["device"] == "cpu"
    with pytest.raises(UnknownMethodError, match="unknown strategy 'summarise-harder'"):
        get_summarizer("abstractive", model=path, strategy="summarise-harder")
    with pytest.raises(InputError, match=r"\{text\}"):
        AbstractiveSummarizer(model=path, prompt="Summarise this.")
    with pytest.raises(BudgetError, match="can generate at most 256"):  # tiny BART: 256 positions
        summarize(seed_text, "abstractive", words=5000, model=path, **FAST)
    with pytest.raises(BudgetError, match="only .* tokens of input"):  # causal: output eats context
        summarize(seed_text, "abstractive", words=130, model=str(tiny_models["llama"]), **FAST)
    with pytest.raises(InputError, match="empty|nothing to summarise"):
        summarize(["  ", "\n"], "abstractive", model=path, **FAST)


def test_causal_prompt_is_recorded_and_overridable(tiny_models, seed_text):
    path = str(tiny_models["llama"])
    default = summarize(seed_text, "abstractive", words=20, model=path, **FAST)
    custom = summarize(seed_text, "abstractive", words=20, model=path, prompt="TL;DR: {text}",
                       **FAST)
    assert "Summarize the following" in default.settings["prompt"]
    assert custom.settings["prompt"] == "TL;DR: {text}"
    assert custom.coverage["chunk_limit_tokens"] > default.coverage["chunk_limit_tokens"]
    assert words(default) <= 20 and words(custom) <= 20


def test_round_limit_is_enforced_and_reported(tiny_models, seed_text):
    cluster = shuffled_cluster(seed_text, 3)
    out = summarize(cluster, "abstractive", words=30, model=str(tiny_models["t5"]),
                    strategy="map-reduce", max_rounds=1, **FAST)
    cov = out.coverage
    assert cov["rounds"] == 2  # one reduce round, then the final call
    assert cov["dropped_partial_chunks"] >= 1 and "still needed" in cov["notes"][0]
    assert words(out) <= 30
    # the summary's sources are the sentences whose partial summaries reached the final
    # call, not every sentence seen: they listed all 3 articles' sentences, those of the
    # partial summaries left out at the round limit included
    seen = {(d, i) for d, idx in cov["seen"].items() for i in idx}
    sources = {tuple(k) for k in out.sentences[0].sources}
    assert sources and sources < seen
    assert all(set(map(tuple, s.sources)) == sources for s in out.sentences)


@pytest.mark.slow
def test_overlap_and_cross_document_chunks(tiny_models, seed_text):
    cluster = shuffled_cluster(seed_text, 2)
    path = str(tiny_models["bart"])
    plain = summarize(cluster, "abstractive", words=30, model=path, cross_documents=False,
                      **FAST).coverage
    overlapped = summarize(cluster, "abstractive", words=30, model=path, overlap=2,
                           cross_documents=False, **FAST).coverage
    crossing = summarize(cluster, "abstractive", words=30, model=path, cross_documents=True,
                         **FAST).coverage
    assert overlapped["chunks"] > plain["chunks"] >= crossing["chunks"]
    for cov in (plain, overlapped, crossing):
        assert accounted(cov) == all_keys(cluster) and cov["dropped_sentences"] == 0


@pytest.mark.parametrize("key", ["bart", "llama"])
def test_a_cluster_that_fits_is_one_call(tiny_models, key):
    from summarizer.documents.model import Cluster, Document

    texts = ["The meeting in Panama was about migration.",
             "Blinken and Mayorkas attended the meeting in Panama.",
             "Migrants cross the Darien jungle on their way north."]
    cluster = Cluster([Document(t, id=f"d{i}") for i, t in enumerate(texts)])
    out = summarize(cluster, "abstractive", words=20, model=str(tiny_models[key]),
                    guard="off", **FAST)
    cov = out.coverage
    assert cov["chunks"] == 1 and cov["rounds"] == 1  # three documents, one input
    assert cov["generation"]["calls"] == 1 and cov["generation"]["sequences"] == 1
    assert accounted(cov) == all_keys(cluster)


@pytest.mark.parametrize("strategy", ["map-reduce", "extract-then-abstract", "direct"])
def test_every_strategy_takes_a_chinese_cluster(tiny_models, strategy):
    # extract-then-abstract counted words by split(): a Chinese sentence was one word, the
    # extractor's budget a few characters, and it selected nothing (BudgetError)
    text = "巴拿马主办了关于移民的区域会议。二十个国家的外交部长参加了会议。他们讨论了移民流动和共同责任。"
    cluster = shuffled_cluster(text.replace("。", "。\n"), 2)
    out = summarize(cluster, "abstractive", chars=40, model=str(tiny_models["bart"]),
                    strategy=strategy, guard="off", **FAST)
    assert accounted(out.coverage) == all_keys(cluster)
    assert out.coverage["seen_sentences"] > 0 and len(out.text) <= 40


def test_a_map_round_is_generated_a_bounded_group_at_a_time(tiny_models, seed_text, capfd,
                                                            monkeypatch):
    # every chunk of a round went to one generate call, tokenised together: all of a 50 MB
    # cluster's inputs at once (+568 MB of encodings per 10 MB of text), under one bar that said nothing of
    # the round
    from summarizer.summarizers.abstractive import strategies
    from summarizer.summarizers.abstractive.generation import Generator

    monkeypatch.setattr(strategies, "MAP_GROUP", 2)
    calls = []
    generate = Generator.generate

    def counted(self, texts, *args, **kwargs):
        calls.append(len(texts))
        return generate(self, texts, *args, **kwargs)

    monkeypatch.setattr(Generator, "generate", counted)
    cluster = shuffled_cluster(seed_text, 3)
    out = summarize(cluster, "abstractive", words=40, model=str(tiny_models["bart"]),
                    strategy="map-reduce", progress=True, guard="off", **FAST)
    first = out.coverage["round_details"][0]
    assert first["summarised"] > 2 and max(calls) <= 2
    assert sum(calls) == out.coverage["generation"]["sequences"]
    assert accounted(out.coverage) == all_keys(cluster)
    err = capfd.readouterr().err
    assert f"round 1: chunks 1-2 of {first['summarised']}" in err


def test_a_map_round_holds_a_groups_chunks_not_all_of_them(tiny_models, seed_text,
                                                           monkeypatch):
    # a map round packed all of its input into chunks before its first call: a 50 MB
    # input's text twice over (each chunk's text and its sentences' parts); they are made
    # as the round goes, a window to measure and a group of calls at a time
    import gc

    from summarizer.chunks import Chunk, packing
    from summarizer.summarizers.abstractive import strategies
    from summarizer.summarizers.abstractive.generation import Generator

    monkeypatch.setattr(strategies, "MAP_GROUP", 2)
    monkeypatch.setattr(packing, "COUNT_CHARS", 400)  # about a chunk a window
    live = []
    generate = Generator.generate

    def counted(self, texts, *args, **kwargs):
        gc.collect()
        live.append(sum(type(o) is Chunk for o in gc.get_objects()))
        return generate(self, texts, *args, **kwargs)

    monkeypatch.setattr(Generator, "generate", counted)
    cluster = shuffled_cluster(seed_text, 3)
    out = summarize(cluster, "abstractive", words=40, model=str(tiny_models["bart"]),
                    strategy="map-reduce", guard="off", **FAST)
    assert out.coverage["chunks"] > 20 and len(live) > 10
    assert max(live) <= 4, live
    assert accounted(out.coverage) == all_keys(cluster)


def test_direct_packs_only_the_leading_sentences_that_may_fit(tiny_models, seed_text,
                                                              monkeypatch):
    # direct packed every sentence of the input into chunks to use the first: all of a
    # 50 MB input's chunks, made and measured with the tokenizer, for one model call
    from summarizer.summarizers.abstractive import strategies

    packed = []
    pack = strategies.pack_sentences

    def counted(sentences, *args, **kwargs):
        packed.append(len(sentences))
        return pack(sentences, *args, **kwargs)

    monkeypatch.setattr(strategies, "pack_sentences", counted)
    cluster = shuffled_cluster(seed_text, 6)
    out = summarize(cluster, "abstractive", words=30, model=str(tiny_models["bart"]),
                    strategy="direct", guard="off", **FAST)
    cov = out.coverage
    assert accounted(cov) == all_keys(cluster) and cov["truncated"]
    assert packed == [cov["seen_sentences"] + 1] or packed == [cov["seen_sentences"] + 2]
    assert packed[0] < len(all_keys(cluster)) // 4
    # the leading sentences, in order, then the rest dropped for the limit
    keys = [k for k in (tuple(s) for s in out.sentences[0].sources)]
    assert keys == [("d0", i) for i in range(len(keys))]
    assert all("direct" in d["reason"] for d in cov["dropped"])
    # dropped in input order, as before: the packed sentences' overflow came after the rest
    order = [(s.doc_id, s.index) for s in split_cluster(cluster) if s.text.strip()]
    dropped = [(d["doc_id"], d["index"]) for d in cov["dropped"]]
    assert dropped == sorted(dropped, key=order.index)


def test_the_default_prompt_asks_for_the_clusters_language(tiny_models, seed_text):
    # SmolLM2 wrote English about a Chinese cluster (the prompt named no language), and the
    # guard could check none of it against the sources
    from summarizer.summarizers.abstractive import DEFAULT_PROMPT

    path = str(tiny_models["llama"])
    text = "巴拿马主办了关于移民的区域会议。二十个国家的外交部长参加了会议。"
    chinese = summarize(text, "abstractive", chars=40, model=path, guard="off", **FAST)
    assert "Write the summary in Chinese, the language of the text." in chinese.settings[
        "prompt"] and chinese.settings["prompt"].endswith("\n\n{text}")
    english = summarize(seed_text, "abstractive", words=20, model=path, guard="off", **FAST)
    assert english.settings["prompt"] == DEFAULT_PROMPT  # English clusters: as before
    own = summarize(text, "abstractive", chars=40, model=path, prompt="TL;DR: {text}",
                    guard="off", **FAST)
    assert own.settings["prompt"] == "TL;DR: {text}"


def _short_documents(n: int):
    from summarizer.documents.model import Cluster, Document

    return Cluster([Document(f"Migrants crossed the jungle in group {i}. The meeting was in "
                             "Panama.", id=f"d{i}") for i in range(n)])


def test_a_round_of_chunks_all_passed_through_still_reduces(tiny_models):
    # many short documents, each its own chunk (cross_documents=False), each short enough
    # to pass through: round 1 shrank no text, so reducing stopped there and the final call
    # read the first of 2 chunks; 4 documents never reached the model, yet were "seen"
    cluster = _short_documents(14)
    out = summarize(cluster, "abstractive", words=5, model=str(tiny_models["bart"]),
                    cross_documents=False, guard="off", **FAST)
    cov = out.coverage
    assert cov["round_details"][0]["summarised"] == 0 and cov["chunks"] == 14
    assert not cov["notes"] and cov["dropped_sentences"] == 0
    assert accounted(cov) == all_keys(cluster)
    assert {tuple(k) for k in out.sentences[0].sources} == all_keys(cluster)


def test_sentences_passed_through_and_left_out_are_dropped_not_seen(tiny_models):
    cluster = _short_documents(14)
    out = summarize(cluster, "abstractive", words=5, model=str(tiny_models["bart"]),
                    cross_documents=False, max_rounds=1, guard="off", **FAST)
    cov = out.coverage
    assert "still needed 2 model calls" in cov["notes"][0]
    assert accounted(cov) == all_keys(cluster) and cov["dropped_sentences"] > 0
    sources = {tuple(k) for k in out.sentences[0].sources}
    seen = {(d, i) for d, idx in cov["seen"].items() for i in idx}
    assert seen == sources  # nothing was summarised: seen is what the final call read
    assert all(d["reason"].startswith("passed through unsummarised") for d in cov["dropped"])
    assert cov["seen_tokens"] < cov["input_tokens"]


def test_direct_fills_its_call_with_the_leading_sentences(tiny_models):
    # keeping the last, partly fitting document whole moved it all out of the one call:
    # the model saw 9 of 25 sentences where 14 fit, and each was "beyond the limit"
    from summarizer.documents.model import Cluster, Document

    a = " ".join(f"Migrants crossed the jungle in group {i}." for i in range(9))
    b = " ".join(f"The meeting in Panama was about migration number {i}." for i in range(16))
    cluster = Cluster([Document(a, id="a"), Document(b, id="b")])
    out = summarize(cluster, "abstractive", words=5, model=str(tiny_models["bart"]),
                    strategy="direct", guard="off", **FAST)
    cov = out.coverage
    assert accounted(cov) == all_keys(cluster) and cov["truncated"]
    assert cov["seen"]["a"] == list(range(9)) and cov["seen"]["b"][0] == 0
    first_left = cov["dropped"][0]
    assert cov["seen_tokens"] + first_left["tokens"] > cov["chunk_limit_tokens"]
