"""The code blocks of README.md, as the README test runs them.

Convention: every fenced block names its language. ``python`` and ``bash`` blocks run (in
order, from a copy of the project root, so ``../shared/data`` and ``seeds/`` mean what they
mean for a reader); ``json``/``jsonl`` blocks must parse; ``text`` blocks are not code. A block
that cannot run here is preceded by ``<!-- readme-test: skip (why) -->``; keep those rare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

RUN = {"python", "bash"}
PARSE = {"json", "jsonl"}
KNOWN = RUN | PARSE | {"text"}
SKIP = re.compile(r"<!--\s*readme-test:\s*skip\s*\((?P<why>[^)]+)\)\s*-->")


@dataclass
class Block:
    line: int  # of the opening fence, 1-based
    lang: str
    code: str
    skip: str | None  # the reason, when marked

    @property
    def id(self) -> str:
        return f"README.md:{self.line}-{self.lang or 'none'}"


def blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)```\s*([\w+-]*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        indent, lang = m.group(1), m.group(2).lower()
        j = i + 1
        while j < len(lines) and not re.match(rf"^{indent}```\s*$", lines[j]):
            j += 1
        code = "\n".join(ln[len(indent):] for ln in lines[i + 1 : j])
        prev = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        hit = SKIP.search(prev)
        out.append(Block(i + 1, lang, code, hit.group("why").strip() if hit else None))
        i = j + 1
    return out
