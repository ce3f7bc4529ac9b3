"""Uploads waiting for their confirm: each user's in a folder of their own, never the system's
shared temporary folder, readable only by the confirm of the user who uploaded, and deleted after
the confirm, a cancel, a refused preview, or DESK_IMPORT_UPLOAD_MAX_AGE. Beside a file in the
background (reports/background.py) its task writes `<name>.progress`.

django-import-export makes its storage without the request (`tmp_storage_class(**kwargs)`), so
the admin's import views set UPLOADER for the length of a request (DeskImportExportMixin).
"""
import contextvars
import re
import time
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied
from import_export.tmp_storages import BaseStorage

from reports.task_progress import ProgressFile, delete_older_than

UPLOADER = contextvars.ContextVar("desk_import_uploader", default=None)
NAME = re.compile(r"[0-9a-f]{32}")


class UploadMissing(Exception):
    """The upload a confirm names is not in its user's folder (confirmed, cancelled, expired, another's)."""


def uploads_root():
    return Path(settings.DESK_IMPORT_UPLOAD_DIR)


def remove_expired(now=None):
    """Delete every user's uploads older than DESK_IMPORT_UPLOAD_MAX_AGE seconds."""
    delete_older_than(uploads_root().glob("*/*"), (now or time.time()) - settings.DESK_IMPORT_UPLOAD_MAX_AGE)


class UserUploadStorage(BaseStorage):
    """The storage of django-import-export's preview and confirm, in `<root>/<user id>/<name>`.

    Files are kept as bytes (the desk's formats are all read as bytes); beside each, `<name>.preview`
    keeps the fingerprint of its preview, which the confirm must match."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        user = UPLOADER.get()
        if user is None or not user.is_authenticated:
            raise PermissionDenied("가져오기는 로그인한 사용자만 할 수 있습니다.")
        self.folder = uploads_root() / str(user.pk)

    def path(self, suffix=""):
        if not NAME.fullmatch(self.name or ""):
            raise UploadMissing(self.name)
        return self.folder / f"{self.name}{suffix}"

    def save(self, data):
        remove_expired()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.name = uuid4().hex
        self.path().write_bytes(data)

    def read(self):
        try:
            return self.path().read_bytes()
        except FileNotFoundError:
            raise UploadMissing(self.name) from None

    def remove(self):
        for suffix in ("", ".preview", ".progress"):
            try:
                self.path(suffix).unlink(missing_ok=True)
            except UploadMissing:
                return

    def save_preview(self, fingerprint):
        self.path(".preview").write_text(fingerprint)

    def preview(self):
        try:
            return self.path(".preview").read_text()
        except FileNotFoundError:
            raise UploadMissing(self.name) from None

    def save_progress(self, progress):
        """Write `progress` (JSON) whole: a reader sees the old or the new, never half of it."""
        ProgressFile(self.path(".progress")).save(progress)

    def progress(self):
        """The last progress its task wrote; None when there is none (never started, or removed)."""
        return ProgressFile(self.path(".progress")).read()

    def progress_age(self, now=None):
        """Seconds since the progress was last written; None when there is none."""
        return ProgressFile(self.path(".progress")).age(now)
