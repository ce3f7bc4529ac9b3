"""The editor's preview: a programme page as the report prints it, with the texts being typed.

Nothing is saved. The texts are read as a save would read them (projects.outline); the lines that
read are printed by the report's own template, and each line that does not is named with its
message, so the team lead sees both the page and what is wrong with it as they type.
"""
from dataclasses import dataclass

from django.db.models import Prefetch

from budget import figures as budget_figures
from projects.models import ProgramContact, ProgramPage
from projects.outline import SECTIONS, line_number, page_year, read_section
from projects.pages import ProgrammeEntry, draft_entry

PAGE_FIELDS = ("goal", "background", "content")


@dataclass(frozen=True)
class SheetHeading:
    """What the sheet prints above the page's own texts: the 단위사업's number, name and budget."""

    number: str
    name: str
    total: int
    budget_note: str


@dataclass(frozen=True)
class Draft:
    entry: ProgrammeEntry
    errors: dict  # section → ["3번째 줄: …"]
    error_lines: dict  # section → [3, …]


def draft_of(page: ProgramPage, data) -> Draft:
    """The page with the form's texts (goal, 추진배경, 사업내용 and the three sections) in place."""
    page = (
        ProgramPage.objects.select_related("unit__policy__edition")
        .prefetch_related("unit__details",
                          Prefetch("contacts", queryset=ProgramContact.objects.select_related("post__person")
                                   .order_by("order", "pk")))
        .get(pk=page.pk)
    )
    for name in PAGE_FIELDS:
        if name in data:
            setattr(page, name, data[name].strip())
    year = page_year(page)
    lines, errors, error_lines = {}, {}, {}
    for section in SECTIONS:
        lines[section], errors[section] = read_section(section, data.get(f"{section}_text", ""), year)
        error_lines[section] = [line_number(message) for message in errors[section]]
    unit = page.unit
    heading = SheetHeading(unit.number, unit.name, budget_figures.unit_total(unit), budget_figures.unit_budget_note(unit))
    return Draft(draft_entry(page, heading, lines), errors, error_lines)
