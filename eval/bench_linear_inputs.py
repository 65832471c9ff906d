"""Time against input size for paths that were quadratic and are linear since session
29: the rule sentence splitter on one long line, the faithfulness check of one long
unpunctuated source sentence, and finding numbers beside many dates; and since session 58
the rule splitter on periods glued to words without spaces (Persian "کتابها." repeated:
each period read the word before it back to the run's start); and since session 60
German initials in a run ("A. A. A. ...": each capital after a period searched the whole
sentence merged so far for an ordinal after an article). Each path is timed at
1x, 2x and 4x its base size in one run, in one process after a warm-up, the sizes
alternated pass by pass; the table gives the median of ``--repeats`` and each size's ratio
to the 1x median: linear time reads about 2x and 4x, quadratic about 4x and 16x.

Usage::

    python eval/bench_linear_inputs.py [--scale 1.0] [--repeats 3] [--out FILE]

``--scale`` multiplies every base size (0.1 for a quick look). This replaces the timed
unit tests (a thread join timeout) that guarded these paths: tests/fuzz/test_s29_inputs.py
keeps their correctness assertions at small sizes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import command_line, emit_report, run_script, uptime  # noqa: E402

FACTORS = (1, 2, 4)
SPLIT_SENTENCES = {"hebrew": "הממשלה הודיעה היום על תוכנית חדשה. ",
                   "arabic": "قال الرئيس إن الحكومة ستعمل على الخطة. ",
                   "hindi": "सरकार ने आज नई योजना की घोषणा की. "}
SPLIT_CHARS = 1_000_000  # one line, no newline: the splitter's rules at every period
GLUED = ("persian", "کتابها.")  # no space anywhere: one "word" the whole line long
GLUED_CHARS = 200_000
INITIALS = ("german", "A. ")  # initials merged into one sentence as the run goes on
INITIALS_CHARS = 60_000
CHECK_CLAUSES = 500  # one source sentence of dated figures, no period
NUMBER_CLAUSES = 8_000  # dated figures: as many dates as numbers to find


def dated_figures(n: int) -> str:
    return " ".join(f"the council spent {i} dollars on May {i % 28 + 1} 2004" for i in range(n))


def split_case(language: str, chars: int) -> tuple[str, Callable[[], object]]:
    from summarizer.sentences.split import split_spans

    sentence = SPLIT_SENTENCES[language]
    text = sentence * (chars // len(sentence))
    return f"{len(text):,} chars, {text.count('. '):,} sentences", lambda: split_spans(
        text, language)


def glued_case(chars: int) -> tuple[str, Callable[[], object]]:
    from summarizer.sentences.split import split_spans

    language, piece = GLUED
    text = piece * (chars // len(piece))
    return f"{len(text):,} chars, {text.count('.'):,} periods, no space", lambda: split_spans(
        text, language)


def initials_case(chars: int) -> tuple[str, Callable[[], object]]:
    from summarizer.sentences.split import split_spans

    language, piece = INITIALS
    text = "Die Liste: " + piece * (chars // len(piece))
    return f"{len(text):,} chars, {text.count('. '):,} initials", lambda: split_spans(
        text, language)


def check_case(clauses: int) -> tuple[str, Callable[[], object]]:
    from summarizer.faithfulness import check

    source = dated_figures(clauses)
    return (f"{len(source):,} chars, {clauses:,} numbers and dates",
            lambda: check("The council spent 5 dollars.", [source], embeddings=False,
                          language="english"))


def numbers_case(clauses: int) -> tuple[str, Callable[[], object]]:
    from summarizer.faithfulness.dates import find_dates
    from summarizer.faithfulness.numbers import find_numbers

    text = dated_figures(clauses)
    dates = [(d.start, d.end) for d in find_dates(text)]  # not timed
    return (f"{len(text):,} chars, {len(dates):,} date spans",
            lambda: find_numbers(text, dates, spelled_ordinals=True))


def timed(make: Callable[[int], tuple[str, Callable[[], object]]], base: int,
          repeats: int) -> list[str]:
    """One table row per size: the median seconds of ``repeats`` and the ratio to 1x."""
    cases = [make(base * f) for f in FACTORS]
    make(max(1, base // 10))[1]()  # warm-up: imports, compiled patterns, stemmers
    times: list[list[float]] = [[] for _ in FACTORS]
    for _ in range(repeats):
        for k, (_, run) in enumerate(cases):  # sizes alternated pass by pass
            t0 = time.perf_counter()
            run()
            times[k].append(time.perf_counter() - t0)
    first = statistics.median(times[0])
    rows = []
    for f, (shape, _), t in zip(FACTORS, cases, times, strict=True):
        med = statistics.median(t)
        rows.append(f"| {f}x | {shape} | **{med:.3f}** | {min(t):.3f} | {max(t):.3f} | "
                    f"**{med / first:.2f}x** |")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not 0 < args.scale <= 20:
        ap.error("--scale must be above 0 and at most 20")
    if not 1 <= args.repeats <= 20:
        ap.error("--repeats must be 1..20")
    header = ["| size | input | median s | min | max | ratio to 1x |",
              "|---|---|---|---|---|---|"]
    lines = ["# Time against input size: paths that were quadratic", "",
             f"Command: `{command_line('bench_linear_inputs.py', argv)}`", "",
             f"`uptime` at start: `{uptime()}`.", "",
             "Linear time reads about 2x and 4x in the last column, quadratic about 4x and "
             "16x.", ""]
    for language in SPLIT_SENTENCES:
        lines += [f"## split_spans, one {language} line", ""] + header
        lines += timed(lambda n, lang=language: split_case(lang, n),
                       max(1, int(SPLIT_CHARS * args.scale)), args.repeats)
        lines.append("")
    lines += [f"## split_spans, one {GLUED[0]} line of periods glued to words", ""] + header
    lines += timed(glued_case, max(1, int(GLUED_CHARS * args.scale)), args.repeats)
    lines += ["", f"## split_spans, one {INITIALS[0]} line of initials", ""] + header
    lines += timed(initials_case, max(1, int(INITIALS_CHARS * args.scale)), args.repeats)
    lines += ["", "## faithfulness.check, one unpunctuated source sentence", ""] + header
    lines += timed(check_case, max(1, int(CHECK_CLAUSES * args.scale)), args.repeats)
    lines += ["", "## find_numbers beside as many date spans (find_dates not timed)", ""]
    lines += header + timed(numbers_case, max(1, int(NUMBER_CLAUSES * args.scale)),
                            args.repeats)
    load = os.getloadavg()
    lines += ["", f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
              f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end; one process, after a "
              f"warm-up at a tenth of 1x, sizes alternated, medians of {args.repeats}.",
              f"`uptime` at end: `{uptime()}`."]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
