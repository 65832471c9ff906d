"""compare refuses an output folder it cannot write in before its work, not after it."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from helpers import error_line, run_cli

import summarizer.evaluation.compare as compare_module

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"


def _runs(tmp_path: Path) -> tuple[str, str]:
    return tuple(str(shutil.copytree(FIXTURE / side, tmp_path / side)) for side in "ab")


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` as a read-only one is to its user (EACCES on making anything in it), also
    for root, whom chmod does not stop: os.mkdir and a creating os.open refuse there."""
    inside = os.path.realpath(folder) + os.sep
    mkdir, open_ = os.mkdir, os.open

    def refused(path: object) -> bool:
        return os.path.realpath(os.fspath(path)).startswith(inside)  # type: ignore[arg-type]

    def no_mkdir(path, *args, **kwargs):
        if refused(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return mkdir(path, *args, **kwargs)

    def no_create(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and refused(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return open_(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", no_mkdir)
    monkeypatch.setattr(os, "open", no_create)


@pytest.mark.parametrize("made", [False, True], ids=["new folder", "empty folder"])
def test_compare_refuses_a_folder_it_cannot_write_before_comparing(tmp_path, monkeypatch, made):
    # the paired tests (52 CPU s at 200,000 clusters) and the figure were done, then
    # mkdir or the lock file failed: "error: ro/cmp: Permission denied", the work lost
    a, b = _runs(tmp_path)
    ro = tmp_path / "ro"
    ro.mkdir()
    out = ro / "cmp"
    if made:
        out.mkdir()
    _read_only(monkeypatch, ro)
    compared = []
    real = compare_module.compare_runs

    def counting(*args, **kwargs):
        compared.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(compare_module, "compare_runs", counting)
    code, out_text, err = run_cli(["compare", a, b, "--out", str(out), "--no-plot",
                                   "--resamples", "40", "--trials", "40"], lines=None)
    assert compared == [] and out_text == ""
    assert code == 2
    assert error_line(err) == (f"summarizer: error: {out}: cannot be used as an output folder "
                               "(Permission denied); give another output folder (out=, --out)")
    assert sorted(p.name for p in ro.iterdir()) == (["cmp"] if made else [])
    if made:
        assert list(out.iterdir()) == []  # no probe left behind


def test_compare_writes_where_it_can_and_leaves_no_probe(tmp_path):
    a, b = _runs(tmp_path)
    parent = tmp_path / "p"
    parent.mkdir()
    code, _, err = run_cli(["compare", a, b, "--out", str(parent / "cmp"), "--no-plot",
                            "--resamples", "40", "--trials", "40"], lines=None)
    assert code == 0, err
    assert sorted(p.name for p in parent.iterdir()) == ["cmp"]
    assert sorted(p.name for p in (parent / "cmp").iterdir()) == ["comparison.json",
                                                                 "comparison.md"]
