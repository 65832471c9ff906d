"""DatasetOptions given with clusters already made (a list of clusters, a loaded or opened
Dataset) to ``evaluate``: ``limit``/``seed`` choose the subset a spec opened so would (the
same clusters, fingerprint and settings); every other option reads a spec, and is refused
(it was ignored: the run was not what was asked for), unless the Dataset was opened so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import OptionError
from summarizer.evaluation import DatasetOptions, evaluate, load_dataset, open_dataset
from summarizer.evaluation.datasets import dataset_from_clusters


def _spec(tmp_path: Path, n: int = 7) -> Path:
    path = tmp_path / "news.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({
                "id": f"c{i}",
                "documents": [f"The council met on day {i} to discuss the harbour. Officials "
                              f"approved {i + 3} new berths for ferries.",
                              f"Ferries will use {i + 3} new berths. Work starts next month."],
                "references": [f"The council approved {i + 3} new ferry berths."]}) + "\n")
    return path


def _run(data, tmp_path: Path, name: str, options: DatasetOptions | None):
    run = evaluate(data, "lead", words=20, out=tmp_path / name, progress=False,
                   dataset_options=options)
    settings = json.loads((run.out / "run.json").read_text())["settings"]["dataset"]
    ids = [json.loads(line)["id"] for line in (run.out / "results.jsonl").read_text()
           .splitlines()]
    return ids, settings


@pytest.mark.parametrize("limit,seed", [(3, 1234), (2, 7), (4, 99), (20, 5)])
def test_limit_and_seed_choose_the_subset_a_spec_opened_so_chooses(tmp_path, limit, seed):
    spec = _spec(tmp_path)
    options = DatasetOptions(limit=limit, seed=seed)
    want = load_dataset(spec, options)
    made = {"list": load_dataset(spec).clusters, "dataset": load_dataset(spec),
            "opened": open_dataset(spec)}
    for name, data in made.items():
        ids, settings = _run(data, tmp_path, name, options)
        assert ids == want.ids, name
        assert (settings["options"]["limit"], settings["options"]["seed"]) == (limit, seed)
        assert settings["clusters"] == want.size and settings["total_clusters"] == 7
        if name != "list":  # a list's data set is "clusters", of kind "python"
            assert settings == {k: v for k, v in want.describe().items() if k != "source"}
        else:
            assert settings["fingerprint"] == want.fingerprint()
    # the clusters given are not changed; the same run again resumes
    assert made["dataset"].size == 7 and made["opened"].size == 7
    again = evaluate(made["list"], "lead", words=20, out=tmp_path / "list", progress=False,
                     dataset_options=options)
    assert again.computed == 0 and again.resumed == want.size


def test_a_subset_is_not_drawn_again(tmp_path):
    spec = _spec(tmp_path)
    three = load_dataset(spec, DatasetOptions(limit=3))
    for options in (DatasetOptions(limit=2), DatasetOptions(limit=3, seed=8)):
        with pytest.raises(OptionError, match="already a subset"):
            evaluate(three, "lead", out=tmp_path / "r", progress=False, dataset_options=options)
    assert not (tmp_path / "r").exists()
    ids, _ = _run(three, tmp_path, "same", DatasetOptions(limit=3))  # as it was opened
    assert ids == three.ids


REFUSED = [("language", "french"), ("references", "refs/"), ("reference_size", 100),
           ("text_field", "body"), ("summary_field", "gold"), ("id_field", "key"),
           ("separator", "|||||"), ("split", "train"), ("preset", "xsum"),
           ("main_content", False)]


@pytest.mark.parametrize("name,value", REFUSED)
def test_the_other_options_are_refused_for_clusters_already_made(tmp_path, name, value):
    spec = _spec(tmp_path)
    options = DatasetOptions(**{name: value})
    for data in (load_dataset(spec).clusters, load_dataset(spec), open_dataset(spec),
                 dataset_from_clusters(load_dataset(spec).clusters)):
        with pytest.raises(OptionError, match=f"{name}={value!r} .*already made"):
            evaluate(data, "lead", out=tmp_path / "r", progress=False, dataset_options=options)
        assert not (tmp_path / "r").exists()


def test_a_dataset_opened_with_an_option_takes_it_again(tmp_path):
    spec = _spec(tmp_path)
    opened = load_dataset(spec, DatasetOptions(text_field="documents", language="en"))
    ids, settings = _run(opened, tmp_path, "ok", DatasetOptions(text_field="documents",
                                                                 language="english"))
    assert ids == opened.ids and settings["options"]["text_field"] == "documents"
    with pytest.raises(OptionError, match="opened with text_field='documents'"):
        evaluate(opened, "lead", out=tmp_path / "r", progress=False,
                 dataset_options=DatasetOptions(text_field="text"))
    # with a subset too: the option it was opened with, and a new subset
    ids, settings = _run(opened, tmp_path, "sub", DatasetOptions(text_field="documents",
                                                                  limit=2, seed=3))
    assert ids == load_dataset(spec, DatasetOptions(limit=2, seed=3)).ids
    assert settings["options"]["text_field"] == "documents"


def test_language_of_clusters_given_in_python_points_to_each_clusters_own(tmp_path):
    """evaluate(clusters, language="english") is refused as any other language is (the
    keyword reads a spec; it was taken silently while English was DatasetOptions' default,
    Czech clusters included), and the fix named is Cluster(language=...): a list of
    clusters has no spec to give or open."""
    clusters = load_dataset(_spec(tmp_path)).clusters
    for language in ("english", "czech"):
        with pytest.raises(OptionError, match=rf"language='{language}' .*already made: each "
                           r"is read in its own language: give it as Cluster\(language=\.\.\.\)$"):
            evaluate(clusters, "lead", out=tmp_path / "r", progress=False, language=language)
        assert not (tmp_path / "r").exists()
    # opened with the default (None: each record's language, else English), not "with None"
    with pytest.raises(OptionError, match=r"already made \(opened without it\): give the "
                       r"spec, or open it with DatasetOptions\(language='czech'\)$"):
        evaluate(load_dataset(_spec(tmp_path)), "lead", out=tmp_path / "r", progress=False,
                 language="czech")
