"""The queue: list, show and history, with colours derived at read time (domain.md §7)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import dropwhile

from docket.core.deadlines import Deadlines
from docket.core.progress import worse
from docket.core.queue_filter import VIEWS, QueueFilter
from docket.core.records import KIND_STATE_LABELS, OPEN_STATES, STATE_LABELS, state_label
from docket.store import assignments as store_assignments
from docket.store import documents as store_docs
from docket.store import events
from docket.store import items as store
from docket.store import queue as listing
from docket.store import reminders as store_reminders

# a whole listing's first rows, read page by page on their own (a screen, then more) before the
# rest is read at once: `docket list | head` prints, and ends, without reading every item
FIRST_PAGES = (50, 2000)
LIST_KEYS = ("number", "session", "kind", "title", "proposer", "co_proposers", "category", "state",
             "state_label", "key", "fast", "lead_unit", "support_units", "assigned_on", "due_on",
             "replied_on", "reply_class", "color", "days_left", "result", "attitude")


def first_numbers(conn: sqlite3.Connection, limit: int, *, sort: str = "due",
                  states: frozenset[str] | set[str] | None = None,
                  session: str | None = None) -> list[int]:
    """The numbers of the first `limit` items in `sort` order ("due" or "number", as
    `QueueFilter.sort_key` orders them), among `states` if given: LIMIT queries (running
    items first for "due"; the others only when fewer than `limit` are running).

    A first screen (the TUI's first paint) read in about the same time on 50,000 items of any
    state as on 300. "due" puts the running items first (the ones list_items gives a colour),
    then the others by the date their row shows (their newest current lead's, their master's
    when merged): those with a date first, earliest on top, then those with none, each by number."""
    QueueFilter(sort=sort).check()  # an unknown sort: the message `docket list` gives
    sid = store.current_session(conn, session)["id"]
    if sort == "number":
        return listing.numbers_by_number(conn, sid, limit, states)
    running = listing.running_numbers(conn, sid, limit, _OPEN, states)
    if len(running) >= limit:
        return running
    # the rest: the first `limit` in due order hold the first limit - len(running)
    # items that are not running (at most len(running) of them are)
    rest = _soonest(conn, sid, limit, states)
    if rest is None:
        rest = listing.numbers_by_due(conn, sid, limit, states)
    seen = set(running)
    return running + [n for n in rest if n not in seen][:limit - len(running)]


_OPEN = tuple(s.value for s in OPEN_STATES)


def _soonest(conn: sqlite3.Connection, sid: int, limit: int,
             states: frozenset[str] | set[str] | None) -> list[int] | None:
    """The first `limit` numbers in due order read from the earliest lead assignments only,
    or None when those do not settle it (then `numbers_by_due` reads every item).

    A row shows its own number and one of its (master's, when merged) current lead
    assignments' due_on, so every row before the K-th earliest (date, number) pair is among
    those K pairs."""
    k = limit * 4
    earliest = sorted(listing.earliest_leads(conn, k), key=lambda r: r[1:])[:k]
    bound = earliest[-1][1:] if len(earliest) == k else None
    owners = {r[0] for r in earliest}
    dated = sorted((due, number) for number, due in listing.due_of_owners(conn, sid, owners, states)
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
    return list(iter_items(conn, as_of=as_of, session=session, state=state, unit=unit, color=color,
                           overdue=overdue, key=key, search=search, sort=sort, limit=limit, dl=dl,
                           numbers=numbers, filter=filter, with_units=with_units, paged=False))


def iter_items(conn: sqlite3.Connection, *, as_of: date, session: str | None = None,
               state: str | None = None, unit: str | None = None, color: str | None = None,
               overdue: bool = False, key: bool = False, search: str | None = None,
               sort: str = "number", limit: int | None = None, dl: Deadlines | None = None,
               numbers: list[int] | None = None, filter: QueueFilter | None = None,
               with_units: bool = False, paged: bool = True) -> Iterator[dict]:
    """`list_items`' rows one by one, as they are read (`docket list` writes each at once;
    `paged`: a whole listing's first pages are read on their own first, FIRST_PAGES).

    The filters, the sort and the limit run in SQL (store/queue.py `chosen_items`), so a page or a
    filtered listing reads and colours only the rows it shows: a colour is a range of due dates
    (`Deadlines.color_range`). A search's ranking, and the rounds whose colour also follows
    progress against plan (rectification, projects), are filtered and sorted here instead."""
    if filter is None:
        filter = QueueFilter(text=search or "", state=state, unit=unit, color=color,
                             overdue=overdue, key=key, sort=sort)
    filter.check()  # before any reading: an unknown state or sort is the user's to fix
    sess = store.current_session(conn, session)
    dl = dl or Deadlines(conn)
    filter, unit_id = _unit_resolved(conn, filter)
    if not filter.needle() and sess["kind"] not in _PLANNED:
        items = _chosen_items(conn, sess, filter, unit_id, numbers, limit, as_of, dl)
        if items == []:
            return
        if items is None and paged:  # every item: the first pages on their own, shown before the rest
            last = None
            for size in FIRST_PAGES:
                page = listing.chosen_items(conn, sess["id"], open_states=_OPEN, limit=size, after=last)
                yield from _rows(conn, sess, page, as_of, dl, {}, with_units)
                if len(page) < size:
                    return
                last = page[-1][1]
            yield from dropwhile(lambda r: r["number"] <= last, _rows(conn, sess, None, as_of, dl, {}, with_units))
            return
        yield from _rows(conn, sess, items, as_of, dl, {}, with_units)
        return
    ranked: list[int] | None = None
    if filter.needle():  # core/search.py: the items holding every term, best first
        from docket.core.search import ranked_numbers

        ranked = ranked_numbers(conn, sess["id"], filter.text)
        if numbers is not None:
            wanted = set(numbers)
            ranked = [n for n in ranked if n in wanted]
        numbers = ranked
    items = None if numbers is None else listing.chosen_items(conn, sess["id"], open_states=_OPEN,
                                                               numbers=numbers)
    keep = filter.keep()
    plan_colors = _plan_colors(conn, sess, as_of)
    out = [r for r in _rows(conn, sess, items, as_of, dl, plan_colors, True) if keep is None or keep(r)]
    if not with_units:
        for r in out:
            del r["units"]
    if filter.sort == "due":
        out.sort(key=filter.sort_key())
    elif filter.sort == "rank" and ranked is not None:
        place = {n: i for i, n in enumerate(ranked)}
        out.sort(key=lambda r: place[r["number"]])
    yield from (out[:limit] if limit else out)


def iter_json(conn: sqlite3.Connection, *, as_of: date, session: str | None = None,
              filter: QueueFilter, limit: int | None = None) -> Iterator[dict | bytes]:
    """`iter_items`' rows for `list --json`, each as its JSON text (UTF-8 bytes, exactly what
    json.dumps(row, ensure_ascii=False) writes) built by SQLite as it is read, where the filter
    leaves the rows and their order to SQL; else (a search sorted by due date, a filter on a
    tracked round's colours) the dicts themselves.

    Python works out only the words and colours: each state's label, and the colour and days
    left of each running due date (with each plan colour of a tracked round, `worse`), once."""
    filter.check()
    sess = store.current_session(conn, session)
    planned = sess["kind"] in _PLANNED
    sql_ok = filter.keep() is None and filter.sort != "due" if (planned or filter.needle()) else True
    if not sql_ok or not _json_quote_is_pythons(conn):
        yield from iter_items(conn, as_of=as_of, session=session, filter=filter, limit=limit)
        return
    dl = Deadlines(conn)
    filter, unit_id = _unit_resolved(conn, filter)
    numbers: list[int] | None
    if filter.needle():
        from docket.core.search import ranked_numbers

        numbers = ranked_numbers(conn, sess["id"], filter.text)  # best first
        if filter.sort != "rank":
            numbers.sort()
        numbers = numbers[:limit]
    elif planned:
        numbers = None if limit is None else listing.numbers_by_number(conn, sess["id"], limit)
    else:
        numbers = _chosen_items(conn, sess, filter, unit_id, None, limit, as_of, dl, numbers_only=True)
    if numbers == []:
        return
    plan = _plan_colors(conn, sess, as_of) if planned else {}
    encode = json.JSONEncoder(ensure_ascii=False).encode
    colors = {}
    for due in listing.running_due_dates(conn):
        c, left = dl.color(date.fromisoformat(due), as_of)
        for p in ("", *sorted(set(plan.values()))):
            shown = worse(c, p).value if p else c.value
            colors[f"{due}/{p}"] = f'"color": {encode(shown)}, "days_left": {left}'
    labels = {"_": {st.value: text for st, text in STATE_LABELS.items()}}
    labels.update({kind: {st.value: state_label(st.value, kind) for st in STATE_LABELS}
                   for kind in KIND_STATE_LABELS})
    yield from listing.json_rows(conn, sess["id"], numbers, session=encode(sess["name"]), labels=labels,
                                 colors=colors, plan=plan, open_states=_OPEN)


def _unit_resolved(conn: sqlite3.Connection, filter: QueueFilter) -> tuple[QueueFilter, int | None]:
    """The filter with its unit named in full (full name, short name or initials as typed), and
    that unit's id (None: no unit filter)."""
    if not filter.unit:
        return filter, None
    from docket.core.units import Directory

    found_unit = Directory.load(conn).resolve(filter.unit)
    return replace(filter, unit=found_unit.name), found_unit.id


# every character json escapes (C0, quote, backslash) and some it does not (DEL, C1, U+2028, CJK)
_PROBE = "".join(map(chr, range(0x20))) + "\"\\/ \x7f\x9b\u2028\u00b7中"


def _json_quote_is_pythons(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite's json_quote escapes as json.dumps(ensure_ascii=False) does (SQLite
    versions could differ): if not, the listing's JSON is Python's."""
    return listing.json_quote_matches(conn, _PROBE) == json.dumps(_PROBE, ensure_ascii=False)


_PLANNED = ("rectification", "project")  # sessions whose colour also follows progress (_plan_colors)


def _chosen_items(conn: sqlite3.Connection, sess: sqlite3.Row, filter: QueueFilter, unit_id: int | None,
                  numbers: list[int] | None, limit: int | None, as_of: date,
                  dl: Deadlines, numbers_only: bool = False) -> list[tuple] | list[int] | None:
    """The items `filter` keeps, in its order, at most `limit`; None: every item of the
    session by number (nothing to filter, sort or cut). `numbers_only`: their numbers."""
    session_id = sess["id"]
    states = filter.states()
    colors = {c for c in (filter.color, VIEWS[filter.view][1], "red" if filter.overdue else None) if c}
    if len(colors) > 1:  # two colours at once: no row has both
        return []
    running_due = None
    if colors:
        first, last = dl.color_range(colors.pop(), as_of)
        running_due = (first and first.isoformat(), last and last.isoformat())
    plain = unit_id is None and not filter.key and not filter.fast and numbers is None
    if plain and running_due is None and states is None and filter.sort != "due" and limit is None:
        return None
    if plain and running_due is None and filter.sort == "due" and limit is not None:
        # a first page by due date: first_numbers' LIMIT queries, not a sort of every item
        wanted = set(first_numbers(conn, limit, sort="due", states=states, session=sess["name"]))
        return listing.chosen_items(conn, session_id, open_states=_OPEN, numbers=wanted, sort="due",
                                    numbers_only=numbers_only)
    return listing.chosen_items(conn, session_id, open_states=_OPEN, states=states, numbers=numbers,
                            unit_id=unit_id, key=filter.key, fast=filter.fast, running_due=running_due,
                            sort=filter.sort, limit=limit, numbers_only=numbers_only)


def _rows(conn: sqlite3.Connection, sess, items: list[tuple] | None, as_of: date, dl: Deadlines,
          plan_colors: dict[int, str], with_units: bool) -> Iterator[dict]:
    """The list dicts of `items` (store/queue.py's tuples), in that order (None: every item by
    number)."""
    found = listing.rows(conn, sess["id"], items, with_units=with_units)
    assigns, replies, evals, names = (found.assignments, found.lead_replies,
                                      found.decisive_evaluations, found.unit_names)
    labels = {s.value: text for s, text in STATE_LABELS.items()}  # State(x) per row costs more
    open_states = {s.value for s in OPEN_STATES}
    session_name = sess["name"]
    # read once per distinct value (a listing holds few due dates and support sets)
    colors: dict[str, tuple[str, int]] = {}  # due_on -> (colour, days left)
    unit_lists: dict[str, tuple[str, ...]] = {}  # "3,17" -> unit names, each once, in order

    def colored(due: str) -> tuple[str, int]:
        c, left = dl.color(date.fromisoformat(due), as_of)
        got = colors[due] = (c.value, left)
        return got

    def units_of(ids: str) -> tuple[str, ...]:
        got = unit_lists[ids] = tuple(dict.fromkeys(names[int(u)] for u in ids.split(",")))
        return got
    loads = json.loads
    for iid, number, kind, title, proposer, co, category, st, is_key, fast, owner in found.items:
        a = assigns.get(owner)
        lead_unit = due = assigned_on = color_ = days_left = None
        supports: list[str] = []
        if a is not None:
            if a[1] is not None:  # a current lead: the newest one's
                due, lead_unit, assigned_on = a[2], names[a[5]], a[6]
                if st in open_states and a[3] is None and a[4] is None:
                    color_, days_left = colors.get(due) or colored(due)
                    if number in plan_colors:  # lagging behind its plan colours it too (domain.md §12, §13)
                        color_ = worse(color_, plan_colors[number]).value
            if a[7] is not None:
                supports = list(unit_lists.get(a[7]) or units_of(a[7]))
        rep = replies.get(iid)
        ev = evals.get(iid)
        row = {
            "number": number, "session": session_name, "kind": kind, "title": title,
            "proposer": proposer, "co_proposers": loads(co) if co != "[]" else [],
            "category": category, "state": st,
            "state_label": labels[st] if kind not in KIND_STATE_LABELS else state_label(st, kind),
            "key": bool(is_key), "fast": bool(fast),
            "lead_unit": lead_unit, "support_units": supports,
            "assigned_on": assigned_on, "due_on": due,
            "replied_on": rep[3] if rep else None, "reply_class": rep[2] if rep else None,
            "color": color_, "days_left": days_left,
            "result": ev[2] if ev else None, "attitude": ev[3] if ev else None,
        }
        if with_units:
            row["units"] = (unit_lists.get(a[8]) or units_of(a[8])) if a is not None else ()
        yield row


def _plan_colors(conn: sqlite3.Connection, sess, as_of: date) -> dict[int, str]:
    """number -> the colour of its progress against plan (core.progress.plan_colors)."""
    from docket.core.progress import plan_colors

    return {n: p.color for n, p in plan_colors(conn, sess, as_of).items()}


def newest_event(conn: sqlite3.Connection) -> int:
    """A listing's mark: the newest event id when it was read."""
    return listing.newest_event_id(conn)


def changed_since(conn: sqlite3.Connection, mark: int | None, numbers: set[int] | list[int], *,
                  as_of: date, session: str | None = None,
                  with_units: bool = False) -> tuple[list[dict], int]:
    """The rows to refresh after a write: `numbers`, every item with an event newer than `mark`
    (a merge's master, replies copied to merged items, another clerk's edits) and the items
    merged into any of them. Returns (rows, new mark)."""
    new_mark = newest_event(conn)
    sid = store.current_session(conn, session)["id"]
    wanted = set(numbers)
    if mark is not None:
        wanted |= listing.numbers_with_events_after(conn, sid, mark)
    if wanted:  # merged items show their master's units and dates
        wanted |= listing.numbers_merged_into(conn, sid, wanted)
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
    # a tracked item's lead is coloured by its plan too: the list row's colour is already the
    # worse of the two (its round's plan read once, by list_items)
    plan = base["color"] if sess["kind"] in _PLANNED else None
    assigns = []
    for a in store_assignments.assignments(conn, owner):
        open_ = (a["returned_on"] is None and a["ended_on"] is None and a["replied_on"] is None
                 and item["state"] in OPEN_STATES)
        # the colour and the days left (as the list's lead row has them) from one reading
        color_, left = dl.color(date.fromisoformat(a["due_on"]), as_of) if open_ else (None, None)
        behind = False  # the plan, not the due date, made it yellow or red (进度滞后)
        if color_ is not None and plan is not None and a["role"] == "lead":
            behind = worse(color_, plan) != color_
            color_ = worse(color_, plan)
        assigns.append({"unit": a["unit_name"], "role": a["role"], "round": a["round"],
                        "assigned_on": a["assigned_on"], "due_on": a["due_on"],
                        "provisional": bool(a["provisional"]), "objection_until": a["objection_until"],
                        "replied_on": a["replied_on"], "color": color_ and color_.value,
                        "behind_plan": behind, "days_left": left,
                        "returned": a["returned_on"] is not None, "returned_on": a["returned_on"],
                        "return_reason": a["return_reason"], "ended_on": a["ended_on"],
                        "end_reason": a["end_reason"]})
    replies = [{"unit": r["unit_name"], "role": r["role"], "round": r["round"], "class": r["class"],
                "on": r["replied_on"], "doc_no": r["doc_no"], "contact": r["contact"], "phone": r["phone"],
                "summary": r["summary"], "copied": r["copied_from"] is not None}
               for r in store_assignments.replies(conn, item["id"])]
    evals = [{"round": e["round"], "result": e["result"], "attitude": e["attitude"],
              "on": e["evaluated_on"], "rater": e["rater"], "decisive": bool(e["decisive"]),
              "contacted": None if e["contacted"] is None else bool(e["contacted"]), "note": e["note"]}
             for e in store_assignments.evaluations(conn, item["id"])]
    reminders = [{"unit": r["unit_name"], "role": r["role"], "level": r["level"], "n": r["n"],
                  "due_on": r["due_on"], "sent_on": r["sent_on"]}
                 for r in store_reminders.of_item(conn, owner)]
    docs = [{"kind": d["kind"], "doc_no": d["doc_no"], "issued_on": d["issued_on"], "path": d["path"]}
            for d in store_docs.of_item(conn, owner)]
    master = store.item_by_id(conn, item["merged_into"]) if item["merged_into"] else None
    merged = [m["number"] for m in store.members(conn, item["id"])]
    if item["kind"] == "rectification":  # its plan, checks and progress log (domain.md §12)
        from docket.core.rectify import item_detail

        base = {**base, "rectification": item_detail(conn, item, sess["name"], as_of)}
    elif item["kind"] == "project":  # its ballot, plan, progress log and tests (domain.md §13)
        from docket.core.projects import item_detail as project_detail

        base = {**base, "project": project_detail(conn, item, sess["name"], as_of)}
    if item["kind"] in _PLANNED:  # its unit's 未按时报送进度 reminders are kept apart (§12, §13)
        from docket.core.rectify import progress_reminders_of

        reminders = sorted(reminders + progress_reminders_of(conn, item["id"]),
                           key=lambda r: r["sent_on"] or "")
    data = {**base, "content": item["content"], "received_on": item["received_on"],
            "ref_no": item["ref_no"], "round": item["round"], "delegation": item["delegation"],
            "phone": item["phone"], "address": item["address"],
            "merged_into": master["number"] if master else None, "merged_items": merged,
            "closed_on": item["closed_on"], "close_reason": item["close_reason"],
            "version": item["version"], "assignments": assigns, "replies": replies,
            "evaluations": evals, "reminders": reminders, "documents": docs,
            "events": history(conn, number, session=sess["name"])}
    from docket.core.reply_review import for_show  # replies[].review, extension_requests (issue 18)

    return for_show(conn, item["id"], data)


def history(conn: sqlite3.Connection, number: int | None = None, *, session: str | None = None,
            limit: int | None = None) -> list[dict]:
    """Events oldest first, each with its item's kind (its states' words): one item's, or the
    newest `limit` (200) of all, read with their kinds in one query."""
    if number is not None:
        sess = store.current_session(conn, session)
        item = store.item_by_number(conn, sess, number)
        return [{"id": r["id"], "at": r["at"], "by": r["by"], "action": r["action"], "kind": item["kind"],
                 "detail": json.loads(r["detail"])} for r in events.for_item(conn, [item["id"]])]
    return [{"id": r["id"], "at": r["at"], "by": r["by"], "action": r["action"], "kind": r["item_kind"],
             "detail": json.loads(r["detail"])} for r in listing.latest_events(conn, limit or 200)]


def session_body(conn: sqlite3.Connection, session: str | None = None) -> str:
    """npc or cppcc: whose session this is (the kinds of item it takes)."""
    return store.current_session(conn, session)["body"]


def item_rows(conn: sqlite3.Connection, numbers: list[int], *,
              session: str | None = None) -> tuple[dict, ...]:
    """The items as stored (state, version, the fast flag...), one read each: what a form over
    many items checks before the core reads each again under the write lock."""
    sess = store.current_session(conn, session)
    return tuple(dict(store.item_by_number(conn, sess, n)) for n in numbers)
