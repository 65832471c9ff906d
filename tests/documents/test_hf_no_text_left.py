"""A data set every row of which had text that cleaning removed (credit lines, boilerplate)
gave ``[]`` from ``from_hf_dataset`` and ``load_hf_dataset``: the documents cleaning
emptied are listed in the clusters' ``meta["skipped"]``, and with no cluster left the list
went with them, unsaid. Rows none of which has text before cleaning are a ``NoTextError``
(d19e6b6, records.no_text); these are now one too, a ``NoTextLeftError`` in its words
(records.no_text_left), naming the data set, the field and the first document emptied.
``evaluate`` says it as before in its own words (the first emptied document, or with
``allow_skipped_documents`` "no clusters found"), loaded as streamed; ``batch`` fails such
a row as before."""

from __future__ import annotations

import datasets
import pytest
from helpers import write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import from_hf_dataset, load_hf_dataset
from summarizer.documents.records import NoTextError, NoTextLeftError
from summarizer.errors import InputError
from summarizer.evaluation import DatasetOptions, load_dataset
from summarizer.evaluation.stream import open_dataset

CREDITS = "(Reporting by John Smith; Editing by Ann Lee)"
TEXT = "The storm hit the coast on Monday. Roads were closed across the region."
END = ": no text left after removing its title and boilerplate); clean=False keeps the text " \
      "as given"


def test_every_row_emptied_by_cleaning_is_a_typed_error_not_an_empty_list():
    rows = [{"id": "a", "text": CREDITS}, {"id": "b", "text": CREDITS}]
    with pytest.raises(NoTextLeftError) as err:
        from_hf_dataset(rows, name="news")
    assert str(err.value) == ("news: no text in field 'text' left after cleaning in any of its "
                              f"2 rows (e.g. row 0 (id 'a') text[0]{END}")
    assert isinstance(err.value, NoTextError) and isinstance(err.value, InputError)
    assert err.value.meta["skipped_rows"] == err.value.meta["emptied_rows"] == 2
    assert [e["cluster"] for e in err.value.meta["skipped"]] == ["a", "b"]
    assert from_hf_dataset(rows, clean=False)[0].documents[0].text == CREDITS  # as it says


def test_a_saved_data_set_and_a_file_name_themselves(tmp_path):
    ds = datasets.Dataset.from_list([{"id": "a", "article": CREDITS}])
    with pytest.raises(NoTextLeftError, match=r"^data set: no text in field 'article' left "
                                              r"after cleaning in any of its 1 row \(e\.g\."):
        from_hf_dataset(ds)
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": " "},
                                              {"id": "b", "text": CREDITS}])
    with pytest.raises(NoTextLeftError) as err:
        load_hf_dataset(path)
    assert str(err.value) == (f"{path}: no text in field 'text' left after cleaning in any of "
                              f"its 2 rows (e.g. row 1 (id 'b') text[0]{END}")


_ROW = st.sampled_from(["credits", "blank", "text"])


@settings(max_examples=40, deadline=None)
@given(kinds=st.lists(_ROW, min_size=1, max_size=5))
def test_the_error_is_exactly_no_row_left_with_some_emptied_by_cleaning(kinds):
    rows = [{"id": f"r{k}", "text": {"credits": CREDITS, "blank": "  ", "text": TEXT}[kind]}
            for k, kind in enumerate(kinds)]
    if "text" in kinds:  # a row left: the others counted, listed, as before
        clusters = from_hf_dataset(rows)
        assert [c.id for c in clusters] == [r["id"] for r in rows if r["text"] == TEXT]
        assert clusters[0].meta["emptied_rows"] == kinds.count("credits")
    elif "credits" in kinds:
        with pytest.raises(NoTextLeftError, match=rf"in any of its {len(rows)} rows? \(e\.g\. "
                                                  rf"row {kinds.index('credits')} "):
            from_hf_dataset(rows)
    else:  # none had text before cleaning: d19e6b6's error
        with pytest.raises(NoTextError) as err:
            from_hf_dataset(rows)
        assert not isinstance(err.value, NoTextLeftError)


@pytest.mark.parametrize("spec", ["jsonl", "hf"])
@pytest.mark.parametrize("opener", [load_dataset, open_dataset])
def test_evaluate_says_it_in_its_own_words_loaded_or_streamed(tmp_path, spec, opener):
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": CREDITS, "summary": "A."},
                                              {"id": "b", "text": CREDITS, "summary": "B."}])
    name = str(path) if spec == "jsonl" else f"hf:{path}"
    at = f"{path}:1" if spec == "jsonl" else f"{name}#0"
    with pytest.raises(InputError) as err:
        opener(name, DatasetOptions())
    assert str(err.value) == (f"{at} (id 'a') text[0]: no text left after removing its title "
                              "and boilerplate (2 unusable document(s) in all; "
                              "allow_skipped_documents (--allow-skipped-documents) leaves them "
                              "out and lists them in the report)")
    with pytest.warns(UserWarning, match="2 cluster.s. left with none"), \
            pytest.raises(InputError) as err:
        opener(name, DatasetOptions(allow_skipped_documents=True))
    assert str(err.value) == (f"{name}: no clusters found (allow_skipped_documents "
                              "(--allow-skipped-documents) left out those whose documents "
                              "cleaning left without text)")
