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


def error_text(error) -> str:
    """A DocketError as the command line says it: the core's message and the hint in flags."""
    return error.render(HINTS)


# similar and the intake lines of add/import (commands/similar.py); assign --suggest (commands/handling.py)
SIMILAR_LINE = "  ≈ 第{number}号{where}  相似度{score}%  {title}{shared}"
SIMILAR_NONE = "第{number}号：没有相似的在先件"
SIMILAR_HEAD = "第{number}号“{title}”的相似件："
SIMILAR_INTAKE_LINE = "提示：第{number}号与第{other}号{where}相似（{score}%）：{title}"
SIMILAR_IMPORT_SUMMARY = "提示：{file} 中 {n} 件与在先件相似（用 docket similar N 查看），例如 {examples}"
SIMILAR_EXAMPLE = "第{number}号≈第{other}号"
SUGGEST_HEAD = "第{number}号“{title}”可能的主办单位："
SUGGEST_LINE = "  {rank}. {unit}（{weight}）"
SUGGEST_REASON = "       · {reason}"
SUGGEST_NONE = "第{number}号：没有可参考的往件或类别，无法推荐主办单位"
