"""Documents from the TUI: notices, reminders, the 办理情况通报 and the briefing, with progress.

Each job calls the same core functions as its command (`docket remind --out`, `docket report
--format docx`, ...) and `docgen.issue.issue`, the one issuing path behind the CLI's progress bar;
the job runs in a thread worker of the app (not of the dialog), so the screen keeps answering
while files are written, the dialog can be closed with the job going on (h) and opened again on
it (g), and Esc cancels it through issue's `should_stop` (no number used, no file left). The
progress callback reaches the bar through `call_from_thread`, at most ten times a second. A document whose core function is
not there yet says so ("尚未提供") instead of half-working.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docket.tui import strings
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, ProgressBar, RichLog
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from docket.core.runtime import Runtime

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Done:
    """What a job wrote: the files and one sentence for the clerk."""

    paths: list[Path] = field(default_factory=list)
    message: str = ""
    warnings: tuple[str, ...] = ()


# -- jobs: thin glue over the core, as the commands are (no rule lives here) ----------------

def notice_job(rt: Runtime, folder: Path, progress: Progress, numbers: tuple[int, ...] = (),
               should_stop: Callable[[], bool] | None = None) -> Done:
    """`docket notice [N ...] --out folder`: one 交办通知 per unit, one 文号 for the run, recorded."""
    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    folder = issue.output_folder(folder)
    with opened(rt.db_path) as conn:
        def plan():
            return documents.notice_data(conn, numbers=numbers or None, today=rt.today,
                                         session=rt.session)
        done = issue.issue(conn, plan, folder, actor=rt.actor, today=rt.today, progress=progress,
                           should_stop=should_stop)
    warnings = done.batch.warnings if done.batch else ()
    if not done.paths:
        return Done([], strings.DOC_NOTHING_NOTICE, warnings)
    return Done(done.paths, strings.DOC_NOTICES.format(count=len(done.paths), doc_no=done.doc_no),
                warnings)


def brief_job(rt: Runtime, folder: Path, progress: Progress, numbers: tuple[int, ...] = (),
              should_stop: Callable[[], bool] | None = None) -> Done:
    """`docket brief --out folder`: the next issue of the 工作简报, with its charts, recorded."""
    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    folder = issue.output_folder(folder)
    with opened(rt.db_path) as conn:
        done = issue.issue(conn, lambda: documents.brief_data(conn, rt.today, None, session=rt.session),
                           folder, actor=rt.actor, today=rt.today, progress=progress,
                           should_stop=should_stop)
    return Done(done.paths, strings.DOC_BRIEF.format(name=done.batch.series, no=done.batch.serial),
                done.batch.warnings)


def form_job(rt: Runtime, folder: Path, progress: Progress, numbers: tuple[int, ...] = (),
             should_stop: Callable[[], bool] | None = None) -> Done:
    """`docket form N ... --out folder`: a 征询意见表 per item (per rater); nothing recorded."""
    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    if not numbers:
        return Done([], strings.DOC_FORM_NEEDS_ITEMS)
    folder = issue.output_folder(folder)
    with opened(rt.db_path) as conn:
        batch = documents.form_data(conn, list(numbers), today=rt.today, session=rt.session)
        done = issue.issue(conn, batch, folder, actor=rt.actor, today=rt.today, progress=progress,
                           should_stop=should_stop)
    return Done(done.paths, strings.DOC_FORMS.format(count=len(done.paths)), batch.warnings)


def remind_job(rt: Runtime, folder: Path, progress: Progress, numbers: tuple[int, ...] = (),
               should_stop: Callable[[], bool] | None = None, force: bool = False) -> Done:
    """`docket remind --out folder` (`--force` when the clerk ticks 非工作日也催办): record today's
    reminders and write one document per unit."""
    from docket.core import reminders
    from docket.docgen import issue
    from docket.store.db import opened

    folder = issue.output_folder(folder)
    with opened(rt.db_path) as conn:
        run = reminders.remind(conn, as_of=rt.today, actor=rt.actor, session=rt.session,
                               today=rt.today, documents=True, force=force)
        if run.deferred:
            done = issue.issue(conn, lambda: reminders.remind_batch(
                conn, as_of=rt.today, actor=rt.actor, session=rt.session), folder,
                actor=rt.actor, today=rt.today, progress=progress, should_stop=should_stop)
            run = reminders.issued(run, done.batch.payload if done.batch else [], done.paths)
    if run.non_workday:
        return Done([], strings.DOC_NOT_WORKDAY.format(day=rt.today.isoformat(), force=strings.DOC_FORCE))
    if not run.reminders and not run.late_progress:
        return Done([], strings.DOC_NOTHING_DUE.format(day=rt.today.isoformat()))
    n = reminders.counts(run)  # as `remind --out` counts them
    if not run.reminders:  # only 进度催报通知 (未按时报送进度)
        return Done(list(run.documents), strings.DOC_LATE_REMINDED.format(
            docs=n.documents, units=n.late_units, late=n.late))
    said = strings.DOC_REMINDED.format(units=n.documents, items=n.items, red=n.red)
    if run.late_progress:
        said = strings.DOC_REMINDED_AND_LATE.format(said=said[:-1], units=n.late_units, late=n.late)
    return Done(list(run.documents), said)


def circular_job(rt: Runtime, folder: Path, progress: Progress, numbers: tuple[int, ...] = (),
                 should_stop: Callable[[], bool] | None = None) -> Done:
    """`docket report --format docx`: the 办理情况通报, its 文号 recorded with it."""
    from docket.core.stats import circular_batch, report
    from docket.docgen import issue
    from docket.store.db import opened

    folder = issue.output_folder(folder)
    with opened(rt.db_path) as conn:
        rep = report(conn, as_of=rt.today, session=rt.session)
        done = issue.issue(conn, lambda: circular_batch(conn, rep), folder, actor=rt.actor,
                           today=rt.today, progress=progress, should_stop=should_stop)
    return Done(done.paths, strings.DOC_CIRCULAR.format(doc_no=done.doc_no))


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    label: str
    command: str
    run: Callable[..., Done] | None  # (rt, folder, progress, numbers) -> Done; None: not provided yet


JOBS: tuple[Job, ...] = (
    Job("notice", "交办通知（尚未发通知的交办，每个单位一份）", "docket notice --out 目录", notice_job),
    Job("remind", "催办通知、督办函（今天该催办的单位，并记录催办）", "docket remind --out 目录",
        remind_job),
    Job("circular", "办理情况通报（docx，同 docket report）", "docket report --format docx",
        circular_job),
    Job("brief", "工作简报（含图表，接续上一期）", "docket brief --out 目录", brief_job),
    Job("form", "征询意见表（队列中选中的事项）", "docket form 编号 --out 目录", form_job),
)
_JOBS = {j.id: j for j in JOBS}


# -- the running job: one per app, alive while its dialog is closed ---------------------------

class Run:
    """The documents job running for the app: its progress and its log so far, so that the
    dialog can be closed while it runs (the queue and search keep working) and opened again
    on it; when it ends, the app's notification says so wherever the clerk is."""

    PROGRESS_EVERY = 0.1  # seconds between two progress updates sent to the screen

    def __init__(self, app: App, job: Job, folder: Path, numbers: tuple[int, ...],
                 options: dict | None = None) -> None:
        self.app = app
        self.job = job
        self.options = options or {}  # the job's own choices (remind: force)
        self.folder = folder
        self.numbers = numbers
        self.stop = threading.Event()  # the clerk's cancel, read by issue's should_stop
        self.done = 0
        self.total: int | None = None
        self.lines: list[str] = []
        self.screen: DocumentsScreen | None = None
        _RUNS[app] = self

    def start(self) -> None:
        self.app.run_worker(self._work, thread=True, group="documents", exit_on_error=False,
                            name=f"documents-{self.job.id}")

    def _work(self) -> Done | None:
        """In the worker thread: the job, its progress (at most every 0.1 s) and its end are
        handed to the event loop. A worker cancelled by the app quitting reports nothing."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int, name: str) -> None:
            nonlocal last
            now = time.monotonic()
            if done == total or now - last >= self.PROGRESS_EVERY:
                last = now
                self.app.call_from_thread(self._progressed, done, total)

        def should_stop() -> bool:
            return self.stop.is_set() or worker.is_cancelled

        try:
            done = self.job.run(self.app.rt, self.folder, progress, self.numbers,
                                should_stop=should_stop, **self.options)
        except Exception as error:  # noqa: BLE001  (shown to the clerk, in Chinese when ours)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._ended, None, error)
            return None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._ended, done, None)
        return done

    def log(self, text: str) -> None:
        self.lines.append(text)
        if self.screen is not None:
            self.screen.query_one(RichLog).write(text)

    def cancel(self) -> None:
        if not self.stop.is_set():
            self.stop.set()
            self.log(strings.DOC_CANCELLING)

    def _progressed(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.screen is not None:
            self.screen.show_progress(self)

    def _ended(self, done: Done | None, error: BaseException | None) -> None:
        """Success writes the files to the log; a cancel or a failure says nothing was kept."""
        from docket.docgen.issue import Cancelled

        if _RUNS.get(self.app) is self:
            del _RUNS[self.app]
        if done is not None:
            self.done = self.total = max(len(done.paths), 1)
            for path in done.paths[:50]:
                self.log(f"  {path}")
            if len(done.paths) > 50:
                self.log(strings.DOC_MORE.format(n=len(done.paths) - 50))
            for warning in done.warnings:
                self.log(warning)
            text, severity, timeout = done.message, "information", None
        elif isinstance(error, Cancelled):
            text, severity, timeout = str(error), "warning", None
        else:
            text, severity, timeout = (strings.DOC_FAILED.format(error=_message(error)), "error",
                                       10)
        self.log(text)  # last, so the summary is what stays in view
        if self.screen is not None:
            self.screen.show_idle(done is not None)
        elif done is not None:
            text = strings.DOC_DONE_AWAY.format(text=text)
        # the notification reaches the clerk on any screen (the dialog may be closed)
        self.app.notify(text, title=strings.DOC_TITLE, severity=severity,
                        **({"timeout": timeout} if timeout else {}))


_RUNS: WeakKeyDictionary[App, Run] = WeakKeyDictionary()


def running(app: App) -> Run | None:
    """The documents job this app is running, if any."""
    return _RUNS.get(app)


# -- the screen ------------------------------------------------------------------------------

class DocumentsScreen(ModalScreen[None]):
    """Pick a document, the folder, Enter: generated in the background with a progress bar.

    While a job runs, Esc cancels it (nothing recorded, no file left) and h closes the dialog
    with the job going on; g opens the dialog on it again."""

    SCOPE = "documents"
    BINDINGS = [Binding("escape", "close", strings.DOC_CLOSE),
                Binding("h", "hide", strings.DOC_HIDE, show=False)]

    def __init__(self, kind: str | None = None, folder: Path | None = None,
                 numbers: tuple[int, ...] | list[int] = ()) -> None:
        """kind preselects a document; numbers (the queue's selection) narrow notices and forms."""
        super().__init__()
        self.kind = kind if kind in _JOBS else "notice"
        self.numbers = tuple(numbers)
        self.folder = folder or Path(os.getcwd())

    @property
    def running(self) -> bool:
        run = running(self.app)
        return run is not None and run.screen is self

    def compose(self) -> ComposeResult:
        with Vertical(id="documents"):
            yield OptionList(*(Option(self._label(j), id=j.id) for j in JOBS), id="doc-kinds")
            with Horizontal(id="doc-folder-row"):
                yield Label(strings.DOC_FOLDER, id="doc-folder-label")
                yield Input(str(self.folder), id="doc-folder")
            yield Checkbox(strings.DOC_FORCE, id="doc-force")
            with Horizontal(id="doc-run-row"):
                yield Button(strings.DOC_RUN, id="doc-run", variant="primary")
                yield Button(strings.DOC_CANCEL, id="doc-cancel", variant="error")
                yield Button(strings.DOC_HIDE_BUTTON, id="doc-hide")
                yield ProgressBar(total=None, show_eta=False, id="doc-progress")
            yield Label("", id="doc-status")
            yield RichLog(id="doc-log", wrap=True, markup=False, min_width=20)

    def _label(self, job: Job) -> str:
        if job.run is None:
            return f"{job.label}  {strings.DOC_PENDING_TAG}"
        if self.numbers and job.id in ("notice", "form"):
            return f"{job.label}  " + strings.DOC_FOR_ITEMS.format(
                numbers=" ".join(map(str, self.numbers[:8])) + (" …" if len(self.numbers) > 8 else ""))
        return job.label

    def on_mount(self) -> None:
        self.query_one("#documents").border_title = strings.DOC_TITLE
        kinds = self.query_one(OptionList)
        run = running(self.app)
        kinds.highlighted = [j.id for j in JOBS].index(run.job.id if run else self.kind)
        kinds.focus()
        self.query_one(ProgressBar).display = False
        self.query_one(RichLog).write(strings.DOC_HINT)
        self.show_idle(False)
        if run is not None:  # opened again on the job running in the background
            run.screen = self
            self.query_one("#doc-folder", Input).value = str(run.folder)
            for line in run.lines:
                self.query_one(RichLog).write(line)
            self.show_running()
            self.show_progress(run)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.generate()

    @on(Button.Pressed, "#doc-run")
    @on(Input.Submitted, "#doc-folder")
    def _run_pressed(self) -> None:
        self.generate()

    @on(Button.Pressed, "#doc-cancel")
    def _cancel_pressed(self) -> None:
        self.action_close()

    @on(Button.Pressed, "#doc-hide")
    def _hide_pressed(self) -> None:
        self.action_hide()

    def selected_job(self) -> Job:
        kinds = self.query_one(OptionList)
        return JOBS[kinds.highlighted or 0]

    def generate(self) -> None:
        """Start the highlighted job unless one is running (or it is not provided yet)."""
        job = self.selected_job()
        log = self.query_one(RichLog)
        if running(self.app) is not None:
            self.notify(strings.DOC_BUSY, severity="warning")
            return
        if job.run is None:
            log.write(strings.DOC_NOT_PROVIDED.format(label=job.label, command=job.command))
            self.notify(strings.DOC_NOT_PROVIDED.format(label=job.label, command=job.command),
                        severity="warning")
            return
        folder = Path(self.query_one("#doc-folder", Input).value.strip() or ".").expanduser()
        options = {"force": self.query_one("#doc-force", Checkbox).value} if job.id == "remind" else {}
        run = Run(self.app, job, folder, self.numbers, options)
        run.screen = self
        self.show_running()
        self.show_progress(run)
        run.log(strings.DOC_STARTED.format(label=job.label, folder=folder))
        run.start()

    def show_running(self) -> None:
        """While a job runs: the bar, 取消 and 后台继续; the choices wait."""
        self.query_one(ProgressBar).display = True
        for id_, running_ in (("doc-run", False), ("doc-cancel", True), ("doc-hide", True)):
            self.query_one(f"#{id_}", Button).display = running_
        self.query_one(OptionList).disabled = True
        self.query_one("#doc-folder", Input).disabled = True
        self.query_one("#doc-cancel", Button).focus()

    def show_progress(self, run: Run) -> None:
        self.query_one(ProgressBar).update(total=run.total, progress=run.done)
        if run.total:
            self.query_one("#doc-status", Label).update(
                strings.DOC_PROGRESS.format(done=run.done, total=run.total))

    def show_idle(self, succeeded: bool) -> None:
        """No job running: the choices and 生成 again; the bar stays full after a success."""
        self.query_one("#doc-run", Button).display = True
        self.query_one("#doc-cancel", Button).display = False
        self.query_one("#doc-hide", Button).display = False
        self.query_one("#doc-status", Label).update("")
        kinds = self.query_one(OptionList)
        kinds.disabled = False
        self.query_one("#doc-folder", Input).disabled = False
        bar = self.query_one(ProgressBar)
        if bar.display and not succeeded:
            bar.display = False
        if self.focused is None:
            kinds.focus()

    def action_close(self) -> None:
        """Esc: cancel the running job (nothing recorded, no file left), else close."""
        run = running(self.app)
        if run is not None and run.screen is self:
            run.cancel()
            return
        self.dismiss(None)

    def action_hide(self) -> None:
        """h: close the dialog, the job goes on; the notification says when it is done."""
        run = running(self.app)
        if run is not None and run.screen is self:
            run.screen = None
            self.notify(strings.DOC_HIDDEN.format(label=run.job.label), title=strings.DOC_TITLE)
        self.dismiss(None)


def _message(error: BaseException | None) -> str:
    return strings.error_text(error)
