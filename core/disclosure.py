"""答复公开 (issue 18, domain.md §14): which accepted replies are disclosed, and as what.

Each recorded lead reply is public, private (不公开) or secret (涉密): the disclosure its review
chose, else the `reply.public` default. `public_rows` is the one selection (export --public and
the 向人民报告 use it); every text is masked as §14 says with core/privacy's Masker.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from docket.core import privacy
from docket.store import items as store_items
from docket.store import roundtrip as store

HEADERS = ("编号", "标题", "主办单位", "类别", "类别名称", "答复文号", "答复摘要", "答复日期", "沟通日期")


def disclosure_of(row: sqlite3.Row, default: str) -> str:
    return row["disclosure"] or default


def public_rows(conn: sqlite3.Connection, *, session: str | None = None) -> list[list]:
    """The disclosed replies, masked: number, title, lead unit, class, its label, 文号, 摘要, dates;
    one row per item, from its last accepted lead reply (by date), when that one is public."""
    from docket.core import settings

    sess = store_items.current_session(conn, session)
    default = settings.get(conn, "reply.public")
    labels = settings.get(conn, "reply.labels")
    mask = privacy.masker_for(conn)
    # one row per item: its last accepted reply (a re-handled item's second reply replaces the first)
    last = {r["item_id"]: r for r in store.lead_replies_with_review(conn, sess["id"])}
    out = []
    for r in last.values():
        if disclosure_of(r, default) != "public":
            continue
        out.append([r["number"], mask.text(r["title"]), r["unit_name"], r["class"] or "",
                    labels.get(r["class"] or "", ""), r["doc_no"] or "", mask.text(r["summary"]) or "",
                    r["replied_on"], r["contacted_on"] or ""])
    return out


def export_public(conn: sqlite3.Connection, path: Path, *, on: date, session: str | None = None) -> tuple[Path, int]:
    """Write the disclosed replies to .xlsx or .csv (core/export's writers: formula-like cells
    inert, temp file then rename)."""
    from docket.core.export import Sheet, check_target, write_csv, write_xlsx

    path = check_target(path)
    rows = public_rows(conn, session=session)
    if path.suffix.lower() == ".csv":
        write_csv(path, HEADERS, rows)
    else:
        write_xlsx(path, [Sheet("答复公开", HEADERS, rows)], on=on)
    return path, len(rows)

