"""The report edition: one 주요 업무보고 per year, the frame every other record hangs from."""
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class ReportEdition(models.Model):
    year = models.PositiveSmallIntegerField(
        "연도", unique=True, validators=[MinValueValidator(2000)]
    )
    title = models.CharField("제목", max_length=100)
    issued_on = models.DateField("발행월", help_text="표지의 '2024. 11.'처럼 월까지만 인쇄됩니다.")
    figures_as_of = models.DateField("기준일", help_text="표의 수치가 기준으로 삼는 날짜")
    organisation_name = models.CharField("기관명", max_length=100)
    purpose = models.TextField("설립목적")
    purpose_source = models.CharField("설립목적 출처", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "업무보고 연도판"
        verbose_name_plural = "업무보고 연도판"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}년 {self.title}"


class PurposeBusiness(models.Model):
    """정관의 목적사업, numbered in the order of the articles."""

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.CASCADE, related_name="purpose_businesses", verbose_name="연도판"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    text = models.TextField("내용")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "목적사업"
        verbose_name_plural = "목적사업"
        ordering = ["edition", "order"]

    def __str__(self):
        return self.text[:40]
