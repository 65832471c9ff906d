"""Names that are not UTF-8 (a Latin-1 system's bytes, os.fsdecode's lone surrogates) given to
evaluate and compare from Python: refused up front as the CLI refuses its arguments (one
typed InputError naming the bytes, nothing made) where a JSON file would record them, and
read as any name where they are only hashed or said."""

from __future__ import annotations

import shutil

import pytest
from helpers import non_utf8_path, run_cli

from summarizer.errors import InputError
from summarizer.evaluation import DatasetOptions, evaluate

REFUSED = "is not UTF-8 text (a name written in another encoding): rename it; evaluate records"


def _refused(call, named: bytes) -> str:
    with pytest.raises(InputError) as caught:
        call()
    said = str(caught.value)
    assert repr(named)[2:-1] in said and REFUSED in said and "\n" not in said, said
    return said


def test_evaluate_refuses_a_data_set_path_that_is_not_utf8(duc_fixture, tmp_path):
    # run.json records it: a raw UnicodeEncodeError writing it, an empty folder left
    data = non_utf8_path(tmp_path, b"duc\xe9")
    shutil.copytree(duc_fixture, data)
    out = tmp_path / "o"
    _refused(lambda: evaluate(data, "lead", out=out, progress=False), b"duc\xe9")
    _refused(lambda: evaluate(str(data), "lead", out=out, progress=False), b"duc\xe9")
    assert not out.exists()


def test_evaluate_refuses_references_and_summaries_paths_that_are_not_utf8(duc_fixture,
                                                                           tmp_path):
    # recorded in run.json as the data set's path is
    refs = non_utf8_path(tmp_path, b"r\xe9fs")
    shutil.copytree(duc_fixture / "models", refs)
    out = tmp_path / "o"
    _refused(lambda: evaluate(duc_fixture / "docs", "lead", out=out, progress=False,
                              dataset_options=DatasetOptions(references=str(refs))), b"r\xe9fs")
    peers = non_utf8_path(tmp_path, b"p\xe9ers")
    shutil.copytree(duc_fixture / "peers", peers)
    _refused(lambda: evaluate(duc_fixture, f"precomputed:{peers}/*.T.7", out=out,
                              progress=False), b"p\xe9ers")
    assert not out.exists()


def test_evaluate_refuses_an_output_folder_that_is_not_utf8(duc_fixture, tmp_path):
    # as the CLI refuses --out: one rule for the output folders of evaluate, batch, compare
    out = non_utf8_path(tmp_path, b"o\xe9")
    _refused(lambda: evaluate(duc_fixture, "lead", out=out, progress=False), b"o\xe9")
    assert not out.exists()


def _renamed(folder, old: str, new: bytes):
    """``folder``/``old`` renamed to bytes that are not UTF-8."""
    target = non_utf8_path(folder, new)
    (folder / old).rename(target)
    return target


def test_a_document_named_not_utf8_is_refused_by_name(duc_fixture, tmp_path):
    # an article without a DOCNO is named by its file: the fingerprint's raw "'utf-8' codec
    # can't encode character '\udce9'", exit 1 (results.jsonl records documents' ids)
    data = tmp_path / "duc"
    shutil.copytree(duc_fixture, data)
    article = data / "docs" / "d30002t" / "XIE19981105.0021"
    article.write_bytes(article.read_bytes().replace(b"<DOCNO> XIE19981105.0021 </DOCNO>", b""))
    _renamed(article.parent, article.name, b"XIE\xe9")
    out = tmp_path / "o"
    code, _, err = run_cli(["evaluate", str(data), "--method", "lead", "--out", str(out),
                            "--no-progress"])
    assert code == 2 and "cluster d30002t's document b'XIE\\xe9' " + REFUSED in err, err
    _refused(lambda: evaluate(data, "lead", out=out, progress=False), b"XIE\xe9")
    assert not out.exists()


def test_a_cluster_id_that_is_not_utf8_is_refused(duc_fixture, tmp_path):
    from summarizer.documents import Cluster, Document

    clusters = [Cluster(documents=[Document("The council met on Monday. It voted.")],
                        id="d\udce9", references=["The council met."])]
    _refused(lambda: evaluate(clusters, "lead", out=tmp_path / "o", progress=False), b"d\xe9")
    assert not (tmp_path / "o").exists()


def test_a_summary_file_named_not_utf8_is_refused_a_stray_one_read(duc_fixture, tmp_path):
    # a cluster's: results.jsonl records its name (a raw error after the first clusters'
    # results were written, exit 1); a stray one is only hashed (os.fsencode) and warned of
    out = tmp_path / "o"
    for held, named, code_was in ((b"D30002.M.100.T.7\xe9", "D30002.M.100.T.7\\xe9'", 2),
                                  (b"not\xe9s.txt", None, 0)):
        peers = tmp_path / f"peers{code_was}"
        shutil.copytree(duc_fixture / "peers", peers)
        (peers / "D30001.M.100.T.A").unlink()
        if named:
            _renamed(peers, "D30002.M.100.T.7", held)
        else:
            non_utf8_path(peers, held).write_text("A stray file.\n")
        code, _, err = run_cli(["evaluate", str(duc_fixture), "--summaries", str(peers),
                                "--out", str(out), "--no-progress"])
        assert code == code_was, err
        if named:
            assert named in err and REFUSED in err and not out.exists(), err
        else:
            assert "not\\udce9s.txt" in err and (out / "report.json").exists(), err


def test_write_comparison_refuses_a_run_folder_named_not_utf8(duc_fixture, tmp_path):
    # comparison.json records the run folders: a raw UnicodeEncodeError, an empty folder left
    from summarizer.evaluation import compare_runs
    from summarizer.evaluation.compare import write_comparison

    for run in ("r1", "r2"):
        evaluate(duc_fixture, "lead", out=tmp_path / run, progress=False)
    runs = [tmp_path / "r1", _renamed(tmp_path, "r2", b"r\xe9")]  # as out= it is refused
    out = tmp_path / "cmp"
    with pytest.raises(InputError, match=r"r\\xe9' is not UTF-8 text .* compare records"):
        write_comparison(compare_runs(runs), out, plot=False)
    assert not out.exists()
