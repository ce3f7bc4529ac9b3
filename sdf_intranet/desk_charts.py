"""Charts of the HR and finance desk pages, drawn with the report's own chart set-up (reports.charts:
Korean font, colours, text as paths, deterministic SVG). They take figures already computed by
staffing.figures and budget.figures and only draw them."""
from matplotlib import pyplot as plt
from matplotlib.ticker import FuncFormatter

from reports import charts
from reports.formatting import format_amount

BUDGET_COLOUR = "#888888"
DESK_WIDTH_IN = 8.0


def headcount_history_chart(history) -> str:
    """정원 vs 현원 by quarter (staffing.figures.headcount_history): 정원 as a step line, 현원 as points."""
    labels = [q.label for q in history]
    with plt.rc_context(charts._style()):
        fig, ax = plt.subplots(figsize=(DESK_WIDTH_IN, 2.6))
        positions = list(range(len(history)))
        authorised = [(p, q.authorised) for p, q in zip(positions, history) if q.authorised is not None]
        if authorised:
            ax.step([p for p, _ in authorised], [a for _, a in authorised], where="mid",
                    color=charts.AUTHORISED_COLOUR, linewidth=2.2, label="정원")
        known = [(p, q.current) for p, q in zip(positions, history) if q.current is not None]
        if known:
            ax.plot([p for p, _ in known], [c for _, c in known], marker="o", color=charts.CURRENT_COLOUR,
                    linewidth=1.5, label="현원")
            for p, c in known:
                ax.annotate(str(c), (p, c), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)
        ax.set_xticks(positions, labels)
        top = max([a for _, a in authorised] + [c for _, c in known] + [1])
        ax.set_ylim(0, top * 1.25)
        ax.set_xlim(-0.5, max(len(history) - 0.5, 0.5))
        ax.set_ylabel("명", rotation=0, labelpad=10)
        ax.legend(frameon=False, ncols=2, loc="lower right")
        charts._tidy_axes(ax, "y")
        return charts._to_svg(fig)


def execution_progress_chart(months) -> str:
    """Cumulative 원인행위액 and 지출액 through the months (budget.figures.execution_by_month),
    against the year's 예산현액 as a dashed line."""
    labels = [f"{m.month_end.month}월" for m in months]
    positions = list(range(len(months)))
    with plt.rc_context(charts._style()):
        fig, ax = plt.subplots(figsize=(DESK_WIDTH_IN, 2.8))
        budget = months[0].budget if months else 0
        ax.axhline(budget, color=BUDGET_COLOUR, linestyle="--", linewidth=1, label=f"예산현액 {format_amount(budget)}")
        for attribute, colour, label in (("committed", charts.COMMITTED_COLOUR, "원인행위액(누계)"),
                                         ("spent", charts.SPENT_COLOUR, "지출액(누계)")):
            known = [(p, getattr(m, attribute)) for p, m in zip(positions, months) if getattr(m, attribute) is not None]
            if known:
                ax.plot([p for p, _ in known], [v for _, v in known], marker="o", color=colour, linewidth=1.8,
                        label=label)
        ax.set_xticks(positions, labels)
        highest = max([budget, 1] + [m.committed or 0 for m in months])
        ax.set_ylim(0, highest * 1.12)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_amount(int(v))))
        ax.set_ylabel("천원", rotation=0, labelpad=14)
        ax.legend(frameon=False, ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        charts._tidy_axes(ax, "y")
        return charts._to_svg(fig)
