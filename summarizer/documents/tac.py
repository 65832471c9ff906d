"""The TAC 2011 MultiLing Pilot layout: 10 topics x 10 articles in 7 languages.

::

    tac2011_multiling/
      SourceTexts/M00TD.language        topic T (0-9), document D (0-9)
      Model Summaries/Language/M00T.X.250   human references (X = A, B, C, ...)

Quirks of the real data handled here: 30 Hebrew files are named
``*.Hebrew``; ``M0069.czech`` is cp1250, not UTF-8; French and Czech
references use letters beyond A-C; a few files lack the title or date line.
Each article's first line (title, sometimes ``2005/01/08 Title``) and its
date line become ``Document.title``/``Document.date``, never body text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from summarizer.documents.loaders import file_meta, held_ids, input_item
from summarizer.documents.make import make_taken
from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError, value_repr
from summarizer.languages import normalize_language
from summarizer.textio import read_text
from summarizer.values import path_given

TAC2011_LANGUAGES = ("arabic", "czech", "english", "french", "greek", "hebrew", "hindi")
_SOURCE_RE = re.compile(r"^M(\d{3})(\d)\.([A-Za-z]+)$")
_REFERENCE_RE = re.compile(r"^M(\d{3})\.([A-Za-z])\.250$", re.IGNORECASE)


def find_tac2011_root(root: str | os.PathLike) -> Path:
    """The folder holding ``SourceTexts`` (``root`` itself or ``root/tac2011_multiling``)."""
    root = Path(root)
    for cand in (root, root / "tac2011_multiling"):
        if (cand / "SourceTexts").is_dir():
            return cand
    raise InputError(f"{root}: not a TAC 2011 MultiLing folder (no SourceTexts/ inside)")


def _child_ci(parent: Path, name: str) -> Path | None:
    """The child of ``parent`` named ``name`` in any letter case."""
    if not parent.is_dir():
        return None
    for child in parent.iterdir():
        if child.name.lower() == name.lower():
            return child
    return None


def load_tac2011(
    root: str | os.PathLike,
    language: str = "english",
    *,
    clean: bool = True,
    topics: list[str] | None = None,
    references: bool = True,
) -> list[Cluster]:
    """The clusters of one language of TAC 2011 MultiLing, with their references.

    ``root`` is the ``tac2011_multiling`` folder (or its parent); ``language``
    a name or code among :data:`TAC2011_LANGUAGES`. Clusters are named
    ``M000`` ... ``M009`` like the reference files, documents ``M0000`` ...;
    ``topics`` restricts the result to some cluster ids.
    """
    lang = normalize_language(language)
    if lang not in TAC2011_LANGUAGES:
        raise InputError(f"TAC 2011 MultiLing has no {value_repr(language)}; choose one of "
                         f"{', '.join(TAC2011_LANGUAGES)}")
    base = find_tac2011_root(path_given(root, "root", InputError))  # None, '' (the working folder)
    by_topic: dict[str, list[tuple[int, Path]]] = {}
    for f in (base / "SourceTexts").iterdir():
        m = _SOURCE_RE.match(f.name)
        if m and m.group(3).lower() == lang:
            by_topic.setdefault(f"M{m.group(1)}", []).append((int(m.group(2)), f))
    if not by_topic:
        raise InputError(f"{base / 'SourceTexts'}: no {lang} documents")
    ref_dir = _child_ci(_child_ci(base, "Model Summaries") or base / "Model Summaries", lang)
    refs_by_topic: dict[str, list[tuple[str, Path]]] = {}
    if references and ref_dir is not None:
        for rf in sorted(ref_dir.iterdir()):
            m = _REFERENCE_RE.match(rf.name)
            if m:  # m001.a.250 too, as the language folder's name is read in any case
                letters = refs_by_topic.setdefault(f"M{m.group(1)}", [])
                letter = m.group(2).upper()
                if any(held == letter for held, _ in letters):
                    raise InputError(f"{rf}: a second reference {letter} of topic "
                                     f"M{m.group(1)} (names differ only in case); keep one")
                letters.append((letter, rf))
    found = sorted(by_topic.keys() | refs_by_topic.keys())
    if isinstance(topics, str):  # one id: "M001" is not the topics "M", "0", "0", "1"
        topics = [topics]
    unknown = [t for t in topics or () if t not in found]
    if unknown:  # a misspelt id left its topic out, unsaid
        raise InputError(f"{base}: no topic {', '.join(map(repr, unknown))} in {lang}; its "
                         f"topics: {', '.join(found)}")
    wanted = [t for t in found if topics is None or t in topics]
    # a topic with references but no articles is a damaged copy, as a DUC cluster
    # folder with no article is: refused by name, not left out of the scores
    orphans = [t for t in wanted if t not in by_topic]
    if orphans:
        raise InputError(f"{base / 'SourceTexts'}: no {lang} documents for topic(s) "
                         f"{', '.join(orphans)}, which have model summaries in {ref_dir}")
    clusters = []
    for topic in wanted:
        docs: list[Document] = []
        for _, f in sorted(by_topic[topic]):
            decoded = read_text(f, language=lang)
            meta, held = file_meta(decoded, f), [decoded.text]
            del decoded  # the text, taken from held as it is cleaned, goes before the join
            docs.append(make_taken(held, id=f.stem, language=lang, source=str(f), clean=clean,
                                   meta=meta))
        refs: list[str] = []
        ref_ids: list[str] = []
        for letter, rf in sorted(refs_by_topic.get(topic, [])):
            text = read_text(rf, language=lang).text.strip()
            if text:
                refs.append(text)
                ref_ids.append(letter)
        cluster = Cluster(documents=docs, id=topic, references=refs, language=lang)
        inputs = [input_item(d) for d in docs]
        held_ids(inputs, docs, cluster)  # M0012.english beside M0012.English: M0012#1
        cluster.meta.update(dataset="tac2011_multiling", reference_ids=ref_ids, inputs=inputs)
        clusters.append(cluster)
    return clusters
