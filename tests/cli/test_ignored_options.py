"""Options that were accepted and then changed nothing (found by the audit of every
subcommand's flags and the library's keywords): each is a one-line OptionError, exit 2,
before any work, in the CLI and the library alike. The rouge ones found earlier are in
test_rouge_silent_options.py; the abstractive ones in tests/abstractive/test_options.py."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli

from summarizer.errors import RougeOptionError
from summarizer.metrics import RougeSettings, make_settings, rouge


@pytest.fixture()
def pair(tmp_path):
    (tmp_path / "sys.txt").write_text("The police killed the gunman.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("Police shot the gunman dead.\n", encoding="utf-8")
    return str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt")


@pytest.mark.parametrize("flag", ["-e", "--data-dir"])
def test_a_rouge155_data_folder_in_rouge_score_mode_is_refused(pair, tmp_path, flag):
    # rouge-score mode never reads ROUGE-1.5.5's data files: -m stemmed with its own
    # Porter stemmer whatever the folder held, and nothing said the folder was unused
    code, out, err = run_cli(["rouge", *pair, "--mode", "rouge-score", "-m", flag,
                              str(tmp_path)])
    assert code == 2 and out == "", err
    line = error_line(err)
    assert "data_dir (--data-dir)" in line and "rouge-score mode never reads" in line
    with pytest.raises(RougeOptionError, match="rouge-score mode never reads"):
        rouge(["a cat sat"], ["the cat sat"], mode="rouge-score", data_dir=str(tmp_path))
    with pytest.raises(RougeOptionError, match="rouge-score mode never reads"):
        make_settings("rouge-score", options=f"-e {tmp_path}")
    # rouge155 mode reads it; settings an earlier version stored with one read back
    assert make_settings("rouge155", data_dir=str(tmp_path)).data_dir == str(tmp_path)
    s = make_settings("rouge-score", stem=True)
    assert RougeSettings.from_dict({**s.to_dict(), "data_dir": str(tmp_path)}) == s


def test_truncate_with_precomputed_summaries_is_refused(tmp_path):
    # they are scored as given (PrecomputedSummarizer applies no budget): --truncate was
    # taken, recorded in the run's budget and folder name ('...-words100t'), and cut nothing
    from helpers import write_jsonl

    from summarizer.errors import OptionError
    from summarizer.evaluation import evaluate

    text = "Floods closed roads in the north on Monday. Schools stayed shut. Power was cut."
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": f"c{k}", "documents": [text, text], "summary": ["Floods closed roads."]}
        for k in range(2)])
    preds = write_jsonl(tmp_path / "p.jsonl", [{"id": f"c{k}", "summary": text}
                                               for k in range(2)])
    argv = ["evaluate", str(data), "--summaries", str(preds), "--words", "5",
            "--out", str(tmp_path / "run"), "--no-progress"]
    code, out, err = run_cli([*argv, "--truncate"])
    assert code == 2 and out == "", err
    assert "truncate (--truncate)" in error_line(err)
    assert "precomputed summaries are scored as they are" in error_line(err)
    assert not (tmp_path / "run").exists()
    with pytest.raises(OptionError, match="precomputed summaries are scored as they are"):
        evaluate(str(data), f"precomputed:{preds}", out=tmp_path / "lib", words=5,
                 truncate=True)
    assert not (tmp_path / "lib").exists()
    code, _, err = run_cli(argv, lines=None)  # without it, scored as given
    assert code == 0, err


def test_diversity_clusters_without_the_diversity_reward_is_refused():
    # coverage read diversity_clusters only where diversity_weight is not 0: taken, and
    # left out of the summary's settings without a word (as lead_decay with lead_weight 0)
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match="diversity_clusters parts the diversity reward"):
        get_summarizer("coverage", diversity_weight=0, diversity_clusters=0.5)
    code, out, err = run_cli(["summarize", "seeds/", "--option", "diversity_weight=0",
                              "--option", "diversity_clusters=0.5"])
    assert code == 2 and out == "", err
    assert "diversity_weight 0" in error_line(err)
    get_summarizer("coverage", diversity_weight=0)  # each alone is taken
    get_summarizer("coverage", diversity_clusters=0.5)


@pytest.mark.parametrize(("method", "given", "match"), [
    # each weight of 0 turns a term off, and the option that shapes that term was taken and
    # changed nothing (the summaries were the same with any value of it)
    ("submodular", {"lam": 0, "diversity_clusters": 0.5}, "with lam 0 it would not be used"),
    ("dpp", {"theta": 0, "quality": "centrality"}, "with theta 0 it would not be used"),
    ("dpp", {"theta": 0, "quality": "learned"}, "with theta 0 it would not be used"),
    ("coverage", {"semantic_weight": 0, "alpha": 0.5},
     "with semantic_weight 0 it would not be used"),
])
def test_an_option_of_a_term_weighted_0_is_refused(method, given, match):
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match=match):
        get_summarizer(method, **given)
    argv = ["summarize", "seeds/", "--method", method]
    for key, value in given.items():
        argv += ["--option", f"{key}={value}"]
    code, out, err = run_cli(argv)
    assert code == 2 and out == "", err
    assert match in error_line(err)
    for key, value in given.items():  # each alone is taken
        get_summarizer(method, **{key: value})


def test_representation_errors_name_every_representation():
    # 'embedding!' is accepted and documented, and the choices the errors listed left it out
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match="'embedding', 'embedding!', 'multilingual'"):
        get_summarizer("mmr", representation="Embedding")
    for given in ({"encoder": "all-MiniLM-L6-v2-int8"}, {"dup_semantic": 0.8}):
        with pytest.raises(OptionError, match="'embedding', 'embedding!' or 'auto'"):
            get_summarizer("lead", **given)
        get_summarizer("lead", representation="embedding!", **given)


@pytest.mark.parametrize("reading", [{"clean": False}, {"main_content": False},
                                     {"clean": False, "main_content": False}])
def test_reading_options_for_documents_already_made_are_refused(reading):
    # a Document or Cluster is used as it is: clean=False kept no title or date line that
    # cleaning had already taken out, and said nothing (text_field was refused already)
    from summarizer import summarize
    from summarizer.documents import make_document
    from summarizer.documents.model import Cluster
    from summarizer.errors import OptionError

    text = "Floods closed roads in the north on Monday. Schools stayed shut. Power was cut."
    doc = make_document(text, id="d0")
    for data in (doc, Cluster(documents=[doc]), [doc, doc]):
        with pytest.raises(OptionError, match="not for Documents or a Cluster"):
            summarize(data, "lead", words=10, **reading)
    # texts are read now: taken; a list mixing texts and Documents reads its texts so
    for data in (text, [text, text], [text, doc]):
        assert summarize(data, "lead", words=10, **reading).sentences


def test_a_rouge_mode_beside_rouge_settings_that_disagree_is_refused(tmp_path):
    # evaluate(rouge=settings, rouge_mode=...) scored with the settings' mode: the mode
    # named beside them was taken and not used
    from helpers import write_jsonl

    from summarizer.errors import OptionError
    from summarizer.evaluation import evaluate

    text = "Floods closed roads in the north on Monday. Schools stayed shut. Power was cut."
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": f"c{k}", "documents": [text], "summary": ["Floods closed roads."]}
        for k in range(2)])
    settings = make_settings("rouge155", stem=True)
    with pytest.raises(OptionError, match="rouge_mode='rouge-score' and rouge= .mode "
                                          "'rouge155'. disagree"):
        evaluate(str(data), "lead", out=tmp_path / "a", words=10, rouge=settings,
                 rouge_mode="rouge-score", progress=False)
    assert not (tmp_path / "a").exists()
    for mode in (None, "rouge155"):  # not named, or the settings' own: taken
        result = evaluate(str(data), "lead", out=tmp_path / f"b{mode}", words=10,
                          rouge=settings, rouge_mode=mode, progress=False)
        assert result.report.rouge.mode == "rouge155"
    plain = evaluate(str(data), "lead", out=tmp_path / "c", words=10,
                     rouge_mode="rouge-score", progress=False)  # alone, it picks the mode
    assert plain.report.rouge.mode == "rouge-score"


@pytest.mark.parametrize("method", ["lead", "lexrank", "textrank", "coverage"])
def test_dup_semantic_without_sentence_embeddings_is_refused(method):
    # the near-duplicate rule compares embeddings only where the representation has them:
    # with tfidf, dup_semantic was taken, recorded in the settings, and never compared
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match="dup_semantic=0.5 compares sentence embeddings"):
        get_summarizer(method, representation="tfidf", dup_semantic=0.5)
    get_summarizer(method, representation="embedding", dup_semantic=0.5)  # read: taken
    get_summarizer(method, representation="tfidf", dup_lexical=0.4)  # the lexical rule is


def test_a_time_limit_with_the_greedy_solver_is_refused():
    # the greedy solver never runs HiGHS: time_limit was taken, recorded in the summary's
    # settings, and bounded nothing
    from summarizer.errors import OptionError
    from summarizer.summarizers import get_summarizer

    # time_limit is a float option: the int 2 is taken as 2.0 (3439bdb6), and named so
    with pytest.raises(OptionError, match=r"time_limit=2\.0 bounds the ILP solver"):
        get_summarizer("ilp", solver="greedy", time_limit=2)
    # time_limit=5 (the default before 60) beside solver=greedy was taken before 90ebf09:
    # one line that says what to do, exit 2, nothing written
    for option, value, shown in (("time_limit", "5", "5.0"), ("node_limit", "50", "50")):
        code, out, err = run_cli(["summarize", "seeds/", "--method", "ilp", "--option",
                                  "solver=greedy", "--option", f"{option}={value}"])
        assert code == 2 and out == "", err
        assert error_line(err) == (
            f"summarizer: error: {option}={shown} bounds the ILP solver: with solver 'greedy' "
            f"it would not be used (leave {option} out, or use solver 'ilp')")
    get_summarizer("ilp", solver="greedy")  # each alone is taken
    get_summarizer("ilp", time_limit=2)


@pytest.mark.parametrize("how", ["same", "dotted", "link", "beside", "compare"])
def test_a_system_given_as_its_own_reference_is_refused(pair, tmp_path, how):
    # scored against itself every summary is 1.0 (beside another reference, lifted towards
    # it), and the table read as a result
    sys_file, ref = pair
    (tmp_path / "link.txt").symlink_to(sys_file)
    argv = {"same": [sys_file, sys_file],
            "dotted": [sys_file, str(tmp_path / "." / "sys.txt")],
            "link": [sys_file, str(tmp_path / "link.txt")],
            "beside": [sys_file, ref, sys_file],
            "compare": [ref, sys_file, "--compare", sys_file]}[how]
    code, out, err = run_cli(["rouge", *argv])
    assert code == 2 and out == "", err
    assert "each would be scored against itself" in error_line(err)


def test_a_copy_of_the_system_as_reference_is_scored(pair, tmp_path):
    # the same text in another file is a check of the scorer: taken, and it gives 1
    sys_file, _ = pair
    copy = tmp_path / "copy.txt"
    copy.write_bytes((tmp_path / "sys.txt").read_bytes())
    code, out, err = run_cli(["rouge", sys_file, str(copy), "--format", "json"])
    assert code == 0, err
    import json

    assert json.loads(out)["aggregate"]["ROUGE-1"]["recall"]["mean"] == pytest.approx(1.0)


def test_files_of_a_summaries_folder_that_match_no_cluster_are_said(tmp_path):
    # a .jsonl's unknown ids were warned of; a folder's files that match no cluster (a
    # misnamed one, another data set's) were left unscored without a word
    from helpers import write_jsonl

    text = "Floods closed roads in the north on Monday. Schools stayed shut. Power was cut."
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": f"c{k}", "documents": [text], "summary": ["Floods closed roads."]}
        for k in range(3)])
    folder = tmp_path / "sums"
    folder.mkdir()
    for name in ("c0.txt", "c1", "C2.sum", "c3.txt", "x9", "notes.txt"):
        (folder / name).write_text("Floods closed roads.\n", encoding="utf-8")
    argv = ["evaluate", str(data), "--summaries", str(folder), "--words", "5",
            "--no-progress"]
    code, _, err = run_cli([*argv, "--out", str(tmp_path / "a")], lines=None)
    assert code == 0, err
    said = [ln for ln in err.splitlines() if "precomputed summaries" in ln]
    assert said == [f"summarizer: warning: precomputed summaries: 3 files in {folder} are "
                    "of no cluster of the data set, not scored: 'c3.txt', 'notes.txt', "
                    "'x9'"], err
    for name in ("c3.txt", "x9", "notes.txt"):  # a file for each cluster: nothing to say
        (folder / name).unlink()
    code, _, err = run_cli([*argv, "--out", str(tmp_path / "b")], lines=None)
    assert code == 0 and "precomputed summaries" not in err, err
    # --limit 2 of 3: the left-out cluster's file is unused, which is no mistake
    code, _, err = run_cli([*argv, "--limit", "2", "--out", str(tmp_path / "c")], lines=None)
    assert code == 0 and "precomputed summaries" not in err, err
    (folder / "x9").write_text("Power was cut.\n", encoding="utf-8")  # two unused: one is stray
    code, _, err = run_cli([*argv, "--limit", "2", "--out", str(tmp_path / "d")], lines=None)
    assert code == 0 and "2 files in" in err and "1 or more are of none" in err, err


def test_a_budget_with_precomputed_summaries_names_their_length_and_cuts_nothing(tmp_path):
    # kept, not refused (README, Budget): on JSONL data the budget labels the run (folder,
    # report, compare's budget check) and the summaries are scored whole
    import json

    from helpers import write_jsonl

    text = "Floods closed roads in the north on Monday. Schools stayed shut. Power was cut."
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": f"c{k}", "documents": [text], "summary": ["Floods closed roads."]}
        for k in range(2)])
    preds = write_jsonl(tmp_path / "p.jsonl", [{"id": f"c{k}", "summary": text}
                                               for k in range(2)])
    reports = {}
    for words in ("3", "40"):
        code, _, err = run_cli(["evaluate", str(data), "--summaries", str(preds), "--words",
                                words, "--out", str(tmp_path / words), "--no-progress"],
                               lines=None)
        assert code == 0, err
        reports[words] = json.loads((tmp_path / words / "report.json").read_text())
    assert [r["budget"]["limit"] for r in reports.values()] == [3, 40]
    assert reports["3"]["scores"] == reports["40"]["scores"]  # nothing was cut


CZECH = ["Povodně uzavřely v pondělí silnice na severu země. Školy zůstaly zavřené a elektřina "
         "byla přerušena v mnoha obcích. Hasiči pomáhali lidem opustit domovy.",
         "Vláda slíbila obcím na severu rychlou pomoc. Voda začala klesat až ve středu, silnice "
         "zůstaly zavřené. Školy otevřou nejdříve v pátek."]


def test_a_jsonl_records_language_is_read_by_evaluate_as_by_summarize(tmp_path):
    # summarize and batch read a record's "language"; evaluate read every record as English
    # (--language's default), so one file gave other summaries there, and a warning that
    # the documents looked Czech
    import json
    import warnings

    from helpers import write_jsonl

    import summarizer
    from summarizer.evaluation import evaluate, load_dataset

    data = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "c0", "language": "cs", "documents": CZECH,
         "references": ["Povodně uzavřely silnice a školy na severu země."]}])
    made = summarizer.summarize(str(data), words=20)
    assert made.settings["language"] == "czech"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read as they are: nothing looks out of place
        evaluate(str(data), "coverage", out=tmp_path / "run", words=20, progress=False)
    result = json.loads((tmp_path / "run" / "results.jsonl").read_text().splitlines()[0])
    assert result["summary"] == made.text
    assert result["summary_settings"]["language"] == "czech"
    assert [s["doc_id"] for s in result["provenance"]] == [s.doc_id for s in made.sentences]
    assert load_dataset(str(data)).clusters[0].language == "czech"  # read whole, the same
    # a language named is every record's, as summarize --language is
    with pytest.warns(UserWarning, match="look like czech, but are read as english"):
        english = evaluate(str(data), "coverage", out=tmp_path / "en", words=20,
                           progress=False, language="english")
    assert english.report.dataset.language == "english"
    result = json.loads((tmp_path / "en" / "results.jsonl").read_text().splitlines()[0])
    assert result["summary_settings"]["language"] == "english"
    # so the run read by the field never resumes read otherwise: the data differs
    from summarizer.errors import RunMismatchError

    with pytest.raises(RunMismatchError, match="fingerprint"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        evaluate(str(data), "coverage", out=tmp_path / "run", words=20, progress=False,
                 language="english")
    # a record without the field: English, as before (evaluate does not guess)
    plain = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "c0", "documents": ["Floods closed roads in the north on Monday. Schools "
                                   "stayed shut."], "references": ["Floods closed roads."]}])
    assert load_dataset(str(plain)).clusters[0].language == "english"
    bad = write_jsonl(tmp_path / "b.jsonl", [
        {"id": "c0", "language": "klingon", "documents": CZECH, "references": ["x y"]}])
    code, out, err = run_cli(["evaluate", str(bad), "--out", str(tmp_path / "b"),
                              "--no-progress"])
    assert code == 2 and out == "" and "klingon" in error_line(err), err
