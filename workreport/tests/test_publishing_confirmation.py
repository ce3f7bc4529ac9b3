"""Publishing asks for confirmation, showing what changed since the last publication; it refuses
when nothing changed; the stored file is a PDF/A edition with its 판 and 발행일 on it."""
import hashlib
import io
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from projects.models import AchievementItem
from reports.formatting import format_date
from reports.models import PublishedEdition
from workreport import publishing
from workreport.tests.report_task_helpers import post_and_run

CHANGED_TEXT = "발행 뒤에 고친 추진실적 문장"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("publisher", password="x-Unused-1")
    user.user_permissions.add(Permission.objects.get(codename="publish_edition", content_type__app_label="reports"))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def fake_renderer(monkeypatch):
    """The stamps the renderer was asked for; a tiny PDF stands in for each rendering."""
    stamps = []

    def render(edition, unit=None, *, stamp=None):
        stamps.append(stamp)
        return f"%PDF-1.7 fake 제{stamp.issue}판".encode()

    monkeypatch.setattr("workreport.rendering.build_report_pdf", render)
    return stamps


def change_a_line(edition):
    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text = CHANGED_TEXT
    item.save()


def ask_to_publish(client, edition, **data):
    """The list page's 발행 form (GET): the confirmation page, or the list with the refusal."""
    return client.get(reverse("workreport:published_list"), {"year": edition.year, **data}, follow=True)


def post_publish(client, edition, **data):
    """The confirmation's POST, the task worker's run of what it queued, and the page it ends on."""
    return post_and_run(client, reverse("workreport:publish_edition"), {"year": edition.year, **data})


def test_asking_to_publish_shows_the_changes_since_the_last_publication_and_publishes_nothing(
        edition, client, publisher, fake_renderer):
    publishing.publish(edition, publisher)
    change_a_line(edition)
    client.force_login(publisher)

    response = ask_to_publish(client, edition, note="감사 제출")

    page = response.content.decode()
    assert response.templates[0].name == "workreport/publish_confirm.html"
    assert "제2판 발행 확인" in page and "제1판" in page
    assert CHANGED_TEXT in page
    assert 'name="note" value="감사 제출"' in page
    assert PublishedEdition.objects.count() == 1 and len(fake_renderer) == 1


def test_confirming_publishes_the_next_issue(edition, client, publisher, fake_renderer):
    client.force_login(publisher)
    state = ask_to_publish(client, edition).context["state"]

    response = post_publish(client, edition, confirmed=state, note="첫 발행")

    published = PublishedEdition.objects.get()
    assert (published.issue, published.note) == (1, "첫 발행")
    assert [stamp.issue for stamp in fake_renderer] == [1]
    assert fake_renderer[0].made_at == published.published_at
    assert "제1판을 발행했습니다" in response.content.decode()


def test_a_confirmation_of_data_that_changed_since_is_shown_again(edition, client, publisher, fake_renderer):
    client.force_login(publisher)
    state = ask_to_publish(client, edition).context["state"]
    change_a_line(edition)

    response = post_publish(client, edition, confirmed=state)

    assert response.templates[0].name == "workreport/publish_confirm.html"
    assert "확인하는 동안 데이터가 바뀌었습니다" in response.content.decode()
    assert not PublishedEdition.objects.exists()


def test_publishing_refuses_when_nothing_changed_since_the_last_publication(
        edition, client, publisher, fake_renderer):
    first = publishing.publish(edition, publisher)
    client.force_login(publisher)

    for response in (ask_to_publish(client, edition), post_publish(client, edition)):
        page = response.content.decode()
        assert response.templates[0].name == "report/published_list.html"
        assert "제1판" in page and "바뀐 데이터가 없어 발행하지 않았습니다" in page
    with pytest.raises(publishing.NothingToPublish):
        publishing.publish(edition, publisher)
    assert list(PublishedEdition.objects.all()) == [first] and len(fake_renderer) == 1

    change_a_line(edition)
    second = publishing.publish(edition, publisher)
    assert second.issue == 2


def test_the_stored_file_is_a_pdf_a_edition_with_its_issue_and_date(edition, publisher):
    published = publishing.publish(edition, publisher)

    data = Path(published.file.path).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="U"' in xmp
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    issued = f"제1판 · 발행일 {format_date(timezone.localtime(published.published_at))}"
    cover, *others = text.split("\f")[:-1]
    assert issued in cover and all(issued in page for page in others)
    assert "초안" not in text


def test_unchanged_data_renders_the_published_file_again_byte_for_byte(edition, publisher):
    published = publishing.publish(edition, publisher)

    again = publishing.render_again(published)

    assert again == Path(published.file.path).read_bytes()
    assert hashlib.sha256(again).hexdigest() == published.sha256
