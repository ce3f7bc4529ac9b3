from django.apps import AppConfig
from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate

from accounts.roles import sync_role_groups


def resync_role_groups(sender, apps=None, using="default", **kwargs):
    """After every migrate (and test flush): permissions of models added since join the role groups."""
    registry = apps or django_apps
    try:
        group_model = registry.get_model("auth", "Group")
        permission_model = registry.get_model("auth", "Permission")
    except LookupError:
        return
    # Django creates permissions app by app as each app's post_migrate runs; an app after this one
    # (workreport) would not have its permissions yet. Every migration has run by now: create them all.
    for app_config in django_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=registry)
    sync_role_groups(group_model, permission_model)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "사용자·권한"

    def ready(self):
        # Runs after auth's create_permissions (auth is readied first), once this app has migrated.
        post_migrate.connect(resync_role_groups, sender=self, dispatch_uid="accounts.resync_role_groups")
