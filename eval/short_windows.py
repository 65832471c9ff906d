"""Short text in a legacy code page, read without a language: how many windows of 1-5
words each checkout reads right (``decode_bytes(data).text`` is the text written).

Usage::

    git worktree add --detach /tmp/before main
    python eval/short_windows.py --baseline /tmp/before [--baseline OTHER ...]
                                 [--articles 30] [--lock /tmp/cpu.lock]
                                 [--out eval/results/short_windows.md]

Texts: the paragraphs of ``tests/fixtures/languages`` (one file a language) and of
``tests/fixtures/legacy_windows`` (more Polish, Slovak and Romanian news, no corpus of
theirs at hand; Romanian's comma-below ``ș ț`` and cedilla ``ş ţ`` paragraphs both), the first
``--articles`` TAC 2011 source articles (sorted by name) of English, Czech and French, and
the first ``--controls`` of Greek, Arabic and Hebrew, whose pages must not read as Latin
letters (their first line, the date and title, left out). Each text is cut into consecutive
windows of 1, 2, 3, 4 and 5 words (split at white space, punctuation kept); a window is
kept where it holds a non-ASCII character, and each distinct one is encoded in each of its
language's legacy code pages (``summarizer.languages.legacy_encodings``). Bytes the page
cannot write are left out, and so are bytes that are valid UTF-8 (decoding reads them as
UTF-8 before any detection; both sides alike); the counts of both are in the report.
Every checkout decodes the same byte strings in a fresh process of its own (its package
imported, no other); a window is right where the text read is the text written, whatever
the encoding named (cp1250 and ISO-8859-2 write Czech ``Děti`` with the same bytes).
Romanian's comma-below ``ș ț`` in ISO-8859-16 are the bytes of cp1250's cedilla ``ş ţ``: the
windows misread only so are counted apart. Not timed: ``eval/bench_detect.py`` times
decoding.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    checkout,
    emit_report,
    locked,
    machine_line,
    missing_tac,
    run_script,
)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = (REPO / "tests" / "fixtures" / "languages",
            REPO / "tests" / "fixtures" / "legacy_windows")
TAC = SHARED_DATA / "tac2011_multiling"
TAC_LANGUAGES = ("english", "czech", "french")
# TAC languages of other scripts, whose every window is non-ASCII: a check that their
# legacy pages are not read as Latin letters (their first --controls articles).
CONTROLS = ("greek", "arabic", "hebrew")
SIZES = (1, 2, 3, 4, 5)
# Languages whose legacy pages are Central European (cp1250, ISO-8859-2): their rows are
# summed apart from the Western ones in the report.
CENTRAL = frozenset({"czech", "slovak", "polish", "hungarian", "slovene", "croatian",
                     "romanian"})

_CHILD = """
import json, sys
from summarizer.textio import decode_bytes
out = []
for hexed in json.loads(sys.stdin.read()):
    try:
        out.append(decode_bytes(bytes.fromhex(hexed)).text)
    except Exception as exc:
        out.append("!" + type(exc).__name__)
import summarizer
print(json.dumps({"read": out, "package": summarizer.__file__}))
"""


def texts(tac: Path | None, articles: int, controls: int) -> list[tuple[str, str]]:
    """(language, text): each fixture paragraph file (of each of :data:`FIXTURES`), then the first ``articles`` TAC
    articles of each of :data:`TAC_LANGUAGES` and ``controls`` of each of :data:`CONTROLS`
    under ``tac`` (None: none)."""
    found = [(f.stem, f.read_text(encoding="utf-8"))
             for folder in FIXTURES for f in sorted(folder.glob("*.txt"))]
    for languages, most in ((TAC_LANGUAGES, articles), (CONTROLS, controls)):
        for language in languages if tac else ():
            for f in sorted((tac / "SourceTexts").glob(f"*.{language}"))[:most]:
                found.append((language, f.read_bytes().decode("utf-8").split("\n", 1)[-1]))
    return found


def windows(text: str, size: int) -> list[str]:
    """``text``'s consecutive windows of ``size`` words (the last one shorter left out)."""
    words = text.split()
    return [" ".join(words[i:i + size]) for i in range(0, len(words) - size + 1, size)]


def samples(found: list[tuple[str, str]]) -> tuple[list[tuple[str, str, int, str, str]],
                                                    Counter[str]]:
    """((language, page, words, text, bytes as hex) of each distinct window in each page,
    the counts of those left out: 'unwritable' in the page, 'valid UTF-8')."""
    from summarizer.languages import legacy_encodings

    seen: set[tuple[str, str, int, str]] = set()
    out, left = [], Counter[str]()
    for size in SIZES:
        for language, text in found:
            for window in windows(text, size):
                if window.isascii():
                    continue
                for page in legacy_encodings(language):
                    key = (language, page, size, window)
                    if key in seen:
                        continue
                    seen.add(key)
                    try:
                        data = window.encode(page)
                    except UnicodeEncodeError:
                        left["unwritable"] += 1
                        continue
                    try:
                        data.decode("utf-8")
                        left["valid UTF-8"] += 1
                        continue
                    except UnicodeDecodeError:
                        pass
                    out.append((language, page, size, window, data.hex()))
    return out, left


def read_all(code: Path, hexed: list[str]) -> list[str]:
    """What the checkout ``code`` reads each of ``hexed`` as (``!Error`` where it raises)."""
    done = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(hexed), text=True,
                          capture_output=True, check=True, cwd=code,
                          env=dict(os.environ, PYTHONPATH=str(code)))
    found = json.loads(done.stdout)
    if not found["package"].startswith(str(code.resolve())):
        raise SystemExit(f"{code}: its package was not the one imported ({found['package']})")
    return found["read"]


def report(rows: list[tuple[str, str, int, str, str]], sides: dict[str, list[str]],
           left: Counter[str], show: int) -> str:
    names = list(sides)
    right = {name: [got == row[3] for row, got in zip(rows, sides[name], strict=True)]
             for name in names}
    tally: dict[tuple[str, str, int], Counter[str]] = {}
    for i, (language, page, size, _, _) in enumerate(rows):
        c = tally.setdefault((language, page, size), Counter())
        c["n"] += 1
        for name in names:
            c[name] += right[name][i]
    head = " | ".join(names)
    out = [f"| language | page | words | windows | {head} |",
           "|---|---|---:|---:|" + "---:|" * len(names)]
    for (language, page, size), c in sorted(tally.items()):
        out.append(f"| {language} | {page} | {size} | {c['n']} | "
                   + " | ".join(str(c[name]) for name in names) + " |")
    out.append(f"\n| group | words | windows | {head} |")
    out.append("|---|---:|---:|" + "---:|" * len(names))
    groups = {"Central European": CENTRAL, "Other scripts": frozenset(CONTROLS)}
    for group in ("Central European", "Western", "Other scripts"):
        for size in (*SIZES, 0):
            keep = [i for i, r in enumerate(rows) if size in (0, r[2]) and (
                r[0] in groups[group] if group in groups
                else not any(r[0] in members for members in groups.values()))]
            out.append(f"| {group} | {size or 'all'} | {len(keep)} | "
                       + " | ".join(str(sum(right[name][i] for i in keep)) for name in names)
                       + " |")
    last = names[-1]
    for other in names[:-1]:
        won = [i for i in range(len(rows)) if right[last][i] and not right[other][i]]
        lost = [i for i in range(len(rows)) if right[other][i] and not right[last][i]]
        out.append(f"\n{last} against {other}: {len(won)} windows right that were not, "
                   f"{len(lost)} right before and not now")
        for label, picked in (("now right", won), ("now wrong", lost)):
            for i in picked[:show]:
                language, page, size, text, _ = rows[i]
                out.append(f"- {label}: {language} {page}, {size}: {text!r} "
                           f"({other} {sides[other][i]!r}, {last} {sides[last][i]!r})")
    # ISO-8859-16 writes Romanian's comma-below "ș ț" with the bytes of cp1250's cedilla
    # "ş ţ": read as cp1250, such a window is the same text in the older spelling
    cedilla = str.maketrans("şţŞŢ", "șțȘȚ")
    only = {name: sum(1 for row, got in zip(rows, sides[name], strict=True)
                      if got != row[3] and got.translate(cedilla) == row[3].translate(cedilla))
            for name in names}
    out.append("\nMisread only as the cedilla's ş ţ for the comma-below ș ț (ISO-8859-16's "
               "bytes are cp1250's): " + ", ".join(f"{name} {n}" for name, n in only.items()))
    out.append(f"\nWindows: {len(rows):,} byte strings decoded by each side; left out: "
               f"{left['unwritable']} the page cannot write, {left['valid UTF-8']} valid "
               "UTF-8.")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, action="append", required=True,
                    help="a checkout of older code (repeat for several; each is a column)")
    ap.add_argument("--data", type=Path, default=TAC, help="TAC 2011 MultiLing's folder")
    ap.add_argument("--articles", type=int, default=30,
                    help="TAC articles of each language (0: the fixture paragraphs only)")
    ap.add_argument("--controls", type=int, default=5,
                    help="TAC articles of each of Greek, Arabic and Hebrew (0: none)")
    ap.add_argument("--show", type=int, default=15, help="windows listed of each change")
    ap.add_argument("--lock", default="", help="hold this lock file while decoding")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    for base in args.baseline:
        checkout(ap, base)
    if not (0 <= args.articles <= 100 and 0 <= args.controls <= 100):
        ap.error("--articles and --controls must be 0..100")
    tac = args.data if args.articles or args.controls else None
    if tac and missing_tac(tac):
        return 2
    if tac:  # a folder without TAC inside is an error, not a report of the fixtures alone
        from summarizer.documents.tac import find_tac2011_root

        tac = find_tac2011_root(tac)
    rows, left = samples(texts(tac, args.articles, args.controls))
    hexed = [r[4] for r in rows]
    sides: dict[str, list[str]] = {}
    with locked(args.lock):
        for code in (*args.baseline, REPO):
            name = "this checkout" if code == REPO else str(code)
            sides[name] = read_all(code, hexed)
    emit_report(report(rows, sides, left, args.show) + "\n\n"
                + machine_line(1, "not timed"), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
