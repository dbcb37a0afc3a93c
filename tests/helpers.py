"""Helpers shared by test modules (datasets built through the real CLI, database snapshots, the
installed console script). Fixtures are in tests/conftest.py; Pilot helpers in tests/tui/helpers.py.
Test modules import from here, never from one another."""
from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

from tests.conftest import invoke, ok, rows

# -- domain.md §8's worked dataset, as the status report tests enter it ---------------------

W, N, H = "水利局", "农业农村局", "卫健局"


def build_worked_dataset() -> None:
    """domain.md §8: items 1–6 assigned 03-20 (due 06-22, support 04-20), 7–8 on 05-11 (due 08-11).

    Each fact is entered on its own day (DOCKET_TODAY), as a clerk would."""
    for n in range(1, 9):
        ok("add", "--title", f"关于第{n}项工作的建议", "--proposer", f"代表{n}")
    ok("assign", "1", "--lead", W, "--support", N)
    ok("assign", "2", "3", "--lead", W)
    ok("assign", "4", "--lead", N)
    ok("assign", "5", "--lead", N, "--support", H)
    ok("assign", "6", "--lead", H)
    steps = [
        ("2026-04-10", ["reply", "1", "--unit", N]),
        ("2026-05-11", ["reply", "4", "--unit", N, "--class", "C"]),
        ("2026-05-11", ["assign", "7", "8", "--lead", H]),
        ("2026-05-20", ["reply", "1", "--unit", W, "--class", "A"]),
        ("2026-05-25", ["evaluate", "4", "--result", "不满意"]),
        ("2026-06-01", ["evaluate", "1", "--result", "满意"]),
        ("2026-06-10", ["extend", "3", "--unit", W, "--until", "2026-07-20", "--reason", "涉及跨部门协调"]),
        ("2026-06-18", ["reply", "4", "--unit", N, "--class", "B"]),
        ("2026-06-22", ["reply", "5", "--unit", N, "--class", "D"]),
        ("2026-06-30", ["reply", "2", "--unit", W, "--class", "B"]),
        ("2026-07-01", ["evaluate", "4", "--result", "满意"]),
        ("2026-07-06", ["evaluate", "5", "--result", "不满意"]),
        ("2026-07-10", ["evaluate", "2", "--result", "基本满意"]),
        ("2026-07-15", ["reply", "3", "--unit", W, "--class", "B"]),
        ("2026-07-20", ["reply", "7", "--unit", H, "--class", "A"]),
        ("2026-07-28", ["evaluate", "7", "--result", "满意"]),
    ]
    for today, args in steps:
        ok(*args, today=today)



# -- the §8 dataset as the scoring tests enter it (quality scores, notes, contacts) ----------

QUALITY = {1: 90, 2: 70, 3: 85, 4: 80, 5: 60, 7: 95}


def run(today: str, *args: str) -> None:
    result = invoke(*args, today=today)
    assert result.exit_code == 0, (args, result.stderr)


def build_dataset(with_quality: bool = True) -> None:
    """domain.md §8, each step on its own day, through the real CLI (office_db has W, N, H)."""
    for i in range(1, 9):
        run("2026-03-20", "add", "--title", f"关于第{i}件民生事项的建议", "--proposer", f"柯明{i}",
            "--co", "黎文秀", "--received", "2026-03-10")
    steps = [
        ("2026-03-20", "assign", "1", "--lead", "水利局", "--support", "农业农村局", "--on", "2026-03-20"),
        ("2026-03-20", "assign", "2", "3", "--lead", "水利局", "--on", "2026-03-20"),
        ("2026-03-20", "assign", "4", "--lead", "农业农村局", "--on", "2026-03-20"),
        ("2026-03-20", "assign", "5", "--lead", "农业农村局", "--support", "卫健局", "--on", "2026-03-20"),
        ("2026-03-20", "assign", "6", "--lead", "卫健局", "--on", "2026-03-20"),
        ("2026-04-10", "reply", "1", "--unit", "农业农村局", "--on", "2026-04-10"),
        ("2026-05-11", "assign", "7", "8", "--lead", "卫健局", "--on", "2026-05-11"),
        ("2026-05-11", "reply", "4", "--unit", "农业农村局", "--class", "C", "--on", "2026-05-11"),
        ("2026-05-20", "reply", "1", "--unit", "水利局", "--class", "A", "--on", "2026-05-20"),
        ("2026-05-25", "evaluate", "4", "--result", "不满意", "--contacted", "yes", "--on", "2026-05-25",
         "--note", "欧阳明远认为答复敷衍"),
        ("2026-06-01", "evaluate", "1", "--result", "满意", "--contacted", "yes", "--on", "2026-06-01"),
        # granted before the due date 06-22: the on-time yardstick moves to 07-20 (§8)
        ("2026-06-10", "extend", "3", "--unit", "水利局", "--until", "2026-07-20", "--reason", "需实地调研"),
        ("2026-06-18", "reply", "4", "--unit", "农业农村局", "--class", "B", "--on", "2026-06-18"),
        # H never gave its opinion on item 5: the reply ends it as 未提供意见 (late for H)
        ("2026-06-22", "reply", "5", "--unit", "农业农村局", "--class", "D", "--on", "2026-06-22"),
        ("2026-06-30", "reply", "2", "--unit", "水利局", "--class", "B", "--on", "2026-06-30"),
        ("2026-07-01", "evaluate", "4", "--result", "满意", "--contacted", "yes", "--on", "2026-07-01"),
        ("2026-07-06", "evaluate", "5", "--result", "不满意", "--contacted", "no", "--on", "2026-07-06",
         "--note", "秘密理由：未见面商"),
        ("2026-07-10", "evaluate", "2", "--result", "基本满意", "--contacted", "yes", "--on", "2026-07-10"),
        ("2026-07-15", "reply", "3", "--unit", "水利局", "--class", "B", "--on", "2026-07-15"),
        ("2026-07-20", "reply", "7", "--unit", "卫健局", "--class", "A", "--on", "2026-07-20"),
        ("2026-07-28", "evaluate", "7", "--result", "满意", "--contacted", "yes", "--on", "2026-07-28"),
    ]
    for today, *args in steps:
        run(today, *args)
    if with_quality:
        run("2026-07-31", "score", "quality", *(f"{n}={q}" for n, q in QUALITY.items()))



# -- every table of the store, to prove nothing was written ----------------------------------

TABLES = ("sessions", "units", "items", "assignments", "replies", "evaluations", "reminders",
          "documents", "settings", "calendar_days", "events", "_docket_migrations")


def snapshot(db: Path) -> dict[str, list[tuple]]:
    return {t: rows(db, t) for t in TABLES}


# -- tampering with the event log (audit verify must not be fooled) ------------------------

def raw_sql(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def audit_refused(message: str) -> None:
    result = invoke("audit", "verify")
    assert (result.exit_code, result.stderr) == (1, f"错误：{message}。请用备份核对\n")


# -- the installed console script, in a subprocess ---------------------------------------------

# the console script installed with this interpreter (a venv's bin/), else the one on PATH
_BESIDE = Path(sys.executable).parent / "docket"
DOCKET = str(_BESIDE) if _BESIDE.is_file() else shutil.which("docket")


def env(db: Path, today: str = "2026-03-20") -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKET_", "FORCE_COLOR", "CLICOLOR"))}
    e.update(DOCKET_DB=str(db), DOCKET_TODAY=today, DOCKET_USER="测试员", PYTHONIOENCODING="utf-8",
             TERM="xterm-256color", COLUMNS="200")
    return e


def roll_back_schema(conn: sqlite3.Connection, keep: tuple[str, ...]) -> None:
    """Make a database look like one written by the version that had only the migrations `keep`:
    every view, table and column a later migration added is dropped and its marker forgotten.
    The old schema is read off a fresh in-memory database given only those migrations."""
    from docket.store.migrations import MIGRATIONS

    old = sqlite3.connect(":memory:")
    for fn in MIGRATIONS:
        if fn.__name__ in keep:
            fn(old)
    objects = {(t, n) for t, n in old.execute("SELECT type, name FROM sqlite_master")}
    columns = {n: {c[1] for c in old.execute(f'PRAGMA table_info("{n}")')}
               for t, n in objects if t == "table"}
    old.close()
    current = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                           " AND name <> '_docket_migrations' ORDER BY type = 'trigger' DESC, type = 'view' DESC,"
                           " sql LIKE 'CREATE VIRTUAL TABLE%' DESC").fetchall()
    for kind, name in current:
        if kind in ("trigger", "view", "table", "index") and (kind, name) not in objects:
            conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
    for name, cols in columns.items():
        for (col,) in [(c[1],) for c in conn.execute(f'PRAGMA table_info("{name}")')]:
            if col not in cols:
                conn.execute(f'ALTER TABLE "{name}" DROP COLUMN "{col}"')
    marks = ",".join("?" * len(keep))
    conn.execute(f"DELETE FROM _docket_migrations WHERE name NOT IN ({marks})", keep)
    conn.commit()
