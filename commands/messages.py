"""What the CLI says: labels for actions, fields and levels in plain-text output."""
from __future__ import annotations

from docket.core.records import KIND_LABELS as _KINDS
from docket.core.records import STATE_LABELS as _STATES

KIND_LABELS = {k.value: v for k, v in _KINDS.items()}
STATE_WORDS = {k.value: v for k, v in _STATES.items()}
COLOR_WORDS = {"white": "正常", "yellow": "即将到期", "red": "已逾期"}
LEVEL_WORDS = {"yellow": "催办", "red": "督办"}
FIELD_LABELS = {"unit": "单位", "lead": "主办", "class": "类别", "reason": "理由", "due_on": "期限",
                "result_label": "结果", "key": "设置", "state": "状态",
                "kind": "类型", "quality": "质量分",
                "due_on_before": "原期限"}
ACTION_LABELS = {
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
}

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
