"""Queue speed: time to first paint and one search keystroke, virtual list vs a plain DataTable;
then the real thing: the queue opened on a real database.

    python bench/bench_tui.py             # 1k, 10k, 50k items
    python bench/bench_tui.py --smoke     # 1k synthetic rows, a 300-item database (CI)
    python bench/bench_tui.py --terminal  # also `docket tui` in a real terminal (tmux)
    python bench/bench_tui.py --run 5000  # open the TUI on 5,000 synthetic items (try it by hand)

Synthetic rows are dicts with the contract's list keys, built before the clock starts. Real
databases are built once with `fixtures.bulk.build_bulk` and kept under the temp directory,
keyed by size and shape (50k takes ~25 s to build; 50k assigned through the year, and 50k just
registered, where nothing is urgent). For them the clock starts when the app is created
(Python and the imports are measured apart), and reads: the first painted row (the first rows
of the open view and sort, tui/source.py), the whole list painted, and one row re-read and patched after a write.
`--terminal` times `docket tui` in tmux from Enter to the first row and to the full status line,
everything included. Last, on the assigned databases: the dashboard (d) and the scores (o), from
the key to the first content and to the whole screen (issue 17 item 8). The budgets (issue 7) are 0.5 s to open 50,000 items and 100 ms per search
keystroke.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 5, 20)
SIZE = (160, 50)
SEARCH_KEY = "路"

_UNITS = ("市教育局", "市财政局", "市交通运输局", "市卫生健康委员会", "市住房和城乡建设局",
          "市自然资源和规划局", "市生态环境局", "市农业农村局", "市人力资源和社会保障局",
          "市民政局", "市公安局", "市市场监督管理局", "市文化广电旅游局", "市水利局",
          "市城市管理局", "市商务局", "市发展和改革委员会", "市工业和信息化局", "市应急管理局",
          "市医疗保障局", "市退役军人事务局", "市体育局", "市司法局", "市审计局", "市统计局",
          "国网市供电公司", "市自来水公司", "市公共交通集团", "市科学技术局", "市林业局")
_PLACES = ("城东", "城西", "江北", "河口镇", "东山街道", "南湖区", "老城区", "开发区", "青石乡",
           "白马村", "新华路", "解放路", "人民路", "中山路", "滨江路")
_TOPICS = ("道路拓宽改造", "公交线路优化", "学校扩建", "农村饮水安全", "养老服务设施", "停车难问题",
           "菜市场提升改造", "污水管网建设", "路灯维修", "河道综合治理", "社区医疗服务",
           "老旧小区加装电梯", "农产品冷链物流", "职业技能培训", "文化广场建设", "垃圾分类")
_VERBS = ("加快", "加强", "推进", "完善", "解决", "支持", "规范")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢"
             "宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程")
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅志强春"
_STATES = (("registered", "已登记", 4), ("accepted", "已立案", 4), ("assigned", "办理中", 45),
           ("replied", "已答复", 15), ("rehandling", "重新办理", 3), ("closed", "已办结", 25),
           ("merged", "已并案", 2), ("converted", "已转来信", 1), ("withdrawn", "已撤案", 1))


def synthetic_rows(n: int, seed: int = 7) -> list[dict]:
    """`n` plausible queue rows (contract §4 list keys), the same for the same seed."""
    rng = random.Random(seed)
    states = [s for s in _STATES for _ in range(s[2])]
    rows = []
    for number in range(1, n + 1):
        state, label, _ = rng.choice(states)
        name = lambda: rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.choice((1, 2))))  # noqa: E731
        assigned = state in ("assigned", "replied", "rehandling", "closed")
        assigned_on = TODAY - timedelta(days=rng.randint(10, 120)) if assigned else None
        due_on = assigned_on + timedelta(days=rng.choice((28, 91))) if assigned_on else None
        color = days_left = None
        if state in ("assigned", "rehandling") and due_on:
            days = (due_on - TODAY).days
            color = "red" if days < 0 else "yellow" if days <= 14 else "white"
            days_left = days if days < 0 else days * 5 // 7
        rows.append({
            "number": number, "session": "十七届三次", "kind": "suggestion",
            "title": f"关于{rng.choice(_VERBS)}{rng.choice(_PLACES)}{rng.choice(_TOPICS)}的建议",
            "proposer": name(), "co_proposers": [name() for _ in range(rng.choice((0, 0, 1, 2)))],
            "category": rng.choice(("城乡建设", "教育科技", "医疗卫生", "农业农村", "社会保障")),
            "state": state, "state_label": label, "key": rng.random() < 0.05,
            "fast": rng.random() < 0.08,
            "lead_unit": rng.choice(_UNITS) if assigned else None,
            "support_units": rng.sample(_UNITS, rng.choice((0, 1, 2))) if assigned else [],
            "assigned_on": assigned_on and assigned_on.isoformat(),
            "due_on": due_on and due_on.isoformat(),
            "replied_on": ((TODAY - timedelta(days=3)).isoformat()
                           if state in ("replied", "closed") else None),
            "reply_class": rng.choice("ABCD") if state in ("replied", "closed") else None,
            "color": color, "days_left": days_left,
            "result": "satisfied" if state == "closed" else None, "attitude": None,
        })
    return rows


def runtime():
    from docket.core.runtime import Runtime

    return Runtime(db_path=Path("synthetic.db"), actor="bench", today=TODAY)


async def _until(pilot, done, limit: float = 30.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the queue never painted")
        await pilot.pause(0.001)


async def bench_virtual(rows: list[dict]) -> tuple[float, float, float]:
    """(first paint, keystroke incl. repaint, in-memory filter + visible lines) in seconds."""
    from docket.tui.app import DocketApp
    from docket.tui.widgets.item_list import ItemList

    drawn: list[float] = []  # when the list drew its first row line after a change
    render_line = ItemList.render_line

    def timed(self, y):
        if y == 1:
            drawn.append(time.perf_counter())
        return render_line(self, y)

    ItemList.render_line = timed
    start = time.perf_counter()
    app = DocketApp(runtime(), rows_provider=lambda: rows)
    try:
        async with app.run_test(size=SIZE) as pilot:
            items = app.screen.query_one(ItemList)
            await _until(pilot, lambda: items.painted_at is not None)
            first = items.painted_at - start
            await pilot.press("slash")
            await pilot.pause()
            t = time.perf_counter()
            await pilot.press(SEARCH_KEY)  # Pilot posts the key; the list repaints on refresh
            await _until(pilot, lambda: drawn[-1] > t)
            key = next(d for d in drawn if d > t) - t
            t = time.perf_counter()
            from docket.core.queue_filter import QueueFilter
            items.query_rows(QueueFilter(text=SEARCH_KEY + "改"))
            items.visible_lines()
            pure = time.perf_counter() - t
    finally:
        ItemList.render_line = render_line
    return first, key, pure


async def bench_datatable(rows: list[dict]) -> tuple[float, float]:
    """(first paint, one refilter by clear + add_rows) for a plain DataTable of every row."""
    from textual.app import App
    from textual.widgets import DataTable

    keys = ("number", "title", "proposer", "lead_unit", "state_label", "due_on", "days_left",
            "color")
    cells = [tuple("" if r[k] is None else str(r[k]) for k in keys) for r in rows]
    painted: list[float] = []

    class Table(DataTable):
        def render_line(self, y):
            if not painted and self.row_count:
                painted.append(time.perf_counter())
            return super().render_line(y)

    class Plain(App):
        def compose(self):
            yield Table()

        def on_mount(self):
            table = self.query_one(Table)
            table.add_columns(*keys)
            table.add_rows(cells)

    start = time.perf_counter()
    app = Plain()
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: bool(painted), limit=120)
        first = painted[0] - start
        table = app.query_one(Table)
        t = time.perf_counter()
        table.clear()
        table.add_rows([c for c in cells if SEARCH_KEY in c[1]])
        await pilot.pause()
        refilter = time.perf_counter() - t
    return first, refilter


def real_db(n: int, folder: Path | None = None, assign: bool = True) -> Path:
    """A bulk database of n items as of TODAY, built once and kept (keyed by n and shape):
    assigned, replied and rated as the year goes, or (`assign=False`) all just registered,
    with no deadline running (the first screen has nothing urgent to show first)."""
    from docket.fixtures.bulk import build_bulk

    folder = folder or Path(tempfile.gettempdir())
    name = f"docket-bench-tui-{n}" + ("" if assign else "-registered")
    path = folder / f"{name}.db"
    if not path.exists():
        partial = folder / f"{name}.{os.getpid()}.partial.db"
        t = time.perf_counter()
        print(f"  building {path} ({n:,} items{'' if assign else ', registered'})…", end="",
              flush=True)
        build_bulk(partial, n, seed=1, today=TODAY, assign=assign)
        partial.replace(path)  # a half-built file is never taken for a cached one
        print(f" {time.perf_counter() - t:.0f} s", flush=True)
    return path


async def bench_real(db: Path) -> tuple[float, float, float, int]:
    """(first painted row, whole list painted, one row re-read and patched after a write, rows)
    in seconds, for the real app on `db`."""
    from docket.core.runtime import Runtime
    from docket.tui.app import DocketApp
    from docket.tui.widgets.item_list import ItemList

    start = time.perf_counter()
    app = DocketApp(Runtime(db_path=db, actor="bench", today=TODAY))
    async with app.run_test(size=SIZE) as pilot:
        items = app.screen.query_one(ItemList)
        await _until(pilot, lambda: items.painted_at is not None)
        await _until(pilot, lambda: items.full_painted_at is not None, limit=120)
        first, full = items.painted_at - start, items.full_painted_at - start
        await app.workers.wait_for_complete()
        number = items.current_row()["number"]
        t = time.perf_counter()
        app.screen.refresh_rows([number])  # what a form's result does after its write
        await app.workers.wait_for_complete()
        await pilot.pause()
        patch = time.perf_counter() - t
        total = len(items.index.rows)
    return first, full, patch, total


async def bench_screens(db: Path) -> dict[str, float]:
    """Seconds from the key to content and to the whole screen, for the dashboard (d) and
    the scores (o) on `db` (issue 17 item 8: content in 0.5 s, the rest filled in after):
    dash_content (heading), dash_figures (the report's figures), dash_full (the bars' yellow
    parts too); scores_content (the title line), scores_full (the ranking)."""
    from textual import events

    from docket.core.runtime import Runtime
    from docket.tui import strings
    from docket.tui.app import DocketApp
    from docket.tui.screens.dashboard import Overall
    from docket.tui.widgets.item_list import ItemList

    def key(name: str) -> None:
        """As the terminal driver hands a key over (Pilot's press waits for every worker)."""
        event = events.Key(name, name)
        event.set_sender(app)
        app._driver.send_message(event)

    async def until(done, limit: float = 120.0) -> None:
        end = time.perf_counter() + limit
        while not done():
            if time.perf_counter() > end:
                raise TimeoutError("the screen never filled in")
            await asyncio.sleep(0.001)

    out: dict[str, float] = {}
    app = DocketApp(Runtime(db_path=db, actor="bench", today=TODAY))
    async with app.run_test(size=SIZE) as pilot:
        items = app.screen.query_one(ItemList)
        await _until(pilot, lambda: items.full_painted_at is not None, limit=120)
        await app.workers.wait_for_complete()
        await pilot.pause()

        start = time.perf_counter()
        key("d")
        await until(lambda: type(app.screen).__name__ == "DashboardScreen")
        screen = app.screen
        title = lambda: str(screen.query_one("#dash-title").render())  # noqa: E731
        overall = screen.query_one(Overall)
        await until(lambda: title() != strings.DASH_LOADING)
        out["dash_content"] = time.perf_counter() - start
        await until(lambda: overall.data is not None)
        out["dash_figures"] = time.perf_counter() - start
        await until(lambda: not getattr(overall.data, "soon_pending", False))
        out["dash_full"] = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.press("d")  # back to the queue
        await pilot.pause()

        start = time.perf_counter()
        key("o")
        await until(lambda: type(app.screen).__name__ == "ScoresScreen")
        screen = app.screen
        head = lambda: str(screen.query_one("#scores-title").render())  # noqa: E731
        await until(lambda: head().strip() != "")
        out["scores_content"] = time.perf_counter() - start
        await until(lambda: screen.result is not None)
        out["scores_full"] = time.perf_counter() - start
    return out


def screens_in_fresh_python(db: Path) -> dict[str, float]:
    """bench_screens in its own interpreter (as real_in_fresh_python)."""
    import json

    code = ("import asyncio, json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
            " import bench_tui; print(json.dumps(asyncio.run(bench_tui.bench_screens(Path(sys.argv[1])))))")
    out = subprocess.run([sys.executable, "-c", code, str(db), str(Path(__file__).parent)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def real_in_fresh_python(db: Path) -> tuple[float, float, float, int]:
    """bench_real in its own interpreter: cold, as `docket tui` starts, and not slowed by the
    garbage of the synthetic runs above."""
    code = ("import asyncio, json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
            " import bench_tui; print(json.dumps(asyncio.run(bench_tui.bench_real(Path(sys.argv[1])))))")
    out = subprocess.run([sys.executable, "-c", code, str(db), str(Path(__file__).parent)],
                         capture_output=True, text=True, check=True).stdout
    import json

    return tuple(json.loads(out.splitlines()[-1]))


def import_seconds() -> float:
    """Python plus `import docket.tui.app`, in a fresh interpreter (what precedes the app)."""
    code = ("import time; t = time.perf_counter(); import docket.cli, docket.tui.app; "
            "print(time.perf_counter() - t)")
    best = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                    text=True, check=True).stdout) for _ in range(3))
    return best


_ROW = re.compile(r"^\s*\d+ \S")  # a queue row: the number, then the title


def terminal_open(db: Path, size: tuple[int, int] = SIZE) -> tuple[float, float]:
    """`docket tui` in tmux: seconds from Enter to the first row and to the full status line.
    It runs this interpreter's docket (`python -m docket`, with its PYTHONPATH), not whichever
    `docket` the tmux server's PATH finds first."""
    import shlex

    session = f"docket-bench-{os.getpid()}-{size[0]}x{size[1]}"
    path = os.environ.get("PYTHONPATH")
    command = ((f"PYTHONPATH={shlex.quote(path)} " if path else "")
               + f"DOCKET_TODAY={TODAY.isoformat()} {shlex.quote(sys.executable)} -m docket"
               + f" --db {shlex.quote(str(db))} tui")
    tmux = lambda *a: subprocess.run(["tmux", *a], capture_output=True, text=True)  # noqa: E731
    tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]))
    try:
        ready = time.perf_counter() + 10  # the shell's prompt (slow on a busy machine)
        while not tmux("capture-pane", "-p", "-t", session).stdout.strip():
            if time.perf_counter() > ready:
                break
            time.sleep(0.05)
        time.sleep(0.2)
        tmux("send-keys", "-t", session, command, "Enter")
        start, first = time.perf_counter(), None
        while time.perf_counter() - start < 60:
            screen = tmux("capture-pane", "-p", "-t", session).stdout
            now = time.perf_counter() - start
            if first is None and any(_ROW.match(line) for line in screen.splitlines()[3:]):
                first = now
            if first is not None and re.search(r"共 \d+ 项", screen):
                return first, now
            time.sleep(0.01)
        raise TimeoutError("docket tui never showed its rows")
    finally:
        tmux("send-keys", "-t", session, "q")
        time.sleep(0.3)
        tmux("kill-session", "-t", session)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true",
                        help="1,000 synthetic rows and a 300-item database only")
    parser.add_argument("--terminal", action="store_true",
                        help="also time `docket tui` in tmux on each real database")
    parser.add_argument("--run", type=int, metavar="N", help="open the TUI on N synthetic items")
    args = parser.parse_args()
    if args.run:
        from docket.tui.app import DocketApp

        rows = synthetic_rows(args.run)
        DocketApp(runtime(), rows_provider=lambda: rows).run()
        return
    sizes = (1_000,) if args.smoke else (1_000, 10_000, 50_000)
    print(f"headless {SIZE[0]}x{SIZE[1]}; search key “{SEARCH_KEY}”; times in ms")
    print(f"{'items':>7} {'virtual paint':>14} {'keystroke':>10} {'filter+draw':>12}"
          f" {'DataTable paint':>16} {'DT refilter':>12}")
    for n in sizes:
        rows = synthetic_rows(n)
        first, key, pure = asyncio.run(bench_virtual(rows))
        dt_first, dt_key = asyncio.run(bench_datatable(rows))
        print(f"{n:>7} {first * 1000:>14.0f} {key * 1000:>10.0f} {pure * 1000:>12.1f}"
              f" {dt_first * 1000:>16.0f} {dt_key * 1000:>12.0f}", flush=True)

    # the real app on real databases
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) if args.smoke else None  # the smoke database is not kept
        dbs = ([real_db(300, folder), real_db(300, folder, assign=False)] if args.smoke
               else [real_db(n) for n in sizes] + [real_db(sizes[-1], assign=False)])
        print(f"\nreal databases (fixtures.bulk), as of {TODAY}; python + imports "
              f"{import_seconds() * 1000:.0f} ms come before the app")
        print(f"{'items':>7} {'shape':>10} {'first row':>10} {'whole list':>11} {'write refresh':>14}"
              + (f" {'tmux first row':>15} {'tmux whole':>11}" if args.terminal else ""))
        for db in dbs:
            first, full, patch, total = real_in_fresh_python(db)
            shape = "registered" if db.stem.endswith("-registered") else "assigned"
            line = (f"{total:>7} {shape:>10} {first * 1000:>10.0f} {full * 1000:>11.0f}"
                    f" {patch * 1000:>14.1f}")
            if args.terminal:
                t_first, t_full = terminal_open(db)
                line += f" {t_first * 1000:>15.0f} {t_full * 1000:>11.0f}"
            print(line, flush=True)

        # the dashboard and the scores screen on the assigned databases (issue 17 item 8)
        print(f"\n{'items':>7} {'dash content':>13} {'dash figures':>13} {'dash full':>10}"
              f" {'scores content':>15} {'scores full':>12}   (ms from the key)")
        for db in dbs:
            if db.stem.endswith("-registered"):
                continue
            t = screens_in_fresh_python(db)
            n = int(re.search(r"-(\d+)$", db.stem).group(1))
            print(f"{n:>7} {t['dash_content'] * 1000:>13.0f} {t['dash_figures'] * 1000:>13.0f}"
                  f" {t['dash_full'] * 1000:>10.0f} {t['scores_content'] * 1000:>15.0f}"
                  f" {t['scores_full'] * 1000:>12.0f}", flush=True)


if __name__ == "__main__":
    main()
