"""Reproducibility checks: what must not change a summary, and whether it did.

Usage::

    python eval/reproducibility.py [--data ../shared/data/tac2011_multiling] [--quick]
        [--ray] [--out eval/results/reproducibility.md]

About 20 minutes on two shared cores (``--quick``: 5); run it under the shared CPU lock.

Each row of the table is one check, run on TAC 2011 clusters of several languages and the
seed article, at two budgets (100 words; 250 words truncated), for the method option sets
in ``CONFIGS`` (every method; coverage with compress, stem_prefix, the three orders,
dangling, TF-IDF ...) and a tiny random-weight BART for ``abstractive`` (greedy and
sampled). A case "differs" when the whole ``Summary.to_dict()`` differs (timings left out:
the solver's and generation's seconds and tokens per second); for the thread counts, where floating-point sums may round
differently, the text and provenance (document, sentence) are compared apart from the
sentence scores, whose largest change is shown.

* hash seed: fresh processes with ``PYTHONHASHSEED`` 0, 1, 12345 and random;
* BLAS/OpenMP threads 1 against 2 (``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``,
  ``MKL_NUM_THREADS``, and ``torch.set_num_threads``), with the MiniLM encoders too;
* reuse: one object over every case (in reverse order) against a fresh one per case;
  pickled copies (before and after use); two threads sharing one object;
* settings: every option of every extractive method changed alone changes ``settings()``
  (what the evaluate and batch fingerprints hash); options that cannot change the output
  (progress, workers, batch sizes) leave the fingerprints alone;
* order: dated documents given in another order give the same summary; undated ones are
  read in the order given (their chronology), so the summary may change (counted, not a
  failure);
* the commands: ``evaluate`` and ``batch`` under two hash seeds (report, results and
  rows, timings left out), ``batch`` over the rows in reverse order in batches of 3, and
  with ``--ray`` on two Ray workers; resuming ``evaluate`` and ``batch`` with other
  progress and batch-size settings (accepted, as they change no summary).

Exit status 1 when a check that must hold fails.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, emit_report, missing_tac, run_script  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
SEED_ARTICLE = REPO / "seeds" / "panama_migration_meeting.txt"
LANGUAGES = ["english", "czech", "arabic", "greek", "hindi", "hebrew", "french"]
CONFIGS: list[tuple[str, dict[str, Any]]] = [
    ("lead", {}), ("lead", {"mode": "newest"}), ("lead", {"compress": True}),
    ("centroid", {}), ("centroid", {"order": "readable", "dangling": "all"}),
    ("mmr", {}), ("mmr", {"lam": 0.5, "representation": "tfidf"}),
    ("lexrank", {}), ("lexrank", {"threshold": 0.1}), ("textrank", {}),
    ("ilp", {}), ("ilp", {"stem_prefix": 5}), ("ilp", {"solver": "greedy"}),
    ("coverage", {}), ("coverage", {"compress": True}),
    ("coverage", {"stem_prefix": 5, "background": None}),
    ("coverage", {"order": "coherent"}), ("coverage", {"order": "salience"}),
    ("coverage", {"dangling": "all"}), ("coverage", {"representation": "tfidf"}),
    ("coverage", {"compress": True, "stem_prefix": 4, "order": "coherent", "background": None}),
]
ENCODER_CONFIGS: list[tuple[str, dict[str, Any]]] = [
    ("coverage", {"encoder": "all-MiniLM-L6-v2-int8"}),
    ("lexrank", {"representation": "embedding", "encoder": "all-MiniLM-L6-v2-int8"}),
    ("coverage", {"encoder": "all-MiniLM-L6-v2"}),  # fp32 on torch
]
HASH_SEEDS = ["0", "1", "12345", "random"]
THREADS_1 = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# -- cases ------------------------------------------------------------------------------
def load_clusters(data: Path, languages: list[str], per_language: int) -> list[Any]:
    from summarizer.documents import load_cluster, load_tac2011

    clusters = []
    for lang in languages:
        found = load_tac2011(data, lang)
        step = max(len(found) // per_language, 1)
        clusters += found[::step][:per_language]
    clusters.append(load_cluster([SEED_ARTICLE]))
    return clusters


def budgets() -> list[Any]:
    from summarizer.summarizers import make_budget

    return [make_budget(words=100), make_budget(words=250, truncate=True)]


def as_record(summary: Any) -> dict[str, Any]:
    return _without_timings(summary.to_dict())


def output_of(record: dict[str, Any]) -> str:
    """The text and provenance of a summary, without the sentence scores."""
    return json.dumps([record["text"], [(s["doc_id"], s["sentence_index"], s["start"], s["end"])
                                        for s in record["sentences"]]])


def dumped(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, default=str)


def tiny_bart(folder: Path) -> Path:
    """A random-weight 2-layer BART with a tokenizer trained on the seed article, saved."""
    import torch
    from bench_abstractive import bart_large_cnn_config, train_tokenizer
    from transformers import BartForConditionalGeneration

    torch.manual_seed(0)
    tokenizer = train_tokenizer(SEED_ARTICLE.read_text(encoding="utf-8"))
    config = bart_large_cnn_config(small=True)
    config.vocab_size = len(tokenizer)
    model = BartForConditionalGeneration(config)
    # random weights end at once; suppressing the specials makes them write every token
    model.generation_config.suppress_tokens = list(tokenizer.all_special_ids)
    model.generation_config.forced_eos_token_id = None
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def abstractive_configs(model: Path | None) -> list[tuple[str, dict[str, Any]]]:
    if model is None:
        return []
    fast = {"model": str(model), "num_beams": 1, "no_repeat_ngram_size": 0, "device": "cpu",
            "max_new_tokens": 24}
    return [("abstractive", fast), ("abstractive", {**fast, "do_sample": True, "seed": 3})]


def summarize_all(configs: list, clusters: list, torch_threads: int | None = None) -> list:
    """[[method, options, [record per case]]] for every config (a fresh object per case);
    abstractive configs on the last cluster (the seed article) only."""
    from summarizer.summarizers import get_summarizer

    if torch_threads:
        import torch

        torch.set_num_threads(torch_threads)
    out = []
    for method, options in configs:
        chosen = clusters[-1:] if method == "abstractive" else clusters
        records = [as_record(get_summarizer(method, **options).summarize(c, b))
                   for c in chosen for b in budgets()]
        out.append([method, options, records])
    return out


# -- fresh processes --------------------------------------------------------------------
def child_main(spec: dict[str, Any]) -> None:
    clusters = load_clusters(Path(spec["data"]), spec["languages"], spec["per_language"])
    result = summarize_all([tuple(c) for c in spec["configs"]], clusters, spec.get("torch"))
    Path(spec["result"]).write_text(json.dumps(result, default=str), encoding="utf-8")


def in_child(spec: dict[str, Any], env: dict[str, str], tmp: Path) -> list:
    spec = {**spec, "result": str(tmp / f"child-{random.random()}.json")}
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    if env.get("PYTHONHASHSEED") == "random":
        full.pop("PYTHONHASHSEED")
    subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], env=full,
                   check=True, stdout=subprocess.DEVNULL)
    return json.loads(Path(spec["result"]).read_text(encoding="utf-8"))


def compare_runs(runs: dict[str, list]) -> dict[str, Any]:
    """Per config: cases, cases whose record differs from the first run's, cases whose
    text or provenance differs, the largest change of a sentence score."""
    first = next(iter(runs.values()))
    rows = {}
    for k, (method, options, records) in enumerate(first):
        key = f"{method} {json.dumps(options)}"
        differ = text = 0
        drift = 0.0
        for other in runs.values():
            for a, b in zip(records, other[k][2], strict=True):
                if dumped(a) != dumped(b):
                    differ += 1
                    text += output_of(a) != output_of(b)
                    if output_of(a) == output_of(b):
                        drift = max([drift] + [abs(x["score"] - y["score"]) for x, y in
                                               zip(a["sentences"], b["sentences"], strict=True)])
        rows[key] = {"cases": len(records) * (len(runs) - 1), "differ": differ, "text": text,
                     "drift": drift}
    return rows


# -- in this process --------------------------------------------------------------------
def reuse_checks(configs: list, clusters: list) -> dict[str, list[int]]:
    """Cases (of len(configs) x cases) where a reused object, a pickled copy (fresh and
    used) or two threads sharing one object give another summary than a fresh object."""
    from summarizer.summarizers import get_summarizer

    cases = [(c, b) for c in clusters for b in budgets()]
    found = {"reused": [0, 0], "pickled": [0, 0], "threads": [0, 0]}
    for method, options in configs:
        chosen = cases[-2:] if method == "abstractive" else cases
        fresh = [dumped(as_record(get_summarizer(method, **options).summarize(*c)))
                 for c in chosen]
        one = get_summarizer(method, **options)
        unused = pickle.loads(pickle.dumps(one))
        reused = [dumped(as_record(one.summarize(*c))) for c in reversed(chosen)][::-1]
        used = pickle.loads(pickle.dumps(one))
        copies = [dumped(as_record(s.summarize(*c))) for s in (unused, used) for c in chosen]
        got: dict[int, list[str]] = {}

        def work(k: int, one: Any = one, chosen: list = chosen, got: dict = got) -> None:
            order = chosen if k == 0 else chosen[::-1]
            outs = [dumped(as_record(one.summarize(*c))) for c in order]
            got[k] = outs if k == 0 else outs[::-1]

        pool = [threading.Thread(target=work, args=(k,)) for k in range(2)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        for name, outs in (("reused", reused), ("pickled", copies),
                           ("threads", got[0] + got[1])):
            expected = fresh * (len(outs) // len(fresh))
            found[name][0] += len(outs)
            found[name][1] += sum(a != b for a, b in zip(outs, expected, strict=True))
    return found


# A value other than the default for every option of the extractive methods.
ALTERNATIVES: dict[str, list[Any]] = {
    "representation": ["tfidf", "embedding", "auto"], "encoder": ["all-MiniLM-L6-v2-int8"],
    "min_words": [3], "order": ["readable", "coherent", "salience"], "dup_lexical": [0.3],
    "dup_semantic": [0.5], "compress": [True], "dangling": ["all"], "mode": ["newest"],
    "max_sentences": [20], "position_weight": [0.5], "threshold": [0.1], "damping": [0.5],
    "lam": [0.3], "concept_weight": [2.0], "semantic_weight": [0.0], "lead_weight": [0.0],
    "alpha": [0.1], "min_df": [2, 4], "length_power": [1.0], "position_decay": [0.0],
    "max_rank": [5], "max_candidates": [20], "diversity_weight": [0.0],
    "diversity_clusters": [0.5], "stem_prefix": [4], "time_limit": [1.0], "node_limit": [50],
    "max_concepts": [50], "solver": ["greedy"], "concept_weighting": ["lsa", "lsa-df"],
    "lsa_rank": [3], "lsa_entries": ["tfidf"], "word_position": ["first", "offset"],
    "background": [None, "idf"],
}


# What an option needs beside it to be taken (dangling is an option of the readable order ...)
NEEDS: dict[str, dict[str, Any]] = {
    "dangling": {"order": "readable"}, "encoder": {"representation": "embedding"},
    "lsa_rank": {"concept_weighting": "lsa"}, "lsa_entries": {"concept_weighting": "lsa"},
    "stem_prefix": {"background": None},  # coverage's background lists hold whole words
    "dup_semantic": {"representation": "embedding"},  # tfidf has no sentence embeddings
}


def settings_checks(clusters: list) -> tuple[int, list[str], list[str]]:
    """Every option of every extractive method changed alone: a change of the summaries
    of ``clusters`` with the same ``settings()`` is a failure (a resumed run would mix).
    Also the options this script knows no other value for (not tried)."""
    from summarizer.summarizers import accepted_options, available_methods, get_summarizer

    tried, bad, unknown = 0, [], []
    for method in available_methods():
        if method == "abstractive":
            continue
        for option in sorted(accepted_options(method) or ()):
            if option not in ALTERNATIVES:
                unknown.append(f"{method} {option}")
                continue
            needs = {k: v for k, v in NEEDS.get(option, {}).items()
                     if k in (accepted_options(method) or ())}
            base = get_summarizer(method, **needs)
            outs = None
            for value in ALTERNATIVES[option]:
                system = get_summarizer(method, **{**needs, option: value})
                tried += 1
                if system.settings() != base.settings():
                    continue
                outs = outs or [dumped(as_record(base.summarize(c, b)))
                                for c in clusters for b in budgets()]
                if [dumped(as_record(system.summarize(c, b)))
                        for c in clusters for b in budgets()] != outs:
                    bad.append(f"{method} {option}={value!r}")
    return tried, bad, unknown


def order_checks(clusters: list) -> dict[str, list[int]]:
    """Documents given in another (random) order, dated (distinct dates) and undated."""
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers import get_summarizer

    rng = random.Random(0)
    found = {"dated": [0, 0], "undated": [0, 0]}
    for cluster in clusters:
        if len(cluster.documents) < 2:
            continue
        for kind in found:
            docs = [Document(d.text, id=d.id, date=f"2024-05-{k + 1:02d}" if kind == "dated"
                             else None) for k, d in enumerate(cluster.documents)]
            shuffled = docs[:]
            rng.shuffle(shuffled)
            a = Cluster(docs, id=cluster.id, language=cluster.language)
            b = Cluster(shuffled, id=cluster.id, language=cluster.language)
            for method, options in CONFIGS:
                for budget in budgets():
                    found[kind][0] += 1
                    found[kind][1] += (
                        dumped(as_record(get_summarizer(method, **options).summarize(a, budget)))
                        != dumped(as_record(get_summarizer(method, **options).summarize(b, budget))))
    return found


# -- the commands -----------------------------------------------------------------------
def write_jsonl(clusters: list, path: Path, reverse: bool = False) -> None:
    rows = [{"id": f"{c.id}-{c.language}", "documents": [d.text for d in c.documents],
             "references": c.references} for c in clusters]
    if reverse:
        rows.reverse()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


# Timings and what is made of them: the ILP solver's and generation's seconds, a run's
# throughput and memory, the seal of a results line (a hash of the line with its seconds).
_TIMINGS = {"seconds", "peak_rss_mb", "gpu_peak_mb", "seal", "throughput", "created",
            "solver_seconds", "tokens_per_second"}


def _without_timings(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k not in _TIMINGS}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def command_outputs(kind: str, data: Path, out: Path, method: str, env: dict[str, str],
                    options: list[str]) -> Any:
    """What ``evaluate`` or ``batch`` wrote, timings left out; rows of batch by id."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    args = [sys.executable, "-m", "summarizer", kind, str(data), "--out", str(out),
            "--method", method, "--no-progress", *options]
    if kind == "evaluate":
        args += ["--resamples", "200", "--language", "english"]
    subprocess.run(args, env=full, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    if kind == "evaluate":
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        report["dataset"].pop("source", None)
        lines = [json.loads(x) for x in (out / "results.jsonl").read_text("utf-8").splitlines()]
        return _without_timings([report, sorted(lines, key=lambda r: r["id"])])
    from summarizer.batch import read_output

    rows = sorted(read_output(out), key=lambda r: r["id"])
    for r in rows:
        r.pop("position")
        r["summary_settings"] = json.loads(r["summary_settings"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return _without_timings([rows, manifest.get("settings_fingerprint",
                                                 manifest.get("fingerprint"))])


def command_checks(clusters: list, tmp: Path, methods: list[str],
                   ray: bool = False) -> dict[str, list[int]]:
    english, every = tmp / "data.jsonl", tmp / "all.jsonl"
    backward = tmp / "reversed.jsonl"
    write_jsonl([c for c in clusters if c.references and c.language == "english"], english)
    write_jsonl(clusters, every)  # evaluate reads one language, batch finds each row's
    write_jsonl(clusters, backward, reverse=True)
    found = {"evaluate: hash seeds 0 / 1": [0, 0], "batch: hash seeds 0 / 1": [0, 0],
             "batch: rows in reverse order, smaller batches": [0, 0]}
    for method in methods:
        for kind in ("evaluate", "batch"):
            data = english if kind == "evaluate" else every
            outs = [command_outputs(kind, data, tmp / f"{kind}-{method}-{seed}", method,
                                    {"PYTHONHASHSEED": seed}, []) for seed in ("0", "1")]
            found[f"{kind}: hash seeds 0 / 1"][0] += 1
            found[f"{kind}: hash seeds 0 / 1"][1] += outs[0] != outs[1]
            one = command_outputs(kind, data, tmp / f"{kind}-{method}-1thread", method,
                                  {"PYTHONHASHSEED": "0", **THREADS_1}, [])
            found.setdefault(f"{kind}: 1 thread / the default ({os.cpu_count()})", [0, 0])
            found[f"{kind}: 1 thread / the default ({os.cpu_count()})"][0] += 1
            found[f"{kind}: 1 thread / the default ({os.cpu_count()})"][1] += one != outs[0]
            if kind == "batch":
                back = command_outputs(kind, backward, tmp / f"{kind}-{method}-back", method,
                                       {"PYTHONHASHSEED": "0"}, ["--batch-size", "3"])
                found["batch: rows in reverse order, smaller batches"][0] += 1
                found["batch: rows in reverse order, smaller batches"][1] += back != outs[0]
                if ray:
                    on_ray = command_outputs(kind, every, tmp / f"{kind}-{method}-ray", method,
                                             {"PYTHONHASHSEED": "0"},
                                             ["--engine", "ray", "--num-workers", "2"])
                    found.setdefault("batch: --engine ray (2 workers) / local", [0, 0])
                    found["batch: --engine ray (2 workers) / local"][0] += 1
                    found["batch: --engine ray (2 workers) / local"][1] += on_ray != outs[0]
    return found


def fingerprint_checks(tmp: Path) -> dict[str, list[int]]:
    """Options that cannot change a summary must not change the evaluate and batch
    fingerprints (else resuming with them is refused)."""
    from summarizer.batch import summarize_dataset
    from summarizer.errors import RunMismatchError
    from summarizer.evaluation import evaluate

    data = tmp / "data.jsonl"
    found = {"resume with other progress / workers / batch sizes": [0, 0]}
    runs = [("batch", {"progress": False}, {"progress": True, "batch_size": 5,
                                             "batch_tokens": 1000}),
            ("evaluate", {"progress": False}, {"progress": True})]
    for kind, first, second in runs:
        out = tmp / f"fp-{kind}"
        for kw in (first, second):
            found["resume with other progress / workers / batch sizes"][0] += 1
            try:
                if kind == "batch":
                    summarize_dataset(data, out, "lead", **kw)
                else:
                    evaluate(str(data), "lead", out=str(out), **kw)
            except RunMismatchError:
                found["resume with other progress / workers / batch sizes"][1] += 1
    return found


# -- the table --------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--quick", action="store_true",
                    help="3 languages, 1 cluster each, one encoder (about 5 minutes here)")
    ap.add_argument("--no-abstractive", action="store_true")
    ap.add_argument("--ray", action="store_true", help="batch on Ray too (needs the ray extra)")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child_main(json.loads(args.child))
        return 0
    if missing_tac(args.data):
        return 2
    from summarizer.documents.tac import find_tac2011_root

    find_tac2011_root(args.data)  # a folder without SourceTexts/: one line
    languages = LANGUAGES[:3] if args.quick else LANGUAGES
    per_language = 1 if args.quick else 2
    encoders = ENCODER_CONFIGS[:1] if args.quick else ENCODER_CONFIGS
    rows: list[tuple[str, int, int, bool, str]] = []  # check, cases, differing, failed, note

    def add(check: str, cases: int, differing: int, failed: bool | None = None,
            note: str = "") -> None:
        rows.append((check, cases, differing, differing > 0 if failed is None else failed,
                     note))

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        model = None if args.no_abstractive else tiny_bart(tmp / "tiny-bart")
        configs = CONFIGS + abstractive_configs(model)
        spec = {"data": str(args.data), "languages": languages, "per_language": per_language,
                "configs": configs}
        runs = {s: in_child(spec, {"PYTHONHASHSEED": s}, tmp) for s in HASH_SEEDS}
        for key, r in compare_runs(runs).items():
            add(f"hash seeds {'/'.join(HASH_SEEDS)}: {_label(key, model)}", r["cases"],
                r["differ"])
        threads = {}
        for n in ("1", "2"):
            env = {"OMP_NUM_THREADS": n, "OPENBLAS_NUM_THREADS": n, "MKL_NUM_THREADS": n,
                   "PYTHONHASHSEED": "0"}
            threads[n] = in_child({**spec, "configs": configs + encoders, "torch": int(n)},
                                  env, tmp)
        for key, r in compare_runs(threads).items():
            note = (f"text and provenance the same; sentence scores up to {r['drift']:.1e} apart"
                    if r["differ"] and not r["text"] else
                    f"{r['text']} with another text or provenance" if r["text"] else "")
            add(f"threads 1 / 2 (BLAS, OpenMP, torch): {_label(key, model)}", r["cases"],
                r["differ"], r["text"] > 0, note)
        clusters = load_clusters(args.data, languages, per_language)
        for name, (n, bad) in reuse_checks(configs + encoders[:1], clusters).items():
            add(f"one object: {name}", n, bad)
        tried, bad_settings, unknown = settings_checks(clusters[:2] + clusters[-1:])
        add("every option changed alone changes settings() or nothing", tried,
            len(bad_settings), note=", ".join(bad_settings) + (
                f" (not tried, no other value known here: {', '.join(unknown)})"
                if unknown else ""))
        order = order_checks([c for c in clusters if len(c.documents) > 1][:3])
        add("dated documents in another order", *order["dated"])
        add("undated documents in another order (their order is their chronology)",
            *order["undated"], False, "the stated rule: not a failure")
        for key, (n, bad) in command_checks(clusters, tmp, ["lead", "coverage"], args.ray).items():
            add(f"{key} (runs of lead, coverage)", n, bad)
        for key, (n, bad) in fingerprint_checks(tmp).items():
            add(key, n, bad)
    cases = f"{len(clusters)} clusters ({', '.join(languages)}, {per_language} each; the seed)"
    lines = [f"# Reproducibility checks ({cases}; 100 words and 250 words truncated)", "",
             "| check | cases | differing | note |", "|---|---|---|---|"]
    lines += [f"| {c} | {n} | {'**' + str(b) + '**' if bad else b} | {note} |"
              for c, n, b, bad, note in rows]
    lines += ["", f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load "
              f"{os.getloadavg()[0]:.2f} at the end."]
    emit_report("\n".join(lines), args.out)
    return 1 if any(bad for *_, bad, _ in rows) else 0


def _label(key: str, model: Path | None) -> str:
    return key.replace(str(model), "tiny-bart") if model else key


if __name__ == "__main__":
    run_script(main)
