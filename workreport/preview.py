"""The report's HTML preview (/report/<year>/) from the shared cache: the report's sheets are
rendered once per state of the data (reports.page_cache), not once a request; at 10× data that is
200 ms of queries and templates (issue 11, part 9).

What is cached is report/_preview_body.html, rendered *without* the request, so nothing of the user
(their name, the CSRF token, messages, permissions) can enter it. It depends on the user only by
which programme pages carry "이 쪽 고치기" (editable_page_ids), and those ids are part of the key.
The page around it (report/preview.html on base.html) is rendered in each request.

The draft's moment on the cover ("초안 · … 작성") is the one thing of the body that is not data:
the cached body carries a random marker in its place, replaced by the moment of the request.
"""
import secrets
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reports.models import ReportEdition
from reports.page_cache import cached_value
from workreport import rendering


@dataclass(frozen=True)
class MarkedStamp:
    """A draft's stamp whose mark is a marker to replace (rendering.PrintStamp's attributes that
    the report's templates and document_context read)."""

    marker: str
    issue: None = None
    is_draft: bool = True
    issue_label: str = "초안"

    @property
    def mark(self) -> str:
        return self.marker

    @property
    def css_mark(self) -> str:
        return rendering.css_string(self.marker)

    @property
    def moment_iso(self) -> str:
        return self.marker


def render_preview_body(edition, editable_page_ids) -> dict:
    """{"marker", "html"}: the body with a fresh marker where the draft's moment goes."""
    marker = f"sdf-draft-moment-{secrets.token_hex(16)}"
    context = rendering.document_context(edition, stamp=MarkedStamp(marker))
    html = render_to_string("report/_preview_body.html", {
        **context, "for_print": False,
        "editions": list(ReportEdition.objects.order_by("-year")),
        # each sheet of these pages links to its admin page ("이 쪽 고치기"); never in print
        "editable_page_ids": editable_page_ids,
    })
    return {"marker": marker, "html": html}


def preview_body(edition, editable_page_ids) -> str:
    """The body for this state of the data and these editable pages, with the moment of now."""
    ids = frozenset(editable_page_ids)
    body = cached_value("report-preview", (edition.pk, tuple(sorted(ids)), timezone.localdate()),
                        lambda: render_preview_body(edition, ids))
    moment = escape(rendering.PrintStamp.draft().mark)
    return mark_safe(body["html"].replace(body["marker"], moment))


def preview_page(request, edition, editable_page_ids) -> str:
    """The whole preview page: the cached body inside the site's page of this request."""
    return render_to_string("report/preview.html", {
        "edition": edition, "document_title": rendering.document_title(edition, None),
        "preview_body": preview_body(edition, editable_page_ids),
    }, request=request)
