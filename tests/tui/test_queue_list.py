"""The queue screen driven by keys (Pilot): filters, search, sort, selection, cursor, help.

Rows are fed through DocketApp's rows_provider, so these tests need no database; what the
clerk sees is asserted as whole lines or as the item numbers in screen order.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core.runtime import Runtime
from docket.tui import actions
from docket.tui.app import DocketApp
from docket.tui.screens.help import HelpScreen
from docket.tui.widgets.item_list import ItemList, fit, layout_columns
from rich.cells import cell_len
from textual.widgets import Checkbox, Select, Static

from tests.tui.helpers import make_app as app_on_rows
from tests.tui.helpers import messages, run_app

TODAY = date(2026, 5, 20)


def row(number, title, proposer, state, label, lead=None, due=None, color=None, days=None,
        key=False, fast=False, co=(), support=()):
    return {
        "number": number, "session": "十七届三次", "kind": "suggestion", "title": title,
        "proposer": proposer, "co_proposers": list(co), "category": None, "state": state,
        "state_label": label, "key": key, "fast": fast, "lead_unit": lead,
        "support_units": list(support), "assigned_on": None, "due_on": due, "replied_on": None,
        "reply_class": None, "color": color, "days_left": days, "result": None, "attitude": None,
    }


ROWS = [
    row(1, "关于加快城东路灯维修的建议", "张伟", "assigned", "办理中", "市城市管理局",
        "2026-05-10", "red", -10, key=True),
    row(2, "关于推进老旧小区加装电梯的建议", "李娜", "assigned", "办理中", "市住房和城乡建设局",
        "2026-05-28", "yellow", 6, fast=True),
    row(3, "关于完善农村饮水安全的建议", "王芳", "registered", "已登记"),
    row(4, "关于增设公交线路的建议", "赵敏", "replied", "已答复", "市交通运输局", "2026-07-01",
        support=["市财政局"]),
    row(5, "关于规范菜市场管理的建议", "刘洋", "rehandling", "重新办理", "市市场监督管理局",
        "2026-06-30", "white", 29),
    row(6, "关于加强城西路灯照明的建议", "陈静", "accepted", "已立案"),
    row(7, "关于支持学校扩建的建议", "周杰", "assigned", "办理中", "市教育局", "2026-08-20",
        "white", 63, co=["吴磊"], support=["市财政局"]),
    row(12, "关于改善河道水质的建议", "孙丽", "closed", "已办结", "市水利局", "2026-04-01"),
]


def make_app(rows=ROWS) -> DocketApp:
    return app_on_rows(Path("test.db"), TODAY, rows)


def drive(script, size=(80, 24), rows=ROWS):
    """Run `script(app, pilot)` once the queue has loaded."""
    return run_app(make_app(rows), script, size)


def items(app) -> ItemList:
    return app.screen.query_one(ItemList)


def numbers(app) -> list[int]:
    return [r["number"] for r in items(app).shown_rows()]


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def lines(app) -> list[str]:
    return [line.rstrip() for line in items(app).visible_lines()]


def test_first_screen_at_80x24_by_due_date_as_the_cli_and_flags_before_the_title():
    """按期限 is `docket list --sort due`: the running items (a colour) by due date, then the
    other items with a due date (finished: 12 and 4, though 12's date is the oldest), then
    those with none, each by number (core/queue_filter.py)."""
    async def script(app, pilot):
        return lines(app)[:10], status(app), {cell_len(t) for t in items(app).visible_lines()}
    shown, line, widths = drive(script)
    assert shown == [
        "  编号 标题                        领衔人   主办单位     状态     期限   剩余 色",
        "     1 重 关于加快城东路灯维修的…  张伟     市城市管理局 办理中   05-10  逾10 红",
        "     2 急 关于推进老旧小区加装电…  李娜     市住房和城…  办理中   05-28     6 黄",
        "     5 关于规范菜市场管理的建议    刘洋     市市场监督…  重新办理 06-30    29 白",
        "     7 关于支持学校扩建的建议      周杰     市教育局     办理中   08-20    63 白",
        "    12 关于改善河道水质的建议      孙丽     市水利局     已办结   04-01",
        "     4 关于增设公交线路的建议      赵敏     市交通运输局 已答复   07-01",
        "     3 关于完善农村饮水安全的建议  王芳                  已登记",
        "     6 关于加强城西路灯照明的建议  陈静                  已立案",
        "",
    ]
    assert line == "共 8 项，显示 8 项，已选 0 项  │  全部  │  按期限"
    assert widths == {80}  # every line exactly fills the list, CJK counted as two cells


def test_wide_terminal_shows_flags_category_and_full_dates():
    async def script(app, pilot):
        return [lines(app)[0], *lines(app)[1:3]]  # the running 1 and 2 come first
    assert drive(script, size=(160, 50)) == [
        "  编号 标记 标题" + " " * 73 + "领衔人     类别       主办单位             状态     "
        "办理期限    剩余 色",
        "     1 重   关于加快城东路灯维修的建议" + " " * 51 + "张伟                  "
        "市城市管理局         办理中   2026-05-10  逾10 红",
        "     2   急 关于推进老旧小区加装电梯的建议" + " " * 47 + "李娜                  "
        "市住房和城乡建设局   办理中   2026-05-28     6 黄",
    ]


def test_search_one_and_two_chinese_characters_as_docket_list_search():
    """As `docket list --search`: the text in the title or the proposer (not co-proposers),
    or the whole number."""
    async def script(app, pilot):
        seen = {}
        await pilot.press("slash", "菜")
        seen["菜"] = numbers(app)
        await pilot.press("backspace", "路")
        seen["路"] = numbers(app)
        await pilot.press("灯")  # narrows the one-character result
        seen["路灯"] = numbers(app), status(app)
        for _ in range(2):
            await pilot.press("backspace")
        await pilot.press(*"吴磊")
        seen["吴磊"] = numbers(app)
        for _ in range(2):
            await pilot.press("backspace")
        await pilot.press(*"周杰")
        seen["周杰"] = numbers(app)
        return seen
    assert drive(script) == {
        "菜": [5],
        "路": [1, 4, 6],
        "路灯": ([1, 6], "共 8 项，显示 2 项，已选 0 项  │  全部  │  按期限"),
        "吴磊": [],
        "周杰": [7],
    }


def test_keys_typed_right_after_enter_go_to_the_list():
    async def script(app, pilot):
        await pilot.press("slash", "路", "enter", "3")  # no pause between Enter and the view key
        return app.screen.query_one("#search").value, numbers(app)
    assert drive(script) == ("路", [1])


def test_search_by_number_and_no_match_message():
    async def script(app, pilot):
        await pilot.press("slash", "1", "2")
        by_number = numbers(app)
        await pilot.press("x")
        return by_number, lines(app)[1]
    assert drive(script) == ([12], "没有符合条件的事项。按 0 回到全部，或清空搜索框。")


def test_builtin_views_by_number_keys():
    async def script(app, pilot):
        seen = {}
        for key in "123450":
            await pilot.press(key)
            seen[key] = numbers(app)
        return seen, status(app)
    seen, line = drive(script)
    assert seen == {
        "1": [3, 6],  # 待交办: registered and accepted
        "2": [2],  # 即将到期: yellow
        "3": [1],  # 逾期: red
        "4": [4],  # 待评价: replied
        "5": [5],  # 不满意待重办: rehandling
        "0": [1, 2, 5, 7, 12, 4, 3, 6],
    }
    assert line == "共 8 项，显示 8 项，已选 0 项  │  全部  │  按期限"


def test_state_unit_colour_and_flag_filters_combine():
    async def script(app, pilot):
        screen = app.screen
        seen = {}
        screen.query_one("#state", Select).value = "assigned"
        await pilot.pause()
        seen["办理中"] = numbers(app)
        screen.query_one("#color", Select).value = "white"
        await pilot.pause()
        seen["办理中+白"] = numbers(app)
        screen.query_one("#state", Select).clear()
        screen.query_one("#color", Select).clear()
        # a supporting unit counts too, as in `docket list --unit`
        screen.query_one("#unit", Select).value = "市财政局"
        await pilot.pause()
        seen["市财政局"] = numbers(app)
        screen.query_one("#unit", Select).clear()
        screen.query_one("#key", Checkbox).value = True
        await pilot.pause()
        seen["重点"] = numbers(app)
        screen.query_one("#key", Checkbox).value = False
        screen.query_one("#fast", Checkbox).value = True
        await pilot.pause()
        seen["小微急"] = numbers(app)
        await pilot.press("3")  # a view and a filter both apply: no overdue fast item
        seen["小微急+逾期"] = numbers(app)
        return seen
    assert drive(script) == {
        "办理中": [1, 2, 7],
        "办理中+白": [7],
        "市财政局": [7, 4],  # 7 running, 4 replied
        "重点": [1],
        "小微急": [2],
        "小微急+逾期": [],
    }


def test_zero_shows_everything_clearing_every_filter():
    """0 (全部) clears the state, unit and colour filters and the flags, as F1 says; the
    search text stays (the empty-list hint offers both)."""
    async def script(app, pilot):
        screen = app.screen
        screen.query_one("#state", Select).value = "assigned"
        screen.query_one("#unit", Select).value = "市城市管理局"
        screen.query_one("#color", Select).value = "red"
        screen.query_one("#key", Checkbox).value = True
        await pilot.press("3")
        await pilot.pause()
        narrowed = numbers(app)
        await pilot.press("0")
        await pilot.pause()
        controls = [screen.query_one(f"#{i}", Select).is_blank() for i in ("state", "unit", "color")]
        flags = [screen.query_one(f"#{i}", Checkbox).value for i in ("key", "fast")]
        return narrowed, numbers(app), controls, flags, status(app)
    narrowed, everything, controls, flags, line = drive(script)
    assert narrowed == [1]
    assert everything == [1, 2, 5, 7, 12, 4, 3, 6]
    assert (controls, flags) == ([True, True, True], [False, False])
    assert line == "共 8 项，显示 8 项，已选 0 项  │  全部  │  按期限"


def test_sort_toggles_between_due_date_and_number():
    async def script(app, pilot):
        await pilot.press("s")
        by_number = numbers(app), status(app)
        await pilot.press("s")
        return by_number, numbers(app)
    assert drive(script) == (
        ([1, 2, 3, 4, 5, 6, 7, 12], "共 8 项，显示 8 项，已选 0 项  │  全部  │  按编号"),
        [1, 2, 5, 7, 12, 4, 3, 6],
    )


def test_cursor_moves_and_stays_on_its_item_when_the_filter_changes():
    async def script(app, pilot):
        seen = []
        await pilot.press("down")
        seen.append(items(app).current_row()["number"])
        await pilot.press("end")
        seen.append(items(app).current_row()["number"])
        await pilot.press("home", "down")
        seen.append(items(app).current_row()["number"])
        await pilot.press("s")  # by number, the cursor follows item 2
        seen.append((items(app).cursor, items(app).current_row()["number"]))
        return seen
    assert drive(script) == [2, 6, 2, (1, 2)]


def test_space_selects_several_and_the_selection_survives_filtering():
    async def script(app, pilot):
        await pilot.press("space", "space")  # items 1 and 2; the cursor moves on each time
        first = status(app), lines(app)[1][:8], lines(app)[2][:8]
        await pilot.press("slash", "路")  # item 2 is hidden, still selected
        hidden = status(app)
        await pilot.press("backspace", "escape")  # Esc in the search box only leaves it
        kept = [r["number"] for r in items(app).selected_rows()]
        await pilot.press("escape")  # Esc in the list clears the selection
        return first, hidden, kept, status(app)
    first, hidden, kept, cleared = drive(script)
    assert first == ("共 8 项，显示 8 项，已选 2 项  │  全部  │  按期限", "✓    1 重", "✓    2 急")
    assert hidden == "共 8 项，显示 3 项，已选 1 项（另 1 项未显示）  │  全部  │  按期限"
    assert kept == [1, 2]
    assert cleared == "共 8 项，显示 8 项，已选 0 项  │  全部  │  按期限"


def test_many_rows_scroll_with_the_cursor():
    many = [row(n, f"第{n}件测试建议", "张伟", "registered", "已登记") for n in range(1, 1001)]

    async def script(app, pilot):
        await pilot.press("s", "pagedown", "pagedown")
        after_pages = items(app).current_row()["number"], lines(app)[1].split()[0]
        await pilot.press("end")
        return after_pages, lines(app)[-1].split()[:2], status(app)
    assert drive(script, rows=many) == (
        # 18 rows show at 80x24 (header, filters, status and footer take 6 lines); a page
        # moves 17, and the cursor row (35) ends up as the last one drawn
        (35, "18"),
        ["1000", "第1000件测试建议"],
        "共 1000 项，显示 1000 项，已选 0 项  │  全部  │  按编号",
    )


def test_f1_help_lists_every_queue_action_with_its_command():
    async def script(app, pilot):
        await pilot.press("f1")
        opened = isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        return opened, isinstance(app.screen, HelpScreen)
    assert drive(script) == (True, False)
    rows = actions.help_rows(("app", "queue"))
    assert ("a", "交办", "确定主办、协办单位并计算办理期限（可批量）", "docket assign") in rows
    assert [r[1] for r in rows if r[3].split()[-1:] in (["review"], ["return"], ["extend"],
                                                         ["reply"], ["evaluate"], ["close"])] \
        == ["审核", "退回", "延期", "答复", "评价", "办结"]


def test_document_keys_open_the_documents_screen_on_the_selection():
    async def script(app, pilot):
        await pilot.press("space", "space", "p")  # items 1 and 2
        await pilot.pause()
        first = (type(app.screen).__name__, app.screen.kind, app.screen.numbers)
        await pilot.press("escape", "escape", "f")
        await pilot.pause()
        # nothing selected: the form is for the item under the cursor
        return first, (type(app.screen).__name__, app.screen.kind, len(app.screen.numbers))
    assert drive(script) == (("DocumentsScreen", "notice", (1, 2)), ("DocumentsScreen", "form", 1))


def test_palette_offers_every_registry_action_of_the_screen():
    async def script(app, pilot):
        return [c.title for c in app.get_system_commands(app.screen)]
    titles = drive(script)
    wanted = [f"{a.label}（{a.key_label}）" for a in actions.for_scope("app", "queue")
              if a.id != "palette"]
    assert [t for t in titles if t in wanted] == wanted


def test_every_action_command_is_a_real_cli_command():
    import click

    from docket.cli import COMMANDS, cli

    assert sorted({a.command.split()[0] for a in actions.ACTIONS if a.command} - set(COMMANDS)) == []
    ctx = click.Context(cli)
    for a in actions.ACTIONS:  # `appraisal new`: the subcommand exists too
        command = cli
        for word in (a.command or "").split():
            command = command.get_command(ctx, word)
            assert command is not None, a.command


def test_layout_narrows_by_width_and_fit_counts_cjk_cells():
    assert [c.key for c in layout_columns(160)] == [
        "mark", "number", "flags", "title", "proposer", "category", "lead_unit", "state",
        "due_on", "days_left", "color"]
    assert [c.key for c in layout_columns(60)] == [
        "mark", "number", "title", "lead_unit", "state", "days_left", "color"]
    assert [c.key for c in layout_columns(40)] == ["mark", "number", "title", "days_left", "color"]
    assert fit("市人力资源和社会保障局", 19) == "市人力资源和社会保…"
    assert fit("市人力资源和社会保障局", 18) == "市人力资源和社会… "  # 保 would need 2 cells
    assert fit("12", 4, right=True) == "  12"


def test_importing_the_tui_package_loads_no_textual():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys, docket.tui, docket.tui.actions, "
                           "docket.tui.strings; print('textual' in sys.modules)"],
                          capture_output=True, text=True)
    assert done.stdout == "False\n"


def test_a_failed_load_says_why_on_the_status_line_and_in_a_notification():
    from docket.core.errors import NotFound

    def broken():
        raise NotFound("数据库 /x.db 不存在。请先运行 docket init 创建")

    async def script(app, pilot):
        return str(app.screen.query_one("#status").render()), messages(app)
    expected = "载入失败：数据库 /x.db 不存在。请先运行 docket init 创建"
    app = DocketApp(Runtime(db_path=Path("test.db"), actor="测试", today=TODAY), rows_provider=broken)
    assert run_app(app, script, (80, 24)) == (expected, [expected])


def test_patching_rows_mends_every_sort_order_as_a_fresh_index_would_sort_it():
    """RowIndex.patch puts changed rows back where their new values go and adds new ones;
    both orders then equal those of an index built from the patched rows."""
    import random

    from docket.core.queue_filter import QueueFilter
    from docket.tui.widgets.item_list import RowIndex

    rng = random.Random(3)
    dues = ["2026-05-10", "2026-05-28", "2026-06-30", "2026-08-20", None]

    def random_row(number):
        due = rng.choice(dues)
        return row(number, f"关于第{number}件的建议", rng.choice("张李王"), "assigned", "办理中",
                   due=due, days=None if due is None or rng.random() < .3 else rng.randint(-5, 60))

    for _ in range(30):
        rows = [random_row(n) for n in range(1, 41)]
        index = RowIndex(list(rows))
        index.order("due"), index.order("number")
        patch = [random_row(rng.randint(1, 50)) for _ in range(rng.randint(1, 6))]
        index.patch(patch)
        for new in patch:  # what the list now holds, row by row
            rows = [new if r["number"] == new["number"] else r for r in rows]
            if all(r["number"] != new["number"] for r in rows):
                rows.append(new)
        fresh = RowIndex(rows)
        for sort in ("due", "number"):
            assert [index.rows[i]["number"] for i in index.order(sort)] == \
                [fresh.rows[i]["number"] for i in fresh.order(sort)]
        assert index.search(QueueFilter(text="第4", sort="number")) == [
            i for i in index.order("number") if "第4" in index.rows[i]["title"]]


class _CountedRow(dict):
    reads = 0

    def __getitem__(self, key):
        _CountedRow.reads += 1
        return super().__getitem__(key)

    def get(self, key, default=None):
        _CountedRow.reads += 1
        return super().get(key, default)


def test_a_searched_keystroke_costs_the_matches_not_every_row():
    """A keystroke in the search box at 100,000 items (issue 16: <= 50 ms): the database's
    ranked numbers become rows through a dict built once and the view's order through a mask,
    reading only the matched rows, in the order a full filter of the sorted rows would give."""
    import random

    from docket.core.queue_filter import QueueFilter
    from docket.tui.widgets.item_list import RowIndex

    rng = random.Random(5)
    dues = ["2026-05-10", "2026-05-28", "2026-06-30", None]
    rows = [_CountedRow(row(n, f"关于第{n}件的建议", "张", "assigned", "办理中", due=rng.choice(dues),
                            color=rng.choice(["red", "white", None]), key=rng.random() < .3))
            for n in range(1, 2001)]
    index = RowIndex(rows)
    for sort in ("due", "number", "rank"):
        index.search(QueueFilter(text="x", sort=sort), ranked=[1])  # the dicts and orders, once
    for _ in range(20):
        ranked = rng.sample(range(1, 2100), rng.randint(0, 40))  # some not in the list
        for sort in ("due", "number", "rank"):
            for view_key in (False, True):
                query = QueueFilter(text="x", sort=sort, key=view_key)
                _CountedRow.reads = 0
                found = index.search(query, ranked=ranked)
                assert _CountedRow.reads <= 4 * len(ranked)  # never one read per row
                wanted = [n for n in ranked if n <= 2000 and (not view_key or rows[n - 1]["key"])]
                if sort == "rank":
                    assert [rows[i]["number"] for i in found] == wanted
                else:
                    assert found == [i for i in index.order(sort) if rows[i]["number"] in wanted]
