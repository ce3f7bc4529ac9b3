"""The site's front door: the Korean login page, the lock-out after five wrong passwords,
logout by POST, and the home page's headline figures of the latest edition."""
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from tests.helpers import PASSWORD


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("kim", password=PASSWORD, last_name="김", first_name="재단")


def log_in(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_login_page_is_in_korean(client, db):
    page = client.get("/login/").content.decode()

    assert "서울디지털재단 인트라넷" in page
    assert "아이디" in page and "비밀번호" in page
    assert 'action="/logout/"' not in page  # no user menu before login


def test_wrong_password_is_refused_in_korean(client, staff_user):
    response = log_in(client, "kim", "wrong-password")

    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 올바르지 않습니다." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_for_thirty_minutes(client, staff_user):
    for _ in range(5):
        response = log_in(client, "kim", "wrong-password")

    assert response.status_code == 429
    page = response.content.decode()
    assert "계정이 잠겼습니다" in page
    assert "30분" in page
    # Even the right password is refused while the lock lasts.
    assert log_in(client, "kim", PASSWORD).status_code == 429


def test_right_password_leads_to_the_home_page(client, staff_user):
    response = log_in(client, "kim", PASSWORD)

    assert response.status_code == 302
    assert response.url == "/"


def test_home_shows_the_headline_figures_of_the_latest_edition(client, staff_user, edition):
    log_in(client, "kim", PASSWORD)

    page = client.get("/").content.decode()

    assert "2024년 주요 업무보고" in page
    assert "45 / 45" in page  # 정원 / 현원
    assert "10,699,686" in page  # 총 예산 (세출 총괄 계)
    assert "80.7%" in page and "60.7%" in page  # 집행률 원인행위 / 지출
    assert "해외도시 디지털 정책교류" in page  # check_report's over-commitment warning
    # The 계 is even, the grades are not (SEED_NOTES: 1급 △1, 2급 △1, 3급 +1, 5급 +4, 6급 △2, 7급 △1).
    assert "과부족 계 0" in page and "과부족 없음" not in page
    assert re.sub(r"<[^>]+>", "", page).count("직급별: 1급 △1, 2급 △1, 3급 +1, 5급 +4, 6급 △2, 7급 △1") == 1


def test_home_follows_the_data_not_the_template(client, staff_user, edition):
    from staffing.models import CurrentHeadcount

    CurrentHeadcount.objects.filter(grade__name="5급", as_of=edition.figures_as_of).update(count=21)
    log_in(client, "kim", PASSWORD)

    assert "45 / 46" in client.get("/").content.decode()


def test_home_query_count_stays_bounded(client, staff_user, edition, django_assert_max_num_queries):
    log_in(client, "kim", PASSWORD)

    with django_assert_max_num_queries(40):
        assert client.get("/").status_code == 200


def test_home_costs_the_same_queries_for_ten_times_the_data(client, staff_user, edition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workreport.synthetic import make_synthetic_edition

    log_in(client, "kim", PASSWORD)
    with CaptureQueriesContext(connection) as for_2024:
        client.get("/")

    make_synthetic_edition(edition, 2098, factor=10)  # now the latest edition
    with CaptureQueriesContext(connection) as for_tenfold:
        page = client.get("/").content.decode()

    assert "2098년" in page
    assert len(for_tenfold) == len(for_2024)


def test_home_without_any_edition_says_how_to_load_one(client, staff_user, edition):
    # The loaded year is protected against deletion, so pretend the table is empty.
    log_in(client, "kim", PASSWORD)

    with mock.patch("workreport.views.ReportEdition.objects.order_by") as order_by:
        order_by.return_value.first.return_value = None
        page = client.get("/").content.decode()

    assert "업무보고 데이터가 없습니다" in page
    assert "load_report" in page


def test_nav_shows_admin_only_to_staff(client, staff_user, edition):
    log_in(client, "kim", PASSWORD)
    assert 'href="/admin/"' not in client.get("/").content.decode()

    staff_user.is_staff = True
    staff_user.save()
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_logout_is_a_post_and_returns_to_the_login_page(client, staff_user, edition):
    log_in(client, "kim", PASSWORD)

    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")

    assert response.status_code == 302
    assert response.url == "/login/"
    assert client.get("/").status_code == 302
