"""The site's logs: one line per request, refusals without tracebacks, errors with them, as text
or as JSON lines (LOG_FORMAT=json), and a mail to ADMINS for every 500.

`logging_config` is the whole LOGGING setting; the request line itself is written by
sdf_intranet.request_log.RequestLogMiddleware, which also sets the request id every line of the
same request carries.
"""
import contextvars
import datetime
import json
import logging

# The id of the request being served, for every log line written while serving it.
request_id_var = contextvars.ContextVar("request_id", default="-")

# What the request line carries beside its message (JSON fields, and the text line's words).
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id", "request_id", "client_ip")


class RequestContext(logging.Filter):
    """Gives every record the id of the request it was written in ("-" outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class DropRefusals(logging.Filter):
    """django.request writes a 4xx as a warning with its exception's traceback (37 lines for each
    403); the request line already says it in one. Server errors (5xx) pass, tracebacks and all."""

    def filter(self, record):
        return getattr(record, "status_code", 500) >= 500


class RefusalsInOneLine(logging.Filter):
    """django.security's refusals (a wrong Host header, a bad signature: django.security.<reason>)
    in one line: the message says what was refused; the traceback of a refusal says nothing more.
    A filter of the handler, as the reasons are loggers of their own below django.security."""

    def filter(self, record):
        if record.name.startswith("django.security"):
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request's fields when there are
    any, and the traceback as one string."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
            .isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(*, log_format: str = "text", level: str = "INFO") -> dict:
    formatter = {"()": JsonFormatter} if log_format == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": RequestContext},
            "drop_refusals": {"()": DropRefusals},
            "refusals_in_one_line": {"()": RefusalsInOneLine},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {"site": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "site",
                        "filters": ["request_context", "refusals_in_one_line"]},
            # Does nothing while ADMINS is empty.
            "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR",
                            "filters": ["require_debug_false"]},
        },
        "loggers": {
            "sdf_intranet.request": {"level": level, "handlers": ["console"], "propagate": False},
            "django.request": {"level": "WARNING", "handlers": ["console", "mail_admins"],
                               "filters": ["drop_refusals"], "propagate": False},
            "fontTools": {"level": "WARNING"},
            "weasyprint": {"level": "ERROR"},
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
    }
