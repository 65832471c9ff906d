"""What a run is: its settings (compared on resume) and the defaults each data set implies.

The data-set defaults live here and nowhere else: the budget of the data set's official task
and the ROUGE options it is conventionally scored with. The command line and the library both
call :func:`default_budget` and :func:`default_rouge`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.metrics import RougeSettings, make_settings
from summarizer.metrics.settings import upgrade_dict
from summarizer.summarizers.budget import Budget, make_budget

# Budgets that match each data set's official task when the user gives none.
DEFAULT_WORDS = {"tac2011": 250, "duc": 100}
OTHER_WORDS = 100


def default_budget(
    kind: str,
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    chars: int | None = None,
) -> Budget:
    """The budget asked for, or the data set's conventional one (250 words for TAC 2011,
    100 for DUC and anything else)."""
    return make_budget(words=words, bytes=bytes, sentences=sentences, truncate=truncate, chars=chars,
                       default_words=DEFAULT_WORDS.get(kind, OTHER_WORDS))


def default_rouge(kind: str, budget: Budget, mode: str = "rouge155", **changes: Any) -> RougeSettings:
    """ROUGE options a data set is conventionally scored with.

    TAC 2011 MultiLing: the official options (no stemming, no truncation:
    ``-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0``), with ROUGE-L
    reported too (the mode's four metrics; it changes no other score). DUC: stemming
    (``-m``) and truncation to the task's length (``-l``/``-b``), as in the
    DUC 2003/2004 evaluations. Other data: stemming, no truncation. The
    bootstrap uses ROUGE-1.5.5's own draws (seed 0). ``changes`` override any
    of these (keywords of :func:`summarizer.metrics.make_settings`, including
    ``options``, a ROUGE-1.5.5 flag string that replaces the defaults).
    """
    if "options" in changes:  # a ROUGE-1.5.5 flag string: the user's own options
        return make_settings(mode, **changes)
    options: dict[str, Any] = {"stem": kind != "tac2011", "confidence": 95, "resamples": 1000}
    if kind == "duc":
        options["length_words"] = budget.limit if budget.unit == "words" else None
        options["length_bytes"] = budget.limit if budget.unit == "bytes" else None
    options.update(changes)
    return make_settings(mode, **options)


def rouge_dict(settings: RougeSettings) -> dict[str, Any]:
    """The ROUGE settings as stored in a run: what changes numbers (not where data files are)."""
    out = settings.to_dict()
    out.pop("data_dir", None)
    return out


def upgrade_stored(settings: Any) -> Any:
    """A run's stored settings with earlier versions' ROUGE key names (``seed``,
    ``stopwords``) read as today's, so that old run folders still resume."""
    if isinstance(settings, dict) and isinstance(settings.get("rouge"), dict):
        return {**settings, "rouge": upgrade_dict(settings["rouge"])}
    return settings


@dataclass
class RunSettings:
    """Everything that decides a run's summaries and scores; a run folder resumes only with
    equal settings (compared in their stored JSON form, :meth:`to_dict`)."""

    method: str
    options: dict[str, Any]
    system_settings: dict[str, Any]
    budget: Budget
    dataset: dict[str, Any]  # the data set's description, without where it was read from
    rouge: RougeSettings
    seed: int
    package_version: str
    code_fingerprint: str
    # the installed packages that decide summaries and scores (batch.environment), and
    # the package's data files' hash: a run resumed after an upgrade of one is refused
    environment: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "options": {k: self.options[k] for k in sorted(self.options)},
            "system_settings": self.system_settings,
            "budget": self.budget.to_dict(),
            "dataset": self.dataset,
            "rouge": rouge_dict(self.rouge),
            "rouge_signature": self.rouge.signature,
            "seed": self.seed,
            "package_version": self.package_version,
            "code_fingerprint": self.code_fingerprint,
            "environment": self.environment,
        }


@dataclass
class RunInfo:
    """Facts about a run that do not change its numbers (where, when, on what)."""

    dataset_source: str
    created: str
    python: str
    platform: str
    cluster_ids: list[str] = field(default_factory=list)
    # the languages the clusters were read in (Dataset.languages): the report's, not a
    # setting (a folder made before they were kept resumes)
    dataset_languages: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset_source": self.dataset_source,
            "created": self.created,
            "python": self.python,
            "platform": self.platform,
            "cluster_ids": self.cluster_ids,
            "dataset_languages": self.dataset_languages,
        }
