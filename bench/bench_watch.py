"""Deadline-watch speed: `remind` and `report --format json` on 10,000 open items (issue 5).

    python bench/bench_watch.py            # 10,000 open items; budget 1 s per command
    python bench/bench_watch.py --smoke    # 500 items (CI)
    python bench/bench_watch.py --keep /tmp/w10k.db   # keep the database to try by hand

The database is built through the core (intake.add, assigning.assign) inside one transaction, so
every row and event is what the commands would write. Items are assigned on dates spread over
three months, so on the bench day some are white, some yellow and many red. Each command runs
as a fresh process (`python -m docket`), start-up included, as cron runs it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 6, 15)
UNITS = ("县教育局", "县财政局", "县交通运输局", "县卫生健康局", "县住房和城乡建设局", "县自然资源局",
         "县生态环境局", "县农业农村局", "县人力资源和社会保障局", "县民政局", "县公安局",
         "县市场监督管理局", "县文化和旅游局", "县水利局", "县城市管理局", "县商务局",
         "县发展和改革局", "县工业和信息化局", "县应急管理局", "县医疗保障局")
BUDGET = 1.0


def build(db: Path, count: int) -> float:
    """count items, all assigned (lead + one supporter for every third), none replied."""
    from docket.core.assigning import assign
    from docket.core.intake import NewItem, add, init_db
    from docket.core.units import add_unit
    from docket.store.db import opened, write

    started = time.perf_counter()
    start_day = date(2026, 1, 5)
    init_db(db, org="青禾县人大常委会办公室", org_short="青禾人大", actor="bench", today=start_day)
    with opened(db) as conn, write(conn):
        for name in UNITS:
            add_unit(conn, name, actor="bench", today=start_day)
        for n in range(1, count + 1):
            add(conn, NewItem(title=f"关于第{n}项民生工作的建议", proposer=f"代表{n % 97}",
                              received_on=start_day), actor="bench", today=start_day)
        groups: dict[tuple[int, int, date], list[int]] = {}
        for n in range(1, count + 1):
            on = start_day + timedelta(days=(n * 7) % 100)  # 01-05 .. 04-14: due 04-05 .. 07-14
            groups.setdefault((n % len(UNITS), n % 3, on), []).append(n)
        for (u, third, on), numbers in sorted(groups.items()):
            support = (UNITS[(u + 1) % len(UNITS)],) if third == 0 else ()
            assign(conn, numbers, lead=UNITS[u], support=support, on=on, actor="bench", today=TODAY)
    return time.perf_counter() - started


def timed(db: Path, *args: str) -> tuple[float, int]:
    env = {**os.environ, "DOCKET_DB": str(db), "DOCKET_TODAY": TODAY.isoformat(), "DOCKET_USER": "bench"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "docket", *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"docket {' '.join(args)} failed:\n{done.stderr}")
    return took, len(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="500 items only")
    parser.add_argument("--keep", type=Path, default=None, help="build the database here and keep it")
    args = parser.parse_args()
    count = 500 if args.smoke else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "bench.db"
        if db.exists():
            db.unlink()
        built = build(db, count)
        print(f"{count} open items built through the core in {built:.1f} s ({db})")
        runs = [
            ("list --json", ["list", "--json"]),
            ("remind --dry-run --json", ["remind", "--dry-run", "--json"]),
            ("remind --json (records)", ["remind", "--json"]),
            ("remind --json (again)", ["remind", "--json"]),
            ("report --format json", ["report", "--format", "json"]),
        ]
        print(f"{'command':<28}{'seconds':>9}{'stdout bytes':>14}  budget {BUDGET:.1f} s")
        for label, cmd in runs:
            took, size = timed(db, *cmd)
            budget = "" if label.startswith("list") else ("ok" if took <= BUDGET else "OVER")
            print(f"{label:<28}{took:>9.3f}{size:>14}  {budget}")


if __name__ == "__main__":
    main()
