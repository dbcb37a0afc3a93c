"""project: livelihood projects voted by deputies (民生实事票决, domain.md §13; contract §3).

Parse, call one core function (core/projects.py), render. Ballots and tests are counts only.
"""
from __future__ import annotations

from pathlib import Path

import click

from docket.commands import messages as cm
from docket.commands.output import dump_json, echo, emit, say
from docket.commands.params import Integer, OutPath, Positive, day
from docket.store.db import opened

ROUND = click.option("--round", "round_name", default=None, help="票决名称（默认最新的一次）。")


def _num(x) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


@click.group()
def project():
    """民生实事项目票决：候选项目、代表票决、实施跟踪（节点、进度、颜色）、满意度测评和情况报告。

    \b
    示例：docket project new 2027年民生实事项目 --places 8
          docket project add 城区老旧小区改造 --unit 县住建局 --budget 1200
          docket project vote --members 100 --present 90 --valid 88 1=80/5/3 2=60/20/8
          docket --session 2027年民生实事项目 assign 1 --lead 县住建局 --due 2027-12-31
          docket project progress 1 40 --note 已完成主体施工
          docket project test --stage mid 1 --group 代表 --members 100 --present 90 \\
              --satisfied 60 --basic 20 --dissatisfied 5
          docket project report --out 民生实事项目情况报告.docx
    """


@project.command("new")
@click.argument("name")
@click.option("--places", type=Positive("--places"), required=True, help="名额（票决产生的项目数）。")
@click.pass_obj
def new(rt, name, places):
    """新建一次民生实事项目票决（一年一次，自有编号）。

    \b
    示例：docket project new 2027年民生实事项目 --places 8
    """
    from docket.core.projects import new_round

    with opened(rt.db_path) as conn:
        done = new_round(conn, name, places=places, actor=rt.actor, today=rt.today)
    say(cm.PROJECT_NEW_DONE.format(round=done["round"], places=done["places"]))


@project.command("add")
@click.argument("title")
@click.option("--unit", required=True, help="牵头单位（全称或简称）。")
@click.option("--budget", default=None, help="预算（万元）。")
@click.option("--content", default=None, help="项目内容。")
@ROUND
@click.pass_obj
def add(rt, title, unit, budget, content, round_name):
    """登记一个候选项目，输出其编号。

    \b
    示例：docket project add 城区老旧小区改造 --unit 县住建局 --budget 1200 --content 改造老旧小区12个
    """
    from docket.core.projects import add_candidate

    with opened(rt.db_path) as conn:
        done = add_candidate(conn, title, unit=unit, budget=budget, content=content, round_name=round_name,
                             actor=rt.actor, today=rt.today)
    echo(done["number"])
    say(cm.PROJECT_ADDED.format(number=done["number"], title=done["title"], unit=done["unit"]))


VOTE_COLUMNS = [("number", "编号"), ("title", "项目"), ("unit", "牵头单位"), ("yes", "赞成"), ("no", "反对"),
                ("abstain", "弃权"), ("rank", "名次"), ("result_label", "结果")]


@project.command("vote")
@click.option("--members", type=Integer("--members"), required=True, help="代表总数（应到）。")
@click.option("--present", type=Integer("--present"), required=True, help="出席人数。")
@click.option("--valid", type=Integer("--valid"), required=True, help="有效票数。")
@click.option("--on", "on", default=None, help="表决日期（默认今天）。")
@click.argument("entries", nargs=-1, required=True)
@ROUND
@click.option("--json", "json_", is_flag=True, help="输出 JSON。")
@click.pass_obj
def vote(rt, members, present, valid, on, entries, round_name, json_):
    """录入票决结果并决定入选项目：每个待表决项目写作 编号=赞成/反对/弃权。

    赞成票超过 project.threshold × 基数（project.base：all 全体代表、present 出席、valid 有效票）
    的项目按赞成票排序进入名额；末位同票按 project.tie（revote 待再次表决，order 按候选顺序）。
    选票有误（某项合计超过有效票，有效票超过出席，出席超过总数）时什么也不保存。

    \b
    示例：docket project vote --members 100 --present 90 --valid 88 1=80/5/3 2=60/20/8 3=46/30/12
    """
    from docket.core.projects import vote as vote_

    with opened(rt.db_path) as conn:
        res = vote_(conn, members=members, present=present, valid=valid, entries=list(entries),
                    round_name=round_name, on=day(on, "--on"), actor=rt.actor, today=rt.today)
    if json_:
        dump_json(res)
        return
    emit(res["candidates"], VOTE_COLUMNS)
    adopted = sum(c["result"] == "adopted" for c in res["candidates"])
    revote = [str(c["number"]) for c in res["candidates"] if c["result"] == "revote"]
    line = cm.PROJECT_VOTE_LINE.format(need=_num(res["threshold_votes"]), places=res["places"], adopted=adopted)
    if revote:
        line += cm.PROJECT_VOTE_TIE.format(numbers="、".join(revote))
    say(line)


@project.command("milestone")
@click.argument("number", type=Positive("编号"))
@click.argument("on")
@click.argument("text")
@click.option("--percent", default=None, help="到该节点应完成的百分比（默认各节点均分）。")
@ROUND
@click.pass_obj
def milestone(rt, number, on, text, percent, round_name):
    """为已交办的项目设置节点（日期和内容）；计划进度在节点之间按日线性推进。

    \b
    示例：docket project milestone 1 2027-06-30 完成主体施工 --percent 60
    """
    from docket.core.projects import add_milestone

    with opened(rt.db_path) as conn:
        done = add_milestone(conn, number, day(on, "节点日期"), text, percent=percent, round_name=round_name,
                             actor=rt.actor, today=rt.today)
    say(cm.PROJECT_MILESTONE_DONE.format(number=number, on=done["on"], text=done["text"]))


@project.command("progress")
@click.argument("number", type=Positive("编号"))
@click.argument("percent")
@click.option("--note", default=None, help="说明（进度回退时必填）。")
@click.option("--on", "on", default=None, help="报送日期（默认今天）。")
@ROUND
@click.pass_obj
def progress(rt, number, percent, note, on, round_name):
    """报送项目进度（0–100%，每月一督查）。

    \b
    示例：docket project progress 1 40 --note 已完成主体施工
    """
    from docket.core.projects import record_progress

    with opened(rt.db_path) as conn:
        done = record_progress(conn, number, percent, note=note, on=day(on, "--on"), round_name=round_name,
                               actor=rt.actor, today=rt.today)
    say(cm.PROJECT_PROGRESS_DONE.format(number=number, on=done["on"], percent=done["percent"]))


@project.command("test")
@click.option("--stage", type=click.Choice(["mid", "final"]), required=True, help="mid 年中，final 年终。")
@click.argument("number", type=Positive("编号"))
@click.option("--group", "group_name", default="代表", show_default=True, help="测评组。")
@click.option("--members", type=Integer("--members"), required=True, help="应到人数。")
@click.option("--present", type=Integer("--present"), required=True, help="实到人数。")
@click.option("--satisfied", type=Integer("--satisfied"), required=True, help="满意票。")
@click.option("--basic", type=Integer("--basic"), required=True, help="基本满意票。")
@click.option("--dissatisfied", type=Integer("--dissatisfied"), required=True, help="不满意票。")
@click.option("--abstain", type=Integer("--abstain"), default=0, help="弃权票。")
@click.option("--on", "on", default=None, help="测评日期（默认今天）。")
@ROUND
@click.pass_obj
def satisfaction(rt, stage, number, group_name, members, present, satisfied, basic, dissatisfied, abstain, on,
         round_name):
    """录入入选项目的满意度测评票数（年中、年终；再次录入即更正），计票同部门评议。

    \b
    示例：docket project test --stage mid 1 --group 代表 --members 100 --present 90 --satisfied 60 --basic 20 --dissatisfied 5
    """
    from docket.core.appraisal import Tally
    from docket.core.projects import STAGES, record_test

    t = Tally(members, present, satisfied, basic, dissatisfied, abstain)
    with opened(rt.db_path) as conn:
        done = record_test(conn, number, stage=stage, group=group_name, tally=t, on=day(on, "--on"),
                           round_name=round_name, actor=rt.actor, today=rt.today)
    say(cm.PROJECT_TEST_DONE.format(number=number, stage=STAGES[stage], group=done["group"], satisfied=satisfied,
                                    basic=basic, dissatisfied=dissatisfied, abstain=abstain, present=present,
                                    members=members))


@project.command("list")
@ROUND
@click.option("--as-of", "as_of", default=None, help="按哪天计算计划进度和颜色（默认今天）。")
@click.option("--json", "json_", is_flag=True, help="输出 JSON。")
@click.pass_obj
def list_(rt, round_name, as_of, json_):
    """列出候选和入选项目：票数、名次、状态、进度对计划、颜色和测评满意率。

    \b
    示例：docket project list --as-of 2027-06-30 --json
    """
    from docket.core.projects import standing, table_rows, stage_lines

    with opened(rt.db_path) as conn:
        res = standing(conn, round_name, as_of=day(as_of, "--as-of", rt.today))
    if json_:
        dump_json(res)
        return
    emit(*table_rows(res))
    for line in stage_lines(res):
        say(line)


@project.command("report")
@ROUND
@click.option("--out", type=OutPath(), default=None,
              help="输出文件（.docx，默认当前目录下 民生实事项目通报-….docx）。")
@click.pass_obj
def report(rt, round_name, out):
    """生成民生实事项目票决和实施情况通报（票决结果、实施进度、满意度测评；文件格式，占用下一个文号）。

    \b
    示例：docket project report --out 民生实事项目通报.docx
    """
    from docket.core.projects import report_batch
    from docket.core.score_files import docx_out
    from docket.docgen import issue

    target = docx_out(out)
    with opened(rt.db_path) as conn:
        folder, names = (issue.output_file(target) if target is not None
                         else (issue.output_folder(Path.cwd()), None))
        done = issue.issue(conn, lambda: report_batch(conn, round_name, today=rt.today), folder,
                           actor=rt.actor, today=rt.today, names=names)
    say(cm.PROJECT_ISSUED.format(path=done.paths[0], doc_no=done.doc_no))
