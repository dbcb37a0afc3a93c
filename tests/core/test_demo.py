"""The demo county: big enough, every state and colour on any day, reproducible, and safe."""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.cli import cli
from docket.core.queue import list_items
from docket.core.records import ITEM_STATES, State
from docket.fixtures.demo import build_demo
from docket.store.db import opened

TODAY = date(2026, 3, 20)
# the states of proposals (a rectification's 复查通过 and a project's 待再次表决 are not in the demo)
STATES = {s.value for s in ITEM_STATES if s not in (State.RECHECKED, State.REVOTE)}
# what a reproducible build must repeat exactly (timestamps carry the clock's time of day)
TABLES = {
    "units": "name, short, contact, phone",
    "items": "number, kind, ref_no, title, proposer, co_proposers, category, content, received_on, state,"
             " key, fast, merged_into, round, round_start, delegation, phone, closed_on, close_reason",
    "assignments": "item_id, unit_id, role, round, assigned_on, due_on, first_due_on, yardstick_due_on,"
                   " objection_until, replied_on, returned_on, return_reason, ended_on, end_reason",
    "replies": "item_id, unit_id, role, round, class, replied_on, doc_no, contact, phone, summary,"
               " copied_from, quality",
    "evaluations": "item_id, round, result, attitude, evaluated_on, rater, decisive, contacted, note",
    "events": "by, action, entity, entity_id, item_id, detail, substr(at, 1, 10)",
}


def dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT {cols} FROM {t} ORDER BY id").fetchall() for t, cols in TABLES.items()}
    finally:
        conn.close()


def scalar(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo(demo_county) -> tuple[Path, object]:
    return demo_county(today=TODAY)


def test_demo_is_a_county_with_every_state_and_colour(demo) -> None:
    db, summary = demo
    with opened(db) as conn:
        rows = list_items(conn, as_of=TODAY)
    assert len(rows) == 360
    assert {r["state"] for r in rows} == STATES
    assert {r["color"] for r in rows} == {None, "white", "yellow", "red"}
    assert scalar(db, "SELECT COUNT(*) FROM units") == 39
    # the summary counts what `list` shows
    by_state = {s: sum(r["state"] == s for r in rows) for s in STATES}
    by_color = {c: sum(r["color"] == c for r in rows) for c in ("white", "yellow", "red")}
    assert (summary.items, summary.units, summary.by_state, summary.by_color) == (360, 39, by_state, by_color)


def test_demo_ledger_has_the_details_a_secretariat_keeps(demo) -> None:
    db, _ = demo
    checks = {
        "key items": "SELECT COUNT(*) FROM items WHERE key = 1",
        "fast items": "SELECT COUNT(*) FROM items WHERE fast = 1",
        "co-proposed": "SELECT COUNT(*) FROM items WHERE co_proposers != '[]'",
        "motions": "SELECT COUNT(*) FROM items WHERE kind = 'motion'",
        "motions handled as suggestions": "SELECT COUNT(*) FROM items WHERE ref_no IS NOT NULL",
        "converted/withdrawn with reason": "SELECT COUNT(*) FROM items WHERE state IN ('converted', 'withdrawn')"
                                           " AND close_reason IS NOT NULL",
        "returned assignments": "SELECT COUNT(*) FROM assignments WHERE returned_on IS NOT NULL",
        "extended assignments": "SELECT COUNT(*) FROM assignments WHERE due_on != first_due_on",
        "second rounds": "SELECT COUNT(*) FROM assignments WHERE round = 2",
        "supporting opinions": "SELECT COUNT(*) FROM replies WHERE role = 'support'",
        "copied replies of merged items": "SELECT COUNT(*) FROM replies WHERE copied_from IS NOT NULL",
        "replies with doc numbers": "SELECT COUNT(*) FROM replies WHERE role = 'lead' AND doc_no LIKE '%〔20__〕%号'",
        "entered quality": "SELECT COUNT(*) FROM replies WHERE quality BETWEEN 50 AND 98",
        "不满意": "SELECT COUNT(*) FROM evaluations WHERE result = 'dissatisfied' AND note IS NOT NULL",
    }
    counts = {name: scalar(db, sql) for name, sql in checks.items()}
    assert all(n > 0 for n in counts.values()), counts
    assert scalar(db, "SELECT COUNT(DISTINCT class) FROM replies WHERE role = 'lead'") == 4
    assert scalar(db, "SELECT COUNT(*) FROM items WHERE category NOT IN"
                      " ('财政经济','农业农村','城建环资','教科文卫','社会建设','内务司法','其他')") == 0
    assert scalar(db, "SELECT COUNT(*) FROM items WHERE title NOT LIKE '关于%的建议'"
                      " AND title NOT LIKE '关于%的议案'") == 0


def test_demo_history_is_whole_and_dated_as_it_happened(demo) -> None:
    db, _ = demo
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db), "audit", "verify"])
    assert result.exit_code == 0, result.stderr
    # events run in date order and nothing is dated after today
    days = [r[0] for r in sqlite3.connect(db).execute("SELECT substr(at, 1, 10) FROM events ORDER BY id")]
    assert days == sorted(days) and days[-1] == TODAY.isoformat()


def test_same_seed_and_day_give_the_same_county(tmp_path: Path, demo) -> None:
    db, _ = demo
    again = tmp_path / "again.db"
    build_demo(again, today=TODAY, actor="测试员")
    assert dump(again) == dump(db)
    other = tmp_path / "other.db"
    build_demo(other, today=TODAY, actor="测试员", seed=7)
    assert dump(other)["items"] != dump(db)["items"]


@pytest.mark.parametrize("today", [date(2026, 2, 24), date(2026, 10, 8), date(2027, 1, 4), date(2025, 6, 1)])
def test_every_state_and_colour_on_other_days(tmp_path: Path, today: date) -> None:
    """Around the Spring Festival and National Day breaks too, and in a year without official data."""
    summary = build_demo(tmp_path / "demo.db", today=today, actor="测试员")
    assert set(summary.by_state) == STATES
    assert set(summary.by_color) == {"white", "yellow", "red"}


def test_demo_command_prints_summary_and_leaves_docket_db_alone(tmp_path: Path) -> None:
    office = tmp_path / "docket.db"              # DOCKET_DB, set by the autouse fixture
    target = tmp_path / "my demo.db"
    result = CliRunner().invoke(cli, ["--db", str(target), "demo"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"演示库已生成：{target}"
    assert lines[1] == "青禾县人大常委会办公室 · 县第十八届人民代表大会第五次会议（虚构的青禾县，日期相对今天 2026-03-20）"
    assert "接下来可以试试：" in lines
    # the states of a suggestion only: no project's 待再次表决 0 nor rectification's 复查通过
    states = next(line for line in lines if line.startswith("按状态："))
    assert "待再次表决" not in states and "复查通过" not in states and re.search(r"已办结 \d+$", states), states
    tried = [line.split("#")[0].strip() for line in lines[lines.index("接下来可以试试：") + 1:]]
    assert tried[0] == f"docket --db '{target}' list --color red --sort due"
    assert tried[-1] == f"docket --db '{target}' tui"
    assert not office.exists()
    # the printed commands work as printed
    number = int(tried[1].split()[-1])
    shown = CliRunner().invoke(cli, ["--db", str(target), "show", str(number), "--json"])
    assert shown.exit_code == 0 and '"state": "rehandling"' in shown.stdout


def test_demo_without_db_goes_to_the_data_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--items", "60"])
    assert result.exit_code == 0, result.stderr
    demo_db = tmp_path / "xdg" / "docket" / "demo.db"
    assert result.stdout.splitlines()[0] == f"演示库已生成：{demo_db}"
    assert demo_db.exists() and not (tmp_path / "docket.db").exists()


def test_demo_rebuilds_a_demo_but_never_overwrites_an_office_database(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(target), "demo", "--items", "60"]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(target), "demo", "--items", "61"]).exit_code == 0
    assert scalar(target, "SELECT COUNT(*) FROM items") == 61
    office = tmp_path / "office.db"
    assert runner.invoke(cli, ["--db", str(office), "init"]).exit_code == 0
    before = office.read_bytes()
    result = runner.invoke(cli, ["--db", str(office), "demo"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"错误：{office} 不是 docket 生成的演示库，demo 不会覆盖它。"
                             "请换一个 --db 路径（不指定时演示库放在用户数据目录的 demo.db）\n")
    assert office.read_bytes() == before


def test_demo_refuses_too_few_items(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "demo", "--items", "39"])
    assert (result.exit_code, result.stderr) == (1, "错误：演示件数至少为 40（才能覆盖每种状态和颜色），现为 39\n")
    assert not (tmp_path / "d.db").exists()


@pytest.mark.parametrize("seed", range(5))
def test_the_smallest_demo_still_has_every_state_and_colour(tmp_path: Path, seed: int) -> None:
    summary = build_demo(tmp_path / "demo.db", n_items=40, seed=seed, today=TODAY, actor="测试员")
    assert (summary.items, set(summary.by_state), set(summary.by_color)) == (
        40, STATES, {"white", "yellow", "red"})


def test_two_demos_built_at_once_do_not_collide(tmp_path: Path) -> None:
    """Two `docket demo` at once each build their own file (issue 17 item 11: they shared
    demo.db.building and one ended in 内部错误（FileNotFoundError…）)."""
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "demo.db"
    with ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(build_demo, path, n_items=40, seed=s, today=TODAY, actor="测试员")
                for s in (1, 2)]
        summaries = [job.result() for job in jobs]
    assert [s.items for s in summaries] == [40, 40]
    with opened(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 40
    assert sorted(p.name for p in tmp_path.iterdir() if "building" in p.name) == []
