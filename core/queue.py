"""The queue: list, show and history, with colours derived at read time (domain.md §7)."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date

from docket.core.deadlines import Deadlines
from docket.core.queue_filter import QueueFilter, text_matches
from docket.core.records import KIND_STATE_LABELS, OPEN_STATES, STATE_LABELS, State, state_label
from docket.store import items as store

LIST_KEYS = ("number", "session", "kind", "title", "proposer", "co_proposers", "category", "state",
             "state_label", "key", "fast", "lead_unit", "support_units", "assigned_on", "due_on",
             "replied_on", "reply_class", "color", "days_left", "result", "attitude")


def _by_item(conn: sqlite3.Connection, sql: str, params: tuple) -> dict[int, list[tuple]]:
    """Rows grouped by their first column (item id), as plain tuples: sqlite3.Row's lookup by
    name scans the columns on every access, which is most of a 50,000-item listing."""
    cur = conn.cursor()
    cur.row_factory = None
    out: dict[int, list[tuple]] = {}
    for r in cur.execute(sql, params):
        out.setdefault(r[0], []).append(r)
    return out


# the rows a listing is restricted to: the whole session or some numbers
_SCOPE_ALL = "i.session_id = ?"
_SCOPE_NUMBERS = "i.session_id = ? AND i.number IN (SELECT value FROM json_each(?))"


# the first `limit` items of a sort order, as the queue screen's first paint (any data shape),
# in `QueueFilter.sort_key`'s order: "due" puts the running items first (below, `_RUNNING`),
# then the others as `_BY_DUE` orders them: those with a due date first, earliest on top,
# then those with none, each by number; the date a row shows is its newest live lead's (its
# master's when merged), as list_items picks it.
_BY_DUE = ("SELECT i.number, (SELECT a.due_on FROM assignments a WHERE a.item_id ="
           " CASE WHEN i.state = 'merged' AND i.merged_into IS NOT NULL THEN i.merged_into"
           " ELSE i.id END AND a.role = 'lead' AND a.returned_on IS NULL"
           " ORDER BY a.round DESC, a.id DESC LIMIT 1) AS due"  # one index lookup per item
           " FROM items i WHERE i.session_id = ?{states} ORDER BY due IS NULL, due, i.number"
           " LIMIT ?")
_BY_NUMBER = "SELECT i.number FROM items i WHERE i.session_id = ?{states} ORDER BY i.number LIMIT ?"


def first_numbers(conn: sqlite3.Connection, limit: int, *, sort: str = "due",
                  states: frozenset[str] | set[str] | None = None,
                  session: str | None = None) -> list[int]:
    """The numbers of the first `limit` items in `sort` order ("due" or "number", as
    `QueueFilter.sort_key` orders them), among `states` if given: LIMIT queries (running
    items first for "due"; the others only when fewer than `limit` are running)."""
    QueueFilter(sort=sort).check()  # an unknown sort: the message `docket list` gives
    sid = store.current_session(conn, session)["id"]
    params: tuple = (sid,)
    where = ""
    if states is not None:
        where = " AND i.state IN (SELECT value FROM json_each(?))"
        params += (json.dumps(sorted(states)),)
    params += (limit,)
    if sort == "number":
        return [r[0] for r in conn.execute(_BY_NUMBER.format(states=where), params)]
    running = [r[0] for r in conn.execute(_RUNNING.format(states=where), params)]
    if len(running) >= limit:
        return running
    # the rest: the first `limit` in `_BY_DUE`'s order hold the first limit - len(running)
    # items that are not running (at most len(running) of them are)
    rest = _soonest(conn, limit, where, params[:-1])
    if rest is None:
        rest = [r[0] for r in conn.execute(_BY_DUE.format(states=where), params)]
    seen = set(running)
    return running + [n for n in rest if n not in seen][:limit - len(running)]


# running items (list_items gives them a colour): open state, and the newest live lead
# assignment neither replied to nor ended; by due date, then number. Open items are never
# merged: the lead is the item's own.
_OPEN = ", ".join(f"'{s.value}'" for s in OPEN_STATES)
_RUNNING = ("SELECT number FROM (SELECT i.number, (SELECT CASE WHEN a.replied_on IS NULL"
            " AND a.ended_on IS NULL THEN a.due_on END FROM assignments a WHERE a.item_id = i.id"
            " AND a.role = 'lead' AND a.returned_on IS NULL ORDER BY a.round DESC, a.id DESC"
            " LIMIT 1) AS due FROM items i WHERE i.session_id = ? AND i.state IN (" + _OPEN + ")"
            "{states}) WHERE due IS NOT NULL ORDER BY due, number LIMIT ?")


# the earliest (lead date, number) pairs first: a row shows its own number and one of its
# (master's, when merged) live lead assignments' due_on, so every row before the K-th earliest
# pair is among those K pairs
_EARLIEST = ("SELECT a.item_id, a.due_on, i.number FROM assignments a JOIN items i"
             " ON {join} WHERE a.role = 'lead' AND a.returned_on IS NULL"
             " ORDER BY a.due_on, i.number LIMIT ?")
_OWN, _MERGED = "i.id = a.item_id", "i.merged_into = a.item_id AND i.state = 'merged'"
_DATED = ("SELECT i.number, (SELECT a.due_on FROM assignments a WHERE a.item_id ="
          " CASE WHEN i.state = 'merged' AND i.merged_into IS NOT NULL THEN i.merged_into"
          " ELSE i.id END AND a.role = 'lead' AND a.returned_on IS NULL"
          " ORDER BY a.round DESC, a.id DESC LIMIT 1) AS due FROM items i"
          " WHERE i.session_id = ?{states} AND (i.id IN (SELECT value FROM json_each(?))"
          " OR i.merged_into IN (SELECT value FROM json_each(?)))")


def _soonest(conn: sqlite3.Connection, limit: int, where: str, params: tuple) -> list[int] | None:
    """The first `limit` numbers in due order read from the earliest lead assignments only,
    or None when those do not settle it (then `_BY_DUE` reads every item)."""
    k = limit * 4
    earliest = sorted((tuple(r) for join in (_OWN, _MERGED)
                       for r in conn.execute(_EARLIEST.format(join=join), (k,))),
                      key=lambda r: r[1:])[:k]
    bound = earliest[-1][1:] if len(earliest) == k else None
    owners = json.dumps(sorted({r[0] for r in earliest}))
    dated = sorted((due, number) for number, due in
                   conn.execute(_DATED.format(states=where), params + (owners, owners))
                   if due is not None and (bound is None or (due, number) < bound))
    if len(dated) < limit:
        return None
    return [number for _, number in dated[:limit]]


def first_rows(conn: sqlite3.Connection, limit: int, *, as_of: date, sort: str = "due",
               states: frozenset[str] | set[str] | None = None,
               session: str | None = None, with_units: bool = False) -> list[dict]:
    """The list dicts of `first_numbers` (by number; the screen sorts them): a first screen
    read in about the same time on 50,000 items of any state as on 300."""
    numbers = first_numbers(conn, limit, sort=sort, states=states, session=session)
    return list_items(conn, as_of=as_of, session=session, numbers=numbers, with_units=with_units)


def list_items(conn: sqlite3.Connection, *, as_of: date, session: str | None = None,
               state: str | None = None, unit: str | None = None, color: str | None = None,
               overdue: bool = False, key: bool = False, search: str | None = None,
               sort: str = "number", limit: int | None = None, dl: Deadlines | None = None,
               numbers: list[int] | None = None, filter: QueueFilter | None = None,
               with_units: bool = False) -> list[dict]:
    """Every item of the session as the contract's list dict, filtered and sorted.

    The options are those of `docket list`; `filter` gives them as one `QueueFilter` instead
    (the TUI's filter bar). `numbers` restricts the listing to those items (a screen refreshing
    the rows an action touched, or its first paint: `first_rows`). `with_units` adds "units":
    every unit holding a live assignment (what a unit filter looks at), for a list filtered
    again in memory."""
    if filter is None:
        filter = QueueFilter(text=search or "", state=state, unit=unit, color=color,
                             overdue=overdue, key=key, sort=sort)
    filter.check()
    sess = store.current_session(conn, session)
    dl = dl or Deadlines(conn)
    if filter.unit:
        from docket.core.units import Directory
        filter = replace(filter, unit=Directory.load(conn).resolve(filter.unit).name)
    sid = sess["id"]
    if numbers is not None:
        scope, params = _SCOPE_NUMBERS, (sid, json.dumps(list(numbers)))
    else:
        scope, params = _SCOPE_ALL, (sid,)
    cur = conn.cursor()
    cur.row_factory = None
    items = cur.execute(
        "SELECT i.id, i.number, i.kind, i.title, i.proposer, i.co_proposers, i.category, i.state,"
        f" i.key, i.fast, i.merged_into FROM items i WHERE {scope} ORDER BY i.number", params).fetchall()
    # assignments of the listed items and of their masters (a merged item shows its master's)
    owners = f"(SELECT i.id FROM items i WHERE {scope} UNION SELECT i.merged_into FROM items i WHERE {scope})"
    assigns = _by_item(conn,
        "SELECT a.item_id, a.unit_id, a.role, a.assigned_on, a.due_on, a.replied_on, a.returned_on,"
        " a.ended_on, u.name FROM assignments a JOIN units u ON u.id = a.unit_id"
        f" WHERE a.item_id IN {owners} ORDER BY a.round, a.id", params + params)
    replies = _by_item(conn,
        "SELECT r.item_id, r.class, r.replied_on FROM replies r JOIN items i ON i.id = r.item_id"
        f" WHERE {scope} AND r.role = 'lead' ORDER BY r.replied_on, r.id", params)
    evals = _by_item(conn,
        "SELECT e.item_id, e.result, e.attitude FROM evaluations e JOIN items i ON i.id = e.item_id"
        f" WHERE {scope} AND e.decisive = 1 ORDER BY e.round, e.id", params)
    keep, needle = filter.keep(), filter.needle()
    units_wanted = with_units or filter.unit is not None
    labels = {s.value: text for s, text in STATE_LABELS.items()}  # State(x) per row costs more
    merged, open_states = State.MERGED.value, {s.value for s in OPEN_STATES}
    session_name = sess["name"]
    fromiso, color_of = date.fromisoformat, dl.color
    out: list[dict] = []
    for iid, number, kind, title, proposer, co, category, st, is_key, fast, merged_into in items:
        owner = merged_into if st == merged and merged_into else iid
        # (item, unit, role, assigned_on, due_on, replied_on, returned_on, ended_on, unit name)
        live = [a for a in assigns.get(owner, ()) if a[6] is None]
        leads = [a for a in live if a[2] == "lead"]
        lead = leads[-1] if leads else None
        color_, days_left = None, None
        if lead and st in open_states and lead[5] is None and lead[7] is None:
            c, days_left = color_of(fromiso(lead[4]), as_of)
            color_ = c.value
        supports = [a[8] for a in live if a[2] == "support" and (a[7] is None or a[5])]
        reps = replies.get(iid, ())
        ev = evals.get(iid, ())
        row = {
            "number": number, "session": session_name, "kind": kind, "title": title,
            "proposer": proposer, "co_proposers": json.loads(co) if co != "[]" else [],
            "category": category, "state": st,
            "state_label": labels[st] if kind not in KIND_STATE_LABELS else state_label(st, kind),
            "key": bool(is_key), "fast": bool(fast),
            "lead_unit": lead[8] if lead else None,
            "support_units": list(dict.fromkeys(supports)),
            "assigned_on": leads[0][3] if leads else None,
            "due_on": lead[4] if lead else None,
            "replied_on": reps[-1][2] if reps else None,
            "reply_class": reps[-1][1] if reps else None,
            "color": color_, "days_left": days_left,
            "result": ev[-1][1] if ev else None, "attitude": ev[-1][2] if ev else None,
        }
        if units_wanted:
            row["units"] = tuple(dict.fromkeys(a[8] for a in live))
        if (keep is not None and not keep(row)) or (needle and not text_matches(needle, row)):
            continue
        if not with_units:
            row.pop("units", None)
        out.append(row)
    if filter.sort == "due":
        out.sort(key=filter.sort_key())
    return out[:limit] if limit else out


def newest_event(conn: sqlite3.Connection) -> int:
    """A listing's mark: the newest event id when it was read."""
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]


def changed_since(conn: sqlite3.Connection, mark: int | None, numbers: set[int] | list[int], *,
                  as_of: date, session: str | None = None,
                  with_units: bool = False) -> tuple[list[dict], int]:
    """The rows to refresh after a write: `numbers`, every item with an event newer than `mark`
    (a merge's master, replies copied to merged items, another clerk's edits) and the items
    merged into any of them. Returns (rows, new mark)."""
    new_mark = newest_event(conn)
    sid = store.current_session(conn, session)["id"]
    wanted = set(numbers)
    if mark is not None:  # events.id is the rowid: this reads only the new events
        wanted |= {r[0] for r in conn.execute(
            "SELECT DISTINCT i.number FROM events e JOIN items i ON i.id = e.item_id"
            " WHERE e.id > ? AND i.session_id = ?", (mark, sid))}
    if wanted:  # merged items show their master's units and dates
        wanted |= {r[0] for r in conn.execute(
            "SELECT m.number FROM items m JOIN items i ON i.id = m.merged_into"
            " WHERE i.session_id = ? AND i.number IN (SELECT value FROM json_each(?))",
            (sid, json.dumps(sorted(wanted))))}
    rows = (list_items(conn, as_of=as_of, session=session, numbers=sorted(wanted),
                       with_units=with_units) if wanted else [])
    return rows, new_mark


def show_item(conn: sqlite3.Connection, number: int, *, as_of: date, session: str | None = None) -> dict:
    """Everything about one item: the list dict plus content, assignments, replies, history."""
    sess = store.current_session(conn, session)
    item = store.item_by_number(conn, sess, number)
    dl = Deadlines(conn)
    base = list_items(conn, as_of=as_of, session=sess["name"], dl=dl, numbers=[number])[0]
    owner = item["merged_into"] or item["id"] if item["state"] == "merged" else item["id"]
    assigns = []
    for a in store.assignments(conn, owner):
        open_ = (a["returned_on"] is None and a["ended_on"] is None and a["replied_on"] is None
                 and item["state"] in OPEN_STATES)
        color_ = dl.color(date.fromisoformat(a["due_on"]), as_of)[0].value if open_ else None
        assigns.append({"unit": a["unit_name"], "role": a["role"], "round": a["round"],
                        "assigned_on": a["assigned_on"], "due_on": a["due_on"],
                        "provisional": bool(a["provisional"]), "objection_until": a["objection_until"],
                        "replied_on": a["replied_on"], "color": color_,
                        "returned": a["returned_on"] is not None, "returned_on": a["returned_on"],
                        "return_reason": a["return_reason"], "ended_on": a["ended_on"],
                        "end_reason": a["end_reason"]})
    replies = [{"unit": r["unit_name"], "role": r["role"], "round": r["round"], "class": r["class"],
                "on": r["replied_on"], "doc_no": r["doc_no"], "contact": r["contact"], "phone": r["phone"],
                "summary": r["summary"], "copied": r["copied_from"] is not None}
               for r in store.replies(conn, item["id"])]
    evals = [{"round": e["round"], "result": e["result"], "attitude": e["attitude"],
              "on": e["evaluated_on"], "rater": e["rater"], "decisive": bool(e["decisive"]),
              "contacted": None if e["contacted"] is None else bool(e["contacted"]), "note": e["note"]}
             for e in store.evaluations(conn, item["id"])]
    reminders = [{"unit": r["unit_name"], "role": r["role"], "level": r["level"], "n": r["n"],
                  "due_on": r["due_on"], "sent_on": r["sent_on"]}
                 for r in conn.execute("SELECT r.*, u.name AS unit_name FROM reminders r JOIN units u"
                                       " ON u.id = r.unit_id WHERE r.item_id = ? ORDER BY r.id", (owner,))]
    docs = [{"kind": d["kind"], "doc_no": d["doc_no"], "issued_on": d["issued_on"], "path": d["path"]}
            for d in conn.execute("SELECT d.* FROM documents d JOIN document_items x ON x.document_id = d.id"
                                  " WHERE x.item_id = ? ORDER BY d.id", (owner,))]
    master = store.item_by_id(conn, item["merged_into"]) if item["merged_into"] else None
    merged = [m["number"] for m in store.members(conn, item["id"])]
    return {**base, "content": item["content"], "received_on": item["received_on"],
            "ref_no": item["ref_no"], "round": item["round"], "delegation": item["delegation"],
            "phone": item["phone"], "address": item["address"],
            "merged_into": master["number"] if master else None, "merged_items": merged,
            "closed_on": item["closed_on"], "close_reason": item["close_reason"],
            "version": item["version"], "assignments": assigns, "replies": replies,
            "evaluations": evals, "reminders": reminders, "documents": docs,
            "events": history(conn, number, session=sess["name"])}


def history(conn: sqlite3.Connection, number: int | None = None, *, session: str | None = None,
            limit: int | None = None) -> list[dict]:
    if number is not None:
        sess = store.current_session(conn, session)
        item = store.item_by_number(conn, sess, number)
        rows = conn.execute("SELECT * FROM events WHERE item_id = ? ORDER BY id", (item["id"],)).fetchall()
    else:
        rows = conn.execute("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit or 200,)).fetchall()[::-1]
    return [{"id": r["id"], "at": r["at"], "by": r["by"], "action": r["action"],
             "detail": json.loads(r["detail"])} for r in rows]
