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
from functools import lru_cache

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import connection, transaction
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


def publish(edition: ReportEdition, user, note: str = "", override: str = "") -> PublishedEdition:
    """Render the whole report once as the next 판 (PDF/A, 판 and 발행일 printed), store the bytes,
    and record their SHA-256, publisher and time. NothingToPublish if nothing changed since the
    last publication; two publishers at once are served one after the other (the edition's row
    is locked), so a double click makes one 판, not two.

    With a round of the report cycle in progress, every part must be 확정, or `override` says why
    to publish anyway (recorded on the published edition; review.ReviewRefused otherwise); the
    round ends with the publication."""
    if not can_publish(user):
        raise PermissionDenied("업무보고를 발행할 권한이 없습니다.")
    with transaction.atomic():
        edition = ReportEdition.objects.select_for_update().get(pk=edition.pk)
        refuse_unchanged(edition)
        review_override = review.check_publishing(edition, override=override)
        published_at = timezone.now().replace(microsecond=0)
        issue = next_issue(edition)
        pdf = rendering.build_report_pdf(edition, stamp=rendering.PrintStamp.published(issue, published_at))
        digest = hashlib.sha256(pdf).hexdigest()
        published = PublishedEdition(
            edition=edition, issue=issue, sha256=digest, size=len(pdf), published_by=user,
            published_at=published_at, note=note.strip(), review_override=review_override,
        )
        published.file.save(stored_name(edition, digest, published_at), ContentFile(pdf), save=False)
        try:
            with transaction.atomic():
                published.full_clean()
                published.save()
                round_ = review.open_round_of(edition)
                if round_ is not None:
                    review.close_round(round_, reason=f"제{issue}판 발행")
        except Exception:
            published.file.storage.delete(published.file.name)
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


def draft_pdf(edition: ReportEdition, unit=None) -> bytes:
    """The live PDF of the current data; rendered again only when the data (or code) changed.

    The whole report is merged from sections cached apart (workreport.sections), so after an edit
    only the sections whose HTML changed are typeset again; one programme's PDF is cut from one pass."""
    key = draft_cache_key(edition, unit)
    pdf = cache.get(key)
    if pdf is None:
        pdf = rendering.build_report_pdf(edition, unit) if unit is not None else sections.sectioned_pdf(edition)
        cache.set(key, pdf, DRAFT_CACHE_SECONDS)
    return pdf
