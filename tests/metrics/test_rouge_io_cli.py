"""Files and folders of summaries, and the `summarizer rouge` command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from helpers import error_line, run_cli

from summarizer.errors import CountMismatchError, InputError, MissingReferenceError
from summarizer.metrics.io import load_pairs


def _write(path, text: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


@pytest.fixture()
def layout(tmp_path):
    sys_dir, ref_dir = tmp_path / "sys", tmp_path / "refs"
    _write(sys_dir / "M000", "The police killed the gunman.\nHe had taken hostages.\n")
    _write(sys_dir / "M001", "Migrants crossed the border.\n")
    _write(sys_dir / "M002", "")  # an empty system summary
    _write(ref_dir / "M000.A.250", "Police shot the gunman dead.\nHostages were freed.\n")
    _write(ref_dir / "M000.B.250", "The gunman was killed by police.\n")
    _write(ref_dir / "M001.A.250", "\n  Hundreds of migrants crossed the border.  \n\n")
    _write(ref_dir / "M002.A.250", "Nothing to see here.\n")
    return sys_dir, ref_dir


def test_folder_pairing_by_id(layout):
    pairs = load_pairs(*layout)
    assert [p.id for p in pairs] == ["M000", "M001", "M002"]
    assert len(pairs[0].references) == 2 and pairs[0].system == ["The police killed the gunman.", "He had taken hostages."]
    # SPL exactly as ROUGE-1.5.5 reads it: split on \n only, nothing stripped
    assert pairs[1].references == [["", "  Hundreds of migrants crossed the border.  ", ""]]
    assert pairs[2].system == []


def test_folder_per_summary_and_extensions(tmp_path):
    _write(tmp_path / "sys" / "d1.txt", "a b c")
    _write(tmp_path / "refs" / "d1" / "one", "a b")
    _write(tmp_path / "refs" / "d1" / "two", "b c")
    pairs = load_pairs(tmp_path / "sys", tmp_path / "refs")
    assert pairs[0].id == "d1" and len(pairs[0].references) == 2


def test_single_files_and_lines_mode(tmp_path):
    _write(tmp_path / "s.txt", "a b c\nd e\n")
    _write(tmp_path / "r1.txt", "a b\nd\n")
    _write(tmp_path / "r2.txt", "c\ne\n")
    one = load_pairs(tmp_path / "s.txt", [tmp_path / "r1.txt", tmp_path / "r2.txt"])
    assert len(one) == 1 and one[0].system == ["a b c", "d e"] and len(one[0].references) == 2
    many = load_pairs(tmp_path / "s.txt", [tmp_path / "r1.txt", tmp_path / "r2.txt"], lines=True)
    assert [p.id for p in many] == ["1", "2"] and many[1].references == [["d"], ["e"]]
    _write(tmp_path / "r3.txt", "only one line\n")
    with pytest.raises(CountMismatchError):
        load_pairs(tmp_path / "s.txt", tmp_path / "r3.txt", lines=True)


def test_lines_mode_pairs_by_line_feeds_only(tmp_path):
    """With --lines, a summary is a line ended by \\n (or \\r\\n, \\r): a U+2028 or U+0085
    inside one (web text keeps them) is no line of its own, as it was with
    str.splitlines(), which shifted every later pair onto another summary's reference."""
    _write(tmp_path / "s.txt", "the cat sat\na dog\u2028ran off\nrain fell\r\n")
    _write(tmp_path / "r.txt", "the cat sat\na dog ran off\nrain\x85fell\n")
    pairs = load_pairs(tmp_path / "s.txt", tmp_path / "r.txt", lines=True)
    assert [p.id for p in pairs] == ["1", "2", "3"]
    assert [p.system[0].split()[0] for p in pairs] == ["the", "a", "rain"]
    assert [p.references[0][0].split()[0] for p in pairs] == ["the", "a", "rain"]


def test_missing_reference(layout):
    sys_dir, ref_dir = layout
    _write(sys_dir / "M009", "orphan summary")
    with pytest.raises(MissingReferenceError, match="M009"):
        load_pairs(sys_dir, ref_dir)


def test_references_without_system_summary(layout):
    sys_dir, ref_dir = layout
    _write(ref_dir / "M005.A.250", "an unused reference")
    with pytest.raises(CountMismatchError, match="M005"):
        load_pairs(sys_dir, ref_dir)
    assert len(load_pairs(sys_dir, ref_dir, strict=False)) == 3


def test_undecodable_binary_and_missing_files(layout, tmp_path):
    sys_dir, ref_dir = layout
    _write(ref_dir / "M001.B.250", "The café opened – at last, said the mayor.".encode("cp1252"))
    # The package's one decoding policy: a cp1252 reference is read, as evaluate reads it.
    assert load_pairs(sys_dir, ref_dir)[1].references[1] == ["The café opened – at last, said the mayor."]
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        load_pairs(sys_dir, ref_dir, encoding="utf-8")
    assert load_pairs(sys_dir, ref_dir, encoding="cp1252")[1].references[1][0].startswith("The café")
    _write(tmp_path / "bin", b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        load_pairs(tmp_path / "bin", ref_dir / "M000.A.250")
    with pytest.raises(InputError, match="no such file"):
        load_pairs(tmp_path / "nothing", ref_dir)


def test_tac_layout(tac_dir):
    pairs = load_pairs(tac_dir / "correctedSubmissions" / "ID4" / "Hindi", tac_dir / "Model Summaries" / "Hindi")
    assert [p.id for p in pairs] == [f"M00{i}" for i in range(10)]
    assert all(len(p.references) == 3 for p in pairs)
    assert pairs[9].system == []  # the empty file of the original data


# ---------------------------------------------------------------- CLI

def test_cli_table_and_json(layout):
    sys_dir, ref_dir = layout
    code, out, err = run_cli(["rouge", str(sys_dir), str(ref_dir), "--mode", "rouge-score",
                              "-r", "50"])
    assert code == 0, err
    assert "rouge1" in out and "signature: rouge-score|" in out and "95% bootstrap interval" in out
    code, out, err = run_cli(["rouge", str(sys_dir), str(ref_dir), "--mode", "rouge-score", "-n",
                              "2", "-x", "--format", "json", "--per-summary", "--bootstrap-seed",
                              "5"])
    assert code == 0, err
    data = json.loads(out)
    assert set(data["aggregate"]) == {"rouge1", "rouge2"} and "seed:5" in data["signature"]
    assert [row["id"] for row in data["per_summary"]] == ["M000", "M001", "M002"]
    assert data["per_summary"][2]["scores"]["rouge1"]["fmeasure"] == 0.0


def test_cli_rouge155_options(layout):
    sys_dir, ref_dir = layout
    code, out, err = run_cli(["rouge", str(sys_dir), str(ref_dir), "-n", "2", "-x", "-2", "4",
                              "-u", "-c", "90", "-r", "100", "-l", "10", "-d"])
    assert code == 0, err
    assert "ROUGE-SU4" in out and "ROUGE-L " not in out and "90% bootstrap" in out
    assert "|l:10|" in out and "M001  ROUGE-1" in out


def test_cli_compare(layout, tmp_path):
    sys_dir, ref_dir = layout
    other = tmp_path / "other"
    for name in ("M000", "M001", "M002"):
        _write(other / name, "completely unrelated words here")
    code, out, err = run_cli(["rouge", str(sys_dir), str(ref_dir), "--mode", "rouge-score",
                              "-r", "20", "--compare", str(other), "--format", "json"],
                             lines=2)  # the empty summary's note; 3 inputs too few to test
    assert code == 0, err
    data = json.loads(out)
    tests = data["comparison"]["tests"]
    assert tests and all(t["difference"] <= 0 for t in tests)


def test_cli_compare_with_a_high_rouge_confidence(layout, tmp_path):
    """-c sets ROUGE's own intervals; the paired tests keep 95% and 1,000 resamples, so a
    confidence their resamples could not reach (99.9%) is no reason to refuse the run."""
    sys_dir, ref_dir = layout
    other = tmp_path / "other"
    for name in ("M000", "M001", "M002"):
        _write(other / name, "completely unrelated words here")
    code, out, err = run_cli(["rouge", str(sys_dir), str(ref_dir), "--mode", "rouge-score",
                              "-r", "2000", "-c", "99.9", "--compare", str(other), "--format",
                              "json"], lines=2)
    assert code == 0, err
    data = json.loads(out)
    assert "c:99.9" in data["signature"]
    assert {t["confidence"] for t in data["comparison"]["tests"]} == {95.0}


@pytest.mark.parametrize("case", ["missing", "mismatch", "undecodable", "bad-option", "no-refs"])
def test_cli_bad_input_is_one_line_and_nonzero(layout, case):
    sys_dir, ref_dir = layout
    args = [str(sys_dir), str(ref_dir), "--mode", "rouge-score"]
    if case == "missing":
        args[0] = str(sys_dir / "nope")
    elif case == "mismatch":
        _write(ref_dir / "M007.A.250", "extra")
    elif case == "undecodable":
        _write(sys_dir / "M001", b"\xff\xfe\xfa bad")
    elif case == "no-refs":
        _write(sys_dir / "M008", "a summary with no reference")
    else:
        args += ["-p", "3"]
    code, out, err = run_cli(["rouge", *args])
    assert code != 0 and out == "" and error_line(err)


def _unreadable(path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "broken-link":
        path.symlink_to(path.parent / "gone")
    else:  # a link to itself
        path.symlink_to(path.name)


@pytest.mark.parametrize("kind", ["fifo", "broken-link", "link-loop"])
@pytest.mark.parametrize("where", ["reference", "reference-folder", "system"])
def test_an_entry_that_is_no_readable_file_is_refused_not_passed_over(layout, kind, where):
    # M000.B.250 a dangling link (a share unmounted, a copy of links), a FIFO or a loop
    # was passed over: M000 scored against one reference fewer, or M001 not scored at all,
    # exit 0 and no word, where an empty reference is refused
    sys_dir, ref_dir = layout
    if where == "reference":
        (ref_dir / "M000.B.250").unlink()
        bad = ref_dir / "M000.B.250"
    elif where == "reference-folder":
        for name in ("M000.A.250", "M000.B.250"):
            (ref_dir / name).rename(ref_dir / name.replace(".", "_"))
        (ref_dir / "M000").mkdir()
        (ref_dir / "M000_A_250").rename(ref_dir / "M000" / "A")
        (ref_dir / "M000_B_250").unlink()
        bad = ref_dir / "M000" / "B"
    else:
        (sys_dir / "M001").unlink()
        bad = sys_dir / "M001"
    _unreadable(bad, kind)
    with pytest.raises(InputError, match=re.escape(str(bad))):
        load_pairs(sys_dir, ref_dir)
    code, out, err = run_cli(["rouge", str(sys_dir), str(ref_dir)])
    assert code == 2 and out == ""
    assert error_line(err).startswith(f"summarizer: error: {bad}: ")


def test_hidden_entries_and_folders_beside_summaries_are_still_passed_over(layout):
    sys_dir, ref_dir = layout
    _unreadable(ref_dir / ".M000.C.250", "broken-link")  # hidden: never read
    _unreadable(sys_dir / ".lock", "fifo")
    (sys_dir / "notes").mkdir()  # a folder among the system summaries: not a summary
    assert [len(p.references) for p in load_pairs(sys_dir, ref_dir)] == [2, 1, 1]


def test_cli_error_from_a_real_process(layout):
    """The installed entry point: one line on stderr, non-zero exit, no traceback."""
    sys_dir, ref_dir = layout
    proc = subprocess.run([sys.executable, "-m", "summarizer", "rouge", str(sys_dir / "nope"), str(ref_dir)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "no such file" in proc.stderr


def test_see_format_is_read_as_rouge_reads_it(tmp_path):
    see = (
        "<html>\n<head>\n<title>M000</title>\n</head>\n<body bgcolor=\"white\">\n"
        '<a name="1">[1]</a> <a href="#1" id=1>The police killed the gunman.</a>\n'
        '<a name="2">[2]</a> <a href="#2" id=2>Hostages were freed.</a>\n'
        "</body>\n</html>\n"
    )
    _write(tmp_path / "s.html", see)
    _write(tmp_path / "r.txt", "Police killed a gunman.\n")
    pair = load_pairs(tmp_path / "s.html", tmp_path / "r.txt")[0]
    assert pair.system == ["The police killed the gunman.", "Hostages were freed."]


def test_duc_names_pair_ignoring_case(tmp_path):
    _write(tmp_path / "sys" / "D30001.M.100.T.1", "a b c")
    _write(tmp_path / "sys" / "D30002.M.100.T.1", "d e")
    _write(tmp_path / "refs" / "d30001.m.100.t.a", "a b")
    _write(tmp_path / "refs" / "D30001.M.100.T.B", "b c")
    _write(tmp_path / "refs" / "D30002.M.100.T.A", "d")
    pairs = load_pairs(tmp_path / "sys", tmp_path / "refs")
    assert [p.id for p in pairs] == ["D30001.M.100.T", "D30002.M.100.T"]
    assert [len(p.references) for p in pairs] == [2, 1]


def test_references_in_a_script_rouge155_drops_are_warned_of(tmp_path):
    """ROUGE-1.5.5 keeps runs of a-z and 0-9: Chinese references scored 0.00000 everywhere,
    without a word; --tokenizer unicode scores them."""
    _write(tmp_path / "s.txt", "国家统计局公布了数据。\n")
    _write(tmp_path / "r.txt", "国家统计局周一公布了数据。\n")
    code, _, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt")])
    assert code == 0 and err.count("\n") == 1, err
    assert "warning" in err and "--tokenizer unicode" in err, err
    code, _, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"),
                            "--tokenizer", "unicode"])
    assert (code, err) == (0, "")
    _write(tmp_path / "e.txt", "The cat sat on the mat.\n")  # Latin script: nothing to say
    _write(tmp_path / "e2.txt", "The cat sat on the mat.\n")  # not e.txt itself: refused
    code, _, err = run_cli(["rouge", str(tmp_path / "e.txt"), str(tmp_path / "e2.txt")])
    assert (code, err) == (0, "")


def test_references_in_a_script_rouge_score_drops_are_warned_of(tmp_path):
    """rouge-score's own tokens are runs of a-z and 0-9 too: Greek references scored 0 in
    rouge-score mode without the warning rouge155 mode gives."""
    from summarizer.metrics import RougeSettings
    from summarizer.metrics.settings import dropped_script

    _write(tmp_path / "s.txt", "Ο δρόμος είναι κλειστός.\n")
    _write(tmp_path / "r.txt", "Ο δρόμος είναι κλειστός σήμερα.\n")
    code, out, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"),
                              "--mode", "rouge-score"])
    assert code == 0 and "rouge1     0.00000" in out, out
    assert err.count("\n") == 1 and "rouge-score counts no letter" in err, err
    assert "--tokenizer unicode" in err, err
    code, _, err = run_cli(["rouge", str(tmp_path / "s.txt"), str(tmp_path / "r.txt"),
                            "--mode", "rouge-score", "--tokenizer", "unicode"])
    assert (code, err) == (0, "")
    said = dropped_script(RougeSettings(mode="rouge-score"), ["Ο δρόμος είναι κλειστός."])
    assert said is not None and "greek script" in said


@pytest.mark.parametrize("text", ["", "\u200b\n\u200f\ufeff\n"])
def test_an_empty_system_summary_is_noted(layout, text):
    # zero-width spaces and direction marks only: empty as much as "" (scored 0), and
    # noted alike; they were scored 0 without the note
    sys_dir, ref_dir = layout
    _write(sys_dir / "M002", text)
    code, _, err = run_cli(["rouge", str(sys_dir), str(ref_dir), "--mode", "rouge-score"])
    assert code == 0, err
    assert "summarizer: note: 1 empty system summary, scored 0: " in err, err
    assert "M002" in err


def test_a_shift_jis_file_is_tokenised_as_the_perl_reads_its_bytes(tmp_path):
    # The Perl reads a legacy file's bytes: a Shift-JIS character's second byte can be
    # ASCII ("ア" is 0x83 "A"), a word "a" to its tokenizer. The decoded text had none of
    # those words (R1 .40000 / 1.00000 where the Perl gives 1.00000 / .19231), and -b
    # cut its DELs elsewhere (.00000 for the Perl's .60000)
    summary = tmp_path / "sys.txt"
    summary.write_bytes("アイウエオ カキクケコ サシスセソ。東京タワーは高い。ダイエット トラブル "
                        "メール ソフト\nthe cat\n".encode("shift_jis"))
    reference = tmp_path / "ref.txt"
    reference.write_text("a c e the cat\n")
    got = []
    for flags in (["-n", "1"], ["-n", "1", "-b", "40"]):
        code, out, err = run_cli(["rouge", str(summary), str(reference), *flags,
                                  "--format", "json"])
        assert code == 0, err
        r1 = json.loads(out)["aggregate"]["ROUGE-1"]
        got.append((r1["recall"]["mean"], r1["precision"]["mean"]))
    # ROUGE-1.5.5.pl -a -n 1 (and -b 40) on the same files
    assert got[0] == (1.0, 0.19231) and got[1][0] == 0.6
