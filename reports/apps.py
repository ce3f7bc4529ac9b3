from django.apps import AppConfig

# The apps that hold the report's data (each with its change history); every role reads them.
REPORT_APPS = ("reports", "staffing", "budget", "projects")


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "업무보고"
