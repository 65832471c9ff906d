"""Session 37's bad-input hunt: model folders whose weights are a pickle, and the ROUGE-1.5.5
data files. Each test here fails without its fix."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.errors import ModelNotFoundError

REPO = Path(__file__).resolve().parents[2]
_REFUSED = "its weights file is a pickle that torch's safe loader refuses"


class _Planted:
    """Unpickled, writes the file ``MARKER`` names: what a hostile checkpoint runs."""

    def __reduce__(self):
        return (exec, ("import os, pathlib; pathlib.Path(os.environ['MARKER'])"
                       ".write_text('the pickle ran')",))


def _pickled_model(root: Path, model_type: str) -> Path:
    """A tiny BERT (an encoder) or BART (abstractive) folder whose only weights are a
    pytorch_model.bin holding an object besides tensors."""
    folder = root / f"{model_type}-pickle"
    folder.mkdir()
    sizes = {"bert": {"architectures": ["BertModel"], "hidden_size": 32, "num_hidden_layers": 1,
                      "num_attention_heads": 2, "intermediate_size": 37},
             "bart": {"architectures": ["BartForConditionalGeneration"], "d_model": 16,
                      "encoder_layers": 1, "decoder_layers": 1, "encoder_attention_heads": 2,
                      "decoder_attention_heads": 2, "encoder_ffn_dim": 8, "decoder_ffn_dim": 8,
                      "max_position_embeddings": 64}}[model_type]
    words = ["the", "The", "meeting", "storm", "was", "held"] + [f"w{i}" for i in range(20)]
    (folder / "config.json").write_text(json.dumps({"model_type": model_type, "vocab_size": 32,
                                                    **sizes}))
    if model_type == "bert":
        (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]",
                                                     "[MASK]", *words]) + "\n")
    else:
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = {w: i for i, w in enumerate(["<s>", "<pad>", "</s>", "<unk>", *words])}
        tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
        tok.pre_tokenizer = pre_tokenizers.Whitespace()
        tok.save(str(folder / "tokenizer.json"))
        (folder / "tokenizer_config.json").write_text(json.dumps(
            {"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
             "pad_token": "<pad>", "unk_token": "<unk>", "model_max_length": 64}))
    with open(folder / "pytorch_model.bin", "wb") as fh:
        pickle.dump({"weight": _Planted()}, fh, protocol=4)
    return folder


@pytest.mark.parametrize("model_type", ["bert", "bart"])
def test_a_pickled_checkpoint_is_a_model_error_and_never_runs(tmp_path, monkeypatch, model_type):
    # torch's weights-only loader refused it (nothing ran), but its UnpicklingError was no
    # error the package knew: "internal error ... please report it", exit 70, and torch's
    # advice to load it again with weights_only=False, which would run the planted code
    monkeypatch.setenv("MARKER", str(tmp_path / "MARKER"))
    folder = _pickled_model(tmp_path, model_type)
    if model_type == "bert":
        from summarizer.summarizers.embed import SentenceEncoder as load
    else:
        from summarizer.summarizers.abstractive.loading import load_model as load
    with pytest.raises(ModelNotFoundError, match=_REFUSED) as refused:
        load(str(folder))
    assert "weights_only" not in str(refused.value)
    assert not (tmp_path / "MARKER").exists()


@pytest.mark.slow
def test_the_cli_says_so_in_one_line(tmp_path):
    folder = _pickled_model(tmp_path, "bert")
    marker = tmp_path / "MARKER"
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(REPO / "seeds"),
         "--option", f"encoder={folder}"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env=dict(os.environ, MARKER=str(marker), PYTHONPATH=str(REPO)))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    # torch's "Detected pickle protocol 4" warning was a second line
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: cannot load sentence "
                                                   "encoder"), proc.stderr
    assert _REFUSED in lines[0]
    assert not marker.exists()
