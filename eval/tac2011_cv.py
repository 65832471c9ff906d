"""Leave-one-cluster-out cross-validation on TAC 2011 MultiLing, all 7 languages.

Usage::

    python eval/tac2011_cv.py [--data ../shared/data/tac2011_multiling]
                              [--configs default,ilp,...] [--out eval/results/tac2011_cv.md]
                              [--cache ~/.cache/summarizer-eval] [--languages english,czech]

Every configuration in :data:`CONFIGS` (a method and its options) summarises
all 70 clusters (7 languages x 10) at two budgets:

* **250 words**, whole sentences, scored with the TAC 2011 official options
  ``-a -x -2 4 -u -n 2 -f A -p 0.5 -t 0`` (recall, no stemming);
* **100 words**, the last sentence cut (DUC rules), scored with
  ``-n 4 -m -l 100``: the closest proxy here for DUC 2004 task 2.

Both with the project's ROUGE-1.5.5 and the Unicode tokeniser, so that Arabic,
Greek, Hebrew, Hindi and Czech words are scored (ROUGE-1.5.5's own tokeniser
keeps only ``[a-z0-9]``). For every cluster in turn, the configuration is
chosen on the other 69 clusters (pooled over languages: no language gets its
own settings) by the selection criterion -- mean R2 recall at 250 words,
mean R1 + R2 recall at 100 words -- and the held-out cluster is scored with
it. The cross-validated (CV) figure of a language is the mean over its 10
held-out clusters; the in-sample figure is the shipped default's.

The TAC submissions are scored by the same code: ID9 (centroid baseline), ID10
(topline, extracts chosen with the references) and the best participant of
each language (highest R2 at 250 words among ID1-ID8). The share of the gap
closed is ``(ours - ID9) / (ID10 - ID9)`` on R2 recall at 250 words.

Sentence embeddings are remembered on disk (``--cache``), and so are the
summaries, keyed by the configuration, the cluster, the budget and a
fingerprint of the ``summarizer`` package (read once when the run starts), so that a
rerun after a code change recomputes exactly what changed.

After the report, each configuration (in-sample) and the joint CV (held out) against the
default, cluster by cluster on the joint criterion: the mean difference, its paired
bootstrap interval, p-values and the clusters won and lost (:func:`paired_table`, the one
table of the kind; ``eval/tac2011_cv_central.py`` prints it for its grid).

``--configs all`` is every configuration but the word-form and the concept-centrality
variants, which ``eval/tac2011_cv_morph.py``, ``eval/tac2011_cv_stem.py`` and
``eval/tac2011_cv_central.py`` judged in their own registered grids; the supervised concept
weights need a model per fold and are run by ``eval/tac2011_cv_learned.py`` alone.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import re
import signal
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, emit_report, locked, missing_tac, run_script  # noqa: E402

from summarizer.atomic import write_atomic  # noqa: E402
from summarizer.documents import load_tac2011  # noqa: E402
from summarizer.documents.model import Cluster  # noqa: E402
from summarizer.errors import InputError  # noqa: E402
from summarizer.metrics import RougeScorer  # noqa: E402
from summarizer.metrics.significance import paired_test, small_sample_summary  # noqa: E402
from summarizer.runtime import set_seed  # noqa: E402
from summarizer.summarizers import DEFAULT_METHOD, Summarizer, Summary, get_summarizer  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402
from summarizer.summarizers.candidates import Pool  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "summarizer-eval"
LANGUAGES = ("arabic", "czech", "english", "french", "greek", "hebrew", "hindi")
LANG_DIR = {lang: lang.capitalize() for lang in LANGUAGES}
TAC_OPTIONS = "-a -x -2 4 -u -n 2 -f A -p 0.5 -t 0"
DUC_OPTIONS = "-n 4 -m -l 100"
BUDGETS = {
    "250": (Budget(words=250), TAC_OPTIONS),
    "100": (Budget(words=100, truncate=True), DUC_OPTIONS),
}
PARTICIPANTS = tuple(f"ID{k}" for k in range(1, 9))

# name -> (method, options). "default" is whatever the library ships; the others'
# options apply on top of the library's defaults, so they move when a default moves.
CONFIGS: dict[str, tuple[str, dict]] = {
    "default": (DEFAULT_METHOD, {}),
    "coverage-minilm": ("coverage", {"encoder": "all-MiniLM-L6-v2-int8"}),
    "coverage-nosemantic": ("coverage", {"semantic_weight": 0.0}),
    "coverage-nolead": ("coverage", {"lead_weight": 0.0}),
    "coverage-plaindf": ("coverage", {"position_decay": 0.0}),
    "coverage-compress": ("coverage", {"compress": True}),
    "coverage-compress-dateline": ("coverage", {"compress": "dateline"}),
    "coverage-compress-attribution": ("coverage", {"compress": "attribution"}),
    "coverage-compress-parenthetical": ("coverage", {"compress": "parenthetical"}),
    "coverage-compress-connective": ("coverage", {"compress": "connective"}),
    "coverage-compress-da": ("coverage", {"compress": "dateline,attribution"}),
    "coverage-coherent": ("coverage", {"order": "coherent"}),
    "coverage-dangling-all": ("coverage", {"dangling": "all"}),
    "coverage-diversity0": ("coverage", {"diversity_weight": 0.0}),
    "coverage-diversity4": ("coverage", {"diversity_weight": 4.0}),
    "coverage-diversity8": ("coverage", {"diversity_weight": 8.0}),
    "coverage-diversity12": ("coverage", {"diversity_weight": 12.0}),
    "coverage-diversity24": ("coverage", {"diversity_weight": 24.0}),
    "coverage-stem5": ("coverage", {"stem_prefix": 5, "background": None}),
    "coverage-stem6": ("coverage", {"stem_prefix": 6, "background": None}),
    # the default's neighbours, one setting moved each way
    "coverage-mindf3": ("coverage", {"min_df": 3}),
    "coverage-decay0.5": ("coverage", {"position_decay": 0.5}),
    "coverage-decay2": ("coverage", {"position_decay": 2.0}),
    "coverage-alpha0.2": ("coverage", {"alpha": 0.2}),
    "coverage-alpha0.5": ("coverage", {"alpha": 0.5}),
    "coverage-length0.3": ("coverage", {"length_power": 0.3}),
    "coverage-length0.7": ("coverage", {"length_power": 0.7}),
    "coverage-lead0.5": ("coverage", {"lead_weight": 0.5}),
    "coverage-lead2": ("coverage", {"lead_weight": 2.0}),
    # OCCAMS-style latent-semantic concept weights (Davis, Conroy & Schlesinger 2012):
    # k = the sentences the budget holds, or half the squared singular values; binary
    # or tf-idf entries; alone or times the position-weighted document frequency
    "coverage-lsa": ("coverage", {"concept_weighting": "lsa"}),
    "coverage-lsa-tfidf": ("coverage", {"concept_weighting": "lsa", "lsa_entries": "tfidf"}),
    "coverage-lsa-mass50": ("coverage", {"concept_weighting": "lsa", "lsa_rank": 0.5}),
    "coverage-lsa-df": ("coverage", {"concept_weighting": "lsa-df"}),
    "coverage-lsa-df-tfidf": ("coverage", {"concept_weighting": "lsa-df",
                                           "lsa_entries": "tfidf"}),
    "coverage-lsa-df-mass50": ("coverage", {"concept_weighting": "lsa-df", "lsa_rank": 0.5}),
    # background word frequencies (wordfreq's lists; issue 12, eval/tac2011_cv_background.py):
    # none, the default before 004d5c7; concept weight x mean background IDF of its words;
    # the background's top 100 words as the concepts' stopwords in every language;
    # both, the default since 004d5c7: a copy of "default", kept for the registered grid of
    # eval/tac2011_cv_background.py (in the CV a tie goes to "default", so it is never
    # chosen); x (1 + its topic signature words)
    "coverage-bg-none": ("coverage", {"background": None}),
    "coverage-bg-idf": ("coverage", {"background": "idf"}),
    "coverage-bg-stop": ("coverage", {"background": "stopwords"}),
    "coverage-bg-idf-stop": ("coverage", {"background": "idf-stopwords"}),
    "coverage-bg-sig": ("coverage", {"background": "signature"}),
    # word-level positions of the concepts (issue 12, eval/tac2011_cv_wordpos.py): per
    # document, 1 - the first occurrence's relative word position; the same over every
    # occurrence; times the sentence-rank weight; 1 / (1 + word offset / mean sentence length)
    "coverage-wpos-first": ("coverage", {"word_position": "first"}),
    "coverage-wpos-all": ("coverage", {"word_position": "all"}),
    "coverage-wpos-first-rank": ("coverage", {"word_position": "first-rank"}),
    "coverage-wpos-offset": ("coverage", {"word_position": "offset"}),
    # word forms merged for the concepts, learned from the cluster's own vocabulary (issue
    # 12, eval/tac2011_cv_morph.py): productive endings; productive prefixes; both; both
    # with affixes counted only at twice the share of the vocabulary
    "coverage-forms-suffix": ("coverage", {"word_forms": "suffix"}),
    "coverage-forms-prefix": ("coverage", {"word_forms": "prefix"}),
    "coverage-forms-affix": ("coverage", {"word_forms": "affix"}),
    "coverage-forms-affix2": ("coverage", {"word_forms": "affix", "word_forms_share": 0.02}),
    # the same merged by the language's Snowball stemmer (eval/tac2011_cv_stem.py): on the
    # default; on the default without its background lists
    "coverage-forms-snowball": ("coverage", {"word_forms": "snowball"}),
    "coverage-forms-snowball-bg-none": ("coverage", {"word_forms": "snowball", "background": None}),
    # centrality-weighted concepts (issue 12, eval/tac2011_cv_central.py): each document
    # counted by its TF-IDF cosine to the cluster's centroid; the weight times the mean or
    # the highest LexRank centrality of the sentences holding the concept; both (mean)
    "coverage-central-doc": ("coverage", {"concept_centrality": "document"}),
    "coverage-central-sent": ("coverage", {"concept_centrality": "sentence"}),
    "coverage-central-sent-max": ("coverage", {"concept_centrality": "sentence-max"}),
    "coverage-central-doc-sent": ("coverage", {"concept_centrality": "document-sentence"}),
    "centroid": ("centroid", {}),
    "lexrank": ("lexrank", {}),
    "ilp": ("ilp", {}),
    "ilp-greedy": ("ilp", {"solver": "greedy"}),
    "ilp-plain": ("ilp", {"position_decay": 0.0, "lead_weight": 0.0}),
    "ilp-compress": ("ilp", {"compress": True}),
    "ilp-lead3": ("ilp", {"lead_weight": 3.0}),
    "ilp-lead3-compress": ("ilp", {"lead_weight": 3.0, "compress": True}),
    "ilp-lead3-stem5": ("ilp", {"lead_weight": 3.0, "stem_prefix": 5}),
    "coverage-auto": ("coverage", {"representation": "auto"}),
}

# Left out unless named: multilingual E5 embeds about 90 sentences/s on one idle
# core, far less on the shared box (under 1/s at load 17): hours for 9,000 sentences.
SLOW = ("coverage-auto",)
# Left out of the default list and of 'all' unless named: registered and judged in their
# own grids (eval/tac2011_cv_morph.py, eval/tac2011_cv_stem.py,
# eval/tac2011_cv_central.py), near ties of each other that would only add folds
# switching between them here. The supervised weights (eval/tac2011_cv_learned.py)
# are not in CONFIGS at all: each cluster needs its own fold's model.
OWN_GRID = tuple(n for n, (_, o) in CONFIGS.items()
                 if o.get("word_forms") or o.get("concept_centrality"))


def criterion(budget: str, r1: np.ndarray, r2: np.ndarray) -> np.ndarray:
    """What the CV maximises: R2 at 250 words (TAC's primary), R1 + R2 at 100."""
    return r2 if budget == "250" else r1 + r2


# Packages whose code cannot change an extractive summary.
_UNRELATED = ("cli", "evaluation", "metrics", "summarizers/abstractive", "chunks")


def code_fingerprint(method: str | None = None) -> str:
    """Hash of the code that can change ``method``'s summaries: the shared
    stack and the method's own module (the other methods' modules left out)."""
    from summarizer.summarizers import METHODS

    own = {m.split(":")[0].replace(".", "/") + ".py" for m in METHODS.values()}
    mine = METHODS[method].split(":")[0].replace(".", "/") + ".py" if method else None
    h = hashlib.sha1()
    for path in sorted((REPO / "summarizer").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        inner = rel.split("/", 1)[1]
        if any(inner.startswith(u + "/") for u in _UNRELATED) or (rel in own and rel != mine):
            continue
        h.update(rel.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def code_fingerprints() -> dict[str | None, str]:
    """:func:`code_fingerprint` of every method (and of none), read at one moment."""
    from summarizer.summarizers import METHODS

    return {m: code_fingerprint(m) for m in (None, *METHODS)}


def merge_into(path: Path, new: Mapping, read: Callable[[], dict],
               encode: Callable[[dict], bytes | str]) -> dict:
    """Write ``new``'s entries into the cache file ``path`` as it is now, not as it was read
    (``read`` it again, add them, ``encode`` the whole), and return the whole: two runs
    sharing a cache (CV grids started side by side) each wrote back what they had read and
    computed, and the later one dropped what the other had saved since. Under a lock on a
    file beside it, so no save reads between another's read and its rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path.with_name(path.name + ".lock")):
        merged = read()
        merged.update(new)
        # a unique temporary name, renamed over the file: a reader sees it whole
        write_atomic(path, encode(merged))
    return merged


def not_a_cache(path: Path, read: object) -> InputError:
    """The error for a cache file that is not one (empty, cut short, another file): what
    was ``read`` from it, or the error reading it raised."""
    what = (f"{type(read).__name__}: {read}" if isinstance(read, Exception)
            else f"JSON {type(read).__name__}, not an object")
    return InputError(f"{path}: not a cache file of these scripts ({what}); remove it or give "
                      "another --cache")


class DiskCache:
    """A JSON file of key -> value; what :meth:`put` adds is written on :meth:`save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict = self._read()
        self.new: dict = {}  # put since the last save

    def _read(self) -> dict:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except ValueError as exc:  # UnicodeDecodeError too: was a raw traceback
            data = exc
        if not isinstance(data, dict):
            raise not_a_cache(self.path, data)
        return data

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        self.data[key] = value
        self.new[key] = value

    def save(self) -> None:
        """Add the new entries to the file as it is now (:func:`merge_into`)."""
        if not self.new:
            return
        self.data = merge_into(self.path, self.new, self._read, json.dumps)
        self.new = {}


class VectorCache:
    """Sentence vectors of the packaged encoders kept on disk between runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, name: str) -> Path:
        return self.folder / f"vectors-{name}.npz"

    def load(self, name: str) -> dict[str, np.ndarray]:
        f = self._file(name)
        if not f.is_file():
            return {}
        try:
            with np.load(f, allow_pickle=False) as z:  # closed even when a key is missing
                return dict(zip(z["texts"].tolist(), z["vectors"], strict=True))
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:  # was a raw one
            raise not_a_cache(f, exc) from None

    def save(self, name: str, memo: Mapping[str, np.ndarray]) -> None:
        """Add ``memo``'s vectors to encoder ``name``'s file as it is now
        (:func:`merge_into`): written whole from the run's memory, of two runs the later
        dropped the vectors the other had saved since they both read it."""
        if memo:
            merge_into(self._file(name), memo, lambda: self.load(name), _npz)


def _npz(memo: dict[str, np.ndarray]) -> bytes:
    """The ``.npz`` bytes of :class:`VectorCache`'s file: the texts and their vectors."""
    texts = list(memo)
    buf = io.BytesIO()
    np.savez(buf, texts=np.array(texts), vectors=np.stack([memo[t] for t in texts]))
    return buf.getvalue()


def warm_encoders(cache: VectorCache) -> list[tuple[str, dict]]:
    """Fill the in-process encoders' memories from disk; return what to save after."""
    out = []
    try:
        from summarizer.summarizers.embed import contextual_encoder_name, get_encoder

        enc = get_encoder(contextual_encoder_name())  # the static vectors need no memo
        enc.cache_size = max(enc.cache_size, 200_000)
        key = "encoder-" + re.sub(r"[^A-Za-z0-9]+", "_", enc.name)  # vectors of this model only
        enc._memo.update(cache.load(key))
        out.append((key, enc._memo))
    except Exception as exc:  # no packaged encoder: embedding configs fall back as the library does
        print(f"note: MiniLM encoder unavailable ({exc})", file=sys.stderr)
    try:
        from summarizer.summarizers import multilingual

        memo = multilingual.shared_memo()
        memo.update(cache.load("e5"))
        out.append(("e5", memo))
    except Exception:  # the multilingual encoder is optional
        pass
    return out


def official(root: Path, system: str, language: str, topic: str) -> str:
    path = root / "correctedSubmissions" / system / LANG_DIR[language] / topic
    return path.read_text(encoding="utf-8") if path.is_file() else ""


class Harness:
    def __init__(self, root: Path, languages: list[str], cache_dir: Path) -> None:
        try:  # before the data: a file at --cache (or above it) was a raw FileExistsError
            cache_dir.mkdir(parents=True, exist_ok=True)  # at the first save, minutes in
        except OSError as exc:
            why = "a file is there" if isinstance(exc, FileExistsError) else exc.strerror or exc
            raise InputError(f"--cache {cache_dir}: not a folder the caches can be kept in "
                             f"({why})") from None
        self.summaries = DiskCache(cache_dir / "summaries.json")  # read before the data too
        self.vectors = VectorCache(cache_dir)
        self.root = root
        self.clusters: list[Cluster] = []
        for lang in languages:
            self.clusters.extend(load_tac2011(root, lang))
        self.lang = [c.language for c in self.clusters]
        self.scorers = {b: RougeScorer(mode="rouge155", options=opts,
                                       metrics=["ROUGE-1", "ROUGE-2"], tokenizer="unicode")
                        for b, (_, opts) in BUDGETS.items()}
        # once per run, every method: a checkout that changes under a running grid (a
        # rebase) must not move the summaries' cache keys partway through it
        self.fingerprints = code_fingerprints()
        self.fingerprint = self.fingerprints[None]
        self.times: dict[str, float] = {}
        self.notes: dict[str, Counter] = {}
        self.cuts: dict[str, dict[str, float]] = {}
        self.solver_secs: dict[str, list[float]] = {}

    def score(self, budget: str, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        r1, r2 = [], []
        for c, text in zip(self.clusters, texts, strict=True):
            out = self.scorers[budget].score(text, c.references)
            r1.append(out["ROUGE-1"].recall)
            r2.append(out["ROUGE-2"].recall)
        return np.array(r1), np.array(r2)

    def run_config(self, name: str, method: str, options: dict) -> dict[str, tuple]:
        summ = get_summarizer(method, **options)
        spec = json.dumps([method, options], sort_keys=True)
        fingerprint = self.fingerprints[method]
        out = {}
        secs = 0.0
        for b, (budget, _) in BUDGETS.items():
            texts = []
            for c in tqdm(self.clusters, desc=f"{name} @{b}", leave=False, file=sys.stderr):
                key = f"{fingerprint}|{spec}|{c.language}/{c.id}|{b}"
                hit = self.summaries.get(key)
                if hit is None:
                    t0 = time.perf_counter()
                    s = summ.summarize(c, budget)
                    dt = time.perf_counter() - t0
                    hit = {"text": s.text, "secs": dt, "solver": s.settings.get("solver"),
                           "solver_secs": s.settings.get("solver_seconds"),
                           "cuts": s.settings.get("cuts")}
                    self.summaries.put(key, hit)
                texts.append(hit["text"])
                secs += hit["secs"]
                if hit.get("solver"):
                    self.notes.setdefault(name, Counter())[hit["solver"]] += 1
                if hit.get("solver_secs") is not None:
                    self.solver_secs.setdefault(name, []).append(hit["solver_secs"])
                if hit.get("cuts") is not None:
                    got = self.cuts.setdefault(name, {})
                    got[b] = got.get(b, 0.0) + hit["cuts"] / len(self.clusters)
            out[b] = self.score(b, texts)
        self.summaries.save()
        self.times[name] = secs / (2 * len(self.clusters))
        return out

    def run_official(self, system: str) -> dict[str, tuple]:
        texts = [official(self.root, system, c.language, c.id) for c in self.clusters]
        return {b: self.score(b, texts) for b in BUDGETS}


def run_grid(h: Harness, names: list[str] | tuple[str, ...]) -> dict[str, dict[str, tuple]]:
    """Every configuration named, scored on ``h``'s clusters at both budgets; the summaries
    and sentence vectors computed are saved even when interrupted."""
    memos = warm_encoders(h.vectors)
    scores: dict[str, dict] = {}
    try:
        for n in names:
            scores[n] = h.run_config(n, *CONFIGS[n])
    finally:  # keep what was computed, even after Ctrl-C
        h.summaries.save()
        for name, memo in memos:
            h.vectors.save(name, memo)
    return scores


def loo_cv(scores: dict[str, dict[str, tuple]],
           budgets: tuple[str, ...]) -> tuple[dict[str, tuple], list[str]]:
    """Leave-one-cluster-out: each held-out cluster gets the config with the best summed
    criterion over ``budgets`` on the other clusters (one budget: that budget's CV; all:
    one setting for every budget); returns its (R1, R2) per budget and the choices."""
    names = list(scores)
    crit = sum(np.stack([criterion(b, *scores[n][b]) for n in names]) for b in budgets)
    # the other clusters summed as they are, not the total less the held-out one: two
    # configs equal on those clusters must tie exactly (ties: the earlier config, default
    # first), and the subtraction's rounding broke such ties by the held-out score
    chosen = [names[int(np.argmax(np.delete(crit, k, axis=1).sum(axis=1)))]
              for k in range(crit.shape[1])]
    out = {b: (np.array([scores[c][b][0][k] for k, c in enumerate(chosen)]),
               np.array([scores[c][b][1][k] for k, c in enumerate(chosen)])) for b in BUDGETS}
    return out, chosen


def joint_per_cluster(sc: dict[str, tuple]) -> np.ndarray:
    """Each cluster's joint criterion: R2 at 250 words + R1 + R2 at 100."""
    return sum(criterion(b, *sc[b]) for b in BUDGETS)


def joint_criterion(sc: dict[str, tuple]) -> float:
    """The decision rule's figure: R2 at 250 words + R1 + R2 at 100, each the unrounded mean
    over all clusters (pooled over languages)."""
    return float(sum(criterion(b, *sc[b]).mean() for b in BUDGETS))


def paired_table(scores: dict[str, dict[str, tuple]], resamples: int = 10000,
                 trials: int = 10000) -> str:
    """Each configuration of the grid (in-sample) and the grid's joint CV (held out) against
    the default (in-sample), cluster by cluster on the joint criterion: the mean difference,
    its 95% paired bootstrap interval and p-values (:func:`paired_test`, its fixed seed), and
    the clusters won, lost and tied. Description, not selection: the rule reads the means."""
    held, _ = loo_cv(scores, tuple(BUDGETS))
    base = joint_per_cluster(scores["default"])
    rows = [(f"`{n}`", joint_per_cluster(sc)) for n, sc in scores.items() if n != "default"]
    rows.append(("joint CV, held out", joint_per_cluster(held)))
    tests = [paired_test(base, got, resamples=resamples, trials=trials) for _, got in rows]
    how = tests[0]  # the same settings for every row
    lines = [f"## Against the default, cluster by cluster (joint criterion, {len(base)} "
             "clusters)", "",
             f"Paired bootstrap ({how.resamples} resamples; p: the `{how.p_bootstrap_method}` "
             f"method) and approximate randomisation ({how.trials} trials), seed "
             f"{how.significance_seed}.", "",
             "| configuration | mean difference | 95% bootstrap interval | p (bootstrap / "
             "randomisation) | clusters won / lost / tied |", "|---|---|---|---|---|"]
    for (name, got), t in zip(rows, tests, strict=True):
        diff = got - base
        lines.append(f"| {name} | {t.difference:+.4f} | {t.ci_low:+.4f} .. {t.ci_high:+.4f} "
                     f"| {t.p_bootstrap:.3f} / {t.p_randomization:.3f} "
                     f"| {int((diff > 1e-12).sum())} / {int((diff < -1e-12).sum())} / "
                     f"{int((abs(diff) <= 1e-12).sum())} |")
    small = small_sample_summary(tests)  # too few clusters that differ for a test at .05
    return "\n".join(lines + ([] if small is None else ["", f"Warning: {small}."]))


def by_language(values: np.ndarray, langs: list[str]) -> dict[str, float]:
    out = {}
    for lang in dict.fromkeys(langs):
        out[lang] = float(np.mean([v for v, x in zip(values, langs, strict=True) if x == lang]))
    out["all"] = float(np.mean(values))
    return out


def solver_counts(h: Harness, name: str) -> str:
    got = h.notes.get(name)
    return ", ".join(f"{k} x{v}" for k, v in got.most_common()) if got else "-"


def grid_summarizers(grid: Sequence[str], configs: Mapping[str, tuple[str, dict]] | None = None
                     ) -> dict[str, Summarizer]:
    """Each configuration of ``grid`` as a summariser, named in :data:`CONFIGS` or in a
    family script's own ``configs`` (which ``variant_grid_main`` adds only when it runs)."""
    known = {**CONFIGS, **(configs or {})}
    return {n: get_summarizer(known[n][0], **known[n][1]) for n in grid}


def grid_table(title: str, grid: Sequence[str], rows: Mapping[str, Mapping[str, Any]],
               cell: Callable[[Any], str]) -> list[str]:
    """A ``*_facts`` table: a row per language, a column per configuration of ``grid``,
    each cell ``cell(rows[language][configuration])``."""
    lines = [title, "", "| language | " + " | ".join(f"`{n}`" for n in grid) + " |",
             "|---|" + "---|" * len(grid)]
    for lang, row in rows.items():
        lines.append(f"| {lang} | " + " | ".join(cell(row[n]) for n in grid) + " |")
    return lines


def summary_sums(h: Harness, config: tuple[str, dict],
                 counts: Callable[[Summary], Sequence[int]]) -> dict[str, list[int]]:
    """Per language (in the clusters' order), the sums of ``counts(summary)`` over one
    configuration's summaries of its clusters at both budgets, then how many summaries:
    what a method grid's ``*_facts`` table reports of its paper setting."""
    method, options = config
    summ = get_summarizer(method, **options)
    rows: dict[str, list[int]] = {}
    for c in h.clusters:
        for budget, _ in BUDGETS.values():
            got = counts(summ.summarize(c, budget))
            row = rows.setdefault(c.language, [0] * (len(got) + 1))
            for k, value in enumerate(got):
                row[k] += value
            row[-1] += 1
    return rows


def default_stopwords(pool: Pool) -> frozenset[str]:
    """The function words the default's concepts leave out for ``pool``: the background
    list's (coverage's ``background="idf-stopwords"``), else the pool's own (a language
    without a background list), as ``CoverageSummarizer.select`` picks them."""
    from summarizer.summarizers.background import background_for, concept_stopwords

    return concept_stopwords(background_for(pool.language), pool.stopwords)


def share(ours: float, base: float, top: float) -> float:
    return (ours - base) / (top - base) if top != base else float("nan")


def short_toplines(h: Harness, ours: np.ndarray, cv2: np.ndarray, official_scores: dict,
                   budget: str) -> list[str]:
    """Lines on the topline's summaries under half the budget (ID10's Hindi M000 is one
    word, graded 0 by TAC's assessors), with each such language's shares without those
    clusters: the table keeps the official files as they are."""
    from summarizer.languages import count_words

    words = [count_words(official(h.root, "ID10", c.language, c.id)) for c in h.clusters]
    short = [k for k, n in enumerate(words) if n < int(budget) // 2]
    if not short:
        return []
    out = ["ID10 summaries under half the budget (kept in the table above): "
           + ", ".join(f"{h.lang[k]} {h.clusters[k].id} ({words[k]} word"
                       f"{'' if words[k] == 1 else 's'})" for k in short)
           + ". Without those clusters, R2 and the share closed in-sample / CV:", ""]
    for lang in dict.fromkeys(h.lang[k] for k in short):
        keep = [k for k, x in enumerate(h.lang) if x == lang and k not in short]
        i9, i10 = (float(np.mean(official_scores[p][budget][1][keep])) for p in ("ID9", "ID10"))
        d, c = float(np.mean(ours[keep])), float(np.mean(cv2[keep]))
        out.append(f"- {lang}: ID9 {i9:.4f}, ID10 {i10:.4f}, default {d:.4f}, CV {c:.4f}; "
                   f"share closed {share(d, i9, i10):.2f} / {share(c, i9, i10):.2f}")
    return out + [""]


def report(h: Harness, scores: dict, official_scores: dict, seed: int, secs: float,
           held_out: tuple[str, ...] | list[str] = ()) -> str:
    """The CV report; ``held_out`` names rows whose summaries are already held out (each
    cluster summarised by a model fitted without it), which are marked, not called
    in-sample."""
    langs = list(dict.fromkeys(h.lang))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    lines = [
        f"# TAC 2011 MultiLing, leave-one-cluster-out CV: {len(langs)} languages, "
        f"{len(h.clusters)} clusters",
        "",
        "Scorer: the project's ROUGE-1.5.5, Unicode tokeniser, recall averaged over "
        "the 3 references. 250 words: whole sentences, TAC options "
        f"`{TAC_OPTIONS}`. 100 words: last sentence cut, `{DUC_OPTIONS}` (DUC 2004 proxy).  ",
        "CV: for each cluster the configuration with the best criterion on the other "
        f"{len(h.clusters) - 1} clusters (pooled over languages; R2 at 250 words, R1 + R2 "
        "at 100 words) is scored on it. In-sample: the shipped default.  ",
        f"Configurations: {', '.join(f'`{n}`' for n in scores)}.  ",
        f"Seed {seed}; code fingerprint {h.fingerprint}; {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}; "
        f"run took {secs:.0f} s (summaries cached across runs).",
        "",
    ]
    # the best participant of each table's own budget (R2): the 100-word table named the
    # 250-word best (English ID3 .1210 where ID8 scores .1292 at 100 words)
    best_part: dict[str, dict[str, str]] = {b: {} for b in BUDGETS}
    for b in BUDGETS:
        for lang in langs:
            means = {p: by_language(official_scores[p][b][1], h.lang)[lang]
                     for p in PARTICIPANTS}
            best_part[b][lang] = max(means, key=means.get)
    cvs = {b: loo_cv(scores, (b,)) for b in BUDGETS}
    for b in BUDGETS:
        cv1, cv2 = cvs[b][0][b]
        d1, d2 = (by_language(x, h.lang) for x in scores["default"][b])
        c1, c2 = by_language(cv1, h.lang), by_language(cv2, h.lang)
        i9 = [by_language(x, h.lang) for x in official_scores["ID9"][b]]
        i10 = [by_language(x, h.lang) for x in official_scores["ID10"][b]]
        title = ("250 words, TAC official options" if b == "250"
                 else "100 words, `-n 4 -m -l 100` (DUC 2004 proxy)")
        gap = b == "250"  # ID10 is a 250-word topline; cut to 100 words it is none
        lines += [
            f"## {title}: R1 / R2 recall",
            "",
            "| language | ID9 centroid | best participant | ID10 topline | default (in-sample) "
            "| CV |" + (" share closed, in-sample | share closed, CV |" if gap else ""),
            "|---|---|---|---|---|---|" + ("---|---|" if gap else ""),
        ]
        for lang in langs + ["all"]:
            if lang == "all":
                bp = "-"
            else:
                p = best_part[b][lang]
                pr = [by_language(x, h.lang)[lang] for x in official_scores[p][b]]
                bp = f"{p}: {pr[0]:.4f} / {pr[1]:.4f}"
            lines.append(
                f"| {lang} | {i9[0][lang]:.4f} / {i9[1][lang]:.4f} | {bp} "
                f"| {i10[0][lang]:.4f} / {i10[1][lang]:.4f} "
                f"| {d1[lang]:.4f} / {d2[lang]:.4f} | {c1[lang]:.4f} / {c2[lang]:.4f} |"
                + (f" {share(d2[lang], i9[1][lang], i10[1][lang]):.2f} "
                   f"| {share(c2[lang], i9[1][lang], i10[1][lang]):.2f} |" if gap else "")
            )
        lines.append("")
        if gap:
            lines += short_toplines(h, scores["default"][b][1], cvs[b][0][b][1],
                                    official_scores, b)
    joint, jchosen = loo_cv(scores, tuple(BUDGETS))
    lines += [
        "## One setting for both budgets, cross-validated",
        "",
        "For each held-out cluster, the configuration with the best sum of the two criteria "
        f"(R2 at 250 words + R1 + R2 at 100 words) on the other {len(h.clusters) - 1} "
        "clusters, scored at both "
        "budgets. Chosen: " + ", ".join(f"`{n}` x{c}" for n, c in Counter(jchosen).most_common())
        + ".",
        "",
        "| language | 250: default | 250: joint CV | share closed: default / joint CV "
        "| 100: default | 100: joint CV |",
        "|---|---|---|---|---|---|",
    ]
    i9 = [by_language(x, h.lang) for x in official_scores["ID9"]["250"]]
    i10 = [by_language(x, h.lang) for x in official_scores["ID10"]["250"]]
    for lang in langs + ["all"]:
        d = {b: [by_language(x, h.lang)[lang] for x in scores["default"][b]] for b in BUDGETS}
        j = {b: [by_language(x, h.lang)[lang] for x in joint[b]] for b in BUDGETS}
        lines.append(
            f"| {lang} | {d['250'][0]:.4f} / {d['250'][1]:.4f} | {j['250'][0]:.4f} / "
            f"{j['250'][1]:.4f} | {share(d['250'][1], i9[1][lang], i10[1][lang]):.2f} / "
            f"{share(j['250'][1], i9[1][lang], i10[1][lang]):.2f} | {d['100'][0]:.4f} / "
            f"{d['100'][1]:.4f} | {j['100'][0]:.4f} / {j['100'][1]:.4f} |")
    lines += ["", "Joint criterion (R2 at 250 words + R1 + R2 at 100, unrounded means over all "
              f"clusters): default in-sample {joint_criterion(scores['default']):.4f}, joint CV "
              f"held out {joint_criterion(joint):.4f}."]
    marked = [n for n in scores if n in held_out]
    lines += [
        "",
        "## Every configuration, in-sample (mean over all clusters; English alone in brackets)",
        "",
    ] + ([f"Rows marked *held out* ({', '.join(f'`{n}`' for n in marked)}) are not "
          "in-sample: each cluster was summarised by a model fitted without it; only the "
          "choice among configurations is not cross-validated for them.", ""]
         if marked else []) + [
        "| configuration | 250: R1 / R2 | 100: R1 / R2 | joint criterion | chosen in CV (250 / "
        f"100, of {len(h.clusters)}) | s per summary | solver |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, sc in scores.items():
        cells = []
        for b in BUDGETS:
            a1, a2 = (by_language(x, h.lang) for x in sc[b])
            en = f" ({a1['english']:.4f} / {a2['english']:.4f})" if "english" in a1 else ""
            cells.append(f"{a1['all']:.4f} / {a2['all']:.4f}{en}")
        picks = " / ".join(str(cvs[b][1].count(n)) for b in BUDGETS)
        method, opts = CONFIGS[n]
        solver = solver_counts(h, n)
        mark = " *held out*" if n in held_out else ""
        lines.append(f"| `{n}`{mark} ({method} {json.dumps(opts) if opts else ''}) | {cells[0]} "
                     f"| {cells[1]} | {joint_criterion(sc):.4f} | {picks} | {h.times[n]:.3f} "
                     f"| {solver} |")
    ablation = [n for n in scores if n == "default" or "compress" in n]
    if len(ablation) > 1:
        lines += ["", "## Compression ablation (in-sample, all clusters; English in brackets)", "",
                  "| configuration | cuts per summary (250 / 100) | 250: R1 / R2 | 100: R1 / R2 |",
                  "|---|---|---|---|"]
        for n in ablation:
            cells = []
            for b in BUDGETS:
                a1, a2 = (by_language(x, h.lang) for x in scores[n][b])
                en = f" ({a1['english']:.4f} / {a2['english']:.4f})" if "english" in a1 else ""
                cells.append(f"{a1['all']:.4f} / {a2['all']:.4f}{en}")
            cuts = h.cuts.get(n, {})
            lines.append(f"| `{n}` | {cuts.get('250', 0):.1f} / {cuts.get('100', 0):.1f} "
                         f"| {cells[0]} | {cells[1]} |")
    pair = [n for n in ("ilp", "ilp-greedy") if n in scores]
    if len(pair) == 2:
        lines += ["", "## ILP against greedy on the same concept objective (in-sample)", "",
                  "| solver | 250: R1 / R2 | 100: R1 / R2 | solver s per summary: median / max "
                  "| s per summary (all) |", "|---|---|---|---|---|"]
        for n in pair:
            cells = []
            for b in BUDGETS:
                a1, a2 = (by_language(x, h.lang) for x in scores[n][b])
                cells.append(f"{a1['all']:.4f} / {a2['all']:.4f}")
            ss = h.solver_secs.get(n, [0.0])
            lines.append(f"| `{n}` ({solver_counts(h, n)}) | {cells[0]} "
                         f"| {cells[1]} | {np.median(ss):.3f} / {max(ss):.3f} | {h.times[n]:.3f} |")
    lines += ["", "Shipped default settings: `"
              + json.dumps(get_summarizer(DEFAULT_METHOD).settings(), sort_keys=True) + "`"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--configs", default=",".join(n for n in CONFIGS if n not in SLOW
                                                 and n not in OWN_GRID),
                    help="comma-separated names from CONFIGS, or 'all' ('default' is always "
                         f"run; not by default: {', '.join(SLOW)}; not in 'all' either, "
                         f"judged in their own grid: {', '.join(OWN_GRID)})")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    wanted = (",".join(n for n in CONFIGS if n not in OWN_GRID) if args.configs == "all"
              else args.configs)
    names = ["default"] + [n for n in wanted.split(",") if n and n != "default"]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        print(f"unknown configuration(s): {', '.join(unknown)}; known: {', '.join(CONFIGS)}",
              file=sys.stderr)
        return 2
    seed = set_seed()

    def stop(*_):  # SIGTERM too saves what was computed (the finally below)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    t0 = time.perf_counter()
    h = Harness(args.data, args.languages.split(","), args.cache)
    scores = run_grid(h, names)
    official_scores = {p: h.run_official(p) for p in PARTICIPANTS + ("ID9", "ID10")}
    text = report(h, scores, official_scores, seed, time.perf_counter() - t0)
    emit_report(text + "\n\n" + paired_table(scores), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
