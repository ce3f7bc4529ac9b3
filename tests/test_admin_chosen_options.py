"""An autocomplete box names the option it holds (reports.admin_widgets): from the object the
form already has when it is the stored one, and from the database when the person chose another
one and the form came back with an error."""
import re

from projects.models import ProgramContact, ProgramPage
from staffing.models import Post
from tests.helpers import admin_url, change_form_data, inline_prefix, inline_row


def chosen_options(html, name):
    """The selected options of the select box `name`, as (value, label)."""
    box = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert box, name
    return re.findall(r'<option value="([^"]*)" selected>([^<]*)</option>', box.group(1))


def test_each_box_names_the_stored_choice(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    response = superuser_client.get(admin_url(ProgramPage, "change", page.pk))
    html = response.content.decode()
    prefix = inline_prefix(response, ProgramContact)

    assert chosen_options(html, "unit") == [(str(page.unit.pk), str(page.unit))]
    for contact in page.contacts.select_related("post__person"):
        name = f"{prefix}-{inline_row(response, ProgramContact, contact.pk)}-post"
        assert chosen_options(html, name) == [(str(contact.post.pk), str(contact.post))]


def test_a_box_sent_back_with_another_choice_names_that_one(superuser_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    url = admin_url(ProgramPage, "change", page.pk)
    response = superuser_client.get(url)
    contact = page.contacts.order_by("order").first()
    other = Post.objects.filter(person__edition=edition).exclude(pk=contact.post_id).select_related("person").first()
    data = change_form_data(response)
    name = f"{inline_prefix(response, ProgramContact)}-{inline_row(response, ProgramContact, contact.pk)}-post"
    data[name] = str(other.pk)
    data["schedule_text"] = "○ 새 일정 : 13월"  # refused: the form comes back with what was sent

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert chosen_options(response.content.decode(), name) == [(str(other.pk), str(other))]
    contact.refresh_from_db()
    assert contact.post_id != other.pk
