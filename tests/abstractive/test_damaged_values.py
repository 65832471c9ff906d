"""A value of the wrong type in a model's files (which transformers meets as a TypeError,
AttributeError or IndexError from deep inside) is a ModelNotFoundError naming the file and
the value; the same error where every value is of its kind (perhaps a bug) says so, and passes
through with SUMMARIZER_DEBUG set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.errors import ModelNotFoundError
from summarizer.runtime import model_loading_errors
from summarizer.summarizers.abstractive import load_model


def damaged(model: Path, folder: Path, fname: str, key: str, value: object) -> Path:
    """A copy of ``model`` whose ``fname`` (made where the model has none) says
    ``key: value``."""
    shutil.copytree(model, folder)
    data = json.loads((folder / fname).read_text()) if (folder / fname).exists() else {}
    data[key] = value
    (folder / fname).write_text(json.dumps(data))
    return folder


# (model, file, key, value, what the message says); each raised TypeError (AttributeError,
# IndexError) inside from_pretrained (generation_config.json's: refused before, below)
CASES = [
    ("bart", "config.json", "d_model", None, "'d_model' is null, not an integer"),
    ("bart", "config.json", "model_type", [1], "'model_type' is [1], not a string"),
    ("llama", "config.json", "dtype", "abc", "'dtype' is \"abc\", not a torch dtype"),
    ("bart", "config.json", "id2label", "abc", "'id2label' is \"abc\", not an object"),
    ("bart", "tokenizer_config.json", "bos_token", 2.5, "'bos_token' is 2.5, not a token"),
    ("llama", "tokenizer_config.json", "tokenizer_class", [1],
     "'tokenizer_class' is [1], not a string"),
    # an older tokenizer's file: its TypeError was exit 70 once TypeError was no longer
    # "cannot load" by itself
    ("bart", "special_tokens_map.json", "eos_token", 5, "'eos_token' is 5, not a token"),
    ("bart", "tokenizer_config.json", "added_tokens_decoder", "abc",  # was exit 70 too
     "'added_tokens_decoder' is \"abc\", not an object"),
    ("bart", "tokenizer_config.json", "added_tokens_decoder", {"5": "abc"},
     "'added_tokens_decoder' is {\"5\": \"abc\"}, not an object of AddedToken objects"),
    ("bart", "tokenizer_config.json", "model_input_names", 5,
     "'model_input_names' is 5, not a list"),
    ("bart", "tokenizer_config.json", "extra_special_tokens", "abc",
     "'extra_special_tokens' is \"abc\", not a list or an object of tokens"),
    # no key of the config's to_dict, an attribute of a fresh one: was "this is a bug"
    ("bart", "config.json", "num_labels", "x", "'num_labels' is \"x\", not an integer"),
]


@pytest.mark.parametrize("key, fname, field, value, said", CASES)
def test_a_value_of_the_wrong_type_is_named(tiny_models, tmp_path, key, fname, field, value,
                                            said):
    folder = damaged(tiny_models[key], tmp_path / key, fname, field, value)
    with pytest.raises(ModelNotFoundError, match="cannot load model") as caught:
        load_model(str(folder), "cpu", "auto")
    assert f"{fname}: {said}" in str(caught.value)
    assert isinstance(caught.value.__cause__, TypeError | AttributeError | IndexError)


@pytest.mark.parametrize("field, value, said", [
    ("eos_token_id", "abc", "'eos_token_id' is \"abc\", not a token id or a list of them"),
    ("decoder_start_token_id", "abc", "'decoder_start_token_id' is \"abc\", not a token id"),
    ("pad_token_id", 2.5, "'pad_token_id' is 2.5, not a token id"),
    ("pad_token_id", [1], "'pad_token_id' is [1], not a token id"),  # TypeError in loading
    ("suppress_tokens", True, "'suppress_tokens' is true, not a list of token ids"),  # too
    ("suppress_tokens", "abc", "'suppress_tokens' is \"abc\", not a list of token ids"),
    # each taken at load, then a ValueError, TypeError or KeyError inside generate (exit 70),
    # or an id outside the vocabulary suppressed nothing, silently; the tiny BART has 600
    ("bad_words_ids", "abc", "'bad_words_ids' is \"abc\", not a non-empty list of lists of "
     "token ids under config.json's vocab_size (600)"),
    ("bad_words_ids", [[1, "a"]], "'bad_words_ids' is [[1, \"a\"]], not a non-empty list"),
    ("bad_words_ids", [5], "'bad_words_ids' is [5], not a non-empty list of lists"),
    ("bad_words_ids", [], "'bad_words_ids' is [], not a non-empty list"),
    ("bad_words_ids", [[600]], "'bad_words_ids' is [[600]], not a non-empty list of lists of "
     "token ids under config.json's vocab_size (600)"),
    ("suppress_tokens", [600], "'suppress_tokens' is [600], not a list of token ids under "
     "config.json's vocab_size (600)"),
    ("suppress_tokens", [-1], "'suppress_tokens' is [-1], not a list of token ids"),
    ("begin_suppress_tokens", [99999], "'begin_suppress_tokens' is [99999], not a list of "
     "token ids"),
    # the other settings, each of the kind of transformers' default for generate
    ("max_time", "x", "'max_time' is \"x\", not a number"),
    ("typical_p", "x", "'typical_p' is \"x\", not a number"),
    ("encoder_no_repeat_ngram_size", "x", "'encoder_no_repeat_ngram_size' is \"x\", not an "
     "integer"),
    ("return_dict_in_generate", "x", "'return_dict_in_generate' is \"x\", not true or false"),
    ("exponential_decay_length_penalty", "x", "'exponential_decay_length_penalty' is \"x\", "
     "not a pair [start index, decay factor]"),
    ("sequence_bias", "x", "'sequence_bias' is \"x\", not a list or an object"),
    # of their kind but out of generate's range: a ZeroDivisionError, an OverflowError,
    # transformers' ValueError inside generate (exit 70), or every byte of the machine
    ("num_beams", 0, "'num_beams' is 0, not a count of 1 or more"),
    ("length_penalty", 1e308, "'length_penalty' is 1e+308, not a number from -10 to 10"),
    ("repetition_penalty", 0, "'repetition_penalty' is 0, not a number above 0"),
    ("encoder_repetition_penalty", -1.0, "'encoder_repetition_penalty' is -1.0, not a number "
     "above 0"),
    ("encoder_no_repeat_ngram_size", 10**9, "'encoder_no_repeat_ngram_size' is 1000000000, not "
     "an n-gram size from 0 to 64"),
])
def test_generation_values_of_the_wrong_kind_are_refused_at_load(tiny_models, tmp_path, field,
                                                                 value, said):
    # transformers loaded them: generate() then failed (exit 70, "invalid data type 'str'")
    # or, for a pad_token_id of 2.5, generated noise and exit 0
    from summarizer.summarizers.abstractive.loading import check_model

    folder = damaged(tiny_models["bart"], tmp_path / "bart", "generation_config.json", field,
                     value)
    for load in (check_model, lambda name: load_model(name, "cpu", "auto")):
        with pytest.raises(ModelNotFoundError, match="cannot load model") as caught:
            load(str(folder))
        assert f"generation_config.json: {said}" in str(caught.value)


# Generation files as models ship them (BART CNN, Llama 3.1, Qwen2.5, Whisper, Gemma 2 and
# settings of others), with config.json's vocab_size: unusual kinds a check must take.
SOUND_GENERATION = [
    (50264, {"bos_token_id": 0, "decoder_start_token_id": 2, "early_stopping": True,
             "eos_token_id": 2, "forced_bos_token_id": 0, "forced_eos_token_id": 2,
             "length_penalty": 2.0, "max_length": 142, "min_length": 56,
             "no_repeat_ngram_size": 3, "num_beams": 4, "pad_token_id": 1,
             "_from_model_config": True, "transformers_version": "4.27.0.dev0"}),
    (128256, {"bos_token_id": 128000, "do_sample": True, "temperature": 0.6, "top_p": 0.9,
              "eos_token_id": [128001, 128008, 128009], "transformers_version": "4.42.3"}),
    (151936, {"bos_token_id": 151643, "pad_token_id": 151643, "do_sample": True,
              "eos_token_id": [151645, 151643], "repetition_penalty": 1.1, "temperature": 0.7,
              "top_p": 0.8, "top_k": 20}),
    (51865, {"begin_suppress_tokens": [220, 50257], "bos_token_id": 50257,
             "decoder_start_token_id": 50258, "eos_token_id": 50257,
             "forced_decoder_ids": [[1, None], [2, 50359]], "is_multilingual": True,
             "lang_to_id": {"<|en|>": 50259}, "max_initial_timestamp_index": 50,
             "max_length": 448, "suppress_tokens": [1, 2, 7, 8, 9, 50362],
             "alignment_heads": [[5, 3], [6, 1]], "return_timestamps": False}),
    (256000, {"cache_implementation": "hybrid", "bos_token_id": 2, "eos_token_id": [1, 107],
              "pad_token_id": 0}),
    (32000, {"early_stopping": "never", "max_new_tokens": 256, "min_new_tokens": 1,
             "temperature": 1, "length_penalty": -1, "typical_p": 0.95, "max_time": 30,
             "bad_words_ids": [[5], [6, 7], []], "exponential_decay_length_penalty": [10, 1.5],
             "sequence_bias": [[[5], -1.0]], "stop_strings": ["\n\n"], "pad_token_id": -1}),
]


@pytest.mark.parametrize("vocab, settings", SOUND_GENERATION)
def test_generation_files_as_models_ship_them_are_taken(tmp_path, vocab, settings):
    from summarizer.model_values import wrong_value

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "llama",
                                                      "vocab_size": vocab}))
    (tmp_path / "generation_config.json").write_text(json.dumps(settings))
    assert wrong_value(str(tmp_path), ("generation_config.json",)) is None


def test_a_wrong_value_from_the_command_line_is_one_line(tiny_models, tmp_path):
    folder = damaged(tiny_models["bart"], tmp_path / "bart", "config.json", "d_model", None)
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget.", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(article), "--words", "10", "--method",
                            "abstractive", "--model", str(folder), "--device", "cpu"])
    assert code == 2 and "'d_model' is null" in error_line(err)


@pytest.mark.parametrize("error", [TypeError, AttributeError, IndexError])
def test_the_same_error_from_a_sound_folder_is_said_to_be_a_possible_bug(tiny_models, error,
                                                                         monkeypatch):
    # every value of the folder is of its kind: the error may be transformers' (or ours), so
    # the one-line error says so and keeps it as the cause; with SUMMARIZER_DEBUG it passes
    monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    with pytest.raises(ModelNotFoundError, match=rf"{error.__name__}: a bug .*this is a bug; "
                       "set SUMMARIZER_DEBUG=1") as caught, \
            model_loading_errors(str(tiny_models["llama"])):
        raise error("a bug")
    assert isinstance(caught.value.__cause__, error)
    monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    with pytest.raises(error, match="a bug"), model_loading_errors(str(tiny_models["llama"])):
        raise error("a bug")


def test_sound_folders_hold_no_wrong_value(tiny_models):
    # LED's attention_window is a list where its default is one width, T5 has no position
    # table, Llama a chat template: kinds a check must not call wrong
    from summarizer.model_values import wrong_value

    assert {key: wrong_value(str(path)) for key, path in tiny_models.items()} == dict.fromkeys(
        tiny_models)


def test_a_bug_inside_from_pretrained_is_not_cannot_load(tiny_models, tmp_path, monkeypatch):
    from transformers import AutoModelForSeq2SeqLM

    def broken(*args, **kwargs):
        raise TypeError("unsupported operand type(s): a bug in the loader")

    monkeypatch.setattr(AutoModelForSeq2SeqLM, "from_pretrained", broken)
    folder = shutil.copytree(tiny_models["bart"], tmp_path / "bart")  # not cached yet
    monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    with pytest.raises(ModelNotFoundError, match="a bug in the loader .*this is a bug"):
        load_model(str(folder), "cpu", "auto")
    monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    with pytest.raises(TypeError, match="a bug in the loader"):
        load_model(str(folder), "cpu", "auto")


def test_the_sentence_encoder_names_a_wrong_value_too(tmp_path):
    from summarizer import summarize

    folder = tmp_path / "encoder"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": {"bert": 1}}))
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\n")
    with pytest.raises(ModelNotFoundError,
                       match="sentence encoder .*config.json: 'model_type' is {\"bert\": 1}"):
        summarize("The council met on Monday. It approved the budget.", words=10,
                  encoder=str(folder))


def test_a_hub_id_is_read_from_the_local_cache(tmp_path, monkeypatch):
    from huggingface_hub import constants

    from summarizer.model_values import wrong_value

    repo = tmp_path / "hub" / "models--nobody--damaged"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("0" * 40)
    (repo / "snapshots" / ("0" * 40)).mkdir(parents=True)
    config = repo / "snapshots" / ("0" * 40) / "config.json"
    config.write_text(json.dumps({"model_type": "bart", "d_model": None}))
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    assert wrong_value("nobody/damaged") == "config.json: 'd_model' is null, not an integer"
    config.write_text(json.dumps({"model_type": "bart", "d_model": 16}))
    assert wrong_value("nobody/damaged") is None
    assert wrong_value("nobody/not-cached") is None


def test_null_generation_values_are_not_set_not_wrong(tiny_models, tmp_path):
    # null is transformers' own default for every generation setting ("max_new_tokens":
    # null is "no bound"), so a file holding it is sound: read at every load, it refused
    # the model ("'max_new_tokens' is null, not an integer")
    from summarizer.summarizers.abstractive.loading import check_model

    folder = shutil.copytree(tiny_models["bart"], tmp_path / "bart")
    path = folder / "generation_config.json"
    data = json.loads(path.read_text())
    data.update(max_new_tokens=None, top_k=None, do_sample=None, temperature=None)
    path.write_text(json.dumps(data))
    check_model(str(folder))
    loaded = load_model(str(folder), "cpu", "auto")
    assert loaded.model.generation_config.max_new_tokens is None


def _unpack(*args, **kwargs):
    first, second = [args]  # a ValueError Python raises: a bug, not the folder
    return first, second


def _lookup(*args, **kwargs):
    return {}["missing"]  # a KeyError Python raises


@pytest.mark.parametrize("bug, error", [(_unpack, ValueError), (_lookup, KeyError)])
def test_a_value_or_key_error_from_a_bug_is_not_a_damaged_model(tiny_models, tmp_path,
                                                                 monkeypatch, bug, error):
    # every ValueError and KeyError was "cannot load model" with no word of a bug, as if the
    # folder were damaged; only a library's own raise says so of the files
    from transformers import AutoModelForSeq2SeqLM

    monkeypatch.setattr(AutoModelForSeq2SeqLM, "from_pretrained", bug)
    folder = shutil.copytree(tiny_models["bart"], tmp_path / "bart")  # not cached yet
    monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    with pytest.raises(ModelNotFoundError, match=rf"{error.__name__}: .*this is a bug") as caught:
        load_model(str(folder), "cpu", "auto")
    assert isinstance(caught.value.__cause__, error)
    monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    with pytest.raises(error):
        load_model(str(folder), "cpu", "auto")


# (model, file, what the file becomes, what the error says): transformers' own ValueError
# (KeyError, JSON error, a bare Exception from tokenizers) of a damaged folder
DAMAGED = [
    ("bart", "config.json", {"model_type": "nosuch"}, "model type `nosuch`"),
    ("bart", "config.json", {"model_type": None}, "Should have a `model_type` key"),
    ("bart", "config.json", {"model_type": "bert"}, "Unrecognized configuration class"),
    ("llama", "tokenizer.json", "{", "Expecting property name"),
    # Python's own ValueError or KeyError inside transformers, named where found
    ("bart", "config.json", {"id2label": {"a": "b"}},
     "config.json: 'id2label' is {\"a\": \"b\"}, not an object keyed by class numbers"),
    ("bart", "tokenizer.json", {"added_tokens": None}, "tokenizer.json: no 'added_tokens'"),
    # transformers' RuntimeError for weights of other shapes than config.json's, and a bare
    # Exception from the tokenizers library: each went through as a crash (exit 70)
    ("bart", "config.json", {"vocab_size": 700}, "tensor shapes do not match config.json"),
    # torch's RuntimeError for a negative size: an internal error (exit 70), now named
    ("llama", "config.json", {"intermediate_size": -1},
     "config.json: 'intermediate_size' is -1, not a count of 1 or more"),
    ("bart", "tokenizer.json", {"model": 5}, "tokenizer.json: 'model' is 5, not an object"),
]


@pytest.mark.parametrize("key, fname, change, said", DAMAGED)
def test_a_damaged_folder_is_cannot_load_not_a_bug(tiny_models, tmp_path, key, fname, change,
                                                   said):
    folder = shutil.copytree(tiny_models[key], tmp_path / key)
    if isinstance(change, str):
        (folder / fname).write_text(change)
    else:
        data = json.loads((folder / fname).read_text())
        data.update(change)
        (folder / fname).write_text(json.dumps({k: v for k, v in data.items() if v is not None}))
    with pytest.raises(ModelNotFoundError, match="cannot load model") as caught:
        load_model(str(folder), "cpu", "auto")
    assert said in str(caught.value) and "bug" not in str(caught.value)


@pytest.mark.parametrize("damage, said", [
    (lambda b: b[: len(b) // 2], "tokenizer.json: not valid JSON (Expecting "),
    (lambda b: b"\x80" + b, "tokenizer.json: not valid JSON ("),
])
def test_a_tokenizer_json_that_is_no_json_is_named(tiny_models, tmp_path, damage, said):
    # the JSON error named no file: "cannot load model ...: Expecting value: line 820 column 8"
    folder = shutil.copytree(tiny_models["bart"], tmp_path / "bart")
    path = folder / "tokenizer.json"
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ModelNotFoundError, match="cannot load model") as caught:
        load_model(str(folder), "cpu", "auto")
    assert said in str(caught.value) and "bug" not in str(caught.value)


@pytest.mark.parametrize("key, field, value", [
    ("llama", "num_hidden_layers", -1), ("llama", "num_hidden_layers", 0),
    ("llama", "hidden_size", 0), ("llama", "intermediate_size", -1),
    ("llama", "num_attention_heads", 0),  # was transformers' ZeroDivisionError, "a bug"
    ("llama", "vocab_size", 0),  # was an AssertionError, "a bug"
    ("bart", "encoder_layers", 0), ("bart", "decoder_layers", -2), ("bart", "d_model", 0),
    ("t5", "num_layers", 0), ("t5", "num_decoder_layers", -1), ("t5", "d_kv", 0),
])
def test_a_count_of_the_architecture_below_one_is_cannot_load(tiny_models, tmp_path, key,
                                                              field, value):
    # "num_hidden_layers": -1 (or 0, or a width of 0) loaded as a model of no layers and
    # generated noise, exit 0; a count of heads or of the vocabulary of 0 said "this is a bug"
    from summarizer.summarizers.abstractive.loading import check_model

    folder = damaged(tiny_models[key], tmp_path / key, "config.json", field, value)
    said = f"config.json: '{field}' is {value}, not a count of 1 or more"
    for load in (check_model, lambda name: load_model(name, "cpu", "auto")):
        with pytest.raises(ModelNotFoundError, match="cannot load model") as caught:
            load(str(folder))
        assert said in str(caught.value) and "bug" not in str(caught.value)
    article = tmp_path / "article.txt"
    article.write_text("The storm hit the coast on Monday. Thousands of homes lost power.")
    code, _, err = run_cli(["summarize", str(article), "--method", "abstractive", "--model",
                            str(folder)])
    assert code == 2 and said in error_line(err)


def test_the_machines_want_of_memory_is_not_cannot_load(tiny_models, tmp_path, monkeypatch):
    import torch
    from transformers import AutoModelForCausalLM

    def out_of_memory(*args, **kwargs):
        raise torch.OutOfMemoryError("CUDA out of memory")

    monkeypatch.setattr(AutoModelForCausalLM, "from_pretrained", out_of_memory)
    folder = shutil.copytree(tiny_models["llama"], tmp_path / "llama")
    with pytest.raises(torch.OutOfMemoryError):
        load_model(str(folder), "cpu", "auto")


@pytest.mark.parametrize("field, value, first", [
    ("decoder_layers", 2, "'model.decoder.layers.1."),  # a layer the weights do not hold
    ("is_encoder_decoder", False, "'lm_head.weight'"),  # the seq2seq weights read as causal
])
def test_weights_lacking_tensors_of_the_config_are_refused(tiny_models, tmp_path, field, value,
                                                           first):
    # transformers filled the missing tensors with random numbers (a log line only) and the
    # model generated noise under exit 0
    folder = damaged(tiny_models["bart"], tmp_path / "bart", "config.json", field, value)
    with pytest.raises(ModelNotFoundError, match="its weights lack .* random numbers") as caught:
        load_model(str(folder), "cpu", "auto")
    assert first in str(caught.value)


def test_a_pegasus_checkpoint_without_its_sinusoidal_positions_loads(tiny_models, tmp_path):
    # PEGASUS checkpoints (google/pegasus-multi_news ...) hold no embed_positions: the
    # table is computed when the model is made, so it is missing but no random number
    import torch
    from safetensors.torch import load_file, save_file
    from transformers import PegasusConfig, PegasusForConditionalGeneration

    folder = shutil.copytree(tiny_models["bart"], tmp_path / "pegasus")  # its tokenizer
    vocab = json.loads((folder / "config.json").read_text())["vocab_size"]
    torch.manual_seed(0)
    cfg = PegasusConfig(vocab_size=vocab, d_model=32, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2,
                        encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=256,
                        pad_token_id=1, eos_token_id=2, decoder_start_token_id=1)
    for name in ("model.safetensors", "config.json", "generation_config.json"):
        (folder / name).unlink(missing_ok=True)
    PegasusForConditionalGeneration(cfg).save_pretrained(folder)
    weights = load_file(folder / "model.safetensors")
    assert any("embed_positions" in k for k in weights)  # saved by this transformers
    save_file({k: v for k, v in weights.items() if "embed_positions" not in k},
              folder / "model.safetensors", metadata={"format": "pt"})
    lm = load_model(str(folder), "cpu", "auto")
    assert lm.family.name == "pegasus"
    # with a learned tensor gone too, it is refused, naming that one (another folder: a
    # folder once loaded is not read again)
    other = shutil.copytree(folder, tmp_path / "pegasus-damaged")
    weights = load_file(other / "model.safetensors")
    del weights["model.decoder.layers.0.fc1.weight"]
    save_file(weights, other / "model.safetensors", metadata={"format": "pt"})
    with pytest.raises(ModelNotFoundError, match=r"lack 1 tensor\(s\) .*'model.decoder.layers.0"):
        load_model(str(other), "cpu", "auto")


def test_a_tokenizer_without_pad_and_eos_tokens_is_refused(tiny_models, tmp_path):
    # every call pads its inputs with the pad token, else the end-of-sequence one: with
    # neither, tok.pad's ValueError was an internal error (exit 70) at the first summary
    folder = shutil.copytree(tiny_models["bart"], tmp_path / "bart")
    settings = json.loads((folder / "tokenizer_config.json").read_text())
    del settings["pad_token"], settings["eos_token"]
    (folder / "tokenizer_config.json").write_text(json.dumps(settings))
    with pytest.raises(ModelNotFoundError, match="neither a pad token nor an end-of-sequence"):
        load_model(str(folder), "cpu", "auto")
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget.", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(article), "--words", "10", "--method",
                            "abstractive", "--model", str(folder), "--device", "cpu"])
    assert code == 2 and "neither a pad token" in error_line(err)
