"""notice, brief, form: the Word documents a clerk prints (documents.md §3).

Paths of the written files go to stdout, one per line (for scripts); sentences go to stderr.
The output folder is checked before any work, so an unwritable one costs nothing.
"""
from __future__ import annotations

from pathlib import Path

import click

from docket.commands.output import dry_run_option, progress_bar, say, warn_all
from docket.commands.params import Bounded, OutPath, day
from docket.store.db import opened

NOTHING_NOTICE = "没有需要发交办通知的承办件（新的交办都已发过通知），未生成文件。"
NOTHING_NOTICE_UNIT = "{unit}没有需要发交办通知的承办件，未生成文件。"
NOTICE_DONE = "已生成交办通知{count}份（{doc_no}）。"
NOTICE_REISSUED = "已补发交办通知{count}份（{doc_nos}，沿用原文号和成文日期），未占用新文号。"
NOTICE_DRY = "试运行：将生成交办通知{count}份（{doc_no}），未写文件，未占用文号，未记录。"
BRIEF_DONE = "已生成{name}第{no}期。"
FORM_DONE = "已生成征询意见表{count}份。"
NOT_DOCX = "--out：“{path}”应为 .docx 文件，例如 工作简报-第3期.docx"
BAD_ISSUE = "--issue：“{text}”应为正整数期号，例如 3"


def _folder(text: str | None) -> Path:
    """The output folder, checked before any work; created only when there is something to
    write (docgen.issue's folder policy)."""
    from docket.docgen import issue

    return issue.output_folder(text)


def _issue(conn, rt, plan, folder: Path, label: str, names=None, total: int = 0):
    """Build, record and rename the planned batch (docgen.issue), with a progress bar."""
    from docket.docgen import issue

    bar, progress = progress_bar(total, label)
    with bar:
        return issue.issue(conn, plan, folder, actor=rt.actor, today=rt.today, names=names,
                           progress=progress)


def _print(paths) -> None:
    for p in paths:
        click.echo(str(p))


@click.command()
@click.argument("numbers", nargs=-1, type=int)
@click.option("--unit", default=None, help="只生成这个承办单位的（全称或简称）。")
@click.option("--out", type=OutPath(), default=None, help="输出目录（默认当前目录，不存在时创建）。")
@dry_run_option
@click.pass_obj
def notice(rt, numbers, unit, out, dry_run):
    """交办通知：每个承办单位一份，列出其主办、协办的件和办理期限，附交办清单。

    默认包括尚未发过交办通知的全部交办；写明编号则为这些件的承办单位生成：已发过通知的，
    补发原通知（标“补发”，沿用原文号和成文日期，期限按现状，不占用新文号）；尚未发过的，生成新通知。
    同一次生成的各份通知共用一个发文字号；生成后记录在案，下次运行只包括新的交办。
    --dry-run 只列出将生成的文件，不写文件，不占用文号。

    \b
    示例：docket notice
          docket notice --unit 县水利局 --out ./交办通知
          docket notice 12 37 --dry-run
    """
    from docket.core import documents
    from docket.docgen import issue

    folder = _folder(out)
    with opened(rt.db_path) as conn:
        def plan():
            return documents.notice_data(conn, numbers=numbers or None, unit=unit, today=rt.today,
                                         session=rt.session)
        batch = plan()
        warn_all(batch.warnings)
        if batch.issues and dry_run:
            _print(folder / name for name in issue.final_names(batch.records))
            say(NOTICE_DRY.format(count=len(batch.issues), doc_no=batch.issues[0].doc_no))
            return
        done = _issue(conn, rt, plan, folder, "生成交办通知", total=len(batch.issues)) if batch.issues else None
    if done is None or not done.paths:  # nothing selected, or another run just issued them
        say(NOTHING_NOTICE_UNIT.format(unit=unit) if unit else NOTHING_NOTICE)
        return
    _print(done.paths)
    fresh = [i for i in done.batch.issues if i.reissue_of is None]
    again = [i for i in done.batch.issues if i.reissue_of is not None]
    if fresh:
        say(NOTICE_DONE.format(count=len(fresh), doc_no=fresh[0].doc_no))
    if again:
        say(NOTICE_REISSUED.format(count=len(again), doc_nos="、".join(dict.fromkeys(i.doc_no for i in again))))


@click.command()
@click.option("--as-of", "as_of", default=None, help="统计截至某一天（默认今天）。")
@click.option("--issue", "issue_no", type=Bounded("--issue", 99_999, message=BAD_ISSUE), default=None, help="期号（默认接续上一期）。")
@click.option("--out", type=OutPath(), default=None, help="输出文件 .docx 或目录（默认当前目录，按期号命名）。")
@click.pass_obj
def brief(rt, as_of, issue_no, out):
    """工作简报：报头、期号、由办理数据生成的文章、各承办单位答复进度图、报送发范围。

    期号按简报名称（brief.name）逐期接续并记录；--issue 指定未用过的期号。

    \b
    示例：docket brief
          docket brief --as-of 2026-06-30 --out 工作简报-第3期.docx
          docket brief --issue 5
    """
    from docket.core import documents
    from docket.core.errors import BadInput

    when = day(as_of, "--as-of", rt.today)
    from docket.docgen import issue

    names = None
    target = Path(out) if out else None
    if target is not None and not target.is_dir():
        if target.suffix.lower() != ".docx":
            raise BadInput(NOT_DOCX.format(path=out))
        folder, names = issue.output_file(target)
    else:
        folder = _folder(out)
    with opened(rt.db_path) as conn:
        done = _issue(conn, rt, lambda: documents.brief_data(conn, when, issue_no, session=rt.session),
                      folder, "生成简报", names=names)
    _print(done.paths)
    say(BRIEF_DONE.format(name=done.batch.series, no=done.batch.serial))


@click.command()
@click.argument("numbers", nargs=-1, type=int, required=True)
@click.option("--out", type=OutPath(), default=None, help="输出目录（默认当前目录，不存在时创建）。")
@click.pass_obj
def form(rt, numbers, out):
    """征询意见表：每件一份（评价人为全体联名人时每人一份），随答复送代表、委员填写。

    表中列出编号、标题、承办单位、答复日期和文号，态度、结果两项评价的勾选框，以及反馈期限。

    \b
    示例：docket form 12
          docket form 12 37 58 --out ./征询意见表
    """
    from docket.core import documents

    folder = _folder(out)
    with opened(rt.db_path) as conn:
        batch = documents.form_data(conn, numbers, today=rt.today, session=rt.session)
        done = _issue(conn, rt, batch, folder, "生成征询意见表", total=len(batch.issues))
    _print(done.paths)
    say(FORM_DONE.format(count=len(done.paths)))
