"""The cost of refusing a repeated key in a JSONL line (``{"text": "a", "text": "b"}``):
``textio.parse_jsonl_line`` parses through ``json``'s ``object_pairs_hook``
(``jsonl._unique_keys``, which builds each object from its pairs and compares the counts),
where it parsed to dicts directly. Timed here, in one process, with the hook and without it
(``_unique_keys`` set to None for the "before" runs: the parse as it was), alternated pass
by pass, on one line of ``--mb`` MB of each shape:

- ``one text``: a row whose text is one string (the 50 MB lines of bench_memory_jsonl);
- ``texts``: a row of 5 KB document strings, 1% of words with a colon ("10:30");
- ``document objects``: a row of documents as ``{"id", "text"}`` objects of 500 B;
- ``tiny objects``: a row of ``{"a": 1}`` objects, the worst case for a per-object hook.

``parse`` is ``parse_jsonl_line`` of the line held in memory; ``read`` is every record of
a file holding the line, through ``textio.open_jsonl`` (the check pass over its bytes, the
line read and decoded, then parsed): what ``summarize``, ``evaluate`` and ``batch`` do with
it.

Usage::

    python eval/bench_jsonl_keys.py [--mb 50] [--repeats 5] [--lock FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    command_line,
    emit_report,
    locked,
    machine_line,
    run_script,
    uptime,
)


def _words(rng: random.Random) -> list[str]:
    return ["".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9)))
            for _ in range(2000)]


def _text(rng: random.Random, words: list[str], size: int, colons: bool) -> str:
    out, n = [], 0
    while n < size:
        w = rng.choice(words) + (" 10:30" if colons and rng.random() < 0.01 else "")
        out.append(w)
        n += len(w) + 1
    return " ".join(out)


def shapes(mb: float) -> dict[str, str]:
    """One JSONL line of about ``mb`` MB in each shape."""
    rng = random.Random(0)
    words = _words(rng)
    size = int(mb * 1_000_000)
    return {
        "one text": json.dumps({"id": "a", "text": _text(rng, words, size, False),
                                "summary": "A storm."}),
        "texts": json.dumps({"id": "a", "documents": [_text(rng, words, 5000, True)
                                                      for _ in range(max(1, size // 5000))],
                             "references": ["A storm."]}),
        "document objects": json.dumps({"id": "a", "documents": [
            {"id": f"d{i}", "text": _text(rng, words, 480, True)}
            for i in range(max(1, size // 520))], "references": ["A storm."]}),
        "tiny objects": json.dumps({"id": "a", "documents": [{"a": 1}] * max(1, size // 10)}),
    }


def _best_of(run: Callable[[], object], hook: bool, repeats: int) -> list[float]:
    from summarizer.textio import jsonl

    kept = jsonl._unique_keys
    times = []
    try:
        jsonl._unique_keys = kept if hook else None  # type: ignore[assignment]
        for _ in range(repeats):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
    finally:
        jsonl._unique_keys = kept
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--lock", default=None, help="a lock file held while timing")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not 0 < args.mb <= 400:
        ap.error("--mb must be above 0 and at most 400")
    if not 1 <= args.repeats <= 20:
        ap.error("--repeats must be 1..20")
    from summarizer.textio import open_jsonl, parse_jsonl_line

    lines = ["# Repeated JSONL keys refused: the parse with the check and without it", "",
             f"Command: `{command_line('bench_jsonl_keys.py', argv)}`", "",
             f"`uptime` at start: `{uptime()}`.", "",
             "| line | MB | step | before s | after s | after / before |",
             "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name, line in shapes(args.mb).items():
            path = Path(tmp) / "row.jsonl"
            path.write_text(line + "\n", encoding="utf-8")
            steps = {"parse": lambda line=line: parse_jsonl_line(line, "row"),
                     "read": lambda path=path: sum(1 for _ in open_jsonl(path))}
            for step, run in steps.items():
                before: list[float] = []
                after: list[float] = []
                with locked(args.lock):
                    run()  # warm-up
                    for _ in range(args.repeats):  # alternated
                        before += _best_of(run, False, 1)
                        after += _best_of(run, True, 1)
                b, a = statistics.median(before), statistics.median(after)
                lines.append(f"| {name} | {len(line) / 1e6:.0f} | {step} | {b:.3f} | "
                             f"{a:.3f} | {a / b:.2f}x |")
            del line
    lines += ["", machine_line(args.repeats, "the step alone, in one process, before and "
                               "after alternated; before: object_pairs_hook None").replace(
                  "each a fresh process", "one process"),
              f"`uptime` at end: `{uptime()}`."]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
