"""Which columns of a wide table come first on screen: at 80 columns the ones that matter show
without scrolling (name, total, grade, rank), the indicator columns after them. The core's
tables keep their own order (the CLI, the xlsx and the 通报 print it as the contract shows)."""
from __future__ import annotations

from docket.core.records import field_label, proposer_label
from docket.tui import strings

# the scores screen (core.unit_scores.table) and the 评议 screen (core.appraisal.result_rows)
SCORES_FIRST = ("rank", "unit", "score", "grade", "lead_items", "support_items")
APPRAISAL_FIRST = ("rank", "department", "score", "grade", "level", "rate")
# the 民生实事 screen (core.projects.table_rows): the project, its result and how far it is
PROJECTS_FIRST = ("number", "title", "state_label", "yes", "rank", "progress", "planned", "color_label")


def important_first(columns: list[tuple[str, str]], keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """`columns` (key, header) with those named in `keys` first, in that order; the rest after,
    as they were."""
    front = [c for k in keys for c in columns if c[0] == k]
    return front + [c for c in columns if c[0] not in keys]


def queue_header(key: str, kind: str | None) -> str:
    """The queue's column title for items of `kind`: the proposer and lead unit columns say
    what they hold there (问题来源, 牵头单位, 责任单位: core.records, as `docket list` does)."""
    if key == "proposer":
        return proposer_label(kind)
    if key == "lead_unit":
        return field_label(key, kind, strings.COLUMNS[key]) or strings.COLUMNS[key]
    return strings.COLUMNS[key]
