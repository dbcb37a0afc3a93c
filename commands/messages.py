"""What the CLI says: labels for actions, fields and levels in plain-text output."""
from __future__ import annotations

from docket.core.records import KIND_LABELS as _KINDS
from docket.core.records import STATE_LABELS as _STATES

KIND_LABELS = {k.value: v for k, v in _KINDS.items()}
STATE_WORDS = {k.value: v for k, v in _STATES.items()}
COLOR_WORDS = {"white": "正常", "yellow": "即将到期", "red": "已逾期"}
LEVEL_WORDS = {"yellow": "催办", "red": "督办"}
# what to do next, in command-line terms (core DocketError.hint -> wording; see core/messages.py)
HINTS = {
    "reason": "（--reason）",
    "unit_add": "。可用 docket unit add 添加",
    "force": "；确需退回请加 --force",
    "return": "（docket return {number} --unit {unit} --reason 理由）",
    "merge_into": "（--merge-into）",
    "support": "；增加协办单位请用 --support",
    "appraisal_new": "；用 docket appraisal new 创建",
    "appraisal_department": "；先用 docket appraisal add-department 添加",
    "appraisal_group": "；用 docket appraisal group 添加",
    "allow_missing": "\n请用 docket appraisal tally 补录后重新计算；确需按已有票数计算的，加 --allow-missing",
}

# docket rectify (commands/rectify.py)
RECTIFY_NEW_DONE = "已建立整改“{round}”。"
RECTIFY_NEW_FROM = "已建立整改“{round}”，由评议生成{n}个问题：第{numbers}号。"
RECTIFY_ADDED = "已登记第{number}号整改问题（{round}）。"
RECTIFY_PLANNED = "第{number}号：整改方案已{verb}，{label}，整改时限 {due}。"
RECTIFY_PROGRESS = "第{number}号：进度 {percent}%，{label}。"
RECTIFY_CHECKED = "第{number}号：{what}{result}，现为“{label}”。"
RECTIFY_CHECK_DUE = "新的整改时限 {due}。"
RECTIFY_ACCOUNTED = "第{number}号：已记录问责（{on}）。"
RECTIFY_EXPORTED = "已导出整改台账（{n}个问题）：{path}"
RECTIFY_ISSUED = "已生成整改情况通报 {doc_no}：{path}"
RECTIFY_NOTHING = "整改“{round}”还没有问题。"


def error_text(error) -> str:
    """A DocketError as the command line says it: the core's message and the hint in flags."""
    return error.render(HINTS)
