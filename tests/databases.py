"""Databases of their own for tests that run the site in other processes (make serve, backup and
restore): a copy of the session's test database (2024 loaded), or an empty one, of the suite's
own kind (SQLite in the SQLite run, PostgreSQL in the PostgreSQL run), dropped afterwards."""
import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def postgres_params():
    params = connection.settings_dict
    return dict(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
                user=params["USER"], password=params["PASSWORD"] or None)


def postgres_url(name):
    p = postgres_params()
    password = f":{p['password']}" if p["password"] else ""
    return f"postgres://{p['user']}{password}@{p['host']}:{p['port']}/{name}"


@contextmanager
def postgres_database(name):
    with psycopg.connect(dbname="postgres", autocommit=True, **postgres_params()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url(name)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **postgres_params()) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def copy_of_the_test_database(folder: Path):
    """A DATABASE_URL for a copy of the session's test database (call with database access)."""
    if connection.vendor == "sqlite":
        target = folder / f"copy-{uuid.uuid4().hex[:8]}.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        yield f"sqlite:///{target}"
        return
    p = postgres_params()
    env = {**os.environ, "PGPASSWORD": p["password"] or ""}
    where = ["-h", str(p["host"]), "-p", str(p["port"]), "-U", p["user"]]
    with postgres_database(f"{connection.settings_dict['NAME']}_{uuid.uuid4().hex[:6]}") as url:
        dump = subprocess.run(["pg_dump", *where, "--no-owner", connection.settings_dict["NAME"]],
                              env=env, capture_output=True, check=True)
        subprocess.run(["psql", *where, "-q", "-v", "ON_ERROR_STOP=1", url.rsplit("/", 1)[1]],
                       input=dump.stdout, env=env, capture_output=True, check=True)
        yield url


@contextmanager
def empty_database(folder: Path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{folder / f'empty-{uuid.uuid4().hex[:8]}.sqlite3'}"
    else:
        with postgres_database(f"{connection.settings_dict['NAME']}_{uuid.uuid4().hex[:6]}") as url:
            yield url


def site_process_env(**env):
    """The environment of another process of the site: its own settings, DEBUG on, env on top."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "sdf_intranet.settings", "DEBUG": "1", **env})
    return environment


def manage(*args, **env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=site_process_env(**env),
                          capture_output=True, text=True, timeout=300)
