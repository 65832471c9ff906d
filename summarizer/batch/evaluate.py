"""``evaluate(..., engine="ray")``: the clusters of an evaluation run scored on Ray Data.

Each actor gets the run's summariser and ROUGE settings once, and computes
every cluster with :func:`summarizer.evaluation.run.compute_cluster`, the
function the local run uses (fresh state, summarise, score), so every
cluster's summary and scores are the ones one process would give. A data set
read in passes (a JSONL file, an ``hf:`` data set) is sent as its lines or rows,
which the actors build (clean) with the local run's code
(:func:`summarizer.evaluation.stream.build`): the driver cleaned each cluster
once already, to check the data set and hash its fingerprint. The driver
appends each result to ``results.jsonl`` as it arrives (resumable as before)
and the report is built from all stored results, in data set order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.atomic import uninterrupted
from summarizer.batch.engine import pack_items, portable, run_ray
from summarizer.documents.model import Cluster
from summarizer.errors import one_line
from summarizer.evaluation.stream import Unbuilt, build
from summarizer.languages import whitespace_tokens
from summarizer.summarizers.base import Summarizer
from summarizer.summarizers.budget import Budget

# Packs of clusters: small, so that work spreads evenly over the actors.
PACK_CLUSTERS = 8
PACK_TOKENS = 50_000
# The same bound for clusters sent as lines or rows, in their characters (counting their
# words would cost the driver a tenth of what building them did): English text runs about
# 6 characters a word, so this is PACK_TOKENS' words in a line of JSON.
PACK_CHARS = 6 * PACK_TOKENS


@dataclass
class ScoreTask:
    """One (index, cluster) in, its ClusterResult out; set up once per actor. A cluster
    sent unbuilt (its line or row) is built here by ``builder``."""

    system: Summarizer
    budget: Budget
    rouge: Any  # RougeSettings
    seed: int
    scorer: Any = None
    builder: Any = None  # evaluation.stream.Builder, for Unbuilt clusters

    def setup(self) -> None:
        from summarizer.metrics import RougeScorer

        self.scorer = RougeScorer(self.rouge)
        load = getattr(self.system, "load", None)
        if callable(load):  # a generation model: load it now, once per actor
            load()

    def lost(self, item: tuple[int, Cluster | Unbuilt], reason: str) -> Any:
        """A cluster whose worker died on it at every try stops the run, as a cluster that
        fails stops the local engine's (the clusters finished are saved)."""
        from summarizer.batch.engine import EngineError
        from summarizer.errors import value_repr

        raise EngineError(f"the Ray job failed on cluster {value_repr(item[1].id)}: {reason}")

    def __call__(self, item: tuple[int, Cluster | Unbuilt]) -> Any:
        from summarizer.evaluation.run import compute_cluster

        index, cluster = item
        try:
            if isinstance(cluster, Unbuilt):  # the data changed since: an InputError
                cluster = build(self.builder, cluster)
            return compute_cluster(self.system, index, cluster, self.budget, self.scorer,
                                   self.seed)
        except Exception as exc:  # noqa: BLE001 (the driver raises it: run_on_ray)
            # returned, not raised (a task never raises for an item: engine.Task): raised
            # in the actor, it reached the driver inside Ray's errors, the cluster unnamed,
            # the rest of its pack lost and the exit status 2 whatever the error, as "the
            # Ray job failed: ...OptionError: ..." (an OSError, exit 1 on the local engine,
            # or a bug, its 70, too)
            if portable(exc):
                return Refused(cluster.id, exc)
            raise


@dataclass
class Refused:
    """What :class:`ScoreTask` gives for a cluster it could not summarise or score: the
    error, which stops the run once the packs finished so far are saved
    (:func:`run_on_ray`) as it stops a run on the local engine, raised as that engine raises
    it (:func:`~summarizer.evaluation.run.refused`)."""

    cluster_id: str
    error: Exception


class _Todo(Protocol):
    """The clusters to do: counted at once, read as iterated (evaluation.run.Pending)."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[tuple[int, Cluster]]: ...


class _Done(Protocol):
    """Where each result's figures go, by cluster id (evaluation.records.ResultTable)."""

    def __setitem__(self, cluster_id: str, figures: Any, /) -> None: ...


def run_on_ray(plan: Any, todo: _Todo, done: _Done,
               progress: bool = True, num_workers: int = 2, address: str | None = None,
               gpus_per_worker: float | None = None) -> int:
    """Compute ``todo`` of an evaluation plan on a Ray actor pool; returns clusters computed.
    ``todo`` is read as packs are made (:func:`~summarizer.batch.engine.run_ray` holds a
    segment of packs at a time), not all at once."""
    if not todo:
        return 0
    from summarizer.batch.job import actor_gpus
    from summarizer.evaluation.run import clusters_bar, refused

    # a missing generation model failed in plan_run already, not in every actor
    task = ScoreTask(plan.system, plan.budget, plan.rouge, plan.seed)
    unbuilt = getattr(todo, "unbuilt", lambda: None)()
    packs: Iterator[list[Any]]
    if unbuilt is not None:  # the actors build them
        items, task.builder = unbuilt
        packs = pack_items(items, lambda item: item[1].chars, PACK_CLUSTERS, PACK_CHARS)
    else:
        packs = pack_items(todo, lambda item: sum(whitespace_tokens(d.text)
                                                  for d in item[1].documents),
                           PACK_CLUSTERS, PACK_TOKENS)
    gpus = actor_gpus(plan.settings.method, gpus_per_worker, address)
    computed = 0
    with clusters_bar(plan, len(todo), progress, one_line(f"{plan.label} (ray)")) as bar, \
            closing(run_ray(task, packs, num_workers=num_workers, num_gpus=gpus,
                            address=address)) as job:
        for results in job:
            # a finished pack is saved whole: a Ctrl-C as it is appended waits for its last
            # result (as batch's save does), not lost to be computed again on resume
            stop = None
            with uninterrupted():
                for result in results:
                    if isinstance(result, Refused):
                        stop = stop or result
                        continue
                    plan.store.append(result)
                    done[result.id] = result.figures()
                    computed += 1
                    bar.update(1)
            if stop is not None:  # the packs still running are ended (closing)
                raise refused(plan, stop.cluster_id, stop.error)
    return computed
