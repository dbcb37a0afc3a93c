"""What the CLI says: labels for actions, fields and levels in plain-text output."""
from __future__ import annotations

from docket.core.records import KIND_LABELS as _KINDS
from docket.core.records import REMINDER_LEVEL_LABELS as LEVEL_WORDS  # noqa: F401 (show's 催办 lines)
from docket.core.records import STATE_LABELS as _STATES

KIND_LABELS = {k.value: v for k, v in _KINDS.items()}
STATE_WORDS = {k.value: v for k, v in _STATES.items()}
COLOR_WORDS = {"white": "正常", "yellow": "即将到期", "red": "已逾期"}
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
RECTIFY_PASS_OR_FAIL = "{what}须指明 --pass（通过）或 --fail（未通过）"

# docket project (commands/project.py)
PROJECT_NEW_DONE = "已新建“{round}”，名额 {places} 个"
PROJECT_ADDED = "已登记候选项目第{number}号“{title}”（{unit}）"
PROJECT_VOTE_LINE = "赞成票须超过 {need} 票；名额 {places} 个，入选 {adopted} 个"
PROJECT_VOTE_TIE = "；第{numbers}号末位同票，待再次表决"
PROJECT_MILESTONE_DONE = "第{number}号：节点 {on} {text}"
PROJECT_PROGRESS_DONE = "第{number}号：{on} 进度 {percent}%"
PROJECT_TEST_DONE = ("第{number}号{stage}测评（{group}）：满意{satisfied}、基本满意{basic}、不满意{dissatisfied}、"
                     "弃权{abstain}，实到{present}/应到{members}")
PROJECT_ISSUED = "已生成 {path}（{doc_no}）"

# show's plan and progress sections: a rectification item (domain.md §12), a project (§13)
SHOW_BEHIND_PLAN = "{color}（进度滞后）"
SHOW_PLAN = "整改方案："
SHOW_SPAN = "整改时限：{due}（{start} 起）"
SHOW_PROJECT = "项目："
SHOW_BUDGET = "预算：{budget} 万元"
SHOW_BALLOT = "票决：赞成 {yes}  反对 {no}  弃权 {abstain}  名次 {rank}  {result}"
SHOW_PROJECT_SPAN = "实施期限：{due}（{start} 起）"
SHOW_STANDING = "进度 {progress}  计划 {planned}  滞后 {lag} 个百分点"
SHOW_LATE = "未按时报送进度（应于 {on} 报送）"
SHOW_CHECK = "{what}：{on} {result}"
SHOW_CHECK_WORDS = {"recheck": "复查", "lookback": "回头看", "pass": "通过", "fail": "未通过"}
SHOW_ACCOUNTABILITY = "问责：{on} {reason}"
SHOW_PROGRESS_LOG = "进度记录："
SHOW_PROGRESS_LINE = "  {on}  {percent}  计划 {planned}"
SHOW_MILESTONES = "节点："
SHOW_MILESTONE_LINE = "  {on}  {text}"
SHOW_TESTS = "满意度测评："
SHOW_TEST_LINE = "  {stage}（{on}）：满意率 {rate}  {level}  满意{satisfied}、基本满意{basic}、不满意{dissatisfied}、弃权{abstain}，实到{present}/应到{members}"

# docket remind's 未按时报送进度 rows and the n-th reminder (commands/remind.py); report's rectify table
REMIND_LATE_DUE = "应于{due}报送"
REMIND_TIMES = "（第{n}次）"
REMIND_LATE_SENT = "已记录进度催报：{units}个单位，{items}件次。"
REMIND_SESSION_COLUMN = ("where", "届次/轮次")  # an item of another session than the run's
REPORT_RECTIFY_TITLE = "{round} 整改情况"


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

# every error line begins so (a data error, exit 1; a usage error, exit 2)
ERROR_LINE = "错误：{message}"

# usage errors in Chinese (commands/params.py in_chinese; contract §1: exit 2)
USAGE_HELP = "运行 {command} {option} 查看帮助。"
USAGE_MISSING_ARGUMENT = "缺少参数 {name}"
USAGE_MISSING_OPTION = "缺少选项 {name}"
USAGE_MISSING = "缺少 {name}"
USAGE_CHOICES = "（可选：{choices}）"
USAGE_NO_OPTION = "未知选项 {name}"
USAGE_NO_COMMAND = "没有命令 {name}"
USAGE_DID_YOU_MEAN = "（是否要用 {names}？）"
USAGE_NEEDS_VALUE = "选项 {name} 后面缺少值"
USAGE_NEEDS_VALUES = "选项 {name} 后面应有 {n} 个值"
USAGE_TAKES_NO_VALUE = "选项 {name} 不带值"
USAGE_EXTRA = "多余的参数：{args}"
USAGE_NOT_CHOICE = "{name}：“{value}”无效，应为 {choices} 之一"
USAGE_NOT_INTEGER = "{name}：“{value}”不是整数"
USAGE_NOT_NUMBER = "{name}：“{value}”不是数字"
USAGE_NOT_BOOLEAN = "{name}：“{value}”应为 true 或 false"
USAGE_NOT_IN_RANGE = "{name}：{value} 超出范围 {range}"
USAGE_BAD_VALUE = "{name}：值无效（{message}）"
