"""One error vocabulary (summarizer.errors' rule): a caller's bad option name or value is an
OptionError (a ValueError, and an InputError so that older ``except InputError`` still
catches it), with one wording for every unknown option."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_cli

import summarizer
from summarizer.documents import load_cluster
from summarizer.documents.hf import load_hf_dataset
from summarizer.errors import InputError, OptionError, RougeOptionError, SummarizerError, no_option
from summarizer.evaluation.datasets import load_dataset, options_of
from summarizer.faithfulness import check
from summarizer.metrics.settings import make_settings
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.abstractive.options import AbstractiveOptions

WORDING = re.compile(r"^.+ has no option '\w+'( \(did you mean '\w+'\?\))?; its options: .+$")


def test_option_error_is_an_input_error_and_a_value_error():
    assert issubclass(OptionError, InputError) and issubclass(OptionError, ValueError)
    assert issubclass(RougeOptionError, OptionError)


def test_no_option_names_the_close_match():
    text = no_option("method 'mmr'", ["lamb"], ["lam", "order"])
    assert text == "method 'mmr' has no option 'lamb' (did you mean 'lam'?); its options: lam, order"


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "c1", "documents": ["One sentence here. Another one there."]}\n')
    return path


UNKNOWN = {
    "summariser": lambda p: get_summarizer("mmr", lamb=0.5),
    "abstractive": lambda p: AbstractiveOptions.from_keywords(strategyy="direct"),
    "data set": lambda p: options_of(None, {"text_feld": "x"}),
    "ROUGE": lambda p: make_settings(bootstrap_seeds=1),
    "faithfulness": lambda p: check("a", "a", embeddings=False, numbers_only=True),
    "JSONL (load_cluster)": lambda p: load_cluster(p, id_feld="x"),
}


@pytest.mark.parametrize("site", list(UNKNOWN))
def test_every_unknown_option_is_one_option_error_in_one_wording(site, jsonl):
    with pytest.raises(OptionError) as info:
        UNKNOWN[site](jsonl)
    assert WORDING.match(str(info.value)), str(info.value)


def test_summarize_unknown_option_is_worded_the_same():
    with pytest.raises(OptionError, match=r"^method 'lead' has no option 'moed' \(did you mean "
                                          r"'mode'\?\); its options: "):
        summarizer.summarize("One sentence. Two sentences.", method="lead", moed="newest")


# A bad option value given by the caller: OptionError (these were bare InputErrors, not
# ValueErrors, so ``except ValueError`` around a keyword argument missed them).
def _rouge155(**kw):
    from summarizer.metrics.rouge155.options import Rouge155Options
    return Rouge155Options(**kw)


def _bad_values():
    from summarizer.batch.engine import check_pack_limits, engine_workers
    from summarizer.evaluation.datasets import subset_positions
    from summarizer.metrics.significance import check_test_settings
    from summarizer.summarizers.compress import parse_rules
    from summarizer.summarizers.coverage import CoverageSummarizer
    from summarizer.values import check_seed

    text = "One sentence here. Another one there."
    return {
        "lexrank damping": lambda: get_summarizer("lexrank", damping=2.0),
        "textrank damping": lambda: get_summarizer("textrank", damping=-1.0),
        "mmr lam": lambda: get_summarizer("mmr", lam=2.0),
        "lead mode": lambda: get_summarizer("lead", mode="oldest"),
        "ilp solver": lambda: get_summarizer("ilp", solver="simplex"),
        "extractive order": lambda: get_summarizer("centroid", order="random"),
        "extractive min_words": lambda: get_summarizer("centroid", min_words=-1),
        "compress rule": lambda: parse_rules("nosuchrule"),
        "ROUGE -n": lambda: _rouge155(max_n=-1),
        "ROUGE -p": lambda: _rouge155(alpha=2.0),
        "paired test resamples": lambda: check_test_settings(0, 10, 0),
        "seed": lambda: check_seed(-1),
        "data set limit": lambda: subset_positions(10, 0, 0),
        "summarize truncate": lambda: summarizer.summarize(text, truncate="no"),
        "batch pack limits": lambda: check_pack_limits(0, 10),
        "engine workers": lambda: engine_workers("local", num_workers=3),
        # the default method's and abstractive's range checks were bare InputErrors
        "coverage alpha": lambda: get_summarizer("coverage", alpha=2.0),
        "coverage min_df": lambda: get_summarizer("coverage", min_df=0),
        "coverage lsa_rank": lambda: get_summarizer("coverage", concept_weighting="lsa",
                                                    lsa_rank=0),
        "coverage background": lambda: CoverageSummarizer(background="idff"),
        "abstractive num_beams": lambda: AbstractiveOptions.from_keywords(num_beams=0),
        "abstractive top_p": lambda: AbstractiveOptions.from_keywords(top_p=2.0),
        "abstractive prompt": lambda: AbstractiveOptions.from_keywords(prompt="no slot"),
    }


@pytest.mark.parametrize("site", list(_bad_values()))
def test_a_bad_option_value_is_an_option_error(site):
    with pytest.raises(OptionError) as info:
        _bad_values()[site]()
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)


# The library names its keywords; the flag may follow in parentheses, never stand alone.
LIBRARY_MESSAGES = {
    "data set limit": ("limit (--limit)", "data set limit"),
    "batch pack limits": ("batch_size (--batch-size)", "batch pack limits"),
    "engine workers": ("num_workers (--num-workers)", "engine workers"),
}


@pytest.mark.parametrize("site", list(LIBRARY_MESSAGES))
def test_library_messages_name_the_keyword_before_the_flag(site):
    wanted, key = LIBRARY_MESSAGES[site]
    with pytest.raises(OptionError) as info:
        _bad_values()[key]()
    text = str(info.value)
    assert text.startswith(wanted), text
    assert not re.search(r"(^|[\s,;])--[a-z]", text), text  # no flag outside parentheses


def test_pick_field_names_the_keyword(tmp_path):
    from summarizer.evaluation.datasets import load_dataset

    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "c1", "documents": ["One. Two."], "gold": "One."}\n')
    with pytest.raises(InputError, match=r"name it with summary_field \(--summary-field\)"):
        load_dataset(path)


def test_evaluate_refuses_two_different_languages(tmp_path):
    # evaluate(language="fr", dataset_options=DatasetOptions(language="de")) read the data
    # set as French without a word: the keyword silently overrode the options
    from pathlib import Path

    from summarizer.evaluation import evaluate
    from summarizer.evaluation.datasets import DatasetOptions

    duc = Path(__file__).resolve().parent / "fixtures" / "duc"
    with pytest.raises(OptionError, match=r"language='fr' and dataset_options' language "
                                          r"'german' differ"):
        evaluate(duc, "lead", out=tmp_path / "run", progress=False, language="fr",
                 dataset_options=DatasetOptions(language="de"))
    assert not (tmp_path / "run").exists()
    # the same language named twice (a code and a name) is no conflict
    with pytest.warns(UserWarning, match="read as german"):
        run = evaluate(duc, "lead", out=tmp_path / "same", progress=False, language="de",
                       dataset_options=DatasetOptions(language="german", limit=1))
    assert run.report.dataset.options["language"] == "german"


# text_field (a JSONL option) given with inputs that hold no .jsonl file was taken and never
# used: refused wherever no .jsonl file is read.
ARTICLE = "The council met on Monday. It approved the budget after a long debate.\n"


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    return folder


@pytest.mark.parametrize("name", ["a.txt", "b.html", "."])
def test_text_field_with_no_jsonl_input_is_refused(texts, name):
    path = texts / name
    with pytest.raises(OptionError, match=r"^text_field='body' is for \.jsonl files given by "
                                          r"path, not for these inputs"):
        load_cluster(path, text_field="body")
    with pytest.raises(OptionError, match="text_field='body' is for .jsonl"):
        summarizer.summarize(path, text_field="body")
    with pytest.raises(OptionError, match="title_field='t' is for .jsonl"):
        load_cluster(path, title_field="t")
    load_cluster(path)  # without it, the same input is read
    load_cluster(path, text_field=None)  # the default is no option given


def test_text_field_with_a_folder_holding_jsonl_is_used(texts):
    (texts / "c.jsonl").write_text('{"id": "c", "documents": [{"body": "One more. And more."}]}\n')
    cluster = load_cluster(texts, text_field="body")
    assert any("One more." in d.text for d in cluster.documents)


def test_cli_text_field_with_a_txt_file_is_one_line(texts):
    code, _, err = run_cli(["summarize", str(texts / "a.txt"), "--text-field", "body"])
    assert code == 2 and err.count("\n") == 1 and "text_field='body' is for .jsonl" in err, err


# An input path the system cannot look at (a name over NAME_MAX, a folder that cannot be
# searched) was a bare OSError from Path.exists(); now a typed InputError naming the path,
# and from the CLI one line with the usage-error status (2), as for a missing file.
LONG = "x" * 300


@pytest.mark.parametrize("command", [
    "summarize {long}.txt",
    "batch {long}.jsonl --out {tmp}/o --no-progress",
    "evaluate {long}.jsonl --out {tmp}/o --no-progress",
    "rouge {long}.txt {long}.txt",
    "compare {long} {long} --out {tmp}/o --no-plot",
])
def test_a_name_too_long_is_one_line_from_every_command(command, tmp_path):
    code, _, err = run_cli(command.format(long=tmp_path / LONG, tmp=tmp_path).split())
    assert code == 2 and err.count("\n") == 1, err
    assert "cannot be read (File name too long)" in err and len(err) < 400, err


@pytest.mark.parametrize("load", [
    lambda p: load_cluster(p),
    lambda p: summarizer.summarize(str(p)),
    lambda p: summarizer.summarize([p]),
    lambda p: load_hf_dataset(p),  # was a bare OSError from Path.exists()
])
def test_a_name_too_long_is_an_input_error(load, tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        load(tmp_path / (LONG + ".txt"))


def test_a_path_that_cannot_be_searched_is_an_input_error(tmp_path, monkeypatch):
    # root reads any file, so EACCES is made: stat of this one path is refused
    import os

    path = tmp_path / "locked" / "a.txt"
    real = os.stat

    def stat(p, *args, **kwargs):
        if str(p) == str(path):
            raise PermissionError(13, "Permission denied", str(p))
        return real(p, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(InputError, match=r"a\.txt: cannot be read \(Permission denied\)"):
        load_cluster(path)


@pytest.mark.parametrize("command", [
    "summarize {fifo}",
    "batch {fifo} --out {tmp}/o --no-progress",
    "evaluate {fifo} --out {tmp}/o --no-progress",
    "rouge {fifo} {fifo}",
])
def test_a_fifo_is_refused_without_being_opened(command, tmp_path):
    import os

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)  # opened for reading, it would wait for a writer for ever
    code, _, err = run_cli(command.format(fifo=fifo, tmp=tmp_path).split())
    assert code == 2 and err.count("\n") == 1 and "pipe.jsonl" in err, err


def test_an_unknown_preset_is_one_option_error_everywhere(tmp_path):
    # from_hf_dataset said "unknown data set preset" as an InputError, batch "unknown
    # preset" as an OptionError with the close match
    datasets = pytest.importorskip("datasets")
    from summarizer.batch import summarize_dataset
    from summarizer.documents.hf import from_hf_dataset

    ds = datasets.Dataset.from_dict({"document": ["One. Two."], "summary": ["One."]})
    for call in (lambda: from_hf_dataset(ds, "multinew"),
                 lambda: summarize_dataset(tmp_path / "in.jsonl", tmp_path / "o",
                                           preset="multinew")):
        with pytest.raises(OptionError, match=r"^unknown preset 'multinew' \(did you mean "
                                              r"'multi_news'\?\); choose one of: "):
            call()


def test_a_misspelt_hugging_face_field_is_an_option_error(tmp_path):
    # from_hf_dataset(ds, txt_field=...) and load_hf_dataset(...) were a bare TypeError
    datasets = pytest.importorskip("datasets")
    from summarizer.documents.hf import from_hf_dataset, load_hf_dataset

    ds = datasets.Dataset.from_dict({"document": ["One. Two."], "summary": ["One."]})
    for call in (lambda: from_hf_dataset(ds, txt_field="document"),
                 lambda: load_hf_dataset(tmp_path / "missing.jsonl", txt_field="document")):
        with pytest.raises(OptionError) as info:
            call()
        assert WORDING.match(str(info.value)), str(info.value)
        assert "(did you mean 'text_field'?)" in str(info.value)


def test_abstractive_option_values_are_option_errors() -> None:
    # the rule of summarizer.errors: a value the function cannot use is an OptionError
    from summarizer.errors import OptionError
    from summarizer.summarizers.abstractive.loading import INT8, pick_dtype
    from summarizer.summarizers.abstractive.options import AbstractiveOptions
    from summarizer.summarizers.abstractive.summarizer import AbstractiveSummarizer

    with pytest.raises(OptionError, match="unknown dtype 'float13'"):
        pick_dtype("float13", "cpu")
    with pytest.raises(OptionError, match="CPU only"):
        pick_dtype(INT8, "cuda")
    with pytest.raises(OptionError, match="not both"):
        AbstractiveSummarizer(AbstractiveOptions(), num_beams=2)


@pytest.mark.parametrize("command", ["rouge {s} {s} --metrics R9x",
                                     "evaluate {j} --out {tmp}/o --method lead --metrics R9x"])
def test_an_unknown_rouge_metric_is_one_line_and_status_2(command, jsonl, tmp_path):
    # a metric name is a value of the metrics option: RougeOptionError, stopped before a run
    summary = tmp_path / "s.txt"
    summary.write_text("One sentence here.\n")
    code, _, err = run_cli(command.format(s=summary, j=jsonl, tmp=tmp_path).split())
    assert code == 2 and err.count("\n") == 1 and "no metric 'R9x'" in err, err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("budget", [None, {"unit": "words", "limit": 0},
                                    {"unit": "words", "limit": []}])
def test_a_summary_record_with_a_damaged_budget_is_an_input_error(budget):
    # a stored record is data, not the caller's budget: InputError (it was a BudgetError)
    from summarizer.summarizers.base import Summary

    record = summarizer.summarize("One sentence here. Another one there.", words=5).to_dict()
    with pytest.raises(InputError, match="not a summary's to_dict") as info:
        Summary.from_dict({**record, "budget": budget})
    assert not isinstance(info.value, OptionError)


@pytest.mark.parametrize("options,wanted", [
    (dict(text_field="body"), r"no field 'body' \(text_field \(--text-field\)\)"),
    (dict(id_field="key"), r"no field 'key' \(id_field \(--id-field\)\).*its place"),
    (dict(separator="|||||"), r"separator \(--separator\) splits a field holding one text"),
])
def test_a_field_option_the_data_set_lacks_is_an_option_error_at_once(options, wanted, tmp_path):
    # an id field the lines lack gave every cluster its line number, a separator beside a
    # list of documents went unused; a streamed data set says so before it reads on (a
    # broken later line is not reached), as batch does for its rows
    from summarizer.evaluation.datasets import DatasetOptions, load_dataset
    from summarizer.evaluation.stream import open_dataset

    path = tmp_path / "d.jsonl"
    line = '{"id": "c1", "documents": ["One. Two."], "summary": "One."}\n'
    path.write_text(line * 2)
    for load in (open_dataset, load_dataset):
        with pytest.raises(OptionError, match=wanted):
            load(path, DatasetOptions(**options))
    path.write_text(line + "{not json\n")
    with pytest.raises(OptionError, match=wanted):
        open_dataset(path, DatasetOptions(**options))


NO_ORDER = {  # each place that reads a set's order: a set of texts, refused
    "summarize": lambda s: summarizer.summarize(s, words=5),
    "Cluster references": lambda s: summarizer.Cluster([], references=s),
    "rouge": lambda s: summarizer.metrics.rouge(s, [["a b"], ["c d"]]),
    "check": lambda s: check(s, ["The council met."], embeddings=False),
}


@pytest.mark.parametrize("site", NO_ORDER)
@pytest.mark.parametrize("kind", [set, frozenset])
def test_every_no_order_refusal_is_one_wording(site, kind):
    # four wordings before ("got a set", "must be a list of texts", "give lists", "not a
    # set (it has no order)"): each names the type passed and what to pass instead
    with pytest.raises(InputError, match=rf"is a {kind.__name__}, which has no order "
                       r"\(it changes from one run to the next\): .+; pass \S"):
        NO_ORDER[site](kind({"The council met.", "Rain fell."}))


def test_a_dict_view_keeps_its_order_and_is_not_refused_as_a_set():
    texts = {"the cat sat": 0, "rain fell": 1}
    assert summarizer.metrics.rouge(texts.keys(), [["a cat sat"], ["rain"]]).per_summary


@pytest.mark.parametrize(("value", "on"), [(None, False), ("", False), ("0", False),
                                           ("false", False), ("no", False), ("1", True),
                                           ("yes", True), ("TRUE", True)])
def test_debugging_is_summarizer_debug_set(monkeypatch, value, on):
    # SUMMARIZER_DEBUG=0 turned debugging on (any text but none), where every other switch
    # (HF_HUB_OFFLINE=0) reads "0" as off: one reading, runtime.env_flag's
    from summarizer.errors import debugging
    from summarizer.runtime import env_flag

    if value is None:
        monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZER_DEBUG", value)
    assert debugging() is on is env_flag("SUMMARIZER_DEBUG")


def test_summarizer_debug_is_read_in_one_place():
    """The CLI's internal errors and model loading's possible bugs both ask errors.debugging:
    each read the variable itself, so a change to what turns it on would reach one."""
    import ast
    from pathlib import Path

    root = Path(summarizer.__file__).parent
    readers = sorted(str(path.relative_to(root)) for path in root.rglob("*.py")
                     if any(isinstance(node, ast.Constant) and node.value == "SUMMARIZER_DEBUG"
                            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert readers == ["errors.py"], readers


_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days.")
_LONG = "a" * 5000


@pytest.mark.parametrize(("value", "shown"), [
    ("a" * 5000, f"'{'a' * 60}'...'{'a' * 30}' (5,000 characters)"),
    ("/x" * 40 + "/story.txt", repr("/x" * 40 + "/story.txt")),  # a path of 90: whole
    (b"\x00" * 200, repr(b"\x00" * 60) + "..." + repr(b"\x00" * 30) + " (200 bytes)"),
    (list(range(5000)), f"{repr(list(range(5000)))[:60]}... 4995, 4996, 4997, 4998, 4999] "
                        "(5,000 items)"),
    ({"k": "v" * 200}, f"{{'k': '{'v' * 53}...{'v' * 28}'}} (1 item)"),
    (Path("/x" * 60 + "/story.txt"),  # not a string: its repr's start and end (a file name)
     f"{repr(Path('/x' * 60))[:60]}.../x/x/x/x/x/x/x/x/x/story.txt') (143 characters written)"),
    ("a" * 120, repr("a" * 120)),  # short enough: whole
    ([1, "two"], "[1, 'two']"),
])
def test_value_repr_shortens_a_long_value_to_its_start_and_length(value, shown):
    from summarizer.errors import value_repr

    assert value_repr(value) == shown


@pytest.mark.parametrize("call", [
    lambda: summarizer.summarize(_STORY, "lead", words=_LONG),  # Budget
    lambda: summarizer.summarize(_STORY, "lead", min_words=_LONG),  # check_values
    lambda: summarizer.summarize(_STORY, "lead", words=5, truncate=_LONG),
])
def test_a_long_string_option_is_named_by_its_start_and_length(call):
    # a 5,000-character value was written whole: a 5,000-character error line
    with pytest.raises(SummarizerError) as info:
        call()
    assert "(5,000 characters)" in str(info.value) and len(str(info.value)) < 300


def test_a_long_option_value_on_the_command_line_is_a_short_line(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(_STORY)
    code, out, err = run_cli(["summarize", str(story), "--option", f"min_words={_LONG}"])
    assert code == 2 and out == "" and "(5,000 characters)" in err and len(err) < 300


def _score(**options):
    from summarizer.metrics.api import score_corpus

    return score_corpus([("The storm hit.", ["A storm hit."])], **options)


def _ray_task_lost(cluster_id):
    from summarizer.batch.evaluate import ScoreTask
    from summarizer.documents.model import Cluster, Document

    cluster = Cluster([Document(_STORY, id="d0")], id=cluster_id)
    return ScoreTask(None, None, None, 0).lost((0, cluster), "its worker died 3 times")


def _class_name(field):
    from summarizer.documents.records import class_name

    def labels(number):
        raise ValueError(f"Invalid integer class label {number}")

    return class_name(7, labels, field, "row 1")


def _parse_option(text):
    from summarizer.cli import parse_option

    return parse_option(text)


@pytest.mark.parametrize("call", [
    lambda: summarizer.summarize(_STORY, "lead", language=_LONG),
    lambda: summarizer.summarize(_STORY, _LONG),  # method
    lambda: summarizer.summarize(_STORY, "lead", **{_LONG: 1}),  # option name
    lambda: summarizer.summarize(_STORY, "textrank", order=_LONG),
    lambda: summarizer.summarize(_STORY, "ilp", solver=_LONG),
    lambda: summarizer.summarize(_STORY, "abstractive", device=_LONG),
    lambda: summarizer.summarize(_STORY, "abstractive", dtype=_LONG),
    lambda: _score(metrics=[_LONG]),
    lambda: _score(mode=_LONG),
    lambda: _parse_option(_LONG),  # --option without "="
    lambda: summarizer.Summary.from_dict({"sentences": _LONG}),
    lambda: _ray_task_lost(_LONG),  # a cluster id from the data
    lambda: _class_name(_LONG),  # a ClassLabel language column's name
], ids=["language", "method", "option name", "order", "solver", "device", "dtype",
        "rouge metric", "rouge mode", "--option", "stored summary", "ray cluster lost",
        "class label field"])
def test_a_long_name_is_shown_by_its_start_and_length_at_every_site(call):
    # each message wrote the value with !r, whole
    with pytest.raises(SummarizerError) as info:
        call()
    assert "(5,000 characters)" in str(info.value) and "a" * 100 not in str(info.value)


@pytest.mark.parametrize("option", ["document_diversity", "entity_weight"])
def test_a_weight_of_hundreds_of_digits_is_named_by_its_digit_count(option):
    # a finite number passes the type check; its range check wrote all 301 digits. The
    # option is declared a float, so the int is that float (3439bdb6): 1e+300 is named
    with pytest.raises(SummarizerError) as info:
        summarizer.summarize(_STORY, "coverage", words=20, **{option: 10**300})
    assert "got 1e+300" in str(info.value) and "0" * 100 not in str(info.value)
    # past a float's range it stays an int, named by its digit count
    with pytest.raises(SummarizerError) as info:
        summarizer.summarize(_STORY, "coverage", words=20, **{option: 10**400})
    assert "<an integer of 401 digits>" in str(info.value) and "0" * 100 not in str(info.value)


def _msgs2_file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _wordlist_with_header(tmp_path, header):
    import gzip

    import msgpack

    from summarizer.summarizers.background import read_wordlist

    path = tmp_path / "large_en.msgpack.gz"
    with gzip.open(path, "wb") as f:
        f.write(msgpack.packb([header, ["the"]]))
    return read_wordlist(path)


def _rouge_cli(tmp_path, encoding):
    system = _msgs2_file(tmp_path, "sys.txt", "The storm hit.\n")
    reference = _msgs2_file(tmp_path, "ref.txt", "A storm hit.\n")
    code, out, err = run_cli(["rouge", str(system), str(reference), "--encoding", encoding])
    assert code == 2 and out == ""
    raise InputError(err.strip())  # the one line it printed, checked as the others' are


def _sentence_replace(name):
    from summarizer.documents.model import Document
    from summarizer.sentences import split_document

    return split_document(Document(_STORY, id="d0"))[0].replace(**{name: 1})


def _clusters_rows(tmp_path, cluster_id):
    row = '{"id": "' + cluster_id + '", "documents": ["' + _STORY + '"], "summary": "A storm."}\n'
    return _msgs2_file(tmp_path, "rows.jsonl", row * 2)


def _sentence(tmp_path=None):
    from summarizer.documents.model import Document
    from summarizer.sentences import split_document

    return split_document(Document(_STORY, id="d0"))[0]


def _config_value(tmp_path):
    import json

    from summarizer.model_values import wrong_value

    _msgs2_file(tmp_path, "generation_config.json", json.dumps({"temperature": _LONG}))
    raise InputError(wrong_value(str(tmp_path)))  # the line a model load is refused with


def _tokenizer_limit(tmp_path):
    from types import SimpleNamespace

    from summarizer.summarizers.abstractive.loading import _check_tokenizer

    _check_tokenizer(SimpleNamespace(model_max_length=_LONG), "m")


def _saved_splits(tmp_path):
    (tmp_path / "saved").mkdir()
    _msgs2_file(tmp_path / "saved", "dataset_dict.json", '{"splits": ["test"]}')
    return tmp_path / "saved"


@pytest.mark.parametrize("call", [
    lambda tmp: __import__("summarizer.summarizers.coverage", fromlist=["_"])
    .CoverageSummarizer(background=_LONG),
    lambda tmp: __import__("summarizer.summarizers.occams", fromlist=["_"])
    .OccamsSummarizer(lsa_entries=_LONG),
    lambda tmp: __import__("summarizer.summarizers.concepts", fromlist=["_"])
    .check_lsa_rank(_LONG),
    lambda tmp: __import__("summarizer.summarizers.word_forms", fromlist=["_"])
    .word_forms([["storm"]], frozenset(), _LONG),
    lambda tmp: __import__("summarizer.summarizers.word_position", fromlist=["_"])
    .word_position_weights([], [], [], _LONG),
    lambda tmp: _wordlist_with_header(tmp, {"format": _LONG}),
    lambda tmp: _sentence_replace(_LONG),
    lambda tmp: _rouge_cli(tmp, _LONG),
    lambda tmp: load_cluster(_msgs2_file(tmp, "k.jsonl", '{"text": "x", "' + _LONG + '\\ud800": 1}\n')),
    lambda tmp: load_cluster(_msgs2_file(tmp, "t.jsonl", '{"text": "' + _STORY + '"}\n'),
                             text_field=_LONG),
    lambda tmp: load_hf_dataset(_clusters_rows(tmp, "c0"), preset=_LONG),
    lambda tmp: load_hf_dataset(_saved_splits(tmp), split=_LONG),
    lambda tmp: load_dataset(str(_clusters_rows(tmp, _LONG))),  # written bare: ids twice
    lambda tmp: load_cluster(str(tmp / _LONG / "story.txt")),  # written bare: cut at 60 + 60
    lambda tmp: _sentence().__setstate__(_LONG),  # cut at 80, its length not said
    lambda tmp: setattr(_sentence(), _LONG, 1),
    lambda tmp: delattr(_sentence(), _LONG),
    _config_value,  # cut at 40, its length not said
    _tokenizer_limit,  # cut at 40, its length not said
], ids=["coverage option", "occams option", "lsa_rank", "word_forms use", "word_position use",
        "wordlist header", "Sentence.replace", "--encoding", "jsonl field name",
        "text_field", "preset", "split", "cluster id", "path", "Sentence state",
        "Sentence setattr", "Sentence delattr", "model config value", "model_max_length"])
def test_a_long_value_is_shown_by_its_start_and_length_in_every_module(call, tmp_path):
    # each message wrote the value whole, or cut it without saying how long it was
    with pytest.raises((SummarizerError, TypeError, ValueError, AttributeError)) as info:
        call(tmp_path)
    said = str(info.value)
    assert re.search(r"\(5,0\d\d (characters|items?)\)", said) or "(1 item)" in said, said
    assert "a" * 100 not in said and len(said) < 300, said


@pytest.mark.parametrize("exc", [FileNotFoundError("model.json is gone"),
                                 PermissionError("no entry"), OSError("no reason")],
                         ids=lambda e: type(e).__name__)
def test_an_os_error_without_a_reason_keeps_its_subclass(exc):
    # no strerror (one argument): it became a plain OSError, its subclass lost
    from summarizer.errors import os_error_saying

    said = os_error_saying(exc, " (at cluster 'c1')", "/ignored")
    assert type(said) is type(exc) and str(said) == f"{exc} (at cluster 'c1')"
    assert (said.errno, said.strerror, said.filename) == (None, None, None)


def test_an_os_error_with_a_reason_keeps_its_class_errno_and_paths():
    import errno as errnos

    from summarizer.errors import os_error_saying

    class Gone(FileNotFoundError):  # a subclass of a caller's: OSError(errno) gave its parent
        pass

    exc = Gone(errnos.ENOENT, "No such file or directory", "/a", None, "/b")
    said = os_error_saying(exc, "; 3 clusters saved")
    assert type(said) is Gone and said.errno == errnos.ENOENT
    assert str(said) == "[Errno 2] No such file or directory; 3 clusters saved: '/a' -> '/b'"
    assert os_error_saying(exc, "", "/tmp").filename == "/tmp"


class _Coded(SummarizerError):
    """A user's error whose own __str__ reads its code, not its message."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(code, reason)
        self.code = code

    def __str__(self) -> str:
        return f"E{self.args[0]}: {self.args[1]}"


class _ListGone(FileNotFoundError):
    """An OSError of a user's, its own __init__ and a __str__ that reads an attribute."""

    def __init__(self, *args: object, language: str = "") -> None:
        super().__init__(*args)
        self.language = language

    def __str__(self) -> str:
        return f"the {self.language} word list is gone"


@pytest.mark.parametrize("exc, said", [
    (_Coded(7, "no model"), "E7: no model (at cluster 'c1')"),
    (_ListGone("x", language="el"), "the el word list is gone (at cluster 'c1')"),
    (_ListGone(2, "No such file or directory", "/w/el.txt", language="el"),
     "[Errno 2] No such file or directory (at cluster 'c1'): '/w/el.txt'"),
], ids=["own __str__", "OSError, no reason", "OSError, errno"])
def test_with_message_says_the_message_of_a_class_with_its_own_str(exc, said):
    # the message given was lost: str() read the class's own __str__, which does not
    # read it, so the copy said what exc said (the cluster, the where, a saved note gone)
    import pickle

    from summarizer.errors import os_error_saying, with_message

    new = (os_error_saying(exc, " (at cluster 'c1')") if isinstance(exc, OSError)
           else with_message(exc, f"{exc} (at cluster 'c1')"))
    assert str(new) == said and isinstance(new, type(exc))
    assert type(new).__name__ == type(exc).__name__ and vars(new) == vars(exc)
    if isinstance(exc, OSError):
        assert (new.errno, new.filename) == (exc.errno, exc.filename)
    again = pickle.loads(pickle.dumps(new))  # it travels as it is (Ray, multiprocessing)
    assert type(again) is type(new) and str(again) == said and vars(again) == vars(exc)
    if isinstance(exc, OSError):
        assert (again.errno, again.filename) == (exc.errno, exc.filename)
    assert str(exc).startswith(("E7", "the el")) and type(exc) in (_Coded, _ListGone)


def test_with_message_keeps_the_very_class_where_its_str_says_the_message():
    from summarizer.errors import UnknownMethodError, with_message

    for exc in (UnknownMethodError("no such method"), KeyError("k"), ValueError("v")):
        new = with_message(exc, "new words")
        assert type(new) is type(exc) and "new words" in str(new)


@pytest.mark.parametrize("exc", [
    UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte"),
    UnicodeEncodeError("ascii", "a\xe9", 1, 2, "ordinal not in range(128)"),
    UnicodeTranslateError("abc", 0, 1, "no mapping"),
], ids=["decode", "encode", "translate"])
def test_with_message_keeps_a_unicode_errors_fields(exc):
    # the copy's codec, data, span and reason were unset (None, 0): slots, not in its
    # __dict__ nor its arguments, so code reading exc.start or exc.object read nothing
    import pickle

    from summarizer.errors import with_message

    fields = ("encoding", "object", "start", "end", "reason")
    message = f"data.jsonl:3: {exc}"
    for new in (with_message(exc, message), pickle.loads(pickle.dumps(with_message(exc, message)))):
        assert isinstance(new, type(exc)) and type(new).__name__ == type(exc).__name__
        assert str(new) == message
        assert [getattr(new, f) for f in fields] == [getattr(exc, f) for f in fields]


def test_a_json_stream_error_pickles_and_copies_with_its_line():
    # made again from its one message alone: __init__() missing 'lineno'
    import copy
    import pickle

    from summarizer.evaluation.jsonstream import JSONStreamError

    exc = JSONStreamError("Expecting value", 5)
    for again in (pickle.loads(pickle.dumps(exc)), copy.copy(exc), copy.deepcopy(exc)):
        assert type(again) is JSONStreamError and str(again) == "Expecting value at line 5"
        assert (again.msg, again.lineno) == ("Expecting value", 5)
