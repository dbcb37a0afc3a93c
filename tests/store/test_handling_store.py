"""Issue 13 item 2 for the handling family: the 通报 (core/stats.py) and the documents' planners
(core/documents.py) no longer import each other (that no SQL lives outside store/, and one
INSERT INTO documents, is tests/test_sql_lives_in_store.py's)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tree(path: str) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=path)


def _imports(path: str) -> set[str]:
    """Every module a file imports, at the top or inside a function (`from a import b` gives
    a and a.b, as b may be a module)."""
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_documents_and_stats_do_not_import_each_other() -> None:
    assert "docket.core.documents" not in _imports("core/stats.py")
    batches = _imports("core/batches.py")
    for planner in ("docket.core.documents", "docket.core.stats", "docket.core.reminders"):
        assert planner not in batches
