"""Helpers of the admin tests: a logged-in superuser, and the data of a change form as a browser sends it."""
import pytest
from django.contrib.auth.models import User
from django.urls import reverse


@pytest.fixture
def superuser_client(client, db):
    """A superuser without a hashed password (hashing costs a second per test)."""
    user = User.objects.create(username="admin-test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _add_form(data, form):
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        data[key] = "on" if value is True else value


def change_form_data(response):
    """What the browser would POST back unchanged from an admin change form, inlines included."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def add_inline_row(data, prefix, **values):
    """Append one new row to the inline formset `prefix` of change_form_data's result."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data
