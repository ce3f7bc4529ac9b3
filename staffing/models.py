"""Organisation, people and headcount.

Org units and people belong to a report edition (the organisation of that year);
grades are fixed; 정원 and 현원 are dated so HR can keep them over time.
과부족 (현원 − 정원) is computed in staffing.figures, never stored.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from reports.formatting import format_date
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


AUTHORISED_HELP = "정원은 직급마다 시행일부터 다음 시행일 전까지 적용됩니다. 바뀐 직급만 적으면 되고, 바꾸지 않은 직급은 이전 정원이 그대로 적용됩니다."
CENSUS_HELP = "현원 조사는 조사일 하루의 모든 직급 현원과 계약직 인원입니다. 0명인 직급도 0으로 적습니다. 새 조사는 직전 조사의 인원으로 채워져 열립니다."


def missing_grades_error(as_of, missing):
    """The refusal of a census on `as_of` that leaves out the grades `missing` (names, print order)."""
    return ValidationError(
        f"{format_date(as_of)} 현원 조사에 {', '.join(missing)}의 현원이 없습니다. 현원은 조사일마다 모든 직급을 "
        "함께 적습니다(0명은 0): 관리 화면의 '현원 조사'나 모든 직급의 행이 있는 파일로 입력하세요.",
        code="census_incomplete",
    )


class HeadcountCensus(models.Model):
    """현원 조사: on one date, the 현원 of every grade (CurrentHeadcount rows, 0 written as 0) and the
    계약직 count (ContractStaffCount). The report's 현원 is the latest census on or before its 기준일,
    so a census that left a grade out would count that grade 0: a new census is written as a whole
    (staffing.census.record_census, the admin's census form, an import covering every grade), and a
    row written alone is refused unless its census already has rows (old data being completed).
    """

    as_of = models.DateField("조사일", unique=True, error_messages={"unique": "같은 조사일의 현원 조사가 이미 있습니다."})
    note = models.CharField("비고", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "현원 조사"
        verbose_name_plural = "현원 조사"
        ordering = ["-as_of"]

    def __str__(self):
        return f"{format_date(self.as_of)} 현원 조사"

    @staticmethod
    def missing_grades(grade_ids):
        """The names of the grades (print order) that a census of `grade_ids` leaves out."""
        present = set(grade_ids)
        return [grade.name for grade in Grade.objects.order_by("order") if grade.pk not in present]

    @classmethod
    def validate_counts(cls, as_of, counts):
        """A whole census: `counts` (grade id → 현원) must name every grade; refused naming the rest."""
        missing = cls.missing_grades(counts)
        if missing:
            raise missing_grades_error(as_of, missing)


class AuthorisedHeadcount(models.Model):
    """정원 of one grade, in force from a date until the next entry for that grade."""

    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="authorised", verbose_name="직급")
    effective_from = models.DateField("시행일", help_text=AUTHORISED_HELP)
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
        return f"{self.grade} 정원 {self.count}명 ({format_date(self.effective_from)}~)"


class CurrentHeadcount(models.Model):
    """현원 of one grade in a census (HeadcountCensus): a count on that day, not a change.

    The row keeps its census's date too (`as_of`): the database keeps one row per grade and date,
    the figures read a census in one query, and each row's history says which day it counted.
    """

    census = models.ForeignKey(
        # blank: a row written without its census is refused by clean() with the census message
        "HeadcountCensus", on_delete=models.CASCADE, related_name="rows", verbose_name="현원 조사", blank=True,
    )
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
        return f"{self.grade} 현원 {self.count}명 ({format_date(self.as_of)})"

    def clean(self):
        """A row belongs to the census of its date. Written alone, it may correct a census that has
        rows, never start one: the other grades would silently count 0 from that date on."""
        if self.as_of is None or self.grade_id is None:
            return
        if self.pk is not None:
            stored = CurrentHeadcount.objects.filter(pk=self.pk).values_list("as_of", flat=True).first()
            if stored is not None and stored != self.as_of:
                raise ValidationError({"as_of": "현원의 조사일은 바꿀 수 없습니다. 새 조사일이면 현원 조사를 새로 만드세요."})
        census = HeadcountCensus.objects.filter(as_of=self.as_of).first()
        others = CurrentHeadcount.objects.filter(as_of=self.as_of).exclude(pk=self.pk)
        if census is None or not others.exists():
            raise missing_grades_error(
                self.as_of, HeadcountCensus.missing_grades([self.grade_id, *others.values_list("grade_id", flat=True)]),
            )
        self.census = census

    def save(self, *args, **kwargs):
        # code that saves without full_clean still joins the census of its date (and fails without one)
        if self.census_id is None:
            census = HeadcountCensus.objects.filter(as_of=self.as_of).first()
            if census is None:
                raise missing_grades_error(self.as_of, HeadcountCensus.missing_grades([self.grade_id]))
            self.census = census
        super().save(*args, **kwargs)


class ContractStaffCount(models.Model):
    """정원 외 인력 (계약직) counted in a 현원 조사 (HeadcountCensus), on its date.

    The 계약직 count is part of the census rather than a count of its own date: the headline
    "인 력 : 56명" adds it to the census's 현원, and a count kept apart could be a census late or
    early without anyone seeing. So a count is refused on a date without a census; the census
    form asks for it with the grades. A census imported from a per-grade file may lack one, and
    check_report says so (the figure then uses the latest earlier count).
    """

    census = models.OneToOneField(
        "HeadcountCensus", on_delete=models.CASCADE, related_name="contract_staff", verbose_name="현원 조사",
        blank=True,
    )
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
        return f"계약직 {self.count}명 ({format_date(self.as_of)})"

    def clean(self):
        if self.as_of is None:
            return
        census = HeadcountCensus.objects.filter(as_of=self.as_of).first()
        if census is None or not census.rows.exists():
            raise ValidationError({"as_of": (
                f"{format_date(self.as_of)} 현원 조사가 없습니다. 계약직 인원은 현원 조사의 일부이므로 "
                "관리 화면의 '현원 조사'에서 직급별 현원과 함께 적으세요."
            )})
        self.census = census

    def save(self, *args, **kwargs):
        if self.census_id is None:
            census = HeadcountCensus.objects.filter(as_of=self.as_of).first()
            if census is None:
                raise ValidationError(f"{format_date(self.as_of)} 현원 조사가 없어 계약직 인원을 저장할 수 없습니다.")
            self.census = census
        super().save(*args, **kwargs)
