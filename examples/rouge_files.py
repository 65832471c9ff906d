"""Score a system summary against its reference summaries with summarizer.metrics.

Summary files are read as ROUGE-1.5.5 reads them: one sentence per line.
Without arguments, TAC 2011 participant ID2's summary of topic M003 is scored
against the topic's three human references.

Run:  python examples/rouge_files.py [SYSTEM REFERENCE...]
      (default: files of $SUMMARIZER_SHARED_DATA/tac2011_multiling, else of
       ../shared/data/tac2011_multiling next to the repository)
"""

import os
from pathlib import Path

from summarizer.cli import quiet_broken_pipe, script_error, script_parser
from summarizer.errors import InputError
from summarizer.metrics import rouge
from summarizer.metrics.io import read_reference, read_summary

SHARED = Path(os.environ.get("SUMMARIZER_SHARED_DATA",
                            Path(__file__).resolve().parents[2] / "shared" / "data"))
TAC = SHARED / "tac2011_multiling"

parser = script_parser(__doc__)
parser.add_argument("files", metavar="SYSTEM REFERENCE", nargs="*", type=Path,
                    help="a system summary file, then one or more reference files")
given = parser.parse_args().files
if given:
    system_file, *reference_files = given
    if not reference_files:
        parser.error("give a SYSTEM summary file and one or more REFERENCE files")
else:
    system_file = TAC / "correctedSubmissions" / "ID2" / "English" / "M003"
    references_at = TAC / "Model Summaries" / "English"
    # none there: the check below names what was looked for
    reference_files = sorted(references_at.glob("M003.*")) or [references_at / "M003.*"]
for path in [system_file, *reference_files]:
    if not path.is_file():
        script_error(f"no summary file at {path} (give SYSTEM REFERENCE...)")

# read as `summarizer rouge` reads them: a binary or undecodable file, or a reference with
# no word in it (every score against it would be 0), is one line, not a traceback or zeros
try:
    system = read_summary(system_file)
    references = [read_reference(p) for p in reference_files]
except InputError as exc:
    script_error(exc)


def show(report):
    scores = report.per_summary[0]  # this summary's; report.aggregate has corpus means
    for metric in report.metrics:
        s = scores[metric]
        print(f"  {metric:<8} P {s.precision:.5f}  R {s.recall:.5f}  F {s.fmeasure:.5f}")
    print(f"  signature: {report.signature}\n")


# rouge() scores lists: one entry per summary, each with one or more references.
# The default mode is an exact ROUGE-1.5.5 with its defaults (no stemming, -f A
# -p 0.5); keywords (stem=True) or its own flags (options="-m -n 4") change them.
with quiet_broken_pipe():  # `| head -1` ends quietly, no traceback
    print(f"{system_file.name} against {len(references)} references, ROUGE-1.5.5:")
    show(rouge([system], [references], metrics=["ROUGE-1", "ROUGE-2", "ROUGE-L"]))

    # The same summary as Google's rouge-score package scores it (best reference).
    print("rouge-score mode, with its stemmer:")
    show(rouge([system], [references], mode="rouge-score", metrics=["rouge1", "rouge2", "rougeL"],
               stem=True))
