"""summarizer: multi-document news summarisation with exact ROUGE evaluation.

The common case is one call::

    import summarizer
    summary = summarizer.summarize(["article one ...", "article two ..."], words=100)
    print(summary)

The building blocks live in subpackages that follow the data flow:
``documents`` -> ``sentences`` -> ``chunks`` -> ``summarizers`` -> ``metrics``
-> ``evaluation``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from summarizer.errors import SummarizerError
from summarizer.lazy import lazy_dir, lazy_getattr
from summarizer.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    # type checkers see the subpackages served below ("x as x": a re-export)
    from summarizer import batch as batch
    from summarizer import chunks as chunks
    from summarizer import cli as cli
    from summarizer import documents as documents
    from summarizer import evaluation as evaluation
    from summarizer import faithfulness as faithfulness
    from summarizer import languages as languages
    from summarizer import metrics as metrics
    from summarizer import runtime as runtime
    from summarizer import sentences as sentences
    from summarizer import summarizers as summarizers
    from summarizer import textio as textio
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers import Budget, Summary, available_methods, get_summarizer

# Loaded on first use, so that ``import summarizer.metrics`` (or the CLI's
# ``rouge``) does not pay for the summarisers: name -> module.
_LAZY = {
    "Cluster": "summarizer.documents.model",
    "Document": "summarizer.documents.model",
    "Budget": "summarizer.summarizers",
    "Summary": "summarizer.summarizers",
    "available_methods": "summarizer.summarizers",
    "get_summarizer": "summarizer.summarizers",
}
# The public subpackages (and the modules the README names), imported on first access:
# ``summarizer.batch.read_output`` after a bare ``import summarizer`` (PEP 562).
_SUBMODULES = ("batch", "chunks", "cli", "documents", "evaluation", "faithfulness",
               "languages", "metrics", "runtime", "sentences", "summarizers", "textio")


__getattr__ = lazy_getattr(__name__, _LAZY, _SUBMODULES)
__dir__ = lazy_dir(__name__, _LAZY, _SUBMODULES)


def summarize(
    data: Cluster | Document | str | os.PathLike | Iterable[str | os.PathLike | Document],
    method: str | None = None,
    *,
    words: int | None = None,
    chars: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    language: str | None = None,
    clean: bool = True,
    main_content: bool = True,
    text_field: str | None = None,
    **options: Any,
) -> Summary:
    """Summarise a text, a list of texts (one cluster), a :class:`Cluster`, or files.

    A :class:`~pathlib.Path`, or a one-line string naming an existing file or
    folder (``"seeds/"``), is loaded as ``summarizer summarize PATH`` loads it
    (:func:`summarizer.documents.load_cluster`); a list of such strings too. An HTML
    page gives its article's text; ``main_content=False`` keeps every block of it,
    ``clean=False`` keeps titles, date lines and boilerplate, and ``text_field`` names the
    field of a ``.jsonl`` file's documents (the CLI's ``--no-main-content``,
    ``--no-clean`` and ``--text-field``), each recorded in the summary's
    ``settings["input_options"]`` where the input was read here.
    Bytes, dicts, None and numbers are an :class:`~summarizer.errors.InputError`.

    Give at most one of ``words``, ``chars``, ``bytes`` or ``sentences`` (100
    words when none is given; in Chinese, Japanese and Thai each character
    counts as a word, see :mod:`summarizer.summarizers.budget`). ``language``
    is a known name or code (an unknown one is an error), else guessed; given, it is
    also how a Document or Cluster passed in is read (a copy: yours is not changed).
    ``options`` go to the summariser (for ``abstractive``: ``model``,
    ``strategy``, ...). ``method`` defaults to ``summarizers.DEFAULT_METHOD``.

    Safe to call from several threads at once: an extractive summary is the one a
    sequential call gives, whatever else the process summarises (README, "Threads,
    memory and process state", says what is process-wide).
    """
    from summarizer.documents.loaders import to_cluster  # NLTK is heavy: load on use
    from summarizer.summarizers import get_summarizer, make_budget
    from summarizer.values import check_named, check_values

    # a truthy "no" must not keep the article or cut the last sentence silently
    check_values({"truncate": truncate, "main_content": main_content, "clean": clean,
                  "text_field": text_field},
                 {"truncate": bool, "main_content": bool, "clean": bool,
                  "text_field": str | None})
    check_named({"text_field": text_field})  # language: to_cluster's normalize_language

    budget = make_budget(words=words, chars=chars, bytes=bytes, sentences=sentences,
                         truncate=truncate)
    # the summariser first: a bad option or value is refused before the input is read
    # None is the default method there; "" (or 0) is refused as no method
    _own_keyword_misspelt(method, options)
    summariser = get_summarizer(method, **options)
    cluster = to_cluster(data, language=language, clean=clean, main_content=main_content,
                         text_field=text_field)
    from summarizer.documents.model import Cluster, Document

    read_here = not isinstance(data, Cluster | Document)
    if read_here:  # a Cluster given may list a data set's skipped documents, not its own
        _warn_of_skipped(cluster)
    summary = summariser.summarize(cluster, budget)
    if read_here:  # how it was read is the output's
        summary.settings["input_options"] = input_options(clean, main_content, text_field)
    return summary


def _warn_of_skipped(cluster: Cluster) -> None:
    """A warning at summarize()'s caller for each file of the input left out (an empty or
    binary file of a folder), as ``summarizer summarize`` says them: the caller never sees
    the cluster whose ``meta["skipped"]`` lists them, so they were left out unsaid."""
    from summarizer.errors import one_line, warn

    for item in cluster.meta.get("skipped", []):
        warn(one_line(f"skipped {item['path']}: {item['reason']}"))


def input_options(clean: bool, main_content: bool, text_field: str | None) -> dict[str, Any]:
    """How the input was read, recorded beside a summary (``settings["input_options"]``,
    the CLI's JSON ``input.options``): each changes the text summarised."""
    return {"clean": clean, "main_content": main_content, "text_field": text_field}


# summarize()'s own keywords, beside the method's options
_OWN_KEYWORDS = ("words", "chars", "bytes", "sentences", "truncate", "language", "clean",
                 "main_content", "text_field")


def _own_keyword_misspelt(method: str | None, options: dict[str, Any]) -> None:
    """An OptionError naming summarize()'s own keyword that an unknown option misspells:
    ``word=5`` was "method 'lead' has no option 'word' (did you mean 'order'?)"."""
    from summarizer.errors import OptionError, did_you_mean, value_repr
    from summarizer.summarizers import METHODS, accepted_options, method_or_default

    name = method_or_default(method)
    if not isinstance(name, str) or name not in METHODS:
        return  # get_summarizer names the method's error
    accepted = accepted_options(name)
    for key in options:
        close = did_you_mean(key, _OWN_KEYWORDS)
        if accepted is not None and key not in accepted and close:
            raise OptionError(f"summarize() has no keyword {value_repr(key)}{close}, and "
                              f"method {value_repr(name)} no option of that name")


__all__ = [
    "Budget",
    "Cluster",
    "Document",
    "Summary",
    "SummarizerError",
    "__version__",
    "available_methods",
    "get_summarizer",
    "summarize",
]
