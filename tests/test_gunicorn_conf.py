"""gunicorn's settings (sdf_intranet/gunicorn_conf.py): a worker that has loaded the site sets its
long-lived objects aside from the garbage collector, so that a full collection in the middle of a
request walks what requests made, not the whole site (docs/performance.md)."""
import gc

from django.urls import clear_url_caches, get_resolver

from sdf_intranet import gunicorn_conf


def test_a_worker_sets_the_loaded_site_aside_from_the_garbage_collector():
    gc.unfreeze()
    clear_url_caches()
    try:
        gunicorn_conf.post_worker_init(worker=None)

        assert gc.get_freeze_count() > 50_000  # the site's modules, URLs and admins, not a handful
        assert "url_patterns" in get_resolver().__dict__  # the URLconf was loaded before freezing
    finally:
        gc.unfreeze()
