"""--out names the system refuses (a name longer than the file system allows, a folder on
the way that cannot be searched): each command's output folder is checked in one place
(summarizer.folders.output_folder), a typed one-line error and exit 2, before any work."""

from __future__ import annotations

import os

import pytest
from helpers import error_line, run_cli, write_jsonl

from summarizer.errors import OutputExistsError, shortened
from summarizer.folders import output_folder

STORY = "The storm hit the coast on Monday. Thousands of homes lost power overnight."
LONG = "x" * 300  # longer than any file system's name (255 bytes on most)


def _argv(tmp_path, command: str, out: str) -> list[str]:
    if command == "compare":  # its runs are read only once --out is known to be usable
        return ["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", out]
    data = write_jsonl(tmp_path / "data.jsonl", [
        {"id": f"c{k}", "documents": [STORY], "summary": "A storm cut power."} for k in range(2)])
    return [command, str(data), "--method", "lead", "--no-progress", "--out", out]


@pytest.mark.parametrize("command", ["evaluate", "batch", "compare"])
@pytest.mark.parametrize("where", ["last", "above", "under a missing folder"])
def test_an_output_folder_name_too_long_is_a_typed_error(tmp_path, command, where):
    # 'run.json: File name too long' (manifest.json, comparison.json), errno's line, exit 1
    out = {"last": tmp_path / LONG, "above": tmp_path / LONG / "run",
           "under a missing folder": tmp_path / "new" / LONG}[where]
    code, _, err = run_cli(_argv(tmp_path, command, str(out)))
    assert code == 2, err
    line = error_line(err)
    # the folder shortened as every path is (errors.shortened), the long name by value_repr
    assert line.startswith(f"summarizer: error: {shortened(str(out))}: cannot be used as an "
                           "output folder (")
    assert LONG not in line and len(line) < 400
    assert line.endswith("give another output folder (out=, --out)")
    assert sorted(os.listdir(tmp_path)) == (["data.jsonl"] if command != "compare" else [])


def test_output_folder_takes_what_can_be_made(tmp_path):
    (tmp_path / "old").mkdir()
    for usable in (tmp_path / "old", tmp_path / "new" / "run", tmp_path / ("y" * 200)):
        assert output_folder(usable, "evaluate") == usable
    with pytest.raises(OutputExistsError, match="NUL"):
        output_folder(str(tmp_path / "a\0b"), "evaluate")


@pytest.mark.parametrize("command", ["evaluate", "batch", "compare"])
def test_out_dash_is_no_folder_named_dash(tmp_path, monkeypatch, command):
    # '-' is standard output to every Unix tool (summarize -, rouge -): '--out -' made a
    # folder named '-' in the working folder and wrote the run there, exit 0
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(_argv(tmp_path, command, "-"))
    assert code == 2 and out == ""
    assert error_line(err) == ("summarizer: error: out (--out) '-' is standard output, which "
                               "cannot hold the output folder's files; give a folder's path "
                               "(./- for a folder named '-')")
    assert not os.path.lexists(tmp_path / "-")
    assert output_folder("./-", "evaluate").name == "-"  # a folder so named, said so, is taken
