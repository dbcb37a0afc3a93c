"""SQL for the documents table (what was issued) and its links to items and assignments."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date


def next_serial(conn: sqlite3.Connection, series: str, year: int) -> int:
    """The next 文号 n of a series and year: one more than any recorded (never reused)."""
    row = conn.execute("SELECT MAX(serial) FROM documents WHERE series = ? AND year = ?",
                       (series, year)).fetchone()
    return (row[0] or 0) + 1


def next_issue(conn: sqlite3.Connection, series: str) -> int:
    """The next 期号 of a 简报 series (counted over all years, never reused)."""
    row = conn.execute("SELECT MAX(serial) FROM documents WHERE kind = 'brief' AND series = ?",
                       (series,)).fetchone()
    return (row[0] or 0) + 1


def issue_used_on(conn: sqlite3.Connection, series: str, issue_no: int) -> str | None:
    """The day a 简报 issue number was used, or None."""
    row = conn.execute("SELECT issued_on FROM documents WHERE kind = 'brief' AND series = ?"
                       " AND serial = ?", (series, issue_no)).fetchone()
    return row[0] if row else None


def last_id(conn: sqlite3.Connection) -> int:
    """The newest document's id (0 when none): documents recorded later have larger ids."""
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]


def recorded_between(conn: sqlite3.Connection, after_id: int, upto_id: int,
                     paths: Sequence[str]) -> sqlite3.Row | None:
    """A document with one of these paths recorded with an id in (after_id, upto_id]."""
    if not paths or upto_id <= after_id:
        return None
    marks = ",".join("?" * len(paths))
    return conn.execute(f"SELECT path, doc_no FROM documents WHERE id > ? AND id <= ? AND path IN"
                        f" ({marks}) ORDER BY id LIMIT 1", (after_id, upto_id, *paths)).fetchone()


def ids_with_paths(conn: sqlite3.Connection, ids: Sequence[int], paths: Sequence[str]) -> int:
    """How many of these (id, path) pairs are on record (a crashed run's journal check)."""
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    recorded = dict(conn.execute(f"SELECT id, path FROM documents WHERE id IN ({marks})", list(ids)))
    return sum(1 for i, p in zip(ids, paths) if i in recorded and recorded[i] == p)


def insert(conn: sqlite3.Connection, *, kind: str, series: str | None, year: int | None,
           serial: int | None, doc_no: str | None, unit_id: int | None, path: str | None,
           issued_on: date, detail: dict | None, created_at: str, by: str) -> int:
    """One issued document; returns its id. The only INSERT INTO documents."""
    return int(conn.execute(
        "INSERT INTO documents (kind, series, year, serial, doc_no, unit_id, path, issued_on,"
        " detail, created_at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, series, year, serial, doc_no, unit_id, path, issued_on.isoformat(),
         None if detail is None else json.dumps(detail, ensure_ascii=False), created_at, by)).lastrowid)


def link(conn: sqlite3.Connection, document_id: int, item_id: int, assignment_id: int | None) -> None:
    conn.execute("INSERT OR IGNORE INTO document_items (document_id, item_id, assignment_id)"
                 " VALUES (?, ?, ?)", (document_id, item_id, assignment_id))


def set_notice(conn: sqlite3.Connection, assignment_id: int, document_id: int) -> bool:
    """Point an assignment at its 交办通知; False if another notice took it meanwhile (a 补发
    never moves it: assignments keep pointing at the original)."""
    return conn.execute("UPDATE assignments SET notice_id = ? WHERE id = ? AND notice_id IS NULL",
                        (document_id, assignment_id)).rowcount == 1


def by_ids(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, sqlite3.Row]:
    """Recorded documents by id (a 补发 reads its original's 文号, date, series and unit)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: r for r in conn.execute(
        f"SELECT id, kind, series, year, serial, doc_no, unit_id, issued_on FROM documents"
        f" WHERE id IN ({marks})", list(ids))}


def of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """The documents recorded for an item, oldest first."""
    return conn.execute("SELECT d.* FROM documents d JOIN document_items x ON x.document_id = d.id"
                        " WHERE x.item_id = ? ORDER BY d.id", (item_id,)).fetchall()
