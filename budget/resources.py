"""Spreadsheet import/export for finance: 세부사업 budget lines and 집행 실적, Korean column headers.

A 세부사업 is named by its name within an edition (연도 + 세부사업); the budget tree itself
(정책사업, 단위사업, 세출 과목) is edited in the admin, so an import only changes amounts of
세부사업 that exist. Shared rules are in sdf_intranet/spreadsheets.py.
"""
from import_export.fields import Field
from import_export.instance_loaders import ModelInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget.models import DetailProgram, ExecutionRecord
from reports.models import ReportEdition
from reports.spreadsheets import DateWidget, DeskResource, LookupWidget, NumberWidget, TextWidget

EDITION_PATH = "unit__policy__edition"


def year_of(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


class DetailByNameWidget(LookupWidget):
    """세부사업 by name within the edition of the row's 연도; one query per year for the whole file."""

    def __init__(self):
        self.by_year = {}
        super().__init__(load=self.load_detail, render_key=lambda detail: detail.name, describe="세부사업")

    def key(self, value, row):
        return (year_of((row or {}).get("연도")), str(value or "").strip())

    def load_detail(self, key):
        year, name = key
        if year not in self.by_year:
            details = (
                DetailProgram.objects.filter(**{f"{EDITION_PATH}__year": int(year)}).select_related(
                    "unit__policy__edition", "account")
                if year.isdigit() else []
            )
            self.by_year[year] = {detail.name: detail for detail in details}
        return self.by_year[year].get(name)


class YearWidget(NumberWidget):
    """The 연도 of a row: an edition that exists (checked once per year)."""

    def __init__(self):
        super().__init__()
        self.known = {}

    def clean(self, value, row=None, **kwargs):
        year = super().clean(value, row, **kwargs)
        if year not in self.known:
            self.known[year] = ReportEdition.objects.filter(year=year).exists()
        if not self.known[year]:
            raise ValueError(f"{year}년 연도판이 없습니다.")
        return year


class DetailProgramResource(DeskResource):
    """세부사업 예산: 예산현액, 명시이월액 and 비고 of existing 세부사업; the tree columns are for reading."""

    year = Field(attribute=f"{EDITION_PATH}__year", column_name="연도", widget=YearWidget(), readonly=True)
    policy = Field(attribute="unit__policy__name", column_name="정책사업", readonly=True)
    unit = Field(attribute="unit__name", column_name="단위사업", readonly=True)
    name = Field(attribute="name", column_name="세부사업", widget=TextWidget())
    account = Field(attribute="account__name", column_name="세출 과목", readonly=True)
    budget_amount = Field(attribute="budget_amount", column_name="예산현액", widget=NumberWidget())
    carried_over_amount = Field(
        attribute="carried_over_amount", column_name="명시이월액", widget=NumberWidget(required=False)
    )
    note = Field(attribute="note", column_name="비고", widget=TextWidget())

    key_columns = ("연도", "세부사업")
    required_columns = ("연도", "세부사업", "예산현액", "명시이월액", "비고")

    class Meta:
        model = DetailProgram
        name = "세부사업 예산"
        fields = ("year", "policy", "unit", "name", "account", "budget_amount", "carried_over_amount", "note")
        import_id_fields = ("year", "name")
        skip_unchanged = True
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.details = DetailByNameWidget()

    def get_queryset(self):
        return DetailProgram.objects.select_related("unit__policy__edition", "account")

    def check_row(self, cleaned, row):
        try:
            detail = self.details.clean(cleaned["세부사업"], row)
        except ValueError as error:
            yield "세부사업", f"{error} 세부사업은 관리 화면에서 먼저 만드세요."
            return
        if detail.carried_over and cleaned["예산현액"]:
            yield "예산현액", "명시이월 사업은 올해 예산현액을 0으로 두고 명시이월액에 적습니다."


class ExecutionInstanceLoader(ModelInstanceLoader):
    """Finds the existing 집행 실적 of every row with one query per year in the file."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.by_year = {}

    def get_instance(self, row):
        detail = self.resource.fields["detail"].clean(row)
        as_of = self.resource.fields["as_of"].clean(row)
        year = detail.unit.policy.edition.year
        if year not in self.by_year:
            records = ExecutionRecord.objects.filter(**{f"detail__{EDITION_PATH}__year": year})
            self.by_year[year] = {(r.detail_id, r.as_of): r for r in records}
        record = self.by_year[year].get((detail.pk, as_of))
        if record is not None:
            # the 세부사업 by name only: no query per row, and a cheap copy for the row's diff
            record.detail = DetailProgram(pk=detail.pk, name=detail.name)
        return record


class ExecutionRecordResource(DeskResource):
    """집행 실적: cumulative 원인행위액 and 지출액 of a 세부사업 as of a date.

    Finance imports a month of every 세부사업 at once, and a year's file may hold thousands of
    rows: rows are written in batches (use_bulk), each batch with its change history
    (simple_history's bulk helpers), still in the one transaction of the import.
    """

    year = Field(attribute=f"detail__{EDITION_PATH}__year", column_name="연도", widget=YearWidget(), readonly=True)
    detail = Field(attribute="detail", column_name="세부사업", widget=DetailByNameWidget())
    as_of = Field(attribute="as_of", column_name="기준일", widget=DateWidget())
    committed_amount = Field(attribute="committed_amount", column_name="원인행위액", widget=NumberWidget())
    spent_amount = Field(attribute="spent_amount", column_name="지출액", widget=NumberWidget())

    key_columns = ("연도", "세부사업", "기준일")
    required_columns = ("연도", "세부사업", "기준일", "원인행위액", "지출액")

    class Meta:
        model = ExecutionRecord
        name = "집행 실적"
        fields = ("year", "detail", "as_of", "committed_amount", "spent_amount")
        import_id_fields = ("detail", "as_of")
        instance_loader_class = ExecutionInstanceLoader
        skip_unchanged = True
        report_skipped = True
        use_bulk = True
        batch_size = 1000

    def get_queryset(self):
        return ExecutionRecord.objects.select_related("detail__unit__policy__edition")

    def get_import_fields(self):
        # 연도 only names the edition of 세부사업 (checked in before_import_row); leaving it out of
        # the diff spares a walk to the edition for every row
        return [field for field in super().get_import_fields() if not field.readonly]

    def before_import(self, dataset, **kwargs):
        self.import_user = kwargs.get("user")
        super().before_import(dataset, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(self.create_instances, ExecutionRecord, batch_size=batch_size,
                                         default_user=self._history_user())
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                bulk_update_with_history(self.update_instances, ExecutionRecord,
                                         ["committed_amount", "spent_amount"], batch_size=batch_size,
                                         default_user=self._history_user())
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def _history_user(self):
        user = getattr(self, "import_user", None)
        return user if getattr(user, "is_authenticated", False) else None

    def check_row(self, cleaned, row):
        if cleaned["지출액"] > cleaned["원인행위액"]:
            yield "지출액", (
                f"지출액({cleaned['지출액']:,})이 원인행위액({cleaned['원인행위액']:,})보다 큽니다."
            )


RESOURCES = {
    "budget-lines": DetailProgramResource,
    "execution": ExecutionRecordResource,
}
