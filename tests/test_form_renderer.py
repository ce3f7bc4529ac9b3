"""Form widgets drawn from Django's Jinja2 form templates (sdf_intranet.form_renderer) give the
pages the HTML Django's own renderer gives them: the same inputs, values, errors and admin
wrappers, only blank lines and the spelling of an escaped quote differ."""
import re

import pytest
from django.forms.renderers import get_default_renderer
from django.template.backends import django as django_backend
from django.template.backends import jinja2 as jinja2_backend
from django.test import override_settings

from projects.models import ProgramPage
from reports.models import ReportEdition
from staffing.models import HeadcountCensus
from tests.helpers import admin_url, change_form_data

DJANGO_RENDERER = "django.forms.renderers.DjangoTemplates"


def normalised(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return [line.strip() for line in html.splitlines() if line.strip()]


def both_ways(client, method, url, data=None):
    def page():
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == 200
        return normalised(response.content.decode())

    ours = page()
    with override_settings(FORM_RENDERER=DJANGO_RENDERER):
        return ours, page()


@pytest.mark.parametrize("url_of", [
    lambda edition: admin_url(ProgramPage, "change", ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1").pk),
    lambda edition: admin_url(ReportEdition, "change", edition.pk),  # inlines of long texts with quotes
    lambda edition: admin_url(HeadcountCensus, "add"),  # dates, selects
    lambda edition: "/budget/execution/",  # the site's own filter form
], ids=["programme page", "edition", "headcount census", "execution filter"])
def test_pages_are_drawn_as_djangos_renderer_draws_them(superuser_client, edition, url_of):
    ours, djangos = both_ways(superuser_client, "get", url_of(edition))

    assert ours == djangos


def test_a_refused_form_shows_its_errors_as_djangos_renderer_does(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    url = admin_url(ProgramPage, "change", page.pk)
    data = change_form_data(superuser_client.get(url))
    data["schedule_text"] = "○ 새 일정 : 13월"

    ours, djangos = both_ways(superuser_client, "post", url, data)

    assert ours == djangos
    assert any("13월은 없는 달입니다" in line and 'class="errorlist' in line for line in ours)


def test_djangos_form_templates_come_from_jinja2_and_the_admins_from_django_templates():
    renderer = get_default_renderer()

    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), jinja2_backend.Template)
    assert isinstance(renderer.get_template("admin/widgets/related_widget_wrapper.html"), django_backend.Template)
    assert renderer.render("django/forms/errors/list/ul.html", {"errors": [], "error_class": "errorlist"}) == ""
