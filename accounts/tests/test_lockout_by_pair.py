"""Lockouts lock only the guilty: five wrong passwords lock one account on one address (the
client's real one, read from the TLS proxy's X-Forwarded-For only when the request comes from a
trusted proxy). Failures under other names from a shared office address never lock out a
colleague; the locked person is told what happened in Korean; an admin sees the lock and lifts
it; setup_demo and axes_reset lift locks as the README says."""
import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory

from sdf_intranet.client_ip import client_ip

PASSWORD = "a-long-test-password-2024"
OFFICE = "10.20.30.40"        # one address for a whole floor (NAT)
ELSEWHERE = "10.20.99.1"
PROXY = "127.0.0.1"           # the TLS proxy on this host (TRUSTED_PROXIES' default)
OUTSIDER = "203.0.113.9"      # not a proxy of ours


@pytest.fixture
def lee(db):
    return get_user_model().objects.create_user("lee", password=PASSWORD)


@pytest.fixture
def kim(db):
    return get_user_model().objects.create_user("kim", password=PASSWORD)


def log_in(client, username, password, address=OFFICE, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    client.cookies.clear()
    return client.post("/login/", {"username": username, "password": password}, **extra)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/"


def five_wrong(client, username, **where):
    for _ in range(5):
        response = log_in(client, username, "wrong", **where)
    return response


def test_five_wrong_passwords_lock_that_account_on_that_address(client, lee):
    response = five_wrong(client, "lee")

    assert response.status_code == 429
    assert not logged_in(log_in(client, "lee", PASSWORD))  # the right password waits too


def test_the_locked_person_is_told_which_account_which_address_and_until_when(client, lee):
    page = five_wrong(client, "lee").content.decode()

    assert "이 컴퓨터에서 이 계정이 잠겼습니다" in page
    assert "<strong>lee</strong> 아이디로 이 컴퓨터(10.20.30.40)에서" in page
    assert "비밀번호를 5번 잘못 입력했습니다" in page
    assert "까지" in page and "이 컴퓨터에서는 이 아이디로 로그인할 수 없습니다" in page
    assert "다른 아이디와 다른 컴퓨터에서의 로그인에는 영향이 없습니다" in page


def test_a_wrong_password_says_how_many_tries_are_left(client, lee):
    log_in(client, "lee", "wrong")
    page = log_in(client, "lee", "wrong").content.decode()

    assert "아이디 또는 비밀번호가 올바르지 않습니다" in page
    assert "이 컴퓨터에서 이 아이디로 3번 더 틀리면 30분 동안" in page


def test_the_same_account_still_logs_in_from_another_address(client, lee):
    five_wrong(client, "lee")

    assert logged_in(log_in(client, "lee", PASSWORD, address=ELSEWHERE))


def test_failures_under_made_up_names_from_the_office_never_lock_out_a_colleague(client, kim):
    for number in range(12):
        log_in(client, f"made-up-{number}", "wrong")
    five_wrong(client, "lee")  # even a real colleague's account locked on this address

    assert logged_in(log_in(client, "kim", PASSWORD))


def test_behind_the_proxy_each_person_is_their_own_address(client, lee, kim):
    five_wrong(client, "lee", address=PROXY, forwarded=OFFICE)

    assert not logged_in(log_in(client, "lee", PASSWORD, address=PROXY, forwarded=OFFICE))
    assert logged_in(log_in(client, "lee", PASSWORD, address=PROXY, forwarded=ELSEWHERE))
    assert logged_in(log_in(client, "kim", PASSWORD, address=PROXY, forwarded=OFFICE))
    assert AccessAttempt.objects.get(username="lee").ip_address == OFFICE


def test_an_outsider_cannot_escape_a_lock_by_writing_x_forwarded_for(client, lee):
    for number in range(5):
        log_in(client, "lee", "wrong", address=OUTSIDER, forwarded=f"10.0.0.{number}")

    assert log_in(client, "lee", PASSWORD, address=OUTSIDER, forwarded="10.0.0.99").status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [OUTSIDER]


@pytest.mark.parametrize("remote, forwarded, client_address", [
    (OUTSIDER, "10.0.0.1", OUTSIDER),                        # not from a proxy: the header is ignored
    (PROXY, None, PROXY),                                     # from the proxy, no header
    (PROXY, OFFICE, OFFICE),
    (PROXY, f"1.2.3.4, {OFFICE}", OFFICE),                    # what the client wrote itself is skipped
    (PROXY, f"{OFFICE}, 127.0.0.1", OFFICE),                  # our own proxies are skipped
    (PROXY, "not-an-address", PROXY),                         # nonsense: believe nothing of it
])
def test_the_client_address_is_read_from_the_proxy_only(remote, forwarded, client_address):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == client_address


def test_trusted_proxies_come_from_the_setting(settings):
    settings.TRUSTED_PROXIES = ["192.168.10.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR="192.168.10.7", HTTP_X_FORWARDED_FOR=OFFICE)

    assert client_ip(request) == OFFICE
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OFFICE)) == PROXY


def test_a_right_password_before_the_limit_clears_the_count(client, lee):
    for _ in range(4):
        log_in(client, "lee", "wrong")
    assert logged_in(log_in(client, "lee", PASSWORD))
    for _ in range(4):
        log_in(client, "lee", "wrong")

    assert logged_in(log_in(client, "lee", PASSWORD))


def test_an_admin_sees_the_lock_in_korean_and_lifts_it(client, lee):
    five_wrong(client, "lee")
    superuser_client = Client()
    superuser_client.force_login(get_user_model().objects.create(username="it-admin", is_staff=True, is_superuser=True))

    listing = superuser_client.get("/admin/axes/accessattempt/").content.decode()
    assert "10.20.30.40" in listing and "lee" in listing
    assert "잠김" in listing and "잠금이 풀리는 시각" in listing and "상태" in listing
    assert "선택한 아이디·IP 주소의 잠금 풀기" in listing

    attempt = AccessAttempt.objects.get(username="lee")
    response = superuser_client.post("/admin/axes/accessattempt/", {
        "action": "lift_locks", "_selected_action": [attempt.pk]}, follow=True)
    assert "잠금을 풀었습니다: lee (10.20.30.40)" in response.content.decode()
    assert logged_in(log_in(client, "lee", PASSWORD))


def test_a_wrong_password_on_the_admin_login_says_how_many_tries_are_left(client, db):
    get_user_model().objects.create_user("park", password=PASSWORD, is_staff=True)

    page = client.post("/admin/login/", {"username": "park", "password": "wrong"}, REMOTE_ADDR=OFFICE).content.decode()

    assert "이 컴퓨터에서 이 아이디로 4번 더 틀리면 30분 동안" in page


def test_a_locked_admin_page_login_is_refused_the_same_way(client, db):
    get_user_model().objects.create_user("park", password=PASSWORD, is_staff=True)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "park", "password": "wrong"}, REMOTE_ADDR=OFFICE)

    assert response.status_code == 429
    assert "<strong>park</strong> 아이디로 이 컴퓨터(10.20.30.40)에서" in response.content.decode()


def test_setup_demo_lifts_the_locks_of_the_demo_accounts(client, db, settings):
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())
    five_wrong(client, "teamlead")
    five_wrong(client, "teamlead", address=ELSEWHERE)

    call_command("setup_demo", stdout=io.StringIO())

    assert logged_in(log_in(client, "teamlead", "demo-teamlead-2024"))
    assert logged_in(log_in(client, "teamlead", "demo-teamlead-2024", address=ELSEWHERE))


def test_axes_reset_lifts_every_lock(client, lee, kim):
    five_wrong(client, "lee")
    five_wrong(client, "kim", address=ELSEWHERE)

    call_command("axes_reset", stdout=io.StringIO())

    assert logged_in(log_in(client, "lee", PASSWORD))
    assert logged_in(log_in(client, "kim", PASSWORD, address=ELSEWHERE))
