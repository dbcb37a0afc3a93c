"""Charts for the 简报, drawn with matplotlib's Agg canvas (documents.md §3.4, §2).

Chinese labels need a CJK font: the first installed of `chart.fonts` is used; with none
installed we refuse (DocketError naming the packages) rather than draw empty boxes. The PNG is
deterministic: no Software metadata, fixed size and dpi.
"""
from __future__ import annotations

import io

from docket.core.errors import DocketError
from docket.docgen import wording
from docket.docgen.data import ChartRow

WIDTH_MM, HEIGHT_MM, DPI = 150, 80, 200
TOP_UNITS = 15
FALLBACK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                  "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN")


def cjk_fonts(preferred: tuple[str, ...]) -> list[str]:
    """The installed members of preferred (then of a few known CJK families), in order."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = [name for name in (*preferred, *FALLBACK_FONTS) if name in installed]
    return list(dict.fromkeys(found))


# Two series that print in grey (a black-and-white copier is the usual printer): the
# assigned count as a light hatched bar with a dark outline, the replied count as a dark bar
# inside it. One legend swatch per series, drawn from the same styles as the bars.
ASSIGNED_STYLE = {"facecolor": "white", "edgecolor": "#404040", "hatch": "////", "linewidth": 0.6}
REPLIED_STYLE = {"facecolor": "#404040", "edgecolor": "#404040", "linewidth": 0.6}


def progress_chart(rows: tuple[ChartRow, ...], fonts: tuple[str, ...]) -> bytes:
    """Horizontal bars, assigned against replied, for the top 15 units; PNG bytes.

    No title inside the picture: the caption under it (图1　各承办单位答复进度（截至…）)
    names it, and a title would only repeat the caption."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    families = cjk_fonts(fonts)
    if not families:
        raise DocketError("没有可用的中文字体，无法生成简报图表。",
                          [("请安装 fonts-noto-cjk 或 fonts-wqy-zenhei 后重试，"
                            "或用 docket config set chart.fonts 指定已安装的字体。")])
    with matplotlib.rc_context(_rc(families)):
        fig = progress_figure(rows)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _rc(families: list[str]) -> dict:
    return {"font.family": "sans-serif", "font.sans-serif": families,
            "axes.unicode_minus": False, "svg.hashsalt": "docket", "hatch.linewidth": 0.5,
            "hatch.color": "#808080"}


def progress_figure(rows: tuple[ChartRow, ...]):
    """The chart's matplotlib Figure (drawn by progress_chart under its font settings)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    top = sorted(rows, key=lambda r: (-r.assigned, wording.clean(r.unit)))[:TOP_UNITS]
    top.reverse()  # the largest at the top of a horizontal bar chart
    fig = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    names = [wording.clean(r.unit) for r in top]
    ys = range(len(top))
    ax.barh(ys, [r.assigned for r in top], height=0.7, label=wording.CHART_ASSIGNED,
            **ASSIGNED_STYLE)
    ax.barh(ys, [r.replied for r in top], height=0.4, label=wording.CHART_REPLIED,
            **REPLIED_STYLE)
    for y, r in zip(ys, top):
        ax.text(r.assigned, y, f" {r.replied}/{r.assigned}", va="center", fontsize=6)
    ax.set_yticks(list(ys), names, fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_xlabel("件数", fontsize=7)
    ax.legend(handles=[Patch(label=wording.CHART_ASSIGNED, **ASSIGNED_STYLE),
                       Patch(label=wording.CHART_REPLIED, **REPLIED_STYLE)],
              fontsize=7, loc="lower right", frameon=True, edgecolor="#808080", fancybox=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.12)
    return fig
