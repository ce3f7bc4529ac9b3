"""Spreadsheet import/export for finance: 세부사업 budget lines and 집행 실적, Korean column headers.

A 세부사업 is named by its name within an edition (연도 + 세부사업); the budget tree itself
(정책사업, 단위사업, 세출 과목) is edited in the admin, so an import only changes amounts of
세부사업 that exist. Shared rules are in reports/spreadsheets.py.
"""
from collections import defaultdict

from import_export.fields import Field
from import_export.instance_loaders import ModelInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget import checks, figures
from budget.models import DetailProgram, ExecutionRecord
from reports.formatting import format_date
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
        super().__init__(kind="year")
        self.known = {}

    def clean(self, value, row=None, **kwargs):
        year = super().clean(value, row, **kwargs)
        if year not in self.known:
            self.known[year] = ReportEdition.objects.filter(year=year).exists()
        if not self.known[year]:
            raise ValueError(f"{year}년 연도판이 없습니다.")
        return year

    preview_text = staticmethod(str)  # 2024, not 2,024


def detail_names():
    """Every 세부사업 name, the latest edition's first in the report's order, for a drop-down list."""
    names = DetailProgram.objects.order_by(f"-{EDITION_PATH}__year", *DetailProgram._meta.ordering).values_list(
        "name", flat=True)
    return list(dict.fromkeys(names))


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
    sheet_notes = ("예산현액·명시이월액은 연도판의 세부사업별 금액",)

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

    def choice_lists(self):
        return {"연도": ReportEdition.objects.years(), "세부사업": detail_names()}

    def example_record(self):
        # the latest edition's first 세부사업 as it stands: left in the file, it would change nothing
        latest = ReportEdition.objects.latest_edition()
        return self.get_queryset().filter(**{EDITION_PATH: latest}).order_by(*DetailProgram._meta.ordering).first()

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


class CorrectionWidget(TextWidget):
    """감액·반납 정정 as a spreadsheet cell: 예 (also O, ○, Y, 1) or blank (also 아니오, N, 0)."""

    YES = ("예", "o", "○", "y", "yes", "1", "true", "감액·반납", "정정")
    NO = ("", "아니오", "아니요", "x", "n", "no", "0", "false", "none")

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs).lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(f"'{value}'은(는) 쓸 수 없는 값입니다. (감액·반납 정정이면 '예', 아니면 빈칸)")

    def render(self, value, obj=None, **kwargs):
        return "예" if value else ""


COMMITTED, SPENT = "원인행위 누계액", "지출 누계액"
CORRECTION, REASON = "감액·반납", "정정 사유"
MONTH_COMMITTED, MONTH_SPENT = "원인행위 당월액", "지출 당월액"


class MonthlyAmounts:
    """A file of 당월 amounts (원인행위 당월액, 지출 당월액) instead of 누계: each row's amounts are
    added to the 누계 of the 세부사업's previous date (the file's own row when it has one, else the
    database's; none: 0), and the file goes on as a file of 누계 (the preview shows the 누계 stored).

    Every 당월 cell is read first: one bad cell refuses the whole file, each error naming its row and
    column. A 감액 cannot be a 당월 amount (it is not negative): it is a 누계 marked 감액·반납.
    """

    COLUMNS = ((MONTH_COMMITTED, COMMITTED), (MONTH_SPENT, SPENT))

    @classmethod
    def in_headers(cls, headers):
        return any(month in headers for month, _ in cls.COLUMNS)

    def __init__(self, resource):
        self.resource = resource
        self.amount = NumberWidget()

    def to_running_totals(self, dataset):
        headers = list(dataset.headers)
        if any(total in headers for _, total in self.COLUMNS):
            self.resource.refuse_file(dataset, f"{self.resource.header_row}행(머리글) 누계 열(원인행위 누계액, 지출 누계액)과 당월 열(원인행위 당월액, 지출 당월액)은 "
                                               "한 파일에 함께 쓸 수 없습니다. 한 가지만 남기세요.")
        keys = [column for column in self.resource.key_columns if column not in headers]
        if keys:
            self.resource.refuse_missing_columns(dataset, keys)
        missing = [month for month, _ in self.COLUMNS if month not in headers]
        if missing:
            self.resource.refuse_file(dataset, f"{self.resource.header_row}행(머리글) '{missing[0]}' 열이 없습니다. 당월액으로 올릴 때는 원인행위 당월액과 "
                                               f"지출 당월액을 함께 적습니다.")
        rows, errors = self.read(dataset)
        if errors:
            self.resource.refuse_file(dataset, errors)
        totals = self.add_to_previous(rows)
        for index, (_, total) in enumerate(self.COLUMNS):
            dataset.append_col([row_totals[index] for row_totals in totals], header=total)

    def read(self, dataset):
        fields = self.resource.fields
        cells = (("세부사업", fields["detail"].clean), ("기준일", fields["as_of"].clean),
                 (MONTH_COMMITTED, lambda row: self.amount.clean(row.get(MONTH_COMMITTED))),
                 (MONTH_SPENT, lambda row: self.amount.clean(row.get(MONTH_SPENT))))
        rows, errors = [], []
        for number, row in enumerate(dataset.dict, start=1):
            values = {}
            for column, clean in cells:
                try:
                    values[column] = clean(row)
                except ValueError as error:
                    errors.append(f"{self.resource.row_label(number)} '{column}' 열: {error}")
            rows.append(values)
        return rows, errors

    def add_to_previous(self, rows):
        """(원인행위 누계, 지출 누계) of each row, in the file's order; the rows added date by date."""
        known = defaultdict(dict)
        stored = ExecutionRecord.objects.filter(detail_id__in={row["세부사업"].pk for row in rows})
        for detail_id, as_of, committed, spent in stored.values_list("detail_id", "as_of", "committed_amount",
                                                                     "spent_amount"):
            known[detail_id][as_of] = (committed, spent)
        totals = [None] * len(rows)
        for index in sorted(range(len(rows)), key=lambda i: rows[i]["기준일"]):
            row = rows[index]
            dates = known[row["세부사업"].pk]
            earlier = [date for date in dates if date < row["기준일"]]
            committed, spent = dates[max(earlier)] if earlier else (0, 0)
            totals[index] = (committed + row[MONTH_COMMITTED], spent + row[MONTH_SPENT])
            dates[row["기준일"]] = totals[index]
        return totals


class ExecutionRecordResource(DeskResource):
    """집행 실적: the running totals (누계) of 원인행위 and 지출 of a 세부사업 as of a date.

    Finance imports a month of every 세부사업 at once, and a year's file may hold thousands of
    rows: rows are written in batches (use_bulk), each batch with its change history
    (simple_history's bulk helpers), still in the one transaction of the import.

    Every changed row goes through the model's full_clean, so a 누계 lower than the previous
    date's is refused here as in the admin; the previous date is the file's own when the file
    holds it, else the database's (rows of a batch are not written yet when the next is checked).
    Files exported before the columns were renamed (원인행위액, 지출액) still import, and a file may
    carry 당월 amounts instead of 누계 (MonthlyAmounts).
    """

    year = Field(attribute=f"detail__{EDITION_PATH}__year", column_name="연도", widget=YearWidget(), readonly=True)
    detail = Field(attribute="detail", column_name="세부사업", widget=DetailByNameWidget())
    as_of = Field(attribute="as_of", column_name="기준일", widget=DateWidget())
    committed_amount = Field(attribute="committed_amount", column_name=COMMITTED, widget=NumberWidget())
    spent_amount = Field(attribute="spent_amount", column_name=SPENT, widget=NumberWidget())
    is_correction = Field(attribute="is_correction", column_name=CORRECTION, widget=CorrectionWidget())
    correction_reason = Field(attribute="correction_reason", column_name=REASON, widget=TextWidget())

    key_columns = ("연도", "세부사업", "기준일")
    required_columns = ("연도", "세부사업", "기준일", COMMITTED, SPENT)
    sheet_notes = ("누계: 기준일까지의 합계(그달 금액이 아님)", "기준일은 행마다")
    optional_columns = (CORRECTION, REASON)
    former_headers = {"원인행위액": COMMITTED, "지출액": SPENT,
                      f"{COMMITTED} (천원)": COMMITTED, f"{SPENT} (천원)": SPENT}
    # the model's full_clean (DeskResource.validate_instance) runs with the row's neighbours from the
    # file; "detail" is left out (the widget found it, so the foreign key needs no query to prove it
    # exists) and the check constraints too (check_row refuses 지출 above 원인행위 before a query per row would)
    clean_exclude = ("detail",)
    validate_constraints = False

    class Meta:
        model = ExecutionRecord
        name = "집행 실적"
        fields = ("year", "detail", "as_of", "committed_amount", "spent_amount", "is_correction",
                  "correction_reason")
        import_id_fields = ("detail", "as_of")
        instance_loader_class = ExecutionInstanceLoader
        skip_unchanged = True
        report_skipped = True
        use_bulk = True
        batch_size = 1000

    def get_queryset(self):
        return ExecutionRecord.objects.select_related("detail__unit__policy__edition")

    def choice_lists(self):
        return {"연도": ReportEdition.objects.years(), "세부사업": detail_names(), CORRECTION: ["예"]}

    def example_record(self):
        # the latest 집행 실적 of the latest edition's first 세부사업, as it stands
        edition = ReportEdition.objects.latest_edition()
        return self.get_queryset().filter(**{f"detail__{EDITION_PATH}": edition}).order_by(
            "detail__unit__policy__order", "detail__unit__order", "detail__order", "-as_of").first()

    def get_import_fields(self):
        # 연도 only names the edition of 세부사업 (checked in before_import_row); leaving it out of
        # the diff spares a walk to the edition for every row
        return [field for field in super().get_import_fields() if not field.readonly]

    def template_columns(self):
        return [*self.required_columns, *self.optional_columns]

    def before_import(self, dataset, **kwargs):
        self.import_user = kwargs.get("user")
        self.read_layout(dataset)
        self.rename_former_headers(dataset)
        if MonthlyAmounts.in_headers(dataset.headers):
            MonthlyAmounts(self).to_running_totals(dataset)
        super().before_import(dataset, **kwargs)
        self.known_records = self.records_with_file(dataset)

    def records_with_file(self, dataset):
        """{세부사업 id: {기준일: record}}: the database's records of the file's 세부사업, with the
        file's rows over them (unsaved), so that each row is checked against its real previous date."""
        from_file = {}
        self.budgets = {}
        for row in dataset.dict:
            try:
                record = ExecutionRecord(
                    detail=self.fields["detail"].clean(row), as_of=self.fields["as_of"].clean(row),
                    committed_amount=self.fields["committed_amount"].clean(row),
                    spent_amount=self.fields["spent_amount"].clean(row),
                    is_correction=CORRECTION in row and self.fields["is_correction"].clean(row),
                )
            except (ValueError, KeyError):
                continue  # the row's own error is reported by before_import_row
            from_file[(record.detail_id, record.as_of)] = record
            self.budgets[record.detail_id] = 0 if record.detail.carried_over else record.detail.budget_amount
        known = defaultdict(dict)
        for record in ExecutionRecord.objects.filter(detail_id__in={detail for detail, _ in from_file}):
            known[record.detail_id][record.as_of] = record
        for (detail, as_of), record in from_file.items():
            existing = known[detail].get(as_of)
            if existing is not None and CORRECTION not in dataset.headers:
                record.is_correction = existing.is_correction  # the column left out keeps the mark
            known[detail][as_of] = record
        return known

    def neighbours_of(self, record):
        """(previous, following) of a row among known_records: the nearest other dates."""
        dates = self.known_records.get(record.detail_id, {})
        earlier = [d for d in dates if d < record.as_of]
        later = [d for d in dates if d > record.as_of]
        return (dates[max(earlier)] if earlier else None, dates[min(later)] if later else None)

    def clean_instance(self, instance, exclude):
        instance.use_neighbours(*self.neighbours_of(instance))
        super().clean_instance(instance, exclude)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        for warning in self.plausibility_of(instance):
            self.warn(warning)

    def plausibility_of(self, record):
        """The preview's warnings for a valid row: check_report's implausible amounts, and 원인행위
        above 예산현액 (which check_report warns of only on the 기준일's line)."""
        previous = self.neighbours_of(record)[0]
        budget = self.budgets.get(record.detail_id, 0)
        as_recorded = figures.RecordedExecution(record.detail_id, record.as_of, record.committed_amount,
                                                record.spent_amount)
        warnings = checks.implausible_amounts(
            record.detail.name, budget, as_recorded,
            previous and figures.RecordedExecution(previous.detail_id, previous.as_of, previous.committed_amount,
                                                   previous.spent_amount))
        if budget < record.committed_amount <= checks.IMPLAUSIBLE_FACTOR * budget:
            warnings.append(f"{record.detail.name} {format_date(record.as_of)} 원인행위 누계액 "
                            f"{record.committed_amount:,}천원이 예산현액 {budget:,}천원보다 큽니다.")
        return warnings

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
                                         ["committed_amount", "spent_amount", "is_correction", "correction_reason"],
                                         batch_size=batch_size, default_user=self._history_user())
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def _history_user(self):
        user = getattr(self, "import_user", None)
        return user if getattr(user, "is_authenticated", False) else None

    def check_row(self, cleaned, row):
        if cleaned[SPENT] > cleaned[COMMITTED]:
            yield SPENT, f"지출 누계액({cleaned[SPENT]:,})이 원인행위 누계액({cleaned[COMMITTED]:,})보다 큽니다."
        if CORRECTION in row:
            try:
                self.fields["is_correction"].clean(row)
            except ValueError as error:
                yield CORRECTION, str(error)


RESOURCES = {
    "budget-lines": DetailProgramResource,
    "execution": ExecutionRecordResource,
}
