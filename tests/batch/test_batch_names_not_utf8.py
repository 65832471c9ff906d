"""A batch input, shard or output folder whose name is not UTF-8 (os.fsdecode's lone
surrogates): the manifest and report.json record such names, so they are refused up front,
one typed line naming the bytes, before the output folder is made."""

from __future__ import annotations

import re

import pytest
from helpers import error_line, non_utf8_path, run_cli, write_jsonl

from summarizer.batch import summarize_dataset
from summarizer.errors import InputError

ROW = {"id": "a", "documents": ["The council met on Monday. It approved the budget."]}
REFUSED = "is not UTF-8 text (a name written in another encoding): rename it; batch records"


def test_summarize_dataset_refuses_an_input_or_out_that_is_not_utf8(tmp_path):
    # a raw UnicodeEncodeError at the input's fingerprint; a non-UTF-8 out wrote its
    # shards, then failed writing report.json
    data = write_jsonl(non_utf8_path(tmp_path, b"in\xe9.jsonl"), [ROW])
    ok = write_jsonl(tmp_path / "ok.jsonl", [ROW])
    for given, out, named in ((data, tmp_path / "bo", "in\\xe9.jsonl"),
                              (ok, non_utf8_path(tmp_path, b"bo\xe9"), "bo\\xe9")):
        with pytest.raises(InputError) as caught:
            summarize_dataset(given, out=out, method="lead", progress=False)
        assert named in str(caught.value) and REFUSED in str(caught.value), caught.value
        assert not out.exists()
    # hf:PATH, a saved data set's folder, which the manifest records (opened and read first)
    datasets = pytest.importorskip("datasets")
    saved = non_utf8_path(tmp_path, b"hf\xe9")
    datasets.Dataset.from_list([ROW]).save_to_disk(str(saved))
    with pytest.raises(InputError, match=re.escape("hf\\xe9' " + REFUSED)):
        summarize_dataset(f"hf:{saved}", out=tmp_path / "bo", method="lead", progress=False)
    assert not (tmp_path / "bo").exists()


@pytest.mark.parametrize("command", ["cli", "api"])
def test_a_shard_named_not_utf8_in_an_input_folder_is_refused_by_name(tmp_path, command):
    # the CLI checks its arguments only: "summarizer: error: 'utf-8' codec can't encode
    # character '\udce9' ... surrogates not allowed", exit 1
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "ok.jsonl", [ROW])
    write_jsonl(non_utf8_path(shards, b"in\xe9.jsonl"), [{**ROW, "id": "b"}])
    out = tmp_path / "bo3"
    if command == "cli":
        code, _, err = run_cli(["batch", str(shards), "--out", str(out), "--method", "lead",
                                "--no-progress"])
        assert code == 2 and "in\\xe9.jsonl'" in err and REFUSED in error_line(err), err
    else:
        with pytest.raises(InputError, match=re.escape("in\\xe9.jsonl' " + REFUSED)):
            summarize_dataset(shards, out=out, method="lead", progress=False)
    assert not out.exists()


def test_a_utf8_name_an_ascii_locale_cannot_decode_says_how_to_run(tmp_path):
    # LC_ALL=C with UTF-8 mode off: 'café' is decoded as 'caf\udcc3\udca9', and the
    # refusal said the name was "not UTF-8 text ... rename it"; it is UTF-8
    import os
    import subprocess
    import sys
    from pathlib import Path

    write_jsonl(tmp_path / "café.jsonl", [ROW])
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run([sys.executable, "-m", "summarizer", "batch", "café.jsonl", "--out",
                           "out", "--method", "lead", "--no-progress"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert "is UTF-8, which this process's file-system encoding (ascii) cannot decode" \
        in done.stderr and "PYTHONUTF8=1" in done.stderr and "rename it" not in done.stderr
    assert not (tmp_path / "out").exists()
