"""Pairing a folder of many system summaries with their references is linear work.

Work is counted, not timed: the path operations the pairing makes (``Path.name`` reads and
path comparisons) for n and 2n summaries. Each summary used to scan every reference file,
and the check for unused reference sub-folders compared every sub-folder with every
reference used: 20,000 summaries took minutes before the first was scored.
"""

from __future__ import annotations

import pathlib
from pathlib import Path

import pytest

from summarizer.errors import CountMismatchError
from summarizer.metrics.io import load_pairs


def _folders(root: Path, n: int, layout: str) -> tuple[Path, Path]:
    sys_dir, ref_dir = root / "sys", root / "refs"
    sys_dir.mkdir(parents=True)
    ref_dir.mkdir()
    for i in range(n):
        (sys_dir / f"D{i:05d}").write_text("the cat sat\n")
        for r in "AB":
            if layout == "flat":  # DUC/TAC style: D00001.M.100.T.A beside each other
                (ref_dir / f"d{i:05d}.M.100.T.{r}").write_text("a cat sat\n")
            else:  # one sub-folder per summary
                (ref_dir / f"D{i:05d}").mkdir(exist_ok=True)
                (ref_dir / f"D{i:05d}" / r).write_text("a cat sat\n")
    return sys_dir, ref_dir


def _path_work(monkeypatch, sys_dir: Path, ref_dir: Path) -> int:
    calls = [0]
    name = pathlib.PurePath.name
    eq = pathlib.PurePath.__eq__

    def counted_name(self):
        calls[0] += 1
        return name.fget(self)

    def counted_eq(self, other):
        calls[0] += 1
        return eq(self, other)

    with monkeypatch.context() as m:
        m.setattr(pathlib.PurePath, "name", property(counted_name))
        m.setattr(pathlib.PurePath, "__eq__", counted_eq)
        pairs = load_pairs(sys_dir, ref_dir)
    assert len(pairs) == len(list(sys_dir.iterdir()))
    assert all(len(p.references) == 2 for p in pairs)
    return calls[0]


@pytest.mark.parametrize("layout", ["flat", "subfolders"])
def test_pairing_folders_is_linear_in_the_summaries(tmp_path, monkeypatch, layout):
    small = _path_work(monkeypatch, *_folders(tmp_path / "small", 150, layout))
    large = _path_work(monkeypatch, *_folders(tmp_path / "large", 300, layout))
    assert large < 2.5 * small, f"{small} path operations for 150 summaries, {large} for 300"


def test_indexed_pairing_keeps_its_rules(tmp_path):
    """Case is ignored, a summary's stem finds its references, the system file's own name
    is never its reference, and an unused reference (file or sub-folder) is refused."""
    sys_dir, ref_dir = tmp_path / "sys", tmp_path / "refs"
    sys_dir.mkdir()
    ref_dir.mkdir()
    (sys_dir / "D30001.txt").write_text("a\n")
    (sys_dir / "M000").write_text("b\n")
    (ref_dir / "d30001.m.100.t.a").write_text("x\n")
    (ref_dir / "D30001.M.100.T.B").write_text("y\n")
    (ref_dir / "M000").mkdir()
    (ref_dir / "M000" / "ref1").write_text("z\n")
    pairs = {p.id: [Path(r).name for r in p.reference_paths] for p in load_pairs(sys_dir, ref_dir)}
    assert pairs == {"D30001": ["D30001.M.100.T.B", "d30001.m.100.t.a"], "M000": ["ref1"]}
    (ref_dir / "M001").mkdir()
    (ref_dir / "M001" / "ref1").write_text("z\n")
    with pytest.raises(CountMismatchError, match="M001"):
        load_pairs(sys_dir, ref_dir)
