"""`docket reply`: the command `reply N ...` (commands/handling.py) with its subcommand `reply review N`
(issue 18, contract §3). The round trip's other forms are ordinary options of their commands:
`import --replies` (commands/intake.py), `extend N --approve|--refuse` (commands/handling.py)."""
from __future__ import annotations

import click

from docket.commands.handling import reply as reply_to_item
from docket.commands.output import dump_json, json_option, say, warn_all
from docket.commands.params import OutPath
from docket.store.db import opened

FORM_ISSUED = "已生成该件的征询意见表{count}份，请随答复送代表（委员）评价。"
FORM_HINT = "请用 docket form {number} 生成征询意见表，随答复送代表（委员）评价。"


class CommandWithSubcommands(click.Group):
    """A command that also has subcommands: `docket reply 12 --unit ...` runs `default`,
    `docket reply review 12 --accept` runs the subcommand `review`.

    A Click group reads its first argument as a subcommand's name. Here, when that argument names
    no subcommand (an item number, an option), every argument goes to `default` instead, under the
    group's own name (so its usage reads `docket reply [OPTIONS] NUMBER`, and `docket reply` alone
    says which argument is missing). `--help` shows the default's options, then the subcommands."""

    def __init__(self, default: click.Command, *subcommands: click.Command) -> None:
        super().__init__(default.name, commands=subcommands, help=default.help,
                         short_help=default.short_help, no_args_is_help=False)
        self.default = default

    def make_context(self, info_name, args, parent=None, **extra):
        first = args[0] if args else None
        if first in self.commands or first in (parent.help_option_names if parent else ["--help"]):
            return super().make_context(info_name, args, parent=parent, **extra)
        return self.default.make_context(info_name, args, parent=parent, **extra)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.default.collect_usage_pieces(ctx)))
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix=" " * len("Usage: "))

    def format_options(self, ctx, formatter) -> None:
        self.default.format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


# -- reply review ---------------------------------------------------------------------------------

@click.command("review")
@click.argument("number", type=int)
@click.option("--accept", "decision", flag_value="accept", help="审核通过：答复计入统计。")
@click.option("--return", "decision", flag_value="return", help="退回单位修改（办理期限照常计算）。")
@click.option("--class", "class_", default=None, help="审核时更正类别。")
@click.option("--reason", default=None, help="退回理由（--return 时必填）。")
@click.option("--disclosure", type=click.Choice(["public", "private", "secret"]), default=None,
              help="答复公开属性：public 公开、private 不公开、secret 涉密（默认设置 reply.public）。")
@click.option("--out", type=OutPath(), default=None,
              help="审核通过时把该件的征询意见表生成到这个目录（同 docket form N --out）。")
@json_option
@click.pass_obj
def review(rt, number, decision, class_, reason, disclosure, out, json_):
    """审核单位报来的答复：通过后才计入答复率、考评和催办；退回的由单位修改后重报。

    通过时加 --out 目录，随即生成该件的征询意见表（送代表、委员评价）；不加则提示用 docket form N 生成。

    \b
    示例：docket reply review 12 --accept
          docket reply review 12 --accept --class B --out ./征询意见表
          docket reply review 13 --return --reason 答复未回应所提第二项问题
    """
    from docket.core.reply_review import review as do_review
    from docket.docgen.issue import output_folder

    if decision is None:
        raise click.UsageError("请选择 --accept 或 --return")
    if decision == "return" and (class_ or out):
        raise click.UsageError(f"{'--class' if class_ else '--out'} 只用于 --accept")
    folder = output_folder(out) if out else None  # checked before any work
    forms: list[str] = []
    with opened(rt.db_path) as conn:
        o = do_review(conn, number, accept=decision == "accept", class_=class_, reason=reason,
                      disclosure=disclosure, actor=rt.actor, today=rt.today, session=rt.session)
        if folder is not None:
            forms = [str(p) for p in _issue_form(conn, rt, number, folder)]
    warn_all(o.warnings)
    if json_:
        dump_json({"number": o.number, "state": o.state, **o.detail,
                   **({"forms": forms} if decision == "accept" else {})})
    elif decision == "accept":
        say(f"第{number}号：{o.detail['unit']}的答复（{o.detail['after']['class']}类）已审核通过。")
    else:
        say(f"第{number}号：{o.detail['unit']}的答复已退回（{reason}）。")
    if decision == "accept":
        if not json_:
            for path in forms:  # stdout, one per line, as `docket form` prints them
                click.echo(path)
        say(FORM_ISSUED.format(count=len(forms)) if forms else FORM_HINT.format(number=number))


def _issue_form(conn, rt, number: int, folder):
    """The deputy's 征询意见表 for the accepted reply, issued as `docket form N --out` issues it."""
    from docket.core.documents import form_data
    from docket.docgen import issue

    batch = form_data(conn, [number], today=rt.today, session=rt.session)
    return issue.issue(conn, batch, folder, actor=rt.actor, today=rt.today).paths


reply = CommandWithSubcommands(reply_to_item, review)
