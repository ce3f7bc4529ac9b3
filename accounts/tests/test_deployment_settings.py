"""Production settings come from the environment and pass Django's deployment checklist, both
behind the TLS proxy and in the plain-HTTP rehearsal of `make serve`; DEBUG is off unless asked
for; a yes/no variable that is neither refuses to start; sessions expire; repeated wrong
passwords lock the account, on the admin's login too."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

BASE_DIR = Path(settings.BASE_DIR)


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "sdf_intranet.settings",  # the site's own, not the test suite's
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "intranet.sdf.seoul.kr",
        "DATABASE_URL": "sqlite:////tmp/sdf-check-deploy.sqlite3",
        **extra,
    })
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def setting_of(name, env):
    result = manage("shell", "-v", "0", "-c", f"from django.conf import settings; print(settings.{name})", env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_finds_nothing_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_finds_nothing_under_the_settings_of_make_serve():
    env = production_env(PLAIN_HTTP="1", ALLOWED_HOSTS="127.0.0.1,localhost")

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert setting_of("SECURE_SSL_REDIRECT", env) == "False"  # the rehearsal answers plain HTTP


def test_behind_the_proxy_http_is_redirected_and_cookies_are_https_only():
    env = production_env()
    assert setting_of("SECURE_SSL_REDIRECT", env) == "True"
    assert setting_of("SESSION_COOKIE_SECURE", env) == "True"
    assert setting_of("CSRF_COOKIE_SECURE", env) == "True"


def test_plain_http_is_refused_for_a_real_host_name():
    result = manage("check", env=production_env(PLAIN_HTTP="1"))  # ALLOWED_HOSTS=intranet.sdf.seoul.kr

    assert result.returncode != 0
    assert "PLAIN_HTTP=1은 127.0.0.1/localhost에서 연습할 때만" in result.stderr


def test_debug_is_off_unless_the_environment_turns_it_on():
    env = production_env()
    del env["DEBUG"]

    assert setting_of("DEBUG", env) == "False"
    assert setting_of("DEBUG", production_env(DEBUG="1")) == "True"


def test_a_yes_no_variable_that_is_neither_refuses_to_start():
    result = manage("check", env=production_env(DEBUG="flase"))

    assert result.returncode != 0
    assert "환경 변수 DEBUG='flase'을(를) 알 수 없습니다" in result.stderr


def test_a_number_that_is_not_one_refuses_to_start():
    result = manage("check", env=production_env(SESSION_COOKIE_AGE="8h"))

    assert result.returncode != 0
    assert "SESSION_COOKIE_AGE='8h'은(는) 정수여야 합니다" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY가 없습니다" in result.stderr


def test_without_debug_or_a_secret_key_nothing_starts_with_the_public_development_key():
    env = production_env()
    del env["SECRET_KEY"], env["DEBUG"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY가 없습니다" in result.stderr


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_five_wrong_passwords_on_the_admin_login_lock_the_account_in_korean(client, db):
    get_user_model().objects.create_user("lee", password="a-long-test-password-2024", is_staff=True)

    for _ in range(5):
        response = client.post("/admin/login/", {"username": "lee", "password": "wrong"})

    assert response.status_code == 429
    assert "이 컴퓨터에서 이 계정이 잠겼습니다" in response.content.decode()
    right = client.post("/admin/login/", {"username": "lee", "password": "a-long-test-password-2024"})
    assert right.status_code == 429
