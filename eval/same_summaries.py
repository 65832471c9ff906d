"""Every extractive method's summaries from this tree and from an earlier checkout, compared.

Usage::

    git worktree add --detach /tmp/before <commit>
    python eval/same_summaries.py --baseline /tmp/before [--mb 5] [--methods coverage,lead]
        [--out eval/results/x.md]

For each method and option set below, the whole ``Summary.to_dict()`` (sentences, offsets,
scores, settings; ``solver_seconds`` left out, a timing) of 4 English and 4 French TAC 2011
clusters and of one ``--mb`` MB news-like text (eval/scaling.py's articles), at four budgets
(100 words; 250 words and 665 bytes truncated; 3 sentences), is hashed in a fresh process of
each tree. A memory fix must leave every row "same".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, missing_tac, run_script  # noqa: E402
from scaling import DEFAULT_DATA  # noqa: E402

CONFIGS = [("lead", {}), ("lead", {"mode": "newest"}), ("lead", {"compress": True}),
           ("centroid", {}), ("centroid", {"order": "readable", "dangling": "all"}),
           ("mmr", {}), ("lexrank", {}), ("lexrank", {"threshold": 0.1}), ("textrank", {}),
           ("ilp", {}), ("coverage", {}), ("coverage", {"dangling": "all"}),
           ("coverage", {"compress": True}), ("coverage", {"representation": "tfidf"}),
           ("submodular", {})]

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="an earlier checkout")
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
    if not (args.baseline / "summarizer" / "__init__.py").is_file():
        ap.error(f"--baseline {args.baseline} is not a checkout of this package")
    if missing_tac(args.data):
        return 2
    from bench_memory import write_input
    from scaling import ArticleMaker, source_sentences

    with tempfile.TemporaryDirectory() as tmp:
        text, size = write_input(ArticleMaker(source_sentences(args.data)), [], "document",
                                 args.mb, Path(tmp))
        before = digests(args.baseline.resolve(), args.data, text, configs)
        after = digests(REPO, args.data, text, configs)
    lines = [f"# Same summaries as {args.baseline} (TAC 2011 4 English + 4 French clusters, "
             f"one {size / 1e6:.1f} MB text; 4 budgets)", "",
             "| method | options | before | after | same |", "|---|---|---|---|---|"]
    for (method, options), a, b in zip(configs, before, after, strict=True):
        lines.append(f"| {method} | {json.dumps(options)} | {a} | {b} | "
                     f"{'same' if a == b else '**DIFFERENT**'} |")
    emit_report("\n".join(lines), args.out)
    return 0 if before == after else 1


if __name__ == "__main__":
    run_script(main)
