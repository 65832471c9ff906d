"""Loaders: strings, text files, folders and JSONL into Documents and Clusters.

Every loader cleans the text (see :mod:`summarizer.documents.clean`) unless
``clean=False``, so titles, date lines and agency boilerplate never reach the
summariser. What was read, with which encoding, and what was skipped (and
why) is recorded in ``Cluster.meta["inputs"]`` and ``Cluster.meta["skipped"]``
(see :func:`input_report`).

Explicitly named paths must be usable: a missing, empty or binary file raises
:class:`~summarizer.errors.InputError`. Inside a folder, a bad file is
skipped and reported by name, and the error is raised only when no usable
document remains.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from summarizer.documents.clean import clean_text
from summarizer.documents.encoding import (
    LEGACY_ENCODINGS,
    Decoded,
    decode_bytes,
    read_text_file,
)
from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError
from summarizer.sentences.languages import (
    guess_language,
    normalize_language,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def make_document(
    text: str,
    *,
    id: str = "",
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
    clean: bool = True,
    meta: dict | None = None,
) -> Document:
    """Build a cleaned :class:`Document` from raw article text.

    ``language`` is a name or ISO code; when None it is guessed from the
    script (Arabic, Hebrew, Devanagari, Greek ...) and, for Latin script,
    from function words; English when unsure (``meta["language_guessed"]``).
    A title or date found in the text fills ``title``/``date`` unless given.
    """
    meta = dict(meta or {})
    if language is None:
        lang = guess_language(text)
        meta["language_guessed"] = True
    else:
        lang = normalize_language(language)
    if clean:
        cleaned = clean_text(text)
        body = cleaned.text
        title = title or cleaned.title
        date = date or cleaned.date
        for key in ("date_line", "dateline"):
            if getattr(cleaned, key):
                meta[key] = getattr(cleaned, key)
        if cleaned.header:
            meta["header"] = cleaned.header
        if cleaned.headings:
            meta["headings"] = cleaned.headings
        if cleaned.removed:
            meta["removed"] = cleaned.removed
    else:
        body = text
    return Document(text=body, id=id, title=title, date=date, source=source, language=lang,
                    meta=meta)


def load_texts(
    texts: str | Iterable[str],
    *,
    language: str | None = None,
    clean: bool = True,
    id: str = "",
) -> Cluster:
    """A cluster from one string or a list of strings (one document each)."""
    if isinstance(texts, str):
        texts = [texts]
    docs = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError(f"document {i} is a {type(text).__name__}, not a string")
        doc = make_document(text, id=f"doc{i}", language=language, clean=clean)
        if not doc.text.strip():
            raise InputError(f"document {i} is empty" + (" after cleaning" if text.strip() else ""))
        docs.append(doc)
    if not docs:
        raise InputError("no documents given")
    return Cluster(documents=docs, id=id, language=_cluster_language(docs, language))


def to_cluster(
    data: Cluster | Document | str | Iterable[str | Document],
    *,
    language: str | None = None,
    clean: bool = True,
) -> Cluster:
    """Turn what users naturally pass (texts, Documents, a Cluster) into a Cluster.

    Clusters and Documents are used as they are; strings go through
    :func:`make_document` (title/date/boilerplate removal, language guess).
    """
    if isinstance(data, Cluster):
        return data
    if isinstance(data, Document):
        return Cluster(documents=[data])
    if isinstance(data, str):
        return load_texts(data, language=language, clean=clean)
    items = list(data)
    if all(isinstance(d, str) for d in items):
        return load_texts(items, language=language, clean=clean)
    docs = [d if isinstance(d, Document) else make_document(str(d), id=f"doc{i}",
                                                              language=language, clean=clean)
            for i, d in enumerate(items)]
    if not docs:
        raise InputError("no documents given")
    return Cluster(documents=docs, language=_cluster_language(docs, language))


def _cluster_language(docs: Sequence[Document], language: str | None) -> str | None:
    if language is not None:
        return normalize_language(language)
    langs = {d.language for d in docs}
    return langs.pop() if len(langs) == 1 else None


def _document_from_decoded(
    decoded: Decoded, path: Path, doc_id: str, language: str | None, clean: bool
) -> Document:
    doc = make_document(decoded.text, id=doc_id, language=language, source=str(path), clean=clean,
                        meta={"path": str(path), "encoding": decoded.encoding})
    if not doc.text.strip():
        raise InputError(f"{path}: has no text left after removing its title and boilerplate")
    return doc


def load_file(
    path: str | os.PathLike, *, language: str | None = None, clean: bool = True,
    id: str | None = None,
) -> Document:
    """One text file as one document (its encoding is in ``meta["encoding"]``)."""
    path = Path(path)
    hint = normalize_language(language) if language else None
    decoded = read_text_file(path, language=hint)
    if hint is None and decoded.encoding in ("cp1252", "latin-1"):
        # A legacy file of unknown language: if the text reads as, say, Czech,
        # its code page is cp1250, not the western default.
        guessed = guess_language(decoded.text)
        if guessed in LEGACY_ENCODINGS:
            decoded = decode_bytes(path.read_bytes(), name=str(path), language=guessed)
    return _document_from_decoded(decoded, path, id or path.name, language, clean)


def _is_hidden(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    return any(part.startswith((".", "~")) or part.endswith("~") for part in rel.parts)


def iter_folder(root: str | os.PathLike) -> list[Path]:
    """Files under ``root``, recursively, sorted, hidden files and folders skipped."""
    root = Path(root)
    files = [p for p in root.rglob("*") if p.is_file() and not _is_hidden(p, root)]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def load_folder(
    path: str | os.PathLike, *, language: str | None = None, clean: bool = True,
    jsonl_options: dict | None = None,
) -> Cluster:
    """One document per file under ``path`` (recursively, sorted, hidden skipped).

    ``.jsonl`` files contribute their documents (see :func:`load_jsonl`).
    Bad files are skipped and listed in ``cluster.meta["skipped"]``; if none
    is usable, :class:`InputError` says why for each.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(f"{root}: no such file or folder")
    if not root.is_dir():
        raise InputError(f"{root}: is not a folder")
    docs: list[Document] = []
    inputs: list[dict] = []
    skipped: list[dict] = []
    for f in iter_folder(root):
        rel = f.relative_to(root).as_posix()
        try:
            if f.suffix.lower() in JSONL_SUFFIXES:
                sub = _jsonl_documents(f, language, clean, jsonl_options or {}, skipped)
                docs.extend(sub)
                inputs.append({"path": str(f), "encoding": "utf-8", "documents": len(sub)})
                continue
            doc = load_file(f, language=language, clean=clean, id=rel)
        except InputError as exc:
            skipped.append({"path": str(f), "reason": _reason(exc, f)})
            continue
        docs.append(doc)
        inputs.append({"path": str(f), "encoding": doc.meta.get("encoding"), "doc_id": doc.id})
    if not docs:
        why = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5]) or "it holds no files"
        raise InputError(f"{root}: no usable documents ({why})")
    cluster = Cluster(documents=docs, id=root.name, language=_cluster_language(docs, language))
    cluster.meta.update(inputs=inputs, skipped=skipped)
    return cluster


def _reason(exc: InputError, path: Path) -> str:
    """The error message without the leading file name."""
    msg = str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


# ---------------------------------------------------------------------------
# JSONL


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # a list of paragraphs
    return None


def _doc_from_record(rec: dict, fields: dict, language: str | None, clean: bool,
                     default_id: str) -> Document:
    text = _as_text(rec.get(fields["text_field"]))
    if text is None:
        raise InputError(f"no text in field {fields['text_field']!r}")
    lang = rec.get(fields["language_field"]) if fields["language_field"] else None
    doc = make_document(
        text,
        id=str(rec.get(fields["id_field"], default_id) or default_id),
        language=language or lang,
        title=rec.get(fields["title_field"]) if fields["title_field"] else None,
        date=str(rec[fields["date_field"]]) if fields["date_field"] and rec.get(fields["date_field"]) else None,
        clean=clean,
    )
    if not doc.text.strip():
        raise InputError("empty text")
    return doc


_JSONL_DEFAULTS = {
    "text_field": "text",
    "id_field": "id",
    "title_field": "title",
    "date_field": "date",
    "language_field": "language",
    "documents_field": "documents",
    "references_field": "references",
}


def _fields(options: dict) -> dict:
    unknown = set(options) - set(_JSONL_DEFAULTS)
    if unknown:
        raise InputError(f"unknown JSONL option(s): {', '.join(sorted(unknown))}")
    return {**_JSONL_DEFAULTS, **options}


def _read_jsonl_records(path: Path, skipped: list[dict]) -> list[tuple[int, dict]]:
    decoded = read_text_file(path)
    records = []
    for lineno, line in enumerate(decoded.text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            skipped.append({"path": f"{path}:{lineno}", "reason": f"invalid JSON ({exc.msg})"})
            continue
        if not isinstance(rec, dict):
            skipped.append({"path": f"{path}:{lineno}", "reason": "not a JSON object"})
            continue
        records.append((lineno, rec))
    return records


def load_jsonl(
    path: str | os.PathLike,
    *,
    language: str | None = None,
    clean: bool = True,
    text_field: str = "text",
    id_field: str = "id",
    title_field: str | None = "title",
    date_field: str | None = "date",
    language_field: str | None = "language",
    documents_field: str = "documents",
    references_field: str = "references",
) -> list[Cluster]:
    """Clusters from a JSONL file, with configurable field names.

    Two layouts are accepted, even mixed:

    - one *document* per line: ``{"id": ..., "text": ..., "title": ..., "date": ...}``;
      all such lines form one cluster named after the file;
    - one *cluster* per line: ``{"id": ..., "documents": [...], "references": [...]}``
      where each document is a string or an object with the fields above, and
      ``references`` is a string or a list of strings.

    Bad lines are skipped and listed in each cluster's ``meta["skipped"]``.
    """
    path = Path(path)
    fields = _fields(dict(text_field=text_field, id_field=id_field, title_field=title_field,
                          date_field=date_field, language_field=language_field,
                          documents_field=documents_field, references_field=references_field))
    skipped: list[dict] = []
    records = _read_jsonl_records(path, skipped)
    clusters: list[Cluster] = []
    loose: list[Document] = []
    for lineno, rec in records:
        where = f"{path}:{lineno}"
        try:
            if documents_field in rec:
                clusters.append(_cluster_from_record(rec, fields, language, clean, lineno))
            else:
                loose.append(_doc_from_record(rec, fields, language, clean, f"line{lineno}"))
        except InputError as exc:
            skipped.append({"path": where, "reason": str(exc)})
    if loose:
        clusters.insert(0, Cluster(documents=loose, id=path.stem,
                                   language=_cluster_language(loose, language)))
    if not clusters:
        why = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5]) or "it is empty"
        raise InputError(f"{path}: no usable documents ({why})")
    for c in clusters:
        c.meta.setdefault("inputs", [{"path": str(path), "encoding": "utf-8"}])
        c.meta.setdefault("skipped", skipped)
    return clusters


def _cluster_from_record(rec: dict, fields: dict, language: str | None, clean: bool,
                         lineno: int) -> Cluster:
    items = rec.get(fields["documents_field"])
    if not isinstance(items, list) or not items:
        raise InputError(f"field {fields['documents_field']!r} is not a non-empty list")
    lang = language or (rec.get(fields["language_field"]) if fields["language_field"] else None)
    docs = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            doc = make_document(item, id=f"doc{i}", language=lang, clean=clean)
            if not doc.text.strip():
                continue
        elif isinstance(item, dict):
            try:
                doc = _doc_from_record(item, fields, lang, clean, f"doc{i}")
            except InputError:
                continue
        else:
            continue
        docs.append(doc)
    if not docs:
        raise InputError("no document with text")
    refs = rec.get(fields["references_field"], [])
    if isinstance(refs, str):
        refs = [refs]
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise InputError(f"field {fields['references_field']!r} must be a string or a list of strings")
    cid = str(rec.get(fields["id_field"], f"line{lineno}"))
    return Cluster(documents=docs, id=cid, references=[r for r in refs if r.strip()],
                   language=_cluster_language(docs, lang))


def _jsonl_documents(path: Path, language: str | None, clean: bool, options: dict,
                     skipped: list[dict]) -> list[Document]:
    clusters = load_jsonl(path, language=language, clean=clean, **options)
    if len(clusters) > 1:
        raise InputError(f"holds {len(clusters)} clusters; load it with load_jsonl() or "
                         "`summarizer evaluate` instead of as part of one cluster")
    skipped.extend(clusters[0].meta.get("skipped", []))
    return clusters[0].documents


# ---------------------------------------------------------------------------
# The entry point the CLI uses


def load_cluster(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    language: str | None = None,
    clean: bool = True,
    id: str | None = None,
    **jsonl_options: Any,
) -> Cluster:
    """One cluster from files, folders and ``.jsonl`` files, in the order given.

    ``"-"`` reads one document from standard input.

    Named files must be usable (else :class:`InputError`); bad files inside
    folders and bad JSONL lines are skipped and listed in
    ``cluster.meta["skipped"]``. ``jsonl_options`` are the field names of
    :func:`load_jsonl`. A JSONL file holding several clusters is an error
    here: load it with :func:`load_jsonl`.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if not paths:
        raise InputError("no input paths given")
    _fields(jsonl_options)  # fail early on a misspelt option
    docs: list[Document] = []
    inputs: list[dict] = []
    skipped: list[dict] = []
    references: list[str] = []
    for p in paths:
        if str(p) == "-":  # standard input, one document
            data = sys.stdin.buffer.read()
            decoded = decode_bytes(data, name="<stdin>",
                                   language=normalize_language(language) if language else None)
            if not decoded.text.strip():
                raise InputError("<stdin>: is empty")
            doc = _document_from_decoded(decoded, Path("<stdin>"), "stdin", language, clean)
            docs.append(doc)
            inputs.append({"path": "<stdin>", "encoding": decoded.encoding, "doc_id": doc.id})
            continue
        path = Path(p)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            sub = load_folder(path, language=language, clean=clean, jsonl_options=jsonl_options)
            docs.extend(sub.documents)
            inputs.extend(sub.meta["inputs"])
            skipped.extend(sub.meta["skipped"])
        elif path.suffix.lower() in JSONL_SUFFIXES:
            clusters = load_jsonl(path, language=language, clean=clean, **jsonl_options)
            if len(clusters) > 1:
                raise InputError(f"{path}: holds {len(clusters)} clusters; summarise them one by "
                                 "one (summarizer.documents.load_jsonl) or use `summarizer evaluate`")
            docs.extend(clusters[0].documents)
            references.extend(clusters[0].references)
            inputs.append({"path": str(path), "encoding": "utf-8",
                           "documents": len(clusters[0].documents)})
            skipped.extend(clusters[0].meta.get("skipped", []))
        else:
            doc = load_file(path, language=language, clean=clean, id=path.name)
            docs.append(doc)
            inputs.append({"path": str(path), "encoding": doc.meta.get("encoding"),
                           "doc_id": doc.id})
    if not docs:  # pragma: no cover - every branch above raises instead
        raise InputError("no usable documents")
    name = id if id is not None else (Path(paths[0]).stem if len(paths) == 1 else "")
    cluster = Cluster(documents=docs, id=name, references=references,
                      language=_cluster_language(docs, language))
    # Cluster renames duplicate ids: record the final ones.
    by_path = {d.meta.get("path"): d.id for d in docs if d.meta.get("path")}
    for item in inputs:
        if "doc_id" in item and item["path"] in by_path:
            item["doc_id"] = by_path[item["path"]]
    cluster.meta.update(inputs=inputs, skipped=skipped)
    return cluster


def input_report(cluster: Cluster) -> dict:
    """What was read and skipped to build ``cluster``: for reports and the CLI."""
    inputs = cluster.meta.get("inputs", [])
    return {
        "files": inputs,
        "skipped": cluster.meta.get("skipped", []),
        "documents": len(cluster.documents),
        "language": cluster.language,
        "non_utf8": [i for i in inputs if i.get("encoding") not in (None, "utf-8", "utf-8-sig")],
    }
