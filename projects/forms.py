"""The programme page's form: its fields, and one outline text per section (projects.outline);
and the form of a 향후일정 line on its own page, its period typed as staff write it.

The texts are what a team lead edits; on save they are read into lines and stored row by row
(projects.sections), so the structured lines stay the truth, with their history. A text that does
not read is refused whole, with a message per bad line, and the box keeps what was typed.
"""
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils import timezone
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from projects.concurrency import VersionedLineForm, VersionedPageForm
from projects.outline import (
    ACHIEVEMENTS, OVERVIEW, SCHEDULE, SECTION_PREFETCH, SECTIONS, line_number, lines_as_of, page_year, parse_section,
    stored_lines, text_of,
)
from projects.models import ScheduleItem
from projects.periods import FORMS as PERIOD_FORMS
from projects.periods import parse_period
from projects.sections import replace_section
from reports.formatting import format_moment

MARKS_HELP = "○ 1단계, - 2단계, · 3단계, ※ 참고, ▶ 흐름, * 각주."
KEYS_HELP = ("줄 맨 앞에서 Tab은 한 단계 아래로, Shift+Tab은 위로; Enter는 같은 단계로 이어 씁니다; "
             "Esc 다음 Tab은 다음 칸으로 갑니다.")
HELP = {
    OVERVIEW: "(사업내용) 아래에 인쇄되는 줄: '- ' 항목과 '※ ' 참고. 없으면 비워 둡니다.",
    ACHIEVEMENTS: f"{MARKS_HELP} 표는 한글이나 엑셀에서 복사해 붙여 넣습니다(칸은 Tab으로 나뉩니다). {KEYS_HELP}",
    SCHEDULE: f"줄 끝에 ' : 10~12월'처럼 기간을 적습니다({PERIOD_FORMS}). ※ 참고 줄은 기간 없이. {KEYS_HELP}",
}


class OutlineTextField(forms.CharField):
    """A section's text. Browsers send a text box's line breaks as CR LF: read as LF, so that an
    untouched box is unchanged (the page is then not saved again)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


def section_field(label: str, section: str) -> forms.CharField:
    return OutlineTextField(label=label, required=False, strip=False, help_text=HELP[section],
                            widget=forms.Textarea(attrs={"class": "outline-text", "data-section": section}))


def revert_moment(record):
    """When the page stood as `record` saved it: just before its next save, because a save writes
    the page first and its lines after it; now, for the newest record."""
    following = record.next_record
    return following.history_date - datetime.timedelta(microseconds=1) if following else timezone.now()


def field_name(section: str) -> str:
    return f"{section}_text"


def error_lines(error: ValidationError) -> list[int]:
    return sorted({number for message in error.messages if (number := line_number(message)) is not None})


class ProgramPageForm(VersionedPageForm):
    """A ProgramPage with its three sections as outline texts; `section_lines` holds what was read."""

    overview_text = section_field("사업내용 세부 항목", OVERVIEW)
    achievements_text = section_field("추진실적", ACHIEVEMENTS)
    schedule_text = section_field("향후일정", SCHEDULE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_lines = {}
        page = self.instance
        if page.pk:
            # The lines (and a table's rows) once, for the texts here and for the save's comparison.
            prefetch_related_objects([page], *SECTION_PREFETCH, "unit__policy__edition")
        # A revert form's page is an old version of it (simple_history sets its record on it): its
        # lines are shown as they were then, and saving the form brings them back.
        record = getattr(page, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        self.reverts = record is not None
        moment = revert_moment(record) if self.reverts else None
        for section in SECTIONS:
            text = ""
            if page.pk:
                lines = lines_as_of(page, section, moment) if moment else stored_lines(page, section)
                text = text_of(lines, section, page_year(page))
            self.initial[field_name(section)] = text
            shown = self.data.get(self.add_prefix(field_name(section)), text)
            self.fields[field_name(section)].widget.attrs["rows"] = min(max(shown.count("\n") + 2, 3), 32)

    def change_reason(self) -> str:
        """What this save changes, in a few words, for the page's history ("추진실적·향후일정 고침")."""
        if self.reverts:
            record = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME)
            moment = format_moment(record.history_date)
            return f"{moment} 판으로 되돌림"
        labels = [str(self.fields[name].label) for name in self.changed_data if name != "seen_version"]
        return f"{'·'.join(labels)} 고침" if labels else ""

    def changes_anything(self) -> bool:
        """Whether saving this form would change the page: a revert always may (its initial values
        are the old version's, the page's are today's)."""
        return self.reverts or self.has_changed()

    def year(self) -> int | None:
        unit = self.cleaned_data.get("unit") or (self.instance.unit if self.instance.unit_id else None)
        return unit.policy.edition.year if unit else None

    def read_section(self, section: str) -> str:
        name = field_name(section)
        text = self.cleaned_data.get(name, "")
        try:
            self.section_lines[section] = parse_section(section, text, self.year())
        except ValidationError as refused:
            self.fields[name].widget.attrs["data-error-lines"] = ",".join(map(str, error_lines(refused)))
            raise
        return text

    def clean_overview_text(self):
        return self.read_section(OVERVIEW)

    def clean_achievements_text(self):
        return self.read_section(ACHIEVEMENTS)

    def clean_schedule_text(self):
        return self.read_section(SCHEDULE)

    def save_sections(self, page) -> list[str]:
        """Store the lines of each section whose text was changed (all of them for a revert); the
        sections written, by name. An untouched text is not read back over its stored lines."""
        return [
            section for section, lines in self.section_lines.items()
            if (self.reverts or field_name(section) in self.changed_data) and replace_section(page, section, lines)
        ]


class ScheduleItemForm(VersionedLineForm):
    """A 향후일정 line on its own page, its period typed as staff write it ("10월~12월", "연중").

    projects.periods reads the text in the year of the line's edition and prints it back in the
    report's form, so what the editor types is what the report prints.
    """

    period = forms.CharField(
        label="기간", required=False, max_length=20,
        help_text=f"보고서에 인쇄되는 그대로: {PERIOD_FORMS}. ※ 참고 줄은 비웁니다.",
    )

    class Meta:
        model = ScheduleItem
        fields = ["page", "order", "level", "marker", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.page_id:
            self.initial.setdefault("period", item.period_label)

    def clean(self):
        cleaned = super().clean()
        page = cleaned.get("page") or (self.instance.page if self.instance.page_id else None)
        text = cleaned.get("period", "").strip()
        if not text:
            self.instance.period = None
        elif page is None:
            self.add_error("period", "주요 현안업무를 먼저 고른 뒤 기간을 적으세요.")
        else:
            try:
                self.instance.period = parse_period(text, page.unit.policy.edition.year)
            except ValueError as error:
                self.add_error("period", str(error))
        return cleaned


class TableRowForm(VersionedLineForm):
    """A row of a 추진실적 table on its own page: its page is its line's."""

    page_path = "item__page"
