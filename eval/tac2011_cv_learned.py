"""Supervised concept weights for the default's concepts in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_learned.py [--data ...] [--cache ...] [--out ...]
    python eval/tac2011_cv_learned.py --write-model summarizer/summarizers/data/learned_concepts.json

The coverage default weighs a bigram concept by its position-weighted document frequency.
Supervised bigram weighting (Li, Qian & Liu 2013, supervised bigram ILP; Hong & Nenkova
2014, RegSum) fits, on clusters with reference summaries, how likely a bigram of the input
is to be in a reference given its statistics, and both report large gains over document
frequency on TAC/DUC. Option ``concept_weighting="learned"`` of ``coverage``
(:mod:`summarizer.summarizers.learned_weights`) applies such a model's stored
coefficients. Features are language-blind (``FEATURES`` there: document, term and sentence
frequency, the default's weight, the first sentence rank and relative word position, the
function-word flag by the default's rule, the words' characters); one model is pooled over
the 7 languages, with no language identity. Label: the concept (same tokens, same
stopwords, same bigrams as the concepts) is in a reference of its cluster.

Honest CV: a held-out cluster is summarised with a model fitted on the other 69 clusters
only (one fit per fold, standardisation included); its scores are never those of a model
that saw it. Registered before any of them was scored (the grid and the rule, fixed here):

* ``learned-logistic``: logistic regression (L2, C = 1), label 1 if the concept is in any
  reference, all features; the weight is the predicted probability;
* ``learned-linear-share``: ridge regression (alpha 1), label the share of the cluster's
  references holding the concept, all features; the weight is the prediction floored at 0;
* ``learned-logistic-core``: as ``learned-logistic`` on four features only (``log_df``,
  ``log_pwdf``, ``log_first_rank``, ``first_position``: frequency and position);
* ``learned-logistic-df``: ``learned-logistic``'s probability times the default's weight
  (``concept_weighting="learned-df"``).

Everything else is the shipped default's. Grid: these four and the shipped default,
nothing else. Decision rule, as for the LSA, background and word-position weights
(``eval/tac2011_cv_wordpos.py``): the default changes only if the joint
leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on the other
69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores, held out,
above the default's in-sample joint criterion (.6398). Everything else (per-language rows,
each variant's own held-out figure, the classifiers' ranking quality) is description.

One caveat on the nesting: in the grid's choice for cluster k, the other clusters' scores
come from their own fold models, each fitted on 68 clusters plus k. k's references reach
that choice only as one cluster in 69 of those fits; a variant's own row (its scores,
without the choice) has no such leak. The rows named ``learned-*`` in the tables below are
therefore already held-out with respect to the model, though the report calls them
in-sample (they are in-sample only in the sense of not being chosen by CV).

The packaged coefficients (``--write-model``) are ``learned-logistic``'s, fitted on all 70
clusters (named in advance: the shipped file does not depend on the scores), with this
script, its seed and the data's fingerprint recorded in the file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import (  # noqa: E402
    emit_report,
    json_head,
    missing_tac,
    refuse,
    replaceable,
    run_script,
)

from summarizer.atomic import write_atomic  # noqa: E402
from summarizer.languages import unicode_tokens  # noqa: E402
from summarizer.summarizers import get_summarizer  # noqa: E402
from summarizer.summarizers.candidates import prepare  # noqa: E402
from summarizer.summarizers.concepts import concept_grams, extract_concepts  # noqa: E402
from summarizer.summarizers.learned_weights import (  # noqa: E402
    FEATURES,
    FORMAT,
    concept_features,
    load_model,
)

CORE = ("log_df", "log_pwdf", "log_first_rank", "first_position")


@dataclass(frozen=True)
class Variant:
    model: str  # the fitted model it uses (two variants share one)
    features: tuple[str, ...]
    label: str  # "any" (binary) or "share"
    link: str  # "logistic" or "identity"
    weighting: str  # the coverage option concept_weighting


VARIANTS = {
    "learned-logistic": Variant("logistic", FEATURES, "any", "logistic", "learned"),
    "learned-linear-share": Variant("linear-share", FEATURES, "share", "identity", "learned"),
    "learned-logistic-core": Variant("logistic-core", CORE, "any", "logistic", "learned"),
    "learned-logistic-df": Variant("logistic", FEATURES, "any", "logistic", "learned-df"),
}
SHIPPED = "learned-logistic"
SCRIPT = "eval/tac2011_cv_learned.py"  # named in the model file it writes (--write-model)


@dataclass
class ClusterData:
    x: np.ndarray  # concepts x FEATURES
    share: np.ndarray  # share of the references holding each concept
    pwdf: np.ndarray  # the default's weights


def cluster_data(c) -> ClusterData:
    """The default's concepts of one cluster, their features and labels."""
    pool = prepare(c)
    docs = [s.doc_index for s in pool.sentences]
    con = extract_concepts(pool.tokens, docs, pool.stopwords)
    x = concept_features(con.names, con.weights, pool.tokens, docs, pool.stopwords)
    grams = concept_grams(pool.stopwords, None)
    refs = [grams(unicode_tokens(r)) for r in c.references]
    share = np.array([sum(n in r for r in refs) for n in con.names], dtype=float) / max(
        len(refs), 1)
    return ClusterData(x, share, con.weights)


def data_fingerprint(clusters) -> str:
    h = hashlib.sha256()
    for c in clusters:
        h.update(f"{c.language}/{c.id}\0".encode())
        for d in c.documents:
            h.update(d.text.encode() + b"\0")
        for r in c.references:
            h.update(r.encode() + b"\1")
    return h.hexdigest()[:16]


def fit(v: Variant, data: list[ClusterData], seed: int) -> dict:
    """The coefficients file (a dict) of variant ``v`` fitted on ``data``."""
    from sklearn.linear_model import LogisticRegression, Ridge

    cols = [FEATURES.index(f) for f in v.features]
    x = np.concatenate([d.x[:, cols] for d in data])
    share = np.concatenate([d.share for d in data])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    if v.link == "logistic":
        m = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
        m.fit(z, (share > 0).astype(int))
        coef, intercept = m.coef_[0], float(m.intercept_[0])
    else:
        r = Ridge(alpha=1.0).fit(z, share)
        coef, intercept = r.coef_, float(r.intercept_)
    return {"format": FORMAT, "version": 1, "features": list(v.features), "link": v.link,
            "mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(),
            "intercept": intercept}


def keep_users_file(path: Path | None, script: str) -> None:
    """End the script with one line and exit 2 (bench_common.refuse) where ``path``, given as
    --write-model, holds a file that is not a model file ``script`` wrote (its "trained"
    names the script, as the packaged files' do): that file is the user's, kept. Asked
    before the minutes of fitting, and again at the write."""
    if path is not None and not replaceable(path, lambda p: written_by(p, script)):
        refuse(path, "--write-model")


def written_by(path: Path, script: str) -> bool:
    """Whether ``path`` is a model file that ``script`` wrote (read up to 1 MiB: the model
    files are about 1 KB; anything larger or not such JSON is not one)."""
    model = json_head(path)
    trained = model.get("trained") if isinstance(model, dict) else None
    return isinstance(trained, dict) and trained.get("script") == script


def write_model(path: Path, model: dict) -> str:
    raw = (json.dumps(model, indent=1) + "\n").encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != raw:
        write_atomic(path, raw)
    return hashlib.sha256(raw).hexdigest()


def auc(score: np.ndarray, label: np.ndarray) -> float:
    """Area under the ROC curve (ties count half), by ranks."""
    from scipy.stats import rankdata

    pos, n_pos = label > 0, int((label > 0).sum())
    n_neg = len(label) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    r = rankdata(score)
    return float((r[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def run_fold_models(h: cv.Harness, name: str, method: str, options: dict, model_option: str,
                    models: list[Path]) -> dict:
    """Every cluster summarised by ``method`` with ``options`` and its own fold's model
    file (``models[k]``, given as option ``model_option``), at both budgets."""
    fingerprint = h.fingerprints[method]  # read once when the run started
    spec = json.dumps([method, options], sort_keys=True)
    out, secs = {}, 0.0
    summ = {}
    for b, (budget, _) in cv.BUDGETS.items():
        texts = []
        for k, c in enumerate(tqdm(h.clusters, desc=f"{name} @{b}", leave=False,
                                   file=sys.stderr)):
            sha = hashlib.sha256(models[k].read_bytes()).hexdigest()[:16]
            key = f"{fingerprint}|{name}|{spec}|{sha}|{c.language}/{c.id}|{b}"
            hit = h.summaries.get(key)
            if hit is None:
                if k not in summ:
                    summ[k] = get_summarizer(method, **options,
                                             **{model_option: str(models[k])})
                t0 = time.perf_counter()
                s = summ[k].summarize(c, budget)
                hit = {"text": s.text, "secs": time.perf_counter() - t0}
                h.summaries.put(key, hit)
            texts.append(hit["text"])
            secs += hit["secs"]
        out[b] = h.score(b, texts)
    h.summaries.save()
    h.times[name] = secs / (2 * len(h.clusters))
    return out


def held_out_table(h: cv.Harness, scores: dict, official: dict) -> list[str]:
    """Each row's joint criterion per language and its share of the ID9 -> ID10 gap closed
    at 250 words, every row as it stands (no choice among them)."""
    langs = list(dict.fromkeys(h.lang))
    lines = ["## Each variant alone, held out (no choice among variants: every cluster "
             "summarised by a model fitted on the other 69)", "",
             "| variant | " + " | ".join(langs) + " | all | share closed at 250 words, "
             "per language |", "|---|" + "---|" * (len(langs) + 2)]
    i9 = cv.by_language(official["ID9"]["250"][1], h.lang)
    i10 = cv.by_language(official["ID10"]["250"][1], h.lang)
    for n in scores:
        j = cv.by_language(cv.joint_per_cluster(scores[n]), h.lang)
        r2 = cv.by_language(scores[n]["250"][1], h.lang)
        shares = ", ".join(f"{g[:2]} {cv.share(r2[g], i9[g], i10[g]):.2f}" for g in langs)
        lines.append(f"| `{n}` | " + " | ".join(f"{j[g]:.4f}" for g in langs + ["all"])
                     + f" | {shares} |")
    return lines


def facts(h: cv.Harness, scores: dict, official: dict, data: list[ClusterData],
          held: dict[str, list], full: dict, seed: int, fingerprint: str) -> str:
    langs = list(dict.fromkeys(h.lang))
    lines = held_out_table(h, scores, official)
    lines += ["", "## How well each model ranks the concepts, held out (ROC AUC of "
              "'in a reference', mean per cluster)", "",
              "| ranking | " + " | ".join(langs) + " | all |",
              "|---|" + "---|" * (len(langs) + 1)]
    rows = {"default weight (position-weighted df)": [auc(d.pwdf, d.share) for d in data]}
    for m, preds in held.items():
        rows[f"model `{m}`"] = [auc(p, d.share) for p, d in zip(preds, data, strict=True)]
    for label, vals in rows.items():
        a = cv.by_language(np.array(vals), h.lang)
        lines.append(f"| {label} | " + " | ".join(f"{a[g]:.3f}" for g in langs + ["all"]) + " |")
    from scipy.stats import spearmanr

    lines += ["", "How far the held-out weights are from the default's (mean per cluster): "
              "Spearman correlation with the default weight, and the spread, the 90th "
              "percentile of a cluster's concept weights over their median.", "",
              "| weights | " + " | ".join(langs) + " | all |", "|---|" + "---|" * (len(langs) + 1)]
    spread = {"default: spread": [np.percentile(d.pwdf, 90) / np.median(d.pwdf) for d in data]}
    for m, preds in held.items():
        spread[f"`{m}`: Spearman"] = [spearmanr(p, d.pwdf)[0] for p, d in zip(preds, data,
                                                                                 strict=True)]
        spread[f"`{m}`: spread"] = [np.percentile(p, 90) / max(np.median(p), 1e-12)
                                    for p in preds]
    for label, vals in spread.items():
        a = cv.by_language(np.array(vals, dtype=float), h.lang)
        lines.append(f"| {label} | " + " | ".join(f"{a[g]:.2f}" for g in langs + ["all"]) + " |")
    pos = np.concatenate([d.share > 0 for d in data])
    lines += ["", f"Concepts: {len(pos)} over {len(data)} clusters, {pos.mean():.1%} in a "
              f"reference. Seed {seed}; data fingerprint {fingerprint}.", "",
              f"## `{SHIPPED}` fitted on all {len(data)} clusters (the packaged file's "
              "coefficients, on standardised features)", "",
              "| feature | coefficient |", "|---|---|"]
    for f, w in zip(full["features"], full["coef"], strict=True):
        lines.append(f"| `{f}` | {w:+.3f} |")
    lines.append(f"| intercept | {full['intercept']:+.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=cv.DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=cv.DEFAULT_CACHE)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--write-model", type=Path, default=None,
                    help=f"fit {SHIPPED} on all clusters, write its coefficients here, stop")
    args = ap.parse_args(argv)
    keep_users_file(args.write_model, SCRIPT)
    if missing_tac(args.data):
        return 2
    seed = cv.set_seed()
    t0 = time.perf_counter()
    h = cv.Harness(args.data, list(cv.LANGUAGES), args.cache)
    data = [cluster_data(c) for c in tqdm(h.clusters, desc="features", file=sys.stderr)]
    fingerprint = data_fingerprint(h.clusters)
    full = fit(VARIANTS[SHIPPED], data, seed)
    full["trained"] = {"script": SCRIPT, "variant": SHIPPED,
                       "data": f"TAC 2011 MultiLing, {len(data)} clusters of "
                               f"{len(set(h.lang))} languages, sha256 {fingerprint}",
                       "label": "the concept is in a reference summary of its cluster",
                       "seed": seed, "concepts": int(sum(len(d.share) for d in data))}
    if args.write_model:
        keep_users_file(args.write_model, SCRIPT)  # made while the script ran
        sha = write_model(args.write_model, full)
        load_model(args.write_model)  # what the library will read back
        print(f"wrote {args.write_model} (sha256 {sha[:16]})")
        return 0
    # one model per fold and fitted model (two variants share the logistic one)
    folder = args.cache / "learned-models"
    models: dict[str, list[Path]] = {}
    held: dict[str, list[np.ndarray]] = {}
    for v in VARIANTS.values():
        if v.model in models:
            continue
        models[v.model], held[v.model] = [], []
        for k, c in enumerate(tqdm(h.clusters, desc=f"fit {v.model}", file=sys.stderr)):
            m = fit(v, data[:k] + data[k + 1:], seed)
            path = folder / v.model / f"{c.language}-{c.id}.json"
            write_model(path, m)
            models[v.model].append(path)
            held[v.model].append(load_model(path).predict(data[k].x))
    scores = cv.run_grid(h, ("default",))
    for name, v in VARIANTS.items():
        cv.CONFIGS[name] = ("coverage", {"concept_weighting": v.weighting,
                                         "concept_model": "fold model: the other 69 clusters"})
        scores[name] = run_fold_models(h, name, "coverage", {"concept_weighting": v.weighting},
                                       "concept_model", models[v.model])
    official = {p: h.run_official(p) for p in cv.PARTICIPANTS + ("ID9", "ID10")}
    secs = time.perf_counter() - t0
    note = ("Note: every `learned-*` row below is held out with respect to its model (each "
            "cluster summarised with coefficients fitted on the other 69 clusters); "
            "\"in-sample\" there means only that no choice among the variants was made by CV. "
            "The grid, the rule and the caveat on nesting are in the script's docstring.")
    text = "\n\n".join([
        cv.report(h, scores, official, seed, secs, tuple(VARIANTS)).replace("\n\n", f"\n\n{note}\n\n", 1),
        "## Per language (`eval/tac2011_cv_lsa.py`'s tables for this grid)\n\n"
        + per_language.report(h, scores, secs),
        facts(h, scores, official, data, held, full, seed, fingerprint),
    ])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
