"""One home for ROUGE options: the settings' fields, one flag parser, one argparse group
shared by `rouge` and `evaluate`, clear refusals, and metrics usable on its own."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import fields

import pytest
from helpers import error_line, run_cli

from summarizer.cli import build_parser
from summarizer.errors import InputError, RougeOptionError
from summarizer.metrics import RougeSettings, make_settings, parse_flags, rouge, score_corpus
from summarizer.metrics.settings import add_rouge_arguments, settings_changes


def _subcommand(name: str) -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


def _rouge_options(p: argparse.ArgumentParser) -> set[str]:
    return {s for a in p._actions if a.dest.startswith("rouge_") for s in a.option_strings}


def test_rouge_and_evaluate_share_one_group_generated_from_the_fields():
    reference = argparse.ArgumentParser(add_help=False)
    add_rouge_arguments(reference)
    want = _rouge_options(reference)
    for f in fields(RougeSettings):
        assert f"--{f.name.replace('_', '-')}" in want, f.name
    assert {"-m", "-s", "-l", "-b", "-f", "-p", "-c", "-r", "-e", "-n", "-x", "-2", "-u", "-w"} <= want
    assert _rouge_options(_subcommand("rouge")) == want
    assert _rouge_options(_subcommand("evaluate")) == want


@pytest.mark.parametrize("perl, long", [
    ("-m", "--stem"), ("-s", "--remove-stopwords"), ("-l 100", "--length-words 100"),
    ("-b 665", "--length-bytes 665"), ("-f B", "--scoring B"), ("-p 0.3", "--alpha 0.3"),
    ("-c 90", "--confidence 90"), ("-r 200", "--resamples 200"),
])
def test_perl_flags_are_aliases_of_the_long_options(perl, long):
    assert parse_flags(perl) == parse_flags(long)
    field = long.split()[0][2:].replace("-", "_")
    assert field in parse_flags(perl)  # the keyword is the field name: one spelling


def test_flag_string_and_command_line_give_the_same_settings():
    flags = "-n 2 -x -2 4 -u -m -c 90 -r 300 --bootstrap-seed 4"
    parser = argparse.ArgumentParser()
    add_rouge_arguments(parser)
    from_cli = make_settings(**settings_changes(parser.parse_args(flags.split())))
    assert from_cli == make_settings(options=flags)
    assert from_cli == make_settings(metrics=["R1", "R2", "SU4"], stem=True, confidence=90,
                                     resamples=300, bootstrap_seed=4)
    assert from_cli.to_dict()["bootstrap_seed"] == 4 and "seed" not in from_cli.to_dict()


@pytest.mark.parametrize("argv, message", [
    (["-3", "HM"], "Basic Element scoring (-3) is not supported"),
    (["-U", "-2", "4"], "-U (ROUGE-S and ROUGE-SU together) is not supported"),
    (["-M"], "-M (stem models only) is not supported"),
    (["-t", "1"], "-t 1 is not supported"),
    (["-t", "2"], "-t 2 is not supported"),
    (["-c", "0.95"], "confidence (--confidence) is a percentage"),
    (["--encoding", "nosuch"], "unknown encoding 'nosuch'"),
    (["-n", "2", "--metrics", "R1"], "not both"),
])
def test_rouge_cli_refusals_are_one_line(tmp_path, argv, message):
    (tmp_path / "s.txt").write_text("a b c\n")
    (tmp_path / "r.txt").write_text("a b d\n")
    code, _, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"), *argv])
    assert code != 0 and message in error_line(err)


@pytest.mark.parametrize(
    "keywords, message",
    [
        ({"scoring": "C"}, "scoring (--scoring) must be 'A' (average) or 'B' (best), not 'C'"),
        ({"alpha": 2}, "alpha (--alpha) must lie in [0, 1], not 2"),
        ({"confidence": 0.5}, "confidence (--confidence) is a percentage in (1, 100], not 0.5"),
        ({"resamples": 0}, "resamples (--resamples) must be at least 1, not 0"),
        ({"resamples": 10**9}, "resamples (--resamples) 1000000000 is absurdly large"),
        ({"bootstrap_seed": -1}, "bootstrap_seed (--bootstrap-seed) must be an integer in"),
        ({"length_words": -3}, "length_words (--length-words) must be a positive number, not -3"),
        ({"length_bytes": -3}, "length_bytes (--length-bytes) must be a positive number, not -3"),
    ],
)
def test_a_bad_rouge_value_names_the_keyword_and_the_flag(keywords, message):
    # "alpha must lie in [0, 1]" named the keyword alone, where the package's messages name
    # it and the command line's flag ("limit (--limit) must be positive, got 0")
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import make_settings

    with pytest.raises(RougeOptionError) as exc:
        make_settings("rouge155", **keywords)
    assert str(exc.value).startswith(message), str(exc.value)


@pytest.mark.parametrize("keywords", [
    {"resamples": 10**12}, {"confidence": 200}, {"alpha": 2}, {"bootstrap_seed": -1},
    {"length_words": 0}, {"resamples": "1000"}, {"metrics": ("ROUGE-1000",)},
])
def test_rouge_settings_built_directly_are_checked_as_make_settings_checks_them(keywords):
    # the public class took any value: resamples=10**12 reached the bootstrap (a MemoryError
    # of 7 TiB), confidence=200 an interval of no meaning
    with pytest.raises(RougeOptionError):
        make_settings("rouge155", **keywords)
    with pytest.raises(RougeOptionError):
        score_corpus([("a b c", ["a b d"])], settings=RougeSettings(**keywords))


@pytest.mark.parametrize("name", ["resamples", "trials"])
def test_a_bad_count_of_the_paired_tests_names_the_keyword_and_the_flag(name):
    # compare's --resamples and --trials (the paired tests' keywords): named by the keyword
    # alone, where the same check's "too few" message names both
    from summarizer.errors import OptionError
    from summarizer.metrics.significance import check_test_settings

    counts = {"resamples": 1000, "trials": 1000, name: 0}
    with pytest.raises(OptionError) as exc:
        check_test_settings(counts["resamples"], counts["trials"], 0)
    assert str(exc.value).startswith(f"{name} (--{name}) must be an integer from 1 to ")


def test_any_skip_distance_on_the_command_line(tmp_path):
    (tmp_path / "s.txt").write_text("a b c\n")
    (tmp_path / "r.txt").write_text("a c b\n")
    code, out, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"), "-x",
                              "-2", "-1", "--format", "json"])
    assert code == 0, err
    assert list(json.loads(out)["aggregate"]) == ["ROUGE-S*"]


def test_nothing_to_score_is_a_typed_error():
    with pytest.raises(InputError, match="no summaries to score"):
        rouge([], [])
    with pytest.raises(InputError, match="no summaries to score"):
        score_corpus(iter([]), mode="rouge-score")


def test_no_metric_at_all_is_refused():
    with pytest.raises(RougeOptionError, match="no metric"):
        parse_flags("-n 0 -x")


def test_metrics_is_usable_on_its_own():
    # a fresh interpreter: importing and using the metrics loads no summariser, torch or transformers
    code = (
        "import sys\n"
        "from summarizer.metrics import rouge\n"
        "r = rouge(['a b c'], ['a b d'], mode='rouge155', resamples=10)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', 'nltk')"
        " or m.startswith(('summarizer.summarizers', 'summarizer.evaluation', 'summarizer.documents')))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def _imports(path) -> list[tuple[str, bool]]:
    """(module, at module level) for every ``summarizer`` import in a file."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.level:  # relative: resolve inside the package
                pkg = path.parent.relative_to(path.parents[2]).as_posix().replace("/", ".")
                base = pkg.rsplit(".", node.level - 1)[0] if node.level > 1 else pkg
                names = [f"{base}.{node.module}"]
            elif node.module == "summarizer":  # from summarizer import textio
                names = [f"summarizer.{a.name}" for a in node.names]
            else:
                names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out += [(n, id(node) in top) for n in names if n.split(".")[0] == "summarizer"]
    return out


def test_metrics_sits_at_the_bottom_without_cycles():
    from pathlib import Path

    import summarizer.metrics as pkg

    root = Path(pkg.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        name = "summarizer." + path.relative_to(root.parent).with_suffix("").as_posix().replace("/", ".")
        name = name.removesuffix(".__init__")
        for module, top in _imports(path):
            # nothing above the metrics: only errors, version, the shared text reader and
            # the language table (its length units cut text for -l and length_chars), lazy
            # (the package's names imported on first use) and stem_cache (-m's bounded cache,
            # the faithfulness check's too); these two import no summarizer module
            assert module.startswith(("summarizer.metrics", "summarizer.errors", "summarizer.version",
                                      "summarizer.textio", "summarizer.languages",
                                      "summarizer.values", "summarizer.lazy",
                                      "summarizer.stem_cache")), (name, module)
            if top and module != name:
                graph.setdefault(name, set()).add(module)

    def visit(node: str, stack: list[str]) -> None:
        assert node not in stack, " -> ".join(stack + [node])
        for nxt in graph.get(node, ()):
            if nxt != "summarizer.metrics" and not node.startswith(nxt + "."):  # parent packages
                visit(nxt, stack + [node])

    for node in list(graph):
        visit(node, [])
