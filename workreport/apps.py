from django.apps import AppConfig

from reports import locks


class WorkReportConfig(AppConfig):
    """The 주요 업무보고 as a whole: composes staffing, budget and projects into the report."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "workreport"
    verbose_name = "업무보고"

    def ready(self):
        # A part 확정 in the round in progress is read-only on every admin page and import below.
        locks.register("workreport.review.locked_reason")
