"""``summarizer rouge SYSTEM_DIR REF_DIR``: a reference file that two summaries' ids both match
(ids are compared ignoring case, up to any dot) is one summary's, not both. ``a.b.A`` was
pooled into summary ``a``'s references too, and ``ABC.A`` into ``abc``'s, in silence.
And references whose letters are all outside a-z are warned of, as other scripts are."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli

from summarizer.errors import InputError
from summarizer.metrics.io import load_pairs

TOLL, BALL = "The tsunami death toll rose as aid arrived.", "Unrelated football words here."


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


def _refs(pairs) -> dict[str, list[str]]:
    return {p.id: sorted(Path(r).name for r in p.reference_paths) for p in pairs}


def test_a_longer_id_owns_its_reference(tmp_path):
    s = _write(tmp_path / "s", {"a": TOLL, "a.b": BALL})
    r = _write(tmp_path / "r", {"a.A": "The tsunami toll rose.", "a.b.A": "Football words."})
    assert _refs(load_pairs(s, r)) == {"a": ["a.A"], "a.b": ["a.b.A"]}
    code, out, err = run_cli(["rouge", str(s), str(r), "-n", "1", "-x", "-r", "5",
                              "--per-summary"], lines=None)
    row = next(line for line in out.splitlines() if line.startswith("a "))
    assert "R:1.00000" in row, out  # its own reference alone: every word of it found


def test_ids_apart_by_case_own_their_own_references(tmp_path):
    s = _write(tmp_path / "s", {"abc": TOLL, "ABC": BALL})
    r = _write(tmp_path / "r", {"abc.A": "The tsunami toll rose.", "ABC.A": "Football words."})
    assert _refs(load_pairs(s, r)) == {"abc": ["abc.A"], "ABC": ["ABC.A"]}


def test_a_reference_neither_rule_gives_to_one_summary_is_refused(tmp_path):
    s = _write(tmp_path / "s", {"abc": TOLL, "ABC": BALL})
    r = _write(tmp_path / "r", {"Abc.A": "The tsunami toll rose."})
    with pytest.raises(InputError, match="Abc.A: a reference of 2 system summaries"):
        load_pairs(s, r)


def test_unshared_references_are_matched_ignoring_case_as_before(tmp_path):
    # DUC references come as d30001.m.100.t.a from one source, D30001.M.100.T.A from another
    s = _write(tmp_path / "s", {"D30001.M.100.T.1": TOLL, "D30002.M.100.T.1": BALL})
    r = _write(tmp_path / "r", {"d30001.m.100.t.a": "The toll rose.", "D30001.M.100.T.B": "Toll.",
                                "D30002.M.100.T.A": "Football."})
    assert _refs(load_pairs(s, r)) == {"D30001.M.100.T": ["D30001.M.100.T.B", "d30001.m.100.t.a"],
                                       "D30002.M.100.T": ["D30002.M.100.T.A"]}


def test_one_id_twice_is_still_refused_as_such(tmp_path):
    s = _write(tmp_path / "s", {"D1.M.100.T.1": TOLL, "D1.M.100.T.2": BALL})
    r = _write(tmp_path / "r", {"D1.M.100.T.A": "The toll rose."})
    with pytest.raises(InputError, match="two summaries share an id"):
        load_pairs(s, r)


def test_references_of_accented_letters_only_are_warned_of(tmp_path):
    from summarizer.metrics import RougeSettings
    from summarizer.metrics.settings import dropped_script

    (tmp_path / "s.txt").write_text("The tsunami toll rose.\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("é à ü\n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"),
                              "-n", "1", "-x", "-r", "5"])
    assert code == 0 and "accented Latin script" in err and "--tokenizer unicode" in err, err
    # French with some letters in a-z is scored as ROUGE-1.5.5 scores it, without a word
    assert dropped_script(RougeSettings(), ["Élections à Paris."]) is None
    assert dropped_script(RougeSettings(tokenizer="unicode"), ["é à ü"]) is None
