"""Do diversity_parts' k-means parts depend on the BLAS thread count? And its peak memory.

Usage::

    python eval/diversity_threads.py [--data ../shared/data/tac2011_multiling]
        [--languages english,czech] [--runs 3] [--out eval/results/diversity_threads.md]

About three minutes on two shared cores; run it under the shared CPU lock.

:func:`summarizer.summarizers.coverage.diversity_parts` is run, in fresh processes with
``OPENBLAS_NUM_THREADS`` (and ``OMP_``, ``MKL_``) 1 and 2, on the inputs it is given:

* the default's (coverage on MiniLM embeddings of at most 500 candidates), captured from
  its summaries of every TAC 2011 cluster of the languages at 250 and 100 words;
* submodular's (TF-IDF of the whole pool) for the same clusters;
* 2,000 TF-IDF sentences of eval/scaling.py's news-like articles (about 5,000 wide);
* 300 rows tied in exact arithmetic between two centres (the test's input).

Each also runs the k-means as it was before (float64 products by one BLAS call,
``plain_k_means`` below). The table counts the first iteration's products that differ between
the thread counts (before), the inputs whose parts differ between them (before, now), and
the inputs whose parts now differ from before. Then the peak memory (tracemalloc, numpy's
arrays included) and time of one call at 2,000 sentences, before and now, medians of
``--runs`` fresh processes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import bound_counts, emit_report, machine_line, missing_tac, run_script, uptime  # noqa: E402
from scaling import DEFAULT_DATA, ArticleMaker, source_sentences  # noqa: E402

LANGUAGES = ["english", "czech", "arabic", "greek", "hindi", "hebrew", "french"]


def plain_k_means(vectors: np.ndarray, fraction: float,
                  products: list[np.ndarray] | None = None) -> np.ndarray:
    """diversity_parts' k-means before, as it was: argmax of one BLAS product of float32
    vectors and float64 centres (numpy made a float64 copy of the vectors for it), the means
    from one sorted copy, allclose over all the centres."""
    from summarizer.sampling import choice_without_replacement
    from summarizer.summarizers.coverage import KMEANS_SEED

    n = len(vectors)
    k = max(1, min(n, round(fraction * n)))
    centres = vectors[choice_without_replacement(n, k, seed=KMEANS_SEED)].astype(np.float64)
    part = np.zeros(n, dtype=int)
    for _ in range(20):
        scores = vectors @ centres.T
        if products is not None and not products:
            products.append(scores)
        part = np.argmax(scores, axis=1)
        members = vectors[np.argsort(part, kind="stable")]
        ends = np.cumsum(np.bincount(part, minlength=k)).tolist()
        moved = np.array([members[a:b].mean(0) if b > a else centres[c]
                          for c, (a, b) in enumerate(zip([0, *ends[:-1]], ends, strict=True))])
        if np.allclose(moved, centres):
            break
        centres = moved
    return part


def capture(data: Path, languages: list[str]) -> dict[str, list[tuple[np.ndarray, float]]]:
    """The (vectors, fraction) each method hands diversity_parts on the TAC clusters."""
    import summarizer.summarizers.coverage as coverage
    import summarizer.summarizers.submodular as submodular
    from summarizer.documents import load_tac2011
    from summarizer.summarizers import get_summarizer, make_budget

    got: dict[str, list[tuple[np.ndarray, float]]] = {"default": [], "submodular": []}
    real = coverage.diversity_parts
    into = got["default"]

    def keep(vectors: np.ndarray, sim: np.ndarray, fraction: float):  # type: ignore[no-untyped-def]
        into.append((np.array(vectors), fraction))
        return real(vectors, sim, fraction)

    coverage.diversity_parts = keep  # type: ignore[assignment]
    submodular.diversity_parts = keep  # type: ignore[assignment]
    try:
        for language in languages:
            for cluster in load_tac2011(data, language):
                for words in (250, 100):
                    into = got["default"]
                    get_summarizer("coverage").summarize(cluster, make_budget(words=words))
                    into = got["submodular"]
                    get_summarizer("submodular").summarize(cluster, make_budget(words=words))
    finally:
        coverage.diversity_parts = real
        submodular.diversity_parts = real
    return got


def news_tfidf(data: Path, rows: int = 2000) -> np.ndarray:
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.candidates import prepare

    maker = ArticleMaker(source_sentences(data))
    docs: list[Document] = []
    while sum(d.text.count(". ") for d in docs) < rows * 1.2:
        docs.append(Document(id=str(len(docs)), text=maker.article()))
    pool = prepare(Cluster(documents=docs))
    return pool.vectors("tfidf", rows=range(rows))


def tied_rows() -> tuple[np.ndarray, float]:
    """300 rows, 1,000 wide, 60 parts, tied in exact arithmetic between the first two
    centres, which hold the same numbers in other places (the second is the first with its
    halves swapped). tests/summarizers/test_sum_methods.py runs it on 1 and 2 threads."""
    from summarizer.sampling import choice_without_replacement
    from summarizer.summarizers.coverage import KMEANS_SEED

    n, width, tied, k = 300, 1000, 800, 60
    rng = np.random.default_rng(5)
    half = rng.random(tied)
    vecs = np.hstack([rng.random(n)[:, None] * np.ones((n, tied)),
                      rng.random((n, width - tied))]).astype(np.float32)
    first, second = choice_without_replacement(n, k, seed=KMEANS_SEED)[:2]
    vecs[first] = np.r_[half, np.zeros(width - tied)]
    vecs[second] = np.r_[half[tied // 2:], half[:tied // 2], np.zeros(width - tied)]
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs, k / n


def child_parts(inputs: Path, out: Path) -> None:
    """In a process of one thread count: every input's parts, before and now."""
    from summarizer.summarizers.coverage import diversity_parts

    store = np.load(inputs)
    result = {}
    for name in store.files:
        if name.startswith("f_"):
            continue
        vectors, fraction = store[name], float(store["f_" + name])
        first: list[np.ndarray] = []
        result["before_" + name] = plain_k_means(vectors, fraction, first)
        result["products_" + name] = first[0]
        result["now_" + name] = diversity_parts(vectors, np.ones((1, 1)), fraction)[0]
    np.savez(out, **result)


def child_memory(inputs: Path, way: str) -> None:
    """Peak traced memory and seconds of one call on the 2,000 sentences."""
    import time
    import tracemalloc

    from summarizer.summarizers.coverage import diversity_parts

    vectors = np.load(inputs)["news_0"]
    tracemalloc.start()
    start = time.perf_counter()
    if way == "before":
        plain_k_means(vectors, 0.2)
    else:
        diversity_parts(vectors, np.ones((1, 1)), 0.2)
    seconds = time.perf_counter() - start
    print(json.dumps([tracemalloc.get_traced_memory()[1], seconds]))


def run_child(*args: str, threads: str | None = None) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO), SUMMARIZER_PROGRESS="0")
    if threads:
        env.update(OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads,
                   MKL_NUM_THREADS=threads)
    done = subprocess.run([sys.executable, __file__, "--child", *args], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit((done.stderr.strip().splitlines() or ["child failed"])[-1])
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        if args.child[0] == "parts":
            child_parts(Path(args.child[1]), Path(args.child[2]))
        else:
            child_memory(Path(args.child[1]), args.child[2])
        return 0
    bound_counts(ap, args, runs=(1, 20))  # 10^12 ran on for ever
    if missing_tac(args.data):
        return 2
    languages = [x for x in args.languages.split(",") if x]
    start_load = uptime()
    groups = capture(args.data, languages)
    groups["news 2,000 TF-IDF"] = [(news_tfidf(args.data), 0.2)]
    groups["tied rows (the test's)"] = [tied_rows()]
    keys = {name: f"{'news' if name.startswith('news') else name.split()[0]}" for name in groups}
    arrays: dict[str, np.ndarray] = {}
    for name, cases in groups.items():
        for i, (vectors, fraction) in enumerate(cases):
            arrays[f"{keys[name]}_{i}"] = vectors
            arrays[f"f_{keys[name]}_{i}"] = np.array(fraction)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs.npz"
        np.savez(inputs, **arrays)
        outs = {}
        for threads in ("1", "2"):
            run_child("parts", str(inputs), str(Path(tmp) / f"t{threads}.npz"), threads=threads)
            outs[threads] = np.load(Path(tmp) / f"t{threads}.npz")
        memory = {way: [json.loads(run_child("memory", str(inputs), way))
                        for _ in range(args.runs)] for way in ("before", "now")}
        lines = ["# diversity_parts on one and two BLAS threads", "",
                 f"Languages: {', '.join(languages)}; load at the start: {start_load}", "",
                 "| inputs | cases | rows x width (median) | products differing 1 vs 2 threads "
                 "(first step, before) | parts differ 1 vs 2: before | now | now differs "
                 "from before (1 / 2 threads) |", "|---|---|---|---|---|---|---|"]
        for name, cases in groups.items():
            ids = [f"{keys[name]}_{i}" for i in range(len(cases))]
            one, two = outs["1"], outs["2"]
            products = sum(int((one["products_" + i] != two["products_" + i]).sum()) for i in ids)
            total = sum(one["products_" + i].size for i in ids)

            def differ(a: str, b: str, x=one, y=two, ids=ids) -> int:  # type: ignore[no-untyped-def]
                return sum(not np.array_equal(x[a + i], y[b + i]) for i in ids)

            rows = statistics.median(len(v) for v, _ in cases)
            width = statistics.median(v.shape[1] for v, _ in cases)
            lines.append(f"| {name} | {len(cases)} | {rows:g} x {width:g} | {products:,} of "
                         f"{total:,} | {differ('before_', 'before_')} | {differ('now_', 'now_')}"
                         f" | {differ('before_', 'now_', one, one)} / "
                         f"{differ('before_', 'now_', two, two)} |")
    lines += ["", "One call at 2,000 TF-IDF sentences (fraction 0.2: 400 parts), the process's "
              "own BLAS threads:", "", "| k-means | peak traced memory (MB) | seconds |",
              "|---|---|---|"]
    for way, runs in memory.items():
        lines.append(f"| {way} | {statistics.median(r[0] for r in runs) / 1e6:.1f} | "
                     f"{statistics.median(r[1] for r in runs):.2f} |")
    peak = {way: statistics.median(r[0] for r in runs) for way, runs in memory.items()}
    lines += ["", f"Peak now / before: {peak['now'] / peak['before']:.2f}x. "
              + machine_line(args.runs, "one diversity_parts call")]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
