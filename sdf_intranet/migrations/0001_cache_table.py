"""The shared cache's table (settings.CACHES, DatabaseCache) made by `migrate`, so that no
database of the site lacks it: a draft PDF asked of a database without it would be a 500.
Idempotent, and nothing to do when the cache is Redis (REDIS_URL)."""
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
