"""Show where each sentence of a summary came from.

Every ``SummarySentence`` carries the id of its document, the index of the
sentence in that document and its character offsets into ``Document.text``.

Run:  python examples/provenance.py
It takes no arguments: it summarises seeds/; edit SEEDS for another folder.
"""

from pathlib import Path

import summarizer
from summarizer.cli import quiet_broken_pipe, script_parser
from summarizer.documents import load_cluster

# --help prints this file's docstring; an argument it would not read is refused
script_parser(__doc__).parse_args()

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

cluster = load_cluster(SEEDS)
documents = {doc.id: doc for doc in cluster.documents}
summary = summarizer.summarize(cluster, "lead", words=80)

with quiet_broken_pipe():  # `| head -1` ends quietly, no traceback
    print(summary, end="\n\n")
    for n, sent in enumerate(summary.sentences, 1):
        doc = documents[sent.doc_id]
        source = doc.text[sent.start:sent.end]
        same = "matches" if sent.text == source else "truncated from"
        print(f"[{n}] document {sent.doc_id!r}, sentence {sent.sentence_index}, "
              f"characters {sent.start}-{sent.end} ({same} the source)")
        print(f"    source: {source[:90]}{'...' if len(source) > 90 else ''}")
