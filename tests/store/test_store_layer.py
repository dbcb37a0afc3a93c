"""Issue 13 item 2 for the event log and restore: the event log's store keeps only its
mechanics, and what a restore refuses stays as it was (that no SQL lives outside store/ is
tests/test_sql_lives_in_store.py's)."""
from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from tests.conftest import invoke, ok

ROOT = Path(__file__).resolve().parents[2]


def test_the_event_store_keeps_only_append_verify_and_head() -> None:
    """What an event means (which action made which item, reply, assignment or evaluation) is
    core.audit's; store/events.py names no business table and no action."""
    from docket.store import events

    text = (ROOT / "store" / "events.py").read_text(encoding="utf-8")
    assert not hasattr(events, "records")
    assert re.findall(r"\b(?:FROM|JOIN) (?!events\b|event_head\b)\w+", text) == []
    assert not re.search(r"\"(?:add|import|assign|reply|evaluate|rehandle|extend)\"", text)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_refuses_what_is_not_a_docket_backup(office_db: Path, tmp_path: Path) -> None:
    """An empty file, a text file, another application's SQLite file and a docket database
    without its business tables: each refused in one sentence; the backup and the live database
    are left byte for byte."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    text = tmp_path / "notes.db"
    text.write_text("这不是数据库\n", encoding="utf-8")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    partial = tmp_path / "partial.db"
    ok("backup", str(partial))
    conn = sqlite3.connect(partial)
    conn.execute("DROP TABLE sessions")
    conn.commit()
    conn.close()
    live = _digest(office_db)
    for source in (empty, text, other, partial):
        before = _digest(source)
        result = invoke("restore", str(source))
        assert (result.exit_code, result.stderr) == (1, f"错误：{source} 不是 docket 数据库备份，未恢复\n")
        assert _digest(source) == before
        assert _digest(office_db) == live
    assert not list(tmp_path.glob("docket.db.replaced-*"))
