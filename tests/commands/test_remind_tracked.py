"""`remind` for tracked items (issue 15): a rectification problem or an adopted 民生实事 project
is reminded by its colour, the worse of its lag behind plan and its due date (domain.md §12,
§13): red by lag alone is 督办 (a 督办函 with --out) however far the due date, yellow by lag is
催办, with the cadence of every reminder (a yellow once per due date, a red again every
remind.repeat, nothing new on a second run the same day)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import as_json, ok, rows

ROUND = "2026年部门工作评议整改"
S = ("--session", ROUND)


@pytest.fixture
def planned(office_db: Path) -> Path:
    """Problem 1 planned on 2026-03-20, due 2026-05-19 (60 days), 10 % reported on 03-26."""
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", "分三段清淤",
       "--person", "李明", "--due", "2026-05-19")
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    return office_db


def sent(day: str, *args: str) -> list[tuple]:
    """What `remind` sends for the round's colours (未按时报送进度 aside: test_rectify.py)."""
    data = as_json(*S, "remind", *args, today=day)
    return [(g["unit"], i["number"], i["color"], i["n"], i.get("lag"), i["days_overdue"], i.get("reason"))
            for g in data for i in g["items"] if i["color"] != "late_report"]


def test_an_item_behind_plan_is_reminded_yellow_then_red_with_the_usual_cadence(planned: Path) -> None:
    # 03-31: planned 18.3 %, lag 8.3: white, whatever the due date (05-19, 34 workdays away)
    assert sent("2026-03-31") == []
    # 04-01: planned 20 %, lag 10 = progress.yellow: 催办, once per due date
    assert sent("2026-04-01") == [("县水利局", 1, "yellow", 1, 10.0, 0, "进度滞后于计划")]
    assert sent("2026-04-01") == []                                   # cron-safe
    assert sent("2026-04-02") == []
    # 04-13: planned 40 %, lag 30 = progress.red: 督办, though 25 workdays are left
    assert sent("2026-04-13", "--dry-run") == [("县水利局", 1, "red", 1, 30.0, 0, "进度滞后于计划")]
    assert sent("2026-04-13") == [("县水利局", 1, "red", 1, 30.0, 0, "进度滞后于计划")]
    assert sent("2026-04-13") == []                                   # no second reminder the same day
    assert sent("2026-04-17") == []                                   # within remind.repeat (5 workdays)
    assert [r[3] for r in sent("2026-04-20")] == [2]                  # then again: the 2nd 督办
    levels = [(r[5], r[6], r[7]) for r in rows(planned, "reminders")]  # level, n, due_on
    assert levels == [("yellow", 1, "2026-05-19"), ("red", 1, "2026-05-19"), ("red", 2, "2026-05-19")]
    # reported on plan: white again, nothing sent
    ok("rectify", "progress", "1", "70", today="2026-04-27")
    assert sent("2026-04-27") == []


def test_the_plain_listing_says_how_far_behind(planned: Path) -> None:
    out = ok(*S, "remind", today="2026-04-13")
    assert "滞后30个百分点" in out and "督办" in out and "剩余" not in out


def test_the_letter_for_an_item_red_by_its_lag_is_a_督办函(planned: Path, tmp_path: Path) -> None:
    from docx import Document

    ok(*S, "remind", "--out", str(tmp_path / "out"), today="2026-04-13")
    path = tmp_path / "out" / "督办函-县水利局-2026-04-13.docx"
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "进度明显滞后于计划" in text and "已超过规定办理期限" not in text
    docs = [(r[1], r[5]) for r in rows(planned, "documents")]                       # kind, doc_no
    # (and, late with its weekly report since 04-03, the 进度催报通知 of the next test)
    assert docs == [("supervision", "青禾人大办函〔2026〕1号"), ("progress_reminder", None)]


def test_an_adopted_project_behind_plan_is_reminded_by_its_round(office_db: Path) -> None:
    from tests.commands.test_project import ROUND as PROJECTS, _two_tracked

    _two_tracked()   # 1 and 2 assigned 2027-01-20, due 2027-12-31
    ok("project", "progress", "1", "20", today="2027-03-01")
    ok("project", "progress", "2", "5", "--note", "完成选址", today="2027-03-01")

    def colours(day: str) -> list[tuple]:
        data = as_json("--session", PROJECTS, "remind", today=day)
        return [(i["number"], i["color"], i.get("lag")) for g in data for i in g["items"]
                if i["color"] != "late_report"]

    # 04-01: planned 20.6 %: 2 lags 15.6 points (yellow), 1 lags 0.6: only 2, though December is far
    assert colours("2027-04-01") == [(2, "yellow", 15.6)]
    # 06-01: planned 38.3 %: 2 lags 33.3 (red: 督办), 1 lags 18.3 (yellow, its first)
    assert sorted(colours("2027-06-01")) == [(1, "yellow", 18.3), (2, "red", 33.3)]
    assert colours("2027-06-01") == []


def _texts(path: Path) -> str:
    from docx import Document

    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_remind_out_writes_a_notice_to_a_unit_late_with_its_progress(planned: Path, tmp_path: Path) -> None:
    # reported 03-26; rectify.update_every 7 days: due again 04-02, late from 04-03 (lag 13.3: yellow)
    out = tmp_path / "out"
    data = as_json(*S, "remind", "--out", str(out), today="2026-04-03")
    assert [(i["number"], i["color"]) for g in data for i in g["items"]] == [(1, "yellow"), (1, "late_report")]
    assert sorted(p.name for p in out.glob("*.docx")) == ["催办通知-县水利局-2026-04-03.docx",
                                                         "进度催报通知-县水利局-2026-04-03.docx"]
    text = _texts(out / "进度催报通知-县水利局-2026-04-03.docx")
    assert "关于报送整改进度的通知" in text and "县水利局：" in text
    assert "你单位负责的下列整改问题未按规定时间报送进度" in text
    assert "河道清淤进展缓慢" in text and "逾期1天未报送" in text and "第1次" in text
    docs = [(r[1], r[5], r[6]) for r in rows(planned, "documents")]                 # kind, doc_no, unit
    assert [(k, no) for k, no, _ in docs] == [("reminder", None), ("progress_reminder", None)]
    assert len(rows(planned, "progress_reminders")) == 1
    linked = [r[:2] for r in rows(planned, "document_items")]
    assert len(linked) == 2 and linked[1][0] == 2                                    # the notice covers item 1
    # cron-safe: a second run the same day sends, records and writes nothing new
    assert as_json(*S, "remind", "--out", str(tmp_path / "again"), today="2026-04-03") == []
    assert not (tmp_path / "again").exists() and len(rows(planned, "documents")) == 2
    assert len(rows(planned, "progress_reminders")) == 1
    # the plain listing names it too
    out2 = tmp_path / "out2"
    text = ok(*S, "remind", "--out", str(out2), today="2026-04-10")
    assert "未按时报送进度" in text and (out2 / "进度催报通知-县水利局-2026-04-10.docx").exists()


def test_the_notice_to_a_project_unit_says_民生实事项目(office_db: Path, tmp_path: Path) -> None:
    from tests.commands.test_project_deadlines import ROUND as PROJECTS, TODAY, _adopted

    _adopted()
    ok("--session", PROJECTS, "assign", "2", "--lead", "教育局", "--due", "2027-12-31", today=TODAY)
    ok("remind", "--out", str(tmp_path), today="2027-02-23")   # project.update_every 1 months: due 02-22
    text = _texts(tmp_path / "进度催报通知-县教育局-2027-02-23.docx")
    assert "关于报送民生实事项目进度的通知" in text and "下列民生实事项目未按规定时间报送进度" in text
    assert "项目名称" in text and "中小学校舍改造" in text
