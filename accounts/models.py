"""Who a login is in the organisation: a user is tied to a person, and so to the units of their posts."""
from django.conf import settings
from django.db import models

from staffing.models import Person


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name="사용자"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts", verbose_name="직원"
    )

    class Meta:
        verbose_name = "직원 계정"
        verbose_name_plural = "직원 계정"
        # Held by the 감사 group (and superusers): the page of changes since the last published edition.
        permissions = [("view_change_audit", "지난 발행 이후 변경 내역 보기")]

    def __str__(self):
        return f"{self.user.get_username()} → {self.person or '(직원 미지정)'}"
