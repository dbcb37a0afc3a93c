"""Make tests/data/docket-schema-m003.db: a small database written by this version's schema
(migrations m001–m003), kept so that every later version is tested on opening it (issue 12).

    python tests/data/make_fixture_db.py      # rewrites the file; commit it only on purpose

Run it again only when a new migration is added, and then under a new name (…-m004.db), keeping
the old file: each kept file is a database some office still has.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "docket-schema-m003.db"
TODAY = "2026-03-20"

# (number, title, proposer, state after the script): what tests/reliability/test_upgrade.py expects
ITEMS = [
    (1, "关于加固城东河堤的建议", "张三", "registered"),
    (2, "关于增设城区公交线路的建议", "李四", "accepted"),
    (3, "关于改善乡村学校供暖条件的建议", "王五", "assigned"),
    (4, "关于加快农村饮水工程建设的建议", "赵六", "replied"),
    (5, "关于规范乡镇卫生院药品配送的建议", "孙七", "closed"),
    (6, "关于整治城南菜市场周边交通秩序的建议", "周八", "rehandling"),
    (7, "关于在老城区增设停车位的建议", "吴九", "withdrawn"),
    (8, "关于改善乡村学校供暖设施的建议", "郑十", "merged"),
]


def run(*args: str) -> str:
    from click.testing import CliRunner

    from docket.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(TARGET), *args], catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"docket {' '.join(args)}: {result.stderr}")
    return result.stdout


def main() -> int:
    os.environ.update({"DOCKET_TODAY": TODAY, "DOCKET_USER": "样例管理员"})
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    run("init", "--org", "青禾县人大常委会办公室", "--short", "青禾人大办")
    run("unit", "add", "县水利局", "--short", "水利局", "--contact", "钱科长", "--phone", "0571-1234567")
    run("unit", "add", "县教育局", "--short", "教育局")
    run("unit", "add", "县卫生健康局", "--short", "卫健局")
    for number, title, proposer, _ in ITEMS:
        assert run("add", "--title", title, "--proposer", proposer, "--received", "2025-12-01",
                   "--category", "城建环资").strip() == str(number)
    run("review", "2", "--accept")
    run("assign", "3", "4", "5", "6", "--lead", "教育局", "--support", "水利局", "--on", "2025-12-10")
    run("reply", "4", "--unit", "教育局", "--class", "B", "--doc-no", "青教函〔2026〕3号")
    run("reply", "5", "--unit", "教育局", "--class", "A")
    run("evaluate", "5", "--result", "满意", "--attitude", "满意", "--contacted", "yes")
    run("reply", "6", "--unit", "教育局", "--class", "C")
    run("evaluate", "6", "--result", "不满意", "--note", "未见实际措施")
    run("review", "7", "--withdraw", "--reason", "代表本人申请撤回")
    run("review", "8", "--merge-into", "3")
    run("remind")
    conn = sqlite3.connect(TARGET)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.close()
    marks = [r[0] for r in sqlite3.connect(TARGET).execute("SELECT name FROM _docket_migrations")]
    print(f"{TARGET.name}: {len(ITEMS)} items, migrations {', '.join(marks)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
