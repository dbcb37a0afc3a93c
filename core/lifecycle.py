"""The item lifecycle as one transition table (domain.md §5). Commands and the TUI both call it."""
from __future__ import annotations

from docket.core import messages as msg
from docket.core.errors import IllegalTransition
from docket.core.records import State, item_name, state_label

S = State
# action: (states it may start from, state it leads to; None = stays or decided by the action)
TRANSITIONS: dict[str, tuple[frozenset[State], State | None]] = {
    "accept": (frozenset({S.REGISTERED}), S.ACCEPTED),
    "merge": (frozenset({S.REGISTERED, S.ACCEPTED}), S.MERGED),
    "convert": (frozenset({S.REGISTERED, S.ACCEPTED}), S.CONVERTED),
    "as_kind": (frozenset({S.REGISTERED, S.ACCEPTED}), None),
    "withdraw": (frozenset({S.REGISTERED, S.ACCEPTED, S.ASSIGNED, S.REHANDLING}), S.WITHDRAWN),
    "assign": (frozenset({S.REGISTERED, S.ACCEPTED}), S.ASSIGNED),
    "add_support": (frozenset({S.ASSIGNED}), None),
    "return": (frozenset({S.ASSIGNED}), None),
    "extend": (frozenset({S.ASSIGNED, S.REHANDLING}), None),
    "opinion": (frozenset({S.ASSIGNED, S.REHANDLING}), None),
    "reply": (frozenset({S.ASSIGNED, S.REHANDLING}), S.REPLIED),
    "evaluate": (frozenset({S.REPLIED}), None),
    "fix_class": (frozenset({S.REPLIED, S.REHANDLING, S.CLOSED}), None),
    "close": (frozenset({S.ASSIGNED, S.REPLIED, S.REHANDLING, S.RECHECKED}), S.CLOSED),
    # livelihood projects (domain.md §13): the ballot decides accepted, converted (未入选) or revote
    "vote": (frozenset({S.REGISTERED, S.REVOTE}), None),
    # rectification (domain.md §12): the plan is made by `assign`; these follow it
    "plan": (frozenset({S.ASSIGNED, S.REHANDLING}), None),
    "progress": (frozenset({S.ASSIGNED, S.REHANDLING}), None),
    "recheck": (frozenset({S.REPLIED}), None),
    "lookback": (frozenset({S.RECHECKED}), None),
    "accountability": (frozenset(S), None),
}

# actions only some kinds of item take (the rest take every kind)
_RECTIFY, _PROJECT = "rectification", "project"
KIND_ACTIONS: dict[str, frozenset[str]] = {
    "plan": frozenset({_RECTIFY}), "recheck": frozenset({_RECTIFY}), "lookback": frozenset({_RECTIFY}),
    "accountability": frozenset({_RECTIFY}), "progress": frozenset({_RECTIFY, _PROJECT}),
    "vote": frozenset({_PROJECT}),
}

# where a kind narrows the states an action starts from (an empty set: never): a livelihood
# project is decided by the ballot, not by review, and is assigned only once adopted (domain.md
# §13); a rectification item is re-checked, not evaluated, and its reply has no class (§12)
KIND_SOURCES: dict[tuple[str, str], frozenset[State]] = {
    ("accept", _PROJECT): frozenset(), ("merge", _PROJECT): frozenset(), ("convert", _PROJECT): frozenset(),
    ("as_kind", _PROJECT): frozenset(), ("assign", _PROJECT): frozenset({S.ACCEPTED}),
    ("evaluate", _RECTIFY): frozenset(), ("fix_class", _RECTIFY): frozenset(),
    # a rectification problem is not 立案, merged, turned into a letter or a suggestion: its
    # plan (assign) starts it from 未启动 (§12)
    ("accept", _RECTIFY): frozenset(), ("merge", _RECTIFY): frozenset(), ("convert", _RECTIFY): frozenset(),
    ("as_kind", _RECTIFY): frozenset(),
}

ACTION_LABELS = {
    "accept": "立案", "merge": "并案", "convert": "转来信", "as_kind": "转为建议",
    "withdraw": "撤案", "assign": "交办", "add_support": "增加协办单位", "return": "退回",
    "extend": "延期", "opinion": "提出协办意见", "reply": "答复", "evaluate": "评价",
    "fix_class": "更正答复类别", "close": "办结",
    "plan": "修改整改方案", "progress": "报送进度", "recheck": "复查", "lookback": "回头看",
    "accountability": "问责", "vote": "票决",
}


def allowed(action: str, state: str) -> bool:
    return State(state) in TRANSITIONS[action][0]


def sources_for(action: str, kind: str | None) -> frozenset[State]:
    """The states `action` may start from for an item of `kind` (empty: that kind never takes it)."""
    if action in KIND_ACTIONS and kind not in KIND_ACTIONS[action]:
        return frozenset()
    return KIND_SOURCES.get((action, kind or ""), TRANSITIONS[action][0])


def check(action: str, state: str, number: int, kind: str) -> State | None:
    """Raise IllegalTransition unless `action` may start from `state`; return the target state."""
    target = TRANSITIONS[action][1]
    if State(state) not in sources_for(action, kind):
        raise IllegalTransition(msg.ILLEGAL.format(
            number=number, kind=item_name(number, kind)[len(f"第{number}号"):],
            state=state_label(state, kind), action=ACTION_LABELS[action]))
    return target


def actions_for(state: str, kind: str | None = None) -> list[str]:
    """What may be done next with an item in `state` (the TUI offers these); the actions of
    rectification and projects only for an item of that `kind`."""
    return [a for a in TRANSITIONS if State(state) in sources_for(a, kind)]
