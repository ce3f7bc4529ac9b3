"""Filters of the HR desk (django-filter): people by unit and name."""
import django_filters
from django import forms

from staffing.models import OrgUnit, Post


class PostFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label="조직", queryset=OrgUnit.objects.none(), empty_label="전체")
    name = django_filters.CharFilter(label="성명", field_name="person__name", lookup_expr="icontains",
                                     widget=forms.TextInput(attrs={"size": 10}))

    class Meta:
        model = Post
        fields = ["unit", "name"]

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = OrgUnit.objects.filter(edition=edition).order_by("order", "name")
