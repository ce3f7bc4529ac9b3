"""Who may do what, as one table, every cell checked against the real admin and site pages.

Rows: each model of the report apps (view / add / change / delete in the admin), spreadsheet
import and export, the report's preview and downloads, publishing and the auditors' page.
Columns: the roles of accounts.roles, and a superuser.

A model cell lists the actions allowed: v = list and open (GET changelist), a = add form (GET),
c = save a change (POST of the unchanged form: 302 when allowed, 403 otherwise), d = delete
confirmation (GET). A team lead's cells are checked on an object of their own team (AI전환팀);
another team's object is refused in test_team_scope.py. Anonymous visitors, and every URL beyond
these cells, are walked in tests/test_every_url.py.
"""
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import AUDITOR, BUDGET_OFFICER, HR_OFFICER, PUBLISHER, TEAM_LEAD
from tests.helpers import change_form_data
from projects.models import OverviewSubItem, ProgramPage
from workreport.publishing import data_fingerprint

ROLES = ["team_lead", "hr", "finance", "auditor", "publisher", "superuser"]

# fmt: off
#                                   팀장    인사담당  예산담당  감사   발행    superuser
MODEL_TABLE = {
    "reports.reportedition":       ("v",    "v",     "v",     "v",   "",    "vacd"),
    "reports.purposebusiness":     ("v",    "v",     "v",     "v",   "",    "vacd"),
    "reports.publishededition":    ("v",    "v",     "v",     "v",   "",    "v"),
    "staffing.orgunit":            ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.dutygroup":          ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.dutyitem":           ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.grade":              ("v",    "vc",    "v",     "v",   "",    "vacd"),
    "staffing.person":             ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.post":               ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.authorisedheadcount": ("v",   "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.headcountcensus":    ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.currentheadcount":   ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "staffing.contractstaffcount": ("v",    "vacd",  "v",     "v",   "",    "vacd"),
    "budget.revenueaccount":       ("v",    "v",     "vacd",  "v",   "",    "vacd"),
    "budget.expenditureaccount":   ("v",    "v",     "vacd",  "v",   "",    "vacd"),
    "budget.policyprogram":        ("v",    "v",     "vacd",  "v",   "",    "vacd"),
    "budget.unitprogram":          ("v",    "v",     "vacd",  "v",   "",    "vacd"),
    "budget.detailprogram":        ("v",    "v",     "vacd",  "v",   "",    "vacd"),
    "budget.executionrecord":      ("v",    "v",     "vacd",  "v",   "",    "vacd"),
    "projects.programpage":        ("vc",   "v",     "v",     "v",   "",    "vacd"),
    "projects.programcontact":     ("v",    "v",     "v",     "v",   "",    "vacd"),
    "projects.overviewsubitem":    ("vacd", "v",     "v",     "v",   "",    "vacd"),
    "projects.achievementitem":    ("vacd", "v",     "v",     "v",   "",    "vacd"),
    "projects.achievementtablerow": ("vacd", "v",    "v",     "v",   "",    "vacd"),
    "projects.scheduleitem":       ("vacd", "v",     "v",     "v",   "",    "vacd"),
    "projects.strategy":           ("v",    "v",     "v",     "v",   "",    "vacd"),
    "projects.corevalue":          ("v",    "v",     "v",     "v",   "",    "vacd"),
    "projects.midtermgoal":        ("v",    "v",     "v",     "v",   "",    "vacd"),
    "projects.strategicgoal":      ("v",    "v",     "v",     "v",   "",    "vacd"),
    "projects.strategictask":      ("v",    "v",     "v",     "v",   "",    "vacd"),
}

# Site pages and downloads: allowed (True) or refused with 403 (False).
SITE_TABLE = {
    "import staffing":             (False,  True,    False,   False, False, True),
    "import budget":               (False,  False,   True,    False, False, True),
    "export staffing":             (True,   True,    True,    True,  False, True),
    "export budget":               (True,   True,    True,    True,  False, True),
    "report preview":              (True,   True,    True,    True,  True,  True),
    "report pdf":                  (True,   True,    True,    True,  True,  True),
    "published list":              (True,   True,    True,    True,  True,  True),
    "published download":          (True,   True,    True,    True,  True,  True),
    "publish":                     (False,  False,   False,   False, True,  True),
    "change audit":                (False,  False,   False,   True,  False, True),
}
# fmt: on

ACTIONS = ["view", "add", "change", "delete"]
LETTER = {"view": "v", "add": "a", "change": "c", "delete": "d"}
REPORT_APPS = {"reports", "staffing", "budget", "projects"}
OWN_TEAM = "AI전환팀"
# Path from each team-owned model to its owning team, to pick an object a team lead may touch.
TEAM_PATHS = {
    "projects.programpage": "unit__owning_team",
    "projects.programcontact": "page__unit__owning_team",
    "projects.overviewsubitem": "page__unit__owning_team",
    "projects.achievementitem": "page__unit__owning_team",
    "projects.scheduleitem": "page__unit__owning_team",
    "projects.achievementtablerow": "item__page__unit__owning_team",
}


def status_map():
    """status_map[(subject, action)][role] → allowed?"""
    statuses = {}
    for label, cells in MODEL_TABLE.items():
        for action in ACTIONS:
            statuses[(label, action)] = {role: LETTER[action] in cell for role, cell in zip(ROLES, cells)}
    for subject, cells in SITE_TABLE.items():
        statuses[(subject, "use")] = dict(zip(ROLES, cells))
    return statuses


STATUS_MAP = status_map()
MODEL_CELLS = [(label, action, role) for (label, action), roles in STATUS_MAP.items()
               if action != "use" for role in roles]
SITE_CELLS = [(subject, role) for (subject, action), roles in STATUS_MAP.items() if action == "use" for role in roles]


def test_the_table_covers_every_model_of_the_report_apps():
    registered = {m._meta.label_lower for m in admin.site._registry if m._meta.app_label in REPORT_APPS}
    assert registered == set(MODEL_TABLE)


def importable_models(app_label):
    return [m for m, model_admin in admin.site._registry.items()
            if m._meta.app_label == app_label and hasattr(model_admin, "has_import_permission")]


def test_each_desk_has_something_to_import():
    assert importable_models("staffing") and importable_models("budget")


# ------------------------------------------------------------------ users and objects

@pytest.fixture
def role_users(make_user):
    return {
        "team_lead": lambda: make_user("m-lead", TEAM_LEAD, person="고설태"),
        "hr": lambda: make_user("m-hr", HR_OFFICER),
        "finance": lambda: make_user("m-finance", BUDGET_OFFICER),
        "auditor": lambda: make_user("m-auditor", AUDITOR),
        "publisher": lambda: make_user("m-publisher", PUBLISHER),
        "superuser": lambda: make_user("m-root", superuser=True),
    }


@pytest.fixture
def publication(stand_in_publication):
    return stand_in_publication


@pytest.fixture
def objects(edition, publication):
    """An object of each model; for team-owned models one of the team lead's (AI전환팀)."""
    OverviewSubItem.objects.create(page=ProgramPage.objects.get(unit__number="1-1"), order=9, text="매트릭스용 항목")

    def pick(model):
        label = model._meta.label_lower
        queryset = model._default_manager.order_by("pk")
        if label in TEAM_PATHS:
            queryset = queryset.filter(**{f"{TEAM_PATHS[label]}__name": OWN_TEAM})
        return queryset.first()

    return pick


def model_of(label):
    return next(m for m in admin.site._registry if m._meta.label_lower == label)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def unchanged_form(client, superuser, model, obj):
    """The change form's data as a superuser sees it (read each time: ids differ between tests on PostgreSQL)."""
    client.force_login(superuser)
    return change_form_data(client.get(url(model, "change", obj.pk)))


# ------------------------------------------------------------------ the cells

def expected(allowed, success=200):
    return success if allowed else 403


@pytest.mark.parametrize("label, action, role", MODEL_CELLS)
def test_admin_cell(client, role_users, objects, make_user, label, action, role):
    allowed = STATUS_MAP[(label, action)][role]
    model = model_of(label)
    obj = objects(model)
    user = role_users[role]()

    if action == "view":
        client.force_login(user)
        assert client.get(url(model, "changelist")).status_code == expected(allowed)
    elif action == "add":
        client.force_login(user)
        assert client.get(url(model, "add")).status_code == expected(allowed)
    elif action == "delete":
        client.force_login(user)
        assert client.get(url(model, "delete", obj.pk)).status_code == expected(allowed)
        assert model._default_manager.filter(pk=obj.pk).exists()
    else:
        data = unchanged_form(client, make_user("m-form-reader", superuser=True), model, obj)
        client.force_login(user)
        before = model._default_manager.filter(pk=obj.pk).values().get()
        response = client.post(url(model, "change", obj.pk), data)
        errors = response.context and response.context.get("errors")
        assert response.status_code == expected(allowed, success=302), errors
        if not allowed:
            assert model._default_manager.filter(pk=obj.pk).values().get() == before


def site_request(client, subject, edition, publication):
    app = subject.split()[-1]
    if subject.startswith("import"):
        models = importable_models(app)
        assert models, f"{app}: no spreadsheet import in the admin"
        return [client.get(url(m, "import")) for m in models]
    if subject.startswith("export"):
        models = importable_models(app)
        assert models, f"{app}: no spreadsheet export in the admin"
        return [client.get(url(m, "export")) for m in models]
    if subject == "report preview":
        return [client.get(reverse("workreport:report_preview", args=[edition.year]))]
    if subject == "report pdf":
        with mock.patch("workreport.draft_views.cached_draft_pdf", return_value=b"%PDF-1.7 draft"):
            return [client.get(reverse("workreport:report_pdf", args=[edition.year]))]
    if subject == "published list":
        return [client.get(reverse("workreport:published_list"))]
    if subject == "published download":
        return [client.get(reverse("workreport:published_download", args=[publication.pk]))]
    if subject == "publish":
        # the confirmed POST queues the publication (workreport.report_tasks); nothing changed since
        # the stand-in publication, so "nothing to publish" is waved through, as publish was mocked
        queued = (SimpleNamespace(id="00000000-0000-0000-0000-000000000000", kwargs={}), False)
        with mock.patch("workreport.publishing.refuse_unchanged"), \
                mock.patch("workreport.report_tasks.task_in_slot", return_value=queued) as publish:
            response = client.post(reverse("workreport:publish_edition"),
                                   {"year": edition.year, "confirmed": data_fingerprint()})
        published = response.status_code == 302 and "login" not in response.url
        assert publish.called == published
        return [response]
    if subject == "change audit":
        return [client.get(reverse("workreport:change_audit"))]
    raise AssertionError(subject)


@pytest.mark.parametrize("subject, role", SITE_CELLS)
def test_site_cell(client, role_users, edition, publication, subject, role):
    allowed = STATUS_MAP[(subject, "use")][role]
    client.force_login(role_users[role]())
    success = 302 if subject == "publish" else 200

    for response in site_request(client, subject, edition, publication):
        assert response.status_code == expected(allowed, success)


@pytest.mark.parametrize("role", ["team_lead", "finance", "auditor", "publisher"])
def test_a_forged_staffing_import_is_refused_and_changes_nothing(client, role_users, edition, role):
    from staffing.models import Person

    client.force_login(role_users[role]())
    count = Person.objects.count()
    csv = ContentFile("연도,성명,전화,직급,고용 구분\n2024,가짜 직원,0000,5급,정규직\n".encode(), name="people.csv")

    for model in importable_models("staffing"):
        response = client.post(url(model, "import"), {"import_file": csv, "format": "1", "resource": "0"})
        assert response.status_code == 403

    assert Person.objects.count() == count
