from django.apps import AppConfig


class WorkReportConfig(AppConfig):
    """The 주요 업무보고 as a whole: composes staffing, budget and projects into the report."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "workreport"
    verbose_name = "업무보고"
