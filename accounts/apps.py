from django.apps import AppConfig
from django.apps import apps as django_apps
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
    sync_role_groups(group_model, permission_model)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "사용자·권한"

    def ready(self):
        # Runs after auth's create_permissions (auth is readied first), once this app has migrated.
        post_migrate.connect(resync_role_groups, sender=self, dispatch_uid="accounts.resync_role_groups")
