"""The site's pages of the whole report: home, the report's HTML preview and PDF downloads (the whole
report or one 단위사업), and the auditors' page of changes.

Views stay thin: the report is rendered by workreport.rendering (the preview's sheets kept in the
shared cache by workreport.preview); the draft PDF downloads are
workreport.draft_views' (cached by workreport.publishing.draft_pdf, rendered by the task worker
when the data changed: workreport.report_tasks, issue 11 part 3); the home page's
figures come from workreport.home and the changes from workreport.audit, both cached by the data's
token (reports.page_cache).
"""
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from accounts.roles import programme_team_scope
from budget.models import UnitProgram
from projects.models import ProgramPage
from reports.models import ReportEdition
from workreport.audit import cached_change_audit
from workreport.home import home_context
from workreport.preview import preview_page

AUDIT_PERMISSION = "accounts.view_change_audit"


def pdf_response(pdf: bytes, ascii_name: str, korean_name: str) -> HttpResponse:
    """A PDF attachment named in ASCII for old clients and in Korean (RFC 5987 filename*) for the rest."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(korean_name, safe="")}'
    )
    return response


def edition_of(year: int) -> ReportEdition:
    return get_object_or_404(ReportEdition, year=year)


@login_required
@require_GET
def report_latest(request):
    edition = ReportEdition.objects.latest_edition()
    if edition is None:
        raise Http404("아직 불러온 업무보고가 없습니다.")
    return redirect("workreport:report_preview", year=edition.year)


def editable_page_ids(user, edition) -> set[int]:
    """The programme pages of the edition this user may change in the admin, by the admin's own rule
    (accounts.roles, accounts.admin_scoping): a superuser every page, a team lead their team's, a
    reader none. One query for the pages, whatever their number; none for a reader."""
    if not (user.is_active and user.is_staff and user.has_perm("projects.change_programpage")):
        return set()
    pages = ProgramPage.objects.filter(unit__policy__edition=edition)
    teams = programme_team_scope(user)
    if teams is not None:
        pages = pages.filter(unit__owning_team__name__in=teams)
    return set(pages.values_list("pk", flat=True))


@login_required
@require_GET
def report_preview(request, year):
    edition = edition_of(year)
    # the report's sheets from the shared cache; only which pages link to the admin is the user's
    return HttpResponse(preview_page(request, edition, editable_page_ids(request.user, edition)))


def printed_unit(edition, number) -> UnitProgram:
    """The 단위사업 of the edition whose page the report prints, by its number ("1-1"), or 404."""
    unit = (
        UnitProgram.objects.filter(policy__edition=edition, number=number, page__isnull=False)
        .select_related("policy").first()
    )
    if unit is None:
        raise Http404(f"{edition.year}년 업무보고에 {number} 단위사업이 없습니다.")
    return unit


@login_required
def home(request):
    edition = ReportEdition.objects.latest_edition()
    context = {"edition": edition}
    if edition is not None:
        context.update(home_context(request.user, edition))
    return render(request, "home.html", context)


@require_GET
def change_audit_page(request):
    # 감사 group and superusers (accounts.roles); history in the admin stays open to every reader.
    if not request.user.has_perm(AUDIT_PERMISSION):
        raise PermissionDenied("변경 내역은 감사 담당자만 볼 수 있습니다.")
    year = request.GET.get("year", "")
    editions = ReportEdition.objects.order_by("-year")
    edition = get_object_or_404(editions, year=int(year)) if year.isdigit() else editions.first()
    audit = cached_change_audit(edition) if edition is not None else None
    return render(request, "workreport/change_audit.html", {
        "audit": audit, "edition": edition, "editions": editions,
    })
