"""The abstractive summariser: model + strategy + generation settings."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from summarizer.chunks import as_plain_text, sentence_token_counts
from summarizer.documents.model import Cluster
from summarizer.errors import BudgetError, InputError, OptionError
from summarizer.languages import count_words
from summarizer.progress import watched
from summarizer.sentences.split import split_cluster
from summarizer.summarizers.abstractive.families import prompt_for
from summarizer.summarizers.abstractive.generation import GenerationSettings, Generator
from summarizer.summarizers.abstractive.guard import guarded_fit, to_sentence
from summarizer.summarizers.abstractive.loading import (
    LoadedModel,
    check_model,
    generation_config_unread,
    generation_key,
    generation_source,
    load_model,
    model_files,
)
from summarizer.summarizers.abstractive.options import AbstractiveOptions
from summarizer.summarizers.abstractive.output import target_words, tokens_for_words
from summarizer.summarizers.abstractive.strategies import STRATEGIES, Run
from summarizer.summarizers.base import Summarizer, Summary, check_arguments
from summarizer.summarizers.budget import Budget


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

    options_type = AbstractiveOptions  # what get_summarizer checks keywords against

    def __init__(self, options: AbstractiveOptions | None = None, **keywords: Any) -> None:
        """``AbstractiveSummarizer(model=..., num_beams=4, overlap=1, ...)`` (the keywords
        of :meth:`AbstractiveOptions.from_keywords`) or ``AbstractiveSummarizer(options)``."""
        if options is not None and (keywords or not isinstance(options, AbstractiveOptions)):
            raise OptionError("give an AbstractiveOptions or keywords, not both")
        self.options = options if options is not None else AbstractiveOptions.from_keywords(**keywords)
        # Progress bars by default only where someone watches (a terminal).
        self.progress = watched() if self.options.progress is None else self.options.progress
        # why the model read no generation_config.json, as check_model found it (None: it
        # read one, or it was not checked): in the settings a run resumes with
        self._generation_unread: str | None = None

    @property
    def generation(self) -> GenerationSettings:
        return self.options.generation

    @cached_property
    def model_files(self) -> str | None:
        """:func:`~summarizer.summarizers.abstractive.loading.model_files` of the model,
        taken once per summariser (it was a walk of the model folder at every summary)."""
        return model_files(self.options.model)

    @cached_property
    def generation_key(self) -> str | None:
        """:func:`~summarizer.summarizers.abstractive.loading.generation_key` of the model,
        taken once per summariser (a hub id's fetch is tried once, not at every summary)."""
        return generation_key(self.options.model)

    def load(self) -> LoadedModel:
        """The loaded model (cached across summarisers with the same arguments, model
        files and generation config source: weights written again under the same name are
        loaded again, where the copy in memory was used while the settings named the new
        files, and so is a model whose generation_config.json was fetched since it was
        loaded without it)."""
        o = self.options
        return load_model(o.model, o.device, o.dtype, files=self.model_files,
                          generation=self.generation_key)

    def check_model(self) -> None:
        """A typed error now if the model cannot be loaded here (weights are not loaded), if
        the device or dtype asked for by name cannot be had, or if the decoding options
        meet the model's generation config as its load would refuse them (a length_penalty
        where the model decodes with one beam, a value of it this package does not apply:
        GenerationSettings.resolved): evaluate and batch call this before any work, where
        the first summary found a missing GPU."""
        from summarizer.summarizers.abstractive.loading import decoding_config

        checked = check_model(self.options.model)
        # after check_model, which fetches a hub id's file where it can: a run resumed once
        # it was fetched (read offline before) decodes with other values (model_files, the
        # snapshot's revision, is the same), and is refused as for other settings
        self._generation_unread = generation_config_unread(checked.source, checked.local)
        o = self.options
        read = decoding_config(o.model, checked)  # config.json as check_model read it
        if read is not None:  # None: not known before the load, whose check decides
            o.generation.resolved(*read)  # its refusals, before any summary
        if o.device not in (None, "auto") or o.dtype not in (None, "auto"):
            from summarizer.runtime import pick_device
            from summarizer.summarizers.abstractive.loading import pick_dtype

            pick_dtype(o.dtype, pick_device(o.device))

    def settings(self) -> dict[str, Any]:
        o = self.options
        out: dict[str, Any] = {
            "model": o.model,
            "model_files": self.model_files,
            "strategy": o.strategy,
            "device": o.device,
            "dtype": o.dtype,
            "overlap": o.chunking.overlap,
            "cross_documents": o.chunking.cross_documents,
            "max_rounds": o.chunking.max_rounds,
            "guard": o.guard,
            **o.generation.to_dict(),
            **generation_source(self._generation_unread),
        }
        if o.strategy == "extract-then-abstract":
            out["extractor"] = o.chunking.extractor
        if o.chunking.max_input_tokens is not None:  # absent when unset: older runs resume
            out["max_input_tokens"] = o.chunking.max_input_tokens
        return out

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        check_arguments(cluster, budget)
        sentences = [s for s in split_cluster(cluster) if s.text.strip()]
        if not sentences:
            raise InputError("nothing to summarise: the cluster has no text")
        loaded = self.load()
        prompt = self.options.prompt or (prompt_for(cluster.language) if loaded.family.causal
                                         else None)
        gen = Generator(loaded, self.generation, prompt=prompt, progress=self.progress,
                        max_input_tokens=self.options.chunking.max_input_tokens)
        # what the model reads: a "</s>" or "<|im_end|>" of the text as text (the sentence's
        # place in its document, which provenance gives, is unchanged)
        plain = as_plain_text(loaded.tokenizer)
        # each sentence's text sliced from its document once (a Sentence slices it anew
        # at every .text), for the counts below too
        given = [s.text for s in sentences]
        texts = [plain(t) for t in given]  # the same objects where nothing changed
        sentences = [s if t is g else s.replace(text=t)
                     for s, g, t in zip(sentences, given, texts, strict=True)]
        counts = sentence_token_counts(loaded.tokenizer, texts)
        # words as budgets count them (a Chinese sentence is one "word" by split())
        n_words = sum(count_words(t) for t in texts)
        tokens_per_word = min(max(sum(counts) / max(n_words, 1), 1.0), 4.0)
        words = target_words(budget, cluster.language or "english")
        new_tokens = self.generation.max_new_tokens or tokens_for_words(words, tokens_per_word)
        if new_tokens > loaded.max_output_positions:
            most = int(loaded.max_output_positions / tokens_per_word / 1.15)
            raise BudgetError(
                f"a {budget.describe()} summary needs about {new_tokens} new tokens, but "
                f"{loaded.name} can generate at most {loaded.max_output_positions}; "
                f"ask for at most about {most} words or use an extractive method"
            )
        least = self.generation.min_new_tokens
        if least and least > new_tokens:  # generate() capped it: not what was asked
            if least > loaded.max_output_positions:
                raise OptionError(f"min_new_tokens {least} is more than {loaded.name} can "
                                  f"generate ({loaded.max_output_positions} tokens at most)")
            raise OptionError(f"min_new_tokens {least} is more than the {new_tokens} new tokens "
                              f"the summary may have (budget {budget.describe()}, or "
                              "max_new_tokens): lower it or ask for a longer summary")
        run = Run(generator=gen, cluster=cluster, sentences=sentences, counts=counts, words=words,
                  final_new_tokens=new_tokens, min_new_tokens=self.generation.min_new_tokens,
                  options=self.options.chunking)
        run.check_calls()
        outcome = STRATEGIES[self.options.strategy](run)
        from summarizer.faithfulness import FaithfulnessChecker

        checker = FaithfulnessChecker(embeddings=self.options.guard_embeddings)
        fitted, checks, faithfulness = guarded_fit(outcome.text, cluster, budget, self.options.guard,
                                                   checker, cluster.language or "english")
        out = [to_sentence(t, c, outcome.sources)
               for t, c in zip(fitted.sentences, checks, strict=True)]
        if out and fitted.truncated_last:
            out[-1].truncated = True
        coverage = {
            "strategy": self.options.strategy,
            **outcome.coverage,
            "output": fitted.report(),
            "generation": gen.stats.to_dict(),
        }
        settings = {
            # generation_config_from as this load found it (loaded.settings()), not as
            # check_model did: a Ray worker's cache, or a fetch that failed then, differs
            **{k: v for k, v in self.settings().items() if k != "generation_config_from"},
            **gen.settings.to_dict(),  # the decoding options actually used
            **loaded.settings(),
            "max_new_tokens": new_tokens,
            "tokens_per_word": round(tokens_per_word, 3),
        }
        if self.options.chunking.max_input_tokens is not None:
            # the bound each model input had: max_input_tokens, or the model's limit where
            # that is lower (a larger number is taken, not refused, and this says so)
            settings["input_limit"] = gen.input_cap(new_tokens)
            settings["input_limit_by"] = ("max_input_tokens" if gen.bound_rules(new_tokens)
                                          else "model")
        if loaded.family.causal:
            settings["prompt"] = gen.prompt
        if not out:  # what the CLI says about an empty summary, as for the extractive methods
            settings["note"] = fitted.why_empty()
        return Summary(out, self.name, budget, settings, coverage, faithfulness)
