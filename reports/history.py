"""Which apps hold the report's data, and the tables that record every change to it.

The draft PDF's cache key (workreport.publishing) and the auditors' page (workreport.audit) both
read the change history of exactly these models.
"""
from django.apps import apps
from simple_history.models import HistoricalChanges

from reports.apps import REPORT_APPS
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
