"""One item, everything about it: content, proposers, assignments with their own due dates and
colours, replies, evaluations, reminders, documents issued and the history (as `docket show`).

Opened with Enter from the queue; the handling keys open the same forms as there, with the
version this screen shows, so an edit made meanwhile by another clerk is refused and reloads.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker

from docket.tui import actions, strings

if TYPE_CHECKING:
    from docket.core.runtime import Runtime
    from docket.tui.screens.forms import Line

# ANSI names, as the queue list uses: readable on light and dark themes
_COLOR_STYLES = {"red": "bold reverse red", "yellow": "bold reverse yellow", "white": "dim"}


def load_item(rt: Runtime, number: int) -> dict:
    """`show_item` (from a worker thread): each running assignment's colour and days left are
    the core's, as `docket show --json` gives them."""
    from docket.core.queue import show_item
    from docket.core.similar import look_alikes_of
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        item = show_item(conn, number, as_of=rt.today, session=rt.session)
        # a round's problems share template text, and none merges: no look-alikes there
        item["look_alikes"] = look_alikes_of(conn, number, session=rt.session) if merges(item) else []
        return item


def merges(item: dict) -> bool:
    """Whether the item's kind is ever merged (the lifecycle table: a rectification problem or a
    民生实事 project never is, 并案 is for proposals): its 相似件 panel and `j` only then."""
    from docket.core.lifecycle import sources_for

    return bool(sources_for("merge", item.get("kind")))


def merge_target(item: dict) -> dict | None:
    """The look-alike `j` merges this item into: the best one of the same session."""
    return next((x for x in item.get("look_alikes", ()) if x["same_session"]), None)


def similar_section(item: dict) -> object:
    rows = [(str(x["number"]), strings.SIMILAR_SAME_SESSION if x["same_session"] else x["session"],
             f"{round(x['score'] * 100)}%", x["state_label"], x["title"], "、".join(x["shared"]))
            for x in item.get("look_alikes", ())]
    table = _table(strings.SIMILAR_HEADS, rows, fold=5)
    target = merge_target(item)
    if not target:
        return table
    from rich.console import Group

    return Group(table, Text(strings.SIMILAR_KEY_HINT.format(number=target["number"], me=item["number"]),
                             style="dim"))


def _table(heads: tuple[str, ...], rows: list[tuple], fold: int = -1,
           expand: bool = True) -> Table | Text:
    """A borderless table; the `fold` column wraps so the table fits 80 columns. `expand`:
    the fold column takes the rest of the width (free text); otherwise the table is as wide
    as its cells (short cells such as unit names)."""
    if not rows:
        return Text(strings.ITEM_NONE, style="dim")
    table = Table(box=None, padding=(0, 1), expand=expand, header_style="bold", pad_edge=False)
    for n, head in enumerate(heads):
        grows = n == (fold % len(heads))
        # at 80 columns free text wraps (units, numbers, names) so that the short columns
        # (轮, dates, colours) keep their headers and cells whole
        wraps = grows or head in strings.WRAPPING_HEADS
        table.add_column(head, overflow="fold", ratio=1 if grows else None, no_wrap=not wraps,
                         min_width=8 if grows else None if wraps else cell_len(head))
    for row in rows:
        table.add_row(*row)
    return table


def assignment_rows(item: dict) -> list[tuple]:
    from docket.core.records import COLOR_LABELS, ROLE_LABELS, Color, Role

    rows = []
    for a in item["assignments"]:
        if a["returned"]:
            status = strings.ASSIGN_STATUS["returned"].format(on=a["returned_on"],
                                                              reason=a["return_reason"] or "")
        elif a["ended_on"]:
            status = strings.ASSIGN_STATUS["ended"].format(on=a["ended_on"],
                                                           reason=a["end_reason"] or "")
        elif a["replied_on"]:
            status = strings.ASSIGN_STATUS["replied"].format(on=a["replied_on"])
        else:
            status = strings.ASSIGN_STATUS["open"]
        color = a["color"]  # a tracked item's lead: already the worse of lag and due (show_item)
        rows.append((
            a["unit"], ROLE_LABELS[Role(a["role"])], str(a["round"]), a["assigned_on"],
            a["due_on"] + (strings.PROVISIONAL_MARK if a["provisional"] else ""),
            Text(strings.days_left_text(a["days_left"]),
                 style="bold red" if (a["days_left"] or 0) < 0 else ""),
            Text(COLOR_LABELS[Color(color)], style=_COLOR_STYLES[color]) if color else "",
            status))
    return rows


def sections(item: dict) -> list[tuple[str, object]]:
    """(heading, renderable) for every part of the item, in reading order."""
    from docket.core.event_labels import EVENT_OTHER, describe_event, event_label
    from docket.core.records import (
        LEVEL_LABELS,
        ROLE_LABELS,
        Level,
        Role,
        doc_kind_label,
        field_label,
    )

    info = []
    for key, label in strings.ITEM_FIELDS.items():
        value = item.get(key)
        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        label = field_label(key, item.get("kind"), default=label)  # 问题来源, 登记日期; None: no line
        if label is None:
            continue
        if value not in (None, "", 0) or key == "proposer":
            info.append((label, str(value)))
    info_table = Table.grid(padding=(0, 2))
    info_table.add_column(style="bold", no_wrap=True)
    info_table.add_column(overflow="fold")
    for label, value in info:
        info_table.add_row(label, value)
    def level(value: str | None) -> str:
        return LEVEL_LABELS[Level(value)] if value else ""

    def yes_no(value: bool | None) -> str:
        return "" if value is None else strings.YES if value else strings.NO

    return [
        ("info", info_table),
        ("content", Text(item.get("content") or strings.ITEM_NONE)),
        ("similar", similar_section(item)),
        ("assignments", _table(strings.ASSIGN_HEADS, assignment_rows(item))),
        ("plan", plan_section(item)),
        ("replies", _table(strings.REPLY_HEADS, [
            (r["unit"], ROLE_LABELS[Role(r["role"])], str(r["round"]),
             (r["class"] or "") + strings.REVIEW_MARKS.get(r.get("review"), ""), r["on"],
             r["doc_no"] or "", " ".join(x for x in (r["contact"], r["phone"]) if x),
             r["summary"] or "") for r in item["replies"]])),
        ("evaluations", _table(strings.EVAL_HEADS, [
            (str(e["round"]), level(e["result"]), level(e["attitude"]), e["on"], e["rater"] or "",
             yes_no(e["contacted"]), e["note"] or "") for e in item["evaluations"]])),
        ("reminders", _table(strings.REMINDER_HEADS, [
            (r["unit"], ROLE_LABELS[Role(r["role"])],
             strings.REMINDER_LEVELS.get(r["level"], r["level"]), str(r["n"]), r["due_on"],
             r["sent_on"] or "") for r in item["reminders"]], fold=0, expand=False)),
        ("documents", _table(strings.DOCUMENT_HEADS, [
            (doc_kind_label(d["kind"]), d["doc_no"] or "", d["issued_on"] or "", d["path"] or "")
            for d in item["documents"]])),
        ("history", _table(strings.HISTORY_HEADS, [
            (e["at"][:10], e["by"],  # the date: the time of day is the clock's, not DOCKET_TODAY's
             event_label(e["action"], EVENT_OTHER), describe_event(e, number=False))
            for e in item["events"]])),
    ]


def spark(values) -> str:
    """0–100 values as one block character each: ▁ (0) .. █ (100)."""
    blocks = "▁▂▃▄▅▆▇█"
    return "".join(blocks[min(7, int(v * 8 / 100))] for v in values)


def plan_section(item: dict) -> object:
    """A rectification item's plan, where it stands against it, its checks and its progress
    log (domain.md §12); a 民生实事 project's ballot, plan, milestones, tests and progress log
    (§13); nothing for other items (the section is hidden)."""
    if item.get("project"):
        return project_section(item["project"])
    plan = item.get("rectification")
    if not plan:
        return Text("")
    grid = _grid()
    for key, label in strings.PLAN_FIELDS.items():
        grid.add_row(label, str(plan.get(key) or "—"))
    for key, label in strings.PLAN_CHECKS.items():
        if plan.get(key):
            grid.add_row(label, plan[key])
    if plan.get("accountability"):
        grid.add_row("", strings.PLAN_ACCOUNTABILITY.format(**plan["accountability"]))
    return progress_part(grid, plan)


def project_rows(p: dict) -> tuple[str | None, list[tuple[str, str]]]:
    """A project's ballot line (None before the ballot) and its milestone and satisfaction-test
    rows, as the item screen and the 民生实事 screen show them; every rate rounded once from the
    counts (core.projects.exact_rate)."""
    from docket.core.numbers import percent
    from docket.core.projects import exact_rate

    votes = None if p.get("yes") is None else strings.PROJECT_VOTES_LINE.format(
        yes=p["yes"], no=p["no"], abstain=p["abstain"], rank=p["rank"] or "—")
    rows = [(strings.PROJECT_MILESTONE, f"{m['on']}  {m['text']}"
             + ("" if m["percent"] is None else f"（{m['percent']}%）")) for m in p.get("milestones") or ()]
    for stage, word in (("mid", strings.PROJECT_MID), ("final", strings.PROJECT_FINAL)):
        if t := (p.get("tests") or {}).get(stage):
            rows.append((word, strings.PROJECT_TEST_LINE.format(
                satisfied=t["satisfied"], basic=t["basic"], dissatisfied=t["dissatisfied"],
                abstain=t["abstain"], valid=t["valid"], rate=percent(exact_rate(t)), level=t["level"] or "—")))
    return votes, rows


def project_section(p: dict) -> object:
    """One project as `project list` has it (core.projects.standing's row) with its progress log:
    the ballot, lead unit and dates, milestones, satisfaction tests, then progress against plan."""
    from docket.core.projects import RESULT_LABELS

    grid = _grid()
    votes, rows = project_rows(p)
    if votes is not None:
        grid.add_row(strings.PROJECT_VOTES, votes
                     + (f"　{RESULT_LABELS[p['result']]}" if p.get("result") in RESULT_LABELS else ""))
    for key, label in strings.PROJECT_FIELDS.items():
        if p.get(key) is not None and not (key == "lead_unit" and p[key] == p.get("unit")):
            grid.add_row(label, f"{p[key]:g}" if isinstance(p[key], float) else str(p[key]))
    for label, text in rows:
        grid.add_row(label, text)
    if p.get("lead_unit") is None:  # a candidate, or adopted and not yet assigned: no plan yet
        return grid
    return progress_part(grid, p)


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def progress_part(grid: Table, plan: dict) -> object:
    """`grid`, then where the item stands against its plan (progress, planned %, lag, colour,
    未按时报送进度), a sparkline of its reports against the plan on their days, and the log."""
    from rich.console import Group

    from docket.core.records import COLOR_LABELS, Color

    def pct(x) -> str:
        return "—" if x is None else f"{x:g}%"

    standing = Text(strings.PLAN_STANDING.format(progress=pct(plan["progress"]), planned=pct(plan["planned"]),
                                                 lag="—" if plan["lag"] is None else f"{plan['lag']:g}"))
    if plan.get("color"):
        standing.append(COLOR_LABELS[Color(plan["color"])], style=_COLOR_STYLES[plan["color"]])
    if plan.get("late_report_on"):  # a line of its own: at 80 columns it would wrap mid-phrase
        standing.append("\n" + strings.PLAN_LATE.format(on=plan["late_report_on"]), style="bold")
    log_rows = plan.get("progress_log") or []
    if log_rows:  # a sparkline of the reports against the plan on their days
        standing.append("\n" + strings.PLAN_SPARK.format(
            progress=spark(p["percent"] for p in log_rows),
            planned=spark(p["planned"] or 0 for p in log_rows)))
    log = _table(strings.PROGRESS_HEADS, [(p["on"], pct(p["percent"]), pct(p["planned"]), p["note"] or "", p["by"])
                                          for p in log_rows], fold=3)
    return Group(grid, standing, log)


def heading(item: dict) -> Text:
    from docket.core.records import COLOR_LABELS, Color, item_name

    text = Text.assemble((item_name(item["number"], item["kind"]), "bold"), "  ",
                         (item["title"], "bold"), "  ", (f"〔{item['state_label']}〕", "bold"))
    for flag, label in strings.ITEM_FLAGS.items():
        if item.get(flag):
            text.append(f" {label}", style="bold")
    if item.get("due_on") and item.get("color"):
        left = strings.days_left_text(item["days_left"])
        text.append(strings.ITEM_DUE_LINE.format(due=item["due_on"], left=left))
        text.append(COLOR_LABELS[Color(item["color"])], style=_COLOR_STYLES[item["color"]])
    return text


class ItemScreen(Screen[bool]):
    """Dismissed with True when something was changed here (the queue then reloads)."""

    SCOPE = "item"
    BINDINGS = actions.bindings("item")

    def __init__(self, rt: Runtime, number: int, *, start: str | None = None) -> None:
        super().__init__()
        self.rt = rt
        self.number = number
        self.start = start  # a section to scroll to once loaded (h in the queue: "history")
        self.item: dict | None = None
        self.changed = False
        self.rendered: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(strings.ITEM_LOADING, id="item-head")
        with VerticalScroll(id="item-body"):
            for key, label in strings.ITEM_SECTIONS.items():
                yield Static(label, classes="item-heading", id=f"h-{key}")
                yield Static("", id=f"s-{key}", classes="item-section")
        yield Footer()

    def on_mount(self) -> None:
        self.title = strings.ITEM_SECTIONS["info"]
        self.query_one("#item-body").focus()
        self.load()

    @work(thread=True, exclusive=True, group="item-load", exit_on_error=False)
    def load(self) -> None:
        item = load_item(self.rt, self.number)
        self.app.call_from_thread(self._show_item, item)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        message = self.app.worker_failed(event)
        if message and event.worker.group == "item-load":
            self.query_one("#item-head", Static).update(message)

    def _show_item(self, item: dict) -> None:
        from docket.core.records import item_name

        self.item = item
        self.title = item_name(item["number"], item["kind"])
        self.query_one("#item-head", Static).update(heading(item))
        for key, renderable in sections(item):
            self.rendered[key] = renderable
            self.query_one(f"#s-{key}", Static).update(renderable)
        # the plan section: rectification problems and 民生实事 projects only
        shown = "rectification" in item or "project" in item
        self.query_one("#h-plan").display = self.query_one("#s-plan").display = shown
        self.query_one("#h-plan", Static).update(strings.PROJECT_SECTION if "project" in item
                                                 else strings.ITEM_SECTIONS["plan"])
        # 相似件 and its j (merge): proposals only; a round's items are never merged
        similar = merges(item)
        self.query_one("#h-similar").display = self.query_one("#s-similar").display = similar
        if self.start:
            self.call_after_refresh(self.query_one(f"#h-{self.start}").scroll_visible,
                                    top=True, animate=False)
            self.start = None

    def section_text(self, key: str) -> str:
        """The plain text of one section at the width it is drawn (what tests read)."""
        import io

        from rich.console import Console

        width = self.query_one(f"#s-{key}", Static).content_size.width or 80
        console = Console(width=width, file=io.StringIO(), color_system=None)
        with console.capture() as captured:
            console.print(self.rendered.get(key, ""))
        return "\n".join(line.rstrip() for line in captured.get().splitlines())

    # -- actions ----------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_refresh(self) -> None:
        self.load()

    def action_history(self) -> None:
        self.query_one("#h-history").scroll_visible(top=True, animate=False)

    def _open(self, form_class) -> None:
        from docket.tui.screens.forms import refusal

        if self.item is None:
            return
        if why := refusal(form_class.ACTION, self.item):
            self.notify(why, severity="warning")  # said before a form is filled in for nothing
            return
        self.app.push_screen(form_class(self.rt, [self.number],
                                        expect_version=self.item["version"],
                                        reloaded=self._stale), self._done)

    def _done(self, lines: list[Line] | None) -> None:
        if lines:
            self.changed = True
            self.notify("\n".join(x.text for x in lines), timeout=strings.DONE_SECONDS)
        self.load()

    def _stale(self) -> None:
        """A form here was refused as stale: this screen reloads, and the queue row behind it
        is read again when the clerk goes back."""
        self.changed = True
        self.load()

    def action_merge_similar(self) -> None:
        """j: merge this item into its best look-alike of the session, as `review --merge-into`."""
        from docket.core.errors import Conflict, DocketError
        from docket.core.intake import review
        from docket.store.db import opened

        if self.item is None:
            return
        if not merges(self.item):
            from docket.core.records import item_name

            self.notify(strings.SIMILAR_NOT_HERE.format(name=item_name(self.number, self.item["kind"])),
                        severity="warning")
            return
        target = merge_target(self.item)
        if target is None:
            self.notify(strings.SIMILAR_NO_TARGET, severity="warning")
            return
        try:
            with opened(self.rt.db_path) as conn:
                review(conn, self.number, action="merge", merge_into=target["number"], actor=self.rt.actor,
                       today=self.rt.today, session=self.rt.session, expect_version=self.item["version"])
        except DocketError as error:
            self.notify(strings.error_text(error), severity="error")
            if isinstance(error, Conflict):
                self._stale()
            return
        self.changed = True
        self.notify(strings.SIMILAR_MERGED.format(number=self.number, master=target["number"]),
                    timeout=strings.DONE_SECONDS)
        self.load()

    def action_review(self) -> None:
        from docket.tui.screens.forms.review import ReviewForm
        self._open(ReviewForm)

    def action_assign(self) -> None:
        from docket.tui.screens.forms.assign import AssignForm
        self._open(AssignForm)

    def action_return(self) -> None:
        from docket.tui.screens.forms.return_ import ReturnForm
        self._open(ReturnForm)

    def action_extend(self) -> None:
        from docket.tui.screens.forms.extend import ExtendForm
        self._open(ExtendForm)

    def action_reply(self) -> None:
        from docket.tui.screens.forms.reply import ReplyForm
        self._open(ReplyForm)

    def action_evaluate(self) -> None:
        from docket.tui.screens.forms.evaluate import EvaluateForm
        self._open(EvaluateForm)

    def action_close(self) -> None:
        from docket.tui.screens.forms.close import CloseForm
        self._open(CloseForm)

    def _rectify(self, name: str) -> None:
        from docket.tui.screens.forms import rectify

        if self.item is None:
            return
        if self.item["kind"] == "project":  # u: the project's own progress form; l, k: not for it
            self._project(name)
            return
        if "rectification" not in self.item:
            self.notify(strings.NOT_RECTIFICATION.format(number=self.number), severity="warning")
            return
        self._open(getattr(rectify, name))

    def _project(self, name: str) -> None:
        from docket.tui.screens.forms.projects import project_form

        form, why = project_form(self.rt, self.number, name)
        if why:
            self.notify(why, severity="warning")
        else:
            self.app.push_screen(form, self._done)

    def action_rectify_plan(self) -> None:
        self._rectify("PlanForm")

    def action_rectify_progress(self) -> None:
        self._rectify("ProgressForm")

    def action_rectify_check(self) -> None:
        self._rectify("CheckForm")
