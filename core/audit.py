"""audit verify: the hash chain, its anchors outside the database, the rows it vouches for."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from docket.core.errors import BadInput
from docket.core.records import ROLE_LABELS, Role
from docket.store import audit as rows
from docket.store import events


def parse_expect(text: str) -> tuple[int, str]:
    """`--expect 1234:9f86d081...` (as printed by backup) -> (1234, "9f86d081...")."""
    anchor = events.parse_anchor(text)
    if anchor is None:
        raise BadInput(f"--expect 的值 {text!r} 应为“条数:哈希”，例如 1234:9f86d081884c7d65（备份时显示的记录头）")
    return anchor


def verify(conn: sqlite3.Connection, db_path: Path, expect: tuple[int, str] | None = None
           ) -> tuple[int, dict[str, Any] | None]:
    """(events checked, first problem or None): the chain, the head file beside the database,
    a head given with --expect, and the business rows against their events."""
    anchors = [expect] if expect else []
    found = events.read_anchor(db_path)
    if found == "bad":
        return 0, {"id": None, "problem": "anchor_bad"}
    if found:
        anchors.append(found)
    n, bad = check(conn, anchors)
    if bad is None and found is None and n:
        return n, {"id": None, "problem": "anchor_missing"}
    if bad and bad["problem"] in ("anchor_truncated", "rewritten"):
        bad["source"] = "expect" if expect and bad["id"] == expect[0] else "file"
    return n, bad


def check(conn: sqlite3.Connection, anchors: list[tuple[int, str]] = (), *, need_head: bool = True
          ) -> tuple[int, dict[str, Any] | None]:
    """(events checked, first problem or None): the hash chain and its anchors (store.events.verify),
    then the business rows against the events that made them (records)."""
    n, bad = events.verify(conn, anchors, need_head=need_head)
    return n, bad if bad is not None else records(conn)


def head_text(conn: sqlite3.Connection) -> str | None:
    """The chain's head as backup prints it and --expect takes it: "1234:9f86d081..."."""
    h = events.head(conn)
    return f"{h[0]}:{h[1]}" if h else None


def describe(bad: dict[str, Any]) -> str:
    """One Chinese sentence for a problem found by verify."""
    p = bad["problem"]
    if p == "no_table":
        return f"数据表 {bad['table']} 不见了（被删除），操作记录无从核对"
    if p == "anchor_missing":
        return ("数据库旁的记录头文件（.head）不见了；它记录最新一条操作记录，用来发现整段删除或重算。"
                "如确是搬动了数据库，请把原处的 .head 文件一并复制过来")
    if p == "anchor_bad":
        return "数据库旁的记录头文件（.head）内容无法识别，可能被改动"
    if p == "truncated":
        return f"最新的操作记录被删除：记录链应到第 {bad['id']} 条，现只到第 {bad['last']} 条"
    if p == "anchor_truncated":
        where = "备份时显示的记录头" if bad.get("source") == "expect" else "数据库旁的记录头文件"
        return f"最新的操作记录被删除：{where}记到第 {bad['id']} 条，现只到第 {bad['last']} 条"
    if p == "rewritten":
        where = "备份时显示的记录头" if bad.get("source") == "expect" else "数据库旁的记录头文件"
        return f"操作记录被改写：第 {bad['id']} 条与{where}不符（记录被删除后重写或重算了哈希）"
    if p == "item_without_event":
        return f"第{bad['number']}号件没有登记记录（不是经 docket 登记的，或记录被删除）"
    if p == "item_deleted":
        return f"第 {bad['id']} 条操作记录登记的第{bad['number']}号件已不在数据库中（被删除）"
    if p == "item_state":
        return f"第{bad['number']}号件的状态是 {bad['state']}，与操作记录（{bad['expected']}）不符，被直接改动"
    if p == "reply":
        return f"第{bad['number']}号件 {bad['unit']} 的答复（类别或日期）与操作记录不符，被直接改动"
    if p == "assignment":
        role = ROLE_LABELS.get(bad.get("role"), ROLE_LABELS[Role.SUPPORT])
        return (f"第{bad['number']}号件的交办（{bad['unit']}，{role}，期限 {bad['due_on']}）与操作记录不符，"
                "承办单位、主协办或期限被直接改动")
    if p == "evaluation":
        return f"第{bad['number']}号件的评价（结果、轮次或日期）与操作记录不符，被直接改动"
    what = "被改动" if p == "changed" else "之前有记录被删除"
    return f"操作记录第 {bad['id']} 条{what}（{bad['at']}，{bad['by']}，{bad['action']}）"


CREATING = ("add", "import")
# the events that make or change business rows, read in one pass by records()
_RECORDING = ("add", "import", "reply", "reply.member", "reply.copy", "reply.fix_class", "opinion",
              "assign", "assign.support", "rehandle", "extend", "due.recompute", "evaluate")


def records(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The first business row that disagrees with the events it came from, or None.

    Every item has its creating event and every creating event its item; an item's state is the
    `after.state` of its last event that changed one; a reply's class and date are those its
    events recorded (reply, reply.member, reply.copy, then reply.fix_class by reply id); an
    item's assignments (unit, role, due date) are those made by assign, assign.support and
    rehandle, moved by extend and due.recompute; its evaluations (round, result, date) those of
    its evaluate events. One pass over the events, one over each table (no per-row query)."""
    created: dict[int, tuple[int, Any]] = {}                 # item id -> (event id, number)
    states: dict[int, str] = {}
    said: dict[int, set[tuple[str, str | None]]] = {}        # by item: a unit may be renamed since
    fixed: dict[int, str] = {}
    given: dict[int, list[list]] = {}                        # item -> [unit, role, due] expected
    rated: dict[int, list[tuple]] = {}                       # item -> [(round, result, on)]
    for r in rows.item_events(conn, detailed=_RECORDING, creating=CREATING):
        eid, item_id, entity, entity_id, action, state, text = r
        if state is not None and item_id is not None:
            states[item_id] = state
        if text is None:
            continue
        d = json.loads(text)
        if action in CREATING:
            if entity == "item":
                created.setdefault(entity_id, (eid, d.get("number")))
        elif action == "reply.fix_class":
            fixed[d.get("reply_id")] = (d.get("after") or {}).get("class")
        elif action.startswith("reply") or action == "opinion":
            said.setdefault(item_id, set()).add((d.get("class"), d.get("on")))
        elif action == "assign":
            made = given.setdefault(item_id, [])
            made.append([d.get("lead"), "lead", d.get("due_on")])
            made += [[x.get("unit"), "support", x.get("due_on")] for x in d.get("support") or ()]
        elif action == "assign.support":
            given.setdefault(item_id, []).extend(
                [x.get("unit"), "support", x.get("due_on")] for x in d.get("support") or ())
        elif action == "rehandle":
            given.setdefault(item_id, []).append([d.get("unit"), "lead", d.get("due_on")])
        elif action in ("extend", "due.recompute"):
            before, after = (d.get("before") or {}).get("due_on"), (d.get("after") or {}).get("due_on")
            for row in given.get(item_id, ()):
                if row[0] == d.get("unit") and row[2] == before and d.get("role", row[1]) == row[1]:
                    row[2] = after
                    break
        elif action == "evaluate":
            rated.setdefault(item_id, []).append((d.get("round"), d.get("result"), d.get("on")))
    numbers: dict[int, Any] = {}
    items = rows.item_states(conn)
    for item_id, number, state in items:
        numbers[item_id] = number
        if item_id not in created:
            return {"id": None, "problem": "item_without_event", "number": number}
    for item_id, (eid, number) in sorted(created.items(), key=lambda kv: kv[1][0]):
        if item_id not in numbers:
            return {"id": eid, "problem": "item_deleted", "number": number}
    for item_id, number, state in items:
        if item_id in states and states[item_id] != state:
            return {"id": None, "problem": "item_state", "number": number, "state": state,
                    "expected": states[item_id]}
    for r in rows.reply_facts(conn):
        rid, item_id, cls, on, unit, number = r
        options = said.get(item_id, set())
        class_ok = fixed[rid] == cls if rid in fixed else any(c == cls for c, _ in options)
        date_ok = any(d is None or d == on for _, d in options)
        if not (class_ok and date_ok):
            return {"id": None, "problem": "reply", "number": number, "unit": unit}
    have: dict[int, list[tuple]] = {}
    for item_id, unit, role, due in rows.assignment_facts(conn):
        have.setdefault(item_id, []).append((unit, role, due))
    for item_id in sorted(set(have) | set(given), key=lambda i: numbers.get(i, 0) or 0):
        made = sorted(have.get(item_id, []), key=repr)
        wanted = sorted((tuple(row) for row in given.get(item_id, [])), key=repr)
        if made != wanted:
            odd = next((a for a in made if made.count(a) > wanted.count(a)), None) \
                or next(a for a in wanted if wanted.count(a) > made.count(a))
            return {"id": None, "problem": "assignment", "number": numbers.get(item_id),
                    "unit": odd[0], "role": odd[1], "due_on": odd[2]}
    got: dict[int, list[tuple]] = {}
    for item_id, round_, result, on in rows.evaluation_facts(conn):
        got.setdefault(item_id, []).append((round_, result, on))
    for item_id in sorted(set(got) | set(rated), key=lambda i: numbers.get(i, 0) or 0):
        if sorted(got.get(item_id, []), key=repr) != sorted(rated.get(item_id, []), key=repr):
            return {"id": None, "problem": "evaluation", "number": numbers.get(item_id)}
    return None
