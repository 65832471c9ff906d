"""Reading system and reference summaries from files and folders.

Summaries are read as SPL (one sentence per line, as ROUGE-1.5.5's
``INPUT-FORMAT TYPE="SPL"``), line for line as the Perl reads them. Pairing conventions, for a system summary with id ``M000`` (its
file name, or the name without its last extension, ``M000.txt`` -> ``M000``):

- REFERENCE is a file: it is the one reference (SYSTEM must be a file too);
- REFERENCE is a folder holding files ``M000.*`` (the DUC/TAC naming, e.g.
  ``Model Summaries/English/M000.A.250``, ``M000.B.250``) or a sub-folder
  ``M000/`` whose files are the references;
- SYSTEM is a folder: each file in it is one summary (hidden files skipped,
  sorted by name), e.g. TAC's ``correctedSubmissions/ID2/English/M000``.

With ``lines=True`` each line of a file is one whole summary instead
(SYSTEM a file, each REFERENCE a file with as many lines: one reference set
per file, as sacreBLEU reads references).
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarizer import textio
from summarizer.errors import CountMismatchError, InputError, MissingReferenceError
from summarizer.languages import INVISIBLE
from summarizer.textio.compressed import MAGIC_BYTES
from summarizer.textio.lines import bounded_line  # utf8_lines' reader
from summarizer.values import listed_paths

# Summary order of known official ROUGE-1.5.5 runs (their config's eval ids
# 1..N), recovered from their per-summary output. Given as ``eval_order``,
# the bootstrap then reproduces their averages and intervals digit for digit.
EVAL_ORDERS: dict[str, list[str]] = {
    # TAC 2011 MultiLing, all languages (PublishedEvaluation/.../Detailed)
    "tac2011": ["M002", "M003", "M001", "M000", "M007", "M005", "M004", "M006", "M008", "M009"],
}


@dataclass
class SummaryPair:
    """One system summary (as sentences) with its reference summaries (``system``: a
    :class:`SummaryFileLines` only where :func:`load_pairs` was asked for one)."""

    id: str
    system: list[str] | SummaryFileLines
    references: list[list[str]]
    system_path: str = ""
    reference_paths: list[str] = field(default_factory=list)


def read_summary(path: Path, encoding: str | None = None, perl_bytes: bool = False) -> str:
    """A summary file's text, read as :func:`summarizer.textio.read_text` reads a file
    (within its size bound; UTF-8, else the detected legacy encoding, or ``encoding`` when
    given; binary or undecodable content an :class:`InputError`), but as ROUGE-1.5.5 reads
    a summary: an empty file is an empty summary, not an error, and a UTF-8 byte-order mark
    stays (:func:`decode_summary`). ``perl_bytes``: see :func:`as_perl_bytes`."""
    return _as_rouge_reads(textio.read_text(path, encoding=encoding, allow_empty=True),
                           perl_bytes)


def decode_summary(data: bytes, name: str, encoding: str | None = None,
                   perl_bytes: bool = False) -> str:
    """A summary's text from its bytes (a file's, or what the CLI read from standard
    input), decoded as :func:`read_summary` decodes a file: binary or undecodable data is an
    :class:`InputError` naming ``name``; no data is an empty summary."""
    return _as_rouge_reads(textio.decode_text(data, name, encoding=encoding), perl_bytes)


def _as_rouge_reads(decoded: textio.Decoded, perl_bytes: bool = False) -> str:
    # ROUGE-1.5.5 reads a UTF-8 byte-order mark as bytes of the first line: keep it
    text = "\ufeff" + decoded.text if decoded.encoding == "utf-8-sig" else decoded.text
    return as_perl_bytes(text, decoded.encoding) if perl_bytes else text


def as_perl_bytes(text: str, encoding: str) -> str:
    """``text``, decoded from ``encoding``, as the ROUGE-1.5.5 core must see it: the Perl
    reads a file's bytes, and a character of a legacy encoding is the bytes that encoding
    writes ("é": 1 in Latin-1, where the core's UTF-8 view counts 2, so ``-b`` cut
    elsewhere). Each byte of such a character becomes itself where it is ASCII (a
    Shift-JIS, GBK or Big5 character's second byte can be a letter: "ア" is 0x83 "A", a
    word "a" to the Perl) and a DEL where it is not, as every non-ASCII byte is to the
    Perl's tokenizer no word's. UTF-8 (and UTF-16/32, which the Perl cannot read) text is
    returned as it is."""
    if text.isascii() or encoding.replace("_", "-").lower().startswith("utf"):
        return text
    # encoded whole: a stateful encoding (ISO-2022-JP) writes its escapes once, as the file
    return text.encode(encoding, "replace").decode("latin-1").translate(_HIGH_AS_DEL)


_HIGH_AS_DEL = {b: 0x7F for b in range(0x80, 0x100)}


def is_blank(text: str) -> bool:
    """Whether a summary's text has nothing but whitespace and invisible characters (a
    byte-order mark, a zero-width space, a direction mark: what the cleaning removes): an
    empty summary, scored 0."""
    return not text.translate(INVISIBLE).strip()


def blank_summary(lines: list[str] | SummaryFileLines) -> bool:
    """Whether a system summary's lines (:attr:`SummaryPair.system`) are all
    :func:`is_blank`: an empty summary, scored 0. A :class:`SummaryFileLines` says what the
    pass that checked its file found, where reading its lines opened the file once more."""
    if isinstance(lines, SummaryFileLines):
        return lines.blank
    return all(map(is_blank, lines))


def wordless(text: str) -> bool:
    """Whether a reference holds no letter or digit of any script: empty, or punctuation and
    symbols only ("!!! ..."), which no tokenizer makes a word of, so that every summary
    scores 0 against it."""
    return not any(ch.isalnum() for ch in text)


def wordless_reference(where: str, text: str) -> str:
    """The error for a :func:`wordless` reference at ``where`` (a file, a file's line, a
    data set's cluster or a pair given to the library: one rule and one message)."""
    what = "empty" if is_blank(text) else "only punctuation or symbols, not a word"
    return (f"{where}: the reference summary is {what}; scores against it would all be 0 "
            "(remove it, or give the right one)")


def read_reference(path: Path, encoding: str | None = None, perl_bytes: bool = False) -> str:
    """A reference summary's text (as :func:`read_summary`); a reference with no word in it
    (:func:`wordless`: empty, or punctuation only) is an :class:`InputError`: every summary
    scored against it alone would get 0, silently."""
    decoded = textio.read_text(path, encoding=encoding, allow_empty=True)
    text = _as_rouge_reads(decoded)
    if wordless(text):
        raise InputError(wordless_reference(str(path), text))
    return as_perl_bytes(text, decoded.encoding) if perl_bytes else text


# A system summary file over this many bytes is read a line at a time where the caller
# takes a SummaryFileLines (load_pairs' stream_long): smaller ones are read whole once,
# where each pass over the file (is_blank, the scorer) would open it again.
STREAM_BYTES = 1 << 20


class SummaryFileLines:
    """The SPL lines of a plain UTF-8 summary file (a compressed one's data too), those of
    ``spl_lines(read_summary(path))``, read from the file each time they are iterated:
    memory holds one line, where the list held all of them while the summary was scored
    (and the file's bytes and text beside them while it was read). Made by
    :func:`summary_lines` once the file is known to be plain UTF-8 (read whole, the text
    is the file's bytes decoded as UTF-8, a byte-order mark kept, as ROUGE-1.5.5 keeps
    it); data that is no longer so, or over the bound, when read again is an
    :class:`InputError` (the file changed). ``blank``: whether its text :func:`is_blank`,
    as the pass that checked it found (:func:`blank_summary`: not a pass of its own)."""

    __slots__ = ("blank", "path")

    def __init__(self, path: Path, blank: bool = False) -> None:
        self.path = path
        self.blank = blank

    def __iter__(self) -> Iterator[str]:
        left = textio.read.MAX_FILE_BYTES  # checked before: past it, the file changed
        with textio.open_input(self.path) as fh:
            while raw := bounded_line(fh):
                left -= len(raw)
                if left < 0:
                    break
                end = len(raw) - 1 if raw.endswith(b"\n") else len(raw)  # split at \n alone
                try:
                    line = str(memoryview(raw)[:end], "utf-8")  # no copy of the bytes
                except UnicodeDecodeError:
                    raise textio.changed_while_read(self.path) from None
                del raw
                yield line
        if raw is None or left < 0:  # a line, or the data, over the bound
            raise textio.changed_while_read(self.path, "it is over the bound now")

    def __repr__(self) -> str:
        return f"SummaryFileLines({str(self.path)!r})"


def summary_lines(path: Path, encoding: str | None = None,
                  perl_bytes: bool = False) -> list[str] | SummaryFileLines:
    """``spl_lines(read_summary(path, encoding))``: a :class:`SummaryFileLines` where the
    file's data is over :data:`STREAM_BYTES` (a compressed file's decompressed data,
    whatever its size on disk), plain UTF-8 (no ``encoding`` given) and no SEE file (no
    line opens ``<a ``), all three learnt in one pass over the data
    (:func:`~summarizer.textio.plain_utf8`); else the list, the file read whole (its errors
    :func:`read_summary`'s)."""
    if encoding is None and _may_stream(path):
        scan = _Scan()
        if (textio.plain_utf8(path, bounded=True, also=scan) and not scan.see
                and scan.size > STREAM_BYTES):
            return SummaryFileLines(path, scan.blank)  # UTF-8: as_perl_bytes changes nothing
    return spl_lines(read_summary(path, encoding, perl_bytes))


def _may_stream(path: Path) -> bool:
    """Whether ``path`` is a file whose data may be over :data:`STREAM_BYTES`: over it on
    disk, or compressed (a small file may hold large data); a small plain file is read
    whole at once, with no pass before."""
    try:
        if not path.is_file():
            return False
        if path.stat().st_size > STREAM_BYTES:
            return True
        with open(path, "rb") as fh:
            head = fh.read(MAGIC_BYTES)
        return textio.compression(head, str(path)) is not None
    except (OSError, InputError):  # read_summary says why
        return False


class _Scan:
    """What :func:`summary_lines` learns of data given block by block, in the pass that
    checks it: whether a line opens ``<a `` (ROUGE-1.5.5's SEE format: :func:`spl_lines`
    then takes its sentences, not its lines), split at ``\n`` alone as
    :class:`SummaryFileLines` splits; the data's size; and whether it is :func:`is_blank`
    (decoded only until a character that is not: the first block, but for a blank start)."""

    def __init__(self) -> None:
        self.see = False
        self.size = 0
        self.blank = True
        self._tail = b"\n"  # the last bytes before the block: the data starts a line
        # U+FFFD for a bad byte (not blank): such data is read whole, the scan's answers unused
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def __call__(self, block: bytes) -> None:
        self.size += len(block)
        if not self.see:
            self.see = b"\n<a " in block or b"\n<a " in self._tail + block[:3]
        self._tail = (self._tail + block[-3:])[-3:]
        if self.blank:
            self.blank = is_blank(self._text.decode(block))


_SEE_LINE = re.compile(
    r'^<a (?:size="[0-9]+" )?name="[0-9]+">\[([0-9]+)\]</a>\s+<a href="#[0-9]+" id=[0-9]+>([^<]+)'
)


def spl_lines(text: str) -> list[str]:
    """SPL sentences, exactly as ROUGE-1.5.5 reads them: split on ``\n`` only.

    Nothing is stripped and blank lines stay (the scorers drop them as the
    Perl does); whitespace counts for ``-l``/``-b`` there. Only the empty
    piece after a final newline is removed. A SEE file (ROUGE-1.5.5's HTML
    format, one ``<a name=...>`` line per sentence) is recognised and its
    sentences are taken as the Perl's SEE reader takes them.
    """
    lines = text.split("\n")
    # the Perl's SEE reader does not chomp: a sentence running to its line's end (no
    # closing </a>) keeps the newline, a byte to -b; kept as a space (whitespace, one byte
    # and no word alike), since the core splits a sentence at a newline
    see = [m.group(2) + (" " if m.end() == len(line) and i < len(lines) - 1 else "")
           for i, line in enumerate(lines) if (m := _SEE_LINE.match(line))]
    if see:
        return see
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _files(folder: Path) -> list[Path]:
    """The files directly in ``folder``, sorted (hidden ones and folders left out: a
    folder is a summary's own reference folder, or refused by the caller). Any other entry
    (a broken or looping link, a FIFO, a socket, a device) is refused: passed over, it was
    a reference or a summary fewer in every score, in silence, where an empty one is
    refused."""
    files = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.is_dir():
            continue
        textio.refuse_irregular(p, then="it cannot be read as a summary, and left out it "
                                "would change the scores; remove it or give the file")
        files.append(p)
    return files


def _summary_id(path: Path) -> str:
    return path.name


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def _references_for(summary: Path, ref_dir: Path, ref_files: list[Path],
                    index: dict[str, list[int]]) -> tuple[str, list[Path]]:
    """The id (``summary``'s name or its stem) and reference files of a summary in
    ``ref_dir`` (``ref_files``: the files directly in it; ``index``: their
    :func:`textio.name_index`). A reference may have the summary's own name
    (``sys/d1.txt`` and ``refs/d1.txt``); only the summary's own file is never its reference.

    File names are compared ignoring case: DUC references come as
    ``d30001.m.100.t.a`` from one source and ``D30001.M.100.T.A`` from another.
    """
    name = _summary_id(summary)
    for key in dict.fromkeys([name, _stem(name)]):
        sub = ref_dir / key
        if sub.is_dir():
            inner = next((q for q in sorted(sub.iterdir())
                          if q.is_dir() and not q.name.startswith(".")), None)
            if inner is not None:  # its files went unread: fewer references, in silence
                raise InputError(f"{inner}: a folder in the reference folder of summary "
                                 f"{name}, whose files would not be read; put its "
                                 f"references directly in {sub}")
            found = _files(sub)
            if found:
                return key, found
        found = [ref_files[n] for n in index.get(key.lower(), ())
                 if not _same_file(ref_files[n], summary)]
        if found:
            return key, found
    return name, []


def _owned(systems: list[Path], found: list[tuple[str, list[Path]]]
           ) -> list[tuple[Path, str, list[Path]]]:
    """Each summary with its id and references, a reference that two summaries' ids both
    match given to one of them: the longer id (``a.b.A`` is summary ``a.b``'s, not ``a``'s
    too), else the one whose id it starts with as written (``ABC.A`` is ``ABC``'s, not
    ``abc``'s). Names are compared ignoring case, so both were scored against it, in silence.
    A reference neither rule gives to one summary is refused."""
    claims: dict[Path, list[int]] = {}
    for n, (_, refs) in enumerate(found):
        for r in refs:
            claims.setdefault(r, []).append(n)
    lost: set[tuple[int, Path]] = set()
    for r, owners in claims.items():
        if len(owners) < 2:
            continue
        longest = max(len(found[n][0]) for n in owners)
        owners = [n for n in owners if len(found[n][0]) == longest]
        if len({found[n][0] for n in owners}) == 1 and len(owners) > 1:
            continue  # one id twice: refused below as ids shared, as it was
        if len(owners) > 1:
            owners = [n for n in owners if r.name.startswith(found[n][0])] or owners
        if len(owners) > 1:
            raise InputError(f"{r}: a reference of {len(owners)} system summaries "
                             f"({', '.join(systems[n].name for n in owners[:3])}), whose names "
                             "differ only in case; rename them apart")
        lost.update((n, r) for n in claims[r] if n != owners[0])
    return [(path, key, [r for r in refs if (n, r) not in lost])
            for n, (path, (key, refs)) in enumerate(zip(systems, found, strict=True))]


def _same_file(a: Path, b: Path) -> bool:
    try:  # names first: a stat only for a reference named as the summary
        return a.name == b.name and a.samefile(b)
    except OSError:
        return False


def checked_paths(system: Path, references: str | Path | Sequence[str | Path], *,
                  piped: bool = False) -> list[Path]:
    """The reference paths, each checked as :func:`load_pairs` needs it (there, present, a
    file or folder and not a FIFO or device, given once), and ``system``'s too unless
    ``piped`` (its text read already; it then only names it, and the references must be
    files). The CLI checks them before it reads standard input: a user at a terminal
    should not type a summary to learn that a reference is missing."""
    refs = [Path(r) for r in listed_paths(references, "references", InputError)]
    if not refs:
        raise MissingReferenceError("no reference given")
    for p in refs if piped else [system, *refs]:
        if not textio.input_exists(p):
            raise InputError(f"{p}: no such file or folder")
        if not p.is_dir():  # a FIFO, socket or device: opened, a FIFO waited for a writer
            textio.refuse_irregular(p, then="give a summary file or a folder of them")
    first: dict[tuple[int, int], Path] = {}
    for r in refs:  # the same file twice (r.txt ./r.txt) counted twice: other scores, silent
        st = r.stat()
        same = first.setdefault((st.st_dev, st.st_ino), r)
        if same is not r:
            also = "" if str(r) == str(same) else f" (also as {r})"
            raise InputError(f"reference {same} is given twice{also}: it would count twice in "
                             "every score; give each reference once")
    if piped and not all(r.is_file() for r in refs):
        raise InputError(f"{system} is no file, so no reference in a folder has its name: give "
                         "reference files")
    return refs


def load_pairs(
    system: str | Path,
    references: str | Path | Sequence[str | Path],
    *,
    lines: bool = False,
    encoding: str | None = None,
    strict: bool = True,
    system_text: str | None = None,
    stream_long: bool = False,
    perl_bytes: bool = False,
) -> list[SummaryPair]:
    """Pair system summaries with their references (see the module docstring).

    ``strict`` (default) also refuses reference summaries that no system
    summary uses, since a silently smaller evaluation set changes the numbers.
    ``system_text``: the system's text, already read (``summarizer rouge -`` reads standard
    input), instead of a file's; ``system`` then only names it, and the references are
    files (a folder pairs its files with summaries by name, and such a text has none).
    ``stream_long``: a system summary file over :data:`STREAM_BYTES` of plain UTF-8 is a
    :class:`SummaryFileLines` (read again as it is iterated), not a list of its lines.
    ``perl_bytes``: files decoded from a legacy encoding are given as the ROUGE-1.5.5 core
    must see them, as their bytes (:func:`as_perl_bytes`); ``system_text`` is
    given as it is (decode it with :func:`decode_summary`'s ``perl_bytes``).
    """
    if not isinstance(system, str | os.PathLike):  # os.fspath's TypeError, not the caller's
        raise InputError(f"system must be a path (a summary file or folder), not "
                         f"{type(system).__name__}")
    system = Path(system)
    if encoding is not None:  # before any file is read ("" is refused, not detection)
        textio.text_codec(encoding)
    refs = checked_paths(system, references, piped=system_text is not None)
    if lines:
        return _load_lines(system, refs, encoding, system_text, perl_bytes)
    if system_text is not None or system.is_file():
        if all(r.is_file() for r in refs):
            return [
                SummaryPair(
                    _summary_id(system),
                    (spl_lines(system_text) if system_text is not None
                     else _system_lines(system, encoding, stream_long, perl_bytes)),
                    [spl_lines(read_reference(r, encoding, perl_bytes)) for r in refs],
                    str(system),
                    [str(r) for r in refs],
                )
            ]
        systems = [system]
    else:
        systems = _files(system)
        if not systems:
            raise InputError(f"{system}: folder holds no summary files")
    if len(refs) != 1 or not refs[0].is_dir():
        raise InputError(
            "with a folder of system summaries, give one folder of references "
            "(files named <id>.* or one sub-folder per summary)"
        )
    ref_dir = refs[0]
    ref_files = _files(ref_dir)
    index = textio.name_index(ref_files)
    pairs: list[SummaryPair] = []
    used: set[Path] = set()
    for path, key, found in _owned(systems, [_references_for(path, ref_dir, ref_files, index)
                                             for path in systems]):
        if not found:
            name = _summary_id(path)
            raise MissingReferenceError(
                f"no reference for system summary {path} in {ref_dir} "
                f"(expected files {_stem(name)}.* or a folder {_stem(name)}/)"
            )
        used.update(found)
        pairs.append(
            SummaryPair(
                key,
                _system_lines(path, encoding, stream_long, perl_bytes),
                [spl_lines(read_reference(r, encoding, perl_bytes)) for r in found],
                str(path),
                [str(r) for r in found],
            )
        )
    if strict and system.is_dir():
        unused = sorted(p.name for p in ref_files if p not in used)
        used_dirs = {u.parent for u in used}
        subdirs = sorted(
            p.name for p in ref_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".") and p not in used_dirs
        )
        extra = unused + subdirs
        if extra:
            raise CountMismatchError(
                f"{len(systems)} system summaries in {system} but {ref_dir} also has references "
                f"for {', '.join(extra[:5])}{' ...' if len(extra) > 5 else ''} with no system summary"
            )
    ids = [p.id for p in pairs]
    if len(set(ids)) != len(ids):
        raise InputError(f"{system}: two summaries share an id after removing extensions")
    return pairs


def _system_lines(path: Path, encoding: str | None, stream_long: bool,
                  perl_bytes: bool) -> list[str] | SummaryFileLines:
    if stream_long:
        return summary_lines(path, encoding, perl_bytes)
    return spl_lines(read_summary(path, encoding, perl_bytes))


def _load_lines(system: Path, refs: list[Path], encoding: str | None,
                system_text: str | None = None, perl_bytes: bool = False) -> list[SummaryPair]:
    if not (system_text is not None or system.is_file()) or not all(r.is_file() for r in refs):
        raise InputError("with one summary per line, SYSTEM and every REFERENCE must be files")
    sys_lines = textio.split_lines(read_summary(system, encoding, perl_bytes)
                                   if system_text is None else system_text)
    decoded = [textio.read_text(r, encoding=encoding, allow_empty=True) for r in refs]
    ref_lines = [textio.split_lines(_as_rouge_reads(d)) for d in decoded]
    for r, rl in zip(refs, ref_lines, strict=True):
        if len(rl) != len(sys_lines):
            raise CountMismatchError(
                f"{system} has {len(sys_lines)} summaries (lines) but {r} has {len(rl)}"
            )
        blank = [i for i, line in enumerate(rl) if wordless(line)]
        if blank:
            more = f" ({len(blank) - 1} more line(s) too)" if len(blank) > 1 else ""
            raise InputError(wordless_reference(f"{r}:{blank[0] + 1}", rl[blank[0]]) + more)
    if perl_bytes:  # after the check of words, which reads the letters
        ref_lines = [[as_perl_bytes(line, d.encoding) for line in rl]
                     for d, rl in zip(decoded, ref_lines, strict=True)]
    return [
        SummaryPair(
            str(i + 1),
            spl_lines(line),
            [spl_lines(rl[i]) for rl in ref_lines],
            f"{system}:{i + 1}",
            [f"{r}:{i + 1}" for r in refs],
        )
        for i, line in enumerate(sys_lines)
    ]
