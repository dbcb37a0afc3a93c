"""remind, report, export: the deadline watch that cron runs every working morning.

Quiet when stdout is not a terminal: only the data goes out (and the warnings the contract
requires on stderr), so a cron mail stays empty when there is nothing to send.
"""
from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

import click

from docket.commands.output import dry_run_option, dump_json, emit, json_option, say, warn_all
from docket.commands.params import OutPath, day
from docket.core.records import ROLE_LABELS as ROLE_CN  # 主办/协办, said once in core
from docket.store.db import opened

REMIND_COLUMNS = [("unit", "单位"), ("number", "编号"), ("title", "标题"), ("role_label", "承办方式"),
                  ("due_on", "办理期限"), ("status", "办理状态"), ("level_label", "预警")]
ROW_STYLES = {"yellow": "yellow", "red": "bold red"}
WEEKDAYS = "一二三四五六日"

NOT_WORKDAY = "{day}（星期{weekday}）不是工作日，未发送也未记录催办；确需发送请加 --force。"
NOT_WORKDAY_DRY = "{day}（星期{weekday}）不是工作日；以下为加 --force 时将发送的催办（试运行，未记录）。"
NOTHING_DUE = "{day}没有需要催办的件。"
SENT = "已记录催办：{units}个单位，{items}件次（督办{red}件次）。"
DRY = "试运行：以上为将发送的催办，未记录。"
DOCS = "已生成{count}份文书：{folder}"


def _tty() -> bool:
    return sys.stdout.isatty()


def _status(item: dict) -> str:
    if item["color"] == "red":
        return f"逾期{item['days_overdue']}天"
    return "今日到期" if item["days_left"] == 0 else f"剩余{item['days_left']}个工作日"


@click.command()
@click.option("--as-of", "as_of", default=None, help="按某一天催办（默认今天）。")
@dry_run_option
@click.option("--force", is_flag=True, help="非工作日也发送并记录。")
@click.option("--out", type=OutPath(), default=None, help="为每个被催办的单位生成催办通知或督办函（docx）到此目录。")
@json_option
@click.pass_obj
def remind(rt, as_of, dry_run, force, out, json_):
    """催办、督办：列出黄色、红色的主办和协办件，按单位分组，并记录本次发送。

    同一天再次运行不会重复发送；红色件每隔 remind.repeat 再次督办，直至答复。
    非工作日不发送（加 --force 可发送）。--dry-run 只列出，不记录。

    \b
    示例：docket remind
          docket remind --dry-run --json
          docket remind --out ./催办-2026-06-23
    """
    from docket.core import reminders

    when = day(as_of, "--as-of", rt.today)
    folder = None
    if out:
        from docket.docgen import issue

        folder = issue.output_folder(out)
    with opened(rt.db_path) as conn:
        run = reminders.remind(conn, as_of=when, actor=rt.actor, dry_run=dry_run, force=force,
                               session=rt.session, today=rt.today, documents=folder is not None)
        if run.deferred:  # recorded with the documents, the lock held only for the recording
            from docket.commands.documents import progress_bar
            from docket.docgen import issue

            bar, progress = progress_bar(len({r.unit_id for r in run.reminders}), "生成催办文书")
            with bar:
                done = issue.issue(conn, lambda: reminders.remind_batch(
                    conn, as_of=when, actor=rt.actor, session=rt.session), folder,
                    actor=rt.actor, today=when, progress=progress)
            run = reminders.issued(run, done.batch.payload if done.batch else [], done.paths)
    warn_all(run.warnings)
    wd = WEEKDAYS[when.weekday()]
    if run.non_workday:
        say((NOT_WORKDAY_DRY if dry_run else NOT_WORKDAY).format(day=when.isoformat(), weekday=wd))
    groups = reminders.by_unit(run.reminders)
    if json_:
        dump_json(groups)
    else:
        left = {(r.number, r.unit): r.days_left for r in run.reminders}
        rows = [{**it, "unit": g["unit"], "role_label": ROLE_CN[it["role"]],
                 "days_left": left[(it["number"], g["unit"])],
                 "level_label": ("督办" if it["color"] == "red" else "催办") + (f"（第{it['n']}次）" if it["n"] > 1 else "")}
                for g in groups for it in g["items"]]
        for r in rows:
            r["status"] = _status(r)
        emit(rows, REMIND_COLUMNS, styles=lambda r: ROW_STYLES.get(r["color"]))
    if _tty():
        if not run.reminders and not run.non_workday:
            say(NOTHING_DUE.format(day=when.isoformat()))
        elif dry_run and run.reminders:
            say(DRY)
        elif run.recorded and run.reminders:
            red = sum(1 for r in run.reminders if r.color == "red")
            say(SENT.format(units=len(groups), items=len(run.reminders), red=red))
        if run.documents:
            say(DOCS.format(count=len(run.documents), folder=out))


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
    if _tty():
        click.echo("")
    else:
        sys.stdout.write("\n")
    units = [{"unit": u.unit, "lead": u.lead, "support": u.support, "replied": u.replied,
              "overdue": u.overdue, "on_time": _pct(u.on_time), "satisfaction": _pct(u.satisfaction)}
             for u in rep.units]
    emit(units, REPORT_UNITS, title="各承办单位")


SUFFIXES = {"text": ".txt", "json": ".json", "xlsx": ".xlsx", "docx": ".docx"}
# the 通报's own name comes from docgen.issue.file_name (its record); this one is only checked
DEFAULT_NAMES = {"xlsx": "办理情况统计-{day}.xlsx", "docx": "办理情况通报-{day}.docx"}
REPORT_WRITTEN = "已写入 {path}"
WRONG_SUFFIX = "输出文件 {name} 是 {suffix} 文件，而输出格式是 {fmt}：请加 --format {other}，或改用 {want} 扩展名"


def _report_target(fmt: str, out: str | None, when) -> Path | None:
    """Where the report goes, checked before any work: None for text and json on stdout."""
    from docket.core.errors import BadInput

    if out is None and fmt not in DEFAULT_NAMES:
        return None
    from docket.core.export import check_target

    path = Path(out or DEFAULT_NAMES[fmt].format(day=when.isoformat()))
    suffix = path.suffix.lower()
    other = next((f for f, sfx in SUFFIXES.items() if sfx == suffix), None)
    if other and other != fmt:
        raise BadInput(WRONG_SUFFIX.format(name=path.name, suffix=suffix, fmt=fmt, other=other,
                                           want=SUFFIXES[fmt]))
    return check_target(path, (SUFFIXES[fmt],))


@click.command()
@click.option("--as-of", "as_of", default=None,
              help="统计截至某一天（默认今天），重现当天的办理事实；期限、口径等设置用的是现在的设置。")
@click.option("--format", "format_", type=click.Choice(list(SUFFIXES)), default="text",
              show_default=True, help="输出格式；docx 为办理情况通报。")
@click.option("--out", type=OutPath(), default=None,
              help="输出文件（text 为 .txt，json 为 .json，xlsx、docx 默认在当前目录按报告日期命名）。")
@json_option
@click.pass_obj
def report(rt, as_of, format_, out, json_):
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
    fmt = "json" if json_ else format_
    target = _report_target(fmt, out, when)
    with opened(rt.db_path) as conn:
        warn_all([Deadlines(conn).calendar.upcoming_warning(when)])
        rep = build(conn, as_of=when, session=rt.session)
        if fmt == "docx":
            from docket.core.stats import circular_batch
            from docket.docgen import issue

            done = issue.issue(conn, lambda: circular_batch(conn, rep), target.parent, actor=rt.actor,
                               today=rt.today, names=[target.name] if out else None)
            path, doc_no = done.paths[0], done.doc_no
    if fmt in ("json", "text") and target is not None:
        from docket.core.export import write_text

        # the same text a pipe would get (aligned, no colours), into the file instead of stdout
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            if fmt == "json":
                dump_json(rep.as_json())
            else:
                _report_text(rep)
        say(REPORT_WRITTEN.format(path=write_text(target, buffer.getvalue())))
    elif fmt == "json":
        dump_json(rep.as_json())
    elif fmt == "text":
        _report_text(rep)
    elif fmt == "xlsx":
        from docket.core.export import export_report
        click.echo(str(export_report(rep, target)))
    else:
        click.echo(str(path))
        if _tty():
            say(f"已生成办理情况通报 {doc_no}。")


@click.command()
@click.argument("file", type=OutPath("FILE"))
@click.option("--masked", is_flag=True, help="公开版：隐去个人信息（姓名只留姓，电话部分隐去，不含地址、内容、评价意见）。")
@click.pass_obj
def export(rt, file, masked):
    """导出全部台账（xlsx 或 csv），每件一行，含各环节日期、承办单位、类别、满意度、颜色。

    以 = + - @ 开头的单元格按文本写入，表格软件不会当作公式执行。

    \b
    示例：docket export 台账.xlsx
          docket export 公开台账.csv --masked
    """
    from docket.core.export import export_ledger

    with opened(rt.db_path) as conn:
        path, count = export_ledger(conn, Path(file), as_of=rt.today, masked=masked, session=rt.session)
    click.echo(str(path))
    if _tty():
        say(f"已导出{count}件{'（公开版）' if masked else ''}。")
