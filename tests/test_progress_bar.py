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


@pytest.mark.parametrize(("switch", "flags", "drawn"), [
    (None, [], True), ("0", [], False), (None, ["--no-progress"], False)])
def test_the_rouge_commands_bar_is_drawn_on_a_terminal_unless_switched_off(monkeypatch, tmp_path,
                                                                          switch, flags, drawn):
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
    # rouge had no --no-progress, where summarize, evaluate and batch have one
    code, out, err = helpers.run_cli(["rouge", str(tmp_path / "sys.txt"),
                                      str(tmp_path / "ref.txt"), *flags], lines=None)
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


@pytest.mark.parametrize(("size", "drawn"), [(400, True), (40, False)])
def test_reading_a_few_large_files_draws_the_bar_by_their_bytes(monkeypatch, tmp_path, size,
                                                                 drawn):
    # 300 files of 90 KB read for 20 s with nothing on screen: the bar counted files alone
    # (a bar from 1,000); now their bytes decide too. A small read makes no bar and
    # imports no tqdm (start-up time)
    import sys

    import helpers

    from summarizer import progress
    from summarizer.documents import loaders

    monkeypatch.setattr(progress, "SHOW_AFTER_S", 0.0)
    monkeypatch.setattr(loaders, "READ_BAR_BYTES", 1000)  # 300 files of 90 KB, scaled down
    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    monkeypatch.setattr(helpers._Stream, "isatty", lambda self: True)
    for i in range(3):
        words = " ".join(f"Council {i} met on day {k}." for k in range(size // 25))
        (tmp_path / f"a{i}.txt").write_text(words + "\n", encoding="utf-8")
    for name in [m for m in sys.modules if m == "tqdm" or m.startswith("tqdm.")]:
        if not drawn:  # restored after; a drawn bar imports it (its modules left as they are)
            monkeypatch.delitem(sys.modules, name)
    code, out, err = helpers.run_cli(["summarize", str(tmp_path), "--method", "lead",
                                      "--words", "10"], lines=None)
    assert code == 0 and "Council" in out, err
    assert ("reading:" in err and "/3 [" in err) is drawn, err
    assert drawn or "tqdm" not in sys.modules


@pytest.mark.parametrize(("total", "most"), [(10_000, 11), (None, 2)])
def test_a_bar_in_a_log_writes_a_few_whole_lines(monkeypatch, capsys, total, most):
    # evaluate's and batch's bars, asked for (no --no-progress), redrew themselves into a
    # log file with a carriage return at every refresh: now whole lines, a kept bar's at
    # its start, each tenth and its end, however many items (mininterval 0: every update
    # is a refresh)
    from summarizer.progress import progress_bar

    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    bar = progress_bar(total=total, desc="evaluating", unit="cluster", mininterval=0)
    for _ in range(10_000):
        bar.update(1)
    bar.close()
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert "\r" not in err and err.endswith("\n") and 2 <= len(lines) <= most, err
    assert lines[0].startswith("evaluating:") and "10000" in lines[-1], err
    assert "|" not in err  # no bar drawn in text: the count, the rate, the times


def test_a_transient_bar_in_a_log_says_only_that_it_is_alive(monkeypatch, capsys):
    # a transient bar (faithfulness's, a generation call's), cleared on a terminal, left its
    # carriage returns in a log: now a line saying what started, then one a minute while it
    # moves (here: at each update) and one as it ends, which nothing said before (its last
    # minute's line not repeated); never one at each tenth
    import summarizer.progress
    from summarizer.progress import progress_bar

    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    for every, lines in [(60.0, 2), (0.0, 4)]:
        monkeypatch.setattr(summarizer.progress, "LOG_EVERY_S", every)
        for _ in progress_bar(range(3), desc="faithfulness", leave=False, mininterval=0):
            pass
        err = capsys.readouterr().err
        assert err.count("faithfulness:") == len(err.splitlines()) == lines, err
        assert "\r" not in err and "3/3" in err.splitlines()[-1], err


def test_a_transient_bar_that_said_nothing_ends_silently(monkeypatch, capsys):
    # a delayed bar (a stage's) that ended before it showed wrote no start: no end either
    from summarizer.progress import progress_bar

    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    for _ in progress_bar(range(3), desc="reading", leave=False, delay=60):
        pass
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", ["evaluate", "batch"])
@pytest.mark.parametrize("clusters", [12, 60])
def test_a_runs_log_holds_a_few_lines_whatever_the_clusters(tmp_path, seed_text, command,
                                                            clusters):
    # `summarizer evaluate ... 2> run.log`: the log held a carriage-return redraw per
    # refresh; now a bounded number of whole lines (TQDM_MININTERVAL=0: a refresh at
    # every cluster, the most a slow run's bar makes)
    import json
    import os
    import subprocess
    import sys

    data = tmp_path / "data.jsonl"
    with data.open("w", encoding="utf-8") as fh:
        for i in range(clusters):
            fh.write(json.dumps({"id": f"c{i:03d}", "documents": [seed_text[i * 20:]],
                                 "references": ["Ministers met on migration."]}) + "\n")
    env = {**os.environ, "TQDM_MININTERVAL": "0"}
    env.pop("SUMMARIZER_PROGRESS", None)
    argv = [command, str(data), "--method", "lead", "--out", str(tmp_path / "out")]
    with (tmp_path / "run.log").open("w", encoding="utf-8") as log:
        run = subprocess.run([sys.executable, "-m", "summarizer", *argv], env=env,
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=log, text=True,
                             timeout=300)
    err = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert run.returncode == 0, err
    assert "\r" not in err, err
    lines = err.splitlines()
    run_lines = [line for line in lines if line.startswith(("lead on data:", "batch:"))]
    # evaluate's check of the data set says it started and ended, on lines of their own
    checking = [line for line in lines if line.startswith("checking the data set:")]
    assert lines == checking + run_lines and len(checking) <= 2, err
    assert 2 <= len(run_lines) <= 11, err
    assert f"{clusters}/{clusters}" in lines[-1] or f"{clusters}cluster" in lines[-1], err


def test_a_log_that_cannot_be_written_stops_its_lines_not_the_job(monkeypatch):
    # tqdm's own bar drops a write error (a full disk, a closed pipe); the log's lines did
    # not: a run would have ended on its progress line
    import sys

    from summarizer.progress import progress_bar

    class Full:
        writes = 0

        def write(self, text):
            Full.writes += 1
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

        def isatty(self):
            return False

    monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    monkeypatch.setattr(sys, "stderr", Full())
    assert sum(progress_bar(range(100), desc="evaluating", mininterval=0)) == 4950
    assert Full.writes == 1  # tried once, then left alone


def test_the_data_set_librarys_bar_stays_out_of_a_log(tmp_path):
    # `summarizer batch hf:data.parquet ... 2> log`: the datasets library's own bar
    # ("Generating train split") redrew itself there with carriage returns, beside the
    # job's whole lines; where stderr is a log it is off, as under --no-progress
    import os
    import subprocess
    import sys

    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [f"c{i}" for i in range(30)],
                             "document": ["The council met on Monday. It voted."] * 30,
                             "summary": ["The council met."] * 30}), tmp_path / "d.parquet")
    env = {**os.environ, "HF_DATASETS_CACHE": str(tmp_path / "cache")}  # generated afresh
    env.pop("SUMMARIZER_PROGRESS", None)
    argv = ["batch", f"hf:{tmp_path / 'd.parquet'}", "--split", "train", "--method", "lead",
            "--out", str(tmp_path / "out")]
    with (tmp_path / "log").open("w", encoding="utf-8") as log:
        run = subprocess.run([sys.executable, "-m", "summarizer", *argv], env=env,
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=log, timeout=300)
    err = (tmp_path / "log").read_text(encoding="utf-8")
    assert run.returncode == 0, err
    assert "Generating" not in err and "\r" not in err and "warning" not in err, err
    assert err.splitlines()[-1].startswith("batch: 100% 30/30"), err  # a data set's size known


def test_a_bar_that_draws_nothing_starts_no_monitor_thread(tmp_path):
    # tqdm starts a monitor thread for any bar: a job run with progress=False left a
    # daemon 'tqdm_monitor' running in the caller's process
    import subprocess
    import sys

    code = ("import threading\n"
            "from summarizer.progress import progress_bar\n"
            "bar = progress_bar(range(3), asked=False)\n"
            "assert list(bar) == [0, 1, 2] and bar.disable\n"
            "bar.close()\n"
            "print(sorted(t.name for t in threading.enumerate()))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['MainThread']"
