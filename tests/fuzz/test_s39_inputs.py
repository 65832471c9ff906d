"""Session 39's bad-input hunt: problems found in text reading, the rouge command, data
set cells, paths and the batch command. Each test here fails without its fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import run_cli

# An encoding name that is no text encoding's: codecs.lookup's ValueError (a NUL),
# UnicodeEncodeError (an argument's undecodable bytes, half surrogate pairs) or TypeError
# (not a string) came out: "'utf-8' codec can't encode characters ..." on the command line
# (exit 1), raw errors from the API; "" read as no encoding (detection in its place)


class _Unread:
    """A standard input that fails the test when read."""

    @property
    def buffer(self):
        raise AssertionError("standard input was read before the encoding was checked")


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "sys.txt").write_text("A storm hit.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("A storm hit the coast.\n", encoding="utf-8")
    return str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt")


@pytest.mark.parametrize("name", ["utf\udced\udca0\udc80", "utf-8\udcff"])
def test_rouge_encoding_of_undecodable_bytes_is_unknown(pair, name):
    code, out, err = run_cli(["rouge", *pair, "--encoding", name])
    assert code == 2 and out == ""
    assert err.startswith("summarizer: error: unknown encoding 'utf")
    assert "codec can't encode" not in err


@pytest.mark.parametrize("name", ["base64", "nope", "utf\udcff"])
def test_rouge_stdin_checks_the_encoding_before_reading_it(pair, monkeypatch, name):
    monkeypatch.setattr(sys, "stdin", _Unread())
    code, out, err = run_cli(["rouge", "-", pair[1], "--encoding", name])
    assert code == 2 and out == ""
    assert "not a text encoding" in err or "unknown encoding" in err


# All an encoding's refusals are the option's (OptionError), as the errors module's rule
# has a value of an option that cannot be used: a name of no encoding was an InputError
# beside the OptionError of a value that is no string, both from one option
@pytest.mark.parametrize("name, error, said", [
    ("utf\x00", "OptionError", "unknown encoding 'utf\\x00'"),
    ("utf\ud800", "OptionError", "unknown encoding 'utf\\ud800'"),
    ("", "OptionError", "unknown encoding ''"),
    ("nosuch", "OptionError", "unknown encoding 'nosuch'"),
    ("base64", "OptionError", "'base64' is not a text encoding"),
    (5, "OptionError", "encoding must be an encoding's name (str), not 5"),
    (b"utf-8", "OptionError", "not b'utf-8'"),
])
def test_an_encoding_that_is_no_encodings_name_is_refused(pair, name, error, said):
    from summarizer import errors, textio
    from summarizer.metrics import load_pairs

    for read in (lambda: load_pairs(pair[0], [pair[1]], encoding=name),
                 lambda: textio.read_text(pair[0], encoding=name)):
        with pytest.raises(getattr(errors, error)) as caught:
            read()
        assert said in str(caught.value)


def test_data_an_encoding_cannot_decode_is_the_inputs_error():
    from summarizer import textio
    from summarizer.errors import InputError, OptionError

    with pytest.raises(InputError, match="cannot be decoded as ascii") as caught:
        textio.decode_as("Příliš".encode(), "ascii", "s.txt")
    assert not isinstance(caught.value, OptionError)


def test_a_bytes_codec_is_refused_before_any_file_is_read(tmp_path):
    from summarizer import textio
    from summarizer.errors import InputError

    with pytest.raises(InputError, match="'zlib_codec' is not a text encoding"):
        textio.read_text(tmp_path / "missing.txt", encoding="zlib_codec")


# An output folder given as '~/runs' where no shell expands it ('--out=~/runs', out= from
# Python): a folder '~' was made in the working folder and everything written there;
# '~nosuchuser/runs' made '~nosuchuser'

_NO_USER = "~no-such-user-s39"


def _data(folder):
    import json

    story = ("A storm hit the coast on Monday. Thousands of homes lost power. Officials "
             "said repairs would take a week.")
    data = folder / "data.jsonl"
    data.write_text("".join(json.dumps({"id": f"c{i}", "documents": [story],
                                        "summaries": ["A storm hit the coast."]}) + "\n"
                            for i in range(2)), encoding="utf-8")
    return str(data)


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_an_output_folder_under_the_home_folder_is_made_there(home, command):
    data = _data(home)
    extra = ["--no-progress"] if command == "batch" else []
    code, out, err = run_cli([command, data, "--method", "lead", "--out=~/job", *extra],
                             lines=None)
    assert code == 0, err
    assert not (home.parent / "work" / "~").exists()
    assert (home / "job").is_dir() and any((home / "job").iterdir())


def test_compare_writes_under_the_home_folder(home):
    data = _data(home)
    for run in ("a", "b"):
        assert run_cli(["evaluate", data, "--method", "lead", "--out", str(home / run)],
                       lines=None)[0] == 0
    code, out, err = run_cli(["compare", str(home / "a"), str(home / "b"), "--no-plot",
                              "--out=~/cmp"], lines=None)
    assert code == 0, err
    assert (home / "cmp" / "comparison.json").is_file()
    assert not (home.parent / "work" / "~").exists()


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_an_output_folder_of_no_users_home_is_refused(home, command):
    code, out, err = run_cli([command, _data(home), "--method", "lead",
                              f"--out={_NO_USER}/job"], lines=None)
    assert code == 2
    assert f"'{_NO_USER}' names no user's home folder" in err.splitlines()[-1]
    assert not (home.parent / "work" / _NO_USER).exists()


def test_a_relative_path_holding_a_tilde_is_not_a_home_folder(home, monkeypatch):
    # Path('./~root/m') is Path('~root/m'): expanduser made it /root/m, another folder
    from summarizer.runtime import cache_root
    from summarizer.textio import expand_home

    assert expand_home("./~root/m") == Path("./~root/m")
    assert not expand_home("./~/m").is_absolute()
    monkeypatch.setenv("SUMMARIZER_CACHE", "./~cache")  # a folder so named, not refused
    assert cache_root() == Path("~cache")


# evaluate --out naming a file, or a folder of the user's files, was refused only after the
# data set's checking pass (7 s for 20,000 small clusters; 1,000,000 take minutes), where
# every other option is refused before any input is read

def _no_reading(*args, **kwargs):
    raise AssertionError("the data set was read before the output folder was checked")


@pytest.mark.parametrize("kind", ["file", "foreign"])
def test_evaluate_checks_its_output_folder_before_reading_the_data_set(tmp_path, monkeypatch,
                                                                       kind):
    data = _data(tmp_path)
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("mine\n", encoding="utf-8")
    else:
        out.mkdir()
        (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    said = "exists and is not a folder" if kind == "file" else "already holds files"
    monkeypatch.setattr("summarizer.evaluation.stream.open_dataset", _no_reading)
    code, _, err = run_cli(["evaluate", data, "--method", "lead", "--out", str(out)])
    assert code == 2 and said in err

    from summarizer.errors import OutputExistsError
    from summarizer.evaluation import evaluate

    monkeypatch.setattr("summarizer.evaluation.run._load", _no_reading)
    with pytest.raises(OutputExistsError, match=said):
        evaluate(data, "lead", out=out)
    assert (out if kind == "file" else out / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_batch_output_folder_under_home_inside_the_input_folder_is_refused(home):
    # the inside-the-input check read '~/in/job' as written while the folder made was
    # HOME/in/job: its shards would be read as input by the next run
    (home / "in").mkdir()
    _data(home / "in")
    code, out, err = run_cli(["batch", str(home / "in"), "--method", "lead",
                              "--out=~/in/job", "--no-progress"])
    assert code == 2 and "lies inside the input folder" in err
    assert not (home / "in" / "job").exists()
