"""rectify: rectification rounds (整改, domain.md §12; contract §3).

Parse, call one core function (core/rectify.py), render. A round is named by --round (default:
the newest round).
"""
from __future__ import annotations

import click

from docket.commands import messages as cm
from docket.commands.output import (
    dump_json,
    emit,
    json_option,
    on_terminal,
    say,
    warn_all,
)
from docket.commands.params import Integer, OutPath, day
from docket.core.records import COLOR_LABELS  # 白/黄/红, said once in core
from docket.store.db import opened

ROUND = click.option("--round", "round_name", default=None, help="整改名称（默认最近建立的一轮）。")
ON = click.option("--on", default=None, help="日期（默认今天）。")

LEDGER_COLUMNS = [("number", "序号"), ("source", "问题来源"), ("problem", "问题"), ("unit", "责任单位"),
                  ("person", "责任人"), ("due_on", "整改时限"), ("progress_text", "进度"),
                  ("planned_text", "计划"), ("color_label", "颜色"), ("state_text", "状态"),
                  ("accountability_text", "问责")]
ROW_STYLES = {"yellow": "yellow", "red": "bold red"}



def _label(state: str) -> str:
    from docket.core.records import state_label

    return state_label(state, "rectification")


@click.group()
def rectify():
    """整改：问题清单、责任清单、整改清单，进度、复查、回头看、问责，整改台账和整改情况通报。

    \b
    示例：docket rectify new 2026年部门工作评议整改 --from-appraisal 2026年度部门工作评议 --bottom 2
          docket rectify plan 1 --target 目标 --measures 措施 --person 张三
          docket rectify progress 1 40 --note 已完成摸底
          docket rectify list
    """


@rectify.command("new")
@click.argument("name")
@click.option("--from-appraisal", "from_appraisal", default=None, help="由部门工作评议生成问题（评议名称）。")
@click.option("--bottom", type=Integer("--bottom"), default=None, help="取评议排名最后的K个部门，每个部门一个问题。")
@click.pass_obj
def new(rt, name, from_appraisal, bottom):
    """建立一轮整改（可由评议结果的后K名部门生成问题清单）。

    \b
    示例：docket rectify new 2026年部门工作评议整改 --from-appraisal 2026年度部门工作评议 --bottom 2
    """
    from docket.core import rectify as core

    with opened(rt.db_path) as conn:
        out = core.new_round(conn, name, actor=rt.actor, today=rt.today, from_appraisal=from_appraisal,
                             bottom=bottom)
    if out["items"]:
        say(cm.RECTIFY_NEW_FROM.format(round=out["round"], n=len(out["items"]),
                            numbers="、".join(str(n) for n in out["items"])))
    else:
        say(cm.RECTIFY_NEW_DONE.format(round=out["round"]))
    warn_all(out["warnings"])


@rectify.command("add")
@click.option("--problem", required=True, help="问题（必填）。")
@click.option("--unit", default=None, help="责任单位（必填，全称或简称）。")
@click.option("--source", default=None, help="问题来源，例如 2026年度部门工作评议。")
@click.option("--category", default=None, help="类别。")
@ROUND
@click.pass_obj
def add(rt, problem, unit, source, category, round_name):
    """登记一个整改问题（未启动），输出其编号。

    \b
    示例：docket rectify add --problem 河道清淤进展缓慢 --unit 水利局 --source 2026年度部门工作评议
    """
    from docket.core import rectify as core

    with opened(rt.db_path) as conn:
        number = core.add(conn, problem=problem, unit=unit, source=source, category=category,
                          round_name=round_name, actor=rt.actor, today=rt.today)
        rnd = core.round_of(conn, round_name)["name"]
    click.echo(number)
    if on_terminal():
        say(cm.RECTIFY_ADDED.format(number=number, round=rnd))


@rectify.command("plan")
@click.argument("number", type=Integer("编号"))
@click.option("--target", required=True, help="整改目标。")
@click.option("--measures", required=True, help="整改措施。")
@click.option("--person", required=True, help="责任人。")
@click.option("--unit", default=None, help="责任单位（默认登记问题时所填）。")
@click.option("--due", default=None, help="整改时限（默认自今天起 rectify.deadline）。")
@ON
@ROUND
@click.pass_obj
def plan(rt, number, target, measures, person, unit, due, on, round_name):
    """制定（或修改）一问题一方案：目标、措施、责任人、时限；首次制定即交责任单位整改（整改中）。

    \b
    示例：docket rectify plan 1 --target 汛前完成清淤 --measures 分段清淤 --person 李明 --due 2026-06-30
    """
    from docket.core import rectify as core

    with opened(rt.db_path) as conn:
        o = core.plan(conn, number, target=target, measures=measures, person=person, unit=unit,
                      due=day(due, "整改时限"), on=day(on, "--on"), round_name=round_name,
                      actor=rt.actor, today=rt.today)
        row = core.ledger(conn, as_of=rt.today, round_name=round_name, number=number)[0]
    warn_all(o.warnings)
    say(cm.RECTIFY_PLANNED.format(number=number, verb="修改" if "lead" not in o.detail else "制定",
                       label=_label(o.state), due=row.due_on.isoformat() if row.due_on else "—"))


@rectify.command("progress", context_settings={"ignore_unknown_options": True})  # -5 is a (bad) percent
@click.argument("number", type=Integer("编号"))
@click.argument("percent")
@click.option("--note", default=None, help="进度说明（进度回退时必填）。")
@ON
@ROUND
@click.pass_obj
def progress(rt, number, percent, note, on, round_name):
    """报送整改进度（0–100）；100 即整改完成（已整改）。进度回退须用 --note 说明原因。

    \b
    示例：docket rectify progress 1 40 --note 已完成摸底
    """
    from docket.core import rectify as core

    with opened(rt.db_path) as conn:
        o = core.record_progress(conn, number, percent, note=note, on=day(on, "--on"), round_name=round_name,
                                 actor=rt.actor, today=rt.today)
    warn_all(o.warnings)
    from docket.core.progress import check_percent

    say(cm.RECTIFY_PROGRESS.format(number=number, percent=check_percent(percent), label=_label(o.state)))


def _check_command(what: str, fn_name: str):
    @click.argument("number", type=Integer("编号"))
    @click.option("--pass", "passed", flag_value=True, default=None, help="通过。")
    @click.option("--fail", "passed", flag_value=False, help="未通过。")
    @click.option("--note", default=None, help="说明。")
    @ON
    @ROUND
    @click.pass_obj
    def command(rt, number, passed, note, on, round_name):
        from docket.core import rectify as core
        from docket.core.errors import BadInput

        if passed is None:
            raise BadInput(cm.RECTIFY_PASS_OR_FAIL.format(what=what))
        with opened(rt.db_path) as conn:
            o = getattr(core, fn_name)(conn, number, passed=passed, note=note, on=day(on, "--on"),
                                       round_name=round_name, actor=rt.actor, today=rt.today)
        warn_all(o.warnings)
        say(cm.RECTIFY_CHECKED.format(number=number, what=what, result="通过" if passed else "未通过",
                                      label=_label(o.state))
            + (cm.RECTIFY_CHECK_DUE.format(due=o.detail["due_on"]) if "due_on" in o.detail else ""))
    return command


rectify.command("recheck", help="复查：--pass 通过（需回头看的为复查通过，否则销号），--fail 未通过（重新整改）。"
                "\n\n\b\n示例：docket rectify recheck 1 --pass")(
    _check_command("复查", "recheck"))
rectify.command("lookback", help="回头看（复查通过后）：--pass 销号，--fail 问题反弹、重新整改。"
                "\n\n\b\n示例：docket rectify lookback 1 --fail --note 问题反弹")(
    _check_command("回头看", "lookback"))


@rectify.command("accountability")
@click.argument("number", type=Integer("编号"))
@click.option("--reason", required=True, help="问责理由。")
@ON
@ROUND
@click.pass_obj
def accountability(rt, number, reason, on, round_name):
    """记录问责（任何状态均可），日期和理由。

    \b
    示例：docket rectify accountability 1 --reason 复查未通过，整改不力
    """
    from docket.core import rectify as core

    with opened(rt.db_path) as conn:
        o = core.accountability(conn, number, reason=reason, on=day(on, "--on"), round_name=round_name,
                                actor=rt.actor, today=rt.today)
    say(cm.RECTIFY_ACCOUNTED.format(number=number, on=o.detail["on"]))


@rectify.command("list")
@click.option("--as-of", "as_of", default=None, help="按某一天计算进度和预警（默认今天）。")
@ROUND
@json_option
@click.pass_obj
def list_(rt, as_of, round_name, json_):
    """整改台账：每个问题的责任单位、时限、进度与计划进度、预警颜色和状态。

    \b
    示例：docket rectify list
          docket rectify list --as-of 2026-06-30 --json
    """
    from docket.core import rectify as core

    when = day(as_of, "--as-of", rt.today)
    with opened(rt.db_path) as conn:
        rows = core.ledger(conn, as_of=when, round_name=round_name)
        rnd = core.round_of(conn, round_name)["name"]
    if json_:
        dump_json([r.as_json() for r in rows])
        return
    if not rows:
        say(cm.RECTIFY_NOTHING.format(round=rnd))
        return
    shown = []
    for r in rows:
        d = r.as_json()
        d["source"] = r.source
        d["progress_text"] = "—" if r.progress is None else f"{r.progress}%" + (
            f"（{core.msg.PROGRESS_LATE}）" if r.late_report else "")
        d["planned_text"] = "—" if d["planned"] is None else f"{d['planned']:g}%"
        d["color_label"] = COLOR_LABELS.get(r.color, "")  # readable without a colour terminal, as `list`
        d["state_text"] = r.state_label
        d["accountability_text"] = "问责" if r.accountability_on else ""
        shown.append(d)
    emit(shown, LEDGER_COLUMNS, title=rnd, styles=lambda r: ROW_STYLES.get(r["color"]))


@rectify.command("export")
@click.argument("path", type=OutPath("文件"))
@click.option("--as-of", "as_of", default=None, help="台账日期（默认今天）。")
@ROUND
@click.pass_obj
def export(rt, path, as_of, round_name):
    """导出整改台账（.xlsx：问题来源、问题、整改措施、责任单位、时限、进度、状态、复查结果、销号日期）。

    \b
    示例：docket rectify export 整改台账.xlsx
    """
    from pathlib import Path

    from docket.core import rectify_docs

    when = day(as_of, "--as-of", rt.today)
    with opened(rt.db_path) as conn:
        out, n = rectify_docs.export_ledger(conn, Path(path), as_of=when, round_name=round_name)
    click.echo(str(out))
    if on_terminal():
        say(cm.RECTIFY_EXPORTED.format(n=n, path=out))


@rectify.command("circular")
@click.option("--out", type=OutPath(), default=None, help="输出文件（.docx，默认当前目录下 整改情况通报-….docx）。")
@click.option("--as-of", "as_of", default=None, help="通报截至日期（默认今天）。")
@ROUND
@click.pass_obj
def circular(rt, out, as_of, round_name):
    """生成（月度）整改情况通报（文件格式，占用发文字号）。

    \b
    示例：docket rectify circular --out 整改情况通报.docx
    """
    from pathlib import Path

    from docket.core import rectify_docs
    from docket.core.score_files import docx_out
    from docket.docgen import issue

    when = day(as_of, "--as-of", rt.today)
    target = docx_out(out)
    folder, names = issue.output_file(target) if target is not None else (issue.output_folder(Path.cwd()), None)
    with opened(rt.db_path) as conn:
        done = issue.issue(conn, lambda: rectify_docs.circular_batch(conn, as_of=when, round_name=round_name),
                           folder, actor=rt.actor, today=rt.today, names=names)
    click.echo(str(done.paths[0]))
    if on_terminal():
        say(cm.RECTIFY_ISSUED.format(doc_no=done.doc_no, path=done.paths[0]))
