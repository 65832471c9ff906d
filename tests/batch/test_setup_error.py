"""The error a Ray worker met setting up the summariser, raised by the driver as the local
engine raises it (engine.setup_error): of its type, with its attributes, whatever its
constructor takes. Without Ray: the error travels as _PackWorker sends it (pickled whole,
when ``portable``), and the driver rebuilds it."""

from __future__ import annotations

import errno
import importlib
import pickle

import pytest

from summarizer import errors
from summarizer.batch.engine import portable, setup_error

WHERE = " (as a Ray worker set up the summariser)"


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _package_errors() -> list[type]:
    """Every error class of this package that can reach setup_error (an error of this
    package: a SummarizerError), the modules that define some imported first."""
    for module in ("summarizer.batch.engine", "summarizer.documents.records",
                   "summarizer.documents.loaders"):
        importlib.import_module(module)
    return sorted({c for c in _subclasses(errors.SummarizerError)
                   if c.__module__.startswith("summarizer.")}, key=lambda c: c.__qualname__)


class ModelRefused(errors.ModelNotFoundError):
    """A user's summariser's error: a keyword besides the message, kept as an attribute."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class Pair(errors.ModelNotFoundError):
    """An error of two arguments, its own __str__ (``type(exc)(message)``: a TypeError)."""

    def __init__(self, model: str, reason: str) -> None:
        super().__init__(model, reason)
        self.model = model

    def __str__(self) -> str:
        return f"{self.args[0]}: {self.args[1]}"


class WordListGone(FileNotFoundError):
    """An OSError subclass of a summariser's own, naming the language of the list."""

    def __init__(self, *args: object, language: str = "") -> None:
        super().__init__(*args)
        self.language = language


def _travelled(exc: Exception) -> Exception:
    assert portable(exc)  # else the worker sends the one-line reason, never the error
    return pickle.loads(pickle.dumps(exc))


@pytest.mark.parametrize("cls", _package_errors(), ids=lambda c: c.__qualname__)
def test_every_error_of_the_package_keeps_its_type_and_says_where(cls):
    exc = cls("model.json is no model file")
    exc.detail = 7  # an attribute set after it was made
    back = setup_error(_travelled(exc))
    assert type(back) is cls and str(back) == f"model.json is no model file{WHERE}"
    assert back.detail == 7


def test_an_error_with_other_constructor_arguments_keeps_them():
    back = setup_error(_travelled(ModelRefused("no such model", hint="download it")))
    assert (type(back), str(back), back.hint) == (
        ModelRefused, f"no such model{WHERE}", "download it")
    # its own __str__ reads two arguments: no TypeError, and it says where (it said
    # "tiny: gone", the where lost), a Pair still with its attributes
    back = setup_error(_travelled(Pair("tiny", "gone")))
    assert isinstance(back, Pair) and type(back).__name__ == "Pair"
    assert (str(back), back.model) == (f"tiny: gone{WHERE}", "tiny")


@pytest.mark.parametrize("exc, said", [
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "/m/model.json"),
     f"[Errno 2] No such file or directory{WHERE}: '/m/model.json'"),
    (PermissionError(errno.EACCES, "Permission denied", "/a", None, "/b"),
     f"[Errno 13] Permission denied{WHERE}: '/a' -> '/b'"),
    (WordListGone(errno.ENOENT, "No such file or directory", "/w/el.txt", language="el"),
     f"[Errno 2] No such file or directory{WHERE}: '/w/el.txt'"),
    (FileNotFoundError("model.json is gone"), f"model.json is gone{WHERE}"),
    (OSError("no reason given"), f"no reason given{WHERE}"),
], ids=["errno", "two paths", "subclass", "no reason", "plain no reason"])
def test_an_os_error_keeps_its_type_errno_paths_and_attributes(exc, said):
    back = setup_error(_travelled(exc))
    assert type(back) is type(exc) and str(back) == said
    assert (back.errno, back.filename, back.filename2) == (exc.errno, exc.filename, exc.filename2)
    assert vars(back) == vars(exc)
    again = pickle.loads(pickle.dumps(back))  # and it travels on as it is
    assert type(again) is type(exc) and str(again) == said
