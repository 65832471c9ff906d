"""Per-language view of the OCCAMS-style (LSA) concept weights in the TAC 2011 CV grid.

Usage::

    python eval/tac2011_cv_lsa.py [--data ...] [--cache ...] [--configs default,coverage-lsa,...]

Reads the summaries ``eval/tac2011_cv.py`` keeps in ``--cache`` (computing any that are
missing), and prints, for every configuration named, the in-sample R1 / R2 recall per
language at both budgets with the joint criterion (R2 at 250 words + R1 + R2 at 100,
pooled), then the joint leave-one-cluster-out CV over these configurations, and the folds
where the CV's most frequent choice was not taken: what the held-out cluster scored under
it and under the configuration chosen instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
from bench_common import emit_report, missing_tac, run_script  # noqa: E402

LSA_GRID = ("default,coverage-lsa,coverage-lsa-tfidf,coverage-lsa-mass50,coverage-lsa-df,"
            "coverage-lsa-df-tfidf,coverage-lsa-df-mass50")


def report(h: cv.Harness, scores: dict, secs: float) -> str:
    langs = list(dict.fromkeys(h.lang))
    lines = [f"Configurations: {', '.join(f'`{n}`' for n in scores)}; code fingerprint "
             f"{h.fingerprint}; {len(h.clusters)} clusters; {secs:.0f} s.", ""]
    for b in cv.BUDGETS:
        lines += [f"### In-sample R1 / R2 recall at {b} words", "",
                  "| configuration | " + " | ".join(langs) + " | all |",
                  "|---|" + "---|" * (len(langs) + 1)]
        for n, sc in scores.items():
            r1, r2 = (cv.by_language(x, h.lang) for x in sc[b])
            lines.append(f"| `{n}` | " + " | ".join(f"{r1[g]:.4f} / {r2[g]:.4f}"
                                                    for g in langs + ["all"]) + " |")
        lines.append("")
    lines += ["### Joint criterion (R2 at 250 + R1 + R2 at 100), in-sample", "",
              "| configuration | " + " | ".join(langs) + " | all |",
              "|---|" + "---|" * (len(langs) + 1)]
    for n in scores:
        j = cv.by_language(cv.joint_per_cluster(scores[n]), h.lang)
        lines.append(f"| `{n}` | " + " | ".join(f"{j[g]:.4f}" for g in langs + ["all"]) + " |")
    held, chosen = cv.loo_cv(scores, tuple(cv.BUDGETS))
    held_joint = cv.by_language(cv.joint_per_cluster(held), h.lang)
    lines += ["| joint CV, held-out | " + " | ".join(f"{held_joint[g]:.4f}"
                                                   for g in langs + ["all"]) + " |", "",
              "Joint CV choices: " + ", ".join(f"`{n}` x{c}"
                                              for n, c in Counter(chosen).most_common()) + ".",
              ""]
    top = Counter(chosen).most_common(1)[0][0]
    others = [k for k, c in enumerate(chosen) if c != top]
    if others:
        lines += [f"Folds where `{top}` was not chosen: the held-out cluster's joint "
                  "criterion under it and under the choice.", "",
                  f"| cluster | chosen | `{top}` | chosen's |", "|---|---|---|---|"]
        mine = cv.joint_per_cluster(scores[top])
        for k in others:
            c = h.clusters[k]
            lines.append(f"| {c.language}/{c.id} | `{chosen[k]}` | {mine[k]:.4f} "
                         f"| {cv.joint_per_cluster(scores[chosen[k]])[k]:.4f} |")
    return "\n".join(lines)


def variant_grid_main(argv: list[str] | None, doc: str, grid: tuple[str, ...],
                      facts: Callable[[cv.Harness], str] | None = None, *,
                      configs: dict[str, tuple[str, dict]] | None = None,
                      paired: bool = False) -> int:
    """The main() of a pre-registered variant grid run against the default
    (``tac2011_cv_background.py``, ``tac2011_cv_wordpos.py``): the CV report for ``grid``,
    this module's per-language tables, with ``paired`` the grid's paired table against the
    default (``tac2011_cv.paired_table``), then ``facts(h)``. ``configs`` are the grid's own
    configurations, added to ``tac2011_cv.CONFIGS`` first."""
    if configs:
        cv.CONFIGS.update(configs)
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=cv.DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=cv.DEFAULT_CACHE)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    seed = cv.set_seed()
    t0 = time.perf_counter()
    h = cv.Harness(args.data, list(cv.LANGUAGES), args.cache)
    scores = cv.run_grid(h, grid)
    official = {p: h.run_official(p) for p in cv.PARTICIPANTS + ("ID9", "ID10")}
    secs = time.perf_counter() - t0
    text = "\n\n".join([
        cv.report(h, scores, official, seed, secs),
        "## Per language (`eval/tac2011_cv_lsa.py`'s tables for this grid)\n\n"
        + report(h, scores, secs),
        *([cv.paired_table(scores)] if paired else []),
        *([facts(h)] if facts is not None else []),
    ])
    emit_report(text, args.out)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=cv.DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=cv.DEFAULT_CACHE)
    ap.add_argument("--configs", default=LSA_GRID)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    names = ["default"] + [n for n in args.configs.split(",") if n and n != "default"]
    unknown = [n for n in names if n not in cv.CONFIGS]
    if unknown:
        print(f"unknown configuration(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    cv.set_seed()
    t0 = time.perf_counter()
    h = cv.Harness(args.data, list(cv.LANGUAGES), args.cache)
    scores = cv.run_grid(h, names)
    emit_report(report(h, scores, time.perf_counter() - t0), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
