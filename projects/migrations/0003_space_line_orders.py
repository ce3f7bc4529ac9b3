"""Lines numbered 1, 2, 3 … are numbered 10, 20, 30 …, as load_report now numbers them, so that a
line typed between two others in the editor takes a free number and leaves the rest as they are
(projects.sections). Order only, in the same order; no history record is written for it."""
from itertools import groupby

from django.db import migrations

LINE_MODELS = ("OverviewSubItem", "AchievementItem", "ScheduleItem")
STEP = 10


def space_orders(apps, schema_editor):
    for name in LINE_MODELS:
        model = apps.get_model("projects", name)
        lines = model.objects.order_by("page_id", "order", "pk").only("pk", "page_id", "order")
        renumbered = []
        for _, page_lines in groupby(lines, key=lambda line: line.page_id):
            page_lines = list(page_lines)
            orders = [line.order for line in page_lines]
            if orders[0] >= STEP and all(b - a >= 2 for a, b in zip(orders, orders[1:])):
                continue  # room between every two lines already
            for position, line in enumerate(page_lines, start=1):
                line.order = STEP * position
                renumbered.append(line)
        model.objects.bulk_update(renumbered, ["order"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_schedule_written_period")]
    operations = [migrations.RunPython(space_orders, migrations.RunPython.noop)]
