"""Tables of the finance desk: 세입·세출 총괄, the programme tree with 소계, and 집행현황."""
import django_tables2 as tables
from django.utils.html import format_html

from reports.desk import AmountColumn, DeskTable, RateColumn


class ComparisonTable(DeskTable):
    """세입 or 세출 총괄: this year's 예산현액 against last year's 최종예산 (budget.figures ComparisonRow)."""

    name = tables.Column("구분")
    current = AmountColumn("예산현액")
    prior = AmountColumn("전년도 최종예산")
    change = AmountColumn("증감액")
    rate = RateColumn("증감률")

    class Meta(DeskTable.Meta):
        pass

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        if year:
            self.columns["current"].column.verbose_name = f"{year} 예산현액"
            self.columns["prior"].column.verbose_name = f"{year - 1} 최종예산"


class ProgrammeTreeTable(DeskTable):
    """사업 및 예산: 정책사업 → 단위사업 (소계) → 세부사업. The order is the tree, so it does not sort."""

    policy = tables.Column("정책사업")
    unit = tables.Column("단위사업")
    detail = tables.Column("세부사업")
    amount = AmountColumn("예산액")
    note = tables.Column("비고", default="")
    team = tables.Column("담당 팀", default="")

    class Meta(DeskTable.Meta):
        orderable = False
        row_attrs = {"class": lambda record: record["kind"]}


class ExecutionSummaryTable(DeskTable):
    """세출예산 집행현황 by account (budget.figures.execution_table, levels 0–1)."""

    name = tables.Column("구분")
    budget = AmountColumn("예산현액")
    committed = AmountColumn("원인행위 누계액")
    committed_rate = RateColumn("집행률(원인행위)")
    spent = AmountColumn("지출 누계액")
    spent_rate = RateColumn("집행률(지출)")

    class Meta(DeskTable.Meta):
        orderable = False


class DetailExecutionTable(DeskTable):
    """집행현황 by 세부사업 (budget.figures.detail_execution), sortable, over-commitment marked."""

    policy = tables.Column("정책사업", accessor="detail__unit__policy__name")
    unit = tables.Column("단위사업", accessor="detail__unit__name")
    name = tables.Column("세부사업", accessor="row__name")
    team = tables.Column("담당 팀", accessor="detail__unit__owning_team__name", default="-")
    budget = AmountColumn("예산현액", accessor="row__budget")
    committed = AmountColumn("원인행위 누계액", accessor="row__committed")
    committed_rate = RateColumn("집행률(원인행위)", accessor="row__committed_rate")
    spent = AmountColumn("지출 누계액", accessor="row__spent")
    spent_rate = RateColumn("집행률(지출)", accessor="row__spent_rate")

    class Meta(DeskTable.Meta):
        row_attrs = {"class": lambda record: "over-committed" if record.over_committed else ""}

    def render_name(self, value, record):
        if record.over_committed:
            return format_html('{}<span class="desk-flag">예산 초과 원인행위</span>', value)
        return value

    def value_name(self, value):
        return value
