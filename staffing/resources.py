"""Spreadsheet import/export for HR: people (직원), 정원 and 현원, with Korean column headers.

Natural keys, not ids: an edition by its year, a grade by its name. Rules shared with the
finance desk (all-or-nothing, errors by row and column, formula escaping) are in
reports/spreadsheets.py.
"""
from import_export.fields import Field

from reports.models import ReportEdition
from reports.spreadsheets import (
    ChoiceWidget, DateWidget, DeskResource, LookupWidget, NumberWidget, TextWidget,
)
from django.core.exceptions import ValidationError

from staffing.models import AuthorisedHeadcount, CurrentHeadcount, Grade, HeadcountCensus, Person, missing_grades_error


def grade_widget():
    return LookupWidget(
        load=lambda name: Grade.objects.filter(name=name).first(),
        render_key=lambda grade: grade.name,
        describe="직급",
    )


def edition_widget():
    def load(year):
        if not year.isdigit():
            return None
        return ReportEdition.objects.filter(year=int(year)).first()

    widget = LookupWidget(load=load, render_key=lambda edition: edition.year, describe="연도판")
    widget.key = lambda value, row: str(int(value)) if isinstance(value, (int, float)) else str(value or "").strip()
    widget.kind = "year"
    return widget


def grade_names():
    return list(Grade.objects.order_by("order").values_list("name", flat=True))



class OptionalGradeWidget(LookupWidget):
    """직급 of a person may be blank (not every grade is known); a named grade must exist."""

    def __init__(self):
        base = grade_widget()
        super().__init__(base.load, base.render_key, base.describe)

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None
        return super().clean(value, row, **kwargs)


class PersonResource(DeskResource):
    """직원 of one edition, keyed by 연도 and 성명; 보직 is exported for reading only."""

    edition = Field(attribute="edition", column_name="연도", widget=edition_widget())
    name = Field(attribute="name", column_name="성명", widget=TextWidget())
    phone = Field(attribute="phone", column_name="전화", widget=TextWidget())
    grade = Field(attribute="grade", column_name="직급", widget=OptionalGradeWidget())
    employment = Field(
        attribute="employment", column_name="고용 구분",
        widget=ChoiceWidget({Person.Employment.REGULAR: "정규직", Person.Employment.CONTRACT: "계약직"}),
    )
    posts = Field(column_name="보직", readonly=True)

    key_columns = ("연도", "성명")
    required_columns = ("연도", "성명", "전화", "직급", "고용 구분")

    class Meta:
        model = Person
        name = "직원"
        fields = ("edition", "name", "phone", "grade", "employment", "posts")
        import_id_fields = ("edition", "name")
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Person.objects.select_related("edition", "grade").prefetch_related("posts__unit")

    def choice_lists(self):
        return {"연도": ReportEdition.objects.years(), "직급": grade_names(), "고용 구분": ["정규직", "계약직"]}

    def example_record(self):
        edition = ReportEdition.objects.latest_edition()
        grade = Grade.objects.order_by("order").last()
        if edition is None:
            return None
        return Person(edition=edition, name="홍길동(보기)", phone="570-0000", grade=grade,
                      employment=Person.Employment.REGULAR)

    def dehydrate_posts(self, person):
        return ", ".join(f"{post.unit.name} {post.title}" for post in person.posts.all())


class AuthorisedHeadcountResource(DeskResource):
    """정원 per grade from a date (시행일) on."""

    grade = Field(attribute="grade", column_name="직급", widget=grade_widget())
    effective_from = Field(attribute="effective_from", column_name="시행일", widget=DateWidget())
    count = Field(attribute="count", column_name="정원", widget=NumberWidget(kind="count"))

    key_columns = ("직급", "시행일")
    required_columns = ("직급", "시행일", "정원")

    class Meta:
        model = AuthorisedHeadcount
        name = "정원"
        fields = ("grade", "effective_from", "count")
        import_id_fields = ("grade", "effective_from")
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return AuthorisedHeadcount.objects.select_related("grade")

    def choice_lists(self):
        return {"직급": grade_names()}

    def example_record(self):
        return self.get_queryset().order_by("grade__order", "-effective_from").first()


class CurrentHeadcountResource(DeskResource):
    """현원 per grade as of a date (기준일): a file's rows of one date are that date's census, so they
    must name every grade (0 written as 0), or the whole file is refused."""

    grade = Field(attribute="grade", column_name="직급", widget=grade_widget())
    as_of = Field(attribute="as_of", column_name="기준일", widget=DateWidget())
    count = Field(attribute="count", column_name="현원", widget=NumberWidget(kind="count"))

    key_columns = ("직급", "기준일")
    required_columns = ("직급", "기준일", "현원")

    class Meta:
        model = CurrentHeadcount
        name = "현원"
        fields = ("grade", "as_of", "count")
        import_id_fields = ("grade", "as_of")
        skip_unchanged = True
        report_skipped = True

    sheet_notes = ("한 기준일에 모든 직급을 적습니다(0명도 0)",)

    def get_queryset(self):
        return CurrentHeadcount.objects.select_related("grade")

    def choice_lists(self):
        return {"직급": grade_names()}

    def example_record(self):
        return self.get_queryset().order_by("-as_of", "grade__order").first()

    def clean_instance(self, instance, exclude):
        # the model's clean() refuses a row alone on a new date; here the file's rows of a date are
        # its census, checked as a whole in after_import, and the census is made before the save
        instance.clean_fields(exclude=[*exclude, "census"])
        instance.validate_constraints(exclude=exclude)

    def before_save_instance(self, instance, row, **kwargs):
        # the row joins the census of its date (CurrentHeadcount.save); a new date gets its census
        HeadcountCensus.objects.get_or_create(as_of=instance.as_of)

    def after_import(self, dataset, result, **kwargs):
        """Every date of the file must cover every grade; rows already refused are not counted."""
        super().after_import(dataset, result, **kwargs)
        grades_by_date = {}
        for values in dataset.dict:
            try:
                as_of, grade = self.fields["as_of"].clean(values), self.fields["grade"].clean(values)
            except ValueError:
                continue
            grades_by_date.setdefault(as_of, set()).add(grade.pk)
        errors = []
        for as_of, grade_ids in sorted(grades_by_date.items()):
            missing = HeadcountCensus.missing_grades(grade_ids)
            if missing:
                errors.extend(missing_grades_error(as_of, missing).messages)
        if errors:
            raise ValidationError(errors)


RESOURCES = {
    "people": PersonResource,
    "authorised": AuthorisedHeadcountResource,
    "current": CurrentHeadcountResource,
}
