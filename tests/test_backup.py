"""`manage.py backup` and `restore`: the database and MEDIA_ROOT together. The round trip of the
issue: backup, an empty database and media folder, restore; then every published edition verifies
its SHA-256, the change history is as it was, and the site serves. A damaged archive, a restore
over data and a restore into another kind of database are refused, changing nothing."""
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.databases import copy_of_the_test_database, empty_database, manage

PUBLISH_AND_EDIT = """
import hashlib
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from reports.models import PublishedEdition, ReportEdition
from staffing.models import Person
admin = get_user_model().objects.create_superuser("it-admin", password="an-admin-password-2024")
pdf = b"%PDF-1.7 the council's copy"
published = PublishedEdition(edition=ReportEdition.objects.get(year=2024), sha256=hashlib.sha256(pdf).hexdigest(),
                             size=len(pdf), published_by=admin, note="의회 제출본")
published.file.save("council.pdf", ContentFile(pdf), save=False)
published.save()
person = Person.objects.order_by("pk").first()
person._change_reason = "개명"
person.name = person.name + "(개명)"
person.save()
"""
SNAPSHOT = """
import hashlib, json
from reports.history import historical_models
from reports.models import PublishedEdition
from workreport.publishing import verify
history = {}
for model in historical_models():
    rows = list(model.objects.order_by("history_id").values_list("history_id", "history_type", "history_date",
                                                                  "history_user_id", "history_change_reason"))
    history[model._meta.label] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()]
print(json.dumps({"history": history,
                  "published": [[p.sha256, p.file.name, verify(p)] for p in PublishedEdition.objects.order_by("pk")]}))
"""
SERVES = """
from django.contrib.auth import get_user_model
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="it-admin"))
home, published = client.get("/"), client.get("/report/published/")
print(home.status_code, published.status_code, "의회 제출본" in published.content.decode())
"""


def shell(code, **env):
    result = manage("shell", "-v", "0", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def site_before(db, tmp_path):
    """A site with 2024, a published edition under its own MEDIA_ROOT and a change in the history."""
    with copy_of_the_test_database(tmp_path) as url:
        env = {"DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "media-before")}
        shell(PUBLISH_AND_EDIT + "print('ok')", **env)
        yield env


def test_backup_then_restore_into_an_empty_database_and_folder(site_before, tmp_path):
    before = json.loads(shell(SNAPSHOT, **site_before))
    assert before["published"][0][2] is True and len(before["history"]) > 10

    made = manage("backup", "--output", str(tmp_path / "backups"), **site_before)
    assert made.returncode == 0, made.stderr
    assert "백업했습니다:" in made.stdout and "파일 1개" in made.stdout
    [archive] = (tmp_path / "backups").glob("sdf_intranet-*.tar")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    with empty_database(tmp_path) as url:
        after_env = {"DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "media-after")}
        restored = manage("restore", str(archive), **after_env)
        assert restored.returncode == 0, restored.stderr
        assert "복원했습니다:" in restored.stdout

        after = json.loads(shell(SNAPSHOT, **after_env))
        assert after == before  # every published edition verifies; the history row for row
        assert shell(SERVES, **after_env) == "200 200 True"

        again = manage("restore", str(archive), **after_env)
        assert again.returncode != 0
        assert "데이터베이스가 비어 있지 않습니다" in again.stderr


@pytest.fixture
def archive(db, settings, tmp_path):
    """A backup of the test database as it is, and a published file of its MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "published").mkdir(parents=True)
    (settings.MEDIA_ROOT / "published" / "a.pdf").write_bytes(b"%PDF-1.7")
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [path] = (tmp_path / "backups").glob("*.tar")
    return path


def rewritten(path, tmp_path, change):
    """The archive with its members passed through change(name, data) -> data."""
    with tarfile.open(path) as source:
        members = [(m, source.extractfile(m).read()) for m in source.getmembers()]
    target = tmp_path / "changed.tar"
    with tarfile.open(target, "w") as archive:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return target


def test_a_restore_over_data_is_refused_without_replace(archive):
    with pytest.raises(CommandError, match="데이터베이스가 비어 있지 않습니다. 지금 데이터를 백업의 것으로 바꾸려면 --replace"):
        call_command("restore", str(archive))


def test_a_damaged_archive_is_refused_before_anything_changes(archive, tmp_path, settings):
    damaged = rewritten(archive, tmp_path, lambda name, data: b"%PDF-1.7 forged" if name == "media/published/a.pdf" else data)
    (settings.MEDIA_ROOT / "published" / "a.pdf").write_bytes(b"%PDF-1.7 today")

    with pytest.raises(CommandError, match="백업 파일이 손상되었습니다 \\(맞지 않는 항목: media/published/a.pdf\\)"):
        call_command("restore", str(damaged), "--replace")
    assert (settings.MEDIA_ROOT / "published" / "a.pdf").read_bytes() == b"%PDF-1.7 today"


def test_a_backup_of_another_kind_of_database_is_refused(archive, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def claim_other(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"] = other
        return json.dumps(manifest).encode()

    with pytest.raises(CommandError, match=f"{other} 데이터베이스의 백업은 {connection.vendor} 데이터베이스에 복원할 수 없습니다"):
        call_command("restore", str(rewritten(archive, tmp_path, claim_other)), "--replace")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    not_a_backup = tmp_path / "report.tar"
    with tarfile.open(not_a_backup, "w") as archive:
        archive.add(__file__, arcname="report.pdf")

    with pytest.raises(CommandError, match="manifest.json"):
        call_command("restore", str(not_a_backup))


def test_keep_leaves_only_the_newest_backups(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("20261128", "20261129", "20261130"):
        (folder / f"sdf_intranet-{day}-020000.tar").write_bytes(b"old")
    (folder / "notes.txt").write_text("운영 메모")

    call_command("backup", "--output", str(folder), "--keep", "2", stdout=io.StringIO())

    names = sorted(path.name for path in folder.iterdir())
    assert names[0] == "notes.txt" and names[1] == "sdf_intranet-20261130-020000.tar"
    assert len(names) == 3 and names[2].startswith("sdf_intranet-2026")
