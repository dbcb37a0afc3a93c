"""Issue 13: one layer speaks SQL. Every statement lives in store/, by table family; core holds the
rules and calls store functions; docgen, commands and tui never run SQL, nor hold its text."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE_STORE = ("core", "docgen", "commands", "tui", "fixtures")
# what runs SQL on a connection (a database's .backup copies one)
SQL_CALLS = {"execute", "executemany", "executescript", "backup"}
SQL_TEXT = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b",
                      re.IGNORECASE | re.DOTALL)


def _outside_store() -> list[Path]:
    return [p for part in OUTSIDE_STORE for p in sorted((ROOT / part).rglob("*.py"))]


def sql_texts(tree: ast.Module) -> list[ast.Constant]:
    """String constants that are SQL (docstrings, which may name a statement, left out)."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and SQL_TEXT.search(n.value)]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_sql_outside_store() -> None:
    """No .execute (or .executemany, .executescript, .backup) call outside store/."""
    calls = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in _outside_store() for n in ast.walk(_tree(p))
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in SQL_CALLS]
    assert calls == [], "SQL outside store/ (move it into the store module of its table family):\n" + \
        "\n".join(calls)


def test_no_sql_text_outside_store() -> None:
    """Nor a statement's text kept outside store/ to be run there (docstrings may name one)."""
    texts = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in _outside_store() for n in sql_texts(_tree(p))]
    assert texts == [], "SQL text outside store/ (it belongs in a store/ module):\n" + "\n".join(texts)


def test_one_insert_into_documents() -> None:
    """One INSERT INTO documents in the whole tree: what docgen/issue.py records through."""
    holders = sorted(str(p.relative_to(ROOT)) for d in ("store", *OUTSIDE_STORE) for p in (ROOT / d).rglob("*.py")
                     if any(re.search(r"INSERT\s+INTO\s+documents\b", n.value) for n in sql_texts(_tree(p))))
    assert holders == ["store/documents.py"]
