"""packet: the 办理情况反馈表 each unit fills and sends back (issue 18, contract §3).

Paths of the written files go to stdout, one per line; sentences go to stderr."""
from __future__ import annotations

import click

from docket.commands.output import say
from docket.commands.params import OutPath
from docket.store.db import opened


@click.command()
@click.option("--unit", "units", multiple=True, help="只给这些单位生成（全称或简称，可重复）；默认全部有待办件的单位。")
@click.option("--out", type=OutPath(), default=None, help="输出目录（默认当前目录，不存在时创建）。")
@click.option("--letter", is_flag=True, help="每份反馈表另附一份函（docx，版头和函的发文字号同督办函）。")
@click.pass_obj
def packet(rt, units, out, letter):
    """办理情况反馈表：每个承办单位一份 xlsx，列出其尚未答复的件，由单位填写后交回。

    编号、标题、角色、办理期限等列锁定；单位填写答复日期、类别（下拉选择）、答复文号、摘要、
    联系人、联系电话、沟通方式、沟通日期、申请延期至、延期理由，协办件填协办意见和会签。
    表内隐藏有单位和反馈表编号，交回后用 docket import --replies 导入时核对。

    --letter 另为每个单位生成一份送达反馈表的函（占用函的发文字号，与其他函同一序列）。

    \b
    示例：docket packet --out 反馈表/
          docket packet --unit 县水利局 --unit 卫健局
          docket packet --letter --out 反馈表/
    """
    from docket.core import messages as msg
    from docket.core.packets import issue
    from docket.docgen.issue import output_folder

    folder = output_folder(out)
    with opened(rt.db_path) as conn:
        done = issue(conn, folder, units=units, actor=rt.actor, today=rt.today, session=rt.session)
        from docket.core.units import Directory

        named = Directory.load(conn) if units else None
        letters = []
        if letter and done:
            from docket.core.packets import letter_batch
            from docket.docgen import issue as issuing

            letters = issuing.issue(conn, lambda: letter_batch(conn, done, today=rt.today, session=rt.session),
                                    folder, actor=rt.actor, today=rt.today).paths
    sent = {p.unit.id for p in done}
    for u in dict.fromkeys(named.resolve(x) for x in units) if named else ():
        if u.id not in sent:
            say(msg.PACKET_UNIT_NONE.format(unit=u.name))
    if not done:
        say(msg.PACKET_NONE)
        return
    for p in done:
        click.echo(str(p.path))
    for path in letters:
        click.echo(str(path))
    serials = f"{done[0].serial}–{done[-1].serial}" if len(done) > 1 else f"{done[0].serial}"
    say(f"已生成办理情况反馈表{len(done)}份（第{serials}号），共{sum(len(p.rows) for p in done)}件次。")
    if letters:
        say(f"已生成送达反馈表的函{len(letters)}份。")
