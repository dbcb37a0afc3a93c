"""What each generated document needs, as plain frozen records, and the document vocabulary.

Core computes these records from the store (core.documents, core.stats, core.reminders,
core.score_files); docgen's builders print them and compute nothing but layout and wording;
docgen.data re-exports them under their old names. Stdlib only: no docx, no database. Rates are
exact `Fraction`s (or None when the denominator is 0) so that documents round them once, half
up, on the exact value (`documents.md` §4).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from docket.core.dates import from_iso

# Words by body (documents.md §3).
TERMS = {
    "npc": {"member": "代表", "item": "建议", "items": "代表建议", "proposer": "领衔代表",
            "cosigners": "联名代表", "committee": "代表工作委员会", "decider": "主任会议"},
    "cppcc": {"member": "委员", "item": "提案", "items": "提案", "proposer": "第一提案人",
              "cosigners": "联名提案人", "committee": "提案委员会", "decider": "提案委员会"},
}


def terms(body: str) -> dict[str, str]:
    """The words of one body (npc or cppcc)."""
    return TERMS.get(body, TERMS["npc"])


def doc_number(prefix: str, year: int, n: int) -> str:
    """青禾人大办〔2026〕3号: U+3014/3015, no 第, no leading zero."""
    if n < 1:
        raise ValueError(f"发文字号序号必须从1开始，收到 {n}")
    return f"{prefix}〔{year}〕{n}号"


def join_names(names) -> str:
    """Every name joined with 、: a unit praised, criticised, graded or asked to act is always
    named, however many there are (docs/documents.md: the clerk's reading of documents.md §3.3)."""
    return "、".join(names)


NEUTRAL_MAX = 10


def join_some(names, measure: str = "个单位") -> str:
    """A neutral list (who took part): over 10 names, the first 10 then 等N个单位."""
    names = list(names)
    if len(names) > NEUTRAL_MAX:
        return "、".join(names[:NEUTRAL_MAX]) + f"等{len(names)}{measure}"
    return "、".join(names)


Body = Literal["npc", "cppcc"]
Color = Literal["white", "yellow", "red"]
Role = Literal["lead", "support"]


@dataclass(frozen=True, slots=True)
class Fonts:
    """The `doc.font.*` settings: official font names written into every run."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    hei: str = "黑体"
    kai: str = "楷体_GB2312"
    song: str = "宋体"
    latin: str = ""  # overrides ascii/hAnsi only, e.g. "Times New Roman"
    body_ext: str = "仿宋"  # for characters outside GB2312 inside 仿宋_GB2312 runs
    kai_ext: str = "楷体"  # the same inside 楷体_GB2312 runs


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The issuing office: names, 文号 prefixes, contact line, colours and fonts."""

    org_name: str  # 青禾县人大常委会
    org_short: str  # 县人大常委会
    doc_prefix: str  # 青禾人大办
    signer: str = ""  # 署名 and 印发机关; default org_name
    mark: str = ""  # 发文机关标志; default org_name + "文件"
    letter_prefix: str = ""  # 函 series prefix; default doc_prefix + "函"
    contact: str = ""  # 联系人
    phone: str = ""  # 联系电话
    body: Body = "npc"
    red: str = "FF0000"
    fonts: Fonts = field(default_factory=Fonts)

    @property
    def signer_name(self) -> str:
        """The 署名, falling back to the organisation name."""
        return self.signer or self.org_name

    @property
    def mark_text(self) -> str:
        """The 发文机关标志 text."""
        return self.mark or self.org_name + "文件"

    @property
    def letter_series(self) -> str:
        """The prefix of the 函 series."""
        return self.letter_prefix or self.doc_prefix + "函"


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """One row of the 交办清单: an item as this unit sees it."""

    number: int
    title: str
    proposer: str  # 领衔代表 / 第一提案人
    lead_unit: str
    support_units: tuple[str, ...]
    due_on: date  # this unit's date: reply as lead, opinion to the lead as supporter


@dataclass(frozen=True, slots=True)
class NoticeData:
    """One 交办通知 for one unit; all copies of a run share doc_seq."""

    letterhead: Letterhead
    session_short: str  # 县十八届人大五次会议
    unit: str
    doc_seq: int  # n in 青禾人大办〔2026〕n号, from the store's counter
    issued_on: date
    items_lead: tuple[NoticeItem, ...]
    items_support: tuple[NoticeItem, ...] = ()
    objection_until: date | None = None  # end of `deadline.objection`
    objection_period: str = "5个工作日"  # the setting as a Chinese period
    decided_by: str = ""  # 县人大常委会主任会议; default from the body's wording
    cc: tuple[str, ...] = ()  # doc.cc.notice
    # a 补发 (a notice already issued, sent again): doc_no and issued_on are the original's, as
    # recorded; reissued_on is the day it is sent again (the 版记's 印发 date)
    doc_no: str = ""  # the recorded 文号, printed as is ('' : from doc_prefix and doc_seq)
    reissued_on: date | None = None


@dataclass(frozen=True, slots=True)
class ReminderItem:
    """One item in a 催办通知 / 督办函, with its state at as_of."""

    number: int
    title: str
    role: Role
    due_on: date
    color: Color
    days_overdue: int = 0  # calendar days past due_on (remind JSON `days_overdue`)
    workdays_left: int | None = None  # working days after as_of up to due_on, when not overdue
    times: int = 1  # this is the item's n-th reminder
    lag: float | None = None  # points behind plan, when that (not the due date) gives the colour


@dataclass(frozen=True, slots=True)
class ReminderData:
    """One reminder for one unit; the highest colour picks 催办通知 (yellow) or 督办函 (red)."""

    letterhead: Letterhead
    unit: str
    issued_on: date  # as_of
    items: tuple[ReminderItem, ...]
    reply_by: date | None = None  # as_of + remind.repeat, for the 督办函
    letter_seq: int | None = None  # n in the 函 series, for the 督办函
    color_labels: tuple[str, str, str] = ("白色", "黄色", "红色")
    cc: tuple[str, ...] = ()
    cc_escalate: tuple[str, ...] = ()  # doc.cc.escalate, added from an item's second reminder
    kind: str = ""  # the items' kind: rectification and project items are named as such
    round: str = ""  # the items' session when not the run's own (a rectification round ...): named

    @property
    def level(self) -> Color:
        """The unit's highest colour among the listed items."""
        colors = {i.color for i in self.items}
        return "red" if "red" in colors else "yellow" if "yellow" in colors else "white"


@dataclass(frozen=True, slots=True)
class LateReportItem:
    """One item whose unit has not reported its progress in time (未按时报送进度)."""

    number: int
    title: str
    kind: str  # rectification | project
    expected_on: date  # the day the missing report was due
    days_late: int  # calendar days since expected_on (remind JSON `days_overdue`)
    times: int = 1  # this is the n-th reminder for the missing report


@dataclass(frozen=True, slots=True)
class ProgressReminderData:
    """The notice to one unit late with its progress reports (关于报送整改进度的通知 /
    关于报送民生实事项目进度的通知): a 催办通知 in form (no 版头, no 文号)."""

    letterhead: Letterhead
    unit: str
    issued_on: date  # as_of
    items: tuple[LateReportItem, ...]
    report_by: date | None = None  # as_of + remind.repeat

    @property
    def kinds(self) -> tuple[str, ...]:
        """The items' kinds, rectification before project."""
        return tuple(k for k in ("rectification", "project") if any(i.kind == k for i in self.items))


@dataclass(frozen=True, slots=True)
class ClassCount:
    """A reply class with its label and count (A, 所提问题已经解决或者基本解决, 48)."""

    code: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Figures:
    """The overall figures of the status report, shared by the 通报 and the 简报."""

    as_of: date
    session_short: str
    total: int  # items received
    assigned: int
    units_count: int
    replied: int
    reply_rate: Fraction | None
    on_time: int
    on_time_rate: Fraction | None
    overdue: int
    evaluated: int = 0
    satisfied: int = 0
    basic: int = 0
    dissatisfied: int = 0
    satisfaction_rate: Fraction | None = None
    basic_is_satisfied: bool = True
    classes: tuple[ClassCount, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One unit's line in 附件1 of the 通报."""

    unit: str
    lead: int
    support: int
    replied: int
    on_time_rate: Fraction | None
    satisfaction_rate: Fraction | None
    overdue: int


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """One line of 附件2: an item past due without a reply."""

    number: int
    title: str
    lead_unit: str
    due_on: date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class CircularData:
    """The 办理情况通报: figures, per-unit rows, units praised and units behind."""

    letterhead: Letterhead
    figures: Figures
    doc_seq: int
    issued_on: date
    units: tuple[UnitRow, ...]
    total_row: UnitRow | None = None  # the 合计 row; summed from units when None
    praised: tuple[str, ...] = ()
    behind: tuple[str, ...] = ()
    overdue_items: tuple[OverdueItem, ...] = ()
    fix_by: date | None = None  # 请于…前办结
    cc: tuple[str, ...] = ()  # doc.cc.circular


@dataclass(frozen=True, slots=True)
class Article:
    """A briefing article: title, optional 编者按, paragraphs."""

    title: str
    paragraphs: tuple[str, ...]
    editor_note: str = ""


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One unit's bars in the briefing chart: items it leads, and of those replied."""

    unit: str
    assigned: int
    replied: int


@dataclass(frozen=True, slots=True)
class BriefData:
    """One issue of the 工作简报; article 1 is written from the figures."""

    letterhead: Letterhead
    name: str  # brief.name, 代表建议办理工作简报
    issue_no: int
    issued_on: date
    unit: str  # brief.unit, 编印单位
    figures: Figures
    chart: tuple[ChartRow, ...]
    articles: tuple[Article, ...] = ()  # after the generated article 1
    total_no: int | None = None  # （总第27期）
    internal: bool = False  # 内部资料　注意保存
    report_to: tuple[str, ...] = ()
    send_to: tuple[str, ...] = ()
    issue_to: tuple[str, ...] = ()
    copies: int | None = None


@dataclass(frozen=True, slots=True)
class FormData:
    """One 征询意见表 for one item and one rater."""

    letterhead: Letterhead
    number: int
    title: str
    proposer: str
    issued_on: date  # for the core properties
    category: str = ""
    co_signers: tuple[str, ...] = ()
    lead_unit: str = ""
    support_units: tuple[str, ...] = ()
    replied_on: date | None = None
    reply_no: str = ""
    rater: str = ""  # whose form this is; default the proposer
    dimensions: int = 2  # 2: 态度 and 结果; 1: one 办理情况 row
    extra_levels: tuple[str, ...] = ()  # 弃权 / 不了解, when configured
    contacted: bool = True  # print the 办理前是否与您联系 row
    return_by: date | None = None


# -- 考评结果通报 and 评议结果通报 ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One unit: its top-level indicator values (None: no data), score, grade and rank."""
    unit: str
    lead_items: int
    values: tuple[float | None, ...]
    score: float | None
    grade: str | None
    rank: int | None


@dataclass(frozen=True, slots=True)
class ScoreReportData:
    letterhead: Letterhead
    year: int
    doc_seq: int
    issued_on: date
    model_title: str
    model_version: int
    indicators: tuple[tuple[str, float], ...]     # top-level (name, weight)
    rows: tuple[ScoreRow, ...]                    # ranked first, by rank
    min_items: int
    bands: tuple[str, ...]                        # grade labels, best first
    cc: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupTally:
    """One department's counts in one voter group, as printed; no voter is named."""
    group: str
    members: int
    present: int
    satisfied: int
    basic: int
    dissatisfied: int
    abstain: int            # 弃权 + 不了解
    score: float | None
    rate: Fraction | None
    level: str | None


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    department: str
    values: tuple[float | None, ...]
    score: float | None
    grade: str | None
    rank: int | None
    level: str | None
    tallies: tuple[GroupTally, ...]


@dataclass(frozen=True, slots=True)
class AppraisalReportData:
    letterhead: Letterhead
    round_name: str                               # 2026年度部门工作评议
    doc_seq: int
    issued_on: date
    indicators: tuple[tuple[str, float], ...]
    groups: tuple[tuple[str, float], ...]         # (name, weight)
    rows: tuple[DepartmentRow, ...]               # by rank
    bands: tuple[str, ...]
    cc: tuple[str, ...] = ()


def score_report(result: dict, lh: Letterhead, *, doc_seq: int, issued_on: date,
                 cc: tuple[str, ...] = ()) -> ScoreReportData:
    """The record for `core.unit_scores.score_units(...)`'s result."""
    units = result["units"]
    tops = [i for i in units[0]["indicators"] if i["level"] == 1] if units else []
    # a unit without lead items has nothing of its own to score (its support indicator alone
    # gave 100.00 优秀), and an unranked unit gets no grade: the 通报 prints neither
    rows = tuple(ScoreRow(u["unit"], u["lead_items"],
                          tuple(i["value"] for i in u["indicators"] if i["level"] == 1),
                          u["score"] if u["lead_items"] else None,
                          u["grade"] if u["ranked"] else None,
                          u["rank"] if u["ranked"] else None) for u in units)
    return ScoreReportData(lh, result["year"], doc_seq, issued_on, result["model_title"],
                           result["model_version"], tuple((i["name"], i["weight"]) for i in tops), rows,
                           result["min_items"], tuple(result["bands"]), cc)


def appraisal_report(result: dict, lh: Letterhead, *, doc_seq: int, issued_on: date,
                     cc: tuple[str, ...] = ()) -> AppraisalReportData:
    """The record for `core.appraisal.compute(...)`'s stored result; rates exact from the counts."""
    deps = result["departments"]
    tops = [i for i in deps[0]["indicators"] if i["level"] == 1] if deps else []
    rows = []
    for d in deps:
        tallies = tuple(GroupTally(
            g["group"], g["members"], g["present"], g["satisfied"], g["basic"], g["dissatisfied"],
            g["abstain"] + g["unknown"], g["score"],
            Fraction(g["satisfied"] + g["basic"], g["valid"]) if g["valid"] else None, g["level"])
            for g in d["vote"]["groups"])
        rows.append(DepartmentRow(d["department"],
                                  tuple(i["value"] for i in d["indicators"] if i["level"] == 1),
                                  d["score"], d["grade"], d["rank"], d["vote"]["level"], tallies))
    bands = tuple(result.get("bands") or ("优秀", "良好", "一般", "较差"))
    return AppraisalReportData(lh, result["round"], doc_seq, issued_on,
                               tuple((i["name"], i["weight"]) for i in tops),
                               tuple((g["group"], g["weight"]) for g in result["groups"]), tuple(rows),
                               bands, cc)


# -- 整改情况通报 (domain.md §12; docgen/rectify_circular.py) -------------------------------------

@dataclass(frozen=True, slots=True)
class RectifyUnitRow:
    """One responsible unit's line in 附件1 of the 整改情况通报."""

    unit: str
    total: int
    done: int
    completion_rate: Fraction | None
    overdue: int          # past the due date, not done
    lagging: int          # yellow or red by progress lag, not overdue
    late_reports: int     # 未按时报送进度


@dataclass(frozen=True, slots=True)
class RectifyItemRow:
    """One problem of 附件2: behind its plan or past its due date."""

    number: int
    problem: str
    unit: str
    due_on: date
    progress: int | None
    planned: float | None
    status: str           # 逾期 | 进度滞后


@dataclass(frozen=True, slots=True)
class RectifyCircularData:
    """The (monthly) 整改情况通报 of one rectification round."""

    letterhead: Letterhead
    round_name: str
    as_of: date
    doc_seq: int
    issued_on: date
    total: int
    done: int
    closed: int
    completion_rate: Fraction | None
    on_time: int
    on_time_decided: int
    on_time_rate: Fraction | None
    rechecked: int
    recheck_passed: int
    recheck_rate: Fraction | None
    accountability: int
    units: tuple[RectifyUnitRow, ...]
    behind: tuple[str, ...] = ()          # units with an overdue or lagging problem
    late_units: tuple[str, ...] = ()      # units late with their progress reports
    items: tuple[RectifyItemRow, ...] = ()
    fix_by: date | None = None
    update_every: str = ""                # 7日: rectify.update_every as words
    cc: tuple[str, ...] = ()


# -- 民生实事项目情况报告 (domain.md §13) ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One candidate as the report prints it: counts of the ballot it was decided on, its result,
    and for an adopted project its lead unit, due date, progress and test results (exact rates)."""
    number: int
    title: str
    unit: str
    budget: float | None
    yes: int | None
    no: int | None
    abstain: int | None
    rank: int | None
    result: str | None          # adopted | not_adopted | revote | None (not voted on)
    lead_unit: str | None
    due_on: date | None
    progress: int | None
    planned: float | None
    color: str | None
    mid: Fraction | None
    mid_level: str | None
    final: Fraction | None
    final_level: str | None


@dataclass(frozen=True, slots=True)
class ProjectReportData:
    letterhead: Letterhead
    round_name: str                               # 2027年民生实事项目
    doc_seq: int
    issued_on: date
    places: int
    ballots: tuple[tuple[int, int, int, str, str], ...]   # (members, present, valid, base, threshold votes)
    rows: tuple[ProjectRow, ...]                  # list order
    overall: tuple[tuple[str, Fraction | None, int], ...]  # (stage, rate, projects tested)
    cc: tuple[str, ...] = ()


def project_report(result: dict, lh: Letterhead, *, doc_seq: int, issued_on: date,
                   cc: tuple[str, ...] = ()) -> ProjectReportData:
    """The record for `core.projects.standing(...)`; rates exact from the counts."""
    from docket.core.projects import exact_rate as exact
    from docket.core.projects import stage_rates

    rows = tuple(ProjectRow(
        r["number"], r["title"], r["unit"], r["budget"], r["yes"], r["no"], r["abstain"], r["rank"], r["result"],
        r["lead_unit"], from_iso(r["due_on"]), r["progress"], r["planned"],
        r["color"], exact(r["tests"].get("mid")), (r["tests"].get("mid") or {}).get("level"),
        exact(r["tests"].get("final")), (r["tests"].get("final") or {}).get("level"))
        for r in result["projects"])
    ballots = tuple((b["members"], b["present"], b["valid"], b["base"], str(b["threshold_votes"]))
                    for b in result["ballots"])
    return ProjectReportData(lh, result["round"], doc_seq, issued_on, result["places"], ballots, rows,
                             stage_rates(result), cc)


# -- 向人民报告 (domain.md §14, issue 15; docgen/public_report.py) -----------------------------------

@dataclass(frozen=True, slots=True)
class PublicProjectRow:
    """One adopted 民生实事 project as the public reads it: no ballot detail beyond its 赞成."""
    number: int
    title: str
    lead_unit: str
    budget: float | None
    due_on: date | None
    progress: int | None
    mid: Fraction | None
    final: Fraction | None


@dataclass(frozen=True, slots=True)
class PublicReplyRow:
    """One disclosed reply (core/disclosure.public_rows, already masked)."""
    number: int
    title: str
    unit: str
    class_code: str
    class_label: str
    replied_on: str


@dataclass(frozen=True, slots=True)
class PublicReportData:
    """向人民报告: the year's results in figures, the projects, rectification, disclosed replies.
    No person is named: titles are masked (§14), counts only."""
    letterhead: Letterhead
    year: int
    as_of: date
    doc_seq: int
    issued_on: date
    session: str
    assigned: int
    replied: int
    reply_rate: Fraction | None
    evaluated: int
    satisfied: int
    basic: int
    dissatisfied: int
    satisfaction_rate: Fraction | None
    solved_rate: Fraction | None
    project_round: str | None = None
    places: int = 0
    projects: tuple[PublicProjectRow, ...] = ()
    project_tests: tuple[tuple[str, Fraction | None, int], ...] = ()   # (stage, overall rate, projects)
    rectify_round: str | None = None
    rectify_total: int = 0
    rectify_done: int = 0
    rectify_completion: Fraction | None = None
    rectify_on_time: Fraction | None = None
    rectify_recheck: Fraction | None = None
    rectify_accountability: int = 0
    replies: tuple[PublicReplyRow, ...] = ()
    cc: tuple[str, ...] = ()
    solved: int = 0                     # A类 (所提问题已经解决或者基本解决) of the replied
    rectify_on_time_count: int = 0      # counts beside the rates (documents.md §4)
    rectify_rechecked: int = 0
    rectify_recheck_passed: int = 0

@dataclass(frozen=True, slots=True)
class PacketLetterData:
    """The cover letter (函, the 函 series) sent with one unit's 办理情况反馈表 (issue 18)."""

    letterhead: Letterhead
    unit: str
    packet_serial: int  # the 反馈表's number, printed so the unit can quote it
    packet_file: str  # the workbook it covers
    leads: int  # rows the unit handles as lead
    supports: int  # rows it supports
    letter_seq: int  # n in the 函 series
    issued_on: date
