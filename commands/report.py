"""report: the statistics of handling (text, json, xlsx, or the 办理情况通报 as docx).

Quiet when stdout is not a terminal: only the data goes out (and the warnings the contract
requires on stderr), so a cron mail stays empty when there is nothing to send.
"""
from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import click

from docket.commands import messages as cm
from docket.commands.output import dump_json, emit, json_option, on_terminal, say, warn_all
from docket.commands.params import OutPath, day
from docket.store.db import opened

REPORT_TOTALS = [("name", "指标"), ("value", "数值"), ("basis", "计算")]
REPORT_UNITS = [("unit", "承办单位"), ("lead", "主办"), ("support", "协办"), ("replied", "已答复"),
                ("overdue", "逾期"), ("on_time", "按期答复率"), ("satisfaction", "满意率")]


def _pct(rate) -> str:
    return rate.text


def _report_text(rep) -> None:
    counts = [("交办件数", rep.assigned), ("已答复", rep.replied), ("逾期未答复", rep.overdue),
              ("已评价", rep.evaluated), ("办结未答复", rep.closed_unreplied)]
    rows = [{"name": n, "value": v, "basis": ""} for n, v in counts]
    rows += [{"name": name, "value": _pct(rate), "basis": f"{rate.num}/{rate.den}"}
             for _, name, rate in rep.rates()]
    rows.append({"name": "答复类别", "value": "、".join(f"{c} {n}" for c, n in rep.classes.items()),
                 "basis": ""})
    emit(rows, REPORT_TOTALS, title=f"{rep.session} 办理情况（截至{rep.as_of.isoformat()}）")
    click.echo()
    units = [{"unit": u.unit, "lead": u.lead, "support": u.support, "replied": u.replied,
              "overdue": u.overdue, "on_time": _pct(u.on_time), "satisfaction": _pct(u.satisfaction)}
             for u in rep.units]
    emit(units, REPORT_UNITS, title="各承办单位")


def _rectify_text(fig) -> None:
    """The rectification section (domain.md §12 figures), shown when there is a round."""
    from docket.core.numbers import percent

    def rate(r, num, den):
        return {"value": percent(r), "basis": f"{num}/{den}"}

    rows = [{"name": "整改问题", "value": fig.total, "basis": ""},
            {"name": "已整改（含复查通过、销号）", "value": fig.done, "basis": ""},
            {"name": "整改完成率", **rate(fig.completion_rate, fig.done, fig.total)},
            {"name": "按期整改率", **rate(fig.on_time_rate, fig.on_time, fig.on_time_decided)},
            {"name": "复查通过率", **rate(fig.recheck_rate, fig.recheck_passed, fig.rechecked)},
            {"name": "问责", "value": fig.accountability, "basis": ""},
            {"name": "红色/黄色预警", "value": f"{fig.red}/{fig.yellow}", "basis": ""},
            {"name": "未按时报送进度", "value": fig.late_reports, "basis": ""}]
    click.echo()
    emit(rows, REPORT_TOTALS, title=cm.REPORT_RECTIFY_TITLE.format(round=fig.round))


def _json(rep, rect) -> dict:
    data = rep.as_json()
    if rect is not None:
        data["rectification"] = rect.as_json()
    return data


SUFFIXES = {"text": ".txt", "json": ".json", "xlsx": ".xlsx", "docx": ".docx"}
# the 通报's own name comes from docgen.issue.file_name (its record); this one is only checked
DEFAULT_NAMES = {"xlsx": "办理情况统计-{day}.xlsx", "docx": "办理情况通报-{day}.docx"}
REPORT_WRITTEN = "已写入 {path}"
WRONG_SUFFIX = "输出文件 {name} 是 {suffix} 文件，而输出格式是 {out_format}：请加 --format {other}，或改用 {want} 扩展名"


def _report_target(out_format: str, out: str | None, when) -> Path | None:
    """Where the report goes, checked before any work: None for text and json on stdout."""
    from docket.core.errors import BadInput

    if out is None and out_format not in DEFAULT_NAMES:
        return None
    from docket.core.export import check_target

    path = Path(out or DEFAULT_NAMES[out_format].format(day=when.isoformat()))
    suffix = path.suffix.lower()
    other = next((f for f, sfx in SUFFIXES.items() if sfx == suffix), None)
    if other and other != out_format:
        raise BadInput(WRONG_SUFFIX.format(name=path.name, suffix=suffix, out_format=out_format,
                                           other=other, want=SUFFIXES[out_format]))
    return check_target(path, (SUFFIXES[out_format],))


@click.command()
@click.option("--as-of", "as_of", default=None,
              help="统计截至某一天（默认今天），重现当天的办理事实；期限、口径等设置用的是现在的设置。")
@click.option("--format", "format_", type=click.Choice(list(SUFFIXES)), default="text",
              show_default=True, help="输出格式；docx 为办理情况通报。")
@click.option("--out", type=OutPath(), default=None,
              help="输出文件（text 为 .txt，json 为 .json，xlsx、docx 默认在当前目录按报告日期命名）。")
@click.option("--public", "public", is_flag=True,
              help="向人民报告：印发公开报告（docx，取下一个文号）并写出脱敏的 xlsx，--out 为输出目录。")
@json_option
@click.pass_obj
def report(rt, as_of, format_, out, json_, public):
    """办理情况统计：交办、答复、按期、逾期、评价、满意率、类别，总体和各承办单位。

    --as-of 只计入当天及以前发生的事实，重现过去某一天的报表。

    注意：设置不保留历史，过去某一天的报表也按今天的设置计算。

    （期限、预警天数、满意率是否含基本满意等设置改过之后，重出的旧报表可能与当天印发的不同。）

    text、json 默认输出到屏幕；加 --out 则写入文件（屏幕上不再输出）。

    \b
    示例：docket report
          docket report --as-of 2026-07-31 --format json
          docket report --format json --out 办理情况统计-2026-07-31.json
          docket report --format xlsx --out 办理情况统计-2026-07-31.xlsx
    """
    from docket.core.deadlines import Deadlines
    from docket.core.stats import report as build

    when = day(as_of, "--as-of", rt.today)
    if public:
        return _public(rt, when, out, format_, json_)
    out_format = "json" if json_ else format_
    target = _report_target(out_format, out, when)
    with opened(rt.db_path) as conn:
        warn_all([Deadlines(conn).calendar.upcoming_warning(when)])
        rep = build(conn, as_of=when, session=rt.session)
        from docket.core.rectify import newest_figures

        rect = newest_figures(conn, as_of=when)  # None without a rectification round
        if out_format == "docx":
            from docket.core.stats import circular_batch
            from docket.docgen import issue

            done = issue.issue(conn, lambda: circular_batch(conn, rep), target.parent, actor=rt.actor,
                               today=rt.today, names=[target.name] if out else None)
            path, doc_no = done.paths[0], done.doc_no
    if out_format in ("json", "text") and target is not None:
        from docket.core.export import write_text

        # the same text a pipe would get (aligned, no colours), into the file instead of stdout
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            if out_format == "json":
                dump_json(_json(rep, rect))
            else:
                _report_text(rep)
                if rect is not None:
                    _rectify_text(rect)
        say(REPORT_WRITTEN.format(path=write_text(target, buffer.getvalue())))
    elif out_format == "json":
        dump_json(_json(rep, rect))
    elif out_format == "text":
        _report_text(rep)
        if rect is not None:
            _rectify_text(rect)
    elif out_format == "xlsx":
        from docket.core.export import export_report
        click.echo(str(export_report(rep, target)))
    else:
        click.echo(str(path))
        if on_terminal():
            say(f"已生成办理情况通报 {doc_no}。")


PUBLIC_ONLY_DIR = "--public 生成 docx 和 xlsx 两个文件，--out 应为输出目录；不能与 --format、--json 同用"
PUBLIC_WRITTEN = "已生成向人民报告 {doc_no}：{docx}，脱敏表格 {xlsx}"


def _public(rt, when, out, format_, json_) -> None:
    """report --public: the 向人民报告 issued as a numbered docx (docgen/issue.py), and its masked
    xlsx beside it with the same figures (the record the docx was built from)."""
    from docket.core.errors import BadInput
    from docket.core.public_report import report_batch, write_sheets
    from docket.docgen import issue

    if format_ != "text" or json_:
        raise BadInput(PUBLIC_ONLY_DIR)
    folder = issue.output_folder(out)
    with opened(rt.db_path) as conn:
        done = issue.issue(conn, lambda: report_batch(conn, as_of=when, today=rt.today, session=rt.session),
                           folder, actor=rt.actor, today=rt.today)
        docx = done.paths[0]
        xlsx = write_sheets(conn, done.batch.issues[0].record, docx.with_suffix(".xlsx"), session=rt.session)
    click.echo(str(docx))
    click.echo(str(xlsx))
    if on_terminal():
        say(PUBLIC_WRITTEN.format(doc_no=done.doc_no, docx=docx.name, xlsx=xlsx.name))
