"""Files made from scores: the xlsx table and the 考评/评议结果通报 (domain.md §11, documents.md §3).

Sheets go through core.export's `add_sheet` (formula-like text kept inert with quotePrefix, a
styled frozen header, column widths fitting Chinese text). A 通报 takes the next 文号 of
`doc.prefix` (core.documents.next_serial), is saved atomically (docgen.save) and recorded
(core.documents.record_document, which refuses a 文号 taken meanwhile); if recording fails the
file is removed, so no file carries a 文号 that is not on record. Outputs name units and
counts only, never raters (背靠背, §10).

openpyxl, docgen and python-docx are imported inside the functions that need them.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docket.core.errors import BadInput

OUT_KINDS = "输出文件“{out}”应以 {kinds} 结尾"
NO_PREFIX = "尚未设置发文字号前缀；先运行 docket config set doc.prefix 青禾人大办"
NO_UNITS = "{year}年没有已交办的件，不生成通报"
NOT_COMPUTED = "评议“{round}”尚未计算结果；先运行 docket appraisal compute {round}"
RESULT_SHEET, DETAIL_SHEET = "考评结果", "指标明细"
DETAIL_HEADERS = ["承办单位", "指标", "权重", "得分", "件数", "计入总分", "依据"]


@dataclass(frozen=True, slots=True)
class Issued:
    """A written file; doc_no for a 通报 (None for a table); warnings the reader must see."""

    path: Path
    doc_no: str | None = None
    warnings: tuple[str, ...] = ()


# -- the xlsx table -------------------------------------------------------------------------------

def score_sheets(result: dict) -> list:
    """The results table (one column per top-level indicator) and every indicator's detail, as
    core.export Sheets."""
    from docket.core.export import Sheet
    from docket.core.unit_scores import describe, table

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


def write_scores_xlsx(result: dict, path: Path | str) -> Path:
    """The score table as xlsx, written to a temp name and renamed; scores shown with 2 places."""
    from docket.core.export import check_target, write_xlsx

    path = check_target(Path(path), (".xlsx",))
    return write_xlsx(path, score_sheets(result))


# -- 通报 ----------------------------------------------------------------------------------------

Build = Callable[[object, int, tuple[str, ...]], tuple[object, object]]  # (letterhead, 文号 n, 抄送) -> (data, doc)


def _issue(conn: sqlite3.Connection, kind: str, result: dict, out: Path | str | None, build: Build, *,
           actor: str, today: date) -> Issued:
    """Number, build, save and record one 文件 (the 文号 is on record only if the file exists)."""
    from docket.core.documents import cc, letterhead, next_serial, record_document
    from docket.docgen import save, scores, wording

    lh = letterhead(conn)
    if not lh.doc_prefix:
        raise BadInput(NO_PREFIX)
    target = Path(out) if out else None
    save.check_writable(target.parent if target is not None else Path.cwd())
    seq = next_serial(conn, lh.doc_prefix, today.year)
    data, doc = build(lh, seq, cc(conn, "circular"))
    if target is None:
        target = Path.cwd() / save.safe_name(scores.file_name(data))
    save.save(doc, target)
    doc_no = wording.doc_number(lh.doc_prefix, today.year, seq)
    try:
        record_document(conn, kind=kind, series=lh.doc_prefix, year=today.year, seq=seq, doc_no=doc_no,
                        path=str(target), issued_on=today, actor=actor, today=today,
                        detail={"model": result.get("model"), "model_version": result.get("model_version")})
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Issued(target, doc_no)


def _docx(out: Path | str | None) -> None:
    if out is not None and Path(out).suffix.lower() != ".docx":
        raise BadInput(OUT_KINDS.format(out=out, kinds=".docx"))


def issue_score_circular(conn: sqlite3.Connection, result: dict, *, out: Path | str | None = None,
                         actor: str, today: date) -> Issued:
    """The 考评结果通报 of a `score_units` result (default name in the current folder)."""
    _docx(out)
    if not result["units"]:
        raise BadInput(NO_UNITS.format(year=result["year"]))
    from docket.docgen import scores

    def build(lh, seq, copy_to):
        data = scores.score_report(result, lh, doc_seq=seq, issued_on=today, cc=copy_to)
        return data, scores.build_scores(data)
    return _issue(conn, "score_circular", result, out, build, actor=actor, today=today)


def write_scores(conn: sqlite3.Connection, result: dict, out: Path | str, *, actor: str,
                 today: date) -> Issued:
    """`score --out`: .xlsx writes the table, .docx issues the 通报."""
    suffix = Path(out).suffix.lower()
    if suffix == ".xlsx":
        return Issued(write_scores_xlsx(result, out))
    if suffix == ".docx":
        return issue_score_circular(conn, result, out=out, actor=actor, today=today)
    raise BadInput(OUT_KINDS.format(out=out, kinds=".xlsx 或 .docx"))


def issue_appraisal_circular(conn: sqlite3.Connection, round_name: str, *, out: Path | str | None = None,
                             allow_missing: bool = False, actor: str, today: date) -> Issued:
    """The 评议结果通报 of the round's latest computed result. A result resting on missing
    tallies is refused unless allow_missing; then the gaps come back as warnings."""
    from docket.core.appraisal import check_votes, stored_result

    _docx(out)
    res = stored_result(conn, round_name)
    if res is None:
        raise BadInput(NOT_COMPUTED.format(round=round_name))
    gaps = check_votes(res, "未生成通报", allow_missing)
    from docket.docgen import scores

    def build(lh, seq, copy_to):
        data = scores.appraisal_report(res, lh, doc_seq=seq, issued_on=today, cc=copy_to)
        return data, scores.build_appraisal(data)
    done = _issue(conn, "appraisal_circular", res, out, build, actor=actor, today=today)
    return Issued(done.path, done.doc_no, tuple(gaps))
