"""Department appraisal (as `docket appraisal show`): results of a round, and a tally form with
running totals (votes counted against present, group score, rate and level as the clerk types).

`t` opens the tally form for the highlighted department, `c` computes and stores the result,
`[`/`]` switch rounds. Tallies are counts only: no voter is ever named (背靠背).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
)
from textual.worker import Worker

if TYPE_CHECKING:
    from docket.core.appraisal import Tally
    from docket.core.runtime import Runtime

NO_ROUND = "还没有评议。用 docket appraisal new 2026年度部门工作评议 --group 代表 新建。"
TITLE = "{round}（{model} 第{version}版）　测评组：{groups}"
FIELDS = (("members", "应到人数"), ("present", "实到人数"), ("satisfied", "满意"), ("basic", "基本满意"),
          ("dissatisfied", "不满意"), ("abstain", "弃权"), ("unknown", "不了解"))
SAVED = "已录入{department}（{group}）的测评票数"
COMPUTED = "已计算并保存{round}的结果"


def load_round(rt: Runtime, name: str | None) -> tuple[list[str], dict | None, dict]:
    """Round names, the chosen round's live results, and vote settings (in a worker thread)."""
    from docket.core import settings
    from docket.core.appraisal import list_rounds, results
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        names = [r["round"] for r in list_rounds(conn)]
        res = results(conn, name or names[-1]) if names else None
        vote = {"points": settings.get(conn, "vote.points"), "base": settings.get(conn, "vote.base")}
    return names, res, vote


def running(values: dict[str, int | None], vote: dict) -> Text:
    """What the tally typed so far gives, or what is wrong with it (the core's own rules)."""
    from fractions import Fraction

    from docket.core.appraisal import Tally, group_score, level, rate
    from docket.core.errors import BadInput
    from docket.core.score_figures import fmt

    if any(v is None for v in values.values()):
        return Text("请在每一栏填写整数（没有的填0）。", style="dim")
    t = Tally(**values)
    counted = t.valid + t.abstain + t.unknown
    head = f"已计{counted}票 / 实到{t.present}人，有效票{t.valid}　"
    try:
        t.check("本组")
    except BadInput as e:
        return Text(head + "；".join(e.details), style="bold red")
    points = {k: Fraction(str(v)) for k, v in vote["points"].items()}
    r = rate(t)
    return Text(head + f"得分 {fmt(group_score(t, points))}　满意率 "
                + ("—" if r is None else f"{float(r) * 100:.1f}%")
                + f"　等次 {level(t, vote['base']) or '—'}", style="bold")


class TallyForm(ModalScreen["tuple[str, str, Tally] | None"]):
    """One department's counts for one voter group, with running totals."""

    DEFAULT_CSS = """
    TallyForm { align: center middle; }
    #tally { width: 72; height: auto; max-height: 90%; border: round $accent; padding: 0 1; }
    #tally Horizontal { height: auto; }
    #tally Label { width: 12; padding: 1 0 0 0; }
    #tally Input { width: 1fr; }
    #tally-running { padding: 1 0; }
    """
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "保存", priority=True)]

    def __init__(self, departments: list[str], groups: list[str], department: str | None, vote: dict) -> None:
        super().__init__()
        self.departments, self.groups, self.vote = departments, groups, vote
        self.department = department or (departments[0] if departments else None)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="tally"):
            yield Select([(d, d) for d in self.departments], value=self.department, id="department",
                         allow_blank=False)
            yield Select([(g, g) for g in self.groups], value=self.groups[0], id="group", allow_blank=False)
            for key, label in FIELDS:
                with Horizontal():
                    yield Label(label)
                    yield Input("0" if key in ("abstain", "unknown") else "", id=key, type="integer")
            yield Static("", id="tally-running")
            with Horizontal():
                yield Button("保存（Ctrl+S）", id="save", variant="primary")
                yield Button("取消（Esc）", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#tally").border_title = "录入测评票数"
        self.query_one("#members", Input).focus()
        self.refresh_totals()

    def values(self) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for key, _ in FIELDS:
            text = self.query_one(f"#{key}", Input).value.strip()
            try:
                out[key] = int(text)
            except ValueError:
                out[key] = None
        return out

    @on(Input.Changed)
    def refresh_totals(self) -> None:
        self.query_one("#tally-running", Static).update(running(self.values(), self.vote))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from docket.core.appraisal import Tally
        from docket.core.errors import BadInput

        values = self.values()
        if any(v is None for v in values.values()):
            self.notify("请在每一栏填写整数（没有的填0）。", severity="error")
            return
        tally = Tally(**values)
        try:
            tally.check("本组")
        except BadInput as e:
            self.notify("；".join(e.details), severity="error")
            return
        self.dismiss((str(self.query_one("#department", Select).value),
                      str(self.query_one("#group", Select).value), tally))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AppraisalScreen(Screen[None]):
    SCOPE = "appraisal"
    DEFAULT_CSS = """
    #appraisal-title { padding: 0 1; }
    #appraisal-table { height: auto; max-height: 50%; }
    #appraisal-groups { height: auto; padding: 1 1 0 1; }
    """
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "app.pop_screen", "返回"),
        Binding("t", "tally", "录入票数"),
        Binding("c", "compute", "计算结果"),
        Binding("left_square_bracket", "round(-1)", "上一次评议"),
        Binding("right_square_bracket", "round(1)", "下一次评议"),
        Binding("r", "reload", "刷新"),
    ]

    def __init__(self, round_name: str | None = None) -> None:
        super().__init__()
        self.round_name = round_name
        self.names: list[str] = []
        self.result: dict | None = None
        self.vote: dict = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="appraisal-title")
        yield DataTable(id="appraisal-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="appraisal-groups")
        yield Footer()

    def on_mount(self) -> None:
        from docket.tui import strings

        self.title = strings.APPRAISAL_TITLE
        self.action_reload()

    def action_reload(self) -> None:
        self.load(self.round_name)

    def action_round(self, step: int) -> None:
        if self.names and self.result:
            i = (self.names.index(self.result["round"]) + step) % len(self.names)
            self.load(self.names[i])

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)  # DocketApp's one error reporter
        if report:
            report(event)  # a refused compute or a failed load reaches the clerk

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, name: str | None) -> None:
        names, res, vote = load_round(self.app.rt, name)
        self.app.call_from_thread(self.show, names, res, vote)

    def show(self, names: list[str], res: dict | None, vote: dict) -> None:
        from docket.core.appraisal import result_rows

        self.names, self.result, self.vote = names, res, vote
        title = self.query_one("#appraisal-title", Static)
        grid = self.query_one("#appraisal-table", DataTable)
        grid.clear(columns=True)
        if res is None:
            title.update(Text(NO_ROUND, style="dim"))
            return
        self.round_name = res["round"]
        title.update(TITLE.format(round=res["round"], model=res["model_title"], version=res["model_version"],
                                  groups="、".join(f"{g['group']}（权重{g['weight']:g}）" for g in res["groups"])))
        rows, columns = result_rows(res)
        for key, head in columns:
            grid.add_column(head, key=key)
        for r in rows:
            grid.add_row(*("—" if r.get(k) is None else str(r[k]) for k, _ in columns), key=r["department"])
        if rows:
            grid.move_cursor(row=0)
            self.show_groups(0)
        grid.focus()

    @on(DataTable.RowHighlighted, "#appraisal-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_groups(event.cursor_row)

    def show_groups(self, index: int) -> None:
        from rich.table import Table

        if not self.result or not 0 <= index < len(self.result["departments"]):
            return
        d = self.result["departments"][index]
        table = Table(title=f"{d['department']}　满意度测评", box=None, padding=(0, 1), header_style="bold",
                      title_justify="left")
        for head in ("测评组", "应到", "实到", "满意", "基本满意", "不满意", "弃权", "不了解", "得分", "满意率", "等次"):
            table.add_column(head, justify="left" if head == "测评组" else "right")
        for g in d["vote"]["groups"]:
            table.add_row(g["group"], *(str(g[k]) for k in ("members", "present", "satisfied", "basic",
                                                              "dissatisfied", "abstain", "unknown")),
                          "—" if g["score"] is None else f"{g['score']:.2f}",
                          "—" if g["rate"] is None else f"{g['rate'] * 100:.1f}%", g["level"] or "—")
        if not d["vote"]["groups"]:
            table.add_row("尚未录入（按 t 录入）", *[""] * 10)
        self.query_one("#appraisal-groups", Static).update(table)

    def selected(self) -> str | None:
        if not self.result or not self.result["departments"]:
            return None
        return self.result["departments"][self.query_one("#appraisal-table", DataTable).cursor_row]["department"]

    def _no_round(self, what: str) -> bool:
        """Say what to do instead of ignoring the key when there is no round yet."""
        from docket.tui import strings

        if self.result:
            return False
        self.notify(strings.NO_ROUND_ACTION.format(what=what, year=self.app.rt.today.year),
                    severity="warning")
        return True

    def action_tally(self) -> None:
        from docket.tui import strings

        if self._no_round("录入票数"):
            return
        deps = [d["department"] for d in self.result["departments"]]
        groups = [g["group"] for g in self.result["groups"]]
        if deps and groups:
            self.app.push_screen(TallyForm(deps, groups, self.selected(), self.vote), self.save_tally)
        else:
            self.notify(strings.NO_DEPARTMENTS.format(round=self.result["round"]),
                        severity="warning")

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def save_tally(self, form: tuple[str, str, Tally] | None) -> None:
        from docket.core.appraisal import record_tally
        from docket.store.db import opened

        if not form:
            return
        department, group, tally = form
        rt = self.app.rt
        with opened(rt.db_path) as conn:
            done = record_tally(conn, self.round_name, department=department, group=group, tally=tally,
                                actor=rt.actor, today=rt.today)
        self.app.call_from_thread(self.notify, SAVED.format(**done))
        self.app.call_from_thread(self.load, self.round_name)

    def action_compute(self) -> None:
        if not self._no_round("计算结果"):
            self.compute()

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def compute(self) -> None:
        from docket.core.appraisal import compute
        from docket.store.db import opened

        rt = self.app.rt
        with opened(rt.db_path) as conn:
            res = compute(conn, self.round_name, actor=rt.actor, today=rt.today)
        self.app.call_from_thread(self.notify, COMPUTED.format(round=res["round"]))
        self.app.call_from_thread(self.load, self.round_name)
