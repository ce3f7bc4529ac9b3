"""Consistency checks of headcounts, run by `check_report`. Returns (errors, warnings)."""
from django.db.models import Q

from .models import AuthorisedHeadcount, ContractStaffCount, CurrentHeadcount


def check_negative_headcounts(edition):
    """No 정원, 현원 or 계약직 count may be negative (rows written around validation)."""
    errors = []
    for model, label, date_field in (
        (AuthorisedHeadcount, "정원", "effective_from"),
        (CurrentHeadcount, "현원", "as_of"),
    ):
        for row in model.objects.filter(count__lt=0).select_related("grade"):
            errors.append(f"{label} {row.grade.name} ({getattr(row, date_field).isoformat()}): 음수 인원 {row.count}명")
    for row in ContractStaffCount.objects.filter(Q(count__lt=0)):
        errors.append(f"계약직 ({row.as_of.isoformat()}): 음수 인원 {row.count}명")
    return errors, []


CHECKS = (check_negative_headcounts,)
