"""The data's token and its triggers (reports.data_version): every write to a table of the report's
apps, by whatever path (a save, QuerySet.update(), a bulk write, raw SQL), changes the token the
pages' caches are keyed by. Here, after every covered app's tables exist; a later migration that
adds or remakes a covered table runs reports.data_version.install again (tests/test_page_cache.py
names a table left without its trigger)."""
from django.db import migrations

from reports import data_version


def install(apps, schema_editor):
    data_version.install(schema_editor.connection, apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reports", "0004_published_review_override"),
        ("staffing", "0002_headcount_census"),
        ("budget", "0003_execution_message"),
        ("projects", "0003_space_line_orders"),
        ("accounts", "0002_role_groups"),
        ("workreport", "0001_reporting_round"),
    ]
    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
