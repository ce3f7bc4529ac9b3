"""Revenue and expenditure budgets, the programme tree and its execution.

Amounts are integers of 천원. Leaves hold the truth; a summary line may carry an
approved control total, which check_report compares with its parts. Subtotals,
totals, 증감 and 집행률 are computed in budget.figures, never stored.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from reports.formatting import format_date
from reports.models import ReportEdition
from staffing.models import OrgUnit

NOT_NEGATIVE = "금액은 0 이상이어야 합니다."


def amount_field(verbose_name, **kwargs):
    return models.BigIntegerField(
        verbose_name, validators=[MinValueValidator(0, NOT_NEGATIVE)], **kwargs
    )


def not_negative(field, name):
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": 0}) | models.Q(**{f"{field}__isnull": True}),
        name=name, violation_error_message=NOT_NEGATIVE,
    )


class RevenueAccount(models.Model):
    """A 세입 line. Summary lines (section I) have no parent; detail lines (section IV) roll up into them."""

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.PROTECT, related_name="revenue_accounts", verbose_name="연도판"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name="총괄 과목",
    )
    name = models.CharField("과목명", max_length=50)
    order = models.PositiveSmallIntegerField("순서", default=0)
    budget_amount = amount_field("예산현액", null=True, blank=True,
                                 help_text="세부 과목은 필수, 총괄 과목은 승인 총액을 적을 때만 (비우면 세부 합계)")
    prior_amount = amount_field("전년도 최종예산", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "세입 과목"
        verbose_name_plural = "세입 과목"
        ordering = ["edition", "parent_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "parent", "name"], name="revenue_unique_name",
                violation_error_message="같은 총괄 과목 아래 같은 이름의 과목이 이미 있습니다.",
            ),
            not_negative("budget_amount", "revenue_budget_not_negative"),
            not_negative("prior_amount", "revenue_prior_not_negative"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id:
            if self.parent.parent_id:
                raise ValidationError({"parent": "세입 과목은 총괄·세부 두 단계까지입니다."})
            if self.parent.edition_id != self.edition_id:
                raise ValidationError({"parent": "총괄 과목은 같은 연도판이어야 합니다."})
            if self.budget_amount is None or self.prior_amount is None:
                raise ValidationError("세부 과목에는 예산현액과 전년도 최종예산을 모두 입력하세요.")


class ExpenditureAccount(models.Model):
    """A 세출 총괄 line (인건비, 경비, 사업비, 정부보조금반환, 예비비); 세부사업 are charged to it."""

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.PROTECT, related_name="expenditure_accounts", verbose_name="연도판"
    )
    name = models.CharField("과목명", max_length=50)
    execution_label = models.CharField(
        "집행현황 표기", max_length=50, blank=True, help_text="세부현황 표에서 다르게 부를 때: 반환금(정부보조금반환)"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    itemise_in_execution = models.BooleanField(
        "집행현황에 세부사업 나열", default=False, help_text="사업비처럼 세부사업별 줄을 보일 때"
    )
    budget_amount = amount_field("예산현액(승인 총액)", null=True, blank=True,
                                 help_text="비우면 세부사업 합계. 적으면 점검에서 세부사업 합계와 비교합니다.")
    prior_amount = amount_field("전년도 최종예산", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "세출 과목"
        verbose_name_plural = "세출 과목"
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"], name="expenditure_unique_name",
                violation_error_message="같은 연도판에 같은 이름의 세출 과목이 이미 있습니다.",
            ),
            not_negative("budget_amount", "expenditure_budget_not_negative"),
            not_negative("prior_amount", "expenditure_prior_not_negative"),
        ]

    def __str__(self):
        return self.name


class PolicyProgram(models.Model):
    """정책사업, or one of the non-programme groups of the 사업 및 예산 table (행정 운영 경비 …)."""

    class Category(models.TextChoices):
        PROGRAMME = "programme", "정책사업"
        ADMINISTRATION = "administration", "행정 운영 경비"
        OTHER = "other", "기타(자본적 지출·예비비)"

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.PROTECT, related_name="policy_programs", verbose_name="연도판"
    )
    number = models.PositiveSmallIntegerField("번호", null=True, blank=True, help_text="정책사업만: 1, 2")
    name = models.CharField("정책사업명", max_length=100)
    category = models.CharField("구분", max_length=20, choices=Category.choices, default=Category.PROGRAMME)
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "정책사업"
        verbose_name_plural = "정책사업"
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"], name="policy_unique_name",
                violation_error_message="같은 연도판에 같은 이름의 정책사업이 이미 있습니다.",
            )
        ]

    def __str__(self):
        return self.name


class UnitProgram(models.Model):
    """단위사업: a node of the budget tree and, for 정책사업, the subject of one 주요 현안업무 page."""

    policy = models.ForeignKey(PolicyProgram, on_delete=models.PROTECT, related_name="units", verbose_name="정책사업")
    number = models.CharField("번호", max_length=10, blank=True, help_text="주요 현안업무 번호: 1-1, 2-8")
    name = models.CharField("단위사업명", max_length=100)
    owning_team = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="unit_programs",
        verbose_name="담당 팀",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "단위사업"
        verbose_name_plural = "단위사업"
        ordering = ["policy__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "name"], name="unit_unique_name",
                violation_error_message="같은 정책사업 아래 같은 이름의 단위사업이 이미 있습니다.",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}" if self.number else self.name

    @property
    def edition(self):
        return self.policy.edition

    def clean(self):
        if self.owning_team_id and self.policy_id and self.owning_team.edition_id != self.policy.edition_id:
            raise ValidationError({"owning_team": "담당 팀은 같은 연도판의 조직이어야 합니다."})


class DetailProgram(models.Model):
    """세부사업: the budget line that carries an amount and its execution."""

    unit = models.ForeignKey(UnitProgram, on_delete=models.PROTECT, related_name="details", verbose_name="단위사업")
    account = models.ForeignKey(
        ExpenditureAccount, on_delete=models.PROTECT, related_name="details", verbose_name="세출 과목"
    )
    name = models.CharField("세부사업명", max_length=100)
    order = models.PositiveSmallIntegerField("순서", default=0)
    budget_amount = amount_field("예산현액", default=0)
    carried_over = models.BooleanField(
        "명시이월 사업", default=False, help_text="전년도에서 이월된 사업: 예산액은 '-'로 인쇄되고 합계에서 빠집니다."
    )
    carried_over_amount = amount_field("명시이월액", null=True, blank=True)
    note = models.CharField("비고", max_length=100, blank=True, help_text="예: 서울시 기금")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "세부사업"
        verbose_name_plural = "세부사업"
        ordering = ["unit__policy__order", "unit__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], name="detail_unique_name",
                violation_error_message="같은 단위사업 아래 같은 이름의 세부사업이 이미 있습니다.",
            ),
            not_negative("budget_amount", "detail_budget_not_negative"),
            not_negative("carried_over_amount", "detail_carryover_not_negative"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.unit_id and self.account_id and self.account.edition_id != self.unit.policy.edition_id:
            errors["account"] = "세출 과목은 같은 연도판이어야 합니다."
        if self.unit_id and self.name:
            twin = (
                DetailProgram.objects.filter(unit__policy__edition_id=self.unit.policy.edition_id, name=self.name)
                .exclude(unit_id=self.unit_id).exclude(pk=self.pk).select_related("unit").first()
            )
            if twin:
                errors["name"] = f"'{self.name}'은(는) 이미 단위사업 '{twin.unit.name}'에 속한 세부사업입니다. 세부사업은 한 단위사업에만 속합니다."
        if self.carried_over and self.budget_amount:
            errors["budget_amount"] = "명시이월 사업은 올해 예산현액을 0으로 두고 이월액에 적습니다."
        if errors:
            raise ValidationError(errors)


RUNNING_TOTALS = (("committed_amount", "원인행위"), ("spent_amount", "지출"))


def running_total_errors(record, previous, following):
    """{field: Korean message} for a 누계 that runs backwards; {} when it runs forward.

    A 집행 실적 is the running total as of its date, so it may not be lower than the previous
    date's (a month's amount typed where the 누계 belongs: 30,000 after 502,634) nor higher than
    the next date's, unless the lower one is marked as a correction (감액·반납). `previous` and
    `following` are the records of the same 세부사업 just before and after (None: there is none);
    an import passes those of its file, the admin those of the database (ExecutionRecord.clean).
    """
    errors = {}
    for field, label in RUNNING_TOTALS:
        amount = getattr(record, field)
        if amount is None or amount < 0:
            continue  # refused as it is (NOT_NEGATIVE): a second message would only be noise
        if previous is not None and not record.is_correction and amount < getattr(previous, field):
            errors[field] = (
                f"{record.detail.name} {format_date(record.as_of)} {label} 누계액 {amount:,}천원이 "
                f"이전 기준일 {format_date(previous.as_of)}의 {getattr(previous, field):,}천원보다 작습니다. "
                f"기준일까지의 누계를 적으세요(당월액이 아님). 감액·반납이면 '감액·반납 정정'에 표시하고 사유를 적으세요."
            )
        elif following is not None and not following.is_correction and amount > getattr(following, field):
            errors[field] = (
                f"{record.detail.name} {format_date(record.as_of)} {label} 누계액 {amount:,}천원이 "
                f"다음 기준일 {format_date(following.as_of)}의 {getattr(following, field):,}천원보다 큽니다. "
                f"누계는 기준일이 늦을수록 같거나 커야 합니다(다음 기준일 실적이 감액·반납 정정이면 예외)."
            )
    return errors


class ExecutionRecord(models.Model):
    """Cumulative execution of one 세부사업 as of a date: 원인행위 누계액 (committed) and 지출 누계액 (paid).

    A 누계 never runs backwards, except on a record marked as a correction (감액·반납) with its
    reason: check_report lists every such record.
    """

    detail = models.ForeignKey(DetailProgram, on_delete=models.PROTECT, related_name="executions", verbose_name="세부사업")
    as_of = models.DateField("기준일")
    committed_amount = amount_field("원인행위 누계액 (천원)", help_text="기준일까지의 누계. 그달의 원인행위액이 아닙니다.")
    spent_amount = amount_field("지출 누계액 (천원)", help_text="기준일까지의 누계. 그달의 지출액이 아닙니다.")
    is_correction = models.BooleanField(
        "감액·반납 정정", default=False,
        help_text="계약 감액·반납으로 누계가 이전 기준일보다 줄었을 때만 표시하고 사유를 적습니다.",
    )
    correction_reason = models.CharField("정정 사유", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "집행 실적"
        verbose_name_plural = "집행 실적"
        ordering = ["detail", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["detail", "as_of"], name="execution_unique_date",
                violation_error_message="같은 세부사업·기준일의 집행 실적이 이미 있습니다.",
            ),
            not_negative("committed_amount", "execution_committed_not_negative"),
            not_negative("spent_amount", "execution_spent_not_negative"),
            models.CheckConstraint(
                condition=models.Q(spent_amount__lte=models.F("committed_amount")),
                name="execution_spent_within_committed",
                violation_error_message="지출 누계액이 원인행위 누계액보다 클 수 없습니다.",
            ),
        ]

    def __str__(self):
        return f"{self.detail} ({format_date(self.as_of)})"

    def use_neighbours(self, previous, following):
        """The records just before and after this one for clean(), when the caller knows better
        than the database: an import whose file holds other dates of the same 세부사업."""
        self.known_neighbours = (previous, following)

    def neighbours(self):
        """(previous, following): the records of the same 세부사업 just before and after this date."""
        if hasattr(self, "known_neighbours"):
            return self.known_neighbours
        others = ExecutionRecord.objects.filter(detail_id=self.detail_id).exclude(pk=self.pk)
        return (others.filter(as_of__lt=self.as_of).order_by("-as_of").first(),
                others.filter(as_of__gt=self.as_of).order_by("as_of").first())

    def clean(self):
        errors = {}
        self.correction_reason = (self.correction_reason or "").strip()
        if self.is_correction and not self.correction_reason:
            errors["correction_reason"] = "감액·반납 정정에는 사유를 적으세요(예: 계약 변경 감액)."
        if self.detail_id and self.as_of:
            errors.update(running_total_errors(self, *self.neighbours()))
        if errors:
            raise ValidationError(errors)
