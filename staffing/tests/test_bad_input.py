"""Bad staffing input is refused with a Korean message and leaves the data as it was."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from staffing.models import AuthorisedHeadcount, ContractStaffCount, CurrentHeadcount, OrgUnit, Person, Post

NEGATIVE_COUNT = "인원은 0 이상이어야 합니다."
HEADCOUNT_MODELS = [AuthorisedHeadcount, CurrentHeadcount, ContractStaffCount]


@pytest.mark.parametrize("model", HEADCOUNT_MODELS, ids=lambda m: m.__name__)
def test_negative_headcount_is_refused_by_validation(edition, model):
    record = model.objects.first()
    record.count = -1

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    assert NEGATIVE_COUNT in refused.value.message_dict["count"]


@pytest.mark.parametrize("model", HEADCOUNT_MODELS, ids=lambda m: m.__name__)
def test_negative_headcount_is_refused_by_the_database(edition, model):
    record = model.objects.first()
    before = record.count

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(count=-1)

    record.refresh_from_db()
    assert record.count == before


def test_second_current_headcount_for_the_same_grade_and_date_is_refused(edition):
    existing = CurrentHeadcount.objects.get(grade__name="5급", as_of=edition.figures_as_of)
    twin = CurrentHeadcount(grade=existing.grade, as_of=existing.as_of, count=3)

    with pytest.raises(ValidationError) as refused:
        twin.full_clean()

    assert "같은 직급·기준일의 현원이 이미 있습니다." in refused.value.messages


def test_second_current_headcount_is_refused_by_the_database(edition):
    existing = CurrentHeadcount.objects.get(grade__name="5급", as_of=edition.figures_as_of)

    with pytest.raises(IntegrityError), transaction.atomic():
        CurrentHeadcount.objects.create(grade=existing.grade, as_of=existing.as_of, count=3)

    assert CurrentHeadcount.objects.filter(grade=existing.grade, as_of=existing.as_of).count() == 1
    existing.refresh_from_db()
    assert existing.count == 20


def test_deleting_a_team_with_posts_is_refused(edition):
    team = OrgUnit.objects.get(edition=edition, name="AI전환팀")
    posts_before = Post.objects.filter(unit=team).count()
    assert posts_before > 0

    with pytest.raises(ProtectedError), transaction.atomic():
        team.delete()

    assert OrgUnit.objects.filter(pk=team.pk).exists()
    assert Post.objects.filter(unit=team).count() == posts_before


def test_deleting_a_person_who_holds_a_post_is_refused(edition):
    person = Person.objects.filter(edition=edition, posts__isnull=False).first()

    with pytest.raises(ProtectedError), transaction.atomic():
        person.delete()

    assert Person.objects.filter(pk=person.pk).exists()


def test_deleting_an_office_with_teams_under_it_is_refused(edition):
    office = OrgUnit.objects.get(edition=edition, name="경영혁신실")
    assert office.children.exists()

    with pytest.raises(ProtectedError), transaction.atomic():
        office.delete()

    assert OrgUnit.objects.filter(pk=office.pk).exists()
