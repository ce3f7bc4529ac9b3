"""Reminders of the report cycle by e-mail (issue 14, part 4), sent by `send_review_reminders`
once a day (cron or a periodic task: docs/review.md):

- three days before the due date (기한 3일 전: from 3 days before, for a run that missed the day)
  and on the due date, to the owners of parts not yet submitted (작성 중, 반려): the team leads of
  a page's team, HR for 인력, finance for 세입·세출 and 집행;
- every day, to reviewers, while parts wait for review (제출).

Each reminder goes once (ReviewReminder: a due reminder once a round, the waiting one once a
day), to the address on the person's account; someone without an address is named in the
command's output instead. One mail per person lists all their parts.
"""
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import can_edit_programme
from reports.formatting import format_date
from workreport import review
from workreport.models import Desk, ReportingRound, ReviewReminder, ReviewStatus

Kind = ReviewReminder.Kind
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class Outcome:
    sent: list  # (kind label, username, address, number of parts)
    without_address: list  # usernames


def due_kind(round_, today):
    left = review.days_left(round_, today)
    if left == 0:
        return Kind.DUE_TODAY
    if 0 < left <= DUE_SOON_DAYS:
        return Kind.DUE_SOON
    return None


def candidates():
    """Active people who may take part: members of a role group (a superuser alone is not an owner)."""
    return list(get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct()
                .prefetch_related("groups__permissions", "user_permissions"))


def owners_of(part, people):
    if part.page_id:
        return [person for person in people if not person.is_superuser and can_edit_programme(person, part.page.unit)]
    permission = review.DESK_PERMISSIONS[Desk(part.desk)]
    return [person for person in people if not person.is_superuser and person.has_perm(permission)]


def already_sent(round_, kind, person, today):
    sent = ReviewReminder.objects.filter(round=round_, kind=kind, recipient=person)
    return sent.filter(sent_on=today).exists() if kind == Kind.WAITING else sent.exists()


def send_reminders(today=None, site_url="") -> Outcome:
    today = today or timezone.localdate()
    sent, without_address = [], []
    people = candidates()
    for round_ in ReportingRound.objects.filter(closed_at__isnull=True).select_related("edition"):
        parts = list(round_.reviews.select_related("page__unit__owning_team"))
        by_person = defaultdict(lambda: defaultdict(list))
        kind = due_kind(round_, today)
        if kind is not None:
            for part in parts:
                if part.status in review.EDITABLE:
                    for person in owners_of(part, people):
                        by_person[person][kind].append(part)
        waiting = [part for part in parts if part.status == ReviewStatus.SUBMITTED]
        if waiting:
            for person in people:
                if not person.is_superuser and review.is_reviewer(person):
                    by_person[person][Kind.WAITING].extend(waiting)
        for person, kinds in by_person.items():
            for kind_of_mail, listed in kinds.items():
                if already_sent(round_, kind_of_mail, person, today):
                    continue
                if not person.email:
                    without_address.append(person.get_username())
                    continue
                send_mail(*mail_of(round_, kind_of_mail, listed, today, site_url), from_email=None,
                          recipient_list=[person.email])
                ReviewReminder.objects.create(round=round_, kind=kind_of_mail, recipient=person, sent_on=today)
                sent.append((Kind(kind_of_mail).label, person.get_username(), person.email, len(listed)))
    return Outcome(sent, sorted(set(without_address)))


def mail_of(round_, kind, parts, today, site_url):
    """(subject, body) of one reminder, in Korean."""
    names = "\n".join(f"- {part.part_name} ({part.get_status_display()})" for part in parts)
    due = review.due_text(round_, today)
    if kind == Kind.WAITING:
        subject = f"{round_}: 검토를 기다리는 항목 {len(parts)}건"
        link = site_url + reverse("workreport:round_dashboard")
        body = f"'{round_}' 차수에서 제출되어 검토를 기다리는 항목입니다({due}).\n\n{names}\n\n검토 현황: {link}\n"
    else:
        when = "오늘이 제출 기한입니다" if kind == Kind.DUE_TODAY else f"제출 기한 {format_date(round_.due_on)}이 다가옵니다"
        subject = f"{round_}: {when} (제출할 항목 {len(parts)}건)"
        link = site_url + reverse("workreport:home")
        body = (f"'{round_}' 차수 — {due}.\n아직 제출하지 않은 항목입니다. 홈 화면에서 고치고 제출하세요.\n\n"
                f"{names}\n\n{link}\n")
    return subject, body + "\n이 메일은 서울디지털재단 인트라넷이 자동으로 보냈습니다.\n"
