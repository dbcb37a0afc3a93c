"""What each generated document needs: the records live in core (core/docdata.py), which
computes them; docgen's builders import them from here under their old names.
"""
from __future__ import annotations

from docket.core.docdata import (  # noqa: F401  (re-exported)
    Body,
    Color,
    Role,
    Fonts,
    Letterhead,
    NoticeItem,
    NoticeData,
    ReminderItem,
    ReminderData,
    ClassCount,
    Figures,
    UnitRow,
    OverdueItem,
    CircularData,
    Article,
    ChartRow,
    BriefData,
    FormData,
)
