"""Two imports of one file at once (issue 12, attack item 5): both used to pass the duplicate and
number checks, made before the write lock (3,000 duplicates; with numbers, 内部错误（IntegrityError）
for the loser). Now the database checks run under the lock: one import stores the file, the other
is refused by row, exit 1, and stores nothing."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ok

ROWS = 1500


def _csv(path: Path, numbered: bool) -> Path:
    head = "编号,标题,领衔代表\n" if numbered else "标题,领衔代表\n"
    body = "".join((f"{i},"if numbered else "") + f"关于第{i}号河段清淤的建议,代表{i % 97}\n"
                   for i in range(1, ROWS + 1))
    path.write_text(head + body, encoding="utf-8")
    return path


def _both(path: Path, db: Path) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "DOCKET_DB": str(db)}
    procs = [subprocess.Popen([sys.executable, "-m", "docket", "import", str(path)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]  # read both: the loser's list is long
    return [subprocess.CompletedProcess(p.args, p.returncode, *out) for p, out in zip(procs, outs)]


@pytest.mark.parametrize("numbered", [False, True], ids=["unnumbered", "numbered"])
def test_two_imports_of_one_file_at_once_store_it_once(office_db: Path, tmp_path: Path,
                                                       numbered: bool) -> None:
    path = _csv(tmp_path / "batch.csv", numbered)
    done = sorted(_both(path, office_db), key=lambda p: p.returncode)
    assert [p.returncode for p in done] == [0, 1], [p.stderr[-300:] for p in done]
    winner, loser = done
    assert winner.stdout.split() == [str(n) for n in range(1, ROWS + 1)]
    assert loser.stdout == ""
    lines = loser.stderr.splitlines()
    duplicate = "第2行 与本届已有建议重复（标题、领衔代表相同），确需导入请加 --allow-duplicates"
    if numbered:  # each row: its number is used, and it is a duplicate
        assert lines[0] == f"错误：batch.csv 有 {2 * ROWS} 处问题，未导入任何一行（改正后重新导入）："
        assert lines[1:3] == ["第2行 编号：第1号已存在，请改用其他编号", duplicate]
    else:
        assert lines[0] == f"错误：batch.csv 有 {ROWS} 处问题，未导入任何一行（改正后重新导入）："
        assert lines[1] == duplicate
    assert "内部错误" not in loser.stderr
    conn = sqlite3.connect(office_db)
    try:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT title) FROM items").fetchone() == (ROWS, ROWS)
    finally:
        conn.close()
    ok("audit", "verify")
