"""Each transition of the report cycle for each role, as one table (docs/roles.md says the same):
the service allows exactly these and refuses every other with PermissionDenied, changing nothing."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied

from workreport import review
from workreport.models import Desk, ReviewStatus

ROLES = ("teamlead", "teamlead2", "hr", "finance", "auditor", "publisher", "superuser")
# (transition, part, state before) → the roles allowed
MATRIX = {
    ("submit", "1-1", ReviewStatus.WRITING): {"teamlead", "superuser"},
    ("submit", "2-4", ReviewStatus.WRITING): {"teamlead2", "superuser"},
    ("submit", Desk.STAFFING, ReviewStatus.WRITING): {"hr", "publisher", "superuser"},
    ("submit", Desk.BUDGET, ReviewStatus.WRITING): {"finance", "superuser"},
    ("submit", Desk.EXECUTION, ReviewStatus.WRITING): {"finance", "superuser"},
    ("send_back", "1-1", ReviewStatus.SUBMITTED): {"publisher", "superuser"},
    ("confirm", "1-1", ReviewStatus.SUBMITTED): {"publisher", "superuser"},
    ("reopen", "1-1", ReviewStatus.CONFIRMED): {"publisher", "superuser"},
}


@pytest.fixture
def users(team_lead, other_team_lead, hr_officer, budget_officer, auditor, publisher, make_user):
    return {"teamlead": team_lead, "teamlead2": other_team_lead, "hr": hr_officer, "finance": budget_officer,
            "auditor": auditor, "publisher": publisher, "superuser": make_user("root", superuser=True)}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action, which, state", list(MATRIX))
def test_each_transition_for_each_role(edition, users, role, action, which, state):
    round_ = review.open_round(user=users["publisher"], edition=edition, title="차수", due_on=datetime.date(2024, 11, 8))
    part = round_.reviews.get(desk=which) if which in Desk.values else round_.reviews.get(page__unit__number=which)
    part.status = state
    part.save()
    user = users[role]
    allowed = role in MATRIX[(action, which, state)]

    assert (action in review.allowed_actions(user, part)) == allowed
    kwargs = {"reason": "사유"} if action == "send_back" else {}
    if allowed:
        review.TRANSITIONS[action](user=user, review_id=part.pk, **kwargs)
        part.refresh_from_db()
        assert part.status != state
    else:
        with pytest.raises(PermissionDenied):
            review.TRANSITIONS[action](user=user, review_id=part.pk, **kwargs)
        part.refresh_from_db()
        assert part.status == state


@pytest.mark.parametrize("role", ROLES)
def test_only_reviewers_open_a_round(edition, users, role):
    opens = role in {"publisher", "superuser"}
    if opens:
        assert review.open_round(user=users[role], edition=edition, title="차수", due_on=datetime.date(2024, 11, 8))
    else:
        with pytest.raises(PermissionDenied):
            review.open_round(user=users[role], edition=edition, title="차수", due_on=datetime.date(2024, 11, 8))
