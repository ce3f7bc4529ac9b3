"""Published editions (frozen PDFs for auditors) and the cache of the live draft PDF.

A published edition is rendered once, as PDF/A with its 판 (제1판, 제2판 …) and 발행일 printed on
it, stored with its SHA-256 and never rendered or written again: downloads serve the stored
bytes. An edition is published again only when its data changed since its last publication.
A draft renders live from current
data, but a second download of unchanged data is served from the cache: the cache
key is a fingerprint of every historical table of the report apps (row count and
highest history id), so any save or delete made through the models (admin, forms,
loaders) changes the key. Writes that bypass the models (QuerySet.update, raw SQL)
do not record history; DRAFT_CACHE_SECONDS bounds how long such a change can hide.
"""
import datetime
import hashlib
import logging
import os
import time
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from reports import release
from reports.history import historical_models, untracked_models
from reports.models import PublishedEdition, ReportEdition
from reports.formatting import format_moment
from workreport import rendering, review, sections
from workreport.audit import change_audit

PUBLISH_PERMISSION = "reports.publish_edition"
DRAFT_CACHE_SECONDS = 60 * 60
HASH_CHUNK = 1024 * 1024

logger = logging.getLogger(__name__)


def can_publish(user) -> bool:
    """Superusers and holders of reports.publish_edition (the 업무보고 발행 role) may publish."""
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(PUBLISH_PERMISSION)))


def sha256_of_file(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_name(edition: ReportEdition, digest: str, when: datetime.datetime) -> str:
    # ASCII on disk; the Korean name is given only in Content-Disposition.
    return f"report-{edition.year}-{timezone.localtime(when):%Y%m%d-%H%M%S}-{digest[:12]}.pdf"


class NothingToPublish(Exception):
    """The edition's data has not changed since its last publication: a new 판 would say nothing new."""


def next_issue(edition: ReportEdition) -> int:
    """The 판 the next publication of the edition will be: 1 for the first."""
    last = edition.publications.order_by("-issue").values_list("issue", flat=True).first()
    return (last or 0) + 1


def refuse_unchanged(edition: ReportEdition, audit=None) -> None:
    """NothingToPublish when the edition was published and nothing changed since (workreport.audit;
    pass the edition's change_audit when it is at hand)."""
    audit = audit or change_audit(edition)
    last = audit.since_publication
    if last is not None and not audit.count:
        raise NothingToPublish(
            f"{edition.year}년 업무보고는 제{last.issue}판({format_moment(last.published_at)} 발행) 뒤로 바뀐 데이터가 "
            f"없어 발행하지 않았습니다.")


class DataChanged(Exception):
    """The data changed since the publisher confirmed it (data_fingerprint): they confirm again."""


# the steps of a publication a progress callback is told, in order (workreport.report_tasks)
RENDERING, SAVING = "rendering", "saving"
# a publication's file is written under this suffix and moved into place with its row
PARTIAL_SUFFIX = ".partial"


class PublicationFile:
    """The PDF of a publication on its way into MEDIA_ROOT/published/: written whole (and synced)
    under a partial name, moved into place inside the transaction that saves its row, discarded if
    that transaction fails. A worker killed half-way leaves at most a file no row names, which a
    later publication of the edition sweeps once it is old (sweep_unfinished); never a row without
    its file."""

    def __init__(self, instance: PublishedEdition, file_name: str):
        field = instance._meta.get_field("file")
        self.storage = field.storage
        self.name = self.storage.get_available_name(field.generate_filename(instance, file_name),
                                                    max_length=field.max_length)
        # FileSystemStorage (settings.STORAGES): a rename is what makes the file appear whole
        self.path = Path(self.storage.path(self.name))
        self.partial = self.path.with_name(self.path.name + PARTIAL_SUFFIX)

    def write(self, data: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def move_into_place(self) -> None:
        os.replace(self.partial, self.path)

    def discard(self) -> None:
        self.partial.unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)


def sweep_unfinished(edition: ReportEdition, now=None) -> list[Path]:
    """Delete the files of `edition` under MEDIA_ROOT/published/ that no publication names and that
    nobody has written for REPORT_TASK_STALL_SECONDS: what a publication killed half-way left (its
    transaction rolled back). Called by publish while it holds the edition's row; but that lock
    is not everywhere one (SQLite ignores select_for_update), a second worker or a retry may run
    beside a slow publication, and a live publication's partial file is younger than the stall
    limit (it is written, then moved into place with its row, within moments): only an old file is
    an orphan. The files of other editions are theirs to sweep."""
    storage = PublishedEdition._meta.get_field("file").storage
    root = Path(storage.path("published"))
    if not root.is_dir():
        return []
    named = {Path(storage.path(name)) for name in edition.publications.values_list("file", flat=True)}
    cutoff = (now or time.time()) - settings.REPORT_TASK_STALL_SECONDS
    removed = [path for path in root.rglob(f"report-{edition.year}-*")
               if path.is_file() and path not in named and modified_before(path, cutoff)]
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        logger.warning("발행하다 멈춘 파일을 지웠습니다(행이 없는 파일): %s", ", ".join(str(p) for p in removed))
    return removed


def modified_before(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except FileNotFoundError:
        return False


def is_recorded(name: str) -> bool:
    """Whether a publication's row names the file `name` (its transaction committed). When the
    database cannot tell, True: a file kept is swept later if no row names it; a file deleted
    under its row could not be published again."""
    try:
        return PublishedEdition.objects.filter(file=name).exists()
    except DatabaseError:
        return True


def publish(edition: ReportEdition, user, note: str = "", override: str = "", *,
            confirmed: str | None = None, progress=None) -> PublishedEdition:
    """Render the whole report once as the next 판 (PDF/A, 판 and 발행일 printed), store the bytes,
    and record their SHA-256, publisher and time. NothingToPublish if nothing changed since the
    last publication; two publishers at once are served one after the other (the edition's row
    is locked), so a double click makes one 판, not two.

    With a round of the report cycle in progress, every part must be 확정, or `override` says why
    to publish anyway (recorded on the published edition; review.ReviewRefused otherwise); the
    round ends with the publication. `confirmed`, the data_fingerprint the publisher was shown,
    is checked again under the lock (DataChanged). `progress(step)` is told RENDERING, then SAVING.

    Nothing half-written: the file appears under its name only with its row (PublicationFile), and
    what a killed publication left is swept first (sweep_unfinished)."""
    if not can_publish(user):
        raise PermissionDenied("업무보고를 발행할 권한이 없습니다.")
    step = progress or (lambda name: None)
    stored = None
    try:
        with transaction.atomic():
            edition = ReportEdition.objects.select_for_update().get(pk=edition.pk)
            sweep_unfinished(edition)
            if confirmed is not None and confirmed != data_fingerprint():
                raise DataChanged("확인하는 동안 데이터가 바뀌었습니다. 바뀐 내용을 다시 확인하고 발행하세요.")
            refuse_unchanged(edition)
            review_override = review.check_publishing(edition, override=override)
            published_at = timezone.now().replace(microsecond=0)
            issue = next_issue(edition)
            step(RENDERING)
            pdf = rendering.build_report_pdf(edition, stamp=rendering.PrintStamp.published(issue, published_at))
            step(SAVING)
            digest = hashlib.sha256(pdf).hexdigest()
            published = PublishedEdition(
                edition=edition, issue=issue, sha256=digest, size=len(pdf), published_by=user,
                published_at=published_at, note=note.strip(), review_override=review_override,
            )
            stored = PublicationFile(published, stored_name(edition, digest, published_at))
            stored.write(pdf)
            published.file = stored.name
            published.full_clean()
            published.save()
            round_ = review.open_round_of(edition)
            if round_ is not None:
                review.close_round(round_, reason=f"제{issue}판 발행")
            stored.move_into_place()
    except BaseException:
        # discarded only when its row is not there: an error after the commit (an on_commit hook)
        # leaves the publication whole
        if stored is not None and not is_recorded(stored.name):
            stored.discard()
        raise
    return published


def render_again(published: PublishedEdition) -> bytes:
    """The published edition rendered again with its own 판 and 발행 일시: the stored bytes exactly,
    as long as neither the data nor the release changed since (docs/print.md, reproducible hash)."""
    stamp = rendering.PrintStamp.published(published.issue, published.published_at)
    return rendering.build_report_pdf(published.edition, stamp=stamp)


def verify(published: PublishedEdition) -> bool:
    """True when the stored file still has the recorded size and SHA-256."""
    try:
        if published.file.size != published.size:
            return False
        return sha256_of_file(published.file) == published.sha256
    except (FileNotFoundError, OSError, ValueError):
        return False


def data_fingerprint() -> str:
    """A digest that changes whenever report data is saved or deleted through the models (one query)."""
    quote = connection.ops.quote_name
    selects = [
        f"SELECT {index}, COUNT(*), MAX({quote(column)}) FROM {quote(model._meta.db_table)}"
        for index, (model, column) in enumerate(
            [(m, "history_id") for m in historical_models()]
            + [(m, m._meta.pk.column) for m in untracked_models()]
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects))
        rows = sorted(cursor.fetchall())
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The running release: a deploy that changes any code, template, static file or rendering
    library must not serve a draft cached by the release before (computed once per process)."""
    return release.current_release()


def draft_cache_key(edition: ReportEdition, unit=None) -> str:
    part = unit.pk if unit is not None else "all"
    return (
        f"report-draft-pdf:{edition.pk}:{part}:{timezone.localdate():%Y%m%d}:"
        f"{code_fingerprint()}:{data_fingerprint()}"
    )


def cached_draft_pdf(edition: ReportEdition, unit=None) -> bytes | None:
    """The draft's bytes when draft_pdf has them cached for the data and release of now, else None;
    never renders: the download answers at once, and the worker renders what is missing
    (workreport.report_tasks calls draft_pdf)."""
    return cache.get(draft_cache_key(edition, unit))


def draft_pdf(edition: ReportEdition, unit=None) -> bytes:
    """The live PDF of the current data; rendered again only when the data (or code) changed.

    The whole report is merged from sections cached apart (workreport.sections), so after an edit
    only the sections whose HTML changed are typeset again; one programme's PDF is its pages cut
    from that draft, from the same cached sections."""
    return cached_draft(edition, unit)[1]


def cached_draft(edition: ReportEdition, unit=None) -> tuple[str, bytes]:
    """(key, pdf): draft_pdf's PDF and the cache key it is under (rendered and cached if missing)."""
    key = draft_cache_key(edition, unit)
    pdf = cache.get(key)
    if pdf is None:
        pdf = sections.programme_pdf(edition, unit) if unit is not None else sections.sectioned_pdf(edition)
        cache.set(key, pdf, DRAFT_CACHE_SECONDS)
    return key, pdf
