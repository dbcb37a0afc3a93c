"""Settings: defaults, validation and typed reads. A bad value is refused, never stored."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from docket.core import messages as msg
from docket.core.errors import BadInput, NotFound
from docket.store import settings as saved


def _duration(zero_ok: bool = False) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        from docket.core.durations import parse_duration
        return parse_duration(text, field="取值", allow_zero=zero_ok)
    return parse


def _duration_or_off(text: str) -> Any:
    """A duration, or off (无/none/0) for no such step: rectify.lookback (domain.md §12)."""
    if text.strip().lower() in ("off", "none", "0", "无", "否", "false"):
        return None
    return _duration()(text)


def _bool(text: str) -> bool:
    t = text.strip().lower()
    if t in ("true", "yes", "1", "是", "on"):
        return True
    if t in ("false", "no", "0", "否", "off"):
        return False
    raise BadInput(f"取值：“{text}”应为 true 或 false")


def _int_range(lo: int, hi: int | None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            v = int(text.strip())
        except ValueError:
            raise BadInput(f"取值：“{text}”应为整数") from None
        if v < lo or (hi is not None and v > hi):
            raise BadInput(f"取值：{v} 超出范围（{lo}–{hi if hi is not None else '∞'}）")
        return v
    return parse


def _choice(*options: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        t = text.strip()
        if t not in options:
            raise BadInput(f"取值：“{text}”应为 {'、'.join(options)} 之一")
        return t
    return parse


def _text(text: str) -> str:
    t = text.strip()
    if not t:
        raise BadInput("取值：不能为空")
    return t


def _codes(text: str) -> list[str]:
    codes = [c.strip() for c in text.replace("，", ",").split(",")]
    if not codes or any(not c for c in codes):
        raise BadInput("取值：类别代码用逗号分隔，不能有空代码，例如 A,B,C,D")
    if len(set(codes)) != len(codes):
        raise BadInput("取值：类别代码不能重复")
    return codes


def _pairs(value_parse: Callable[[str], Any] | None = None) -> Callable[[str], dict[str, Any]]:
    def parse(text: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for part in text.replace("；", ";").split(";"):
            if not part.strip():
                continue
            if "=" not in part:
                raise BadInput(f"取值：“{part}”应写作 键=值，多项用分号分隔")
            k, v = (s.strip() for s in part.split("=", 1))
            out[k] = value_parse(v) if value_parse else v
        if not out:
            raise BadInput("取值：不能为空")
        return out
    return parse


def _points(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise BadInput(f"取值：“{text}”应为 0–100 的数") from None
    if not 0 <= v <= 100:
        raise BadInput(f"取值：{text} 超出 0–100")
    return v


def _fraction(text: str):
    """A share strictly between 0 and 1: 1/2, 2/3, 0.5 (project.threshold)."""
    from fractions import Fraction

    t = text.strip().replace("／", "/")
    try:
        v = Fraction(t)
    except (ValueError, ZeroDivisionError):
        raise BadInput(msg.SETTING_NOT_SHARE.format(text=text)) from None
    if not 0 < v < 1:
        raise BadInput(msg.SETTING_SHARE_RANGE.format(text=text))
    return v


def _list(text: str) -> list[str]:
    return [s.strip() for s in text.replace("，", ",").replace("、", ",").split(",") if s.strip()]


def _hex(text: str) -> str:
    t = text.strip().lstrip("#").upper()
    if len(t) != 6 or any(c not in "0123456789ABCDEF" for c in t):
        raise BadInput(f"取值：“{text}”应为六位十六进制颜色，例如 FF0000")
    return t


def _three(text: str) -> list[str]:
    names = _list(text)
    if len(names) != 3:
        raise BadInput(f"取值：“{text}”应为三个名称（白、黄、红），用逗号分隔")
    return names


@dataclass(frozen=True, slots=True)
class Spec:
    key: str
    default: str
    parse: Callable[[str], Any]
    help: str


NPC_CATEGORIES = "财政经济,农业农村,城建环资,教科文卫,社会建设,内务司法,其他"
CPPCC_CATEGORIES = "经济建设,政治建设,文化建设,社会建设,生态文明建设"

SPECS: dict[str, Spec] = {s.key: s for s in [
    Spec("deadline.reply", "3 months", _duration(), "主办单位答复期限（自交办日起）"),
    Spec("deadline.fast", "20 workdays", _duration(), "小微急件答复期限"),
    Spec("deadline.support", "1 months", _duration(), "协办意见期限"),
    Spec("deadline.fast_support", "10 workdays", _duration(), "小微急件协办意见期限"),
    Spec("deadline.objection", "5 workdays", _duration(), "交办异议（退回）期"),
    Spec("deadline.rehandle", "1 months", _duration(), "不满意后重新办理期限"),
    Spec("deadline.max", "6 months", _duration(), "每轮延期后的最长期限"),
    Spec("deadline.evaluation", "15 workdays", _duration(), "征询意见表回收期限"),
    Spec("deadline.roll_forward", "true", _bool, "期限落在休息日时顺延"),
    Spec("colors.yellow", "10 workdays", _duration(zero_ok=True), "到期前多少工作日变黄"),
    Spec("remind.repeat", "5 workdays", _duration(), "红色督办的重复间隔"),
    Spec("remind.workdays_only", "true", _bool, "仅在工作日催办"),
    Spec("evaluation.rounds", "2", _int_range(1, 5), "每件可答复的轮数（含重新办理）"),
    Spec("evaluation.attitude", "optional", _choice("optional", "required", "off"), "办理态度评价"),
    Spec("evaluation.raters", "lead", _choice("lead", "all"), "评价人：仅领衔人或全体"),
    Spec("evaluation.rehandle_on", "dissatisfied", _choice("dissatisfied", "basic"), "何种评价触发重新办理"),
    Spec("stats.basic_is_satisfied", "true", _bool, "基本满意计入满意率"),
    Spec("stats.count_merged", "true", _bool, "并案件计入统计"),
    Spec("stats.completion", "closed", _choice("closed", "replied"), "办结率口径"),
    Spec("stats.unevaluated", "exclude", _choice("exclude", "satisfied"), "未评价件的统计口径"),
    Spec("reply.classes", "A,B,C,D", _codes, "答复类别代码"),
    Spec("reply.labels", "A=所提问题已经解决或者基本解决;B=正在解决或者列入规划逐步解决;"
         "C=因目前条件限制或者其他原因需待以后解决;D=留作参考", _pairs(), "类别名称"),
    Spec("reply.buckets", "A=solved;B=planned;C=reference;D=reference",
         _pairs(_choice("solved", "planned", "reference")), "类别归口"),
    Spec("reply.require_support", "false", _bool, "会签：主办答复须等协办意见"),
    Spec("reply.review", "true", _bool, "单位报来的答复须经审核才计入（issue 18）"),
    Spec("reply.public", "public", _choice("public", "private", "secret"), "答复公开的默认口径"),
    Spec("intake.categories", NPC_CATEGORIES, _list, "常用类别"),
    Spec("progress.yellow", "10", _int_range(0, 100), "整改进度滞后黄色阈值"),
    Spec("progress.red", "30", _int_range(0, 100), "整改进度滞后红色阈值"),
    Spec("rectify.deadline", "3 months", _duration(), "整改时限（自制定整改方案之日起）"),
    Spec("rectify.lookback", "6 months", _duration_or_off, "复查通过后多久回头看（off：不回头看，复查通过即销号）"),
    Spec("rectify.update_every", "7 days", _duration(), "整改进度报送周期（周调度）"),
    Spec("score.bands", "优秀=90;良好=80;一般=60;较差=0", _pairs(_points), "等次分数线"),
    Spec("score.min_items", "3", _int_range(0, None), "参与排名的最少主办件数"),
    Spec("score.outcome_points", "solved=100;planned=80;reference=40", _pairs(_points), "办理成效分"),
    Spec("vote.points", "满意=100;基本满意=60;不满意=0", _pairs(_points), "测评等次分"),
    Spec("vote.base", "all", _choice("all", "present", "valid"), "测评等次的基数"),
    Spec("project.threshold", "1/2", _fraction, "民生实事票决：赞成票须超过基数的比例"),
    Spec("project.base", "all", _choice("all", "present", "valid"), "民生实事票决的基数（全体、出席、有效票）"),
    Spec("project.tie", "revote", _choice("revote", "order"), "末位同票：再次表决或按候选顺序"),
    Spec("project.update_every", "1 months", _duration(), "民生实事项目进度报送周期（每月一督查）"),
    Spec("privacy.mask_proposers", "true", _bool, "公开导出时隐去代表姓名"),
    Spec("org.name", "", _text, "机关名称（版头）"),
    Spec("org.short", "", _text, "机关简称"),
    Spec("doc.prefix", "", _text, "发文字号前缀"),
    Spec("doc.mark", "", _text, "发文机关标志（默认 机关名称+文件）"),
    Spec("doc.signature", "", _text, "落款"),
    Spec("doc.cc", "", _list, "抄送机关"),
    Spec("doc.printer", "", _text, "印发机关"),
    Spec("brief.name", "", _text, "简报名称"),
    Spec("brief.send_to", "", _text, "简报 报/送/发"),
    # documents.md §5: the rest of the letterhead, fonts and the 简报's distribution
    Spec("doc.letter_prefix", "", _text, "函的发文字号前缀（默认 发文字号前缀+函）"),
    Spec("doc.contact", "", _text, "附注联系人"),
    Spec("doc.phone", "", _text, "附注联系电话"),
    Spec("doc.cc.notice", "", _list, "交办通知抄送机关（默认 doc.cc）"),
    Spec("doc.cc.circular", "", _list, "办理情况通报抄送机关（默认 doc.cc）"),
    Spec("doc.cc.escalate", "", _list, "再次督办时加抄的机关"),
    Spec("doc.font.title", "方正小标宋简体", _text, "标题、版头字体"),
    Spec("doc.font.body", "仿宋_GB2312", _text, "正文字体"),
    Spec("doc.font.hei", "黑体", _text, "一级标题、表头字体"),
    Spec("doc.font.kai", "楷体_GB2312", _text, "二级标题字体"),
    Spec("doc.font.song", "宋体", _text, "页码字体"),
    Spec("doc.font.latin", "", _text, "西文字体（默认同中文字体）"),
    Spec("doc.font.body_ext", "仿宋", _text, "GB2312 以外汉字的字体"),
    Spec("doc.color.red", "FF0000", _hex, "版头红色（六位十六进制）"),
    Spec("colors.labels", "白色,黄色,红色", _three, "预警颜色名称（白,黄,红）"),
    Spec("brief.unit", "", _text, "简报编印单位（默认 机关名称）"),
    Spec("brief.report_to", "", _list, "简报 报：机关"),
    Spec("brief.issue_to", "", _list, "简报 发：机关"),
    Spec("brief.copies", "", _int_range(1, None), "简报印数"),
    # issue 12: a file beyond these is refused before it is parsed
    Spec("import.max_mb", "20", _int_range(1, 1024), "导入文件大小上限（MB）"),
    Spec("import.max_rows", "50000", _int_range(1, 1_000_000), "导入文件行数上限"),
]}


def import_limits(conn: sqlite3.Connection):
    """The import bounds (core.sheets.grid.Limits) as this office has set them."""
    from docket.core.sheets.grid import Limits

    return Limits(max_mb=get(conn, "import.max_mb"), max_rows=get(conn, "import.max_rows"))


def _spec(key: str) -> Spec:
    try:
        return SPECS[key]
    except KeyError:
        close = [k for k in SPECS if key.split(".")[-1] in k or k.split(".")[0] == key.split(".")[0]]
        hint = f"，可用的有：{'、'.join(close[:6])}" if close else "。用 docket config list 查看全部"
        raise NotFound(f"设置项“{key}”不存在{hint}") from None


def raw(conn: sqlite3.Connection, key: str) -> str:
    text = saved.value(conn, key)
    return text if text is not None else _spec(key).default


def get(conn: sqlite3.Connection, key: str) -> Any:
    spec = _spec(key)
    text = raw(conn, key)
    if text == "" and spec.default == "":
        return ""
    return spec.parse(text)


def all_values(conn: sqlite3.Connection) -> dict[str, str]:
    values = saved.all_stored(conn)
    return {k: values.get(k, s.default) for k, s in SPECS.items()}


def validate(key: str, text: str) -> str:
    """Parse the value; return the text to store (normalised) or raise BadInput."""
    from docket.core.text import refuse_controls

    spec = _spec(key)
    refuse_controls({f"设置 {key} 的值": text})
    try:
        value = spec.parse(text)
    except BadInput as e:
        raise BadInput(f"设置 {key} {e.message}", e.details) from None
    if value is None:  # a step switched off (rectify.lookback)
        return "off"
    if isinstance(value, list):
        return ",".join(value)
    if isinstance(value, dict):
        return ";".join(f"{k}={_fmt(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fmt(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def set_value(conn: sqlite3.Connection, key: str, text: str, *, actor: str,
              today: date | None = None) -> str:
    """Validate and store one setting with its event. Returns the stored text."""
    from docket.store import events
    from docket.store.db import write

    value = validate(key, text)
    if key == "reply.classes":
        _check_classes_in_use(conn, value.split(","))
    with write(conn):
        before = raw(conn, key)
        saved.put(conn, key, value)
        events.append(conn, by=actor, action="config.set", entity="setting",
                      detail={"key": key, "before": before, "after": value}, today=today)
    return value


def _check_classes_in_use(conn: sqlite3.Connection, codes: list[str]) -> None:
    from docket.store.assignments import reply_classes_in_use

    used = reply_classes_in_use(conn)
    missing = sorted(used - set(codes))
    if missing:
        raise BadInput(f"设置 reply.classes：类别 {'、'.join(missing)} 已有答复使用，不能删除")


def snapshot(conn: sqlite3.Connection) -> dict[str, str]:
    """All settings as text, one query; callers parse what they need."""
    return all_values(conn)
