"""unit add | list | import."""
from __future__ import annotations

import click

from docket.commands.output import dry_run_option, echo, emit, json_option, say
from docket.store.db import opened

COLUMNS = [("name", "单位名称"), ("short", "简称"), ("contact", "联系人"), ("phone", "联系电话")]


@click.group()
def unit():
    """承办单位：添加、列出、从表格导入。

    \b
    示例：docket unit add 县教育局 --short 教育局 --contact 王明 --phone 0839-6212345
    """


@unit.command("add")
@click.argument("name")
@click.option("--short", default=None, help="简称（交办时可用简称）。")
@click.option("--contact", default=None, help="联系人。")
@click.option("--phone", default=None, help="联系电话。")
@click.pass_obj
def add(rt, name, short, contact, phone):
    """添加一个承办单位。

    \b
    示例：docket unit add 县交通运输局 --short 交通局
    """
    from docket.core.units import add_unit

    with opened(rt.db_path) as conn:
        u = add_unit(conn, name, short=short, contact=contact, phone=phone, actor=rt.actor, today=rt.today)
    echo(u.name)


@unit.command("list")
@json_option
@click.pass_obj
def list_(rt, json_):
    """列出承办单位。

    \b
    示例：docket unit list --json
    """
    from docket.core.units import all_units

    with opened(rt.db_path) as conn:
        rows = [u.as_json() for u in all_units(conn)]
    emit(rows, COLUMNS, json_)


@unit.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", default=None, help="工作表名称（默认第一个）。")
@dry_run_option
@click.pass_obj
def import_(rt, file, sheet, dry_run):
    """从 xlsx/csv 导入承办单位（列：单位名称、简称、联系人、联系电话）；全部成功或全部不导入。

    \b
    示例：docket unit import 承办单位.xlsx
    """
    from docket.core.importer import read_units
    from docket.core.settings import import_limits
    from docket.core.units import import_units

    with opened(rt.db_path) as conn:
        rows = read_units(file, sheet, import_limits(conn))
        added, updated = import_units(conn, rows, actor=rt.actor, today=rt.today, dry_run=dry_run)
    prefix = "（演练，未写入）" if dry_run else ""
    say(f"{prefix}新增 {len(added)} 个单位，更新 {len(updated)} 个单位的联系信息。")
