"""Issue 13: one layer speaks SQL. Every statement lives in store/, by table family; core holds the
rules and calls store functions; docgen, commands and tui never run SQL."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE_STORE = ("core", "docgen", "commands", "tui", "fixtures")


def _sql_calls(path: Path) -> list[str]:
    """Calls of .execute / .executemany / .executescript, and sqlite-utils' .query, in one file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"execute", "executemany", "executescript"}):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_sql_outside_store() -> None:
    calls = [c for part in OUTSIDE_STORE for p in sorted((ROOT / part).rglob("*.py"))
             for c in _sql_calls(p)]
    assert calls == [], "SQL outside store/ (move it into the store module of its table family):\n" + \
        "\n".join(calls)
