"""remind: the deadline watch that cron runs every working morning.

Quiet when stdout is not a terminal: only the data goes out (and the warnings the contract
requires on stderr), so a cron mail stays empty when there is nothing to send.
"""
from __future__ import annotations

import click

from docket.commands.messages import (LEVEL_WORDS, REMIND_LATE_DUE, REMIND_LATE_SENT, REMIND_SESSION_COLUMN,
                                      REMIND_TIMES)
from docket.commands.output import (dry_run_option, dump_json, emit, json_option, on_terminal,
                                    progress_bar, say, warn_all)
from docket.commands.params import OutPath, day
from docket.core.records import ROLE_LABELS as ROLE_CN  # 主办/协办, said once in core
from docket.docgen.wording import status_text  # 逾期12天 / 今日到期, as the 催办通知 says it
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


@click.command()
@click.option("--as-of", "as_of", default=None, help="按某一天催办（默认今天）。")
@dry_run_option
@click.option("--force", is_flag=True, help="非工作日也发送并记录。")
@click.option("--out", type=OutPath(), default=None, help="为每个被催办的单位生成催办通知或督办函（docx）到此目录。")
@json_option
@click.pass_obj
def remind(rt, as_of, dry_run, force, out, json_):
    """催办、督办：列出黄色、红色的主办和协办件，按单位分组，并记录本次发送。

    不加 --session 时催办所有届次和轮次（本次会议、往届仍在办的件、整改问题、民生实事项目）；
    非当前届次的件注明所属届次或轮次。
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
            from docket.docgen import issue

            # a 催办通知/督办函 per reminded unit, a 进度催报通知 per unit late with its progress
            planned = reminders.counts(run)
            bar, progress = progress_bar(planned.units + planned.late_units, "生成催办文书")
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
    if run.late_progress:  # rectification units late with their progress (未按时报送进度)
        from docket.core.rectify import late_by_unit

        groups = late_by_unit(groups, run.late_progress, when)
    if json_:
        dump_json(groups)
    else:
        left = {(r.number, r.unit, r.session): r.days_left for r in run.reminders}
        rows = [{**it, "unit": g["unit"], "role_label": ROLE_CN[it["role"]],
                 "status": _status(it, left.get((it["number"], g["unit"], it.get("session")))),
                 "where": _where(it, run.session),
                 "level_label": it["reason"] if it["color"] == "late_report" else (
                     LEVEL_WORDS[it["color"]] + (REMIND_TIMES.format(n=it["n"]) if it["n"] > 1 else ""))}
                for g in groups for it in g["items"]]
        # items of other sessions (a rectification round, last year's) say which: numbers repeat
        columns = REMIND_COLUMNS[:1] + [REMIND_SESSION_COLUMN] + REMIND_COLUMNS[1:] if any(
            r["where"] for r in rows) else REMIND_COLUMNS
        emit(rows, columns, styles=lambda r: ROW_STYLES.get(r["color"]))
    if on_terminal():
        n = reminders.counts(run)
        if not run.reminders and not run.late_progress and not run.non_workday:
            say(NOTHING_DUE.format(day=when.isoformat()))
        elif dry_run and (run.reminders or run.late_progress):
            say(DRY)
        elif run.recorded:
            if run.reminders:
                say(SENT.format(units=n.units, items=n.items, red=n.red))
            if run.late_progress:
                say(REMIND_LATE_SENT.format(units=n.late_units, items=n.late))
        if run.documents:
            say(DOCS.format(count=n.documents, folder=out))


def _where(it: dict, home: str) -> str:
    """The session (round) of a row not of the run's own session, else empty."""
    where = it.get("session") or it.get("round")
    return where if where and where != home else ""


def _status(it: dict, workdays_left: int | None) -> str:
    """办理状态: 应于…报送 (未按时报送进度), 滞后…个百分点 (coloured by its lag), else as the
    催办通知 says it (逾期12天 / 剩余3个工作日 / 今日到期)."""
    if it["color"] == "late_report":
        return REMIND_LATE_DUE.format(due=it["due_on"])
    return status_text(it["days_overdue"], workdays_left, it.get("lag"))
