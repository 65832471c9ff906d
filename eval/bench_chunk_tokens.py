"""How much of a long abstractive map-reduce run goes to tokenising the chunks again.

A map-reduce round's chunks are a ``ChunkStream``: packed and measured (every chunk's
text tokenised) once to size them, once more with ``cross_documents`` (the default), and
again as they are read for the model. This script times, inside one real
``AbstractiveSummarizer(strategy="map-reduce")`` run on a long input, every call of
``summarizer.chunks.packing.token_counts`` by its caller (the sentences' counts, the
chunks' measuring in ``_verify``, the rest), the share of the chunk measuring spent on a
text already measured in the run, and the whole run.

Models: ``tiny`` (built here, as the tests build theirs: BART layout, 2 layers, d_model 64,
1,024 positions, random weights, a byte-level BPE tokenizer trained on the seed article;
inputs are the news-like articles of ``eval/scaling.py``, one document each) and
``smollm2`` (SmolLM2-135M-Instruct, its cached converted copy; 8,192 tokens of context;
inputs: TAC 2011 English clusters joined into one cluster).

    python eval/bench_chunk_tokens.py --model tiny --mb 2 --repeats 3
    python eval/bench_chunk_tokens.py --model smollm2 --clusters 3 --repeats 1

With ``--max-input-tokens 0,2048,1024`` it times the run against that option instead
(0: unset, the model's limit): wall and CPU seconds, model calls, and the peak resident
memory above the memory before the run (Linux ``VmHWM``, reset before each run through
``/proc/self/clear_refs``, after ``malloc_trim`` gave back what the last run freed), each
as a ratio to the first row; the faithfulness guard is off, and the first bound is run once
untimed first.

Prints a table (medians of ``--repeats`` runs in this process, the model loaded once
before them) and writes it to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    bound_counts,
    command_line,
    emit_report,
    missing_tac,
    run_script,
)

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"


class TokenTimer:
    """Wraps ``packing.token_counts``: seconds by caller, and how much of the chunks'
    measuring was spent on texts measured before in the run (by characters)."""

    def __init__(self) -> None:
        from summarizer.chunks import packing

        self.packing, self.inner = packing, packing.token_counts
        self.seconds: dict[str, float] = defaultdict(float)
        self.repeat_seconds = 0.0
        self.calls = 0
        self.seen: set[tuple[int, int]] = set()

    def __call__(self, tokenizer, texts):
        caller = sys._getframe(1).f_code.co_name
        start = time.perf_counter()
        out = self.inner(tokenizer, texts)
        secs = time.perf_counter() - start
        self.calls += 1
        self.seconds[caller] += secs
        if caller == "_verify":
            keys = [(hash(t), len(t)) for t in texts]
            chars = sum(len(t) for t in texts) or 1
            again = sum(k[1] for k in keys if k in self.seen)
            self.repeat_seconds += secs * again / chars
            self.seen.update(keys)
        return out

    def __enter__(self) -> TokenTimer:
        self.packing.token_counts = self
        return self

    def __exit__(self, *exc) -> None:
        self.packing.token_counts = self.inner


def tiny_model(folder: Path) -> Path:
    """The tiny BART of the tests' kind, saved under ``folder``."""
    import torch
    from bench_abstractive import bart_large_cnn_config, train_tokenizer
    from transformers import BartForConditionalGeneration

    torch.manual_seed(0)
    tok = train_tokenizer((REPO / "seeds" / "panama_migration_meeting.txt").read_text("utf-8"))
    cfg = bart_large_cnn_config(small=True)
    cfg.vocab_size = len(tok)
    model = BartForConditionalGeneration(cfg)
    # random seq2seq weights emit a special token at once; as the tests do, suppress them
    model.generation_config.suppress_tokens = list(tok.all_special_ids)
    model.generation_config.forced_eos_token_id = None
    path = folder / "tiny-bart"
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path


def long_cluster(args):
    from summarizer.documents.model import Cluster, Document

    if args.model == "smollm2":
        from summarizer.documents import load_tac2011

        clusters = load_tac2011(args.data, "english")[: args.clusters]
        docs = [Document(text=d.text, id=f"{c.id}/{d.id}") for c in clusters for d in c.documents]
        return Cluster(documents=docs, id="joined", language="english")
    from scaling import ArticleMaker, source_sentences

    maker = ArticleMaker(source_sentences(args.data, "english"))
    docs, size = [], 0
    while size < args.mb * 1e6:
        text = maker.article()
        docs.append(Document(text=text, id=f"a{len(docs)}"))
        size += len(text.encode("utf-8"))
    return Cluster(documents=docs, id=f"{args.mb:g}mb", language="english")


def _vm(field: str) -> float:
    """A ``/proc/self/status`` memory figure (``VmRSS``, ``VmHWM``) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise OSError(f"no {field} in /proc/self/status")


def bound_rows(model: str, cluster, bounds: list[int], words: int, repeats: int) -> list[dict]:
    """Medians over ``repeats`` runs for each ``max_input_tokens`` in ``bounds`` (0: unset)."""
    from summarizer.summarizers.abstractive import AbstractiveSummarizer
    from summarizer.summarizers.budget import Budget

    rows = []
    for bound in bounds:
        # guard off: the sentence encoder it loads on the first run would be the first
        # row's memory; the model is what the bound changes
        summ = AbstractiveSummarizer(model=model, strategy="map-reduce", device="cpu",
                                     progress=False, guard="off", max_input_tokens=bound or None)
        summ.load()  # cached: loaded once for every bound
        if not rows:  # a first run pays one-off costs (lazy imports, first calls): not timed
            summ.summarize(cluster, Budget(words=words))
        runs = []
        for _ in range(repeats):
            gc.collect()
            ctypes.CDLL("libc.so.6").malloc_trim(0)  # freed memory of the last run goes back
            with open("/proc/self/clear_refs", "w") as fh:  # the peak restarts here (Linux)
                fh.write("5")
            base = _vm("VmRSS")
            cpu0, start = time.process_time(), time.perf_counter()
            out = summ.summarize(cluster, Budget(words=words))
            runs.append({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu0,
                         "peak": _vm("VmHWM") - base})
            print(f"max_input_tokens {bound or 'unset'}: {runs[-1]['wall']:.1f} s wall, "
                  f"+{runs[-1]['peak']:.0f} MB peak", file=sys.stderr, flush=True)
        gen = out.coverage["generation"]
        rows.append({"bound": bound, "limit": out.settings.get("input_limit",
                                                               out.settings["max_positions"]),
                     "chunks": out.coverage["chunks"], "rounds": out.coverage["rounds"],
                     "tokens": out.coverage["input_tokens"],
                     "calls": gen["sequences"], "guard_truncated": gen["guard_truncated"],
                     **{k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak")}})
    return rows


def bound_table(rows: list[dict]) -> list[str]:
    base = rows[0]
    lines = ["| max_input_tokens | input limit | first-round chunks | rounds | model inputs | "
             "wall s | ratio | CPU s | ratio | peak MB above start | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['bound'] or 'unset'} | {r['limit']:,} | {r['chunks']} | {r['rounds']} "
                     f"| {r['calls']} | {r['wall']:.1f} | {r['wall'] / base['wall']:.2f} "
                     f"| {r['cpu']:.1f} | {r['cpu'] / base['cpu']:.2f} | {r['peak']:.0f} "
                     f"| {r['peak'] / max(base['peak'], 1):.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", choices=["tiny", "smollm2"], default="tiny")
    ap.add_argument("--mb", type=float, default=2.0, help="tiny: input size in MB")
    ap.add_argument("--clusters", type=int, default=3, help="smollm2: TAC clusters joined")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--max-input-tokens", default=None,
                    help="comma list of max_input_tokens values (0: unset): time and peak "
                         "memory against the bound instead of the token counting")
    args = ap.parse_args(argv)
    bound_counts(ap, args, mb=(0.0, 100), repeats=(1, 20), threads=(1, 256))
    bounds = None
    if args.max_input_tokens is not None:
        try:
            bounds = [int(b) for b in args.max_input_tokens.split(",")]
        except ValueError:
            ap.error("--max-input-tokens must be whole numbers, e.g. 0,2048,1024")
    if missing_tac(args.data):
        return 2
    import torch

    from summarizer.summarizers.abstractive import AbstractiveSummarizer
    from summarizer.summarizers.budget import Budget

    torch.set_num_threads(args.threads)
    cluster = long_cluster(args)
    chars = sum(len(d.text) for d in cluster.documents)
    load0 = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        model = str(tiny_model(Path(tmp))) if args.model == "tiny" else "smollm2"
        summ = AbstractiveSummarizer(model=model, strategy="map-reduce", device="cpu",
                                     progress=False)
        if bounds is not None:
            load0 = os.getloadavg()
            rows_b = bound_rows(model, cluster, bounds, args.words, args.repeats)
            load1 = os.getloadavg()
            emit_report("\n".join([
                f"# Time and memory against max_input_tokens ({args.model})", "",
                f"Command: `{command_line('bench_chunk_tokens.py', argv)}`",
                "", f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), torch "
                f"threads {args.threads}; load average {load0[0]:.1f} at start, {load1[0]:.1f} "
                f"at end. Shape: {len(cluster.documents):,} documents, {chars:,} characters, "
                f"{rows_b[0]['tokens']:,} input tokens; "
                f"map-reduce, {args.words} words; medians of {args.repeats} run(s) per bound in "
                "one process (model loaded before them); ratios to the first row.", "",
                *bound_table(rows_b)]), args.out)
            return 0
        summ.load()
        for _ in range(args.repeats):
            with TokenTimer() as timer:
                cpu0, start = time.process_time(), time.perf_counter()
                out = summ.summarize(cluster, Budget(words=args.words))
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
            cov = out.coverage
            rows.append({"wall": wall, "cpu": cpu, "verify": timer.seconds["_verify"],
                         "repeat": timer.repeat_seconds,
                         "sentences": timer.seconds["sentence_token_counts"],
                         "other": sum(v for k, v in timer.seconds.items()
                                      if k not in ("_verify", "sentence_token_counts")),
                         "chunks": cov["chunks"], "rounds": cov["rounds"],
                         "tokens": cov["input_tokens"], "calls": timer.calls,
                         "text": out.text})
            print(f"run: {wall:.1f} s wall, {cpu:.1f} CPU s, chunk measuring "
                  f"{rows[-1]['verify']:.2f} s (again {rows[-1]['repeat']:.2f} s)",
                  file=sys.stderr, flush=True)
    load1 = os.getloadavg()
    med = {k: statistics.median(r[k] for r in rows)
           for k in ("wall", "cpu", "verify", "repeat", "sentences", "other")}
    same = len({r["text"] for r in rows}) == 1
    r0 = rows[0]
    shape = (f"{len(cluster.documents):,} documents, {chars:,} characters, "
             f"{r0['tokens']:,} input tokens, {r0['chunks']:,} first-round chunks, "
             f"{r0['rounds']} rounds")
    lines = [
        f"# Chunk tokenising in a map-reduce run ({args.model})", "",
        f"Command: `{command_line('bench_chunk_tokens.py', argv)}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python "
        f"{platform.python_version()}, torch threads {args.threads}; load average "
        f"{load0[0]:.1f} at start, {load1[0]:.1f} at end. Shape: {shape}; {args.words} words; "
        f"medians of {len(rows)} runs in one process (model loaded before them); summaries "
        f"{'identical' if same else 'DIFFERENT'} across runs.", "",
        "| part | median s | share of the run's wall time |", "|---|---:|---:|",
        f"| whole summarize (wall) | {med['wall']:.2f} | 1.000 |",
        f"| whole summarize (CPU s) | {med['cpu']:.2f} | - |",
        f"| sentences' token counts | {med['sentences']:.2f} | {med['sentences'] / med['wall']:.3f} |",
        f"| chunks' measuring (`_verify`), all | {med['verify']:.2f} | "
        f"{med['verify'] / med['wall']:.3f} |",
        f"| of which texts measured before in the run | {med['repeat']:.2f} | "
        f"{med['repeat'] / med['wall']:.3f} |",
        f"| other `token_counts` calls | {med['other']:.2f} | {med['other'] / med['wall']:.3f} |",
    ]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
