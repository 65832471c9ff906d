"""Per-family input conventions of abstractive models, kept as data.

One table says how each model family wants its input: a task prefix (T5),
a separator between documents (PRIMERA's ``<doc-sep>``, PEGASUS
Multi-News' ``|||||``), LED-style global attention, or a chat prompt for
instruct causal LMs. :func:`family_for` picks the first matching row; the
rest of the code reads fields and never tests family names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The prompt given to instruct LMs; override it with ``prompt=`` (it must
# contain ``{text}``; ``{words}`` is the target length in words).
DEFAULT_PROMPT = (
    "Summarize the following news text in about {words} words. Write complete, "
    "factual sentences using only information stated in the text.\n\n{text}"
)


def prompt_for(language: str | None) -> str:
    """The default prompt for a cluster in ``language`` (a canonical name): for one other
    than English it asks for the summary in that language. Without it SmolLM2 wrote English
    about a Chinese cluster, none of it checkable against the sources by the guard."""
    if not language or language == "english":
        return DEFAULT_PROMPT
    return DEFAULT_PROMPT.replace("\n\n{text}", f" Write the summary in {language.title()}, "
                                  "the language of the text.\n\n{text}")


# Used when a causal LM has no chat template.
PLAIN_PROMPT_SUFFIX = "\n\nSummary:"


@dataclass(frozen=True)
class Family:
    """How one family of models expects its input."""

    name: str
    model_types: tuple[str, ...] = ()  # config.model_type values; empty matches any
    name_patterns: tuple[str, ...] = ()  # regexes on the model name/path; all rows need a hit
    causal: bool = False  # decoder-only: the prompt and the output share the context
    prefix: str = ""  # prepended to every input (T5's task prefix)
    doc_separator: str = " "  # put between documents when a chunk holds several
    global_attention: bool = False  # LED: global attention on the first token and separators
    default_input_limit: int | None = None  # when the config has no absolute position limit
    prompt: str | None = None  # instruct LMs: the user message template


FAMILIES: tuple[Family, ...] = (
    # PRIMERA is an LED model trained with <doc-sep> between documents.
    Family("primera", model_types=("led",), name_patterns=(r"primera",),
           doc_separator=" <doc-sep> ", global_attention=True),
    Family("led", model_types=("led",), global_attention=True),
    # PEGASUS Multi-News was trained on documents joined by " ||||| ".
    Family("pegasus-multi_news", model_types=("pegasus",), name_patterns=(r"multi[_-]?news",),
           doc_separator=" ||||| "),
    Family("pegasus", model_types=("pegasus", "pegasus_x")),
    Family("bart", model_types=("bart", "mbart")),  # DistilBART is model_type "bart"
    Family("t5", model_types=("t5", "mt5", "umt5", "longt5"), prefix="summarize: ",
           default_input_limit=512),
    Family("instruct", causal=True, prompt=DEFAULT_PROMPT),  # any decoder-only LM
    Family("seq2seq"),  # any other encoder-decoder model
)


def family_for(config: Any, name: str = "") -> Family:
    """The first family row that matches the model's config and name."""
    model_type = getattr(config, "model_type", "") or ""
    causal = not getattr(config, "is_encoder_decoder", False)
    for fam in FAMILIES:
        if fam.causal != causal:
            continue
        if fam.model_types and model_type not in fam.model_types:
            continue
        if fam.name_patterns and not any(re.search(p, name, re.I) for p in fam.name_patterns):
            continue
        return fam
    raise AssertionError("the last rows of FAMILIES match every model")  # pragma: no cover
