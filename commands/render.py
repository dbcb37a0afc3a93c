"""Plain-text renderings of one item and of events (what `show` and `history` print)."""
from __future__ import annotations

from docket.commands import messages as cm
from docket.core.event_labels import describe_event, event_label
from docket.core.event_labels import value_text as _v
from docket.core.records import (
    LEVEL_LABELS,
    ROLE_LABELS,
    Level,
    Role,
    doc_kind_label,
    proposer_label,
)


def event_line(e: dict) -> str:
    return f"{e['at'][:16].replace('T', ' ')}  {e['by']}  {event_label(e['action'])}  {describe_event(e)}"


def show_text(d: dict) -> str:
    kind = cm.KIND_LABELS.get(d["kind"], d["kind"])
    lines = [f"第{d['number']}号{kind}  {d['title']}",
             f"状态：{d['state_label']}" + (f"（第{d['round']}轮）" if d["round"] > 1 else "")
             + ("  重点" if d["key"] else "") + ("  小微急" if d["fast"] else ""),
             f"{proposer_label(d['kind'])}：{d['proposer']}    附议：{_v(d['co_proposers'])}",
             f"类别：{_v(d['category'])}    提出日期：{d['received_on']}"]
    if d.get("merged_into"):
        lines.append(f"已并入第{d['merged_into']}号")
    if d.get("merged_items"):
        lines.append(f"并入本件：{'、'.join(f'第{n}号' for n in d['merged_items'])}")
    if d.get("content"):
        lines += ["", d["content"]]
    if d["assignments"]:
        lines += ["", "交办："]
        for a in d["assignments"]:
            status = ("已退回 " + a["returned_on"]) if a["returned"] else (
                f"已答复 {a['replied_on']}" if a["replied_on"] else (
                    f"{a['end_reason']} {a['ended_on']}" if a["ended_on"] else cm.COLOR_WORDS.get(a["color"] or "", "")))
            prov = "（暂定）" if a["provisional"] else ""
            lines.append(f"  {ROLE_LABELS[Role(a['role'])]} {a['unit']}  交办 {a['assigned_on']}  期限 {a['due_on']}{prov}"
                         f"  {status}" + (f"  （第{a['round']}轮）" if a["round"] > 1 else ""))
    if d["replies"]:
        lines += ["", "答复："]
        for r in d["replies"]:
            what = f"类别 {r['class']}" if r["role"] == "lead" else "协办意见"
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
