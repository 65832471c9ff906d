"""The library as a programmer uses it (seventh audit, eval/results/adversarial_audit.md):
typos named with their close match, typed errors from every entry point, results that
round-trip through JSON, the CLI's flags mirrored by the functions, and an import that
leaves the process as it found it."""

from __future__ import annotations

import re

import pytest
from helpers import run_cli

import summarizer
from summarizer.errors import (
    OptionError,
    RougeOptionError,
    SummarizerError,
    UnknownMethodError,
    did_you_mean,
)
from summarizer.evaluation import DatasetOptions

TEXTS = ["The river burst its banks on Sunday. Hundreds of families left their homes.",
         "Floods forced hundreds of families from their homes. Soldiers helped them."]


def test_did_you_mean_names_the_closest_choice_or_nothing():
    assert did_you_mean("diversity_wieght", ["alpha", "diversity_weight"]) == \
        " (did you mean 'diversity_weight'?)"
    assert did_you_mean("Diversity-Weight", iter(["alpha", "diversity_weight"])) == \
        " (did you mean 'diversity_weight'?)"
    assert did_you_mean("zzz", ["alpha"]) == ""
    assert did_you_mean(5, ["alpha"]) == ""


def _rouge(**options):
    from summarizer.metrics import rouge

    return rouge(["a b c"], [["a b d"]], **options)


def _make_settings(**options):
    from summarizer.metrics.settings import make_settings

    return make_settings(**options)


def _faithfulness(**options):
    from summarizer.faithfulness import check

    return check("Hundreds of families left.", TEXTS, embeddings=False, **options)


def _pack(**options):
    from summarizer.chunks import pack_sentences
    from summarizer.documents import to_cluster
    from summarizer.sentences import split_cluster

    sentences = split_cluster(to_cluster(TEXTS))
    return pack_sentences(sentences, lambda texts: [t.split() for t in texts], **options)


def _load_dataset(*options, **keywords):
    from pathlib import Path

    from summarizer.evaluation import load_dataset

    return load_dataset(Path(__file__).resolve().parent / "fixtures" / "duc", *options,
                        **keywords)


def _jsonl_cluster(tmp_path, **options):
    import json

    from summarizer.documents import load_cluster

    data = tmp_path / "c.jsonl"
    data.write_text(json.dumps({"documents": [{"body": t} for t in TEXTS]}) + "\n",
                    encoding="utf-8")
    return load_cluster(data, **options)


def _evaluate(method, tmp_path, **options):
    from summarizer.documents import Cluster, Document
    from summarizer.evaluation import evaluate

    cluster = Cluster([Document(TEXTS[0], id="a")], references=["A flood."], id="c1")
    return evaluate([cluster], method, out=tmp_path / "run", progress=False, **options)


@pytest.mark.parametrize("call, error, typo, meant", [
    (lambda p: summarizer.summarize(TEXTS, method="coverage", diversity_wieght=3),
     OptionError, "diversity_wieght", "diversity_weight"),
    (lambda p: summarizer.get_summarizer("mmr", lamda=0.5), OptionError, "lamda", "lam"),
    (lambda p: summarizer.summarize(TEXTS, "lexrnk"), UnknownMethodError, "lexrnk", "lexrank"),
    (lambda p: _evaluate("coverage", p, diversity_wieght=3), OptionError,
     "diversity_wieght", "diversity_weight"),
    (lambda p: _evaluate("textrnk", p), UnknownMethodError, "textrnk", "textrank"),
    (lambda p: _rouge(stemm=True), RougeOptionError, "stemm", "stem"),
    (lambda p: _rouge(mode="rouge_score"), UnknownMethodError, "rouge_score", "rouge-score"),
    (lambda p: _make_settings(remove_stopword=True), RougeOptionError, "remove_stopword",
     "remove_stopwords"),
    (lambda p: summarizer.get_summarizer("abstractive", strategy="map_reduce"),
     UnknownMethodError, "map_reduce", "map-reduce"),
    (lambda p: _load_dataset(limt=2), OptionError, "limt", "limit"),  # was a bare TypeError
    (lambda p: _faithfulness(min_suport=0.5), OptionError, "min_suport", "min_support"),
    (lambda p: _jsonl_cluster(p, text_feild="body"), summarizer.errors.InputError,
     "text_feild", "text_field"),
])
def test_a_typo_is_a_typed_error_naming_it_and_its_close_match(call, error, typo, meant,
                                                               tmp_path):
    with pytest.raises(error) as caught:
        call(tmp_path)
    assert isinstance(caught.value, SummarizerError)
    assert f"{typo!r} (did you mean {meant!r}?)" in str(caught.value)


@pytest.mark.parametrize("args, typo, meant", [
    (["summarize", "{seeds}", "--option", "diversity_wieght=3"], "diversity_wieght",
     "diversity_weight"),
    (["summarize", "{seeds}", "--method", "lexrnk"], "lexrnk", "lexrank"),
    (["batch", "{seeds}", "--out", "{out}", "--option", "diversity_wieght=3"],
     "diversity_wieght", "diversity_weight"),
])
def test_the_cli_names_a_typo_and_its_close_match(args, typo, meant, tmp_path):
    seeds = tmp_path / "a.txt"
    seeds.write_text("One sentence here. Another one there.", encoding="utf-8")
    args = [a.format(seeds=seeds, out=tmp_path / "out") for a in args]
    code, _, err = run_cli(args)
    assert code == 2 and f"{typo!r} (did you mean {meant!r}?)" in err and err.count("\n") == 1


@pytest.mark.slow
def test_the_wheel_ships_py_typed_so_type_checkers_use_the_hints(tmp_path):
    # PEP 561: without the marker mypy ignores the package's hints ("missing library stubs")
    import shutil
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    pytest.importorskip("setuptools", minversion="77", reason="the build needs setuptools>=77")
    repo = Path(__file__).resolve().parents[1]
    src = tmp_path / "src"  # built from a copy: the build leaves build/ and egg-info behind
    shutil.copytree(repo / "summarizer", src / "summarizer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(repo / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path / "dist"), str(src)],
                   check=True, capture_output=True)
    wheel, = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/py.typed" in names
    assert "summarizer/summarizers/data/learned_concepts.json" in names  # concept_model's


LAZY_PACKAGES = ["summarizer", "summarizer.batch", "summarizer.documents", "summarizer.metrics"]


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_lazy_name_is_exported_and_seen_by_type_checkers(package):
    # a name served by a module __getattr__ reads as Any to mypy and pyright unless the
    # package also imports it under TYPE_CHECKING (summarizer.get_summarizer, load_cluster
    # and summarize_dataset did): the checked client (tests/api_typing/client.py) shows why
    import ast
    import importlib
    import inspect

    module = importlib.import_module(package)
    tree = ast.parse(inspect.getsource(module))
    seen = {alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
            for stmt in node.body if isinstance(stmt, ast.ImportFrom)
            for alias in stmt.names}
    lazy = set(module._LAZY)
    assert lazy - seen == set()
    assert lazy <= set(module.__all__)
    for name in module.__all__:  # and every exported name resolves
        getattr(module, name)


PACKAGE_DIR = """\
import importlib, json, sys
package = importlib.import_module(sys.argv[1])
before = sorted(m for m in sys.modules if m.startswith("summarizer"))
names = dir(package)
after = sorted(m for m in sys.modules if m.startswith("summarizer"))
print(json.dumps({"before": before, "after": after, "dir": names}))
"""

# what importing each package loads of summarizer (documents: its data model, which reads text)
PACKAGE_LOADS = {"summarizer.batch": set(), "summarizer.metrics": set(),
                 # textio checks the type of a path, text or data given it with values'
                 # helpers (path_given, text_given, data_given)
                 "summarizer.documents": {"summarizer.documents.dates",
                                          "summarizer.documents.model", "summarizer.textio",
                                          "summarizer.values"}}


@pytest.mark.parametrize("package", LAZY_PACKAGES[1:])
def test_dir_lists_the_lazy_names_without_loading_them(package):
    # dir() and completion showed none of the names the package's __getattr__ serves
    # (summarize_dataset, load_cluster, rouge) until one had been used
    import importlib
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(summarizer.__file__).parent.parent
    done = subprocess.run([sys.executable, "-c", PACKAGE_DIR, package], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(root)), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout)
    module = importlib.import_module(package)
    assert set(module.__all__) <= set(seen["dir"])
    assert seen["after"] == seen["before"]  # listing loads nothing
    base = {"summarizer", "summarizer.errors", "summarizer.lazy", "summarizer.version", package}
    loaded = {m for m in seen["before"] if not m.startswith("summarizer.textio.")}
    assert loaded == base | PACKAGE_LOADS[package]


BARE_IMPORT = """\
import json, sys
import summarizer
loaded = sorted(m for m in sys.modules if m.startswith("summarizer"))
names = dir(summarizer)
# the README's dotted names, after nothing but the import above
found = [summarizer.batch.read_output, summarizer.summarizers.accepted_options,
         summarizer.runtime.blas_threads, summarizer.faithfulness.check,
         summarizer.languages.normalize_language, summarizer.metrics.rouge]
print(json.dumps({"loaded": loaded, "dir": names, "found": [f.__name__ for f in found]}))
"""


def test_a_bare_import_reaches_the_subpackages_without_loading_them():
    # summarizer.batch.read_output(DIR) and the like, as the README writes them, were
    # AttributeErrors after a plain `import summarizer`; loading the subpackages up front
    # would cost the cold start (issue 13), so they load on first access (PEP 562)
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    package = Path(summarizer.__file__).parent
    on_disk = {p.parent.name for p in package.glob("*/__init__.py")}
    assert on_disk <= set(summarizer._SUBMODULES)  # a new subpackage is reachable too
    done = subprocess.run([sys.executable, "-c", BARE_IMPORT], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(package.parent)), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout)
    assert seen["found"] == ["read_output", "accepted_options", "blas_threads", "check",
                             "normalize_language", "rouge"]
    assert set(seen["loaded"]) == {"summarizer", "summarizer.errors", "summarizer.lazy",
                                   "summarizer.version"}
    assert set(summarizer._SUBMODULES) <= set(seen["dir"])
    with pytest.raises(AttributeError, match="no attribute 'bach'"):
        summarizer.bach  # noqa: B018


MYPY_CONFIG = """\
[mypy]
python_version = 3.10
follow_imports = silent
ignore_missing_imports = True
warn_unused_ignores = True
[mypy-torch.*,transformers.*,datasets.*,numpy.*,scipy.*,ray.*,pyarrow.*,nltk.*,matplotlib.*,\
onnxruntime.*,tokenizers.*,huggingface_hub.*,pandas.*,regex.*,charset_normalizer.*,tqdm.*,\
threadpoolctl.*,accelerate.*,gguf.*,sentencepiece.*]
follow_imports = skip
"""


@pytest.mark.slow
def test_a_user_program_and_the_readme_examples_type_check(tmp_path):
    # mypy over a program using the public API as the README does (tests/api_typing/client.py,
    # which pins what each call returns) and over the README's Python blocks, one file in
    # order as a reader runs them. Errors inside the package are not this check's
    # (follow_imports=silent; the libraries under it skipped: 1.7 s cold here, not 28 s)
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    import subprocess
    import sys
    from pathlib import Path

    from readme_blocks import blocks

    repo = Path(__file__).resolve().parents[1]
    readme = [b.code for b in blocks(repo / "README.md") if b.lang == "python" and not b.skip]
    (tmp_path / "readme_examples.py").write_text("\n\n".join(readme) + "\n", encoding="utf-8")
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(tmp_path / "mypy.ini"),
         "--cache-dir", str(tmp_path / "cache"), str(repo / "tests" / "api_typing" / "client.py"),
         str(tmp_path / "readme_examples.py")],
        capture_output=True, text=True, cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_package_type_checks_under_its_own_config(tmp_path):
    # py.typed makes the package's hints what users' checkers read: `mypy summarizer` under
    # pyproject's [tool.mypy] (mypy's range pinned in the test extra) stays at zero errors,
    # a hint that stops being true fails here (4 s cold here: torch and transformers skipped)
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "summarizer"],
        capture_output=True, text=True, cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


SIDE_EFFECTS = r'''
import json, logging, os, sys, warnings
import numpy, torch
from threadpoolctl import threadpool_info

def state():
    root = logging.getLogger()
    return dict(
        environ=sorted(os.environ.items()), root_handlers=[repr(h) for h in root.handlers],
        root_level=root.level, warnings_filters=[repr(f) for f in warnings.filters],
        showwarning=repr(warnings.showwarning), excepthook=repr(sys.excepthook),
        loggers_with_handlers=sorted(name for name, lg in logging.root.manager.loggerDict.items()
                                     if getattr(lg, "handlers", None)),
        torch_threads=torch.get_num_threads(), torch_interop=torch.get_num_interop_threads(),
        torch_dtype=str(torch.get_default_dtype()), torch_grad=torch.is_grad_enabled(),
        torch_deterministic=torch.are_deterministic_algorithms_enabled(),
        blas_threads=[(i["internal_api"], i["num_threads"]) for i in threadpool_info()],
        numpy_errors=numpy.geterr(), recursion=sys.getrecursionlimit(),
        files=sorted(os.listdir(".")))

steps = {"start": state()}
import summarizer
import summarizer.batch, summarizer.documents, summarizer.evaluation, summarizer.metrics
steps["import"] = state()
text = summarizer.summarize(%r, words=20).text
summarizer.metrics.rouge([text], [["A flood drove families from their homes."]])
steps["summarize and rouge"] = state()
print(json.dumps(steps))
'''


@pytest.mark.slow
def test_import_and_a_call_leave_the_process_as_they_found_it(tmp_path):
    # a library must not configure the user's process: no files written, no handlers on
    # the root logger, no global warnings filters, no environment variables, no torch or
    # BLAS thread counts changed (runtime.blas_threads holds BLAS only while a job runs)
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_PROGRESS"}
    done = subprocess.run([sys.executable, "-c", SIDE_EFFECTS % (TEXTS,)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    start = steps.pop("start")
    for step, state in steps.items():
        changed = {k: (start[k], v) for k, v in state.items() if v != start[k]}
        assert changed == {}, f"{step} changed the process: {changed}"


def _batch(tmp_path, **kwargs):
    import json

    from summarizer.batch import summarize_dataset

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "documents": TEXTS}) + "\n", encoding="utf-8")
    return summarize_dataset(source, tmp_path / "out", progress=False, **kwargs)


@pytest.mark.parametrize("call, error, message", [
    # taken and never used: the TF-IDF methods embed nothing, so any name passed
    (lambda p: summarizer.get_summarizer("lexrank", encoder="all-MiniLM-L6-v2-int8"),
     OptionError, "encoder='all-MiniLM-L6-v2-int8' is for representation 'embedding'"),
    (lambda p: summarizer.get_summarizer("lead", encoder="no-such-model"), OptionError,
     "method 'lead' uses 'tfidf'"),
    (lambda p: summarizer.get_summarizer("coverage", representation=""), SummarizerError,
     "unknown representation ''"),
    (lambda p: summarizer.get_summarizer("lexrank", threshold=5), SummarizerError,
     "threshold is a cosine similarity"),
    (lambda p: summarizer.get_summarizer("centroid", max_sentences=10**30), OptionError,
     "'max_sentences' must be int (64-bit) or null"),
    # a Literal option names the values it takes (it said "must be Literal, not 'svd'")
    (lambda p: summarizer.get_summarizer("coverage", concept_weighting="svd"), OptionError,
     "'concept_weighting' must be 'df' or 'lsa' or 'lsa-df' or 'learned' or 'learned-df', "
     "not 'svd'"),
    (lambda p: summarizer.get_summarizer("coverage", lsa_rank="budgt"), OptionError,
     "must be 'budget' or int (64-bit) or a finite number, not 'budgt' (did you mean 'budget'?)"),
    # a seed's range has one wording: 2**70 said "must be int (64-bit) or null", 2**40 this
    (lambda p: summarizer.get_summarizer("abstractive", model="x/y", seed=2**70), SummarizerError,
     "seed must be an integer from 0 to 4294967295"),
    (lambda p: summarizer.Budget(words=100, truncate="no"), summarizer.errors.BudgetError,
     "truncate must be True or False"),
    (lambda p: _rouge(ids="a"), summarizer.errors.InputError, "ids must be a list"),
    (lambda p: _rouge(eval_order="1"), summarizer.errors.InputError, "eval_order must be a list"),
    (lambda p: _rouge(progress="no"), summarizer.errors.InputError, "'progress' must be bool"),
    (lambda p: _rouge(metrics=True), RougeOptionError, "metrics (names such as 'ROUGE-2') must be a list, not bool True"),
    (lambda p: _rouge(options=3), RougeOptionError, "options is a ROUGE-1.5.5 flag string"),
    (lambda p: _rouge(options=[5]), RougeOptionError, "options is a ROUGE-1.5.5 flag string"),
    (lambda p: _rouge(backend="rouge-score-r"), RougeOptionError,
     "unknown backend 'rouge-score-r' (did you mean"),
    (lambda p: _evaluate("coverage", p, rouge=1.0), SummarizerError,
     "rouge must be a RougeSettings or None"),
    (lambda p: _evaluate("coverage", p, dataset_options=3), SummarizerError,
     "dataset_options must be a DatasetOptions or None"),
    # worded as summarize(text, 5) and summarize_dataset(..., 5) word it
    (lambda p: _evaluate(5, p), summarizer.errors.UnknownMethodError,
     "unknown method 5; choose one of: lead"),
    (lambda p: _evaluate("coverage", p, num_workers={}), OptionError, "'num_workers' must be"),
    (lambda p: _batch(p, num_workers=[2]), OptionError, "'num_workers' must be"),
    (lambda p: _faithfulness(min_support="high"), OptionError,
     "'min_support' must be a finite number"),  # a TypeError in the comparison
    (lambda p: _faithfulness(min_support=5), OptionError, "min_support must be in [0, 1]"),
    (lambda p: _pack(limit=0), OptionError, "chunk limit must be positive"),  # a ValueError
    (lambda p: _load_dataset(DatasetOptions(), limit=2), OptionError,
     "give options or keywords, not both"),  # the keywords were dropped
    (lambda p: _batch(p, preset="multi_nwes"), OptionError,
     "unknown preset 'multi_nwes' (did you mean 'multi_news'?)"),
])
def test_a_wrong_value_is_a_typed_error_not_ignored_or_a_crash(call, error, message, tmp_path):
    # each was accepted and ignored, or failed deep inside with an AttributeError/TypeError
    with pytest.raises(error) as caught:
        call(tmp_path)
    assert isinstance(caught.value, SummarizerError)
    assert message in str(caught.value)


# ---------------------------------------------------------------- random keyword arguments
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**31, 10**31), st.sampled_from([0, 1, 2, -1, 100]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5),
    st.sampled_from(["", "abc", "1", "nan", "A", "unicode", "tfidf"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(),
                                                         max_size=1))
FAST_METHODS = ["lead", "centroid", "lexrank", "textrank", "mmr", "coverage", "ilp", "submodular",
                "occams", "dpp"]


def _keywords(names):
    typos = st.text(alphabet="abcdefghij_", min_size=1, max_size=8)
    return st.dictionaries(st.one_of(st.sampled_from(sorted(names)), typos), ODD_VALUES,
                           max_size=3)


def _summary_or_typed_error(call, **kwargs):
    try:
        return call(**kwargs)
    except SummarizerError:
        return None  # anything else (TypeError, AttributeError, KeyError ...) fails the test


def _parameters(function, leave_out=()):
    import inspect

    return [name for name, p in inspect.signature(function).parameters.items()
            if p.kind is not p.VAR_KEYWORD and name not in leave_out]


@pytest.mark.parametrize("method", FAST_METHODS)
def test_random_options_give_a_summary_or_a_typed_error(method):
    from summarizer.summarizers import accepted_options

    @FUZZ
    @given(_keywords(accepted_options(method) or []))
    def check(options):
        found = _summary_or_typed_error(summarizer.summarize, data=TEXTS, method=method,
                                        words=30, **options)
        assert found is None or isinstance(found, summarizer.Summary)
    check()


def test_random_keywords_of_summarize_and_rouge_give_a_result_or_a_typed_error():
    from summarizer.metrics import RougeSettings, rouge, score_pair
    from summarizer.metrics.settings import make_settings

    fields = list(RougeSettings.__dataclass_fields__)

    @FUZZ
    @given(_keywords(_parameters(summarizer.summarize, {"data"})),
           _keywords([*_parameters(rouge, {"systems", "references"}),
                      *_parameters(make_settings), *fields]),
           _keywords(fields), _keywords(["words", "chars", "bytes", "sentences", "truncate"]))
    def check(summarize_kw, rouge_kw, pair_kw, budget_kw):
        _summary_or_typed_error(summarizer.summarize, data=TEXTS, **summarize_kw)
        _summary_or_typed_error(rouge, systems=["a flood drove families"],
                                references=[["families left after a flood"]], **rouge_kw)
        _summary_or_typed_error(score_pair, summary="a b c", references="a b d", **pair_kw)
        if set(budget_kw) <= {"words", "chars", "bytes", "sentences", "truncate"}:
            _summary_or_typed_error(summarizer.Budget, **budget_kw)  # a class: no typos
    check()


def test_random_keywords_of_evaluate_and_batch_give_a_result_or_a_typed_error(tmp_path):
    import itertools
    import json

    from summarizer.batch import summarize_dataset
    from summarizer.documents import Cluster, Document
    from summarizer.evaluation import evaluate

    clusters = [Cluster([Document(t, id=f"d{i}") for i, t in enumerate(TEXTS)],
                        references=["A flood drove families out."], id="c1")]
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "documents": TEXTS}) + "\n", encoding="utf-8")
    runs = itertools.count()
    ray = {"engine", "address"}  # a right value would start Ray

    @settings(FUZZ, max_examples=25)
    @given(_keywords(_parameters(evaluate, {"dataset", "out", "progress", *ray})),
           _keywords(_parameters(summarize_dataset, {"input", "out", "progress", *ray})))
    def check(evaluate_kw, batch_kw):
        _summary_or_typed_error(evaluate, dataset=clusters, out=tmp_path / f"e{next(runs)}",
                                progress=False, **evaluate_kw)
        _summary_or_typed_error(summarize_dataset, input=source,
                                out=tmp_path / f"b{next(runs)}", progress=False, **batch_kw)
    check()


# ---------------------------------------------------------------- the CLI mirrors the library
# flags with no keyword of their own: output and input plumbing, shorthands of a keyword
CLI_ONLY = {
    "summarize": {"paths": "data", "format": "Summary.to_dict()", "option": "**options"},
    "evaluate": {"dataset": "dataset", "option": "**options",
                 "summaries": "method='precomputed:DIR'", "budget": "words=/bytes=/..."},
    "batch": {"input": "input", "option": "**options"},
    "rouge": {"system": "systems", "references": "references", "format": "RougeReport.to_json()",
              "system_id": "ROUGE-1.5.5 peer id of --format perl", "lines": "a list per line",
              "per_summary": "RougeReport.to_dict(per_summary)", "encoding": "textio decoding",
              "compare": "compare_reports(a, b)"},
}
PERL_FLAG = re.compile(r"^(rouge_perl_\w+|[3zUM])$")  # make_settings(options="-n 2 -m ...")


def _library_defaults(command):
    """keyword -> default of what a CLI command calls."""
    import dataclasses
    import inspect

    from summarizer.batch import summarize_dataset
    from summarizer.evaluation import DatasetOptions, evaluate
    from summarizer.metrics import RougeSettings, compare_reports, rouge
    from summarizer.summarizers import accepted_options

    function = {"summarize": summarizer.summarize, "evaluate": evaluate,
                "batch": summarize_dataset, "rouge": rouge}[command]
    found = {name: p.default for name, p in inspect.signature(function).parameters.items()}
    found["method"] = found.get("method") or summarizer.summarizers.DEFAULT_METHOD
    found.update({f"rouge_{f.name}": f.default for f in dataclasses.fields(RougeSettings)})
    found.update(dict.fromkeys(accepted_options("abstractive"), None))  # --model, --strategy
    if command == "evaluate":
        found.update({f.name: f.default for f in dataclasses.fields(DatasetOptions)})
    if command == "rouge":
        found["rouge_mode"] = found["mode"]
        found["significance_seed"] = (
            inspect.signature(compare_reports).parameters["significance_seed"].default)
    return found


@pytest.mark.parametrize("command", ["summarize", "evaluate", "batch", "rouge"])
def test_every_flag_has_a_library_keyword_of_the_same_name_and_default(command):
    # sacrebleu's rule: the command line is the library's keywords; --no-X is X=False.
    # summarize --no-clean and --text-field had no keyword in summarize()
    import argparse

    from summarizer.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    library = _library_defaults(command)
    for action in sub.choices[command]._actions:
        name = action.dest
        if isinstance(action, argparse._HelpAction) or name in CLI_ONLY[command]:
            continue
        if PERL_FLAG.match(name):
            continue
        default = action.default
        if name.startswith("no_") and action.default is False:  # --no-clean: clean=True
            name, default = name[3:], True
        assert name in library, f"{command} --{action.dest}: no keyword {name!r}"
        if default is not None and library[name] is not None:
            assert default == library[name], f"{command} --{action.dest}: {default!r} " \
                f"against the library's {library[name]!r}"


@pytest.mark.parametrize("flags, keywords", [
    ([], {}),
    (["--method", "lexrank", "--bytes", "300", "--truncate"],
     dict(method="lexrank", bytes=300, truncate=True)),
    (["--method", "lead", "--sentences", "2", "--no-clean"],
     dict(method="lead", sentences=2, clean=False)),
    (["--method", "mmr", "--option", "lam=0.5", "--words", "40", "--language", "en"],
     dict(method="mmr", lam=0.5, words=40, language="en")),
])
def test_the_cli_prints_what_the_library_returns(flags, keywords, tmp_path):
    import json
    from pathlib import Path

    seeds = str(Path(__file__).resolve().parents[1] / "seeds")
    code, out, err = run_cli(["summarize", seeds, "--format", "json", *flags])
    assert code == 0, err
    printed = json.loads(out)
    for own in ("input", "package_version", "code_fingerprint"):  # the CLI's own record
        printed.pop(own)
    # the command holds BLAS to one thread (its scores then do not depend on the machine's
    # thread count, 4b84c82); a library caller does so with blas_threads, as the README says
    from summarizer.runtime import blas_threads

    with blas_threads(1):
        returned = json.loads(json.dumps(summarizer.summarize(seeds, **keywords).to_dict()))
    assert printed == returned


def test_summarize_takes_the_jsonl_text_field_as_the_cli_does(tmp_path):
    import json

    data = tmp_path / "c.jsonl"
    data.write_text(json.dumps({"id": "c", "documents": [{"body": t} for t in TEXTS]}) + "\n",
                    encoding="utf-8")
    summary = summarizer.summarize(data, text_field="body", words=15)
    code, out, err = run_cli(["summarize", str(data), "--text-field", "body", "--words", "15"])
    assert code == 0 and out.strip() == summary.text != "", err
    with pytest.raises(summarizer.errors.InputError, match="text_field='body' is for .jsonl"):
        summarizer.summarize(TEXTS, text_field="body")  # it would be ignored
    # any iterable of paths, as summarize() takes (an iterator was refused as texts)
    assert summarizer.summarize(iter([data]), text_field="body", words=15).text == summary.text
    for texts in (iter(TEXTS), summarizer.Document(id="d", text=TEXTS[0]), TEXTS[0]):
        with pytest.raises(summarizer.errors.InputError, match="text_field='body' is for"):
            summarizer.summarize(texts, text_field="body")


# ---------------------------------------------------------------- results round-trip
@pytest.mark.parametrize("method, keywords", [
    ("coverage", {}), ("lexrank", dict(bytes=120, truncate=True)), ("lead", dict(sentences=1)),
    ("coverage", dict(compress=True, words=30)),  # Edit objects in its sentences
])
def test_a_summary_round_trips_through_json(method, keywords):
    import json

    from summarizer.summarizers import Summary

    texts = [TEXTS[0].replace("on Sunday", "on Sunday, officials said"), TEXTS[1]]
    summary = summarizer.summarize(texts, method, **keywords)
    again = Summary.from_dict(json.loads(json.dumps(summary.to_dict())))
    assert again == summary and again.text == summary.text


def test_a_rouge_report_round_trips_through_json():
    import json

    from summarizer.metrics import RougeReport, rouge

    report = rouge(["a flood drove families out", "soldiers helped"],
                   [["families left after a flood"], ["the army helped them"]],
                   metrics=["ROUGE-1", "ROUGE-W-1.5"], stem=True, ids=["c1", "c2"])
    again = RougeReport.from_dict(json.loads(report.to_json()))
    assert again.to_dict() == report.to_dict() and again.signature == report.signature
    assert (again.scores == report.scores).all()
    with pytest.raises(summarizer.errors.InputError, match="per-summary scores"):
        RougeReport.from_dict(report.to_dict(per_summary=False))
    with pytest.raises(summarizer.errors.InputError, match="not a summary's to_dict"):
        summarizer.Summary.from_dict({"sentences": []})


@pytest.mark.parametrize("call", [
    lambda: summarizer.Summary.from_dict({"sentences": [], "method": "x", "budget": "words"}),
    lambda: summarizer.Budget.from_dict(None),
    lambda: summarizer.Budget.from_dict(["words", 100]),
    lambda: __import__("summarizer.metrics").metrics.RougeReport.from_dict(None),
    lambda: __import__("summarizer.metrics").metrics.RougeReport.from_dict(
        {"per_summary": [], "settings": "rouge155", "aggregate": {}}),
])
def test_from_dict_of_something_else_is_a_typed_error(call):
    # each was a bare AttributeError or TypeError ('str' object has no attribute 'get')
    with pytest.raises(SummarizerError, match="not a"):
        call()


# ---------------------------------------------------------------- odd but well-typed input
ODD_PIECES = ["", " ", "word", "!!!", "...", "?!", "A.", "Hello world.", "1 2 3.", "\n", "—",
              "Mr. Smith went to Washington.", "😀", "数据。", "a" * 300, "x. " * 50, "\u200b",
              "The cat sat on the mat. It was happy.", "Ünïcödé wörds hère.", "e.g. i.e. etc.",
              "(", '"', "https://example.com/a.b", "3.14", "$5"]
ODD_BUDGETS = st.one_of(
    st.builds(dict, words=st.integers(1, 400)), st.builds(dict, chars=st.integers(1, 400)),
    st.builds(dict, bytes=st.integers(1, 2000)), st.builds(dict, sentences=st.integers(1, 30)),
    st.builds(dict, words=st.integers(1, 400), truncate=st.just(True)),
    st.builds(dict, bytes=st.integers(1, 2000), truncate=st.just(True)))


@FUZZ
@given(st.lists(st.lists(st.sampled_from(ODD_PIECES), min_size=1, max_size=6).map(" ".join),
                max_size=4),
       ODD_BUDGETS, st.sampled_from(FAST_METHODS), st.sampled_from([None, "en", "de", "zh"]))
def test_odd_documents_give_a_summary_within_budget_or_a_typed_error(texts, budget, method,
                                                                     language):
    # empty lists, one word, all punctuation, a budget of 1 or far above the input
    from summarizer.metrics import rouge

    summary = _summary_or_typed_error(summarizer.summarize, data=texts, method=method,
                                      language=language, **budget)
    if summary is not None:
        assert summary.budget.fits([s.text for s in summary.sentences])
        if summary.text:
            _summary_or_typed_error(rouge, systems=[summary.text, ""],
                                    references=[[texts[0]], [texts[-1]]])


def test_evaluate_takes_language_as_summarize_and_summarize_dataset_do(tmp_path):
    # evaluate(..., language="de") went to the summariser: "method 'lead' has no option"
    from pathlib import Path

    from summarizer.errors import UnknownLanguageError
    from summarizer.evaluation import evaluate

    duc = Path(__file__).resolve().parent / "fixtures" / "duc"
    with pytest.warns(UserWarning, match="look like english, but are read as german"):
        run = evaluate(duc, "lead", out=tmp_path / "run", progress=False, language="de")
    assert run.report.dataset.options["language"] == "german"
    with pytest.raises(UnknownLanguageError, match="unknown language 'germna'"):
        evaluate(duc, "lead", out=tmp_path / "other", progress=False, language="germna")


def test_every_name_the_readme_uses_is_in_its_module_all():
    # the README's examples import only public names (a private helper is never needed for
    # a documented task), and what they import is what __all__ exports
    import ast
    import importlib
    from pathlib import Path

    from readme_blocks import blocks

    readme = Path(__file__).resolve().parents[1] / "README.md"
    used: set[tuple[str, str]] = set()
    for block in blocks(readme):
        if block.lang != "python":
            continue
        for node in ast.walk(ast.parse(block.code)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summarizer"):
                used.update((node.module, a.name) for a in node.names)
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id == "summarizer"):
                used.add(("summarizer", node.attr))
    assert len(used) > 20
    for module, name in sorted(used):
        assert not name.startswith("_"), (module, name)
        assert name in importlib.import_module(module).__all__, (module, name)


@pytest.mark.parametrize("flags, keywords", [
    (["--stem", "-n", "3"], dict(stem=True, options="-n 3")),
    (["--mode", "rouge-score", "--metrics", "rouge1,rougeLsum"],
     dict(mode="rouge-score", metrics=["rouge1", "rougeLsum"])),
    (["--length-words", "5", "--scoring", "B", "--alpha", "0.8"],
     dict(length_words=5, scoring="B", alpha=0.8)),
])
def test_the_rouge_cli_prints_what_rouge_returns(flags, keywords, tmp_path):
    import json

    from summarizer.metrics import rouge

    system, reference = "the cat sat on the mat\nit was warm", "a cat sat on a mat\nthe day was warm"
    (tmp_path / "s.txt").write_text(system + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(reference + "\n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"),
                              "--format", "json", "--per-summary", *flags])
    assert code == 0, err
    printed = json.loads(out)
    returned = json.loads(rouge([system], [[reference]], ids=["s.txt"], **keywords).to_json())
    assert printed == returned
