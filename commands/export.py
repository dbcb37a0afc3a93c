"""export: the whole ledger, one row per item, to xlsx or csv (--masked for the public copy)."""
from __future__ import annotations

from pathlib import Path

import click

from docket.commands.output import on_terminal, say
from docket.commands.params import OutPath
from docket.store.db import opened


@click.command()
@click.argument("file", type=OutPath("FILE"))
@click.option("--masked", is_flag=True, help="公开版：隐去个人信息（姓名只留姓，电话部分隐去，不含地址、内容、评价意见）。")
@click.option("--public", "public", is_flag=True,
              help="答复公开：只导出审核通过且公开的主办答复（编号、标题、主办单位、类别、文号、摘要、日期），已脱敏。")
@click.pass_obj
def export(rt, file, masked, public):
    """导出全部台账（xlsx 或 csv），每件一行，含各环节日期、承办单位、类别、满意度、颜色。

    以 = + - @ 开头的单元格按文本写入，表格软件不会当作公式执行。

    \b
    示例：docket export 台账.xlsx
          docket export 公开台账.csv --masked
          docket export 答复公开.xlsx --public
    """
    if public:
        from docket.core.disclosure import export_public

        with opened(rt.db_path) as conn:
            path, count = export_public(conn, Path(file), on=rt.today, session=rt.session)
        click.echo(str(path))
        if on_terminal():
            say(f"已导出公开答复{count}件。")
        return
    from docket.core.export import export_ledger

    with opened(rt.db_path) as conn:
        path, count = export_ledger(conn, Path(file), as_of=rt.today, masked=masked, session=rt.session)
    click.echo(str(path))
    if on_terminal():
        say(f"已导出{count}件{'（公开版）' if masked else ''}。")
