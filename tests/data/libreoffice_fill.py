"""Fill cells of an xlsx in LibreOffice Calc as a person types them, then save it as xlsx.

Run with a Python that has the `uno` module (Debian: /usr/bin/python3 with python3-uno):
    python3 tests/data/libreoffice_fill.py SRC DEST PROFILE_DIR SHEET CELL=TEXT ...
Each TEXT is entered with setFormula, i.e. Calc parses it as typed (2026-04-10 becomes a date)."""
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src, dest, profile, sheet, *cells):
    pipe = f"docket_{uuid.uuid4().hex}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                               f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
        for _ in range(300):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(Path(src).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        ws = doc.Sheets.getByName(sheet)
        was_protected = ws.isProtected()
        if was_protected:
            ws.unprotect("")
        for spec in cells:
            ref, text = spec.split("=", 1)
            ws.getCellRangeByName(ref).setFormula(text)
        if was_protected:
            ws.protect("")
        doc.storeToURL(Path(dest).resolve().as_uri(), (prop("FilterName", "Calc Office Open XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:])
