"""`{% jinja_include %}`: the admin change form's fieldsets and inlines from their Jinja2 copies."""
from django import template
from django.utils.safestring import mark_safe

from sdf_intranet import jinja

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja_include(context, template_name, **values):
    """`{% include template_name with values %}`, drawn from the template's Jinja2 copy where it
    has one (sdf_intranet.jinja.has_copy) and by Django's engine otherwise."""
    if not jinja.has_copy(template_name):
        original = context.template.engine.get_template(template_name)
        with context.push(**values):
            return original.render(context)
    names = context.flatten()
    names.update(values)
    return mark_safe(jinja.engine().get_template(template_name).render(names))
