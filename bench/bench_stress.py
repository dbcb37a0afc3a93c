"""Stress: 8 writers and 2 readers on one database, then proof that every reported write is there
(issue 12).

    python bench/bench_stress.py            # 60 s of load on a database of ~200 items
    python bench/bench_stress.py --smoke    # ~6 s on a small database (CI)
    python bench/bench_stress.py --seconds 120 --writers 8 --readers 2 --keep DIR

The database is made by our own `docket init`, `unit add`, `add`, `assign`. Each worker is a
persistent process (this script with --worker) that calls the Click group in-process
(`cli.main(args, standalone_mode=False)`), exactly the code path of the console script minus
interpreter start-up. Writers cycle add → assign (an old 交办日期, so the item is yellow or red)
→ reply → evaluate, and writers 0 and 1 also run `remind` every few cycles; readers run
`list --json`, `report --format json` and the TUI's reads (tui/source.DbSource: first rows,
everything, changed). Every operation a worker saw succeed is logged with what it got (the new
number, the reminders it reported); afterwards every such write must be in the database, no
assignment may be reminded twice on one day, `docket audit verify` must pass and
`PRAGMA integrity_check` must say ok. Last, two `docket remind` processes run at once (real
subprocesses, the way two cron jobs would) on each of a few following working days; no unit/item
may be reminded twice. Exit 1 if any check fails.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

TODAY = "2026-03-20"                       # a Friday, a working day
LATER_DAYS = ["2026-03-23", "2026-03-24", "2026-03-25"]  # Mon-Wed: the two-cron-jobs check
UNITS = [("县水利局", "水利局"), ("县农业农村局", "农业农村局"), ("县卫生健康局", "卫健局"),
         ("县教育局", "教育局"), ("县财政局", "财政局"), ("县交通运输局", "交通局"),
         ("县住房和城乡建设局", "住建局"), ("县民政局", "民政局")]
# 交办日期 far enough back that the item is red, or near the yellow window, on TODAY
ASSIGNED_ON = ["2025-11-20", "2025-12-01", "2025-12-10", "2025-12-20", "2026-01-05"]
RESULTS = ["满意", "基本满意"]
CLASSES = ["A", "B", "C"]


def docket_exe() -> list[str]:
    script = Path(sys.executable).parent / "docket"
    return [str(script)] if script.exists() else [sys.executable, "-m", "docket"]


def base_env(db: Path, today: str = TODAY) -> dict[str, str]:
    return {**os.environ, "DOCKET_DB": str(db), "DOCKET_TODAY": today, "DOCKET_USER": "压测"}


def run_cli(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(docket_exe() + args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"setup failed: docket {' '.join(args)}\n{done.stderr}")
    return done.stdout


# ---------------------------------------------------------------- the database, made by docket

def build(db: Path, items: int) -> None:
    env = base_env(db)
    run_cli(["init", "--org", "青禾县人大常委会办公室", "--short", "青禾人大办"], env)
    for name, short in UNITS:
        run_cli(["unit", "add", name, "--short", short], env)
    # the seed items through one import (our own importer), assigned on an old date
    rows = ["标题,领衔代表,提出日期,主办单位"]
    for i in range(items):
        rows.append(f"种子件{i + 1}关于改善第{i + 1}片区排水的建议,代表{i % 37},2025-11-15,{UNITS[i % len(UNITS)][0]}")
    csv = db.with_name("seed.csv")
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run_cli(["import", str(csv), "--assigned-on", ASSIGNED_ON[0]], env)


# ---------------------------------------------------------------- one worker process

class Worker:
    def __init__(self, role: str, wid: int, db: Path, log: Path, until: float, seed: int) -> None:
        self.role, self.wid, self.db, self.until = role, wid, db, until
        self.log = log.open("w", encoding="utf-8")
        self.rng = random.Random(seed)
        os.environ.update({"DOCKET_DB": str(db), "DOCKET_TODAY": TODAY, "DOCKET_USER": f"压测{wid}"})
        from docket.cli import cli
        self.cli = cli

    def call(self, kind: str, args: list[str], **extra) -> str | None:
        """Run one docket command in-process; log it with its latency; None if it failed."""
        import click

        out, err = io.StringIO(), io.StringIO()
        t = time.perf_counter()
        failure = None
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = self.cli.main(args, prog_name="docket", standalone_mode=False)
            if code not in (None, 0):
                failure = f"exit {code}: {err.getvalue().strip()[:200]}"
        except click.ClickException as e:
            failure = e.format_message()[:300]
        except SystemExit as e:
            if e.code not in (None, 0):
                failure = f"exit {e.code}: {err.getvalue().strip()[:200]}"
        except BaseException as e:  # noqa: BLE001 - a crash is a figure, not the end of the run
            failure = f"{type(e).__name__}: {e}"[:300]
        ms = (time.perf_counter() - t) * 1000
        rec = {"kind": kind, "ms": round(ms, 2), "ok": failure is None, **extra}
        if failure is not None:
            rec["error"] = failure
        else:
            rec["out"] = out.getvalue()
        self.log.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.log.flush()
        return None if failure is not None else out.getvalue()

    def timed(self, kind: str, fn, **extra) -> object:
        t = time.perf_counter()
        try:
            value = fn()
            rec = {"kind": kind, "ok": True, **extra}
        except BaseException as e:  # noqa: BLE001
            value, rec = None, {"kind": kind, "ok": False, "error": f"{type(e).__name__}: {e}"[:300], **extra}
        rec["ms"] = round((time.perf_counter() - t) * 1000, 2)
        self.log.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.log.flush()
        return value

    def writer(self) -> None:
        n = 0
        while time.time() < self.until:
            n += 1
            title = f"压测{self.wid}-{n}关于第{self.rng.randint(1, 10**6)}号路段增设路灯的建议"
            out = self.call("add", ["add", "--title", title, "--proposer", f"代表{self.wid}",
                                    "--received", "2025-11-15"], title=title)
            if out is None:
                continue
            number = int(out.strip().splitlines()[-1])
            unit = UNITS[self.rng.randrange(len(UNITS))][0]
            if self.call("assign", ["assign", str(number), "--lead", unit, "--on",
                                    self.rng.choice(ASSIGNED_ON)], number=number, unit=unit) is None:
                continue
            if self.wid < 2 and n % 4 == 0:
                got = self.call("remind", ["remind", "--json"])
                if got is not None:
                    self.log.write(json.dumps({"kind": "_reminded", "groups": json.loads(got)},
                                              ensure_ascii=False) + "\n")
            if self.rng.random() < 0.3:  # leave some open, so remind always has work
                continue
            cls = self.rng.choice(CLASSES)
            if self.call("reply", ["reply", str(number), "--unit", unit, "--class", cls],
                         number=number, unit=unit, cls=cls) is None:
                continue
            result = self.rng.choice(RESULTS)
            self.call("evaluate", ["evaluate", str(number), "--result", result],
                      number=number, result=result)

    def reader(self) -> None:
        from docket.core.runtime import build as runtime
        from docket.tui.source import FIRST_ROWS, DbSource

        rt = runtime(self.db)
        mark = None
        while time.time() < self.until:
            out = self.call("list", ["list", "--json"])
            if out is not None:
                json.loads(out)
            out = self.call("report", ["report", "--format", "json"])
            if out is not None:
                json.loads(out)
            src = DbSource(rt)
            self.timed("tui.first", lambda: src.first(FIRST_ROWS))
            got = self.timed("tui.everything", src.everything)
            if got:
                rows, new_mark = got
                numbers = [r["number"] for r in rows[-20:]]
                self.timed("tui.changed", lambda: src.changed(mark, numbers))
                mark = new_mark


def worker_main(a: argparse.Namespace) -> None:
    import importlib

    w = Worker(a.worker, a.wid, Path(a.db), Path(a.log), a.until, a.seed)
    from docket.cli import COMMANDS
    for target in {t.split(":")[0] for t in COMMANDS.values()}:  # imports are not latency
        try:
            importlib.import_module(target)
        except ImportError:
            pass
    time.sleep(max(0.0, float(os.environ.get("DOCKET_GO", "0")) - time.time()))  # start together
    (w.writer if a.worker == "writer" else w.reader)()


# ---------------------------------------------------------------- checks afterwards

def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def check_writes(db: Path, records: list[dict], today: str = TODAY) -> list[str]:
    """Every write a worker saw succeed, looked up in the database. Returns the problems."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    lost: list[str] = []
    items = {r["number"]: r for r in conn.execute(
        "SELECT i.id, i.number, i.title FROM items i JOIN sessions s ON s.id = i.session_id "
        "WHERE s.is_current = 1")}

    def item(number: int):
        return items.get(number)

    for r in records:
        if not r.get("ok") or r["kind"] not in ("add", "assign", "reply", "evaluate"):
            continue
        if r["kind"] == "add":
            number = int(r["out"].strip().splitlines()[-1])
            it = item(number)
            if it is None or it["title"] != r["title"]:
                lost.append(f"add: 第{number}号 {r['title']} 不在库中")
            continue
        it = item(r["number"])
        if it is None:
            lost.append(f"{r['kind']}: 第{r['number']}号 不在库中")
            continue
        if r["kind"] == "assign":
            q = ("SELECT 1 FROM assignments a JOIN units u ON u.id = a.unit_id "
                 "WHERE a.item_id = ? AND u.name = ? AND a.role = 'lead'")
            args = (it["id"], r["unit"])
        elif r["kind"] == "reply":
            q = ("SELECT 1 FROM replies p JOIN units u ON u.id = p.unit_id "
                 "WHERE p.item_id = ? AND u.name = ? AND p.class = ?")
            args = (it["id"], r["unit"], r["cls"])
        else:
            q = "SELECT 1 FROM evaluations WHERE item_id = ? AND result IN (?, ?)"
            args = (it["id"], r["result"], {"满意": "satisfied", "基本满意": "basic"}[r["result"]])
        if conn.execute(q, args).fetchone() is None:
            lost.append(f"{r['kind']}: 第{r['number']}号 {r.get('unit', r.get('result', ''))} 不在库中")
    # every reminder a remind run reported (its --json) is recorded
    recorded = {(row[0], row[1]) for row in conn.execute(
        "SELECT i.number, u.name FROM reminders m JOIN items i ON i.id = m.item_id "
        "JOIN units u ON u.id = m.unit_id WHERE m.sent_on = ?", (today,))}
    for r in records:
        if r["kind"] == "_reminded":
            for g in r["groups"]:
                for it in g["items"]:
                    if (it["number"], g["unit"]) not in recorded:
                        lost.append(f"remind: 第{it['number']}号 {g['unit']} 报告已催办但未记录")
    conn.close()
    return lost


def duplicate_reminders(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM reminders GROUP BY assignment_id, "
                            "sent_on HAVING COUNT(*) > 1)").fetchone()[0]
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def audit_verify(db: Path) -> tuple[bool, str]:
    done = subprocess.run(docket_exe() + ["audit", "verify"], env=base_env(db), capture_output=True,
                          text=True, check=False)
    return done.returncode == 0, (done.stderr or done.stdout).strip()


def two_crons(db: Path, days: list[str]) -> tuple[int, int, list[str]]:
    """Two `docket remind --json` processes at once on each day: (sent, rows, problems)."""
    problems: list[str] = []
    sent_total = rows_total = 0
    for d in days:
        procs = [subprocess.Popen(docket_exe() + ["remind", "--json"], env=base_env(db, d),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [p.communicate() for p in procs]
        seen: Counter = Counter()
        for p, (out, err) in zip(procs, outs):
            if p.returncode != 0:
                problems.append(f"remind {d}: exit {p.returncode}: {err.strip()[:200]}")
                continue
            for g in json.loads(out or "[]"):
                for it in g["items"]:
                    seen[(g["unit"], it["number"])] += 1
        twice = [k for k, c in seen.items() if c > 1]
        if twice:
            problems.append(f"remind {d}: {len(twice)} 个单位/件被两个进程都报告发送，例如 {twice[0]}")
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = conn.execute("SELECT COUNT(*) FROM reminders WHERE sent_on = ?", (d,)).fetchone()[0]
        conn.close()
        if rows != sum(seen.values()):
            problems.append(f"remind {d}: 报告 {sum(seen.values())} 件次，记录 {rows} 条")
        sent_total += sum(seen.values())
        rows_total += rows
    return sent_total, rows_total, problems


# ---------------------------------------------------------------- the run

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="short run on small data (CI)")
    ap.add_argument("--seconds", type=float, default=None)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--readers", type=int, default=2)
    ap.add_argument("--items", type=int, default=None, help="seed items")
    ap.add_argument("--keep", default=None, help="work in this folder and keep it")
    # internal: one worker process
    ap.add_argument("--worker", choices=["writer", "reader"], help=argparse.SUPPRESS)
    ap.add_argument("--wid", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--log", help=argparse.SUPPRESS)
    ap.add_argument("--until", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        worker_main(a)
        return 0

    seconds = a.seconds if a.seconds is not None else (2.5 if a.smoke else 60.0)
    n_items = a.items if a.items is not None else (20 if a.smoke else 200)
    started = time.perf_counter()
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="docket-stress-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "stress.db"
    for p in work.glob("stress.db*"):
        p.unlink()
    build(db, n_items)
    t_build = time.perf_counter() - started

    # workers import docket first, then start together at `go`
    go = time.time() + 1.0 + 0.1 * (a.writers + a.readers)
    until = go + seconds
    procs = []
    logs = []
    for role, count in (("writer", a.writers), ("reader", a.readers)):
        for i in range(count):
            wid = i if role == "writer" else 100 + i
            log = work / f"{role}-{i}.jsonl"
            logs.append(log)
            procs.append(subprocess.Popen(
                [sys.executable, __file__, "--worker", role, "--wid", str(wid), "--db", str(db),
                 "--log", str(log), "--until", str(until), "--seed", str(wid + 1)],
                env={**base_env(db), "DOCKET_GO": str(go)}))
    codes = [p.wait() for p in procs]
    records = [json.loads(line) for log in logs if log.exists()
               for line in log.read_text(encoding="utf-8").splitlines()]

    # figures
    ops = [r for r in records if not r["kind"].startswith("_")]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for r in ops:
        by_kind[r["kind"]].append(r)
    print(f"stress: {a.writers} writers + {a.readers} readers, {seconds:.0f} s on one database "
          f"({n_items} seed items, setup {t_build:.1f} s) at {db}")
    head = f"{'op':<15}{'done':>7}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    print(head)
    print("-" * len(head))
    failures: dict[str, Counter] = defaultdict(Counter)
    for kind in ["add", "assign", "reply", "evaluate", "remind", "list", "report",
                 "tui.first", "tui.everything", "tui.changed"]:
        rs = by_kind.get(kind, [])
        good = [r["ms"] for r in rs if r["ok"]]
        for r in rs:
            if not r["ok"]:
                failures[kind][r["error"]] += 1
        print(f"{kind:<15}{len(good):>7}{len(rs) - len(good):>8}{pct(good, 50):>9.0f}"
              f"{pct(good, 95):>9.0f}{pct(good, 99):>9.0f}{max(good, default=float('nan')):>9.0f}")
    total_ok = sum(1 for r in ops if r["ok"])
    total_failed = len(ops) - total_ok
    print(f"{'all':<15}{total_ok:>7}{total_failed:>8}   ({total_ok / seconds:.1f} ops/s)")
    for kind, errs in failures.items():
        for text, c in errs.most_common(5):
            print(f"  failed {kind} x{c}: {text}")

    # checks
    problems: list[str] = []
    if any(codes):
        problems.append(f"worker processes exited with {codes}")
    if total_failed:
        problems.append(f"{total_failed} operations failed")
    lost = check_writes(db, records)
    dup = duplicate_reminders(db)
    sent, rows, cron_problems = two_crons(db, LATER_DAYS[:1] if a.smoke else LATER_DAYS)
    dup_after = duplicate_reminders(db)
    ok_audit, audit_text = audit_verify(db)
    integ = integrity(db)
    writes = sum(1 for r in ops if r["ok"] and r["kind"] in ("add", "assign", "reply", "evaluate"))
    reminded = sum(len(g["items"]) for r in records if r["kind"] == "_reminded" for g in r["groups"])
    print(f"writes reported: {writes} (+{reminded} reminders); lost: {len(lost)}")
    for line in lost[:10]:
        print(f"  lost {line}")
    print(f"reminders sent twice (same assignment, same day): {dup} during the run, "
          f"{dup_after} after the two-cron check")
    print(f"two remind processes at once on {len(LATER_DAYS[:1] if a.smoke else LATER_DAYS)} day(s): "
          f"{sent} reminders reported, {rows} recorded; " + ("ok" if not cron_problems else "FAILED"))
    print(f"audit verify: {'ok' if ok_audit else 'FAILED'} ({audit_text})")
    print(f"PRAGMA integrity_check: {integ}")
    problems += [f"lost {x}" for x in lost] + cron_problems
    if dup or dup_after:
        problems.append("an assignment was reminded twice on one day")
    if not ok_audit:
        problems.append(f"audit verify: {audit_text}")
    if integ != "ok":
        problems.append(f"integrity_check: {integ}")
    print(f"total time {time.perf_counter() - started:.1f} s")
    if problems:
        print("FAILED:", *problems[:20], sep="\n  ")
        return 1
    print("all checks passed")
    if not a.keep:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
