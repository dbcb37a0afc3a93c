"""similar: the earlier items an item looks like (issue 16); the intake lines of add and import."""
from __future__ import annotations

import click

from docket.commands.messages import (
    SIMILAR_EXAMPLE,
    SIMILAR_HEAD,
    SIMILAR_IMPORT_SUMMARY,
    SIMILAR_INTAKE_LINE,
    SIMILAR_LINE,
    SIMILAR_NONE,
)
from docket.commands.output import dump_json, echo, json_option, say
from docket.store.db import opened


def _where(x) -> str:
    return "" if x.same_session else f"（{x.session}）"


def lookalike_line(x) -> str:
    shared = f"  共同：{'、'.join(x.shared)}" if x.shared else ""
    return SIMILAR_LINE.format(number=x.number, where=_where(x), score=round(x.score * 100), title=x.title,
                       shared=shared)


@click.command()
@click.argument("number", type=int)
@json_option
@click.pass_obj
def similar(rt, number, json_):
    """相似件：本届和往届在先的、标题和内容相近的件，附相似度和共同的词句。

    \b
    示例：docket similar 15
          docket similar 15 --json
    """
    from docket.core.similar import similar as find

    with opened(rt.db_path) as conn:
        item, found = find(conn, number, session=rt.session)
    if json_:
        dump_json([x.as_json() for x in found])
        return
    if not found:
        say(SIMILAR_NONE.format(number=number))
        return
    echo(SIMILAR_HEAD.format(number=number, title=item["title"]))
    for x in found:
        echo(lookalike_line(x))


def say_intake(conn, numbers: list[int], *, session: str | None, file: str | None = None) -> None:
    """After add or import: a line per look-alike (add), or a summary per file (import). Never
    blocks the intake: a failure to look is not the clerk's problem."""
    from docket.core.similar import intake_notes

    notes = intake_notes(conn, numbers, session=session)
    if file is None:
        for note in notes:
            for x in note.alikes:
                say(SIMILAR_INTAKE_LINE.format(number=note.number, other=x.number, where=_where(x),
                                       score=round(x.score * 100), title=x.title))
        return
    if notes:
        examples = "、".join(SIMILAR_EXAMPLE.format(number=n.number, other=n.alikes[0].number) for n in notes[:5])
        say(SIMILAR_IMPORT_SUMMARY.format(file=file, n=len(notes), examples=examples))
