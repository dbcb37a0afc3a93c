"""Every Chinese label, prompt and toast the TUI shows, in one place.

Plain strings only (no textual import), so tests can compare against them.
"""
from __future__ import annotations

APP_TITLE = "docket 建议提案办理"
QUEUE_TITLE = "办理队列"

# column headers of the queue list, by row key
COLUMNS = {
    "mark": "",
    "number": "编号",
    "flags": "标记",
    "title": "标题",
    "proposer": "领衔人",
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

SORT_LABELS = {"due": "按期限", "number": "按编号"}

SEARCH_PLACEHOLDER = "搜索：标题、提案人、编号（/）"
ANY_STATE = "全部状态"
ANY_UNIT = "全部承办单位"
ANY_COLOR = "全部颜色"
VIEW_PROMPT = "视图"
ONLY_KEY = "重点"
ONLY_FAST = "小微急"

LOADING = "正在载入办理队列…"
EMPTY = "没有符合条件的事项。按 0 回到全部，或清空搜索框。"
STATUS = "共 {total} 项，显示 {shown} 项，已选 {selected} 项  │  {view}  │  {sort}"
LOAD_FAILED = "载入失败：{error}"

# actions whose forms are not built yet say what to type instead
PENDING_ACTION = "“{label}”的表单尚未完成，可先在命令行使用：docket {command}"
PENDING_SCREEN = "“{label}”尚未完成。"
NO_ITEM = "当前没有选中的事项。"
ITEMS_CHOSEN = "{label}：第 {numbers} 号"

HELP_TITLE = "帮助（F1）"
HELP_HEADERS = ("按键", "操作", "说明", "命令行")
HELP_LIST_KEYS = (
    ("↑ ↓ / k j", "移动光标"),
    ("PgUp PgDn", "翻页"),
    ("Home End", "到第一项、最后一项"),
    ("空格", "选中/取消当前事项（可多选）"),
    ("Esc", "关闭本帮助"),
)
HELP_CLOSE = "按 Esc 或 F1 关闭"

# dashboard (tui/screens/dashboard.py): the figures of `docket report`
DASH_TITLE = "办理情况统计"
DASH_LOADING = "正在统计…"
DASH_HEADING = "{session}  办理情况（截至 {as_of}，同 docket report）"
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

# documents (tui/screens/documents.py)
DOC_TITLE = "生成文书（g）"
DOC_FOLDER = "输出目录"
DOC_RUN = "生成"
DOC_CLOSE = "关闭"
DOC_HINT = "选择文书，回车生成；文件写入输出目录，生成期间可继续查看，不会卡住界面。"
DOC_PENDING_TAG = "（尚未提供）"
DOC_NOT_PROVIDED = "“{label}”尚未提供，暂请在命令行使用：{command}"
DOC_STARTED = "开始生成：{label} → {folder}"
DOC_BUSY = "正在生成文书，请稍候。"
DOC_FAILED = "生成失败，未记录：{error}"
DOC_MORE = "  ……另有 {n} 个文件"
DOC_NOT_WORKDAY = "{day}不是工作日，未发送也未记录催办；确需发送请在命令行使用 docket remind --force --out 目录。"
DOC_NOTHING_DUE = "{day}没有需要催办的件，未生成文书。"
DOC_REMINDED = "已记录催办并生成{units}份文书：{items}件次（督办{red}件次）。"
DOC_CIRCULAR = "已生成办理情况通报 {doc_no}。"
