"""Issue 13 item 2 for the handling family: the rules of assigning, returning, extending,
replying, evaluating, reminding, documents and the status report call store functions and
speak no SQL; the 通报 (core/stats.py) and the documents' planners (core/documents.py) no
longer import each other; one INSERT INTO documents."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# the modules that hold the handling family's rules (their SQL is in store/assignments.py,
# store/reminders.py, store/documents.py and store/stats.py)
HANDLING = ["core/assigning.py", "core/return_extend.py", "core/replies.py", "core/evaluation.py",
            "core/reminders.py", "core/documents.py", "core/batches.py", "core/stats.py",
            "core/timeliness.py", "core/docdata.py", "docgen/issue.py"]
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b",
                 re.IGNORECASE | re.DOTALL)


def _tree(path: str) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=path)


def _sql_texts(tree: ast.Module) -> list[ast.Constant]:
    """String constants that are SQL (docstrings, which may name a statement, left out)."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and SQL.search(n.value)]


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


@pytest.mark.parametrize("path", HANDLING)
def test_handling_rules_speak_no_sql(path: str) -> None:
    tree = _tree(path)
    calls = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute)
             and n.func.attr in ("execute", "executemany", "executescript")]
    texts = [n.lineno for n in _sql_texts(tree)]
    assert not calls, f"{path}: conn.execute on lines {calls}: call a store/ function instead"
    assert not texts, f"{path}: SQL text on lines {texts}: it belongs in a store/ module"


def test_documents_and_stats_do_not_import_each_other() -> None:
    assert "docket.core.documents" not in _imports("core/stats.py")
    batches = _imports("core/batches.py")
    for planner in ("docket.core.documents", "docket.core.stats", "docket.core.reminders"):
        assert planner not in batches


def test_one_insert_into_documents() -> None:
    holders = sorted(str(p.relative_to(ROOT)) for d in ("core", "store", "docgen", "commands", "tui", "fixtures")
                     for p in (ROOT / d).rglob("*.py")
                     if any(re.search(r"INSERT\s+INTO\s+documents\b", n.value)
                            for n in _sql_texts(_tree(str(p.relative_to(ROOT))))))
    assert holders == ["store/documents.py"]
