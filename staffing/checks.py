"""check_report's checks of the staffing data (registered in staffing.part)."""
from reports.formatting import format_date
from staffing.models import ContractStaffCount, CurrentHeadcount, Grade, HeadcountCensus


def check_census(edition):
    """Warn about every 현원 조사 in the data that does not cover every grade, or has no 계약직 count
    (old data, or a census imported from a per-grade file): a grade left out counts 0 from that date.
    Not tied to the edition: censuses are shared by every year. Four queries."""
    grades_by_date = {}
    for as_of, grade_id in CurrentHeadcount.objects.values_list("as_of", "grade_id"):
        grades_by_date.setdefault(as_of, set()).add(grade_id)
    with_contract = set(ContractStaffCount.objects.values_list("as_of", flat=True))
    grades = list(Grade.objects.order_by("order"))
    warnings = []
    for as_of in sorted(set(grades_by_date) | set(HeadcountCensus.objects.values_list("as_of", flat=True))):
        if as_of not in grades_by_date:
            # figures read the rows: a census without any is skipped, its date's 현원 is the one before
            warnings.append(
                f"현원 {format_date(as_of)} 조사에 직급별 현원이 하나도 없어 그 전 조사의 현원으로 계산됩니다. "
                "관리 화면의 '현원 조사'에서 모든 직급을 채우세요."
            )
            continue
        missing = [grade.name for grade in grades if grade.pk not in grades_by_date[as_of]]
        if missing:
            warnings.append(
                f"현원 {format_date(as_of)} 조사에 {', '.join(missing)}의 현원이 없어 0명으로 계산됩니다. "
                "관리 화면의 '현원 조사'에서 모든 직급을 채우세요."
            )
        if as_of not in with_contract:
            warnings.append(
                f"현원 {format_date(as_of)} 조사에 계약직 인원이 없어 그 전 조사의 계약직 인원으로 계산됩니다. "
                "관리 화면의 '현원 조사'에서 계약직 인원을 적으세요."
            )
    return [], warnings


CHECKS = (check_census,)
