"""The root command group: --db, the Runtime, the error edge, and the lazy table of commands.

Command modules are imported only when their command runs, so `docket remind` from cron starts
fast. This table doubles as the index of commands.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

COMMANDS: dict[str, str] = {
    "init": "docket.commands.setup:init",
    "demo": "docket.commands.setup:demo",
    "tui": "docket.commands.setup:tui",
    "unit": "docket.commands.units:unit",
    "add": "docket.commands.intake:add",
    "import": "docket.commands.intake:import_",
    "review": "docket.commands.intake:review",
    "similar": "docket.commands.similar:similar",
    "list": "docket.commands.queue:list_",
    "show": "docket.commands.queue:show",
    "history": "docket.commands.queue:history",
    "assign": "docket.commands.handling:assign",
    "return": "docket.commands.handling:return_",
    "extend": "docket.commands.handling:extend",
    "reply": "docket.commands.roundtrip:reply",
    "evaluate": "docket.commands.handling:evaluate",
    "close": "docket.commands.handling:close",
    "calendar": "docket.commands.calendar:calendar",
    "config": "docket.commands.config:config",
    "audit": "docket.commands.audit:audit",
    "backup": "docket.commands.backup:backup",
    "restore": "docket.commands.backup:restore",
    "remind": "docket.commands.remind:remind",
    "report": "docket.commands.report:report",
    "export": "docket.commands.export:export",
    "notice": "docket.commands.documents:notice",
    "brief": "docket.commands.documents:brief",
    "form": "docket.commands.documents:form",
    "packet": "docket.commands.packet:packet",
    "score": "docket.commands.scoring:score",
    "appraisal": "docket.commands.scoring:appraisal",
    "rectify": "docket.commands.rectify:rectify",
    "project": "docket.commands.project:project",
}


# What `docket --help` lists beside each name: the first paragraph of the command's help,
# kept here so the root help imports no command module (start-up budget, issue 16); a test
# checks each against the command's own help. A command missing here is imported for it.
SUMMARIES: dict[str, str] = {
    "init": "新建数据库（含第一个届次和版头设置）。已有数据的数据库不会被改动。",
    "demo": "生成演示库（虚构的青禾县，日期相对今天），在终端中随后打开界面。",
    "tui": "打开交互界面（键盘操作的办理队列）。",
    "unit": "承办单位：添加、列出、从表格导入。",
    "add": "登记一件建议、议案或提案，输出其编号。",
    "import": "从 xlsx/csv 汇总表导入建议（提案），或用 --replies 导入单位交回的办理情况反馈表。",
    "review": "审查：立案、并案、转来信、撤案，或议案转为建议。",
    "similar": "相似件：本届和往届在先的、标题和内容相近的件，附相似度和共同的词句。",
    "list": "列出本届的件，含主办单位、期限、剩余工作日和颜色。",
    "show": "显示一件的全部情况：内容、交办、答复、评价、催办和历史。",
    "history": "操作历史（谁、何时、做了什么，修改前后）。",
    "assign": "交办：确定主办、协办单位，按规则计算各自的办理期限。",
    "return": "退回（单位对交办有异议）：该单位不再承办；主办退回后该件回到待交办。",
    "extend": "延期：推迟某单位的办理期限（不超过每轮最长期限 deadline.max），或批复单位申请的延期。",
    "reply": "登记答复：主办单位的答复（须写类别）或协办单位的意见（不写类别）。",
    "evaluate": "登记代表（委员）的评价；不满意且尚有轮次时进入重新办理，否则办结。",
    "close": "办结一件（结束其全部交办）。",
    "calendar": "工作日日历：计算期限、查看节假日、设置调休、导入下一年度放假安排。",
    "config": "设置：期限、颜色、类别、版头等（修改前会校验，错误的值不会保存）。",
    "audit": "审计：检查操作记录是否被改动或删除。",
    "backup": "在线备份数据库（一致的副本，可在他人使用时进行）。",
    "restore": "从备份恢复：先检查备份，再保留被替换的数据库（.replaced-日期 文件）。",
    "remind": "催办、督办：列出黄色、红色的主办和协办件，按单位分组，并记录本次发送。",
    "report": "办理情况统计：交办、答复、按期、逾期、评价、满意率、类别，总体和各承办单位。",
    "export": "导出全部台账（xlsx 或 csv），每件一行，含各环节日期、承办单位、类别、满意度、颜色。",
    "notice": "交办通知：每个承办单位一份，列出其主办、协办的件和办理期限，附交办清单。",
    "brief": "工作简报：报头、期号、由办理数据生成的文章、各承办单位答复进度图、报送发范围。",
    "form": "征询意见表：每件一份（评价人为全体联名人时每人一份），随答复送代表、委员填写。",
    "packet": "办理情况反馈表：每个承办单位一份 xlsx，列出其尚未答复的件，由单位填写后交回。",
    "score": "承办单位考评：每个单位的得分、各指标得分及其依据、等次和名次。",
    "appraisal": "部门工作评议：被评议部门、满意度测评票数、指标评分、综合结果和结果通报（测评不记名）。",
    "rectify": "整改：问题清单、责任清单、整改清单，进度、复查、回头看、问责，整改台账和整改情况通报。",
    "project": "民生实事项目票决：候选项目、代表票决、实施跟踪（节点、进度、颜色）、满意度测评和情况报告。",
}


class UserError(click.ClickException):
    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        from docket.commands import messages as cm

        click.echo(cm.ERROR_LINE.format(message=self.message), err=True)


def _end_quietly_on_closed_pipe() -> None:
    """The reader of stdout went away (`docket list | head -1`): stop without a word, as other Unix
    tools do. Later writes, and the flush at exit, go to /dev/null (Python docs, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a descriptor (an in-process runner)
        pass
    sys.exit(141)  # 128 + SIGPIPE, what a shell reports for a tool killed by the closed pipe


DEMO_HINT = "数据库 {path} 不存在。演示库在 {demo}，这样打开它：{command}（正式使用请先运行 docket init）"


def _demo_hint(ctx: click.Context) -> str | None:
    """After `docket demo` (which writes demo.db), a command run without --db finds no docket.db:
    name the command that opens the demo instead of suggesting to build it again."""
    from docket.core.runtime import demo_db

    rt, demo = ctx.obj, demo_db()
    if rt is None or ctx.params.get("db") or rt.db_path.exists() or not demo.exists():
        return None
    if rt.db_path.resolve() == demo.resolve():
        return None
    words = ["docket", "--db", str(demo), *ctx.meta.get("docket.args", [])]
    return DEMO_HINT.format(path=rt.db_path, demo=demo, command=" ".join(map(_shell_word, words)))


def _shell_word(word: str) -> str:
    """Quoted only when a shell needs it (shlex.quote would quote every Chinese word)."""
    import re
    import shlex

    return word if re.fullmatch(r"[^\s'\"\\$`!*?;&|<>(){}\[\]#~]+", word) else shlex.quote(word)


class DocketGroup(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["docket.args"] = list(args)  # as typed, for a message that repeats the command
        return super().parse_args(ctx, args)

    def make_context(self, *args, **kwargs) -> click.Context:
        try:  # `docket --help | head -1`: the root's help and version are printed while parsing
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _end_quietly_on_closed_pipe()
        except click.UsageError as e:  # `docket --bogus`: said in Chinese, still exit 2
            from docket.commands.params import in_chinese

            raise in_chinese(e) from e

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's list of commands, from SUMMARIES: no command module is imported for it."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = []
        for name in self.list_commands(ctx):
            summary = SUMMARIES.get(name)
            cmd = click.Command(name, help=summary) if summary else self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if not target:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context):
        from docket.commands.messages import error_text
        from docket.core.errors import DocketError, NotFound

        try:
            return super().invoke(ctx)
        except NotFound as e:
            raise UserError(_demo_hint(ctx) or error_text(e)) from e
        except DocketError as e:
            raise UserError(error_text(e)) from e
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            sys.exit(130)
        except BrokenPipeError:  # before Click's own handler, which would exit 1
            _end_quietly_on_closed_pipe()
        except click.UsageError as e:  # a missing argument, unknown option...: Chinese, exit 2
            from docket.commands.params import in_chinese

            raise in_chinese(e) from e
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as e:  # a defect: say so plainly; the traceback only when asked for
            if os.environ.get("DOCKET_DEBUG"):
                raise
            raise UserError(f"内部错误（{type(e).__name__}: {e}）。数据未改动；请加 DOCKET_DEBUG=1 "
                            "重新运行并把输出报给维护人员") from e


@click.group(cls=DocketGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="数据库文件（默认 $DOCKET_DB，否则用户数据目录下的 docket.db）。")
@click.option("--by", "by", default=None, help="操作人（默认 $DOCKET_USER，否则登录名）。")
@click.option("--session", default=None, help="届次名称（默认当前届次）。")
@click.version_option(package_name="docket", message="docket %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: str | None, by: str | None, session: str | None) -> None:
    """docket：人大代表建议、政协提案的登记、交办、督办、答复、评价与统计。

    不带命令在终端中运行时打开交互界面（TUI）。

    \b
    示例：docket demo
          docket list --color red
          docket assign 12 --lead 县教育局 --support 县财政局
    """
    from docket.core.errors import DocketError
    from docket.core.runtime import build

    try:
        ctx.obj = build(db, by, session)
    except DocketError as e:
        raise UserError(str(e)) from e
    if ctx.invoked_subcommand is None:
        if sys.stdout.isatty() and sys.stdin.isatty():
            ctx.invoke(ctx.command.get_command(ctx, "tui"))
        else:
            click.echo(ctx.get_help())


def main() -> None:
    if os.environ.get("DOCKET_DEBUG"):
        import logging
        logging.basicConfig(level=logging.DEBUG)
    try:
        try:
            cli(prog_name="docket")
        finally:
            sys.stdout.flush()  # output still buffered meets a closed pipe here, not at exit
    except BrokenPipeError:
        _end_quietly_on_closed_pipe()
