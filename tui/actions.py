"""The one list of TUI actions: key, Chinese label, help and the CLI command doing the same.

Screens' BINDINGS (and so the footer), the command palette and the F1 help are all built from
`ACTIONS`, so they cannot drift apart. `id` lets users remap keys (Textual keymaps). Textual is
imported only inside `bindings()`, so reading the registry (tests, help text) stays light.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    key: str  # Textual key name(s), comma-separated
    label: str
    help: str
    command: str | None  # the `docket` command that does the same; None for pure navigation
    scope: str = "queue"  # "app" (every screen), or screen names separated by spaces
    show: bool = True  # shown in the footer (all actions are in the palette and F1 help)
    call: str = ""  # the action string run by the key; defaults to the id
    priority: bool = False  # works even while a text box has focus

    @property
    def action(self) -> str:
        return self.call or self.id

    def in_scope(self, scopes: Iterable[str]) -> bool:
        return not set(self.scope.split()).isdisjoint(scopes)

    @property
    def key_label(self) -> str:
        """The key as the help screen prints it."""
        first = self.key.split(",")[0]
        names = {"slash": "/", "space": "空格", "enter": "回车", "escape": "Esc",
                 "ctrl+p": "Ctrl+P", "left_square_bracket": "[", "right_square_bracket": "]"}
        return names.get(first, first.upper() if first.startswith("f") and first[1:].isdigit()
                         else first.replace("ctrl+", "Ctrl+"))


QI = "queue item"  # handling works on the cursor row in the queue and on the open item


def _view(view_id: str, key: str, label: str, help: str) -> Action:
    return Action(f"view_{view_id}", key, label, help, "list", show=False,
                  call=f"set_view('{view_id}')")


ACTIONS: tuple[Action, ...] = (
    Action("help", "f1", "帮助", "本屏幕的按键和操作说明", None, scope="app"),
    Action("palette", "ctrl+p", "命令", "按名称查找并执行任何操作", None, scope="app",
           call="command_palette", priority=True, show=False),
    Action("quit", "q", "退出", "退出 docket", None, scope="app", show=False),
    Action("dashboard", "d", "统计", "各单位办理数量、逾期和满意率（同 docket report）", "report",
           scope="app", show=False),
    # the queue: finding items
    Action("search", "slash", "搜索", "在标题、正文、提案人、单位、编号及拼音首字母中查找，一两个汉字也可", "list"),
    Action("toggle_sort", "s", "排序", "在按办理期限和按编号排序之间切换", "list", show=False),
    _view("all", "0", "全部", "清除视图，显示全部事项"),
    _view("unassigned", "1", "待交办", "已登记、已立案，尚未交办的事项"),
    _view("due_soon", "2", "即将到期", "主办期限临近（黄色）的事项"),
    _view("overdue", "3", "逾期", "已超过主办期限（红色）的事项"),
    _view("to_evaluate", "4", "待评价", "已答复、等待代表委员评价的事项"),
    _view("rehandle", "5", "不满意待重办", "评价不满意、正在重新办理的事项"),
    Action("toggle_select", "space", "选中", "选中或取消当前事项，用于批量交办和打印通知", None),
    Action("select_all", "ctrl+a", "全选", "选中当前筛选出的全部事项", None, show=False),
    Action("clear_selection", "escape", "取消选中", "清除所有选中", None, show=False),
    Action("open", "enter", "查看", "查看当前事项的全部情况和历史", "show", show=False),
    Action("refresh", "f5", "刷新", "重新从数据库载入队列或本件", "list", scope=QI, show=False),
    # the queue: handling (contract §3 Handling)
    Action("add", "n", "登记", "登记一件新的建议、议案或提案", "add", show=False),
    Action("review", "v", "审核", "立案、并案、转来信、撤案或改按建议办理", "review", scope=QI, show=False),
    Action("assign", "a", "交办", "确定主办、协办单位并计算办理期限（可批量）", "assign", scope=QI),
    Action("return", "t", "退回", "承办单位在异议期内退回交办", "return", scope=QI, show=False),
    Action("extend", "x", "延期", "延长某单位的办理期限（须说明理由）", "extend", scope=QI, show=False),
    Action("reply", "r", "答复", "登记主办单位答复或协办单位意见", "reply", scope=QI),
    Action("evaluate", "e", "评价", "登记代表委员对答复的评价", "evaluate", scope=QI),
    Action("close", "c", "办结", "不经评价直接办结（须说明理由）", "close", scope=QI, show=False),
    Action("history", "h", "历史", "当前事项的全部操作记录", "history", scope=QI, show=False),
    # rectification (domain.md §12) and 民生实事 rounds (§13): the same queue, switched to a round
    Action("switch_round", "w", "切换轮次",
           "在建议提案队列、各轮整改和各次民生实事票决之间依次切换（同 docket --session 名称 list）",
           "list", show=False),
    Action("rectify_plan", "l", "整改方案", "制定或修改整改问题的目标、措施、责任人和时限", "rectify plan",
           scope=QI, show=False),
    Action("rectify_progress", "u", "报送进度", "登记整改问题或民生实事项目的进度（0–100，回退须说明原因；100 即已整改）",
           "rectify progress", scope=QI, show=False),
    Action("rectify_check", "k", "复查", "登记复查结果（复查通过后再按即登记回头看结果）", "rectify recheck",
           scope=QI, show=False),
    # documents
    Action("notice", "p", "交办通知", "为选中事项生成交办通知，每个单位一份", "notice"),
    Action("remind", "m", "催办", "生成黄色、红色事项的催办通知和督办函", "remind", show=False),
    Action("form", "f", "征询意见表", "为选中事项生成征询意见表", "form", show=False),
    Action("brief", "b", "工作简报", "生成带图表的工作简报", "brief", show=False),
    Action("scores", "o", "考评", "承办单位得分、等次与排名，可查看每项指标的来历（同 docket score）", "score",
           scope="app", show=False),
    Action("appraisal", "y", "评议", "部门工作评议：新建评议、录入测评票数、计算结果（同 docket appraisal）", "appraisal",
           scope="app", show=False),
    Action("waiting", "i", "待审核", "单位报来待审核的答复和待批的延期申请（同 docket reply review / extend --approve）",
           None, scope="app", show=False),
    Action("projects", "z", "民生实事", "民生实事项目：票决结果、实施进度对计划、颜色和满意度测评（同 docket project list）",
           "project list", scope="app", show=False),
    Action("documents", "g", "文书", "后台生成交办通知、催办督办函、办理情况通报、工作简报，显示进度",
           "notice", scope="app", show=False),
    # the dashboard (tui/screens/dashboard.py)
    Action("units_order", "s", "排序", "各单位按报表顺序、逾期最多、按期答复率最低排列", "report",
           scope="dashboard"),
    Action("dash_refresh", "f5", "刷新", "重新统计", "report", scope="dashboard", call="refresh"),
    Action("back", "escape", "返回队列", "回到办理队列（d 也可）", None, scope="dashboard"),
    # the item screen (tui/screens/item.py); handling keys above are shared with the queue
    Action("item_back", "escape", "返回", "回到办理队列", None, scope="item", call="back"),
    Action("merge_similar", "j", "并入相似件", "把本件并入“相似件”中最相似的本届在先件（同 docket review N --merge-into M）",
           "review", scope="item", show=False),
    # the 评议 screen (tui/screens/appraisal.py) and its forms (tui/screens/forms/appraisal.py)
    Action("appraisal_new", "n", "新建评议", "新建一次评议：名称、年度、测评组和被评议部门",
           "appraisal new", scope="appraisal", call="round_new"),
    Action("appraisal_add", "a", "添加部门", "为本次评议添加被评议部门、测评组（或修改测评组权重）",
           "appraisal add-department", scope="appraisal", call="round_add"),
    Action("appraisal_tally", "t", "录入票数", "录入光标所在部门在一个测评组的满意度测评票数（再次录入即更正）",
           "appraisal tally", scope="appraisal", call="tally"),
    Action("appraisal_compute", "c", "计算结果", "按模型计算综合得分、等次和名次并保存结果；缺票时可选择按已有票数计算",
           "appraisal compute", scope="appraisal", call="compute"),
    Action("appraisal_prev", "left_square_bracket", "上一次评议", "切换到上一次评议", "appraisal show",
           scope="appraisal", show=False, call="round(-1)"),
    Action("appraisal_next", "right_square_bracket", "下一次评议", "切换到下一次评议", "appraisal show",
           scope="appraisal", show=False, call="round(1)"),
    Action("appraisal_reload", "f5,r", "刷新", "重新载入本次评议（命令行另有改动之后）", "appraisal show",
           scope="appraisal", show=False, call="reload"),
    Action("appraisal_back", "escape", "返回", "回到上一屏", None, scope="appraisal",
           call="app.pop_screen"),
    # the scores screen (tui/screens/scores.py)
    Action("scores_prev", "left_square_bracket", "上一年", "查看上一年度的考评", "score",
           scope="scores", call="year(-1)"),
    Action("scores_next", "right_square_bracket", "下一年", "查看下一年度的考评", "score",
           scope="scores", call="year(1)"),
    Action("scores_reload", "f5,r", "刷新", "重新计分（命令行另有改动之后）", "score", scope="scores",
           call="reload"),
    Action("scores_back", "escape", "返回", "回到上一屏", None, scope="scores", call="app.pop_screen"),
    # the review view (tui/screens/waiting.py)
    Action("waiting_accept", "a", "通过", "审核通过光标所在的答复，或批准光标所在的延期申请",
           "reply review", scope="waiting", call="accept"),
    Action("waiting_reload", "f5,r", "刷新", "重新载入待审核的答复和延期申请", "reply review",
           scope="waiting", show=False, call="reload"),
    Action("waiting_back", "escape", "返回", "回到上一屏", None, scope="waiting", call="app.pop_screen"),
    # the 民生实事 screen (tui/screens/projects.py) and its forms (tui/screens/forms/projects.py)
    Action("project_vote", "v", "票决", "录入一次票决：代表总数、出席人数、有效票数和每个待表决项目的赞成、反对、弃权票",
           "project vote", scope="projects", call="vote"),
    Action("project_progress", "u", "报送进度", "登记光标所在入选项目的月度进度（0–100，回退须说明原因）",
           "project progress", scope="projects", call="progress"),
    Action("project_milestone", "m", "设置节点", "为光标所在已交办的项目设置节点：日期、内容和到该节点的计划进度",
           "project milestone", scope="projects", call="milestone"),
    Action("project_test", "t", "满意度测评", "录入光标所在入选项目年中或年终满意度测评的票数（再次录入即更正）",
           "project test", scope="projects", call="test"),
    Action("projects_prev", "left_square_bracket", "上一次票决", "切换到上一次民生实事票决", "project list",
           scope="projects", show=False, call="round(-1)"),
    Action("projects_next", "right_square_bracket", "下一次票决", "切换到下一次民生实事票决", "project list",
           scope="projects", show=False, call="round(1)"),
    Action("projects_reload", "f5,r", "刷新", "重新载入（命令行另有改动之后）", "project list", scope="projects",
           show=False, call="reload"),
    Action("projects_back", "escape", "返回", "回到上一屏", None, scope="projects", call="app.pop_screen"),
    # every action form (tui/screens/forms/)
    Action("submit", "ctrl+s", "提交", "检查并提交本表单；不成功时表单保留所填内容", None,
           scope="form", priority=True),
    Action("cancel", "escape", "取消", "关闭本表单，不做任何改动", None, scope="form"),
)

_BY_ID = {a.id: a for a in ACTIONS}
assert len(_BY_ID) == len(ACTIONS), "action ids are unique (keymaps use them)"


def get(action_id: str) -> Action:
    return _BY_ID[action_id]


def for_scope(*scopes: str) -> list[Action]:
    return [a for a in ACTIONS if a.in_scope(scopes)]


def bindings(scope: str) -> list[Binding]:
    """The BINDINGS of a screen (or the app, scope "app")."""
    from textual.binding import Binding

    # key_display: the footer says 空格 and Ctrl+P, as F1 does, not space and ^p
    return [Binding(a.key, a.action, a.label, show=a.show, id=a.id, tooltip=a.help,
                    priority=a.priority, key_display=a.key_label) for a in for_scope(scope)]


def help_rows(scopes: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(key, label, help, command) for the F1 help, in registry order."""
    return [(a.key_label, a.label, a.help, f"docket {a.command}" if a.command else "")
            for a in ACTIONS if a.in_scope(scopes)]
