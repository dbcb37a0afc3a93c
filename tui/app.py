"""DocketApp: the Textual application, built as DocketApp(rt) by the CLI and by tests.

Small on purpose: screens route, widgets show, the core does the work. Imported only by the
commands that open the TUI (and tests), never on a command's start-up path.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from docket.tui import actions, strings
from docket.tui.screens.dashboard import DashboardScreen
from docket.tui.screens.help import HelpScreen
from docket.tui.screens.queue import QueueScreen
from docket.tui.source import DbSource, FixedSource, RowSource
from textual import on
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from docket.core.runtime import Runtime

RowsProvider = Callable[[], list[dict]]


class DocketApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = strings.APP_TITLE
    BINDINGS = actions.bindings("app")
    MODES = {"queue": QueueScreen, "dashboard": DashboardScreen}
    DEFAULT_MODE = "queue"

    def __init__(self, rt: Runtime, rows_provider: RowsProvider | None = None,
                 source: RowSource | None = None) -> None:
        super().__init__()
        self.rt = rt
        # tests and bench/ feed rows directly; the real app reads the queue from the database
        self.source: RowSource = source or (FixedSource(rows_provider) if rows_provider is not None
                                            else DbSource(rt))

    def on_mount(self) -> None:
        self.sub_title = f"{self.rt.today.isoformat()}  {self.rt.db_path.name}"

    def on_unmount(self) -> None:
        """The search's kept read-only connection (DbSource) closed as the app ends."""
        close = getattr(self.source, "close", None)
        if close is not None:
            close()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(getattr(self.screen, "SCOPE", "app")))

    def action_dashboard(self) -> None:
        """d switches between the queue and the dashboard (both stay alive as modes)."""
        self.switch_mode("queue" if self.current_mode == "dashboard" else "dashboard")

    def action_documents(self) -> None:
        from docket.tui.screens.documents import DocumentsScreen

        if isinstance(self.screen, DocumentsScreen):
            return
        # the queue's explicit selection narrows notices and forms; no selection: the defaults
        chosen_rows = getattr(self.screen, "chosen_rows", None)  # the queue's
        chosen = chosen_rows() if chosen_rows and self.screen.items.selected else []
        self.push_screen(DocumentsScreen(numbers=[r["number"] for r in chosen]))

    def action_scores(self) -> None:
        from docket.tui.screens.scores import ScoresScreen

        if not isinstance(self.screen, ScoresScreen):
            self.push_screen(ScoresScreen())

    def action_appraisal(self) -> None:
        from docket.tui.screens.appraisal import AppraisalScreen

        if not isinstance(self.screen, AppraisalScreen):
            self.push_screen(AppraisalScreen())

    def action_waiting(self) -> None:
        from docket.tui.screens.waiting import WaitingScreen

        if not isinstance(self.screen, WaitingScreen):
            self.push_screen(WaitingScreen())

    def action_projects(self) -> None:
        from docket.tui.screens.projects import ProjectsScreen

        if not isinstance(self.screen, ProjectsScreen):
            self.push_screen(ProjectsScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every registry action of this screen in the palette, besides Textual's own (which
        get Chinese titles and help; one Textual does not know yet keeps its English)."""
        for command in super().get_system_commands(screen):
            title, help = strings.SYSTEM_COMMANDS.get(
                command.help, strings.SYSTEM_COMMANDS.get(command.title,
                                                          (command.title, command.help)))
            yield SystemCommand(title, help, command.callback, command.discover)
        scope = getattr(screen, "SCOPE", None)
        for action in actions.for_scope("app", scope or "app"):
            if action.id == "palette":
                continue
            target = self if action.scope == "app" else screen
            yield SystemCommand(f"{action.label}（{action.key_label}）", action.help,
                                partial(target.run_action, action.action))

    def action_command_palette(self) -> None:
        """Textual's palette, in Chinese (its search box and its "no matches" line)."""
        from docket.tui.widgets.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette",
                                     placeholder=strings.PALETTE_PLACEHOLDER))

    def search_themes(self) -> None:
        from docket.tui.widgets.palette import Palette
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=strings.THEME_PLACEHOLDER))

    def action_help_quit(self) -> None:
        """Ctrl+C outside a text box: say in Chinese how to quit (Textual's own is English)."""
        self.notify(strings.QUIT_HINT.format(key=actions.get("quit").key_label),
                    title=strings.QUIT_HINT_TITLE)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        self.worker_failed(event)

    def worker_failed(self, event: Worker.StateChanged) -> str | None:
        """The one place a failed worker (load, write, document) reaches the clerk.

        Worker.StateChanged does not bubble, so screens whose workers can fail forward their
        events here; returns the message shown (None when the worker did not fail)."""
        if event.state != WorkerState.ERROR:
            return None
        error = event.worker.error
        message = strings.error_text(error)
        if event.worker.group in ("load", "item-load", "refresh"):
            message = strings.LOAD_FAILED.format(error=message)
        self.notify(message, severity="error", timeout=10)
        return message


def run(rt: Runtime, source: RowSource | None = None) -> None:
    """Open the TUI on rt's database (what `docket tui`, `docket demo` and bare `docket` call)."""
    DocketApp(rt, source=source).run()
