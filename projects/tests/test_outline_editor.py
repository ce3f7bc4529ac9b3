"""A team lead writes a programme page's sections as outline texts in the admin, with the page
as printed beside them: what is typed is stored as lines, in place, and bad text is refused whole."""
from html import unescape

import pytest
from django.urls import reverse

from accounts.roles import AUDITOR, TEAM_LEAD
from projects.models import AchievementItem, Marker, ProgramPage, ScheduleItem
from projects.outline import ACHIEVEMENTS, SCHEDULE, section_text
from tests.helpers import admin_url, change_form_data


@pytest.fixture
def page_1_1(edition):
    return ProgramPage.objects.select_related("unit__policy__edition").get(unit__number="1-1")


def edit_url(page):
    return admin_url(ProgramPage, "change", page.pk)


def preview_url(page):
    return reverse("admin:projects_programpage_preview", args=[page.pk])


def open_form(client, page):
    return change_form_data(client.get(edit_url(page)))


def test_the_page_form_shows_each_section_as_its_text(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)

    assert data["achievements_text"] == section_text(page_1_1, ACHIEVEMENTS)
    assert data["achievements_text"].startswith("○ AI 기반 행정 서비스 모델 개발 등 AI 연구\n  - 어르신 디지털상담 챗봇")
    assert data["schedule_text"].splitlines()[0] == "○ 서울형 sLM 개발 및 생성형 AI 서비스 시범운영 : 10~12월"
    assert data["overview_text"] == ""


def test_a_line_typed_in_the_middle_is_stored_there_and_nothing_else_is_rewritten(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)
    lines = data["achievements_text"].split("\n")
    lines.insert(3, "  - 새로 적은 2단계 실적")
    data["achievements_text"] = "\n".join(lines)
    before = {item.pk: (item.order, item.text) for item in page_1_1.achievements.all()}
    history_before = AchievementItem.history.count()

    response = superuser_client.post(edit_url(page_1_1), data)

    assert response.status_code == 302 and response["Location"] == edit_url(page_1_1)
    items = list(page_1_1.achievements.order_by("order", "pk"))
    assert [(item.level, item.text) for item in items][2:5] == [
        (2, "어디나지원단 강사단(140명) 대상 어디나 문답기 활용 교육(온라인), 시범 운영(9월)"),
        (2, "새로 적은 2단계 실적"),
        (2, "sLM 기반 업무지원 서비스 프로토타입 시범 운영"),
    ]
    assert {item.pk: (item.order, item.text) for item in items if item.pk in before} == before
    assert AchievementItem.history.count() == history_before + 1


def test_a_changed_period_and_a_removed_line_are_saved(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)
    lines = data["schedule_text"].split("\n")
    lines[0] = lines[0].replace(": 10~12월", ": 12월~’25.2월")
    del lines[1]
    data["schedule_text"] = "\n".join(lines)

    assert superuser_client.post(edit_url(page_1_1), data).status_code == 302

    items = list(page_1_1.schedule.order_by("order"))
    assert [item.period_label for item in items] == ["12월~’25.2월", "11월", "12월"]


def test_text_that_does_not_read_is_refused_whole_and_kept_in_the_box(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)
    data["achievements_text"] += "\n  - 이 줄은 저장되면 안 됩니다"
    data["schedule_text"] = "○ 새 일정 : 13월\n○ 기간 없는 일정"
    stored = section_text(page_1_1, SCHEDULE)

    response = superuser_client.post(edit_url(page_1_1), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "1번째 줄: 기간 '13월'의 13월은 없는 달입니다." in unescape(html)
    assert "2번째 줄: 향후일정 줄 끝에 기간을" in html
    assert 'data-error-lines="1,2"' in html
    assert response.context["adminform"].form["schedule_text"].value() == data["schedule_text"]
    assert section_text(page_1_1, SCHEDULE) == stored
    assert not AchievementItem.objects.filter(text="이 줄은 저장되면 안 됩니다").exists()


def test_marks_typed_twice_are_stored_once(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)
    data["achievements_text"] += "\n  ※ ※ 서울시 본청 교육 자료로 활용"

    superuser_client.post(edit_url(page_1_1), data)

    last = page_1_1.achievements.order_by("-order").first()
    assert (last.marker, last.text) == (Marker.NOTE, "서울시 본청 교육 자료로 활용")


def test_a_pasted_table_becomes_one_table_line_with_its_rows(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)
    data["achievements_text"] += "\n\n구분\t내용\n완료 (2)\t\"첫째 과제\n둘째 과제\""

    superuser_client.post(edit_url(page_1_1), data)

    table = page_1_1.achievements.order_by("-order").first()
    assert (table.level, table.marker) == (2, Marker.TABLE)
    assert [(row.label, row.content) for row in table.rows.order_by("order")] == [
        ("구분", "내용"), ("완료 (2)", "첫째 과제\n둘째 과제")]


def test_the_preview_prints_the_typed_text_with_the_report_template(superuser_client, page_1_1):
    data = open_form(superuser_client, page_1_1)
    data["goal"] = "미리보기 <b>목표</b>"
    data["achievements_text"] = "○ 미리 보는 실적\n  - 둘째 줄\n      · 셋째 단계\n○ 잘못된 줄\n구분\t하나\t둘\t셋"
    data["schedule_text"] = "○ 일정 : 연중"

    response = superuser_client.post(preview_url(page_1_1), data)

    assert response.status_code == 200
    result = response.json()
    html = result["html"]
    assert "&lt;b&gt;목표&lt;/b&gt;" in html and "<b>목표" not in html  # typed markup printed as text
    assert '<p class="item level-1 marker-bullet"><span class="mark">○</span>미리 보는 실적</p>' in html
    assert '<span class="mark">·</span>셋째 단계' in html
    assert '<span class="period">연중</span>' in html
    assert result["errors"]["achievements"] == ["5번째 줄: 표는 두 칸(구분, 내용)으로 적습니다. 이 줄은 4칸입니다."]
    assert result["error_lines"]["achievements"] == [5]
    assert ScheduleItem.objects.filter(page=page_1_1, text="일정").count() == 0  # nothing saved


def test_the_preview_answers_only_those_who_may_change_the_page(client, make_user, page_1_1, edition):
    other_team = ProgramPage.objects.get(unit__number="2-1")
    client.force_login(make_user("lead", TEAM_LEAD, person="고설태"))
    assert client.post(preview_url(page_1_1), {}).status_code == 200
    assert client.post(preview_url(other_team), {}).status_code == 403
    assert client.get(preview_url(page_1_1)).status_code == 405

    client.force_login(make_user("reader", AUDITOR))
    assert client.post(preview_url(page_1_1), {}).status_code == 403


def test_a_reader_sees_the_texts_without_boxes(client, make_user, page_1_1):
    client.force_login(make_user("reader", AUDITOR))

    html = client.get(edit_url(page_1_1)).content.decode()

    assert '<pre class="outline-readonly">○ AI 기반 행정 서비스 모델 개발 등 AI 연구' in html
    assert 'name="achievements_text"' not in html


def test_saving_a_line_on_its_own_page_returns_to_its_programme_page(superuser_client, page_1_1):
    item = page_1_1.achievements.order_by("order").first()
    url = admin_url(AchievementItem, "change", item.pk)
    data = change_form_data(superuser_client.get(url))
    data["text"] = "제 페이지에서 고친 줄"

    response = superuser_client.post(url, data)

    assert response["Location"] == edit_url(page_1_1)
