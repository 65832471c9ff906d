"""Names that are not UTF-8 (a Latin-1 system's bytes, os.fsdecode's lone surrogates) given to
evaluate and compare from Python: refused up front as the CLI refuses its arguments (one
typed InputError naming the bytes, nothing made) where a JSON file would record them, and
read as any name where they are only hashed or said."""

from __future__ import annotations

import shutil

import pytest
from helpers import non_utf8_path

from summarizer.errors import InputError
from summarizer.evaluation import DatasetOptions, evaluate

REFUSED = "is not UTF-8 text (a name written in another encoding): rename it; evaluate records"


def _refused(call, named: bytes) -> str:
    with pytest.raises(InputError) as caught:
        call()
    said = str(caught.value)
    assert repr(named)[2:-1] in said and REFUSED in said and "\n" not in said, said
    return said


def test_evaluate_refuses_a_data_set_path_that_is_not_utf8(duc_fixture, tmp_path):
    # run.json records it: a raw UnicodeEncodeError writing it, an empty folder left
    data = non_utf8_path(tmp_path, b"duc\xe9")
    shutil.copytree(duc_fixture, data)
    out = tmp_path / "o"
    _refused(lambda: evaluate(data, "lead", out=out, progress=False), b"duc\xe9")
    _refused(lambda: evaluate(str(data), "lead", out=out, progress=False), b"duc\xe9")
    assert not out.exists()


def test_evaluate_refuses_references_and_summaries_paths_that_are_not_utf8(duc_fixture,
                                                                           tmp_path):
    # recorded in run.json as the data set's path is
    refs = non_utf8_path(tmp_path, b"r\xe9fs")
    shutil.copytree(duc_fixture / "models", refs)
    out = tmp_path / "o"
    _refused(lambda: evaluate(duc_fixture / "docs", "lead", out=out, progress=False,
                              dataset_options=DatasetOptions(references=str(refs))), b"r\xe9fs")
    peers = non_utf8_path(tmp_path, b"p\xe9ers")
    shutil.copytree(duc_fixture / "peers", peers)
    _refused(lambda: evaluate(duc_fixture, f"precomputed:{peers}/*.T.7", out=out,
                              progress=False), b"p\xe9ers")
    assert not out.exists()


def test_evaluate_refuses_an_output_folder_that_is_not_utf8(duc_fixture, tmp_path):
    # as the CLI refuses --out: one rule for the output folders of evaluate, batch, compare
    out = non_utf8_path(tmp_path, b"o\xe9")
    _refused(lambda: evaluate(duc_fixture, "lead", out=out, progress=False), b"o\xe9")
    assert not out.exists()
