"""On the report's HTML preview, each programme sheet that the user may change links to its admin page
("이 쪽 고치기"): a team lead their own team's, a superuser every one, a reader (감사, 인사, 예산) none.
The printed report never has the link."""
import re

import pytest
from django.urls import reverse

from projects.models import ProgramPage
from workreport import rendering
from workreport.views import editable_page_ids

EDIT_LINK = re.compile(r'<a class="unit-pdf-link" href="/admin/projects/programpage/(\d+)/change/">이 쪽 고치기</a>')


def linked_numbers(client, user):
    client.force_login(user)
    html = client.get("/report/2024/").content.decode()
    numbers = dict(ProgramPage.objects.values_list("pk", "unit__number"))
    return sorted(numbers[int(pk)] for pk in EDIT_LINK.findall(html))


def test_a_team_lead_gets_the_link_on_their_own_programmes_only(client, edition, team_lead):
    assert linked_numbers(client, team_lead) == ["1-1", "1-2"]


def test_another_team_lead_gets_their_own(client, edition, other_team_lead):
    assert linked_numbers(client, other_team_lead) == ["2-4", "2-5", "2-6", "2-7", "2-8"]


def test_a_superuser_gets_it_on_every_programme(client, edition, superuser):
    assert len(linked_numbers(client, superuser)) == ProgramPage.objects.filter(unit__policy__edition=edition).count() == 10


@pytest.mark.parametrize("reader", ["auditor", "hr_officer", "budget_officer", "publisher", "client_in"])
def test_readers_never_get_it(client, edition, reader, request):
    if reader == "client_in":  # a member of staff with no role
        html = request.getfixturevalue("client_in").get("/report/2024/").content.decode()
        assert "이 쪽 고치기" not in html
        return
    assert linked_numbers(client, request.getfixturevalue(reader)) == []


def test_a_team_lead_without_admin_access_gets_no_link(client, edition, team_lead):
    team_lead.is_staff = False  # the admin would not let them in
    team_lead.save()

    assert linked_numbers(client, team_lead) == []


def test_the_link_opens_the_programme_in_the_admin(client, edition, team_lead):
    client.force_login(team_lead)
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")

    assert client.get(reverse("admin:projects_programpage_change", args=[page.pk])).status_code == 200


def test_the_printed_report_never_has_it(edition):
    every_page = set(ProgramPage.objects.values_list("pk", flat=True))

    html = rendering.render_report_html(edition, for_print=True, extra_context={"editable_page_ids": every_page})

    assert "이 쪽 고치기" not in html and "이 사업 PDF" not in html


def test_the_editable_pages_are_one_query(edition, superuser, auditor, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(editable_page_ids(superuser, edition)) == 10
    with django_assert_num_queries(2):  # the auditor's permissions, and no page
        assert editable_page_ids(auditor, edition) == set()
