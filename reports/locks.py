"""Why a record of the report may not be changed now, asked by every admin page and import.

The rules live in the apps above (workreport: a part of the report 확정 in the round in progress,
workreport.review.locked_reason); they register here at start-up, so that the admin classes of
every app, which sit below workreport, ask one place without importing it.
"""
from django.utils.module_loading import import_string

RULES = []


def register(rule):
    """rule(obj, model, memo) → a Korean sentence saying why it is locked, or None. `memo` is a dict
    kept for one request, where a rule keeps what it read (one query a request, not one a row).
    A rule may be given by its dotted path, imported on first use (an app's ready() cannot import
    its models' modules)."""
    RULES.append(rule)
    return rule


def rules():
    RULES[:] = [import_string(rule) if isinstance(rule, str) else rule for rule in RULES]
    return RULES


def locked_reason(obj, model, request=None):
    """The first rule's reason, or None."""
    memo = getattr(request, "_report_locks", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._report_locks = memo
    return next((found for rule in rules() if (found := rule(obj, model, memo))), None)
