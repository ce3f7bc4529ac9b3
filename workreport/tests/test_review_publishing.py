"""Publishing waits for the round (issue 14, part 5): every part 확정, or an explicit override by the
publisher, recorded and shown on the published edition's row; the round ends with the publication."""
import datetime

import pytest

from reports.models import PublishedEdition
from workreport import publishing, review
from workreport.models import ReviewStatus


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch, settings, tmp_path):
    # the gate is what is tested here; how the PDF renders is tested in test_published_editions.py
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(publishing.rendering, "build_report_pdf", lambda edition, unit=None, stamp=None: b"%PDF-1.7 x")


@pytest.fixture
def round_(edition, publisher):
    return review.open_round(user=publisher, edition=edition, title="2024년 11월 업무보고", due_on=datetime.date(2024, 11, 8))


def test_publishing_is_refused_while_a_part_is_not_confirmed_and_nothing_is_stored(round_, edition, publisher, tmp_path):
    with pytest.raises(review.ReviewRefused, match="확정되지 않은 항목"):
        publishing.publish(edition, publisher)

    assert not PublishedEdition.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))
    round_.refresh_from_db()
    assert round_.is_open


def test_an_override_is_recorded_on_the_edition_and_shown_in_the_list(round_, edition, publisher, client):
    published = publishing.publish(edition, publisher, override="감사 일정이 당겨져 먼저 냄")

    assert published.review_override.startswith("확정 전 발행: 감사 일정이 당겨져 먼저 냄 (확정되지 않은 항목")
    round_.refresh_from_db()
    assert not round_.is_open and round_.history.first().history_change_reason == "제1판 발행"
    client.force_login(publisher)
    listing = client.get("/report/published/").content.decode()
    assert "확정 전 발행: 감사 일정이 당겨져 먼저 냄" in listing


def test_once_every_part_is_confirmed_publishing_goes_on_and_ends_the_round(round_, edition, publisher):
    round_.reviews.update(status=ReviewStatus.CONFIRMED)

    published = publishing.publish(edition, publisher)

    assert published.review_override == ""
    round_.refresh_from_db()
    assert not round_.is_open


def test_the_confirmation_page_lists_the_waiting_parts_and_a_refused_post_says_why(round_, edition, publisher,
                                                                                 client):
    client.force_login(publisher)

    confirm = client.get("/report/published/", {"year": "2024"}).content.decode()
    assert 'class="publish-waiting"' in confirm and "2-4. 서울스마트시티센터 운영 (작성 중)" in confirm

    refused = client.post("/report/published/publish/", {"year": "2024", "confirmed": publishing.data_fingerprint()},
                          follow=True).content.decode()
    assert "발행하지 않았습니다: 차수의 모든 항목이 확정되어야 발행합니다" in refused
    assert not PublishedEdition.objects.exists()


def test_a_post_without_the_confirmation_is_shown_the_confirmation_not_published(edition, publisher, client):
    client.force_login(publisher)

    response = client.post("/report/published/publish/", {"year": "2024"})

    assert response.status_code == 200 and "발행 확인" in response.content.decode()
    assert not PublishedEdition.objects.exists()
