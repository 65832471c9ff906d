"""Abstractive generation from several threads gives what a sequential run gives.

Beam and greedy search draw nothing at random; sampling drew from torch's global
generator, which every thread shares, so a sampled output depended on what other
threads drew or seeded meanwhile. Beam sampling still does, and seeds and draws under one
process-wide lock (runtime.seeded), which runtime.set_seed takes too; sampling with one
beam draws from a generator a row (abstractive.row_sampling).
"""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from summarizer import runtime
from summarizer.summarizers.abstractive import GenerationSettings, Generator, load_model

TEXTS = [
    "The meeting in Panama was about migration.",
    "Blinken and Mayorkas attended the talks on the Darien crossing.",
    "They agreed to set up working groups with delegations from some twenty countries.",
    "The record number of more than 133,000 migrants from 35 countries transited.",
]


def _in_threads(jobs: list, run, threads: int) -> list:
    """``run(job)`` for every job, ``threads`` at once, results in the jobs' order."""
    order = list(range(len(jobs)))
    random.Random(1).shuffle(order)
    with ThreadPoolExecutor(threads) as pool:
        done = dict(pool.map(lambda k: (k, run(jobs[k])), order))
    return [done[k] for k in range(len(jobs))]


def _texts(lm, settings: GenerationSettings, texts: list[str]) -> list[str]:
    return [g.text for g in Generator(lm, settings).generate(texts, max_new_tokens=10)]


@pytest.mark.parametrize("key, settings", [
    ("bart", GenerationSettings(num_beams=3, no_repeat_ngram_size=2)),  # shared cross-attention
    ("t5", GenerationSettings(num_beams=1)),
    ("llama", GenerationSettings()),  # greedy, the instruct default
])
def test_deterministic_decoding_from_four_threads_is_sequential(tiny_models, switch_often,
                                                                key, settings):
    lm = load_model(str(tiny_models[key]), "cpu", "auto")  # one model, shared
    jobs = [TEXTS[i:] + TEXTS[:i] for i in range(len(TEXTS))] * 3
    expected = [_texts(lm, settings, texts) for texts in jobs]
    assert _in_threads(jobs, lambda texts: _texts(lm, settings, texts), 4) == expected


@pytest.mark.parametrize("key, beams", [("bart", 1), ("llama", 1), ("bart", 3)])
def test_sampling_from_threads_depends_on_its_own_seed_only(tiny_models, switch_often, key,
                                                            beams):
    lm = load_model(str(tiny_models[key]), "cpu", "auto")
    jobs = [(seed, TEXTS[seed % 4:]) for seed in range(12)]

    def sample(job) -> list[str]:
        seed, texts = job
        return _texts(lm, GenerationSettings(num_beams=beams, do_sample=True, seed=seed), texts)

    expected = [sample(job) for job in jobs]
    assert len({tuple(e) for e in expected}) > 1  # the seeds matter: this is sampling
    stop = threading.Event()

    def reseed() -> None:  # another thread puts the process in a fresh state, again and again
        while not stop.is_set():
            runtime.set_seed(99)

    other = threading.Thread(target=reseed)
    other.start()
    try:
        got = _in_threads(jobs, sample, 4)
    finally:
        stop.set()
        other.join()
    assert got == expected
