"""Device, dtype and seed handling, kept in one place for every model."""

from __future__ import annotations

import os
import random
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_SEED = 1234


# The devices a ``device`` option may name: pick_device's forms, torch's own spelling.
DEVICE_FORMS = "auto, cpu, cuda, cuda:N or mps"
_DEVICE_NAME = re.compile(r"auto|(?:cpu|cuda|mps)(?::[0-9]+)?")


def check_device_name(device: object) -> None:
    """An :class:`~summarizer.errors.OptionError` unless ``device`` is None or spelt as one
    of :data:`DEVICE_FORMS`: checked where the option is given (a summariser's options, when
    it is made), without torch, so that ``device="gpu9"`` is refused at once and not after a
    model loaded. Whether the device is here is :func:`pick_device`'s to say, where the
    model loads: a summariser made on one machine may run on another."""
    from summarizer.errors import OptionError, option_label, value_repr

    if device is None or (isinstance(device, str) and _DEVICE_NAME.fullmatch(device)):
        return
    raise OptionError(f"{option_label('device')} must be one of {DEVICE_FORMS}, got "
                      f"{value_repr(device)}")


def pick_device(device: str | None = "auto") -> str:
    """Return a torch device string: CUDA, then MPS, then CPU for ``auto``. A device that
    is unknown or not present here is a :class:`ResourceError`, before any model loads."""
    import torch

    if device in (None, "auto"):
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    from summarizer.errors import ResourceError, value_repr

    try:
        parsed = torch.device(device)
    except (RuntimeError, TypeError, ValueError):
        raise ResourceError(
            f"unknown device {value_repr(device)}; use {DEVICE_FORMS}"
        ) from None
    if parsed.type == "cuda":
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0:
            raise ResourceError(f"device {value_repr(device)} asked for, but no CUDA GPU is "
                                "usable here "
                                "(or torch was built without CUDA); use device 'auto' or 'cpu'")
        if parsed.index is not None and parsed.index >= count:
            raise ResourceError(f"device {value_repr(device)} asked for, but only {count} CUDA "
                                "GPU(s) exist")
    elif parsed.type == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise ResourceError(f"device {value_repr(device)} asked for, but Apple MPS is not "
                                "available here; use device 'auto' or 'cpu'")
    elif parsed.type != "cpu":
        raise ResourceError(f"device {value_repr(device)} is not supported; use auto, cpu, cuda "
                            "or mps")
    return device


def gpu_peak_mb(device: object = None) -> float | None:
    """The most memory torch held allocated at once on one CUDA GPU, in MiB, since this
    process started or that GPU's peak was reset (``torch.cuda.reset_peak_memory_stats``):
    the GPU ``device`` names (``cuda:N``, as a summariser resolved it), else the current
    one (``cuda``, ``auto``'s; what a sentence encoder runs on; a device named that is no
    CUDA GPU here). torch answers for the current GPU unless told: a model on cuda:1 was
    reported with cuda:0's figure. None where torch is not imported (never imported to ask)
    or CUDA is not initialised (nothing ran on a GPU)."""
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_available() or not torch.cuda.is_initialized():
        return None
    named = re.fullmatch(r"cuda:([0-9]+)", device if isinstance(device, str) else "")
    index = int(named.group(1)) if named else None
    if index is not None and index >= torch.cuda.device_count():
        index = None
    return float(torch.cuda.max_memory_allocated(index)) / 2**20

# Python's, NumPy's and torch's global generators belong to the process: seeding them, and
# seeding then drawing a sequence that must be reproducible (beam sampling), hold this.
_GLOBAL_RNG = threading.RLock()


def set_seed(seed: int = DEFAULT_SEED) -> int:
    """Seed Python, NumPy and torch (when imported); returns the seed used.

    These generators belong to the process: a call reseeds them for every thread. No
    extractive summariser draws from them (their one random step, coverage's k-means
    start, has its own seeded generator), so their summaries do not depend on it. A
    call waits while another thread draws in :func:`seeded`.

    torch is seeded only where something already imported it: importing it here
    would cost a process that never uses it (the static-vector default, a Ray
    actor) about a second. Code that draws from torch imports it first and then
    seeds (beam sampling does, in :func:`seeded`, before every call; sampling with one
    beam draws from generators of its own, abstractive.row_sampling).

    The hash seed is left alone: it cannot change in a running process, and setting
    ``PYTHONHASHSEED`` would pass to every process the user starts afterwards. No output
    depends on it (eval/reproducibility.py: four hash seeds, every method, no difference).
    """
    with _GLOBAL_RNG:
        random.seed(seed)
        np.random.seed(seed % (2**32))
        torch = sys.modules.get("torch")
        if torch is not None:
            torch.manual_seed(seed)
    return seed


@contextmanager
def kept_generators() -> Iterator[None]:
    """Python's, NumPy's and torch's global generators as the block found them, after a
    block that seeds them (:func:`set_seed`: every cluster of evaluate and batch, each
    beam-sampled summary). They are the caller's: one who drew after such a call drew
    the same numbers each time, from the library's seed. torch imported inside the block
    is given a seed of its own (:func:`torch.seed`), as a fresh import has."""
    with _GLOBAL_RNG:
        python, numpy = random.getstate(), np.random.get_state()
        torch = sys.modules.get("torch")
        cpu = torch.get_rng_state() if torch is not None else None
        gpus = (torch.cuda.get_rng_state_all()
                if torch is not None and torch.cuda.is_initialized() else None)
    try:
        yield
    finally:
        with _GLOBAL_RNG:
            random.setstate(python)
            np.random.set_state(numpy)
            torch = sys.modules.get("torch")
            if torch is not None and cpu is None:
                torch.seed()  # CUDA's too
            elif torch is not None:
                torch.set_rng_state(cpu)
                try:
                    if gpus is not None:
                        torch.cuda.set_rng_state_all(gpus)
                    elif torch.cuda.is_initialized():
                        torch.cuda.seed_all()
                except RuntimeError:  # a GPU left unusable (a device-side assert): the
                    pass  # block's own error is the one to tell


@contextmanager
def seeded(seed: int) -> Iterator[int]:
    """Seed the global generators and keep them for this thread inside the block; after
    it they are as the block found them (:func:`kept_generators`).

    What the block draws then depends on ``seed`` alone, whatever other threads seed
    (:func:`set_seed`) or draw here meanwhile: they wait. Code that calls
    ``torch.manual_seed`` or draws from torch's global generator itself is not held.
    """
    with _GLOBAL_RNG, kept_generators():
        yield set_seed(seed)


class ProcessSetting:
    """A process-wide setting (BLAS threads, transformers' logging) held by blocks that
    may nest or overlap in several threads: the latest block still open decides the
    value, and the process's own value comes back when the last block ends. Each block
    restoring what it found left the setting changed for good when two threads' blocks
    ended out of order (A in, B in, A out, B out: B put back A's value)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: list[tuple[object, Callable[[], Callable[[], None]]]] = []  # oldest first
        self._restores: dict[Any, Callable[[], None]] = {}  # the first of each key's

    @contextmanager
    def held(self, apply: Callable[[], Callable[[], None]], key: Any = None) -> Iterator[None]:
        """Inside the block, the value ``apply`` sets; ``apply`` returns what restores the
        value it found. ``key``: what the restore covers (BLAS: the libraries a controller
        knows), so that the process's own value of each comes back."""
        token = object()
        with self._lock:
            restore = apply()
            self._restores.setdefault(key, restore)
            self._open.append((token, apply))
        try:
            yield
        finally:
            with self._lock:
                latest = self._open[-1][0] is token
                self._open = [h for h in self._open if h[0] is not token]
                if not self._open:  # the process's own values, the first saved last
                    restores, self._restores = list(self._restores.values()), {}
                    for first in reversed(restores):
                        first()
                elif latest:  # a nested or later block ended: the one now latest decides
                    self._open[-1][1]()


_BLAS_SETTING = ProcessSetting()
_LOGGING_SETTING = ProcessSetting()


@contextmanager
def blas_threads(n: int = 1) -> Iterator[None]:
    """Hold the BLAS libraries loaded in this process (numpy's OpenBLAS) to ``n``
    threads inside the block; the process's own setting comes back after it.

    The summarisers multiply sentence-sized matrices (a few hundred rows at
    most), where OpenBLAS's extra threads only spin: on 1,000 clusters one
    process took the same time with one BLAS thread and half the CPU
    (eval/results/bench_batch.md). Other pools (torch's, onnxruntime's,
    tokenizers') are left alone, and so are BLAS libraries first loaded
    inside the block.

    The limit is the process's, not the thread's (threadpoolctl sets the libraries'
    own global setting): blocks in several threads share it (:class:`ProcessSetting`),
    and the process's own setting comes back when the last of them ends.
    """
    with blas_limiter(n)():
        yield


def blas_limiter(n: int = 1) -> Callable[[], AbstractContextManager[Any]]:
    """:func:`blas_threads` for a loop: ``hold = blas_limiter(n)``, then ``with hold():``
    around each step. The BLAS libraries loaded now are found once (about 0.5 ms, a scan
    of the process's libraries); each hold then costs about 10 us, so a job can hold them
    per item and still run the caller's code between items at the process's setting."""
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController()

    def apply() -> Callable[[], None]:
        return controller.limit(limits=n, user_api="blas").restore_original_limits

    key = tuple(sorted(lib.filepath for lib in controller.select(user_api="blas").lib_controllers))
    return lambda: _BLAS_SETTING.held(apply, key)


# BLAS threads for a long local job (batch, evaluate): see blas_threads.
WORK_BLAS_THREADS = 1


def _bars_off() -> Callable[[], None]:
    """Turn transformers' progress bars off; returns what turns them back as they were.
    Its switch is huggingface_hub's global one too, so the hub's own settings (its groups'
    as well) are put back as they were, not left on or off by the switch; and the hub's
    warning where HF_HUB_DISABLE_PROGRESS_BARS fixes them is not said (the environment is
    the user's setting: a line on every model load to say it was kept)."""
    import importlib
    import warnings

    from transformers.utils import logging as hf_logging

    hub = getattr(importlib.import_module("huggingface_hub.utils.tqdm"),
                  "progress_bar_states", None)
    saved = dict(hub) if isinstance(hub, dict) else None
    was_on = hf_logging.is_progress_bar_enabled()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hf_logging.disable_progress_bar()

    def restore() -> None:
        if was_on:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                hf_logging.enable_progress_bar()
        if saved is not None and isinstance(hub, dict):
            hub.clear()
            hub.update(saved)

    return restore


@contextmanager
def progress_bars_off() -> Iterator[None]:
    """transformers' (and huggingface_hub's) progress bars off in the block, then as they
    were (:func:`_bars_off`)."""
    restore = _bars_off()
    try:
        yield
    finally:
        restore()


@contextmanager
def quiet_model_loading() -> Iterator[None]:
    """Hide transformers' per-weight "Loading weights" bar while a model loads.

    Loading is a fraction of a second for our models; the bar is noise on the
    CLI's stderr. The user's own setting is restored afterwards, when the last of the
    loads that overlap in several threads ends (:class:`ProcessSetting`).
    """
    from transformers.utils import logging as hf_logging

    def apply() -> Callable[[], None]:
        level = hf_logging.get_verbosity()
        bars_back = _bars_off()
        # and its warnings: a damaged folder's "LOAD REPORT" table (a dozen lines, terminal
        # codes) came before the one-line error, which says what is wrong itself; the
        # weights transformers would fill in are refused by the loader
        # (_refuse_missing_weights)
        hf_logging.set_verbosity_error()

        def restore() -> None:
            hf_logging.set_verbosity(level)
            bars_back()

        return restore

    with _LOGGING_SETTING.held(apply):
        yield


_TRIM: Any = None  # glibc's malloc_trim, False where there is none; looked up once


def release_freed_memory() -> bool:
    """Give the pages the C heap holds free back to the system (glibc's ``malloc_trim``);
    False where the C library has no such call (musl, macOS, Windows). Python frees large
    strings into that heap, which keeps its pages resident while a later object lies above
    them, and small objects come from arenas of their own, so they never reuse them: the
    lines a 50 MB text was cleaned in stayed resident (60 MB) while its sentences were made."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError, TypeError):
            _TRIM = False
    if _TRIM is False:
        return False
    _TRIM(0)
    return True


def cache_root() -> Path:
    """Where the package keeps what it builds once (converted checkpoints, static
    vectors): ``~/.cache/summarizer``, or ``SUMMARIZER_CACHE``, its ``~`` expanded (set in
    a Dockerfile or a service file, nothing else expands it: the cache went to a folder
    named ``~`` under the working directory, a new one, and a 20 s rebuild, per directory)."""
    from summarizer.errors import OptionError, value_repr
    from summarizer.textio import home_folder

    given = os.environ.get("SUMMARIZER_CACHE")
    if given and not given.strip():  # Path(" ") is a folder " " made in the working folder
        raise OptionError(f"SUMMARIZER_CACHE={value_repr(given)} is blank; set it to a "
                          "folder's path, or unset it for ~/.cache/summarizer")
    if given:  # ~nosuchuser refused: a folder of that name was made here
        return home_folder(given, f"SUMMARIZER_CACHE={value_repr(given)}",
                           "set it to a folder's path")
    try:
        return Path.home() / ".cache" / "summarizer"
    except RuntimeError:  # no HOME and no user entry (a bare container): not exit 70
        raise OptionError("no home folder to keep the package's cache in; set "
                          "SUMMARIZER_CACHE to a folder's path") from None


def env_flag(*names: str, default: bool = False) -> bool:
    """Whether a switch of the environment is on: True when any of the variables is set to
    a true value ("1", "true", "yes", "on", any case), False when one is set to anything
    else ("0", "off"), ``default`` when none is set (or set empty)."""
    values = [os.environ.get(v, "").strip().lower() for v in names]
    if not any(values):
        return default
    return any(v in ("1", "true", "yes", "on") for v in values)


_OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
# ``datasets`` answers to its own switch and the hub's, not to transformers'
_DATASETS_OFFLINE_VARS = ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE")


def is_offline() -> bool:
    """True when the user asked for no network (HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE)."""
    return env_flag(*_OFFLINE_VARS)


class Uncached(Enum):
    """What the local Hugging Face cache says of a repository's file it does not hold
    (:func:`hub_cached`)."""

    ABSENT = "known absent"  # a load looked for it, and the repository has none
    UNKNOWN = "not known"  # never fetched, nor looked for (offline, or not yet)
    NOT_HUB_ID = "not a hub id"  # huggingface_hub does not take the name as one


def hub_cached(repo: str, filename: str) -> str | Uncached:
    """The local Hugging Face cache's answer for ``repo``'s ``filename``, asked without the
    network: the file's path where it is cached, else :class:`Uncached` (known absent, not
    known, or no hub id). The one reading of huggingface_hub's ``try_to_load_from_cache``,
    whose answers (a path, None, or a marker object for a file known absent) each caller
    told apart itself."""
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(repo, filename)
    except Exception:  # noqa: BLE001 - not a hub id huggingface_hub takes (it checks the form)
        return Uncached.NOT_HUB_ID
    if isinstance(found, str):
        return found
    return Uncached.UNKNOWN if found is None else Uncached.ABSENT


def download_blocked(allow_download: bool | None = None, *, dataset: bool = False) -> str | None:
    """Why a model (``dataset``: a data set) missing from the local cache cannot be fetched
    now, or None when it may.

    The one policy for everything the package fetches from the hub: ``allow_download``
    True or False decides; None (the default) fetches unless offline mode is on
    (HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE; for a data set HF_DATASETS_OFFLINE or
    HF_HUB_OFFLINE, the switches ``datasets`` follows) or the hub's host refuses a
    connection (checked at once: no minute of retries). The reason is a clause for the
    caller's message, which says what to do.
    """
    if allow_download is not None:
        return None if allow_download else "downloading is off"
    var = next((v for v in (_DATASETS_OFFLINE_VARS if dataset else _OFFLINE_VARS)
                if env_flag(v)), None)
    if var:
        return f"offline mode is on ({var}=1)"
    return None if hub_reachable() else "the hub is unreachable"


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face hub's host accepts a TCP connection.

    Checked once before going online, so that a machine without network gets
    a clear error at once instead of huggingface_hub's minute of retries.
    """
    from urllib.parse import urlparse

    try:
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
    except (ImportError, AttributeError):  # pragma: no cover - hub client ships with transformers
        endpoint = "https://huggingface.co"
    url = urlparse(endpoint)
    port = url.port or (443 if url.scheme == "https" else 80)
    return reachable(url.hostname or "", port, timeout)


def reachable(host: str, port: int, timeout: float = 3.0) -> bool:
    """Whether ``host`` accepts a TCP connection on ``port`` within ``timeout`` seconds."""
    import socket

    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except (OSError, ValueError, OverflowError):  # refused, no such host; a bad port
        return False


# HTTP/2's connection preface as a client sends it (RFC 9113, 3.4: the fixed string and an
# empty SETTINGS frame); a server of HTTP/2 (every gRPC server: Ray's GCS, its client
# server) answers it with a SETTINGS frame of its own, frame type 4.
_HTTP2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])
_SETTINGS_FRAME = 4


def http2_answer(host: str, port: int, timeout: float = 3.0, wait: float = 1.0) -> str:
    """How the server at ``host`` ``port`` answers HTTP/2's connection preface: ``"none"``
    (no connection within ``timeout`` seconds: nothing listens), ``"http2"`` (a SETTINGS
    frame first, as a gRPC server answers), ``"other"`` (other bytes, or the connection
    closed or reset without a word: an HTTP/1 server, say, which answers 400), or
    ``"silent"`` (nothing within ``wait`` seconds: cannot tell). The preface is all that is
    said: no request is made of the server."""
    import socket

    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except (OSError, ValueError, OverflowError):  # refused, no such host; a bad port
        return "none"
    with sock:
        head = b""
        try:
            sock.settimeout(wait)
            sock.sendall(_HTTP2_PREFACE)
            while len(head) < 4:  # a frame's length (3 bytes) and type
                got = sock.recv(4 - len(head))
                if not got:
                    return "other"
                head += got
        except TimeoutError:
            return "other" if head else "silent"
        except OSError:  # reset
            return "other"
    return "http2" if head[3] == _SETTINGS_FRAME else "other"


# Files in which a model folder can ask transformers to import its own Python code.
_CODE_HOOKS = ("config.json", "tokenizer_config.json", "generation_config.json",
               "preprocessor_config.json", "processor_config.json")


def custom_code_error(name: str, where: str) -> Exception:
    from summarizer.errors import ModelNotFoundError, value_repr

    return ModelNotFoundError(
        f"model {value_repr(name)} ships its own Python code ({where}); summarizer never runs "
        "code from a model folder or hub repository: use a model whose architecture transformers "
        "includes (BART, T5, Pegasus, LED, Llama, BERT, ...)"
    )


def _unusable_model_errors() -> tuple[type[Exception], ...]:
    """What transformers raises for a model it cannot build, whatever the call: a missing
    file (OSError), a file that is no JSON or no text, a config value of the wrong type caught
    by huggingface_hub's strict dataclass check, and truncated or damaged weights
    (SafetensorError). A ValueError, KeyError or RuntimeError counts as well where a library
    raised it to say so (:func:`_raised_by_a_library`). Imported when a load fails, never
    before."""
    import json

    kinds: list[type[Exception]] = [OSError, json.JSONDecodeError, UnicodeDecodeError]
    try:
        from huggingface_hub.errors import StrictDataclassError

        kinds.append(StrictDataclassError)
    except ImportError:  # pragma: no cover - an older huggingface_hub lacks the check
        pass
    try:
        from safetensors import SafetensorError

        kinds.append(SafetensorError)
    except ImportError:  # pragma: no cover - safetensors ships with transformers
        pass
    return tuple(kinds)


def _raised_by_a_library(exc: BaseException) -> bool:
    """Whether a ValueError, KeyError or RuntimeError came from a ``raise`` statement outside
    this package: transformers saying what it cannot use ("Unrecognized model in ...", a model
    type it does not know, a config class no loader takes, weights whose shapes differ from
    the config's), where Python's own error from an operation on a value (``int('a')``, a
    missing key, unpacking; torch's RuntimeError from its C++ code) comes from a value of the
    files or a bug, and this package's own is a bug. The innermost frame's instruction tells
    (a raise is RAISE_VARARGS, an operation a CALL or a subscript): its source line would miss
    ``if ...: raise`` and a library installed without its sources."""
    import dis

    tb = exc.__traceback__
    if not isinstance(exc, ValueError | KeyError | RuntimeError) or tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    if Path(code.co_filename).resolve().is_relative_to(Path(__file__).resolve().parent):
        return False
    return any(ins.offset == tb.tb_lasti and ins.opname == "RAISE_VARARGS"
               for ins in dis.get_instructions(code))


# What a value of the wrong type in a model's files raises from deep inside transformers
# ("d_model": null, a special token that is a number; id2label keys that are no numbers, a
# tokenizer.json without its added_tokens), and a bug of transformers or of this package as
# well: the error names the value where summarizer.model_values finds it, else says it may
# be a bug. A bare Exception is what the tokenizers library raises for a tokenizer.json it
# cannot read; a size that is negative or zero ("intermediate_size": -1, no attention heads)
# is torch's RuntimeError, an AssertionError or a ZeroDivisionError.
_WRONG_VALUE_ERRORS = (TypeError, AttributeError, IndexError, ValueError, KeyError,
                       RuntimeError, AssertionError, ZeroDivisionError)


def _from_the_values(exc: BaseException) -> bool:
    """Whether ``exc`` may come from a value of the model's files: one of
    :data:`_WRONG_VALUE_ERRORS`, or the tokenizers library's bare Exception."""
    return isinstance(exc, _WRONG_VALUE_ERRORS) or type(exc) is Exception


@contextmanager
def model_loading_errors(name: str, what: str = "model", hint: str = "",
                         files: str | None = None) -> Iterator[None]:
    """Inside: a ``from_pretrained`` call. A model that cannot be used (damaged or unknown
    config, no or truncated weights, a tokenizer that fails to build, a value of the wrong
    type found in its files, ``files`` or else ``name``: a folder or a cached hub id)
    becomes a ModelNotFoundError naming it, a repository asking to run its own code the
    :func:`custom_code_error`; the package's own errors pass through. A TypeError
    (AttributeError, IndexError, and a ValueError or KeyError no library raised to say the
    files are unusable) where no value is found wrong may be a bug: its error says so, and
    with ``SUMMARIZER_DEBUG`` set it passes through as it is."""
    import pickle

    from summarizer.errors import (
        ModelNotFoundError,
        SummarizerError,
        debugging,
        first_line,
        value_repr,
    )

    try:
        yield
    except SummarizerError:
        raise
    except pickle.UnpicklingError as exc:
        # torch's weights-only loader refusing a .bin/.pt checkpoint that holds more than
        # tensors (Python objects, which unpickling would build by running code) or is no
        # pickle: its own message advises weights_only=False, which would run that code
        raise ModelNotFoundError(
            f"cannot load {what} {value_repr(name)}: its weights file is a pickle that "
            "torch's safe loader refuses (it holds Python objects besides tensors, which "
            "loading could run as code, or it is damaged); summarizer loads no such file: "
            f"use the model's .safetensors weights{hint}") from exc
    except Exception as exc:
        if "OutOfMemory" in type(exc).__name__:  # torch's, a RuntimeError: the machine's
            raise
        if not (isinstance(exc, _unusable_model_errors()) or _raised_by_a_library(exc)):
            if not _from_the_values(exc):
                raise
            from summarizer.model_values import wrong_value

            found = wrong_value(files or name)
            if found is None:
                if debugging():
                    raise
                # still a typed one-line error (the folder may be damaged in a way not
                # checked), but said to be a possible bug; the cause keeps the traceback
                found = (f"{type(exc).__name__}: {first_line(exc)} (no value in its files was "
                         "found wrong: if they are sound, this is a bug; set "
                         "SUMMARIZER_DEBUG=1 for the traceback and please report it)")
            raise ModelNotFoundError(f"cannot load {what} {value_repr(name)}: "
                                     f"{found}{hint}") from exc
        if "trust_remote_code" in str(exc) or "custom code" in str(exc):
            raise custom_code_error(name, "custom code in the repository") from None
        said = None
        if "ignore_mismatched_sizes" in str(exc):  # "... look at the above report!": hidden
            said = ("its weights' tensor shapes do not match config.json (a size in it, such "
                    "as vocab_size or the hidden width, is not the weights')")
        if isinstance(exc, UnicodeDecodeError) or type(exc).__name__ == "JSONDecodeError":
            from summarizer.model_values import unreadable

            said = unreadable(files or name)  # the JSON error names no file
        raise ModelNotFoundError(
            f"cannot load {what} {value_repr(name)}: {said or first_line(exc)}{hint}") from exc


def refuse_custom_code(folder: str | os.PathLike[str], name: str) -> None:
    """Raise if a local model folder asks for its own code (``auto_map``), or if one of the
    files that could ask is there but is no regular file (a FIFO, a folder), or if any other
    file of it is a FIFO, a socket or a device; imports nothing.

    Every ``from_pretrained`` of the package also passes ``trust_remote_code=False``, so
    transformers neither runs such code nor asks on stdin whether to.
    """
    import json
    from pathlib import Path

    from summarizer.errors import ModelNotFoundError
    from summarizer.textio import refuse_irregular

    for fname in _CODE_HOOKS:
        path = Path(folder) / fname
        # transformers skips one that is no regular file (os.path.isfile), silently: a FIFO
        # tokenizer_config.json loaded a tokenizer without its settings (no length limit)
        refuse_irregular(path, error=ModelNotFoundError, missing_ok=True,
                         then="not a usable model folder")
        if not path.exists():
            continue
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError, JSON errors, limits
            from summarizer.textio import json_problem

            raise ModelNotFoundError(f"{path}: not valid JSON ({json_problem(exc)}; not a "
                                     "model folder)") from None
        if isinstance(data, dict) and ("auto_map" in data or "custom_pipelines" in data):
            raise custom_code_error(name, f"'auto_map' in {fname}")
    _refuse_special_files(Path(folder))


def _refuse_special_files(folder: Path) -> None:
    """A FIFO (a socket, a device) among a model folder's files is named as what it is:
    transformers skips one (os.path.isfile) and then said "no file named
    model.safetensors" or "couldn't instantiate the backend tokenizer" of a FIFO
    model.safetensors or tokenizer.json. A folder (a sentence encoder's module) and a
    broken link are left to the loader, which names a file it needs and lacks."""
    from summarizer.errors import ModelNotFoundError
    from summarizer.textio import refuse_irregular

    try:
        entries = sorted(folder.iterdir())
    except OSError:  # not listed: the loader's own error names why
        return
    for path in entries:
        if not (path.is_file() or path.is_dir() or not path.exists()):
            refuse_irregular(path, error=ModelNotFoundError, then="not a usable model folder")
