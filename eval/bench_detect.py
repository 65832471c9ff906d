"""Legacy-encoding detection (step 7 of the decoding policy, ``summarizer.textio.detect``)
against a baseline checkout: the time of one ``decode_bytes`` call and what it read.

Usage::

    mkdir /tmp/detect-base && git archive BASE summarizer | tar -x -C /tmp/detect-base
    python eval/bench_detect.py --baseline /tmp/detect-base [--runs 5]
                                [--lock /tmp/cpu.lock] [--out eval/results/bench_detect.md]

Cases: TAC 2011's one file that is not UTF-8 (``M0069.czech``, cp1250; a built-in Czech
paragraph where TAC is absent) as it is and re-encoded in ISO-8859-2, with and without
``language="czech"``, and repeated to 2 MB (detected on a 256 KB sample); the seed
article in cp1252 and a Russian paragraph in cp1251, without a language. Each run is a
fresh process per checkout, the two alternated; timed is the median of 5 calls after a
first one (imports, compiled patterns). "reads" says whether the text is the source's and
the encoding reported. Then every file under ``--every`` (the shared data) is decoded by
both, with no language and with the one its extension names, and the readings compared.
Last, ``guess_language`` (no default: "none" where it does not guess) on short samples,
windows of 5, 8, 12 and 20 words from each sentence start: of the paragraphs written for
this in ``tests/fixtures/languages`` (Slovak, Croatian, Hungarian, Romanian and their
neighbours) and of TAC's English, Czech and French articles (the first 3 sentences of
each); right, wrong and none per language and size, and the samples that either side
guesses right and the other does not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, checkout, emit_report, locked, machine_line, run_script  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TAC_CZECH = SHARED_DATA / "tac2011_multiling/SourceTexts/M0069.czech"
CZECH = ("Šéf vlády řekl, že žádné zvýšení daní nebude. Zemětřesení na Haiti podle zprávy OSN "
         "zabilo tisíce lidí, řekl mluvčí. Žena byla převezena do nemocnice v Ústí nad Labem.\n")
RUSSIAN = ("Правительство объявило в понедельник о новых мерах поддержки экономики. Эксперты "
           "считают их недостаточными, сообщило агентство.\n")

_CHILD = """
import json, sys, time
from summarizer.textio import decode_bytes
given = json.loads(sys.stdin.read())
cases = given["cases"]
out = {}
for name, (path, language, text) in cases.items():
    data = open(path, "rb").read()
    first = decode_bytes(data, language=language)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        decode_bytes(data, language=language)
        times.append(time.perf_counter() - t0)
    out[name] = [sorted(times)[2], first.text == text, first.encoding]
import hashlib, os
from summarizer.languages import LANGUAGES, guess_language
guesses = [guess_language(text, default="") for _, _, text in given["samples"]]
every = {}
for folder, _, names in os.walk(sys.argv[1]) if sys.argv[1] else ():
    for name in names:
        path = os.path.join(folder, name)
        data = open(path, "rb").read()
        extension = name.rsplit(".", 1)[-1].lower()
        for language in {None, extension if extension in LANGUAGES else None}:
            try:
                d = decode_bytes(data, language=language)
                digest = hashlib.sha1(d.text.encode()).hexdigest()
                every[f"{path} {language}"] = [digest, d.encoding]
            except Exception as exc:
                every[f"{path} {language}"] = type(exc).__name__
import summarizer
print(json.dumps({"cases": out, "every": every, "guesses": guesses,
                  "package": summarizer.__file__}))
"""


SAMPLE_WORDS = (5, 8, 12, 20)
FIXTURES = REPO / "tests" / "fixtures" / "languages"


def _windows(text: str, size: int, most: int | None = None) -> list[str]:
    """``size`` words from each sentence start of ``text`` (its first ``most``), where
    that many are left."""
    words = text.split()
    starts = [0] + [i + 1 for i, w in enumerate(words[:-1]) if w[-1] in ".!?"]
    return [" ".join(words[s:s + size]) for s in starts[:most] if s + size <= len(words)]


def short_samples(tac: Path | None, sizes: tuple[int, ...] = SAMPLE_WORDS
                  ) -> list[tuple[str, int, str]]:
    """(language, words, text) of every window: of each fixture paragraph file
    (``LANGUAGE.txt``), and of the first 3 sentences of each TAC source article of
    English, Czech and French under ``tac`` (its first line, the date and title, left
    out; None or absent: none)."""
    from summarizer.textio import decode_bytes

    texts = [(f.stem, f.read_text(encoding="utf-8"), None) for f in sorted(FIXTURES.glob("*.txt"))]
    for language in ("english", "czech", "french") if tac and tac.is_dir() else ():
        texts += [(language, decode_bytes(f.read_bytes()).text.split("\n", 1)[-1], 3)
                  for f in sorted(tac.glob(f"*.{language}"))]
    return [(language, size, window) for size in sizes for language, text, most in texts
            for window in _windows(text, size, most)]


def _guess_rows(samples: list[tuple[str, int, str]], base: list[str], new: list[str]
                ) -> list[str]:
    tally: dict[tuple[str, int], list[Counter]] = {}
    for (language, size, _), *got in zip(samples, base, new, strict=True):
        sides = tally.setdefault((language, size), [Counter(), Counter()])
        for side, guess in zip(sides, got, strict=True):
            side["right" if guess == language else "none" if not guess else "wrong"] += 1
    rows = ["\n| language | words | samples | baseline right / wrong / none "
            "| new right / wrong / none |", "|---|---:|---:|---|---|"]
    for (language, size), sides in sorted(tally.items()):
        cells = [" / ".join(str(c[k]) for k in ("right", "wrong", "none")) for c in sides]
        rows.append(f"| {language} | {size} | {sum(sides[0].values())} | {cells[0]} | {cells[1]} |")
    lost = [(s, b, n) for s, b, n in zip(samples, base, new, strict=True)
            if b == s[0] != n]
    won = sum(1 for s, b, n in zip(samples, base, new, strict=True) if n == s[0] != b)
    rows.append(f"\nShort samples: {len(samples):,}; guessed right by the new side only: {won}; "
                f"by the baseline only: {len(lost)}"
                + "".join(f"\n- {s[0]}, {s[1]} words: {b} -> {n or 'none'}: {s[2]!r}"
                          for s, b, n in lost[:20]))
    return rows


def _cases(scratch: Path, data: Path) -> dict[str, list]:
    czech = (data.read_bytes().decode("cp1250") if data.is_file() else CZECH * 4)
    seed = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    files = {"czech-cp1250": (czech, "cp1250"), "czech-iso8859-2": (czech, "iso8859-2"),
             "czech-iso8859-2-2mb": (czech * (2_000_000 // len(czech)), "iso8859-2"),
             "english-cp1252": (seed, "cp1252"), "russian-cp1251": (RUSSIAN * 8, "cp1251")}
    cases: dict[str, list] = {}
    for name, (text, encoding) in files.items():
        path = scratch / f"{name}.txt"
        path.write_bytes(text.encode(encoding))
        for language in (("czech", None) if name.startswith("czech") else (None,)):
            cases[f"{name}, {language or 'no language'}"] = [str(path), language, text]
    return cases


def _run(code: Path, cases: dict[str, list], every: Path | None, samples: list) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(every or "")],
                         input=json.dumps({"cases": cases, "samples": samples}), text=True,
                         capture_output=True, check=True, cwd=code,  # not this checkout's
                         env=dict(os.environ, PYTHONPATH=str(code)))
    found = json.loads(out.stdout)
    if not found["package"].startswith(str(code.resolve())):  # the checkout asked for, no other
        raise SystemExit(f"{code}: its package was not the one imported ({found['package']})")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout of the older code")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", type=Path, default=TAC_CZECH, help="a cp1250 Czech file")
    ap.add_argument("--every", type=Path, default=TAC_CZECH.parents[2],
                    help="a folder whose every file both checkouts decode, to compare")
    ap.add_argument("--lock", default="", help="hold this lock file while timing")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    checkout(ap, args.baseline)
    if not 1 <= args.runs <= 20:
        ap.error("--runs must be 1..20")
    with tempfile.TemporaryDirectory() as tmp:
        cases = _cases(Path(tmp), args.data)
        sizes = {name: Path(path).stat().st_size for name, (path, _, _) in cases.items()}
        runs: dict[str, list] = {"baseline": [], "new": []}
        samples = short_samples(args.every / "tac2011_multiling" / "SourceTexts")
        with locked(args.lock):
            for i in range(args.runs):
                for side, code in (("baseline", args.baseline), ("new", REPO)):
                    runs[side].append(_run(code, cases, None if i else args.every,
                                           [] if i else samples))
    rows = ["| case | bytes | baseline ms | new ms | new/baseline | baseline reads | new reads |",
            "|---|---:|---:|---:|---:|---|---|"]
    for name in cases:
        base = statistics.median(r["cases"][name][0] for r in runs["baseline"]) * 1000
        new = statistics.median(r["cases"][name][0] for r in runs["new"]) * 1000
        first = {side: runs[side][0]["cases"][name] for side in runs}
        reads = {side: f"{'right' if first[side][1] else 'WRONG'}, {first[side][2]}"
                 for side in runs}
        rows.append(f"| {name} | {sizes[name]:,} | {base:.1f} | {new:.1f} | {new / base:.2f}x | "
                    f"{reads['baseline']} | {reads['new']} |")
    every = [r["every"] for r in (runs["baseline"][0], runs["new"][0])]
    differ = sorted(k for k in every[0] if every[0][k] != every[1].get(k))
    rows.append(f"\nEvery file under {args.every}, read with no language and with the one its "
                f"extension names: {len(every[0]):,} decodings, {len(differ)} differ"
                + "".join(f"\n- {k}: {every[0][k]} -> {every[1].get(k)}" for k in differ[:20]))
    rows += _guess_rows(samples, runs["baseline"][0]["guesses"], runs["new"][0]["guesses"])
    emit_report("\n".join(rows) + "\n\n" + machine_line(args.runs, "one decode_bytes call, "
                                                        "median of 5 after a first"), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
