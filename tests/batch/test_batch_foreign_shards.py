"""A resumed batch job trusts its folder no further than it can check: a manifest whose
settings were edited by hand, a shard of another job's settings, a shard copied twice and a
shard of another input are each refused, one line, where they were counted as done (rows of
a 100-word job stood for a 10-word one; read_output gave every row twice; "8 done" of 5)."""

from __future__ import annotations

import json
import shutil

import pytest
from batch_helpers import make_records
from helpers import write_jsonl

from summarizer.batch import read_output, summarize_dataset
from summarizer.errors import InputError, RunMismatchError


def _run(inp, out, words=40):
    return summarize_dataset(inp, out, "lead", words=words, progress=False)


def test_a_manifest_with_its_settings_edited_is_refused(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(5))
    out = tmp_path / "out"
    _run(inp, out)
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text())
    data["settings"]["budget"]["limit"] = 10
    manifest.write_text(json.dumps(data))
    before = sorted(p.name for p in out.iterdir())
    with pytest.raises(RunMismatchError, match="manifest's settings fingerprint .* edited"):
        _run(inp, out, words=10)
    assert sorted(p.name for p in out.iterdir()) == before


def test_a_shard_of_other_settings_is_refused(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(5))
    _run(inp, tmp_path / "ten", words=10)
    out = tmp_path / "out"
    _run(inp, out)
    for shard in out.glob("part-*.parquet"):
        shard.unlink()
    for shard in (tmp_path / "ten").glob("part-*.parquet"):
        shutil.copy(shard, out / shard.name)
    with pytest.raises(InputError, match="rows of another job"):
        _run(inp, out)


def test_a_shard_copied_twice_is_refused(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(5))
    out = tmp_path / "out"
    _run(inp, out)
    (shard,) = out.glob("part-*.parquet")
    shutil.copy(shard, out / "part-zz-copy.parquet")
    with pytest.raises(InputError, match="cluster 'c000' is in another row too"):
        _run(inp, out)


def test_a_shard_of_another_input_is_found_once_the_input_is_read(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(5))
    other = write_jsonl(tmp_path / "other.jsonl",
                        [{**r, "id": f"x{k}"} for k, r in enumerate(make_records(3, seed=1))])
    _run(other, tmp_path / "other")
    out = tmp_path / "out"
    _run(inp, out)
    for shard in (tmp_path / "other").glob("part-*.parquet"):
        shutil.copy(shard, out / shard.name)
    with pytest.raises(InputError, match="cluster 'x0', which is no row of the input"):
        _run(inp, out)
    assert json.loads((out / "report.json").read_text())["complete"] is False
    for shard in (tmp_path / "other").glob("part-*.parquet"):
        (out / shard.name).unlink()
    report = _run(inp, out)  # the stray shard gone: the job is whole again
    assert report.complete and len(read_output(out)) == 5
