"""판 of a published edition: the first, second … publication of its year, printed on the file."""
import django.core.validators
from django.db import migrations, models


def number_existing_publications(apps, schema_editor):
    """Files published before 판 existed are numbered in the order they were published."""
    PublishedEdition = apps.get_model("reports", "PublishedEdition")
    issues = {}
    for published in PublishedEdition.objects.order_by("edition_id", "published_at", "pk"):
        issues[published.edition_id] = issues.get(published.edition_id, 0) + 1
        # .update(): the model's save() refuses to change a published record, and only 판 changes
        PublishedEdition.objects.filter(pk=published.pk).update(issue=issues[published.edition_id])


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_publishededition"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishededition",
            name="issue",
            field=models.PositiveSmallIntegerField(
                default=1, help_text="그 연도판의 몇 번째 발행인지: 표지와 쪽마다 '제1판'처럼 인쇄됩니다.",
                validators=[django.core.validators.MinValueValidator(1)], verbose_name="판"),
        ),
        migrations.RunPython(number_existing_publications, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="publishededition",
            constraint=models.UniqueConstraint(fields=("edition", "issue"), name="published_edition_issue_once"),
        ),
    ]
