"""config list|get|set: the settings (deadlines, colours, categories, letterheads)."""
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
