"""Production settings come from the environment and pass Django's deployment checklist;
sessions expire; repeated wrong passwords lock the account, on the admin's login too."""
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
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "intranet.sdf.seoul.kr",
        "DATABASE_URL": "sqlite:////tmp/sdf-check-deploy.sqlite3",
        **extra,
    })
    return env


def test_check_deploy_finds_nothing_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=production_env(), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_five_wrong_passwords_on_the_admin_login_lock_the_account_in_korean(client, db):
    get_user_model().objects.create_user("lee", password="a-long-test-password-2024", is_staff=True)

    for _ in range(5):
        response = client.post("/admin/login/", {"username": "lee", "password": "wrong"})

    assert response.status_code == 429
    assert "계정이 잠겼습니다" in response.content.decode()
    right = client.post("/admin/login/", {"username": "lee", "password": "a-long-test-password-2024"})
    assert right.status_code == 429
