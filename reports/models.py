"""The report edition: one 주요 업무보고 per year, the frame every other record hangs from."""
from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from reports.formatting import format_moment


class EditionManager(models.Manager):
    def latest_edition(self):
        """The edition of the most recent year (the one the site opens by default), or None."""
        return self.order_by("-year").first()

    def years(self) -> list[int]:
        """Every edition's year, the latest first (a spreadsheet's drop-down list of 연도)."""
        return list(self.order_by("-year").values_list("year", flat=True))


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

    objects = EditionManager()

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


class PublishedEditionImmutable(Exception):
    """A published file is a record for auditors: it is never changed nor deleted."""


class PublishedEdition(models.Model):
    """A frozen PDF of one year's report: the bytes as published, their SHA-256, who and when.

    Made only by workreport.publishing.publish; the file is written once and never again,
    so an auditor can check a copy against the hash listed here.
    """

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.PROTECT, related_name="publications", verbose_name="연도판"
    )
    file = models.FileField("PDF 파일", upload_to="published/%Y/", max_length=200)
    sha256 = models.CharField(
        "SHA-256", max_length=64,
        validators=[RegexValidator(r"^[0-9a-f]{64}$", "SHA-256은 16진수 64자리입니다.")],
    )
    size = models.PositiveBigIntegerField("크기(바이트)")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="발행자"
    )
    published_at = models.DateTimeField("발행 일시", default=timezone.now)
    issue = models.PositiveSmallIntegerField(
        "판", default=1, validators=[MinValueValidator(1)],
        help_text="그 연도판의 몇 번째 발행인지: 표지와 쪽마다 '제1판'처럼 인쇄됩니다.",
    )
    note = models.CharField("메모", max_length=200, blank=True)
    review_override = models.TextField(
        "확정 전 발행", blank=True,
        help_text="차수의 항목이 모두 확정되기 전에 발행했을 때, 발행한 사람이 적은 사유와 확정되지 않은 항목.",
    )

    class Meta:
        verbose_name = "발행된 업무보고"
        verbose_name_plural = "발행된 업무보고"
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_edition", "업무보고 발행")]
        constraints = [
            models.UniqueConstraint(fields=["edition", "issue"], name="published_edition_issue_once"),
        ]

    def __str__(self):
        return f"{self.edition.year}년 업무보고 제{self.issue}판 ({format_moment(self.published_at)} 발행)"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PublishedEditionImmutable("발행된 업무보고는 바꿀 수 없습니다. 새로 발행하세요.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PublishedEditionImmutable("발행된 업무보고는 지울 수 없습니다.")
