"""Charts of the printed report and of the HR and finance desks: matplotlib figures as inline SVG.

The functions take figures already computed by the figures modules (labels and
numbers) and only draw them. Text stays text (svg.fonttype = "none") in the
report's own font, NanumGothic with the same fallbacks as the stylesheet: WeasyPrint
lays it out with the embedded font (text paths took three times longer to draw and
made the PDF half as big again), and browsers show it as selectable text. Output is
deterministic: a fixed hash salt and no date in the metadata, so the same data
always gives the same bytes (published PDFs can be compared by hash).

The report's three charts are kept in the shared cache by their figures (reports.chart_cache), and
matplotlib is imported only when something must be drawn: a draft whose charts are cached starts
without it (half a second of every `build_report` and worker start).
"""
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

from reports.chart_cache import cached_svg
from reports.formatting import format_amount, format_count, format_rate

FONT_FAMILIES = ("NanumGothic", "Noto Sans CJK KR")
CSS_FONT_FAMILIES = "'NanumGothic', 'Noto Sans CJK KR', sans-serif"
COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
AUTHORISED_COLOUR = "#9db4cf"
CURRENT_COLOUR = "#1f4e79"
COMMITTED_COLOUR = "#1f4e79"
SPENT_COLOUR = "#e3a33b"
INK = "#222222"
GRID = "#d0d0d0"
BUDGET_COLOUR = "#888888"
# Width of the desk pages' charts, in inches.
DESK_WIDTH_IN = 8.0
# Width of the text column of an A4 page with the report's margins, in inches.
PAGE_WIDTH_IN = 6.6


@cache
def mpl() -> SimpleNamespace:
    """matplotlib with the Agg backend, imported on the first drawing (deferred: see the module docstring)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot, ticker

    return SimpleNamespace(plt=pyplot, font_manager=font_manager, FuncFormatter=ticker.FuncFormatter)


def korean_font_family() -> str:
    """The first installed Korean font of FONT_FAMILIES, as matplotlib knows it."""
    for family in FONT_FAMILIES:
        try:
            mpl().font_manager.findfont(family, fallback_to_default=False)
        except ValueError:
            continue
        return family
    raise RuntimeError("한글 글꼴(NanumGothic 또는 Noto Sans CJK KR)이 설치되어 있지 않습니다.")


def chart_style() -> dict:
    return {
        "font.family": [korean_font_family()],
        "font.size": 8,
        "axes.unicode_minus": False,
        # Labels are user text: "$…$" must print as typed, not as mathtext (garbled, or a crash).
        "text.parse_math": False,
        "axes.edgecolor": "#888888",
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "svg.fonttype": "none",
        "svg.hashsalt": "sdf-intranet-report",
        "svg.image_inline": True,
    }


def to_svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.05,
                metadata={"Date": None, "Creator": None})
    mpl().plt.close(fig)
    svg = buffer.getvalue()
    # Inline in HTML: drop the XML prolog, doctype and comments, keep the <svg> element.
    svg = COMMENT.sub("", svg[svg.index("<svg"):])
    family = korean_font_family()
    return as_presentation_attributes(svg.replace(f"font-family: '{family}'", f"font-family: {CSS_FONT_FAMILIES}"))


STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')
STYLE_ELEMENT = re.compile(r"\s*<defs>\s*<style[^>]*>(.*?)</style>\s*</defs>|\s*<style[^>]*>(.*?)</style>", re.S)
EVERY_ELEMENT = re.compile(r"^\*\s*\{(.*)\}$", re.S)


def as_presentation_attributes(svg: str) -> str:
    """matplotlib's style="fill: …; stroke: …" as SVG presentation attributes (fill="…"), and its
    one stylesheet (`*{stroke-linejoin: round; stroke-linecap: butt}`) as attributes of the root,
    which every element inherits: the site's Content-Security-Policy allows no inline style, and
    every property matplotlib writes (fill, stroke…, font-family, font-size, text-anchor) is one."""
    sheet = STYLE_ELEMENT.search(svg)
    if sheet is not None:
        rules = EVERY_ELEMENT.match((sheet.group(1) or sheet.group(2) or "").strip())
        if rules is None:
            raise ValueError(f"a chart's stylesheet other than one rule for every element: {sheet.group()!r}")
        svg = svg[:sheet.start()] + svg[sheet.end():]
        svg = svg.replace("<svg ", "<svg" + declarations_as_attributes(rules.group(1)) + " ", 1)
    return STYLE_ATTRIBUTE.sub(lambda match: declarations_as_attributes(match.group(1)), svg)


def declarations_as_attributes(declarations: str) -> str:
    """'fill: #222; font-size: 8px' → ' fill="#222" font-size="8px"'."""
    pairs = [part.split(":", 1) for part in declarations.split(";") if ":" in part]
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def tidy_axes(ax, value_axis: str):
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=value_axis, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)


def label_bars(ax, bars, labels, **kwargs):
    ax.bar_label(bars, labels=labels, padding=2, fontsize=7, color=INK, **kwargs)


def headcount_chart(grades: Sequence[str], authorised: Sequence[int], current: Sequence[int]) -> str:
    """정원 vs 현원 by grade: two bars per grade."""
    figures = (tuple(grades), tuple(authorised), tuple(current))
    return cached_svg("report.headcount", figures, lambda: draw_headcount_chart(*figures))


def draw_headcount_chart(grades, authorised, current) -> str:
    with mpl().plt.rc_context(chart_style()):
        fig, ax = mpl().plt.subplots(figsize=(PAGE_WIDTH_IN, 2.3))
        positions = range(len(grades))
        width = 0.38
        left = ax.bar([p - width / 2 for p in positions], authorised, width, label="정원", color=AUTHORISED_COLOUR)
        right = ax.bar([p + width / 2 for p in positions], current, width, label="현원", color=CURRENT_COLOUR)
        # "-" for none, as the table beside the chart prints it (reports.formatting.format_count)
        label_bars(ax, left, [format_count(v) for v in authorised])
        label_bars(ax, right, [format_count(v) for v in current])
        ax.set_xticks(list(positions), grades)
        ax.set_ylabel("명", rotation=0, labelpad=8)
        ax.set_ylim(0, max([*authorised, *current, 1]) * 1.18)
        ax.legend(frameon=False, ncols=2, loc="upper left")
        tidy_axes(ax, "y")
        return to_svg(fig)


def unit_budget_chart(units: Sequence[str], amounts: Sequence[int]) -> str:
    """Budget by 단위사업, one horizontal bar each, in the order of the report (first on top)."""
    figures = (tuple(units), tuple(amounts))
    return cached_svg("report.unit_budget", figures, lambda: draw_unit_budget_chart(*figures))


def draw_unit_budget_chart(units, amounts) -> str:
    with mpl().plt.rc_context(chart_style()):
        fig, ax = mpl().plt.subplots(figsize=(PAGE_WIDTH_IN, 0.28 * len(units) + 0.6))
        positions = list(range(len(units)))
        bars = ax.barh(positions, list(amounts), color=CURRENT_COLOUR, height=0.6)
        ax.set_yticks(positions, list(units))
        label_bars(ax, bars, [format_amount(a) for a in amounts])
        ax.invert_yaxis()
        ax.set_xlim(0, max([*amounts, 1]) * 1.15)
        ax.xaxis.set_major_formatter(mpl().FuncFormatter(lambda v, _: format_amount(int(v))))
        ax.set_xlabel("천원")
        tidy_axes(ax, "x")
        return to_svg(fig)


def execution_rate_chart(details: Sequence[str], committed: Sequence[Decimal | None],
                         spent: Sequence[Decimal | None]) -> str:
    """Both 집행률 (원인행위, 지출) by 세부사업: two horizontal bars per line, in percent."""
    figures = (tuple(details), tuple(committed), tuple(spent))
    return cached_svg("report.execution_rate", figures, lambda: draw_execution_rate_chart(*figures))


def draw_execution_rate_chart(details, committed, spent) -> str:
    committed_values = [float(r or 0) for r in committed]
    spent_values = [float(r or 0) for r in spent]
    with mpl().plt.rc_context(chart_style()):
        fig, ax = mpl().plt.subplots(figsize=(PAGE_WIDTH_IN, 0.4 * len(details) + 0.8))
        positions = list(range(len(details)))
        height = 0.4
        top = ax.barh([p - height / 2 for p in positions], committed_values, height,
                      label="원인행위 집행률", color=COMMITTED_COLOUR)
        bottom = ax.barh([p + height / 2 for p in positions], spent_values, height,
                         label="지출 집행률", color=SPENT_COLOUR)
        label_bars(ax, top, [format_rate(r) for r in committed])
        label_bars(ax, bottom, [format_rate(r) for r in spent])
        ax.set_yticks(positions, list(details))
        ax.invert_yaxis()
        ax.set_xlim(0, 115)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.set_xlabel("%")
        ax.legend(frameon=False, ncols=2, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        tidy_axes(ax, "x")
        return to_svg(fig)


# ---------------------------------------------------------------- the HR and finance desks

def headcount_history_chart(history) -> str:
    """정원 vs 현원 by quarter (staffing.figures.headcount_history): 정원 as a step line, 현원 as points."""
    labels = [q.label for q in history]
    with mpl().plt.rc_context(chart_style()):
        fig, ax = mpl().plt.subplots(figsize=(DESK_WIDTH_IN, 2.6))
        positions = list(range(len(history)))
        authorised = [(p, q.authorised) for p, q in zip(positions, history) if q.authorised is not None]
        if authorised:
            ax.step([p for p, _ in authorised], [a for _, a in authorised], where="mid",
                    color=AUTHORISED_COLOUR, linewidth=2.2, label="정원")
        known = [(p, q.current) for p, q in zip(positions, history) if q.current is not None]
        if known:
            ax.plot([p for p, _ in known], [c for _, c in known], marker="o", color=CURRENT_COLOUR,
                    linewidth=1.5, label="현원")
            for p, c in known:
                ax.annotate(str(c), (p, c), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)
        ax.set_xticks(positions, labels)
        top = max([a for _, a in authorised] + [c for _, c in known] + [1])
        ax.set_ylim(0, top * 1.25)
        ax.set_xlim(-0.5, max(len(history) - 0.5, 0.5))
        ax.set_ylabel("명", rotation=0, labelpad=10)
        ax.legend(frameon=False, ncols=2, loc="lower right")
        tidy_axes(ax, "y")
        return to_svg(fig)


def execution_progress_chart(months) -> str:
    """Cumulative 원인행위액 and 지출액 through the months (budget.figures.execution_by_month),
    against the year's 예산현액 as a dashed line."""
    labels = [f"{m.month_end.month}월" for m in months]
    positions = list(range(len(months)))
    with mpl().plt.rc_context(chart_style()):
        fig, ax = mpl().plt.subplots(figsize=(DESK_WIDTH_IN, 2.8))
        budget = months[0].budget if months else 0
        ax.axhline(budget, color=BUDGET_COLOUR, linestyle="--", linewidth=1, label=f"예산현액 {format_amount(budget)}")
        for attribute, colour, label in (("committed", COMMITTED_COLOUR, "원인행위액(누계)"),
                                         ("spent", SPENT_COLOUR, "지출액(누계)")):
            known = [(p, getattr(m, attribute)) for p, m in zip(positions, months) if getattr(m, attribute) is not None]
            if known:
                ax.plot([p for p, _ in known], [v for _, v in known], marker="o", color=colour, linewidth=1.8,
                        label=label)
        ax.set_xticks(positions, labels)
        highest = max([budget, 1] + [m.committed or 0 for m in months])
        ax.set_ylim(0, highest * 1.12)
        ax.yaxis.set_major_formatter(mpl().FuncFormatter(lambda v, _: format_amount(int(v))))
        ax.set_ylabel("천원", rotation=0, labelpad=14)
        ax.legend(frameon=False, ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        tidy_axes(ax, "y")
        return to_svg(fig)
