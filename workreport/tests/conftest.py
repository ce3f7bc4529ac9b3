"""Fixtures of the tests of the report's background tasks (workreport/report_tasks.py: the draft
PDF and publishing in the task worker): WeasyPrint stood in for, a reader, a publisher's client, an empty
cache and a MEDIA_ROOT of the test's own. Helpers that are not fixtures: report_task_helpers.py."""
import pytest
from django.core.cache import cache

from workreport.tests.report_task_helpers import FakeRenderer, logged_in


@pytest.fixture
def renderer(monkeypatch):
    """WeasyPrint stood in for, however the PDF is made: the whole report in one pass (publishing),
    the sectioned draft, one programme's pages cut from it."""
    fake = FakeRenderer()
    monkeypatch.setattr("workreport.rendering.build_report_pdf", fake)
    monkeypatch.setattr("workreport.sections.sectioned_pdf", fake)
    monkeypatch.setattr("workreport.sections.programme_pdf", fake)
    return fake


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reader(django_user_model, edition):
    """A client logged in as a member of staff without a role: who reads the draft PDF."""
    return logged_in(django_user_model.objects.create_user("reader", password="x-unused-password-1"))


@pytest.fixture
def publisher_client(publisher):
    """A client logged in as the root conftest's `publisher` (업무보고 발행 + 인사담당)."""
    return logged_in(publisher)
