"""One log line per request: method, path, status, duration in ms, user id and request id.

The request id is the proxy's X-Request-ID when a trusted proxy sends a sensible one (so the
proxy's log and ours name the same request), else a new one; it is sent back in X-Request-ID and
carried by every log line written while the request is served (sdf_intranet.logs).
"""
import logging
import re
import time
import uuid

from django.conf import settings

from sdf_intranet.client_ip import client_ip, is_trusted, parse, trusted_networks
from sdf_intranet.logs import request_id_var

logger = logging.getLogger("sdf_intranet.request")
SENSIBLE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id_of(request) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    from_proxy = is_trusted(parse(request.META.get("REMOTE_ADDR", "")), trusted_networks(tuple(settings.TRUSTED_PROXIES)))
    return offered if from_proxy and SENSIBLE_ID.fullmatch(offered) else uuid.uuid4().hex


def user_id_of(request):
    user = getattr(request, "user", None)  # set by AuthenticationMiddleware, unless refused before it
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id_of(request)
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000)
            response["X-Request-ID"] = request.request_id
            fields = {
                "method": request.method, "path": request.path, "status": response.status_code,
                "duration_ms": duration_ms, "user_id": user_id_of(request),
                "request_id": request.request_id, "client_ip": client_ip(request),
            }
            # The path escaped as Django escapes it: a %0A in a URL must not start a forged log line.
            printed_path = request.path.encode("unicode_escape").decode("ascii")
            logger.info("%s %s %s %sms user=%s ip=%s", fields["method"], printed_path, fields["status"],
                        duration_ms, fields["user_id"] or "-", fields["client_ip"], extra=fields)
            return response
        finally:
            request_id_var.reset(token)
