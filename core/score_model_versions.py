"""Scoring models kept in the database: every version of each, the built-in defaults as version 1,
saving a new version, editing weights and fields; the bands and minimum of items a model uses,
falling back to the settings."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from fractions import Fraction

from docket.core.dates import now_iso
from docket.core.errors import BadInput, NotFound
from docket.core.score_figures import exact
from docket.core.score_model import (
    DEFAULTS,
    Model,
    model_to_dict,
    parse_model,
    walk_indicators,
)
from docket.store import scoring as store


def model_names(conn: sqlite3.Connection) -> list[str]:
    return list(dict.fromkeys([*DEFAULTS, *store.model_names(conn)]))


def load_model(conn: sqlite3.Connection, name: str = "unit", version: int | None = None) -> Model:
    """The current (or a given) version; the built-in defaults are version 1 until edited."""
    row = store.model_definition(conn, name, version)
    if row:
        return parse_model(json.loads(row[0]), version=row[1])
    if name in DEFAULTS and version in (None, 1):
        return parse_model(DEFAULTS[name])
    known = "、".join(model_names(conn))
    what = f"第{version}版" if version else ""
    raise NotFound(f"评分模型“{name}”{what}不存在；已有：{known}")


def save_model(conn: sqlite3.Connection, data: dict, *, actor: str, today: date, note: str = "") -> Model:
    """Validate and store a new version; the old versions stay for the results that used them."""
    from docket.store import events
    from docket.store.db import write

    model = parse_model(data)
    with write(conn):
        current = None
        try:
            current = load_model(conn, model.name)
        except NotFound:
            pass
        if current and current.kind != model.kind:
            raise BadInput(f"评分模型“{model.name}”的类型是 {current.kind}，不能改为 {model.kind}")
        mid = store.model_id(conn, model.name)
        if mid is None:
            mid = store.insert_model(conn, name=model.name, kind=model.kind, created_at=now_iso(today))
            if model.name in DEFAULTS:  # keep the built-in as version 1 for results made with it
                store.insert_model_version(conn, model_id=mid, version=1,
                                           definition=json.dumps(DEFAULTS[model.name], ensure_ascii=False),
                                           note="内置默认模型", created_at=now_iso(today), by="docket")
        version = store.last_model_version(conn, mid) + 1
        definition = {k: v for k, v in model_to_dict(model).items() if k != "version"}
        store.insert_model_version(conn, model_id=mid, version=version,
                                   definition=json.dumps(definition, ensure_ascii=False), note=note,
                                   created_at=now_iso(today), by=actor)
        events.append(conn, by=actor, action="score.model", entity="score_model", entity_id=mid,
                      detail={"name": model.name, "version": version, "note": note,
                              "before": model_to_dict(current) if current else None, "after": definition},
                      today=today)
    return replace(model, version=version)


def set_fields(conn: sqlite3.Connection, name: str, changes: dict[str, str], *, actor: str,
               today: date) -> Model:
    """Change weights (by indicator id or name) and title/min_items/bands/outcome_min at once."""
    model = load_model(conn, name)
    data = model_to_dict(model)
    errors: list[str] = []

    def apply(nodes: list[dict], key: str, value: str) -> bool:
        for n in nodes:
            if key in (n["id"], n["name"]):
                n["weight"] = value
                return True
            if apply(n.get("children", []), key, value):
                return True
        return False

    for key, value in changes.items():
        if key in ("title",):
            data["title"] = value
        elif key == "min_items":
            try:
                data["min_items"] = int(value)
            except ValueError:
                errors.append(f"min_items：“{value}”应为整数")
        elif key in ("bands", "outcome_min"):
            data[key] = value
        elif not apply(data["indicators"], key, value):
            ids = "、".join(f"{n.id}（{n.name}）" for n in walk_indicators(model.indicators))
            errors.append(f"指标“{key}”不在模型“{name}”中；可用：{ids}")
    if errors:
        raise BadInput(f"评分模型“{name}”未修改：", errors)
    return save_model(conn, data, actor=actor, today=today,
                      note="；".join(f"{k}={v}" for k, v in changes.items()))




def bands_for(conn: sqlite3.Connection, model: Model) -> tuple[tuple[str, Fraction], ...]:
    from docket.core import settings

    if model.bands:
        return model.bands
    raw = settings.get(conn, "score.bands")
    return tuple((k, exact(v)) for k, v in sorted(raw.items(), key=lambda kv: -kv[1]))


def min_items_for(conn: sqlite3.Connection, model: Model) -> int:
    from docket.core import settings

    return model.min_items if model.min_items is not None else settings.get(conn, "score.min_items")
