"""인사담당 keeps 조직, 직원 and the 정원/현원 table in the admin: figures beside the counts, duplicates and
negative counts refused in Korean, and a unit with people cannot be deleted."""
import datetime
import re

import pytest

from staffing.models import CurrentHeadcount, DutyGroup, Grade, OrgUnit, Person, Post
from tests.helpers import add_inline_row, admin_url, change_form_data

AS_OF = "2024-10-18"


def grade_row(page, name):
    """The text of the list row whose first cell links to the grade `name`, cells joined by |."""
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        if name in cells:
            return cells
    raise AssertionError(f"{name} row not found")


@pytest.mark.parametrize("grade, authorised, current, gap", [
    ("이사장", "1", "1", "-"),
    ("1급", "1", "-", "△1"),
    ("3급", "3", "4", "+1"),
    ("5급", "16", "20", "+4"),
    ("6급", "13", "11", "△2"),
])
def test_grade_list_is_the_headcount_table(superuser_client, edition, grade, authorised, current, gap):
    page = superuser_client.get(admin_url(Grade, "changelist")).content.decode()

    cells = grade_row(page, grade)
    assert cells[-3:] == [authorised, current, gap]


def test_grade_list_names_the_census_date(superuser_client, edition):
    page = superuser_client.get(admin_url(Grade, "changelist")).content.decode()

    assert "현원은 2024. 10. 18. 조사" in page


def test_grade_list_ends_with_the_total_line(superuser_client, edition):
    page = superuser_client.get(admin_url(Grade, "changelist")).content.decode()

    line = re.search(r'<p class="headcount-total">(.*?)</p>', page, re.S).group(1)
    assert "정원 45명" in line
    assert "현원 45명" in line
    assert "정원 외 인력(계약직) 11명" in line
    assert "인력 합계 56명" in line


def test_grade_form_edits_both_counts(superuser_client, edition):
    grade = Grade.objects.get(name="5급")

    page = superuser_client.get(admin_url(Grade, "change", grade.pk)).content.decode()

    assert 'id="authorised-group"' in page
    assert 'id="current-group"' in page
    assert "+4" in page


def test_a_new_census_date_on_the_grade_page_is_refused_naming_the_other_grades(superuser_client, edition):
    # a census is entered as a whole (현원 조사, staffing/tests/test_census.py): one grade alone would
    # count every other grade 0 from that date
    grade = Grade.objects.get(name="5급")
    url = admin_url(Grade, "change", grade.pk)
    data = add_inline_row(change_form_data(superuser_client.get(url)), "current", as_of="2024-12-31", count=19)

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "2024. 12. 31. 현원 조사에 이사장, 1급, 2급, 3급, 4급, 6급, 7급의 현원이 없습니다." in response.content.decode()
    assert not CurrentHeadcount.objects.filter(as_of=datetime.date(2024, 12, 31)).exists()


def test_duplicate_census_of_a_grade_is_refused_on_the_grade_page(superuser_client, edition):
    grade = Grade.objects.get(name="5급")
    url = admin_url(Grade, "change", grade.pk)
    data = add_inline_row(change_form_data(superuser_client.get(url)), "current", as_of=AS_OF, count=3)

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "같은 직급·기준일의 현원이 이미 있습니다." in response.content.decode()
    assert list(CurrentHeadcount.objects.filter(grade=grade).values_list("count", flat=True)) == [20]


def test_duplicate_census_is_refused_on_the_headcount_form(superuser_client, edition):
    grade = Grade.objects.get(name="5급")

    response = superuser_client.post(
        admin_url(CurrentHeadcount, "add"), {"grade": grade.pk, "as_of": AS_OF, "count": 3}
    )

    assert "같은 직급·기준일의 현원이 이미 있습니다." in response.content.decode()
    assert CurrentHeadcount.objects.filter(grade=grade).count() == 1


def test_negative_count_is_refused(superuser_client, edition):
    grade = Grade.objects.get(name="7급")

    response = superuser_client.post(
        admin_url(CurrentHeadcount, "add"), {"grade": grade.pk, "as_of": "2024-12-31", "count": -1}
    )

    assert "인원은 0 이상이어야 합니다." in response.content.decode()
    assert not CurrentHeadcount.objects.filter(as_of=datetime.date(2024, 12, 31)).exists()


def test_org_unit_form_lists_its_duty_groups_and_posts(superuser_client, edition):
    team = OrgUnit.objects.get(edition=edition, name="AI전환팀")

    page = superuser_client.get(admin_url(OrgUnit, "change", team.pk)).content.decode()

    assert "AI 행정서비스 연구개발" in page  # a duty group heading
    assert "고설태" in page  # the team lead's post
    assert admin_url(DutyGroup, "change", team.duty_groups.first().pk) in page  # show_change_link


def test_duty_group_form_lists_its_items(superuser_client, edition):
    group = DutyGroup.objects.get(unit__name="AI전환팀", heading="AI 행정서비스 연구개발")

    page = superuser_client.get(admin_url(DutyGroup, "change", group.pk)).content.decode()

    assert "LLM 기반 행정 AI 모델, 안전분야 AI 모델 연구" in page


def test_org_unit_with_people_survives_a_delete(superuser_client, edition):
    team = OrgUnit.objects.get(edition=edition, name="AI전환팀")

    response = superuser_client.post(admin_url(OrgUnit, "delete", team.pk), {"post": "yes"})

    assert response.status_code == 200
    assert OrgUnit.objects.filter(pk=team.pk).exists()
    assert Post.objects.filter(unit=team).count() == 3


def test_person_list_is_searchable_by_name(superuser_client, edition):
    page = superuser_client.get(admin_url(Person, "changelist"), {"q": "고설태"}).content.decode()

    assert "4642" in page
    assert "주성환" not in page
