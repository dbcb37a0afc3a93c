"""Option values parsed as data (a bad date is exit 1 with a Chinese message, not a usage error)."""
from __future__ import annotations

from datetime import date

import click

from docket.commands import messages as cm
from docket.core.dates import parse_date


def day(text: str | None, field: str, default: date | None = None) -> date | None:
    return parse_date(text, field=field) if text else default


def yes_no(text: str | None, field: str) -> bool | None:
    from docket.core import messages as msg
    from docket.core.errors import BadInput

    if text is None:
        return None
    t = text.strip().lower()
    if t in ("yes", "y", "是", "true", "1"):
        return True
    if t in ("no", "n", "否", "false", "0"):
        return False
    raise BadInput(msg.BAD_YESNO.format(field=field))


class Positive(click.ParamType):
    """A count or an item number given as an option's value. A bad one is a data error (exit 1,
    contract §1), so this raises BadInput rather than Click's usage error (exit 2)."""

    name = "integer"

    def __init__(self, field: str) -> None:
        self.field = field

    def convert(self, value, param, ctx) -> int:
        import unicodedata

        from docket.core.errors import BadInput

        if isinstance(value, int) and value >= 1:
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if text.isascii() and text.isdigit() and len(text) > 18:  # past SQLite's integers
            raise BadInput(f"{self.field}：“{value}”过大")
        if text.isascii() and text.isdigit() and int(text) >= 1:
            return int(text)
        raise BadInput(f"{self.field}：“{value}”应为正整数")


# For a command whose positional value may start with "-" (`config set score.min_items -1`,
# `calendar due 2026-03-20 -3个月`): Click would read it as an unknown option (a usage error, exit 2);
# with this it reaches docket's own validation and its Chinese message (exit 1). Options need
# nothing: Click takes the next word as an option's value whatever it starts with.
DASH_VALUES = {"ignore_unknown_options": True}


# -- issue 12: numbers too large for the database, years typed as words, --out nowhere writable ----

class Bounded(Positive):
    """A positive integer up to `maximum` (a 20-digit --limit or --issue used to reach SQLite and
    end in 内部错误（OverflowError））. `message` ({text}: the value as typed) is what a value that
    is no positive integer is told instead of 应为正整数, when the option has a better example."""

    def __init__(self, field: str, maximum: int = 1_000_000_000, *, message: str | None = None) -> None:
        super().__init__(field)
        self.maximum, self.message = maximum, message

    def convert(self, value, param, ctx) -> int:
        import unicodedata

        from docket.core.errors import BadInput

        digits = unicodedata.normalize("NFKC", str(value)).strip()
        if digits.isascii() and digits.isdigit() and len(digits) > len(str(self.maximum)):
            raise BadInput(f"{self.field}：“{value}”过大（最大 {self.maximum}）")
        try:
            n = super().convert(value, param, ctx)
        except BadInput:
            if self.message is None:
                raise
            raise BadInput(self.message.format(text=value)) from None
        if n > self.maximum:
            raise BadInput(f"{self.field}：“{value}”过大（最大 {self.maximum}）")
        return n


class Integer(click.ParamType):
    """Any integer, such as a year: a word is a data error in Chinese (exit 1), not Click's English
    usage error; the range is the core's to check (core.score_figures.check_year names it)."""

    name = "integer"

    def __init__(self, field: str) -> None:
        self.field = field

    def convert(self, value, param, ctx) -> int:
        import re
        import unicodedata

        from docket.core.errors import BadInput

        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if re.fullmatch(r"[+-]?[0-9]{1,4000}", text):  # int() refuses 4,300+ digits
            return int(text)
        shown = str(value) if len(str(value)) <= 20 else f"{str(value)[:20]}…"
        raise BadInput(f"{self.field}：“{shown}”应为整数，例如 2026")


class OutPath(click.ParamType):
    """An --out file or folder. Refused before any work: an empty name, and a place where no file
    can be created (/proc, a read-only mount); os.access says yes to root everywhere, so the folder
    is probed by creating and removing a file. A folder not there yet is the command's to make."""

    name = "path"

    def __init__(self, field: str = "--out") -> None:
        self.field = field

    def convert(self, value, param, ctx) -> str:
        import os
        from pathlib import Path

        from docket.core.errors import BadInput

        text = str(value)
        if not text.strip():
            raise BadInput(f"{self.field}：不能为空，请写输出文件或文件夹的名称")
        if "\x00" in text:
            raise BadInput(f"{self.field}：“{text!r}”不是有效的文件名")
        path = Path(text)
        folder = path if path.is_dir() else (path.parent if str(path.parent) else Path("."))
        if not folder.is_dir():
            return text
        probe = folder / f".docket-probe-{os.getpid()}"
        try:
            os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.unlink(probe)
        except FileExistsError:
            pass
        except OSError:
            raise BadInput(f"{self.field}：无法在“{folder}”中创建文件（只读、无权限或不是普通文件夹），"
                           "请换一个输出位置") from None
        return text


def read_text_file(path: str | None, field: str, max_mb: int = 10) -> str | None:
    """A text file given as an option (--content-file): UTF-8 (BOM or not) or GB18030; anything
    else (a .docx, a picture, UTF-16 without a BOM) is refused in Chinese, not UnicodeDecodeError."""
    from pathlib import Path

    from docket.core.errors import BadInput

    if path is None:
        return None
    p = Path(path)
    try:
        if p.stat().st_size > max_mb * 1024 * 1024:
            raise BadInput(f"{field}：文件“{p.name}”超过 {max_mb} MB，不像是正文")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{field}：找不到文件“{path}”") from None
    except IsADirectoryError:
        raise BadInput(f"{field}：“{path}”是文件夹，不是文本文件") from None
    except OSError as e:
        raise BadInput(f"{field}：无法读取文件“{p.name}”（{e.strerror or type(e).__name__}）") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise BadInput(f"{field}：文件“{p.name}”不是文本文件（应为 UTF-8 或 GBK 编码的 .txt），"
                   "Word 文档请先另存为纯文本")


# -- usage errors said in Chinese (contract §1: exit 2; the message Chinese) ----------------------
# Click's parser says "Missing argument 'N'." or "No such option '--foo'."; `in_chinese` turns the
# common cases into these (cli.DocketGroup calls it on any UsageError); a usage error docket raises
# itself is already Chinese and only gets the 错误： prefix. Click's `Usage:` line stays as in --help.

class ChineseUsageError(click.UsageError):
    """A usage error (exit 2) shown as Click shows one, in Chinese: the usage line, where the help
    is, then 错误：… (as a data error's message, exit 1, begins)."""

    def show(self, file=None) -> None:
        err = file is None
        ctx = self.ctx
        if ctx is not None:
            click.echo(ctx.get_usage(), file=file, err=err, color=ctx.color)
            if ctx.command.get_help_option(ctx) is not None:
                names = ctx.command.get_help_option_names(ctx)
                click.echo(cm.USAGE_HELP.format(command=ctx.command_path, option=max(names, key=len)),
                           file=file, err=err)
            click.echo(file=file, err=err)
        click.echo(cm.ERROR_LINE.format(message=self.message), file=file, err=err, color=ctx.color if ctx else None)


def in_chinese(e: click.UsageError) -> click.UsageError:
    """The usage error `e` as a ChineseUsageError (same context, exit 2). Help shown for a group
    run without its command (NoArgsIsHelpError) passes unchanged."""
    if isinstance(e, (ChineseUsageError, click.exceptions.NoArgsIsHelpError)):
        return e
    return ChineseUsageError(_usage_text(e), e.ctx)


def _bare(text: str) -> str:
    """'--lead' / 'NUMBER' as Click quotes them, unquoted."""
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def _hint(e: click.BadParameter) -> str:
    hint = e.param_hint
    if hint is None and e.param is not None:
        hint = e.param.get_error_hint(e.ctx)
    if hint is None:
        return ""
    parts = [hint] if isinstance(hint, str) else list(hint)
    return " / ".join(_bare(p.strip()) for part in parts for p in part.split(" / "))


def _close(possibilities) -> str:
    return cm.USAGE_DID_YOU_MEAN.format(names="、".join(sorted(possibilities))) if possibilities else ""


def _usage_text(e: click.UsageError) -> str:
    import re

    message = e.message
    if isinstance(e, click.MissingParameter):
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "parameter")
        form = {"argument": cm.USAGE_MISSING_ARGUMENT, "option": cm.USAGE_MISSING_OPTION}.get(kind, cm.USAGE_MISSING)
        text = form.format(name=_hint(e))
        if e.param is not None and isinstance(e.param.type, click.Choice):
            text += cm.USAGE_CHOICES.format(choices="、".join(map(str, e.param.type.choices)))
        return text
    if isinstance(e, click.BadParameter):
        name = _hint(e)
        if m := re.fullmatch(r"(.*) is not (?:one of )?((?:'[^']*'(?:, )?)+)\.", message, re.DOTALL):
            choices = "、".join(re.findall(r"'([^']*)'", m.group(2)))
            return cm.USAGE_NOT_CHOICE.format(name=name, value=_bare(m.group(1)), choices=choices)
        if m := re.fullmatch(r"(.*) is not a valid integer\.", message, re.DOTALL):
            return cm.USAGE_NOT_INTEGER.format(name=name, value=_bare(m.group(1)))
        if m := re.fullmatch(r"(.*) is not a valid float\.", message, re.DOTALL):
            return cm.USAGE_NOT_NUMBER.format(name=name, value=_bare(m.group(1)))
        if m := re.match(r"(.*) is not a valid boolean\.", message, re.DOTALL):
            return cm.USAGE_NOT_BOOLEAN.format(name=name, value=_bare(m.group(1)))
        if m := re.fullmatch(r"(.*) is not in the range (.*)\.", message, re.DOTALL):
            return cm.USAGE_NOT_IN_RANGE.format(name=name, value=m.group(1), range=m.group(2))
        return cm.USAGE_BAD_VALUE.format(name=name, message=message) if name else message
    if isinstance(e, click.NoSuchOption):
        return cm.USAGE_NO_OPTION.format(name=e.option_name) + _close(e.possibilities)
    no_command = getattr(click.exceptions, "NoSuchCommand", None)   # Click 8.4+
    if no_command is not None and isinstance(e, no_command):
        return cm.USAGE_NO_COMMAND.format(name=e.command_name) + _close(e.possibilities)
    if isinstance(e, click.BadOptionUsage):
        if re.fullmatch(r"Option '.*' requires an argument\.", message):
            return cm.USAGE_NEEDS_VALUE.format(name=e.option_name)
        if m := re.fullmatch(r"Option '.*' requires (\d+) arguments\.", message):
            return cm.USAGE_NEEDS_VALUES.format(name=e.option_name, n=m.group(1))
        if re.fullmatch(r"Option '.*' does not take a value\.", message):
            return cm.USAGE_TAKES_NO_VALUE.format(name=e.option_name)
        return message
    if m := re.fullmatch(r"No such command '(.*)'\.", message, re.DOTALL):
        return cm.USAGE_NO_COMMAND.format(name=m.group(1))
    if m := re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", message, re.DOTALL):
        return cm.USAGE_EXTRA.format(args=m.group(1))
    return message
