"""What a person is told about django-axes' lockout, which locks an account on one address only
(AXES_LOCKOUT_PARAMETERS: the user name and the client's address together).

Before the lock, a wrong password says how many tries are left for that account on that computer;
at the lock, the page names the account, the address and the minute the lock ends, and says that
other accounts and other computers are not affected.
"""
from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def attempt_of(request, username: str):
    """The failed-login record of this account on this request's address, or None."""
    if not username:
        return None
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return (AccessAttempt.objects.filter(username=username, ip_address=address)
            .order_by("-attempt_time").first())


def tries_left(request, username: str) -> int:
    attempt = attempt_of(request, username)
    return settings.AXES_FAILURE_LIMIT - (attempt.failures_since_start if attempt else 0)


def lock_minutes() -> int:
    return round(get_cool_off().total_seconds() / 60)


def locked_out_response(request, original_response=None, credentials=None):
    """The page (HTTP 429) for a login refused because the account is locked on this address."""
    username = get_client_username(request, credentials) or ""
    attempt = attempt_of(request, username)
    until = timezone.localtime(attempt.attempt_time + get_cool_off(request)) if attempt else None
    return render(request, "registration/locked_out.html", {
        "username": username,
        "ip_address": getattr(request, "axes_ip_address", None) or get_client_ip_address(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lock_minutes": lock_minutes(),
        "locked_until": until,
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
