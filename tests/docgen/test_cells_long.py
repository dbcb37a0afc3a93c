"""A very long unit name breaks in time linear in its length (issue 12, item 6): the old search
tried all 2^(n-1) ways to cut a name, so a 51-character unit took 138 s for one notice and a
300-character one never finished."""
from __future__ import annotations

import threading

from docket.docgen import cells


def _within(seconds: float, fn):
    box = []
    t = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "still cutting the name after %s s" % seconds
    return box[0]


def test_a_300_character_unit_breaks_into_lines_that_fit() -> None:
    name = ("县" + "交通运输人力资源社会保障" * 30)[:299] + "局"
    lines = _within(30, lambda: cells.unit_cell(name, 25.0, 12))
    assert "".join(lines) == name
    room = cells._room(25.0, 12)
    assert all(cells.cell_width(line) <= room for line in lines)
    listed = _within(30, lambda: cells.list_cell([name, "县财政局"], 25.0, 12))
    assert "".join(listed) == name + "、县财政局"


def test_ordinary_names_keep_their_balanced_breaks() -> None:
    assert cells.unit_cell("县交通运输局", 16, 12) == ("县交通", "运输局")
    assert cells.unit_cell("梅山镇人民政府", 20, 12) == ("梅山镇", "人民政府")
    assert cells.unit_cell("县人力资源和社会保障局", 16, 12) == ("县人力", "资源", "和社会", "保障局")
