"""add, import, review."""
from __future__ import annotations

from pathlib import Path

import click

from docket.commands.output import dry_run_option, say, warn_all
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
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", default=None, help="工作表名称（默认自动找到含表头的工作表）。")
@click.option("--create-units", is_flag=True, help="表中出现的未知单位自动新增。")
@click.option("--assigned-on", default=None, help="写明主办单位的行按此日期交办。")
@click.option("--allow-duplicates", is_flag=True, help="允许标题和领衔人相同的重复件。")
@dry_run_option
@click.pass_obj
def import_(rt, file, sheet, create_units, assigned_on, allow_duplicates, dry_run):
    """从 xlsx/csv 汇总表导入建议（提案）：全部成功或一行也不导入。

    表头可用常见写法（建议编号、标题/案由、领衔代表/提案人、附议代表、类别、主办单位、协办单位、
    提出日期……），表头上方的合并标题行、空行、备注行会自动跳过。

    \b
    示例：docket import 十八届五次会议建议汇总.xlsx --assigned-on 2026-03-20 --dry-run
    """
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
    say(f"第{number}号：{state_label(done['state'])}")
