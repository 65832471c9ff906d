"""Loader for the DUC 2003/2004 multi-document layout.

Documents sit in one folder per cluster (``d30001t/``), one NIST SGML file
per article (``<DOC><DOCNO> APW19981016.0240 </DOCNO> ... <TEXT> ... </TEXT>
</DOC>``), hard-wrapped mid-sentence with ```` `` '' ```` quotes. Reference
summaries are plain-text files named ``<docset>.M.<size>.<selector>.<assessor>``
(``D30001.M.100.T.A``; the case varies between distributions), one sentence
per line. Peer (system) summaries use the same names with a numeric id, so
only alphabetic assessor ids are read as references.

The usual distributions put documents under ``docs/`` and references under
``models/`` (or a ``peers/`` folder mixing both); deeper trees such as
``duc2004_results/ROUGE/eval/models/2/`` are found by searching the root.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from summarizer.documents.clean import looks_wrapped
from summarizer.documents.dates import calendar_date
from summarizer.documents.make import make_taken
from summarizer.documents.model import Cluster, Document
from summarizer.documents.quotes import fold_tex_quotes
from summarizer.errors import InputError, warn
from summarizer.languages import GUESS_SAMPLE, guess_language, normalize_language
from summarizer.sentence_ends import ends_in_abbreviation, ends_sentence, reads_on
from summarizer.textio import expand_home, input_exists, read_text, split_lines, walk_files

# Cluster folder: docset id (d30001) plus an optional selector letter (t).
CLUSTER_DIR_RE = re.compile(r"^(?P<docset>d\d+)(?P<selector>[a-z])?$", re.IGNORECASE)
# Reference file: D30001.M.100.T.A (multi-document, size 100, selector T, assessor A).
REFERENCE_RE = re.compile(
    r"^(?P<docset>d\d+)(?P<sel2>[a-z])?\.m\.(?P<size>\d+)\.(?P<selector>[a-z])\.(?P<assessor>[a-z]+)$",
    re.IGNORECASE,
)
DOCNO_DATE_RE = re.compile(r"^(?P<source>[A-Z_]+?)(?P<date>(?:19|20)\d{6})")
LA_DOCNO_RE = re.compile(r"^LA(\d\d)(\d\d)(\d\d)-")
_MAX_SEARCH_DEPTH = 6


@dataclass(frozen=True)
class _RefFile:
    path: Path
    docset: str
    selector: str
    size: int
    assessor: str


# ---------------------------------------------------------------- text clean-up
def _read_text(path: Path) -> str:
    """Decode old newswire as every loader does (:mod:`summarizer.textio`)."""
    return read_text(path, allow_empty=True).text


def normalize_quotes(text: str) -> str:
    """Turn TeX-style ```` ``quoted'' ```` text into plain double quotes, and a lone
    backquote (it opens a single-quoted phrase, `like this') into an apostrophe."""
    return fold_tex_quotes(text, single=True)


# named, and numeric (&#233; &#x27;: AQUAINT-2 and TAC sources are XML)
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]*);")
# &MD; is the wire's em dash (New York Times copy): " -- ", as the wire's "_" becomes
_KNOWN_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "md": " -- "}


def _entities(text: str) -> str:
    # NIST files use upper-case SGML entities (&AMP;) and typesetting codes that carry no
    # text (&UR; &LR; &QL; &HT;), but for the em dash (&MD;).
    def repl(m: re.Match) -> str:
        name = m.group(1).lower()
        if name in _KNOWN_ENTITIES:
            return _KNOWN_ENTITIES[name]
        rendered = html.unescape(m.group(0))
        return rendered if rendered != m.group(0) else " "

    return _ENTITY_RE.sub(repl, text)


# A run of white space that is not already one plain space (a lone space is left as it is:
# re.sub holds a piece per match until it joins them, and matching every space of an
# article's 4 MB paragraph held some 700,000 pieces, 12x its size, the DUC reader's peak).
_SPACE_RUN = re.compile(r"[^\S ]\s*| \s+")


def _clean_line(line: str) -> str:
    line = _entities(line)
    line = normalize_quotes(line)
    # AP writes a dash as a lone underscore: "BEIJING (AP) _ Cambodian ...".
    line = re.sub(r"(?<=\s)_(?=\s)", "--", line)
    return _SPACE_RUN.sub(" ", line).strip()  # every run of white space one space


def _indent(line: str) -> int:
    """How far ``line`` is indented, in columns (a tab to the next multiple of 8)."""
    line = line.expandtabs()
    return len(line) - len(line.lstrip())


def unwrap_paragraphs(raw: str, language: str = "english") -> list[str]:
    """Join hard-wrapped lines into paragraphs (``language``: a canonical name).

    A paragraph ends at a blank line, at a ``<P>`` boundary, or where the next
    line is indented (newswire marks a new paragraph by indenting its first
    line and wraps the rest at column 0). Indentation is counted past the indent
    every line shares: a block shifted right as a whole marks its paragraphs as
    one at the margin does. Where every line is indented alike, the indent tells
    nothing, and a block between blank lines is a paragraph a line unless its
    lines look hard-wrapped (:func:`~summarizer.documents.clean.looks_wrapped`,
    as the sentence splitter reads plain text), but for a sentence wrapped onto
    the next line (see :func:`_lines_alike`); in a ``<P>`` the tag has said.
    """
    if re.search(r"<p\b", raw, re.IGNORECASE):
        blocks = re.split(r"</?p\b[^>]*>", raw, flags=re.IGNORECASE)
        return [para for block in blocks for para in _unwrap(block, True, language)]
    return _unwrap(raw, False, language)


def _lines_alike(lines: list[str], language: str) -> list[str]:
    """The paragraphs of a block of lines all indented alike that does not read as one
    wrapped paragraph: a line each, but a line continues the one before where that
    one is over half the block's longest line (the wrap width, as near as the block
    tells) and ends mid-sentence, or in an abbreviation where the sentence splitter for
    ``language`` reads the next line on ("Sen. | Ana Reyes", "U.S. | Navy", "Jan. | 15",
    "Calif. | Kestrel County": :func:`_reads_on`), or where it begins in lower case. A
    shorter line followed by one in upper case is a paragraph whatever its end: a heading
    ("BY THE NUMBERS"), a byline, a paragraph's last line; a wrapped line is short only
    where the next word is as long as half a line.

    A long line that ends a paragraph in an abbreviation runs into the next where the
    splitter, reading "U.S. Officials", ends no sentence there either: the paragraph break
    is lost, not the sentence. Where it ends one ("U.S. The union", "fell ill. The
    doctors": the English Punkt model learnt "ill" as an abbreviation too) the break stays.
    """
    half = max(map(len, lines)) / 2

    def continues(before: str, line: str) -> bool:
        if line[:1].islower():
            return True
        return len(before) > half and (not ends_sentence(before, language) or (
            ends_in_abbreviation(before, language) and _reads_on(before, line, language)))

    paras = lines[:1]
    for before, line in zip(lines, lines[1:], strict=False):
        if continues(before, line):
            paras[-1] += " " + line
        else:
            paras.append(line)
    return paras


def _reads_on(before: str, line: str, language: str) -> bool:
    """Whether the sentence splitter for ``language`` reads ``line`` on from ``before``, a
    line that ends in a period (:func:`~summarizer.sentence_ends.reads_on`), the lines
    cleaned as their paragraph will be."""
    return reads_on(_clean_line(before), _clean_line(line), language)


def _unwrap(raw: str, in_p: bool, language: str) -> list[str]:
    """:func:`unwrap_paragraphs` of text without ``<P>`` tags (or of one ``<P>``'s)."""
    raw = re.sub(r"<[^>]+>", " ", raw)  # stray tags inside TEXT (e.g. <ANNOTATION>)
    # New York Times copy's typesetting codes: a line ended by a quad (&QL; flush left,
    # &QC; centred, &QR; flush right) ends its paragraph, a tab (&HT;) indents one: read
    # as spaces, they ran the paragraphs together, the story's stamp with its last sentence
    raw = re.sub(r"&Q[LCR];[ \t]*(?=\n|$)", "\n\n", raw.replace("&HT;", "\t"))
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    indents = {_indent(ln) for ln in lines if ln.strip()}
    if not indents:
        return []
    common = min(indents)
    # Every line indented alike: a line a paragraph unless the lines read as wrapped
    # text. Such a block was joined into one paragraph: with no blank line, the whole
    # article (a 50 MB file's text one paragraph), its paragraph starts lost.
    by_line = len(indents) == 1 and common > 0 and not in_p
    paras: list[str] = []
    current: list[str] = []

    def end_block() -> None:
        # the marks alone (no language): a line ending in an abbreviation is read line by
        # line, with the next, below; counted as open here it tipped short blocks to one
        # paragraph ("Calif. | Kestrel County ... said. | Crews expect ...")
        if by_line and current and not looks_wrapped(current):
            paras.extend(_lines_alike(current, language))
        elif current:
            paras.append(" ".join(current))
        current.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            end_block()
            continue
        if len(indents) > 1 and _indent(line) > common and current:
            end_block()
        current.append(stripped)
    end_block()
    cleaned = (_clean_line(p) for p in paras)
    return [p for p in cleaned if p]


# ---------------------------------------------------------------------- SGML docs
# <DOC> (DUC, AQUAINT) or <DOC id="..." type="story"> (AQUAINT-2, TAC 2008-2011 sources)
_DOC_RE = re.compile(r"<DOC(\s[^>]*)?>(.*?)</DOC>", re.IGNORECASE | re.DOTALL)
_DOC_ID_RE = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _field(block: str, *names: str) -> str | None:
    for name in names:
        m = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", block, re.IGNORECASE | re.DOTALL)
        if m:
            return m.group(1)
    return None


def _date_from_docno(docno: str) -> tuple[str | None, str | None]:
    m = DOCNO_DATE_RE.match(docno)
    if not m:
        la = LA_DOCNO_RE.match(docno)  # LA Times: LAmmddyy-nnnn
        if la:
            mm, dd, yy = (int(g) for g in la.groups())
            return "LA", calendar_date((1900 if yy > 50 else 2000) + yy, mm, dd)
        return None, None
    # digits that are no day of the calendar are no date (the Document would refuse them)
    d = m.group("date")
    return m.group("source"), calendar_date(int(d[:4]), int(d[4:6]), int(d[6:]))


# Characters of an article's text past which the language guess looks for a line end to
# clean up to (where the cleaned start is GUESS_SAMPLE long: what the guess reads)
_GUESS_CHARS = 16 * GUESS_SAMPLE


def _guess_text(body: str) -> str:
    """The start of an article's text without its tags, entities or TeX quotes, as
    :func:`parse_sgml_taken` guesses its language from it: the cleaned text's first
    :data:`~summarizer.languages.GUESS_SAMPLE` characters, all that the guess reads. Cleaned
    whole, a 50 MB article took two copies of its text beside it. The text is cut after a
    line end where no tag is open: no entity, quote pair or tag crosses it, and a run of
    white space that does ends the cleaned start, which is then the start of the whole
    text cleaned; where no such cut gives enough, the whole text is cleaned."""
    end = body.find("\n", _GUESS_CHARS) + 1 if len(body) > _GUESS_CHARS else 0
    if end:
        head = body[:end]
        if head.rfind("<") <= head.rfind(">"):  # a "<" after the last ">" may open a tag
            cleaned = _clean_line(re.sub(r"<[^>]+>", " ", head))
            if len(cleaned) >= GUESS_SAMPLE:
                return cleaned
    return _clean_line(re.sub(r"<[^>]+>", " ", body))


def parse_sgml(text: str, origin: str = "", language: str | None = "english") -> list[Document]:
    """Parse the ``<DOC>`` elements of a NIST SGML file into Documents (``language``
    None: guessed once for each article, from its text, as
    :func:`~summarizer.documents.make.make_document` guesses and marks it: the language its
    lines are unwrapped in is the Document's)."""
    held = [text]
    del text  # where the caller's was the only other reference, it goes before the last article
    return parse_sgml_taken(held, origin, language)


# why an article is left out where cleaning leaves it no text, as a text file's is
EMPTIED = "no text left after removing its title and boilerplate"


def parse_sgml_taken(held: list[str], origin: str = "",
                     language: str | None = "english", clean: bool = True,
                     emptied: list[str] | None = None) -> list[Document]:
    """:func:`parse_sgml` of the one text in ``held``, taken out of the list: a file's text,
    which its reader holds nowhere else, goes once its last article is cut from it, and each
    article's tagged text once its paragraphs are made; the paragraphs, joined, are handed to
    :func:`~summarizer.documents.make.make_taken`, which lets them go as they are cleaned.
    Held, the file's text, the article's and its paragraphs sat beside the cleaning.
    ``clean``: the package's news cleaning, as for any input (``--no-clean``). An article
    that cleaning leaves without text is left out, its id appended to ``emptied`` (it was
    kept as an empty document, and summarised or scored as one)."""
    text = held.pop()
    # the articles' places (their text is cut out one at a time)
    places = [(m.group(1) or "", m.start(2), m.end(2)) for m in _DOC_RE.finditer(text)]
    docs = []
    for k, (attributes, start, end) in enumerate(places):
        block = text[start:end]
        if k == len(places) - 1:
            del text  # the last article's: the file's text is no longer read
        doc_id = _DOC_ID_RE.search(attributes)
        docno = (_field(block, "DOCNO") or (doc_id.group(1) if doc_id else "")).strip()
        body = _field(block, "TEXT")
        if body is None:
            continue
        headline = _field(block, "HEADLINE", "HEAD", "HL", "TITLE")
        del block
        # the language the lines are read in (see _lines_alike) and the Document's: guessed
        # once, from the text without its tags, entities or TeX quotes, as it will read
        meta: dict = {"file": origin}
        if language is not None:  # "" refused, as make_document refuses it
            lang = normalize_language(language)
        else:
            lang = guess_language(_guess_text(body))
            meta["language_guessed"] = True  # as make_document marks its own guess
        paragraphs = unwrap_paragraphs(body, lang)
        del body
        if not paragraphs:
            continue
        source, date = _date_from_docno(docno)
        title = _clean_line(re.sub(r"<[^>]+>", " ", headline)) if headline else None
        joined = ["\n\n".join(paragraphs)]
        del paragraphs
        # The package's news cleaning (agency datelines and sign-offs to metadata),
        # as for every other input.
        doc = make_taken(joined, id=docno or origin, title=title or None, date=date,
                         source=source, language=lang, meta=meta, clean=clean)
        if doc.text.strip():
            docs.append(doc)
        elif emptied is not None:
            emptied.append(doc.id)
    return docs


def load_duc_documents(
    folder: Path, language: str = "english", skipped: list[dict] | None = None
) -> list[Document]:
    """All articles of one cluster folder, in date then DOCNO order.

    What is not read is appended to ``skipped`` as ``{"path", "document", "reason"}`` (the
    document an article's DOCNO, else the file's name): a file that holds no ``<DOC>`` with text (a stray
    README, an empty file), one that cannot be decoded, an article that cleaning empties,
    and what the folder walk does not read (a link leaving the folder).
    """
    # checked once, here: the per-file InputError below is for a file, not for the option
    language = normalize_language(language)
    docs: list[Document] = []
    files, not_read = walk_files(folder)  # linked folders and links leaving it are not read
    out = skipped if skipped is not None else []
    out.extend({"path": s["path"], "document": Path(s["path"]).name, "reason": s["reason"]}
               for s in not_read)
    for path in files:
        emptied: list[str] = []
        try:
            parsed = parse_sgml_taken([_read_text(path)], origin=path.name, language=language,
                                      emptied=emptied)
        except InputError as exc:  # undecodable, binary, damaged compression
            out.append({"path": str(path), "document": path.name,
                        "reason": str(exc).removeprefix(f"{path}: ")})
            continue
        out.extend({"path": str(path), "document": doc_id, "reason": EMPTIED}
                   for doc_id in emptied)
        if not parsed and not emptied:
            out.append({"path": str(path), "document": path.name,
                        "reason": "no NIST SGML article (<DOC> with <TEXT>)"})
        docs.extend(parsed)
    docs.sort(key=lambda d: (d.date or "", d.id))
    return docs


def read_reference(path: Path) -> str:
    """A reference summary: one sentence per line, kept as newline-joined text."""
    lines = []
    for line in split_lines(_read_text(path)):  # \x0c, \x85, U+2028 end no sentence
        line = re.sub(r"<[^>]+>", " ", line)  # some releases wrap summaries in tags
        line = _clean_line(line)
        if line:
            lines.append(line)
    return "\n".join(lines)


# -------------------------------------------------------------------- discovery
def _cluster_dirs(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_dir() and CLUSTER_DIR_RE.match(p.name)
    ) if folder.is_dir() else []


def find_docs_roots(root: Path, first: bool = False) -> list[Path]:
    """Every folder holding ``dNNNNNx/`` cluster folders, searched from ``root`` (hidden and
    linked folders left out, as every folder walk leaves them); ``first``: stop at the first
    found (a folder called ``docs`` first at each level), enough to tell a DUC layout."""
    found: list[Path] = []
    frontier = [root]
    for _ in range(_MAX_SEARCH_DEPTH):
        nxt: list[Path] = []
        frontier.sort(key=lambda p: (p.name.lower() != "docs", str(p)))
        for folder in frontier:
            clusters = _cluster_dirs(folder)
            if clusters:
                if first:
                    return [folder]
                found.append(folder)
            nxt.extend(sorted(
                p for p in folder.iterdir()
                if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
                and p not in clusters))
        frontier = nxt
    return found


def find_reference_files(root: Path, exclude: Collection[Path] = ()) -> list[_RefFile]:
    """Every reference-named file under ``root``, but for those inside a folder of
    ``exclude`` (the cluster folders: an article is no reference).

    Files found in several folders (``models/`` and ``peers/`` often both
    hold the human summaries) are read once, preferring ``models``. A reference-named file
    that the walk does not read (a link leaving ``root``) is an :class:`InputError`: the
    clusters would be scored against fewer references, unsaid. Hidden files and folders are
    left out (a ``.old/`` copy sorted first and was read instead of the file beside it).
    """
    found: dict[tuple[str, str, int, str], _RefFile] = {}
    files, not_read = walk_files(root, once=False)  # two names, two references
    for s in not_read:
        if REFERENCE_RE.match(Path(s["path"]).name):
            raise InputError(f"{s['path']}: reference summary not read ({s['reason']})")
    excluded = {p.resolve() for p in exclude}
    paths = sorted(files, key=lambda p: (
        "model" not in str(p.relative_to(root).parent).lower(), str(p)))
    for path in paths:
        m = REFERENCE_RE.match(path.name)
        if not m or (excluded and not excluded.isdisjoint(path.resolve().parents)):
            continue
        key = (
            m.group("docset").lower(),
            m.group("selector").lower(),
            int(m.group("size")),
            m.group("assessor").upper(),
        )
        found.setdefault(key, _RefFile(path, *key))
    return list(found.values())


def load_duc(
    root: str | Path,
    references: str | Path | None = None,
    *,
    reference_size: int | None = None,
    language: str = "english",
    require_references: bool = True,
) -> list[Cluster]:
    """Load a DUC 2003/2004-style folder as clusters with reference summaries.

    ``root`` may be the folder of cluster folders itself or any folder above it
    (``docs/`` is preferred). References are searched under ``references``
    when given, else under ``root``. When a docset has references of several
    lengths (DUC 2003 had 10, 50, 100, 200 words), give ``reference_size``.
    """
    normalize_language(language)  # a typo, "" or 0 fails before the folders are walked
    root = Path(root)
    if not input_exists(root):
        raise InputError(f"DUC data set not found: {root}")
    docs_roots = find_docs_roots(root) if root.is_dir() else []
    if not docs_roots:
        raise InputError(
            f"{root}: no DUC cluster folders (like d30001t/) found; expected a folder of "
            "cluster folders or a root with docs/ and models/"
        )
    folders = _unique_clusters([f for d in docs_roots for f in _cluster_dirs(d)])
    # '--references=~/refs' reaches here unexpanded by any shell
    ref_root = expand_home(references) if references is not None else root
    if not ref_root.is_dir():
        raise InputError(f"reference folder not found: {ref_root}")
    refs = find_reference_files(ref_root, exclude=folders)
    _check_sizes(folders, refs, reference_size)

    clusters = []
    used: set[tuple[str, str]] = set()
    for folder in folders:
        docset, selector = _docset(folder)
        mine = [r for r in refs if r.docset == docset and (not selector or r.selector == selector)]
        used.update((r.docset, r.selector) for r in mine)
        sizes = sorted({r.size for r in mine})
        if reference_size is not None:
            mine = [r for r in mine if r.size == reference_size]
        mine.sort(key=lambda r: r.assessor)
        if require_references and not mine:
            # the length asked for, and those there are: the error named a 100-word file
            # as missing where it was there and another length was asked
            size = 100 if reference_size is None else reference_size
            held = (f"; its references are of {', '.join(map(str, sizes))} words: choose "
                    f"{'that length' if len(sizes) == 1 else 'one'} with reference_size "
                    "(--reference-size)") if sizes else ""
            raise InputError(
                f"{folder.name}: no reference summaries named like "
                f"{docset.upper()}.M.{size}.{(selector or 'T').upper()}.A under {ref_root}{held}"
            )
        skipped: list[dict] = []
        documents = load_duc_documents(folder, language, skipped)
        if not documents:
            raise InputError(f"{folder}: no NIST SGML article (<DOC> with <TEXT>) found")
        for entry in skipped:
            entry["cluster"] = folder.name
        clusters.append(
            Cluster(
                documents=documents,
                id=folder.name,
                references=[read_reference(r.path) for r in mine],
                language=language,
                meta={
                    "docset": docset,
                    "selector": selector,
                    "reference_files": [r.path.name for r in mine],
                    "skipped": skipped,
                },
            )
        )
    unused = sorted({f"{r.docset.upper()}.M.{r.size}.{r.selector.upper()}" for r in refs
                     if (r.docset, r.selector) not in used
                     and (reference_size is None or r.size == reference_size)})
    if unused and require_references:
        # a docset whose folder is missing, or named with another selector: said, as TAC's
        # topic with references and no articles is (refused there: its layout is fixed)
        warn(f"{ref_root}: references of {len(unused)} docset(s) with no cluster "
             f"folder are not used (first: {unused[0]})")
    return clusters


def _docset(folder: Path) -> tuple[str, str]:
    """A cluster folder's docset id and selector letter ('' for none), in lower case."""
    m = CLUSTER_DIR_RE.match(folder.name)
    assert m is not None
    return m.group("docset").lower(), (m.group("selector") or "").lower()


def _unique_clusters(folders: list[Path]) -> list[Path]:
    """``folders`` sorted by name; two that name one docset (``d30001t`` and ``D30001T``, or
    ``d30001`` and ``d30001t``, which would take the same references) are an
    :class:`InputError`: each was scored, and counted in the average, twice."""
    by_docset: dict[str, list[tuple[str, Path]]] = {}
    for folder in sorted(folders, key=lambda f: (f.name.lower(), str(f))):
        docset, selector = _docset(folder)
        for other_selector, other in by_docset.get(docset, []):
            if not selector or not other_selector or selector == other_selector:
                raise InputError(f"{other} and {folder} are one docset's cluster folders "
                                 f"({docset.upper()}); keep one")
        by_docset.setdefault(docset, []).append((selector, folder))
    return [f for group in by_docset.values() for _, f in group]


def _check_sizes(folders: list[Path], refs: list[_RefFile], reference_size: int | None) -> None:
    """Without ``reference_size``, the clusters' references must all be of one length
    (DUC 2003 had 10, 50, 100 and 200 words): an :class:`InputError` otherwise, naming the
    lengths, as one cluster's several lengths are."""
    if reference_size is not None:
        return
    wanted = [_docset(f) for f in folders]
    sizes = sorted({r.size for r in refs
                    if any(r.docset == d and (not s or r.selector == s) for d, s in wanted)})
    if len(sizes) > 1:
        raise InputError(f"the references are of several lengths {sizes} words; choose one "
                         "with reference_size (--reference-size)")


def looks_like_duc(root: Path) -> bool:
    """True when ``root`` holds (or leads to) DUC cluster folders."""
    return root.is_dir() and bool(find_docs_roots(root, first=True))


__all__ = [
    "load_duc",
    "load_duc_documents",
    "looks_like_duc",
    "normalize_quotes",
    "parse_sgml",
    "parse_sgml_taken",
    "read_reference",
    "unwrap_paragraphs",
]
