"""Batched generation: preprocess, run the model, postprocess - kept apart.

Inputs are tokenised once, sorted by length (longest first, so that each
batch pads little and memory peaks early), grouped into batches and run
under ``torch.inference_mode()``. Batch size and device live here only.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from typing import Any

from summarizer.errors import OptionError, OutOfMemoryError, value_repr
from summarizer.runtime import DEFAULT_SEED, seeded
from summarizer.summarizers.abstractive.beams import beam_kwargs, decoder_cache
from summarizer.summarizers.abstractive.families import PLAIN_PROMPT_SUFFIX
from summarizer.summarizers.abstractive.loading import (
    POSITION_LIMIT_CAP,
    LoadedModel,
    relative_bias_bytes,
)
from summarizer.summarizers.abstractive.model_decoding import (
    PASSED,
    recorded,
    refuse_decay_overflow,
    refuse_unrun,
    token_ids,
)
from summarizer.summarizers.abstractive.row_sampling import (
    resolve_sampling,
    row_processors,
    row_seed,
)
from summarizer.textio.read import amount

# Auto batch size: at most this many (input tokens x beams) per batch.
_TOKENS_PER_BATCH = {"cpu": 16_384, "mps": 32_768, "cuda": 131_072}
_MAX_BATCH = 64
# At most this many token positions (sequences, inputs x beams, x their longest input and
# new tokens) in one generate call, whatever batch_size and num_beams say: as many as one
# greedy call of the longest context the package takes, so that no number typed makes a
# call (its caches, and its attention's square on a CPU) bigger than a model's context can.
# batch_size 1,024 x num_beams 64 of 1,000-token inputs held 65 million.
MOST_CALL_TOKENS = POSITION_LIMIT_CAP
# And at most this many bytes, estimated from the model's config (Generator.call_bytes):
# positions are not bytes, and a 7B model holds 23x SmolLM2's cache a position (1 MiB in
# float32, against 46,080 bytes). Fixed, not read from free memory, so that the same inputs
# give the same batches and refusals on every machine.
MOST_CALL_BYTES = 6 * 2**30
# Vocabulary-wide float32 tensors a decoding step holds per sequence: the model's logits,
# their float32 copy, the log-softmax, the processors' clone and masked copy (min_new_tokens),
# the beam scores added. 64 beams of SmolLM2 measured 5.2-5.3 of them above the cache.
LOGIT_COPIES = 6
# And this many more where sampling draws (do_sample): top_p sorts each sequence's scores (the
# sorted floats and their int64 indices, 3 float32 copies), its softmax and cumsum, the
# temperature's and the top-k's (default 50) masked copies, the draws (row_sampling: the
# noise and the scores less it; generate's softmax drawn from, where beams sample). SmolLM2's
# sampled steps (top_p 0.9, temperature 0.7) hold 3.5 of them above greedy search's, 4.5
# when generate drew them (the profiler's peaks of 64 sequences of 65 + 64 tokens:
# eval/results/bench_call_bytes_sampled.md, 474 and 486 MiB against 433), its
# beam sampling 3.5 above beam search's (the
# same shape, eval/bench_call_bytes.py's rows 14 and 15); counted without them, a tiny BART's
# 16 sampled beams of a short input held 1.15x the tensors counted
# (tests/abstractive/test_call_bytes.py).
SAMPLING_COPIES = 5
# The allocator (glibc's, on Linux) keeps much of what a call frees resident: the prompt
# pass's activations, the cache's old copies as torch.cat grows it and index_select reorders
# beams a layer at a time. A call's peak RSS measured 1.0-1.7x its peak of live tensors
# (eval/results/bench_call_bytes.md), so the live tensors are counted this many times.
RESIDENT = 2
# no_repeat_ngram_size n: at every step transformers builds each sequence's table of its
# n-grams (a causal LM's prompt in it), all sequences' at once: a key of n - 1 tokens a
# position (8 n + NGRAM_ENTRY bytes), built from n slices of the sequence's token list (8
# bytes a token each). Measured (tracemalloc, 20,000 tokens): 211 bytes a position of n=3,
# 1,768 of 100, 16,386 of 1,000. n of 100 up to the context took n x the context's bytes a
# sequence at every step; the tables of a call are bounded, fixed as MOST_CALL_BYTES is.
NGRAM_ENTRY = 200
MOST_NGRAM_BYTES = 2**30
# transformers' GenerationConfig defaults: a checkpoint with these set nothing.
_NEUTRAL = {"num_beams": 1, "length_penalty": 1.0, "no_repeat_ngram_size": 0}
# Tokens kept free where a prompt or prefix meets the text.
JOIN_MARGIN = 2
# On a guard cut of a chat input, this many closing tokens are kept.
_TAIL_KEEP = 8


@dataclass
class GenerationSettings:
    """Decoding options; sampling is off unless asked for.

    ``None`` for beams, length penalty or n-gram blocking means "the model's
    own generation config if it sets one, else the family default" (see
    :meth:`resolved`); so does ``None`` for temperature, top_k and top_p where sampling,
    else generate's defaults (1.0, 50, 1.0; row_sampling.resolve_sampling). The values
    actually used are recorded with the summary, and so are the values of the model's
    generation config that generate applies beside them (model_decoding).
    """

    num_beams: int | None = None
    max_new_tokens: int | None = None  # None: derived from the length budget
    min_new_tokens: int | None = None
    length_penalty: float | None = None
    no_repeat_ngram_size: int | None = None
    do_sample: bool = False
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None  # 0: no top-k cut
    seed: int = DEFAULT_SEED
    batch_size: int | None = None  # None: automatic, from input lengths and device
    # not an option: the values of model_decoding.RECORDED the model's generation config
    # sets, which generate applies beside these, and its TOKEN_IDS (resolved() fills it)
    model_values: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if not self.do_sample:  # absent where nothing samples: runs from before it resume
            del out["top_k"]
        # each under its own name, absent where the model sets none: settings as before
        out.update(out.pop("model_values"))
        return out

    def resolved(self, model_config: Any, causal: bool,
                 pad_token_id: int | None = None) -> GenerationSettings:
        """A copy with every ``None`` decoding option filled in, and the values of
        ``model_config`` generate applies beside them (model_decoding: its RECORDED values
        and its special token ids, ``pad_token_id`` the one every call passes).

        Checkpoints such as bart-large-cnn ship tuned values (4 beams,
        length penalty 2.0, no repeated trigrams); those are used. Otherwise
        seq2seq models get 4 beams and instruct LMs greedy search (beam
        search buys little for them and costs a lot on a CPU).
        """
        fallback = {"num_beams": 1 if causal else 4, "length_penalty": 1.0,
                    "no_repeat_ngram_size": 3}
        values = asdict(self)
        del values["model_values"]  # read again from model_config below
        for key, default in fallback.items():
            if values[key] is None:
                shipped = getattr(model_config, key, None)
                # GenerationConfig's own neutral defaults mean "not set by the checkpoint"
                values[key] = default if shipped in (None, _NEUTRAL[key]) else shipped
        check_length_penalty(self.length_penalty, values["num_beams"],
                             self.num_beams is None)
        if self.do_sample:
            values.update(resolve_sampling(values, model_config))
        refuse_unrun(model_config)
        if self.max_new_tokens:  # given: known before any work (else per summary, Run)
            refuse_decay_overflow(model_config, self.max_new_tokens)
        out = GenerationSettings(**values)
        out.model_values = {**token_ids(model_config, pad_token_id), **recorded(model_config)}
        return out


def check_length_penalty(penalty: float | None, beams: int | None, model_decides: bool) -> None:
    """An :class:`OptionError` for a ``length_penalty`` given where one beam decodes: it
    weighs beam search's finished hypotheses by their length, and greedy search or
    sampling has none to weigh (transformers takes it and changes nothing). Known from the
    options where ``num_beams`` is 1; where it is not given (``model_decides``), only once
    the model's generation config is read (:meth:`GenerationSettings.resolved`)."""
    if penalty is None or beams != 1:
        return
    why = ("num_beams is not given, and this model decodes with 1 (greedy search: an "
           "instruct model, whose generation config sets no beams)" if model_decides
           else "num_beams 1 (greedy search or sampling)")
    raise OptionError(f"length_penalty weighs beam search's hypotheses by their length; "
                      f"with {why} it would not be used: give num_beams 2 or more beside it, "
                      "or leave it out")


@dataclass
class Generated:
    """One output: the text, the tokens in and out, and whether it hit the cap."""

    text: str
    input_tokens: int
    new_tokens: int
    hit_max: bool


@dataclass
class GenerationStats:
    """Counters over every generate call of one summarisation."""

    calls: int = 0
    batches: int = 0
    sequences: int = 0
    new_tokens: int = 0
    seconds: float = 0.0
    batch_sizes: list[int] = field(default_factory=list)
    guard_truncated: int = 0  # inputs cut to fit the model (should stay 0)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["tokens_per_second"] = round(self.new_tokens / self.seconds, 2) if self.seconds else None
        d["seconds"] = round(self.seconds, 3)
        return d


class Generator:
    """Turn lists of source texts into generated texts with one loaded model."""

    def __init__(
        self,
        loaded: LoadedModel,
        settings: GenerationSettings,
        prompt: str | None = None,
        progress: bool = False,
        max_input_tokens: int | None = None,
    ) -> None:
        self.loaded = loaded
        # the user's bound on one model input (prompt and specials included); None: the model's
        self.max_input_tokens = max_input_tokens
        self.settings = settings.resolved(
            getattr(loaded.model, "generation_config", None), loaded.family.causal,
            loaded.tokenizer.pad_token_id,  # what _run passes
        )
        # the model's generation config gave it (the options did not): said in a refusal
        self._ngram_of_model = settings.no_repeat_ngram_size is None
        self.prompt = prompt or loaded.family.prompt
        self.progress = progress
        # Beam search with one cross-attention projection per input and no
        # per-step reordering of it (summarizer.summarizers.abstractive.beams);
        # same tokens, less work. False: plain ``generate`` (for comparisons).
        self.shared_cross_attention = True
        self.stats = GenerationStats()
        self._overhead: dict[int, int] = {}
        self._position_bytes = loaded.position_bytes
        self._prompt_bytes = {padded: loaded.prompt_bytes(padded) for padded in (True, False)}
        self._bias_bytes = relative_bias_bytes(loaded.model.config)
        copies = LOGIT_COPIES + (SAMPLING_COPIES if self.settings.do_sample else 0)
        self._sequence_bytes = loaded.vocab_size * 4 * copies  # float32 scores

    def call_bytes(self, inputs: int, width: int, max_new_tokens: int,
                   beams: int | None = None, padded: bool = True) -> int:
        """The estimated peak bytes of a generate call of ``inputs`` x ``beams`` (the
        settings' where not given) sequences whose longest input has ``width`` tokens
        (``padded``: some input is shorter): :data:`RESIDENT` times the tensors ``generate``
        holds, :meth:`call_terms` (eval/bench_call_bytes.py measures each term against a
        profiler's peak of live tensors)."""
        return RESIDENT * sum(self.call_terms(inputs, width, max_new_tokens, beams,
                                              padded).values())

    def call_terms(self, inputs: int, width: int, max_new_tokens: int,
                   beams: int | None = None, padded: bool = True) -> dict[str, int]:
        """The bytes of the tensors :meth:`call_bytes` counts, by term:

        * ``cache``: the key/value cache of every token position (LoadedModel.position_bytes);
        * ``prompt``: the forward pass over the whole inputs (LoadedModel.prompt_bytes), its
          attention's square included (the padding mask only where ``padded``): on every beam
          for a causal LM (generate copies the prompt per beam first), once an input for an
          encoder; and a relative position bias's buckets, once a call (relative_bias_bytes);
        * ``scores``: each sequence's vocabulary-wide scores of a step (:data:`LOGIT_COPIES`,
          and :data:`SAMPLING_COPIES` more where sampling).

        The prompt pass and the last steps do not meet, so their sum also covers a layer's
        copy of the cache as it grows or is reordered."""
        beams = beams or self.settings.num_beams or 1
        sequences = inputs * beams
        rows = sequences if self.loaded.family.causal else inputs
        position, pair = self._prompt_bytes[padded]
        return {"cache": sequences * (width + max_new_tokens) * self._position_bytes,
                "prompt": rows * width * (position + width * pair)
                + width * width * self._bias_bytes,
                "scores": sequences * self._sequence_bytes}

    def ngram_bytes(self, inputs: int, width: int, max_new_tokens: int,
                    size: int | None = None) -> int:
        """The estimated bytes of the n-gram tables ``no_repeat_ngram_size`` (``size``
        where given) makes transformers build at a call's last step, of ``inputs`` x beams
        sequences whose longest input has ``width`` tokens (a seq2seq model's tables are of
        its output only); 0 where none is built (n of 0, or longer than the sequences)."""
        n = self.settings.no_repeat_ngram_size if size is None else size
        length = (width if self.loaded.family.causal else 1) + max_new_tokens
        if not n or n > length:
            return 0
        sequences = inputs * (self.settings.num_beams or 1)
        return sequences * (length - n + 1) * (8 * n + NGRAM_ENTRY) + 8 * n * length

    def _check_ngram_size(self, longest: int, max_new_tokens: int, up_to: bool) -> None:
        """An :class:`OptionError` where one input's n-gram tables (:meth:`ngram_bytes`)
        would pass :data:`MOST_NGRAM_BYTES`, naming the largest n-gram size that fits."""
        n = self.settings.no_repeat_ngram_size or 0
        size = self.ngram_bytes(1, longest, max_new_tokens)
        if size <= MOST_NGRAM_BYTES:
            return
        fits = next(k for k in range(n) if self.ngram_bytes(1, longest, max_new_tokens, k + 1)
                    > MOST_NGRAM_BYTES)
        whose = ("this model's generation config's; another: " if self._ngram_of_model
                 else "")
        raise OptionError(
            f"no_repeat_ngram_size {n} ({whose}--option no_repeat_ngram_size=N) with a model "
            f"input of {'up to ' if up_to else ''}{longest:,} tokens, {max_new_tokens:,} new "
            f"tokens and {self.settings.num_beams or 1} beam(s) would hold an estimated "
            f"{amount(size)} of n-gram tables at each decoding step, over the bound of one "
            f"call ({amount(MOST_NGRAM_BYTES)}): give no_repeat_ngram_size {fits} or less, "
            "or shorter inputs (--option max_input_tokens=N)")

    # -- preprocess ---------------------------------------------------------
    def render(self, text: str, words: int) -> str:
        """The full model input for one source text (prefix or chat prompt)."""
        fam, tok = self.loaded.family, self.loaded.tokenizer
        if not fam.causal:
            return fam.prefix + text
        content = (self.prompt or "{text}").format(text=text, words=words)
        if getattr(tok, "chat_template", None):
            from summarizer.summarizers.abstractive.chat_template import render_chat

            return render_chat(tok, content, f"model {value_repr(self.loaded.source)}")
        return content + PLAIN_PROMPT_SUFFIX

    def overhead(self, words: int = 100) -> int:
        """Tokens the model input adds around the source text (prompt, prefix, specials)."""
        if words not in self._overhead:
            empty = self.render("", words)
            n = len(self.loaded.tokenizer(empty, add_special_tokens=self._add_special())["input_ids"])
            self._overhead[words] = n
        return self._overhead[words]

    def _model_cap(self, max_new_tokens: int) -> int:
        # a causal LM's output shares its context
        return self.loaded.max_positions - (max_new_tokens if self.loaded.family.causal else 0)

    def bound_rules(self, max_new_tokens: int) -> bool:
        """Whether ``max_input_tokens``, not the model, sets :meth:`input_cap`."""
        bound = self.max_input_tokens
        return bound is not None and bound < self._model_cap(max_new_tokens)

    def input_cap(self, max_new_tokens: int) -> int:
        """Tokens one model input (prompt and specials included) may have in a call producing
        ``max_new_tokens``: the model's positions, less the output for a causal LM, and at
        most ``max_input_tokens``.

        ``max_input_tokens`` counts the input only, for a causal LM too, whose call then
        holds up to it plus ``max_new_tokens`` (never more than the model's positions): so
        one value packs the same chunks for a seq2seq and a causal model (an evaluate run
        over both), the room for text does not shrink as a longer summary is asked for,
        and the output has its own bound, the summary's new tokens."""
        cap = self._model_cap(max_new_tokens)
        return cap if self.max_input_tokens is None else min(cap, self.max_input_tokens)

    def input_limit(self, max_new_tokens: int, words: int = 100) -> int:
        """Source tokens that fit one model call producing ``max_new_tokens``."""
        # JOIN_MARGIN: tokenising prompt + text together can differ from the
        # sum of the parts by a token or two where they meet.
        return self.input_cap(max_new_tokens) - self.overhead(words) - JOIN_MARGIN

    def _add_special(self) -> bool:
        # A rendered chat template already holds its special tokens.
        return not (self.loaded.family.causal and getattr(self.loaded.tokenizer, "chat_template", None))

    def _encode(self, texts: list[str], words: int, max_new_tokens: int) -> list[list[int]]:
        tok = self.loaded.tokenizer
        rendered = [self.render(t, words) for t in texts]
        cap = self.input_cap(max_new_tokens)
        enc = tok(rendered, add_special_tokens=self._add_special(), verbose=False)
        out = []
        for ids in enc["input_ids"]:
            ids = list(ids)
            if len(ids) > cap:
                # A guard only (callers pack inputs to fit): cut the end of the
                # text but keep the closing tokens (</s>, the assistant header),
                # and count the cut so that it is reported, never silent.
                keep = min(_TAIL_KEEP, cap // 4) if self.loaded.family.causal else 1
                ids = ids[: cap - keep] + ids[len(ids) - keep :]
                self.stats.guard_truncated += 1
            out.append(ids)
        return out

    def _batches(self, order: list[int], lengths: list[int], max_new_tokens: int
                 ) -> list[list[int]]:
        """``order`` (longest first) in batches: as many inputs as the device's token
        budget takes, and at most ``batch_size`` where given; either way no more than
        :data:`MOST_CALL_TOKENS` token positions, :data:`MOST_CALL_BYTES` estimated bytes
        and :data:`MOST_NGRAM_BYTES` of n-gram tables a call (batched generation gives what
        one input at a time gives, so a smaller batch changes no output). Beam sampling
        runs one input a call (:meth:`_draws`)."""
        beams = max(self.settings.num_beams or 1, 1)  # resolved(): never None here
        if self.settings.do_sample and beams > 1:
            return [[i] for i in order]
        # batch_size only lowers the device's token budget: given, it had none, and 64
        # beams of 1,024 inputs went into one CPU call (2.8 GB, then torch's allocator failed)
        size = self.settings.batch_size or _MAX_BATCH
        budget = _TOKENS_PER_BATCH.get(self.loaded.device.split(":")[0], 16_384)
        batches: list[list[int]] = []
        for i in order:  # longest first: the first item of a batch sets its width
            if batches:
                n, width = len(batches[-1]) + 1, lengths[batches[-1][0]]
                if n <= size and n * width * beams <= budget and (
                        n * beams * (width + max_new_tokens) <= MOST_CALL_TOKENS) and (
                        self.call_bytes(n, width, max_new_tokens, padded=lengths[i] < width)
                        <= MOST_CALL_BYTES) and (
                        self.ngram_bytes(n, width, max_new_tokens) <= MOST_NGRAM_BYTES):
                    batches[-1].append(i)
                    continue
            batches.append([i])
        return batches

    def check_call_size(self, longest: int, max_new_tokens: int, up_to: bool = False) -> None:
        """An :class:`OptionError` where one input's beams alone would hold more than
        :data:`MOST_CALL_TOKENS` token positions or :data:`MOST_CALL_BYTES` estimated bytes
        (one beam: the model's context bounds it).
        ``up_to``: ``longest`` is the most a summary's inputs can hold, checked before any
        generation (Run.check_calls), so that a setting no call can take is refused before
        work is done; each generate call checks its own inputs again. And where its n-gram
        tables alone would pass :data:`MOST_NGRAM_BYTES`, or a model's
        exponential_decay_length_penalty that ``max_new_tokens`` makes overflow
        (model_decoding.refuse_decay_overflow)."""
        refuse_decay_overflow(getattr(self.loaded.model, "generation_config", None),
                              max_new_tokens)
        self._check_ngram_size(longest, max_new_tokens, up_to)
        beams = self.settings.num_beams or 1
        held = beams * (longest + max_new_tokens)
        # one input: nothing padded
        size = self.call_bytes(1, longest, max_new_tokens, padded=False)
        if beams > 1 and (held > MOST_CALL_TOKENS or size > MOST_CALL_BYTES):
            # one input's estimate grows by the same bytes a beam
            one = self.call_bytes(1, longest, max_new_tokens, beams=1, padded=False)
            per_beam = self.call_bytes(1, longest, max_new_tokens, beams=2, padded=False) - one
            most = max(min(MOST_CALL_TOKENS // (longest + max_new_tokens),
                           1 + (MOST_CALL_BYTES - one) // per_beam), 1)
            raise OptionError(
                f"num_beams (--option num_beams=N) {beams} with a model input of "
                f"{'up to ' if up_to else ''}{longest:,} tokens and {max_new_tokens:,} new "
                f"tokens would hold {held:,} token positions in one call, an estimated "
                f"{amount(size)} of cache, prompt pass and scores (this model's "
                f"{amount(self._position_bytes)} of cache a position), over the bound of one call "
                f"({MOST_CALL_TOKENS:,} positions, {amount(MOST_CALL_BYTES)}): give "
                f"num_beams {most} or fewer, or shorter inputs (--option max_input_tokens=N)")

    # -- run ----------------------------------------------------------------
    def generate(
        self,
        texts: list[str],
        max_new_tokens: int,
        min_new_tokens: int | None = None,
        words: int = 100,
        label: str | None = None,
    ) -> list[Generated]:
        """Generate one output per text, in the order given (``label`` names the call on
        its progress bar).

        Beam and greedy search draw nothing at random. Sampling draws for each input from
        a generator seeded by the seed and that input (row_sampling), so an output depends
        on its own input and seed only, whatever batch or thread it is generated in.
        """
        if not texts:
            return []
        return self._generate(texts, max_new_tokens, min_new_tokens, words, label)

    def _draws(self, seeds: list[int]) -> Any:
        """What a call of inputs of ``seeds`` (row_seed) is run in: beam sampling draws in
        generate's own step from torch's global generator, for one input a call
        (:meth:`_batches`), seeded by its row's seed under the process-wide lock
        (runtime.seeded): threads share that generator. Other calls draw from generators
        of their own (:meth:`_run`), or draw nothing."""
        if self.settings.do_sample and (self.settings.num_beams or 1) > 1:
            return seeded(seeds[0])
        return nullcontext()

    def _generate(self, texts: list[str], max_new_tokens: int, min_new_tokens: int | None,
                  words: int, label: str | None = None) -> list[Generated]:
        ids = self._encode(texts, words, max_new_tokens)
        lengths = [len(x) for x in ids]
        order = sorted(range(len(ids)), key=lambda i: -lengths[i])
        self.check_call_size(lengths[order[0]], max_new_tokens)
        batches = self._batches(order, lengths, max_new_tokens)
        results: list[Generated | None] = [None] * len(texts)
        from summarizer.progress import progress_bar

        # One bar per call, ticked at every decoding step of every batch: a single long
        # call (a whole cluster in one input) shows progress too. Hidden: no ticker
        made = progress_bar(asked=self.progress, total=len(batches) * max_new_tokens,
                             desc=label or f"generating {len(texts)} input(s) in "
                             f"{len(batches)} batch(es)", unit="step", leave=False)
        bar = None if made.disable else made
        start = time.perf_counter()
        try:
            for b, batch in enumerate(batches):
                seeds = [row_seed(self.settings.seed, ids[i]) for i in batch]
                with self._draws(seeds), self._memory_said(batch, lengths):
                    outs = self._run([ids[i] for i in batch], max_new_tokens, min_new_tokens,
                                     seeds, bar)
                if bar is not None:  # a batch that stopped early skips its remaining steps
                    bar.update((b + 1) * max_new_tokens - bar.n)
                for i, out in zip(batch, outs, strict=True):
                    results[i] = Generated(out[0], lengths[i], out[1], out[1] >= max_new_tokens)
                self.stats.batches += 1
                self.stats.batch_sizes.append(len(batch))
        finally:  # Ctrl-C: the bar goes, not left half-drawn above the message
            self.stats.seconds += time.perf_counter() - start
            if bar is not None:
                bar.close()
        self.stats.calls += 1
        self.stats.sequences += len(texts)
        self.stats.new_tokens += sum(r.new_tokens for r in results if r)
        return [r for r in results if r is not None]

    @contextmanager
    def _memory_said(self, batch: list[int], lengths: list[int]) -> Iterator[None]:
        """Memory run out in a call (torch's CPU allocator, CUDA's out of memory) as a
        one-line OutOfMemoryError naming the settings that size a call: it was torch's
        RuntimeError, an internal error (exit 70)."""
        try:
            yield
        except (MemoryError, RuntimeError) as exc:
            said = str(exc).lower()
            if not isinstance(exc, MemoryError) and "out of memory" not in said \
                    and "can't allocate memory" not in said:
                raise
            raise OutOfMemoryError(
                f"generation ran out of memory on {self.loaded.device} ({len(batch)} input(s) "
                f"of up to {max(lengths[i] for i in batch):,} tokens, "
                f"{self.settings.num_beams or 1} beam(s) each): lower num_beams, batch_size or "
                "max_input_tokens") from exc

    def _run(
        self, batch: list[list[int]], max_new_tokens: int, min_new_tokens: int | None,
        seeds: list[int], bar: Any = None,
    ) -> list[tuple[str, int]]:
        import torch

        lm, tok, s = self.loaded, self.loaded.tokenizer, self.settings
        beams = s.num_beams or 1  # resolved(): never None here
        padded = tok.pad({"input_ids": batch}, padding=True, return_tensors="pt")
        inputs = {k: v.to(lm.device) for k, v in padded.items()}
        if lm.family.global_attention:
            inputs["global_attention_mask"] = self._global_attention(inputs["input_ids"])
        kwargs: dict[str, Any] = {
            # model_decoding.PASSED: one output an input (a checkpoint's num_return_sequences,
            # 2 with 4 beams, gave generate more rows than inputs), and lengths come from the
            # budget: a checkpoint's min_length (56 for bart-large-cnn) or min_new_tokens
            # must not override a short partial summary
            **PASSED,
            "max_new_tokens": max_new_tokens,
            # at most max_new_tokens: the summarizer refuses more (None: the checkpoint's
            # unset; 0 would be "set beside min_length", transformers' warning every call)
            "min_new_tokens": min_new_tokens or None,
            "num_beams": s.num_beams,
            "length_penalty": s.length_penalty,
            "no_repeat_ngram_size": s.no_repeat_ngram_size,
            "do_sample": s.do_sample,
            "pad_token_id": tok.pad_token_id,
        }
        sampling: dict[str, Any] = {"temperature": s.temperature, "top_k": s.top_k,
                                    "top_p": s.top_p}  # resolved(): set where sampling
        if s.do_sample and beams > 1:  # generate samples, seeded by _draws
            kwargs.update(sampling)
        elif s.do_sample:  # each row draws from its own generator; greedy search takes it
            kwargs["do_sample"] = False
            kwargs["logits_processor"] = row_processors(**sampling, seeds=seeds)
        if beams > 1:
            kwargs["early_stopping"] = True
        if bar is not None:
            kwargs["stopping_criteria"] = _progress_ticker(bar)
        if getattr(lm.model.generation_config, "stop_strings", None):
            kwargs["tokenizer"] = tok  # generate matches the model's stop strings with it
        with torch.inference_mode():
            if self.shared_cross_attention:
                kwargs.update(beam_kwargs(lm.model, inputs, beams))
            if not kwargs.keys() & {"cache", "past_key_values"}:
                kwargs.update(decoder_cache(lm.model))
            out = lm.model.generate(**inputs, **kwargs)
        if lm.family.causal:  # the prompt is echoed first; keep only the new tokens
            out = out[:, inputs["input_ids"].shape[1] :]
        texts = tok.batch_decode(out, skip_special_tokens=True)
        specials = set(tok.all_special_ids)
        counts = [sum(1 for t in row.tolist() if t not in specials) for row in out]
        return [(t.strip(), n) for t, n in zip(texts, counts, strict=True)]

    def _global_attention(self, input_ids: Any) -> Any:
        import torch

        mask = torch.zeros_like(input_ids)
        mask[:, 0] = 1
        sep = self.loaded.family.doc_separator.strip()
        if sep:
            sep_ids = self.loaded.tokenizer.convert_tokens_to_ids([sep])
            unk = self.loaded.tokenizer.unk_token_id
            for sid in sep_ids:
                if sid is not None and sid != unk:
                    mask[input_ids == sid] = 1
        return mask


def _progress_ticker(bar: Any) -> Any:
    """A stopping criterion that never stops: it advances ``bar`` once per decoding step."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class _Tick(StoppingCriteria):
        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            bar.update(1)
            return torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)

    return StoppingCriteriaList([_Tick()])
