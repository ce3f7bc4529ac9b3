"""/health/: can this instance serve? For the proxy, the load balancer and the operator's monitor.

Without a login, and without details: an anonymous caller learns `ok` (200) or `failing` (503)
and nothing about the database, the cache or the storage behind it. A superuser who is logged in
gets one line per check with its error; every failing check is logged with its cause
(health_check's logger, a warning). A probe is a bare GET or HEAD: one with a body is refused.
The task worker counts too: without its heartbeat, queued imports would never run.
"""
import asyncio
import dataclasses

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from sdf_intranet.tasks_worker import heartbeat_age

CHECKS = (
    "health_check.checks.Database",   # SELECT 1 on a connection of its own
    "health_check.checks.Cache",      # set and get a key in the shared cache
    "health_check.checks.Storage",    # write, read and delete a file under MEDIA_ROOT
    "sdf_intranet.health.TaskWorker",  # the worker's heartbeat in the shared cache is recent
)


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """The task worker beat within TASK_WORKER_HEARTBEAT_MAX_AGE seconds (0: not checked, as in the
    test suite, which runs its worker only inside the tests that need one)."""

    def run(self):
        max_age = settings.TASK_WORKER_HEARTBEAT_MAX_AGE
        if not max_age:
            return
        age = heartbeat_age()
        if age is None:
            raise ServiceUnavailable("no heartbeat from any task worker")
        if age > max_age:
            raise ServiceUnavailable(f"last task worker heartbeat {age:.0f} s ago")


def has_body(request) -> bool:
    length = request.META.get("CONTENT_LENGTH") or "0"
    return (not length.isdigit()) or int(length) > 0 or "HTTP_TRANSFER_ENCODING" in request.META


class HealthView(HealthCheckView):
    checks = CHECKS
    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        if has_body(request):
            return HttpResponseBadRequest(b"", content_type="text/plain")
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        failing = any(result.error for result in self.results)
        lines = ["failing" if failing else "ok"]
        user = await request.auser()
        if user.is_active and user.is_superuser:
            lines += [f"{result.check!r}: {result.error or 'OK'}" for result in self.results]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8",
                            status=503 if failing else 200)
