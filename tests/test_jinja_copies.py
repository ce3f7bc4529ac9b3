"""Admin pages drawn with the Jinja2 copies (sdf_intranet/jinja.py: the change form's fieldsets,
the sortable inline's rows, the related-links wrapper, Django's own form widgets) give the HTML
Django's templates give: the same inputs, values, labels, errors, rows and links; only white space
between them and the spelling of an escaped quote differ. Every admin change page is drawn both ways."""
import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib import admin
from django.forms.renderers import get_default_renderer
from django.template.backends import django as django_backend
from django.template.backends import jinja2 as jinja2_backend
from django.test import override_settings

from projects.models import ProgramContact, ProgramPage
from sdf_intranet import jinja
from tests.helpers import admin_url, change_form_data, inline_prefix, inline_row

DJANGO_RENDERER = "django.forms.renderers.DjangoTemplates"


def normalised(html):
    """The page as its tags and texts, each with its white space collapsed (as a browser reads it)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    pieces = (" ".join(piece.split()) for piece in re.findall(r"<[^>]*>|[^<]+", html))
    return [piece for piece in pieces if piece]


@contextmanager
def djangos_templates_only():
    with override_settings(FORM_RENDERER=DJANGO_RENDERER), mock.patch.object(jinja, "COPIED", frozenset()):
        yield


def both_ways(client, method, url, data=None):
    def page():
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == 200, url
        return normalised(response.content.decode())

    ours = page()
    with djangos_templates_only():
        return ours, page()


def first_difference(ours, djangos):
    for number, (line, other) in enumerate(zip(ours, djangos)):
        if line != other:
            return f"piece {number}: ours {line!r}, Django's {other!r}"
    return f"{len(ours)} pieces against {len(djangos)}"


def test_every_admin_change_page_is_drawn_as_djangos_templates_draw_it(superuser_client, edition):
    differ = []
    for model, model_admin in admin.site._registry.items():
        record = model._default_manager.order_by("pk").first()
        urls = [admin_url(model, "change", record.pk)] if record is not None else []
        add = admin_url(model, "add")
        if model_admin.inlines and superuser_client.get(add).status_code == 200:  # some are made elsewhere
            urls.append(add)  # the inlines' blank rows, with nothing stored
        for url in urls:
            ours, djangos = both_ways(superuser_client, "get", url)
            if ours != djangos:
                differ.append(f"{url}: {first_difference(ours, djangos)}")

    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("reader", ["team_lead", "auditor"])
def test_a_programme_page_is_drawn_for_its_readers_as_djangos_templates_draw_it(client, edition, reader, request):
    """A team lead edits the texts beside read-only figures; an auditor reads every field."""
    client.force_login(request.getfixturevalue(reader))
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")

    ours, djangos = both_ways(client, "get", admin_url(ProgramPage, "change", page.pk))

    assert ours == djangos, first_difference(ours, djangos)
    assert '<div class="readonly">' in ours


def test_a_refused_form_shows_its_errors_as_djangos_templates_do(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    url = admin_url(ProgramPage, "change", page.pk)
    response = superuser_client.get(url)
    data = change_form_data(response)
    data["schedule_text"] = "○ 새 일정 : 13월"
    contact = page.contacts.order_by("order").first()
    data[f"{inline_prefix(response, ProgramContact)}-{inline_row(response, ProgramContact, contact.pk)}-post"] = ""

    ours, djangos = both_ways(superuser_client, "post", url, data)

    assert ours == djangos, first_difference(ours, djangos)
    page_text = " ".join(ours)
    assert re.search(r'<ul class="errorlist[^>]*> <li>[^<]*13월은 없는 달입니다', page_text)
    assert re.search(r'<td class="field-post"> <ul class="errorlist[^>]*> <li>', page_text)  # the contact row's


def test_the_sites_own_forms_are_drawn_as_djangos_templates_draw_them(superuser_client, edition):
    ours, djangos = both_ways(superuser_client, "get", "/budget/execution/")  # the filter form

    assert ours == djangos, first_difference(ours, djangos)


def test_the_copies_and_djangos_form_templates_come_from_jinja2():
    renderer = get_default_renderer()

    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), jinja2_backend.Template)
    assert isinstance(renderer.get_template("admin/widgets/related_widget_wrapper.html"), jinja2_backend.Template)
    assert isinstance(renderer.get_template("admin/widgets/split_datetime.html"), django_backend.Template)
    assert renderer.render("django/forms/errors/list/ul.html", {"errors": [], "error_class": "errorlist"}) == ""
