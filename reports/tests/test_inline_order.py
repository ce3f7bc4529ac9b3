"""Order never surprises in the admin's inlines (issue 9, part 4): a row added on its parent's form is
stored after the rows already there, never at the top with 순서 0; rows are moved by the 순서 the page
posts (drag and drop and the ▲▼ buttons renumber it 1, 2, 3… in the order the rows stand), and every
inline of a model with a 순서 works so (reports.admin_base.ReportTabularInline)."""
import re

from adminsortable2.admin import SortableAdminBase
from django.contrib import admin

from budget.models import DetailProgram, ExpenditureAccount, UnitProgram
from reports.admin_base import ReportTabularInline
from staffing.admin import PersonPostInline
from staffing.models import DutyGroup, DutyItem, Person, Post
from tests.helpers import add_inline_row, admin_url, change_form_data, inline_prefix, inline_row


def group(unit_name, heading):
    return DutyGroup.objects.get(unit__edition__year=2024, unit__name=unit_name, heading=heading)


def fieldset_classes(html, prefix):
    return re.search(rf'id="{prefix}-group".*?<fieldset class="([^"]*)"', html, re.S).group(1).split()


def texts(rows):
    return [row.text for row in rows]


def post_group_form(client, duty_group, change):
    """Open the 업무 구분's form, let `change(data, prefix, response)` edit what the browser posts, save."""
    url = admin_url(DutyGroup, "change", duty_group.pk)
    response = client.get(url)
    data = change_form_data(response)
    change(data, inline_prefix(response, DutyItem), response)
    return client.post(url, data)


def test_a_line_added_on_its_group_goes_after_the_last(client, hr_officer, edition):
    client.force_login(hr_officer)
    research = group("스마트정책팀", "디지털 정책연구")
    before = texts(research.items.all())

    response = post_group_form(client, research, lambda data, prefix, _: add_inline_row(
        data, prefix, order=0, text="정책연구 성과 공유회 개최"))  # 0: what the empty row posts

    assert response.status_code == 302
    assert texts(research.items.all()) == [*before, "정책연구 성과 공유회 개최"]
    assert research.items.get(text="정책연구 성과 공유회 개최").order == len(before) + 1


def test_a_line_added_after_lines_left_at_zero_still_goes_last(superuser_client, edition):
    # The lines that the old form put at the top with 순서 0 stay where they are; the new one goes last.
    research = group("스마트정책팀", "디지털 정책연구")
    research.items.update(order=0)
    before = texts(research.items.order_by("order", "pk"))

    response = post_group_form(superuser_client, research, lambda data, prefix, _: add_inline_row(
        data, prefix, text="정책연구 성과 공유회 개최"))

    assert response.status_code == 302
    assert texts(research.items.order_by("order", "pk")) == [*before, "정책연구 성과 공유회 개최"]


def test_moving_a_line_up_stores_its_new_place(superuser_client, edition):
    research = group("스마트정책팀", "디지털 정책연구")
    first, second, third = research.items.all()

    def move_third_up(data, prefix, response):
        # What the page posts after ▲ on the third line: every line numbered as it now stands.
        for item, place in [(first, 1), (third, 2), (second, 3)]:
            data[f"{prefix}-{inline_row(response, DutyItem, item.pk)}-order"] = place

    response = post_group_form(superuser_client, research, move_third_up)

    assert response.status_code == 302
    assert list(research.items.all()) == [first, third, second]


def test_a_new_line_moved_between_two_is_stored_there(superuser_client, edition):
    research = group("스마트정책팀", "디지털 정책연구")
    first, second, third = research.items.all()

    def insert_after_first(data, prefix, response):
        for item, place in [(first, 1), (second, 3), (third, 4)]:
            data[f"{prefix}-{inline_row(response, DutyItem, item.pk)}-order"] = place
        add_inline_row(data, prefix, order=2, text="연구과제 중간보고")

    response = post_group_form(superuser_client, research, insert_after_first)

    assert response.status_code == 302
    assert texts(research.items.all()) == [first.text, "연구과제 중간보고", second.text, third.text]


def test_a_detail_programme_added_on_its_unit_goes_after_the_last(client, budget_officer, edition):
    client.force_login(budget_officer)
    unit = UnitProgram.objects.get(policy__edition=edition, number="1-1")
    before = [detail.name for detail in unit.details.all()]
    url = admin_url(UnitProgram, "change", unit.pk)
    response = client.get(url)
    data = change_form_data(response)
    account = ExpenditureAccount.objects.filter(edition=edition).first()
    add_inline_row(data, inline_prefix(response, DetailProgram), order=0, name="AI 실증 지원",
                   account=account.pk, budget_amount=1000)

    response = client.post(url, data)

    assert response.status_code == 302
    assert [detail.name for detail in unit.details.all()] == [*before, "AI 실증 지원"]


def test_the_form_offers_the_rows_to_move_in_korean(superuser_client, edition):
    research = group("스마트정책팀", "디지털 정책연구")

    html = superuser_client.get(admin_url(DutyGroup, "change", research.pk)).content.decode()

    assert "sortable" in fieldset_classes(html, "items")
    assert 'class="_reorder_"' in html  # the 순서 the drag and the ▲▼ buttons renumber
    assert "admin_extra/inline_order.js" in html and "adminsortable2/js/adminsortable2" in html
    assert "맨 위로 옮기기" in html and "맨 아래로 옮기기" in html
    assert "Move to" not in html


def test_a_reader_gets_no_handles_to_move_rows(client, auditor, edition):
    client.force_login(auditor)
    research = group("스마트정책팀", "디지털 정책연구")

    html = client.get(admin_url(DutyGroup, "change", research.pk)).content.decode()

    assert "sortable" not in fieldset_classes(html, "items")
    assert "_reorder_" not in html


def test_a_persons_posts_keep_their_place_in_their_unit(superuser_client, edition):
    # A post's 순서 ranks it among its unit's posts: the person's page edits it as a number and does
    # not renumber it among the person's own posts.
    person = Person.objects.filter(edition=edition, posts__isnull=False).first()
    post = person.posts.get()
    url = admin_url(Person, "change", person.pk)
    response = superuser_client.get(url)
    data = change_form_data(response)
    data[f"{inline_prefix(response, Post)}-{inline_row(response, Post, post.pk)}-order"] = 7

    response = superuser_client.post(url, data)

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.order == 7


def test_every_inline_with_an_order_is_sortable():
    unsorted, parents = [], []
    for model, model_admin in admin.site._registry.items():
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            if not isinstance(inline, ReportTabularInline) or not inline.is_sortable:
                if any(field.name == "order" for field in inline_class.model._meta.get_fields()):
                    unsorted.append(inline_class)
            elif not isinstance(model_admin, SortableAdminBase):
                parents.append(model_admin)

    assert unsorted == [PersonPostInline]
    assert parents == []  # the formsets of a sortable inline get their 순서 field from the parent's admin
