"""Wording rules (documents.md §4) and the batch loop: atomic, all files or none."""
from __future__ import annotations

import dataclasses
import os
from fractions import Fraction

import docx
import pytest

from docket.core.errors import BadInput
from docket.docgen import batch, save, wording


@pytest.mark.parametrize("rate,text", [
    (Fraction(37, 40), "92.5%"), (Fraction(2, 3), "66.7%"), (Fraction(0), "0.0%"),
    (Fraction(1), "100%"), (Fraction(5, 7), "71.4%"), (None, "—"),
    (Fraction(9995, 10000), "99.9%"),  # not all: never printed as 100%
    (Fraction(1, 2000), "0.1%"),  # 0.05% rounds half up
])
def test_percent(rate, text):
    assert wording.percent(rate) == text


def test_doc_number():
    assert wording.doc_number("青禾人大办", 2026, 3) == "青禾人大办〔2026〕3号"


def test_clean_one_line_and_multiline():
    assert wording.clean("\u3000县水利局\x00\x07\ufffe\u200b\t（东）\n 分局 ") == "县水利局 （东）分局"
    assert wording.clean("关于G318\n改造") == "关于G318 改造"
    assert wording.clean_lines("第一段\n\n\u3000第二段\x0b\r\n") == ["第一段", "第二段"]


def test_user_text_punctuation():
    assert wording.user('关于"菜篮子"工程(二期)的建议,请研究') == "关于“菜篮子”工程（二期）的建议，请研究"
    assert wording.user("PM2.5 (fine), G318") == "PM2.5 (fine), G318"


def test_join_names_over_ten():
    names = [f"县第{i}局" for i in range(1, 13)]
    # a neutral list is cut at ten; praised, criticised or graded units are all named
    assert wording.join_some(names) == "、".join(names[:10]) + "等12个单位"
    assert wording.join_names(names) == "、".join(names)


def test_safe_and_unique_names():
    assert save.safe_name('交办通知-县/水利局:"东"-2026-03-05.docx') == \
        "交办通知-县_水利局__东_-2026-03-05.docx"
    assert save.unique_names(["a.docx", "a.docx", "a.docx"]) == ["a.docx", "a-2.docx", "a-3.docx"]
    assert len(save.safe_name("长" * 100 + ".docx")) == 65


def test_save_replaces_atomically(tmp_path):
    from docket.docgen import form

    target = tmp_path / "表.docx"
    target.write_bytes(b"old")
    doc = form.build(_form())
    save.save(doc, target)
    assert docx.Document(str(target)).tables
    assert sorted(os.listdir(tmp_path)) == ["表.docx"]


def _form():
    from datetime import date

    from docket.docgen.data import FormData, Letterhead

    return FormData(Letterhead("青禾县人大常委会办公室", "县人大常委会", "青人大办"), 12, "建议", "张明远",
                    date(2026, 5, 20))


def test_batch_writes_all_with_progress(make, tmp_path):
    records = [make.notice(unit=f"县第{i}局") for i in range(1, 6)] + [make.reminder(True)]
    seen = []
    paths = batch.generate(records, tmp_path / "out", progress=lambda d, t, n: seen.append((d, t, n)))
    assert [p.name for p in paths] == [f"交办通知-县第{i}局-2026-03-05.docx" for i in range(1, 6)] + [
        "督办函-县水利局-2026-06-17.docx"]
    assert seen[-1] == (6, 6, "督办函-县水利局-2026-06-17.docx")
    # reused skeletons give the same parts as fresh builds
    fresh = save.save(batch.build(records[2]), tmp_path / "fresh.docx")
    import zipfile

    with zipfile.ZipFile(paths[2]) as a, zipfile.ZipFile(fresh) as b:
        assert all(a.read(n) == b.read(n) for n in a.namelist())
    doc = docx.Document(str(paths[2]))
    assert doc.paragraphs[[p.style.name for p in doc.paragraphs].index("主送")].text == "县第3局："


def test_batch_failure_leaves_nothing(make, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "交办通知-县第1局-2026-03-05.docx").write_bytes(b"old")
    good = [make.notice(unit=f"县第{i}局") for i in range(1, 5)]
    bad = dataclasses.replace(good[2], doc_seq=0)  # 文号 0 cannot be printed: the 3rd fails
    with pytest.raises(ValueError):
        batch.generate([good[0], good[1], bad, good[3]], out)
    assert sorted(os.listdir(out)) == ["交办通知-县第1局-2026-03-05.docx"]
    assert (out / "交办通知-县第1局-2026-03-05.docx").read_bytes() == b"old"


def test_unwritable_out_dir_is_refused_before_work(make, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BadInput) as e:
        batch.generate([make.notice()], blocker / "sub")
    assert e.value.message.startswith(f"输出目录 {blocker / 'sub'} 无法写入")
