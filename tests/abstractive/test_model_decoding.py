"""A checkpoint's generation config changes no summary unrecorded (model_decoding).

generate reads every value a call does not pass from the model's generation config: a
repetition_penalty, encoder_no_repeat_ngram_size, forced_eos_token_id or sequence_bias
changed greedy and beam search output and was recorded nowhere; guidance_scale and max_time
were applied too, group beam search, contrastive search or token healing failed raw inside
generate, and a checkpoint's min_new_tokens overrode the budget's lengths.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from summarizer import summarize
from summarizer.errors import OptionError
from summarizer.summarizers.abstractive import GenerationSettings, Generator, load_model
from summarizer.summarizers.abstractive.model_decoding import RECORDED, TOKEN_IDS

TEXT = ("The council met on Monday. It voted to build a new bridge over the river. "
        "Work on the bridge starts next year, the mayor said. ") * 3


def shipping(model: Path, folder: Path, **values: object) -> Path:
    """A copy of ``model`` whose generation_config.json also says ``values`` (None: the key
    removed)."""
    shutil.copytree(model, folder)
    path = folder / "generation_config.json"
    data = json.loads(path.read_text())
    data.update(values)
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}))
    return folder


# (model, options, the value shipped): each changes the tiny model's text here
APPLIED = [
    ("bart", {}, {"repetition_penalty": 1.5}),
    ("bart", {}, {"forced_eos_token_id": 10}),
    ("bart", {}, {"sequence_bias": [[[10], 5.0]]}),
    ("llama", {"num_beams": 1, "no_repeat_ngram_size": 0}, {"encoder_no_repeat_ngram_size": 2}),
    ("llama", {"do_sample": True}, {"repetition_penalty": 1.5}),  # rows sampled apart
]


@pytest.mark.parametrize("key, options, shipped", APPLIED)
def test_a_checkpoints_decoding_value_is_applied_and_recorded(tiny_models, tmp_path, key,
                                                              options, shipped):
    model = shipping(tiny_models[key], tmp_path / "model", **shipped)
    got = summarize(TEXT, method="abstractive", words=20, model=str(model), device="cpu",
                    **options)
    plain = summarize(TEXT, method="abstractive", words=20, model=str(tiny_models[key]),
                      device="cpu", **options)
    assert got.text != plain.text  # generate applies it
    for name, value in shipped.items():
        assert got.settings[name] == value
        assert name not in plain.settings
    # the tiny models ship suppress_tokens (their special tokens), recorded as well
    assert got.settings["suppress_tokens"] == plain.settings["suppress_tokens"]


# GenerationSettings.to_dict's keys before any checkpoint value was recorded (top_k: sampled
# runs only): a run whose checkpoint sets none keeps its settings, and so resumes
KEYS = {"num_beams", "max_new_tokens", "min_new_tokens", "length_penalty",
        "no_repeat_ngram_size", "do_sample", "temperature", "top_p", "seed", "batch_size"}


def test_a_checkpoint_that_sets_none_keeps_its_settings(tiny_models, tmp_path):
    from transformers import GenerationConfig

    from summarizer.batch import summarize_dataset
    from summarizer.summarizers import get_summarizer

    assert set(GenerationSettings().to_dict()) == KEYS
    assert set(GenerationSettings().resolved(GenerationConfig(), causal=False).to_dict()) == KEYS
    assert set(GenerationSettings(do_sample=True).resolved(GenerationConfig(), causal=True)
               .to_dict()) == KEYS | {"top_k"}
    # no option of that name: a keyword users could give
    with pytest.raises(OptionError, match="model_values"):
        get_summarizer("abstractive", model_values={})
    bare = shipping(tiny_models["bart"], tmp_path / "bare", suppress_tokens=None)
    options = {"num_beams": 1, "no_repeat_ngram_size": 0, "device": "cpu"}
    settings = summarize(TEXT, method="abstractive", words=20, model=str(bare),
                         **options).settings
    assert not set(settings) & {*RECORDED, "generation_config_replaced"}
    # the job's settings (what resumption compares) do not read the checkpoint's values,
    # and a job over it resumes
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": f"r{i}", "text": TEXT[i * 20:]}) + "\n"
                            for i in range(2)))
    first = summarize_dataset(rows, tmp_path / "job", "abstractive", words=15, model=str(bare), progress=False,
                              **options)
    assert first.done == 2 and first.failed_count == 0
    manifest = json.loads((tmp_path / "job" / "manifest.json").read_text())
    assert not set(manifest["settings"]["system_settings"]) & set(RECORDED)
    again = summarize_dataset(rows, tmp_path / "job", "abstractive", words=15, model=str(bare), progress=False,
                              **options)
    assert again.done == 0 and again.skipped == 2
    assert again.settings_fingerprint == first.settings_fingerprint


# (value shipped, what the error names); each was applied unrecorded or failed raw
REFUSED = [
    ({"num_beams": 4, "num_beam_groups": 2, "diversity_penalty": 0.5},
     "num_beam_groups 2: group beam search"),
    ({"penalty_alpha": 0.6, "top_k": 4}, "penalty_alpha 0.6: contrastive search"),
    ({"dola_layers": "high"}, "dola_layers 'high': DoLa"),
    ({"force_words_ids": [[10]]}, "force_words_ids [[10]]: constrained beam search"),
    ({"guidance_scale": 2.0}, "guidance_scale 2.0: classifier-free guidance"),
    ({"max_time": 5.0}, "max_time 5.0: a stop after so many seconds"),
    ({"token_healing": True}, "token_healing True: token healing"),
    ({"prompt_lookup_num_tokens": 3}, "prompt_lookup_num_tokens 3: assisted decoding"),
    ({"use_mtp": True}, "use_mtp True: assisted decoding"),
]


@pytest.mark.parametrize("shipped, said", REFUSED)
def test_a_checkpoints_decoding_this_package_does_not_run_is_refused(tiny_models, tmp_path,
                                                                     shipped, said):
    model = shipping(tiny_models["llama"], tmp_path / "model", **shipped)
    with pytest.raises(OptionError, match=f"generation config sets {re.escape(said)}.*remove "):
        summarize(TEXT, method="abstractive", words=20, model=str(model), device="cpu",
                  num_beams=1, no_repeat_ngram_size=0)


def test_a_refused_value_is_one_line_before_any_work(tiny_models, tmp_path):
    from helpers import error_line, run_cli

    from summarizer.documents.model import Cluster, Document
    from summarizer.evaluation import evaluate

    model = str(shipping(tiny_models["bart"], tmp_path / "model", max_time=5.0))
    cluster = Cluster(documents=[Document(id="d", text=TEXT)], id="c", references=["A bridge."])
    with pytest.raises(OptionError, match="sets max_time 5.0"):  # check_model, before the
        evaluate([cluster], "abstractive", out=tmp_path / "run", words=10, progress=False,
                 model=model)  # folder is made
    assert not (tmp_path / "run").exists()
    source = tmp_path / "in.txt"
    source.write_text(TEXT)
    code, out, err = run_cli(["summarize", str(source), "--method", "abstractive", "--model",
                              model, "--words", "10"])
    assert code == 2 and out == "" and "sets max_time 5.0" in error_line(err)


@pytest.mark.parametrize("shipped", [{"return_dict_in_generate": True},
                                     {"output_scores": True, "output_attentions": True},
                                     {"low_memory": True}])
def test_a_checkpoints_output_form_changes_nothing(tiny_models, tmp_path, shipped):
    # return_dict_in_generate made generate return a dict (a raw KeyError), low_memory is
    # a mode transformers refuses (a raw ValueError); every call passes its own
    model = shipping(tiny_models["bart"], tmp_path / "model", **shipped)
    got = summarize(TEXT, method="abstractive", words=20, model=str(model), device="cpu")
    plain = summarize(TEXT, method="abstractive", words=20, model=str(tiny_models["bart"]),
                      device="cpu")
    assert got.text == plain.text and got.text.strip()


def test_a_checkpoints_min_new_tokens_does_not_set_the_length(tiny_models, tmp_path):
    # lengths come from the budget and the min_new_tokens option, as min_length's do: a
    # checkpoint's min_new_tokens 5 held the end off and made 10 tokens where its
    # model ends at once (its end token left free)
    ends = shipping(tiny_models["bart"], tmp_path / "ends", suppress_tokens=[0, 1, 3, 4])
    held = shipping(ends, tmp_path / "held", min_new_tokens=5)
    texts = ["The council met on Monday.", "It voted to build a bridge."]

    def new_tokens(model: Path, **settings: object) -> list[int]:
        gen = Generator(load_model(str(model), "cpu", "auto"),
                        GenerationSettings(num_beams=1, no_repeat_ngram_size=0, **settings))
        return [g.new_tokens for g in gen.generate(texts, max_new_tokens=10)]

    assert new_tokens(held) == new_tokens(ends) == [0, 0]
    # the option still holds the end off
    gen = Generator(load_model(str(ends), "cpu", "auto"),
                    GenerationSettings(num_beams=1, no_repeat_ngram_size=0))
    assert all(g.new_tokens >= 5 for g in gen.generate(texts, max_new_tokens=10,
                                                        min_new_tokens=5))


def test_the_special_token_ids_generate_uses_are_recorded(tiny_models, tmp_path):
    # where a sequence ends (eos), what a seq2seq decoder starts from (decoder_start) and
    # what fills a finished row (pad) change the text, and were recorded nowhere: two
    # checkpoints that differed only there gave summaries whose settings looked the same
    from transformers import AutoTokenizer

    options = {"num_beams": 1, "no_repeat_ngram_size": 0, "device": "cpu"}

    def run(model: Path) -> object:
        return summarize(TEXT, method="abstractive", words=20, model=str(model), **options)

    bart = run(tiny_models["bart"])
    assert bart.text.strip()
    assert {name: bart.settings[name] for name in TOKEN_IDS} == {
        "eos_token_id": 2, "pad_token_id": 1, "bos_token_id": 0, "decoder_start_token_id": 2}
    started = run(shipping(tiny_models["bart"], tmp_path / "start", decoder_start_token_id=0))
    assert started.text != bart.text and started.settings["decoder_start_token_id"] == 0
    written = AutoTokenizer.from_pretrained(str(tiny_models["bart"]))(bart.text)["input_ids"]
    ends = [2, *sorted(set(written) - {0, 2})]  # a token it writes ends it now
    early = run(shipping(tiny_models["bart"], tmp_path / "ends", eos_token_id=ends))
    assert early.text != bart.text and early.settings["eos_token_id"] == ends
    # a causal model has no decoder start; its tokenizer's pad (it has none: its eos) is
    # what every call passes, and is recorded in place of the generation config's
    llama = run(shipping(tiny_models["llama"], tmp_path / "llama", pad_token_id=0))
    assert {name: llama.settings.get(name) for name in TOKEN_IDS} == {
        "eos_token_id": 2, "pad_token_id": 2, "bos_token_id": 1, "decoder_start_token_id": None}


# (model, options, the cache a checkpoint ships): each failed raw inside generate, or gave
# other text, where the call took the checkpoint's cache beside its own
CACHES = [
    ("bart", {}, {"cache_implementation": "static"}),  # 4 beams: "passing both ..."
    ("t5", {"num_beams": 2}, {"cache_implementation": "static", "max_cache_len": 64}),
    ("bart", {"do_sample": True}, {"cache_implementation": "offloaded"}),  # beam sampling
    ("bart", {"num_beams": 1}, {"cache_implementation": "offloaded"}),  # needs CUDA
    ("llama", {"num_beams": 1}, {"cache_implementation": "quantized"}),  # optimum-quanto
    ("bart", {}, {"use_cache": False}),  # a raw IndexError
    ("t5", {"num_beams": 2}, {"use_cache": False}),  # other text
]


@pytest.mark.parametrize("key, options, shipped", CACHES)
def test_a_checkpoints_cache_changes_nothing(tiny_models, tmp_path, key, options, shipped):
    model = shipping(tiny_models[key], tmp_path / "model", **shipped)
    got = summarize(TEXT, method="abstractive", words=20, model=str(model), device="cpu",
                    no_repeat_ngram_size=0, **options)
    plain = summarize(TEXT, method="abstractive", words=20, model=str(tiny_models[key]),
                      device="cpu", no_repeat_ngram_size=0, **options)
    assert got.text == plain.text
    assert got.text.strip() or key == "llama"  # the tiny Llama may end at once
    assert not set(got.settings) & set(shipped)  # how the cache is held is not recorded


def test_a_generation_config_built_from_config_json_is_said(tiny_models, tmp_path,
                                                            monkeypatch):
    # a model folder without generation_config.json, and a hub model read offline whose
    # weights are cached but whose generation_config.json never was, were read with the
    # generation config transformers builds from config.json (a log line only): the
    # summary's settings gave decoding values that looked like the checkpoint's, and nothing
    # said where they came from. generation_config_from says it, and why; absent where the
    # file was read (the hub's cached one too), so those settings are as before
    from abstractive_helpers import FAST, hub_cache_of
    from huggingface_hub import constants

    bart = tiny_models["bart"]
    folder = tmp_path / "folder"
    shutil.copytree(bart, folder, ignore=shutil.ignore_patterns("generation_config.json"))
    hub = tmp_path / "hub"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(hub))
    hub_cache_of(bart, hub, "org/generation-cached")
    hub_cache_of(bart, hub, "org/generation-absent", known_absent=("generation_config.json",))
    hub_cache_of(bart, hub, "org/generation-not-cached", left_out=("generation_config.json",))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def settings(model: str) -> dict:
        return summarize(TEXT, method="abstractive", words=20, model=model, **FAST).settings

    for model in (str(bart), "org/generation-cached"):
        read = settings(model)
        assert "generation_config_from" not in read
        assert read["suppress_tokens"]  # the file's (abstractive_helpers.save)
    for model, why in [
        (str(folder), "the model folder has no generation_config.json"),
        ("org/generation-absent", "the hub has no generation_config.json for this model"),
        ("org/generation-not-cached", "its generation_config.json is not in the local cache: "
                                      "offline, or the hub did not answer; the hub's may set "
                                      "other decoding values"),
    ]:
        built = settings(model)
        assert built["generation_config_from"] == f"config.json ({why})", model
        assert "suppress_tokens" not in built  # what the file says was not read


@pytest.mark.parametrize("command", ["batch", "evaluate"])
def test_a_run_whose_generation_config_source_changed_is_refused_on_resume(
        tiny_models, tmp_path, monkeypatch, command):
    # generation_config_from was in each summary's settings only, not in those a batch or
    # evaluate run is checked and resumed with: a hub model read offline without its
    # generation_config.json (built from config.json), resumed once the file had been
    # fetched (same snapshot, so the same model_files), decoded the rest with the file's
    # values and mixed both silently. check_model now records it, and a change is refused
    # as another generation setting is (RunMismatchError)
    from abstractive_helpers import FAST, hub_cache_of
    from huggingface_hub import constants

    from summarizer.batch import summarize_dataset
    from summarizer.documents.model import Cluster, Document
    from summarizer.errors import RunMismatchError
    from summarizer.evaluation import evaluate

    bart = tiny_models["bart"]
    hub = tmp_path / "hub"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(hub))
    snapshot = hub_cache_of(bart, hub, "org/fetched-later", left_out=("generation_config.json",))
    hub_cache_of(bart, hub, "org/cached")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    first = TEXT.split(". ")[0] + "."
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [TEXT]}) + "\n")
    clusters = [Cluster([Document(TEXT, id="d")], id="a", references=[first])]

    def run(model: str, folder: str) -> dict:
        """The system settings the run's folder holds."""
        options = dict(model=model, max_new_tokens=8, guard="off", **FAST)
        if command == "batch":
            summarize_dataset(data, tmp_path / folder, "abstractive", words=10,
                              progress=False, **options)
            stored = json.loads((tmp_path / folder / "manifest.json").read_text())
        else:
            evaluate(clusters, "abstractive", out=tmp_path / folder, words=10,
                     progress=False, **options)
            stored = json.loads((tmp_path / folder / "run.json").read_text())
        return stored["settings"]["system_settings"]

    built = run("org/fetched-later", "built")
    assert built["generation_config_from"].startswith(
        "config.json (its generation_config.json is not in the local cache")
    shutil.copy(bart / "generation_config.json", snapshot)  # as a run online fetches it
    with pytest.raises(RunMismatchError, match="generation_config_from"):
        run("org/fetched-later", "built")
    assert "generation_config_from" not in run("org/fetched-later", "read")
    assert "generation_config_from" not in run("org/cached", "cached")
    run("org/cached", "cached")  # the same source resumes


def test_a_summary_says_where_its_own_load_read_the_generation_config(tiny_models, tmp_path,
                                                                       monkeypatch):
    # the run's settings say what check_model found; a summary says what its load found (a
    # Ray worker's cache, or the file fetched between the check and the load)
    from abstractive_helpers import FAST, hub_cache_of
    from huggingface_hub import constants

    from summarizer import Budget
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.abstractive import AbstractiveSummarizer

    bart = tiny_models["bart"]
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    snapshot = hub_cache_of(bart, tmp_path / "hub", "org/fetched-after-check",
                            left_out=("generation_config.json",))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    system = AbstractiveSummarizer(model="org/fetched-after-check", max_new_tokens=8,
                                   guard="off", **FAST)
    system.check_model()
    assert "not in the local cache" in system.settings()["generation_config_from"]
    shutil.copy(bart / "generation_config.json", snapshot)
    got = system.summarize(Cluster([Document(TEXT, id="d")], id="c"), Budget(words=10))
    assert "generation_config_from" not in got.settings
    assert got.settings["suppress_tokens"]  # the file's, read by the load


def test_a_new_summariser_loads_the_model_again_once_its_generation_config_is_fetched(
        tiny_models, tmp_path, monkeypatch):
    # load_model was cached by name, device, dtype and model_files only: a hub model loaded
    # offline without its generation_config.json (built from config.json) was handed, in
    # the same process, to a summariser made after the file was fetched into the same
    # snapshot (model_files unchanged), whose run settings said the file was read while
    # its summaries decoded with config.json's values
    from abstractive_helpers import FAST, hub_cache_of
    from huggingface_hub import constants

    from summarizer import Budget
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.abstractive import AbstractiveSummarizer

    bart = tiny_models["bart"]
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    snapshot = hub_cache_of(bart, tmp_path / "hub", "org/fetched-for-the-next",
                            left_out=("generation_config.json",))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cluster = Cluster([Document(TEXT, id="d")], id="c")

    def summariser() -> AbstractiveSummarizer:
        system = AbstractiveSummarizer(model="org/fetched-for-the-next", max_new_tokens=8,
                                       guard="off", **FAST)
        system.check_model()
        return system

    first = summariser()
    built = first.summarize(cluster, Budget(words=10))
    assert "not in the local cache" in built.settings["generation_config_from"]
    assert "suppress_tokens" not in built.settings
    shutil.copy(bart / "generation_config.json", snapshot)  # as a run online fetches it
    second = summariser()
    assert "generation_config_from" not in second.settings()  # the run's: the file is read
    got = second.summarize(cluster, Budget(words=10))
    assert "generation_config_from" not in got.settings  # the summary's agree
    assert got.settings["suppress_tokens"]  # the file's, read by a load of its own
    assert second.load() is not first.load()
    assert first.summarize(cluster, Budget(words=10)).settings["generation_config_from"] == (
        built.settings["generation_config_from"])  # the first keeps its own model
