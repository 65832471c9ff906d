"""load_report reads report.json value by value (summarizer.evaluation.jsonstream), the
per-cluster scores straight into their arrays: the same report as parsing the whole text
with json.loads, the same InputError (message and line) for a file json refuses, and a
peak of memory that is the arrays, not the parsed JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from helpers import traced_memory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.evaluation import jsonstream
from summarizer.evaluation.report import (
    REPORT_FILE,
    PerCluster,
    RunReport,
    load_report,
    write_report,
)
from summarizer.textio import json_of_utf8, json_problem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"
BASE = json.loads((FIXTURE / "a" / REPORT_FILE).read_text(encoding="utf-8"))
METRICS = ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4")


def whole_load(folder: Path, faithfulness_clusters: bool = True) -> RunReport:
    """What load_report did before: the whole text decoded, then parsed with json.loads
    (without ``faithfulness_clusters``: the faithfulness per-cluster list then dropped); a
    byte-order mark at the start skipped, as the package reads its JSON back."""
    path = folder / REPORT_FILE
    try:
        data = json_of_utf8(path.read_bytes())
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (not a report of summarizer evaluate)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({json_problem(exc)} at line {exc.lineno}); the file "
                         "is truncated or damaged: re-run its evaluate command") from None
    faithfulness = data.get("faithfulness") if isinstance(data, dict) else None
    if not faithfulness_clusters and isinstance(faithfulness, dict) and \
            isinstance(faithfulness.get("per_cluster"), list):
        del faithfulness["per_cluster"]
    return RunReport.from_dict(data, str(path))


def outcome(load, folder: Path, faithfulness_clusters: bool = True) -> tuple[str, object]:
    try:
        report = load(folder, faithfulness_clusters)
    except InputError as exc:
        return "error", str(exc)
    per = report.per_cluster
    return "report", (report.to_dict(), type(per).__name__,
                      per.scores.tobytes() if isinstance(per, PerCluster) else None)


def random_clusters(n: int, rng: random.Random) -> list[dict]:
    return [{"id": f"c{k:06d}", "scores": {m: {x: rng.random() for x in "rpf"} for m in METRICS}}
            for k in range(n)]


def faithfulness(n: int, rng: random.Random) -> dict:
    """The faithfulness figures of evaluate --faithfulness, with ``n`` clusters' rates."""
    rates = [{"id": f"c{k:06d}", "support_rate": rng.random(), "unsupported_number_rate": 0.0,
              "unsupported_date_rate": None, "unsupported_name_rate": rng.random(),
              "sentences": 3, "unsupported_sentences": 1, "numbers": 2} for k in range(n)]
    return {"support_rate": 0.5, "unsupported_number_rate": 0.0, "unsupported_date_rate": None,
            "unsupported_name_rate": 0.25, "sentences": 3 * n, "unsupported_sentences": n,
            "numbers": 2 * n, "unsupported_numbers": 0,
            "settings": {"embeddings": False, "min_support": 0.5}, "per_cluster": rates}


def written_report(folder: Path, n: int, seed: int = 0, faithful: bool = False) -> RunReport:
    """A report of ``n`` clusters written as evaluate writes it (write_report)."""
    rng = random.Random(seed)
    data = {**BASE, "per_cluster": random_clusters(n, rng)}
    if faithful:
        data["faithfulness"] = faithfulness(n, rng)
    report = RunReport.from_dict(data, "made")
    folder.mkdir(parents=True, exist_ok=True)
    write_report(folder, report)
    return report


@pytest.mark.parametrize("block", [1, 97, None])
def test_a_report_of_many_clusters_reads_as_json_loads_reads_it(tmp_path, monkeypatch, block):
    written = written_report(tmp_path, 3000 if block != 1 else 200)
    if block:
        monkeypatch.setattr(jsonstream, "BLOCK", block)
    got = load_report(tmp_path)
    assert isinstance(got.per_cluster, PerCluster)
    assert got.per_cluster.ids == written.per_cluster.ids
    assert np.array_equal(got.per_cluster.scores, written.per_cluster.scores)
    assert outcome(load_report, tmp_path) == outcome(whole_load, tmp_path)


def test_reading_holds_the_arrays_not_the_parsed_json(tmp_path):
    """20,000 clusters (9 MB of report.json): json.loads peaks at about 2 KB a cluster while
    it reads; read value by value, the peak is the ids and scores kept (about 0.2 KB a
    cluster) and a block of text."""
    written_report(tmp_path, 20_000)
    peaks = {}
    for name, load in (("whole", whole_load), ("streamed", load_report)):
        with traced_memory() as mem:
            report = load(tmp_path)
        peaks[name] = mem.peak
        assert len(report.per_cluster) == 20_000
        del report
    kept = 20_000 * (len(METRICS) * 3 * 8 + 60 + 8)  # the array, the id strings, the list
    assert peaks["streamed"] < kept + (2 << 20), peaks
    assert peaks["whole"] > 4 * peaks["streamed"], peaks


def test_compare_reads_a_faithfulness_report_without_its_per_cluster_rates(tmp_path):
    """evaluate --faithfulness adds each cluster's rates to report.json; compare, which does
    not show them, reads them through without keeping them: the same bound."""
    written_report(tmp_path, 20_000, faithful=True)
    with traced_memory() as mem:
        report = load_report(tmp_path, faithfulness_clusters=False)
    assert mem.peak < 20_000 * (len(METRICS) * 3 * 8 + 60 + 8) + (2 << 20), mem.peak
    assert "per_cluster" not in report.faithfulness and report.faithfulness["numbers"] == 40_000
    full = load_report(tmp_path).faithfulness
    assert full == {**report.faithfulness, "per_cluster": full["per_cluster"]}
    assert len(full["per_cluster"]) == 20_000


def _layout(data: dict, rng: random.Random) -> str:
    """``data`` as JSON text in one of the layouts json writes, with a number (a key a report
    does not use) that a block may cut where a shorter number ends: '0.', '-1.25e-0'."""
    data = {"number": rng.choice([0.5, -1.25e-07, 3e100, 12345]), **data}
    indent = rng.choice([None, 0, 1, 2, "\t"])
    compact = rng.random() < 0.5
    text = json.dumps(data, indent=indent, ensure_ascii=rng.random() < 0.5,
                      separators=(",", ":") if compact else None)
    if rng.random() < 0.3:  # Windows line ends, blanks around: white space json allows
        text = " \r\n" + text.replace("\n", "\r\n") + "\n\n"
    return text


ids = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
number = st.one_of(st.floats(0, 1), st.integers(0, 1), st.sampled_from([1e-7, 0.5e3, -0.0]))
cluster = st.fixed_dictionaries({
    "id": ids,
    "scores": st.dictionaries(st.sampled_from(METRICS),
                              st.fixed_dictionaries({x: number for x in "rpf"}),
                              min_size=1, max_size=4)})
same_metrics = st.lists(ids, max_size=30).map(
    lambda names: [{"id": i, "scores": {m: {"r": 0.25, "p": k / 7, "f": 1.0} for m in METRICS}}
                   for k, i in enumerate(names)])


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clusters=st.one_of(same_metrics, st.lists(cluster, max_size=12)),
       seed=st.integers(0, 10**6), block=st.integers(1, 300), keep=st.booleans())
def test_any_layout_reads_as_json_loads_reads_it(tmp_path, monkeypatch, clusters, seed, block,
                                                 keep):
    """Indented or not, keys in any order, a key twice, escapes and non-ASCII ids, clusters
    with other metrics (kept apart in the table), faithfulness figures or not, any block size:
    the report json.loads gives."""
    rng = random.Random(seed)
    data = {**BASE, "per_cluster": clusters}
    if rng.random() < 0.5:
        data["faithfulness"] = faithfulness(len(clusters), rng)
    keys = list(data)
    rng.shuffle(keys)
    data = {k: data[k] for k in keys}
    text = _layout(data, rng)
    if rng.random() < 0.2:  # a key twice: json keeps the last value
        text = text.replace("{", '{"per_cluster": [{"id": 1}], "seed": "x",', 1)
    (tmp_path / REPORT_FILE).write_text(text, encoding="utf-8", newline="")
    monkeypatch.setattr(jsonstream, "BLOCK", block)
    assert outcome(load_report, tmp_path, keep) == outcome(whole_load, tmp_path, keep)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(0, 6), seed=st.integers(0, 10**6), block=st.integers(1, 200),
       cut=st.floats(0, 1), edit=st.sampled_from(["cut", "drop", "insert"]),
       char=st.sampled_from(list('{}[],:"0-e. \n\\tx') + ["\u00e9", "\ufeff"]),
       keep=st.booleans())
def test_a_damaged_report_is_the_same_input_error(tmp_path, monkeypatch, n, seed, block, cut,
                                                    edit, char, keep):
    """Cut anywhere, or one character dropped or added: the same InputError as json.loads
    gives (its message and line), or the same report where the edit left valid JSON."""
    rng = random.Random(seed)
    data = {**BASE, "per_cluster": random_clusters(n, rng)}
    if rng.random() < 0.5:
        data["faithfulness"] = faithfulness(n, rng)
    text = _layout(data, rng)
    at = int(cut * len(text))
    text = {"cut": text[:at], "drop": text[:at] + text[at + 1:],
            "insert": text[:at] + char + text[at:]}[edit]
    (tmp_path / REPORT_FILE).write_text(text, encoding="utf-8", newline="")
    monkeypatch.setattr(jsonstream, "BLOCK", block)
    expected = outcome(whole_load, tmp_path, keep)
    if "trailing comma" in str(expected[1]):  # Python 3.13's own wording of one error
        pytest.skip("json of this Python names a trailing comma")
    assert outcome(load_report, tmp_path, keep) == expected


def test_a_report_cut_among_its_clusters_is_a_one_line_error_with_its_line(tmp_path):
    written_report(tmp_path, 500)
    path = tmp_path / REPORT_FILE
    text = path.read_text(encoding="utf-8")
    cut = text[: len(text) * 2 // 3]
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError, match=rf"not valid JSON \(.* at line {cut.count(chr(10)) + 1}\)"
                                         r"; the file is truncated or damaged") as exc:
        load_report(tmp_path)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("raw, message", [
    (b"", r"Expecting value at line 1"),
    (b"\xef\xbb\xbf[1]", r"not a JSON object"),  # a byte-order mark skipped (a Notepad save)
    (b'{"a": 1} {"b": 2}', r"Extra data at line 1"),
    (b'{"a": 1,\n\n "b" 2}', r"Expecting ':' delimiter at line 3"),
    (b'{"a": [1, 2}', r"Expecting ',' delimiter at line 1"),
    (b'{"per_cluster": [1, 2 3]}', r"Expecting ',' delimiter at line 1"),
    (b'{"per_cluster": [}', r"Expecting value at line 1"),
    # a syntax error early and bytes that are not UTF-8 later: the bytes are told, as before
    (b'{"a": }' + b" " * 300_000 + b"\xff", r"not UTF-8 text"),
    (b"[1, 2, 3]", r"not a report of summarizer evaluate \(not a JSON object\)"),
    (b'"x"', r"not a JSON object"),
])
def test_files_that_are_not_reports(tmp_path, raw, message):
    (tmp_path / REPORT_FILE).write_bytes(raw)
    with pytest.raises(InputError, match=message):
        load_report(tmp_path)
    assert outcome(load_report, tmp_path) == outcome(whole_load, tmp_path)


def test_a_bad_cluster_is_told_after_the_fields_checked_before_it(tmp_path):
    """A report without its data set and with a bad cluster: the data set is named first,
    as when the clusters were checked after the whole file was parsed."""
    data = {k: v for k, v in BASE.items() if k != "dataset"}
    data["per_cluster"] = [{"id": 3}]
    (tmp_path / REPORT_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="no 'dataset' field"):
        load_report(tmp_path)
    data["dataset"] = BASE["dataset"]
    (tmp_path / REPORT_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=r"per_cluster\[0\]: field 'id' has the wrong type"):
        load_report(tmp_path)


@pytest.mark.parametrize("raw", [
    '{"seed": 1' + "0" * 5000 + ', "per_cluster": []}',
    '{"per_cluster": [{"id": "a", "x": 1' + "0" * 5000 + "}]}",
])
def test_a_number_past_jsons_digit_limit_is_the_one_line_error(tmp_path, raw):
    # json's 4,300-digit limit is a plain ValueError: compare exited 70 ('internal error')
    (tmp_path / REPORT_FILE).write_text(raw, encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid JSON \(a number of more digits than JSON "
                                         r"reads \(4,300\) at line 1\)"):
        load_report(tmp_path)


@pytest.mark.parametrize("field,value", [("ran_on", "cpu float32"), ("ran_on", {"cpu": "2"}),
                                         ("clusters", "40"), ("peak_rss_mb", True),
                                         ("summarize_seconds", [1.5]),
                                         ("clusters_per_second", float("nan")),
                                         ("input_tokens_per_second", float("inf")),
                                         ("peak_rss_mb", float("-inf"))])
def test_a_damaged_throughput_is_a_one_line_error_when_read(field, value):
    # not a report that reads and then fails when printed (report.md, compare)
    data = {**BASE, "per_cluster": random_clusters(2, random.Random(0))}
    data["throughput"] = {**data["throughput"], field: value}
    with pytest.raises(InputError, match=f"throughput: field '{field}' has the wrong value"):
        RunReport.from_dict(data, "report.json")
    data["throughput"] = {**data["throughput"], field: None}  # missing figures still read
    assert getattr(RunReport.from_dict(data, "report.json").throughput, field) is None


def test_a_long_damaged_throughput_value_is_named_by_its_start_and_length():
    # the value was cut to 40 characters of its repr (!r:.40), its length not said
    data = {**BASE, "per_cluster": random_clusters(2, random.Random(0))}
    data["throughput"] = {**data["throughput"], "peak_rss_mb": "9" * 5000}
    with pytest.raises(InputError) as info:
        RunReport.from_dict(data, "report.json")
    assert str(info.value).endswith(f"throughput: field 'peak_rss_mb' has the wrong value "
                                    f"('{'9' * 60}'...'{'9' * 30}' (5,000 characters))")
