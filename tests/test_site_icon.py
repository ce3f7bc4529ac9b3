"""The site's icon: every page and the admin name it, and /favicon.ico (asked for by browsers
whatever a page names) leads to it without a login instead of a 404 in every log."""
import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db
ICON = static("img/favicon.svg")


def test_favicon_ico_leads_to_the_icon_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == ICON
    assert finders.find("img/favicon.svg")
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("path", ["/login/", "/", "/admin/"])
def test_pages_and_the_admin_name_the_icon(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert f'<link rel="icon" href="{ICON}" type="image/svg+xml">' in response.content.decode()
