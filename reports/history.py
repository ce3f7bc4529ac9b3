"""Which apps hold the report's data, and the tables that record every change to it.

The draft PDF's cache key (workreport.publishing) and the auditors' page (workreport.audit) both
read the change history of exactly these models.
"""
from django.apps import apps
from simple_history.models import HistoricalChanges

from reports.apps import REPORT_APPS
from reports.models import PublishedEdition


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
