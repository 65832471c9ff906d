"""Typed errors. The CLI turns any of these into one line and a non-zero exit.

Which error, by whose mistake it is:

- :class:`OptionError`: an option (a keyword argument, ``--option KEY=VALUE``, a CLI
  flag's value) that the function does not take, or a value of one that it cannot use:
  a misspelt name, a wrong type, a number out of range, two options that conflict. (A
  keyword that no signature takes, outside the ``**options`` of a method, ``summarize``,
  ``evaluate`` or ``summarize_dataset``, is Python's own TypeError.)
  Every "no such option" message is :func:`no_option`'s. ROUGE's are
  :class:`RougeOptionError`, one kind of OptionError; so is :class:`UnpicklableError`, a
  summariser (``method``) that ``engine="ray"`` cannot send to its workers.
- :class:`BudgetError`: a length budget (``words=``, ``chars=``, ``bytes=``,
  ``sentences=``) that is zero, negative, absurd or ambiguous.
- :class:`UnknownMethodError`: the name of a summariser, strategy, mode (a ROUGE mode
  too) or guard that does not exist. A ROUGE metric name (``metrics="R9x"``) is not one:
  it is a value of the ``metrics`` option, a RougeOptionError.
- :class:`InputError`: the user's data cannot be used: a path that names nothing or
  cannot be opened, a file that is empty, binary, undecodable or not the expected
  format, a record without its field. OptionError is a kind of InputError (input from
  the caller, not from a file), so ``except InputError`` still catches the option
  errors that were InputErrors before this rule; ``except OptionError`` (or
  ``ValueError``) catches the caller's mistakes alone.

Library messages name an option by its keyword, then its flag (:func:`option_label`:
``batch_size (--batch-size)``), never by the flag alone: a caller of the Python API did
not type ``--batch-size``.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import numbers
import os
import re
import sys
import warnings
from collections.abc import Callable, ItemsView, Iterable, KeysView, Sized
from collections.abc import Set as AbstractSet
from types import FrameType
from typing import Any, NoReturn, TypeVar


class SummarizerError(Exception):
    """Base class for every error this package raises on purpose."""

    exit_code = 2


class InputError(SummarizerError):
    """Input that cannot be used: missing, empty, binary or undecodable."""


class BudgetError(SummarizerError, ValueError):
    """A length budget that is zero, negative, absurd or ambiguous."""


class UnknownMethodError(SummarizerError, KeyError):
    """A summariser, strategy or mode name that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ModelNotFoundError(SummarizerError):
    """A model name or path that cannot be resolved (for example offline)."""


class ResourceError(SummarizerError):
    """A data file the computation needs (e.g. ROUGE-1.5.5 data) is missing."""


class RunMismatchError(SummarizerError):
    """An output folder holds a run made with different settings."""


class CompressedDataError(InputError):
    """Compressed input (gzip) that is cut short or damaged: its data cannot all be read."""


class UnknownLanguageError(InputError, ValueError):
    """A language name or code that is not in the language table."""


class MissingReferenceError(InputError):
    """A system summary without any reference summary to score it against."""


class InputChangedError(InputError):
    """An input file that changed (size, times, inode or content) while a run read it:
    its results may mix old and new content, so the run is not marked complete."""


class CountMismatchError(InputError):
    """System and reference inputs that do not line up one for one."""


class DatasetNotFoundError(InputError):
    """A data set name or path that cannot be loaded (e.g. hub unreachable, not cached)."""


class OptionError(InputError, ValueError):
    """An option name that the function or command does not take, or a value of one that
    it cannot use (see the module's rule)."""


class UnpicklableError(OptionError):
    """A summariser that cannot be sent to Ray workers (``engine="ray"``, ``--engine ray``):
    it cannot be pickled (it holds a lock, a file open for writing, a socket). Said before any
    cluster is summarised; the local engine, one process, runs it as it is."""


class RougeOptionError(OptionError):
    """ROUGE options that are unknown, out of range or do not go together."""


class LanguageOptionError(OptionError, UnknownLanguageError):
    """A ``language`` option that names nothing: ``""``, or a value that is no string (0,
    False, a list). Only None means the default language; an UnknownLanguageError too, as a
    name the table does not hold is, so ``except UnknownLanguageError`` still catches it."""


class OutOfMemoryError(SummarizerError, MemoryError):
    """Memory ran out while input was read: not the input's fault (the file is not called
    damaged) and not a bad row: the job stops, as on any MemoryError, saying where."""

    exit_code = 1  # as the CLI's exit on a plain MemoryError


class RunBusyError(SummarizerError):
    """Another process is writing to the same run folder."""


class OutputExistsError(SummarizerError):
    """An output folder already holds files that are not this command's (never overwritten)."""


_LONG = 10**30  # an integer this long is named by its digits in a message, not written
_SHOWN = 120  # a value written longer is shortened in a message (a path of 120 is whole) ...
_HEAD, _TAIL = 60, 30  # ... to its first characters (and a string's last) and its size


def value_repr(value: object) -> str:
    """``repr(value)`` for a one-line message about it. A long value is shortened: a string
    or bytes over 120 to its start, its end (a path's file name) and its length
    (``'aaaa'...'aaaa' (5,000 characters)``), anything else written longer than that (a
    list, a dict, a Path) to the start and end of its repr and its item count. An integer of 31 digits or
    more is named by its digit count: Python refuses to write one of over 4,300 (a
    ValueError raised while the message about it was being built), and one far shorter is
    no message line."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) \
            and abs(number := int(value)) >= _LONG:
        digits = int(math.log10(abs(number))) + 1
        digits -= abs(number) < 10 ** (digits - 1)  # log10 rounds up just under a power
        return f"<{'a negative' if number < 0 else 'an'} integer of {digits:,} digits>"
    if isinstance(value, str | bytes | bytearray):  # its length, not its repr's, counts
        if len(value) <= _SHOWN:
            return repr(value)
        unit = "characters" if isinstance(value, str) else "bytes"
        return f"{value[:_HEAD]!r}...{value[-_TAIL:]!r} ({len(value):,} {unit})"
    try:
        text = repr(value)
    except ValueError:  # such an integer inside a list or a dict
        return f"<a {type(value).__name__} holding an integer of over 4,300 digits>"
    if len(text) <= _SHOWN:
        return text
    try:
        size = counted(len(value), "item") if isinstance(value, Sized) else None
    except Exception:  # a __len__ that fails: the repr's length names it instead
        size = None
    return f"{text[:_HEAD]}...{text[-_TAIL:]} ({size or f'{len(text):,} characters written'})"


def shortened(text: str) -> str:
    """``text`` written bare (a path before its colon), by :func:`value_repr`'s rule: whole
    up to 120 characters, else its first 60 and last 30 (a path's file name) and its length."""
    if len(text) <= _SHOWN:
        return text
    return f"{text[:_HEAD]}...{text[-_TAIL:]} ({len(text):,} characters)"


# What a terminal acts on instead of showing it: C0 and C1 controls (ESC starts a
# sequence that moves the cursor or sets the window title) and the bidi overrides and
# isolates (U+202A-E, U+2066-9: an RLO reverses the rest of the line). Tab and line feed
# are not among them: a summary's lines are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
# Invisible in a name, so that a message about it reads wrong ("no file M000" beside
# M000): zero-width spaces and joiners, direction marks, the word joiner, the BOM, the soft
# hyphen. Escaped in names and messages (one_line) only, not in summaries, where the
# joiners belong to Persian, Indic and emoji text.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def _escaped(m: re.Match[str]) -> str:
    return ascii(m.group())[1:-1]  # "\\x1b", "\\u200b"


def shown(text: str) -> str:
    """``text`` with control characters (terminal escapes, bidi overrides) escaped, as
    ``\\x1b``, so that what a file holds is shown, never sent to the terminal."""
    return _CONTROL.sub(_escaped, text)


def json_shown(data: object, **options: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, **options)`` for output a terminal may show:
    UTF-8 text kept as it is, but what :func:`shown` escapes (json.dumps escapes C0 alone,
    so a file name's C1 CSI or RLO went out raw) written as ``\\u009b``: still JSON, and
    ``json.loads`` gives the same value (such a character can only stand in a string)."""
    import json

    text = json.dumps(data, ensure_ascii=False, **options)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_stderr(line: str) -> None:
    """``line`` on stderr. Nothing where there is none (``2>&-``: ``print(file=None)`` wrote
    it on stdout, into the command's JSON), and dropped where it cannot be written (a full
    disk, a reader gone): a note is lost, not the work or its output, as the progress lines."""
    if sys.stderr is None:
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # ValueError: a closed stream
        pass


def one_line(text: str) -> str:
    """``text`` as one line of output: its line breaks (and the spaces around them)
    joined by a space (:func:`joined`), its control characters escaped (:func:`shown`), and
    the characters that show nothing (zero-width spaces, joiners, marks) escaped too. Every line the
    CLI writes about a name or value the user gave goes through it (``say()``, and the
    lines that name an output folder): a file name can hold both."""
    return _INVISIBLE.sub(_escaped, shown(joined(text)))


def joined(text: str) -> str:
    """``text`` on one line: its line breaks, and the spaces around them, joined by a space
    (a label in Markdown output: a file name's line break began a heading there)."""
    return _BREAKS.sub(" ", text).strip()


_T = TypeVar("_T")


def call_naming(name: str, call: Callable[..., _T], *args: Any) -> _T:
    """``call(*args)``, an OSError of it that names no file raised again naming ``name``
    (the same subclass): standard output on a full disk said "[Errno 28] No space left on
    device", standard input opened write-only "[Errno 9] Bad file descriptor", and nothing
    of where."""
    try:
        return call(*args)
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, name) from None  # the errno's subclass


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """``" (did you mean 'diversity_weight'?)"`` for the choice closest to a misspelt
    ``word`` (difflib's ratio of at least 0.6), else "": what every "unknown option/method"
    message puts after the name, so a typo is named and its fix shown."""
    if not isinstance(word, str):
        return ""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1)
    if not close:  # case and separators: ROUGE-2 for rouge_2, Diversity-Weight ...
        folded = {re.sub(r"[-_ ]", "", c.lower()): c for c in choices}
        close = [folded[c] for c in difflib.get_close_matches(
            re.sub(r"[-_ ]", "", word.lower()), list(folded), n=1)]
    return f" (did you mean {close[0]!r}?)" if close else ""


def misspelt(names: Iterable[object], choices: Iterable[str]) -> str:
    """``"'lamb' (did you mean 'lam'?), 'x'"``: unknown ``names``, each with its close
    match among ``choices``, as every "no option ..." message lists them."""
    choices = list(choices)
    return ", ".join(f"{value_repr(k)}{did_you_mean(k, choices)}" for k in names)


def option_label(name: str, flag: str | None = None) -> str:
    """``"batch_size (--batch-size)"``: how a library message names an option, its keyword
    first (what a caller of the Python API typed), then the command line's flag."""
    return f"{name} ({flag or '--' + name.replace('_', '-')})"


def empty_option(name: str, flag: str | None = None) -> str:
    """``"text_field (--text-field) is empty; ..."``: the message of a named option given as
    ``""`` (:func:`summarizer.values.check_named`; ``language``'s in
    :func:`summarizer.languages.normalize_language`)."""
    return f"{option_label(name, flag)} is empty; give a value, or None for the default"


def no_option(owner: str, names: Iterable[object], choices: Iterable[str]) -> str:
    """``"method 'mmr' has no option 'lamb' (did you mean 'lam'?); its options: lam, ..."``:
    the one wording of every unknown-option message, ``owner`` being what was asked
    (``"method 'mmr'"``, ``"check()"``), ``choices`` its options in the order to list."""
    choices = list(choices)
    return (f"{owner} has no option {misspelt(names, choices)}; "
            f"its options: {', '.join(choices) or 'none'}")


def refuse_unordered(value: object, what: str, why: str, instead: str) -> None:
    """An InputError when ``value`` is a set: the one wording of every "no order" refusal,
    ``"<what> is a set, which has no order ...: <why>; pass <instead>"``. A set of strings
    comes out in another order in each process (str's hash is salted), so whatever reads
    its order (a summary's lead, a pairing, a report) would change from run to run. A
    dict's keys and items views keep the dict's order: not refused."""
    if isinstance(value, AbstractSet) and not isinstance(value, KeysView | ItemsView):
        raise InputError(f"{what} is a {type(value).__name__}, which has no order (it "
                         f"changes from one run to the next): {why}; pass {instead}")


_E = TypeVar("_E", bound=BaseException)


def with_message(exc: _E, message: str) -> _E:
    """``exc`` again, saying ``message``: of its type, with its attributes (its
    ``__dict__``; an OSError's errno and paths), made without its constructor, which may
    take other arguments (``type(exc)(message)`` was then a TypeError, or put the message
    where another value goes, its attributes lost). An OSError with a reason (``strerror``)
    gets ``message`` as its reason, its paths still named after it; one without, as its
    text. A class whose ``str()`` is not its message (a ``__str__`` of its own that reads
    other arguments or attributes) gives a copy of :func:`_saying`'s subclass of it, of the
    same name, caught by the same ``except``, whose ``str()`` is Python's own (its message;
    an OSError's errno, reason and paths), as pickling brings it back: the message was
    lost, the copy saying what ``exc`` says (as it still does for a class that refuses a
    subclass). Never ``exc`` itself, which may then be raised ``from exc``."""
    new = _made_saying(type(exc), exc, message)
    try:
        # a UnicodeError's str() reads its fields (codec, byte, position), never its message
        said: str | None = None if _unicode_fields(exc) else str(new)
    except Exception:  # noqa: BLE001 (a __str__ that reads args it no longer has)
        said = None
    if said is None or message not in said:  # (KeyError quotes it, OSError adds its paths)
        try:
            new = _made_saying(_saying(type(exc)), exc, message)
        except TypeError:  # a class that refuses a subclass: a copy, saying what exc says
            new = _made_saying(type(exc), exc, message)
            new.args = exc.args
            if isinstance(exc, OSError) and isinstance(new, OSError):
                new.strerror = exc.strerror
    return new


def _made_saying(cls: type[_E], exc: _E, message: str) -> _E:
    """An instance of ``cls`` (``exc``'s type, or its :func:`_saying` subclass) with ``exc``'s
    attributes, its message (an OSError's reason, where it has one) ``message``."""
    new = _unmade(cls, exc.args)
    new.__dict__.update(vars(exc))
    for name, value in _unicode_fields(exc).items():  # slots, not in its __dict__
        setattr(new, name, value)
    if isinstance(exc, OSError) and isinstance(new, OSError) and exc.strerror is not None:
        for name in ("errno", "filename", "filename2"):  # set only where given: a None set
            if getattr(exc, name) is not None:  # is written ("-> None"), an unset one not
                setattr(new, name, getattr(exc, name))
        new.strerror = message
        new.args = (exc.errno, message)  # what pickling rebuilds it from
    else:
        new.args = (message,)
    return new


_SAYING: dict[type, type] = {}  # a class -> its subclass that says its message (_saying)


def _saying(cls: type[_E]) -> type[_E]:
    """``cls``'s subclass of the same name and module whose ``str()`` is Python's own reading
    of its arguments (an OSError's errno, reason and paths; else its message), where
    ``cls``'s ``__str__`` reads others. Made once per class, so that a pickled copy comes
    back of the very class (:func:`_remade`)."""
    sub = _SAYING.get(cls)
    if sub is None:
        said = OSError.__str__ if issubclass(cls, OSError) else BaseException.__str__
        sub = _SAYING[cls] = type(cls.__name__, (cls,), {
            "__str__": said, "__reduce__": _reduce_saying, "__module__": cls.__module__,
            "__qualname__": cls.__qualname__, "__doc__": cls.__doc__})
    return sub


def _reduce_saying(exc: BaseException) -> tuple:
    """How a :func:`_saying` subclass's instance pickles: as its class's would (its
    arguments, its ``__dict__``; a UnicodeError's fields too, set back as attributes are),
    rebuilt by :func:`_remade`, not by a constructor that may take other arguments, nor by
    the subclass's name (its class's)."""
    base = type(exc).__mro__[1]
    made: Any = super(type(exc), exc).__reduce__()  # (class, args[, state]): never a str
    state = {**(made[2] if len(made) > 2 and made[2] else {}), **_unicode_fields(exc)}
    return (_remade, (base, made[1]), *([state] if state else []))


_UNICODE_FIELDS = ("encoding", "object", "start", "end", "reason")


def _unicode_fields(exc: BaseException) -> dict[str, Any]:
    """A UnicodeDecodeError's (Encode, Translate) codec, data, span and reason: slots that
    neither its ``__dict__`` nor its pickled arguments hold once its message is another.
    Those unset (None) are left out, as setting them is refused. Empty for any other."""
    if not isinstance(exc, UnicodeDecodeError | UnicodeEncodeError | UnicodeTranslateError):
        return {}
    fields = {name: getattr(exc, name) for name in _UNICODE_FIELDS}
    return {name: value for name, value in fields.items() if value is not None}


def _remade(cls: type[BaseException], args: tuple) -> BaseException:
    """A pickled :func:`_saying` instance of ``cls`` back, from its arguments."""
    new = _unmade(_saying(cls), args)
    if isinstance(new, OSError):  # errno, reason and paths, whatever __init__ cls has
        OSError.__init__(new, *args)
    return new


def _unmade(cls: type[_E], args: tuple) -> _E:
    """An instance of ``cls`` made by its ``__new__`` alone. The ``__new__`` found first in
    its bases may refuse it (one of OutOfMemoryError's, MemoryError's: "not safe"): the
    next one that takes it makes it, as Python's own call of the class does."""
    refused: TypeError | None = None
    for base in cls.__mro__:
        make = base.__dict__.get("__new__")
        if make is None:
            continue
        try:
            return make(cls, *args)
        except TypeError as exc:
            refused = refused or exc
    raise refused or TypeError(f"{cls.__name__} has no __new__")


def os_error_saying(exc: OSError, tail: str, filename: Any = None) -> OSError:
    """``exc`` again (:func:`with_message`: its type, FileNotFoundError or a subclass of
    the caller's, and attributes), its reason followed by ``tail`` (" (at cluster 'c1')",
    "; 3 of 10 clusters saved ..."): its errno and both paths as the OS gave them,
    ``filename`` in place of the first where given (a write to a temporary file has none).
    One with no reason (no ``strerror``: ``FileNotFoundError("text")``) is its text (its
    type's name where it has none: ``OSError()``) followed by ``tail``, ``filename`` not set
    (it would be shown as "[Errno None] None")."""
    if exc.strerror is None:
        return with_message(exc, f"{str(exc) or type(exc).__name__}{tail}")
    new = with_message(exc, f"{exc.strerror}{tail}")
    if filename is not None:
        new.filename = filename
    return new


def describe(exc: BaseException) -> str:
    """``exc`` for a report line: the package's own errors by their message, any other
    with its type in front (a bare ``KeyError: 'x'`` says little without it)."""
    return str(exc) if isinstance(exc, SummarizerError) else f"{type(exc).__name__}: {exc}"


def first_line(exc: BaseException, limit: int = 300) -> str:
    """The first line of ``exc``'s message (its type name when it has none), at most
    ``limit`` characters: what a one-line report quotes of another library's error. A
    first line ending in a colon ("Validation error for field 'hidden_size':") takes the
    next line with it, the one that says what is wrong."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__[:limit]
    head = lines[0] if not lines[0].endswith(":") else " ".join(lines[:2])
    return head[:limit]


def debugging() -> bool:
    """Whether ``SUMMARIZER_DEBUG`` is on, read as every switch of the package is
    (:func:`~summarizer.runtime.env_flag`: "1", "true", "yes", "on"; "0" or "false" is off,
    as it was not): then an error that may be a bug escapes with its traceback, where it
    would become a one-line message."""
    from summarizer.runtime import env_flag  # runtime imports this module

    return env_flag("SUMMARIZER_DEBUG")


def counted(n: int, noun: str) -> str:
    """``"1 date"``, ``"2 dates"``: a count and its noun, singular for one (a message
    saying "holds 1 dates" reads as a slip)."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a job scheduler or container stopping the command) or
    SIGHUP (its terminal or SSH session closed), raised by the CLI where Ctrl-C raises
    KeyboardInterrupt: every command saves what it finished and says so, as on Ctrl-C, where
    the default action ended the process at once (a batch lost the shard it was filling, up
    to 1,000 clusters, and said nothing). ``signum`` is the signal's number."""

    def __init__(self, signum: int = 15) -> None:
        super().__init__()
        self.signum = signum

    @property
    def signal_name(self) -> str:
        import signal

        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"


def terminating_signals() -> tuple[int, ...]:
    """The signals the command line takes as :class:`Terminated`: SIGTERM, and SIGHUP where
    the system has it (not Windows)."""
    import signal

    hup = getattr(signal, "SIGHUP", None)
    return (signal.SIGTERM,) if hup is None else (signal.SIGTERM, hup)


def raise_terminated(signum: int, frame: object) -> NoReturn:
    """The command line's handler of SIGTERM and SIGHUP: raises :class:`Terminated`, the
    signal's default action restored first, so that a second one ends the process at once.
    Named, so that :func:`~summarizer.atomic.uninterrupted` knows it and holds it while
    work is saved."""
    import signal

    signal.signal(signum, signal.SIG_DFL)
    raise Terminated(signum)


def stopped(exc: BaseException) -> str:
    """How an interrupted command says it was stopped, and marks ``exc`` as said (the CLI
    then adds no second line): "interrupted" (Ctrl-C) or "terminated (SIGTERM)" (SIGHUP)."""
    exc.announced = True  # type: ignore[attr-defined]
    return f"terminated ({exc.signal_name})" if isinstance(exc, Terminated) else "interrupted"


# the files whose frames a warning passes over: this package's, and contextlib's (its
# decorators wrap the package's entry points)
_NOT_THE_CALLER = (os.path.dirname(os.path.abspath(__file__)) + os.sep,
                   os.path.abspath(contextlib.__file__))


def warn(message: str, category: type[Warning] = UserWarning) -> None:
    """``warnings.warn`` at the first frame outside this package (and contextlib's, which
    its decorators pass through): the line of the caller's that called the library, however
    deep the warning is raised. A fixed ``stacklevel`` pointed inside the package (or at
    contextlib) where the same check was reached by another path (``evaluate`` through
    ``plan_run``, not ``load_dataset``), and a host's ``filterwarnings(module=...)`` missed it."""
    level = 2
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_NOT_THE_CALLER):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
