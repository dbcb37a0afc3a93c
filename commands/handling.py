"""assign, return, extend, reply, evaluate, close."""
from __future__ import annotations

import click

from docket.commands.output import dry_run_option, dump_json, json_option, say, warn_all
from docket.commands.params import day, yes_no
from docket.store.db import opened


def _report(outcomes, json_: bool, line) -> None:
    for o in outcomes:
        warn_all(o.warnings)
    if json_:
        dump_json([{"number": o.number, "state": o.state, **o.detail} for o in outcomes])
        return
    for o in outcomes:
        click.echo(line(o))


@click.command()
@click.argument("numbers", nargs=-1, type=int)
@click.option("--lead", default=None, help="主办单位（全称或简称）。")
@click.option("--support", multiple=True, help="协办单位，可重复。")
@click.option("--on", "on", default=None, help="交办日期（默认今天）。")
@click.option("--due", default=None, help="指定答复期限（默认按规则计算）。")
@click.option("--plan", type=click.Path(dir_okay=False), default=None,
              help="交办方案表（xlsx/csv：编号、主办单位、协办单位）。")
@click.option("--suggest", is_flag=True, help="不交办，只列出可能的主办单位及理由（依据相似的往件和类别）。")
@dry_run_option
@json_option
@click.pass_obj
def assign(rt, numbers, lead, support, on, due, plan, suggest, dry_run, json_):
    """交办：确定主办、协办单位，按规则计算各自的办理期限。

    已交办的件再次交办（主办单位不变）即增加协办单位；更换主办单位需先退回。

    \b
    示例：docket assign 12 13 --lead 县教育局 --support 县财政局
          docket assign --plan 交办方案.xlsx --on 2026-03-20
    """
    from docket.core.assigning import assign as do_assign

    if suggest:
        return _suggest(rt, numbers, json_)
    when = day(on, "交办日期", rt.today)
    due_day = day(due, "期限")
    with opened(rt.db_path) as conn:
        if plan:
            from docket.core.assigning import assign_plan
            from docket.core.importer import read_plan
            from docket.core.settings import import_limits

            rows = read_plan(plan, limits=import_limits(conn))
            outcomes = assign_plan(conn, rows, on=when, due=due_day, actor=rt.actor,
                                   today=rt.today, session=rt.session, dry_run=dry_run)
        else:
            if not numbers or not lead:
                raise click.UsageError("请给出编号和 --lead 主办单位，或用 --plan 方案表")
            outcomes = do_assign(conn, list(numbers), lead=lead, support=tuple(support), on=when,
                                 due=due_day, actor=rt.actor, today=rt.today, session=rt.session,
                                 dry_run=dry_run)
    if dry_run:
        say("（演练，未写入）")

    def line(o) -> str:
        d = o.detail
        sup = "；".join(f"协办 {s['unit']} 期限 {s['due_on']}" + ("（暂定）" if s.get("provisional") else "")
                       for s in d.get("support", []))
        if "due_on" in d:
            return f"第{o.number}号  主办 {d['lead']}  期限 {d['due_on']}" + ("（暂定）" if d.get("provisional") else "") + (f"  {sup}" if sup else "")
        return f"第{o.number}号  增加{sup}"
    _report(outcomes, json_, line)


def _suggest(rt, numbers, json_: bool) -> None:
    """assign --suggest N ...: the likely lead units of each item, with the reasons."""
    from docket.commands.messages import SUGGEST_HEAD, SUGGEST_LINE, SUGGEST_NONE, SUGGEST_REASON
    from docket.core.routing import suggest

    if not numbers:
        raise click.UsageError("请给出编号：docket assign --suggest N")
    out = []
    with opened(rt.db_path) as conn:
        for n in numbers:
            item, found = suggest(conn, n, session=rt.session)
            out.append((n, item, found))
    if json_:
        dump_json([{"number": n, "title": item["title"], "suggestions": [s.as_json() for s in found]}
                   for n, item, found in out])
        return
    for n, item, found in out:
        if not found:
            say(SUGGEST_NONE.format(number=n))
            continue
        click.echo(SUGGEST_HEAD.format(number=n, title=item["title"]))
        for rank, s in enumerate(found, 1):
            click.echo(SUGGEST_LINE.format(rank=rank, unit=s.unit, weight=f"{s.weight:.2f}"))
            for reason in s.reasons:
                click.echo(SUGGEST_REASON.format(reason=reason))


@click.command("return")
@click.argument("number", type=int)
@click.option("--unit", required=True, help="提出异议的单位。")
@click.option("--reason", required=True, help="退回理由。")
@click.option("--on", "on", default=None, help="退回日期（默认今天）。")
@click.option("--force", is_flag=True, help="异议期已过仍退回。")
@click.pass_obj
def return_(rt, number, unit, reason, on, force):
    """退回（单位对交办有异议）：该单位不再承办；主办退回后该件回到待交办。

    \b
    示例：docket return 12 --unit 县教育局 --reason 职责不符，建议由县人社局主办
    """
    from docket.core.return_extend import return_assignment
    from docket.core.records import state_label

    with opened(rt.db_path) as conn:
        o = return_assignment(conn, number, unit=unit, reason=reason, on=day(on, "退回日期", rt.today),
                              force=force, actor=rt.actor, today=rt.today, session=rt.session)
    say(f"第{number}号：{o.detail['unit']}已退回，现为“{state_label(o.state, o.kind)}”。")


@click.command()
@click.argument("number", type=int)
@click.option("--unit", default=None, help="申请延期的单位（批复时，多个单位都有申请才须写明）。")
@click.option("--until", default=None, help="新的期限。")
@click.option("--by", "by_", default=None, help="延长多久，如 1个月、10个工作日。")
@click.option("--reason", default=None, help="延期理由；批复时为批复意见或不同意的理由。")
@click.option("--approve", "decision", flag_value="approve", help="批准单位在反馈表中的延期申请。")
@click.option("--refuse", "decision", flag_value="refuse", help="不同意单位在反馈表中的延期申请。")
@click.pass_obj
def extend(rt, number, unit, until, by_, reason, decision):
    """延期：推迟某单位的办理期限（不超过每轮最长期限 deadline.max），或批复单位申请的延期。

    单位在办理情况反馈表中申请的延期用 --approve 或 --refuse 批复：批准则按申请推迟期限。

    \b
    示例：docket extend 12 --unit 县教育局 --by 1个月 --reason 需等待省厅批复
          docket extend 12 --approve
          docket extend 12 --refuse --reason 不符合延期条件
    """
    from docket.core.durations import parse_duration
    from docket.core.return_extend import extend as do_extend

    if decision:
        if until or by_:
            raise click.UsageError("批复延期申请按单位申请的期限，不能再给 --until 或 --by")
        _decide_extension(rt, number, decision == "approve", unit, reason)
        return
    if not unit:
        raise click.UsageError("请用 --unit 指明申请延期的单位（批复反馈表中的申请请用 --approve 或 --refuse）")
    if not reason:
        raise click.UsageError("请用 --reason 写明延期理由")
    if bool(until) == bool(by_):
        raise click.UsageError("请给出 --until 日期 或 --by 时长（二选一）")
    with opened(rt.db_path) as conn:
        o = do_extend(conn, number, unit=unit, reason=reason, until=day(until, "--until"),
                      by=parse_duration(by_, field="--by") if by_ else None, actor=rt.actor,
                      today=rt.today, session=rt.session)
    warn_all(o.warnings)
    click.echo(o.detail["after"]["due_on"])


def _decide_extension(rt, number: int, approve: bool, unit, reason) -> None:
    """`extend N --approve|--refuse`: the decision on a unit's request from its 反馈表."""
    from docket.core.reply_review import decide_extension

    with opened(rt.db_path) as conn:
        o = decide_extension(conn, number, approve=approve, unit=unit, reason=reason,
                             actor=rt.actor, today=rt.today, session=rt.session)
    warn_all(o.warnings)
    if approve:
        click.echo(o.detail["after"]["due_on"])
        say(f"第{number}号：已批准{o.detail['unit']}延期至 {o.detail['until']}。")
    else:
        say(f"第{number}号：未同意{o.detail['unit']}的延期申请。")


@click.command()
@click.argument("number", type=int)
@click.option("--unit", default=None, help="答复的单位（主办答复或协办意见）。")
@click.option("--class", "class_", default=None, help="答复类别代码（主办必填），如 A。")
@click.option("--on", "on", default=None, help="答复日期（默认今天）。")
@click.option("--doc-no", default=None, help="答复文号。")
@click.option("--contact", default=None, help="联系人。")
@click.option("--phone", default=None, help="联系电话。")
@click.option("--summary", default=None, help="答复摘要。")
@click.option("--fix-class", default=None, help="更正最近一次答复的类别。")
@click.option("--reason", default=None, help="更正理由（--fix-class 时必填）。")
@click.option("--for-review", is_flag=True,
              help="主办答复登记为待审核，docket reply review N --accept 后才计入统计。")
@click.pass_obj
def reply(rt, number, unit, class_, on, doc_no, contact, phone, summary, fix_class, reason, for_review):
    """登记答复：主办单位的答复（须写类别）或协办单位的意见（不写类别）。

    办公室依据正式答复件录入的答复立即计入；加 --for-review 则待审核。

    单位在反馈表中报来的答复用 docket reply review N --accept|--return 审核。

    \b
    示例：docket reply 12 --unit 县教育局 --class A --doc-no 青教函〔2026〕15号
          docket reply 12 --unit 县财政局
          docket reply 12 --fix-class B --reason 经审核应为正在解决
          docket reply 12 --unit 县教育局 --class A --for-review
          docket reply review 12 --accept
    """
    from docket.core import replies

    if for_review and fix_class:
        raise click.UsageError("--fix-class 不能与 --for-review 同用")
    with opened(rt.db_path) as conn:
        if for_review:
            from docket.core.reply_review import submit

            if not unit:
                raise click.UsageError("请用 --unit 指明答复单位")
            o = submit(conn, number, unit=unit, on=day(on, "答复日期", rt.today), class_=class_, doc_no=doc_no,
                       contact=contact, phone=phone, summary=summary, actor=rt.actor, today=rt.today,
                       session=rt.session)
            say(f"第{number}号：已登记{o.detail['unit']}的答复（{o.detail['class']}类），待审核。")
            return
        if fix_class:
            o = replies.fix_class(conn, number, class_=fix_class, reason=reason, actor=rt.actor,
                                   today=rt.today, session=rt.session)
            say(f"第{number}号答复类别：{o.detail['before']['class']} → {fix_class}")
            return
        if not unit:
            raise click.UsageError("请用 --unit 指明答复单位")
        o = replies.reply(conn, number, unit=unit, on=day(on, "答复日期", rt.today), class_=class_,
                           doc_no=doc_no, contact=contact, phone=phone, summary=summary,
                           actor=rt.actor, today=rt.today, session=rt.session)
    warn_all(o.warnings)
    what = "协办意见" if o.detail["role"] == "support" else f"答复（{o.detail['class']}类）"
    say(f"第{number}号：已登记{o.detail['unit']}的{what}。")


@click.command()
@click.argument("number", type=int)
@click.option("--result", required=True, help="办理结果：满意|基本满意|不满意（或 satisfied|basic|dissatisfied）。")
@click.option("--attitude", default=None, help="办理态度，等次同上。")
@click.option("--on", "on", default=None, help="评价日期（默认今天）。")
@click.option("--rater", default=None, help="评价人（默认领衔人）。")
@click.option("--contacted", default=None, help="办理前是否与代表联系：yes|no。")
@click.option("--note", default=None, help="意见（不满意时请写明理由）。")
@click.pass_obj
def evaluate(rt, number, result, attitude, on, rater, contacted, note):
    """登记代表（委员）的评价；不满意且尚有轮次时进入重新办理，否则办结。

    \b
    示例：docket evaluate 12 --result 满意 --attitude 满意 --contacted yes
    """
    from docket.core.evaluation import evaluate as do_evaluate
    from docket.core.records import state_label

    with opened(rt.db_path) as conn:
        o = do_evaluate(conn, number, result=result, attitude=attitude, on=day(on, "评价日期", rt.today),
                        rater=rater, contacted=yes_no(contacted, "--contacted"), note=note,
                        actor=rt.actor, today=rt.today, session=rt.session)
    warn_all(o.warnings)
    say(f"第{number}号：评价“{o.detail['result_label']}”，现为“{state_label(o.state)}”。")


@click.command()
@click.argument("number", type=int)
@click.option("--reason", required=True, help="办结理由，如 逾期未反馈评价、已通过其他途径解决。")
@click.pass_obj
def close(rt, number, reason):
    """办结一件（结束其全部交办）。

    \b
    示例：docket close 12 --reason 逾期未反馈评价
    """
    from docket.core.evaluation import close as do_close

    with opened(rt.db_path) as conn:
        do_close(conn, number, reason=reason, actor=rt.actor, today=rt.today, session=rt.session)
    say(f"第{number}号：已办结。")
