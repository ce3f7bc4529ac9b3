"""What a page shows of the report's data, kept in the shared cache (settings.CACHES) until the
data or the release changes (issue 11, part 9).

The key carries the data's token (reports.data_version: changed by the database on every write to
the report's tables, whatever path the write took), the release (reports.release) and what else the
value depends on (`parts`: the edition, the day, the query string, which programme pages the user
may edit). A value is computed by the caller's function, only for what is the same for every user
who asks with the same parts; the rest of a page (the user's name, the CSRF token, messages) is
rendered in each request, outside what is cached.

When the token cannot be had (a covered table without its trigger, another database) nothing is
cached: the value is computed each time, as before.
"""
import hashlib
import threading
from collections import OrderedDict

from reports import data_version, release
from reports.cached import get_or_compute

PAGE_SECONDS = 24 * 60 * 60  # the key changes with the data: age matters only for space

# The last values this process used, by the same keys: a key names one state of the data and the
# release, so a value kept here is as right as the shared cache's, without fetching and unpickling
# it again (the 10× preview is a megabyte). A few entries, so a worker holds a few megabytes.
LOCAL_ENTRIES = 8
local_values = OrderedDict()
local_lock = threading.Lock()


def remember(key, value):
    with local_lock:
        local_values[key] = value
        local_values.move_to_end(key)
        while len(local_values) > LOCAL_ENTRIES:
            local_values.popitem(last=False)
    return value


def forget_local() -> None:
    """Empty this process's copies (a test that empties the shared cache to count a miss)."""
    with local_lock:
        local_values.clear()


def page_key(name: str, parts) -> str | None:
    """The cache key of a page's value, or None when it must not be cached. Read before the data."""
    token = data_version.current_token()
    if token is None:
        return None
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"page:{name}:{release.current_release()}:{token}:{digest}"


def cached_value(name: str, parts, compute):
    """compute(), or what it returned before for the same name, parts, data and release. The token
    is read first, so a value cached under it was computed from data at least as new as it."""
    key = page_key(name, parts)
    if key is None:
        return compute()
    with local_lock:
        if key in local_values:
            local_values.move_to_end(key)
            return local_values[key]
    return remember(key, get_or_compute(key, compute, seconds=PAGE_SECONDS, what=name))
