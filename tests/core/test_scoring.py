"""Scoring models, the engine and handling-unit scores (domain.md §11), on the §8 dataset."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import pytest

from docket.core import unit_scores
from docket.core.errors import BadInput, IllegalTransition, NotFound
from docket.core.score_figures import Absurd, parse_number, ranks, round2
from docket.core.score_model import parse_model
from docket.core.score_model_versions import load_model, set_fields
from docket.core.scoring import LeafValue, evaluate
from docket.store.db import opened
from tests.helpers import build_dataset, run

AS_OF = date(2026, 7, 31)
def scores(db: Path, **kw) -> dict:
    with opened(db) as conn:
        return unit_scores.score_units(conn, year=2026, as_of=AS_OF, **kw)


def summary(result: dict) -> list[tuple]:
    return [(u["unit"], u["score"], u["grade"], u["rank"], u["ranked"],
             [(i["id"], i["value"], i["n"]) for i in u["indicators"]]) for u in result["units"]]


def test_section_8_dataset_scores_as_domain_md_states(office_db: Path) -> None:
    build_dataset()
    assert summary(scores(office_db)) == [
        # H: item 6 late, item-5 opinion never given, item 7 on time → 1/3; 8 undecided
        ("县卫生健康局", 85.67, "良好", 1, True, [("timeliness", 33.33, 3), ("contact", 100.0, 1),
                                               ("quality", 95.0, 1), ("outcome", 100.0, 1),
                                               ("satisfaction", 100.0, 1)]),
        # W: 1 on time, 2 late, 3 on time after the extension → 2/3; 基本满意 = 60 points
        ("县水利局", 81.0, "良好", 2, True, [("timeliness", 66.67, 3), ("contact", 100.0, 2),
                                          ("quality", 81.67, 3), ("outcome", 86.67, 3),
                                          ("satisfaction", 80.0, 2)]),
        # N: 2 lead items < score.min_items 3 → listed, not ranked
        ("县农业农村局", 66.0, "一般", None, False, [("timeliness", 100.0, 3), ("contact", 50.0, 2),
                                                 ("quality", 70.0, 2), ("outcome", 60.0, 2),
                                                 ("satisfaction", 50.0, 2)]),
    ]


def test_breakdown_shows_how_each_figure_was_made(office_db: Path) -> None:
    build_dataset()
    h = scores(office_db, unit="卫健局")["units"][0]
    assert [(b["indicator"], b["value"], b["points"], b["how"]) for b in unit_scores.breakdown(h["indicators"])] == [
        ("办理时效", "33.33", "6.67", "按期1件/应计3件（主办1/2，协办意见0/1）"),
        ("沟通联系", "100.00", "10.00", "办理前联系1件/已评价1件"),
        ("答复质量", "95.00", "19.00", "已评分1件/已答复1件"),
        ("办理成效", "100.00", "20.00", "A类1件"),
        ("代表满意度", "100.00", "30.00", "满意1件、基本满意0件、不满意0件"),
    ]


def test_leaf_without_data_is_left_out_and_siblings_rescaled(office_db: Path) -> None:
    build_dataset(with_quality=False)
    w = next(u for u in scores(office_db)["units"] if u["unit"] == "县水利局")
    quality = next(i for i in w["indicators"] if i["id"] == "quality")
    assert (quality["value"], quality["points"], quality["n"]) == (None, None, 0)
    # quality left out: Σwv / Σw over the rest = (20×200/3 + 10×100 + 20×260/3 + 30×80) / 80
    # = (9200/3 + 3400) / 80 = 80.8333… → 80.83
    assert w["score"] == 80.83
    assert {i["id"]: i["rescaled"] for i in w["indicators"]}["timeliness"] is True


def test_ranks_share_ties_and_skip() -> None:
    a, b = Fraction(8101, 100), Fraction(80, 1)
    assert ranks([b, a, b, Fraction(70), None]) == [2, 1, 2, 4, None]


def test_rounding_is_half_up_on_exact_values_only_for_output() -> None:
    assert [round2(Fraction(12345, 1000)), round2(Fraction(2, 3) * 100), round2(Fraction(1, 200))] == [12.35, 66.67, 0.01]


def test_nested_indicators_rescale_within_their_group() -> None:
    model = parse_model({"name": "t", "kind": "unit", "indicators": [
        {"id": "a", "name": "甲", "weight": 40, "children": [
            {"id": "a1", "name": "甲一", "weight": 50, "source": "computed", "metric": "timeliness"},
            {"id": "a2", "name": "甲二", "weight": 50, "source": "computed", "metric": "contact"}]},
        {"id": "b", "name": "乙", "weight": 60, "source": "computed", "metric": "outcome"}]})
    b = evaluate(model, {"a1": LeafValue(Fraction(80)), "a2": LeafValue(None), "b": LeafValue(Fraction(50))})
    assert b.score == Fraction(40 * 80 + 60 * 50, 100)
    assert [(i["id"], i["value"], i["points"], i["effective_weight"]) for i in b.indicators] == [
        ("a", 80.0, 32.0, 40.0), ("a1", 80.0, 32.0, 40.0), ("a2", None, None, None), ("b", 50.0, 30.0, 60.0)]


def test_model_validation_reports_every_problem_in_chinese() -> None:
    with pytest.raises(BadInput) as e:
        parse_model({"name": "坏模型", "kind": "unit", "indicators": [
            {"id": "x", "name": "办理时效", "weight": 20, "source": "computed", "metric": "speed"},
            {"id": "x", "name": "满意度", "weight": 70, "source": "vote"},
            {"id": "z", "name": "质量", "weight": -5, "source": "typed"}]})
    assert str(e.value) == "评分模型“坏模型”有误，未保存：\n指标“办理时效”：计算指标的 metric “speed”应为 timeliness、on_time、reply_rate、contact、outcome、satisfaction、satisfaction_rate 之一\n指标“满意度”：编号“x”重复\n指标“满意度”：测评（vote）来源只能用于部门评议模型\n指标“质量”：权重应大于0，现为-5\n指标“质量”：来源 source “typed”应为 computed（计算）、entered（录入）或 vote（测评）\n一级指标权重合计为85，应为100（办理时效20、满意度70、质量-5）"


def test_outcome_minimum_is_checked() -> None:
    with pytest.raises(BadInput) as e:
        parse_model({"name": "评议", "kind": "appraisal", "outcome_min": 60, "indicators": [
            {"id": "lawful", "name": "依法履职", "weight": 50, "source": "entered"},
            {"id": "vote", "name": "群众满意度", "weight": 50, "source": "vote", "outcome": True}]})
    assert e.value.details == ["结果指标（outcome）权重合计为50，不得低于60"]


def test_weights_that_do_not_sum_to_100_store_nothing(office_db: Path) -> None:
    with opened(office_db) as conn:
        with pytest.raises(BadInput) as e:
            set_fields(conn, "unit", {"satisfaction": "50"}, actor="t", today=AS_OF)
        assert e.value.details == [("一级指标权重合计为120，应为100（办理时效20、沟通联系10、答复质量20、"
                                   "办理成效20、代表满意度50）")]
        assert conn.execute("SELECT COUNT(*) FROM score_model_versions").fetchone()[0] == 0
        assert load_model(conn, "unit").version == 1


def test_published_result_keeps_its_model_version(office_db: Path) -> None:
    build_dataset()
    with opened(office_db) as conn:
        first = unit_scores.publish(conn, year=2026, as_of=AS_OF, actor="t", today=AS_OF)
        m = set_fields(conn, "unit", {"timeliness": "50", "satisfaction": "10", "quality": "15",
                                      "outcome": "15"}, actor="t", today=AS_OF)
        now = unit_scores.score_units(conn, year=2026, as_of=AS_OF)
        kept = unit_scores.published(conn, first["result_id"])[0]
        versions = [r[0] for r in conn.execute("SELECT version FROM score_model_versions ORDER BY version")]
    assert (m.version, versions) == (2, [1, 2])
    assert (kept["model_version"], [(u["unit"], u["score"], u["rank"]) for u in kept["data"]["units"]]) == (
        1, [("县卫生健康局", 85.67, 1), ("县水利局", 81.0, 2), ("县农业农村局", 66.0, None)])
    # the heavier timeliness weight moves W above H
    assert [(u["unit"], u["score"], u["rank"]) for u in now["units"]] == [
        ("县水利局", 76.58, 1), ("县卫生健康局", 65.92, 2), ("县农业农村局", 79.5, None)]


def test_quality_needs_a_reply_and_a_score_in_range(office_db: Path) -> None:
    build_dataset(with_quality=False)
    with opened(office_db) as conn:
        with pytest.raises(IllegalTransition) as e:
            unit_scores.enter_quality(conn, 6, 80, actor="t", today=AS_OF)
        assert str(e.value) == "第6号建议尚无主办单位答复，不能录入答复质量评分"
        with pytest.raises(BadInput) as e:
            unit_scores.enter_quality(conn, 4, "120", actor="t", today=AS_OF)
        assert str(e.value) == "第4号的答复质量评分：120超出0–100"
        done = unit_scores.enter_quality(conn, 4, "80", actor="t", today=AS_OF)
        # item 4 has two replies: the score goes on the latest (round 2, class B)
        stored = conn.execute("SELECT r.round, r.class, r.quality FROM replies r JOIN items i ON i.id = r.item_id"
                              " WHERE i.number = 4 AND r.role = 'lead' ORDER BY r.id").fetchall()
    assert done == {"number": 4, "unit": "县农业农村局", "round": 2, "quality": 80.0}
    assert [tuple(r) for r in stored] == [(1, "C", None), (2, "B", 80.0)]


def test_unit_without_items_is_refused(office_db: Path) -> None:
    build_dataset()
    run("2026-07-31", "unit", "add", "县教育局", "--short", "教育局")
    with opened(office_db) as conn, pytest.raises(NotFound) as e:
        unit_scores.score_units(conn, year=2026, as_of=AS_OF, unit="教育局")
    assert str(e.value) == "县教育局在2026年没有承办（主办或协办）的交办件，无法计分"


def test_scores_name_no_proposer_rater_or_note(office_db: Path) -> None:
    build_dataset()
    text = json.dumps(scores(office_db), ensure_ascii=False)
    for secret in ("柯明", "黎文秀", "欧阳明远", "秘密理由", "rater", "note"):
        assert secret not in text


def test_another_year_has_no_units(office_db: Path) -> None:
    build_dataset()
    with opened(office_db) as conn:
        assert unit_scores.score_units(conn, year=2025, as_of=AS_OF)["units"] == []
        with pytest.raises(BadInput) as e:
            unit_scores.publish(conn, year=2025, as_of=AS_OF, actor="t", today=AS_OF)
    assert str(e.value) == "2025年没有交办给承办单位的件，无法公布考评结果"
    assert sqlite3.connect(office_db).execute("SELECT COUNT(*) FROM score_results").fetchone()[0] == 0


def test_absurd_weights_are_refused_with_a_short_message(office_db: Path) -> None:
    with opened(office_db) as conn:
        for text in ("1e400", "inf", "-Infinity", "nan", "1e999999999", "9" * 400):
            with pytest.raises(BadInput) as e:
                set_fields(conn, "unit", {"timeliness": text}, actor="t", today=AS_OF)
            # one line naming the weight as typed (cut at 20 characters); no 400-digit 合计
            shown = text if len(text) <= 20 else text[:20] + "…"
            assert e.value.details == [f"指标“办理时效”的权重“{shown}”不是有效数字"], text
        assert conn.execute("SELECT COUNT(*) FROM score_model_versions").fetchone()[0] == 0


def test_parse_number_takes_decimals_as_written_and_refuses_the_rest() -> None:
    assert parse_number("81.5") == Fraction(163, 2)
    assert parse_number(" 2.5e1 ") == 25
    assert parse_number(30) == 30
    for absurd in ("1e400", "1e-999999999", "inf", "NaN", 10**7, "1234567.5"):
        with pytest.raises(Absurd):
            parse_number(absurd)
    for junk in ("八十", "", "1/2", True, None):
        with pytest.raises((ValueError, TypeError)):
            parse_number(junk)


def test_year_out_of_range_is_refused(office_db: Path) -> None:
    with opened(office_db) as conn:
        for year, shown in ((0, "0"), (20266, "20266"), (10**20, "10000000000000000000…")):
            with pytest.raises(BadInput) as e:
                unit_scores.score_units(conn, year=year, as_of=AS_OF)
            assert str(e.value) == f"年度“{shown}”不在2000–2100之间，请写四位年份，例如 2026"


def _result(unit: str) -> dict:
    ind = {"id": "speed", "name": "办理时效", "weight": 100, "parent": None, "level": 1, "value": 80.0,
           "n": 2, "points": 80.0, "inputs": {"entered": 80.0}, "source": "entered"}
    return {"year": 2026, "model": "unit", "model_version": 1, "min_items": 3, "units": [
        {"unit": unit, "lead_items": 3, "support_items": 0, "score": 80.0, "grade": "良好", "rank": 1,
         "ranked": True, "indicators": [ind]}]}


def test_score_xlsx_shares_the_export_helpers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from docket.core.score_files import write_scores_xlsx

    path = write_scores_xlsx(_result("=HYPERLINK(\"http://x\")局"), tmp_path / "考评.xlsx", on=date(2026, 3, 20))
    wb = load_workbook(path)
    ws = wb["考评结果"]
    cell = ws["B2"]
    # inert text the way core/export writes it: the text itself, marked with quotePrefix (no literal ')
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=HYPERLINK(\"http://x\")局", "s", True)
    assert [c.value for c in ws[1]] == ["名次", "承办单位", "主办", "协办", "办理时效100", "总分", "等次"]
    assert [c.value for c in ws[2]][2:] == [3, 0, 80.0, 80.0, "良好"]
    assert (ws.freeze_panes, ws["A1"].font.bold, ws.column_dimensions["B"].width) == ("A2", True, 26)
    assert ws["E2"].number_format == "0.00"
    assert [c.value for c in wb["指标明细"][2]] == ["=HYPERLINK(\"http://x\")局", "办理时效", 100, 80.0, 2, 80.0, "录入"]


def test_score_circular_is_numbered_saved_and_recorded_in_core(office_db: Path, tmp_path: Path) -> None:
    from docket.core.score_files import score_batch, score_out
    from docket.docgen import issue

    build_dataset()
    with opened(office_db) as conn:
        result = unit_scores.score_units(conn, year=2026, as_of=AS_OF)
        first = issue.issue(conn, lambda: score_batch(conn, result, today=AS_OF), tmp_path, actor="t",
                            today=AS_OF, names=["通报.docx"])
        second = issue.issue(conn, lambda: score_batch(conn, result, today=AS_OF), tmp_path, actor="t",
                             today=AS_OF, names=["二.docx"])
        done = SimpleNamespace(path=first.paths[0], doc_no=first.doc_no)
        again = SimpleNamespace(path=second.paths[0], doc_no=second.doc_no)
        with pytest.raises(BadInput) as e:
            score_out(tmp_path / "x.pdf")
        rows = conn.execute("SELECT kind, doc_no, path, detail FROM documents ORDER BY id").fetchall()
    assert (done.path, done.doc_no, again.doc_no) == (tmp_path / "通报.docx", "青禾人大办〔2026〕1号", "青禾人大办〔2026〕2号")
    assert done.path.is_file() and again.path.is_file()
    assert [tuple(r) for r in rows] == [
        ("score_circular", "青禾人大办〔2026〕1号", str(tmp_path / "通报.docx"), '{"model": "unit", "model_version": 1}'),
        ("score_circular", "青禾人大办〔2026〕2号", str(tmp_path / "二.docx"), '{"model": "unit", "model_version": 1}')]
    assert str(e.value) == f"输出文件“{tmp_path / 'x.pdf'}”应以 .xlsx 或 .docx 结尾"


def test_a_unit_without_any_data_is_not_said_to_be_rescaled() -> None:
    model = parse_model({"name": "m", "kind": "unit", "indicators": [
        {"id": "t", "name": "办理时效", "weight": 40, "source": "computed", "metric": "timeliness"},
        {"id": "s", "name": "代表满意度", "weight": 60, "source": "computed", "metric": "satisfaction"}]})
    none = evaluate(model, {})
    some = evaluate(model, {"t": LeafValue(Fraction(50), 2, {"on_time": 1, "decided": 2})})
    assert [r["how"] for r in unit_scores.breakdown(list(none.indicators))] == ["（无数据，未计分）"] * 2
    assert [r["how"] for r in unit_scores.breakdown(list(some.indicators))] == [
        "按期1件/应计2件（按有数据的指标折算）", "（无数据，未计入，其余指标按权重折算）"]
