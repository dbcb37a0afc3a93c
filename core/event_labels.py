"""What each recorded event is called and how its detail reads, for every front end.

`docket history` / `show` (commands/render.py) and the TUI's item history (tui/screens/item.py)
both print `event_label(action)` and `describe_event(event)`, so one action has one name
everywhere. An event is a dict with `action` and `detail` (the JSON of the events table), and
`kind`, its item's kind (core.queue.history): a state reads in that kind's words
(core.records.state_label: a project's ballot is 候选 → 已入选, not 已登记 → 已立案).

Stdlib only.
"""
from __future__ import annotations

from docket.core.records import State, state_label

EVENT_LABELS = {
    "init": "建库", "add": "登记", "import": "导入", "review.accept": "立案", "review.merge": "并案",
    "merge.master": "接收并案", "review.convert": "转来信", "review.withdraw": "撤案",
    "review.as_kind": "议案转建议", "unmerge": "撤销并案", "assign": "交办", "assign.support": "增加协办",
    "return": "退回", "extend": "延期", "opinion": "协办意见", "reply": "答复", "reply.copy": "答复（副本）", "reply.member": "单独答复并案件",
    "reply.fix_class": "更正类别", "evaluate": "评价", "rehandle": "重新办理", "close.evaluated": "办结",
    "close": "办结", "config.set": "修改设置", "unit.add": "新增单位", "unit.update": "修改单位",
    "calendar.set": "设置日历", "calendar.import": "导入日历", "due.recompute": "重算期限",
    "remind": "催办", "notice": "交办通知", "restore": "恢复数据库", "document.issue": "印发文书",
    "reply.quality": "答复质量评分", "score.quality": "答复质量评分", "score.enter": "录入考评分",
    "score.model": "修改考评模型", "score.publish": "发布考评结果", "demo.build": "生成演示库",
    "appraisal.new": "新建评议", "appraisal.group": "设置测评群体", "appraisal.departments": "添加被评议部门",
    "appraisal.tally": "录入测评票数", "appraisal.enter": "录入指标得分", "appraisal.compute": "计算评议结果",
    "packet.issue": "发出反馈表", "reply.submit": "报送答复", "reply.accept": "答复审核通过",
    "reply.return": "退回答复", "contact.record": "沟通记录", "extension.request": "申请延期",
    "extension.approve": "批准延期", "extension.refuse": "不同意延期",
    "rectify.new": "新建整改", "rectify.plan": "整改方案", "progress": "报送进度",
    "rectify.recheck": "复查", "rectify.lookback": "回头看", "rectify.accountability": "问责",
    "rectify.remind": "催报进度",
    "project.new": "新建民生实事票决", "project.add": "登记候选项目", "project.vote": "票决",
    "project.milestone": "设置节点", "project.progress": "报送进度", "project.test": "满意度测评",
}
EVENT_OTHER = "其他操作"  # an action the table does not know yet (the TUI never shows a raw id)

# the detail fields an event line names, and their words
FIELD_LABELS = {"unit": "单位", "lead": "主办", "class": "类别", "reason": "理由", "due_on": "期限",
                "result_label": "结果", "key": "设置", "state": "状态",
                "kind": "类型", "quality": "质量分",
                "due_on_before": "原期限",
                # rectification plans, progress and 问责; project tests (domain.md §12, §13)
                "target": "整改目标", "measures": "整改措施", "person": "责任人", "percent": "进度",
                "accountability": "问责", "members": "应到", "present": "实到", "satisfied": "满意",
                "basic": "基本满意", "dissatisfied": "不满意", "abstain": "弃权",
                "yes": "赞成", "no": "反对", "rank": "名次"}
# a project's ballot (project.vote) names its counts and rank: only that event has yes/no/abstain
_SHOWN = ("unit", "lead", "class", "reason", "due_on", "result_label", "key", "yes", "no", "abstain", "rank")
_STATES = frozenset(s.value for s in State)


def _state_words(x, kind: str | None) -> str:
    """A state in the words of the item's kind (any other value as value_text prints it)."""
    return state_label(x, kind) if isinstance(x, str) and x in _STATES else value_text(x)


def event_label(action: str, unknown: str | None = None) -> str:
    """The action's Chinese name; `unknown` (the raw id when None) for an action not in the table."""
    return EVENT_LABELS.get(action, action if unknown is None else unknown)


def value_text(x) -> str:
    """One value as an event line prints it: 78.0 as 78, nothing as —, a list joined by 、."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)  # a score of 78.0 reads 78
    return "—" if x in (None, "", []) else ("、".join(x) if isinstance(x, list) else str(x))


def describe_event(event: dict, *, number: bool = True) -> str:
    """The detail of one event: 第12号；状态：已立案 → 办理中；主办：县水利局；期限：2026-06-22.
    number=False leaves out 第12号 (a screen about that one item)."""
    d = event["detail"]
    parts = []
    if number and "number" in d:
        parts.append(f"第{d['number']}号")
    before, after = d.get("before"), d.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        for k in after:
            if before.get(k) != after.get(k) and k in before:
                b, a = (_state_words(x, event.get("kind")) for x in (before.get(k), after.get(k)))
                parts.append(f"{FIELD_LABELS.get(k, k)}：{b} → {a}")
    for k in _SHOWN:
        if d.get(k) not in (None, ""):
            parts.append(f"{FIELD_LABELS.get(k, k)}：{d[k]}")
    return "；".join(parts)
