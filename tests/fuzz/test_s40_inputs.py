"""Session 40's bad-input hunt: problems found in paths the shell leaves as written. Each
test here fails without its fix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli

# A leading '~' where no shell expands it ('--summaries=~/preds', 'precomputed:~/preds',
# '--data-dir=~/rouge', SUMMARIZER_ROUGE_DATA='~/rouge'): the folder '~' under the working
# folder was looked for ("no folder /work/~/preds"), where --out=~/runs, hf:~/d.jsonl and
# --model ~/m are the home folder's, and where the check that the summaries are not the
# data set itself already read '~' as the home folder

_STORY = (
    "A storm hit the coast on Monday. Thousands of homes lost power. Officials said "
    "repairs would take a week."
)


def _data(folder):
    data = folder / "data.jsonl"
    data.write_text(
        "".join(
            json.dumps(
                {"id": f"c{i}", "documents": [_STORY], "summaries": ["A storm hit the coast."]}
            )
            + "\n"
            for i in range(2)
        ),
        encoding="utf-8",
    )
    return str(data)


def _summaries(home):
    (home / "preds").mkdir()
    for i in range(2):
        (home / "preds" / f"c{i}.txt").write_text("A storm hit.\n", encoding="utf-8")
    (home / "preds.jsonl").write_text(
        "".join(json.dumps({"id": f"c{i}", "summary": "A storm hit."}) + "\n" for i in range(2)),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "given",
    [
        "--summaries=~/preds.jsonl",
        "--summaries=~/preds",
        "--method=precomputed:~/preds",
        "--method=precomputed:~/preds/*.txt",
    ],
)
def test_precomputed_summaries_under_the_home_folder_are_read_there(home, given):
    _summaries(home)
    code, out, err = run_cli(
        ["evaluate", _data(home), given, "--out", str(home / "run"), "--no-progress"], lines=None
    )
    assert code == 0, err
    report = json.loads((home / "run" / "report.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in report["per_cluster"]] == ["c0", "c1"]
    assert report["per_cluster"][0]["scores"]["ROUGE-1"]["r"] == 0.6  # 3 of 5 words


def test_library_evaluate_reads_precomputed_summaries_under_the_home_folder(home):
    from summarizer.evaluation import evaluate

    _summaries(home)
    result = evaluate(
        _data(home), method="precomputed:~/preds.jsonl", out=home / "run", progress=False
    )
    assert result.computed == 2 and result.out == home / "run"


def test_precomputed_summaries_of_no_users_home_are_named_as_written(home):
    code, out, err = run_cli(
        [
            "evaluate",
            _data(home),
            "--summaries=~no-such-user-s40/p",
            "--out",
            str(home / "run"),
            "--no-progress",
        ]
    )
    assert code == 2
    assert err.startswith("summarizer: error: precomputed summaries: no folder ")
    assert err.rstrip().endswith("~no-such-user-s40/p")


def _rouge_data(folder):
    folder.mkdir()
    (folder / "smart_common_words.txt").write_text("storm\n", encoding="utf-8")


def _pair(home):
    (home / "sys.txt").write_text("A storm hit.\n", encoding="utf-8")
    (home / "ref.txt").write_text("A storm hit the coast.\n", encoding="utf-8")
    return [str(home / "sys.txt"), str(home / "ref.txt")]


def test_a_rouge_data_dir_under_the_home_folder_is_read_there(home):
    from summarizer.metrics import rouge

    _rouge_data(home / "rouge")
    pair = (["the storm hit"], ["a storm hit the coast"])
    here = rouge(
        *pair, metrics="ROUGE-1", resamples=10, remove_stopwords=True, data_dir=str(home / "rouge")
    )
    got = rouge(*pair, metrics="ROUGE-1", resamples=10, remove_stopwords=True, data_dir="~/rouge")
    assert got.aggregate == here.aggregate
    code, out, err = run_cli(
        ["rouge", *_pair(home), "-s", "--data-dir=~/rouge", "--format", "json"], lines=None
    )
    assert code == 0, err


def test_summarizer_rouge_data_under_the_home_folder_is_read_there(home, monkeypatch):
    from summarizer.metrics.rouge155.resources import find_stopwords_file

    _rouge_data(home / "rouge")
    monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", "~/rouge")
    assert find_stopwords_file() == home / "rouge" / "smart_common_words.txt"
    code, out, err = run_cli(["rouge", *_pair(home), "-s", "--format", "json"], lines=None)
    assert code == 0, err


# The same for a DUC data set's reference folder ('--references=~/refs', references="~/refs"):
# "reference folder not found: ~/refs"

_DUC = Path(__file__).resolve().parent.parent / "fixtures" / "duc"


def _duc(home):
    shutil.copytree(_DUC / "docs", home / "docs")
    shutil.copytree(_DUC / "models", home / "refs")
    return str(home / "docs")


def _evaluate_duc(docs, references, run):
    return run_cli(
        ["evaluate", docs, references, "--method", "lead", "--out", run, "--no-progress"],
        lines=None,
    )


def test_duc_references_under_the_home_folder_are_read_there(home):
    from summarizer.documents.duc import load_duc

    docs = _duc(home)
    clusters = load_duc(docs, references="~/refs")
    assert [len(c.references) for c in clusters] == [2, 2, 1]
    run = str(home / "run")
    code, out, err = _evaluate_duc(docs, "--references=~/refs", run)
    assert code == 0, err
    settings = json.loads((home / "run" / "run.json").read_text(encoding="utf-8"))
    assert settings["settings"]["dataset"]["options"]["references"] == str(home / "refs")
    # the folder named either way is one run's: it resumes
    code, out, err = _evaluate_duc(docs, f"--references={home / 'refs'}", run)
    assert code == 0, err
    assert "resumed 3 finished clusters" in out + err


# rouge's --compare (SYSTEM_B, '--compare=~/b'): "--compare pairs the summaries of SYSTEM and
# SYSTEM_B by id" came of its checks reading '~/b' as no folder, or the folder '~' under the
# working folder was read


def test_rouge_compares_with_a_system_under_the_home_folder(home):
    for folder, text in (
        ("a", "A storm hit.\n"),
        ("b", "A storm hit the coast.\n"),
        ("refs", "A storm hit the coast on Monday.\n"),
    ):
        (home / folder).mkdir()
        (home / folder / "d1.txt").write_text(text, encoding="utf-8")
    code, out, err = run_cli(
        ["rouge", str(home / "a"), str(home / "refs"), "--compare=~/b", "--format", "json"],
        lines=None,
    )
    assert code == 0, err
    assert json.loads(out)["comparison"]["b"] == str(home / "b")


# An abstractive prompt is a str.format template of {text} and {words}: a lone brace
# ('{text} {') or another field ('{0}', '{}', '{text.upper}') was an internal error (exit
# 70) at the first summary, once the model had loaded; a format spec ('{words:>999999999}')
# made a string of that many characters (MemoryError past it); and '{{text}}', a literal
# '{text}', passed the "must contain {text}" check and gave the model none of the input

_BAD_PROMPTS = [
    "Summarize {text} {",
    "Summarize {text} }",
    "Summarize {text} in {0} words",
    "Summarize {text} in {} words",
    "Summarize {text.upper}",
    "Summarize {text!r}",
    "Summarize {text[0]}",
    "Summarize {text} in {words:>999999999} words",
    "Summarize {text} in {word} words",
]


@pytest.mark.parametrize("prompt", [*_BAD_PROMPTS, "Summarize {{text}}"])
def test_a_prompt_that_is_no_template_of_text_and_words_is_an_option_error(prompt):
    from summarizer.errors import OptionError
    from summarizer.summarizers.abstractive.options import AbstractiveOptions

    with pytest.raises(OptionError, match=r"prompt"):
        AbstractiveOptions.from_keywords(prompt=prompt)


@pytest.mark.parametrize(
    "prompt", ["{text}", "In {words} words: {text}", "{{JSON}} {text} {{}}", "{text}\n{text}"]
)
def test_a_prompt_of_text_words_and_doubled_braces_is_taken(prompt):
    from summarizer.summarizers.abstractive.options import AbstractiveOptions

    assert AbstractiveOptions.from_keywords(prompt=prompt).prompt == prompt


@pytest.mark.parametrize("prompt", [_BAD_PROMPTS[0], _BAD_PROMPTS[2]])
def test_a_bad_prompt_is_one_line_before_any_model_loads(tmp_path, prompt):
    (tmp_path / "a.txt").write_text(_STORY + "\n", encoding="utf-8")
    code, out, err = run_cli(
        [
            "summarize",
            str(tmp_path / "a.txt"),
            "--method",
            "abstractive",
            "--option",
            f"prompt={prompt}",
        ]
    )
    assert code == 2 and out == ""
    assert err.startswith("summarizer: error: prompt ")


# The kernel's pseudo-file systems: /proc/kmsg is a "regular file" of size 0 whose read
# blocks for ever, so summarize(["/"]) (a text naming the root folder, found by a property
# run) hung in /proc; /sys files read as text and made a "summary" of kernel settings.
_KERNEL = pytest.mark.skipif(
    not Path("/proc/self/mounts").is_file(), reason="no /proc mount table: not Linux"
)


def _in_a_process(code: str) -> subprocess.CompletedProcess:
    # a read that blocks must fail the test, not hang it
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@_KERNEL
@pytest.mark.parametrize("path", ["/proc/kmsg", "/proc/self/status", "/sys"])
def test_kernel_pseudo_files_are_refused_not_read(path):
    if not Path(path).exists():
        pytest.skip(f"{path} is not on this machine")
    done = _in_a_process(
        "import summarizer\n"
        "from summarizer.errors import InputError\n"
        f"try:\n    summarizer.summarize([{path!r}], 'lead', words=10)\n"
        "except InputError as exc:\n    print('InputError', exc)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("InputError"), done.stdout
    assert "file system" in done.stdout and path in done.stdout


@_KERNEL
def test_the_cli_names_a_kernel_folder_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", "/proc", "--method", "lead"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "summarizer: error: /proc: no usable documents (/proc: a folder of the kernel's "
        "proc file system; not read)"
    ]


@_KERNEL
def test_a_walk_skips_a_kernel_folder_and_reads_the_rest(tmp_path, monkeypatch):
    from summarizer.textio import walk, walk_files
    from summarizer.textio.kind import path_kind, pseudo_folder

    assert path_kind("/proc/self/status") == "a file of the kernel's proc file system"
    assert pseudo_folder("/proc") == "a folder of the kernel's proc file system; not read"
    assert pseudo_folder(tmp_path) is None
    assert walk_files("/proc") == (
        [],
        [{"path": "/proc", "reason": "a folder of the kernel's proc file system; not read"}],
    )
    (tmp_path / "story.txt").write_text(_STORY)
    (tmp_path / "proc").mkdir()
    (tmp_path / "proc" / "kmsg").write_text(_STORY)
    # as a walk from "/" meets /proc among other folders (no mount can be made here)
    monkeypatch.setattr(
        walk, "pseudo_folder", lambda p: "kernel's" if Path(p).name == "proc" else None
    )
    files, skipped = walk_files(tmp_path)
    assert files == [tmp_path / "story.txt"]
    assert skipped == [{"path": str(tmp_path / "proc"), "reason": "kernel's"}]


@_KERNEL
def test_a_link_to_a_kernel_folder_named_as_the_root_is_not_walked(tmp_path):
    from summarizer.textio import walk_files

    link = tmp_path / "k"
    link.symlink_to("/proc")
    assert walk_files(link) == (
        [],
        [{"path": str(link), "reason": "a folder of the kernel's proc file system; not read"}],
    )
