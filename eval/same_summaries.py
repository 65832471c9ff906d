"""Every extractive method's summaries from this tree and from an earlier checkout, compared.

Usage::

    git worktree add --detach /tmp/before <commit>
    python eval/same_summaries.py --baseline /tmp/before [--mb 5] [--methods coverage,lead]
        [--out eval/results/x.md]
    python eval/same_summaries.py --baseline-report x.md [--mb 5] ...

For each method and option set below, the whole ``Summary.to_dict()`` (sentences, offsets,
scores, settings; ``solver_seconds`` left out, a timing) of 4 English and 4 French TAC 2011
clusters and of one ``--mb`` MB news-like text (eval/scaling.py's articles), at four budgets
(100 words; 250 words and 665 bytes truncated; 3 sentences), is hashed in a fresh process of
each tree. A memory fix must leave every row "same". ``--baseline-report`` takes the
baseline's digests from an earlier report of this script (its "before" column, the same
text size and rows) instead of hashing the baseline again: half the time of a rerun against
a baseline that has not moved.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import checkout, emit_report, missing_tac, run_script  # noqa: E402
from scaling import DEFAULT_DATA  # noqa: E402

CONFIGS = [("lead", {}), ("lead", {"mode": "newest"}), ("lead", {"compress": True}),
           ("centroid", {}), ("centroid", {"order": "readable", "dangling": "all"}),
           ("mmr", {}), ("lexrank", {}), ("lexrank", {"threshold": 0.1}), ("textrank", {}),
           ("ilp", {}), ("coverage", {}), ("coverage", {"dangling": "all"}),
           ("coverage", {"compress": True}), ("coverage", {"representation": "tfidf"}),
           ("submodular", {}),
           # coverage's LSA concept weights and occams (same_summaries_lsatie.md compared
           # these by hand), and coverage's two content signals of issue 12
           ("coverage", {"concept_weighting": "lsa"}),
           ("coverage", {"concept_weighting": "lsa-df"}),
           ("coverage", {"concept_weighting": "lsa", "lsa_rank": 0.5}),
           ("coverage", {"concept_weighting": "lsa", "lsa_rank": 3, "lsa_entries": "tfidf"}),
           ("coverage", {"document_diversity": 4.0}),
           ("coverage", {"document_diversity": 16.0, "diversity_weight": 0.0}),
           ("coverage", {"entity_weight": 2.0}),
           ("occams", {}), ("occams", {"lsa_rank": 0.5}), ("occams", {"lsa_rank": 3}),
           ("occams", {"lsa_entries": "tfidf"}), ("occams", {"concept_units": "unigrams"}),
           ("occams", {"min_df": 2})]

# Run in each tree: one digest per config, as JSON lines.
_CHILD = """
import hashlib, json, sys
from summarizer.documents import load_tac2011
from summarizer.documents.loaders import load_cluster
from summarizer.summarizers import get_summarizer, make_budget
data, text, configs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
clusters = [c for lang in ("english", "french") for c in list(load_tac2011(data, lang))[:4]]
clusters.append(load_cluster([text]))
budgets = [make_budget(words=100), make_budget(words=250, truncate=True),
           make_budget(bytes=665, truncate=True), make_budget(sentences=3)]
for method, options in configs:
    digest = hashlib.sha256()
    for cluster in clusters:
        for budget in budgets:
            out = get_summarizer(method, **options).summarize(cluster, budget).to_dict()
            out["settings"].pop("solver_seconds", None)
            digest.update(json.dumps(out, sort_keys=True, default=str).encode())
    print(json.dumps([method, options, digest.hexdigest()[:16]]), flush=True)
"""


def digests(tree: Path, data: Path, text: Path,
            configs: list[tuple[str, dict]] = CONFIGS) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(tree), SUMMARIZER_PROGRESS="0")
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(data), str(text),
                           json.dumps(configs)], capture_output=True, text=True, env=env,
                          cwd=tree)
    if proc.returncode:
        raise SystemExit(f"{tree}: {(proc.stderr.strip().splitlines() or ['failed'])[-1]}")
    return [json.loads(line)[2] for line in proc.stdout.splitlines()]


_TITLE = re.compile(r"^# Same summaries as (.+) \(TAC 2011 .*, one ([0-9.]+) MB text; 4 budgets\)$",
                    re.M)
_ROW = re.compile(r"^\| (\w+) \| (\{[^|]*\}) \| ([0-9a-f]{16}) \| [0-9a-f]{16} \| ", re.M)


def report_lines(baseline: str, size: int, configs: list[tuple[str, dict]], before: list[str],
                 after: list[str], reused: Path | None = None) -> list[str]:
    """The report: a title naming the baseline and the text's size, then a row per config
    (what :func:`report_digests` reads back)."""
    lines = [f"# Same summaries as {baseline} (TAC 2011 4 English + 4 French clusters, "
             f"one {size / 1e6:.1f} MB text; 4 budgets)", "",
             *([f"Before: the digests of {reused}, not hashed again.", ""] if reused else []),
             "| method | options | before | after | same |", "|---|---|---|---|---|"]
    for (method, options), a, b in zip(configs, before, after, strict=True):
        lines.append(f"| {method} | {json.dumps(options)} | {a} | {b} | "
                     f"{'same' if a == b else '**DIFFERENT**'} |")
    return lines


def report_digests(path: Path) -> tuple[str, str, dict[tuple[str, str], str]]:
    """An earlier report's baseline, its text's size as written (MB, one decimal) and its
    "before" digest per (method, options as written)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot be read ({type(exc).__name__})") from None
    title = _TITLE.search(text)
    if title is None:
        raise ValueError("holds no title line of this script's report")
    return title[1], title[2], {(m, o): d for m, o, d in _ROW.findall(text)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    side = ap.add_mutually_exclusive_group(required=True)
    side.add_argument("--baseline", type=Path, help="an earlier checkout")
    side.add_argument("--baseline-report", type=Path,
                      help="an earlier report of this script: its before digests, not rehashed")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--methods", default="", help="only these methods' rows (comma-separated)")
    args = ap.parse_args(argv)
    wanted = {m for m in args.methods.split(",") if m}
    if wanted - {m for m, _ in CONFIGS}:
        ap.error(f"--methods: no rows for {', '.join(sorted(wanted - {m for m, _ in CONFIGS}))}")
    configs = [c for c in CONFIGS if not wanted or c[0] in wanted]
    if not 0 < args.mb <= 100:
        ap.error("--mb must be above 0 and at most 100")
    checkout(ap, args.baseline)
    if args.baseline_report:
        try:
            baseline, report_mb, known = report_digests(args.baseline_report)
        except ValueError as exc:
            ap.error(f"--baseline-report {args.baseline_report} {exc}")
        missing = [f"{m} {json.dumps(o)}" for m, o in configs if (m, json.dumps(o)) not in known]
        if missing:
            ap.error(f"--baseline-report {args.baseline_report} has no row for "
                     f"{'; '.join(missing)}")
    if missing_tac(args.data):
        return 2
    from bench_memory import write_input
    from scaling import ArticleMaker, source_sentences

    with tempfile.TemporaryDirectory() as tmp:
        text, size = write_input(ArticleMaker(source_sentences(args.data)), [], "document",
                                 args.mb, Path(tmp))
        if args.baseline_report:
            if report_mb != f"{size / 1e6:.1f}":
                ap.error(f"--baseline-report {args.baseline_report} hashed a {report_mb} MB "
                         f"text, this run one of {size / 1e6:.1f} MB (--mb)")
            before = [known[(m, json.dumps(o))] for m, o in configs]
        else:
            baseline = str(args.baseline)
            before = digests(args.baseline.resolve(), args.data, text, configs)
        after = digests(REPO, args.data, text, configs)
    lines = report_lines(baseline, size, configs, before, after, args.baseline_report)
    emit_report("\n".join(lines), args.out)
    return 0 if before == after else 1


if __name__ == "__main__":
    run_script(main)
