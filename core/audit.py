"""audit verify: the hash chain, its anchors outside the database, the rows it vouches for."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from docket.core.errors import BadInput
from docket.core.records import ROLE_LABELS
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
    n, bad = events.verify(conn, anchors)
    if bad is None and found is None and n:
        return n, {"id": None, "problem": "anchor_missing"}
    if bad and bad["problem"] in ("anchor_truncated", "rewritten"):
        bad["source"] = "expect" if expect and bad["id"] == expect[0] else "file"
    return n, bad


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
        role = ROLE_LABELS.get(bad.get("role"), "协办")
        return (f"第{bad['number']}号件的交办（{bad['unit']}，{role}，期限 {bad['due_on']}）与操作记录不符，"
                "承办单位、主协办或期限被直接改动")
    if p == "evaluation":
        return f"第{bad['number']}号件的评价（结果、轮次或日期）与操作记录不符，被直接改动"
    what = "被改动" if p == "changed" else "之前有记录被删除"
    return f"操作记录第 {bad['id']} 条{what}（{bad['at']}，{bad['by']}，{bad['action']}）"
