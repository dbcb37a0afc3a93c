"""audit verify: the chain of events (and what the tables say) checked for changes and deletions."""
from __future__ import annotations

import click

from docket.commands.output import dump_json, json_option, say
from docket.store.db import opened


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
