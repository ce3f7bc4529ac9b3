"""POST data of an admin change form as the browser would send it unchanged, built from a GET response."""
import datetime


def _as_post_value(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else None
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def _form_fields(form, data):
    for name in form.fields:
        value = _as_post_value(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value


def change_form_data(response):
    """Every field of the main form and of each inline formset, with its current value."""
    data = {}
    _form_fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _as_post_value(management[name].value())
        for form in formset.forms:
            _form_fields(form, data)
    return data


def inline_prefix(response, model):
    """The formset prefix of the inline editing `model` on this change form."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(model)


def inline_row(response, model, pk):
    """The form index of the inline row of `model` with primary key pk."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            for index, form in enumerate(inline.formset.forms):
                if form.instance.pk == pk:
                    return index
    raise LookupError((model, pk))
