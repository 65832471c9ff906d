"""The corruption benchmark runs end to end on three TAC clusters (lexical support)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_benchmark_reports_every_corruption_type(tmp_path, tac_dir):
    sys.path.insert(0, str(REPO / "eval"))
    import faithfulness_tac

    out, verdicts = tmp_path / "f.md", tmp_path / "v.jsonl"
    assert faithfulness_tac.main(["--data", str(tac_dir), "--no-embeddings", "--clusters", "3",
                                  "--out", str(out),
                                  "--verdicts", str(verdicts)]) == 0
    table = out.read_text(encoding="utf-8")
    for kind in ("number", "date", "name", "sentence"):
        row = next(line for line in table.splitlines() if line.startswith(f"| {kind} |"))
        pairs, precision, recall, auc = (float(x) for x in row.strip("|").split("|")[1:5])
        assert pairs > 0 and 0 <= precision <= 1 and 0 <= recall <= 1 and 0 <= auc <= 1
    # name swaps from other clusters are caught (any regression shows here)
    name_row = next(line for line in table.splitlines() if line.startswith("| name |"))
    assert float(name_row.split("|")[4]) >= 0.9
    # one verdict per reference sentence, as many as the table counts
    import json

    lines = [json.loads(line) for line in verdicts.read_text(encoding="utf-8").splitlines()]
    counted = int(re.search(r"clusters, (\d+) reference sentences", table).group(1))
    assert len(lines) == counted and {v["cluster"] for v in lines} == {"M000", "M001", "M002"}
    flagged = re.search(r"Reference sentences flagged \(false alarms\): ([\d.]+)", table)
    assert round(sum(v["flagged"] for v in lines) / counted, 3) == float(flagged.group(1))
    assert all(name in v["sentence"] for v in lines for name, _ in v["names"])
    # a person's surname swapped for another's of the same cluster ("Tom Jones" -> "Tom
    # Smith"), and the default's summaries, whose sentences are the sources': no name of
    # theirs is flagged
    swap = re.search(r"Person swap .*: (\d+) sentences, new name flagged ([\d.]+); the "
                     r"original's name at the same place backed (\d\.\d+)", table)
    assert swap and int(swap.group(1)) > 0
    assert float(swap.group(2)) >= 0.9 and float(swap.group(3)) == 1.0
    default = re.search(r"Default summaries .*, (\d+) names read\): names unsupported (\d+) ",
                        table)
    assert default and int(default.group(1)) > 0 and default.group(2) == "0"
