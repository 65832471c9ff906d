"""The plain data model: a Document and a Cluster of documents about one event."""

from __future__ import annotations

import copy
import datetime as dt
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from summarizer.documents.dates import normalize_date
from summarizer.errors import InputError, UnknownLanguageError, first_line, refuse_unordered
from summarizer.textio import refuse_lone_surrogate


class _DateField:
    """``Document.date``: given as a string, a ``datetime.date`` (or ``datetime``) or None,
    and kept as :func:`~summarizer.documents.dates.normalize_date` reads it (a string or
    None): the type of what is set differs from that of what is read, which the field's
    type says. The one place a date is normalised (loaders leave it), on every
    assignment: ``doc.date = "2004-9-1"`` after the Document was made was kept as given.
    The first, ``__init__``'s, is kept as given until ``__post_init__`` reads it, after
    the text and id are checked.

    The value is kept as the attribute ``_date``, never through ``doc.__dict__``: reading
    that makes each Document a dict of its own (64 bytes more a document; 52 MB for the
    812,000 one-word documents of a 5 MB text split at every space)."""

    def __get__(self, doc: Document | None, owner: type | None = None) -> str | None:
        if doc is None:  # on the class: the dataclass's default
            return None
        try:
            return getattr(doc, _DATE)
        except AttributeError:  # pickled when it was kept as "date"
            return vars(doc).get("date")

    def __set__(self, doc: Document, value: str | dt.date | None) -> None:
        setattr(doc, _DATE, _read_date(doc, value) if hasattr(doc, _DATE) else value)


_DATE = "_date"  # where a Document's date is kept (_DateField)


def _read_date(doc: Document, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):  # a datetime too: its ISO form, read as one
        value = value.isoformat()
    if not isinstance(value, str):
        raise InputError(f"Document date must be a string, a datetime.date or None, "
                         f"not {type(value).__name__}")
    return normalize_date(value, f"Document {doc.id + ' ' if doc.id else ''}date") \
        if value.strip() else None


@dataclass
class Document:
    """One news article.

    ``text`` is the body only; a title or date line found in the raw text is
    moved to ``title`` / ``date`` by the loaders so it is never summarised.
    ``date`` is read into one sortable form here, whoever makes the Document and whenever
    it is set (:func:`~summarizer.documents.dates.normalize_date`: ``2004-9-1`` becomes
    ``2004-09-01``; a ``datetime.date`` or ``datetime`` its ISO form; a blank one None), as
    documents are put in date order by it;
    a value that is no date is an :class:`~summarizer.errors.InputError`.
    ``language`` (a name or ISO code) None, the default, says none: the document is read
    (split into sentences, its words) in its cluster's language, and in English used alone
    (:func:`document_language`); one given its own is read in it in any cluster.
    """

    text: str
    id: str = ""
    title: str | None = None
    date: _DateField = _DateField()  # set: str | datetime.date | None; read: str | None
    source: str | None = None
    language: str | None = None  # None: its cluster's, else English (document_language)
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Only real text is summarised: never the str() of bytes, None or a number.
        if not isinstance(self.text, str):
            hint = " (decode bytes first: summarizer.textio.decode_bytes)" if isinstance(
                self.text, (bytes, bytearray)) else ""
            raise InputError(f"Document text must be a string, not {type(self.text).__name__}"
                             f"{hint}")
        self.id = _int_id(self.id)
        if not isinstance(self.id, str):
            raise InputError(f"Document id must be a string, not {type(self.id).__name__}")
        for name in ("title", "source", "language"):  # the date's type: _read_date's check
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(f"Document {name} must be a string or None, not "
                                 f"{type(value).__name__}")
        _known_language(self.language, f"Document{' ' + self.id if self.id else ''}",
                        "its cluster's")
        self.meta = _meta(self.meta, "Document")
        self.date = self.date  # read by _DateField's rule, now the id is known
        # text read with errors="surrogateescape" keeps undecodable bytes as lone surrogates:
        # a UnicodeEncodeError deep in the sentence encoder before, never a typed error
        for name in ("text", "title"):
            value = getattr(self, name)
            if value:
                refuse_lone_surrogate(value, f"Document {self.id + ' ' if self.id else ''}{name}")


def _int_id(value: Any) -> Any:
    """An integer id (a row's number, a pandas group's ``numpy.int64``) as its string, for a
    Document's and a Cluster's alike; anything else as given, for the caller to check."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(value)
    return value


def _known_language(language: str | None, owner: str, none_is: str) -> None:
    """Refuse ``owner``'s (``"Document d1"``, ``"Cluster c1"``) ``language`` string unless
    :func:`~summarizer.languages.normalize_language` knows it, when the object is made: an
    unknown one (``"xx"``, a typo) was kept and refused only where its text was first split
    or its words read, far from the line that named it. An
    :class:`~summarizer.errors.UnknownLanguageError` naming the owner; ``""`` an
    :class:`InputError` (it was read as English deep in the splitter, not as None, which
    ``none_is`` says what it means). The value is kept as given (``"cs"`` stays ``"cs"``:
    data sets' fingerprints hash it as it is); a copy (``dataclasses.replace``) is checked
    again, a pickled one (Ray's workers) is not, as it was made and checked before."""
    if language is None:
        return
    if language == "":
        raise InputError(f"{owner} language is empty; give a name or code, or None "
                         f"({none_is})")
    # Imported here: `import summarizer.documents` loads no language table (start-up).
    from summarizer.languages import normalize_language

    try:
        normalize_language(language)
    except UnknownLanguageError as exc:
        raise UnknownLanguageError(f"{owner}: {exc}") from None


def _meta(meta: object, owner: str) -> dict:
    """``meta`` as a dict; anything else is refused here, not where a key is first read."""
    if isinstance(meta, dict):
        return meta
    if isinstance(meta, Mapping):
        return dict(meta)
    raise InputError(f"{owner} meta must be a dict, not {type(meta).__name__}")


def _references(refs: object) -> list[str]:
    """A cluster's references, a list of texts; one string is one reference. Iterated, a
    string gave each character as a reference and a dict its keys: ROUGE scored those."""
    if isinstance(refs, str):
        return [refs]
    if refs is None:
        return []
    refuse_unordered(refs, "Cluster references", "a report lists them in their order",
                     "a list of texts")
    if isinstance(refs, Mapping | bytes) or not isinstance(refs, Iterable):
        raise InputError("Cluster references must be a list of texts, not "
                         f"{type(refs).__name__}")
    refs = list(refs)
    for i, ref in enumerate(refs):
        if not isinstance(ref, str):
            raise InputError(f"Cluster reference {i} must be a text, not {type(ref).__name__}")
    return refs


def unused_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base#2``, ``base#3`` ... : the first not in ``taken``, then added to it
    (a made-up id never takes one that was given)."""
    new, k = base, 2
    while new in taken:
        new, k = f"{base}#{k}", k + 1
    taken.add(new)
    return new


def _meta_copy(doc: Document) -> dict:
    """A deep copy of ``doc.meta`` for its renamed copy: the copy shared the dict, and a
    cleaned page's nested ``html``, ``removed`` and ``headings``, with the caller's document,
    so that setting or appending to one changed the other."""
    try:
        return copy.deepcopy(doc.meta)
    except Exception as exc:  # an object deepcopy refuses (a lock, an open file)
        raise InputError(
            f"Document {doc.id or '(no id)'} meta cannot be copied ({type(exc).__name__}: "
            f"{first_line(exc, 200)}); its renamed copy needs its own (its id is empty or "
            "repeated): give each document its own id") from None


def document_language(doc: Document, cluster_language: str | None = None) -> str:
    """The language ``doc`` is read in: its own where it names one, else its cluster's
    (``Cluster.language``), else (a Document used alone) English. The one place a
    document's language is read: a Document that names none keeps None, in every cluster
    it is put in (the caller's object is not changed, nor copied)."""
    if doc.language is not None:
        return doc.language
    return _default_language() if cluster_language is None else cluster_language


def _default_language() -> str:
    # Imported here: `import summarizer.documents` loads no language table (start-up).
    from summarizer.languages import DEFAULT_LANGUAGE

    return DEFAULT_LANGUAGE


def documents_language(documents: Iterable[Document],
                       cluster_language: str | None = None) -> str | None:
    """The one language ``documents`` (of a cluster read in ``cluster_language``, see
    :func:`document_language`) are read in (each is split into sentences in its own);
    None where they have several, or none."""
    langs = {document_language(d, cluster_language) for d in documents}
    return langs.pop() if len(langs) == 1 else None


def check_taken(value: object, kind: type, caller: str) -> None:
    """A one-line :class:`InputError` unless ``value`` is a ``kind`` (:class:`Cluster` or
    :class:`Document`): ``caller`` (``"summarize()"``, ``"split_document()"``) given a
    string, a list or None failed with an AttributeError deep inside."""
    if not isinstance(value, kind):
        how = ("summarizer.summarize(...) or summarizer.documents.to_cluster for texts"
               if kind is Cluster else "Document(text) for a text")
        raise InputError(f"{caller} takes a {kind.__name__}, not {type(value).__name__} "
                         f"(use {how})")


@dataclass
class Cluster:
    """Documents about one event, with optional human reference summaries.

    ``language`` is the one its words are read in (stop words, stems), and its documents'
    that name none (:func:`document_language`); not given, its documents' one language,
    else English."""

    documents: list[Document]
    id: str = ""
    references: list[str] = field(default_factory=list)
    language: str | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.documents, (str, bytes)) or not isinstance(self.documents, Iterable):
            raise InputError("Cluster documents must be a list of Document objects, not "
                             f"{type(self.documents).__name__}")
        self.documents = list(self.documents)
        self.id = _int_id(self.id)
        if not isinstance(self.id, str | None):
            raise InputError("Cluster id must be a string, an int or None (a run then names "
                             f"the cluster by its place), not {type(self.id).__name__}")
        self.references = _references(self.references)
        self.meta = _meta(self.meta, "Cluster")
        if self.language is not None and not isinstance(self.language, str):
            raise InputError("Cluster language must be a string (a name or ISO code) or None "
                             "(its documents' one language, else English), not "
                             f"{type(self.language).__name__}")
        _known_language(self.language, f"Cluster{' ' + self.id if self.id else ''}",
                        "its documents' one language, else English")
        for i, doc in enumerate(self.documents):
            if not isinstance(doc, Document):
                raise InputError(f"Cluster document {i} is a {type(doc).__name__}, not a "
                                 "Document (wrap texts as Document(text), or use "
                                 "summarizer.documents.to_cluster)")
        # Give anonymous documents stable, unique ids: provenance needs them. A renamed
        # document is a copy: the caller's own Document keeps its id (one reused in another
        # cluster, or compared with the summary's provenance, was renamed by this one), and
        # its meta (_meta_copy).
        # A made-up id never takes one a document was given: the given ids are all
        # reserved first, then a made-up one that is taken gets a further '#k'.
        taken = {d.id for d in self.documents if d.id}
        seen: set[str] = set()
        for i, doc in enumerate(self.documents):
            if not doc.id or doc.id in seen:
                new = unused_id(f"{doc.id}#{i}" if doc.id else f"doc{i}", taken)
                doc = self.documents[i] = replace(doc, id=new, meta=_meta_copy(doc))
            seen.add(doc.id)
        # Not given: its documents' one language, else English; a document that names none
        # is English here (document_language), so it is read in the one this gives.
        if self.language is None:
            self.language = documents_language(self.documents) or _default_language()

    @classmethod
    def from_texts(
        cls, texts: str | Iterable[str], id: str = "", language: str | None = None
    ) -> Cluster:
        """Build a cluster from one string or a list of strings, each read in ``language``
        (English where None), as ``Cluster([Document(t) for t in texts], language=language)``
        is: the documents name no language of their own."""
        if isinstance(texts, str):
            texts = [texts]
        elif isinstance(texts, bytes | bytearray) or not isinstance(texts, Iterable):
            # None or 5 was a TypeError; bytes gave "Document text must be ... not int"
            raise InputError(f"Cluster.from_texts takes a string or a list of strings, not "
                             f"{type(texts).__name__}")
        refuse_unordered(texts, "texts", "the documents' order is read (which came first, "
                         "what leads)", "a list")
        docs = [Document(text=t, id=f"doc{i}") for i, t in enumerate(texts)]
        return cls(documents=docs, id=id, language=language)

    def __len__(self) -> int:
        return len(self.documents)
