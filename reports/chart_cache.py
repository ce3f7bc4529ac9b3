"""The charts of the desk pages and of the report kept in the shared cache (settings.CACHES), keyed by the figures they
draw and the release: every worker draws a chart once per change of its data, not once a request
(matplotlib takes most of a desk page's time: issue 11, part 9)."""
import hashlib

from reports import release
from reports.cached import get_or_compute

CHART_SECONDS = 24 * 60 * 60  # a day: the key changes with the data, so age matters only for space


def cached_chart(draw, data) -> str:
    """draw(data) → SVG text, from the shared cache when the same figures were drawn before. `data`
    is what the figures module returned (frozen dataclasses, dates, Decimals): its repr is the key."""
    return cached_svg(f"{draw.__module__}.{draw.__qualname__}", data, lambda: draw(data))


def cached_svg(name: str, data, draw) -> str:
    """draw() → SVG text of the chart `name` of `data`, from the shared cache when drawn before."""
    digest = hashlib.sha256(repr(data).encode()).hexdigest()[:32]
    key = f"chart:{name}:{release.current_release()}:{digest}"
    return get_or_compute(key, draw, seconds=CHART_SECONDS, what=f"chart {name}")
