"""The Jinja2 engine that draws the admin's most repeated templates, and Django's form widgets.

An admin change page is mostly the same few small templates drawn again and again: a fieldset,
a tabular inline's rows, the related-links wrapper of every foreign key, the widgets. In the
Django template engine they are most of the page's time (docs/performance.md, bench/web). The
Jinja2 copies under templates/jinja2/ write the same HTML as Django's and adminsortable2's
originals in a fraction of it: tests/test_jinja_copies.py draws every admin page both ways and
compares them, so an upgrade that changes an original shows there.

`COPIED` names the templates that have a copy (has_copy). Everything else is drawn by Django's engine.
"""
from functools import cache
from pathlib import Path

import django.forms
import jinja2
from django.conf import settings
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.templatetags.admin_urls import admin_urlname, admin_urlquote
from django.template.backends.jinja2 import Jinja2
from django.template.defaultfilters import capfirst, striptags, yesno
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext, ngettext

# The templates of Django's admin and of adminsortable2 that are drawn from a Jinja2 copy of the
# same name under templates/jinja2/.
COPIED = frozenset({
    "admin/includes/fieldset.html",
    "admin/widgets/related_widget_wrapper.html",
    "adminsortable2/edit_inline/tabular-django-5.2.html",
})


def has_copy(template_name) -> bool:
    return template_name in COPIED


def url(name, *args):
    return reverse(name, args=args)


def environment(**options):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(static=static, url=url)
    # Django's filters where the copies use them, spelt as the originals spell them.
    env.filters.update(
        capfirst=capfirst, striptags=striptags, yesno=yesno,
        admin_urlname=admin_urlname, admin_urlquote=admin_urlquote, cell_count=cell_count,
    )
    return env


@cache
def engine():
    return Jinja2({
        "NAME": "sdf_jinja2",
        "DIRS": [settings.BASE_DIR / "templates" / "jinja2", Path(django.forms.__file__).parent / "jinja2"],
        "APP_DIRS": False,
        # An undefined name is "" as in Django's templates, with DEBUG on as off.
        "OPTIONS": {"environment": "sdf_intranet.jinja.environment", "undefined": jinja2.Undefined},
    })
