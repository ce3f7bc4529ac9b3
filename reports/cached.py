"""A value kept in the shared cache (settings.CACHES) for every worker, which is only a speed-up:
a cache that fails (Redis down, its table missing) costs the computing, never the page."""
import logging

from django.core.cache import cache as shared_cache

logger = logging.getLogger(__name__)


def get_or_compute(key: str, compute, *, seconds: int, what: str):
    """The value cached under `key`, or compute() kept there for `seconds`; `what` names it in the
    warning logged when the cache fails."""
    try:
        value = shared_cache.get(key)
    except Exception:  # noqa: BLE001 - any backend's failure: computed without the cache
        logger.warning("shared cache unavailable for %s; computed without it", what, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            shared_cache.set(key, value, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("shared cache unavailable for %s; not kept", what, exc_info=True)
    return value
