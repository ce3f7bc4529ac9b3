"""Gathers the consistency checks of every app's part for one report edition (`check_report`),
and checks the text of every record the report prints for what cannot print right."""
from collections import deque

from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast

from reports import glyphs
from reports.models import PublishedEdition, ReportEdition
from reports.safety import bidi_controls_in, strip_bidi_controls
from workreport.parts import PARTS

# Apps whose records the report prints; records of other editions and files are not read.
PRINTED_APPS = ("reports",) + tuple(part.name for part in PARTS)
NOT_PRINTED = (PublishedEdition,)
LABEL_LENGTH = 30


def check_year(edition, figures=None):
    """(errors, warnings) for the edition: Korean sentences naming the line and the figure.

    Errors mean a printed figure or page would be wrong; warnings are true figures a reader
    should notice (2024: 해외도시 디지털 정책교류 원인행위액 280,078 > 예산현액 280,000).
    `figures`: {part name: its figures of the edition} that the caller computed already (the home
    page shows some of them), so that no figure is computed twice.
    """
    figures = figures or {}
    errors, warnings = [], []
    for part in PARTS:
        subject = figures.get(part.name) or part.subject(edition)
        for check in part.checks:
            found_errors, found_warnings = check(subject)
            errors += found_errors
            warnings += found_warnings
    found_errors, found_warnings = check_printable_text(edition)
    return errors + found_errors, warnings + found_warnings


# ---------------------------------------------------------------- text that cannot print right

def path_to_edition(model) -> str | None:
    """The lookup from a model to its ReportEdition along foreign keys ("unit__policy__edition"),
    the shortest there is; "" for the edition itself, None when the model hangs from no edition."""
    if model is ReportEdition:
        return ""
    seen, queue = {model}, deque([(model, [])])
    while queue:
        current, path = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                continue
            target = field.related_model
            if target is ReportEdition:
                return "__".join(path + [field.name])
            if target not in seen and target._meta.app_label in PRINTED_APPS:
                seen.add(target)
                queue.append((target, path + [field.name]))
    return None


def text_fields(model) -> list:
    return [field for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices]


def printed_models():
    """(model, its text fields, its lookup to the edition) for every record family the report prints."""
    for label in PRINTED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model in NOT_PRINTED or hasattr(model, "history_id") or "history_id" in {
                    field.name for field in model._meta.concrete_fields}:
                continue  # django-simple-history's tables
            fields, path = text_fields(model), path_to_edition(model)
            if fields and path is not None:
                yield model, fields, path


def record_name(model, pk) -> str:
    """How a message names a record: its kind and its own name (read only for a finding)."""
    label = strip_bidi_controls(str(model.objects.get(pk=pk)))  # the message must not be reordered
    label = label if len(label) <= LABEL_LENGTH else label[:LABEL_LENGTH] + "…"
    return f"{model._meta.verbose_name} '{label}'"


def text_findings(name_of_place, text: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) for one printed text; name_of_place() names its field and record
    (called only when there is something to say: it reads the record)."""
    errors, warnings = [], []
    boxes, substituted = glyphs.unprintable(text)
    controls = bidi_controls_in(text)
    if not (boxes or substituted or controls):
        return errors, warnings
    where = name_of_place()
    if boxes:
        errors.append(f"{where}에 인쇄 글꼴에 없는 글자 {glyphs.describe(boxes)}가 있어 "
                      f"빈 네모로 인쇄됩니다. 다른 글자로 바꾸세요.")
    if substituted:
        warnings.append(f"{where}의 글자 {glyphs.describe(substituted)}는 {glyphs.REPORT_FONT}에 없어 "
                        f"다른 글꼴로 인쇄됩니다.")
    if controls:
        warnings.append(f"{where}에 글자 방향 제어 문자({', '.join(controls)})가 있습니다. "
                        f"인쇄할 때는 빼고 찍습니다.")
    return errors, warnings


def printed_texts(edition):
    """(model, pk, field, text) of every printed text of the edition, in one query (a UNION of one
    SELECT per record family and field), so that the home page's query budget holds."""
    columns, queries = [], []
    for model, fields, path in printed_models():
        rows = model.objects.filter(**({path: edition} if path else {"pk": edition.pk})).order_by()
        for field in fields:
            queries.append(rows.annotate(
                column=Value(len(columns), output_field=models.IntegerField()),
                printed=Cast(field.name, output_field=models.TextField()),
            ).values_list("column", "pk", "printed"))
            columns.append((model, field))
    if queries:
        for column, pk, text in queries[0].union(*queries[1:], all=True):
            model, field = columns[column]
            yield model, pk, field, text


def check_printable_text(edition):
    """(errors, warnings) for characters of printed text the report's fonts cannot draw (errors:
    they print as empty boxes; warnings: they print in another typeface) and for bidi controls
    (warnings: printing drops them). One query, and one more per finding (to name its record)."""
    errors, warnings = [], []
    for model, pk, field, text in printed_texts(edition):
        if not text or text.isascii() and text.isprintable():
            continue
        found_errors, found_warnings = text_findings(
            lambda: f"{record_name(model, pk)}의 {field.verbose_name}", text)  # noqa: B023 (called at once)
        errors += found_errors
        warnings += found_warnings
    return errors, warnings
