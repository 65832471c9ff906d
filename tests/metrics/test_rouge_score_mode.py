"""rouge-score mode: the numbers of Google's rouge-score package, with either backend."""

from __future__ import annotations

import importlib
import random
import re

import pytest

from summarizer.errors import InputError, ResourceError, RougeOptionError
from summarizer.metrics import rouge, score_pair
from summarizer.metrics.io import wordless
from summarizer.metrics.rouge_score_mode import BACKENDS

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")

WORDS = (
    "the a of police killed gunman running runs ran cats cat dogs meeting meetings "
    "migration migrants border crossed crossing happily 2011 U.S. well-known e-mail it's "
    "Café naïve 中文 हिन्दी , . ; ! ?"
).split()
METRICS = ["rouge1", "rouge2", "rouge3", "rougeL", "rougeLsum"]


def _text(rng: random.Random) -> str:
    sents = []
    for _ in range(rng.randint(0, 4)):
        sents.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 18))))
    return "\n".join(sents)


def _worded_text(rng: random.Random) -> str:
    """A random text with a word in it: the library refuses a wordless reference."""
    while wordless(text := _text(rng)):
        pass
    return text


def _pairs(seed: int, count: int, *, worded_references: bool = False):
    rng = random.Random(seed)
    ref = _worded_text if worded_references else _text
    return [(_text(rng), [ref(rng) for _ in range(rng.randint(1, 3))]) for _ in range(count)]


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("stem", [False, True])
def test_equal_to_rouge_score_package_on_random_pairs(backend, stem):
    pytest.importorskip(backend.replace("-", "_"))
    google = rouge_scorer.RougeScorer(METRICS, use_stemmer=stem)
    pairs = _pairs(17 + stem, 300, worded_references=True)
    report = rouge([p for p, _ in pairs], [r for _, r in pairs], mode="rouge-score",
                   metrics=METRICS, stem=stem, backend=backend, resamples=10)
    for (pred, refs), row in zip(pairs, report.per_summary, strict=True):
        want = google.score(refs[0], pred) if len(refs) == 1 else google.score_multi(refs, pred)
        for m in METRICS:
            got = row[m]
            assert (got.recall, got.precision, got.fmeasure) == (
                want[m].recall, want[m].precision, want[m].fmeasure), (m, pred, refs)


def test_rouge_score_rs_is_exact_against_rouge_score():
    """The default backend is only a speed-up: check it on its own."""
    rs = pytest.importorskip("rouge_score_rs.rouge_scorer")
    for stem in (False, True):
        a = rs.RougeScorer(METRICS, use_stemmer=stem)
        b = rouge_scorer.RougeScorer(METRICS, use_stemmer=stem)
        for pred, refs in _pairs(99 + stem, 300):
            sa, sb = a.score(refs[0], pred), b.score(refs[0], pred)
            assert {k: tuple(v) for k, v in sa.items()} == {k: tuple(v) for k, v in sb.items()}


def _expected(shared_data):
    path = shared_data / "rouge_vectors" / "google_rouge_score" / "EXPECTED_VALUES.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path.read_text(encoding="utf-8"), path.parent


@pytest.mark.parametrize("backend", BACKENDS)
def test_google_expected_values(shared_data, backend):
    text, folder = _expected(shared_data)
    targets = (folder / "target.txt").read_text(encoding="utf-8").splitlines()
    preds = (folder / "prediction.txt").read_text(encoding="utf-8").splitlines()
    blocks = re.split(r"target\.txt\[(\d)\] vs prediction\.txt\[\d\]\n", text)
    checked = 0
    for i in range(1, len(blocks) - 1, 2):
        idx = int(blocks[i])
        for m in re.finditer(
            r"ROUGE-(\w) (no stem|stem)\s*: R ([\d.]+)\s+P ([\d.]+)\s+F ([\d.]+)", blocks[i + 1]
        ):
            name = {"1": "rouge1", "2": "rouge2", "L": "rougeL"}[m.group(1)]
            got = score_pair(preds[idx], targets[idx], mode="rouge-score", metrics=[name],
                             stem=m.group(2) == "stem", backend=backend)[name]
            for value, want in zip((got.recall, got.precision, got.fmeasure),
                                   map(float, m.group(3, 4, 5)), strict=True):
                assert abs(value - want) <= 5e-6, (idx, m.group(0))
            checked += 1
    assert checked == 10
    # rougeLsum on the 4-sentence files, stemming on
    pred = (folder / "pyrouge_files" / "prediction_multi.0.txt").read_text(encoding="utf-8")
    ref = (folder / "pyrouge_files" / "target_multi.0.txt").read_text(encoding="utf-8")
    got = score_pair(pred, ref, mode="rouge-score", metrics=["rougeLsum"], stem=True,
                     backend=backend)["rougeLsum"]
    assert (round(got.recall, 5), round(got.precision, 5), round(got.fmeasure, 5)) == (
        0.36538, 0.66667, 0.47205)


def test_rougeL_versus_rougeLsum_semantics():
    one = score_pair("Second sentence.\nFirst Sentence.", "First sentence.\nSecond Sentence.",
                     mode="rouge-score", metrics=["rougeL", "rougeLsum"], stem=True)
    assert one["rougeLsum"].fmeasure == pytest.approx(1.0)
    assert one["rougeL"].fmeasure == pytest.approx(0.5)
    # sentences given as a list are joined by newlines, as rougeLsum expects
    listed = score_pair(["Second sentence.", "First Sentence."], [["First sentence.", "Second Sentence."]],
                        mode="rouge-score", metrics=["rougeLsum"], stem=True)
    assert listed["rougeLsum"].fmeasure == pytest.approx(1.0)
    hand = score_pair("w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "w1 w2 w3 w4 w5",
                      mode="rouge-score", metrics=["rougeLsum"])["rougeLsum"]
    assert (hand.recall, hand.precision) == pytest.approx((0.8, 0.4))


def test_score_multi_takes_the_best_reference():
    got = score_pair("the cat sat", ["dogs bark loudly", "the cat sat down"], mode="rouge-score",
                     metrics=["rouge1"])["rouge1"]
    assert got.precision == 1.0 and got.recall == pytest.approx(0.75)


def test_empty_texts_score_zero():
    for pred, ref in (("", "a b c"), ("!!!", "a")):
        got = score_pair(pred, ref, mode="rouge-score")
        assert all(s.fmeasure == 0.0 for s in got.values())
    for pred in ("a b c", ""):  # an empty reference is refused, as the rouge command does
        with pytest.raises(InputError, match="pair, its reference: the reference summary is "
                                             "empty"):
            score_pair(pred, "", mode="rouge-score")


def test_options_rouge_score_mode_cannot_honour_are_refused():
    with pytest.raises(RougeOptionError):
        score_pair("a", "a", mode="rouge-score", stopwords=True)
    with pytest.raises(RougeOptionError):
        score_pair("a", "a", mode="rouge-score", scoring="B")
    with pytest.raises(RougeOptionError):
        score_pair("a", "a", mode="rouge-score", backend="fast")


def test_missing_backend_is_a_clear_error(monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *a, **k):
        if name.startswith("rouge_score_rs"):
            raise ImportError("no module")
        return real(name, *a, **k)

    real_module = importlib.import_module

    def fake_module(name, package=None):  # the package's lazy names pass a package
        if name.startswith("rouge_score_rs"):
            raise ImportError("no module")
        return real_module(name, package)

    monkeypatch.setattr(builtins, "__import__", fake)
    monkeypatch.setattr("importlib.import_module", fake_module)
    from summarizer.metrics import RougeScorer

    with pytest.raises(ResourceError, match="pip install rouge-score-rs"):
        RougeScorer(mode="rouge-score", backend="rouge-score-rs")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("stem", [False, True])
def test_rougelsum_computed_here_equals_the_package(monkeypatch, backend, stem):
    """Past LSUM_CELLS rougeLsum is this package's union LCS, not the backend's table:
    forced on every pair, the scores are still the package's, with one reference or
    several (score_multi's best F), in score() and in the batch path."""
    from summarizer.metrics import rouge_score_mode

    pytest.importorskip(backend.replace("-", "_"))
    monkeypatch.setattr(rouge_score_mode, "LSUM_CELLS", 0)
    google = rouge_scorer.RougeScorer(METRICS, use_stemmer=stem)
    ours = rouge_score_mode.RougeScoreScorer(METRICS, stem=stem, backend=backend)
    alone = rouge_score_mode.RougeScoreScorer(["rougeLsum"], stem=stem, backend=backend)
    pairs = _pairs(23 + stem, 200)
    chunk = ours.score_chunk(pairs)
    for (pred, refs), batch in zip(pairs, chunk, strict=True):
        want = google.score(refs[0], pred) if len(refs) == 1 else google.score_multi(refs, pred)
        got = ours.score(pred, refs)
        assert got == batch
        for m in METRICS:
            assert got[m] == (want[m].recall, want[m].precision, want[m].fmeasure), (m, pred, refs)
        assert alone.score(pred, refs)["rougeLsum"] == got["rougeLsum"]


def test_rougelsum_of_long_lines_is_bounded_and_exact():
    """Two 2,500-word texts, each one line: rouge-score's table of Python ints peaked
    at 48 MB (traced); the union LCS here under 1 MB, with the same scores as
    rouge-score-rs computing its own table."""
    from helpers import traced_memory

    from summarizer.metrics.rouge_score_mode import RougeScoreScorer

    rng = random.Random(8)
    words = [f"w{i}" for i in range(800)]
    pred, ref = (" ".join(rng.choice(words) for _ in range(2500)) for _ in range(2))
    scorer = RougeScoreScorer(["rougeLsum"], backend="rouge-score")
    scorer.score("a b", ["a b"])
    with traced_memory() as mem:
        got = scorer.score(pred, [ref])
    assert mem.peak < 8 * 2**20, mem.peak
    rs = pytest.importorskip("rouge_score_rs.rouge_scorer").RougeScorer(["rougeLsum"])
    want = rs.score(ref, pred)["rougeLsum"]
    assert got["rougeLsum"] == (want.recall, want.precision, want.fmeasure)
