"""What changed in the report's data since the last published edition, for auditors.

Every save and delete of report data leaves a django-simple-history record with who and when;
this module reads those records back and groups them the way an auditor checks a report:
per 단위사업 (its page with 사업개요, 추진실적 and 향후일정 lines, then its 단위사업/세부사업/집행
budget lines), then everything else (staffing, 세입·세출 과목, strategy …).

The number of queries does not depend on how many changes or programmes there are: one query
per historical table, plus a handful to place lines under their programme.
"""
import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Subquery

from budget.models import DetailProgram, UnitProgram
from projects.models import AchievementItem, ProgramPage
from reports.history import historical_models
from reports.models import PublishedEdition, ReportEdition

KIND_LABELS = {"+": "추가", "~": "수정", "-": "삭제"}
# Attributes that name a record in a list, tried in order (no query: no foreign keys here).
LABEL_ATTRIBUTES = ("name", "text", "label", "title", "heading", "mission", "goal")
LABEL_LENGTH = 60


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

    @property
    def count(self):
        return sum(len(p.page_changes) + len(p.budget_changes) for p in self.programmes) + len(self.other_changes)


# ------------------------------------------------------------------ since when

def latest_publication(edition):
    return edition.publications.select_related("published_by").order_by("-published_at", "-pk").first()


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

def _who(record):
    user = record.history_user
    if user is None:
        return "(시스템: 불러오기·명령)"
    return user.get_full_name() or user.get_username()


def _label(record):
    for attribute in LABEL_ATTRIBUTES:
        value = getattr(record, attribute, None)
        if value:
            text = str(value)
            return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH] + "…"
    return f"#{getattr(record, record.instance_type._meta.pk.attname)}"


def _shown(value, model_field=None):
    if model_field is not None and model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if value is None or value == "":
        return "(없음)"
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _field_changes(record, previous):
    delta = record.diff_against(previous)
    meta = record.instance_type._meta
    changes = []
    for change in delta.changes:
        model_field = meta.get_field(change.field)
        changes.append(FieldChange(
            str(model_field.verbose_name), _shown(change.old, model_field), _shown(change.new, model_field)
        ))
    return changes


def entries_of(history_model, since):
    """Records of `history_model` made after `since`, each diffed against the record before it
    (which may be older than `since`): one query."""
    model = history_model.instance_type
    pk = model._meta.pk.attname
    changed = history_model.objects.filter(history_date__gt=since).values(pk)
    records = (
        history_model.objects.filter(**{f"{pk}__in": Subquery(changed)})
        .select_related("history_user")
        .order_by(pk, "history_date", "history_id")
    )
    entries = []
    previous = None
    for record in records:
        if previous is not None and getattr(previous, pk) != getattr(record, pk):
            previous = None
        if record.history_date > since:
            entry = _entry(record, previous, model)
            if entry is not None:
                entries.append((record, entry))
        previous = record
    return entries


def _entry(record, previous, model):
    changes = []
    if record.history_type == "~":
        if previous is None:
            return None
        changes = _field_changes(record, previous)
        if not changes:
            return None  # saved unchanged (e.g. a page saved for its inline rows only)
    return ChangeEntry(
        when=record.history_date, who=_who(record), kind=record.history_type,
        model=str(model._meta.verbose_name), label=_label(record),
        object_id=getattr(record, model._meta.pk.attname), changes=changes,
    )


# ------------------------------------------------------------------ placing under programmes

PAGE_LINE_MODELS = {"projects.overviewsubitem", "projects.achievementitem", "projects.scheduleitem",
                    "projects.programcontact"}


def _unit_finder(records_by_label):
    """A function giving the 단위사업 id of a history record, or None for 'other changes'."""
    page_units = dict(ProgramPage.history.values_list("id", "unit_id").distinct())
    item_ids = {r.item_id for r, _ in records_by_label.get("projects.achievementtablerow", [])}
    item_pages = dict(AchievementItem.history.filter(id__in=item_ids).values_list("id", "page_id").distinct())
    detail_ids = {r.detail_id for r, _ in records_by_label.get("budget.executionrecord", [])}
    detail_units = dict(DetailProgram.history.filter(id__in=detail_ids).values_list("id", "unit_id").distinct())

    def unit_of(label, record):
        if label == "projects.programpage":
            return record.unit_id, "page"
        if label in PAGE_LINE_MODELS:
            return page_units.get(record.page_id), "page"
        if label == "projects.achievementtablerow":
            return page_units.get(item_pages.get(record.item_id)), "page"
        if label == "budget.unitprogram":
            return record.id, "budget"
        if label == "budget.detailprogram":
            return record.unit_id, "budget"
        if label == "budget.executionrecord":
            return detail_units.get(record.detail_id), "budget"
        return None, None

    return unit_of


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
    unit_of = _unit_finder(records_by_label)

    units = list(
        UnitProgram.objects.filter(policy__edition=edition).select_related("policy")
        .order_by("policy__order", "order")
    )
    by_unit = {unit.pk: ProgrammeChanges(unit) for unit in units}
    for label, found in records_by_label.items():
        for record, entry in found:
            unit_id, part = unit_of(label, record)
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
    return audit


def edition_created(edition):
    return edition.history.order_by("history_date").values_list("history_date", flat=True).first()
