"""No lost updates on a programme page.

Every form that edits a ProgramPage (with its 추진실적 and 향후일정 inlines) carries the
page's version as it was when the form was opened. Saving checks that version against
the database and bumps it in the same UPDATE, so of two people editing at once the later
save is refused, with the name of the person who saved first.
"""
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.db.models import F
from django.utils import timezone

from projects.models import ProgramPage


class StaleEdit(Exception):
    pass


def last_editor(page):
    """Who saved the page last and when, from its history: ("홍길동", datetime) or (None, None)."""
    record = page.history.select_related("history_user").order_by("-history_date").first()
    if record is None:
        return None, None
    user = record.history_user
    name = (user.get_full_name() or user.get_username()) if user else "알 수 없는 사용자"
    return name, record.history_date


def stale_message(page):
    name, when = last_editor(page)
    moment = timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else "방금"
    return (
        f"이 사업은 편집을 시작한 뒤 {name or '다른 사용자'}님이 {moment}에 먼저 수정했습니다. "
        "내 변경은 저장되지 않았습니다. 페이지를 새로 고친 뒤 다시 수정하세요."
    )


def claim_version(page, seen_version):
    """Bump the stored version if it is still the one the editor saw; otherwise raise StaleEdit."""
    updated = ProgramPage.objects.filter(pk=page.pk, version=seen_version).update(version=F("version") + 1)
    if not updated:
        raise StaleEdit(stale_message(page))
    page.version = seen_version + 1


class VersionedPageForm(forms.ModelForm):
    """A ProgramPage form that remembers the version it was opened at."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            seen = cleaned.get("seen_version")
            current = ProgramPage.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if seen is None or current != seen:
                raise ValidationError(stale_message(self.instance))
        return cleaned


class VersionedPageAdminMixin:
    """The ProgramPage admin with the check above: a stale save is refused and nothing is written.

    The form's clean() refuses a version that is already old when the form is submitted (the
    person sees the form again with the message and their input). Two saves racing past clean()
    are settled by claim_version inside the admin's transaction: the later one raises StaleEdit,
    the transaction (page and inlines) is rolled back and the person is sent back to the page.
    """

    form = VersionedPageForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets = [*fieldsets, (None, {"fields": ["seen_version"], "classes": ["hidden"]})]
        return fieldsets

    def save_model(self, request, obj, form, change):
        if change:
            claim_version(obj, form.cleaned_data.get("seen_version"))
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit as stale:
            messages.error(request, str(stale))
            return HttpResponseRedirect(request.path)
