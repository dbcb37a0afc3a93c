"""What keeps the store honest: foreign files refused, the newest events anchored, backups kept."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import invoke, ok


def test_another_applications_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for args in (["list"], ["init"]):
        result = invoke("--db", str(other), *args)
        assert (result.exit_code, result.stderr) == (1, f"错误：{other} 不是 docket 数据库文件\n")
    names = [r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")]
    assert names == ["t"]


def test_audit_verify_notices_the_newest_events_deleted(office_db: Path) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    conn = sqlite3.connect(office_db)
    total = conn.execute("SELECT MAX(id) FROM events").fetchone()[0]
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE id = ?", (total,))
    conn.commit()
    conn.close()
    result = invoke("audit", "verify")
    assert (result.exit_code, result.stderr) == (
        1, f"错误：最新的操作记录被删除：记录链应到第 {total} 条，现只到第 {total - 1} 条。请用备份核对\n")


def test_restore_keeps_every_replaced_database(office_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    ok("backup", str(backup))
    ok("add", "--title", "第一件", "--proposer", "张三")
    ok("restore", str(backup))
    ok("add", "--title", "第二件", "--proposer", "李四")
    ok("restore", str(backup))
    kept = sorted(p.name for p in tmp_path.glob("docket.db.replaced-*"))
    assert kept == ["docket.db.replaced-2026-03-20", "docket.db.replaced-2026-03-20-2"]
    titles = [[r[0] for r in sqlite3.connect(tmp_path / k).execute("SELECT title FROM items")] for k in kept]
    assert titles == [["第一件"], ["第二件"]]
    result = invoke("restore", str(office_db))
    assert (result.exit_code, result.stderr) == (1, f"错误：{office_db} 就是当前数据库，无需恢复\n")
