"""``--text-field`` naming the text field of a cluster's document objects
(``{"documents": [{"body": ...}]}``): ``summarize`` read it so, while ``batch`` and
``evaluate`` told the user to name it with ``--text-field`` and then refused it as no field
of the row ("no field 'body'; fields: id, documents, references"). Every command now reads
it, and the same summary comes out of each."""

from __future__ import annotations

import json

from helpers import run_cli, write_jsonl

from summarizer.evaluation import DatasetOptions, load_dataset

DOCS = ["The storm hit the coast on Monday. Thousands of homes lost power overnight.",
        "Crews worked through the night. Power returned to most homes by Tuesday."]
ROW = {"id": "c0", "documents": [{"body": d, "title": f"T{i}"} for i, d in enumerate(DOCS)],
       "references": ["A storm cut power to thousands of homes."]}


def _results(out) -> dict[str, str]:
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    return {r["id"]: r["summary"] for r in rows}


def test_every_command_reads_the_documents_own_text_field(tmp_path):
    import datasets

    data = write_jsonl(tmp_path / "body.jsonl", [ROW])
    datasets.Dataset.from_list([ROW]).save_to_disk(str(tmp_path / "saved"))
    words = ["--words", "20"]
    code, out, err = run_cli(["summarize", str(data), "--text-field", "body", *words])
    assert code == 0, err
    expected = out.strip()
    assert "storm" in expected
    # without the option the objects hold no usual text field, and say which option helps
    code, _, err = run_cli(["evaluate", str(data), "--out", str(tmp_path / "no"), *words],
                           lines=None)
    assert code == 2 and "--text-field" in err
    for spec in (str(data), f"hf:{tmp_path / 'saved'}"):
        out_dir = tmp_path / f"eval_{len(spec)}"
        code, _, err = run_cli(["evaluate", spec, "--out", str(out_dir), "--text-field",
                                "body", *words], lines=None)
        assert code == 0, err
        assert _results(out_dir) == {"c0": expected}
        [cluster] = load_dataset(spec, DatasetOptions(text_field="body")).clusters  # whole
        assert [(d.text, d.title) for d in cluster.documents] == [(d, f"T{i}") for i, d in
                                                                  enumerate(DOCS)]
        out_dir = tmp_path / f"batch_{len(spec)}"
        code, _, err = run_cli(["batch", spec, "--out", str(out_dir), "--text-field", "body",
                                *words], lines=None)
        assert code == 0, err
        from summarizer.batch import read_output

        assert [r["summary"] for r in read_output(out_dir)] == [expected]
    # a field neither the rows nor their documents hold is refused as before
    code, _, err = run_cli(["batch", str(data), "--out", str(tmp_path / "x"), "--text-field",
                            "content", *words], lines=None)
    assert code == 2 and "no field 'content'" in err


def test_batch_sizes_such_rows_by_the_named_field():
    from summarizer.batch.source import Fields, estimate_tokens

    assert estimate_tokens(ROW, Fields(text_field="body")) == sum(len(d.split()) for d in DOCS)
