"""Filters of the finance desk (django-filter): 세부사업 by 정책사업, 담당 팀 and over-commitment."""
import django_filters
from django import forms

from budget.models import DetailProgram, PolicyProgram
from staffing.models import OrgUnit


class DetailProgramFilter(django_filters.FilterSet):
    """Narrows the 세부사업 of an edition. `over_committed` needs the execution lines of the page
    (budget.figures.detail_execution) passed as `executions`."""

    policy = django_filters.ModelChoiceFilter(
        label="정책사업", field_name="unit__policy", queryset=PolicyProgram.objects.none(), empty_label="전체"
    )
    team = django_filters.ModelChoiceFilter(
        label="담당 팀", field_name="unit__owning_team", queryset=OrgUnit.objects.none(), empty_label="전체"
    )
    over_committed = django_filters.BooleanFilter(
        label="예산 초과 원인행위만", method="filter_over_committed",
        widget=forms.CheckboxInput(),
    )

    class Meta:
        model = DetailProgram
        fields = ["policy", "team", "over_committed"]

    def __init__(self, *args, edition=None, executions=(), with_over_committed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.executions = executions
        self.filters["policy"].queryset = PolicyProgram.objects.filter(edition=edition).order_by("order", "pk")
        self.filters["team"].queryset = OrgUnit.objects.filter(
            edition=edition, kind=OrgUnit.Kind.TEAM).order_by("order", "name")
        if not with_over_committed:
            del self.filters["over_committed"]

    def filter_over_committed(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=[line.detail.pk for line in self.executions if line.over_committed])
