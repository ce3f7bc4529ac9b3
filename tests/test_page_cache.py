"""The pages' shared cache (reports.page_cache) keyed by the data's token (reports.data_version):
every write, by any path, shows on the next request; what is cached is the same for every user,
and what belongs to one user never reaches another (issue 11, part 9)."""
import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from import_export.formats.base_formats import XLSX

from budget.models import DetailProgram, ExecutionRecord
from projects.models import ProgramPage
from reports import data_version, page_cache
from staffing.models import CurrentHeadcount
from tests.helpers import admin_url, change_form_data, dataset

EXECUTION_HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
EDIT_LINK = "이 쪽 고치기"


def token():
    return data_version.current_token()


def username_in_header(html):
    return re.search(r'<span class="topbar-username">([^<]*)</span>', html)[1]


def csrf_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


# ------------------------------------------------------------------ the token

def test_every_table_of_the_report_apps_has_its_trigger(db):
    missing = data_version.tables_without_trigger(connection)
    assert missing == [], (
        f"no trigger on {missing}: a migration that adds or remakes these tables must call "
        "reports.data_version.install(schema_editor.connection, apps) (workreport/migrations/0002_data_version.py)"
    )
    assert "budget_detailprogram" in data_version.covered_tables()
    assert "budget_historicaldetailprogram" in data_version.covered_tables()
    assert "auth_user" in data_version.covered_tables()


@pytest.mark.parametrize("write", [
    pytest.param(lambda e: DetailProgram.objects.filter(unit__policy__edition=e).update(note="바뀐 비고"), id="update"),
    pytest.param(lambda e: DetailProgram.objects.bulk_update(
        [DetailProgram(pk=DetailProgram.objects.filter(unit__policy__edition=e).first().pk, budget_amount=1)],
        ["budget_amount"]), id="bulk_update"),
    pytest.param(lambda e: ExecutionRecord.objects.filter(detail__unit__policy__edition=e).delete(), id="delete"),
    pytest.param(lambda e: connection.cursor().execute("UPDATE staffing_currentheadcount SET count = count + 1"), id="raw SQL"),
    pytest.param(lambda e: get_user_model().objects.create_user("new-login"), id="a user"),
])
def test_any_write_changes_the_token(edition, write):
    before = token()
    assert before is not None and token() == before  # reading leaves it

    write(edition)

    assert token() != before


def test_a_write_rolled_back_leaves_the_token(edition):
    before = token()
    with pytest.raises(RuntimeError), transaction.atomic():
        DetailProgram.objects.filter(unit__policy__edition=edition).update(note="되돌릴 비고")
        assert token() != before  # the writing transaction sees its own token
        raise RuntimeError
    assert token() == before


def test_a_table_without_its_trigger_turns_the_cache_off(edition, monkeypatch):
    monkeypatch.setattr(data_version, "complete", {})
    monkeypatch.setattr(data_version, "tables_without_trigger", lambda connection: ["budget_detailprogram"])
    computed = []

    for _ in range(2):
        page_cache.cached_value("test", (), lambda: computed.append(1) or "값")

    assert token() is None and len(computed) == 2


def test_a_value_is_computed_once_per_state_of_the_data(edition):
    computed = []

    def compute():
        computed.append(1)
        return f"값 {len(computed)}"

    first = page_cache.cached_value("test", (edition.pk,), compute)
    assert page_cache.cached_value("test", (edition.pk,), compute) == first
    DetailProgram.objects.filter(unit__policy__edition=edition).update(note="새 비고")

    assert page_cache.cached_value("test", (edition.pk,), compute) != first and len(computed) == 2


# ------------------------------------------------------------------ home

def test_home_shows_a_count_changed_by_update_after_it_was_cached(superuser_client, edition):
    assert "45 / 45" in superuser_client.get("/").content.decode()

    CurrentHeadcount.objects.filter(grade__name="5급", as_of=edition.figures_as_of).update(count=21)

    assert "45 / 46" in superuser_client.get("/").content.decode()


def test_home_shows_a_count_changed_in_the_admin_form(superuser_client, edition):
    assert "45 / 45" in superuser_client.get("/").content.decode()
    record = CurrentHeadcount.objects.get(grade__name="5급", as_of=edition.figures_as_of)
    url = admin_url(CurrentHeadcount, "change", record.pk)
    data = change_form_data(superuser_client.get(url))
    data["count"] = str(record.count + 1)

    assert superuser_client.post(url, data).status_code == 302

    assert "45 / 46" in superuser_client.get("/").content.decode()


def test_home_figures_are_the_same_for_every_user_and_the_header_is_each_ones(client, edition, team_lead, auditor):
    pages = {}
    for user in (team_lead, auditor):
        client.force_login(user)
        pages[user.username] = client.get("/").content.decode()
        client.logout()

    lead, audit = pages["teamlead"], pages["auditor"]
    start, end = '<p class="muted small figures-basis">', 'id="checks-heading"'
    assert lead[lead.index(start):lead.index(end)] == audit[audit.index(start):audit.index(end)]
    assert (username_in_header(lead), username_in_header(audit)) == ("teamlead", "auditor")
    assert "우리 팀 주요 현안업무" in lead and "우리 팀 주요 현안업무" not in audit  # the lead's own programmes
    assert csrf_of(lead) != csrf_of(audit)


# ------------------------------------------------------------------ report preview

def test_preview_shows_a_goal_saved_in_the_admin_after_it_was_cached(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    assert "캐시 뒤에 고친 목표" not in superuser_client.get("/report/2024/").content.decode()
    url = admin_url(ProgramPage, "change", page.pk)
    data = change_form_data(superuser_client.get(url))
    data["goal"] = "캐시 뒤에 고친 목표"

    assert superuser_client.post(url, data).status_code == 302

    assert "캐시 뒤에 고친 목표" in superuser_client.get("/report/2024/").content.decode()


def test_preview_shows_a_name_changed_by_update_after_it_was_cached(superuser_client, edition):
    assert "새 단위사업 이름" not in superuser_client.get("/report/2024/").content.decode()

    ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1").unit.__class__.objects.filter(
        policy__edition=edition, number="1-1").update(name="새 단위사업 이름")

    assert "새 단위사업 이름" in superuser_client.get("/report/2024/").content.decode()


def test_preview_edit_links_header_and_token_stay_each_users_own(client, edition, team_lead, other_team_lead, auditor,
                                                                 superuser):
    pages = {}
    for user in (superuser, team_lead, auditor, other_team_lead, team_lead):  # the lead twice: from the cache
        client.force_login(user)
        pages.setdefault(user.username, []).append(client.get("/report/2024/").content.decode())
        client.logout()
    own = {page.pk for page in ProgramPage.objects.filter(unit__policy__edition=edition, unit__number__in=["1-1", "1-2"])}

    def edit_links(html):
        return {int(pk) for pk in re.findall(r'/admin/projects/programpage/(\d+)/change/">' + EDIT_LINK, html)}

    lead_first, lead_again = pages["teamlead"]
    assert edit_links(lead_first) == edit_links(lead_again) == own
    assert edit_links(pages["auditor"][0]) == set()
    assert edit_links(pages["teamlead2"][0]) and not edit_links(pages["teamlead2"][0]) & own
    assert len(edit_links(pages["root"][0])) == ProgramPage.objects.filter(unit__policy__edition=edition).count()
    for username, (html, *_) in pages.items():
        assert username_in_header(html) == username
    assert len({csrf_of(html) for html, *_ in pages.values()}) == len(pages)


def test_preview_stamp_is_the_moment_of_the_request_not_of_the_cache(superuser_client, edition, monkeypatch):
    from django.utils import timezone

    moment = [datetime.datetime(2024, 10, 18, 9, 5, tzinfo=datetime.UTC)]
    monkeypatch.setattr(timezone, "now", lambda: moment[0])

    first = superuser_client.get("/report/2024/").content.decode()
    moment[0] = datetime.datetime(2024, 10, 18, 10, 40, tzinfo=datetime.UTC)
    second = superuser_client.get("/report/2024/").content.decode()

    assert "초안 · 2024. 10. 18. 18:05 작성" in first and "초안 · 2024. 10. 18. 19:40 작성" in second
    assert "sdf-draft-moment" not in first + second


# ------------------------------------------------------------------ execution

def test_execution_shows_an_import_made_after_it_was_cached(admin_client, edition):
    url = "/budget/execution/?year=2024&as_of=2024-11-30"
    assert "400,000" not in admin_client.get(url).content.decode()
    upload = SimpleUploadedFile("집행.xlsx", XLSX().export_data(
        dataset(EXECUTION_HEADERS, (2024, "AI 모델 연구개발", "2024-11-30", 400000, 300000))))
    preview = admin_client.post("/admin/budget/executionrecord/import/",
                                {"import_file": upload, "format": "0", "resource": "0"})
    admin_client.post("/admin/budget/executionrecord/process_import/", preview.context["confirm_form"].initial)

    assert "400,000" in admin_client.get(url).content.decode()


def test_execution_filter_and_sort_are_part_of_the_key(client_in, edition):
    whole = client_in.get("/budget/execution/?year=2024").content.decode()
    team = client_in.get("/budget/execution/?year=2024&over_committed=true").content.decode()
    by_rate = client_in.get("/budget/execution/?year=2024&sort=-spent_rate").content.decode()

    assert whole != team and whole != by_rate and team != by_rate
    assert client_in.get("/budget/execution/?year=2024").content.decode().count("<tr") == whole.count("<tr")


def test_execution_cards_are_the_same_for_every_user(client, edition, budget_officer, auditor):
    pages = []
    for user in (budget_officer, auditor):
        client.force_login(user)
        pages.append(client.get("/budget/execution/?year=2024").content.decode())
        client.logout()

    cards = [html[html.index('<form method="get" class="desk-filter"'):html.index("</main>")] for html in pages]
    assert cards[0] == cards[1]
    assert [username_in_header(html) for html in pages] == ["finance", "auditor"]
    assert csrf_of(pages[0]) != csrf_of(pages[1])


# ------------------------------------------------------------------ audit

def test_audit_page_shows_a_change_saved_in_the_admin_after_it_was_cached(superuser_client, edition):
    assert "그 뒤로 바뀐 데이터가 없습니다" in superuser_client.get("/audit/changes/?year=2024").content.decode()
    detail = DetailProgram.objects.filter(unit__policy__edition=edition).order_by("pk").first()
    url = admin_url(DetailProgram, "change", detail.pk)
    data = change_form_data(superuser_client.get(url))
    data["note"] = "감사 뒤 고친 비고"

    assert superuser_client.post(url, data).status_code == 302

    page = superuser_client.get("/audit/changes/?year=2024").content.decode()
    assert "감사 뒤 고친 비고" in page and "그 뒤로 바뀐 데이터가 없습니다" not in page


def test_a_cache_that_fails_costs_time_not_the_page(superuser_client, edition, monkeypatch):
    from django.core.cache import cache
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("no such table: cache_entries")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)

    assert "45 / 45" in superuser_client.get("/").content.decode()
    assert "그 뒤로 바뀐 데이터가 없습니다" in superuser_client.get("/audit/changes/?year=2024").content.decode()


def test_a_worker_keeps_its_last_values_without_asking_the_shared_cache_again(edition, monkeypatch):
    from django.core.cache import cache

    page_cache.forget_local()
    first = page_cache.cached_value("test", (edition.pk, "local"), lambda: "한 번 계산한 값")
    asked = []
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: asked.append(args) and None)

    assert page_cache.cached_value("test", (edition.pk, "local"), lambda: "다시 계산한 값") == first
    assert asked == []
    DetailProgram.objects.filter(unit__policy__edition=edition).update(note="새 비고")
    assert page_cache.cached_value("test", (edition.pk, "local"), lambda: "다시 계산한 값") == "다시 계산한 값"
    assert len(asked) == 1 and len(page_cache.local_values) <= page_cache.LOCAL_ENTRIES
