"""backup, restore: a consistent copy of the database while others use it, and putting one back."""
from __future__ import annotations

import click

from docket.commands.output import say
from docket.commands.params import OutPath
from docket.store.db import opened


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
