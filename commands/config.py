"""config list|get|set, audit verify, backup, restore."""
from __future__ import annotations

import click

from docket.commands.output import dump_json, emit, json_option, say
from docket.commands.params import DASH_VALUES, OutPath
from docket.store.db import opened


@click.group()
def config():
    """设置：期限、颜色、类别、版头等（修改前会校验，错误的值不会保存）。

    \b
    示例：docket config set deadline.reply "3个月"
    """


@config.command("list")
@json_option
@click.pass_obj
def list_(rt, json_):
    """列出全部设置及其当前值。

    \b
    示例：docket config list --json
    """
    from docket.core.settings import SPECS, all_values

    with opened(rt.db_path) as conn:
        values = all_values(conn)
    if json_:
        dump_json(values)
        return
    rows = [{"key": k, "value": v, "help": SPECS[k].help} for k, v in values.items()]
    emit(rows, [("key", "设置项"), ("value", "取值"), ("help", "说明")])


@config.command("get")
@click.argument("key")
@click.pass_obj
def get(rt, key):
    """显示一个设置的值。

    \b
    示例：docket config get deadline.reply
    """
    from docket.core.settings import raw

    with opened(rt.db_path) as conn:
        click.echo(raw(conn, key))


@config.command("set", context_settings=DASH_VALUES)
@click.argument("key")
@click.argument("value", type=click.UNPROCESSED)
@click.pass_obj
def set_(rt, key, value):
    """修改一个设置（校验通过才保存，并记入历史）。

    \b
    示例：docket config set colors.yellow "5个工作日"
    """
    from docket.core.settings import set_value

    with opened(rt.db_path) as conn:
        stored = set_value(conn, key, value, actor=rt.actor, today=rt.today)
    say(f"{key} = {stored}")


@click.group()
def audit():
    """审计：检查操作记录是否被改动或删除。

    \b
    示例：docket audit verify
    """


@audit.command("verify")
@click.option("--expect", metavar="条数:哈希",
              help="备份时显示的记录头；核对数据库的操作记录仍包含这一条（发现删除后重写）。")
@json_option
@click.pass_obj
def verify(rt, expect, json_):
    """逐条核对操作记录的哈希链、数据库旁的记录头文件，以及各件、交办（单位、期限）、答复、评价与记录是否一致；
    有记录被改动或删除时退出码为 1；无误时显示记录头（条数:哈希），可另行记下，日后用 --expect 核对。

    \b
    示例：docket audit verify --expect 1234:9f86d081884c7d65
    """
    from docket.core import audit as core_audit
    from docket.core.errors import DocketError

    wanted = core_audit.parse_expect(expect) if expect else None
    with opened(rt.db_path) as conn:
        n, bad = core_audit.verify(conn, rt.db_path, wanted)
        head = None if bad else core_audit.head_text(conn)
    if json_:
        dump_json({"events": n, "ok": bad is None, "first_bad": bad, "head": head})
    if bad:
        raise DocketError(core_audit.describe(bad) + "。请用备份核对")
    if not json_:
        say(f"操作记录完整：共 {n} 条，哈希链无误。")
        if head:
            say(f"记录头：{head}（可另行记下，日后用 docket audit verify --expect 核对）")


@click.command()
@click.argument("file", type=OutPath("FILE"))
@click.pass_obj
def backup(rt, file):
    """在线备份数据库（一致的副本，可在他人使用时进行）。

    \b
    示例：docket backup /备份/docket-2026-11-28.db
    """
    from docket.core.backup import backup as do_backup

    with opened(rt.db_path) as conn:
        n, head = do_backup(conn, file)
    say(f"已备份到 {file}（{n} 件）。")
    if head:  # kept off the machine, it lets `audit verify --expect` catch a rewritten chain
        say(f"记录头：{head[0]}:{head[1]}（请另行记下，核对时用 docket audit verify --expect）")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.pass_obj
def restore(rt, file):
    """从备份恢复：先检查备份，再保留被替换的数据库（.replaced-日期 文件）。

    \b
    示例：docket restore /备份/docket-2026-11-28.db
    """
    from docket.core.backup import restore as do_restore

    kept = do_restore(rt.db_path, file, actor=rt.actor, today=rt.today)
    say(f"已从 {file} 恢复；原数据库保留为 {kept}。" if kept else f"已从 {file} 恢复。")
