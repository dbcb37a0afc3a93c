"""SQL for look-alike items and routing hints: the item sketches of migration m010 and the
readings `similar` and `assign --suggest` make (core/similar.py, core/routing.py hold the rules)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence


def insert_sketch(conn: sqlite3.Connection, item_id: int, bands: Iterable[int]) -> None:
    """An item's band keys (written with the item)."""
    conn.executemany("INSERT INTO item_sketch (item_id, band) VALUES (?, ?)",
                     [(item_id, b) for b in bands])


def insert_sketches(conn: sqlite3.Connection, rows: Iterable[tuple[int, int]]) -> None:
    """(item_id, band) rows of many items at once (an import's)."""
    conn.executemany("INSERT INTO item_sketch (item_id, band) VALUES (?, ?)", rows)


def items_without_sketch(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """(id, title, content) of the items written before migration m010 (none once indexed)."""
    return conn.execute("SELECT id, title, content FROM items i WHERE NOT EXISTS"
                        " (SELECT 1 FROM item_sketch s WHERE s.item_id = i.id)").fetchall()


def any_item_without_sketch(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM items i WHERE NOT EXISTS"
                        " (SELECT 1 FROM item_sketch s WHERE s.item_id = i.id) LIMIT 1").fetchone() is not None


def sketch_of(conn: sqlite3.Connection, item_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT band FROM item_sketch WHERE item_id = ?", (item_id,))]


def sharing_bands(conn: sqlite3.Connection, bands: Sequence[int], *, before_id: int | None,
                  exclude_id: int | None, limit: int) -> list[sqlite3.Row]:
    """The items sharing most of `bands` (at most `limit`), earlier than `before_id` when given,
    with their session's name: the candidates a look-alike search scores."""
    if not bands:
        return []
    marks = ",".join("?" * len(bands))
    return conn.execute(
        "SELECT i.id, i.number, i.title, i.content, i.state, i.category, i.session_id,"
        " se.name AS session_name, hits FROM"
        f" (SELECT item_id, COUNT(*) AS hits FROM item_sketch WHERE band IN ({marks})"
        "   AND item_id < ? AND item_id != ? GROUP BY item_id ORDER BY hits DESC, item_id DESC LIMIT ?) c"
        " JOIN items i ON i.id = c.item_id JOIN sessions se ON se.id = i.session_id",
        (*bands, before_id if before_id is not None else 2**62, exclude_id or 0, limit)).fetchall()


def postings(conn: sqlite3.Connection, bands: Iterable[int], *, below_id: int) -> sqlite3.Cursor:
    """(band, item_id) of the items below `below_id` carrying any of `bands`, by band then id:
    the inverted index a file's look-alike search reads once (core/similar.py intake_notes)."""
    return conn.execute(
        "SELECT band, item_id FROM item_sketch WHERE band IN (SELECT value FROM json_each(?))"
        " AND item_id < ? ORDER BY band, item_id", (json.dumps(sorted(bands)), below_id))


def candidate_rows(conn: sqlite3.Connection, item_ids: Iterable[int]) -> list[sqlite3.Row]:
    """The items `item_ids` with what a look-alike shows (the columns of sharing_bands)."""
    return conn.execute(
        "SELECT i.id, i.number, i.title, i.content, i.state, i.category, i.session_id,"
        " se.name AS session_name FROM items i JOIN sessions se ON se.id = i.session_id"
        " WHERE i.id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(item_ids)),)).fetchall()


def items_of_numbers(conn: sqlite3.Connection, session_id: int, numbers: Iterable[int]) -> list[sqlite3.Row]:
    """(id, number, title, content, session_id) of a session's items `numbers` (those that
    exist), by id: the rows an import just wrote."""
    return conn.execute(
        "SELECT id, number, title, content, session_id FROM items WHERE session_id = ?"
        " AND number IN (SELECT value FROM json_each(?)) ORDER BY id",
        (session_id, json.dumps(list(numbers)))).fetchall()


def leads_of_items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, str]:
    """item id -> name of its current lead unit (the latest round's), for the items that have one."""
    if not item_ids:
        return {}
    marks = ",".join("?" * len(item_ids))
    rows = conn.execute(
        "SELECT a.item_id, u.name FROM current_assignments a JOIN units u ON u.id = a.unit_id"
        f" WHERE a.role = 'lead' AND a.item_id IN ({marks}) ORDER BY a.round, a.id",
        tuple(item_ids)).fetchall()
    return {r[0]: r[1] for r in rows}


def lead_counts_of_category(conn: sqlite3.Connection, category: str,
                            before_id: int | None = None) -> list[sqlite3.Row]:
    """(unit, n) of the lead assignments standing for items of `category` (earlier than
    `before_id` when given), most first."""
    return conn.execute(
        "SELECT u.name AS unit, COUNT(*) AS n FROM current_assignments a"
        " JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id"
        " WHERE a.role = 'lead' AND i.category = ? AND i.id < ?"
        " GROUP BY u.name ORDER BY n DESC, u.name",
        (category, before_id if before_id is not None else 2**62)).fetchall()


def item_ids_from(conn: sqlite3.Connection, first_id: int) -> list[int]:
    """Ids of the items written at or after `first_id` (an import's rows), in order."""
    return [r[0] for r in conn.execute("SELECT id FROM items WHERE id >= ? ORDER BY id", (first_id,))]
