"""The site's admin: Korean titles, and the index and sidebar in the order of the report, listing
what the user works on rather than everything they may read.

Installed as the default site (IntranetAdminConfig in INSTALLED_APPS), so every app's
`@admin.register` lands here without naming it.
"""
from django.contrib import admin
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks
from django.utils.functional import SimpleLazyObject

# The report's apps first, in the order of the report (I 일반현황: 연도판, 조직·인력, 예산; II 추진전략;
# III 주요 현안업무), each model after the one a team opens first. Other apps follow as Django lists them.
REPORT_ORDER = [
    ("reports", ["reportedition", "purposebusiness", "publishededition"]),
    ("staffing", ["orgunit", "dutygroup", "dutyitem", "person", "post",
                  "grade", "authorisedheadcount", "headcountcensus", "currentheadcount", "contractstaffcount"]),
    ("budget", ["revenueaccount", "expenditureaccount", "policyprogram", "unitprogram",
                "detailprogram", "executionrecord"]),
    ("projects", ["programpage", "programcontact", "overviewsubitem", "achievementitem",
                  "achievementtablerow", "scheduleitem",
                  "strategy", "corevalue", "midtermgoal", "strategicgoal", "strategictask"]),
]


# Set on a request while the admin's each_context builds it (IntranetAdminSite.each_context).
LISTING_LATER = "_sdf_admin_app_list_later"


def in_report_order(app_list):
    """The admin index and sidebar in the order of the report rather than alphabetical."""
    app_rank = {label: rank for rank, (label, _) in enumerate(REPORT_ORDER)}
    for app in app_list:
        model_rank = {name: rank for rank, name in enumerate(dict(REPORT_ORDER).get(app["app_label"], []))}
        app["models"].sort(key=lambda m: model_rank.get(m["object_name"].lower(), len(model_rank)))
    return sorted(app_list, key=lambda app: app_rank.get(app["app_label"], len(app_rank)))


def may_write(model_entry) -> bool:
    perms = model_entry["perms"]  # the model admin's get_model_perms(request), with its own scoping
    return bool(perms.get("add") or perms.get("change"))


def what_the_user_writes(app_list):
    """Only the models the user may add or change, when there is any; otherwise the list as it is.

    The rule is read from each model's permissions (the `perms` Django puts in every entry), never
    from role names, and it gives each role of accounts.roles what its job needs:

    - 팀장 (team lead) reads every model of the report but changes only their programmes: the list
      shrinks from 30 models to the five they edit (주요 현안업무, 사업내용 세부 항목, 추진실적,
      추진실적 표 행, 향후일정). What they read is in the report's preview and the desk pages.
    - 인사담당 and 예산담당 see their desk's models (인력·조직, 예산·집행) and not the others';
      업무보고 발행 is given with 인사담당 and publishes on the site's page, so it sees 인력·조직.
    - 감사 (auditor) changes nothing: reading everything is the job, so the whole list stays.

    A superuser is not asked (IntranetAdminSite.get_app_list): they look after all the data, and
    the models nobody changes in the admin (발행본, immutable by construction) are theirs to see too.

    A hidden model stays where it was: its pages open by URL with the same permissions as before
    (tests/test_every_url.py). For one app's index (app_label), the same rule within that app: an
    app the user only reads keeps its whole list, so its breadcrumb link never leads to a 404.
    """
    if not any(may_write(model) for app in app_list for model in app["models"]):
        return app_list
    written = []
    for app in app_list:
        models = [model for model in app["models"] if may_write(model)]
        if models:
            written.append({**app, "models": models})
    return written


class IntranetAdminSite(admin.AdminSite):
    site_header = "서울디지털재단 인트라넷"
    site_title = "서울디지털재단 인트라넷"
    index_title = "업무보고 데이터 관리"

    def get_app_list(self, request, app_label=None):
        if app_label is None and getattr(request, LISTING_LATER, False):
            return SimpleLazyObject(lambda: self.listed_apps(request))
        return self.listed_apps(request, app_label)

    def listed_apps(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if not request.user.is_superuser:
            app_list = what_the_user_writes(app_list)
        return in_report_order(app_list)

    def each_context(self, request):
        """Every admin page's context, with the list of every admin page (a permission check per
        model, about a tenth of a change page) made only when the page shows it: the sidebar."""
        setattr(request, LISTING_LATER, True)
        try:
            return super().each_context(request)
        finally:
            delattr(request, LISTING_LATER)


class IntranetAdminConfig(SimpleAdminConfig):
    """The admin with this site as the default one, and its modules imported where the admin is used
    rather than at every start: the URLconf (sdf_intranet/urls.py), the background import
    (reports.background) and the admin's system check call admin.autodiscover(). A process that
    never serves or checks the admin (`build_report`, the task worker's report tasks) does not import
    every app's admin.py, nor django-import-export and openpyxl behind them (0.4 s of a start)."""

    default_site = "sdf_intranet.admin_site.IntranetAdminSite"

    def ready(self):
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(self.check_admins, checks.Tags.admin)

    @staticmethod
    def check_admins(app_configs=None, **kwargs):
        """Django's check of every registered model admin, once they are all registered."""
        admin.autodiscover()
        return check_admin_app(app_configs, **kwargs)
