"""Page flow and package hygiene of the built documents (issue 14: items 1, 7, 10, 11, 12)."""
from __future__ import annotations

import zipfile

from docket.docgen import batch, notice, reminder, save

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_package_names_docket_and_carries_no_template_thumbnail(make, tmp_path):
    # python-docx's template said "Microsoft Macintosh Word" and shipped a blank thumbnail.jpeg
    for i, doc in enumerate((notice.build(make.notice()), reminder.build(make.reminder()),
                             batch.Skeletons().build(make.notice()))):
        parts = _parts(save.save(doc, tmp_path / f"d{i}.docx"))
        app = parts["docProps/app.xml"].decode()
        assert "<Application>docket</Application>" in app
        assert "<Company>青禾县人大常委会办公室</Company>" in app
        assert "Microsoft" not in app
        assert not any("thumbnail" in n for n in parts)
        assert b"thumbnail" not in parts["_rels/.rels"]
        assert b"thumbnail" not in parts["[Content_Types].xml"]
