"""Reading big HTML pages: time and memory of the article extraction, against every block.

Usage::

    python eval/bench_html.py [--sizes 5,50] [--runs 3] [--lock /work/team/cpu.lock]
                              [--out eval/results/bench_html.md]

Each page is built here, seeded, to a size in MB (of UTF-8), in four shapes:

* ``comments``: a news page (cookie banner, menus, an ``<article>`` of 12 paragraphs, share
  bars, related stories, footer link lists) whose comment thread makes up the size:
  ``div.comment`` blocks with a linked user name, a time, one to three paragraphs and reply
  links (a popular story saved with its whole thread);
* ``live blog``: the same page whose ``<article>`` holds the size as timestamped entries
  (headings and paragraphs): the article itself is 50 MB;
* ``no hints``: only ``div``\\ s without class names: link lists and prose sections
  alternating, the prose in one column (the densest-element path);
* ``tag soup``: random start and end tags of 20 block and inline names, a third of the
  start tags with a boilerplate class, matched only by chance, and text (the parser's
  and the element stack's worst case: it stays at its depth cap).

Every measurement is a fresh process that reads the page from a file, then times
``html_text`` (wall clock) and reads its peak RSS (Linux ``VmHWM``, reset after the read)
minus the RSS after the read: ``all blocks`` is ``main_content=False`` (the page cut into blocks, as before
extraction existed), ``article`` the default. The growth column is the time at the largest
size over the time at the smallest: size ratio for linear work.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, locked, machine_line, run_script  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHAPES = ("comments", "live blog", "no hints", "tag soup")
MAX_MB = 200

_NOUNS = ("council", "river", "government", "minister", "police", "school", "hospital",
          "company", "court", "union", "village", "bridge", "budget", "report", "storm")
_VERBS = ("said", "approved", "rejected", "announced", "closed", "opened", "warned",
          "reported", "confirmed", "delayed")
_OTHER = ("on Monday", "after a long debate", "in the north of the country", "for the first "
          "time", "by a wide margin", "in a statement", "despite the protests", "last year")


def _sentence(rng: random.Random) -> str:
    return (f"The {rng.choice(_NOUNS)} {rng.choice(_VERBS)} that the {rng.choice(_NOUNS)} "
            f"and the {rng.choice(_NOUNS)} would meet {rng.choice(_OTHER)}, and it was "
            f"{rng.choice(_VERBS)} {rng.choice(_OTHER)}.")


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _links(rng: random.Random, n: int) -> str:
    return "<ul>" + "".join(f'<li><a href="/{rng.randrange(10**6)}">{_sentence(rng)[:40]}</a>'
                            "</li>" for _ in range(n)) + "</ul>"


def _chrome(rng: random.Random, article: str, after: str) -> str:
    return ('<!DOCTYPE html><html lang="en"><head><title>News</title><script>var x = 1;'
            '</script><style>p { margin: 0 }</style></head><body><div class="cookie-banner">'
            f"<p>{_paragraph(rng, 2)}</p></div><nav>{_links(rng, 8)}</nav>"
            f'<main><article><h1>{_sentence(rng)}</h1><div class="share">{_links(rng, 3)}</div>'
            f"{article}</article>"
            f'<section class="related">{_links(rng, 6)}</section>{after}</main>'
            f'<div class="site-index">{_links(rng, 20)}</div></body></html>')


def _fill(size: int, head: str, tail: str, unit) -> str:
    """``head``, then ``unit()`` pieces until the page reaches ``size`` bytes, then ``tail``."""
    parts, total = [head], len(head.encode()) + len(tail.encode())
    while total < size:
        piece = unit()
        parts.append(piece)
        total += len(piece.encode())
    parts.append(tail)
    return "".join(parts)


def build_page(shape: str, size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    story = "".join(f"<p>{_paragraph(rng, 3)}</p>" for _ in range(12))
    if shape == "comments":
        page = _chrome(rng, story, '<div id="comments">@@</div>')
        head, tail = page.split("@@")
        return _fill(size, head, tail, lambda: (
            f'<div class="comment"><p><a href="/u/{rng.randrange(10**5)}">user</a> '
            f"{rng.randrange(1, 59)} minutes ago</p>"
            + "".join(f"<p>{_paragraph(rng, rng.randint(1, 3))}</p>"
                      for _ in range(rng.randint(1, 3)))
            + '<a href="#">Reply</a> <a href="#">Like</a></div>'))
    if shape == "live blog":
        head, tail = _chrome(rng, story + "@@", "").split("@@")
        return _fill(size, head, tail, lambda: (
            f"<h3>{rng.randrange(24):02d}:{rng.randrange(60):02d}</h3>"
            f"<p>{_paragraph(rng, rng.randint(1, 4))}</p>"))
    if shape == "no hints":
        return _fill(size, "<html><body><div><div>" + _links(rng, 10) + "</div><div>",
                     "</div><div>" + _links(rng, 10) + "</div></div></body></html>",
                     lambda: f"<div><p>{_paragraph(rng, 3)}</p></div><div><div>"
                             f"{_links(rng, 4)}</div></div>")
    if shape == "tag soup":
        tags = ("div", "p", "a", "span", "li", "ul", "article", "section", "h2", "b", "i",
                "table", "td", "main", "em", "tr", "ol", "strong", "blockquote", "h3")
        words = _paragraph(rng, 4).split()
        return _fill(size, "", "", lambda: rng.choice((
            f"<{rng.choice(tags)}>", f"<{rng.choice(tags)} class=\"comment\">",
            f"</{rng.choice(tags)}>", " ".join(rng.sample(words, 6)) + " ")))
    raise ValueError(f"unknown shape {shape!r}")


_CHILD = """
import sys, time
from summarizer.documents.html import html_text

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key))

markup = open(sys.argv[1], encoding="utf-8").read()
with open("/proc/self/clear_refs", "w") as fh:  # the peak RSS restarts from here (Linux)
    fh.write("5")
before = status("VmRSS:")
start = time.perf_counter()
page = html_text(markup, main_content=sys.argv[2] == "1")
seconds = time.perf_counter() - start
print(seconds, (status("VmHWM:") - before) / 1024, page.extraction["blocks"],
      page.extraction["kept"], page.extraction.get("scope", "-"), len(page.text))
"""


def _measure(path: Path, main_content: bool, lock: str | None) -> tuple:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with locked(lock):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path), "1" if main_content else "0"],
                             capture_output=True, text=True, env=env, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3]), out[4], int(out[5])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,50", help="page sizes in MB (default 5,50)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each (median)")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--lock", help="hold this file's exclusive lock while timing")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    try:
        sizes = [float(s) for s in args.sizes.split(",")]
    except ValueError:
        ap.error("--sizes must be numbers of MB")
    if not sizes or any(not 0 < s <= MAX_MB for s in sizes) or not 1 <= args.runs <= 20:
        ap.error(f"--sizes must each be 0..{MAX_MB} MB and --runs 1..20")
    shapes = [s for s in args.shapes.split(",") if s]
    if not shapes or set(shapes) - set(SHAPES):
        ap.error(f"--shapes: some of {', '.join(SHAPES)}")
    rows = ["| shape | MB | blocks | kept (scope) | all blocks s | article s | article / all | "
            "growth | extra peak RSS MB (all / article) | RSS / page |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            first = None
            for mb in sizes:
                path = Path(tmp) / "page.html"
                markup = build_page(shape, int(mb * 1e6))
                path.write_text(markup, encoding="utf-8")
                real = path.stat().st_size / 1e6
                del markup
                results = {}
                for mode in (False, True):
                    runs = [_measure(path, mode, args.lock) for _ in range(args.runs)]
                    results[mode] = (statistics.median(r[0] for r in runs),
                                     statistics.median(r[1] for r in runs), runs[0])
                (t_all, m_all, _), (t_art, m_art, info) = results[False], results[True]
                first = first or t_art
                rows.append(f"| {shape} | {real:.1f} | {info[2]:,} | {info[3]:,} ({info[4]}) | "
                            f"{t_all:.2f} | {t_art:.2f} | {t_art / t_all:.2f} | "
                            f"{t_art / first:.1f} | {m_all:.0f} / {m_art:.0f} | "
                            f"{m_art / real:.1f} |")
                print(rows[-1], file=sys.stderr)
    text = "\n".join([
        "# Article extraction on big HTML pages (eval/bench_html.py)", "",
        machine_line(args.runs, "`html_text` on the page already read"), "", *rows, "",
        "growth: article seconds over those at the smallest size of the shape. RSS / page: "
        "the article run's extra peak RSS over the page's size."])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
