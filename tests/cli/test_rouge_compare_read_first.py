"""`summarizer rouge A REFS --compare B` reads B's files before it scores A: a bad file of B
failed after all of A was scored, and A's scores were thrown away with the error."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli


@pytest.mark.parametrize("damage", ["binary", "missing"])
def test_a_bad_file_of_system_b_is_found_before_any_scoring(tmp_path, monkeypatch, damage):
    import summarizer.metrics.api as api

    for name in ("A", "B", "refs"):
        (tmp_path / name).mkdir()
    for i in (1, 2, 3):
        (tmp_path / "A" / f"d{i}.txt").write_text(f"police killed the gunman {i}\n")
        (tmp_path / "B" / f"d{i}.txt").write_text(f"police shot the man {i}\n")
        (tmp_path / "refs" / f"d{i}.ref").write_text(f"police killed a gunman {i} today\n")
    if damage == "binary":
        (tmp_path / "B" / "d3.txt").write_bytes(b"\x00\x01\x02binary")
    else:
        (tmp_path / "B" / "d3.txt").unlink()
    scored = []
    real = api.score_corpus
    monkeypatch.setattr(api, "score_corpus", lambda *a, **k: scored.append(1) or real(*a, **k))
    code, _, err = run_cli(["rouge", str(tmp_path / "A"), str(tmp_path / "refs"),
                            "--compare", str(tmp_path / "B")])
    assert code == 2 and scored == []
    assert ("looks like a binary file" if damage == "binary" else "d3") in error_line(err)
    # with B whole again, both are scored and compared
    (tmp_path / "B" / "d3.txt").write_text("police shot the man 3\n")
    code, out, _ = run_cli(["rouge", str(tmp_path / "A"), str(tmp_path / "refs"),
                            "--compare", str(tmp_path / "B")], lines=None)
    assert code == 0 and len(scored) == 2
