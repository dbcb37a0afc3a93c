"""Fixed Chinese wording, user-text cleaning and number/date formatting for documents.

Stdlib only (no docx): the phrases live here, apart from the layout code, so that a clerk's
change of wording touches one file. All fixed text uses full-width punctuation.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from docket.core.dates import format_cn
from docket.core.numbers import percent  # noqa: F401  (documents print rates as reports do)
from docket.core.text import strip_terminal

# Words by body (documents.md §3) and the 文号 format: core's, as the records are.
from docket.core.docdata import NEUTRAL_MAX, TERMS, doc_number, terms  # noqa: E402,F401

TABLE_PROPOSER = {"npc": "领衔代表", "cppcc": "提案人"}

CLASS_LABELS = {"A": "所提问题已经解决或者基本解决", "B": "正在解决或者列入规划逐步解决",
                "C": "因目前条件限制或者其他原因需待以后解决", "D": "留作参考"}


# 交办通知 body (§3.1).
NOTICE_TITLE = "关于交办{session}{items}的通知"
NOTICE_OPENING = ("{session}期间{member}提出的{item}，经{decider}研究，现交由有关单位办理。"
                  "其中，你单位{counts}（详见附件）。现将有关事项通知如下。")
NOTICE_POINTS = (
    ("一、明确办理责任",
     "主办单位对所办{item}负总责，与协办单位协商后统一答复{member}；协办单位应在附件所列期限前"
     "将书面意见送主办单位。"),
    ("二、严格办理时限",
     "请于附件所列期限前答复{member}。{objection}逾期不再调整，不得自行转办。"),
    ("三、加强沟通协商",
     "办理过程中应主动与{member}联系沟通，答复前当面或者电话听取{member}意见，答复时随函附送"
     "征询意见表。"),
)
NOTICE_OBJECTION = "如认为交办不当，请于{until}前（{period}内）书面说明理由，"
NOTICE_LIST = "{session}{items}交办清单"
NOTICE_COLUMNS = ("序号", "编号", "标题", "{proposer}", "主办单位", "协办单位", "办理期限")

# 催办通知 / 督办函 (§3.2).
REMIND_TITLE_YELLOW = "关于抓紧办理{items}的通知"
REMIND_TITLE_RED = "关于督促办理逾期{items}的函"
REMIND_BODY_YELLOW = ("你单位承办的下列{items}办理期限即将届满，请抓紧办理，确保按期答复；"
                      "确需延期的，请在期限届满前书面申请。")
REMIND_AGAIN_YELLOW = "其中，{numbers}已多次催办，请抓紧办理。"
# the 督办函 body and its escalation sentence: in the block at the end (by role)
REMIND_COLUMNS = ("序号", "编号", "标题", "承办方式", "办理期限", "办理状态", "预警")

# 办理情况通报 (§3.3).
CIRCULAR_TITLE = "关于{session}{items}办理情况的通报"
CIRCULAR_TO = "各承办单位："
CIRCULAR_HEADINGS = ("一、总体情况", "二、表扬与督促", "三、下一步工作要求")
CIRCULAR_NEXT = (
    "各承办单位要进一步提高思想认识，对尚未办结的{items}逐件梳理，明确责任人和完成时限，确保按期"
    "办结；对{member}评价为不满意的，要认真分析原因，重新研究办理，并再次征求{member}意见。",
    "要坚持办理过程与办理结果并重，加强与{member}的沟通联系，推动“答复型”向“落实型”转变；"
    "对已答复列入规划逐步解决的事项，要跟踪落实，及时向{member}反馈进展。",
)
CIRCULAR_ATTACHMENTS = ("各承办单位办理情况统计表", "逾期未答复{items}清单")
UNIT_COLUMNS = ("序号", "承办单位", "主办件数", "协办件数", "已答复", "按期答复率", "满意率", "逾期件数")
OVERDUE_COLUMNS = ("序号", "编号", "标题", "主办单位", "办理期限", "逾期天数")
TOTAL_LABEL = "合计"

# 整改情况通报 (domain.md §12; docgen/rectify_circular.py).
RECTIFY_TITLE = "关于{round}情况的通报"
RECTIFY_TO = "各责任单位："
RECTIFY_HEADINGS = ("一、总体情况", "二、存在的问题", "三、下一步工作要求")
RECTIFY_NEXT = (
    "各责任单位要对照问题清单、责任清单、整改清单，逐项细化目标、措施和时限，主要负责同志要亲自"
    "过问，确保一问题一方案、按期整改到位。",
    "对进度滞后和逾期未完成的问题，要分析原因、倒排工期、加快推进；整改完成后要及时提请复查，"
    "复查通过的问题要适时开展回头看，防止问题反弹。对整改不力、敷衍整改的，将按规定予以问责。",
)
RECTIFY_ATTACHMENTS = ("各责任单位整改情况统计表", "进度滞后和逾期问题清单")
RECTIFY_UNIT_COLUMNS = ("序号", "责任单位", "问题数", "已整改", "整改完成率", "逾期", "进度滞后", "未按时报送")
RECTIFY_ITEM_COLUMNS = ("序号", "编号", "问题", "责任单位", "整改时限", "进度", "计划进度", "状态")
RECTIFY_ALL_ON_PLAN = "各责任单位均按计划推进整改，未发现进度滞后或逾期的问题。"

# 工作简报 (§3.4).
BRIEF_INTERNAL = "内部资料　注意保存"
BRIEF_ARTICLE_TITLE = "{session}{items}办理工作进展情况"
BRIEF_EDITOR = "编者按："
CHART_CAPTION = "图{n}　各承办单位答复进度（截至{as_of}）"
# the chart shows the units with the most items: the caption says which
CHART_CAPTION_TOP = "图{n}　交办件数前{k}位承办单位答复进度（截至{as_of}）"
CHART_UNIT = "承办单位"
CHART_ASSIGNED = "交办件数"
CHART_REPLIED = "已答复件数"

# 征询意见表 (§3.5).
FORM_TITLE = {"npc": "代表建议办理情况征询意见表", "cppcc": "提案办理情况征询意见表"}
FORM_NOTE = ("说明：1.请在相应“□”内打“√”。2.评价为“不满意”的，请在“意见和建议”栏说明理由。"
             "3.{when}反馈{signer}{contact}。")
FORM_LEVELS = ("满意", "基本满意", "不满意")

_CJK = "\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3000-\u303f\uff00-\uffef"
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u200b\ud800-\udfff]")
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\r?\n[ \t]*(?=[{_CJK}])")
_ASCII_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCT_NEAR_CJK = re.compile(f"(?<=[{_CJK}])[,;:?!()]|[,;:?!()](?=[{_CJK}])")
_QUOTED_CJK = re.compile(f'"([^"\\n]*[{_CJK}][^"\\n]*)"')


def clean(text: object) -> str:
    """Make one-line user text safe for XML and tidy (documents.md §4 `clean()`, steps 1–5)."""
    s = _clean_common(text)
    s = _CJK_BREAK.sub("", s)
    s = re.sub(r"\s*[\r\n]+\s*", " ", s)
    return s.strip().strip("\u3000").strip()


def clean_lines(text: object) -> list[str]:
    """Multi-line user text: one cleaned paragraph per non-empty line (step 6)."""
    s = _clean_common(text)
    lines = (ln.strip().strip("\u3000").strip() for ln in re.split(r"\r\n|\r|\n", s))
    return [ln for ln in lines if ln]


def _clean_common(text: object) -> str:
    # a whole escape sequence out, not only its ESC: no remnant such as [31m (core/text.py)
    s = "" if text is None else strip_terminal(str(text))
    # lone surrogates cannot be NFC-normalised as str in every build; drop them first
    s = _DROP.sub("", s)
    s = unicodedata.normalize("NFC", s)
    s = _DROP.sub("", s)
    return s.replace("\t", " ")


def punct(text: str) -> str:
    """ASCII ,;:?!() next to CJK become full-width; "…" around CJK becomes “…”."""
    s = _QUOTED_CJK.sub(lambda m: "“" + m.group(1) + "”", text)
    return _PUNCT_NEAR_CJK.sub(lambda m: _ASCII_PUNCT[m.group(0)], s)


def user(text: object) -> str:
    """Clean one-line user text and fix its punctuation: what every builder prints."""
    return punct(clean(text))


def cn_date(d: date) -> str:
    """2026年3月5日."""
    return format_cn(d)


def join_names(names: tuple[str, ...] | list[str]) -> str:
    """Every name joined with 、 (core.docdata.join_names), each cleaned for the document."""
    from docket.core.docdata import join_names as join

    return join(n for n in (user(x) for x in names) if n)


def join_some(names: tuple[str, ...] | list[str], measure: str = "个单位") -> str:
    """A neutral list (who took part): over 10 names, the first 10 then 等N个单位."""
    from docket.core.docdata import join_some as join

    return join((n for n in (user(x) for x in names) if n), measure)


def cc_line(names: tuple[str, ...]) -> str:
    """抄送：甲，乙。"""
    return "抄送：" + "，".join(user(n) for n in names if user(n)) + "。"


def text_width(text: str) -> float:
    """Width in characters of the running size: CJK and full-width 1, half-width ½."""
    return sum(0.5 if unicodedata.east_asian_width(c) in "NaH" else 1.0 for c in text)


def status_text(days_overdue: int, workdays_left: int | None, lag: float | None = None) -> str:
    """逾期12天 / 滞后30个百分点 / 剩余3个工作日 / 今日到期 for a reminder row (`lag`: the
    points a tracked item is behind its plan, when that and not the due date gives the colour)."""
    if days_overdue > 0:
        return f"逾期{days_overdue}天"
    if lag is not None:  # whole points: 滞后42个百分点 holds one line of the 办理状态 column
        from fractions import Fraction

        from docket.core.numbers import round_half_up

        return REMIND_BEHIND.format(lag=int(round_half_up(Fraction(str(lag)), 0)))
    if workdays_left:
        return f"剩余{workdays_left}个工作日"
    return "今日到期"


# -- 督办函 by role, and the 补发 of a 交办通知 (issue 14 items 3 and 6) -----------------------
# A supporting unit does not answer the member: it sends its opinion to the lead unit by its
# own date (the row's 办理期限); a letter to a unit that both leads and supports says both.
REMIND_BODY_YELLOW_SUPPORT = ("你单位协办的下列{items}提出协办意见的期限即将届满，请抓紧办理，"
                              "确保在所列期限前向主办单位提出书面协办意见；确需延期的，请在期限届满前书面申请。")
REMIND_BODY_YELLOW_BOTH = ("你单位承办的下列{items}办理期限即将届满，请抓紧办理：主办的，确保按期答复"
                           "{member}；协办的，确保在所列期限前向主办单位提出书面协办意见。确需延期的，"
                           "请在期限届满前书面申请。")
REMIND_RED_ASK = {
    "lead": "请于{reply_by}前答复{member}",
    "support": "请于{reply_by}前向主办单位提出书面协办意见",
    "both": "请于{reply_by}前办理完毕（主办的答复{member}，协办的向主办单位提出书面协办意见）",
}
REMIND_RED_ASK_NO_DATE = {
    "lead": "请尽快答复{member}",
    "support": "请尽快向主办单位提出书面协办意见",
    "both": "请尽快办理完毕（主办的答复{member}，协办的向主办单位提出书面协办意见）",
}
REMIND_BODY_RED_ROLES = ("你单位承办的下列{items}中，有{n}件已超过规定办理期限，{ask}，并将逾期原因书面"
                         "报送{signer}。逾期情况将在办理情况通报中反映，并纳入年度考核。")
# one sentence for every item reminded again: 第46、52号建议已第2次督办，第61号建议已第3次督办，…
REMIND_ESCALATE_PART = "第{numbers}号{item}已第{n}次督办"
REMIND_ESCALATE_TAIL = "，请单位主要负责同志亲自过问。"

# 补发: a copy of a 交办通知 already issued, with its 文号 and 成文日期; marked under the title
# as a 题注 (楷体, like the （…通过） line under a title), sentences that no longer apply dropped.
NOTICE_REISSUE_MARK = "（补发）"
# the objection window has closed: a 补发 no longer invites objections
NOTICE_DEADLINE_CLOSED = "请于附件所列期限前答复{member}，不得自行转办。"
# a first notice sent after the window closed: no "逾期不再调整" without a date
NOTICE_DEADLINE_LATE = "请于附件所列期限前答复{member}。如认为交办不当，请及时书面说明理由，不得自行转办。"
NOTICE_REISSUE_FILE = "交办通知-{unit}-{date}-补发.docx"

# -- the cover letter of a 办理情况反馈表 (issue 18) --------------------------------------------------
PACKET_LETTER_TITLE = "关于填报{items}办理情况反馈表的函"
PACKET_LETTER_BODY = (
    "现将你单位尚未答复的{items}办理情况反馈表（第{serial}号，共{rows}件次，{split}）"
    "随函送上。请在表中逐件填写答复日期、答复类别、答复文号、摘要、联系人和与{member}沟通的情况；协办件请填写"
    "协办意见并会签；确需延期的，请填写申请延期的期限和理由。")
PACKET_LETTER_RETURN = ("请勿改动表中已填好的编号、标题和期限等内容，也不要另存为其他格式；填好后请将原文件"
                        "（{file}）交回。")
PACKET_LETTER_SPLIT = {"both": "其中主办{leads}件、协办{supports}件", "lead": "均为主办件", "support": "均为协办件"}
PACKET_LETTER_FILE = "反馈表函-{unit}-{date}.docx"

# -- 催办通知 / 督办函 of tracked items: 整改问题 and 民生实事项目 (issue 15) ---------------------------
# they are named as what they are, and one coloured by its lag behind plan (not its due date) is
# asked to catch up, not told it is overdue
TRACKED_TERMS = {"rectification": {"item": "整改问题", "items": "整改问题"},
                 "project": {"item": "民生实事项目", "items": "民生实事项目"}}
REMIND_BEHIND = "滞后{lag}个百分点"
REMIND_TITLE_LAG = "关于督促加快{items}进度的函"
REMIND_BODY_YELLOW_LAG = "你单位承办的下列{items}中，有{n}件进度滞后于计划，请查找原因、抓紧推进，确保按期完成。"
REMIND_BODY_YELLOW_LAG_ALSO = "另有{n}件进度滞后于计划，请查找原因、抓紧推进。"
REMIND_BODY_RED_LAG = ("你单位承办的下列{items}中，有{n}件进度明显滞后于计划，请倒排工期、加快推进，{ask}"
                       "将进展情况和滞后原因书面报送{signer}。进度滞后情况将在通报中反映，并纳入年度考核。")
REMIND_BODY_RED_LAG_ALSO = "另有{n}件进度明显滞后于计划，请倒排工期、加快推进，{ask}将进展情况和滞后原因一并书面报送。"
REMIND_LAG_BY = {True: "于{reply_by}前", False: "尽快"}
REMIND_RED_ASK_TRACKED = {True: "请于{reply_by}前完成", False: "请尽快完成"}
# items of another session than the run's (a rectification or project round, an earlier session)
# name it after the items, so 第3号 is not taken for the current session's 第3号
REMIND_ROUND_ITEMS = "{items}（{round}）"


def reminder_terms(body: str, kind: str) -> dict[str, str]:
    """The words of a 催办通知 / 督办函: the body's, with tracked items named as such."""
    return {**terms(body), **TRACKED_TERMS.get(kind, {})}

# -- 未按时报送进度: the notice to a unit late with its progress reports (issue 15) -----------------
# a 催办通知 in form (no 版头, no 文号); one per unit, its rectification problems and projects together
PROGRESS_REMIND_TITLE = "关于报送{what}进度的通知"
PROGRESS_REMIND_WHAT = {"rectification": "整改", "project": "民生实事项目"}
PROGRESS_REMIND_BODY = ("你单位负责的下列{items}未按规定时间报送进度。{ask}报送最新进度和下一步工作安排，"
                        "并说明未按时报送的原因；此后请按规定时间报送。")
PROGRESS_REMIND_ASK = {True: "请于{report_by}前", False: "请尽快"}
PROGRESS_REMIND_AGAIN = "第{numbers}号{item}已第{n}次催报"
PROGRESS_REMIND_AGAIN_TAIL = "，请单位主要负责同志亲自过问。"
PROGRESS_REMIND_COLUMNS = ("序号", "编号", "{name}", "应报送日期", "报送状态", "催报")
PROGRESS_REMIND_NAME = {("rectification",): "整改问题", ("project",): "项目名称"}
PROGRESS_REMIND_NAME_BOTH = "问题或项目"
PROGRESS_REMIND_STATUS = "逾期{days}天未报送"
PROGRESS_REMIND_TIMES = "第{n}次"
PROGRESS_REMIND_FILE = "进度催报通知-{unit}-{date}.docx"

