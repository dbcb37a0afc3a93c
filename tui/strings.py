"""Every Chinese label, prompt and toast the TUI shows, in one place.

Plain strings only (no textual import), so tests can compare against them.
"""
from __future__ import annotations

from docket.core.records import REMINDER_LEVEL_LABELS as REMINDER_LEVELS  # noqa: F401 (item screen 催办督办)

APP_TITLE = "docket 建议提案办理"
QUEUE_TITLE = "办理队列"

# column headers of the queue list, by row key (the proposer's: core.records.proposer_label, by kind)
COLUMNS = {
    "mark": "",
    "number": "编号",
    "flags": "标记",
    "title": "标题",
    "category": "类别",
    "lead_unit": "主办单位",
    "state": "状态",
    "due_on": "办理期限",
    "days_left": "剩余",
    "color": "色",
}
# narrow layouts shorten these headers
COLUMNS_NARROW = {"due_on": "期限"}
FLAG_KEY = "重"
FLAG_FAST = "急"
SELECTED_MARK = "✓"

# built-in views (id -> label); what each keeps is in widgets/filter_bar.py
VIEW_LABELS = {
    "all": "全部",
    "unassigned": "待交办",
    "due_soon": "即将到期",
    "overdue": "逾期",
    "to_evaluate": "待评价",
    "rehandle": "不满意待重办",
}

SORT_LABELS = {"due": "按期限", "number": "按编号", "rank": "按相关度"}

# what search covers (core/search.py): title, content (正文), people, units, the number, and the
# pinyin initials of people and units; the key first, so a narrow box cuts the list, not the key
SEARCH_PLACEHOLDER = "搜索（/）：标题 正文 提案人 单位 编号 拼音首字母"
ANY_STATE = "全部状态"
ANY_UNIT = "全部承办单位"
ANY_COLOR = "全部颜色"
VIEW_PROMPT = "视图"
ONLY_KEY = "重点"
ONLY_FAST = "小微急"

LOADING = "正在载入办理队列…"
EMPTY = "没有符合条件的事项。按 0 回到全部，或清空搜索框。"
STATUS = "共 {total} 项，显示 {shown} 项，已选 {selected} 项{hidden}  │  {view}  │  {sort}"
# after 已选 N 项 when selected items are out of view (a filter or search hides them)
STATUS_HIDDEN = "（另 {hidden} 项未显示）"
SELECTED_HIDDEN = "已选事项中有 {hidden} 项不在当前视图，本次不包括；按 0 显示全部可看到它们。"
# fits 80 columns with 200 rows shown (the status line has one cell of padding each side)
STATUS_PARTIAL = "先显示前 {total} 项，其余载入中…  │  显示 {shown}，已选 {selected}{hidden}  │  {view}  │  {sort}"
LOADING_REST = "其余事项正在载入…"
LOAD_FAILED = "载入失败：{error}"

# actions whose forms are not built yet say what to type instead
PENDING_SCREEN = "“{label}”尚未完成。"
NO_ITEM = "当前没有选中的事项。"
ITEMS_CHOSEN = "{label}：第 {numbers} 号"

# Textual's own palette entries, by their English help (Keys has two) or title
SYSTEM_COMMANDS = {
    "Theme": ("配色主题", "更换界面配色（深色、浅色等）"),
    "Quit": ("退出", "立即退出 docket"),
    "Show help for the focused widget and a summary of available keys":
        ("按键面板", "在右侧显示当前控件的说明和可用按键"),
    "Hide the keys and widget help panel": ("关闭按键面板", "隐藏右侧的按键和说明面板"),
    "Maximize": ("最大化", "把当前控件放大到整个屏幕（Esc 还原）"),
    "Minimize": ("还原", "把放大的控件还原为正常大小"),
    "Screenshot": ("截图", "把当前屏幕保存为 SVG 图片（保存在下载目录）"),
}
PALETTE_PLACEHOLDER = "输入操作名称查找，如 交办、答复、统计…"
THEME_PLACEHOLDER = "查找配色主题…"

HELP_TITLE = "帮助（F1）"
HELP_HEADERS = ("按键", "操作", "说明", "命令行")
HELP_LIST_KEYS = (
    ("↑ ↓", "移动光标"),
    ("PgUp PgDn", "翻页"),
    ("Home End", "到第一项、最后一项"),
)
# the item screen scrolls (it has no list, so no cursor)
HELP_SCROLL_KEYS = (
    ("↑ ↓ PgUp PgDn", "上下滚动"),
    ("Home End", "到开头、结尾"),
)
HELP_CLOSE = "按 Esc 或 F1 关闭本帮助"
HELP_FLAGS = "窄屏没有“标记”列时，重点件、小微急件在标题前标“重”“急”。"

# dashboard (tui/screens/dashboard.py): the figures of `docket report`
DASH_TITLE = "办理情况统计"
DASH_LOADING = "正在统计…"
DASH_COUNTING = "正在统计 {total} 件（已统计 {done} 件）……"
DASH_SOON_PENDING = "（临近期限的件数统计中）"
DASH_HEADING = "{session}  办理情况（截至 {as_of}，同 docket report）"
DASH_RECTIFY = ("整改（{round}）：已整改 {done}/{total}  整改完成率 {completion}  按期整改率 {on_time}  "
                "复查通过率 {recheck}  问责 {accountability}  红色 {red}  未按时报送进度 {late}")
DASH_COUNTS = (("assigned", "交办"), ("replied", "已答复"), ("overdue", "逾期未答复"),
               ("evaluated", "已评价"), ("closed_unreplied", "办结未答复"))
DASH_CLASSES = "答复类别  "
DASH_UNIT = "承办单位"
DASH_NUMBER_HEADS = ("主办", "协办", "答复", "逾期")
DASH_RATE_HEADS = ("按期答复率", "满意率")
DASH_RATE_HEADS_SHORT = ("按期率", "满意率")
DASH_BAR = "主办件"
DASH_PARTS = {"replied": "已答复", "overdue": "逾期", "soon": "即将到期", "other": "其他"}
DASH_ORDER_HINT = "s 排序  F5 刷新  Esc 返回队列"
DASH_ORDERS = {"report": "按报表顺序", "overdue": "逾期最多的在前", "on_time": "按期答复率最低的在前"}
DASH_NO_UNITS = "本届次还没有交办任何事项。"

# item screen (tui/screens/item.py)
ITEM_LOADING = "正在载入…"
ITEM_KEYS = "Esc 返回  v 审核  a 交办  t 退回  x 延期  r 答复  e 评价  c 办结  F1 帮助"
ITEM_SECTIONS = {
    "info": "基本情况", "content": "内容", "similar": "相似件", "assignments": "交办与期限", "plan": "整改方案与进度", "replies": "答复",
    "evaluations": "评价", "reminders": "催办督办", "documents": "已发文书", "history": "操作记录",
}
ITEM_FIELDS = {
    "proposer": "领衔人", "co_proposers": "附议人", "category": "类别", "received_on": "提出日期",
    "delegation": "代表团", "phone": "电话", "address": "地址", "ref_no": "原编号",
    "merged_into": "并入", "merged_items": "并入本件", "round": "办理轮次",
    "closed_on": "办结日期", "close_reason": "办结理由",
}
ITEM_NONE = "（无）"
ITEM_FLAGS = {"key": "重点", "fast": "小微急"}
ASSIGN_HEADS = ("单位", "角色", "轮", "交办", "期限", "剩余", "色", "办理情况")
REPLY_HEADS = ("单位", "角色", "轮", "类别", "日期", "文号", "联系人", "摘要")
EVAL_HEADS = ("轮", "结果", "态度", "日期", "评价人", "面商", "意见")
REMINDER_HEADS = ("单位", "角色", "级别", "次", "期限", "发出")
DOCUMENT_HEADS = ("文书", "文号", "日期", "文件")
HISTORY_HEADS = ("时间", "操作人", "操作", "内容")
# item-screen columns of free text: they wrap on a narrow screen, the others stay whole
WRAPPING_HEADS = frozenset({"单位", "文号", "联系人", "摘要", "办理情况", "意见", "评价人", "文件",
                            "内容"})
ASSIGN_STATUS = {"replied": "已答复 {on}", "returned": "已退回 {on}：{reason}",
                 "ended": "已结束 {on}：{reason}", "open": "办理中"}
PROVISIONAL_MARK = "（暂定）"

# action forms (tui/screens/forms/)
FORM_LOADING = "正在读取…"
FORM_OK = "确定"
FORM_CANCEL = "取消"
FORM_KEYS = "回车 下一项（末项提交）  Ctrl+S 提交  Esc 取消  → 接受补全"
FORM_CLOSE = "按 回车 或 Esc 关闭"
FORM_FIX = "请先改正上面标出的内容。"
FORM_DISCARD = "已填写的内容尚未提交。再按一次 Esc 放弃并关闭，或继续填写、按 Ctrl+S 提交。"
FORM_MORE = "\n……共 {n} 件"
F_LEAD = "主办单位"
F_SUPPORT = "协办单位"
F_ASSIGN_ON = "交办日期"
F_DUE = "指定期限"
F_UNIT = "单位"
F_REASON = "理由"
F_RETURN_ON = "退回日期"
F_FORCE = "异议期后"
F_UNTIL = "新期限"
F_BY = "延长时长"
F_CLASS = "答复类别"
F_REPLY_ON = "答复日期"
F_DOC_NO = "答复文号"
F_CONTACT = "联系人"
F_PHONE = "联系电话"
F_SUMMARY = "答复摘要"
F_RESULT = "办理结果"
F_ATTITUDE = "办理态度"
F_EVAL_ON = "评价日期"
F_RATER = "评价人"
F_CONTACTED = "办前面商"
F_NOTE = "意见"
F_REVIEW = "审核结果"
F_MERGE_INTO = "并入第几号"
F_TITLE = "标题"
F_PROPOSER = "领衔人"
F_CO = "附议人"
F_KIND = "类型"
F_CATEGORY = "类别"
F_RECEIVED = "提出日期"
F_CONTENT = "内容"
P_UNIT = "全称或简称，→ 接受补全"
P_UNITS = "可填多个，用顿号分隔"
P_DUE = "留空按规则计算"
P_NUMBER = "主件编号"
P_CHOOSE_UNIT = "选择单位"
P_UNTIL = "如 {example}（与时长二选一）"  # a month after the unit's current due date
P_BY = "如 1个月、10个工作日"
P_CLASS = "选择类别"
P_LEVEL = "选择等次"
P_UNRECORDED = "未记录"
P_RATER = "默认领衔人 {name}"
P_CO = "用顿号分隔"
P_KIND = "类型"
P_CLOSE_REASON = "如 逾期未反馈评价"
YES = "是"
NO = "否"
FORCE_LABEL = "异议期已过仍退回"
LEAD_REQUIRED = "主办单位：不能为空"
EXTEND_ONE = "请填写新期限或延长时长（二选一）"
RESULT_REQUIRED = "办理结果：不能为空"
NO_OPEN_UNIT = "本件没有正在办理的单位"
CHOOSE_UNIT = "请选择单位"
UNIT_OPTION = "{unit}（{role}，期限 {due}）"
ADD_HINT = "登记一件新的建议、议案或提案；标题和领衔人必填。"
ASSIGN_MANY = "批量交办 {n} 件：第 {numbers} 号（每件分别交办，逐件报告结果）"
PREVIEW_HEAD = "将计算的期限："
PREVIEW_LEAD = "主办 {unit} {due}"
PREVIEW_SUPPORT = "协办 {unit} {due}"
PREVIEW_FAST = "小微急件："
PREVIEW_ADD_SUPPORT = "已交办的件：主办单位须相同，只增加协办单位"
PREVIEW_EXTEND = "{unit}：期限 {was} → {new}"
PROVISIONAL = "（暂定）"

# what a done action says (the commands' own sentences)
ASSIGNED = "第{number}号  主办 {lead}  期限 {due}"
SUPPORT_ADDED = "第{number}号  增加{support}"
REVIEWED = "第{number}号：{state}"
RETURNED = "第{number}号：{unit}已退回，现为“{state}”。"
EXTENDED = "第{number}号：{unit}的期限延至 {due}。"
REPLIED = "第{number}号：已登记{unit}的{what}。"
OPINION = "协办意见"
REPLY_CLASS = "答复（{code}类）"
EVALUATED = "第{number}号：评价“{label}”，现为“{state}”。"
CLOSED = "第{number}号：已办结。"
ADDED = "已登记第{number}号：{title}"
REPORT_HEAD = "完成 {done} 件，未办 {failed} 件"
REFUSED = "第{number}号未办：{error}"
ONE_AT_A_TIME = "“{label}”一次办理一件：已按光标所在的第{number}号办理。"

# documents (tui/screens/documents.py)
DOC_TITLE = "生成文书（g）"
DOC_FOLDER = "输出目录"
DOC_RUN = "生成"
DOC_CLOSE = "关闭"
DOC_HINT = "选择文书，回车生成；文件写入输出目录。生成期间按 h 转入后台，可继续查看队列，完成时会提示；Esc 取消生成（不留文件，不占文号）。"
DOC_PENDING_TAG = "（尚未提供）"
DOC_NOT_PROVIDED = "“{label}”尚未提供，暂请在命令行使用：{command}"
DOC_STARTED = "开始生成：{label} → {folder}"
DOC_BUSY = "正在生成文书，请稍候。"
DOC_FAILED = "生成失败，未记录：{error}"
DOC_MORE = "  ……另有 {n} 个文件"
DOC_NOT_WORKDAY = "{day}不是工作日，未发送也未记录催办；确需今天发送，请勾选“{force}”后再生成。"
DOC_FORCE = "非工作日也催办（仅催办通知、督办函）"
DOC_NOTHING_DUE = "{day}没有需要催办的件，未生成文书。"
DOC_REMINDED = "已记录催办并生成{units}份文书：{items}件次（督办{red}件次）。"
# with the 进度催报通知 to units late with their progress reports (未按时报送进度)
DOC_REMINDED_AND_LATE = "{said}；进度催报{units}个单位，{late}件次。"
DOC_LATE_REMINDED = "已记录进度催报并生成{docs}份文书：{units}个单位，{late}件次。"
DOC_CIRCULAR = "已生成办理情况通报 {doc_no}。"
DOC_NOTHING_NOTICE = "没有需要发交办通知的承办件（新的交办都已发过通知），未生成文件。"
DOC_NOTICES = "已生成交办通知{count}份（{doc_no}）。"
DOC_BRIEF = "已生成{name}第{no}期。"
DOC_FORMS = "已生成征询意见表{count}份。"
DOC_FORM_NEEDS_ITEMS = "征询意见表按事项生成：请先在队列中用空格选中事项，再按 f（或 g）。"
DOC_FOR_ITEMS = "第 {numbers} 号"
DOC_CANCEL = "取消生成（Esc）"
DOC_HIDE = "后台继续"
DOC_HIDE_BUTTON = "后台继续（h）"
DOC_CANCELLING = "正在取消……已写的临时文件将删除，不占用文号。"
DOC_PROGRESS = "已生成 {done}/{total} 份"
DOC_HIDDEN = "{label}在后台继续生成，完成后会提示；按 g 可查看进度。"
DOC_DONE_AWAY = "后台生成完成：{text}"
SCORES_TITLE = "承办单位考评"
APPRAISAL_TITLE = "部门工作评议"
# the unit scores screen (tui/screens/scores.py)
SCORES_HEADLINE = "{year}年度承办单位考评（{model} 第{version}版）　主办不足{least}件的单位不参与排名"
SCORES_EMPTY = "{year}年没有已交办的件，无可计分的单位。"
SCORES_COMPUTING = "{year}年度承办单位考评：正在计分……"
SCORES_BREAKDOWN_HEADS = ("指标", "权重", "得分", "件数", "计入总分", "依据")
SCORES_UNIT = "{unit}　总分 {score}　{grade}　{rank}"
SCORES_RANK = "第{rank}名"
SCORES_UNRANKED = "主办不足{least}件，不参与排名"
# the appraisal screen's per-group panel (tui/screens/appraisal.py)
APPRAISAL_GROUPS_TITLE = "{department}　满意度测评"
APPRAISAL_GROUPS_HEADS = ("测评组", "应到", "实到", "满意", "基本满意", "不满意", "弃权", "不了解", "得分",
                          "满意率", "等次")
APPRAISAL_NO_TALLY = "尚未录入（按 t 录入）"
APPRAISAL_GROUP = "{group}（权重{weight:g}）"  # in the round's title
NO_ROUND_ACTION = "还没有评议，无法{what}。请先按 n 新建评议"
NO_DEPARTMENTS = "评议“{round}”还没有被评议部门或测评组：请先按 a 添加。"
NO_ROUND = "还没有评议。按 n 新建一次评议（名称、年度、测评组、被评议部门）。"
ROUND_TITLE = "{round}（{model} 第{version}版）　测评组：{groups}"
ROUND_NEW = "新建评议"
ROUND_ADD = "添加被评议部门、测评组"
ROUND_COMPUTE = "计算评议结果"
ROUND_TALLY = "录入测评票数"
F_ROUND = "评议名称"
F_YEAR = "年度"
F_GROUPS = "测评组"
F_DEPARTMENTS = "被评议部门"
F_ALLOW_MISSING = "缺票时"
ALLOW_MISSING_LABEL = "有部门缺少测评组票数时，仍按已有票数计算（结果中注明）"
ROUND_DEFAULT = "{year}年度部门工作评议"
GROUP_DEFAULT = "代表"  # as `docket appraisal new` without --group
P_GROUPS = "如 常委会组成人员、代表=0.4（可写权重，默认相同）"
P_DEPARTMENTS = "单位全称或简称，用顿号分隔"
ROUND_NAME_REQUIRED = "评议名称：不能为空"
YEAR_BAD = "年度：应为整数，如 {year}"
GROUPS_REQUIRED = "测评组：至少写一个"
DEPARTMENTS_REQUIRED = "被评议部门：至少写一个"
ADD_NOTHING = "请填写要添加的被评议部门或测评组"
ROUND_CREATED = "已新建评议“{round}”（测评组：{groups}；被评议部门：{departments}）"
ROUND_ADDED = "评议“{round}”：{what}"
ADDED_DEPARTMENTS = "已添加部门 {names}"
ADDED_NONE = "所列部门均已在本次评议中"
GROUP_SET = "测评组 {group} 权重 {weight:g}"
TALLY_SAVED = "已录入{department}（{group}）的测评票数"
TALLY_FILL = "请在每一栏填写整数（没有的填0）。"
TALLY_INTEGER = "{field}：请填写整数（没有的填0）"
ROUND_COMPUTED = "已计算并保存{round}的结果"
COMPUTE_PREVIEW = "将按模型计算“{round}”各部门的综合得分、等次和名次，并保存结果（记录所用模型版本）。"
COMPUTE_GAPS = "缺票：{gaps}"
COMPUTE_MISSING = "有部门缺少测评组的票数：请按 t 补录后再计算，或勾选此项按已有票数计算"
ROUND_NEW_HINT = "新建一次部门工作评议；测评组可写权重（如 代表=0.4），被评议部门写单位全称或简称。"
F_DEPARTMENT = "被评议部门"
F_GROUP = "测评组"
COMPUTE_WARNINGS = "（{warnings}）"

# what to do next, in the TUI's terms (core DocketError.hint -> wording; see core/messages.py;
# the CLI words the same hints as flags in commands/messages.py)
HINTS = {
    "reason": "（请填写“理由”）",
    "unit_add": "。请核对名称；单位名录中没有的单位须先由管理员添加",
    "force": "；确需退回请勾选“" + FORCE_LABEL + "”",
    "return": "（在本件上按 t 退回{unit}后再交办）",
    "merge_into": "（请填写“" + F_MERGE_INTO + "”）",
    "support": "；增加协办单位请填写“" + F_SUPPORT + "”",
    "appraisal_new": "；按 n 新建评议",
    "appraisal_department": "；请先按 a 添加被评议部门",
    "appraisal_group": "；请先按 a 添加测评组",
    "allow_missing": "\n请按 t 补录票数后重新计算；确需按已有票数计算的，在计算表中勾选“缺票时”一项",
}


def error_text(error: BaseException) -> str:
    """What the TUI says for a failed action: a DocketError with its hint in the TUI's terms
    (a form field, a checkbox, a key), anything else as a defect's type and text."""
    from docket.core.errors import DocketError

    if isinstance(error, DocketError):
        return error.render(HINTS)
    return f"{type(error).__name__}: {error}"

def days_left_text(days: int | None) -> str:
    """剩余 as the queue and the item screen show the core's days_left: 12, 0, 逾3 (calendar
    days past the due date); blank when nothing runs."""
    return "" if days is None else f"逾{-days}" if days < 0 else str(days)


DONE_SECONDS = 3  # the toast covers the right of the screen: gone before the clerk looks there

# Textual's own words, in Chinese: Ctrl+C (copies in a text box; elsewhere says how to quit)
# and the command palette when nothing matches
QUIT_HINT_TITLE = "要退出吗？"
QUIT_HINT = "按 {key} 退出 docket"
PALETTE_NO_MATCHES = "没有匹配的命令"

# the round trip's review view (tui/screens/waiting.py, issue 18)
WAITING_TITLE = "待审核答复与延期申请"
WAITING_HEADLINE = "待审核答复 {replies} 件，待批延期申请 {extensions} 件　a 通过/批准　退回或不同意须写理由：docket reply review N --return --reason …"
WAITING_EMPTY = "没有待审核的答复，也没有待批的延期申请。"
WAITING_LOADING = "正在载入……"
WAITING_HEADS = (("kind", "事项"), ("number", "编号"), ("unit", "单位"), ("what", "类别/延期至"),
                 ("on", "日期"), ("title", "标题"))
WAITING_REPLY = "答复待审核"
WAITING_EXTENSION = "延期待批"
WAITING_REPLY_DETAIL = "第{number}号　{unit}　{on} 答复，类别 {cls}　{doc_no}\n{summary}"
WAITING_EXTENSION_DETAIL = "第{number}号　{unit}　现期限 {due_on}，申请延期至 {until}\n理由：{reason}"
WAITING_ACCEPTED = "第{number}号：{unit}的答复已审核通过"
REVIEW_MARKS = {"pending": "（待审核）", "returned": "（已退回）"}  # the item screen's replies
WAITING_APPROVED = "第{number}号：已批准{unit}延期至 {until}"

# -- rectification rounds (domain.md §12): the queue switched to a round, the item's plan and
# progress, the forms of tui/screens/forms/rectify.py
ROUND_TITLES = {"rectification": "整改：{round}", "project": "民生实事：{round}"}  # the queue's, by kind
ROUND_SWITCHED = "已切换到{what}"
ROUND_PROPOSALS = "建议提案队列"
NO_ROUNDS = "还没有整改或民生实事票决（用 docket rectify new 或 docket project new 建立）"
NOT_RECTIFICATION = "第{number}号不是整改问题：整改方案、进度和复查只用于整改（按 w 切换到整改）"
PROJECT_NOT_RECTIFICATION = ("第{number}号是民生实事项目：整改方案和复查只用于整改；"
                             "项目的节点和满意度测评请按 z 在民生实事屏幕录入")
PLAN_SECTION = "整改方案与进度"
PLAN_FIELDS = {"source": "问题来源", "unit": "责任单位", "person": "责任人", "target": "整改目标",
               "measures": "整改措施", "assigned_on": "方案日期", "due_on": "整改时限"}
PLAN_STANDING = "进度 {progress}  计划 {planned}  滞后 {lag} 个百分点  "
PLAN_LATE = "未按时报送进度（应于 {on} 报送）"
PLAN_SPARK = "走势：进度 {progress}  计划 {planned}"
PLAN_CHECKS = {"rechecked_on": "复查日期", "lookback_on": "回头看日期", "closed_on": "销号日期"}
PLAN_ACCOUNTABILITY = "问责：{on} {reason}"
PROGRESS_HEADS = ("日期", "进度", "计划", "说明", "登记人")
F_TARGET, F_MEASURES, F_PERSON, F_PLAN_UNIT, F_PLAN_DUE = "整改目标", "整改措施", "责任人", "责任单位", "整改时限"
PLAN_KEEPS = "修改方案不更换责任单位和整改时限：更换单位请先按 t 退回，延长时限请按 x 延期。"
F_PERCENT, F_PROGRESS_NOTE, F_CHECK_ON, F_CHECK_RESULT = "进度（%）", "说明", "日期", "结果"
F_PROGRESS = "进度"  # how messages name the 进度（%） field: 进度：不能为空, as the core's 进度：…
P_PLAN_DUE = "留空按 rectify.deadline 计算，如 2026-06-30"
P_PERCENT = "0–100"
P_PROGRESS_NOTE = "进度回退时必填"
PROGRESS_BACK_NOTE = "进度：{percent}% 低于上次报送的 {previous}%，进度回退须在“说明”中写明原因"
RESULT_OPTIONS = (("通过", "pass"), ("未通过", "fail"))
PLAN_SAVED = "第{number}号：整改方案已保存，{label}。"
PROGRESS_DONE = "第{number}号：进度 {percent}%，{label}。"
CHECK_DONE = "第{number}号：{what}{result}，现为“{label}”。"
CHECK_WHAT = {"recheck": "复查", "lookback": "回头看"}
P_CHECK = "通过或未通过"
CHECK_RESULT_REQUIRED = "结果：不能为空"

# the 民生实事 screen (tui/screens/projects.py)
PROJECTS_TITLE = "民生实事项目"
PROJECTS_HEADLINE = "{round}　名额{places}个，入选{adopted}个　[ ] 切换票决"
NO_PROJECT_ROUND = "还没有民生实事票决。在命令行运行 docket project new 名称 --places 名额 新建。"
NO_CANDIDATES = "还没有候选项目（docket project add）。"
PROJECT_DETAIL_TITLE = "第{number}号　{title}　〔{state}〕"
PROJECT_VOTES = "票决"
PROJECT_VOTES_LINE = "赞成{yes}　反对{no}　弃权{abstain}　名次{rank}"
PROJECT_PLAN = "实施"
# the item screen's section of a 民生实事 project (tui/screens/item.py), in place of 整改方案与进度
PROJECT_SECTION = "票决与实施进度"
PROJECT_FIELDS = {"unit": "牵头单位", "budget": "预算（万元）", "lead_unit": "承办单位", "assigned_on": "交办日期",
                  "due_on": "办理期限", "last_report": "最近报送"}
PROJECT_PLAN_LINE = "{unit}　{assigned} 至 {due}　进度{progress}%　计划{planned}%　最近报送{last}"
PROJECT_MILESTONE = "节点"
PROJECT_MID = "年中测评"
PROJECT_FINAL = "年终测评"
PROJECT_TEST_LINE = "满意{satisfied}　基本满意{basic}　不满意{dissatisfied}　弃权{abstain}　有效{valid}　满意率{rate}　{level}"
# the 民生实事 forms (tui/screens/forms/projects.py)
COUNT_BAD = "{field}：请填写不小于0的整数"
F_VOTE_MEMBERS, F_VOTE_PRESENT, F_VOTE_VALID, F_VOTE_ON = "代表总数", "出席人数", "有效票数", "表决日期"
VOTE_HEAD = "{round}　名额{places}个，已入选{taken}个，本次表决{n}个项目争{left}个名额"
VOTE_COUNTS_HEAD = "各项目得票（依次填写 赞成、反对、弃权）："
VOTE_CANDIDATE = "第{number}号"
VOTE_YES, VOTE_NO, VOTE_ABSTAIN = "赞成", "反对", "弃权"
VOTE_COUNTS_BAD = "第{number}号：赞成、反对、弃权都要填写不小于0的整数（没有的填0）"
VOTE_PREVIEW = "赞成票须超过 {need} 票（{base} × {threshold}）。按此票数：{results}"
VOTE_PREVIEW_PART = "{result} 第{numbers}号"
VOTE_SAVED = "已录入“{round}”第{ballot}次表决的票数：{results}"
PROJECT_PROGRESS_SAVED = "第{number}号：已报送 {on} 进度 {percent}%"
F_MILESTONE_ON, F_MILESTONE_TEXT, F_MILESTONE_PERCENT = "节点日期", "节点内容", "计划进度"
P_MILESTONE_ON = "交办日与办理期限之间，如 2027-06-30"
P_MILESTONE_PERCENT = "到该节点应完成的 %，留空则各节点均分"
MILESTONE_SAVED = "第{number}号：已设置节点 {on} {text}"
F_STAGE = "测评"
TEST_PREVIEW = "有效票 {valid}，满意率（满意和基本满意 ÷ 有效票）{rate}"
TEST_SAVED = "第{number}号：已录入{stage}测评（{group}）的票数"

# the tally form's live figures (tui/screens/forms/appraisal.py) and an item's due line (tui/screens/item.py)
TALLY_FIGURES = "得分 {score}　满意率 {rate}　等次 {level}"
ITEM_DUE_LINE = "  主办期限 {due} 剩余 {left} "

# look-alike items on the item screen and routing hints in the assign form (issue 16)
SIMILAR_HEADS = ("编号", "届次", "相似度", "状态", "标题", "共同词句")
SIMILAR_SAME_SESSION = "本届"
SIMILAR_KEY_HINT = "按 j 把本件并入第{number}号（同 docket review {me} --merge-into {number}）"
SIMILAR_NO_TARGET = "本届没有可并入的相似件"
SIMILAR_NOT_HERE = "{name}不能并案：并案只用于建议、议案、提案"
SIMILAR_MERGED = "第{number}号已并入第{master}号"
SUGGEST_LINE = "建议主办：{units}"
SUGGEST_UNIT = "{unit}（{reason}）"
