"""The change history every admin page offers reads in Korean (simple_history ships no Korean)."""
from projects.models import ProgramPage


def test_history_page_of_a_programme_is_in_korean(admin_client, edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")

    html = admin_client.get(f"/admin/projects/programpage/{page.pk}/history/").content.decode()

    assert "변경 이력: 1-1. AI 행정서비스 연구개발" in html
    assert "수정한 사람" in html and "생성" in html
    assert "View history" not in html and "Changed by" not in html
