"""gzip-compressed input (``news.jsonl.gz``, or any gzip file, whatever its name): read as its
decompressed data by `summarize`, `batch`, `evaluate` and `rouge`, through the one opener
(textio.open_input), line by line where the data is plain UTF-8, with the bounds on a file
and on a line holding for the decompressed data; cut-short or damaged gzip data is one
CompressedDataError, one line from the CLI, before anything is computed."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from helpers import run_cli, traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

import summarizer.textio as textio
from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.source import Source
from summarizer.documents import load_cluster
from summarizer.errors import CompressedDataError, InputError
from summarizer.evaluation import DatasetOptions, evaluate, load_dataset
from summarizer.evaluation.stream import open_dataset
from summarizer.evaluation.systems import PrecomputedSummarizer

CLUSTERS = [
    {"id": "flood", "documents": ["The river burst its banks on Sunday. Hundreds of families "
                                  "left their homes. Soldiers helped them.",
                                  "Floods forced hundreds of families from their homes. The "
                                  "army set up shelters."],
     "references": ["A flood drove hundreds of families from their homes."]},
    {"id": "vote", "documents": ["Voters approved the school budget on Tuesday. It raises "
                                 "spending by four percent.",
                                 "The school budget passed easily. Turnout was low."],
     "references": ["Voters passed the school budget, which raises spending."]},
    {"id": "port", "documents": ["The harbour reopened on Monday after the storm. Ferries ran "
                                 "again by noon.", "Ferries sailed again from the harbour."],
     "references": ["The harbour reopened after the storm."]},
]


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _write(path: Path, data: bytes, *, mtime: int = 0, level: int = 9) -> Path:
    path.write_bytes(gzip.compress(data, compresslevel=level, mtime=mtime))
    return path


def _pair(tmp_path: Path, data: bytes, name: str = "news.jsonl") -> tuple[Path, Path]:
    plain = tmp_path / "plain" / name
    plain.parent.mkdir(exist_ok=True)
    plain.write_bytes(data)
    return plain, _write(tmp_path / (name + ".gz"), data)


def _damaged(tmp_path: Path) -> dict[str, Path]:
    """A gzip file cut short at its end, in its middle, and one with damaged deflate data."""
    whole = gzip.compress(_jsonl(CLUSTERS * 20), mtime=0)
    out = {}
    for name, data in (("cut_end", whole[:-5]), ("cut_half", whole[:len(whole) // 2]),
                       ("damaged", whole[:40] + b"\x00\x00\x00\x00" + whole[44:])):
        out[name] = tmp_path / f"{name}.jsonl.gz"
        out[name].write_bytes(data)
    return out


# ----------------------------------------------------------------------- textio
_LINE = st.one_of(
    st.builds(lambda v: json.dumps({"id": v, "text": v}, ensure_ascii=False),
              st.text(st.sampled_from(list("ab é€\u2028\t\"\\")), max_size=12)),
    st.sampled_from(["", "  ", "plain words"]))


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(_LINE, min_size=1, max_size=8), sep=st.sampled_from(["\n", "\r\n"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       level=st.sampled_from([1, 6, 9]))
def test_a_gzip_file_reads_as_its_data(tmp_path_factory, lines, sep, encoding, level):
    """Whole, line by line, or by the check that chooses between them: a gzip file gives
    what its decompressed data gives as a file, the same text, encoding, lines and errors."""
    text = sep.join(lines) + sep
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    folder = tmp_path_factory.mktemp("g")
    plain, packed = _pair(folder, data)
    assert textio.read_bytes(packed) == data

    def outcome(read, path):
        try:
            return read(path)
        except (InputError, textio.NotPlainUtf8) as exc:
            return type(exc), str(exc).replace(str(path), "PATH")

    for read in (textio.read_text, textio.plain_utf8, lambda p: list(textio.utf8_lines(p)),
                 lambda p: textio.read_jsonl(p).records):
        assert outcome(read, packed) == outcome(read, plain)


def test_gzip_is_known_by_its_bytes_whatever_its_name(tmp_path, monkeypatch):
    data = _jsonl(CLUSTERS[:1])
    for name in ("news.jsonl", "news.txt", "news"):  # compressed, but not so named
        path = _write(tmp_path / name, data)
        assert textio.read_text(path).text == data.decode()
    with textio.open_input(tmp_path / "news") as fh:
        assert fh.readline() == data
    # standard input: `zcat`-free `summarize - < article.txt.gz`
    article = b"The council approved the new bridge on Monday. Work starts in May."
    assert textio.read_stream(io.BytesIO(gzip.compress(article)), "<stdin>") == article
    # the names a compressed file's data goes by
    assert textio.uncompressed_name("a/news.jsonl.gz") == Path("a/news.jsonl")
    assert textio.uncompressed_name("news.JSONL.GZ").suffix == ".JSONL"
    assert textio.uncompressed_name("news.jsonl") == Path("news.jsonl")
    assert textio.looks_like_html("no markup here", "page.html.gz")


def test_a_decompression_bomb_stays_within_the_bounds(tmp_path, monkeypatch):
    """64 MiB of data in 64 KB of gzip: refused once past the file bound (whole) or the line
    bound (line by line), holding about the bound, never the 64 MiB; 16 times the bound in
    lines streams with memory for a few blocks."""
    monkeypatch.setattr(textio.read, "MAX_FILE_BYTES", 1 << 20)
    one_line = _write(tmp_path / "bomb.txt", b"a" * (64 << 20), level=9)
    line = b'{"a": "' + b"x" * 1015 + b'"}\n'  # 1 KiB
    lines = _write(tmp_path / "lines.jsonl", line * (16 << 10), level=9)
    assert one_line.stat().st_size < 200_000 and lines.stat().st_size < 200_000

    def peak(fn):
        with traced_memory() as mem:
            fn()
        return mem.peak

    def whole():
        with pytest.raises(InputError, match="bomb.txt: decompressed, it is over 1 MiB"):
            textio.read_text(one_line)

    def by_line():
        with pytest.raises(InputError, match="line 1 .at byte 0 of the decompressed data. is "
                                             "over 1 MiB"):
            list(textio.utf8_lines(one_line))

    def stream():
        assert textio.plain_utf8(lines)
        assert sum(1 for _ in textio.utf8_lines(lines)) == 16 << 10

    assert peak(whole) < 4 << 20
    assert peak(by_line) < 4 << 20
    assert peak(stream) < 2 << 20
    # the CLI: one line, no traceback
    assert run_cli(["summarize", str(one_line)])[0] == 2


def _news(mb: float) -> bytes:
    """Text that compresses as news does (about 2.8 to 1), not as one word repeated."""
    import random

    rng = random.Random(7)
    words = [f"w{i}" for i in range(5000)]
    return " ".join(rng.choice(words) for _ in range(int(mb * 175_000))).encode()


def test_compressed_stdin_is_held_once_decompressed_not_beside_its_compressed_data():
    # read_stream read the compressed data whole, then kept the decompressed blocks in a
    # list and joined them: 2.8x the data at the end; read_bytes of a .gz file joined too
    data = _news(9)
    packed = gzip.compress(data)
    textio.read_stream(io.BytesIO(packed), "<stdin>")  # warm
    with traced_memory() as mem:
        got = textio.read_stream(io.BytesIO(packed), "<stdin>")
    assert got == data
    assert mem.peak < 1.5 * len(data), mem.peak / len(data)  # 1.24x here


@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz"])
def test_compressed_stdin_over_the_bound_decompressed_is_refused_as_it_passes(
    monkeypatch, kind
):
    import bz2
    import lzma
    import types

    monkeypatch.setattr(textio.read, "MAX_FILE_BYTES", 64 << 10)
    compress = {"gzip": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind]
    packed = compress(_news(0.1))  # 100 KB of text in about 36 KB: under the bound
    assert len(packed) < 64 << 10
    with pytest.raises(InputError) as err:
        textio.read_stream(io.BytesIO(packed), "<stdin>")
    assert str(err.value) == ("<stdin>: decompressed, it is over 64 KiB; inputs over 64 KiB "
                              "are refused")
    # the CLI: its one line, exit 2
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(packed)))
    code, _, said = run_cli(["summarize", "-"])
    assert code == 2 and said.startswith("summarizer: error: <stdin>: decompressed, it is "
                                         "over 64 KiB"), said


def test_an_endless_compressed_stream_is_refused_by_what_is_read():
    # empty gzip members without end decompress to nothing: refused by the bytes read,
    # as an endless pipe of text is, never read without end
    import types

    member = gzip.compress(b"")

    class Endless:
        at = 0

        def read(self, n: int = -1) -> bytes:
            assert n >= 0, "asked for everything"
            start = self.at % len(member)
            self.at += n
            return (member * (n // len(member) + 2))[start:start + n]

    stream = types.SimpleNamespace(read=Endless().read)
    bound = 1 << 16
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(textio.read, "MAX_FILE_BYTES", bound)
        with pytest.raises(InputError, match="^<stdin>: is over 64 KiB; inputs over 64 KiB"):
            textio.read_stream(stream, "<stdin>")


def test_cut_short_or_damaged_gzip_is_one_typed_error(tmp_path):
    for name, path in _damaged(tmp_path).items():
        want = "cut short" if name.startswith("cut") else "damaged gzip data"
        for read in (textio.read_text, textio.plain_utf8, lambda p: list(textio.utf8_lines(p)),
                     lambda p: Source(p, _fields()).fingerprint()):
            with pytest.raises(CompressedDataError, match=want) as exc:
                read(path)
            assert str(exc.value).startswith(f"{path}: ") and "\n" not in str(exc.value)


def _fields():
    from summarizer.batch.source import Fields

    return Fields()


# ------------------------------------------------------------- the three commands
@pytest.mark.parametrize("name", ["news.jsonl", "news.ndjson"])
def test_evaluate_reads_a_compressed_data_set_as_the_plain_one(tmp_path, name):
    """Loaded whole or streamed, with a subset or not: the same clusters, fingerprint and
    name (``news``), so that runs over either file are one run; resumed over the file
    compressed again (another time in its header, another level) the run goes on."""
    plain, packed = _pair(tmp_path, _jsonl(CLUSTERS), name)
    for opts in (DatasetOptions(), DatasetOptions(limit=2, seed=3)):
        base = load_dataset(plain, opts)
        for data in (load_dataset(packed, opts), open_dataset(packed, opts)):
            assert (data.kind, data.name, data.ids, data.fingerprint()) == (
                "jsonl", "news", base.ids, base.fingerprint())
            assert [c.documents[0].text for _, c in data.iter_clusters()] == [
                c.documents[0].text for c in base.clusters]
    first = evaluate(str(packed), "lead", words=20, out=tmp_path / "run", progress=False)
    assert first.computed == 3
    _write(packed, _jsonl(CLUSTERS), mtime=1_700_000_000, level=1)
    again = evaluate(str(packed), "lead", words=20, out=tmp_path / "run", progress=False)
    assert (again.resumed, again.computed) == (3, 0)
    plain_run = evaluate(str(plain), "lead", words=20, out=tmp_path / "plain_run",
                         progress=False)
    assert plain_run.report.scores == first.report.scores


def test_summarize_reads_compressed_files_and_folders(tmp_path):
    docs = [{"id": f"d{i}", "text": t} for i, t in enumerate(CLUSTERS[0]["documents"])]
    plain, packed = _pair(tmp_path, _jsonl(docs))
    want = load_cluster(plain)
    got = load_cluster(packed)
    assert got.id == "news" and [d.text for d in got.documents] == [
        d.text for d in want.documents]
    folder = tmp_path / "folder"
    folder.mkdir()
    _write(folder / "a.jsonl.gz", _jsonl(docs))
    _write(folder / "b.txt.gz", CLUSTERS[1]["documents"][0].encode())
    assert len(load_cluster(folder).documents) == 3
    # a path, not a text: a missing .gz file is refused, not summarised as its own name
    with pytest.raises(InputError, match="no such file"):
        load_cluster(str(tmp_path / "missing.jsonl.gz"))
    from summarizer import summarize

    with pytest.raises(InputError, match="no such file"):
        summarize("missing.jsonl.gz")


def test_batch_reads_compressed_shards_and_fingerprints_their_data(tmp_path):
    data = _jsonl(CLUSTERS)
    plain, packed = _pair(tmp_path, data)
    # an uncompressed file's fingerprint is what it always was: a hash of name and bytes
    old = hashlib.sha256(b"news.jsonl\x00" + data + b"\x01").hexdigest()[:16]
    assert Source(plain, _fields()).fingerprint() == old
    # a compressed one's is its data's (with its own name): the same rows compressed again
    # are the same input
    first = Source(packed, _fields()).fingerprint()
    assert first == hashlib.sha256(b"news.jsonl.gz\x00" + data + b"\x01").hexdigest()[:16]
    _write(packed, data, mtime=1_700_000_000, level=1)
    assert Source(packed, _fields()).fingerprint() == first
    summarize_dataset(plain, tmp_path / "p", "lead", words=20, progress=False)
    report = summarize_dataset(packed, tmp_path / "g", "lead", words=20, progress=False)
    assert report.done == 3
    assert (read_output(tmp_path / "g", ["id", "summary"])
            == read_output(tmp_path / "p", ["id", "summary"]))
    _write(packed, data, mtime=5, level=6)  # compressed again: resumes, nothing redone
    again = summarize_dataset(packed, tmp_path / "g", "lead", words=20, progress=False)
    assert (again.skipped, again.done) == (3, 0)
    # a folder of shards: .jsonl.gz ones too
    shards = tmp_path / "shards"
    shards.mkdir()
    _write(shards / "part-0.jsonl.gz", _jsonl(CLUSTERS[:2]))
    (shards / "part-1.jsonl").write_bytes(_jsonl(CLUSTERS[2:]))
    assert summarize_dataset(shards, tmp_path / "s", "lead", words=20,
                             progress=False).done == 3


def test_precomputed_summaries_and_rouge_lines_read_gzip(tmp_path):
    preds = [{"id": c["id"], "summary": c["references"][0]} for c in CLUSTERS]
    _, packed = _pair(tmp_path, _jsonl(preds), "preds.jsonl")
    system = PrecomputedSummarizer(packed)
    assert system.records == {p["id"]: [p["summary"]] for p in preds}
    # rouge --lines: compressed files score as the plain ones
    lines = "".join(c["documents"][0].split(". ")[0] + ".\n" for c in CLUSTERS).encode()
    refs = "".join(c["references"][0] + "\n" for c in CLUSTERS).encode()
    sys_plain, sys_gz = _pair(tmp_path, lines, "sys.txt")
    ref_plain, ref_gz = _pair(tmp_path, refs, "ref.txt")
    outs = []
    for s, r in ((sys_plain, ref_plain), (sys_gz, ref_gz)):
        code, out, err = run_cli(["rouge", str(s), str(r), "--lines", "--format", "json"])
        assert code == 0, err
        outs.append(json.loads(out)["aggregate"])
    assert outs[0] == outs[1]


@pytest.mark.parametrize("command", ["summarize", "batch", "evaluate"])
def test_damaged_gzip_is_one_line_and_nothing_is_made(tmp_path, command):
    for name, path in _damaged(tmp_path).items():
        out = tmp_path / f"out-{command}-{name}"
        args = {"summarize": ["summarize", str(path)],
                "batch": ["batch", str(path), "--out", str(out), "--method", "lead"],
                "evaluate": ["evaluate", str(path), "--method", "lead", "--out", str(out),
                             "--no-progress"]}[command]
        code, _, err = run_cli(args)
        assert code == 2 and err.count("\n") == 1, err
        assert "gzip data" in err and str(path.name) in err, err
        assert not out.exists()


def test_a_damaged_shard_among_many_is_reported_and_the_others_go_on(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    _write(shards / "a.jsonl.gz", _jsonl(CLUSTERS[:2]))
    (shards / "b.jsonl.gz").write_bytes(_damaged(tmp_path)["cut_half"].read_bytes())
    fingerprint = Source(shards, _fields()).fingerprint()
    assert Source(shards, _fields()).fingerprint() == fingerprint  # the same damage, the same
    report = summarize_dataset(shards, tmp_path / "o", "lead", words=20, progress=False)
    assert (report.done, report.failed_count) == (2, 1)
    failed = [json.loads(line) for line in (tmp_path / "o" / "failed.jsonl").read_text()
              .splitlines()]
    assert "cut short" in failed[0]["error"]


def test_a_run_keeps_its_results_when_its_data_is_damaged_later(tmp_path):
    """Nothing computed is lost: the results of a run stay when its file, compressed again
    and cut short, is refused on resume."""
    packed = _write(tmp_path / "news.jsonl.gz", _jsonl(CLUSTERS))
    out = tmp_path / "run"
    evaluate(str(packed), "lead", words=20, out=out, progress=False)
    before = (out / "results.jsonl").read_bytes()
    packed.write_bytes(packed.read_bytes()[:-6])
    code, _, err = run_cli(["evaluate", str(packed), "--method", "lead", "--words", "20",
                            "--out", str(out), "--no-progress"])
    assert code == 2 and "cut short" in err
    assert (out / "results.jsonl").read_bytes() == before
