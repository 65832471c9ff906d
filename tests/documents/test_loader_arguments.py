"""The documents entry points refuse what is not theirs in one typed line, before reading:
a path of None or a callback that is no function failed with a raw TypeError, ``""`` read
the working folder (Path('') is '.'), a field option of 5 or a flag of 'no' was read by its
truth, and Cluster.from_texts iterated bytes, None or a set."""

from __future__ import annotations

import pytest

from summarizer.batch import read_output
from summarizer.documents import (
    Cluster,
    clean_text,
    from_hf_dataset,
    iter_folder,
    load_cluster,
    load_file,
    load_folder,
    load_hf_dataset,
    load_jsonl,
    load_tac2011,
    load_texts,
    make_document,
)
from summarizer.errors import InputError, LanguageOptionError, OptionError

LINE = ('{"id": "c1", "documents": ["The river burst its banks on Sunday. Hundreds of families '
        'left their homes."], "references": ["A flood drove families out."]}\n')


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(LINE, encoding="utf-8")
    return path


@pytest.mark.parametrize("call, error, said", [
    (lambda p: load_cluster(""), InputError, "paths is empty (Path('') is the working folder); "
                                             "give a path ('.' for the working folder)"),
    (lambda p: load_cluster([p, ""]), InputError, "paths[1] is empty (Path('') is the working"),
    (lambda p: load_folder(""), InputError, "path is empty (Path('') is the working folder)"),
    (lambda p: load_folder(None), InputError, "path must be a path, not NoneType"),
    (lambda p: load_folder(p.parent, jsonl_options=5), OptionError,
     "jsonl_options must be a dict of load_jsonl's field options, not int 5"),
    (lambda p: load_folder(p.parent, jsonl_options={"id_feld": "x"}), OptionError,
     "the JSONL reader has no option 'id_feld' (did you mean 'id_field'?)"),
    (lambda p: load_jsonl(None), InputError, "path must be a path, not NoneType"),
    (lambda p: load_jsonl(""), InputError, "path is empty (Path('') is the working folder)"),
    (lambda p: load_jsonl(p, id_field=5), OptionError,
     "the JSONL reader's option 'id_field' must be str or null, not 5"),
    (lambda p: load_cluster(p, id_field=5), OptionError,
     "the JSONL reader's option 'id_field' must be str or null, not 5"),
    (lambda p: load_jsonl(p, text_field=""), OptionError, "text_field (--text-field) is empty"),
    (lambda p: load_jsonl(p, documents_field=""), OptionError,
     "documents_field is empty; give a field's name, or leave it out for 'documents'"),
    (lambda p: load_jsonl(p, on_documents=5), OptionError,
     "on_documents must be a function or None, not int 5"),
    (lambda p: load_jsonl(p, leave_out_empty="no"), OptionError,
     "load_jsonl(): 'leave_out_empty' must be bool, not 'no'"),
    (lambda p: load_jsonl(p, clean=1), OptionError, "load_jsonl(): 'clean' must be bool, not 1"),
    (lambda p: clean_text(None), InputError, "clean_text() takes a str, not NoneType"),
    (lambda p: clean_text(b"Floods rose."), InputError,
     "clean_text() takes a str, not bytes (decode bytes first"),
    (lambda p: clean_text("Floods rose.", header="no"), OptionError,
     "clean_text(): 'header' must be bool, not 'no'"),
    (lambda p: clean_text("Floods rose.", language=""), LanguageOptionError,
     "language (--language) is empty"),
    # make_document of None, bytes or a list: a raw TypeError (subscripting None, a str
    # pattern on bytes); meta=5 too; clean="no" cleaned, html="no" read the text as a page
    (lambda p: make_document(None), InputError, "make_document() takes a str, not NoneType"),
    (lambda p: make_document(b"Floods rose."), InputError,
     "make_document() takes a str, not bytes (decode bytes first"),
    (lambda p: make_document(["Floods rose."]), InputError,
     "make_document() takes a str, not list"),
    (lambda p: make_document("Floods rose.", meta=5), OptionError,
     "make_document(): 'meta' must be a dict or None, not 5"),
    (lambda p: make_document("Floods rose.", clean="no"), OptionError,
     "make_document(): 'clean' must be bool, not 'no'"),
    (lambda p: make_document("Floods rose.", html="no"), OptionError,
     "make_document(): 'html' must be bool or null, not 'no'"),
    (lambda p: Cluster.from_texts(None), InputError,
     "Cluster.from_texts takes a string or a list of strings, not NoneType"),
    (lambda p: Cluster.from_texts(b"Floods rose."), InputError,
     "Cluster.from_texts takes a string or a list of strings, not bytes"),
    (lambda p: Cluster.from_texts({"Floods rose.", "Rain fell."}), InputError,
     "texts is a set, which has no order"),
])
def test_a_bad_argument_is_one_typed_line(jsonl, call, error, said):
    with pytest.raises(error) as caught:
        call(jsonl)
    assert str(caught.value).startswith(said), str(caught.value)


@pytest.mark.parametrize("call, said", [
    (lambda: load_tac2011(None, "english"), "root must be a path, not NoneType"),
    (lambda: load_tac2011("", "english"), "root is empty (Path('') is the working folder)"),
    (lambda: from_hf_dataset(None), "from_hf_dataset takes a datasets.Dataset or a list of row "
                                    "dicts, not NoneType"),
    (lambda: from_hf_dataset({"document": "Floods rose."}), "from_hf_dataset takes a "
                                                             "datasets.Dataset or a list of row "
                                                             "dicts, not dict"),
    (lambda: load_hf_dataset(None), "name_or_path must be a data set's hub name or path, not "
                                    "NoneType"),
    (lambda: read_output(None), "folder must be a path, not NoneType"),
    (lambda: read_output(""), "folder is empty (Path('') is the working folder)"),
], ids=["tac None", "tac ''", "hf None", "hf dict", "load_hf None", "output None", "output ''"])
def test_a_data_set_or_folder_that_is_none_is_one_typed_line(call, said):
    # None failed with os.fspath's or iter()'s raw TypeError; '' read the working folder
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value).startswith(said), str(caught.value)


@pytest.mark.parametrize("call, said", [
    (lambda: load_file(None), "path must be a path, not NoneType"),
    (lambda: load_file(""), "path is empty (Path('') is the working folder)"),
    (lambda: load_file(b"news.txt"), "path must be a path, not bytes"),
    (lambda: iter_folder(None), "root must be a path, not NoneType"),
    (lambda: iter_folder(""), "root is empty (Path('') is the working folder)"),
    (lambda: load_texts(None), "texts must be a string or a list of strings, not NoneType"),
    (lambda: load_texts(5), "texts must be a string or a list of strings, not int"),
    (lambda: load_texts(b"Floods rose."), "texts must be a string or a list of strings, not "
                                          "bytes"),
    (lambda: load_texts({"a": "Floods rose."}), "texts must be a string or a list of strings, "
                                                "not dict"),
], ids=["file None", "file ''", "file bytes", "folder None", "folder ''", "texts None",
        "texts int", "texts bytes", "texts dict"])
def test_a_file_folder_or_texts_of_another_type_is_one_typed_line(call, said):
    # os.fspath's or iter()'s raw TypeError before; '' listed the working folder, and bytes
    # were iterated as numbers ('document 0 is a int')
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value).startswith(said), str(caught.value)


def test_good_arguments_read_as_before(jsonl, monkeypatch):
    monkeypatch.chdir(jsonl.parent)
    [cluster] = load_jsonl(jsonl, id_field=None, references_field="references")
    assert cluster.references == ["A flood drove families out."]
    assert [d.text for d in load_cluster(".").documents] == [d.text for d in cluster.documents]
    (jsonl.parent / "flood.txt").write_text("Floods rose.\n", encoding="utf-8")
    assert load_file("flood.txt").text == "Floods rose."
    assert [p.name for p in iter_folder(".")] == ["data.jsonl", "flood.txt"]
    assert [d.text for d in load_texts(iter(["Floods rose.", "Rain fell."])).documents] == \
        ["Floods rose.", "Rain fell."]
    assert load_folder(".", jsonl_options={"id_field": "id"}).references == cluster.references
    seen = []
    load_jsonl(jsonl, on_documents=lambda where, docs: seen.append((where, len(docs))))
    assert seen == [(f"{jsonl}:1", 1)]
    assert clean_text("Floods rose.\n\nRain fell.", language="en").text == \
        "Floods rose.\n\nRain fell."
    assert [d.text for d in Cluster.from_texts(("Floods rose.", "Rain fell.")).documents] == \
        ["Floods rose.", "Rain fell."]
    doc = make_document("Floods rose.", meta={"source": "wire"}, clean=False, html=None)
    assert (doc.text, doc.meta["source"]) == ("Floods rose.", "wire")
