"""Core speed, as printed figures (issue 4): start-up, `list --json` on 10,000 items, 5,000-row import.

    python bench/bench_core.py            # full sizes
    python bench/bench_core.py --smoke    # tiny sizes (CI): checks the script runs, not the budgets
    python bench/bench_core.py --profile  # also print where the time goes (importtime, cProfile)

Commands run as real subprocesses of the installed console script next to this Python (not a
pyenv shim, which adds its own ~100 ms), with DOCKET_TODAY fixed. Each figure is the median of
several runs; this machine shares two cores, so single runs scatter.
Budgets (2-core machine): start-up ≤ 6x `python -c pass`; list --json of 10k ≤ 0.5 s; import ≤ 2 s.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 3, 20)
BUDGET_STARTUP = 6.0
BUDGET_LIST = 0.5
BUDGET_IMPORT = 2.0


def docket_exe() -> list[str]:
    script = Path(sys.executable).parent / "docket"
    return [str(script)] if script.exists() else [sys.executable, "-m", "docket"]


def env() -> dict[str, str]:
    return {**os.environ, "DOCKET_TODAY": TODAY.isoformat(), "DOCKET_USER": "bench"}


def wall(cmd: list[str], runs: int, before=None) -> float:
    """Median wall time of `cmd`; `before()` runs untimed before each run (e.g. a fresh copy)."""
    times = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        done = subprocess.run(cmd, env=env(), capture_output=True, check=False)
        times.append(time.perf_counter() - t)
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr.decode()}")
    return statistics.median(times)


def importtime(args: list[str], top: int = 12) -> str:
    """The slowest imports (cumulative) of one command, from `python -X importtime`."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "docket", *args], env=env(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[1]), int(parts[0]), parts[2].strip()))
    rows.sort(reverse=True)
    return "\n".join(f"    {cum / 1000:7.1f} ms cumulative  {own / 1000:6.1f} ms own  {name}"
                     for cum, own, name in rows[:top])


def profile_list(db: Path, top: int = 12) -> str:
    from docket.commands.output import dump_json
    from docket.core.queue import list_items
    from docket.store.db import opened

    prof = cProfile.Profile()
    real, sys.stdout = sys.stdout, io.StringIO()
    try:
        with opened(db) as conn:
            prof.enable()
            dump_json(list_items(conn, as_of=TODAY))
            prof.disable()
    finally:
        sys.stdout = real
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return "\n".join("    " + line for line in out.getvalue().splitlines() if line.strip())


def in_process_list(db: Path, runs: int) -> tuple[float, float]:
    """Median seconds of list_items() and of writing its JSON, inside one process."""
    from docket.commands.output import dump_json
    from docket.core.queue import list_items
    from docket.store.db import opened

    lists, dumps = [], []
    for _ in range(runs):
        with opened(db) as conn:
            t = time.perf_counter()
            rows = list_items(conn, as_of=TODAY)
            lists.append(time.perf_counter() - t)
        real, sys.stdout = sys.stdout, io.StringIO()
        try:
            t = time.perf_counter()
            dump_json(rows)
            dumps.append(time.perf_counter() - t)
        finally:
            sys.stdout = real
    return statistics.median(lists), statistics.median(dumps)


def make_xlsx(path: Path, n: int) -> None:
    """A secretariat-style sheet: a merged title row above the header, then n items."""
    from openpyxl import Workbook

    from docket.fixtures import county

    wb = Workbook()
    ws = wb.active
    ws.append(["青禾县第十八届人大五次会议代表建议汇总表"])
    ws.merge_cells("A1:H1")
    ws.append(["建议编号", "标题", "领衔代表", "附议代表", "类别", "主办单位", "协办单位", "提出日期"])
    units = [full for full, _, _ in county.UNITS]
    for i in range(1, n + 1):
        topic = county.TOPICS[i % len(county.TOPICS)]
        town = county.TOWNS[i % len(county.TOWNS)][0]
        ws.append([i, f"关于{town}第{i}项民生事项的建议", county.SURNAMES[i % 80] + county.GIVEN[i % 50],
                   "、".join(county.SURNAMES[(i + k) % 80] + county.GIVEN[(i * 7 + k) % 50] for k in range(1, 3)),
                   topic.category, units[i % len(units)], units[(i + 5) % len(units)],
                   TODAY - timedelta(days=60)])
    wb.save(path)


def office_db(path: Path) -> None:
    from docket.core.intake import init_db
    from docket.core.units import add_unit
    from docket.fixtures import county
    from docket.store.db import opened, write

    init_db(path, actor="bench", today=TODAY - timedelta(days=90))
    with opened(path) as conn, write(conn):
        for full, short, _ in county.UNITS:
            add_unit(conn, full, short=short, actor="bench", today=TODAY - timedelta(days=90))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--profile", action="store_true", help="print importtime and cProfile breakdowns")
    args = parser.parse_args()
    n_list, n_import, runs = (300, 100, 3) if args.smoke else (10_000, 5_000, 7)

    from docket.fixtures.bulk import build_bulk
    from docket.fixtures.demo import build_demo

    exe = docket_exe()
    work = Path(tempfile.mkdtemp(prefix="docket-bench-"))
    rows: list[tuple[str, str, str, str]] = []
    over: list[str] = []
    try:
        small = work / "demo.db"
        build_demo(small, n_items=60, today=TODAY, actor="bench")
        t = time.perf_counter()
        build_demo(work / "demo360.db", today=TODAY, actor="bench")
        demo_s = time.perf_counter() - t
        big = work / "bulk.db"
        t = time.perf_counter()
        build_bulk(big, n_list, seed=1, today=TODAY)
        bulk_s = time.perf_counter() - t
        sheet = work / "items.xlsx"
        make_xlsx(sheet, n_import)
        template = work / "office.db"
        office_db(template)
        target = work / "import.db"

        def fresh() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copy(template, target)

        bare = wall([sys.executable, "-c", "pass"], runs * 2)
        help_s = wall([*exe, "--help"], runs * 2)
        list_small = wall([*exe, "--db", str(small), "list", "--json"], runs * 2)
        list_big = wall([*exe, "--db", str(big), "list", "--json"], runs)
        in_list, in_dump = in_process_list(big, runs)
        imp = wall([*exe, "--db", str(target), "import", str(sheet)], max(3, runs // 2), fresh)
        imp_assign = wall([*exe, "--db", str(target), "import", str(sheet), "--assigned-on",
                           (TODAY - timedelta(days=30)).isoformat()], max(3, runs // 2), fresh)

        def ratio(x: float) -> str:
            return f"{x / bare:.1f}x"

        def check(name: str, ok: bool) -> str:
            if not ok:
                over.append(name)
            return "ok" if ok else "OVER"

        rows += [
            ("python -c pass", f"{bare * 1000:.0f} ms", "1.0x", ""),
            ("docket --help", f"{help_s * 1000:.0f} ms", ratio(help_s),
             f"<= {BUDGET_STARTUP:.0f}x  " + check("startup-help", help_s / bare <= BUDGET_STARTUP)),
            ("docket list --json (60 items)", f"{list_small * 1000:.0f} ms", ratio(list_small),
             f"<= {BUDGET_STARTUP:.0f}x  " + check("startup-list", list_small / bare <= BUDGET_STARTUP)),
            (f"docket list --json ({n_list:,} items)", f"{list_big * 1000:.0f} ms", "",
             f"<= {BUDGET_LIST * 1000:.0f} ms  " + check("list", list_big <= BUDGET_LIST)),
            ("  of which list_items()", f"{in_list * 1000:.0f} ms", "", ""),
            ("  of which writing the JSON", f"{in_dump * 1000:.0f} ms", "", ""),
            (f"docket import ({n_import:,}-row xlsx)", f"{imp * 1000:.0f} ms", "",
             f"<= {BUDGET_IMPORT * 1000:.0f} ms  " + check("import", imp <= BUDGET_IMPORT)),
            ("  the same with --assigned-on", f"{imp_assign * 1000:.0f} ms", "", "(no budget)"),
            ("build_demo (360 items)", f"{demo_s * 1000:.0f} ms", "", "(~3 s target)"),
            (f"build_bulk ({n_list:,} items)", f"{bulk_s * 1000:.0f} ms", "", "(set-up only)"),
        ]
        widths = [max(_w(r[i]) for r in rows + [HEADER]) for i in range(4)]
        for r in [HEADER] + rows:
            print("  ".join(c + " " * (widths[i] - _w(c)) for i, c in enumerate(r)).rstrip())
        print(f"\n{exe[0]}, median of {runs}-{runs * 2} runs, DOCKET_TODAY={TODAY}, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
        if args.smoke:
            print("(smoke sizes: the budgets are for the full sizes)")
        if (over and not args.smoke) or args.profile:
            print("\nslowest imports of `docket list --json`:")
            print(importtime(["--db", str(small), "list", "--json"]))
            print(f"\nwhere list --json spends its time on {n_list:,} items (cProfile, by own time):")
            print(profile_list(big))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if over and not args.smoke:
        raise SystemExit(f"over budget: {', '.join(over)}")


HEADER = ("figure", "median", "vs python", "budget")


def _w(text: str) -> int:
    from docket.core.text import display_width
    return display_width(text)


if __name__ == "__main__":
    main()
