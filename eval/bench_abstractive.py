"""Benchmark: this library's batched generation vs the one-chunk-at-a-time loop.

Same model, same chunks, same generation settings, in one run:

* ``baseline``: what the removed ``SummarizationPipeline`` did by default and
  what users write by hand - for each chunk ``tokenizer(chunk)``,
  ``model.generate``, ``tokenizer.decode``.
* ``summarizer``: :class:`summarizer.summarizers.abstractive.Generator` -
  chunks tokenised once, sorted by length, batched, ``torch.inference_mode()``.

The model has facebook/bart-large-cnn's architecture (12+12 layers,
d_model 1024, vocabulary 50,264; ~406M parameters) with random weights:
speed does not depend on the weights. Output lengths are forced equal with
``min_new_tokens == max_new_tokens``. Chunks are packed from the seed article
with a BPE tokenizer trained on it (no download).

    nice python eval/bench_abstractive.py            # ~2-5 min on 2 CPU cores
    python eval/bench_abstractive.py --chunks 16 --new-tokens 64 --beams 4

Prints a table and writes it to eval/results/bench_abstractive.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import command_line, emit_report, run_script  # noqa: E402


def bart_large_cnn_config(small: bool = False):
    """facebook/bart-large-cnn's architecture (``small``: a 2-layer toy for smoke runs)."""
    from transformers import BartConfig

    size = dict(d_model=1024, encoder_layers=12, decoder_layers=12, encoder_attention_heads=16,
                decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096)
    if small:
        size = dict(d_model=64, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
                    decoder_attention_heads=4, encoder_ffn_dim=128, decoder_ffn_dim=128)
    return BartConfig(vocab_size=50264, max_position_embeddings=1024, pad_token_id=1,
                      bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
                      forced_bos_token_id=0, forced_eos_token_id=2, **size)


def train_tokenizer(text: str):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    raw.train_from_iterator([text], trainers.BpeTrainer(
        vocab_size=5000, special_tokens=specials, show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    raw.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=raw, model_max_length=1024, bos_token="<s>",
                                   pad_token="<pad>", eos_token="</s>", unk_token="<unk>",
                                   mask_token="<mask>")


def make_chunks(tokenizer, n_chunks: int, chunk_tokens: int, seed: int,
                full: bool = False) -> list[str]:
    """``n_chunks`` chunks of whole sentences, varied lengths up to ``chunk_tokens``
    (``full``: documents packed together, so chunks are close to ``chunk_tokens``)."""
    from summarizer.chunks import pack_sentences
    from summarizer.documents.model import Cluster, Document
    from summarizer.sentences.split import split_cluster

    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    paras = [p for p in text.split("\n") if p.strip()]
    rng = random.Random(seed)
    docs = []
    for i in range(n_chunks):
        rng.shuffle(paras)
        # documents of different lengths, as in a news cluster
        docs.append(Document(text="\n\n".join(paras[: rng.randint(3, len(paras))]), id=f"d{i}"))
    if full:
        docs = docs * 3  # enough text for n_chunks full chunks
    sentences = split_cluster(Cluster(documents=docs))
    chunks = pack_sentences(sentences, tokenizer, chunk_tokens, cross_documents=full).chunks
    if full:
        return [c.text for c in chunks[:n_chunks]]
    firsts, seen = [], set()
    for c in chunks:  # one chunk per document: lengths differ, as the last chunk of a doc does
        if c.doc_ids[0] not in seen:
            seen.add(c.doc_ids[0])
            firsts.append(c.text)
    return firsts[:n_chunks]


class PeakRSS:
    """Peak resident memory above the level at start, sampled every 5 ms."""

    def __init__(self) -> None:
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
        self.start = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        try:
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * self.page
        except OSError:  # not Linux: whole-process peak (coarser)
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(0.005)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def extra_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def live_peak(call) -> int:
    """The peak of torch's live CPU allocations during ``call()``, above their level at its
    start: the torch profiler's allocation (+) and free (-) events, summed in time order.

    The events are read from the profiler's public Chrome trace (``export_chrome_trace``:
    each "[memory]" instant event's ``Bytes``, at its ``ts`` in microseconds to the
    nanosecond). ``prof.events()`` and ``key_averages()`` fold them into each operator's net
    ``cpu_memory_usage``, which loses what an operator allocates and frees inside itself
    (attention's blocks, a sort's buffers), so their peak would be low; and
    ``export_memory_timeline`` is deprecated, its replacement CUDA's only."""
    import json
    import tempfile

    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
        call()
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace.json"
        prof.export_chrome_trace(str(trace))
        with trace.open(encoding="utf-8") as fh:
            events = json.load(fh)["traceEvents"]
    sizes = sorted((e["ts"], e["args"]["Bytes"]) for e in events if e.get("name") == "[memory]")
    if not sizes:  # a trace format read wrong would measure 0 and pass every bound
        raise RuntimeError("the profiler's trace holds no memory events")
    live = peak = 0
    for _, size in sizes:
        live += size
        peak = max(peak, live)
    return peak


def measure(fn, device: str):
    """(result, wall seconds, CPU seconds, peak extra memory in MiB) of ``fn()``.

    CPU seconds (this process, all threads) are less sensitive than wall
    time to other work on a shared machine. On CUDA the memory is that of the GPU
    ``device`` names (runtime.gpu_peak_mb; ``cuda``: the current one) above what it held
    before, not the current GPU's: ``--device cuda:1`` measured cuda:0.
    """
    import torch

    from summarizer.runtime import gpu_peak_mb

    cpu0 = time.process_time()
    if device.startswith("cuda"):
        torch.cuda.synchronize(device)
        torch.cuda.reset_peak_memory_stats(device)
        base = torch.cuda.memory_allocated(device) / 2**20
        start = time.perf_counter()
        out = fn()
        torch.cuda.synchronize(device)
        secs = time.perf_counter() - start
        return out, secs, time.process_time() - cpu0, (gpu_peak_mb(device) or 0.0) - base
    with PeakRSS() as mem:
        start = time.perf_counter()
        out = fn()
        secs = time.perf_counter() - start
    return out, secs, time.process_time() - cpu0, mem.extra_mb


def baseline(model, tokenizer, chunks: list[str], gen_kwargs: dict, device: str):
    """One chunk at a time: tokenizer(...), model.generate, decode (the old pipeline).

    Returns (lengths, texts): generated tokens that are not special (counted as
    the library counts them) and the decoded outputs."""
    lengths, texts, specials = [], [], set(tokenizer.all_special_ids)
    for chunk in chunks:
        inputs = tokenizer(chunk, return_tensors="pt", truncation=True, max_length=1024).to(device)
        out = model.generate(**inputs, **gen_kwargs)
        texts.append(tokenizer.decode(out[0], skip_special_tokens=True).strip())
        lengths.append(sum(1 for t in out[0].tolist() if t not in specials))
    return lengths, texts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shape", choices=["short", "realistic"], default="short",
                   help="short: 6 chunks of <=384 tokens, 2 beams, 32 new tokens (defaults); "
                   "realistic: 8 full chunks of <=700 tokens, 4 beams, 60 new tokens")
    p.add_argument("--plain", action="store_true",
                   help="also time batched generation with plain generate (no shared "
                   "cross-attention), to separate batching from the beam-search change")
    p.add_argument("--chunks", type=int, default=None,
                   help="number of chunks (default 6; realistic shape 8)")
    p.add_argument("--chunk-tokens", type=int, default=384, help="max tokens per chunk")
    p.add_argument("--new-tokens", type=int, default=32, help="tokens generated per chunk")
    p.add_argument("--beams", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=None, help="default: automatic")
    p.add_argument("--device", default="auto")
    p.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--small", action="store_true", help="2-layer toy model (smoke test only)")
    p.add_argument("--out", default=None,
                    help="write the table there too (e.g. eval/results/bench_abstractive.md)")
    args = p.parse_args(argv)
    if args.shape == "realistic":
        args.chunk_tokens, args.beams, args.new_tokens = 700, 4, 60
    if args.chunks is None:
        args.chunks = 8 if args.shape == "realistic" else 6

    import torch
    from transformers import BartForConditionalGeneration

    from summarizer.runtime import pick_device, set_seed
    from summarizer.summarizers.abstractive import GenerationSettings, Generator, family_for
    from summarizer.summarizers.abstractive.loading import LoadedModel

    if args.threads:
        torch.set_num_threads(args.threads)
    set_seed(args.seed)
    device = pick_device(args.device)
    text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    tokenizer = train_tokenizer(text)
    chunks = make_chunks(tokenizer, args.chunks, args.chunk_tokens, args.seed,
                         full=args.shape == "realistic")
    in_tokens = [len(tokenizer(c)["input_ids"]) for c in chunks]
    print(f"building a random-weight model with bart-large-cnn's config on {device} ...",
          file=sys.stderr)
    config = bart_large_cnn_config(args.small)
    model = BartForConditionalGeneration(config).to(device).eval()
    n_params = sum(p.numel() for p in model.parameters())

    penalty = 2.0 if args.beams > 1 else None  # it weighs beams; one beam refuses it
    settings = GenerationSettings(num_beams=args.beams, max_new_tokens=args.new_tokens,
                                  min_new_tokens=args.new_tokens, length_penalty=penalty,
                                  no_repeat_ngram_size=3, seed=args.seed,
                                  batch_size=args.batch_size)
    gen_kwargs = dict(max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens,
                      num_beams=args.beams, no_repeat_ngram_size=3,
                      do_sample=False, early_stopping=True, pad_token_id=tokenizer.pad_token_id)
    if penalty is not None:
        gen_kwargs["length_penalty"] = penalty
    loaded = LoadedModel("bart-large-cnn architecture, random weights", "memory", model,
                         tokenizer, family_for(config, "facebook/bart-large-cnn"), device,
                         str(model.dtype).replace("torch.", ""), 1024, 1024)
    generator = Generator(loaded, settings)

    # warm-up (allocator, kernels) on a short input, for both paths alike
    baseline(model, tokenizer, [chunks[-1][:200]], {**gen_kwargs, "max_new_tokens": 2,
                                                    "min_new_tokens": 2}, device)

    print(f"baseline: {len(chunks)} chunks one at a time ...", file=sys.stderr)
    (base_lengths, base_texts), base_s, base_cpu, base_mb = measure(
        lambda: baseline(model, tokenizer, chunks, gen_kwargs, device), device)
    print("summarizer: batched, length-sorted, shared cross-attention ...", file=sys.stderr)
    outs, ours_s, ours_cpu, ours_mb = measure(lambda: generator.generate(chunks, args.new_tokens,
                                                               args.new_tokens), device)
    ours_lengths = [o.new_tokens for o in outs]
    base_tokens = sum(base_lengths)
    ours_tokens = sum(ours_lengths)
    identical = [o.text for o in outs] == base_texts and ours_lengths == base_lengths

    rows = [
        ("baseline (one chunk at a time)", base_s, base_cpu, base_tokens / base_s, base_mb),
        ("summarizer (batched, sorted, shared cross-attention)", ours_s, ours_cpu,
         ours_tokens / ours_s, ours_mb),
    ]
    if args.plain:
        plain = Generator(loaded, settings)
        plain.shared_cross_attention = False
        print("summarizer with plain generate ...", file=sys.stderr)
        p_outs, p_s, p_cpu, p_mb = measure(lambda: plain.generate(chunks, args.new_tokens,
                                                                  args.new_tokens), device)
        identical = identical and [o.text for o in p_outs] == base_texts
        rows.insert(1, ("batched, sorted, plain generate", p_s, p_cpu,
                        sum(o.new_tokens for o in p_outs) / p_s, p_mb))
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    lines = [
        "# Abstractive generation benchmark",
        "",
        f"Command: `{command_line('bench_abstractive.py', argv)}`",
        "",
        f"- model: BART with facebook/bart-large-cnn's config{' (--small toy)' if args.small else ''}, "
        f"random weights, {n_params / 1e6:.0f}M parameters, {loaded.dtype}",
        f"- device: {device}; torch {torch.__version__}, {torch.get_num_threads()} CPU threads, "
        f"{os.cpu_count()} cores, load average at the end {tuple(round(x, 1) for x in load)}; "
        f"{platform.processor() or platform.machine()}",
        f"- chunks: {len(chunks)}, input tokens {min(in_tokens)}-{max(in_tokens)} "
        f"(total {sum(in_tokens)})",
        f"- generation (both): num_beams={args.beams}, min_new_tokens=max_new_tokens="
        f"{args.new_tokens}, length_penalty={penalty}, no_repeat_ngram_size=3, greedy/beam (no sampling), "
        f"seed {args.seed}; batch size {generator.stats.batch_sizes}",
        f"- generated tokens: baseline {base_tokens}, summarizer {ours_tokens} "
        f"(equal lengths: {base_tokens == ours_tokens}; identical outputs, every chunk: "
        f"{identical})",
        "",
        "| method | wall time (s) | CPU time (s) | generated tokens/s (wall) "
        "| peak extra memory (MiB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, secs, cpu, tps, mb in rows:
        lines.append(f"| {name} | {secs:.1f} | {cpu:.1f} | {tps:.2f} | {mb:.0f} |")
    lines += [
        f"| **ratio summarizer / baseline** | **{ours_s / base_s:.2f}x** "
        f"(speed-up {base_s / ours_s:.2f}x) | **{ours_cpu / base_cpu:.2f}x** "
        f"(speed-up {base_cpu / ours_cpu:.2f}x) "
        f"| **{(ours_tokens / ours_s) / (base_tokens / base_s):.2f}x** "
        f"| **{(ours_mb / base_mb) if base_mb > 0 else float('nan'):.2f}x** |",
        "",
        "Peak memory is the resident set (CPU) or allocated CUDA memory above the level "
        "before each run, so it counts activations and caches, not the weights.",
    ]
    if isinstance(load[0], float) and load[0] > (os.cpu_count() or 1):
        lines += ["", "The CPU was shared with other work while this ran (load average above "
                  "the core count): absolute times are inflated; both runs shared the same "
                  "conditions, so compare the ratios."]
    emit_report("\n".join(lines), Path(args.out) if args.out else None)
    if args.out:
        print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_script(main)
