"""Peak memory of ``textio.read_text`` on 50 MB files that look like UTF-8 for their first
1 MiB and then are not: what the attempt to decode them as UTF-8 holds before it fails.

Usage::

    python eval/bench_memory_decode.py [--mb 50] [--runs 3] [--baseline CHECKOUT]
                                       [--lock /tmp/cpu.lock] [--out eval/results/...md]

Files (``--mb`` MB each, news-like ASCII sentences unless said):

- ``ascii``: plain ASCII, valid UTF-8 (no attempt fails: the control);
- ``emoji, then a Latin-1 byte at the end``: ASCII with an emoji in its first line, and
  one Latin-1 byte (``é``) in its last line: valid UTF-8 to the end, where the decode
  fails; read then as a legacy code page;
- ``emoji, valid``: the same without the Latin-1 byte (a successful decode of the same
  text);
- ``Cyrillic UTF-8, damaged at the end``: Russian text in UTF-8 with one bad byte near
  the end: read as damaged UTF-8 (U+FFFD for the byte);
- ``Cyrillic UTF-8, valid``: the same without the bad byte (what checking the data a block
  at a time before it is decoded whole costs: a second decode of it);
- ``ASCII, then cp1252``: ASCII for its first 2 MiB, then accented cp1252 text: the
  decode fails just past the first 2 MiB;
- ``emoji-rich, valid``: short posts with emoji (4-byte characters, past U+FFFF) in every
  sentence: its text, 4 bytes a character, is about 3.2 times the data;
- ``emoji-rich, then a Latin-1 byte at the end``: the same with one Latin-1 byte in its
  last line;
- ``emoji at the end, valid``: ASCII with one emoji in its last line: CPython's decoder
  makes the text 1 byte a character until it meets it, then copies it into a buffer of 4
  bytes a character for the whole data.

The table gives each file's data and its text as held (``sys.getsizeof``, MB), and the
peak over the two: what the read holds besides the data and the text it returns.

Each point is a fresh process of the checkout (``PYTHONPATH``): it imports the package,
resets its peak resident memory (Linux ``VmHWM``), reads the file with ``read_text``
(timed) and reports the peak over the RSS before it, medians of ``--runs``.
``--baseline CHECKOUT`` (e.g. ``git archive COMMIT | tar -x -C /tmp/before``) runs each
point in that tree too, alternating with this one; the encoding found must be the same.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, locked, machine_line, run_script  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

_CHILD = """
import hashlib, sys, time
from summarizer import textio

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key))

with open("/proc/self/clear_refs", "w") as fh:  # the peak RSS restarts from here (Linux)
    fh.write("5")
before = status("VmRSS:")
start = time.perf_counter()
text, encoding = textio.read_text(sys.argv[1])
seconds = time.perf_counter() - start
peak = (status("VmHWM:") - before) / 1024
digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
print(seconds, peak, encoding, digest, sys.getsizeof(text) / 2**20)
"""

SENTENCE = "The council voted on Tuesday to build a new bridge over the river, officials said. "
RUSSIAN = "Совет в четверг проголосовал за строительство нового моста через реку. "
POST = ("Great match tonight \U0001F600\U0001F389 the team won 3-1 \U0001F44F and the fans "
        "sang all night \u26bd\U0001F3C6. ")
CP1252 = "Le conseil a voté mardi la construction d'un pont sur la rivière, a-t-on appris. "


def _fill(unit: bytes, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def make_files(root: Path, mb: float) -> dict[str, Path]:
    size = int(mb * 1e6)
    line = SENTENCE.encode() * 3 + b"\n"
    files = {
        "ascii": _fill(line, size),
        "emoji, then a Latin-1 byte at the end": ("\U0001F600 " + SENTENCE + "\n").encode()
        + _fill(line, size - 200) + "caf\u00e9.\n".encode("latin-1"),
        "emoji, valid": ("\U0001F600 " + SENTENCE + "\n").encode() + _fill(line, size - 200)
        + b"cafe.\n",
        "Cyrillic UTF-8, damaged at the end": _fill((RUSSIAN * 3 + "\n").encode(), size - 100)
        + b"\xff" + (RUSSIAN + "\n").encode(),
        "Cyrillic UTF-8, valid": _fill((RUSSIAN * 3 + "\n").encode(), size - 100)
        + (RUSSIAN + "\n").encode(),
        "ASCII, then cp1252": _fill(line, 2 << 20) + _fill((CP1252 * 3 + "\n").encode("cp1252"),
                                                          size - (2 << 20)),
        "emoji-rich, valid": _fill((POST * 3 + "\n").encode(), size - 100).decode(
            errors="ignore").encode() + b"cafe.\n",
        "emoji-rich, then a Latin-1 byte at the end": _fill((POST * 3 + "\n").encode(),
                                                            size - 100).decode(
            errors="ignore").encode() + "caf\u00e9.\n".encode("latin-1"),
        "emoji at the end, valid": _fill(line, size - 200)
        + ("\U0001F600 " + SENTENCE + "\n").encode(),
    }
    paths = {}
    for i, (name, data) in enumerate(files.items()):
        paths[name] = root / f"f{i}.txt"
        paths[name].write_bytes(data)
    return paths


def _measure(tree: Path, path: Path, lock: str | None) -> tuple[float, float, str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    with locked(lock):
        # run in the tree: "python -c" looks in its working folder first, before PYTHONPATH
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                             text=True, env=env, cwd=tree, check=True).stdout.split()
    return float(out[0]), float(out[1]), f"{out[2]} {out[3]}", float(out[4])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="a checkout of the older code")
    ap.add_argument("--lock", help="hold this file's exclusive lock during each run")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not 0 < args.mb <= 400:
        ap.error("--mb must be over 0 and at most 400")
    if not 1 <= args.runs <= 20:
        ap.error("--runs must be 1..20")
    if args.baseline and not (args.baseline / "summarizer" / "textio").is_dir():
        ap.error(f"--baseline {args.baseline}: not a checkout of this package (no summarizer/)")
    trees = ([("before", args.baseline)] if args.baseline else []) + [("this tree", REPO)]
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp), args.mb)
        sizes = {name: path.stat().st_size / 2**20 for name, path in files.items()}
        got: dict[tuple[str, str], list[tuple[float, float, str, float]]] = {}
        for _ in range(args.runs):
            for name, path in files.items():
                for label, tree in trees:
                    got.setdefault((name, label), []).append(_measure(tree, path, args.lock))
    head = "| file | encoding found | data MB | text MB |"
    rule = "|---|---|---|---|"
    for label, _ in trees:
        head += f" {label}: peak MB | {label}: s |"
        rule += "---|---|"
    head += " this tree: peak - data - text |"
    rule += "---|"
    if args.baseline:
        head += " peak after / before | same text |"
        rule += "---|---|"
    lines = [f"`textio.read_text` on {args.mb:g} MB files: peak RSS over the RSS before the "
             "read (MB, as all figures here: MiB), and seconds; data: the file, text: the "
             "str it returns (`sys.getsizeof`)"
             + (f"; before: {args.baseline}" if args.baseline else "") + ".", "", head, rule]
    for name in files:
        results = {r[2] for label, _ in trees for r in got[(name, label)]}
        text_mb = statistics.median(r[3] for r in got[(name, "this tree")])
        row = (f"| {name} | {' / '.join(sorted(r.split()[0] for r in results))} | "
               f"{sizes[name]:.0f} | {text_mb:.0f} |")
        peaks = []
        for label, _ in trees:
            runs = got[(name, label)]
            peaks.append(statistics.median(r[1] for r in runs))
            row += f" {peaks[-1]:.0f} | {statistics.median(r[0] for r in runs):.2f} |"
        row += f" {peaks[-1] - sizes[name] - text_mb:.0f} |"
        if args.baseline:
            row += f" {peaks[1] / peaks[0]:.2f} | {'yes' if len(results) == 1 else 'NO'} |"
        lines.append(row)
    lines += ["", machine_line(args.runs, "read_text, in a process that imported the package")]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
