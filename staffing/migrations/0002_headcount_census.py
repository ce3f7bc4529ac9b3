"""현원 as a census: the existing 현원 and 계약직 rows grouped by their date into one HeadcountCensus
each, their own history kept (and pointed at the census too); then every row must have its census."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def group_rows_by_date(apps, schema_editor):
    Census = apps.get_model("staffing", "HeadcountCensus")
    HistoricalCensus = apps.get_model("staffing", "HistoricalHeadcountCensus")
    models_by_date = [
        apps.get_model("staffing", name)
        for name in ("CurrentHeadcount", "ContractStaffCount", "HistoricalCurrentHeadcount", "HistoricalContractStaffCount")
    ]
    dates = set()
    for model in models_by_date[:2]:
        dates.update(model.objects.values_list("as_of", flat=True))
    for day in sorted(dates):
        census = Census.objects.create(as_of=day, note="기존 현원·계약직 기록을 조사일별로 묶음")
        HistoricalCensus.objects.create(
            id=census.pk, as_of=day, note=census.note, history_date=timezone.now(), history_type="+",
            history_change_reason="기존 기록을 조사일별로 묶음",
        )
        for model in models_by_date:
            model.objects.filter(as_of=day).update(census=census)


class Migration(migrations.Migration):

    dependencies = [
        ('staffing', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HeadcountCensus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('as_of', models.DateField(error_messages={'unique': '같은 조사일의 현원 조사가 이미 있습니다.'}, unique=True, verbose_name='조사일')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='비고')),
            ],
            options={
                'verbose_name': '현원 조사',
                'verbose_name_plural': '현원 조사',
                'ordering': ['-as_of'],
            },
        ),
        migrations.AlterField(
            model_name='authorisedheadcount',
            name='effective_from',
            field=models.DateField(help_text='정원은 직급마다 시행일부터 다음 시행일 전까지 적용됩니다. 바뀐 직급만 적으면 되고, 바꾸지 않은 직급은 이전 정원이 그대로 적용됩니다.', verbose_name='시행일'),
        ),
        migrations.AlterField(
            model_name='historicalauthorisedheadcount',
            name='effective_from',
            field=models.DateField(help_text='정원은 직급마다 시행일부터 다음 시행일 전까지 적용됩니다. 바뀐 직급만 적으면 되고, 바꾸지 않은 직급은 이전 정원이 그대로 적용됩니다.', verbose_name='시행일'),
        ),
        migrations.AddField(
            model_name='contractstaffcount',
            name='census',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='contract_staff', to='staffing.headcountcensus', verbose_name='현원 조사'),
        ),
        migrations.AddField(
            model_name='currentheadcount',
            name='census',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='staffing.headcountcensus', verbose_name='현원 조사'),
        ),
        migrations.AddField(
            model_name='historicalcontractstaffcount',
            name='census',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='staffing.headcountcensus', verbose_name='현원 조사'),
        ),
        migrations.AddField(
            model_name='historicalcurrentheadcount',
            name='census',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='staffing.headcountcensus', verbose_name='현원 조사'),
        ),
        migrations.CreateModel(
            name='HistoricalHeadcountCensus',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('as_of', models.DateField(db_index=True, error_messages={'unique': '같은 조사일의 현원 조사가 이미 있습니다.'}, verbose_name='조사일')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='비고')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical 현원 조사',
                'verbose_name_plural': 'historical 현원 조사',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(group_rows_by_date, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='contractstaffcount',
            name='census',
            field=models.OneToOneField(blank=True, on_delete=django.db.models.deletion.CASCADE, related_name='contract_staff', to='staffing.headcountcensus', verbose_name='현원 조사'),
        ),
        migrations.AlterField(
            model_name='currentheadcount',
            name='census',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='staffing.headcountcensus', verbose_name='현원 조사'),
        ),
    ]
