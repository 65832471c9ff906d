"""Where a `summarizer summarize` run's peak memory is: each stage's own high-water mark.

Runs the CLI in this process on the news-like input of ``eval/bench_memory.py`` (one plain
text file, or a folder of articles) with named functions wrapped: at every stage's entry
and exit the process's peak resident memory (``VmHWM``) is read, counted towards every
stage open at that moment, and reset (``/proc/self/clear_refs``, Linux), so each stage gets
the peak reached while it ran, nested stages included. One process per method.

    python eval/memory_stages.py --mb 50 --methods lead,lexrank [--shape document|folder|...]

``--shape`` takes every shape of ``eval/bench_memory.py``'s ``write_input``.

Prints, per method, the stages in the order first entered: calls, resident memory at the
first entry and last exit, and the stage's peak (MB). Linux only.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, bound_counts, command_line, emit_report, run_script  # noqa: E402

# module:qualified name of each stage timed; a function other modules imported by name is
# replaced there too
STAGES = [
    "summarizer.documents.loaders:load_cluster",
    "summarizer.documents.loaders:load_file",
    "summarizer.textio.decode:decode_bytes",
    "summarizer.documents.clean:clean_text",
    "summarizer.documents.clean:clean_taken",
    "summarizer.documents.clean:_clean",
    "summarizer.summarizers.candidates:prepare",
    "summarizer.summarizers.candidates:prune_pool",
    "summarizer.summarizers.candidates:Pool.vectors",
    "summarizer.summarizers.candidates:Pool.similarity",
    "summarizer.summarizers.graph:pagerank",
    "summarizer.summarizers.extractive:ExtractiveSummarizer.select",
    "summarizer.summarizers.coverage:CoverageSummarizer.select",
    "summarizer.summarizers.concepts:extract_concepts",
    "summarizer.summarizers.extractive:ExtractiveSummarizer._readable",
    "summarizer.summarizers.assemble:build_summary",
    "summarizer.cli.summarize:summary_markdown",
]


def _status() -> dict[str, int]:
    with open("/proc/self/status") as f:
        return {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in f)
                if k in ("VmRSS", "VmHWM")}


class Tracer:
    def __init__(self) -> None:
        self.open: list[str] = []
        self.rows: dict[str, dict[str, float]] = {}

    def _event(self) -> dict[str, int]:
        st = _status()
        for name in self.open:
            self.rows[name]["peak"] = max(self.rows[name]["peak"], st["VmHWM"] / 1024)
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # VmHWM := VmRSS
        return st

    def wrap(self, name: str, fn):
        @functools.wraps(fn)
        def traced(*args, **kwargs):
            st = self._event()
            row = self.rows.setdefault(name, {"calls": 0, "entry": st["VmRSS"] / 1024,
                                              "exit": 0.0, "peak": 0.0})
            row["calls"] += 1
            self.open.append(name)
            try:
                return fn(*args, **kwargs)
            finally:
                st = self._event()
                self.open.remove(name)
                row["exit"] = st["VmRSS"] / 1024
        return traced

    def install(self) -> None:
        for spec in STAGES:
            mod_name, qual = spec.split(":")
            mod = importlib.import_module(mod_name)
            owner, attr = mod, qual
            if "." in qual:
                cls, attr = qual.split(".")
                owner = getattr(mod, cls)
            fn = getattr(owner, attr, None)
            if fn is None:  # a stage an older checkout (PYTHONPATH at it) does not have
                continue
            traced = self.wrap(qual, fn)
            setattr(owner, attr, traced)
            if owner is mod:  # callers that imported the function by name
                for other in list(sys.modules.values()):
                    if other is not None and getattr(other, attr, None) is fn:
                        setattr(other, attr, traced)


def child(path: str, method: str, words: int) -> None:
    """One traced run; prints the table rows on stdout."""
    import summarizer.cli.summarize  # noqa: F401  (the modules whose functions are wrapped)
    import summarizer.summarizers.coverage  # noqa: F401
    import summarizer.summarizers.lexrank  # noqa: F401
    from summarizer.cli import main

    tracer = Tracer()
    tracer.install()
    with open(os.devnull, "w") as null:
        old, sys.stdout = sys.stdout, null
        try:
            code = main(["summarize", path, "--method", method, "--words", str(words)])
        except SystemExit as exc:
            code = exc.code
        finally:
            sys.stdout = old
    tracer._event()
    whole = _status()
    print(f"| {method} | whole process | 1 | - | {whole['VmRSS'] / 1024:.0f} | "
          f"{max(r['peak'] for r in tracer.rows.values()):.0f} (exit {code}) |")
    for name, r in tracer.rows.items():
        print(f"| {method} | `{name}` | {r['calls']:.0f} | {r['entry']:.0f} | {r['exit']:.0f} "
              f"| {r['peak']:.0f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--shape", default="document",
                    choices=["document", "folder", "emoji", "emoji-rich", "sgml", "jsonl",
                             "unpunctuated", "unpunctuated-paragraphs"])
    ap.add_argument("--methods", default="lead,lexrank")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--data", type=Path, default=SHARED_DATA / "tac2011_multiling")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    # --words 0: every child failed and the table came out empty, exit 0
    bound_counts(ap, args, mb=(0.0, 512), words=(1, 100_000))
    if args.child:
        child(args.child[0], args.child[1], args.words)
        return 0
    from bench_memory import write_input
    from scaling import ArticleMaker, source_sentences

    load0 = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        maker = ArticleMaker(source_sentences(args.data, "english"))
        path, size = write_input(maker, [], args.shape, args.mb, Path(tmp))
        for method in args.methods.split(","):
            out = subprocess.run([sys.executable, __file__, "--words", str(args.words),
                                  "--child", str(path), method],
                                 capture_output=True, text=True, check=False)
            if out.returncode:
                print(out.stderr, file=sys.stderr)
            rows += out.stdout.splitlines()
    load1 = os.getloadavg()
    text = "\n".join([
        f"# Peak memory by stage ({args.shape}, {size / 1e6:.1f} MB, {args.words} words)", "",
        f"Command: `{command_line('memory_stages.py', argv)}`", "",
        f"{os.cpu_count()} CPUs (shared), load average {load0[0]:.1f} at start, {load1[0]:.1f} "
        "at end (memory does not depend on it); one process per method. MB: resident memory "
        "at the stage's first entry and last exit, and its peak (nested stages included).", "",
        "| method | stage | calls | RSS at entry | RSS at exit | peak |",
        "|---|---|---:|---:|---:|---:|", *rows])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
