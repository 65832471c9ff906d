"""Summarise many clusters from a JSONL file into Parquet shards, then resume.

One cluster per line: an id and its documents. ``summarize_dataset`` runs in
this process (``engine="local"``) or on a Ray Data actor pool (``--ray``: needs
the ray extra), with the same summaries. Run again on the same folder, it
skips the clusters already written, so a job killed part-way is rerun as is.

Run:  python examples/batch_jsonl.py [--ray]
"""

import json
import tempfile
from pathlib import Path

from summarizer.batch import EngineError, read_output, summarize_dataset
from summarizer.cli import quiet_broken_pipe, script_error, script_parser

SEED = Path(__file__).resolve().parents[1] / "seeds" / "panama_migration_meeting.txt"
CLUSTERS = [
    {"id": "flood", "documents": [
        "The river burst its banks on Sunday. Hundreds of families left their homes.",
        "Floods forced hundreds of families from their homes. Soldiers helped them."]},
    {"id": "vote", "documents": [
        "Voters approved the school budget on Tuesday. It raises spending by four percent.",
        "The school budget passed easily. Turnout was low."]},
    {"id": "panama", "documents": [SEED.read_text(encoding="utf-8")]},
]
parser = script_parser(__doc__)  # a typo ("--Ray") is refused, not run on the local engine
parser.add_argument("--ray", action="store_true", help="run on Ray Data (needs the ray extra)")
engine = "ray" if parser.parse_args().ray else "local"

# quiet_broken_pipe: `| head -1` ends quietly, with no BrokenPipeError traceback
with quiet_broken_pipe(), tempfile.TemporaryDirectory() as tmp:
    data = Path(tmp) / "clusters.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in CLUSTERS), encoding="utf-8")
    out = Path(tmp) / "summaries"

    for attempt in ("first run", "second run"):
        try:
            report = summarize_dataset(data, out, "coverage", words=40, engine=engine,
                                       progress=False)
        except EngineError as exc:  # --ray without Ray installed: one line
            script_error(exc)
        print(f"{attempt} ({engine}): {report.done} summarised, {report.skipped} skipped "
              f"(already in {out.name}/), {report.failed_count} failed")

    # The shards (part-*.parquet) hold one row per cluster, in input order.
    print(f"\n{len(list(out.glob('part-*.parquet')))} Parquet shard(s) in {out.name}/:")
    for row in read_output(out):
        print(f"  {row['id']:<7} {row['summary_words']:>2} words: {row['summary']}")
