"""Tiny deterministic summarisers for the evaluation tests (no models, no Punkt).

``INTERRUPT_AT`` (a cluster id) makes the summariser raise KeyboardInterrupt
there, like a user pressing Ctrl-C; ``REFUSE_AT`` (a cluster id) an OptionError, a
setting that cluster alone cannot take (as num_beams on a longer input); the ``TINY_SLEEP`` environment variable
slows it down so a test can kill the process mid-run, and ``TINY_HOLD`` (a count)
holds every cluster after that many for a minute, so that a signal sent once the
count is in the results lands mid-run however slow the machine is. Neither changes the
summariser's settings, so an interrupted run and its resumption match.
``start_cli`` runs the command line in a child process that knows these methods.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from summarizer.errors import OptionError
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence

INTERRUPT_AT: str | None = None
REFUSE_AT: str | None = None
CALLS: list[str] = []


class RoundRobin(Summarizer):
    """First sentences of each document in turn, while they fit the budget."""

    name = "test-roundrobin"

    def __init__(self, per_doc: int = 3):
        self.per_doc = per_doc

    def summarize(self, cluster, budget):
        if INTERRUPT_AT is not None and cluster.id == INTERRUPT_AT:
            raise KeyboardInterrupt
        if REFUSE_AT is not None and cluster.id == REFUSE_AT:
            raise OptionError(f"per_doc={self.per_doc} is too many for this cluster")
        delay = float(os.environ.get("TINY_SLEEP", "0") or 0)
        hold = os.environ.get("TINY_HOLD")
        if hold and len(CALLS) >= int(hold):
            delay = 60.0
        if delay:
            time.sleep(delay)
        CALLS.append(cluster.id)
        per_doc = [re.split(r"(?<=[.!?])\s+", d.text.strip())[: self.per_doc] for d in cluster.documents]
        chosen: list[SummarySentence] = []
        for rank in range(self.per_doc):
            for d, sents in zip(cluster.documents, per_doc, strict=True):
                if rank < len(sents):
                    texts = [s.text for s in chosen] + [sents[rank]]
                    if budget.fits(texts):
                        chosen.append(SummarySentence(sents[rank], d.id, rank))
        return Summary(chosen, self.name, budget, settings=self.settings())

    def settings(self):
        return {"per_doc": self.per_doc}


class Empty(Summarizer):
    """Always the empty summary (ROUGE must score it, not crash)."""

    name = "test-empty"

    def summarize(self, cluster, budget):
        return Summary([], self.name, budget)


def start_cli(args: list[str], sleep: str, hold: int | None = None) -> subprocess.Popen:
    """``summarizer <args>`` in a child process where ``test-roundrobin`` is RoundRobin,
    each cluster slowed by ``sleep`` seconds (TINY_SLEEP), those after the first ``hold``
    by a minute (TINY_HOLD); stderr is piped as text."""
    here = str(Path(__file__).resolve().parent)
    script = (
        f"import sys; sys.path.insert(0, {here!r})\n"
        # Ctrl-C raises KeyboardInterrupt, as in a terminal, even where the test runner was
        # started with SIGINT ignored (a background job of a script), which children inherit
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from summarizer import summarizers\n"
        "summarizers.METHODS['test-roundrobin'] = 'tiny_systems:RoundRobin'\n"
        "from summarizer.cli import main\n"
        f"sys.exit(main({args!r}))\n"
    )
    env = dict(os.environ, TINY_SLEEP=sleep, **({"TINY_HOLD": str(hold)} if hold else {}))
    return subprocess.Popen([sys.executable, "-c", script], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


class SomeEmpty(RoundRobin):
    """RoundRobin, but every third cluster's summary is empty, with a note on all but the
    first of them (as a summariser says why nothing fit)."""

    name = "test-some-empty"

    def summarize(self, cluster, budget):
        number = int(re.sub(r"\D", "", cluster.id) or 0)
        if number % 3 == 0:
            CALLS.append(cluster.id)
            note = {} if number == 0 else {"note": f"nothing fit ({number})"}
            return Summary([], self.name, budget, settings={**self.settings(), **note})
        return super().summarize(cluster, budget)
