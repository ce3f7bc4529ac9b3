"""How every form of the site draws its widgets (settings.FORM_RENDERER).

Django's own form templates (django/forms/…: inputs, selects and their options, error lists,
labels, the form and formset layouts) are drawn from the Jinja2 copies Django ships of them, and
the admin's related-links wrapper of every foreign key from ours (sdf_intranet/jinja.py): the
same HTML, in about a third of the Django template engine's time. An admin change page draws
30–40 widgets, so that is a fifth of the page (docs/performance.md, bench/web).

An empty error list (one per field, most of them empty) is nothing, without a template.

Every other widget template (the admin's date and file inputs, which include Django's DTL form
templates) is drawn as Django's default renderer draws it.
"""
from django.forms.renderers import DjangoTemplates

from sdf_intranet import jinja

DJANGO_FORM_TEMPLATES = "django/forms/"
ERROR_LIST_TEMPLATES = "django/forms/errors/list/"


class FormRenderer(DjangoTemplates):
    def get_template(self, template_name):
        if template_name.startswith(DJANGO_FORM_TEMPLATES) or jinja.has_copy(template_name):
            return jinja.engine().get_template(template_name)
        return super().get_template(template_name)

    def render(self, template_name, context, request=None):
        if template_name.startswith(ERROR_LIST_TEMPLATES) and not context.get("errors"):
            return ""
        return super().render(template_name, context, request)
