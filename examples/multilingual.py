"""Summarise a French news cluster, with its language given and guessed.

The language decides the sentence splitter, the stopwords and, for methods
that embed sentences, the representation: the English encoder is replaced by
TF-IDF features for other languages (``representation="multilingual"`` uses a
multilingual encoder instead; ``pip install -e '.[multilingual]'`` from the clone).
Without ``language=`` it is guessed from the text.

Run:  python examples/multilingual.py [TAC_FOLDER]
      (default: $SUMMARIZER_SHARED_DATA/tac2011_multiling, else
       ../shared/data/tac2011_multiling next to the repository)
"""

import os
from pathlib import Path

import summarizer
from summarizer.cli import quiet_broken_pipe, script_error, script_parser
from summarizer.errors import InputError

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUMMARIZER_SHARED_DATA", REPO.parent / "shared" / "data"))
parser = script_parser(__doc__)  # one folder; a second is refused, not ignored
parser.add_argument("tac", metavar="TAC_FOLDER", nargs="?", type=Path,
                    default=SHARED / "tac2011_multiling", help="TAC 2011 MultiLing's folder")
tac = parser.parse_args().tac
articles = sorted((tac / "SourceTexts").glob("M000?.french"))  # topic M000, ten articles
if not articles:
    script_error(f"no TAC 2011 MultiLing French articles in {tac}/SourceTexts")

try:
    given = summarizer.summarize(articles, words=60, language="fr")  # a code or a name ("french")
    guessed = summarizer.summarize(articles, words=60)
except InputError as exc:  # an empty, binary or undecodable article: one line
    script_error(exc)

with quiet_broken_pipe():  # `| head -1` ends quietly, no traceback
    for how, summary in (("given", given), ("guessed", guessed)):
        settings = summary.settings  # everything that made the summary, the language included
        print(f"language {how}: {settings['language']}, sentences represented by "
              f"{settings['representation_used']}")
    print(f"same summary both ways: {given.text == guessed.text}\n")
    print(given)
