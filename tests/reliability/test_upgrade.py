"""Upgrades (issue 12): a database written by an earlier schema opens (and migrates) in this
version with its data intact; a database of a newer schema is refused without any change.

tests/data/docket-schema-m003.db is made by tests/data/make_fixture_db.py and never rewritten:
it stands for the databases offices already have.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.helpers import assert_consistent, copy_db, run

DATA = Path(__file__).resolve().parents[1] / "data"
KEPT = sorted(DATA.glob("docket-schema-*.db"))
M003 = DATA / "docket-schema-m003.db"

STATES = {1: "registered", 2: "accepted", 3: "assigned", 4: "replied", 5: "closed",
          6: "rehandling", 7: "withdrawn", 8: "merged"}




@pytest.mark.parametrize("kept", KEPT, ids=lambda p: p.name)
def test_a_kept_database_opens_and_migrates(kept: Path, tmp_path: Path) -> None:
    db = copy_db(kept, tmp_path)
    listed = run(db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) >= 1
    marks = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM _docket_migrations")}
    from docket.store.migrations import MIGRATIONS
    assert marks == {fn.__name__ for fn in MIGRATIONS}  # every migration of today applied
    assert_consistent(db)


def test_the_m003_database_reads_back_its_data(tmp_path: Path) -> None:
    db = copy_db(M003, tmp_path)
    listed = run(db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {r["number"]: r for r in json.loads(listed.stdout)}
    assert {n: r["state"] for n, r in rows.items()} == STATES
    assert rows[1]["title"] == "关于加固城东河堤的建议" and rows[1]["proposer"] == "张三"
    item = json.loads(run(db, "show", "6", "--json").stdout)
    assert item["state"] == "rehandling" and item["lead_unit"] == "县教育局"
    assert [e["result"] for e in item["evaluations"]] == ["dissatisfied"]
    item = json.loads(run(db, "show", "4", "--json").stdout)
    assert item["reply_class"] == "B"
    assert {a["unit"] for a in item["assignments"]} == {"县教育局", "县水利局"}
    item = json.loads(run(db, "show", "5", "--json").stdout)
    assert (item["state"], item["result"], item["attitude"]) == ("closed", "satisfied", "satisfied")
    assert run(db, "show", "3", "--json").returncode == 0
    assert_consistent(db)
    # and it takes new writes
    added = run(db, "add", "--title", "关于增设社区养老服务站的建议", "--proposer", "冯十一")
    assert added.returncode == 0 and added.stdout.strip() == "9"
    assert_consistent(db)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", "1"], ["add", "--title",
                                  "关于加固城西河堤的建议", "--proposer", "张三"], ["audit", "verify"]])
def test_a_newer_schema_database_is_refused_unchanged(tmp_path: Path, args: list[str]) -> None:
    db = copy_db(M003, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _docket_migrations (name, applied_at) VALUES"
                 " ('m999_from_the_future', '2027-01-01T00:00:00+08:00')")
    conn.commit()
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docket.db"]
    before = _digest(db)
    done = run(db, *args)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("错误：") and "m999_from_the_future" in done.stderr, done.stderr
    assert "内部错误" not in done.stderr
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docket.db"]  # no -wal, no -shm
