"""Session 38's second bad-input hunt: the code changed in session 37 (batch's Parquet
reading, the supervised DPP's model file, ROUGE's data files, ...). Each test here fails
without its fix."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


# A Parquet cell with no Python value (a timestamp past year 9999, an int64 sentinel, a
# time zone no one knows): pyarrow's OverflowError / ArrowInvalid from to_pylist stopped
# the whole job as an internal error (exit 70), whichever column held it

def _odd_column(kind: str):
    pa = pytest.importorskip("pyarrow")
    big = 2**52  # ms since 1970: year 142,715; days: past date's range; s: past timedelta's
    return {
        "timestamp": pa.array([0, big, 0], pa.timestamp("ms")),
        "date": pa.array([0, 2**31 - 1, 0], pa.date32()),
        "duration": pa.array([0, 2**62, 0], pa.duration("s")),
        "list of timestamps": pa.array([[0], [big], []], pa.list_(pa.timestamp("ms"))),
    }[kind]


@pytest.mark.parametrize("kind", ["timestamp", "date", "duration", "list of timestamps"])
def test_a_parquet_value_python_cannot_hold_fails_its_row_not_the_job(tmp_path, kind):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    data = tmp_path / "news.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": [_STORY] * 3,
                             "updated": _odd_column(kind)}), data)
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 1 and "Traceback" not in err and "internal error" not in err
    failed = [json.loads(line) for line in
              (tmp_path / "job" / "failed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["position"], f["where"]) for f in failed] == [(1, f"{data}#1")]
    assert failed[0]["error"].startswith("field 'updated' holds a ")
    assert "value Python cannot hold (" in failed[0]["error"]
    done = [i for shard in (tmp_path / "job").glob("part-*.parquet")
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert sorted(done) == ["a", "c"]


def test_a_parquet_time_zone_no_one_knows_fails_its_rows_naming_the_field(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    data = tmp_path / "news.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": [_STORY], "date": pa.array(
        [0], pa.timestamp("ms", tz="Mars/Olympus"))}), data)
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 1 and "internal error" not in err
    failed = json.loads((tmp_path / "job" / "failed.jsonl").read_text(encoding="utf-8"))
    assert failed["error"].startswith("field 'date' holds a timestamp[ms, tz=Mars/Olympus] ")


# SUMMARIZER_CACHE of blanks only (a stray space in a .env or service file): the cache
# went to a folder named " " made in the working folder, a new one (and its 20 s build of
# the static vectors) per working folder

@pytest.mark.parametrize("blank", [" ", "\t", "  \n"])
def test_a_blank_summarizer_cache_is_an_option_error(tmp_path, monkeypatch, blank):
    from summarizer.errors import OptionError
    from summarizer.runtime import cache_root

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_CACHE", blank)
    with pytest.raises(OptionError, match=r"^SUMMARIZER_CACHE=.* is blank; set it to a "
                                          "folder's path, or unset it"):
        cache_root()
    assert list(tmp_path.iterdir()) == []


# A model file named from the home folder ('~/models/q.json': the API, sh, or a JSON-quoted
# --option) was 'no such file or folder', where an encoder's, a --model's or an hf: path
# of '~' is the home folder's

@pytest.mark.parametrize(("method", "options", "packaged"), [
    ("dpp", {"quality": "learned"}, "dpp_quality.json"),
    ("coverage", {"concept_weighting": "learned"}, "learned_concepts.json"),
])
def test_a_model_file_under_the_home_folder_is_read(tmp_path, monkeypatch, method, options,
                                                    packaged):
    import summarizer
    from summarizer.summarizers import get_summarizer

    shipped = summarizer.summarizers.__path__[0] + f"/data/{packaged}"
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.json").write_bytes(open(shipped, "rb").read())
    monkeypatch.setenv("HOME", str(tmp_path))
    key = "quality_model" if method == "dpp" else "concept_model"
    got = get_summarizer(method, **options, **{key: "~/models/m.json"})
    model = getattr(got, key)
    assert model.source == "~/models/m.json"  # as given, in the summary's settings
    assert model.sha256 == getattr(get_summarizer(method, **options), key).sha256


# rouge(data_dir="") read the working folder's data files (Path("") is "."): a stopword
# list there was used in silence, where --data-dir "" is refused

def test_an_empty_rouge_data_dir_is_refused_not_the_working_folder(tmp_path, monkeypatch):
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import make_settings, rouge

    monkeypatch.chdir(tmp_path)
    (tmp_path / "smart_common_words.txt").write_text("the\nbridges\n")
    with pytest.raises(RougeOptionError, match=r"^data_dir \(--data-dir\) is empty"):
        rouge(["The bridges were closed."], [["The council closed the bridges."]],
              remove_stopwords=True, data_dir="")
    with pytest.raises(RougeOptionError, match="is empty"):
        make_settings(data_dir="")


# ROUGE metrics given as a set (or a dict's keys): the report's order, and its signature
# ('metrics:R2,R1' or 'metrics:R1,R2'), changed from one process to the next (string
# hashing is seeded per process), so two runs of one command did not match

@pytest.mark.parametrize("metrics", [{"ROUGE-1", "ROUGE-2"}, frozenset({"ROUGE-1"}),
                                     {"ROUGE-1": 1}])
def test_rouge_metrics_without_an_order_are_refused(metrics):
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import make_settings

    with pytest.raises(RougeOptionError, match=r"^metrics \(names such as 'ROUGE-2'\) must "
                                               r"be a list, not "):
        make_settings(metrics=metrics)


@pytest.mark.parametrize(("metrics", "got"), [
    ("ROUGE-2,ROUGE-1", ("ROUGE-2", "ROUGE-1")), (["R2", "R1"], ("ROUGE-2", "ROUGE-1")),
    (("R1",), ("ROUGE-1",)), ((m for m in ["R1", "RL"]), ("ROUGE-1", "ROUGE-L"))])
def test_rouge_metrics_in_an_order_are_read_in_it(metrics, got):  # a guard: passes before
    from summarizer.metrics import make_settings

    assert make_settings(metrics=metrics).metrics == got


@pytest.mark.parametrize("metrics", [5, b"R1", 2.5])
def test_rouge_metrics_that_are_no_names_are_still_refused(metrics):  # a guard
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import make_settings

    with pytest.raises(RougeOptionError, match="metrics"):
        make_settings(metrics=metrics)
