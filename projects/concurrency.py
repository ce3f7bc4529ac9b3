"""No lost updates on a programme page, its lines included.

Every form that edits a ProgramPage (with its 사업개요, 추진실적 and 향후일정 texts) carries the
page's version as it was when the form was opened. Saving checks that version against the
database and bumps it in the same UPDATE, so of two people editing at once the later save is
refused, with the name of the person who saved first and what they changed.

A line (or a table row, or a contact) saved or deleted anywhere else — its own admin page, an
import, a script calling save() — bumps its page's version too (projects.models.line_changed), so
a page form opened before that change is refused instead of writing the old lines back.
"""
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from projects.changes import last_change, user_name
from projects.models import ProgramPage
from reports.admin_widgets import ChosenOptionsForm
from reports.formatting import format_moment



class StaleEdit(Exception):
    pass


def stale_message(page, seen_version=None, editor=None):
    """Who changed the page (or one of its lines) first, when, and what; "another window" when it
    was the editor themselves."""
    change = last_change(page, since_version=seen_version) or last_change(page)
    if change is None:
        first = "다른 사용자가 먼저 고쳤습니다"
    else:
        moment = format_moment(change.changed_at)
        if editor is not None and change.user_name == user_name(editor):
            first = f"{moment}에 다른 창(탭)에서 먼저 저장했습니다({change.what})"
        else:
            first = f"{change.user_name}님이 {moment}에 먼저 고쳤습니다({change.what})"
    return (
        f"이 사업은 편집을 시작한 뒤 {first}. 내 변경은 저장되지 않았습니다. "
        "입력한 내용은 아래에 남아 있습니다: 복사해 두고 '최신 내용으로 다시 열기'로 연 뒤 다시 반영하세요."
    )


def stored_version(page, lock=False) -> int | None:
    """The page's version in the database; with lock, the row stays locked until the end of the
    transaction (PostgreSQL), so that a save racing this one waits and then sees the new version."""
    pages = ProgramPage.objects.filter(pk=page.pk)
    if lock:
        pages = pages.select_for_update()
    return pages.values_list("version", flat=True).first()


def claim_version(page, seen_version):
    """Bump the stored version if it is still the one the editor saw; otherwise raise StaleEdit."""
    updated = ProgramPage.objects.filter(pk=page.pk, version=seen_version).update(version=F("version") + 1)
    if not updated:
        raise StaleEdit(stale_message(page, seen_version))
    page.version = seen_version + 1


class VersionedPageForm(ChosenOptionsForm):
    """A ProgramPage form that remembers the version it was opened at."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    stale = False  # refused because someone saved first: the page offers to open it afresh
    editor = None  # the user saving (set by the admin's get_form)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version stored now: a page fetched for this form has it; a revert form's instance
            # is an old version of the page (simple_history marks it), and reverting is a change made now.
            reverting = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None
            self.fields["seen_version"].initial = (
                stored_version(self.instance) if reverting else self.instance.version)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            seen = cleaned.get("seen_version")
            if seen is None or stored_version(self.instance, lock=True) != seen:
                self.stale = True
                raise ValidationError(stale_message(self.instance, seen, self.editor))
        return cleaned


class VersionedLineForm(ChosenOptionsForm):
    """A line of a page (추진실적, 표의 행, 향후일정, 사업내용 세부 항목) on its own admin page: it
    remembers its page's version, so that a line form opened before the page's editor saved is
    refused rather than writing the old line back (the editor may have moved it to another row)."""

    seen_page_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    page_path = "page"  # from the line to its ProgramPage
    editor = None  # the user saving (set by the admin's get_form)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.page()
        if page is not None:
            self.fields["seen_page_version"].initial = stored_version(page)

    def page(self):
        obj = self.instance if self.instance.pk else None
        for name in self.page_path.split("__"):
            obj = getattr(obj, name, None) if obj is not None else None
        return obj

    def clean(self):
        cleaned = super().clean()
        page = self.page()
        if page is not None:
            seen = cleaned.get("seen_page_version")
            if seen is None or stored_version(page, lock=True) != seen:
                raise ValidationError(stale_message(page, seen, self.editor))
        return cleaned


class StaleEditAdminMixin:
    """What the page's and the lines' admins share: the form knows who saves (to tell "another
    window" of one's own from a colleague), and a save refused by claim_version is a message."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor = request.user  # a class made for this request
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit as stale:
            messages.error(request, str(stale))
            return HttpResponseRedirect(request.path)


class VersionedPageAdminMixin(StaleEditAdminMixin):
    """The ProgramPage admin with the check above: a stale save is refused and nothing is written.

    The form's clean() refuses a version that is already old when the form is submitted (the
    person sees the form again with the message and their input); on PostgreSQL it locks the
    page's row, so a save racing past it waits and is refused there too. Where the database does
    not lock (SQLite), claim_version settles the race inside the admin's transaction: the later
    save raises StaleEdit, the transaction (page, lines and inlines) is rolled back and the person
    is sent back to the page. A revert from the history runs in one transaction the same way.
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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleEdit as stale:
            messages.error(request, str(stale))
            return HttpResponseRedirect(request.path)


class VersionedLineAdminMixin(StaleEditAdminMixin):
    """The admin of a page's line with VersionedLineForm: a change claims the page's version."""

    def save_model(self, request, obj, form, change):
        page = form.page()
        if change and page is not None:
            claim_version(page, form.cleaned_data.get("seen_page_version"))
        super().save_model(request, obj, form, change)
