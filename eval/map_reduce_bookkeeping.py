"""Memory of map-reduce's own bookkeeping on a long input, with a model that costs nothing.

``strategies.map_reduce`` runs for real (chunk streams, rounds, coverage, the final
sources) with a real tokenizer (byte-level BPE trained on the seed article, as in
``eval/bench_abstractive.py``) and a stand-in generator whose "summary" of a chunk is its
first ``--summary-words`` words: no model time, so what is measured is the strategy's
Python objects. Input: the news-like articles of ``eval/scaling.py``, one document each.

    python eval/map_reduce_bookkeeping.py --mb 5 --repeats 3

Prints the traced peak (``tracemalloc``: Python objects and numpy buffers) above the
sentences and their counts, which the caller holds anyway, in MB and bytes a sentence;
and the wall time; medians of ``--repeats`` runs in one process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, bound_counts, command_line, emit_report, run_script  # noqa: E402


class FreeGenerator:
    """What ``map_reduce`` asks of a Generator, with each output the input's first words."""

    def __init__(self, tokenizer, limit: int, words: int) -> None:
        self.loaded = SimpleNamespace(tokenizer=tokenizer, name="free",
                                      family=SimpleNamespace(doc_separator=" "))
        self.limit, self.words = limit, words

    def input_limit(self, max_new_tokens: int, words: int = 100) -> int:
        return self.limit

    def generate(self, texts, max_new_tokens, min_new_tokens, words, label=None):
        from summarizer.summarizers.abstractive.generation import Generated

        return [Generated(" ".join(t.split()[: self.words]), 0, self.words, False)
                for t in texts]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--limit", type=int, default=1000, help="input tokens a call")
    ap.add_argument("--summary-words", type=int, default=40)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--data", type=Path, default=SHARED_DATA / "tac2011_multiling")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    bound_counts(ap, args, mb=(0.0, 100), repeats=(1, 20))
    from bench_abstractive import train_tokenizer
    from scaling import ArticleMaker, source_sentences

    from summarizer.chunks import sentence_token_counts
    from summarizer.documents.model import Cluster, Document
    from summarizer.sentences.split import split_cluster
    from summarizer.summarizers.abstractive.strategies import Run, map_reduce

    tok = train_tokenizer((REPO / "seeds" / "panama_migration_meeting.txt").read_text("utf-8"))
    maker = ArticleMaker(source_sentences(args.data, "english"))
    docs, size = [], 0
    while size < args.mb * 1e6:
        docs.append(Document(text=maker.article(), id=f"a{len(docs)}"))
        size += len(docs[-1].text.encode("utf-8"))
    cluster = Cluster(documents=docs, id="long", language="english")
    sentences = [s for s in split_cluster(cluster) if s.text.strip()]
    counts = sentence_token_counts(tok, [s.text for s in sentences])
    gen = FreeGenerator(tok, args.limit, args.summary_words)
    load0 = os.getloadavg()
    runs = []
    for _ in range(args.repeats):
        run = Run(generator=gen, cluster=cluster, sentences=sentences, counts=counts,
                  words=100, final_new_tokens=130, min_new_tokens=None)  # type: ignore[arg-type]
        tracemalloc.start()
        start = time.perf_counter()
        out = map_reduce(run)
        secs = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        digest = hashlib.sha256(json.dumps([out.text, out.sources, out.coverage],
                                           sort_keys=True).encode()).hexdigest()[:12]
        runs.append((peak, secs, out.coverage["chunks"], out.coverage["rounds"], len(out.sources),
                     digest))
        print(f"run: peak {peak / 2**20:.1f} MB, {secs:.1f} s", file=sys.stderr, flush=True)
    load1 = os.getloadavg()
    peak = statistics.median(r[0] for r in runs)
    secs = statistics.median(r[1] for r in runs)
    same = len({(r[4], r[5]) for r in runs}) == 1
    n = len(sentences)
    text = "\n".join([
        "# Map-reduce bookkeeping memory (model that costs nothing)", "",
        f"Command: `{command_line('map_reduce_bookkeeping.py', argv)}`",
        "",
        f"{os.cpu_count()} CPUs (shared), load average {load0[0]:.1f} at start, {load1[0]:.1f} at "
        f"end. Shape: {len(docs):,} documents, {size / 1e6:.1f} MB, {n:,} sentences, "
        f"{sum(counts):,} tokens, {runs[0][2]:,} first-round chunks of at most {args.limit} "
        f"tokens, {runs[0][3]} rounds, {runs[0][4]:,} source sentences; medians of "
        f"{len(runs)} runs; outputs {'identical' if same else 'DIFFERENT'} across runs (digest of "
        f"text, sources and coverage: {runs[0][5]}).", "",
        "| traced peak MB | bytes a sentence | seconds |", "|---:|---:|---:|",
        f"| {peak / 2**20:.1f} | {peak / n:.0f} | {secs:.1f} |"])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
