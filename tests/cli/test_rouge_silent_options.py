"""Options of `summarizer rouge` that changed nothing were accepted without a word (as
ROUGE-1.5.5.pl accepts them): `-u` without `-2`, a ROUGE-W weight without ROUGE-W, and
`--significance-seed` without `--compare`. Each is now a one-line OptionError, before any
work, in the CLI and in the library alike (make_settings / parse_flags: one home)."""

from __future__ import annotations

import json

import pytest
from helpers import error_line, run_cli

from summarizer.errors import OptionError, RougeOptionError
from summarizer.metrics import RougeSettings, make_settings, rouge
from summarizer.metrics.report import RougeReport


@pytest.fixture()
def layout(tmp_path):
    sys_dir, ref_dir = tmp_path / "sys", tmp_path / "refs"
    sys_dir.mkdir()
    ref_dir.mkdir()
    (sys_dir / "M000").write_text("The police killed the gunman.\nHe had taken hostages.\n")
    (sys_dir / "M001").write_text("Migrants crossed the border.\n")
    (ref_dir / "M000.A.250").write_text("Police shot the gunman dead.\nHostages were freed.\n")
    (ref_dir / "M001.A.250").write_text("Hundreds of migrants crossed the border.\n")
    return str(sys_dir), str(ref_dir)


def _refused(argv: list[str]) -> str:
    code, out, err = run_cli(["rouge", *argv])
    assert code == 2 and out == ""
    return error_line(err)


@pytest.mark.parametrize("flags", [["-u"], ["-n", "2", "-u"], ["-n", "2", "-x", "-u", "-m"]])
def test_u_without_a_skip_distance_is_refused(layout, flags):
    line = _refused([*layout, *flags])
    assert "-u" in line and "-2" in line and "ROUGE-SU4" in line
    with pytest.raises(RougeOptionError, match="needs -2"):
        rouge(["a cat sat"], ["the cat sat"], options=" ".join(flags))


def test_u_with_a_skip_distance_still_asks_for_rouge_su(layout):
    code, out, err = run_cli(["rouge", *layout, "-n", "1", "-2", "4", "-u", "-r", "20"])
    assert code == 0, err
    assert "ROUGE-SU4" in out


@pytest.mark.parametrize("flags", [["--w-weight", "1.5"], ["-n", "2", "--w-weight", "1.5"],
                                   ["--metrics", "R1,RL", "--w-weight", "1.2"],
                                   ["--mode", "rouge-score", "--w-weight", "1.5"]])
def test_a_w_weight_without_rouge_w_is_refused(layout, flags):
    line = _refused([*layout, *flags])
    assert "w_weight (--w-weight)" in line and "ROUGE-W" in line


def test_a_w_weight_without_rouge_w_is_refused_by_the_library():
    for keywords in ({"w_weight": 1.5}, {"options": "--w-weight 1.5 -n 2"},
                     {"metrics": ["ROUGE-1"], "w_weight": 2.0}):
        with pytest.raises(RougeOptionError, match="ROUGE-W is not among the metrics"):
            make_settings("rouge155", **keywords)
    with pytest.raises(RougeOptionError, match="ROUGE-W is not among"):
        rouge(["a cat sat"], ["the cat sat"], w_weight=1.5)


def test_w_and_w_weight_that_disagree_are_refused(layout):
    # -w 1.2 --w-weight 1.5 scored ROUGE-W-1.5: -w's own weight was dropped without a word
    line = _refused([*layout, "-w", "1.2", "--w-weight", "1.5"])
    assert "disagree" in line
    code, out, err = run_cli(["rouge", *layout, "-w", "1.5", "--w-weight", "1.5", "-r", "20"])
    assert code == 0 and "ROUGE-W-1.5" in out, err


def test_a_w_weight_with_rouge_w_is_used(layout):
    code, out, err = run_cli(["rouge", *layout, "--metrics", "R1,RW", "--w-weight", "1.5",
                              "-r", "20", "--format", "json"])
    assert code == 0, err
    assert "|w:1.5|" in json.loads(out)["signature"]
    assert make_settings("rouge155", metrics=["ROUGE-W"], w_weight=1.5).w_weight == 1.5


def test_stored_settings_without_rouge_w_are_read_back():
    # to_dict stores w_weight always: reading it back is not a weight asked for
    for s in (make_settings("rouge155"), make_settings("rouge-score"),
              make_settings("rouge155", options="-n 2 -w 1.5")):
        assert RougeSettings.from_dict(json.loads(json.dumps(s.to_dict()))) == s
    report = rouge(["a cat sat", "dogs ran"], ["the cat sat", "the dogs ran"], resamples=10)
    again = RougeReport.from_dict(json.loads(report.to_json()))
    assert again.settings == report.settings


def test_significance_seed_without_compare_is_refused_before_any_work(layout):
    # the system folder does not exist: the seed is refused first, so no work was done
    line = _refused([layout[0] + "-missing", layout[1], "--significance-seed", "7"])
    assert "--significance-seed" in line and "--compare" in line
    assert issubclass(RougeOptionError, OptionError)


def test_significance_seed_with_compare_seeds_the_tests(layout, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for name in ("M000", "M001"):
        (other / name).write_text("completely unrelated words here\n")
    seeds = []
    for seed in ([], ["--significance-seed", "7"]):
        code, out, err = run_cli(["rouge", *layout, "-r", "20", "--compare", str(other),
                                  "--format", "json", *seed], lines=None)
        assert code == 0, err
        seeds.append({t["significance_seed"] for t in json.loads(out)["comparison"]["tests"]})
    assert seeds == [{12345}, {7}]


@pytest.mark.parametrize("flags", [["--backend", "rouge-score"],
                                   ["--mode", "rouge155", "--backend", "rouge-score-rs"]])
def test_a_backend_in_rouge155_mode_is_refused(layout, flags):
    # rouge155 mode never reads it: --backend rouge-score scored as ROUGE-1.5.5, unsaid
    line = _refused([*layout, *flags])
    assert "backend (--backend)" in line and "rouge-score" in line
    with pytest.raises(RougeOptionError, match="the mode is rouge155"):
        rouge(["a cat sat"], ["the cat sat"], backend="rouge-score")
    with pytest.raises(RougeOptionError, match="unknown backend"):  # a typo is still a typo
        make_settings("rouge155", backend="rouge-score-r")
    # stored settings of either mode read back (rouge155's without a backend, or an old one with)
    s = make_settings("rouge155")
    assert RougeSettings.from_dict({**s.to_dict(), "backend": "rouge-score-rs"}) == s


def test_system_id_without_the_perl_format_is_refused(layout):
    line = _refused([*layout, "--system-id", "ID9"])
    assert "--system-id" in line and "--format perl" in line
    code, out, err = run_cli(["rouge", *layout, "-n", "1", "-r", "20", "--format", "perl",
                              "--system-id", "ID9"])
    assert code == 0 and "ID9 ROUGE-1 Average_R" in out, err
