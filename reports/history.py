"""Which apps hold the report's data, and the tables that record every change to it.

The draft PDF's cache key (workreport.publishing) and the auditors' page (workreport.audit) both
read the change history of exactly these models.
"""
import datetime

from django.apps import apps
from django.db import models
from simple_history.models import HistoricalChanges
from simple_history.template_utils import HistoricalRecordContextHelper

from reports.apps import REPORT_APPS
from reports.formatting import format_amount, format_date, format_moment
from reports.models import PublishedEdition

# From a history record to the person behind its login (accounts.StaffProfile → staffing.Person),
# named by string for select_related: reports imports no app.
HISTORY_USER_PERSON = "history_user__staff_profile__person"
SYSTEM_USER = "(시스템: 불러오기·명령)"  # a record written outside a request: load_report, a script


def historical_models():
    """The simple_history tables of the report apps (one per model with `history`), by table name."""
    return sorted(
        (model for model in apps.get_models()
         if model._meta.app_label in REPORT_APPS and issubclass(model, HistoricalChanges)),
        key=lambda model: model._meta.db_table,
    )


def untracked_models():
    """Report models without history (e.g. Grade), the published files aside."""
    return sorted(
        (model for model in apps.get_models()
         if model._meta.app_label in REPORT_APPS and not issubclass(model, HistoricalChanges)
         and not hasattr(model, "history") and model is not PublishedEdition),
        key=lambda model: model._meta.db_table,
    )


def person_and_login(user):
    """Who made a change, as a reader recognises them: "고설태 (teamlead)" for a login tied to a
    person (or with a full name), the login alone otherwise, SYSTEM_USER for no login at all.

    Reads `user.staff_profile.person` without a query when the history was fetched with
    select_related(HISTORY_USER_PERSON).
    """
    if user is None:
        return SYSTEM_USER
    login = user.get_username()
    profile = getattr(user, "staff_profile", None)  # RelatedObjectDoesNotExist is an AttributeError
    person = getattr(profile, "person", None)
    name = person.name if person is not None else user.get_full_name()
    return f"{name} ({login})" if name else login


def is_amount(model_field):
    """Money is a BigIntegerField of 천원 in every app (budget.models.amount_field); counts are not."""
    return isinstance(model_field, models.BigIntegerField)


def amount_shown(value, model_field):
    """532,634 under a field named "… (천원)", else 532,634천원; △ for a minus."""
    return f"{format_amount(value)}{'' if '천원' in str(model_field.verbose_name) else '천원'}"


class ReportHistoryContextHelper(HistoricalRecordContextHelper):
    """The admin's 변경 이력 shows each old → new value as the report prints it: 532,634천원 (△ for a
    minus), 2024. 11. 30., "" for nothing (not "None")."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        model_field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return ""
        if isinstance(value, datetime.datetime):
            return format_moment(value)
        if isinstance(value, datetime.date):
            return format_date(value)
        if is_amount(model_field) and isinstance(value, int):
            return amount_shown(value, model_field)
        return value
