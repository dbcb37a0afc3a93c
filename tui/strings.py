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
