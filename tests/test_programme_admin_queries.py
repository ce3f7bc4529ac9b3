"""The programme page's admin (projects.admin.ProgramPageAdmin): its contacts' posts are fetched
with their people, and each autocomplete box names its chosen option from them
(reports.admin_widgets), so a contact costs the page no query of its own (issue 11, part 9); and
every query the page builds is one it sends: a box with nothing chosen (the contacts' blank row)
lists no options without building a query that finds none."""
from unittest import mock

from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from projects.models import ProgramContact, ProgramPage
from staffing.models import Post
from tests.helpers import admin_url


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_contact_costs_the_page_no_query_of_its_own(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    url = admin_url(ProgramPage, "change", page.pk)
    superuser_client.get(url)  # warm: session, content types
    before, contacts = queries_of(superuser_client, url), page.contacts.count()
    posts = Post.objects.filter(person__edition=edition).exclude(contacts__page=page)[:3]
    for order, post in enumerate(posts, start=10):
        ProgramContact.objects.create(page=page, role=ProgramContact.Role.OFFICER, post=post, order=order)

    html = superuser_client.get(url).content.decode()
    after = queries_of(superuser_client, url)

    assert after == before, (contacts, before, after)
    assert all(str(post) in html for post in posts)  # each named by its person


def test_every_query_the_page_builds_is_sent(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    url = admin_url(ProgramPage, "change", page.pk)
    superuser_client.get(url)  # warm: session, content types

    with mock.patch.object(SQLCompiler, "execute_sql", autospec=True, side_effect=SQLCompiler.execute_sql) as built:
        with CaptureQueriesContext(connection) as sent:
            html = superuser_client.get(url).content.decode()

    assert 'id="contacts-empty"' in html  # the blank row is drawn
    assert built.call_count == len(sent), [query["sql"][:80] for query in sent]
