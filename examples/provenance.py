"""Show where each sentence of a summary came from.

Every ``SummarySentence`` carries the id of its document, the index of the
sentence in that document and its character offsets into ``Document.text``.

Run:  python examples/provenance.py
"""

import sys
from pathlib import Path

import summarizer
from summarizer.cli import quiet_broken_pipe
from summarizer.documents import load_cluster

if sys.argv[1:]:  # it reads nothing it is given: say so, rather than ignore it
    raise SystemExit(f"provenance.py: error: takes no arguments, got {sys.argv[1]!r} "
                     "(it summarises seeds/; edit SEEDS for another folder)")

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
