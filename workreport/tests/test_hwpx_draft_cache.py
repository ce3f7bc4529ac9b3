"""A second HWPX download of unchanged data is served as written the first time; a change to the
report's data writes it again, as for the draft PDF."""
import pytest
from django.core.cache import cache

from projects.models import AchievementItem
from workreport import hwpx
from workreport.tests.hwpx_helpers import hwpx_text


@pytest.fixture
def writes(monkeypatch):
    cache.clear()
    calls = []
    real = hwpx.build_report_hwpx

    def counting(edition, unit=None, *, stamp=None):
        calls.append(unit)
        return real(edition, unit, stamp=stamp)

    monkeypatch.setattr("workreport.hwpx.build_report_hwpx", counting)
    yield calls
    cache.clear()


def test_unchanged_data_is_not_written_twice(client_in, edition, writes):
    first = client_in.get("/report/2024/unit/1-1/hwpx/").content
    second = client_in.get("/report/2024/unit/1-1/hwpx/").content

    assert len(writes) == 1
    assert second == first


def test_a_change_to_the_data_writes_the_file_again(client_in, edition, writes):
    client_in.get("/report/2024/unit/1-1/hwpx/")
    item = AchievementItem.objects.filter(page__unit__number="1-1", page__unit__policy__edition=edition) \
        .exclude(marker="table").first()
    item.text = "다운로드 뒤에 고친 추진실적"
    item.save()

    response = client_in.get("/report/2024/unit/1-1/hwpx/")

    assert len(writes) == 2
    assert "다운로드 뒤에 고친 추진실적" in hwpx_text(response.content)
