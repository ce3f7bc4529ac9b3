"""예산담당 keeps the budget in the admin: totals and rates beside the amounts, bad amounts refused in
Korean, and nothing that other lines depend on can be deleted."""
import datetime

from budget.models import DetailProgram, ExecutionRecord, ExpenditureAccount, RevenueAccount, UnitProgram
from tests.helpers import add_inline_row, admin_url, change_form_data



def unit(number):
    return UnitProgram.objects.get(number=number)


def test_unit_program_form_shows_its_details_and_their_total(superuser_client, edition):
    page = superuser_client.get(admin_url(UnitProgram, "change", unit("1-1").pk)).content.decode()

    assert "636,010" in page
    assert "AI 모델 연구개발" in page
    assert "AI·빅데이터 전문가 양성" in page
    assert 'id="details-group"' in page


def test_unit_program_list_shows_each_total(superuser_client, edition):
    page = superuser_client.get(admin_url(UnitProgram, "changelist")).content.decode()

    assert "단위사업 합계" in page
    for total in ["636,010", "226,930", "882,820", "2,603,090", "56,690"]:
        assert total in page


def test_detail_program_list_shows_the_execution_the_report_prints_and_both_rates(superuser_client, edition):
    page = superuser_client.get(admin_url(DetailProgram, "changelist"), {"q": "AI 모델 연구개발"}).content.decode()

    for printed in ["496,800", "원인행위·지출 누계액은 연도판 기준일 2024년 2024. 10. 18. 현재", "399,110", "207,117", "80.3%", "41.7%"]:
        assert printed in page


def test_detail_program_pages_read_the_record_in_force_on_the_editions_date(superuser_client, edition):
    """A record dated after the 기준일 (next month's figures, entered early) does not change what the
    report prints as of 2024. 10. 18., so the admin does not show it either."""
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="AI 모델 연구개발")
    ExecutionRecord.objects.create(detail=detail, as_of=datetime.date(2024, 11, 30),
                                   committed_amount=450_000, spent_amount=300_000)

    listed = superuser_client.get(admin_url(DetailProgram, "changelist"), {"q": "AI 모델 연구개발"}).content.decode()
    form = superuser_client.get(admin_url(DetailProgram, "change", detail.pk)).content.decode()

    for page in (listed, form):
        assert "399,110" in page and "450,000" not in page
    assert "집행 실적 기준일" in form and "’24.10.18." in form


def test_revenue_summary_shows_the_sum_of_its_details_and_its_change(superuser_client, edition):
    summary = RevenueAccount.objects.get(edition=edition, parent=None, name="사업수입")

    page = superuser_client.get(admin_url(RevenueAccount, "change", summary.pk)).content.decode()

    for printed in ["1,649,000", "702,350", "946,650", "134.8%", "관리사업수익", "대행사업수익"]:
        assert printed in page


def test_revenue_list_prints_net_new_and_minus(superuser_client, edition):
    page = superuser_client.get(admin_url(RevenueAccount, "changelist"), {"level": "summary"}).content.decode()

    assert "순증" in page
    assert "△500,285" in page
    assert "△41.1%" in page


def test_expenditure_list_shows_the_sum_of_details_and_change(superuser_client, edition):
    page = superuser_client.get(admin_url(ExpenditureAccount, "changelist")).content.decode()

    for printed in ["6,707,360", "5,562,040", "1,145,320", "20.6%", "△7.0%"]:
        assert printed in page


def test_negative_budget_is_refused_in_korean(superuser_client, edition):
    detail = DetailProgram.objects.get(name="AI 모델 연구개발")
    url = admin_url(DetailProgram, "change", detail.pk)
    data = change_form_data(superuser_client.get(url))
    data["budget_amount"] = -1

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "금액은 0 이상이어야 합니다." in response.content.decode()
    detail.refresh_from_db()
    assert detail.budget_amount == 496800


def test_spent_above_committed_is_refused_in_korean(superuser_client, edition):
    detail = DetailProgram.objects.get(name="AI 모델 연구개발")
    url = admin_url(DetailProgram, "change", detail.pk)
    data = change_form_data(superuser_client.get(url))
    add_inline_row(data, "executions", as_of="2024-11-30", committed_amount=400000, spent_amount=400001)

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "지출 누계액이 원인행위 누계액보다 클 수 없습니다." in response.content.decode()
    assert not ExecutionRecord.objects.filter(detail=detail, as_of=datetime.date(2024, 11, 30)).exists()


def test_execution_record_form_refuses_spent_above_committed(superuser_client, edition):
    record = ExecutionRecord.objects.get(detail__name="AI 모델 연구개발")
    url = admin_url(ExecutionRecord, "change", record.pk)
    data = change_form_data(superuser_client.get(url))
    data["spent_amount"] = record.committed_amount + 1

    response = superuser_client.post(url, data)

    assert "지출 누계액이 원인행위 누계액보다 클 수 없습니다." in response.content.decode()
    record.refresh_from_db()
    assert record.spent_amount == 207117


def test_a_valid_execution_record_is_saved_from_the_detail_form(superuser_client, edition):
    detail = DetailProgram.objects.get(name="AI 모델 연구개발")
    url = admin_url(DetailProgram, "change", detail.pk)
    data = change_form_data(superuser_client.get(url))
    add_inline_row(data, "executions", as_of="2024-11-30", committed_amount=420000, spent_amount=300000)

    response = superuser_client.post(url, data)

    assert response.status_code == 302
    assert ExecutionRecord.objects.get(detail=detail, as_of=datetime.date(2024, 11, 30)).spent_amount == 300000


def test_revenue_detail_added_on_its_summary_takes_the_summary_edition(superuser_client, edition):
    summary = RevenueAccount.objects.get(edition=edition, parent=None, name="사업수입")
    url = admin_url(RevenueAccount, "change", summary.pk)
    data = change_form_data(superuser_client.get(url))
    add_inline_row(data, "children", order=9, name="기타사업수익", budget_amount=10, prior_amount=0)

    response = superuser_client.post(url, data)

    assert response.status_code == 302
    assert RevenueAccount.objects.get(parent=summary, name="기타사업수익").edition == edition


def test_unit_program_with_details_survives_a_delete(superuser_client, edition):
    target = unit("1-1")

    response = superuser_client.post(admin_url(UnitProgram, "delete", target.pk), {"post": "yes"})

    assert response.status_code == 200
    assert "AI 모델 연구개발" in response.content.decode()  # named as what protects it
    assert UnitProgram.objects.filter(pk=target.pk).exists()


def test_revenue_list_puts_each_detail_under_its_summary(superuser_client, edition):
    page = superuser_client.get(admin_url(RevenueAccount, "changelist")).content.decode()

    positions = [page.index(name) for name in ["사업수입", "└ 관리사업수익", "└ 대행사업수익", "보조금수입", "└ 보조금수익"]]
    assert positions == sorted(positions)


def test_unit_order_is_changed_from_the_list(superuser_client, edition):
    target = unit("1-2")
    url = admin_url(UnitProgram, "changelist") + "?q=1-2"
    data = {
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
        "form-0-id": target.pk, "form-0-order": 9, "_save": "저장",
    }

    response = superuser_client.post(url, data)

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.order == 9
