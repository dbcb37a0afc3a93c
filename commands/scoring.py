"""score (unit scores, models, reply quality, publishing) and appraisal (部门工作评议).

Parse, call one core function, render. Outputs name units and counts only, never raters.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from docket.commands.output import (
    dry_run_option,
    dump_json,
    emit,
    json_option,
    say,
    warn_all,
)
from docket.commands.params import Integer, OutPath
from docket.store.db import opened

JSON_OR_OUT = "--json 与 --out 只能选一个（--json 输出到屏幕，--out 写入文件）"
ALLOW_MISSING = click.option("--allow-missing", is_flag=True,
                             help="有部门缺少某个测评组的票数时仍按已有票数计算（结果中注明）。")


def _year(rt, year: int | None) -> int:
    """--year, default this year; 0 is a year to refuse (core.score_figures.check_year), not 'unset'."""
    return rt.today.year if year is None else year


def _pairs(args: tuple[str, ...], what: str) -> dict[str, str]:
    from docket.core.errors import BadInput

    out = {}
    for a in args:
        key, sep, value = a.replace("＝", "=").partition("=")
        if not sep or not key.strip() or not value.strip():
            raise BadInput(f"{what}“{a}”应写作 名称=值，例如 satisfaction=30")
        out[key.strip()] = value.strip()
    return out


# -- score ----------------------------------------------------------------------------------------

@click.group(invoke_without_command=True)
@click.option("--year", type=Integer("--year"), default=None, help="考评年度（默认今年；按首次交办日期归年）。")
@click.option("--model", "model_name", default="unit", show_default=True, help="评分模型名称。")
@click.option("--unit", default=None, help="只看一个单位的明细（全称或简称）。")
@click.option("--out", type=OutPath(), default=None, help="输出文件：.xlsx 表格或 .docx 考评结果通报。")
@json_option
@click.pass_context
def score(ctx, year, model_name, unit, out, json_):
    """承办单位考评：每个单位的得分、各指标得分及其依据、等次和名次。

    \b
    示例：docket score --year 2026
          docket score --unit 水利局
          docket score --out 考评结果通报.docx
          docket score model set timeliness=30 satisfaction=20
    """
    if ctx.invoked_subcommand is not None:
        return
    if json_ and out:
        raise click.UsageError(JSON_OR_OUT)
    from docket.core.score_figures import score_text
    from docket.core.unit_scores import breakdown, score_units, table

    rt = ctx.obj
    with opened(rt.db_path) as conn:
        result = score_units(conn, year=_year(rt, year), as_of=rt.today, model_name=model_name, unit=unit)
        if out:
            from docket.core.score_files import score_batch, score_out, write_scores_xlsx

            if score_out(out) == ".xlsx":
                say(f"已生成 {write_scores_xlsx(result, out, on=rt.today)}")
                return
            path, doc_no = _issue_file(conn, rt, lambda: score_batch(conn, result, today=rt.today), out)
            say(f"已生成 {path}（{doc_no}）")
            return
    if json_:
        dump_json(result)
        return
    if not result["units"]:
        say(f"{result['year']}年没有已交办的件，无可计分的单位。")
        return
    if unit:
        u = result["units"][0]
        rank = f"第{u['rank']}名" if u["ranked"] else f"主办不足{result['min_items']}件，不参与排名"
        say(f"{u['unit']}：总分 {score_text(u['score'])}，{u['grade'] or '—'}，{rank}"
            f"（模型 {result['model']} 第{result['model_version']}版）")
        emit(breakdown(u["indicators"]), [("indicator", "指标"), ("weight", "权重"), ("value", "得分"),
                                          ("n", "件数"), ("points", "计入总分"), ("how", "依据")])
        return
    rows, columns = table(result)
    emit(rows, columns, title=f"{result['year']}年度承办单位考评（{result['model_title']} 第{result['model_version']}版）")


@score.group("model")
def model():
    """评分模型：查看、修改权重、导入（每次修改生成新版本，已公布的结果保留原版本）。

    \b
    示例：docket score model show
          docket score model set satisfaction=40 timeliness=10
    """


@model.command("show")
@click.argument("name", default="unit")
@click.option("--version", "version", type=int, default=None, help="查看某一版本。")
@json_option
@click.pass_obj
def model_show(rt, name, version, json_):
    """显示评分模型的指标树（--json 可另存后修改再导入）。

    \b
    示例：docket score model show appraisal --json > 评议模型.json
    """
    from docket.core.score_model import model_rows, model_to_dict
    from docket.core.score_model_versions import load_model

    with opened(rt.db_path) as conn:
        m = load_model(conn, name, version)
    if json_:
        dump_json(model_to_dict(m))
        return
    say(f"{m.title}（{m.name}，第{m.version}版）")
    rows = model_rows(m)
    emit(rows, [("id", "编号"), ("name", "指标"), ("weight", "权重"), ("source", "来源")])


@model.command("set")
@click.argument("changes", nargs=-1, required=True)
@click.option("--model", "name", default="unit", show_default=True, help="模型名称。")
@click.pass_obj
def model_set(rt, changes, name):
    """修改权重（同级合计须为100）或 title、min_items、bands、outcome_min，生成新版本。

    \b
    示例：docket score model set satisfaction=40 timeliness=10
          docket score model set --model appraisal lawful=20 service=30
    """
    from docket.core.score_model_versions import set_fields

    with opened(rt.db_path) as conn:
        m = set_fields(conn, name, _pairs(changes, "修改项"), actor=rt.actor, today=rt.today)
    say(f"评分模型 {m.name} 已保存为第{m.version}版。")


@model.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
def model_import(rt, file):
    """从 JSON 文件导入评分模型（格式同 score model show --json），校验通过才保存。

    \b
    示例：docket score model import 评议模型.json
    """
    from docket.core.errors import BadInput
    from docket.core.score_model_versions import save_model

    try:
        data = json.loads(Path(file).read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise BadInput(f"无法读取 {file}：{e.strerror or e}") from None
    except json.JSONDecodeError as e:
        raise BadInput(f"{file} 第{e.lineno}行不是有效的 JSON：{e.msg}") from None
    with opened(rt.db_path) as conn:
        m = save_model(conn, data, actor=rt.actor, today=rt.today, note=f"导入 {Path(file).name}")
    say(f"评分模型 {m.name} 已保存为第{m.version}版。")


@score.command("quality")
@click.argument("entries", nargs=-1, required=True)
@click.option("--score", "value", default=None, help="分数（0–100），用于列出的每一件。")
@click.pass_obj
def quality(rt, entries, value):
    """录入答复质量评分（0–100），记在该件最新一次主办答复上。

    \b
    示例：docket score quality 1=90 2=70 3=85
          docket score quality 5 --score 60
    """
    from docket.core.errors import BadInput
    from docket.core.unit_scores import enter_quality

    if value is not None:
        pairs = {e: value for e in entries}
    else:
        pairs = _pairs(entries, "评分")
    todo = []
    for k, v in pairs.items():
        if not k.isdigit():
            raise BadInput(f"“{k}”不是件号；写作 件号=分数，例如 12=90")
        todo.append((int(k), v))
    with opened(rt.db_path) as conn:
        for number, v in todo:
            done = enter_quality(conn, number, v, actor=rt.actor, today=rt.today, session=rt.session)
            say(f"第{number}号：{done['unit']}的答复质量评分 {done['quality']:g}")


@score.command("enter")
@click.argument("unit")
@click.argument("values", nargs=-1, required=True)
@click.option("--year", type=Integer("--year"), default=None, help="年度（默认今年）。")
@click.option("--model", "model_name", default="unit", show_default=True, help="评分模型名称。")
@click.pass_obj
def enter(rt, unit, values, year, model_name):
    """录入按单位评分的指标（模型中 source=entered、per=unit 的指标）。

    \b
    示例：docket score enter 水利局 review=85 --year 2026
    """
    from docket.core.unit_scores import enter_unit_scores

    with opened(rt.db_path) as conn:
        done = enter_unit_scores(conn, _year(rt, year), unit, _pairs(values, "评分"), actor=rt.actor,
                                 today=rt.today, model_name=model_name)
    say(f"{done['unit']}：已录入 " + "、".join(f"{k}={v:g}" for k, v in done["values"].items()))


@score.command("publish")
@click.option("--year", type=Integer("--year"), default=None, help="考评年度（默认今年）。")
@click.option("--model", "model_name", default="unit", show_default=True, help="评分模型名称。")
@click.pass_obj
def publish(rt, year, model_name):
    """公布考评结果：保存本次得分及所用模型版本，之后修改模型不影响已公布的结果。

    \b
    示例：docket score publish --year 2026
    """
    from docket.core.unit_scores import publish as publish_

    with opened(rt.db_path) as conn:
        res = publish_(conn, year=_year(rt, year), as_of=rt.today, actor=rt.actor, today=rt.today,
                       model_name=model_name)
    say(f"已公布{res['year']}年度考评结果（编号 {res['result_id']}，模型 {res['model']} 第{res['model_version']}版）。")


@score.command("published")
@click.argument("result_id", type=int, required=False)
@json_option
@click.pass_obj
def published(rt, result_id, json_):
    """已公布的考评结果及其模型版本；给出编号时显示该次结果。

    \b
    示例：docket score published 1 --json
    """
    from docket.core.unit_scores import published as published_
    from docket.core.unit_scores import table

    with opened(rt.db_path) as conn:
        rows = published_(conn, result_id)
    if result_id is not None:
        if json_:
            dump_json(rows[0]["data"])
        else:
            r, c = table(rows[0]["data"])
            emit(r, c)
        return
    listing = [{k: v for k, v in r.items() if k != "data"} for r in rows]
    emit(listing, [("id", "编号"), ("year", "年度"), ("model", "模型"), ("model_version", "版本"),
                   ("as_of", "计算日期"), ("by", "操作人")], json_)


# -- appraisal ------------------------------------------------------------------------------------

@click.group()
def appraisal():
    """部门工作评议：被评议部门、满意度测评票数、指标评分、综合结果和结果通报（测评不记名）。

    \b
    示例：docket appraisal new 2026年度部门工作评议 --group 常委会组成人员 --group 代表
          docket appraisal add-department 2026年度部门工作评议 水利局 卫健局
          docket appraisal tally 2026年度部门工作评议 --department 水利局 --group 代表 \\
              --members 31 --present 29 --satisfied 15 --basic 10 --dissatisfied 4
          docket appraisal compute 2026年度部门工作评议
    """


@appraisal.command("new")
@click.argument("name")
@click.option("--year", type=Integer("--year"), default=None, help="年度（默认今年）。")
@click.option("--group", "groups", multiple=True, help="测评组，可重复，写作 名称 或 名称=权重（默认权重相同）。")
@click.option("--model", "model_name", default="appraisal", show_default=True, help="评分模型名称。")
@click.pass_obj
def new(rt, name, year, groups, model_name):
    """新建一次评议。

    \b
    示例：docket appraisal new 2026年度部门工作评议 --group 常委会组成人员 --group 代表
    """
    from docket.core.appraisal import new_round

    with opened(rt.db_path) as conn:
        done = new_round(conn, name, year=_year(rt, year), groups=list(groups), actor=rt.actor,
                         today=rt.today, model_name=model_name)
    say(f"已新建评议“{done['round']}”（测评组：{'、'.join(done['groups'])}）。")


@appraisal.command("list")
@json_option
@click.pass_obj
def list_(rt, json_):
    """列出评议。

    \b
    示例：docket appraisal list
    """
    from docket.core.appraisal import list_rounds

    with opened(rt.db_path) as conn:
        rows = list_rounds(conn)
    emit(rows, [("round", "评议"), ("year", "年度"), ("model", "模型"), ("departments", "部门数"),
                ("created_on", "创建日期")], json_)


@appraisal.command("group")
@click.argument("round_name")
@click.argument("group")
@click.pass_obj
def group(rt, round_name, group):
    """增加测评组或修改其权重。

    \b
    示例：docket appraisal group 2026年度部门工作评议 群众=0.5
    """
    from docket.core.appraisal import set_group

    with opened(rt.db_path) as conn:
        done = set_group(conn, round_name, group, actor=rt.actor, today=rt.today)
    say(f"测评组 {done['group']} 权重 {done['weight']:g}")


@appraisal.command("add-department")
@click.argument("round_name")
@click.argument("units", nargs=-1, required=True)
@click.pass_obj
def add_department(rt, round_name, units):
    """添加被评议部门（单位全称或简称，可多个）。

    \b
    示例：docket appraisal add-department 2026年度部门工作评议 水利局 卫健局
    """
    from docket.core.appraisal import add_departments

    with opened(rt.db_path) as conn:
        added = add_departments(conn, round_name, list(units), actor=rt.actor, today=rt.today)
    say(f"已添加：{'、'.join(added)}" if added else "所列部门均已在本次评议中。")


@appraisal.command("tally")
@click.argument("round_name")
@click.option("--department", required=True, help="被评议部门。")
@click.option("--group", "group_name", required=True, help="测评组。")
@click.option("--members", type=int, required=True, help="应到人数。")
@click.option("--present", type=int, required=True, help="实到人数。")
@click.option("--satisfied", type=int, required=True, help="满意票。")
@click.option("--basic", type=int, required=True, help="基本满意票。")
@click.option("--dissatisfied", type=int, required=True, help="不满意票。")
@click.option("--abstain", type=int, default=0, help="弃权票。")
@click.option("--unknown", type=int, default=0, help="不了解票。")
@click.pass_obj
def tally(rt, round_name, department, group_name, members, present, satisfied, basic, dissatisfied,
          abstain, unknown):
    """录入一个部门在一个测评组的满意度测评票数（再次录入即更正）。

    \b
    示例：docket appraisal tally 2026年度部门工作评议 --department 水利局 --group 代表 \\
              --members 31 --present 29 --satisfied 15 --basic 10 --dissatisfied 4
    """
    from docket.core.appraisal import Tally, record_tally

    t = Tally(members, present, satisfied, basic, dissatisfied, abstain, unknown)
    with opened(rt.db_path) as conn:
        done = record_tally(conn, round_name, department=department, group=group_name, tally=t,
                            actor=rt.actor, today=rt.today)
    say(f"{done['department']}（{done['group']}）：满意{satisfied}、基本满意{basic}、不满意{dissatisfied}、"
        f"弃权{abstain}、不了解{unknown}，实到{present}/应到{members}")


@appraisal.command("enter")
@click.argument("round_name")
@click.option("--department", required=True, help="被评议部门。")
@click.argument("values", nargs=-1, required=True)
@click.pass_obj
def enter_scores(rt, round_name, department, values):
    """录入部门的指标评分（0–100），按指标编号或名称。

    \b
    示例：docket appraisal enter 2026年度部门工作评议 --department 水利局 lawful=88 policy=82 service=85
    """
    from docket.core.appraisal import enter_scores as enter_

    with opened(rt.db_path) as conn:
        done = enter_(conn, round_name, department=department, values=_pairs(values, "评分"),
                      actor=rt.actor, today=rt.today)
    say(f"{done['department']}：已录入 " + "、".join(f"{k}={v:g}" for k, v in done["values"].items()))


def _result_table(res: dict, json_: bool) -> None:
    from docket.core.appraisal import result_rows

    if json_:
        dump_json(res)
    else:
        rows, columns = result_rows(res)
        emit(rows, columns, title=f"{res['round']}（{res['model_title']} 第{res['model_version']}版）")
    warn_all(res.get("warnings", []))  # stderr: also beside --json, never inside it


@appraisal.command("compute")
@click.argument("round_name")
@ALLOW_MISSING
@dry_run_option
@json_option
@click.pass_obj
def compute(rt, round_name, allow_missing, dry_run, json_):
    """按模型计算综合得分、等次和名次，并保存结果（记录所用模型版本）。

    有部门缺少某个测评组的票数时不计算，除非加 --allow-missing（结果中注明）。

    \b
    示例：docket appraisal compute 2026年度部门工作评议
    """
    from docket.core.appraisal import compute as compute_

    with opened(rt.db_path) as conn:
        res = compute_(conn, round_name, actor=rt.actor, today=rt.today, dry_run=dry_run,
                       allow_missing=allow_missing)
    _result_table(res, json_)


@appraisal.command("show")
@click.argument("round_name")
@json_option
@click.pass_obj
def show(rt, round_name, json_):
    """显示评议的当前情况：各部门测评票数、指标评分和按当前数据计算的结果（不保存）。

    \b
    示例：docket appraisal show 2026年度部门工作评议 --json
    """
    from docket.core.appraisal import results

    with opened(rt.db_path) as conn:
        res = results(conn, round_name)
    _result_table(res, json_)


@appraisal.command("circular")
@click.argument("round_name")
@click.option("--out", type=OutPath(), default=None, help="输出文件（.docx，默认当前目录下 评议结果通报-….docx）。")
@ALLOW_MISSING
@click.pass_obj
def circular(rt, round_name, out, allow_missing):
    """生成评议结果通报（按最近一次 compute 保存的结果）。

    \b
    示例：docket appraisal circular 2026年度部门工作评议 --out 评议结果通报.docx
    """
    from docket.core.score_files import appraisal_batch

    with opened(rt.db_path) as conn:
        plans = []

        def plan():
            plans.append(appraisal_batch(conn, round_name, allow_missing=allow_missing, today=rt.today))
            return plans[-1]
        path, doc_no = _issue_file(conn, rt, plan, out)
    warn_all(plans[-1].warnings)
    say(f"已生成 {path}（{doc_no}）")


def _issue_file(conn, rt, plan, out):
    """Issue a 通报 to --out (a .docx) or under its own name in the current folder."""
    from docket.core.score_files import docx_out
    from docket.docgen import issue

    target = docx_out(out)
    # no --out: its own name in the current folder, printed in full as before
    folder, names = issue.output_file(target) if target is not None else (issue.output_folder(Path.cwd()), None)
    done = issue.issue(conn, plan, folder, actor=rt.actor, today=rt.today, names=names)
    return done.paths[0], done.doc_no
