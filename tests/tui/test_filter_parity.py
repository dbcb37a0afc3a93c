"""The TUI's queue and `docket list` keep the same items in the same order for the same filter
(one `QueueFilter`, core/queue_filter.py): the filter bar set through its controls, the item
list's rows read back, against `list --json` with the matching options, on the demo county."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Select

from docket.tui.widgets.item_list import ItemList
from tests.conftest import as_json
from tests.tui.helpers import drive, press, settle, type_in

# (`docket list` options, the filter bar: view key, search text, state, unit, colour, 重点, sort)
CASES = [
    (["--sort", "due"], {}),
    (["--sort", "number"], {"sort": "number"}),
    # a proposer or co-proposer (core/search.py searches both)
    (["--search", "杨春梅", "--sort", "due"], {"search": "杨春梅"}),
    # a number matches whole (12, not 112 or 120), besides titles holding "12"
    (["--search", "12", "--sort", "number"], {"search": "12", "sort": "number"}),
    (["--search", "梅山镇", "--sort", "due"], {"search": "梅山镇"}),
    (["--state", "assigned", "--sort", "due"], {"state": "assigned"}),
    # a unit counts for every live assignment (an ended lead, a supporting one that ended)
    (["--unit", "县交通运输局", "--sort", "due"], {"unit": "县交通运输局"}),
    (["--unit", "县教育局", "--state", "closed", "--sort", "number"],
     {"unit": "县教育局", "state": "closed", "sort": "number"}),
    (["--overdue", "--sort", "due"], {"view": "3"}),
    (["--color", "yellow", "--sort", "number"], {"color": "yellow", "sort": "number"}),
    (["--key", "--sort", "due"], {"key": True}),
    # pinyin initials of a unit (县教育局), several terms ANDed, the search's ranking
    (["--search", "jyj", "--sort", "due"], {"search": "jyj"}),
    (["--search", "关于 路", "--sort", "rank"], {"search": "关于 路", "sort": "rank"}),
    (["--search", "梅山镇 关于", "--sort", "rank"], {"search": "梅山镇 关于", "sort": "rank"}),
    (["--state", "replied", "--search", "关于", "--sort", "due"],
     {"state": "replied", "search": "关于"}),
]


def cli_numbers(db: Path, options: list[str]) -> list[int]:
    return [r["number"] for r in as_json("--db", str(db), "list", *options)]


def test_cli_and_tui_list_the_same_items_in_the_same_order(demo_db: Path) -> None:
    async def script(app, pilot):
        screen = app.screen
        seen = []
        for _, bar in CASES:
            screen.set_focus(screen.query_one(ItemList))
            await press(app, pilot, "0")  # 全部: clears state, unit, colour and the flags
            screen.query_one("#search").value = ""
            screen.query_one("#sort", Select).value = bar.get("sort", "due")
            for select_id in ("state", "unit", "color"):
                if select_id in bar:
                    screen.query_one(f"#{select_id}", Select).value = bar[select_id]
            if bar.get("key"):
                screen.query_one("#key", Checkbox).value = True
            await settle(app, pilot)
            if "search" in bar:
                await type_in(app, pilot, "search", bar["search"])
                await press(app, pilot, "escape")  # back to the list
            if "view" in bar:
                await press(app, pilot, bar["view"])
            seen.append([r["number"] for r in screen.query_one(ItemList).shown_rows()])
        return seen

    tui = drive(demo_db, script)
    cli = [cli_numbers(demo_db, options) for options, _ in CASES]
    for (options, _), in_tui, in_cli in zip(CASES, tui, cli):
        assert in_cli, options  # every case keeps some items
        assert in_tui == in_cli, options
