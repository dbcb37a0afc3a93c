"""config list|get|set, audit verify, backup, restore."""
from __future__ import annotations

import click

from docket.commands.output import dump_json, emit, json_option, say
from docket.commands.params import DASH_VALUES
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
@json_option
@click.pass_obj
def verify(rt, json_):
    """逐条核对操作记录的哈希链；有记录被改动或删除时退出码为 1。

    \b
    示例：docket audit verify
    """
    from docket.core.errors import DocketError
    from docket.store.events import verify as check

    with opened(rt.db_path) as conn:
        n, bad = check(conn)
    if json_:
        dump_json({"events": n, "ok": bad is None, "first_bad": bad})
    if bad:
        if bad["problem"] == "truncated":
            raise DocketError(f"最新的操作记录被删除：记录链应到第 {bad['id']} 条，现只到第 {bad['last']} 条。"
                              "请用备份核对")
        what = "被改动" if bad["problem"] == "changed" else "之前有记录被删除"
        raise DocketError(f"操作记录第 {bad['id']} 条{what}（{bad['at']}，{bad['by']}，{bad['action']}）。"
                          "请用备份核对")
    if not json_:
        say(f"操作记录完整：共 {n} 条，哈希链无误。")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
def backup(rt, file):
    """在线备份数据库（一致的副本，可在他人使用时进行）。

    \b
    示例：docket backup /备份/docket-2026-11-28.db
    """
    from docket.core.backup import backup as do_backup

    with opened(rt.db_path) as conn:
        n = do_backup(conn, file)
    say(f"已备份到 {file}（{n} 件）。")


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
    say(f"已从 {file} 恢复；原数据库保留为 {kept}。")
