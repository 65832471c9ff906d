"""TeX-style quotes, as Penn Treebank text and NIST newswire write them: ``like this''.

The one fold of them, for the cleaning of every document (:mod:`.clean`) and the DUC
reader (:mod:`.duc`, which also reads a lone backquote as an opening single quote).
"""

from __future__ import annotations


def fold_tex_quotes(text: str, single: bool = False) -> str:
    """``text`` with TeX double quotes (two backquotes, two apostrophes) as plain ``"``;
    with ``single``, a lone backquote (`like this') as ``'`` too."""
    text = text.replace("``", '"').replace("''", '"')
    return text.replace("`", "'") if single else text
