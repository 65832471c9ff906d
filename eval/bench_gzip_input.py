"""Reading a gzip-compressed JSONL input against the same file uncompressed: time and peak
memory of each reader.

Usage::

    python eval/bench_gzip_input.py [--clusters 1000] [--runs 3] [--level 6]
                                    [--lock /work/team/cpu.lock]
                                    [--out eval/results/bench_gzip_input.md]

Input: ``--clusters`` of ``eval/bench_batch.py``'s news clusters (TAC 2011 English articles,
10 whole articles a cluster; the seed article where TAC is absent) as JSONL, and the same
file compressed by ``gzip`` at ``--level``. Each reader runs in a fresh process on each
file; timed is the read alone, and its memory is the peak RSS (Linux ``VmHWM``, reset
after start-up) over the RSS before it:

- ``check``: ``textio.plain_utf8``, the pass over the data before reading it line by line;
- ``lines``: ``textio.utf8_lines``, every line (batch's shards, evaluate's passes);
- ``rows``: batch's ``Source.rows()``: the check, then every line parsed as JSON;
- ``fingerprint``: batch's ``Source.fingerprint()`` (a gzip file's: of its data);
- ``whole``: ``textio.read_jsonl``, the file read whole (summarize, and evaluate for a
  file that is not UTF-8);
- ``open_jsonl``: ``textio.open_jsonl``, every record (summarize's and the loader's reader,
  evaluate's of a predictions file): its check, then the lines parsed;
- ``batch``: what a batch job reads: ``Source.fingerprint()``, whose pass also checks the
  data, then ``Source.rows()`` (no check of their own);

``passes`` (gzip): the data each opening of the file decompressed, in files' worth
(1.00: all of it), as the readers open it in turn.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, locked, machine_line, run_script  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
READERS = ("check", "lines", "rows", "fingerprint", "whole", "open_jsonl", "batch")
NOTE = ("extra peak RSS: over the process's RSS before the read. same result: the readers give "
        "the same count (check: True for both) on either file.")

_CHILD = """
import sys, time
from summarizer import textio
from summarizer.batch.source import Fields, Source
from summarizer.textio import compressed

given = []  # the data each opening of a compressed file gave
_init, _read, _readline = (compressed.Decompressed.__init__, compressed.Decompressed.read,
                           compressed.Decompressed.readline)

def _opened(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.counted = len(given)
    given.append(0)

def _counted(method):
    def call(self, *args):
        data = method(self, *args)
        given[self.counted] += len(data)
        return data
    return call

compressed.Decompressed.__init__ = _opened
compressed.Decompressed.read = _counted(_read)
compressed.Decompressed.readline = _counted(_readline)

def _batch(path):
    source = Source(path, Fields())
    source.fingerprint()
    return sum(1 for _ in source.rows())

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key))

path, reader = sys.argv[1], sys.argv[2]
read = {
    "check": lambda: textio.plain_utf8(path),
    "lines": lambda: sum(1 for _ in textio.utf8_lines(path)),
    "rows": lambda: sum(1 for _ in Source(path, Fields()).rows()),
    "fingerprint": lambda: Source(path, Fields()).fingerprint(),
    "whole": lambda: len(textio.read_jsonl(path).records),
    "open_jsonl": lambda: sum(1 for _ in textio.open_jsonl(path)),
    "batch": lambda: _batch(path),
}[reader]
with open("/proc/self/clear_refs", "w") as fh:  # the peak RSS restarts from here (Linux)
    fh.write("5")
before = status("VmRSS:")
start = time.perf_counter()
result = read()
seconds = time.perf_counter() - start
peak = (status("VmHWM:") - before) / 1024  # before the data is read again to be counted
opened, given[:] = list(given), []
size = len(textio.read_bytes(path, limit=1 << 40)) if opened else 0
passes = "+".join(f"{n / size:.2f}" for n in opened) or "-"
print(seconds, peak, result, passes)
"""


def _measure(path: Path, reader: str, lock: str | None) -> tuple[float, float, str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with locked(lock):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path), reader],
                             capture_output=True, text=True, env=env, check=True).stdout.split()
    return float(out[0]), float(out[1]), out[2], out[3]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=1000, help="clusters in the file")
    ap.add_argument("--runs", type=int, default=3, help="runs of each reader (median)")
    ap.add_argument("--level", type=int, default=6, help="gzip's compression level")
    ap.add_argument("--lock", help="hold this file's exclusive lock while timing")
    ap.add_argument("--readers", default=",".join(READERS),
                    help=f"readers to time, of {', '.join(READERS)}")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    readers = [r for r in args.readers.split(",") if r]
    unknown = sorted(set(readers) - set(READERS))
    if unknown or not readers:
        ap.error(f"--readers: unknown {', '.join(unknown) or '(none given)'}; known: "
                 f"{', '.join(READERS)}")
    if not 1 <= args.clusters <= 100_000 or not 1 <= args.runs <= 20 or not 1 <= args.level <= 9:
        ap.error("--clusters must be 1..100,000, --runs 1..20 and --level 1..9")
    from bench_batch import build_input

    rows = ["| reader | plain s | gzip s | gzip / plain | plain extra peak RSS MB | "
            "gzip extra peak RSS MB | same result | passes (gzip) |",
            "|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "news.jsonl"
        shape = build_input(plain, args.clusters, 10, 0, 1)
        packed = Path(tmp) / "news.jsonl.gz"
        with open(plain, "rb") as src, gzip.open(packed, "wb", compresslevel=args.level) as dst:
            shutil.copyfileobj(src, dst)
        mb, gz_mb = plain.stat().st_size / 1e6, packed.stat().st_size / 1e6
        for reader in readers:
            found = {}
            for name, path in (("plain", plain), ("gzip", packed)):
                runs = [_measure(path, reader, args.lock) for _ in range(args.runs)]
                found[name] = (statistics.median(r[0] for r in runs),
                               statistics.median(r[1] for r in runs), runs[0][2], runs[0][3])
            (t_p, m_p, r_p, _), (t_g, m_g, r_g, passes) = found["plain"], found["gzip"]
            # fingerprints differ by the file's name alone; the others must agree
            same = "yes" if r_p == r_g or reader == "fingerprint" else f"NO ({r_p} / {r_g})"
            rows.append(f"| {reader} | {t_p:.2f} | {t_g:.2f} | {t_g / t_p:.2f} | {m_p:.0f} | "
                        f"{m_g:.0f} | {same} | {passes} |")
            print(rows[-1], file=sys.stderr)
    header = [
        "# gzip-compressed JSONL input against the same file plain (eval/bench_gzip_input.py)",
        "", f"Input: {shape['clusters']:,} clusters of {shape['origin']} (median "
        f"{shape['words_median']:,} words a cluster): {mb:.1f} MB of JSONL, {gz_mb:.1f} MB "
        f"gzip-compressed at level {args.level} ({mb / gz_mb:.1f}x).", "",
        machine_line(args.runs, "the read alone"), ""]
    emit_report("\n".join(header + rows + ["", NOTE]), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
