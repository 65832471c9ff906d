"""Batch test helpers: synthetic news-like clusters, and a summariser that logs where it
ran and can crash its worker. (Not in conftest.py: tests import these by module name, and
several conftest modules exist.)"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path

from summarizer.batch.engine import THREAD_VARS
from summarizer.summarizers.lead import LeadSummarizer

PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Leeds", "Gdansk", "Perth", "Tunis"]
EVENTS = ["flood", "strike", "election", "fire", "bridge collapse", "drought", "storm"]
VERBS = ["said", "reported", "confirmed", "warned", "announced", "added"]
WHO = ["officials", "the mayor", "police", "residents", "the minister", "rescue teams"]


def _sentence(rng: random.Random, place: str, event: str) -> str:
    n = rng.randint(2, 900)
    return rng.choice([
        f"The {event} in {place} affected {n} people, {rng.choice(WHO)} {rng.choice(VERBS)}.",
        f"{rng.choice(WHO).capitalize()} in {place} {rng.choice(VERBS)} that {n} homes were hit "
        f"by the {event} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}.",
        f"Aid for the {event} reached {place} after {n} hours, according to {rng.choice(WHO)}.",
        f"The {event} is the worst in {place} since {1900 + n % 120}, {rng.choice(WHO)} "
        f"{rng.choice(VERBS)}.",
    ])


def make_records(n: int, seed: int = 0, docs: tuple[int, int] = (2, 4)) -> list[dict]:
    """``n`` clusters of 2-4 short news articles about one event each, with two references."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, event = rng.choice(PLACES), rng.choice(EVENTS)
        articles = [" ".join(_sentence(rng, place, event) for _ in range(rng.randint(3, 7)))
                    for _ in range(rng.randint(*docs))]
        first = [a.split(". ")[0].rstrip(".") + "." for a in articles]
        out.append({"id": f"c{i:03d}", "documents": articles,
                    "references": [" ".join(first), _sentence(rng, place, event)]})
    return out


class Logged(LeadSummarizer):
    """The lead baseline that appends ``pid cluster-id`` to ``log`` for every cluster.

    The warm-up cluster (id ``warmup``) marks where a worker loaded its
    summariser; there it also writes its thread settings (environment and the loaded BLAS
    pools' sizes) to ``log``.env.PID. With ``crash_on``, the first time that cluster is met (no
    ``log``.crashed file yet) the process dies at once, like a killed worker; with ``die_on``,
    every time (a row that crashes the worker). With ``where``, each cluster begun on a Ray
    actor also appends ``actor-id life cluster-id`` to ``log``.where (life: ``first``, or
    ``restarted`` once Ray has restarted the actor; its id stays the same).
    """

    def __init__(self, log: str, crash_on: str | None = None, stop_on: str | None = None,
                 die_on: str | None = None, where: bool = False):
        super().__init__()
        self.log = log
        self.crash_on = crash_on
        self.stop_on = stop_on
        self.die_on = die_on  # dies at every try of this cluster (a row that crashes the worker)
        self.where = where

    def summarize(self, cluster, budget):
        with open(self.log, "a") as fh:
            fh.write(f"{os.getpid()} {cluster.id}\n")
        if self.where:
            import warnings

            import ray

            context = ray.get_runtime_context()
            with warnings.catch_warnings():  # the property reads Ray's deprecated actor_id
                warnings.simplefilter("ignore")
                life = "restarted" if context.was_current_actor_reconstructed else "first"
            with open(self.log + ".where", "a") as fh:
                fh.write(f"{context.get_actor_id()} {life} {cluster.id}\n")
        if cluster.id == "warmup":  # where the summariser is set up: its thread settings
            from threadpoolctl import threadpool_info

            env = {k: os.environ.get(k) for k in THREAD_VARS}
            env["blas"] = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
            Path(f"{self.log}.env.{os.getpid()}").write_text(json.dumps(env))
        marker = Path(self.log + ".crashed")
        if cluster.id == self.crash_on and not marker.exists():
            marker.touch()
            os._exit(1)
        if cluster.id == self.die_on:
            os._exit(1)
        if cluster.id == self.stop_on:
            raise KeyboardInterrupt
        return super().summarize(cluster, budget)

    def settings(self):
        return super().settings()  # the log path and fault switches do not change summaries


class RefusedWhile(LeadSummarizer):
    """The lead baseline that refuses the cluster ``refuse`` with an OptionError while the
    file ``flag`` exists, as a setting that cluster alone cannot take is refused (num_beams
    on a longer input); with the file gone the same settings summarise it. On a Ray actor
    too, where a patch of the test's process does not reach."""

    def __init__(self, flag: str, refuse: str):
        super().__init__()
        self.flag = flag
        self.refuse = refuse

    def summarize(self, cluster, budget):
        from summarizer.errors import OptionError

        if cluster.id == self.refuse and Path(self.flag).exists():
            raise OptionError(f"cluster {cluster.id} refused while {self.flag} exists")
        return super().summarize(cluster, budget)


class NeedsFile(LeadSummarizer):
    """The lead baseline that reads the JSON file ``needed`` for the cluster ``at``, as a
    summariser reads a file of its model: a FileNotFoundError (an OSError) while it is
    missing, a JSONDecodeError (no error of this package: a bug's kind) while it is not
    JSON; with it whole the cluster is summarised. On a Ray actor too."""

    def __init__(self, needed: str, at: str):
        super().__init__()
        self.needed = needed
        self.at = at

    def summarize(self, cluster, budget):
        if cluster.id == self.at:
            json.loads(Path(self.needed).read_text(encoding="utf-8"))
        return super().summarize(cluster, budget)


class LoadsFile(LeadSummarizer):
    """The lead baseline with a "model" to load, the JSON file ``needed``, read by ``load()``
    (on a Ray actor at its set-up; in this process at the first summary, as a generation
    model is): a FileNotFoundError (an OSError) while it is missing, a ModelNotFoundError
    (this package's) while it is not JSON."""

    def __init__(self, needed: str):
        super().__init__()
        self.needed = needed
        self.loaded = False

    def load(self):
        from summarizer.errors import ModelNotFoundError

        try:
            json.loads(Path(self.needed).read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            raise ModelNotFoundError(f"{self.needed} is no model file") from None
        self.loaded = True

    def summarize(self, cluster, budget):
        if not self.loaded:
            self.load()
        return super().summarize(cluster, budget)


class BrokenSetup(LeadSummarizer):
    """The lead baseline whose set-up fails, as a model missing on a worker node would."""

    def summarize(self, cluster, budget):
        if cluster.id == "warmup":
            raise RuntimeError("model weights missing on this node")
        return super().summarize(cluster, budget)


class StageProbe(LeadSummarizer):
    """The lead baseline that appends to ``log``, for every cluster, whether a large stage
    would draw a progress bar where it runs (``progress.stage`` wraps its items in a bar)."""

    def __init__(self, log: str):
        super().__init__()
        self.log = log

    def summarize(self, cluster, budget):
        from summarizer import progress

        items = range(progress.MIN_ITEMS)
        bar = progress.stage(items, "probe")
        with open(self.log, "a") as fh:
            fh.write(f"{cluster.id} {'bar' if bar is not items else 'none'}\n")
        if bar is not items:
            bar.close()
        return super().summarize(cluster, budget)


class ReadsEachRow(LeadSummarizer):
    """The lead baseline that reads the JSON file ``needed`` for every cluster (not the
    set-up's warm-up: the set-up succeeds) whose id ``cNNN`` is after ``after`` and whose
    number is a multiple of ``every``, as a summariser reads a word list or a model file
    for each row (or for the long ones alone): a FileNotFoundError at each while it is
    missing, the file named by no row. On a Ray actor too."""

    def __init__(self, needed: str, after: str = "", every: int = 1):
        super().__init__()
        self.needed = needed
        self.after = after
        self.every = every

    def summarize(self, cluster, budget):
        if cluster.id != "warmup" and cluster.id > self.after and (
                int(cluster.id[1:]) % self.every == 0):
            json.loads(Path(self.needed).read_text(encoding="utf-8"))
        return super().summarize(cluster, budget)


class ReadsNamedFile(LeadSummarizer):
    """The lead baseline that reads the JSON file its cluster's first document names by its
    title, where it has one (a row that names a file of its own, as an attachment): a
    FileNotFoundError while that file is missing, the rows' own. With ``base``, the title
    is a name in that folder (the error names the file by its whole path). Appends the id
    of every cluster it is given (the warm-up's too) to ``log``."""

    def __init__(self, log: str, base: str = ""):
        super().__init__()
        self.log = log
        self.base = base

    def summarize(self, cluster, budget):
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(f"{cluster.id}\n")
        if cluster.documents[0].title:
            named = Path(self.base) / cluster.documents[0].title
            json.loads(named.read_text(encoding="utf-8"))
        return super().summarize(cluster, budget)


class ReadsLanguageFile(LeadSummarizer):
    """The lead baseline that reads the JSON file ``folder``/LANGUAGE.json of every
    cluster's language (the warm-up's, English, too), as a summariser reads a language's
    word list: a FileNotFoundError for each cluster of a language whose file is missing."""

    def __init__(self, folder: str):
        super().__init__()
        self.folder = folder

    def summarize(self, cluster, budget):
        json.loads((Path(self.folder) / f"{cluster.language}.json").read_text(encoding="utf-8"))
        return super().summarize(cluster, budget)


class WritesEachRow(LeadSummarizer):
    """The lead baseline that appends every cluster's id (the warm-up's too) to ``log``, and
    from the cluster ``fills_at`` on (met first: ``log``.filled is then made) cannot while
    the file ``log``.full exists: a full disk (``error="full"``: ENOSPC, no file, as a write
    to an open file) or the log made unwritable (``"unwritable"``: EACCES on ``log``)."""

    def __init__(self, log: str, fills_at: str, error: str = "full"):
        super().__init__()
        self.log = log
        self.fills_at = fills_at
        self.error = error

    def summarize(self, cluster, budget):
        import errno

        full, filled = Path(self.log + ".full"), Path(self.log + ".filled")
        if cluster.id == self.fills_at and not filled.exists():
            filled.touch()
            full.touch()
        if full.exists():
            if self.error == "full":
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), self.log)
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(f"{cluster.id}\n")
        return super().summarize(cluster, budget)


class HoldsLock(LeadSummarizer):
    """The lead baseline holding a lock (as a user's summariser guarding a cache of its own
    does): it cannot be pickled, so it cannot be sent to a Ray worker."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()


class HoldsLockPickled(HoldsLock):
    """:class:`HoldsLock` made picklable as the error says: its lock left out of its pickled
    state and made again as it is unpickled."""

    def __getstate__(self):
        return {k: v for k, v in vars(self).items() if k != "lock"}

    def __setstate__(self, state):
        vars(self).update(state)
        self.lock = threading.Lock()


class SlowLead(LeadSummarizer):
    """The lead baseline taking ``SLOW_LEAD_SECONDS`` (environment) more per cluster, so that
    a job in another process is still running when a test looks (its settings are lead's)."""

    def summarize(self, cluster, budget):
        time.sleep(float(os.environ.get("SLOW_LEAD_SECONDS", "0") or 0))
        return super().summarize(cluster, budget)
