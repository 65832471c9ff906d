"""Generated files and option combinations given to the library and the CLI.

Files: binary noise, UTF-16 with and without its BOM, UTF-8 cut inside a character, gzip
of noise or of text (whole or cut short), empty, one huge line, JSONL with any JSON values
in its fields. Options: every budget flag with any number, --truncate, --method,
--language, and --option KEY=VALUE with the methods' own keys, misspelt keys and any value.

The library returns a summary or raises an InputError (the file's fault, never an option's). The command exits 0 with a
summary on stdout, or non-zero with one line on stderr saying why (argparse's usage
errors too); never a traceback, never the "internal error" of an unexpected exception
(SUMMARIZER_DEBUG makes one escape here, so that the test fails on it).
"""

from __future__ import annotations

import gzip
import json

import pytest
from fuzz_text import QUICK, data_error, json_values, news_text
from helpers import filled, run_cli
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

import summarizer
from summarizer.errors import SummarizerError
from summarizer.summarizers import accepted_options

NEWS = ("The council met on Monday. It approved the budget for the new flood barrier. "
        "Work starts in spring, officials said. Residents welcomed the plan.\n")
METHODS = ["lead", "centroid", "lexrank", "textrank", "mmr", "coverage", "ilp"]
OPTION_KEYS = sorted({k for m in METHODS for k in accepted_options(m)} - {"encoder"})

ANY_JSON = json_values(nan=True, leaves=6)


def _gzip_cut(data: bytes, keep: float) -> bytes:
    packed = gzip.compress(data)
    return packed[: max(1, int(len(packed) * keep))]


contents = st.one_of(
    st.binary(max_size=300),
    news_text.map(lambda t: t.encode("utf-16")),
    news_text.map(lambda t: t.encode("utf-16-le")),
    news_text.map(lambda t: t.encode("utf-16-be")),
    st.tuples(news_text, st.integers(1, 3)).map(lambda p: p[0].encode()[:-p[1]] or b"\xc3"),
    st.tuples(st.binary(max_size=200) | news_text.map(str.encode),
              st.sampled_from([1.0, 0.5, 0.9])).map(lambda p: _gzip_cut(*p)),
    st.just(b""),
    st.integers(1, 200_000).map(lambda n: (NEWS.strip() + " ") * (n // 80 + 1)).map(str.encode),
    news_text.map(str.encode),
    st.lists(st.fixed_dictionaries({}, optional={"id": ANY_JSON, "text": ANY_JSON,
                                                 "documents": ANY_JSON,
                                                 "title": ANY_JSON, "date": ANY_JSON,
                                                 "language": ANY_JSON,
                                                 "references": ANY_JSON}),
             min_size=1, max_size=3).map(lambda rows: "\n".join(map(json.dumps, rows)).encode()),
)
suffixes = st.sampled_from([".txt", ".jsonl", ".gz", ".jsonl.gz", ".html", ""])
# mostly what users type (so that most commands get past argparse), sometimes not
numbers = st.one_of(st.integers(1, 400), st.integers(1, 400), st.integers(-2, 0),
                    st.integers(10**5, 10**12), st.sampled_from(["1e3", "x", " 5", "٣"])).map(str)
budget_flags = st.one_of(
    st.just([]),
    st.tuples(st.sampled_from(["--words", "--chars", "--bytes", "--sentences"]), numbers),
    st.tuples(st.sampled_from(["--words", "--chars", "--bytes", "--sentences"]), numbers),
    st.just(("--words", "40", "--bytes", "300")),  # two budgets: argparse refuses
).map(list)
option_values = st.one_of(st.integers(-5, 50), st.floats(-2, 2), st.booleans(), st.none(),
                          st.sampled_from(["tfidf", "embedding", "coherent", "document", "df",
                                           "highs", "[1, 2]"]), ANY_JSON)
option_args = st.lists(
    st.tuples(st.sampled_from(OPTION_KEYS) | st.sampled_from(["lamda", "min-words", "x", "="])
              | st.text(max_size=6),
              st.builds(json.dumps, option_values) | st.text(max_size=10)),
    max_size=3).map(lambda pairs: [x for k, v in pairs for x in ("--option", f"{k}={v}")])


def check_command(argv: list[str]) -> None:
    """Runs ``summarizer ARGV``: a summary on stdout, or a failure that says why in one
    ``error`` line (the other lines, warnings and notes, name the program too)."""
    code, out, err = run_cli(argv, lines=None)
    event(f"exit {code}")
    if code == 0:
        assert out.strip(), argv
    else:
        lines = err.strip().splitlines()
        assert lines, (argv, "a failure must say why")
        assert all(ln.startswith("summarizer") for ln in lines), (argv, err)
        assert sum("error" in ln for ln in lines) == 1, (argv, err)


@QUICK
@example(data=NEWS.encode(), suffix=".txt", method="centroid", budget=[], truncate=False,
         options=["--option", "compress=0.5"], language=[])  # 'float' object is not iterable
@given(data=contents, suffix=suffixes, method=st.sampled_from(METHODS + ["Lead", "lexrnk"]),
       budget=budget_flags, truncate=st.booleans(), options=option_args,
       language=st.sampled_from([[], ["--language", "zh"], ["--language", "klingon"]]))
def test_summarize_command(tmp_path_factory, data, suffix, method, budget, truncate, options,
                           language):
    path = tmp_path_factory.mktemp("in") / f"news{suffix}"
    path.write_bytes(data)
    argv = ["summarize", str(path), "--method", method, *budget, *options, *language]
    check_command(argv + ["--truncate"] * truncate)


@QUICK
@given(data=contents, suffix=suffixes, method=st.sampled_from(METHODS))
def test_summarize_call_on_files(tmp_path_factory, data, suffix, method):
    path = tmp_path_factory.mktemp("in") / f"news{suffix}"
    path.write_bytes(data)
    try:
        summary = summarizer.summarize(path, method, words=30)
    except SummarizerError as exc:  # only the file varies: its fault, never an option's
        event(data_error(exc))
        return
    event("summary")
    assert isinstance(summary.text, str) and len(summary.text.split()) <= 30


rouge_flags = st.lists(st.sampled_from([
    ["-n", "2"], ["-n", "0"], ["-2", "4", "-u"], ["-m"], ["-s"], ["-l", "N"], ["-b", "N"],
    ["--length-chars", "N"], ["-w", "1.2"], ["-f", "B"], ["-p", "N"], ["-r", "N"], ["-c", "N"],
    ["--tokenizer", "unicode"], ["--mode", "rouge-score"], ["--lines"], ["--format", "json"],
    ["--format", "perl"], ["--per-summary"], ["--metrics", "R1,RL"], ["--metrics", "R9"],
    ["--encoding", "cp1252"], ["--encoding", "nope"], ["-3"]]), max_size=4)


@QUICK
@given(system=contents, references=st.lists(contents, min_size=1, max_size=2),
       flags=rouge_flags, values=st.lists(numbers, min_size=4, max_size=4))
def test_rouge_command(tmp_path_factory, rouge_data, system, references, flags, values):
    folder = tmp_path_factory.mktemp("rouge")
    paths = []
    for i, data in enumerate([system, *references]):
        paths.append(folder / f"s{i}.txt")
        paths[-1].write_bytes(data)
    check_command(["rouge", *map(str, paths), "-e", str(rouge_data), *filled(flags, values)])


records = st.lists(st.fixed_dictionaries({
    "id": st.text("abc", min_size=1, max_size=3) | st.integers(0, 3),
    "documents": st.lists(news_text, min_size=1, max_size=2) | st.just(["Floods hit."]) | ANY_JSON,
    "references": st.lists(news_text, min_size=1, max_size=2) | ANY_JSON,
}), min_size=1, max_size=3).map(lambda rows: "\n".join(map(json.dumps, rows)).encode())


@pytest.mark.slow
@settings(QUICK, max_examples=max(10, QUICK.max_examples // 4))
@given(data=st.one_of(records, records, records, contents), method=st.sampled_from(["lead", "textrank"]),
       budget=budget_flags, truncate=st.booleans(), flags=rouge_flags,
       values=st.lists(numbers, min_size=4, max_size=4))
def test_evaluate_command(tmp_path_factory, data, method, budget, truncate, flags, values):
    folder = tmp_path_factory.mktemp("eval")
    (folder / "data.jsonl").write_bytes(data)
    argv = ["evaluate", str(folder / "data.jsonl"), "--method", method, "--out",
            str(folder / "run"), "--no-progress", "--resamples", "10", *budget,
            *["--truncate"] * truncate]
    # rouge's flags that evaluate lacks give way, keeping their values' places
    kept = [[] if flag[0] in ("--lines", "--format", "--per-summary", "--encoding", "-e")
            else flag for flag in flags]
    check_command(argv + filled(kept, values))
