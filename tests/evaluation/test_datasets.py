"""Data set specs: detection, JSONL fields, Hugging Face failures."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputError, OptionError
from summarizer.evaluation import DatasetOptions, load_dataset
from summarizer.evaluation.datasets import detect_kind


def test_detects_layouts(duc_fixture, jsonl_data, tmp_path):
    assert detect_kind(str(duc_fixture)) == "duc"
    assert detect_kind(str(jsonl_data)) == "jsonl"
    assert detect_kind("hf:multi_news") == "hf"
    with pytest.raises(InputError, match="data set not found"):
        detect_kind(str(tmp_path / "missing"))
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="must be JSONL"):
        detect_kind(str(tmp_path / "notes.txt"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="not a known data set layout"):
        detect_kind(str(tmp_path / "empty"))


def test_an_ndjson_file_is_jsonl_here_as_in_summarize_and_batch(jsonl_data, tmp_path):
    # summarize and batch read .ndjson as JSONL; evaluate said "a file data set must be
    # JSONL", hf: "not a saved data set or a .jsonl/.json/.parquet/.csv file", and
    # --summaries took an .ndjson file of predictions for a folder
    from summarizer.evaluation import evaluate

    opts = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")
    nd = tmp_path / "data.NDJSON"
    nd.write_bytes(jsonl_data.read_bytes())
    data = load_dataset(nd, opts)
    assert data.kind == "jsonl"
    same = load_dataset(jsonl_data, opts)
    assert data.ids == same.ids and len(data.ids) == 8
    assert ([[d.text for d in c.documents] for c in data.clusters]
            == [[d.text for d in c.documents] for c in same.clusters])
    assert load_dataset(f"hf:{nd}", opts).ids == data.ids
    preds = tmp_path / "preds.ndjson"
    preds.write_text("".join(json.dumps({"id": c.id, "summary": c.references[0]}) + "\n"
                             for c in data.clusters))
    run = evaluate(nd, f"precomputed:{preds}", out=tmp_path / "p", dataset_options=opts,
                   progress=False)
    assert run.report.per_cluster[0].scores["ROUGE-1"].recall > 0.5


def test_jsonl_default_field_names_and_separator(tmp_path):
    path = tmp_path / "mn.jsonl"
    rows = [
        {"id": "x1", "document": "First article. ||||| Second article.", "summary": "Short."},
        {"id": "x2", "document": "Only one article here.", "summary": "One."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    data = load_dataset(path, DatasetOptions(separator="|||||"))
    assert data.kind == "jsonl" and [c.id for c in data.clusters] == ["x1", "x2"]
    assert [d.text for d in data.clusters[0].documents] == ["First article.", "Second article."]
    assert data.clusters[0].references == ["Short."]


def test_jsonl_named_fields(jsonl_data):
    data = load_dataset(jsonl_data, DatasetOptions(text_field="docs", summary_field="gold",
                                                   id_field="key"))
    assert len(data.clusters) == 8 and len(data.clusters[0].documents) == 3
    assert len(data.clusters[0].references) == 2
    with pytest.raises(InputError, match="no field 'body'"):
        load_dataset(jsonl_data, DatasetOptions(text_field="body"))
    with pytest.raises(InputError, match="no documents field"):
        load_dataset(jsonl_data)  # 'docs' is not a name tried by default


def test_jsonl_bad_line_and_missing_references(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "summary": "b"}\n{not json\n')
    with pytest.raises(InputError, match="bad.jsonl:2"):
        load_dataset(bad)
    noref = tmp_path / "noref.jsonl"
    noref.write_text('{"text": "a", "summary": ""}\n')
    with pytest.raises(InputError, match="no reference summary"):
        load_dataset(noref)


def test_a_reference_without_a_word_is_no_reference(tmp_path):
    # "!!! ..." has no token in any ROUGE mode: every summary scored 0 against it, silently
    lines = [{"text": "Floods hit the town.", "summary": ref} for ref in ("Floods.", "!!! ...")]
    data = tmp_path / "punct.jsonl"
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    with pytest.raises(InputError, match="1 cluster.s. have no reference summary with a word"):
        load_dataset(data)
    lines[1]["summary"] = ["Town flooded.", "\u201c\u201d \u2014"]  # beside one with words
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    # it was scored as a reference, every summary 0 against it: under ROUGE's average over
    # the references (-f A) the cluster's precision and F fell by half, silently
    with pytest.raises(InputError, match=r"^.*punct.jsonl: 1 cluster\(s\) have a reference "
                       r"summary with no word in it, empty or punctuation only \(e\.g\. 1, "
                       r"its reference 2 of 2: '\u201c\u201d \u2014'\)"):
        load_dataset(data)
    lines[1]["summary"] = ["Town flooded.", " "]  # a blank one is dropped as it is read
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert load_dataset(data).clusters[1].references == ["Town flooded."]


def test_a_wordless_reference_beside_others_is_refused_in_clusters_given(tmp_path):
    from summarizer.documents.model import Cluster, Document
    from summarizer.evaluation import evaluate

    text = "Floods hit the town on Sunday. Families left their homes."
    clusters = [Cluster([Document(text)], id="a", references=["Floods hit the town.", ""]),
                Cluster([Document(text)], id="b", references=["Families left."])]
    with pytest.raises(InputError, match=r"^clusters: 1 cluster\(s\) have a reference summary "
                       r"with no word in it, empty or punctuation only \(e\.g\. a, its "
                       r"reference 2 of 2: ''\)"):
        evaluate(clusters, "lead", words=10, out=tmp_path / "run")
    assert not (tmp_path / "run").exists()  # refused before the run's folder is made


def test_evaluate_refuses_a_wordless_reference_beside_others_on_one_line(tmp_path):
    rows = [{"id": "a", "documents": ["Floods hit the town on Sunday. Families left."],
             "references": ["Families left their homes.", "..."]}]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, out, err = run_cli(["evaluate", str(data), "--method", "lead", "--out",
                              str(tmp_path / "run"), "--no-progress"])
    assert code == 2 and out == ""
    assert re.fullmatch(r"summarizer: error: \S*d\.jsonl: 1 cluster\(s\) have a reference "
                        r"summary with no word in it, .*remove it", error_line(err))
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("switch, reason", [
    (None, "the hub is unreachable"),
    ("HF_HUB_OFFLINE", "offline mode is on (HF_HUB_OFFLINE=1)"),
    ("HF_DATASETS_OFFLINE", "offline mode is on (HF_DATASETS_OFFLINE=1)"),
])
def test_hf_unreachable_is_a_clear_error(monkeypatch, switch, reason):
    import datasets

    import summarizer.runtime

    def offline(*args, **kwargs):
        raise ConnectionError("Couldn't reach 'multi_news' on the Hub (LocalEntryNotFoundError)")

    # the test decides the switches and the hub's answer: whichever the caller's shell set
    # (HF_HUB_OFFLINE=1, as this machine's runs do) changed the reason and failed it
    for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    if switch:
        monkeypatch.setenv(switch, "1")
    monkeypatch.setattr(summarizer.runtime, "hub_reachable", lambda timeout=3.0: False)
    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(InputError, match="cannot load data set 'multi_news'") as raised:
        load_dataset("hf:multi_news")
    assert reason in str(raised.value)


def test_hf_dataset_saved_to_disk(tmp_path):
    import datasets

    ds = datasets.Dataset.from_dict({
        "document": ["Storm hits coast. ||||| Thousands lose power.", "Vote passes."],
        "summary": ["A storm cut power.", "The vote passed."],
    })
    ds.save_to_disk(str(tmp_path / "mn"))
    data = load_dataset(f"hf:{tmp_path / 'mn'}", DatasetOptions(preset="multi_news"))
    assert data.kind == "hf" and len(data.clusters) == 2
    assert len(data.clusters[0].documents) == 2
    assert data.clusters[1].references == ["The vote passed."]


def test_hf_fields_and_lists_are_read_as_in_jsonl(tmp_path):
    """A saved data set with the layout a JSONL file may have (a list of articles, a list of
    summaries) gives the same clusters: evaluate asked for a 'text' field, found no
    references, and joined a list of articles into one document where JSONL and batch
    keep them apart."""
    import datasets

    row = {"id": "c1", "documents": ["Storm hits the coast today.", "Thousands lose power."],
           "summary": ["A storm cut power.", "Power lost after a storm."]}
    datasets.Dataset.from_list([row]).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "c.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    [hf] = load_dataset(f"hf:{tmp_path / 'saved'}").clusters
    [jl] = load_dataset(str(tmp_path / "c.jsonl")).clusters
    assert [d.text for d in hf.documents] == [d.text for d in jl.documents] == row["documents"]
    assert hf.references == jl.references == row["summary"]
    assert hf.id == jl.id == "c1"
    datasets.Dataset.from_list([{"documents": ["Storm."], "other": "x"}]).save_to_disk(
        str(tmp_path / "norefs"))
    with pytest.raises(InputError, match=r"no reference summary field .* summary_field \(--summary-field\)"):
        load_dataset(f"hf:{tmp_path / 'norefs'}")


def test_hf_rows_choose_their_text_field_and_read_document_objects_as_batch_does(tmp_path):
    """A data set's rows hold every column, null where a row has another: a row of "text"
    beside a row of "documents" was "1 row(s) have no text" in evaluate (batch read it),
    and a Sequence of document objects (a dict of lists) "must be a string or a list of
    strings". Both read as batch reads them, loaded whole and streamed."""
    import datasets

    mixed = [{"id": "a", "documents": ["Storm hits the coast today.", "Thousands lose power."],
              "text": None, "summary": "A storm cut power."},
             {"id": "b", "documents": None, "text": "The river rose by three metres.",
              "summary": "The river rose."}]
    datasets.Dataset.from_list(mixed).save_to_disk(str(tmp_path / "mixed"))
    features = datasets.Features({
        "id": datasets.Value("string"), "summary": datasets.Value("string"),
        "documents": datasets.Sequence({"text": datasets.Value("string"),
                                        "title": datasets.Value("string")})})
    objects = {"id": ["c"], "summary": ["A storm."],
               "documents": [{"text": ["Storm hits the coast today.", "Thousands lose power."],
                              "title": ["Storm", "Power"]}]}
    datasets.Dataset.from_dict(objects, features=features).save_to_disk(str(tmp_path / "objs"))
    [a, b] = load_dataset(f"hf:{tmp_path / 'mixed'}").clusters
    assert [d.text for d in a.documents] == mixed[0]["documents"]
    assert [d.text for d in b.documents] == [mixed[1]["text"]]
    [c] = load_dataset(f"hf:{tmp_path / 'objs'}").clusters
    assert [(d.text, d.title) for d in c.documents] == [
        ("Storm hits the coast today.", "Storm"), ("Thousands lose power.", "Power")]
    # --date-field naming the objects' field: "no field 'date'" (the features of a Sequence
    # of a dict are a dict of lists; found by review)
    dated = datasets.Features({**features, "documents": datasets.Sequence(
        {"text": datasets.Value("string"), "date": datasets.Value("string")})})
    datasets.Dataset.from_dict({**objects, "documents": [
        {"text": objects["documents"][0]["text"], "date": ["2020-01-02", "2020-01-01"]}]},
        features=dated).save_to_disk(str(tmp_path / "dated"))
    [c] = load_dataset(f"hf:{tmp_path / 'dated'}", date_field="date").clusters
    assert sorted(str(d.date) for d in c.documents) == ["2020-01-01", "2020-01-02"]
    for name, ids in (("mixed", ["a", "b"]), ("objs", ["c"])):  # the streamed read
        code, _, err = run_cli(["evaluate", f"hf:{tmp_path / name}", "--out",
                                str(tmp_path / f"out_{name}"), "--words", "10"], lines=None)
        assert code == 0, err
        rows = [json.loads(line) for line in
                (tmp_path / f"out_{name}" / "results.jsonl").read_text().splitlines()]
        assert [r["id"] for r in rows] == ids and all(r["summary"] for r in rows)


def test_hf_local_paths_expand_home_and_a_missing_one_is_not_a_hub_error(tmp_path,
                                                                         monkeypatch):
    # 'hf:~/mn' (the shell leaves ~ after hf: alone) and 'hf:./missing' were looked up on
    # the hub: "the Hugging Face hub is unreachable or the name is wrong"
    import datasets

    datasets.Dataset.from_dict({"document": ["Storm hits coast. Thousands lose power."],
                                "summary": ["A storm cut power."]}).save_to_disk(
        str(tmp_path / "mn"))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert len(load_dataset("hf:~/mn", DatasetOptions(preset="multi_news")).clusters) == 1
    for missing in ("~/nope", "./nope", str(tmp_path / "nope")):
        with pytest.raises(InputError, match=f"{re.escape(missing)}: no such folder or file"):
            load_dataset(f"hf:{missing}")


@pytest.mark.parametrize("option, value, kinds", [
    ("text_field", "body", "a JSONL file or a Hugging Face"),
    ("summary_field", "gold", "a JSONL file or a Hugging Face"),
    ("id_field", "key", "a JSONL file or a Hugging Face"),
    ("separator", "|||||", "a JSONL file or a Hugging Face"),
    ("split", "train", "a Hugging Face"),
    ("preset", "xsum", "a JSONL file or a Hugging Face"),
])
def test_reading_options_for_another_kind_of_data_set_are_refused(option, value, kinds,
                                                                  duc_fixture):
    # they were ignored: 'evaluate DUC --text-field body' scored the DUC clusters as if
    # the option had not been given
    with pytest.raises(OptionError, match=rf"{option} \(--{option.replace('_', '-')}\) is for "
                                          rf"{kinds}.*this data set is a DUC folder"):
        load_dataset(duc_fixture, DatasetOptions(**{option: value}))


def test_duc_options_on_jsonl_and_bad_reference_size(duc_fixture, jsonl_data):
    for option, value in (("references", str(duc_fixture / "models")), ("reference_size", 100)):
        with pytest.raises(OptionError, match="is for a DUC folder; this data set is a JSONL"):
            load_dataset(jsonl_data, DatasetOptions(**{option: value}))
    with pytest.raises(OptionError, match="must be positive, got 0"):
        load_dataset(duc_fixture, DatasetOptions(reference_size=0))
    assert len(load_dataset(duc_fixture, DatasetOptions(reference_size=100)).clusters) == 3


@pytest.mark.parametrize("spelling", ["cs", "Czech", " CZECH ", "cs-CZ"])
def test_language_spellings_are_one_setting(spelling, tac_dir):
    # 'cs' was recorded as is: a run started with --language cs was refused as "other
    # settings" when resumed with --language Czech, and named tac2011-cs apart from
    # tac2011-czech (compare would not pair them)
    data = load_dataset(tac_dir, DatasetOptions(language=spelling, limit=1))
    assert data.options.language == "czech" and data.name == "tac2011-czech"
    assert data.fingerprint() == load_dataset(tac_dir, DatasetOptions(language="czech",
                                                                      limit=1)).fingerprint()


def test_hf_and_text_field_ids_must_be_strings_or_integers(tmp_path):
    # the one-text-field loader took any id: 1.5 -> "1.5", bytes -> "b'a'"
    import datasets

    rows = {"document": ["Storm hits coast. Thousands lose power."] * 2,
            "summary": ["A storm cut power."] * 2}
    datasets.Dataset.from_dict({**rows, "id": [b"a", b"b"]}).save_to_disk(str(tmp_path / "b"))
    # the data set named with the row (it said "row 0" alone), as batch names it
    with pytest.raises(InputError, match=r"hf:\S+/b#0: field 'id' must be a string or an integer"):
        load_dataset(f"hf:{tmp_path / 'b'}", DatasetOptions(preset="multi_news", id_field="id"))
    path = tmp_path / "f.jsonl"
    path.write_text("".join(json.dumps({"id": i, "document": d, "summary": s}) + "\n"
                            for i, d, s in zip([7, 1.5], rows["document"], rows["summary"],
                                               strict=True)))
    with pytest.raises(InputError, match=r"f.jsonl:2: field 'id' must be .* not a number \(1.5\)"):
        load_dataset(path)


def test_documents_in_another_language_than_the_run_are_warned_about(tmp_path, recwarn):
    # a Chinese JSONL evaluated without --language was read as English without a word
    # (empty summaries, scored 0); the run keeps its language, but says what it sees
    zh = "北京市政府周一宣布，新的防洪工程将于明年春季开工。市长表示这是一个历史性的决定。"
    rows = [{"id": f"c{i}", "documents": [zh, zh[::-1]], "references": [zh[:20]]}
            for i in range(3)]
    path = tmp_path / "zh.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    with pytest.warns(UserWarning, match="look like chinese, but are read as english; give "
                                         r"language='zh' \(--language\)"):
        load_dataset(str(path))
    load_dataset(str(path), DatasetOptions(language="zh"))  # given: nothing to say
    en = tmp_path / "en.jsonl"
    en.write_text(json.dumps({"id": "a", "documents": [
        "The council approved the new flood barrier on Monday after a long debate in the "
        "town hall. Work on the barrier starts next spring."], "references": ["x y"]}) + "\n")
    recwarn.clear()
    load_dataset(str(en))
    assert not [w for w in recwarn if "look like" in str(w.message)]


def test_a_data_set_of_several_other_languages_is_warned_about(tmp_path):
    # Chinese, Japanese, Thai and Korean clusters in one JSONL, read as English: no
    # language was a majority, so nothing was said (the Thai summary came out empty)
    texts = ["北京市政府周一宣布，新的防洪工程将于明年春季开工。市长表示这是一个历史性的决定。",
             "政府は新しい防災計画を発表した。首相は「命を守る行動を」と述べた。",
             "กรมอุตุนิยมวิทยาประกาศเตือนภัยพายุโซนร้อนที่จะเคลื่อนเข้าสู่ภาคตะวันออกเฉียงเหนือ",
             "기상청은 월요일 태풍이 남해안에 상륙할 것으로 예상된다고 밝혔다."]
    rows = [{"id": f"c{i}", "documents": [t, t], "references": [t[:20]]}
            for i, t in enumerate(texts)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    with pytest.warns(UserWarning, match=r"most documents look like other languages \(.*thai.*\) "
                                         "than the one they are read as, english"):
        load_dataset(str(path))


@pytest.mark.parametrize("code, text", [
    ("fa", "دولت ایران می‌گوید که برنامه هسته‌ای این کشور صلح‌آمیز است و مذاکرات ادامه دارد."),
    ("ur", "حکومت نے کہا ہے کہ نئی پالیسی اگلے ماہ سے نافذ ہو گی اور عوام کو فائدہ ہو گا۔"),
    ("uk", "Уряд України заявив, що нова програма допоможе фермерам і їхнім родинам цього року."),
    ("sr", "Влада Србије је објавила да ће нови закон ступити на снагу следеће године."),
    ("mr", "महाराष्ट्र सरकारने नवीन धोरण जाहीर केले असून ते पुढील महिन्यापासून लागू होईल."),
])
def test_a_language_sharing_its_script_is_not_warned_about(code, text, tmp_path, recwarn):
    # Persian read with --language fa was told "the documents look like arabic ...
    # give --language ar": the script alone cannot tell Persian from Arabic.
    rows = [{"id": f"c{i}", "documents": [text, text], "references": [text[:30]]}
            for i in range(3)]
    path = tmp_path / f"{code}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    load_dataset(str(path), DatasetOptions(language=code))
    assert not [str(w.message) for w in recwarn if "look like" in str(w.message)]


@pytest.mark.parametrize("options", [{"limit": "3"}, {"limit": 2.5}, {"seed": "7"},
                                     {"main_content": "no"}, {"reference_size": 1.5},
                                     {"separator": 5}])
def test_data_set_options_of_the_wrong_type_are_input_errors(options):
    """DatasetOptions(limit="3") raised TypeError deep in the subset draw; limit=2.5 ran on
    the whole data set when it had fewer clusters, main_content="no" kept the article."""
    with pytest.raises(InputError, match=f"{next(iter(options))}'? must be"):  # seed: its range
        DatasetOptions(**options)


def test_a_preset_reads_a_jsonl_export_as_batch_reads_it(tmp_path):
    # batch took --preset multi_news on a JSONL export (its '|||||' splitting articles) and
    # evaluate refused it: "preset (--preset) is for a Hugging Face data set"
    from summarizer.batch.source import Fields, Source, to_cluster
    from summarizer.evaluation.stream import open_dataset

    data = tmp_path / "mn.jsonl"
    data.write_text("".join(json.dumps({
        "document": "Floods hit the town. Families left. ||||| The army helped. Shelters opened.",
        "summary": "Floods drove families out.", "id": f"m{i}"}) + "\n" for i in range(3)))
    whole = load_dataset(data, DatasetOptions(preset="multi_news"))
    streamed = open_dataset(data, DatasetOptions(preset="multi_news"))
    assert whole.fingerprint() == streamed.fingerprint()
    made = [c for _, c in streamed.iter_clusters()]
    assert [len(c.documents) for c in made] == [2, 2, 2]
    fields = Fields(preset="multi_news")
    rows = list(Source(str(data), fields).rows())
    assert [[d.text for d in to_cluster(r, fields).documents] for r in rows] == \
        [[d.text for d in c.documents] for c in made]


@pytest.mark.parametrize("option, value, message", [
    ("id_field", "key", r"no field 'key' \(id_field.*id comes from its place in the input"),
    ("text_field", "body", r"no field 'body' \(text_field \(--text-field\)\)"),
    ("summary_field", "gold", r"no field 'gold' \(summary_field \(--summary-field\)\)"),
    ("separator", "|", r"separator \(--separator\) splits a field holding one text"),
])
def test_hf_field_options_are_checked_on_the_first_row_as_in_jsonl(option, value, message,
                                                                   tmp_path):
    # the same options on the same row as a JSONL line are OptionErrors there; on an hf:
    # data set an id typo gave every cluster its position, a separator beside a list of
    # documents went unused, and a summary typo read as "no reference summary"
    import datasets

    row = {"id": "c1", "documents": ["Storm hits the coast today.", "Thousands lose power."],
           "summary": ["A storm cut power."]}
    datasets.Dataset.from_list([row]).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "c.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    for spec in (str(tmp_path / "c.jsonl"), f"hf:{tmp_path / 'saved'}"):
        with pytest.raises(OptionError, match=message):
            load_dataset(spec, DatasetOptions(**{option: value}))


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("second", [
    {"article": "Storm hits the coast. Thousands lose power.", "summary": "A storm."},
    {"documents": ["Storm hits the coast. Thousands lose power."], "summary": "A storm."},
])
def test_a_later_line_without_the_named_id_field_is_refused_naming_it(tmp_path, streamed,
                                                                     second):
    # the first line alone was checked: a later one took its position for an id, unsaid
    # (as a later line without the named --date-field is refused)
    from summarizer.evaluation.stream import open_dataset

    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({**second, "key": "c0"}) + "\n" + json.dumps(second) + "\n",
                    encoding="utf-8")
    load = open_dataset if streamed else load_dataset
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}:2: no field 'key' "
                                         r"\(id_field \(--id-field\)\); fields: "):
        load(str(path), DatasetOptions(id_field="key"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert load(str(path), DatasetOptions()).size == 2  # not named: "id", else its line
    if not streamed:  # the command says it in one line, exit 2
        code, _, err = run_cli(["evaluate", str(path), "--method", "lead", "--id-field", "key",
                                "--out", str(tmp_path / "run"), "--no-progress"])
        assert code == 2
        assert f"{path}:2: no field 'key' (id_field (--id-field))" in error_line(err)


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("second", [
    {"article": "Storm hits the coast. Thousands lose power.", "summary": "A storm."},
    {"documents": ["Storm hits the coast. Thousands lose power."], "summary": "A storm."},
])
@pytest.mark.parametrize("blank", [None, " "])
def test_a_later_line_with_a_null_or_blank_named_id_is_refused_naming_it(tmp_path, streamed,
                                                                         second, blank):
    # present but null or blank, it took its position for an id, unsaid
    from summarizer.evaluation.stream import open_dataset

    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({**second, "key": "c0"}) + "\n"
                    + json.dumps({**second, "key": blank}) + "\n", encoding="utf-8")
    load = open_dataset if streamed else load_dataset
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}:2: field 'key' "
                                         r"\(id_field \(--id-field\)\) is (null|blank), not an id"):
        clusters = load(str(path), DatasetOptions(id_field="key"))
        list(clusters)


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("blank", ["", "  "])
def test_blank_default_ids_are_no_ids_each_line_stands_for_its_own(tmp_path, streamed, blank):
    # the id field not named ("id"): blank ids were kept, so two blank lines made the
    # clusters "" and "" ("cluster ids are not unique (e.g. )"); now the ids of lines
    # without one (a text's row: its position; a list of documents: its line)
    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power."
    load = open_dataset if streamed else load_dataset
    for text, absent in ({"article": article}, ["1", "2"]), ({"documents": [article]},
                                                           ["line2", "line3"]):
        path = tmp_path / "d.jsonl"
        path.write_text("".join(json.dumps({**text, "summary": "A storm.", "id": cid}) + "\n"
                                for cid in ("c0", blank, None)), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert load(str(path), DatasetOptions()).ids == ["c0", *absent]


@pytest.mark.parametrize("streamed", [False, True])
def test_an_id_a_line_takes_from_its_place_is_no_declared_id(tmp_path, streamed):
    # a line without an id takes its place's ("line3", a text line's "1"); a line that
    # declares that id made two clusters of one id, refused as "cluster ids are not unique
    # (e.g. line3)", ids the user never wrote: now said as batch says it, by position
    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power."
    load = open_dataset if streamed else load_dataset
    for text, last, first in (({"article": article}, "2", "0"),
                              ({"documents": [article]}, "line3", "line1")):
        for ids, clash in (([last, "c1", None], "the cluster at position 2: no id, and the "
                            f"one its place gives it, '{last}', is the id of the row at "
                            "position 0"),
                           ([None, first, "c2"], f"the cluster at position 1: id '{first}' is "
                            "already the id of the row at position 0, which has none and "
                            "took its place's")):
            path = tmp_path / "d.jsonl"
            path.write_text("".join(json.dumps({**text, "summary": "A storm.", "id": cid})
                                    + "\n" for cid in ids), encoding="utf-8")
            with pytest.raises(InputError, match="^" + re.escape(f"{path}: {clash}")) as err:
                load(str(path), DatasetOptions())
            assert "not unique (e.g." not in str(err.value)
    # two declared ids alike are said as before
    path.write_text("".join(json.dumps({"documents": [article], "summary": "A storm.",
                                        "id": "c0"}) + "\n" for _ in range(2)))
    with pytest.raises(InputError, match=r"cluster ids are not unique \(e\.g\. c0\)"):
        load(str(path), DatasetOptions())


@pytest.mark.parametrize("layout", ["text", "documents", "hf"])
def test_a_clash_after_a_left_out_cluster_is_named_by_its_input_row_loaded_or_streamed(
        tmp_path, layout):
    # --allow-skipped-documents: a whole load numbered the kept clusters ("position 2 ...
    # row at position 1"), a streamed one the input's rows ("position 3 ... row at position
    # 2"); the input's is the one a user finds, and both now say it
    import datasets

    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power."
    text = "documents" if layout == "documents" else "article"
    rows = [{"id": cid, text: [doc] if layout == "documents" else doc, "summary": "A storm."}
            for cid, doc in (("c0", article), ("c1", CREDITS), (None, article),
                             ("line3" if layout == "documents" else "2", article))]
    spec = str(tmp_path / "d.jsonl")
    Path(spec).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if layout == "hf":
        datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "saved"))
        spec = f"hf:{tmp_path / 'saved'}"
    said = []
    for load in (load_dataset, open_dataset):
        with warnings.catch_warnings(), pytest.raises(InputError) as err:
            warnings.simplefilter("ignore")  # the documents left out
            load(spec, DatasetOptions(allow_skipped_documents=True))
        said.append(str(err.value))
    assert said[0] == said[1]
    assert said[0].startswith(f"{spec}: the cluster at position 3: id "), said[0]
    assert "row at position 2, which has none" in said[0]


@pytest.mark.parametrize("streamed", [False, True])
def test_loose_documents_named_after_the_file_clash_said_whole(tmp_path, streamed):
    # a file of cluster lines and single-document lines: the latter form a cluster named
    # after the file, which a line declared; "cluster ids are not unique (e.g. data)" named
    # neither line
    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power."
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (
        {"id": "c0", "documents": [article], "summary": "A storm."},
        {"id": "data", "documents": [article], "summary": "A storm."},
        {"text": article})), encoding="utf-8")
    load = open_dataset if streamed else load_dataset
    with pytest.raises(InputError, match="^" + re.escape(
            f"{path}: the documents of its lines without 'documents' (the first at line 3) "
            "form a cluster named after the file, 'data', which is the id of the cluster at "
            "line 2")) as err:
        load(str(path), DatasetOptions())
    assert "not unique (e.g." not in str(err.value)


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("hf", [False, True])
@pytest.mark.parametrize(("preset", "text", "summary"), [("xsum", "document", "summary"),
                                                     ("cnn_dailymail", "article", "highlights")])
def test_an_id_a_row_takes_from_its_place_is_no_id_a_presets_field_declares(
        tmp_path, streamed, hf, preset, text, summary):
    # the preset's id field is the one read: a row without it takes its position, which no
    # other row may declare (records.RowIds), read as JSONL or as a data set (hf:)
    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power."
    load = open_dataset if streamed else load_dataset
    for k, (ids, clash) in enumerate((
            (["1", None, "c2"], "the cluster at position 1: no id, and the one its place "
                                "gives it, '1', is the id of the row at position 0"),
            ([None, "0", "c2"], "the cluster at position 1: id '0' is already the id of the "
                                "row at position 0, which has none and took its place's"))):
        path = tmp_path / f"d{k}.jsonl"  # one name each: datasets caches a file it read
        path.write_text("".join(json.dumps({"id": cid, text: article, summary: "A storm."})
                                + "\n" for cid in ids), encoding="utf-8")
        spec = f"hf:{path}" if hf else str(path)
        with pytest.raises(InputError, match="^" + re.escape(f"{spec}: {clash}")):
            load(spec, DatasetOptions(preset=preset))


@pytest.mark.parametrize("streamed", [False, True])
def test_a_null_id_of_a_data_set_found_not_named_is_its_place_as_in_jsonl(tmp_path, streamed):
    # hf: found the "id" column as a JSONL file's field and passed it on as if named: a row
    # with it null or blank was refused as "field 'id' (id_field (--id-field)) is null",
    # an option never given, where the same lines as a JSONL file took their places
    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power."
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"id": cid, "text": article, "summary": "A storm."})
                            + "\n" for cid in ("a", None, "  ")), encoding="utf-8")
    load = open_dataset if streamed else load_dataset
    for spec in (str(path), f"hf:{path}"):
        assert load(spec, DatasetOptions()).ids == ["a", "1", "2"], spec
        with pytest.raises(InputError, match=re.escape("#1: field 'id' (id_field (--id-field)) "
                                                       "is null, not an id")
                           if spec.startswith("hf:") else ":2: field 'id'"):
            load(spec, DatasetOptions(id_field="id"))  # named: required, as before


@pytest.mark.parametrize("streamed", [False, True])
def test_a_preset_without_an_id_field_reads_the_id_column_as_jsonl_and_batch_do(tmp_path,
                                                                                streamed):
    # --preset multi_news (no id field of its own): the same rows gave their "id" as a JSONL
    # file and to batch, but their positions as hf:, so runs of one data set disagreed
    from summarizer.evaluation.stream import open_dataset

    article = "Storm hits the coast. Thousands lose power.|||||Repairs will take a week."
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"id": cid, "document": article, "summary": "A storm."})
                            + "\n" for cid in ("a", "b", None)), encoding="utf-8")
    load = open_dataset if streamed else load_dataset
    for spec in (str(path), f"hf:{path}"):
        assert load(spec, DatasetOptions(preset="multi_news")).ids == ["a", "b", "2"], spec


CREDITS = "(Reporting by John Smith; Editing by Jane Doe)\njha/ga"  # cleaning leaves nothing


def test_a_document_without_text_stops_the_run_for_hf_rows_as_for_records(tmp_path):
    # evaluate refused a JSONL record whose document cleaning emptied, but scored an hf row
    # (or a JSONL text line split by a separator) without that document, silently
    import datasets

    row = {"id": "c1", "documents": ["Storm hits the coast today.", CREDITS],
           "summary": ["A storm cut power."]}
    datasets.Dataset.from_list([row]).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "c.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    message = "no text left after removing its title and boilerplate (1 unusable document"
    with pytest.raises(InputError, match=r"#0 \(id 'c1'\) documents\[1\]: " + re.escape(message)):
        load_dataset(f"hf:{tmp_path / 'saved'}")
    with pytest.raises(InputError, match=r"c.jsonl:1 \(id 'c1'\) documents\[1\]: "
                       + re.escape(message)):
        load_dataset(str(tmp_path / "c.jsonl"))
    text = tmp_path / "t.jsonl"
    text.write_text(json.dumps({"text": f"Storm hits the coast today. ||| {CREDITS}",
                                "summary": "A storm."}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t.jsonl:1 text\[1\]: " + re.escape(message)):
        load_dataset(str(text), DatasetOptions(separator="|||"))
    with pytest.raises(InputError, match="--allow-skipped-documents"):  # the way out, said
        load_dataset(str(tmp_path / "c.jsonl"))


def test_allow_skipped_leaves_emptied_documents_out_and_lists_them(tmp_path):
    # the one choice was refusing the whole data set; allowed, each is left out and listed
    import datasets

    from summarizer.evaluation.stream import open_dataset

    rows = [{"id": "c1", "documents": ["Storm hits the coast today.", CREDITS],
             "summary": ["A storm cut power."]},
            {"id": "c2", "documents": ["Rain floods the town.", "Roads close."],
             "summary": ["Floods."]}]
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    allowed = DatasetOptions(allow_skipped_documents=True)
    left_out = [{"cluster": "c1", "document": "doc1",
                 "reason": "no text left after removing its title and boilerplate"}]
    for spec in (str(tmp_path / "c.jsonl"), f"hf:{tmp_path / 'saved'}"):
        for opener in (load_dataset, open_dataset):
            with pytest.warns(UserWarning, match="1 unusable document.* left out"):
                data = opener(spec, allowed)
            [c1, c2] = data.clusters
            assert [d.text for d in c1.documents] == ["Storm hits the coast today."]
            described = data.describe()
            assert described["skipped_documents"] == left_out, (spec, opener)
            assert described["options"]["allow_skipped_documents"] is True
            # a subset without the cluster lists nothing
            if opener is open_dataset:
                with pytest.warns(UserWarning, match="left out"):
                    part = opener(spec, DatasetOptions(allow_skipped_documents=True, limit=1, seed=0))
            else:
                part = data.select(DatasetOptions(limit=1, seed=0))
            assert [c.id for c in part.clusters] == ["c2"]
            assert "skipped_documents" not in part.describe()
    # the default is recorded as before: no key (old run folders resume)
    assert "allow_skipped_documents" not in DatasetOptions().to_dict()


def test_allow_skipped_leaves_out_a_cluster_that_cleaning_empties_whole(tmp_path):
    # a cluster whose every document cleaning emptied stopped the run even when allowed
    # (JSONL: "no document with text", hf: "row(s) have no text"); allowed, it is left out
    import datasets

    from summarizer.evaluation.datasets import LEFT_OUT
    from summarizer.evaluation.stream import open_dataset

    rows = [{"id": f"c{k}", "documents": [f"Storm {k} hits the coast today.", "Roads close."],
             "summary": ["A storm cut power."]} for k in range(5)]
    rows[1]["documents"] = [CREDITS, CREDITS]
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    text = tmp_path / "t.jsonl"  # the text layout, split by a separator (the hf reader)
    text.write_text("".join(json.dumps({"id": r["id"], "text": " ||| ".join(r["documents"]),
                                        "summary": r["summary"]}) + "\n" for r in rows))
    specs = {str(tmp_path / "c.jsonl"): {}, f"hf:{tmp_path / 'saved'}": {},
             str(text): {"separator": "|||"}}
    for spec, extra in specs.items():
        for opener in (load_dataset, open_dataset):
            # without the flag: refused, as before (JSONL records: the cluster's own error)
            with pytest.raises(InputError, match="no document with text|--allow-skipped"):
                opener(spec, DatasetOptions(**extra))
            allowed = DatasetOptions(allow_skipped_documents=True, **extra)
            with pytest.warns(UserWarning, match="2 unusable document.* left out.*1 cluster"):
                data = opener(spec, allowed)
            assert data.ids == ["c0", "c2", "c3", "c4"] and data.total == 4, (spec, opener)
            left = data.describe()["skipped_documents"]
            assert [(d["cluster"], d["document"], d.get("cluster_left_out")) for d in left] \
                == [("c1", "doc0", True), ("c1", "doc1", True)], (spec, opener)
            assert all(d["reason"].endswith(LEFT_OUT) for d in left)
            # a subset draws from the clusters kept, whole and streamed alike, and lists
            # the left-out cluster still (it is out of every subset)
            draws = []
            for seed in range(4):
                opts = DatasetOptions(allow_skipped_documents=True, limit=2, seed=seed, **extra)
                with pytest.warns(UserWarning, match="left out"):
                    part = opener(spec, opts)
                assert "c1" not in part.ids and len(part.ids) == 2
                assert part.describe()["skipped_documents"] == left
                draws.append((part.ids, part.fingerprint(),
                              [c.id for _, c in part.iter_clusters()]))
            assert all(ids == read for ids, _, read in draws)
            if opener is load_dataset:
                whole_draws = draws
            else:
                assert draws == whole_draws, spec
    # nothing left: still an error, one that says why
    only = tmp_path / "only.jsonl"
    only.write_text(json.dumps(rows[1]) + "\n")
    datasets.Dataset.from_list([rows[1]]).save_to_disk(str(tmp_path / "only"))
    for spec in (str(only), f"hf:{tmp_path / 'only'}"):
        for opener in (load_dataset, open_dataset):
            with warnings.catch_warnings(), pytest.raises(
                    InputError, match="no usable documents .*no text left|no clusters found "
                    r"\(.*--allow-skipped-documents\) left out"):
                warnings.simplefilter("ignore")  # (the documents left out, said first)
                opener(spec, DatasetOptions(allow_skipped_documents=True))


def test_allowed_rows_without_any_text_are_still_refused_and_told_apart(tmp_path):
    # a row blank from the start is no cleaning's doing: still an error, the rows that
    # cleaning emptied (left out) named apart
    from summarizer.evaluation.stream import open_dataset

    lines = [{"id": "a", "text": "Storm hits the coast today.", "summary": "A storm."},
             {"id": "b", "text": CREDITS, "summary": "Credits."},
             {"id": "c", "text": "  ", "summary": "Nothing."}]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    for opener in (load_dataset, open_dataset):
        with pytest.warns(UserWarning), pytest.raises(
                InputError, match=r"1 line\(s\) have no text in 'text'; 1 other\(s\) had text "
                "only before cleaning and were left out"):
            opener(str(path), DatasetOptions(allow_skipped_documents=True))


def test_the_split_read_is_recorded_and_shown(tmp_path):
    # the run recorded split None where it read 'test' (a file: 'train'): the report named
    # no split, and --split test on the same data was refused as another run's settings
    import datasets

    rows = {"id": ["a", "b"], "article": ["The council met on Monday. It approved the bridge."] * 2,
            "highlights": ["The council approved the bridge."] * 2}
    datasets.DatasetDict({"test": datasets.Dataset.from_dict(rows),
                          "validation": datasets.Dataset.from_dict(rows)}).save_to_disk(
        str(tmp_path / "dd"))
    datasets.Dataset.from_dict(rows).to_json(str(tmp_path / "f.jsonl"))
    assert load_dataset(f"hf:{tmp_path / 'dd'}", preset="cnn_dailymail").options.split == "test"
    assert load_dataset(f"hf:{tmp_path / 'f.jsonl'}", text_field="article",
                        summary_field="highlights").options.split == "train"
    out = tmp_path / "run"
    base = ["evaluate", f"hf:{tmp_path / 'dd'}", "--preset", "cnn_dailymail", "--method",
            "lead", "--out", str(out), "--no-progress"]
    code, _, err = run_cli(base)
    assert code == 0, err
    assert "| read as | split='test', preset='cnn_dailymail' |" in (out / "report.md").read_text()
    code, out_text, err = run_cli([*base, "--split", "test"])  # the same run: resumed
    assert code == 0 and "resumed 2 finished clusters" in out_text + err, err


def test_a_saved_data_set_folder_given_without_hf_says_how_to_give_it(tmp_path):
    # summarize and batch named hf:FOLDER; evaluate said only "not a known data set layout"
    import datasets

    from summarizer.errors import InputError
    from summarizer.evaluation import load_dataset as load

    folder = tmp_path / "saved"
    datasets.Dataset.from_dict({"id": ["a"], "text": ["The storm hit."],
                                "summary": ["A storm."]}).save_to_disk(str(folder))
    with pytest.raises(InputError, match=rf"give hf:{folder}$"):
        load(str(folder))
