"""Every progress bar of the package is decided and made in one place (progress.progress_bar)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import summarizer


@pytest.mark.parametrize(("switch", "asked", "drawn"), [
    (None, True, True), ("1", True, True), (None, False, False), ("1", False, False),
    ("0", True, False), ("off", True, False), ("0", False, False)])
def test_the_bar_factory_decides_and_makes_the_bar(monkeypatch, capsys, switch, asked, drawn):
    # each site asked progress.shown(progress) and then built its own tqdm (evaluate's
    # clusters and checking pass, faithfulness, batch, generation, the rouge command):
    # progress_bar is the one that does both, a disabled bar where hidden, which is iterated,
    # updated and closed as a drawn one
    from summarizer.progress import progress_bar

    if switch is None:
        monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZER_PROGRESS", switch)
    bar = progress_bar(range(3), asked=asked, desc="counting", unit="item")
    assert bar.disable is not drawn  # (closing a bar disables it: asked before)
    assert list(bar) == [0, 1, 2]
    by_hand = progress_bar(asked=asked, total=2, desc="by hand")
    by_hand.update(2)
    by_hand.close()
    err = capsys.readouterr().err
    assert ("counting" in err and "by hand" in err) is drawn
    assert drawn or not err


def test_no_module_but_progress_makes_a_bar():
    # a site that builds its own tqdm decides for itself again. metrics.api keeps its
    # progress=True for library callers: metrics sits below the package and reads no switch
    # (the rouge command hands it progress_bar)
    root = Path(summarizer.__file__).parent
    allowed = {"progress.py", "metrics/api.py"}
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if any(n == "tqdm" or n.startswith("tqdm.") for n in names):
                found.append(path.relative_to(root).as_posix())
    assert found and set(found) <= allowed, sorted(set(found) - allowed)


@pytest.mark.parametrize(("switch", "drawn"), [(None, True), ("0", False)])
def test_the_rouge_commands_bar_is_drawn_on_a_terminal_unless_switched_off(monkeypatch, tmp_path,
                                                                          switch, drawn):
    # the rouge command now hands metrics progress_bar, where it decided with shown() and
    # metrics.api built the tqdm: drawn on a terminal as before, and not under the switch
    import helpers

    monkeypatch.setattr(helpers._Stream, "isatty", lambda self: True)
    if switch is None:
        monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZER_PROGRESS", switch)
    (tmp_path / "sys.txt").write_text("The council met.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    code, out, err = helpers.run_cli(["rouge", str(tmp_path / "sys.txt"),
                                      str(tmp_path / "ref.txt")], lines=None)
    assert code == 0 and "ROUGE-1" in out
    assert ("ROUGE: 100%" in err) is drawn, err


@pytest.mark.parametrize("terminal", [False, True])
def test_the_guards_embedding_bar_is_drawn_on_a_terminal_only(monkeypatch, tmp_path, terminal):
    # progress.stage (the faithfulness guard's 'embedding' stage, every summariser stage)
    # drew its bar wherever stderr went, a log file or a pipe too, where every other bar
    # is drawn on a terminal only (unless asked): now one decision, progress_bar's
    import sys

    import helpers

    from summarizer import progress
    from summarizer.documents.model import Cluster
    from summarizer.faithfulness import FaithfulnessChecker
    from summarizer.summarizers.abstractive.guard import guarded_fit
    from summarizer.summarizers.budget import Budget

    monkeypatch.setattr(progress, "SHOW_AFTER_S", 0.0)  # drawn at once, not after 2 s
    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    # over 8 batches of 32 sentences the encoder embeds (the stage's min_items); each case
    # its own, as the encoder keeps the vectors it made
    case = "watched" if terminal else "logged"
    cluster = Cluster.from_texts([" ".join(f"Crew {i} cleared road {i} in the {case} town."
                                           for i in range(300))])
    if terminal:
        err = helpers._Stream()
        monkeypatch.setattr(helpers._Stream, "isatty", lambda self: True)
    else:
        err = (tmp_path / "err.txt").open("w", encoding="utf-8")  # 2> err.txt
    monkeypatch.setattr(sys, "stderr", err)
    fitted, _, info = guarded_fit(f"Crew 7 cleared road 7 in the {case} town.", cluster,
                                  Budget(words=20), "flag", FaithfulnessChecker())
    monkeypatch.undo()
    assert info is not None and info["settings"]["embeddings"] is True
    text = err.getvalue() if terminal else (err.close(), (tmp_path / "err.txt").read_text())[1]
    assert ("embedding" in text and "batch" in text) is terminal, text
    assert terminal or not text


@pytest.mark.parametrize(("terminal", "switch", "flags", "drawn"), [
    (True, None, [], True), (False, None, [], False), (True, "0", [], False),
    (True, None, ["--no-progress"], False)])
def test_reading_a_large_folder_draws_a_stage_bar_on_a_terminal_only(monkeypatch, tmp_path,
                                                                     terminal, switch, flags,
                                                                     drawn):
    # a folder of 22,800 files was read for 37 s with nothing on screen before the first
    # stage's bar: its read is a stage too, its bar counting files, and the skipped files'
    # warnings come after the bar is gone, each a whole line
    import helpers

    from summarizer import progress
    from summarizer.documents import loaders

    monkeypatch.setattr(progress, "SHOW_AFTER_S", 0.0)  # drawn at once, not after 2 s
    monkeypatch.setattr(loaders, "READ_BAR_FILES", 3)  # a bar for a folder of 6, not 1,000
    # summarize had no --no-progress (evaluate and batch had): the switch was its only way
    if switch is None:
        monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZER_PROGRESS", switch)
    if terminal:
        monkeypatch.setattr(helpers._Stream, "isatty", lambda self: True)
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"The council met on day {i}. It voted.\n",
                                            encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = helpers.run_cli(["summarize", str(tmp_path), "--method", "lead",
                                      "--words", "10", *flags], lines=None)
    assert code == 0 and "The council met" in out, err
    # counted in files, the total known once the folder is listed (the empty file too)
    assert ("reading:" in err and "/6 [" in err and "file/s" in err) is drawn, err
    # the warning is a line of its own: after the bar's last redraw (a carriage return),
    # whole, never run into the bar's text
    said = [line.split("\r")[-1] for line in err.split("\n")]
    assert f"summarizer: warning: skipped {tmp_path / 'empty.txt'}: is empty" in said, err
    assert drawn or err.count("\n") == 1 and "\r" not in err, err
