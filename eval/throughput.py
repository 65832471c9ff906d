"""Throughput of the summarisers, against the plain alternatives a user would write.

Usage::

    nice python eval/throughput.py [--data ../shared/data/tac2011_multiling]
                                   [--methods lead,centroid,lexrank,textrank,mmr,coverage]
                                   [--repeats 3] [--out eval/results/throughput.md]

Inputs: the seed article (``seeds/``, one cluster) and the 10 English clusters
of TAC 2011 MultiLing (where the data is present). Three tables, all measured
in this one run on this machine:

1. Every method end to end (``summarize(cluster, 250 words)``): seconds,
   clusters/s and input tokens/s; best of ``--repeats`` runs after one
   warm-up call (the encoder is loaded once per process, as in real use; its
   load time is shown separately).
   The encoder's memo of seen sentences is cleared before every timed run,
   so each run pays for its embeddings as on new data.
2. The sentence encoder, which dominates every embedding-based method: the
   package's batched encoder against the loop a user writes by hand with
   transformers (``tokenizer(sentence)``, ``model(**batch)``, mean pooling,
   one sentence per call), same model, same sentences, same vectors (checked).
3. LexRank against sumy's LexRankSummarizer (the library users reach for):
   TF-IDF cosine graph and power iteration in pure Python, on the same
   clusters, with the package's sentence splitter fed to sumy so both see the
   same sentences. Tokenisation, stopwords and selection differ, so this
   compares what each tool costs a user, not one identical computation.

Ratios are baseline time / package time (higher = the package is faster).
``abstractive`` is left out by default (minutes per cluster on a CPU); add
it with ``--methods ...,abstractive``. Its comparison with the hand-written
generate loop is ``eval/bench_abstractive.py``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    SumyTokenizer,
    bound_counts,
    emit_report,
    missing_tac,
    run_script,
)

from summarizer.documents import load_cluster, load_tac2011  # noqa: E402
from summarizer.documents.model import Cluster  # noqa: E402
from summarizer.runtime import set_seed  # noqa: E402
from summarizer.summarizers import get_summarizer  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
METHODS = "lead,centroid,lexrank,textrank,mmr,coverage"


def _tokens(clusters: list[Cluster]) -> int:
    return sum(len(d.text.split()) for c in clusters for d in c.documents)


def best_time(fn, repeats: int) -> float:
    """Best wall time of ``repeats`` calls (the least disturbed by other load)."""
    return timed(fn, repeats)[0]


def cold() -> None:
    """Forget cached sentence vectors: every timed run embeds its sentences, as a
    run on new clusters does (the encoder memoises texts it has seen)."""
    from summarizer.summarizers.embed import clear_memos

    clear_memos()


def timed(fn, repeats: int):
    """(best wall time of ``repeats`` cold calls, the last call's result)."""
    times, result = [], None
    for _ in range(max(1, repeats)):
        cold()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


# ----------------------------------------------------------------- baselines
class HandEncoder:
    """What users write by hand: one sentence per forward pass, mean pooling."""

    def __init__(self, location: str):
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(location, local_files_only=True)
        self.model = AutoModel.from_pretrained(location, local_files_only=True).eval()

    def encode(self, texts: list[str]) -> np.ndarray:
        out = []
        with self.torch.no_grad():
            for text in texts:
                batch = self.tokenizer(text, truncation=True, max_length=256, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                vec = hidden.mean(dim=1)[0]  # one sentence: no padding to mask
                out.append((vec / vec.norm()).numpy())
        return np.vstack(out)


def sumy_lexrank(cluster: Cluster, sentences: int) -> list[str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    text = "\n\n".join(d.text for d in cluster.documents)
    parser = PlaintextParser.from_string(text, SumyTokenizer())
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(parser.document, sentences)]


# ------------------------------------------------------------------- tables
def method_table(inputs: dict[str, list[Cluster]], methods: list[str], repeats: int,
                 budget: Budget) -> tuple[list[str], dict]:
    rows = ["| method | input | clusters | input tokens | seconds | clusters/s | tokens/s |",
            "|---|---|---|---|---|---|---|"]
    summaries: dict[tuple[str, str], list] = {}
    for name in methods:
        summ = get_summarizer(name)
        for label, clusters in inputs.items():
            summ.summarize(clusters[0], budget)  # warm-up: model load, caches
            secs, summaries[(name, label)] = timed(
                lambda s=summ, cs=clusters: [s.summarize(c, budget) for c in cs], repeats)
            n, toks = len(clusters), _tokens(clusters)
            print(f"  {name} on {label}: {secs:.2f} s", file=sys.stderr, flush=True)
            rows.append(f"| {name} | {label} | {n} | {toks} | {secs:.3f} | {n / secs:.1f} | "
                        f"{toks / secs:,.0f} |")
    return rows, summaries


def encoder_table(inputs: dict[str, list[Cluster]], repeats: int, limit: int) -> list[str]:
    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.embed import DEFAULT_ENCODER, get_encoder

    # the torch model by name: the by-hand loop runs the same weights (the int8 ONNX default
    # has no transformers folder to load by hand)
    enc = get_encoder(DEFAULT_ENCODER)
    hand = HandEncoder(enc.location)
    rows = ["| input | sentences | package s | by-hand s | package sent/s | by-hand sent/s "
            "| speed-up | max abs diff |", "|---|---|---|---|---|---|---|---|"]
    for label, clusters in inputs.items():
        texts = [t for c in clusters for t in prepare(c).texts][:limit]
        enc.encode(texts[:4])
        hand.encode(texts[:4])
        t_pkg, v_pkg = timed(lambda t=texts: enc.encode(t), repeats)
        t_hand, v_hand = timed(lambda t=texts: hand.encode(t), 1)  # slow: timed once
        diff = float(np.abs(v_pkg - v_hand).max())
        n = len(texts)
        print(f"  encoder on {label}: {t_pkg:.2f} s vs {t_hand:.2f} s", file=sys.stderr,
              flush=True)
        rows.append(f"| {label} | {n} | {t_pkg:.3f} | {t_hand:.3f} | {n / t_pkg:,.0f} | "
                    f"{n / t_hand:,.0f} | **{t_hand / t_pkg:.1f}x** | {diff:.1e} |")
    return rows


def lexrank_table(inputs: dict[str, list[Cluster]], summaries: dict, repeats: int,
                  budget: Budget) -> list[str]:
    try:
        import sumy  # noqa: F401
    except ImportError:
        return ["sumy is not installed (pip install sumy): table 3 not measured."]
    rows = ["| input | clusters | package lexrank s | sumy LexRank s | speed-up |",
            "|---|---|---|---|---|"]
    summ = get_summarizer("lexrank")
    for label, clusters in inputs.items():
        # sumy is asked for as many sentences as the package's summary has.
        counts = [len(s.sentences) for s in summaries.get(("lexrank", label), [])] or [
            len(summ.summarize(c, budget).sentences) for c in clusters]
        sumy_lexrank(clusters[0], counts[0])  # warm-up (imports, stemmer)
        t_pkg = best_time(lambda cs=clusters: [summ.summarize(c, budget) for c in cs], repeats)
        print(f"  lexrank on {label}: package {t_pkg:.2f} s", file=sys.stderr, flush=True)
        t_sumy = best_time(lambda cs=clusters, k=counts: [sumy_lexrank(c, n) for c, n in
                                                           zip(cs, k, strict=True)], repeats)
        rows.append(f"| {label} | {len(clusters)} | {t_pkg:.3f} | {t_sumy:.3f} | "
                    f"**{t_sumy / t_pkg:.1f}x** |")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--methods", default=METHODS)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--encoder-sentences", type=int, default=500,
                    help="sentences per input for table 2 (the by-hand loop is slow)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    bound_counts(ap, args, repeats=(1, 20), encoder_sentences=(1, 100_000))
    seed = set_seed()
    budget = Budget(words=args.words)
    inputs = {"seed article": [load_cluster(REPO / "seeds", id="seed")]}
    if not missing_tac(args.data, ": seed article only"):
        inputs["TAC 2011 en"] = load_tac2011(args.data, "english")
    methods = [m for m in args.methods.split(",") if m]

    from summarizer.summarizers.embed import SentenceEncoder, get_encoder

    t0 = time.perf_counter()
    SentenceEncoder()  # a fresh load, for the record; the shared one is loaded below
    load_s = time.perf_counter() - t0
    device = get_encoder().device
    import torch

    lines = [
        f"# Throughput: {', '.join(methods)} ({budget.describe()})",
        "",
        f"Machine: {platform.machine()}, {torch.get_num_threads()} torch threads, device "
        f"{device}; Python {platform.python_version()}, torch {torch.__version__}; seed {seed}. "
        f"Best of {args.repeats} runs after a warm-up call. Encoder load (once per process): "
        f"{load_s:.2f} s.",
        "",
        "## 1. Every method end to end",
        "",
    ]
    rows, summaries = method_table(inputs, methods, args.repeats, budget)
    lexrank_repr = get_summarizer("lexrank").settings().get("representation", "?")
    lines += rows
    lines += [
        "",
        "## 2. Sentence encoder: batched (package) vs one sentence per call (by hand)",
        "",
        "Same model (all-MiniLM-L6-v2), the same candidate sentences (at most "
        f"{args.encoder_sentences} per input, in cluster order), mean pooling + L2 norm in "
        "both; the package sorts by length, batches 64, de-duplicates and runs under "
        "`torch.inference_mode()`. The last column checks both give the same vectors.",
        "",
    ]
    lines += encoder_table(inputs, args.repeats, args.encoder_sentences)
    lines += [
        "",
        "## 3. LexRank: package vs sumy",
        "",
        "sumy 0.13 `LexRankSummarizer` (TF-IDF cosine graph, pure Python) with the package's "
        "sentence splitter, asked for as many sentences as the package's summary. The "
        f"package's LexRank here uses its `{lexrank_repr}` representation; the two differ in "
        "tokenisation, stopwords and selection, so this compares what each tool costs a "
        "user, not one identical computation.",
        "",
    ]
    lines += lexrank_table(inputs, summaries, args.repeats, budget)
    text = "\n".join(lines)
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
