"""Engines: run a per-item task over packs of items, in this process or on Ray Data.

A *task* is a picklable object with ``setup()`` (load the summariser and its
model: once per process, or once per Ray actor) and ``__call__(item)`` (one
item in, one picklable result out, never raising for a bad item). Items
travel in *packs* sized by tokens; on Ray a pack is the unit of work, of retry
after a killed worker, and of progress (in this process, each item is).

On Ray, packs go through ``ray.data.Dataset.map_batches`` with an actor pool
(:class:`ray.data.ActorPoolStrategy`): each actor calls ``setup()`` once and
then handles one pack per call. A killed actor is restarted and its pack in
flight is retried (Ray Data's actor-pool defaults: unlimited restarts and task
retries); finished packs are already with the driver. A pack is begun at most
:data:`PACK_TRIES` times; one whose workers died at each has its items tried one by
one, and an item given up alone goes to the task's ``lost()`` (batch: a failed row;
without it, the job stops). The tries are counted only once a worker has died: a job
whose workers all live starts no counter and asks none. Ray's connection defaults are kept: a local
instance, or the cluster named by ``address`` / ``RAY_ADDRESS`` (e.g.
``"auto"`` on a node of a cluster started with ``ray start``), with its
authentication as configured.
"""

from __future__ import annotations

import importlib
import math
import os
import pickle
import sys
import threading
import uuid
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from summarizer.errors import (
    OptionError,
    SummarizerError,
    UnpicklableError,
    describe,
    did_you_mean,
    first_line,
    option_label,
    os_error_saying,
    shortened,
    value_repr,
    warn,
    with_message,
)
from summarizer.runtime import WORK_BLAS_THREADS, blas_limiter

ENGINES = ("local", "ray")
# The ray extra's requirement of pyproject.toml, or the extra from the source folder: the
# "summarizer" on PyPI is an unrelated project, so its extras are no install command.
INSTALL_HINT = "pip install 'ray[data]>=2.50,<3' (or from the source folder: pip install -e '.[ray]')"
# Packs handed to one Ray Data execution: bounds the driver's and the object
# store's memory whatever the input size. Actors (and their models) are
# started once per segment.
SEGMENT_PACKS = 2048
# CPUs Ray reserves for each actor; the actor's thread pools are sized to it.
ACTOR_CPUS = 1
# The most actors one job asks for: each holds a model, and a named cluster is not checked
# against its CPUs (it may autoscale), so an absurd count would wait or exhaust the cluster.
MAX_WORKERS = 10_000
# Near the end of a segment a pack holds at most 1/(TAIL_SHARE x workers) of the
# clusters left (guided scheduling), so that the actors finish together.
TAIL_SHARE = 2
# Tries of a pack on Ray (Ray's own default for a task: 3 retries). A worker that died on
# the same row at every try (a row that crashes native code or exhausts memory) was
# retried for ever: the job never ended and nothing said why.
PACK_TRIES = 4
# Why a Ray worker cannot load the job's summariser (its class's module not importable there).
UNLOADABLE = (
    "the summariser is sent to the workers with the job: a class defined in the driver's "
    "script travels by value, one of a module by its name, so that module must be importable "
    "on every Ray worker: install it there, or ship it with Ray's runtime_env (py_modules)")
# A job that ended part-way on a Ray Data whose prefetch thread _rows cannot reach.
PREFETCH_UNKNOWN = (
    "Ray Data {version} is not a version whose prefetch thread this engine can stop (it "
    "knows Ray 2.50-2.60): the job ended part-way, so a 'Prefetcher' thread may stay in "
    "this process until it exits (the results are not affected; a driver that runs job "
    "after job keeps one per such job)")


class Task(Protocol):
    def setup(self) -> None: ...

    def __call__(self, item: Any, /) -> Any: ...  # called positionally: any parameter name

    # Optional: ``lost(item, reason)``, the result for an item whose Ray worker died at
    # each of PACK_TRIES tries; a task without it stops the job (EngineError).


class EngineError(SummarizerError):
    """The chosen engine cannot run (not installed, or its workers failed to start)."""


class WorkerEnvironmentError(EngineError):
    """A Ray worker whose installed packages or code differ from the driver's where they
    decide the output (:mod:`summarizer.batch.environment`): its summaries could differ
    from the local engine's, so no cluster is summarised there."""


# The way out of a WorkerEnvironmentError, after the difference.
SAME_ENVIRONMENT = ("install the same versions on every Ray node as on the driver (or ship "
                    "them with Ray's runtime_env)")


# A pack is held in memory whole (on Ray, SEGMENT_PACKS of them at once), so its limits
# are bounded too: 16 and 20 times summarize_dataset's defaults. --batch-size 10**18 made
# the whole input one pack: all of it in memory, no progress and no shard until the end.
MAX_PACK_ITEMS = 1024
MAX_PACK_TOKENS = 1_000_000


def check_pack_limits(max_items: int, max_tokens: int) -> None:
    """An :class:`OptionError` for pack limits that are not positive or absurdly large."""
    if max_items < 1 or max_tokens < 1:
        raise OptionError(f"{option_label('batch_size')} and {option_label('batch_tokens')} must "
                          f"be positive, got {max_items} and {max_tokens}")
    for name, value, most, unit in (("batch_size", max_items, MAX_PACK_ITEMS, "clusters"),
                                    ("batch_tokens", max_tokens, MAX_PACK_TOKENS, "words")):
        if value > most:
            raise OptionError(f"{option_label(name)} {value} is absurdly large (at most {most:,} {unit}: "
                              "a batch is held in memory whole)")


def pack_items(items: Iterable[Any], size: Callable[[Any], int], max_items: int,
               max_tokens: int) -> Iterator[list[Any]]:
    """Consecutive items grouped so that a pack holds at most ``max_items`` items and,
    unless one item alone is larger, at most ``max_tokens`` tokens."""
    check_pack_limits(max_items, max_tokens)
    pack: list[Any] = []
    tokens = 0
    for item in items:
        n = size(item)
        if pack and (len(pack) >= max_items or tokens + n > max_tokens):
            yield pack
            pack, tokens = [], 0
        pack.append(item)
        tokens += n
    if pack:
        yield pack


def split_tail(packs: list[list[Any]], workers: int) -> list[list[Any]]:
    """The same items in the same order, the packs near the end split smaller.

    Guided self-scheduling: a pack holds at most ``ceil(left / (TAIL_SHARE * workers))``
    of the ``left`` items from its start on. Packs stay whole while much is left; the last
    ones shrink to single items, so no actor is left with a full pack while the others
    idle (200 clusters of 3,000 words make 13 packs of 16: 7 for one actor, 6 for the
    other). Packs are only split, never merged: each still keeps its limits."""
    left = sum(len(p) for p in packs)
    out: list[list[Any]] = []
    for pack in packs:
        while pack:
            size = max(1, -(-left // (TAIL_SHARE * max(1, workers))))
            out.append(pack[:size])
            pack = pack[size:]
            left -= len(out[-1])
    return out


def run_local(task: Task, packs: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """Every item in this process, in order (the task is set up at the first), each result
    yielded alone as soon as it is done, with BLAS held to
    :data:`~summarizer.runtime.WORK_BLAS_THREADS` threads while an item runs.

    One result at a time, not one pack: in this process a pack is no unit of work, and the
    caller saves and counts what it gets, so Ctrl-C loses at most the item in flight (it
    lost a whole pack, up to 64 finished clusters, and the bar stood still meanwhile)."""
    ready = False
    for pack in packs:
        hold = blas_limiter(WORK_BLAS_THREADS)  # the BLAS libraries loaded so far
        for item in pack:
            with hold():
                if not ready:
                    task.setup()
                    ready = True
                result = task(item)
            yield [result]


def require_ray() -> Any:
    """The ``ray`` module, or :class:`EngineError` with the install command."""
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Core alone is not enough)
    except ImportError:
        raise EngineError(f"engine='ray' (--engine ray) needs Ray Data; install it with: "
                          f"{INSTALL_HINT}") from None
    return ray


def engine_workers(engine: str, num_workers: int | None = None, address: str | None = None,
                   gpus_per_worker: float | None = None) -> int:
    """The number of workers of a job on ``engine``, after the checks that ``batch`` and
    ``evaluate`` share: a known engine, the Ray-only options refused on the local engine
    (they would be ignored), Ray installed (the one-line install hint before any work),
    positive workers (default: 2 Ray actors, or this one process)."""
    from summarizer.values import check_values, fits

    check_values(dict(engine=engine, num_workers=num_workers, address=address),
                 dict(engine=str, num_workers=int | None, address=str | None), "", OptionError)
    if engine not in ENGINES:
        raise OptionError(f"unknown engine {value_repr(engine)}{did_you_mean(engine, ENGINES)}; "
                          f"choose one of: {', '.join(ENGINES)}")
    for name, value in (("address", address), ("gpus_per_worker", gpus_per_worker)):
        if engine == "local" and value is not None:
            raise OptionError(f"{option_label(name)} is for engine='ray' (--engine ray; the "
                              "local engine is this process)")
    if gpus_per_worker is not None and not (fits(gpus_per_worker, float)
                                            and 0 <= gpus_per_worker < math.inf):
        raise OptionError(f"{option_label('gpus_per_worker')} must be a number of GPUs, 0 or more, got "
                          f"{gpus_per_worker}")
    if engine == "ray":
        require_ray()
    workers = num_workers if num_workers is not None else (2 if engine == "ray" else 1)
    if not 1 <= workers <= MAX_WORKERS:
        raise OptionError(f"{option_label('num_workers')} must be 1..{MAX_WORKERS:,}, got {workers}")
    if engine == "local" and workers != 1:
        raise OptionError(f"{option_label('num_workers')} is for engine='ray' (--engine ray; "
                          "the local engine is one process)")
    if engine == "ray":  # (after the options' own checks: it may look for a connection)
        check_address(ray_address(address))
    return workers


def ray_address(address: str | None) -> str | None:
    """The address ray.init connects to for ``address``, as it reads it: RAY_ADDRESS (not
    empty) where ``address`` is left out or ``"auto"``, else ``address``. (``--address
    auto`` with RAY_ADDRESS=host:port joins that cluster, whose port was not checked.)"""
    env = os.environ.get("RAY_ADDRESS")
    return env if env and address in (None, "auto") else address


def check_address(address: str | None, timeout: float = 5.0) -> None:
    """An EngineError, at once, for a Ray cluster's ``host:port`` (or ``ray://host:port``)
    that nothing answers on: ray.init retried it for minutes, with a log line each time.
    ``auto`` is the cluster Ray's own rule finds (:func:`auto_cluster`), checked so, and
    none found is refused; ``local`` is Ray's to start; any other form (a word, 'host:' or
    ':port') is refused here too. Each was refused by Ray only once the output folder was
    made. (``address`` as ray.init reads it: :func:`ray_address`.)"""
    given = address
    if address == "auto":
        address = auto_cluster()
    if not address or address == "local":
        return
    from urllib.parse import urlsplit

    from summarizer.runtime import http2_answer, reachable

    try:  # (an unclosed '[' of an IPv6 host: urlsplit's own ValueError, exit 70)
        url = urlsplit(address if "://" in address else f"ray://{address}")
        host, port = url.hostname, url.port
    except ValueError:  # a port that is no number, or over 65535
        host, port = None, None
    if host is None or port is None and "://" not in address:  # (ray://host: Ray's port)
        raise EngineError(f"Ray address {value_repr(address)} is not host:port (a port of "
                          "0-65535), ray://host:port, auto or local; fix "
                          f"{option_label('address')} or RAY_ADDRESS")
    if not host or port is None:
        return
    found = f", the cluster Ray finds for {value_repr(given)}" if given != address else ""
    # Ray's GCS and client server speak gRPC: HTTP/2, whose preface they answer (under
    # Ray's TLS the first words are TLS's, so only the connection is checked)
    answer = ("none" if not reachable(host, port, timeout) else "http2") if _ray_tls() \
        else http2_answer(host, port, timeout)
    if answer == "none":
        raise EngineError(f"no Ray cluster answers at {value_repr(address)}{found} (nothing "
                          f"accepted a connection to {host} port {port} in {timeout:g} s): start "
                          f"it (ray start --head) or fix {option_label('address')} or RAY_ADDRESS")
    if answer == "other":
        raise EngineError(f"{value_repr(address)}{found} is not a Ray cluster's address: "
                          f"{host} port {port} answers, but not in gRPC as Ray's does (Ray's "
                          "own port is 6379 unless set, ray:// its client's 10001; 8265 is "
                          "the dashboard's, for ray job submit): fix "
                          f"{option_label('address')} or RAY_ADDRESS")


def _ray_tls() -> bool:
    """Whether Ray talks TLS (RAY_USE_TLS, as Ray reads it: 1 or true)."""
    return os.environ.get("RAY_USE_TLS", "0").lower() in ("1", "true")


def auto_cluster() -> str | None:
    """The cluster ``ray.init(address="auto")`` joins, found by Ray's own rule without
    starting Ray (``ray._private.services.get_ray_address_from_environment``, Ray
    2.50-2.60): the cluster ``ray start`` last left on this machine (the address in
    ``ray_current_cluster`` under Ray's temporary folder: RAY_TMPDIR's, TMPDIR's, or
    /tmp's ``ray``), else one whose Ray processes run here. None found is an EngineError:
    Ray refused it ("Could not find any running Ray instance") once the output folder was
    made. None (left to ray.init) on a Ray without that function."""
    try:
        from ray._private import services

        find = services.get_ray_address_from_environment
    except (ImportError, AttributeError):
        return None
    try:
        return find("auto", None)
    except ConnectionError:
        pass
    except TypeError:  # another signature: not the rule this reads
        return None
    left = ""
    for home in ("ray._common.utils", "ray._private.utils"):  # Ray 2.60's, 2.50's
        try:
            left = f" ({importlib.import_module(home).get_ray_address_file(None)})"
            break
        except (ImportError, AttributeError, TypeError):
            continue
    raise EngineError(f"no Ray cluster runs on this machine for address 'auto': none that "
                      f"'ray start' left{left} and no Ray process here; start one (ray start "
                      f"--head) or give its address with {option_label('address')} or RAY_ADDRESS")


def init_ray(num_workers: int, address: str | None = None, num_gpus: float = 0) -> Any:
    """Connect to Ray with its defaults: the given/RAY_ADDRESS cluster, else the instance
    that ``ray start`` left running on this machine, else a new local one with the CPUs
    Ray detects. No resources are passed: Ray refuses them when it joins an instance.

    On an instance of this machine, more than its CPUs or GPUs for ``num_workers``
    actors (``num_gpus`` each) is refused: Ray would wait for them for ever. A named
    cluster is not checked, as it may grow (autoscaling)."""
    ray = require_ray()
    if not ray.is_initialized():
        import signal

        kept = signal.getsignal(signal.SIGTERM)
        try:
            ray.init(address=address)  # sets a SIGTERM handler of its own: sys.exit(15)
        except Exception as exc:  # a node that did not come up is a plain Exception
            raise EngineError(f"Ray did not start here: {first_line(exc)}") from exc
        # the command's (SIGTERM saves what is done and says so, as Ctrl-C does), or an
        # application's: kept; off the main thread no handler can be set (nor was Ray's)
        if callable(kept) and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, kept)
    if address or os.environ.get("RAY_ADDRESS"):
        return ray
    have = ray.cluster_resources()
    cpus, gpus = have.get("CPU", 0), have.get("GPU", 0)
    if num_workers > cpus:
        # Each actor holds a model (about 1 GB for the default): more actors than CPUs
        # would only wait, or exhaust memory.
        raise OptionError(f"{option_label('num_workers')} {num_workers} is more than the "
                          f"{cpus:g} CPUs of the local Ray instance; give at most that, or join "
                          f"a cluster with {option_label('address')}")
    if num_gpus and num_workers * num_gpus > gpus:
        raise OptionError(f"{num_workers} workers x {num_gpus:g} GPUs is more than the "
                          f"{gpus:g} GPUs of the local Ray instance; give fewer "
                          f"({option_label('gpus_per_worker')}, {option_label('num_workers')}) or join a "
                          f"cluster with {option_label('address')}")
    return ray


THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS")


def limit_threads(cpus: int = ACTOR_CPUS) -> None:
    """Size this process's thread pools to the ``cpus`` CPUs it holds: a Ray actor's.

    Ray itself only sets ``OMP_NUM_THREADS``; the tokenizers library (Rust, rayon) and
    OpenBLAS would each start a thread per core in every actor, so N actors on N cores
    would run N x N threads. Done inside the actor rather than through a runtime_env,
    so that the actor can start in one of Ray's idle (already started) worker
    processes: a runtime_env asks for a new process each time. The variables cover
    what loads later (rayon's pool is built at its first use; torch, onnxruntime via
    :func:`summarizer.summarizers.embed.omp_threads`); BLAS libraries already loaded
    (numpy's OpenBLAS, which Ray Data imports first) are limited by threadpoolctl.
    The local engine only holds BLAS to one thread while it works (:func:`run_local`);
    its other pools may use every core.
    """
    from threadpoolctl import threadpool_limits

    n = max(1, int(cpus))
    os.environ.update(dict.fromkeys(THREAD_VARS, str(n)))
    threadpool_limits(n)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(n)


# How to send a summariser that cannot be pickled (UnpicklableError's advice).
PICKLE_HINT = (
    "make it picklable (leave that out of its pickled state with __getstate__ or __reduce__, "
    "and make it again as it is unpickled or loaded on the worker), or use the local engine "
    "(engine='local', --engine local)")


def shipped(obj: Any, what: str) -> bytes:
    """``obj`` pickled as Ray sends it to its workers (cloudpickle: a class of the driver's
    script by value, one of a module by its name), or an :class:`UnpicklableError` saying
    that ``what`` (``"the summariser Mine"``) cannot be sent, which part of it (its
    attribute found first that cannot be pickled alone) and what to do. It was Ray's or
    pickle's TypeError ("cannot pickle '_thread.lock' object"), exit 70."""
    ray = require_ray()
    try:
        return ray.cloudpickle.dumps(obj)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 (any reason it cannot be pickled)
        part = _unpicklable_part(obj, ray.cloudpickle.dumps)
        where = f"its attribute {part!r}" if part else "it"
        raise UnpicklableError(
            f"{what} cannot be sent to the Ray workers (engine='ray', --engine ray): {where} "
            f"cannot be pickled ({first_line(exc, 200)}); {PICKLE_HINT}") from None


def refuse_unpicklable(system: Any) -> None:
    """:func:`shipped`'s :class:`UnpicklableError` for a job's summariser ``system`` that
    cannot be sent to the Ray workers, said by its class's name; nothing if it can."""
    shipped(system, f"the summariser {type(system).__qualname__}")


def _unpicklable_part(obj: Any, dumps: Callable[[Any], bytes], depth: int = 3) -> str:
    """The attribute of ``obj`` (``"lock"``, ``"store.file"``: up to ``depth`` deep) found
    first that cannot be pickled alone, or "" where none can be named."""
    try:
        attributes = list(vars(obj).items())
    except TypeError:  # no __dict__ (a list, a dict, slots): named no deeper
        return ""
    for name, value in attributes:
        try:
            dumps(value)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 (any reason it cannot be pickled)
            deeper = _unpicklable_part(value, dumps, depth - 1) if depth > 1 else ""
            return f"{name}.{deeper}" if deeper else str(name)
    return ""


def portable(exc: BaseException) -> bool:
    """Whether ``exc`` reaches the driver as it is (pickled with the pack's results): of its
    type and with its message (one that does not is raised in the actor: Ray's error)."""
    try:
        back = pickle.loads(pickle.dumps(exc))
        return type(back) is type(exc) and str(back) == str(exc)
    except Exception:  # noqa: BLE001 (any reason it cannot travel)
        return False


class SetupFailed:
    """What an actor returns for each pack when its set-up failed: the reason, in one line,
    and the error itself when the driver raises it as the local engine would (``error``)."""

    def __init__(self, reason: str, error: Exception | None = None):
        self.reason = reason
        self.error = error


def setup_error(exc: Exception) -> Exception:
    """The error a Ray worker met setting up the summariser, as the local engine raises it
    (its type: the CLI's line and exit status), saying where it happened: an OSError (a
    model file or word list gone or unreadable on that node) keeps its errno and file, any
    error its attributes, whatever its constructor takes (:func:`~summarizer.errors.with_message`)."""
    where = " (as a Ray worker set up the summariser)"
    if isinstance(exc, OSError):
        return os_error_saying(exc, where)
    return with_message(exc, f"{exc}{where}")


def _other_environment(driver: dict[str, str]) -> SetupFailed | None:
    """A :class:`WorkerEnvironmentError` for the driver when this worker's facts that decide
    the output differ from the driver's (``driver``); None when they are the same."""
    from summarizer.batch.environment import environment_difference, output_environment

    difference = environment_difference(driver, output_environment())
    if difference is None:
        return None
    try:
        import ray

        node = f" (node {ray.util.get_node_ip_address()})"
    except Exception:  # noqa: BLE001 (the node is only a help to the reader)
        node = ""
    error = WorkerEnvironmentError(
        f"a Ray worker{node} has other packages or code than the driver, so its results "
        f"could differ from the local engine's: {difference}; {SAME_ENVIRONMENT}")
    return SetupFailed(str(error), error)


class GaveUp:
    """What an actor returns for a pack already begun :data:`PACK_TRIES` times: the pack as
    the driver sent it (its items pickled), which the driver no longer holds."""

    def __init__(self, pack: bytes):
        self.pack = pack


class _Tries:
    """A Ray actor that counts the times each pack was begun on a restarted worker."""

    def __init__(self) -> None:
        self.begun: dict[int, int] = {}

    def begin(self, index: int) -> int:
        self.begun[index] = self.begun.get(index, 0) + 1
        return self.begun[index]


class _PackWorker:
    """The Ray actor: sets the task up once, then runs one pack per call.

    A set-up that raises (a model or package missing on a worker node) is not left to
    Ray: Ray would forward the actor's traceback, some 100 lines, to the driver's
    stderr, and fail the job anyway (Ray Data gives up at the first actor that dies
    while starting). The reason comes back with the first pack instead and the driver
    stops the job with one line (:func:`run_ray`).

    Ray restarts an actor that died and resubmits its pack as often as it takes; a pack
    begun ``tries`` times already is not run again but given back as :class:`GaveUp`.
    Counting where a pack begins, not in Ray's retries, charges the pack that killed its
    worker only, not the packs queued behind it on that actor. Only a restarted actor
    counts: Ray resubmits a dead actor's packs to that actor, restarted, so a pack begun
    by an actor in its first life is at its first try (Ray Data 2.60 sends a pack as an
    actor task with ``max_task_retries=-1``, which Ray Core retries on the same actor only;
    the operator never hands it to another actor). The count is kept by the
    :class:`_Tries` actor named ``counter``, made by the first restarted actor that needs
    it and detached, so that it outlives the actors that die; the driver ends it
    (:func:`_end_counter`). A job whose actors all live starts no counter and makes no
    call to it per pack: that actor was a process of its own, 0.5-0.8 CPU s of a job on
    a fresh instance, and one round trip to it for every pack. A pack that first begins
    on a restarted actor gets ``tries - 1`` tries (its first is counted too)."""

    def __init__(self, task: bytes, counter: str | None = None, tries: int = 0,
                 environment: dict[str, str] | None = None):
        limit_threads(ACTOR_CPUS)
        # No stage bars ('tokenizing: 59%|...'): Ray forwards an actor's stderr to the
        # driver one line per refresh, and the driver's job bar is the progress shown
        # (its own environment, --no-progress's included, reaches only the actors of an
        # instance it started itself).
        os.environ["SUMMARIZER_PROGRESS"] = "0"
        self.tries = tries
        self.counter: Any = None  # the _Tries actor, once this actor has been restarted
        self.failed: SetupFailed | None = None
        if environment is not None:  # before the task is loaded: other code may not load it
            self.failed = _other_environment(environment)
            if self.failed is not None:
                return
        if counter is not None:
            import ray

            with warnings.catch_warnings():  # the property reads Ray's deprecated actor_id
                warnings.simplefilter("ignore")
                restarted = ray.get_runtime_context().was_current_actor_reconstructed
            if restarted:
                self.counter = ray.remote(_Tries).options(
                    name=counter, get_if_exists=True, lifetime="detached", num_cpus=0,
                    max_restarts=-1).remote()
        try:
            # loaded here, not by Ray: a summariser's class that cannot be imported on this
            # node failed the actor in Ray's hands, some 200 lines of tracebacks on the
            # driver's stderr before "the Ray job failed"; now it is the driver's one line
            self.task: Task = pickle.loads(task)  # written by the driver (run_ray)
        except Exception as exc:  # noqa: BLE001 (any reason it cannot be loaded here)
            self.failed = SetupFailed(f"{shortened(' '.join(describe(exc).split()))} "
                                      f"({UNLOADABLE})")
            return
        try:
            self.task.setup()
        except Exception as exc:  # noqa: BLE001 (any failure: reported by the driver)
            # an OSError or one of this package's errors is raised by the driver as the
            # local engine raises it (exit 1, or its own status); it was an EngineError
            # (exit 2) whatever it was. Any other (a bug's kind) stays one line.
            kept = exc if isinstance(exc, OSError | SummarizerError) and portable(exc) else None
            self.failed = SetupFailed(shortened(" ".join(describe(exc).split())), kept)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = []
        for index, blob in zip(batch["index"], batch["pack"], strict=True):
            if self.failed is not None:
                out.append(pickle.dumps(self.failed))
                continue
            if self.counter is not None:
                import ray

                # begun in this restarted life: its try after the uncounted first
                if ray.get(self.counter.begin.remote(int(index))) >= self.tries:
                    out.append(pickle.dumps(GaveUp(bytes(blob))))
                    continue
            items = pickle.loads(blob)  # written by the driver (run_ray), never user bytes
            out.append(pickle.dumps([self.task(item) for item in items]))
        return {"index": batch["index"], "results": out}


def run_ray(task: Task, packs: Iterable[list[Any]], *, num_workers: int,
            num_gpus: float = 0, address: str | None = None) -> Generator[list[Any], None, None]:
    """Every pack on a Ray Data actor pool of ``num_workers`` actors, in completion order;
    closing the generator ends the job (the packs in flight are not waited for)."""
    engine_workers("ray", num_workers)  # the range every entry point checks
    ray = init_ray(num_workers, address, num_gpus)  # require_ray imported ray.data
    ctx = _bars_off(ray)
    try:
        segment: list[list[Any]] = []
        for pack in packs:
            segment.append(pack)
            del pack  # (the last pack's items are let go of with the segment's)
            if len(segment) >= SEGMENT_PACKS:
                yield from _run_segment(ray, task, segment, num_workers, num_gpus)
        if segment:
            yield from _run_segment(ray, task, segment, num_workers, num_gpus)
    finally:
        _bars_back(ctx)


# Ray Data's progress bars, off while any job of this process runs (the caller shows one
# bar for both engines; the actors draw none either: _PackWorker), then as the host had
# them: the context is the process's, so jobs that overlap share one count
_BARS = threading.Lock()
_bars_jobs = 0
_bars_found = True


def _bars_off(ray: Any) -> Any:
    """Ray Data's context, its bars turned off for one more job."""
    global _bars_jobs, _bars_found
    with _BARS:
        with warnings.catch_warnings():  # its first making warns of Ray Data's own
            warnings.simplefilter("ignore", DeprecationWarning)  # deprecated fields (-W error: 70)
            ctx = ray.data.DataContext.get_current()
        if _bars_jobs == 0:
            _bars_found = ctx.enable_progress_bars
        _bars_jobs += 1
        ctx.enable_progress_bars = False
    return ctx


def _bars_back(ctx: Any) -> None:
    """One job fewer: the last one gives the host's setting back."""
    global _bars_jobs
    with _BARS:
        _bars_jobs -= 1
        if _bars_jobs == 0:
            ctx.enable_progress_bars = _bars_found


def _run_segment(ray: Any, task: Task, segment: list[list[Any]], num_workers: int,
                 num_gpus: float) -> Iterator[list[Any]]:
    """A segment's packs, then the items of packs given up (:data:`PACK_TRIES` workers
    died on them) one by one; an item given up alone goes to the task's ``lost()``.

    ``segment`` is emptied: the driver keeps no copy of the packs it hands to Ray Data
    (:func:`_pickled`, :func:`_run_packs`); a pack given up comes back from its actor."""
    packs = split_tail(segment, num_workers)
    segment.clear()
    failed = yield from _run_packs(ray, task, _pickled(packs), num_workers, num_gpus)
    alone = _pickled([[item] for pack in failed for item in pickle.loads(pack)])
    again = (yield from _run_packs(ray, task, alone, num_workers, num_gpus)) if alone else []
    for pack in again:
        lost = getattr(task, "lost", None)
        if lost is None:
            raise EngineError(f"the Ray job failed: an item's Ray worker died at each of its "
                              f"{PACK_TRIES} tries")
        yield [lost(pickle.loads(pack)[0], f"its Ray worker died at each of {PACK_TRIES} "
                    "tries (it crashes the summariser or exhausts the worker's memory)")]


def _pickled(packs: list[list[Any]]) -> list[bytes]:
    """Each pack pickled, as the actors get it; ``packs`` is emptied as they are, so that
    each pack's items are let go of once pickled (the driver held the items and their
    pickles of a whole segment at once: eval/results/bench_batch_driver_copies.md)."""
    packs.reverse()
    out = []
    while packs:
        out.append(pickle.dumps(packs.pop()))
    return out


def _run_packs(ray: Any, task: Task, packs: list[bytes], num_workers: int,
               num_gpus: float) -> Generator[list[Any], None, list[bytes]]:
    """Results of ``packs`` (pickled: :func:`_pickled`) as they come; returns the packs
    given up. ``packs`` is emptied once Ray Data holds them (in its object store)."""
    rows = [{"index": i, "pack": pack} for i, pack in enumerate(packs)]
    packs.clear()
    # the task (the summariser made in this process) as Ray would send it (summarize_dataset
    # and evaluate refuse one that cannot be before anything is done: shipped)
    task_bytes = shipped(task, "the job's summariser")
    from summarizer.batch.environment import output_environment

    environment = output_environment()  # each actor checks that its own is the same
    counter = f"summarizer-pack-tries-{uuid.uuid4().hex}"  # made by a restarted actor
    ds = ray.data.from_items(rows, override_num_blocks=len(rows))
    size = len(rows)
    del rows  # in the object store now: a pack given up comes back with its GaveUp
    # Ray Data restarts a dead actor and resubmits its pack (max_restarts and
    # max_task_retries default to -1 for actor pools); the worker gives up a pack begun
    # PACK_TRIES times. Ray logs "constructor arguments in the object store and max_restarts
    # > 0" for every actor pool, whatever is passed here: Ray Data puts the actors' own
    # arguments there (README, Ray engine).
    ds = ds.map_batches(
        _PackWorker, fn_constructor_args=(task_bytes, counter, PACK_TRIES, environment),
        batch_size=1,
        # no more actors than packs: Ray warns of each it cannot use, and each loads a model
        compute=ray.data.ActorPoolStrategy(size=min(num_workers, size)),
        num_cpus=ACTOR_CPUS, num_gpus=num_gpus or None,
    )
    given_up: list[bytes] = []
    no_setup: SetupFailed | None = None
    try:
        with _rows(ds) as answers:
            for row in answers:
                results = pickle.loads(row["results"])
                if isinstance(results, SetupFailed):
                    no_setup = results  # raised once the rows are closed: not in flight
                    # while Ray logs its shut-down (a failed log line would print it)
                    break
                if isinstance(results, GaveUp):
                    given_up.append(results.pack)
                    continue
                yield results
        if no_setup is not None and isinstance(no_setup.error, WorkerEnvironmentError):
            raise no_setup.error from None  # no summariser was set up: said as it is
        if no_setup is not None and no_setup.error is not None:
            raise setup_error(no_setup.error) from None
        if no_setup is not None:
            raise EngineError(f"a Ray worker could not set up the summariser: {no_setup.reason}")
    except ray.exceptions.RayError as exc:
        lines = [ln for ln in str(exc).splitlines() if ln.strip()]
        cause = next((ln for ln in reversed(lines) if "Error" in ln), lines[-1] if lines else "")
        raise EngineError(f"the Ray job failed: {shortened(cause.strip())}") from None
    finally:
        _end_counter(ray, counter)
    return given_up


@contextmanager
def _rows(ds: Any) -> Iterator[Iterator[dict[str, Any]]]:
    """``ds.iter_rows()``, closed however the job ends: Ray Data shuts the job's streaming
    executor down at once (not when the garbage collector gets to it), and its prefetch
    thread ('Prefetcher') is stopped.

    Ray Data stops that thread only when the rows run out: a job that failed (a worker
    that could not set up, a RayError) or whose caller stopped early left one parked for
    the life of the process, even past ray.shutdown(), holding its last blocks'
    references. No public call stops it: ``iter_batches(prefetch_batches=0)`` starts it
    too and then never stops it, even when the rows run out. So two private names of Ray
    Data 2.50-2.60 are used: the data iterator's ``_create_batch_iterator`` (wrapped, on
    this iterator only, to keep the batch iterator it makes) and that batch iterator's
    ``_prefetcher``. On a Ray without them, a job that ends part-way warns that the thread
    may be left (:data:`PREFETCH_UNKNOWN`), not silently; tests/batch/test_batch_ray.py
    checks that the installed Ray has them and that the thread is gone."""
    source = ds.iterator()
    made: list[Any] = []
    make: Any = getattr(source, "_create_batch_iterator", None)

    def keep(*args: Any, **kwargs: Any) -> Any:
        made.append(make(*args, **kwargs))
        return made[-1]

    if make is not None:
        source._create_batch_iterator = keep  # this iterator only, not Ray's class
    ran_out = False

    def rows_until_out() -> Generator[dict[str, Any], None, None]:
        nonlocal ran_out
        yield from source.iter_rows()
        ran_out = True  # Ray stopped its thread itself

    rows = rows_until_out()
    try:
        yield rows
    finally:
        rows.close()
        stops = [getattr(getattr(b, "_prefetcher", None), "stop", None) for b in made]
        for stop in stops:
            if stop is not None:
                stop()  # returns at once if the rows ran out (stopped)
        if not ran_out and (make is None or None in stops):
            import ray

            warn(PREFETCH_UNKNOWN.format(version=ray.__version__))


def _end_counter(ray: Any, name: str) -> None:
    """End the detached :class:`_Tries` actor ``name``, if a restarted actor made it."""
    try:
        ray.kill(ray.get_actor(name))
    except ValueError:  # none was made: no actor died
        pass
