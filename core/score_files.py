"""Files made from scores: the xlsx table and the 考评/评议结果通报 (domain.md §11, documents.md §3).

Sheets go through core.export's `add_sheet` (formula-like text kept inert with quotePrefix, a
styled frozen header, column widths fitting Chinese text). A 通报 is a core.documents Batch
taking the next 文号 of `doc.prefix`; docgen/issue.py builds, saves and records it (the 文号 is
on record only if the file exists). Outputs name units and counts only, never raters (背靠背,
§10).

openpyxl is imported inside the functions that need it; docgen never.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from docket.core.errors import BadInput

OUT_KINDS = "输出文件“{out}”应以 {kinds} 结尾"
NO_UNITS = "{year}年没有已交办的件，不生成通报"
NOT_COMPUTED = "评议“{round}”尚未计算结果；先运行 docket appraisal compute {round}"
RESULT_SHEET, DETAIL_SHEET = "考评结果", "指标明细"
DETAIL_HEADERS = ["承办单位", "指标", "权重", "得分", "件数", "计入总分", "依据"]


# -- the xlsx table -------------------------------------------------------------------------------

def score_sheets(result: dict) -> list:
    """The results table (one column per top-level indicator) and every indicator's detail, as
    core.export Sheets."""
    from docket.core.export import Sheet
    from docket.core.score_tables import describe, table

    _, columns = table(result)
    ranked = []
    for u in result["units"]:
        tops = [i["value"] for i in u["indicators"] if i["level"] == 1]
        ranked.append([u["rank"] if u["ranked"] else "不排名", u["unit"], u["lead_items"], u["support_items"],
                       *tops, u["score"], u["grade"]])
    detail = [[u["unit"], "　" * (i["level"] - 1) + i["name"], i["weight"], i["value"], i["n"], i["points"],
               describe(i)] for u in result["units"] for i in u["indicators"]]
    return [Sheet(RESULT_SHEET, [h for _, h in columns], ranked, decimals="0.00"),
            Sheet(DETAIL_SHEET, DETAIL_HEADERS, detail, decimals="0.00")]


def write_scores_xlsx(result: dict, path: Path | str, *, on: date) -> Path:
    """The score table as xlsx, written to a temp name and renamed; scores shown with 2 places."""
    from docket.core.export import check_target, write_xlsx

    path = check_target(Path(path), (".xlsx",))
    return write_xlsx(path, score_sheets(result), on=on)


# -- 通报 ----------------------------------------------------------------------------------------

def _numbered(conn: sqlite3.Connection, kind: str, result: dict, convert, today: date):
    from docket.core.batches import prefixed_file

    model = {"model": result.get("model"), "model_version": result.get("model_version")}
    return prefixed_file(conn, kind, lambda lh, seq, cc: convert(result, lh, doc_seq=seq, issued_on=today, cc=cc),
                         today=today, detail=model, event_detail=model)


def docx_out(out: Path | str | None) -> Path | None:
    """A 通报's --out: None (the default name in the current folder) or a .docx file."""
    if out is not None and Path(out).suffix.lower() != ".docx":
        raise BadInput(OUT_KINDS.format(out=out, kinds=".docx"))
    return Path(out) if out is not None else None


def score_out(out: Path | str) -> str:
    """`score --out`: .xlsx writes the table, .docx issues the 通报; anything else is refused."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise BadInput(OUT_KINDS.format(out=out, kinds=".xlsx 或 .docx"))
    return suffix


def score_batch(conn: sqlite3.Connection, result: dict, *, today: date):
    """The 考评结果通报 of a `score_units` result, as a batch to issue."""
    from docket.core.docdata import score_report

    if not result["units"]:
        raise BadInput(NO_UNITS.format(year=result["year"]))
    return _numbered(conn, "score_circular", result, score_report, today)


def appraisal_batch(conn: sqlite3.Connection, round_name: str, *, allow_missing: bool = False,
                    today: date):
    """The 评议结果通报 of the round's latest computed result, as a batch to issue. A result
    resting on missing tallies is refused unless allow_missing; then the gaps come back as the
    batch's warnings."""
    from dataclasses import replace

    from docket.core.appraisal_results import check_votes, stored_result
    from docket.core.docdata import appraisal_report

    res = stored_result(conn, round_name)
    if res is None:
        raise BadInput(NOT_COMPUTED.format(round=round_name))
    gaps = check_votes(res, "未生成通报", allow_missing)
    batch = _numbered(conn, "appraisal_circular", res, appraisal_report, today)
    return replace(batch, warnings=tuple(gaps))
