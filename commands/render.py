"""Plain-text renderings of one item and of events (what `show` and `history` print)."""
from __future__ import annotations

from docket.commands import messages as cm
from docket.core.event_labels import FIELD_LABELS, describe_event, event_label
from docket.core.event_labels import value_text as _v
from docket.core.records import (
    COLOR_LABELS,
    LEVEL_LABELS,
    ROLE_LABELS,
    Level,
    Role,
    doc_kind_label,
    field_label,
    proposer_label,
)


def event_line(e: dict) -> str:
    return f"{e['at'][:16].replace('T', ' ')}  {e['by']}  {event_label(e['action'])}  {describe_event(e)}"


def show_text(d: dict) -> str:
    kind = cm.KIND_LABELS.get(d["kind"], d["kind"])
    lines = [f"第{d['number']}号{kind}  {d['title']}",
             f"状态：{d['state_label']}" + (f"（第{d['round']}轮）" if d["round"] > 1 else "")
             + ("  重点" if d["key"] else "") + ("  小微急" if d["fast"] else "")]
    # each field under the kind's word for it, left out where the kind has no use for it (附议)
    lines += ["    ".join(f"{label}：{value}" for label, value in pair if label)
              for pair in (((proposer_label(d["kind"]), _v(d["proposer"])),
                            (field_label("co_proposers", d["kind"]), _v(d["co_proposers"]))),
                           ((field_label("category", d["kind"]), _v(d["category"])),
                            (field_label("received_on", d["kind"]), d["received_on"])))]
    if d.get("merged_into"):
        lines.append(f"已并入第{d['merged_into']}号")
    if d.get("merged_items"):
        lines.append(f"并入本件：{'、'.join(f'第{n}号' for n in d['merged_items'])}")
    if d.get("content"):
        lines += ["", d["content"]]
    if d.get("rectification"):
        lines += _rectification_lines(d["rectification"], d["color"])
    if d.get("project"):
        lines += _project_lines(d["project"], d["color"])
    if d["assignments"]:
        lines += ["", "交办："]
        for a in d["assignments"]:
            status = ("已退回 " + a["returned_on"]) if a["returned"] else (
                f"已答复 {a['replied_on']}" if a["replied_on"] else (
                    f"{a['end_reason']} {a['ended_on']}" if a["ended_on"] else _color_words(a)))
            prov = "（暂定）" if a["provisional"] else ""
            lines.append(f"  {ROLE_LABELS[Role(a['role'])]} {a['unit']}  交办 {a['assigned_on']}  期限 {a['due_on']}{prov}"
                         f"  {status}" + (f"  （第{a['round']}轮）" if a["round"] > 1 else ""))
    if d["replies"]:
        lines += ["", "答复："]
        for r in d["replies"]:
            # a rectification item's reply (100 % progress, the unit's report) has no class
            what = (f"类别 {r['class']}" if r["class"] else "答复") if r["role"] == "lead" else "协办意见"
            lines.append(f"  {r['on']}  {r['unit']}  {what}" + (f"  {r['doc_no']}" if r["doc_no"] else "")
                         + ("  （主件答复副本）" if r["copied"] else "")
                         + {"pending": "  （待审核）", "returned": "  （已退回）"}.get(r.get("review"), ""))
    if d["evaluations"]:
        lines += ["", "评价："]
        for e in d["evaluations"]:
            att = f"  态度 {LEVEL_LABELS[Level(e['attitude'])]}" if e["attitude"] else ""
            lines.append(f"  第{e['round']}轮 {e['on']}  结果 {LEVEL_LABELS[Level(e['result'])]}{att}  评价人 {e['rater']}")
    if d["reminders"]:
        lines += ["", "催办："]
        for r in d["reminders"]:
            lines.append(f"  {r['sent_on']}  {r['unit']}  {cm.LEVEL_WORDS[r['level']]} 第{r['n']}次")
    if d["documents"]:
        lines += ["", "文书："]
        lines += [f"  {x['issued_on']}  {doc_kind_label(x['kind'])}  {x['doc_no'] or ''}".rstrip()
                  for x in d["documents"]]
    lines += ["", "历史："] + [f"  {event_line(e)}" for e in d["events"]]
    return "\n".join(lines)


def _color_words(a: dict) -> str:
    """An open assignment's colour in words: 正常, 即将到期, 已逾期 by its due date, or 黄/红
    （进度滞后） when a tracked item's plan made it worse than its due date does."""
    if a.get("behind_plan"):
        return cm.SHOW_BEHIND_PLAN.format(color=COLOR_LABELS.get(a["color"], ""))
    return cm.COLOR_WORDS.get(a["color"] or "", "")


def _pct(x) -> str:
    return "—" if x is None else f"{_v(x)}%"


def _standing(p: dict, color: str | None) -> list[str]:
    """进度 20%  计划 60.2%  滞后 40.2 个百分点  红 (the list's colour), when the item has a plan."""
    if p["planned"] is None:
        return []
    line = cm.SHOW_STANDING.format(progress=_pct(p["progress"]), planned=_pct(p["planned"]), lag=_v(p["lag"]))
    return [f"  {line}" + (f"  {COLOR_LABELS[color]}" if color else "")]


def _log_lines(log: list[dict]) -> list[str]:
    if not log:
        return []
    return ["", cm.SHOW_PROGRESS_LOG] + [
        cm.SHOW_PROGRESS_LINE.format(on=p["on"], percent=_pct(p["percent"]), planned=_pct(p["planned"]))
        + (f"  {p['note']}" if p["note"] else "") for p in log]


def _rectification_lines(r: dict, color: str | None) -> list[str]:
    """整改方案: target, measures, unit, person, the span, where it stands, checks, 问责; the log."""
    lines = ["", cm.SHOW_PLAN]  # 整改目标, 整改措施, 责任人: the events' words; 责任单位: the kind's
    lines += [f"  {label}：{_v(r[key])}" for key, label in (
        ("target", FIELD_LABELS["target"]), ("measures", FIELD_LABELS["measures"]),
        ("unit", field_label("lead_unit", "rectification")), ("person", FIELD_LABELS["person"]))]
    if r["due_on"]:
        lines.append("  " + cm.SHOW_SPAN.format(due=r["due_on"], start=r["assigned_on"]))
    lines += _standing(r, color)
    if r.get("late_report_on"):
        lines.append("  " + cm.SHOW_LATE.format(on=r["late_report_on"]))
    words = cm.SHOW_CHECK_WORDS
    for what in ("recheck", "lookback"):
        on = r["rechecked_on" if what == "recheck" else "lookback_on"]
        if on:
            note = r.get(f"{what}_note")
            lines.append("  " + cm.SHOW_CHECK.format(what=words[what], on=on, result=words[r[f"{what}_result"]])
                         + (f"  {note}" if note else ""))
    if r["accountability"]:
        lines.append("  " + cm.SHOW_ACCOUNTABILITY.format(**r["accountability"]))
    return lines + _log_lines(r["progress_log"])


def _project_lines(p: dict, color: str | None) -> list[str]:
    """项目: budget, ballot, the span, where it stands; milestones, the log, satisfaction tests."""
    from docket.core.numbers import percent
    from docket.core.projects import RESULT_LABELS, STAGES, exact_rate

    lines = ["", cm.SHOW_PROJECT]
    if p["budget"] is not None:
        lines.append("  " + cm.SHOW_BUDGET.format(budget=f"{p['budget']:g}"))
    if p["yes"] is not None:
        lines.append("  " + cm.SHOW_BALLOT.format(yes=p["yes"], no=p["no"], abstain=p["abstain"], rank=_v(p["rank"]),
                                                  result=RESULT_LABELS.get(p["result"], "")).rstrip())
    if p["due_on"]:
        lines.append("  " + cm.SHOW_PROJECT_SPAN.format(due=p["due_on"], start=p["assigned_on"]))
    lines += _standing(p, color)
    if p["milestones"]:
        lines += ["", cm.SHOW_MILESTONES] + [
            cm.SHOW_MILESTONE_LINE.format(on=m["on"], text=m["text"])
            + (f"  {m['percent']}%" if m["percent"] is not None else "") for m in p["milestones"]]
    lines += _log_lines(p["progress_log"])
    if p["tests"]:
        lines += ["", cm.SHOW_TESTS] + [
            cm.SHOW_TEST_LINE.format(stage=word, on=t["tested_on"], rate=percent(exact_rate(t)), level=_v(t["level"]),
                                     **{k: t[k] for k in ("satisfied", "basic", "dissatisfied", "abstain",
                                                          "present", "members")})
            for stage, word in STAGES.items() if (t := p["tests"].get(stage))]
    return lines if len(lines) > 2 else []  # a candidate with no budget, before the ballot
