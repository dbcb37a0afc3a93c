"""add, import (summary sheets; --replies: the units' returned 反馈表), review."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from docket.commands.output import dry_run_option, dump_json, json_option, say, warn_all
from docket.commands.params import Positive, day, read_text_file
from docket.store.db import opened


@click.command()
@click.option("--title", required=True, help="标题（案由）。")
@click.option("--proposer", required=True, help="领衔代表 / 第一提案人。")
@click.option("--co", multiple=True, help="附议（联名）人，可重复，或用顿号分隔。")
@click.option("--kind", default=None, help="suggestion（建议）| motion（议案）| proposal（提案）。")
@click.option("--category", default=None, help="类别，例如 教科文卫。")
@click.option("--received", default=None, help="提出日期（默认今天）。")
@click.option("--content", default=None, help="内容正文。")
@click.option("--content-file", default=None, help="从文件读取正文（UTF-8 或 GBK 编码的文本文件）。")
@click.option("--key", is_flag=True, help="重点建议（提案）。")
@click.option("--fast", is_flag=True, help="小微急件（缩短办理期限）。")
@click.pass_obj
def add(rt, title, proposer, co, kind, category, received, content, content_file, key, fast):
    """登记一件建议、议案或提案，输出其编号。

    \b
    示例：docket add --title 关于增设城区公交线路的建议 --proposer 张三 --co 李四、王五 --category 城建环资
    """
    from docket.core.intake import NewItem, add as add_item
    from docket.core.sheets.values import split_values  # as the importer splits a cell

    co_list = tuple(name for c in co for name in split_values(c))
    new = NewItem(title=title, proposer=proposer, co_proposers=co_list, kind=kind, category=category,
                  content=read_text_file(content_file, "--content-file") if content_file else content,
                  received_on=day(received, "提出日期"), key=key, fast=fast)
    with opened(rt.db_path) as conn:
        done = add_item(conn, new, actor=rt.actor, today=rt.today, session=rt.session)
        warn_all(done.warnings)
        click.echo(done.number)
        from docket.commands.similar import say_intake
        say_intake(conn, [done.number], session=rt.session)


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(dir_okay=False))
@click.option("--sheet", default=None, help="工作表名称（默认自动找到含表头的工作表）。")
@click.option("--create-units", is_flag=True, help="表中出现的未知单位自动新增。")
@click.option("--assigned-on", default=None, help="写明主办单位的行按此日期交办。")
@click.option("--allow-duplicates", is_flag=True, help="允许标题和领衔人相同的重复件。")
@dry_run_option
@click.option("--replies", is_flag=True,
              help="导入单位交回的办理情况反馈表（docket packet 生成），可一次给多个文件。")
@click.option("--unit", default=None, help="交回反馈表的单位（与 --replies 同用；写明时核对是否为该单位的表）。")
@json_option
@click.pass_obj
def import_(rt, files, sheet, create_units, assigned_on, allow_duplicates, dry_run, replies, unit, json_):
    """从 xlsx/csv 汇总表导入建议（提案），或用 --replies 导入单位交回的办理情况反馈表。

    汇总表全部成功或一行也不导入。表头可用常见写法（建议编号、标题/案由、领衔代表/提案人、附议代表、类别、主办单位、协办单位、提出日期……），表头上方的合并标题行、空行、备注行会自动跳过。

    反馈表（--replies）每个文件全部导入或一行也不导入：核对表中隐藏的单位和反馈表编号（别的单位的表、旧的反馈表不导入），逐行检查类别、日期、延期期限、公式和控制字符，有问题的行逐一列出（第N行）；未填写的行跳过。

    主办答复在设置 reply.review 开启时待审核（docket reply review），协办意见直接登记，延期申请待批（docket extend N --approve|--refuse）。

    \b
    示例：docket import 十八届五次会议建议汇总.xlsx --assigned-on 2026-03-20 --dry-run
          docket import --replies 办理情况反馈表-县水利局-2026-03-20.xlsx
    """
    if replies:
        summary_only = {"--sheet": sheet, "--create-units": create_units, "--assigned-on": assigned_on,
                        "--allow-duplicates": allow_duplicates, "--dry-run": dry_run}
        if any(summary_only.values()):
            raise click.UsageError(f"{'、'.join(k for k, v in summary_only.items() if v)} 只用于导入汇总表，不能与 --replies 同用")
        _import_replies(rt, files, unit, json_)
        return
    if unit or json_:
        raise click.UsageError(f"{'--unit' if unit else '--json'} 只用于 --replies（导入反馈表）")
    if len(files) > 1:
        raise click.UsageError("一次导入一个汇总表（导入多个反馈表请加 --replies）")
    file = files[0]
    from docket.core.intake import import_file

    on = day(assigned_on, "--assigned-on")
    with opened(rt.db_path) as conn:
        done = import_file(conn, file, sheet=sheet, create_units=create_units, assigned_on=on,
                           allow_duplicates=allow_duplicates, dry_run=dry_run, actor=rt.actor,
                           today=rt.today, session=rt.session)
    warn_all(done.warnings)
    if done.ignored_headers:
        say(f"已忽略不认识的列：{'、'.join(done.ignored_headers)}")
    if done.created_units:
        say(f"新增单位 {len(done.created_units)} 个：{'、'.join(done.created_units)}")
    span = f"第{min(done.numbers)}–{max(done.numbers)}号" if done.numbers else "无"
    verb = "可导入" if dry_run else "已导入"
    say(f"{'（演练，未写入）' if dry_run else ''}{verb} {len(done.numbers)} 件（{span}），其中交办 {done.assigned} 件。")
    for n in done.numbers:
        click.echo(n)
    if done.numbers and not dry_run:
        from docket.commands.similar import say_intake
        with opened(rt.db_path) as conn:
            say_intake(conn, done.numbers, session=rt.session, file=Path(file).name)


def _import_replies(rt, files, unit, json_) -> None:
    """`import --replies`: each file stored all-or-nothing; a refused file is named and the others go on."""
    from docket.commands.messages import ERROR_LINE, error_text
    from docket.core.errors import DocketError
    from docket.core.reply_import import import_replies

    failed = 0
    results = []
    with opened(rt.db_path) as conn:
        for f in files:
            try:
                done = import_replies(conn, f, unit=unit, actor=rt.actor, today=rt.today)
            except DocketError as e:
                failed += 1
                click.echo(ERROR_LINE.format(message=error_text(e)), err=True)
                continue
            warn_all(done.warnings)
            results.append(done)
            if not json_:
                say(_replies_summary(done))
    if json_:
        dump_json([{"file": d.file, "unit": d.unit, "packet": d.serial, "pending": d.pending,
                    "recorded": d.recorded, "opinions": d.opinions, "extensions": d.extensions,
                    "contacts": d.contacts, "unchanged": d.unchanged} for d in results])
    if failed:
        sys.exit(1)


def _replies_summary(d) -> str:
    parts = [(d.pending, "答复待审核"), (d.recorded, "答复已登记"), (d.opinions, "协办意见"),
             (d.extensions, "延期申请待批"), (d.contacts, "沟通记录"), (d.unchanged, "已登记过（未变）")]
    said = "；".join(f"{label} {len(ns)} 件（{'、'.join(f'第{n}号' for n in ns)}）" for ns, label in parts if ns)
    return f"{d.file}（{d.unit}，第{d.serial}号反馈表）：{said or '没有填写内容，未登记'}"


@click.command()
@click.argument("number", type=int)
@click.option("--accept", "action", flag_value="accept", help="立案。")
@click.option("--merge-into", type=Positive("--merge-into"), default=None, help="并入第 M 号（并案）。")
@click.option("--convert", "action", flag_value="convert", help="不予立案，转来信（意见建议）。")
@click.option("--withdraw", "action", flag_value="withdraw", help="撤案。")
@click.option("--as", "as_kind", default=None, help="议案转为建议处理：--as suggestion。")
@click.option("--reason", default=None, help="理由（转来信、撤案必填）。")
@click.pass_obj
def review(rt, number, action, merge_into, as_kind, reason):
    """审查：立案、并案、转来信、撤案，或议案转为建议。

    \b
    示例：docket review 12 --accept
          docket review 15 --merge-into 12
          docket review 20 --convert --reason 涉及具体司法案件
    """
    from docket.core.intake import review as do_review

    chosen = [a for a in (action, "merge" if merge_into is not None else None,
                          "as_kind" if as_kind else None) if a]
    if len(chosen) != 1:
        raise click.UsageError("请只选一项：--accept、--merge-into M、--convert、--withdraw 或 --as KIND")
    with opened(rt.db_path) as conn:
        done = do_review(conn, number, action=chosen[0], actor=rt.actor, today=rt.today, reason=reason,
                         merge_into=merge_into, as_kind=as_kind, session=rt.session)
    from docket.core.records import state_label
    say(f"第{number}号：{state_label(done['state'], done['kind'])}")
