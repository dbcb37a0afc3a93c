"""calendar due | show | set | import: the working-day calendar behind every deadline."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click

from docket.commands.output import dry_run_option, emit, json_option, say, warn_all
from docket.commands.params import DASH_VALUES, Integer
from docket.store.db import opened

COLUMNS = [("date", "日期"), ("weekday", "星期"), ("type", "类型"), ("name", "名称"),
           ("source_label", "来源")]
YEAR_NOTES = {
    "official": "{year}年：国务院办公厅公布的放假安排（chinesecalendar）。",
    "import": "{year}年：已导入的放假安排。",
}


@contextmanager
def _maybe_opened(rt):
    """`due` and `show` also work before `docket init`: then the official calendar alone."""
    if Path(rt.db_path).exists():
        with opened(rt.db_path) as conn:
            yield conn
    else:
        yield None


@click.group()
def calendar():
    """工作日日历：计算期限、查看节假日、设置调休、导入下一年度放假安排。

    期限按国务院办公厅公布的放假安排计算（含调休上班日）；尚未公布的年度按
    周一至周五扣除法定节日推算，所得期限标为“暂定”，导入该年安排后自动重算。

    \b
    示例：docket calendar due 2026-09-29 "3 workdays" --explain
          docket calendar import 2027.json
    """


@calendar.command("due", context_settings=DASH_VALUES)
@click.argument("start")
@click.argument("duration")
@click.option("--explain", is_flag=True, help="列出计算过程：跳过的节假日、计入的调休上班日、顺延。")
@click.pass_obj
def due(rt, start, duration, explain):
    """计算期限：从 START 起算 DURATION 后的到期日（ISO 日期）。

    DURATION 写作 3 months、20 workdays、15 days，或 3个月、20个工作日、15日。
    起算日当天不计入；按日、按月计算的期限落在非工作日时顺延
    （设置 deadline.roll_forward）。

    \b
    示例：docket calendar due 2026-03-20 3个月
          docket calendar due 2026-09-29 "3 workdays" --explain
    """
    from docket.core.calendar import PROVISIONAL_MARK, for_due
    from docket.core.dates import parse_date
    from docket.core.durations import parse_duration

    day = parse_date(start, field="起算日")
    length = parse_duration(duration, field="期限")
    with _maybe_opened(rt) as conn:
        cal, roll_forward = for_due(conn)
    result = cal.due(day, length, roll_forward=roll_forward)
    click.echo(result.date.isoformat())
    if explain:
        warnings = set(result.warnings())
        for line in cal.explain(day, length, roll_forward=roll_forward):
            if line not in warnings:
                click.echo(line)
    if result.provisional:
        say(f"{result.date.isoformat()}{PROVISIONAL_MARK}")
        warn_all(result.warnings())


@calendar.command("show")
@click.option("--year", type=Integer("--year"), default=None, help="年度（默认今年）。")
@json_option
@click.pass_obj
def show(rt, year, json_):
    """列出一年的节假日和调休上班日，并注明来源（官方、导入、手工设置、推算）。

    \b
    示例：docket calendar show --year 2027
    """
    from docket.core.calendar import describe_year, fallback_warning

    from docket.core.calendar import MAX_YEAR, MIN_YEAR, YEAR_RANGE
    from docket.core.errors import BadInput

    year = rt.today.year if year is None else year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(YEAR_RANGE.format(year=year))
    with _maybe_opened(rt) as conn:
        rows, source = describe_year(conn, year)
    emit(rows, COLUMNS, json_, title=f"{year}年节假日与调休")
    if source == "fallback":
        warn_all([fallback_warning(year)])
    elif not json_:
        say(YEAR_NOTES[source].format(year=year))


@calendar.command("set")
@click.argument("day", metavar="DATE")
@click.argument("kind", metavar="workday|holiday")
@click.option("--note", default=None, help="备注，例如“本地放假”“调休上班”。")
@dry_run_option
@click.pass_obj
def set_(rt, day, kind, note, dry_run):
    """把某一天设为工作日（workday）或放假（holiday），优先于官方安排。

    \b
    示例：docket calendar set 2026-10-10 holiday --note 本县调整
    """
    from docket.core.calendar import cn_day
    from docket.core.calendar_edits import DayChange, day_type, save_days
    from docket.core.dates import parse_date

    when = parse_date(day, field="日期")
    workday = day_type(kind, expected="workday 或 holiday")
    with opened(rt.db_path) as conn:
        changed, _ = save_days(conn, [DayChange(when, workday, note or "")], source="set",
                               actor=rt.actor, today=rt.today, dry_run=dry_run)
    what = "工作日" if workday else "放假"
    if not changed:
        say(f"{cn_day(when)}已设为{what}，未改动。")
    else:
        say(f"{'（试运行，未写入）' if dry_run else ''}已将{cn_day(when)}设为{what}"
            f"{'（' + note + '）' if note else ''}。")


@calendar.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@dry_run_option
@click.pass_obj
def import_(rt, file, dry_run):
    """导入放假安排：CSV（每行 日期,off|on,备注）或公共节假日数据的年度 JSON。

    整个文件先逐行检查，任何一行有误则全部不导入，并指出行号。
    导入后，此前按推算得出的暂定期限随之重算。

    \b
    示例：docket calendar import 2027.csv
          （2027.csv 内容：2027-01-01,off,元旦 / 2027-02-20,on,春节调休上班）
    """
    from docket.core.calendar_edits import parse_calendar_file, save_days

    changes = parse_calendar_file(file)
    with opened(rt.db_path) as conn:
        changed, recomputed = save_days(conn, changes, source="import", actor=rt.actor,
                                        today=rt.today, dry_run=dry_run)
    off = sum(not c.workday for c in changes)
    years = "、".join(str(y) for y in sorted({c.day.year for c in changes}))
    say(f"{'（试运行，未写入）' if dry_run else ''}已导入{years}年放假安排：共{len(changes)}天"
        f"（放假{off}天，调休上班{len(changes) - off}天），其中{changed}天有变动。")
    if recomputed:
        say(f"已按新安排重算{recomputed}个暂定期限。")
