"""The roles of the intranet as Django groups, and who may edit which programme.

One table says what each role may do with each model; the data migration and
`sync_role_groups` build the groups from it, and the admin's permission hooks ask
`can_edit_programme` for the object-level rule (a team lead edits only the
programmes their team owns).
"""
from reports.apps import REPORT_APPS

TEAM_LEAD = "팀장"
HR_OFFICER = "인사담당"
BUDGET_OFFICER = "예산담당"
AUDITOR = "감사"
PUBLISHER = "업무보고 발행"

ROLES = [TEAM_LEAD, HR_OFFICER, BUDGET_OFFICER, AUDITOR, PUBLISHER]

EDIT = ["add", "change", "delete"]

# The 사업개요, 추진실적 and 향후일정 of a programme: what a team lead keeps up to date.
PROGRAMME_TEXT_MODELS = {
    "projects.programpage": ["change"],
    "projects.overviewsubitem": EDIT,
    "projects.achievementitem": EDIT,
    "projects.achievementtablerow": EDIT,
    "projects.scheduleitem": EDIT,
}

STAFFING_MODELS = [
    "orgunit", "dutygroup", "dutyitem", "person", "post",
    "authorisedheadcount", "headcountcensus", "currentheadcount", "contractstaffcount",
]
BUDGET_MODELS = [
    "revenueaccount", "expenditureaccount", "policyprogram",
    "unitprogram", "detailprogram", "executionrecord",
]

# The report cycle (workreport.review): every reader sees the rounds and each part's status; the
# transitions themselves are checked by workreport.review (owners submit, reviewers decide).
ROUND_READING = {"workreport.reportinground": ["view"], "workreport.partreview": ["view"]}

# Extra (beyond "view everything in the report apps") per role: {"app.model": [actions]}.
ROLE_EXTRA_PERMISSIONS = {
    TEAM_LEAD: PROGRAMME_TEXT_MODELS | ROUND_READING,
    # 직급 itself is a fixed list; HR changes it only to save 정원/현원 on its page (the inlines).
    HR_OFFICER: {f"staffing.{m}": EDIT for m in STAFFING_MODELS} | {"staffing.grade": ["change"]} | ROUND_READING,
    BUDGET_OFFICER: {f"budget.{m}": EDIT for m in BUDGET_MODELS} | ROUND_READING,
    # The since-last-edition page of changes (workreport.audit) is the auditors' own page.
    AUDITOR: {"accounts.staffprofile": ["view_change_audit"]} | ROUND_READING,
    # Publishers open the rounds and review the parts (send back, confirm, reopen).
    PUBLISHER: {"reports.publishededition": ["publish_edition"],
                "workreport.reportinground": ["view", "review_round"], "workreport.partreview": ["view"]},
}

# Model-level actions; anything else in the table is a custom permission's codename.
MODEL_ACTIONS = {"view", "add", "change", "delete"}

# Publishing is the one role that is not a reader by itself: it is given on top of another role.
READER_ROLES = [TEAM_LEAD, HR_OFFICER, BUDGET_OFFICER, AUDITOR]


def _codenames_for(model_label, actions):
    app_label, model = model_label.split(".")
    for action in actions:
        codename = f"{action}_{model}" if action in MODEL_ACTIONS else action
        yield app_label, codename


def model_exists(permission_model, model_label):
    """Whether the model is in the registry `permission_model` belongs to (a migration's state may
    predate it)."""
    try:
        permission_model._meta.apps.get_model(model_label)
    except LookupError:
        return False
    return True


def role_permissions(role, permission_model):
    """The Permission rows a role's group holds (permission_model: auth.Permission, or a migration's)."""
    wanted = permission_model.objects.none()
    if role in READER_ROLES:
        wanted = permission_model.objects.filter(
            content_type__app_label__in=REPORT_APPS, codename__startswith="view_"
        )
    extra_ids = []
    for model_label, actions in ROLE_EXTRA_PERMISSIONS[role].items():
        if not model_exists(permission_model, model_label):
            continue  # added by a later migration than the one syncing: post_migrate's resync adds it
        for app_label, codename in _codenames_for(model_label, actions):
            perm = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is None:
                raise LookupError(f"권한 {app_label}.{codename}이(가) 없습니다. migrate를 먼저 실행하세요.")
            extra_ids.append(perm.pk)
    return permission_model.objects.filter(pk__in=list(wanted.values_list("pk", flat=True)) + extra_ids)


def sync_role_groups(group_model, permission_model):
    """Create or update the role groups so they hold exactly the permissions of the table above."""
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role, permission_model))


def user_team_names(user):
    """Names of the units in which the user's person holds a post (across editions, by name).

    Read once per user object, that is once per request: the admin asks for every row and every
    permission of a page.
    """
    names = getattr(user, "_team_names", None)
    if names is None:
        profile = getattr(user, "staff_profile", None)
        if profile is None or profile.person_id is None:
            names = frozenset()
        else:
            names = frozenset(profile.person.posts.values_list("unit__name", flat=True))
        user._team_names = names
    return set(names)


def can_edit_programme(user, unit_program):
    """A superuser edits every programme; a team lead only those their team owns."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("projects.change_programpage"):
        return False
    team = unit_program.owning_team
    return team is not None and team.name in user_team_names(user)


def programme_team_scope(user):
    """The team names whose programmes this user may see in the admin, or None for "all of them".

    Team leads (who may change programme text) see and edit their own team's programmes only;
    readers (HR, finance, auditors) and superusers see every programme.
    """
    if user.is_superuser or not user.has_perm("projects.change_programpage"):
        return None
    return user_team_names(user)
