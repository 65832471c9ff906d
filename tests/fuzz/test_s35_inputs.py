"""Session 35's bad-input hunt: odd encodings, files and numbers given to the five
subcommands and the library. Each fix has a test here that fails without it."""

from __future__ import annotations

import json
import pickle

import pytest
from helpers import run_cli

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


def _rows(n: int) -> str:
    return "".join(json.dumps({"id": f"c{i}", "documents": [f"Story {i}. {_STORY}"],
                               "summary": "The storm hit."}) + "\n" for i in range(n))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_batch_reads_utf16_jsonl_without_a_bom_as_evaluate_does(tmp_path, codec):
    # UTF-16 without a byte-order mark (the NUL pattern tells it): summarize and evaluate
    # read such a file, batch refused it before reading, "looks like a binary file"
    data = tmp_path / "news.jsonl"
    data.write_bytes(_rows(3).encode(codec))
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 0, err
    pq = pytest.importorskip("pyarrow.parquet")
    done = [i for shard in (tmp_path / "job").glob("part-*.parquet")
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert sorted(done) == ["c0", "c1", "c2"]


def _joined_with_cat(tmp_path):
    """Two JSONL files joined with ``cat``, the second saved with a byte-order mark (as
    Notepad saves): the mark opens a line in the middle of the file."""
    rows = _rows(4).splitlines(keepends=True)
    data = tmp_path / "news.jsonl"
    data.write_bytes("".join(rows[:2]).encode() + b"\xef\xbb\xbf"
                     + "".join(rows[2:]).encode())
    return data


def test_a_byte_order_mark_opening_a_jsonl_line_is_read_past(tmp_path):
    # as at the start of the file; it was "news.jsonl:3: not valid JSON (Unexpected UTF-8
    # BOM (decode using utf-8-sig))", Python's advice, which the user cannot take
    data = _joined_with_cat(tmp_path)
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 0, err
    code, out, err = run_cli(["evaluate", str(data), "--out", str(tmp_path / "run"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 0, err
    results = (tmp_path / "run" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in results) == ["c0", "c1", "c2", "c3"]


def test_a_byte_order_mark_alone_is_no_json_line(tmp_path):
    from summarizer.errors import InputError
    from summarizer.textio import parse_jsonl_line

    assert parse_jsonl_line('\ufeff{"a": 1}', "x:1") == {"a": 1}
    with pytest.raises(InputError, match=r"^x:1: not valid JSON \(Expecting value\)$"):
        parse_jsonl_line("\ufeff", "x:1")
    with pytest.raises(InputError, match="not valid JSON"):
        parse_jsonl_line('{"a": "\ufeff"}\ufeff', "x:1")  # a mark inside is no opening


@pytest.mark.parametrize(("scores", "said"), [
    ([[["a", "b", "c"]] * 4] * 2, "real numbers, not <U1"),  # ValueError: could not convert
    ([[[0.1, 0.2, 0.3]] * 4, [[0.1, 0.2]] * 4], "ragged"),  # numpy's inhomogeneous shape
    (None, "real numbers, not object"),  # TypeError: len() of unsized object
    (0.5, r"shape \(summaries, 4 metrics, 3\), not \(\)"),  # TypeError as above
    ([[[0.5 + 1j] * 3] * 4] * 2, "real numbers, not complex128"),  # imaginary parts dropped
    ([[[float("nan")] * 3] * 4] * 2, "not a finite number: nan at"),  # a report of NaN means
    ([[[0.5, 0.5, float("inf")]] * 4] * 2, r"not a finite number: inf at \[0, 0, 2\]"),
])
def test_report_from_scores_of_what_is_no_scores_is_an_input_error(scores, said):
    import numpy as np

    from summarizer.errors import InputError
    from summarizer.metrics import make_settings, report_from_scores

    with pytest.raises(InputError, match=said):
        report_from_scores(scores, make_settings())
    good = report_from_scores(np.full((2, 4, 3), 0.5), make_settings(resamples=10))
    assert good.aggregate["ROUGE-1"].recall.mean == pytest.approx(0.5)


@pytest.mark.parametrize("settings", ["rouge155", None, {"mode": "rouge155"}])
def test_report_from_scores_names_settings_that_are_no_rouge_settings(settings):
    # AttributeError: 'str' object has no attribute 'metrics'
    import numpy as np

    from summarizer.errors import InputError
    from summarizer.metrics import report_from_scores

    with pytest.raises(InputError, match=r"settings must be a RougeSettings \(make_settings"):
        report_from_scores(np.zeros((2, 4, 3)), settings)


@pytest.mark.parametrize("weight", [1e308, 1e7])
def test_coverage_entity_weight_past_the_weights_bound_is_refused(seed_text, weight):
    # entity_weight=1e308 overflowed the concept weights: "overflow encountered in reduce",
    # "invalid value encountered in divide" on stderr and a summary chosen by NaN gains;
    # every other weight of coverage stops at extractive.MAX_WEIGHT
    import summarizer
    from summarizer.errors import OptionError
    from summarizer.summarizers.extractive import MAX_WEIGHT

    with pytest.raises(OptionError, match=r"entity_weight must be .* 1e\+06"):
        summarizer.summarize(seed_text, "coverage", entity_weight=weight)
    summary = summarizer.summarize(seed_text, "coverage", entity_weight=MAX_WEIGHT)
    assert summary.text


def test_coverage_entity_weight_past_the_bound_is_one_line_from_the_cli(tmp_path, seed_text):
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    code, out, err = run_cli(["summarize", str(article), "--option", "entity_weight=1e308"])
    assert code == 2 and out == "" and "entity_weight must be" in err


@pytest.mark.parametrize("metrics", [[], (), "", ",", " , ,"])
def test_metrics_that_name_no_metric_are_refused_not_the_default(metrics):
    # an empty list or a string of commas gave the mode's four metrics, as if none was
    # given; the flags asking for none (-n 0 -x) are refused so already
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import make_settings, rouge

    with pytest.raises(RougeOptionError, match=r"metrics \(--metrics\) names no metric"):
        make_settings(metrics=metrics)
    with pytest.raises(RougeOptionError, match=r"metrics \(--metrics\) names no metric"):
        rouge(["the cat sat"], ["the cat sat down"], metrics=metrics)
    assert make_settings(metrics=None).metrics == make_settings().metrics


@pytest.mark.parametrize("command", ["rouge", "evaluate"])
def test_metrics_flag_of_only_commas_is_one_line(tmp_path, command):
    summary = tmp_path / "s.txt"
    summary.write_text("The storm hit.\n", encoding="utf-8")
    reference = tmp_path / "r.txt"
    reference.write_text("The storm hit the coast.\n", encoding="utf-8")
    data = tmp_path / "news.jsonl"
    data.write_text(_rows(2), encoding="utf-8")
    argv = ([command, str(summary), str(reference)] if command == "rouge" else
            [command, str(data), "--out", str(tmp_path / "run"), "--method", "lead",
             "--no-progress"])
    code, out, err = run_cli([*argv, "--metrics", ",,,"])
    assert code == 2 and out == "" and "names no metric" in err
    assert not (tmp_path / "run").exists()


def test_a_model_folder_that_is_no_model_is_refused_before_it_is_walked(tmp_path, monkeypatch):
    # --model ../.. (the root folder): the hash of the model's files walked the whole tree
    # before the folder was found to hold no config.json, and stopped at a file it could
    # not read: "error: ../../proc/1/cwd: Permission denied", exit 1 (minutes on a home
    # folder); the tree's list was also held whole before the first 10,000 were kept
    from pathlib import Path

    from summarizer.summarizers.abstractive.loading import model_files

    folder = tmp_path / "notes"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "x.txt").write_text("x", encoding="utf-8")

    def unreadable(self, pattern):
        raise PermissionError(13, "Permission denied", str(self / "proc"))

    monkeypatch.setattr(Path, "rglob", unreadable)
    assert model_files(str(folder)) is None
    article = tmp_path / "a.txt"
    article.write_text(_STORY, encoding="utf-8")
    code, out, err = run_cli(["summarize", str(article), "--method", "abstractive",
                              "--model", str(folder)])
    assert code == 2 and out == "" and "holds no config.json (not a model)" in err


@pytest.mark.parametrize(("budget", "given"), [
    ({"bytes": 12}, ["The storm"]), ({"chars": 10}, ["The storm"]),
    ({"bytes": 1}, []), ({"chars": 2}, []), ({"words": 2}, ["The storm"])])
def test_generated_text_cut_to_a_tiny_budget_is_cut_at_a_word_boundary(budget, given):
    # no whole generated sentence fits: the first was given "cut at a word boundary", the
    # note said, but a byte or character budget cut it inside a word ("The storm hi";
    # --bytes 1 gave the summary "T")
    from summarizer.summarizers.abstractive.output import fit
    from summarizer.summarizers.budget import Budget

    out = fit("The storm hit the coast on Monday.", Budget(**budget))
    assert out.sentences == given
    assert not given or "cut at a word boundary" in out.notes[0]


def test_generated_chinese_cut_to_a_character_budget_keeps_whole_characters():
    from summarizer.summarizers.abstractive.output import fit
    from summarizer.summarizers.budget import Budget

    assert fit("东京发生地震了。", Budget(chars=3), "chinese").sentences == ["东京发"]


@pytest.mark.parametrize(("given", "read"), [
    ("date", "2004-09-01"), ("datetime", "2004-09-01T03:04:00")])
def test_normalize_date_reads_a_date_object_as_the_readme_says(given, read):
    # the README's dates list names normalize_date and "a datetime.date or datetime, as its
    # ISO form"; given one, it raised AttributeError: 'datetime.date' object has no 'strip'
    import datetime as dt

    from summarizer.documents.dates import normalize_date

    value = dt.date(2004, 9, 1) if given == "date" else dt.datetime(2004, 9, 1, 3, 4)
    assert normalize_date(value) == read


@pytest.mark.parametrize("value", [2004, 2004.0, None, b"2004-09-01", ["2004"]])
def test_normalize_date_of_what_is_no_text_is_an_input_error(value):
    from summarizer.documents.dates import normalize_date
    from summarizer.errors import InputError

    with pytest.raises(InputError, match="^date must be a string or a datetime.date, not "):
        normalize_date(value)


@pytest.mark.parametrize("name", ["summaries.txt", "predictions.json", "summaries.csv"])
def test_precomputed_summaries_in_a_file_of_another_kind_are_named_a_file(tmp_path, name):
    # the file exists: "precomputed summaries: no folder predictions.json" said it did not
    data = tmp_path / "news.jsonl"
    data.write_text(_rows(2), encoding="utf-8")
    given = tmp_path / name
    given.write_text('[{"id": "c0", "summary": "The storm hit."}]\n', encoding="utf-8")
    code, out, err = run_cli(["evaluate", str(data), "--out", str(tmp_path / "run"),
                              "--summaries", str(given), "--no-progress"])
    assert code == 2 and "no folder" not in err
    assert f"{given} is a file, not a folder, a glob or a .jsonl file" in err
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_a_ray_instance_that_does_not_start_is_one_line(tmp_path, monkeypatch, command):
    # ray.init raises a plain Exception when its node does not come up (a loaded machine:
    # "The current node timed out during startup ..."): a traceback, exit 1
    from summarizer.batch import engine

    class RayThatDoesNotStart:
        # the summariser is pickled as Ray sends it before Ray starts (engine.shipped)
        cloudpickle = pickle

        def is_initialized(self):
            return False

        def init(self, **kwargs):
            raise Exception("The current node timed out during startup. This could happen "
                            "because some of the raylet failed to startup or the GCS has "
                            "become overloaded.")

    monkeypatch.setattr(engine, "require_ray", RayThatDoesNotStart)
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    data = tmp_path / "news.jsonl"
    data.write_text(_rows(2), encoding="utf-8")
    code, out, err = run_cli([command, str(data), "--out", str(tmp_path / "out"), "--method",
                              "lead", "--no-progress", "--engine", "ray", "--num-workers", "1"])
    assert code == 2 and "Ray did not start here: The current node timed out" in err


def test_the_bootstrap_of_many_metrics_and_resamples_is_held_a_block_of_columns_at_a_time(
        monkeypatch):
    # rouge -r 1000000 -n 100 (both within bounds): every column's resample means at once,
    # arrays of resamples x 303 columns x 8 bytes (2.4 GB each): "error: out of memory"
    # under a 3 GB cap once the scoring was done. Here at a smaller scale: blocks of 3
    # columns of 20,000 resamples, where all 24 at once took 7.7 MB
    import numpy as np
    from helpers import traced_memory

    from summarizer.metrics import aggregate

    monkeypatch.setattr(aggregate, "_BOOTSTRAP_CELLS", 3 * 20_000, raising=False)
    values = np.random.default_rng(0).random((3, 24))
    aggregate.bootstrap(values[:, :2], 10)  # warm
    with traced_memory() as mem:
        average, low, high = aggregate.bootstrap(values, 20_000, seed=7)
    assert mem.peak < 3 << 20, mem.peak
    for j in (0, 11, 23):  # a column alone gives its own numbers, bit for bit
        alone = aggregate.bootstrap(values[:, j:j + 1], 20_000, seed=7)
        assert (average[j], low[j], high[j]) == tuple(float(x[0]) for x in alone)


@pytest.mark.parametrize("end", ["\x07", "\x1b\\"])
def test_a_terminal_title_sequence_is_cleaned_whole(end):
    # a shell prompt's "set the window title" (OSC: ESC ] ... BEL, or ESC \) in a copied
    # console log: ESC and BEL went with the controls and "]0;user@host: ~" stayed as text
    from summarizer.documents.clean import normalize_unicode

    logged = f"\x1b]0;user@host: ~{end}The storm hit the coast on Monday."
    assert normalize_unicode(logged) == "The storm hit the coast on Monday."
    # not closed on its line: only the ESC goes, as before
    assert normalize_unicode("\x1b]0;title\nThe storm hit.") == "]0;title\nThe storm hit."


@pytest.mark.parametrize("name", ["a\nb.txt", "a\x1b]0;pwned\x07b.txt"])
def test_rouge_names_an_empty_summary_file_on_one_line_escaped(tmp_path, name):
    # the note on empty system summaries printed the file name as it is: one with a line
    # break took two lines of stderr, one with a terminal code sent it to the terminal
    empty = tmp_path / name
    empty.write_text("", encoding="utf-8")
    reference = tmp_path / "r.txt"
    reference.write_text("The storm hit the coast.\n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(empty), str(reference)])
    assert code == 0 and "1 empty system summary, scored 0" in err
    assert "\x1b" not in err and "\x07" not in err


def _no_rows_parquet(path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"id": pa.array([], pa.string()),
                             "document": pa.array([], pa.string()),
                             "summary": pa.array([], pa.string())}), path)
    return path


def test_evaluate_says_a_parquet_file_of_no_rows_holds_none_as_batch_does(tmp_path):
    # a schema and no rows: batch said "holds no rows", evaluate (and batch hf:) "cannot be
    # read as a parquet data set (ArrowInvalid: BatchSize must be greater than 0, got 0)"
    data = _no_rows_parquet(tmp_path / "empty.parquet")
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 2 and f"{data}: holds no rows" in err
    for command in (["evaluate", f"hf:{data}", "--out", str(tmp_path / "run")],
                    ["batch", f"hf:{data}", "--out", str(tmp_path / "job2")]):
        code, out, err = run_cli([*command, "--method", "lead", "--no-progress"])
        assert code == 2 and f"{data}: holds no rows" in err, err
        assert "BatchSize" not in err


@pytest.mark.parametrize("name, text, said", [("e.csv", "id,document,summary\n", "holds no rows"),
                                              ("e.json", "[]", "holds no rows"),
                                              ("e.jsonl", "", "is empty")])
def test_an_hf_file_of_no_rows_is_said_so(tmp_path, name, text, said):
    # datasets' words were "StopIteration" or 'Instruction "train" corresponds to no data!'
    from summarizer.documents.hf import open_hf_dataset
    from summarizer.errors import InputError

    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"{name}: {said}$"):
        open_hf_dataset(data)



def _repeated_id_rows() -> list[dict]:
    return [{"id": cid, "documents": [f"Story {k}. {_STORY}"], "summary": "The storm hit."}
            for k, cid in enumerate(["a", "b", "a", "c"])]


@pytest.mark.parametrize("limit", [None, "1", "2"])
def test_evaluate_refuses_repeated_ids_whatever_limit_draws(tmp_path, limit):
    # ids key the fingerprint and a resumed run: the whole was refused, and --limit 1 (which
    # can draw one "a" only) ran on the same data
    data = tmp_path / "news.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _repeated_id_rows()), encoding="utf-8")
    drawn = ["--limit", limit] if limit else []
    code, out, err = run_cli(["evaluate", str(data), "--out", str(tmp_path / "run"),
                              "--method", "lead", "--no-progress", *drawn])
    assert code == 2 and "cluster ids are not unique (e.g. a)" in err, err


def test_an_hf_parquet_subset_of_repeated_ids_is_refused(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from summarizer.errors import InputError
    from summarizer.evaluation.stream import open_dataset

    data = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(_repeated_id_rows()), data)
    for seed in range(4):  # whichever cluster is drawn
        with pytest.raises(InputError, match="cluster ids are not unique"):
            open_dataset(f"hf:{data}", limit=1, seed=seed)


@pytest.mark.filterwarnings("ignore:1 document")
def test_a_subset_left_after_emptied_clusters_still_sees_every_id(tmp_path):
    # allow_skipped_documents: the draw is over the kept clusters, checked in a second pass
    from summarizer.errors import InputError
    from summarizer.evaluation.stream import open_dataset

    rows = _repeated_id_rows() + [{"id": "e", "documents": ["   "], "summary": "x."}]
    data = tmp_path / "news.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for seed in range(4):
        with pytest.raises(InputError, match="cluster ids are not unique"):
            open_dataset(str(data), limit=1, seed=seed, allow_skipped_documents=True)


def test_clusters_given_in_python_with_a_limit_see_every_id():
    from summarizer.documents.model import Cluster, Document
    from summarizer.errors import InputError
    from summarizer.evaluation.datasets import DatasetOptions, dataset_from_clusters

    clusters = [Cluster(id=r["id"], documents=[Document(id="d", text=r["documents"][0])],
                        references=[r["summary"]]) for r in _repeated_id_rows()]
    with pytest.raises(InputError, match="cluster ids are not unique"):
        dataset_from_clusters(clusters, options=DatasetOptions(limit=1))
