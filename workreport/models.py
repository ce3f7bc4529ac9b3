"""The report cycle (issue 14): a reporting round per edition, with a due date, and the review of
each part of the report in it — every programme page and the three desk sections (인력, 세입·세출,
집행) — from 작성 중 to 제출, then 반려 (with a reason, back to its owner) or 확정.

Transitions are made only by workreport.review (with the permission checks); every one is kept by
django-simple-history with who, when and why, so it shows in the admin history and on the
auditors' page. A 확정 part is read-only (workreport.review.locked_reason) until it is reopened.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from projects.models import ProgramPage
from reports.models import ReportEdition


class ReportingRound(models.Model):
    """A round of the report: "2024년 11월 행정사무감사 업무보고", due on a date; open until published."""

    edition = models.ForeignKey(ReportEdition, on_delete=models.PROTECT, related_name="rounds", verbose_name="연도판")
    title = models.CharField("차수 이름", max_length=100, help_text="예: 2024년 11월 행정사무감사 업무보고")
    due_on = models.DateField("제출 기한")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="연 사람")
    opened_at = models.DateTimeField("연 때", auto_now_add=True)
    closed_at = models.DateTimeField("마친 때", null=True, blank=True,
                                     help_text="발행하면 차수가 끝납니다. 끝난 차수는 바꾸지 않습니다.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "업무보고 차수"
        verbose_name_plural = "업무보고 차수"
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["edition"], condition=Q(closed_at__isnull=True),
                                    name="one_open_round_per_edition",
                                    violation_error_message="이 연도판에는 이미 진행 중인 차수가 있습니다."),
        ]
        permissions = [("review_round", "업무보고 검토(차수 열기, 반려·확정·다시 열기)")]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.closed_at is None


class Desk(models.TextChoices):
    """The desk sections of the report, each reviewed as one part."""

    STAFFING = "staffing", "인력(정원·현원)"
    BUDGET = "budget", "세입·세출 예산"
    EXECUTION = "execution", "집행현황"


class ReviewStatus(models.TextChoices):
    WRITING = "writing", "작성 중"
    SUBMITTED = "submitted", "제출"
    RETURNED = "returned", "반려"
    CONFIRMED = "confirmed", "확정"


class PartReview(models.Model):
    """The review of one part of the report in a round: a programme page, or a desk section."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reviews", verbose_name="차수")
    page = models.ForeignKey(ProgramPage, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews",
                             verbose_name="주요 현안업무")
    desk = models.CharField("부문", max_length=20, choices=Desk.choices, blank=True)
    status = models.CharField("상태", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.WRITING)
    reason = models.TextField("반려 사유", blank=True, help_text="반려할 때 적습니다. 다시 제출해도 이력에 남습니다.")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="바꾼 사람")
    changed_at = models.DateTimeField("바꾼 때", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "검토 항목"
        verbose_name_plural = "검토 항목"
        ordering = ["round", "desk", "page__unit__policy__order", "page__unit__order"]
        constraints = [
            models.CheckConstraint(condition=(Q(page__isnull=False) & Q(desk="")) | (Q(page__isnull=True) & ~Q(desk="")),
                                   name="review_is_a_page_or_a_desk",
                                   violation_error_message="검토 항목은 주요 현안업무 한 쪽이거나 부문 하나입니다."),
            models.UniqueConstraint(fields=["round", "page"], condition=Q(page__isnull=False),
                                    name="one_review_per_page"),
            models.UniqueConstraint(fields=["round", "desk"], condition=~Q(desk=""), name="one_review_per_desk"),
        ]

    def __str__(self):
        return f"{self.part_name} ({self.get_status_display()})"

    @property
    def part_name(self):
        return f"{self.page.unit}" if self.page_id else self.get_desk_display()


class ReviewReminder(models.Model):
    """A reminder sent, so that each is sent once: (round, kind, recipient, day)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "기한 3일 전"
        DUE_TODAY = "due_today", "기한 당일"
        WAITING = "waiting", "검토 대기"

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders", verbose_name="차수")
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name="받는 사람")
    sent_on = models.DateField("보낸 날")

    class Meta:
        verbose_name = "보낸 알림"
        verbose_name_plural = "보낸 알림"
        constraints = [models.UniqueConstraint(fields=["round", "kind", "recipient", "sent_on"],
                                               name="one_reminder_per_kind_and_day")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.sent_on})"
