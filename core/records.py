"""Vocabulary shared by every layer: states, kinds, roles, levels and their Chinese labels.

Stdlib only.
"""
from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    REGISTERED = "registered"
    ACCEPTED = "accepted"
    MERGED = "merged"
    CONVERTED = "converted"
    WITHDRAWN = "withdrawn"
    ASSIGNED = "assigned"
    REPLIED = "replied"
    REHANDLING = "rehandling"
    CLOSED = "closed"
    RECHECKED = "rechecked"       # rectification only: re-check passed, look-back to come (§12)
    REVOTE = "revote"  # a livelihood project tied for the last place (domain.md §13)


STATE_LABELS = {
    State.REGISTERED: "已登记", State.ACCEPTED: "已立案", State.MERGED: "已并案",
    State.CONVERTED: "已转来信", State.WITHDRAWN: "已撤案", State.ASSIGNED: "办理中",
    State.REPLIED: "已答复", State.REHANDLING: "重新办理", State.CLOSED: "已办结",
    State.RECHECKED: "复查通过",
    State.REVOTE: "待再次表决",
}

# the states a proposal, suggestion or motion can be in (rechecked is rectification's only, §12;
# revote a livelihood project's, §13)
ITEM_STATES = tuple(s for s in State if s not in (State.RECHECKED, State.REVOTE))
OPEN_STATES = (State.ASSIGNED, State.REHANDLING)
ENDED_STATES = (State.CLOSED, State.MERGED, State.CONVERTED, State.WITHDRAWN)


class Kind(StrEnum):
    SUGGESTION = "suggestion"
    MOTION = "motion"
    PROPOSAL = "proposal"
    RECTIFICATION = "rectification"   # a problem in a rectification round (domain.md §12)
    PROJECT = "project"               # a 民生实事 candidate or project (domain.md §13)


KIND_LABELS = {Kind.SUGGESTION: "建议", Kind.MOTION: "议案", Kind.PROPOSAL: "提案",
               Kind.RECTIFICATION: "整改问题", Kind.PROJECT: "民生实事"}
# an item's own fields as `show`, `list` and the item screen name them, where the kind gives them
# another meaning or none: `proposer` holds a deputy for proposals, the problem's source for a
# rectification item (an appraisal and its grade), the lead unit for a livelihood project; a
# rectification item's lead is its 责任单位; co-proposers (附议) are deputies' only and a project
# has no category; None: left out
FIELD_WORDS = {"proposer": "领衔人", "co_proposers": "附议", "category": "类别", "received_on": "提出日期",
               "lead_unit": "主办单位"}
KIND_FIELD_WORDS: dict[str, dict[str, str | None]] = {
    Kind.RECTIFICATION: {"proposer": "问题来源", "co_proposers": None, "received_on": "登记日期",
                         "lead_unit": "责任单位"},
    Kind.PROJECT: {"proposer": "牵头单位", "co_proposers": None, "category": None, "received_on": "登记日期"},
}


def field_label(field: str, kind: str | None, default: str | None = None) -> str | None:
    """What `field` (a key of FIELD_WORDS) is called for an item of `kind`; None when it has no
    meaning there (leave the line or column out). `default`: the front end's own word for the
    other kinds (the TUI says 附议人), else FIELD_WORDS'."""
    own = KIND_FIELD_WORDS.get(kind, {})  # type: ignore[call-overload]
    if field in own:
        return own[field]
    return default if default is not None else FIELD_WORDS[field]


def proposer_label(kind: str | None) -> str:
    """领衔人, or what `proposer` holds for the kind (问题来源, 牵头单位): `show`'s line, `list`'s
    column and the TUI queue's column."""
    return field_label("proposer", kind)


# the states' words in a rectification round (domain.md §12); other states keep STATE_LABELS. A
# rectification item sent back by its unit (return) waits, as before its plan, for a responsible
# unit: 未启动 too, never 已立案 (nothing is 立案 in a rectification round)
KIND_STATE_LABELS = {
    Kind.RECTIFICATION: {State.REGISTERED: "未启动", State.ACCEPTED: "未启动", State.ASSIGNED: "整改中",
                         State.REPLIED: "已整改",
                         State.RECHECKED: "复查通过", State.REHANDLING: "复查未通过", State.CLOSED: "已销号"},
    # a candidate is 候选 until the ballot: 入选, 未入选 or 待再次表决 (domain.md §13)
    Kind.PROJECT: {State.REGISTERED: "候选", State.ACCEPTED: "已入选", State.CONVERTED: "未入选",
                   State.ASSIGNED: "实施中", State.REPLIED: "已完成"},
}
KINDS_BY_BODY = {"npc": (Kind.SUGGESTION, Kind.MOTION), "cppcc": (Kind.PROPOSAL,)}
BODY_LABELS = {"npc": "人大", "cppcc": "政协"}


class Role(StrEnum):
    LEAD = "lead"
    SUPPORT = "support"


ROLE_LABELS = {Role.LEAD: "主办", Role.SUPPORT: "协办"}


class Color(StrEnum):
    WHITE = "white"
    YELLOW = "yellow"
    RED = "red"


COLOR_LABELS = {Color.WHITE: "白", Color.YELLOW: "黄", Color.RED: "红"}


class Level(StrEnum):
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"


# a reminder's level as sent (催办 yellow, 督办 red; a rectification's or project's 未按时报送进度)
REMINDER_LEVEL_LABELS = {"yellow": "催办", "red": "督办", "remind": "催办", "urge": "督办",
                         "progress_late": "未按时报送进度"}

LEVEL_LABELS = {Level.SATISFIED: "满意", Level.BASIC: "基本满意", Level.DISSATISFIED: "不满意"}
LEVEL_BY_TEXT = {**{v: k for k, v in LEVEL_LABELS.items()}, **{k.value: k for k in Level}}


def state_label(state: str, kind: str | None = None) -> str:
    """The state's Chinese word; `kind` gives a rectification item its own (整改中, 已销号 ...)."""
    st = State(state)
    if kind is not None:
        own = KIND_STATE_LABELS.get(kind)  # type: ignore[call-overload]
        if own and st in own:
            return own[st]
    return STATE_LABELS[st]


def kind_label(kind: str) -> str:
    return KIND_LABELS[Kind(kind)]


def item_name(number: int, kind: str) -> str:
    """第5号建议: how messages name an item."""
    return f"第{number}号{kind_label(kind)}"


DOC_KIND_LABELS = {
    "notice": "交办通知", "reminder": "催办通知", "supervision": "督办函", "circular": "办理情况通报",
    "brief": "工作简报", "form": "征询意见表", "score_circular": "考评结果通报",
    "appraisal_circular": "评议结果通报", "rectify_circular": "整改情况通报",
    "project_report": "民生实事项目通报", "public_report": "向人民报告",
    "packet_letter": "反馈表函", "progress_reminder": "进度催报通知",
}


def doc_kind_label(kind: str) -> str:
    return DOC_KIND_LABELS.get(kind, kind)
