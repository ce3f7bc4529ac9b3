"""The admin's search-as-you-type choice (autocomplete) without a query per box.

Django's autocomplete box prints its chosen option, and to name it asks the database for the
object behind the value, once per box: on a programme page that is the 단위사업 and one query per
담당자 row. The form already holds those objects (its instance, fetched with its relations), so the
box names them from there. A value the form does not hold (a choice just typed, a new row) is
looked up as before.
"""
from django import forms
from django.contrib.admin.widgets import AutocompleteSelect


class ChosenAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box that names its chosen option from `chosen`, the object the form holds."""

    chosen = None

    def optgroups(self, name, value, attr=None):
        field, chosen = self.choices.field, self.chosen
        selected = [str(v) for v in value if str(v) not in field.empty_values]
        if self.allow_multiple_selected:
            return super().optgroups(name, value, attr)
        chosen_value = field.prepare_value(chosen) if chosen is not None else None
        if selected and (chosen is None or selected != [str(chosen_value)]):
            return super().optgroups(name, value, attr)
        # Nothing chosen (a new row, the inline's blank template row) or the stored choice: the
        # options Django's would list, without building a query for them.
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        if selected:
            options.append(self.create_option(name, chosen_value, field.label_from_instance(chosen), True, len(options)))
        return [(None, options, 0)]


class ChosenAutocompleteMixin:
    """For a ModelAdmin or an inline: its autocomplete_fields get ChosenAutocompleteSelect."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChosenAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def name_chosen_options(form) -> None:
    """Give each ChosenAutocompleteSelect of `form` the object its instance already holds."""
    instance = form.instance
    opts = instance._meta
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-links wrapper
        if not isinstance(widget, ChosenAutocompleteSelect):
            continue
        model_field = opts.get_field(name)
        if model_field.is_cached(instance):
            widget.chosen = model_field.get_cached_value(instance)


class ChosenOptionsForm(forms.ModelForm):
    """The admin's model form: its autocomplete boxes name what the instance holds (see above)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_chosen_options(self)
