"""The site's admin: Korean titles, and the index and sidebar in the order of the report.

Installed as the default site (IntranetAdminConfig in INSTALLED_APPS), so every app's
`@admin.register` lands here without naming it.
"""
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# The report's apps first, in the order of the report (I 일반현황: 연도판, 조직·인력, 예산; II 추진전략;
# III 주요 현안업무), each model after the one a team opens first. Other apps follow as Django lists them.
REPORT_ORDER = [
    ("reports", ["reportedition", "purposebusiness", "publishededition"]),
    ("staffing", ["orgunit", "dutygroup", "dutyitem", "person", "post",
                  "grade", "authorisedheadcount", "currentheadcount", "contractstaffcount"]),
    ("budget", ["revenueaccount", "expenditureaccount", "policyprogram", "unitprogram",
                "detailprogram", "executionrecord"]),
    ("projects", ["programpage", "programcontact", "overviewsubitem", "achievementitem",
                  "achievementtablerow", "scheduleitem",
                  "strategy", "corevalue", "midtermgoal", "strategicgoal", "strategictask"]),
]


def in_report_order(app_list):
    """The admin index and sidebar in the order of the report rather than alphabetical."""
    app_rank = {label: rank for rank, (label, _) in enumerate(REPORT_ORDER)}
    for app in app_list:
        model_rank = {name: rank for rank, name in enumerate(dict(REPORT_ORDER).get(app["app_label"], []))}
        app["models"].sort(key=lambda m: model_rank.get(m["object_name"].lower(), len(model_rank)))
    return sorted(app_list, key=lambda app: app_rank.get(app["app_label"], len(app_rank)))


class IntranetAdminSite(admin.AdminSite):
    site_header = "서울디지털재단 인트라넷"
    site_title = "서울디지털재단 인트라넷"
    index_title = "업무보고 데이터 관리"

    def get_app_list(self, request, app_label=None):
        return in_report_order(super().get_app_list(request, app_label))


class IntranetAdminConfig(AdminConfig):
    default_site = "sdf_intranet.admin_site.IntranetAdminSite"
