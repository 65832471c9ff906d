"""Loaders: strings, files, folders, JSONL and the CLI's load_cluster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.documents import (
    Cluster,
    input_report,
    iter_folder,
    load_cluster,
    load_file,
    load_folder,
    load_jsonl,
    load_texts,
    make_document,
)
from summarizer.errors import InputError, OptionError

ARTICLE = (
    "Storm hits the coast\n\nMonday, March 7, 2005\n\n"
    "A powerful storm hit the coast on Monday. Thousands of homes lost power.\n\nabc/de"
)


def test_make_document_cleans_and_fills_metadata():
    doc = make_document(ARTICLE, id="a1")
    assert doc.title == "Storm hits the coast"
    assert doc.date == "2005-03-07"
    assert doc.text == "A powerful storm hit the coast on Monday. Thousands of homes lost power."
    assert doc.meta["removed"] == ["abc/de"]
    assert doc.language == "english" and doc.meta["language_guessed"]
    raw = make_document(ARTICLE, clean=False)
    assert raw.text == ARTICLE and raw.title is None


def test_language_from_argument_or_script():
    assert make_document("Hello there.", language="fr").language == "french"
    assert make_document("مرحبا بكم في الأخبار. هذا خبر.").language == "arabic"
    assert make_document("नमस्ते दुनिया। यह खबर है।").language == "hindi"
    assert make_document("שלום עולם. זו ידיעה.").language == "hebrew"


def test_load_texts():
    c = load_texts(["First article here.", "Second article here."])
    assert [d.id for d in c.documents] == ["doc0", "doc1"]
    assert load_texts("Only one.").documents[0].text == "Only one."
    with pytest.raises(InputError, match="document 1 is empty"):
        load_texts(["Fine text.", "   "])
    with pytest.raises(InputError, match="no documents"):
        load_texts([])


def _folder(tmp_path):
    root = tmp_path / "news"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("Article A is about the storm. It was big.", encoding="utf-8")
    (root / "b" / "c.txt").write_bytes("Article C mentions a caf\u00e9 in Paris.".encode("cp1252"))
    (root / "b" / "a.txt").write_text("Article B/A is nested. It has two sentences.")
    (root / ".hidden.txt").write_text("Hidden file must be skipped.")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("Hidden folder must be skipped.")
    (root / "notes~").write_text("Editor backup must be skipped.")
    (root / "empty.txt").write_text("\n  \n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    return root


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path):
    root = _folder(tmp_path)
    names = [p.relative_to(root).as_posix() for p in iter_folder(root)]
    assert names == ["a.txt", "b/a.txt", "b/c.txt", "empty.txt", "image.png"]


def test_folder_reports_bad_files_by_name_and_keeps_the_rest(tmp_path):
    root = _folder(tmp_path)
    c = load_folder(root)
    assert [d.id for d in c.documents] == ["a.txt", "b/a.txt", "b/c.txt"]
    skipped = {s["path"]: s["reason"] for s in c.meta["skipped"]}
    assert skipped == {str(root / "empty.txt"): "is empty",
                       str(root / "image.png"): "looks like a binary file, not text"}
    report = input_report(c)
    assert [i["encoding"] for i in report["non_utf8"]] == ["cp1252"]
    assert "café" in c.documents[2].text


def test_folder_with_nothing_usable(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="no usable documents.*bin.dat.*binary"):
        load_folder(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(InputError, match="holds no files"):
        load_folder(tmp_path / "sub")


def test_data_files_are_not_read_as_article_text(tmp_path):
    """A scraper's metadata.json or index.csv beside the articles was a document, so JSON
    and CSV syntax ("file,words a.txt,700", '"title": "...') came out in the summary; a
    .json, .csv or .parquet file named alone was summarised as prose (or "looks like a
    binary file"). Such files are data sets (batch and evaluate read them as hf:PATH)."""
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "metadata.json").write_text(json.dumps({"title": "A storm hit the coast on "
                                                        "Monday and homes lost power."}))
    (tmp_path / "index.csv").write_text("file,words\na.txt,20\n")
    (tmp_path / "rows.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4 + b"PAR1")
    c = load_folder(tmp_path)
    assert [d.id for d in c.documents] == ["a.txt"]
    skipped = {Path(s["path"]).name: s["reason"] for s in c.meta["skipped"]}
    assert set(skipped) == {"metadata.json", "index.csv", "rows.parquet"}
    assert all("data file" in r for r in skipped.values()), skipped
    for name in ("metadata.json", "index.csv", "rows.parquet"):
        with pytest.raises(InputError, match=f"{name}: a .* data file.*hf:"):
            load_cluster([tmp_path / name])


DUC_DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "duc" / "docs" / "d30001t"


def test_nist_sgml_newswire_is_read_as_its_articles(tmp_path, monkeypatch):
    """A DUC/TAC document file (<DOC> ... <TEXT> hard-wrapped at 70 columns) given to
    summarize was read as plain text: every wrapped line a paragraph, so every sentence cut
    at its line ends ("... declared a state of"), and "<DOC>" as the title. It is read as
    the DUC loader reads it: the <TEXT> unwrapped, headline and date from the markup."""
    from summarizer.documents.duc import parse_sgml
    from summarizer.sentences import split_document

    folder = load_folder(DUC_DOCS)
    expected = {d.id: d for f in sorted(DUC_DOCS.iterdir())
                for d in parse_sgml(f.read_text(), origin=f.name)}
    assert sorted(d.id for d in folder.documents) == sorted(expected)
    for doc in folder.documents:
        assert doc.text == expected[doc.id].text and doc.title != "<DOC>"
        assert doc.date == expected[doc.id].date
        assert all(s.text.rstrip().endswith((".", '"', "'", "?", "!")) or s is
                   split_document(doc)[-1] for s in split_document(doc)), doc.id
    two = tmp_path / "two.sgml"  # a file of several articles: each one a document
    two.write_text("".join(f.read_text() for f in sorted(DUC_DOCS.iterdir())[:2]))
    assert len(load_cluster([two]).documents) == 2
    one = sorted(DUC_DOCS.iterdir())[0]
    assert load_file(one).text == expected[load_file(one).id].text
    with pytest.raises(InputError, match="2 articles"):
        load_file(two)
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(one.read_bytes())))
    assert load_cluster(["-"]).documents[0].text == expected[load_file(one).id].text


def test_an_xml_feed_is_not_summarised_as_markup(tmp_path):
    """An RSS feed saved as .xml was read as text, tags and all: the summary was
    "<item><title>Floods hit the coast</title><description>The river ..."."""
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                    "<item><title>Floods hit the coast</title><description>The river burst "
                    "its banks on Sunday. Hundreds of families left their homes."
                    "</description></item></channel></rss>\n")
    with pytest.raises(InputError, match="feed.xml: an XML file"):
        load_cluster([feed])
    (tmp_path / "a.txt").write_text(ARTICLE)
    c = load_folder(tmp_path)
    assert [d.id for d in c.documents] == ["a.txt"]
    assert "an XML file" in c.meta["skipped"][0]["reason"]
    page = tmp_path / "page.xhtml"  # XHTML opens with the same declaration: still a page
    page.write_text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
                    "<p>The river burst its banks on Sunday. Hundreds of families left their "
                    "homes.</p></body></html>")
    assert load_file(page).text.startswith("The river burst")


@pytest.mark.parametrize("head", ['<rss version="2.0">', "<!-- saved -->\n<rss>",
                                  '<feed xmlns="http://www.w3.org/2005/Atom">',
                                  '<rdf:RDF xmlns:rdf="x">', "<NewsML>"])
def test_a_feed_without_an_xml_declaration_is_not_summarised_as_markup(tmp_path, head):
    # the declaration is optional: without it a feed was summarised, tags and all
    feed = tmp_path / "feed.xml"
    feed.write_text(f"{head}<item><title>Floods hit the coast</title><description>The river "
                    "burst its banks on Sunday. Hundreds of families left their homes."
                    "</description></item>\n")
    with pytest.raises(InputError, match="feed.xml: an XML file"):
        load_cluster([feed])


def test_load_file_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.txt")
    only_boilerplate = tmp_path / "credits.txt"
    only_boilerplate.write_text("(Reporting by John Smith; Editing by Jane Doe)\njha/ga\n")
    with pytest.raises(InputError, match="no text left"):
        load_file(only_boilerplate)


def test_jsonl_documents_with_custom_fields(tmp_path):
    path = tmp_path / "docs.jsonl"
    rows = [
        {"doc": "d1", "body": "The first article says hello. It is short.", "headline": "Hello"},
        {"doc": "d2", "body": "The second article says goodbye.", "when": "2005-01-02"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    [cluster] = load_jsonl(path, text_field="body", id_field="doc", title_field="headline",
                           date_field="when")
    assert [d.id for d in cluster.documents] == ["d1", "d2"]
    assert cluster.documents[0].title == "Hello"
    assert cluster.documents[1].date == "2005-01-02"
    assert cluster.meta["skipped"] == []
    assert cluster.meta["inputs"] == [{"path": str(path), "encoding": "utf-8"}]


@pytest.mark.parametrize("line, message", [
    ("{not json", r"docs.jsonl:2: not valid JSON"),
    ("[1, 2]", r"docs.jsonl:2: a JSON array, not an object"),
    ('{"text": "Fine text here.", "language": 5}',
     r"docs.jsonl:2: field 'language' must be a string, not a number"),
    ('{"text": "Fine text here.", "language": "englsh"}',
     r"docs.jsonl:2: unknown language 'englsh' \(did you mean 'english'\?\)"),
    ('{"text": 7}', r"docs.jsonl:2: field 'text' must be a string or an array, not a number"),
    ('{"body": "no text field"}',
     r"docs.jsonl:2: no text field \(document, text, article\); its fields: body"),
    ('{"id": "c", "documents": ["Good text.", 5]}',
     r"docs.jsonl:2 \(id 'c'\): documents\[1\] is a number, not a string or an object"),
    ('{"id": "c", "documents": ["Good text.", {"text": null, "title": 3}]}',
     r"docs.jsonl:2 \(id 'c'\): documents\[1\]: no text in field 'text'"),
    ('{"id": "c", "documents": "one string"}',
     r"docs.jsonl:2 \(id 'c'\): field 'documents' must be an array, not a string"),
    ('{"id": "c", "documents": []}',
     r"docs.jsonl:2 \(id 'c'\): field 'documents' must be a non-empty list"),
    ('{"id": "c", "documents": ["Good text."], "references": ["ok", 3]}',
     r"docs.jsonl:2 \(id 'c'\): references\[1\] is a number, not a string"),
])
def test_jsonl_bad_lines_and_items_are_errors_by_position(tmp_path, line, message):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "A good first line of text."}) + "\n" + line)
    with pytest.raises(InputError, match=message):
        load_jsonl(path)


def test_jsonl_text_is_found_in_the_fields_batch_and_evaluate_look_for(tmp_path):
    # summarize read only "text": a JSONL of {"article": ...} lines (CNN/DailyMail's field),
    # which `summarizer batch` and `evaluate` read, was "no text in field 'text'" here
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "article": "The storm hit the coast on Monday."},
        {"id": "b", "document": "Thousands of homes lost power."},
        {"id": "c", "text": "Crews worked through the night.", "article": "Not this one."},
    ]))
    [cluster] = load_jsonl(path)
    assert [d.text for d in cluster.documents] == [
        "The storm hit the coast on Monday.", "Thousands of homes lost power.",
        "Crews worked through the night."]
    with pytest.raises(InputError, match="docs.jsonl:2: no text in field 'article'"):
        load_jsonl(path, text_field="article")  # a named field is that field, on every line


def test_one_rule_chooses_a_rows_text_field():
    from summarizer.documents.loaders import (
        DOCUMENT_TEXT_FIELDS,
        SUMMARY_FIELDS,
        TEXT_FIELDS,
        choose_field,
    )

    row = {"documents": ["a"], "document": "b", "text": "c", "article": "d", "summary": "e"}
    assert choose_field(row) == "documents"  # the first usual name, in TEXT_FIELDS order
    assert choose_field(row, candidates=DOCUMENT_TEXT_FIELDS) == "document"
    assert choose_field(row, preset="article") == "article"  # a preset's field before those
    assert choose_field(row, "text", "article") == "text"  # and the named one before all
    assert choose_field(row, candidates=SUMMARY_FIELDS) == "summary"
    assert choose_field({"body": "x"}) is None
    assert choose_field(["article", "text"]) == "text"  # a data set's columns
    assert "documents" not in DOCUMENT_TEXT_FIELDS and set(DOCUMENT_TEXT_FIELDS) < set(TEXT_FIELDS)


def test_jsonl_clusters_with_references(tmp_path):
    path = tmp_path / "clusters.jsonl"
    rows = [
        {"id": "c1", "documents": ["Article one text.", {"text": "Article two text.", "id": "x"}],
         "references": ["A reference summary."]},
        {"id": "c2", "documents": ["Only article."], "references": "One reference as a string."},
        {"id": "c3", "documents": ["", "(Reporting by John Smith; Editing by Jane Doe)",
                                   "Kept article."]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    clusters = load_jsonl(path)
    assert [c.id for c in clusters] == ["c1", "c2", "c3"]
    assert [d.id for d in clusters[0].documents] == ["doc0", "x"]
    assert clusters[1].references == ["One reference as a string."]
    assert [d.id for d in clusters[2].documents] == ["doc2"]
    # Documents left empty are reported by line and position, never dropped silently.
    skipped = clusters[0].meta["skipped"]
    assert [s["path"].rsplit("/", 1)[1] for s in skipped] == [
        "clusters.jsonl:3 (id 'c3') documents[0]", "clusters.jsonl:3 (id 'c3') documents[1]"]
    assert [s["reason"] for s in skipped] == [
        "empty", "no text left after removing its title and boilerplate"]
    # it named `summarizer evaluate`, which needs references; batch is the command for this
    with pytest.raises(InputError, match=r"holds 3 clusters; summarise each with `summarizer "
                       r"batch .*clusters.jsonl --out DIR`"):
        load_cluster(path)


@pytest.mark.parametrize(("name", "cid"), [("data", "data"), ("line1", None)])
def test_loose_documents_cluster_may_not_take_a_cluster_lines_id(tmp_path, name, cid):
    # the loose documents' cluster takes the file's name, an id from a place, as a line
    # without one takes "lineN" (records.RowIds): two clusters of one id came back, and
    # evaluate said only "cluster ids are not unique (e.g. data)"
    path = tmp_path / f"{name}.jsonl"
    lines = [{"id": cid, "documents": ["Article one text."], "references": ["A summary."]},
             {"id": "c2", "documents": ["Article two text."]},
             {"id": "a1", "text": "A loose article."}, {"text": "Another loose one."}]
    path.write_text("\n".join(json.dumps(r) for r in lines))
    with pytest.raises(InputError, match="^" + re.escape(
            f"{path}: the documents of its lines without 'documents' (the first at line 3) "
            f"form a cluster named after the file, {name!r}, which is the id of the cluster "
            "at line 1; cluster ids must be unique")):
        load_jsonl(path)
    # another name: the loose documents are one more cluster, first, as before
    path.rename(tmp_path / "news.jsonl")
    clusters = load_jsonl(tmp_path / "news.jsonl")
    assert [c.id for c in clusters] == ["news", name, "c2"]
    assert [d.id for d in clusters[0].documents] == ["a1", "line4"]


def test_load_cluster_mixes_files_folders_and_jsonl(tmp_path):
    root = _folder(tmp_path)
    single = tmp_path / "single.txt"
    single.write_text("A single file article. It is here.")
    jl = tmp_path / "more.jsonl"
    jl.write_text(json.dumps({"id": "j1", "text": "An article from JSONL."}) + "\n")
    c = load_cluster([single, root, jl])
    assert [d.id for d in c.documents] == ["single.txt", "a.txt", "b/a.txt", "b/c.txt", "j1"]
    assert len(c.meta["skipped"]) == 2
    assert c.meta["inputs"][0] == {"path": str(single), "encoding": "utf-8",
                                   "doc_id": "single.txt"}


def test_load_cluster_named_bad_files_are_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_cluster([tmp_path / "missing.txt"])
    (tmp_path / "bin.dat").write_bytes(b"\x00" * 50)
    with pytest.raises(InputError, match="bin.dat: looks like a binary"):
        load_cluster(tmp_path / "bin.dat")
    with pytest.raises(OptionError, match="JSONL reader has no option"):
        load_cluster(tmp_path, txt_field="x")
    with pytest.raises(InputError, match="no input paths"):
        load_cluster([])


def test_duplicate_file_names_get_unique_ids(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text(f"Story from folder {d}. It matters.")
    c = load_cluster([tmp_path / "x" / "story.txt", tmp_path / "y" / "story.txt"])
    ids = [d.id for d in c.documents]
    assert len(set(ids)) == 2
    assert [i["doc_id"] for i in c.meta["inputs"]] == ids


def _sgml(*docnos: str) -> str:
    return "".join(f"<DOC>\n<DOCNO>{n}</DOCNO>\n<TEXT>\nStory {i} of file {n}: the council "
                   f"met on day {i}. It voted.\n</TEXT>\n</DOC>\n" for i, n in enumerate(docnos))


def test_the_inputs_record_the_ids_the_cluster_holds_and_the_ids_read(tmp_path):
    """A repeated DOCNO is renamed in the cluster (D1, D1#1, ...): a folder's meta["inputs"]
    named every one 'D1', and load_cluster gave every article of one file the id of its
    last one; provenance points at the held ids."""
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.sgml").write_text(_sgml("D1", "D1", "D2"))
    (root / "sub" / "b.sgml").write_text(_sgml("D1"))
    (tmp_path / "c.sgml").write_text(_sgml("D2", "D1"))
    for cluster in (load_folder(root), load_cluster([root, tmp_path / "c.sgml"]),
                    load_cluster([root / "a.sgml", root / "sub" / "b.sgml"])):
        held = [d.id for d in cluster.documents]
        assert len(set(held)) == len(held)
        items = cluster.meta["inputs"]
        assert [i["doc_id"] for i in items] == held
        read = [i.get("read_id", i["doc_id"]) for i in items]
        assert read == ["D1", "D1", "D2", "D1", "D2", "D1"][:len(held)]
        assert [i["path"] for i in items] == [d.meta["path"] for d in cluster.documents]
        assert all(("read_id" in i) == (i["doc_id"] != r) for i, r in zip(items, read, strict=True))
        assert [i["doc_id"] for i in input_report(cluster)["files"]] == held


def test_a_file_is_read_once_whatever_names_it(tmp_path):
    # A link to a file of the folder (latest.txt -> the day's article), a hard link, a file
    # or folder named twice or also inside a named folder: each was read again, one article
    # becoming two or three documents (every document frequency counted it more than once).
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("The council approved the budget on Monday. It passed.")
    (root / "sub" / "b.txt").write_text("Voters backed the school plan on Tuesday. Turnout was low.")
    (root / "latest.txt").symlink_to("a.txt")
    (root / "z_hard.txt").hardlink_to(root / "sub" / "b.txt")
    c = load_folder(root)
    assert [d.id for d in c.documents] == ["a.txt", "sub/b.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in c.meta["skipped"]}
    assert reasons == {"latest.txt": f"the same file as {root / 'a.txt'}, already read",
                       "z_hard.txt": f"the same file as {root / 'sub' / 'b.txt'}, already read"}
    both = {(root / "a.txt").read_text(), (root / "sub" / "b.txt").read_text()}
    for paths in ([root, root / "a.txt"], [root / "a.txt", root], [root, root],
                  [root / "sub", root], [root, tmp_path / "news" / ".." / "news"]):
        c = load_cluster(paths)
        assert sorted(d.text for d in c.documents) == sorted(both), paths
        assert len(c.meta["inputs"]) == 2
    c = load_cluster([root / "a.txt", root / "a.txt"])
    assert len(c.documents) == 1 and c.meta["skipped"] == [
        {"path": str(root / "a.txt"), "reason": "already read"}]


def test_legacy_code_page_follows_the_guessed_language(tmp_path):
    path = tmp_path / "zprava.txt"
    path.write_bytes("Vláda v pondělí oznámila, že ceny benzínu příští měsíc vzrostou. "
                     "Zemětřesení na Haiti podle zprávy OSN zabilo tisíce lidí.".encode("cp1250"))
    doc = load_file(path)
    assert doc.meta["encoding"] == "cp1250" and doc.language == "czech"
    assert "Zemětřesení" in doc.text
    assert load_file(path, language="english").meta["encoding"] == "cp1252"


def test_to_cluster_cleans_strings_but_keeps_documents():
    from summarizer.documents import Cluster, Document, to_cluster

    c = to_cluster(ARTICLE)
    assert c.documents[0].title == "Storm hits the coast"
    assert "abc/de" not in c.documents[0].text
    doc = Document("Raw text.\n\nabc/de", id="mine")
    assert to_cluster([doc]).documents[0] is doc
    cl = Cluster([doc])
    assert to_cluster(cl) is cl
    mixed = to_cluster([doc, ARTICLE])
    assert [d.id for d in mixed.documents] == ["mine", "doc1"]
    with pytest.raises(InputError):
        to_cluster([])


def test_folder_of_self_links_finishes_and_reports_links(tmp_path):
    root = tmp_path / "news"
    root.mkdir()
    (root / "story.txt").write_text("The council approved the budget on Monday. It passed.")
    for i in range(16):
        (root / f"loop{i}").symlink_to(root, target_is_directory=True)
    secret = tmp_path / "private.txt"
    secret.write_text("A private file outside the folder. It must not be read.")
    (root / "private.txt").symlink_to(secret)
    c = load_folder(root)
    assert [d.id for d in c.documents] == ["story.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in c.meta["skipped"]}
    assert reasons["loop15"] == "symbolic link to a folder; not followed"
    assert "outside the folder" in reasons["private.txt"]
    assert "private" not in " ".join(d.text for d in c.documents)


def test_unknown_language_fails_before_reading(tmp_path):
    from summarizer.errors import UnknownLanguageError

    (tmp_path / "a.txt").write_text("Some text. More text.")
    with pytest.raises(UnknownLanguageError, match="did you mean 'english'"):
        load_cluster(tmp_path, language="englsh")
    with pytest.raises(UnknownLanguageError):
        load_folder(tmp_path, language="englsh")


def test_latin1_jsonl_encoding_is_reported_truly(tmp_path):
    path = tmp_path / "fr.jsonl"
    rows = [{"id": "a", "text": "Le gouvernement a annoncé lundi de nouvelles mesures. Les élus réagissent."},
            {"id": "b", "text": "Les experts jugent ces mesures insuffisantes, à vrai dire."}]
    path.write_bytes("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("latin-1"))
    c = load_cluster(path)
    assert c.documents[0].text.startswith("Le gouvernement a annoncé")
    [item] = c.meta["inputs"]
    assert item["encoding"] in ("cp1252", "iso8859-1") and path.read_bytes().decode(item["encoding"])
    folder = load_folder(tmp_path)
    assert folder.meta["inputs"][0]["encoding"] == item["encoding"]


def test_a_clusters_language_is_its_documents_one_language_from_every_loader(tmp_path):
    # one rule (Cluster's): the documents' one language, else English. The loaders kept a
    # second copy of it that read language="" as English while load_jsonl read it as "not
    # given": French documents came back in an "english" cluster, summarised as English.
    from summarizer.documents import to_cluster

    path = tmp_path / "fr.jsonl"
    path.write_text(json.dumps({"text": "La tempête a frappé la côte lundi.", "language": "fr"}))
    [cluster] = load_jsonl(path)  # language="" is refused now (tests/test_empty_language.py)
    assert {d.language for d in cluster.documents} == {"french"} == {cluster.language}
    assert load_jsonl(path, language="de")[0].language == "german"
    assert load_cluster(path).language == "french"
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"id": "c", "documents": [
        {"text": "La tempête a frappé la côte lundi.", "language": "french"},
        {"text": "Der Sturm traf am Montag die Küste.", "language": "german"}]}))
    assert load_jsonl(mixed)[0].language == "english"  # no one language: the default
    assert load_texts(["Hello there."], language="fr").language == "french"
    assert to_cluster([make_document("Hello there.", language="de"), "Hi."],
                      language="fr").language == "french"


def test_a_jsonl_file_of_several_clusters_says_the_same_named_or_in_a_folder(tmp_path):
    # one reading of a .jsonl file as part of one cluster: in a folder it was skipped with
    # another message ("summarise each with `summarizer batch` (or load_jsonl()) ...") that
    # named neither the file nor the command's form
    (tmp_path / "a.txt").write_text("The storm hit the coast on Monday. Homes lost power.")
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join(json.dumps({"id": i, "documents": [f"Article {i} is here."]})
                              for i in ("c1", "c2")))
    with pytest.raises(InputError) as named:
        load_cluster(many)
    cluster = load_folder(tmp_path)
    [skip] = cluster.meta["skipped"]
    assert f"{skip['path']}: {skip['reason']}" == str(named.value)
    assert f"`summarizer batch {many} --out DIR`" in skip["reason"]
    one = tmp_path / "sub" / "one.jsonl"
    one.parent.mkdir()
    one.write_text(json.dumps({"id": "c", "documents": ["Crews worked all night.", ""]}))
    inputs = {i["path"]: i for i in load_folder(tmp_path).meta["inputs"]}
    assert inputs[str(one)] == load_cluster(one).meta["inputs"][0] == {
        "path": str(one), "encoding": "utf-8", "documents": 1}


def test_damaged_utf8_is_reported_whoever_reads_the_file(tmp_path):
    # one record of a file read (file_meta): an SGML file's articles and TAC's files kept
    # path and encoding but not the count of bytes read as U+FFFD, so `summarizer summarize`
    # said nothing of a damaged SGML file, as it does of a damaged .txt
    from summarizer.documents import load_tac2011

    body = ("Café owners in Zürich said the rosé and crème brûlée sold out. " * 4).encode()
    damaged = body[:30] + b"\xff" + body[30:]
    text = tmp_path / "a.txt"
    text.write_bytes(damaged)
    sgml = tmp_path / "a.sgml"
    sgml.write_bytes(b"<DOC>\n<DOCNO> APW19981016.0240 </DOCNO>\n<TEXT>\n" + damaged
                     + b"\n</TEXT>\n</DOC>\n")
    tac = tmp_path / "tac" / "SourceTexts" / "M0000.english"
    tac.parent.mkdir(parents=True)
    tac.write_bytes(b"Title\n\n" + damaged)
    reports = [input_report(load_cluster(text)), input_report(load_cluster(sgml)),
               input_report(load_tac2011(tmp_path / "tac")[0])]
    for path, report in zip((text, sgml, tac), reports, strict=True):
        [item] = report["files"]
        assert report["damaged"] == [item] and item["path"] == str(path), report
        assert item["replaced"] == 1 and item["encoding"] == "utf-8"


def test_a_jsonl_files_references_come_with_it_named_or_in_a_folder(tmp_path):
    # load_cluster kept a named .jsonl file's references; in a folder they were dropped
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "a.txt").write_text("The storm hit the coast on Monday. Homes lost power.")
    part = folder / "more.jsonl"
    part.write_text(json.dumps({"id": "c", "documents": ["Crews worked all night."],
                                "references": ["A storm cut power.", "Crews worked."]}))
    refs = load_cluster(part).references
    assert refs == ["A storm cut power.", "Crews worked."]
    assert load_folder(folder).references == refs == load_cluster(folder).references
    assert load_cluster([folder / "a.txt", part]).references == refs


def test_a_files_problems_are_reported_once_however_many_articles_it_holds(tmp_path):
    # each article of an SGML file records the file: "a.sgml is not UTF-8" and "a.sgml: 1
    # character(s) could not be read" were said once an article
    body = "Café owners in Zürich said the rosé and crème brûlée sold out on Monday. " * 3

    def articles(texts: list[bytes]) -> bytes:
        return b"".join(b"<DOC>\n<DOCNO> APW19981016.024%d </DOCNO>\n<TEXT>\n%s\n</TEXT>\n"
                        b"</DOC>\n" % (k, t) for k, t in enumerate(texts))

    damaged, legacy = tmp_path / "a.sgml", tmp_path / "b.sgml"
    utf8 = body.encode()
    damaged.write_bytes(articles([utf8[:30] + b"\xff" + utf8[30:], utf8, utf8]))
    legacy.write_bytes(articles([body.encode("cp1252")] * 2))
    report = input_report(load_cluster([damaged, legacy]))
    assert len(report["files"]) == report["documents"] == 5
    assert [(i["path"], i["replaced"]) for i in report["damaged"]] == [(str(damaged), 1)]
    assert [(i["path"], i["encoding"]) for i in report["non_utf8"]] == [(str(legacy), "cp1252")]


def test_jsonl_dates_are_read_into_one_sortable_form(tmp_path):
    # kept as given, "2004-9-1" sorted after "2004-10-01": the documents went out of date order
    from summarizer.documents import load_jsonl
    from summarizer.summarizers.candidates import _chronology

    docs = [{"text": "The second report came in October.", "date": "2004-10-01"},
            {"text": "The first report came in September.", "date": "2004-9-1"},
            {"text": "A third report came in with a time.", "date": "2004-10-01T09:30:00+02:00"},
            {"text": "A fourth report came in with a month name.", "date": "Sept. 2, 2004"}]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c", "documents": docs}) + "\n", encoding="utf-8")
    [c] = load_jsonl(path)
    assert [d.date for d in c.documents] == ["2004-10-01", "2004-09-01",
                                             "2004-10-01T07:30:00", "2004-09-02"]
    assert list(_chronology(c)) == [2, 0, 3, 1]


@pytest.mark.parametrize("date", ["last Tuesday", "2004-13-01", "01.02"])
def test_a_jsonl_date_that_is_no_date_is_refused_naming_the_row(tmp_path, date):
    from summarizer.documents import load_jsonl

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c", "documents": [
        "A first article.", {"text": "A second article.", "date": date}]}) + "\n")
    with pytest.raises(InputError, match=r"c.jsonl:1 \(id 'c'\): documents\[1\]: Document doc1 "
                                         rf"date is {re.escape(repr(date))}, not a date"):
        load_jsonl(path)


@pytest.mark.parametrize("line,wanted", [
    ({"documents": ["A second article."]}, r"/c.jsonl:2: no field 'key' \(id_field "
                                           r"\(--id-field\)\); fields: documents$"),
    ({"text": "A loose article."}, r"/c.jsonl:2: no field 'key' \(id_field"),
])
def test_a_jsonl_line_without_the_id_field_the_user_named_is_refused(tmp_path, line, wanted):
    # require_id (evaluate's --id-field): it was given its line for an id, unsaid
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": "c1", "documents": ["A first article."]}) + "\n"
                    + json.dumps(line) + "\n")  # "c" would be the loose documents' cluster's
    with pytest.raises(InputError, match=wanted):
        load_jsonl(path, id_field="key", require_id=True)
    assert {c.id for c in load_jsonl(path, id_field="key")} >= {"c1"}  # not required: as before
    # a document object of a cluster's list needs no id of its own
    path.write_text(json.dumps({"key": "c", "documents": [{"text": "An article."}]}) + "\n")
    assert load_jsonl(path, id_field="key", require_id=True)[0].id == "c"


@pytest.mark.parametrize("blank,said", [(None, "null"), ("", "blank"), ("   ", "blank")])
@pytest.mark.parametrize("line", [{"documents": ["A second article."]},
                                  {"text": "A loose article."}])
def test_a_jsonl_line_with_a_null_or_blank_named_id_is_refused(tmp_path, line, blank, said):
    # require_id: present but null or blank, it was given its line for an id, unsaid
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": "c1", "documents": ["A first article."]}) + "\n"
                    + json.dumps({**line, "key": blank}) + "\n")  # not "c", the file's
    with pytest.raises(InputError, match=rf"/c.jsonl:2: field 'key' \(id_field \(--id-field\)\) "
                                         rf"is {said}, not an id$"):
        load_jsonl(path, id_field="key", require_id=True)
    assert {c.id for c in load_jsonl(path, id_field="key")} >= {"c1"}  # not required: as before


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_default_id_is_no_id_the_line_stands_for_it(tmp_path, blank):
    # the id field not named ("id"): a blank id was kept as the cluster's id "", as batch
    # gives such a row its position; now no id, as null or absent, so its line
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c", "documents": ["A first article."]}) + "\n"
                    + json.dumps({"id": blank, "documents": ["A second article."]}) + "\n"
                    + json.dumps({"id": None, "documents": ["A third article."]}) + "\n")
    assert [c.id for c in load_jsonl(path)] == ["c", "line2", "line3"]
    # and an error names the line alone, not "(id '')"
    path.write_text(json.dumps({"id": blank, "documents": []}) + "\n")
    with pytest.raises(InputError, match=r"/c.jsonl:1: field 'documents' must be a non-empty"):
        load_jsonl(path)
    # a loose document's line alike: its id is the document's
    path.write_text(json.dumps({"id": blank, "text": "A loose article."}) + "\n")
    [cluster] = load_jsonl(path)
    assert [d.id for d in cluster.documents] == ["line1"]


@pytest.mark.parametrize("bad", [1.5, b"c1", ["c1"]])
def test_cluster_id_message_names_every_kind_it_takes(bad):
    # it said "must be a string" while None is taken (a run names the cluster by its place)
    with pytest.raises(InputError, match=r"Cluster id must be a string, an int or None .*, "
                                         rf"not {type(bad).__name__}$"):
        Cluster([], id=bad)
    assert Cluster([], id=None).id is None and Cluster([], id=7).id == "7"


@pytest.mark.parametrize("first", ["[1]", "[12, 13]", "[]"])
def test_an_article_whose_first_line_is_a_json_list_is_read(tmp_path, first):
    # JSON lines are objects: a footnote mark alone on the first line made the article
    # "JSON data, not an article's text"
    path = tmp_path / "article.txt"
    path.write_text(f"{first}\n{ARTICLE}\n", encoding="utf-8")
    assert "powerful storm" in load_file(path).text


def test_a_json_object_line_or_a_whole_json_list_is_still_refused(tmp_path):
    for data in ('{"text": "A storm hit."}\n{"text": "It rained."}\n',
                 '[\n  {"text": "A storm hit."}\n]\n'):
        path = tmp_path / "article.txt"
        path.write_text(data, encoding="utf-8")
        with pytest.raises(InputError, match="JSON data"):
            load_file(path)


def test_a_folder_of_articles_with_a_state_json_is_read_not_a_saved_data_set(tmp_path):
    # save_to_disk writes dataset_info.json and state.json (or dataset_dict.json), as
    # datasets.load_from_disk reads them: a scraper's state.json alone refused the folder
    # as "a saved Hugging Face data set", naming an hf: that could not read it
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "state.json").write_text('{"last_page": 3}', encoding="utf-8")
    cluster = load_folder(folder)
    assert [d.id for d in cluster.documents] == ["a.txt"]
    assert [Path(s["path"]).name for s in cluster.meta["skipped"]] == ["state.json"]
    (folder / "dataset_info.json").write_text("{}", encoding="utf-8")  # now it is one
    with pytest.raises(InputError, match="a saved Hugging Face data set"):
        load_folder(folder)
