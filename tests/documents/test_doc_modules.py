"""The documents package is one idea a module (make: a text into a Document; records: JSON
records into clusters; loaders: paths and texts ...): a module uses only another's public
names, and their imports, at module level or inside a function, form no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import summarizer.documents as documents

PACKAGE = "summarizer.documents"


def _graph() -> dict[str, set[str]]:
    root = Path(documents.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.glob("*.py"):
        uses = graph.setdefault(path.stem, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:  # from .x import y
                module = f"{PACKAGE}.{node.module}" if node.module else PACKAGE
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
            else:
                continue
            if not module.startswith(PACKAGE + "."):
                continue
            names = [a.name for a in node.names]
            assert not [n for n in names if n.startswith("_")], (path.name, module, names)
            uses.add(module.removeprefix(PACKAGE + "."))
    return graph


def test_documents_modules_share_no_private_names_and_import_in_one_direction():
    graph = _graph()
    assert {"make", "records", "loaders", "model", "duc", "tac", "hf"} <= set(graph), graph
    assert "make" in graph["records"] and "records" in graph["loaders"]  # the layers found

    def visit(name: str, stack: list[str]) -> None:
        assert name not in stack, " -> ".join(stack + [name])
        for used in graph.get(name, ()):
            visit(used, stack + [name])

    for name in graph:
        if name != "__init__":  # it names every module's public names
            visit(name, [])
