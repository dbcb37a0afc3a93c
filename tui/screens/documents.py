"""Documents from the TUI: notices, reminders, the 办理情况通报 and the briefing, with progress.

Each job calls the same core functions as its command (`docket remind --out`, `docket report
--format docx`, ...) and `docgen.issue.issue`, the one issuing path behind the CLI's progress bar;
the job runs in a thread worker, so the screen keeps answering while files are written, and the
progress callback reaches the bar through `call_from_thread`. A document whose core function is
not there yet says so ("尚未提供") instead of half-working.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docket.tui import strings
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, ProgressBar, RichLog
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

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
               should_stop: Callable[[], bool] | None = None) -> Done:
    """`docket remind --out folder`: record today's reminders and write one document per unit."""
    from docket.core import reminders
    from docket.docgen import issue
    from docket.store.db import opened

    folder = issue.output_folder(folder)
    with opened(rt.db_path) as conn:
        run = reminders.remind(conn, as_of=rt.today, actor=rt.actor, session=rt.session,
                               today=rt.today, documents=True)
        if run.deferred:
            done = issue.issue(conn, lambda: reminders.remind_batch(
                conn, as_of=rt.today, actor=rt.actor, session=rt.session), folder,
                actor=rt.actor, today=rt.today, progress=progress, should_stop=should_stop)
            run = reminders.issued(run, done.batch.payload if done.batch else [], done.paths)
    if run.non_workday:
        return Done([], strings.DOC_NOT_WORKDAY.format(day=rt.today.isoformat()))
    if not run.reminders:
        return Done([], strings.DOC_NOTHING_DUE.format(day=rt.today.isoformat()))
    red = sum(1 for r in run.reminders if r.color == "red")
    return Done(list(run.documents), strings.DOC_REMINDED.format(
        units=len(run.documents), items=len(run.reminders), red=red))


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


# -- the screen ------------------------------------------------------------------------------

class DocumentsScreen(ModalScreen[None]):
    """Pick a document, the folder, Enter: generated in the background with a progress bar."""

    SCOPE = "documents"
    BINDINGS = [Binding("escape", "close", strings.DOC_CLOSE)]

    def __init__(self, kind: str | None = None, folder: Path | None = None,
                 numbers: tuple[int, ...] | list[int] = ()) -> None:
        """kind preselects a document; numbers (the queue's selection) narrow notices and forms."""
        super().__init__()
        self.kind = kind if kind in _JOBS else "notice"
        self.numbers = tuple(numbers)
        self.folder = folder or Path(os.getcwd())
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="documents"):
            yield OptionList(*(Option(self._label(j), id=j.id) for j in JOBS), id="doc-kinds")
            with Horizontal(id="doc-folder-row"):
                yield Label(strings.DOC_FOLDER, id="doc-folder-label")
                yield Input(str(self.folder), id="doc-folder")
            with Horizontal(id="doc-run-row"):
                yield Button(strings.DOC_RUN, id="doc-run", variant="primary")
                yield ProgressBar(total=None, show_eta=False, id="doc-progress")
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
        kinds.highlighted = [j.id for j in JOBS].index(self.kind)
        kinds.focus()
        self.query_one(ProgressBar).display = False
        self.query_one(RichLog).write(strings.DOC_HINT)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.generate()

    @on(Button.Pressed, "#doc-run")
    @on(Input.Submitted, "#doc-folder")
    def _run_pressed(self) -> None:
        self.generate()

    def selected_job(self) -> Job:
        kinds = self.query_one(OptionList)
        return JOBS[kinds.highlighted or 0]

    def generate(self) -> None:
        """Start the highlighted job unless one is running (or it is not provided yet)."""
        job = self.selected_job()
        log = self.query_one(RichLog)
        if self.running:
            self.notify(strings.DOC_BUSY, severity="warning")
            return
        if job.run is None:
            log.write(strings.DOC_NOT_PROVIDED.format(label=job.label, command=job.command))
            self.notify(strings.DOC_NOT_PROVIDED.format(label=job.label, command=job.command),
                        severity="warning")
            return
        folder = Path(self.query_one("#doc-folder", Input).value.strip() or ".").expanduser()
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.running = True
        self.query_one("#doc-run", Button).disabled = True
        log.write(strings.DOC_STARTED.format(label=job.label, folder=folder))
        self.run_job(job, folder)

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def run_job(self, job: Job, folder: Path) -> Done:
        from textual.worker import get_current_worker

        worker = get_current_worker()

        def progress(done: int, total: int, name: str) -> None:
            self.app.call_from_thread(self._progress, done, total, name)

        # a cancelled worker stops the batch cleanly: no number used, no file left
        return job.run(self.app.rt, folder, progress, self.numbers,
                       should_stop=lambda: worker.is_cancelled)

    def _progress(self, done: int, total: int, name: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)

    @on(Worker.StateChanged)
    def _finished(self, event: Worker.StateChanged) -> None:
        """Success writes the files to the log; a failure (also shown by the app) too."""
        if event.worker.group != "documents" or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self.running = False
        self.query_one("#doc-run", Button).disabled = False
        bar = self.query_one(ProgressBar)
        log = self.query_one(RichLog)
        if event.state == WorkerState.SUCCESS:
            done: Done = event.worker.result
            bar.update(total=max(len(done.paths), 1), progress=max(len(done.paths), 1))
            for path in done.paths[:50]:
                log.write(f"  {path}")
            if len(done.paths) > 50:
                log.write(strings.DOC_MORE.format(n=len(done.paths) - 50))
            for warning in done.warnings:
                log.write(warning)
            log.write(done.message)  # last, so the summary is what stays in view
            self.notify(done.message, title=strings.DOC_TITLE)
        else:
            bar.display = False
            text = strings.DOC_FAILED.format(error=_message(event.worker.error))
            log.write(text)
            # Worker.StateChanged does not bubble: the app never sees this screen's workers
            self.notify(text, severity="error", timeout=10)

    def action_close(self) -> None:
        if self.running:  # the thread would write into a closed screen
            self.notify(strings.DOC_BUSY, severity="warning")
            return
        self.dismiss(None)


def _message(error: BaseException | None) -> str:
    from docket.core.errors import DocketError

    return str(error) if isinstance(error, DocketError) else f"{type(error).__name__}: {error}"
