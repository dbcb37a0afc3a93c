"""The headers a secretariat's spreadsheet may use for each field (domain.md §4): items, units and
assignment plans, with the labels messages use for a field."""
from __future__ import annotations

_ITEM_HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("建议编号", "提案编号", "议案编号", "建议号", "提案号", "议案号", "案号", "编号"),
    "title": ("标题", "案由", "题目", "建议标题", "提案标题", "议案标题", "建议名称", "提案名称"),
    "proposer": ("领衔代表", "提案人", "第一提案人", "代表姓名", "委员", "委员姓名", "提出人",
                 "建议人", "领衔人", "代表"),
    "co_proposers": ("附议代表", "联名人", "附议人", "联名代表", "联名委员", "附议", "联名提案人",
                     "其他提案人"),
    "category": ("类别", "分类", "建议类别", "提案类别", "所属类别"),
    "content": ("内容", "正文", "建议内容", "提案内容", "主要内容", "案据"),
    "lead": ("主办单位", "牵头单位", "主办", "主办部门", "牵头部门", "承办单位", "承办部门"),
    "support": ("协办单位", "会办单位", "配合单位", "协办", "会办", "协办部门", "配合部门"),
    "received_on": ("提出日期", "提交日期", "收到日期", "提出时间", "提交时间", "登记日期"),
    "assigned_on": ("交办日期", "交办时间"),
    "due_on": ("办理期限", "答复期限", "截止日期"),
    "delegation": ("代表团", "界别", "组别", "代表小组"),
    "phone": ("联系方式", "联系电话", "电话", "手机"),
    "address": ("通讯地址", "联系地址", "地址"),
    "key": ("是否重点", "重点"),
    "fast": ("小微急", "是否小微急"),
}
_UNIT_HEADERS = {
    "name": ("单位名称", "单位", "单位全称"),
    "short": ("简称", "单位简称"),
    "contact": ("联系人",),
    "phone": ("联系电话", "电话", "手机"),
}
_PLAN_HEADERS = {k: _ITEM_HEADERS[k] for k in ("number", "lead", "support")}
MULTI_VALUE = frozenset({"co_proposers", "support", "lead"})
FALLBACK_HEADERS = {"序号": "number"}
# for messages when a column is missing or headed in English: the first synonym of each field
FIELD_LABELS = {name: words[0] for name, words in {**_ITEM_HEADERS, **_UNIT_HEADERS}.items()}
FIELD_LABELS.update(number="编号", proposer="领衔代表", phone="联系电话")


def _synonyms(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out = {name: name for name in table}  # the English names work too: title, proposer...
    for name, words in table.items():
        out.update({w: name for w in words})
    return out


ITEM_SYNONYMS = _synonyms(_ITEM_HEADERS)
UNIT_SYNONYMS = _synonyms(_UNIT_HEADERS)
PLAN_SYNONYMS = _synonyms(_PLAN_HEADERS)
