"""Every URL of the site, opened by an anonymous visitor and by each role.

The URLs are read from the URL conf itself, so a page added later is walked without naming it
here. An anonymous visitor reaches only the login pages; every other URL sends them to log in.
Each role opens every URL without a server error, and where the permission matrix
(accounts/tests/test_permission_matrix.py) says what a role may do with a model, the admin's
list, change, history, add and delete pages answer accordingly. A superuser opens every page.
"""
import datetime
import re
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver

from accounts.roles import AUDITOR, BUDGET_OFFICER, HR_OFFICER, PUBLISHER, TEAM_LEAD
from accounts.tests.test_permission_matrix import OWN_TEAM, STATUS_MAP, TEAM_PATHS
from projects.models import OverviewSubItem, ProgramPage
from reports.background import run_import
from workreport import review

# Views that only answer POST (their GET is refused with 405 for everyone who gets that far).
POST_ONLY = {"logout", "admin:logout", "workreport:publish_edition", "admin:projects_programpage_preview",
             "workreport:open_round", "workreport:review_transition"}
# …and every desk admin's import confirm and cancel (reports/spreadsheets.py DeskImportExportMixin)
# …and a retry of a background task (a large import, a draft PDF, a publication)
POST_ONLY_SUFFIXES = ("_process_import", "_import_cancel", "_task_retry")
# …and a background task's page and status (reports/background.py, workreport/report_tasks.py): the
# walk's task is nobody's, a 404 to everyone (403 without the import or publish permission)
TASK_SUFFIXES = ("_task", "_task_status")
# Open to anonymous visitors.
PUBLIC = {"login", "admin:login", "health"}  # health: ok or failing, for the proxy and monitors
# Open to everyone, and a redirect: /favicon.ico to the icon's static URL.
PUBLIC_REDIRECTS = {"favicon"}
# Blank-template downloads: the kinds each desk's URL serves.
TEMPLATE_KINDS = {"staffing": "people", "budget": "execution"}
ADMIN_VIEW_ACTION = {"changelist": "view", "change": "view", "history": "view", "add": "add", "delete": "delete"}
ROLES = {
    "team_lead": ((TEAM_LEAD,), "고설태", False),
    "hr": ((HR_OFFICER,), None, False),
    "finance": ((BUDGET_OFFICER,), None, False),
    "auditor": ((AUDITOR,), None, False),
    "publisher": ((PUBLISHER,), None, False),
    "superuser": ((), None, True),
}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, name) of every URL pattern, namespaces joined: ("report/<int:year>/", "workreport:report_preview")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            yield route, f"{namespace}{pattern.name or ''}"


def admin_model_of(route):
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if match is None or match[1] not in apps.app_configs:
        return None
    return apps.get_model(match[1], match[2])


def sample_object(model):
    label = model._meta.label_lower
    queryset = model._default_manager.order_by("pk")
    if label in TEAM_PATHS:  # a team lead opens their own team's rows
        queryset = queryset.filter(**{f"{TEAM_PATHS[label]}__name": OWN_TEAM})
    return queryset.first()


def concrete(route, name, publication):
    """The route with every parameter filled with a row of the 2024 data (None: nothing to fill it with)."""
    model = admin_model_of(route)
    obj = sample_object(model) if model is not None else None
    app = route.split("/")[0]
    replacements = {
        "<int:year>": "2024", "<str:number>": "1-1", "<int:pk>": str(publication.pk),
        "<slug:kind>": TEMPLATE_KINDS.get(app, ""),
        "(?P<url>.*)$": "no-such-page/",  # the admin's catch-all: an unknown admin address
        "<path:content_type_id>": str(ContentType.objects.get_for_model(ProgramPage).pk),
        "<str:task_id>": "00000000-0000-0000-0000-000000000000",  # a large import's task: nobody's, a 404
    }
    if name == "admin:view_on_site":
        obj = ProgramPage.objects.first()
    if obj is not None:
        replacements["<path:object_id>"] = str(obj.pk)
        replacements["<id>"] = str(obj.pk)
        if hasattr(obj, "history"):
            version = obj.history.order_by("history_id").values_list("history_id", flat=True).first()
            replacements["^([^/]+)/history/([^/]+)/$"] = f"{obj.pk}/history/{version}/"
    app_list = re.search(r"\^\(\?P<app_label>([^)]*)\)/\$", route)
    if app_list:
        route = route.replace(app_list[0], app_list[1].split("|")[0] + "/")
    for parameter, value in replacements.items():
        route = route.replace(parameter, value)
    if re.search(r"[<^$(]", route):
        return None
    if name == "admin:autocomplete":  # its parameters are in the query string
        return "/" + route + "?app_label=staffing&model_name=orgunit&field_name=edition&term=2024"
    return "/" + route


@pytest.fixture
def every_url(edition, stand_in_publication, monkeypatch):
    publication = stand_in_publication
    # who may download is walked here; how the PDF renders is tested in workreport/tests
    monkeypatch.setattr("workreport.draft_views.cached_draft_pdf", lambda edition, unit=None: b"%PDF-1.7 stand-in")
    monkeypatch.setattr("workreport.hwpx_views.draft_hwpx", lambda edition, unit=None: b"PK stand-in")
    # 1-1 and 1-2 (the team lead's) have no 사업내용 sub-item in 2024
    OverviewSubItem.objects.create(page=ProgramPage.objects.get(unit__number="1-1"), order=9, text="둘러보기용 항목")
    # one row in each of django-axes' lists, so that their pages have something to open
    AccessAttempt.objects.create(username="nobody", ip_address="127.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="nobody", ip_address="127.0.0.1")
    AccessFailureLog.objects.create(username="nobody", ip_address="127.0.0.1")
    # a round of the report cycle, so that its admin pages (read-only) have a row to open
    opener = get_user_model().objects.create_superuser("round-opener", "opener@sdf.example", "x-long-password")
    review.open_round(user=opener, edition=edition, title="2024년 11월 업무보고", due_on=datetime.date(2024, 11, 8))
    # a queued background import, so that the task results' admin pages have a row to open
    run_import.enqueue(user_id=opener.pk, model="budget.executionrecord", step="preview", upload="0" * 32,
                       format_index=0, resource="", file_name="집행.xlsx")
    urls = {}
    for route, name in url_patterns():
        url = concrete(route, name, publication)
        assert url is not None, f"{route} ({name}): no sample value for its parameters"
        urls[url] = (route, name)
    return urls


def test_an_anonymous_visitor_reaches_only_the_login_pages(client, every_url):
    wrong = []
    for url, (route, name) in every_url.items():
        response = client.get(url)
        if name in PUBLIC:
            ok = response.status_code == 200
        elif name in PUBLIC_REDIRECTS:
            ok = response.status_code == 301 and "login" not in response["Location"]
        elif name in POST_ONLY and not name.startswith("admin:") or name.endswith(POST_ONLY_SUFFIXES):
            ok = response.status_code in (302, 405) and "login" in response.get("Location", "login")
        else:  # to the site's (or the admin's) login page, which comes back here after logging in
            back = f"?next={quote(url, safe='/')}"
            ok = response.status_code == 302 and response["Location"] in (f"/login/{back}", f"/admin/login/{back}")
        if not ok:
            wrong.append(f"{url} ({name}): {response.status_code}")
    assert wrong == [], "\n".join(wrong)


def superuser_request():
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


def expected_statuses(role, route, name):
    """The statuses a role may get for a URL: exactly the matrix's for a report model's admin pages."""
    if name in PUBLIC_REDIRECTS:
        return {301}
    if name in POST_ONLY or name.endswith(POST_ONLY_SUFFIXES):
        return {405}
    if name.endswith(TASK_SUFFIXES):
        return {403, 404}
    if "(?P<url>" in route or name == "admin:view_on_site":
        return {404}  # no such admin page; no report model has a page of its own on the site
    model = admin_model_of(route)
    view = name.rsplit("_", 1)[-1] if name.startswith("admin:") else ""
    if model is not None and view in ADMIN_VIEW_ACTION:
        allowed = STATUS_MAP.get((model._meta.label_lower, ADMIN_VIEW_ACTION[view]), {}).get(role)
        if allowed is not None:
            return {200} if allowed else {403}
    if role == "superuser":
        if model is not None and view == "add" and not admin.site._registry[model].has_add_permission(superuser_request()):
            return {403}  # django-axes' lists are kept by axes itself
        if model is not None and view == "delete" and not admin.site._registry[model].has_delete_permission(
                superuser_request()):
            return {403}  # the report cycle's rounds change only through workreport.review
        return {200, 302}  # 302: the object URL leads to its change page, /report/ to the latest year
    return {200, 302, 403, 404}


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_opens_every_url_as_the_matrix_says(client, every_url, make_user, role):
    groups, person, superuser = ROLES[role]
    client.force_login(make_user(f"walk-{role}", *groups, person=person, superuser=superuser))
    wrong = []
    for url, (route, name) in every_url.items():
        status = client.get(url).status_code
        if status not in expected_statuses(role, route, name):
            wrong.append(f"{url} ({name}): {status}")
    assert wrong == [], "\n".join(wrong)


def test_the_walk_reaches_every_admin_page_of_the_report(every_url):
    """The walk is not vacuous: every report model's list, change and history page is in it."""
    names = {name for _, name in every_url.values()}
    for model in admin.site._registry:
        if model._meta.app_label in {"reports", "staffing", "budget", "projects"}:
            base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            assert {f"{base}_changelist", f"{base}_change", f"{base}_history"} <= names, base
