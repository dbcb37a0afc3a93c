"""list, show, history."""
from __future__ import annotations

import itertools

import click

from docket.commands.output import (
    dump_json,
    dump_json_rows,
    echo,
    emit_rows,
    json_option,
)
from docket.commands.params import Positive, day
from docket.core.records import (  # 白/黄/红, said once in core
    COLOR_LABELS,
    field_label,
)
from docket.store.db import opened

# the proposer and lead unit columns are named for the session's kind (list_columns)
LIST_COLUMNS = [("number", "编号"), ("title", "标题"), ("proposer", None), ("lead_unit", None),
                ("state_label", "状态"), ("due_on", "期限"), ("days_left", "剩余"), ("color_label", "颜色")]


def list_columns(kind: str | None) -> list[tuple[str, str]]:
    """`list`'s columns for items of `kind`: 领衔人 or 问题来源 / 牵头单位 (core.records.proposer_label),
    主办单位 or 责任单位 (field_label)."""
    return [(k, field_label(k, kind) if h is None else h) for k, h in LIST_COLUMNS]
ROW_STYLES = {"yellow": "yellow", "red": "bold red"}


@click.command("list")
@click.option("--state", default=None, help="按状态筛选，如 assigned、replied。")
@click.option("--unit", default=None, help="按承办单位（主办或协办）筛选；可用全称、简称或拼音首字母（如 jyj）。")
@click.option("--color", type=click.Choice(["white", "yellow", "red"]), default=None, help="按颜色筛选。")
@click.option("--overdue", is_flag=True, help="只看逾期件（同 --color red）。")
@click.option("--key", is_flag=True, help="只看重点件。")
@click.option("--search", default=None,
              help="在标题、正文、领衔人和联名人、承办单位（含拼音首字母）中查找；多个词用空格分开，须同时出现；也可输入编号。")
@click.option("--sort", type=click.Choice(["due", "number", "rank"]), default=None,
              help="排序：number 按编号，due 按期限（最早到期在前），rank 按相关度（有 --search 时默认）。")
@click.option("--limit", type=Positive("--limit"), default=None, help="最多显示多少件。")
@click.option("--as-of", "as_of", default=None, help="按某一天计算颜色（默认今天）。")
@json_option
@click.pass_obj
def list_(rt, state, unit, color, overdue, key, search, sort, limit, as_of, json_):
    """列出本届的件，含主办单位、期限、剩余工作日和颜色。

    \b
    示例：docket list --color red --sort due
          docket list --unit 县教育局 --json
    """
    from docket.core.queue import FIRST_PAGES, iter_items, iter_json
    from docket.core.queue_filter import QueueFilter

    when = day(as_of, "--as-of", rt.today)
    sort = sort or ("rank" if search and search.strip() else "number")
    wanted = QueueFilter(text=search or "", state=state, unit=unit, color=color, overdue=overdue,
                         key=key, sort=sort)  # the TUI's filter bar builds the same
    with opened(rt.db_path) as conn:
        if json_:  # written row by row as read (each row's text built by SQLite)
            rows = iter_json(conn, as_of=when, session=rt.session, filter=wanted, limit=limit)
            try:
                dump_json_rows(rows)
            finally:  # a reader gone early: the generator ends while its connection is open
                rows.close()
            return
        found = _labelled(iter_items(conn, as_of=when, session=rt.session, filter=wanted, limit=limit))
        # a session holds one family of kinds: its first row names the proposer column
        first = next(found, None)
        columns = list_columns(first["kind"] if first else None)
        # in a pipe, written a page at a time as read (`docket list | head` prints at once), the
        # pages core reads on their own first
        emit_rows(itertools.chain([first] if first else [], found), columns,
                  styles=lambda r: ROW_STYLES.get(r["color"] or ""), pages=FIRST_PAGES)


def _labelled(rows):
    for r in rows:
        r["color_label"] = COLOR_LABELS.get(r["color"] or "")
        yield r


@click.command()
@click.argument("number", type=int)
@click.option("--as-of", "as_of", default=None, help="按某一天计算颜色（默认今天）。")
@json_option
@click.pass_obj
def show(rt, number, as_of, json_):
    """显示一件的全部情况：内容、交办、答复、评价、催办和历史。

    \b
    示例：docket show 12
    """
    from docket.commands.render import show_text
    from docket.core.queue import show_item

    with opened(rt.db_path) as conn:
        data = show_item(conn, number, as_of=day(as_of, "--as-of", rt.today), session=rt.session)
    if json_:
        dump_json(data)
    else:
        echo(show_text(data))


@click.command()
@click.argument("number", type=int, required=False)
@click.option("--limit", type=Positive("--limit"), default=50, show_default=True,
              help="不指定编号时显示最近多少条。")
@json_option
@click.pass_obj
def history(rt, number, limit, json_):
    """操作历史（谁、何时、做了什么，修改前后）。

    \b
    示例：docket history 12
    """
    from docket.commands.render import event_line
    from docket.core.queue import history as load

    with opened(rt.db_path) as conn:
        rows = load(conn, number, session=rt.session, limit=limit)
    if json_:
        dump_json(rows)
        return
    for e in rows:
        echo(event_line(e))
