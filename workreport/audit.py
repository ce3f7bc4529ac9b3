"""What changed in the report's data since the last published edition, for auditors.

Every save and delete of report data leaves a django-simple-history record with who and when;
this module reads those records back and groups them the way an auditor checks a report:
per 단위사업 (its page with 사업개요, 추진실적 and 향후일정 lines, then its 단위사업/세부사업/집행
budget lines), then everything else (staffing, 세입·세출 과목, strategy …).

Each record is named by what it is in the report (세부사업 and 기준일, 직급 and 조사일, the page's
number and a line's first words), its values printed as the report prints them, its author by
name and login. The number of queries does not depend on how many changes or programmes there
are: one query per historical table, plus six to name records and place them under their programme.
cached_change_audit keeps the result in the shared cache until the next write (reports.page_cache).
"""
import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Subquery

from budget.models import DetailProgram, UnitProgram
from projects.changes import excerpt
from projects.models import AchievementItem, AchievementTableRow, Marker, ProgramPage
from projects.pages import TABLE_HEADER_LABEL
from projects.periods import Period, format_period
from reports.formatting import format_date, format_moment
from reports.history import HISTORY_USER_PERSON, amount_shown, historical_models, is_amount, person_and_login
from reports.models import PublishedEdition, ReportEdition
from reports.page_cache import cached_value
from staffing.models import Grade
from workreport.models import Desk, PartReview, ReviewStatus

KIND_LABELS = {"+": "추가", "~": "수정", "-": "삭제"}
# Attributes that name a record in a list, tried in order (no query: no foreign keys here).
LABEL_ATTRIBUTES = ("name", "text", "label", "title", "heading", "mission", "goal")
LABEL_LENGTH = 60
NONE = "(없음)"
SCHEDULE = "projects.scheduleitem"
# A 향후일정 line keeps its period in four fields; the report prints them as one 기간 ("10~12월").
PERIOD_FIELDS = ("starts_on", "ends_on", "precision", "written_period")
PERIOD_LABEL = "기간"
# Where a new or deleted line stands among its page's lines is not what an auditor reads.
PLACE_FIELDS = ("order",)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class ChangeEntry:
    """One historical record: who did what to which object, and the fields it changed."""

    when: datetime.datetime
    who: str
    kind: str
    model: str
    label: str
    object_id: int
    changes: list = field(default_factory=list)
    unit_id: int = None

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class ProgrammeChanges:
    unit: UnitProgram
    page_changes: list = field(default_factory=list)
    budget_changes: list = field(default_factory=list)


@dataclass
class ChangeAudit:
    edition: ReportEdition
    since: datetime.datetime
    since_publication: PublishedEdition = None
    programmes: list = field(default_factory=list)
    other_changes: list = field(default_factory=list)
    review_steps: list = field(default_factory=list)  # the report cycle's transitions (ReviewStep)

    @property
    def published_by(self):
        return person_and_login(self.since_publication.published_by) if self.since_publication else ""

    @property
    def count(self):
        return (sum(len(p.page_changes) + len(p.budget_changes) for p in self.programmes) + len(self.other_changes)
                + len(self.review_steps))


@dataclass(frozen=True)
class ReviewStep:
    """One transition of the report cycle: who moved which part to which status, when and why."""

    when: datetime.datetime
    who: str
    round: str
    part: str
    status: str
    why: str


def review_steps(edition, since):
    """The report cycle's transitions of the edition's rounds since `since`, newest first (one query)."""
    records = (PartReview.history.filter(round__edition=edition, history_date__gt=since)
               .exclude(history_change_reason="차수 열기")
               .select_related(HISTORY_USER_PERSON, "round", "page__unit").order_by("-history_date", "-history_id"))
    return [
        ReviewStep(record.history_date, person_and_login(record.history_user), str(record.round),
                   str(record.page.unit) if record.page_id else Desk(record.desk).label,
                   ReviewStatus(record.status).label, record.history_change_reason or "")
        for record in records
    ]


# ------------------------------------------------------------------ since when

def latest_publication(edition):
    return edition.publications.select_related("published_by__staff_profile__person").order_by("-published_at", "-pk").first()


def load_finished_at(edition):
    """When the edition's load ended: the last record written without a user after the edition's
    own record, before the first change made by a person (two queries over the history tables)."""
    created = edition.history.order_by("history_date").values_list("history_date", flat=True).first()
    if created is None:
        return None
    tables = [model._meta.db_table for model in historical_models()]
    quote = connection.ops.quote_name

    def union(select, where, params):
        sql = " UNION ALL ".join(f"SELECT {select} AS moment FROM {quote(t)} WHERE {where}" for t in tables)
        with connection.cursor() as cursor:
            cursor.execute(sql, params * len(tables))
            moments = [row[0] for row in cursor.fetchall() if row[0] is not None]
        return [_aware(moment) for moment in moments]

    humans = union("MIN(history_date)", "history_date >= %s AND history_user_id IS NOT NULL", [created])
    first_human = min(humans) if humans else None
    if first_human is None:
        loads = union("MAX(history_date)", "history_date >= %s AND history_user_id IS NULL", [created])
    else:
        loads = union("MAX(history_date)", "history_date >= %s AND history_date < %s AND history_user_id IS NULL",
                      [created, first_human])
    return max(loads) if loads else created


def _aware(moment):
    if isinstance(moment, str):  # SQLite returns text from a raw aggregate
        moment = datetime.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


# ------------------------------------------------------------------ reading history

def shown(value, model_field=None):
    """A value as the report prints it: 502,634천원 (△ for a minus), 2024. 11. 1., a choice's label."""
    if model_field is not None and model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, datetime.datetime):
        return format_moment(value)
    if isinstance(value, datetime.date):
        return format_date(value)
    if model_field is not None and is_amount(model_field):
        return amount_shown(value, model_field)
    return str(value)


def shown_fields(meta):
    """The fields a reader sees: not the id, nor the parent the record's name already says, nor
    what the machine keeps (판, 최종 수정); the four fields of a 향후일정 period print as one 기간."""
    return [
        f for f in meta.concrete_fields
        if f.editable and not f.primary_key and not f.is_relation and f.name not in PERIOD_FIELDS
    ]


def period_label(record, year):
    """A 향후일정 record's period as the report prints it (projects.periods), "(없음)" for none."""
    period = None
    if record.ends_on is not None or record.written_period:
        period = Period(record.starts_on, record.ends_on, record.precision, record.written_period)
    return format_period(period, year) or NONE


def field_values(record, year):
    """Every field of a record added or deleted, as FieldChange(field, old="", new=its value):
    what was added, or what was deleted."""
    meta = record.instance_type._meta
    values = [
        FieldChange(str(f.verbose_name), "", shown(getattr(record, f.attname), f))
        for f in shown_fields(meta) if f.name not in PLACE_FIELDS
    ]
    if meta.label_lower == SCHEDULE:
        values.append(FieldChange(PERIOD_LABEL, "", period_label(record, year)))
    # An unset flag (감액·반납 정정: 아니오) says nothing about what was added.
    return [value for value in values if value.new not in (NONE, shown(False))]


def related_shown(pk, model_field, grades):
    if pk is None:
        return NONE
    if model_field.related_model is Grade:
        return grades.get(pk, f"#{pk}")
    return f"#{pk}"


def field_changes(record, previous, year, grades):
    """The fields a save changed, old → new, each as the report prints it; a 직급 by its name,
    another parent by its id (a line moved to another page, rare)."""
    meta = record.instance_type._meta
    wanted = {f.name for f in shown_fields(meta)} | {f.name for f in meta.concrete_fields if f.is_relation}
    changes = []
    for change in record.diff_against(previous).changes:
        if change.field not in wanted:
            continue
        model_field = meta.get_field(change.field)
        if model_field.is_relation:
            old, new = (related_shown(pk, model_field, grades) for pk in (change.old, change.new))
        else:
            old, new = shown(change.old, model_field), shown(change.new, model_field)
        changes.append(FieldChange(str(model_field.verbose_name), old, new))
    if meta.label_lower == SCHEDULE:
        old, new = period_label(previous, year), period_label(record, year)
        if old != new:
            changes.append(FieldChange(PERIOD_LABEL, old, new))
    return changes


def entries_of(history_model, since):
    """(record, the record before it or None) for each record of `history_model` made after
    `since`; the one before may be older than `since`. One query."""
    model = history_model.instance_type
    pk = model._meta.pk.attname
    changed = history_model.objects.filter(history_date__gt=since).values(pk)
    records = (
        history_model.objects.filter(**{f"{pk}__in": Subquery(changed)})
        .select_related(HISTORY_USER_PERSON)
        .order_by(pk, "history_date", "history_id")
    )
    found = []
    previous = None
    for record in records:
        if previous is not None and getattr(previous, pk) != getattr(record, pk):
            previous = None
        if record.history_date > since and not (record.history_type == "~" and previous is None):
            found.append((record, previous))
        previous = record
    return found


def entry_of(record, previous, name, year, grades):
    """The ChangeEntry of one record, or None for a save that changed nothing a reader sees
    (e.g. a page saved for its inline rows only)."""
    if record.history_type == "~":
        changes = field_changes(record, previous, year, grades)
        if not changes:
            return None
    else:
        changes = field_values(record, year)
    model = record.instance_type
    return ChangeEntry(
        when=record.history_date, who=person_and_login(record.history_user), kind=record.history_type,
        model=str(model._meta.verbose_name), label=name,
        object_id=getattr(record, model._meta.pk.attname), changes=changes,
    )


# ------------------------------------------------------------------ naming and placing records

PAGE_LINE_MODELS = {"projects.overviewsubitem", "projects.achievementitem", SCHEDULE, "projects.programcontact"}


def newest_by_id(values):
    """{id: the rest of the row} from rows (id, …) read oldest first: the newest record wins."""
    return {row[0]: row[1:] for row in values}


class RecordPlaces:
    """Where each changed record belongs and what it is called, looked up once for the whole audit:
    six queries whatever the number of records. Names are read from the history (newest record),
    so a deleted 세부사업 or line is still named."""

    def __init__(self, records_by_label):
        def ids(label, attribute, keep=lambda record: True):
            return {getattr(r, attribute) for r, _ in records_by_label.get(label, []) if keep(r)}

        oldest_first = ("history_date", "history_id")
        self.page_units = dict(ProgramPage.history.order_by(*oldest_first).values_list("id", "unit_id"))
        self.unit_numbers = dict(UnitProgram.history.order_by(*oldest_first).values_list("id", "number"))
        self.item_pages = dict(
            AchievementItem.history.filter(id__in=ids("projects.achievementtablerow", "item_id"))
            .order_by(*oldest_first).values_list("id", "page_id")
        )
        self.details = newest_by_id(
            DetailProgram.history.filter(id__in=ids("budget.executionrecord", "detail_id"))
            .order_by(*oldest_first).values_list("id", "unit_id", "name")
        )
        self.grades = dict(Grade.objects.values_list("id", "name"))
        tables = ids("projects.achievementitem", "id", lambda record: record.marker == Marker.TABLE)
        self.table_names = table_names(tables)

    def number_of_page(self, page_id):
        return self.unit_numbers.get(self.page_units.get(page_id), "")

    def unit_of(self, label, record):
        """(단위사업 id, "page" | "budget"), or (None, None) for the other changes."""
        if label == "projects.programpage":
            return record.unit_id, "page"
        if label in PAGE_LINE_MODELS:
            return self.page_units.get(record.page_id), "page"
        if label == "projects.achievementtablerow":
            return self.page_units.get(self.item_pages.get(record.item_id)), "page"
        if label == "budget.unitprogram":
            return record.id, "budget"
        if label == "budget.detailprogram":
            return record.unit_id, "budget"
        if label == "budget.executionrecord":
            return self.details.get(record.detail_id, (None,))[0], "budget"
        return None, None

    def name(self, label, record):
        """What the record is, as an auditor looks it up in the report: "1-1 '어르신 디지털상담…'",
        "해외 전시 서울관 2024. 11. 30.", "7급 2024. 11. 1. 조사", "1-1 (표) 교육 완료 외 1행"."""
        if label == "projects.programpage":
            return f"{self.unit_numbers.get(record.unit_id, '')} 사업개요"
        if label == "projects.achievementitem" and record.marker == Marker.TABLE:
            return f"{self.number_of_page(record.page_id)} {self.table_names.get(record.id, '(표)')}"
        if label == "projects.programcontact":
            return f"{self.number_of_page(record.page_id)} {shown(record.role, record._meta.get_field('role'))}"
        if label in PAGE_LINE_MODELS:
            return f"{self.number_of_page(record.page_id)} {excerpt(record.text)}"
        if label == "projects.achievementtablerow":
            return f"{self.number_of_page(self.item_pages.get(record.item_id))} 표 행 {excerpt(record.label)}"
        if label == "budget.executionrecord":
            return f"{self.details.get(record.detail_id, (None, '(지운 세부사업)'))[1]} {format_date(record.as_of)}"
        if label == "staffing.currentheadcount":
            return f"{self.grades.get(record.grade_id, '')} {format_date(record.as_of)} 조사"
        if label == "staffing.authorisedheadcount":
            return f"{self.grades.get(record.grade_id, '')} {format_date(record.effective_from)} 시행"
        if label == "staffing.headcountcensus":
            return f"{format_date(record.as_of)} 조사"
        if label == "staffing.contractstaffcount":
            return f"{format_date(record.as_of)} 기준"
        return attribute_name(record)


def table_names(item_ids):
    """{추진실적 table line id: "(표) 교육 완료 외 1행"}: its first row's 구분 (after a "구분" header
    row, as projects.pages prints it) and how many rows follow, from the rows' history (a deleted
    table keeps its rows' names). One query."""
    rows = newest_by_id(
        AchievementTableRow.history.filter(item_id__in=item_ids).order_by("history_date", "history_id")
        .values_list("id", "item_id", "order", "label", "history_type")
    )
    by_item = {}
    for row_id, (item_id, order, label, kind) in rows.items():
        by_item.setdefault(item_id, []).append((kind == "-", order, row_id, label))
    names = {}
    for item_id, item_rows in by_item.items():
        kept = sorted([row for row in item_rows if not row[0]] or item_rows)  # a deleted table: its last rows
        if len(kept) > 1 and kept[0][3].replace(" ", "") == TABLE_HEADER_LABEL:
            kept = kept[1:]  # the "구분 | …" row prints as the table's header, not as one of its rows
        others = f" 외 {len(kept) - 1}행" if len(kept) > 1 else ""
        names[item_id] = f"(표) {kept[0][3]}{others}"
    return names


def attribute_name(record):
    for attribute in LABEL_ATTRIBUTES:
        value = getattr(record, attribute, None)
        if value:
            text = str(value)
            return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH] + "…"
    return f"#{getattr(record, record.instance_type._meta.pk.attname)}"


def change_audit(edition):
    """Every change of report data since the edition's last publication (or since it was loaded)."""
    publication = latest_publication(edition)
    since = publication.published_at if publication else (load_finished_at(edition) or edition_created(edition))
    audit = ChangeAudit(edition=edition, since=since, since_publication=publication)
    if since is None:
        return audit

    records_by_label = {}
    for history_model in historical_models():
        found = entries_of(history_model, since)
        if found:
            records_by_label[history_model.instance_type._meta.label_lower] = found
    places = RecordPlaces(records_by_label)

    units = list(
        UnitProgram.objects.filter(policy__edition=edition).select_related("policy")
        .order_by("policy__order", "order")
    )
    by_unit = {unit.pk: ProgrammeChanges(unit) for unit in units}
    for label, found in records_by_label.items():
        for record, previous in found:
            entry = entry_of(record, previous, places.name(label, record), edition.year, places.grades)
            if entry is None:
                continue
            unit_id, part = places.unit_of(label, record)
            group = by_unit.get(unit_id)
            if group is None:
                audit.other_changes.append(entry)
            elif part == "page":
                group.page_changes.append(entry)
            else:
                group.budget_changes.append(entry)

    newest_first = lambda entries: entries.sort(key=lambda e: e.when, reverse=True)  # noqa: E731
    for group in by_unit.values():
        newest_first(group.page_changes)
        newest_first(group.budget_changes)
    newest_first(audit.other_changes)
    audit.programmes = [g for g in by_unit.values() if g.page_changes or g.budget_changes]
    audit.review_steps = review_steps(edition, since)
    return audit


def cached_change_audit(edition):
    """change_audit(edition) from the shared cache: its forty queries run once per state of the
    data (every history record, publication, review step and login name it reads is in a table
    the data's token covers: reports.data_version), not once a request (issue 11, part 9)."""
    return cached_value("change-audit", (edition.pk,), lambda: change_audit(edition))


def edition_created(edition):
    return edition.history.order_by("history_date").values_list("history_date", flat=True).first()
