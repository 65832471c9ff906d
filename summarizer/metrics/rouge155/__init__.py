"""Exact pure-Python reimplementation of ROUGE-1.5.5 (the ``rouge155`` mode).

Use :class:`Rouge155` with :class:`Rouge155Options`, the internal view of the
public ``RougeSettings`` (``make_settings(options="-n 2 -m").rouge155_options()``
parses the familiar ROUGE-1.5.5 flags, with the package's one flag parser). See ``score.py`` for what the numbers
are, ``tokenize.py``/``stem.py`` for the text processing and ``resources.py``
for where the ``-m``/``-s`` data are found. The ``-a`` system averages are
``summarizer.metrics.aggregate`` (ROUGE-1.5.5 prints the mean of its bootstrap
resample means, not the plain mean of these per-summary scores).
"""

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_dir, lazy_getattr

from .options import Rouge155Options

if TYPE_CHECKING:  # pragma: no cover
    from .score import Counts, Rouge155, Score
    from .tokenize import perl_spl_lines

# The scorer on first use: the CLI's parsers read the options (settings.py imports
# .options, so this package), and the scorer's skip-bigrams load numpy, which --help
# and --version must not.
_LAZY = {**dict.fromkeys(("Counts", "Rouge155", "Score"), ".score"),
         "perl_spl_lines": ".tokenize"}

__all__ = ["Counts", "Rouge155", "Rouge155Options", "Score", "perl_spl_lines"]

__getattr__ = lazy_getattr(__name__, _LAZY)
__dir__ = lazy_dir(__name__, _LAZY)
