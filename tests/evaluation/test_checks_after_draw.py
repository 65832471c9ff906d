"""A data set spec's clusters are checked (references, language) after --limit draws them,
as clusters given in Python are: a bad cluster the draw leaves out stops no run, and one it
takes fails as the data set without --limit fails. Ids are the data set's: a repeated one
is refused whatever is drawn (the fingerprint and a resumed run know clusters by id).
Loaded whole or streamed, JSONL or hf:, with clusters left out by --allow-skipped-documents
or not."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputError, UnknownLanguageError
from summarizer.evaluation import DatasetOptions, evaluate, load_dataset, open_dataset
from summarizer.evaluation.datasets import dataset_from_clusters, subset_positions

N, LIMIT, SEED = 12, 4, 7
DRAWN = subset_positions(N, LIMIT, SEED)
assert DRAWN is not None
OUTSIDE = next(p for p in range(N) if p not in DRAWN)
INSIDE = DRAWN[1]


def _record(i: int, bad: str = "") -> dict:
    rec = {"id": f"c{i}",
           "documents": [f"The council met on day {i} to discuss the harbour. Officials "
                         f"approved {i + 3} new berths for ferries."],
           "references": [f"The council approved {i + 3} new ferry berths."]}
    if bad == "no reference":
        rec["references"] = ["!!!"]  # no word: every score would be 0
    elif bad == "repeated id":
        rec["id"] = f"c{DRAWN[0]}"
    elif bad == "emptied":  # cleaning leaves no document (--allow-skipped-documents)
        rec["documents"] = ["   "]
    return rec


def _jsonl(tmp_path: Path, bad: dict[int, str]) -> str:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(_record(i, bad.get(i, ""))) + "\n" for i in range(N)),
                    encoding="utf-8")
    return str(path)


def _hf(tmp_path: Path, bad: dict[int, str]) -> str:
    import datasets

    rows = []
    for i in range(N):
        rec = _record(i, bad.get(i, ""))
        rows.append({"id": rec["id"], "document": rec["documents"][0],
                     "summary": rec["references"][0]})
    datasets.Dataset.from_list(rows).to_parquet(str(tmp_path / "news.parquet"))
    return f"hf:{tmp_path / 'news.parquet'}"


# what each bad cluster's refusal says
SAID = {"no reference": "no reference summary", "repeated id": "cluster ids are not unique"}


def _sub(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir(exist_ok=True)
    return tmp_path / name


def _open(load, spec: str, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the documents left out (allow_skipped_documents)
        return load(spec, DatasetOptions(**options))


def _error(load, spec: str, **options) -> str:
    with pytest.raises(InputError) as info:
        _open(load, spec, **options)
    return str(info.value)


@pytest.mark.parametrize("make", [_jsonl, _hf])
@pytest.mark.parametrize("load", [load_dataset, open_dataset])
@pytest.mark.parametrize("bad", ["no reference", "repeated id"])
def test_a_bad_cluster_stops_the_run_only_where_drawn(tmp_path, make, load, bad):
    spec = make(tmp_path, {OUTSIDE: bad})
    if bad == "repeated id":  # but an id: refused outside the draw, as the whole is
        said = _error(load, spec, limit=LIMIT, seed=SEED)
        assert SAID[bad] in said and said == _error(load, spec)
        return
    data = _open(load, spec, limit=LIMIT, seed=SEED)
    assert data.ids == [f"c{p}" for p in DRAWN] and data.total == N
    # the same clusters and fingerprint as the data set without the bad one
    good = make(_sub(tmp_path, "good"), {})
    assert data.fingerprint() == _open(load, good, limit=LIMIT, seed=SEED).fingerprint()
    assert SAID[bad] in _error(load, spec)  # without --limit it is refused, as before
    # drawn, it fails the run as the data set without --limit fails
    spec = make(_sub(tmp_path, "inside"), {INSIDE: bad})
    said = _error(load, spec, limit=LIMIT, seed=SEED)
    assert SAID[bad] in said and said == _error(load, spec)


@pytest.mark.parametrize("load", [load_dataset, open_dataset])
def test_left_out_clusters_the_draw_is_from_the_kept_and_so_are_the_checks(tmp_path, load):
    """--allow-skipped-documents leaving cluster 0 out: the draw is over the 11 kept, and
    the checks cover the clusters of that draw, not of the one over every line."""
    kept = list(range(1, N))
    drawn = [kept[i] for i in subset_positions(len(kept), LIMIT, SEED) or kept]
    outside = next(p for p in kept if p not in drawn)
    options = dict(limit=LIMIT, seed=SEED, allow_skipped_documents=True)
    spec = _jsonl(tmp_path, {0: "emptied", outside: "no reference"})
    data = _open(load, spec, **options)
    assert data.ids == [f"c{p}" for p in drawn] and data.total == len(kept)
    inside = _jsonl(_sub(tmp_path, "in"), {0: "emptied", drawn[0]: "no reference"})
    assert "no reference summary" in _error(load, inside, **options)
    assert _error(load, inside, **options) == _error(load, inside, allow_skipped_documents=True)


def test_streamed_and_whole_loads_agree_with_a_bad_cluster_outside(tmp_path):
    spec = _jsonl(tmp_path, {OUTSIDE: "no reference"})
    streamed = _open(open_dataset, spec, limit=LIMIT, seed=SEED)
    whole = _open(load_dataset, spec, limit=LIMIT, seed=SEED)
    assert streamed.describe() == whole.describe()
    assert [vars(c) for c in streamed.clusters] == [vars(c) for c in whole.clusters]


def test_a_run_from_a_spec_and_from_its_clusters_in_python_take_the_same_clusters(tmp_path):
    """The two paths of evaluate: a bad cluster outside the draw stops neither; inside it,
    both refuse the run."""
    spec = _jsonl(tmp_path, {OUTSIDE: "no reference"})
    options = DatasetOptions(limit=LIMIT, seed=SEED)
    from_spec = evaluate(spec, "lead", words=20, out=tmp_path / "spec", progress=False,
                         dataset_options=options)
    made = _open(load_dataset, _jsonl(_sub(tmp_path, "all"), {})).clusters
    made[OUTSIDE].references = ["!!!"]
    from_list = evaluate(made, "lead", words=20, out=tmp_path / "list", progress=False,
                         dataset_options=options)
    assert from_spec.computed == from_list.computed == LIMIT
    ids = [json.loads(x)["id"] for x in (from_spec.out / "results.jsonl").read_text()
           .splitlines()]
    assert ids == [f"c{p}" for p in DRAWN]
    inside = _jsonl(_sub(tmp_path, "in"), {INSIDE: "no reference"})
    with pytest.raises(InputError, match="no reference summary"):
        evaluate(inside, "lead", words=20, out=tmp_path / "x", progress=False,
                 dataset_options=options)
    made[INSIDE].references = ["!!!"]
    with pytest.raises(InputError, match="no reference summary"):
        evaluate(made, "lead", words=20, out=tmp_path / "y", progress=False,
                 dataset_options=options)


def test_the_cli_runs_limit_past_a_bad_cluster(tmp_path):
    spec = _jsonl(tmp_path, {OUTSIDE: "no reference"})

    def run(out: str, *more: str) -> tuple[int, str, str]:
        return run_cli(["evaluate", spec, "--method", "lead", "--words", "20", "--seed",
                        str(SEED), "--out", str(tmp_path / out), "--no-progress", *more])

    code, _, err = run("part", "--limit", str(LIMIT))
    assert code == 0, err
    code, _, err = run("all")
    assert code == 2 and "no reference summary" in error_line(err)


# ---- clusters given in Python: the same checks (ClusterChecks), worded as a spec's ----
def _made(bad: dict[int, str]) -> list:
    """The clusters of ``_jsonl``'s lines, made in Python."""
    from summarizer.documents import Cluster, Document

    return [Cluster([Document(t) for t in rec["documents"]], id=rec["id"],
                    references=rec["references"])
            for rec in (_record(i, bad.get(i, "")) for i in range(N))]


def _from_list(made: list):
    """A loader of ``made`` for ``_open``/``_error``, as load_dataset of a spec."""
    return lambda _spec, options: dataset_from_clusters(made, options=options)


def test_clusters_given_in_python_are_drawn_once(monkeypatch):
    # with_options drew the subset, then the checks drew it again to know what to check
    from summarizer.evaluation import datasets

    draws = []

    def counted(total, limit, seed):
        draws.append((total, limit, seed))
        return subset_positions(total, limit, seed)

    monkeypatch.setattr(datasets, "subset_positions", counted)
    data = dataset_from_clusters(_made({OUTSIDE: "no reference"}),
                                 options=DatasetOptions(limit=LIMIT, seed=SEED))
    assert draws == [(N, LIMIT, SEED)]
    assert data.ids == [f"c{p}" for p in DRAWN] and data.total == N
    assert (data.options.limit, data.options.seed) == (LIMIT, SEED)


@pytest.mark.parametrize("bad", ["no reference", "repeated id"])
def test_clusters_given_in_python_are_refused_as_a_spec_is(tmp_path, bad):
    """A repeated id was refused only once summaries were scored ("summary ids must be
    unique"), a cluster without a reference in other words than a spec's."""
    spec = _jsonl(tmp_path, {INSIDE: bad})
    said = _error(load_dataset, spec, limit=LIMIT, seed=SEED)
    assert said.startswith(f"{spec}: ") and SAID[bad] in said
    load = _from_list(_made({INSIDE: bad}))
    for options in ({"limit": LIMIT, "seed": SEED}, {}):
        assert _error(load, "", **options) == "clusters: " + said[len(spec) + 2:]
    # outside the draw it stops no run, as a spec's does; a repeated id stops both
    outside = _from_list(_made({OUTSIDE: bad}))
    if bad == "repeated id":
        assert _error(outside, "", limit=LIMIT, seed=SEED) == _error(outside, "")
    else:
        assert _open(outside, "", limit=LIMIT, seed=SEED).ids == [f"c{p}" for p in DRAWN]
    assert SAID[bad] in _error(outside, "")


@pytest.mark.parametrize("made, said", [
    (lambda: _made({INSIDE: "repeated id"}),
     rf"^clusters: cluster ids are not unique \(e\.g\. c{DRAWN[0]}\)$"),
    (list, "^clusters: no clusters found$"),  # was "no summaries to score" after run.json
])
def test_clusters_given_in_python_are_refused_before_the_run(tmp_path, made, said):
    with pytest.raises(InputError, match=said):
        evaluate(made(), "lead", words=20, out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()  # nothing written, no summary made


def _by_hand(bad: str | None, at: int) -> object:
    """A Dataset built in Python of ``_made``'s clusters, the one at ``at`` ``bad`` ("no id":
    its id blank; None: no clusters at all)."""
    from summarizer.evaluation.datasets import Dataset

    made = [] if bad is None else _made({at: bad})
    if bad == "no id":
        made[at].id = ""
    return Dataset(name="mine", kind="python", source="mine", clusters=made,
                   options=DatasetOptions(), total=len(made))


@pytest.mark.parametrize("bad, said", [
    ("repeated id", rf"^mine: cluster ids are not unique \(e\.g\. c{DRAWN[0]}\)$"),
    ("no reference", rf"^mine: 1 cluster\(s\) have no reference summary with a word in it "
                     rf"\(e\.g\. c{INSIDE}\)"),
    ("no id", rf"^mine: the cluster at position {INSIDE} has no id"),
    (None, "^mine: no clusters found$"),
])
def test_a_dataset_built_by_hand_is_checked_as_a_loaded_one(tmp_path, bad, said):
    # a Dataset made in Python went unchecked: a repeated id failed only once summaries
    # were scored, a cluster without a reference was scored 0
    with pytest.raises(InputError, match=said):
        evaluate(_by_hand(bad, INSIDE), "lead", words=20, out=tmp_path / "run",
                 progress=False)
    assert not (tmp_path / "run").exists()  # nothing written, no summary made
    if bad == "repeated id":  # the draw leaving one out, refused as a spec's is
        with pytest.raises(InputError, match=said):
            evaluate(_by_hand(bad, OUTSIDE), "lead", words=20, out=tmp_path / "part",
                     progress=False, dataset_options=DatasetOptions(limit=LIMIT, seed=SEED))
    elif bad is not None:  # a bad cluster the draw leaves out stops no run, as a spec's
        run = evaluate(_by_hand(bad, OUTSIDE), "lead", words=20, out=tmp_path / "part",
                       progress=False, dataset_options=DatasetOptions(limit=LIMIT, seed=SEED))
        assert run.computed == LIMIT


def test_a_checked_data_set_given_other_clusters_is_checked_again(tmp_path):
    # Dataset.checked was a flag that dataclasses.replace copied: a checked data set given
    # a repeated id ran unchecked and failed only once its summaries were scored
    from dataclasses import replace

    good = dataset_from_clusters(_made({}))
    assert good.checked and replace(good, name="again").checked  # the same clusters
    bad = replace(good, clusters=_made({INSIDE: "repeated id"}))
    assert not bad.checked
    with pytest.raises(InputError, match=r"^clusters: cluster ids are not unique"):
        evaluate(bad, "lead", words=20, out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()
    # a draw of checked clusters is of checked clusters: they are not read again
    drawn = good.select(DatasetOptions(limit=LIMIT, seed=SEED))
    assert drawn.checked and drawn.ids == [f"c{p}" for p in DRAWN]


CZECH = ("Rada města se v pondělí sešla, aby projednala protipovodňovou hráz. Schválila "
         "rozpočet na hráz po dlouhé debatě. Práce začnou na jaře, řekli úředníci.")
FRENCH = ("Le conseil municipal s'est réuni lundi pour discuter de la digue. Il a approuvé "
          "le budget après un long débat. Les travaux commencent au printemps.")


def test_clusters_given_in_python_are_warned_of_their_language():
    """A cluster is read in its own language (Cluster.language, not an option: evaluate's
    language= is refused for clusters already made), so the warning names that fix."""
    from dataclasses import replace

    from summarizer.documents import Cluster, Document

    czech = [Cluster([Document(CZECH)], references=["Rada schválila rozpočet."])] * 3
    with pytest.warns(UserWarning) as seen:
        dataset_from_clusters(czech)
    assert [str(w.message) for w in seen] == [
        "clusters: the documents look like czech, but are read as english; give the "
        "clusters language='cs' (Cluster(language=...)) if they are"]
    french = Cluster([Document(FRENCH)], id="fr", references=["Le budget est approuvé."])
    with pytest.warns(UserWarning, match=r"^clusters: most documents look like other "
                      r"languages \(czech, french\) than the one they are read as, english; "
                      r"each cluster is read in its own language"):
        dataset_from_clusters([czech[0], french])
    with warnings.catch_warnings():  # each read in its language (a code or a name): none
        warnings.simplefilter("error")
        dataset_from_clusters([replace(czech[0], language="cs"),
                               replace(french, language="french"), *_made({})[:3]])
    # a language the table lacks is refused when the cluster is made, before this check
    with pytest.raises(UnknownLanguageError, match="unknown language 'klingon'"):
        replace(czech[0], language="klingon")


GREEK = "Το συμβούλιο ενέκρινε τον προϋπολογισμό για το φράγμα, είπαν οι αξιωματούχοι."


def _greek(tmp_path: Path, total: int = 30) -> Path:
    """A JSONL data set whose references are mostly Greek (ROUGE-1.5.5 drops the script)."""
    lines = [{**_record(i), "references": [GREEK if i % 3 else f"Approved {i} berths."]}
             for i in range(total)]
    spec = tmp_path / "greek.jsonl"
    spec.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                    encoding="utf-8")
    return spec


@pytest.mark.parametrize("how", ["streamed", "whole", "python"])
def test_the_script_warning_reads_no_cluster_again(tmp_path, monkeypatch, how):
    """ROUGE-1.5.5's dropped-script warning takes the clusters the checks sampled (the
    first 20 drawn): before, the run read them again (a streamed JSONL from its start)."""
    from summarizer.evaluation.run import plan_run
    from summarizer.metrics import RougeSettings
    from summarizer.metrics.settings import dropped_script

    limit = 25
    spec = _greek(tmp_path)
    options = DatasetOptions(limit=limit, seed=SEED)
    if how == "python":
        data = dataset_from_clusters(load_dataset(spec).clusters, options=options)
    else:
        data = (open_dataset if how == "streamed" else load_dataset)(spec, options)
    read = [" ".join(c.references) for c in data.clusters]
    monkeypatch.setattr(type(data), "iter_clusters",
                        lambda *_: pytest.fail("the clusters were read again"))
    with pytest.warns(UserWarning) as seen:
        plan_run(data, "lead", words=20, out=tmp_path / "run")
    # what is warned is what reading the first 20 again gave
    said = dropped_script(RougeSettings(), read)
    assert said and "greek script" in said and [str(w.message) for w in seen] == [said]
    assert len(read) == limit and data.references_sample == read[:20]


@pytest.mark.parametrize("load", [load_dataset, open_dataset])
def test_a_selection_made_after_the_checks_has_no_sample_of_them(tmp_path, load):
    """Drawn from a data set already open (evaluate(data, dataset_options=...)), the first
    clusters are others than those the checks sampled: the warning reads them."""
    from summarizer.evaluation.datasets import with_options
    from summarizer.evaluation.run import plan_run

    whole = _open(load, str(_greek(tmp_path)))
    assert whole.references_sample is not None
    part = with_options(whole, DatasetOptions(limit=22, seed=SEED))
    assert part.ids != whole.ids[:22] and part.references_sample is None
    with pytest.warns(UserWarning, match="the references are in greek script"):
        plan_run(part, "lead", words=20, out=tmp_path / "run")


def test_a_made_up_cluster_id_takes_none_that_was_given():
    # the first cluster, without an id, was named "cluster0", the id of the second: the
    # checks then refused ids the user gave unique ("cluster ids are not unique")
    from summarizer.documents import Cluster

    made = [Cluster.from_texts(["The council met on Monday. It approved the budget."],
                               id=given) for given in ("", "cluster0", "")]
    for c in made:
        c.references = ["The council approved the budget."]
    data = dataset_from_clusters(made)
    assert [c.id for c in data.clusters] == ["cluster0#2", "cluster0", "cluster2"]
    assert [c.id for c in made] == ["", "cluster0", ""]  # the caller's are left as they were
