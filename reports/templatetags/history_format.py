"""Template filters of the admin's 변경 이력 pages: {% load history_format %} then |who."""
from django import template

from reports.history import person_and_login

register = template.Library()


@register.filter
def who(user):
    """The author of a historical record: "고설태 (teamlead)", a login alone, or the system."""
    return person_and_login(user)
