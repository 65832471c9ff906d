"""Helpers shared by the abstractive tests (imported by name: tests have no package)."""

from __future__ import annotations

import random
from pathlib import Path

from summarizer.documents.model import Cluster, Document


def shuffled_cluster(seed_text: str, n_docs: int, seed: int = 0) -> Cluster:
    """``n_docs`` documents, each the seed article's paragraphs in a shuffled order."""
    paras = [p.strip() for p in seed_text.split("\n") if p.strip()]
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        order = paras[:]
        rng.shuffle(order)
        docs.append(Document(text="\n\n".join(order), id=f"d{i}"))
    return Cluster(documents=docs, id="long")


# Fast generation for random-weight models: greedy, no n-gram blocking.
FAST = {"num_beams": 1, "no_repeat_ngram_size": 0, "device": "cpu"}

# Sentences of one news story, of unlike lengths (batching pads them).
TEXTS = [
    "The meeting in Panama was about migration.",
    "Blinken and Mayorkas attended.",
    "They agreed to set up working groups with the support of delegations from some "
    "twenty countries, including for the first time the United States.",
    "Migrants cross the Darien jungle.",
    "The record number of more than 133,000 migrants from 35 countries transited.",
]


def save(model, tok, path: Path) -> None:
    """Save model and tokenizer. Random seq2seq weights tend to emit a special
    token at once (an output that decodes to nothing), so specials are
    suppressed and such models always write ``max_new_tokens`` tokens."""
    specials = list(tok.all_special_ids)
    if not model.config.is_encoder_decoder:
        specials.remove(tok.eos_token_id)  # the causal model may end its turn
    model.generation_config.suppress_tokens = specials
    model.generation_config.forced_eos_token_id = None
    model.save_pretrained(path)
    tok.save_pretrained(path)


def hub_cache_of(folder: Path, hub: Path, repo_id: str, left_out: tuple[str, ...] = (),
                 known_absent: tuple[str, ...] = ()) -> Path:
    """Make ``hub`` (a Hugging Face cache folder: the caller points
    ``huggingface_hub.constants.HF_HUB_CACHE`` at it) hold hub model ``repo_id`` as
    ``folder``: its files in a snapshot of main, but ``left_out`` (never fetched) and
    ``known_absent`` (recorded as files the hub does not have, as a load that looked for
    them records). Returns the snapshot's folder."""
    import shutil

    revision = "0" * 40
    repo = hub / ("models--" + repo_id.replace("/", "--"))
    snapshot = repo / "snapshots" / revision
    shutil.copytree(folder, snapshot, ignore=shutil.ignore_patterns(*left_out, *known_absent))
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(revision)
    for name in known_absent:
        marker = repo / ".no_exist" / revision / name
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    return snapshot


def fake_conversion(monkeypatch, save) -> list[str]:
    """Make a GGUF file's conversion (20 s for a real one) a fake whose model and tokenizer
    each call ``save(folder, converted)`` to be saved; returns ``converted``, the GGUF
    files read so far (the tokenizer's and the model's reads of each conversion)."""
    import transformers

    converted: list[str] = []

    class Fake:  # what the conversion needs of a model and a tokenizer
        config = object()

        @classmethod
        def from_pretrained(cls, folder, gguf_file, **kwargs):
            converted.append(gguf_file)
            return cls()

        def save_pretrained(self, folder):
            save(Path(folder), converted)

    monkeypatch.setattr(transformers, "AutoModelForCausalLM", Fake)
    monkeypatch.setattr(transformers, "AutoTokenizer", Fake)
    return converted
