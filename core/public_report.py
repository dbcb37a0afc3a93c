"""向人民报告 (domain.md §14, issue 15): one public report of the year's results.

The figures come from the modules that own them: items handled and their satisfaction from
core/stats.report, the newest 民生实事 round from core/projects.standing, the newest
rectification round from core/rectify.newest_figures, and the disclosed replies from
core/disclosure.public_rows (the selection `export --public` writes). `report_batch` is the
docx as a batch of one 文件 taking the next 文号 of `doc.prefix` (issued by docgen/issue.py, as
the other 通报); `write_sheets` the masked xlsx (core/export's writer: formula-like cells inert).
No person is named: every title goes through core/privacy's Masker; no proposer, rater, phone,
address, content or note. Never imports docgen.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from docket.core import docdata as d
from docket.core.dates import from_iso

STAGE_WORDS = {"mid": "年中", "final": "年终"}


def public_data(conn: sqlite3.Connection, *, as_of: date, doc_seq: int, issued_on: date,
                session: str | None = None) -> d.PublicReportData:
    """The report's record on as_of (doc_seq: the 文号 it takes)."""
    from docket.core import disclosure, privacy, projects, rectify, stats
    from docket.core.batches import cc, letterhead

    mask = privacy.masker_for(conn)
    rep = stats.report(conn, as_of=as_of, session=session)
    extra: dict = {}
    if projects.round_names(conn):
        res = projects.standing(conn, None, as_of=as_of)
        exact = projects.exact_rate
        rows = tuple(d.PublicProjectRow(
            r["number"], mask.text(r["title"]), r["lead_unit"] or r["unit"], r["budget"],
            from_iso(r["due_on"]), r["progress"],
            exact(r["tests"].get("mid")), exact(r["tests"].get("final")))
            for r in res["projects"] if r["adopted"])
        extra.update(project_round=res["round"], places=res["places"], projects=rows,
                     project_tests=projects.stage_rates(res))
    fig = rectify.newest_figures(conn, as_of=as_of)
    if fig is not None:
        extra.update(rectify_round=fig.round, rectify_total=fig.total, rectify_done=fig.done,
                     rectify_completion=fig.completion_rate, rectify_on_time=fig.on_time_rate,
                     rectify_recheck=fig.recheck_rate, rectify_accountability=fig.accountability,
                     rectify_on_time_count=fig.on_time, rectify_rechecked=fig.rechecked,
                     rectify_recheck_passed=fig.recheck_passed)
    replies = tuple(d.PublicReplyRow(r[0], r[1], r[2], r[3], r[4], r[7])
                    for r in disclosure.public_rows(conn, session=session))
    return d.PublicReportData(
        letterhead=letterhead(conn, session), year=as_of.year, as_of=as_of, doc_seq=doc_seq,
        issued_on=issued_on, session=rep.session, assigned=rep.assigned, replied=rep.replied,
        reply_rate=rep.reply.fraction, evaluated=rep.evaluated, satisfied=rep.satisfied, basic=rep.basic,
        dissatisfied=rep.dissatisfied, satisfaction_rate=rep.satisfaction.fraction,
        solved_rate=rep.solved.fraction, solved=rep.solved.num, replies=replies, cc=cc(conn, "circular"), **extra)


def report_batch(conn: sqlite3.Connection, *, as_of: date, today: date, session: str | None = None):
    """The 向人民报告 as a batch of one 文件 taking the next 文号 of `doc.prefix`."""
    from docket.core.batches import letterhead, next_serial, numbered_file
    from docket.core.errors import BadInput

    lh = letterhead(conn, session)
    if not lh.doc_prefix:
        from docket.core.messages import NO_DOC_PREFIX
        raise BadInput(NO_DOC_PREFIX)
    seq = next_serial(conn, lh.doc_prefix, today.year)
    record = public_data(conn, as_of=as_of, doc_seq=seq, issued_on=today, session=session)
    detail = {"year": record.year, "as_of": as_of.isoformat(), "replies": len(record.replies),
              "projects": len(record.projects)}
    return numbered_file(conn, "public_report", record, series=lh.doc_prefix, year=today.year, seq=seq,
                         issued_on=today, detail=detail, event_detail={"year": record.year})


# -- the masked workbook --------------------------------------------------------------------------

def sheets(data: d.PublicReportData) -> list:
    """The report's figures and adopted projects as xlsx sheets (the same figures as the docx;
    rates as the documents print them, 92.5%)."""
    from docket.core.export import Sheet
    from docket.core.numbers import percent

    figures = [["交办件数", data.assigned], ["已答复件数", data.replied], ["答复率", percent(data.reply_rate)],
               ["已评价件数", data.evaluated], ["满意", data.satisfied], ["基本满意", data.basic],
               ["不满意", data.dissatisfied], ["满意率", percent(data.satisfaction_rate)],
               ["办成率（A类）", percent(data.solved_rate)]]
    for stage, r, n in data.project_tests:
        if n:
            figures.append([f"民生实事项目{STAGE_WORDS[stage]}测评总体满意率", percent(r)])
    if data.rectify_round:
        figures += [["整改问题数", data.rectify_total], ["已整改", data.rectify_done],
                    ["整改完成率", percent(data.rectify_completion)], ["按期整改率", percent(data.rectify_on_time)],
                    ["复查通过率", percent(data.rectify_recheck)], ["问责", data.rectify_accountability]]
    figures.append(["公开答复件数", len(data.replies)])
    out = [Sheet("总体情况", ("指标", "数值"), figures,
                 caption=f"{data.year}年向人民报告（截至{data.as_of.isoformat()}）")]
    flt = lambda x: None if x is None else float(x)
    out.append(Sheet("民生实事项目", PROJECT_HEADERS,
                     [[p.number, p.title, p.lead_unit, p.budget, p.due_on.isoformat() if p.due_on else None,
                       p.progress, flt(p.mid), flt(p.final)] for p in data.projects],
                     caption=data.project_round, percent=frozenset({6, 7})))
    return out


PROJECT_HEADERS = ("编号", "项目", "牵头单位", "预算（万元）", "办理期限", "进度%", "年中满意率", "年终满意率")


def write_sheets(conn: sqlite3.Connection, data: d.PublicReportData, path: Path, *,
                 session: str | None = None) -> Path:
    """The masked xlsx: the figures, the projects and the disclosed replies (as export --public)."""
    from docket.core.disclosure import HEADERS, public_rows
    from docket.core.export import Sheet, write_xlsx

    all_sheets = sheets(data) + [Sheet("答复公开", HEADERS, public_rows(conn, session=session))]
    return write_xlsx(path, all_sheets, title=f"{data.year}年向人民报告", as_of=data.as_of,
                      on=data.as_of)
