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


class UserError(click.ClickException):
    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.message}", err=True)


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

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

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
