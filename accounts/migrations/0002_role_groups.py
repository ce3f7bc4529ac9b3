"""The role groups (팀장, 인사담당, 예산담당, 감사, 업무보고 발행) with the permissions of accounts.roles.

Permission rows are normally created after all migrations (post_migrate), so this migration
creates the missing ones first; accounts.apps re-syncs the groups after every migrate, so
permissions of models added later join the groups too.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role_groups(apps, schema_editor):
    from accounts.roles import sync_role_groups

    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips app configs without models
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_role_groups(apps, schema_editor):
    from accounts.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reports", "0002_publishededition"),
        ("staffing", "0001_initial"),
        ("budget", "0001_initial"),
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="staffprofile",
            options={
                "permissions": [("view_change_audit", "지난 발행 이후 변경 내역 보기")],
                "verbose_name": "직원 계정",
                "verbose_name_plural": "직원 계정",
            },
        ),
        migrations.RunPython(create_role_groups, remove_role_groups),
    ]
