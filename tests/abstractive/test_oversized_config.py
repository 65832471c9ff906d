"""A model folder whose config.json sizes would make far more parameters than its weights
hold, or than the machine's memory, is refused before the model is built (vocab_size 10**9
with the embeddings missing from the weights tried to allocate 128 GB; 20,000 layers built
for minutes), in one line; and a size that does not match the weights is said in one line,
without transformers' "LOAD REPORT" table on stderr before it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.errors import ModelNotFoundError
from summarizer.summarizers.abstractive import load_model
from summarizer.summarizers.abstractive.loading import config_parameters


def _changed(model: Path, folder: Path, **values: object) -> Path:
    shutil.copytree(model, folder)
    data = json.loads((folder / "config.json").read_text())
    data.update(values)
    (folder / "config.json").write_text(json.dumps(data))
    return folder


@pytest.mark.parametrize(("values", "said"), [
    ({"encoder_layers": 20_000}, "far more than its weight files hold"),
    ({"vocab_size": 10**9}, "more than this machine's"),
    ({"d_model": 10**6}, "more than this machine's"),
])
def test_sizes_past_the_weights_or_the_memory_are_refused_before_building(
        tiny_models, tmp_path, values, said):
    folder = _changed(tiny_models["bart"], tmp_path / "m", **values)
    with pytest.raises(ModelNotFoundError, match=said):
        load_model(str(folder), device="cpu")


def test_a_size_that_is_not_the_weights_is_one_line(tiny_models, tmp_path, seed_text):
    folder = _changed(tiny_models["bart"], tmp_path / "m", vocab_size=700)
    (tmp_path / "s.txt").write_text(seed_text, encoding="utf-8")
    code, _, err = run_cli(["summarize", str(tmp_path / "s.txt"), "--method", "abstractive",
                            "--model", str(folder), "--device", "cpu", "--no-progress"])
    assert code == 2 and "tensor shapes do not match config.json" in error_line(err)
    assert "LOAD REPORT" not in err and "\x1b" not in err


def test_the_sound_models_pass_and_their_estimate_is_near_their_size(tiny_models):
    from transformers import AutoConfig

    for name in ("bart", "llama"):
        folder = tiny_models[name]
        estimate = config_parameters(AutoConfig.from_pretrained(folder))
        loaded = load_model(str(folder), device="cpu")
        real = sum(p.numel() for p in loaded.model.parameters())
        assert estimate is not None and real / 3 < estimate < real * 3, (name, estimate, real)
