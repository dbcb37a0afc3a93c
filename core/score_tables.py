"""Score results as table rows, shared by the CLI, the TUI and the documents: a unit score's
columns and breakdown, an appraisal's columns, and how each indicator's value was made."""
from __future__ import annotations

from docket.core.appraisal_tally import vote_rate
from docket.core.numbers import percent
from docket.core.score_figures import score_text


def describe(ind: dict) -> str:
    """How an indicator's value was made, in words a leader reads (no person is named)."""
    i, src = ind.get("inputs") or {}, ind.get("source")
    if "decided" in i and "support_decided" in i:
        return (f"按期{i['on_time']}件/应计{i['decided']}件（主办{i['lead_on_time']}/{i['lead_decided']}，"
                f"协办意见{i['support_on_time']}/{i['support_decided']}）")
    if "decided" in i:
        return f"按期{i['on_time']}件/应计{i['decided']}件"
    if "lead_items" in i:
        return f"已答复{i['replied']}件/主办{i['lead_items']}件"
    if "contacted" in i:
        return f"办理前联系{i['contacted']}件/已评价{i['evaluated']}件"
    if "classes" in i:
        return "、".join(f"{k}类{v}件" for k, v in i["classes"].items()) or "无答复"
    if "results" in i:
        return "、".join(f"{k}{v}件" for k, v in i["results"].items())
    if "satisfied" in i:
        return f"满意{i['satisfied']}件/已评价{i['evaluated']}件"
    if "replied" in i and "entered" in i:
        return f"已评分{i['entered']}件/已答复{i['replied']}件"
    if "groups" in i:
        return f"{i['groups']}个测评组，有效票{ind.get('n') or 0}张"
    if src == "entered":
        return "录入" if i.get("entered") is not None else "未录入"
    return ""


def table(result: dict) -> tuple[list[dict], list[tuple[str, str]]]:
    """Flat rows and columns for a terminal table: one column per top-level indicator."""
    tops = [i for i in (result["units"][0]["indicators"] if result["units"] else []) if i["level"] == 1]
    columns = [("rank", "名次"), ("unit", "承办单位"), ("lead_items", "主办"), ("support_items", "协办")]
    columns += [(f"i.{i['id']}", f"{i['name']}{i['weight']:g}") for i in tops]
    columns += [("score", "总分"), ("grade", "等次")]
    rows = []
    for u in result["units"]:
        row = {"rank": u["rank"] if u["ranked"] else "不排名", "unit": u["unit"], "lead_items": u["lead_items"],
               "support_items": u["support_items"], "score": _two(u["score"]), "grade": u["grade"]}
        row.update({f"i.{i['id']}": _two(i["value"]) for i in u["indicators"] if i["level"] == 1})
        rows.append(row)
    return rows, columns


def breakdown(indicators: list[dict]) -> list[dict]:
    """One unit's indicators as table rows: weight, value, n, points and how it was made."""
    # with no data anywhere there is nothing to rescale from: the unit is listed without a score
    gap = "（无数据，未计分）" if all(i["value"] is None for i in indicators) else "（无数据，未计入，其余指标按权重折算）"
    return [{"indicator": "　" * (i["level"] - 1) + i["name"], "id": i["id"], "weight": f"{i['weight']:g}",
             "value": _two(i["value"]), "n": i["n"], "points": _two(i["points"]),
             "how": describe(i) + (gap if i["value"] is None
                                   else "（按有数据的指标折算）" if i.get("rescaled") else "")}
            for i in indicators]


def result_rows(res: dict) -> tuple[list[dict], list[tuple[str, str]]]:
    """An appraisal result as flat rows and columns for a terminal table (counts and scores;
    nobody is named)."""
    deps = res["departments"]
    tops = [i for i in deps[0]["indicators"] if i["level"] == 1] if deps else []
    columns = [("rank", "名次"), ("department", "被评议部门")]
    columns += [(f"i.{i['id']}", f"{i['name']}{i['weight']:g}") for i in tops]
    columns += [("rate", "满意率"), ("level", "测评等次"), ("score", "综合得分"), ("grade", "等次")]
    rows = []
    for d in deps:
        row = {"rank": d["rank"], "department": d["department"], "score": _two(d["score"]),
               "grade": d["grade"], "level": d["vote"]["level"],
               "rate": None if d["vote"]["rate"] is None else percent(vote_rate(d))}
        row.update({f"i.{i['id']}": _two(i["value"]) for i in d["indicators"] if i["level"] == 1})
        rows.append(row)
    return rows, columns


def _two(x: float | None) -> str | None:
    """81.00, or None (an empty cell) when there is no value."""
    return None if x is None else score_text(x)
