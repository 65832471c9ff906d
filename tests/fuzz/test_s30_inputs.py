"""Bad input found in session 30's hunt, from the CLI and the library: each is a typed error
and, from the CLI, one line and exit 2, never a traceback (exit 70, "internal error").

Paths: a local model folder that transformers cannot build (a config value of the wrong
type, a config that is no object, an unknown architecture, truncated weights, a
tokenizer_config value of the wrong type), given as the abstractive model or as the
coverage encoder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli, write_jsonl

from summarizer import summarize
from summarizer.errors import InputError, ModelNotFoundError

NEWS = ("The council met on Monday to discuss the flood barrier. It approved the budget "
        "for the barrier after a long debate. Work starts in spring, officials said.")
BERT = {"model_type": "bert", "vocab_size": 8, "hidden_size": 8, "num_hidden_layers": 1,
        "num_attention_heads": 2, "intermediate_size": 16}
T5 = {"model_type": "t5", "vocab_size": 8, "d_model": 8, "d_kv": 4, "d_ff": 8, "num_layers": 1,
      "num_heads": 2}


def model_folder(root: Path, config: object, weights: bytes | None = None,
                 tokenizer_config: object = None) -> Path:
    """A model folder (vocab.txt: a tokenizer) with this config.json, weights and
    tokenizer_config.json."""
    folder = root / "model"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\ncouncil\nmet\n.\n",
                                      encoding="utf-8")
    if weights is not None:
        (folder / "model.safetensors").write_bytes(weights)
    if tokenizer_config is not None:
        (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config))
    return folder


# Each: (config.json, weights, tokenizer_config.json, what the message quotes)
BROKEN = {
    "config value of the wrong type": (dict(BERT, hidden_size="abc"), None, None,
                                       "expected int"),
    "config is a list": ([1, 2], None, None, "model_type"),
    "unknown architecture": ({"model_type": "no-such-model"}, None, None, "no-such-model"),
    "truncated weights": (T5, b"\x10\x00\x00\x00\x00\x00\x00\x00{", None, "header"),
    "tokenizer_config value of the wrong type": (T5, None, {"model_max_length": {"a": 1}},
                                                 "model_max_length"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("role", ["abstractive model", "coverage encoder"])
def test_unusable_model_folder_is_one_line(tmp_path, case, role):
    pytest.importorskip("transformers")
    config, weights, tok_config, quoted = BROKEN[case]
    if role == "coverage encoder" and tok_config is not None:
        pytest.skip("the encoder reads no tokenizer_config value of this kind")
    folder = model_folder(tmp_path, config, weights, tok_config)
    article = tmp_path / "a.txt"
    article.write_text(NEWS, encoding="utf-8")
    chosen = (["--method", "abstractive", "--model", str(folder), "--device", "cpu"]
              if role == "abstractive model" else ["--option", f"encoder={folder}"])
    code, out, err = run_cli(["summarize", str(article), "--words", "10", *chosen])
    assert code == 2 and out == "" and "cannot load" in err and quoted in err, err
    options = ({"method": "abstractive", "model": str(folder), "device": "cpu"}
               if role == "abstractive model" else {"encoder": str(folder)})
    with pytest.raises(ModelNotFoundError, match=str(folder)):
        summarize(NEWS, words=10, **options)


# compare: a report.json whose budget lacks its fields (edited by hand, or by another tool)
@pytest.fixture(scope="module")
def lead_run(tmp_path_factory) -> Path:
    """A finished ``summarizer evaluate`` run of lead over a 3-cluster JSONL."""
    root = tmp_path_factory.mktemp("runs")
    rows = [{"id": f"c{i}", "documents": [NEWS, f"Residents welcomed plan {i}. It costs more."],
             "summary": "The council approved the flood barrier budget."} for i in range(3)]
    data = write_jsonl(root / "ds.jsonl", rows)
    code, _, err = run_cli(["evaluate", str(data), "--method", "lead", "--out", str(root / "run"),
                            "--no-progress", "--resamples", "10"])
    assert code == 0, err
    return root / "run"


@pytest.mark.parametrize("budget", [{}, {"limit": 100, "truncate": False},
                                    {"unit": "words", "limit": "100", "truncate": False},
                                    {"unit": "words", "limit": 100}, [100]])
def test_compare_report_with_a_damaged_budget(tmp_path, lead_run, budget):
    other = tmp_path / "other"
    other.mkdir()
    for name in ("report.json", "results.jsonl", "run.json"):
        (other / name).write_bytes((lead_run / name).read_bytes())
    report = json.loads((other / "report.json").read_text(encoding="utf-8"))
    report["budget"] = budget
    (other / "report.json").write_text(json.dumps(report), encoding="utf-8")
    code, _, err = run_cli(["compare", str(lead_run), str(other), "--out",
                            str(tmp_path / "cmp"), "--no-plot"])
    assert code == 2 and "budget" in err and "report.json" in err, err
    assert not (tmp_path / "cmp").exists()


# rouge(): systems and references are paired by place; a dict's iteration gives its keys
@pytest.mark.parametrize("systems, references", [
    ({"the": "the cat sat on the mat"}, {"the": ["a cat sat on a mat"]}),
    (["the cat sat on the mat"], {"the": ["a cat sat on a mat"]}),
    ({"the cat sat on the mat"}, ["a cat sat on a mat"]),
    (["the cat sat on the mat"], 5),
])
def test_rouge_refuses_containers_without_an_order_of_texts(systems, references):
    from summarizer.metrics import rouge

    with pytest.raises(InputError, match="dict|set|list"):
        rouge(systems, references)


def test_rouge_reads_generators_as_the_lists_they_give():
    from summarizer.metrics import rouge

    texts, refs = ["the cat sat on the mat", "rain fell"], [["a cat sat on a mat"], ["rain"]]
    listed = rouge(texts, refs, resamples=10)
    generated = rouge((t for t in texts), (r for r in refs), resamples=10)
    assert generated.per_summary == listed.per_summary


# summarize(): a set's order (of texts: str's salted hash) changes between runs, and with it
# the summary; a mapping that is not a dict was read as its keys
@pytest.mark.parametrize("data", [
    {NEWS, "Rain fell all week. The river rose two metres by Friday."},
    frozenset([NEWS]),
    __import__("types").MappingProxyType({NEWS: "its id"}),
])
def test_summarize_refuses_unordered_or_keyed_texts(data):
    with pytest.raises(InputError, match="set|dict"):
        summarize(data, words=10)


# Cluster(references=...): iterated, one string gave each character as a reference (the
# evaluation scored lead's summary against 'T', 'h', 'e' ...: ROUGE-1 recall 0.04, no error)
def test_one_reference_string_is_one_reference(tmp_path):
    from summarizer import Cluster, Document
    from summarizer.evaluation import evaluate

    ref = "The council met on Monday to discuss the flood barrier."
    scores = []
    for i, refs in enumerate([[ref], ref, (ref,)]):
        run = evaluate([Cluster([Document(NEWS)], id="c1", references=refs)], "lead",
                       out=tmp_path / f"run{i}", progress=False)
        scores.append(run.report.scores["ROUGE-1"].recall.mean)
    assert scores == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("field, value", [
    ("references", {"The council approved it.": "A"}), ("references", [None]),
    ("references", [["The council.", "It approved it."]]), ("references", 5),
    ("references", b"The council approved it."), ("id", ["c1"]), ("id", 1.5), ("id", True),
])
def test_cluster_refuses_references_or_id_of_another_type(field, value):
    from summarizer import Cluster, Document

    with pytest.raises(InputError, match=f"Cluster {field[:-1] if field == 'references' else 'id'}"):
        Cluster([Document(NEWS)], **{field: value})


# --engine ray --address: a host:port nothing answers on was minutes of ray.init retries
def _closed_port() -> int:
    import socket

    with socket.socket() as sock:  # a port just freed: nothing listens on it
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("address", ["127.0.0.1:{port}", "ray://127.0.0.1:{port}",
                                     "bogus:99999", "host:port"])
def test_ray_address_nothing_answers_on_is_refused_at_once(tmp_path, address):
    import time

    from summarizer.batch.engine import EngineError, check_address

    address = address.format(port=_closed_port())
    start = time.perf_counter()
    with pytest.raises(EngineError, match="Ray address|no Ray cluster answers"):
        check_address(address, timeout=2)
    assert time.perf_counter() - start < 10
    check_address("local")  # Ray's own form of a new instance passes (auto is checked by
    check_address(None)     # Ray's rule for a running cluster: tests/batch/test_batch_local.py)
    pytest.importorskip("ray")
    data = write_jsonl(tmp_path / "ds.jsonl", [{"id": "c1", "documents": [NEWS]}])
    code, _, err = run_cli(["batch", str(data), "--out", str(tmp_path / "out"), "--engine",
                            "ray", "--address", address, "--no-progress"])
    assert code == 2 and address in err and not (tmp_path / "out").exists()


# faithfulness check(): a set's order (str's salted hash) was the report's sentence order
@pytest.mark.parametrize("which", ["output", "sources"])
def test_check_refuses_a_set_of_texts(which):
    from summarizer.faithfulness import check

    texts = {"The council met on Monday.", "It approved the budget."}
    args = (texts, [NEWS]) if which == "output" else ("The council met.", texts)
    with pytest.raises(InputError, match=f"{which} is a set, which has no order.*pass a list"):
        check(*args, embeddings=False)
