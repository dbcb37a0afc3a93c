"""The round trip's additions to existing commands (issue 18, contract §3), without touching them:
`reply review N --accept|--return`, `import --replies FILE ...` and `extend N --approve|--refuse`.

cli.py's table names the `Routed` commands below: each behaves exactly as the command it wraps
(commands/handling.py's reply and extend, commands/intake.py's import) unless its arguments start
with the word `review` or hold the flag that names the round-trip form."""
from __future__ import annotations

import inspect
import sys

import click

from docket.commands.output import dump_json, json_option, say, warn_all
from docket.store.db import opened


class Routed(click.Command):
    """`plain` (same options, help and callback; each of `notes`, one more example line, ends its
    help), unless the arguments start with a word of `routes` or hold one of its flags (`--x`):
    then that route's command parses and runs them."""

    def __init__(self, plain: click.Command, routes: dict[str, click.Command], *, notes: tuple[str, ...] = ()) -> None:
        examples = "".join(f"\n      {n}" for n in notes)
        super().__init__(plain.name, context_settings=plain.context_settings, callback=plain.callback,
                         params=plain.params, help=inspect.cleandoc(plain.help or "") + examples,
                         epilog=plain.epilog, short_help=plain.short_help,
                         options_metavar=plain.options_metavar, no_args_is_help=plain.no_args_is_help)
        self.routes = routes

    def get_command(self, ctx, name: str) -> click.Command | None:
        """`reply review` is found as a subcommand (for help and introspection)."""
        return None if name.startswith("-") else self.routes.get(name)

    def make_context(self, info_name, args, parent=None, **extra):
        for trigger, other in self.routes.items():
            if not trigger.startswith("-") and args[:1] == [trigger]:
                return other.make_context(f"{info_name} {trigger}", list(args[1:]), parent=parent, **extra)
            if trigger.startswith("-") and trigger in args:
                return other.make_context(info_name, list(args), parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


# -- reply review ---------------------------------------------------------------------------------

@click.command("review")
@click.argument("number", type=int)
@click.option("--accept", "decision", flag_value="accept", help="审核通过：答复计入统计。")
@click.option("--return", "decision", flag_value="return", help="退回单位修改（办理期限照常计算）。")
@click.option("--class", "class_", default=None, help="审核时更正类别。")
@click.option("--reason", default=None, help="退回理由（--return 时必填）。")
@click.option("--disclosure", type=click.Choice(["public", "private", "secret"]), default=None,
              help="答复公开属性：public 公开、private 不公开、secret 涉密（默认设置 reply.public）。")
@json_option
@click.pass_obj
def review(rt, number, decision, class_, reason, disclosure, json_):
    """审核单位报来的答复：通过后才计入答复率、考评和催办；退回的由单位修改后重报。

    \b
    示例：docket reply review 12 --accept
          docket reply review 12 --accept --class B
          docket reply review 13 --return --reason 答复未回应所提第二项问题
    """
    from docket.core.reply_review import review as do_review

    if decision is None:
        raise click.UsageError("请选择 --accept 或 --return")
    if decision == "return" and class_:
        raise click.UsageError("--class 只用于 --accept")
    with opened(rt.db_path) as conn:
        o = do_review(conn, number, accept=decision == "accept", class_=class_, reason=reason,
                      disclosure=disclosure, actor=rt.actor, today=rt.today, session=rt.session)
    warn_all(o.warnings)
    if json_:
        dump_json({"number": o.number, "state": o.state, **o.detail})
    elif decision == "accept":
        say(f"第{number}号：{o.detail['unit']}的答复（{o.detail['after']['class']}类）已审核通过。")
    else:
        say(f"第{number}号：{o.detail['unit']}的答复已退回（{reason}）。")


@click.command("reply")
@click.argument("number", type=int)
@click.option("--unit", required=True, help="答复的主办单位。")
@click.option("--class", "class_", default=None, help="答复类别代码，如 A。")
@click.option("--on", "on", default=None, help="答复日期（默认今天）。")
@click.option("--doc-no", default=None, help="答复文号。")
@click.option("--contact", default=None, help="联系人。")
@click.option("--phone", default=None, help="联系电话。")
@click.option("--summary", default=None, help="答复摘要。")
@click.option("--for-review", is_flag=True, required=True, help="登记为待审核（审核通过后才计入）。")
@click.pass_obj
def submit(rt, number, unit, class_, on, doc_no, contact, phone, summary, for_review):
    """登记单位的纸质或 OA 答复，待审核：docket reply review N --accept 后才计入统计。

    \b
    示例：docket reply 12 --unit 县教育局 --class A --doc-no 青教函〔2026〕15号 --for-review
    """
    from docket.commands.params import day
    from docket.core.reply_review import submit as do_submit

    with opened(rt.db_path) as conn:
        o = do_submit(conn, number, unit=unit, on=day(on, "答复日期", rt.today), class_=class_, doc_no=doc_no,
                      contact=contact, phone=phone, summary=summary, actor=rt.actor, today=rt.today,
                      session=rt.session)
    say(f"第{number}号：已登记{o.detail['unit']}的答复（{o.detail['class']}类），待审核。")


def _reply():
    from docket.commands.handling import reply

    return Routed(reply, {"review": review, "--for-review": submit},
                  notes=("docket reply 12 --unit 县教育局 --class A --for-review  （纸质答复，待审核）",
                         "docket reply review 12 --accept  （审核单位报来的答复）"))


# -- import --replies -----------------------------------------------------------------------------

@click.command("import")
@click.option("--replies", is_flag=True, required=True, help="导入单位交回的办理情况反馈表。")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--unit", default=None, help="交回反馈表的单位（写明时核对是否为该单位的表）。")
@json_option
@click.pass_obj
def import_replies(rt, replies, files, unit, json_):
    """导入单位交回的办理情况反馈表（docket packet 生成）：每个文件全部导入或一行也不导入。

    核对表中隐藏的单位和反馈表编号（别的单位的表、旧的反馈表不导入），逐行检查类别、日期、
    延期期限、公式和控制字符，有问题的行逐一列出（第N行）。未填写的行跳过。主办答复在设置
    reply.review 开启时待审核（docket reply review），协办意见直接登记，延期申请待批
    （docket extend N --approve|--refuse）。

    \b
    示例：docket import --replies 办理情况反馈表-县水利局-2026-03-20.xlsx
    """
    from docket.core.errors import DocketError
    from docket.core.reply_import import import_replies as do_import

    from docket.commands.messages import error_text

    failed = 0
    results = []
    with opened(rt.db_path) as conn:
        for f in files:
            try:
                done = do_import(conn, f, unit=unit, actor=rt.actor, today=rt.today)
            except DocketError as e:
                failed += 1
                click.echo(f"错误：{error_text(e)}", err=True)
                continue
            warn_all(done.warnings)
            results.append(done)
            if not json_:
                say(_summary(done))
    if json_:
        dump_json([{"file": d.file, "unit": d.unit, "packet": d.serial, "pending": d.pending,
                    "recorded": d.recorded, "opinions": d.opinions, "extensions": d.extensions,
                    "contacts": d.contacts, "unchanged": d.unchanged} for d in results])
    if failed:
        sys.exit(1)


def _summary(d) -> str:
    parts = [(d.pending, "答复待审核"), (d.recorded, "答复已登记"), (d.opinions, "协办意见"),
             (d.extensions, "延期申请待批"), (d.contacts, "沟通记录"), (d.unchanged, "已登记过（未变）")]
    said = "；".join(f"{label} {len(ns)} 件（{'、'.join(f'第{n}号' for n in ns)}）" for ns, label in parts if ns)
    return f"{d.file}（{d.unit}，第{d.serial}号反馈表）：{said or '没有填写内容，未登记'}"


def _import():
    from docket.commands.intake import import_

    return Routed(import_, {"--replies": import_replies},
                  notes=("docket import --replies 办理情况反馈表-县水利局-2026-03-20.xlsx  （单位交回的反馈表）",))


# -- extend --approve | --refuse ------------------------------------------------------------------

@click.command("extend")
@click.argument("number", type=int)
@click.option("--approve", "decision", flag_value="approve", help="批准单位的延期申请。")
@click.option("--refuse", "decision", flag_value="refuse", help="不同意单位的延期申请。")
@click.option("--unit", default=None, help="申请延期的单位（多个单位都有申请时必填）。")
@click.option("--reason", default=None, help="批复意见或不同意的理由。")
@click.pass_obj
def extend_decision(rt, number, decision, unit, reason):
    """批复单位在反馈表中提出的延期申请：批准则按申请推迟期限（不超过 deadline.max）。

    \b
    示例：docket extend 12 --approve
          docket extend 12 --refuse --reason 不符合延期条件
    """
    from docket.core.reply_review import decide_extension

    with opened(rt.db_path) as conn:
        o = decide_extension(conn, number, approve=decision == "approve", unit=unit, reason=reason,
                             actor=rt.actor, today=rt.today, session=rt.session)
    warn_all(o.warnings)
    if decision == "approve":
        click.echo(o.detail["after"]["due_on"])
        say(f"第{number}号：已批准{o.detail['unit']}延期至 {o.detail['until']}。")
    else:
        say(f"第{number}号：未同意{o.detail['unit']}的延期申请。")


def _extend():
    from docket.commands.handling import extend

    return Routed(extend, {"--approve": extend_decision, "--refuse": extend_decision},
                  notes=("docket extend 12 --approve  （批复单位在反馈表中的延期申请）",))


reply = _reply()
import_ = _import()
extend = _extend()
