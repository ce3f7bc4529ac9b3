"""Load a year's staffing.yaml: grades, the org tree with its duties, people and posts, headcounts.

Called by workreport.loading.load_year (through staffing.part) inside its transaction; the format is in docs/data-format.md.
Every object goes through full_clean(), and a bad line raises an error that names it.
"""
from django.core.exceptions import ValidationError
from django.db import transaction

from reports.loading import save_checked
from staffing.census import record_census
from staffing.models import (
    AuthorisedHeadcount, ContractStaffCount, CurrentHeadcount, DutyGroup, DutyItem, Grade,
    HeadcountCensus, OrgUnit, Person, Post,
)

SOURCE = "staffing.yaml"


@transaction.atomic
def load(edition, data):
    grades = load_grades(data.get("grades", []))
    units = {}
    load_units(edition, data.get("org_units", []), None, units)
    load_people(edition, data.get("people", []), units, grades)
    load_headcounts(data, grades)


def load_grades(names):
    """Grades are shared by all years: reuse those that exist, create the others in list order."""
    existing = set(Grade.objects.values_list("name", flat=True))
    for order, name in enumerate(names):
        if name not in existing:
            save_checked(Grade(name=name, order=order), f"{SOURCE} 직급 '{name}'")
    return {grade.name: grade for grade in Grade.objects.all()}


def load_units(edition, entries, parent, units):
    for entry in entries:
        where = f"{SOURCE} 조직 '{entry.get('name')}'"
        unit = save_checked(
            OrgUnit(edition=edition, parent=parent, name=entry["name"], kind=entry["kind"],
                    order=entry.get("order", 0)),
            where,
        )
        units[unit.name] = unit
        load_duties(unit, entry.get("duties", []), where)
        load_units(edition, entry.get("children", []), unit, units)


def load_duties(unit, groups, where):
    for group_order, entry in enumerate(groups, start=1):
        heading = entry.get("heading") or ""
        group = save_checked(
            DutyGroup(unit=unit, heading=heading, order=group_order), f"{where} 주요업무 [{heading}]"
        )
        for item_order, text in enumerate(entry.get("items", []), start=1):
            save_checked(DutyItem(group=group, text=text, order=item_order), f"{where} 주요업무 '{text}'")


def load_people(edition, entries, units, grades):
    post_counts = {}  # posts so far per unit name: gives each post its order within the unit
    for entry in entries:
        where = f"{SOURCE} 직원 '{entry.get('name')}'"
        person = save_checked(build_person(edition, entry, grades, where), where)
        for post in entry.get("posts", []):
            load_post(person, post, units, post_counts, where)


def build_person(edition, entry, grades, where):
    grade_name = entry.get("grade")
    return Person(
        edition=edition, name=entry["name"], phone=str(entry.get("phone", "")),
        grade=find_grade(grades, grade_name, where) if grade_name else None,
        employment=entry.get("employment", Person.Employment.REGULAR),
    )


def load_post(person, entry, units, post_counts, where):
    unit = find_unit(units, entry.get("unit"), where)
    post_counts[unit.name] = post_counts.get(unit.name, 0) + 1
    post = Post(person=person, unit=unit, title=entry["title"], is_head=entry.get("is_head", False),
                order=post_counts[unit.name])
    return save_checked(post, f"{where} 보직 '{entry['title']}'")


def find_unit(units, name, where):
    if name not in units:
        raise ValueError(f"{where}: 조직 '{name}'이(가) {SOURCE}의 조직 목록에 없습니다.")
    return units[name]


def find_grade(grades, name, where):
    grade = grades.get(name)
    if grade is None:
        raise ValueError(f"{where}: 직급 '{name}'이(가) 없습니다. grades 목록에 추가하세요.")
    return grade


def load_headcounts(data, grades):
    block = data.get("authorised_headcount") or {}
    for name, count in block.get("counts", {}).items():
        where = f"{SOURCE} 정원 {name}"
        key = {"grade": find_grade(grades, name, where), "effective_from": block["effective_from"]}
        keep_headcount(AuthorisedHeadcount, key, count, where)
    if data.get("current_headcount"):
        load_census(data["current_headcount"], data.get("contract_staff"), grades)
    if "contract_staff" in data:
        block = data["contract_staff"]
        keep_headcount(ContractStaffCount, {"as_of": block["as_of"]}, block["count"], f"{SOURCE} 계약직")


def load_census(block, contract_block, grades):
    """현원 is a census: a new date is written as a whole (every grade, with 계약직 of the same date);
    a census that exists is reused row by row, as other headcounts are."""
    as_of = block["as_of"]
    counts = {find_grade(grades, name, f"{SOURCE} 현원 {name}").pk: count for name, count in block.get("counts", {}).items()}
    if HeadcountCensus.objects.filter(as_of=as_of, rows__isnull=False).exists():
        for name, count in block.get("counts", {}).items():
            keep_headcount(CurrentHeadcount, {"grade": grades[name], "as_of": as_of}, count, f"{SOURCE} 현원 {name}")
        return
    contract = contract_block["count"] if contract_block and contract_block.get("as_of") == as_of else None
    try:
        record_census(as_of=as_of, counts=counts, contract_staff=contract)
    except ValidationError as error:
        raise ValidationError(f"{SOURCE} 현원: {' '.join(error.messages)}") from error


def keep_headcount(model, key, count, where):
    """Headcounts are dated, not tied to one year's report: an equal row is reused, a different one refused."""
    existing = model.objects.filter(**key).first()
    if existing is None:
        return save_checked(model(count=count, **key), where)
    if existing.count != count:
        raise ValidationError(
            f"{where}: 같은 날짜의 인원이 이미 {existing.count}명으로 있어 {count}명으로 불러올 수 없습니다. "
            "관리 화면에서 고치세요."
        )
    return existing
