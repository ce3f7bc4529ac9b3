"""The team lead's object-level rule in the admin: their own team's programmes, and nothing else.

Mixed into the admin of ProgramPage and of the lines of its 사업개요, 추진실적 and 향후일정.
A team lead's lists show only their programmes; the change, delete and history URLs of another
team's object answer 403 (the object is fetched unscoped, then refused), on GET and on POST; and
a new or moved line can only point at one of their own pages.
"""
from django.core.exceptions import ValidationError

from accounts.roles import programme_team_scope


def _follow(obj, path):
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


class TeamScopedAdminMixin:
    # Path from the model to the OrgUnit that owns it, e.g. "page__unit__owning_team".
    team_path = "unit__owning_team"
    # The foreign key a line hangs from ("page", "item"): its choices are limited to the user's scope.
    scoped_parent_field = None
    # Fields a team lead reads but does not change (a page's 단위사업 belongs to the budget tree).
    scoped_readonly_fields = ()
    # Relations the change page reads of its object, fetched with it (the team_path always is).
    object_select_related = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        teams = programme_team_scope(request.user)
        if teams is None:
            return queryset
        return queryset.filter(**{f"{self.team_path}__name__in": teams})

    def get_object(self, request, object_id, from_field=None):
        # Unscoped, so that another team's object is found and then refused (403), not "not found".
        queryset = super().get_queryset(request).select_related(self.team_path, *self.object_select_related)
        model = queryset.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if programme_team_scope(request.user) is not None:
            readonly += [name for name in self.scoped_readonly_fields if name not in readonly]
        return readonly

    def in_team_scope(self, request, obj):
        teams = programme_team_scope(request.user)
        if teams is None or obj is None:
            return True
        team = _follow(obj, self.team_path)
        return team is not None and team.name in teams

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_team_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_team_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_team_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and db_field.name == self.scoped_parent_field:
            teams = programme_team_scope(request.user)
            if teams is not None:
                parent_path = self.team_path.split("__", 1)[1]
                formfield.queryset = formfield.queryset.filter(**{f"{parent_path}__name__in": teams})
        return formfield



class TeamScopedInlineMixin:
    """An inline whose rows a team lead may touch only when the parent object is their team's."""

    # Path from the parent object (the page, or the 추진실적 line of a table) to its owning OrgUnit.
    parent_team_path = "unit__owning_team"

    def in_team_scope(self, request, parent):
        teams = programme_team_scope(request.user)
        if teams is None or parent is None:
            return True
        team = _follow(parent, self.parent_team_path)
        return team is not None and team.name in teams

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_team_scope(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.in_team_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_team_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_team_scope(request, obj)
