"""The dashboard: overall figures and per unit counts, overdue, rates and colour bars.

Every figure comes from `core.stats.report`, the function behind `docket report`, as of the
runtime's today, and rates are printed as `docket report` prints them (92.5%, 100%, —), so the
screen and the command never disagree. Only the yellow part of a unit's bar (lead items due
soon) comes from elsewhere: the queue's own colour (`core.queue.list_items(color="yellow")`),
which the report does not count.

Bars are drawn for the width the widget has (block characters, eighths for the overall rates),
in theme colours ($success, $warning, $error) so they read on light and dark themes, and with a
distinct glyph per part so they read without colour too.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from math import floor
from typing import TYPE_CHECKING

from docket.core.numbers import half_up
from docket.tui import actions, strings
from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from docket.core.stats import Rate, Report, UnitFigures

# stacked bar of a unit's lead items: (part, glyph, theme style); each part its own glyph, so
# the bar reads without colour (▚ is narrow in every terminal, unlike the ambiguous shades)
PARTS = (("replied", "█", "$success"), ("overdue", "▚", "$error"),
         ("soon", "▓", "$warning"), ("other", "░", "$foreground-muted"))
EIGHTHS = " ▏▎▍▌▋▊▉"
ORDERS = ("report", "overdue", "on_time")


def rate_text(rate: Rate) -> str:
    """A rate exactly as `docket report` and the documents print it."""
    return rate.text


def fit(text: str, width: int) -> str:
    """Cut to `width` display cells (a CJK character takes two) with …, then pad."""
    if cell_len(text) > width:
        out = ""
        for ch in text:
            if cell_len(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    return text + " " * (width - cell_len(text))


def rjust(text: str, width: int) -> str:
    return " " * max(width - cell_len(text), 0) + text


def parts_of(u: UnitFigures, soon: int) -> dict[str, int]:
    """A unit's lead items split for its bar: replied, overdue, due soon, the rest."""
    replied = min(u.replied, u.lead)
    overdue = min(u.overdue, u.lead - replied)
    soon = min(soon, u.lead - replied - overdue)
    return {"replied": replied, "overdue": overdue, "soon": soon,
            "other": u.lead - replied - overdue - soon}


def split_cells(counts: dict[str, int], cells: int) -> dict[str, int]:
    """Share `cells` among the parts by largest remainder; a part that exists gets a cell."""
    total = sum(counts.values())
    if not total or cells <= 0:
        return {k: 0 for k in counts}
    exact = {k: Fraction(n * cells, total) for k, n in counts.items()}
    out = {k: floor(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - out[k], reverse=True):
        if sum(out.values()) >= cells:
            break
        out[k] += exact[k] > out[k]
    for k, n in counts.items():  # a single overdue item must show, even beside 40 replied
        if n and not out[k]:
            donor = max(out, key=lambda d: out[d])
            if out[donor] > 1:
                out[donor] -= 1
                out[k] = 1
    return out


def unit_bar(counts: dict[str, int], cells: int) -> Content:
    shares = split_cells(counts, cells)
    return Content.assemble(*((glyph * shares[part], style) for part, glyph, style in PARTS
                              if shares[part]))


def rate_bar(rate: Rate, cells: int) -> Content:
    """A horizontal bar `cells` wide filled to the rate, in eighths of a cell."""
    f = rate.fraction
    if f is None or cells <= 0:
        return Content.styled("·" * max(cells, 0), "$foreground-muted")
    eighths = half_up(f * cells, 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (EIGHTHS[part] if part else "")
    return Content.assemble((filled, "$primary"),
                            ("·" * (cells - cell_len(filled)), "$foreground-muted"))


@dataclass(frozen=True, slots=True)
class DashboardData:
    report: Report
    soon: Counter = field(default_factory=Counter)  # unit name -> lead items due soon (yellow)
    warning: str | None = None  # the calendar's 'next year's holidays not loaded' note
    soon_pending: bool = False  # the figures are there, the yellow parts not yet
    rectify: object = None  # the newest rectification round's figures (core.rectify.Figures)


def load(conn, *, as_of, session: str | None,
         shown: Callable[[DashboardData], None] | None = None,
         progress: Callable[[int, int], None] | None = None) -> DashboardData:
    """The report `docket report` prints, plus the queue's yellow lead items per unit.

    At 50,000 items the report takes a second or two and the yellow count as much again, so a
    screen is handed the report first (`shown`, with soon_pending) and the bars' yellow parts
    after; `progress(done, total)` follows the report's items."""
    from docket.core import queue
    from docket.core.deadlines import Deadlines
    from docket.core.stats import report

    dl = Deadlines(conn)
    rep = report(conn, as_of=as_of, session=session, progress=progress)
    warning = dl.calendar.upcoming_warning(as_of)
    if shown is not None:
        shown(DashboardData(rep, Counter(), warning, soon_pending=True))
    soon = Counter(r["lead_unit"] for r in
                   queue.list_items(conn, as_of=as_of, session=session, color="yellow", dl=dl)
                   if r.get("lead_unit"))
    from docket.core.rectify import newest_figures

    return DashboardData(rep, soon, warning, rectify=newest_figures(conn, as_of=as_of))


def rectify_line(fig) -> str:
    """One line of the newest rectification round's figures (domain.md §12), as `report`."""
    from docket.core.numbers import percent

    return strings.DASH_RECTIFY.format(
        round=fig.round, done=fig.done, total=fig.total, completion=percent(fig.completion_rate),
        on_time=percent(fig.on_time_rate), recheck=percent(fig.recheck_rate), accountability=fig.accountability,
        red=fig.red, late=fig.late_reports)


# -- widgets ---------------------------------------------------------------------------------

class Overall(Widget):
    """Counts on one line, then every overall rate with its bar, in two columns when room."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: DashboardData | None = None
        self.counting: tuple[int, int] | None = None  # (done, total) while the report is made

    def show(self, data: DashboardData) -> None:
        self.data = data
        self.refresh(layout=True)

    def count(self, done: int, total: int) -> None:
        self.counting = (done, total)
        if self.data is None:
            self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self.data is None:
            if self.counting is not None:
                done, total = self.counting
                return [Content(strings.DASH_COUNTING.format(total=f"{total:,}", done=f"{done:,}"))]
            return [Content(strings.DASH_LOADING)]
        rep = self.data.report
        counts = [(name, getattr(rep, key)) for key, name in strings.DASH_COUNTS]
        out = [Content.assemble(*(part for name, n in counts
                                  for part in ((f"{name} ", "$text-muted"), (f"{n}", "bold"), "   ")))]
        rates = rep.rates()
        cols = 2 if width >= 76 else 1
        col_w = (width - 2 * (cols - 1)) // cols
        name_w = max(cell_len(name) for _, name, _ in rates)
        rows = (len(rates) + cols - 1) // cols
        for r in range(rows):
            pieces: list = []
            for c in range(cols):
                i = c * rows + r  # down the first column, then the second
                if i >= len(rates):
                    break
                _, name, rate = rates[i]
                basis = f"{rate.num}/{rate.den}"
                text_w = name_w + 1 + 6 + 1 + max(cell_len(basis), 7) + 1
                pieces += [("  " if c else ""), (fit(name, name_w) + " ", "$text-muted"),
                           (rjust(rate_text(rate), 6) + " ", "bold"),
                           (fit(basis, max(cell_len(basis), 7)) + " ", "$text-muted"),
                           rate_bar(rate, col_w - text_w)]
            out.append(Content.assemble(*pieces))
        classes = "、".join(f"{c} {n}" for c, n in rep.classes.items())
        out.append(Content.assemble((strings.DASH_CLASSES, "$text-muted"), classes))
        if self.data.warning:
            out.append(Content.styled(self.data.warning, "$warning"))
        if self.data.soon_pending:
            out.append(Content.styled(strings.DASH_SOON_PENDING, "$text-muted"))
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))


@dataclass(frozen=True, slots=True)
class UnitColumns:
    name: int
    rate_heads: tuple[str, str]
    bar: int


NUMBER_W = 4
RATE_W = 10


def unit_columns(width: int, longest_name: int) -> UnitColumns:
    """Name as wide as the longest (at most 22 cells), the bar takes what is left."""
    name = min(max(longest_name, 8), 22)
    heads = strings.DASH_RATE_HEADS
    rate_w = RATE_W
    fixed = 1 + 4 * (NUMBER_W + 1) + 2 * (rate_w + 1) + 1  # spaces after the name and rates
    if width - name - fixed < 12:  # narrow: short rate headers, shorter names
        heads, rate_w = strings.DASH_RATE_HEADS_SHORT, 6
        fixed = 1 + 4 * (NUMBER_W + 1) + 2 * (rate_w + 1) + 1
        name = max(min(name, width - fixed - 10), 8)
    return UnitColumns(name, heads, max(width - name - fixed, 0))


def _row(cols: UnitColumns, name: str, numbers: list[str], rates: list[str]) -> list:
    rate_w = 10 if cols.rate_heads == strings.DASH_RATE_HEADS else 6
    return ([fit(name, cols.name), " "] + [rjust(n, NUMBER_W) + " " for n in numbers]
            + [rjust(r, rate_w) + " " for r in rates] + [" "])


class UnitTable(Widget):
    """One line per unit (the report's units), header included; scrolls inside its container."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: DashboardData | None = None
        self.order = "report"

    def show(self, data: DashboardData) -> None:
        self.data = data
        self.refresh(layout=True)

    def units(self) -> list[UnitFigures]:
        units = list(self.data.report.units) if self.data else []
        if self.order == "overdue":
            units.sort(key=lambda u: (-u.overdue, -(u.lead - u.replied)))
        elif self.order == "on_time":
            # units with no decided item go last: a dash is not a low rate
            units.sort(key=lambda u: (u.on_time.fraction is None, u.on_time.fraction or 0))
        return units

    def columns(self, width: int) -> UnitColumns:
        units = self.units()
        return unit_columns(width, max((cell_len(u.unit) for u in units), default=8))

    def header(self, width: int) -> Content:
        cols = self.columns(width)
        return Content.assemble(*_row(cols, strings.DASH_UNIT, list(strings.DASH_NUMBER_HEADS),
                                      list(cols.rate_heads)), fit(strings.DASH_BAR, cols.bar))

    def lines(self, width: int) -> list[Content]:
        if self.data is None:
            return []
        units = self.units()
        if not units:
            return [Content(strings.DASH_NO_UNITS)]
        cols = self.columns(width)
        most = max((u.lead for u in units), default=0) or 1
        out = []
        for u in units:
            counts = parts_of(u, self.data.soon.get(u.unit, 0))
            cells = half_up(Fraction(u.lead * cols.bar, most), 1)
            if u.lead and not cells:
                cells = 1
            row = _row(cols, u.unit, [str(u.lead), str(u.support), str(u.replied), str(u.overdue)],
                       [rate_text(u.on_time), rate_text(u.satisfaction)])
            if u.overdue:
                row[2 + 3] = (row[2 + 3], "bold $error")  # the overdue count, red as in the queue
            out.append(Content.assemble(*row, unit_bar(counts, min(cells, cols.bar))))
        return out

    class Resized(Message):
        """The table's width changed: the header above it (outside the scroll) follows."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(len(self.lines(width)), 1)

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))


class DashboardScreen(Screen):
    SCOPE = "dashboard"
    BINDINGS = actions.bindings("dashboard")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(strings.DASH_LOADING, id="dash-title")
        yield Overall(id="overall")
        yield Static(id="dash-rectify")
        yield Static(id="units-head")
        with VerticalScroll(id="units"):
            yield UnitTable(id="unit-table")
        yield Static(self._legend(), id="dash-legend")
        yield Footer()

    @staticmethod
    def _legend() -> Content:
        pieces: list = []
        for part, glyph, style in PARTS:
            pieces += [(glyph * 2, style), f" {strings.DASH_PARTS[part]}  "]
        return Content.assemble(*pieces, (strings.DASH_ORDER_HINT, "$text-muted"))

    def on_mount(self) -> None:
        self.title = strings.DASH_TITLE
        self.query_one("#dash-rectify").display = False  # shown when there is a round
        self.set_focus(self.query_one("#units"))
        self.call_after_refresh(self.reload)  # the frame is painted before the thread starts

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.query_one(UnitTable).data is not None:
            self.reload()  # back from the queue: items may have changed meanwhile

    @on(UnitTable.Resized)
    def _head(self) -> None:
        table = self.query_one(UnitTable)
        if table.data is not None:
            self.query_one("#units-head", Static).update(table.header(table.size.width))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def reload(self) -> None:
        """Read the figures off the event loop, on a connection of this thread: the heading
        and the number of items at once, the figures when the report is made, the yellow
        parts of the bars last (issue 17 item 8: at 50,000 items the whole takes seconds)."""
        from docket.core.stats import session_items
        from docket.store.db import opened

        rt = self.app.rt
        call = self.app.call_from_thread
        with opened(rt.db_path) as conn:
            name, total = session_items(conn, rt.session)
            call(self._heading, name, total)
            data = load(conn, as_of=rt.today, session=rt.session,
                        shown=lambda first: call(self._loaded, first),
                        progress=lambda done, total: call(self._counted, done, total))
        call(self._loaded, data)

    def _heading(self, session: str, total: int) -> None:
        self.query_one("#dash-title", Static).update(
            strings.DASH_HEADING.format(session=session, as_of=self.app.rt.today.isoformat()))
        self._counted(0, total)

    def _counted(self, done: int, total: int) -> None:
        self.query_one(Overall).count(done, total)

    def _loaded(self, data: DashboardData) -> None:
        rep = data.report
        self.query_one("#dash-title", Static).update(
            strings.DASH_HEADING.format(session=rep.session, as_of=rep.as_of.isoformat()))
        self.query_one(Overall).show(data)
        rect = self.query_one("#dash-rectify", Static)
        rect.update(rectify_line(data.rectify) if data.rectify else "")
        rect.display = data.rectify is not None
        self.query_one(UnitTable).show(data)
        self.call_after_refresh(self._head)

    @on(Worker.StateChanged)
    def _load_failed(self, event: Worker.StateChanged) -> None:
        """Worker.StateChanged does not bubble, so this screen reports its own failed load."""
        if event.state == WorkerState.ERROR:
            message = strings.error_text(event.worker.error)
            self.notify(strings.LOAD_FAILED.format(error=message), severity="error", timeout=10)

    def action_refresh(self) -> None:
        self.reload()

    def action_units_order(self) -> None:
        table = self.query_one(UnitTable)
        table.order = ORDERS[(ORDERS.index(table.order) + 1) % len(ORDERS)]
        table.refresh(layout=True)
        self.notify(strings.DASH_ORDERS[table.order], timeout=2)

    def action_back(self) -> None:
        self.app.switch_mode("queue")
