"""Exact pure-Python reimplementation of ROUGE-1.5.5 (the ``rouge155`` mode).

Use :class:`Rouge155` with :class:`Rouge155Options`, the internal view of the
public ``RougeSettings`` (``make_settings(options="-n 2 -m").rouge155_options()``
parses the familiar ROUGE-1.5.5 flags, with the package's one flag parser). See ``score.py`` for what the numbers
are, ``tokenize.py``/``stem.py`` for the text processing and ``resources.py``
for where the ``-m``/``-s`` data are found. The ``-a`` system averages are
``summarizer.metrics.aggregate`` (ROUGE-1.5.5 prints the mean of its bootstrap
resample means, not the plain mean of these per-summary scores).
"""

from .options import Rouge155Options
from .score import Counts, Rouge155, Score
from .tokenize import perl_spl_lines

__all__ = ["Counts", "Rouge155", "Rouge155Options", "Score", "perl_spl_lines"]
