"""init, demo, tui."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from docket.commands.output import say


@click.command()
@click.option("--body", type=click.Choice(["npc", "cppcc"]), default="npc", show_default=True,
              help="npc = 人大（代表建议、议案），cppcc = 政协（提案）。")
@click.option("--org", default=None, help="机关名称，用于版头和落款，例如 青禾县人大常委会办公室。")
@click.option("--short", "org_short", default=None, help="机关简称，例如 青禾人大办。")
@click.option("--prefix", default=None, help="发文字号前缀，例如 青禾人大办。")
@click.option("--session", "session_name", default=None, help="届次名称，例如 县第十八届人民代表大会第五次会议。")
@click.pass_obj
def init(rt, body, org, org_short, prefix, session_name):
    """新建数据库（含第一个届次和版头设置）。已有数据的数据库不会被改动。

    \b
    示例：docket --db 青禾.db init --body npc --org 青禾县人大常委会办公室
    """
    from docket.core.intake import init_db

    sess = init_db(rt.db_path, body=body, org=org, session=session_name or rt.session,
                   org_short=org_short, prefix=prefix, actor=rt.actor, today=rt.today)
    say(f"已创建数据库 {rt.db_path}（届次：{sess['name']}）。")
    say("下一步：docket unit add 县教育局 --short 教育局    或    docket import 建议汇总表.xlsx")


@click.command()
@click.option("--items", "n_items", default=360, show_default=True, help="演示件数。")
@click.option("--seed", default=2026, show_default=True, help="随机种子（同一种子生成同样的数据）。")
@click.option("--no-tui", is_flag=True, help="只生成演示库，不打开界面。")
@click.pass_context
def demo(ctx, n_items, seed, no_tui):
    """生成演示库（虚构的青禾县，日期相对今天），在终端中随后打开界面。

    演示库默认在用户数据目录下的 demo.db（或 --db 指定的文件）；再次运行会重建它，
    不会碰其他数据库。

    \b
    示例：docket demo
          docket --db /tmp/demo.db demo --no-tui
    """
    import os

    from docket.core.runtime import demo_db
    from docket.fixtures.demo import build_demo

    rt = ctx.obj
    explicit = ctx.parent.params.get("db") or os.environ.get("DOCKET_DB")
    path = Path(ctx.parent.params["db"]) if ctx.parent.params.get("db") else demo_db()
    _ = explicit
    summary = build_demo(path, n_items=n_items, seed=seed, today=rt.today, actor=rt.actor)
    if sys.stdout.isatty() and sys.stdin.isatty() and not no_tui:
        from docket.core.runtime import Runtime
        _open_tui(Runtime(path, rt.actor, rt.today, rt.session))
        return
    click.echo(summary.text(path))


@click.command()
@click.pass_obj
def tui(rt):
    """打开交互界面（键盘操作的办理队列）。

    \b
    示例：docket tui
    """
    _open_tui(rt)


def _open_tui(rt) -> None:
    from docket.store.db import opened

    with opened(rt.db_path):
        pass  # a missing database gets the usual message, before the screen is taken over
    from docket.tui.source import DbSource  # no Textual here: the read starts before its import

    source = DbSource(rt).prefetch()
    from docket.tui.app import run

    run(rt, source=source)
