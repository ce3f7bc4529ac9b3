"""Every budget figure of the 2024 report, recomputed from the loaded data (SEED_NOTES.md,
"Figures the data must reproduce"), printed through reports.formatting as the report prints it.
"""
import datetime
from decimal import Decimal

import pytest

from budget import figures
from budget.models import DetailProgram, ExecutionRecord, PolicyProgram, RevenueAccount, UnitProgram
from reports.formatting import NET_NEW, format_amount, format_rate
from workreport.checks import check_year


def printed(rows):
    """{name: (current, prior, change, rate)} as printed."""
    return {
        r.name: (format_amount(r.current), format_amount(r.prior), format_amount(r.change), format_rate(r.rate))
        for r in rows
    }


# ---------------------------------------------------------------- rates

@pytest.mark.parametrize("current, prior, rate", [
    (10699686, 10013629, Decimal("6.9")),
    (717332, 1217617, Decimal("-41.1")),
    (1649000, 702350, Decimal("134.8")),
    (139210, 0, NET_NEW),
    (0, 201340, Decimal("-100.0")),
    (0, 0, None),
    (2001, 2000, Decimal("0.1")),    # 0.05 rounds half up, not to even
    (1999, 2000, Decimal("-0.1")),
])
def test_change_rate(current, prior, rate):
    assert figures.change_rate(current, prior) == rate


@pytest.mark.parametrize("part, budget, rate", [
    (8639754, 10699686, Decimal("80.7")),
    (6494590, 10699686, Decimal("60.7")),
    (280078, 280000, Decimal("100.0")),
    (0, 80560, Decimal("0.0")),
    (5, 0, None),
])
def test_execution_rate(part, budget, rate):
    assert figures.execution_rate(part, budget) == rate


# ---------------------------------------------------------------- 세입·세출 총괄

def test_revenue_summary_reproduces_section_one(edition):
    rows = figures.revenue_summary(edition)
    assert rows[0].is_total and not any(r.is_total for r in rows[1:])
    assert printed(rows) == {
        "계": ("10,699,686", "10,013,629", "686,057", "6.9%"),
        "서울시출연금": ("8,193,261", "7,889,247", "304,014", "3.9%"),
        "잉여금(이월금)수입": ("717,332", "1,217,617", "△500,285", "△41.1%"),
        "사업수입": ("1,649,000", "702,350", "946,650", "134.8%"),
        "보조금수입": ("139,210", "0", "139,210", "순증"),
        "기타영업외수익": ("61", "3,075", "△3,014", "△98.0%"),
        "자본잉여금(보조금)수입": ("0", "201,340", "△201,340", "△100.0%"),
        "보조금사용잔액": ("822", "0", "822", "순증"),
    }
    assert [r.name for r in rows] == list(printed(rows))  # and in the printed order
    assert [r.name for r in rows][1:4] == ["서울시출연금", "잉여금(이월금)수입", "사업수입"]


def test_revenue_total_is_the_sum_of_the_seven_lines(edition):
    total, *lines = figures.revenue_summary(edition)
    assert [r.current for r in lines] == [8193261, 717332, 1649000, 139210, 61, 0, 822]
    assert total.current == sum(r.current for r in lines) == 10699686


def test_revenue_detail_uses_one_rate_rule_with_section_one(edition):
    rows = figures.revenue_detail(edition)
    assert [r.name for r in rows] == [
        "계", "서울시출연금", "보조금수익", "관리사업수익", "대행사업수익",
        "기타영업수익", "자본잉여금수입", "잉여금(이월금)수입", "보조금사용잔액",
    ]
    lines = printed(rows)
    assert lines["계"] == ("10,699,686", "10,013,629", "686,057", "6.9%")
    assert lines["대행사업수익"] == ("1,649,000", "700,000", "949,000", "135.6%")
    assert lines["관리사업수익"] == ("0", "2,350", "△2,350", "△100.0%")
    # the source printed 100.0% here; one rule everywhere: prior 0 → 순증
    assert lines["보조금수익"][3] == "순증"
    assert lines["보조금사용잔액"][3] == "순증"


def test_revenue_detail_rolls_up_to_the_summary(edition):
    summary = {r.name: r for r in figures.revenue_summary(edition)}
    detail = {r.name: r for r in figures.revenue_detail(edition)}
    business = summary["사업수입"]
    assert (business.current, business.prior) == (1649000, 702350)
    assert business.current == detail["관리사업수익"].current + detail["대행사업수익"].current
    assert business.prior == detail["관리사업수익"].prior + detail["대행사업수익"].prior
    assert (detail["관리사업수익"].current, detail["관리사업수익"].prior) == (0, 2350)
    assert (detail["대행사업수익"].current, detail["대행사업수익"].prior) == (1649000, 700000)
    for section_one, section_four in [("보조금수입", "보조금수익"), ("기타영업외수익", "기타영업수익")]:
        assert (summary[section_one].current, summary[section_one].prior) == (
            detail[section_four].current, detail[section_four].prior)
    assert summary["계"] == detail["계"]


def test_revenue_summary_follows_a_changed_detail_line(edition):
    RevenueAccount.objects.filter(edition=edition, name="대행사업수익").update(budget_amount=1650000)
    rows = {r.name: r for r in figures.revenue_summary(edition)}
    assert rows["사업수입"].current == 1650000
    assert rows["계"].current == 10699686 + 1000


def test_expenditure_summary_reproduces_section_one(edition):
    rows = figures.expenditure_summary(edition)
    assert printed(rows) == {
        "계": ("10,699,686", "10,013,629", "686,057", "6.9%"),
        "인건비": ("2,290,031", "2,461,588", "△171,557", "△7.0%"),
        "경비": ("1,620,851", "1,589,349", "31,502", "2.0%"),
        "사업비": ("6,707,360", "5,562,040", "1,145,320", "20.6%"),
        "정부보조금반환": ("884", "0", "884", "순증"),
        "예비비": ("80,560", "400,652", "△320,092", "△79.9%"),
    }
    assert [r.name for r in rows] == ["계", "인건비", "경비", "사업비", "정부보조금반환", "예비비"]


# ---------------------------------------------------------------- 사업 및 예산

UNIT_TOTALS = {
    "AI 행정서비스 연구개발": 636010,
    "공공데이터 활용·분석 지원": 226930,
    "디지털 정책연구": 275350,
    "도시데이터 활용 컨설팅": 254080,
    "디지털 약자 역량 강화": 882820,
    "서울스마트시티센터 운영": 622820,
    "스마트도시 솔루션 해외진출": 869570,
    "서울 스마트라이프 위크 운영": 2603090,
    "해외도시 디지털 정책교류": 280000,
    "스마트도시 서비스 개발": 56690,
}


def test_each_unit_total_is_printed_and_is_the_sum_of_its_details(edition):
    tree = figures.programme_tree(edition)
    units = [u for p in tree.programmes for u in p.units]
    assert {u.name: u.total for u in units} == UNIT_TOTALS
    assert [u.number for u in units] == ["1-1", "1-2", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "2-8"]
    for unit in units:
        assert unit.total == sum(d.amount for d in unit.details if d.amount is not None)
        assert unit.total == figures.unit_total(unit.unit)


def test_programme_expenditure_is_the_ten_unit_totals(edition):
    business = next(r for r in figures.expenditure_summary(edition) if r.name == "사업비")
    assert business.current == sum(UNIT_TOTALS.values()) == 6707360


def test_carried_over_bus_prints_dash_and_stays_outside_the_totals(edition):
    tree = figures.programme_tree(edition)
    care = next(u for p in tree.programmes for u in p.units if u.number == "2-3")
    bus = next(d for d in care.details if d.name == "디지털 돌봄 체험버스")
    assert bus.amount is None and format_amount(bus.amount) == "-"
    assert bus.note == "명시이월 사업"
    assert care.total == 807850 + 74970 == 882820
    assert care.budget_note == "디지털 돌봄 체험버스(373,502천원) 미포함"
    others = [u for p in tree.programmes for u in p.units if u.number != "2-3"]
    assert all(u.budget_note == "" for u in others)


def test_fund_note_of_policy_exchange(edition):
    tree = figures.programme_tree(edition)
    exchange = next(u for p in tree.programmes for u in p.units if u.number == "2-7")
    assert [(d.name, d.amount, d.note) for d in exchange.details] == [("해외도시 디지털 정책교류", 280000, "서울시 기금")]


def test_administration_capital_and_grand_total(edition):
    tree = figures.programme_tree(edition)
    administration, capital = tree.others
    assert administration.name == "행정 운영 경비" and administration.total == 3910882
    assert [(d.name, d.amount) for u in administration.units for d in u.details] == [
        ("인력운영비", 2290031), ("기본경비", 1620851)]
    assert [(u.name, u.total) for u in capital.units] == [("정부보조금 반환", 884), ("예비비", 80560)]
    assert [p.name for p in tree.programmes] == ["서울시 과학행정 선도", "스마트시티 서울의 글로벌 경쟁력 강화"]
    assert tree.grand_total == 10699686
    assert tree.grand_total == figures.expenditure_summary(edition)[0].current


def test_counts_and_composition_sentence(edition):
    assert figures.programme_counts(edition) == (2, 10, 18)
    assert figures.composition_sentence(edition) == "2개 정책사업, 10개 단위사업, 18개 세부사업으로 구성"


def test_counts_follow_the_data(edition):
    policy = PolicyProgram.objects.get(edition=edition, number=1)
    unit = UnitProgram.objects.create(policy=policy, number="1-3", name="새 단위사업", order=3)
    account = edition.expenditure_accounts.get(name="사업비")
    DetailProgram.objects.create(unit=unit, account=account, name="새 세부사업", budget_amount=1000)
    assert figures.composition_sentence(edition) == "2개 정책사업, 11개 단위사업, 19개 세부사업으로 구성"


# ---------------------------------------------------------------- 세출예산 집행현황

def execution(edition, **kwargs):
    return {r.name: r for r in figures.execution_table(edition, **kwargs)}


def test_execution_totals(edition):
    total = figures.execution_totals(edition)
    assert (total.name, total.budget, total.committed, total.spent) == ("계", 10699686, 8639754, 6494590)
    assert (format_rate(total.committed_rate), format_rate(total.spent_rate)) == ("80.7%", "60.7%")


def test_execution_by_account(edition):
    rows = execution(edition)
    rates = {name: (format_rate(rows[name].committed_rate), format_rate(rows[name].spent_rate))
             for name in ["인건비", "경비", "사업비", "반환금(정부보조금반환)", "예비비"]}
    assert rates == {
        "인건비": ("77.2%", "77.2%"),
        "경비": ("72.3%", "65.6%"),
        "사업비": ("85.0%", "54.6%"),
        "반환금(정부보조금반환)": ("100.0%", "100.0%"),
        "예비비": ("0.0%", "0.0%"),
    }
    business = rows["사업비"]
    assert (business.budget, business.committed, business.spent) == (6707360, 5698880, 3662494)


def test_execution_rows_in_printed_order_with_seventeen_detail_lines(edition):
    table = figures.execution_table(edition)
    names = [r.name for r in table]
    assert names[:4] == ["계", "인건비", "경비", "사업비"]
    assert names[-2:] == ["반환금(정부보조금반환)", "예비비"]
    details = [r for r in table if r.level == 2]
    assert len(details) == 17
    assert names[4:4 + 17] == [r.name for r in details]  # listed right after 사업비
    assert "디지털 돌봄 체험버스" not in names
    business = table[names.index("사업비")]
    assert sum(r.budget for r in details) == business.budget
    assert sum(r.committed for r in details) == business.committed
    assert sum(r.spent for r in details) == business.spent


def test_execution_detail_lines(edition):
    rows = execution(edition)
    exchange = rows["해외도시 디지털 정책교류"]
    assert (exchange.budget, exchange.committed, exchange.spent) == (280000, 280078, 146110)
    assert (format_rate(exchange.committed_rate), format_rate(exchange.spent_rate)) == ("100.0%", "52.2%")
    cross = rows["글로벌 도시간 교차실증 지원"]
    assert (format_rate(cross.committed_rate), format_rate(cross.spent_rate)) == ("0.8%", "0.1%")


def test_execution_uses_the_latest_record_on_or_before_the_date(edition):
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="AI 모델 연구개발")
    ExecutionRecord.objects.create(detail=detail, as_of=datetime.date(2024, 11, 30),
                                   committed_amount=450000, spent_amount=300000)
    assert execution(edition)["AI 모델 연구개발"].committed == 399110  # the edition's 기준일
    later = execution(edition, as_of=datetime.date(2024, 12, 1))
    assert (later["AI 모델 연구개발"].committed, later["AI 모델 연구개발"].spent) == (450000, 300000)
    assert later["계"].committed == 8639754 - 399110 + 450000
    before = execution(edition, as_of=datetime.date(2024, 1, 1))
    assert before["계"].committed == 0 and before["계"].budget == 10699686


# ---------------------------------------------------------------- query budget

@pytest.mark.parametrize("compute", [
    figures.revenue_summary, figures.revenue_detail, figures.expenditure_summary,
    figures.programme_tree, figures.programme_counts, figures.execution_table,
])
def test_each_figure_costs_a_few_queries_whatever_the_data_size(edition, compute, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        compute(edition)
    # more lines do not mean more queries
    policy = PolicyProgram.objects.get(edition=edition, number=2)
    account = edition.expenditure_accounts.get(name="사업비")
    for n in range(5):
        unit = UnitProgram.objects.create(policy=policy, number=f"2-{9 + n}", name=f"추가 단위사업 {n}", order=9 + n)
        detail = DetailProgram.objects.create(unit=unit, account=account, name=f"추가 세부사업 {n}", budget_amount=10)
        ExecutionRecord.objects.create(detail=detail, as_of=edition.figures_as_of, committed_amount=5, spent_amount=1)
    with django_assert_max_num_queries(3):
        compute(edition)


def test_one_editions_figures_are_computed_once_however_often_they_are_read(edition, django_assert_num_queries):
    budget = figures.EditionBudget(edition)
    reads = ("revenue_summary", "revenue_lines", "expenditure_summary", "accounts", "execution_table", "detail_execution")
    first = {name: getattr(budget, name) for name in reads}

    with django_assert_num_queries(0):
        again = {name: getattr(budget, name) for name in reads}

    assert again == first
    assert first["revenue_summary"] == figures.revenue_summary(edition)
    assert first["expenditure_summary"] == figures.expenditure_summary(edition)
    assert first["execution_table"] == figures.execution_table(edition)


def test_check_report_on_the_home_page_reads_the_figures_the_page_shows(edition, django_assert_num_queries):
    budget = figures.EditionBudget(edition)
    shown = (budget.expenditure_summary, budget.execution_table)  # what the home page prints
    # staffing's census checks (4: the 현원 and 계약직 dates, the grades, the censuses), projects'
    # three checks (8: pages, their units, the outlines of their sections), the 세입 lines, which the
    # page does not show (1), every 집행 실적 with the one before it for the corrections and
    # implausible jumps (1), and the text of every printed record, for characters that cannot print
    # (1: one UNION, workreport.checks); nothing computed twice
    with django_assert_num_queries(15):
        errors, warnings = check_year(edition, figures={"budget": budget})
    assert shown and errors == [] and len(warnings) == 1


def test_execution_steps_pair_each_record_with_the_one_before_in_one_query(edition, django_assert_num_queries):
    detail = DetailProgram.objects.get(name="AI 모델 연구개발")
    ExecutionRecord.objects.create(detail=detail, as_of=datetime.date(2024, 11, 30), committed_amount=420000,
                                   spent_amount=300000)

    with django_assert_num_queries(1):
        steps = figures.execution_steps(edition)

    assert len(steps) == 21 + 1  # 2024: one record per 세부사업 but the carried-over bus, and November's
    november = next(s for s in steps if s.record.as_of == datetime.date(2024, 11, 30))
    assert (november.detail_name, november.budget, november.previous.as_of, november.previous.committed) == (
        "AI 모델 연구개발", 496800, edition.figures_as_of, 399110)
    assert sum(step.previous is None for step in steps) == 21
