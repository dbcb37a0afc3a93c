"""The store: pragmas, BEGIN IMMEDIATE under concurrent writers, migrations, the event chain."""
from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import invoke, ok, rows
from docket.core.errors import BadInput
from docket.core.intake import NewItem, add
from docket.store import events
from docket.store.db import connect, migrate, opened, write
from docket.store.migrations import MIGRATIONS

TODAY = date(2026, 3, 20)


def test_connection_pragmas(office_db: Path) -> None:
    conn = connect(office_db)
    try:
        pragmas = {p: conn.execute(f"PRAGMA {p}").fetchone()[0]
                   for p in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")}
        assert conn.isolation_level is None  # no implicit transactions: write() opens them
    finally:
        conn.close()
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert pragmas["busy_timeout"] >= 5000
    assert pragmas["synchronous"] == 1  # NORMAL


def test_foreign_keys_are_enforced(office_db: Path) -> None:
    conn = connect(office_db)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            with write(conn):
                conn.execute("INSERT INTO assignments (item_id, unit_id, role, round, assigned_on, due_on,"
                             " first_due_on, yardstick_due_on, created_at) VALUES (999, 999, 'lead', 1,"
                             " '2026-03-20', '2026-06-22', '2026-06-22', '2026-06-22', 'x')")
    finally:
        conn.close()
    assert rows(office_db, "assignments") == []


def test_write_begins_immediate_and_rolls_back_on_error(office_db: Path) -> None:
    conn = connect(office_db)
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        with pytest.raises(RuntimeError):
            with write(conn):
                conn.execute("INSERT INTO settings (key, value) VALUES ('org.short', 'x')"
                             " ON CONFLICT(key) DO UPDATE SET value = 'x'")
                raise RuntimeError("boom")
        with write(conn, dry_run=True):
            conn.execute("UPDATE settings SET value = 'y' WHERE key = 'org.short'")
    finally:
        conn.close()
    assert seen[0] == "BEGIN IMMEDIATE"
    assert seen.count("BEGIN IMMEDIATE") == 2
    assert dict(rows(office_db, "settings"))["org.short"] == "青禾人大办"


def test_nested_write_joins_the_outer_transaction(office_db: Path) -> None:
    conn = connect(office_db)
    try:
        with pytest.raises(RuntimeError):
            with write(conn):
                with write(conn):
                    conn.execute("UPDATE settings SET value = 'inner' WHERE key = 'org.short'")
                raise RuntimeError("outer fails after the inner block")
    finally:
        conn.close()
    assert dict(rows(office_db, "settings"))["org.short"] == "青禾人大办"


def test_second_writer_waits_for_the_first(office_db: Path) -> None:
    """A read-then-write under a deferred BEGIN fails at once when another writer got in first;
    under BEGIN IMMEDIATE the second writer waits for the lock and then succeeds."""
    first, second = connect(office_db), connect(office_db)
    started, done = threading.Event(), threading.Event()
    result: dict[str, object] = {}

    def later_writer() -> None:
        started.set()
        t0 = time.monotonic()
        try:
            number = add(second, NewItem(title="关于乙的建议", proposer="李四"), actor="乙", today=TODAY).number
            result["number"] = number
        except Exception as e:  # pragma: no cover - the failure we are testing against
            result["error"] = e
        result["waited"] = time.monotonic() - t0
        done.set()

    try:
        with write(first):
            n = first.execute("SELECT COUNT(*) FROM items").fetchone()[0]
            thread = threading.Thread(target=later_writer)
            thread.start()
            started.wait()
            time.sleep(0.4)
            assert not done.is_set()  # still waiting for our lock
            first.execute("INSERT INTO items (session_id, number, kind, title, proposer, received_on, state,"
                          " created_at, updated_at) VALUES (1, ?, 'suggestion', '关于甲的建议', '张三',"
                          " '2026-03-20', 'registered', 'x', 'x')", (n + 1,))
        thread.join(10)
    finally:
        first.close()
        second.close()
    assert "error" not in result
    assert result["number"] == 2
    assert result["waited"] >= 0.3
    assert [(r[2], r[5]) for r in rows(office_db, "items")] == [(1, "关于甲的建议"), (2, "关于乙的建议")]


def test_concurrent_writers_all_land(office_db: Path) -> None:
    """Four threads, each on its own connection, add ten items at once: forty numbers, no gaps,
    no lost writes, and an unbroken event chain."""
    errors: list[BaseException] = []
    numbers: list[int] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        conn = connect(office_db)
        try:
            for i in range(10):
                got = add(conn, NewItem(title=f"关于第{k}组第{i}事项的建议", proposer=f"代表{k}"),
                          actor=f"录入员{k}", today=TODAY).number
                with lock:
                    numbers.append(got)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(numbers) == list(range(1, 41))
    assert len(rows(office_db, "items")) == 40
    result = invoke("audit", "verify")
    assert (result.exit_code, result.stdout) == (0, "")
    last = rows(office_db, "events")[-1]
    assert result.stderr == (f"操作记录完整：共 {len(rows(office_db, 'events'))} 条，哈希链无误。\n"
                             f"记录头：{last[0]}:{last[-1]}（可另行记下，日后用 docket audit verify --expect 核对）\n")


# -- migrations ----------------------------------------------------------------------------------

def test_migrations_are_recorded_and_idempotent(office_db: Path) -> None:
    applied = [r[0] for r in rows(office_db, "_docket_migrations")]
    assert applied == [fn.__name__ for fn in MIGRATIONS]
    assert applied[0] == "m001_initial"
    schema = rows(office_db, "sqlite_master")
    with opened(office_db) as conn:
        migrate(conn)
        migrate(conn)
    assert [r[0] for r in rows(office_db, "_docket_migrations")] == applied
    assert rows(office_db, "sqlite_master") == schema


def test_a_new_database_gets_every_table(tmp_path: Path) -> None:
    with opened(tmp_path / "new.db", create=True) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sessions", "units", "items", "assignments", "replies", "evaluations", "reminders", "documents",
            "document_items", "settings", "calendar_days", "events", "_docket_migrations"} <= tables


def test_newer_schema_is_refused_by_the_store(office_db: Path) -> None:
    conn = sqlite3.connect(office_db)
    conn.execute("INSERT INTO _docket_migrations (name, applied_at) VALUES ('m999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(BadInput) as e:
        with opened(office_db):
            pass
    assert e.value.message.startswith(f"数据库 {office_db} 由更新版本的 docket 创建（结构版本 m999_future")


# -- the event log -------------------------------------------------------------------------------

def _flow() -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")
    ok("reply", "1", "--unit", "水利局", "--class", "A")


def test_events_are_append_only(office_db: Path) -> None:
    _flow()
    before = rows(office_db, "events")
    conn = sqlite3.connect(office_db)
    try:
        for sql in ("UPDATE events SET by = '某人' WHERE id = 2", "DELETE FROM events WHERE id = 2",
                    "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="events are append-only"):
                conn.execute(sql)
    finally:
        conn.close()
    assert rows(office_db, "events") == before


def test_every_event_chains_to_the_one_before(office_db: Path) -> None:
    _flow()
    log = rows(office_db, "events")  # id, at, by, action, entity, entity_id, item_id, detail, prev, hash
    assert log[0][8] == events.GENESIS
    assert all(log[i][8] == log[i - 1][9] for i in range(1, len(log)))
    assert [r[3] for r in log] == ["init", "unit.add", "unit.add", "unit.add", "add", "assign", "reply"]
    with opened(office_db) as conn:
        assert events.verify(conn) == (7, None)


def _tamper(db: Path, *sql: str) -> None:
    """What someone with the sqlite3 shell could do: drop the guards, then edit."""
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP TRIGGER events_no_delete")
    for s in sql:
        conn.execute(s)
    conn.commit()
    conn.close()


def test_audit_verify_finds_a_changed_event(office_db: Path) -> None:
    _flow()
    result = invoke("audit", "verify")
    head = rows(office_db, "events")[-1][-1]
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "操作记录完整：共 7 条，哈希链无误。\n"
                                                                f"记录头：7:{head}（可另行记下，日后用 docket audit verify --expect 核对）\n")
    at = rows(office_db, "events")[6][1]
    _tamper(office_db, """UPDATE events SET detail = replace(detail, '"class": "A"', '"class": "B"') WHERE id = 7""")
    result = invoke("audit", "verify")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"错误：操作记录第 7 条被改动（{at}，测试员，reply）。请用备份核对\n"


def test_audit_verify_finds_a_deleted_event(office_db: Path) -> None:
    _flow()
    at = rows(office_db, "events")[5][1]
    _tamper(office_db, "DELETE FROM events WHERE id = 5")
    result = invoke("audit", "verify", "--json")
    assert result.exit_code == 1
    assert result.stderr == f"错误：操作记录第 6 条之前有记录被删除（{at}，测试员，assign）。请用备份核对\n"
    import json
    assert json.loads(result.stdout) == {"events": 5, "ok": False, "first_bad": {
        "id": 6, "problem": "deleted", "at": at, "by": "测试员", "action": "assign"}, "head": None}


def test_audit_verify_finds_a_changed_actor_on_the_first_event(office_db: Path) -> None:
    at = rows(office_db, "events")[0][1]
    _tamper(office_db, "UPDATE events SET by = '某人' WHERE id = 1")
    result = invoke("audit", "verify")
    assert (result.exit_code, result.stderr) == (1, f"错误：操作记录第 1 条被改动（{at}，某人，init）。请用备份核对\n")


def test_a_writer_still_locked_out_after_busy_timeout_gets_a_conflict(office_db: Path) -> None:
    from docket.core.errors import Conflict

    first, second = connect(office_db), connect(office_db)
    second.execute("PRAGMA busy_timeout = 50")  # the real 10 s would slow the suite
    try:
        with write(first):
            with pytest.raises(Conflict) as e:
                with write(second):
                    pass
    finally:
        first.close()
        second.close()
    assert e.value.message == "数据库正被其他人写入，请稍后重试"


def test_a_stale_item_row_is_refused(office_db: Path) -> None:
    """Compare-and-set on `version`: the TUI's view of an item that someone changed is refused."""
    from docket.core.errors import Conflict
    from docket.store import items as store

    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    conn = connect(office_db)
    try:
        stale = conn.execute("SELECT * FROM items WHERE number = 1").fetchone()
        ok("review", "1", "--accept")
        with pytest.raises(Conflict):
            with write(conn):
                store.update_item(conn, stale, TODAY, state="converted")
    finally:
        conn.close()
    assert [(r[2], r[11]) for r in rows(office_db, "items")] == [(1, "accepted")]
