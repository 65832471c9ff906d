"""How often a summary sentence points back at a sentence the summary left out.

Usage::

    python eval/tac2011_dangling.py [--data ../shared/data/tac2011_multiling]
                                    [--configs default,coverage-coherent] [--out FILE]

For every configuration (names from eval/tac2011_cv.py's CONFIGS) the 10 TAC
2011 English clusters are summarised at 250 words (whole sentences) and at 100
words (the last sentence cut). A sentence after the first *dangles without its
antecedent* when it opens with a pronoun or connective
(``readability.dangling_opening``: "They also ...", "But he ...") and the
sentence before it in the summary is not the one right before it in its own
document. The table gives their number and share of the non-opening sentences
(the cut sentence that ends a 100-word summary counted apart), the summaries
that open with a dangling sentence, and the sentences traded for readability.
The word list is English, so only English is measured.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))

from bench_common import emit_report, missing_tac, run_script  # noqa: E402
from tac2011_cv import BUDGETS, CONFIGS, DEFAULT_DATA  # noqa: E402

from summarizer.documents import load_tac2011  # noqa: E402
from summarizer.summarizers import get_summarizer  # noqa: E402
from summarizer.summarizers.readability import dangling_opening, missing_antecedents  # noqa: E402


def count(summary) -> dict[str, int]:
    """Counts for one summary: non-opening whole sentences, those missing their
    antecedent, the same for the cut sentence, a dangling opener, trades made."""
    sents = summary.sentences
    texts = [s.text for s in sents]

    def follows(a: int, b: int) -> bool:
        return (sents[a].doc_id == sents[b].doc_id
                and sents[a].sentence_index == sents[b].sentence_index - 1)

    missing = set(missing_antecedents(list(range(len(sents))), texts, follows))
    cut = len(sents) - 1 if sents and sents[-1].truncated else None
    swaps = summary.settings.get("dangling_swaps") or []
    return {
        "later": max(len(sents) - 1 - (cut is not None), 0),
        "missing": len(missing - {cut}),
        "cut": int(cut is not None and cut > 0),
        "cut_missing": int(cut in missing),
        "opening": int(bool(sents) and dangling_opening(texts[0])),
        "swaps": len(swaps) + ("opening_swap" in summary.settings),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--configs", default="default,coverage-dangling-all,coverage-coherent")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    names = args.configs.split(",")
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        print(f"unknown configuration(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    clusters = load_tac2011(args.data, "english")
    lines = [
        f"# Sentences that dangle without their antecedent: TAC 2011 English, "
        f"{len(clusters)} clusters",
        "",
        "missing: sentences after the first that open with a pronoun or connective while "
        "the summary sentence before them is not their document predecessor; share of the "
        "non-opening whole sentences. cut: the same for the cut sentence ending a 100-word "
        f"summary. Load average {os.getloadavg()[0]:.1f}.",
        "",
        "| configuration | budget | sentences after the first | missing antecedent | share "
        "| cut sentence missing one | dangling openers | sentences traded |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        method, options = CONFIGS[name]
        summ = get_summarizer(method, **options)
        for b, (budget, _) in BUDGETS.items():
            total: dict[str, int] = {}
            for c in clusters:
                for k, v in count(summ.summarize(c, budget)).items():
                    total[k] = total.get(k, 0) + v
            share = total["missing"] / max(total["later"], 1)
            lines.append(
                f"| `{name}` | {b} | {total['later']} | {total['missing']} | {share:.3f} "
                f"| {total['cut_missing']} of {total['cut']} | {total['opening']} "
                f"| {total['swaps']} |")
    text = "\n".join(lines)
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
