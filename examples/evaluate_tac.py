"""Score the default method and the lead baseline on TAC 2011 MultiLing English.

``summarizer.evaluation.evaluate`` summarises every cluster of a data set and
scores the summaries with the data set's conventional ROUGE options; for TAC
2011 these are the official ones (250 words, ROUGE-1.5.5 ``-n 2 -x -2 4 -u -c 95
-r 1000 -f A -p 0.5``, no stemming; ROUGE-L is reported too). The signature
string records every setting: scores are comparable where signatures are equal.

Run:  python examples/evaluate_tac.py [TAC_FOLDER]
      (default: $SUMMARIZER_SHARED_DATA/tac2011_multiling, else
       ../shared/data/tac2011_multiling next to the repository)
"""

import os
import tempfile
from pathlib import Path

from summarizer.cli import quiet_broken_pipe, script_error, script_parser
from summarizer.errors import SummarizerError
from summarizer.evaluation import evaluate

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUMMARIZER_SHARED_DATA", REPO.parent / "shared" / "data"))
parser = script_parser(__doc__)  # one folder; a second is refused, not ignored
parser.add_argument("tac", metavar="TAC_FOLDER", nargs="?", type=Path,
                    default=SHARED / "tac2011_multiling", help="TAC 2011 MultiLing's folder")
tac = parser.parse_args().tac
if not (tac / "SourceTexts").is_dir():
    script_error(f"no TAC 2011 MultiLing data at {tac} (give its folder)")

METRICS = ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"]

# A run folder holds every summary and score, and the same call resumes an
# interrupted run; a temporary one is enough here.
with tempfile.TemporaryDirectory() as runs:
    reports = []
    for method in ("coverage", "lead"):  # coverage is the package's default
        try:
            run = evaluate(tac, method, language="english", out=Path(runs) / method,
                           progress=False)
        except SummarizerError as exc:  # not TAC's layout, an unreadable file: one line
            script_error(exc)
        reports.append(run.report)

with quiet_broken_pipe():  # `| head -1` ends quietly, no traceback
    first = reports[0]
    print(f"{first.dataset.name}: {first.dataset.clusters} clusters, "
          f"{first.budget['limit']} {first.budget['unit']}; recall, mean over clusters\n")
    print(f"{'method':<10}" + "".join(f"{m:>11}" for m in METRICS))
    for report in reports:
        print(f"{report.system:<10}" + "".join(f"{report.scores[m].recall.mean:>11.4f}" for m in METRICS))

    # Both runs were scored alike: one signature (it differs where any setting does).
    print(f"\nROUGE signature: {first.rouge.signature}")
