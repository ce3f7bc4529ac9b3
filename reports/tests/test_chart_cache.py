"""A desk chart is drawn once per change of its figures, in the cache every worker shares."""
import datetime

from reports import cached, chart_cache
from reports.chart_cache import cached_chart


def test_the_same_figures_are_drawn_once_and_new_figures_again(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "chart-cache-test"}}
    drawn = []

    def draw(data):
        drawn.append(data)
        return f"<svg>{len(drawn)}</svg>"

    figures = ((datetime.date(2024, 10, 18), 8_639_754),)
    assert cached_chart(draw, figures) == "<svg>1</svg>"
    assert cached_chart(draw, figures) == "<svg>1</svg>"
    assert cached_chart(draw, ((datetime.date(2024, 11, 30), 8_700_000),)) == "<svg>2</svg>"
    assert len(drawn) == 2


def test_the_execution_page_draws_its_chart_once(client_in, edition, monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "chart-cache-page-test"}}
    from reports import charts

    calls = []
    original = charts.execution_progress_chart
    monkeypatch.setattr(charts, "execution_progress_chart", lambda months: calls.append(1) or original(months))

    first = client_in.get("/budget/execution/").content
    second = client_in.get("/budget/execution/").content

    assert len(calls) == 1 and b"<svg" in second and first.count(b"<svg") == second.count(b"<svg")


def test_a_cache_that_fails_costs_a_drawing_not_the_page(monkeypatch, caplog):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("no such table: cache_entries")

    monkeypatch.setattr(cached.shared_cache, "get", broken)
    monkeypatch.setattr(cached.shared_cache, "set", broken)
    assert chart_cache.cached_svg("test.broken", (1, 2), lambda: "<svg>drawn</svg>") == "<svg>drawn</svg>"
    assert "shared cache unavailable for chart test.broken" in caplog.text
