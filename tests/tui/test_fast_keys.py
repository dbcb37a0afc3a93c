"""Keys typed at burst speed (a paste, an IME commit, a fast typist) after Tab, Shift+Tab or
Enter land in the next field, not the previous one (issue 17 item 10).

Textual moves focus when the Tab (or the Input's Submitted message) has travelled through the
message queues, and hands every key that arrived meanwhile to the widget that had focus: the
lead unit read `县教育局县财政局`. The forms move focus in the same step that reads the key
(priority bindings of ActionForm), so the next key already goes to the next field.

Pilot's `press` waits for the screen to go idle after every key, which hides the defect;
`burst` hands the keys to the app as a terminal does with a paste or a fast typist: all read
at once, before any of them is handled.
"""
from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.conftest import ok
from tests.tui.helpers import drive, press, settle


async def burst(app, pilot, *keys: str) -> None:
    """Every key queued to the app at once (as the driver does with one read of the terminal),
    then wait until all are handled."""
    for key in keys:
        name = {"\t": "tab", "\r": "enter"}.get(key, key)
        char = key if len(key) == 1 else {"tab": "\t", "enter": "\r"}.get(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await settle(app, pilot)


def values(app, *ids: str) -> tuple[str, ...]:
    return tuple(app.screen.query_one(f"#{i}", Input).value for i in ids)


def test_units_typed_fast_after_tab_go_to_their_own_fields(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "a")
        await burst(app, pilot, *"县水利局", "tab", *"县卫生健康局", "tab", "tab", *"2026-06-30",
                    "shift+tab", "shift+tab")
        return values(app, "lead", "support", "on", "due") + (app.screen.focused.id,)
    assert drive(office_db, script) == ("县水利局", "县卫生健康局", "2026-03-20", "2026-06-30",
                                        "support")


def test_enter_moves_on_before_the_next_key_is_read(office_db):
    async def script(app, pilot):
        await press(app, pilot, "n")  # 登记
        await burst(app, pilot, *"关于加固山塘的建议", "enter", *"张三", "enter", *"李四")
        return values(app, "title", "proposer", "co")
    assert drive(office_db, script) == ("关于加固山塘的建议", "张三", "李四")
