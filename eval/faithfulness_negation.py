"""Can a polarity rule let the faithfulness guard catch flipped negations? Held out.

The guard reads words, numbers, dates and names, not negation: "The minister resigned."
passes against "The minister did not resign." This script measures polarity rules on
TAC 2011 English (lexical support, as ``--no-embeddings`` of ``faithfulness_tac.py``):

* a rule flags a sentence whose supporting source sentences (those sharing at least
  ``tau`` of its content stems) differ from it in polarity
  (:func:`negations`: cues not, n't, no, never, without, nor, neither, none, nothing,
  nobody, cannot; "not only", "nothing but", "no doubt" ... read as no negation; a cue's
  scope is the first content words after it in its clause: "did not *resign*", "no
  *survivors*", "without *success*"). Its settings: ``tau`` (0.3-0.7); ``evidence``
  "best" (the source sentence sharing the most differs) or "any" (every supporting source sentence differs: one of
  the same polarity backs it); ``scope`` "all" (a cue anywhere in either sentence) or 1
  or 2 (a cue counts only where one of the first 1 or 2 content words after it in its
  clause is among the words the two sentences share);
* true sentences: every reference sentence, checked against its own cluster (a false
  alarm is one of them flagged; *added* is one the guard passes and the rule flags);
* flipped sentences: each reference sentence with "not"/"never" taken out, or "not" put
  after its first auxiliary verb (is, was, has, did ...); *caught* is one the guard passes
  and the rule flags.

The settings are chosen by leave-one-cluster-out cross-validation over the 10 clusters
(as ``faithfulness_tac.py`` chooses its thresholds): on the nine training clusters, among
the settings that add at most 1% of true sentences flagged, the one that catches the most
flipped sentences (ties: the first in the grid); where none does, the one adding the
fewest (ties: the one catching more). Each held-out cluster is judged with its fold's
setting, and the figures are pooled.

Acceptance criterion, fixed before the held-out figures were looked at: the rule is
adopted in the checker only if, held out, it catches at least half of the flipped
sentences the guard passes and adds at most 1.0% of the true sentences flagged (lexical
support; with ``--embeddings`` the added share must hold with that guard too). It reads
English only: no source-backed list of negation cues for TAC's other languages is at hand,
so no other language is measured and the rule would not apply to them.

    python eval/faithfulness_negation.py [--data ../shared/data/tac2011_multiling]
        [--embeddings]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, emit_report, missing_tac, run_script  # noqa: E402

from summarizer.documents.tac import load_tac2011  # noqa: E402
from summarizer.faithfulness import FaithfulnessChecker, SourceIndex  # noqa: E402
from summarizer.faithfulness.checker import content_stems  # noqa: E402
from summarizer.languages import unicode_tokens  # noqa: E402
from summarizer.summarizers.abstractive.output import sentences_of  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
# what the flips read as a negation (the first version's cue test; kept so that the
# flipped sentences stay those measured before)
FLIP_CUES = frozenset("not no never without nor neither none nothing nobody cannot n't".split())
_AUX = re.compile(r"\b(?:is|was|were|are|has|had|have|will|would|could|did|does|do)\b")
_NOT = re.compile(r"\s*\b(?:not|never)\b")
TAUS = (0.3, 0.4, 0.5, 0.6, 0.7)
EVIDENCE = ("best", "any")
SCOPES: tuple[int | None, ...] = (None, 1, 2)  # None: "all"
GRID = list(itertools.product(SCOPES, EVIDENCE, TAUS))
FIRST = (None, "best", 0.5)  # the first version's rule
MAX_ADDED = 0.01
MIN_CAUGHT = 0.5
CUES = frozenset("not no never without nor neither none nothing nobody cannot".split())
# Phrases opened by a cue that deny nothing ("not only ... but also", "nothing but",
# "no doubt"): read as no negation. The first word is the cue, the rest what follows it.
NOT_NEGATING = frozenset({("not", "only"), ("not", "just"), ("not", "merely"),
                          ("not", "least"), ("not", "to", "mention"), ("nothing", "but"),
                          ("no", "doubt"), ("none", "other"), ("no", "less"),
                          ("no", "sooner")})
# Clause bounds: a cue's scope stops at them ("without success, they ...").
_CLAUSE = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s")


@dataclass(frozen=True)
class Negation:
    """A negation cue in a sentence and the stems of the words it negates (its scope)."""

    cue: str
    scope: frozenset[str]


def negations(text: str, width: int = 1) -> list[Negation]:
    """The negation cues of English ``text``, each with the stems of the first ``width``
    content words after it in its clause (none where the clause ends first). "n't" is
    read after any apostrophe (TAC's references hold "wasn" U+0092 "t": Windows-1252 text
    read as Latin-1)."""
    found: list[Negation] = []
    for clause in _CLAUSE.split(text):
        words = unicode_tokens(clause)
        for i, w in enumerate(words):
            cue = _cue(words, i)
            if cue is None:
                continue
            scope: list[str] = []
            for k, later in enumerate(words[i + 1:]):
                if len(scope) == width:
                    break
                if later in CUES or later == "t" or (k == 0 and w == "no" and later == "one"):
                    continue  # "no one" is one cue, "not" after "didn't" another
                scope += content_stems(later)
            found.append(Negation(cue, frozenset(scope)))
    return found


def _cue(words: list[str], i: int) -> str | None:
    """The cue at ``words[i]``, or None: "n't" is read as the tokens "didn", "t"."""
    w = words[i]
    if w == "t" and i and words[i - 1].endswith("n"):
        return "n't"
    if w not in CUES or any(tuple(words[i:i + len(p)]) == p for p in NOT_NEGATING):
        return None
    return w


def negates(cues: Iterable[Negation], shared: set[str] | None) -> bool:
    """Whether any of ``cues`` negates a word of ``shared`` (None: any cue at all)."""
    return any(shared is None or c.scope & shared for c in cues)


def differ(a: Iterable[Negation], b: Iterable[Negation], shared: set[str] | None) -> bool:
    """Whether two sentences with negations ``a`` and ``b`` differ in polarity over the
    content stems they share (``shared``; None: over the whole sentences)."""
    return negates(a, shared) != negates(b, shared)


def negated(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower().replace("n't", " n't"))
    return any(w in FLIP_CUES for w in words)


def flip(sentence: str) -> str | None:
    """The sentence with its polarity reversed, or None where no simple flip applies."""
    if negated(sentence):
        flipped = _NOT.sub("", sentence, count=1)
        return flipped if flipped != sentence else None
    m = _AUX.search(sentence)
    return sentence[:m.end()] + " not" + sentence[m.end():] if m else None


@dataclass
class Row:
    """A sentence, what the guard said, and its candidate evidence (lexical, text), best
    first."""

    cluster: int
    flipped: bool
    text: str
    passed: dict[str, bool]  # by guard mode: "lexical", "embeddings"
    evidence: list[tuple[float, str]]


_NEG: dict[tuple[str, int | None], list[Negation]] = {}


def _neg(text: str, scope: int | None) -> list[Negation]:
    key = (text, scope)
    if key not in _NEG:
        _NEG[key] = negations(text, scope or 1)
    return _NEG[key]


def flags(row: Row, setting: tuple[int | None, str, float]) -> bool:
    scope, evidence, tau = setting
    backing = [t for lex, t in row.evidence if lex >= tau]
    if evidence == "best":
        backing = backing[:1] if row.evidence and row.evidence[0][0] >= tau else []
    if not backing:
        return False
    stems = content_stems(row.text)
    return all(differ(_neg(row.text, scope), _neg(t, scope),
                      None if scope is None else stems & content_stems(t)) for t in backing)


def counts(rows: list[Row], setting, mode: str = "lexical") -> tuple[int, int, int, int]:
    """(flipped passed by the guard, of them flagged, true passed, of them flagged)."""
    flip_n = flip_hit = true_n = true_hit = 0
    for r in rows:
        if not r.passed[mode]:
            continue
        hit = flags(r, setting)
        if r.flipped:
            flip_n += 1
            flip_hit += hit
        else:
            true_n += 1
            true_hit += hit
    return flip_n, flip_hit, true_n, true_hit


def choose(rows: list[Row]) -> tuple[int | None, str, float]:
    """The setting the training rows choose (module docstring)."""
    n_true = sum(not r.flipped for r in rows)
    scored = []
    for k, s in enumerate(GRID):
        _, caught, _, added = counts(rows, s)
        scored.append((added / n_true <= MAX_ADDED, caught if added / n_true <= MAX_ADDED
                       else -added, caught, -k, s))
    return max(scored)[-1]


def build(data: str, modes: list[str]) -> tuple[int, list[Row]]:
    clusters = load_tac2011(data, "english")
    checkers = {m: FaithfulnessChecker(embeddings=m == "embeddings", top_k=10_000)
                for m in modes}
    rows: list[Row] = []
    for ci, cluster in enumerate(clusters):
        index = SourceIndex(cluster)
        refs = [s for r in cluster.references for s in sentences_of(r)]
        flips = [f for f in map(flip, refs) if f]
        sents = refs + flips
        reports = {m: c.check(sents, index).sentences for m, c in checkers.items()}
        for k, lexical in enumerate(reports["lexical"]):
            rows.append(Row(ci, k >= len(refs), lexical.text,
                            {m: reports[m][k].supported for m in modes},
                            [(e.lexical, e.text) for e in lexical.evidence if e.lexical >= TAUS[0]]))
    return len(clusters), rows


def name(setting) -> str:
    scope, evidence, tau = setting
    return f"scope {scope or 'all'}, {evidence}, tau {tau}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--embeddings", action="store_true",
                    help="also count the added false alarms with the guard's embeddings")
    ap.add_argument("--out", default=None,
                    help="write the table there too (e.g. eval/results/faithfulness_negation.md)")
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    start = time.perf_counter()
    modes = ["lexical"] + (["embeddings"] if args.embeddings else [])
    n_clusters, rows = build(args.data, modes)
    chosen = [choose([r for r in rows if r.cluster != ci]) for ci in range(n_clusters)]
    held = {m: [0, 0, 0, 0] for m in modes}
    alarms: list[str] = []
    unread = 0  # flipped sentences the guard passes with no source sentence sharing tau
    for ci, setting in enumerate(chosen):
        mine = [r for r in rows if r.cluster == ci]
        unread += sum(r.flipped and r.passed["lexical"]
                      and not (r.evidence and r.evidence[0][0] >= setting[2]) for r in mine)
        for m in modes:
            held[m] = [a + b for a, b in zip(held[m], counts(mine, setting, m), strict=True)]
        alarms += [f"{name(setting)}: {r.text}" for r in mine
                   if not r.flipped and r.passed["lexical"] and flags(r, setting)]
    n_true = sum(not r.flipped for r in rows)
    n_flip = sum(r.flipped for r in rows)
    flip_n, caught, _, added = held["lexical"]
    ok = caught / flip_n >= MIN_CAUGHT and all(
        held[m][3] / n_true <= MAX_ADDED for m in modes)

    def line(m: str, label: str) -> str:
        fn, fc, tn, ta = held[m]
        return (f"| {label} | {tn} of {n_true} | {ta} ({ta / n_true:.1%}) | "
                f"{fn} of {n_flip} | {fc} ({fc / max(fn, 1):.1%}) |")

    lines = [
        "# Faithfulness guard and negation (TAC 2011 English)",
        "",
        "Command: `python eval/faithfulness_negation.py" + (" --embeddings`" if args.embeddings else "`"),
        "",
        f"- {n_clusters} clusters, {n_true} reference sentences (true), {n_flip} with a "
        "negation added or removed (flipped); rules and settings: the script's docstring",
        f"- settings chosen by leave-one-cluster-out CV: per fold {[name(s) for s in chosen]}",
        f"- acceptance (fixed beforehand): held out, caught >= {MIN_CAUGHT:.0%} of the flipped "
        f"sentences the guard passes and added <= {MAX_ADDED:.0%} of the true sentences",
        f"- {time.perf_counter() - start:.0f} s",
        "",
        "Held out (each cluster judged with its fold's setting):",
        "",
        "| guard | true passed by the guard | of them flagged by the rule (added) "
        "| flipped passed by the guard | of them flagged by the rule (caught) |",
        "|---|---:|---:|---:|---:|",
        line("lexical", "lexical"),
        *([line("embeddings", "lexical + embedding")] if args.embeddings else []),
        "",
        f"Verdict: {'adopted' if ok else 'not adopted'} (caught {caught / flip_n:.1%}, "
        f"added {added / n_true:.1%}).",
        "",
        f"Out of reach: {unread} of the {flip_n} flipped sentences the lexical guard passes "
        "have no source sentence sharing the fold's tau of their content stems (the "
        "references paraphrase their sources), so no setting chosen reads them.",
        "",
        "Held-out false alarms (true sentences the guard passes, flagged):",
        "",
        *[f"- {a}" for a in alarms or ["none"]],
        "",
        "The first version of this script (a645bf8) read n't only after a straight "
        "apostrophe and counted its flags among all sentences, not only those the guard "
        "passes: 15 of 417 true sentences and 153 of 244 flipped then (416 true and 228 "
        "flipped passed now, as the checker changed since). Its rule is the row marked "
        "below.",
        "",
        "Every setting on all 10 clusters (not held out; lexical guard):",
        "",
        "| setting | added | caught |",
        "|---|---:|---:|",
    ]
    for s in GRID:
        fn, fc, _, ta = counts(rows, s)
        mark = " (the first version's rule)" if s == FIRST else ""
        lines.append(f"| {name(s)}{mark} | {ta} ({ta / n_true:.1%}) | {fc} ({fc / max(fn, 1):.1%}) |")
    emit_report("\n".join(lines), Path(args.out) if args.out else None)
    return 0


if __name__ == "__main__":
    run_script(main)
