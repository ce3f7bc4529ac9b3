"""Organisation, people and headcount.

Org units and people belong to a report edition (the organisation of that year);
grades are fixed; 정원 and 현원 are dated so HR can keep them over time.
과부족 (현원 − 정원) is computed in staffing.figures, never stored.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from reports.models import ReportEdition


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        FOUNDATION = "foundation", "재단"
        OFFICE = "office", "실"
        HEADQUARTERS = "headquarters", "본부"
        TEAM = "team", "팀"

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.PROTECT, related_name="org_units", verbose_name="연도판"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name="상위 조직",
    )
    name = models.CharField("조직명", max_length=50)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "조직"
        verbose_name_plural = "조직"
        ordering = ["edition", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"], name="orgunit_unique_name_per_edition",
                violation_error_message="같은 연도판에 같은 이름의 조직이 이미 있습니다.",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id and self.parent.edition_id != self.edition_id:
            raise ValidationError({"parent": "상위 조직은 같은 연도판의 조직이어야 합니다."})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "조직을 자기 자신의 하위에 둘 수 없습니다."})
            ancestor = ancestor.parent


class DutyGroup(models.Model):
    """A heading of 팀별 주요업무, e.g. [디지털 정책연구]; a team may have one unheaded group."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="duty_groups", verbose_name="조직")
    heading = models.CharField("업무 구분", max_length=100, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "주요업무 구분"
        verbose_name_plural = "주요업무 구분"
        ordering = ["unit", "order"]

    def __str__(self):
        return f"{self.unit} · {self.heading or '(구분 없음)'}"


class DutyItem(models.Model):
    group = models.ForeignKey(DutyGroup, on_delete=models.CASCADE, related_name="items", verbose_name="업무 구분")
    text = models.TextField("업무 내용")
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "주요업무"
        verbose_name_plural = "주요업무"
        ordering = ["group", "order"]

    def __str__(self):
        return self.text[:40]


class Grade(models.Model):
    """A pay grade, printed in this order: 이사장, 1급 … 7급."""

    name = models.CharField("직급", max_length=20, unique=True)
    order = models.PositiveSmallIntegerField("순서", unique=True)

    class Meta:
        verbose_name = "직급"
        verbose_name_plural = "직급"
        ordering = ["order"]

    def __str__(self):
        return self.name


class Person(models.Model):
    class Employment(models.TextChoices):
        REGULAR = "regular", "정규직(정원 내)"
        CONTRACT = "contract", "계약직(정원 외)"

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.PROTECT, related_name="people", verbose_name="연도판"
    )
    name = models.CharField("성명", max_length=30)
    phone = models.CharField(
        "전화", max_length=20, blank=True, help_text="보고서에 인쇄되는 그대로: 570-4612 또는 내선 4642"
    )
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, null=True, blank=True, verbose_name="직급")
    employment = models.CharField("고용 구분", max_length=10, choices=Employment.choices, default=Employment.REGULAR)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "직원"
        verbose_name_plural = "직원"
        ordering = ["edition", "name"]

    def __str__(self):
        return self.name


class Post(models.Model):
    """A position a person holds in a unit: 경영혁신실장, AI전환팀장, 담당. One person may hold two."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="posts", verbose_name="직원")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="posts", verbose_name="조직")
    title = models.CharField("직위", max_length=50)
    is_head = models.BooleanField("조직의 장", default=False)
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "보직"
        verbose_name_plural = "보직"
        ordering = ["unit", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(is_head=True), name="post_one_head_per_unit",
                violation_error_message="한 조직에는 장이 한 명만 있을 수 있습니다.",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.person.name}"

    def clean(self):
        if self.person_id and self.unit_id and self.person.edition_id != self.unit.edition_id:
            raise ValidationError("직원과 조직은 같은 연도판이어야 합니다.")


class AuthorisedHeadcount(models.Model):
    """정원 of one grade, in force from a date until the next entry for that grade."""

    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="authorised", verbose_name="직급")
    effective_from = models.DateField("시행일")
    count = models.IntegerField("정원", validators=[MinValueValidator(0, "인원은 0 이상이어야 합니다.")])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "정원"
        verbose_name_plural = "정원"
        ordering = ["-effective_from", "grade__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["grade", "effective_from"], name="authorised_unique_grade_date",
                violation_error_message="같은 직급·시행일의 정원이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="authorised_count_not_negative",
                violation_error_message="인원은 0 이상이어야 합니다.",
            ),
        ]

    def __str__(self):
        return f"{self.grade} 정원 {self.count}명 ({self.effective_from}~)"


class CurrentHeadcount(models.Model):
    """현원 of one grade as of a date (a census, not a change)."""

    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="current", verbose_name="직급")
    as_of = models.DateField("기준일")
    count = models.IntegerField("현원", validators=[MinValueValidator(0, "인원은 0 이상이어야 합니다.")])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "현원"
        verbose_name_plural = "현원"
        ordering = ["-as_of", "grade__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["grade", "as_of"], name="current_unique_grade_date",
                violation_error_message="같은 직급·기준일의 현원이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="current_count_not_negative",
                violation_error_message="인원은 0 이상이어야 합니다.",
            ),
        ]

    def __str__(self):
        return f"{self.grade} 현원 {self.count}명 ({self.as_of})"


class ContractStaffCount(models.Model):
    """정원 외 인력 (계약직) as of a date."""

    as_of = models.DateField("기준일", unique=True, error_messages={"unique": "같은 기준일의 계약직 인원이 이미 있습니다."})
    count = models.IntegerField("계약직 인원", validators=[MinValueValidator(0, "인원은 0 이상이어야 합니다.")])
    note = models.CharField("비고", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "정원 외 인력(계약직)"
        verbose_name_plural = "정원 외 인력(계약직)"
        ordering = ["-as_of"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="contract_count_not_negative",
                violation_error_message="인원은 0 이상이어야 합니다.",
            ),
        ]

    def __str__(self):
        return f"계약직 {self.count}명 ({self.as_of})"
