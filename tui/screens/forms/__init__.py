"""Action forms: one `ModalScreen[list[Line]]` per handling action, ending in `dismiss(lines)`.

A form loads what it needs once (the item(s), the unit directory, the settings it offers) in a
thread worker, checks each field as the clerk types with the core's own parsers (so the messages are
the commands' messages), and submits in a thread worker that calls one core function. A refused
action leaves the form open with what was typed; a `Conflict` (someone else changed the item
since the form opened) also reloads the item so the next submit is checked against what is
really there.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select, Static

from docket.core.errors import Conflict, DocketError
from docket.tui import actions, strings

if TYPE_CHECKING:
    import sqlite3

    from docket.core.runtime import Runtime
    from docket.core.units import Directory


@dataclass(frozen=True, slots=True)
class Line:
    """What an action did to one item (or why it was refused), for the per-item report."""
    number: int | None
    ok: bool
    text: str


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a form checks against, read once when it opens (and again after a Conflict)."""
    items: tuple[dict, ...]  # `show_item` dicts (full) or the items rows as dicts (light)
    directory: Directory
    classes: tuple[str, ...]
    body: str
    categories: tuple[str, ...]
    attitude: str  # evaluation.attitude: optional | required | off
    class_labels: dict[str, str] = field(default_factory=dict)  # reply.labels: A -> 所提问题…

    @property
    def item(self) -> dict:
        return self.items[0]


def load_context(rt: Runtime, numbers: Iterable[int], *, full: bool = True) -> Context:
    """Read the items and the rules a form needs (called from a worker thread), with the core
    functions the commands use."""
    from docket.core import settings
    from docket.core.queue import item_rows, session_body, show_item
    from docket.core.units import Directory
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        if full:
            rows = tuple(show_item(conn, n, as_of=rt.today, session=rt.session) for n in numbers)
        else:  # bulk assign needs only state, version and the fast flag of each item
            rows = item_rows(conn, list(numbers), session=rt.session)
        return Context(rows, Directory.load(conn),
                       tuple(settings.get(conn, "reply.classes")), session_body(conn, rt.session),
                       tuple(settings.get(conn, "intake.categories")),
                       str(settings.get(conn, "evaluation.attitude")),
                       dict(settings.get(conn, "reply.labels")))


def item_line(item: dict) -> str:
    """第12号建议  关于…  办理中: the form's first line, naming what it acts on."""
    from docket.core.records import item_name, state_label

    return (f"{item_name(item['number'], item['kind'])}  {item['title']}  "
            f"〔{state_label(item['state'], item['kind'])}〕")


class UnitSuggester(Suggester):
    """Completes the last unit name typed (full or short names, by prefix) from the directory."""

    def __init__(self, names: Iterable[str] = (), *, several: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names: list[str] = list(names)
        self.several = several

    async def get_suggestion(self, value: str) -> str | None:
        head, last = "", value
        if self.several:
            parts = re.split(r"([、，,;；\s]+)", value)
            head, last = "".join(parts[:-1]), parts[-1]
        if not last:
            return None
        for name in self.names:
            if name.startswith(last) and name != last:
                return head + name
        return None


class FormInput(Input):
    """An Input whose Enter first takes a shown completion, and only then moves on."""

    def take_suggestion(self) -> bool:
        """Complete the value with the shown suggestion; False if there is none to take."""
        suggestion = self._suggestion
        if suggestion and suggestion != self.value and suggestion.startswith(self.value):
            self.value = suggestion
            self.cursor_position = len(suggestion)
            return True
        return False

    async def action_submit(self) -> None:
        if not self.take_suggestion():
            await super().action_submit()


class ActionForm(ModalScreen[list[Line]]):
    """The shared frame: title, the item line, fields with their messages, a preview, buttons.

    Subclasses define `fields()` (compose the rows with `row()`), `problems()` (field id ->
    message, as the core would say it), `preview()` and `perform(conn)` (one core call)."""

    SCOPE = "form"
    # Tab, Shift+Tab and Enter move focus in the step that reads the key (priority bindings run
    # before the key is handed to a widget): keys typed, pasted or committed by an IME right
    # after them go to the next field. Textual's own Tab and Input.Submitted move focus only
    # once their messages went through the queues, and every key read meanwhile went to the
    # previous field (issue 17 item 10).
    BINDINGS = [*actions.bindings("form"),
                Binding("tab", "next_field", show=False, priority=True),
                Binding("shift+tab", "previous_field", show=False, priority=True),
                Binding("enter", "enter_field", show=False, priority=True)]
    ACTION = ""  # the registry id: title and help come from there
    FULL = True  # load show_item (False: light item rows, for bulk assign)

    def __init__(self, rt: Runtime, numbers: Iterable[int] = (), *,
                 expect_version: int | None = None,
                 reloaded: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.rt = rt
        self.numbers = list(numbers)
        self.expect_version = expect_version  # the version the opening screen showed
        self.reloaded = reloaded
        self.ctx: Context | None = None
        self.busy = False
        # a field's message shows once the clerk changed it, or after a submit: an untouched
        # form does not open on a list of complaints
        self.initial: dict[str, Any] = {}
        self.edited: set[str] = set()
        self.submitted = False
        self.leaving = False  # Esc once on a filled-in form: the next Esc throws it away

    # -- building ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(strings.FORM_LOADING, id="form-item")
            yield from self.fields()
            yield Static("", id="form-preview")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(strings.FORM_OK, id="ok", variant="primary", compact=True)
                yield Button(strings.FORM_CANCEL, id="cancel", compact=True)
            yield Static(strings.FORM_KEYS, id="form-keys")

    def fields(self) -> ComposeResult:
        yield from ()

    @staticmethod
    def row(label: str, widget: Any) -> ComposeResult:
        """One field: its label, the control, and a line under it for its message."""
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield widget
        yield Static("", id=f"{widget.id}-msg", classes="form-msg")

    def on_mount(self) -> None:
        self.query_one("#form").border_title = actions.get(self.ACTION).label
        self.load()

    @work(thread=True, exclusive=True, group="form-load", exit_on_error=False)
    def load(self) -> None:
        ctx = load_context(self.rt, self.numbers, full=self.FULL)
        self.app.call_from_thread(self._loaded, ctx)

    def _loaded(self, ctx: Context) -> None:
        first = self.ctx is None
        self.ctx = ctx
        self.query_one("#form-item", Static).update(self.describe())
        if first:
            self.prepare()
            self.initial = {id_: value for id_, value in self.field_values().items()}
        self.check()

    def describe(self) -> str:
        return "\n".join(item_line(i) for i in self.ctx.items[:3]) + (
            strings.FORM_MORE.format(n=len(self.ctx.items)) if len(self.ctx.items) > 3 else "")

    def prepare(self) -> None:
        """Fill choices that depend on the loaded item (units of its assignments...)."""

    # -- values and checks ------------------------------------------------------------------
    def text(self, id_: str) -> str:
        return self.query_one(f"#{id_}", Input).value.strip()

    def choice(self, id_: str) -> Any:
        value = self.query_one(f"#{id_}", Select).value
        return None if value is Select.NULL else value

    def problems(self) -> dict[str, str]:
        return {}

    def preview(self) -> str:
        return ""

    @staticmethod
    def attempt(problems: dict[str, str], field: str, call: Callable[[], Any]) -> Any:
        """Run one core parser; its DocketError message becomes the field's message."""
        try:
            return call()
        except DocketError as error:
            problems[field] = strings.error_text(error)
            return None

    def field_values(self) -> dict[str, Any]:
        """Each field's current value, by the id its message line is named after."""
        from textual.widgets import TextArea

        out: dict[str, Any] = {}
        for msg in self.query(".form-msg"):
            id_ = msg.id.removesuffix("-msg")
            widget = next(iter(self.query(f"#{id_}")), None)
            if widget is not None:
                out[id_] = widget.text if isinstance(widget, TextArea) else getattr(
                    widget, "value", None)
        return out

    def check(self) -> dict[str, str]:
        """Show the messages of the fields edited so far (all after a submit) and the preview;
        returns every problem found, shown or not."""
        if self.ctx is None:
            return {"": strings.FORM_LOADING}
        found = self.problems()
        for id_, value in self.field_values().items():
            if id_ in self.initial and value != self.initial[id_]:
                self.edited.add(id_)
        for msg in self.query(".form-msg").results(Static):
            id_ = msg.id.removesuffix("-msg")
            text = found.get(id_, "") if self.submitted or id_ in self.edited else ""
            msg.update(text)
            msg.display = bool(text)
        if not found and str(self.query_one("#form-error", Static).render()) == strings.FORM_FIX:
            self.error("")  # everything marked has been put right
        preview = self.preview() if not found else ""
        box = self.query_one("#form-preview", Static)
        box.update(preview)
        box.display = bool(preview)
        return found

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.leaving:  # typing on after the Esc question: the form stays
            self.leaving = False
            self.error("")
        self.check()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self._entered(event.input)

    def _entered(self, field: Input) -> None:
        """Enter moves to the next field; on the last one it submits."""
        inputs = [w for w in self.query(Input) if w.display and not w.disabled]
        if inputs and field is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_enter_field(self) -> None:
        """Enter on a field: take its completion, else move on (or submit) at once; on a
        button, a list or a choice Enter does what it does there."""
        from textual.actions import SkipAction

        field = self.focused
        if not isinstance(field, Input) or (isinstance(field, FormInput) and field.take_suggestion()):
            if not isinstance(field, Input):
                raise SkipAction()
            return
        self._entered(field)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Esc: close; a form with something typed asks first (a second Esc closes it)."""
        if self.ctx is not None and not self.leaving and self.filled_in():
            self.leaving = True
            self.error(strings.FORM_DISCARD)
            return
        self.dismiss([])

    def filled_in(self) -> bool:
        """Whether any field differs from how the form opened."""
        return any(value != self.initial.get(id_) for id_, value in self.field_values().items()
                   if id_ in self.initial)

    def error(self, text: str) -> None:
        box = self.query_one("#form-error", Static)
        box.update(text)
        box.display = bool(text)

    # -- submitting -------------------------------------------------------------------------
    def action_submit(self) -> None:
        if self.busy:
            return
        self.submitted = True
        found = self.check()
        if found:
            self.error(strings.FORM_FIX)
            return
        self.busy = True
        self.error("")
        self.submit()

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def submit(self) -> None:
        from docket.store.db import opened

        try:
            with opened(self.rt.db_path) as conn:
                lines = self.perform(conn)
        except Conflict as error:
            self.app.call_from_thread(self._refused, error, True)
        except DocketError as error:
            self.app.call_from_thread(self._refused, error, False)
        except BaseException:
            self.app.call_from_thread(setattr, self, "busy", False)
            raise  # the app's one worker-failure handler shows it
        else:
            self.app.call_from_thread(self.dismiss, lines)

    def _refused(self, error: DocketError, stale: bool) -> None:
        """Nothing was written: say why, keep every typed value; a stale view reloads."""
        self.busy = False
        self.error(strings.error_text(error))
        if stale:
            self.expect_version = None  # the reloaded item's version is the new view
            self.load()
            if self.reloaded is not None:
                self.reloaded()

    def version(self, item: dict) -> int:
        """The version the clerk's screen showed: the opener's, else the one this form loaded."""
        if self.expect_version is not None and len(self.numbers) == 1:
            return self.expect_version
        return item["version"]

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        raise NotImplementedError


# the lifecycle actions behind each form: the form opens when any of them may start
FORM_TRANSITIONS = {"review": ("accept", "merge", "convert", "as_kind", "withdraw"),
                    "return": ("return",), "extend": ("extend",), "reply": ("reply",),
                    "evaluate": ("evaluate",), "close": ("close",)}


def refusal(action_id: str, item: dict) -> str | None:
    """Why the `action_id` form cannot do anything for this item in its state (the core's
    words: 第1号建议已登记，不能答复), said before the form opens; None when it can."""
    from docket.core import lifecycle
    from docket.core.errors import IllegalTransition

    names = FORM_TRANSITIONS.get(action_id)
    if not names or any(lifecycle.allowed(n, item["state"]) for n in names):
        return None
    try:
        lifecycle.check(names[0], item["state"],
                        item["number"], item["kind"])
    except IllegalTransition as error:
        return str(error)
    return None


def parse_day(problems: dict[str, str], field: str, text: str, label: str,
              default: date | None = None) -> date | None:
    """A date field: empty gives `default`; otherwise the core's parse_date and its message."""
    from docket.core.dates import parse_date

    if not text:
        return default
    return ActionForm.attempt(problems, field, lambda: parse_date(text, label))


def required(problems: dict[str, str], field: str, text: str, message: str) -> None:
    if not text:
        problems[field] = message


def percent_field(form: ActionForm, problems: dict[str, str], field: str = "percent") -> int | None:
    """A progress report's 0–100 % (rectification and 民生实事 alike): 进度：不能为空 when empty,
    as every required field says it; else the core's check_percent and its message."""
    from docket.core import messages as msg
    from docket.core.progress import check_percent

    text = form.text(field)
    if not text:
        problems[field] = msg.FIELD_EMPTY.format(field=strings.F_PROGRESS)
        return None
    return form.attempt(problems, field, lambda: check_percent(text))


class ProgressEntry:
    """报送进度's fields and checks, shared by the rectification and 民生实事 forms: 0–100 %, a
    note (required going backwards, core.progress.check_entry), and the date."""

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_PERCENT, FormInput(id="percent", compact=True,
                                                         placeholder=strings.P_PERCENT))
        yield from self.row(strings.F_PROGRESS_NOTE, FormInput(id="note", compact=True,
                                                               placeholder=strings.P_PROGRESS_NOTE))
        yield from self.row(strings.F_CHECK_ON, FormInput(self.rt.today.isoformat(), id="on", compact=True))

    def prepare(self) -> None:
        self.query_one("#percent", FormInput).focus()

    def progress_problems(self, previous: int | None) -> dict[str, str]:
        from docket.core import progress

        found: dict[str, str] = {}
        pct = percent_field(self, found)
        if pct is not None:
            try:  # core's rule; the form names its own field, not the command's --note
                progress.check_entry(pct, previous=previous, note=self.text("note"))
            except DocketError:
                found["note"] = strings.PROGRESS_BACK_NOTE.format(percent=pct, previous=previous)
        parse_day(found, "on", self.text("on"), strings.F_CHECK_ON)
        return found


def open_assignments(item: dict) -> list[dict]:
    """The item's assignments still running (no reply, not returned or ended), as show_item
    lists them: the units a return, an extension or a reply can name."""
    return [a for a in item.get("assignments", ())
            if not a["returned"] and not a["ended_on"] and not a["replied_on"]]


def unit_problem(item: dict) -> str:
    """The #unit message when no unit is chosen: choose one, or there is none to choose."""
    return strings.CHOOSE_UNIT if open_assignments(item) else strings.NO_OPEN_UNIT


def unit_options(assignments: list[dict]) -> list[tuple[str, str]]:
    """(label, unit name) for a Select: 县水利局（主办，期限 2026-05-19）."""
    from docket.core.records import ROLE_LABELS, Role

    return [(strings.UNIT_OPTION.format(unit=a["unit"], role=ROLE_LABELS[Role(a["role"])],
                                        due=a["due_on"]), a["unit"]) for a in assignments]


def fill_units(form: ActionForm, assignments: list[dict]) -> None:
    """Offer the item's running assignments in the #unit Select, the lead first."""
    select = form.query_one("#unit", Select)
    options = unit_options(sorted(assignments, key=lambda a: a["role"] != "lead"))
    keep = select.value
    select.set_options(options)
    if options:
        names = [v for _, v in options]
        select.value = keep if keep in names else names[0]


def warned(text: str, warnings: Iterable[str]) -> str:
    extra = "；".join(warnings)
    return f"{text}（{extra}）" if extra else text


class UnitForm(ActionForm):
    """A form for one unit's running assignment (退回, 延期, 答复): the #unit choice offers the
    item's running assignments, filled again on every load (a reload may have changed them)."""

    def unit_row(self) -> ComposeResult:
        yield from self.row(strings.F_UNIT, Select([], id="unit", compact=True,
                                                   prompt=strings.P_CHOOSE_UNIT))

    def prepare(self) -> None:
        fill_units(self, open_assignments(self.ctx.item))

    def _loaded(self, ctx: Context) -> None:
        super()._loaded(ctx)
        fill_units(self, open_assignments(ctx.item))

    def unit_missing(self, found: dict[str, str]) -> None:
        """The #unit message when none is chosen."""
        if self.choice("unit") is None:
            found["unit"] = unit_problem(self.ctx.item)

    def assignment(self) -> dict | None:
        """The chosen unit's running assignment (as show_item lists it)."""
        unit = self.choice("unit")
        return next((a for a in open_assignments(self.ctx.item) if a["unit"] == unit), None)


class ReportScreen(ModalScreen[None]):
    """What a bulk action did, one line per item (✓ done, ✗ refused and why)."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", strings.FORM_CLOSE)]

    def __init__(self, title: str, lines: list[Line]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        items = [x for x in self.lines if x.number is not None]  # the rest: notes for all
        done = sum(1 for x in items if x.ok)
        with VerticalScroll(id="report"):
            yield Static(strings.REPORT_HEAD.format(done=done, failed=len(items) - done),
                         id="report-head")
            for line in self.lines:
                text = (line.text if line.number is None else f"✓ {line.text}" if line.ok else
                        "✗ " + strings.REFUSED.format(number=line.number, error=line.text))
                yield Static(text, classes="report-ok" if line.ok else "report-failed")
            yield Static(strings.FORM_CLOSE, id="form-keys")

    def on_mount(self) -> None:
        self.query_one("#report").border_title = self.title_text
