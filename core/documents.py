"""The documents' data from the store (documents.md §3, §5): 交办通知, 工作简报, 征询意见表.

Each `*_data` function reads the store once and returns a `Batch` (core/batches.py): the records
to build (core types, core/docdata.py) plus what `record` writes afterwards (units, items,
assignments, the 文号 or 期号 taken). Building, saving and calling `record` inside one write
transaction is the issuing module's job (docgen/issue.py); `record` refuses a batch whose number
was taken meanwhile (`Stale`), and the issuing module then plans again with the next number.

Plain Python: never imports docgen.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from docket.core import docdata as d
from docket.core import stats
from docket.core.batches import Batch, Issue, body_of, cc, letterhead, next_serial, session_short
from docket.core.dates import format_cn
from docket.core.errors import BadInput
from docket.store import assignments as store_assignments
from docket.store import documents as store_docs
from docket.store import items as store

# the 简报's article 2, written from the per-unit figures
BRIEF_UNITS_TITLE = "各承办单位办理情况"
BRIEF_ALL_REPLIED = "截至{when}，{names}已答复全部所办{item}。"
BRIEF_PRAISED = "{names}按期答复率和满意率均达到100%。"
BRIEF_BEHIND = "{names}尚有逾期未答复{item}{n}件，请抓紧办理。"
BRIEF_NONE_BEHIND = "目前没有逾期未答复的{item}。"
BRIEF_CLOSING = "{committee}将继续跟踪督办，推动{items}办理工作取得实效。"

NOT_ASSIGNED = "{name}尚未交办（没有主办单位），不能生成征询意见表"
NO_ASSIGNMENT = "{name}没有在办的承办单位，未生成交办通知"
ISSUE_USED = "{name}第{no}期已于{on}生成，不能重复使用期号；下一期为第{next}期"
ISSUE_BAD = "--issue：期号应为正整数，收到 {no}"


def _names(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in re.split(r"[,，、;；]", text or "") if s.strip())


def _decider(lh) -> str:
    """县人大常委会主任会议: the office's body (org name without 办公室) and its deciding meeting."""
    base = re.sub(r"办公室$|办公厅$", "", lh.org_name) or lh.org_short
    return base + d.terms(lh.body)["decider"]


# -- 交办通知 -------------------------------------------------------------------------------------

def notice_data(conn: sqlite3.Connection, *, numbers: Sequence[int] | None = None,
                unit: str | None = None, today: date, session: str | None = None) -> Batch:
    """One 交办通知 per unit (unit list order), all sharing the next 文号 of `doc.prefix`.

    Default: assignments without a notice yet, on items still in 办理中, not yet replied.
    With numbers: every live assignment of those items. One already covered by a notice is not
    noticed again under a new 文号: its unit gets a 补发 of that notice (one per original
    notice the request touches): the original's 文号 and 成文日期, its items as they stand
    now (due dates with extensions), no new number taken. `unit` keeps one unit."""
    from docket.core import settings
    from docket.core.records import item_name
    from docket.core.units import Directory
    NoticeData, NoticeItem = d.NoticeData, d.NoticeItem

    sess = store.current_session(conn, session)
    only = Directory.load(conn).resolve(unit).id if unit else None
    warnings: list[str] = []
    named_items: list[sqlite3.Row] = []
    if numbers:
        # NotFound names the number
        named_items = [store.item_by_number(conn, sess, n) for n in sorted(set(numbers))]
    # every live assignment of the session: a 补发 lists its notice's other items too
    rows = store_assignments.live_of_session(conn, sess["id"])
    # per item: the current lead (latest round) and its live supporting units
    lead_of: dict[int, sqlite3.Row] = {}
    supports: dict[int, list[sqlite3.Row]] = {}
    for r in rows:
        if r["role"] == "lead":
            lead_of[r["item_id"]] = r
        else:
            supports.setdefault(r["item_id"], []).append(r)
    live = [r for r in rows if r["role"] == "support" or lead_of.get(r["item_id"]) is r]
    covered = {r["number"] for r in live}
    if only is not None:
        live = [r for r in live if r["unit_id"] == only]
    originals: list[int] = []  # the notices to send again (补发), in the order first met
    if numbers:
        named = {r["number"] for r in named_items}
        current = [r for r in live if r["number"] in named]
        for r in named_items:
            if r["number"] not in covered:
                warnings.append(NO_ASSIGNMENT.format(name=item_name(r["number"], r["kind"])))
        originals = list(dict.fromkeys(r["notice_id"] for r in current if r["notice_id"] is not None))
        current = [r for r in current if r["notice_id"] is None]
    else:
        replied = store_assignments.replied_ids_of_session(conn, sess["id"])
        current = [r for r in live if r["notice_id"] is None and r["state"] == "assigned"
                   and r["id"] not in replied]
    by_unit: dict[int, list[sqlite3.Row]] = {}
    for r in sorted(current, key=lambda r: (r["unit_id"], r["number"])):
        by_unit.setdefault(r["unit_id"], []).append(r)
    lh = letterhead(conn, session)
    year = today.year
    serial = next_serial(conn, lh.doc_prefix, year)
    doc_no = d.doc_number(lh.doc_prefix, year, serial)
    period = settings.get(conn, "deadline.objection").label_cn()
    decider = _decider(lh)
    copy_to = cc(conn, "notice")
    short = session_short(sess["name"])

    def entry(r: sqlite3.Row) -> NoticeItem:
        lead = lead_of.get(r["item_id"])
        return NoticeItem(number=r["number"], title=r["title"], proposer=r["proposer"],
                          lead_unit=lead["unit_name"] if lead else "",
                          support_units=tuple(dict.fromkeys(s["unit_name"] for s in supports.get(r["item_id"], []))),
                          due_on=date.fromisoformat(r["due_on"]))

    def notice(rs: list[sqlite3.Row], **more) -> d.NoticeData:
        windows = [r["objection_until"] for r in rs if r["objection_until"]]
        until = date.fromisoformat(max(windows)) if windows else None
        if until is not None and until < today:
            until = None  # the window has closed: no date to print (and a 补发 drops the sentence)
        return NoticeData(
            letterhead=lh, session_short=short, unit=rs[0]["unit_name"],
            items_lead=tuple(entry(r) for r in rs if r["role"] == "lead"),
            items_support=tuple(entry(r) for r in rs if r["role"] == "support"),
            objection_until=until, objection_period=period, decided_by=decider, cc=copy_to, **more)

    issues = []
    for unit_id, rs in by_unit.items():
        record = notice(rs, doc_seq=serial, issued_on=today)
        numbers_ = tuple(dict.fromkeys(r["number"] for r in rs))
        issues.append(Issue(record=record, kind="notice", doc_no=doc_no, unit_id=unit_id,
                            links=tuple((r["item_id"], r["id"]) for r in rs), numbers=numbers_,
                            seq=serial, serial=None if issues else serial, series=lh.doc_prefix,
                            year=year, detail={"items": list(numbers_)}))
    fresh = bool(issues)
    issues += _reissues(conn, originals, live, notice, today)
    return Batch(kind="notice", issues=tuple(issues), series=lh.doc_prefix, year=year,
                 serial=serial if fresh else None, issued_on=today, warnings=tuple(warnings),
                 counter="year" if fresh else None)


def _reissues(conn: sqlite3.Connection, originals: Sequence[int], live: Sequence[sqlite3.Row],
              notice: Callable[..., object], today: date) -> list[Issue]:
    """One 补发 per original notice: its items still with the unit (live, still pointing at that
    notice), as they stand; the original's 文号, series, year and 成文日期; no serial (no number
    is taken). The row is recorded with reissue_of; assignments keep their original notice."""
    out: list[Issue] = []
    docs = store_docs.by_ids(conn, originals)
    for doc_id in sorted(originals, key=lambda i: (docs[i]["unit_id"] or 0, i)):
        orig = docs[doc_id]
        rs = sorted((r for r in live if r["notice_id"] == doc_id), key=lambda r: r["number"])
        dated = date.fromisoformat(orig["issued_on"])
        record = notice(rs, doc_seq=orig["serial"] or 0, issued_on=dated, doc_no=orig["doc_no"] or "",
                        reissued_on=today)
        numbers_ = tuple(dict.fromkeys(r["number"] for r in rs))
        out.append(Issue(record=record, kind="notice", doc_no=orig["doc_no"], unit_id=orig["unit_id"],
                         links=tuple((r["item_id"], r["id"]) for r in rs), numbers=numbers_,
                         series=orig["series"], year=orig["year"], reissue_of=doc_id,
                         detail={"items": list(numbers_), "reissue_of": doc_id,
                                 "dated": orig["issued_on"]}))
    return out


# -- 工作简报 -------------------------------------------------------------------------------------

def brief_series(conn: sqlite3.Connection, session: str | None = None) -> str:
    """`brief.name`, default 代表建议办理工作简报 / 提案办理工作简报."""
    from docket.core import settings

    return settings.get(conn, "brief.name") or d.terms(body_of(conn, session))["items"] + "办理工作简报"


def brief_data(conn: sqlite3.Connection, as_of: date, issue_no: int | None = None, *,
               session: str | None = None) -> Batch:
    """One issue of the 简报: figures of the status report as of as_of, chart rows by unit."""
    from docket.core import settings

    Article, BriefData, ChartRow = d.Article, d.BriefData, d.ChartRow

    name = brief_series(conn, session)
    if issue_no is not None:
        if issue_no < 1:
            raise BadInput(ISSUE_BAD.format(no=issue_no))
        used = store_docs.issue_used_on(conn, name, issue_no)
        if used:
            raise BadInput(ISSUE_USED.format(name=name, no=issue_no, next=store_docs.next_issue(conn, name),
                                             on=format_cn(date.fromisoformat(used))))
    no = issue_no or store_docs.next_issue(conn, name)
    rep = stats.report(conn, as_of=as_of, session=session)
    figures = stats.circular_data(conn, rep, doc_seq=1, issued_on=as_of).figures
    lh = letterhead(conn, session)
    v = settings.all_values(conn)
    copies = settings.get(conn, "brief.copies")
    record = BriefData(
        letterhead=lh, name=name, issue_no=no, issued_on=as_of,
        unit=v["brief.unit"] or lh.org_name, figures=figures,
        chart=tuple(ChartRow(u.unit, u.lead, u.replied) for u in rep.units if u.lead),
        articles=(_units_article(rep, lh.body, Article),),
        report_to=_names(v["brief.report_to"]), send_to=_names(v["brief.send_to"]),
        issue_to=_names(v["brief.issue_to"]), copies=copies or None)
    detail = {"as_of": as_of.isoformat(), **rep.as_json()["totals"]}
    issue = Issue(record=record, kind="brief", doc_no=f"第{no}期", seq=no, serial=no, series=name,
                  year=as_of.year, detail={"items": [], **detail})
    return Batch(kind="brief", issues=(issue,), series=name, year=as_of.year, serial=no,
                 issued_on=as_of, detail=detail, counter="brief", fixed=issue_no is not None)


def _units_article(rep, body: str, Article):
    """Article 2: units that replied to all, units with full marks, units behind."""
    t = d.terms(body)
    # a unit may have replied to all and still be behind on a re-handled item: not "done"
    done = [u.unit for u in rep.units if u.lead and u.replied >= u.lead and not u.overdue]
    praised = [u.unit for u in rep.units
               if u.lead and u.on_time.fraction == 1 and u.satisfaction.fraction == 1]
    behind = [u.unit for u in rep.units if u.overdue]
    paras = []
    if done:
        paras.append(BRIEF_ALL_REPLIED.format(when=format_cn(rep.as_of),
                                              names=d.join_names(done), item=t["item"]))
    if praised:
        paras.append(BRIEF_PRAISED.format(names=d.join_names(praised)))
    if behind:
        paras.append(BRIEF_BEHIND.format(names=d.join_names(behind), item=t["item"],
                                         n=rep.overdue))
    elif rep.assigned:
        paras.append(BRIEF_NONE_BEHIND.format(item=t["item"]))
    paras.append(BRIEF_CLOSING.format(committee=t["committee"], items=t["items"]))
    return Article(title=BRIEF_UNITS_TITLE, paragraphs=tuple(paras))


# -- 征询意见表 -----------------------------------------------------------------------------------

def form_data(conn: sqlite3.Connection, numbers: Sequence[int], *, today: date,
              session: str | None = None) -> Batch:
    """One 征询意见表 per item (per co-signer too when `evaluation.raters` is all), in number
    order. Every named item must have a lead unit; otherwise nothing is made (BadInput)."""
    from docket.core import settings
    from docket.core.deadlines import Deadlines
    from docket.core.records import item_name
    FormData = d.FormData

    sess = store.current_session(conn, session)
    lh = letterhead(conn, session)
    raters_all = settings.get(conn, "evaluation.raters") == "all"
    dims = 1 if settings.get(conn, "evaluation.attitude") == "off" else 2
    back = settings.get(conn, "deadline.evaluation")
    dl = None
    issues, bad = [], []
    for n in sorted(set(numbers)):
        item = store.item_by_number(conn, sess, n)
        owner = item
        if item["state"] == "merged" and item["merged_into"]:
            owner = store.item_by_id(conn, item["merged_into"])  # its units handle it
        live = store_assignments.live_assignments(conn, owner["id"])
        leads = [a for a in live if a["role"] == "lead"]
        if not leads:
            bad.append(NOT_ASSIGNED.format(name=item_name(n, item["kind"])))
            continue
        replies = [r for r in store_assignments.replies(conn, item["id"]) if r["role"] == "lead"]
        last = replies[-1] if replies else None
        replied_on = date.fromisoformat(last["replied_on"]) if last else None
        return_by = None
        if replied_on is not None:
            dl = dl or Deadlines(conn)
            return_by = dl.add(replied_on, back).date
        co = tuple(json.loads(item["co_proposers"] or "[]"))
        base = FormData(
            letterhead=lh, number=n, title=item["title"], proposer=item["proposer"],
            issued_on=today, category=item["category"] or "", co_signers=co,
            lead_unit=leads[-1]["unit_name"],
            # every supporting unit not taken off the item, also those that already gave (or
            # never gave) their opinion: the form lists who handled it
            support_units=tuple(dict.fromkeys(a["unit_name"] for a in store_assignments.assignments(conn, owner["id"])
                                              if a["role"] == "support" and a["returned_on"] is None)),
            replied_on=replied_on, reply_no=(last["doc_no"] or "") if last else "",
            rater=item["proposer"], dimensions=dims, return_by=return_by)
        raters = (item["proposer"], *co) if raters_all else (item["proposer"],)
        for who in dict.fromkeys(raters):
            issues.append(Issue(record=replace(base, rater=who), kind="form",
                                links=((item["id"], None),), numbers=(n,)))
    if bad:
        raise BadInput(bad[0] if len(bad) == 1 else f"{len(bad)}件不能生成征询意见表，未生成任何文件",
                       bad if len(bad) > 1 else None)
    return Batch(kind="form", issues=tuple(issues), issued_on=today, record=False)
