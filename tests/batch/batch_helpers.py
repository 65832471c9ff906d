"""Test summarisers for the batch engine: they log where they ran, and can crash a worker."""

from __future__ import annotations

import os
from pathlib import Path

from summarizer.summarizers.lead import LeadSummarizer


class Logged(LeadSummarizer):
    """The lead baseline that appends ``pid cluster-id`` to ``log`` for every cluster.

    The warm-up cluster (id ``warmup``) marks where a worker loaded its
    summariser. With ``crash_on``, the first time that cluster is met (no
    ``log``.crashed file yet) the process dies at once, like a killed worker.
    """

    def __init__(self, log: str, crash_on: str | None = None, stop_on: str | None = None):
        super().__init__()
        self.log = log
        self.crash_on = crash_on
        self.stop_on = stop_on

    def summarize(self, cluster, budget):
        with open(self.log, "a") as fh:
            fh.write(f"{os.getpid()} {cluster.id}\n")
        marker = Path(self.log + ".crashed")
        if cluster.id == self.crash_on and not marker.exists():
            marker.touch()
            os._exit(1)
        if cluster.id == self.stop_on:
            raise KeyboardInterrupt
        return super().summarize(cluster, budget)

    def settings(self):
        return super().settings()  # the log path and fault switches do not change summaries
