"""A damaged cached conversion of a GGUF file (smollm2's) is converted again, with a
warning: it was refused at every load ("cannot load model ...") and never made again,
though the cache is this package's, not the user's (converted.damage)."""

from __future__ import annotations

import json
import struct
import warnings
from pathlib import Path

import pytest

from summarizer.summarizers.abstractive import loading
from summarizer.summarizers.abstractive.converted import MANIFEST, damage


@pytest.fixture
def converting(tmp_path, monkeypatch) -> list[str]:
    """A fake conversion (20 s for the real one) writing a config, a tokenizer and a
    safetensors file of one tensor; returns the GGUF files it converted, in order."""
    import numpy as np
    from abstractive_helpers import fake_conversion
    from safetensors.numpy import save_file

    def save(folder: Path, converted: list[str]) -> None:
        if not (folder / "config.json").exists():  # the model's
            (folder / "config.json").write_text(json.dumps({"model_type": "llama"}))
            save_file({"w": np.zeros(64, dtype=np.float32)}, folder / "model.safetensors")
        else:  # the tokenizer's
            (folder / "tokenizer.json").write_text(json.dumps({"added_tokens": []}))

    converted = fake_conversion(monkeypatch, save)
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    return converted


def gguf(tmp_path: Path) -> Path:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF" + bytes(range(256)) * 16)
    return path


def cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


def garbage(path: Path) -> None:
    path.write_text("{not json")


DAMAGES = [  # (file, damage, what the warning says)
    ("model.safetensors", cut, "model.safetensors is"),
    ("model.safetensors", Path.unlink, "model.safetensors is missing"),
    ("config.json", Path.unlink, "config.json is missing"),
    ("tokenizer.json", garbage, "tokenizer.json is 9 bytes"),
    (MANIFEST, garbage, f"{MANIFEST} cannot be read"),
]


@pytest.mark.parametrize("fname, spoil, said", DAMAGES)
def test_a_damaged_conversion_is_made_again_and_said(tmp_path, converting, fname, spoil,
                                                      said):
    source = gguf(tmp_path)
    first = loading.convert_gguf(source, "model")
    once = len(converting)
    assert loading.convert_gguf(source, "model") == first and len(converting) == once
    spoil(first / fname)
    with pytest.warns(UserWarning, match=r"the cached conversion of model.gguf .* is damaged "
                                         rf"\({said}.*\); converting it again"):
        again = loading.convert_gguf(source, "model")
    assert again == first and len(converting) == 2 * once and damage(again) is None
    # nothing left beside it (the damaged copy set aside was removed)
    assert sorted(p.name for p in first.parent.iterdir()) == sorted(["model.lock", first.name])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert loading.convert_gguf(source, "model") == first  # whole: taken as it is


def test_a_conversion_from_before_the_manifest_is_checked_for_what_it_holds(tmp_path,
                                                                            converting):
    source = gguf(tmp_path)
    first = loading.convert_gguf(source, "model")
    (first / MANIFEST).unlink()  # converted by an earlier version
    assert damage(first) is None and loading.convert_gguf(source, "model") == first
    weights = first / "model.safetensors"
    data = weights.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    weights.write_bytes(data[:8 + length] + data[8 + length:][:-4])  # cut short
    assert damage(first) == ("model.safetensors: it holds 252 bytes of tensors, its "
                             "header 256")
    with pytest.warns(UserWarning, match="is damaged"):
        assert loading.convert_gguf(source, "model") == first
    assert damage(first) is None and (first / MANIFEST).exists()
    (first / "tokenizer.json").unlink()
    (first / MANIFEST).unlink()
    assert damage(first) == "it holds no tokenizer.json or tokenizer_config.json"


def test_a_damaged_conversion_of_the_same_file_under_another_name_is_not_taken(tmp_path,
                                                                                converting):
    source = gguf(tmp_path)
    first = loading.convert_gguf(source, "model")
    (first / "config.json").unlink()
    renamed = source.rename(tmp_path / "other.gguf")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # its own name's: nothing damaged to say
        other = loading.convert_gguf(renamed, "other")
    assert other != first and damage(other) is None


@pytest.mark.parametrize(("terminal", "switch", "drawn"), [
    (False, None, False), (True, "0", False), (True, None, True)])
def test_the_conversions_tensor_bar_stays_out_of_a_log(tmp_path, monkeypatch, converting,
                                                      terminal, switch, drawn):
    # transformers' bar over the GGUF tensors (a plain tqdm no switch of its own turns
    # off) redrew itself into a log on a cold cache; where a stage's bar would not be drawn
    # it is off now, and on a terminal it stays
    import io
    import sys

    import transformers
    import transformers.modeling_gguf_pytorch_utils as reading

    class Reading(transformers.AutoModelForCausalLM):  # the fake, reading as transformers does
        @classmethod
        def from_pretrained(cls, folder, gguf_file, **kwargs):
            for _ in reading.tqdm(range(3), desc="Converting and de-quantizing GGUF tensors"):
                pass
            return super().from_pretrained(folder, gguf_file, **kwargs)

    class Err(io.StringIO):
        def isatty(self):
            return terminal

    monkeypatch.setattr(transformers, "AutoModelForCausalLM", Reading)
    if switch is None:
        monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZER_PROGRESS", switch)
    made = reading.tqdm
    monkeypatch.setattr(sys, "stderr", err := Err())
    loading.convert_gguf(gguf(tmp_path), "model")
    monkeypatch.undo()
    assert ("Converting and de-quantizing" in err.getvalue()) is drawn, err.getvalue()
    assert reading.tqdm is made  # put back


def test_a_conversion_reads_the_gguf_file_alone_and_is_readable_by_others(tmp_path,
                                                                         monkeypatch):
    # a tokenizer.json beside the GGUF was taken over the file's own tokenizer, and the
    # conversion, cached under the file's bytes, served every later load of those bytes;
    # and the converted folder was private (0o700), taken as damaged by another user
    import os

    import transformers
    from abstractive_helpers import fake_conversion

    seen: list[list[str]] = []

    def save(folder: Path, converted: list[str]) -> None:
        (folder / "config.json").write_text(json.dumps({"model_type": "llama"}))

    fake_conversion(monkeypatch, save)
    fake = transformers.AutoTokenizer
    original = fake.from_pretrained.__func__

    def looking(cls, folder, gguf_file, **kwargs):
        seen.append(sorted(os.listdir(folder)))
        return original(cls, folder, gguf_file, **kwargs)

    monkeypatch.setattr(fake, "from_pretrained", classmethod(looking))
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(loading, "damage", lambda folder: None)
    source = gguf(tmp_path)
    (tmp_path / "tokenizer.json").write_text("{}")
    (tmp_path / "config.json").write_text("{}")
    made = loading.convert_gguf(source, "model")
    assert seen and all(listed == ["model.gguf"] for listed in seen)
    mask = os.umask(0)
    os.umask(mask)
    assert made.stat().st_mode & 0o777 == 0o777 & ~mask


@pytest.mark.parametrize("failure", ["read-only", "full", "safetensors"])
def test_a_cache_that_cannot_take_the_conversion_is_said_of_the_cache(tmp_path, monkeypatch,
                                                                      failure):
    # a read-only HOME was "model.gguf: not a usable GGUF model ...; reinstall it" (exit 2),
    # and a full disk safetensors' SafetensorError, an internal error (exit 70)
    import errno

    from abstractive_helpers import fake_conversion
    from safetensors import SafetensorError

    def save(folder: Path, converted: list[str]) -> None:
        if failure == "safetensors":
            raise SafetensorError("Error while serializing: I/O error: No space left on device")
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "model.safetensors"))

    fake_conversion(monkeypatch, save)
    cache = tmp_path / "cache"
    monkeypatch.setenv("SUMMARIZER_CACHE", str(cache))
    if failure == "read-only":
        def refuse(*args, **kwargs):
            raise OSError(errno.EROFS, "Read-only file system", str(cache))

        monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(loading.CacheUnwritable) as caught:
        loading._converted(gguf(tmp_path), "model", "; reinstall it")
    said = str(caught.value)
    assert caught.value.filename == str(cache / "models") and "reinstall" not in said
    assert "cannot keep the converted model there" in said and "SUMMARIZER_CACHE" in said
    monkeypatch.undo()
    assert not (cache / "models").exists() or not [
        p for p in (cache / "models").iterdir() if p.suffix != ".lock"]  # nothing half-kept


@pytest.mark.parametrize(("terminal", "drawn"), [(False, False), (True, True)])
def test_the_conversions_writing_bar_stays_out_of_a_log(tmp_path, monkeypatch, terminal, drawn):
    # transformers' "Writing model shards" bar, drawn by save_pretrained, stayed on with
    # --no-progress and redrew itself into a log
    import io
    import sys

    from abstractive_helpers import fake_conversion
    from transformers.utils import logging as hf_logging

    def save(folder: Path, converted: list[str]) -> None:
        for _ in hf_logging.tqdm(range(3), desc="Writing model shards"):
            pass
        (folder / "config.json").write_text(json.dumps({"model_type": "llama"}))

    class Err(io.StringIO):
        def isatty(self):
            return terminal

    fake_conversion(monkeypatch, save)
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    monkeypatch.setattr(sys, "stderr", err := Err())
    loading.convert_gguf(gguf(tmp_path), "model")
    monkeypatch.undo()
    assert ("Writing model shards" in err.getvalue()) is drawn, err.getvalue()
    assert hf_logging.is_progress_bar_enabled()  # put back
