"""Control characters and terminal escape sequences (issue 11): refused when typed, removed from
spreadsheets, never printed, never written into a document."""
from __future__ import annotations

import re
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from docket.core.errors import BadInput
from docket.core.text import refuse_controls, strip_controls, unescape_ooxml
from tests.conftest import invoke, ok, rows

ESC, BEL = "\x1b", "\x07"
OSC_TITLE = f"{ESC}]0;pwned{BEL}"          # retitles the terminal window
RED, RESET = f"{ESC}[31m", f"{ESC}[0m"
CLEAR = f"{ESC}[2J{ESC}[H"                  # clears the screen
# bytes a terminal acts on: C0 but tab and newline, DEL, and C1 as UTF-8 (C2 80 - C2 9F)
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def control_bytes(text: str) -> list[bytes]:
    return CONTROL_BYTES.findall(text.encode("utf-8"))


@pytest.mark.parametrize(("raw", "clean"), [
    (f"{OSC_TITLE}县教育局", "县教育局"),
    (f"关于{RED}红色{RESET}标题", "关于红色标题"),
    (f"a{ESC}[1;31;48;5;196mb", "ab"),                               # CSI with many parameters
    (f"x{ESC}]8;;http://e.x{ESC}\\link{ESC}]8;;{ESC}\\y", "xlinky"),  # OSC 8 link, ST-terminated
    ("\x9b31m红\x9d0;t\x9c色", "红色"),                                 # 8-bit CSI and OSC
    (f"{ESC}c重置", "重置"), (f"a{ESC}(Bb", "ab"), (f"{ESC}P1$r{ESC}\\设备", "设备"),  # ESC c, nF, DCS
    (f"末尾{ESC}[31", "末尾"),                                        # cut short: no remnant either
    (f"张{BEL}三\x00\x08\x7f", "张三"),
    ("行一\n行二\t完\u200b", "行一\n行二\t完"),                          # tab, newline kept; ZWSP out
    ("普通文字 [31m 不动", "普通文字 [31m 不动"),                          # no ESC: text, kept as typed
])
def test_strip_controls_removes_whole_sequences(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_strip_controls_one_line_form() -> None:
    assert strip_controls(f"行一\n行二\t{RED}完", multiline=False) == "行一 行二 完"


def test_unescape_ooxml() -> None:
    assert unescape_ooxml("_x001B_[31m红_x0007_") == f"{ESC}[31m红{BEL}"
    assert unescape_ooxml("_x005F_x0041_") == "_x0041_"  # an escaped underscore stays literal
    assert unescape_ooxml("普通") == "普通"


def test_refuse_controls_names_the_field() -> None:
    refuse_controls({"标题": "关于加强水源保护的建议\n（第二稿）\t", "内容": None})
    with pytest.raises(BadInput) as e:
        refuse_controls({"标题": "好标题", "领衔人": f"张{BEL}三"})
    assert e.value.message == "领衔人：含有控制字符 U+0007（如终端转义序列），请删去后重试"


# -- typed values are refused, nothing written ----------------------------------------------------

def refused(args: list[str], field: str, code: str, db: Path, table: str) -> None:
    before = rows(db, table)
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"错误：{field}：含有控制字符 {code}（如终端转义序列），请删去后重试\n"
    assert rows(db, table) == before


def test_unit_add_with_an_escape_is_refused(office_db: Path) -> None:
    refused(["unit", "add", f"{OSC_TITLE}县教育局"], "单位名称", "U+001B", office_db, "units")
    refused(["unit", "add", "县教育局", "--contact", f"王{BEL}明"], "联系人", "U+0007", office_db, "units")
    out = ok("unit", "list")
    assert control_bytes(out) == [] and "县教育局" not in out


@pytest.mark.parametrize(("args", "field"), [
    (["--title", f"关于{RED}红色{RESET}的建议", "--proposer", "张三"], "标题"),
    (["--title", "关于公交的建议", "--proposer", f"张{BEL}三"], "领衔人"),
    (["--title", "关于公交的建议", "--proposer", "张三", "--co", f"{CLEAR}李四"], "附议人"),
    (["--title", "关于公交的建议", "--proposer", "张三", "--category", f"{RED}交通"], "类别"),
    (["--title", "关于公交的建议", "--proposer", "张三", "--content", f"第一段\n{CLEAR}第二段"], "内容"),
])
def test_add_with_an_escape_is_refused(office_db: Path, args: list[str], field: str) -> None:
    refused(["add", *args], field, "U+0007" if BEL in "".join(args) else "U+001B", office_db, "items")


def test_edits_and_settings_with_an_escape_are_refused(office_db: Path) -> None:
    ok("add", "--title", "关于加强水源保护的建议", "--proposer", "张三")
    ok("add", "--title", "关于增设公交线路的建议", "--proposer", "李四")
    ok("assign", "1", "--lead", "水利局")
    bad = f"{OSC_TITLE}理由"
    refused(["review", "2", "--withdraw", "--reason", bad], "理由", "U+001B", office_db, "items")
    refused(["extend", "1", "--unit", "水利局", "--by", "1 months", "--reason", bad], "理由", "U+001B",
            office_db, "assignments")
    refused(["return", "1", "--unit", "水利局", "--reason", bad], "理由", "U+001B", office_db, "assignments")
    refused(["reply", "1", "--unit", "水利局", "--class", "A", "--summary", bad], "答复摘要", "U+001B",
            office_db, "replies")
    refused(["reply", "1", "--unit", "水利局", "--class", "A", "--doc-no", f"水{BEL}〔2026〕1号"], "文号",
            "U+0007", office_db, "replies")
    refused(["close", "1", "--reason", bad], "理由", "U+001B", office_db, "items")
    refused(["config", "set", "org.name", f"青禾{CLEAR}人大"], "设置 org.name 的值", "U+001B", office_db,
            "settings")
    ok("reply", "1", "--unit", "水利局", "--class", "A", "--on", "2026-03-20")
    refused(["evaluate", "1", "--result", "满意", "--note", bad], "评价意见", "U+001B", office_db,
            "evaluations")


# -- spreadsheets are cleaned, and the clerk is told ----------------------------------------------

def hostile_xlsx(path: Path) -> Path:
    """What a crafted workbook holds: ESC and BEL as Excel's _xHHHH_ escapes (XML 1.0 has no
    ESC), CSI and OSC also in their raw 8-bit forms (legal XML characters)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["编号", "标题", "领衔代表", "主办单位"])
    ws.append([1, "关于_x001B_[31m红色_x001B_[0m的建议", "张_x0007_三", "_x001B_]0;pwned_x0007_县水利局"])
    ws.append([2, "关于\x9b2J清屏\x9d0;x\x9c的建议", "_x001B_[2J_x001B_[H李四", "县农业农村局"])
    wb.save(path)
    return path


def hostile_csv(path: Path) -> Path:
    path.write_text("编号,标题,领衔代表,主办单位\n"
                    f"1,关于{RED}红色{RESET}的建议,张{BEL}三,{OSC_TITLE}县水利局\n"
                    f"2,关于{CLEAR}清屏的建议,\"{ESC}]0;a;b{BEL}李四\",县农业农村局\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [hostile_xlsx, hostile_csv])
def test_hostile_spreadsheet_imports_with_clean_text(office_db: Path, tmp_path: Path, make) -> None:
    path = make(tmp_path / ("hostile.xlsx" if make is hostile_xlsx else "hostile.csv"))
    result = invoke("import", str(path), "--assigned-on", "2026-03-20")
    assert result.exit_code == 0, result.stderr
    assert "注意：有 5 个单元格含控制字符或终端转义序列，已删去这些字符后导入\n" in result.stderr
    conn = sqlite3.connect(office_db)
    got = conn.execute("SELECT i.number, i.title, i.proposer, u.name FROM items i JOIN assignments a"
                       " ON a.item_id = i.id AND a.role = 'lead' JOIN units u ON u.id = a.unit_id"
                       " ORDER BY i.number").fetchall()
    conn.close()
    assert got == [(1, "关于红色的建议", "张三", "县水利局"), (2, "关于清屏的建议", "李四", "县农业农村局")]


def test_hostile_unit_list_is_cleaned(office_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(f"单位名称,简称,联系人\n{OSC_TITLE}县教育局,{RED}教育局,王{BEL}明\n", encoding="utf-8")
    ok("unit", "import", str(path))
    assert as_rows(ok("unit", "list"))[-1] == ["县教育局", "教育局", "王明", "—"]


def as_rows(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


# -- output and documents never carry them, even from an old database -----------------------------

@pytest.fixture
def dirty(office_db: Path) -> Path:
    """Text stored before the entry points were guarded: planted straight into the tables."""
    ok("add", "--title", "关于加强水源保护的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")
    conn = sqlite3.connect(office_db)
    conn.execute("UPDATE items SET title = ?, proposer = ?, content = ?",
                 (f"关于{RED}加强{RESET}水源保护的建议{OSC_TITLE}", f"张{BEL}三", f"正文{CLEAR}\n第二段"))
    conn.execute("UPDATE units SET name = ? WHERE short = '水利局'", (f"{OSC_TITLE}县水利局",))
    conn.commit()
    conn.close()
    return office_db


def test_plain_output_has_no_control_bytes(dirty: Path) -> None:
    for args in (["unit", "list"], ["list"], ["show", "1"], ["history", "1"]):
        out = ok(*args)
        assert control_bytes(out) == [], args
        assert "[31m" not in out and "pwned" not in out, args
    assert "关于加强水源保护的建议" in ok("list")
    assert "正文\n第二段" in ok("show", "1")


def test_json_escapes_every_control_character(dirty: Path) -> None:
    conn = sqlite3.connect(dirty)
    conn.execute("UPDATE items SET title = title || '\x9b1m'")
    conn.commit()
    conn.close()
    out = ok("list", "--json")
    assert control_bytes(out) == [] and "\\u001b[31m" in out and "\\u009b" in out


def test_terminal_table_prints_titles_as_text(dirty: Path, monkeypatch, capsys) -> None:
    """On a terminal (rich), '[/x]' in a title is text, not markup that fails; no stored escape."""
    from docket.commands.output import emit

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    emit([{"title": f"关于[/x]与[bold]公交[/bold]{OSC_TITLE}的建议"}], [("title", "标题")])
    out = capsys.readouterr().out
    assert "[/x]" in out and "[bold]" in out and "pwned" not in out and BEL not in out


def test_documents_carry_no_control_characters(dirty: Path, tmp_path: Path) -> None:
    out = tmp_path / "通知"
    result = invoke("notice", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    (path,) = out.iterdir()
    import docx

    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any("关于加强水源保护的建议" in t.replace("\n", "") for t in texts), "|".join(texts)
    assert any("县水利局" in t for t in texts)
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert control_bytes(xml) == [] and "[31m" not in xml and "[0m" not in xml and "pwned" not in xml


def test_init_with_an_escape_is_refused(tmp_path: Path) -> None:
    for args, field in ((["--session", f"{RED}县十八届人大五次会议"], "届次名称"),
                        (["--org", f"青禾县{OSC_TITLE}人大常委会办公室"], "设置 org.name 的值")):
        result = invoke("init", *args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"错误：{field}：含有控制字符 U+001B（如终端转义序列），请删去后重试\n"
        assert not (tmp_path / "docket.db").exists() or rows(tmp_path / "docket.db", "sessions") == []


def test_exports_carry_no_control_characters(dirty: Path, tmp_path: Path) -> None:
    for name in ("台账.xlsx", "台账.csv"):
        ok("export", str(tmp_path / name))
    with zipfile.ZipFile(tmp_path / "台账.xlsx") as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    text = (tmp_path / "台账.csv").read_text(encoding="utf-8-sig")
    for out in (xml, text):
        assert control_bytes(out.replace("\r\n", "\n")) == [] and "[31m" not in out and "pwned" not in out
    assert "关于加强水源保护的建议" in text and "正文\n第二段" in text
