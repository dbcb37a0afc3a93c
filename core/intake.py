"""Intake: creating the database, registering items (add, import) and reviewing them."""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, IllegalTransition
from docket.core.records import KINDS_BY_BODY, Kind, State, item_name, kind_label
from docket.store import events
from docket.store import items as store
from docket.store import settings as stored_settings
from docket.store.db import opened, write

DEFAULT_SESSION = {"npc": "县第十八届人民代表大会第五次会议", "cppcc": "县政协第十届委员会第五次会议"}
DEFAULT_ORG = {"npc": "青禾县人大常委会办公室", "cppcc": "政协青禾县委员会办公室"}


def init_db(path: Path, *, body: str = "npc", org: str | None = None, session: str | None = None,
            org_short: str | None = None, prefix: str | None = None, actor: str,
            today: date) -> sqlite3.Row:
    """Create the database with its first session and letterhead settings; refuse one with data."""
    from docket.core.settings import CPPCC_CATEGORIES, validate
    from docket.core.text import refuse_controls

    refuse_controls({"届次名称": session})
    if path.exists() and path.stat().st_size > 0:
        with opened(path) as conn:
            if store.holds_data(conn):
                raise BadInput(msg.DB_HAS_DATA.format(path=path))
    org = org or DEFAULT_ORG[body]
    short = org_short or derive_short(org, body)
    prefix = prefix or short
    with opened(path, create=True) as conn, write(conn):
        name = session or DEFAULT_SESSION[body]
        store.insert_session(conn, name, body, now_iso(today))
        values = {"org.name": org, "org.short": short, "doc.prefix": prefix, "doc.signature": org,
                  "doc.printer": org}
        if body == "cppcc":
            values["intake.categories"] = CPPCC_CATEGORIES
        for k, v in values.items():
            stored_settings.insert(conn, k, validate(k, v))
        events.append(conn, by=actor, action="init", entity="database",
                      detail={"body": body, "session": name, "settings": values}, today=today)
        return store.current_session(conn)


def derive_short(org: str, body: str) -> str:
    """青禾县人大常委会办公室 -> 青禾人大办; 政协青禾县委员会办公室 -> 青禾政协办."""
    import re

    if body == "npc":
        m = re.match(r"^(.*?)(人大|人民代表大会)", org)
        place = m.group(1) if m else org
        suffix = "人大办"
    else:
        m = re.match(r"^(?:中国人民政治协商会议|政协)?(.*?)(委员会|政协)", org)
        place = m.group(1) if m else org
        suffix = "政协办"
    if len(place) > 2 and place[-1] in "县市区旗":
        place = place[:-1]
    return (place or org[:2]) + suffix


@dataclass(frozen=True, slots=True)
class NewItem:
    title: str
    proposer: str
    co_proposers: tuple[str, ...] = ()
    kind: str | None = None
    category: str | None = None
    content: str | None = None
    received_on: date | None = None
    key: bool = False
    fast: bool = False
    number: int | None = None
    delegation: str | None = None
    phone: str | None = None
    address: str | None = None
    lead: str | None = None
    support: tuple[str, ...] = ()


@dataclass
class Added:
    number: int
    warnings: list[str] = field(default_factory=list)


def _kind(session: sqlite3.Row, kind: str | None) -> str:
    body = session["body"]
    if kind is None:
        return KINDS_BY_BODY[body][0].value
    try:
        k = Kind(kind)
    except ValueError:
        raise BadInput(msg.UNKNOWN_KIND.format(kind=kind)) from None
    if k not in KINDS_BY_BODY[body]:
        raise BadInput(msg.KIND_NOT_FOR_BODY.format(body="人大" if body == "npc" else "政协", kind=kind_label(k)))
    return k.value


def clean_new(new: NewItem, today: date) -> tuple[NewItem, list[str]]:
    """The intake cleaning of domain.md §3, shared with the importer."""
    from docket.core.cleaning import clean_name, clean_text
    from docket.core.text import refuse_controls

    refuse_controls({"标题": new.title, "领衔人": new.proposer, "附议人": "".join(new.co_proposers),
                     "类别": new.category, "内容": new.content, "代表团": new.delegation,
                     "联系电话": new.phone, "通讯地址": new.address})
    warnings: list[str] = []
    title = clean_text(new.title) if new.title else ""
    proposer, w = clean_name(new.proposer or "")
    warnings += [w] if w else []
    if not title:
        raise BadInput(msg.FIELD_EMPTY.format(field="标题"))
    if not proposer:
        raise BadInput(msg.FIELD_EMPTY.format(field="领衔人"))
    co: list[str] = []
    for c in new.co_proposers:
        name, w = clean_name(c)
        warnings += [w] if w else []
        if name and name != proposer and name not in co:
            co.append(name)
    received = new.received_on or today
    if received > today:
        raise BadInput(msg.RECEIVED_FUTURE.format(day=received.isoformat(), today=today.isoformat()))
    content = clean_text(new.content, multiline=True) if new.content else None
    return NewItem(title=title, proposer=proposer, co_proposers=tuple(co), kind=new.kind,
                   category=(new.category or "").strip() or None, content=content,
                   received_on=received, key=new.key, fast=new.fast, number=new.number,
                   delegation=new.delegation, phone=new.phone, address=new.address,
                   lead=new.lead, support=new.support), warnings


def insert_item(conn: sqlite3.Connection, session: sqlite3.Row, new: NewItem, number: int,
                kind: str, *, actor: str, today: date, source: str = "add",
                sketches: list[tuple[int, list[int]]] | None = None,
                pending: list[tuple] | None = None) -> int:
    """One item row, its sketch and its event. `sketches` given (an import): the sketch is added
    to it for one write of the whole file's (core.similar.index_items) instead of written here;
    `pending` given, the event too (store.events.append_all writes them in order)."""
    store.check_number(number)
    stamp = now_iso(today)
    item_id = store.insert_item(
        conn, session_id=session["id"], number=number, kind=kind, title=new.title,
        proposer=new.proposer, co_proposers=json.dumps(list(new.co_proposers), ensure_ascii=False),
        category=new.category, content=new.content, received_on=(new.received_on or today).isoformat(),
        state=State.REGISTERED.value, key=int(new.key), fast=int(new.fast), delegation=new.delegation,
        phone=new.phone, address=new.address, proposed_lead=new.lead,
        proposed_support=json.dumps(list(new.support), ensure_ascii=False), created_at=stamp,
        updated_at=stamp)
    from docket.core.similar import index_item, sketch
    if sketches is None:
        index_item(conn, item_id, new.title, new.content)
    else:
        sketches.append((item_id, sketch(new.title, new.content)))
    event = dict(by=actor, action=source, entity="item", entity_id=item_id, item_id=item_id,
                 detail={"number": number, "after": {"state": "registered", "title": new.title,
                                                     "proposer": new.proposer}}, today=today)
    if pending is None:
        events.append(conn, **event)
    else:
        pending.append(events.pending(**event))
    return item_id


def add(conn: sqlite3.Connection, new: NewItem, *, actor: str, today: date,
        session: str | None = None) -> Added:
    from docket.core.settings import get

    new, warnings = clean_new(new, today)
    if new.category and new.category not in get(conn, "intake.categories"):
        warnings.append(msg.CATEGORY_UNLISTED.format(category=new.category))
    with write(conn):
        sess = store.current_session(conn, session)
        kind = _kind(sess, new.kind)
        number = store.next_number(conn, sess["id"])
        insert_item(conn, sess, new, number, kind, actor=actor, today=today)
    return Added(number, warnings)


def review(conn: sqlite3.Connection, number: int, *, action: str, actor: str, today: date,
           reason: str | None = None, merge_into: int | None = None, as_kind: str | None = None,
           session: str | None = None, expect_version: int | None = None) -> dict:
    """accept | merge | convert | withdraw | as_kind, each one transaction with its events."""
    from docket.core.handling import end_assignments

    if action in ("convert", "withdraw") and not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action=lifecycle.ACTION_LABELS[action]),
                       hint=msg.HINT_REASON)
    from docket.core.text import refuse_controls
    refuse_controls({"理由": reason})
    with write(conn):
        from docket.core.handling import item_for_write

        sess = store.current_session(conn, session)
        item = item_for_write(conn, number, sess["name"], expect_version)
        target = lifecycle.check(action, item["state"], number, item["kind"])
        before = {"state": item["state"]}
        detail: dict = {"number": number, "reason": reason}
        if action == "merge":
            master = _check_merge(conn, sess, item, merge_into)
            store.update_item(conn, item, today, state=target.value, merged_into=master["id"])
            detail["merged_into"] = merge_into
            events.append(conn, by=actor, action="merge.master", entity="item", entity_id=master["id"],
                          item_id=master["id"], detail={"number": merge_into, "member": number}, today=today)
        elif action == "as_kind":
            if item["kind"] != Kind.MOTION.value or as_kind != Kind.SUGGESTION.value:
                raise BadInput(msg.AS_KIND_ONLY_MOTION.format(number=number, kind=kind_label(item["kind"])))
            store.update_item(conn, item, today, kind=as_kind, ref_no=item["ref_no"] or str(number))
            before["kind"], detail["after"] = item["kind"], {"kind": as_kind}
        elif action == "withdraw":
            end_assignments(conn, item, today, reason or "撤案")
            store.update_item(conn, item, today, state=target.value, closed_on=today.isoformat(),
                              close_reason=reason)
            for m in store.members(conn, item["id"]):
                store.update_item(conn, m, today, state=State.ACCEPTED.value, merged_into=None)
                events.append(conn, by=actor, action="unmerge", entity="item", entity_id=m["id"],
                              item_id=m["id"], detail={"number": m["number"], "master": number,
                                                       "before": {"state": "merged"},
                                                       "after": {"state": "accepted"}}, today=today)
        else:
            extra = {"close_reason": reason} if action == "convert" else {}
            store.update_item(conn, item, today, state=target.value, **extra)
        detail["before"] = before
        detail.setdefault("after", {"state": target.value if target else item["state"]})
        events.append(conn, by=actor, action=f"review.{action}", entity="item", entity_id=item["id"],
                      item_id=item["id"], detail=detail, today=today)
    return {"number": number, "action": action, "state": target.value if target else item["state"],
            "kind": as_kind if action == "as_kind" else item["kind"]}  # the kind names the state


def _check_merge(conn: sqlite3.Connection, sess: sqlite3.Row, item: sqlite3.Row,
                 merge_into: int | None) -> sqlite3.Row:
    number = item["number"]
    if merge_into is None:
        raise BadInput(msg.MERGE_NUMBER, hint=msg.HINT_MERGE_INTO)
    if merge_into == number:
        raise BadInput(msg.MERGE_SELF.format(number=number))
    master = store.item_by_number(conn, sess, merge_into)
    if master["kind"] != item["kind"]:
        raise BadInput(msg.MERGE_KIND.format(number=number, target=merge_into))
    if master["state"] not in ("registered", "accepted", "assigned"):
        raise IllegalTransition(msg.MERGE_TARGET_STATE.format(
            number=merge_into, kind=kind_label(master["kind"]), state=_label(master["state"])))
    if store.members(conn, item["id"]):
        raise IllegalTransition(msg.MERGE_HAS_MEMBERS.format(number=number))
    return master


def _label(state: str) -> str:
    from docket.core.records import state_label
    return state_label(state)


def describe(number: int, kind: str) -> str:
    return item_name(number, kind)


@dataclass
class Imported:
    numbers: list[int]
    assigned: int
    created_units: list[str]
    warnings: list[str]
    ignored_headers: list[str]


def import_file(conn: sqlite3.Connection, path: str | Path, *, sheet: str | None = None,
                create_units: bool = False, assigned_on: date | None = None,
                allow_duplicates: bool = False, dry_run: bool = False, actor: str, today: date,
                session: str | None = None) -> Imported:
    """Import a spreadsheet of items: every row checked first, then all written in one transaction.

    The file is read and checked before the write lock is taken; what the database decides
    (used numbers, duplicates, unknown units) is checked inside the transaction, so of two
    imports of one file at once the second sees the first's rows and is refused by row."""
    from docket.core.deadlines import Deadlines
    from docket.core.errors import DocketError
    from docket.core.assigning import assign
    from docket.core.importer import read_items
    from docket.core.settings import import_limits
    from docket.core.units import Directory, add_unit

    name = Path(path).name
    parsed = read_items(path, sheet, import_limits(conn))
    errors = list(parsed.errors)
    for r in parsed.rows:
        on = assigned_on or r.assigned_on
        received = r.received_on or today
        if r.received_on and r.received_on > today:
            errors.append(f"第{r.row}行 提出日期：{r.received_on.isoformat()} 晚于今天，请核对")
        if on and r.lead and on > today:
            errors.append(f"第{r.row}行 交办日期：{on.isoformat()} 晚于今天，请核对")
        elif on and r.lead and on < received:
            errors.append(f"第{r.row}行 交办日期：{on.isoformat()} 早于提出日期 {received.isoformat()}")
    warnings = list(parsed.warnings)
    numbers: list[int] = []
    created: list[str] = []
    assigned = 0
    with write(conn, dry_run=dry_run):
        sess = store.current_session(conn, session)
        directory = Directory.load(conn)
        errors += _check_in_database(conn, parsed, sess, directory, create_units=create_units,
                                     allow_duplicates=allow_duplicates)
        if errors:
            _refuse(name, errors)
        if not parsed.rows:
            raise BadInput(f"{name} 表头下没有数据行，没有可导入的内容")
        kind = _kind(sess, None)
        dl = Deadlines(conn)
        if create_units:
            for r in parsed.rows:
                for unit in ([r.lead] if r.lead else []) + list(r.support):
                    if directory.find(unit) is None and unit not in created:
                        add_unit(conn, unit, actor=actor, today=today)
                        created.append(unit)
            directory = Directory.load(conn)
        nxt = store.next_number(conn, sess["id"])
        nxt = max([nxt] + [r.number + 1 for r in parsed.rows if r.number])
        sketches: list[tuple[int, list[int]]] = []
        pending: list[tuple] = []  # the items' events, written together (store.events.append_all)
        from docket.store.search import rows_built_after

        with rows_built_after(conn) as new_ids:  # the search rows of all, in one pass at the end
            for r in parsed.rows:
                number = r.number if r.number is not None else nxt
                if r.number is None:
                    nxt += 1
                new = NewItem(title=r.title, proposer=r.proposer, co_proposers=r.co_proposers,
                              category=r.category, content=r.content, received_on=r.received_on or today,
                              key=r.key, fast=r.fast, delegation=r.delegation, phone=r.phone,
                              address=r.address, lead=r.lead, support=r.support)
                new_ids.append(insert_item(conn, sess, new, number, kind, actor=actor, today=today,
                                           source="import", sketches=sketches, pending=pending))
                numbers.append(number)
                on = assigned_on or r.assigned_on
                if on and r.lead:
                    events.append_all(conn, pending)  # the log's order: this item, its assignment
                    pending.clear()
                    try:
                        assign(conn, [number], lead=r.lead, support=r.support, on=on, due=r.due_on,
                               actor=actor, today=today, session=sess["name"], dl=dl,
                               directory=directory)
                    except DocketError as e:  # the row, not the number it was about to get
                        errors.append(f"第{r.row}行 {e.message}")
                    assigned += 1
            events.append_all(conn, pending)
        from docket.core.similar import index_items
        index_items(conn, sketches)
        if errors:
            _refuse(name, errors)
    return Imported(numbers, assigned, created, warnings, parsed.ignored_headers)


def _check_in_database(conn: sqlite3.Connection, parsed, sess: sqlite3.Row, directory, *,
                       create_units: bool, allow_duplicates: bool) -> list[str]:
    """Used numbers, duplicates of the session's items, unknown units: read under the write lock."""
    from docket.core.cleaning import title_key
    from docket.core.importer import check_against

    existing = store.titles_of_session(conn, sess["id"])
    rows = [r for r in (parsed.all_rows or parsed.rows) if r.title and r.proposer]
    wanted = {(_ideographs(r.title), r.proposer) for r in rows}
    proposers = {p for _, p in wanted}
    return check_against(
        parsed, known_units=lambda n: (u.name if (u := directory.find(n)) else None),
        close_matches=directory.close_matches,
        session_keys={(title_key(r["title"]), r["proposer"]) for r in existing
                      if r["proposer"] in proposers and (_ideographs(r["title"]), r["proposer"]) in wanted},
        session_numbers={r["number"] for r in existing}, create_units=create_units,
        allow_duplicates=allow_duplicates)


_NOT_IDEOGRAPHS = re.compile("[^\u4e00-\u9fff]+")


def _ideographs(title: str) -> str:
    """A title's CJK ideographs after NFKC: equal whenever cleaning.title_key is (it only drops
    punctuation, separators and controls, and casefolding leaves ideographs alone), and several
    times cheaper, so of a session's 100,000 titles only those that may repeat a row are keyed."""
    return _NOT_IDEOGRAPHS.sub("", unicodedata.normalize("NFKC", title))


def _refuse(name: str, errors: list[str]) -> None:
    from docket.core.importer import row_of

    errors = sorted(errors, key=row_of)
    raise BadInput(f"{name} 有 {len(errors)} 处问题，未导入任何一行（改正后重新导入）：", errors)
