"""Model calls per TAC 2011 cluster: documents packed together vs one document per chunk.

For each English cluster, with SmolLM2-135M-Instruct's tokenizer, prompt and
context (8,192 tokens), counts the map-round chunks (= model calls before the
final one) when chunks hold one document each (the old default) and when
documents are packed together (``cross_documents=True``, the default now).
Then summarises ``--generate N`` clusters for real with the default settings
and reports calls, rounds and seconds.

    python eval/abstractive_packing.py [--generate 1] [--words 100]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, command_line, emit_report, run_script  # noqa: E402

from summarizer.chunks import pack_sentences, sentence_token_counts  # noqa: E402
from summarizer.documents.tac import load_tac2011  # noqa: E402
from summarizer.sentences.split import split_cluster  # noqa: E402
from summarizer.summarizers.abstractive import AbstractiveSummarizer  # noqa: E402
from summarizer.summarizers.abstractive.generation import Generator  # noqa: E402
from summarizer.summarizers.abstractive.output import target_words, tokens_for_words  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--generate", type=int, default=1, help="clusters to summarise for real")
    ap.add_argument("--out", default=None,
                    help="write the table there too (e.g. eval/results/abstractive_packing.md)")
    args = ap.parse_args(argv)
    clusters = load_tac2011(args.data, "english")
    summ = AbstractiveSummarizer(model="smollm2", device="cpu", progress=False)
    loaded = summ.load()
    gen = Generator(loaded, summ.generation)
    budget = Budget(words=args.words)
    lines = ["| cluster | documents | input tokens | chunks, one document each | "
             "chunks, documents packed |", "|---|---:|---:|---:|---:|"]
    for c in clusters:
        sents = [s for s in split_cluster(c) if s.text.strip()]
        counts = sentence_token_counts(loaded.tokenizer, [s.text for s in sents])
        n_words = sum(len(s.text.split()) for s in sents)
        tpw = min(max(sum(counts) / max(n_words, 1), 1.0), 4.0)
        words = target_words(budget)
        limit = gen.input_limit(tokens_for_words(words, tpw), words)
        per_doc, packed = (len(pack_sentences(sents, loaded.tokenizer, limit, counts=counts,
                                              cross_documents=x,
                                              doc_separator=loaded.family.doc_separator).chunks)
                           for x in (False, True))
        lines.append(f"| {c.id} | {len(c.documents)} | {sum(counts)} | {per_doc} | {packed} |")
    runs = ["", "| cluster | model calls | rounds | chunks | generated tokens | seconds |",
            "|---|---:|---:|---:|---:|---:|"]
    for c in clusters[: args.generate]:
        start = time.perf_counter()
        out = summ.summarize(c, budget)
        secs = time.perf_counter() - start
        g = out.coverage["generation"]
        runs.append(f"| {c.id} | {g['sequences']} | {out.coverage['rounds']} | "
                    f"{out.coverage['chunks']} | {g['new_tokens']} | {secs:.0f} |")
    load = tuple(round(x, 1) for x in os.getloadavg())
    text = "\n".join([
        "# Abstractive model calls per cluster (TAC 2011 English, SmolLM2-135M-Instruct)", "",
        f"Command: `{command_line('abstractive_packing.py', argv)}`",
        "", f"- {args.words}-word summaries, map-reduce, greedy decoding, CPU (no GPU in this "
        f"session), context {loaded.max_positions} tokens; load average {load}", "",
        *lines, *runs])
    emit_report(text, Path(args.out) if args.out else None)
    return 0


if __name__ == "__main__":
    run_script(main)
