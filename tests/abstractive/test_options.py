"""AbstractiveOptions: flat keywords into three validated parts, checked before any loading."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import BudgetError, InputError, OptionError, UnknownMethodError
from summarizer.summarizers import accepted_options, check_options, get_summarizer
from summarizer.summarizers.abstractive import (
    AbstractiveOptions,
    AbstractiveSummarizer,
    GenerationSettings,
    StrategyOptions,
)


def test_keywords_go_to_their_part():
    o = AbstractiveOptions.from_keywords(model="m", num_beams=3, overlap=2, max_rounds=3,
                                         guard="off", strategy=None)
    assert (o.model, o.strategy, o.guard) == ("m", "map-reduce", "off")
    assert o.generation == GenerationSettings(num_beams=3)
    assert o.chunking == StrategyOptions(overlap=2, max_rounds=3)
    assert AbstractiveSummarizer(o).settings() == AbstractiveSummarizer(
        model="m", num_beams=3, overlap=2, max_rounds=3, guard="off").settings()
    o = AbstractiveOptions.from_keywords(strategy="extract-then-abstract", extractor="lead")
    assert o.chunking == StrategyOptions(extractor="lead")


@pytest.mark.parametrize("given, refused", [
    (dict(overlap=2, strategy="direct"), "overlap is for strategy 'map-reduce'"),
    (dict(max_rounds=2, strategy="extract-then-abstract"), "max_rounds is for strategy"),
    (dict(cross_documents=False, strategy="direct"), "cross_documents is for strategy"),
    (dict(extractor="lead"), "extractor is for strategy 'extract-then-abstract'; strategy "
                             "'map-reduce' does not read it"),
    (dict(temperature=0.7), "temperature shape sampling, which is off"),
    (dict(top_p=0.9, temperature=0.7, do_sample=False), "temperature and top_p shape"),
    (dict(seed=5), "seed shape sampling, which is off"),  # greedy: the same text any seed
    (dict(guard="off", guard_embeddings=False), "guard_embeddings is for the faithfulness"),
    (dict(num_beams=1, length_penalty=2.0), "with num_beams 1 .greedy search or sampling. it "
                                            "would not be used"),
])
def test_an_option_nothing_reads_is_refused(given, refused):
    # each was taken and changed nothing: a chunking option of another strategy, sampling
    # settings of greedy or beam search, the guard's embeddings with the guard off
    with pytest.raises(OptionError, match=refused):
        AbstractiveOptions.from_keywords(**given)
    with pytest.raises(OptionError, match=refused):  # the CLI's check, before any model
        check_options("abstractive", given)
    # where the option is read, it is taken
    wanted = {"overlap": {"strategy": "map-reduce"}, "max_rounds": {"strategy": "map-reduce"},
              "cross_documents": {"strategy": "map-reduce"},
              "extractor": {"strategy": "extract-then-abstract"},
              "temperature": {"do_sample": True}, "top_p": {"do_sample": True},
              "seed": {"do_sample": True},
              "guard_embeddings": {"guard": "flag"}, "length_penalty": {"num_beams": 2}}
    AbstractiveOptions.from_keywords(**{**given, **wanted[next(k for k in given if k in wanted)]})


def test_every_keyword_is_accepted_and_listed():
    names = AbstractiveOptions.keywords()
    assert {"model", "strategy", "device", "dtype", "num_beams", "max_new_tokens", "seed",
            "batch_size", "overlap", "cross_documents", "max_rounds", "extractor", "prompt",
            "progress", "guard", "guard_embeddings"} <= names
    assert accepted_options("abstractive") == names


@pytest.mark.parametrize("bad, error", [
    (dict(strategy="nope"), UnknownMethodError), (dict(num_beams=0), InputError),
    (dict(max_rounds=0), InputError), (dict(overlap=-1), InputError),
    (dict(max_new_tokens=0), BudgetError), (dict(prompt="no slot"), InputError),
    (dict(guard="maybe"), UnknownMethodError), (dict(beams=4), OptionError),
])
def test_bad_options_fail_at_construction(bad, error):
    with pytest.raises(error):
        AbstractiveSummarizer(model="no/such-model", **bad)
    with pytest.raises((error, OptionError)):  # get_summarizer names value errors as options
        get_summarizer("abstractive", model="no/such-model", **bad)


def test_options_object_or_keywords_not_both():
    with pytest.raises(InputError):
        AbstractiveSummarizer(AbstractiveOptions(), num_beams=2)


def test_weights_written_again_change_the_settings_a_run_resumes_with(tiny_models, tmp_path,
                                                                      seed_text):
    # the name alone was the model's identity: a batch or evaluate run resumed after the
    # folder's weights changed (trained further, another snapshot) mixed both models'
    # summaries silently
    import json
    import shutil

    import torch
    from transformers import BartForConditionalGeneration

    from summarizer.batch import summarize_dataset
    from summarizer.errors import RunMismatchError

    folder = tmp_path / "model"
    shutil.copytree(tiny_models["bart"], folder)
    options = dict(model=str(folder), num_beams=1, no_repeat_ngram_size=0, device="cpu",
                   max_new_tokens=8)
    before = AbstractiveSummarizer(**options).settings()
    assert before["model_files"] == AbstractiveSummarizer(**options).settings()["model_files"]
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [seed_text.split("\n")[0]]}) + "\n")
    summarize_dataset(data, tmp_path / "out", "abstractive", words=10, progress=False,
                      **options)
    model = BartForConditionalGeneration.from_pretrained(folder)
    with torch.no_grad():
        model.model.shared.weight.mul_(2.0)
    model.save_pretrained(folder)
    assert AbstractiveSummarizer(**options).settings()["model_files"] != before["model_files"]
    with pytest.raises(RunMismatchError):
        summarize_dataset(data, tmp_path / "out", "abstractive", words=10, progress=False,
                          **options)
    assert AbstractiveSummarizer(model="not/cached-anywhere").settings()["model_files"] is None


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_a_hub_model_fetched_by_the_first_run_keeps_its_model_files(command, tmp_path,
                                                                    monkeypatch):
    # model_files was taken before the model was checked (evaluate: never checked before
    # its first summary), so the first run of a hub id not cached yet recorded None and,
    # once the model had been downloaded, its resumption recorded the revision: refused
    # as other settings (RunMismatchError)
    import huggingface_hub.constants

    from summarizer.batch.job import _method_settings
    from summarizer.documents.model import Cluster, Document
    from summarizer.evaluation.run import plan_run
    from summarizer.summarizers.abstractive import summarizer as abstractive

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    repo = tmp_path / "hub" / "models--org--fresh"

    def fetch_config(self):  # what check_model does online: config.json into the cache
        (repo / "snapshots" / "abc123").mkdir(parents=True, exist_ok=True)
        (repo / "snapshots" / "abc123" / "config.json").write_text("{}")
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text("abc123")

    monkeypatch.setattr(abstractive.AbstractiveSummarizer, "check_model", fetch_config)
    options = {"model": "org/fresh"}
    if command == "batch":
        settings = _method_settings("abstractive", options)[1]
    else:
        cluster = Cluster(documents=[Document(id="d", text="A flood came. It rained.")],
                          id="c", references=["A flood came."])
        settings = plan_run([cluster], "abstractive", out=tmp_path / "run",
                            **options).settings.system_settings
    assert settings["model_files"] == "revision abc123"


def test_model_files_are_taken_once_and_new_weights_are_loaded(tiny_models, tmp_path, seed_text,
                                                              monkeypatch):
    # settings() walked the model folder (rglob, a stat per file) at every summary; and a
    # summariser made after the weights were written again summarised with the copy in
    # memory while its settings named the new files
    import shutil

    import torch
    from transformers import BartForConditionalGeneration

    from summarizer import Budget
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.abstractive import summarizer as abstractive

    folder = tmp_path / "model"
    shutil.copytree(tiny_models["bart"], folder)
    walks = []
    monkeypatch.setattr(abstractive, "model_files",
                        lambda name: walks.append(name) or f"walk {len(walks)}")
    options = dict(model=str(folder), num_beams=1, no_repeat_ngram_size=0, device="cpu",
                   max_new_tokens=8, guard="off")
    s = AbstractiveSummarizer(**options)
    cluster = Cluster(documents=[Document(text=seed_text.split("\n")[0], id="d")], id="c")
    outs = [s.summarize(cluster, Budget(words=10)) for _ in range(3)]
    assert len(walks) == 1 and {o.settings["model_files"] for o in outs} == {"walk 1"}
    first = s.load()
    model = BartForConditionalGeneration.from_pretrained(folder)
    with torch.no_grad():
        model.model.shared.weight.mul_(2.0)
    model.save_pretrained(folder)
    again = AbstractiveSummarizer(**options)
    assert again.settings()["model_files"] == "walk 2"
    assert again.load() is not first
    assert torch.equal(again.load().model.model.shared.weight, model.model.shared.weight)
    assert s.load() is first  # the first summariser keeps the model its settings name


def test_a_length_penalty_where_the_model_decodes_with_one_beam_is_refused(tiny_models, tmp_path):
    # num_beams not given: the model's generation config decides, and an instruct model with
    # none decodes greedily, where length_penalty weighs nothing (transformers takes it);
    # known once that config is read: evaluate and batch ask before any work (check_model),
    # a summary when its model loads, before it generates
    from helpers import error_line, run_cli

    from summarizer.documents import make_document
    from summarizer.documents.model import Cluster
    from summarizer.evaluation import evaluate

    llama, bart = str(tiny_models["llama"]), str(tiny_models["bart"])
    one_beam = "num_beams is not given, and this model decodes with 1"
    system = get_summarizer("abstractive", model=llama, length_penalty=2.0)  # not known yet
    with pytest.raises(OptionError, match=one_beam):
        system.check_model()
    text = "Floods closed roads in the north on Monday. Schools stayed shut. Power was cut."
    cluster = Cluster(documents=[make_document(text, id="d0")], id="c0",
                      references=["Floods closed roads."])
    with pytest.raises(OptionError, match=one_beam):
        system.summarize(cluster, __import__("summarizer.summarizers.budget",
                                             fromlist=["Budget"]).Budget(words=10))
    with pytest.raises(OptionError, match=one_beam):
        evaluate([cluster], "abstractive", out=tmp_path / "run", words=10, progress=False,
                 model=llama, length_penalty=2.0)
    assert not (tmp_path / "run").exists()
    code, out, err = run_cli(["summarize", "seeds/", "--method", "abstractive", "--model",
                              llama, "--option", "length_penalty=2", "--words", "10"])
    assert code == 2 and out == "" and one_beam in error_line(err), err
    # beams asked for, or a seq2seq model (4 beams by default): it weighs them, and is taken
    get_summarizer("abstractive", model=llama, num_beams=2, length_penalty=2.0).check_model()
    get_summarizer("abstractive", model=bart, length_penalty=2.0).check_model()



def test_a_hub_generation_config_not_cached_leaves_length_penalty_to_the_load(
        tiny_models, tmp_path, monkeypatch):
    # the check before any work read config.json where a hub id's generation_config.json
    # was not cached yet (check_model fetches config.json alone): an instruct model whose
    # hub generation config sets beams was refused up front, which its load would take.
    # Not known here: left to the load's check; known absent (the cache says so): refused
    import huggingface_hub.constants
    from transformers import AutoConfig

    from summarizer.summarizers.abstractive import loading
    from summarizer.summarizers.abstractive import summarizer as abstractive

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    config = AutoConfig.from_pretrained(str(tiny_models["llama"]))  # no beams set
    monkeypatch.setattr(loading, "_from_pretrained", lambda *_, **__: config)
    monkeypatch.setattr(abstractive, "check_model",  # config.json cached, as check_model
                        lambda name: loading.CheckedModel(name, False, config))  # reads it
    system = get_summarizer("abstractive", model="org/tiny-llama", length_penalty=2.0)
    assert loading.decoding_config("org/tiny-llama") is None
    system.check_model()  # not refused: the hub's generation config may set beams
    repo = tmp_path / "hub" / "models--org--tiny-llama"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("abc123")
    (repo / ".no_exist" / "abc123").mkdir(parents=True)
    (repo / ".no_exist" / "abc123" / "generation_config.json").touch()
    assert loading.decoding_config("org/tiny-llama") is not None
    with pytest.raises(OptionError, match="num_beams is not given, and this model decodes "
                                          "with 1"):
        system.check_model()


def test_check_model_reads_the_model_once_where_its_beams_decide(tiny_models, monkeypatch):
    # a length_penalty without num_beams: check_model read the folder and config.json, then
    # decoding_config read both again to know the model's beams
    from transformers import AutoConfig

    from summarizer.summarizers.abstractive import loading

    reads = {"resolve": 0, "config": 0}
    resolve, from_pretrained = loading.resolve, loading._from_pretrained

    def counted_resolve(name):
        reads["resolve"] += 1
        return resolve(name)

    def counted_from_pretrained(loader, *args, **kw):
        reads["config"] += loader is AutoConfig
        return from_pretrained(loader, *args, **kw)

    monkeypatch.setattr(loading, "resolve", counted_resolve)
    monkeypatch.setattr(loading, "_from_pretrained", counted_from_pretrained)
    bart = str(tiny_models["bart"])
    get_summarizer("abstractive", model=bart, length_penalty=2.0).check_model()
    assert reads == {"resolve": 1, "config": 1}
    with pytest.raises(OptionError, match="num_beams is not given"):  # still refused
        get_summarizer("abstractive", model=str(tiny_models["llama"]),
                       length_penalty=2.0).check_model()


@pytest.mark.parametrize("given, message", [
    (dict(max_new_tokens=10**9), r"^max_new_tokens must be from 1 to 131,072 \(no model "
                                 r"generates more tokens in one call\), got 1000000000$"),
    (dict(max_new_tokens=131_073), r"^max_new_tokens must be from 1 to 131,072 .* got 131073$"),
    (dict(min_new_tokens=10**9), r"^min_new_tokens must be from 0 to 131,072 .* got 1000000000$"),
    (dict(device="gpu9"),
     r"^device \(--device\) must be one of auto, cpu, cuda, cuda:N or mps, got 'gpu9'$"),
    (dict(device="CUDA"), r"^device \(--device\) must be one of .* got 'CUDA'$"),
    (dict(device="cuda:"), r"^device \(--device\) must be one of .* got 'cuda:'$"),
    (dict(device="tpu"), r"^device \(--device\) must be one of .* got 'tpu'$"),
    (dict(dtype="float99"), r"^unknown dtype 'float99'; use auto, float32, bfloat16, float16 "
                            r"\(or another of float32, float, float64, double, float16, half, "
                            r"bfloat16\) or int8-dynamic$"),
    (dict(dtype="int8"), r"^unknown dtype 'int8'"),  # torch's, but no model generates in it
    (dict(dtype="Float32"), r"^unknown dtype 'Float32'"),
])
def test_an_absurd_length_or_a_device_no_torch_names_is_refused_when_built(given, message):
    # each was taken and refused only once the model had loaded (max_new_tokens: "needs
    # about 1000000000 new tokens, but smollm2 can generate at most 8192")
    for build in (lambda: get_summarizer("abstractive", **given),
                  lambda: AbstractiveSummarizer(**given),
                  lambda: check_options("abstractive", given)):
        with pytest.raises(OptionError, match=message):
            build()


def test_the_largest_lengths_and_every_device_form_are_taken():
    AbstractiveOptions.from_keywords(max_new_tokens=131_072, min_new_tokens=131_072)
    for device in ("auto", "cpu", "cuda", "cuda:0", "cuda:12", "mps", "cpu:0"):
        assert AbstractiveOptions.from_keywords(device=device).device == device
    assert AbstractiveOptions.from_keywords(device=None).device == "auto"  # the default
    for dtype in ("auto", "int8-dynamic", "float32", "float", "float64", "double", "float16",
                  "half", "bfloat16"):
        assert AbstractiveOptions.from_keywords(dtype=dtype).dtype == dtype


def test_the_dtypes_taken_are_torch_s_floating_point_ones():
    """What the check made when built takes by name (FLOAT_DTYPES, without importing torch)
    is what pick_dtype loads a model in: each a floating-point torch dtype."""
    import torch

    from summarizer.summarizers.abstractive.loading import FLOAT_DTYPES, pick_dtype

    for name in FLOAT_DTYPES:
        assert isinstance(getattr(torch, name), torch.dtype)
        assert getattr(torch, name).is_floating_point, name
        assert pick_dtype(name, "cpu") == name


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(alphabet="acdumpsx:0129 -A", min_size=1, max_size=8),
                 st.sampled_from(["cpu", "cuda", "mps", "auto", "meta", "xpu", "hip"]).flatmap(
                     lambda t: st.sampled_from([t, f"{t}:0", f"{t}:7", f"{t}:-1", f"{t}:x"]))))
def test_a_device_is_taken_when_built_exactly_as_torch_names_one_of_pick_devices(device):
    """The check made when built reads torch's spelling (without importing it) of the
    devices pick_device takes: what it takes, torch parses as a cpu, cuda or mps device,
    and what it refuses would have been refused at load."""
    import torch

    try:
        parsed = torch.device(device)
        torch_takes = parsed.type in ("cpu", "cuda", "mps")
    except (RuntimeError, TypeError, ValueError):
        torch_takes = False
    try:
        AbstractiveOptions.from_keywords(device=device)
        taken = True
    except OptionError as exc:
        assert str(exc).startswith("device (--device) must be one of auto, cpu, cuda, "
                                   "cuda:N or mps, got "), exc
        taken = False
    assert taken == (device == "auto" or torch_takes), device


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-2**63, max_value=2**63 - 1))
def test_max_new_tokens_is_bounded_whatever_the_number(number):
    """Memory stays bounded whatever number is typed: a summariser is built only with a
    max_new_tokens no model could exceed, and every other is a typed error when built."""
    try:
        o = AbstractiveOptions.from_keywords(max_new_tokens=number)
    except (OptionError, BudgetError) as exc:
        assert not 1 <= number <= 131_072
        assert f"got {number}" in str(exc)
        return
    assert 1 <= o.generation.max_new_tokens <= 131_072


@pytest.mark.parametrize("flags, message", [
    (["--device", "gpu9"], "device (--device) must be one of auto, cpu, cuda, cuda:N or mps, "
                           "got 'gpu9'"),
    (["--option", "device=gpu9"], "device (--device) must be one of auto, cpu, cuda, cuda:N"),
    (["--option", "max_new_tokens=1000000000"], "max_new_tokens must be from 1 to 131,072"),
    (["--option", "dtype=float99"], "unknown dtype 'float99'; use auto, float32"),
])
@pytest.mark.parametrize("command", ["summarize", "batch", "evaluate"])
def test_the_cli_refuses_them_in_one_line_before_a_model_loads(command, flags, message,
                                                              tmp_path, monkeypatch):
    from helpers import error_line, run_cli, write_jsonl

    from summarizer.summarizers.abstractive import summarizer as module

    def no_load(*args, **kwargs):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr(module, "load_model", no_load)
    monkeypatch.setattr(module, "check_model", no_load)
    data = write_jsonl(tmp_path / "data.jsonl", [
        {"id": "c0", "documents": ["The river rose on Sunday. Families left."],
         "summary": "The river rose."}])
    where = [str(data)] if command == "summarize" else [str(data), "--out",
                                                         str(tmp_path / "out")]
    code, out, err = run_cli([command, *where, "--method", "abstractive", "--words", "10",
                              *flags])
    assert code == 2 and out == "", err
    assert message in error_line(err)
    assert not (tmp_path / "out").exists()
