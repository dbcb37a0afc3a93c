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
    "list": "docket.commands.queue:list_",
    "show": "docket.commands.queue:show",
    "history": "docket.commands.queue:history",
    "assign": "docket.commands.handling:assign",
    "return": "docket.commands.handling:return_",
    "extend": "docket.commands.handling:extend",
    "reply": "docket.commands.handling:reply",
    "evaluate": "docket.commands.handling:evaluate",
    "close": "docket.commands.handling:close",
    "calendar": "docket.commands.calendar:calendar",
    "config": "docket.commands.config:config",
    "audit": "docket.commands.config:audit",
    "backup": "docket.commands.config:backup",
    "restore": "docket.commands.config:restore",
    "remind": "docket.commands.watch:remind",
    "report": "docket.commands.watch:report",
    "export": "docket.commands.watch:export",
    "notice": "docket.commands.documents:notice",
    "brief": "docket.commands.documents:brief",
    "form": "docket.commands.documents:form",
    "score": "docket.commands.scoring:score",
    "appraisal": "docket.commands.scoring:appraisal",
}


class UserError(click.ClickException):
    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.message}", err=True)


class DocketGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if not target:
            return None
        module, attr = target.split(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:
                return None
            raise
        return getattr(mod, attr, None)

    def invoke(self, ctx: click.Context):
        from docket.core.errors import DocketError

        try:
            return super().invoke(ctx)
        except DocketError as e:
            raise UserError(str(e)) from e
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            sys.exit(130)
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
    cli(prog_name="docket")
