"""Session 32's bad-input hunt: what the commands landed this session, and the five
subcommands' flags, paths and files, did with input no test had given them. Each fix has a
test here that fails without it."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli, write_jsonl

from summarizer.errors import OutputExistsError
from summarizer.evaluation.compare import check_out


def _rouge_files(tmp_path):
    for folder, text in (("sys", "The storm hit the coast."), ("refs", "The storm hit.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d1.txt").write_text(text + "\n", encoding="utf-8")
    return str(tmp_path / "sys"), str(tmp_path / "refs")


@pytest.mark.parametrize(("encoding", "said"), [
    ("base64", "'base64' is not a text encoding"),  # bytes to bytes: an internal error (70)
    ("rot13", "'rot13' is not a text encoding"),
    ("zlib", "'zlib' is not a text encoding"),
    ("punycode", "d1.txt: cannot be decoded as punycode"),  # UnicodeError: exit 1, no type
    ("undefined", "d1.txt: cannot be decoded as undefined"),
])
def test_rouge_encoding_that_is_no_text_encoding(tmp_path, encoding, said):
    system, refs = _rouge_files(tmp_path)
    code, out, err = run_cli(["rouge", system, refs, "--encoding", encoding])
    assert code == 2 and out == ""
    assert said in error_line(err)


_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


def _clusters(tmp_path):
    return str(write_jsonl(tmp_path / "data.jsonl", [
        {"id": f"c{k}", "documents": [_STORY], "summary": "The storm hit the coast."}
        for k in range(2)]))


@pytest.mark.parametrize("command", ["evaluate", "batch"])
@pytest.mark.parametrize("under", ["file", "link", "dangling"])
def test_an_output_folder_under_a_file_is_refused_naming_it(tmp_path, command, under):
    # --out notes.txt/run: 'Not a directory' (exit 1, errno's words); under a dangling
    # link: 'File exists'; compare found it only once its tests had run
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    if under == "file":
        blocker = tmp_path / "notes.txt"
    else:
        blocker.symlink_to("notes.txt" if under == "link" else "nowhere")
    out = blocker / "run" / "one"
    code, _, err = run_cli([command, _clusters(tmp_path), "--method", "lead", "--no-progress",
                            "--out", str(out)])
    assert code == 2
    assert f"{blocker} is not a folder, so {out} cannot be made" in error_line(err)
    with pytest.raises(OutputExistsError, match="is not a folder"):
        check_out(out)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(("value", "hint"), [
    ("0.95", "; for 95% write 95"), ("1", "; for 100% write 100"),
    ("0.01", ""), ("0.005", ""), ("1e-320", ""),  # 'for 1% write 1': 1 is refused too
])
def test_a_fraction_for_confidence_is_hinted_only_where_the_hint_is_taken(tmp_path, value, hint):
    system, refs = _rouge_files(tmp_path)
    code, _, err = run_cli(["rouge", system, refs, "-c", value])
    line = error_line(err)
    assert code == 2 and "confidence is a percentage in (1, 100]" in line
    assert line.endswith(f"not {float(value):g}{hint}")
    if hint:  # the value it names is taken
        percent = hint.rsplit(" ", 1)[1]
        assert run_cli(["rouge", system, refs, "-c", percent], lines=None)[0] == 0
