"""Published editions: frozen PDFs with their SHA-256, never rendered or changed again.

Drafts render live, but an unchanged draft is served from the cache, not rendered twice.
"""
import hashlib
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse

from workreport import publishing
from workreport.tests.report_task_helpers import run_worker
from reports.models import PublishedEdition, PublishedEditionImmutable


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache(db):  # the cache is a database table (DatabaseCache) unless REDIS_URL is set
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("publisher", password="x-Unused-1")
    user.user_permissions.add(Permission.objects.get(codename="publish_edition", content_type__app_label="reports"))
    return django_user_model.objects.get(pk=user.pk)  # fresh: no cached permissions


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="x-Unused-1")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x-Unused-1")


class RenderCounter:
    """Stands in for the renderer: a PDF whose bytes depend on a counter, and how often it ran."""

    def __init__(self):
        self.calls = 0

    def __call__(self, edition, unit=None, *, stamp=None):
        self.calls += 1
        return f"%PDF-1.7 fake {edition.year} render {self.calls}".encode()


@pytest.fixture
def renderer(monkeypatch):
    counter = RenderCounter()
    monkeypatch.setattr("workreport.rendering.build_report_pdf", counter)
    monkeypatch.setattr("workreport.sections.sectioned_pdf", counter)  # the whole draft, in sections
    monkeypatch.setattr("workreport.sections.programme_pdf", counter)  # one programme, cut from it
    return counter


def stored_bytes(published) -> bytes:
    return Path(published.file.path).read_bytes()


def edit_report_data(edition):
    """What an editor does after publishing: change a 추진실적 line and a 세부사업 amount."""
    from budget.models import DetailProgram
    from projects.models import AchievementItem

    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text = "발행 후 고친 추진실적 문장"
    item.save()
    detail = DetailProgram.objects.filter(unit__policy__edition=edition, carried_over=False).first()
    detail.budget_amount += 12_345
    detail.save()


# --- publishing and the stored file -----------------------------------------------------------

def test_publishing_stores_the_rendered_pdf_with_its_sha256(edition, publisher, media_root, renderer):
    published = publishing.publish(edition, publisher, note="감사 제출본")

    data = stored_bytes(published)
    assert renderer.calls == 1
    assert data == f"%PDF-1.7 fake {edition.year} render 1".encode()
    assert Path(published.file.path).is_relative_to(media_root / "published")
    assert published.sha256 == hashlib.sha256(data).hexdigest()
    assert published.size == len(data)
    assert published.published_by == publisher
    assert published.published_at is not None
    assert published.note == "감사 제출본"
    assert publishing.verify(published)


def test_a_published_file_and_hash_do_not_change_when_the_data_does(edition, publisher, client, monkeypatch):
    from workreport import rendering

    html_before = rendering.render_report_html(edition)
    published = publishing.publish(edition, publisher)
    frozen, frozen_hash = stored_bytes(published), published.sha256
    assert frozen.startswith(b"%PDF")

    edit_report_data(edition)
    html_after = rendering.render_report_html(edition)
    assert "발행 후 고친 추진실적 문장" in html_after and html_after != html_before, (
        "the edits must change the rendered report, or this test proves nothing")

    def must_not_render(*args, **kwargs):
        raise AssertionError("a published file is served as stored, never rendered again")

    monkeypatch.setattr("workreport.rendering.build_report_pdf", must_not_render)
    monkeypatch.setattr("workreport.rendering.html_to_pdf", must_not_render)
    client.force_login(publisher)
    response = client.get(reverse("workreport:published_download", args=[published.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == frozen
    published.refresh_from_db()
    assert published.sha256 == frozen_hash == hashlib.sha256(stored_bytes(published)).hexdigest()
    assert publishing.verify(published)


def test_verify_notices_a_tampered_file(edition, publisher, renderer):
    published = publishing.publish(edition, publisher)
    Path(published.file.path).write_bytes(stored_bytes(published) + b"%tampered")
    assert not publishing.verify(published)
    Path(published.file.path).unlink()
    assert not publishing.verify(published)


def test_a_published_record_can_be_neither_changed_nor_deleted(edition, publisher, renderer):
    published = publishing.publish(edition, publisher)
    published.note = "바꾼 메모"
    with pytest.raises(PublishedEditionImmutable):
        published.save()
    with pytest.raises(PublishedEditionImmutable):
        published.delete()
    published.refresh_from_db()
    assert published.note == ""
    assert PublishedEdition.objects.count() == 1


def test_the_admin_offers_no_way_to_add_change_or_delete(edition, superuser, renderer, client):
    published = publishing.publish(edition, superuser)
    client.force_login(superuser)
    change_url = reverse("admin:reports_publishededition_change", args=[published.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert published.sha256 in page.content.decode()
    assert client.post(change_url, {"note": "바꿈"}).status_code == 403
    assert client.get(reverse("admin:reports_publishededition_add")).status_code == 403
    assert client.post(reverse("admin:reports_publishededition_delete", args=[published.pk]),
                       {"post": "yes"}).status_code == 403
    published.refresh_from_db()
    assert published.note == ""


# --- who may publish ------------------------------------------------------------------------

@pytest.mark.parametrize("who, status, created", [
    ("anonymous", 302, False),   # to the login page
    ("reader", 403, False),
    ("publisher", 302, True),
    ("superuser", 302, True),
])
def test_who_may_publish(who, status, created, edition, client, renderer, media_root, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("workreport:publish_edition"), {"year": edition.year,
                                                                   "confirmed": publishing.data_fingerprint()})
    run_worker()  # the POST queued the publication, if it was allowed to

    assert response.status_code == status
    assert PublishedEdition.objects.exists() is created
    assert renderer.calls == (1 if created else 0)
    stored = list((media_root / "published").rglob("*.pdf")) if (media_root / "published").exists() else []
    assert len(stored) == (1 if created else 0)
    if who == "anonymous":
        assert reverse("login") in response["Location"]


def test_publishing_is_post_only(edition, client, publisher, renderer):
    client.force_login(publisher)
    assert client.get(reverse("workreport:publish_edition"), {"year": edition.year}).status_code == 405
    assert not PublishedEdition.objects.exists()


@pytest.mark.parametrize("year", ["1999", "abc", ""])
def test_publishing_an_unknown_year_changes_nothing(year, client, publisher, renderer, edition):
    client.force_login(publisher)
    response = client.post(reverse("workreport:publish_edition"), {"year": year}, follow=True)
    assert "발행할 연도판을 찾을 수 없습니다" in response.content.decode()
    assert not PublishedEdition.objects.exists()
    assert renderer.calls == 0


# --- the list page and downloads --------------------------------------------------------------

def test_the_list_shows_hash_publisher_and_verification(edition, client, publisher, reader, renderer):
    published = publishing.publish(edition, publisher)
    client.force_login(reader)
    html = client.get(reverse("workreport:published_list")).content.decode()
    assert published.sha256 in html
    assert "publisher" in html
    assert "일치" in html and "불일치" not in html
    assert reverse("workreport:published_download", args=[published.pk]) in html
    assert 'action="%s"' % reverse("workreport:publish_edition") not in html  # readers see no publish form

    Path(published.file.path).write_bytes(b"%PDF changed")
    assert "불일치" in client.get(reverse("workreport:published_list")).content.decode()


def test_the_download_has_a_korean_file_name(edition, client, publisher, renderer):
    published = publishing.publish(edition, publisher)
    client.force_login(publisher)
    response = client.get(reverse("workreport:published_download", args=[published.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(f'{edition.year}년 {edition.title}')}" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-SHA256"] == published.sha256


# --- the live draft ---------------------------------------------------------------------------

def test_an_unchanged_draft_is_not_rendered_twice(edition, renderer):
    first = publishing.draft_pdf(edition)
    second = publishing.draft_pdf(edition)
    assert renderer.calls == 1
    assert second == first


def test_a_draft_is_rendered_again_after_an_edit(edition, renderer):
    first = publishing.draft_pdf(edition)
    edit_report_data(edition)
    second = publishing.draft_pdf(edition)
    assert renderer.calls == 2
    assert second != first


def test_the_whole_report_and_one_programme_are_cached_apart(edition, renderer):
    from budget.models import UnitProgram

    unit = UnitProgram.objects.filter(policy__edition=edition).exclude(number="").first()
    publishing.draft_pdf(edition)
    publishing.draft_pdf(edition, unit)
    publishing.draft_pdf(edition, unit)
    assert renderer.calls == 2
