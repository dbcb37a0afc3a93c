"""SQL for the queue: the listing (list, show, the TUI's first paint and refresh) and the history
an item's page adds (its reminders: store/reminders.py; documents: store/documents.py).

A listing is two steps: `chosen_items` runs the filters, the sort and the limit (over
m012_listing's indexes), `rows` reads what those items' rows show in four statements, as plain tuples
(sqlite3.Row's lookup by name scans the columns on every access), one row per item or owner:
SQLite does the grouping, Python only looks up. Which rows get a colour, and what a colour
means in due dates, is core's rule (core/queue.py, core/deadlines.py).

`list --json` reads `json_rows` instead: each row's JSON text built by SQLite as it is read,
with the words and colours core worked out once given as bound values.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

# an item's owner: the item whose assignments it shows (its master's when merged)
_OWNER = "CASE WHEN i.state = 'merged' AND i.merged_into IS NOT NULL THEN i.merged_into ELSE i.id END"


def _newest_lead(column: str, owner: str) -> str:
    """`column` of the owner's newest current lead assignment (the row the listing shows):
    one index lookup per item."""
    return (f"(SELECT {column} FROM current_assignments a WHERE a.item_id = {owner}"
            " AND a.role = 'lead' ORDER BY a.round DESC, a.id DESC LIMIT 1)")


_DUE = _newest_lead("a.due_on", _OWNER)
# open items are never merged: the lead is the item's own; a replied or ended lead runs no more
_RUNNING_DUE = _newest_lead("CASE WHEN a.replied_on IS NULL AND a.ended_on IS NULL THEN a.due_on END",
                            "i.id")


def _states(states: Collection[str] | None) -> tuple[str, tuple]:
    """The WHERE fragment and parameter restricting items to `states` (None: every state)."""
    if states is None:
        return "", ()
    return " AND i.state IN (SELECT value FROM json_each(?))", (json.dumps(sorted(states)),)


def numbers_by_number(conn: sqlite3.Connection, session_id: int, limit: int,
                      states: Collection[str] | None = None) -> list[int]:
    where, params = _states(states)
    return [r[0] for r in conn.execute(
        f"SELECT i.number FROM items i WHERE i.session_id = ?{where} ORDER BY i.number LIMIT ?",
        (session_id, *params, limit))]


def numbers_by_due(conn: sqlite3.Connection, session_id: int, limit: int,
                   states: Collection[str] | None = None) -> list[int]:
    """The first `limit` numbers by the date a row shows (its owner's newest current lead's
    due_on): those with a date first, earliest on top, then those with none, each by number."""
    where, params = _states(states)
    return [r[0] for r in conn.execute(
        f"SELECT i.number, {_DUE} AS due FROM items i WHERE i.session_id = ?{where}"
        " ORDER BY due IS NULL, due, i.number LIMIT ?", (session_id, *params, limit))]


def running_numbers(conn: sqlite3.Connection, session_id: int, limit: int, open_states: Collection[str],
                    states: Collection[str] | None = None) -> list[int]:
    """The first `limit` running items (in one of `open_states`, newest current lead neither
    replied to nor ended), by due date, then number."""
    where, params = _states(states)
    marks = ", ".join("?" * len(open_states))
    return [r[0] for r in conn.execute(
        f"SELECT number FROM (SELECT i.number, {_RUNNING_DUE} AS due FROM items i"
        f" WHERE i.session_id = ? AND i.state IN ({marks}){where})"
        " WHERE due IS NOT NULL ORDER BY due, number LIMIT ?",
        (session_id, *sorted(open_states), *params, limit))]


def earliest_leads(conn: sqlite3.Connection, limit: int) -> list[tuple[int, str, int]]:
    """The earliest `limit` (owner item id, due_on, number) of current lead assignments, read
    once for items' own and once for merged items' (their master's), by (due_on, number)."""
    out: list[tuple[int, str, int]] = []
    for join in ("i.id = a.item_id", "i.merged_into = a.item_id AND i.state = 'merged'"):
        out += [tuple(r) for r in conn.execute(
            f"SELECT a.item_id, a.due_on, i.number FROM current_assignments a JOIN items i ON {join}"
            " WHERE a.role = 'lead' ORDER BY a.due_on, i.number LIMIT ?", (limit,))]
    return out


def due_of_owners(conn: sqlite3.Connection, session_id: int, owners: Iterable[int],
                  states: Collection[str] | None = None) -> list[tuple[int, str | None]]:
    """(number, the date its row shows) of the items owned by (or merged into) `owners`."""
    where, params = _states(states)
    ids = json.dumps(sorted(owners))
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT i.number, {_DUE} AS due FROM items i WHERE i.session_id = ?{where}"
        " AND (i.id IN (SELECT value FROM json_each(?)) OR i.merged_into IN (SELECT value FROM json_each(?)))",
        (session_id, *params, ids, ids))]


# -- the listing of `list` and the TUI (m012_listing's indexes) ---------------------------------

_NEWEST_LEAD_ID = _newest_lead("a.id", _OWNER)
# an item runs when open and its newest current lead is neither replied to nor ended (its row
# then has a colour); running leads are read by due date from assignments_running_due
_RUNNING_LEAD = ("r.role = 'lead' AND r.returned_on IS NULL AND r.replied_on IS NULL"
                 " AND r.ended_on IS NULL")
_NEWER_LEAD = ("SELECT 1 FROM current_assignments b WHERE b.item_id = r.item_id AND b.role = 'lead'"
               " AND (b.round, b.id) > (r.round, r.id)")
_ITEM_COLUMNS = ("i.id, i.number, i.kind, i.title, i.proposer, i.co_proposers, i.category, i.state,"
                 f" i.key, i.fast, {_OWNER}")


def chosen_items(conn: sqlite3.Connection, session_id: int, *, open_states: Collection[str],
                 states: Collection[str] | None = None, numbers: Collection[int] | None = None,
                 unit_id: int | None = None, key: bool = False, fast: bool = False,
                 running_due: tuple[str | None, str | None] | None = None, sort: str = "number",
                 limit: int | None = None, after: int | None = None,
                 numbers_only: bool = False) -> list[tuple] | list[int]:
    """The session's items kept by the filters (as `Rows.items` has them), in `sort` order, at
    most `limit`.

    `unit_id`: a unit holding a current assignment of the item's owner (its master's when
    merged); `running_due`: only running items whose lead is due in [first, last] (ISO dates,
    None: open-ended). Sort "number", or "due": running items first, then by the due date a
    row shows (none last), then by number. `after`: only numbers above it; `numbers_only`:
    the items' numbers, not their tuples."""
    where, params = ["i.session_id = ?"], [session_id]
    if after is not None:
        where.append("i.number > ?")
        params.append(after)
    if states is not None:
        where.append("i.state IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(states)))
    if numbers is not None:
        where.append("i.number IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(numbers)))
    if key:
        where.append("i.key = 1")
    if fast:
        where.append("i.fast = 1")
    if unit_id is not None:
        where.append(f"{_OWNER} IN (SELECT a.item_id FROM current_assignments a WHERE a.unit_id = ?)")
        params.append(unit_id)
    marks = ", ".join("?" * len(open_states))
    if running_due is not None:
        first, last = running_due
        # CROSS JOIN: the running leads (a few by due date) drive; items are looked up by id
        source = "assignments r INDEXED BY assignments_running_due CROSS JOIN items i ON i.id = r.item_id"
        where += [_RUNNING_LEAD, "r.due_on BETWEEN ? AND ?", f"i.state IN ({marks})",
                  f"NOT EXISTS ({_NEWER_LEAD})"]
        params += [first or "0000-00-00", last or "9999-99-99", *sorted(open_states)]
        order = "r.due_on, i.number" if sort == "due" else "i.number"
    elif sort == "due":
        source = f"items i LEFT JOIN assignments r ON r.id = {_NEWEST_LEAD_ID}"
        order = (f"NOT (r.id IS NOT NULL AND i.state IN ({marks}) AND r.replied_on IS NULL"
                 " AND r.ended_on IS NULL), r.due_on IS NULL, r.due_on, i.number")
        params += sorted(open_states)
    else:
        source, order = "items i", "i.number"
    columns = "i.number" if numbers_only else _ITEM_COLUMNS
    sql = f"SELECT {columns} FROM {source} WHERE {' AND '.join(where)} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    cur = conn.cursor()
    cur.row_factory = None
    found = cur.execute(sql, params).fetchall()
    return [r[0] for r in found] if numbers_only else found


@dataclass(frozen=True, slots=True)
class Rows:
    """What the list rows of some items show, read in four statements (the items, one row per
    owner of its current assignments, the newest lead reply and decisive evaluation per item)."""
    # (id, number, kind, title, proposer, co_proposers, category, state, key, fast, owner id)
    items: Iterable[tuple]
    # owner id -> (owner id, newest current lead's (round, id) key or None when no lead, its
    #   due_on, replied_on, ended_on, unit id; the first current lead's assigned_on; the unit
    #   ids of supports not ended without a reply, and of every current assignment (None
    #   unless asked for), comma-separated, in (round, id) order)
    assignments: dict[int, tuple]
    lead_replies: dict[int, tuple]        # item id -> (item id, key, class, replied_on)
    decisive_evaluations: dict[int, tuple]  # item id -> (item id, key, result, attitude)
    unit_names: dict[int, str]


def rows(conn: sqlite3.Connection, session_id: int, items: list[tuple] | None = None, *,
         with_units: bool = False) -> Rows:
    """What the list rows of `items` (from `chosen_items`) show; every item of the session by
    number when None. `with_units`: every current assignment's unit too."""
    if items is None:
        cur = conn.cursor()
        cur.row_factory = None
        found: Iterable[tuple] = cur.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items i WHERE i.session_id = ? ORDER BY i.number", (session_id,))
        scope, item_scope, params, owner_params = "", "", (), ()
    else:
        found = items
        scope = " AND item_id IN (SELECT value FROM json_each(?))"
        item_scope = scope
        params = (json.dumps([r[0] for r in items]),)
        owner_params = (json.dumps(sorted({r[10] for r in items})),)

    def grouped(sql: str, p: tuple) -> dict[int, tuple]:
        c = conn.cursor()
        c.row_factory = None
        return {r[0]: r for r in c.execute(sql, p)}
    # One max() per statement: SQLite takes the bare columns from the row holding it. Rows come
    # in the index's (item_id, round, id) order, which orders each group_concat (INDEXED BY:
    # a missing index is an error, not another order).
    every_unit = ", group_concat(unit_id)" if with_units else ", NULL"
    assigns = grouped(
        "SELECT item_id, max(CASE WHEN role = 'lead' THEN round * 4294967296 + id END), due_on, replied_on,"
        " ended_on, unit_id, substr(group_concat(CASE WHEN role = 'lead' THEN assigned_on END, ''), 1, 10),"
        " group_concat(CASE WHEN role = 'support' AND (ended_on IS NULL OR replied_on IS NOT NULL)"
        f" THEN unit_id END){every_unit} FROM assignments INDEXED BY assignments_current"
        f" WHERE returned_on IS NULL{scope} GROUP BY item_id", owner_params)
    replies = grouped(  # the newest by (replied_on, id), as one integer
        "SELECT item_id, max(CAST(replace(replied_on, '-', '') AS INTEGER) * 4294967296 + id), class,"
        f" replied_on FROM replies WHERE role = 'lead'{item_scope} GROUP BY item_id", params)
    evals = grouped(
        "SELECT item_id, max(round * 4294967296 + id), result, attitude FROM evaluations"
        f" WHERE decisive = 1{item_scope} GROUP BY item_id", params)
    names = dict(conn.execute("SELECT id, name FROM units").fetchall())
    return Rows(found, assigns, replies, evals, names)


# -- the listing as JSON text, each row built by SQLite (`list --json`) ----------------------------

# the row's text in contract.md §4's key order, as json.dumps(ensure_ascii=False) writes a dict:
# ", " and ": " between, strings by json_quote (the same escapes; core checks it on the running
# SQLite before using it), numbers as integers; %s takes text already JSON
_ROW_FORMAT = ('{"number": %d, "session": %s, "kind": %s, "title": %s, "proposer": %s,'
               ' "co_proposers": %s, "category": %s, "state": %s, "state_label": %s, "key": %s,'
               ' "fast": %s, %s, %s}')
# what the owner's current assignments (and its lead reply, whose keys come between) give the
# row: `json_rows`' one subquery per item
_ASSIGNED_FORMAT = '"lead_unit": %s, "support_units": [%s], "assigned_on": %s, "due_on": %s, %s, %s%.0s'


def json_quote_matches(conn: sqlite3.Connection, text: str) -> str:
    """SQLite's json_quote of `text` (core compares it with Python's encoding)."""
    return conn.execute("SELECT json_quote(?)", (text,)).fetchone()[0]


def running_due_dates(conn: sqlite3.Connection) -> list[str]:
    """Every due date of a running lead (not returned, replied to or ended): the dates whose
    colour a row may show."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT due_on FROM assignments INDEXED BY assignments_running_due"
        " WHERE role = 'lead' AND returned_on IS NULL AND replied_on IS NULL AND ended_on IS NULL")]


def json_rows(conn: sqlite3.Connection, session_id: int, numbers: list[int] | None, *, session: str,
              labels: dict[str, dict[str, str]], colors: dict[str, str], plan: dict[int, str],
              open_states: Collection[str]) -> Iterator[bytes]:
    """The list rows of the session's items `numbers` (in that order; None: every item by
    number) as UTF-8 JSON text, one per item, streamed: each item's current assignments are
    one aggregate subquery over assignments_current (no GROUP BY over a join: that copied every
    item column once per assignment row), its lead reply and decisive evaluation one probe
    each.

    What the row holds is core's, as text: `session` (the session's name, JSON); `labels`
    {kind or "_": {state: label}} ("_": the kinds without words of their own); `colors`
    {"due_on/plan colour": '"color": ..., "days_left": ...'} for each running due date
    (`running_due_dates`) with each plan colour in `plan` (number -> colour of a tracked item;
    "" for none). A row that runs (open state, newest current lead neither replied to nor ended)
    takes its colour text by its lead's due date and plan colour; any other
    '"color": null, "days_left": null'."""
    marks = ", ".join("?" * len(open_states))
    # the state's words as JSON text: a CASE over bound values (a lookup in a table or a JSON
    # object costs more per row); kinds with words of their own first
    quoted = {kind: [(state, json.dumps(text, ensure_ascii=False)) for state, text in words.items()]
              for kind, words in labels.items()}
    label = "CASE i.state " + "WHEN ? THEN ? " * len(quoted["_"]) + "END"
    label_params = [x for pair in quoted["_"] for x in pair]
    own = [(f"{kind}/{state}", text) for kind in quoted if kind != "_" for state, text in quoted[kind]]
    if own:
        kinds = [kind for kind in quoted if kind != "_"]
        label = (f"CASE WHEN i.kind IN ({', '.join('?' * len(kinds))}) THEN CASE i.kind || '/' || i.state "
                 + "WHEN ? THEN ? " * len(own) + f"END ELSE {label} END")
        label_params = [*kinds, *(x for pair in own for x in pair), *label_params]
    if numbers is None:
        source, where, order = "items i", "i.session_id = ?", "i.number"
        scope: tuple = (session_id,)
    elif all(a < b for a, b in pairwise(numbers)):  # by number: read in the index's order
        source, order = "items i", "i.number"
        where = "i.session_id = ? AND i.number IN (SELECT value FROM json_each(?))"
        scope = (session_id, json.dumps(numbers))
    else:
        source = "json_each(?) o CROSS JOIN items i ON i.session_id = ? AND i.number = o.value"
        where, order, scope = "1", "o.key", (json.dumps(numbers), session_id)
    # plan colour: "" unless the item is tracked (its number in `plan`)
    planned = "COALESCE(json_extract(?, '$.\"' || i.number || '\"'), '')" if plan else "''"
    # One max() in the assignments' subquery (printed by %.0s: nothing): the lead's columns are
    # the row's holding it (its role is 'lead' only when there is one). Supports: each unit once, where it first came in
    # (round, id) order, as the index gives them; the first lead's assigned_on: the newest's
    # when it is the only one.
    sql = f"""
SELECT CAST(format(?, i.number, ?, json_quote(i.kind), json_quote(i.title), json_quote(i.proposer),
    CASE WHEN i.co_proposers = '[]' THEN '[]' ELSE
        (SELECT '[' || COALESCE(group_concat(json_quote(value), ', '), '') || ']'
         FROM json_each(i.co_proposers)) END,
    json_quote(i.category), json_quote(i.state),
    COALESCE({label}, 'null'),
    CASE WHEN i.key THEN 'true' ELSE 'false' END, CASE WHEN i.fast THEN 'true' ELSE 'false' END,
    (SELECT format(?, json_quote(CASE WHEN a.role = 'lead' THEN u.name END),
        COALESCE(group_concat(CASE WHEN a.role = 'support'
            AND (a.ended_on IS NULL OR a.replied_on IS NOT NULL) AND NOT EXISTS (
                SELECT 1 FROM assignments t INDEXED BY assignments_current WHERE t.item_id = a.item_id
                AND t.returned_on IS NULL AND t.role = 'support' AND t.unit_id = a.unit_id
                AND (t.ended_on IS NULL OR t.replied_on IS NOT NULL) AND (t.round, t.id) < (a.round, a.id))
            THEN json_quote(u.name) END, ', '), ''),
        json_quote(CASE WHEN count(CASE WHEN a.role = 'lead' THEN 1 END) = 1 THEN a.assigned_on
                   ELSE (SELECT f.assigned_on FROM assignments f INDEXED BY assignments_current
                         WHERE f.item_id = a.item_id AND f.returned_on IS NULL AND f.role = 'lead'
                         ORDER BY f.round, f.id LIMIT 1) END),
        json_quote(CASE WHEN a.role = 'lead' THEN a.due_on END),
        COALESCE((SELECT '"replied_on": ' || json_quote(p.replied_on) || ', "reply_class": '
                         || json_quote(p.class) FROM replies p INDEXED BY replies_lead
                  WHERE p.item_id = i.id AND p.role = 'lead' ORDER BY p.replied_on DESC, p.id DESC
                  LIMIT 1), '"replied_on": null, "reply_class": null'),
        COALESCE(CASE WHEN a.role = 'lead' AND i.state IN ({marks}) AND a.replied_on IS NULL
                      AND a.ended_on IS NULL
                 THEN json_extract(?, '$."' || a.due_on || '/' || {planned} || '"') END,
                 '"color": null, "days_left": null'),
        max(CASE WHEN a.role = 'lead' THEN a.round * 4294967296 + a.id END))
     FROM assignments a INDEXED BY assignments_current LEFT JOIN units u ON u.id = a.unit_id
     WHERE a.item_id = {_OWNER} AND a.returned_on IS NULL),
    COALESCE((SELECT '"result": ' || json_quote(v.result) || ', "attitude": ' || json_quote(v.attitude)
              FROM evaluations v INDEXED BY evaluations_decisive WHERE v.item_id = i.id
              AND v.decisive = 1 ORDER BY v.round DESC, v.id DESC LIMIT 1),
             '"result": null, "attitude": null')) AS BLOB)
FROM {source}
WHERE {where} ORDER BY {order}"""
    params = (_ROW_FORMAT, session, *label_params, _ASSIGNED_FORMAT, *sorted(open_states),
              json.dumps(colors, ensure_ascii=False), *((json.dumps(plan),) if plan else ()), *scope)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: no Python call per row
    cur.execute(sql, params)
    for (row,) in cur:  # a BLOB: the UTF-8 text as it goes out
        yield row


def newest_event_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]


def numbers_with_events_after(conn: sqlite3.Connection, session_id: int, mark: int) -> set[int]:
    """Numbers of the session's items with an event newer than `mark` (events.id is the
    rowid: this reads only the new events)."""
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT i.number FROM events e JOIN items i ON i.id = e.item_id"
        " WHERE e.id > ? AND i.session_id = ?", (mark, session_id))}


def numbers_merged_into(conn: sqlite3.Connection, session_id: int, numbers: Iterable[int]) -> set[int]:
    """Numbers of the items merged into any of the session's items `numbers`."""
    return {r[0] for r in conn.execute(
        "SELECT m.number FROM items m JOIN items i ON i.id = m.merged_into"
        " WHERE i.session_id = ? AND i.number IN (SELECT value FROM json_each(?))",
        (session_id, json.dumps(sorted(numbers))))}


def latest_events(conn: sqlite3.Connection, limit: int) -> list[sqlite3.Row]:
    """The newest `limit` events, oldest first, each with its item's kind (`item_kind`, None
    for an event of no item): one query, however many items they touch."""
    return conn.execute("SELECT e.*, i.kind AS item_kind FROM events e LEFT JOIN items i ON i.id = e.item_id"
                        " ORDER BY e.id DESC LIMIT ?", (limit,)).fetchall()[::-1]
