"""One backup of the site: the database and MEDIA_ROOT (the published PDFs) together, in one
tar file with a manifest of every member's SHA-256 (`manage.py backup` / `restore`).

A published edition's row names a file under MEDIA_ROOT and its SHA-256; a dump of the database
alone restores rows whose files are gone, and verify() fails. So the two go together: the
database first, then the files. Publishing writes the file before the row and never deletes a
published file, so every row of the dump has its file in the archive (a file written in between
is an orphan, which harms nothing).

SQLite is copied with SQLite's online backup (a consistent copy while the site runs), PostgreSQL
with pg_dump's custom format (pg_restore brings it back, owners and grants left to the target).
A restore checks every member against the manifest before it touches anything, restores only
into the same kind of database, and only into an empty database and media folder unless told
to replace them.
"""
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused, with a Korean sentence saying why."""


@dataclass(frozen=True)
class Summary:
    path: Path
    database: str
    media_files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def vendor() -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(f"{connection.vendor} 데이터베이스는 백업할 수 없습니다 (SQLite, PostgreSQL만).")
    return connection.vendor


def postgres_command(program: str, *args: str) -> tuple[list[str], dict]:
    params = connection.settings_dict
    command = [program, "--no-password", f"--dbname={params['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command.append(f"{option}={params[key]}")
    env = {**os.environ, **({"PGPASSWORD": params["PASSWORD"]} if params.get("PASSWORD") else {})}
    return command + list(args), env


def run(command: list[str], env: dict):
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]}이(가) 없습니다: PostgreSQL 클라이언트를 설치하세요 (apt-get install postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]}이(가) 실패했습니다: {result.stderr.strip()[:500]}")


def dump_database(target: Path):
    if vendor() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        command, env = postgres_command("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")
        run(command, env)


def media_files(root: Path):
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file())


def create_backup(directory: Path) -> Summary:
    """Write <directory>/sdf_intranet-<time>.tar: the database, then every file under MEDIA_ROOT."""
    directory.mkdir(parents=True, exist_ok=True)
    kind = vendor()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"sdf_intranet-{stamp}.tar"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        database = Path(scratch) / DATABASE_MEMBER[kind]
        dump_database(database)
        files = {DATABASE_MEMBER[kind]: sha256_of(database)}
        partial = path.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(database, arcname=DATABASE_MEMBER[kind])
            for file in media_files(media_root):
                name = MEDIA_PREFIX + file.relative_to(media_root).as_posix()
                files[name] = sha256_of(file)
                archive.add(file, arcname=name)
            manifest = json.dumps({"format": FORMAT, "created": datetime.datetime.now().astimezone().isoformat(),
                                   "database": kind, "files": files}, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(manifest), time.time()
            archive.addfile(info, io.BytesIO(manifest))
        partial.rename(path)  # a backup cut short never looks like a whole one
    os.chmod(path, 0o600)
    return Summary(path, kind, len(files) - 1)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in directory (by the time in their names); return them."""
    backups = sorted(directory.glob("sdf_intranet-*.tar"))
    gone = backups[:-keep] if keep > 0 else []
    for path in gone:
        path.unlink()
    return gone


def read_checked(archive_path: Path, scratch: Path) -> dict:
    """Extract the archive into scratch and return its manifest, once every member matches it."""
    try:
        with tarfile.open(archive_path) as archive:
            archive.extractall(scratch, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"백업 파일을 읽을 수 없습니다: {error}") from None
    try:
        manifest = json.loads((scratch / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError("백업 파일에 목록(manifest.json)이 없습니다: 이 사이트의 backup이 만든 파일이 아닙니다.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"백업 형식 {manifest.get('format')}은(는) 복원할 수 없습니다 (이 버전은 {FORMAT}).")
    present = {path.relative_to(scratch).as_posix() for path in scratch.rglob("*") if path.is_file()} - {MANIFEST}
    damaged = sorted(name for name, digest in manifest["files"].items()
                     if name not in present or sha256_of(scratch / name) != digest)
    extra = sorted(present - manifest["files"].keys())
    if damaged or extra:
        raise BackupError(f"백업 파일이 손상되었습니다 (맞지 않는 항목: {', '.join(damaged + extra)[:300]}). 아무것도 바꾸지 않았습니다.")
    return manifest


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore_database(dump: Path):
    if vendor() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)  # page by page, over what is there
        source.close()
    else:
        command, env = postgres_command("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                                        "--exit-on-error", "--single-transaction", str(dump))
        run(command, env)
    connection.close()


def restore_media(extracted: Path, media_root: Path):
    """Put the archive's files in place of MEDIA_ROOT's: beside it first, then one rename."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".restoring-", dir=media_root.parent))
    if extracted.is_dir():
        shutil.copytree(extracted, incoming, dirs_exist_ok=True)
    old = media_root.with_name(media_root.name + ".before-restore")
    if media_root.exists():
        shutil.rmtree(old, ignore_errors=True)
        media_root.rename(old)
    incoming.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)


def restore_backup(archive_path: Path, *, replace: bool = False) -> Summary:
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        manifest = read_checked(archive_path, scratch)
        kind = vendor()
        if manifest["database"] != kind:
            raise BackupError(f"{manifest['database']} 데이터베이스의 백업은 {kind} 데이터베이스에 복원할 수 없습니다.")
        if not replace and not database_is_empty():
            raise BackupError("데이터베이스가 비어 있지 않습니다. 지금 데이터를 백업의 것으로 바꾸려면 --replace를 붙이세요.")
        if not replace and any(media_files(media_root)):
            raise BackupError(f"MEDIA_ROOT({media_root})에 파일이 있습니다. 백업의 파일로 바꾸려면 --replace를 붙이세요.")
        restore_database(scratch / DATABASE_MEMBER[kind])
        restore_media(scratch / MEDIA_PREFIX.rstrip("/"), media_root)
        return Summary(archive_path, kind, len(manifest["files"]) - 1)
