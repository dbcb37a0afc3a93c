"""What the reliability tests share: the real console script as a subprocess, and the checks that
prove a database and an output folder are whole after a crash or a failed write."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

UNIT_COUNT = 60


def docket() -> list[str]:
    script = Path(sys.executable).parent / "docket"
    return [str(script)] if script.exists() else [sys.executable, "-m", "docket"]


def run(db: Path, *args: str, today: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DOCKET_DB": str(db)}
    if today:
        env["DOCKET_TODAY"] = today
    return subprocess.run(docket() + list(args), env=env, capture_output=True, text=True, check=False)


def must(db: Path, *args: str) -> str:
    done = run(db, *args)
    assert done.returncode == 0, f"docket {' '.join(args)}: {done.stderr}"
    return done.stdout


def start(db: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "DOCKET_DB": str(db)}
    return subprocess.Popen(docket() + list(args), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(predicate, proc: subprocess.Popen, timeout: float = 60.0) -> bool:
    """Poll until predicate() holds (True) or the process ended (False)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    raise AssertionError("the process never started working")


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL; True if the process was still running (the kill landed mid-work)."""
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    return alive


def write_items_csv(path: Path, n: int, *, units: int = 0, prefix: str = "件") -> Path:
    """n distinct items; with units, each names a lead unit 县测试局{k} (import --create-units)."""
    lines = ["标题,领衔代表,提出日期" + (",主办单位" if units else "")]
    for i in range(n):
        row = f"{prefix}{i + 1}关于改善第{i + 1}片区排水设施的建议,代表{i % 97},2025-11-15"
        if units:
            row += f",县测试局{i % units + 1}"
        lines.append(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def count(db: Path, sql: str, *args) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


def table_dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table: the database 'as it was', to compare before and after."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                            " ORDER BY name")]
        # ORDER BY 1: the search index's shadow tables (m009_search) include WITHOUT ROWID ones
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names
                if n != "item_search"}
    finally:
        conn.close()


def assert_consistent(db: Path) -> None:
    assert integrity(db) == "ok"
    done = run(db, "audit", "verify")
    assert done.returncode == 0, done.stderr


def opens(path: Path) -> bool:
    """A complete .docx/.xlsx/.db: python-docx, openpyxl or SQLite reads it."""
    try:
        if path.suffix == ".docx":
            import docx
            docx.Document(str(path))
        elif path.suffix == ".xlsx":
            import openpyxl
            openpyxl.load_workbook(path, read_only=True).close()
        elif path.suffix == ".db":
            return integrity(path) == "ok"
        else:
            return path.stat().st_size > 0
    except Exception:  # noqa: BLE001 - any failure to read means a broken file
        return False
    return True


def final_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".tmp" in p.name)


def documents(db: Path) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT doc_no, path FROM documents ORDER BY id")]
    finally:
        conn.close()


def copy_db(src: Path, folder: Path) -> Path:
    """A copy of a database as a clerk moves one: the file and its audit anchor (.head) beside it."""
    import shutil

    db = folder / "docket.db"
    shutil.copy(src, db)
    head = src.with_name(src.name + ".head")
    if head.exists():
        shutil.copy(head, db.with_name(db.name + ".head"))
    return db
